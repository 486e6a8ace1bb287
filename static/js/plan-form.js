// The plan form: show the weekday boxes and the cycle field only for the
// patterns that use them. Without this script every field stays visible and
// the form works the same.
document.querySelectorAll("[data-plan-row]").forEach((row) => {
  const select = row.querySelector("[data-pattern-select] select");
  if (!select) return;
  const update = () => {
    row.querySelectorAll("[data-pattern-only]").forEach((part) => {
      part.hidden = part.dataset.patternOnly !== select.value;
    });
  };
  select.addEventListener("change", update);
  update();
});

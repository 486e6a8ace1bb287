// The alert page: the safety plan is folded on a phone, where the page is long,
// and opened on a wide screen, where it fits beside everything else.
(function () {
  if (window.matchMedia("(min-width: 768px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
})();

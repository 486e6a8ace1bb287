// C-SSRS screener: questions 3-5 are asked only after a "yes" to question 2,
// and "within the past 3 months?" only after a "yes" to question 6. Without
// this script every question shows and the server applies the same skip.
(function () {
  "use strict";
  var form = document.querySelector("form.questionnaire");
  if (!form) return;
  var rules = { q3: "q2", q4: "q2", q5: "q2", q6_recent: "q6" };

  function answeredYes(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked !== null && checked.value === "1";
  }

  function update() {
    Object.keys(rules).forEach(function (key) {
      var fieldset = form.querySelector('[data-conditional="' + key + '"]');
      if (!fieldset) return;
      var show = answeredYes(rules[key]);
      fieldset.hidden = !show;
      fieldset.disabled = !show;
    });
  }

  form.addEventListener("change", update);
  update();
})();

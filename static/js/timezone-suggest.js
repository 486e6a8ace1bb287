// The reminder page, before anything is saved: choose the phone's own time
// zone, when the list has it, and say so beside the list. A saved choice is
// never changed (the page then has no data-suggest-browser-zone).
(function () {
  "use strict";
  var select = document.querySelector("select[data-suggest-browser-zone]");
  if (!select || !window.Intl || !Intl.DateTimeFormat) return;
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  // Browsers may still answer with an older name the list has under its new one.
  var renamed = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Europe/Kiev": "Europe/Kyiv",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Etc/UTC": "UTC",
    "Etc/GMT": "UTC"
  };
  zone = renamed[zone] || zone;
  var option = Array.prototype.find.call(select.options, function (o) {
    return o.value === zone;
  });
  if (!option) return;
  option.selected = true;
  var note = document.getElementById("timezone-suggested");
  if (note) {
    // The sentence comes translated from the page (data-text, "{zone}" marks the place).
    var text = note.dataset.text || "We chose your phone's time zone, {zone}. Change it if it is wrong.";
    note.textContent = text.replace("{zone}", option.textContent);
    note.classList.remove("d-none");
  }
})();

// Keeps what the patient types in the journal on this device until the
// server has saved it, so a reload, a lost connection or a "too long" answer
// never loses their words. The page after a successful save names the draft
// to forget (data-draft-saved).
(function () {
  "use strict";

  var form = document.getElementById("checkin-form");
  if (!form) {
    return;
  }
  var key = form.dataset.draftKey;
  var journal = form.querySelector("textarea[name=journal]");
  var counter = document.getElementById("journal-count");
  var restored = document.getElementById("draft-restored");
  var undo = document.getElementById("draft-undo");
  var limit = parseInt(journal.dataset.maxLength || "20000", 10);

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // private browsing, or storage switched off: no drafts
    }
  }

  function count() {
    if (!counter) {
      return;
    }
    var length = journal.value.length;
    // The sentences come translated from the page (data-count-text, data-over-text).
    var fill = function (text) {
      return text.replace("{length}", length).replace("{limit}", limit)
        .replace("{over}", length - limit);
    };
    if (length > limit) {
      counter.textContent = fill(counter.dataset.overText ||
        "{length} of {limit} characters: {over} too many. Shorten it before saving; nothing is lost meanwhile.");
      counter.classList.add("text-danger", "fw-semibold");
    } else {
      counter.textContent = fill(counter.dataset.countText || "{length} of {limit} characters");
      counter.classList.remove("text-danger", "fw-semibold");
    }
  }

  var store = storage();
  if (store && form.dataset.draftSaved) {
    store.removeItem(form.dataset.draftSaved);
  }
  if (store && key) {
    var draft = store.getItem(key);
    var serverText = journal.value;
    if (draft !== null && draft !== "" && draft !== serverText) {
      journal.value = draft;
      if (restored) {
        restored.classList.remove("d-none");
      }
      if (undo) {
        undo.addEventListener("click", function () {
          journal.value = serverText;
          store.removeItem(key);
          restored.classList.add("d-none");
          count();
          journal.focus();
        });
      }
    }
    journal.addEventListener("input", function () {
      try {
        store.setItem(key, journal.value);
      } catch (error) {
        // Storage full: the text is still in the box.
      }
    });
  }
  journal.addEventListener("input", count);
  count();
})();

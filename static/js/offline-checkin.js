/* The check-in with no signal (issue 19).

   Registers the service worker (/sw.js) and tells it this page's session, so
   it keeps the diary and the crisis page for offline use.

   Saving with no signal: the answers are kept on this device (localStorage,
   one waiting entry per patient and day: a newer save replaces an unsent
   older one) and the page says "Waiting to send". When the signal returns
   (the "online" event, or the next time a diary page opens online) they are
   sent once: each saved draft carries the form's random key, and the server
   applies a key once (services.checkin_submit), so a send whose answer was
   lost and is sent again changes nothing. A new key is made after each
   save, so the next one is a new save. Online, the form is posted as usual. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var box = document.getElementById("offline-status");
  if (!form || !box) return;

  var outboxKey = "trellis-outbox-" + form.dataset.draftKey;
  var keyField = form.querySelector("input[name=submission_key]");
  var sending = false;

  if ("serviceWorker" in navigator && form.dataset.swUrl) {
    navigator.serviceWorker
      .register(form.dataset.swUrl, { scope: "/" })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        if (registration.active) {
          registration.active.postMessage({ type: "session", tag: form.dataset.sessionTag || "" });
        }
      })
      .catch(function () {
        /* No worker (a private window, an old browser): the page still works online. */
      });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) {
        return part.join("");
      })
      .join("-");
  }

  function waiting() {
    try {
      return JSON.parse(localStorage.getItem(outboxKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function show(state) {
    box.querySelectorAll("[data-state]").forEach(function (part) {
      part.classList.toggle("d-none", part.dataset.state !== state);
    });
    box.classList.toggle("d-none", !state);
    box.className = box.className.replace(/\balert-(warning|success|danger)\b/g, "");
    if (state) box.classList.add(state === "sent" ? "alert-success" : state === "problem" ? "alert-danger" : "alert-warning");
  }

  function send() {
    var draft = waiting();
    if (!draft || sending || !navigator.onLine) return;
    sending = true;
    show("sending");
    // The token of the page sending it: a draft kept across a new sign-in
    // carries the old session's, which the server would refuse.
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var entries = draft.entries.map(function (entry) {
      return entry[0] === "csrfmiddlewaretoken" && token ? [entry[0], token.value] : entry;
    });
    fetch(draft.url, {
      method: "POST",
      body: new URLSearchParams(entries),
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    })
      .then(function (response) {
        var path = new URL(response.url).pathname;
        var current = waiting();
        if (response.ok && response.redirected && path !== box.dataset.loginUrl) {
          if (current && current.key === draft.key) localStorage.removeItem(outboxKey);
          if (path === box.dataset.crisisUrl) {
            // The entry raised a concern: the crisis page is what to see now.
            window.location.assign(response.url);
            return;
          }
          show(waiting() ? "waiting" : "sent");
        } else if (path === box.dataset.loginUrl || response.status === 403) {
          // Signed out, or the session changed: kept until they sign in again.
          show("signin");
        } else {
          // Refused as it was (a day that has ended, an answer out of range):
          // the answers stay in the form; saving again shows why.
          localStorage.removeItem(outboxKey);
          show("problem");
        }
      })
      .catch(function () {
        show("waiting");
      })
      .then(function () {
        sending = false;
        // A newer save made while this one was on its way goes next.
        var next = waiting();
        if (next && next.key !== draft.key) send();
      });
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine) return;
    event.preventDefault();
    var data = new FormData(form);
    var entries = [];
    data.forEach(function (value, name) {
      entries.push([name, String(value)]);
    });
    var key = keyField ? keyField.value : "";
    localStorage.setItem(
      outboxKey,
      JSON.stringify({ url: form.getAttribute("action") || window.location.pathname, entries: entries, key: key }),
    );
    // The next save from this page is a new one, with a key of its own.
    if (keyField) keyField.value = newKey();
    show("waiting");
    box.focus();
  });

  // A key of this page load's own: a page opened from the worker's copy
  // carries the key it was rendered with, which may have been applied already
  // (a draft from that copy would then be taken for a replay and dropped).
  if (keyField) keyField.value = newKey();

  window.addEventListener("online", send);
  window.addEventListener("offline", function () {
    if (waiting()) show("waiting");
  });
  if (waiting()) {
    show("waiting");
    send();
  }
})();

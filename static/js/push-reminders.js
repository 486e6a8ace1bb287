/* Notifications on this phone, on the reminders page (issue 19).

   Allow: register the service worker (/sw.js, which shows the reminder),
   ask the browser for permission, subscribe with the server's VAPID public
   key, and post the subscription to the server (CSRF token in the header).
   Stop: unsubscribe in the browser and tell the server to forget it. */
(function () {
  "use strict";
  var box = document.getElementById("push-setup");
  if (!box) return;
  var form = box.closest("form");
  var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

  function show(state) {
    box.classList.remove("d-none");
    box.querySelectorAll("[data-push]").forEach(function (part) {
      part.classList.toggle("d-none", part.dataset.push !== state);
    });
  }

  function fail() {
    box.querySelector("[data-push=error]").classList.remove("d-none");
  }

  function csrf() {
    var field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(data),
    }).then(function (response) {
      if (!response.ok) throw new Error("refused");
      return response;
    });
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function registration() {
    return navigator.serviceWorker.register(box.dataset.swUrl, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  function chooseChannel(value) {
    var radio = form && form.querySelector("input[name=channel][value=" + value + "]");
    if (radio) radio.checked = true;
  }

  if (!supported || !box.dataset.publicKey) {
    show("unsupported");
    return;
  }
  if (Notification.permission === "denied") {
    show("denied");
    return;
  }

  registration()
    .then(function (reg) {
      return reg.pushManager.getSubscription();
    })
    .then(function (subscription) {
      show(subscription ? "on" : "off");
    })
    .catch(function () {
      show("off");
    });

  document.getElementById("push-allow").addEventListener("click", function () {
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") {
          show(permission === "denied" ? "denied" : "off");
          return null;
        }
        return registration()
          .then(function (reg) {
            return reg.pushManager.subscribe({
              userVisibleOnly: true,
              applicationServerKey: keyBytes(box.dataset.publicKey),
            });
          })
          .then(function (subscription) {
            return post(box.dataset.subscribeUrl, subscription.toJSON());
          })
          .then(function () {
            show("on");
            // Notifications allowed: the reminder comes that way unless they choose otherwise.
            var checked = form && form.querySelector("input[name=channel]:checked");
            if (!checked || checked.value === "email") chooseChannel("push");
          });
      })
      .catch(fail);
  });

  document.getElementById("push-stop").addEventListener("click", function () {
    registration()
      .then(function (reg) {
        return reg.pushManager.getSubscription();
      })
      .then(function (subscription) {
        if (!subscription) return null;
        var endpoint = subscription.endpoint;
        return subscription.unsubscribe().then(function () {
          return post(box.dataset.unsubscribeUrl, { endpoint: endpoint });
        });
      })
      .then(function () {
        show("off");
        chooseChannel("email");
      })
      .catch(fail);
  });
})();

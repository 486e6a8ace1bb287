/* Trellis's service worker (issue 19), served as /sw.js by apps/diaries/offline.py,
   which writes in the app's paths (the __NAME__ tokens).

   What it keeps, and why only this:
   - the diary (__DIARY__) and the crisis page (__CRISIS__) as this browser's
     signed-in patient last saw them, so both open with no signal. They are
     kept in one cache that is emptied when the person signs out, when anyone
     opens the sign-in page, and when a page says the session changed (its
     tag, offline.session_tag); a kept page older than the patient's idle
     limit is never shown. So one person's page is never shown to another.
   - the crisis page as anyone signed out sees it (the public numbers), kept
     at install: offline, it is what stands in for a page not kept.
   - static files (no one's data), as a fallback when the network fails.
   Every other request (the clinicians' pages above all) goes to the network
   untouched and is never stored.

   It also shows the daily reminder's push notification, and opens the diary
   when it is tapped. */

const DIARY = "__DIARY__";
const CRISIS = "__CRISIS__";
const LOGIN = "__LOGIN__";
const LOGOUT = "__LOGOUT__";
const STATIC = "__STATIC__";
const MAX_AGE_MS = __MAX_AGE_SECONDS__ * 1000;

const PAGES = "trellis-pages-v1";
const PUBLIC = "trellis-public-v1";
const ASSETS = "trellis-static-v1";
const META = "trellis-meta-v1";
const KNOWN = [PAGES, PUBLIC, ASSETS, META];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(PUBLIC)
      .then((cache) => cache.add(new Request(CRISIS, { credentials: "omit" })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => !KNOWN.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function forgetPages() {
  return caches.delete(PAGES);
}

// Only a page that came back whole for the path asked (no redirect to the
// sign-in page, no 404 for a member of staff) is kept.
function keep(path, response) {
  if (!response.ok || response.redirected || new URL(response.url).pathname !== path) {
    return Promise.resolve();
  }
  return response.blob().then((body) => {
    const headers = new Headers(response.headers);
    headers.set("X-Trellis-Kept-At", String(Date.now()));
    return caches
      .open(PAGES)
      .then((cache) => cache.put(path, new Response(body, { status: 200, headers })));
  });
}

function kept(path) {
  return caches
    .open(PAGES)
    .then((cache) => cache.match(path))
    .then((response) => {
      const at = response && Number(response.headers.get("X-Trellis-Kept-At"));
      if (response && at && Date.now() - at < MAX_AGE_MS) return response;
      return caches.open(PUBLIC).then((cache) => cache.match(CRISIS));
    });
}

// A page tells the worker which session it belongs to, and asks for the two
// pages to be kept (the first visit, before the worker controlled the page).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "session" || typeof data.tag !== "string") return;
  event.waitUntil(
    caches.open(META).then((meta) =>
      meta
        .match("/session-tag")
        .then((old) => (old ? old.text() : ""))
        .then((oldTag) => (oldTag && oldTag !== data.tag ? forgetPages() : null))
        .then(() => meta.put("/session-tag", new Response(data.tag)))
        // Only what is not kept yet: a page the worker controls was kept as it
        // was fetched, so a visit does not cost the server two more pages.
        .then(() => caches.open(PAGES))
        .then((pages) =>
          Promise.all(
            [DIARY, CRISIS].map((path) =>
              pages.match(path).then((hit) =>
                hit ? null : fetch(path, { credentials: "same-origin" }).then((r) => keep(path, r)),
              ),
            ),
          ),
        )
        .catch(() => null),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(LOGOUT) || url.pathname.startsWith(LOGIN)) {
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && (url.pathname === DIARY || url.pathname === CRISIS)) {
    // A diary page for another day (?date=) is not kept: only today's opens offline.
    const keepIt = url.pathname === CRISIS || !url.search;
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (keepIt) event.waitUntil(keep(url.pathname, response.clone()));
          return response;
        })
        .catch(() => kept(url.pathname)),
    );
    return;
  }
  if (url.pathname.startsWith(STATIC)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(ASSETS).then((cache) => cache.put(request, copy)));
          }
          return response;
        })
        .catch(() => caches.open(ASSETS).then((cache) => cache.match(request)).then((r) => r || Response.error())),
    );
  }
});

// The daily reminder (apps/diaries/reminder_channels/push.py). Its words come
// in the message; nothing the patient wrote is ever in it.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "Trellis", {
      body: data.body || "",
      tag: "trellis-reminder",
      icon: data.icon,
      data: { url: data.url || DIARY },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || DIARY, self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (new URL(client.url).pathname === target.pathname && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(target.href);
    }),
  );
});

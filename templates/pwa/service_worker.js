{% autoescape off %}/* Belajar ASN service worker, version {{ version }} (rendered by home.views).
 *
 * Pages: network first, so learners see their current progress; when the
 * network fails (or a saved page takes too long on a weak link), the copy
 * saved on the phone, else the offline page.
 * Static files with a hash in their name: cache first (the name changes
 * whenever the content does). Images: the saved copy if there is one.
 * Nothing else is touched: POST requests always go to the network, and
 * static/js/offline.js keeps on the phone what could not be sent.
 */
"use strict";

var VERSION = "{{ version }}";
var STATIC_CACHE = "lms-static-" + VERSION;
// One cache per saved course (static/js/offline.js writes them).
var SAVED_PREFIX = "lms-saved-";
// A page that offline.js already received after sending a form, handed over
// so that showing it costs no second request.
var HANDOFF_CACHE = "lms-handoff";
var HANDOFF_MAX_AGE_MS = 60000;
var SHELL = {{ shell_json }};
var OFFLINE_URL = {{ offline_url_json }};
var STATIC_URL = {{ static_url_json }};
var MEDIA_URL = {{ media_url_json }};
// A saved page is shown when the network has not answered by then.
var SLOW_NETWORK_MS = 10000;
var HASHED_NAME = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;
var MATCH = { ignoreVary: true };

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      var old = names.filter(function (name) {
        return name.indexOf("lms-static-") === 0 && name !== STATIC_CACHE;
      });
      return Promise.all(old.map(function (name) { return caches.delete(name); }))
        .then(function () { return self.clients.claim(); })
        .then(function () {
          // After an update, saved pages still name the old static files.
          if (old.length) return refreshSavedPages();
        });
    })
  );
});

function isSaved(name) {
  return name.indexOf(SAVED_PREFIX) === 0;
}

function savedCaches() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(isSaved).map(function (name) {
      return caches.open(name);
    }));
  });
}

function refreshSavedPages() {
  return savedCaches().then(function (stores) {
    return Promise.all(stores.map(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (response) {
            var type = response && response.headers.get("Content-Type") || "";
            if (type.indexOf("text/html") !== 0) return null;
            return fetch(request.url, { credentials: "same-origin" })
              .then(function (fresh) {
                if (fresh.ok && !fresh.redirected) return cache.put(request, fresh);
                return null;
              })
              .catch(function () { return null; });
          });
        }));
      });
    }));
  });
}

// Keep saved copies of a page up to date whenever it comes from the network.
function keepFresh(url, response) {
  return savedCaches().then(function (stores) {
    return Promise.all(stores.map(function (cache) {
      var copy = response.clone();
      return cache.match(url, MATCH).then(function (hit) {
        return hit ? cache.put(url, copy) : null;
      });
    }));
  });
}

function takeHandoff(url) {
  return caches.open(HANDOFF_CACHE).then(function (cache) {
    return cache.match(url).then(function (hit) {
      if (!hit) return null;
      return cache.delete(url).then(function () {
        var at = Number(hit.headers.get("X-Handoff-At") || 0);
        return Date.now() - at < HANDOFF_MAX_AGE_MS ? hit : null;
      });
    });
  });
}

function offlinePage() {
  return caches.match(OFFLINE_URL, MATCH).then(function (page) {
    return page || Response.error();
  });
}

function page(event) {
  var request = event.request;
  return takeHandoff(request.url).then(function (handed) {
    if (handed) return handed;
    return caches.match(request, MATCH).then(function (saved) {
      var network = fetch(request);
      if (!saved) return network.catch(offlinePage);
      network = network.then(function (response) {
        if (response.status >= 500) throw new Error("server error");
        if (response.ok && !response.redirected) {
          event.waitUntil(keepFresh(request.url, response.clone()));
        }
        return response;
      });
      return new Promise(function (resolve) {
        var timer = setTimeout(function () { resolve(saved); }, SLOW_NETWORK_MS);
        network.then(
          function (response) { clearTimeout(timer); resolve(response); },
          function () { clearTimeout(timer); resolve(saved); }
        );
      });
    });
  });
}

function staticFile(request) {
  var path = new URL(request.url).pathname;
  if (!HASHED_NAME.test(path)) {
    return fetch(request).catch(function () {
      return caches.match(request, MATCH).then(function (hit) {
        return hit || Response.error();
      });
    });
  }
  return caches.match(request, MATCH).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

function image(request) {
  return caches.match(request, MATCH).then(function (hit) {
    return hit || fetch(request);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/admin/") === 0 || url.pathname.indexOf("/django-admin/") === 0) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname.indexOf(STATIC_URL) === 0) {
    event.respondWith(staticFile(request));
  } else if (url.pathname.indexOf(MEDIA_URL) === 0 && request.destination === "image") {
    event.respondWith(image(request));
  }
});
{% endautoescape %}

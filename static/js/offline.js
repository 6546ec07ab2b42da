// Learning without a connection. Every page works without this file; with
// it, a learner can:
// - save a course on the phone ("Save for offline" on the course page) and
//   read its modules, mark them done, answer quizzes and the questionnaire
//   offline;
// - see what waits on the phone to be sent, and when it went through.
// What is done offline waits in localStorage, each action with an id made on
// the phone, and goes to /belajar/sync/ when the connection returns; the
// server records each id once, so sending twice is harmless.
// Texts come translated from data- attributes of the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var config = function (name) { return script ? script.getAttribute("data-" + name) : null; };
  var SW_URL = config("sw");
  var SYNC_URL = config("sync");
  var LOGOUT_URL = config("logout");
  var USER = config("user");
  var QUEUE_KEY = "lms-offline-queue";
  var LOG_KEY = "lms-offline-sent";
  var SAVED_KEY = "lms-offline-saved";
  var SAVED_PREFIX = "lms-saved-";
  var HANDOFF_CACHE = "lms-handoff";
  var LOG_LENGTH = 10;
  var LOG_DAYS_SHOWN = 7;
  var BATCH = 50;
  var POST_TIMEOUT_MS = 30000;
  var RETRY_MS = 30000;
  var LANG = document.documentElement.lang || "id";
  var canSave = "caches" in window && "serviceWorker" in navigator && !!window.fetch;
  var draining = false;
  var loginNeeded = false;
  var retryTimer = null;

  // Small helpers ---------------------------------------------------------

  function read(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) { /* storage full or disabled: nothing more to do */ }
  }

  function fill(text, values) {
    return (text || "").replace(/\{(\w+)\}/g, function (match, name) {
      return values[name] === undefined ? match : values[name];
    });
  }

  function text(element, name) {
    return element.getAttribute("data-text-" + name) || "";
  }

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function size(bytes) {
    if (bytes >= 1048576) {
      return (bytes / 1048576).toLocaleString(LANG, { maximumFractionDigits: 1 }) + " MB";
    }
    return Math.max(1, Math.round(bytes / 1024)).toLocaleString(LANG) + " KB";
  }

  function when(iso, withDate) {
    var date = new Date(iso);
    var time = date.toLocaleTimeString(LANG, { hour: "2-digit", minute: "2-digit" });
    if (!withDate && date.toDateString() === new Date().toDateString()) return time;
    return date.toLocaleDateString(LANG, { day: "numeric", month: "short" }) + " " + time;
  }

  function mine(item) {
    return !USER || String(item.user) === String(USER);
  }

  // The queue of actions done offline ------------------------------------

  function queue() { return read(QUEUE_KEY, []); }

  function enqueue(item) {
    var items = queue();
    items.push(item);
    write(QUEUE_KEY, items);
  }

  function itemFrom(form, kind) {
    var item = {
      client_id: uuid(),
      kind: kind,
      module: form.getAttribute("data-module"),
      title: form.getAttribute("data-title") || document.title,
      user: USER,
      queued_at: new Date().toISOString()
    };
    var data = new FormData(form);
    if (kind === "quiz") {
      var answers = {};
      each(form.querySelectorAll("input[name^='q-']"), function (input) {
        var id = input.name.slice(2);
        // Multiple choice (checkboxes and their empty marker) answers a list.
        if (input.type === "checkbox" || input.type === "hidden") answers[id] = [];
      });
      data.forEach(function (value, name) {
        if (name.indexOf("q-") !== 0) return;
        var id = name.slice(2);
        if (Array.isArray(answers[id])) {
          if (value !== "") answers[id].push(value);
        } else {
          answers[id] = value;
        }
      });
      item.answers = answers;
    } else if (kind === "feedback") {
      item.ratings = {};
      data.forEach(function (value, name) {
        if (name.indexOf("rating_") === 0) item.ratings[name] = value;
      });
      item.comment = data.get("comment") || "";
    }
    return item;
  }

  function markKept(form) {
    each(form.querySelectorAll("button, input, select, textarea"), function (field) {
      field.disabled = true;
    });
    var note = form.querySelector(".offline-kept");
    if (!note) {
      note = document.createElement("p");
      note.className = "offline-kept notice";
      note.setAttribute("role", "status");
      form.appendChild(note);
    }
    note.textContent = form.getAttribute("data-queued-text") || "";
  }

  function keep(form, item) {
    enqueue(item);
    markKept(form);
    render();
  }

  // Forms that were already kept show it when their page opens again.
  function showKept() {
    var waiting = queue().filter(mine);
    each(document.querySelectorAll("form[data-offline-kind]"), function (form) {
      var kind = form.getAttribute("data-offline-kind");
      var module = form.getAttribute("data-module");
      var kept = waiting.some(function (item) {
        return item.kind === kind && String(item.module) === module && kind !== "quiz";
      });
      if (kept) markKept(form);
    });
  }

  // Hands a page received after a form over to the service worker, which
  // shows it on the next navigation without asking the server again.
  function handOff(response, html) {
    var headers = new Headers(response.headers);
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    headers.set("X-Handoff-At", String(Date.now()));
    return caches.open(HANDOFF_CACHE).then(function (cache) {
      return cache.put(response.url, new Response(html, { status: 200, headers: headers }));
    }).then(function () { return response.url; });
  }

  function send(form, item, submitter) {
    var body = new FormData(form);
    // FormData leaves out the button pressed (e.g. "save" or "submit").
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    if (item.kind === "quiz") body.set("client_id", item.client_id);
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, POST_TIMEOUT_MS);
    each(form.querySelectorAll("button[type=submit]"), function (button) { button.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.text().then(function (html) { return handOff(response, html); });
    }).then(function (url) {
      clearTimeout(timer);
      window.location.assign(url);
    }).catch(function () {
      clearTimeout(timer);
      if (form.hasAttribute("data-autosave")) {
        // A started quiz: the server may have graded it before the link
        // failed, and sending it again is safe only to the same attempt.
        each(form.querySelectorAll("button[type=submit]"), function (button) {
          button.disabled = false;
        });
        var status = form.querySelector(".quiz-status");
        if (status) status.textContent = form.getAttribute("data-offline-text") || "";
        return;
      }
      // The link failed (or the page is too old to post): keep it on the
      // phone; the sync endpoint takes it with a fresh token, and the id made
      // on the phone keeps a second arrival from counting twice.
      keep(form, item);
      drain();
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (LOGOUT_URL && form.getAttribute("action") === LOGOUT_URL) {
      forgetSaved(event, form);
      return;
    }
    if (form.classList.contains("quiz-start")) {
      // The server starts quizzes; offline, open the quiz saved for offline.
      if (!navigator.onLine && form.getAttribute("data-offline-url")) {
        event.preventDefault();
        window.location.href = form.getAttribute("data-offline-url");
      }
      return;
    }
    var kind = form.getAttribute("data-offline-kind");
    if (!kind || event.defaultPrevented) return;
    var controlled = canSave && navigator.serviceWorker.controller;
    if (navigator.onLine && !controlled) return;  // an ordinary form post
    event.preventDefault();
    var submitter = event.submitter;
    if (!navigator.onLine && submitter && submitter.value === "save") {
      // Saving a started quiz needs the server; its answers stay in the form.
      var status = form.querySelector(".quiz-status");
      if (status) status.textContent = form.getAttribute("data-offline-text") || "";
      return;
    }
    var item = itemFrom(form, kind);
    if (!navigator.onLine) {
      keep(form, item);
    } else {
      send(form, item, submitter);
    }
  });

  // Sending the queue ----------------------------------------------------

  function drain() {
    if (draining || !navigator.onLine || !SYNC_URL || !window.fetch) return;
    if (!queue().length) return;
    draining = true;
    render();
    fetch(SYNC_URL, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          loginNeeded = true;
          return null;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        loginNeeded = false;
        return response.json();
      })
      .then(function (who) {
        if (!who) return false;
        var batch = queue().filter(function (item) {
          return String(item.user) === String(who.user) || !item.user;
        }).slice(0, BATCH);
        if (!batch.length) return false;
        return fetch(SYNC_URL, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            "X-CSRFToken": who.csrf_token
          },
          body: JSON.stringify({ items: batch })
        }).then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        }).then(function (answer) {
          var results = {};
          answer.results.forEach(function (result) { results[result.client_id] = result; });
          var now = new Date().toISOString();
          var log = read(LOG_KEY, []);
          var rest = [];
          queue().forEach(function (item) {
            var result = results[item.client_id];
            if (!result) {
              rest.push(item);
              return;
            }
            item.user = item.user || who.user;
            item.status = result.status;
            item.message = result.message || "";
            item.result_url = result.result_url || "";
            item.score = result.score;
            item.sent_at = now;
            log.unshift(item);
          });
          write(QUEUE_KEY, rest);
          write(LOG_KEY, log.slice(0, LOG_LENGTH));
          return batch.length === BATCH;
        });
      })
      .then(function (more) {
        draining = false;
        render();
        if (more) drain();
      })
      .catch(function () {
        draining = false;
        render();
        if (retryTimer) clearTimeout(retryTimer);
        retryTimer = setTimeout(drain, RETRY_MS);
      });
  }

  // The status area: what waits, what went through ----------------------

  function render() {
    each(document.querySelectorAll(".offline-status"), function (box) {
      var waiting = queue().filter(mine);
      var since = Date.now() - LOG_DAYS_SHOWN * 86400000;
      var sent = read(LOG_KEY, []).filter(function (item) {
        return mine(item) && Date.parse(item.sent_at) > since;
      });
      var note = box.querySelector(".offline-status-note");
      var list = box.querySelector(".offline-queue");
      var message = "";
      if (!navigator.onLine) message = text(box, "offline");
      else if (loginNeeded && waiting.length) message = text(box, "login");
      note.textContent = message;
      note.hidden = !message;
      list.textContent = "";
      waiting.concat(sent).forEach(function (item) {
        var row = document.createElement("li");
        var what = document.createElement("strong");
        what.textContent = fill(text(box, item.kind), { title: item.title });
        row.appendChild(what);
        row.appendChild(document.createElement("br"));
        var state = document.createElement("span");
        state.className = "meta";
        if (!item.sent_at) {
          state.textContent = draining ? text(box, "sending") : text(box, "waiting");
          row.className = "offline-waiting";
        } else if (item.status === "ok") {
          var parts = [fill(text(box, "sent"), { time: when(item.sent_at) })];
          if (item.score !== undefined && item.score !== null) {
            parts.push(fill(text(box, "score"), { score: Math.round(item.score) }));
          }
          state.textContent = parts.join(" · ");
          row.className = "offline-sent";
        } else {
          state.textContent = fill(text(box, "refused"), { reason: item.message });
          row.className = "offline-refused";
        }
        row.appendChild(state);
        if (item.result_url) {
          row.appendChild(document.createTextNode(" · "));
          var link = document.createElement("a");
          link.href = item.result_url;
          link.textContent = text(box, "result");
          row.appendChild(link);
        }
        list.appendChild(row);
      });
      box.hidden = !message && !list.children.length;
    });
  }

  // Saving a course on the phone ------------------------------------------

  function absolute(url, base) {
    return new URL(url, base).href;
  }

  function cssLength(value) {
    var match = /^([\d.]+)(vw|px|r?em)$/.exec(value.trim());
    if (!match) return window.innerWidth;
    var number = parseFloat(match[1]);
    if (match[2] === "vw") return number * window.innerWidth / 100;
    if (match[2] === "px") return number;
    return number * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
  }

  // The width an image takes on this screen, from its sizes attribute.
  function slotWidth(sizes) {
    var parts = (sizes || "100vw").split(",");
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].trim();
      var match = /^(\(.*\))\s+(\S+)$/.exec(part);
      if (!match) return cssLength(part);
      if (window.matchMedia(match[1]).matches) return cssLength(match[2]);
    }
    return window.innerWidth;
  }

  // The images of a page in the size this phone shows, each with the other
  // sizes of the same picture (saved as redirects to the chosen one).
  function imagesOf(html, base) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var found = [];
    each(doc.querySelectorAll("img"), function (img) {
      var src = img.getAttribute("src") ? absolute(img.getAttribute("src"), base) : null;
      var candidates = (img.getAttribute("srcset") || "").split(",").map(function (entry) {
        var bits = entry.trim().split(/\s+/);
        return { url: bits[0] ? absolute(bits[0], base) : "", width: parseInt(bits[1], 10) || 0 };
      }).filter(function (c) { return c.url && c.width; });
      if (!candidates.length) {
        if (src) found.push({ url: src, aliases: [] });
        return;
      }
      candidates.sort(function (a, b) { return a.width - b.width; });
      var wanted = slotWidth(img.getAttribute("sizes")) * (window.devicePixelRatio || 1);
      var chosen = candidates.filter(function (c) { return c.width >= wanted; })[0] ||
        candidates[candidates.length - 1];
      var aliases = candidates.map(function (c) { return c.url; });
      if (src) aliases.push(src);
      found.push({
        url: chosen.url,
        aliases: aliases.filter(function (url, index) {
          return url !== chosen.url && aliases.indexOf(url) === index;
        })
      });
    });
    each(doc.querySelectorAll("video[poster]"), function (video) {
      found.push({ url: absolute(video.getAttribute("poster"), base), aliases: [] });
    });
    return found.filter(function (image) {
      return new URL(image.url).origin === window.location.origin;
    });
  }

  // Fetches a URL into the cache; resolves to its body (text for pages).
  function store(cache, url, options, asText) {
    return fetch(url, options || { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || response.redirected) throw new Error("not saved: " + url);
      var copy = response.clone();
      var body = asText ? copy.text() : copy.blob();
      return body.then(function (content) {
        return cache.put(url, response).then(function () { return content; });
      });
    });
  }

  function savePage(cache, page) {
    var url = absolute(page.url, window.location.href);
    // X-Offline-Save tells the server this is a download, not a visit.
    var options = { credentials: "same-origin", headers: { "X-Offline-Save": "1" } };
    return store(cache, url, options, true).then(function (html) {
      var bytes = new Blob([html]).size;
      return imagesOf(html, url).reduce(function (done, image) {
        return done.then(function () {
          return cache.match(image.url).then(function (hit) {
            if (hit) return null;
            return store(cache, image.url).then(function (picture) {
              bytes += picture.size;
              return Promise.all(image.aliases.map(function (alias) {
                return cache.put(alias, Response.redirect(image.url, 302));
              }));
            });
          });
        });
      }, Promise.resolve()).then(function () { return bytes; });
    });
  }

  function savedCourses() { return read(SAVED_KEY, {}); }

  function showSaved(box) {
    var status = box.querySelector(".offline-save-status");
    var remove = box.querySelector(".offline-remove-button");
    var save = box.querySelector(".offline-save-button");
    var saved = savedCourses()[box.getAttribute("data-course")];
    if (saved && mine(saved)) {
      status.textContent = fill(text(box, "saved"), {
        pages: saved.pages.length,
        size: size(saved.bytes),
        date: when(saved.saved_at, true)
      });
      remove.hidden = false;
      if (!save.getAttribute("data-first-label")) save.setAttribute("data-first-label", save.textContent);
      save.textContent = text(box, "update");
    } else {
      remove.hidden = true;
      if (save.getAttribute("data-first-label")) save.textContent = save.getAttribute("data-first-label");
    }
  }

  function saveCourse(box) {
    var status = box.querySelector(".offline-save-status");
    var buttons = box.querySelectorAll("button");
    var id = box.getAttribute("data-course");
    if (!navigator.onLine) {
      status.textContent = text(box, "offline");
      return;
    }
    each(buttons, function (button) { button.disabled = true; });
    var name = SAVED_PREFIX + id;
    var bytes = 0;
    var course;
    fetch(box.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        course = data;
        return caches.delete(name).then(function () { return caches.open(name); });
      })
      .then(function (cache) {
        var pages = course.pages.concat([{ url: course.dashboard, kind: "dashboard" }]);
        return pages.reduce(function (done, page, index) {
          return done.then(function () {
            status.textContent = fill(text(box, "saving"), { done: index + 1, total: pages.length });
            return savePage(cache, page).then(function (pageBytes) { bytes += pageBytes; });
          });
        }, Promise.resolve());
      })
      .then(function () {
        var saved = savedCourses();
        saved[id] = {
          id: id,
          user: USER,
          title: course.course.title,
          url: course.course.url,
          pages: course.pages,
          bytes: bytes,
          saved_at: new Date().toISOString()
        };
        write(SAVED_KEY, saved);
        showSaved(box);
      })
      .catch(function () {
        // A half-saved course would fail the learner offline: keep nothing.
        caches.delete(name);
        var saved = savedCourses();
        delete saved[id];
        write(SAVED_KEY, saved);
        showSaved(box);
        status.textContent = text(box, "failed");
      })
      .then(function () {
        each(buttons, function (button) { button.disabled = false; });
      });
  }

  function removeCourse(box) {
    var id = box.getAttribute("data-course");
    caches.delete(SAVED_PREFIX + id).then(function () {
      var saved = savedCourses();
      delete saved[id];
      write(SAVED_KEY, saved);
      showSaved(box);
      box.querySelector(".offline-save-status").textContent = text(box, "removed");
    });
  }

  function setUpSaving() {
    each(document.querySelectorAll(".offline-save"), function (box) {
      if (!canSave) return;
      box.hidden = false;
      showSaved(box);
      box.querySelector(".offline-save-button").addEventListener("click", function () {
        saveCourse(box);
      });
      box.querySelector(".offline-remove-button").addEventListener("click", function () {
        removeCourse(box);
      });
    });
  }

  // On a shared phone, the next person must not find the saved pages.
  function forgetSaved(event, form) {
    if (!canSave) return;
    event.preventDefault();
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(SAVED_PREFIX) === 0 || name === HANDOFF_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).catch(function () { return null; }).then(function () {
      window.localStorage.removeItem(SAVED_KEY);
      form.submit();
    });
  }

  // The offline page lists what is saved on the phone.
  function listSaved() {
    each(document.querySelectorAll(".saved-courses"), function (box) {
      var list = box.querySelector(".saved-course-list");
      var saved = savedCourses();
      list.textContent = "";
      Object.keys(saved).forEach(function (id) {
        var course = saved[id];
        var row = document.createElement("li");
        var link = document.createElement("a");
        link.href = course.url;
        link.textContent = course.title;
        row.appendChild(link);
        var meta = document.createElement("span");
        meta.className = "meta";
        meta.textContent = " · " + fill(text(box, "pages"), {
          pages: course.pages.length,
          size: size(course.bytes)
        });
        row.appendChild(meta);
        var pages = document.createElement("ul");
        course.pages.forEach(function (page) {
          if (page.kind !== "module") return;
          var item = document.createElement("li");
          var pageLink = document.createElement("a");
          pageLink.href = page.url;
          pageLink.textContent = page.title;
          item.appendChild(pageLink);
          pages.appendChild(item);
        });
        row.appendChild(pages);
        list.appendChild(row);
      });
      box.querySelector(".saved-empty").hidden = list.children.length > 0;
    });
  }

  // Start -----------------------------------------------------------------

  if (canSave && SW_URL) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(SW_URL).catch(function () { return null; });
    });
  }
  window.addEventListener("online", function () { render(); drain(); });
  window.addEventListener("offline", render);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") drain();
  });
  setUpSaving();
  listSaved();
  showKept();
  render();
  drain();
})();

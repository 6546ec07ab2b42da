// Quiz page improvements; the form works without this file. Texts come
// translated from data- attributes of the page.
// - saves answers in the background as the learner goes, so a dropped
//   connection loses nothing;
// - shows a countdown when the attempt has a time limit.
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector(".quiz-status");
  var url = form.getAttribute("data-autosave");
  var timer = null;
  var pending = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function save() {
    timer = null;
    if (pending) { timer = setTimeout(save, 1000); return; }
    pending = true;
    var data = new FormData(form);
    data.delete("action");
    fetch(url, { method: "POST", body: data, credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.json().then(function (body) { return [response, body]; });
      })
      .then(function (result) {
        var body = result[1];
        if (body.ok) {
          say(form.getAttribute("data-saved-text"));
        } else {
          say(body.error || "");
          if (result[0].status === 409) window.location.reload();
        }
      })
      .catch(function () {
        say(form.getAttribute("data-offline-text"));
      })
      .then(function () { pending = false; });
  }

  form.addEventListener("change", function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 800);
  });

  var clock = document.querySelector(".quiz-timer");
  if (clock) {
    var deadline = Date.parse(clock.getAttribute("data-deadline"));
    clock.hidden = false;
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      clock.textContent = clock.getAttribute("data-label") + ": " + minutes + ":" +
        (seconds < 10 ? "0" : "") + seconds;
      if (left > 0) setTimeout(tick, 1000);
    };
    tick();
  }
})();

// The console ticket page: who else has the ticket open, who is typing, and whether a new
// message arrived since the page was drawn. The server holds a send that would cross a new
// message anyway (console/views.py); this only says so early. Without JavaScript nothing here
// runs and the server's check still applies.
(function () {
  "use strict";
  var box = document.getElementById("presence");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-url");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var seenInput = document.querySelector("form input[name=seen_until]");
  var reply = document.getElementById("id_reply_body");
  var list = box.querySelector("[data-others]");
  var fresh = box.querySelector("[data-unseen]");
  var typing = false;
  var typingTimer = null;
  var EVERY = parseInt(box.getAttribute("data-every"), 10) || 10000;

  function text(template, name) {
    return template.replace("__NAME__", name);
  }

  function show(data) {
    if (!data) return;
    list.textContent = "";
    (data.others || []).forEach(function (other) {
      var item = document.createElement("li");
      item.className = other.typing ? "typing" : "viewing";
      item.textContent = text(
        box.getAttribute(other.typing ? "data-typing" : "data-viewing"),
        other.name
      );
      list.appendChild(item);
    });
    box.hidden = !(data.others && data.others.length) && !data.unseen;
    fresh.hidden = !data.unseen;
  }

  function beat() {
    if (!tokenInput) return;
    var body = new URLSearchParams();
    body.set("typing", typing ? "1" : "0");
    body.set("seen_until", seenInput ? seenInput.value : "");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput.value },
      body: body,
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(show)
      .catch(function () {});
  }

  if (reply) {
    reply.addEventListener("input", function () {
      if (!typing) {
        typing = true;
        beat();
      }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () {
        typing = false;
        beat();
      }, 5000);
    });
  }
  // A closed page simply stops renewing its mark, which the server forgets after 30 s.
  beat();
  setInterval(beat, EVERY);
})();

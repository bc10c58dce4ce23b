// Console ticket page: the "answers at hand" panel. Its content is fetched the first time the
// panel is opened, so the page never waits for the search; each answer's buttons put its link
// or quote into the reply box at the cursor, keeping what the agent typed around it.
(function () {
  "use strict";
  var panel = document.getElementById("answers");
  var box = document.getElementById("id_reply_body");
  if (!panel) return;
  // Until the agent has been in the box, its cursor means nothing: insert at the end.
  var visited = false;
  if (box) box.addEventListener("focus", function () { visited = true; });

  function load() {
    var url = panel.getAttribute("data-answers-url");
    var body = panel.querySelector("#answers-body");
    if (!url || !body || panel.getAttribute("data-answers-loaded")) return;
    panel.setAttribute("data-answers-loaded", "1");
    var status = body.querySelector("[data-answers-status]");
    if (status) status.hidden = false;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        // Our own server-rendered partial (autoescaped), as the on-chain block does.
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.querySelector("#answers-body");
        if (!fresh) throw new Error("no answers body");
        body.replaceWith(fresh);
      })
      .catch(function () {
        panel.removeAttribute("data-answers-loaded"); // opening the panel again tries again
        if (status) status.textContent = panel.getAttribute("data-answers-error");
      });
  }

  function insert(text, asQuote) {
    var end = box.value.length;
    var from = visited ? box.selectionStart : end;
    var to = visited ? box.selectionEnd : end;
    var before = box.value.slice(0, from);
    var after = box.value.slice(to);
    var lead = "";
    var tail = "";
    if (asQuote) {
      // A quote stands in its own paragraph.
      if (before && !/\n\n$/.test(before)) lead = /\n$/.test(before) ? "\n" : "\n\n";
      if (!/^\n\n/.test(after)) tail = /^\n/.test(after) ? "\n" : "\n\n";
    } else {
      // A link stands apart from the words around it, or it would swallow them (Chinese
      // punctuation already ends a link, so no space after "，").
      if (before && !/[\s\u3000-\u303f\uff00-\uffef]$/.test(before)) lead = " ";
      if (!/^\s/.test(after)) tail = " ";
    }
    box.focus();
    box.setRangeText(lead + text + tail, from, to, "end");
    // Whatever listens to typing (presence, the draft) hears about it.
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  panel.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-insert]") : null;
    if (!button || !box) return;
    insert(button.getAttribute("data-insert"), button.getAttribute("data-insert-as") === "quote");
    var said = panel.querySelector("[data-answers-said]");
    if (said) said.textContent = panel.getAttribute("data-answers-inserted");
  });
  panel.addEventListener("toggle", function () { if (panel.open) load(); });
  if (panel.open) load();
})();

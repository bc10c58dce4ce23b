// Console ticket page: the action forms an agent needs on few tickets (priority, category,
// reject, close, merge, reopen) are drawn only when their panel is opened. The first
// opening fetches the form from its action's address (?part=form) and puts it in the panel;
// without JavaScript the panel holds a link to that address, the ticket page with the form open.
(function () {
  "use strict";
  var section = document.querySelector("[data-form-loading]");
  if (!section) return;

  function load(panel) {
    var url = panel.getAttribute("data-form-url");
    var body = panel.querySelector("[data-form-body]");
    if (!url || !body || panel.getAttribute("data-form-loaded") || body.querySelector("form")) return;
    panel.setAttribute("data-form-loaded", "1");
    var status = body.querySelector("[data-form-status]");
    if (!status) {
      status = document.createElement("p");
      status.className = "muted";
      status.setAttribute("role", "status");
      status.setAttribute("data-form-status", "");
      body.appendChild(status);
    }
    status.textContent = section.getAttribute("data-form-loading");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        // Our own server-rendered partial (autoescaped), as the answers panel does.
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.querySelector("[data-form-body]");
        if (!fresh) throw new Error("no form");
        body.replaceWith(fresh);
      })
      .catch(function () {
        panel.removeAttribute("data-form-loaded"); // opening the panel again tries again
        status.textContent = section.getAttribute("data-form-error");
      });
  }

  section.querySelectorAll("details[data-form-url]").forEach(function (panel) {
    panel.addEventListener("toggle", function () { if (panel.open) load(panel); });
    if (panel.open) load(panel);
  });
})();

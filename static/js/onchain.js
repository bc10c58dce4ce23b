// Console ticket page: fill the on-chain block after the page has loaded, so a slow chain
// endpoint never delays the page. The server bounds the lookup; this bounds the wait too.
(function () {
  "use strict";
  var TIMEOUT_MS = 15000;

  function fill(section) {
    var url = section.getAttribute("data-onchain-url");
    var status = section.querySelector("[data-onchain-status]");
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;

    function fail() {
      if (status) {
        status.textContent = section.getAttribute("data-onchain-error");
      }
    }

    fetch(url, {
      credentials: "same-origin",
      headers: { "Accept": "text/html" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      // The answer is our own server-rendered partial (autoescaped); an empty answer means
      // there is nothing to show for this ticket.
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var fresh = holder.querySelector("#onchain");
      if (fresh) { section.replaceWith(fresh); } else { section.remove(); }
    }).catch(fail).then(function () {
      if (timer) { window.clearTimeout(timer); }
    });
  }

  function start() {
    document.querySelectorAll("[data-onchain-url]").forEach(fill);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

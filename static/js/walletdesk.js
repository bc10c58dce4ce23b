// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy && navigator.clipboard) {
      event.preventDefault();
      navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
        copy.setAttribute("data-copied", "true");
      });
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // One click, one submission: a slow phone network must not create two tickets.
    var buttons = form.querySelectorAll("button[type=submit]");
    window.setTimeout(function () {
      buttons.forEach(function (b) { b.disabled = true; });
    }, 0);
  });
})();
// Coming back with the browser's Back button must not leave the form's buttons disabled.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("button[type=submit][disabled]").forEach(function (b) { b.disabled = false; });
});
// Queue ages: the server prints the local date and time; say "3 hours ago" where the
// browser can, in the page's language.
(function () {
  "use strict";
  if (!window.Intl || !Intl.RelativeTimeFormat) { return; }
  var format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto" });
  var steps = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];
  document.querySelectorAll("time[data-relative]").forEach(function (node) {
    var when = Date.parse(node.getAttribute("datetime"));
    if (isNaN(when)) { return; }
    var seconds = Math.round((when - Date.now()) / 1000);
    for (var i = 0; i < steps.length; i++) {
      if (Math.abs(seconds) >= steps[i][1] || i === steps.length - 1) {
        node.title = node.textContent;
        node.textContent = format.format(Math.round(seconds / steps[i][1]), steps[i][0]);
        return;
      }
    }
  });
})();

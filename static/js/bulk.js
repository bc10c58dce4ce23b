// Bulk actions: "choose every ticket on this page" on the queue, and the job page's progress.
// Without JavaScript the boxes are ticked one by one and the job page has a reload link.
(function () {
  "use strict";
  var all = document.querySelector("[data-pick-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll('input[name=ticket][form=bulk]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }
  var job = document.getElementById("bulk-job");
  if (!job || !window.fetch || job.getAttribute("data-finished") === "true") return;
  var url = job.getAttribute("data-progress");
  var bar = job.querySelector("progress");
  var done = job.querySelector("[data-done]");
  var refused = job.querySelector("[data-refused]");
  function poll() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        bar.max = data.total;
        bar.value = data.done;
        done.textContent = data.done;
        refused.textContent = data.refused;
        if (data.finished) {
          window.location.reload();  // the finished page lists the refusals
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();

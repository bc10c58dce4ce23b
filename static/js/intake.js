// Live completeness meter of the ticket form. The form works without this file: the server
// checks everything again on submit. While the user types, the draft is posted (debounced) to
// the intake endpoint and the answer is drawn: score bar, missing details, field errors,
// secret warnings and flags. Texts come from the server, already translated.
(function () {
  "use strict";
  var DELAY = 500;
  var FIELDS = ["subject", "description", "network", "asset", "tx_hash", "address", "memo",
    "amount", "occurred_at"];

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function item(text, detail) {
    var li = document.createElement("li");
    var strong = document.createElement("strong");
    strong.textContent = text;
    li.appendChild(strong);
    if (detail) {
      li.appendChild(document.createTextNode(" — " + detail));
    }
    return li;
  }

  function draft(form) {
    var data = { category: form.getAttribute("data-intake-category") };
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && "value" in field) { data[name] = field.value; }
    });
    var files = form.querySelector("input[type=file]");
    data.attachments = files && files.files ? files.files.length : 0;
    return data;
  }

  function fieldErrors(form, problems) {
    form.querySelectorAll("[data-live-error]").forEach(function (node) { node.remove(); });
    problems.forEach(function (problem) {
      var field = form.elements.namedItem(problem.field);
      if (!field || !field.closest) { return; }
      var wrapper = field.closest(".field");
      if (!wrapper || wrapper.querySelector(".errorlist:not([data-live-error])")) { return; }
      var note = document.createElement("p");
      note.className = problem.blocking ? "errorlist live-error" : "help live-notice";
      note.setAttribute("data-live-error", "");
      note.setAttribute("data-code", problem.code);
      note.textContent = problem.message;
      wrapper.appendChild(note);
    });
  }

  function render(meter, form, report) {
    meter.hidden = false;
    meter.querySelector("[data-intake-bar]").value = report.score;
    meter.querySelector("[data-intake-score]").textContent = String(report.score);

    var missing = meter.querySelector("[data-intake-missing]");
    clear(missing);
    report.missing.forEach(function (m) { missing.appendChild(item(m.label, m.why)); });
    meter.querySelector("[data-intake-missing-block]").hidden = report.missing.length === 0;

    var flags = meter.querySelector("[data-intake-flags]");
    clear(flags);
    report.flags.forEach(function (f) { flags.appendChild(item(f.message, "")); });

    var secrets = meter.querySelector("[data-intake-secrets]");
    var list = meter.querySelector("[data-intake-secret-list]");
    clear(list);
    report.secrets.forEach(function (s) { list.appendChild(item(s.message, "")); });
    secrets.hidden = report.secrets.length === 0;

    fieldErrors(form, report.problems.concat(report.notices));
  }

  function assetSuggestions(form) {
    var source = document.getElementById("intake-asset-map");
    var list = document.getElementById("asset-suggestions");
    var network = form.elements.namedItem("network");
    if (!source || !list || !network) { return; }
    var assets = JSON.parse(source.textContent)[network.value];
    if (!assets || !assets.length) { return; }
    clear(list);
    assets.forEach(function (symbol) {
      var option = document.createElement("option");
      option.value = symbol;
      list.appendChild(option);
    });
  }

  function memoField(form) {
    var network = form.elements.namedItem("network");
    var memo = form.elements.namedItem("memo");
    if (!network || !memo || !memo.closest) { return; }
    var memoNetworks = (network.getAttribute("data-memo-networks") || "").split(" ");
    var wrapper = memo.closest(".field");
    // Only hide an empty memo: never hide what the user typed.
    wrapper.hidden = memo.value === "" && network.value !== "" &&
      memoNetworks.indexOf(network.value) === -1;
  }

  function start(form) {
    var meter = document.querySelector("[data-intake-meter]");
    var url = form.getAttribute("data-intake-url");
    if (!meter || !url || !window.fetch) { return; }
    var timer = null;
    var sequence = 0;

    function check() {
      var mine = ++sequence;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "Accept": "application/json",
          "X-CSRFToken": csrfToken(form)
        },
        body: JSON.stringify(draft(form))
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (report) {
        // An older answer arriving late must not overwrite a newer one.
        if (report && mine === sequence) { render(meter, form, report); }
      }).catch(function () { /* offline: the server checks again on submit */ });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DELAY);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "network") {
        assetSuggestions(form);
        memoField(form);
      }
      schedule();
    });
    memoField(form);
    check();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-intake-url]");
    if (form) { start(form); }
  });
})();
// The category's guidance is folded on a phone, so the first field is in sight; on a wide
// screen it sits beside the form and starts open.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 960px)").matches) { return; }
  document.querySelectorAll("details[data-open-wide]").forEach(function (node) { node.open = true; });
})();

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
    // A button may ask its own question (one form, two buttons of different weight).
    var question = (event.submitter && event.submitter.getAttribute("data-confirm")) ||
      form.getAttribute("data-confirm");
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
// Switching language reloads the page: what the user typed into its forms must come back.
// Before the switch is sent, every field the user changed is kept in this tab's
// sessionStorage under the page's address; the page in the other language puts it back
// once and forgets it. Never kept: passwords, files, hidden fields, and fields the secret
// guard refused (marked data-keep-typed="no" by the server). Sending any other form forgets
// what was kept, so a submitted form never comes back filled.
(function () {
  "use strict";
  var store;
  try { store = window.sessionStorage; } catch (e) { return; }
  if (!store || !window.JSON) { return; }
  var KEY = "walletdesk:typed:" + location.pathname + location.search;
  var SKIPPED = ["password", "file", "hidden", "submit", "button", "reset", "image"];

  function isSwitch(form) { return form && form.classList.contains("language-switch"); }

  function keepable(field) {
    if (!field.name || !field.form || isSwitch(field.form)) { return false; }
    if (SKIPPED.indexOf((field.type || "").toLowerCase()) !== -1) { return false; }
    if (field.closest("[data-keep-typed=no]")) { return false; }
    return true;
  }

  // Where a field is on the page: its form (by where it posts, and which of the forms
  // posting there), its name, and which of the fields of that name it is (radio buttons).
  function places() {
    var found = [];
    var forms = {};
    Array.prototype.forEach.call(document.forms, function (form) {
      var action = form.getAttribute("action") || "";
      forms[action] = (forms[action] || 0) + 1;
      var seen = {};
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!keepable(field)) { return; }
        seen[field.name] = (seen[field.name] || 0) + 1;
        var id = [action, forms[action], field.name, seen[field.name]].join("\n");
        found.push({ id: id, field: field });
      });
    });
    return found;
  }

  function changed(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; });
    }
    return field.value !== field.defaultValue;
  }

  function read(field) {
    if (field.type === "checkbox" || field.type === "radio") { return field.checked; }
    if (field.tagName === "SELECT") {
      return Array.prototype.filter.call(field.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
    }
    return field.value;
  }

  function write(field, value) {
    if (field.type === "checkbox" || field.type === "radio") {
      field.checked = value === true;
    } else if (field.tagName === "SELECT" && Array.isArray(value)) {
      Array.prototype.forEach.call(field.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
    } else if (typeof value === "string") {
      field.value = value;
    } else {
      return;
    }
    // Scripts that follow the field (the intake meter, the asset suggestions) catch up.
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("submit", function (event) {
    if (!isSwitch(event.target)) {
      store.removeItem(KEY);
      return;
    }
    var typed = {};
    var any = false;
    places().forEach(function (p) {
      if (changed(p.field)) { typed[p.id] = read(p.field); any = true; }
    });
    try {
      if (any) { store.setItem(KEY, JSON.stringify(typed)); } else { store.removeItem(KEY); }
    } catch (e) { /* storage full or refused: the switch still works */ }
  }, true);

  function restore() {
    var saved = store.getItem(KEY);
    if (!saved) { return; }
    store.removeItem(KEY);
    var typed;
    try { typed = JSON.parse(saved); } catch (e) { return; }
    places().forEach(function (p) {
      if (Object.prototype.hasOwnProperty.call(typed, p.id)) { write(p.field, typed[p.id]); }
    });
  }
  // After the page's other deferred scripts have attached their listeners.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
// An account that never chose a time zone takes the browser's: the server checks the name,
// keeps any zone the user chose, and answers the zone it now has, which the page then names
// wherever it says which zone its times are in (the ticket form's "when it happened").
(function () {
  "use strict";
  var form = document.querySelector("form[data-time-zone-detect]");
  if (!form || !window.fetch || !window.FormData || !window.Intl) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  // Already the account's zone: nothing to change, and no request on every page.
  if (!zone || zone === form.getAttribute("data-time-zone-current")) { return; }
  var data = new FormData(form);
  data.append("time_zone", zone);
  fetch(form.getAttribute("action"), {
    method: "POST",
    body: data,
    credentials: "same-origin",
    headers: { "Accept": "application/json" }
  }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (answer) {
    if (!answer || !answer.label) { return; }
    document.querySelectorAll("[data-time-zone-label]").forEach(function (node) {
      node.textContent = answer.label;
    });
    document.documentElement.setAttribute("data-time-zone", answer.time_zone);
  }).catch(function () { /* the server's default zone stays */ });
})();

// Help Center suggestions on the ticket form (deflection). While the user types the subject
// and description, the three best matching articles are fetched (debounced) and offered.
// "This solved my problem" records a deflection and leaves without a ticket; "Still need
// help" hides the box and keeps everything typed. The form works without this file.
(function () {
  "use strict";
  var DELAY = 400;
  var MIN_LENGTH = 2;

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function init(box) {
    var form = document.querySelector("form[data-intake-category]");
    if (!form) { return; }
    var subject = form.elements.namedItem("subject");
    var description = form.elements.namedItem("description");
    var list = box.querySelector("[data-help-list]");
    var searchUrl = box.getAttribute("data-help-url");
    var deflectUrl = box.getAttribute("data-deflect-url");
    var category = form.getAttribute("data-intake-category") || "";
    var timer = null;
    var lastQuery = "";
    var dismissed = false;

    function query() {
      var text = (subject ? subject.value : "") + " " +
        (description ? description.value.slice(0, 300) : "");
      return text.trim();
    }

    function solved(slug) {
      var url = deflectUrl.replace("__slug__", encodeURIComponent(slug));
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) },
        body: JSON.stringify({ category: category, query: subject ? subject.value : "" })
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (data && data.next) { window.location.assign(data.next); }
      }).catch(function () { /* the user can still submit the ticket */ });
    }

    function render(results) {
      clear(list);
      if (!results.length || dismissed) { box.hidden = true; return; }
      results.forEach(function (result) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = result.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = result.title;
        var snippet = document.createElement("p");
        snippet.className = "kb-snippet small";
        // Escaped by the server; only <mark> is added there.
        snippet.innerHTML = result.snippet_html;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "secondary";
        button.setAttribute("data-help-solved", result.slug);
        button.textContent = box.getAttribute("data-label-solved");
        button.addEventListener("click", function () { solved(result.slug); });
        li.appendChild(link);
        li.appendChild(snippet);
        li.appendChild(button);
        list.appendChild(li);
      });
      box.hidden = false;
    }

    function lookUp() {
      var text = query();
      if (text.length < MIN_LENGTH) { box.hidden = true; return; }
      if (text === lastQuery) { return; }
      lastQuery = text;
      var url = searchUrl + "?limit=3&log=false&q=" + encodeURIComponent(text.slice(0, 200));
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (text === lastQuery) { render(data.results || []); } })
        .catch(function () { box.hidden = true; });
    }

    function schedule() {
      if (dismissed) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, DELAY);
    }

    [subject, description].forEach(function (field) {
      if (field) { field.addEventListener("input", schedule); }
    });
    box.querySelector("[data-help-dismiss]").addEventListener("click", function () {
      dismissed = true;
      box.hidden = true;
      if (description) { description.focus(); }
    });

    // Arriving from a Help Center search that found nothing: start with what was searched.
    var params = new URLSearchParams(window.location.search);
    if (subject && !subject.value && params.get("q")) {
      subject.value = params.get("q").slice(0, 200);
      schedule();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-help-suggestions]").forEach(init);
  });
})();

// Keyboard shortcuts of the console, listed in the dialog "?" opens (templates/console/
// _shortcuts.html). Never while typing in a field, never with Ctrl, Alt or Meta held.
(function () {
  "use strict";
  var dialog = document.getElementById("shortcuts");
  if (!dialog) return;

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function rows() {
    // The ticket queue's rows, or the forum moderation queue's cards.
    return Array.prototype.slice.call(
      document.querySelectorAll("table.queue tbody tr, [data-queue-item]")
    );
  }

  function current(list) {
    var active = document.activeElement;
    for (var i = 0; i < list.length; i++) {
      if (list[i].contains(active)) return i;
    }
    return -1;
  }

  function move(step) {
    var list = rows();
    if (!list.length) return false;
    var next = Math.min(list.length - 1, Math.max(0, current(list) + step));
    var link = list[next].querySelector("td.mono a, a");
    if (link) {
      link.focus();
      list.forEach(function (row) { row.classList.remove("is-current"); });
      list[next].classList.add("is-current");
    }
    return true;
  }

  function click(selector) {
    var target = document.querySelector(selector);
    if (!target) return false;
    target.click();
    return true;
  }

  var actions = {
    "?": function () {
      if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
      return true;
    },
    j: function () { return move(1); },
    k: function () { return move(-1); },
    x: function () {
      var list = rows();
      var at = current(list);
      var box = at >= 0 && list[at].querySelector("input[type=checkbox]");
      if (!box) return false;
      box.click();
      return true;
    },
    p: function () {
      // Publish the chosen card of the forum moderation queue (a held post).
      var list = rows();
      var at = current(list);
      var publish = at >= 0 && list[at].querySelector("[data-modq-publish]");
      if (!publish) return false;
      publish.click();
      return true;
    },
    r: function () {
      var reply = document.getElementById("id_reply_body");
      if (!reply) return false;
      reply.focus();
      return true;
    },
    a: function () { return click("form[action$='/start/'] button[type=submit]"); },
    h: function () {
      // Open the ticket's answers at hand (which loads them) and put the focus on the panel.
      var panel = document.getElementById("answers");
      if (!panel) return false;
      panel.open = true;
      var summary = panel.querySelector("summary");
      if (summary) summary.focus();
      return true;
    },
    q: function () {
      var home = document.querySelector("a.brand");
      if (!home) return false;
      window.location.href = home.getAttribute("href");
      return true;
    },
  };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (typing(event.target) || dialog.open) return;
    var action = actions[event.key];
    if (action && action()) event.preventDefault();
  });
  var close = dialog.querySelector("[data-close]");
  if (close) close.addEventListener("click", function () { dialog.close(); });
  var open = document.querySelector("[data-shortcuts]");
  if (open) open.addEventListener("click", function (event) {
    event.preventDefault();
    actions["?"]();
  });
})();

// Attachments on ticket and reply forms: thumbnails, a progress bar per file, remove before
// sending, drag and drop. Without this script the plain file inputs still work.
(function () {
  "use strict";

  function text(field, key) {
    var holder = field.querySelector("template[data-upload-texts]");
    var node = holder && holder.content.querySelector('[data-text="' + key + '"]');
    return node ? node.textContent : key;
  }

  function sizeLabel(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1) + " MB"; }
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function setup(field) {
    var form = field.closest("form");
    if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
    var inputs = field.querySelectorAll("input[type=file]");
    var list = field.querySelector("[data-upload-list]");
    var status = field.querySelector("[data-upload-status]");
    var drop = field.querySelector("[data-upload-drop]");
    var maxFile = parseInt(field.getAttribute("data-max-file-bytes"), 10);
    var maxFiles = parseInt(field.getAttribute("data-max-files"), 10);
    var maxTotal = parseInt(field.getAttribute("data-max-total-bytes"), 10);
    var chosen = []; // {file, row, bar, url}

    function say(message) {
      status.textContent = message;
      status.hidden = !message;
      // A refusal marks the field itself, as a server-side field error does.
      field.classList.toggle("has-error", !!message);
      inputs[0].setAttribute("aria-invalid", message ? "true" : "false");
    }

    function total() {
      return chosen.reduce(function (sum, item) { return sum + item.file.size; }, 0);
    }

    function remove(item) {
      chosen = chosen.filter(function (other) { return other !== item; });
      if (item.url) { URL.revokeObjectURL(item.url); }
      item.row.remove();
      say("");
    }

    function add(file) {
      if (file.size > maxFile) { say(file.name + ": " + text(field, "too-large")); return; }
      if (chosen.length >= maxFiles) { say(text(field, "too-many")); return; }
      if (total() + file.size > maxTotal) { say(text(field, "too-much")); return; }
      var item = { file: file };
      var row = document.createElement("li");
      row.className = "upload-item";
      // Browsers cannot draw HEIC: those show their name only.
      if (/^image\/(png|jpeg|webp|gif)$/.test(file.type)) {
        item.url = URL.createObjectURL(file);
        var img = document.createElement("img");
        img.src = item.url;
        img.alt = "";
        img.className = "upload-thumb";
        row.appendChild(img);
      }
      var name = document.createElement("span");
      name.className = "upload-name";
      name.textContent = file.name + " · " + sizeLabel(file.size);
      row.appendChild(name);
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.className = "upload-progress";
      bar.setAttribute("aria-label", file.name);
      row.appendChild(bar);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary upload-remove";
      button.textContent = text(field, "remove");
      button.setAttribute("aria-label", text(field, "remove") + " " + file.name);
      button.addEventListener("click", function () { remove(item); });
      row.appendChild(button);
      item.row = row;
      item.bar = bar;
      chosen.push(item);
      list.appendChild(row);
      say("");
    }

    inputs.forEach(function (input) {
      input.addEventListener("change", function () {
        Array.prototype.forEach.call(input.files, add);
        input.value = ""; // the list above is what gets sent
      });
    });

    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) {
        event.preventDefault();
        drop.classList.add("upload-drop-active");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("upload-drop-active"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer) { Array.prototype.forEach.call(event.dataTransfer.files, add); }
    });

    function enableButtons() {
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
      }, 0);
    }

    // A reply redirects to the page it was sent from, plus "#latest": assigning that URL
    // would only move to the anchor, so the page showing the new reply must be reloaded.
    function go(target) {
      var next = new URL(target, window.location.href);
      var here = new URL(window.location.href);
      next.hash = here.hash = "";
      if (next.href !== here.href) { window.location.assign(target); return; }
      window.history.replaceState(null, "", target);
      window.location.reload();
    }

    // A refused submission comes back as the same page with the fields marked and anything
    // that must not stay (a secret) taken out of them. That verdict is brought into this
    // form in place, so the chosen files and what other scripts attached to the fields stay.
    function adopt(doc) {
      var twinInput = doc.getElementById(inputs[0].id);
      var twinForm = twinInput && twinInput.closest("form");
      if (!twinForm) { return false; }
      form.querySelectorAll("input, textarea, select").forEach(function (control) {
        if (!control.name || control.type === "file" || control.type === "hidden") { return; }
        var twins = twinForm.querySelectorAll('[name="' + CSS.escape(control.name) + '"]');
        var choice = control.type === "radio" || control.type === "checkbox";
        var twin = Array.prototype.filter.call(twins, function (t) {
          return !choice || t.value === control.value;
        })[0];
        if (!twin) { return; }
        if (choice) { control.checked = twin.checked; } else { control.value = twin.value; }
        ["aria-invalid", "aria-describedby"].forEach(function (name) {
          if (twin.hasAttribute(name)) { control.setAttribute(name, twin.getAttribute(name)); }
          else { control.removeAttribute(name); }
        });
        var box = control.closest(".field");
        var twinBox = twin.closest(".field");
        if (!box || !twinBox || box.hasAttribute("data-upload-field")) { return; }
        box.classList.toggle("has-error", twinBox.classList.contains("has-error"));
        box.querySelectorAll(":scope > .errorlist").forEach(function (n) { n.remove(); });
        twinBox.querySelectorAll(":scope > .errorlist").forEach(function (n) {
          box.appendChild(document.importNode(n, true));
        });
      });
      // What the page says about the submission as a whole goes just above the form, where
      // the person is (on a phone the top of the page is far away).
      var notices = ".secret-warning, .form-error[role=alert], .refusal[role=alert]";
      document.querySelectorAll("[data-upload-notice]").forEach(function (n) { n.remove(); });
      var main = document.querySelector("main");
      if (main) {
        main.querySelectorAll(notices).forEach(function (n) {
          if (!n.closest("form") && n.parentNode === main) { n.remove(); }
        });
      }
      var first = null;
      // What the form itself says (a refusal that belongs to no one field) goes where the
      // server put it: at the top of the form.
      form.querySelectorAll("[data-upload-form-notice]").forEach(function (n) { n.remove(); });
      var anchor = form.querySelector(".field, fieldset, .actions");
      twinForm.querySelectorAll(":scope > .form-error[role=alert]").forEach(function (n) {
        var copy = document.importNode(n, true);
        copy.setAttribute("data-upload-form-notice", "");
        copy.setAttribute("tabindex", "-1");
        form.insertBefore(copy, anchor);
        first = first || copy;
      });
      doc.querySelectorAll("main " + notices.split(", ").join(", main ")).forEach(function (n) {
        if (n.closest("form") || (n.parentNode && n.parentNode.tagName !== "MAIN")) { return; }
        var copy = document.importNode(n, true);
        copy.setAttribute("data-upload-notice", "");
        copy.setAttribute("tabindex", "-1");
        form.parentNode.insertBefore(copy, form);
        first = first || copy;
      });
      var fileErrors = [];
      var twinField = twinInput.closest("[data-upload-field]");
      if (twinField) {
        twinField.querySelectorAll(".errorlist li").forEach(function (n) {
          fileErrors.push(n.textContent.trim());
        });
      }
      say(fileErrors.join(" "));
      var target = fileErrors.length ? status : (form.querySelector("[aria-invalid=true]") || first);
      if (target) {
        if (target === status) { status.setAttribute("tabindex", "-1"); }
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: "center" });
      }
      return true;
    }

    function showRefusal(html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      chosen.forEach(function (item) { item.bar.value = 0; });
      if (adopt(doc)) { return; }
      var messages = [];
      doc.querySelectorAll("main [role=alert], main .errorlist li").forEach(function (node) {
        var line = node.textContent.trim();
        if (line && messages.indexOf(line) === -1) { messages.push(line); }
      });
      say(messages.join(" ") || text(field, "failed"));
    }

    form.addEventListener("submit", function (event) {
      if (!chosen.length || event.defaultPrevented) { return; }
      event.preventDefault();
      var data = new FormData(form);
      data.delete("attachments");
      chosen.forEach(function (item) { data.append("attachments", item.file, item.file.name); });
      var fileBytes = total();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-WalletDesk-Upload", "1");
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        // Parts travel in order, text fields first: spread the bytes sent over the files.
        var sent = Math.max(0, e.loaded - (e.total - fileBytes));
        chosen.forEach(function (item) {
          var part = Math.min(item.file.size, Math.max(0, sent));
          item.bar.value = item.file.size ? Math.round((part / item.file.size) * 100) : 100;
          sent -= item.file.size;
        });
      });
      xhr.addEventListener("load", function () {
        var type = xhr.getResponseHeader("Content-Type") || "";
        if (xhr.status === 200 && type.indexOf("application/json") === 0) {
          chosen.forEach(function (item) { item.bar.value = 100; });
          form.setAttribute("data-upload-done", "true");
          go(JSON.parse(xhr.responseText).redirect);
          return;
        }
        if (xhr.status === 200) {
          document.open();
          document.write(xhr.responseText);
          document.close();
          return;
        }
        showRefusal(xhr.responseText);
        enableButtons();
      });
      xhr.addEventListener("error", function () { say(text(field, "failed")); enableButtons(); });
      say("");
      chosen.forEach(function (item) { item.bar.value = 0; });
      field.querySelector("[data-upload-status]").hidden = true;
      xhr.send(data);
    });
  }

  document.querySelectorAll("[data-upload-field]").forEach(setup);
})();

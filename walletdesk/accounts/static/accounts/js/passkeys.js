// Passkeys (WebAuthn): makes one on the two-step page and uses one at the second step of
// signing in. Progressive: the [data-passkey] parts are hidden until this file finds WebAuthn,
// and the code form works without it. The server sends options as base64url JSON; the answer
// goes back the same way in a hidden field of an ordinary form, so the page that follows is
// rendered by the server (with its message) as for any other form.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) { return; }

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: toBytes(item.id), transports: item.transports };
    });
  }

  function creationOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    return { publicKey: options };
  }

  function requestOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    return { publicKey: options };
  }

  function answer(credential) {
    var response = credential.response;
    var json = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: { clientDataJSON: toText(response.clientDataJSON) },
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
    if (response.attestationObject) {
      json.response.attestationObject = toText(response.attestationObject);
    } else {
      json.response.authenticatorData = toText(response.authenticatorData);
      json.response.signature = toText(response.signature);
      json.response.userHandle = toText(response.userHandle);
    }
    return JSON.stringify(json);
  }

  function say(form, text) {
    var place = form.querySelector("[data-passkey-message]");
    if (place) {
      place.textContent = text;
      place.hidden = !text;
    }
  }

  function start(form, button) {
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    var name = form.querySelector("input[name$=name]");
    if (name && !name.value.trim()) {
      say(form, form.getAttribute("data-passkey-name-missing"));
      name.focus();
      return;
    }
    say(form, "");
    button.disabled = true;
    fetch(form.getAttribute("data-passkey-options"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf ? csrf.value : "" }
    }).then(function (reply) {
      return reply.json().then(function (body) {
        if (!reply.ok) { throw new Error(body.error || ""); }
        return body;
      });
    }).then(function (options) {
      var creating = form.getAttribute("data-passkey") === "register";
      return creating
        ? navigator.credentials.create(creationOptions(options))
        : navigator.credentials.get(requestOptions(options));
    }).then(function (credential) {
      if (!credential) { throw new Error(""); }
      form.querySelector("input[name$=credential]").value = answer(credential);
      form.submit();
    }).catch(function (error) {
      button.disabled = false;
      // The server's refusal (locked, none offered) is said as it is; cancelled, timed out or
      // refused by the browser (a DOMException) gets the page's own words. The code path stays.
      var fromServer = error && error.name === "Error" && error.message;
      say(form, fromServer ? error.message : form.getAttribute("data-passkey-failed"));
    });
  }

  document.querySelectorAll("[data-passkey]").forEach(function (form) {
    var button = form.querySelector("[data-passkey-start]");
    if (!button) { return; }
    form.hidden = false;
    document.querySelectorAll("[data-passkey-without-js]").forEach(function (note) { note.hidden = true; });
    // Enter in the name field submits too: both go through WebAuthn first.
    form.addEventListener("submit", function (event) {
      if (form.querySelector("input[name$=credential]").value) { return; }
      event.preventDefault();
      event.stopPropagation();
      start(form, button);
    });
  });
})();

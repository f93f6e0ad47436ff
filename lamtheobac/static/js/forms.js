/* Keep what was typed and ask before irreversible actions (issue 14 §1–2). No framework.
 *
 * form[data-confirm="…"]       ask in a dialog before posting; agreeing adds confirmed=1 (the
 *                               server asks on its own page when JavaScript is off).
 * form[data-keep]              warn before leaving the page with unsaved changes
 *                               (form[data-dirty]: the page already holds unsaved text).
 * form[data-autosave-url="…"]  post the form there (without files) a few seconds after typing
 *                               stops; the answer {"version": n, "saved_at": "hh:mm"} updates the
 *                               hidden "version"; {"error": "…"} (409) stops autosaving and says
 *                               why. The status goes to the element [data-autosave-status].
 */
(function () {
  "use strict";
  var dirty = new Set();

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function addHidden(form, name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }

  function askInDialog(message, onYes) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-text");
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    text.textContent = message;
    var yes = document.createElement("button");
    yes.type = "button";
    yes.textContent = "Đồng ý";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "secondary";
    no.textContent = "Hủy";
    var bar = document.createElement("div");
    bar.className = "toolbar";
    bar.append(yes, no);
    dialog.append(text, bar);
    document.body.appendChild(dialog);
    function close() { dialog.close(); dialog.remove(); }
    yes.addEventListener("click", function () { close(); onYes(); });
    no.addEventListener("click", close);
    dialog.addEventListener("cancel", close);
    dialog.showModal();
    no.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var message = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    var confirmed = form.querySelector("input[name=confirmed][value='1']");
    if (message && !confirmed && typeof HTMLDialogElement === "function") {
      event.preventDefault();
      askInDialog(message, function () {
        addHidden(form, "confirmed", "1");
        if (submitter && submitter.name) addHidden(form, submitter.name, submitter.value);
        dirty.delete(form);
        form.submit();
      });
      return;
    }
    dirty.delete(form);  // leaving through this form's own post is not "leaving unsaved"
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  function watch(form) {
    var timer = null;
    var stopped = false;
    var edits = 0;
    var url = form.dataset.autosaveUrl;
    var delay = parseInt(form.dataset.autosaveDelay || "5000", 10);
    var status = document.querySelector("[data-autosave-status]");
    // A page shown again with the user's unsaved text (a conflict, a refusal) starts dirty.
    if (form.dataset.dirty !== undefined) dirty.add(form);
    function say(text, isError) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("errorlist", !!isError);
    }
    function save() {
      if (stopped || !dirty.has(form)) return;
      var data = new FormData(form);
      Array.from(form.querySelectorAll("input[type=file]")).forEach(function (f) { data.delete(f.name); });
      var sentAt = edits;
      fetch(url, { method: "POST", body: data, headers: { "X-CSRFToken": csrf(form) }, credentials: "same-origin" })
        .then(function (response) { return response.json().then(function (body) { return [response.status, body]; }); })
        .then(function (result) {
          var body = result[1];
          if (result[0] === 200 && body.version !== undefined) {
            var version = form.querySelector("input[name=version]");
            if (version) version.value = body.version;
            if (edits === sentAt) dirty.delete(form);
            say("Đã tự động lưu nháp lúc " + body.saved_at + ".");
          } else {
            stopped = true;
            say(body.error || "Chưa tự động lưu được; hãy bấm “Lưu nháp”.", true);
          }
        })
        .catch(function () { say("Mất kết nối: chưa tự động lưu được; nội dung vẫn còn trên trang.", true); });
    }
    form.addEventListener("input", function (event) {
      if (event.target && event.target.type === "file") return;
      dirty.add(form);
      edits += 1;
      if (url && !stopped) {
        clearTimeout(timer);
        timer = setTimeout(save, delay);
      }
    });
  }

  function init() {
    document.querySelectorAll("form[data-keep], form[data-autosave-url]").forEach(watch);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Follows a running reference import: asks the server for its state every second, updates the
// progress bar and its text (announced politely to screen readers), and reloads the page when the
// import has finished. Without JavaScript, the "Actualiser la page" link does the same.
(function () {
  "use strict";
  var section = document.querySelector("[data-import-status]");
  if (!section) { return; }
  var url = section.getAttribute("data-import-status");
  var bar = document.getElementById("import-progress");
  var text = document.getElementById("import-progress-text");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        if (status.state !== "running") { window.location.reload(); return; }
        bar.value = status.progress;
        bar.textContent = status.progress + " %";
        text.textContent = status.label + " (" + status.progress + " %)";
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
}());

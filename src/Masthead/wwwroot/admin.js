// Masthead's editors' script: the appeal preview follows the form as the editor types. The server renders it, so
// the preview is the readers' exact markup with the same Markdown and sanitizing. Without script, the form's
// Preview button does the same with a page load.
(function () {
  'use strict';
  var form = document.querySelector('form[data-preview]');
  var pane = document.getElementById('appeal-preview');
  var status = document.getElementById('preview-status');
  if (!form || !pane || !window.fetch) { return; }

  var timer = 0, sent = 0;

  function refresh() {
    var mine = ++sent;
    status.textContent = 'Updating…';
    fetch(form.getAttribute('data-preview'), { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
      .then(function (response) {
        var plain = (response.headers.get('Content-Type') || '').indexOf('text/plain') === 0;
        return response.text().then(function (text) { return { ok: response.ok, text: response.ok || plain ? text : '' }; });
      })
      .then(function (answer) {
        // An older answer arriving after a newer one must not overwrite it.
        if (mine !== sent) { return; }
        if (answer.ok) {
          pane.innerHTML = answer.text;
          status.textContent = '';
        } else {
          status.textContent = answer.text || 'The preview could not be updated.';
        }
      })
      .catch(function () {
        if (mine === sent) { status.textContent = 'The preview could not be updated: check the connection.'; }
      });
  }

  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
}());

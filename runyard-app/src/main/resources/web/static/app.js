// Runyard pages work without this file; it makes the finder live, auto-submits the rig select and copies commands.
(function () {
  'use strict';

  function fmtCtx(n) { return n >= 1024 && n % 1024 === 0 ? (n / 1024) + 'K' : String(n); }
  function gib(b) { return (b / 1073741824).toFixed(1) + ' GiB'; }
  var FIT = { full_gpu: 'GPU', partial_offload: 'GPU + RAM', cpu_only: 'CPU', does_not_fit: 'does not fit' };

  function cell(tr, text, href) {
    var td = document.createElement('td');
    if (href) {
      var a = document.createElement('a');
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    tr.appendChild(td);
  }

  function modelHref(id) {
    return '/models/' + id.split('/').map(encodeURIComponent).join('/');
  }

  function renderResults(data) {
    var tbody = document.querySelector('#results tbody');
    var machine = document.getElementById('machine');
    if (!tbody) { return; }
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    if (machine) { machine.textContent = data.machine; }
    var useCase = document.getElementById('use-case');
    if (useCase) { useCase.textContent = data.use_case; }
    data.results.forEach(function (r, i) {
      var tr = document.createElement('tr');
      cell(tr, String(i + 1));
      cell(tr, r.name, modelHref(r.model));
      cell(tr, r.quant);
      cell(tr, fmtCtx(r.context));
      cell(tr, gib(r.total_bytes));
      cell(tr, FIT[r.fit] || r.fit);
      cell(tr, r.engine);
      cell(tr, r.decode_tokens_per_s.toFixed(1));
      cell(tr, r.score.toFixed(1));
      var sc = r.score_components || {};
      tr.lastChild.title = '0.7 x quality ' + sc.quality + ' x (1 - quant loss ' + sc.quant_loss + ') + 0.15 x speed '
        + sc.speed + ' + 0.1 x context ' + sc.context + ' + 0.05 x headroom ' + sc.headroom + '; quality '
        + sc.quality_confidence + ((sc.evidence || []).length
          ? ' from ' + sc.evidence.map(function (e) { return e.benchmark; }).join(', ') : '');
      tbody.appendChild(tr);
    });
    if (data.results.length === 0) {
      var tr = document.createElement('tr');
      var td = document.createElement('td');
      td.colSpan = 9;
      td.textContent = 'Nothing in the catalog fits these constraints.';
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
  }

  function finder() {
    var form = document.getElementById('finder');
    if (!form || !window.fetch) { return; }
    var status = document.getElementById('status');
    var timer = null;
    var seq = 0;
    function params() {
      var p = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { if (String(v).trim() !== '') { p.append(k, v); } });
      return p;
    }
    function update() {
      var p = params();
      var mine = ++seq;
      status.textContent = 'Updating…';
      fetch('/api/v1/rank?' + p.toString(), { headers: { Accept: 'application/json' } })
        .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
        .then(function (r) {
          if (mine !== seq) { return; }
          if (!r.ok) { status.textContent = r.body.error + (r.body.detail ? ' (' + r.body.detail + ')' : ''); return; }
          renderResults(r.body);
          status.textContent = r.body.results.length + ' models for ' + r.body.machine;
          history.replaceState(null, '', '/?' + p.toString());
        })
        .catch(function () { if (mine === seq) { status.textContent = 'Could not reach the server.'; } });
    }
    // A short pause gathers a burst of keystrokes; the page answers within 150 ms of the last one.
    function schedule() { clearTimeout(timer); timer = setTimeout(update, 90); }
    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  }

  function rigSelect() {
    document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
      s.addEventListener('change', function () { if (s.value) { s.form.submit(); } });
    });
  }

  function copyButtons() {
    document.querySelectorAll('button.copy').forEach(function (b) {
      b.addEventListener('click', function () {
        var code = document.getElementById(b.getAttribute('data-copy'));
        if (!code) { return; }
        var done = function (ok) {
          b.textContent = ok ? 'Copied' : 'Press Ctrl+C';
          setTimeout(function () { b.textContent = 'Copy'; }, 1500);
        };
        // The clipboard API exists only on secure origins (https, localhost); elsewhere select the text and copy.
        var fallback = function () {
          var range = document.createRange();
          range.selectNodeContents(code);
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          var ok = false;
          try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
          done(ok);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(code.textContent).then(function () { done(true); }, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () { finder(); rigSelect(); copyButtons(); });
}());

// Runyard pages work without this file. It makes the finder live (the server renders the rows: one renderer), shows
// which GPU a name resolves to, suggests models in the search box, sorts tables, and copies commands.
(function () {
  'use strict';

  function params(form) {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (String(v).trim() !== '') { p.append(k, v); } });
    return p;
  }

  function finder() {
    var form = document.getElementById('finder');
    var box = document.getElementById('results-box');
    if (!form || !box || !window.fetch) { return; }
    var status = document.getElementById('status');
    var timer = null;
    var seq = 0;
    var last = params(form).toString();
    function update(force) {
      var p = params(form);
      // "change" follows "input" when the field loses focus: the same question is not asked (and redrawn) twice
      if (!force && p.toString() === last) { return; }
      last = p.toString();
      var mine = ++seq;
      status.textContent = 'Updating…';
      fetch('/fragments/finder?' + p.toString())
        .then(function (res) {
          return res.text().then(function (body) { return { ok: res.ok, body: body, machine: res.headers.get('X-Machine') }; });
        })
        .then(function (r) {
          if (mine !== seq) { return; }
          history.replaceState(null, '', '/?' + p.toString());
          if (!r.ok) {
            // A question the server cannot answer leaves no stale table behind: it says why instead.
            var err = {};
            try { err = JSON.parse(r.body); } catch (e) { err = { error: 'the server could not answer' }; }
            box.innerHTML = '';
            var msg = document.createElement('p');
            msg.className = 'warning';
            msg.id = 'finder-error';
            msg.textContent = err.error + (err.detail ? ' (' + err.detail + ')' : '');
            box.appendChild(msg);
            status.textContent = 'No results: ' + err.error;
            return;
          }
          box.innerHTML = r.body;
          sortable(box);
          var rows = box.querySelectorAll('#results tbody tr a').length;
          status.textContent = rows + ' models for ' + decodeURIComponent((r.machine || '').replace(/\+/g, ' '));
          window.runyardLastUpdate = performance.now();
        })
        .catch(function () { if (mine === seq) { status.textContent = 'Could not reach the server.'; } });
    }
    // A short pause gathers a burst of keystrokes; the table follows within 150 ms of the last one.
    function schedule() { clearTimeout(timer); timer = setTimeout(update, 25); }
    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); update(true); });
  }

  // Under every GPU field: the card the name resolves to and its memory, or why it does not resolve.
  function gpuMatch() {
    document.querySelectorAll('input[name=gpu]:not([type=hidden])').forEach(function (input) {
      if (!window.fetch) { return; }
      var out = document.createElement('div');
      out.className = 'gpu-match';
      out.setAttribute('aria-live', 'polite');
      out.id = input.id + '-match';
      input.setAttribute('aria-describedby', out.id);
      input.parentNode.appendChild(out);
      var timer = null;
      var seq = 0;
      function check() {
        var v = input.value.trim();
        var mine = ++seq;
        if (!v || v.toLowerCase() === 'none') { out.textContent = v ? 'CPU only' : ''; return; }
        fetch('/api/v1/hardware/resolve?q=' + encodeURIComponent(v))
          .then(function (res) { return res.json().then(function (b) { return { ok: res.ok, b: b }; }); })
          .then(function (r) {
            if (mine !== seq) { return; }
            out.textContent = r.ok ? '→ ' + (r.b.description || v) : r.b.error + (r.b.detail ? ' (' + r.b.detail + ')' : '');
          })
          .catch(function () { out.textContent = ''; });
      }
      input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(check, 40); });
      if (input.value) { check(); }
    });
  }

  // Model suggestions under the header's search box: arrow keys move, Enter opens.
  function searchSuggest() {
    var input = document.getElementById('site-q');
    if (!input || !window.fetch) { return; }
    var form = input.form;
    var list = document.createElement('ul');
    list.id = 'site-q-list';
    list.className = 'suggest';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    form.appendChild(list);
    var active = -1;
    var seq = 0;
    var timer = null;
    function carry() {
      var p = new URLSearchParams();
      form.querySelectorAll('input[type=hidden]').forEach(function (h) { p.append(h.name, h.value); });
      var s = p.toString();
      return s ? '?' + s : '';
    }
    function show(results) {
      list.innerHTML = '';
      active = -1;
      results.forEach(function (r, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = 'site-q-opt-' + i;
        var a = document.createElement('a');
        a.href = '/models/' + r.id.split('/').map(encodeURIComponent).join('/') + carry();
        a.textContent = r.name;
        var small = document.createElement('small');
        small.textContent = r.id;
        a.appendChild(small);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      input.setAttribute('aria-expanded', String(!list.hidden));
    }
    function move(d) {
      var items = list.querySelectorAll('li');
      if (!items.length) { return; }
      if (active >= 0) { items[active].firstChild.removeAttribute('aria-selected'); }
      active = (active + d + items.length) % items.length;
      items[active].firstChild.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', items[active].id);
    }
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-expanded', 'false');
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { show([]); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch('/api/v1/search?limit=8&q=' + encodeURIComponent(q))
          .then(function (res) { return res.ok ? res.json() : { results: [] }; })
          .then(function (b) { if (mine === seq) { show(b.results); } })
          .catch(function () { show([]); });
      }, 40);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
      else if (e.key === 'Escape') { show([]); }
      else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        window.location.href = list.querySelectorAll('li')[active].firstChild.href;
      }
    });
    document.addEventListener('click', function (e) { if (!form.contains(e.target)) { list.hidden = true; } });
  }

  // Tables with class "sortable": each header becomes a button; numbers sort by data-sort when given.
  function sortable(root) {
    (root || document).querySelectorAll('table.sortable').forEach(function (table) {
      if (table.dataset.sortReady) { return; }
      table.dataset.sortReady = '1';
      var heads = table.querySelectorAll('thead th');
      heads.forEach(function (th, col) {
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'sort';
        while (th.firstChild) { b.appendChild(th.firstChild); }
        th.appendChild(b);
        b.addEventListener('click', function () {
          var asc = th.getAttribute('aria-sort') !== 'ascending';
          heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
          var numeric = th.dataset.type === 'number';
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > col; });
          function key(r) {
            var c = r.cells[col];
            var v = c.dataset.sort !== undefined ? c.dataset.sort : c.textContent.trim();
            if (!numeric) { return v.toLowerCase(); }
            var n = parseFloat(v);
            return isNaN(n) ? -Infinity : n;
          }
          rows.sort(function (x, y) {
            var a = key(x), c = key(y);
            return (a < c ? -1 : a > c ? 1 : 0) * (asc ? 1 : -1);
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  function rigSelect() {
    document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
      s.addEventListener('change', function () { if (s.value) { s.form.submit(); } });
    });
  }

  function copyButtons() {
    document.addEventListener('click', function (e) {
      var b = e.target.closest ? e.target.closest('button.copy') : null;
      if (!b) { return; }
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
        try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
        done(ok);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.textContent).then(function () { done(true); }, fallback);
      } else {
        fallback();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    finder(); gpuMatch(); searchSuggest(); sortable(document); rigSelect(); copyButtons();
  });
}());

(function () {
  'use strict';
  // Everything the report says is in the HTML; this only sorts and filters the buffers table,
  // and opens the retainers' paths for printing.
  document.documentElement.classList.add('js');

  var table = document.getElementById('buffer-table');
  if (table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var filter = document.getElementById('buffer-filter');
    var kind = document.getElementById('filter-kind');
    var state = document.getElementById('filter-state');
    var gen = document.getElementById('filter-gen');
    var status = document.getElementById('buffer-status');
    var controls = document.getElementById('buffer-controls');

    headers.forEach(function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      th.setAttribute('aria-sort', 'none');
      button.addEventListener('click', function () { sort(th, column); });
    });

    var sort = function (th, column) {
      var numeric = th.getAttribute('data-type') === 'num';
      // Sizes read biggest first, names A to Z; a second click reverses.
      var current = th.getAttribute('aria-sort');
      var descending = current === 'none' ? numeric : current === 'ascending';
      var keyed = rows.map(function (row, i) {
        var cell = row.cells[column];
        var key = numeric ? Number(cell.getAttribute('data-v')) : cell.textContent.toLowerCase();
        return { row: row, key: key, i: i };
      });
      keyed.sort(function (a, b) {
        var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
        return (descending ? -c : c) || a.i - b.i;
      });
      var fragment = document.createDocumentFragment();
      keyed.forEach(function (k) { fragment.appendChild(k.row); });
      tbody.appendChild(fragment);
      headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    };

    var human = function (bytes) {
      if (bytes < 1024) { return bytes + ' B'; }
      var units = ['KiB', 'MiB', 'GiB', 'TiB'];
      var v = bytes, u = -1;
      while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
      return (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[u];
    };
    var exact = function (bytes) { return bytes.toLocaleString('en-US') + ' bytes'; };
    var capacityColumn = 3, reservedColumn = 4;
    var shownLabel = document.getElementById('shown-label');
    var shownCapacity = document.getElementById('shown-capacity');
    var shownReserved = document.getElementById('shown-reserved');
    var allLabel = shownLabel ? shownLabel.textContent : '';

    var apply = function () {
      var q = filter.value.trim().toLowerCase();
      var k = kind.value, s = state.value, g = gen.value;
      var shown = 0, capacity = 0, reserved = 0;
      rows.forEach(function (row, i) {
        var visible = (!k || row.getAttribute('data-kind') === k)
            && (!s || row.getAttribute('data-state') === s)
            && (!g || row.getAttribute('data-gen') === g)
            && (!q || texts[i].indexOf(q) >= 0);
        row.hidden = !visible;
        if (visible) {
          shown++;
          capacity += Number(row.cells[capacityColumn].getAttribute('data-v'));
          reserved += Number(row.cells[reservedColumn].getAttribute('data-v'));
        }
      });
      var filtered = q || k || s || g;
      status.textContent = filtered ? 'Showing ' + shown.toLocaleString('en-US') + ' of '
          + rows.length.toLocaleString('en-US') + ' rows' : '';
      shownLabel.textContent = filtered ? 'Shown: ' + shown.toLocaleString('en-US') + (shown === 1 ? ' buffer' : ' buffers') : allLabel;
      shownCapacity.textContent = human(capacity);
      shownCapacity.title = exact(capacity);
      shownReserved.textContent = human(reserved);
      shownReserved.title = exact(reserved);
    };
    var timer = 0;
    filter.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 60); });
    [kind, state, gen].forEach(function (select) { select.addEventListener('change', apply); });
    controls.hidden = false;
  }

  // A printed page cannot be clicked open: print the retainers' paths open, then restore.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();

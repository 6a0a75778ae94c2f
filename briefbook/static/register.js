/* The register of statements: sort by any column and filter by any text, without a library.
   The table reads complete without this script and in print; the script only adds controls. */
(function () {
  "use strict";
  function setUp(table) {
    var body = table.tBodies[0];
    if (!body || table.dataset.registerReady) return;
    table.dataset.registerReady = "1";
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.dataset.timeOrder = String(i); });

    var label = document.createElement("label");
    label.className = "register-filter";
    label.textContent = "Filter the statements: ";
    var input = document.createElement("input");
    input.type = "search";
    input.setAttribute("aria-controls", table.id || "");
    input.placeholder = "speaker, signal, device, words…";
    label.appendChild(input);
    var status = document.createElement("p");
    status.className = "register-status";
    status.setAttribute("role", "status");
    table.parentNode.insertBefore(label, table);
    table.parentNode.insertBefore(status, table);

    function show() {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      status.textContent = shown + " of " + rows.length + " statements shown";
    }
    input.addEventListener("input", show);
    show();

    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "register-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", column === 0 ? "ascending" : "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) {
          // Date and time or order sort by the order of time; the rest by their text.
          if (column <= 1) return Number(row.dataset.timeOrder);
          var cell = row.cells[column];
          var value = cell ? cell.textContent.trim() : "";
          return /^\d+$/.test(value) ? Number(value) : value.toLowerCase();
        };
        rows.slice().sort(function (a, b) {
          var ka = key(a), kb = key(b);
          var order = ka < kb ? -1 : ka > kb ? 1 : Number(a.dataset.timeOrder) - Number(b.dataset.timeOrder);
          return ascending ? order : -order;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.register-table"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

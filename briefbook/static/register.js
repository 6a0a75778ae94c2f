/* The register of statements: sort by any column and filter by any text, without a library.
   The table reads complete without this script and in print; the script only adds controls.
   Their words are the page's language's: the directive writes them, from the book's catalog, into
   the data attributes of the element .register-words[data-for=<the table's id>] before it (briefbook.sphinx.tables). */
(function () {
  "use strict";
  // Arabic typed with or without its vowel marks, tatweel and hamza forms reads alike (as the
  // site's search normalises it, briefbook.sphinx.search): marks U+064B-U+0652, U+0670 and
  // tatweel removed; أ إ آ written ا, ى written ي, ة written ه.
  var LETTERS = { "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647" };
  function normalise(text) {
    return text
      .replace(/[\u0640\u064b-\u0652\u0670]/g, "")
      .replace(/[\u0622\u0623\u0625\u0649\u0629]/g, function (c) { return LETTERS[c]; })
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase();
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function setUp(table) {
    var body = table.tBodies[0];
    if (!body || table.dataset.registerReady) return;
    var words = table.id && document.querySelector(".register-words[data-for='" + table.id + "']");
    if (!words) return; // no words in the page's language: the table as it is
    table.dataset.registerReady = "1";
    var say = words.dataset;
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (row) { return normalise(row.textContent); });
    var coded = say.field ? new RegExp("(?:^|\\s)" + say.field + "-(\\S+)") : null; // the table's x-class field
    var signals = rows.map(function (row) {
      var mark = coded && row.querySelector("[class*='" + say.field + "-']");
      var found = mark && coded.exec(mark.className);
      return found ? found[1] : "";
    });
    var byLabel = {}; // a signal's name, as the page writes it, -> its code
    var labels = JSON.parse(say.codes || "{}");
    Object.keys(labels).forEach(function (code) { byLabel[normalise(labels[code])] = code; });
    rows.forEach(function (row, i) { row.dataset.timeOrder = String(i); });

    var label = document.createElement("label");
    label.className = "register-filter";
    label.appendChild(document.createTextNode(say.label + " "));
    var input = document.createElement("input");
    input.type = "search";
    input.setAttribute("aria-controls", table.id);
    input.placeholder = say.placeholder;
    label.appendChild(input);
    var status = document.createElement("p");
    status.className = "register-status";
    status.setAttribute("role", "status");
    words.parentNode.insertBefore(label, words);
    words.parentNode.insertBefore(status, words);

    function show() {
      var needle = normalise(input.value);
      var signal = byLabel[needle] || (labels[needle] !== undefined ? needle : null);
      var shown = 0;
      rows.forEach(function (row, i) {
        // A signal's whole name filters by that signal ("Escalatory" is not in "De-escalatory");
        // other words are looked for anywhere in the row.
        var hit = !needle || (signal ? signals[i] === signal : texts[i].indexOf(needle) !== -1);
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      status.textContent = fill(say.status, { shown: shown, total: rows.length });
    }
    input.addEventListener("input", show);
    show();

    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    var choice = document.createElement("select"); // the headers' sorting where a phone hides them
    var sortLabel = document.createElement("label");
    sortLabel.className = "register-sort-choice";
    sortLabel.appendChild(document.createTextNode(say.sort + " "));
    sortLabel.appendChild(choice);
    choice.setAttribute("aria-controls", table.id);
    words.parentNode.insertBefore(sortLabel, status);

    function sortBy(column, ascending) {
      Array.prototype.forEach.call(heads, function (other) { other.setAttribute("aria-sort", "none"); });
      if (heads[column]) heads[column].setAttribute("aria-sort", ascending ? "ascending" : "descending");
      choice.value = column + (ascending ? "+" : "-");
      var key = function (row) {
        // Date and time or order sort by the order of time; the rest by their text.
        if (column <= 1) return Number(row.dataset.timeOrder);
        var cell = row.cells[column];
        var value = cell ? cell.textContent.trim() : "";
        return /^\d+$/.test(value) ? Number(value) : normalise(value);
      };
      rows.slice().sort(function (a, b) {
        var ka = key(a), kb = key(b);
        var order = ka < kb ? -1 : ka > kb ? 1 : Number(a.dataset.timeOrder) - Number(b.dataset.timeOrder);
        return ascending ? order : -order;
      }).forEach(function (row) { body.appendChild(row); });
    }

    Array.prototype.forEach.call(heads, function (th, column) {
      var name = th.textContent.trim();
      [true, false].forEach(function (ascending) {
        var option = document.createElement("option");
        option.value = column + (ascending ? "+" : "-");
        option.textContent = name + (ascending ? " \u2191" : " \u2193");
        choice.appendChild(option);
      });
      var button = document.createElement("button");
      button.type = "button";
      button.className = "register-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", column === 0 ? "ascending" : "none");
      button.addEventListener("click", function () {
        sortBy(column, th.getAttribute("aria-sort") !== "ascending");
      });
    });
    choice.value = "0+";
    choice.addEventListener("change", function () {
      sortBy(Number(choice.value.slice(0, -1)), choice.value.slice(-1) === "+");
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.register-table"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

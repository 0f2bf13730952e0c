"use strict";
// cachelint html report: filters and pages through the findings, sorts the tables.
// Everything from the run is set with textContent, never parsed as HTML.
(function () {
  var SCREEN = 200; // findings per screen: a few thousand nodes, laid out in milliseconds
  var SEVERITIES = ["error", "warning"];
  var data = JSON.parse(document.getElementById("data").textContent);
  var form = document.getElementById("filters");
  var list = document.getElementById("list");
  var status = document.getElementById("status");
  var fixablePages = {};
  data.findings.forEach(function (f) { if (f[6]) fixablePages[f[0]] = true; });
  var screen = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function filters() {
    var q = form.elements.q.value.trim().toLowerCase();
    return {
      tag: form.elements.tag.value,
      rule: form.elements.rule.value,
      severity: form.elements.severity.value,
      q: q,
      newOnly: !!(form.elements["new"] && form.elements["new"].checked)
    };
  }

  function matches(f, want) {
    var page = data.pages[f[0]];
    if (want.tag && page[1] !== want.tag) return false;
    if (want.rule && f[1] !== want.rule) return false;
    if (want.severity && SEVERITIES[f[2]] !== want.severity) return false;
    if (want.newOnly && !f[7]) return false;
    if (want.q) {
      var hay = (page[0] + " " + f[1] + " " + data.messages[f[5]]).toLowerCase();
      if (hay.indexOf(want.q) < 0) return false;
    }
    return true;
  }

  function renderFinding(f) {
    var row = el("div", "finding");
    row.dataset.code = f[1];
    row.dataset.severity = SEVERITIES[f[2]];
    row.appendChild(el("span", "where", f[3] + ":" + f[4]));
    row.appendChild(el("span", "code sev-" + SEVERITIES[f[2]], f[1]));
    row.appendChild(el("span", "msg", data.messages[f[5]]));
    if (f[7]) row.appendChild(el("span", "badge new", "new"));
    if (f[6]) row.appendChild(el("span", "badge fixable", "fixable"));
    if (f[8].length) {
      var pre = el("pre", "excerpt");
      var width = String(f[8][f[8].length - 1][0]).length;
      f[8].forEach(function (line, i) {
        if (i) pre.appendChild(document.createTextNode("\n"));
        var number = String(line[0]);
        pre.appendChild(el("span", "ln", " ".repeat(width - number.length) + number + " | "));
        pre.appendChild(document.createTextNode(line[1]));
        pre.appendChild(el("mark", "", line[2]));
        pre.appendChild(document.createTextNode(line[3]));
      });
      row.appendChild(pre);
    }
    return row;
  }

  function renderPage(index) {
    var page = data.pages[index];
    var block = el("article", "page");
    var title = el("h3", "", page[0]);
    if (page[1]) title.appendChild(el("span", "tag", page[1]));
    block.appendChild(title);
    if (fixablePages[index]) {
      var fix = el("span", "fix", "Fix: ");
      fix.appendChild(el("code", "", page[2]));
      block.appendChild(fix);
    }
    return block;
  }

  function pager(nav, screens) {
    nav.replaceChildren();
    if (screens < 2) return;
    var prev = el("button", "", "‹ Previous");
    var next = el("button", "", "Next ›");
    prev.type = next.type = "button";
    prev.disabled = screen === 0;
    next.disabled = screen >= screens - 1;
    prev.addEventListener("click", function () { go(screen - 1); });
    next.addEventListener("click", function () { go(screen + 1); });
    nav.append(prev, el("span", "", "screen " + (screen + 1) + " of " + screens), next);
  }

  function go(target) {
    screen = target;
    render();
    document.getElementById("pages").scrollIntoView();
  }

  function render() {
    var want = filters();
    var shown = data.findings.filter(function (f) { return matches(f, want); });
    var screens = Math.max(1, Math.ceil(shown.length / SCREEN));
    screen = Math.min(screen, screens - 1);
    var part = shown.slice(screen * SCREEN, (screen + 1) * SCREEN);
    var fragment = document.createDocumentFragment();
    var block = null;
    var current = -1;
    part.forEach(function (f) {
      if (f[0] !== current) {
        current = f[0];
        block = fragment.appendChild(renderPage(current));
      }
      block.appendChild(renderFinding(f));
    });
    list.replaceChildren(fragment);
    var pages = {};
    shown.forEach(function (f) { pages[f[0]] = true; });
    var first = shown.length ? screen * SCREEN + 1 : 0;
    status.textContent = shown.length.toLocaleString() + " of " +
      data.findings.length.toLocaleString() + " findings on " +
      Object.keys(pages).length.toLocaleString() + " pages" +
      (screens > 1 ? " (showing " + first + "–" + (first + part.length - 1) + ")" : "");
    pager(document.getElementById("pager-top"), screens);
    pager(document.getElementById("pager-bottom"), screens);
  }

  // The filters live in the URL fragment (#rule=CL203&tag=develop): links and bookmarks keep them.
  function fromHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("=") < 0) return false;
    var params = new URLSearchParams(location.hash.slice(1));
    ["tag", "rule", "severity", "q"].forEach(function (name) {
      form.elements[name].value = params.get(name) || "";
    });
    if (form.elements["new"]) form.elements["new"].checked = params.get("new") === "1";
    return true;
  }

  function toHash() {
    var want = filters();
    var params = new URLSearchParams();
    ["tag", "rule", "severity"].forEach(function (name) {
      if (want[name]) params.set(name, want[name]);
    });
    if (want.q) params.set("q", form.elements.q.value.trim());
    if (want.newOnly) params.set("new", "1");
    try {
      history.replaceState(null, "", "#" + params.toString());
    } catch (e) { /* an opaque origin may refuse: the filters still apply */ }
  }

  function changed() { screen = 0; toHash(); render(); }

  form.addEventListener("change", changed);
  form.addEventListener("input", changed);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(changed, 0); });
  window.addEventListener("hashchange", function () {
    if (fromHash()) { screen = 0; render(); document.getElementById("pages").scrollIntoView(); }
  });

  function sortBy(table, column, type) {
    var header = table.tHead.rows[0].cells[column];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.sort;
      var y = b.cells[column].dataset.sort;
      var order = type === "num" ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    body.append.apply(body, rows);
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
      cell.querySelector("button").addEventListener("click", function () {
        sortBy(table, column, cell.dataset.type);
      });
    });
  });

  fromHash();
  render();
})();

/// The built-in stylesheet and script: one file each, shared by every page.
enum Assets {
    static let stylesheet = #"""
/* Hourbook built-in stylesheet. A `site.stylesheet` from the data folder loads after it. */
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;font-size:16px;line-height:1.6;color:#1f2328;background:#f6f7f9}
a{color:#0b57d0}
a:visited{color:#5b3fa0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.skip{position:absolute;left:-9999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:10}
.site-header{display:flex;align-items:center;gap:12px;padding:10px 16px;background:#b3261e;color:#fff}
.site-header a{color:#fff;text-decoration:none}
.site-header .logo{height:40px;width:auto}
.site-id{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px}
.site-title{font-size:1.25rem;font-weight:700}
.organisation{opacity:.9}
.site-nav{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;padding:8px 16px;background:#fff;border-bottom:1px solid #d8dee4}
.crumbs{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
.crumbs li+li::before{content:"›";margin-right:4px;color:#6e7781}
.search{position:relative;display:flex;flex-wrap:wrap;align-items:center;gap:6px;max-width:100%}
.search label{font-weight:600}
.search input{font:inherit;padding:4px 8px;border:1px solid #8c959f;border-radius:4px;width:16em;max-width:100%}
.search .hint{position:absolute;left:-9999px}
.search-results{position:absolute;top:100%;right:0;z-index:5;list-style:none;margin:4px 0 0;padding:0;background:#fff;border:1px solid #d8dee4;border-radius:4px;box-shadow:0 4px 12px rgba(0,0,0,.12);width:22em;max-width:calc(100vw - 32px);max-height:70vh;overflow-y:auto}
.search-results:empty{display:none}
.search-results li{border-top:1px solid #eaeef2}
.search-results li:first-child{border-top:0}
.search-results a,.search-results .info{display:block;padding:6px 10px;text-decoration:none}
.search-results a:hover,.search-results a:focus,.search-results a[aria-selected=true]{background:#eef4ff}
.search-results a[aria-selected=true]{outline:2px solid #0b57d0;outline-offset:-2px}
.search-results .kind{font-size:.8em;color:#6e7781;margin-left:6px}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:.4em 0}
h1 .year{color:#6e7781;font-weight:400}
h1 .suffix{font-weight:400;font-size:.8em;margin-left:.3em}
h2{font-size:1.3rem;margin:1.4em 0 .5em;padding-bottom:4px;border-bottom:2px solid #b3261e}
h3{font-size:1.1rem;margin:1.2em 0 .4em}
section{margin-bottom:1em}
.meta,.note{color:#57606a;font-size:.9em}
.year-switch{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:8px 0}
.year-switch a{padding:2px 10px;border:1px solid #b3261e;border-radius:12px;text-decoration:none;color:#b3261e}
.year-switch a[aria-current]{background:#b3261e;color:#fff}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9em,1fr));gap:8px;margin:8px 0}
.figures div{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:8px 12px}
.figures dt{font-size:.85em;color:#57606a}
.figures dd{margin:0;font-size:1.3rem;font-weight:600;font-variant-numeric:tabular-nums}
.person{display:flex;flex-wrap:wrap;gap:4px 24px;margin:4px 0}
.person div{display:flex;gap:6px}
.person dt{color:#57606a}
.person dt::after{content:"："}
html[lang=en] .person dt::after{content:":"}
.person dd{margin:0}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:8px 0;background:#fff;border:1px solid #d8dee4;border-radius:6px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;padding:6px 10px;font-weight:600;color:#57606a;font-size:.9em}
th,td{padding:6px 10px;border-top:1px solid #eaeef2;text-align:left;vertical-align:top}
thead th{background:#f6f8fa;white-space:nowrap;border-top:0}
tbody th{font-weight:500}
.num{text-align:right;white-space:nowrap}
.nowrap{white-space:nowrap}
.period{min-width:7.5em}
table.wide{min-width:42em}
.status-met{color:#116329;font-weight:600}
.status-not-met{color:#b3261e;font-weight:600}
.why{display:block;font-weight:400;font-size:.8em;color:#57606a}
.table-wrap.members{overflow:visible}
table.members{min-width:0}
table.members thead th{position:sticky;top:0;z-index:1;box-shadow:0 1px 0 #d8dee4}
.pager{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.pager a{padding:2px 8px;border:1px solid #d8dee4;border-radius:4px;text-decoration:none}
.pager a[aria-current]{background:#0b57d0;color:#fff;border-color:#0b57d0}
.severity-error td:nth-child(2){color:#b3261e;font-weight:600}
.severity-warning td:nth-child(2){color:#9a6700}
table.sortable thead th{cursor:pointer}
table.sortable thead th[aria-sort=ascending]::after{content:" ▲"}
table.sortable thead th[aria-sort=descending]::after{content:" ▼"}
.js-only{display:none}
.js .js-only{display:inline}
.ledger td{font-size:.9em}
.digest{font-size:.8em}
details pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:6px;margin:4px 0}
.chart{margin:12px 0;background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:8px 12px}
.chart figcaption{font-weight:600;color:#57606a;margin-bottom:6px}
.bars{list-style:none;margin:0;padding:0}
.bars li{display:grid;grid-template-columns:12em 1fr 10em;align-items:center;gap:8px;padding:2px 0}
.bar-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar{width:100%;height:14px;display:block}
.bar .track{fill:#eaeef2}
.bar .fill{fill:#b3261e}
.bar-value{font-variant-numeric:tabular-nums;white-space:nowrap;font-size:.9em}
.tree,.tree ul{list-style:none;margin:0;padding-left:1.1em}
.tree{padding-left:0}
.tree li{margin:2px 0}
.tree ul{border-left:1px dotted #8c959f}
.shortfalls{color:#b3261e}
.exports{display:flex;flex-wrap:wrap;gap:4px 24px;list-style:none;padding-left:0}
.download-note{display:block;color:#b3261e;font-size:.9em}
.year-section{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:4px 16px 12px;margin:16px 0}
.year-section .table-wrap{border-color:#eaeef2}
meter{width:5em}
.print-only{display:none}
.site-footer{max-width:1100px;margin:24px auto;padding:8px 16px;color:#57606a;font-size:.9em;border-top:1px solid #d8dee4}
@media (max-width:600px){
  main{padding:10px}
  .site-nav{flex-direction:column;align-items:stretch}
  .search input{flex:1}
  .search-results{left:0;right:auto;width:100%}
  .bars li{grid-template-columns:1fr auto;grid-template-areas:"label value" "bar bar"}
  th,td{padding:5px 6px}
  table.wide:not(.ledger){min-width:0}
  .period{min-width:0}
  table.members tr>:nth-child(2),table.members tr>:nth-child(3),table.members tr>:nth-child(4){display:none}
  table.members tbody th{white-space:nowrap}
  table.members thead th{white-space:normal}
  /* Training tables as cards: the name with its hours on one line, host, dates and subject below. */
  table.training thead{position:absolute;left:-9999px}
  table.training tr{display:grid;grid-template-columns:1fr auto;border-top:1px solid #eaeef2}
  table.training tbody tr:first-child{border-top:0}
  table.training th,table.training td{border:0}
  table.training tbody th{grid-column:1;grid-row:1}
  table.training td:nth-child(4){grid-column:2;grid-row:1;font-weight:600}
  table.training td:nth-child(2),table.training td:nth-child(3),table.training td:nth-child(5){grid-column:1/span 2;padding-top:0;font-size:.85em;color:#57606a}
  table.training td:empty{display:none}
  .bar-label{grid-area:label}
  .bar-value{grid-area:value}
  .bar{grid-area:bar}
  h1{font-size:1.35rem}
}
@media print{
  @page{margin:15mm}
  body{background:#fff;font-size:11pt;color:#000}
  .site-nav,.search,.year-switch,.skip,.site-footer,.no-print,noscript,.js-only{display:none !important}
  .print-only{display:block}
  .learner .site-header{display:none}
  .as-of{text-align:right;font-size:9pt;margin:0 0 6pt}
  h2,h3,caption{break-after:avoid}
  thead{display:table-header-group}
  .keep{break-inside:avoid}
  th,td{white-space:normal;overflow-wrap:break-word}
  th.num,td.num,td.nowrap{white-space:nowrap}
  td.period{white-space:nowrap}
  table.members thead th{position:static;box-shadow:none}
  .certificate{text-align:center;font-size:18pt;font-weight:700;margin:0 0 8pt}
  .site-header{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 4pt}
  .site-header a{color:#000}
  main{max-width:none;padding:0}
  a{color:#000;text-decoration:none}
  .table-wrap{overflow:visible;border:0}
  table{font-size:9.5pt}
  table.wide{min-width:0}
  th,td{border:1px solid #888;padding:3pt 5pt}
  .year-section{border:0;padding:0;break-before:page}
  .year-section:first-of-type{break-before:auto}
  .figures div,.chart{border:1px solid #888}
  tr,.figures div{break-inside:avoid}
  h2{border-bottom:1px solid #000}
}
"""#

    static let script = #"""
/* Hourbook: sortable tables and search. Every figure is readable without this file. */
(function () {
  "use strict";
  var doc = document, body = doc.body, root = body.getAttribute("data-root") || "";
  var en = body.getAttribute("data-lang") === "en";
  doc.documentElement.className += " js";

  // Sortable tables: click a column header; numbers sort by their data-v value.
  function cellValue(row, i) {
    var cell = row.cells[i];
    if (!cell) return "";
    var v = cell.getAttribute("data-v");
    return v !== null ? parseFloat(v) : cell.textContent.trim();
  }
  Array.prototype.forEach.call(doc.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, i) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var tbody = table.tBodies[0];
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i), r;
          if (typeof x === "number" && typeof y === "number") r = x - y;
          else r = String(x).localeCompare(String(y), en ? "en" : "zh-CN");
          return asc ? r : -r;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  // Large exports opened from disk: browsers ignore `download` on file:// links and would
  // render a gigabyte of text in the tab (over http(s) the file downloads). Say where it is.
  if (location.protocol === "file:") {
    Array.prototype.forEach.call(doc.querySelectorAll("a[download][data-size]"), function (a) {
      if (+a.getAttribute("data-size") < 20 * 1024 * 1024) return;
      a.addEventListener("click", function (e) {
        e.preventDefault();
        var note = a.parentNode.querySelector(".download-note"), name = a.getAttribute("download");
        if (!note) {
          note = doc.createElement("span");
          note.className = "download-note";
          note.setAttribute("role", "status");
          a.parentNode.appendChild(note);
        }
        note.textContent = en ? " Too large for a browser tab: open exports/" + name + " from the folder."
          : "文件过大，浏览器无法打开：请到文件夹 exports/ 中直接打开 " + name + "。";
      });
    });
  }

  // Search. The directory (search/index.js) lists each shard's first and last key; a query
  // loads every shard whose range can hold a key starting with it (at most MAX_SHARDS beyond
  // those holding the query itself), through <script> tags (works from file://, no fetch).
  var form = doc.querySelector("form.search");
  if (!form) return;
  form.hidden = false;
  // Every exact match is listed (a full name, or initials such as "wj" shared by hundreds:
  // each of them must be findable); prefix matches fill the list up to MAX_SHOWN.
  var MAX_SHARDS = 6, MAX_SHOWN = 30;
  var box = doc.getElementById("search-box"), list = doc.getElementById("search-results");
  var year = body.getAttribute("data-year");
  var manifest = null, chunks = {}, waiting = {}, pending = null, active = -1;
  var HB = window.HB = {
    manifest: function (m) { manifest = m; run(); },
    chunk: function (i, rows) { chunks[i] = rows; run(); }
  };
  function load(src) {
    var s = doc.createElement("script");
    s.src = root + src;
    doc.head.appendChild(s);
  }
  function need(i) {
    if (chunks[i] || waiting[i]) return;
    waiting[i] = true;
    load("search/" + i + ".js");
  }
  function normalize(t) { return (t.normalize ? t.normalize("NFKC") : t).toLowerCase().trim(); }
  // Pinyin typed with spaces or apostrophes between syllables (tao fang, tao'fang).
  function compact(q) { return /^[a-z][a-z ']*$/.test(q) ? q.replace(/[ ']/g, "") : q; }
  // Shards whose [first, last] range can hold a key starting with q, and whether some were left.
  function shardsFor(q) {
    var s = manifest.shards, lo = 0, hi = s.length, out = [], extra = 0;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (s[mid][1] < q) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < s.length; i++) {
      var first = s[i][0];
      if (first > q && first.lastIndexOf(q, 0) !== 0) break;
      if (first > q && extra++ >= MAX_SHARDS) return { list: out, capped: true };
      out.push(i);
    }
    return { list: out, capped: false };
  }
  function href(r) {
    if (r[1] === "l") return root + "learners/" + (r[5] || r[3]) + ".html";
    var y = year || manifest.year;
    return y === null || y === undefined ? root + "index.html" : root + "departments/" + y + "/" + (r[5] || r[3]) + ".html";
  }
  function links() { return list.querySelectorAll("a"); }
  function highlight(i) {
    var all = links();
    if (!all.length) { active = -1; return; }
    active = (i + all.length) % all.length;
    Array.prototype.forEach.call(all, function (a, k) {
      a.setAttribute("aria-selected", k === active ? "true" : "false");
      if (k === active) { box.setAttribute("aria-activedescendant", a.id); a.scrollIntoView({ block: "nearest" }); }
    });
  }
  function show(items, hidden, capped) {
    list.textContent = "";
    active = -1;
    box.removeAttribute("aria-activedescendant");
    items.forEach(function (r, k) {
      var li = doc.createElement("li"), a = doc.createElement("a");
      li.setAttribute("role", "none");
      a.id = "search-result-" + k;
      a.setAttribute("role", "option");
      a.href = href(r);
      a.textContent = r[2];
      var kind = doc.createElement("span"), place = r[4] >= 0 ? manifest.departments[r[4]] : "";
      kind.className = "kind";
      kind.textContent = r[3] + (place ? " · " + place : "") + (r[1] === "d" ? (en ? " · department" : " · 部门") : "");
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    box.setAttribute("aria-expanded", items.length ? "true" : "false");
    if (!items.length || hidden || capped) {
      var info = doc.createElement("li");
      info.className = "info";
      info.setAttribute("role", "none");
      if (!items.length && !capped) info.textContent = en ? "No match" : "没有找到";
      else if (capped) info.textContent = en ? "More than " + (items.length + hidden) + " found: keep typing" : "超过 " + (items.length + hidden) + " 个结果，请继续输入";
      else info.textContent = en ? hidden + " more: keep typing" : "还有 " + hidden + " 个结果，请继续输入";
      list.appendChild(info);
    }
  }
  function run() {
    var q = pending;
    if (q === null || !manifest) return;
    if (!q) { list.textContent = ""; active = -1; box.setAttribute("aria-expanded", "false"); return; }
    var queries = compact(q) === q ? [q] : [q, compact(q)], plans = queries.map(shardsFor), missing = false;
    plans.forEach(function (p) { p.list.forEach(function (i) { if (!chunks[i]) { need(i); missing = true; } }); });
    if (missing) return;
    var seen = {}, exact = [], prefix = [], capped = false;
    queries.forEach(function (query, n) {
      if (plans[n].capped) capped = true;
      plans[n].list.forEach(function (c) {
        chunks[c].forEach(function (r) {
          if (r[0].lastIndexOf(query, 0) !== 0) return;
          var key = r[1] + "\u0000" + r[3];
          if (seen[key]) return;
          seen[key] = true;
          (r[0] === query ? exact : prefix).push(r);
        });
      });
    });
    var shown = exact.concat(prefix.slice(0, Math.max(0, MAX_SHOWN - exact.length)));
    show(shown, exact.length + prefix.length - shown.length, capped);
  }
  function search() {
    pending = normalize(box.value);
    if (!manifest) { if (!waiting.m) { waiting.m = true; load("search/index.js"); } return; }
    run();
  }
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-controls", "search-results");
  box.setAttribute("aria-expanded", "false");
  list.setAttribute("role", "listbox");
  box.addEventListener("input", search);
  box.addEventListener("compositionend", search);
  box.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
    else if (e.key === "Enter") {
      var all = links(), target = all[active >= 0 ? active : 0];
      e.preventDefault();
      if (target) window.location.href = target.href;
    } else if (e.key === "Escape") { box.value = ""; pending = ""; list.textContent = ""; active = -1; box.setAttribute("aria-expanded", "false"); }
  });
})();
"""#
}

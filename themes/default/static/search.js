/* Site search for the search page: matches query words against the index in
   search-index.js (window.BULLETIN_SEARCH), all in the browser, so it works from file://.
   Chinese is matched by substring (西游 finds 西游记); titles, authors and tags also carry
   pinyin and initials (xiyouji, xyj). Words shown come from data- attributes (translations),
   and what each kind of result is called from the index itself. */
(function () {
  "use strict";

  // How much a match in each field counts; a title beats an author, which beats the text.
  var WEIGHTS = { title: 10, author: 6, pinyin: 6, tags: 4, call: 4, bands: 2, text: 1 };
  var LIMIT = 50;
  var SNIPPET = 40; // characters either side of the first match in the text

  function normalise(s) { return (s || "").normalize("NFKC").toLowerCase(); }

  function prepare(index) {
    var f = {};
    index.fields.forEach(function (name, i) { f[name] = i; });
    var stop = {};
    index.stop.forEach(function (w) { stop[w] = true; });
    var docs = index.docs.map(function (row, n) {
      var doc = { order: n, norm: {} };
      index.fields.forEach(function (name) { doc[name] = row[f[name]]; });
      Object.keys(WEIGHTS).forEach(function (name) { doc.norm[name] = normalise(doc[name]); });
      return doc;
    });
    return { docs: docs, stop: stop };
  }

  /* Query words, with stop-words left out; {terms: [], dropped: true} when only stop-words were typed. */
  function terms(prepared, query) {
    var words = normalise(query).split(/[\s,，、。;；:：!！?？"“”'‘’()（）《》<>]+/).filter(Boolean);
    var kept = words.filter(function (w) { return !prepared.stop[w]; });
    return { terms: kept, dropped: words.length > 0 && kept.length === 0 };
  }

  function search(prepared, query) {
    var t = terms(prepared, query);
    if (!t.terms.length) return { results: [], terms: [], dropped: t.dropped };
    var results = [];
    prepared.docs.forEach(function (doc) {
      var score = 0;
      for (var i = 0; i < t.terms.length; i++) {
        var term = t.terms[i], best = 0;
        for (var name in WEIGHTS) {
          if (doc.norm[name].indexOf(term) !== -1 && WEIGHTS[name] > best) best = WEIGHTS[name];
        }
        if (!best) return; // every word must match somewhere
        score += best;
        if (doc.norm.title.indexOf(term) === 0) score += 5;
      }
      results.push({ doc: doc, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
    return { results: results, terms: t.terms, dropped: false };
  }

  /* Text as nodes with each term wrapped in <mark> (built as nodes, never as HTML). */
  function highlight(text, termList) {
    var frag = document.createDocumentFragment();
    var norm = normalise(text);
    // NFKC can change lengths (e.g. ligatures); fall back to plain text then.
    if (norm.length !== text.length) { frag.appendChild(document.createTextNode(text)); return frag; }
    var pos = 0;
    while (pos < text.length) {
      var next = -1, len = 0;
      termList.forEach(function (term) {
        var at = norm.indexOf(term, pos);
        if (at !== -1 && (next === -1 || at < next || (at === next && term.length > len))) { next = at; len = term.length; }
      });
      if (next === -1) { frag.appendChild(document.createTextNode(text.slice(pos))); break; }
      if (next > pos) frag.appendChild(document.createTextNode(text.slice(pos, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + len);
      frag.appendChild(mark);
      pos = next + len;
    }
    return frag;
  }

  function snippet(doc, termList) {
    var text = doc.text || "", norm = doc.norm.text, at = -1;
    termList.forEach(function (term) {
      var i = norm.indexOf(term);
      if (i !== -1 && (at === -1 || i < at)) at = i;
    });
    var start = Math.max(0, (at === -1 ? 0 : at) - SNIPPET);
    var end = Math.min(text.length, (at === -1 ? 0 : at) + SNIPPET * 2);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function render(box, found, words) {
    var list = box.querySelector(".search-results");
    var status = box.querySelector(".search-status");
    list.textContent = "";
    if (found.dropped) { status.textContent = words.common; return; }
    if (!found.terms.length) { status.textContent = ""; return; }
    status.textContent = found.results.length
      ? words.count.replace("{count}", found.results.length) : words.none;
    found.results.slice(0, LIMIT).forEach(function (r) {
      var doc = r.doc, item = el("li", "search-result search-" + doc.kind);
      if (doc.cover) {
        var img = el("img", "search-cover");
        img.src = doc.cover; img.alt = ""; img.loading = "lazy";
        item.appendChild(img);
      }
      var body = el("div", "search-body");
      var title = el("a", "search-title");
      title.href = doc.url;
      title.appendChild(highlight(doc.kind === "book" ? "《" + doc.title + "》" : doc.title, found.terms));
      var head = el("h2");
      head.appendChild(title);
      body.appendChild(head);
      var meta = [words.kinds[doc.kind], doc.author, doc.bands, doc.call].filter(Boolean).join(" · ");
      if (meta) { var m = el("p", "search-meta"); m.appendChild(highlight(meta, found.terms)); body.appendChild(m); }
      var text = snippet(doc, found.terms);
      if (text) { var s = el("p", "search-snippet"); s.appendChild(highlight(text, found.terms)); body.appendChild(s); }
      item.appendChild(body);
      list.appendChild(item);
    });
  }

  // Exposed for the tests, which run the same matcher the page uses.
  window.BulletinSearch = { prepare: prepare, search: search };

  var box = document.getElementById("search");
  if (!box) return;
  var input = box.querySelector("input[type=search]");
  var d = box.dataset;
  if (!window.BULLETIN_SEARCH) { box.querySelector(".search-status").textContent = d.missing; return; }
  // What each kind of result is called comes with the index: one entry per content type.
  var words = { count: d.count, none: d.none, common: d.common, kinds: window.BULLETIN_SEARCH.kinds || {} };
  var prepared = prepare(window.BULLETIN_SEARCH);
  box.classList.add("search-ready");
  function run() { render(box, search(prepared, input.value), words); }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) input.value = q;
  input.addEventListener("input", run);
  box.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
  run();
})();

/* bulletin serve: the editor's forms. Vanilla JavaScript, no library, nothing from the internet.
   Lists of entries (add, remove, reorder; nested), a table's columns, lists of dates/numbers/books,
   the ISBN check digit as one types, the book picker, cover upload (choose or drop a photo), and
   the Markdown preview, which waits while a Chinese input method is composing. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main) { return; }
  var base = main.getAttribute("data-base");
  var csrf = main.getAttribute("data-csrf");
  var wordsNode = document.getElementById("ed-words");
  function word(name) { return wordsNode ? wordsNode.getAttribute("data-" + name) || "" : ""; }
  function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* -- names: a list's items are <name>[0], <name>[1] ... in document order ---------------- */
  var NAMED = ["name", "id", "for", "data-name", "data-stem", "aria-describedby", "data-columns-from"];
  function renumber(container) {
    var name = container.getAttribute("data-name");
    var pattern = new RegExp(escapeRe(name) + "\\[[^\\]]*\\]", "g");
    itemsOf(container).forEach(function (item, index) {
      var fresh = name + "[" + index + "]";
      [item].concat(Array.prototype.slice.call(item.querySelectorAll("*"))).forEach(function (el) {
        NAMED.forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value && value.indexOf(name + "[") !== -1) { el.setAttribute(attr, value.replace(pattern, fresh)); }
        });
        if (el.tagName === "TEMPLATE") { el.innerHTML = el.innerHTML.replace(pattern, fresh); }
      });
    });
  }
  function itemsOf(container) {
    var list = container.querySelector(".ed-entries, .ed-items");
    return Array.prototype.filter.call(list.children, function (el) { return el.matches(".ed-entry, .ed-item"); });
  }
  function listOf(container) { return container.querySelector(".ed-entries, .ed-items"); }
  function ownTemplate(container) {
    return Array.prototype.filter.call(container.children, function (el) { return el.tagName === "TEMPLATE"; })[0];
  }
  function addFrom(container, placeholder) {
    var html = ownTemplate(container).innerHTML.split(placeholder).join(String(itemsOf(container).length));
    var holder = document.createElement(listOf(container).tagName === "TBODY" ? "tbody" : "ol");
    holder.innerHTML = html.trim();
    var added = holder.firstElementChild;
    listOf(container).appendChild(added);
    if (container.hasAttribute("data-columns-from")) { fitColumns(container); }
    enhance(added);
    var first = added.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
    changed();
  }

  /* -- a table's columns follow the list of dates they stand for (a month's weeks) ----------- */
  function columnCount(table) { return table.querySelectorAll("thead th[data-column]").length; }
  function setColumns(table, count) {
    var head = table.querySelector("thead tr");
    var heads = head.querySelectorAll("th[data-column]");
    var source = table.getAttribute("data-columns-from");
    var dates = source ? document.querySelectorAll('[name^="' + source + '["]') : [];
    for (var n = heads.length; n < count; n++) {
      var th = document.createElement("th");
      th.setAttribute("scope", "col"); th.setAttribute("data-column", "");
      th.textContent = dates[n] && dates[n].value ? dates[n].value : String(n + 1);
      head.insertBefore(th, head.lastElementChild);
    }
    for (var m = heads.length; m > count; m--) { heads[m - 1].remove(); }
    table.querySelectorAll("tbody tr").forEach(function (row) { setRowColumns(row, count); });
    var template = ownTemplate(table);
    var holder = document.createElement("tbody");
    holder.innerHTML = template.innerHTML.trim();
    setRowColumns(holder.firstElementChild, count);
    template.innerHTML = holder.innerHTML;
  }
  function setRowColumns(row, count) {
    var stem = row.querySelector("[data-stem]");
    if (!stem) { return; }
    var cells = row.querySelectorAll("input[data-column]");
    for (var n = cells.length; n < count; n++) {
      var td = document.createElement("td");
      var input = document.createElement("input");
      input.type = "number"; input.min = "0"; input.setAttribute("data-column", "");
      input.name = stem.getAttribute("data-stem") + "[" + n + "]";
      input.setAttribute("aria-label", stem.getAttribute("data-label") + " " + (n + 1));
      td.appendChild(input);
      row.insertBefore(td, stem);
    }
    for (var m = cells.length; m > count; m--) { cells[m - 1].parentNode.remove(); }
  }
  function fitColumns(table) { setColumns(table, Math.max(columnCount(table), datesCount(table))); }
  function datesCount(table) {
    var source = table.getAttribute("data-columns-from");
    return source ? document.querySelectorAll('[name^="' + source + '["]').length : 0;
  }

  /* -- buttons ------------------------------------------------------------------------------ */
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) { return; }
    var action = button.getAttribute("data-action");
    var container = button.closest(action.indexOf("item") !== -1 ? ".ed-field" : ".ed-records");
    if (action === "add") { addFrom(container, "__n" + container.getAttribute("data-depth") + "__"); return; }
    if (action === "add-item") {
      var items = container.querySelector(".ed-items");
      var template = container.querySelector("template");
      var holder = document.createElement("ol");
      holder.innerHTML = template.innerHTML.split("__item__").join(String(items.children.length)).trim();
      var added = holder.firstElementChild;
      items.appendChild(added);
      enhance(added);
      added.querySelector("input").focus();
      syncTables(items.getAttribute("data-name"));
      changed();
      return;
    }
    if (action === "add-column" || action === "remove-column") {
      setColumns(container, Math.max(0, columnCount(container) + (action === "add-column" ? 1 : -1)));
      changed();
      return;
    }
    var item = button.closest(".ed-entry, .ed-item");
    var list = item.parentNode;
    if (action === "remove" || action === "remove-item") { item.remove(); }
    if (action === "up" && item.previousElementSibling) { list.insertBefore(item, item.previousElementSibling); }
    if (action === "down" && item.nextElementSibling) { list.insertBefore(item.nextElementSibling, item); }
    var items = list.closest(".ed-items");
    if (items) { renumberItems(items); syncTables(items.getAttribute("data-name")); }
    else { renumber(list.closest(".ed-records")); }
    button.blur();
    changed();
  });
  function syncTables(datesName) {
    document.querySelectorAll('[data-columns-from="' + datesName + '"]').forEach(function (table) {
      setColumns(table, Math.max(datesCount(table), 0) || columnCount(table));
    });
  }
  function renumberItems(items) {
    var name = items.getAttribute("data-name");
    Array.prototype.forEach.call(items.children, function (li, index) {
      li.querySelectorAll("[name]").forEach(function (el) { el.name = name + "[" + index + "]"; });
    });
  }

  /* -- ISBN: the check digit as one types ------------------------------------------------- */
  function isbnState(text) {
    var digits = text.replace(/[\s-]/g, "").toUpperCase();
    if (!digits) { return ""; }
    if (/^\d{9}[\dX]$/.test(digits)) {
      var sum = 0;
      for (var i = 0; i < 10; i++) { sum += (digits[i] === "X" ? 10 : +digits[i]) * (10 - i); }
      return sum % 11 === 0 ? "ok" : "bad";
    }
    if (/^\d{13}$/.test(digits)) {
      var total = 0;
      for (var j = 0; j < 12; j++) { total += +digits[j] * (j % 2 ? 3 : 1); }
      return (10 - total % 10) % 10 === +digits[12] ? "ok" : "bad";
    }
    return "length";
  }
  function checkIsbn(input) {
    var state = isbnState(input.value);
    var shown = input.parentNode.querySelector(".ed-isbn-state");
    shown.textContent = state ? word("isbn-" + state) : "";
    shown.className = "ed-isbn-state" + (state ? " ed-isbn-" + state : "");
  }
  window.bulletinIsbnState = isbnState;

  /* -- book picker: title, pinyin, ISBN, file name ---------------------------------------- */
  var books = null;
  function loadBooks(then) {
    if (books) { return then(books); }
    fetch(base + "books.json", { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (data) { books = data.books; then(books); });
  }
  function fold(text) { return text.normalize("NFKC").toLowerCase().replace(/-/g, ""); }
  function pick(picker) {
    var input = picker.querySelector("input");
    var results = picker.querySelector(".ed-results");
    var picked = picker.querySelector(".ed-picked");
    loadBooks(function (all) {
      var terms = fold(input.value).split(/\s+/).filter(Boolean);
      var exact = all.filter(function (b) { return b[0] === input.value.trim(); })[0];
      picked.textContent = exact ? "《" + exact[1] + "》" : "";
      results.innerHTML = "";
      if (!terms.length || exact) { return; }
      var found = all.filter(function (b) { return terms.every(function (t) { return b[2].indexOf(t) !== -1; }); }).slice(0, 8);
      if (!found.length) { results.textContent = word("book-none"); return; }
      found.forEach(function (b) {
        var option = document.createElement("button");
        option.type = "button"; option.className = "ed-result"; option.setAttribute("role", "option");
        option.textContent = "《" + b[1] + "》 " + b[0];
        option.addEventListener("click", function () { input.value = b[0]; pick(picker); changed(); input.focus(); });
        results.appendChild(option);
      });
    });
  }

  /* -- covers: choose a file or drop a photo; the server checks, turns and names it -------- */
  function upload(field, file) {
    var input = field.querySelector("input[data-cover]");
    var state = field.querySelector(".ed-cover-state");
    var title = document.querySelector('[name="title"]');
    var slug = location.pathname.split("/edit/")[1];
    var query = slug ? "slug=" + encodeURIComponent(decodeURIComponent(slug.split("/")[1] || "")) : "title=" + encodeURIComponent(title ? title.value : "");
    state.textContent = word("cover-uploading");
    fetch(base + "cover?" + query, { method: "POST", body: file, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": file.type || "application/octet-stream" } })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (reply) {
        if (!reply.ok) { state.textContent = reply.data.message + " " + (reply.data.hint || ""); state.className = "ed-cover-state ed-error"; return; }
        input.value = reply.data.name;
        state.textContent = word("cover-done"); state.className = "ed-cover-state ed-ok";
        var img = field.querySelector(".ed-cover-preview");
        img.src = reply.data.url; img.hidden = false;
        changed();
      });
  }

  /* -- Markdown preview, rendered by the server's own Markdown and sanitiser --------------- */
  var previewTimer = null;
  function preview(area) {
    var target = document.getElementById(area.getAttribute("data-preview"));
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      fetch(base + "preview", { method: "POST", body: area.value, credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf, "Content-Type": "text/plain; charset=utf-8" } })
        .then(function (r) { return r.text(); }).then(function (html) { target.innerHTML = html; target.setAttribute("data-rendered", String(Date.now())); });
    }, 150);
  }

  /* -- wiring ------------------------------------------------------------------------------ */
  var dirty = false;
  function changed() { dirty = true; }
  function enhance(root) {
    root.querySelectorAll("input[data-isbn]").forEach(function (input) {
      checkIsbn(input);
      input.addEventListener("input", function () { checkIsbn(input); });
    });
    root.querySelectorAll("[data-picker]").forEach(function (picker) {
      var input = picker.querySelector("input");
      input.addEventListener("input", function (e) { if (!e.isComposing) { pick(picker); } });
      input.addEventListener("compositionend", function () { pick(picker); });
      if (input.value) { pick(picker); }
    });
    root.querySelectorAll(".ed-image").forEach(function (field) {
      field.querySelector(".ed-file-input").addEventListener("change", function (e) { if (e.target.files[0]) { upload(field, e.target.files[0]); } });
      field.addEventListener("dragover", function (e) { e.preventDefault(); field.classList.add("ed-dragging"); });
      field.addEventListener("dragleave", function () { field.classList.remove("ed-dragging"); });
      field.addEventListener("drop", function (e) {
        e.preventDefault(); field.classList.remove("ed-dragging");
        if (e.dataTransfer.files[0]) { upload(field, e.dataTransfer.files[0]); }
      });
      var name = field.querySelector("input[data-cover]").value;
      if (name) { var img = field.querySelector(".ed-cover-preview"); img.src = base + "image/" + encodeURIComponent(name); img.hidden = false; }
    });
    root.querySelectorAll("textarea[data-preview]").forEach(function (area) {
      // An input method (pinyin) sends input events while a word is being composed; acting on
      // them would send half-typed pinyin. Only the finished text is previewed.
      area.addEventListener("input", function (e) { if (!e.isComposing) { preview(area); } });
      area.addEventListener("compositionend", function () { preview(area); });
      preview(area);
    });
  }
  enhance(document);
  document.querySelectorAll("form.ed-form").forEach(function (form) {
    form.addEventListener("input", changed);
    form.addEventListener("submit", function () { dirty = false; });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) { if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); } });
  });
  window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = word("unsaved"); } });
})();

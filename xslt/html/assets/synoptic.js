/*
  The synoptic page: two or three panes side by side, each one whole view of a text, read from
  the text's own page (so each pane shows every word of that view once), chosen by the reader and
  kept in the URL (?panes=text:view,text:view[,text:view]; ?witnesses=text for a text's witnesses
  in columns). Scrolling a pane brings the aligned paragraph (or verse line) of the other panes to
  the same height: the same paragraph for two views of one text, else the paragraph the alignment
  data (synoptic.xsl: "Also told in", @corresp) names. On a narrow screen the panes are tabs.
  The text pages are fetched, which needs the site served over HTTP; where that fails a pane says
  so and links the text's page.
*/
(function () {
  "use strict";

  var root = document.getElementById("synoptic");
  if (!root) { return; }
  var data = JSON.parse(root.querySelector(".synoptic-data").textContent);
  var texts = new Map(data.texts.map(function (t) { return [t.id, t]; }));
  var chooser = root.querySelector(".synoptic-chooser");
  var panesBox = root.querySelector(".synoptic-panes");
  var tabsBox = root.querySelector(".synoptic-tabs");
  var narrow = window.matchMedia("(max-width: 44rem)");
  var pages = new Map();     // a text page's href -> promise of its parsed document
  var panes = [];            // {el, body, text, view, units, byId, tab}
  var expected = new Map();  // a pane body -> the scrollTop this script gave it (its scroll event is not the reader's)
  var pending = null;
  var active = 0;            // the pane shown as the current tab on a narrow screen
  var TRANSLATION = "translation";  // the view of a text's translation within it (synoptic.xsl)
  var FACSIMILE = "facsimile";      // the view of a text's page images (synoptic.xsl)

  /* Which text and view a URL token "text:view" names; null for an unknown text. */
  function parsePane(token) {
    var cut = token.lastIndexOf(":");
    var text = texts.get(cut < 0 ? token : token.slice(0, cut));
    if (!text) { return null; }
    var view = cut < 0 ? "" : token.slice(cut + 1);
    var known = text.views.some(function (v) { return v.token === view; });
    return {text: text, view: known ? view : text.first};
  }

  /* The panes the URL asks for: a text's witnesses, or two or three panes, else the default pair. */
  function chosen() {
    var params = new URLSearchParams(window.location.search);
    var wit = texts.get(params.get("witnesses") || "");
    if (wit && wit.views.length > 2) {
      return {witnesses: wit, list: wit.views.slice(2).map(function (v) { return {text: wit, view: v.token}; })};
    }
    var list = (params.get("panes") || "").split(",").filter(Boolean).map(parsePane).filter(Boolean).slice(0, 3);
    return {list: list.length >= 2 ? list : defaults()};
  }

  /* Without a choice: the first text beside the first text aligned with it, else its two first views. */
  function defaults() {
    var first = data.texts[0];
    var partner = first.partners.length ? texts.get(first.partners[0]) : null;
    return partner ? [{text: first, view: first.first}, {text: partner, view: partner.first}]
                   : [{text: first, view: first.views[0].token}, {text: first, view: first.views[1].token}];
  }

  function token(choice) { return choice.text.id + ":" + choice.view; }

  function viewLabel(choice) {
    var v = choice.text.views.filter(function (x) { return x.token === choice.view; })[0];
    return v ? v.label : choice.view;
  }

  function load(href) {
    if (!pages.has(href)) {
      pages.set(href, fetch(href).then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + href); }
        return response.text();
      }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); }));
    }
    return pages.get(href);
  }

  /* Ids of a pane's copy get the pane's prefix (a text may be in two panes); links to what the copy
     does not hold (notes, apparatus) lead to the text's page. */
  function prefixIds(copy, prefix, href) {
    var ids = new Map();
    copy.querySelectorAll("[id]").forEach(function (el) {
      ids.set(el.id, prefix + el.id);
      el.dataset.id = el.id;
      el.id = prefix + el.id;
    });
    copy.querySelectorAll("a[href^='#']").forEach(function (a) {
      var target = decodeURIComponent(a.getAttribute("href").slice(1));
      a.setAttribute("href", ids.has(target) ? "#" + ids.get(target) : href + a.getAttribute("href"));
    });
    ["aria-describedby", "aria-labelledby", "aria-controls"].forEach(function (name) {
      copy.querySelectorAll("[" + name + "]").forEach(function (el) {
        var kept = el.getAttribute(name).split(/\s+/).filter(function (id) { return ids.has(id); });
        if (kept.length) { el.setAttribute(name, kept.map(function (id) { return ids.get(id); }).join(" ")); }
        else { el.removeAttribute(name); }
      });
    });
  }

  /* Put a text's page images into a pane, one under another (the images the text page's viewer shows). */
  function fillFacsimile(pane, doc) {
    var block = doc.querySelector("script.facsimile-data");
    if (!block) { failed(pane); return; }
    var base = new URL(pane.text.href, window.location.href);
    var column = document.createElement("div");
    column.className = "synoptic-facsimile";
    JSON.parse(block.textContent).pages.forEach(function (page) {
      var figure = document.createElement("figure");
      figure.className = "synoptic-page";
      figure.dataset.id = page.id;
      var img = document.createElement("img");
      img.src = new URL(page.info ? page.info.id + "/full/max/0/default.jpg" : page.url, base).href;
      img.alt = root.dataset.pageLabel.replace("{1}", page.label);
      if (page.width && page.height) { img.width = page.width; img.height = page.height; }
      var caption = document.createElement("figcaption");
      caption.textContent = img.alt;
      figure.append(img, caption);
      column.appendChild(figure);
    });
    pane.body.replaceChildren(column);
    pane.units = Array.prototype.slice.call(column.children);
    pane.byId = new Map(pane.units.map(function (unit) { return [unit.dataset.id, unit]; }));
    pane.pageOf = new Map(pane.units.map(function (unit) { return [unit, unit.dataset.id]; }));
  }

  /* The page (its id, from the page breaks that link a page image) each unit of a text pane begins on;
     a page break inside a unit comes after it in document order and counts for the units after it. */
  function pagesOf(article, units) {
    var pages = new Map(), page = null, wanted = new Set(units);
    article.querySelectorAll("[data-facs-page], p.numbered, .tei-ab.numbered, .tei-l").forEach(function (el) {
      if (el.dataset.facsPage) { page = el.dataset.facsPage; }
      if (wanted.has(el) && page !== null) { pages.set(el, page); }
    });
    return pages;
  }

  /* Put the view of a text page into a pane: its reading text, in the pane's view. */
  function fill(pane, doc, index) {
    if (pane.view === FACSIMILE) { fillFacsimile(pane, doc); return; }
    var source = doc.querySelector("#reading-text .tei-text");
    var article = document.createElement("article");
    article.className = "edition-text synoptic-text";
    // A translation within the text is read in the text's first view, alone; beside it the text goes without it.
    article.dataset.view = pane.view === TRANSLATION ? pane.text.first : pane.view;
    article.classList.toggle("synoptic-translation", pane.view === TRANSLATION);
    article.classList.toggle("synoptic-without-translation", pane.view !== TRANSLATION && pane.translated);
    var section = doc.querySelector("#reading-text");
    if (section && section.lang) { article.lang = section.lang; }
    var copy = document.importNode(source, true);
    copy.querySelectorAll("script, aside.facsimile-viewer").forEach(function (el) { el.remove(); });
    prefixIds(copy, "s" + (index + 1) + "-", pane.text.href);
    article.appendChild(copy);
    var style = doc.querySelector("head style");
    if (style && !document.head.querySelector("style[data-synoptic-text='" + CSS.escape(pane.text.id) + "']")) {
      var rules = document.createElement("style");
      rules.dataset.synopticText = pane.text.id;
      rules.textContent = style.textContent;
      document.head.appendChild(rules);
    }
    pane.body.replaceChildren(article);
    pane.units = Array.prototype.slice.call(article.querySelectorAll("p.numbered, .tei-ab.numbered, .tei-l"))
      .filter(function (unit) {
        var inTranslation = unit.closest(".type-translation") !== null;
        return pane.view === TRANSLATION ? inTranslation : !(inTranslation && pane.translated);
      });
    pane.byId = new Map();
    pane.units.forEach(function (unit) { if (unit.dataset.id) { pane.byId.set(unit.dataset.id, unit); } });
    pane.pageOf = pagesOf(article, pane.units);
    root.dispatchEvent(new CustomEvent("synoptic:filled", {detail: {pane: pane.el}}));
  }

  function failed(pane) {
    var p = document.createElement("p");
    p.className = "synoptic-failed";
    p.textContent = root.dataset.failed + " ";
    var a = document.createElement("a");
    a.href = pane.text.href;
    a.textContent = pane.text.title;
    p.appendChild(a);
    pane.body.replaceChildren(p);
    pane.units = [];
    pane.byId = new Map();
    pane.pageOf = new Map();
  }

  function label(n) { return root.dataset.paneLabel.replace("{1}", String(n)); }

  /* Make the panes (and their tabs) for a list of choices, and fill them. */
  function build(list) {
    var translated = list.filter(function (c) { return c.view === TRANSLATION; }).map(function (c) { return c.text; });
    panes = list.map(function (choice, i) {
      var el = document.createElement("section");
      el.className = "synoptic-pane";
      el.id = "synoptic-pane-box-" + (i + 1);
      var head = document.createElement("h2");
      head.className = "synoptic-pane-title";
      head.id = el.id + "-title";
      var link = document.createElement("a");
      link.href = choice.text.href;
      link.textContent = choice.text.title;
      var view = document.createElement("span");
      view.className = "synoptic-pane-view";
      view.textContent = viewLabel(choice);
      head.append(view, " ", link);
      var body = document.createElement("div");
      body.className = "synoptic-pane-body";
      body.tabIndex = 0;
      body.setAttribute("aria-labelledby", head.id);
      var loading = document.createElement("p");
      loading.className = "synoptic-loading";
      loading.textContent = root.dataset.loading;
      body.appendChild(loading);
      el.append(head, body);
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "synoptic-tab";
      tab.id = el.id + "-tab";
      tab.setAttribute("aria-label", label(i + 1) + ": " + viewLabel(choice) + " — " + choice.text.title);
      var tabTitle = document.createElement("span");
      tabTitle.className = "synoptic-tab-title";
      tabTitle.textContent = choice.text.title;
      var tabView = document.createElement("span");
      tabView.className = "synoptic-tab-view";
      tabView.textContent = viewLabel(choice);
      tab.append(tabTitle, tabView);
      tab.addEventListener("click", function () { select(i); });
      var pane = {el: el, body: body, text: choice.text, view: choice.view, units: [], byId: new Map(), pageOf: new Map(), tab: tab,
                  translated: translated.indexOf(choice.text) >= 0};
      body.addEventListener("scroll", function () { scrolled(pane); }, {passive: true});
      return pane;
    });
    panesBox.replaceChildren.apply(panesBox, panes.map(function (p) { return p.el; }));
    tabsBox.replaceChildren.apply(tabsBox, panes.map(function (p) { return p.tab; }));
    panesBox.style.setProperty("--panes", String(panes.length));
    active = 0;
    layout();
    return Promise.all(panes.map(function (pane, i) {
      return load(pane.text.href).then(function (doc) { fill(pane, doc, i); }, function () { failed(pane); });
    }));
  }

  /* Tabs on a narrow screen (one pane shown), columns on a wide one. */
  function layout() {
    var tabs = narrow.matches;
    tabsBox.hidden = !tabs;
    panes.forEach(function (pane, i) {
      var current = i === active;
      pane.el.classList.toggle("synoptic-current", current);
      pane.tab.setAttribute("role", "tab");
      pane.tab.setAttribute("aria-selected", String(current));
      pane.tab.setAttribute("aria-controls", pane.el.id);
      pane.tab.tabIndex = current ? 0 : -1;
      if (tabs) {
        pane.el.setAttribute("role", "tabpanel");
        pane.el.setAttribute("aria-labelledby", pane.tab.id);
        pane.el.hidden = !current;
      } else {
        pane.el.removeAttribute("role");
        pane.el.setAttribute("aria-labelledby", pane.el.id + "-title");
        pane.el.hidden = false;
      }
    });
  }

  /* Show tab i, brought to the paragraph the tab before it showed. */
  function select(i) {
    var before = panes[active];
    var lead = before && before !== panes[i] ? leading(before, panes[i]) : null;
    active = i;
    layout();
    panes[i].tab.focus();
    place(panes[i], lead);
  }

  tabsBox.addEventListener("keydown", function (event) {
    var step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
    if (step) { event.preventDefault(); select((active + step + panes.length) % panes.length); }
  });

  /* The unit (paragraph or line) at the top of a pane. */
  function anchor(pane) {
    var top = pane.body.getBoundingClientRect().top;
    for (var i = 0; i < pane.units.length; i += 1) {
      if (pane.units[i].getBoundingClientRect().bottom > top + 4) { return pane.units[i]; }
    }
    return null;
  }

  /* The unit of pane `to` aligned with `unit` of pane `from`, nearest the height it would take. */
  function counterpart(from, unit, to, offset) {
    if (from.text === to.text && (from.view === FACSIMILE) !== (to.view === FACSIMILE)) {
      // The page image of a paragraph, or the first paragraph of a page.
      var page = from.pageOf.get(unit);
      if (to.view === FACSIMILE) { return page ? to.byId.get(page) || null : null; }
      return to.units.filter(function (u) { return to.pageOf.get(u) === page; })[0] || null;
    }
    var acrossTranslation = (from.view === TRANSLATION) !== (to.view === TRANSLATION);
    if (from.text === to.text && !acrossTranslation) { return to.units[from.units.indexOf(unit)] || null; }
    var names = (from.text.align[unit.dataset.id] || []).filter(function (name) {
      return name.slice(0, name.lastIndexOf("#")) === to.text.id;
    });
    var top = to.body.getBoundingClientRect().top + offset;
    var found = names.map(function (name) { return to.byId.get(name.slice(name.lastIndexOf("#") + 1)); })
      .filter(Boolean);
    found.sort(function (a, b) {
      return Math.abs(a.getBoundingClientRect().top - top) - Math.abs(b.getBoundingClientRect().top - top);
    });
    if (!found.length && from.text === to.text && !to.text.align[unit.dataset.id]) {
      // A translation whose paragraphs name none of the text's: paragraph by paragraph, in order.
      return to.units[from.units.indexOf(unit)] || null;
    }
    return found[0] || null;
  }

  /* What pane `to` holds of the unit at the top of `from`, and that unit's height in `from`; past a
     unit without counterpart, the last unit above it that has one leads (the panes then scroll
     together until the next aligned paragraph); above the first, nothing. */
  function leading(from, to) {
    var first = anchor(from);
    if (!first) { return null; }
    var top = from.body.getBoundingClientRect().top;
    for (var i = from.units.indexOf(first); i >= 0; i -= 1) {
      var offset = from.units[i].getBoundingClientRect().top - top;
      var target = counterpart(from, from.units[i], to, offset);
      if (target) { return {target: target, offset: offset}; }
    }
    return null;
  }

  /* Scroll pane `to` so that the unit `lead.target` stands `lead.offset` below its top. */
  function place(to, lead) {
    if (!lead || to.el.hidden) { return; }
    var delta = lead.target.getBoundingClientRect().top - to.body.getBoundingClientRect().top - lead.offset;
    var top = Math.max(0, Math.min(to.body.scrollHeight - to.body.clientHeight, to.body.scrollTop + delta));
    if (Math.abs(top - to.body.scrollTop) < 1) { return; }
    expected.set(to.body, top);
    to.body.scrollTop = top;
  }

  function alignTo(from, to) {
    if (!to.el.hidden) { place(to, leading(from, to)); }
  }

  function scrolled(pane) {
    if (expected.has(pane.body)) {
      var mine = Math.abs(pane.body.scrollTop - expected.get(pane.body)) <= 1;
      expected.delete(pane.body);
      if (mine) { return; }
    }
    if (pending === null) {
      window.requestAnimationFrame(function () {
        var from = pending;
        pending = null;
        panes.forEach(function (to) { if (to !== from) { alignTo(from, to); } });
      });
    }
    pending = pane;
  }

  /* The chooser: its selects show the panes; a change makes the panes again and goes into the URL. */
  function showChoice(list) {
    var selects = chooser.querySelectorAll("select");
    selects.forEach(function (select, i) { select.value = list[i] ? token(list[i]) : ""; });
  }

  chooser.addEventListener("change", function () {
    var list = Array.prototype.map.call(chooser.querySelectorAll("select"), function (s) { return s.value; })
      .filter(Boolean).map(parsePane).filter(Boolean);
    var params = new URLSearchParams();
    params.set("panes", list.map(token).join(","));
    window.history.replaceState(null, "", "?" + params.toString());
    build(list);
  });

  /* A link in a pane to a paragraph another pane shows ("Also told in") scrolls that pane to it, level
     with the link's paragraph, instead of leaving the page. */
  panesBox.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    var from = link && panes.filter(function (p) { return p.body.contains(link); })[0];
    if (!from || !link.hash) { return; }
    var url = new URL(link.href);
    var id = decodeURIComponent(url.hash.slice(1));
    var to = panes.filter(function (p) {
      return p !== from && new URL(p.text.href, window.location.href).pathname === url.pathname && p.byId.has(id);
    })[0];
    if (!to) { return; }
    event.preventDefault();
    // The paragraph the link belongs to: the last one beginning above it ("Also told in" follows its paragraph).
    var unit = from.units.filter(function (u) {
      return u.getBoundingClientRect().top <= link.getBoundingClientRect().top;
    }).pop();
    var offset = (unit || link).getBoundingClientRect().top - from.body.getBoundingClientRect().top;
    if (to.el.hidden) { select(panes.indexOf(to)); offset = 0; }
    place(to, {target: to.byId.get(id), offset: offset});
  });

  narrow.addEventListener("change", layout);

  var start = chosen();
  if (start.witnesses) {
    root.classList.add("synoptic-witnesses");
    var heading = root.querySelector("h1");
    heading.textContent = root.dataset.witnessesHeading + ": " + start.witnesses.title;
    root.querySelector(".synoptic-intro").textContent = root.dataset.witnessesIntro;
  } else {
    showChoice(start.list);
    chooser.hidden = false;
  }
  panesBox.hidden = false;
  root.classList.add("synoptic-ready");
  build(start.list).then(function () { root.dataset.ready = "true"; });
}());

/*
  teipress: the facsimile viewer beside a text (xslt/html/facsimile.xsl). OpenSeadragon
  shows the page images (IIIF level 0 tiles of the edition's own images, or remote
  images as they are); the text's marks (a button where each line with @facs begins)
  and the image's zones light each other: hovering or focusing a line lights its zone,
  hovering a zone lights its line, focusing or clicking a zone scrolls the text to it.
  The viewer shows the page the reader has scrolled to. Without this script (or
  without OpenSeadragon) the viewer stays hidden and each page break links its image.
*/
(function () {
  "use strict";

  var aside = document.querySelector(".facsimile-viewer");
  var text = document.getElementById("reading-text");
  if (!aside || !text || typeof OpenSeadragon !== "function") return;

  var pages = JSON.parse(aside.querySelector(".facsimile-data").textContent).pages;
  var pageOf = {}, zoneOf = {};
  pages.forEach(function (page, index) {
    pageOf[page.id] = index;
    page.zones.forEach(function (zone) { pageOf[zone.id] = index; zoneOf[zone.id] = zone; });
  });
  // Marks in document order: the lines' buttons and the page breaks.
  var marks = Array.prototype.filter.call(text.querySelectorAll("[data-facs], [data-facs-page]"), function (mark) {
    return (mark.getAttribute("data-facs") || mark.getAttribute("data-facs-page")) in pageOf;
  });
  var lineMarks = marks.filter(function (mark) { return mark.hasAttribute("data-facs"); });
  var current = -1, lit = null, following = true;
  var highlights = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;

  function tileSource(page) {
    if (page.info) {
      var info = JSON.parse(JSON.stringify(page.info));
      info.id = new URL(info.id, document.baseURI).href;  // the tiles are where this page is read
      return info;
    }
    return { type: "image", url: new URL(page.url, document.baseURI).href };
  }

  var viewer = OpenSeadragon({
    element: aside.querySelector(".facsimile-image"),
    tileSources: pages.map(tileSource),
    sequenceMode: true,
    showNavigationControl: false,
    showSequenceControl: false,
    drawer: "canvas",  // draws images of any origin (WebGL needs CORS)
    gestureSettingsMouse: { clickToZoom: false },
    visibilityRatio: 0.6,
    preserveViewport: false
  });

  /* What a line mark covers in the text: from it to the next mark of its block, or the block's end. */
  function rangeOf(mark) {
    var range = document.createRange();
    var block = mark.closest(".tei-line") || mark.parentNode.closest("p, li, div, section") || mark.parentNode;
    range.setStartAfter(mark);
    range.setEnd(block, block.childNodes.length);
    var index = lineMarks.indexOf(mark);
    var next = lineMarks[index + 1];
    if (next && block.contains(next)) range.setEndBefore(next);
    return range;
  }

  function said(mark) {
    var words = rangeOf(mark).toString().replace(/\s+/g, " ").trim();
    return words.length > 60 ? words.slice(0, 57) + "…" : words;
  }

  function light(id) {
    if (lit === id) return;
    lit = id;
    Array.prototype.forEach.call(document.querySelectorAll(".facs-lit"), function (element) {
      element.classList.remove("facs-lit");
    });
    if (highlights) highlights.delete("facs-line");
    if (!id) return;
    var ranges = [];
    lineMarks.forEach(function (mark) {
      if (mark.getAttribute("data-facs") === id) { mark.classList.add("facs-lit"); ranges.push(rangeOf(mark)); }
    });
    if (highlights && ranges.length) highlights.set("facs-line", new Highlight(...ranges));
    Array.prototype.forEach.call(aside.querySelectorAll(".facs-zone"), function (zone) {
      if (zone.getAttribute("data-facs") === id) zone.classList.add("facs-lit");
    });
  }

  function showPage(index) {
    if (index !== current && index >= 0 && index < pages.length) viewer.goToPage(index);
  }

  function zoneElement(zone, label, item, page) {
    var size = item.getContentSize();
    var scaleX = size.x / (page.width || size.x), scaleY = size.y / (page.height || size.y);
    var element = document.createElement("button");
    element.type = "button";
    element.className = "facs-zone";
    element.setAttribute("data-facs", zone.id);
    element.setAttribute("aria-label", aside.getAttribute("data-l10n-zone").replace("{1}", label));
    element.addEventListener("pointerenter", function () { light(zone.id); });
    element.addEventListener("pointerleave", function () { light(null); });
    element.addEventListener("focus", function () { light(zone.id); toText(zone.id); });
    element.addEventListener("click", function () { light(zone.id); toText(zone.id); });
    viewer.addOverlay({ element: element,
      location: item.imageToViewportRectangle(zone.x * scaleX, zone.y * scaleY, zone.w * scaleX, zone.h * scaleY) });
  }

  // Scroll the text to the first line of a zone (the viewer stays on its page meanwhile).
  function toText(id) {
    var mark = lineMarks.filter(function (m) { return m.getAttribute("data-facs") === id; })[0];
    if (!mark) return;
    following = false;
    (mark.closest(".tei-line") || mark).scrollIntoView({ block: "center", behavior: "instant" });
    setTimeout(function () { following = true; }, 400);
  }

  viewer.addHandler("open", function () {
    current = viewer.currentPage();
    var page = pages[current], item = viewer.world.getItemAt(0);
    page.zones.forEach(function (zone) {
      var mark = lineMarks.filter(function (m) { return m.getAttribute("data-facs") === zone.id; })[0];
      if (mark) zoneElement(zone, said(mark), item, page);  // only the zones the text points at
    });
    var label = aside.getAttribute("data-l10n-page");
    aside.querySelector(".facsimile-page").textContent =
      label.replace("{1}", page.label).replace("{2}", current + 1).replace("{3}", pages.length);
    aside.querySelector(".facsimile-previous").disabled = current === 0;
    aside.querySelector(".facsimile-next").disabled = current === pages.length - 1;
    var again = lit;
    lit = null;
    light(again);
  });

  /* The text lights the image: a line's mark (hover, focus) and any point of its line (hover). */
  function markFor(node) {
    var low = 0, high = lineMarks.length - 1, found = null;
    while (low <= high) {  // the last mark at or before node, in document order
      var middle = (low + high) >> 1, mark = lineMarks[middle];
      if (mark === node || mark.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) {
        found = mark; low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  function fromText(mark) {
    var id = mark.getAttribute("data-facs");
    showPage(pageOf[id]);
    light(id);
  }

  lineMarks.forEach(function (mark) {
    mark.hidden = false;
    mark.addEventListener("focus", function () { fromText(mark); });
    mark.addEventListener("mouseenter", function () { fromText(mark); });
    mark.addEventListener("click", function () {
      fromText(mark);
      var zone = zoneOf[mark.getAttribute("data-facs")], item = viewer.world.getItemAt(0);
      if (zone && item && pageOf[zone.id] === current) {
        var page = pages[current], size = item.getContentSize();
        viewer.viewport.panTo(item.imageToViewportRectangle(zone.x * size.x / (page.width || size.x),
          zone.y * size.y / (page.height || size.y), 1, 1).getTopLeft());
      }
    });
  });

  var pending = false;
  text.addEventListener("mousemove", function (event) {
    if (pending || aside.contains(event.target)) return;  // the viewer is inside the text's section
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      var caret = document.caretPositionFromPoint ? document.caretPositionFromPoint(event.clientX, event.clientY)
        : document.caretRangeFromPoint && document.caretRangeFromPoint(event.clientX, event.clientY);
      var node = caret && (caret.offsetNode || caret.startContainer);
      var mark = node && markFor(node);
      if (mark && rangeOf(mark).intersectsNode(node)) fromText(mark);
      else if (!(event.target.closest && event.target.closest(".facs-mark"))) light(null);
    });
  });
  text.addEventListener("mouseleave", function () { light(null); });

  /* The viewer follows the reading: the page of the last mark above the upper third of the window. */
  function follow() {
    if (!following) return;
    var reached = null, band = aside.getBoundingClientRect();
    // Under the viewer when it is the band at the top of a narrow screen.
    var line = band.top < 5 && band.width > window.innerWidth * 0.8 ? band.bottom + 40 : window.innerHeight / 3;
    // At the end of the page the last lines cannot rise that far: what shows is where the reader is.
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) line = window.innerHeight;
    for (var i = 0; i < marks.length; i++) {
      var box = marks[i].getBoundingClientRect();
      if (box.height === 0 && box.width === 0) continue;  // in a view that hides it
      if (box.top > line) break;
      reached = marks[i];
    }
    reached = reached || marks[0];
    if (reached) showPage(pageOf[reached.getAttribute("data-facs") || reached.getAttribute("data-facs-page")]);
  }
  var scrolling = false;
  window.addEventListener("scroll", function () {
    if (scrolling) return;
    scrolling = true;
    setTimeout(function () { scrolling = false; follow(); }, 150);
  }, { passive: true });

  /* The tools: pages (the text scrolls to the page's break), zoom. */
  function toPage(index) {
    if (index < 0 || index >= pages.length) return;
    var breakMark = marks.filter(function (m) { return pageOf[m.getAttribute("data-facs-page") || m.getAttribute("data-facs")] === index; })[0];
    following = false;
    showPage(index);
    if (breakMark) breakMark.scrollIntoView({ block: "start", behavior: "instant" });
    setTimeout(function () { following = true; }, 400);
  }
  aside.querySelector(".facsimile-previous").addEventListener("click", function () { toPage(current - 1); });
  aside.querySelector(".facsimile-next").addEventListener("click", function () { toPage(current + 1); });
  aside.querySelector(".facsimile-zoom-in").addEventListener("click", function () { viewer.viewport.zoomBy(1.5).applyConstraints(); });
  aside.querySelector(".facsimile-zoom-out").addEventListener("click", function () { viewer.viewport.zoomBy(1 / 1.5).applyConstraints(); });
  aside.querySelector(".facsimile-whole").addEventListener("click", function () { viewer.viewport.goHome(); });

  aside.hidden = false;
  document.body.classList.add("has-facsimile");
  follow();
})();

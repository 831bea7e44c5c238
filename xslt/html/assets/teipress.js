/*
  teipress: the reader's tools on the pages of an HTML edition. The pages are
  complete without this script (reading view, apparatus, notes, links); it
  adds what needs one: switching views, highlighting an apparatus entry and
  its place, popups for entries and entity cards, highlight toggles, the
  access date and copy button of the citation, the search page's notice.
*/
(function () {
  "use strict";

  var article = document.querySelector(".edition-text[data-views]");
  var popup = null;

  function $all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* Views: article[data-view] decides, through CSS, which alternatives show. The page opens in the
     view the page says (the diplomatic one under the diplomatic convention, else the reading view). */
  var firstView = (article && article.getAttribute("data-view")) || "reading";

  function viewFromUrl() {
    var fromQuery = new URLSearchParams(location.search).get("view");
    var fromHash = /^#view=([^&]+)/.exec(location.hash);
    return fromQuery || (fromHash && decodeURIComponent(fromHash[1])) || firstView;
  }

  // The first block of the reading text at or below the top of the window: the reader's place.
  function placeMark() {
    var blocks = $all("#reading-text p, #reading-text h3, #reading-text h4, #reading-text figure");
    for (var i = 0; i < blocks.length; i++) {
      var box = blocks[i].getBoundingClientRect();
      if (box.bottom > 0) return { element: blocks[i], top: box.top };
    }
    return null;
  }

  function setView(view, updateUrl) {
    var views = article.getAttribute("data-views").split(" ");
    if (views.indexOf(view) < 0) view = firstView;
    var mark = placeMark();
    article.setAttribute("data-view", view);
    // The source page's header and navigation lines are folded in the reading view and open in the
    // others, which show the source as received (html/textstructure.xsl).
    $all("details.source-page, details.source-navigation").forEach(function (block) { block.open = view !== "reading"; });
    $all(".view-button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-view") === view));
    });
    // Keep the reader's place: the block that was at the top stays where it was.
    if (mark) window.scrollBy(0, mark.element.getBoundingClientRect().top - mark.top);
    if (updateUrl) {
      var url = new URL(location.href);
      if (view === firstView) url.searchParams.delete("view"); else url.searchParams.set("view", view);
      if (/^#view=/.test(url.hash)) url.hash = "";
      try { history.replaceState(null, "", url.href); } catch (e) { /* some file: URLs refuse; the view still switches */ }
    }
  }

  function initViews() {
    $all(".text-tools").forEach(function (tools) { tools.hidden = false; });
    $all(".view-button").forEach(function (button) {
      button.addEventListener("click", function () { setView(button.getAttribute("data-view"), true); });
    });
    setView(viewFromUrl(), false);
    // A link to "#view=W1" on the same page switches the view too.
    window.addEventListener("hashchange", function () {
      if (/^#view=/.test(location.hash)) setView(viewFromUrl(), false);
    });
  }

  /* Highlight toggles per type of mention. */

  function initHighlights() {
    $all(".highlight-button").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(on));
        article.classList.toggle("hl-" + button.getAttribute("data-highlight"), on);
      });
    });
  }

  /* Apparatus: an entry and its place in the text are highlighted together. */

  function entryId(id) {
    return id.replace(/-call$/, "");
  }

  function highlight(id, scrollTo) {
    $all(".is-current").forEach(function (el) { el.classList.remove("is-current"); });
    var entry = document.getElementById(id);
    if (!entry) return;
    var places = $all('[data-app="' + id + '"]');
    var call = document.getElementById(id + "-call");
    [entry, call].concat(places).forEach(function (el) { if (el) el.classList.add("is-current"); });
    if (scrollTo === "place" && (places[0] || call)) (places[0] || call).scrollIntoView({ block: "center" });
    if (scrollTo === "entry") entry.scrollIntoView({ block: "nearest" });
  }

  function initApparatus() {
    $all(".app-entry").forEach(function (entry) {
      entry.addEventListener("click", function (event) {
        if (event.target.closest("a")) return;  // links keep their own behaviour (and the hash handler highlights)
        highlight(entry.id, "place");
      });
    });
    $all(".intervention[data-app]").forEach(function (place) {
      // Whether its entry was open before this tap (a tap also fires mouseenter and focus, which open it).
      var wasOpen = false;
      place.addEventListener("pointerdown", function () { wasOpen = !!(popup && popup.anchor === place); });
      place.addEventListener("click", function (event) {
        if (event.target.closest("a")) return;
        // A touch screen has no hover: the first tap opens the entry where the reader is, a second goes to it.
        if (touchOnly() && !wasOpen) {
          showEntryPopup(place, place.getAttribute("data-app"));
          return;
        }
        highlight(place.getAttribute("data-app"), "entry");
      });
      place.addEventListener("mouseenter", function () { showEntryPopup(place, place.getAttribute("data-app")); });
      place.addEventListener("mouseleave", hidePopupSoon);
      place.removeAttribute("title");  // the popup shows the whole entry
    });
    $all(".app-call").forEach(function (call) {
      var id = entryId(call.id);
      call.addEventListener("focus", function () { showEntryPopup(call, id); });
      call.addEventListener("blur", hidePopup);
      call.addEventListener("click", function () { highlight(id, null); });
    });
    window.addEventListener("hashchange", highlightFromHash);
    highlightFromHash();
  }

  function highlightFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || /^view=/.test(id)) return;
    var entry = document.getElementById(entryId(id));
    if (entry && entry.classList.contains("app-entry")) highlight(entry.id, null);
  }

  /* Popups: the apparatus entry of a marked place, the card of a named entity. */

  function touchOnly() {
    return !!(window.matchMedia && window.matchMedia("(hover: none)").matches);
  }

  function showPopup(anchor, content, kind) {
    hidePopup();
    popup = document.createElement("div");
    popup.className = "popup popup-" + kind;
    popup.setAttribute("role", "tooltip");
    popup.appendChild(content);
    popup.anchor = anchor;
    popup.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popup.addEventListener("mouseleave", hidePopupSoon);
    document.body.appendChild(popup);
    var box = anchor.getBoundingClientRect();
    var width = Math.min(popup.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    popup.style.left = left + "px";
    popup.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  var hideTimer = null;

  function hidePopup() {
    clearTimeout(hideTimer);
    if (popup) { popup.remove(); popup = null; }
  }

  // Leaving a mention hides its popup after a moment, so the pointer can move into it (to follow its links).
  function hidePopupSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hidePopup, 300);
  }

  function showEntryPopup(anchor, id) {
    var entry = document.getElementById(id);
    if (!entry) return;
    var copy = entry.cloneNode(true);
    copy.removeAttribute("id");
    $all("[id]", copy).forEach(function (el) { el.removeAttribute("id"); });
    $all("a", copy).forEach(function (a) { a.setAttribute("tabindex", "-1"); });
    var box = document.createElement("div");
    box.className = "popup-body";
    $all(".app-back", copy).forEach(function (el) { el.remove(); });  // the letter: the popup sits at its call
    while (copy.firstChild) box.appendChild(copy.firstChild);
    showPopup(anchor, box, "entry");
  }

  function initCards() {
    $all("a.name[data-entry], span.name[data-entry]").forEach(function (mention) {
      var card = document.getElementById("card-" + mention.getAttribute("data-entry"));
      if (!card) return;
      mention.removeAttribute("title");  // the card says more than the title tooltip
      var show = function () {
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        copy.removeAttribute("role");
        showPopup(mention, copy, "card");
      };
      mention.addEventListener("mouseenter", show);
      mention.addEventListener("focus", show);
      // A touch screen has no hover: the first tap on a name opens its card (which links the register
      // entry), a second tap on it follows the name's own link.
      var wasOpen = false;  // whether its card was open before this tap (a tap also fires mouseenter and focus)
      mention.addEventListener("pointerdown", function () { wasOpen = !!(popup && popup.anchor === mention); });
      mention.addEventListener("click", function (event) {
        if (touchOnly() && !wasOpen) {
          event.preventDefault();
          show();
        }
      });
      mention.addEventListener("mouseleave", hidePopupSoon);
      mention.addEventListener("blur", hidePopup);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hidePopup();
    });
    // A tap elsewhere closes an open card or entry.
    document.addEventListener("click", function (event) {
      if (popup && !popup.contains(event.target) && !(popup.anchor && popup.anchor.contains(event.target))) hidePopup();
    });
  }

  /* Citation: the date of access, and a copy button. */

  function initCite() {
    $all("[data-access-date]").forEach(function (el) {
      var now = new Date();
      var time = document.createElement("time");
      // Day, month, year, as the stylesheets write dates (tp:format-date): "2 December 2026", not "December 2, 2026".
      var lang = document.documentElement.lang || "en";
      time.textContent = now.toLocaleDateString(lang === "en" ? "en-GB" : lang,
        { day: "numeric", month: "long", year: "numeric" });
      time.setAttribute("datetime", now.toISOString().slice(0, 10));
      el.replaceChildren(time);
    });
    $all("[data-cite-url]").forEach(function (el) {
      el.textContent = location.href.replace(/[?#].*$/, "");
    });
    $all(".cite-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = document.getElementById(button.getAttribute("aria-controls")).innerText.trim();
        var done = function () { button.textContent = button.getAttribute("data-done"); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { selectText(button); });
        } else {
          selectText(button);
          try { if (document.execCommand("copy")) done(); } catch (e) { /* the text stays selected to copy by hand */ }
        }
      });
    });
  }

  function selectText(button) {
    var range = document.createRange();
    range.selectNodeContents(document.getElementById(button.getAttribute("aria-controls")));
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* Search page: the index is fetched, which a browser refuses on file: pages. */

  function initSearchNotice() {
    var notice = document.getElementById("search-needs-http");
    if (notice && location.protocol === "file:") notice.hidden = false;
  }

  if (article) {
    initViews();
    initHighlights();
    initApparatus();
    initCards();
  }
  initCite();
  initSearchNotice();
})();

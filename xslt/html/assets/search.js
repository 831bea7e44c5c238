/*
  Search page: Pagefind's interface over the edition's index in parts. The interface
  loads its "pagefind.js" from assets/search/ (teipress's module, which merges the parts:
  assets/search/pagefind.js); the witness filter is shown under the page's label for it.
*/
(function () {
  "use strict";
  var element = document.getElementById("search");
  var script = document.currentScript;
  if (!element || !script || typeof PagefindUI === "undefined" || location.protocol === "file:") return;
  var placeholder = element.getAttribute("data-placeholder") || "Search";
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL("search/", script.src).href,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    witnessFilter: element.getAttribute("data-witness-filter") || "witness",
    translations: { placeholder: placeholder }
  });
  // Pagefind's input has only a placeholder; give it an accessible name.
  var label = function () {
    var input = element.querySelector("input");
    if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", placeholder);
    return Boolean(input);
  };
  if (!label()) new MutationObserver(function (changes, observer) { if (label()) observer.disconnect(); })
    .observe(element, { childList: true, subtree: true });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

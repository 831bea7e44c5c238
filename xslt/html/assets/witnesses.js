/*
  A text's witnesses in columns (synoptic.html?witnesses=TEXT, see witnesses.xsl): pointing at or
  focusing a variant (an element with data-app: the place of one entry of the apparatus) lights
  that variant in every column, so the readings of all witnesses are seen together.
*/
(function () {
  "use strict";

  var root = document.getElementById("synoptic");
  if (!root) { return; }
  var lit = [];

  function variant(node) {
    return node && node.closest ? node.closest(".synoptic-pane-body [data-app]") : null;
  }

  function light(app) {
    lit.forEach(function (el) { el.classList.remove("variant-lit"); });
    lit = app ? Array.prototype.slice.call(root.querySelectorAll(
      ".synoptic-pane-body [data-app='" + CSS.escape(app) + "']")) : [];
    lit.forEach(function (el) { el.classList.add("variant-lit"); });
  }

  root.addEventListener("mouseover", function (event) {
    var el = variant(event.target);
    if (el) { light(el.dataset.app); }
  });
  root.addEventListener("mouseout", function (event) {
    var el = variant(event.target);
    if (el && !el.contains(event.relatedTarget)) { light(null); }
  });
  root.addEventListener("focusin", function (event) {
    var el = variant(event.target);
    light(el ? el.dataset.app : null);
  });

  /* In the columns every variant can be reached from the keyboard. */
  root.addEventListener("synoptic:filled", function (event) {
    if (!root.classList.contains("synoptic-witnesses")) { return; }
    event.detail.pane.querySelectorAll("[data-app]").forEach(function (el) { el.tabIndex = 0; });
  });
}());

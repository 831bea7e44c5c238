/*
  A register index (persons.html …): an old link to an entry, "persons.html#pers-x", leads on to
  the entry's own page. The entry's row (id="pers-x") is on this page when it is on the index's
  first page, and links its page; else the page is named as every entity page is, from the prefix
  the index gives (data-entity-prefix, from tp:entity-href). Without script the row is the entry.
*/
(function () {
  "use strict";
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || /^initial-/.test(id)) return;
    var row = document.getElementById(id);
    var link = row && row.classList.contains("register-row") ? row.querySelector("a.register-name") : null;
    if (link) { location.replace(link.href); return; }
    var index = document.querySelector(".register-index[data-entity-prefix]");
    if (!row && index && /^[\w.\-\u00B7-\uFFFF]+$/.test(id)) {
      location.replace(index.getAttribute("data-entity-prefix") + encodeURIComponent(id) + ".html");
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();

/*
  teipress: the interactive maps (xslt/html/map.xsl). Each div.place-map holds the map
  drawn at build time (a figure: an SVG whose markers link the places' entries) and the list of its
  places (li.map-place with data-lat and data-lon). Where the div names tiles
  (data-tiles: [map] tiles) and Leaflet is loaded, this draws a Leaflet map over those
  tiles instead of the figure: a marker per place, whose popup is the place's item of the
  list (its entry's link and the passages that name it). A map inside a closed <details>
  (the places of a text) is drawn when it is first opened: Leaflet needs its size.
  Without this script, Leaflet or tiles, the SVG stays.
*/
(function () {
  "use strict";

  if (typeof L === "undefined" || !L.map) return;
  var script = document.currentScript || document.querySelector('script[src$="map.js"]');
  var leafletImages = script ? new URL("leaflet/images/", script.src).href : "assets/leaflet/images/";

  function draw(holder) {
    if (holder.hasAttribute("data-drawn")) return;
    holder.setAttribute("data-drawn", "");
    var canvas = document.createElement("div");
    canvas.className = "map-canvas";
    holder.insertBefore(canvas, holder.querySelector(".map-figure"));
    holder.classList.add("map-live");
    var map = L.map(canvas, { scrollWheelZoom: false });
    var attribution = document.createElement("span");
    attribution.textContent = holder.getAttribute("data-attribution") || "";  // text, never markup
    L.tileLayer(holder.getAttribute("data-tiles"), { maxZoom: 18, attribution: attribution.innerHTML }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    var icon = new L.Icon.Default({ imagePath: leafletImages });
    var items = Array.prototype.slice.call(holder.querySelectorAll("li.map-place"));
    var points = items.map(function (item) {
      return [parseFloat(item.getAttribute("data-lat")), parseFloat(item.getAttribute("data-lon"))];
    });
    // The view first: Leaflet renders a marker only on a map that has one.
    if (points.length === 1) map.setView(points[0], 8);
    else map.fitBounds(points, { padding: [30, 30], maxZoom: 10 });
    items.forEach(function (item, index) {
      var name = item.querySelector(".map-place-name").textContent;
      var popup = document.createElement("div");
      popup.className = "map-popup";
      popup.innerHTML = item.innerHTML;  // the list's own markup, made by the build
      var marker = L.marker(points[index], { icon: icon, title: name, alt: name, keyboard: true, riseOnHover: true })
        .bindPopup(popup, { maxWidth: 320 })
        .addTo(map);
      marker.getElement().setAttribute("data-entry", item.getAttribute("data-entry"));
    });
  }

  document.querySelectorAll(".place-map[data-tiles]").forEach(function (holder) {
    if (!holder.getAttribute("data-tiles")) return;
    var folded = holder.closest("details");
    if (folded && !folded.open) {
      folded.addEventListener("toggle", function () { if (folded.open) draw(holder); });
    } else {
      draw(holder);
    }
  });
})();

/*
  teipress: the correspondents' network (xslt/html/network.xsl), drawn with Cytoscape.js
  from the page's JSON data: a node per correspondent, an arrow per sender → addressee
  pair, thicker for more letters. Choosing an arrow (click or tap) lists its letters,
  copied from the pair's row of the table below (the page's base, readable without this
  script); choosing a correspondent lists the letters of every pair it is in. From the
  keyboard the graph is one stop: the arrow keys go from pair to pair, Enter lists the
  chosen pair's letters. Without Cytoscape.js the section stays hidden.
*/
(function () {
  "use strict";

  var section = document.querySelector(".network");
  if (!section || typeof cytoscape !== "function") return;
  var data = JSON.parse(section.querySelector(".network-data").textContent);
  var container = section.querySelector(".network-graph");
  var chosen = section.querySelector(".network-chosen");
  section.hidden = false;

  function fill(template, values) {
    return template.replace(/\{(\d+)\}/g, function (all, n) { return values[Number(n) - 1]; });
  }

  var largest = Math.max.apply(null, data.edges.map(function (edge) { return edge.count; }));
  var few = data.nodes.length <= 12;
  // A few correspondents on a circle; more in rings, the most connected in the middle (both layouts are
  // deterministic: the same edition draws the same graph). A large graph can be zoomed (wheel, pinch).
  var layout = few ? { name: "circle", padding: 40 }
    : { name: "concentric", padding: 20, minNodeSpacing: 30,
        concentric: function (node) { return node.degree(); }, levelWidth: function () { return 3; } };
  var cy = cytoscape({
    container: container,
    elements: data.nodes.map(function (node) { return { group: "nodes", data: node }; })
      .concat(data.edges.map(function (edge) { return { group: "edges", data: edge }; })),
    layout: layout,
    userPanningEnabled: true,
    userZoomingEnabled: !few,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: {
        "background-color": "#2f5d8a", "label": "data(label)", "color": "#1a1a1a", "font-size": few ? 16 : 12,
        "text-valign": "bottom", "text-margin-y": 6, "text-wrap": "wrap", "text-max-width": 160,
        "text-background-color": "#fbfbfa", "text-background-opacity": 0.85, "text-background-padding": 2,
        "min-zoomed-font-size": few ? 0 : 6, "width": 22, "height": 22 } },
      { selector: "edge", style: {
        "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#7a8a99",
        "target-arrow-color": "#7a8a99", "arrow-scale": 1.2,
        "width": largest > 1 ? "mapData(count, 1, " + largest + ", 2, 9)" : 3,
        "label": "data(count)", "font-size": 14, "text-background-color": "#ffffff",
        "text-background-opacity": 1, "text-background-padding": 2 } },
      { selector: ".chosen", style: { "line-color": "#b3361b", "target-arrow-color": "#b3361b", "background-color": "#b3361b" } }
    ]
  });
  section.cytoscape = cy;  // for a script of the edition's own (and the browser tests) that drives the graph

  // The letters of the pairs whose table rows are rowIds, under a heading.
  function list(heading, rowIds) {
    chosen.textContent = "";
    var title = document.createElement("h3");
    title.textContent = heading;
    chosen.appendChild(title);
    rowIds.forEach(function (rowId) {
      var row = document.getElementById(rowId);
      if (!row) return;
      if (rowIds.length > 1) {
        var pair = document.createElement("p");
        pair.className = "network-chosen-pair";
        pair.textContent = row.querySelector(".network-sender").textContent + " → " + row.querySelector(".network-addressee").textContent;
        chosen.appendChild(pair);
      }
      chosen.appendChild(row.querySelector(".letter-list").cloneNode(true));
    });
    chosen.scrollIntoView({ block: "nearest" });
  }

  function label(id) { return cy.getElementById(id).data("label"); }

  var current = -1;
  function choose(edge) {
    cy.elements().removeClass("chosen");
    edge.addClass("chosen");
    current = cy.edges().indexOf(edge);
    list(fill(section.getAttribute("data-l10n-pair"), [label(edge.data("source")), label(edge.data("target")), edge.data("count")]),
         [edge.data("row")]);
  }

  cy.on("tap", "edge", function (event) { choose(event.target); });
  cy.on("tap", "node", function (event) {
    var node = event.target;
    var edges = node.connectedEdges();
    cy.elements().removeClass("chosen");
    node.addClass("chosen");
    edges.addClass("chosen");
    var letters = edges.reduce(function (sum, edge) { return sum + edge.data("count"); }, 0);
    list(fill(section.getAttribute("data-l10n-person"), [node.data("label"), letters]),
         edges.map(function (edge) { return edge.data("row"); }));
  });

  container.addEventListener("keydown", function (event) {
    var edges = cy.edges();
    if (!edges.length) return;
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step) {
      current = (current + step + edges.length) % edges.length;
      cy.elements().removeClass("chosen");
      edges[current].addClass("chosen");
      event.preventDefault();
    } else if (event.key === "Enter" || event.key === " ") {
      choose(edges[current < 0 ? 0 : current]);
      event.preventDefault();
    }
  });
})();

/*
  teipress: the timeline page (xslt/html/timeline.xsl). The page's list of
  events and dated mentions, in date order, is the timeline without
  JavaScript; this script draws from it, above the list, an axis of years
  with the events as bars (periods) and dots (days), each a link to its entry,
  and a row of marks per text for its dates. Zoom with the buttons or + and -,
  move along the years with the arrow keys; Tab goes from event to event in
  date order (the order of the list), Enter follows the link. The view shown
  is on the chart as data-view-start and data-view-end (years with fractions).
*/
(function () {
  "use strict";

  var DAY = 86400000;
  var YEAR = 365.2425 * DAY;
  var MIN_SPAN = 60 * DAY;       // the closest zoom: two months across
  var ROW_GAP = 12;              // px between two items on one row

  function day(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  function make(tag, className, parent) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (parent) parent.appendChild(el);
    return el;
  }

  function years(t) { return 1970 + t / YEAR; }

  function fill(template, args) {
    return template.replace(/\{(\d+)\}/g, function (m, n) { return args[+n - 1]; });
  }

  function read(list) {
    return Array.prototype.map.call(list.querySelectorAll(".tl-item"), function (li) {
      var link = li.querySelector("a.tl-link") || li.querySelector("a.tl-locus");
      return {
        kind: li.getAttribute("data-kind"),
        start: day(li.getAttribute("data-start")),
        end: day(li.getAttribute("data-end")) + DAY,
        point: li.getAttribute("data-span") === "point",
        text: li.getAttribute("data-text"),
        textTitle: li.getAttribute("data-text-title"),
        href: link ? link.getAttribute("href") : null,
        label: (li.querySelector(".tl-label") || li).textContent.replace(/\s+/g, " ").trim(),
        when: (li.querySelector(".tl-date") || li).textContent.trim()
      };
    });
  }

  function Timeline(root) {
    var list = root.querySelector(".timeline-list");
    var items = read(list);
    if (!items.length) return;
    var strings = function (name) { return root.getAttribute("data-l10n-" + name) || ""; };
    var events = items.filter(function (i) { return i.kind === "event"; });
    var dates = items.filter(function (i) { return i.kind === "date"; });
    var full = padded(items);
    var view = events.length ? padded(events) : full.slice();
    var lang = document.documentElement.lang || "en";

    /* The chart, before the list. */
    var chart = make("div", "tl-chart");
    chart.setAttribute("role", "group");
    chart.setAttribute("aria-label", strings("chart"));
    var toolbar = make("div", "tl-toolbar", chart);
    var zoomIn = button(toolbar, "tl-zoom-in", "+", strings("zoom-in"));
    var zoomOut = button(toolbar, "tl-zoom-out", "\u2212", strings("zoom-out"));
    var reset = button(toolbar, "tl-reset", strings("reset"), null);
    var status = make("p", "tl-view", toolbar);
    status.setAttribute("aria-live", "polite");
    make("p", "tl-keys", chart).textContent = strings("keys");
    var viewport = make("div", "tl-viewport", chart);
    var axis = make("div", "tl-axis", viewport);
    axis.setAttribute("aria-hidden", "true");
    var eventLane = lane(strings("events"), false);
    var eventMarks = events.map(function (item) {
      var a = make("a", "tl-chart-event" + (item.point ? " tl-chart-point" : " tl-chart-span"), eventLane.track);
      a.href = item.href;
      a.setAttribute("aria-label", item.label + ", " + item.when);
      a.title = item.label + " (" + item.when + ")";
      make("span", "tl-bar", a).setAttribute("aria-hidden", "true");
      make("span", "tl-name", a).textContent = item.label;
      a.addEventListener("focus", function () { show(item); });
      return { item: item, el: a };
    });
    var texts = [];
    dates.forEach(function (item) {
      if (texts.indexOf(item.text) < 0) texts.push(item.text);
    });
    var dateLanes = texts.map(function (id) {
      var of = dates.filter(function (d) { return d.text === id; });
      var l = lane(of[0].textTitle, true);
      return { lane: l, marks: of.map(function (item) {
        var a = make("a", "tl-mark", l.track);
        a.href = item.href;
        a.tabIndex = -1;  // the list below gives each date to the keyboard and to screen readers
        a.title = item.label;
        return { item: item, el: a };
      }) };
    });
    list.parentNode.insertBefore(chart, list.parentNode.firstChild);

    function lane(title, hidden) {
      var l = make("div", "tl-lane", viewport);
      if (hidden) l.setAttribute("aria-hidden", "true");
      make("p", "tl-lane-title", l).textContent = title;
      return { el: l, track: make("div", "tl-track", l) };
    }

    function button(parent, className, text, label) {
      var b = make("button", "tl-button " + className, parent);
      b.type = "button";
      b.textContent = text;
      if (label) { b.setAttribute("aria-label", label); b.title = label; }
      return b;
    }

    /* The whole years around a set of items. */
    function padded(of) {
      var lo = Math.min.apply(null, of.map(function (i) { return i.start; }));
      var hi = Math.max.apply(null, of.map(function (i) { return i.end; }));
      var y0 = new Date(lo).getUTCFullYear() - 1, y1 = new Date(hi).getUTCFullYear() + 2;
      return [Date.UTC(y0, 0, 1), Date.UTC(y1, 0, 1)];
    }

    function clamp(start, span) {
      span = Math.max(MIN_SPAN, Math.min(span, full[1] - full[0]));
      start = Math.max(full[0], Math.min(start, full[1] - span));
      return [start, start + span];
    }

    function zoom(factor, centre) {
      var span = view[1] - view[0];
      var c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
      var next = span * factor;
      view = clamp(c - (c - view[0]) * (next / span), next);
      draw();
    }

    function pan(fraction) {
      var span = view[1] - view[0];
      view = clamp(view[0] + span * fraction, span);
      draw();
    }

    /* A focused event out of view is brought into it. */
    function show(item) {
      if (item.start >= view[0] && item.start < view[1]) return;
      var span = view[1] - view[0];
      view = clamp(item.start - span / 4, span);
      draw();
    }

    function focusedItem() {
      for (var i = 0; i < eventMarks.length; i++) {
        if (eventMarks[i].el === document.activeElement) return eventMarks[i].item;
      }
      return null;
    }

    function x(t, width) { return (t - view[0]) / (view[1] - view[0]) * width; }

    /*
      Items on rows: each on the first row where it does not overlap the one before it. An item
      out of view keeps its place in the tab order but shows nothing (class tl-outside) and takes
      no row; a name starts where its item comes into view and ends inside the chart.
    */
    function place(marks, width, withNames, rowHeight) {
      var rowEnds = [];
      marks.forEach(function (m) {
        var left = x(m.item.start, width);
        var barWidth = m.item.point ? 0 : Math.max(2, x(m.item.end, width) - left);
        m.el.style.left = left + "px";
        m.el.style.setProperty("--bar", barWidth + "px");
        var outside = left + Math.max(barWidth, 1) < 0 || left > width;
        m.el.classList.toggle("tl-outside", outside);
        if (outside) {
          m.el.style.top = "0";
          return;
        }
        var name = withNames ? m.el.querySelector(".tl-name") : null;
        var nameWidth = name ? name.offsetWidth : 4;
        var nameLeft = Math.max(0, Math.min(Math.max(left, 0), width - nameWidth));
        if (name) name.style.marginLeft = (nameLeft - left) + "px";
        var lo = Math.min(left, nameLeft), right = Math.max(left + barWidth, nameLeft + nameWidth);
        var row = 0;
        while (row < rowEnds.length && rowEnds[row] > lo) row++;
        rowEnds[row] = right + ROW_GAP;
        m.el.style.top = (row * rowHeight) + "em";
      });
      return Math.max(1, rowEnds.length);
    }

    function ticks(width) {
      axis.textContent = "";
      var span = view[1] - view[0];
      var spanYears = span / YEAR;
      var room = Math.max(2, Math.floor(width / 80));
      if (spanYears < 3) {
        var months = [1, 2, 3, 6].filter(function (s) { return spanYears * 12 / s <= room; })[0] || 12;
        var format = new Intl.DateTimeFormat(lang, { month: "short", year: "numeric", timeZone: "UTC" });
        var d = new Date(view[0]);
        var t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - d.getUTCMonth() % months, 1);
        for (; t <= view[1]; t = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + months, 1)) {
          tick(t, format.format(new Date(t)), width);
        }
      } else {
        var step = [1, 2, 5, 10, 20, 25, 50, 100].filter(function (s) { return spanYears / s <= room; })[0] || 200;
        var y = Math.ceil(new Date(view[0]).getUTCFullYear() / step) * step;
        for (; Date.UTC(y, 0, 1) <= view[1]; y += step) tick(Date.UTC(y, 0, 1), String(y), width);
      }
    }

    function tick(t, label, width) {
      var left = x(t, width);
      if (left < 0 || left > width) return;
      var el = make("span", "tl-tick", axis);
      el.style.left = left + "px";
      el.textContent = label;
    }

    function draw() {
      var width = eventLane.track.clientWidth;
      ticks(width);
      eventLane.track.style.height = (place(eventMarks, width, true, 2.4) * 2.4) + "em";
      dateLanes.forEach(function (l) {
        l.lane.track.style.height = (place(l.marks, width, false, 0.9) * 0.9 + 0.3) + "em";
      });
      var from = years(view[0]), to = years(view[1]);
      chart.setAttribute("data-view-start", from.toFixed(3));
      chart.setAttribute("data-view-end", to.toFixed(3));
      status.textContent = fill(strings("view"), [Math.floor(from), Math.floor(to - 1e-9)]);
      zoomIn.disabled = view[1] - view[0] <= MIN_SPAN + DAY;
      zoomOut.disabled = reset.disabled = view[0] <= full[0] && view[1] >= full[1];
    }

    zoomIn.addEventListener("click", function () { zoom(0.5); });
    zoomOut.addEventListener("click", function () { zoom(2); });
    reset.addEventListener("click", function () { view = full.slice(); draw(); });
    chart.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var focused = focusedItem();
      var centre = focused ? focused.start : undefined;
      var keys = {
        "+": function () { zoom(0.5, centre); }, "=": function () { zoom(0.5, centre); },
        "-": function () { zoom(2, centre); }, "_": function () { zoom(2, centre); },
        ArrowLeft: function () { pan(-0.2); }, ArrowRight: function () { pan(0.2); }
      };
      if (keys[event.key]) {
        event.preventDefault();
        keys[event.key]();
      }
    });
    window.addEventListener("resize", draw);
    draw();
  }

  document.querySelectorAll(".timeline").forEach(function (root) { Timeline(root); });
})();

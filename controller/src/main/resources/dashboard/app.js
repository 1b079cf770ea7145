// Sentinel dashboard behaviour. Loaded as a static file: the CSP allows no inline script.
(function () {
  "use strict";

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  // the server picks each series' colour (distinct within a chart); "var:--x" names a stylesheet variable
  function colourOf(series) {
    var c = series.colour || "#888888";
    return c.indexOf("var:") === 0 ? cssVar(c.substring(4)) : c;
  }

  // the x axis spans the data with half a bucket either side (a single bucket: one bucket wide, its point centred)
  function xRange(data) {
    var half = (data.step || 60) / 2;
    return [data.x[0] - half, data.x[data.x.length - 1] + half];
  }

  function drawChart(el) {
    var src = el.getAttribute("data-src");
    if (!src || typeof uPlot === "undefined") { return; }
    fetch(src, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        if (el._plot) { el._plot.destroy(); el._plot = null; }
        el.textContent = "";
        if (!data.x || data.x.length === 0) {
          var p = document.createElement("p");
          p.className = "chart-empty";
          p.textContent = "No data in this period.";
          el.appendChild(p);
          el.setAttribute("data-state", "empty");
          return;
        }
        var axisColour = cssVar("--muted");
        var gridColour = cssVar("--line");
        var series = [{}];
        var columns = [data.x];
        data.series.forEach(function (s) {
          var c = colourOf(s);
          var opt = { label: s.label, stroke: c, width: 2, spanGaps: false };
          if (data.bars) { opt.fill = c + "99"; opt.paths = uPlot.paths.bars({ size: [0.8, 40] }); opt.points = { show: false }; }
          series.push(opt);
          columns.push(s.values);
        });
        var axis = { stroke: axisColour, grid: { stroke: gridColour, width: 1 }, ticks: { stroke: gridColour } };
        var opts = {
          width: Math.max(260, el.clientWidth),
          height: 240,
          series: series,
          scales: { x: { time: data.time !== false, range: function () { return xRange(data); } } },
          axes: [Object.assign({}, axis), Object.assign({ label: data.yLabel || "" }, axis)],
          legend: { show: true },
          hooks: {
            // what the tests check: the axis as drawn against the data's first and last bucket
            draw: [function (u) {
              el.setAttribute("data-x-min", String(u.scales.x.min));
              el.setAttribute("data-x-max", String(u.scales.x.max));
            }]
          }
        };
        el._plot = new uPlot(opts, columns, el);
        el.setAttribute("data-state", "drawn");
        el.setAttribute("data-series", String(data.series.length));
        el.setAttribute("data-x-first", String(data.x[0]));
        el.setAttribute("data-x-last", String(data.x[data.x.length - 1]));
        el.setAttribute("data-x-step", String(data.step || 0));
        el.setAttribute("data-colours", series.slice(1).map(function (o) { return o.stroke; }).join(" "));
      })
      .catch(function (e) {
        el.textContent = "Chart unavailable (" + e.message + ")";
        el.setAttribute("data-state", "error");
      });
  }

  function drawCharts(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(drawChart);
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      document.querySelectorAll("[data-chart]").forEach(function (el) {
        if (el._plot) { el._plot.setSize({ width: Math.max(260, el.clientWidth), height: 240 }); }
      });
    }, 150);
  });

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts(document);
    var live = document.querySelector("[data-live]");
    if (live) {
      // the feed looks back a little when it connects: skip rows the page already shows
      document.body.addEventListener("htmx:sseBeforeMessage", function (evt) {
        if (!evt.detail || evt.detail.type !== "alert") { return; }
        var tpl = document.createElement("template");
        tpl.innerHTML = "<table><tbody>" + evt.detail.data + "</tbody></table>";
        var row = tpl.content.querySelector("tr[data-alert-id]");
        if (!row) { return; }
        var id = row.getAttribute("data-alert-id");
        var existing = document.querySelectorAll("#live-alerts-body tr[data-alert-id]");
        for (var i = 0; i < existing.length; i++) {
          if (existing[i].getAttribute("data-alert-id") === id) { evt.preventDefault(); return; }
        }
      });
      // keep the live table short
      document.body.addEventListener("htmx:sseMessage", function () {
        var rows = document.querySelectorAll("#live-alerts-body tr");
        for (var i = 50; i < rows.length; i++) { rows[i].remove(); }
      });
      // charts that depend on the live feed are refreshed at most every 10 s
      var last = 0;
      document.body.addEventListener("htmx:sseMessage", function (evt) {
        var now = Date.now();
        if (now - last > 10000) {
          last = now;
          document.querySelectorAll("[data-chart][data-live-refresh]").forEach(drawChart);
        }
      });
      document.body.addEventListener("htmx:sseOpen", function () {
        var dot = document.querySelector(".live-dot");
        if (dot) { dot.classList.add("on"); }
        live.setAttribute("data-connected", "true");
      });
      document.body.addEventListener("htmx:sseError", function () {
        var dot = document.querySelector(".live-dot");
        if (dot) { dot.classList.remove("on"); }
      });
    }
  });
})();

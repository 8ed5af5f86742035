/* Draws the charts of a page with the site's own plotly.js: each figure.bt-chart carries its
   figure as JSON. Runs on first load and, when Material's instant navigation is on, on every page. */
(function () {
  "use strict";

  function draw() {
    if (!window.Plotly) {
      return;
    }
    document.querySelectorAll("figure.bt-chart").forEach(function (figure) {
      var plot = figure.querySelector(".bt-chart__plot");
      var data = figure.querySelector(".bt-chart__data");
      if (!plot || !data || plot.dataset.drawn) {
        return;
      }
      var spec = JSON.parse(data.textContent);
      window.Plotly.newPlot(plot, spec.data, spec.layout, spec.config);
      plot.dataset.drawn = "1";
    });
  }

  draw();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(draw);
  }
})();

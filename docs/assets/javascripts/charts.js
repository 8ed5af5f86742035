/* Draws the charts of a page (figure.bt-chart, each carrying its plotly figure as JSON) with the site's own
   plotly.js basic bundle. The page names this file in its front matter; plotly.js itself (a megabyte, half
   a second of a phone's time to start) runs only when a chart comes on screen, so the text and the tables
   show first and a page whose first chart is below the fold loads without it; once the page has loaded
   and is idle, the file is fetched ahead (not run), so that the first chart scrolled to draws at once. */
(function () {
  "use strict";

  var PLOTLY = new URL("vendor/plotly-basic.min.js", document.currentScript.src).href;
  var loading = null;

  function plotly() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function draw(figure) {
    var plot = figure.querySelector(".bt-chart__plot");
    var data = figure.querySelector(".bt-chart__data");
    if (!plot || !data || plot.dataset.drawn) {
      return;
    }
    plot.dataset.drawn = "1";
    plotly().then(function (Plotly) {
      var spec = JSON.parse(data.textContent);
      Plotly.newPlot(plot, spec.data, spec.layout, spec.config);
    });
  }

  function watch() {
    var figures = document.querySelectorAll("figure.bt-chart");
    if (!figures.length) {
      return;
    }
    if (!("IntersectionObserver" in window)) {
      figures.forEach(draw);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    });
    figures.forEach(function (figure) { observer.observe(figure); });
    fetchAhead();
  }

  function fetchAhead() {
    function hint() {
      if (document.querySelector('link[rel="prefetch"][href="' + PLOTLY + '"]')) {
        return;
      }
      var link = document.createElement("link");
      link.rel = "prefetch";
      link.href = PLOTLY;
      document.head.appendChild(link);
    }
    function idle() {
      if ("requestIdleCallback" in window) {
        requestIdleCallback(hint, { timeout: 5000 });
      } else {
        setTimeout(hint, 2000);
      }
    }
    if (document.readyState === "complete") {
      idle();
    } else {
      window.addEventListener("load", idle, { once: true });
    }
  }

  watch();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(watch);
  }
})();

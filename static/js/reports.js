// The dashboard's charts, drawn with the vendored Chart.js from the numbers the page carries
// (json_script "report-chart-data"). Each chart has a table beside it with the same numbers
// for screen readers and for pages without JavaScript; animation is off so a chart is whole
// the moment it shows.
(function () {
  "use strict";
  var source = document.getElementById("report-chart-data");
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var colours = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c"];
  var styles = window.getComputedStyle(document.body);
  window.Chart.defaults.font.family = styles.fontFamily;
  window.Chart.defaults.animation = false;
  window.Chart.defaults.maintainAspectRatio = false;

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    canvas.chart = new window.Chart(canvas, config);
    canvas.setAttribute("data-drawn", "yes");
  }

  function datasets(series, type) {
    return series.map(function (one, i) {
      return {
        label: one.label,
        data: one.values,
        type: type,
        borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length],
      };
    });
  }

  draw("chart-volume", {
    type: "line",
    data: { labels: data.days, datasets: datasets(data.volume, "line") },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  draw("chart-durations", {
    type: "bar",
    data: { labels: data.durations.labels, datasets: datasets(data.durations.series, "bar") },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  draw("chart-ratings", {
    type: "bar",
    data: {
      labels: data.ratings.labels,
      datasets: [{ data: data.ratings.values, backgroundColor: colours[3], label: "" }],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();

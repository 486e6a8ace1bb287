// Questionnaire totals on the clinician timeline: severity bands shaded
// behind the line, a star on each reliable change. The table beside each
// chart carries the same numbers for screen readers.
(function () {
  "use strict";

  var source = document.getElementById("questionnaire-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var instruments = JSON.parse(source.textContent);
  var shades = ["rgba(25,135,84,0.08)", "rgba(255,193,7,0.10)", "rgba(253,126,20,0.12)",
    "rgba(220,53,69,0.12)", "rgba(132,32,41,0.16)"];

  function severityBands(bands) {
    return {
      id: "severityBands",
      beforeDatasetsDraw: function (chart) {
        var y = chart.scales.y;
        var area = chart.chartArea;
        chart.ctx.save();
        bands.forEach(function (band, index) {
          var top = y.getPixelForValue(band.high + 0.5);
          var bottom = y.getPixelForValue(band.low - 0.5);
          chart.ctx.fillStyle = shades[Math.min(index, shades.length - 1)];
          chart.ctx.fillRect(area.left, Math.max(top, area.top), area.width,
            Math.min(bottom, area.bottom) - Math.max(top, area.top));
        });
        chart.ctx.restore();
      }
    };
  }

  document.querySelectorAll("canvas[data-questionnaire]").forEach(function (canvas) {
    var item = instruments[Number(canvas.dataset.questionnaire)];
    if (!item) { return; }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: item.points.map(function (p) { return p.date; }),
        datasets: [{
          label: item.name,
          data: item.points.map(function (p) { return p.total; }),
          borderColor: "#6f42c1",
          backgroundColor: "#6f42c1",
          pointStyle: item.points.map(function (p) { return p.reliable ? "star" : "circle"; }),
          pointRadius: item.points.map(function (p) { return p.reliable ? 9 : 3; })
        }]
      },
      plugins: [severityBands(item.bands)],
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: true } },
        scales: { y: { min: 0, max: item.max } }
      }
    });
  });
})();

// Draws the patient's trend charts from the json_script data. The same
// numbers are in a table beside each chart for screen readers, so the
// canvases are hidden from assistive technology.
(function () {
  "use strict";

  var source = document.getElementById("trend-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var series = JSON.parse(source.textContent);
  var labels = series.map(function (row) { return row.date.slice(5); });
  var ranges = { mood: [0, 10], anxiety: [0, 10], energy: [0, 10], sleep_hours: [0, 14] };
  var phaseShades = {
    initial: "rgba(11, 92, 173, 0.07)",
    maintenance: "rgba(25, 135, 84, 0.08)",
    integration: "rgba(111, 66, 193, 0.08)"
  };

  // Shades the chart area behind each day according to the plan's phase.
  var phaseBands = {
    id: "phaseBands",
    beforeDatasetsDraw: function (chart) {
      var x = chart.scales.x;
      var area = chart.chartArea;
      var step = series.length > 1 ? x.getPixelForValue(1) - x.getPixelForValue(0) : area.width;
      chart.ctx.save();
      series.forEach(function (row, index) {
        if (!row.phase || !phaseShades[row.phase]) { return; }
        chart.ctx.fillStyle = phaseShades[row.phase];
        chart.ctx.fillRect(x.getPixelForValue(index) - step / 2, area.top, step, area.bottom - area.top);
      });
      chart.ctx.restore();
    }
  };

  document.querySelectorAll("canvas[data-trend]").forEach(function (canvas) {
    var key = canvas.dataset.trend;
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: labels,
        datasets: [{
          label: canvas.dataset.label,
          data: series.map(function (row) { return row[key]; }),
          borderColor: "#0b5cad",
          backgroundColor: "#0b5cad",
          spanGaps: false,
          pointRadius: series.map(function (row) { return row.dose_day ? 6 : 3; }),
          pointStyle: series.map(function (row) { return row.dose_day ? "triangle" : "circle"; })
        }]
      },
      plugins: [phaseBands],
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { min: ranges[key][0], suggestedMax: ranges[key][1] } }
      }
    });
  });
})();

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
          pointRadius: 3
        }]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { min: ranges[key][0], suggestedMax: ranges[key][1] } }
      }
    });
  });
})();

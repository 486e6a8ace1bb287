// Marks the days an alert was raised on the timeline's trend charts: a red
// dashed line on the day (the series row's "alert" holds its words, which the
// tables beside the charts show). Registered before diary-trends.js draws, so
// the patient's own trends page, which does not load this file, is unchanged.
(function () {
  "use strict";

  var source = document.getElementById("trend-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var series = JSON.parse(source.textContent);
  window.Chart.register({
    id: "alertMarks",
    afterDatasetsDraw: function (chart) {
      if (!chart.canvas.dataset.trend) { return; }
      var x = chart.scales.x;
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = "#b02a37";
      ctx.lineWidth = 2;
      ctx.setLineDash([4, 3]);
      series.forEach(function (row, index) {
        if (!row.alert) { return; }
        var at = x.getPixelForValue(index);
        ctx.beginPath();
        ctx.moveTo(at, area.top);
        ctx.lineTo(at, area.bottom);
        ctx.stroke();
      });
      ctx.restore();
    }
  });
})();

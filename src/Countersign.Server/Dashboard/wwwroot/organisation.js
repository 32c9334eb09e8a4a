// The organisation view's charts (Chart.js), from the JSON the page embeds.
(function () {
  var raw = document.getElementById('org-data');
  if (!raw || !window.Chart) { return; }
  window.Chart.defaults.animation = false; // charts are read, not watched: draw them at once
  var d = JSON.parse(raw.textContent);
  var palette = ['#2456c7', '#dc6803', '#17803d', '#b42318', '#7a5af8', '#0e9384', '#c11574', '#667085'];
  function series(map) {
    return Object.keys(map).map(function (k, i) {
      return { label: k, data: map[k], borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], tension: 0.2, fill: false };
    });
  }
  var percent = { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: '%' } } } };
  new window.Chart(document.getElementById('chart-tool'), { type: 'line', data: { labels: d.weeks, datasets: series(d.byTool) }, options: percent });
  new window.Chart(document.getElementById('chart-team'), { type: 'line', data: { labels: d.weeks, datasets: series(d.byTeam) }, options: percent });
  new window.Chart(document.getElementById('chart-load'), {
    type: 'bar',
    data: { labels: d.load.people, datasets: [
      { label: 'sign-offs given', data: d.load.given, backgroundColor: '#2456c7' },
      { label: 'changes waiting', data: d.load.waiting, backgroundColor: '#dc6803' }] },
    options: { responsive: true, maintainAspectRatio: false, indexAxis: 'y' }
  });
  new window.Chart(document.getElementById('chart-latency'), {
    type: 'bar',
    data: { labels: d.latency.buckets, datasets: [{ label: 'approvals', data: d.latency.counts, backgroundColor: '#0e9384' }] },
    options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  var statuses = Object.keys(d.status);
  new window.Chart(document.getElementById('chart-status'), {
    type: 'doughnut',
    data: { labels: statuses, datasets: [{ data: statuses.map(function (s) { return d.status[s]; }),
      backgroundColor: statuses.map(function (s) { return s === 'satisfied' ? '#17803d' : s === 'pending' ? '#dc6803' : '#b42318'; }) }] },
    options: { responsive: true, maintainAspectRatio: false }
  });
})();

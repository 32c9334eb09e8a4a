// Draws the change page's blast-radius graph (cytoscape) and risk chart (Chart.js) from the JSON the page embeds.
// Data is read with JSON.parse and given to the libraries as data, never as HTML.
(function () {
  var tierColour = { 1: '#b42318', 2: '#dc6803', 3: '#2456c7' };
  var graphData = document.getElementById('blast-data');
  var graph = document.getElementById('blast-graph');
  if (graphData && graph && window.cytoscape) {
    var data = JSON.parse(graphData.textContent);
    var elements = data.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, colour: tierColour[n.tier] || '#98a2b3', border: n.touched ? 4 : 1 } };
    }).concat(data.edges.map(function (e, i) { return { data: { id: 'e' + i, source: e.source, target: e.target } }; }));
    window.cytoscape({
      container: graph,
      elements: elements,
      layout: { name: elements.length > 1 ? 'breadthfirst' : 'grid', directed: true, padding: 20 },
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', 'label': 'data(label)', 'border-width': 'data(border)', 'border-color': '#14213d', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4 } },
        { selector: 'edge', style: { 'width': 2, 'line-color': '#98a2b3', 'target-arrow-color': '#98a2b3', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } }
      ],
      userZoomingEnabled: false
    });
  }
  var riskData = document.getElementById('risk-data');
  var canvas = document.getElementById('risk-chart');
  if (riskData && canvas && window.Chart) {
    window.Chart.defaults.animation = false;
    var risk = JSON.parse(riskData.textContent);
    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: risk.labels, datasets: [{ label: 'points', data: risk.points, backgroundColor: '#2456c7' }] },
      options: { indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } } }
    });
  }
})();

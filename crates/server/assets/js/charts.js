// Charts (uPlot, vendored: nothing loads from another host).

import { h } from "./dom.js";
import { state } from "./router.js";

export function destroyCharts() {
  for (const c of state.charts) c.destroy();
  state.charts = [];
}

function chartWidth(el) {
  return Math.max(260, Math.floor(el.getBoundingClientRect().width) - 16);
}

export function makeChart(host, title, data, series, { bars = false, points = false } = {}) {
  const box = h("figure", { class: "chart" }, h("h2", { class: "chart-title" }, title));
  host.append(box);
  if (!window.uPlot) {
    box.append(h("p", { class: "muted" }, "The chart library did not load."));
    return;
  }
  const uPlot = window.uPlot;
  const opts = {
    width: chartWidth(box),
    height: 200,
    scales: { x: { time: true } },
    axes: [{ stroke: "#7a8491", grid: { stroke: "#7a849122" } }, { stroke: "#7a8491", grid: { stroke: "#7a849122" }, size: 48 }],
    series: [{}, ...series.map((s) => ({
      ...s,
      width: bars ? 0 : 2,
      paths: bars && uPlot.paths?.bars ? uPlot.paths.bars({ size: [0.7, 40] }) : undefined,
      points: { show: points },
      spanGaps: true,
    }))],
    cursor: { drag: { x: false, y: false } },
  };
  const u = new uPlot(opts, data, box);
  state.charts.push(u);
}

window.addEventListener("resize", () => {
  for (const u of state.charts) {
    const box = u.root.parentElement;
    if (box && box.isConnected) u.setSize({ width: chartWidth(box), height: u.height });
  }
});

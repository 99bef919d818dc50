// History's time charts (uPlot, vendored): axis titles with units, dates in the browser's locale, legends
// that show the last value in view without hovering, stacked weekly bars, and drag-to-zoom that tells the
// caller which dates were chosen (History then shows every chart and list for them).

import { h } from "./dom.js";
import { state } from "./router.js";

export const DAY = 86400;

/** Where a civil date (YYYY-MM-DD) sits on a time axis: its noon in UTC (no time-zone shift, no DST). */
export const dayX = (date) => Date.parse(`${date}T12:00:00Z`) / 1000;
/** Where an ISO week (its Monday) sits: the middle of the week. */
export const weekX = (monday) => Date.parse(`${monday}T00:00:00Z`) / 1000 + 3.5 * DAY;
/** The civil date (YYYY-MM-DD) of an axis position. */
export const dateOfX = (x) => new Date(x * 1000).toISOString().slice(0, 10);
/** The axis position of a date's start (00:00 UTC). */
export const startX = (date) => Date.parse(`${date}T00:00:00Z`) / 1000;

const formats = new Map();
/** A date in the browser's locale; positions are UTC-based, so formatted in UTC. */
export function fmtX(x, opts) {
  const key = JSON.stringify(opts);
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(undefined, { ...opts, timeZone: "UTC" }));
  return formats.get(key).format(new Date(x * 1000));
}
export const fmtDate = (date, opts = { weekday: "short", day: "numeric", month: "short", year: "numeric" }) => fmtX(dayX(date), opts);

/** Tick labels for the time axis, in the browser's locale, coarser as the ticks spread: "3 Mar", "Mar", "2024".
 * A month or day label also names the year at the first tick and at January. */
function tickValues(_u, splits, _axis, _space, incr) {
  if (incr >= 360 * DAY) return splits.map((x) => fmtX(x, { year: "numeric" }));
  const months = incr >= 28 * DAY;
  return splits.map((x, i) => {
    const d = new Date(x * 1000);
    const newYear = i === 0 || d.getUTCMonth() === 0 && (months || d.getUTCDate() <= incr / DAY);
    if (months) return fmtX(x, newYear ? { month: "short", year: "numeric" } : { month: "short" });
    return fmtX(x, newYear ? { day: "numeric", month: "short", year: "numeric" } : { day: "numeric", month: "short" });
  });
}

const numFormats = new Map();
export function fmtNum(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  if (!numFormats.has(digits)) numFormats.set(digits, new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }));
  return numFormats.get(digits).format(v);
}

/** The colours text on a chart uses: the page's own (light or dark), read once per drawing. */
let inkCache = null;
function ink() {
  if (!inkCache) {
    const css = getComputedStyle(document.documentElement);
    inkCache = { text: css.getPropertyValue("--muted").trim() || "#5b6470", line: css.getPropertyValue("--line").trim() || "#d8dde3" };
    queueMicrotask(() => { inkCache = null; });
  }
  return inkCache;
}

/** The width of the charts being drawn, when the caller measured it once for all of them (every chart of
 * a view is as wide): drawing nine charts then lays the page out once, not nine times. */
let widthNow = null;
export function drawingWidth(px) {
  widthNow = px;
}
function widthIn(host) {
  // As wide as charts.js makes a figure's chart when the window is resized.
  return Math.max(240, Math.floor(widthNow ?? host.getBoundingClientRect().width) - 16);
}

/**
 * A time chart in `host`.
 * - `title`, `yLabel` (the axis title with its unit), `xLabel`;
 * - `xs` (axis positions, ascending) and `series`: `[{label, color, values, text: (v) => "12 km"}]`;
 * - `kind`: "line" (default), "bars" or "points"; `stacked` bars add up, the first series on top;
 * - `range`: `[min, max]` of the x axis (the dates in view); `xText(x)`: the legend's date;
 * - `onZoom(fromX, toX)`: dates dragged across.
 * Returns the uPlot instance (or null without uPlot).
 */
export function timeChart(host, o) {
  const id = `chart-${Math.random().toString(36).slice(2, 9)}`;
  const [xMin, xMax] = o.range;
  // The canvas says nothing to a screen reader: what its axes are, in words.
  const dayOpts = { day: "numeric", month: "short", year: "numeric" };
  const axes = `Vertical axis: ${o.yLabel}. Horizontal axis: ${o.xName === "Week" ? "weeks" : "dates"} from `
    + `${fmtX(xMin, dayOpts)} to ${fmtX(xMax - 1, dayOpts)}. The legend shows the values of the last ${o.xName === "Week" ? "week" : "date"} in view, or of the one under the pointer.`;
  const box = h("figure", { class: "chart", "aria-labelledby": id, "aria-describedby": `${id}-axes`, "data-chart": o.name ?? null },
    h("h3", { id }, o.title), h("p", { class: "visually-hidden axes", id: `${id}-axes` }, axes));
  if (o.note) box.append(h("p", { class: "chart-note" }, o.note));
  const uPlot = window.uPlot;
  if (!uPlot) {
    host.append(box);
    box.append(h("p", { class: "muted" }, "The chart library did not load."));
    return null;
  }
  const width = widthIn(host);
  const colors = ink();
  const bars = o.kind === "bars";
  const raw = o.series.map((s) => s.values);
  // Stacked bars: each series' data is its running total (the first series on top), and its bars are
  // drawn from the total below it to its own (uPlot's `disp.y0`/`y1`), so nothing is painted twice. The
  // legend shows each share itself.
  const drawn = o.stacked
    ? raw.map((_, i) => o.xs.map((_, k) => raw.slice(i).reduce((sum, v) => sum + (v[k] ?? 0), 0)))
    : raw;
  const below = (i) => drawn[i + 1] ?? o.xs.map(() => 0);
  const barPaths = (i) => uPlot.paths.bars({
    size: [0.8, 28], align: 0,
    disp: o.stacked ? { y0: { unit: 1, values: () => below(i) }, y1: { unit: 1, values: () => drawn[i] } } : undefined,
  });
  const lastIdx = (u) => {
    const xs = u.data[0];
    let i = xs.length - 1;
    while (i >= 0 && xs[i] > xMax) i--;
    if (i < 0 || xs[i] < xMin) return null;
    return i;
  };
  const showLast = (u) => {
    if (u.cursor.idx === null || u.cursor.idx === undefined) u.setLegend({ idx: lastIdx(u) }, false);
  };
  const opts = {
    width,
    height: o.height ?? 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "UTC"),
    scales: {
      x: { time: true, range: () => [xMin, xMax] },
      y: bars || o.fromZero ? { range: (_u, _min, max) => uPlot.rangeNum(0, max > 0 ? max : 1, 0.1, true) } : {},
    },
    axes: [
      {
        stroke: colors.text, grid: { stroke: `${colors.line}99` }, ticks: { stroke: colors.line },
        values: tickValues, space: 64, label: o.xLabel ?? null, labelSize: o.xLabel ? 18 : 0,
        labelFont: "600 12px system-ui, sans-serif", font: "12px system-ui, sans-serif",
      },
      {
        stroke: colors.text, grid: { stroke: `${colors.line}99` }, ticks: { stroke: colors.line },
        values: (_u, splits) => splits.map((v) => fmtNum(v, o.yDigits ?? 0)),
        label: o.yLabel, labelSize: 18, size: 46,
        labelFont: "600 12px system-ui, sans-serif", font: "12px system-ui, sans-serif",
      },
    ],
    series: [
      { label: o.xName ?? "Date", value: (_u, x) => (x === null || x === undefined ? "—" : o.xText(x)) },
      ...o.series.map((s, i) => ({
        label: s.label,
        stroke: s.color,
        fill: bars ? s.color : undefined,
        width: bars ? 1 : o.kind === "points" ? 0 : 2,
        paths: bars ? barPaths(i) : o.kind === "points" ? () => null : undefined,
        points: { show: o.kind === "points" || o.kind === "line" && !!o.points, size: o.kind === "points" ? 5 : 6, fill: s.color },
        spanGaps: true,
        value: (_u, _v, _si, idx) => (idx === null || idx === undefined ? "—" : s.text(raw[i][idx], idx)),
      })),
    ],
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: !bars } },
    legend: { live: true },
    hooks: {
      ready: [showLast],
      setCursor: [showLast],
      setSelect: [(u) => {
        const { left, width } = u.select;
        if (width < 4) return;
        const a = u.posToVal(left, "x");
        const b = u.posToVal(left + width, "x");
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        o.onZoom?.(a, b);
      }],
    },
  };
  // Drawn before the figure joins the page: one layout for it, not one per step of uPlot's.
  const u = new uPlot(opts, [o.xs, ...drawn], box);
  host.append(box);
  state.charts.push(u);
  return u;
}

// One activity (#/activity/a12) and one strength session (#/lift/l3) in full.
//
// The activity: its facts, heart rate, pace or speed, elevation, cadence (and power) on one time axis —
// uPlot charts whose cursors and zoom move together —, the device's laps (a table; cards on a phone), time
// in heart-rate zones, the splits computed from the recorded distance, and the track
// drawn from its coordinates as an SVG outline (no map tiles: nothing leaves the machine). Everything
// comes from `GET /activities/{id}` and `GET /activities/{id}/streams`.
//
// The lift: each exercise's sets, its estimated 1RM and what it trains as the catalogue reads the name
// (with the athlete's aliases), the muscles the session worked and the names nobody could read:
// `GET /lifts/{id}`.

import { api, errorInfo } from "./api.js";
import { chartLibrary } from "./charts.js";
import { $, clear, h } from "./dom.js";
import { cap, fmtDateTime, fmtDuration, setText, words } from "./format.js";
import { lowerBound, m4, pixelColumns, upperBound, windowed } from "./reduce.js";
import { loaders, onReset } from "./router.js";

/** Numbers as format.js's `num` writes them (the reader's locale, fixed decimals), with one formatter per
 * number of decimals made once: the splits of a 12-hour run and every axis tick call it. */
const formats = new Map();
function num(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  let f = formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
    formats.set(digits, f);
  }
  return f.format(v);
}

/** The entry id in the address: `#/activity/a12` → `a12`. */
const idInHash = () => decodeURIComponent(location.hash.replace(/^#\/?[^/]*\/?/, "").split(/[/?]/)[0] ?? "");

/** Charts of the activity shown, destroyed before the next is drawn. */
let charts = [];
/** What the charts' cursor moves on the track: the outline's points and the marker. */
let trackCursor = null;
/** Kilometres or miles for splits, remembered in this browser. */
const SPLIT_KEY = "afterlift-split";

/** Answers asked for before the app has started (`#/activity/a12` opened directly), by path: the view takes
 * each once. */
const early = new Map();

/** An API answer, the early one when it was asked for and came back well. */
async function fetchOnce(path) {
  const pending = early.get(path);
  early.delete(path);
  const res = pending && (await pending);
  return res?.ok ? res : api(path);
}

/** The columns the charts are asked for: the window's width in device pixels, wider than any chart's plot
 * (the API keeps, in each of that many slices of the time, every channel's first, lowest, highest and
 * last sample; the charts then reduce to their own pixels, js/reduce.js). */
const chartColumns = () => Math.min(10_000, Math.ceil(window.innerWidth * (window.devicePixelRatio || 1)));

/** The activity's address and its streams' — for the charts (`columns`) or every sample (`columns` null). */
function streamsPath(id, unit, columns) {
  const query = [unit === "mi" ? "split=mi" : "", columns ? `columns=${columns}` : ""].filter(Boolean).join("&");
  return `/activities/${encodeURIComponent(id)}/streams${query ? `?${query}` : ""}`;
}
const activityPaths = (id, unit) => [`/activities/${encodeURIComponent(id)}`, streamsPath(id, unit, chartColumns())];
const splitUnit = () => (localStorage.getItem(SPLIT_KEY) === "mi" ? "mi" : "km");

export function setupDetail() {
  // An activity opened by its address: its data is asked for now, alongside the app's own start (who is
  // signed in, the profile), not after it.
  if (/^#\/?activity\//.test(location.hash) && idInHash()) {
    for (const path of activityPaths(idInHash(), splitUnit())) early.set(path, api(path));
  }
  onReset(() => {
    early.clear();
    destroy();
    clear($("#activity"));
    clear($("#lift"));
  });
  loaders.activity = () => showActivity(idInHash());
  loaders.lift = () => showLift(idInHash());
  window.addEventListener("resize", resize);
}

function destroy() {
  for (const u of charts) u.destroy();
  charts = [];
  trackCursor = null;
}

/** A view's body while it loads, then its content, or what went wrong with a way to try again. */
function loading(host, view, what) {
  destroy();
  host.setAttribute("aria-busy", "true");
  $(`#view-${view}`).dataset.state = "loading";
  clear(host, h("p", { class: "muted skeleton", "data-state": "loading" }, `Loading ${what}…`));
}

function failed(host, view, res, what, retry) {
  host.removeAttribute("aria-busy");
  $(`#view-${view}`).dataset.state = "error";
  const { message } = errorInfo(res);
  clear(host, h("div", { class: "unavailable", "data-state": res.status === 404 ? "not-found" : "error", role: "alert" },
    h("p", {}, res.status === 404 ? `${cap(what)} is not in your log: ${message}` : `${cap(what)} could not be loaded: ${message}`),
    res.status === 404 ? null : h("button", { type: "button", class: "secondary", onclick: retry }, "Try again")));
}

/** The view is drawn: once the browser has painted it (the frame after the charts were made), the section
 * says so (`data-state="ready"`, `data-entry`) and the `afterlift:<view>-rendered` performance mark is set. */
function done(host, view, id) {
  host.removeAttribute("aria-busy");
  const section = $(`#view-${view}`);
  requestAnimationFrame(() => setTimeout(() => {
    if (idInHash() !== id) return;
    section.dataset.entry = id;
    section.dataset.state = "ready";
    performance.mark(`afterlift:${view}-rendered`);
  }, 0));
}

// ───────────────────────────── the activity ─────────────────────────────

/** How a sport's speed is read: pace per distance (foot sports per km, a swim per 100 m, a row per 500 m)
 * or km/h. */
function speedReading(sport) {
  if (["run", "walk", "hike"].includes(sport)) return { pace: true, per_m: 1000, unit: "min/km", what: "Pace" };
  if (sport === "swim") return { pace: true, per_m: 100, unit: "min/100 m", what: "Pace" };
  if (sport === "row") return { pace: true, per_m: 500, unit: "min/500 m", what: "Pace" };
  return { pace: false, unit: "km/h", what: "Speed" };
}

/** Below 1 km/h one is standing: no pace is drawn (it would be hours per kilometre). */
const STANDING_MPS = 1 / 3.6;

/** How a sport's cadence is read: the files keep one foot's strides (rpm); people count steps, twice that. */
function cadenceReading(sport) {
  if (["run", "walk", "hike"].includes(sport)) return { factor: 2, unit: "steps/min" };
  if (sport === "swim" || sport === "row") return { factor: 1, unit: "strokes/min" };
  return { factor: 1, unit: "rpm" };
}

const mmss = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, "0")}`;
/** A pace in seconds as "4:05", rounding to the second without showing 4:60. */
const paceText = (s) => (s == null || !Number.isFinite(s) ? "—" : mmss(Math.round(s)));
/** Seconds since the start as the time axis reads them: "0:45", "1:05", "2:30" (hours:minutes past an hour). */
const clock = (s) => {
  const t = Math.round(s);
  return t >= 3600 ? `${Math.floor(t / 3600)}:${String(Math.floor((t % 3600) / 60)).padStart(2, "0")}` : mmss(t);
};

async function showActivity(id, split) {
  const host = $("#activity");
  const heading = $("#activity-h");
  loading(host, "activity", "the activity");
  const unit = split ?? splitUnit();
  performance.mark("afterlift:activity-requested");
  const [res, streams] = await Promise.all(activityPaths(id, unit).map(fetchOnce));
  await chartLibrary;
  if (idInHash() !== id) return; // another entry was opened meanwhile
  performance.mark("afterlift:activity-data");
  if (!res.ok) return failed(host, "activity", res, "this activity", () => showActivity(id, split));
  if (!streams.ok) return failed(host, "activity", streams, "this activity's samples", () => showActivity(id, split));
  const a = res.data;
  const s = streams.data;
  heading.textContent = `${cap(words(a.sport))}, ${fmtDateTime(a.started_at)}`;
  document.title = `${cap(words(a.sport))} · ${fmtDateTime(a.started_at)} · afterlift`;
  const reading = speedReading(a.sport);
  const parts = [h("p", { class: "source muted" }, sourceText(a.source)), facts(a, reading)];
  if (s.notes?.length) parts.push(h("ul", { class: "notes", "aria-label": "About these numbers" }, s.notes.map((n) => h("li", {}, n))));
  const chartsBox = h("div", { class: "streams", id: "activity-charts" });
  const side = h("div", { class: "activity-side" }, trackFigure(s.track), zonesCard(a));
  parts.push(h("h2", {}, "Over time"), chartsBox);
  if (s.laps?.length) parts.push(lapsCard(s.laps, a, reading, unit));
  parts.push(h("div", { class: "activity-grid" }, side, splitsCard(s, a, reading, id, unit)));
  clear(host, ...parts);
  // Every sample, asked for once the charts are zoomed into a part (they were given what their width needs).
  // (Only when some were left out: a short recording comes whole even when asked for a chart's width.)
  const everySample = s.samples < (s.recorded_samples ?? s.samples) ? () => api(streamsPath(id, unit, null)) : null;
  drawCharts(chartsBox, s, a, reading, everySample);
  performance.mark("afterlift:activity-drawn");
  done(host, "activity", id);
}

/** Where an entry came from, in words: `fit (garmin fenix2)` → "From a FIT file · garmin fenix2". */
function sourceText(source) {
  if (!source) return "";
  if (source === "manual") return "Entered by hand.";
  const m = /^([a-z]+)(?: \((.*)\))?$/i.exec(source);
  if (!m) return `From ${source}.`;
  const apps = { strong: "a Strong export", hevy: "a Hevy export" };
  const what = apps[m[1].toLowerCase()] ?? `a ${m[1].toUpperCase()} file`;
  return `From ${what}${m[2] ? ` · ${m[2]}` : ""}.`;
}

function facts(a, reading) {
  const fact = (k, v) => h("div", {}, h("dt", {}, k), h("dd", {}, v));
  const moving = a.timer_s > 0 ? a.timer_s : a.elapsed_s;
  let avg = "—";
  if (a.distance_m > 0 && moving > 0) {
    avg = reading.pace ? `${paceText((moving / a.distance_m) * reading.per_m)} ${reading.unit}` : `${num((a.distance_m / moving) * 3.6, 1)} km/h`;
  }
  return h("dl", { class: "facts activity-facts" },
    fact("Distance", a.distance_m ? `${num(a.distance_m / 1000, 2)} km` : "—"),
    fact("Moving time", fmtDuration(a.timer_s)),
    fact("Elapsed", fmtDuration(a.elapsed_s)),
    fact(reading.pace ? "Avg pace" : "Avg speed", avg),
    fact("Avg HR", a.avg_hr ? `${num(a.avg_hr)} bpm` : "—"),
    fact("Max HR", a.max_hr ? `${num(a.max_hr)} bpm` : "—"),
    fact("Energy", a.calories_kcal ? `${num(a.calories_kcal)} kcal` : "—"),
    fact("RPE", a.rpe ? num(a.rpe, 1) : "—"));
}

/** The channels worth a chart, in order: heart rate, pace or speed, elevation, cadence, power. */
function channels(s, sport, reading) {
  const out = [];
  const has = (c) => Array.isArray(c) && c.some((v) => v !== null);
  // Each channel's lowest, highest and mean over every sample (the API's), in the chart's units.
  const stats = (st, k = 1) => st && { min: st.min * k, max: st.max * k, mean: st.mean * k };
  if (has(s.hr_bpm)) out.push({ key: "hr", title: "Heart rate", unit: "bpm", ys: s.hr_bpm, stats: stats(s.stats?.hr_bpm), stroke: "#c0392b", fmt: (v) => num(v) });
  if (has(s.speed_mps)) {
    if (reading.pace) {
      const ys = s.speed_mps.map((v) => (v === null || v < STANDING_MPS ? null : reading.per_m / v));
      out.push({ key: "pace", title: "Pace", unit: reading.unit, ys, stroke: "#1f5fbf", fmt: paceText, invert: true, range: robustRange(ys, s.offset_s, s.columns) });
    } else {
      out.push({ key: "speed", title: "Speed", unit: "km/h", ys: s.speed_mps.map((v) => (v === null ? null : v * 3.6)), stats: stats(s.stats?.speed_mps, 3.6), stroke: "#1f5fbf", fmt: (v) => num(v, 1) });
    }
  }
  if (has(s.altitude_m)) out.push({ key: "elevation", title: "Elevation", unit: "m", ys: s.altitude_m, stats: stats(s.stats?.altitude_m), stroke: "#2e7d32", fmt: (v) => num(v), fill: "#2e7d3233" });
  if (has(s.cadence_rpm)) {
    const c = cadenceReading(sport);
    out.push({ key: "cadence", title: "Cadence", unit: c.unit, ys: s.cadence_rpm.map((v) => (v === null ? null : v * c.factor)), stats: stats(s.stats?.cadence_rpm, c.factor), stroke: "#8e44ad", fmt: (v) => num(v), points: true });
  }
  if (has(s.power_w)) out.push({ key: "power", title: "Power", unit: "W", ys: s.power_w, stats: stats(s.stats?.power_w), stroke: "#b5520b", fmt: (v) => num(v) });
  return out;
}

/** The 2nd to 98th percentile, widened a little: a pace axis that a few seconds at a standstill do not stretch.
 * Read from values evenly spread over the time: at most 4,000 evenly spaced samples of every sample (a
 * 12-hour recording has 43,200; the percentiles hardly move), or of samples kept for `columns` (extremes
 * by design) the first of each slice of the time, which is every channel's first there. */
function robustRange(ys, xs, columns) {
  const v = [];
  const take = (i) => {
    if (ys[i] !== null && Number.isFinite(ys[i])) v.push(ys[i]);
  };
  if (columns) {
    const [first, span] = [xs[0], xs.at(-1) - xs[0] + 1];
    let slice = -1;
    for (let i = 0; i < xs.length; i++) {
      const k = Math.floor(((xs[i] - first) * columns) / span);
      if (k !== slice) {
        slice = k;
        take(i);
      }
    }
  } else {
    const step = Math.max(1, Math.floor(ys.length / 4000));
    for (let i = 0; i < ys.length; i += step) take(i);
  }
  if (!v.length) return null;
  v.sort((a, b) => a - b);
  const lo = v[Math.floor(v.length * 0.02)];
  const hi = v[Math.min(v.length - 1, Math.floor(v.length * 0.98))];
  const pad = Math.max(5, (hi - lo) * 0.08);
  return [Math.max(0, lo - pad), hi + pad];
}

/** A chart's width in its figure (or the box of figures, as wide): less the figure's padding and border. */
function chartWidth(el) {
  return Math.max(240, Math.floor(el.getBoundingClientRect().width) - 16);
}

const chartHeight = () => (window.innerWidth < 600 ? 180 : 200);

/** Tick steps of the time axis (seconds): whole minutes and hours, never 3:20. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600];
/** Tick steps of a pace axis (seconds per distance): 5, 10, 15, 30 s, whole minutes. */
const PACE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** A channel's summary, which its legend shows while the cursor is elsewhere: "avg 154 · max 178 bpm", of
 * every sample (the API's statistics, whatever samples the chart was given). The averages the header
 * shows come from the activity's summary, so that one page never gives two. */
function summary(c, a, reading) {
  const moving = a.timer_s > 0 ? a.timer_s : a.elapsed_s;
  if (c.key === "pace") return a.distance_m > 0 && moving > 0 ? `avg ${paceText((moving / a.distance_m) * reading.per_m)} ${c.unit}` : "—";
  if (!c.stats) return "—";
  const { min, max, mean } = c.stats;
  if (c.key === "hr" && a.avg_hr) return `avg ${num(a.avg_hr)} · max ${num(a.max_hr ?? max)} ${c.unit}`;
  if (c.key === "speed" && a.distance_m > 0 && moving > 0) return `avg ${num((a.distance_m / moving) * 3.6, 1)} · max ${c.fmt(max)} ${c.unit}`;
  if (c.key === "elevation") return `${c.fmt(min)}–${c.fmt(max)} ${c.unit}`;
  return `avg ${c.fmt(mean)} · max ${c.fmt(max)} ${c.unit}`;
}

/** Device pixels of a chart's plot: uPlot's own box once the chart exists; before, what it will be — the
 * chart less the y axis (50 px and its 20 px title) on the left and a 25 px gutter on the right. */
function plotBox(u, width) {
  if (u) return { left: u.bbox.left, width: u.bbox.width };
  const dpr = window.devicePixelRatio || 1;
  const half = (v) => Math.round(v * 2) / 2;
  return { left: half(70 * dpr), width: half((width - 95) * dpr) };
}

/** What a chart draws of its channel `v` ({xs, ys}) for the plot `box` and the times `min`…`max`: all
 * samples when there are no more than the plot's pixel columns, else per column the first, lowest,
 * highest and last (js/reduce.js); the reduction of the whole recording is kept per plot width. */
function chartData(v, box, min, max) {
  const columns = Math.ceil(box.width);
  if (v.whole?.width !== box.width) {
    const all = v.xs.length <= columns
      ? { xs: v.xs, ys: v.ys }
      : m4(v.xs, v.ys, 0, v.xs.length, pixelColumns(box.left, box.width, v.xs[0], v.xs.at(-1)));
    v.whole = { width: box.width, ...all };
  }
  const whole = v.whole;
  const all = min <= v.xs[0] && max >= v.xs.at(-1);
  const out = all ? whole : windowed(v.xs, v.ys, whole, min, max, columns, pixelColumns(box.left, box.width, min, max));
  return [out.xs, out.ys];
}

/** The figure says what its chart shows, for whoever checks it (the e2e tests, the benchmark): the recorded
 * samples in the visible time range and the points drawn for them. Of a chart given the samples its width
 * needs, the samples in a part zoomed into are counted once every sample has come. */
function describeDrawn(fig, v, u) {
  const { min, max } = u.scales.x;
  const inView = (xs) => upperBound(xs, max) - lowerBound(xs, min);
  const whole = min <= v.xs[0] && max >= v.xs.at(-1);
  if (!v.reduced) fig.dataset.samples = String(inView(v.xs));
  else if (whole) fig.dataset.samples = String(v.recorded);
  fig.dataset.points = String(inView(u.data[0]));
}

function drawCharts(box, s, a, reading, everySample) {
  const list = channels(s, a.sport, reading);
  if (!list.length || !s.samples) {
    box.append(h("p", { class: "empty", "data-state": "empty" }, "This activity has no samples to chart: only its summary was recorded."));
    return;
  }
  if (!window.uPlot) {
    box.append(h("p", { class: "muted" }, "The chart library did not load."));
    return;
  }
  const xs = s.offset_s;
  const span = `${clock(xs[0])}–${clock(xs.at(-1))}`;
  // Every chart is as wide as the box: one layout read, not one per chart.
  const width = chartWidth(box);
  const grid = { stroke: "#7a849122", width: 1 };
  let zooming = false;
  const views = new Map();
  // "chart": the samples the charts' width needs; "all": every sample (`loading` while they come).
  const reduced = s.samples < (s.recorded_samples ?? s.samples);
  box.dataset.samples = reduced ? "chart" : "all";
  /** Every sample, asked for the first time a chart given the samples its width needs is zoomed into a
   * part; then each chart draws from them (until then, from what it has). */
  let loadingAll = null;
  const loadEverySample = () => {
    if (!everySample || loadingAll) return;
    box.dataset.samples = "loading";
    loadingAll = everySample().then((res) => {
      if (!res.ok || ![...views.keys()].every((u) => charts.includes(u))) {
        loadingAll = null; // the next zoom asks again
        return;
      }
      const all = new Map(channels(res.data, a.sport, reading).map((c) => [c.key, c.ys]));
      for (const [u, v] of views) {
        Object.assign(v, { xs: res.data.offset_s, ys: all.get(v.channel) ?? v.ys, whole: null, key: null, reduced: false });
        refine(u);
      }
      box.dataset.samples = "all";
    });
  };
  /** After the time range or the size changed: the chart's points for what it now shows (a zoomed-in
   * range gets its own samples, up to every one). Once uPlot has finished with the change. */
  const refine = (u) => {
    const v = views.get(u);
    if (!v?.ready) return;
    const { min, max } = u.scales.x;
    if (v.reduced && (min > v.xs[0] || max < v.xs.at(-1))) loadEverySample();
    const plot = plotBox(u);
    const key = `${min} ${max} ${plot.left} ${plot.width}`;
    if (v.key === key) return;
    v.key = key;
    queueMicrotask(() => {
      if (!charts.includes(u) || v.key !== key) return;
      u.setData(chartData(v, plot, min, max), false);
      u.redraw();
      describeDrawn(v.fig, v, u);
    });
  };
  for (const [i, c] of list.entries()) {
    const last = i === list.length - 1;
    const fig = h("figure", { class: "chart stream", "data-chart": c.key },
      h("figcaption", {}, h("h3", {}, `${c.title} (${c.unit})`)));
    box.append(fig);
    const total = summary(c, a, reading);
    const opts = {
      width,
      height: chartHeight(),
      scales: {
        x: { time: false },
        y: { dir: c.invert ? -1 : 1, ...(c.range ? { range: () => c.range } : {}) },
      },
      axes: [
        {
          // One time axis for all: its title under the last chart.
          label: last ? "Elapsed (m:ss, h:mm)" : undefined,
          labelSize: last ? 22 : 0, stroke: "#7a8491", grid, incrs: TIME_STEPS, space: 56,
          values: (u, ticks) => ticks.map(clock),
        },
        {
          label: c.unit, labelSize: 20, stroke: "#7a8491", grid, size: 50, space: 28,
          incrs: c.key === "pace" ? PACE_STEPS : undefined, values: (u, ticks) => ticks.map(c.fmt),
        },
      ],
      series: [
        { label: "Time", value: (u, v) => (v == null ? span : clock(v)) },
        {
          label: c.title, stroke: c.stroke, width: 1.5, fill: c.fill, spanGaps: false, points: { show: false },
          // At the cursor, the moment's value; elsewhere the whole activity's.
          value: (u, v, si, idx) => (idx == null ? total : v == null ? "—" : `${c.fmt(v)} ${c.unit}`),
        },
      ],
      cursor: {
        sync: { key: "activity", setSeries: false },
        drag: { x: true, y: false, setScale: true },
        points: { size: 7 },
      },
      hooks: {
        setCursor: [(u) => moveTrackMarker(u.cursor.idx == null ? null : u.data[0][u.cursor.idx])],
        // Zooming one chart (drag across it; double-click to reset) zooms them all; each then draws the
        // samples of the new range.
        setScale: [(u, key) => {
          if (key !== "x") return;
          refine(u);
          if (zooming) return;
          zooming = true;
          const { min, max } = u.scales.x;
          for (const other of charts) if (other !== u) other.setScale("x", { min, max });
          zooming = false;
        }],
        setSize: [refine],
        // Once uPlot has settled its axes (its scales and size move while it does): from then on, a plot
        // other than the one estimated, or a new range, gets its own points.
        ready: [(u) => {
          const v = views.get(u);
          if (!v) return;
          v.ready = true;
          describeDrawn(fig, v, u);
          refine(u);
        }],
      },
    };
    // The channel's samples; the chart is handed what its pixels can show of them.
    const guess = plotBox(null, width);
    const v = {
      channel: c.key, xs, ys: c.ys, fig, whole: null, key: `${xs[0]} ${xs.at(-1)} ${guess.left} ${guess.width}`,
      reduced, recorded: s.recorded_samples ?? s.samples,
    };
    const u = new window.uPlot(opts, chartData(v, guess, xs[0], xs.at(-1)), fig);
    views.set(u, v);
    charts.push(u);
  }
  box.append(h("p", { class: "hint" }, "Drag across a chart to zoom into that part of the activity; double-click to see all of it."));
}

function resize() {
  for (const u of charts) {
    const fig = u.root.parentElement;
    if (fig?.isConnected && fig.offsetParent) u.setSize({ width: chartWidth(fig), height: chartHeight() });
  }
}

// ── the track ──

/** Degrees to metres on a local plane (equirectangular about the mean latitude, as core's outline is made). */
function project(track) {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const lat0 = track.lat_deg.reduce((x, y) => x + y, 0) / track.lat_deg.length;
  const k = Math.cos(lat0 * rad);
  const lon0 = track.lon_deg[0];
  return track.lat_deg.map((lat, i) => {
    let dlon = track.lon_deg[i] - lon0;
    if (dlon > 180) dlon -= 360;
    else if (dlon < -180) dlon += 360;
    // SVG's y grows downwards: north up.
    return [R * dlon * rad * k, -R * lat * rad];
  });
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function trackFigure(track) {
  const fig = h("figure", { class: "card track" }, h("figcaption", {}, h("h2", {}, "Track")));
  if (!track || track.lat_deg.length < 2) {
    fig.append(h("p", { class: "muted", "data-state": "no-track" }, "No positions were recorded (indoors, or without GPS)."));
    return fig;
  }
  const pts = project(track);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const size = Math.max(maxX - minX, maxY - minY, 1);
  const pad = size * 0.06;
  const w = Math.max(maxX - minX, size * 0.2) + 2 * pad;
  const hgt = Math.max(maxY - minY, size * 0.2) + 2 * pad;
  const x0 = (minX + maxX) / 2 - w / 2;
  const y0 = (minY + maxY) / 2 - hgt / 2;
  const d = pts.map((p, i) => `${i ? "L" : "M"}${(p[0] - x0).toFixed(1)} ${(p[1] - y0).toFixed(1)}`).join("");
  const r = size / 45;
  const [sx, sy] = [pts[0][0] - x0, pts[0][1] - y0];
  const [fx, fy] = [pts.at(-1)[0] - x0, pts.at(-1)[1] - y0];
  const km = (size / 1000).toLocaleString(undefined, { maximumFractionDigits: size < 10_000 ? 1 : 0 });
  const marker = svg("circle", { class: "track-cursor", r: r * 0.8, cx: sx, cy: sy, visibility: "hidden" });
  const label = `The route's outline, north up, about ${km} km across: ${num(track.lat_deg.length)} points drawn of ${num(track.recorded)} recorded. A green circle marks the start, a dark square the finish.`;
  const picture = svg("svg", {
    viewBox: `0 0 ${w.toFixed(1)} ${hgt.toFixed(1)}`, preserveAspectRatio: "xMidYMid meet", role: "img",
    "aria-label": label, class: "track-svg", "data-points": track.lat_deg.length,
  },
  svg("title", {}, label),
  svg("path", { class: "track-line", d, "vector-effect": "non-scaling-stroke" }),
  svg("circle", { class: "track-start", cx: sx, cy: sy, r }),
  svg("rect", { class: "track-finish", x: fx - r * 0.8, y: fy - r * 0.8, width: r * 1.6, height: r * 1.6 }),
  marker);
  trackCursor = { offsets: track.offset_s, pts: pts.map((p) => [p[0] - x0, p[1] - y0]), marker };
  fig.append(picture,
    h("p", { class: "hint legend-line" },
      h("span", { class: "key-item" }, h("span", { class: "key key-start", "aria-hidden": "true" }), "Start"),
      h("span", { class: "key-item" }, h("span", { class: "key key-finish", "aria-hidden": "true" }), "Finish")),
    h("p", { class: "hint" }, `${num(track.lat_deg.length)} of ${num(track.recorded)} recorded points drawn, `
      + `none more than ${num(track.tolerance_m, 1)} m from the line.`));
  return fig;
}

/** The charts' cursor on the track: where the activity was at that second (between two outline points, in
 * proportion to the time). */
function moveTrackMarker(t) {
  const c = trackCursor;
  if (!c) return;
  if (t == null) {
    c.marker.setAttribute("visibility", "hidden");
    return;
  }
  const o = c.offsets;
  let lo = 0;
  let hi = o.length - 1;
  if (t <= o[0]) hi = 0;
  else if (t >= o[hi]) lo = hi;
  else {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (o[mid] <= t) lo = mid;
      else hi = mid;
    }
  }
  const f = hi === lo || o[hi] === o[lo] ? 0 : (t - o[lo]) / (o[hi] - o[lo]);
  c.marker.setAttribute("cx", String(c.pts[lo][0] + f * (c.pts[hi][0] - c.pts[lo][0])));
  c.marker.setAttribute("cy", String(c.pts[lo][1] + f * (c.pts[hi][1] - c.pts[lo][1])));
  c.marker.setAttribute("visibility", "visible");
}

// ── heart-rate zones ──

function zonesCard(a) {
  const card = h("section", { class: "card zones", "aria-labelledby": "zones-h" }, h("h2", { id: "zones-h" }, "Time in heart-rate zones"));
  const z = a.hr_zones;
  if (!z) {
    card.append(h("p", { class: "muted", "data-state": "no-zones" }, a.avg_hr
      ? ["Zones need your maximum heart rate: ", h("a", { href: "#/profile" }, "add it to your profile"), "."]
      : "No heart rate was recorded."));
    return card;
  }
  const total = z.seconds.reduce((x, y) => x + y, 0);
  const names = ["Z1 very light", "Z2 light", "Z3 moderate", "Z4 hard", "Z5 maximum"];
  card.append(h("p", { class: "hint" }, `Shares of your maximum heart rate, ${num(z.max_hr_bpm)} bpm (Edwards' zones).`),
    h("ul", { class: "zone-bars" }, z.seconds.map((sec, i) => {
      const pct = total ? (100 * sec) / total : 0;
      const fill = h("div", { class: `zone-fill z${i + 1}` });
      fill.style.width = `${pct}%`;
      const upper = i < 4 ? `–${num(z.lower_bpm[i + 1] - 1)}` : "+";
      return h("li", { "data-zone": i + 1, "data-seconds": sec },
        h("span", { class: "zone-name" }, names[i], h("span", { class: "muted" }, ` ${num(z.lower_bpm[i])}${upper} bpm`)),
        h("div", { class: "zone-track", "aria-hidden": "true" }, fill),
        h("span", { class: "zone-time" }, fmtDuration(sec), h("span", { class: "muted" }, ` ${num(pct)} %`)));
    })));
  return card;
}

// ── splits ──

function splitsCard(s, a, reading, id, unit) {
  const card = h("section", { class: "card splits", "aria-labelledby": "splits-h" });
  const perSwim = a.sport === "swim";
  const unitWord = perSwim ? (unit === "mi" ? "100 yd" : "100 m") : unit === "mi" ? "mile" : "km";
  const choose = h("div", { class: "choices split-unit", role: "radiogroup", "aria-label": "Split every" },
    ["km", "mi"].map((u) => h("label", {}, h("input", {
      type: "radio", name: "split-unit", value: u, checked: u === unit,
      onchange: () => {
        localStorage.setItem(SPLIT_KEY, u);
        showActivity(id, u);
      },
    }), perSwim ? (u === "km" ? "100 m" : "100 yd") : u === "km" ? "Kilometres" : "Miles")));
  card.append(h("div", { class: "splits-head" }, h("h2", { id: "splits-h" }, "Computed splits"), choose),
    h("p", { class: "hint" }, `Every ${unitWord} of the recorded distance, computed from the samples.`));
  if (!s.splits?.length) {
    card.append(h("p", { class: "muted", "data-state": "no-splits" }, "No splits: the recording has no distance along the way."));
    return card;
  }
  const paceOf = (sp) => {
    const t = sp.moving_s > 0 ? sp.moving_s : sp.elapsed_s;
    if (!(sp.distance_m > 0) || !(t > 0)) return "—";
    return reading.pace ? paceText((t / sp.distance_m) * reading.per_m) : num((sp.distance_m / t) * 3.6, 1);
  };
  // Numbered; the last, shorter one by its length (0.73 km). The first may be a little short: the recording's
  // first distance is rarely 0.
  const length = (sp, i) => (i === s.splits.length - 1 && sp.distance_m < s.split_m * 0.99
    ? num(sp.distance_m / s.split_m, 2) : String(i + 1));
  const elev = (e) => (e === null || e === undefined ? "—" : `${e > 0 ? "+" : e < 0 ? "−" : ""}${num(Math.abs(e))}`);
  // A pace sport's split time is its pace (a kilometre in 4:40 is 4:40 /km): pace only. A ride's: its time and speed.
  const paceHead = reading.pace ? `Pace (${reading.unit.replace("/km", unit === "mi" && !perSwim ? "/mi" : "/km")})` : null;
  card.append(h("div", { class: "table-wrap" }, h("table", { class: "splits-table", "data-splits": s.splits.length },
    h("caption", { class: "visually-hidden" }, `Splits every ${unitWord}`),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, perSwim ? unitWord : unit === "mi" ? "Mile" : "Km"),
      paceHead ? h("th", { scope: "col", class: "num" }, paceHead) : [
        h("th", { scope: "col", class: "num" }, "Time"), h("th", { scope: "col", class: "num" }, "km/h")],
      h("th", { scope: "col", class: "num" }, "Avg HR"),
      h("th", { scope: "col", class: "num wide-only" }, "Max HR"),
      h("th", { scope: "col", class: "num" }, "Elev (m)"))),
    h("tbody", {}, s.splits.map((sp, i) => h("tr", {},
      h("th", { scope: "row" }, length(sp, i)),
      paceHead ? h("td", { class: "num", "data-pace": "" }, paceOfUnit(sp, reading, unit, perSwim, paceOf)) : [
        h("td", { class: "num" }, fmtDuration(sp.moving_s)), h("td", { class: "num" }, paceOf(sp))],
      h("td", { class: "num" }, sp.avg_hr_bpm ? num(sp.avg_hr_bpm) : "—"),
      h("td", { class: "num wide-only" }, sp.max_hr_bpm ? num(sp.max_hr_bpm) : "—"),
      h("td", { class: "num" }, elev(sp.elevation_change_m))))))));
  return card;
}

// ── the device's laps ──

/** What ended a lap, in words. */
const TRIGGERS = {
  manual: "Lap button", time: "Auto (time)", distance: "Auto (distance)", position: "Auto (place)",
  heart_rate: "Heart rate", session_end: "End of session", fitness_equipment: "The machine",
};
/** Laps shown before "Show all": a pool swim's hundred laps would bury the splits. */
const LAPS_SHOWN = 20;

/** The laps as the device recorded them: a table, and the same laps as cards for a phone (CSS shows one).
 * A column none of the laps has a value for is left out. */
function lapsCard(laps, a, reading, unit) {
  const perMile = unit === "mi" && reading.per_m === 1000;
  const lengthUnit = unit === "mi" ? { m: 1609.344, word: "mi" } : { m: 1000, word: "km" };
  const cadence = cadenceReading(a.sport);
  const time = (l) => l.timer_s ?? l.elapsed_s;
  const speedOf = (l) => {
    const t = time(l);
    if (l.distance_m > 0 && t > 0) return l.distance_m / t;
    return l.avg_speed_mps > 0 ? l.avg_speed_mps : null;
  };
  const paceHead = reading.pace ? `Pace (${perMile ? "min/mi" : reading.unit})` : "Speed (km/h)";
  const columns = [
    { head: "Start", show: () => true, text: (l) => fmtDuration(l.start_s) },
    { head: "Time", show: (l) => time(l) != null, text: (l) => fmtDuration(time(l)) },
    { head: `Distance (${lengthUnit.word})`, show: (l) => l.distance_m != null, text: (l) => num(l.distance_m / lengthUnit.m, 2) },
    {
      head: paceHead, show: (l) => speedOf(l) != null, pace: true,
      text: (l) => {
        const v = speedOf(l);
        if (v == null) return "—";
        if (!reading.pace) return num(v * 3.6, 1);
        return v < STANDING_MPS ? "—" : paceText((perMile ? 1609.344 : reading.per_m) / v);
      },
    },
    { head: "Avg HR", show: (l) => l.avg_hr_bpm != null, text: (l) => num(l.avg_hr_bpm) },
    { head: "Max HR", show: (l) => l.max_hr_bpm != null, text: (l) => num(l.max_hr_bpm) },
    { head: "Ascent (m)", show: (l) => l.ascent_m != null, text: (l) => num(l.ascent_m) },
    { head: `Cadence (${cadence.unit})`, show: (l) => l.avg_cadence_rpm != null, text: (l) => num(l.avg_cadence_rpm * cadence.factor) },
    { head: "Ended by", show: (l) => l.trigger != null, text: (l) => TRIGGERS[l.trigger] ?? words(l.trigger), words: true },
  ].filter((c) => laps.some(c.show));
  const card = h("section", { class: "card laps", "aria-labelledby": "laps-h", "data-laps": laps.length });
  card.append(h("h2", { id: "laps-h" }, "Your device's laps"),
    h("p", { class: "hint" }, `${laps.length} ${laps.length === 1 ? "lap" : "laps"} as your device recorded them: `
      + "by the lap button, by auto-lap, or at the end of the session."));
  const body = h("div", { class: "laps-body" });
  const draw = (n) => {
    const shown = laps.slice(0, n);
    const cell = (c, l) => h("td", { class: c.words ? null : "num", "data-pace": c.pace ? "" : null }, c.text(l));
    const table = h("div", { class: "table-wrap laps-wide" }, h("table", { class: "laps-table" },
      h("caption", { class: "visually-hidden" }, "Your device's laps"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Lap"),
        columns.map((c) => h("th", { scope: "col", class: c.words ? null : "num" }, c.head)))),
      h("tbody", {}, shown.map((l, i) => h("tr", { "data-lap": i + 1 },
        h("th", { scope: "row" }, String(i + 1)), columns.map((c) => cell(c, l)))))));
    const cards = h("ol", { class: "lap-cards", "aria-label": "Your device's laps" }, shown.map((l, i) =>
      h("li", { class: "lap-card", "data-lap": i + 1 },
        h("h3", {}, `Lap ${i + 1}`),
        h("dl", {}, columns.map((c) => h("div", { class: c.words ? "words" : null }, h("dt", {}, c.head), h("dd", {}, c.text(l))))))));
    const more = n < laps.length
      ? h("button", { type: "button", class: "secondary show-all-laps", onclick: () => draw(laps.length) }, `Show all ${laps.length} laps`)
      : null;
    clear(body, table, cards, more);
  };
  draw(LAPS_SHOWN);
  card.append(body);
  return card;
}

/** A foot sport's split pace in the unit of the splits (min/mi for miles). */
function paceOfUnit(sp, reading, unit, perSwim, paceOf) {
  if (!reading.pace || perSwim || unit !== "mi" || reading.per_m !== 1000) return paceOf(sp);
  const t = sp.moving_s > 0 ? sp.moving_s : sp.elapsed_s;
  return sp.distance_m > 0 && t > 0 ? paceText((t / sp.distance_m) * 1609.344) : "—";
}

// ───────────────────────────── the lift ─────────────────────────────

const READ_BY = { alias: "your alias", close_match: "the closest name in the catalogue", name: null };
const muscleList = (ms) => ms.map(words).join(", ");
const setsText = (n) => `${num(n, Number.isInteger(n) ? 0 : 1)} ${n === 1 ? "set" : "sets"}`;

async function showLift(id) {
  const host = $("#lift");
  const heading = $("#lift-h");
  loading(host, "lift", "the strength session");
  const res = await api(`/lifts/${encodeURIComponent(id)}`);
  if (idInHash() !== id) return;
  if (!res.ok) return failed(host, "lift", res, "this strength session", () => showLift(id));
  const l = res.data;
  heading.textContent = `${l.title ? `${l.title}, ` : "Strength, "}${fmtDateTime(l.started_at)}`;
  const source = h("p", { class: "source muted" }, sourceText(l.source));
  document.title = `${l.title ?? "Strength"} · ${fmtDateTime(l.started_at)} · afterlift`;
  const working = l.exercises.reduce((n, e) => n + e.sets.filter((s) => s.kind !== "warmup").length, 0);
  const region = { lower: "Lower body", upper: "Upper body", core: "Core", full: "Full body" }[l.region] ?? "—";
  const fact = (k, v) => h("div", {}, h("dt", {}, k), h("dd", {}, v));
  clear(host, source,
    h("dl", { class: "facts" },
      fact("Minutes", l.minutes ? num(l.minutes) : "—"),
      fact("Session RPE", l.rpe ? num(l.rpe, 1) : "—"),
      fact("Exercises", num(l.exercises.length)),
      fact("Working sets", num(working)),
      fact("Trained", region)),
    unknownNotice(l.unknown_exercises),
    h("div", { class: "lift-grid" },
      h("div", { class: "lift-exercises" }, l.exercises.map((e, i) => exerciseCard(e, i))),
      musclesCard(l.muscles)));
  done(host, "lift", id);
}

function unknownNotice(unknown) {
  if (!unknown?.length) return null;
  return h("div", { class: "notice", role: "note", "data-state": "unknown-exercises" },
    h("p", {}, h("strong", {}, unknown.length === 1 ? "One name is not in the exercise catalogue" : `${unknown.length} names are not in the exercise catalogue`),
      ": their sets are listed, but none of their muscles is counted here or in the advice."),
    h("ul", {}, unknown.map((u) => h("li", {}, `“${u.name}”`, u.suggestion ? ` — perhaps ${u.suggestion}?` : ""))),
    h("p", { class: "hint" }, "Tell afterlift what a name means once: ", h("code", {}, "afterlift exercises alias \"NAME\" \"EXERCISE\""), "."));
}

function exerciseCard(e, index) {
  const headingId = `exercise-${index}-h`;
  const read = e.read_as;
  const best = e.e1rm;
  const about = [];
  if (read) {
    const why = READ_BY[read.by];
    if (why) about.push(h("p", { class: "read-as" }, "Read as ", h("strong", {}, read.exercise), ` (${why}).`));
    about.push(h("p", { class: "trains" },
      h("span", { class: "muted" }, "Trains "), muscleList(read.primary),
      read.secondary.length ? [h("span", { class: "muted" }, "; helped by "), muscleList(read.secondary)] : null, "."));
  } else {
    about.push(h("p", { class: "read-as unknown" }, "Not in the exercise catalogue: its muscles are not counted."));
  }
  about.push(best
    ? h("p", { class: "e1rm", "data-epley": best.epley_kg, "data-brzycki": best.brzycki_kg },
      h("span", { class: "muted" }, "Estimated 1RM "), h("strong", {}, `${num(best.epley_kg, 1)} kg`),
      h("span", { class: "muted" }, ` (Epley; Brzycki ${num(best.brzycki_kg, 1)} kg), from set ${best.set + 1}: ${setText({ reps: best.reps, kg: best.kg })}`))
    : h("p", { class: "e1rm muted", "data-state": "no-e1rm" }, "No 1RM estimate: no working set of 1–12 reps with a weight."));
  // The RPE column only when a set was rated.
  const rated = e.sets.some((s) => s.rpe);
  return h("section", { class: "card exercise-card", "aria-labelledby": headingId },
    h("h2", { id: headingId }, e.name), ...about,
    h("table", { class: "sets" },
      h("caption", { class: "visually-hidden" }, `Sets of ${e.name}`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Set"), h("th", { scope: "col" }, "Done"),
        rated ? h("th", { scope: "col", class: "num" }, "RPE") : null,
        h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Note")))),
      h("tbody", {}, e.sets.map((s, i) => h("tr", { class: best?.set === i ? "best" : null },
        h("th", { scope: "row" }, String(i + 1)),
        h("td", {}, setText(s)),
        rated ? h("td", { class: "num" }, s.rpe ? num(s.rpe, 1) : "—") : null,
        h("td", { class: "muted" }, [s.kind !== "normal" ? (s.kind === "warmup" ? "warm-up" : words(s.kind)) : null,
          best?.set === i ? "best set" : null].filter(Boolean).join(" · ")))))));
}

function musclesCard(muscles) {
  const card = h("section", { class: "card muscles", "aria-labelledby": "muscles-h" }, h("h2", { id: "muscles-h" }, "Muscles worked"));
  if (!muscles?.length) {
    card.append(h("p", { class: "muted", "data-state": "no-muscles" }, "No strength exercise of this session is in the catalogue."));
    return card;
  }
  const most = muscles[0].sets;
  card.append(h("p", { class: "hint" }, "Working sets per muscle: a set counts 1 for a prime mover and ½ for a muscle that helps."),
    h("ul", { class: "muscle-bars" }, muscles.map((m) => {
      const fill = h("div", { class: "muscle-fill" });
      fill.style.width = `${(100 * m.sets) / most}%`;
      return h("li", { "data-muscle": m.muscle, "data-sets": m.sets },
        h("span", { class: "muscle-name" }, cap(words(m.muscle))),
        h("div", { class: "muscle-track", "aria-hidden": "true" }, fill),
        h("span", { class: "muscle-sets" }, setsText(m.sets)));
    })));
  return card;
}

// History: the range in view (4 weeks, 3 months, 1 year, all, custom — by default where the data is) and,
// for it, the load summary and its charts, weekly volume by sport and by muscle group, e1RM per exercise,
// resting heart rate and HRV, and the activity and strength lists, paged. Dragging across a chart zooms
// every chart and list to those dates.

import { api, askForProfile, errorInfo, needsProfile, unavailable } from "./api.js";
import { chartLibrary } from "./charts.js";
import { $, $$, clear, h } from "./dom.js";
import { cap, fmtDuration, localDate, num, setText, words, zone } from "./format.js";
import { DAY, dateOfX, dayX, drawingWidth, fmtDate, fmtNum, fmtX, startX, timeChart, weekX } from "./history-charts.js";
import { loaders, onReset, state } from "./router.js";
import { buildingNote } from "./states.js";

const listOf = (d, key) => (Array.isArray(d) ? d : d?.[key] ?? d?.items ?? []);

/** Entries per page of the activity and strength lists. */
const PAGE = 20;
/** The longest a status request reaches back (`GET /status?days=`). */
const STATUS_DAYS = 3650;

const SPORTS = {
  run: ["Run", "#1f5fbf"], cycle: ["Ride", "#1d7a3a"], swim: ["Swim", "#0e7c86"], row: ["Row", "#8a6100"],
  walk: ["Walk", "#6a3fb0"], hike: ["Hike", "#9a4a14"], elliptical: ["Elliptical", "#b3261e"], other: ["Other", "#5b6470"],
};
const STRENGTH_COLOR = "#3d4652";
const WEEK_AXIS = "Week (Monday to Sunday)";
const DAY_AXIS = "Date";
/** "1:05 h · 2×" (time and sessions); "0" for none. */
const sessionsText = (minutes, sessions) => (sessions ? `${hoursText(minutes)} · ${sessions}×` : "0");
/** The catalogue's body regions, as the weekly sets chart stacks them (each set once, in its exercise's). */
const REGIONS = [["lower", "Lower body", "#1f5fbf"], ["upper", "Upper body", "#b3261e"], ["core", "Core", "#8a6100"], ["full", "Full body", "#1d7a3a"]];

// ── civil dates (YYYY-MM-DD) ──
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY * 1000).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (DAY * 1000));
function monthsBefore(date, n) {
  const [y, m, d] = date.split("-").map(Number);
  const back = new Date(Date.UTC(y, m - 1 - n, 1));
  const last = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate();
  back.setUTCDate(Math.min(d, last));
  return back.toISOString().slice(0, 10);
}
const maxDate = (a, b) => (a > b ? a : b);
const minDate = (a, b) => (a < b ? a : b);

/** What History shows: the range chosen, the window in view, and what the server said. */
const view = {
  range: null, // "4w" | "3m" | "1y" | "all" | "custom"; null until the data decides
  from: null,
  to: null,
  beforeZoom: null, // the range to go back to when a zoom is reset
  note: "",
  history: null,
  status: null,
  body: { from: null, to: null, res: null }, // the check-ins read, and for which dates
  exercise: null,
  muscle: null,
  charts: [],
  lists: { activities: [], lifts: [] },
};

export function setupHistory() {
  onReset(() => {
    destroyHistoryCharts();
    view.muscle = null;
    for (const id of ["#history-status", "#history-volume", "#history-strength", "#history-body", "#activities", "#lifts"]) clear($(id));
    Object.assign(view, { range: null, from: null, to: null, beforeZoom: null, history: null, status: null, body: { from: null, to: null, res: null }, exercise: null });
  });
  const form = $("#history-range");
  form.addEventListener("change", (ev) => {
    if (ev.target.name !== "range") return;
    const range = ev.target.value;
    $("#history-custom").hidden = range !== "custom";
    if (range === "custom") {
      form.from.value = view.from ?? "";
      form.to.value = view.to ?? "";
      return;
    }
    choose(range);
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const [from, to] = [form.from.value, form.to.value];
    if (!from || !to) return;
    view.beforeZoom = null;
    choose("custom", from <= to ? [from, to] : [to, from]);
  });
  $("#history-reset-zoom").addEventListener("click", () => {
    const back = view.beforeZoom;
    view.beforeZoom = null;
    choose(back?.range ?? "all", back?.range === "custom" ? [back.from, back.to] : undefined);
  });
  loaders.history = load;
}

function destroyHistoryCharts() {
  for (const c of view.charts) c.destroy();
  const mine = new Set(view.charts);
  state.charts = state.charts.filter((c) => !mine.has(c));
  view.charts = [];
}

async function load() {
  const section = $("#view-history");
  section.setAttribute("aria-busy", "true");
  delete section.dataset.state;
  const today = localDate();
  // Both at once: the history and ten years of load (earlier pieces follow for a longer log).
  const histP = api("/history");
  const statusP = api(`/status?days=${STATUS_DAYS}`);
  const hist = await histP;
  await chartLibrary;
  performance.mark?.("history-fetched");
  view.history = hist.ok ? hist.data : null;
  view.historyError = hist.ok ? null : hist;
  const first = view.history?.first_date;
  // `#/history?range=all` (or `?from=2021-03-01&to=2021-03-31`) opens on that range.
  const asked = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const dates = [asked.get("from"), asked.get("to")];
  if (dates.every((d) => /^\d{4}-\d\d-\d\d$/.test(d ?? ""))) window_("custom", dates[0] <= dates[1] ? dates : dates.reverse(), today);
  else if (["4w", "3m", "1y", "all"].includes(asked.get("range"))) window_(asked.get("range"), undefined, today);
  else if (!view.range || !view.from) pickDefault(today);
  else window_(view.range, view.range === "custom" ? [view.from, view.to] : undefined, today);
  // The lists of the window are asked for now, and drawn when they arrive.
  const lists = Promise.all([loadList("activities", true), loadList("lifts", true)]);
  view.body = { from: null, to: null, res: null };
  const body = checkIns();
  const status = statusSeries(statusP, first, today);
  await render({ lists, body, status });
  section.removeAttribute("aria-busy");
  section.dataset.state = "ready";
  performance.mark?.("history-ready");
}

/** The load series from the first date with data to today: `/status?days=` reaches 10 years back at most, so
 * a longer history is read in ten-year pieces ending at earlier dates (the series is the same whatever the
 * end: the load is a running average from the first session). The last piece's summary is today's. */
async function statusSeries(nowP, first, today) {
  const now = await nowP;
  const span = first ? daysBetween(first, today) + 1 : 1;
  if (!now.ok || span <= STATUS_DAYS) return now;
  const earlier = [];
  for (let end = addDays(today, -STATUS_DAYS); earlier.length < 4 && end >= first; end = addDays(end, -STATUS_DAYS)) {
    earlier.push(api(`/status?at=${end}&days=${Math.min(STATUS_DAYS, daysBetween(first, end) + 1)}`));
  }
  const pieces = (await Promise.all(earlier)).filter((r) => r.ok).reverse();
  const daily = [...pieces.flatMap((r) => r.data.daily ?? []), ...(now.data.daily ?? [])];
  return { ...now, data: { ...now.data, daily } };
}

/** Where the view opens: the last 3 months when the log has anything in them, else all of it. */
function pickDefault(today) {
  const last = view.history?.last_date;
  const recent = last && last >= monthsBefore(today, 3);
  window_(recent || !last ? "3m" : "all", undefined, today);
}

/** The dates of `range` (`dates` for a custom one). A preset ends today — or, when nothing falls in it, on the
 * last date with data, and says so. */
function window_(range, dates, today = localDate()) {
  const first = view.history?.first_date;
  const last = view.history?.last_date;
  view.range = range;
  view.note = "";
  if (range === "custom") {
    [view.from, view.to] = dates ?? [view.from ?? today, view.to ?? today];
    return;
  }
  if (range === "all") {
    // All of the data: to its last date, or to today when that is less than 4 weeks later.
    view.from = first ?? today;
    view.to = last && daysBetween(last, today) > 28 ? last : maxDate(today, last ?? today);
    return;
  }
  const start = (end) => (range === "4w" ? addDays(end, -27) : addDays(monthsBefore(end, range === "3m" ? 3 : 12), 1));
  let end = today;
  if (last && start(today) > last) {
    end = last;
    view.note = `Nothing in the ${({ "4w": "last 4 weeks", "3m": "last 3 months", "1y": "last year" })[range]}: showing the ${({ "4w": "4 weeks", "3m": "3 months", "1y": "year" })[range]} up to your last entry.`;
  }
  view.from = start(end);
  view.to = end;
}

function choose(range, dates) {
  window_(range, dates);
  render();
}

function zoomTo(a, b) {
  const from = dateOfX(Math.min(a, b));
  const to = dateOfX(Math.max(a, b));
  view.beforeZoom ??= { range: view.range, from: view.from, to: view.to };
  const a_ = maxDate(from, view.from);
  window_("custom", [a_, maxDate(a_, minDate(to, view.to))]);
  render();
}

/** The check-ins of the window in view (those of a wider window already read serve). */
async function checkIns() {
  const { from, to } = view;
  const kept = view.body;
  if (kept.res?.ok && kept.from <= from && kept.to >= to) return kept.res;
  const res = await api(`/wellness?from=${from}&to=${to}`);
  if (view.from === from && view.to === to) view.body = { from, to, res };
  return res;
}

/** Draws every part for the window in view, each as soon as its data is in: `lists`, `body`, `status` —
 * the lists' pages, the check-ins and the load series — when already asked for. */
async function render({ lists, body, status } = {}) {
  const form = $("#history-range");
  const h_ = view.history;
  const hasData = !!h_?.first_date;
  form.hidden = !hasData;
  for (const r of $$("input[name=range]", form)) r.checked = r.value === view.range;
  $("#history-custom").hidden = view.range !== "custom";
  if (view.range === "custom") {
    form.from.value = view.from;
    form.to.value = view.to;
  }
  const span = daysBetween(view.from, view.to) + 1;
  $("#history-window").textContent = hasData
    ? `${view.note ? `${view.note} ` : ""}Showing ${fmtDate(view.from)} – ${fmtDate(view.to)} (${span === 1 ? "1 day" : `${fmtNum(span)} days`}).`
    : "";
  $("#history-reset-zoom").hidden = !view.beforeZoom;
  destroyHistoryCharts();
  // Every chart is as wide as the view's boxes: measured once.
  drawingWidth($("#history-status").getBoundingClientRect().width);
  lists ??= Promise.all([loadList("activities", true), loadList("lifts", true)]);
  body ??= checkIns();
  status ??= Promise.resolve(view.status);
  performance.mark?.("history-drawing");
  if (h_) {
    renderVolume(h_);
    renderStrength(h_);
    performance.mark?.("history-volume-drawn");
  } else if (view.historyError) {
    clear($("#history-volume"), unavailable("Weekly volume", view.historyError));
    $("#history-volume-part").hidden = false;
  }
  const shown = `${view.from}|${view.to}`;
  const current = () => `${view.from}|${view.to}` === shown;
  await Promise.all([
    status.then((res) => {
      view.status = res;
      if (current()) renderStatus($("#history-status"), res);
      performance.mark?.("history-load-drawn");
    }),
    body.then((res) => {
      if (current()) renderBody(res);
      performance.mark?.("history-body-drawn");
    }),
    lists.then(() => performance.mark?.("history-lists-drawn")),
  ]);
}

/** The x range of the window: its first day's start to its last day's end. */
const xRange = () => [startX(view.from), startX(view.to) + DAY];
/** Weekly charts show whole weeks: Monday of the first to Sunday of the last. */
function weekRange() {
  const monday = (d) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
  return [startX(monday(view.from)), startX(monday(view.to)) + 7 * DAY];
}
const dayText = (x) => fmtX(x, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
const weekText = (x) => `Week of ${fmtX(x - 3.5 * DAY, { weekday: "short", day: "numeric", month: "short", year: "numeric" })}`;

function chart(host, o) {
  const u = timeChart(host, { ...o, onZoom: zoomTo });
  if (u) view.charts.push(u);
  return u;
}

// ── load ──

function renderStatus(host, res) {
  clear(host);
  if (!res) return;
  if (!res.ok) {
    host.append(needsProfile(res) ? askForProfile("Load and fitness charts need your age, sex and weight") : unavailable("The load summary", res));
    return;
  }
  const s = res.data;
  const l = s.load ?? {};
  const tile = (k, v, title) => h("div", { class: "tile", title }, h("div", { class: "k" }, k), h("div", { class: "v" }, v));
  const note = buildingNote(l);
  if (note) host.append(note);
  host.append(h("div", { class: "tiles" },
    tile("Fitness (CTL)", num(l.ctl, 1), "Chronic training load, 42-day average"),
    tile("Fatigue (ATL)", num(l.atl, 1), "Acute training load, 7-day average"),
    tile("Form (TSB)", num(l.tsb, 1), "Fitness minus fatigue"),
    tile("Acute : chronic", l.acwr === null || l.acwr === undefined ? "—" : num(l.acwr, 2), "A trend, not an injury predictor"),
    tile("This week", num(l.week), "Total load of the last 7 days, AU"),
    tile("Readiness", cap(s.readiness?.level ?? "—"))));
  const [lo, hi] = xRange();
  const daily = (s.daily ?? []).filter((d) => {
    const x = dayX(d.date);
    return x >= lo && x < hi;
  });
  if (!(s.daily ?? []).some((d) => d.load > 0)) {
    host.append(h("p", { class: "empty" }, "No training load yet — charts appear once you import or log sessions."));
    return;
  }
  const xs = daily.map((d) => dayX(d.date));
  const au = (digits) => (v) => (v === null || v === undefined ? "—" : `${fmtNum(v, digits)} AU`);
  chart(host, {
    name: "load", title: "Daily load (session RPE × minutes)", yLabel: "Load (AU)", kind: "bars", range: [lo, hi], xText: dayText, xs,
    xLabel: DAY_AXIS,
    series: [{ label: "Load", color: "#1f5fbf", values: daily.map((d) => d.load), text: au(0) }],
  });
  chart(host, {
    name: "form", title: "Fitness, fatigue and form", yLabel: "AU per day", range: [lo, hi], xText: dayText, xs, xLabel: DAY_AXIS,
    series: [
      { label: "Fitness (CTL)", color: "#1d7a3a", values: daily.map((d) => d.ctl), text: au(1) },
      { label: "Fatigue (ATL)", color: "#b3261e", values: daily.map((d) => d.atl), text: au(1) },
      { label: "Form (TSB)", color: "#8a6100", values: daily.map((d) => d.tsb), text: au(1) },
    ],
  });
}

// ── weekly volume ──

/** "1:05 h" from minutes; "0" for none. */
const hoursText = (minutes) => {
  const m = Math.round(minutes);
  return m ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")} h` : "0";
};

function renderVolume(hist) {
  const host = $("#history-volume");
  clear(host);
  $("#history-volume-part").hidden = !hist.first_date;
  if (!hist.first_date) return;
  const [lo, hi] = weekRange();
  const weeks = hist.weeks.filter((w) => {
    const x = weekX(w.week_start);
    return x >= lo && x < hi;
  });
  const xs = weeks.map((w) => weekX(w.week_start));
  const sports = Object.keys(SPORTS).filter((s) => weeks.some((w) => w.sports.some((x) => x.sport === s)));
  const minutesOf = (w, s) => w.sports.find((x) => x.sport === s)?.minutes ?? 0;
  const lifting = weeks.some((w) => w.strength.sessions > 0);
  if (!sports.length && !lifting) {
    host.append(h("p", { class: "empty", "data-state": "empty" }, "No training in these weeks."));
    return;
  }
  const timeSeries = [
    ...sports.map((s) => ({
      label: SPORTS[s][0], color: SPORTS[s][1], values: weeks.map((w) => minutesOf(w, s) / 60),
      text: (v, i) => sessionsText(v * 60, weeks[i].sports.find((x) => x.sport === s)?.sessions ?? 0),
    })),
    ...(lifting ? [{
      label: "Strength", color: STRENGTH_COLOR, values: weeks.map((w) => w.strength.minutes / 60),
      text: (v, i) => sessionsText(v * 60, weeks[i].strength.sessions),
    }] : []),
  ];
  chart(host, {
    name: "time", title: "Training time per week", yLabel: "Hours per week", yDigits: 1, kind: "bars", stacked: true,
    range: [lo, hi], xs, xText: weekText, xName: "Week", xLabel: WEEK_AXIS, series: timeSeries,
  });
  const withDistance = sports.filter((s) => weeks.some((w) => w.sports.some((x) => x.sport === s && x.distance_m > 0)));
  if (withDistance.length) {
    chart(host, {
      name: "distance", title: "Distance per week", yLabel: "Kilometres per week", kind: "bars", stacked: true,
      range: [lo, hi], xs, xText: weekText, xName: "Week", xLabel: WEEK_AXIS,
      series: withDistance.map((s) => ({
        label: SPORTS[s][0], color: SPORTS[s][1],
        values: weeks.map((w) => (w.sports.find((x) => x.sport === s)?.distance_m ?? 0) / 1000),
        text: (v) => `${fmtNum(v, 1)} km`,
      })),
    });
  }
  if (!lifting) return;
  const regions = REGIONS.filter(([r]) => weeks.some((w) => w.regions.some((x) => x.region === r)));
  chart(host, {
    name: "sets", title: "Hard sets per week by body region", yLabel: "Hard sets per week", kind: "bars", stacked: true,
    range: [lo, hi], xs, xText: weekText, xName: "Week", xLabel: WEEK_AXIS,
    note: "Every set but warm-ups, counted once in the region of its exercise.",
    series: regions.map(([region, label, color]) => ({
      label, color, values: weeks.map((w) => w.regions.find((x) => x.region === region)?.sets ?? 0),
      text: (v) => (v ? `${fmtNum(v)} sets` : "0"),
    })),
  });
  // Per muscle: the mean weekly hard sets of the weeks in view with strength training, and any one muscle
  // week by week.
  const lifted = weeks.filter((w) => w.strength.sessions > 0);
  const totals = new Map();
  for (const w of lifted) for (const m of w.muscles) totals.set(m.muscle, (totals.get(m.muscle) ?? 0) + m.sets);
  const n = Math.max(1, lifted.length);
  const rows = [...totals].map(([muscle, sets]) => [muscle, sets / n]).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return;
  if (!rows.some(([m]) => m === view.muscle)) view.muscle = rows[0][0];
  const top = rows[0][1];
  host.append(h("figure", { class: "chart muscles", "aria-labelledby": "muscle-sets-h" },
    h("h3", { id: "muscle-sets-h" }, "Hard sets per week by muscle group"),
    h("p", { class: "chart-note" }, `Mean of the ${lifted.length === 1 ? "week" : `${fmtNum(lifted.length)} weeks`} with strength training in view. `
      + "A set counts 1 for the muscles that move the weight and ½ for those that assist."),
    h("ul", { class: "bars" }, rows.map(([muscle, mean]) => {
      const fill = h("div", { class: "bar-fill fill-zone" });
      fill.style.width = `${(100 * mean) / top}%`;
      return h("li", { class: "bar" },
        h("span", { class: "name" }, cap(words(muscle))),
        h("div", { class: "bar-track", "aria-hidden": "true" }, fill),
        h("span", { class: "pct" }, fmtNum(mean, 1)));
    }))));
  const select = h("select", { id: "muscle-pick", name: "muscle" }, rows.map(([m]) => h("option", { value: m, selected: m === view.muscle }, cap(words(m)))));
  const part = h("div", {});
  const draw = () => {
    destroyOne("muscle");
    clear(part);
    const muscle = view.muscle;
    chart(part, {
      name: "muscle", title: `Hard sets per week: ${words(muscle)}`, yLabel: "Hard sets per week", kind: "bars",
      range: [lo, hi], xs, xText: weekText, xName: "Week", xLabel: WEEK_AXIS,
      series: [{
        label: cap(words(muscle)), color: "#1f5fbf", values: weeks.map((w) => w.muscles.find((m) => m.muscle === muscle)?.sets ?? 0),
        text: (v, i) => `${fmtNum(v, 1)} sets · ${fmtNum(weeks[i].muscles.find((m) => m.muscle === muscle)?.tonnage_kg ?? 0)} kg`,
      }],
    });
  };
  select.addEventListener("change", () => {
    view.muscle = select.value;
    draw();
  });
  host.append(h("div", { class: "field picker" }, h("label", { for: "muscle-pick" }, "Muscle group"), select), part);
  draw();
}

// ── strength progress ──

function renderStrength(hist) {
  const host = $("#history-strength");
  clear(host);
  const exercises = hist.strength.filter((e) => e.points.length);
  $("#history-strength-part").hidden = !exercises.length;
  if (!exercises.length) return;
  const [lo, hi] = xRange();
  const inView = (p) => {
    const x = dayX(p.date);
    return x >= lo && x < hi;
  };
  if (!exercises.some((e) => e.exercise === view.exercise)) {
    view.exercise = (exercises.find((e) => e.points.some(inView)) ?? exercises[0]).exercise;
  }
  const select = h("select", { id: "e1rm-exercise", name: "exercise" }, exercises.map((e) => h("option", {
    value: e.exercise, selected: e.exercise === view.exercise,
  }, `${e.exercise} (${e.points.length === 1 ? "1 session" : `${e.points.length} sessions`})`)));
  select.addEventListener("change", () => {
    view.exercise = select.value;
    destroyOne("e1rm");
    renderStrength(hist);
    $("#e1rm-exercise").focus();
  });
  host.append(h("div", { class: "field picker" }, h("label", { for: "e1rm-exercise" }, "Exercise"), select));
  const e = exercises.find((x) => x.exercise === view.exercise);
  const points = e.points;
  const shown = points.filter(inView);
  if (!shown.length) {
    host.append(h("p", { class: "empty" }, `No ${e.exercise} in these dates — its sessions run from ${fmtDate(points[0].date)} to ${fmtDate(points.at(-1).date)}.`));
    return;
  }
  chart(host, {
    name: "e1rm", title: `Estimated 1RM: ${e.exercise}`, yLabel: "e1RM (kg)", kind: "line", points: true, range: [lo, hi], xLabel: DAY_AXIS,
    xs: points.map((p) => dayX(p.date)), xText: dayText,
    note: "Epley's estimate from each session's best set of 1–12 reps (warm-ups left out).",
    series: [{
      label: "e1RM", color: "#1f5fbf", values: points.map((p) => p.e1rm_kg),
      text: (v, i) => `${fmtNum(v, 1)} kg (${points[i].set})`,
    }],
  });
  const best = shown.reduce((a, b) => (b.e1rm_kg > a.e1rm_kg ? b : a));
  host.append(h("p", { class: "best" }, `Best in these dates: ${fmtNum(best.e1rm_kg, 1)} kg from ${best.set} on ${fmtDate(best.date)} — `,
    h("a", { href: `#/lift/${encodeURIComponent(best.lift_id)}` }, "open that session"), "."));
}

function destroyOne(name) {
  for (const c of view.charts.filter((u) => u.root.parentElement?.dataset.chart === name)) {
    c.destroy();
    view.charts = view.charts.filter((x) => x !== c);
    state.charts = state.charts.filter((x) => x !== c);
  }
}

// ── resting heart rate and HRV ──

function renderBody(res) {
  const host = $("#history-body");
  clear(host);
  const days = res?.ok ? listOf(res.data, "days").filter((d) => d.check_in) : [];
  const hr = days.filter((d) => d.check_in.resting_hr);
  const hrv = days.filter((d) => d.check_in.hrv_rmssd_ms);
  $("#history-body-part").hidden = !hr.length && !hrv.length;
  if (!hr.length && !hrv.length) return;
  const [lo, hi] = xRange();
  const inView = (d) => {
    const x = dayX(d.date);
    return x >= lo && x < hi;
  };
  if (!hr.some(inView) && !hrv.some(inView)) {
    host.append(h("p", { class: "empty" }, "No morning check-ins with resting heart rate or HRV in these dates."));
    return;
  }
  // One axis per unit: beats per minute and milliseconds are different charts.
  if (hr.length) {
    chart(host, {
      name: "resting-hr", title: "Morning resting heart rate", yLabel: "Resting HR (bpm)", kind: "line", points: hr.length < 120,
      range: [lo, hi], xs: hr.map((d) => dayX(d.date)), xText: dayText, xLabel: DAY_AXIS,
      series: [{ label: "Resting HR", color: "#b3261e", values: hr.map((d) => d.check_in.resting_hr), text: (v) => `${fmtNum(v)} bpm` }],
    });
  }
  if (hrv.length) {
    chart(host, {
      name: "hrv", title: "Morning HRV (rMSSD)", yLabel: "HRV rMSSD (ms)", kind: "line", points: hrv.length < 120,
      range: [lo, hi], xs: hrv.map((d) => dayX(d.date)), xText: dayText, xLabel: DAY_AXIS,
      series: [{ label: "HRV", color: "#1f5fbf", values: hrv.map((d) => d.check_in.hrv_rmssd_ms), text: (v) => `${fmtNum(v)} ms` }],
    });
  }
}

// ── lists, paged ──

/** A page of the entries in view, newest first; `fresh` starts again from the window's end. The next page
 * asks for what started before the oldest one shown (plus its second, in case two share it). */
async function loadList(kind, fresh) {
  const host = $(kind === "activities" ? "#activities" : "#lifts");
  const shown = view.lists[kind];
  if (fresh) shown.length = 0;
  const from = view.from ?? localDate();
  const end = shown.length
    ? new Date(Date.parse(shown.at(-1).started_at) + 1000).toISOString()
    : addDays(view.to ?? localDate(), 1);
  const asked = `${view.from}|${view.to}`;
  const res = await api(`/${kind}?from=${from}&to=${encodeURIComponent(end)}&limit=${PAGE + 1}`);
  if (`${view.from}|${view.to}` !== asked) return; // the window changed meanwhile
  if (!res.ok) {
    clear(host, unavailable(kind === "activities" ? "The activity list" : "The strength log", res));
    return;
  }
  const seen = new Set(shown.map((r) => r.id));
  const rows = listOf(res.data, kind).filter((r) => !seen.has(r.id));
  // Newest first by instant (start times carry the athlete's local offset, which changes with DST).
  rows.sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at));
  const more = rows.length > PAGE || listOf(res.data, kind).length > PAGE;
  shown.push(...rows.slice(0, PAGE));
  if (kind === "activities") renderActivities(host, shown, more);
  else renderLifts(host, shown, more);
}

function moreButton(kind, count) {
  return h("div", { class: "more" },
    h("p", { class: "muted" }, `${count} shown, newest first.`),
    h("button", {
      type: "button", class: "secondary",
      onclick: async (ev) => {
        ev.currentTarget.disabled = true;
        const before = view.lists[kind].length;
        await loadList(kind, false);
        // Keyboard users continue from the first new entry.
        const first = $$(`#${kind === "activities" ? "activities" : "lifts"}-table tbody tr`)[before];
        first?.querySelector("a")?.focus();
      },
    }, "Show more"));
}

function emptyLog() {
  return h("p", { class: "empty", "data-state": "empty" },
    "No activities yet — ", h("a", { href: "#/import" }, "import a file"), " or ", h("a", { href: "#/today" }, "log a session"), ".");
}

/** A start time as `fmtDateTime` writes it ("Sat, 12 Nov 2022, 16:58"), with one formatter for a whole list
 * (making one per row is most of a long list's drawing). */
function startText() {
  const tz = zone();
  const formats = [true, false].map((withYear) => new Intl.DateTimeFormat(undefined, {
    timeZone: tz, weekday: "short", day: "numeric", month: "short", year: withYear ? "numeric" : undefined,
    hour: "2-digit", minute: "2-digit",
  }));
  const now = Date.now();
  return (iso) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return formats[Math.abs(d.getTime() - now) < 300 * 86400e3 ? 1 : 0].format(d);
  };
}

/** Nothing of `what` in the window: said, with the way to all of it. */
function noneInWindow(what) {
  const all = view.range === "all" && !view.beforeZoom;
  return h("p", { class: "empty", "data-state": "none-in-range" },
    `No ${what} between ${fmtDate(view.from)} and ${fmtDate(view.to)}.`,
    all ? null : [" ", h("button", { type: "button", class: "link", onclick: () => { view.beforeZoom = null; choose("all"); } }, "Show all dates")]);
}

function renderActivities(host, rows, more) {
  clear(host);
  if (!rows.length) {
    host.append(view.history?.first_date ? noneInWindow("activities") : emptyLog());
    return;
  }
  const when = startText();
  const tbody = h("tbody", {}, rows.map((a) => h("tr", { "data-id": a.id },
    h("td", { "data-label": "When" }, h("a", { href: `#/activity/${encodeURIComponent(a.id)}` },
      h("time", { datetime: a.started_at }, when(a.started_at)))),
    h("td", { "data-label": "Sport" }, cap(words(a.sport))),
    h("td", { class: "num", "data-label": "Time" }, fmtDuration(a.timer_s)),
    h("td", { class: "num", "data-label": "Distance" }, a.distance_m ? `${num(a.distance_m / 1000, 2)} km` : "—"),
    h("td", { class: "num", "data-label": "Avg HR" }, a.avg_hr ? num(a.avg_hr) : "—"),
    h("td", { "data-label": "Source", class: "source" }, a.source ?? ""),
    h("td", { class: "actions" }, h("button", {
      type: "button", class: "link", "aria-label": `Delete ${words(a.sport)} of ${when(a.started_at)}`,
      onclick: () => deleteEntry(`/activities/${encodeURIComponent(a.id)}`),
    }, "Delete")))));
  host.append(h("div", { class: "table-wrap" }, h("table", { id: "activities-table", class: "entries" },
    h("caption", { class: "visually-hidden" }, "Activities, newest first"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "When"), h("th", { scope: "col" }, "Sport"), h("th", { scope: "col", class: "num" }, "Time"),
      h("th", { scope: "col", class: "num" }, "Distance"), h("th", { scope: "col", class: "num" }, "Avg HR"),
      h("th", { scope: "col" }, "Source"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    tbody)));
  if (more) host.append(moreButton("activities", rows.length));
}

function renderLifts(host, rows, more) {
  clear(host);
  if (!rows.length) {
    host.append(view.history?.first_date
      ? noneInWindow("strength sessions")
      : h("p", { class: "empty", "data-state": "empty" },
        "No strength sessions yet — import a Strong or Hevy export, or enter one on ", h("a", { href: "#/today" }, "Today"), "."));
    return;
  }
  const when = startText();
  host.append(h("div", { class: "table-wrap" }, h("table", { id: "lifts-table", class: "entries" },
    h("caption", { class: "visually-hidden" }, "Strength sessions, newest first"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "When"), h("th", { scope: "col", class: "num" }, "Minutes"),
      h("th", { scope: "col" }, "Exercises"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", {}, rows.map((l) => h("tr", { "data-id": l.id },
      h("td", { "data-label": "When" }, h("a", { href: `#/lift/${encodeURIComponent(l.id)}` },
        h("time", { datetime: l.started_at }, when(l.started_at)))),
      h("td", { class: "num", "data-label": "Minutes" }, l.minutes ? num(l.minutes) : "—"),
      h("td", { "data-label": "Exercises" }, (l.exercises ?? []).length
        ? l.exercises.flatMap((e, i) => [i ? ", " : null,
          h("span", { title: (e.sets ?? []).map(setText).join(", ") }, `${e.name} ×${e.sets?.length ?? 0}`)])
        : "—"),
      h("td", { class: "actions" }, h("button", {
        type: "button", class: "link", "aria-label": `Delete strength session of ${when(l.started_at)}`,
        onclick: () => deleteEntry(`/lifts/${encodeURIComponent(l.id)}`),
      }, "Delete"))))))));
  if (more) host.append(moreButton("lifts", rows.length));
}

async function deleteEntry(path) {
  if (!window.confirm("Delete this entry from the log?")) return;
  const res = await api(path, { method: "DELETE" });
  if (!res.ok) window.alert(errorInfo(res).message);
  await loaders.history();
}

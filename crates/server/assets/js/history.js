// History: the load summary and its charts, the activity and strength lists.

import { api, askForProfile, errorInfo, needsProfile, unavailable } from "./api.js";
import { destroyCharts, makeChart } from "./charts.js";
import { $, clear, h } from "./dom.js";
import { cap, fmtDateTime, fmtDuration, num, setText, words } from "./format.js";
import { loaders, onReset } from "./router.js";
import { buildingNote } from "./states.js";

const listOf = (d, key) => (Array.isArray(d) ? d : d?.[key] ?? d?.items ?? []);

export function setupHistory() {
  onReset(() => {
    destroyCharts();
    for (const id of ["#history-status", "#activities", "#lifts"]) clear($(id));
  });
  loaders.history = async () => {
    const [status, acts, lifts, wellness] = await Promise.all([
      api("/status"), api("/activities?limit=200"), api("/lifts?limit=200"), api("/wellness"),
    ]);
    destroyCharts();
    renderStatus($("#history-status"), status, acts);
    renderWellness($("#history-status"), wellness);
    renderActivities($("#activities"), acts);
    renderLifts($("#lifts"), lifts);
  };
}

function renderStatus(host, res) {
  clear(host);
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
  const daily = s.daily ?? [];
  if (!daily.some((d) => d.load > 0)) {
    host.append(h("p", { class: "empty" }, "No training load yet — charts appear once you import or log sessions."));
    return;
  }
  const xs = daily.map((d) => Date.parse(`${d.date}T12:00:00Z`) / 1000);
  makeChart(host, "Daily load (session RPE × minutes)", [xs, daily.map((d) => d.load)],
    [{ label: "Load", stroke: "#1f5fbf", fill: "#1f5fbf99" }], { bars: true });
  makeChart(host, "Fitness, fatigue and form", [xs, daily.map((d) => d.ctl), daily.map((d) => d.atl), daily.map((d) => d.tsb)], [
    { label: "Fitness (CTL)", stroke: "#1d7a3a" },
    { label: "Fatigue (ATL)", stroke: "#b3261e" },
    { label: "Form (TSB)", stroke: "#8a6100", dash: [6, 4] },
  ]);
}

/** Morning resting HR and HRV from the check-ins, when there are any. */
function renderWellness(host, res) {
  if (!res.ok) return;
  const days = listOf(res.data, "days").filter((d) => d.check_in && (d.check_in.resting_hr || d.check_in.hrv_rmssd_ms));
  if (!days.length) return;
  const xs = days.map((d) => Date.parse(`${d.date}T12:00:00Z`) / 1000);
  makeChart(host, "Morning resting HR and HRV", [xs, days.map((d) => d.check_in.resting_hr ?? null), days.map((d) => d.check_in.hrv_rmssd_ms ?? null)], [
    { label: "Resting HR (bpm)", stroke: "#b3261e" },
    { label: "HRV rMSSD (ms)", stroke: "#1f5fbf" },
  ], { points: true });
}

function emptyLog() {
  return h("p", { class: "empty", "data-state": "empty" },
    "No activities yet — ", h("a", { href: "#/import" }, "import a file"), " or ", h("a", { href: "#/today" }, "log a session"), ".");
}

function renderActivities(host, res) {
  clear(host);
  if (!res.ok) {
    host.append(unavailable("The activity list", res));
    return;
  }
  const rows = listOf(res.data, "activities");
  if (!rows.length) {
    host.append(emptyLog());
    return;
  }
  // Newest first by instant (start times carry the athlete's local offset, which changes with DST).
  rows.sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at));
  const tbody = h("tbody", {}, rows.map((a) => h("tr", { "data-id": a.id },
    h("td", {}, h("button", {
      type: "button", class: "link", "aria-expanded": "false", title: "Show details",
      onclick: (ev) => toggleActivity(ev.currentTarget, a.id),
    }, h("time", { datetime: a.started_at }, fmtDateTime(a.started_at)))),
    h("td", {}, cap(words(a.sport))),
    h("td", { class: "num" }, fmtDuration(a.timer_s)),
    h("td", { class: "num" }, a.distance_m ? `${num(a.distance_m / 1000, 2)} km` : "—"),
    h("td", { class: "num" }, a.avg_hr ? num(a.avg_hr) : "—"),
    h("td", {}, a.source ?? ""),
    h("td", {}, h("button", {
      type: "button", class: "link", "aria-label": `Delete ${words(a.sport)} of ${fmtDateTime(a.started_at)}`,
      onclick: () => deleteEntry(`/activities/${encodeURIComponent(a.id)}`),
    }, "Delete")))));
  host.append(h("div", { class: "table-wrap" }, h("table", { id: "activities-table" },
    h("caption", { class: "visually-hidden" }, "Activities, newest first"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "When"), h("th", { scope: "col" }, "Sport"), h("th", { scope: "col", class: "num" }, "Time"),
      h("th", { scope: "col", class: "num" }, "Distance"), h("th", { scope: "col", class: "num" }, "Avg HR"),
      h("th", { scope: "col" }, "Source"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    tbody)));
}

/** Opens (or closes) a row under an activity with its details: `GET /activities/{id}`. */
async function toggleActivity(button, id) {
  const row = button.closest("tr");
  const open = row.nextElementSibling?.classList.contains("detail") ? row.nextElementSibling : null;
  if (open) {
    open.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  button.setAttribute("aria-expanded", "true");
  const cell = h("td", { colspan: row.children.length }, h("p", { class: "muted" }, "Loading…"));
  row.after(h("tr", { class: "detail" }, cell));
  const res = await api(`/activities/${encodeURIComponent(id)}`);
  if (!res.ok) {
    clear(cell, h("p", { class: "field-error" }, errorInfo(res).message));
    return;
  }
  const d = res.data;
  const fact = (k, v) => h("div", {}, h("dt", {}, k), h("dd", {}, v));
  const zones = d.hr_zones?.seconds ?? [];
  const total = zones.reduce((x, y) => x + y, 0);
  clear(cell,
    h("dl", { class: "facts" },
      fact("Moving", fmtDuration(d.timer_s)),
      fact("Elapsed", fmtDuration(d.elapsed_s)),
      fact("Max HR", d.max_hr ? `${num(d.max_hr)} bpm` : "—"),
      fact("Energy", d.calories_kcal ? `${num(d.calories_kcal)} kcal` : "—"),
      fact("RPE", d.rpe ? num(d.rpe, 1) : "—"),
      fact("Samples", num(d.samples))),
    total ? h("div", {}, h("h3", {}, `Time in heart-rate zones (max ${num(d.hr_zones.max_hr_bpm)} bpm)`),
      h("ul", { class: "bars" }, zones.map((sec, i) => {
        const pct = (100 * sec) / total;
        const fill = h("div", { class: "bar-fill fill-zone" });
        fill.style.width = `${pct}%`;
        return h("li", { class: "bar" },
          h("span", { class: "name" }, `Z${i + 1}`),
          h("div", { class: "bar-track", "aria-hidden": "true" }, fill),
          h("span", { class: "pct" }, fmtDuration(sec)));
      }))) : null);
}

function renderLifts(host, res) {
  clear(host);
  if (!res.ok) {
    host.append(unavailable("The strength log", res));
    return;
  }
  const rows = listOf(res.data, "lifts");
  if (!rows.length) {
    host.append(h("p", { class: "empty", "data-state": "empty" },
      "No strength sessions yet — import a Strong or Hevy export, or enter one on ", h("a", { href: "#/today" }, "Today"), "."));
    return;
  }
  // Newest first by instant (start times carry the athlete's local offset, which changes with DST).
  rows.sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at));
  host.append(h("div", { class: "table-wrap" }, h("table", { id: "lifts-table" },
    h("caption", { class: "visually-hidden" }, "Strength sessions, newest first"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "When"), h("th", { scope: "col", class: "num" }, "Minutes"),
      h("th", { scope: "col" }, "Exercises"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", {}, rows.map((l) => h("tr", { "data-id": l.id },
      h("td", {}, h("time", { datetime: l.started_at }, fmtDateTime(l.started_at))),
      h("td", { class: "num" }, l.minutes ? num(l.minutes) : "—"),
      h("td", {}, (l.exercises ?? []).length
        ? l.exercises.flatMap((e, i) => [i ? ", " : null,
          h("span", { title: (e.sets ?? []).map(setText).join(", ") }, `${e.name} ×${e.sets?.length ?? 0}`)])
        : "—"),
      h("td", {}, h("button", {
        type: "button", class: "link", "aria-label": `Delete strength session of ${fmtDateTime(l.started_at)}`,
        onclick: () => deleteEntry(`/lifts/${encodeURIComponent(l.id)}`),
      }, "Delete"))))))));
}

async function deleteEntry(path) {
  if (!window.confirm("Delete this entry from the log?")) return;
  const res = await api(path, { method: "DELETE" });
  if (!res.ok) window.alert(errorInfo(res).message);
  await loaders.history();
}

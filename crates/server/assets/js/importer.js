// Import: files dropped or chosen, uploaded, and the report read as sentences.

import { api, errorInfo } from "./api.js";
import { $, $$, clear, h } from "./dom.js";
import { cap, fmtDay, num, plural, words } from "./format.js";
import { onReset } from "./router.js";

export function setupImport() {
  onReset(() => {
    clear($("#import-report"));
    $("#import-error").hidden = true;
  });
  const zone = $("#dropzone");
  const input = $("#import-file");
  const stop = (ev) => {
    ev.preventDefault();
    ev.stopPropagation();
  };
  for (const t of ["dragenter", "dragover"]) zone.addEventListener(t, (ev) => { stop(ev); zone.classList.add("over"); });
  for (const t of ["dragleave", "drop"]) zone.addEventListener(t, (ev) => { stop(ev); zone.classList.remove("over"); });
  zone.addEventListener("drop", (ev) => upload([...(ev.dataTransfer?.files ?? [])]));
  input.addEventListener("change", async () => {
    await upload([...input.files]);
    input.value = "";
  });
  const unit = $("#import-form").unit;
  unit.value = localStorage.getItem(UNIT_KEY) === "lb" ? "lb" : "kg";
  for (const radio of $$("input[name=unit]")) radio.addEventListener("change", () => localStorage.setItem(UNIT_KEY, unit.value));
  // Dropping a file anywhere else must not navigate away from the dashboard.
  window.addEventListener("dragover", (ev) => ev.preventDefault());
  window.addEventListener("drop", (ev) => ev.preventDefault());
}

// The unit of weights in strength exports that do not say it (Strong's CSV in some versions): the
// athlete's choice, remembered in this browser.
const UNIT_KEY = "afterlift-import-unit";

async function upload(files) {
  if (!files.length) return;
  const err = $("#import-error");
  const out = $("#import-report");
  err.hidden = true;
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  const bytes = files.reduce((n, f) => n + f.size, 0);
  const bar = h("progress", { id: "import-progress", max: 100, value: 0, "aria-label": "Upload" });
  const said = h("span", { class: "muted" }, `Uploading ${plural(files.length, "file")} (${sizeText(bytes)})…`);
  clear(out, h("div", { class: "progress", role: "status" }, said, bar));
  const lb = $("#import-form").unit.value === "lb";
  const res = await api(`/imports${lb ? "?lb=true" : ""}`, { method: "POST", form, onProgress: (sent, total) => {
    bar.value = total ? Math.round((100 * sent) / total) : 0;
    // All sent: the server is reading the files.
    if (sent >= total) said.textContent = `Reading ${plural(files.length, "file")}…`;
  } });
  if (!res.ok) {
    clear(out);
    err.textContent = errorInfo(res).message;
    err.hidden = false;
    return;
  }
  renderReport(out, res.data);
}

function sizeText(bytes) {
  return bytes >= 1e6 ? `${num(bytes / 1e6, 1)} MB` : `${num(Math.max(1, bytes / 1e3))} kB`;
}

/** The report: one summary sentence, then a card per file with its sessions as lines a person reads. */
function renderReport(out, r) {
  const lines = r.sessions ?? [];
  clear(out,
    h("p", { class: "import-summary" }, importSummary(r),
      r.sessions_new || r.sessions_existing ? [" — ", h("a", { href: "#/history" }, "see them in History")] : null),
    h("ul", { class: "import-files", id: "import-files" }, (r.files ?? []).map((f) => fileCard(f, lines.filter((s) => s.file === f.path)))),
    (r.other_files ?? []).length
      ? h("p", { class: "muted other-files" }, `${plural(r.other_files.length, "other file")} passed over (not workout files).`)
      : null);
}

/** What each result means, said plainly. */
const RESULT = {
  imported: "Imported",
  partial: "Imported in part",
  duplicate: "Already in your log",
  skipped: "Nothing to import",
  error: "Could not be read",
};

function fileCard(f, sessions) {
  const plain = plainMessage(f);
  return h("li", { class: `import-file status-${f.status}`, "data-status": f.status },
    h("div", { class: "file-head" },
      h("span", { class: "file" }, f.path),
      h("span", { class: `result result-${f.status}` }, RESULT[f.status] ?? f.status)),
    sessions.length ? h("ul", { class: "sessions" }, sessions.map(sessionLine)) : null,
    plain ? h("p", { class: "plain" }, plain) : null,
    f.message ? h("details", { class: "detail" },
      h("summary", {}, f.status === "imported" ? "What to check" : "Technical detail"), h("p", {}, f.message)) : null);
}

/** "Run · Sat 18 Jul 2021 · 42.1 km · 3:12"; "Lift · Mon 19 Jul 2021 · Legs day · 18 sets". */
function sessionLine(s) {
  const parts = s.kind && s.started_at ? [
    s.kind === "lift" ? "Lift" : cap(words(s.kind)),
    fmtDay(s.started_at.slice(0, 10), { weekday: "short", day: "numeric", month: "short", year: "numeric" }),
    s.title,
    s.sets != null ? plural(s.sets, "set") : s.distance_m >= 50 ? `${num(s.distance_m / 1000, 1)} km` : null,
    s.sets == null && s.duration_s != null ? hoursMinutes(s.duration_s) : null,
  ].filter(Boolean) : [s.summary];
  return h("li", { class: s.existing ? "session existing" : "session", "data-id": s.id },
    parts.join(" · "), s.existing ? h("span", { class: "muted" }, " (already in your log)") : null);
}

/** "3:12" (hours and minutes) from an hour up, "42 min" under it. */
function hoursMinutes(seconds) {
  const m = Math.round(seconds / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}` : `${m} min`;
}

/** The reader's message in plain words (the message itself stays one click away). */
function plainMessage(f) {
  const m = f.message ?? "";
  if (f.status === "error") {
    if (/zip|gzip|archive/i.test(m)) return "The archive is damaged: what could be read from it is listed on its own lines.";
    return "afterlift could not read a workout from this file: it may be damaged, cut short, or not the kind of file its name says. Nothing of it was saved.";
  }
  if (f.status === "skipped") {
    if (/not an activity|file_id\.type/i.test(m)) return "A watch file without a workout in it (settings, a course or daily monitoring).";
    if (/no (samples|records|sets|workouts?)|empty/i.test(m)) return "The file holds no workout data.";
    return "Not a workout file.";
  }
  if (f.status === "partial") return "The file is damaged part-way through: what came before the damage was saved. Importing a whole copy later replaces it.";
  if (f.status === "imported" && m) return "Imported, with warnings: what the reader had to guess or repair is below.";
  if (f.status === "duplicate") return "This file, or the same sessions from another app or device, was imported before: nothing was added.";
  return null;
}

/** "3 sessions imported, 1 already in your log · 4 files" — sessions first. */
function importSummary(r) {
  const files = r.imported + r.duplicates + r.skipped + r.errors;
  const problems = [
    [r.skipped, "with nothing to import", "with nothing to import"], [r.errors, "could not be read", "could not be read"],
  ].filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return `${plural(r.sessions_new ?? 0, "session")} imported, ${r.sessions_existing ?? 0} already in your log · `
    + `${plural(files, "file")}${problems.length ? ` (${problems.join(", ")})` : ""}`;
}

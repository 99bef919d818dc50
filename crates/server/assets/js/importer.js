// Import: files dropped or chosen, uploaded, and the report read as sentences.

import { api, errorInfo } from "./api.js";
import { $, clear, h } from "./dom.js";
import { plural } from "./format.js";
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
  // Dropping a file anywhere else must not navigate away from the dashboard.
  window.addEventListener("dragover", (ev) => ev.preventDefault());
  window.addEventListener("drop", (ev) => ev.preventDefault());
}

async function upload(files) {
  if (!files.length) return;
  const err = $("#import-error");
  const out = $("#import-report");
  err.hidden = true;
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  clear(out, h("p", { class: "muted" }, `Uploading ${files.length} file${files.length > 1 ? "s" : ""}…`));
  const res = await api("/imports", { method: "POST", form });
  if (!res.ok) {
    clear(out);
    err.textContent = errorInfo(res).message;
    err.hidden = false;
    return;
  }
  const r = res.data;
  clear(out,
    h("p", { class: "import-summary" }, importSummary(r),
      r.sessions_new || r.sessions_existing ? [" — ", h("a", { href: "#/history" }, "see them in History")] : null),
    h("div", { class: "table-wrap" }, h("table", { id: "import-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "File"), h("th", { scope: "col" }, "Result"), h("th", { scope: "col" }, "Sessions"), h("th", { scope: "col" }, "Note"))),
      h("tbody", {}, (r.files ?? []).map((f) => h("tr", {},
        h("td", { class: "file" }, f.path),
        h("td", { class: `status-${f.status}` }, f.status),
        h("td", { class: "sessions" }, sessionsOf(r, f.path)),
        h("td", { class: "note" }, f.message ?? "")))))),
    (r.other_files ?? []).length
      ? h("p", { class: "muted other-files" }, `${plural(r.other_files.length, "other file")} passed over (not workout files).`)
      : null);
}

function importSummary(r) {
  const files = r.imported + r.duplicates + r.skipped + r.errors;
  const byStatus = [
    [r.imported, "imported", "imported"], [r.duplicates, "duplicate", "duplicates"],
    [r.skipped, "skipped", "skipped"], [r.errors, "error", "errors"],
  ].filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  return `${plural(r.sessions_new ?? 0, "session")} imported, ${r.sessions_existing ?? 0} already in the log · `
    + `${plural(files, "file")}: ${byStatus.join(", ") || "none"}`;
}

/** A file's sessions as a person reads them (`run · 2021-07-18 · 42.1 km`); the ids stay in the JSON. */
function sessionsOf(r, path) {
  const mine = (r.sessions ?? []).filter((s) => s.file === path);
  if (!mine.length) return "—";
  return mine.map((s) => h("div", { class: s.existing ? "session existing" : "session", "data-id": s.id },
    s.summary, s.existing ? h("span", { class: "muted" }, " (already in the log)") : null));
}

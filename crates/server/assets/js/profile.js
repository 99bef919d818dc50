// Profile: the athlete's details, and the form limits the server states (`GET /limits`).

import { actingFor, canReadLog } from "./accounts.js";
import { api, clearErrors, showErrors } from "./api.js";
import { $, h } from "./dom.js";
import { browserZone, fmtDuration, num } from "./format.js";
import { loaders, onReset, state } from "./router.js";

// One source of limits: each typed field's min/max comes from the server (`GET /api/v1/limits`, the
// constants its validation uses), so the form never refuses what the server accepts, or the reverse.
let limits = new Map();
async function loadLimits() {
  const res = await api("/limits");
  if (!res.ok || !Array.isArray(res.data?.fields)) return;
  limits = new Map(res.data.fields.map((f) => [f.field, f]));
  applyLimits(document);
}

/** Sets `min`/`max` on every input under `root` whose `data-field` (any index read as `[]`) has a limit. */
export function applyLimits(root) {
  for (const input of root.querySelectorAll("input[data-field]")) {
    const f = limits.get(input.dataset.field.replace(/\[\d+\]/g, "[]"));
    if (!f) continue;
    input.min = String(f.min);
    input.max = String(f.max);
  }
}

/** The profile asked for as the page starts, beside who is signed in (not after), with the athlete it was
 * asked for: it stands only if that is still whom the page acts for and it came back well. */
let early = null;

export function prefetchProfile() {
  loadLimits();
  early = { acting: actingFor(), answer: api("/profile") };
}

export async function loadProfile() {
  if (!limits.size && !early) loadLimits();
  const ahead = early;
  early = null;
  if (!canReadLog()) {
    state.profile = undefined;
    return;
  }
  const first = ahead && ahead.acting === actingFor() ? await ahead.answer : null;
  const res = first?.ok ? first : await api("/profile");
  if (res.ok && res.data && res.data.athlete) state.profile = res.data;
  else state.profile = null;
  $("#today-no-profile").hidden = !!state.profile;
}

function fillProfileForm() {
  const f = $("#profile-form");
  const a = state.profile?.athlete ?? {};
  f.age.value = a.age ?? "";
  f.sex.value = a.sex ?? "female";
  f.weight_kg.value = a.weight_kg ?? "";
  f.goal.value = a.goal ?? "general";
  f.concurrent_weeks.value = a.concurrent_weeks ?? "";
  f.resting_hr.value = a.resting_hr ?? "";
  f.max_hr.value = a.max_hr ?? "";
  f.hrv_rmssd_ms.value = a.hrv_rmssd_ms ?? "";
  f.injury_prone.checked = !!a.injury_prone;
  f.time_zone.value = a.time_zone ?? state.profile?.time_zone ?? browserZone;
  f.wake_time.value = a.wake_time ? a.wake_time.slice(0, 5) : "";
  f.sleep_time.value = a.sleep_time ? a.sleep_time.slice(0, 5) : "";
  const race = a.race;
  if (race && ![...f.race_distance.options].some((o) => Number(o.value) === race.distance_m)) {
    f.race_distance.append(h("option", { value: String(race.distance_m) }, `${num(race.distance_m)} m`));
  }
  f.race_distance.value = race ? [...f.race_distance.options].find((o) => Number(o.value) === race.distance_m).value : "";
  f.race_time.value = race ? fmtDuration(race.time_s) : "";
  f.race_date.value = race?.date ?? "";
}

/** A race time as seconds: `45:30` or `1:39:00`; `null` when it is not one. */
function parseRaceTime(text) {
  const parts = text.trim().split(":");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [a, b, c] = parts.map(Number);
  if (parts.length === 2) return b < 60 ? a * 60 + b : null;
  return b < 60 && c < 60 ? a * 3600 + b * 60 + c : null;
}

export const numberOrUndefined = (input) => (input.value.trim() === "" ? undefined : Number(input.value));

export function setupProfile() {
  const f = $("#profile-form");
  onReset(() => {
    clearErrors(f, $("#profile-error"));
    $("#profile-saved").textContent = "";
  });
  const tzList = $("#time-zones");
  try {
    for (const tz of Intl.supportedValuesOf("timeZone")) tzList.append(h("option", { value: tz }));
  } catch {
    /* older browsers: free text only */
  }
  loaders.profile = async () => {
    if (state.profile === undefined) await loadProfile();
    fillProfileForm();
    $("#profile-saved").textContent = "";
  };
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const err = $("#profile-error");
    clearErrors(f, err);
    $("#profile-saved").textContent = "";
    const missing = [];
    for (const [input, what] of [[f.age, "Your age"], [f.weight_kg, "Your weight"]]) {
      if (input.value.trim() === "") missing.push({ field: input.dataset.field, message: `${what} is needed for the advice.` });
    }
    if (missing.length) {
      showErrors(f, err, { status: 0, data: { message: "Some fields are missing.", errors: missing } });
      return;
    }
    const athlete = {
      age: numberOrUndefined(f.age),
      sex: f.sex.value,
      weight_kg: numberOrUndefined(f.weight_kg),
      goal: f.goal.value,
      resting_hr: numberOrUndefined(f.resting_hr),
      max_hr: numberOrUndefined(f.max_hr),
      hrv_rmssd_ms: numberOrUndefined(f.hrv_rmssd_ms),
      concurrent_weeks: numberOrUndefined(f.concurrent_weeks),
      injury_prone: f.injury_prone.checked || undefined,
    };
    const tz = f.time_zone.value.trim();
    if (tz) athlete.time_zone = tz;
    if (f.wake_time.value) athlete.wake_time = f.wake_time.value;
    if (f.sleep_time.value) athlete.sleep_time = f.sleep_time.value;
    if (f.race_distance.value) {
      const time_s = parseRaceTime(f.race_time.value);
      if (time_s === null) {
        showErrors(f, err, { status: 0, data: { message: "The race time is missing.", errors: [
          { field: "athlete.race.time_s", message: "Your finishing time, as 45:30 or 1:39:00." }] } });
        return;
      }
      athlete.race = { distance_m: Number(f.race_distance.value), time_s };
      if (f.race_date.value) athlete.race.date = f.race_date.value;
    }
    const doc = { athlete };
    const btn = $("button[type=submit]", f);
    btn.disabled = true;
    const res = await api("/profile", { method: "PUT", body: doc });
    btn.disabled = false;
    if (!res.ok) {
      showErrors(f, err, res);
      return;
    }
    state.profile = res.data && res.data.athlete ? res.data : doc;
    $("#today-no-profile").hidden = true;
    $("#profile-saved").textContent = "Profile saved.";
  });
}

// afterlift dashboard: plain ES module, no build step, no external requests.
// Talks to the JSON API under /api/v1 (the same shapes as the CLI's --json).

const API = "/api/v1";

// ───────────────────────────── small helpers ─────────────────────────────

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Creates an element: h("p", {class: "x"}, "text", child…). Strings become text nodes (never HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function clear(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const words = (s) => (s ? String(s).replaceAll("_", " ") : s);
const num = (v, digits = 0) =>
  v === null || v === undefined || Number.isNaN(v)
    ? "—"
    : Number(v).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** A weight as people read it: kilograms to 0.1, no trailing ".0" (a 70 lb plate is 31.751465… kg: "31.8"). */
const kgText = (kg) => String(Math.round(kg * 10) / 10);
/** "0:45", "1:02:05" from seconds. */
const clockText = (s) => {
  const t = Math.round(s);
  const mm = String(Math.floor(t / 60) % 60).padStart(t >= 3600 ? 2 : 1, "0");
  return (t >= 3600 ? `${Math.floor(t / 3600)}:` : "") + `${mm}:${String(t % 60).padStart(2, "0")}`;
};
/** A logged set as the CLI writes it (`notation::set_text`): "6×31.8 kg", "8 reps", "1:30", "2.4 km in 12:00". */
function setText(set) {
  const { reps, kg, duration_s: time, distance_m: metres } = set ?? {};
  const load = reps != null && kg != null ? `${reps}×${kgText(kg)} kg`
    : reps != null ? `${reps} reps` : kg != null ? `${kgText(kg)} kg` : null;
  const distance = metres != null ? (metres >= 1000 ? `${kgText(metres / 1000)} km` : `${Math.round(metres)} m`) : null;
  const clock = time != null ? clockText(time) : null;
  const moved = distance && clock ? `${distance} in ${clock}` : distance ?? clock;
  return moved && load ? `${moved} × ${load}` : moved ?? load ?? "·";
}
const range = (r, unit = "") => (r ? (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`) + unit : "—");

/** "4:05–4:12" from a pace range in seconds per km. */
const paceText = (p) => {
  const mmss = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return p.min === p.max ? mmss(p.min) : `${mmss(p.min)}–${mmss(p.max)}`;
};
const minutesText = (m) => (Math.abs(m - Math.round(m)) < 0.05 ? `${Math.round(m)} min` : `${m.toFixed(1)} min`);

/** One part of a structured session: "at 4:05–4:12 /km (HR 165–175)", "easy (HR 120–140)", "easy (RPE 3–4)". */
function effortText(step, word) {
  const hr = step.heart_rate_bpm ? `HR ${range(step.heart_rate_bpm)}` : null;
  if (step.pace_s_per_km) return `at ${paceText(step.pace_s_per_km)} /km${hr ? ` (${hr})` : ""}`;
  return `${word} (${hr ?? `RPE ${range(step.rpe)}`})`;
}

/** A tempo or interval session in one line, as the CLI prints it (core's `workout::describe`). */
function structureText(s) {
  const word = (i) => (i === "high" ? "hard" : i === "moderate" ? "comfortably hard" : "easy");
  const main = s.blocks.map((b) => {
    let t = b.reps > 1 ? `${b.reps} × ${minutesText(b.work.minutes)}` : minutesText(b.work.minutes);
    t += ` ${effortText(b.work, word(b.work.intensity))}`;
    if (b.recovery) t += ` with ${minutesText(b.recovery.minutes)} ${b.recovery.activity}`;
    return t;
  }).join(", then ");
  return `${minutesText(s.warm_up.minutes)} warm-up ${effortText(s.warm_up, "easy")} · ${main} · `
    + `${minutesText(s.cool_down.minutes)} cool-down ${effortText(s.cool_down, "easy")} (≈ ${s.total_minutes} min)`;
}

/** A fetch of the JSON API. Never throws: `{ok, status, data, missing, headers}`; `missing` = the endpoint answered 404. */
async function api(path, { method = "GET", body, form } = {}) {
  const init = { method, headers: { Accept: "application/json" } };
  if (token()) init.headers.Authorization = `Bearer ${token()}`;
  // A coach acts for the athlete chosen in the switcher: every request for an athlete's data names them.
  const acting = forAthlete(path) ? actingFor() : null;
  if (acting) init.headers["Afterlift-Athlete"] = acting;
  if (form) init.body = form;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  let res;
  try {
    res = await fetch(API + path, init);
  } catch (e) {
    return { ok: false, status: 0, data: { error: "network", message: `Could not reach the afterlift server (${e.message}).` } };
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: "not_json", message: text.slice(0, 300) };
    }
  }
  if (res.status === 401 && !path.startsWith("/session")) unauthorized();
  if (acting && res.status === 404 && /^no such athlete/.test(data?.message ?? "")) lostAthlete(acting);
  return { ok: res.ok, status: res.status, data, missing: res.status === 404, headers: res.headers };
}

// A server bound beyond loopback requires `Authorization: Bearer <token>` on every API request. The token
// is kept for this browser tab only (sessionStorage), never in the page's address or in a cookie.
const TOKEN_KEY = "afterlift-token";
const token = () => sessionStorage.getItem(TOKEN_KEY);

function askForToken() {
  const f = $("#token-form");
  if (!f.hidden) return;
  f.hidden = false;
  $("#token-input", f).focus();
}

function setupToken() {
  const f = $("#token-form");
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, f.token.value.trim());
    f.token.value = "";
    f.hidden = true;
    await loadProfile();
    await route(false);
  });
}

/** Downloads an API file (the .ics) with the token or athlete header when one is needed; a plain link otherwise. */
async function downloadWithToken(ev) {
  if (!token() && !actingFor()) return;
  ev.preventDefault();
  const a = ev.currentTarget;
  const headers = {};
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (actingFor()) headers["Afterlift-Athlete"] = actingFor();
  const res = await fetch(a.href, { headers });
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  const tmp = h("a", { href: url, download: a.getAttribute("download") });
  document.body.append(tmp);
  tmp.click();
  tmp.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The API error body `{error, message, errors?: [{field, message}]}`, tolerant of other shapes. */
function errorInfo(res) {
  const d = res.data;
  let message = `The request failed (HTTP ${res.status}).`;
  let fields = [];
  if (d && typeof d === "object") {
    const inner = d.error && typeof d.error === "object" ? d.error : d;
    if (typeof inner.message === "string" && inner.message) message = inner.message;
    else if (typeof d.error === "string" && d.error) message = d.error;
    const list = inner.errors ?? inner.fields;
    if (Array.isArray(list)) fields = list.filter((f) => f && typeof f.field === "string");
    if (typeof inner.field === "string") fields.unshift({ field: inner.field, message });
  }
  return { message, fields };
}

/** Marks each wrong field of a form (by its `data-field` path) and shows the rest in the form's error line. */
function showErrors(form, errorLine, res) {
  clearErrors(form, errorLine);
  const { message, fields } = errorInfo(res);
  const unplaced = [];
  let first = null;
  for (const f of fields) {
    const input = findField(form, f.field);
    if (!input) {
      unplaced.push(`${f.field}: ${f.message}`);
      continue;
    }
    markField(input, f.message);
    first ??= input;
  }
  if (!fields.length || unplaced.length) {
    errorLine.textContent = unplaced.length && fields.length ? unplaced.join("; ") : message;
    errorLine.hidden = false;
  }
  (first ?? errorLine).focus?.();
}

function findField(form, path) {
  // Exact path first (`athlete.age`), then the longest prefix (`lift.exercises[0].sets[1].reps` → the exercise's reps).
  // Every set of an exercise row is the same: `sets[3].kg` is the row's kg field.
  let p = path.replace(/\.sets\[\d+\]/, ".sets[0]");
  while (p) {
    const el = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

function markField(input, message) {
  input.setAttribute("aria-invalid", "true");
  const id = (input.id || `f${Math.random().toString(36).slice(2)}`) + "-error";
  if (!input.id) input.id = id.replace(/-error$/, "");
  let msg = document.getElementById(id);
  if (!msg) {
    msg = h("p", { class: "field-error", id });
    const host = input.closest(".field, .choices > label, .exercise > div") ?? input.parentElement;
    host.append(msg);
  }
  msg.textContent = message;
  input.setAttribute("aria-describedby", id);
}

function clearErrors(form, errorLine) {
  for (const el of $$("[aria-invalid]", form)) {
    el.removeAttribute("aria-invalid");
    el.removeAttribute("aria-describedby");
  }
  for (const el of $$(".field-error", form)) el.remove();
  if (errorLine) {
    errorLine.hidden = true;
    errorLine.textContent = "";
  }
}

// ───────────────────────────── time ─────────────────────────────

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

function zone() {
  // `athlete.time_zone`; profiles from before it moved there had it at the top.
  const tz = state.profile?.athlete?.time_zone ?? state.profile?.time_zone;
  if (tz) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return tz;
    } catch {
      /* an unknown zone: fall back to the browser's */
    }
  }
  return browserZone;
}

/** Today's date (YYYY-MM-DD) in the athlete's time zone. */
function localDate(d = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone(), year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** Reasons shown before "more": the answer's most important, as in the terminal. */
const REASONS_SHOWN = 5;

function reasonItem(r) {
  return h("li", {},
    h("span", { class: "message" }, r.message), " ",
    h("span", { class: "principle" }, r.principle));
}

function fmtDateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameYear = Math.abs(d.getTime() - Date.now()) < 300 * 86400e3;
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone(), weekday: "short", day: "numeric", month: "short", year: sameYear ? undefined : "numeric",
    hour: "2-digit", minute: "2-digit",
  }).format(d);
}

/** A civil date (YYYY-MM-DD) as "Mon 3 Mar". */
function fmtDay(date, opts = { weekday: "short", day: "numeric", month: "short" }) {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(undefined, { ...opts, timeZone: "UTC" }).format(d);
}

function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}` : `${mm}:${String(ss).padStart(2, "0")}`;
}

// ───────────────────────────── state and routing ─────────────────────────────

const state = {
  profile: undefined, // undefined = not loaded yet, null = none stored
  exercises: [],
  charts: [],
};

const VIEWS = ["today", "history", "recovery", "week", "import", "profile", "team", "account"];
/** The views of one athlete's log: a coach sees them for the athlete chosen in the switcher. */
const LOG_VIEWS = ["today", "history", "recovery", "week", "import", "profile"];
const loaders = {};

/** The views this user has: the team is a coach's, the account a signed-in user's. */
function allowed(view) {
  if (view === "team") return account.me?.user.role === "coach";
  if (view === "account") return !!account.me;
  return VIEWS.includes(view);
}

function currentView() {
  const name = location.hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  if (allowed(name)) return name;
  // A coach who has chosen no athlete starts on the team.
  return account.me?.user.role === "coach" && !actingFor() ? "team" : "today";
}

async function route(userInitiated) {
  if (account.signedOut) return; // the sign-in form is showing
  const view = currentView();
  // A coach sees an athlete's views once an athlete is chosen; until then, a word on how to choose one.
  const waiting = LOG_VIEWS.includes(view) && !canReadLog();
  $("#choose-athlete").hidden = !waiting;
  for (const sec of $$("main > section[data-view]")) sec.hidden = waiting || sec.dataset.view !== view;
  for (const a of $$(".top nav a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${cap(view)} · ${actingFor() ? `${actingName()} · ` : ""}afterlift`;
  if (userInitiated) {
    const heading = waiting ? $("#choose-athlete") : $(`#view-${view} h1`);
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
  if (waiting) return;
  try {
    await loaders[view]?.();
  } catch (e) {
    // An answer of a shape this page does not know: say so in the view instead of leaving it half drawn.
    console.error(e);
    $(`#view-${view}`).append(h("p", { class: "form-error", role: "alert" }, `This view could not be shown: ${e.message}`));
  }
}

// ───────────────────────────── profile ─────────────────────────────

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
function applyLimits(root) {
  for (const input of root.querySelectorAll("input[data-field]")) {
    const f = limits.get(input.dataset.field.replace(/\[\d+\]/g, "[]"));
    if (!f) continue;
    input.min = String(f.min);
    input.max = String(f.max);
  }
}

async function loadProfile() {
  if (!limits.size) loadLimits();
  if (!canReadLog()) {
    state.profile = undefined;
    return;
  }
  const res = await api("/profile");
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

const numberOrUndefined = (input) => (input.value.trim() === "" ? undefined : Number(input.value));

function setupProfile() {
  const f = $("#profile-form");
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

// ───────────────────────────── Today ─────────────────────────────

let exerciseCount = 0;

function addExercise(values = {}) {
  const i = exerciseCount++;
  const list = $("#exercise-list");
  const li = h("li", { class: "exercise" });
  const field = (key, label, attrs) => {
    const id = `ex${i}-${key}`;
    return h("div", { class: key === "name" ? "ex-name" : "" },
      h("label", { for: id }, label),
      h("input", { id, name: `ex_${key}`, ...attrs }));
  };
  li.append(
    field("name", "Exercise", { type: "text", list: "exercise-names", autocomplete: "off", value: values.name ?? "", placeholder: "e.g. Squat (Barbell)" }),
    field("sets", "Sets", { type: "number", inputmode: "numeric", min: 1, max: 20, step: 1, value: values.sets ?? 3 }),
    field("reps", "Reps", { type: "number", inputmode: "numeric", step: 1, value: values.reps ?? "" }),
    field("kg", "kg", { type: "number", inputmode: "decimal", step: 0.5, value: values.kg ?? "" }),
    h("button", { type: "button", class: "secondary remove", "aria-label": `Remove exercise ${i + 1}`, onclick: () => { li.remove(); renumberExercises(); } }, "Remove"),
  );
  list.append(li);
  renumberExercises();
  return li;
}

/** Keeps `data-field` paths in step with the request's `lift.exercises[n]` so server errors land on the right row. */
function renumberExercises() {
  $$("#exercise-list > li").forEach((li, n) => {
    $("[name=ex_name]", li).dataset.field = `lift.exercises[${n}].name`;
    $("[name=ex_sets]", li).dataset.field = `lift.exercises[${n}].sets`;
    $("[name=ex_reps]", li).dataset.field = `lift.exercises[${n}].sets[0].reps`;
    $("[name=ex_kg]", li).dataset.field = `lift.exercises[${n}].sets[0].kg`;
    applyLimits(li);
  });
}

function readExercises(form, problems) {
  const out = [];
  $$("#exercise-list > li").forEach((li) => {
    const name = $("[name=ex_name]", li).value.trim();
    const sets = numberOrUndefined($("[name=ex_sets]", li)) ?? 1;
    const reps = numberOrUndefined($("[name=ex_reps]", li));
    const kg = numberOrUndefined($("[name=ex_kg]", li));
    if (!name && reps === undefined && kg === undefined) return; // an empty row
    if (!name) problems.push({ field: $("[name=ex_name]", li).dataset.field, message: "Which exercise?" });
    if (reps === undefined) problems.push({ field: $("[name=ex_reps]", li).dataset.field, message: "How many reps per set?" });
    const set = { reps };
    if (kg !== undefined) set.kg = kg;
    out.push({ name, sets: Array.from({ length: Math.max(1, Math.min(20, sets)) }, () => ({ ...set })) });
  });
  return out;
}

function readTodayForm(form) {
  const problems = [];
  const lift = {};
  const focus = form.focus.value;
  const load = form.load.value;
  if (focus) lift.focus = focus;
  if (load) lift.load = load;
  const minutes = numberOrUndefined(form.lift_minutes);
  if (minutes !== undefined) lift.minutes = minutes;
  const rpe = numberOrUndefined(form.lift_rpe);
  if (rpe !== undefined) lift.rpe = rpe;
  const ago = numberOrUndefined(form.lift_ago) ?? 0;
  const exercises = readExercises(form, problems);
  if (exercises.length) lift.exercises = exercises;
  const hasLift = Object.keys(lift).length > 0;
  if (hasLift && ago > 0) lift.ended_at = new Date(Date.now() - ago * 60000).toISOString();

  const planned = { kind: form.planned_kind.value };
  const pm = numberOrUndefined(form.planned_minutes);
  if (pm !== undefined) planned.minutes = pm;

  const readiness = {};
  const sleep = numberOrUndefined(form.sleep_hours);
  if (sleep !== undefined) readiness.sleep_hours = sleep;
  for (const k of ["fatigue", "soreness", "stress", "mood"]) {
    if (form[k].value) readiness[k] = Number(form[k].value);
  }
  const rhr = numberOrUndefined(form.resting_hr);
  if (rhr !== undefined) readiness.resting_hr = rhr;
  const hrv = numberOrUndefined(form.hrv_rmssd_ms);
  if (hrv !== undefined) readiness.hrv_rmssd_ms = hrv;
  // Ticked: true. Unticked after today's check-in said so: false, which takes it back (in the advice and,
  // once saved, in the log). Otherwise left out, so the log's answer stands.
  for (const k of ["pain", "illness"]) {
    if (form[k].checked) readiness[k] = true;
    else if (form[k].dataset.fromLog === "true") readiness[k] = false;
  }

  const req = { athlete: state.profile?.athlete, planned };
  if (hasLift) req.lift = lift;
  if (Object.keys(readiness).length) req.readiness = readiness;
  return { req, problems };
}

const VERDICT = {
  go: ["Go", () => "Run as planned."],
  modify: ["Modify", () => "Run, but shorter or easier than planned."],
  swap: ["Swap", () => "Do a different kind of cardio now — not the run."],
  postpone: ["Postpone", (kind) => `Your ${kind ? words(kind) + " " : ""}session belongs later. Do something light now.`],
  skip: ["Skip", () => "No running today."],
};

const MODALITY = {
  run: "Run", walk: "Walk", cycle: "Cycle", elliptical: "Elliptical", swim: "Swim", row: "Row", mobility: "Mobility", rest: "Rest",
};

function renderAdvice(a, req) {
  const [word, meaning] = VERDICT[a.verdict] ?? [cap(a.verdict), () => ""];
  const now = a.now;
  const resting = now.modality === "rest";
  const card = h("article", { class: "advice", "aria-label": "Advice" },
    h("header", { class: `verdict verdict-${a.verdict}`, "data-verdict": a.verdict },
      h("span", { class: "word", id: "verdict" }, word),
      h("span", { class: "meaning" }, meaning(a.later?.kind ?? req?.planned?.kind))),
    h("section", {},
      h("h2", {}, "Now"),
      h("p", { class: "now-line" },
        resting ? "Rest"
          : now.structure ? `${cap(words(now.structure.kind))}, ${words(now.intensity)}, ≈ ${now.structure.total_minutes} min with warm-up and cool-down`
            : `${MODALITY[now.modality] ?? cap(now.modality)}, ${words(now.intensity)}, ${range(now.minutes)} min`),
      now.structure ? h("p", { class: "structure", id: "structure" }, structureText(now.structure)) : null,
      resting ? null : h("dl", { class: "facts" },
        h("div", {}, h("dt", {}, now.structure ? "Main set" : "Minutes"), h("dd", {}, range(now.minutes))),
        h("div", {}, h("dt", {}, now.structure ? "Heart rate (work)" : "Heart rate"), h("dd", {}, now.heart_rate_bpm ? range(now.heart_rate_bpm, " bpm") : "by feel")),
        h("div", {}, h("dt", {}, now.structure ? "Effort (work)" : "Effort (RPE)"), h("dd", {}, `${range(now.rpe)} / 10`))),
      now.cue ? h("p", { class: "cue" }, now.cue) : null),
    a.later ? h("section", {},
      h("h2", {}, "Later"),
      h("p", { class: "later" },
        `Your ${words(a.later.kind)} session fits from `,
        h("strong", {}, h("time", { datetime: a.later.not_before }, fmtDateTime(a.later.not_before))),
        a.later.condition ? `, ${a.later.condition}` : "",
        ` — ${num(a.later.hours_after_lift, 1)} h after lifting.`)) : null,
    a.reasons?.length ? h("section", {},
      h("h2", {}, "Why"),
      // The most important reasons first; the rest on request. Rule codes stay in the JSON.
      h("ul", { class: "reasons" }, a.reasons.slice(0, REASONS_SHOWN).map(reasonItem)),
      a.reasons.length > REASONS_SHOWN ? h("details", { class: "more-reasons" },
        h("summary", {}, `${a.reasons.length - REASONS_SHOWN} more`),
        h("ul", { class: "reasons" }, a.reasons.slice(REASONS_SHOWN).map(reasonItem))) : null) : null,
    a.alternatives?.length ? h("section", {},
      h("h2", {}, "Alternatives"),
      h("ul", { class: "alternatives" }, a.alternatives.map((alt) => h("li", {},
        h("strong", {}, `${MODALITY[alt.modality] ?? cap(alt.modality)}, ${words(alt.intensity)}, ${range(alt.minutes)} min`),
        alt.why ? ` — ${alt.why}` : "")))) : null,
    h("section", {},
      h("h2", {}, a.refuel.within_hours ? `Refuel in the next ${num(a.refuel.within_hours, a.refuel.within_hours % 1 ? 1 : 0)} h` : "Refuel"),
      h("dl", { class: "facts" },
        h("div", {}, h("dt", {}, "Carbs"), h("dd", {}, a.refuel.carbs_range_g ? `${range(a.refuel.carbs_range_g)} g` : `${num(a.refuel.carbs_g)} g`)),
        h("div", {}, h("dt", {}, "Protein"), h("dd", {}, `${num(a.refuel.protein_g)} g`)),
        h("div", {}, h("dt", {}, "Fluid"), h("dd", {}, `${num(a.refuel.fluid_ml)} ml`))),
      a.refuel.carbs_used_g !== undefined ? h("p", { class: "muted" },
        `The lift and what's prescribed now use about ${num(a.refuel.carbs_used_g)} g of carbohydrate`
        + (a.refuel.basis === "rapid" ? "; your next hard session is soon, so refuel at 1.0–1.2 g/kg an hour."
          : a.refuel.basis === "energy_balance" ? "; make it part of your next meal, not extra food."
            : "; normal meals replace it.")) : null,
      a.energy ? h("p", { class: "muted", id: "energy" },
        resting && a.energy.lift_kcal
          ? `Your lift: about ${num(a.energy.lift_kcal)} kcal (+${num(a.energy.epoc_kcal)} kcal afterburn).`
          : `What's prescribed now burns about ${num(a.energy.kcal)} kcal (+${num(a.energy.epoc_kcal)} kcal afterburn), `
            + `${num(a.energy.fat_fraction * 100)} % from fat`
            + (a.energy.lift_kcal ? `; your lift about ${num(a.energy.lift_kcal)} kcal.` : ".")) : null),
    h("section", {}, h("p", { class: "disclaimer" }, a.disclaimer)));
  return card;
}

function setupToday() {
  const form = $("#advice-form");
  for (const sel of $$("select.hooper", form)) {
    sel.append(h("option", { value: "" }, "—"));
    const label = { 1: "1 very good", 4: "4 normal", 7: "7 very bad" };
    for (let i = 1; i <= 7; i++) sel.append(h("option", { value: i }, label[i] ?? String(i)));
  }
  $("#add-exercise").addEventListener("click", () => {
    const li = addExercise();
    $("input", li).focus();
  });
  loaders.today = async () => {
    if (state.profile === undefined) await loadProfile();
    if (!state.exercises.length) {
      const res = await fetch("/assets/exercises.json").then((r) => (r.ok ? r.json() : null)).catch(() => null);
      state.exercises = res?.exercises ?? [];
      const dl = $("#exercise-names");
      for (const e of state.exercises) dl.append(h("option", { value: e.name }, e.region));
    }
    await loadCheckIn(form);
  };
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const err = $("#advice-error");
    clearErrors(form, err);
    if (state.profile === undefined) await loadProfile();
    if (!state.profile) {
      err.replaceChildren("Set up your profile first: the advice needs your age and weight. ", h("a", { href: "#/profile" }, "Go to Profile"));
      err.hidden = false;
      return;
    }
    const { req, problems } = readTodayForm(form);
    if (problems.length) {
      showErrors(form, err, { status: 0, data: { message: "Some entries are incomplete.", errors: problems } });
      return;
    }
    const out = $("#advice-result");
    const btn = $("#advice-submit");
    btn.disabled = true;
    out.setAttribute("aria-busy", "true");
    const res = await api("/advice", { method: "POST", body: req });
    btn.disabled = false;
    out.removeAttribute("aria-busy");
    if (!res.ok) {
      showErrors(form, err, res);
      return;
    }
    clear(out, renderAdvice(res.data, req), saveLiftBox(req.lift));
    showVerdict(out);
    if (req.readiness) saveCheckIn(req.readiness);
  });
}

/**
 * The verdict in view and said, on every screen: scrolled to when its top is off-screen or low on it (smoothly
 * unless the reader asked for less motion), and announced in one short sentence — the card itself is not a
 * live region (read whole, it would be a minute of speech).
 */
function showVerdict(out) {
  const top = out.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight * 0.5) {
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    out.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
  }
  const word = $("#verdict", out)?.textContent ?? "";
  const meaning = $(".verdict .meaning", out)?.textContent ?? "";
  const now = $(".now-line", out)?.textContent ?? "";
  announce(`Advice: ${word}${meaning ? ` — ${meaning}` : ""}. Now: ${now}.`);
}

/** After the advice: keep the strength session in the log (`POST /lifts`), when exercises were entered. */
function saveLiftBox(lift) {
  if (!lift?.exercises?.length) return null;
  const status = h("p", { role: "status", class: "saved" });
  const button = h("button", { type: "button", class: "secondary", id: "save-lift" }, "Save this session to my log");
  button.addEventListener("click", async () => {
    const body = { exercises: lift.exercises };
    if (lift.minutes !== undefined) body.minutes = lift.minutes;
    if (lift.rpe !== undefined) body.rpe = lift.rpe;
    if (lift.minutes !== undefined) {
      const end = lift.ended_at ? Date.parse(lift.ended_at) : Date.now();
      body.started_at = new Date(end - lift.minutes * 60000).toISOString();
    }
    button.disabled = true;
    const res = await api("/lifts", { method: "POST", body });
    if (res.ok) {
      status.replaceChildren("Saved to your log — ", h("a", { href: "#/history" }, "see History"), ".");
      // Names the catalogue cannot read: saved as typed, but the advice counts none of their muscles.
      for (const u of res.data?.unknown_exercises ?? []) {
        status.append(h("br"), `“${u.name}” is not in the exercise catalogue${u.suggestion ? ` (did you mean “${u.suggestion}”?)` : ""}: add it as one of your names for an exercise (afterlift exercises alias) so the advice can read it.`);
      }
      button.remove();
    } else {
      button.disabled = false;
      status.className = "field-error";
      status.textContent = errorInfo(res).message;
    }
  });
  return h("div", { class: "card save-lift" }, button, status);
}

/** Stores today's check-in in the log (best effort: the advice does not depend on it). The log keeps
 * what this does not answer; `false` takes pain or illness back. */
async function saveCheckIn(readiness) {
  const res = await api(`/wellness/${localDate()}`, { method: "PUT", body: readiness });
  if (res.ok) markFromLog($("#advice-form"), res.data.check_in);
}

/** Ticks pain and illness as today's check-in in the log has them — or, without one, as an earlier
 * check-in still holds them (they last until taken back) — so that unticking one takes it back. */
async function loadCheckIn(form) {
  if (!state.profile) return;
  const res = await api(`/wellness/${localDate()}`);
  markFromLog(form, res.ok ? res.data.check_in : {});
  const note = $("#check-in-carried");
  const from = res.ok ? res.data.carried_from : null;
  note.hidden = !from;
  note.textContent = from
    ? `Ticked from your check-in on ${fmtDay(from)}: pain and illness last until you untick them.`
    : "";
}

function markFromLog(form, checkIn) {
  for (const k of ["pain", "illness"]) {
    const logged = checkIn?.[k] === true;
    form[k].dataset.fromLog = String(logged);
    form[k].checked = logged;
  }
}

// ───────────────────────────── charts ─────────────────────────────

function destroyCharts() {
  for (const c of state.charts) c.destroy();
  state.charts = [];
}

function chartWidth(el) {
  return Math.max(260, Math.floor(el.getBoundingClientRect().width) - 16);
}

function makeChart(host, title, data, series, { bars = false, points = false } = {}) {
  const box = h("figure", { class: "chart" }, h("h3", {}, title));
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
    if (box && box.isConnected) u.setSize({ width: chartWidth(box), height: 200 });
  }
});

/** The API names `profile` when a view needs one that is not there yet (status, plan). */
const needsProfile = (res) => !res.ok && errorInfo(res).fields.some((f) => f.field === "profile");

function askForProfile(what) {
  return h("p", { class: "empty", "data-state": "needs-profile" },
    `${what} — `, h("a", { href: "#/profile" }, "set up your profile"), " first.");
}

/** A friendly state for a view whose endpoint is missing (404: not built into this server yet) or failed. */
function unavailable(what, res) {
  const detail = errorInfo(res).message;
  const generic = /no such (api endpoint|page)/i.test(detail) || !res.data;
  const msg = res.missing
    ? `${what} is not available from this server yet${generic ? "." : ` — ${detail}`}`
    : `${what} could not be loaded: ${detail}`;
  return h("p", { class: "unavailable", "data-state": res.missing ? "unavailable" : "error" }, msg);
}

// ───────────────────────────── History ─────────────────────────────

const listOf = (d, key) => (Array.isArray(d) ? d : d?.[key] ?? d?.items ?? []);

function setupHistory() {
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

// ───────────────────────────── Recovery ─────────────────────────────

const LEGS = ["quads", "hamstrings", "glutes", "adductors", "abductors", "calves", "hip_flexors"];
const TRUNK = ["lower_back", "abs", "obliques"];

function setupRecovery() {
  loaders.recovery = async () => {
    const host = $("#recovery");
    const res = await api("/status");
    clear(host);
    if (!res.ok) {
      host.append(needsProfile(res) ? askForProfile("Recovery is worked out for you") : unavailable("Muscle recovery", res));
      return;
    }
    const s = res.data;
    const r = s.readiness ?? { level: "green", reasons: [] };
    host.append(h("div", { class: "card" },
      h("p", {}, "Readiness today: ", h("span", { class: `level level-${r.level}` }, r.level)),
      r.reasons?.length
        ? h("ul", {}, r.reasons.map((x) => h("li", {}, x.message)))
        : h("p", { class: "muted" }, "Nothing in your check-ins or log says to back off."),
      s.leg_readiness_pct !== undefined ? h("p", {},
        `Legs: ${num(s.leg_readiness_pct)} % recovered`,
        s.legs_ready_for_hard_running_at
          ? [" — ready for hard running from ", h("strong", {}, fmtDateTime(s.legs_ready_for_hard_running_at)), "."]
          : " — ready for hard running.") : null));
    const muscles = s.muscles ?? [];
    const group = (title, pred) => {
      const ms = muscles.filter((m) => pred(m.muscle));
      if (!ms.length) return null;
      return [h("h2", {}, title), h("ul", { class: "bars" }, ms.map(bar))];
    };
    host.append(...[
      group("Legs", (m) => LEGS.includes(m)),
      group("Trunk", (m) => TRUNK.includes(m)),
      group("Upper body", (m) => !LEGS.includes(m) && !TRUNK.includes(m)),
    ].flat().filter(Boolean));
    if (s.caveats?.length) {
      host.append(h("h2", {}, "Keep in mind"), h("ul", { class: "muted" }, s.caveats.map((c) => h("li", {}, c.message))));
    }
  };
}

function bar(m) {
  const pct = Math.max(0, Math.min(100, m.recovered_pct));
  const cls = pct < 60 ? "fill-low" : pct < 90 ? "fill-mid" : "fill-high";
  const name = cap(words(m.muscle));
  const fill = h("div", { class: `bar-fill ${cls}` });
  fill.style.width = `${pct}%`; // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy
  return h("li", { class: "bar" },
    h("span", { class: "name", id: `m-${m.muscle}` }, name),
    h("div", { class: "bar-track", role: "meter", "aria-labelledby": `m-${m.muscle}`, "aria-valuemin": 0, "aria-valuemax": 100,
      "aria-valuenow": Math.round(pct), "aria-valuetext": `${Math.round(pct)} % recovered` },
      fill),
    h("span", { class: "pct" }, `${num(pct)} %`),
    m.ready_at ? h("span", { class: "when" }, `≥ 90 % from ${fmtDateTime(m.ready_at)}`) : null);
}

// ───────────────────────────── Week ─────────────────────────────

function setupWeek() {
  const form = $("#week-form");
  const load = async () => {
    const from = form.from.value || localDate();
    const host = $("#week");
    const res = await api(`/plan/week?from=${encodeURIComponent(from)}`);
    clear(host);
    if (!res.ok) {
      host.append(needsProfile(res) ? askForProfile("The week plan starts from your goal") : unavailable("The week plan", res));
      return;
    }
    renderWeek(host, res.data, from);
  };
  loaders.week = async () => {
    if (!form.from.value) form.from.value = localDate();
    await load();
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    load();
  });
}

function sessionCell(sessions, label) {
  if (!sessions.length) return h("td", { class: "muted", "data-label": label }, "—");
  return h("td", { "data-label": label }, sessions.map((s) => h("div", { class: "session" },
    h("span", { class: "kind" }, [words(s.kind), s.focus ? ` (${s.focus}${s.load ? ", " + s.load : ""})` : "", s.name ? ` — ${s.name}` : ""].join("")),
    s.kind === "rest" ? "" : ` · ${s.minutes} min · ${words(s.intensity)}`,
    s.status && s.status !== "planned" ? ` · ${s.status}` : "",
    s.structure ? h("span", { class: "structure" }, structureText(s.structure)) : null,
    s.why ? h("span", { class: "why" }, s.why) : null)));
}

function renderWeek(host, plan, from) {
  const days = plan.days ?? [];
  const today = localDate();
  host.append(h("p", {},
    h("a", { href: `${API}/plan/week.ics?from=${encodeURIComponent(from)}`, download: `afterlift-week-${from}.ics`, class: "button secondary", onclick: downloadWithToken },
      "Download calendar (.ics)")));
  if (!days.some((d) => d.sessions?.length)) {
    host.append(h("p", { class: "empty" }, "Nothing planned this week."));
  }
  host.append(h("div", { class: "table-wrap" }, h("table", { class: "week", id: "week-table" },
    h("caption", { class: "visually-hidden" }, `Week plan from ${from}`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day"), h("th", { scope: "col" }, "Morning"), h("th", { scope: "col" }, "Evening"))),
    h("tbody", {}, days.map((d) => h("tr", { class: d.date === today ? "today-row" : "" },
      h("th", { scope: "row" }, fmtDay(d.date)),
      sessionCell((d.sessions ?? []).filter((s) => s.slot === "morning"), "Morning"),
      sessionCell((d.sessions ?? []).filter((s) => s.slot !== "morning"), "Evening")))))));
  if (plan.unmet?.length) {
    host.append(h("h2", {}, "Could not be placed"), h("ul", {}, plan.unmet.map((u) => h("li", {},
      h("strong", {}, `${words(u.session?.kind ?? "session")}: `), u.why, u.suggestion ? h("span", { class: "muted" }, ` ${u.suggestion}`) : null))));
  }
  if (plan.disclaimer) host.append(h("p", { class: "disclaimer" }, plan.disclaimer));
}

// ───────────────────────────── Import ─────────────────────────────

function setupImport() {
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

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 sessions imported, 1 already in the log · 4 files: 3 imported, 1 duplicate" — sessions first. */
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

// ───────────────────────────── accounts ─────────────────────────────
// A log with users is served with accounts: every request is a signed-in user's (the session cookie,
// HttpOnly: this page never sees it). A coach acts for one athlete at a time, chosen in the header's
// switcher and sent as `Afterlift-Athlete` on every request for an athlete's data; the choice is kept for
// this tab (sessionStorage). A personal log (`GET /me` answers 404) shows none of this.

const ACTING_KEY = "afterlift-athlete";
const account = {
  mode: "unknown", // "personal" | "accounts", once `detectMode` has asked
  me: null, // `GET /me` while signed in
  signedOut: false, // the sign-in form is showing
  notice: null, // a word for the team page (an athlete who withdrew access)
};

const isCoach = () => account.me?.user.role === "coach";
/** The athlete id a coach acts for (a string, as sent), or null. */
const actingFor = () => (isCoach() ? sessionStorage.getItem(ACTING_KEY) : null);
const actingName = () => account.me?.athletes.find((a) => String(a.athlete_id) === actingFor())?.name ?? null;
/** Whether the athlete views can load: always, except for a coach who has chosen no athlete. */
const canReadLog = () => !isCoach() || !!actingFor();
/** The accounts' own endpoints act for nobody; every other one acts for an athlete. */
const forAthlete = (path) => !/^\/(session|me|team)(\/|\?|$)/.test(path);

function announce(text) {
  const live = $("#announce");
  live.textContent = "";
  // A new text node in a cleared region is announced even when the words repeat.
  setTimeout(() => { live.textContent = text; }, 50);
}

/** `GET /me`: 200 signed in; 404 a personal log; 401 either a server with accounts and nobody signed in, or
 *  a personal log asking for its token — only the first lets a sign-in through, so a bare one tells them apart. */
async function detectMode() {
  const res = await api("/me");
  if (res.ok && res.data?.user) {
    account.mode = "accounts";
    accountsFooter();
    setMe(res.data);
    return;
  }
  if (res.status === 401) {
    const probe = await api("/session", { method: "POST", body: {} });
    if (probe.status !== 401 && probe.status !== 0) {
      account.mode = "accounts";
      accountsFooter();
      showSignIn();
      return;
    }
    account.mode = "personal";
    askForToken();
    return;
  }
  account.mode = "personal";
}

/** A shared server: the data stays on it (not "on your machine"). */
function accountsFooter() {
  $("#foot-where").textContent = "afterlift keeps your log on this server; nothing leaves it.";
}

/** An API request answered 401: sign in again (accounts), or give the server's token (personal log). */
function unauthorized() {
  if (account.mode === "accounts") showSignIn(account.me ? "Your session has ended: sign in again." : "");
  else if (account.mode === "personal") askForToken();
}

function setMe(me) {
  account.me = me;
  // An athlete chosen before, who no longer shares their log, is forgotten.
  const chosen = sessionStorage.getItem(ACTING_KEY);
  if (chosen && !(isCoach() && me.athletes.some((a) => String(a.athlete_id) === chosen))) sessionStorage.removeItem(ACTING_KEY);
  renderAccountBar();
}

function renderAccountBar() {
  const me = account.me;
  const bar = $("#account-bar");
  bar.hidden = !me;
  document.body.classList.toggle("signed-in", !!me);
  for (const li of $$(".top nav [data-for]")) {
    li.hidden = !me || (li.dataset.for === "coach" && !isCoach());
  }
  if (!me) return;
  $("#account-name").textContent = me.user.name;
  $("#account-role").textContent = `(${me.user.role})`;
  const switcher = $("#switcher");
  const select = $("#acting-for");
  switcher.hidden = !isCoach() || !me.athletes.length;
  clear(select,
    h("option", { value: "" }, "Choose an athlete…"),
    me.athletes.map((a) => h("option", { value: String(a.athlete_id) }, a.name)));
  select.value = actingFor() ?? "";
}

function showSignIn(message = "") {
  const first = !account.signedOut;
  account.signedOut = true;
  account.me = null;
  renderAccountBar();
  $(".top nav").hidden = true;
  $("#choose-athlete").hidden = true;
  for (const sec of $$("main > section[data-view]")) sec.hidden = true;
  $("#signin").hidden = false;
  $("#signin-status").textContent = message;
  document.title = "Sign in · afterlift";
  if (first) $("#signin-name").focus();
}

/** Signed in (or the password changed): the page for this user, from a clean slate. */
async function signedIn(me) {
  account.signedOut = false;
  setMe(me);
  $("#signin").hidden = true;
  $(".top nav").hidden = false;
  resetLogViews();
  await loadProfile();
  await route(true);
}

// What the Today view's result shows before any advice (put back when the athlete changes).
let adviceEmpty = [];

/** Clears everything drawn from an athlete's log, so nothing of one athlete is shown as another's. */
function resetLogViews() {
  const form = $("#advice-form");
  form.reset();
  clearErrors(form, $("#advice-error"));
  clear($("#exercise-list"));
  clear($("#advice-result"), adviceEmpty.map((n) => n.cloneNode(true)));
  clear($("#import-report"));
  $("#import-error").hidden = true;
  $("#week-from").value = "";
  destroyCharts();
  for (const id of ["#history-status", "#activities", "#lifts", "#recovery", "#week"]) clear($(id));
  clearErrors($("#profile-form"), $("#profile-error"));
  $("#profile-saved").textContent = "";
  state.profile = undefined;
}

/** A coach chooses the athlete they act for (or none). */
async function chooseAthlete(id) {
  if (id) sessionStorage.setItem(ACTING_KEY, String(id));
  else sessionStorage.removeItem(ACTING_KEY);
  $("#acting-for").value = actingFor() ?? "";
  resetLogViews();
  if (actingFor()) announce(`Showing ${actingName()}'s log.`);
  await loadProfile();
}

/** The coach's request for `id` was refused: that athlete withdrew access. */
async function lostAthlete(id) {
  if (actingFor() !== id) return; // already handled (the views load several things at once)
  const name = actingName() ?? "This athlete";
  sessionStorage.removeItem(ACTING_KEY);
  resetLogViews();
  account.notice = `${name} no longer shares their log with you.`;
  announce(account.notice);
  const me = await api("/me");
  if (me.ok) setMe(me.data);
  if (location.hash === "#/team") await route(false);
  else location.hash = "#/team";
}

function retryText(res) {
  const s = Number(res.headers?.get("Retry-After"));
  const wait = Number.isFinite(s) && s > 0 ? s : 60;
  return `${wait} second${wait === 1 ? "" : "s"}`;
}

function setupSignIn() {
  const form = $("#signin-form");
  const err = $("#signin-error");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form, err);
    $("#signin-status").textContent = "";
    const nameInput = $("#signin-name");
    const passwordInput = $("#signin-password");
    const name = nameInput.value.trim();
    const password = passwordInput.value;
    const missing = [];
    if (!name) missing.push({ input: nameInput, message: "Enter your name." });
    if (!password) missing.push({ input: passwordInput, message: "Enter your password." });
    if (missing.length) {
      for (const m of missing) markField(m.input, m.message);
      err.textContent = missing.map((m) => m.message).join(" ");
      err.hidden = false;
      missing[0].input.focus();
      return;
    }
    const btn = $("#signin-submit");
    btn.disabled = true;
    const res = await api("/session", { method: "POST", body: { name, password } });
    btn.disabled = false;
    if (res.ok && res.data?.user) {
      form.reset();
      await signedIn(res.data);
      announce(`Signed in as ${res.data.user.name}.`);
      return;
    }
    if (res.status === 401) err.textContent = "That name and password do not match. Check them and try again.";
    else if (res.status === 429) err.textContent = `Too many sign-in attempts. Wait ${retryText(res)}, then try again.`;
    else if (res.status === 404) err.textContent = "This server has no accounts: reload the page.";
    else err.textContent = errorInfo(res).message;
    err.hidden = false;
    passwordInput.select();
    passwordInput.focus();
  });

  $("#sign-out").addEventListener("click", async () => {
    const res = await api("/session", { method: "DELETE" });
    if (!res.ok && res.status !== 401) {
      announce(`Could not sign out: ${errorInfo(res).message}`);
      return;
    }
    sessionStorage.removeItem(ACTING_KEY);
    resetLogViews();
    showSignIn("You are signed out.");
  });

  $("#acting-for").addEventListener("change", async (ev) => {
    await chooseAthlete(ev.target.value);
    await route(false);
  });
}

function setupAccount() {
  const form = $("#password-form");
  const err = $("#password-error");
  const saved = $("#password-saved");
  let toPassword = false; // the header's "Change password" was followed: the form gets the focus
  loaders.account = async () => {
    saved.textContent = "";
    const athlete = account.me?.user.role === "athlete";
    $("#coaches-area").hidden = !athlete;
    if (athlete) await loadCoaches();
    if (toPassword) form.current_password.focus();
    toPassword = false;
  };
  $("#change-password-link").addEventListener("click", () => {
    // Already on the account view the hash does not change: go to the form here.
    if (location.hash === "#/account") form.current_password.focus();
    else toPassword = true;
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form, err);
    saved.textContent = "";
    const current = form.current_password.value;
    const next = form.new_password.value;
    const problems = [];
    if (!current) problems.push({ field: "current_password", message: "Enter your current password." });
    if ([...next].length < 10) problems.push({ field: "new_password", message: "The new password needs at least 10 characters." });
    if (problems.length) {
      showErrors(form, err, { status: 0, data: { message: "Some fields are missing.", errors: problems } });
      return;
    }
    const res = await api("/me/password", { method: "PUT", body: { current_password: current, new_password: next } });
    if (!res.ok) {
      if (res.status === 429) {
        err.textContent = `Too many attempts. Wait ${retryText(res)}, then try again.`;
        err.hidden = false;
        err.focus?.();
      } else {
        showErrors(form, err, res);
      }
      return;
    }
    form.reset();
    if (res.data?.user) setMe(res.data);
    saved.textContent = "Password changed. Your other sessions were signed out.";
  });

  $("#invite").addEventListener("click", async () => {
    const out = $("#invitation");
    const cerr = $("#coaches-error");
    cerr.hidden = true;
    const res = await api("/me/invitations", { method: "POST" });
    if (!res.ok) {
      cerr.textContent = errorInfo(res).message;
      cerr.hidden = false;
      return;
    }
    const { code, expires_at: expires } = res.data;
    const status = h("p", { class: "saved", role: "status", id: "copy-status" });
    const input = h("input", { id: "invitation-code", type: "text", readonly: true, value: code, spellcheck: "false", "aria-describedby": "invitation-note" });
    clear(out, h("div", { class: "invitation" },
      h("label", { for: "invitation-code" }, "Invitation code"),
      h("div", { class: "code-row" }, input,
        h("button", { type: "button", class: "secondary", onclick: () => copyCode(input, status) }, "Copy")),
      h("p", { class: "hint", id: "invitation-note" },
        "Give it to your coach; it is shown only this once. It works once, until ",
        h("time", { datetime: expires }, fmtDateTime(expires)), "."),
      status));
    input.focus();
    input.select();
  });
}

async function copyCode(input, status) {
  input.focus();
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = "Copied.";
  } catch {
    // No clipboard (a page not served over https or from this machine): the code is selected for the keys.
    status.textContent = "Copying is not allowed here: the code is selected, copy it with your keyboard.";
  }
}

async function loadCoaches() {
  const host = $("#coaches");
  const res = await api("/me/coaches");
  clear(host);
  if (!res.ok) {
    host.append(unavailable("Your coaches", res));
    return;
  }
  const coaches = res.data ?? [];
  if (!coaches.length) {
    host.append(h("p", { class: "muted", "data-state": "empty" }, "No coach has access to your log."));
    return;
  }
  host.append(h("ul", { class: "people", id: "coach-list" }, coaches.map((c) => h("li", { "data-id": c.user_id },
    h("span", {}, h("strong", {}, c.name), " ", h("span", { class: "muted" }, `since ${fmtDateTime(c.granted_at)}`)),
    h("button", {
      type: "button", class: "secondary", "aria-label": `Remove coach ${c.name}`,
      onclick: () => removeCoach(c),
    }, "Remove")))));
}

async function removeCoach(coach) {
  if (!window.confirm(`Remove ${coach.name}'s access to your log?`)) return;
  const res = await api(`/me/coaches/${encodeURIComponent(coach.user_id)}`, { method: "DELETE" });
  const cerr = $("#coaches-error");
  if (!res.ok) {
    cerr.textContent = errorInfo(res).message;
    cerr.hidden = false;
    return;
  }
  cerr.hidden = true;
  await loadCoaches();
  announce(`${coach.name} no longer has access to your log.`);
  $("#invite").focus();
}

/** A lift's start as the athlete's clock read it (the offset in the text is theirs): "Tue 3 Jun, 18:05". */
function localStart(iso) {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso ?? "");
  return m ? `${fmtDay(m[1])}, ${m[2]}` : iso ?? "—";
}

function setupTeam() {
  const form = $("#accept-form");
  const err = $("#accept-error");
  const saved = $("#accept-saved");
  loaders.team = async () => {
    const host = $("#team");
    const res = await api("/team");
    clear(host);
    if (account.notice) {
      host.append(h("p", { class: "notice", "data-state": "lost" }, account.notice));
      account.notice = null;
    }
    if (!res.ok) {
      host.append(unavailable("The team", res));
      return;
    }
    renderTeam(host, res.data ?? []);
  };
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form, err);
    saved.textContent = "";
    const code = form.code.value.trim();
    if (!code) {
      markField(form.code, "Enter the code the athlete gave you.");
      form.code.focus();
      return;
    }
    const res = await api("/me/athletes", { method: "POST", body: { code } });
    if (!res.ok) {
      showErrors(form, err, res);
      return;
    }
    form.reset();
    const me = await api("/me");
    if (me.ok) setMe(me.data);
    await loaders.team();
    saved.textContent = `${res.data?.name ?? "The athlete"} is in your team now.`;
  });
}

function renderTeam(host, team) {
  if (!team.length) {
    host.append(h("div", { class: "empty", "data-state": "empty" },
      h("p", {}, h("strong", {}, "No athletes yet.")),
      h("p", {}, "An athlete shares their log with you by signing in to afterlift, opening ",
        h("strong", {}, "Account"), " and choosing ", h("strong", {}, "Create an invitation code"),
        ". Enter that code below.")));
    return;
  }
  const acting = actingFor();
  host.append(h("div", { class: "table-wrap" }, h("table", { id: "team-table", class: "team" },
    h("caption", { class: "visually-hidden" }, "Your athletes today"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Athlete"), h("th", { scope: "col" }, "Readiness"),
      h("th", { scope: "col" }, "Last lift"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", {}, team.map((m) => h("tr", { "data-id": m.athlete_id },
      h("th", { scope: "row" }, m.name, String(m.athlete_id) === acting ? h("span", { class: "muted" }, " (showing)") : null),
      h("td", { "data-label": "Readiness" }, m.readiness
        ? [h("span", { class: `level level-${m.readiness}` }, m.readiness),
          m.readiness_reason ? h("span", { class: "reason" }, m.readiness_reason) : null]
        : h("span", { class: "muted" }, "No profile yet")),
      h("td", { "data-label": "Last lift" }, m.last_lift
        ? [h("time", { datetime: m.last_lift.started_at }, localStart(m.last_lift.started_at)),
          h("span", { class: "reason" }, (m.last_lift.exercises ?? []).map((e) => `${e.name} ×${e.sets?.length ?? 0}`).join(", ") || "—")]
        : h("span", { class: "muted" }, "None yet")),
      h("td", {}, h("button", {
        type: "button", class: "secondary", "aria-label": `Open ${m.name}'s log`,
        onclick: async () => {
          await chooseAthlete(m.athlete_id);
          location.hash = "#/today";
        },
      }, "Open log"))))))));
}

// ───────────────────────────── start ─────────────────────────────

setupToken();
setupSignIn();
setupAccount();
setupTeam();
setupProfile();
setupToday();
setupHistory();
setupRecovery();
setupWeek();
setupImport();
adviceEmpty = [...$("#advice-result").childNodes].map((n) => n.cloneNode(true));
window.addEventListener("hashchange", () => route(true));
detectMode().then(async () => {
  if (account.signedOut) return;
  await loadProfile();
  await route(false);
});

// Today: the lift, the check-in and the planned session in; the verdict out.

import { api, clearErrors, errorInfo, showErrors } from "./api.js";
import { $, $$, announce, clear, h } from "./dom.js";
import { eventCalendar } from "./ical.js";
import { cap, fmtDateTime, fmtDay, localDate, num, range, structureText, words } from "./format.js";
import { applyLimits, loadProfile, numberOrUndefined } from "./profile.js";
import { loaders, onReset, state } from "./router.js";

/** Reasons on the card; the rest are behind "Why, in full" (the answer lists the most important first). */
const REASONS_SHOWN = 3;

function reasonItem(r) {
  return h("li", {},
    h("span", { class: "message" }, r.message), " ",
    h("span", { class: "principle" }, r.principle));
}

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

/** The answer as a card: the verdict and what to do about it first (its actions beside it), the session now,
 * when the planned one fits instead, three reasons (the rest folded), what came from the log, then fuel. */
function renderAdvice(a, req) {
  const [word, meaning] = VERDICT[a.verdict] ?? [cap(a.verdict), () => ""];
  return h("article", { class: "advice", "aria-label": "Advice" },
    h("header", { class: `verdict verdict-${a.verdict}`, "data-verdict": a.verdict },
      h("span", { class: "word", id: "verdict" }, word),
      h("span", { class: "meaning" }, meaning(a.later?.kind ?? req?.planned?.kind)),
      adviceActions(a, req)),
    nowSection(a.now),
    insteadSection(a),
    whySection(a.reasons ?? []),
    fromLogSection(a.from_log),
    refuelSection(a),
    h("section", {}, h("p", { class: "disclaimer" }, a.disclaimer)));
}

/** What to do now: the session (minutes, heart rate, effort, the talk test or the intervals' structure). */
function nowSection(now) {
  const resting = now.modality === "rest";
  return h("section", { class: "now" },
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
    now.cue ? h("p", { class: "cue" }, now.cue) : null);
}

/** When the planned session fits instead, and other things to do now. */
function insteadSection(a) {
  const alternatives = a.alternatives ?? [];
  if (!a.later && !alternatives.length) return null;
  return h("section", { class: "instead" },
    h("h2", {}, "When instead"),
    a.later ? h("p", { class: "later" },
      `Your ${words(a.later.kind)} session fits from `,
      h("strong", {}, h("time", { datetime: a.later.not_before }, fmtDateTime(a.later.not_before))),
      a.later.condition ? `, ${a.later.condition}` : "",
      ` — ${num(a.later.hours_after_lift, 1)} h after lifting.`) : null,
    alternatives.length ? [
      h("p", { class: "muted alternatives-lead" }, a.later ? "Or now, instead:" : "Instead, now:"),
      h("ul", { class: "alternatives" }, alternatives.map((alt) => h("li", {},
        h("strong", {}, `${MODALITY[alt.modality] ?? cap(alt.modality)}, ${words(alt.intensity)}, ${range(alt.minutes)} min`),
        alt.why ? ` — ${alt.why}` : ""))),
    ] : null);
}

/** The three most important reasons; every reason, with its principle, under "Why, in full". */
function whySection(reasons) {
  if (!reasons.length) return null;
  return h("section", { class: "why" },
    h("h2", {}, "Why"),
    h("ul", { class: "reasons" }, reasons.slice(0, REASONS_SHOWN).map(reasonItem)),
    reasons.length > REASONS_SHOWN ? h("details", { class: "more-reasons" },
      h("summary", {}, `Why, in full (${reasons.length - REASONS_SHOWN} more)`),
      h("ul", { class: "reasons" }, reasons.slice(REASONS_SHOWN).map(reasonItem))) : null);
}

/** What the log filled in (today's lift, a check-in), each with a way to change it. */
function fromLogSection(fromLog) {
  if (!fromLog?.lift && !fromLog?.check_in) return null;
  const items = [];
  if (fromLog.lift) {
    const line = h("span", { class: "what" }, "Your strength session from the log");
    items.push(h("li", { "data-from-log": "lift" }, line, " ",
      h("button", { type: "button", class: "link", onclick: () => editLoggedLift(fromLog.lift) }, "Change it")));
    describeLoggedLift(fromLog.lift, line);
  }
  if (fromLog.check_in) {
    const flags = (fromLog.flags ?? []).map((f) => (f === "pain" ? "pain" : f === "illness" ? "feeling ill" : words(f)));
    items.push(h("li", { "data-from-log": "check-in" },
      `Your check-in of ${fmtDay(fromLog.check_in)}`, flags.length ? ` (${flags.join(", ")})` : "", " ",
      h("button", { type: "button", class: "link", onclick: editCheckIn }, "Change it")));
  }
  return h("section", { class: "from-log" }, h("h2", {}, "From your log"), h("ul", {}, items));
}

/** "Squat 5×5, Bench press 3×8 · 18:05" in place of the line's words, once the lift is read. */
async function describeLoggedLift(id, line) {
  const res = await api(`/lifts/${encodeURIComponent(id)}`);
  if (!res.ok) return;
  const l = res.data;
  const names = (l.exercises ?? []).map((e) => `${e.name} ×${e.sets?.length ?? 0}`).join(", ");
  line.textContent = `Your strength session of ${fmtDateTime(l.started_at)}${names ? `: ${names}` : ""}`;
}

/** The logged lift into the form, to be changed and asked about again. */
async function editLoggedLift(id) {
  const res = await api(`/lifts/${encodeURIComponent(id)}`);
  const form = $("#advice-form");
  if (!res.ok) {
    showErrors(form, $("#advice-error"), res);
    return;
  }
  const l = res.data;
  clear($("#exercise-list"));
  for (const e of l.exercises ?? []) {
    const first = e.sets?.[0] ?? {};
    addExercise({ name: e.name, sets: e.sets?.length ?? 1, reps: first.reps ?? "", kg: first.kg ?? "" });
  }
  if (l.minutes) form.lift_minutes.value = Math.round(l.minutes);
  if (l.rpe) form.lift_rpe.value = l.rpe;
  const ended = Date.parse(l.started_at) + (l.minutes ?? 0) * 60_000;
  form.lift_ago.value = String(Math.max(0, Math.round((Date.now() - ended) / 60_000)));
  focusField($("#exercise-list input") ?? form.lift_minutes);
}

function editCheckIn() {
  focusField($("#advice-form").fatigue);
}

function focusField(input) {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  input.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "center" });
  input.focus({ preventScroll: true });
}

function refuelSection(a) {
  const resting = a.now.modality === "rest";
  return h("section", { class: "refuel" },
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
          + (a.energy.lift_kcal ? `; your lift about ${num(a.energy.lift_kcal)} kcal.` : ".")) : null);
}

/** Minutes a planned session takes when the form gave none (the planner's usual lengths). */
const USUAL_MINUTES = { easy: 40, long: 90, tempo: 45, intervals: 45 };

/** Beside the verdict: keep the typed lift in the log, put the later session in a calendar. */
function adviceActions(a, req) {
  const status = h("p", { role: "status", class: "saved action-status" });
  const buttons = [];
  const lift = req?.lift;
  if (lift?.exercises?.length) {
    const save = h("button", { type: "button", class: "secondary", id: "save-lift" }, "Save this session to my log");
    save.addEventListener("click", () => saveLift(lift, save, status));
    buttons.push(save);
  }
  if (a.later) {
    const kind = a.later.kind;
    const minutes = req?.planned?.minutes ?? USUAL_MINUTES[kind] ?? 45;
    buttons.push(h("button", {
      type: "button", class: "secondary", id: "add-to-calendar",
      onclick: () => download(`afterlift-${kind}-${a.later.not_before.slice(0, 10)}.ics`, "text/calendar", eventCalendar({
        start: new Date(a.later.not_before),
        minutes,
        summary: `${cap(words(kind))} run (afterlift)`,
        description: [
          `${num(a.later.hours_after_lift, 1)} h after lifting${a.later.condition ? `, ${a.later.condition}` : ""}.`,
          ...(a.reasons ?? []).slice(0, REASONS_SHOWN).map((r) => r.message),
          a.disclaimer,
        ].join("\n"),
        uid: `${kind}-${a.later.not_before}@afterlift`,
      })),
    }, "Add to calendar"));
  }
  if (!buttons.length) return null;
  return h("div", { class: "actions" }, h("div", { class: "buttons" }, buttons), status);
}

function download(name, type, body) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Keeps the strength session typed on the form in the log (`POST /lifts`). */
async function saveLift(lift, button, status) {
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
    status.className = "saved action-status";
    status.replaceChildren("Saved to your log — ", h("a", { href: "#/history" }, "see History"), ".");
    // Names the catalogue cannot read: saved as typed, but the advice counts none of their muscles.
    for (const u of res.data?.unknown_exercises ?? []) {
      status.append(h("br"), `“${u.name}” is not in the exercise catalogue${u.suggestion ? ` (did you mean “${u.suggestion}”?)` : ""}: add it as one of your names for an exercise (afterlift exercises alias) so the advice can read it.`);
    }
    button.remove();
  } else {
    button.disabled = false;
    status.className = "field-error action-status";
    status.textContent = errorInfo(res).message;
  }
}

export function setupToday() {
  const form = $("#advice-form");
  // What the result shows before any advice, put back when the log shown changes.
  const adviceEmpty = [...$("#advice-result").childNodes].map((n) => n.cloneNode(true));
  onReset(() => {
    form.reset();
    clearErrors(form, $("#advice-error"));
    clear($("#exercise-list"));
    clear($("#advice-result"), adviceEmpty.map((n) => n.cloneNode(true)));
  });
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
      const res = await fetch(new URL("../exercises.json", import.meta.url)).then((r) => (r.ok ? r.json() : null)).catch(() => null);
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
    clear(out, renderAdvice(res.data, req));
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
  // The header stays on screen (sticky): the verdict stops below it, not under it.
  const header = $("header.top");
  const covered = getComputedStyle(header).position === "sticky" ? header.getBoundingClientRect().bottom : 0;
  const top = out.getBoundingClientRect().top;
  if (top < covered || top > window.innerHeight * 0.5) {
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollTo({ top: window.scrollY + top - covered - 8, behavior: reduce ? "auto" : "smooth" });
  }
  const word = $("#verdict", out)?.textContent ?? "";
  const meaning = $(".verdict .meaning", out)?.textContent ?? "";
  const now = $(".now-line", out)?.textContent ?? "";
  announce(`Advice: ${word}${meaning ? ` — ${meaning}` : ""}. Now: ${now}.`);
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
  const checkIn = res.ok ? res.data.check_in : {};
  markFromLog(form, checkIn);
  // This morning's answers, shown where they can be changed (a field already typed in is left alone).
  let filled = 0;
  for (const k of ["fatigue", "soreness", "stress", "mood", "sleep_hours", "resting_hr", "hrv_rmssd_ms"]) {
    if (checkIn?.[k] == null || form[k].value !== "") continue;
    form[k].value = String(checkIn[k]);
    filled += 1;
  }
  const note = $("#check-in-carried");
  const from = res.ok ? res.data.carried_from : null;
  note.hidden = !from && !filled;
  note.textContent = from
    ? `Ticked from your check-in on ${fmtDay(from)}: pain and illness last until you untick them.`
    : filled ? "Filled in from today's check-in in your log: change anything that is no longer true." : "";
}

function markFromLog(form, checkIn) {
  for (const k of ["pain", "illness"]) {
    const logged = checkIn?.[k] === true;
    form[k].dataset.fromLog = String(logged);
    form[k].checked = logged;
  }
}

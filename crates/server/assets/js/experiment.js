// Experiment (#/experiment): a personal experiment — an n-of-1 trial comparing two strategies on your own
// log (docs/experiments.md). Without a running one: the form to start one, built from what the server
// offers (`GET /experiments/comparisons`: the comparisons with both arms described, the outcomes with their
// units, the period lengths and their washouts, the start offered), and the experiments before. With one:
// today's strategy in plain words, the schedule as a row of periods (A/B, washout days marked, this period
// highlighted), each outcome's period means by arm over time with the estimate and its 95 % interval in
// words beside, adherence and deviations, the verdict, the caveats, "Stop experiment" (confirmed first) and
// the report to download (Markdown, HTML). Everything comes from `/experiments…`; nothing is computed here
// but what to draw.

import { api, API, askForProfile, clearErrors, downloadWithToken, errorInfo, showErrors, unavailable } from "./api.js";
import { chartLibrary } from "./charts.js";
import { $, announce, clear, h } from "./dom.js";
import { fmtDay, plural } from "./format.js";
import { DAY, dayX, drawingWidth, fmtX, timeChart } from "./history-charts.js";
import { loaders, onReset, state } from "./router.js";

/** Arm colours: the charts' lines and the schedule's periods (the CSS has the same, `--arm-a`/`--arm-b`). */
const COLORS = { a: "#1f5fbf", b: "#b5520b" };

const view = { choices: null, charts: [], exercises: null };

export function setupExperiment() {
  onReset(() => {
    destroy();
    view.choices = null;
    clear($("#experiment"));
    delete $("#view-experiment").dataset.state;
  });
  loaders.experiment = show;
}

function destroy() {
  for (const c of view.charts) c.destroy();
  const mine = new Set(view.charts);
  state.charts = state.charts.filter((c) => !mine.has(c));
  view.charts = [];
}

// ── civil dates (YYYY-MM-DD) ──
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY * 1000).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (DAY * 1000));
/** "13–19 Jan", "27 Jan – 2 Feb". */
function spanText(from, to) {
  const [a, b] = [new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`)];
  const month = (d) => fmtX(d / 1000, { month: "short" });
  if (a.getUTCMonth() === b.getUTCMonth()) return `${a.getUTCDate()}–${b.getUTCDate()} ${month(b)}`;
  return `${a.getUTCDate()} ${month(a)} – ${b.getUTCDate()} ${month(b)}`;
}
const longDay = (date) => fmtDay(date, { weekday: "short", day: "numeric", month: "short", year: "numeric" });

/** The last day of an experiment's schedule. */
const endOf = (e) => e.protocol.schedule.periods.at(-1)?.end ?? e.protocol.schedule.start;
/** Open: not stopped, and its schedule not over — it claims the athlete's days (at most one is). */
const isOpen = (e) => !e.stopped_on && endOf(e) >= e.as_of;
/** The experiment in the address: `#/experiment/3` → "3"; "" for the view's own page. */
const idInHash = () => decodeURIComponent(location.hash.replace(/^#\/?experiment\/?/, "").split(/[/?]/)[0] ?? "");

/** The arm's strategy as the server describes it: `{strategy, label, describe, source}`. */
function armOf(comparison, arm) {
  const c = view.choices?.comparisons.find((x) => x.comparison === comparison);
  return c?.[String(arm).toLowerCase()] ?? { label: String(arm).toUpperCase(), describe: "" };
}
const outcomeOf = (kind) => view.choices?.outcomes.find((o) => o.kind === kind);

async function show() {
  const host = $("#experiment");
  const section = $("#view-experiment");
  delete section.dataset.state;
  const asked = idInHash();
  const [choices, list] = await Promise.all([
    view.choices ? { ok: true, data: view.choices } : api("/experiments/comparisons"),
    api("/experiments"),
    chartLibrary,
  ]);
  if (idInHash() !== asked) return; // another address meanwhile
  if (!choices.ok || !list.ok) {
    destroy();
    clear(host, unavailable("Experiments", choices.ok ? list : choices));
    section.dataset.state = "error";
    return;
  }
  view.choices = choices.data;
  const all = Array.isArray(list.data) ? list.data : [];
  const open = all.find(isOpen);
  const shown = asked ? all.find((e) => String(e.id) === asked) : open;
  if (asked && !shown) {
    destroy();
    clear(host, back(), h("p", { class: "unavailable", "data-state": "not-found" }, `There is no experiment ${asked} in your log.`));
    ready(section, "none");
    return;
  }
  if (!shown) {
    destroy();
    clear(host, startForm(), pastList(all));
    ready(section, "form");
    return;
  }
  const [one, report] = await Promise.all([api(`/experiments/${enc(shown.id)}`), api(`/experiments/${enc(shown.id)}/report`)]);
  if (idInHash() !== asked) return;
  destroy();
  if (!one.ok || !report.ok) {
    clear(host, unavailable("This experiment", one.ok ? report : one));
    section.dataset.state = "error";
    return;
  }
  clear(host, asked ? back() : null);
  experiment(host, one.data, report.data);
  if (!asked) host.append(pastList(all.filter((e) => e !== shown)));
  ready(section, isOpen(one.data) ? "open" : "closed", one.data.id);
}

const back = () => h("p", { class: "back" }, h("a", { href: "#/experiment" }, "← Experiments"));

const enc = encodeURIComponent;

/** The view is drawn: the section says so once painted (what it shows: the form, an open experiment or
 * a closed one, and which), and the performance mark is set. */
function ready(section, what, id = "") {
  requestAnimationFrame(() => setTimeout(() => {
    section.dataset.state = "ready";
    section.dataset.shows = what;
    section.dataset.experiment = String(id);
    performance.mark("afterlift:experiment-rendered");
  }, 0));
}

// ───────────────────────────── starting one ─────────────────────────────

function startForm() {
  const c = view.choices;
  const form = h("form", { id: "experiment-form", class: "experiment-form", novalidate: true });
  const error = h("p", { class: "form-error", id: "experiment-error", role: "alert", hidden: true });

  // What is compared: each comparison a choice, the chosen one's two arms described below.
  const arms = h("div", { class: "exp-arms", id: "exp-arms", "aria-live": "polite" });
  const comparisons = h("fieldset", { class: "exp-comparisons" },
    h("legend", {}, "What to compare"),
    h("p", { class: "hint" }, `The source text ends: “${c.source}” Choose a question; afterlift schedules the two answers in turns.`),
    h("div", { class: "choices exp-questions", "data-field": "comparison" }, c.comparisons.map((x, i) =>
      h("label", {}, h("input", { type: "radio", name: "comparison", value: x.comparison, checked: i === 0 }), x.question))),
    arms);

  // The primary outcome: what decides, with its unit and the smallest difference that matters.
  const kinds = c.outcomes;
  const primary = h("select", { id: "exp-primary", name: "primary", "data-field": "primary" },
    kinds.map((o) => h("option", { value: o.kind }, `${cap(o.name)} (${o.unit})`)));
  const lift = h("input", { id: "exp-lift", name: "exercise", type: "text", list: "exp-lifts", autocomplete: "off", spellcheck: "false", "data-field": "primary.exercise", placeholder: "Squat (Barbell)" });
  const liftField = h("div", { class: "field wide", id: "exp-lift-field" }, h("label", { for: "exp-lift" }, "Lift"), lift, h("datalist", { id: "exp-lifts" }));
  const effect = h("input", { id: "exp-effect", name: "smallest_effect", type: "number", inputmode: "decimal", step: "any", min: "0", required: true, "data-field": "primary.smallest_effect", "aria-describedby": "exp-effect-hint" });
  const effectLabel = h("label", { for: "exp-effect" });
  const effectHint = h("p", { class: "hint", id: "exp-effect-hint" });
  const method = h("p", { class: "hint exp-method" });
  const outcome = h("fieldset", {},
    h("legend", {}, "What decides"),
    h("div", { class: "row" },
      h("div", { class: "field wide" }, h("label", { for: "exp-primary" }, "Primary outcome"), primary),
      liftField,
      h("div", { class: "field" }, effectLabel, effect)),
    effectHint, method,
    h("details", { class: "exp-secondary" },
      h("summary", {}, "Also watch (exploratory)"),
      h("p", { class: "hint" }, "Reported beside the primary outcome, each with its suggested smallest difference; they do not decide."),
      h("div", { class: "choices", id: "exp-secondary" })));

  // When and how long.
  const periods = c.periods;
  const washout = h("input", { id: "exp-washout", name: "washout_days", type: "number", inputmode: "numeric", min: "0", step: "1", value: "2", "data-field": "washout_days", "aria-describedby": "exp-washout-hint" });
  const start = h("input", { id: "exp-start", name: "start", type: "date", required: true, value: c.default_start, min: c.today, "data-field": "start" });
  const when = h("fieldset", {},
    h("legend", {}, "When"),
    h("div", { class: "field" },
      h("span", { class: "label", id: "exp-period-label" }, "Each period lasts"),
      h("div", { class: "choices", role: "radiogroup", "aria-labelledby": "exp-period-label", "data-field": "period_weeks" }, periods.map((p, i) =>
        h("label", {}, h("input", { type: "radio", name: "period_weeks", value: p.weeks, checked: i === 0 }), p.weeks === 1 ? "1 week" : `${p.weeks} weeks`)))),
    h("div", { class: "row" },
      h("div", { class: "field" }, h("label", { for: "exp-washout" }, "Washout (days)"), washout),
      h("div", { class: "field" }, h("label", { for: "exp-start" }, "Start"), start)),
    h("p", { class: "hint", id: "exp-washout-hint" }),
    h("p", { class: "hint" }, `The length is the fewest blocks of two periods (one of each strategy, in random order) that would find the difference you chose, from your own log before the start — at least ${c.blocks.min}, ${c.blocks.default} when the log is too short to tell, at most ${c.blocks.max}.`));

  const question = h("input", { id: "exp-question", name: "question", type: "text", maxlength: "200", "data-field": "question" });
  const extra = h("div", { class: "field" }, h("label", { for: "exp-question" }, "Your question (optional)"), question);

  form.append(comparisons, outcome, when, extra, error,
    h("p", { class: "hint" }, "The schedule appears once it has started; until its first day is over, stopping costs nothing. "
      + "This is an experiment on you alone, not medical advice: the safety rules (pain, illness, readiness, the time a lift needs) always come first, and you can stop whenever you want."),
    h("button", { type: "submit", class: "primary", id: "experiment-start" }, "Start experiment"));

  const sync = () => {
    const chosen = c.comparisons.find((x) => x.comparison === form.comparison.value) ?? c.comparisons[0];
    clear(arms, ["a", "b"].map((k) => armCard(k, chosen[k])));
    question.placeholder = chosen.question;
  };
  const syncOutcome = (keepEffect) => {
    const o = outcomeOf(primary.value);
    liftField.hidden = !o.needs_exercise;
    lift.required = o.needs_exercise;
    effectLabel.textContent = `Smallest difference that matters (${o.unit})`;
    if (!keepEffect) effect.value = String(o.suggested_smallest_effect);
    effectHint.textContent = `${cap(direction(o.direction))}. A difference smaller than this would not change what you do; the smaller it is, the longer the experiment.`;
    method.textContent = `Measured: ${o.method}.`;
    const box = $("#exp-secondary", form);
    const was = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
    clear(box, kinds.filter((k) => k.kind !== o.kind && !k.needs_exercise).map((k) =>
      h("label", {}, h("input", { type: "checkbox", name: "secondary", value: k.kind, checked: was.has(k.kind) }), `${cap(k.name)} (${k.unit})`)));
  };
  const syncWashout = () => {
    const p = periods.find((x) => String(x.weeks) === form.period_weeks.value) ?? periods[0];
    washout.max = String(p.max_washout_days);
    if (Number(washout.value) > p.max_washout_days) washout.value = String(p.max_washout_days);
    $("#exp-washout-hint", form).textContent = `The first days of each period follow the strategy but are not counted, so the last period's effects can fade: 0–${p.max_washout_days} days for ${p.weeks === 1 ? "1-week" : `${p.weeks}-week`} periods (at least 4 days of each are counted).`;
  };
  form.addEventListener("change", (ev) => {
    if (ev.target.name === "comparison") sync();
    if (ev.target.name === "primary") syncOutcome(false);
    if (ev.target.name === "period_weeks") syncWashout();
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    submit(form, error);
  });
  sync();
  syncOutcome(false);
  syncWashout();
  fillLifts($("#exp-lifts", form));
  return h("section", { class: "exp-start", "aria-labelledby": "exp-start-h" },
    h("h2", { id: "exp-start-h" }, "Start an experiment"),
    state.profile === null ? askForProfile("An experiment reads your outcomes with your heart rates and goal") : null,
    h("p", {}, "Compare two ways of combining lifting and running on your own log. afterlift schedules them in turns, "
      + "reads the outcomes from what you log anyway, and tells you what it found — with its uncertainty, and with "
      + "“not enough data yet” until it can say more."),
    form);
}

const direction = (d) => (d === "higher" ? "higher is better" : d === "lower" ? "lower is better" : "neither way is better");
const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

function armCard(key, arm) {
  return h("div", { class: `exp-arm arm-${key}` },
    h("p", { class: "exp-arm-head" }, h("span", { class: `arm-badge arm-${key}` }, key.toUpperCase()), h("strong", {}, arm.label)),
    h("p", {}, arm.describe),
    arm.source ? h("blockquote", {}, `“${arm.source}”`) : null);
}

/** The lifts of the catalogue, for the e1RM's lift (the Today view's list when it has been read). */
async function fillLifts(list) {
  if (!view.exercises) {
    view.exercises = state.exercises.length ? state.exercises
      : await fetch(new URL("../exercises.json", import.meta.url)).then((r) => (r.ok ? r.json() : null)).then((d) => d?.exercises ?? []).catch(() => []);
  }
  for (const e of view.exercises) list.append(h("option", { value: e.name }));
}

/** The request the form describes; what the form itself can tell is wrong is named on its field. */
function request(form) {
  const o = outcomeOf(form.primary.value);
  const primary = { kind: o.kind, smallest_effect: Number(form.smallest_effect.value) };
  if (o.needs_exercise) primary.exercise = form.exercise.value.trim();
  const secondary = [...form.querySelectorAll("input[name=secondary]:checked")].map((i) => ({
    kind: i.value, smallest_effect: outcomeOf(i.value).suggested_smallest_effect,
  }));
  const body = {
    comparison: form.comparison.value,
    primary,
    secondary,
    start: form.start.value,
    period_weeks: Number(form.period_weeks.value),
    washout_days: Number(form.washout_days.value),
  };
  const q = form.question.value.trim();
  if (q) body.question = q;
  const problems = [];
  if (!(primary.smallest_effect > 0)) problems.push({ field: "primary.smallest_effect", message: `a positive number in ${o.unit}` });
  if (o.needs_exercise && !primary.exercise) problems.push({ field: "primary.exercise", message: "name the lift whose e1RM decides" });
  if (!body.start) problems.push({ field: "start", message: "a date (YYYY-MM-DD)" });
  if (!Number.isInteger(body.washout_days) || body.washout_days < 0 || body.washout_days > Number(form.washout_days.max)) {
    problems.push({ field: "washout_days", message: `0–${form.washout_days.max} days` });
  }
  return { body, problems };
}

async function submit(form, error) {
  const button = $("#experiment-start", form);
  clearErrors(form, error);
  const { body, problems } = request(form);
  if (problems.length) {
    showErrors(form, error, { status: 422, data: { message: "Some answers need a look.", errors: problems } });
    return;
  }
  button.disabled = true;
  const res = await api("/experiments", { method: "POST", body });
  button.disabled = false;
  if (!res.ok) {
    showErrors(form, error, res);
    return;
  }
  announce("The experiment has started.");
  await show();
  $("#exp-today-h")?.focus?.();
}

// ───────────────────────────── one running ─────────────────────────────

function experiment(host, e, r) {
  const p = e.protocol;
  const s = p.schedule;
  const today = e.as_of;
  const open = isOpen(e);
  const current = open ? s.periods.find((x) => x.start <= today && today <= x.end) : null;
  const draws = [];
  host.append(
    h("div", { class: "exp-top" }, open ? todayCard(e, s, current) : closedCard(e, r), verdictCard(e, r, open)),
    schedule(s, current, today, e.comparison),
    outcomes(r, e, draws),
    adherence(r, e.comparison),
    caveats(r),
    actions(e, open));
  // The plots are drawn once their boxes are in the page, as wide as the first (they all are).
  const first = $(".exp-plot", host);
  if (first && draws.length) {
    drawingWidth(first.getBoundingClientRect().width);
    for (const draw of draws) draw();
    drawingWidth(null);
  }
}

function todayCard(e, s, current) {
  const card = h("section", { class: "card exp-today", "aria-labelledby": "exp-today-h" }, h("h2", { id: "exp-today-h", tabindex: "-1" }, "Today"));
  if (!current || !e.today) {
    // Before the start: what comes first.
    const first = s.periods[0];
    const arm = armOf(e.comparison, first.arm);
    card.append(
      h("p", { class: "exp-now", id: "exp-now" }, `From ${longDay(s.start)}: `, h("span", { class: `arm-badge arm-${first.arm}` }, first.arm.toUpperCase()),
        ` ${arm.label.toLowerCase()}.`),
      h("p", {}, arm.describe),
      h("p", { class: "muted" }, "Until then nothing changes. Stopping before the first day costs nothing."));
    return card;
  }
  const d = e.today;
  const arm = armOf(e.comparison, d.arm);
  const lead = s.period_weeks === 1 ? "This week" : `Until ${fmtDay(d.period_ends)}`;
  card.append(
    h("p", { class: "exp-now", id: "exp-now" }, h("span", { class: `arm-badge arm-${d.arm}` }, d.arm.toUpperCase()), ` ${lead}: ${arm.label.toLowerCase()}`),
    h("p", {}, arm.describe),
    h("p", { class: "muted" }, "The week plan and the advice follow it, below the safety rules: pain, illness, readiness and the time a lift needs come first, and a day they overrule it is listed as a deviation."));
  if (d.in_washout) {
    card.append(h("p", { class: "exp-washout-note" }, `Washout: today follows the strategy, but its outcomes are not counted (what the last period left behind fades first). Counting starts ${fmtDay(current.outcomes_from)}.`));
  }
  return card;
}

/** A finished or stopped experiment: how it ended. */
function closedCard(e, r) {
  const how = e.status === "stopped_early" || e.stopped_on
    ? `Stopped on ${longDay(e.stopped_on)}, before its planned end (${longDay(endOf(e))}).`
    : `Finished on ${longDay(endOf(e))}.`;
  return h("section", { class: "card exp-today", "aria-labelledby": "exp-today-h" },
    h("h2", { id: "exp-today-h", tabindex: "-1" }, "Over"),
    h("p", { class: "exp-now", id: "exp-now" }, how),
    h("p", { class: "muted" }, `Data through ${r.through ? longDay(r.through) : "—"}. Nothing follows it any more.`));
}

function verdictCard(e, r, open) {
  return h("section", { class: "card exp-verdict", "aria-labelledby": "exp-verdict-h" },
    h("h2", { id: "exp-verdict-h" }, open ? "What it shows so far" : "What it shows"),
    h("p", { class: "exp-question" }, r.question),
    h("p", { class: "exp-verdict-text", id: "exp-verdict-text" }, r.verdict),
    h("p", { class: "muted" }, `${plural(r.design.blocks, "block")} of two ${r.design.period_weeks === 1 ? "1-week" : `${r.design.period_weeks}-week`} periods, `
      + `${longDay(r.design.start)} to ${longDay(r.design.end)}; ${r.design.finished_blocks} finished, an estimate from ${r.design.min_blocks}.`));
}

/** The periods in a row: A or B, each day a square (washout days hatched, today outlined), this period marked. */
function schedule(s, current, today, comparison) {
  const items = s.periods.map((p, i) => {
    const key = p.arm.toLowerCase();
    const days = daysBetween(p.start, p.end) + 1;
    const washout = daysBetween(p.start, p.outcomes_from);
    const is = p === current;
    const past = p.end < today;
    const label = `Period ${i + 1}, ${spanText(p.start, p.end)}: ${p.arm.toUpperCase()}, ${armOf(comparison, p.arm).label.toLowerCase()}`
      + (washout ? `; the first ${plural(washout, "day")} washout` : "") + (is ? " — now" : past ? " — done" : "");
    return h("li", { class: `period arm-${key}${is ? " current" : ""}${past ? " past" : ""}`, "aria-current": is ? "step" : null, title: label },
      h("span", { class: "visually-hidden" }, label),
      h("span", { class: "period-head", "aria-hidden": "true" }, h("span", { class: "period-arm" }, p.arm.toUpperCase()), h("span", { class: "period-dates" }, spanText(p.start, p.end))),
      h("span", { class: "period-days", "aria-hidden": "true" }, Array.from({ length: days }, (_, d) => {
        const date = addDays(p.start, d);
        return h("span", { class: `day${d < washout ? " washout" : ""}${date === today ? " today" : ""}` });
      })));
  });
  return h("section", { class: "exp-schedule", "aria-labelledby": "exp-schedule-h" },
    h("h2", { id: "exp-schedule-h" }, "Schedule"),
    h("p", { class: "hint" }, `Each block holds one period of each strategy, in an order drawn at random (seed ${s.seed}). `,
      h("span", { class: "legend-washout" }, "Hatched days"), " are washout: followed, not counted."),
    h("ol", { class: "periods", id: "exp-periods" }, items));
}

function outcomes(r, e, draws) {
  const box = h("section", { class: "exp-outcomes", "aria-labelledby": "exp-outcomes-h" }, h("h2", { id: "exp-outcomes-h" }, "Outcomes by period"));
  r.results.forEach((res, i) => box.append(outcomeCard(res, r.outcomes[i], r, e, draws)));
  return box;
}

function outcomeCard(res, declared, r, e, draws) {
  const unit = declared?.unit ?? "";
  const decimals = outcomeOf(declared?.spec?.kind)?.decimals ?? 1;
  const card = h("section", { class: "card exp-outcome", "data-outcome": declared?.spec?.kind ?? "", "aria-label": cap(res.name) },
    h("h3", {}, cap(res.name), " ", h("span", { class: "muted" }, `(${unit}; ${res.primary ? "primary — decides" : "exploratory"})`)));
  const a = res.by_schedule;
  const means = (a.periods ?? []).filter((pm) => pm.mean !== null && pm.mean !== undefined);
  const grid = h("div", { class: "exp-outcome-grid" });
  card.append(grid);
  const plot = h("div", { class: "exp-plot" });
  const words = h("div", { class: "exp-estimate" });
  grid.append(plot, words);
  if (means.length) {
    const xs = a.periods.map((pm) => dayX(pm.start) + (daysBetween(pm.start, pm.end) / 2) * DAY);
    const value = (arm) => a.periods.map((pm) => (pm.arm.toLowerCase() === arm && pm.mean !== null && pm.mean !== undefined ? pm.mean : null));
    const nameA = armOf(e.comparison, "a").label;
    const nameB = armOf(e.comparison, "b").label;
    const text = (v) => (v === null || v === undefined ? "—" : `${fixed(v, decimals)} ${unit}`);
    const start = r.design.start;
    const end = addDays(r.design.end, 1);
    draws.push(() => {
      const u = timeChart(plot, {
        name: declared?.spec?.kind,
        title: `${cap(res.name)}: the mean of each period`,
        yLabel: `Period mean (${unit})`,
        xLabel: "Date",
        note: `Each point is a period's mean, at its middle. Blue: A, ${nameA.toLowerCase()}. Orange: B, ${nameB.toLowerCase()}.`,
        xName: "Period",
        xText: (x) => {
          const k = xs.indexOf(x);
          const pm = a.periods[k];
          return pm ? `${k + 1} (${pm.arm.toUpperCase()}), ${spanText(pm.start, pm.end)}` : fmtX(x, { day: "numeric", month: "short" });
        },
        xs,
        range: [dayX(start) - DAY / 2, dayX(end) - DAY / 2],
        series: [
          { label: "A", color: COLORS.a, values: value("a"), text },
          { label: "B", color: COLORS.b, values: value("b"), text },
        ],
        kind: "line",
        points: true,
        yDigits: decimals > 1 ? decimals - 1 : decimals,
        height: 220,
      });
      if (u) {
        view.charts.push(u);
        plot.lastElementChild?.setAttribute("data-periods", String(means.length));
      }
    });
  } else {
    plot.append(h("p", { class: "empty exp-no-plot", "data-state": "no-periods" },
      "No period is finished with data yet: the plot starts with the first period's mean."));
  }
  words.append(estimateWords(res, a, unit, decimals, e));
  if (res.per_protocol?.estimate) {
    const pp = res.per_protocol.estimate;
    words.append(h("p", { class: "muted" }, `Without the ${plural(res.per_protocol.excluded, "observation")} on deviation days (per protocol): A − B ${signed(pp.difference, decimals)} ${unit}, 95 % interval ${signed(pp.interval.low, decimals)} to ${signed(pp.interval.high, decimals)} ${unit}.`));
  }
  words.append(h("p", { class: "muted exp-counts" }, `${plural(a.observations, "observation")} in ${plural(means.length, "period")} with data; ${plural(a.days_without_observation, "counted day")} without one.`));
  return card;
}

const fixedFormats = new Map();
/** `v` to exactly `decimals` places in the reader's locale ("5.0", not "5"). */
function fixed(v, decimals) {
  if (!fixedFormats.has(decimals)) {
    fixedFormats.set(decimals, new Intl.NumberFormat(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
  }
  return fixedFormats.get(decimals).format(v);
}

/** `+1.2`, `−0.4` (a real minus sign), to the outcome's decimals; no sign on a zero. */
function signed(v, decimals) {
  const t = fixed(Math.abs(v), decimals);
  return /[1-9]/.test(t) ? `${v < 0 ? "−" : "+"}${t}` : t;
}

/** The estimate and its interval, in words; or why there is none yet. */
function estimateWords(res, a, unit, decimals, e) {
  const est = a.estimate;
  const box = h("div", { class: "exp-words" });
  const verdict = a.verdict ?? {};
  if (!est) {
    const more = verdict.more_weeks;
    box.append(h("p", { class: "exp-not-yet", "data-state": "not-enough-data" },
      h("strong", {}, more ? `Not enough data yet — ${plural(more, "more week")}.` : "Not enough data for an estimate."),
      verdict.reason ? ` ${cap(verdict.reason)}.` : ""));
    return box;
  }
  const nameA = armOf(e.comparison, "a").label.toLowerCase();
  const nameB = armOf(e.comparison, "b").label.toLowerCase();
  box.append(
    h("p", { class: "exp-summary" }, res.summary),
    h("dl", { class: "facts exp-facts" },
      h("div", {}, h("dt", {}, "Mean with A"), h("dd", {}, `${fixed(est.mean_a, decimals)} ${unit}`)),
      h("div", {}, h("dt", {}, "Mean with B"), h("dd", {}, `${fixed(est.mean_b, decimals)} ${unit}`))),
    h("p", { class: "exp-interval" }, `With ${nameA} (A) rather than ${nameB} (B), ${signed(est.difference, decimals)} ${unit} at the same point of your trend; `
      + `the 95 % interval runs from ${signed(est.interval.low, decimals)} to ${signed(est.interval.high, decimals)} ${unit}`
      + `${est.interval.low <= 0 && est.interval.high >= 0 ? ", which holds no difference at all" : ""}.`));
  return box;
}

function adherence(r, comparison) {
  const a = r.adherence;
  const share = a.days_tagged ? Math.round((100 * a.days_as_scheduled) / a.days_tagged) : null;
  const box = h("section", { class: "card exp-adherence", "aria-labelledby": "exp-adherence-h" },
    h("h2", { id: "exp-adherence-h" }, "Adherence"),
    h("p", {}, a.days
      ? `${plural(a.days, "day")} so far. Your log shows which strategy you followed on ${plural(a.days_tagged, "day")}`
        + (a.days_tagged ? `: ${a.days_as_scheduled} as scheduled (${share} %), ${a.deviations.length} the other way.` : ".")
      : "Nothing to count before the first day."));
  if (a.days && !a.days_tagged) {
    box.append(h("p", { class: "muted" }, "A day is told when the log holds what the comparison compares (for example a lift and a run that day); "
      + "days without it are neither strategy's, and not deviations."));
  }
  if (a.deviations.length) {
    box.append(h("h3", {}, "Deviations"), h("ul", { class: "exp-deviations" }, a.deviations.map((d) => h("li", {},
      h("strong", {}, longDay(d.date)), `: ${armOf(comparison, d.planned).label.toLowerCase()} (${d.planned.toUpperCase()}) was planned, `
      + `${armOf(comparison, d.followed).label.toLowerCase()} (${d.followed.toUpperCase()}) done.`))));
  } else if (a.days_tagged) {
    box.append(h("p", { class: "muted" }, "No deviations."));
  }
  const harms = r.harms;
  if (harms && (harms.pain_days.a + harms.pain_days.b + harms.illness_days.a + harms.illness_days.b)) {
    box.append(h("p", {}, `Check-ins with pain: ${harms.pain_days.a} after A days, ${harms.pain_days.b} after B days; with illness: ${harms.illness_days.a} after A, ${harms.illness_days.b} after B.`));
  }
  return box;
}

function caveats(r) {
  return h("section", { class: "card exp-caveats", "aria-labelledby": "exp-caveats-h" },
    h("h2", { id: "exp-caveats-h" }, "Keep in mind"),
    h("ul", {}, r.caveats.map((c) => h("li", {}, c))),
    h("p", { class: "disclaimer" }, r.disclaimer));
}

function downloads(id) {
  const base = `${API}/experiments/${enc(id)}/report`;
  return h("p", { class: "exp-downloads" },
    h("a", { class: "button secondary", href: `${base}?format=markdown`, download: `afterlift-experiment-${id}.md`, onclick: downloadWithToken, "data-format": "markdown" }, "Download report (Markdown)"),
    h("a", { class: "button secondary", href: `${base}?format=html`, download: `afterlift-experiment-${id}.html`, onclick: downloadWithToken, "data-format": "html" }, "Download report (HTML)"));
}

function actions(e, open) {
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const confirm = h("div", { class: "exp-confirm", id: "exp-confirm", hidden: true, role: "group", "aria-labelledby": "exp-confirm-text" },
    h("p", { id: "exp-confirm-text" }, "Stop the experiment today? The days so far stay in its report, which says it was stopped early; "
      + "before the planned length an estimate may never come. Stop at once if you have pain or feel ill."),
    h("div", { class: "buttons" },
      h("button", { type: "button", class: "danger", id: "exp-stop-yes", onclick: async (ev) => {
        ev.currentTarget.disabled = true;
        const res = await api(`/experiments/${enc(e.id)}/stop`, { method: "POST" });
        if (!res.ok) {
          ev.currentTarget.disabled = false;
          error.textContent = errorInfo(res).message;
          error.hidden = false;
          return;
        }
        announce("The experiment is stopped.");
        await show();
      } }, "Yes, stop it"),
      h("button", { type: "button", class: "secondary", id: "exp-stop-no", onclick: () => {
        confirm.hidden = true;
        stop.hidden = false;
        stop.focus();
      } }, "Keep it running")));
  const stop = h("button", { type: "button", class: "secondary danger-outline", id: "exp-stop", onclick: () => {
    stop.hidden = true;
    confirm.hidden = false;
    $("#exp-stop-no").focus();
  } }, "Stop experiment");
  return h("section", { class: "card exp-actions", "aria-labelledby": "exp-actions-h" },
    h("h2", { id: "exp-actions-h" }, "The report"),
    h("p", { class: "hint" }, "The whole report, after the CENT 2015 checklist for n-of-1 trials: the design with its seed, every outcome, deviations, harms and the caveats."),
    downloads(e.id), open ? [stop, confirm, error] : null);
}

/** The other experiments, newest first, each opening in full, with its report. */
function pastList(others) {
  if (!others.length) return null;
  const what = { finished: "finished", stopped_early: "stopped early", running: "running", not_started: "not started yet" };
  return h("section", { class: "exp-past", "aria-labelledby": "exp-past-h" },
    h("h2", { id: "exp-past-h" }, "Your experiments"),
    h("ul", { class: "exp-past-list" }, others.map((e) => h("li", { class: "card", "data-id": e.id },
      h("p", {}, h("a", { href: `#/experiment/${e.id}` }, e.protocol.question)),
      h("p", { class: "muted" }, `${longDay(e.protocol.schedule.start)} – ${longDay(endOf(e))} · `
        + `${what[e.status] ?? e.status}${e.stopped_on ? ` on ${longDay(e.stopped_on)}` : ""}`),
      downloads(e.id)))));
}

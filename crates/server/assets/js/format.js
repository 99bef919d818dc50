// Numbers, sets, sessions and times as people read them; the athlete's time zone and today's date in it.

import { state } from "./router.js";

export const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
export const words = (s) => (s ? String(s).replaceAll("_", " ") : s);
export const num = (v, digits = 0) =>
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
export function setText(set) {
  const { reps, kg, duration_s: time, distance_m: metres } = set ?? {};
  const load = reps != null && kg != null ? `${reps}×${kgText(kg)} kg`
    : reps != null ? `${reps} reps` : kg != null ? `${kgText(kg)} kg` : null;
  const distance = metres != null ? (metres >= 1000 ? `${kgText(metres / 1000)} km` : `${Math.round(metres)} m`) : null;
  const clock = time != null ? clockText(time) : null;
  const moved = distance && clock ? `${distance} in ${clock}` : distance ?? clock;
  return moved && load ? `${moved} × ${load}` : moved ?? load ?? "·";
}
export const range = (r, unit = "") => (r ? (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`) + unit : "—");

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
export function structureText(s) {
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


export const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function zone() {
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
export function localDate(d = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone(), year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}


export function fmtDateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameYear = Math.abs(d.getTime() - Date.now()) < 300 * 86400e3;
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone(), weekday: "short", day: "numeric", month: "short", year: sameYear ? undefined : "numeric",
    hour: "2-digit", minute: "2-digit",
  }).format(d);
}

/** A civil date (YYYY-MM-DD) as "Mon 3 Mar". */
export function fmtDay(date, opts = { weekday: "short", day: "numeric", month: "short" }) {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(undefined, { ...opts, timeZone: "UTC" }).format(d);
}

export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}` : `${mm}:${String(ss).padStart(2, "0")}`;
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The Monday of the week of a civil date (YYYY-MM-DD), `weeks` later (or earlier). */
export function mondayOf(date, weeks = 0) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7 * weeks);
  return d.toISOString().slice(0, 10);
}

// What a view says while the athlete's history is too short for a number to mean much (a new log).

import { h } from "./dom.js";

/**
 * "Your load history is still building: 12 of 28 days" — from the status answer's maturity (`load.*_maturity`),
 * naming the numbers that are still rough; null once every trend is established.
 */
export function buildingNote(load) {
  const form = load?.form_maturity;
  const acwr = load?.acwr_maturity;
  const building = [form, acwr].filter((m) => m?.state === "building");
  if (!building.length) {
    return acwr?.state === "low_base"
      ? h("p", { class: "building", "data-state": "low-base" },
        "Too little load in your recent history for the acute:chronic ratio to mean anything yet: it raises no flag.")
      : null;
  }
  const days = Math.min(...building.map((m) => m.days));
  const needed = Math.max(...building.map((m) => m.days_needed));
  return h("p", { class: "building", "data-state": "building" },
    h("strong", {}, `Your load history is still building: ${days} of ${needed} days.`),
    " Until then fitness, fatigue, form and the acute:chronic ratio start from little and read as rough: "
    + "they raise no flag and change no advice. Importing older files fills the history in at once.");
}

// Recovery: readiness and each muscle's recovery.

import { api, askForProfile, needsProfile, unavailable } from "./api.js";
import { $, clear, h } from "./dom.js";
import { cap, fmtDateTime, num, words } from "./format.js";
import { loaders, onReset } from "./router.js";
import { buildingNote } from "./states.js";

const LEGS = ["quads", "hamstrings", "glutes", "adductors", "abductors", "calves", "hip_flexors"];
const TRUNK = ["lower_back", "abs", "obliques"];

export function setupRecovery() {
  onReset(() => clear($("#recovery")));
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
    const note = buildingNote(s.load);
    if (note) host.append(note);
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

export function bar(m) {
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

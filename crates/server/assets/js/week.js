// Week: the plan for a week, and its calendar file.

import { api, API, askForProfile, downloadWithToken, needsProfile, unavailable } from "./api.js";
import { $, clear, h } from "./dom.js";
import { fmtDay, localDate, mondayOf, structureText, words } from "./format.js";
import { loaders, onReset } from "./router.js";

export function setupWeek() {
  const form = $("#week-form");
  onReset(() => {
    form.from.value = "";
    clear($("#week"));
  });
  const load = async () => {
    const from = form.from.value || mondayOf(localDate());
    const host = $("#week");
    const res = await api(`/plan/week?from=${encodeURIComponent(from)}`);
    clear(host);
    if (!res.ok) {
      host.append(needsProfile(res) ? askForProfile("The week plan starts from your goal") : unavailable("The week plan", res));
      return;
    }
    renderWeek(host, res.data, from);
  };
  // A week starts on Monday, as a training week does.
  loaders.week = async () => {
    if (!form.from.value) form.from.value = mondayOf(localDate());
    await load();
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    load();
  });
  for (const [id, weeks] of [["#week-previous", -1], ["#week-next", 1]]) {
    $(id).addEventListener("click", () => {
      form.from.value = mondayOf(form.from.value || localDate(), weeks);
      load();
    });
  }
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
  if (!days.some((d) => (d.sessions ?? []).some((x) => x.kind !== "rest"))) {
    // Why a week is empty: the plan is the athlete's usual week, read from the log.
    host.append(h("div", { class: "empty", "data-state": "empty-week" },
      h("p", {}, h("strong", {}, "Only rest this week.")),
      h("p", {}, "afterlift plans your usual week from the last four weeks of your log, and finds no lifting or running "
        + "on these days yet. ", h("a", { href: "#/import" }, "Import your watch and app files"),
      " (older ones too) or save the sessions you do on Today, and the plan follows what you train.")));
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

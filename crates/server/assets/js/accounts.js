// Accounts: sign-in, the coach's athlete switcher, the account page and the team.

import { api, askForToken, clearErrors, errorInfo, markField, showErrors, unavailable } from "./api.js";
import { $, $$, announce, clear, h } from "./dom.js";
import { cap, fmtDateTime, fmtDay } from "./format.js";
import { loadProfile } from "./profile.js";
import { loaders, resets, route, state } from "./router.js";

// A log with users is served with accounts: every request is a signed-in user's (the session cookie,
// HttpOnly: this page never sees it). A coach acts for one athlete at a time, chosen in the header's
// switcher and sent as `Afterlift-Athlete` on every request for an athlete's data; the choice is kept for
// this tab (sessionStorage). A personal log (`GET /me` answers 404) shows none of this.

const ACTING_KEY = "afterlift-athlete";
export const account = {
  mode: "unknown", // "personal" | "accounts", once `detectMode` has asked
  me: null, // `GET /me` while signed in
  signedOut: false, // the sign-in form is showing
  notice: null, // a word for the team page (an athlete who withdrew access)
};

const isCoach = () => account.me?.user.role === "coach";
/** The athlete id a coach acts for (a string, as sent), or null. */
export const actingFor = () => (isCoach() ? sessionStorage.getItem(ACTING_KEY) : null);
export const actingName = () => account.me?.athletes.find((a) => String(a.athlete_id) === actingFor())?.name ?? null;
/** Whether the athlete views can load: always, except for a coach who has chosen no athlete. */
export const canReadLog = () => !isCoach() || !!actingFor();
/** The accounts' own endpoints act for nobody; every other one acts for an athlete. */
export const forAthlete = (path) => !/^\/(session|me|team)(\/|\?|$)/.test(path);

/** `GET /me`: 200 signed in; 404 a personal log; 401 either a server with accounts and nobody signed in, or
 *  a personal log asking for its token — only the first lets a sign-in through, so a bare one tells them apart. */
export async function detectMode() {
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
export function unauthorized() {
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

/** Clears everything drawn from an athlete's log, so nothing of one athlete is shown as another's: each
 * view registered what to clear with `onReset`. */
function resetLogViews() {
  for (const reset of resets) reset();
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
export async function lostAthlete(id) {
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

export function setupSignIn() {
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

export function setupAccount() {
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

export function setupTeam() {
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

/** A verdict as the Today view's card names it. */
const VERDICT_WORDS = { go: "Go", modify: "Modify", swap: "Swap", postpone: "Postpone", skip: "Skip" };

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
      h("th", { scope: "col" }, "Today's advice"), h("th", { scope: "col" }, "Last lift"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", {}, team.map((m) => h("tr", { "data-id": m.athlete_id },
      h("th", { scope: "row" }, m.name, String(m.athlete_id) === acting ? h("span", { class: "muted" }, " (showing)") : null),
      h("td", { "data-label": "Readiness" }, m.readiness
        ? [h("span", { class: `level level-${m.readiness}` }, m.readiness),
          m.readiness_reason ? h("span", { class: "reason" }, m.readiness_reason) : null]
        : h("span", { class: "muted" }, "No profile yet")),
      h("td", { "data-label": "Today's advice" }, m.advice_today
        ? h("span", { class: `team-verdict verdict-word-${m.advice_today.verdict}`, "data-verdict": m.advice_today.verdict },
          `${VERDICT_WORDS[m.advice_today.verdict] ?? cap(m.advice_today.verdict)} · ${m.advice_today.at.slice(11, 16)}`)
        : h("span", { class: "muted" }, "Not asked today")),
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

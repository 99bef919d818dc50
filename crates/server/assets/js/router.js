// What the page shows: the state shared by the views, the views and their loaders, and the hash router.

import { account, actingFor, actingName, canReadLog } from "./accounts.js";
import { $, $$, h, skeleton } from "./dom.js";
import { cap } from "./format.js";

export const state = {
  profile: undefined, // undefined = not loaded yet, null = none stored
  exercises: [],
  charts: [],
};

const VIEWS = ["today", "history", "recovery", "week", "experiment", "import", "profile", "team", "account", "activity", "lift"];
/** The views of one athlete's log: a coach sees them for the athlete chosen in the switcher. */
const LOG_VIEWS = ["today", "history", "recovery", "week", "experiment", "import", "profile", "activity", "lift"];
/** Views opened from another (`#/activity/a12` from History): that one is marked in the navigation. */
const PARENT = { activity: "history", lift: "history" };
export const loaders = {};
/** What each view clears when the log shown changes (another athlete, signed out): `onReset(() => …)`. */
export const resets = [];
export const onReset = (fn) => resets.push(fn);

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

export async function route(userInitiated) {
  if (account.signedOut) return; // the sign-in form is showing
  const view = currentView();
  // A coach sees an athlete's views once an athlete is chosen; until then, a word on how to choose one.
  const waiting = LOG_VIEWS.includes(view) && !canReadLog();
  $("#choose-athlete").hidden = !waiting;
  for (const sec of $$("main > section[data-view]")) sec.hidden = waiting || sec.dataset.view !== view;
  for (const a of $$(".top nav a")) {
    if (a.dataset.view === (PARENT[view] ?? view)) a.setAttribute("aria-current", "page");
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
  // While the view's data comes: a placeholder in each of its empty boxes, and the view marked busy.
  const section = $(`#view-${view}`);
  for (const box of $$("[data-loads]", section)) if (!box.childElementCount) box.append(skeleton());
  section.setAttribute("aria-busy", "true");
  try {
    await loaders[view]?.();
  } catch (e) {
    // An answer of a shape this page does not know: say so in the view instead of leaving it half drawn.
    console.error(e);
    $(`#view-${view}`).append(h("p", { class: "form-error", role: "alert" }, `This view could not be shown: ${e.message}`));
  } finally {
    section.removeAttribute("aria-busy");
    for (const s of $$(".skeleton", section)) s.remove();
  }
}

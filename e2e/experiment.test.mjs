// Personal experiments (issue 15), in headless Debian Chromium against a server of its own:
//
//   AFTERLIFT_E2E_ONLY=experiment cargo test -p afterlift-server --test e2e -- --nocapture
//
// The server's log holds one experiment already: started on Fri 26 Feb 2021 (with that day's clock — the
// API refuses a start before today, as outcomes are declared before the start) for 1 Mar – 25 Apr 2021,
// "lift first or run first", its primary outcome the bench press's e1RM (e2e.rs sets it up). The Strong
// export imported here holds those weeks' lifts, so its report has period means, an estimate and an
// interval to draw. Through the form a new experiment is started today: its schedule, today's strategy,
// "not enough data yet"; then it is stopped (after a confirmation) and its report downloaded as Markdown
// and HTML. Desktop 1280 × 900 and phone 390 × 844; axe-core finds nothing; screenshots in e2e/artifacts/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as e2e from "./support.mjs";
import { BASE, external, pageErrors, TESTDATA } from "./support.mjs";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const STRONG = resolve(TESTDATA, "strong/strong.csv");
/** The experiment e2e.rs started in February 2021. */
const SEEDED = "1";

let browser;
let desktop;
let phone;

async function get(path) {
  const res = await desktop.request.get(`${BASE}/api/v1${path}`);
  assert.equal(res.status(), 200, `${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

before(async () => {
  browser = await e2e.launch();
  desktop = await e2e.newPage(browser, DESKTOP);
  phone = await e2e.newPage(browser, PHONE);
  const profile = await desktop.request.put(`${BASE}/api/v1/profile`, {
    data: { athlete: { age: 38, sex: "male", weight_kg: 80, max_hr: 188, resting_hr: 52, goal: "general", time_zone: "Europe/Berlin" } },
  });
  assert.equal(profile.status(), 200, await profile.text());
  const report = await e2e.importFiles(desktop, [STRONG]);
  assert.equal(report.errors, 0, JSON.stringify(report));
});

after(async () => {
  await browser?.close();
  assert.deepEqual(external, [], "no request leaves the server under test");
  assert.deepEqual(pageErrors, [], "the pages logged no errors");
});

/** Opens `#/experiment` (or `#/experiment/ID`) and waits until it is drawn, showing `what`. */
async function openExperiment(page, route, what) {
  await page.goto("about:blank");
  await e2e.open(page, route);
  await page.locator(`#view-experiment[data-state=ready][data-shows=${what}]`).waitFor();
}

async function checks(page, what, size) {
  await e2e.noSideways(page, `${what} (${size})`);
  await e2e.noAxeViolations(page, `${what} (${size})`);
  if (size === "phone") assert.deepEqual(await e2e.smallTargets(page), [], `controls under 44 px on ${what}`);
}

test("no experiment open: a form built from the server's choices, both arms described", async () => {
  const choices = await get("/experiments/comparisons");
  await openExperiment(desktop, "experiment", "form");
  assert.equal(await desktop.locator(".top nav a[aria-current=page]").innerText(), "Experiment");
  const form = desktop.locator("#experiment-form");
  // Every comparison, in the server's words; the chosen one's two arms described with their sources.
  const questions = await form.locator("input[name=comparison]").evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(questions, choices.comparisons.map((c) => c.comparison));
  const second = choices.comparisons[1];
  await form.getByLabel(second.question).check();
  const arms = desktop.locator("#exp-arms");
  await arms.getByText(second.a.label).waitFor();
  assert.match(await arms.innerText(), new RegExp(second.b.label));
  assert.match(await arms.innerText(), new RegExp(second.a.describe.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  // The outcome's unit and suggested smallest difference; the start the server offers (next Monday).
  await form.locator("#exp-primary").selectOption("resting_hr");
  const hr = choices.outcomes.find((o) => o.kind === "resting_hr");
  assert.match(await form.locator("label[for=exp-effect]").innerText(), /\(bpm\)/);
  assert.equal(Number(await form.locator("#exp-effect").inputValue()), hr.suggested_smallest_effect);
  assert.equal(await form.locator("#exp-start").inputValue(), choices.default_start);
  assert.equal(new Date(`${choices.default_start}T12:00:00Z`).getUTCDay(), 1, "a Monday");
  // The washout's limit follows the period length.
  await form.getByLabel("2 weeks").check();
  assert.equal(await form.locator("#exp-washout").getAttribute("max"), "10");
  await form.getByLabel("1 week").check();
  assert.equal(await form.locator("#exp-washout").getAttribute("max"), "3");
  // The e1RM asks for its lift.
  await form.locator("#exp-primary").selectOption("e1rm");
  assert.equal(await form.locator("#exp-lift").isVisible(), true);
  await form.locator("#exp-primary").selectOption("resting_hr");
  assert.equal(await form.locator("#exp-lift").isVisible(), false);
  await e2e.shot(desktop, "experiment-form");
  await checks(desktop, "the experiment form", "desktop");
  await openExperiment(phone, "experiment", "form");
  await checks(phone, "the experiment form", "phone");
  // The view is in the bar at the bottom, within reach.
  const link = await phone.locator(".top nav a[data-view=experiment]").boundingBox();
  assert.ok(link.y > PHONE.height - 80 && link.x + link.width <= PHONE.width, `the link in the bottom bar: ${JSON.stringify(link)}`);
  await e2e.shot(phone, "experiment-form-phone");
});

test("what cannot start is named on its field, and nothing starts", async () => {
  await openExperiment(desktop, "experiment", "form");
  const form = desktop.locator("#experiment-form");
  await form.locator("#exp-primary").selectOption("resting_hr");
  // The form's own check: a smallest difference of 0.
  await form.locator("#exp-effect").fill("0");
  await form.locator("#experiment-start").click();
  await form.locator("#exp-effect[aria-invalid=true]").waitFor();
  // The server's: a start in the past (outcomes are declared before the start).
  await form.locator("#exp-effect").fill("2");
  await form.locator("#exp-start").fill("2021-01-04");
  await form.locator("#experiment-start").click();
  await form.locator("#exp-start[aria-invalid=true]").waitFor();
  assert.match(await form.locator("#exp-start").locator("xpath=..").innerText(), /declared before the start|before/i);
  const list = await get("/experiments");
  assert.equal(list.length, 1, "only the seeded experiment");
});

test("starting one: today's strategy, the schedule with its washout days, and “not enough data yet”", async () => {
  await openExperiment(desktop, "experiment", "form");
  const choices = await get("/experiments/comparisons");
  const form = desktop.locator("#experiment-form");
  const comparison = choices.comparisons[0];
  await form.getByLabel(comparison.question).check();
  await form.locator("#exp-primary").selectOption("resting_hr");
  await form.locator("#exp-effect").fill("2");
  await form.locator("#exp-washout").fill("2");
  // Starting today: today's strategy is in force at once.
  await form.locator("#exp-start").fill(choices.today);
  await form.locator("#experiment-start").click();
  await desktop.locator("#view-experiment[data-state=ready][data-shows=open]").waitFor();
  const [open] = (await get("/experiments")).filter((e) => !e.stopped_on && e.id !== Number(SEEDED));
  assert.ok(open, "the new experiment is listed");
  assert.ok(open.today, `a strategy for today: ${JSON.stringify(open)}`);
  const arm = comparison[open.today.arm];
  const now = await desktop.locator("#exp-now").innerText();
  assert.match(now, new RegExp(`This week: ${arm.label.toLowerCase()}`), now);
  // Day 1 of the period is a washout day: followed, not counted.
  assert.equal(open.today.in_washout, true);
  await desktop.getByText("Washout: today follows the strategy").waitFor();
  // The schedule: one box per period, this one marked, two hatched days each.
  const periods = desktop.locator("#exp-periods > li");
  assert.equal(await periods.count(), open.protocol.schedule.periods.length);
  assert.equal(await desktop.locator("#exp-periods > li[aria-current=step]").count(), 1);
  assert.equal(await periods.first().getAttribute("aria-current"), "step");
  assert.equal(await desktop.locator("#exp-periods .day.washout").count(), 2 * open.protocol.schedule.periods.length);
  assert.equal(await desktop.locator("#exp-periods .day.today").count(), 1);
  // Nothing to plot yet: each outcome says so, with the weeks left.
  const report = await get(`/experiments/${open.id}/report`);
  const notYet = desktop.locator("[data-state=not-enough-data]");
  assert.equal(await notYet.count(), report.results.length);
  assert.match(await notYet.first().innerText(), /Not enough data yet — \d+ more weeks?\./);
  assert.equal(await desktop.locator(".exp-outcome canvas").count(), 0);
  assert.equal(await desktop.locator("#exp-verdict-text").innerText(), report.verdict);
  // The caveats: this athlete only, not medical advice.
  const caveats = await desktop.locator(".exp-caveats").innerText();
  assert.match(caveats, /n-of-1 result: it describes you/);
  assert.match(caveats, /Not medical advice/);
  await e2e.shot(desktop, "experiment-open");
  await checks(desktop, "an open experiment", "desktop");
  await openExperiment(phone, "experiment", "open");
  await checks(phone, "an open experiment", "phone");
  await e2e.shot(phone, "experiment-open-phone");
  await phone.evaluate(() => window.scrollTo(0, 0));
  await phone.screenshot({ path: `${e2e.ARTIFACTS}/experiment-open-phone-top.png` });
  // A second one cannot start while this one is open.
  const again = await desktop.request.post(`${BASE}/api/v1/experiments`, {
    data: { comparison: comparison.comparison, primary: { kind: "hrv", smallest_effect: 0.05 } },
  });
  assert.equal(again.status(), 409, await again.text());
});

test("the experiment of spring 2021: each outcome's period means by strategy, the estimate and its interval in words", async () => {
  const [one, report] = await Promise.all([get(`/experiments/${SEEDED}`), get(`/experiments/${SEEDED}/report`)]);
  assert.equal(one.status, "finished");
  await openExperiment(desktop, `experiment/${SEEDED}`, "closed");
  const primary = report.results[0];
  const withMeans = primary.by_schedule.periods.filter((p) => p.mean !== null).length;
  assert.ok(withMeans >= 6, `weeks of bench press data: ${withMeans}`);
  const figure = desktop.locator(`.exp-outcome[data-outcome=e1rm] figure[data-chart]`);
  await figure.locator("canvas").waitFor();
  assert.equal(Number(await figure.getAttribute("data-periods")), withMeans);
  // Both strategies named beside the plot, each with its colour; the legend by letter.
  const note = await figure.locator(".chart-note").innerText();
  assert.match(note, /Blue: A, lift first on days with both\. Orange: B, run first on days with both\./);
  assert.match(await figure.locator(".u-legend").innerText(), /A[\s\S]*B/);
  // The estimate beside it, in the report's words and in plain ones.
  const words = desktop.locator(".exp-outcome[data-outcome=e1rm] .exp-estimate");
  assert.ok(primary.by_schedule.estimate, JSON.stringify(primary.by_schedule.verdict));
  assert.equal(await words.locator(".exp-summary").innerText(), primary.summary);
  assert.match(await words.locator(".exp-interval").innerText(), /the 95 % interval runs from [−+]?[\d.]+ to [−+]?[\d.]+ kg/);
  assert.equal(await desktop.locator("#exp-verdict-text").innerText(), report.verdict);
  assert.match(await desktop.locator("#exp-now").innerText(), /Finished on Sun,? 25 Apr 2021/);
  // Closed: no strategy today and nothing to stop, the report to download.
  assert.equal(await desktop.locator("#exp-stop").count(), 0);
  assert.equal(await desktop.locator(".exp-downloads a").count(), 2);
  assert.equal(await desktop.locator("#exp-periods > li[aria-current=step]").count(), 0);
  await e2e.shot(desktop, "experiment-2021");
  await desktop.locator(".exp-outcome[data-outcome=e1rm]").screenshot({ path: `${e2e.ARTIFACTS}/experiment-2021-e1rm.png` });
  await checks(desktop, "the 2021 experiment", "desktop");
  await openExperiment(phone, `experiment/${SEEDED}`, "closed");
  await phone.locator(".exp-outcome[data-outcome=e1rm] canvas").waitFor();
  await checks(phone, "the 2021 experiment", "phone");
  await e2e.shot(phone, "experiment-2021-phone");
  await phone.locator(".exp-outcome[data-outcome=e1rm]").scrollIntoViewIfNeeded();
  await phone.screenshot({ path: `${e2e.ARTIFACTS}/experiment-2021-phone-plot.png` });
  // An experiment that is not there.
  await openExperiment(desktop, "experiment/99", "none");
  await desktop.getByText("There is no experiment 99 in your log.").waitFor();
});

test("stopping asks first; then the report downloads as Markdown and HTML", async () => {
  await openExperiment(desktop, "experiment", "open");
  const id = await desktop.locator("#view-experiment").getAttribute("data-experiment");
  await desktop.locator("#exp-stop").click();
  await desktop.locator("#exp-confirm").waitFor();
  await desktop.locator("#exp-stop-no").click();
  assert.equal(await desktop.locator("#exp-confirm").isVisible(), false);
  assert.equal((await get(`/experiments/${id}`)).stopped_on, undefined, "kept running");
  await desktop.locator("#exp-stop").click();
  await desktop.locator("#exp-stop-yes").click();
  await desktop.locator("#view-experiment[data-state=ready][data-shows=form]").waitFor();
  const stopped = await get(`/experiments/${id}`);
  assert.ok(stopped.stopped_on, JSON.stringify(stopped));
  const item = desktop.locator(`.exp-past-list li[data-id="${id}"]`);
  assert.match(await item.innerText(), /stopped early/);

  const [download] = await Promise.all([desktop.waitForEvent("download"), item.locator("a[data-format=markdown]").click()]);
  assert.equal(download.suggestedFilename(), `afterlift-experiment-${id}.md`);
  const md = readFileSync(await download.path(), "utf8");
  const json = await get(`/experiments/${id}/report`);
  assert.ok(md.startsWith(`# Personal experiment: ${json.question}`), md.slice(0, 200));
  for (const part of ["**stopped early**", "## Verdict", "## Strategies compared", "## Design", "## Outcomes (declared",
    "## Statistical methods", "## Adherence and deviations", "## Results", "## Harms", "## Caveats"]) {
    assert.ok(md.includes(part), `the Markdown has ${part}`);
  }
  assert.ok(md.includes(`seed ${stopped.seed}`), "the seed, so the schedule can be drawn again");
  assert.ok(md.includes("Not medical advice"), "the caveat");
  assert.ok(md.trimEnd().endsWith(`_${json.disclaimer.replace(/[\\`*_[\]<>|#]/g, "\\$&")}_`), "ends with the disclaimer");

  const [html] = await Promise.all([desktop.waitForEvent("download"), item.locator("a[data-format=html]").click()]);
  assert.equal(html.suggestedFilename(), `afterlift-experiment-${id}.html`);
  const page = readFileSync(await html.path(), "utf8");
  assert.ok(page.startsWith("<!DOCTYPE html>"));
  assert.ok(page.includes("<h2>Verdict</h2>") && !/<script|<link|src=/.test(page));
  // Opened, it reads as a page: headings, the tables, nothing from elsewhere.
  const view = await browser.newPage();
  await view.setContent(page);
  assert.equal(await view.locator("h1").innerText(), `Personal experiment: ${json.question}`);
  assert.ok((await view.locator("table").count()) >= 2);
  await view.screenshot({ path: `${e2e.ARTIFACTS}/experiment-report-html.png`, fullPage: true });
  await view.close();
  await e2e.shot(desktop, "experiment-stopped");
});

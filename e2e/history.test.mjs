// History you can explore (issue 14, item 2), in headless Debian Chromium against a server of its own:
// real files from 2011–2022 (FIT, GPX, TCX) and two Strong exports (2020–2021) imported through the API,
// a profile and a month of morning check-ins. Nothing in the log is recent, so the view opens on where the
// data is, whatever today's date. Desktop (1280 × 900) and phone (390 × 844); screenshots in e2e/artifacts/.
//
//   AFTERLIFT_E2E_ONLY=history cargo test -p afterlift-server --test e2e -- --nocapture

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import * as e2e from "./support.mjs";
import { BASE, external, pageErrors, TESTDATA } from "./support.mjs";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Recordings from 2011 to 2022 that import whole (testdata/README.md says where each comes from). */
const FILES = [
  "fit/2013-02-06-12-11-14.fit", "fit/20170518-191602-1740899583.fit", "fit/activity-small-fenix2-run.fit",
  "fit/compressed-speed-distance.fit", "fit/developer-types-sample.fit", "fit/event_timestamp.fit",
  "fit/garmin-fenix-5-run.fit", "fit/garmin-fenix-5-bike.fit", "fit/garmin-fenix-5-walk.fit", "fit/onelap-0134902991.fit",
  "fit/sample-activity-indoor-trainer.fit", "fit/sample_mulitple_header.fit",
  "gpx/etrex-around-visnjan.gpx", "gpx/garmin-activity.gpx", "gpx/wahoo_example.gpx",
  "tcx/test.tcx", "tcx/mapmyride-biking.tcx", "tcx/cross-country-skiing_activity_1.tcx",
  "strong/strong-app-analytics.csv", "strong/strong.csv",
].map((f) => resolve(TESTDATA, f));

let browser;
let page;

/** What the log holds, from the API itself (not from the page). */
let first;
let last;
let liftCount;

before(async () => {
  browser = await e2e.launch();
  page = await e2e.newPage(browser, DESKTOP);
  const put = async (path, data) => {
    const res = await page.request.put(`${BASE}/api/v1${path}`, { data });
    assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
  };
  await put("/profile", { athlete: { age: 38, sex: "female", weight_kg: 61, resting_hr: 52, goal: "endurance", time_zone: "Europe/Berlin" } });
  // Two Strong exports (kg) and the recordings, in two uploads.
  await e2e.importFiles(page, FILES.filter((f) => f.endsWith(".csv")));
  await e2e.importFiles(page, FILES.filter((f) => !f.endsWith(".csv")));
  // A month of morning check-ins in March 2021: resting heart rate and HRV.
  for (let d = 1; d <= 31; d++) {
    const date = `2021-03-${String(d).padStart(2, "0")}`;
    await put(`/wellness/${date}`, { resting_hr: 50 + (d % 5), hrv_rmssd_ms: 60 + (d % 7) * 3, sleep_hours: 7.5 });
  }
  const hist = await (await page.request.get(`${BASE}/api/v1/history`)).json();
  ({ first_date: first, last_date: last } = hist);
  liftCount = (await (await page.request.get(`${BASE}/api/v1/lifts?limit=1000`)).json()).length;
});

after(async () => {
  await browser?.close();
  assert.deepEqual(external, [], "no request may leave for another host");
  assert.deepEqual(pageErrors, [], "the pages logged no error");
});

/** Opens History and waits until every part is drawn. */
async function openHistory(p = page) {
  await p.goto("about:blank"); // a fresh page: nothing kept from the test before
  await e2e.open(p, "history");
  await p.locator("#view-history[data-state=ready]").waitFor();
}

/** Full-page shots are too tall to read: each part of the view on its own as well. */
async function partShots(p, prefix) {
  await e2e.shot(p, prefix);
  for (const [name, sel] of [["range", "#history-range"], ["load", "#history-status"], ["volume", "#history-volume-part"],
    ["strength", "#history-strength-part"], ["body", "#history-body-part"], ["lists", "#activities"]]) {
    const el = p.locator(sel);
    if (await el.isVisible()) await el.screenshot({ path: `${e2e.ARTIFACTS}/${prefix}-${name}.png` });
  }
}

const windowText = (p = page) => p.locator("#history-window").innerText();
// textContent, not innerText: parts below the fold are not laid out until scrolled near
// (`content-visibility: auto`), and innerText reads only what is laid out.
const legendValues = (p, chart) => p.locator(`[data-chart=${chart}] .u-legend .u-value`).allTextContents();

test("the log holds 2011–2022: History opens on all of it, not on an empty last month", async () => {
  assert.equal(first, "2011-11-02");
  assert.equal(last, "2022-11-12");
  assert.ok(liftCount > 200, `${liftCount} strength sessions`);
  await openHistory();
  assert.equal(await page.locator("input[name=range][value=all]").isChecked(), true, "the range is All");
  // en-GB (the page's locale): day before month.
  assert.match(await windowText(), /^Showing Wed,? 2 Nov 2011 – Sat,? 12 Nov 2022 \(4,\d{3} days\)\.$/);
  // Every chart of the data: load, form, weekly time, distance, sets by muscle group, e1RM, resting HR, HRV.
  for (const name of ["load", "form", "time", "distance", "sets", "muscle", "e1rm", "resting-hr", "hrv"]) {
    await page.locator(`[data-chart=${name}] canvas`).first().waitFor();
  }
  await partShots(page, "history-desktop");
});

test("axes have titles and units, and legends show the last values without hovering", async () => {
  await openHistory();
  const axes = await page.locator("figure.chart[data-chart]").evaluateAll((figs) =>
    figs.map((f) => [f.dataset.chart, f.querySelector(".axes").textContent]));
  const titles = Object.fromEntries(axes);
  assert.match(titles.time, /Vertical axis: Hours per week\. Horizontal axis: weeks/);
  assert.match(titles.distance, /Vertical axis: Kilometres per week/);
  assert.match(titles.sets, /Vertical axis: Hard sets per week/);
  assert.match(titles.muscle, /Vertical axis: Hard sets per week/);
  assert.match(titles.e1rm, /Vertical axis: e1RM \(kg\)/);
  assert.match(titles.load, /Vertical axis: Load \(AU/);
  // One axis per unit: resting heart rate (bpm) and HRV (ms) are charts of their own.
  assert.match(titles["resting-hr"], /Vertical axis: Resting HR \(bpm\)/);
  assert.match(titles.hrv, /Vertical axis: HRV rMSSD \(ms\)/);
  // Nobody hovers: every legend still shows values (the last ones in view), never "--".
  for (const name of ["load", "form", "time", "distance", "sets", "e1rm", "resting-hr", "hrv"]) {
    const values = await legendValues(page, name);
    assert.ok(values.length >= 2, `${name}: ${values}`);
    for (const v of values) assert.ok(v && !/^(--|—)$/.test(v.trim()), `${name}'s legend shows "${v}"`);
  }
  // The last check-in of the log: 31 March 2021, 51 bpm and 69 ms; the weekly charts' last week in view.
  const hr = await legendValues(page, "resting-hr");
  assert.match(hr[0], /31 Mar 2021/);
  assert.equal(hr[1], "51 bpm");
  assert.equal((await legendValues(page, "hrv"))[1], "69 ms");
  assert.match((await legendValues(page, "time"))[0], /^Week of Mon,? 7 Nov 2022$/);
});

test("weekly volume by sport and by muscle group, and e1RM per exercise with a picker", async () => {
  await openHistory();
  const time = await page.locator("[data-chart=time] .u-legend .u-series th").allTextContents();
  for (const s of ["Run", "Ride", "Swim", "Strength"]) assert.ok(time.some((t) => t.includes(s)), `${s} in ${time}`);
  // Hard sets by body region, each set once: the regions' sets add up to the week's (the API's) hard sets.
  const sets = (await page.locator("[data-chart=sets] .u-legend .u-series th").allTextContents()).map((t) => t.trim().replace(/:$/, ""));
  for (const r of ["Lower body", "Upper body", "Core"]) assert.ok(sets.includes(r), `${r} in ${sets}`);
  // Per muscle group, the mean weekly hard sets of the weeks with strength training in view, most first.
  const muscles = page.locator(".muscles .bar");
  assert.ok((await muscles.count()) >= 10);
  const means = (await page.locator(".muscles .bar .pct").allTextContents()).map(Number);
  assert.deepEqual([...means].sort((a, b) => b - a), means);
  assert.match(await page.locator(".muscles .chart-note").textContent(), /^Mean of the \d+ weeks with strength training in view\./);
  // One muscle group week by week: the chart follows the picker.
  await page.locator("#view-history").getByLabel("Muscle group", { exact: true }).selectOption("hamstrings");
  await page.locator("[data-chart=muscle] h3", { hasText: "Hard sets per week: hamstrings" }).waitFor();

  // The picker starts on the most logged exercise; another is one choice away.
  const picker = page.locator("#view-history").getByLabel("Exercise", { exact: true });
  assert.match(await picker.inputValue(), /^Snatch \(Barbell\)$/);
  await picker.selectOption("Bench Press (Barbell)");
  await page.locator("[data-chart=e1rm] h3", { hasText: "Bench Press (Barbell)" }).waitFor();
  const e1rm = await legendValues(page, "e1rm");
  assert.match(e1rm[1], /^\d+(\.\d)? kg \(\d+×\d+(\.\d)? kg\)$/, `the last session's e1RM and its set: ${e1rm}`);
  const best = page.locator("#history-strength .best a");
  assert.match(await best.getAttribute("href"), /^#\/lift\/l\d+$/);
  // The chart's points are the API's for that exercise.
  const api = await (await page.request.get(`${BASE}/api/v1/history`)).json();
  const bench = api.strength.find((e) => e.exercise === "Bench Press (Barbell)");
  const top = bench.points.reduce((a, b) => (b.e1rm_kg > a.e1rm_kg ? b : a));
  assert.match(await page.locator("#history-strength .best").textContent(), new RegExp(`^Best in these dates: ${top.e1rm_kg.toFixed(1).replace(/\.0$/, "")} kg from ${top.set.replace("×", "×")}`));
  await e2e.shot(page, "history-desktop-bench");
});

test("the range control: presets, custom dates, and drag-to-zoom with a reset", async () => {
  await openHistory();
  // Nothing in the last year (the data ends in 2022): the year shown is the one up to the last entry.
  await page.locator("#view-history").getByLabel("1 year", { exact: true }).check();
  await page.locator("#history-window", { hasText: "Nothing in the last year" }).waitFor();
  assert.match(await windowText(), /showing the year up to your last entry\. Showing Sat,? 13 Nov 2021 – Sat,? 12 Nov 2022/);

  // Custom dates: the lists hold only what started between them.
  await page.locator("#view-history").getByLabel("Custom", { exact: true }).check();
  await page.locator("#view-history").getByLabel("From", { exact: true }).fill("2021-03-01");
  await page.locator("#view-history").getByLabel("To", { exact: true }).fill("2021-03-31");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.locator("#history-window", { hasText: "Showing Mon, 1 Mar 2021 – Wed, 31 Mar 2021" }).waitFor();
  await page.locator("#lifts-table tbody tr").first().waitFor();
  const starts = await page.locator("#lifts-table time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  assert.ok(starts.length > 0);
  for (const s of starts) assert.ok(s >= "2021-03-01" && s < "2021-04-01", `${s} is outside March 2021`);
  // Newest first.
  assert.deepEqual([...starts].sort().reverse(), starts);

  // Zoom: drag across the weekly time chart from a quarter to three quarters of its width.
  await page.locator("#view-history").getByLabel("All", { exact: true }).check();
  await page.locator("#history-window", { hasText: "2 Nov 2011" }).waitFor();
  const over = page.locator("[data-chart=time] .u-over");
  await over.scrollIntoViewIfNeeded();
  await e2e.dragAcross(page, over, 0.25, 0.75);
  await page.getByRole("button", { name: "Reset zoom" }).waitFor();
  assert.equal(await page.locator("input[name=range][value=custom]").isChecked(), true);
  const zoomed = await windowText();
  const days = Number(zoomed.match(/\(([\d,]+) days\)/)[1].replace(",", ""));
  assert.ok(days > 1500 && days < 2500, `about half of 4,000 days: ${zoomed}`);
  await e2e.shot(page, "history-desktop-zoomed");
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await page.locator("#history-window", { hasText: "2 Nov 2011 – Sat, 12 Nov 2022" }).waitFor();
  assert.equal(await page.locator("input[name=range][value=all]").isChecked(), true);
  assert.equal(await page.getByRole("button", { name: "Reset zoom" }).isVisible(), false);
});

test("long lists are paged, newest first, and link to each entry", async () => {
  await openHistory();
  const rows = page.locator("#lifts-table tbody tr");
  assert.equal(await rows.count(), 20, "one page of 20");
  await page.locator("#lifts").getByRole("button", { name: "Show more" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#lifts-table tbody tr").length === 40);
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  assert.equal(new Set(ids).size, 40, "no entry twice");
  const starts = await page.locator("#lifts-table time").evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute("datetime"))));
  assert.deepEqual([...starts].sort((a, b) => b - a), starts, "newest first across pages");
  // The 40 newest of the log, as the API lists them.
  const api = await (await page.request.get(`${BASE}/api/v1/lifts?limit=40`)).json();
  assert.deepEqual(ids, api.map((l) => l.id));
  assert.match(await rows.first().locator("a").getAttribute("href"), /^#\/lift\/l\d+$/);
  const activity = page.locator("#activities-table tbody tr").first();
  assert.match(await activity.locator("a").getAttribute("href"), /^#\/activity\/a\d+$/);
  assert.match(await activity.textContent(), /Ride|Cycle/);
});

test("desktop: axe-core finds no violations on History", async () => {
  await openHistory();
  await e2e.noAxeViolations(page, "History (desktop)");
});

test("another locale writes dates its own way", async () => {
  const us = await browser.newContext({ viewport: DESKTOP, locale: "en-US", timezoneId: "America/New_York" });
  const p = await us.newPage();
  e2e.watch(p);
  await openHistory(p);
  assert.match(await windowText(p), /^Showing Wed, Nov 2, 2011 – Sat, Nov 12, 2022/);
  await us.close();
});

test("phone: everything fits 390 px, lists are cards, axe-core finds no violations", async () => {
  const phone = await e2e.newPage(browser, PHONE);
  await openHistory(phone);
  await e2e.noSideways(phone);
  for (const name of ["time", "sets", "e1rm", "resting-hr"]) {
    const box = await phone.locator(`[data-chart=${name}]`).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${name} is ${box.width} px wide at x ${box.x}`);
  }
  // The lists are cards: no table header, Delete within reach.
  assert.equal(await phone.locator("#lifts-table thead").isVisible(), false);
  const del = await phone.locator("#lifts-table tbody tr").first().getByRole("button", { name: /Delete/ }).boundingBox();
  assert.ok(del.x + del.width <= PHONE.width && del.height >= 44, `Delete at ${JSON.stringify(del)}`);
  await e2e.noAxeViolations(phone, "History (phone)");
  await partShots(phone, "history-phone");
  // Zoomed on a phone too: a custom range fits.
  await phone.locator("#view-history").getByLabel("Custom", { exact: true }).check();
  await e2e.noSideways(phone);
  await phone.context().close();
});

test("the README's picture: a year of lifting, its hard sets per week by region and muscle in view", async () => {
  await openHistory();
  await page.locator("#view-history").getByLabel("Custom", { exact: true }).check();
  await page.locator("#view-history").getByLabel("From", { exact: true }).fill("2021-01-04");
  await page.locator("#view-history").getByLabel("To", { exact: true }).fill("2021-12-26");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.locator("#history-window", { hasText: "Showing Mon, 4 Jan 2021 – Sun, 26 Dec 2021" }).waitFor();
  await page.locator("#view-history[data-state=ready]").waitFor();
  // The hard sets per week by body region at the top, under the sticky header (docs/history.png).
  await page.locator("[data-chart=sets]").evaluate((el) => {
    const header = document.querySelector("header.top").getBoundingClientRect().height;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header - 8);
  });
  await page.screenshot({ path: `${e2e.ARTIFACTS}/history-viewport.png` });
});

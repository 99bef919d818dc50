// One activity and one strength session in full (#/activity/a12, #/lift/l3), in headless Chromium at a
// desktop's and a phone's size, over a fresh server of its own with real files from testdata/:
//
//   AFTERLIFT_BASE_URL=http://127.0.0.1:8080 node --test e2e/detail.test.mjs
//
// What is drawn is checked against what the API answers: the charts hold every sample, the track's path
// every outline point, the zone bars the API's seconds, each exercise's e1RM the API's; the device's laps
// against the files themselves, as a second decoder reads them (fitdecode, ElementTree). axe-core finds no
// violations on either view, a phone never scrolls sideways and its tap targets are 44 px or more.
// Screenshots land in e2e/artifacts/ (detail-*.png).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import * as e2e from "./support.mjs";
import { BASE, external, pageErrors, PHONE, TESTDATA } from "./support.mjs";

const DESKTOP = { width: 1280, height: 900 };
const file = (p) => resolve(TESTDATA, p);
// A 9 km run with heart rate, speed, cadence, altitude and GPS (2,809 samples).
const RUN = file("fit/activity-small-fenix2-run.fit");
// The Fenix 5's short run (21 records, the reference decode's file).
const FENIX5 = file("fit/garmin-fenix-5-run.fit");
// A GPX run with heart rate and positions but no speed: the speed is derived from the distance.
const GPX = file("gpx/garmin-activity.gpx");
// A triathlon: a swim (pace per 100 m), a ride (km/h) and a run.
const TRI = file("fit/sample_mulitple_header.fit");
// An indoor row: no positions.
const ROW = file("fit/20170518-191602-1740899583.fit");
const STRONG = file("strong/strong.csv");
// A run auto-lapped every kilometre (five laps: fitdecode reads 1,000 m ×4 and 835.38 m, heart rate, ascent).
const FIT_LAPS = file("fit/2013-02-06-12-11-14.fit");
// A TCX run of three laps (two auto-laps of a mile, one by the button).
const TCX_LAPS = file("tcx/test.tcx");
// A pool swim of 99 laps (lengths and rests): more than the view shows at first.
const POOL = file("fit/event_timestamp.fit");

let browser;
let desktop;
let phone;
const ids = {};

/** GET an API path as the page would (same origin). */
async function get(page, path) {
  const res = await page.request.get(`${BASE}/api/v1${path}`);
  assert.equal(res.status(), 200, `${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

before(async () => {
  browser = await e2e.launch();
  desktop = await e2e.newPage(browser, DESKTOP);
  phone = await e2e.newPage(browser, PHONE);
  // A profile with a maximum heart rate, so the activities have time in zones.
  const profile = await desktop.request.put(`${BASE}/api/v1/profile`, {
    data: { athlete: { age: 38, sex: "male", weight_kg: 74, max_hr: 188, resting_hr: 52, goal: "general", time_zone: "Europe/Berlin" } },
  });
  assert.equal(profile.status(), 200, await profile.text());
  const report = await e2e.importFiles(desktop, [RUN, FENIX5, GPX, TRI, ROW, STRONG, FIT_LAPS, TCX_LAPS, POOL]);
  assert.equal(report.errors, 0, JSON.stringify(report));
  const list = await get(desktop, "/activities?limit=50");
  const find = (pred, what) => {
    const a = list.find(pred);
    assert.ok(a, `no ${what} in ${JSON.stringify(list)}`);
    return a.id;
  };
  ids.run = find((a) => a.source.includes("fenix2"), "Fenix 2 run");
  ids.fenix5 = find((a) => a.source.includes("fenix5") && a.sport === "run", "Fenix 5 run");
  ids.gpx = find((a) => a.source.startsWith("gpx"), "GPX run");
  ids.swim = find((a) => a.sport === "swim" && a.source.includes("fr920xt"), "triathlon swim");
  ids.ride = find((a) => a.sport === "cycle" && a.source.includes("fr920xt"), "triathlon ride");
  ids.row = find((a) => a.sport === "row", "indoor row");
  ids.fitLaps = find((a) => a.source.includes("fr110"), "the FIT run with five laps");
  ids.tcxLaps = find((a) => a.source.startsWith("tcx"), "the TCX run with three laps");
  ids.pool = find((a) => a.sport === "swim" && a.source.includes("fr735xt"), "the pool swim");
});

after(async () => {
  await browser?.close();
  assert.deepEqual(external, [], "no request leaves the server under test (no map tiles, no fonts)");
  assert.deepEqual(pageErrors, [], "the pages logged no errors");
});

/** Opens `#/activity/ID` (or `#/lift/ID`) and waits until the view says it is drawn. */
async function openDetail(page, route) {
  await e2e.open(page, route);
  const [view, id] = route.split("/");
  await page.locator(`#view-${view}[data-state=ready][data-entry="${id}"]`).waitFor();
}

/** What the page drew for an activity: each chart's points, the track's path, the zones, the splits. */
async function drawn(page) {
  return page.evaluate(() => ({
    charts: [...document.querySelectorAll("#activity-charts figure[data-chart]")].map((f) => ({
      key: f.dataset.chart, samples: Number(f.dataset.samples), points: Number(f.dataset.points),
      canvas: !!f.querySelector("canvas"), plotPx: f.querySelector(".u-over")?.getBoundingClientRect().width,
      title: f.querySelector("h3").textContent,
    })),
    pathCommands: (document.querySelector(".track-svg .track-line")?.getAttribute("d") ?? "").match(/[ML]/g)?.length ?? 0,
    start: !!document.querySelector(".track-svg .track-start"),
    finish: !!document.querySelector(".track-svg .track-finish"),
    viewBox: document.querySelector(".track-svg")?.getAttribute("viewBox"),
    zones: [...document.querySelectorAll(".zone-bars li")].map((li) => ({
      seconds: Number(li.dataset.seconds), text: li.querySelector(".zone-time").firstChild.textContent,
    })),
    splits: document.querySelectorAll(".splits-table tbody tr").length,
    notes: [...document.querySelectorAll(".notes li")].map((li) => li.textContent),
  }));
}

/** "1:02:05" / "4:05", as the page writes durations. */
const duration = (s) => {
  const t = Math.round(s);
  const [hh, mm, ss] = [Math.floor(t / 3600), Math.floor((t % 3600) / 60), t % 60];
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}` : `${mm}:${String(ss).padStart(2, "0")}`;
};

/** On a phone every control is at least 44 × 44 px (support's check), the back link too. */
async function tapTargets(page, view) {
  assert.deepEqual(await e2e.smallTargets(page), [], `controls under 44 px on ${view}`);
  const back = await page.locator(`#view-${view} .back a`).boundingBox();
  assert.ok(back.height >= 43.5 && back.width >= 43.5, `the back link is ${back.width}×${back.height}`);
}

test("an activity in full: every sample charted on one time axis, the zones, the splits and the track", async () => {
  const [detail, streams] = await Promise.all([get(desktop, `/activities/${ids.run}`), get(desktop, `/activities/${ids.run}/streams`)]);
  assert.ok(streams.samples > 2000, `a long run: ${streams.samples} samples`);
  await openDetail(desktop, `activity/${ids.run}`);
  assert.match(await desktop.locator("#activity-h").innerText(), /^Run, /);
  assert.match(await desktop.title(), /^Run · /);
  // The History link is marked in the navigation, and leads back there.
  assert.equal(await desktop.locator(".top nav a[aria-current=page]").innerText(), "History");

  const d = await drawn(desktop);
  // Heart rate, pace (a run), elevation and cadence: each chart drawn from every sample — per pixel column
  // its first, lowest, highest and last (js/reduce.js; e2e/reduce.test.mjs shows the line is the same).
  assert.deepEqual(d.charts.map((c) => c.key), ["hr", "pace", "elevation", "cadence"]);
  for (const c of d.charts) {
    assert.equal(c.samples, streams.samples, `${c.key} shows every sample`);
    assert.ok(c.points > 0 && c.points <= Math.min(c.samples, 4 * (Math.ceil(c.plotPx) + 1) + 50),
      `${c.key}: ${c.points} points drawn for ${c.samples} samples in ${c.plotPx} px`);
    assert.ok(c.canvas, `${c.key} is drawn`);
  }
  assert.deepEqual(d.charts.map((c) => c.title), ["Heart rate (bpm)", "Pace (min/km)", "Elevation (m)", "Cadence (steps/min)"]);
  // The track: one path command per outline point, start and finish marked, drawn from the coordinates.
  assert.equal(d.pathCommands, streams.track.lat_deg.length);
  assert.ok(streams.track.lat_deg.length <= 500 && streams.track.recorded === streams.samples);
  assert.ok(d.start && d.finish, "start and finish are marked");
  // Time in zones: the API's seconds, written as durations.
  assert.ok(detail.hr_zones, "zones with the profile's maximum heart rate");
  assert.deepEqual(d.zones.map((z) => z.seconds), detail.hr_zones.seconds);
  assert.deepEqual(d.zones.map((z) => z.text), detail.hr_zones.seconds.map(duration));
  // Splits: one row per kilometre of the 9 km.
  assert.equal(d.splits, streams.splits.length);
  assert.ok(streams.splits.length >= 9, `${streams.splits.length} splits`);
  // A kilometre's pace: its moving time.
  const firstSplit = await desktop.locator(".splits-table tbody tr").first().locator("td[data-pace]").innerText();
  assert.equal(firstSplit, duration((streams.splits[0].moving_s / streams.splits[0].distance_m) * 1000));

  // The cursors move together, and the track shows where the runner was at that moment.
  const over = desktop.locator("#activity-charts figure[data-chart=hr] .u-over");
  const box = await over.boundingBox();
  await desktop.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await desktop.locator(".track-cursor[visibility=visible]").waitFor();
  const legends = await desktop.evaluate(() => [...document.querySelectorAll("#activity-charts figure")]
    .map((f) => f.querySelectorAll(".u-legend .u-series")[1]?.querySelector(".u-value")?.textContent));
  for (const v of legends) assert.ok(v && v !== "—", `every chart's legend shows the moment's value: ${legends}`);
  await e2e.noAxeViolations(desktop, "the activity detail (desktop)");

  // Zoom: a drag across a tenth of one chart zooms every chart to that part, each then drawing every
  // sample of it; a double-click shows the whole activity again.
  await e2e.dragAcross(desktop, over, 0.4, 0.5);
  await desktop.waitForFunction((all) => [...document.querySelectorAll("#activity-charts figure[data-chart]")]
    .every((f) => Number(f.dataset.samples) < all), streams.samples);
  const zoomed = (await drawn(desktop)).charts;
  const part = zoomed[0].samples;
  assert.ok(part > 50 && part < streams.samples / 5, `a tenth of the run: ${part} samples`);
  for (const c of zoomed) {
    assert.equal(c.samples, part, `${c.key} zoomed to the same part`);
    assert.equal(c.points, c.samples, `${c.key} draws every sample of the part zoomed into`);
  }
  await over.dblclick();
  await desktop.waitForFunction((all) => [...document.querySelectorAll("#activity-charts figure[data-chart]")]
    .every((f) => Number(f.dataset.samples) === all), streams.samples);
  for (const c of (await drawn(desktop)).charts) {
    assert.ok(c.points > 0 && c.points <= Math.min(c.samples, 4 * (Math.ceil(c.plotPx) + 1) + 50), `${c.key}: back to the whole`);
  }
  await desktop.mouse.move(0, 0);
  await e2e.shot(desktop, "detail-activity-desktop");

  // Miles: the splits again every 1,609 m, remembered.
  await desktop.getByLabel("Miles").check();
  await desktop.locator("#view-activity[data-state=ready] .splits-table th:text-is('Mile')").waitFor();
  const miles = await get(desktop, `/activities/${ids.run}/streams?split=mi`);
  assert.equal(await desktop.locator(".splits-table tbody tr").count(), miles.splits.length);
  assert.equal(await desktop.evaluate(() => localStorage.getItem("afterlift-split")), "mi");
  await desktop.getByLabel("Kilometres").check();
  await desktop.locator("#view-activity[data-state=ready] .splits-table th:text-is('Km')").waitFor();

  await desktop.getByRole("link", { name: "← History" }).click();
  await desktop.locator("#view-history").waitFor({ state: "visible" });
});

test("the same activity on a phone: no sideways scrolling, big enough to tap, axe-clean", async () => {
  await openDetail(phone, `activity/${ids.run}`);
  const d = await drawn(phone);
  assert.equal(d.charts.length, 4);

  // A phone's charts are narrow: the page asks the API for the samples 390 columns need, not all 2,809 —
  // and says so; the legends still speak of every sample (the API's statistics).
  const streams = await get(phone, `/activities/${ids.run}/streams`);
  const asked = await phone.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name).filter((n) => n.includes("/streams")));
  assert.ok(asked.length && asked.every((n) => /[?&]columns=390\b/.test(n)), asked.join(", "));
  assert.equal(await phone.locator("#activity-charts").getAttribute("data-samples"), "chart");
  for (const c of d.charts) {
    assert.equal(c.samples, streams.samples, `${c.key}: every recorded sample is behind the chart`);
    assert.ok(c.points < c.samples / 2, `${c.key}: ${c.points} points for ${c.samples} samples`);
  }
  const cadence = await phone.locator("#activity-charts figure[data-chart=cadence] .u-legend .u-series:nth-child(2) .u-value").innerText();
  const st = streams.stats.cadence_rpm;
  assert.equal(cadence, `avg ${Math.round(st.mean * 2)} · max ${Math.round(st.max * 2)} steps/min`);

  // Zoomed into a part, the charts ask for every sample once and draw each of the part's.
  const over = phone.locator("#activity-charts figure[data-chart=hr] .u-over");
  await e2e.dragAcross(phone, over, 0.3, 0.4);
  await phone.locator("#activity-charts[data-samples=all]").waitFor();
  await phone.waitForFunction((all) => [...document.querySelectorAll("#activity-charts figure[data-chart]")]
    .every((f) => Number(f.dataset.samples) < all && f.dataset.points === f.dataset.samples), streams.samples);
  const part = (await drawn(phone)).charts;
  assert.ok(part[0].samples > 50, `a tenth of the run: ${part[0].samples} samples`);
  for (const c of part) assert.equal(c.samples, part[0].samples, `${c.key} zoomed to the same part`);
  await over.dblclick();
  await phone.waitForFunction((all) => [...document.querySelectorAll("#activity-charts figure[data-chart]")]
    .every((f) => Number(f.dataset.samples) === all), streams.samples);
  await phone.mouse.move(0, 0);
  await e2e.noSideways(phone);
  await tapTargets(phone, "activity");
  await e2e.noAxeViolations(phone, "the activity detail (phone)");
  await e2e.shot(phone, "detail-activity-phone");
  // What a phone's screen shows at the top, and at the track (a full page is too tall to look at).
  await phone.screenshot({ path: `${e2e.ARTIFACTS}/detail-activity-phone-top.png` });
  await phone.locator(".track").scrollIntoViewIfNeeded();
  await phone.screenshot({ path: `${e2e.ARTIFACTS}/detail-activity-phone-track.png` });
});

test("a recording without speed, a swim, a ride, an indoor row and the Fenix 5's short run", async () => {
  // The GPX has no speed of its own: the pace is computed from the distance, and the page says so.
  await openDetail(desktop, `activity/${ids.gpx}`);
  let d = await drawn(desktop);
  assert.ok(d.charts.some((c) => c.key === "pace"));
  assert.ok(d.notes.some((n) => /computed from the distance/.test(n)), JSON.stringify(d.notes));

  // A swim's pace per 100 m, splits every 100 m.
  await openDetail(desktop, `activity/${ids.swim}`);
  d = await drawn(desktop);
  assert.ok(d.charts.some((c) => c.title === "Pace (min/100 m)"), JSON.stringify(d.charts));
  const swim = await get(desktop, `/activities/${ids.swim}/streams`);
  assert.equal(swim.split_m, 100);
  assert.equal(d.splits, swim.splits.length);

  // A ride's speed in km/h and cadence in rpm.
  await openDetail(desktop, `activity/${ids.ride}`);
  d = await drawn(desktop);
  const titles = d.charts.map((c) => c.title);
  assert.ok(titles.includes("Speed (km/h)") && titles.includes("Cadence (rpm)"), titles.join(", "));

  // Indoors: no positions, said in words; the charts are still there.
  await openDetail(desktop, `activity/${ids.row}`);
  assert.equal(await desktop.locator(".track [data-state=no-track]").count(), 1);
  assert.equal(await desktop.locator(".track-svg").count(), 0);
  assert.ok((await drawn(desktop)).charts.length >= 1);

  // The short run: 21 records, all 21 drawn, the track whole.
  const fenix = await get(desktop, `/activities/${ids.fenix5}/streams`);
  await openDetail(desktop, `activity/${ids.fenix5}`);
  d = await drawn(desktop);
  assert.equal(fenix.samples, 21);
  for (const c of d.charts) assert.deepEqual([c.samples, c.points], [21, 21], c.key);
  // Asked for a chart's width, a short recording comes whole: nothing more to fetch on a zoom.
  assert.equal(await desktop.locator("#activity-charts").getAttribute("data-samples"), "all");
  assert.equal(d.pathCommands, 21);
  await e2e.shot(desktop, "detail-activity-short");

  // An id the log does not have.
  await e2e.open(desktop, "activity/a999");
  await desktop.locator("#activity [data-state=not-found]").waitFor();
});

/** The laps table as drawn: its column heads and each row's cells. */
async function lapsTable(page) {
  return page.evaluate(() => ({
    heads: [...document.querySelectorAll(".laps-table thead th")].map((th) => th.textContent),
    rows: [...document.querySelectorAll(".laps-table tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent)),
  }));
}

test("the device's laps: a FIT run's five and a TCX run's three, as a table beside the computed splits, cards on a phone", async () => {
  // The API gives the files' laps: the numbers as fitdecode 0.11 reads the FIT file's lap messages.
  const fit = await get(desktop, `/activities/${ids.fitLaps}/streams`);
  const pick = (l) => [l.start_s, l.timer_s, l.distance_m, l.avg_hr_bpm, l.max_hr_bpm, l.ascent_m, l.trigger];
  assert.deepEqual(fit.laps.map(pick), [
    [0, 578.73, 1000, 146, 165, 58, "distance"],
    [579, 622.39, 1000, 157, 171, 99, "distance"],
    [1201, 704.01, 1000, 132, 164, 8, "distance"],
    [1905, 344.15, 1000, 157, 164, null, "distance"],
    [2249, 375.86, 835.38, 154, 160, null, "manual"],
  ]);
  assert.ok(fit.splits.length >= 5, "the computed splits are still there");

  await openDetail(desktop, `activity/${ids.fitLaps}`);
  assert.equal(await desktop.locator("#laps-h").innerText(), "Your device's laps");
  let t = await lapsTable(desktop);
  assert.deepEqual(t.heads, ["Lap", "Start", "Time", "Distance (km)", "Pace (min/km)", "Avg HR", "Max HR", "Ascent (m)", "Ended by"]);
  assert.equal(t.rows.length, 5);
  // 578.73 s on the timer for 1,000 m: 9:39 a kilometre; the last lap 835.38 m in 375.86 s: 7:30.
  assert.deepEqual(t.rows[0], ["1", "0:00", "9:39", "1.00", "9:39", "146", "165", "58", "Auto (distance)"]);
  assert.deepEqual(t.rows[4], ["5", "37:29", "6:16", "0.84", "7:30", "154", "160", "—", "Lap button"]);
  // The splits stay, labelled as computed; nothing says the device's laps are missing.
  assert.equal(await desktop.locator("#splits-h").innerText(), "Computed splits");
  assert.match(await desktop.locator(".splits .hint").innerText(), /computed from the samples/);
  assert.equal(await desktop.locator(".splits-table tbody tr").count(), fit.splits.length);
  assert.doesNotMatch(await desktop.locator("#activity").innerText(), /not your device's laps|readers do not keep/i);
  await e2e.noAxeViolations(desktop, "an activity with laps (desktop)");
  await desktop.evaluate(() => window.scrollTo(0, document.querySelector(".laps").getBoundingClientRect().top + window.scrollY - 100));
  await desktop.screenshot({ path: `${e2e.ARTIFACTS}/detail-laps-desktop.png` });

  // In miles: the laps' distances and paces follow the splits' unit.
  await desktop.getByLabel("Miles").check();
  await desktop.locator("#view-activity[data-state=ready] .splits-table th:text-is('Mile')").waitFor();
  t = await lapsTable(desktop);
  assert.equal(t.heads[3], "Distance (mi)");
  assert.deepEqual(t.rows[0].slice(3, 5), ["0.62", "15:31"]);
  await desktop.getByLabel("Kilometres").check();
  await desktop.locator("#view-activity[data-state=ready] .splits-table th:text-is('Km')").waitFor();

  // The TCX run (ElementTree: TotalTimeSeconds 608.47, 714.80, 669.51; DistanceMeters 1609.34399414 twice,
  // then 1470.5546875; heart rate 139/189, 172/188, 167/180; TriggerMethod Distance, Distance, Manual): no
  // ascent or cadence in the file, so no such columns.
  const tcx = await get(desktop, `/activities/${ids.tcxLaps}/streams`);
  assert.deepEqual(tcx.laps.map(pick), [
    [0, 608.47, 1609.34399414, 139, 189, null, "distance"],
    [609, 714.8, 1609.34399414, 172, 188, null, "distance"],
    [1323, 669.51, 1470.5546875, 167, 180, null, "manual"],
  ]);
  await openDetail(desktop, `activity/${ids.tcxLaps}`);
  t = await lapsTable(desktop);
  assert.deepEqual(t.heads, ["Lap", "Start", "Time", "Distance (km)", "Pace (min/km)", "Avg HR", "Max HR", "Ended by"]);
  assert.deepEqual(t.rows.map((r) => r.slice(0, 4)), [["1", "0:00", "10:08", "1.61"], ["2", "10:09", "11:55", "1.61"], ["3", "22:03", "11:10", "1.47"]]);
  assert.deepEqual(t.rows.map((r) => r[7]), ["Auto (distance)", "Auto (distance)", "Lap button"]);

  // A GPX recording has no laps: no laps card, the computed splits only.
  await openDetail(desktop, `activity/${ids.gpx}`);
  assert.equal(await desktop.locator(".laps").count(), 0);
  assert.ok(await desktop.locator(".splits-table tbody tr").count() > 0);

  // 99 laps of a pool swim: the first 20, then all of them on a press.
  const pool = await get(desktop, `/activities/${ids.pool}/streams`);
  assert.equal(pool.laps.length, 99);
  await openDetail(desktop, `activity/${ids.pool}`);
  assert.equal((await lapsTable(desktop)).rows.length, 20);
  await desktop.getByRole("button", { name: "Show all 99 laps" }).click();
  assert.equal((await lapsTable(desktop)).rows.length, 99);
  assert.equal(await desktop.locator(".show-all-laps").count(), 0);

  // A phone: the same laps as cards (the table is not shown), nothing sideways, big enough to tap, axe-clean.
  await openDetail(phone, `activity/${ids.fitLaps}`);
  assert.equal(await phone.locator(".laps-table").isVisible(), false);
  const cards = await phone.evaluate(() => [...document.querySelectorAll(".lap-cards .lap-card")].map((li) => ({
    title: li.querySelector("h3").textContent,
    values: Object.fromEntries([...li.querySelectorAll("dl > div")].map((d) => [d.querySelector("dt").textContent, d.querySelector("dd").textContent])),
  })));
  assert.equal(cards.length, 5);
  assert.equal(cards[0].title, "Lap 1");
  assert.deepEqual(cards[0].values, {
    Start: "0:00", Time: "9:39", "Distance (km)": "1.00", "Pace (min/km)": "9:39", "Avg HR": "146", "Max HR": "165",
    "Ascent (m)": "58", "Ended by": "Auto (distance)",
  });
  assert.equal(cards[4].values["Distance (km)"], "0.84");
  assert.ok(await phone.locator(".lap-cards").isVisible());
  await e2e.noSideways(phone, "an activity with laps on a phone");
  await tapTargets(phone, "activity");
  await e2e.noAxeViolations(phone, "an activity with laps (phone)");
  // The laps' heading just under the sticky header, for the screenshot.
  await phone.evaluate(() => window.scrollTo(0, document.querySelector(".laps").getBoundingClientRect().top + window.scrollY - 60));
  await phone.screenshot({ path: `${e2e.ARTIFACTS}/detail-laps-phone.png` });
  // The pool swim's "Show all" on a phone: a full-width button a thumb can hit.
  await openDetail(phone, `activity/${ids.pool}`);
  assert.equal(await phone.locator(".lap-cards .lap-card").count(), 20);
  await tapTargets(phone, "activity");
  const button = await phone.locator(".show-all-laps").boundingBox();
  assert.ok(button.height >= 44, `the button is ${button.height} px high`);
  await phone.locator(".show-all-laps").click();
  assert.equal(await phone.locator(".lap-cards .lap-card").count(), 99);
  await e2e.noSideways(phone, "a swim's 99 laps on a phone");
});

test("History's lists open an activity and a lift in full", async () => {
  for (const [kind, list] of [["activity", "#activities"], ["lift", "#lifts"]]) {
    await e2e.open(desktop, "history");
    const link = desktop.locator(`${list} a[href^="#/${kind}/"]`).first();
    await link.waitFor();
    const id = decodeURIComponent((await link.getAttribute("href")).split("/").pop());
    await link.click();
    await desktop.locator(`#view-${kind}[data-state=ready][data-entry="${id}"]`).waitFor();
    assert.equal(await desktop.locator(".top nav a[aria-current=page]").innerText(), "History");
  }
});

test("a strength session in full: sets, e1RM per exercise and the muscles worked", async () => {
  // An alias and a name nobody knows, logged by hand; then a real Strong session.
  const alias = await desktop.request.put(`${BASE}/api/v1/exercises/aliases`, { data: { name: "Kniebeuge", exercise: "Squat (Barbell)" } });
  assert.equal(alias.status(), 200);
  const created = await desktop.request.post(`${BASE}/api/v1/lifts`, {
    data: {
      started_at: "2026-03-02T17:00:00Z", minutes: 50, title: "Legs", exercises: [
        { name: "Kniebeuge", sets: [{ reps: 5, kg: 100 }, { reps: 5, kg: 100 }, { reps: 3, kg: 105 }] },
        { name: "Zorblax Press", sets: [{ reps: 10, kg: 20 }] },
        { name: "Pull Up", sets: [{ reps: 8 }] },
      ],
    },
  });
  assert.equal(created.status(), 201, await created.text());
  const manual = (await created.json()).id;
  const lift = await get(desktop, `/lifts/${manual}`);
  await openDetail(desktop, `lift/${manual}`);
  assert.match(await desktop.locator("#lift-h").innerText(), /^Legs, /);
  const shown = await desktop.evaluate(() => [...document.querySelectorAll(".exercise-card")].map((c) => ({
    name: c.querySelector("h2").textContent,
    epley: c.querySelector(".e1rm")?.dataset.epley ?? null,
    e1rm: c.querySelector(".e1rm strong")?.textContent ?? null,
    sets: c.querySelectorAll("table.sets tbody tr").length,
    best: [...c.querySelectorAll("table.sets tbody tr")].findIndex((r) => r.classList.contains("best")),
    readAs: c.querySelector(".read-as")?.textContent ?? null,
  })));
  assert.deepEqual(shown.map((e) => e.name), lift.exercises.map((e) => e.name));
  for (const [i, e] of lift.exercises.entries()) {
    assert.equal(shown[i].sets, e.sets.length, e.name);
    assert.equal(shown[i].epley, e.e1rm ? String(e.e1rm.epley_kg) : null, e.name);
    assert.equal(shown[i].best, e.e1rm ? e.e1rm.set : -1, e.name);
  }
  // 5 × 100 kg: Epley 116.7 kg (Brzycki 112.5), as the API says.
  assert.equal(shown[0].e1rm, "116.7 kg");
  assert.match(shown[0].readAs, /Read as Squat \(Barbell\) \(your alias\)/);
  assert.match(shown[1].readAs, /Not in the exercise catalogue/);
  const notice = desktop.locator("[data-state=unknown-exercises]");
  assert.match(await notice.innerText(), /“Zorblax Press”/);
  const muscles = await desktop.evaluate(() => [...document.querySelectorAll(".muscle-bars li")].map((li) => [li.dataset.muscle, Number(li.dataset.sets)]));
  assert.deepEqual(muscles, lift.muscles.map((m) => [m.muscle, m.sets]));
  assert.equal(muscles[0][0], "quads");
  await e2e.noAxeViolations(desktop, "the lift detail (desktop)");
  await e2e.shot(desktop, "detail-lift-manual");

  // A real Strong session: every exercise's e1RM as the API gives it.
  const lifts = await get(desktop, "/lifts?limit=200");
  const strong = lifts.find((l) => l.id !== manual && l.exercises.length >= 4 && l.exercises.some((e) => e.sets.some((s) => s.kg && s.reps)));
  const full = await get(desktop, `/lifts/${strong.id}`);
  assert.equal(full.source, "strong");
  assert.ok(full.exercises.some((e) => e.e1rm), "a session with weights has an e1RM");
  await openDetail(desktop, `lift/${strong.id}`);
  const epleys = await desktop.evaluate(() => [...document.querySelectorAll(".exercise-card")].map((c) => c.querySelector(".e1rm")?.dataset.epley ?? null));
  assert.deepEqual(epleys, full.exercises.map((e) => (e.e1rm ? String(e.e1rm.epley_kg) : null)));
  assert.match(await desktop.locator("#lift .source").innerText(), /From a Strong export/);
  await e2e.shot(desktop, "detail-lift-desktop");

  await openDetail(phone, `lift/${strong.id}`);
  await e2e.noSideways(phone);
  await tapTargets(phone, "lift");
  await e2e.noAxeViolations(phone, "the lift detail (phone)");
  await e2e.shot(phone, "detail-lift-phone");
  await phone.evaluate(() => window.scrollTo(0, 0));
  await phone.screenshot({ path: `${e2e.ARTIFACTS}/detail-lift-phone-top.png` });
  await e2e.open(phone, "lift/l9999");
  await phone.locator("#lift [data-state=not-found]").waitFor();
});

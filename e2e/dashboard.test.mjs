// End-to-end tests of the afterlift dashboard in headless Debian Chromium, driven by playwright-core.
//
//   AFTERLIFT_BASE_URL=http://127.0.0.1:8080 node --test e2e/dashboard.test.mjs
//
// `cargo test -p afterlift-server --test e2e` starts a fresh server (empty database) and runs this file.
// The scenarios run in order against that one server, as one new user would: empty states, profile,
// the Today form and its verdict, a FIT upload that then shows in History, recovery, the week plan.
// Screenshots of the main views land in e2e/artifacts/ (gitignored).
//
// Never downloads a browser: Chromium is Debian's package (/usr/bin/chromium, or $CHROMIUM_PATH).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as e2e from "./support.mjs";
import { ARTIFACTS, BASE, external, inView, pageErrors, TESTDATA } from "./support.mjs";

const FIT = resolve(TESTDATA, "fit/garmin-fenix-5-run.fit");
// Long warnings (times going backwards) and a long name: the import table must wrap them on a phone.
const LONG_GPX = resolve(TESTDATA, "gpx/sports-tracker-backwards.gpx");
// A FIT file that holds no workout (its file_id says so): skipped, which the report says in words.
const NOT_AN_ACTIVITY = resolve(TESTDATA, "fit/MonitoringFile.fit");
// A Strong export whose weights carry no unit.
const STRONG_NO_UNIT = resolve(TESTDATA, "strong/strong-statistics.csv");

let context;
let page;
let close;

before(async () => {
  // A browser with a profile on disk: the install check needs one.
  ({ context, page, close } = await e2e.persistentPage({ width: 1280, height: 900 }));
});

after(async () => {
  await close?.();
});

const shot = (name, p = page) => e2e.shot(p, name);
const open = (view) => e2e.open(page, view);

test("a new user sees clear empty states", async () => {
  await open("today");
  await assert.doesNotReject(page.getByText("Set up your profile").waitFor(), "the Today view asks for a profile first");
  assert.equal(await page.locator("#token-form").isVisible(), false, "a loopback server asks for no token");
  // Keyboard: the first Tab reaches the skip link, which moves to the content.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
  await open("history");
  const empty = page.locator("#activities [data-state=empty]");
  await empty.waitFor();
  assert.match(await empty.innerText(), /No activities yet — import a file or log a session/);
  // The load summary needs a profile (or is not built into this server yet): a friendly state either way.
  await page.locator("#history-status [data-state=needs-profile], #history-status [data-state=unavailable]").waitFor();
  await shot("history-empty");
});

test("a personal log shows no sign-in, no account and no team", async () => {
  await open("today");
  assert.equal(await page.evaluate(async () => (await fetch("/api/v1/me")).status), 404, "no accounts here");
  assert.equal(await page.locator("#signin").isVisible(), false);
  assert.equal(await page.locator("#account-bar").isVisible(), false);
  assert.equal(await page.getByRole("link", { name: "Team" }).count(), 0, "no Team in the navigation");
  assert.equal(await page.getByRole("link", { name: "Account" }).count(), 0, "no Account in the navigation");
  // The accounts' views are not there: their addresses show Today.
  await page.goto(`${BASE}/#/team`);
  await page.locator("#view-today").waitFor({ state: "visible" });
  assert.equal(await page.locator("#view-team").isVisible(), false);
  assert.equal(await page.locator("#choose-athlete").isVisible(), false);
});

test("a new user sets a profile; every wrong value is named next to its field, all at once", async () => {
  await open("profile");
  await page.getByLabel("Age (years)").fill("5"); // the server's range is 10–100
  await page.getByLabel("Sex").selectOption("male");
  await page.getByLabel("Weight (kg)").fill("20"); // and 30–250
  await page.getByLabel("Measured max HR (bpm)").fill("300"); // and 120–230
  await page.getByLabel("Primary goal").selectOption("general");
  await page.getByLabel("Usual resting HR (bpm)").fill("55");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByRole("button", { name: "Save profile" }).click();

  const age = page.locator("#p-age");
  await page.locator('#p-age[aria-invalid="true"]').waitFor();
  const msg = await page.locator("#p-age-error").innerText();
  assert.ok(msg.trim().length > 0, "the server's message for athlete.age is shown next to the field");
  // Not one at a time: the other two are marked by the same answer.
  for (const id of ["p-weight", "p-maxhr"]) {
    assert.equal(await page.locator(`#${id}`).getAttribute("aria-invalid"), "true", `${id} marked too`);
    assert.ok((await page.locator(`#${id}-error`).innerText()).trim().length > 0, `${id}'s message`);
  }
  await shot("profile-error");

  await age.fill("34");
  await page.getByLabel("Weight (kg)").fill("80");
  await page.getByLabel("Measured max HR (bpm)").fill("");
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByText("Profile saved.").waitFor();
  assert.equal(await age.getAttribute("aria-invalid"), null, "the error mark is cleared");

  // Stored on the server, not only in the page.
  const stored = await page.evaluate(async () => (await fetch("/api/v1/profile")).json());
  assert.equal(stored.athlete.age, 34);
  assert.equal(stored.athlete.weight_kg, 80);
  assert.equal(stored.athlete.time_zone, "Europe/Berlin");

  // The day window and a race result; a race without its time is named next to the field. The same time for
  // both is a day with no night: the advice below never depends on the hour the tests run at.
  await page.getByLabel("Day starts").fill("00:00");
  await page.getByLabel("Bedtime").fill("00:00");
  await page.getByLabel("Recent race").selectOption("10000");
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.locator('#p-race-time[aria-invalid="true"]').waitFor();
  await page.getByLabel("Race time (h:mm:ss)").fill("45:30");
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByText("Profile saved.").waitFor();
  const full = await page.evaluate(async () => (await fetch("/api/v1/profile")).json());
  assert.match(full.athlete.wake_time, /^00:00/);
  assert.match(full.athlete.sleep_time, /^00:00/);
  assert.deepEqual(full.athlete.race, { distance_m: 10000, time_s: 2730 });
  await open("history");
  await open("profile");
  assert.equal(await page.getByLabel("Race time (h:mm:ss)").inputValue(), "45:30", "the form shows what is stored");
  await shot("profile");
});

test("pain from yesterday's check-in is carried over: ticked today, with where it came from", async () => {
  // Yesterday (in the athlete's zone) said pain, and today has no check-in yet.
  const yesterday = await page.evaluate(() => new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit",
  }).format(new Date(Date.now() - 86_400_000)));
  const put = await page.evaluate(async (d) => (await fetch(`/api/v1/wellness/${d}`, {
    method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ pain: true }),
  })).json(), yesterday);
  assert.equal(put.check_in.pain, true);
  const today = await page.evaluate(async () => (await fetch("/api/v1/wellness/today")).json());
  assert.equal(today.check_in.pain, true, "today carries yesterday's pain");
  assert.equal(today.carried_from, yesterday);

  await open("today");
  await page.waitForFunction(() => document.querySelector("#advice-form [name=pain]")?.dataset.fromLog === "true");
  assert.equal(await page.getByLabel("Pain (not just soreness)").isChecked(), true);
  assert.equal(await page.getByLabel("Feeling ill").isChecked(), false);
  const note = page.locator("#check-in-carried");
  assert.equal(await note.isVisible(), true);
  assert.match(await note.innerText(), /from your check-in on/);

  // Taken back on the day it was given: nothing is carried any more.
  await page.evaluate(async (d) => fetch(`/api/v1/wellness/${d}`, {
    method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ pain: false }),
  }), yesterday);
  const status = await page.evaluate(async () => (await fetch("/api/v1/wellness/today")).status);
  assert.equal(status, 404);
  await page.reload();
  await page.locator("#view-today").waitFor({ state: "visible" });
  await page.waitForFunction(() => document.querySelector("#advice-form [name=pain]")?.dataset.fromLog === "false");
  assert.equal(await page.getByLabel("Pain (not just soreness)").isChecked(), false);
  assert.equal(await note.isVisible(), false);
});

test("after heavy legs, planned intervals are postponed, with reasons", async () => {
  await open("today");
  assert.equal(await page.locator("#today-no-profile").isHidden(), true, "no profile prompt once a profile exists");
  await page.getByRole("radio", { name: "Lower (legs)" }).check();
  await page.getByRole("radio", { name: "Heavy" }).check();
  await page.getByLabel("Minutes lifting").fill("60");
  await page.getByLabel("RPE (1–10)").fill("8");
  await page.getByRole("button", { name: "Add exercise" }).click();
  await page.getByLabel("Exercise", { exact: true }).fill("Squat (Barbell)");
  await page.getByRole("spinbutton", { name: "Sets" }).fill("5");
  await page.getByRole("spinbutton", { name: "Reps" }).fill("5");
  await page.getByRole("spinbutton", { name: "kg", exact: true }).fill("120");
  await page.getByLabel("Kind").selectOption("intervals");
  await page.getByLabel("Sleep (hours)").fill("7.5");
  await page.getByLabel("Fatigue").selectOption("3");

  // A value the server rejects is named next to its field, and no advice is shown.
  await page.getByLabel("Minutes", { exact: true }).fill("0");
  await page.getByRole("button", { name: "Get advice" }).click();
  await page.locator('#planned-minutes[aria-invalid="true"]').waitFor();
  assert.ok((await page.locator("#planned-minutes-error").innerText()).trim().length > 0);
  assert.equal(await page.locator("#advice-result #verdict").count(), 0);

  await page.getByLabel("Minutes", { exact: true }).fill("40");
  await page.getByRole("button", { name: "Get advice" }).click();

  const verdict = page.locator("#advice-result #verdict");
  await verdict.waitFor();
  assert.equal((await verdict.innerText()).trim(), "Postpone");
  assert.equal(await page.locator("#advice-result [data-verdict]").getAttribute("data-verdict"), "postpone");
  // The card leads with the verdict, then the session now, when instead, and why.
  const order = await page.locator("#advice-result .advice > *").evaluateAll((els) => els.map((e) => e.className));
  assert.deepEqual(order.slice(0, 4), ["verdict verdict-postpone", "now", "instead", "why"], `the card's order: ${order}`);
  const reasons = page.locator("#advice-result section > ul.reasons > li");
  assert.ok((await reasons.count()) >= 1, "at least one reason");
  assert.ok((await reasons.count()) <= 3, "the three most important reasons; the rest behind 'Why, in full'");
  assert.ok((await reasons.first().locator(".principle").innerText()).length > 0, "each reason shows its principle");
  assert.equal(await page.locator("#advice-result .reasons code").count(), 0, "rule codes stay in the JSON");
  // The postponed session's time, and what to do now.
  await page.locator("#advice-result").getByText(/session fits from/).waitFor();
  assert.match(await page.locator("#advice-result .now-line").innerText(), /min/);
  // On a desktop too the verdict is brought into view, and said in one sentence (not the whole card).
  await inView(page, "#advice-result #verdict");
  await page.waitForFunction(() => /^Advice: Postpone/.test(document.querySelector("#announce").textContent));
  assert.equal(await page.locator("#advice-result").getAttribute("aria-live"), null, "the card is not read whole");
  await page.screenshot({ path: join(ARTIFACTS, "today-viewport.png") }); // the README's picture (docs/dashboard.png)
  await shot("today");
  // Every reason is there, behind "Why, in full" when there are more than three.
  const all = await page.evaluate(() => document.querySelectorAll("#advice-result .reasons > li").length);
  if (all > 3) {
    await page.getByText(/^Why, in full \(\d+ more\)$/).click();
    assert.ok(await page.locator("#advice-result .more-reasons .reasons > li").last().isVisible());
  }

  // The actions sit with the verdict, in view with it.
  const save = page.locator("#advice-result .verdict").getByRole("button", { name: "Save this session to my log" });
  assert.ok(await save.isVisible());
  assert.ok(await page.locator("#advice-result .verdict #add-to-calendar").isVisible());
  // The later session into a calendar: one event, at the time the card gives, as RFC 5545 wants it.
  const later = await page.locator("#advice-result .later time").getAttribute("datetime");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#add-to-calendar").click()]);
  assert.match(download.suggestedFilename(), /^afterlift-intervals-\d{4}-\d\d-\d\d\.ics$/);
  const ics = readFileSync(await download.path(), "utf8");
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "CRLF lines");
  assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 1);
  const utc = new Date(later).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  assert.match(ics, new RegExp(`\r\nDTSTART:${utc}\r\n`), `starts at ${later}`);
  assert.match(ics, /\r\nSUMMARY:Intervals run \(afterlift\)\r\n/);
  for (const line of ics.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 75, `folded at 75 octets: ${line}`);

  // Keep the session in the log: it shows in History (checked after the upload below).
  await save.click();
  await page.locator("#advice-result").getByText("Saved to your log").waitFor();

  // The same view on a phone.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 360, height: 780 });
  // A reader who asked for less motion: the verdict is jumped to, not scrolled to smoothly.
  await phone.emulateMedia({ reducedMotion: "reduce" });
  await phone.goto(`${BASE}/#/today`);
  await phone.locator("#advice-form").waitFor();
  await phone.getByRole("radio", { name: "Lower (legs)" }).check();
  await phone.getByRole("radio", { name: "Heavy" }).check();
  await phone.getByLabel("Kind").selectOption("intervals");
  await phone.getByRole("button", { name: "Get advice" }).click();
  await phone.locator("#advice-result #verdict").waitFor();
  // The verdict brought into view by the page itself (before the full-page screenshot, which scrolls).
  await inView(phone, "#advice-result #verdict");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 360 px (overflow ${overflow}px)`);
  // What a phone shows after "Get advice": the page's own scroll, the verdict first (docs/dashboard-phone.png).
  await phone.screenshot({ path: join(ARTIFACTS, "today-phone-advice.png") });
  await shot("today-phone", phone);
  await phone.close();
});

test("pain in today's check-in is ticked, and unticking it takes it back", async () => {
  // Today's check-in says pain (as `afterlift log wellness --pain` would); the page shows it ticked.
  const put = await page.evaluate(async () => (await fetch("/api/v1/wellness/today", {
    method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ pain: true }),
  })).json());
  assert.equal(put.check_in.pain, true);
  assert.equal(put.check_in.sleep_hours, 7.5, "the check-in saved with the advice before is kept");
  await page.reload();
  await page.locator("#view-today").waitFor({ state: "visible" });
  await page.waitForFunction(() => document.querySelector("#advice-form [name=pain]")?.dataset.fromLog === "true");
  const pain = page.getByLabel("Pain (not just soreness)");
  assert.equal(await pain.isChecked(), true);
  // The rest of this morning's check-in is shown where it can be changed.
  await page.waitForFunction(() => document.querySelector("#r-sleep").value === "7.5");
  assert.equal(await page.getByLabel("Fatigue").inputValue(), "3");

  await page.getByLabel("Kind").selectOption("easy");
  await pain.uncheck();
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/v1/advice") && r.method() === "POST");
  await page.getByRole("button", { name: "Get advice" }).click();
  assert.equal(JSON.parse((await sent).postData()).readiness.pain, false, "unticking sends false");
  await page.locator("#advice-result #verdict").waitFor();
  assert.notEqual(await page.locator("#advice-result [data-verdict]").getAttribute("data-verdict"), "skip");
  // The form named no lift: the one saved today came from the log, is said, and can be changed.
  const fromLog = page.locator("#advice-result [data-from-log=lift]");
  await fromLog.getByText(/Squat \(Barbell\) ×5/).waitFor();
  await fromLog.getByRole("button", { name: "Change it" }).click();
  assert.equal(await page.locator("#exercise-list [name=ex_name]").first().inputValue(), "Squat (Barbell)");
  assert.equal(await page.locator("#exercise-list [name=ex_sets]").first().inputValue(), "5");

  // Saved with the advice: the log no longer says pain, and keeps the rest of the day's check-in.
  let day;
  for (let i = 0; i < 50; i++) {
    day = await page.evaluate(async () => (await fetch("/api/v1/wellness/today")).json());
    if (day.check_in.pain === false) break;
    await page.waitForTimeout(50);
  }
  assert.equal(day.check_in.pain, false);
  assert.equal(day.check_in.sleep_hours, 7.5);
});

test("a new log says its load history is still building, on History and Recovery", async () => {
  await open("history");
  const note = page.locator("#history-status .building");
  await note.waitFor();
  assert.match(await note.innerText(), /^Your load history is still building: \d+ of 42 days\./);
  assert.match(await note.innerText(), /raise no flag and change no advice/);
  await open("recovery");
  await page.locator("#recovery .building").waitFor();
  await shot("history-building");
});

test("while a view loads it shows placeholders; when the server cannot be reached, a way to try again", async () => {
  // A slow answer: placeholders and a busy view meanwhile, gone with the answer.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/api/v1/status", async (route) => {
    await held;
    await route.continue();
  });
  await open("recovery");
  await page.reload(); // a fresh page: nothing drawn yet
  await page.locator("#recovery .skeleton").waitFor();
  assert.equal(await page.locator("#view-recovery").getAttribute("aria-busy"), "true");
  release();
  await page.locator("#recovery .card").waitFor();
  assert.equal(await page.locator("#recovery .skeleton").count(), 0);
  assert.equal(await page.locator("#view-recovery").getAttribute("aria-busy"), null);
  await page.unroute("**/api/v1/status");

  // No answer at all: said plainly, with "Try again", which works once the server answers.
  await page.route("**/api/v1/status", (route) => route.abort("connectionrefused"));
  await page.reload();
  await page.locator("#view-recovery").waitFor({ state: "visible" });
  const failed = page.locator("#recovery [data-state=error]");
  await failed.waitFor();
  assert.match(await failed.innerText(), /did not answer/);
  await page.unroute("**/api/v1/status");
  await failed.getByRole("button", { name: "Try again" }).click();
  await page.locator("#recovery .card").waitFor();
  assert.equal(await page.locator("#recovery [data-state=error]").count(), 0);
});

test("uploading a FIT file shows it in History", async () => {
  assert.ok(existsSync(FIT), `test file missing: ${FIT}`);
  await open("import");
  // The upload's progress, as the bar shows it (the report replaces the bar when the answer comes).
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector("#import-progress");
      if (bar) window.progressSeen.push(bar.value);
    }).observe(document.querySelector("#import-report"), { subtree: true, childList: true, attributes: true });
  });
  await page.locator("#import-file").setInputFiles(FIT);
  const card = page.locator("#import-files > li").first();
  await page.locator("#import-files > li, #import-error:visible").first().waitFor();
  assert.equal(await page.locator("#import-error").isVisible(), false, `the upload failed: ${await page.locator("#import-error").innerText()}`);
  assert.equal(Math.max(...await page.evaluate(() => window.progressSeen)), 100, "the bar reached the end of the upload");
  const cardText = await card.innerText();
  assert.match(cardText, /garmin-fenix-5-run\.fit/);
  assert.equal(await card.locator(".result").innerText(), "Imported", `the import report says: ${cardText}`);
  assert.match(await page.locator(".import-summary").innerText(), /^1 session imported, 0 already in your log · 1 file — see them in History$/);
  // The session as a person reads it, in their language: "Run · Sat 18 Jul 2021 · 42.1 km · 3:12"; the id
  // stays in the JSON (and the line's data-id).
  const session = card.locator(".sessions .session");
  assert.match(await session.innerText(), /^Run · [A-Z][a-z]{2},? \d{1,2} [A-Z][a-z]{2} \d{4} · \d+\.\d km · (\d+:\d\d|\d+ min)$/);
  assert.match(await session.getAttribute("data-id"), /^a\d+$/);
  await shot("import");

  // The same file dropped onto the drop zone: uploaded again, and recognised as already in the log.
  const bytes = readFileSync(FIT).toString("base64");
  await page.locator("#dropzone").evaluate((zone, b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], "garmin-fenix-5-run.fit", { type: "application/octet-stream" }));
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.locator(".import-summary", { hasText: "0 sessions imported, 1 already in your log · 1 file" }).waitFor();
  const again = page.locator("#import-files > li").first();
  assert.equal(await again.locator(".result").innerText(), "Already in your log");
  assert.match(await again.locator(".plain").innerText(), /imported before: nothing was added/);
  assert.match(await again.locator(".sessions").innerText(), /\(already in your log\)/);
  // The reader's own words are one click away, not in the way.
  assert.equal(await again.locator("details.detail p").isVisible(), false);
  await again.getByText("Technical detail").click();
  assert.ok(await again.locator("details.detail p").isVisible());

  await page.getByRole("link", { name: "see them in History" }).click();
  // History opens on the last 3 months (today's lift is in them); the 2017 run is one choice away.
  await page.locator("#activities [data-state=none-in-range]").getByRole("button", { name: "Show all dates" }).click();
  const activity = page.locator("#activities-table tbody tr").first();
  await activity.waitFor();
  const text = await activity.innerText();
  assert.match(text, /Run/);
  assert.match(text, /\d+[.,]\d\d km/);
  assert.equal(await page.locator("#activities [data-state=empty]").count(), 0);
  // Its start links to the activity.
  assert.match(await activity.getByRole("link").first().getAttribute("href"), /^#\/activity\/a\d+$/);
  const lift = page.locator("#lifts-table tbody tr").first();
  await lift.waitFor();
  assert.match(await lift.innerText(), /Squat \(Barbell\) ×5/);
  assert.equal(await page.locator("#token-form").isVisible(), false);
  // The load summary and its charts, once the server has /status; else the friendly state.
  const status = page.locator("#history-status");
  const missing = status.locator("[data-state=unavailable]");
  if (await missing.count()) {
    assert.match(await missing.innerText(), /not available/);
  } else {
    await status.locator(".tiles").waitFor();
    // With any load in the series (today's strength session, RPE 8 × 60 min) the charts are drawn.
    const series = await page.evaluate(async () => (await (await fetch("/api/v1/status")).json()).daily ?? []);
    if (series.some((d) => d.load > 0)) await status.locator(".uplot").first().waitFor();
    else await status.locator(".empty").waitFor();
  }
  await shot("history");
});

test("the import report wraps on a phone, speaks plainly, and reads pounds when asked", async () => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 360, height: 780 });
  await phone.goto(`${BASE}/#/import`);
  await phone.locator("#import-file").setInputFiles([LONG_GPX, NOT_AN_ACTIVITY]);
  const card = phone.locator("#import-files > li", { hasText: "sports-tracker-backwards.gpx" });
  await card.waitFor();
  assert.match(await card.locator(".sessions").innerText(), /^Other · Fri,? 18 Dec 2020 · 2\.7 km · 9 min$/);
  assert.match(await card.locator(".plain").innerText(), /^Imported, with warnings/);
  await card.getByText("What to check").click();
  assert.match(await card.locator("details.detail").innerText(), /time goes backwards at 20 of 104 track points/);
  // A watch file without a workout: said in words, the parser's terms folded away.
  const skipped = phone.locator("#import-files > li[data-status=skipped]");
  assert.equal(await skipped.locator(".result").innerText(), "Nothing to import");
  assert.match(await skipped.locator(".plain").innerText(), /without a workout in it/);
  assert.equal(await skipped.locator("details.detail p").isVisible(), false);
  assert.match(await phone.locator(".import-summary").innerText(), /· 2 files \(1 with nothing to import\)/);
  await e2e.noSideways(phone);
  await shot("import-phone", phone);

  // A Strong export that does not say its unit, read as pounds: the choice is sent, kept, and converted.
  await phone.getByLabel("Pounds (lb)").check();
  const sent = phone.waitForRequest((r) => r.url().includes("/api/v1/imports"));
  const uploaded = phone.waitForResponse((r) => r.url().includes("/api/v1/imports"));
  await phone.locator("#import-file").setInputFiles(STRONG_NO_UNIT);
  assert.match((await sent).url(), /\/imports\?lb=true$/);
  const report = await (await uploaded).json();
  await phone.locator("#import-files > li", { hasText: "strong-statistics.csv" }).waitFor();
  // The first set of the file: "Bent Over Row (Barbell)", 10.0 (lb) × 13 on 2024-11-28.
  const first = report.sessions.find((x) => x.started_at?.startsWith("2024-11-28"));
  const lift = await (await phone.request.get(`${BASE}/api/v1/lifts/${first.id}`)).json();
  const row = lift.exercises.find((e) => e.name === "Bent Over Row (Barbell)");
  assert.equal(Math.round(row.sets[0].kg * 1000) / 1000, 4.536, "10 lb is 4.536 kg");
  await phone.reload();
  await phone.locator("#view-import").waitFor({ state: "visible" });
  assert.ok(await phone.getByLabel("Pounds (lb)").isChecked(), "the unit chosen is remembered");
  await phone.getByLabel("Kilograms (kg)").check();
  await phone.close();
});

test("recovery shows muscle bars, or a friendly state when status is not built", async () => {
  await open("recovery");
  const bars = page.locator("#recovery .bar");
  const missing = page.locator("#recovery [data-state=unavailable]");
  await bars.or(missing).first().waitFor();
  if (await missing.count()) {
    assert.match(await missing.innerText(), /not available/);
  } else {
    assert.ok((await bars.count()) >= 10, "a bar per muscle group");
    const meter = page.locator("#recovery [role=meter]").first();
    const now = Number(await meter.getAttribute("aria-valuenow"));
    assert.ok(now >= 0 && now <= 100);
  }
  await shot("recovery");
});

test("the week plan opens, or a friendly state when the planner is not built", async () => {
  await open("week");
  const table = page.locator("#week-table");
  const missing = page.locator("#week [data-state=unavailable]");
  await table.or(missing).first().waitFor();
  if (await missing.count()) {
    assert.match(await missing.innerText(), /not available/);
  } else {
    assert.equal(await page.locator("#week-table tbody tr").count(), 7, "seven days");
    // A training week: Monday to Sunday, and the weeks around it one tap away.
    const from = await page.locator("#week-from").inputValue();
    assert.equal(new Date(`${from}T12:00:00Z`).getUTCDay(), 1, `${from} is a Monday`);
    await page.getByRole("button", { name: "Next week" }).click();
    const next = new Date(`${from}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 7);
    await page.waitForFunction((d) => document.querySelector("#week-from").value === d, next.toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Previous week" }).click();
    await page.waitForFunction((d) => document.querySelector("#week-from").value === d, from);
    await page.locator("#week-table").waitFor();
    const ics = page.getByRole("link", { name: /Download calendar/ });
    const href = await ics.getAttribute("href");
    assert.match(href, /\/api\/v1\/plan\/week\.ics\?from=\d{4}-\d{2}-\d{2}$/);
    const res = await page.request.get(BASE + href);
    assert.equal(res.status(), 200);
    assert.match(await res.text(), /BEGIN:VCALENDAR/);
  }
  await shot("week");
  await page.setViewportSize({ width: 360, height: 780 });
  await shot("week-phone");
  await page.setViewportSize({ width: 1280, height: 900 });

  // A week with nothing but rest says why (the plan is the usual week, read from the log).
  await page.route("**/api/v1/plan/week?*", async (route) => {
    const plan = await (await route.fetch()).json();
    for (const d of plan.days) d.sessions = d.sessions.filter((x) => x.kind === "rest");
    await route.fulfill({ json: plan });
  });
  await page.getByRole("button", { name: "Next week" }).click();
  const why = page.locator("#week [data-state=empty-week]");
  await why.waitFor();
  assert.match(await why.innerText(), /usual week from the last four weeks of your log/);
  await page.unroute("**/api/v1/plan/week?*");
});

test("a server without /status or /plan/week yet gives friendly states, not a broken page", async () => {
  const missing = (route) =>
    route.fulfill({ status: 404, contentType: "application/json", body: JSON.stringify({ error: "not_found", message: "no such API endpoint" }) });
  await page.route("**/api/v1/status*", missing);
  await page.route("**/api/v1/plan/week*", missing);
  try {
    for (const [view, host] of [["history", "#history-status"], ["recovery", "#recovery"], ["week", "#week"]]) {
      await open(view);
      const state = page.locator(`${host} [data-state=unavailable]`);
      await state.waitFor();
      assert.match(await state.innerText(), /not available from this server yet\.$/);
    }
    // The rest of History still works.
    await open("history");
    await page.locator("#lifts-table tbody tr").first().waitFor();
    await shot("history-without-status");
  } finally {
    await page.unrouteAll();
  }
});

test("every form field's range is the server's, read from GET /api/v1/limits", async () => {
  await page.goto(BASE + "/#/today");
  const res = await page.request.get(BASE + "/api/v1/limits");
  assert.equal(res.status(), 200);
  const limits = new Map((await res.json()).fields.map((f) => [f.field, f]));
  await page.locator("#p-age[max]").waitFor({ state: "attached" });
  // An exercise row made after the limits arrived gets them too.
  if (!(await page.locator("#exercise-list > li").count())) {
    const details = page.locator("#add-exercise").locator("xpath=ancestor::details[1]");
    if (await details.count()) await details.evaluate((d) => { d.open = true; });
    await page.click("#add-exercise");
  }
  const inputs = await page.$$eval("input[data-field]", (els) =>
    els.map((e) => ({ field: e.dataset.field, min: e.getAttribute("min"), max: e.getAttribute("max") })));
  let checked = 0;
  for (const input of inputs) {
    const f = limits.get(input.field.replace(/\[\d+\]/g, "[]"));
    if (!f) continue;
    assert.equal(Number(input.min), f.min, `${input.field} min`);
    assert.equal(Number(input.max), f.max, `${input.field} max`);
    checked++;
  }
  // The profile's six, the check-in's three, the lift's two and its exercise rows', the planned minutes.
  assert.ok(checked >= 14, `${checked} fields checked`);
});

test("the dashboard can be installed on a phone's home screen, its files compressed", async () => {
  await page.goto(BASE + "/");
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send("Page.getAppManifest");
  assert.deepEqual(manifest.errors, [], "the manifest parses");
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.display, "standalone");
  // Chromium's own verdict: no installability error (manifest, icons fetched and of the sizes they say).
  let errors;
  for (let i = 0; i < 20; i++) {
    ({ installabilityErrors: errors } = await cdp.send("Page.getInstallabilityErrors"));
    if (errors.length === 0) break;
    await page.waitForTimeout(250);
  }
  assert.deepEqual(errors, []);
  // The browser asked for brotli and got it.
  const js = await page.request.get(BASE + "/assets/js/app.js", { headers: { "accept-encoding": "br" } });
  assert.equal(js.headers()["content-encoding"], "br");
  await cdp.detach();
});

test("every view, desktop and phone: no axe-core violations, nothing sideways; on a phone, thumb-sized controls and the views at the bottom", async () => {
  const views = ["today", "history", "recovery", "week", "experiment", "import", "profile"];
  for (const [size, viewport] of [["desktop", e2e.DESKTOP], ["phone", e2e.PHONE]]) {
    const p = await context.newPage();
    e2e.watch(p);
    await p.setViewportSize(viewport);
    for (const view of views) {
      await e2e.open(p, view);
      await p.waitForLoadState("networkidle");
      await e2e.noSideways(p, `${view} (${size})`);
      await e2e.noAxeViolations(p, `${view} (${size})`);
      if (size === "phone") assert.deepEqual(await e2e.smallTargets(p), [], `controls under 44 px on ${view}`);
    }
    if (size === "phone") {
      // The views in a bar at the bottom of the screen, the header compact and kept at the top.
      const nav = await p.locator(".top nav").boundingBox();
      assert.ok(nav.y + nav.height >= viewport.height - 1 && nav.y > viewport.height - 80, `the views' bar is at the bottom (${JSON.stringify(nav)})`);
      // Each of the seven views in reach, none scrolled off the bar.
      for (const a of await p.locator(".top nav a:visible").all()) {
        const box = await a.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 0.5, `${await a.innerText()} is on screen`);
      }
      const header = await p.locator("header.top").boundingBox();
      assert.ok(header.height <= 60, `a compact header (${header.height} px)`);
      await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      assert.ok((await p.locator("header.top").boundingBox()).y <= 0.5, "the header stays at the top");
      await p.screenshot({ path: join(ARTIFACTS, "profile-phone.png") });
    }
    await p.close();
  }
});

test("the page made no request to another host and logged no error", () => {
  assert.deepEqual(external, []);
  assert.deepEqual(pageErrors, []);
});

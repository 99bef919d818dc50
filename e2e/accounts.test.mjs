// End-to-end tests of the dashboard on a server with accounts, in headless Debian Chromium.
//
//   AFTERLIFT_ACCOUNTS_URL=http://127.0.0.1:8081 AFTERLIFT_E2E_PASSWORD=… node --test e2e/accounts.test.mjs
//
// `cargo test -p afterlift-server --test e2e` starts the server over a fresh log with three users — the
// athletes `ana` and `ben`, the coach `kim`, all with the same password — and runs this file after
// `dashboard.test.mjs`. The scenarios run in order, as the people would: ana signs in (after a wrong
// password), keeps a profile, a lift and a check-in, and invites a coach; kim signs in, accepts the code,
// sees ana on the team page, acts for her and sees her data; ana removes kim, who loses access; sign-out.
// Screenshots of the sign-in form and the team page, desktop and phone, land in e2e/artifacts/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as e2e from "./support.mjs";
import { DESKTOP, external, noSideways, pageErrors, PHONE, shot } from "./support.mjs";

const BASE = (process.env.AFTERLIFT_ACCOUNTS_URL ?? "http://127.0.0.1:8081").replace(/\/$/, "");
const PASSWORD = process.env.AFTERLIFT_E2E_PASSWORD ?? "correct horse battery staple";
const NEW_PASSWORD = "a new and longer passphrase";

let browser;
let ana; // the athlete's page (a browser context of her own: her cookie)
let kim; // the coach's page
let anaId;
let invitation; // the code ana gives kim

async function newPage(viewport = DESKTOP) {
  const page = await e2e.newPage(browser, viewport, BASE);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  return page;
}

before(async () => {
  browser = await e2e.launch();
});

after(async () => {
  await browser?.close();
});

/** Signs in through the form; waits for the signed-in header. */
async function signIn(page, name, password = PASSWORD) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#account-bar").waitFor({ state: "visible" });
  assert.equal(await page.locator("#account-name").innerText(), name);
}

test("the sign-in form comes first; a wrong password is said, then ana signs in", async () => {
  ana = await newPage();
  await ana.goto(`${BASE}/`);
  const form = ana.locator("#signin");
  await form.waitFor({ state: "visible" });
  assert.equal(await ana.getByRole("heading", { level: 1 }).innerText(), "Sign in");
  assert.equal(await ana.locator(".top nav").isVisible(), false, "no views before signing in");
  assert.equal(await ana.locator("#token-form").isVisible(), false, "a server with accounts asks for no token");
  assert.equal(await ana.evaluate(() => document.activeElement?.id), "signin-name", "the name field has the focus");
  assert.equal(await ana.locator("#signin-password").getAttribute("autocomplete"), "current-password");
  await shot(ana, "signin-desktop");

  // Nothing typed: both fields are named.
  await ana.getByRole("button", { name: "Sign in" }).click();
  await ana.locator('#signin-name[aria-invalid="true"]').waitFor();
  assert.equal(await ana.locator("#signin-password").getAttribute("aria-invalid"), "true");

  await ana.getByLabel("Name", { exact: true }).fill("ana");
  await ana.getByLabel("Password", { exact: true }).fill("not her password");
  await ana.getByRole("button", { name: "Sign in" }).click();
  const error = ana.getByRole("alert").filter({ hasText: "do not match" });
  await error.waitFor();
  assert.equal(await ana.locator("#account-bar").isVisible(), false);
  assert.equal(await ana.evaluate(() => document.activeElement?.id), "signin-password", "back in the password field");
  await shot(ana, "signin-error-desktop");

  await signIn(ana, "ana");
  assert.equal(await ana.locator("#signin").isVisible(), false);
  assert.equal(await ana.locator("#account-role").innerText(), "(athlete)");
  await ana.locator("#view-today").waitFor({ state: "visible" });
  assert.equal(await ana.locator(".top nav").getByRole("link", { name: "Account", exact: true }).isVisible(), true);
  assert.equal(await ana.locator(".top nav").getByRole("link", { name: "Team", exact: true }).isVisible(), false, "the team is a coach's");
  assert.equal(await ana.locator("#switcher").isVisible(), false, "an athlete acts for herself");
  const me = await ana.evaluate(async () => (await fetch("/api/v1/me")).json());
  assert.equal(me.user.name, "ana");
  anaId = me.user.athlete_id;
  assert.ok(anaId > 0);
});

test("the session cookie is HttpOnly and SameSite=Strict: no script sees it", async () => {
  const cookies = await ana.context().cookies(BASE);
  const session = cookies.find((c) => c.name === "afterlift_session");
  assert.ok(session, `the session cookie is set (${cookies.map((c) => c.name)})`);
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, "Strict");
  assert.doesNotMatch(await ana.evaluate(() => document.cookie), /afterlift_session/);
  assert.equal(await ana.evaluate(() => sessionStorage.getItem("afterlift-token")), null, "no token kept by the page");
});

test("too many tries are refused with the wait said, on a phone", async () => {
  const page = await newPage(PHONE);
  await page.goto(`${BASE}/`);
  await page.locator("#signin").waitFor({ state: "visible" });
  await noSideways(page);
  await shot(page, "signin-phone");
  // Guessing one name's password: 5 tries a minute, then 429 with Retry-After.
  await page.getByLabel("Name", { exact: true }).fill("mallory");
  let text = "";
  for (let i = 0; i < 8 && !/Too many/.test(text); i++) {
    await page.getByLabel("Password", { exact: true }).fill(`guess number ${i}`);
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/v1/session") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await page.locator("#signin-error:not([hidden])").waitFor();
    text = await page.locator("#signin-error").innerText();
  }
  assert.match(text, /Too many sign-in attempts\. Wait \d+ seconds?, then try again\./);
  assert.equal(await page.locator("#signin-error").getAttribute("role"), "alert");
  await noSideways(page);
  await shot(page, "signin-phone-too-many");
  await page.context().close();
});

test("ana keeps a profile, a lift and a check-in in her log", async () => {
  await ana.goto(`${BASE}/#/profile`);
  await ana.locator("#view-profile").waitFor({ state: "visible" });
  await ana.getByLabel("Age (years)").fill("29");
  await ana.getByLabel("Sex").selectOption("female");
  await ana.getByLabel("Weight (kg)").fill("61");
  await ana.getByLabel("Time zone").fill("Europe/Berlin");
  await ana.getByRole("button", { name: "Save profile" }).click();
  await ana.getByText("Profile saved.").waitFor();
  // A lift an hour ago and today's check-in (pain), as her phone's dashboard would send them.
  const lift = await ana.evaluate(async () => (await fetch("/api/v1/lifts", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({
      started_at: new Date(Date.now() - 3_600_000).toISOString(), minutes: 45, rpe: 8,
      exercises: [{ name: "Squat (Barbell)", sets: [{ reps: 5, kg: 70 }, { reps: 5, kg: 70 }, { reps: 5, kg: 70 }] }],
    }),
  })).status);
  assert.equal(lift, 201);
  const checkIn = await ana.evaluate(async () => (await fetch("/api/v1/wellness/today", {
    method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ pain: true, sleep_hours: 6 }),
  })).status);
  assert.equal(checkIn, 200);
  // She asks whether to run: with pain in today's check-in, no running (the team page shows the verdict).
  await ana.goto(`${BASE}/#/today`);
  await ana.locator("#view-today").waitFor({ state: "visible" });
  await ana.getByRole("button", { name: "Get advice" }).click();
  await ana.locator("#advice-result #verdict").waitFor();
});

test("ana creates an invitation code for a coach: shown once, with its expiry, copyable", async () => {
  await ana.locator(".top nav").getByRole("link", { name: "Account", exact: true }).click();
  await ana.locator("#view-account").waitFor({ state: "visible" });
  await ana.locator("#coaches [data-state=empty]").waitFor();
  assert.match(await ana.locator("#coaches").innerText(), /No coach has access to your log/);
  await ana.getByRole("button", { name: "Create an invitation code" }).click();
  const code = ana.locator("#invitation").getByLabel("Invitation code");
  await code.waitFor();
  const value = await code.inputValue();
  assert.ok(value.length >= 8, `a code: ${value}`);
  assert.equal(await ana.evaluate(() => document.activeElement?.id), "invitation-code", "the code has the focus, selected");
  assert.match(await ana.locator("#invitation-note").innerText(), /shown only this once.*until/s);
  assert.ok(Date.parse(await ana.locator("#invitation-note time").getAttribute("datetime")) > Date.now());
  await ana.getByRole("button", { name: "Copy" }).click();
  await ana.locator("#copy-status").filter({ hasText: /\S/ }).waitFor();
  const copied = await ana.locator("#copy-status").innerText();
  if (copied === "Copied.") assert.equal(await ana.evaluate(() => navigator.clipboard.readText()), value);
  else assert.match(copied, /selected/);
  await shot(ana, "account-desktop");
  invitation = value;
});

test("a coach with no athletes is told how to get one; a wrong code is said", async () => {
  kim = await newPage();
  await kim.goto(`${BASE}/`);
  await kim.locator("#signin").waitFor({ state: "visible" });
  await signIn(kim, "kim");
  assert.equal(await kim.locator("#account-role").innerText(), "(coach)");
  // A coach who chose nobody starts on the team page.
  await kim.locator("#view-team").waitFor({ state: "visible" });
  const empty = kim.locator("#team [data-state=empty]");
  await empty.waitFor();
  assert.match(await empty.innerText(), /No athletes yet.*Create an invitation code/s);
  assert.equal(await kim.locator("#switcher").isVisible(), false, "nobody to switch to");
  // The athlete views wait for an athlete.
  await kim.locator(".top nav").getByRole("link", { name: "History", exact: true }).click();
  await kim.locator("#choose-athlete").waitFor({ state: "visible" });
  assert.equal(await kim.locator("#view-history").isVisible(), false);
  await kim.locator(".top nav").getByRole("link", { name: "Team", exact: true }).click();
  await kim.locator("#view-team").waitFor({ state: "visible" });
  await shot(kim, "team-empty-desktop");

  await kim.locator("#accept-form").getByLabel("Invitation code").fill("not-a-code");
  await kim.getByRole("button", { name: "Add athlete" }).click();
  await kim.locator("#accept-error:not([hidden])").waitFor();
  assert.ok((await kim.locator("#accept-error").innerText()).trim().length > 0);
});

test("kim accepts ana's code and sees her on the team page", async () => {
  await kim.locator("#accept-form").getByLabel("Invitation code").fill(invitation);
  await kim.getByRole("button", { name: "Add athlete" }).click();
  await kim.getByText("ana is in your team now.").waitFor();
  const row = kim.locator(`#team-table tbody tr[data-id="${anaId}"]`);
  await row.waitFor();
  assert.match(await row.locator("th").innerText(), /^ana/);
  const level = row.locator(".level");
  assert.match(await level.innerText(), /^(green|amber|red)$/i, "her readiness today");
  assert.ok((await row.locator("td").first().locator(".reason").count()) <= 1);
  const verdict = await ana.evaluate(async () => (await (await fetch("/api/v1/advice", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({}),
  })).json()).verdict);
  await kim.reload();
  await row.waitFor();
  assert.equal(await row.locator("[data-verdict]").getAttribute("data-verdict"), verdict, "her verdict today");
  assert.match(await row.locator(`td[data-label="Today's advice"]`).innerText(), /^(Go|Modify|Swap|Postpone|Skip) · \d\d:\d\d$/);
  assert.match(await row.locator("td[data-label='Last lift']").innerText(), /Squat \(Barbell\) ×3/, "her last lift");
  assert.equal(await kim.locator("#switcher").isVisible(), true, "the switcher lists her now");
  assert.deepEqual(await kim.locator("#acting-for option").allInnerTexts(), ["Choose an athlete…", "ana"]);
  await shot(kim, "team-desktop");

  const phone = await kim.context().newPage();
  await phone.setViewportSize(PHONE);
  await phone.goto(`${BASE}/#/team`);
  await phone.locator(`#team-table tbody tr[data-id="${anaId}"]`).waitFor();
  await noSideways(phone);
  await shot(phone, "team-phone");
  await phone.close();
});

test("kim switches to ana: every view shows her log, and the choice stays for the tab", async () => {
  const profileAsked = kim.waitForRequest((r) => r.url().endsWith("/api/v1/profile"));
  await kim.getByLabel("Athlete", { exact: true }).selectOption({ label: "ana" });
  assert.equal((await profileAsked).headers()["afterlift-athlete"], String(anaId), "the header names her");
  assert.equal(await kim.evaluate(() => sessionStorage.getItem("afterlift-athlete")), String(anaId));
  await kim.locator(`#team-table tbody tr[data-id="${anaId}"] th`, { hasText: "(showing)" }).waitFor();

  await kim.locator(".top nav").getByRole("link", { name: "Profile", exact: true }).click();
  await kim.locator("#view-profile").waitFor({ state: "visible" });
  await kim.waitForFunction(() => document.querySelector("#p-age").value === "29");
  assert.equal(await kim.getByLabel("Weight (kg)").inputValue(), "61");

  // Her check-in (pain) is ticked on Today, from her log.
  await kim.locator(".top nav").getByRole("link", { name: "Today", exact: true }).click();
  await kim.waitForFunction(() => document.querySelector("#advice-form [name=pain]")?.dataset.fromLog === "true");
  assert.equal(await kim.getByLabel("Pain (not just soreness)").isChecked(), true);

  // Her lift in History; the page asked for it as her.
  const liftsAsked = kim.waitForRequest((r) => r.url().includes("/api/v1/lifts"));
  await kim.locator(".top nav").getByRole("link", { name: "History", exact: true }).click();
  assert.equal((await liftsAsked).headers()["afterlift-athlete"], String(anaId));
  await kim.locator("#lifts-table tbody tr").first().waitFor();
  assert.match(await kim.locator("#lifts-table tbody tr").first().innerText(), /Squat \(Barbell\) ×3/);
  assert.match(await kim.title(), /ana/);

  // A reload keeps the choice (sessionStorage), and the page still shows her.
  await kim.reload();
  await kim.locator("#view-history").waitFor({ state: "visible" });
  await kim.locator("#lifts-table tbody tr").first().waitFor();
  assert.equal(await kim.locator("#acting-for").inputValue(), String(anaId));
});

test("ana removes kim; kim loses access at once", async () => {
  await ana.reload();
  await ana.locator("#view-account").waitFor({ state: "visible" });
  const item = ana.locator("#coach-list li", { hasText: "kim" });
  await item.waitFor();
  ana.once("dialog", (d) => d.accept());
  await ana.getByRole("button", { name: "Remove coach kim" }).click();
  await ana.locator("#coaches [data-state=empty]").waitFor();
  assert.equal(await ana.evaluate(() => document.activeElement?.id), "invite", "the focus goes on, not to the page's top");

  // Kim's next request for ana's data is refused: the page says so and goes back to the team.
  await kim.locator(".top nav").getByRole("link", { name: "Recovery", exact: true }).click();
  const lost = kim.locator("#team [data-state=lost]");
  await lost.waitFor();
  assert.match(await lost.innerText(), /ana no longer shares their log with you/);
  await kim.locator("#team [data-state=empty]").waitFor();
  assert.equal(await kim.evaluate(() => sessionStorage.getItem("afterlift-athlete")), null);
  assert.equal(await kim.locator("#switcher").isVisible(), false);
  const status = await kim.evaluate(async (id) => (await fetch("/api/v1/profile", { headers: { "Afterlift-Athlete": String(id) } })).status, anaId);
  assert.equal(status, 404);
});

test("signing out ends the session; the sign-in form comes back", async () => {
  await kim.getByRole("button", { name: "Sign out" }).click();
  await kim.locator("#signin").waitFor({ state: "visible" });
  assert.match(await kim.locator("#signin-status").innerText(), /signed out/);
  assert.equal(await kim.locator("#account-bar").isVisible(), false);
  assert.equal(await kim.locator("#view-team").isVisible(), false);
  assert.equal((await kim.context().cookies(BASE)).some((c) => c.name === "afterlift_session" && c.value), false);
  assert.equal(await kim.evaluate(async () => (await fetch("/api/v1/me")).status), 401);
  // Back in, the same person gets the same page.
  await signIn(kim, "kim");
  await kim.locator("#view-team").waitFor({ state: "visible" });
});

test("ana changes her password (the rule said) and signs in with the new one", async () => {
  await ana.getByRole("link", { name: "Change password" }).click();
  await ana.locator("#view-account").waitFor({ state: "visible" });
  assert.match(await ana.locator("#pw-rule").innerText(), /At least 10 characters/);
  await ana.getByLabel("Current password").fill(PASSWORD);
  await ana.getByLabel("New password").fill("short");
  await ana.getByRole("button", { name: "Change password" }).click();
  await ana.locator('#pw-new[aria-invalid="true"]').waitFor();
  assert.match(await ana.locator("#pw-new-error").innerText(), /at least 10 characters/);

  await ana.getByLabel("New password").fill(NEW_PASSWORD);
  await ana.getByRole("button", { name: "Change password" }).click();
  await ana.getByText("Password changed.").waitFor();
  await ana.getByRole("button", { name: "Sign out" }).click();
  await ana.locator("#signin").waitFor({ state: "visible" });
  await signIn(ana, "ana", NEW_PASSWORD);
  await ana.locator("#view-account").waitFor({ state: "visible" });
});

test("the pages made no request to another host and logged no error", () => {
  assert.deepEqual(external, []);
  assert.deepEqual(pageErrors, []);
});

// What every end-to-end file shares: the server under test, Chromium with this machine's flags, pages that
// record any request to another host and any error the page logs, screenshots, and the checks every view
// must pass (no sideways scrolling on a phone, no axe-core violations).
//
// `cargo test -p afterlift-server --test e2e` starts a fresh server (a new, empty log) for each
// `e2e/*.test.mjs` and gives its address in AFTERLIFT_BASE_URL (AFTERLIFT_ACCOUNTS_URL for the file with
// accounts). Never downloads a browser: Chromium is Debian's package (/usr/bin/chromium, or $CHROMIUM_PATH).

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
export const BASE = (process.env.AFTERLIFT_BASE_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = resolve(HERE, "artifacts");
/** The repository's real test files (testdata/PROVENANCE.md says where each comes from). */
export const TESTDATA = resolve(HERE, "../testdata");
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

// The flags this machine needs: no sandbox as root, no GPU, and no background connections to Google's
// hosts (the network is closed; without these Chromium retries them many at a time).
export const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Requests to any host but the server under test, and errors the pages logged: both must stay empty. */
export const external = [];
export const pageErrors = [];

/** Headless Debian Chromium. */
export async function launch() {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** A page in a browser with a profile on disk, as a person's is (an incognito page cannot install the
 * dashboard as an app); `close()` ends the browser and removes the profile. */
export async function persistentPage(viewport = DESKTOP) {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "afterlift-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, locale: "en-GB", timezoneId: "Europe/Berlin",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** A page in a context of its own (its own cookies), watched for other hosts and errors. */
export async function newPage(browser, viewport = DESKTOP, base = BASE) {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  watch(page, base);
  return page;
}

/** Records `page`'s requests to other hosts and its errors in `external` and `pageErrors`. */
export function watch(page, base = BASE) {
  page.setDefaultTimeout(20_000);
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(base) && !url.startsWith("data:") && !url.startsWith("blob:")) external.push(url);
  });
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  // Chromium logs every 4xx fetch ("Failed to load resource"); the views handle those. Anything else is a bug.
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/Failed to load resource/.test(msg.text())) pageErrors.push(msg.text());
  });
}

/** A full-page screenshot in e2e/artifacts/. Scrolls to the top first (the sticky header then sits at the
 * top of the shot): check what must be in the viewport before taking it. */
export async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Opens `#/view` (e.g. "history", "activity/a1") and waits for its section. */
export async function open(page, route, base = BASE) {
  await page.goto(`${base}/#/${route}`);
  await page.locator(`#view-${route.split("/")[0]}`).waitFor({ state: "visible" });
}

/** Waits (up to 3 s: the scroll may be smooth) until `selector`'s top is within the viewport and not
 * under the page's header where that header stays on screen. */
/** Drags the mouse across `target` (a locator, e.g. a chart's `.u-over`) at half its height, from `from` to
 * `to` (shares of its width), in steps as a hand would: a chart's drag-to-zoom. */
export async function dragAcross(page, target, from, to) {
  const box = await target.boundingBox();
  const at = (share) => box.x + box.width * share;
  const y = box.y + box.height / 2;
  await page.mouse.move(at(from), y);
  await page.mouse.down();
  await page.mouse.move(at((from + to) / 2), y, { steps: 5 });
  await page.mouse.move(at(to), y, { steps: 5 });
  await page.mouse.up();
}

export async function inView(page, selector) {
  await page.waitForFunction((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    const header = document.querySelector("header.top");
    const covered = header && getComputedStyle(header).position === "sticky" ? header.getBoundingClientRect().bottom : 0;
    return r && r.top >= covered && r.top < window.innerHeight - 20;
  }, selector, { timeout: 3000 });
}

/** The page does not scroll sideways (a phone's width holds everything); else names what sticks out. */
export async function noSideways(page, what = "the page") {
  const { scroll, client, wide } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // What sticks out of the page itself: not out of a box that scrolls or clips it, nor a fixed bar.
    const contained = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const st = getComputedStyle(p);
        if (st.overflowX !== "visible" || st.position === "fixed") return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > client + 1 && !el.closest("[hidden]") && !contained(el))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  assert.ok(scroll <= client + 1, `${what} scrolls sideways: ${scroll} px wide in a ${client} px viewport (${wide.join(", ")})`);
}

/** Controls a thumb must hit, each at least 44 × 44 CSS px (WCAG 2.5.5); links inside sentences are exempt. */
export async function smallTargets(page) {
  return page.evaluate(() => {
    const sel = "button, select, summary, nav a, a.button, .choices label, "
      + "input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not(.visually-hidden)";
    return [...document.querySelectorAll(sel)].filter((el) => {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || el.closest("[hidden], .visually-hidden, .uplot")) return false;
      return r.height < 43.5 || r.width < 43.5;
    }).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core (WCAG 2.x A and AA rules, and best practices) on the page as it is: no violations. */
export async function noAxeViolations(page, what) {
  // Evaluated through the devtools protocol: the page's Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
  assert.deepEqual(violations, [], `axe-core found violations on ${what}:\n${JSON.stringify(violations, null, 2)}`);
}

/** Imports files into the log through the API (`POST /api/v1/imports`), as the Import view sends them. */
export async function importFiles(page, paths, { query = "", base = BASE } = {}) {
  const res = await page.request.post(`${base}/api/v1/imports${query}`, {
    multipart: Object.fromEntries(paths.map((p, i) => [`file${i}`, {
      name: p.split("/").pop(), mimeType: "application/octet-stream", buffer: readFileSync(p),
    }])),
  });
  assert.equal(res.status(), 200, `the import answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

// First contentful paint of the dashboard in headless Debian Chromium (the e2e tests' browser and flags):
// the page's own `first-contentful-paint` performance entry, and the time until the Today view is usable
// (its section shown: the modules loaded, the profile asked for). Cold: each run a new browser context
// (nothing cached, as a first visit). Warm: the same context reloaded (the versioned files come from the
// cache without a request; only the page and the API are asked). Prints a markdown table of medians.
//
//   node scripts/bench/fcp.mjs http://127.0.0.1:18091 9

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, "../../e2e/package.json"));
const { chromium } = require("playwright-core");

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 9);
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: FLAGS });

/** One load of `#/today`: FCP, the view shown, and what came over the network (cache hits excluded). */
async function measure(page) {
  await page.goto("about:blank");
  await page.goto(`${base}/#/today`, { waitUntil: "commit" });
  await page.locator("#view-today").waitFor({ state: "visible" });
  const ready = await page.evaluate(() => performance.now());
  await page.waitForLoadState("networkidle");
  return page.evaluate((ready) => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fetched = [nav, ...performance.getEntriesByType("resource")].filter((e) => e.transferSize > 0);
    return {
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
      ready,
      requests: fetched.length,
      bytes: fetched.reduce((n, e) => n + e.transferSize, 0),
      names: fetched.map((e) => `${e.name.replace(/^[^/]*\/\/[^/]*/, "")} ${e.transferSize}`),
    };
  }, ready);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rows = [];
for (const [name, viewport] of [["desktop 1366×900", { width: 1366, height: 900 }], ["phone 390×844", { width: 390, height: 844 }]]) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport, locale: "en-GB" });
    const page = await context.newPage();
    cold.push(await measure(page));
    warm.push(await measure(page)); // the same tab, a new load: what a returning user gets
    if (process.env.SHOW_REQUESTS && i === 0) console.error(warm[0].names.join("\n"));
    await context.close();
  }
  for (const [kind, xs] of [["cold (first visit)", cold], ["warm (cached)", warm]]) {
    rows.push(`| ${name} | ${kind} | ${median(xs.map((x) => x.fcp)).toFixed(0)} | ${Math.max(...xs.map((x) => x.fcp)).toFixed(0)} `
      + `| ${median(xs.map((x) => x.ready)).toFixed(0)} | ${median(xs.map((x) => x.requests))} | ${(median(xs.map((x) => x.bytes)) / 1024).toFixed(0)} |`);
  }
}
await browser.close();
console.log(`| viewport | load | FCP median ms | FCP max ms | view ready median ms | requests over the network | kB transferred |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const r of rows) console.log(r);
console.log(`\n(${runs} runs each)`);

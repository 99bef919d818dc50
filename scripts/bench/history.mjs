// History with 10 years of data in headless Debian Chromium: each run a new context (no cache), timed from
// navigation start to `#view-history[data-state=ready]` (every chart drawn and both lists shown), read as the
// page's own `history-ready` performance mark; the cases' runs interleaved. Prints a markdown table: median,
// min and max per case.
//
//   node scripts/bench/history.mjs http://127.0.0.1:18090 7

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, "../../e2e/package.json"));
const { chromium } = require("playwright-core");

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 7);
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: FLAGS });

async function once(route, viewport) {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "Europe/Zurich" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/#/${route}`);
  await page.locator("#view-history[data-state=ready]").waitFor({ timeout: 60_000 });
  const { ready, charts, rows, window } = await page.evaluate(() => ({
    ready: performance.getEntriesByName("history-ready").at(-1)?.startTime,
    charts: document.querySelectorAll("#view-history .uplot").length,
    rows: document.querySelectorAll("#view-history tbody tr").length,
    window: document.querySelector("#history-window")?.textContent,
  }));
  await context.close();
  if (errors.length) throw new Error(errors.join("\n"));
  return { ready, charts, rows, window };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const cases = [];
for (const [name, route] of [["as it opens", "history"], ["all 10 years drawn", "history?range=all"]]) {
  for (const [label, viewport] of [["1280×900", { width: 1280, height: 900 }], ["390×844", { width: 390, height: 844 }]]) {
    cases.push({ name, route, label, viewport, results: [] });
  }
}
// Every case once to warm the server's and the OS's caches (not the browser's: each run is a new context),
// then the runs interleaved, so that a busy moment of the (shared) machine falls on every case alike.
for (const c of cases) await once(c.route, c.viewport);
for (let i = 0; i < runs; i++) for (const c of cases) c.results.push(await once(c.route, c.viewport));
console.log("| case | viewport | runs | median ms | min ms | max ms | charts | list rows | window |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const c of cases) {
  const t = c.results.map((r) => r.ready);
  const r = c.results.at(-1);
  console.log(`| ${c.name} | ${c.label} | ${runs} | ${median(t).toFixed(0)} | ${Math.min(...t).toFixed(0)} | ${Math.max(...t).toFixed(0)} | ${r.charts} | ${r.rows} | ${r.window} |`);
}
await browser.close();

// An activity's detail view in headless Debian Chromium (issue 14: "an activity detail with 12 h of samples
// < 0.5 s"). Two cases, each run in a new browser context (no cache, no cookies), timed by the page's own
// `afterlift:activity-rendered` performance mark, which js/detail.js sets in the frame after every chart
// and the track were drawn:
//   - open:     the address `#/activity/<id>` typed into a new tab — from navigation start (the page's
//               HTML, scripts, uPlot, the profile, the activity and its streams) to the view drawn;
//   - reload:   the same tab loading it again — its files from the browser's cache, the API asked again;
//   - from the app: the dashboard already open on Today, then `location.hash = "#/activity/<id>"` — from
//               the hash change to the view drawn (what a click in History costs).
// Prints a markdown table per case and viewport: median, min and max of RUNS runs (after one warm-up run),
// where the time went (the page's marks: both answers fetched and parsed, the charts and track made, the
// frame painted), the streams' size (Resource Timing) and what was drawn (per chart: the samples
// it shows and the points it was handed for them — js/reduce.js — and the track's points).
//
//   node scripts/bench/detail.mjs http://127.0.0.1:18091 a1 7

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, "../../e2e/package.json"));
const { chromium } = require("playwright-core");

const [base, id, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 7);
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: FLAGS });
const READY = `#view-activity[data-state=ready][data-entry="${id}"]`;

async function once(how, viewport) {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "Europe/Zurich" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  let ms;
  if (how === "open" || how === "reload") {
    await page.goto(`${base}/#/activity/${id}`);
    await page.locator(READY).waitFor({ timeout: 60_000 });
    if (how === "reload") {
      // The same tab again: the dashboard's files come from the cache (immutable, versioned), the API does not.
      await page.reload();
      await page.locator(READY).waitFor({ timeout: 60_000 });
    }
    ms = await page.evaluate(() => performance.getEntriesByName("afterlift:activity-rendered").at(-1).startTime);
  } else {
    await page.goto(`${base}/#/today`);
    await page.locator("#view-today").waitFor({ state: "visible" });
    await page.waitForLoadState("networkidle");
    const t0 = await page.evaluate((target) => {
      const t = performance.now();
      location.hash = target;
      return t;
    }, `#/activity/${id}`);
    await page.locator(READY).waitFor({ timeout: 60_000 });
    ms = (await page.evaluate(() => performance.getEntriesByName("afterlift:activity-rendered").at(-1).startTime)) - t0;
  }
  const drawn = await page.evaluate(() => {
    const streams = performance.getEntriesByType("resource").find((r) => r.name.includes("/streams"));
    const mark = (name) => performance.getEntriesByName(`afterlift:activity-${name}`).at(-1)?.startTime;
    return {
      // From the requests to both answers parsed; from there to the charts and the track made; then painted.
      dataMs: mark("data") - mark("requested"),
      drawMs: mark("drawn") - mark("data"),
      paintMs: mark("rendered") - mark("drawn"),
      kb: streams ? streams.encodedBodySize / 1024 : null,
      samples: [...document.querySelectorAll("#activity-charts figure[data-points]")].map((f) => Number(f.dataset.samples)),
      points: [...document.querySelectorAll("#activity-charts figure[data-points]")].map((f) => Number(f.dataset.points)),
      track: (document.querySelector(".track-line")?.getAttribute("d").match(/[ML]/g) ?? []).length,
    };
  });
  await context.close();
  if (errors.length) throw new Error(errors.join("\n"));
  return { ms, ...drawn };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
console.log("| case | viewport | runs | median ms | min ms | max ms | of which: data · draw · paint (medians, ms) | streams KB | charts × samples → points drawn | track points |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const [name, how] of [
  ["open #/activity/ID in a new tab (first visit)", "open"],
  ["reload #/activity/ID (files cached)", "reload"],
  ["from the app (hash change)", "app"],
]) {
  for (const [label, viewport] of [["1280×900", { width: 1280, height: 900 }], ["390×844", { width: 390, height: 844 }]]) {
    await once(how, viewport); // warm the server and the OS, not the browser (each run has a new context)
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await once(how, viewport));
    const t = results.map((r) => r.ms);
    const r = results.at(-1);
    console.log(`| ${name} | ${label} | ${runs} | ${median(t).toFixed(0)} | ${Math.min(...t).toFixed(0)} | ${Math.max(...t).toFixed(0)} | `
      + `${["dataMs", "drawMs", "paintMs"].map((k) => median(results.map((x) => x[k])).toFixed(0)).join(" · ")} | ${r.kb?.toFixed(0)} | `
      + `${r.points.length} × ${r.samples[0]} → ${r.points.join("/")} | ${r.track} |`);
  }
}
await browser.close();

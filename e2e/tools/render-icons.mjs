// Renders the dashboard's home-screen icons (crates/server/assets/icons/icon-192.png, icon-512.png) from
// icon.svg in headless Chromium. Run after changing the SVG:  node e2e/tools/render-icons.mjs
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ICONS = resolve(dirname(fileURLToPath(import.meta.url)), "../../crates/server/assets/icons");
const svg = readFileSync(resolve(ICONS, "icon.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: resolve(ICONS, `icon-${size}.png`), omitBackground: false });
  await page.close();
}
await browser.close();

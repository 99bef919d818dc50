// The charts' reduction (crates/server/assets/js/reduce.js), without a browser: what a line through the
// reduced points draws is pixel for pixel what a line through every sample draws. The "drawing" is uPlot's
// linear path builder in miniature: per pixel column, the first, lowest, highest and last y, and a break
// wherever a sample is null.

import { test } from "node:test";
import assert from "node:assert/strict";
import { columnOf, lowerBound, m4, pixelColumns, upperBound, windowed } from "../crates/server/assets/js/reduce.js";

/** A small seeded generator (mulberry32): the same "recording" on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A heart-rate-like channel: one sample a second (sometimes two, sometimes a pause), a drifting value with
 * noise and spikes, and dropouts (runs of null) of 1–120 s. */
function recording(n, seed) {
  const next = random(seed);
  const xs = [];
  const ys = [];
  let t = 0;
  let y = 120;
  for (let i = 0; i < n; i++) {
    t += next() < 0.02 ? 1 + Math.floor(next() * 30) : next() < 0.05 ? 0.5 : 1;
    xs.push(t);
    y = Math.min(200, Math.max(60, y + (next() - 0.5) * 4));
    ys.push(next() < 0.001 ? y + 40 : Math.round(y * 10) / 10);
  }
  const next2 = random(seed + 1);
  for (let gaps = 0; gaps < n / 2000; gaps++) {
    const at = Math.floor(next2() * n);
    const len = 1 + Math.floor(next2() * 120);
    for (let i = at; i < Math.min(n, at + len); i++) ys[i] = null;
  }
  return { xs, ys };
}

/** What a line through the points looks like in pixels: for each column, in order, the runs of samples
 * (first, lowest, highest and last y, rounded to pixels as uPlot rounds them) and the breaks between them. */
function drawing(xs, ys, from, to, columns, yPx) {
  const out = [];
  let run = null;
  for (let i = from; i < to; i++) {
    const c = columnOf(columns, xs[i]);
    if (ys[i] === null) {
      if (out.at(-1) !== "break" || run) out.push("break");
      run = null;
      continue;
    }
    const y = yPx(ys[i]);
    if (!run || run.c !== c) {
      run = { c, first: y, low: y, high: y, last: y };
      out.push(run);
    } else {
      run.low = Math.min(run.low, y);
      run.high = Math.max(run.high, y);
      run.last = y;
    }
  }
  return JSON.stringify(out);
}

const yPx = (y) => Math.round(300 - y);

test("the reduced points draw the same line as every sample, gaps included", () => {
  for (const seed of [1, 2, 3]) {
    const { xs, ys } = recording(43_200, seed);
    for (const width of [295, 1185, 2370]) {
      const col = pixelColumns(70, width, xs[0], xs.at(-1));
      const reduced = m4(xs, ys, 0, xs.length, col);
      assert.ok(reduced.xs.length <= 4 * (width + 1) + ys.filter((y) => y === null).length,
        `${reduced.xs.length} points for ${width} columns`);
      assert.ok(reduced.xs.length < xs.length / 4, `a 12-hour recording is reduced: ${reduced.xs.length}`);
      assert.equal(
        drawing(reduced.xs, reduced.ys, 0, reduced.xs.length, col, yPx),
        drawing(xs, ys, 0, xs.length, col, yPx),
        `seed ${seed}, ${width} columns`,
      );
      // Real samples, in time order, none twice.
      const at = new Map(xs.map((x, i) => [x, ys[i]]));
      for (let i = 0; i < reduced.xs.length; i++) {
        if (reduced.ys[i] !== null) assert.equal(reduced.ys[i], at.get(reduced.xs[i]), `a sample at ${reduced.xs[i]}`);
        if (i) assert.ok(reduced.xs[i] > reduced.xs[i - 1], "ascending times");
      }
      assert.equal(reduced.xs[0], xs[0]);
      assert.equal(reduced.xs.at(-1), xs.at(-1));
    }
  }
});

test("a zoomed-in range gets its own samples, every one when they fit, and the data still spans the whole", () => {
  const { xs, ys } = recording(43_200, 7);
  const width = 1185;
  const whole = m4(xs, ys, 0, xs.length, pixelColumns(70, width, xs[0], xs.at(-1)));
  // Ten minutes: fewer samples than columns, so every one of them, and the one beyond each edge.
  let [min, max] = [20_000, 20_600];
  let col = pixelColumns(70, width, min, max);
  let w = windowed(xs, ys, whole, min, max, width, col);
  const inRange = (arr) => upperBound(arr, max) - lowerBound(arr, min);
  assert.equal(inRange(w.xs), inRange(xs), "every sample of the ten minutes");
  const from = lowerBound(xs, min) - 1;
  const to = upperBound(xs, max) + 1;
  assert.deepEqual(w.xs.slice(lowerBound(w.xs, xs[from]), lowerBound(w.xs, xs[to - 1]) + 1), xs.slice(from, to));
  assert.equal(w.xs[0], xs[0], "a reset of the zoom still finds the start");
  assert.equal(w.xs.at(-1), xs.at(-1), "… and the end");
  for (let i = 1; i < w.xs.length; i++) assert.ok(w.xs[i] > w.xs[i - 1], "ascending times");

  // Three hours: more samples than columns, reduced for the range — the same line within it.
  [min, max] = [5_000, 15_800];
  col = pixelColumns(70, width, min, max);
  w = windowed(xs, ys, whole, min, max, width, col);
  const a = lowerBound(w.xs, xs[lowerBound(xs, min) - 1]);
  const b = upperBound(w.xs, xs[upperBound(xs, max)]);
  assert.equal(
    drawing(w.xs, w.ys, a, b, col, yPx),
    drawing(xs, ys, lowerBound(xs, min) - 1, upperBound(xs, max) + 1, col, yPx),
  );
  assert.ok(inRange(w.xs) < inRange(xs) / 2, `${inRange(w.xs)} points for ${inRange(xs)} samples`);

  // The whole range asked for: the whole reduction itself.
  assert.equal(windowed(xs, ys, whole, xs[0], xs.at(-1), width, col), whole);
});

test("short recordings and edge cases", () => {
  const col = pixelColumns(0, 100, 0, 10);
  assert.deepEqual(m4([0, 1, 2], [5, null, 7], 0, 3, col), { xs: [0, 1, 2], ys: [5, null, 7] });
  // One column with a monotone run: its first and last (the line between them covers the rest).
  const one = pixelColumns(0, 1, 0, 1000);
  assert.deepEqual(m4([0, 1, 2, 3], [1, 2, 3, 4], 0, 4, one), { xs: [0, 3], ys: [1, 4] });
  // A spike inside: kept, in its place.
  assert.deepEqual(m4([0, 1, 2, 3, 4], [5, 9, 1, 6, 5], 0, 5, one), { xs: [0, 1, 2, 4], ys: [5, 9, 1, 5] });
  // Nulls only, or several in a row: one break.
  assert.deepEqual(m4([0, 1, 2], [null, null, null], 0, 3, one), { xs: [0], ys: [null] });
  assert.deepEqual(lowerBound([], 1), 0);
  assert.deepEqual(upperBound([1, 2, 2, 3], 2), 3);
  assert.deepEqual(lowerBound([1, 2, 2, 3], 2), 1);
});

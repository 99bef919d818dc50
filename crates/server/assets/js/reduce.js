// Fewer points, the same line. A 12-hour recording has 43,200 samples per channel; a chart 1,200 pixels wide
// can show at most a lowest and a highest value in each pixel column. Handing the chart every sample costs
// the browser the work of all of them (uPlot walks each one to find each column's extremes); handing it,
// per pixel column, the first, lowest, highest and last sample in time order draws the same line: M4
// aggregation (Jugel, Jerzak, Hackenbroich & Markl, "M4: A Visualization-Oriented Time Series Data
// Aggregation", PVLDB 7(10), 2014). Every point kept is a real sample, and a gap (null) stays a gap.
//
// Pure functions of arrays, no DOM: js/detail.js maps samples to the chart's pixel columns exactly as uPlot
// does, and e2e/reduce.test.mjs compares the result with every sample.

/** The first index whose x is ≥ v in the ascending `xs` (`xs.length` when none is). */
export function lowerBound(xs, v) {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose x is > v in the ascending `xs` (`xs.length` when none is). */
export function upperBound(xs, v) {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How times fall into pixel columns as uPlot places them: column `round(left + (x − min) / (max − min) · width)`
 * in device pixels, for a plot `left`…`left + width` showing the times `min`…`max`.
 */
export function pixelColumns(left, width, min, max) {
  return { left, min, scale: max > min ? width / (max - min) : 0 };
}

/** The pixel column of time `x` (see [`pixelColumns`]). */
export const columnOf = (columns, x) => Math.round(columns.left + (x - columns.min) * columns.scale);

/**
 * The samples `from` (inclusive) to `to` (exclusive) of `xs`/`ys` a line needs in the pixel `columns`
 * ([`pixelColumns`]): for each run of non-null samples within a column, its first, lowest, highest and last
 * sample, in time order, each once. Where samples are null, one null at the first of them, so the line
 * breaks there as it would with every sample. Appends to `out` (`{ xs: [], ys: [] }`) and returns it.
 */
export function m4(xs, ys, from, to, columns, out = { xs: [], ys: [] }) {
  const { left, min, scale } = columns;
  const ox = out.xs;
  const oy = out.ys;
  let column = NaN;
  let first = -1;
  let low = -1;
  let high = -1;
  let last = -1;
  let lowY = 0;
  let highY = 0;
  const flush = () => {
    ox.push(xs[first]);
    oy.push(ys[first]);
    // The extremes in the order they happened; none twice.
    const a = low < high ? low : high;
    const b = low < high ? high : low;
    if (a !== first) {
      ox.push(xs[a]);
      oy.push(ys[a]);
    }
    if (b !== a && b !== first) {
      ox.push(xs[b]);
      oy.push(ys[b]);
    }
    if (last !== b && last !== a && last !== first) {
      ox.push(xs[last]);
      oy.push(ys[last]);
    }
    first = -1;
  };
  // The hot loop of a 12-hour chart (43,200 samples): plain arithmetic, no call per sample.
  for (let i = from; i < to; i++) {
    const c = Math.round(left + (xs[i] - min) * scale);
    if (c !== column) {
      if (first >= 0) flush();
      column = c;
    }
    const y = ys[i];
    if (y === null || y === undefined) {
      if (first >= 0) flush();
      if (oy.length === 0 || oy[oy.length - 1] !== null) {
        ox.push(xs[i]);
        oy.push(null);
      }
    } else if (first < 0) {
      first = low = high = last = i;
      lowY = highY = y;
    } else {
      if (y < lowY) {
        low = i;
        lowY = y;
      } else if (y > highY) {
        high = i;
        highY = y;
      }
      last = i;
    }
  }
  if (first >= 0) flush();
  return out;
}

/**
 * What a chart showing `min`…`max` draws, given the whole recording reduced once (`whole`, from
 * [`m4`] over every sample at the full range): every sample of the window and the one just outside each of
 * its edges (the line runs to the plot's edge) — reduced by [`m4`] in the pixel `columns` when there are more
 * than `count` of them —, and outside the window the whole's points, so that the data still spans the whole
 * recording (a reset of the zoom returns to all of it).
 */
export function windowed(xs, ys, whole, min, max, count, columns) {
  const from = Math.max(0, lowerBound(xs, min) - 1);
  const to = Math.min(xs.length, upperBound(xs, max) + 1);
  if (from === 0 && to === xs.length) return whole;
  const out = { xs: [], ys: [] };
  const before = lowerBound(whole.xs, xs[from]);
  for (let i = 0; i < before; i++) {
    out.xs.push(whole.xs[i]);
    out.ys.push(whole.ys[i]);
  }
  if (to - from <= count) {
    for (let i = from; i < to; i++) {
      out.xs.push(xs[i]);
      out.ys.push(ys[i]);
    }
  } else {
    m4(xs, ys, from, to, columns, out);
  }
  for (let i = upperBound(whole.xs, xs[to - 1]); i < whole.xs.length; i++) {
    out.xs.push(whole.xs[i]);
    out.ys.push(whole.ys[i]);
  }
  return out;
}

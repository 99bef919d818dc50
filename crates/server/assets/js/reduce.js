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
 * The samples `from` (inclusive) to `to` (exclusive) of `xs`/`ys` a line needs, given `columnOf(x)`: the
 * integer pixel column a time falls in (non-decreasing in x). For each run of non-null samples within a
 * column: its first, lowest, highest and last sample, in time order, each once. Where samples are null, one
 * null at the first of them, so the line breaks there as it would with every sample. Appends to `out`
 * (`{ xs: [], ys: [] }`) and returns it.
 */
export function m4(xs, ys, from, to, columnOf, out = { xs: [], ys: [] }) {
  let column = NaN;
  let first = -1;
  let low = -1;
  let high = -1;
  let last = -1;
  const push = (i) => {
    out.xs.push(xs[i]);
    out.ys.push(ys[i]);
  };
  const flush = () => {
    if (first < 0) return;
    push(first);
    // The extremes in the order they happened; none twice.
    const [a, b] = low < high ? [low, high] : [high, low];
    if (a !== first) push(a);
    if (b !== a && b !== first) push(b);
    if (last !== b && last !== a && last !== first) push(last);
    first = -1;
  };
  for (let i = from; i < to; i++) {
    const c = columnOf(xs[i]);
    if (c !== column) {
      flush();
      column = c;
    }
    const y = ys[i];
    if (y === null || y === undefined) {
      flush();
      if (out.ys.length === 0 || out.ys[out.ys.length - 1] !== null) {
        out.xs.push(xs[i]);
        out.ys.push(null);
      }
      continue;
    }
    if (first < 0) {
      first = low = high = last = i;
    } else {
      if (y < ys[low]) low = i;
      if (y > ys[high]) high = i;
      last = i;
    }
  }
  flush();
  return out;
}

/**
 * The pixel column of a time as uPlot places it: `round(left + (x − min) / (max − min) · width)` in device
 * pixels, for a plot `left`…`left + width` showing the times `min`…`max`.
 */
export function pixelColumns(left, width, min, max) {
  const scale = max > min ? width / (max - min) : 0;
  return (x) => Math.round(left + (x - min) * scale);
}

/**
 * What a chart showing `min`…`max` draws, given the whole recording reduced once (`whole`, from
 * [`m4`] over every sample at the full range): every sample of the window and the one just outside each of
 * its edges (the line runs to the plot's edge) — reduced by [`m4`] with `columnOf` when there are more than
 * `columns` of them —, and outside the window the whole's points, so that the data still spans the whole
 * recording (a reset of the zoom returns to all of it).
 */
export function windowed(xs, ys, whole, min, max, columns, columnOf) {
  const from = Math.max(0, lowerBound(xs, min) - 1);
  const to = Math.min(xs.length, upperBound(xs, max) + 1);
  if (from === 0 && to === xs.length) return whole;
  const out = { xs: [], ys: [] };
  const before = lowerBound(whole.xs, xs[from]);
  for (let i = 0; i < before; i++) {
    out.xs.push(whole.xs[i]);
    out.ys.push(whole.ys[i]);
  }
  if (to - from <= columns) {
    for (let i = from; i < to; i++) {
      out.xs.push(xs[i]);
      out.ys.push(ys[i]);
    }
  } else {
    m4(xs, ys, from, to, columnOf, out);
  }
  for (let i = upperBound(whole.xs, xs[to - 1]); i < whole.xs.length; i++) {
    out.xs.push(whole.xs[i]);
    out.ys.push(whole.ys[i]);
  }
  return out;
}

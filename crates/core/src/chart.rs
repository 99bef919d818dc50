//! Fewer samples, the same chart: what a line chart of an activity's channels needs of a long recording.
//!
//! A 12-hour recording has 43,200 samples a channel; a chart 1,200 pixels wide shows, in each pixel column,
//! at most a line from the column's first value down to its lowest, up to its highest and on to its last.
//! Keeping exactly those four samples of each column draws the same line — M4 aggregation (Jugel,
//! Jerzak, Hackenbroich & Markl, "M4: A Visualization-Oriented Time Series Data Aggregation", PVLDB
//! 7(10):797–808, 2014). Here the columns are `columns` equal slices of the time from the first sample
//! to the last, the four samples are kept per channel and the kept samples are the union over the
//! channels, so that every channel keeps one time axis (a sample kept for the heart rate also gives the
//! pace at that second). A run of samples without a value keeps its first sample, so a line still breaks
//! where the recording has a gap. Every kept sample is a recorded one, unchanged.
//!
//! A chart whose pixel columns are not these slices draws within a column of the line through every
//! sample; the dashboard asks for at least as many slices as its charts have device pixels and reduces
//! again to its own columns (`assets/js/reduce.js`).

/// Which samples of a recording a chart `columns` wide needs: mark each channel with
/// [`ChartReduction::channel`], then read [`ChartReduction::kept`].
#[derive(Debug, Clone)]
pub struct ChartReduction {
    /// Each sample's slice of the time axis, non-decreasing.
    slice: Vec<u32>,
    keep: Vec<bool>,
}

impl ChartReduction {
    /// For samples at `offsets_s` (seconds since the start, ascending) and a chart `columns` slices wide
    /// (at least 1).
    pub fn new(offsets_s: &[u32], columns: u32) -> ChartReduction {
        let columns = u64::from(columns.max(1));
        let (first, last) = match (offsets_s.first(), offsets_s.last()) {
            (Some(&f), Some(&l)) => (u64::from(f), u64::from(l)),
            _ => (0, 0),
        };
        // Slice k holds the times t with ⌊(t − first)·columns / (span + 1)⌋ = k: `columns` slices of equal
        // length, the last ending just after the last sample, so no time falls outside them.
        let span = last.saturating_sub(first) + 1;
        let slice = offsets_s
            .iter()
            .map(|&t| ((u64::from(t).saturating_sub(first) * columns) / span) as u32)
            .collect();
        ChartReduction {
            slice,
            keep: vec![false; offsets_s.len()],
        }
    }

    /// Marks what a line through `values` (one per sample; `None` where the sample has none) needs: in
    /// each slice, of each run of values, its first, lowest, highest and last sample (the earliest of
    /// equals), and the first sample of each run without a value.
    pub fn channel<T: PartialOrd + Copy>(&mut self, values: &[Option<T>]) {
        // (first, lowest, highest, last) of the run of values being read, as indices.
        let mut run: Option<(usize, usize, usize, usize)> = None;
        let mut slice = None;
        for (i, v) in values.iter().enumerate().take(self.slice.len()) {
            if slice != Some(self.slice[i]) {
                self.flush(run.take());
                slice = Some(self.slice[i]);
            }
            match *v {
                None => {
                    self.flush(run.take());
                    if i == 0 || values[i - 1].is_some() {
                        self.keep[i] = true;
                    }
                }
                Some(y) => {
                    run = Some(match run {
                        None => (i, i, i, i),
                        Some((first, low, high, _)) => {
                            let low = if values[low].is_some_and(|l| y < l) {
                                i
                            } else {
                                low
                            };
                            let high = if values[high].is_some_and(|h| y > h) {
                                i
                            } else {
                                high
                            };
                            (first, low, high, i)
                        }
                    });
                }
            }
        }
        self.flush(run);
    }

    fn flush(&mut self, run: Option<(usize, usize, usize, usize)>) {
        if let Some((first, low, high, last)) = run {
            for i in [first, low, high, last] {
                self.keep[i] = true;
            }
        }
    }

    /// The indices of the samples kept, ascending.
    pub fn kept(&self) -> Vec<usize> {
        self.keep
            .iter()
            .enumerate()
            .filter_map(|(i, &k)| k.then_some(i))
            .collect()
    }
}

/// A channel's values over the whole recording: what a chart's legend says of it whatever was kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelStats {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    /// How many samples have a value.
    pub count: usize,
}

impl ChannelStats {
    /// Of the finite values in `values`; `None` without one.
    pub fn of<T: Copy + Into<f64>>(values: &[Option<T>]) -> Option<ChannelStats> {
        let mut stats: Option<ChannelStats> = None;
        let mut sum = 0.0;
        for y in values.iter().flatten().map(|&y| y.into()) {
            if !y.is_finite() {
                continue;
            }
            sum += y;
            stats = Some(match stats {
                None => ChannelStats {
                    min: y,
                    max: y,
                    mean: 0.0,
                    count: 1,
                },
                Some(s) => ChannelStats {
                    min: s.min.min(y),
                    max: s.max.max(y),
                    mean: 0.0,
                    count: s.count + 1,
                },
            });
        }
        stats.map(|s| ChannelStats {
            mean: sum / s.count as f64,
            ..s
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// What a line through `values` looks like in `slice`d columns: per column, its runs of values
    /// (first, lowest, highest, last) and the breaks between them — what a chart draws.
    fn drawing(slice: &[u32], values: &[Option<f64>]) -> Vec<(u32, Option<[f64; 4]>)> {
        let mut out: Vec<(u32, Option<[f64; 4]>)> = Vec::new();
        let mut open = false;
        for (i, v) in values.iter().enumerate() {
            match v {
                None => {
                    if open || out.last().is_none_or(|o| o.1.is_some()) {
                        out.push((slice[i], None));
                    }
                    open = false;
                }
                Some(y) => match out.last_mut() {
                    Some((c, Some(r))) if open && *c == slice[i] => {
                        r[1] = r[1].min(*y);
                        r[2] = r[2].max(*y);
                        r[3] = *y;
                    }
                    _ => {
                        out.push((slice[i], Some([*y, *y, *y, *y])));
                        open = true;
                    }
                },
            }
        }
        // A break before anything was drawn, or two in a row, draw nothing.
        out.dedup_by(|b, a| a.1.is_none() && b.1.is_none());
        out
    }

    /// A 12-hour-like recording: one sample a second with pauses, a drifting heart rate with spikes, an
    /// altitude, a cadence with dropouts.
    fn recording(n: usize, seed: u64) -> (Vec<u32>, Vec<Vec<Option<f64>>>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut t = 0u32;
        let mut offsets = Vec::with_capacity(n);
        let (mut hr, mut alt) = (120.0f64, 400.0f64);
        let mut channels: Vec<Vec<Option<f64>>> = (0..3).map(|_| Vec::with_capacity(n)).collect();
        let mut dropout = 0;
        for _ in 0..n {
            t += if rng.random_bool(0.01) {
                rng.random_range(2..60)
            } else {
                1
            };
            offsets.push(t);
            hr = (hr + rng.random_range(-2.0..2.0)).clamp(60.0, 200.0);
            alt += rng.random_range(-0.5..0.5);
            let spike = if rng.random_bool(0.001) { 40.0 } else { 0.0 };
            channels[0].push(Some((hr + spike).round()));
            channels[1].push(Some((alt * 10.0).round() / 10.0));
            if dropout == 0 && rng.random_bool(0.0005) {
                dropout = rng.random_range(1..120);
            }
            channels[2].push(if dropout > 0 {
                dropout -= 1;
                None
            } else {
                Some(f64::from(rng.random_range(80u8..95)))
            });
        }
        (offsets, channels)
    }

    #[test]
    fn every_channel_draws_the_same_line_from_the_kept_samples() {
        for seed in [1, 2, 3] {
            let (offsets, channels) = recording(43_200, seed);
            for columns in [300, 1185, 2400] {
                let mut r = ChartReduction::new(&offsets, columns);
                for c in &channels {
                    r.channel(c);
                }
                let kept = r.kept();
                assert!(
                    kept.len() < offsets.len() / 3,
                    "{} of {} kept",
                    kept.len(),
                    offsets.len()
                );
                assert!(kept.windows(2).all(|w| w[0] < w[1]));
                let slice_kept: Vec<u32> = kept.iter().map(|&i| r.slice[i]).collect();
                for c in &channels {
                    let values_kept: Vec<Option<f64>> = kept.iter().map(|&i| c[i]).collect();
                    assert_eq!(
                        drawing(&slice_kept, &values_kept),
                        drawing(&r.slice, c),
                        "seed {seed}, {columns} columns"
                    );
                }
            }
        }
    }

    #[test]
    fn slices_split_the_time_evenly_and_the_last_sample_is_in_the_last() {
        let r = ChartReduction::new(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5);
        assert_eq!(r.slice, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
        let r = ChartReduction::new(&[100, 100], 10);
        assert_eq!(r.slice, [0, 0]);
        let r = ChartReduction::new(&[], 10);
        assert!(r.kept().is_empty());
    }

    #[test]
    fn a_column_keeps_its_first_lowest_highest_and_last_and_a_gap_its_first_sample() {
        // One slice: 5, 9, 1, 6, 5 keeps 5 (first), 9 (highest), 1 (lowest), 5 (last); not the 6.
        let mut r = ChartReduction::new(&[0, 1, 2, 3, 4], 1);
        r.channel(&[Some(5u8), Some(9), Some(1), Some(6), Some(5)]);
        assert_eq!(r.kept(), [0, 1, 2, 4]);
        // A gap of three samples keeps its first; the runs on either side keep theirs.
        let mut r = ChartReduction::new(&[0, 1, 2, 3, 4, 5, 6], 1);
        r.channel(&[
            Some(1.0f32),
            Some(2.0),
            None,
            None,
            None,
            Some(3.0),
            Some(4.0),
        ]);
        assert_eq!(r.kept(), [0, 1, 2, 5, 6]);
        // Equal values: the earliest is the lowest and the highest.
        let mut r = ChartReduction::new(&[0, 1, 2, 3], 1);
        r.channel(&[Some(7u16), Some(7), Some(7), Some(7)]);
        assert_eq!(r.kept(), [0, 3]);
        // Two channels: the union, one time axis.
        let mut r = ChartReduction::new(&[0, 1, 2, 3, 4], 1);
        r.channel(&[Some(1u8), Some(5), Some(2), Some(2), Some(2)]);
        r.channel(&[Some(3u8), Some(3), Some(3), Some(0), Some(3)]);
        assert_eq!(r.kept(), [0, 1, 3, 4]);
    }

    #[test]
    fn short_recordings_keep_every_sample() {
        // Two samples a slice at most: all kept.
        let offsets: Vec<u32> = (0..600).collect();
        let mut r = ChartReduction::new(&offsets, 300);
        r.channel(&offsets.iter().map(|&t| Some(t % 7)).collect::<Vec<_>>());
        assert_eq!(r.kept().len(), 600);
    }

    #[test]
    fn stats_are_of_every_value() {
        let s = ChannelStats::of(&[Some(150u8), None, Some(160), Some(170)]).unwrap();
        assert_eq!((s.min, s.max, s.mean, s.count), (150.0, 170.0, 160.0, 3));
        assert_eq!(ChannelStats::of::<u8>(&[None, None]), None);
        let s = ChannelStats::of(&[Some(f64::NAN), Some(2.0)]).unwrap();
        assert_eq!((s.min, s.mean, s.count), (2.0, 2.0, 1));
    }
}

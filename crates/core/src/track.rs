//! An activity's track as an outline: the recorded positions simplified by Douglas–Peucker to at most a
//! few hundred points, enough to draw the route's shape (the dashboard's SVG, no map tiles) without
//! sending every second's position.
//!
//! Positions are projected onto a local plane first (equirectangular about the track's mean latitude:
//! x = R·Δλ·cos φ₀, y = R·Δφ; Snyder JP 1987, *Map Projections — A Working Manual*, USGS Professional
//! Paper 1395, p. 90), so the tolerance is in metres whatever the latitude; over an activity's extent
//! (tens of kilometres) the projection's distortion is far below the tolerance.
//!
//! Douglas DH & Peucker TK 1973, "Algorithms for the reduction of the number of points required to
//! represent a digitized line or its caricature", *The Canadian Cartographer* 10(2):112–122: a point is
//! kept when it lies farther than the tolerance from the chord of the part of the line it belongs to,
//! recursively from the whole line. Run once, recording for every point the largest tolerance at which
//! it is still kept, it gives the outline at any tolerance; [`outline`] picks the smallest tolerance that
//! keeps at most `max_points`.

use crate::session::Sample;

/// Mean Earth radius (IUGG), metres: the radius the readers' great-circle distances use.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// The points an outline keeps by default: a few hundred draw any route's shape on a phone or a desktop
/// screen (a 1,000-pixel drawing has no finer detail to show).
pub const OUTLINE_POINTS: usize = 500;

/// A simplified track: positions in recorded order, each with the offset of the sample it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub lat_deg: Vec<f64>,
    pub lon_deg: Vec<f64>,
    /// Seconds since the activity's start of each point's sample.
    pub offset_s: Vec<u32>,
    /// The Douglas–Peucker tolerance reached, metres: no recorded position is farther than this from the
    /// outline; 0 when every position is kept.
    pub tolerance_m: f64,
    /// How many positions were recorded.
    pub recorded: usize,
}

/// The outline of the samples' positions with at most `max_points` points (at least 2): `None` with
/// fewer than two positions. Samples without both coordinates, or with coordinates out of range, are
/// passed over.
pub fn outline(samples: &[Sample], max_points: usize) -> Option<Outline> {
    let points: Vec<(f64, f64, u32)> = samples
        .iter()
        .filter_map(|s| match (s.lat_deg, s.lon_deg) {
            (Some(lat), Some(lon))
                if lat.is_finite()
                    && lon.is_finite()
                    && (-90.0..=90.0).contains(&lat)
                    && (-180.0..=180.0).contains(&lon) =>
            {
                Some((lat, lon, s.offset_s))
            }
            _ => None,
        })
        .collect();
    if points.len() < 2 {
        return None;
    }
    let projected = project(&points);
    let importance = importance(&projected);
    let max_points = max_points.max(2);
    // The tolerance: the importance of the first point left out when the most important are kept.
    let mut ranked: Vec<f64> = importance[1..importance.len() - 1].to_vec();
    let keep_inner = max_points - 2;
    // Only the (keep_inner + 1)-th largest matters: a selection, not a sort of every point.
    let tolerance_m = if keep_inner < ranked.len() {
        *ranked
            .select_nth_unstable_by(keep_inner, |a, b| b.total_cmp(a))
            .1
    } else {
        0.0
    };
    let mut out = Outline {
        lat_deg: Vec::new(),
        lon_deg: Vec::new(),
        offset_s: Vec::new(),
        tolerance_m,
        recorded: points.len(),
    };
    let last = points.len() - 1;
    for (i, &(lat, lon, offset_s)) in points.iter().enumerate() {
        // Ties at the tolerance are all left out, so the outline never exceeds `max_points`.
        if i == 0 || i == last || importance[i] > tolerance_m {
            out.lat_deg.push(lat);
            out.lon_deg.push(lon);
            out.offset_s.push(offset_s);
        }
    }
    Some(out)
}

/// Positions on the local plane, metres (equirectangular about the mean latitude; longitudes unwrapped
/// across the antimeridian).
fn project(points: &[(f64, f64, u32)]) -> Vec<(f64, f64)> {
    let mean_lat = points.iter().map(|p| p.0).sum::<f64>() / points.len() as f64;
    let k = mean_lat.to_radians().cos();
    let lon0 = points[0].1;
    points
        .iter()
        .map(|&(lat, lon, _)| {
            let mut dlon = lon - lon0;
            if dlon > 180.0 {
                dlon -= 360.0;
            } else if dlon < -180.0 {
                dlon += 360.0;
            }
            (
                EARTH_RADIUS_M * dlon.to_radians() * k,
                EARTH_RADIUS_M * lat.to_radians(),
            )
        })
        .collect()
}

/// For every point, the largest Douglas–Peucker tolerance at which it is kept (∞ for the ends): its
/// distance from the chord of the part it splits, but no more than that of the point whose split made
/// the part (a point is kept only if every split above it was). An explicit stack, not recursion: a
/// track has tens of thousands of points.
fn importance(p: &[(f64, f64)]) -> Vec<f64> {
    let n = p.len();
    let mut importance = vec![0.0; n];
    importance[0] = f64::INFINITY;
    importance[n - 1] = f64::INFINITY;
    let mut stack = vec![(0usize, n - 1, f64::INFINITY)];
    while let Some((a, b, ceiling)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        // The farthest point by squared distance (the same order, without a square root per point).
        let chord = Chord::new(p[a], p[b]);
        let (mut far, mut far_d2) = (a + 1, -1.0);
        for (i, &q) in p.iter().enumerate().take(b).skip(a + 1) {
            let d2 = chord.distance2(q);
            if d2 > far_d2 {
                (far, far_d2) = (i, d2);
            }
        }
        let kept = far_d2.sqrt().min(ceiling);
        importance[far] = kept;
        stack.push((a, far, kept));
        stack.push((far, b, kept));
    }
    importance
}

/// The segment `a`–`b`, ready for measuring many points' distances from it.
struct Chord {
    a: (f64, f64),
    d: (f64, f64),
    /// 1 / |b − a|², or 0 when a and b coincide (a loop's start and end): distances are then to `a`.
    inv_len2: f64,
}

impl Chord {
    fn new(a: (f64, f64), b: (f64, f64)) -> Chord {
        let d = (b.0 - a.0, b.1 - a.1);
        let len2 = d.0 * d.0 + d.1 * d.1;
        Chord {
            a,
            d,
            inv_len2: if len2 > 0.0 { 1.0 / len2 } else { 0.0 },
        }
    }

    /// The squared distance from `q` to the segment.
    fn distance2(&self, q: (f64, f64)) -> f64 {
        let (ax, ay) = (q.0 - self.a.0, q.1 - self.a.1);
        let t = ((ax * self.d.0 + ay * self.d.1) * self.inv_len2).clamp(0.0, 1.0);
        let (x, y) = (ax - t * self.d.0, ay - t * self.d.1);
        x * x + y * y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(offset_s: u32, lat: f64, lon: f64) -> Sample {
        Sample {
            offset_s,
            lat_deg: Some(lat),
            lon_deg: Some(lon),
            ..Sample::default()
        }
    }

    /// Douglas & Peucker's rule on a small line (metres on the local plane, worked by hand): the chord
    /// 0–5 leaves the 100 m bump (2) farthest; then 3 is 66.6 m off the chord 2–5, 1 is 49.9 m off 0–2,
    /// and 4 is 20 m off 3–5. The ends always stay.
    #[test]
    fn keeps_the_points_farther_than_the_tolerance() {
        // On the equator one degree is 111,195 m.
        let m = 1.0 / 111_195.0;
        let samples = [
            at(0, 0.0, 0.0),
            at(1, 0.0, 500.0 * m),
            at(2, 100.0 * m, 1000.0 * m),
            at(3, 0.0, 1500.0 * m),
            at(4, 20.0 * m, 2000.0 * m),
            at(5, 0.0, 2500.0 * m),
        ];
        let all = outline(&samples, 100).unwrap();
        assert_eq!(all.lat_deg.len(), 6);
        assert_eq!(all.tolerance_m, 0.0);
        assert_eq!(all.recorded, 6);
        let close = |a: f64, b: f64| (a - b).abs() < 0.5;
        let three = outline(&samples, 3).unwrap();
        assert_eq!(three.offset_s, [0, 2, 5]);
        // 3's distance from the chord 2–5: |1500·(−100)/1500 + 100·… | = 100·1000/√(1500² + 100²)
        assert!(
            close(
                three.tolerance_m,
                100.0 * 1000.0 / (1500f64.powi(2) + 100f64.powi(2)).sqrt()
            ),
            "{}",
            three.tolerance_m
        );
        let four = outline(&samples, 4).unwrap();
        assert_eq!(four.offset_s, [0, 2, 3, 5]);
        assert!(
            close(
                four.tolerance_m,
                100.0 * 500.0 / (1000f64.powi(2) + 100f64.powi(2)).sqrt()
            ),
            "{}",
            four.tolerance_m
        );
        let five = outline(&samples, 5).unwrap();
        assert_eq!(five.offset_s, [0, 1, 2, 3, 5]);
        assert!(close(five.tolerance_m, 20.0), "{}", five.tolerance_m);
        assert_eq!(outline(&samples, 2).unwrap().offset_s, [0, 5]);
    }

    /// A point whose parent split was dropped is dropped with it, even when it is far from its own chord.
    #[test]
    fn a_point_is_kept_only_with_the_split_above_it() {
        let p = [(0.0, 0.0), (1.0, 5.0), (2.0, 0.0), (3.0, 50.0), (4.0, 0.0)];
        let imp = importance(&p);
        assert_eq!(imp[3], 50.0);
        assert!(imp[1] <= 50.0 && imp[1] > 0.0);
        assert!(imp.iter().all(|d| *d >= 0.0));
    }

    #[test]
    fn a_closed_loop_keeps_its_shape() {
        // A 1 km circle at 52° N, one point a second, start = finish.
        let n = 3600;
        let samples: Vec<Sample> = (0..=n)
            .map(|i| {
                let a = std::f64::consts::TAU * f64::from(i) / f64::from(n);
                let lat = 52.0 + (1000.0 * a.sin()) / 111_195.0;
                let lon = 13.0 + (1000.0 * a.cos()) / (111_195.0 * 52f64.to_radians().cos());
                at(i, lat, lon)
            })
            .collect();
        let o = outline(&samples, OUTLINE_POINTS).unwrap();
        assert!(o.lat_deg.len() <= OUTLINE_POINTS && o.lat_deg.len() > 100);
        assert_eq!(o.recorded, 3601);
        // A 1 km circle cut into ~500 chords: each chord's sagitta is r(1 − cos(π/n)) ≈ 2 cm.
        assert!(o.tolerance_m < 0.1, "{}", o.tolerance_m);
        assert_eq!(o.offset_s.first(), Some(&0));
        assert_eq!(o.offset_s.last(), Some(&3600));
        assert!(o.offset_s.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn no_outline_without_two_positions() {
        assert_eq!(outline(&[], 500), None);
        assert_eq!(outline(&[at(0, 52.0, 13.0)], 500), None);
        let bad = [at(0, 91.0, 13.0), at(1, f64::NAN, 13.0), at(2, 52.0, 13.0)];
        assert_eq!(outline(&bad, 500), None);
    }

    #[test]
    fn a_long_track_stays_within_the_budget() {
        // 12 h at one point a second along a wobbly line: the budget holds and the work is one pass.
        let samples: Vec<Sample> = (0..43_200u32)
            .map(|i| {
                let t = f64::from(i);
                at(
                    i,
                    47.0 + t * 1e-6 + (t / 300.0).sin() * 1e-3,
                    8.0 + t * 2e-6,
                )
            })
            .collect();
        let o = outline(&samples, OUTLINE_POINTS).unwrap();
        assert!(o.lat_deg.len() <= OUTLINE_POINTS);
        assert!(
            o.lat_deg.len() >= OUTLINE_POINTS - 10,
            "{}",
            o.lat_deg.len()
        );
        assert!(o.tolerance_m < 10.0, "{}", o.tolerance_m);
    }
}

//! A small, deterministic model of one athlete's body for synthetic recordings: what heart rate,
//! speed, cadence, power and position a watch would log each second of a workout.
//!
//! The assumptions (chosen to look like real files, not to be a research model):
//! - **The athlete** starts at 30 years old, 70 kg, resting HR 52 bpm, HRmax from Tanaka
//!   (208 − 0.7·age, so it falls ~0.7 bpm a year), running threshold speed 3.70 m/s (4:30/km)
//!   improving 2 % a year for four years then flat, cycling FTP 230 W improving alongside.
//! - **Effort → heart rate**: a steady effort `e` (fraction of threshold speed or of FTP) settles
//!   at `rest + HRR · 0.88 · e^1.6` running and `rest + HRR · 0.85 · e^1.2` riding (riding reaches a
//!   lower HR at the same relative effort). At threshold that is ~88 % of heart-rate reserve.
//! - **Heart-rate kinetics**: first-order response to the target, time constant 25 s rising and
//!   45 s falling (so intervals show the familiar lag and recovery), plus ±1.5 bpm of noise.
//! - **Cardiac drift**: after 15 minutes the target rises 0.06 bpm per minute × effort, more in
//!   the heat (+1/15 per °C above 15 °C): ~4–5 bpm an hour at easy effort, ~10 in summer.
//! - **Warm-up**: speed ramps from 85 % to 100 % of the planned pace over the first 5 minutes.
//! - **Terrain**: altitude is a smooth function of position (rolling hills of ±70 m; ±280 m for
//!   the long mountain run). Running speed falls 4 % per 1 % of uphill grade and rises 1.5 % per
//!   1 % downhill (at most +10 %); above 8 % uphill on the long run the athlete walks (1.4 m/s).
//!   Rides lose 6 % per 1 % of grade and gain (capped) on descents.
//! - **Fatigue** on very long efforts: pace falls 2 % an hour after the second hour.
//! - **Pauses**: with auto-pause (the default on the daily workouts) the watch logs nothing while
//!   stopped (traffic lights, 15–90 s, up to three a workout) and stops the timer; heart rate falls
//!   towards 30 % of reserve meanwhile. Long runs without auto-pause log aid-station stops as
//!   seconds at speed 0.
//! - **Running dynamics**: cadence 80–92 strides/min rising with speed, step length = speed /
//!   steps per second, vertical oscillation ~8–9.5 cm, ground contact ~210–290 ms falling with
//!   speed, power ≈ 1.04 W/kg per m/s (about 1 kcal/kg/km), respiration 18 + 30·%HRR breaths/min.
//! - **GPS**: an out-and-back route from home with a slowly wandering heading (±1.1° a second),
//!   turning round at half time; positions jitter by ~1.5 m; distance integrates speed.

use std::f64::consts::PI;

/// Gaussian noise (Box–Muller) from a seeded generator.
pub fn gauss(rng: &mut fastrand::Rng, sd: f64) -> f64 {
    let u1 = rng.f64().max(1e-12);
    let u2 = rng.f64();
    sd * (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
}

/// The athlete in a given year of the history.
#[derive(Debug, Clone, Copy)]
pub struct Athlete {
    pub mass_kg: f64,
    pub hr_rest: f64,
    pub hr_max: f64,
    /// Running speed at lactate threshold, m/s.
    pub threshold_mps: f64,
    /// Cycling functional threshold power, W.
    pub ftp_w: f64,
}

impl Athlete {
    /// The athlete `years` (fractional) into the history.
    pub fn after(years: f64) -> Athlete {
        let age_y = 30.0 + years;
        let gain = 1.02f64.powf(years.min(4.0));
        Athlete {
            mass_kg: 70.0,
            hr_rest: 52.0 - years.min(4.0),
            hr_max: 208.0 - 0.7 * age_y,
            threshold_mps: 3.70 * gain,
            ftp_w: 230.0 * gain,
        }
    }

    fn hrr(&self) -> f64 {
        self.hr_max - self.hr_rest
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sport {
    Run,
    Ride,
}

/// One block of a workout at a steady effort (fraction of threshold speed, or of FTP riding).
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub secs: u32,
    pub effort: f64,
    /// A manual lap at the end of this segment (interval workouts).
    pub lap: bool,
}

/// What the athlete sets out to do.
#[derive(Debug, Clone)]
pub struct Plan {
    pub sport: Sport,
    pub segments: Vec<Segment>,
    /// Auto-pause: no records while stopped (the daily workouts); off, stops are logged at speed 0.
    pub auto_pause: bool,
    /// Stops: (moving seconds into the workout, seconds stopped).
    pub stops: Vec<(u32, u32)>,
    /// Hills ×4 and walking on steep climbs (the long mountain run).
    pub mountain: bool,
    pub ambient_c: f64,
}

impl Plan {
    pub fn moving_secs(&self) -> u32 {
        self.segments.iter().map(|s| s.secs).sum()
    }
}

/// One second as the watch logs it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Point {
    /// Wall-clock seconds since the start.
    pub t: u32,
    pub hr: u8,
    pub speed_mps: f64,
    pub distance_m: f64,
    pub lat_deg: f64,
    pub lon_deg: f64,
    pub alt_m: f64,
    /// Strides (running) or crank revolutions (riding) per minute, with the fraction for running.
    pub cadence: f64,
    pub power_w: f64,
    pub temp_c: f64,
    pub respiration: f64,
    pub vertical_osc_mm: f64,
    pub stance_ms: f64,
    pub effort: f64,
}

/// What happened: the logged seconds, the timer stops (wall seconds: from, to), and lap ends.
#[derive(Debug, Default)]
pub struct Recording {
    pub points: Vec<Point>,
    pub stops: Vec<(u32, u32)>,
    /// Index into `points` after which a lap ends.
    pub lap_ends: Vec<usize>,
}

/// Altitude (m) of the terrain at (x, y) metres from home.
fn terrain(x: f64, y: f64, mountain: bool) -> f64 {
    let a = if mountain { 4.0 } else { 1.0 };
    420.0
        + a * (35.0 * (x / 900.0 + 1.3).sin()
            + 25.0 * (y / 650.0).cos()
            + 10.0 * ((x + y) / 230.0).sin())
}

/// Simulates `plan` second by second from `home` (lat, lon in degrees).
pub fn simulate(
    ath: &Athlete,
    plan: &Plan,
    home: (f64, f64),
    rng: &mut fastrand::Rng,
) -> Recording {
    let total = plan.moving_secs();
    let mut rec = Recording {
        points: Vec::with_capacity(total as usize + 600),
        ..Recording::default()
    };
    let (mut x, mut y) = (0.0f64, 0.0f64);
    let mut heading = rng.f64() * 2.0 * PI;
    let mut turned = false;
    let mut hr = ath.hr_rest + 0.25 * ath.hrr();
    let mut distance = 0.0;
    let mut wall = 0u32;
    let mut speed_noise = 0.0;
    let mut stops = plan.stops.iter().peekable();
    let mut moving = 0u32;
    let m_per_deg_lat = 111_320.0;
    let m_per_deg_lon = 111_320.0 * home.0.to_radians().cos();
    let lap_km = match plan.sport {
        Sport::Run => 1000.0,
        Sport::Ride => 5000.0,
    };
    let auto_laps = !plan.segments.iter().any(|s| s.lap);
    let mut next_auto_lap = lap_km;

    for seg in &plan.segments {
        for _ in 0..seg.secs {
            // A stop?
            if let Some(&&(at, len)) = stops.peek()
                && at <= moving
            {
                stops.next();
                if plan.auto_pause {
                    // Nothing logged; heart rate falls meanwhile.
                    let target = ath.hr_rest + 0.3 * ath.hrr();
                    for _ in 0..len {
                        hr += (target - hr) / 45.0;
                    }
                    rec.stops.push((wall, wall + len));
                    wall += len;
                } else {
                    for _ in 0..len {
                        let target = ath.hr_rest + 0.35 * ath.hrr();
                        hr += (target - hr) / 45.0;
                        let last = rec.points.last().copied().unwrap_or_default();
                        rec.points.push(Point {
                            t: wall,
                            hr: (hr + gauss(rng, 1.0)).round() as u8,
                            speed_mps: 0.0,
                            cadence: 0.0,
                            power_w: 0.0,
                            ..last
                        });
                        wall += 1;
                    }
                }
            }

            let grade = {
                let ahead = terrain(x + heading.sin(), y + heading.cos(), plan.mountain);
                ahead - terrain(x, y, plan.mountain)
            };
            let hours = f64::from(moving) / 3600.0;
            let warm = (0.85 + 0.15 * f64::from(moving) / 300.0).min(1.0);
            let fatigue = 1.0 - 0.02 * (hours - 2.0).max(0.0);
            speed_noise = 0.9 * speed_noise + gauss(rng, 0.006);
            let (mut speed, hr_pct) = match plan.sport {
                Sport::Run => (ath.threshold_mps * seg.effort, 0.88 * seg.effort.powf(1.6)),
                Sport::Ride => (
                    // ~8 m/s at 70 % FTP on the flat.
                    8.0 * (seg.effort / 0.7).powf(0.45),
                    0.85 * seg.effort.powf(1.2),
                ),
            };
            let per_pct = if plan.sport == Sport::Run { 4.0 } else { 6.0 };
            let grade_factor = if grade > 0.0 {
                (1.0 - per_pct * grade).max(0.35)
            } else {
                (1.0 - 1.5 * grade).min(1.10)
            };
            speed *= warm * fatigue * grade_factor * (1.0 + speed_noise);
            let walking = plan.mountain && grade > 0.08;
            if walking {
                speed = 1.4 + gauss(rng, 0.05);
            }
            speed = speed.max(0.5);

            let drift_per_min = 0.06 * seg.effort * (1.0 + (plan.ambient_c - 15.0).max(0.0) / 15.0);
            let drift = drift_per_min * (f64::from(moving) / 60.0 - 15.0).max(0.0);
            let target =
                (ath.hr_rest + ath.hrr() * hr_pct.clamp(0.25, 1.0) + drift).min(ath.hr_max - 1.0);
            let tau = if target > hr { 25.0 } else { 45.0 };
            hr += (target - hr) / tau;

            distance += speed;
            if !turned && moving >= total / 2 {
                heading += PI;
                turned = true;
            }
            heading += gauss(rng, 0.02);
            x += speed * heading.sin();
            y += speed * heading.cos();
            let alt = terrain(x, y, plan.mountain);

            let pct_hrr = ((hr - ath.hr_rest) / ath.hrr()).clamp(0.0, 1.0);
            let (cadence, power, vo, stance) = match plan.sport {
                Sport::Run if walking => (
                    55.0 + gauss(rng, 1.0),
                    1.04 * ath.mass_kg * speed * (1.0 + 2.0 * grade),
                    55.0 + gauss(rng, 1.5),
                    420.0 + gauss(rng, 8.0),
                ),
                Sport::Run => {
                    let rel = speed / ath.threshold_mps;
                    (
                        80.0 + 8.0 * rel.min(1.5) + gauss(rng, 0.8),
                        1.04 * ath.mass_kg * speed * (1.0 + 2.0 * grade.max(0.0)),
                        88.0 + 4.0 * rel + gauss(rng, 1.5),
                        300.0 - 70.0 * rel.min(1.3) + gauss(rng, 4.0),
                    )
                }
                Sport::Ride => (
                    88.0 + 6.0 * (seg.effort - 0.7) + gauss(rng, 2.0),
                    (ath.ftp_w * seg.effort * (1.0 + 3.0 * grade) + gauss(rng, 12.0)).max(0.0),
                    0.0,
                    0.0,
                ),
            };
            rec.points.push(Point {
                t: wall,
                hr: (hr + gauss(rng, 1.5)).round().clamp(40.0, 230.0) as u8,
                speed_mps: speed,
                distance_m: distance,
                lat_deg: home.0 + (y + gauss(rng, 1.5)) / m_per_deg_lat,
                lon_deg: home.1 + (x + gauss(rng, 1.5)) / m_per_deg_lon,
                alt_m: alt + gauss(rng, 0.2),
                cadence: cadence.max(0.0),
                power_w: power,
                temp_c: plan.ambient_c + 6.0 + gauss(rng, 0.3),
                respiration: 18.0 + 30.0 * pct_hrr + gauss(rng, 1.0),
                vertical_osc_mm: vo,
                stance_ms: stance,
                effort: seg.effort,
            });
            wall += 1;
            moving += 1;
            if auto_laps && distance >= next_auto_lap {
                rec.lap_ends.push(rec.points.len() - 1);
                next_auto_lap += lap_km;
            }
        }
        if seg.lap {
            rec.lap_ends.push(rec.points.len().saturating_sub(1));
        }
    }
    let last = rec.points.len().saturating_sub(1);
    if rec.lap_ends.last() != Some(&last) {
        rec.lap_ends.push(last);
    }
    rec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steady_easy_run_settles_and_drifts() {
        let ath = Athlete::after(0.0);
        let plan = Plan {
            sport: Sport::Run,
            segments: vec![Segment {
                secs: 3600,
                effort: 0.78,
                lap: false,
            }],
            auto_pause: true,
            stops: vec![],
            mountain: false,
            ambient_c: 15.0,
        };
        let rec = simulate(&ath, &plan, (47.37, 8.54), &mut fastrand::Rng::with_seed(1));
        let mean = |from: usize, to: usize| {
            rec.points[from..to]
                .iter()
                .map(|p| f64::from(p.hr))
                .sum::<f64>()
                / (to - from) as f64
        };
        let early = mean(1200, 1500);
        let late = mean(3300, 3600);
        assert!((130.0..160.0).contains(&early), "{early}");
        assert!(late > early + 1.5, "drift: {early} → {late}");
        let d = rec.points.last().unwrap().distance_m;
        assert!((9_000.0..12_000.0).contains(&d), "{d}");
    }
}

//! `gen-history`: N athlete-years of a hybrid athlete's training, as the files they would import.
//!
//! The week (assumptions; each day is drawn from its own generator seeded by the seed and the day,
//! so the output is the same for a seed however it is scheduled on threads):
//! - Mon: easy run in the morning, strength session A in the evening.
//! - Tue: interval run (warm-up 15 min, 4–8 × 3–5 min at 104–108 % of threshold pace with 2 min
//!   jog recoveries, cool-down 10 min) — a tempo run (20–30 min at 97 %) every third week instead.
//! - Wed: ride of 60–100 min at 60–72 % FTP (sweet-spot 3 × 10 min at 90 % every other week).
//! - Thu: easy run, strength session B.
//! - Fri: rest.
//! - Sat: long run, 75–150 min at 76–80 % of threshold pace (building through each year).
//! - Sun: long ride of 90–180 min from April to September, an easy run otherwise.
//! - Each workout is skipped with 12 % probability; two random weeks a year are holidays.
//! - Runs start 06:15–07:15 local, rides 07:30–09:00 at weekends, strength 18:00–19:00.
//! - Ambient temperature follows the season (2 °C in January to 24 °C in July, ±3 °C).
//!
//! Layout: `OUT/fit/YYYY/YYYYMMDD-HHMMSS-{run,ride}.fit`, `OUT/strength/{strong,hevy}-YYYY.csv`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;

use crate::calendar::{Civil, weekday};
use crate::fit_writer;
use crate::physiology::{Athlete, Plan, Segment, Sport, gauss, simulate};
use crate::strength;

/// Home of the synthetic athlete (Zürich).
const HOME: (f64, f64) = (47.3769, 8.5417);

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub fit_files: usize,
    pub csv_files: usize,
    pub bytes: u64,
    pub records: u64,
}

/// One planned activity of a day.
pub(crate) struct Outing {
    pub(crate) sport: Sport,
    pub(crate) local: Civil,
    pub(crate) plan: Plan,
}

pub(crate) fn seeded(seed: u64, day: i64, salt: u64) -> fastrand::Rng {
    fastrand::Rng::with_seed(
        seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (day as u64).wrapping_mul(0xD1B5_4A32_D192_ED03)
            ^ salt,
    )
}

fn seg(secs: u32, effort: f64) -> Segment {
    Segment {
        secs,
        effort,
        lap: false,
    }
}

fn ambient_c(month: u32, rng: &mut fastrand::Rng) -> f64 {
    let phase = (f64::from(month) - 1.0) / 12.0 * 2.0 * std::f64::consts::PI;
    13.0 - 11.0 * phase.cos() + gauss(rng, 3.0)
}

fn stops(rng: &mut fastrand::Rng, moving: u32) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = (0..rng.u32(0..=3))
        .map(|_| (rng.u32(300..moving.max(301)), rng.u32(15..=90)))
        .collect();
    v.sort_unstable();
    v
}

/// The activities of day `days` (since 1970-01-01), `years` into the history.
pub(crate) fn outings(seed: u64, days: i64, years: f64, holiday: bool) -> Vec<Outing> {
    let mut rng = seeded(seed, days, 1);
    if holiday {
        return Vec::new();
    }
    let date = Civil::from_days(days, 0);
    let week = (days - Civil::days_of_new_year(date.year)) / 7;
    let amb = ambient_c(date.month, &mut rng);
    let morning = |rng: &mut fastrand::Rng| Civil {
        secs: 6 * 3600 + 900 + rng.u32(0..3600),
        ..date
    };
    let weekend = |rng: &mut fastrand::Rng| Civil {
        secs: 7 * 3600 + 1800 + rng.u32(0..5400),
        ..date
    };
    let build = 1.0 + 0.5 * (f64::from(week.min(40) as u32) / 40.0);
    let mut day = Vec::new();
    let run = |rng: &mut fastrand::Rng, segments: Vec<Segment>, local: Civil| {
        let moving: u32 = segments.iter().map(|s| s.secs).sum();
        Outing {
            sport: Sport::Run,
            local,
            plan: Plan {
                sport: Sport::Run,
                stops: stops(rng, moving),
                segments,
                auto_pause: true,
                mountain: false,
                ambient_c: amb,
            },
        }
    };
    let easy = |rng: &mut fastrand::Rng| vec![seg(rng.u32(30..=60) * 60, 0.76 + rng.f64() * 0.04)];
    match weekday(days) {
        0 | 3 => {
            let segments = easy(&mut rng);
            let local = morning(&mut rng);
            day.push(run(&mut rng, segments, local));
        }
        1 => {
            let mut segments = vec![seg(900, 0.76)];
            if week % 3 == 2 {
                segments.push(Segment {
                    secs: rng.u32(20..=30) * 60,
                    effort: 0.97,
                    lap: true,
                });
            } else {
                let n = rng.u32(4..=8);
                let work = rng.u32(3..=5) * 60;
                let pace = 1.04 + rng.f64() * 0.04;
                for _ in 0..n {
                    segments.push(Segment {
                        secs: work,
                        effort: pace,
                        lap: true,
                    });
                    segments.push(Segment {
                        secs: 120,
                        effort: 0.6,
                        lap: true,
                    });
                }
            }
            segments.push(seg(600, 0.74));
            if let Some(first) = segments.first_mut() {
                first.lap = true;
            }
            let local = morning(&mut rng);
            day.push(run(&mut rng, segments, local));
        }
        2 => {
            let mut segments = Vec::new();
            if week % 2 == 0 {
                segments.push(seg(1200, 0.62));
                for _ in 0..3 {
                    segments.push(seg(600, 0.9));
                    segments.push(seg(300, 0.55));
                }
                segments.push(seg(600, 0.6));
            } else {
                segments.push(seg(rng.u32(60..=100) * 60, 0.6 + rng.f64() * 0.12));
            }
            let moving: u32 = segments.iter().map(|s| s.secs).sum();
            let local = morning(&mut rng);
            day.push(Outing {
                sport: Sport::Ride,
                local,
                plan: Plan {
                    sport: Sport::Ride,
                    stops: stops(&mut rng, moving),
                    segments,
                    auto_pause: true,
                    mountain: false,
                    ambient_c: amb,
                },
            });
        }
        5 => {
            let minutes = (75.0 * build + rng.f64() * 40.0).min(150.0) as u32;
            let segments = vec![seg(minutes * 60, 0.76 + rng.f64() * 0.04)];
            let local = weekend(&mut rng);
            day.push(run(&mut rng, segments, local));
        }
        6 if (4..=9).contains(&date.month) => {
            let segments = vec![seg(rng.u32(90..=180) * 60, 0.6 + rng.f64() * 0.08)];
            let moving: u32 = segments.iter().map(|s| s.secs).sum();
            let local = weekend(&mut rng);
            day.push(Outing {
                sport: Sport::Ride,
                local,
                plan: Plan {
                    sport: Sport::Ride,
                    stops: stops(&mut rng, moving),
                    segments,
                    auto_pause: true,
                    mountain: false,
                    ambient_c: amb,
                },
            });
        }
        6 => {
            let segments = easy(&mut rng);
            let local = weekend(&mut rng);
            day.push(run(&mut rng, segments, local));
        }
        _ => {}
    }
    day.retain(|_| rng.f64() >= 0.12);
    let _ = years;
    day
}

/// Writes one activity; returns (bytes, records).
fn write_outing(
    out: &Path,
    o: &Outing,
    years: f64,
    rng: &mut fastrand::Rng,
) -> anyhow::Result<(u64, u64)> {
    let ath = Athlete::after(years);
    let rec = simulate(&ath, &o.plan, HOME, rng);
    let offset = o.local.utc_offset_s();
    let days = Civil::days_of_new_year(o.local.year) + day_of_year(&o.local);
    let start_unix = days * 86_400 + i64::from(o.local.secs) - i64::from(offset);
    let bytes = fit_writer::encode(&rec, o.sport, start_unix, offset, 3_900_000_000 + 17)?;
    let kind = match o.sport {
        Sport::Run => "run",
        Sport::Ride => "ride",
    };
    let dir = out.join("fit").join(o.local.year.to_string());
    let path = dir.join(format!("{}-{kind}.fit", o.local.stamp()));
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok((bytes.len() as u64, rec.points.len() as u64))
}

fn day_of_year(c: &Civil) -> i64 {
    // Find the day by stepping from New Year (at most 366 steps, only used once per file).
    let first = Civil::days_of_new_year(c.year);
    (0..366)
        .find(|&d| {
            let x = Civil::from_days(first + d, 0);
            x.month == c.month && x.day == c.day
        })
        .unwrap_or(0)
}

/// Generates `years` athlete-years ending on the last day of 2025 (or `weeks` weeks, for tests).
pub fn generate(out: &Path, years: u32, weeks: Option<u32>, seed: u64) -> anyhow::Result<Summary> {
    let last_year = 2025i64;
    let first_year = last_year - i64::from(years) + 1;
    let first_day = Civil::days_of_new_year(first_year);
    let end_day = match weeks {
        Some(w) => first_day + i64::from(w) * 7,
        None => Civil::days_of_new_year(last_year + 1),
    };
    for y in first_year..=last_year {
        std::fs::create_dir_all(out.join("fit").join(y.to_string()))?;
    }
    std::fs::create_dir_all(out.join("strength"))?;

    // Two holiday weeks a year.
    let holidays: Vec<(i64, i64)> = (first_year..=last_year)
        .flat_map(|y| {
            let mut rng = seeded(seed, y, 2);
            let start = Civil::days_of_new_year(y);
            [rng.i64(0..52), rng.i64(0..52)].map(|w| (start + w * 7, start + w * 7 + 7))
        })
        .collect();
    let is_holiday = |d: i64| holidays.iter().any(|&(a, b)| (a..b).contains(&d));

    let next = AtomicUsize::new(0);
    let total = Mutex::new(Summary::default());
    let days: Vec<i64> = (first_day..end_day).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    let mut mine = Summary::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&d) = days.get(i) else { break };
                        let years_in = (d - first_day) as f64 / 365.25;
                        for (k, o) in outings(seed, d, years_in, is_holiday(d)).iter().enumerate() {
                            let mut rng = seeded(seed, d, 100 + k as u64);
                            let (b, r) = write_outing(out, o, years_in, &mut rng)?;
                            mine.fit_files += 1;
                            mine.bytes += b;
                            mine.records += r;
                        }
                    }
                    let mut t = total.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
                    t.fit_files += mine.fit_files;
                    t.bytes += mine.bytes;
                    t.records += mine.records;
                    Ok(())
                })
            })
            .collect();
        for w in workers {
            w.join()
                .map_err(|_| anyhow::anyhow!("a worker panicked"))??;
        }
        Ok(())
    })?;
    let mut summary = total
        .into_inner()
        .map_err(|_| anyhow::anyhow!("poisoned"))?;

    // Strength: Mon (A) and Thu (B) evenings, Strong for the first half, Hevy after.
    let switch_year = first_year + i64::from(years) / 2;
    for y in first_year..=last_year {
        let from = Civil::days_of_new_year(y).max(first_day);
        let to = Civil::days_of_new_year(y + 1).min(end_day);
        let mut sessions = Vec::new();
        for d in from..to {
            let wd = weekday(d);
            if !(wd == 0 || wd == 3) || is_holiday(d) {
                continue;
            }
            let mut rng = seeded(seed, d, 3);
            if rng.f64() < 0.12 {
                continue;
            }
            let start = Civil::from_days(d, 18 * 3600 + rng.u32(0..3600));
            let years_in = (d - first_day) as f64 / 365.25;
            let week = (d - Civil::days_of_new_year(y)) / 7;
            sessions.push(strength::session(
                start,
                usize::from(wd == 3),
                years_in,
                week,
                &mut rng,
            ));
        }
        if sessions.is_empty() {
            continue;
        }
        let (name, text) = if y < switch_year {
            (format!("strong-{y}.csv"), strength::strong_csv(&sessions))
        } else {
            (format!("hevy-{y}.csv"), strength::hevy_csv(&sessions))
        };
        let path = out.join("strength").join(name);
        std::fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
        summary.csv_files += 1;
        summary.bytes += text.len() as u64;
    }
    Ok(summary)
}

/// One 12-hour mountain run (an ultra): ≈ 43,200 one-second records, auto-pause off, aid-station
/// stops logged at speed 0, hills ×4 with walking on the steep climbs, pace fading after 2 h.
pub fn twelve_hour(path: &Path, seed: u64) -> anyhow::Result<(u64, u64)> {
    let mut rng = seeded(seed, 0, 12);
    let wall = 12 * 3600;
    // Aid stations every 75–105 min, 2–6 min each.
    let mut stops = Vec::new();
    let mut at = 0u32;
    let mut stopped = 0u32;
    loop {
        at += rng.u32(75..=105) * 60;
        let len = rng.u32(120..=360);
        if at + len + stopped >= wall - 1800 {
            break;
        }
        stops.push((at, len));
        stopped += len;
    }
    let plan = Plan {
        sport: Sport::Run,
        segments: vec![seg(wall - stopped, 0.66)],
        auto_pause: false,
        stops,
        mountain: true,
        ambient_c: 18.0,
    };
    let ath = Athlete::after(4.0);
    let rec = simulate(&ath, &plan, HOME, &mut rng);
    // 2025-07-05 05:00 local (UTC+2).
    let start_unix = Civil::days_of_new_year(2025) * 86_400 + 185 * 86_400 + 3 * 3600;
    let bytes = fit_writer::encode(&rec, Sport::Run, start_unix, 7200, 3_900_000_017)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok((bytes.len() as u64, rec.points.len() as u64))
}

/// Every file under `dir`, sorted (for the checks).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(entries) = std::fs::read_dir(&d) {
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

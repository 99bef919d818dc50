//! `team-history`: a team's logs on a database — N athlete users, each with an API token, a profile and
//! `years` of generated history (runs and rides as summaries, lifts with exercises and sets, daily
//! check-ins) — written through the store interface (`afterlift_app::accounts`, `Store::import`,
//! `Store::upsert_wellness`), for the load test of BENCHMARKS.md (issue 13).
//!
//! The training is `gen-history`'s (the week of [`crate::history`], the lifts of [`crate::strength`]),
//! ending the day before `--end`; each athlete has their own seed (skipped sessions, holidays, times)
//! and their own body: age 20–50, sex, body mass, resting heart rate, running threshold and FTP, and
//! strength maxima scaled by one personal factor. What makes a file in `gen-history` is cheap to
//! summarise without simulating each second, so activities carry their summary and no samples:
//! - duration: the plan's moving time, plus its stops;
//! - distance: running speed = threshold × effort (the physiology's model on the flat, minus 2 % for
//!   hills and the warm-up), riding ≈ 8 m/s at 70 % FTP (× (effort/0.7)^0.45);
//! - heart rate: the physiology's steady-state targets (`rest + HRR · 0.88 · e^1.6` running,
//!   `· 0.85 · e^1.2` riding), time-weighted, plus half the cardiac drift of the session's length
//!   (0.06 bpm/min × effort after 15 min); the maximum is the hardest segment's target plus its drift and
//!   3–6 bpm, below HRmax;
//! - energy: about 1 kcal/kg/km running (the physiology's power model), mechanical work ÷ 0.24 riding.
//!
//! Check-ins: 90 % of days, Hooper items around 3 (one worse the day after a long run or a lift), sleep
//! 7.3 ± 0.7 h, resting heart rate ± 2 bpm around the athlete's, rMSSD log-normal around their own,
//! illness on 0.5 % of days. Each athlete-month of sessions is one `Store::import` batch (its own
//! content hash), so the import's duplicate search is an index range scan per item, not quadratic.
//!
//! Seeded: the same seed, count, years and end date give the same histories (the tokens are random —
//! they are secrets). Tokens are written one a line, in athlete order, to `--tokens`.

use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use afterlift_core::athlete::{Athlete, Goal, Sex};
use afterlift_core::session::{
    Activity, ExerciseLog, SetKind, SetLog, Sport as CoreSport, StrengthSession, Wellness,
};
use afterlift_store::accounts::Role;
use afterlift_store::{ImportBatch, Profile, Store};
use anyhow::Context;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::calendar::{Civil, weekday};
use crate::history::{Outing, outings, seeded};
use crate::physiology::{self, Plan, Sport, gauss};
use crate::strength;

const ZONE: &str = "Europe/Zurich";

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub athletes: usize,
    pub activities: usize,
    pub lifts: usize,
    pub sets: usize,
    pub check_ins: usize,
}

/// One athlete's body: the physiology's athlete scaled.
#[derive(Debug, Clone, Copy)]
struct Person {
    age: f64,
    sex: Sex,
    mass_kg: f64,
    hr_rest: f64,
    /// Running threshold and FTP relative to the physiology's athlete.
    aerobic: f64,
    /// Strength maxima relative to the programme's.
    strength: f64,
    hrv_ms: f64,
    goal: Goal,
}

impl Person {
    fn new(rng: &mut fastrand::Rng) -> Person {
        let sex = if rng.bool() { Sex::Female } else { Sex::Male };
        let female = sex == Sex::Female;
        Person {
            age: f64::from(rng.u32(20..=50)),
            sex,
            mass_kg: ((if female { 62.0 } else { 76.0 }) + gauss(rng, 6.0)).clamp(48.0, 100.0),
            hr_rest: (55.0 + gauss(rng, 5.0)).clamp(42.0, 72.0),
            aerobic: (if female { 0.9 } else { 1.0 }) * (1.0 + gauss(rng, 0.07)).clamp(0.8, 1.2),
            strength: (if female { 0.65 } else { 1.0 }) * (1.0 + gauss(rng, 0.12)).clamp(0.7, 1.3),
            hrv_ms: (55.0 + gauss(rng, 15.0)).clamp(25.0, 110.0),
            goal: Goal::ALL[rng.usize(..Goal::ALL.len())],
        }
    }

    /// The physiology's athlete `years` into the history, as this person.
    fn body(&self, years: f64) -> physiology::Athlete {
        let base = physiology::Athlete::after(years);
        physiology::Athlete {
            mass_kg: self.mass_kg,
            hr_rest: self.hr_rest - years.min(4.0) * 0.5,
            hr_max: 208.0 - 0.7 * (self.age + years),
            threshold_mps: base.threshold_mps * self.aerobic,
            ftp_w: base.ftp_w * self.aerobic * self.mass_kg / 70.0,
        }
    }

    fn profile(&self, years: f64) -> Profile {
        let body = self.body(years);
        let mut p = Profile::new(Athlete {
            age_years: (self.age + years).floor(),
            sex: self.sex,
            weight_kg: (self.mass_kg * 10.0).round() / 10.0,
            resting_hr_bpm: Some(body.hr_rest.round()),
            max_hr_bpm: Some(body.hr_max.round()),
            hrv_rmssd_ms: Some(self.hrv_ms.round()),
            goal: self.goal,
            concurrent_weeks: None,
            injury_prone: false,
        });
        p.time_zone = Some(ZONE.into());
        p
    }
}

/// A planned outing as a stored summary (see the module's documentation).
fn summarise(
    o: &Outing,
    body: &physiology::Athlete,
    tz: &TimeZone,
    rng: &mut fastrand::Rng,
) -> anyhow::Result<Activity> {
    let plan: &Plan = &o.plan;
    let moving = f64::from(plan.moving_secs());
    let stopped: u32 = plan.stops.iter().map(|s| s.1).sum();
    let hrr = body.hr_max - body.hr_rest;
    let (mut dist, mut hr_time, mut peak, mut work_j) = (0.0, 0.0, 0.0f64, 0.0);
    for s in &plan.segments {
        let secs = f64::from(s.secs);
        let (speed, pct) = match plan.sport {
            Sport::Run => (
                body.threshold_mps * s.effort * 0.98,
                0.88 * s.effort.powf(1.6),
            ),
            Sport::Ride => (8.0 * (s.effort / 0.7).powf(0.45), 0.85 * s.effort.powf(1.2)),
        };
        dist += speed * secs;
        let target = body.hr_rest + hrr * pct.clamp(0.25, 1.0);
        hr_time += target * secs;
        peak = peak.max(target);
        work_j += match plan.sport {
            Sport::Run => 1.04 * body.mass_kg * speed * secs,
            Sport::Ride => body.ftp_w * s.effort * secs,
        };
    }
    let effort = plan
        .segments
        .iter()
        .map(|s| s.effort * f64::from(s.secs))
        .sum::<f64>()
        / moving;
    let drift = 0.06 * effort * (moving / 60.0 - 15.0).max(0.0);
    let avg = (hr_time / moving + drift / 2.0 + gauss(rng, 1.0)).min(body.hr_max - 5.0);
    let max = (peak + drift + 3.0 + rng.f64() * 3.0).clamp(avg + 2.0, body.hr_max - 1.0);
    let kcal = match plan.sport {
        Sport::Run => body.mass_kg * dist / 1000.0,
        Sport::Ride => work_j / 4184.0 / 0.24,
    };
    let local = o.local;
    let start = jiff::civil::date(local.year as i16, local.month as i8, local.day as i8)
        .at(
            (local.secs / 3600) as i8,
            (local.secs / 60 % 60) as i8,
            (local.secs % 60) as i8,
            0,
        )
        .to_zoned(tz.clone())?;
    Ok(Activity {
        sport: match plan.sport {
            Sport::Run => CoreSport::Run,
            Sport::Ride => CoreSport::Cycle,
        },
        started_at: start.timestamp(),
        utc_offset_s: Some(start.offset().seconds()),
        timer_s: moving,
        elapsed_s: moving + f64::from(stopped),
        distance_m: Some(dist.round()),
        avg_hr_bpm: Some(avg.round()),
        max_hr_bpm: Some(max.round()),
        calories_kcal: Some(kcal.round()),
        rpe: None,
        source: "xtask team-history".into(),
        samples: Vec::new(),
        laps: Vec::new(),
    })
}

fn lift(s: &strength::Session, person: &Person, tz: &TimeZone) -> anyhow::Result<StrengthSession> {
    let c = s.start;
    let start = jiff::civil::date(c.year as i16, c.month as i8, c.day as i8)
        .at(
            (c.secs / 3600) as i8,
            (c.secs / 60 % 60) as i8,
            (c.secs % 60) as i8,
            0,
        )
        .to_zoned(tz.clone())?;
    let exercises = s
        .exercises
        .iter()
        .map(|(name, sets)| ExerciseLog {
            name: (*name).to_owned(),
            sets: sets
                .iter()
                .map(|set| SetLog {
                    reps: Some(set.reps),
                    weight_kg: (set.kg > 0.0)
                        .then(|| ((set.kg * person.strength / 2.5).round() * 2.5).max(2.5)),
                    rpe: set.rpe,
                    kind: if set.warmup {
                        SetKind::Warmup
                    } else {
                        SetKind::Normal
                    },
                    duration_s: None,
                    distance_m: None,
                })
                .collect(),
        })
        .collect();
    Ok(StrengthSession {
        started_at: start.timestamp(),
        duration_s: Some(f64::from(s.minutes) * 60.0),
        title: Some(s.name.to_owned()),
        rpe: None,
        source: "xtask team-history".into(),
        exercises,
    })
}

fn hooper(base: f64, rng: &mut fastrand::Rng) -> Option<u8> {
    Some((base + gauss(rng, 0.8)).round().clamp(1.0, 7.0) as u8)
}

/// Writes one athlete: user, token, profile, history by month, check-ins. Returns (token, counts).
#[allow(clippy::too_many_arguments)]
async fn athlete(
    store: &Store,
    index: usize,
    seed: u64,
    years: u32,
    end: Date,
    tz: &TimeZone,
    now: Timestamp,
    personal: bool,
) -> anyhow::Result<(String, Summary)> {
    let seed = seed ^ (index as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F);
    let person = Person::new(&mut seeded(seed, 0, 77));
    let (secret, log) = if personal {
        // A personal log: its one athlete, no user and no token.
        (String::new(), store.clone())
    } else {
        let name = format!("athlete-{index:04}");
        let user = afterlift_app::accounts::add_user(store, &name, Role::Athlete, None, now)
            .await
            .with_context(|| format!("adding {name}"))?;
        let issued =
            afterlift_app::accounts::create_token(store, &user, "load test", now, None).await?;
        let athlete = user.athlete.context("an athlete user without a log")?;
        (issued.secret, store.for_athlete(athlete))
    };
    log.set_profile(&person.profile(f64::from(years))).await?;

    let end_day = end
        .to_zoned(TimeZone::UTC)?
        .timestamp()
        .as_second()
        .div_euclid(86_400);
    let first_day = end_day - (f64::from(years) * 365.25).round() as i64;
    let first_year = Civil::from_days(first_day, 0).year;
    let last_year = Civil::from_days(end_day, 0).year;
    let holidays: Vec<(i64, i64)> = (first_year..=last_year)
        .flat_map(|y| {
            let mut rng = seeded(seed, y, 2);
            let start = Civil::days_of_new_year(y);
            [rng.i64(0..52), rng.i64(0..52)].map(|w| (start + w * 7, start + w * 7 + 7))
        })
        .collect();
    let is_holiday = |d: i64| holidays.iter().any(|&(a, b)| (a..b).contains(&d));

    let mut summary = Summary {
        athletes: 1,
        ..Summary::default()
    };
    let mut batch = ImportBatch::default();
    let mut month = None;
    let mut hard_yesterday = false;
    let mut check_ins = Vec::new();
    for d in first_day..end_day {
        let date = Civil::from_days(d, 0);
        let years_in = (d - first_day) as f64 / 365.25;
        let body = person.body(years_in);
        if month.is_some_and(|m| m != (date.year, date.month)) {
            flush(&log, &mut batch, &mut summary, seed, index, month).await?;
        }
        month = Some((date.year, date.month));
        let mut hard_today = false;
        for (k, o) in outings(seed, d, years_in, is_holiday(d)).iter().enumerate() {
            let mut rng = seeded(seed, d, 100 + k as u64);
            hard_today |= o.plan.moving_secs() > 75 * 60;
            batch.activities.push(summarise(o, &body, tz, &mut rng)?);
        }
        let wd = weekday(d);
        if (wd == 0 || wd == 3) && !is_holiday(d) {
            let mut rng = seeded(seed, d, 3);
            if rng.f64() >= 0.12 {
                let start = Civil::from_days(d, 18 * 3600 + rng.u32(0..3600));
                let week = (d - Civil::days_of_new_year(date.year)) / 7;
                let s = strength::session(start, usize::from(wd == 3), years_in, week, &mut rng);
                hard_today = true;
                batch.lifts.push(lift(&s, &person, tz)?);
            }
        }
        let mut rng = seeded(seed, d, 4);
        if rng.f64() < 0.9 {
            let worse = if hard_yesterday { 1.0 } else { 0.0 };
            let w = Wellness {
                sleep_hours: Some(
                    ((7.3 + gauss(&mut rng, 0.7)).clamp(4.0, 10.5) * 4.0).round() / 4.0,
                ),
                sleep_quality: hooper(3.0, &mut rng),
                fatigue: hooper(3.0 + worse, &mut rng),
                soreness: hooper(2.8 + worse, &mut rng),
                stress: hooper(3.0, &mut rng),
                mood: hooper(2.8, &mut rng),
                resting_hr_bpm: Some((body.hr_rest + worse + gauss(&mut rng, 2.0)).round()),
                hrv_rmssd_ms: Some(
                    (person.hrv_ms * (gauss(&mut rng, 0.15) - 0.1 * worse).exp())
                        .round()
                        .clamp(5.0, 300.0),
                ),
                pain: false,
                illness: rng.f64() < 0.005,
            };
            let day = Date::new(date.year as i16, date.month as i8, date.day as i8)?;
            check_ins.push((day, w));
        }
        hard_yesterday = hard_today;
    }
    flush(&log, &mut batch, &mut summary, seed, index, month).await?;
    for (day, w) in &check_ins {
        log.upsert_wellness(*day, w).await?;
    }
    summary.check_ins = check_ins.len();
    Ok((secret, summary))
}

async fn flush(
    log: &Store,
    batch: &mut ImportBatch,
    summary: &mut Summary,
    seed: u64,
    index: usize,
    month: Option<(i64, u32)>,
) -> anyhow::Result<()> {
    let Some((y, m)) = month else { return Ok(()) };
    if batch.activities.is_empty() && batch.lifts.is_empty() {
        return Ok(());
    }
    let label = format!("team-history/{seed:016x}/athlete-{index:04}/{y:04}-{m:02}");
    batch.content_hash = afterlift_store::content_hash(label.as_bytes());
    batch.path = label.into();
    batch.format = "generated".into();
    let b = std::mem::take(batch);
    let (a, l) = (b.activities.len(), b.lifts.len());
    let sets: usize = b
        .lifts
        .iter()
        .flat_map(|l| &l.exercises)
        .map(|e| e.sets.len())
        .sum();
    let outcome = log.import(b).await?;
    anyhow::ensure!(
        outcome.status() == afterlift_core::contract::FileStatus::Imported,
        "athlete {index} {y}-{m}: {outcome:?}"
    );
    summary.activities += a;
    summary.lifts += l;
    summary.sets += sets;
    Ok(())
}

/// Writes `athletes` athletes on the log at `db`, `jobs` at a time; tokens to `tokens`.
pub fn generate(
    db: &str,
    athletes: usize,
    years: u32,
    seed: u64,
    end: Date,
    jobs: usize,
    tokens: &Path,
) -> anyhow::Result<Summary> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let location = afterlift_app::open::location(Path::new(db))?;
        let store = afterlift_app::open::open(&location).await?;
        let tz = TimeZone::get(ZONE)?;
        let now = Timestamp::now();
        let next = Arc::new(AtomicUsize::new(0));
        let t0 = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..jobs.max(1) {
            let (store, next, tz) = (store.clone(), Arc::clone(&next), tz.clone());
            tasks.spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= athletes {
                        break;
                    }
                    let r = athlete(&store, i, seed, years, end, &tz, now, false).await?;
                    if (i + 1) % 50 == 0 {
                        eprintln!("{} athletes, {:.0} s", i + 1, t0.elapsed().as_secs_f64());
                    }
                    mine.push((i, r));
                }
                anyhow::Ok(mine)
            });
        }
        let mut all = Vec::with_capacity(athletes);
        while let Some(done) = tasks.join_next().await {
            all.extend(done??);
        }
        all.sort_by_key(|(i, _)| *i);
        let mut file = std::io::BufWriter::new(
            std::fs::File::create(tokens)
                .with_context(|| format!("creating {}", tokens.display()))?,
        );
        let mut total = Summary::default();
        for (_, (token, s)) in &all {
            writeln!(file, "{token}")?;
            total.athletes += s.athletes;
            total.activities += s.activities;
            total.lifts += s.lifts;
            total.sets += s.sets;
            total.check_ins += s.check_ins;
        }
        file.flush()?;
        store.close().await;
        Ok(total)
    })
}

/// One athlete's history (as [`generate`]'s first athlete, with the same seed) written into the personal
/// log at `db` — its profile, activities, lifts and check-ins — with no user or token: a personal log a
/// dashboard opens without signing in (the History benchmark of issue 14).
pub fn personal(db: &str, years: u32, seed: u64, end: Date) -> anyhow::Result<Summary> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let location = afterlift_app::open::location(Path::new(db))?;
        let store = afterlift_app::open::open(&location).await?;
        anyhow::ensure!(
            store.profile().await?.is_none(),
            "{db} already holds a profile: use a new log"
        );
        let tz = TimeZone::get(ZONE)?;
        let (_, summary) =
            athlete(&store, 0, seed, years, end, &tz, Timestamp::now(), true).await?;
        store.close().await;
        Ok(summary)
    })
}

//! The history to explore ([`history`]): weekly volume per ISO week — cardio minutes, distance and
//! sessions by sport; strength hard sets and tonnage by muscle group —, the estimated 1RM of each
//! exercise session by session, and where the data is (its first and last dates), so that a view can open
//! on it.
//!
//! # Weeks
//! ISO 8601 weeks, Monday to Sunday, of the athlete's local dates (a session belongs to the day it started
//! on in their time zone).
//!
//! # Hard sets by muscle group
//! Weekly sets per muscle group are the usual measure of resistance-training volume (Schoenfeld BJ, Ogborn
//! D & Krieger JW 2017, "Dose-response relationship between weekly resistance training volume and increases
//! in muscle mass: a systematic review and meta-analysis", J Sports Sci 35:1073). A **hard set** here is
//! every set not marked as a warm-up of an exercise the catalogue knows as resistance work (not cardio or
//! mobility): files rarely rate sets, so proximity to failure cannot be told, and the sets people log as
//! working sets are the ones they count. Each set counts **1 for a prime mover and ½ for a synergist**
//! (the catalogue's [`PRIMARY_WEIGHT`](crate::catalogue::PRIMARY_WEIGHT) and
//! [`SECONDARY_WEIGHT`](crate::catalogue::SECONDARY_WEIGHT), the weights the fatigue model deals sets
//! with): the "fractional" count, which counted indirect sets as half a set and fitted muscle growth
//! better than counting them fully or not at all (Pelland JC et al. 2024, "The resistance training
//! dose-response: meta-regressions exploring the effects of weekly volume and frequency on muscle
//! hypertrophy and strength gain", SportRxiv preprint). Tonnage (volume load, Σ reps × kg: McBride JM et
//! al. 2009, J Strength Cond Res 23:106; [`volume_load_kg`](crate::science::strength::volume_load_kg)) is
//! attributed with the same weights. Sets of names the catalogue cannot read go to no muscle; they are
//! counted on their own (`unknown_sets`). Because a set counts for every muscle it works, the muscles' sets
//! do not add up to the week's; the exercise's region (upper, lower, core, full body) counts each set once.
//!
//! # Estimated 1RM
//! One point per session per exercise: the session's best set by Epley (w × (1 + reps/30); Epley 1985) over
//! the sets that are not warm-ups with a weight and 1–[`E1RM_MAX_REPS`] reps —
//! [`crate::readiness::best_e1rm`], the same estimate the readiness flag "e1RM falling" compares, so the
//! chart and the flag agree. Epley rather than Brzycki: both agree to within 2 % up to 5 reps and equal
//! each other at 10; Brzycki is meant for up to about 10 reps and breaks down at 37, Epley is defined for
//! any count. Beyond about 10–12 reps both overestimate or scatter widely, so higher-rep sets give no point.
//! An exercise logged twice in one session gives one point, its best.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::catalogue::{self, Aliases, Muscle, Region};
use crate::contract::{
    E1rmPoint, ExerciseProgress, HistoryResponse, MuscleVolume, RegionVolume, SportVolume,
    StrengthVolume, WeekVolume,
};
use crate::load::lift_minutes;
use crate::load::series::epoch_day;
use crate::notation::set_text;
pub use crate::readiness::E1RM_MAX_REPS;
use crate::readiness::best_e1rm_set;
use crate::science::amount;
use crate::session::{SetKind, Sport, StrengthSession};

/// The longest range one answer covers: a hundred years of weeks (5,218).
pub const MAX_DAYS: i64 = 36_525;

/// A cardio session as the history reads it (a listing's row: no samples needed).
#[derive(Debug, Clone, PartialEq)]
pub struct CardioEntry {
    pub sport: Sport,
    pub started_at: Timestamp,
    /// Timer (moving) time, seconds.
    pub timer_s: f64,
    pub distance_m: Option<f64>,
}

/// A strength session with the id the contract names it by (`l12`).
#[derive(Debug, Clone, PartialEq)]
pub struct LiftEntry {
    pub id: String,
    pub session: StrengthSession,
}

/// Everything the history is computed from.
#[derive(Debug, Clone, Copy)]
pub struct HistoryInput<'a> {
    pub time_zone: &'a TimeZone,
    pub activities: &'a [CardioEntry],
    pub lifts: &'a [LiftEntry],
    /// The first and last dates with a check-in, if any.
    pub check_ins: Option<(Date, Date)>,
    /// The athlete's own names for exercises.
    pub aliases: &'a Aliases,
}

/// The range asked for: either end may be left to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Range {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A range the history cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("{from} is after {to}")]
    FromAfterTo { from: Date, to: Date },
    #[error("{days} days from {from} to {to}: at most {MAX_DAYS} days (a hundred years) at once")]
    TooLong { from: Date, to: Date, days: i64 },
}

impl RangeError {
    /// The query parameter to blame (`from`, as the wellness listing does for a reversed range).
    pub fn field(&self) -> &'static str {
        "from"
    }
}

/// The Monday of `date`'s ISO week.
pub fn week_start(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(back.days()).unwrap_or(date)
}

/// The history from `input` for `range`; `today` is the athlete's local date (the default end).
///
/// Defaults: `to` is today, or the last date with data when that is later; `from` is the first date with
/// data, else `to`. A default range longer than [`MAX_DAYS`] keeps its last [`MAX_DAYS`]; an asked one is
/// refused.
pub fn history(
    input: &HistoryInput<'_>,
    range: Range,
    today: Date,
) -> Result<HistoryResponse, RangeError> {
    let tz = input.time_zone;
    let local = |t: Timestamp| tz.to_datetime(t).date();
    let cat = catalogue::catalogue();

    // Where the data is.
    let dates = input
        .activities
        .iter()
        .map(|a| local(a.started_at))
        .chain(input.lifts.iter().map(|l| local(l.session.started_at)))
        .chain(input.check_ins.into_iter().flat_map(|(a, b)| [a, b]));
    let (first_date, last_date) = dates.fold((None, None), |(lo, hi): (Option<Date>, _), d| {
        (
            Some(lo.map_or(d, |lo| lo.min(d))),
            Some(hi.map_or(d, |hi: Date| hi.max(d))),
        )
    });

    let to = range
        .to
        .unwrap_or_else(|| last_date.map_or(today, |l| l.max(today)));
    let from = match range.from {
        Some(from) => from,
        None => {
            let from = first_date.unwrap_or(to).min(to);
            if epoch_day(to) - epoch_day(from) >= MAX_DAYS {
                to.checked_sub((MAX_DAYS - 1).days()).unwrap_or(from)
            } else {
                from
            }
        }
    };
    if from > to {
        return Err(RangeError::FromAfterTo { from, to });
    }
    let days = epoch_day(to) - epoch_day(from) + 1;
    if days > MAX_DAYS {
        return Err(RangeError::TooLong { from, to, days });
    }

    // Every week overlapping the range, empty ones included.
    let first_monday = week_start(from);
    let base = epoch_day(first_monday);
    let n_weeks = ((epoch_day(to) - base) / 7 + 1) as usize;
    let mut weeks: Vec<WeekAcc> = Vec::with_capacity(n_weeks);
    let mut monday = first_monday;
    for _ in 0..n_weeks {
        weeks.push(WeekAcc::new(monday));
        monday = monday.checked_add(7.days()).unwrap_or(monday);
    }
    let week_of = |d: Date| -> Option<usize> {
        let offset = epoch_day(d) - base;
        (offset >= 0)
            .then_some((offset / 7) as usize)
            .filter(|&i| i < n_weeks)
    };

    for a in input.activities {
        let Some(i) = week_of(local(a.started_at)) else {
            continue;
        };
        let slot = &mut weeks[i].sports[sport_index(a.sport)];
        slot.sessions += 1;
        slot.minutes += amount(a.timer_s) / 60.0;
        slot.distance_m += amount(a.distance_m.unwrap_or(0.0));
    }

    // Exercise name → points over the whole log, and the sessions counted.
    let mut progress: HashMap<String, (u32, Vec<E1rmPoint>)> = HashMap::new();
    for l in input.lifts {
        let date = local(l.session.started_at);
        let week = week_of(date);
        if let Some(i) = week {
            let s = &mut weeks[i].strength;
            s.sessions += 1;
            s.minutes += lift_minutes(&l.session);
        }
        let mut session_best: BTreeMap<String, E1rmPoint> = BTreeMap::new();
        for e in &l.session.exercises {
            let known = cat.resolve_with(&e.name, input.aliases).exercise();
            if let Some(i) = week {
                let w = &mut weeks[i];
                for set in e.sets.iter().filter(|s| s.kind != SetKind::Warmup) {
                    match known {
                        Some(x) if x.is_strength() => {
                            let tonnage = set.reps.map_or(0.0, |r| {
                                f64::from(r) * amount(set.weight_kg.unwrap_or(0.0))
                            });
                            w.strength.hard_sets += 1;
                            w.strength.tonnage_kg += tonnage;
                            let region = &mut w.regions[region_index(x.region)];
                            region.0 += 1;
                            region.1 += tonnage;
                            for (m, weight) in x.muscles() {
                                let slot = &mut w.muscles[muscle_index(m)];
                                slot.0 += weight;
                                slot.1 += weight * tonnage;
                            }
                        }
                        Some(_) => {}
                        None => w.strength.unknown_sets += 1,
                    }
                }
            }
            if known.is_some_and(|x| !x.is_strength()) {
                continue;
            }
            let Some((best, e1rm)) = best_e1rm_set(&e.sets) else {
                continue;
            };
            let set = &e.sets[best];
            let name = known.map_or_else(|| e.name.trim().to_string(), |x| x.name.clone());
            let (reps, kg) = (set.reps.unwrap_or(0), set.weight_kg.unwrap_or(0.0));
            let point = E1rmPoint {
                date,
                e1rm_kg: e1rm,
                set: set_text(Some(reps), Some(kg), None, None),
                reps,
                weight_kg: kg,
                lift_id: l.id.clone(),
            };
            match session_best.get(&name) {
                Some(p) if p.e1rm_kg >= e1rm => {}
                _ => {
                    session_best.insert(name, point);
                }
            }
        }
        for (name, point) in session_best {
            let entry = progress.entry(name).or_default();
            entry.0 += 1;
            if (from..=to).contains(&point.date) {
                entry.1.push(point);
            }
        }
    }

    let mut strength: Vec<ExerciseProgress> = progress
        .into_iter()
        .map(|(exercise, (sessions, mut points))| {
            points.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.lift_id.cmp(&b.lift_id)));
            ExerciseProgress {
                exercise,
                sessions,
                points,
            }
        })
        .collect();
    strength.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then_with(|| a.exercise.cmp(&b.exercise))
    });

    Ok(HistoryResponse {
        from,
        to,
        first_date,
        last_date,
        weeks: weeks.into_iter().map(WeekAcc::finish).collect(),
        strength,
    })
}

fn sport_index(sport: Sport) -> usize {
    Sport::ALL.iter().position(|&s| s == sport).unwrap_or(0)
}

fn region_index(region: Region) -> usize {
    Region::ALL.iter().position(|&r| r == region).unwrap_or(0)
}

fn muscle_index(muscle: Muscle) -> usize {
    Muscle::ALL.iter().position(|&m| m == muscle).unwrap_or(0)
}

/// A week being added up: slots in `Sport::ALL` and `Muscle::ALL` order.
struct WeekAcc {
    week_start: Date,
    sports: [SportVolume; Sport::ALL.len()],
    strength: StrengthVolume,
    /// (sets, tonnage) per region.
    regions: [(u32, f64); Region::ALL.len()],
    /// (sets, tonnage) per muscle.
    muscles: [(f64, f64); Muscle::ALL.len()],
}

impl WeekAcc {
    fn new(week_start: Date) -> WeekAcc {
        WeekAcc {
            week_start,
            sports: Sport::ALL.map(|sport| SportVolume {
                sport,
                sessions: 0,
                minutes: 0.0,
                distance_m: 0.0,
            }),
            strength: StrengthVolume {
                sessions: 0,
                minutes: 0.0,
                hard_sets: 0,
                tonnage_kg: 0.0,
                unknown_sets: 0,
            },
            regions: [(0, 0.0); Region::ALL.len()],
            muscles: [(0.0, 0.0); Muscle::ALL.len()],
        }
    }

    fn finish(self) -> WeekVolume {
        WeekVolume {
            week_start: self.week_start,
            sports: self.sports.into_iter().filter(|s| s.sessions > 0).collect(),
            strength: self.strength,
            regions: Region::ALL
                .into_iter()
                .zip(self.regions)
                .filter(|(_, (sets, _))| *sets > 0)
                .map(|(region, (sets, tonnage_kg))| RegionVolume {
                    region,
                    sets,
                    tonnage_kg,
                })
                .collect(),
            muscles: Muscle::ALL
                .into_iter()
                .zip(self.muscles)
                .filter(|(_, (sets, _))| *sets > 0.0)
                .map(|(muscle, (sets, tonnage_kg))| MuscleVolume {
                    muscle,
                    sets,
                    tonnage_kg,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;

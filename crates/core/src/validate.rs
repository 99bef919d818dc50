//! Validation of everything an athlete writes, shared by the advisor and every write path: the athlete
//! (profile), a check-in, a lift and a cardio session entered by hand. Every wrong field is named with its
//! valid range ([`crate::limits`]), all of them at once; the advisor's request and the write paths give the
//! same message for the same value, so a profile the write path accepts is one the advisor accepts.

use jiff::Timestamp;

use crate::contract::{
    AthleteInput, ExerciseInput, FieldError, InvalidRequest, ManualCardio, ManualLift, RaceResult,
    ReadinessInput,
};
use crate::limits::{self, Range};
use crate::time::DayWindow;

/// Collects every wrong field with its path and what was expected.
#[derive(Default)]
pub(crate) struct Checker {
    pub(crate) errors: Vec<FieldError>,
}

impl Checker {
    pub(crate) fn fail(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// `value` must be in `range`; `false` (and the field named) when it is not.
    pub(crate) fn within(&mut self, field: &str, value: f64, range: &Range) -> bool {
        let ok = range.contains(value);
        if !ok {
            self.fail(field, range.message(value));
        }
        ok
    }

    pub(crate) fn opt_within(&mut self, field: &str, value: Option<f64>, range: &Range) {
        if let Some(v) = value {
            self.within(field, v, range);
        }
    }

    /// A Hooper item: 1 (very good) … 7 (very bad).
    pub(crate) fn hooper(&mut self, field: &str, value: Option<u8>) {
        let r = limits::HOOPER;
        if let Some(v) = value
            && !r.contains(f64::from(v))
        {
            self.fail(
                field,
                format!(
                    "{v} is out of range: expected {} (very good) … {} (very bad)",
                    r.min, r.max
                ),
            );
        }
    }

    pub(crate) fn finish(self) -> Result<(), InvalidRequest> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(InvalidRequest {
                errors: self.errors,
            })
        }
    }

    /// The athlete: every range, the maximum heart rate well above the resting one, the time zone, the
    /// day window (a night of 3–14 h) and the race (a plausible running race; with `now`, run by then).
    pub(crate) fn athlete(&mut self, prefix: &str, a: &AthleteInput, now: Option<Timestamp>) {
        let at = |name: &str| path(prefix, name);
        self.within(&at("age"), a.age, &limits::AGE);
        self.within(&at("weight_kg"), a.weight_kg, &limits::BODY_WEIGHT);
        self.opt_within(&at("resting_hr"), a.resting_hr, &limits::RESTING_HR);
        self.opt_within(&at("max_hr"), a.max_hr, &limits::MAX_HR);
        self.opt_within(&at("hrv_rmssd_ms"), a.hrv_rmssd_ms, &limits::HRV_RMSSD);
        if let (Some(rest), Some(max)) = (a.resting_hr, a.max_hr)
            && rest >= max - limits::MIN_HR_RESERVE
        {
            self.fail(
                at("max_hr"),
                format!("{max} bpm must be well above the resting heart rate of {rest} bpm"),
            );
        }
        if let Some(w) = a.concurrent_weeks {
            self.within(
                &at("concurrent_weeks"),
                f64::from(w),
                &limits::CONCURRENT_WEEKS,
            );
        }
        if let Some(message) = a.time_zone.as_deref().and_then(zone_problem) {
            self.fail(at("time_zone"), message);
        }
        let day = DayWindow {
            wake: a.wake_time.unwrap_or(crate::time::DEFAULT_WAKE),
            sleep: a.sleep_time.unwrap_or(crate::time::DEFAULT_SLEEP),
        };
        if let Err(message) = day.check() {
            let field = if a.wake_time.is_some() {
                "wake_time"
            } else {
                "sleep_time"
            };
            self.fail(at(field), message);
        }
        if let Some(race) = &a.race {
            self.race(&at("race"), race, now);
        }
    }

    /// A race result must be a plausible running race ([`crate::workout::race_problem`]) and, with `now`,
    /// run on or before today (UTC, a day's grace).
    fn race(&mut self, prefix: &str, race: &RaceResult, now: Option<Timestamp>) {
        if let Some((field, message)) = crate::workout::race_problem(race) {
            self.fail(path(prefix, field), message);
        }
        if let (Some(now), Some(date)) = (now, race.date) {
            let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
            if date > today.tomorrow().unwrap_or(today) {
                self.fail(
                    path(prefix, "date"),
                    format!("{date} is in the future: expected the date the race was run"),
                );
            }
        }
    }

    /// A check-in: sleep hours, the Hooper items, the morning heart rate and HRV.
    pub(crate) fn check_in(&mut self, prefix: &str, r: &ReadinessInput) {
        let at = |name: &str| path(prefix, name);
        self.opt_within(&at("sleep_hours"), r.sleep_hours, &limits::SLEEP_HOURS);
        self.hooper(&at("sleep_quality"), r.sleep_quality);
        self.hooper(&at("fatigue"), r.fatigue);
        self.hooper(&at("soreness"), r.soreness);
        self.hooper(&at("stress"), r.stress);
        self.hooper(&at("mood"), r.mood);
        self.opt_within(&at("resting_hr"), r.resting_hr, &limits::RESTING_HR);
        self.opt_within(&at("hrv_rmssd_ms"), r.hrv_rmssd_ms, &limits::HRV_RMSSD);
    }

    /// A lift as a person gives it: its minutes and session RPE, each exercise's name and each set's
    /// reps, weight and RPE.
    pub(crate) fn lift(
        &mut self,
        prefix: &str,
        minutes: Option<f64>,
        rpe: Option<f64>,
        exercises: &[ExerciseInput],
    ) {
        let at = |name: &str| path(prefix, name);
        self.opt_within(&at("minutes"), minutes, &limits::LIFT_MINUTES);
        self.opt_within(&at("rpe"), rpe, &limits::SESSION_RPE);
        for (i, ex) in exercises.iter().enumerate() {
            let exercise = at(&format!("exercises[{i}]"));
            if ex.name.trim().is_empty() {
                self.fail(
                    path(&exercise, "name"),
                    "expected an exercise name, e.g. \"Squat (Barbell)\"",
                );
            }
            for (j, set) in ex.sets.iter().enumerate() {
                let field = path(&exercise, &format!("sets[{j}]"));
                self.within(
                    &path(&field, "reps"),
                    f64::from(set.reps),
                    &limits::SET_REPS,
                );
                self.opt_within(&path(&field, "kg"), set.kg, &limits::SET_WEIGHT);
                self.opt_within(&path(&field, "rpe"), set.rpe, &limits::SET_RPE);
            }
        }
    }
}

/// What is wrong with a time zone's name, if anything: it must be in the bundled IANA database
/// ([`crate::time::time_zone`]), the one the advice reads it with.
pub fn zone_problem(name: &str) -> Option<String> {
    crate::time::time_zone(name).is_none().then(|| {
        format!(
            "'{name}' is not a time zone: expected an IANA name such as Europe/Berlin or America/New_York"
        )
    })
}

/// `prefix.name`, or `name` without a prefix.
fn path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The athlete as a profile stores it and the advisor reads it, fields under `prefix` (`athlete` in the
/// profile document and the advice request). With `now`, a race dated after today is refused too (the
/// store, which has no clock, checks everything else).
pub fn athlete(
    prefix: &str,
    a: &AthleteInput,
    now: Option<Timestamp>,
) -> Result<(), InvalidRequest> {
    let mut check = Checker::default();
    check.athlete(prefix, a, now);
    check.finish()
}

/// A check-in (the advice request's `readiness`; `PUT /api/v1/wellness/{date}` and `afterlift log
/// wellness` at the top level, `prefix` empty).
pub fn check_in(prefix: &str, r: &ReadinessInput) -> Result<(), InvalidRequest> {
    let mut check = Checker::default();
    check.check_in(prefix, r);
    check.finish()
}

/// A lift entered by hand (`afterlift log lift`, `POST /api/v1/lifts`): at least one exercise, and the
/// same ranges as the advice request's lift.
pub fn manual_lift(m: &ManualLift) -> Result<(), InvalidRequest> {
    let mut check = Checker::default();
    if m.exercises.is_empty() {
        check.fail("exercises", "expected at least one exercise");
    }
    check.lift("", m.minutes, m.rpe, &m.exercises);
    check.finish()
}

/// A cardio session entered by hand (`afterlift log cardio`): its minutes, distance, heart rates (the
/// average not above the maximum) and session RPE.
pub fn manual_cardio(c: &ManualCardio) -> Result<(), InvalidRequest> {
    let mut check = Checker::default();
    check.within("minutes", c.minutes, &limits::CARDIO_MINUTES);
    check.opt_within("distance_km", c.distance_km, &limits::CARDIO_DISTANCE_KM);
    check.opt_within("avg_hr", c.avg_hr, &limits::SESSION_HR);
    check.opt_within("max_hr", c.max_hr, &limits::SESSION_HR);
    if let (Some(avg), Some(max)) = (c.avg_hr, c.max_hr)
        && avg > max
    {
        check.fail(
            "avg_hr",
            format!("{avg} bpm is above the session's maximum of {max} bpm"),
        );
    }
    check.opt_within("rpe", c.rpe, &limits::SESSION_RPE);
    check.finish()
}

/// A number as an error message shows it: as typed for everyday values, in scientific notation when it
/// is huge or tiny (`1e300`, not three hundred digits).
pub fn shown(value: f64) -> String {
    let size = value.abs();
    if size != 0.0 && !(1e-4..1e9).contains(&size) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod shown_tests {
    #[test]
    fn numbers_are_shown_compactly() {
        assert_eq!(super::shown(72.5), "72.5");
        assert_eq!(super::shown(1e300), "1e300");
        assert_eq!(super::shown(-2.5e-7), "-2.5e-7");
        assert_eq!(super::shown(f64::NAN), "NaN");
        assert_eq!(super::shown(0.0), "0");
    }
}

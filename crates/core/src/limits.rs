//! One range per quantity: what afterlift accepts for every number an athlete types or a file holds.
//!
//! Each constant is written once, here, and read by everyone who checks that quantity: the advisor's
//! validation and every write path of the same field ([`crate::validate`]), the store's last line of
//! defence (`afterlift-store`'s `validate`), the readers that drop absurd values (`afterlift-formats`) and
//! readiness, which reads the log. So what is written is what the advisor accepts, and the log can never
//! hold a profile or a check-in that makes every later advice fail.
//!
//! Two families:
//! - **Typed**: what a person gives — the profile, a check-in, a lift or a cardio session entered by hand,
//!   an advice request. One range per field: the profile's usual resting heart rate and the check-in's
//!   morning one are the same quantity, and have the same range.
//! - **Logged** (`LOGGED_*`, [`DEVICE_HR`]): what a file may hold and the store keeps — wider, because a
//!   device or an app's timer records what a person would never type (a sample's heart rate, a strength
//!   session whose timer ran on). The advice never reads a logged value outside the typed range: the log's
//!   lift is filtered to the typed ranges before the advisor sees it (`afterlift-app`'s `from_log`).
//!
//! Where a range has a source it is cited by author and year, like every constant of the science;
//! otherwise the doc comment says it is a plausibility bound: afterlift's choice of what no one could mean.

use crate::validate::shown;

/// An inclusive range of a quantity, with the unit its messages name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    /// As messages write it after the range: `bpm`, `kg`, `(CR-10 scale)`; empty for none.
    pub unit: &'static str,
}

impl Range {
    pub const fn new(min: f64, max: f64, unit: &'static str) -> Range {
        Range { min, max, unit }
    }

    /// Whether `value` is a finite number within the range.
    pub fn contains(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max
    }

    /// `1.5 is out of range: expected 5–300 ms`: the one message every check of this range gives (the
    /// advisor, the write paths and the store say the same).
    pub fn message(&self, value: f64) -> String {
        format!(
            "{} is out of range: expected {}",
            shown(value),
            self.expected()
        )
    }

    /// `5–300 ms`.
    pub fn expected(&self) -> String {
        if self.unit.is_empty() {
            format!("{}–{}", self.min, self.max)
        } else {
            format!("{}–{} {}", self.min, self.max, self.unit)
        }
    }

    /// `Ok(value)` when it is in range, else the message.
    pub fn check(&self, value: f64) -> Result<f64, String> {
        if self.contains(value) {
            Ok(value)
        } else {
            Err(self.message(value))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The athlete (profile, advice request, calculators)
// ---------------------------------------------------------------------------------------------

/// Age, years. Plausibility bound: youth sport to the very old. The heart-rate formulas afterlift uses
/// were fitted on adults (Tanaka 2001, Gellish 2007), so below about 18 their answers are rougher.
pub const AGE: Range = Range::new(10.0, 100.0, "years");

/// Body mass, kilograms. Plausibility bound: a light adolescent to the heaviest strength athletes; the
/// energy equations (Compendium METs × kg, Keytel 2005) and the reference 1RMs scale with it.
pub const BODY_WEIGHT: Range = Range::new(30.0, 250.0, "kg");

/// Resting heart rate, bpm: the profile's usual one and a check-in's morning reading (the same quantity,
/// one range). Plausibility bound: endurance athletes rest in the 30s; above 100 bpm at rest is
/// tachycardia, and 110 leaves room for the ~10 bpm rise seen in overreaching (Dressendorfer 1985).
pub const RESTING_HR: Range = Range::new(30.0, 110.0, "bpm");

/// Measured maximum heart rate, bpm. Plausibility bound around the age formulas:
/// Tanaka's 208 − 0.7·age gives 138 at 100 and 201 at 10, with an error of 7–11 bpm (Robergs & Landwehr
/// 2002); 120–230 holds every age's prediction with room for individuals.
pub const MAX_HR: Range = Range::new(120.0, 230.0, "bpm");

/// A measured maximum must be at least this many bpm above the resting heart rate: with less heart-rate
/// reserve, Karvonen's bands (ACSM light 30–39 % HRR … vigorous 60–89 %) are a few beats wide and mean
/// nothing. Plausibility bound.
pub const MIN_HR_RESERVE: f64 = 20.0;

/// Morning HRV, rMSSD in milliseconds: the profile's usual value and a check-in's reading (one range).
/// Plausibility bound: resting rMSSD of adults is mostly 20–150 ms (ln rMSSD ≈ 3–5 in Plews 2014 and
/// Buchheit 2014); below 5 ms there is no usable signal, above 300 ms a reading is artefact (ectopic beats,
/// a lost strap).
pub const HRV_RMSSD: Range = Range::new(5.0, 300.0, "ms");

/// Weeks of experience combining lifting and running. Plausibility bound (≈ 38 years).
pub const CONCURRENT_WEEKS: Range = Range::new(0.0, 2000.0, "weeks");

/// A race result's distance, metres: Daniels' tables run from 1500 m to the marathon; the training paces
/// come from them.
pub const RACE_DISTANCE: Range = Range::new(1500.0, 42_195.0, "metres");

/// A race result's average speed, km/h: walking pace to faster than the 1500 m world record (≈ 26 km/h).
/// Plausibility bound; the `vdot` calculator checks races the same way.
pub const RACE_SPEED: Range = Range::new(3.0, 26.0, "km/h");

// ---------------------------------------------------------------------------------------------
// A check-in (wellness)
// ---------------------------------------------------------------------------------------------

/// Last night's sleep, hours. Plausibility bound: adults need 7–9 h (Hirshkowitz 2015); a night longer than
/// 16 h is not a night's sleep (a whole day of 24 h is not one either).
pub const SLEEP_HOURS: Range = Range::new(0.0, 16.0, "hours");

/// Hooper's well-being items (sleep quality, fatigue, soreness, stress, mood): 1 very good … 7 very bad
/// (Hooper 1995). Messages name the ends ([`crate::validate`]).
pub const HOOPER: Range = Range::new(1.0, 7.0, "");

// ---------------------------------------------------------------------------------------------
// A lift (typed: the advice request's lift, a lift entered by hand)
// ---------------------------------------------------------------------------------------------

/// A lifting session's length as a person gives it, minutes. Plausibility bound: up to 5 hours.
/// [`LOGGED_LIFT_SECONDS`] is the wider bound for what an app's timer recorded.
pub const LIFT_MINUTES: Range = Range::new(1.0, 300.0, "minutes");

/// Session RPE on Foster's CR-10 scale (Foster 2001): 1 very easy … 10 maximal. Its 0 is rest, not a
/// session.
pub const SESSION_RPE: Range = Range::new(1.0, 10.0, "(CR-10 scale)");

/// A set's RPE on the reps-in-reserve scale: RPE 10 = no reps in reserve, 9 = one (Zourdos 2016).
pub const SET_RPE: Range = Range::new(1.0, 10.0, "(RPE 10 = no reps in reserve)");

/// Reps of a set a person types. Plausibility bound: more than 100 is not a strength set (and the 1RM
/// estimates hold only to about 10–12 reps; Epley, Brzycki).
pub const SET_REPS: Range = Range::new(1.0, 100.0, "reps");

/// The weight of a set a person types, kg (0 for body weight). Plausibility bound: the heaviest barbell
/// lifts ever made are around 500 kg; 600 leaves room for a machine's stack.
pub const SET_WEIGHT: Range = Range::new(0.0, 600.0, "kg");

// ---------------------------------------------------------------------------------------------
// Cardio (typed: the planned session, a session entered by hand, the calculators)
// ---------------------------------------------------------------------------------------------

/// The planned run's length, minutes: the advisor plans around sessions of up to 10 hours. Plausibility
/// bound.
pub const PLANNED_MINUTES: Range = Range::new(1.0, 600.0, "minutes");

/// One cardio session's length as a person gives it (a session entered by hand, the energy calculator),
/// minutes: up to a day. Plausibility bound; [`LOGGED_ACTIVITY_SECONDS`] holds a device's multi-day
/// recordings.
pub const CARDIO_MINUTES: Range = Range::new(1.0, 1440.0, "minutes");

/// A session's average or maximum heart rate as a person types it, bpm: from the lowest resting heart rate
/// to the highest maximum afterlift accepts ([`RESTING_HR`], [`MAX_HR`]). A device's readings have the wider
/// [`DEVICE_HR`]: a strap records spikes and drop-outs a person would never type.
pub const SESSION_HR: Range = Range::new(RESTING_HR.min, MAX_HR.max, "bpm");

/// A cardio session's distance as a person types it, km. Plausibility bound: the 24-hour cycling record is
/// under 1000 km.
pub const CARDIO_DISTANCE_KM: Range = Range::new(0.0, 1000.0, "km");

/// The `vdot` calculator's race distance, metres: any race from 800 m to 100 km (it answers with Riegel
/// beside Daniels). A profile's race has the narrower [`RACE_DISTANCE`], as training paces come from
/// Daniels' tables.
pub const VDOT_DISTANCE: Range = Range::new(800.0, 100_000.0, "metres");

/// The `vdot` calculator's race time, seconds: a minute to a day. Plausibility bound.
pub const VDOT_TIME: Range = Range::new(60.0, 86_400.0, "seconds");

/// The energy calculator's speed, km/h: walking to fast running (the ACSM running equation's domain).
pub const ENERGY_SPEED: Range = Range::new(1.0, 30.0, "km/h");

/// The energy calculator's average heart rate, bpm: the exercise heart rates Keytel's equation was fitted
/// on (Keytel 2005); below 60 it gives no energy at all.
pub const KEYTEL_HR: Range = Range::new(60.0, 220.0, "bpm");

// ---------------------------------------------------------------------------------------------
// Logged: what files may hold and the store keeps
// ---------------------------------------------------------------------------------------------

/// A heart rate a device recorded (a sample, or a file's average and maximum), bpm. 0 is "no contact";
/// above 250 is a sensor error. Readers drop what is outside; the store refuses it.
pub const DEVICE_HR: Range = Range::new(1.0, 250.0, "bpm");

/// One recorded activity's elapsed or timer time, seconds: up to a week (multi-day ultras stay below it).
/// The store's duplicate search relies on it (no stored activity is longer).
pub const LOGGED_ACTIVITY_SECONDS: Range = Range::new(0.0, 7.0 * 24.0 * 3600.0, "s");

/// One recorded activity's distance, metres: up to 10,000 km. Plausibility bound.
pub const LOGGED_ACTIVITY_DISTANCE: Range = Range::new(0.0, 10_000_000.0, "m");

/// One recorded activity's energy, kcal. Plausibility bound: the hardest days of endurance sport burn under
/// 10,000 kcal; twice that leaves room for multi-day recordings.
pub const LOGGED_KCAL: Range = Range::new(0.0, 20_000.0, "kcal");

/// A recorded speed averaged over a lap, m/s: up to 60 m/s (216 km/h; a road descent by bike stays below
/// 30). Plausibility bound; the readers hold each sport to its own (30 m/s on foot).
pub const LOGGED_SPEED: Range = Range::new(0.0, 60.0, "m/s");

/// Metres climbed in one recorded activity or lap: up to 20,000 m (the steepest multi-day races climb
/// under 10,000 m a day). Plausibility bound.
pub const LOGGED_ASCENT: Range = Range::new(0.0, 20_000.0, "m");

/// A recorded average cadence, revolutions (for running one foot's strides) a minute: what a sample's
/// one byte holds. Plausibility bound.
pub const LOGGED_CADENCE: Range = Range::new(0.0, 255.0, "rpm");

/// The most laps one activity keeps. Plausibility bound: a week on a 400 m track lapped by the button
/// every lap stays below it; readers keep the first this many and say so, the store refuses more.
pub const MAX_LAPS: usize = 5_000;

/// A logged strength session's (or set's) duration, seconds: up to 12 hours, for an app's timer left
/// running. The store's duplicate search relies on it (no stored lift is longer); the advice reads only
/// [`LIFT_MINUTES`] of it.
pub const LOGGED_LIFT_SECONDS: Range = Range::new(0.0, 12.0 * 3600.0, "s");

/// Reps of a logged set (0: not recorded). Plausibility bound: a thousand reps is beyond any set an app
/// logs; the advice reads only [`SET_REPS`] of them.
pub const LOGGED_SET_REPS: Range = Range::new(0.0, 1000.0, "reps");

/// The weight of a logged set, kg (0: body weight or not recorded). Heavier than any lift ever made is a
/// unit mix-up or a typo; the advice reads only [`SET_WEIGHT`] of it.
pub const LOGGED_SET_WEIGHT: Range = Range::new(0.0, 1000.0, "kg");

/// The distance of a logged set (a farmer's walk, a row), metres: up to 100 km. Plausibility bound.
pub const LOGGED_SET_DISTANCE: Range = Range::new(0.0, 100_000.0, "m");

/// Any RPE the log keeps (a session's or a set's): Foster's CR-10 scale runs from 0, rest, to 10 (Foster
/// 2001), and logs written before the typed ranges held a 0. What a person types now starts at 1
/// ([`SESSION_RPE`], [`SET_RPE`]).
pub const LOGGED_RPE: Range = Range::new(0.0, 10.0, "(CR-10 scale)");

/// The typed fields of the request bodies and their ranges: the profile (`athlete.*`), a check-in
/// (`readiness.*`), a lift (`lift.*`) and the planned session (`planned.*`) — what the dashboard's forms
/// read for their `min`/`max` (`GET /api/v1/limits`), from the same constants the validation uses.
pub fn typed_fields() -> crate::contract::LimitsResponse {
    let hooper = ["sleep_quality", "fatigue", "soreness", "stress", "mood"];
    let mut fields: Vec<(String, &Range)> = vec![
        ("athlete.age".into(), &AGE),
        ("athlete.weight_kg".into(), &BODY_WEIGHT),
        ("athlete.resting_hr".into(), &RESTING_HR),
        ("athlete.max_hr".into(), &MAX_HR),
        ("athlete.hrv_rmssd_ms".into(), &HRV_RMSSD),
        ("athlete.concurrent_weeks".into(), &CONCURRENT_WEEKS),
        ("readiness.sleep_hours".into(), &SLEEP_HOURS),
        ("readiness.resting_hr".into(), &RESTING_HR),
        ("readiness.hrv_rmssd_ms".into(), &HRV_RMSSD),
        ("lift.minutes".into(), &LIFT_MINUTES),
        ("lift.rpe".into(), &SESSION_RPE),
        ("lift.exercises[].sets[].reps".into(), &SET_REPS),
        ("lift.exercises[].sets[].kg".into(), &SET_WEIGHT),
        ("lift.exercises[].sets[].rpe".into(), &SET_RPE),
        ("planned.minutes".into(), &PLANNED_MINUTES),
    ];
    fields.extend(hooper.iter().map(|h| (format!("readiness.{h}"), &HOOPER)));
    crate::contract::LimitsResponse {
        fields: fields
            .into_iter()
            .map(|(field, r)| crate::contract::FieldLimit {
                field,
                min: r.min,
                max: r.max,
                unit: r.unit.to_string(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_says_what_it_expected() {
        assert!(HRV_RMSSD.contains(5.0) && HRV_RMSSD.contains(300.0));
        assert!(!HRV_RMSSD.contains(1.5) && !HRV_RMSSD.contains(f64::NAN));
        assert_eq!(
            HRV_RMSSD.message(1.5),
            "1.5 is out of range: expected 5–300 ms"
        );
        assert_eq!(
            SESSION_RPE.check(11.0).unwrap_err(),
            "11 is out of range: expected 1–10 (CR-10 scale)"
        );
        assert_eq!(HOOPER.expected(), "1–7");
        assert_eq!(SESSION_HR.expected(), "30–230 bpm");
    }

    /// Every typed range lies inside the logged range of the same quantity: what a person may type, the
    /// store keeps.
    #[test]
    fn typed_ranges_are_inside_the_logged_ones() {
        let inside =
            |inner: &Range, outer: &Range| inner.min >= outer.min && inner.max <= outer.max;
        assert!(inside(&SESSION_HR, &DEVICE_HR));
        assert!(inside(&SET_REPS, &LOGGED_SET_REPS));
        assert!(inside(&SET_WEIGHT, &LOGGED_SET_WEIGHT));
        assert!(inside(&SESSION_RPE, &LOGGED_RPE));
        assert!(inside(&SET_RPE, &LOGGED_RPE));
        let minutes = |r: &Range| Range::new(r.min / 60.0, r.max / 60.0, "minutes");
        assert!(inside(&LIFT_MINUTES, &minutes(&LOGGED_LIFT_SECONDS)));
        assert!(inside(&CARDIO_MINUTES, &minutes(&LOGGED_ACTIVITY_SECONDS)));
        let km = Range::new(
            LOGGED_ACTIVITY_DISTANCE.min / 1000.0,
            LOGGED_ACTIVITY_DISTANCE.max / 1000.0,
            "km",
        );
        assert!(inside(&CARDIO_DISTANCE_KM, &km));
    }
}

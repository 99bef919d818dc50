//! Entries made by hand, between the contract's shapes and the log's: a manual lift, a manual cardio
//! session, a wellness check-in; and store validation errors renamed to the contract's fields.
//!
//! Every entry is checked with the advisor's own validation ([`afterlift_core::validate`]) before it is
//! written, every wrong field at once: what a person may type here is what the advice accepts.
//!
//! Pain and illness outlast their day: either rules running out until the athlete takes it back
//! (`--no-pain`, `"pain": false`), so a new day's check-in starts with the pain and illness of the most
//! recent earlier check-in of the last [`CARRY_DAYS`] days ([`carried`]), and a day without a check-in
//! is advised with them ([`crate::from_log`]).

use afterlift_core::catalogue::{Aliases, Resolution, catalogue};
use afterlift_core::contract::{
    Created, FieldError, InvalidRequest, ManualCardio, ManualLift, ReadinessInput, UnknownExercise,
    WellnessDay,
};
use afterlift_core::session::{Activity, StrengthSession, Wellness};
use afterlift_store::{StoreError, WellnessEntry};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

/// `minutes` before `now`.
fn minutes_before(now: Timestamp, minutes: Option<f64>) -> Timestamp {
    let minutes = minutes.filter(|v| v.is_finite()).unwrap_or(0.0);
    now.checked_sub(afterlift_core::time::seconds(
        minutes.clamp(0.0, 1440.0) * 60.0,
    ))
    .unwrap_or(now)
}

/// A manual lift as the log keeps it (source `manual`), once the advisor's ranges accept it
/// ([`afterlift_core::validate::manual_lift`]); it starts `minutes` before `now` unless given.
pub fn manual_lift(m: &ManualLift, now: Timestamp) -> Result<StrengthSession, InvalidRequest> {
    afterlift_core::validate::manual_lift(m)?;
    let started_at = m
        .started_at
        .unwrap_or_else(|| minutes_before(now, m.minutes));
    Ok(StrengthSession {
        started_at,
        duration_s: m.minutes.map(|v| v * 60.0),
        title: m.title.clone(),
        rpe: m.rpe,
        source: "manual".into(),
        exercises: m.exercises.iter().map(Into::into).collect(),
    })
}

/// A cardio session entered by hand as the log keeps it (source `manual`), once its ranges are accepted
/// ([`afterlift_core::validate::manual_cardio`]); it starts `minutes` before `now` unless given.
pub fn manual_cardio(c: &ManualCardio, now: Timestamp) -> Result<Activity, InvalidRequest> {
    afterlift_core::validate::manual_cardio(c)?;
    Ok(Activity {
        sport: c.sport,
        started_at: c
            .started_at
            .unwrap_or_else(|| minutes_before(now, Some(c.minutes))),
        utc_offset_s: None,
        timer_s: c.minutes * 60.0,
        elapsed_s: c.minutes * 60.0,
        distance_m: c.distance_km.map(|km| km * 1000.0),
        avg_hr_bpm: c.avg_hr,
        max_hr_bpm: c.max_hr,
        calories_kcal: None,
        rpe: c.rpe,
        source: "manual".into(),
        samples: Vec::new(),
        laps: Vec::new(),
    })
}

/// Saves a strength session and says which of its exercise names the catalogue cannot read (with the
/// athlete's aliases and confident close matches, as the advice reads them): the session is kept as
/// given, but those names count for no muscle and may make the advice treat it as a leg day, so the
/// caller warns about them (`afterlift log lift`, `POST /api/v1/lifts`).
pub async fn save_lift(
    store: &afterlift_store::Store,
    session: &StrengthSession,
) -> Result<Created, StoreError> {
    let id = store.insert_lift(session).await?;
    let aliases = Aliases::from_pairs(
        store
            .aliases()
            .await?
            .into_iter()
            .map(|a| (a.name, a.exercise)),
    );
    Ok(Created {
        id: id.to_string(),
        unknown_exercises: unknown_exercises(
            session.exercises.iter().map(|e| e.name.as_str()),
            &aliases,
        ),
    })
}

/// The names the catalogue cannot read, each once, in the order given, with a close exercise to check
/// when there is one.
pub fn unknown_exercises<'a>(
    names: impl IntoIterator<Item = &'a str>,
    aliases: &Aliases,
) -> Vec<UnknownExercise> {
    let mut unknown: Vec<UnknownExercise> = Vec::new();
    for name in names {
        if let Resolution::Unknown { name, suggestion } = catalogue().resolve_with(name, aliases)
            && !unknown.iter().any(|u| u.name == name)
        {
            unknown.push(UnknownExercise {
                name,
                suggestion: suggestion.map(|e| e.name.clone()),
                sets: None,
            });
        }
    }
    unknown
}

/// The check-in fields a caller may empty (the advice request's `readiness` names); emptying `pain` or
/// `illness` means "no".
pub const CHECK_IN_FIELDS: [&str; 10] = [
    "sleep_hours",
    "sleep_quality",
    "fatigue",
    "soreness",
    "stress",
    "mood",
    "resting_hr",
    "hrv_rmssd_ms",
    "pain",
    "illness",
];

/// A day's check-in after another one the same day: each answer `given` replaces the stored one, each of
/// `cleared` ([`CHECK_IN_FIELDS`]) is emptied, and everything else stays as stored. So a morning check-in
/// (sleep, resting HR) and an evening one (soreness) make one day's check-in, and `pain: false` is how
/// pain is taken back.
pub fn merge_check_in(
    stored: Option<Wellness>,
    given: &ReadinessInput,
    cleared: &[&str],
) -> Wellness {
    let mut w = stored.unwrap_or_default();
    let g = given;
    let keep = |v: &mut Option<f64>, new: Option<f64>| {
        if new.is_some() {
            *v = new;
        }
    };
    keep(&mut w.sleep_hours, g.sleep_hours);
    keep(&mut w.resting_hr_bpm, g.resting_hr);
    keep(&mut w.hrv_rmssd_ms, g.hrv_rmssd_ms);
    for (v, new) in [
        (&mut w.sleep_quality, g.sleep_quality),
        (&mut w.fatigue, g.fatigue),
        (&mut w.soreness, g.soreness),
        (&mut w.stress, g.stress),
        (&mut w.mood, g.mood),
    ] {
        if new.is_some() {
            *v = new;
        }
    }
    if let Some(p) = g.pain {
        w.pain = p;
    }
    if let Some(i) = g.illness {
        w.illness = i;
    }
    for field in cleared {
        match *field {
            "sleep_hours" => w.sleep_hours = None,
            "sleep_quality" => w.sleep_quality = None,
            "fatigue" => w.fatigue = None,
            "soreness" => w.soreness = None,
            "stress" => w.stress = None,
            "mood" => w.mood = None,
            "resting_hr" => w.resting_hr_bpm = None,
            "hrv_rmssd_ms" => w.hrv_rmssd_ms = None,
            "pain" => w.pain = false,
            "illness" => w.illness = false,
            _ => {}
        }
    }
    w
}

/// How many days pain or illness is carried over without a check-in in between: four weeks. "No running
/// until you clear it" — a coach asks before letting someone run on an unreported pain; only a flag older
/// than that, with no check-in at all since, is taken to be stale.
pub const CARRY_DAYS: i64 = 28;

/// Pain and illness a day carries over from an earlier day's check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried {
    /// The check-in they come from.
    pub from: Date,
    pub pain: bool,
    pub illness: bool,
}

impl Carried {
    /// What a day without a check-in of its own answers: the pain and illness carried, nothing else.
    pub fn check_in(&self) -> ReadinessInput {
        ReadinessInput {
            pain: self.pain.then_some(true),
            illness: self.illness.then_some(true),
            ..ReadinessInput::default()
        }
    }

    /// A day without a check-in of its own, as `GET /api/v1/wellness/{date}` answers it: what it carries,
    /// and from when.
    pub fn day(&self, date: Date) -> WellnessDay {
        WellnessDay {
            date,
            check_in: self.check_in(),
            carried_from: Some(self.from),
        }
    }

    /// `pain` and/or `illness`, as the advice's `from_log.flags` names them.
    pub fn flags(&self) -> Vec<String> {
        [("pain", self.pain), ("illness", self.illness)]
            .into_iter()
            .filter(|(_, set)| *set)
            .map(|(name, _)| name.to_string())
            .collect()
    }
}

/// The pain and illness `date` starts with: those of `earlier` — the most recent check-in before `date` —
/// when it is at most [`CARRY_DAYS`] days before `date` and says either; `None` otherwise.
pub fn carried(date: Date, earlier: Option<(Date, &Wellness)>) -> Option<Carried> {
    let (from, w) = earlier?;
    let oldest = date.checked_sub(CARRY_DAYS.days()).ok()?;
    (from < date && from >= oldest && (w.pain || w.illness)).then_some(Carried {
        from,
        pain: w.pain,
        illness: w.illness,
    })
}

/// The most recent check-in of the [`CARRY_DAYS`] days before `date`, if any.
pub async fn earlier_check_in(
    store: &afterlift_store::Store,
    date: Date,
) -> Result<Option<WellnessEntry>, StoreError> {
    let (Ok(from), Ok(to)) = (date.checked_sub(CARRY_DAYS.days()), date.yesterday()) else {
        return Ok(None);
    };
    Ok(store.wellness(from, to).await?.pop())
}

/// A day's check-in as saved, and what of it was carried over from an earlier day.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedCheckIn {
    pub wellness: Wellness,
    /// Pain or illness the day's new check-in started with (from an earlier day, [`carried`]) and that
    /// this one did not answer: still in force until taken back.
    pub carried: Option<Carried>,
}

impl SavedCheckIn {
    /// The day's check-in as saved, as `PUT /api/v1/wellness/{date}` and `afterlift log wellness --json`
    /// answer it.
    pub fn day(&self, date: Date) -> WellnessDay {
        WellnessDay {
            date,
            check_in: crate::from_log::readiness_input(&self.wellness),
            carried_from: self.carried.map(|c| c.from),
        }
    }
}

/// A stored check-in, as `GET /api/v1/wellness` lists it.
pub fn stored_day(e: &WellnessEntry) -> WellnessDay {
    WellnessDay {
        date: e.date,
        check_in: crate::from_log::readiness_input(&e.wellness),
        carried_from: None,
    }
}

/// Saves `given` into the check-in of `date` ([`merge_check_in`], read and written in one transaction);
/// returns the day's check-in as now stored. `given` is checked first with the advisor's ranges
/// ([`afterlift_core::validate::check_in`]: every wrong answer named as the request names it, with the
/// advice's message), so a day's check-in never makes its advice fail. A day's first check-in starts with
/// the pain and illness of the most recent earlier one ([`carried`]): they hold until the athlete takes
/// them back.
pub async fn save_check_in(
    store: &afterlift_store::Store,
    date: Date,
    given: &ReadinessInput,
    cleared: &[&str],
) -> Result<SavedCheckIn, crate::AppError> {
    afterlift_core::validate::check_in("", given)?;
    let invalid = |e: StoreError| match field_error(&e, Doc::Wellness) {
        Some(f) => crate::AppError::Invalid(InvalidRequest { errors: vec![f] }),
        None => e.into(),
    };
    let earlier = earlier_check_in(store, date).await.map_err(invalid)?;
    let carry = carried(date, earlier.as_ref().map(|e| (e.date, &e.wellness)));
    let mut first = false;
    let wellness = store
        .update_wellness(date, |stored| {
            first = stored.is_none();
            let start = match (stored, carry) {
                (Some(w), _) => Some(w),
                (None, Some(c)) => Some(Wellness {
                    pain: c.pain,
                    illness: c.illness,
                    ..Wellness::default()
                }),
                (None, None) => None,
            };
            merge_check_in(start, given, cleared)
        })
        .await
        .map_err(invalid)?;
    let still = |flag: &str, given: Option<bool>| given.is_none() && !cleared.contains(&flag);
    let carried = carry.filter(|_| first).and_then(|c| {
        let kept = Carried {
            from: c.from,
            pain: c.pain && still("pain", given.pain),
            illness: c.illness && still("illness", given.illness),
        };
        (kept.pain || kept.illness).then_some(kept)
    });
    Ok(SavedCheckIn { wellness, carried })
}

/// Which document a store validation error is about, to name its field in the contract's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Profile,
    Wellness,
    Lift,
}

/// A store validation error as a contract field error (`hrv_rmssd_ms` → `athlete.hrv_rmssd_ms` in the
/// profile document, `weight_kg` → `kg` in a lift); `None` for other store errors.
pub fn field_error(e: &StoreError, doc: Doc) -> Option<FieldError> {
    let StoreError::Invalid { field, message } = e else {
        return None;
    };
    // The store names the profile's fields as the document's `athlete` does (core's validation).
    if doc == Doc::Profile {
        return Some(FieldError {
            field: format!("athlete.{field}"),
            message: message.clone(),
        });
    }
    let renamed = |leaf: &str| -> Option<&'static str> {
        Some(match (doc, leaf) {
            (Doc::Lift, "weight_kg") => "kg",
            (Doc::Lift, "duration_s") => "minutes",
            _ => return None,
        })
    };
    let field = match field.rsplit_once('.') {
        Some((head, leaf)) => {
            renamed(leaf).map_or_else(|| field.clone(), |r| format!("{head}.{r}"))
        }
        None => renamed(field).map_or_else(|| field.clone(), str::to_string),
    };
    Some(FieldError {
        field,
        message: message.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::contract::{ExerciseInput, SetInput};

    #[test]
    fn manual_lift_starts_its_minutes_before_now() {
        let now: Timestamp = "2026-11-24T18:00:00Z".parse().unwrap();
        let m = ManualLift {
            minutes: Some(60.0),
            exercises: vec![ExerciseInput {
                name: "squat".into(),
                sets: vec![SetInput {
                    reps: 5,
                    kg: Some(100.0),
                    rpe: None,
                }],
            }],
            ..Default::default()
        };
        let s = manual_lift(&m, now).unwrap();
        assert_eq!(s.started_at.to_string(), "2026-11-24T17:00:00Z");
        assert_eq!(s.exercises[0].sets[0].weight_kg, Some(100.0));
    }

    #[test]
    fn names_the_catalogue_cannot_read_are_named_once() {
        let none = Aliases::new();
        let unknown = unknown_exercises(
            [
                "Squat (Barbell)",
                "Zorblax Press",
                "Sqaut (Barbell)",
                "Zorblax Press",
            ],
            &none,
        );
        assert_eq!(
            unknown.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
            ["Zorblax Press"],
            "known names and confident close matches are read; each unknown one is named once"
        );
        let mut mine = Aliases::new();
        mine.insert(Aliases::check("Zorblax Press", "Leg Press").unwrap());
        assert!(unknown_exercises(["Zorblax Press"], &mine).is_empty());
    }

    #[test]
    fn a_second_check_in_changes_only_what_it_answers() {
        let morning = merge_check_in(
            None,
            &ReadinessInput {
                sleep_hours: Some(6.5),
                resting_hr: Some(58.0),
                pain: Some(true),
                ..Default::default()
            },
            &[],
        );
        let evening = merge_check_in(
            Some(morning),
            &ReadinessInput {
                soreness: Some(5),
                ..Default::default()
            },
            &[],
        );
        assert_eq!(evening.sleep_hours, Some(6.5));
        assert_eq!(evening.resting_hr_bpm, Some(58.0));
        assert_eq!(evening.soreness, Some(5));
        assert!(evening.pain, "pain stays until it is taken back");
        let cleared = merge_check_in(
            Some(evening),
            &ReadinessInput {
                pain: Some(false),
                ..Default::default()
            },
            &["resting_hr"],
        );
        assert!(!cleared.pain);
        assert_eq!(cleared.resting_hr_bpm, None);
        assert_eq!(cleared.sleep_hours, Some(6.5));
    }

    #[test]
    fn pain_and_illness_carry_over_for_a_week() {
        let tue = jiff::civil::date(2026, 11, 24);
        let pain = Wellness {
            pain: true,
            ..Wellness::default()
        };
        let day = |n: i64| tue.checked_add(n.days()).unwrap();
        for n in 1..=CARRY_DAYS {
            let c = carried(day(n), Some((tue, &pain))).unwrap();
            assert_eq!((c.from, c.pain, c.illness), (tue, true, false));
            assert_eq!(c.flags(), ["pain"]);
        }
        assert_eq!(carried(day(CARRY_DAYS + 1), Some((tue, &pain))), None);
        assert_eq!(
            carried(tue, Some((tue, &pain))),
            None,
            "not from the day itself"
        );
        assert_eq!(carried(day(1), Some((tue, &Wellness::default()))), None);
        assert_eq!(carried(day(1), None), None);
    }

    #[test]
    fn store_fields_are_renamed_to_the_contract() {
        let e = StoreError::Invalid {
            field: "age".into(),
            message: "out of range".into(),
        };
        assert_eq!(field_error(&e, Doc::Profile).unwrap().field, "athlete.age");
        let e = StoreError::Invalid {
            field: "race.time_s".into(),
            message: "x".into(),
        };
        assert_eq!(
            field_error(&e, Doc::Profile).unwrap().field,
            "athlete.race.time_s"
        );
        let e = StoreError::Invalid {
            field: "exercises[0].sets[1].weight_kg".into(),
            message: "x".into(),
        };
        assert_eq!(
            field_error(&e, Doc::Lift).unwrap().field,
            "exercises[0].sets[1].kg"
        );
    }
}

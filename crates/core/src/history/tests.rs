//! The history against numbers worked out by hand.

use jiff::civil::date;

use super::*;
use crate::session::{ExerciseLog, SetLog};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn set(reps: u32, kg: f64, kind: SetKind) -> SetLog {
    SetLog {
        reps: Some(reps),
        weight_kg: Some(kg),
        rpe: None,
        kind,
        duration_s: None,
        distance_m: None,
    }
}

fn work(reps: u32, kg: f64) -> SetLog {
    set(reps, kg, SetKind::Normal)
}

fn exercise(name: &str, sets: Vec<SetLog>) -> ExerciseLog {
    ExerciseLog {
        name: name.into(),
        sets,
    }
}

fn lift(id: &str, at: &str, minutes: Option<f64>, exercises: Vec<ExerciseLog>) -> LiftEntry {
    LiftEntry {
        id: id.into(),
        session: StrengthSession {
            started_at: ts(at),
            duration_s: minutes.map(|m| m * 60.0),
            title: None,
            rpe: None,
            source: "strong".into(),
            exercises,
        },
    }
}

fn cardio(sport: Sport, at: &str, timer_s: f64, distance_m: Option<f64>) -> CardioEntry {
    CardioEntry {
        sport,
        started_at: ts(at),
        timer_s,
        distance_m,
    }
}

const UNKNOWN: &str = "Qqxz Zorb";

/// Two weeks of March 2025 in Berlin: three cardio sessions and two lifts.
fn log() -> (Vec<CardioEntry>, Vec<LiftEntry>) {
    let activities = vec![
        // 00:30 on Monday 3 March in Berlin, still Sunday in UTC: the Monday's week.
        cardio(Sport::Run, "2025-03-02T23:30:00Z", 1800.0, Some(5000.0)),
        cardio(Sport::Cycle, "2025-03-05T16:00:00Z", 5400.0, Some(40_000.0)),
        cardio(Sport::Run, "2025-03-09T10:00:00Z", 3600.0, Some(10_000.0)),
        // A treadmill session without distance.
        cardio(Sport::Run, "2025-03-09T18:00:00Z", 600.0, None),
    ];
    let plank = SetLog {
        reps: None,
        weight_kg: None,
        rpe: None,
        kind: SetKind::Normal,
        duration_s: Some(60.0),
        distance_m: None,
    };
    let treadmill = SetLog {
        reps: None,
        weight_kg: None,
        rpe: None,
        kind: SetKind::Normal,
        duration_s: Some(600.0),
        distance_m: Some(1500.0),
    };
    let lifts = vec![
        lift(
            "l1",
            "2025-03-04T17:00:00Z",
            Some(60.0),
            vec![
                exercise(
                    "Squat (Barbell)",
                    vec![
                        set(5, 60.0, SetKind::Warmup),
                        work(5, 100.0),
                        work(5, 100.0),
                        work(3, 110.0),
                    ],
                ),
                exercise("Bench Press (Barbell)", vec![work(8, 80.0), work(8, 80.0)]),
                exercise("Plank", vec![plank]),
                exercise(UNKNOWN, vec![work(10, 20.0), work(10, 20.0)]),
                exercise("Running", vec![treadmill]),
            ],
        ),
        lift(
            "l2",
            "2025-03-10T17:00:00Z",
            None,
            vec![
                exercise("Squat (Barbell)", vec![work(5, 120.0)]),
                // The same exercise by an alias: one point per session, its best.
                exercise("back squat", vec![work(1, 130.0)]),
                // 15 reps is beyond the estimate's range: no point.
                exercise("Bench Press (Barbell)", vec![work(15, 60.0)]),
            ],
        ),
    ];
    (activities, lifts)
}

fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").unwrap()
}

fn run(range: Range, today: Date) -> Result<HistoryResponse, RangeError> {
    let (activities, lifts) = log();
    let tz = berlin();
    let aliases = Aliases::new();
    history(
        &HistoryInput {
            time_zone: &tz,
            activities: &activities,
            lifts: &lifts,
            check_ins: Some((date(2025, 2, 20), date(2025, 3, 5))),
            aliases: &aliases,
        },
        range,
        today,
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_unknown_name_is_unknown_to_the_catalogue() {
    assert!(!catalogue::catalogue().resolve(UNKNOWN).is_known());
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(week_start(date(2025, 3, 3)), date(2025, 3, 3));
    assert_eq!(week_start(date(2025, 3, 9)), date(2025, 3, 3));
    assert_eq!(week_start(date(2025, 3, 6)), date(2025, 3, 3));
    // Across a year's end: ISO week 1 of 2026 starts on Monday 29 December 2025.
    assert_eq!(week_start(date(2026, 1, 1)), date(2025, 12, 29));
}

#[test]
fn by_default_the_range_is_where_the_data_is_up_to_today() {
    let h = run(Range::default(), date(2025, 3, 12)).unwrap();
    // The first check-in is the first date; today is later than the last session.
    assert_eq!(h.first_date, Some(date(2025, 2, 20)));
    assert_eq!(h.last_date, Some(date(2025, 3, 10)));
    assert_eq!((h.from, h.to), (date(2025, 2, 20), date(2025, 3, 12)));
    let mondays: Vec<Date> = h.weeks.iter().map(|w| w.week_start).collect();
    assert_eq!(
        mondays,
        [
            date(2025, 2, 17),
            date(2025, 2, 24),
            date(2025, 3, 3),
            date(2025, 3, 10)
        ]
    );
    // Empty weeks are there, with nothing in them.
    assert!(h.weeks[0].sports.is_empty() && h.weeks[0].muscles.is_empty());
    assert_eq!(h.weeks[1].strength.sessions, 0);
}

#[test]
fn data_after_today_extends_the_default_end() {
    let h = run(Range::default(), date(2025, 3, 1)).unwrap();
    assert_eq!(h.to, date(2025, 3, 10));
}

#[test]
fn cardio_by_sport_per_week() {
    let h = run(Range::default(), date(2025, 3, 12)).unwrap();
    let week = &h.weeks[2];
    assert_eq!(week.week_start, date(2025, 3, 3));
    assert_eq!(week.sports.len(), 2, "run and ride, in the sports' order");
    let run = week.sports[0];
    assert_eq!(run.sport, Sport::Run);
    assert_eq!(run.sessions, 3);
    // 30 + 60 + 10 minutes; 5 + 10 km (the treadmill run has no distance).
    assert!(close(run.minutes, 100.0));
    assert!(close(run.distance_m, 15_000.0));
    let ride = week.sports[1];
    assert_eq!((ride.sport, ride.sessions), (Sport::Cycle, 1));
    assert!(close(ride.minutes, 90.0) && close(ride.distance_m, 40_000.0));
}

#[test]
fn hard_sets_and_tonnage_by_muscle() {
    let h = run(Range::default(), date(2025, 3, 12)).unwrap();
    let week = &h.weeks[2];
    let s = week.strength;
    assert_eq!(s.sessions, 1);
    assert!(close(s.minutes, 60.0));
    // Squat 3 (the warm-up is not one), bench 2, plank 1; the treadmill is cardio.
    assert_eq!(s.hard_sets, 6);
    // 5×100 + 5×100 + 3×110 = 1330; 2 × 8×80 = 1280.
    assert!(close(s.tonnage_kg, 2610.0));
    assert_eq!(s.unknown_sets, 2);
    // Each set once, in its exercise's region: squats lower, bench upper, the plank core.
    let regions: Vec<(Region, u32, f64)> = week
        .regions
        .iter()
        .map(|r| (r.region, r.sets, r.tonnage_kg))
        .collect();
    assert_eq!(
        regions,
        [
            (Region::Upper, 2, 1280.0),
            (Region::Lower, 3, 1330.0),
            (Region::Core, 1, 0.0)
        ]
    );

    let got: Vec<(Muscle, f64, f64)> = week
        .muscles
        .iter()
        .map(|m| (m.muscle, m.sets, m.tonnage_kg))
        .collect();
    // Squat: quads, glutes primary; adductors, hamstrings, lower back, abs secondary.
    // Bench: chest primary; triceps, front delts secondary. Plank: abs primary; obliques, lower back,
    // front delts secondary.
    let want = [
        (Muscle::Quads, 3.0, 1330.0),
        (Muscle::Hamstrings, 1.5, 665.0),
        (Muscle::Glutes, 3.0, 1330.0),
        (Muscle::Adductors, 1.5, 665.0),
        (Muscle::LowerBack, 2.0, 665.0),
        (Muscle::Abs, 2.5, 665.0),
        (Muscle::Obliques, 0.5, 0.0),
        (Muscle::Chest, 2.0, 1280.0),
        (Muscle::FrontDelts, 1.5, 640.0),
        (Muscle::Triceps, 1.0, 640.0),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((m, sets, t), (wm, wsets, wt)) in got.iter().zip(want) {
        assert_eq!(*m, wm);
        assert!(close(*sets, wsets), "{m}: {sets} sets, want {wsets}");
        assert!(close(*t, wt), "{m}: {t} kg, want {wt}");
    }

    // A lift without a logged duration: its 3 working sets estimated.
    let next = &h.weeks[3].strength;
    assert_eq!((next.sessions, next.hard_sets), (1, 3));
    assert!(close(
        next.minutes,
        3.0 * crate::load::MINUTES_PER_WORKING_SET
    ));
}

#[test]
fn e1rm_per_exercise_one_point_per_session() {
    let h = run(Range::default(), date(2025, 3, 12)).unwrap();
    let names: Vec<&str> = h.strength.iter().map(|p| p.exercise.as_str()).collect();
    // Most sessions first, then by name; the treadmill gives none; bench's 15-rep set gives no point
    // in l2, so bench has one session.
    assert_eq!(names, ["Squat (Barbell)", "Bench Press (Barbell)", UNKNOWN]);
    let squat = &h.strength[0];
    assert_eq!(squat.sessions, 2);
    assert_eq!(squat.points.len(), 2);
    let p = &squat.points[0];
    // 3×110: 110 × (1 + 3/30) = 121, better than 5×100 (116.7).
    assert_eq!(p.date, date(2025, 3, 4));
    assert!(close(p.e1rm_kg, 121.0));
    assert_eq!((p.reps, p.weight_kg), (3, 110.0));
    assert_eq!(p.set, "3×110 kg");
    assert_eq!(p.lift_id, "l1");
    // l2: 5×120 = 140 beats the alias's single at 130.
    let p = &squat.points[1];
    assert_eq!((p.date, p.lift_id.as_str()), (date(2025, 3, 10), "l2"));
    assert!(close(p.e1rm_kg, 140.0));
    assert_eq!(p.set, "5×120 kg");
    // Bench 8×80 = 80 × (1 + 8/30).
    assert!(close(h.strength[1].points[0].e1rm_kg, 80.0 * 38.0 / 30.0));
    // An unknown name keeps its own name and its estimate.
    assert!(close(h.strength[2].points[0].e1rm_kg, 20.0 * 40.0 / 30.0));
}

#[test]
fn a_range_keeps_whole_weeks_and_its_own_points() {
    let range = Range {
        from: Some(date(2025, 3, 5)),
        to: Some(date(2025, 3, 6)),
    };
    let h = run(range, date(2025, 3, 12)).unwrap();
    assert_eq!((h.from, h.to), (date(2025, 3, 5), date(2025, 3, 6)));
    assert_eq!(h.weeks.len(), 1);
    // The whole week counts, the Monday run and Tuesday lift included.
    assert_eq!(h.weeks[0].sports[0].sessions, 3);
    assert_eq!(h.weeks[0].strength.sessions, 1);
    // No point falls within Wednesday–Thursday; the exercises are still listed with their sessions.
    assert!(h.strength.iter().all(|p| p.points.is_empty()));
    assert_eq!(h.strength[0].sessions, 2);
    // The extent is the log's, whatever the range.
    assert_eq!(h.first_date, Some(date(2025, 2, 20)));
}

#[test]
fn ranges_that_cannot_be_answered_are_refused() {
    let reversed = Range {
        from: Some(date(2025, 3, 6)),
        to: Some(date(2025, 3, 5)),
    };
    assert!(matches!(
        run(reversed, date(2025, 3, 12)),
        Err(RangeError::FromAfterTo { .. })
    ));
    let long = Range {
        from: Some(date(1000, 1, 1)),
        to: Some(date(2025, 3, 5)),
    };
    let err = run(long, date(2025, 3, 12)).unwrap_err();
    assert!(matches!(err, RangeError::TooLong { .. }));
    assert_eq!(err.field(), "from");
    // Exactly the longest range is answered.
    let longest = Range {
        from: Some(date(2025, 3, 5).checked_sub((MAX_DAYS - 1).days()).unwrap()),
        to: Some(date(2025, 3, 5)),
    };
    assert!(run(longest, date(2025, 3, 12)).is_ok());
}

#[test]
fn an_empty_log_has_no_extent_and_one_week() {
    let tz = TimeZone::UTC;
    let aliases = Aliases::new();
    let h = history(
        &HistoryInput {
            time_zone: &tz,
            activities: &[],
            lifts: &[],
            check_ins: None,
            aliases: &aliases,
        },
        Range::default(),
        date(2025, 3, 12),
    )
    .unwrap();
    assert_eq!((h.first_date, h.last_date), (None, None));
    assert_eq!((h.from, h.to), (date(2025, 3, 12), date(2025, 3, 12)));
    assert_eq!(h.weeks.len(), 1);
    assert_eq!(h.weeks[0].week_start, date(2025, 3, 10));
    assert!(h.strength.is_empty());
}

#[test]
fn a_default_range_beyond_a_hundred_years_keeps_its_end() {
    let tz = TimeZone::UTC;
    let aliases = Aliases::new();
    let old = [cardio(Sport::Walk, "1900-01-01T10:00:00Z", 600.0, None)];
    let h = history(
        &HistoryInput {
            time_zone: &tz,
            activities: &old,
            lifts: &[],
            check_ins: None,
            aliases: &aliases,
        },
        Range::default(),
        date(2025, 3, 12),
    )
    .unwrap();
    assert_eq!(h.first_date, Some(date(1900, 1, 1)));
    assert_eq!(epoch_day(h.to) - epoch_day(h.from) + 1, MAX_DAYS);
    assert!(h.weeks.len() <= 5219);
}

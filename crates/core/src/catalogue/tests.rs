//! Tests of the catalogue: the embedded data's consistency, name resolution, session summaries.

// A work bound is timed here: tests may read the clock, the crate may not.
#![allow(clippy::disallowed_methods)]

use super::*;
use proptest::prelude::*;

fn cat() -> &'static Catalogue {
    catalogue()
}

// ───────────── the embedded data ─────────────

#[test]
fn embedded_file_parses_with_at_least_150_exercises() {
    let parsed = Catalogue::from_toml_str(EMBEDDED).expect("embedded catalogue parses");
    assert!(
        parsed.exercises().len() >= 150,
        "only {} exercises",
        parsed.exercises().len()
    );
}

#[test]
fn every_name_and_alias_resolves_to_its_own_exercise() {
    for exercise in cat().exercises() {
        for written in std::iter::once(&exercise.name).chain(&exercise.aliases) {
            let found = cat()
                .get(written)
                .unwrap_or_else(|| panic!("'{written}' does not resolve"));
            assert!(
                std::ptr::eq(found, exercise),
                "'{written}' resolves to '{found}', not '{exercise}'"
            );
        }
    }
}

#[test]
fn regions_agree_with_the_muscles() {
    for e in cat().exercises() {
        if e.pattern == Pattern::Mobility {
            assert!(
                e.primary.is_empty() && e.secondary.is_empty(),
                "{e}: mobility entries list no muscles"
            );
            continue;
        }
        let primary_legs = e.primary.iter().any(|m| m.is_leg());
        let primary_upper = e.primary.iter().any(|m| m.is_upper_body());
        let all = || e.primary.iter().chain(&e.secondary);
        match e.region {
            Region::Lower => assert!(
                primary_legs && !primary_upper,
                "{e}: lower needs leg prime movers only"
            ),
            Region::Upper => assert!(
                primary_upper && !primary_legs,
                "{e}: upper needs upper-body prime movers only"
            ),
            Region::Core => assert!(
                !primary_legs && !primary_upper && e.primary.iter().any(|m| m.is_trunk()),
                "{e}: core needs trunk prime movers only"
            ),
            Region::Full => assert!(
                all().any(|m| m.is_leg()) && all().any(|m| m.is_upper_body()),
                "{e}: full needs legs and upper body"
            ),
        }
        assert_eq!(e.involves_legs(), primary_legs);
    }
}

#[test]
fn running_overlap_means_a_running_muscle_is_a_prime_mover() {
    for e in cat().exercises() {
        let expected = e.primary.iter().any(|m| m.is_loaded_by_running());
        assert_eq!(
            e.running_overlap, expected,
            "{e}: running_overlap should be {expected}"
        );
    }
}

#[test]
fn patterns_agree_with_regions() {
    for e in cat().exercises() {
        match e.pattern {
            Pattern::Squat | Pattern::Hinge | Pattern::Lunge | Pattern::IsolationLower => {
                assert!(
                    e.involves_legs(),
                    "{e}: a {} is a leg exercise",
                    e.pattern.as_str()
                )
            }
            Pattern::PushHorizontal
            | Pattern::PushVertical
            | Pattern::PullVertical
            | Pattern::IsolationUpper => {
                assert_eq!(
                    e.region,
                    Region::Upper,
                    "{e}: a {} is upper body",
                    e.pattern.as_str()
                )
            }
            _ => {}
        }
    }
}

#[test]
fn anatomy_spot_checks() {
    let primary = |name: &str| cat().get(name).unwrap().primary.clone();
    assert_eq!(
        primary("Romanian Deadlift (Barbell)"),
        [Muscle::Hamstrings, Muscle::Glutes]
    );
    assert!(
        cat()
            .get("Romanian Deadlift (Barbell)")
            .unwrap()
            .secondary
            .contains(&Muscle::LowerBack)
    );
    assert_eq!(primary("Leg Press"), [Muscle::Quads, Muscle::Glutes]);
    assert_eq!(primary("Hip Thrust (Barbell)"), [Muscle::Glutes]);
    assert_eq!(primary("Bench Press (Barbell)"), [Muscle::Chest]);
    assert_eq!(primary("Pull Up"), [Muscle::Lats]);
    assert_eq!(primary("Standing Calf Raise (Machine)"), [Muscle::Calves]);
}

#[test]
fn loader_rejects_duplicates_and_bad_muscles() {
    let entry = |name: &str, aliases: &str, primary: &str| {
        format!(
            "[[exercise]]\nname = \"{name}\"\naliases = [{aliases}]\nprimary = [{primary}]\n\
             region = \"lower\"\npattern = \"squat\"\nrunning_overlap = true\n"
        )
    };
    let dup = entry("Squat (Barbell)", "", "\"quads\"")
        + &entry("Other", "\"SQUAT  (barbell)\"", "\"quads\"");
    assert!(matches!(
        Catalogue::from_toml_str(&dup),
        Err(CatalogueError::DuplicateName { .. })
    ));
    let bad_muscle = entry("Squat", "", "\"quadz\"");
    assert!(matches!(
        Catalogue::from_toml_str(&bad_muscle),
        Err(CatalogueError::Toml(_))
    ));
    let twice = entry("Squat", "", "\"quads\", \"quads\"");
    assert!(matches!(
        Catalogue::from_toml_str(&twice),
        Err(CatalogueError::MuscleListedTwice { .. })
    ));
    let none = entry("Squat", "", "");
    assert!(matches!(
        Catalogue::from_toml_str(&none),
        Err(CatalogueError::NoPrimaryMuscle { .. })
    ));
    let blank_alias = entry("Squat", "\" () \"", "\"quads\"");
    assert!(matches!(
        Catalogue::from_toml_str(&blank_alias),
        Err(CatalogueError::EmptyName { .. })
    ));
    assert!(Catalogue::from_toml_str(&entry("Squat", "\"back squat\"", "\"quads\"")).is_ok());
}

// ───────────── muscles and regions ─────────────

#[test]
fn muscle_names_round_trip() {
    for muscle in Muscle::ALL {
        assert_eq!(muscle.as_str().parse::<Muscle>(), Ok(muscle));
        let json = serde_json::to_string(&muscle).unwrap();
        assert_eq!(json, format!("\"{}\"", muscle.as_str()));
    }
    assert_eq!("Lower Back".parse::<Muscle>(), Ok(Muscle::LowerBack));
    assert_eq!("hip-flexors".parse::<Muscle>(), Ok(Muscle::HipFlexors));
    let err = "traps".parse::<Muscle>().unwrap_err().to_string();
    assert!(
        err.contains("'traps'") && err.contains("upper_back"),
        "{err}"
    );
    let legs: Vec<_> = Muscle::ALL
        .into_iter()
        .filter(|m| m.is_leg())
        .map(Muscle::as_str)
        .collect();
    assert_eq!(
        legs,
        [
            "quads",
            "hamstrings",
            "glutes",
            "adductors",
            "abductors",
            "calves",
            "hip_flexors"
        ]
    );
    for region in Region::ALL {
        assert_eq!(region.as_str().parse::<Region>(), Ok(region));
        assert_eq!(
            serde_json::to_string(&region).unwrap(),
            format!("\"{region}\"")
        );
    }
}

#[test]
fn muscle_weights() {
    let rdl = cat().get("rdl").unwrap();
    assert_eq!(rdl.muscle_weight(Muscle::Hamstrings), 1.0);
    assert_eq!(rdl.muscle_weight(Muscle::LowerBack), 0.5);
    assert_eq!(rdl.muscle_weight(Muscle::Chest), 0.0);
    assert!(rdl.involves_legs());
    assert!(!cat().get("bench").unwrap().involves_legs());
}

// ───────────── resolution ─────────────

/// `input` resolves to the exercise named `expected`.
#[track_caller]
fn check_known(input: &str, expected: &str) {
    match cat().resolve(input) {
        Resolution::Known(e) => assert_eq!(e.name, expected, "resolve({input:?})"),
        other => panic!("resolve({input:?}) = {other:?}, expected {expected}"),
    }
}

/// `input` is unknown, with `suggestion` (an exercise name) or none.
#[track_caller]
fn check_unknown(input: &str, suggestion: Option<&str>) {
    match cat().resolve(input) {
        Resolution::Unknown {
            name,
            suggestion: got,
        } => {
            assert_eq!(name, input);
            assert_eq!(
                got.map(|e| e.name.as_str()),
                suggestion,
                "suggestion for {input:?}"
            );
        }
        other => panic!("resolve({input:?}) = {other:?}, expected unknown"),
    }
}

#[test]
fn exact_names_ignore_case_spacing_and_punctuation() {
    check_known("Squat (Barbell)", "Squat (Barbell)");
    check_known("squat (barbell)", "Squat (Barbell)");
    check_known("SQUAT  (BARBELL)", "Squat (Barbell)");
    check_known("  Squat(Barbell) ", "Squat (Barbell)");
    check_known("Step-up", "Step Up");
    check_known("Iso Lateral Row (Machine)", "Iso-Lateral Row (Machine)");
}

#[test]
fn aliases_people_type() {
    for (alias, name) in [
        ("squat", "Squat (Barbell)"),
        ("Back Squat", "Squat (Barbell)"),
        ("Barbell Squat", "Squat (Barbell)"),
        ("rdl", "Romanian Deadlift (Barbell)"),
        ("RDLs", "Romanian Deadlift (Barbell)"),
        ("bench", "Bench Press (Barbell)"),
        ("ohp", "Overhead Press (Barbell)"),
        ("overhead press", "Overhead Press (Barbell)"),
        ("deadlift", "Deadlift (Barbell)"),
        ("pullup", "Pull Up"),
        ("Pull-ups", "Pull Up"),
        ("chin up", "Chin Up"),
        ("chinups", "Chin Up"),
        ("pushup", "Push Up"),
        ("push-ups", "Push Up"),
        ("db bench", "Bench Press (Dumbbell)"),
        ("biceps curls", "Bicep Curl (Dumbbell)"),
        ("Leg Press (Machine)", "Leg Press"),
        ("Seated Cable Row - V Grip (Cable)", "Seated Row (Cable)"),
        (
            "Triceps Pushdown (Cable - Straight Bar)",
            "Triceps Pushdown",
        ),
        ("Calf Raise (Machine)", "Standing Calf Raise (Machine)"),
        ("Rowing Machine", "Rowing (Machine)"),
        ("Clean & Jerk", "Clean and Jerk (Barbell)"),
    ] {
        check_known(alias, name);
    }
}

#[test]
fn equipment_and_grip_variants_fall_back_to_the_movement() {
    check_known("Goblet Squat (Dumbbell)", "Goblet Squat (Kettlebell)");
    check_known("Goblet Squat (Kettlebell)", "Goblet Squat (Kettlebell)");
    check_known("Bulgarian Split Squat (Barbell)", "Bulgarian Split Squat");
    check_known("Hip Thrust (Kettlebell)", "Hip Thrust (Barbell)");
    check_known("Face Pull (Band)", "Face Pull (Cable)");
    check_known("Preacher Curl (Cable)", "Preacher Curl (Barbell)");
    // A bare name the catalogue only knows with equipment.
    check_known("Skullcrusher", "Skullcrusher (Barbell)");
    // Grip qualifiers.
    check_known("Seated Cable Row - Wide Grip (Cable)", "Seated Row (Cable)");
    check_known("Bench Press - Paused (Barbell)", "Bench Press (Barbell)");
    // Equipment words anywhere.
    check_known("Smith Machine Hip Thrust", "Hip Thrust (Barbell)");
    check_known("Dumbbell Bulgarian Split Squats", "Bulgarian Split Squat");
    check_known("Kettlebell Good Morning", "Good Morning (Barbell)");
}

/// `input` is read as `expected` by a confident close match.
#[track_caller]
fn check_read_as(input: &str, expected: &str) {
    match cat().resolve(input) {
        Resolution::ReadAs { exercise, .. } => {
            assert_eq!(exercise.name, expected, "resolve({input:?})")
        }
        other => panic!("resolve({input:?}) = {other:?}, expected it read as {expected}"),
    }
}

#[test]
fn typos_are_read_as_the_exercise_when_unambiguous() {
    check_read_as("Sqaut (Barbell)", "Squat (Barbell)");
    check_read_as("Romanain Deadlift (Barbell)", "Romanian Deadlift (Barbell)");
    check_read_as("Bulgarain Split Squat", "Bulgarian Split Squat");
    check_read_as("Lat Pulldwn (Cable)", "Lat Pulldown (Cable)");
    check_read_as("Hip Thurst", "Hip Thrust (Barbell)");
    // A gym-specific suffix: the longest known prefix is suggested.
    check_unknown("Leg Press Hammer Strength Blue", Some("Leg Press"));
}

#[test]
fn unrelated_names_get_no_suggestion() {
    check_unknown("Underwater Basket Weaving", None);
    check_unknown("Zumba", None);
    check_unknown("Kniebeugen", None);
    check_unknown("", None);
    check_unknown("   ", None);
    check_unknown("()", None);
    check_unknown("🏋️‍♀️💪", None);
    check_unknown(&"x".repeat(10_000), None);
}

#[test]
fn pathological_input_resolves_quickly() {
    let inputs = [
        "(".repeat(5_000) + &")".repeat(5_000),
        "()".repeat(5_000),
        " - ".repeat(3_000),
        "Squat (Barbell) ".repeat(600),
        "a(".repeat(5_000),
        "ä".repeat(10_000),
    ];
    let start = std::time::Instant::now();
    for input in &inputs {
        assert!(!cat().resolve(input).is_known(), "{}", &input[..20]);
    }
    // Linear work: a few milliseconds even unoptimised; quadratic behaviour would take seconds.
    assert!(
        start.elapsed() < std::time::Duration::from_millis(500),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn resolution_helpers() {
    assert!(cat().resolve("squat").is_known());
    assert_eq!(
        cat().resolve("squat").exercise().map(|e| e.name.as_str()),
        Some("Squat (Barbell)")
    );
    assert_eq!(cat().resolve("nope nope").exercise(), None);
}

proptest! {
    #[test]
    fn resolve_never_panics(name in "\\PC{0,200}") {
        let _ = cat().resolve(&name);
    }

    #[test]
    fn resolve_never_panics_on_name_like_input(name in "[a-zA-Z ()\\-']{0,60}") {
        let _ = cat().resolve(&name);
    }

    #[test]
    fn summarize_never_panics(names in proptest::collection::vec(("\\PC{0,40}", any::<i64>()), 0..8)) {
        let summary = cat().summarize(&names);
        let total = summary.shares.lower + summary.shares.upper + summary.shares.core;
        prop_assert!(summary.strength_sets == 0 || (total - 1.0).abs() < 1e-9);
        prop_assert!((0.0..=1.0).contains(&summary.leg_share));
    }

    #[test]
    fn case_and_spacing_never_change_the_answer(index in 0usize..1000, upper in any::<bool>(), pad in 0usize..3) {
        let exercises = cat().exercises();
        let exercise = &exercises[index % exercises.len()];
        let cased = if upper { exercise.name.to_uppercase() } else { exercise.name.to_lowercase() };
        let spaced = format!("{}{}{}", " ".repeat(pad), cased.replace(' ', &" ".repeat(pad + 1)), " ".repeat(pad));
        prop_assert_eq!(cat().resolve(&spaced).exercise().map(|e| &e.name), Some(&exercise.name));
    }
}

// ───────────── session summaries ─────────────

#[test]
fn squat_day_is_lower_with_legs() {
    let s = summarize(&[
        ("Squat (Barbell)", 5),
        ("Romanian Deadlift (Barbell)", 4),
        ("Leg Extension (Machine)", 3),
    ]);
    assert_eq!(s.region, Some(Region::Lower));
    assert!(s.legs_trained && s.is_leg_day());
    assert_eq!(s.leg_share, 1.0);
    assert_eq!(s.strength_sets, 12);
    assert_eq!(s.muscle_load(Muscle::Quads), 5.0 + 3.0);
    assert_eq!(s.muscle_load(Muscle::Hamstrings), 5.0 * 0.5 + 4.0);
    assert_eq!(s.muscle_load(Muscle::Chest), 0.0);
    assert!(s.unknown.is_empty() && s.warnings().is_empty());
}

#[test]
fn five_sets_of_squats_and_one_curl_is_a_leg_day() {
    let s = summarize(&[("Squat (Barbell)", 5), ("Bicep Curl (Dumbbell)", 1)]);
    assert_eq!(s.region, Some(Region::Lower));
    assert!(s.legs_trained && s.is_leg_day());
    assert!((s.leg_share - 5.0 / 6.0).abs() < 1e-12);
}

#[test]
fn bench_and_rows_are_upper_without_legs() {
    let s = summarize([
        "Bench Press (Barbell)",
        "Bent Over Row (Barbell)",
        "ohp",
        "Lat Pulldown (Cable)",
    ]);
    assert_eq!(s.region, Some(Region::Upper));
    assert!(!s.legs_trained && !s.is_leg_day());
    assert_eq!(s.leg_share, 0.0);
}

#[test]
fn squat_bench_rows_balanced_is_full() {
    let s = summarize(&[
        ("Squat (Barbell)", 3),
        ("Bench Press (Barbell)", 3),
        ("Bent Over Row (Barbell)", 3),
    ]);
    assert_eq!(s.region, Some(Region::Full));
    assert!(s.legs_trained && s.is_leg_day());
}

#[test]
fn upper_day_with_a_few_calf_raises_stays_upper_but_says_legs_were_trained() {
    let s = summarize(&[
        ("Bench Press (Barbell)", 5),
        ("Pull Up", 5),
        ("ohp", 4),
        ("Calf Raise (Machine)", 3),
    ]);
    assert_eq!(s.region, Some(Region::Upper));
    assert!(s.legs_trained && !s.is_leg_day());
}

#[test]
fn core_only_is_core() {
    let s = summarize(["Plank", "Crunch", "Hanging Leg Raise"]);
    assert_eq!(s.region, Some(Region::Core));
    assert!(!s.legs_trained);
}

#[test]
fn full_body_lifts_count_half_each_way() {
    let s = summarize(&[("Power Clean", 5)]);
    assert_eq!(s.region, Some(Region::Full));
    assert_eq!(
        s.shares,
        RegionShares {
            lower: 0.5,
            upper: 0.5,
            core: 0.0
        }
    );
    assert_eq!(s.leg_share, 1.0);
}

#[test]
fn unknown_only_has_no_region_and_warns() {
    let s = summarize([
        "Leg Press Hammer Strength Blue",
        "Underwater Basket Weaving",
    ]);
    assert_eq!(s.region, None);
    assert!(!s.legs_trained);
    assert_eq!(s.leg_share, 0.0);
    assert_eq!(s.unknown.len(), 2);
    assert_eq!(s.unknown_sets, 2);
    assert_eq!(
        s.unknown[0].suggestion.map(|e| e.name.as_str()),
        Some("Leg Press")
    );
    let warnings = s.warnings();
    assert!(
        warnings[0].contains("'Leg Press Hammer Strength Blue'")
            && warnings[0].contains("did you mean 'Leg Press'")
    );
    assert!(!warnings[1].contains("did you mean"));
}

#[test]
fn cardio_and_mobility_resolve_but_do_not_count() {
    let s = summarize(&[
        ("Bench Press (Barbell)", 4),
        ("Running", 1),
        ("Stretching", 1),
    ]);
    assert_eq!(s.region, Some(Region::Upper));
    assert!(!s.legs_trained);
    assert_eq!(s.other.len(), 2);
    assert!(s.unknown.is_empty());
    let only_run = summarize(["Running"]);
    assert_eq!(only_run.region, None);
    assert!(only_run.warnings().is_empty());
}

#[test]
fn repeated_rows_merge_and_zero_sets_count_as_one() {
    // Strong exports one row per set.
    let s = summarize(["Squat (Barbell)", "squat", "Back Squat", "Nope", "Nope"]);
    assert_eq!(s.exercises.len(), 1);
    assert_eq!(s.exercises[0].sets, 3);
    assert_eq!(s.unknown.len(), 1);
    assert_eq!(s.unknown[0].sets, 2);
    let zero = summarize(&[("Squat (Barbell)", 0usize), ("Bench", 0)]);
    assert_eq!(zero.strength_sets, 2);
    let negative = summarize(&[("Squat (Barbell)", -3i64)]);
    assert_eq!(negative.strength_sets, 1);
}

#[test]
fn imported_sessions_count_working_sets() {
    use crate::session::{ExerciseLog, SetKind, SetLog};
    let set = |kind| SetLog {
        reps: Some(5),
        kind,
        ..SetLog::default()
    };
    let squat = ExerciseLog {
        name: "Squat (Barbell)".into(),
        sets: vec![
            set(SetKind::Warmup),
            set(SetKind::Warmup),
            set(SetKind::Normal),
            set(SetKind::Failure),
            set(SetKind::Drop),
        ],
    };
    let curl = ExerciseLog {
        name: "Bicep Curl (Dumbbell)".into(),
        sets: vec![set(SetKind::Warmup)],
    };
    let s = summarize(&[squat, curl]);
    assert_eq!(s.exercises[0].sets, 3);
    // All warm-ups: the sets still count, an exercise that was logged was done.
    assert_eq!(s.exercises[1].sets, 1);
    assert_eq!(s.region, Some(Region::Lower));
}

#[test]
fn summary_accepts_owned_names_and_usize_counts() {
    let names = vec!["squat".to_string(), "bench".to_string()];
    assert_eq!(summarize(&names).strength_sets, 2);
    assert_eq!(summarize(names).strength_sets, 2);
    let pairs = [("squat".to_string(), 4usize)];
    assert_eq!(
        cat()
            .summarize(pairs.iter().map(|(n, s)| (n.as_str(), *s)))
            .strength_sets,
        4
    );
}

mod read_as {
    use crate::catalogue::{Aliases, ReadAsReason, Resolution, catalogue, summarize};

    fn read_as(name: &str) -> Option<String> {
        match catalogue().resolve(name) {
            Resolution::ReadAs {
                exercise, because, ..
            } => {
                assert_eq!(because, ReadAsReason::CloseMatch);
                Some(exercise.name.clone())
            }
            _ => None,
        }
    }

    #[test]
    fn a_slip_of_the_keyboard_is_read_as_the_exercise() {
        assert_eq!(
            read_as("Sqaut (Barbell)").as_deref(),
            Some("Squat (Barbell)")
        );
        assert_eq!(
            read_as("Deadlfit (Barbell)").as_deref(),
            Some("Deadlift (Barbell)")
        );
        assert_eq!(
            read_as("Bench Pres (Barbell)").as_deref(),
            Some("Bench Press (Barbell)")
        );
    }

    #[test]
    fn short_or_ambiguous_or_far_names_are_not_read_as_anything() {
        assert_eq!(read_as("Row"), None, "known names are Known, not ReadAs");
        assert_eq!(
            read_as("Bow"),
            None,
            "three letters: one edit changes the meaning"
        );
        assert_eq!(read_as("Kettlebell Carry"), None);
        assert_eq!(read_as("Zumba class"), None);
        assert!(!catalogue().resolve("Zumba class").is_known());
    }

    #[test]
    fn aliases_win_and_are_named() {
        let mut aliases = Aliases::new();
        aliases.insert(Aliases::check("Beast Mode Legs", "leg press").unwrap());
        match catalogue().resolve_with("beast  MODE legs", &aliases) {
            Resolution::ReadAs {
                exercise, because, ..
            } => {
                assert_eq!(because, ReadAsReason::Alias);
                assert!(exercise.name.starts_with("Leg Press"), "{}", exercise.name);
            }
            other => panic!("{other:?}"),
        }
        let summary = catalogue().summarize_with_aliases([("Beast Mode Legs", 4usize)], &aliases);
        assert!(summary.is_leg_day());
        assert_eq!(summary.read_as.len(), 1);
        assert!(summary.read_as[0].to_string().contains("your alias"));
        // Without the alias, the same session has an unknown name and no region.
        let plain = summarize([("Beast Mode Legs", 4usize)]);
        assert!(plain.read_as.is_empty());
        assert_eq!(plain.unknown_sets, 4);
    }

    #[test]
    fn alias_checks_name_the_problem() {
        assert!(Aliases::check("", "squat").is_err());
        let err = Aliases::check("Squat (Barbell)", "squat").unwrap_err();
        assert!(err.to_string().contains("already"), "{err}");
        let err = Aliases::check("My Squat", "Sqauts of doom").unwrap_err();
        assert!(err.to_string().contains("not an exercise"), "{err}");
        let stored =
            Aliases::from_pairs([("My Squat", "Squat (Barbell)"), ("Gone", "No Such Lift")]);
        assert_eq!(
            stored.len(),
            1,
            "aliases of exercises the catalogue no longer has are left out"
        );
    }
}

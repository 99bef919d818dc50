// Fixture files are read and a work bound is timed here: tests may, the crate may not.
#![allow(clippy::disallowed_methods)]

//! The exercise catalogue against real exports: every exercise of a real Strong export, and the names the
//! Strong and Hevy apps give their built-in exercises, must resolve.

use afterlift_core::catalogue::{Region, Resolution, catalogue, summarize};

/// A real Strong export (see `testdata/README.md`).
const STRONG_CSV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/strong/strong.csv"
);

/// Splits one CSV line on commas outside double quotes; `""` inside quotes is a literal quote.
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn csv_splitter_handles_quotes() {
    assert_eq!(
        split_csv_line(r#"a,"b, c","say ""hi""",,"#),
        ["a", "b, c", r#"say "hi""#, "", ""]
    );
}

/// The sample's rows: (workout key, exercise name), one row per set.
fn strong_rows() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(STRONG_CSV).expect("the shared Strong sample export is readable");
    let mut lines = text.lines();
    let header = split_csv_line(lines.next().expect("a header line"));
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no '{name}' column"))
    };
    let (date, workout, exercise) = (
        column("Date"),
        column("Workout Name"),
        column("Exercise Name"),
    );
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields = split_csv_line(line);
            (
                format!("{} {}", fields[date], fields[workout]),
                fields[exercise].clone(),
            )
        })
        .collect()
}

#[test]
fn catalogue_knows_every_exercise_of_a_real_strong_export() {
    let mut names: Vec<String> = strong_rows().into_iter().map(|(_, name)| name).collect();
    names.sort();
    names.dedup();
    assert!(
        names.len() > 50,
        "expected the sample's ~70 distinct exercises, read {}",
        names.len()
    );
    let unresolved: Vec<_> = names
        .iter()
        .filter(|n| !catalogue().resolve(n).is_known())
        .collect();
    assert!(
        unresolved.is_empty(),
        "not in the catalogue: {unresolved:?}"
    );
}

#[test]
fn catalogue_summarises_real_strong_workouts_without_warnings() {
    let rows = strong_rows();
    let workout = |key: &str| {
        summarize(
            rows.iter()
                .filter(|(w, _)| w == key)
                .map(|(_, name)| name.as_str()),
        )
    };
    let mut keys: Vec<&str> = rows.iter().map(|(w, _)| w.as_str()).collect();
    keys.dedup();
    for key in &keys {
        let summary = workout(key);
        assert!(
            summary.unknown.is_empty(),
            "{key}: {:?}",
            summary.warnings()
        );
        assert!(summary.region.is_some(), "{key}");
    }
    // Squat 4 sets, overhead press 5, barbell row 4: a full-body day with legs.
    let friday = workout("2021-02-12 16:31:00 Freitag");
    assert_eq!(
        (friday.region, friday.legs_trained, friday.strength_sets),
        (Some(Region::Full), true, 13)
    );
    // Overhead press and lateral raises: upper body only.
    let monday = workout("2021-02-15 19:15:42 Montag");
    assert_eq!(
        (monday.region, monday.legs_trained),
        (Some(Region::Upper), false)
    );
}

/// Built-in exercise names as the Strong and Hevy apps export them.
const APP_EXPORT_NAMES: &[&str] = &[
    // Strong
    "Ab Wheel",
    "Arnold Press (Dumbbell)",
    "Back Extension",
    "Back Extension (Machine)",
    "Ball Slams",
    "Battle Ropes",
    "Bench Dip",
    "Bench Press (Cable)",
    "Bench Press (Dumbbell)",
    "Bench Press (Smith Machine)",
    "Bench Press - Wide Grip (Barbell)",
    "Bent Over Row (Band)",
    "Bent Over Row (Dumbbell)",
    "Bent Over Row - Underhand (Barbell)",
    "Bicycle Crunch",
    "Box Jump",
    "Box Squat (Barbell)",
    "Bulgarian Split Squat",
    "Burpee",
    "Cable Crunch",
    "Cable Kickback",
    "Cable Pull Through",
    "Cable Twist",
    "Calf Press on Leg Press",
    "Chest Dip",
    "Chin Up",
    "Chin Up (Assisted)",
    "Clean (Barbell)",
    "Clean and Jerk (Barbell)",
    "Cross Body Crunch",
    "Crunch (Machine)",
    "Crunch (Stability Ball)",
    "Cycling",
    "Cycling (Indoor)",
    "Deadlift (Band)",
    "Deadlift (Dumbbell)",
    "Deadlift (Smith Machine)",
    "Deadlift (Trap bar)",
    "Deadlift High Pull (Barbell)",
    "Decline Bench Press (Dumbbell)",
    "Decline Bench Press (Smith Machine)",
    "Decline Crunch",
    "Deficit Deadlift (Barbell)",
    "Elliptical Machine",
    "Flat Knee Raise",
    "Front Raise (Barbell)",
    "Front Raise (Cable)",
    "Front Raise (Dumbbell)",
    "Front Raise (Plate)",
    "Front Squat (Barbell)",
    "Glute Ham Raise",
    "Glute Kickback (Machine)",
    "Goblet Squat (Kettlebell)",
    "Good Morning (Barbell)",
    "Hack Squat",
    "Hammer Curl (Band)",
    "Hammer Curl (Cable)",
    "Handstand Push Up",
    "Hang Clean (Barbell)",
    "Hang Snatch (Barbell)",
    "High Knee Skips",
    "Hiking",
    "Hip Abductor (Machine)",
    "Hip Adductor (Machine)",
    "Hip Thrust (Barbell)",
    "Hip Thrust (Bodyweight)",
    "Incline Bench Press (Cable)",
    "Incline Bench Press (Smith Machine)",
    "Incline Chest Fly (Dumbbell)",
    "Incline Curl (Dumbbell)",
    "Incline Row (Dumbbell)",
    "Jackknife Sit Up",
    "Jump Rope",
    "Jump Shrug (Barbell)",
    "Jump Squat",
    "Jumping Jack",
    "Kettlebell Swing",
    "Kettlebell Turkish Get Up",
    "Kipping Pull Up",
    "Knee Raise (Captain's Chair)",
    "Kneeling Pulldown (band)",
    "Knees to Elbows",
    "Lat Pulldown (Single Arm)",
    "Lat Pulldown - Underhand (Band)",
    "Lat Pulldown - Underhand (Cable)",
    "Lat Pulldown - Wide Grip (Cable)",
    "Lateral Box Jump",
    "Lateral Raise (Band)",
    "Lunge (Barbell)",
    "Lunge (Bodyweight)",
    "Lunge (Dumbbell)",
    "Mountain Climber",
    "Muscle Up",
    "Oblique Crunch",
    "Overhead Press (Cable)",
    "Overhead Press (Smith Machine)",
    "Overhead Squat (Barbell)",
    "Pec Deck (Machine)",
    "Pistol Squat",
    "Power Clean",
    "Power Snatch (Barbell)",
    "Preacher Curl (Barbell)",
    "Preacher Curl (Dumbbell)",
    "Preacher Curl (Machine)",
    "Press Under (Barbell)",
    "Pullover (Dumbbell)",
    "Pullover (Machine)",
    "Push Press",
    "Push Up",
    "Push Up (Knees)",
    "Rack Pull (Barbell)",
    "Reverse Crunch",
    "Reverse Curl (Barbell)",
    "Reverse Curl (Cable)",
    "Reverse Curl (Dumbbell)",
    "Reverse Fly (Cable)",
    "Reverse Fly (Dumbbell)",
    "Reverse Fly (Machine)",
    "Reverse Grip Concentration Curl (Dumbbell)",
    "Reverse Plank",
    "Romanian Deadlift (Barbell)",
    "Romanian Deadlift (Dumbbell)",
    "Rowing (Machine)",
    "Running",
    "Running (Treadmill)",
    "Seated Calf Raise (Machine)",
    "Seated Overhead Press (Barbell)",
    "Seated Palms Up Wrist Curl (Dumbbell)",
    "Seated Wide-Grip Row (Cable)",
    "Shoulder Press (Machine)",
    "Shrug (Barbell)",
    "Shrug (Dumbbell)",
    "Shrug (Machine)",
    "Shrug (Smith Machine)",
    "Side Bend (Dumbbell)",
    "Side Plank",
    "Single Leg Bridge",
    "Sit Up",
    "Skullcrusher (Dumbbell)",
    "Snatch (Barbell)",
    "Snatch Pull (Barbell)",
    "Split Jerk (Barbell)",
    "Squat (Band)",
    "Squat (Bodyweight)",
    "Squat (Dumbbell)",
    "Squat (Machine)",
    "Squat (Smith Machine)",
    "Squat Row",
    "Standing Calf Raise",
    "Standing Calf Raise (Barbell)",
    "Standing Calf Raise (Bodyweight)",
    "Standing Calf Raise (Dumbbell)",
    "Standing Calf Raise (Machine)",
    "Standing Calf Raise (Smith Machine)",
    "Step-up",
    "Stiff Leg Deadlift (Barbell)",
    "Stiff Leg Deadlift (Dumbbell)",
    "Straight Leg Deadlift (Band)",
    "Stretching",
    "Strict Military Press (Barbell)",
    "Sumo Deadlift (Barbell)",
    "Sumo Deadlift High Pull (Barbell)",
    "Superman",
    "Swimming",
    "Thruster (Barbell)",
    "Toes To Bar",
    "Torso Rotation (Machine)",
    "Trap Bar Deadlift",
    "Triceps Dip",
    "Triceps Dip (Assisted)",
    "Triceps Extension (Barbell)",
    "Triceps Extension (Cable)",
    "Triceps Extension (Dumbbell)",
    "Triceps Extension (Machine)",
    "Upright Row (Barbell)",
    "Upright Row (Cable)",
    "Upright Row (Dumbbell)",
    "V Up",
    "Walking",
    "Wrist Roller",
    "Yoga",
    "Zercher Squat (Barbell)",
    // Hevy
    "Back Extension (Hyperextension)",
    "Back Extension (Weighted Hyperextension)",
    "Band Pullaparts",
    "Belt Squat (Machine)",
    "Bicep Curl (Suspension)",
    "Bird Dog",
    "Butterfly (Pec Deck)",
    "Cable Core Palloff Press",
    "Cable Fly Crossovers",
    "Cable Twist (Down to up)",
    "Calf Extension (Machine)",
    "Calf Press (Machine)",
    "Chest Dip (Weighted)",
    "Chest Fly (Machine)",
    "Chest Supported Incline Row (Dumbbell)",
    "Clean",
    "Clean and Jerk",
    "Clean and Press",
    "Clean Pull",
    "Concentration Curl",
    "Crunch (Weighted)",
    "Curtsy Lunge (Dumbbell)",
    "Dead Bug",
    "Dead Hang",
    "Deadlift High Pull",
    "Decline Bench Press (Machine)",
    "Decline Push Up",
    "Diamond Push Up",
    "Dragon Flag",
    "Dumbbell Row",
    "Dumbbell Snatch",
    "Dumbbell Step Up",
    "Elliptical Trainer",
    "EZ Bar Biceps Curl",
    "Face Pull",
    "Farmers Walk",
    "Floor Press (Barbell)",
    "Front Squat",
    "Glute Bridge",
    "Goblet Squat",
    "Hack Squat (Machine)",
    "Hang Clean",
    "Hip Abduction (Machine)",
    "Hip Adduction (Machine)",
    "Hip Thrust",
    "Hip Thrust (Machine)",
    "Hip Thrust (Smith Machine)",
    "Hollow Rock",
    "Incline Push Ups",
    "Inverted Row",
    "Iso-Lateral High Row (Machine)",
    "Iso-Lateral Low Row",
    "JM Press (Barbell)",
    "Jumping Lunge",
    "Kettlebell Goblet Squat",
    "Kneeling Push Up",
    "Knee Raise Parallel Bars",
    "L-Sit Hold",
    "Landmine 180",
    "Landmine Row",
    "Lat Pulldown - Close Grip (Cable)",
    "Lateral Lunge",
    "Lateral Squat",
    "Leg Press (Machine)",
    "Leg Press Horizontal (Machine)",
    "Leg Raise Parallel Bars",
    "Lunge",
    "Lying Leg Raise",
    "Lying Neck Curls",
    "Meadows Rows (Barbell)",
    "Nordic Hamstrings Curls",
    "Overhead Squat",
    "Overhead Triceps Extension (Cable)",
    "Pause Squat (Barbell)",
    "Pendulum Squat (Machine)",
    "Pike Pushup",
    "Power Snatch",
    "Pull Up (Weighted)",
    "Push Up (Weighted)",
    "Rack Pull",
    "Rear Delt Reverse Fly (Cable)",
    "Rear Delt Reverse Fly (Dumbbell)",
    "Rear Delt Reverse Fly (Machine)",
    "Renegade Row (Dumbbell)",
    "Reverse Grip Lat Pulldown (Cable)",
    "Reverse Hyperextension",
    "Reverse Lunge",
    "Ring Dips",
    "Rowing Machine",
    "Russian Twist (Weighted)",
    "Seated Cable Row - Bar Grip",
    "Seated Cable Row - Bar Wide Grip",
    "Seated Cable Row - V Grip (Cable)",
    "Seated Calf Raise",
    "Seated Incline Curl (Dumbbell)",
    "Seated Shoulder Press (Machine)",
    "Shoulder Press (Dumbbell)",
    "Shoulder Press (Machine Plates)",
    "Single Arm Cable Row",
    "Single Arm Lat Pulldown",
    "Single Leg Press (Machine)",
    "Single Leg Romanian Deadlift (Dumbbell)",
    "Sissy Squat (Weighted)",
    "Sled Push",
    "Snatch",
    "Spider Curl (Dumbbell)",
    "Spinning",
    "Split Squat (Dumbbell)",
    "Sprints",
    "Stair Machine (Floors)",
    "Standing Leg Curls",
    "Standing Military Press (Barbell)",
    "Step Up",
    "Straight Arm Lat Pulldown (Cable)",
    "Straight Leg Deadlift",
    "Sumo Deadlift",
    "Sumo Squat",
    "Thruster (Kettlebell)",
    "Toes to Bar",
    "Treadmill",
    "Triceps Kickback (Dumbbell)",
    "Triceps Pushdown",
    "Triceps Rope Pushdown",
    "Walking Lunge (Dumbbell)",
    "Wall Ball",
    "Wall Sit",
    "Warm Up",
    "Zottman Curl (Dumbbell)",
];

#[test]
fn catalogue_knows_strong_and_hevy_built_in_names() {
    let unresolved: Vec<_> = APP_EXPORT_NAMES
        .iter()
        .filter(|n| !catalogue().resolve(n).is_known())
        .collect();
    assert!(
        unresolved.is_empty(),
        "not in the catalogue: {unresolved:?}"
    );
}

/// The distinct `Exercise Name`s of a Strong export in `testdata/strong/`.
fn exercise_names(file: &str) -> Vec<String> {
    let path = format!(
        "{}/../../testdata/strong/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    let header = split_csv_line(lines.next().expect("a header line"));
    let column = header.iter().position(|h| h == "Exercise Name").unwrap();
    let mut names: Vec<String> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| split_csv_line(l)[column].clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn catalogue_knows_the_names_of_other_real_exports() {
    for file in ["strong-statistics.csv", "strong-app-analytics.csv"] {
        let names = exercise_names(file);
        assert!(names.len() >= 19, "{file}: {} names", names.len());
        let unresolved: Vec<_> = names
            .iter()
            .filter(|n| !catalogue().resolve(n).is_known())
            .collect();
        assert!(unresolved.is_empty(), "{file}: {unresolved:?}");
    }
    // Names seen in other public Strong and Hevy exports (without a licence to copy the files).
    for name in [
        "Ball Side Throw",
        "Bottom-Half Seated Cable Flye",
        "Cable 1-Arm Face Pull",
        "Cable Crossover Ladder",
        "Cable Pull-Over",
        "High-Incline Dumbell Press",
        "Katana Triceps Extension",
        "Kettlebell Carry",
        "Lat Pullover (Cable)",
        "Meadows Incline DB Lateral Raise",
        "Pin Press",
        "Seated Super- Bayesian High Cable Curl",
        "Sitting 1-Arm Lat Pulldown",
        "Snatch Ballance",
    ] {
        assert!(catalogue().resolve(name).is_known(), "{name}");
    }
}

#[test]
fn a_suggestion_names_the_same_movement() {
    // A catalogue without any carry: `Kettlebell Carry` is four letters from the curl's alias
    // `Kettlebell Curl`, and used to be suggested as it (and `Kettlebell Cary` read as it).
    let cat = afterlift_core::catalogue::Catalogue::from_toml_str(
        r#"
[[exercise]]
name = "Bicep Curl (Dumbbell)"
aliases = ["Kettlebell Curl"]
primary = ["biceps"]
secondary = []
region = "upper"
pattern = "isolation_upper"
running_overlap = false
"#,
    )
    .unwrap();
    for name in ["Kettlebell Carry", "Kettlebell Cary", "Dumbbell Carry"] {
        match cat.resolve(name) {
            Resolution::Unknown { suggestion, .. } => assert_eq!(suggestion, None, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    // A typo in the movement is still a typo.
    assert!(matches!(
        cat.resolve("Kettlebell Crul"),
        Resolution::ReadAs { .. }
            | Resolution::Unknown {
                suggestion: Some(_),
                ..
            }
    ));
    // With the real catalogue, a slip in "carry" is the carry.
    match catalogue().resolve("Kettlebell Cary") {
        Resolution::ReadAs { exercise, .. } => assert_eq!(exercise.name, "Farmers Walk"),
        other => panic!("{other:?}"),
    }
}

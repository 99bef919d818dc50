//! The week plan's .ics opens in a real calendar program: khal (Debian package `khal`, a CalDAV/vdir
//! calendar for the terminal built on the Python `icalendar` library) imports every event, at the local
//! times the plan gives them. `.ci/run` installs khal; without it (a developer's machine) the test says
//! it was skipped, and under `CI` it fails.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

#[test]
fn the_week_plan_imports_into_khal() {
    if Process::new("khal").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "khal is missing: .ci/run installs it (apt-get install khal)"
        );
        eprintln!("SKIPPED: install khal (apt-get install khal) to run the real calendar import");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.db");
    let ics = dir.path().join("week.ics");
    // The week planned is the week after "now": planned whole, whatever today's date is (a current week
    // would be re-planned from what was done so far).
    let afterlift = |args: &[&str]| {
        Command::cargo_bin("afterlift")
            .unwrap()
            .env("NO_COLOR", "1")
            // Without a profile zone the CLI answers in the machine's: fixed here.
            .env("TZ", "UTC")
            .arg("--db")
            .arg(&db)
            .args(["--now", "2026-11-25T12:00:00Z"])
            .args(args)
            .assert()
            .success();
    };
    afterlift(&[
        "profile",
        "set",
        "--age",
        "34",
        "--sex",
        "female",
        "--weight-kg",
        "62",
        "--goal",
        "general",
        "--time-zone",
        "Europe/Berlin",
    ]);
    afterlift(&[
        "plan",
        "week",
        "--from",
        "2026-11-30",
        "--lifts",
        "upper:heavy,lower:heavy",
        "--runs",
        "easy:30,intervals:25",
        "--ics",
        ics.to_str().unwrap(),
    ]);

    let cal = dir.path().join("calendar");
    std::fs::create_dir_all(&cal).unwrap();
    let config = dir.path().join("khal.conf");
    std::fs::write(&config, khal_config(&cal)).unwrap();
    let khal = |args: &[&str]| {
        let out = Process::new("khal")
            .arg("-c")
            .arg(&config)
            .args(args)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "khal {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    khal(&["import", "--batch", "-a", "training", ics.to_str().unwrap()]);
    let listing = khal(&["list", "2026-11-30", "7d"]);

    let events = std::fs::read_dir(&cal).unwrap().count();
    let in_file = std::fs::read_to_string(&ics)
        .unwrap()
        .matches("BEGIN:VEVENT")
        .count();
    assert_eq!(events, in_file, "every event imported:\n{listing}");
    assert!(
        listing.contains("07:00-08:00 Lift: heavy lower body"),
        "{listing}"
    );
    assert!(listing.contains("Intervals (25 min)"), "{listing}");
    assert!(
        listing.contains("heart rate"),
        "the prescription travels in the description:\n{listing}"
    );
}

fn khal_config(cal: &Path) -> String {
    format!(
        "[calendars]\n[[training]]\npath = {}\ntype = calendar\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n",
        cal.display()
    )
}

//! The iCalendar export, read back with an independent parser (the `icalendar` crate's RFC 5545 parser):
//! the calendar's header, one VEVENT per session, and every event's fields round-trip — UID, DTSTAMP,
//! DTSTART/DTEND (the slot's local time in the athlete's zone, in UTC), SUMMARY, DESCRIPTION (the
//! prescription, the reason and the disclaimer, with TEXT escaping undone). Raw form: CRLF line endings, lines of at most
//! 75 octets, folded without splitting UTF-8 characters.

use afterlift_core::contract::{
    EventInput, EventKind, Focus, LiftRequest, LoadLevel, PlannedSession, RunKind, RunRequest,
    SessionKind, Slot, WeekPlan, WeekRequest,
};
use afterlift_core::plan::{ics, plan_week};
use afterlift_core::{Athlete, Goal};
use icalendar::parser::{Component, read_calendar, unfold};
use jiff::civil::{Date, Time, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

/// Named after the file, so that `cargo test -p afterlift-core plan` runs these.
mod plan_ics {
    use super::*;

    fn request() -> WeekRequest {
        WeekRequest {
            goal: Goal::Endurance,
            start: date(2026, 3, 23), // the week Europe/Berlin moves to summer time (Sunday 29 March)
            available: None,
            lifts: vec![
                LiftRequest {
                    focus: Focus::Lower,
                    load: LoadLevel::Heavy,
                    count: 1,
                    minutes: Some(75),
                },
                LiftRequest {
                    focus: Focus::Upper,
                    load: LoadLevel::Moderate,
                    count: 2,
                    minutes: None,
                },
            ],
            runs: vec![
                RunRequest {
                    kind: RunKind::Easy,
                    count: 2,
                    minutes: Some(35),
                },
                RunRequest {
                    kind: RunKind::Intervals,
                    count: 1,
                    minutes: None,
                },
            ],
            cross: 1,
            events: vec![EventInput {
                date: date(2026, 3, 29),
                slot: Slot::Morning,
                kind: EventKind::Race,
                minutes: Some(60),
                name: Some("Städtlauf; 10K, \"fun\" \\ run — Ünïcødé 🏃".into()),
            }],
            beginner: None,
            concurrent_weeks: Some(30),
            post_lift_run_minutes: None,
            race: None,
            previous_week_readiness: None,
            strategy: None,
        }
    }

    fn stamp() -> Timestamp {
        "2026-03-20T09:30:00Z".parse().unwrap()
    }

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").expect("tzdb has Europe/Berlin")
    }

    fn prop<'a>(event: &'a Component<'a>, name: &str) -> String {
        event
            .find_prop(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .val
            .as_str()
            .to_string()
    }

    fn has_param(event: &Component<'_>, name: &str, key: &str, val: &str) -> bool {
        event.find_prop(name).is_some_and(|p| {
            p.params
                .iter()
                .any(|x| x.key.as_str() == key && x.val.as_ref().is_some_and(|v| v.as_str() == val))
        })
    }

    fn utc(s: &str) -> Timestamp {
        let t = jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", s)
            .and_then(|p| p.to_datetime())
            .unwrap_or_else(|e| panic!("{s}: {e}"));
        t.to_zoned(TimeZone::UTC).unwrap().timestamp()
    }

    /// Parses `text` with the independent parser and checks every event against the plan.
    fn round_trip(
        plan: &WeekPlan,
        tz: &TimeZone,
        text: &str,
        describe: &dyn Fn(&PlannedSession) -> String,
    ) {
        // Raw form.
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
        assert!(!text.replace("\r\n", "").contains('\r'), "bare CR");
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }

        let unfolded = unfold(text);
        let cal = read_calendar(&unfolded).expect("parses");
        let header = |name: &str| {
            cal.properties
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| p.val.as_str().to_string())
        };
        assert_eq!(header("VERSION").as_deref(), Some("2.0"));
        assert_eq!(header("PRODID").as_deref(), Some(ics::PRODID));
        assert_eq!(header("CALSCALE").as_deref(), Some("GREGORIAN"));

        let events: Vec<&Component> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        let sessions: Vec<(Date, &PlannedSession)> = plan
            .days
            .iter()
            .flat_map(|d| d.sessions.iter().map(move |s| (d.date, s)))
            .collect();
        assert_eq!(events.len(), sessions.len(), "one event per session");

        let mut uids = std::collections::BTreeSet::new();
        let mut slot_minutes: std::collections::BTreeMap<(Date, Slot), i64> = Default::default();
        for (event, (day, session)) in events.iter().zip(&sessions) {
            let uid = prop(event, "UID");
            assert!(uid.ends_with("@afterlift"), "{uid}");
            assert!(uids.insert(uid), "UIDs are unique");
            assert_eq!(utc(&prop(event, "DTSTAMP")), stamp());

            let description = prop(event, "DESCRIPTION");
            let mut expected = describe(session);
            if !expected.is_empty() {
                expected.push_str("\n\n");
            }
            expected.push_str(&session.why);
            expected.push_str("\n\n");
            expected.push_str(afterlift_core::advice::DISCLAIMER);
            assert_eq!(
                description, expected,
                "DESCRIPTION round-trips, ending with the disclaimer"
            );
            let summary = prop(event, "SUMMARY");
            if let Some(name) = &session.name {
                assert!(summary.contains(name.as_str()), "{summary}");
            }

            if session.kind == SessionKind::Rest {
                assert!(has_param(event, "DTSTART", "VALUE", "DATE"));
                assert_eq!(prop(event, "DTSTART"), day.strftime("%Y%m%d").to_string());
                assert_eq!(
                    prop(event, "DTEND"),
                    day.tomorrow().unwrap().strftime("%Y%m%d").to_string()
                );
                continue;
            }
            let start = utc(&prop(event, "DTSTART"));
            let end = utc(&prop(event, "DTEND"));
            assert_eq!(
                end.duration_since(start),
                SignedDuration::from_mins(i64::from(session.minutes.max(1)))
            );
            // In the athlete's zone: the session's date, at the slot's time plus what came before it in the slot.
            let local = start.to_zoned(tz.clone());
            assert_eq!(local.date(), *day);
            let before = slot_minutes.entry((*day, session.slot)).or_default();
            let slot_start = match session.slot {
                Slot::Morning => Time::constant(7, 0, 0, 0),
                Slot::Evening => Time::constant(18, 0, 0, 0),
            };
            let expected_start = day
                .to_datetime(slot_start)
                .to_zoned(tz.clone())
                .unwrap()
                .timestamp()
                .checked_add(SignedDuration::from_mins(*before))
                .unwrap();
            assert_eq!(start, expected_start, "{session:?}");
            *before += i64::from(session.minutes.max(1));
        }
    }

    #[test]
    fn the_week_round_trips_through_an_independent_parser() {
        let plan = plan_week(&request());
        let tz = berlin();
        let athlete = Athlete::example();
        let describe = |s: &PlannedSession| ics::prescription(&athlete, s);
        let text = ics::to_ics(&plan, &tz, stamp(), describe);
        round_trip(&plan, &tz, &text, &describe);
        // Deterministic, including UIDs.
        assert_eq!(text, ics::to_ics(&plan, &tz, stamp(), describe));
        // The race's awkward name is escaped on the wire.
        assert!(text.contains("\\;") && text.contains("\\,") && text.contains("\\\\"));
    }

    #[test]
    fn local_times_follow_daylight_saving_time() {
        let plan = plan_week(&request());
        let text = ics::to_ics(&plan, &berlin(), stamp(), |_| String::new());
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).unwrap();
        for (event, (day, session)) in cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .zip(
                plan.days
                    .iter()
                    .flat_map(|d| d.sessions.iter().map(move |s| (d.date, s))),
            )
        {
            if session.kind == SessionKind::Rest {
                continue;
            }
            let start = prop(event, "DTSTART");
            let first = plan
                .days
                .iter()
                .find(|d| d.date == day)
                .and_then(|d| d.sessions.iter().find(|s| s.slot == session.slot))
                .is_some_and(|s| std::ptr::eq(s, session));
            if !first {
                continue;
            }
            // 07:00 local is 06:00Z in winter (CET) and 05:00Z from 29 March (CEST).
            let hour = if session.slot == Slot::Morning { 7 } else { 18 };
            let offset = if day >= date(2026, 3, 29) { 2 } else { 1 };
            assert!(
                start.ends_with(&format!("T{:02}0000Z", hour - offset)),
                "{day} {start}"
            );
        }
    }

    #[test]
    fn utc_athletes_and_empty_prescriptions() {
        let plan = plan_week(&request());
        let text = ics::to_ics(&plan, &TimeZone::UTC, stamp(), |_| String::new());
        round_trip(&plan, &TimeZone::UTC, &text, &|_| String::new());
    }

    #[test]
    fn the_prescription_names_minutes_and_heart_rates() {
        let plan = plan_week(&request());
        let athlete = Athlete::example();
        for s in plan.days.iter().flat_map(|d| &d.sessions) {
            let p = ics::prescription(&athlete, s);
            assert!(
                p.contains(&format!("{} min", s.minutes)) || s.kind == SessionKind::Rest,
                "{p}"
            );
            if s.kind.is_run() {
                assert!(p.contains("bpm"), "{p}");
            }
        }
    }

    proptest! {
        /// Any text — control characters, separators, multi-byte characters — survives escaping and folding.
        #[test]
        fn any_text_round_trips(why in "\\PC{0,300}|[\\\\;,\\n\\r\\t a-zé🏃]{0,200}", minutes in 0u32..700) {
            static PLAN: std::sync::OnceLock<WeekPlan> = std::sync::OnceLock::new();
            let mut plan = PLAN.get_or_init(|| plan_week(&request())).clone();
            let session = &mut plan.days[0].sessions[0];
            session.why = why.clone();
            session.minutes = minutes;
            let text = ics::to_ics(&plan, &berlin(), stamp(), |_| String::new());
            for line in text.split("\r\n") {
                prop_assert!(line.len() <= 75);
            }
            let unfolded = unfold(&text);
            let cal = read_calendar(&unfolded).map_err(TestCaseError::fail)?;
            let first = cal.components.iter().find(|c| c.name.as_str() == "VEVENT").unwrap();
            // Control characters other than tab are dropped; line breaks become \n.
            // The reason is followed by a blank line and the disclaimer (a trailing `\r` of the reason and
            // the first of those line breaks are one CRLF).
            let expected: String = format!("{why}\n\n{}", afterlift_core::advice::DISCLAIMER)
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .chars()
                .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                .collect();
            prop_assert_eq!(prop(first, "DESCRIPTION"), expected);
        }
    }
}

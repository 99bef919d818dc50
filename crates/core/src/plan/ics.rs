//! iCalendar (RFC 5545) export of a week plan: one VEVENT per session, its description carrying the
//! prescription (minutes, heart-rate range, effort), the reason it is where it is and the disclaimer
//! ([`crate::advice::DISCLAIMER`]).
//!
//! Choices, all plain RFC 5545 so that any importer reads them (written for the import dialogs of
//! Thunderbird and GNOME Calendar, and Google Calendar's "Import", which all take UTC date-times):
//! - times are UTC date-times (`DTSTART:20260302T060000Z`): the slot's default local time
//!   ([`super::slot_start`]: morning 07:00, evening 18:00) in the athlete's time zone, converted to UTC, so
//!   no VTIMEZONE block is needed and daylight-saving changes inside the week come out right. Sessions
//!   sharing a slot follow each other; a local time that does not exist (a spring-forward gap) is moved
//!   forward as jiff's "compatible" disambiguation does;
//! - rest days are all-day events (`DTSTART;VALUE=DATE`), transparent so they do not block time;
//! - `UID` is deterministic — a 64-bit FNV-1a hash of date, slot, kind and the session's place among the
//!   same kind in that slot, `@afterlift` — so importing a re-exported plan updates events instead of
//!   duplicating them; `DTSTAMP` is passed in (core has no clock);
//! - lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT values escape
//!   `\`, `;`, `,` and newlines, and drop other control characters.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span};

use crate::advice::band;
use crate::athlete::Athlete;
use crate::contract::{Intensity, PlannedSession, SessionKind, SessionStatus, WeekPlan};
use crate::science::heart::{self, HrMaxFormula};
use crate::workout;

/// The calendar's product identifier.
pub const PRODID: &str = "-//afterlift//afterlift week plan//EN";
/// Longest content line, octets, excluding CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// The plan as an RFC 5545 calendar. `prescription` gives the first part of each event's description
/// (e.g. [`prescription`] with the athlete); the session's reason follows it.
pub fn to_ics(
    plan: &WeekPlan,
    tz: &TimeZone,
    dtstamp: Timestamp,
    prescription: impl Fn(&PlannedSession) -> String,
) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, l);
    }
    let stamp = utc(dtstamp);
    for day in &plan.days {
        let mut offset_min: [i64; 2] = [0, 0];
        let mut seen: Vec<(usize, SessionKind)> = Vec::new();
        for session in &day.sessions {
            let slot = session.slot as usize;
            let ordinal = seen
                .iter()
                .filter(|(s, k)| *s == slot && *k == session.kind)
                .count();
            seen.push((slot, session.kind));
            push_line(&mut out, "BEGIN:VEVENT");
            push_line(
                &mut out,
                &format!("UID:{}", uid(day.date, session, ordinal)),
            );
            push_line(&mut out, &format!("DTSTAMP:{stamp}"));
            if session.kind == SessionKind::Rest {
                let next = day
                    .date
                    .checked_add(Span::new().days(1))
                    .unwrap_or(day.date);
                push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ymd(day.date)));
                if next > day.date {
                    push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ymd(next)));
                }
                push_line(&mut out, "TRANSP:TRANSPARENT");
            } else {
                let offset = offset_min.get(slot).copied().unwrap_or(0);
                let start = start_time(day.date, session, offset, tz);
                let minutes = i64::from(session.minutes.max(1));
                if let Some(o) = offset_min.get_mut(slot) {
                    *o += minutes;
                }
                let end = start
                    .checked_add(SignedDuration::from_mins(minutes))
                    .unwrap_or(start);
                push_line(&mut out, &format!("DTSTART:{}", utc(start)));
                push_line(&mut out, &format!("DTEND:{}", utc(end)));
            }
            push_line(
                &mut out,
                &format!("SUMMARY:{}", escape_text(&summary(session))),
            );
            let mut description = prescription(session);
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&session.why);
            // Educational, not medical: every event says so, as every answer does.
            description.push_str("\n\n");
            description.push_str(crate::advice::DISCLAIMER);
            push_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&description)),
            );
            push_line(&mut out, "END:VEVENT");
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// A prescription for the description: minutes, the athlete's heart-rate range for the intensity (the
/// advisor's bands: Karvonen when resting heart rate is known, else %HRmax) and the CR-10 effort; for
/// tempo and intervals, the session's structure (warm-up, repetitions with paces and heart rates,
/// cool-down).
pub fn prescription(athlete: &Athlete, session: &PlannedSession) -> String {
    let minutes = session.minutes;
    match session.kind {
        SessionKind::Rest => "Rest: eat, drink and sleep well.".into(),
        SessionKind::Mobility => format!(
            "{minutes} min of foam rolling, dynamic stretching or light mobility; very easy."
        ),
        SessionKind::Lift => format!("{minutes} min strength training."),
        SessionKind::Tempo | SessionKind::Intervals if session.structure.is_some() => {
            let max = heart::hr_max(athlete, HrMaxFormula::default());
            let s = session
                .structure
                .as_ref()
                .map(|s| workout::with_heart_rates(s, max, athlete.resting_hr_bpm));
            let Some(s) = s else { return String::new() };
            let work = s.blocks.first().map(|b| b.work);
            let hr = work
                .and_then(|w| w.heart_rate_bpm)
                .map_or(String::new(), |h| {
                    format!(" Work at heart rate {}–{} bpm", h.min, h.max)
                });
            let rpe = work.map_or(String::new(), |w| {
                format!(", effort {}–{} of 10", w.rpe.min, w.rpe.max)
            });
            format!(
                "{minutes} min {}: {}.{hr}{rpe}; warm-up, recoveries and cool-down conversational.",
                session.kind.as_str(),
                workout::describe(&s)
            )
        }
        _ => {
            let b = band(session.intensity);
            let max = heart::hr_max(athlete, HrMaxFormula::default());
            let (lo, hi) = heart::heart_rate_range(max, athlete.resting_hr_bpm, b);
            let what = match session.kind {
                SessionKind::Cross => "non-impact cardio",
                SessionKind::Event => "competition",
                _ => "running",
            };
            let effort = match session.intensity {
                Intensity::High if session.kind == SessionKind::Intervals => {
                    " in the efforts, easy in between"
                }
                _ => "",
            };
            format!(
                "{minutes} min {what}, {}{effort}: heart rate {:.0}–{:.0} bpm, effort {}–{} of 10.",
                b.name, lo, hi, b.rpe_cr10.0, b.rpe_cr10.1
            )
        }
    }
}

fn summary(session: &PlannedSession) -> String {
    let m = session.minutes;
    let mut s = match session.kind {
        SessionKind::Lift => {
            let load = session.load.map_or("", |l| match l {
                crate::contract::LoadLevel::Heavy => "heavy ",
                crate::contract::LoadLevel::Moderate => "moderate ",
                crate::contract::LoadLevel::Light => "light ",
            });
            let focus = session.focus.map_or("", |f| match f {
                crate::contract::Focus::Upper => "upper body ",
                crate::contract::Focus::Lower => "lower body ",
                crate::contract::Focus::Full => "full body ",
            });
            format!("Lift: {load}{focus}({m} min)")
        }
        SessionKind::Easy => format!("Easy run ({m} min)"),
        SessionKind::Long => format!("Long run ({m} min)"),
        SessionKind::Tempo => format!("Tempo run ({m} min)"),
        SessionKind::Intervals => format!("Intervals ({m} min)"),
        SessionKind::Cross => format!("Non-impact cardio ({m} min)"),
        SessionKind::Mobility => format!("Mobility ({m} min)"),
        SessionKind::Rest => "Rest day".into(),
        SessionKind::Event => {
            let kind = session.event.map_or("Event", |e| match e {
                crate::contract::EventKind::Race => "Race",
                crate::contract::EventKind::Match => "Match",
            });
            match &session.name {
                Some(n) => format!("{kind}: {n}"),
                None => kind.into(),
            }
        }
    };
    if session.status == SessionStatus::Done {
        s.push_str(" - done");
    }
    s
}

fn start_time(date: Date, session: &PlannedSession, offset_min: i64, tz: &TimeZone) -> Timestamp {
    let local = date.to_datetime(super::slot_start(session.slot));
    let base = tz
        .to_ambiguous_timestamp(local)
        .compatible()
        .or_else(|_| TimeZone::UTC.to_timestamp(local))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    base.checked_add(SignedDuration::from_mins(offset_min))
        .unwrap_or(base)
}

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn ymd(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// Deterministic and unique within a plan: FNV-1a (64-bit) of date, slot, kind and ordinal.
fn uid(date: Date, session: &PlannedSession, ordinal: usize) -> String {
    let key = format!(
        "{date}|{}|{}|{ordinal}",
        session.slot.as_str(),
        session.kind.as_str()
    );
    format!("{:016x}@afterlift", fnv1a64(key.as_bytes()))
}

/// FNV-1a, 64-bit (Fowler, Noll, Vo): offset basis 0xcbf29ce484222325, prime 0x100000001b3.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// RFC 5545 §3.3.11 TEXT escaping: `\` → `\\`, `;` → `\;`, `,` → `\,`, a line break (LF, CRLF or CR)
/// → `\n`; other control characters (which TEXT may not hold) are dropped, tabs kept.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded (RFC 5545 §3.1): at most [`MAX_LINE_OCTETS`] octets per physical line,
/// continuation lines starting with one space, never splitting a UTF-8 character; each ends in CRLF.
pub fn push_line(out: &mut String, line: &str) {
    let mut budget = MAX_LINE_OCTETS;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > budget {
            out.push_str("\r\n ");
            budget = MAX_LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// [`push_line`] into a new string.
pub fn fold_line(line: &str) -> String {
    let mut out = String::new();
    push_line(&mut out, line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold_line(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= MAX_LINE_OCTETS, "{physical:?}");
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), line);
        let mut s = String::new();
        let _ = write!(s, "{}", fnv1a64(b""));
        assert_eq!(s, "14695981039346656037");
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\u{7}"),
            "a\\\\b\\;c\\,d\\ne\\nf"
        );
    }
}

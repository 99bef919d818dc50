//! An import's sessions as a person reads them: `run · 2021-07-18 · 42.1 km`,
//! `lift · 2021-07-19 · Legs day · 18 sets` — the report's human text, with the ids beside it for
//! `--json` users.

use std::collections::HashMap;

use afterlift_core::contract::SessionLine;
use afterlift_core::session::{Activity, Sport, StrengthSession};
use afterlift_store::rows::ActivityRow;
use afterlift_store::{BatchItem, EntryId, ImportBatch, ImportOutcome, Store};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `run · 2021-07-18 · Morning Run · 42.1 km`: sport, local date, the name when the file has one,
/// and the distance (else the duration).
pub(crate) fn activity_summary(a: &Activity, title: Option<&str>, zone: &TimeZone) -> String {
    summary(
        a.sport,
        a.started_at,
        a.distance_m,
        a.elapsed_s,
        title,
        zone,
    )
}

fn summary(
    sport: Sport,
    started_at: Timestamp,
    distance_m: Option<f64>,
    elapsed_s: f64,
    title: Option<&str>,
    zone: &TimeZone,
) -> String {
    let mut parts = vec![
        sport.as_str().to_owned(),
        started_at.to_zoned(zone.clone()).date().to_string(),
    ];
    if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
        parts.push(title.to_owned());
    }
    match distance_m {
        Some(m) if m >= 50.0 => parts.push(format!("{:.1} km", m / 1000.0)),
        _ => parts.push(minutes(elapsed_s)),
    }
    parts.join(" · ")
}

/// `lift · 2021-07-19 · Legs day · 18 sets`.
pub(crate) fn lift_summary(l: &StrengthSession, zone: &TimeZone) -> String {
    let mut parts = vec![
        "lift".to_owned(),
        l.started_at.to_zoned(zone.clone()).date().to_string(),
    ];
    if let Some(title) = l.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        parts.push(title.to_owned());
    }
    let sets: usize = l.exercises.iter().map(|e| e.sets.len()).sum();
    parts.push(match sets {
        1 => "1 set".to_owned(),
        n => format!("{n} sets"),
    });
    parts.join(" · ")
}

/// "45 min", "1 h 05 min".
fn minutes(seconds: f64) -> String {
    let total = (seconds.max(0.0) / 60.0).round() as u64;
    match (total / 60, total % 60) {
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// The lines of a batch just imported, in batch order (activities, then lifts): each item with the
/// entry it became or was already in the log as.
pub(crate) fn batch_lines(
    file: &str,
    batch: &ImportBatch,
    titles: &[Option<String>],
    outcome: &ImportOutcome,
    zone: &TimeZone,
) -> Option<Vec<SessionLine>> {
    let ImportOutcome::Imported {
        created,
        duplicates,
    } = outcome
    else {
        return None;
    };
    let mut created = created.iter();
    let mut entry = |item: BatchItem| -> Option<(EntryId, bool)> {
        match duplicates.iter().find(|d| d.item == item) {
            Some(d) => Some((d.existing, true)),
            None => created.next().map(|id| (*id, false)),
        }
    };
    let mut lines = Vec::with_capacity(batch.activities.len() + batch.lifts.len());
    for (i, a) in batch.activities.iter().enumerate() {
        let (id, existing) = entry(BatchItem::Activity(i))?;
        let title = titles.get(i).and_then(Option::as_deref);
        lines.push(line(file, id, activity_summary(a, title, zone), existing));
    }
    for (i, l) in batch.lifts.iter().enumerate() {
        let (id, existing) = entry(BatchItem::Lift(i))?;
        lines.push(line(file, id, lift_summary(l, zone), existing));
    }
    Some(lines)
}

/// The lines of entries already in the log (a file imported before), read back from the log: the
/// activities from one listing (no samples), the lifts one by one. An entry that cannot be read is
/// named by its id.
pub(crate) async fn stored_lines(
    store: &Store,
    file: &str,
    ids: &[EntryId],
    zone: &TimeZone,
) -> Vec<SessionLine> {
    let activity_ids: Vec<i64> = ids
        .iter()
        .filter_map(|id| match id {
            EntryId::Activity(n) => Some(*n),
            EntryId::Lift(_) => None,
        })
        .collect();
    let rows: HashMap<EntryId, ActivityRow> = if activity_ids.is_empty() {
        HashMap::new()
    } else {
        store
            .activity_rows(&activity_ids)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|row| (row.id, row))
            .collect()
    };
    let mut lines = Vec::with_capacity(ids.len());
    for &id in ids {
        let text = match id {
            EntryId::Activity(_) => rows
                .get(&id)
                .map(|r| summary(r.sport, r.started_at, r.distance_m, r.elapsed_s, None, zone)),
            EntryId::Lift(n) => store
                .lift(n)
                .await
                .ok()
                .map(|l| lift_summary(&l.session, zone)),
        };
        lines.push(line(file, id, text.unwrap_or_else(|| id.to_string()), true));
    }
    lines
}

fn line(file: &str, id: EntryId, summary: String, existing: bool) -> SessionLine {
    SessionLine {
        file: file.to_owned(),
        id: id.to_string(),
        summary,
        existing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::session::{ExerciseLog, SetKind, SetLog};

    #[test]
    fn summaries_read_like_a_log() {
        let zone = TimeZone::get("Europe/Berlin").unwrap();
        let mut run =
            afterlift_store::testdata::one_hour_run("2021-07-17T22:30:00Z".parse().unwrap());
        run.distance_m = Some(42_123.0);
        assert_eq!(
            activity_summary(&run, None, &zone),
            "run · 2021-07-18 · 42.1 km"
        );
        run.sport = Sport::Cycle;
        assert_eq!(
            activity_summary(&run, Some("Morning Ride"), &TimeZone::UTC),
            "cycle · 2021-07-17 · Morning Ride · 42.1 km"
        );
        run.distance_m = None;
        run.elapsed_s = 3900.0;
        assert_eq!(
            activity_summary(&run, None, &zone),
            "cycle · 2021-07-18 · 1 h 05 min"
        );

        let set = SetLog {
            reps: Some(5),
            weight_kg: Some(100.0),
            rpe: None,
            kind: SetKind::Normal,
            duration_s: None,
            distance_m: None,
        };
        let legs = StrengthSession {
            started_at: "2021-07-19T17:00:00Z".parse().unwrap(),
            duration_s: Some(3600.0),
            title: Some("Legs day".into()),
            rpe: None,
            source: "strong".into(),
            exercises: vec![
                ExerciseLog {
                    name: "Squat".into(),
                    sets: vec![set; 10],
                },
                ExerciseLog {
                    name: "Lunge".into(),
                    sets: vec![set; 8],
                },
            ],
        };
        assert_eq!(
            lift_summary(&legs, &zone),
            "lift · 2021-07-19 · Legs day · 18 sets"
        );
    }
}

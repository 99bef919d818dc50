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

/// What a line says of one session, before it is written.
struct Facts<'a> {
    kind: &'static str,
    started_at: Timestamp,
    title: Option<&'a str>,
    distance_m: Option<f64>,
    duration_s: Option<f64>,
    sets: Option<u32>,
}

impl<'a> Facts<'a> {
    fn activity(a: &Activity, title: Option<&'a str>) -> Facts<'a> {
        Facts::cardio(a.sport, a.started_at, a.distance_m, a.elapsed_s, title)
    }

    fn cardio(
        sport: Sport,
        started_at: Timestamp,
        distance_m: Option<f64>,
        elapsed_s: f64,
        title: Option<&'a str>,
    ) -> Facts<'a> {
        Facts {
            kind: sport.as_str(),
            started_at,
            title: title.map(str::trim).filter(|t| !t.is_empty()),
            distance_m,
            duration_s: Some(elapsed_s),
            sets: None,
        }
    }

    fn lift(l: &'a StrengthSession) -> Facts<'a> {
        let sets: usize = l.exercises.iter().map(|e| e.sets.len()).sum();
        Facts {
            kind: "lift",
            started_at: l.started_at,
            title: l.title.as_deref().map(str::trim).filter(|t| !t.is_empty()),
            distance_m: None,
            duration_s: l.duration_s,
            sets: Some(u32::try_from(sets).unwrap_or(u32::MAX)),
        }
    }

    /// `run · 2021-07-18 · Morning Run · 42.1 km` (the distance, else the duration);
    /// `lift · 2021-07-19 · Legs day · 18 sets`.
    fn summary(&self, zone: &TimeZone) -> String {
        let mut parts = vec![
            self.kind.to_owned(),
            self.started_at.to_zoned(zone.clone()).date().to_string(),
        ];
        if let Some(title) = self.title {
            parts.push(title.to_owned());
        }
        match (self.sets, self.distance_m) {
            (Some(1), _) => parts.push("1 set".to_owned()),
            (Some(n), _) => parts.push(format!("{n} sets")),
            (None, Some(m)) if m >= 50.0 => parts.push(format!("{:.1} km", m / 1000.0)),
            (None, _) => parts.push(minutes(self.duration_s.unwrap_or(0.0))),
        }
        parts.join(" · ")
    }
}

/// `run · 2021-07-18 · Morning Run · 42.1 km`: sport, local date, the name when the file has one,
/// and the distance (else the duration).
#[cfg(test)]
fn activity_summary(a: &Activity, title: Option<&str>, zone: &TimeZone) -> String {
    Facts::activity(a, title).summary(zone)
}

/// `lift · 2021-07-19 · Legs day · 18 sets`.
#[cfg(test)]
fn lift_summary(l: &StrengthSession, zone: &TimeZone) -> String {
    Facts::lift(l).summary(zone)
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
        lines.push(line(
            file,
            id,
            Some(Facts::activity(a, title)),
            existing,
            zone,
        ));
    }
    for (i, l) in batch.lifts.iter().enumerate() {
        let (id, existing) = entry(BatchItem::Lift(i))?;
        lines.push(line(file, id, Some(Facts::lift(l)), existing, zone));
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
        let line = match id {
            EntryId::Activity(_) => {
                let facts = rows
                    .get(&id)
                    .map(|r| Facts::cardio(r.sport, r.started_at, r.distance_m, r.elapsed_s, None));
                line(file, id, facts, true, zone)
            }
            EntryId::Lift(n) => {
                let lift = store.lift(n).await.ok();
                line(
                    file,
                    id,
                    lift.as_ref().map(|l| Facts::lift(&l.session)),
                    true,
                    zone,
                )
            }
        };
        lines.push(line);
    }
    lines
}

/// A session's line; an entry that could not be read is named by its id.
fn line(
    file: &str,
    id: EntryId,
    facts: Option<Facts<'_>>,
    existing: bool,
    zone: &TimeZone,
) -> SessionLine {
    let Some(f) = facts else {
        return SessionLine {
            file: file.to_owned(),
            id: id.to_string(),
            summary: id.to_string(),
            existing,
            kind: None,
            started_at: None,
            title: None,
            distance_m: None,
            duration_s: None,
            sets: None,
        };
    };
    SessionLine {
        file: file.to_owned(),
        id: id.to_string(),
        summary: f.summary(zone),
        existing,
        kind: Some(f.kind.to_owned()),
        started_at: Some(f.started_at.to_zoned(zone.clone())),
        title: f.title.map(str::to_owned),
        distance_m: f.distance_m,
        duration_s: f.duration_s,
        sets: f.sets,
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

        // The facts beside the words, for readers who write them in their own language.
        let l = line(
            "legs.csv",
            EntryId::Lift(3),
            Some(Facts::lift(&legs)),
            false,
            &zone,
        );
        assert_eq!(
            serde_json::to_value(&l).unwrap(),
            serde_json::json!({
                "file": "legs.csv", "id": "l3", "summary": "lift · 2021-07-19 · Legs day · 18 sets",
                "existing": false, "kind": "lift", "started_at": "2021-07-19T19:00:00+02:00",
                "title": "Legs day", "duration_s": 3600.0, "sets": 18
            })
        );
        let gone = line("x.fit", EntryId::Activity(9), None, true, &zone);
        assert_eq!(
            serde_json::to_value(&gone).unwrap(),
            serde_json::json!({"file": "x.fit", "id": "a9", "summary": "a9", "existing": true})
        );
    }
}

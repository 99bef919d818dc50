//! The training log's contract: the import report, and the browse shapes of activities and lifts.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::session::Sport;

/// `afterlift import --json` and the upload endpoint: what happened to each file, and the sessions
/// it brought. The CLI, the API and the dashboard show the same report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImportReport {
    /// One per file, and one per entry of an archive.
    pub files: Vec<FileReport>,
    /// Files (and archive entries) by result.
    pub imported: u32,
    pub duplicates: u32,
    pub skipped: u32,
    pub errors: u32,
    /// The sessions of the imported files, file by file, as a person reads them.
    #[serde(default)]
    pub sessions: Vec<SessionLine>,
    /// Sessions the import added to the log.
    #[serde(default)]
    pub sessions_new: u32,
    /// Sessions that were already in the log (a file seen before, or the same session from another source).
    #[serde(default)]
    pub sessions_existing: u32,
    /// Files that are not workout files (README, LICENSE, photos, an export's other CSVs): passed over,
    /// neither in `files` nor errors.
    #[serde(default)]
    pub other_files: Vec<String>,
    /// The exercise names of the imported strength sessions the catalogue cannot read, even with the
    /// athlete's aliases, most sets first: their sets count for no muscle in the advice. Fix one for the
    /// whole log with `afterlift exercises alias NAME EXERCISE`. Absent when every name was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_exercises: Vec<super::UnknownExercise>,
}

impl ImportReport {
    /// Adds a file's report and counts it.
    pub fn push(&mut self, file: FileReport) {
        match file.status {
            FileStatus::Imported | FileStatus::Partial => self.imported += 1,
            FileStatus::Duplicate => self.duplicates += 1,
            FileStatus::Skipped => self.skipped += 1,
            FileStatus::Error => self.errors += 1,
        }
        self.files.push(file);
    }

    /// Adds a session of a file and counts it.
    pub fn push_session(&mut self, session: SessionLine) {
        if session.existing {
            self.sessions_existing += 1;
        } else {
            self.sessions_new += 1;
        }
        self.sessions.push(session);
    }

    /// Adds another report (of more files) to this one.
    pub fn extend(&mut self, other: ImportReport) {
        // Destructured so that a new field cannot be forgotten here.
        let ImportReport {
            files,
            imported: _,
            duplicates: _,
            skipped: _,
            errors: _,
            sessions,
            sessions_new: _,
            sessions_existing: _,
            other_files,
            unknown_exercises,
        } = other;
        for f in files {
            self.push(f);
        }
        for s in sessions {
            self.push_session(s);
        }
        self.other_files.extend(other_files);
        self.merge_unknown_exercises(unknown_exercises);
    }

    /// Adds exercise names the catalogue cannot read: a name already listed adds its sets; the list stays
    /// most sets first, then by name.
    pub fn merge_unknown_exercises(&mut self, more: Vec<super::UnknownExercise>) {
        for u in more {
            match self.unknown_exercises.iter_mut().find(|k| k.name == u.name) {
                Some(known) => {
                    known.sets = match (known.sets, u.sets) {
                        (Some(a), Some(b)) => Some(a + b),
                        (a, b) => a.or(b),
                    };
                }
                None => self.unknown_exercises.push(u),
            }
        }
        self.unknown_exercises
            .sort_by(|a, b| b.sets.cmp(&a.sets).then_with(|| a.name.cmp(&b.name)));
    }
}

/// One session of an imported file, as a person reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionLine {
    /// The file it came from: the `path` of its [`FileReport`].
    pub file: String,
    /// The log entry (`a12`, `l3`).
    pub id: String,
    /// `run · 2021-07-18 · 42.1 km`, `lift · 2021-07-19 · Legs day · 18 sets` (the date in the athlete's zone).
    pub summary: String,
    /// It was in the log before this import (the file was seen before, or the same session came from another source).
    pub existing: bool,
    /// The same facts for a reader to format in their own language (absent for an entry that could no
    /// longer be read): what it was, a sport (`run`, `cycle`, …) or `lift`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Its start, RFC 3339 with the athlete's local offset.
    #[serde(
        default,
        with = "crate::time::rfc3339_local_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub started_at: Option<jiff::Zoned>,
    /// The name the file or app gave it ("Morning Run", "Legs day").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
    /// How long it took: an activity's elapsed time, a lift's duration when the app kept one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
    /// A lift's sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FileReport {
    /// The file as given; an archive entry as `archive.zip!path/in/archive.fit`.
    pub path: String,
    pub status: FileStatus,
    /// Ids of the log entries this file gave (`a12` activities, `l3` lifts), new and already present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activities: Option<Vec<String>>,
    /// Why it failed or was skipped, what it duplicated, or the reader's warnings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Imported,
    /// Imported up to where the file is damaged (the message says where, and what was kept); counted
    /// as imported. Importing a whole copy of the file later replaces what was kept.
    Partial,
    Duplicate,
    Skipped,
    Error,
}

/// One cardio activity in a listing (`afterlift activities --json`, `GET /api/v1/activities`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivitySummary {
    pub id: String,
    pub sport: Sport,
    /// RFC 3339 with the athlete's local offset (`2026-11-20T07:00:00+01:00`).
    #[serde(with = "crate::time::rfc3339_local")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub started_at: jiff::Zoned,
    pub timer_s: f64,
    pub elapsed_s: f64,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub source: String,
}

/// One strength session in a listing (`afterlift lifts --json`, `GET /api/v1/lifts`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiftSummary {
    pub id: String,
    /// RFC 3339 with the athlete's local offset.
    #[serde(with = "crate::time::rfc3339_local")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub started_at: jiff::Zoned,
    pub minutes: Option<f64>,
    pub exercises: Vec<LiftExercise>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiftExercise {
    pub name: String,
    pub sets: Vec<LiftSet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiftSet {
    pub reps: Option<u32>,
    /// As stored (a weight logged in pounds keeps its exact conversion); round it to 0.1 kg for people
    /// (`notation::kg_text`).
    pub kg: Option<f64>,
    pub rpe: Option<f64>,
    /// A timed set's seconds (a plank, a treadmill run).
    #[serde(default)]
    pub duration_s: Option<f64>,
    /// A distance set's metres (a farmer's walk, a row).
    #[serde(default)]
    pub distance_m: Option<f64>,
}

/// The stored profile: the athlete as the advice request names them — with their time zone, day window
/// (`wake_time`, `sleep_time`) and race result in `athlete`, exactly what the advisor is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileDoc {
    pub athlete: super::AthleteInput,
    /// Deprecated: the time zone's earlier place, still read (profiles and exports written before it moved
    /// to `athlete.time_zone`), never written. Given together with `athlete.time_zone`, the two must agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

//! `afterlift migrate`: a personal log copied into one athlete's log of a shared (PostgreSQL) database,
//! losslessly, and verified.
//!
//! Everything the log owns is read in one snapshot (`Store::export_all`: the profile, check-ins, aliases,
//! activities with their samples, laps and partial marks, lifts with exercises and sets, the import ledger with
//! its links — so the same files are still duplicates —, the advice log, the personal experiments) and
//! written by `Store::copy_in` in one transaction of the target, ids kept. Inside that transaction the target is read
//! back and compared with the source — counts per kind and the SHA-256 of the canonical JSON of each
//! side ([`Summary`]); it commits only if they are equal, so a copy that differs leaves the target as it
//! was (an athlete user added for it is removed again).
//!
//! Into whose log: the athlete user `athlete` names (added, as an athlete, if there is none; an existing
//! athlete's log must be empty), or, without a name, athlete 1 of a database with no users. A second
//! run finds the log already there (the same checksum) and writes nothing.

use std::collections::BTreeMap;
use std::sync::Mutex;

use afterlift_store::accounts::Role;
use afterlift_store::{AthleteId, CopyWatch, Export, Store, StoreError, ledger_word};
use jiff::Timestamp;
use serde::Serialize;

use crate::AppError;

/// What a log holds, for comparing two copies of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// How many of each kind: profile, activities, samples, laps, lifts, exercises, sets, check_ins,
    /// aliases, ledger_rows, ledger_links, advice, experiments.
    pub counts: BTreeMap<&'static str, u64>,
    /// SHA-256 (hex) of the canonical JSON of everything: the export document (its time left out), the
    /// ledger and the activities' partial marks.
    pub sha256: String,
}

/// The kinds [`Summary::counts`] holds, in the order people read them.
pub const KINDS: [&str; 13] = [
    "profile",
    "activities",
    "samples",
    "laps",
    "lifts",
    "exercises",
    "sets",
    "check_ins",
    "aliases",
    "ledger_rows",
    "ledger_links",
    "advice",
    "experiments",
];

/// Whether a log holds nothing at all.
pub fn is_empty(log: &Export) -> bool {
    log.profile.is_none()
        && log.activities.is_empty()
        && log.lifts.is_empty()
        && log.wellness.is_empty()
        && log.aliases.is_empty()
        && log.advice.is_empty()
        && log.ledger.is_empty()
        && log.experiments.is_empty()
}

/// The counts and checksum of a log.
pub fn summary(log: &Export) -> Result<Summary, AppError> {
    let n = |v: usize| v as u64;
    let exercises = log.lifts.iter().map(|l| l.session.exercises.len()).sum();
    let sets = log
        .lifts
        .iter()
        .flat_map(|l| &l.session.exercises)
        .map(|e| e.sets.len())
        .sum();
    let counts = BTreeMap::from([
        ("profile", u64::from(log.profile.is_some())),
        ("activities", n(log.activities.len())),
        (
            "samples",
            n(log
                .activities
                .iter()
                .map(|a| a.activity.samples.len())
                .sum()),
        ),
        (
            "laps",
            n(log.activities.iter().map(|a| a.activity.laps.len()).sum()),
        ),
        ("lifts", n(log.lifts.len())),
        ("exercises", n(exercises)),
        ("sets", n(sets)),
        ("check_ins", n(log.wellness.len())),
        ("aliases", n(log.aliases.len())),
        ("ledger_rows", n(log.ledger.len())),
        (
            "ledger_links",
            n(log.ledger.iter().map(|e| e.ids.len()).sum()),
        ),
        ("advice", n(log.advice.len())),
        ("experiments", n(log.experiments.len())),
    ]);
    // The export document at a fixed time: the same log gives the same bytes.
    let doc = crate::export::doc(log, Timestamp::UNIX_EPOCH)?;
    let ledger: Vec<serde_json::Value> = log
        .ledger
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id,
                "content_hash": e.content_hash,
                "path": e.path,
                "format": e.format,
                "status": ledger_word(e.status),
                "message": e.message,
                "partial": e.partial,
                "imported_at": e.imported_at.as_millisecond(),
                "ids": e.ids.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "created": e.created,
            })
        })
        .collect();
    let partial: Vec<i64> = log
        .activities
        .iter()
        .filter(|a| a.partial)
        .map(|a| a.id)
        .collect();
    let zones: Vec<serde_json::Value> = log
        .activities
        .iter()
        .map(|a| serde_json::json!([a.id, a.hr_zones.map(|z| (z.max_hr_bpm, z.seconds.to_vec()))]))
        .collect();
    // The experiments as the log keeps them: their protocol text byte for byte.
    let experiments: Vec<serde_json::Value> = log
        .experiments
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id,
                "created_at": e.created_at.as_millisecond(),
                "comparison": e.comparison,
                "seed": e.seed,
                "protocol_json": e.protocol_json,
                "starts_on": e.starts_on.to_string(),
                "ends_on": e.ends_on.to_string(),
                "stopped_on": e.stopped_on.map(|d| d.to_string()),
            })
        })
        .collect();
    let canonical = serde_json::to_vec(&serde_json::json!({
        "export": doc,
        "ledger": ledger,
        "partial_activities": partial,
        "hr_zones": zones,
        "experiments": experiments,
    }))
    .map_err(AppError::Encode)?;
    Ok(Summary {
        counts,
        sha256: afterlift_store::content_hash(&canonical),
    })
}

/// What a migration did.
#[derive(Debug, Clone, Serialize)]
pub struct MigrateReport {
    /// `copied`; `already_there` (the target athlete's log was already this log: nothing written);
    /// `differs` (what the target read back was not the source: rolled back, nothing written).
    pub status: MigrateStatus,
    /// Where from and where to (without passwords).
    pub source: String,
    pub target: String,
    /// The target athlete: their user name (none for athlete 1 of a database without users), number,
    /// and whether the user was added for this copy.
    pub athlete: TargetAthlete,
    /// Per kind, the source's count and the target's.
    pub counts: Vec<KindCount>,
    pub source_sha256: String,
    pub target_sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrateStatus {
    Copied,
    AlreadyThere,
    Differs,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetAthlete {
    pub name: Option<String>,
    pub id: i64,
    pub created: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    pub kind: &'static str,
    pub source: u64,
    pub target: u64,
}

impl MigrateReport {
    /// Whether the target now holds the source's log.
    pub fn ok(&self) -> bool {
        self.status != MigrateStatus::Differs
    }
}

/// The steps a caller may show: the log read (with the number of items to write), then each item
/// written.
pub trait Progress: Sync {
    fn start(&self, items: u64);
    fn advance(&self, items: u64);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// A refusal about the target athlete: the field is `--athlete`.
fn athlete_error(message: String) -> AppError {
    AppError::Invalid(afterlift_core::contract::InvalidRequest {
        errors: vec![afterlift_core::contract::FieldError {
            field: "--athlete".into(),
            message,
        }],
    })
}

/// Copies `source`'s log (its athlete's) into `target`'s database: see the module's documentation.
pub async fn migrate(
    source: &Store,
    target: &Store,
    athlete: Option<&str>,
    now: Timestamp,
    progress: &dyn Progress,
) -> Result<MigrateReport, AppError> {
    let log = source.export_all().await?;
    let want = summary(&log)?;

    // Whose log, and whether it is there already.
    let (store, name, created) = match athlete {
        Some(name) => match target.accounts().user_by_name(name).await? {
            Some((user, _)) => match user.athlete {
                Some(id) => (target.for_athlete(id), Some(user.name), false),
                None => {
                    return Err(athlete_error(format!(
                        "'{}' is a coach, who has no log of their own: name an athlete (or a new name)",
                        user.name
                    )));
                }
            },
            None => {
                let user =
                    crate::accounts::add_user(target, name, Role::Athlete, None, now).await?;
                let id = user.athlete.ok_or_else(|| {
                    StoreError::Corrupt(format!("the new athlete '{}' has no log", user.name))
                })?;
                (target.for_athlete(id), Some(user.name), true)
            }
        },
        None => {
            if target.accounts().has_users().await? {
                return Err(athlete_error(
                    "the target database has users: name the athlete whose log this becomes \
                     (a new name adds an athlete user)"
                        .into(),
                ));
            }
            (target.for_athlete(AthleteId::LOCAL), None, false)
        }
    };
    let athlete_id = store.athlete();
    let report = |status, got: &Summary| MigrateReport {
        status,
        source: source.describe(),
        target: target.describe(),
        athlete: TargetAthlete {
            name: name.clone(),
            id: athlete_id.0,
            created,
        },
        counts: KINDS
            .iter()
            .map(|k| KindCount {
                kind: k,
                source: want.counts.get(k).copied().unwrap_or(0),
                target: got.counts.get(k).copied().unwrap_or(0),
            })
            .collect(),
        source_sha256: want.sha256.clone(),
        target_sha256: got.sha256.clone(),
    };

    if !created {
        let there = store.export_all().await?;
        if !is_empty(&there) {
            let got = summary(&there)?;
            if got == want {
                return Ok(report(MigrateStatus::AlreadyThere, &got));
            }
            let who = match &name {
                Some(n) => format!("athlete '{n}'"),
                None => "athlete 1".into(),
            };
            return Err(athlete_error(format!(
                "{who} already has a log in {} and it is not this one: a log is copied only into an \
                 empty one (name a new athlete)",
                target.describe()
            )));
        }
    }

    let items = u64::from(log.profile.is_some())
        + [
            log.activities.len(),
            log.lifts.len(),
            log.wellness.len(),
            log.aliases.len(),
            log.ledger.len(),
            log.advice.len(),
            log.experiments.len(),
        ]
        .iter()
        .map(|n| *n as u64)
        .sum::<u64>();
    progress.start(items);
    let read_back: Mutex<Option<Result<Summary, String>>> = Mutex::new(None);
    let advance = |n: u64| progress.advance(n);
    let check = |back: &Export| {
        let got = summary(back).map_err(|e| e.to_string());
        let same = got.as_ref().is_ok_and(|g| *g == want);
        *read_back.lock().unwrap_or_else(|e| e.into_inner()) = Some(got);
        same
    };
    let copied = store
        .copy_in(
            &log,
            &CopyWatch {
                progress: &advance,
                check: &check,
            },
        )
        .await;
    let got = read_back.lock().unwrap_or_else(|e| e.into_inner()).take();
    let result = match (copied, got) {
        (Ok(true), Some(Ok(got))) => Ok(report(MigrateStatus::Copied, &got)),
        (Ok(false), Some(Ok(got))) => Ok(report(MigrateStatus::Differs, &got)),
        (Ok(_), Some(Err(e))) => Err(StoreError::Corrupt(format!(
            "the copy read back could not be summarised: {e}"
        ))
        .into()),
        (Ok(_), None) => {
            Err(StoreError::Corrupt("the copy was not read back before committing".into()).into())
        }
        (Err(e), _) => Err(AppError::from(e)),
    };
    if created && !matches!(result, Ok(ref r) if r.status == MigrateStatus::Copied) {
        // Nothing of the log was written; the user added for it goes too.
        if let Some((user, _)) = target
            .accounts()
            .user_by_name(name.as_deref().unwrap_or(""))
            .await?
        {
            target.accounts().remove_user(user.id).await?;
        }
    }
    result
}

//! A whole log copied in (`afterlift migrate`): another database's export — ids, the ledger and the
//! activities' partial marks included — written into one empty athlete's log in one transaction, read
//! back inside it and committed only if the caller's check accepts what was read.

use afterlift_store::CopyWatch;

use crate::{AthleteId, EntryId, Export, StoreError, validate};
use crate::{
    PgLog, activities, advice, aliases, corrupt, experiments, import, journal, lifts, to_ms,
};

impl PgLog {
    /// See [`afterlift_store::Store::copy_in`].
    pub async fn copy_in(
        &self,
        athlete: AthleteId,
        log: &Export,
        watch: &CopyWatch<'_>,
    ) -> Result<bool, StoreError> {
        // Everything is checked before the transaction, as every write path does.
        if let Some(p) = &log.profile {
            validate::profile(p)?;
        }
        let blobs = log
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| validate::activity(&a.activity, &format!("activities[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, l) in log.lifts.iter().enumerate() {
            validate::lift(&l.session, &format!("lifts[{i}]"))?;
        }
        for w in &log.wellness {
            validate::wellness(w.date, &w.wellness)?;
        }
        let mut keys = Vec::with_capacity(log.aliases.len());
        for (i, a) in log.aliases.iter().enumerate() {
            keys.push(validate::alias(a, &format!("aliases[{i}]"))?);
        }
        for e in &log.ledger {
            validate::content_hash(&e.content_hash)?;
        }
        let experiments: Vec<(i64, afterlift_store::NewExperiment)> = log
            .experiments
            .iter()
            .map(|e| {
                let new = afterlift_store::NewExperiment {
                    created_at: e.created_at,
                    comparison: e.comparison.clone(),
                    seed: e.seed,
                    protocol_json: e.protocol_json.clone(),
                    starts_on: e.starts_on,
                    ends_on: e.ends_on,
                    stopped_on: e.stopped_on,
                    exclusive_on: None,
                };
                validate::experiment(&new).map(|()| (e.id, new))
            })
            .collect::<Result<_, _>>()?;

        let mut tx = self.begin_write(athlete).await?;
        let (held,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM activities WHERE athlete_id = $1) \
             + (SELECT COUNT(*) FROM lifts WHERE athlete_id = $1) \
             + (SELECT COUNT(*) FROM imports WHERE athlete_id = $1) \
             + (SELECT COUNT(*) FROM wellness WHERE athlete_id = $1) \
             + (SELECT COUNT(*) FROM exercise_aliases WHERE athlete_id = $1) \
             + (SELECT COUNT(*) FROM advice_log WHERE athlete_id = $1) \
             + (SELECT COUNT(*) FROM experiments WHERE athlete_id = $1) \
             + (SELECT COUNT(*) FROM profile WHERE athlete_id = $1)",
        )
        .bind(athlete.0)
        .fetch_one(tx.conn())
        .await?;
        if held > 0 {
            return Err(StoreError::Conflict(format!(
                "{athlete}'s log is not empty ({held} rows): a log is copied only into an empty one"
            )));
        }
        let start = tx.start;
        let zone_max = log.profile.as_ref().and_then(|p| p.athlete.max_hr_bpm);
        if let Some(p) = &log.profile {
            journal::write_profile(tx.conn(), athlete, p).await?;
            (watch.progress)(1);
        }
        for w in &log.wellness {
            journal::upsert_wellness(tx.conn(), athlete, w.date, &w.wellness).await?;
            (watch.progress)(1);
        }
        let now = crate::now_ms();
        for (a, key) in log.aliases.iter().zip(&keys) {
            aliases::upsert(tx.conn(), athlete, key, a, now).await?;
            (watch.progress)(1);
        }
        // Ids are kept: each entry is written under its own id, and the counters end after the highest.
        let mut by_id: Vec<_> = log.activities.iter().zip(&blobs).collect();
        by_id.sort_by_key(|(a, _)| a.id);
        for (a, blob) in by_id {
            tx.next.activity = a.id;
            activities::insert_new(&mut tx, &a.activity, blob.as_deref(), zone_max, a.partial)
                .await?;
            (watch.progress)(1);
        }
        let mut by_id: Vec<_> = log.lifts.iter().collect();
        by_id.sort_by_key(|l| l.id);
        for l in by_id {
            tx.next.lift = l.id;
            lifts::insert(&mut tx, &l.session).await?;
            (watch.progress)(1);
        }
        for e in &log.ledger {
            if e.created > e.ids.len() {
                return Err(corrupt(format!(
                    "ledger row {}: {} created of {} entries",
                    e.id,
                    e.created,
                    e.ids.len()
                )));
            }
            let links: Vec<(&str, EntryId)> = e
                .ids
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    (
                        if i < e.created {
                            "created"
                        } else {
                            "duplicate"
                        },
                        *id,
                    )
                })
                .collect();
            tx.next.import = e.id;
            import::insert_ledger_row_at(
                &mut tx,
                &import::LedgerRow {
                    content_hash: &e.content_hash,
                    path: &e.path,
                    format: &e.format,
                    status: crate::ledger_word(e.status),
                    message: e.message.as_deref(),
                    partial: e.partial.as_deref(),
                    at_ms: to_ms(e.imported_at),
                },
                &links,
            )
            .await?;
            (watch.progress)(1);
        }
        for r in &log.advice {
            sqlx::query(
                "INSERT INTO advice_log (athlete_id, id, at_ms, request_json, response_json) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(athlete.0)
            .bind(r.id)
            .bind(to_ms(r.at))
            .bind(&r.request_json)
            .bind(&r.response_json)
            .execute(tx.conn())
            .await?;
            (watch.progress)(1);
        }
        for (id, new) in &experiments {
            experiments::insert_at(tx.conn(), athlete, *id, new).await?;
            (watch.progress)(1);
        }
        if let Some(last) = log.advice.iter().map(|r| r.id).max() {
            sqlx::query(
                "INSERT INTO advice_ids (athlete_id, next_id) VALUES ($1, $2) \
                 ON CONFLICT (athlete_id) DO UPDATE SET next_id = GREATEST(advice_ids.next_id, $2)",
            )
            .bind(athlete.0)
            .bind(last + 1)
            .execute(tx.conn())
            .await?;
        }
        let after = |start: i64, ids: &mut dyn Iterator<Item = i64>| {
            ids.max().map_or(start, |m| start.max(m + 1))
        };
        tx.next.activity = after(start.activity, &mut log.activities.iter().map(|a| a.id));
        tx.next.lift = after(start.lift, &mut log.lifts.iter().map(|l| l.id));
        tx.next.import = after(start.import, &mut log.ledger.iter().map(|e| e.id));

        // What a later reader will see, read inside the transaction.
        let back = {
            let conn = tx.conn();
            Export {
                profile: journal::profile(conn, athlete).await?,
                activities: activities::all(conn, athlete).await?,
                lifts: lifts::all(conn, athlete).await?,
                wellness: journal::all_wellness(conn, athlete).await?,
                aliases: aliases::all(conn, athlete).await?,
                advice: advice::all(conn, athlete).await?,
                ledger: import::ledger_rows(conn, athlete, None).await?,
                experiments: experiments::all(conn, athlete).await?,
            }
        };
        if !(watch.check)(&back) {
            // Dropped without committing: rolled back, nothing written.
            return Ok(false);
        }
        tx.commit(self).await?;
        Ok(true)
    }
}

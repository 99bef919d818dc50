//! The import ledger: its rows and their links to entries.

use sqlx::FromRow;

use super::{corrupt, from_ms};
use crate::{Duplicate, EntryId, LedgerEntry, StoreError, ledger_status};

/// A ledger row, as stored.
#[derive(FromRow)]
pub struct ImportDb {
    pub id: i64,
    pub content_hash: String,
    pub path: String,
    pub format: String,
    pub status: String,
    pub message: Option<String>,
    pub partial: Option<String>,
    pub imported_at_ms: i64,
}

/// The entries linked to a ledger row, as stored.
#[derive(FromRow)]
pub struct LinkDb {
    pub import_id: i64,
    pub activity_id: Option<i64>,
    pub lift_id: Option<i64>,
}

impl LinkDb {
    pub fn entry_id(&self) -> Result<EntryId, StoreError> {
        match (self.activity_id, self.lift_id) {
            (Some(a), None) => Ok(EntryId::Activity(a)),
            (None, Some(l)) => Ok(EntryId::Lift(l)),
            _ => Err(corrupt(format!(
                "import {} links neither one activity nor one lift",
                self.import_id
            ))),
        }
    }
}

/// A ledger link with its role (`created` or `duplicate`), for reading the ledger back.
#[derive(FromRow)]
pub struct RoleLinkDb {
    #[sqlx(flatten)]
    pub link: LinkDb,
    pub role: String,
}

/// The `activity_id` and `lift_id` columns of a link to `id` (the inverse of [`LinkDb::entry_id`]).
pub fn link_columns(id: EntryId) -> (Option<i64>, Option<i64>) {
    match id {
        EntryId::Activity(n) => (Some(n), None),
        EntryId::Lift(n) => (None, Some(n)),
    }
}

/// The ledger message of an archive whose entries each have a ledger row of their own.
pub fn archive_message(entries: usize) -> String {
    format!("{entries} entries, each in its own ledger row")
}

/// The entries of the links, each once, in order; empty when the file may be imported.
pub fn link_ids(links: &[LinkDb]) -> Result<Vec<EntryId>, StoreError> {
    let mut ids = Vec::with_capacity(links.len());
    for link in links {
        let id = link.entry_id()?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// An import's ledger links, in order: the entries it created, then those it duplicated.
pub fn ledger_links(created: &[EntryId], duplicates: &[Duplicate]) -> Vec<(&'static str, EntryId)> {
    created
        .iter()
        .map(|id| ("created", *id))
        .chain(duplicates.iter().map(|d| ("duplicate", d.existing)))
        .collect()
}

/// The ledger `rows` with their `links`, both ordered by import id (the links by position within it).
pub fn ledger_entries(
    rows: Vec<ImportDb>,
    links: Vec<RoleLinkDb>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    let mut links = links.into_iter().peekable();
    rows.into_iter()
        .map(|r| {
            let ImportDb {
                id,
                content_hash,
                path,
                format,
                status,
                message,
                partial,
                imported_at_ms,
            } = r;
            let mut ids = Vec::new();
            let mut created = 0;
            // Both lists are ordered by import id, and every link's import is a row.
            while let Some(l) = links.next_if(|l| l.link.import_id <= id) {
                if l.link.import_id < id {
                    continue;
                }
                ids.push(l.link.entry_id()?);
                if l.role == "created" {
                    created += 1;
                }
            }
            Ok(LedgerEntry {
                id,
                content_hash,
                path,
                format,
                status: ledger_status(&status, partial.is_some())
                    .ok_or_else(|| corrupt(format!("import {id}: unknown status '{status}'")))?,
                message,
                partial,
                imported_at: from_ms(imported_at_ms, "import time")?,
                ids,
                created,
            })
        })
        .collect()
}

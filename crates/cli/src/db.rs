//! Opening the training log: `--db PATH` (or a PostgreSQL URL), else `AFTERLIFT_DB` (both via clap), else the XDG data directory.
//! The log is created on first use. Commands that touch it run on a single-threaded tokio runtime.

use std::path::{Path, PathBuf};

use afterlift_store::Store;

use crate::args::Global;
use crate::failure::Failure;

pub fn path(global: &Global) -> Result<PathBuf, Failure> {
    global
        .db
        .clone()
        .or_else(afterlift_store::default_db_path)
        .ok_or_else(|| {
            Failure::invalid(
                "--db",
                "no home directory to put the log in: pass --db PATH or set AFTERLIFT_DB",
                global.json,
            )
        })
}

/// Runs `f` with the opened log on a current-thread runtime.
pub fn with_store<T>(
    global: &Global,
    f: impl AsyncFnOnce(&Store) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let path = path(global)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::runtime(e, global.json))?;
    runtime.block_on(async {
        let store = open(&path, global.json).await?;
        let store = match for_athlete(&store, global).await {
            Ok(store) => store,
            Err(e) => {
                store.close().await;
                return Err(e);
            }
        };
        let result = f(&store).await;
        store.close().await;
        result
    })
}

/// The log of the athlete `--athlete` names (a user of the log), else the log's first athlete.
async fn for_athlete(store: &Store, global: &Global) -> Result<Store, Failure> {
    let Some(name) = global.athlete.as_deref() else {
        return Ok(store.clone());
    };
    let user = afterlift_app::accounts::user(store, name)
        .await
        .map_err(|e| Failure::invalid("--athlete", e.to_string(), global.json))?;
    match user.athlete {
        Some(athlete) => Ok(store.for_athlete(athlete)),
        None => Err(Failure::invalid(
            "--athlete",
            format!(
                "'{}' is a coach, who has no log of their own: name an athlete",
                user.name
            ),
            global.json,
        )),
    }
}

/// Opens the log `--db` names: a path, `sqlite://PATH` or a `postgres://` URL.
pub async fn open(path: &Path, json: bool) -> Result<Store, Failure> {
    let location = afterlift_app::open::location(path)
        .map_err(|e| Failure::invalid("--db", e.to_string(), json))?;
    afterlift_app::open::open(&location).await.map_err(|e| {
        Failure::runtime(
            // The location as shown: a PostgreSQL URL's password never reaches the terminal.
            anyhow::Error::new(e).context(format!("cannot open the log at {location}")),
            json,
        )
    })
}

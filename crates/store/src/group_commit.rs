//! **Group commit** of the advice log, for every backend: an advice is answered only once it is durable,
//! and under load the log costs one transaction per batch, not per advice.
//!
//! [`AdviceQueue::record`] puts the advice in a queue and waits for its turn to write. Whoever gets the
//! turn writes *everything* queued by then — its own advice and all that arrived while the previous batch
//! was being written — in one transaction ([`AdviceWriter::insert_advice`]), and answers each waiting
//! caller with its own result. Alone, an advice is one transaction. Nothing is answered before its
//! commit: a process killed at any moment has recorded every advice it answered, and a commit that fails
//! (a full disk) is every waiting caller's error — unless the advice written alone succeeds: a failed batch
//! is written again one advice at a time, so one that cannot be written loses only itself.
//!
//! The batch is written by a task of its own, so a caller that gives up waiting (a client that
//! disconnected) takes no one else's advice with it.

use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::{AthleteId, NewAdvice, StoreError};

/// A backend's way of writing a batch of advice.
pub trait AdviceWriter: Clone + Send + Sync + 'static {
    /// Inserts `advice` in one transaction and commits it; their ids in the same order.
    fn insert_advice(
        &self,
        advice: &[(AthleteId, &NewAdvice)],
    ) -> impl Future<Output = Result<Vec<i64>, StoreError>> + Send;
}

type Answer = oneshot::Sender<Result<i64, StoreError>>;

/// An advice waiting to be written, for its athlete.
type Waiting = (AthleteId, NewAdvice, Answer);

/// The advice waiting to be written, and whose turn it is to write; see the module's documentation.
#[derive(Debug, Default)]
pub struct AdviceQueue {
    waiting: Mutex<Vec<Waiting>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl AdviceQueue {
    /// Records `advice` for `athlete` through `writer` and returns its id once it is committed. An
    /// error means the advice is not in the log.
    pub async fn record<W: AdviceWriter>(
        &self,
        writer: &W,
        athlete: AthleteId,
        advice: NewAdvice,
    ) -> Result<i64, StoreError> {
        let (answer, mut answered) = oneshot::channel();
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((athlete, advice, answer));
        let turn = Arc::clone(&self.turn).lock_owned().await;
        // The batch written while this caller waited for its turn may have held its advice.
        if let Ok(result) = answered.try_recv() {
            return result;
        }
        let batch = std::mem::take(&mut *self.waiting.lock().unwrap_or_else(|e| e.into_inner()));
        let writer = writer.clone();
        tokio::spawn(async move {
            write(&writer, batch).await;
            drop(turn);
        });
        answered.await.unwrap_or(Err(StoreError::NotRecorded))
    }
}

/// Writes `batch` in one transaction and answers each caller; when the batch fails, each advice is tried
/// alone.
async fn write<W: AdviceWriter>(writer: &W, batch: Vec<Waiting>) {
    if batch.is_empty() {
        return;
    }
    let advice: Vec<(AthleteId, &NewAdvice)> = batch.iter().map(|(w, a, _)| (*w, a)).collect();
    match writer.insert_advice(&advice).await {
        Ok(ids) if ids.len() == batch.len() => {
            for ((_, _, answer), id) in batch.into_iter().zip(ids) {
                let _ = answer.send(Ok(id));
            }
        }
        Ok(ids) => {
            let e = StoreError::Corrupt(format!(
                "advice log: {} ids for {} advice",
                ids.len(),
                batch.len()
            ));
            for (_, _, answer) in batch {
                let _ = answer.send(Err(StoreError::Corrupt(e.to_string())));
            }
        }
        Err(_) if batch.len() > 1 => {
            for (athlete, one, answer) in batch {
                let result = writer
                    .insert_advice(&[(athlete, &one)])
                    .await
                    .and_then(|ids| ids.first().copied().ok_or(StoreError::NotRecorded));
                let _ = answer.send(result);
            }
        }
        Err(e) => {
            if let Some((_, _, answer)) = batch.into_iter().next() {
                let _ = answer.send(Err(e));
            }
        }
    }
}

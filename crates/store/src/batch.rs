//! **Batching** of many callers' small database round trips into one, for every backend: the advice log's
//! group commit, and a shared database's per-request reads (the change counter a cache checks, the token a
//! request carries).
//!
//! [`Batcher::submit`] puts the caller's item in a queue and waits for its turn. Whoever gets the turn
//! runs *everything* queued by then — its own item and all that arrived while the previous batch ran — in
//! one round trip ([`RunBatch::run_batch`]), and answers each waiting caller with its own result. Alone, an
//! item is one round trip; under load, one round trip serves every request that arrived during the
//! previous one. A batch starts after each of its items was submitted, so what it reads is at least as new
//! as a read of the caller's own would have been.
//!
//! For the advice log ([`AdviceQueue`]) the batch is one transaction: nothing is answered before its
//! commit, so a process killed at any moment has recorded every advice it answered, and a commit that
//! fails (a full disk) is every waiting caller's error — unless the item run alone succeeds: a failed batch
//! is run again one item at a time, so one that cannot be written loses only itself.
//!
//! The batch runs in a task of its own, so a caller that gives up waiting (a client that disconnected)
//! takes no one else's item with it.

use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::{AthleteId, NewAdvice, StoreError};

/// A backend's way of running a batch of `I`s in one round trip (one transaction, for writes).
pub trait RunBatch<I, O>: Clone + Send + Sync + 'static {
    /// One result per item, in the items' order.
    fn run_batch(&self, items: &[I]) -> impl Future<Output = Result<Vec<O>, StoreError>> + Send;
}

type Waiting<I, O> = (I, oneshot::Sender<Result<O, StoreError>>);

/// The items waiting for a batch, and whose turn it is to run one; see the module's documentation.
pub struct Batcher<I, O> {
    waiting: Mutex<Vec<Waiting<I, O>>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

/// The advice log's group commit: advice for an athlete in, its id out.
pub type AdviceQueue = Batcher<(AthleteId, NewAdvice), i64>;

impl<I, O> Default for Batcher<I, O> {
    fn default() -> Batcher<I, O> {
        Batcher {
            waiting: Mutex::new(Vec::new()),
            turn: Arc::default(),
        }
    }
}

impl<I, O> std::fmt::Debug for Batcher<I, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batcher").finish_non_exhaustive()
    }
}

impl<I: Send + Sync + 'static, O: Send + 'static> Batcher<I, O> {
    /// Runs `item` through `runner` in the next batch and returns its result once the batch is done.
    pub async fn submit<R: RunBatch<I, O>>(&self, runner: &R, item: I) -> Result<O, StoreError> {
        let (answer, mut answered) = oneshot::channel();
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((item, answer));
        let turn = Arc::clone(&self.turn).lock_owned().await;
        // The batch run while this caller waited for its turn may have held its item.
        if let Ok(result) = answered.try_recv() {
            return result;
        }
        let batch = std::mem::take(&mut *self.waiting.lock().unwrap_or_else(|e| e.into_inner()));
        let runner = runner.clone();
        tokio::spawn(async move {
            run(&runner, batch).await;
            drop(turn);
        });
        answered.await.unwrap_or(Err(StoreError::Interrupted))
    }
}

/// Runs `batch` and answers each caller; when the batch fails, each item is run alone.
async fn run<I, O, R: RunBatch<I, O>>(runner: &R, batch: Vec<Waiting<I, O>>) {
    if batch.is_empty() {
        return;
    }
    let (items, answers): (Vec<I>, Vec<_>) = batch.into_iter().unzip();
    match runner.run_batch(&items).await {
        Ok(out) if out.len() == items.len() => {
            for (answer, o) in answers.into_iter().zip(out) {
                let _ = answer.send(Ok(o));
            }
        }
        Ok(out) => {
            let message = format!("a batch of {} gave {} results", items.len(), out.len());
            for answer in answers {
                let _ = answer.send(Err(StoreError::Corrupt(message.clone())));
            }
        }
        Err(_) if items.len() > 1 => {
            for (item, answer) in items.iter().zip(answers) {
                let result =
                    runner
                        .run_batch(std::slice::from_ref(item))
                        .await
                        .and_then(|mut out| {
                            out.pop().ok_or_else(|| {
                                StoreError::Corrupt("a batch of one gave no result".into())
                            })
                        });
                let _ = answer.send(result);
            }
        }
        Err(e) => {
            if let Some(answer) = answers.into_iter().next() {
                let _ = answer.send(Err(e));
            }
        }
    }
}

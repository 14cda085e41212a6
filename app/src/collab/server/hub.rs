//! Open documents, one task each, found by portfolio id.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};
use yrs::TransactionMut;

use super::document::{Command, ConnId, Document, OUTBOUND_CAPACITY, Writer};
use super::store::{Store, WriteJob};
use crate::rubric::Framework;

/// Who is on a socket and whether they may write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub user_id: i32,
    pub can_write: bool,
}

/// What the document sends a socket.
#[derive(Debug)]
pub enum Outbound {
    Frame(Vec<u8>),
    /// Close with a websocket close code and a reason.
    Close(u16, String),
}

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("the document could not be loaded: {0}")]
    Load(String),
    #[error("the document is not available")]
    Gone,
}

pub struct HubInner {
    docs: Mutex<HashMap<i32, mpsc::Sender<Command>>>,
    /// Serialises opening, so a document is loaded once.
    opening: tokio::sync::Mutex<()>,
    store: Store,
    writer: tokio::sync::OnceCell<Writer>,
    next_conn: AtomicU64,
}

impl HubInner {
    /// Called by a document as it leaves memory (only if it is still the one listed).
    pub fn forget(&self, portfolio_id: i32, which: &mpsc::Sender<Command>) {
        let mut docs = self.docs.lock().unwrap_or_else(|p| p.into_inner());
        if docs
            .get(&portfolio_id)
            .is_some_and(|d| d.same_channel(which))
        {
            docs.remove(&portfolio_id);
        }
    }
}

#[derive(Clone)]
pub struct Hub {
    inner: Arc<HubInner>,
}

/// One socket's link to its document.
pub struct Connection {
    pub id: ConnId,
    document: mpsc::Sender<Command>,
    pub outbound: mpsc::Receiver<Outbound>,
}

impl Connection {
    /// Passes a frame from the socket to the document (in order).
    pub async fn send(&self, frame: Vec<u8>) -> Result<(), HubError> {
        self.document
            .send(Command::Frame {
                conn: self.id,
                frame,
            })
            .await
            .map_err(|_| HubError::Gone)
    }

    pub async fn leave(&self) {
        let _ = self.document.send(Command::Leave { conn: self.id }).await;
    }
}

impl Hub {
    pub fn new(store: Store) -> Self {
        Hub {
            inner: Arc::new(HubInner {
                docs: Mutex::new(HashMap::new()),
                opening: tokio::sync::Mutex::new(()),
                store,
                writer: tokio::sync::OnceCell::new(),
                next_conn: AtomicU64::new(1),
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    fn open_channel(&self, portfolio_id: i32) -> Option<mpsc::Sender<Command>> {
        self.inner
            .docs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&portfolio_id)
            .filter(|d| !d.is_closed())
            .cloned()
    }

    async fn document(
        &self,
        portfolio_id: i32,
        framework: &Framework,
    ) -> Result<mpsc::Sender<Command>, HubError> {
        if let Some(d) = self.open_channel(portfolio_id) {
            return Ok(d);
        }
        let _opening = self.inner.opening.lock().await;
        if let Some(d) = self.open_channel(portfolio_id) {
            return Ok(d);
        }
        let loaded = self
            .inner
            .store
            .load(portfolio_id)
            .await
            .map_err(|e| HubError::Load(e.to_string()))?;
        let writer = self
            .inner
            .writer
            .get_or_init(|| async { spawn_writer(self.inner.store.clone()) })
            .await
            .clone();
        let (tx, rx) = mpsc::channel(4096);
        let document = Document::new(
            portfolio_id,
            framework,
            loaded,
            self.inner.store.clone(),
            writer,
            tx.clone(),
            Arc::downgrade(&self.inner),
        )
        .map_err(HubError::Load)?;
        tokio::spawn(document.run(rx));
        self.inner
            .docs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(portfolio_id, tx.clone());
        Ok(tx)
    }

    /// Joins a socket to a portfolio's document, opening it if need be.
    pub async fn connect(
        &self,
        portfolio_id: i32,
        framework: &Framework,
        access: Access,
    ) -> Result<Connection, HubError> {
        for _ in 0..3 {
            let document = self.document(portfolio_id, framework).await?;
            let id = self.inner.next_conn.fetch_add(1, Ordering::Relaxed);
            let (out, outbound) = mpsc::channel(OUTBOUND_CAPACITY);
            let (joined, was_joined) = oneshot::channel();
            let join = Command::Join {
                conn: id,
                access: access.clone(),
                out,
                joined,
            };
            if document.send(join).await.is_ok() && was_joined.await.is_ok() {
                return Ok(Connection {
                    id,
                    document,
                    outbound,
                });
            }
            // The document was just leaving memory; open it again.
        }
        Err(HubError::Gone)
    }

    /// Makes a change on the server (as `user_id`) and waits until it is stored.
    pub async fn edit(
        &self,
        portfolio_id: i32,
        framework: &Framework,
        user_id: i32,
        change: impl FnOnce(&mut TransactionMut) + Send + 'static,
    ) -> Result<(), HubError> {
        let document = self.document(portfolio_id, framework).await?;
        let (done, stored) = oneshot::channel();
        document
            .send(Command::Edit {
                user_id,
                change: Box::new(change),
                done,
            })
            .await
            .map_err(|_| HubError::Gone)?;
        stored
            .await
            .map_err(|_| HubError::Gone)?
            .map_err(HubError::Load)
    }

    /// Closes one person's sockets (their access changed; they reconnect and
    /// are checked again), or everyone's when `user_id` is `None`.
    pub async fn kick(&self, portfolio_id: Option<i32>, user_id: Option<i32>, reason: &str) {
        let docs: Vec<(i32, mpsc::Sender<Command>)> = self
            .inner
            .docs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|(id, _)| portfolio_id.is_none_or(|p| p == **id))
            .map(|(id, d)| (*id, d.clone()))
            .collect();
        for (_, document) in docs {
            let _ = document
                .send(Command::Kick {
                    user_id,
                    reason: reason.to_string(),
                })
                .await;
        }
    }

    /// Who may write `portfolio_id` changed for everyone (submitted,
    /// reopened): its sockets here close, and other instances are told to
    /// close theirs. Everyone reconnects and is checked again.
    pub async fn access_changed(&self, portfolio_id: i32, reason: &str) {
        self.kick(Some(portfolio_id), None, reason).await;
        if let Err(error) = self.store().announce_access_changed(portfolio_id).await {
            tracing::warn!(portfolio_id, %error, "could not tell other instances; they re-check within a minute");
        }
    }

    /// Another instance stored rows `first..=last` of a document.
    pub async fn peer_stored(&self, portfolio_id: i32, first: i32, last: i32) {
        if let Some(document) = self.open_channel(portfolio_id) {
            let _ = document.send(Command::Peer { first, last }).await;
        }
    }

    /// How many documents are open (for metrics and tests).
    pub fn open_documents(&self) -> usize {
        self.inner
            .docs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }
}

/// Most documents' batches one transaction may carry.
const GROUP_MAX: usize = 128;

/// One writer for all documents: whatever batches are waiting when it is free
/// go into one transaction together (group commit), so the cost of a commit
/// is shared however many documents are busy.
fn spawn_writer(store: Store) -> Writer {
    type Reply = tokio::sync::oneshot::Sender<(Result<(), String>, WriteJob)>;
    let (tx, mut rx) = mpsc::channel::<(WriteJob, Reply)>(4096);
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut group = vec![first];
            while group.len() < GROUP_MAX {
                match rx.try_recv() {
                    Ok(next) => group.push(next),
                    Err(_) => break,
                }
            }
            let (jobs, replies): (Vec<WriteJob>, Vec<Reply>) = group.into_iter().unzip();
            let result = store
                .append_all(&jobs, chrono::Utc::now())
                .await
                .map_err(|e| e.to_string());
            for (job, reply) in jobs.into_iter().zip(replies) {
                let _ = reply.send((result.clone(), job));
            }
        }
    });
    tx
}

//! One open document: a task that owns the Doc and its presence, serves every
//! socket of the portfolio, and hands updates to its writer in batches.

use std::collections::{HashMap, HashSet};
use std::sync::Weak;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use yrs::block::ClientID;
use yrs::branch::BranchID;
use yrs::sync::{Awareness, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, StateVector, Transact, TransactionMut, Update};

use super::hub::{Access, HubInner, Outbound};
use super::store::{Loaded, PendingUpdate, Projection, Store, Touch, WriteJob};
use crate::collab::presence::Presence;
use crate::collab::schema::{self, CriterionContent};
use crate::model::ResponseStatus;
use crate::rubric::{FieldKind, Framework};

pub type ConnId = u64;

/// The shared writer: jobs in, each job handed back with its result.
pub type Writer = mpsc::Sender<(WriteJob, oneshot::Sender<(Result<(), String>, WriteJob)>)>;

/// Audit entries for one person and field are sent at most this often (the
/// store coalesces them into events of a few minutes anyway).
const AUDIT_EVERY: Duration = Duration::from_secs(60);

/// Everyone hears what is stored at most this often (a SyncStep1 each time).
const ACK_EVERY: Duration = Duration::from_millis(50);
/// How long the first update of a batch waits for company before it is written.
const BATCH_DELAY: Duration = Duration::from_millis(3);
/// A batch never grows beyond this many updates.
const BATCH_MAX: usize = 256;
/// Compact the log once this many updates follow the snapshot.
const COMPACT_AFTER: u64 = 500;
/// An idle document (nobody connected) leaves memory after this long.
const IDLE: Duration = Duration::from_secs(30);
/// A socket that cannot keep up loses its connection rather than slow everyone.
pub const OUTBOUND_CAPACITY: usize = 1024;

/// A change the server makes itself (a form saved without JavaScript).
pub type ServerEdit = Box<dyn FnOnce(&mut TransactionMut) + Send>;

pub enum Command {
    Join {
        conn: ConnId,
        access: Access,
        out: mpsc::Sender<Outbound>,
        joined: oneshot::Sender<()>,
    },
    Leave {
        conn: ConnId,
    },
    Frame {
        conn: ConnId,
        frame: Vec<u8>,
    },
    /// Close the sockets of one person (their access changed) or of everyone.
    Kick {
        user_id: Option<i32>,
        reason: String,
    },
    Edit {
        user_id: i32,
        change: ServerEdit,
        done: oneshot::Sender<Result<(), String>>,
    },
    /// Another instance stored rows `first..=last` of this document.
    Peer {
        first: i32,
        last: i32,
    },
    PeerRows(Vec<(Vec<u8>, Option<i32>)>),
    Stored {
        result: Result<(), String>,
        acknowledged: StateVector,
        written: WriteJob,
    },
    Compacted,
}

struct Conn {
    access: Access,
    out: mpsc::Sender<Outbound>,
    /// Awareness client ids this socket has announced.
    clients: HashSet<ClientID>,
}

pub struct Document {
    portfolio_id: i32,
    awareness: Awareness,
    conns: HashMap<ConnId, Conn>,
    store: Store,
    writer: Writer,
    /// When each (criterion, field, person) was last sent to the audit trail.
    audited: HashMap<(String, String, Option<i32>), Instant>,
    commands: mpsc::Sender<Command>,
    hub: Weak<HubInner>,
    criteria: HashSet<String>,
    caps: HashMap<FieldKind, u32>,
    /// Current length (UTF-16) of each text field, to bound what an update may add.
    lengths: HashMap<String, u32>,
    /// Each criterion as last projected into the columns.
    projected: HashMap<String, CriterionContent>,
    /// Who has written each criterion's text (they may not mark it reviewed).
    writers: HashMap<String, HashSet<i32>>,
    /// Each criterion's status as last accepted.
    statuses: HashMap<String, ResponseStatus>,
    batch: Vec<PendingUpdate>,
    batch_touched: HashMap<String, HashSet<Option<i32>>>,
    batch_waiters: Vec<oneshot::Sender<Result<(), String>>>,
    batch_deadline: Option<Instant>,
    writing: bool,
    waiters_in_flight: Vec<oneshot::Sender<Result<(), String>>>,
    /// Projections and audit entries of a failed write, to go with the next.
    retry_projections: Vec<Projection>,
    retry_touches: Vec<Touch>,
    since_snapshot: u64,
    /// What the store holds of this document (acknowledged to everyone).
    stored: StateVector,
    /// A stored state not yet announced, and when it may be.
    ack_due: Option<Instant>,
    last_ack: Option<Instant>,
    compacting: bool,
    idle_since: Option<Instant>,
}

fn frame(message: Message) -> Vec<u8> {
    message.encode_v1()
}

impl Document {
    pub fn new(
        portfolio_id: i32,
        framework: &Framework,
        loaded: Loaded,
        store: Store,
        writer: Writer,
        commands: mpsc::Sender<Command>,
        hub: Weak<HubInner>,
    ) -> Result<Self, String> {
        let Loaded {
            updates: stored,
            writers,
            ..
        } = loaded;
        let criteria: HashSet<String> = framework.criteria().map(|(_, c)| c.id.clone()).collect();
        let doc = schema::new_doc();
        {
            let mut txn = doc.transact_mut();
            schema::define_roots(&mut txn, criteria.iter().map(String::as_str));
            for data in &stored {
                let update = Update::decode_v1(data).map_err(|e| format!("stored update: {e}"))?;
                txn.apply_update(update)
                    .map_err(|e| format!("stored update: {e}"))?;
            }
        }
        let caps = framework
            .completion_fields
            .iter()
            .map(|f| (f.id, f.max_chars))
            .collect();
        let mut projected = HashMap::new();
        let mut lengths = HashMap::new();
        {
            let txn = doc.transact();
            for criterion in &criteria {
                let content = schema::read_criterion(&txn, criterion);
                for field in FieldKind::ALL {
                    lengths.insert(
                        schema::text_name(criterion, field),
                        content.text(field).encode_utf16().count() as u32,
                    );
                }
                projected.insert(criterion.clone(), content);
            }
        }
        let stored_state = doc.transact().state_vector();
        let statuses = projected
            .iter()
            .map(|(c, content)| (c.clone(), content.status))
            .collect();
        let mut writers_of: HashMap<String, HashSet<i32>> = HashMap::new();
        for (criterion, user) in writers {
            writers_of.entry(criterion).or_default().insert(user);
        }
        Ok(Document {
            writers: writers_of,
            statuses,
            stored: stored_state,
            ack_due: None,
            last_ack: None,
            portfolio_id,
            awareness: Awareness::new(doc),
            conns: HashMap::new(),
            store,
            writer,
            audited: HashMap::new(),
            commands,
            hub,
            criteria,
            caps,
            lengths,
            projected,
            batch: Vec::new(),
            batch_touched: HashMap::new(),
            batch_waiters: Vec::new(),
            batch_deadline: None,
            writing: false,
            waiters_in_flight: Vec::new(),
            retry_projections: Vec::new(),
            retry_touches: Vec::new(),
            since_snapshot: stored.len().saturating_sub(1) as u64,
            compacting: false,
            idle_since: None,
        })
    }

    pub async fn run(mut self, mut commands: mpsc::Receiver<Command>) {
        // One timer, moved only when the next deadline changes (re-creating it
        // on every message showed up as a tenth of the server's time).
        let timer = tokio::time::sleep(IDLE);
        tokio::pin!(timer);
        let mut armed: Option<Instant> = None;
        loop {
            let deadline = self.next_deadline();
            if deadline != armed {
                if let Some(d) = deadline {
                    timer.as_mut().reset(d);
                }
                armed = deadline;
            }
            // (The document holds a sender itself, so the channel never closes.)
            let command = tokio::select! {
                c = commands.recv() => c,
                _ = &mut timer, if armed.is_some() => {
                    armed = None;
                    None
                }
            };
            if let Some(command) = command {
                // A malicious update could make the CRDT library panic mid-apply,
                // leaving the document unknown. Then everyone is asked to
                // reconnect: a fresh copy is loaded from the store and their own
                // copies send back whatever was not yet stored.
                let handled =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(command)));
                if handled.is_err() {
                    tracing::error!(
                        portfolio = self.portfolio_id,
                        "document task panicked; reloading"
                    );
                    for conn in self.conns.values() {
                        let _ = conn
                            .out
                            .try_send(Outbound::Close(1011, "please reconnect".into()));
                    }
                    if let Some(hub) = self.hub.upgrade() {
                        hub.forget(self.portfolio_id, &self.commands);
                    }
                    break;
                }
            }
            let now = Instant::now();
            if self.batch_deadline.is_some_and(|d| d <= now) || self.batch.len() >= BATCH_MAX {
                self.flush();
            }
            if self.ack_due.is_some_and(|d| d <= now) {
                self.announce_stored(now);
            }
            if self.should_exit(now) {
                // Leave the hub first, so a newcomer opens a fresh document.
                if let Some(hub) = self.hub.upgrade() {
                    hub.forget(self.portfolio_id, &self.commands);
                }
                break;
            }
        }
        // Anyone who joined meanwhile is told to reconnect; nothing is pending.
        while let Ok(command) = commands.try_recv() {
            if let Command::Join { out, .. } = command {
                let _ = out.try_send(Outbound::Close(1012, "please reconnect".into()));
            }
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        [
            self.batch_deadline,
            self.idle_since.map(|t| t + IDLE),
            self.ack_due,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Tells everyone what is stored: now, or when the last announcement is
    /// old enough (a burst of batches makes one announcement, not dozens).
    fn announce_stored(&mut self, now: Instant) {
        if self.last_ack.is_some_and(|t| now < t + ACK_EVERY) {
            self.ack_due
                .get_or_insert(self.last_ack.unwrap_or(now) + ACK_EVERY);
            return;
        }
        self.ack_due = None;
        self.last_ack = Some(now);
        let ack = frame(Message::Sync(SyncMessage::SyncStep1(self.stored.clone())));
        self.broadcast(None, &ack);
    }

    fn should_exit(&self, now: Instant) -> bool {
        self.conns.is_empty()
            && self.batch.is_empty()
            && !self.writing
            && !self.compacting
            && self.idle_since.is_some_and(|t| now >= t + IDLE)
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Join {
                conn,
                access,
                out,
                joined,
            } => self.join(conn, access, out, joined),
            Command::Leave { conn } => self.leave(conn),
            Command::Frame { conn, frame } => self.on_frame(conn, &frame),
            Command::Kick { user_id, reason } => {
                let doomed: Vec<ConnId> = self
                    .conns
                    .iter()
                    .filter(|(_, c)| user_id.is_none_or(|u| c.access.user_id == u))
                    .map(|(id, _)| *id)
                    .collect();
                for id in doomed {
                    self.close(id, 4001, &reason);
                }
            }
            Command::Edit {
                user_id,
                change,
                done,
            } => {
                let doc = self.awareness.doc().clone();
                let update = {
                    let mut txn = doc.transact_mut();
                    change(&mut txn);
                    txn.commit();
                    if txn.before_state() == txn.after_state() && txn.delete_set().is_empty() {
                        None
                    } else {
                        Some((txn.encode_update_v1(), changed_roots(&txn)))
                    }
                };
                match update {
                    Some((update, roots)) => {
                        self.accepted(None, Some(user_id), update, roots.clone());
                        self.guard_reviews(user_id, &roots);
                        self.batch_waiters.push(done);
                    }
                    None => {
                        let _ = done.send(Ok(()));
                    }
                }
            }
            Command::Peer { first, last } => {
                let store = self.store.clone();
                let tx = self.commands.clone();
                let portfolio = self.portfolio_id;
                tokio::spawn(async move {
                    match store.rows(portfolio, first, last).await {
                        Ok(rows) => {
                            let _ = tx.send(Command::PeerRows(rows)).await;
                        }
                        Err(error) => {
                            tracing::warn!(portfolio, %error, "reading a peer's updates failed")
                        }
                    }
                });
            }
            Command::PeerRows(rows) => {
                self.peer_rows(rows);
            }
            Command::Stored {
                result,
                acknowledged,
                written,
            } => self.stored(result, acknowledged, written),
            Command::Compacted => {
                self.compacting = false;
            }
        }
    }

    /// Rows another instance stored: apply, pass on, and (as they are
    /// stored) tell everyone, unless our own unstored changes are pending.
    fn peer_rows(&mut self, rows: Vec<(Vec<u8>, Option<i32>)>) {
        for (data, user) in rows {
            let Ok(update) = Update::decode_v1(&data) else {
                continue;
            };
            let doc = self.awareness.doc().clone();
            let mut txn = doc.transact_mut();
            if txn.apply_update(update).is_err() {
                continue;
            }
            txn.commit();
            let roots = changed_roots(&txn);
            drop(txn);
            self.note_lengths(&roots);
            let message = frame(Message::Sync(SyncMessage::Update(data)));
            self.broadcast(None, &message);
            // Who wrote text there, for the review rule on this instance too.
            for root in &roots {
                if let (Some((criterion, Some(_))), Some(user)) = (schema::parse_root(root), user)
                    && self.criteria.contains(criterion)
                {
                    self.writers
                        .entry(criterion.to_string())
                        .or_default()
                        .insert(user);
                }
            }
            // The instance that stored them projected them too.
            let txn = self.awareness.doc().transact();
            for criterion in roots
                .iter()
                .filter_map(|r| schema::parse_root(r))
                .map(|(c, _)| c)
            {
                if self.criteria.contains(criterion) {
                    let content = schema::read_criterion(&txn, criterion);
                    self.statuses.insert(criterion.to_string(), content.status);
                    self.projected.insert(criterion.to_string(), content);
                }
            }
        }
        if self.batch.is_empty() && !self.writing {
            self.stored = self.awareness.doc().transact().state_vector();
            self.announce_stored(Instant::now());
        }
    }

    fn join(
        &mut self,
        conn: ConnId,
        access: Access,
        out: mpsc::Sender<Outbound>,
        joined: oneshot::Sender<()>,
    ) {
        self.idle_since = None;
        // What is stored, not what is in memory: the newcomer then sends back
        // anything not yet stored (harmless duplicates) and never believes an
        // unstored change is safe.
        let mut greeting = vec![frame(Message::Sync(SyncMessage::SyncStep1(
            self.stored.clone(),
        )))];
        if let Ok(update) = self.awareness.update()
            && !update.clients.is_empty()
        {
            greeting.push(frame(Message::Awareness(update)));
        }
        for f in greeting {
            let _ = out.try_send(Outbound::Frame(f));
        }
        self.conns.insert(
            conn,
            Conn {
                access,
                out,
                clients: HashSet::new(),
            },
        );
        let _ = joined.send(());
    }

    fn leave(&mut self, conn: ConnId) {
        let Some(gone) = self.conns.remove(&conn) else {
            return;
        };
        if !gone.clients.is_empty() {
            for client in &gone.clients {
                self.awareness.remove_state(*client);
            }
            if let Ok(update) = self
                .awareness
                .update_with_clients(gone.clients.iter().copied())
            {
                let message = frame(Message::Awareness(update));
                self.broadcast(None, &message);
            }
        }
        if self.conns.is_empty() {
            self.idle_since = Some(Instant::now());
            self.flush();
            self.compact();
        }
    }

    fn close(&mut self, conn: ConnId, code: u16, reason: &str) {
        if let Some(c) = self.conns.get(&conn) {
            let _ = c.out.try_send(Outbound::Close(code, reason.to_string()));
        }
        self.leave(conn);
    }

    fn send(&mut self, conn: ConnId, message: Vec<u8>) {
        let overflow = match self.conns.get(&conn) {
            Some(c) => c.out.try_send(Outbound::Frame(message)).is_err(),
            None => false,
        };
        if overflow {
            self.close(conn, 1013, "too slow");
        }
    }

    fn broadcast(&mut self, except: Option<ConnId>, message: &[u8]) {
        let mut overflowed = Vec::new();
        for (id, c) in &self.conns {
            if Some(*id) != except && c.out.try_send(Outbound::Frame(message.to_vec())).is_err() {
                overflowed.push(*id);
            }
        }
        for id in overflowed {
            self.close(id, 1013, "too slow");
        }
    }

    fn on_frame(&mut self, conn: ConnId, bytes: &[u8]) {
        if !self.conns.contains_key(&conn) {
            return;
        }
        // One message per frame, as Yjs clients send them; a frame that does
        // not decode whole is refused (a truncated one included).
        let decoded = std::panic::catch_unwind(|| Message::decode_v1(bytes));
        let Ok(Ok(message)) = decoded else {
            tracing::warn!(
                portfolio = self.portfolio_id,
                conn,
                "malformed sync message"
            );
            self.close(conn, 1003, "malformed message");
            return;
        };
        {
            match message {
                Message::Sync(SyncMessage::SyncStep1(sv)) => {
                    let diff = self.awareness.doc().transact().encode_diff_v1(&sv);
                    self.send(conn, frame(Message::Sync(SyncMessage::SyncStep2(diff))));
                }
                Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
                    if let Err((code, reason)) = self.client_update(conn, update) {
                        tracing::warn!(
                            portfolio = self.portfolio_id,
                            conn,
                            reason,
                            "update refused"
                        );
                        self.close(conn, code, reason);
                    }
                }
                Message::Awareness(update) => {
                    let user_id = self.conns[&conn].access.user_id;
                    // Presence may speak only for the person on this socket.
                    let honest = update.clients.values().all(|entry| {
                        &*entry.json == "null"
                            || Presence::parse(&entry.json).is_some_and(|p| p.user.id == user_id)
                    });
                    if !honest {
                        return;
                    }
                    let clients: Vec<ClientID> = update.clients.keys().copied().collect();
                    if self.awareness.apply_update(update.clone()).is_ok() {
                        if let Some(c) = self.conns.get_mut(&conn) {
                            c.clients.extend(clients);
                        }
                        self.broadcast(Some(conn), &frame(Message::Awareness(update)));
                    }
                }
                Message::AwarenessQuery => {
                    if let Ok(update) = self.awareness.update() {
                        self.send(conn, frame(Message::Awareness(update)));
                    }
                }
                Message::Auth(_) | Message::Custom(..) => {}
            }
        }
    }

    /// Checks and applies an update from a socket.
    fn client_update(&mut self, conn: ConnId, data: Vec<u8>) -> Result<(), (u16, &'static str)> {
        let access = self.conns[&conn].access.clone();
        let update = std::panic::catch_unwind(|| Update::decode_v1(&data))
            .map_err(|_| (1003, "malformed update"))?
            .map_err(|_| (1003, "malformed update"))?;
        if !access.can_write {
            // Every client answers the handshake with what it has that we
            // lack: usually nothing new (though it always carries the whole
            // delete set). Only an update that would change something is a write.
            return if update.is_empty() || !self.would_change(&data)? {
                Ok(())
            } else {
                Err((4003, "read-only: updates are not accepted"))
            };
        }
        self.check_lengths(&data)?;
        let doc = self.awareness.doc().clone();
        let mut txn = doc.transact_mut();
        txn.apply_update(update)
            .map_err(|_| (1003, "update could not be applied"))?;
        txn.commit();
        if txn.before_state() == txn.after_state() && txn.delete_set().is_empty() {
            return Ok(()); // already known: nothing to store or send
        }
        let roots = changed_roots(&txn);
        drop(txn);
        self.accepted(Some(conn), Some(access.user_id), data, roots.clone());
        self.guard_reviews(access.user_id, &roots);
        Ok(())
    }

    /// Keeps the review rule whatever a client sends: a criterion marked
    /// reviewed by one of its writers goes straight back to the status it
    /// had (an edit by the server, sent to everyone, the sender included).
    fn guard_reviews(&mut self, user_id: i32, roots: &[String]) {
        let mut undo = Vec::new();
        {
            let txn = self.awareness.doc().transact();
            for root in roots {
                match schema::parse_root(root) {
                    Some((criterion, Some(_))) if self.criteria.contains(criterion) => {
                        self.writers
                            .entry(criterion.to_string())
                            .or_default()
                            .insert(user_id);
                    }
                    _ => {}
                }
            }
            for root in roots {
                let Some((criterion, None)) = schema::parse_root(root) else {
                    continue;
                };
                if !self.criteria.contains(criterion) {
                    continue;
                }
                let now = schema::read_criterion(&txn, criterion).status;
                let before = self.statuses.get(criterion).copied().unwrap_or_default();
                let writers = self.writers.get(criterion).into_iter().flatten().copied();
                match crate::review::may_set_status(before, now, user_id, writers) {
                    Ok(()) => {
                        self.statuses.insert(criterion.to_string(), now);
                    }
                    Err(_) => undo.push((criterion.to_string(), before)),
                }
            }
        }
        if undo.is_empty() {
            return;
        }
        let doc = self.awareness.doc().clone();
        let correction = {
            let mut txn = doc.transact_mut();
            for (criterion, before) in &undo {
                schema::set_choice(&mut txn, criterion, schema::STATUS, Some(before.as_str()));
            }
            txn.commit();
            (txn.encode_update_v1(), changed_roots(&txn))
        };
        self.accepted(None, None, correction.0, correction.1);
    }

    /// Whether an update holds anything this document does not (tried on a copy).
    fn would_change(&self, data: &[u8]) -> Result<bool, (u16, &'static str)> {
        let known = self.awareness.doc().transact().state_vector();
        let update = Update::decode_v1(data).map_err(|_| (1003, "malformed update"))?;
        if update.extends(&known) {
            return Ok(true);
        }
        let scratch = schema::new_doc();
        let state = self
            .awareness
            .doc()
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        let base = Update::decode_v1(&state).map_err(|_| (1011, "internal error"))?;
        scratch
            .transact_mut()
            .apply_update(base)
            .map_err(|_| (1011, "internal error"))?;
        let mut txn = scratch.transact_mut();
        txn.apply_update(update)
            .map_err(|_| (1003, "update could not be applied"))?;
        txn.commit();
        Ok(txn.before_state() != txn.after_state() || !txn.delete_set().is_empty())
    }

    /// An update may not make any field longer than the framework allows. A
    /// small update cannot (it adds at most one character per byte), so only
    /// large ones near the limit are tried on a copy first.
    fn check_lengths(&self, data: &[u8]) -> Result<(), (u16, &'static str)> {
        let cap = self.caps.values().copied().min().unwrap_or(6000);
        let longest = self.lengths.values().copied().max().unwrap_or(0);
        if longest as usize + data.len() <= cap as usize {
            return Ok(());
        }
        let scratch = schema::new_doc();
        {
            let state = self
                .awareness
                .doc()
                .transact()
                .encode_state_as_update_v1(&StateVector::default());
            let mut txn = scratch.transact_mut();
            let base = Update::decode_v1(&state).map_err(|_| (1011, "internal error"))?;
            txn.apply_update(base)
                .map_err(|_| (1011, "internal error"))?;
            let update = Update::decode_v1(data).map_err(|_| (1003, "malformed update"))?;
            txn.apply_update(update)
                .map_err(|_| (1003, "update could not be applied"))?;
        }
        let txn = scratch.transact();
        for criterion in &self.criteria {
            for field in FieldKind::ALL {
                let limit = self.caps.get(&field).copied().unwrap_or(cap);
                let len = schema::read_text(&txn, criterion, field)
                    .encode_utf16()
                    .count() as u32;
                if len > limit {
                    return Err((1009, "a field would be longer than allowed"));
                }
            }
        }
        Ok(())
    }

    fn note_lengths(&mut self, roots: &[String]) {
        let txn = self.awareness.doc().transact();
        for root in roots {
            if let Some((criterion, Some(field))) = schema::parse_root(root) {
                let len = schema::read_text(&txn, criterion, field)
                    .encode_utf16()
                    .count() as u32;
                self.lengths.insert(root.clone(), len);
            }
        }
    }

    /// An applied update: broadcast it now, store it with the next batch.
    fn accepted(
        &mut self,
        from: Option<ConnId>,
        user_id: Option<i32>,
        data: Vec<u8>,
        roots: Vec<String>,
    ) {
        self.note_lengths(&roots);
        let message = frame(Message::Sync(SyncMessage::Update(data.clone())));
        self.broadcast(from, &message);
        for root in &roots {
            if let Some((criterion, _)) = schema::parse_root(root)
                && self.criteria.contains(criterion)
            {
                // The server's own corrections are projected, credited to nobody.
                let users = self.batch_touched.entry(criterion.to_string()).or_default();
                if user_id.is_some() {
                    users.insert(user_id);
                }
            }
        }
        self.batch.push(PendingUpdate { data, user_id });
        if self.batch_deadline.is_none() {
            self.batch_deadline = Some(Instant::now() + BATCH_DELAY);
        }
    }

    /// Hands the batch to the writer, unless it is still busy with the last one.
    fn flush(&mut self) {
        if self.writing || self.batch.is_empty() {
            return;
        }
        self.batch_deadline = None;
        let batch = merge(std::mem::take(&mut self.batch));
        let touched = std::mem::take(&mut self.batch_touched);
        self.waiters_in_flight = std::mem::take(&mut self.batch_waiters);

        let mut projections: Vec<Projection> = std::mem::take(&mut self.retry_projections);
        let mut touches = std::mem::take(&mut self.retry_touches);
        let acknowledged;
        {
            let txn = self.awareness.doc().transact();
            acknowledged = txn.state_vector();
            for (criterion, users) in touched {
                let now = schema::read_criterion(&txn, &criterion);
                let before = self.projected.get(&criterion).cloned().unwrap_or_default();
                if now == before {
                    continue;
                }
                let moment = Instant::now();
                for field in changed_fields(&before, &now) {
                    for user in &users {
                        let key = (criterion.clone(), field.to_string(), *user);
                        if self
                            .audited
                            .get(&key)
                            .is_some_and(|t| moment.duration_since(*t) < AUDIT_EVERY)
                        {
                            continue;
                        }
                        self.audited.insert(key, moment);
                        touches.push(Touch {
                            criterion: criterion.clone(),
                            field: field.to_string(),
                            user_id: *user,
                        });
                    }
                }
                self.projected.insert(criterion.clone(), now.clone());
                // who changed it: someone in this batch, or who did before
                let by = users.iter().flatten().copied().max().or_else(|| {
                    projections
                        .iter()
                        .find(|p| p.criterion == criterion)
                        .and_then(|p| p.by)
                });
                projections.retain(|p| p.criterion != criterion);
                projections.push(Projection {
                    criterion,
                    content: now,
                    by,
                });
            }
        }

        self.writing = true;
        let job = WriteJob {
            portfolio_id: self.portfolio_id,
            batch,
            projections,
            touches,
        };
        let writer = self.writer.clone();
        let tx = self.commands.clone();
        tokio::spawn(async move {
            let (done, stored) = oneshot::channel();
            let (result, written) = match writer.send((job, done)).await {
                Ok(()) => match stored.await {
                    Ok(outcome) => outcome,
                    Err(_) => return,
                },
                Err(mpsc::error::SendError((job, _))) => {
                    (Err("the writer has stopped".into()), job)
                }
            };
            let _ = tx
                .send(Command::Stored {
                    result,
                    acknowledged,
                    written,
                })
                .await;
        });
    }

    fn stored(&mut self, result: Result<(), String>, acknowledged: StateVector, written: WriteJob) {
        self.writing = false;
        let waiters = std::mem::take(&mut self.waiters_in_flight);
        match result {
            Ok(()) => {
                self.since_snapshot += written.batch.len() as u64;
                // Everyone holds these updates now (they were broadcast), so
                // everyone is told they are stored.
                self.stored = acknowledged;
                self.announce_stored(Instant::now());
                for w in waiters {
                    let _ = w.send(Ok(()));
                }
                if self.since_snapshot >= COMPACT_AFTER {
                    self.compact();
                }
            }
            Err(error) => {
                // Keep it all, in front, and try again shortly; nothing is
                // acknowledged meanwhile, so no draft is cleared.
                tracing::error!(portfolio = self.portfolio_id, %error, "storing updates failed; will retry");
                let mut retry = written.batch;
                retry.append(&mut self.batch);
                self.batch = retry;
                self.retry_projections = written.projections;
                self.retry_touches = written.touches;
                self.batch_waiters.extend(waiters);
                self.batch_deadline = Some(Instant::now() + Duration::from_millis(500));
                return;
            }
        }
        self.flush();
    }

    fn compact(&mut self) {
        if self.compacting || self.since_snapshot == 0 {
            return;
        }
        self.compacting = true;
        self.since_snapshot = 0;
        let store = self.store.clone();
        let tx = self.commands.clone();
        let portfolio = self.portfolio_id;
        tokio::spawn(async move {
            if let Err(error) = store.compact(portfolio).await {
                tracing::warn!(portfolio, %error, "compaction failed; the log is kept");
            }
            let _ = tx.send(Command::Compacted).await;
        });
    }
}

/// A batch as one update row (Yjs updates merge), so the log grows by one
/// row per document per write however fast people type. Kept apart if the
/// merge fails, which only a malformed stored update could cause.
fn merge(batch: Vec<PendingUpdate>) -> Vec<PendingUpdate> {
    if batch.len() < 2 {
        return batch;
    }
    let first_user = batch[0].user_id;
    let user_id = batch
        .iter()
        .all(|u| u.user_id == first_user)
        .then_some(first_user)
        .flatten();
    match yrs::merge_updates_v1(batch.iter().map(|u| u.data.as_slice())) {
        Ok(data) => vec![PendingUpdate { data, user_id }],
        Err(_) => batch,
    }
}

/// Names of the root types a committed transaction changed.
fn changed_roots(txn: &TransactionMut) -> Vec<String> {
    txn.changed_parent_types()
        .iter()
        .filter_map(|branch| match branch.id() {
            BranchID::Root(name) => Some(name.to_string()),
            BranchID::Nested(_) => None,
        })
        .collect()
}

fn changed_fields(before: &CriterionContent, after: &CriterionContent) -> Vec<&'static str> {
    let mut fields = Vec::new();
    for field in FieldKind::ALL {
        if before.text(field) != after.text(field) {
            fields.push(field.as_str());
        }
    }
    if before.standard != after.standard {
        fields.push(schema::STANDARD);
    }
    if before.status != after.status {
        fields.push(schema::STATUS);
    }
    if before.owner != after.owner {
        fields.push(schema::OWNER);
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::updates::decoder::Decode;

    #[test]
    fn changed_roots_of_a_remote_update() {
        let a = schema::new_doc();
        let update = {
            let mut txn = a.transact_mut();
            schema::set_text(&mut txn, "1.7", FieldKind::NextSteps, "hello");
            txn.encode_update_v1()
        };
        let b = schema::new_doc();
        let mut txn = b.transact_mut();
        schema::define_roots(&mut txn, ["1.7"]);
        txn.apply_update(Update::decode_v1(&update).unwrap())
            .unwrap();
        txn.commit();
        assert_eq!(changed_roots(&txn), vec!["1.7/next_steps".to_string()]);
    }
}

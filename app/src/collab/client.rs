//! The sync client: a document, the person's presence, and the y-sync
//! conversation with the server. No browser APIs here, so the browser, the
//! convergence tests and the load generator all run this same code.

use yrs::sync::{Awareness, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Transact, TransactionMut, Update};

use super::presence::Presence;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SyncError {
    #[error("the server sent something that is not a y-sync message")]
    Decode,
    #[error("an update could not be applied")]
    Apply,
}

/// What one frame from the server meant.
#[derive(Debug, Default)]
pub struct Incoming {
    /// Frames to send back.
    pub replies: Vec<Vec<u8>>,
    /// The document changed (remote edits arrived).
    pub doc_changed: bool,
    /// Someone's presence changed.
    pub presence_changed: bool,
    /// The server told us what it has stored (its state vector).
    pub acknowledged: bool,
    /// The server refused us, with its reason.
    pub refused: Option<String>,
}

pub struct SyncClient {
    awareness: Awareness,
    /// What the server has stored, as it last told us.
    server_state: Option<StateVector>,
    /// Whether this connection's handshake is complete.
    handshake_done: bool,
}

pub fn encode(message: Message) -> Vec<u8> {
    message.encode_v1()
}

/// `covering` holds everything `covered` does.
pub fn covers(covering: &StateVector, covered: &StateVector) -> bool {
    covered
        .iter()
        .all(|(client, clock)| covering.get(client) >= *clock)
}

impl SyncClient {
    pub fn new(awareness: Awareness) -> Self {
        SyncClient {
            awareness,
            server_state: None,
            handshake_done: false,
        }
    }

    pub fn doc(&self) -> &Doc {
        self.awareness.doc()
    }

    pub fn awareness(&self) -> &Awareness {
        &self.awareness
    }

    /// Merges a saved state (a local draft) into the document.
    pub fn load(&mut self, update: &[u8]) -> Result<(), SyncError> {
        let update = Update::decode_v1(update).map_err(|_| SyncError::Decode)?;
        self.doc()
            .transact_mut()
            .apply_update(update)
            .map_err(|_| SyncError::Apply)
    }

    /// The frames that open a (re)connection: our state vector, so the server
    /// sends what we lack and asks for what it lacks, and our presence.
    pub fn connected(&mut self) -> Vec<Vec<u8>> {
        self.handshake_done = false;
        let sv = self.doc().transact().state_vector();
        let mut frames = vec![encode(Message::Sync(SyncMessage::SyncStep1(sv)))];
        if self.awareness.local_state_raw().is_some()
            && let Ok(update) = self
                .awareness
                .update_with_clients([self.awareness.client_id()])
        {
            frames.push(encode(Message::Awareness(update)));
        }
        frames
    }

    /// The connection is gone: nothing is acknowledged any more until the next handshake.
    pub fn disconnected(&mut self) {
        self.handshake_done = false;
    }

    pub fn receive(&mut self, frame: &[u8]) -> Result<Incoming, SyncError> {
        let mut incoming = Incoming::default();
        let message = Message::decode_v1(frame).map_err(|_| SyncError::Decode)?;
        match message {
            Message::Sync(SyncMessage::SyncStep1(server_sv)) => {
                if !self.handshake_done {
                    // Send whatever the server lacks: offline edits, lost sends.
                    let diff = self.doc().transact().encode_diff_v1(&server_sv);
                    incoming
                        .replies
                        .push(encode(Message::Sync(SyncMessage::SyncStep2(diff))));
                    self.handshake_done = true;
                }
                self.server_state = Some(server_sv);
                incoming.acknowledged = true;
            }
            Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
                let update = Update::decode_v1(&update).map_err(|_| SyncError::Decode)?;
                self.doc()
                    .transact_mut()
                    .apply_update(update)
                    .map_err(|_| SyncError::Apply)?;
                incoming.doc_changed = true;
            }
            Message::Awareness(update) => {
                if self.awareness.apply_update(update).is_ok() {
                    incoming.presence_changed = true;
                }
            }
            Message::AwarenessQuery => {
                if let Ok(update) = self.awareness.update() {
                    incoming.replies.push(encode(Message::Awareness(update)));
                }
            }
            Message::Auth(reason) => incoming.refused = reason,
            Message::Custom(..) => {}
        }
        Ok(incoming)
    }

    /// Makes a local change; returns the update frame to send, or `None` if
    /// nothing changed.
    pub fn edit(&mut self, change: impl FnOnce(&mut TransactionMut)) -> Option<Vec<u8>> {
        let doc = self.doc().clone();
        let mut txn = doc.transact_mut();
        change(&mut txn);
        txn.commit();
        let changed = txn.before_state() != txn.after_state() || !txn.delete_set().is_empty();
        if !changed {
            return None;
        }
        let update = txn.encode_update_v1();
        Some(encode(Message::Sync(SyncMessage::Update(update))))
    }

    /// Says where this person is; returns the awareness frame to send.
    pub fn set_presence(&mut self, presence: &Presence) -> Option<Vec<u8>> {
        self.awareness.set_local_state(presence).ok()?;
        let update = self
            .awareness
            .update_with_clients([self.awareness.client_id()])
            .ok()?;
        Some(encode(Message::Awareness(update)))
    }

    /// Everyone else here and where they are.
    pub fn others(&self) -> Vec<Presence> {
        let me = self.awareness.client_id();
        let mut others: Vec<Presence> = self
            .awareness
            .iter()
            .filter(|(id, _)| *id != me)
            .filter_map(|(_, state)| state.data.as_deref().and_then(Presence::parse))
            .collect();
        others.sort_by(|a, b| a.user.name.cmp(&b.user.name));
        others.dedup_by(|a, b| a.user.id == b.user.id && a.criterion == b.criterion);
        others
    }

    /// What the server last said it has stored.
    pub fn server_state(&self) -> Option<&StateVector> {
        self.server_state.as_ref()
    }

    /// This document holds everything the server said it has: safe to show and edit.
    pub fn is_synced(&self) -> bool {
        let local = self.doc().transact().state_vector();
        self.server_state
            .as_ref()
            .is_some_and(|server| covers(&local, server))
    }

    /// The server has stored everything this document holds.
    pub fn is_saved(&self) -> bool {
        let local = self.doc().transact().state_vector();
        self.server_state
            .as_ref()
            .is_some_and(|server| covers(server, &local))
    }

    /// The whole document, for a local draft.
    pub fn state(&self) -> Vec<u8> {
        self.doc()
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }
}

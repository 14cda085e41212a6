//! Local drafts: the document as this browser knows it, kept in localStorage
//! under `draft:v1:{portfolio}:{user}` before anything is sent. Read-merge-write
//! keeps two tabs from overwriting each other; a draft is removed only when the
//! server's stored state covers it.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact, Update};

use crate::collab::client::covers;
use crate::collab::schema;

const PREFIX: &str = "draft:v1:";

pub struct Drafts {
    key: String,
    user_id: i32,
    /// What this tab last wrote; anything else there came from another tab.
    last_written: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum DraftError {
    /// The browser's storage is full even after dropping older drafts.
    Full,
    /// Storage is unavailable (private mode, disabled).
    Unavailable,
}

fn is_quota(error: &StorageError) -> bool {
    match error {
        StorageError::JsError(e) => e.name == "QuotaExceededError",
        _ => false,
    }
}

fn raw_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Drafts {
    pub fn new(portfolio_id: i32, user_id: i32) -> Self {
        Drafts {
            key: format!("{PREFIX}{portfolio_id}:{user_id}"),
            user_id,
            last_written: None,
        }
    }

    /// The stored draft, if any.
    pub fn load(&self) -> Option<Vec<u8>> {
        let text: String = LocalStorage::get(&self.key).ok()?;
        STANDARD.decode(text).ok()
    }

    /// Stores `state`, merged with whatever another tab stored meanwhile.
    pub fn save(&mut self, state: &[u8]) -> Result<(), DraftError> {
        let current: Option<String> = LocalStorage::get(&self.key).ok();
        let merged = match (&current, &self.last_written) {
            (Some(theirs), Some(mine)) if theirs != mine => merge(state, theirs),
            (Some(theirs), None) => merge(state, theirs),
            _ => state.to_vec(),
        };
        let text = STANDARD.encode(&merged);
        match LocalStorage::set(&self.key, &text) {
            Ok(()) => {}
            Err(e) if is_quota(&e) => {
                self.drop_other_drafts();
                LocalStorage::set(&self.key, &text).map_err(|e| {
                    if is_quota(&e) {
                        DraftError::Full
                    } else {
                        DraftError::Unavailable
                    }
                })?;
            }
            Err(_) => return Err(DraftError::Unavailable),
        }
        self.last_written = Some(text);
        Ok(())
    }

    /// Removes the draft if the server has stored everything in it.
    pub fn clear_if_covered(&mut self, server: &StateVector) {
        let Some(bytes) = self.load() else { return };
        let Ok(update) = Update::decode_v1(&bytes) else {
            LocalStorage::delete(&self.key);
            return;
        };
        if covers(server, &update.state_vector()) {
            LocalStorage::delete(&self.key);
            self.last_written = None;
        }
    }

    /// Frees room: this person's drafts of other portfolios go first.
    fn drop_other_drafts(&self) {
        let Some(storage) = raw_storage() else { return };
        let suffix = format!(":{}", self.user_id);
        let length = storage.length().unwrap_or(0);
        let mut doomed = Vec::new();
        for i in 0..length {
            if let Ok(Some(key)) = storage.key(i)
                && key.starts_with(PREFIX)
                && key.ends_with(&suffix)
                && key != self.key
            {
                doomed.push(key);
            }
        }
        for key in doomed {
            let _ = storage.remove_item(&key);
        }
    }
}

/// Both states in one (merging CRDT states is idempotent).
fn merge(mine: &[u8], theirs_base64: &str) -> Vec<u8> {
    let Ok(theirs) = STANDARD.decode(theirs_base64) else {
        return mine.to_vec();
    };
    let doc = schema::new_doc();
    {
        let mut txn = doc.transact_mut();
        for bytes in [mine, theirs.as_slice()] {
            if let Ok(update) = Update::decode_v1(bytes) {
                let _ = txn.apply_update(update);
            }
        }
    }
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}

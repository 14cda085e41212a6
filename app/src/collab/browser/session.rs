//! One portfolio open in the browser: the document, its websocket (reconnected
//! forever with backoff), and the draft written before anything is sent.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};
use yrs::Transact;
use yrs::sync::Awareness;

use super::drafts::{DraftError, Drafts};
use crate::collab::client::SyncClient;
use crate::collab::handle::{Collab, SaveStatus};
use crate::collab::presence::{Presence, PresenceUser};
use crate::collab::schema::{self, CriterionContent};
use crate::rubric::FieldKind;

/// Longest wait between reconnection attempts.
const MAX_BACKOFF_MS: f64 = 15_000.0;

struct Inner {
    portfolio_id: i32,
    user: PresenceUser,
    client: SyncClient,
    drafts: Drafts,
    socket: Option<WebSocket>,
    open: bool,
    attempts: u32,
    stopped: bool,
    signals: Collab,
    /// Event handlers, kept alive as long as the session.
    handlers: Vec<Box<dyn std::any::Any>>,
}

#[derive(Clone)]
pub struct Session(Rc<RefCell<Inner>>);

fn socket_url(portfolio_id: i32) -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!(
        "{scheme}://{}/portfolios/{portfolio_id}/collab",
        location.host().ok()?
    ))
}

pub fn start(portfolio_id: i32, user: PresenceUser, signals: Collab) -> Session {
    let doc = schema::new_doc();
    let awareness = Awareness::with_clock(doc, || js_sys::Date::now() as u64);
    let mut client = SyncClient::new(awareness);
    let drafts = Drafts::new(portfolio_id, user.id);
    if let Some(draft) = drafts.load()
        && client.load(&draft).is_ok()
    {
        // Offline or not, what this device kept can be shown and edited.
        signals.ready.set(true);
        signals.version.update(|v| *v += 1);
    }
    let session = Session(Rc::new(RefCell::new(Inner {
        portfolio_id,
        user,
        client,
        drafts,
        socket: None,
        open: false,
        attempts: 0,
        stopped: false,
        signals,
        handlers: Vec::new(),
    })));
    session.keep_draft_on_leave();
    session.connect();
    session
}

impl Session {
    fn connect(&self) {
        let (portfolio_id, stopped) = {
            let inner = self.0.borrow();
            (inner.portfolio_id, inner.stopped)
        };
        if stopped {
            return;
        }
        let Some(url) = socket_url(portfolio_id) else {
            return;
        };
        let socket = match WebSocket::new(&url) {
            Ok(s) => s,
            Err(_) => {
                self.reconnect_later();
                return;
            }
        };
        socket.set_binary_type(BinaryType::Arraybuffer);

        let me = self.clone();
        let on_open = Closure::<dyn FnMut()>::new(move || me.opened());
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));

        let me = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Ok(buffer) = event.data().dyn_into::<js_sys::ArrayBuffer>() {
                me.received(&js_sys::Uint8Array::new(&buffer).to_vec());
            }
        });
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let me = self.clone();
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            me.closed(event.code(), event.reason())
        });
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));

        let mut inner = self.0.borrow_mut();
        inner.handlers.push(Box::new(on_open));
        inner.handlers.push(Box::new(on_message));
        inner.handlers.push(Box::new(on_close));
        inner.socket = Some(socket);
    }

    fn opened(&self) {
        let (frames, saved, signals) = {
            let mut inner = self.0.borrow_mut();
            inner.open = true;
            inner.attempts = 0;
            let frames = inner.client.connected();
            (frames, inner.client.is_saved(), inner.signals)
        };
        for frame in frames {
            self.send(&frame);
        }
        signals.status.set(if saved {
            SaveStatus::Saved
        } else {
            SaveStatus::Saving
        });
        signals.notice.set(None);
    }

    fn received(&self, frame: &[u8]) {
        let (incoming, signals, saved, synced, others) = {
            let mut inner = self.0.borrow_mut();
            let Ok(incoming) = inner.client.receive(frame) else {
                return;
            };
            let saved = inner.client.is_saved();
            if incoming.acknowledged
                && saved
                && let Some(server) = inner.client.server_state().cloned()
            {
                inner.drafts.clear_if_covered(&server);
            }
            let others = incoming.presence_changed.then(|| inner.client.others());
            let synced = inner.client.is_synced();
            (incoming, inner.signals, saved, synced, others)
        };
        for reply in &incoming.replies {
            self.send(reply);
        }
        if synced && !signals.ready.get_untracked() {
            signals.ready.set(true);
        }
        if incoming.acknowledged {
            signals.status.set(if saved {
                SaveStatus::Saved
            } else {
                SaveStatus::Saving
            });
        }
        if incoming.doc_changed {
            signals.version.update(|v| *v += 1);
        }
        if let Some(others) = others {
            signals.others.set(others);
        }
        if let Some(reason) = incoming.refused {
            signals.notice.set(Some(reason));
        }
    }

    fn closed(&self, code: u16, reason: String) {
        let signals = {
            let mut inner = self.0.borrow_mut();
            inner.open = false;
            inner.socket = None;
            inner.client.disconnected();
            if inner.stopped {
                return;
            }
            if code == 4003 {
                // Refused changes stay refused: retry slowly, not in a loop.
                inner.attempts = inner.attempts.max(6);
            }
            inner.signals
        };
        signals.status.set(SaveStatus::Offline);
        signals.others.set(Vec::new());
        if code == 4003 {
            signals.notice.set(Some(
                "You can read this portfolio but not change it.".into(),
            ));
        } else if code == 1009 {
            signals.notice.set(Some(reason));
        }
        self.reconnect_later();
    }

    fn reconnect_later(&self) {
        let delay = {
            let mut inner = self.0.borrow_mut();
            inner.attempts += 1;
            let base = (500.0 * 2f64.powi(inner.attempts.min(10) as i32)).min(MAX_BACKOFF_MS);
            base * (0.5 + js_sys::Math::random() / 2.0)
        };
        let me = self.clone();
        set_timeout(move || me.connect(), Duration::from_millis(delay as u64));
    }

    fn send(&self, frame: &[u8]) {
        let inner = self.0.borrow();
        if inner.open
            && let Some(socket) = &inner.socket
        {
            let _ = socket.send_with_u8_array(frame);
        }
    }

    /// Keeps the draft, then sends: a change is on this device before it is on its way.
    fn local_change(&self, frame: Option<Vec<u8>>) {
        let Some(frame) = frame else { return };
        let (signals, open, saved) = {
            let mut inner = self.0.borrow_mut();
            let state = inner.client.state();
            let saved = inner.drafts.save(&state);
            (inner.signals, inner.open, saved)
        };
        match saved {
            Ok(()) => {}
            Err(DraftError::Full) => signals.notice.set(Some(
                "This device's storage is full, so changes are not kept on it. Stay online until they are saved."
                    .into(),
            )),
            Err(DraftError::Unavailable) => signals.notice.set(Some(
                "This browser does not let us keep changes on the device. Stay online until they are saved.".into(),
            )),
        }
        self.send(&frame);
        signals.version.update(|v| *v += 1);
        signals.status.set(if open {
            SaveStatus::Saving
        } else {
            SaveStatus::Offline
        });
    }

    pub fn criterion(&self, criterion: &str) -> CriterionContent {
        let inner = self.0.borrow();
        schema::read_criterion(&inner.client.doc().transact(), criterion)
    }

    pub fn set_text(&self, criterion: &str, field: FieldKind, value: &str) {
        let frame = self
            .0
            .borrow_mut()
            .client
            .edit(|txn| schema::set_text(txn, criterion, field, value));
        self.local_change(frame);
    }

    pub fn set_choice(&self, criterion: &str, key: &str, value: Option<&str>) {
        let frame = self
            .0
            .borrow_mut()
            .client
            .edit(|txn| schema::set_choice(txn, criterion, key, value));
        self.local_change(frame);
    }

    pub fn set_presence(&self, criterion: Option<String>) {
        let frame = {
            let mut inner = self.0.borrow_mut();
            let presence = Presence {
                user: inner.user.clone(),
                criterion,
            };
            inner.client.set_presence(&presence)
        };
        if let Some(frame) = frame {
            self.send(&frame);
        }
    }

    /// Writes the draft when the tab is hidden or closed.
    fn keep_draft_on_leave(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let me = self.clone();
        let save = Closure::<dyn FnMut()>::new(move || {
            let mut inner = me.0.borrow_mut();
            if !inner.client.is_saved() {
                let state = inner.client.state();
                let _ = inner.drafts.save(&state);
            }
        });
        let _ = window.add_event_listener_with_callback("pagehide", save.as_ref().unchecked_ref());
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                save.as_ref().unchecked_ref(),
            );
        }
        self.0.borrow_mut().handlers.push(Box::new(save));
    }

    pub fn stop(&self) {
        let socket = {
            let mut inner = self.0.borrow_mut();
            inner.stopped = true;
            if !inner.client.is_saved() {
                let state = inner.client.state();
                let _ = inner.drafts.save(&state);
            }
            inner.socket.take()
        };
        if let Some(socket) = socket {
            let _ = socket.close();
        }
    }
}

//! What pages hold of the collaboration session: signals that render on the
//! server too, and (in the browser) the session itself.

use leptos::prelude::*;

use super::presence::Presence;
use super::schema::CriterionContent;
use crate::rubric::FieldKind;

/// What the person is told about their changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SaveStatus {
    #[default]
    Connecting,
    /// Sent, not yet stored.
    Saving,
    /// Stored on the server.
    Saved,
    /// No connection: changes are kept on this device.
    Offline,
}

impl SaveStatus {
    pub fn label(self) -> &'static str {
        match self {
            SaveStatus::Connecting => "Connecting…",
            SaveStatus::Saving => "Saving…",
            SaveStatus::Saved => "All changes saved",
            SaveStatus::Offline => "Offline – changes kept on this device",
        }
    }
}

#[derive(Clone, Copy)]
pub struct Collab {
    /// Bumped whenever the document changes.
    pub version: RwSignal<u64>,
    pub status: RwSignal<SaveStatus>,
    /// Everyone else in this portfolio, and where.
    pub others: RwSignal<Vec<Presence>>,
    /// The document can be shown and edited (synced, or a draft loaded).
    pub ready: RwSignal<bool>,
    /// A problem to show (storage full, access refused).
    pub notice: RwSignal<Option<String>>,
    #[cfg(feature = "hydrate")]
    session: StoredValue<Option<super::browser::Session>, LocalStorage>,
    /// Where the handle was provided (the portfolio's layout): the session
    /// ends when that is left, whichever page started it.
    #[cfg(feature = "hydrate")]
    provided_in: StoredValue<Option<Owner>, LocalStorage>,
}

impl Default for Collab {
    fn default() -> Self {
        Self::new()
    }
}

impl Collab {
    pub fn new() -> Self {
        Collab {
            version: RwSignal::new(0),
            status: RwSignal::new(SaveStatus::Connecting),
            others: RwSignal::new(Vec::new()),
            ready: RwSignal::new(false),
            notice: RwSignal::new(None),
            #[cfg(feature = "hydrate")]
            session: StoredValue::new_local(None),
            #[cfg(feature = "hydrate")]
            provided_in: StoredValue::new_local(Owner::current()),
        }
    }

    /// Opens the portfolio's document in the browser (once).
    #[cfg(feature = "hydrate")]
    pub fn start(&self, portfolio_id: i32, user: super::presence::PresenceUser) {
        if self.session.with_value(Option::is_some) {
            return;
        }
        let session = super::browser::start(portfolio_id, user, *self);
        self.session.set_value(Some(session));
        // Registered here, not by the layout, so that pages which never edit
        // (a governor's dashboard) never load the session's code.
        let this = *self;
        self.provided_in.with_value(|owner| {
            if let Some(owner) = owner {
                owner.with(|| on_cleanup(move || this.stop()));
            }
        });
    }

    /// Closes the socket (leaving the portfolio), keeping the draft.
    pub fn stop(&self) {
        #[cfg(feature = "hydrate")]
        if let Some(session) = self.session.try_update_value(Option::take).flatten() {
            session.stop();
        }
    }

    /// A criterion as the document holds it; `None` until the document is ready.
    pub fn criterion(&self, criterion: &str) -> Option<CriterionContent> {
        self.version.track();
        if !self.ready.get() {
            return None;
        }
        #[cfg(feature = "hydrate")]
        {
            self.session
                .with_value(|s| s.as_ref().map(|s| s.criterion(criterion)))
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = criterion;
            None
        }
    }

    pub fn set_text(&self, criterion: &str, field: FieldKind, value: &str) {
        #[cfg(feature = "hydrate")]
        self.session.with_value(|s| {
            if let Some(s) = s {
                s.set_text(criterion, field, value);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (criterion, field, value);
    }

    pub fn set_choice(&self, criterion: &str, key: &str, value: Option<&str>) {
        #[cfg(feature = "hydrate")]
        self.session.with_value(|s| {
            if let Some(s) = s {
                s.set_choice(criterion, key, value);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (criterion, key, value);
    }

    /// Tells the others where this person is.
    pub fn set_presence(&self, criterion: Option<String>) {
        #[cfg(feature = "hydrate")]
        self.session.with_value(|s| {
            if let Some(s) = s {
                s.set_presence(criterion);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = criterion;
    }

    /// The names of the others on a criterion.
    pub fn others_on(&self, criterion: &str) -> Vec<String> {
        self.others
            .get()
            .into_iter()
            .filter(|p| p.criterion.as_deref() == Some(criterion))
            .map(|p| p.user.name)
            .collect()
    }
}

pub fn provide_collab() -> Collab {
    let collab = Collab::new();
    provide_context(collab);
    collab
}

pub fn use_collab() -> Collab {
    use_context::<Collab>().unwrap_or_default()
}

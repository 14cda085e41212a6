//! Who is asking: the session names a user; this middleware loads who they are
//! once per request and leaves it in the request's extensions, for the policy
//! (the principal) and for the pages (their name and schools).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::{Expiry, Session};

use super::Principal;
use crate::model::Me;
use crate::services::accounts;
use crate::state::AppState;

pub const SESSION_USER_KEY: &str = "user_id";
/// When the session was last saved because it was in use (Unix seconds).
pub const SESSION_REFRESHED_KEY: &str = "refreshed_at";

/// Whether a session last refreshed at `last` is saved again at `now`: once
/// `every` has passed, so a session in use outlives its idle limit while one
/// left alone ends within `every` of it.
pub fn refresh_due(last: Option<i64>, now: i64, every: i64) -> bool {
    last.is_none_or(|last| now - last >= every || now < last)
}

/// Moves a signed-in session's expiry on by `idle`, at most every `every`:
/// the session is saved (and its cookie sent again) only then.
async fn keep_alive(session: &Session, idle: chrono::Duration, every: chrono::Duration) {
    let now = chrono::Utc::now().timestamp();
    let last = session
        .get::<i64>(SESSION_REFRESHED_KEY)
        .await
        .ok()
        .flatten();
    if !refresh_due(last, now, every.num_seconds()) {
        return;
    }
    if let Err(error) = session.insert(SESSION_REFRESHED_KEY, now).await {
        tracing::warn!(%error, "refreshing the session failed");
    }
    // Marks the session changed even within the second it was refreshed in.
    session.set_expiry(Some(Expiry::OnInactivity(time::Duration::seconds(
        idle.num_seconds(),
    ))));
}

/// The signed-in person for this request, if any.
#[derive(Clone, Debug, Default)]
pub struct Identity {
    pub principal: Option<Principal>,
    pub me: Option<Me>,
}

impl From<&Me> for Principal {
    fn from(me: &Me) -> Self {
        Principal {
            user_id: me.id,
            is_admin: me.is_admin,
            assessor_of: me.assessor_of.as_ref().map(|(id, _)| *id),
            memberships: me
                .memberships
                .iter()
                .map(|m| (m.school_id, m.role))
                .collect(),
        }
    }
}

pub async fn load_identity(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let user_id = session.get::<i32>(SESSION_USER_KEY).await.ok().flatten();
    let me = match user_id {
        Some(id) => match accounts::me(&state.db, id).await {
            Ok(found) => found,
            Err(e) => {
                tracing::error!(error = %e, "loading the signed-in user failed");
                None
            }
        },
        None => None,
    };
    if me.is_some() {
        let settings = &state.settings;
        keep_alive(&session, settings.session_idle, settings.session_refresh).await;
    }
    request.extensions_mut().insert(Identity {
        principal: me.as_ref().map(Principal::from),
        me,
    });
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::refresh_due;

    #[test]
    fn a_session_in_use_is_saved_again_once_the_interval_has_passed() {
        let every = 15 * 60;
        assert!(refresh_due(None, 1_000_000, every));
        assert!(!refresh_due(Some(1_000_000), 1_000_000, every));
        assert!(!refresh_due(Some(1_000_000), 1_000_000 + every - 1, every));
        assert!(refresh_due(Some(1_000_000), 1_000_000 + every, every));
        // a clock set back does not keep an old time from being refreshed
        assert!(refresh_due(Some(1_000_000), 999_000, every));
        assert!(refresh_due(Some(5), 5, 0));
    }
}

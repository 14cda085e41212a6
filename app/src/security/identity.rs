//! Who is asking: the session names a user; this middleware loads who they are
//! once per request and leaves it in the request's extensions, for the policy
//! (the principal) and for the pages (their name and schools).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use super::Principal;
use crate::model::Me;
use crate::services::accounts;
use crate::state::AppState;

pub const SESSION_USER_KEY: &str = "user_id";

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
    request.extensions_mut().insert(Identity {
        principal: me.as_ref().map(Principal::from),
        me,
    });
    next.run(request).await
}

//! Server functions, one file per part of the product. Each one is thin:
//! find out who is asking, ask the policy, call a service, map the result.

pub mod admin;
pub mod auth;
pub mod award;
pub mod board;
pub mod duties;
pub mod evidence;
pub mod frameworks;
pub mod invitations;
pub mod members;
pub mod portfolios;
pub mod report;
pub mod resets;
pub mod review;
pub mod schools;
pub mod surveys;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use http::request::Parts;
    use leptos::prelude::*;
    use leptos_axum::ResponseOptions;

    use crate::error::AppError;
    use crate::security::identity::Identity;
    use crate::security::{Action, Principal, Target, decide};
    use crate::services::access::{self, Located};
    use crate::services::{ServiceError, ServiceResult};
    use crate::state::AppState;

    /// What a server function knows about its request.
    pub struct Ctx {
        pub state: AppState,
        pub principal: Option<Principal>,
        pub parts: Parts,
    }

    impl Ctx {
        pub async fn load() -> ServiceResult<Ctx> {
            let state = use_context::<AppState>()
                .ok_or_else(|| ServiceError::Internal("no AppState in context".into()))?;
            let parts = use_context::<Parts>()
                .ok_or_else(|| ServiceError::Internal("no request parts in context".into()))?;
            let principal = parts
                .extensions
                .get::<Identity>()
                .and_then(|i| i.principal.clone());
            Ok(Ctx {
                state,
                principal,
                parts,
            })
        }

        /// Like [`Ctx::load`], but 401 for anyone not signed in, before
        /// anything is looked up (so nothing's existence is revealed).
        pub async fn signed_in() -> ServiceResult<Ctx> {
            let ctx = Self::load().await?;
            ctx.user()?;
            Ok(ctx)
        }

        pub fn authorize(&self, action: Action, target: Target) -> ServiceResult<()> {
            decide(self.principal.as_ref(), action, target).map_err(ServiceError::from)
        }

        /// The one door for a portfolio: may this person do `action` with it now?
        pub async fn portfolio(&self, portfolio_id: i32, action: Action) -> ServiceResult<Located> {
            access::portfolio(
                &self.state.db,
                self.principal.as_ref(),
                portfolio_id,
                action,
            )
            .await
        }

        /// The one door for a school.
        pub async fn school(&self, school_id: i32, action: Action) -> ServiceResult<Target> {
            access::school(&self.state.db, self.principal.as_ref(), school_id, action).await
        }

        /// What the pages may offer this person for the portfolio.
        pub fn can(&self, located: &Located) -> crate::model::Capabilities {
            located.capabilities(self.principal.as_ref())
        }

        /// The signed-in person, or 401.
        pub fn user(&self) -> ServiceResult<&Principal> {
            self.principal.as_ref().ok_or(ServiceError::Denied(
                crate::security::Denial::Unauthenticated,
            ))
        }
    }

    /// Signs this browser in as `user_id` in a fresh session (a new id, so a
    /// session fixed before cannot be taken over) and returns where they start.
    pub async fn start_session(ctx: &Ctx, user_id: i32) -> ServiceResult<String> {
        use tower_sessions::Session;
        let session = leptos_axum::extract::<Session>()
            .await
            .map_err(|e| ServiceError::Internal(format!("no session layer: {e}")))?;
        session
            .cycle_id()
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        session
            .insert(crate::security::identity::SESSION_USER_KEY, user_id)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        session
            .insert(
                crate::security::identity::SESSION_REFRESHED_KEY,
                chrono::Utc::now().timestamp(),
            )
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        home_of(ctx, user_id).await
    }

    /// Where this person starts: their school, their authority, or the admin page.
    pub async fn home_of(ctx: &Ctx, user_id: i32) -> ServiceResult<String> {
        Ok(crate::services::accounts::me(&ctx.state.db, user_id)
            .await?
            .map(|me| me.home_path())
            .unwrap_or_else(|| "/".into()))
    }

    /// Turns a service result into what the browser gets. The HTTP status is
    /// set for calls from scripts; a plain HTML form post keeps its redirect
    /// back to the form (the error travels in the URL), and a page render sets
    /// its own status from the error it shows.
    pub fn reply<T>(result: ServiceResult<T>) -> Result<T, AppError> {
        result.map_err(|e| {
            let error = AppError::from(e);
            let wants_html = use_context::<Parts>()
                .and_then(|p| p.headers.get(http::header::ACCEPT).cloned())
                .and_then(|v| v.to_str().ok().map(|s| s.contains("text/html")))
                .unwrap_or(false);
            if !wants_html
                && let (Some(options), Ok(status)) = (
                    use_context::<ResponseOptions>(),
                    http::StatusCode::from_u16(error.status()),
                )
            {
                options.set_status(status);
            }
            error
        })
    }
}

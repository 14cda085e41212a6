//! Signing in and out, and who is signed in.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::Me;

/// Where sign-in may send someone afterwards: a path on this site only.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    ok.then_some(next)
}

/// The signed-in person, or `None`.
#[server(input = GetUrl)]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::accounts;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            match &ctx.principal {
                Some(p) => accounts::me(&ctx.state.db, p.user_id).await,
                None => Ok(None),
            }
        }
        .await,
    )
}

#[server]
pub async fn sign_in(
    csrf_token: String,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};

    use super::ssr::{Ctx, reply};
    use crate::services::{Problems, ServiceError, accounts};
    use axum::extract::ConnectInfo;

    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            let mut problems = Problems::default();
            let email = accounts::normalise_email(&email);
            if email.is_empty() {
                problems.add("email", "Enter your email address");
            }
            if password.is_empty() {
                problems.add("password", "Enter your password");
            }
            problems.check()?;

            let address = ctx
                .parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
            if !ctx.state.sign_in_limiter.attempt(address, &email) {
                tracing::warn!("sign-in rate limit reached");
                return Err(ServiceError::RateLimited);
            }
            let Some(user) = accounts::authenticate(&ctx.state.db, &email, &password).await? else {
                // The same words whether the address is unknown or the password wrong.
                return Err(ServiceError::invalid(
                    "email",
                    "The email address or password is not right",
                ));
            };
            let home = super::ssr::start_session(&ctx, user.id).await?;
            tracing::info!(user_id = user.id, "signed in");
            let target = next.as_deref().and_then(safe_next).unwrap_or(&home);
            leptos_axum::redirect(target);
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn sign_out(csrf_token: String) -> Result<(), AppError> {
    use tower_sessions::Session;

    use super::ssr::{Ctx, reply};
    use crate::services::ServiceError;

    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            if let Some(p) = &ctx.principal {
                ctx.state
                    .collab
                    .kick(None, Some(p.user_id), "signed out")
                    .await;
            }
            let session = leptos_axum::extract::<Session>()
                .await
                .map_err(|e| ServiceError::Internal(format!("no session layer: {e}")))?;
            session
                .flush()
                .await
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            leptos_axum::redirect("/sign-in?signed_out=1");
            Ok(())
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/schools/1"), Some("/schools/1"));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("/\\evil.example"), None);
        assert_eq!(safe_next("/a\nb"), None);
    }
}

//! The collaboration websocket: `GET /portfolios/{id}/collab`, speaking the
//! standard y-sync protocol. Checked on upgrade (same site, signed in, allowed
//! to read the narratives; writing needs edit rights on an open portfolio),
//! again every minute, and per message by the document (read-only sockets
//! cannot send updates).

use std::time::Duration;

use axum::Extension;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use tower_sessions::{Session, SessionStore};

use app::collab::server::{Access, Connection, Outbound};
use app::security::identity::Identity;
use app::security::session_store::DbSessionStore;
use app::security::{Action, Principal, csrf};
use app::services::{access, accounts};
use app::state::AppState;

use super::reply::plain_error;

/// Largest frame accepted from a browser.
pub const MAX_FRAME: usize = 1 << 20;
/// How often an open socket's right to be there is checked again.
const RECHECK: Duration = Duration::from_secs(60);

fn refuse(status: StatusCode, message: &'static str) -> Response {
    (status, message).into_response()
}

/// Whether this person may read (and write) the portfolio now: the one
/// door's answer, as the refusal to send if not.
async fn permission(
    state: &AppState,
    principal: &Principal,
    portfolio_id: i32,
) -> Result<(bool, String), Response> {
    let located = access::portfolio(
        &state.db,
        Some(principal),
        portfolio_id,
        Action::ReadNarratives,
    )
    .await
    .map_err(|e| plain_error(e.into()))?;
    let write = located.may(Some(principal), Action::Edit);
    Ok((write, located.framework_id))
}

pub async fn socket(
    State(state): State<AppState>,
    Path(portfolio_id): Path<i32>,
    Extension(identity): Extension<Identity>,
    session: Session,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    // A page of another site must not open a socket with our cookies.
    let host = headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok());
    if !csrf::same_origin(&headers, host) {
        return refuse(StatusCode::FORBIDDEN, "cross-site");
    }
    let Some(principal) = identity.principal else {
        return refuse(StatusCode::UNAUTHORIZED, "sign in");
    };
    let (can_write, framework_id) = match permission(&state, &principal, portfolio_id).await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let Some(framework) = state.frameworks.get(&framework_id) else {
        return refuse(StatusCode::NOT_FOUND, "framework not offered");
    };
    let access = Access {
        user_id: principal.user_id,
        can_write,
    };
    let connection = match state.collab.connect(portfolio_id, &framework, access).await {
        Ok(c) => c,
        Err(error) => {
            tracing::error!(portfolio_id, %error, "opening a document failed");
            return refuse(StatusCode::SERVICE_UNAVAILABLE, "try again shortly");
        }
    };
    // A submission between the check above and joining would not have
    // kicked this socket: look again now that it has joined.
    if can_write
        && !matches!(
            permission(&state, &principal, portfolio_id).await,
            Ok((true, _))
        )
    {
        connection.leave().await;
        return refuse(StatusCode::CONFLICT, "access changed; reconnect");
    }
    let session_id = session.id();
    upgrade
        .max_message_size(MAX_FRAME)
        .max_frame_size(MAX_FRAME)
        .on_upgrade(move |socket| async move {
            pump(
                socket,
                connection,
                state,
                principal.user_id,
                portfolio_id,
                can_write,
                session_id,
            )
            .await;
        })
}

async fn close(
    socket: &mut futures_util::stream::SplitSink<WebSocket, Message>,
    code: u16,
    reason: &str,
) {
    let _ = socket
        .send(Message::Close(Some(CloseFrame {
            code,
            reason: reason.into(),
        })))
        .await;
}

async fn pump(
    socket: WebSocket,
    mut connection: Connection,
    state: AppState,
    user_id: i32,
    portfolio_id: i32,
    could_write: bool,
    session_id: Option<tower_sessions::session::Id>,
) {
    let (mut sink, mut stream) = socket.split();
    let mut recheck = tokio::time::interval(RECHECK);
    recheck.tick().await;
    loop {
        tokio::select! {
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Binary(bytes))) => {
                    if connection.send(bytes.to_vec()).await.is_err() {
                        close(&mut sink, 1012, "please reconnect").await;
                        break;
                    }
                }
                Some(Ok(Message::Text(_))) => {
                    close(&mut sink, 1003, "binary frames only").await;
                    break;
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
            },
            outgoing = connection.outbound.recv() => {
                let Some(first) = outgoing else { break };
                // Write this frame and every other one already waiting, then
                // flush once: one system call for a burst, not one per frame.
                let mut next = Some(first);
                let mut closing = None;
                let mut failed = false;
                while let Some(out) = next.take() {
                    match out {
                        Outbound::Frame(frame) => {
                            if sink.feed(Message::Binary(frame.into())).await.is_err() {
                                failed = true;
                                break;
                            }
                        }
                        Outbound::Close(code, reason) => {
                            closing = Some((code, reason));
                            break;
                        }
                    }
                    next = connection.outbound.try_recv().ok();
                }
                if failed || sink.flush().await.is_err() {
                    break;
                }
                if let Some((code, reason)) = closing {
                    close(&mut sink, code, &reason).await;
                    break;
                }
            }
            _ = recheck.tick() => {
                if !still_allowed(&state, user_id, portfolio_id, could_write, session_id).await {
                    close(&mut sink, 4001, "access changed; reconnect").await;
                    break;
                }
            }
        }
    }
    connection.leave().await;
}

/// The session still exists and the person's rights have not shrunk.
async fn still_allowed(
    state: &AppState,
    user_id: i32,
    portfolio_id: i32,
    could_write: bool,
    session_id: Option<tower_sessions::session::Id>,
) -> bool {
    let store = DbSessionStore::new(state.db.clone());
    let session_alive = match session_id {
        Some(id) => matches!(store.load(&id).await, Ok(Some(_))),
        None => false,
    };
    if !session_alive {
        return false;
    }
    let Ok(Some(me)) = accounts::me(&state.db, user_id).await else {
        return false;
    };
    match permission(state, &Principal::from(&me), portfolio_id).await {
        Ok((can_write, _)) => can_write || !could_write,
        Err(_) => false,
    }
}

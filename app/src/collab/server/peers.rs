//! Several instances on one PostgreSQL database: each stored batch is
//! announced with NOTIFY (document id, first and last row id, origin); the
//! other instances read those rows and pass them to their sockets. A change
//! in who may write (submitted, reopened) is announced too, and closes the
//! portfolio's sockets everywhere.

use sea_orm::sqlx::postgres::PgListener;

use super::hub::Hub;
use super::store::CHANNEL;

/// `portfolio:first:last:origin`.
pub fn parse(payload: &str) -> Option<(i32, i32, i32, &str)> {
    let mut parts = payload.splitn(4, ':');
    let portfolio = parts.next()?.parse().ok()?;
    let first = parts.next()?.parse().ok()?;
    let last = parts.next()?.parse().ok()?;
    let origin = parts.next()?;
    Some((portfolio, first, last, origin))
}

/// `access:portfolio:origin`: who may write this portfolio changed.
pub fn access_payload(portfolio_id: i32, origin: &str) -> String {
    format!("access:{portfolio_id}:{origin}")
}

pub fn parse_access(payload: &str) -> Option<(i32, &str)> {
    let rest = payload.strip_prefix("access:")?;
    let (portfolio, origin) = rest.split_once(':')?;
    Some((portfolio.parse().ok()?, origin))
}

/// Listens for peers' batches until the process ends, reconnecting as needed.
pub fn spawn_listener(hub: Hub, database_url: String) {
    tokio::spawn(async move {
        loop {
            match PgListener::connect(&database_url).await {
                Ok(mut listener) => {
                    if let Err(error) = listener.listen(CHANNEL).await {
                        tracing::warn!(%error, "LISTEN failed");
                    } else {
                        tracing::info!("listening for other instances' edits");
                        loop {
                            match listener.recv().await {
                                Ok(note) => {
                                    let mine = hub.store().origin();
                                    if let Some((portfolio, first, last, origin)) =
                                        parse(note.payload())
                                        && origin != mine
                                    {
                                        hub.peer_stored(portfolio, first, last).await;
                                    } else if let Some((portfolio, origin)) =
                                        parse_access(note.payload())
                                        && origin != mine
                                    {
                                        hub.kick(
                                            Some(portfolio),
                                            None,
                                            "access changed; reconnect",
                                        )
                                        .await;
                                    }
                                }
                                Err(error) => {
                                    tracing::warn!(%error, "lost the notification connection");
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "cannot listen for other instances"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{access_payload, parse, parse_access};

    #[test]
    fn payloads() {
        assert_eq!(parse("12:40:44:abc"), Some((12, 40, 44, "abc")));
        assert_eq!(parse("12:40"), None);
        assert_eq!(parse("x:1:2:o"), None);
        let access = access_payload(12, "abc");
        assert_eq!(parse_access(&access), Some((12, "abc")));
        assert_eq!(parse(&access), None, "a batch reader ignores it");
        assert_eq!(parse_access("12:40:44:abc"), None);
    }
}

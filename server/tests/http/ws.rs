//! A y-sync client over a real websocket, driving the same `SyncClient` the
//! browser runs.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::sync::Awareness;

use app::collab::client::SyncClient;
use app::collab::schema::{self, CriterionContent};
use app::rubric::FieldKind;

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub struct Peer {
    pub client: SyncClient,
    pub socket: Option<Socket>,
    pub closed: Option<(u16, String)>,
}

/// Opens the socket of a portfolio with these cookies; the HTTP status if refused.
pub async fn open(
    address: &str,
    portfolio_id: i32,
    cookie: &str,
    origin: Option<&str>,
) -> Result<Socket, u16> {
    let mut request = format!("ws://{address}/portfolios/{portfolio_id}/collab")
        .into_client_request()
        .unwrap();
    if !cookie.is_empty() {
        request
            .headers_mut()
            .insert("cookie", cookie.parse().unwrap());
    }
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", origin.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(e) => panic!("websocket: {e}"),
    }
}

impl Peer {
    pub fn new() -> Peer {
        Peer {
            client: SyncClient::new(Awareness::new(schema::new_doc())),
            socket: None,
            closed: None,
        }
    }

    /// Connects and completes the handshake.
    pub async fn connect(&mut self, address: &str, portfolio_id: i32, cookie: &str) {
        let origin = format!("http://{address}");
        let mut socket = open(address, portfolio_id, cookie, Some(&origin))
            .await
            .expect("socket opens");
        for frame in self.client.connected() {
            socket.send(Message::Binary(frame.into())).await.unwrap();
        }
        self.socket = Some(socket);
        self.closed = None;
        self.until(|c| c.is_synced()).await;
    }

    pub async fn disconnect(&mut self) {
        if let Some(mut socket) = self.socket.take() {
            let _ = socket.close(None).await;
        }
        self.client.disconnected();
    }

    pub async fn send(&mut self, frame: Vec<u8>) {
        if let Some(socket) = &mut self.socket {
            let _ = socket.send(Message::Binary(frame.into())).await;
        }
    }

    /// Handles frames until `done` holds (or 10 s pass: a failure).
    pub async fn until(&mut self, mut done: impl FnMut(&SyncClient) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while !done(&self.client) {
            if !self.pump_until(deadline).await {
                use yrs::{ReadTxn, Transact};
                panic!(
                    "timed out; closed: {:?}; local {:?}; server {:?}; connected {}",
                    self.closed,
                    self.client.doc().transact().state_vector(),
                    self.client.server_state(),
                    self.socket.is_some()
                );
            }
        }
    }

    /// Handles one frame; `false` if the deadline passed or the socket closed.
    async fn pump_until(&mut self, deadline: tokio::time::Instant) -> bool {
        let Some(socket) = &mut self.socket else {
            return false;
        };
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Ok(Some(Ok(Message::Binary(bytes)))) => {
                let incoming = self
                    .client
                    .receive(&bytes)
                    .expect("valid frame from server");
                for reply in incoming.replies {
                    socket.send(Message::Binary(reply.into())).await.unwrap();
                }
                true
            }
            Ok(Some(Ok(Message::Close(frame)))) => {
                self.closed = frame.map(|f| (u16::from(f.code), f.reason.to_string()));
                self.socket = None;
                false
            }
            Ok(Some(Ok(_))) => true,
            // the deadline passed: the socket stays open
            Err(_elapsed) => false,
            Ok(_) => {
                self.socket = None;
                false
            }
        }
    }

    /// Reads whatever arrives within `wait`.
    pub async fn drain(&mut self, wait: Duration) {
        let deadline = tokio::time::Instant::now() + wait;
        while self.socket.is_some() && self.pump_until(deadline).await {}
    }

    /// Whether the socket is still open after `wait` (frames are handled meanwhile).
    pub async fn open_after(&mut self, wait: Duration) -> bool {
        self.drain(wait).await;
        self.socket.is_some()
    }

    /// Waits until the socket is closed by the server; its close code.
    pub async fn closed_code(&mut self) -> Option<u16> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while self.socket.is_some() && self.pump_until(deadline).await {}
        self.closed.as_ref().map(|(c, _)| *c)
    }

    pub async fn type_text(&mut self, criterion: &str, field: FieldKind, text: &str) {
        let current = self.text(criterion, field);
        let next = format!("{current}{text}");
        if let Some(frame) = self
            .client
            .edit(|txn| schema::set_text(txn, criterion, field, &next))
        {
            self.send(frame).await;
        }
    }

    pub fn text(&self, criterion: &str, field: FieldKind) -> String {
        self.content(criterion).text(field).to_string()
    }

    pub fn content(&self, criterion: &str) -> CriterionContent {
        use yrs::Transact;
        schema::read_criterion(&self.client.doc().transact(), criterion)
    }

    /// Waits until the server has stored everything this peer holds.
    pub async fn until_saved(&mut self) {
        self.until(|c| c.is_saved()).await;
    }
}

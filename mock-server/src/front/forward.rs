//! One connection's requests: checked, read within the limits, and forwarded to wiremock.

use super::pending::Admitted;
use crate::rejection::Rejection;
use crate::server::Shared;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, Uri, Version};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::net::TcpStream;

/// An error that ends the client connection without an answer.
pub(super) type Error = Box<dyn std::error::Error + Send + Sync>;

/// Headers about the client's connection (hop-by-hop, RFC 9110 §7.6.1), and `Expect`, which
/// this layer has answered: none of them concerns wiremock's connection.
const CONNECTION_HEADERS: [&str; 8] = [
    "connection",
    "expect",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// The forwarding service of one client connection.
pub(super) struct Forwarder {
    shared: Arc<Shared>,
    backend: SocketAddr,
    /// The keep-alive connection to wiremock, opened at the first request.
    sender: tokio::sync::Mutex<Option<SendRequest<Full<Bytes>>>>,
    /// The place among pending connections, given up once a request has been read.
    admitted: Mutex<Option<Admitted>>,
}

impl Forwarder {
    /// A service for a connection admitted with `admitted`, forwarding to `backend`.
    pub(super) fn new(shared: Arc<Shared>, backend: SocketAddr, admitted: Admitted) -> Self {
        Self {
            shared,
            backend,
            sender: tokio::sync::Mutex::new(None),
            admitted: Mutex::new(Some(admitted)),
        }
    }

    /// Reads `request` and answers it with wiremock's answer.
    pub(super) async fn handle(
        self: Arc<Self>,
        request: Request<Incoming>,
    ) -> Result<Response<Incoming>, Error> {
        let (mut parts, body) = request.into_parts();
        let framed = parts.headers.contains_key(header::CONTENT_LENGTH)
            || parts.headers.contains_key(header::TRANSFER_ENCODING);
        let read = self.read(&parts, framed.then_some(body)).await?;
        self.admitted
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        Rejection::strip(&mut parts.headers);
        for name in CONNECTION_HEADERS {
            parts.headers.remove(name);
        }
        // wiremock gets the origin form only: it panics on a URI that `url` cannot parse
        let origin_form = parts.uri.scheme().is_none() && parts.uri.authority().is_none();
        let read = match parts.uri.path_and_query() {
            _ if origin_form => read,
            Some(target) if target.as_str().starts_with('/') => {
                parts.uri =
                    Uri::from_maybe_shared(Bytes::copy_from_slice(target.as_str().as_bytes()))?;
                read
            }
            _ => {
                parts.uri = Uri::from_static("/");
                Err(Rejection::BadTarget)
            }
        };
        let body = match read {
            Ok(body) => {
                if framed {
                    parts
                        .headers
                        .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
                }
                body
            }
            Err(rejection) => {
                parts.headers.remove(header::CONTENT_LENGTH);
                rejection.mark(&mut parts.headers);
                Bytes::new()
            }
        };
        parts.version = Version::HTTP_11;
        self.send(Request::from_parts(parts, Full::new(body))).await
    }

    /// The body (none without framing headers), or why the request is refused; `Err` when the
    /// body did not arrive in time.
    async fn read(
        &self,
        parts: &hyper::http::request::Parts,
        body: Option<Incoming>,
    ) -> Result<Result<Bytes, Rejection>, Error> {
        let options = self.shared.options();
        if parts.version == Version::HTTP_11 && !parts.headers.contains_key(header::HOST) {
            return Ok(Err(Rejection::MissingHost));
        }
        let limit = usize::try_from(options.max_request_body_size).unwrap_or(usize::MAX);
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        if declared.is_some_and(|length| length > options.max_request_body_size) {
            return Ok(Err(Rejection::BodyTooLarge));
        }
        let Some(body) = body else {
            return Ok(Ok(Bytes::new()));
        };
        let timeout = options.connection_limits.body_read_timeout();
        match tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await {
            Err(elapsed) => Err(elapsed.into()),
            Ok(Ok(collected)) => Ok(Ok(collected.to_bytes())),
            Ok(Err(error)) if error.is::<LengthLimitError>() => Ok(Err(Rejection::BodyTooLarge)),
            Ok(Err(_)) => Ok(Err(Rejection::MalformedBody)),
        }
    }

    /// Sends over the connection to wiremock, opening a new one when there is none or it closed.
    async fn send(&self, request: Request<Full<Bytes>>) -> Result<Response<Incoming>, Error> {
        let mut slot = self.sender.lock().await;
        if let Some(sender) = slot.as_mut()
            && sender.ready().await.is_err()
        {
            *slot = None;
        }
        let sender = match slot.as_mut() {
            Some(sender) => sender,
            None => slot.insert(self.connect().await?),
        };
        Ok(sender.send_request(request).await?)
    }

    async fn connect(&self) -> Result<SendRequest<Full<Bytes>>, Error> {
        let stream = TcpStream::connect(self.backend).await?;
        stream.set_nodelay(true)?;
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(connection);
        Ok(sender)
    }
}

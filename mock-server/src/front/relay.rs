//! One client connection, relayed byte for byte to a wiremock connection of its own.
//!
//! Requests are read one at a time: the head is parsed (`head`), the body read within the
//! limits (de-chunked by `chunked` when chunked), and the request written to wiremock, as is
//! when its head needs no change. The answer is copied back raw: only its head is parsed, to
//! find where it ends, so that the next request's header-read timeout starts after it.

use super::chunked::{ChunkedDecoder, ChunkedError};
use super::head::{self, Framing, Head, HeadError};
use super::limits::ConnectionLimits;
use super::pending::{Admitted, Eviction};
use crate::rejection::Rejection;
use crate::server::Shared;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// Largest request head (request line and fields), as Node's default: a bearer JWT and the
/// usual fields take about 1 KiB. Larger heads get 431.
pub(crate) const MAX_HEAD_SIZE: usize = 16 * 1024;
/// How long, and for how many bytes, the rest of a refused upload is read and dropped after
/// the answer, so that closing does not reset the connection before the client has read it.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1 << 20;
/// Bytes asked of the kernel per read.
const READ_SIZE: usize = 8 * 1024;
/// Most fields in a wiremock answer's head.
const MAX_RESPONSE_FIELDS: usize = 64;

/// Why a connection ends.
enum End {
    /// Closed at once: the client left, a timeout passed, or wiremock failed.
    Drop,
    /// The answer was sent and the connection may not be reused.
    Close,
    /// The answer to a refused request was sent while the client may still be sending a
    /// body: close the sending side, then read and drop what comes for a while.
    Linger,
}

/// Serves `client` until it ends, fails a limit, or is evicted while still waiting for its
/// first complete request.
pub(super) async fn serve(
    client: TcpStream,
    backend: SocketAddr,
    shared: Arc<Shared>,
    limits: ConnectionLimits,
    admitted: Admitted,
    eviction: Eviction,
) {
    let mut relay = Relay {
        client,
        backend,
        upstream: None,
        shared,
        limits,
        admitted: Some(admitted),
        input: Vec::with_capacity(READ_SIZE),
        output: Vec::with_capacity(READ_SIZE),
        forward: Vec::new(),
        body: Vec::new(),
    };
    let end = tokio::select! {
        end = relay.run() => end,
        () = eviction.wait() => End::Drop,
    };
    match end {
        End::Drop => {}
        End::Close => {
            let _ = relay.client.shutdown().await;
        }
        End::Linger => linger(relay.client).await,
    }
}

struct Relay {
    client: TcpStream,
    backend: SocketAddr,
    /// The connection to wiremock, opened at the first request.
    upstream: Option<TcpStream>,
    shared: Arc<Shared>,
    limits: ConnectionLimits,
    /// The place among pending connections, given up once a request has been read.
    admitted: Option<Admitted>,
    /// Bytes from the client not yet relayed (a head first).
    input: Vec<u8>,
    /// Bytes of wiremock's answer.
    output: Vec<u8>,
    /// A re-written request.
    forward: Vec<u8>,
    /// A de-chunked body.
    body: Vec<u8>,
}

impl Relay {
    async fn run(&mut self) -> End {
        // One timer per connection, moved on for each deadline rather than created anew: a
        // timer registered while the runtime's driver has none pending wakes the driver (one
        // more eventfd write and epoll round per request), and moving a timer later is free.
        let timer = tokio::time::sleep(self.limits.header_read_timeout());
        tokio::pin!(timer);
        loop {
            timer
                .as_mut()
                .reset(Instant::now() + self.limits.header_read_timeout());
            let parsed = tokio::select! {
                biased;
                parsed = self.read_head() => match parsed {
                    None => return End::Drop,
                    Some(parsed) => parsed,
                },
                () = &mut timer => return End::Drop,
            };
            let head = match parsed {
                Ok(head) if head.len <= MAX_HEAD_SIZE => head,
                Ok(_) | Err(HeadError::TooManyFields | HeadError::Partial) => {
                    return self.refuse_unparsed(Rejection::HeadTooLarge).await;
                }
                Err(HeadError::Invalid) => {
                    return self.refuse_unparsed(Rejection::MalformedHead).await;
                }
            };
            match self.relay_request(&head, timer.as_mut()).await {
                Some(End::Close) | None if !head.keep_alive => return End::Close,
                Some(end) => return end,
                None => {}
            }
        }
    }

    /// Reads until `input` holds a complete head; `None` when the client closed first.
    async fn read_head(&mut self) -> Option<Result<Head, HeadError>> {
        let mut scanned = 0;
        loop {
            if self.input.len() > scanned && head::may_be_complete(&self.input, scanned) {
                match head::parse(&self.input) {
                    Err(HeadError::Partial) => {}
                    parsed => return Some(parsed),
                }
            }
            if self.input.len() > MAX_HEAD_SIZE {
                return Some(Err(HeadError::Partial));
            }
            scanned = self.input.len();
            self.input.reserve(READ_SIZE);
            match self.client.read_buf(&mut self.input).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }

    /// Reads the body of the request `head` heads, forwards it and relays the answer. `None`
    /// when the connection may serve another request.
    async fn relay_request(&mut self, head: &Head, mut timer: Pin<&mut Sleep>) -> Option<End> {
        let options = self.shared.options();
        let limit = usize::try_from(options.max_request_body_size).unwrap_or(usize::MAX);
        let declared_too_large = matches!(head.framing, Framing::Length(length)
            if length > options.max_request_body_size);
        drop(options);
        match head.refusal {
            Some(rejection) => return self.refuse(head, rejection).await,
            None if declared_too_large => return self.refuse(head, Rejection::BodyTooLarge).await,
            None => {}
        }
        if head.expect_continue
            && head.framing != Framing::None
            && self.input.len() == head.len
            && self
                .client
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .await
                .is_err()
        {
            return Some(End::Drop);
        }
        let body_deadline = Instant::now() + self.limits.body_read_timeout();
        let consumed = match head.framing {
            Framing::None => head.len,
            Framing::Length(length) => {
                // at most `limit` bytes: checked above
                let end = head.len + usize::try_from(length).unwrap_or(usize::MAX);
                if self.input.len() < end {
                    timer.as_mut().reset(body_deadline);
                    let complete = tokio::select! {
                        biased;
                        complete = self.read_until(end) => complete,
                        () = &mut timer => false,
                    };
                    if !complete {
                        return Some(End::Drop);
                    }
                }
                end
            }
            Framing::Chunked => {
                timer.as_mut().reset(body_deadline);
                let read = tokio::select! {
                    biased;
                    read = self.read_chunked(head.len, limit) => read,
                    () = &mut timer => Err(None),
                };
                match read {
                    Err(None) => return Some(End::Drop),
                    Err(Some(ChunkedError::TooLarge)) => {
                        return self.refuse(head, Rejection::BodyTooLarge).await;
                    }
                    Err(Some(ChunkedError::Malformed)) => {
                        return self.refuse(head, Rejection::MalformedBody).await;
                    }
                    Ok(consumed) => consumed,
                }
            }
        };
        self.admitted.take();
        let relayed = if head.verbatim {
            let input = std::mem::take(&mut self.input);
            let relayed = self.exchange(&input[..consumed], head.is_head).await;
            self.input = input;
            relayed
        } else {
            self.forward.clear();
            head::rewrite(&self.input[..head.len], head, &mut self.forward);
            let body: &[u8] = match head.framing {
                Framing::None => &[],
                Framing::Length(_) => &self.input[head.len..consumed],
                Framing::Chunked => &self.body,
            };
            if head.framing != Framing::None {
                self.forward
                    .extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
            }
            if !head.keep_alive {
                self.forward.extend_from_slice(b"connection: close\r\n");
            }
            self.forward.extend_from_slice(b"\r\n");
            self.forward.extend_from_slice(body);
            let forward = std::mem::take(&mut self.forward);
            let relayed = self.exchange(&forward, head.is_head).await;
            self.forward = forward;
            relayed
        };
        match relayed {
            Err(end) => return Some(end),
            Ok(true) => return Some(End::Close),
            Ok(false) => {}
        }
        if consumed >= self.input.len() {
            self.input.clear();
        } else {
            self.input.drain(..consumed);
        }
        None
    }

    /// Forwards the head of a refused request, marked, without its body. The connection goes
    /// on only when the request had no body and may be followed by another; otherwise the
    /// answer asks the client to close (wiremock adds `Connection: close` to it) and the
    /// client's remaining upload is drained.
    async fn refuse(&mut self, head: &Head, rejection: Rejection) -> Option<End> {
        self.admitted.take();
        let goes_on = head.framing == Framing::None && head.keep_alive;
        let refused = Head {
            refusal: Some(rejection),
            ..head.clone()
        };
        self.forward.clear();
        head::rewrite(&self.input[..head.len], &refused, &mut self.forward);
        self.forward
            .extend_from_slice(rejection.marker_line().as_bytes());
        if !goes_on {
            self.forward.extend_from_slice(b"connection: close\r\n");
        }
        self.forward.extend_from_slice(b"content-length: 0\r\n\r\n");
        let forward = std::mem::take(&mut self.forward);
        let relayed = self.exchange(&forward, head.is_head).await;
        self.forward = forward;
        match relayed {
            Err(end) => Some(end),
            Ok(false) if goes_on => {
                self.input.drain(..head.len);
                None
            }
            Ok(_) => Some(End::Linger),
        }
    }

    /// Reads until `input` holds `end` bytes; false when the client closed first.
    async fn read_until(&mut self, end: usize) -> bool {
        while self.input.len() < end {
            self.input.reserve((end - self.input.len()).min(64 * 1024));
            match self.client.read_buf(&mut self.input).await {
                Ok(0) | Err(_) => return false,
                Ok(_) => {}
            }
        }
        true
    }

    /// De-chunks the body after the head into `body`. Returns where the next request starts in
    /// `input`; `Err(None)` when the client closed first. Chunked data is never kept in
    /// `input`: what the client sends past the head is decoded as it arrives.
    async fn read_chunked(
        &mut self,
        head_len: usize,
        limit: usize,
    ) -> Result<usize, Option<ChunkedError>> {
        let mut decoder = ChunkedDecoder::new(limit);
        self.body.clear();
        let used = decoder
            .feed(&self.input[head_len..], &mut self.body)
            .map_err(Some)?;
        if decoder.is_done() {
            return Ok(head_len + used);
        }
        // everything after the head was used: read further input in its place
        self.input.truncate(head_len);
        loop {
            self.input.reserve(READ_SIZE);
            match self.client.read_buf(&mut self.input).await {
                Ok(0) | Err(_) => return Err(None),
                Ok(_) => {}
            }
            let used = decoder
                .feed(&self.input[head_len..], &mut self.body)
                .map_err(Some)?;
            if decoder.is_done() {
                return Ok(head_len + used);
            }
            self.input.truncate(head_len);
        }
    }

    /// Answers a request whose head could not be parsed (it is then closed).
    async fn refuse_unparsed(&mut self, rejection: Rejection) -> End {
        self.admitted.take();
        let request = format!(
            "GET / HTTP/1.1\r\nhost: storefront-mock\r\n{}connection: close\r\ncontent-length: 0\r\n\r\n",
            rejection.marker_line()
        );
        match self.exchange(request.as_bytes(), false).await {
            Ok(_) => End::Linger,
            Err(end) => end,
        }
    }

    /// Sends `request` to wiremock and copies its answer to the client. `Ok(true)` when
    /// wiremock closes the connection after it (`Connection: close`, or an answer without a
    /// length).
    async fn exchange(&mut self, request: &[u8], head_request: bool) -> Result<bool, End> {
        if self.upstream.is_none() {
            let stream = TcpStream::connect(self.backend)
                .await
                .map_err(|_| End::Drop)?;
            let _ = stream.set_nodelay(true);
            self.upstream = Some(stream);
        }
        let Some(upstream) = self.upstream.as_mut() else {
            return Err(End::Drop);
        };
        upstream.write_all(request).await.map_err(|_| End::Drop)?;
        self.output.clear();
        let (head_len, body_len, close) = loop {
            self.output.reserve(READ_SIZE);
            match upstream.read_buf(&mut self.output).await {
                Ok(0) | Err(_) => return Err(End::Drop),
                Ok(_) => {}
            }
            match response_framing(&self.output, head_request) {
                Ok(Some(framing)) => break framing,
                Ok(None) => {}
                Err(()) => return Err(End::Drop),
            }
        };
        // the answer is copied as it arrives; without a length it ends when wiremock closes
        let mut remaining = body_len.map(|length| head_len + length);
        loop {
            let ready = remaining.map_or(self.output.len(), |left| left.min(self.output.len()));
            self.client
                .write_all(&self.output[..ready])
                .await
                .map_err(|_| End::Drop)?;
            if let Some(left) = remaining.as_mut() {
                *left -= ready;
                if *left == 0 {
                    break;
                }
            }
            self.output.clear();
            self.output.reserve(READ_SIZE);
            match upstream.read_buf(&mut self.output).await {
                Ok(0) if remaining.is_none() => break,
                Ok(0) | Err(_) => return Err(End::Drop),
                Ok(_) => {}
            }
        }
        if close {
            self.upstream = None;
        }
        Ok(close)
    }
}

/// The head length, body length (`None`: until wiremock closes) and `Connection: close` of the
/// answer at the start of `output`; `Ok(None)` while its head is incomplete.
fn response_framing(
    output: &[u8],
    head_request: bool,
) -> Result<Option<(usize, Option<usize>, bool)>, ()> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_RESPONSE_FIELDS];
    let mut response = httparse::Response::new(&mut fields);
    let head_len = match response.parse(output) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(_) => return Err(()),
    };
    let status = response.code.unwrap_or(500);
    let mut length = None;
    let mut chunked = false;
    let mut close = false;
    for field in response.headers.iter() {
        if field.name.eq_ignore_ascii_case("content-length") {
            length = std::str::from_utf8(field.value)
                .ok()
                .and_then(|value| value.trim().parse::<usize>().ok());
        } else if field.name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = true;
        } else if field.name.eq_ignore_ascii_case("connection") {
            close |= field
                .value
                .split(|&byte| byte == b',')
                .any(|token| token.trim_ascii().eq_ignore_ascii_case(b"close"));
        }
    }
    let body_len = if head_request || status == 204 || status == 304 || (100..200).contains(&status)
    {
        Some(0)
    } else if chunked {
        None
    } else {
        length
    };
    Ok(Some((head_len, body_len, close || body_len.is_none())))
}

/// Closes the sending side, then drops what the client still sends for a short while.
async fn linger(mut stream: TcpStream) {
    if stream.shutdown().await.is_err() {
        return;
    }
    let drain = async {
        let mut buffer = [0u8; 8192];
        let mut dropped = 0;
        while dropped < LINGER_BYTES {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => dropped += read,
            }
        }
    };
    let _ = tokio::time::timeout(LINGER_TIME, drain).await;
}

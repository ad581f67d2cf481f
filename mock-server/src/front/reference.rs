//! The relay's hand-written request framing, tested against a reference: hyper 1.x's HTTP/1.1
//! server (the parser wiremock itself runs) on a corpus of raw requests, the hostile ones of
//! issue 13 included.
//!
//! Each input goes (a) straight to a hyper server whose service reads the body through
//! `http_body_util::Limited`, and (b) through `relay::serve` to a hyper server that records what
//! reaches it. Both must see the same requests (method, origin-form target, fields other than
//! the framing ones, body), or refuse them alike: 413, 431, 400. The relay's own additions to
//! hyper's rules are applied to the reference's outcome first: 400 for an HTTP/1.1 request
//! without `Host` and for a target that is not a path; 413 for a declared length over the limit.
//!
//! Each case ends with the input: the client closes its sending side, both servers read to that
//! end and close, and what they recorded is then complete (no timing is involved). A body the
//! input cuts short is no request on either side.

use super::limits::ConnectionLimits;
use super::pending::PendingConnections;
use super::relay;
use crate::options::MockOptions;
use crate::rejection::MARKER;
use crate::server::Shared;
use http_body_util::{BodyExt, Empty, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

const LIMIT: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Accepted {
        method: String,
        target: String,
        fields: Vec<(String, Vec<u8>)>,
        body: Vec<u8>,
    },
    TooLarge,
    HeadTooLarge,
    Bad,
}

/// Fields compared: all but those the relay handles itself. `Connection` is among them: the
/// relay tells wiremock to close after a request it will not keep alive, and its keep-alive
/// decisions are compared through the requests that follow on the same connection.
fn fields(headers: &hyper::HeaderMap) -> Vec<(String, Vec<u8>)> {
    let mut fields: Vec<_> = headers
        .iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "content-length" | "transfer-encoding" | "expect" | "connection"
            ) && name.as_str() != MARKER
        })
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    fields.sort();
    fields
}

fn origin_form(uri: &hyper::Uri) -> Option<String> {
    if uri.scheme().is_none() && uri.authority().is_some() {
        return None; // authority form
    }
    let target = match uri.path_and_query() {
        Some(target) if uri.scheme().is_some() => target.as_str().to_owned(),
        Some(target) => target.as_str().to_owned(),
        None => "/".to_owned(),
    };
    if target.starts_with('/') {
        Some(target)
    } else if uri.scheme().is_some() {
        Some(format!("/{target}"))
    } else {
        None // `*`
    }
}

/// Whether a body error is the input ending before the body did.
fn cut_short(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::UnexpectedEof
        {
            return true;
        }
        if error
            .downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_incomplete_message)
        {
            return true;
        }
        cause = error.source();
    }
    false
}

/// What hyper alone makes of `input`, with the relay's own rules applied on top.
async fn reference(input: &'static [u8]) -> Vec<Outcome> {
    let (mut client, server) = tokio::io::duplex(1 << 20);
    let (sender, mut outcomes) = mpsc::unbounded_channel();
    let service = service_fn(move |request: Request<Incoming>| {
        let sender = sender.clone();
        async move {
            let (parts, body) = request.into_parts();
            let has_host = parts.headers.contains_key(hyper::header::HOST);
            let declared = parts
                .headers
                .get(hyper::header::CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.split(',').next())
                .and_then(|value| value.trim().parse::<u64>().ok());
            let chunked = parts.headers.contains_key(hyper::header::TRANSFER_ENCODING);
            let outcome = if parts.version == hyper::Version::HTTP_11 && !has_host {
                Outcome::Bad
            } else if !chunked && declared.is_some_and(|length| length > LIMIT as u64) {
                Outcome::TooLarge
            } else {
                let target = origin_form(&parts.uri);
                match Limited::new(body, LIMIT).collect().await {
                    Ok(collected) => match target {
                        Some(target) => Outcome::Accepted {
                            method: parts.method.to_string(),
                            target,
                            fields: fields(&parts.headers),
                            body: collected.to_bytes().to_vec(),
                        },
                        None => Outcome::Bad,
                    },
                    Err(error) if error.is::<LengthLimitError>() => Outcome::TooLarge,
                    // a body cut short by the end of the input has no outcome
                    Err(error) if cut_short(&*error) => {
                        return Ok(Response::new(Empty::<Bytes>::new()));
                    }
                    Err(_) => Outcome::Bad,
                }
            };
            let _ = sender.send(outcome);
            Ok::<_, Infallible>(Response::new(Empty::<Bytes>::new()))
        }
    });
    let connection = tokio::spawn(
        http1::Builder::new()
            .half_close(true)
            .max_header_size(relay::MAX_HEAD_SIZE)
            .serve_connection(TokioIo::new(server), service),
    );
    // the whole input, then the end of it: the connection ends once hyper has read it all
    let _ = client.write_all(input).await;
    let _ = client.shutdown().await;
    let mut answer = Vec::new();
    let _ = client.read_to_end(&mut answer).await;
    let _ = connection.await;
    let mut seen = Vec::new();
    while let Ok(outcome) = outcomes.try_recv() {
        seen.push(outcome);
    }
    // hyper's own error answers (no service call) start with their status
    let answer = String::from_utf8_lossy(&answer);
    for response in answer.split("HTTP/1.1 ").skip(1) {
        match response.get(..3) {
            Some("431") => seen.push(Outcome::HeadTooLarge),
            Some("400") => seen.push(Outcome::Bad),
            _ => {}
        }
    }
    seen
}

/// What reaches a hyper server through the relay.
async fn through_relay(input: &'static [u8]) -> Vec<Outcome> {
    let upstream = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let backend = upstream.local_addr().unwrap();
    let (sender, mut outcomes) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = upstream.accept().await {
            let sender = sender.clone();
            let service = service_fn(move |request: Request<Incoming>| {
                let sender = sender.clone();
                async move {
                    let (parts, body) = request.into_parts();
                    let body = body.collect().await.map(|b| b.to_bytes().to_vec());
                    let outcome = match parts.headers.get(MARKER).map(|v| v.as_bytes()) {
                        Some(b"body_too_large") => Outcome::TooLarge,
                        Some(b"head_too_large") => Outcome::HeadTooLarge,
                        Some(_) => Outcome::Bad,
                        None => Outcome::Accepted {
                            method: parts.method.to_string(),
                            target: parts.uri.to_string(),
                            fields: fields(&parts.headers),
                            body: body.unwrap_or_default(),
                        },
                    };
                    let _ = sender.send(outcome);
                    Ok::<_, Infallible>(Response::new(Empty::<Bytes>::new()))
                }
            });
            tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
        }
    });
    let front = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut client = TcpStream::connect(front.local_addr().unwrap())
        .await
        .unwrap();
    let (server, _) = front.accept().await.unwrap();
    let options = MockOptions {
        max_request_body_size: LIMIT as u64,
        ..MockOptions::default()
    };
    let shared = Arc::new(Shared::new(options).unwrap());
    let limits = ConnectionLimits::default();
    let pending = Arc::new(PendingConnections::default());
    let (eviction, admitted) = pending.admit(limits.max_pending_connections);
    let relayed = tokio::spawn(relay::serve(
        server, backend, shared, limits, admitted, eviction,
    ));
    // the whole input, then the end of it: the relay ends once it has read it all, and every
    // request it forwarded has been answered (and recorded) by then
    let _ = client.write_all(input).await;
    let _ = client.shutdown().await;
    let _ = client.read_to_end(&mut Vec::new()).await;
    let _ = relayed.await;
    let mut seen = Vec::new();
    while let Ok(outcome) = outcomes.try_recv() {
        seen.push(outcome);
    }
    seen
}

const POST: &str = "POST /api/v3/store/auth/login HTTP/1.1\r\nHost: t\r\n";

/// Raw requests: ordinary ones, every framing rule, and the hostile inputs of issue 13.
fn corpus() -> Vec<&'static [u8]> {
    let leaked = |s: String| -> &'static [u8] { Box::leak(s.into_bytes().into_boxed_slice()) };
    let mut corpus: Vec<&'static [u8]> = vec![
        b"GET / HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET /api/v3/store/customers/me?x=1&y=%20 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer a.b.c\r\nX-Many: 1\r\nX-Many: 2\r\n\r\n",
        b"get /lower HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET / HTTP/1.0\r\n\r\n",
        b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /second HTTP/1.0\r\n\r\n",
        b"GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET /a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n",
        b"\r\nGET /leading-crlf HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET /bare-lf HTTP/1.1\nHost: t\n\n",
        b"GET /a#fragment HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET /a?b={\"c\"} HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET /\xc3\xa9 HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: t\r\nX-Obs: \xe9t\xe9\r\n\r\n",
        b"GET / HTTP/1.1\r\n",
        b"GET / HTTP/1.1\r\nHost: t\r\n x-folded\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost : t\r\n\r\n",
        b"GET / HTTP/2.0\r\nHost: t\r\n\r\n",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        b"NOT A REQUEST\r\n\r\n",
        b"GET  / HTTP/1.1\r\nHost: t\r\n\r\n",
        // targets
        b"GET http://x/api/v3/store/nope?q=1 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET http://x:99999/api/v3/store/nope HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET HTTPS://x HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET http://x?only=query HTTP/1.1\r\nHost: x\r\n\r\n",
        b"CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n",
        b"OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET ftp://x/ HTTP/1.1\r\nHost: t\r\n\r\n",
        // Host
        b"GET /no-host HTTP/1.1\r\n\r\n",
        b"GET /empty-host HTTP/1.1\r\nHost:\r\n\r\n",
        // Content-Length
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: t\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 5\r\n\r\nhello",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 6\r\n\r\nhello",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: +5\r\n\r\nhello",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 0x5\r\n\r\nhello",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 20000000\r\n\r\n{}",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999\r\n\r\n{}",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999\r\n\r\n{}",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nX-Storefront-Mock-Rejection: body_too_large\r\n\r\nhello",
        // Transfer-Encoding
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6  ;x\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\nGET /next HTTP/1.1\r\nHost: t\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n",
        b"POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\nab\r\n0\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
        b"POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n",
    ];
    for (_, body) in [
        ("non-hex size", "zz\r\nab\r\n0\r\n\r\n"),
        ("negative size", "-1\r\nab\r\n0\r\n\r\n"),
        (
            "overflowing size",
            "fffffffffffffffffffff\r\nab\r\n0\r\n\r\n",
        ),
        ("chunk longer than declared", "2\r\nabcdef\r\n0\r\n\r\n"),
    ] {
        corpus.push(leaked(format!(
            "{POST}Transfer-Encoding: chunked\r\n\r\n{body}"
        )));
    }
    // over the limit: declared, and chunked in pieces that never end
    corpus.push(leaked(format!(
        "{POST}Content-Length: 1001\r\n\r\n{}",
        "x".repeat(1001)
    )));
    corpus.push(leaked(format!(
        "{POST}Transfer-Encoding: chunked\r\n\r\n{}",
        format!("190\r\n{}\r\n", "x".repeat(400)).repeat(3)
    )));
    corpus.push(leaked(format!(
        "{POST}Transfer-Encoding: chunked\r\n\r\n3e8\r\n{}\r\n0\r\n\r\n",
        "x".repeat(1000)
    )));
    // heads near and over 16 KiB, and too many fields
    corpus.push(leaked(format!(
        "GET / HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n",
        "a".repeat(16_000)
    )));
    corpus.push(leaked(format!(
        "GET / HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n",
        "a".repeat(17_000)
    )));
    corpus.push(leaked(format!(
        "GET / HTTP/1.1\r\nHost: t\r\n{}\r\n",
        "X-F: 1\r\n".repeat(99)
    )));
    corpus.push(leaked(format!(
        "GET / HTTP/1.1\r\nHost: t\r\n{}\r\n",
        "X-F: 1\r\n".repeat(100)
    )));
    corpus
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_frames_requests_as_hyper_does() {
    let corpus = corpus();
    let cases: Vec<_> = corpus
        .iter()
        .map(|&input| {
            tokio::spawn(async move {
                let (expected, relayed) = tokio::join!(reference(input), through_relay(input));
                (input, expected, relayed)
            })
        })
        .collect();
    let mut failures = Vec::new();
    for case in cases {
        let (input, expected, relayed) = case.await.unwrap();
        // the one deliberate difference: hyper's HTTP/1 server closes on the HTTP/2 preface
        // without an answer, the relay answers it as a malformed head
        let expected = if input.starts_with(b"PRI * HTTP/2.0") && expected.is_empty() {
            vec![Outcome::Bad]
        } else {
            expected
        };
        if expected != relayed {
            failures.push(format!(
                "{:?}\n  hyper: {expected:?}\n  relay: {relayed:?}",
                String::from_utf8_lossy(&input[..input.len().min(200)])
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! One client connection: hyper's HTTP/1.1 server with its header limits, eviction, and a
//! lingering close.

use super::forward::Forwarder;
use super::limits::ConnectionLimits;
use super::pending::Eviction;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Largest request head (request line and headers), as Node's default: a bearer JWT and the
/// usual headers take about 1 KiB. Larger heads get hyper's 431.
const MAX_HEAD_SIZE: usize = 16 * 1024;
/// How long, and for how many bytes, the rest of a refused upload is read and dropped after
/// the answer, so that closing does not reset the connection before the client has read it.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1 << 20;

/// Serves `stream` until it ends, it fails a limit, or it is evicted while still waiting for
/// its first request.
pub(super) async fn serve(
    stream: TcpStream,
    limits: &ConnectionLimits,
    forwarder: Forwarder,
    eviction: Eviction,
) {
    let forwarder = Arc::new(forwarder);
    let service = service_fn(move |request| forwarder.clone().handle(request));
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout())
        .max_header_size(MAX_HEAD_SIZE)
        .serve_connection(TokioIo::new(stream), service)
        .without_shutdown();
    tokio::select! {
        served = connection => {
            if let Ok(parts) = served {
                linger(parts.io.into_inner()).await;
            }
        }
        () = eviction.wait() => {}
    }
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

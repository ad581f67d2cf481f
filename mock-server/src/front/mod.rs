//! The connection layer in front of the wiremock servers, shared by every backend.
//!
//! wiremock 0.6.5 reads every request body whole, has no header-read timeout, and panics in a
//! connection task on malformed chunked framing; none of it can be configured. So clients never
//! reach wiremock directly. Each worker accepts on the public address (all of them sharing it
//! through `SO_REUSEPORT`) and relays each client connection to a loopback connection of its
//! own to its wiremock server (`relay`): request heads are parsed with `httparse` and judged by
//! hyper's rules under [`ConnectionLimits`] and `max_request_body_size`, bodies are read whole
//! (chunked ones decoded) before anything reaches wiremock, and a request that needs no change
//! is forwarded byte for byte; the answer, always produced by the wiremock-served responder,
//! is copied back raw. A refused request is forwarded without its body and marked with its
//! [`Rejection`](crate::rejection::Rejection), so that the backend words the error as well.
//!
//! A worker runs on the thread of its wiremock server: the hop between them then costs no
//! thread switch.

mod chunked;
mod head;
mod limits;
mod pending;
#[cfg(test)]
mod reference;
mod relay;

pub use limits::ConnectionLimits;

use crate::server::{Backend, Shared};
use pending::PendingConnections;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Pause after a failed `accept` (e.g. out of file descriptors) before the next one.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(10);

/// The running workers of the layer; dropping it stops their accepting (their connections
/// end with the wiremock servers).
pub(crate) struct Front {
    address: SocketAddr,
    _stop: watch::Sender<()>,
}

impl Front {
    /// Binds `address` (port 0 = any free port) and starts one worker per backend.
    pub(crate) fn start(
        address: SocketAddr,
        backends: &[Backend],
        shared: Arc<Shared>,
    ) -> std::io::Result<Self> {
        // A plain bind first: fails clearly on a busy port (even one held with SO_REUSEPORT)
        // and picks the port when 0 was asked for.
        let probe = std::net::TcpListener::bind(address)?;
        let bound = probe.local_addr()?;
        let mut listeners = Vec::with_capacity(backends.len());
        if backends.len() == 1 {
            listeners.push(probe);
        } else {
            drop(probe);
            for _ in backends {
                listeners.push(bind_listener(bound, true)?);
            }
        }
        let (stop, stopped) = watch::channel(());
        let pending = Arc::new(PendingConnections::default());
        for (listener, backend) in listeners.into_iter().zip(backends) {
            listener.set_nonblocking(true)?;
            let worker = Worker {
                shared: shared.clone(),
                backend: backend.address,
                pending: pending.clone(),
            };
            backend.runtime.spawn(worker.run(listener, stopped.clone()));
        }
        Ok(Self {
            address: bound,
            _stop: stop,
        })
    }

    /// The bound public address.
    pub(crate) fn address(&self) -> SocketAddr {
        self.address
    }
}

/// One worker: accepts and serves connections, forwarding to one wiremock server.
struct Worker {
    shared: Arc<Shared>,
    backend: SocketAddr,
    pending: Arc<PendingConnections>,
}

impl Worker {
    async fn run(self, listener: std::net::TcpListener, mut stopped: watch::Receiver<()>) {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
            return;
        };
        loop {
            let accepted = tokio::select! {
                biased;
                _ = stopped.changed() => return,
                accepted = listener.accept() => accepted,
            };
            let Ok((stream, _)) = accepted else {
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            };
            let _ = stream.set_nodelay(true);
            let limits = self.shared.options().connection_limits.clone();
            let (eviction, admitted) = self.pending.admit(limits.max_pending_connections);
            tokio::spawn(relay::serve(
                stream,
                self.backend,
                self.shared.clone(),
                limits,
                admitted,
                eviction,
            ));
        }
    }
}

/// Binds a listener; with `reuse_port`, several can share the address.
fn bind_listener(address: SocketAddr, reuse_port: bool) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(
        Domain::for_address(address),
        Type::STREAM,
        Some(Protocol::TCP),
    )?;
    socket.set_reuse_address(true)?;
    #[cfg(unix)]
    if reuse_port {
        socket.set_reuse_port(true)?;
    }
    #[cfg(not(unix))]
    let _ = reuse_port;
    socket.bind(&address.into())?;
    socket.listen(1024)?;
    Ok(socket.into())
}

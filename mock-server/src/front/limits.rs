//! The knobs of the connection layer (`MockOptions::connection_limits`).

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Limits that the connection layer in front of every backend applies before a request reaches
/// wiremock. The body size limit is `MockOptions::max_request_body_size`.
///
/// Read per connection and per request, so `POST /__mock/config` changes them for new
/// connections and requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConnectionLimits {
    /// Milliseconds a client has to send a complete request head: from the connection's start,
    /// and on a keep-alive connection from the end of the previous answer (so it is also the
    /// idle timeout). The connection is then closed without an answer.
    pub header_read_timeout_ms: u64,
    /// Milliseconds a client has to send the complete body once the head has arrived. The
    /// connection is then closed without an answer.
    pub body_read_timeout_ms: u64,
    /// Most connections (all workers together) that have not yet sent a complete first
    /// request; a new connection beyond it closes the oldest of them.
    pub max_pending_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read_timeout_ms: 20_000,
            body_read_timeout_ms: 20_000,
            max_pending_connections: 256,
        }
    }
}

impl ConnectionLimits {
    /// The header-read timeout (at least 1 ms).
    pub(crate) fn header_read_timeout(&self) -> Duration {
        Duration::from_millis(self.header_read_timeout_ms.max(1))
    }

    /// The body-read timeout (at least 1 ms).
    pub(crate) fn body_read_timeout(&self) -> Duration {
        Duration::from_millis(self.body_read_timeout_ms.max(1))
    }
}

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::BoxFuture;
use crate::transport::{ReqwestTransport, Transport};

/// Runs `future` to completion independently of its caller (on the current
/// tokio runtime).
pub(crate) fn spawn(future: BoxFuture<'static, ()>) {
    tokio::spawn(future);
}

pub(crate) fn default_transport() -> Result<Arc<dyn Transport>, crate::Error> {
    Ok(Arc::new(ReqwestTransport::new()?))
}

pub(super) fn monotonic_now() -> Duration {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed()
}

pub(super) fn wall_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub(super) fn sleep(duration: Duration) -> BoxFuture<'static, ()> {
    Box::pin(tokio::time::sleep(duration))
}

//! The cap on connections that have not yet sent a complete first request.
//!
//! Every accepted connection is admitted here. It leaves when its first request (head and
//! body) has been read, or when it closes. Beyond the cap, admitting a connection evicts the
//! oldest one still waiting, so slow clients cannot crowd out new ones for long: a client
//! that sends its request at once is never the oldest for more than a moment.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::oneshot;

/// The connections of all workers that are still waiting for their first request.
#[derive(Debug, Default)]
pub(super) struct PendingConnections {
    next_id: AtomicU64,
    /// Oldest first (ids only grow); each entry can tell its connection to close.
    waiting: Mutex<BTreeMap<u64, oneshot::Sender<()>>>,
}

impl PendingConnections {
    fn waiting(&self) -> MutexGuard<'_, BTreeMap<u64, oneshot::Sender<()>>> {
        self.waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Admits a new connection, evicting the oldest waiting ones beyond `cap` (at least 1).
    pub(super) fn admit(self: &Arc<Self>, cap: usize) -> (Eviction, Admitted) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (evict, evicted) = oneshot::channel();
        let mut waiting = self.waiting();
        waiting.insert(id, evict);
        while waiting.len() > cap.max(1) {
            if let Some((_, oldest)) = waiting.pop_first() {
                let _ = oldest.send(());
            }
        }
        drop(waiting);
        (
            Eviction(evicted),
            Admitted {
                id,
                registry: self.clone(),
            },
        )
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.waiting().len()
    }
}

/// Resolves when the connection was evicted; never, once it has left the waiting set.
#[derive(Debug)]
pub(super) struct Eviction(oneshot::Receiver<()>);

impl Eviction {
    /// Waits for an eviction.
    pub(super) async fn wait(self) {
        if self.0.await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// A connection's place in the waiting set; dropping it (first request read, or connection
/// closed) leaves the set.
#[derive(Debug)]
pub(super) struct Admitted {
    id: u64,
    registry: Arc<PendingConnections>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        self.registry.waiting().remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_is_evicted_beyond_the_cap() {
        let registry = Arc::new(PendingConnections::default());
        let (mut first, _first_place) = registry.admit(2);
        let (mut second, second_place) = registry.admit(2);
        let (_third, _third_place) = registry.admit(2);
        assert_eq!(registry.len(), 2);
        assert_eq!(first.0.try_recv(), Ok(()));
        // a connection that has left is never evicted
        drop(second_place);
        assert_eq!(registry.len(), 1);
        assert_eq!(
            second.0.try_recv(),
            Err(oneshot::error::TryRecvError::Closed)
        );
    }
}

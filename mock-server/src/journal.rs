//! The request journal: the most recent API requests and how they were answered.

use serde::Serialize;
use std::collections::VecDeque;

/// Most journal entries kept; older ones are dropped first.
pub(crate) const JOURNAL_CAPACITY: usize = 10_000;

/// One API request as the mock saw and answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedRequest {
    /// HTTP method, upper case.
    pub method: String,
    /// Request path without the query string, as received.
    pub path: String,
    /// Status code sent (or intended, for a dropped connection).
    pub status: u16,
    /// The `Idempotency-Key` header, if any.
    pub idempotency_key: Option<String>,
    /// Whether the response was an idempotent replay.
    pub replayed: bool,
    /// Mock-clock time of the request, unix seconds.
    pub at: i64,
}

/// A bounded FIFO of recorded requests.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    entries: VecDeque<RecordedRequest>,
}

impl Journal {
    /// Appends an entry, evicting the oldest beyond capacity.
    pub(crate) fn record(&mut self, entry: RecordedRequest) {
        if self.entries.len() >= JOURNAL_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// All kept entries, oldest first.
    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    /// Forgets every entry.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_is_bounded() {
        let mut journal = Journal::default();
        for index in 0..(JOURNAL_CAPACITY + 5) {
            journal.record(RecordedRequest {
                method: "GET".into(),
                path: format!("/{index}"),
                status: 200,
                idempotency_key: None,
                replayed: false,
                at: 0,
            });
        }
        let entries = journal.snapshot();
        assert_eq!(entries.len(), JOURNAL_CAPACITY);
        assert_eq!(entries[0].path, "/5");
    }
}

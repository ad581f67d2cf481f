//! Parsed documents of recent requests, by their text. Clients send a few fixed documents
//! (the SDK sends those of spec §2) and parsing is most of the engine's cost per request, so
//! a document seen before is handed to the executor already parsed (it still goes through
//! the depth checks, the `Int` check and validation). The cache is small and bounded.

use async_graphql::parser::parse_query;
use async_graphql::parser::types::ExecutableDocument;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Documents cached at most; when full, the cache starts over.
const CAPACITY: usize = 64;
/// Longest document text cached, in bytes (longer ones are parsed each time).
const MAX_TEXT: usize = 8 * 1024;

/// The cache.
#[derive(Default)]
pub(crate) struct Documents {
    parsed: Mutex<HashMap<String, ExecutableDocument>>,
}

impl Documents {
    /// The parsed form of `query`; `None` when it does not parse or is too long to keep, which
    /// leaves parsing (and its error) to the executor.
    pub(crate) fn parsed(&self, query: &str) -> Option<ExecutableDocument> {
        let lock = || self.parsed.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(document) = lock().get(query) {
            return Some(document.clone());
        }
        if query.len() > MAX_TEXT {
            return None;
        }
        let document = parse_query(query).ok()?;
        let mut cache = lock();
        if cache.len() >= CAPACITY {
            cache.clear();
        }
        cache.insert(query.to_owned(), document.clone());
        Some(document)
    }

    /// How many documents are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.parsed
            .lock()
            .map(|cache| cache.len())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_parsed_once_and_the_cache_stays_bounded() {
        let documents = Documents::default();
        assert!(documents.parsed("{ customer { email } }").is_some());
        assert!(documents.parsed("{ customer { email } }").is_some());
        assert_eq!(documents.len(), 1);
        assert!(documents.parsed("{ customer {").is_none());
        for index in 0..CAPACITY * 2 {
            assert!(
                documents
                    .parsed(&format!("{{ a{index}: __typename }}"))
                    .is_some()
            );
        }
        assert!(documents.len() <= CAPACITY);
        let long = format!("{{ {} }}", "__typename ".repeat(MAX_TEXT / 10));
        assert!(documents.parsed(&long).is_none());
    }
}

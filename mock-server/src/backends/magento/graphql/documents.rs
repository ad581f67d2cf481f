//! Parsed documents of recent requests, by their text. Clients send a few fixed documents
//! (the SDK sends those of spec §2) and parsing is most of the engine's cost per request, so
//! a document seen before is handed to the executor already parsed (it still goes through
//! the depth checks, the `Int` check and validation). The cache is small and bounded.

use async_graphql::Variables;
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

/// Gives every variable of the chosen operation that the request leaves out its declared
/// default (GraphQL spec §6.1.2, CoerceVariableValues). The executor applies defaults where a
/// variable is an argument, but not where it is a directive's (`@include(if: $a)`).
pub(crate) fn apply_defaults(
    document: &ExecutableDocument,
    operation_name: Option<&str>,
    variables: &mut Variables,
) {
    let chosen = document.operations.iter().find(|(name, _)| {
        operation_name.is_none_or(|wanted| name.is_some_and(|name| name.as_str() == wanted))
    });
    let Some((_, operation)) = chosen else {
        return;
    };
    for definition in &operation.node.variable_definitions {
        let definition = &definition.node;
        if let Some(default) = &definition.default_value {
            variables
                .entry(definition.name.node.clone())
                .or_insert_with(|| default.node.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omitted_variables_take_their_defaults_and_given_ones_stay() {
        let document = parse_query(
            "query A($a: Boolean = true, $b: Int = 1, $c: String) { __typename }
             query B($z: Int = 9) { __typename }",
        )
        .unwrap();
        let mut variables = Variables::from_json(serde_json::json!({"b": 2}));
        apply_defaults(&document, Some("A"), &mut variables);
        assert_eq!(
            variables.into_value().into_json().unwrap(),
            serde_json::json!({"a": true, "b": 2})
        );
        let mut none = Variables::default();
        apply_defaults(&document, Some("C"), &mut none);
        assert!(none.is_empty(), "an unknown operation gets nothing");
    }

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

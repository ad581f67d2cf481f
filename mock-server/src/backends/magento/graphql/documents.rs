//! Parsed documents of recent requests, by their text. Clients send a few fixed documents
//! (the SDK sends those of spec §2) and parsing is most of the engine's cost per request, so
//! a document seen before is handed to the executor already parsed (it still goes through
//! the depth checks, the `Int` check and validation). The cache is small and bounded.
//! Every document reaches the executor parsed here, with conditions on `__typename` moved
//! where async-graphql's validation sees them ([`wrap_typename_directives`]).

use async_graphql::Variables;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, InlineFragment, Selection, SelectionSet,
};
use async_graphql::parser::{Positioned, parse_query};
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
    /// The parsed form of `query`, ready for the executor (see [`wrap_typename_directives`]);
    /// `None` when it does not parse, which leaves parsing (and its error) to the executor.
    pub(crate) fn parsed(&self, query: &str) -> Option<ExecutableDocument> {
        let lock = || self.parsed.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(document) = lock().get(query) {
            return Some(document.clone());
        }
        let mut document = parse_query(query).ok()?;
        wrap_typename_directives(&mut document);
        if query.len() > MAX_TEXT {
            return Some(document);
        }
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

/// Moves the `@include`/`@skip` directives of every `__typename` selection onto an inline
/// fragment without a type condition around it: `__typename @include(if: $a)` becomes
/// `... @include(if: $a) { __typename }`, which selects the same (GraphQL spec §6.3.2,
/// CollectFields). async-graphql's validation never visits `__typename` selections, so a
/// variable used only in their directives was refused as unused (§5.8.4) and their directive
/// arguments went unchecked; an inline fragment's directives are validated. Selections with any
/// other directive stay as written.
fn wrap_typename_directives(document: &mut ExecutableDocument) {
    match &mut document.operations {
        DocumentOperations::Single(operation) => {
            wrap_in_selection_set(&mut operation.node.selection_set.node)
        }
        DocumentOperations::Multiple(operations) => {
            for operation in operations.values_mut() {
                wrap_in_selection_set(&mut operation.node.selection_set.node);
            }
        }
    }
    for fragment in document.fragments.values_mut() {
        wrap_in_selection_set(&mut fragment.node.selection_set.node);
    }
}

/// [`wrap_typename_directives`] over one selection set and those inside it.
fn wrap_in_selection_set(set: &mut SelectionSet) {
    for selection in &mut set.items {
        let pos = selection.pos;
        match &mut selection.node {
            Selection::Field(field) if field.node.name.node == "__typename" => {
                let only_conditions = field.node.directives.iter().all(|directive| {
                    matches!(directive.node.name.node.as_str(), "include" | "skip")
                });
                if field.node.directives.is_empty() || !only_conditions {
                    continue;
                }
                let directives = std::mem::take(&mut field.node.directives);
                let field = Positioned::new(Selection::Field(field.clone()), pos);
                selection.node = Selection::InlineFragment(Positioned::new(
                    InlineFragment {
                        type_condition: None,
                        directives,
                        selection_set: Positioned::new(SelectionSet { items: vec![field] }, pos),
                    },
                    pos,
                ));
            }
            Selection::Field(field) => wrap_in_selection_set(&mut field.node.selection_set.node),
            Selection::InlineFragment(fragment) => {
                wrap_in_selection_set(&mut fragment.node.selection_set.node)
            }
            Selection::FragmentSpread(_) => {}
        }
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
        let before = documents.len();
        let long = format!("{{ {} }}", "__typename ".repeat(MAX_TEXT / 10));
        assert!(
            documents.parsed(&long).is_some(),
            "a long document is parsed"
        );
        assert_eq!(documents.len(), before, "but not kept");
    }

    #[test]
    fn conditions_on_typename_move_to_an_inline_fragment_and_nothing_else_changes() {
        let mut document = parse_query(
            "query A($a: Boolean!) { t: __typename @include(if: $a) customer { __typename @skip(if: $a) email @include(if: $a) } }
             query B { __typename __typename @deprecated }
             fragment F on Customer { __typename @include(if: true) }",
        )
        .unwrap();
        let expected = parse_query(
            "query A($a: Boolean!) { ... @include(if: $a) { t: __typename } customer { ... @skip(if: $a) { __typename } email @include(if: $a) } }
             query B { __typename __typename @deprecated }
             fragment F on Customer { ... @include(if: true) { __typename } }",
        )
        .unwrap();
        wrap_typename_directives(&mut document);
        // Positions differ between the two texts; the shapes must not.
        let shape = |document: &ExecutableDocument| {
            let mut operations: Vec<_> = document
                .operations
                .iter()
                .map(|(name, operation)| {
                    (
                        name.map(|name| name.to_string()),
                        format!("{:?}", strip(&operation.node.selection_set.node)),
                    )
                })
                .collect();
            operations.sort();
            let fragments: Vec<_> = document
                .fragments
                .values()
                .map(|fragment| format!("{:?}", strip(&fragment.node.selection_set.node)))
                .collect();
            (operations, fragments)
        };
        assert_eq!(shape(&document), shape(&expected));
    }

    /// A selection set as (alias, name or "...", directive names, children), without positions.
    fn strip(set: &SelectionSet) -> Vec<(String, Vec<String>, Vec<String>)> {
        let directives = |list: &[Positioned<async_graphql::parser::types::Directive>]| {
            list.iter()
                .map(|directive| directive.node.name.node.to_string())
                .collect::<Vec<_>>()
        };
        set.items
            .iter()
            .map(|selection| match &selection.node {
                Selection::Field(field) => (
                    format!(
                        "{}{}",
                        field
                            .node
                            .alias
                            .as_ref()
                            .map(|alias| format!("{}: ", alias.node))
                            .unwrap_or_default(),
                        field.node.name.node
                    ),
                    directives(&field.node.directives),
                    vec![format!("{:?}", strip(&field.node.selection_set.node))],
                ),
                Selection::InlineFragment(fragment) => (
                    "...".to_owned(),
                    directives(&fragment.node.directives),
                    vec![format!("{:?}", strip(&fragment.node.selection_set.node))],
                ),
                Selection::FragmentSpread(spread) => (
                    format!("...{}", spread.node.fragment_name.node),
                    vec![],
                    vec![],
                ),
            })
            .collect()
    }
}

//! GraphQL's `Int` is a signed 32-bit integer, but the executor's validation accepts any 64-bit
//! integer input (`currentPage: 4504357293`). This check refuses, as a request error before
//! execution, an argument literal or variable value of type `Int` that does not fit, using the
//! argument and input field types of the SDL.

use super::errors::{REQUEST_CATEGORY, request_error};
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::Positioned;
use async_graphql::parser::types::{
    BaseType, ExecutableDocument, Selection, SelectionSet, Type, TypeDefinition, TypeKind,
};
use async_graphql::{ServerResult, Value, Variables};
use std::collections::HashMap;
use std::sync::Arc;

/// A field of an output type: its argument types and the named type it returns.
struct FieldTypes {
    arguments: HashMap<String, Type>,
    returns: String,
}

/// The input types of an SDL, as this check needs them.
pub(crate) struct IntRange {
    /// Output type → field → its types.
    outputs: HashMap<String, HashMap<String, FieldTypes>>,
    /// Input object → field → type.
    inputs: HashMap<String, HashMap<String, Type>>,
}

impl IntRange {
    /// The argument and input field types of `types`.
    pub(crate) fn new(types: &[&TypeDefinition]) -> Self {
        let mut outputs = HashMap::new();
        let mut inputs = HashMap::new();
        for ty in types {
            let name = ty.name.node.to_string();
            match &ty.kind {
                TypeKind::Object(object) => {
                    outputs.insert(name, output_fields(&object.fields));
                }
                TypeKind::Interface(interface) => {
                    outputs.insert(name, output_fields(&interface.fields));
                }
                TypeKind::InputObject(input) => {
                    let fields = input.fields.iter().map(|field| {
                        let field = &field.node;
                        (field.name.node.to_string(), field.ty.node.clone())
                    });
                    inputs.insert(name, fields.collect());
                }
                _ => {}
            }
        }
        Self { outputs, inputs }
    }

    /// Checks every argument literal of `document` and every variable value against the types
    /// the document and the SDL give them.
    fn check(&self, document: &ExecutableDocument, variables: &Variables) -> ServerResult<()> {
        for (_, operation) in document.operations.iter() {
            let operation = &operation.node;
            for definition in &operation.variable_definitions {
                let definition = &definition.node;
                if let Some(value) = variables.get(&definition.name.node) {
                    self.value(value, &definition.var_type.node)
                        .map_err(|bad| {
                            request_error(
                                format!(
                                    "Variable \"${}\" got invalid value {bad}; {}",
                                    definition.name.node,
                                    int_message(bad)
                                ),
                                REQUEST_CATEGORY,
                            )
                        })?;
                }
            }
            let root = match operation.ty {
                async_graphql::parser::types::OperationType::Mutation => "Mutation",
                _ => "Query",
            };
            self.selections(&operation.selection_set, root)?;
        }
        for fragment in document.fragments.values() {
            let fragment = &fragment.node;
            self.selections(
                &fragment.selection_set,
                &fragment.type_condition.node.on.node,
            )?;
        }
        Ok(())
    }

    /// The arguments of every field selected in `set` on `parent`, and below.
    fn selections(&self, set: &Positioned<SelectionSet>, parent: &str) -> ServerResult<()> {
        for selection in &set.node.items {
            match &selection.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let Some(types) = self
                        .outputs
                        .get(parent)
                        .and_then(|fields| fields.get(field.name.node.as_str()))
                    else {
                        continue;
                    };
                    for (name, value) in &field.arguments {
                        let Some(ty) = types.arguments.get(name.node.as_str()) else {
                            continue;
                        };
                        // Variables are checked with their own values.
                        let literal = value
                            .node
                            .clone()
                            .into_const_with(|_| Ok::<_, ()>(Value::Null))
                            .unwrap_or_default();
                        self.value(&literal, ty).map_err(|bad| {
                            let mut error = request_error(int_message(bad), REQUEST_CATEGORY);
                            error.locations = vec![value.pos];
                            error
                        })?;
                    }
                    self.selections(&field.selection_set, &types.returns)?;
                }
                Selection::InlineFragment(fragment) => {
                    let fragment = &fragment.node;
                    let on = fragment
                        .type_condition
                        .as_ref()
                        .map_or(parent, |condition| condition.node.on.node.as_str());
                    self.selections(&fragment.selection_set, on)?;
                }
                Selection::FragmentSpread(_) => {}
            }
        }
        Ok(())
    }

    /// `Err` with the first `Int` of `value` (of type `ty`) that does not fit 32 bits.
    fn value<'v>(&self, value: &'v Value, ty: &Type) -> Result<(), &'v Value> {
        match (&ty.base, value) {
            (_, Value::Null) => Ok(()),
            (BaseType::List(inner), Value::List(items)) => items
                .iter()
                .try_for_each(|item| self.value(item, inner.as_ref())),
            // Input coercion: a single value stands for a list of one.
            (BaseType::List(inner), single) => self.value(single, inner.as_ref()),
            (BaseType::Named(name), Value::Number(number)) if name == "Int" => {
                match number.as_i64().map(i32::try_from) {
                    Some(Ok(_)) => Ok(()),
                    _ => Err(value),
                }
            }
            (BaseType::Named(name), Value::Object(fields)) => {
                match self.inputs.get(name.as_str()) {
                    Some(types) => fields.iter().try_for_each(|(field, value)| {
                        match types.get(field.as_str()) {
                            Some(ty) => self.value(value, ty),
                            None => Ok(()),
                        }
                    }),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }
}

/// graphql-js's and graphql-php's wording.
fn int_message(value: &Value) -> String {
    format!("Int cannot represent non 32-bit signed integer value: {value}")
}

fn output_fields(
    fields: &[Positioned<async_graphql::parser::types::FieldDefinition>],
) -> HashMap<String, FieldTypes> {
    fields
        .iter()
        .map(|field| {
            let field = &field.node;
            let arguments = field
                .arguments
                .iter()
                .map(|argument| {
                    let argument = &argument.node;
                    (argument.name.node.to_string(), argument.ty.node.clone())
                })
                .collect();
            let mut returns = &field.ty.node;
            while let BaseType::List(inner) = &returns.base {
                returns = inner;
            }
            let returns = match &returns.base {
                BaseType::Named(name) => name.to_string(),
                BaseType::List(_) => String::new(),
            };
            (
                field.name.node.to_string(),
                FieldTypes { arguments, returns },
            )
        })
        .collect()
}

/// The check as an executor extension, shared by every request.
pub(crate) struct IntRangeFactory(pub(crate) Arc<IntRange>);

impl ExtensionFactory for IntRangeFactory {
    fn create(&self) -> Arc<dyn Extension> {
        self.0.clone()
    }
}

/// Runs on the parsed document, before validation.
#[async_graphql::async_trait::async_trait]
impl Extension for IntRange {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        self.check(&document, variables)?;
        Ok(document)
    }
}

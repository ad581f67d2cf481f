//! Resolvers of the fields below the roots: each serves its value from the parent's value tree
//! (`render.rs`). Two kinds of field compute their value from the tree and their arguments:
//! `Customer.addressesV2(currentPage, pageSize)` pages over `addresses`, and a field with an
//! `attributeCodes` argument filters its list by code.

use super::accounts::{ErrorCategory, FieldError};
use super::errors::field_error;
use super::render::TYPENAME_KEY;
use async_graphql::Value;
use async_graphql::dynamic::{FieldFuture, FieldValue, ResolverContext};
use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{BaseType, Type};

/// How a field's value becomes an executor value: through how many list levels, and whether
/// the named type is abstract (an interface or union: each object says its type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    list_depth: usize,
    is_abstract: bool,
}

impl Shape {
    /// The shape of `ty`, whose named type is abstract or not.
    pub(crate) fn of(ty: &Type, is_abstract: bool) -> Self {
        let mut list_depth = 0;
        let mut current = ty;
        while let BaseType::List(inner) = &current.base {
            list_depth += 1;
            current = inner;
        }
        Self {
            list_depth,
            is_abstract,
        }
    }

    /// `value` as the executor takes it; `None` for `null`.
    pub(crate) fn field_value(self, value: Value) -> Option<FieldValue<'static>> {
        match value {
            Value::Null => None,
            value if !self.is_abstract => Some(FieldValue::value(value)),
            value => Some(tag(value, self.list_depth)),
        }
    }
}

/// An abstract value `depth` list levels deep, each object with its concrete type (a missing
/// `__typename` leaves it untyped, which the executor reports as a bug).
fn tag(value: Value, depth: usize) -> FieldValue<'static> {
    match value {
        Value::List(items) if depth > 0 => {
            FieldValue::list(items.into_iter().map(|item| match item {
                Value::Null => FieldValue::NULL,
                item => tag(item, depth - 1),
            }))
        }
        Value::Object(fields) => match fields.get(TYPENAME_KEY) {
            Some(Value::String(name)) => {
                let name = name.clone();
                FieldValue::value(Value::Object(fields)).with_type(name)
            }
            _ => FieldValue::value(Value::Object(fields)),
        },
        value => FieldValue::value(value),
    }
}

/// What a field resolver does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// Serves the parent's value under the field's name.
    Stored,
    /// `Customer.addressesV2`: a page of `addresses`.
    AddressPage,
    /// A list filtered by the `attributeCodes` argument.
    ByAttributeCodes,
}

impl FieldKind {
    /// The kind of field `field` of `type_name` with arguments `arguments`; `None` for a
    /// field with arguments the engine cannot compute.
    pub(crate) fn of(type_name: &str, field: &str, arguments: &[&str]) -> Option<Self> {
        match (type_name, field, arguments) {
            (_, _, []) => Some(Self::Stored),
            ("Customer", "addressesV2", ["currentPage", "pageSize"]) => Some(Self::AddressPage),
            (_, _, ["attributeCodes"]) => Some(Self::ByAttributeCodes),
            _ => None,
        }
    }
}

/// The resolver of a field named `name` of this kind.
pub(crate) fn resolver(
    kind: FieldKind,
    name: String,
    shape: Shape,
) -> impl for<'a> Fn(ResolverContext<'a>) -> FieldFuture<'a> + Send + Sync + 'static {
    move |ctx| {
        let stored = ctx.parent_value.as_value().and_then(|parent| match parent {
            Value::Object(fields) => fields.get(name.as_str()),
            _ => None,
        });
        let value = match kind {
            FieldKind::Stored => stored.cloned(),
            FieldKind::ByAttributeCodes => stored.map(|list| by_codes(&ctx, list)),
            FieldKind::AddressPage => {
                let addresses = ctx.parent_value.as_value().and_then(|parent| match parent {
                    Value::Object(fields) => fields.get("addresses"),
                    _ => None,
                });
                match address_page(&ctx, addresses) {
                    Ok(page) => Some(page),
                    Err(error) => {
                        ctx.add_error(field_error(&ctx, &error));
                        None
                    }
                }
            }
        };
        FieldFuture::Value(value.and_then(|value| shape.field_value(value)))
    }
}

/// The items of `list` whose `code` is one of the `attributeCodes` argument (all of them when
/// the argument is absent or null).
fn by_codes(ctx: &ResolverContext<'_>, list: &Value) -> Value {
    let codes: Option<Vec<&str>> =
        match ctx.args.get("attributeCodes").map(|codes| codes.as_value()) {
            Some(Value::List(codes)) => Some(
                codes
                    .iter()
                    .filter_map(|code| match code {
                        Value::String(code) => Some(code.as_str()),
                        _ => None,
                    })
                    .collect(),
            ),
            // Input coercion: a single code stands for a list of one.
            Some(Value::String(code)) => Some(vec![code.as_str()]),
            _ => None,
        };
    match (list, codes) {
        (Value::List(items), Some(codes)) => Value::List(
            items
                .iter()
                .filter(|item| match item {
                    Value::Object(fields) => fields
                        .get("code")
                        .is_some_and(|code| matches!(code, Value::String(code) if codes.contains(&code.as_str()))),
                    _ => false,
                })
                .cloned()
                .collect(),
        ),
        (list, _) => list.clone(),
    }
}

/// `CustomerAddresses` for the `currentPage` and `pageSize` arguments (the executor applies
/// their defaults, 1 and 5).
fn address_page(ctx: &ResolverContext<'_>, addresses: Option<&Value>) -> Result<Value, FieldError> {
    let argument = |name: &str| {
        ctx.args
            .get(name)
            .and_then(|value| value.i64().ok())
            .unwrap_or(1)
    };
    let (current_page, page_size) = (argument("currentPage"), argument("pageSize"));
    if current_page < 1 {
        return Err(FieldError::new(
            ErrorCategory::Input,
            "currentPage value must be greater than 0.",
        ));
    }
    if page_size < 1 {
        return Err(FieldError::new(
            ErrorCategory::Input,
            "pageSize value must be greater than 0.",
        ));
    }
    let all: &[Value] = match addresses {
        Some(Value::List(items)) => items,
        _ => &[],
    };
    let (page, size) = (current_page as usize, page_size as usize);
    let items: Vec<Value> = all
        .iter()
        .skip((page - 1).saturating_mul(size))
        .take(size)
        .cloned()
        .collect();
    let total = all.len();
    let object = |pairs: Vec<(&str, Value)>| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(name, value)| (async_graphql::Name::new(name), value))
                .collect::<IndexMap<_, _>>(),
        )
    };
    Ok(object(vec![
        ("items", Value::List(items)),
        (
            "page_info",
            object(vec![
                ("current_page", Value::from(current_page)),
                ("page_size", Value::from(page_size)),
                ("total_pages", Value::from(total.div_ceil(size))),
            ]),
        ),
        ("total_count", Value::from(total)),
    ]))
}

//! The executable schema, built from the text of an SDL file: every type, field, argument,
//! enum value, description, default and deprecation of the file, with the engine's resolvers
//! attached (root fields ask the store, the others read the value tree).

use super::errors::{bug, field_error};
use super::exchange::Exchange;
use super::fields::{self, FieldKind, Shape};
use super::int_range::{IntRange, IntRangeFactory};
use super::roots::{ReadError, RootField};
use async_graphql::dynamic::{
    Enum, EnumItem, Field, FieldFuture, FieldValue, InputObject, InputValue, Interface,
    InterfaceField, Object, ResolverContext, Scalar, Schema, SchemaBuilder, TypeRef, Union,
};
use async_graphql::parser::types::{
    BaseType, ConstDirective, FieldDefinition, InputValueDefinition, Type, TypeDefinition,
    TypeKind, TypeSystemDefinition,
};
use async_graphql::parser::{Positioned, parse_schema};
use std::collections::HashSet;
use std::sync::Arc;

/// Deepest selection nesting accepted (Magento's default `queryDepth`).
pub(crate) const MAX_DEPTH: usize = 20;
/// Largest query complexity accepted (Magento's default `queryComplexity`; here each selected
/// field counts 1).
pub(crate) const MAX_COMPLEXITY: usize = 300;

/// The operation roots (the SDL has no `schema` definition, so the conventional names).
const QUERY: &str = "Query";
const MUTATION: &str = "Mutation";

/// Builds the schema of `sdl`. An error names what the engine cannot serve: an SDL that does
/// not parse, a root field the store interface lacks, a field with arguments the engine cannot
/// compute, or a directive other than `@deprecated`.
pub(crate) fn build(sdl: &str) -> Result<Schema, String> {
    let document = parse_schema(sdl).map_err(|error| format!("SDL: {error}"))?;
    let types: Vec<&TypeDefinition> = document
        .definitions
        .iter()
        .map(|definition| match definition {
            TypeSystemDefinition::Type(ty) => Ok(&ty.node),
            _ => Err("SDL: only type definitions are supported".to_owned()),
        })
        .collect::<Result<_, _>>()?;
    let abstract_types: HashSet<&str> = types
        .iter()
        .filter(|ty| matches!(ty.kind, TypeKind::Interface(_) | TypeKind::Union(_)))
        .map(|ty| ty.name.node.as_str())
        .collect();
    let mut builder = Schema::build(QUERY, Some(MUTATION), None);
    for ty in &types {
        builder = register(builder, ty, &abstract_types)?;
    }
    builder
        .extension(IntRangeFactory(Arc::new(IntRange::new(&types))))
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
        .map_err(|error| format!("schema: {error}"))
}

/// Adds one type definition.
fn register(
    builder: SchemaBuilder,
    ty: &TypeDefinition,
    abstract_types: &HashSet<&str>,
) -> Result<SchemaBuilder, String> {
    let name = ty.name.node.as_str();
    let description = ty.description.as_ref().map(|text| text.node.as_str());
    no_directives(name, &ty.directives)?;
    Ok(match &ty.kind {
        TypeKind::Scalar => builder.register(with_description(Scalar::new(name), description)),
        TypeKind::Object(object) => {
            let mut built = with_description(Object::new(name), description);
            for interface in &object.implements {
                built = built.implement(interface.node.as_str());
            }
            for field in &object.fields {
                built = built.field(object_field(name, &field.node, abstract_types)?);
            }
            builder.register(built)
        }
        TypeKind::Interface(interface) => {
            let mut built = with_description(Interface::new(name), description);
            for parent in &interface.implements {
                built = built.implement(parent.node.as_str());
            }
            for field in &interface.fields {
                built = built.field(interface_field(name, &field.node)?);
            }
            builder.register(built)
        }
        TypeKind::Union(union) => {
            let mut built = with_description(Union::new(name), description);
            for member in &union.members {
                built = built.possible_type(member.node.as_str());
            }
            builder.register(built)
        }
        TypeKind::Enum(enumeration) => {
            let mut built = with_description(Enum::new(name), description);
            for value in &enumeration.values {
                let value = &value.node;
                let item = EnumItem::new(value.value.node.as_str());
                let item = match &value.description {
                    Some(text) => item.description(text.node.as_str()),
                    None => item,
                };
                let item = match deprecation(&value.directives)? {
                    Some(reason) => item.deprecation(Some(&reason)),
                    None => item,
                };
                built = built.item(item);
            }
            builder.register(built)
        }
        TypeKind::InputObject(input) => {
            let mut built = with_description(InputObject::new(name), description);
            for field in &input.fields {
                built = built.field(input_value(&field.node)?);
            }
            builder.register(built)
        }
    })
}

/// Something with a settable description.
trait Described: Sized {
    fn described(self, text: &str) -> Self;
}

macro_rules! described {
    ($($ty:ty),*) => {$(
        impl Described for $ty {
            fn described(self, text: &str) -> Self {
                self.description(text)
            }
        }
    )*};
}

described!(
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    Field,
    InterfaceField,
    InputValue
);

/// `item` with `description`, if there is one (an empty one is kept: `""""""` is "").
fn with_description<T: Described>(item: T, description: Option<&str>) -> T {
    match description {
        Some(text) => item.described(text),
        None => item,
    }
}

/// The reason of a `@deprecated` directive among `directives` (`No longer supported` when it
/// gives none, as GraphQL specifies); an error for any other directive.
fn deprecation(directives: &[Positioned<ConstDirective>]) -> Result<Option<String>, String> {
    let mut reason = None;
    for directive in directives {
        let directive = &directive.node;
        if directive.name.node != "deprecated" {
            return Err(format!(
                "SDL: unsupported directive @{}",
                directive.name.node
            ));
        }
        reason = Some(match directive.get_argument("reason") {
            Some(value) => match &value.node {
                async_graphql::Value::String(text) => text.clone(),
                other => return Err(format!("SDL: @deprecated(reason: {other})")),
            },
            None => "No longer supported".to_owned(),
        });
    }
    Ok(reason)
}

/// An error unless `directives` is empty (types carry none in the SDL).
fn no_directives(name: &str, directives: &[Positioned<ConstDirective>]) -> Result<(), String> {
    match directives.first() {
        None => Ok(()),
        Some(directive) => Err(format!(
            "SDL: unsupported directive @{} on {name}",
            directive.node.name.node
        )),
    }
}

/// A field of an object type, with its resolver.
fn object_field(
    type_name: &str,
    field: &FieldDefinition,
    abstract_types: &HashSet<&str>,
) -> Result<Field, String> {
    let name = field.name.node.to_string();
    let ty = type_ref(&field.ty.node);
    let shape = Shape::of(
        &field.ty.node,
        abstract_types.contains(named(&field.ty.node)),
    );
    let built = if type_name == QUERY || type_name == MUTATION {
        let root = RootField::from_name(&name)
            .ok_or_else(|| format!("{type_name}.{name}: no store method answers this field"))?;
        Field::new(name.clone(), ty, root_resolver(root, shape))
    } else {
        let arguments: Vec<&str> = field
            .arguments
            .iter()
            .map(|argument| argument.node.name.node.as_str())
            .collect();
        let kind = FieldKind::of(type_name, &name, &arguments)
            .ok_or_else(|| format!("{type_name}.{name}: arguments the engine cannot compute"))?;
        Field::new(
            name.clone(),
            ty,
            fields::resolver(kind, name.clone(), shape),
        )
    };
    let mut built = with_description(
        built,
        field.description.as_ref().map(|text| text.node.as_str()),
    );
    if let Some(reason) = deprecation(&field.directives)? {
        built = built.deprecation(Some(&reason));
    }
    for argument in &field.arguments {
        built = built.argument(input_value(&argument.node)?);
    }
    Ok(built)
}

/// A field of an interface type.
fn interface_field(type_name: &str, field: &FieldDefinition) -> Result<InterfaceField, String> {
    let mut built = with_description(
        InterfaceField::new(field.name.node.as_str(), type_ref(&field.ty.node)),
        field.description.as_ref().map(|text| text.node.as_str()),
    );
    if let Some(reason) = deprecation(&field.directives)? {
        built = built.deprecation(Some(&reason));
    }
    if !field.arguments.is_empty() {
        return Err(format!(
            "{type_name}.{}: interface fields with arguments are not supported",
            field.name.node
        ));
    }
    Ok(built)
}

/// An argument or input field.
fn input_value(value: &InputValueDefinition) -> Result<InputValue, String> {
    let mut built = with_description(
        InputValue::new(value.name.node.as_str(), type_ref(&value.ty.node)),
        value.description.as_ref().map(|text| text.node.as_str()),
    );
    if let Some(default) = &value.default_value {
        built = built.default_value(default.node.clone());
    }
    if let Some(reason) = deprecation(&value.directives)? {
        built = built.deprecation(Some(&reason));
    }
    Ok(built)
}

/// The resolver of a root field: reads the arguments, asks the store through the request's
/// exchange, and answers `null` plus an error when the store or the arguments refuse.
fn root_resolver(
    root: RootField,
    shape: Shape,
) -> impl for<'a> Fn(ResolverContext<'a>) -> FieldFuture<'a> + Send + Sync + 'static {
    move |ctx| {
        FieldFuture::new(async move {
            let exchange = match ctx.data::<Arc<Exchange>>() {
                Ok(exchange) => exchange,
                Err(_) => {
                    ctx.add_error(bug(&ctx, "no exchange in the request".to_owned()));
                    return Ok(None);
                }
            };
            let call = match root.read(&ctx.args) {
                Ok(call) => call,
                Err(ReadError::Refused(error)) => {
                    ctx.add_error(field_error(&ctx, &error));
                    return Ok(None);
                }
                Err(ReadError::Bug(message)) => {
                    ctx.add_error(bug(&ctx, message));
                    return Ok(None);
                }
            };
            Ok(match exchange.ask(call).await {
                Ok(value) => shape.field_value(value),
                Err(error) => {
                    ctx.add_error(field_error(&ctx, &error));
                    None::<FieldValue<'static>>
                }
            })
        })
    }
}

/// The executor's type reference of a parsed type.
fn type_ref(ty: &Type) -> TypeRef {
    let base = match &ty.base {
        BaseType::Named(name) => TypeRef::named(name.as_str()),
        BaseType::List(inner) => TypeRef::List(Box::new(type_ref(inner))),
    };
    if ty.nullable {
        base
    } else {
        TypeRef::NonNull(Box::new(base))
    }
}

/// The named type inside list and non-null wrappers.
fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

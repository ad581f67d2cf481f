//! Introspection serves every type, field, argument, enum value, description, default and
//! deprecation of the vendored SDL, checked against a second, independent parser
//! (`graphql-parser`), in the file's order.

use super::Client;
use crate::backends::magento::graphql::{GraphqlOptions, GraphqlVersion, sdl};
use graphql_parser::schema::{Definition, Directive, Document, InputValue, TypeDefinition};
use serde_json::{Value, json};

/// The introspection query of graphql-js (`getIntrospectionQuery()`), as GraphiQL, codegen and
/// schemathesis send it.
pub(crate) const INTROSPECTION_QUERY: &str = r#"
    query IntrospectionQuery {
      __schema {
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          description
          locations
          args {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      description
      fields(includeDeprecated: true) {
        name
        description
        args {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        description
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
    }

    fragment TypeRef on __Type {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
"#;

/// A type reference of an introspection result as SDL text (`[String!]!`).
fn type_text(ty: &Value) -> String {
    match ty["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", type_text(&ty["ofType"])),
        Some("LIST") => format!("[{}]", type_text(&ty["ofType"])),
        _ => ty["name"].as_str().unwrap_or("?").to_owned(),
    }
}

/// `(isDeprecated, deprecationReason)` of SDL directives.
fn deprecation(directives: &[Directive<'_, String>]) -> Value {
    let reason = directives
        .iter()
        .find(|directive| directive.name == "deprecated")
        .map(|directive| {
            directive
                .arguments
                .iter()
                .find(|(name, _)| name == "reason")
                .map_or("No longer supported".to_owned(), |(_, value)| match value {
                    graphql_parser::schema::Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
        });
    json!([reason.is_some(), reason])
}

/// An argument or input field as the introspection shows it.
fn input_value(value: &InputValue<'_, String>) -> Value {
    json!({
        "name": value.name,
        "description": value.description,
        "type": value.value_type.to_string(),
        "defaultValue": value.default_value.as_ref().map(ToString::to_string),
    })
}

/// Every type of the SDL as the introspection should show it, in file order.
fn expected(document: &Document<'_, String>) -> Vec<Value> {
    let implementers = |interface: &str| -> Vec<String> {
        let mut names: Vec<String> = document
            .definitions
            .iter()
            .filter_map(|definition| match definition {
                Definition::TypeDefinition(TypeDefinition::Object(object))
                    if object
                        .implements_interfaces
                        .iter()
                        .any(|name| name == interface) =>
                {
                    Some(object.name.clone())
                }
                _ => None,
            })
            .collect();
        names.sort();
        names
    };
    let fields = |fields: &[graphql_parser::schema::Field<'_, String>]| -> Value {
        fields
            .iter()
            .map(|field| {
                json!({
                    "name": field.name,
                    "description": field.description,
                    "args": field.arguments.iter().map(input_value).collect::<Vec<_>>(),
                    "type": field.field_type.to_string(),
                    "deprecation": deprecation(&field.directives),
                })
            })
            .collect()
    };
    document
        .definitions
        .iter()
        .map(|definition| match definition {
            Definition::TypeDefinition(TypeDefinition::Object(object)) => json!({
                "kind": "OBJECT", "name": object.name, "description": object.description,
                "fields": fields(&object.fields), "interfaces": object.implements_interfaces,
            }),
            Definition::TypeDefinition(TypeDefinition::Interface(interface)) => json!({
                "kind": "INTERFACE", "name": interface.name, "description": interface.description,
                "fields": fields(&interface.fields), "possibleTypes": implementers(&interface.name),
            }),
            Definition::TypeDefinition(TypeDefinition::InputObject(input)) => json!({
                "kind": "INPUT_OBJECT", "name": input.name, "description": input.description,
                "inputFields": input.fields.iter().map(input_value).collect::<Vec<_>>(),
            }),
            Definition::TypeDefinition(TypeDefinition::Enum(enumeration)) => json!({
                "kind": "ENUM", "name": enumeration.name, "description": enumeration.description,
                "enumValues": enumeration.values.iter().map(|value| json!({
                    "name": value.name,
                    "description": value.description,
                    "deprecation": deprecation(&value.directives),
                })).collect::<Vec<_>>(),
            }),
            other => panic!("the SDL has a definition this test does not read: {other:?}"),
        })
        .collect()
}

/// The same view of one type of an introspection result.
fn served(ty: &Value) -> Value {
    let input_values = |values: &Value| -> Vec<Value> {
        values
            .as_array()
            .into_iter()
            .flatten()
            .map(|value| {
                json!({
                    "name": value["name"],
                    "description": value["description"],
                    "type": type_text(&value["type"]),
                    "defaultValue": value["defaultValue"],
                })
            })
            .collect()
    };
    let deprecation = |item: &Value| json!([item["isDeprecated"], item["deprecationReason"]]);
    let names = |types: &Value| -> Vec<String> {
        let mut names: Vec<String> = types
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|ty| ty["name"].as_str().map(str::to_owned))
            .collect();
        names.sort();
        names
    };
    let fields: Vec<Value> = ty["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|field| {
            json!({
                "name": field["name"],
                "description": field["description"],
                "args": input_values(&field["args"]),
                "type": type_text(&field["type"]),
                "deprecation": deprecation(field),
            })
        })
        .collect();
    match ty["kind"].as_str() {
        Some("OBJECT") => json!({
            "kind": "OBJECT", "name": ty["name"], "description": ty["description"],
            "fields": fields, "interfaces": names(&ty["interfaces"]),
        }),
        Some("INTERFACE") => json!({
            "kind": "INTERFACE", "name": ty["name"], "description": ty["description"],
            "fields": fields, "possibleTypes": names(&ty["possibleTypes"]),
        }),
        Some("INPUT_OBJECT") => json!({
            "kind": "INPUT_OBJECT", "name": ty["name"], "description": ty["description"],
            "inputFields": input_values(&ty["inputFields"]),
        }),
        Some("ENUM") => json!({
            "kind": "ENUM", "name": ty["name"], "description": ty["description"],
            "enumValues": ty["enumValues"].as_array().into_iter().flatten().map(|value| json!({
                "name": value["name"],
                "description": value["description"],
                "deprecation": deprecation(value),
            })).collect::<Vec<_>>(),
        }),
        _ => ty.clone(),
    }
}

fn check_version(version: GraphqlVersion) {
    let document = graphql_parser::parse_schema::<String>(sdl(version)).expect("the SDL parses");
    let client = Client::with(GraphqlOptions {
        version,
        ..GraphqlOptions::default()
    });
    let answer = client.query(INTROSPECTION_QUERY);
    assert_eq!(answer.status, 200);
    assert!(answer.json.get("errors").is_none(), "{}", answer.body);
    let schema = &answer.json["data"]["__schema"];
    assert_eq!(schema["queryType"]["name"], "Query");
    assert_eq!(schema["mutationType"]["name"], "Mutation");
    let types = schema["types"].as_array().expect("types");
    let expected = expected(&document);
    assert_eq!(expected.len(), 29, "the SDL's 29 type definitions");
    for want in expected {
        let name = want["name"].as_str().unwrap_or_default();
        let got = types
            .iter()
            .find(|ty| ty["name"] == name)
            .unwrap_or_else(|| panic!("{version:?}: type {name} is not served"));
        assert_eq!(served(got), want, "{version:?}: type {name}");
    }
    // Nothing but the SDL's types, the built-in scalars and the introspection types.
    for ty in types {
        let name = ty["name"].as_str().unwrap_or_default();
        let known = name.starts_with("__")
            || ["String", "Int", "Float", "Boolean", "ID"].contains(&name)
            || document.definitions.iter().any(|definition| {
                matches!(definition, Definition::TypeDefinition(definition) if type_name(definition) == name)
            });
        assert!(known, "{version:?}: {name} is served but not in the SDL");
    }
}

fn type_name<'a>(definition: &'a TypeDefinition<'_, String>) -> &'a str {
    match definition {
        TypeDefinition::Scalar(ty) => &ty.name,
        TypeDefinition::Object(ty) => &ty.name,
        TypeDefinition::Interface(ty) => &ty.name,
        TypeDefinition::Union(ty) => &ty.name,
        TypeDefinition::Enum(ty) => &ty.name,
        TypeDefinition::InputObject(ty) => &ty.name,
    }
}

#[test]
fn introspection_serves_the_2_4_8_sdl() {
    check_version(GraphqlVersion::V2_4_8);
}

#[test]
fn introspection_serves_the_2_4_9_sdl() {
    check_version(GraphqlVersion::V2_4_9);
}

#[test]
fn the_version_switches_the_v2_address_mutations() {
    let query = r#"{ __type(name: "Mutation") { fields { name } } }"#;
    for (version, has_v2) in [
        (GraphqlVersion::V2_4_7, false),
        (GraphqlVersion::V2_4_8, false),
        (GraphqlVersion::V2_4_9, true),
    ] {
        let client = Client::with(GraphqlOptions {
            version,
            ..GraphqlOptions::default()
        });
        let answer = client.query(query);
        let fields = answer.json["data"]["__type"]["fields"].to_string();
        assert_eq!(fields.contains("\"deleteCustomerAddressV2\""), has_v2);
        assert_eq!(fields.contains("\"updateCustomerAddressV2\""), has_v2);
    }
}

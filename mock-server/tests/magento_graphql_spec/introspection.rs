//! Introspection returns the schema (issue 9 §2, Bar): every type, field, argument, default,
//! enum value, interface and deprecation of Adobe's 2.4.8 subset, and of the 2.4.9 subset
//! with the server-version option; nothing else but the built-in scalars.

use std::collections::{BTreeMap, BTreeSet};

use crate::fixture::*;
use crate::sdl::{self, TypeDef};
use serde_json::{Value, json};

/// graphql-js's `getIntrospectionQuery()` (descriptions on, deprecated members included).
const INTROSPECTION: &str = "query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) {
    name description
    args { ...InputValue }
    type { ...TypeRef }
    isDeprecated deprecationReason
  }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
}";

const BUILT_IN_SCALARS: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

/// `__schema` of the mock's introspection, asserting a plain 200 success without a token.
async fn introspect(shop: &Shop) -> Value {
    let r = shop
        .post_graphql(
            &json!({"query": INTROSPECTION, "operationName": "IntrospectionQuery"}),
            None,
        )
        .await;
    r.data()["__schema"].clone()
}

/// An introspection type reference as SDL text (`[CustomerAddress]!`).
fn type_text(ty: &Value) -> String {
    match ty["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", type_text(&ty["ofType"])),
        Some("LIST") => format!("[{}]", type_text(&ty["ofType"])),
        _ => ty["name"]
            .as_str()
            .unwrap_or_else(|| panic!("a named type: {ty}"))
            .to_owned(),
    }
}

/// The introspected types by name (introspection types `__*` left out).
fn types_by_name(schema: &Value) -> BTreeMap<String, Value> {
    schema["types"]
        .as_array()
        .expect("types")
        .iter()
        .filter_map(|t| {
            let name = t["name"].as_str().expect("name");
            (!name.starts_with("__")).then(|| (name.to_owned(), t.clone()))
        })
        .collect()
}

fn named(list: &Value) -> BTreeMap<String, Value> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| (i["name"].as_str().expect("name").to_owned(), i.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Compares one introspected type with its SDL definition; returns the differences.
fn differences(
    name: &str,
    got: &Value,
    want: &TypeDef,
    all: &BTreeMap<String, TypeDef>,
) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut diff = |what: String| diffs.push(format!("{name}: {what}"));
    if got["kind"] != want.kind {
        diff(format!("kind {} instead of {}", got["kind"], want.kind));
    }
    let fields = if want.kind == "INPUT_OBJECT" {
        named(&got["inputFields"])
    } else {
        named(&got["fields"])
    };
    let got_names: BTreeSet<_> = fields.keys().cloned().collect();
    let want_names: BTreeSet<_> = want.fields.keys().cloned().collect();
    for missing in want_names.difference(&got_names) {
        diff(format!("field {missing} missing"));
    }
    for extra in got_names.difference(&want_names) {
        diff(format!("field {extra} is not in the SDL"));
    }
    for (field, def) in &want.fields {
        let Some(g) = fields.get(field) else { continue };
        let ty = type_text(&g["type"]);
        if ty != def.ty {
            diff(format!("{field}: type {ty} instead of {}", def.ty));
        }
        if want.kind == "INPUT_OBJECT" {
            let default = g["defaultValue"].as_str().map(str::to_owned);
            if default != def.default {
                diff(format!(
                    "{field}: default {default:?} instead of {:?}",
                    def.default
                ));
            }
            continue;
        }
        let args = named(&g["args"]);
        let got_args: BTreeSet<_> = args.keys().cloned().collect();
        let want_args: BTreeSet<_> = def.args.keys().cloned().collect();
        if got_args != want_args {
            diff(format!(
                "{field}: arguments {got_args:?} instead of {want_args:?}"
            ));
        }
        for (arg, a) in &def.args {
            let Some(g) = args.get(arg) else { continue };
            let ty = type_text(&g["type"]);
            if ty != a.ty {
                diff(format!("{field}({arg}): type {ty} instead of {}", a.ty));
            }
            let default = g["defaultValue"].as_str().map(str::to_owned);
            if default != a.default {
                diff(format!(
                    "{field}({arg}): default {default:?} instead of {:?}",
                    a.default
                ));
            }
        }
    }
    if want.kind == "ENUM" {
        let values: BTreeSet<_> = named(&got["enumValues"]).keys().cloned().collect();
        let want_values: BTreeSet<_> = want.values.keys().cloned().collect();
        if values != want_values {
            diff(format!(
                "enum values differ: missing {:?}, extra {:?}",
                want_values.difference(&values).collect::<Vec<_>>(),
                values.difference(&want_values).collect::<Vec<_>>()
            ));
        }
    }
    let interfaces: BTreeSet<String> = named(&got["interfaces"]).into_keys().collect();
    let want_interfaces: BTreeSet<String> = want.interfaces.iter().cloned().collect();
    if want.kind == "OBJECT" && interfaces != want_interfaces {
        diff(format!(
            "interfaces {interfaces:?} instead of {want_interfaces:?}"
        ));
    }
    if want.kind == "INTERFACE" {
        let possible: BTreeSet<String> = named(&got["possibleTypes"]).into_keys().collect();
        let want_possible: BTreeSet<String> = all
            .iter()
            .filter(|(_, t)| t.interfaces.iter().any(|i| i == name))
            .map(|(n, _)| n.clone())
            .collect();
        if possible != want_possible {
            diff(format!(
                "possible types {possible:?} instead of {want_possible:?}"
            ));
        }
    }
    diffs
}

/// Asserts that the introspection serves exactly the types of `sdl`, field by field.
async fn assert_serves(shop: &Shop, sdl_text: &str) {
    let want = sdl::parse(sdl_text);
    let schema = introspect(shop).await;
    assert_eq!(schema["queryType"], json!({"name": "Query"}));
    assert_eq!(schema["mutationType"], json!({"name": "Mutation"}));
    assert_eq!(schema["subscriptionType"], Value::Null);
    let got = types_by_name(&schema);
    let mut diffs = Vec::new();
    for name in want.keys() {
        if !got.contains_key(name) {
            diffs.push(format!("type {name} missing"));
        }
    }
    for name in got.keys() {
        if !want.contains_key(name) && !BUILT_IN_SCALARS.contains(&name.as_str()) {
            diffs.push(format!("type {name} is not in the SDL"));
        }
    }
    for (name, def) in &want {
        if let Some(g) = got.get(name) {
            diffs.extend(differences(name, g, def, &want));
        }
    }
    assert!(
        diffs.is_empty(),
        "introspection differs from the SDL:\n{}",
        diffs.join("\n")
    );
}

/// Asserts that every deprecation of `sdl` (fields, enum values) is introspected with its
/// reason, and that nothing else is deprecated.
async fn assert_deprecations(shop: &Shop, sdl_text: &str) {
    let want = sdl::parse(sdl_text);
    let got = types_by_name(&introspect(shop).await);
    let mut diffs = Vec::new();
    for (name, def) in &want {
        let Some(g) = got.get(name) else { continue };
        for (field, f) in named(&g["fields"]) {
            let Some(w) = def.fields.get(&field) else {
                continue;
            };
            let deprecated = f["isDeprecated"].as_bool().unwrap_or(false);
            let reason = f["deprecationReason"].as_str().map(str::to_owned);
            if deprecated != w.deprecation.is_some() || (deprecated && reason != w.deprecation) {
                diffs.push(format!(
                    "{name}.{field}: deprecated {deprecated} {reason:?}, SDL {:?}",
                    w.deprecation
                ));
            }
        }
    }
    assert!(
        diffs.is_empty(),
        "deprecations differ:\n{}",
        diffs.join("\n")
    );
}

/// Asserts that the descriptions of types, fields and arguments are the SDL's.
async fn assert_descriptions(shop: &Shop, sdl_text: &str) {
    let want = sdl::parse(sdl_text);
    let got = types_by_name(&introspect(shop).await);
    // An empty description (the SDL prints some as `""""""`) counts as none.
    let text = |v: &Value| v.as_str().map(str::to_owned).filter(|s| !s.is_empty());
    let declared = |d: &Option<String>| d.clone().filter(|s| !s.is_empty());
    let mut diffs = Vec::new();
    for (name, def) in &want {
        let Some(g) = got.get(name) else { continue };
        if text(&g["description"]) != declared(&def.description) {
            diffs.push(format!("{name}: description {:?}", g["description"]));
        }
        let fields = if def.kind == "INPUT_OBJECT" {
            named(&g["inputFields"])
        } else {
            named(&g["fields"])
        };
        for (field, w) in &def.fields {
            let Some(f) = fields.get(field) else { continue };
            if text(&f["description"]) != declared(&w.description) {
                diffs.push(format!(
                    "{name}.{field}: description {:?}",
                    f["description"]
                ));
            }
            let args = named(&f["args"]);
            for (arg, a) in &w.args {
                let Some(ga) = args.get(arg) else { continue };
                if text(&ga["description"]) != declared(&a.description) {
                    diffs.push(format!(
                        "{name}.{field}({arg}): description {:?}",
                        ga["description"]
                    ));
                }
            }
        }
    }
    assert!(
        diffs.is_empty(),
        "descriptions differ:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn the_vendored_sdl_files_are_read_whole() {
    // Guards the reader the comparisons rest on: PROVENANCE.md counts 33 types each, the
    // built-in scalars Boolean, ID, Int and String included (pruned-fields-*.json).
    for text in [sdl::SDL_2_4_8, sdl::SDL_2_4_9] {
        let types = sdl::parse(text);
        assert_eq!(
            types.len() + 4,
            33,
            "{:?}",
            types.keys().collect::<Vec<_>>()
        );
        assert!(
            types["Mutation"]
                .fields
                .contains_key("generateCustomerToken")
        );
        assert_eq!(
            types["Customer"].fields["addressesV2"].args["pageSize"]
                .default
                .as_deref(),
            Some("5")
        );
    }
    assert!(
        !sdl::parse(sdl::SDL_2_4_8)["Mutation"]
            .fields
            .contains_key("deleteCustomerAddressV2")
    );
    assert_eq!(
        sdl::parse(sdl::SDL_2_4_9)["Mutation"].fields["deleteCustomerAddressV2"].args["uid"].ty,
        "ID!"
    );
}

#[tokio::test]
async fn introspection_serves_every_type_field_and_argument_of_the_2_4_8_subset() {
    assert_serves(&Shop::new().await, sdl::SDL_2_4_8).await;
}

#[tokio::test]
async fn introspection_serves_the_2_4_9_subset_in_2_4_9() {
    assert_serves(
        &Shop::with(options::server_version("2.4.9")).await,
        sdl::SDL_2_4_9,
    )
    .await;
}

#[tokio::test]
async fn introspection_reports_the_sdl_deprecations() {
    assert_deprecations(&Shop::new().await, sdl::SDL_2_4_8).await;
    assert_deprecations(
        &Shop::with(options::server_version("2.4.9")).await,
        sdl::SDL_2_4_9,
    )
    .await;
}

#[tokio::test]
async fn introspection_carries_the_sdl_descriptions() {
    assert_descriptions(&Shop::new().await, sdl::SDL_2_4_8).await;
}

#[tokio::test]
async fn a_type_query_returns_only_what_was_asked() {
    let shop = Shop::new().await;
    let r = shop
        .gql(
            "{ __type(name: \"CustomerToken\") { name kind fields { name type { name kind } } } }",
            json!({}),
            None,
        )
        .await;
    assert_eq!(
        r.data(),
        json!({"__type": {"name": "CustomerToken", "kind": "OBJECT",
                          "fields": [{"name": "token", "type": {"name": "String", "kind": "SCALAR"}}]}})
    );
    let r = shop
        .gql("{ __type(name: \"Order\") { name } }", json!({}), None)
        .await;
    assert_eq!(r.data(), json!({"__type": null}));
}

#[tokio::test]
async fn the_deprecated_create_customer_is_hidden_unless_deprecated_fields_are_asked_for() {
    let shop = Shop::new().await;
    let names = |data: &Value| -> BTreeSet<String> {
        data["__type"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let visible = shop
        .gql(
            "{ __type(name: \"Mutation\") { fields { name } } }",
            json!({}),
            None,
        )
        .await
        .data();
    assert!(!names(&visible).contains("createCustomer"), "{visible}");
    assert!(names(&visible).contains("createCustomerV2"), "{visible}");
    let all = shop
        .gql(
            "{ __type(name: \"Mutation\") { fields(includeDeprecated: true) { name } } }",
            json!({}),
            None,
        )
        .await
        .data();
    assert!(names(&all).contains("createCustomer"), "{all}");
}

#[tokio::test]
async fn introspection_works_with_a_token_and_over_get() {
    let shop = Shop::new().await;
    let token = shop.session(&email("introspect")).await;
    let r = shop
        .gql(
            "{ __schema { queryType { name } } }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        r.data(),
        json!({"__schema": {"queryType": {"name": "Query"}}})
    );
    let r = shop
        .get_graphql("{ __schema { mutationType { name } } }", "", None)
        .await;
    assert_eq!(
        r.data(),
        json!({"__schema": {"mutationType": {"name": "Mutation"}}})
    );
}

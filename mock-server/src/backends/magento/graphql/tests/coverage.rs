//! The value trees the store's typed values render to carry exactly the fields of the SDL's
//! object types (no more, no fewer), and never `null` where the SDL says non-null.

use crate::backends::magento::graphql::model::{
    AttributeSelectedOption, AttributeValue, ConfirmationStatus, Customer, CustomerAddress,
    CustomerAddressRegion, CustomerGroup, CustomerOutput, CustomerToken, IsEmailAvailableOutput,
    RevokeCustomerTokenOutput,
};
use crate::backends::magento::graphql::render::{self, TYPENAME_KEY};
use crate::backends::magento::graphql::{GraphqlVersion, sdl};
use async_graphql::Value;
use async_graphql::parser::parse_schema;
use async_graphql::parser::types::{BaseType, FieldDefinition, Type, TypeKind};
use std::collections::{BTreeSet, HashMap};

/// A customer with every optional part present.
pub(crate) fn full_customer() -> Customer {
    let address = |id, default| CustomerAddress {
        id,
        customer_id: 7,
        firstname: Some("Jane".to_owned()),
        lastname: Some("Doe".to_owned()),
        middlename: None,
        prefix: None,
        suffix: None,
        company: Some("Acme".to_owned()),
        street: vec!["1 Main St".to_owned()],
        city: Some("Phoenix".to_owned()),
        postcode: Some("85001".to_owned()),
        region: Some(CustomerAddressRegion {
            region: Some("Arizona".to_owned()),
            region_code: Some("AZ".to_owned()),
            region_id: Some(4),
        }),
        country_code: Some("US".to_owned()),
        telephone: Some("5550100".to_owned()),
        fax: None,
        vat_id: None,
        default_billing: default,
        default_shipping: default,
        custom_attributes: vec![
            AttributeValue::Value {
                code: "note".to_owned(),
                value: "ring".to_owned(),
            },
            AttributeValue::SelectedOptions {
                code: "flags".to_owned(),
                selected_options: vec![AttributeSelectedOption {
                    label: "Gift".to_owned(),
                    value: "1".to_owned(),
                }],
            },
        ],
    };
    Customer {
        id: 7,
        email: "jane@example.com".to_owned(),
        firstname: "Jane".to_owned(),
        lastname: "Doe".to_owned(),
        middlename: Some("Q".to_owned()),
        prefix: None,
        suffix: None,
        date_of_birth: Some("1990-01-02".to_owned()),
        gender: Some(2),
        taxvat: None,
        is_subscribed: true,
        allow_remote_shopping_assistance: false,
        confirmation_status: ConfirmationStatus::AccountConfirmed,
        created_at: "2026-01-01 00:00:00".to_owned(),
        group: CustomerGroup {
            id: 1,
            name: "General".to_owned(),
        },
        default_billing: Some(85),
        default_shipping: Some(85),
        addresses: vec![address(85, true), address(86, false)],
        custom_attributes: vec![AttributeValue::Value {
            code: "loyalty".to_owned(),
            value: "gold".to_owned(),
        }],
    }
}

/// The output object types of an SDL: name → fields.
fn object_types(sdl: &str) -> HashMap<String, Vec<FieldDefinition>> {
    let document = parse_schema(sdl).expect("the SDL parses");
    document
        .definitions
        .into_iter()
        .filter_map(|definition| match definition {
            async_graphql::parser::types::TypeSystemDefinition::Type(ty) => {
                let ty = ty.node;
                match ty.kind {
                    TypeKind::Object(object) => Some((
                        ty.name.node.to_string(),
                        object.fields.into_iter().map(|field| field.node).collect(),
                    )),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect()
}

fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

/// Checks `value` against `ty`, descending into objects; returns the object types visited.
fn check(
    value: &Value,
    ty: &Type,
    path: &str,
    types: &HashMap<String, Vec<FieldDefinition>>,
    seen: &mut BTreeSet<String>,
) {
    if *value == Value::Null {
        assert!(ty.nullable, "{path}: null for non-null {ty}");
        return;
    }
    match (&ty.base, value) {
        (BaseType::List(inner), Value::List(items)) => {
            for (index, item) in items.iter().enumerate() {
                check(item, inner, &format!("{path}[{index}]"), types, seen);
            }
        }
        (BaseType::List(_), other) => panic!("{path}: {other} for list {ty}"),
        (BaseType::Named(_), Value::Object(fields)) => {
            let name = match fields.get(TYPENAME_KEY) {
                Some(Value::String(concrete)) => concrete.clone(),
                _ => named(ty).to_owned(),
            };
            let definition = types
                .get(&name)
                .unwrap_or_else(|| panic!("{path}: {name} is not an object type"));
            seen.insert(name.clone());
            let computed = |field: &FieldDefinition| field.name.node == "addressesV2";
            let want: BTreeSet<&str> = definition
                .iter()
                .filter(|field| !computed(field))
                .map(|field| field.name.node.as_str())
                .collect();
            let got: BTreeSet<&str> = fields
                .keys()
                .map(|key| key.as_str())
                .filter(|key| *key != TYPENAME_KEY)
                .collect();
            assert_eq!(got, want, "{path}: the fields of {name}");
            for field in definition.iter().filter(|field| !computed(field)) {
                let key = field.name.node.as_str();
                check(
                    &fields[key],
                    &field.ty.node,
                    &format!("{path}.{key}"),
                    types,
                    seen,
                );
            }
        }
        (BaseType::Named(_), _) => {}
    }
}

fn parse_type(text: &str) -> Type {
    Type::new(text).expect("a type")
}

#[test]
fn rendered_values_carry_exactly_the_sdl_fields_of_both_versions() {
    for version in GraphqlVersion::ALL {
        let types = object_types(sdl(version));
        let mut seen = BTreeSet::new();
        let customer = full_customer();
        let samples = [
            (
                render::customer_output(&CustomerOutput { customer }, version),
                "CustomerOutput",
            ),
            (
                render::customer_token(&CustomerToken {
                    token: "t".to_owned(),
                }),
                "CustomerToken",
            ),
            (
                render::revoke_output(&RevokeCustomerTokenOutput { result: true }),
                "RevokeCustomerTokenOutput",
            ),
            (
                render::email_availability(&IsEmailAvailableOutput {
                    is_email_available: true,
                }),
                "IsEmailAvailableOutput",
            ),
        ];
        for (value, ty) in &samples {
            check(value, &parse_type(ty), ty, &types, &mut seen);
        }
        let all: BTreeSet<String> = types
            .keys()
            .filter(|name| {
                ![
                    "Query",
                    "Mutation",
                    "CustomerAddresses",
                    "SearchResultPageInfo",
                ]
                .contains(&name.as_str())
            })
            .cloned()
            .collect();
        assert_eq!(seen, all, "{version:?}: every object type is rendered");
    }
}

#[test]
fn version_specific_forms_are_derived() {
    let customer = full_customer();
    let v8 = render::customer(&customer, GraphqlVersion::V2_4_8);
    let v9 = render::customer(&customer, GraphqlVersion::V2_4_9);
    let Value::Object(v8) = v8 else { panic!() };
    let Value::Object(v9) = v9 else { panic!() };
    assert_eq!(v8["id"], Value::from(7));
    assert_eq!(v9["id"], Value::from("Nw=="));
    assert_eq!(v8["default_billing"], Value::from("85"));
    let Value::List(addresses) = &v9["addresses"] else {
        panic!()
    };
    let Value::Object(address) = &addresses[0] else {
        panic!()
    };
    assert_eq!(
        address["uid"],
        Value::from("ODU="),
        "the spec's example uid of 85"
    );
    assert_eq!(render::uid(85), "ODU=");
}

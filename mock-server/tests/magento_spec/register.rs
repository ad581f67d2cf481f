//! Registration, `POST /V1/customers` (spec §2.1, §3): anonymous, 200 with the Customer, no
//! token; snake_case or camelCase input; the documented 400 bodies.
use crate::support::bodies::{duplicate, invalid_value, required, sign_in_failed};
use crate::support::*;

use serde_json::{Value, json};

fn body(customer: Value) -> Value {
    json!({"customer": customer, "password": PASSWORD})
}

#[tokio::test]
async fn a_duplicate_email_gets_the_exact_400() {
    let shop = Shop::new().await;
    let e = email("dup");
    shop.register(&e).await;
    let r = shop
        .register_raw(body(
            json!({"email": e, "firstname": "Other", "lastname": "Person"}),
        ))
        .await;
    r.assert_error(400, duplicate());
}

#[tokio::test]
async fn an_invalid_email_gets_the_exact_400_naming_the_value() {
    let shop = Shop::new().await;
    let r = shop
        .register_raw(body(
            json!({"email": "invalid", "firstname": "Jane", "lastname": "Doe"}),
        ))
        .await;
    r.assert_error(400, invalid_value("email", "invalid"));
}

#[tokio::test]
async fn one_missing_field_is_the_single_required_error() {
    let shop = Shop::new().await;
    for field in ["email", "firstname", "lastname"] {
        let mut customer = json!({"email": email("miss"), "firstname": "Jane", "lastname": "Doe"});
        customer.as_object_mut().unwrap().remove(field);
        let r = shop.register_raw(body(customer)).await;
        assert_eq!(r.status, 400, "without {field}: {}", r.text());
        r.assert_error(400, required(field));
    }
}

#[tokio::test]
async fn missing_firstname_and_lastname_get_the_aggregate_form() {
    let shop = Shop::new().await;
    let r = shop
        .register_raw(body(json!({"email": email("agg")})))
        .await;
    let body = r.assert_message(400);
    assert_eq!(
        body["message"],
        "One or more input exceptions have occurred."
    );
    let mut fields: Vec<String> = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("aggregate `errors`: {body}"))
        .iter()
        .map(|error| {
            assert_eq!(
                error["message"], "\"%fieldName\" is required. Enter and try again.",
                "{error}"
            );
            assert_eq!(keys(error), sorted(&["message", "parameters"]), "{error}");
            error["parameters"]["fieldName"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    fields.sort();
    assert_eq!(fields, ["firstname", "lastname"]);
    assert!(body.get("parameters").is_none(), "{body}");
}

#[tokio::test]
async fn website_and_store_default_to_the_url_store() {
    let shop = Shop::new().await;
    let customer = shop.register(&email("scope")).await;
    assert_eq!(customer["website_id"], 1);
    assert_eq!(customer["store_id"], 1);
    assert_eq!(customer["group_id"], 1);
}

#[tokio::test]
async fn camel_case_and_snake_case_customer_keys_are_both_accepted() {
    let shop = Shop::new().await;
    for customer in [
        json!({"email": email("camel"), "firstname": "A", "lastname": "B", "websiteId": 1, "storeId": 1}),
        json!({"email": email("snake"), "firstname": "A", "lastname": "B", "website_id": 1, "store_id": 1}),
    ] {
        let created = shop.register_raw(body(customer.clone())).await.ok();
        assert_eq!(created["website_id"], 1, "{customer}");
        assert_eq!(created["store_id"], 1, "{customer}");
        for key in ["websiteId", "storeId"] {
            assert!(
                created.get(key).is_none(),
                "output is snake_case: {created}"
            );
        }
    }
}

#[tokio::test]
async fn snake_case_addresses_come_back_with_the_region_object() {
    let shop = Shop::new().await;
    let address = json!({
        "firstname": "Jane", "lastname": "Doe", "street": ["1 Main St", "Apt 2"],
        "city": "Purchase", "postcode": "10755", "country_id": "US", "telephone": "512-555-1111",
        "region": {"region_code": "NY", "region": "New York", "region_id": 43}, "region_id": 43,
        "default_billing": true
    });
    let customer = shop
        .register_raw(body(
            json!({"email": email("snakeaddr"), "firstname": "Jane",
                                  "lastname": "Doe", "addresses": [address]}),
        ))
        .await
        .ok();
    let stored = &customer["addresses"][0];
    assert_eq!(
        stored["region"],
        json!({"region_code": "NY", "region": "New York", "region_id": 43})
    );
    assert_eq!(stored["street"], json!(["1 Main St", "Apt 2"]));
    assert_eq!(stored["country_id"], "US");
    assert_eq!(customer["default_billing"], json!(stored["id"].to_string()));
    assert!(
        customer.get("default_shipping").is_none(),
        "no default shipping was asked for: {customer}"
    );
}

#[tokio::test]
async fn an_address_without_region_gets_all_three_region_keys() {
    let shop = Shop::new().await;
    let customer = shop
        .register_raw(body(json!({"email": email("de"), "firstname": "Erika",
                                  "lastname": "Mustermann", "addresses": [de_address("Berlin")]})))
        .await
        .ok();
    let region = &customer["addresses"][0]["region"];
    assert_eq!(
        keys(region),
        sorted(&["region", "region_code", "region_id"]),
        "{region}"
    );
    assert!(region["region_code"].is_string() && region["region"].is_string());
    assert!(region["region_id"].is_i64(), "{region}");
}

#[tokio::test]
async fn a_first_address_without_default_flags_is_not_made_default() {
    let shop = Shop::new().await;
    let customer = shop
        .register_raw(body(
            json!({"email": email("nodefault"), "firstname": "Erika",
                                  "lastname": "Mustermann", "addresses": [de_address("Bonn")]}),
        ))
        .await
        .ok();
    assert!(customer.get("default_billing").is_none(), "{customer}");
    assert!(customer.get("default_shipping").is_none(), "{customer}");
}

#[tokio::test]
async fn an_address_missing_a_required_field_is_a_400_and_creates_nothing() {
    let shop = Shop::new().await;
    let e = email("badaddr");
    let mut address = de_address("Berlin");
    address.as_object_mut().unwrap().remove("city");
    let r = shop
        .register_raw(body(json!({"email": e, "firstname": "Erika",
                                  "lastname": "Mustermann", "addresses": [address]})))
        .await;
    r.assert_message(400);
    shop.register(&e).await;
}

#[tokio::test]
async fn the_password_is_optional_and_such_an_account_cannot_sign_in() {
    let shop = Shop::new().await;
    let e = email("nopass");
    let customer = shop
        .register_raw(json!({"customer": {"email": e, "firstname": "Jane", "lastname": "Doe"}}))
        .await
        .ok();
    assert_eq!(customer["email"], json!(e));
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn registration_issues_no_token() {
    let shop = Shop::new().await;
    let customer = shop.register(&email("notoken")).await;
    for key in ["token", "access_token"] {
        assert!(customer.get(key).is_none(), "{customer}");
    }
    assert!(customer["id"].is_i64());
}

#[tokio::test]
async fn a_us_address_without_a_region_is_a_400() {
    let shop = Shop::new().await;
    let e = email("noregion");
    let mut address = seed_address();
    address.as_object_mut().unwrap().remove("region");
    let r = shop
        .register_raw(body(
            json!({"email": e, "firstname": "Jane", "lastname": "Doe",
                                  "addresses": [address]}),
        ))
        .await;
    r.assert_message(400);
    shop.register(&e).await;
}

#[tokio::test]
async fn the_optional_fields_swagger_declares_are_accepted_and_echoed() {
    let shop = Shop::new().await;
    let mut address = de_address("Berlin");
    for (key, value) in [
        ("company", "ACME"),
        ("fax", "030-7654321"),
        ("vat_id", "DE123456789"),
        ("middlename", "M"),
        ("prefix", "Dr."),
        ("suffix", "Jr."),
    ] {
        address[key] = json!(value);
    }
    address["custom_attributes"] = json!([]);
    let customer = shop
        .register_raw(body(json!({
            "email": email("full"), "firstname": "Jane", "lastname": "Doe",
            "middlename": "Q", "prefix": "Ms.", "suffix": "III", "taxvat": "DE999",
            "dob": "1990-01-15", "gender": 2, "disable_auto_group_change": 0,
            "extension_attributes": {"is_subscribed": true}, "custom_attributes": [],
            "addresses": [address]
        })))
        .await
        .ok();
    for (key, value) in [
        ("middlename", "Q"),
        ("prefix", "Ms."),
        ("suffix", "III"),
        ("taxvat", "DE999"),
    ] {
        assert_eq!(customer[key], value, "{customer}");
    }
    let stored = &customer["addresses"][0];
    for key in ["company", "fax", "vat_id", "middlename", "prefix", "suffix"] {
        assert_eq!(stored[key], address[key], "{key}: {stored}");
    }
}

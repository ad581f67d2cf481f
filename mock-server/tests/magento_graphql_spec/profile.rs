//! The profile (spec §2.6–2.8): `customer` with the SDK's document, the non-null fields of
//! the official schema (DISCREPANCIES.md, Magento GraphQL 1), `updateCustomerV2`,
//! `updateCustomerEmail` and `changeCustomerPassword`, all over the store REST shares.

use std::collections::BTreeMap;

use crate::fixture::*;
use crate::sdl;
use serde_json::json;

#[tokio::test]
async fn the_sdk_profile_document_returns_every_field_with_the_schema_types() {
    let shop = Shop::new().await;
    let e = email("me");
    let token = shop.session(&e).await;
    let id = shop
        .address_id(
            &token,
            with(
                us_address(),
                json!({"default_billing": true, "default_shipping": true}),
            ),
        )
        .await;
    let r = shop.gql(docs::ME, json!({}), Some(&token)).await;
    let data = r.data();
    let c = &data["customer"];
    assert_eq!(
        ordered_keys(&r.text(), &["data", "customer"]),
        [
            "firstname",
            "lastname",
            "middlename",
            "prefix",
            "suffix",
            "email",
            "date_of_birth",
            "gender",
            "is_subscribed",
            "created_at",
            "confirmation_status",
            "default_billing",
            "default_shipping",
            "addresses"
        ]
    );
    assert_eq!(c["firstname"], "Jane");
    assert_eq!(c["lastname"], "Doe");
    assert_eq!(c["email"], json!(e));
    for absent in ["middlename", "prefix", "suffix", "date_of_birth", "gender"] {
        assert!(c[absent].is_null(), "{absent} unset: {c}");
    }
    assert_eq!(c["is_subscribed"], false);
    assert!(c["created_at"].is_string(), "{c}");
    assert_eq!(
        c["confirmation_status"],
        "ACCOUNT_CONFIRMATION_NOT_REQUIRED"
    );
    // Customer defaults are strings holding the address id (§2.6).
    assert_eq!(c["default_billing"], json!(id.to_string()));
    assert_eq!(c["default_shipping"], json!(id.to_string()));
    let addresses = c["addresses"].as_array().expect("addresses");
    assert_eq!(addresses.len(), 1);
    let a = &addresses[0];
    assert_eq!(
        ordered_keys(&r.text(), &["data", "customer", "addresses", "0"]),
        [
            "id",
            "firstname",
            "lastname",
            "company",
            "street",
            "city",
            "postcode",
            "region",
            "region_id",
            "country_code",
            "telephone",
            "vat_id",
            "default_billing",
            "default_shipping"
        ]
    );
    assert_eq!(a["id"], json!(id));
    assert_eq!(a["street"], json!(["123 Main Street"]));
    assert_eq!(a["city"], "Phoenix");
    assert_eq!(a["postcode"], "77777");
    assert_eq!(a["country_code"], "US");
    assert_eq!(a["telephone"], "7777777777");
    assert_eq!(a["region"]["region"], "Arizona");
    assert_eq!(a["region"]["region_code"], "AZ");
    assert_eq!(a["region"]["region_id"], 4);
    assert_eq!(a["region_id"], 4);
    assert!(a["company"].is_null() && a["vat_id"].is_null(), "{a}");
    assert_eq!(a["default_billing"], true);
    assert_eq!(a["default_shipping"], true);
}

#[tokio::test]
async fn the_non_null_fields_of_the_schema_are_always_filled() {
    let shop = Shop::new().await;
    let token = shop.session(&email("nonnull")).await;
    shop.address_id(&token, de_address("Berlin")).await;
    let data = shop
        .customer(
            "allow_remote_shopping_assistance confirmation_status
             addresses { custom_attributesV2 { code } }
             addressesV2 { items { id } total_count page_info { current_page page_size total_pages } }
             custom_attributes { code }",
            Some(&token),
        )
        .await
        .data();
    let c = &data["customer"];
    assert_eq!(c["allow_remote_shopping_assistance"], false);
    assert_eq!(
        c["confirmation_status"],
        "ACCOUNT_CONFIRMATION_NOT_REQUIRED"
    );
    assert!(
        c["addresses"][0]["custom_attributesV2"].is_array(),
        "custom_attributesV2 is [AttributeValueInterface]!: {c}"
    );
    assert_eq!(c["addressesV2"]["total_count"], 1);
    assert_eq!(c["addressesV2"]["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        c["addressesV2"]["page_info"],
        json!({"current_page": 1, "page_size": 5, "total_pages": 1})
    );
}

#[tokio::test]
async fn addresses_v2_pages_the_address_book() {
    let shop = Shop::new().await;
    let token = shop.session(&email("pages")).await;
    for city in ["Berlin", "Hamburg", "Bremen"] {
        shop.address_id(&token, de_address(city)).await;
    }
    let data = shop
        .gql(
            "query P($page: Int, $size: Int) { customer { addressesV2(currentPage: $page, pageSize: $size) {
               items { city } total_count page_info { current_page page_size total_pages } } } }",
            json!({"page": 2, "size": 2}),
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data["customer"]["addressesV2"],
        json!({"items": [{"city": "Bremen"}], "total_count": 3,
               "page_info": {"current_page": 2, "page_size": 2, "total_pages": 2}})
    );
}

#[tokio::test]
async fn update_customer_v2_changes_the_profile_for_both_apis() {
    let shop = Shop::new().await;
    let e = email("update");
    let token = shop.session(&e).await;
    let data = shop
        .gql(
            docs::UPDATE_ME,
            json!({"input": {"firstname": "Janet", "is_subscribed": true}}),
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data,
        json!({"updateCustomerV2": {"customer": {"firstname": "Janet", "lastname": "Doe",
                                                  "email": e, "is_subscribed": true}}})
    );
    let me = shop.rest_me(&token).await.json();
    assert_eq!(me["firstname"], "Janet");
    assert_eq!(me["lastname"], "Doe");
}

#[tokio::test]
async fn update_customer_v2_cannot_change_the_email() {
    let shop = Shop::new().await;
    let e = email("noemail");
    let token = shop.session(&e).await;
    let text = shop
        .gql(
            docs::UPDATE_ME,
            json!({"input": {"email": email("other")}}),
            Some(&token),
        )
        .await
        .request_error_text();
    assert!(text.contains("email"), "{text}");
    let data = shop.customer("email", Some(&token)).await.data();
    assert_eq!(data["customer"]["email"], json!(e));
}

#[tokio::test]
async fn update_customer_v2_without_a_token_is_the_authorization_error() {
    let shop = Shop::new().await;
    shop.gql(docs::UPDATE_ME, json!({"input": {"firstname": "X"}}), None)
        .await
        .field_error(
            401,
            &["updateCustomerV2"],
            "graphql-authorization",
            NOT_AUTHORIZED,
        );
}

#[tokio::test]
async fn update_customer_email_needs_the_current_password() {
    let shop = Shop::new().await;
    let e = email("oldmail");
    let token = shop.session(&e).await;
    let new = email("newmail");
    let r = shop
        .gql(
            docs::UPDATE_EMAIL,
            json!({"email": new, "password": "WrongPass1"}),
            Some(&token),
        )
        .await;
    let body = r.json();
    assert!(r.status < 500, "{}", r.text());
    assert_eq!(body["data"], json!({"updateCustomerEmail": null}), "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["updateCustomerEmail"]));
    let data = shop
        .gql(
            docs::UPDATE_EMAIL,
            json!({"email": new, "password": PASSWORD}),
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data,
        json!({"updateCustomerEmail": {"customer": {"email": new}}})
    );
    shop.rest_token(&new, PASSWORD).await;
}

#[tokio::test]
async fn change_customer_password_returns_the_customer_and_the_new_password_logs_in() {
    let shop = Shop::new().await;
    let e = email("chpw");
    let token = shop.session(&e).await;
    let data = shop
        .gql(
            docs::CHANGE_PASSWORD,
            json!({"current": PASSWORD, "new": "NewPassword2"}),
            Some(&token),
        )
        .await
        .data();
    assert_eq!(data, json!({"changeCustomerPassword": {"email": e}}));
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
    shop.login(&e, "NewPassword2").await.data();
    shop.rest_token(&e, "NewPassword2").await;
}

#[tokio::test]
async fn change_customer_password_errors() {
    let shop = Shop::new().await;
    let e = email("chpwerr");
    let token = shop.session(&e).await;
    shop.gql(
        docs::CHANGE_PASSWORD,
        json!({"current": "", "new": "NewPassword2"}),
        Some(&token),
    )
    .await
    .field_error(
        200,
        &["changeCustomerPassword"],
        "graphql-input",
        "Specify the \"currentPassword\" value.",
    );
    shop.gql(
        docs::CHANGE_PASSWORD,
        json!({"current": PASSWORD, "new": ""}),
        Some(&token),
    )
    .await
    .field_error(
        200,
        &["changeCustomerPassword"],
        "graphql-input",
        "Specify the \"newPassword\" value.",
    );
    let wrong = shop
        .gql(
            docs::CHANGE_PASSWORD,
            json!({"current": "WrongPass1", "new": "NewPassword2"}),
            Some(&token),
        )
        .await;
    let body = wrong.json();
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message == "Invalid login or password."
            || message
                == "The password doesn't match this account. Verify the password and try again.",
        "one of the two documented wordings (§2.8): {body}"
    );
    assert_eq!(body["data"], json!({"changeCustomerPassword": null}));
    shop.gql(
        docs::CHANGE_PASSWORD,
        json!({"current": PASSWORD, "new": "NewPassword2"}),
        None,
    )
    .await
    .field_error(
        401,
        &["changeCustomerPassword"],
        "graphql-authorization",
        NOT_AUTHORIZED,
    );
}

/// A selection of every field of `type_name` (deprecated ones included), nested objects to
/// `depth` levels, built from the SDL.
fn select_all(types: &BTreeMap<String, sdl::TypeDef>, type_name: &str, depth: usize) -> String {
    let mut parts = vec!["__typename".to_owned()];
    for (name, field) in &types[type_name].fields {
        if field
            .args
            .values()
            .any(|a| a.ty.ends_with('!') && a.default.is_none())
        {
            continue;
        }
        let base = field.ty.trim_matches(|c| c == '[' || c == ']' || c == '!');
        match types.get(base).map(|t| t.kind) {
            Some("OBJECT" | "INTERFACE") if depth == 0 => {}
            Some("OBJECT" | "INTERFACE") => parts.push(format!(
                "{name} {{ {} }}",
                select_all(types, base, depth - 1)
            )),
            _ => parts.push(name.clone()),
        }
    }
    parts.join(" ")
}

async fn every_customer_field_resolves(shop: &Shop, sdl_text: &str) {
    let types = sdl::parse(sdl_text);
    let token = shop.session(&email("everyfield")).await;
    shop.address_id(
        &token,
        with(
            us_address(),
            json!({"default_billing": true, "default_shipping": true}),
        ),
    )
    .await;
    shop.address_id(&token, de_address("Berlin")).await;
    let selection = select_all(&types, "Customer", 3);
    let data = shop.customer(&selection, Some(&token)).await.data();
    let c = &data["customer"];
    assert_eq!(c["__typename"], "Customer");
    for (name, field) in &types["Customer"].fields {
        if field.ty.ends_with('!') {
            assert!(!c[name].is_null(), "non-null Customer.{name}: {c}");
        }
    }
    assert_eq!(c["addresses"].as_array().map(Vec::len), Some(2), "{c}");
}

#[tokio::test]
async fn every_customer_field_of_the_2_4_8_schema_resolves_without_errors() {
    // Selecting every field (deprecated ones too) of Customer and what it reaches: a null in
    // a non-null field, or a resolver the schema lacks, would be an error here.
    every_customer_field_resolves(&Shop::new().await, sdl::SDL_2_4_8).await;
}

#[tokio::test]
async fn every_customer_field_of_the_2_4_9_schema_resolves_without_errors() {
    every_customer_field_resolves(
        &Shop::with(options::server_version("2.4.9")).await,
        sdl::SDL_2_4_9,
    )
    .await;
}

#[tokio::test]
async fn the_deprecated_update_customer_still_updates() {
    let shop = Shop::new().await;
    let e = email("oldupdate");
    let token = shop.session(&e).await;
    let data = shop
        .gql(
            "mutation { updateCustomer(input: {firstname: \"Joan\"}) { customer { firstname email } } }",
            json!({}),
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data,
        json!({"updateCustomer": {"customer": {"firstname": "Joan", "email": e}}})
    );
}

#[tokio::test]
async fn ten_wrong_current_passwords_lock_the_account() {
    // §2.8 "The account is locked." (the customer model's lockout, magento-rest.md §4.4).
    let shop = Shop::new().await;
    let e = email("lockedchange");
    let token = shop.session(&e).await;
    for _ in 0..10 {
        let r = shop
            .gql(
                docs::CHANGE_PASSWORD,
                json!({"current": "WrongPass1", "new": "NewPassword2"}),
                Some(&token),
            )
            .await;
        assert_eq!(r.json()["data"], json!({"changeCustomerPassword": null}));
    }
    shop.gql(
        docs::CHANGE_PASSWORD,
        json!({"current": PASSWORD, "new": "NewPassword2"}),
        Some(&token),
    )
    .await
    .field_error_message(200, &["changeCustomerPassword"], "The account is locked.");
}

#[tokio::test]
async fn changing_the_email_to_a_taken_one_is_graphql_already_exists() {
    // The spec's table maps GraphQlAlreadyExistsException to `graphql-already-exists`;
    // CustomerGraphQl's UpdateCustomerAccount throws it when the save finds the email taken.
    let shop = Shop::new().await;
    let taken = email("taken");
    shop.register(&taken).await;
    let e = email("mover");
    let token = shop.session(&e).await;
    shop.gql(
        docs::UPDATE_EMAIL,
        json!({"email": taken, "password": PASSWORD}),
        Some(&token),
    )
    .await
    .field_error(
        200,
        &["updateCustomerEmail"],
        "graphql-already-exists",
        "A customer with the same email address already exists in an associated website.",
    );
    let data = shop.customer("email", Some(&token)).await.data();
    assert_eq!(data["customer"]["email"], json!(e));
}

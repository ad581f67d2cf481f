//! Registration, `createCustomerV2` (spec §2.1): the customer and no token, the input
//! errors, the password policy, schema validation of the input type, shared state with REST.

use crate::fixture::*;
use serde_json::json;

#[tokio::test]
async fn create_customer_v2_returns_the_customer_and_no_token() {
    let shop = Shop::new().await;
    let e = email("v2");
    let r = shop
        .create_v2(json!({"email": e, "firstname": "Jane", "lastname": "Doe",
                          "password": PASSWORD, "is_subscribed": true}))
        .await;
    assert_eq!(
        r.data(),
        json!({"createCustomerV2": {"customer": {
            "firstname": "Jane", "lastname": "Doe", "email": e, "is_subscribed": true,
            "confirmation_status": "ACCOUNT_CONFIRMATION_NOT_REQUIRED"}}})
    );
    assert_eq!(
        ordered_keys(&r.text(), &["data", "createCustomerV2", "customer"]),
        [
            "firstname",
            "lastname",
            "email",
            "is_subscribed",
            "confirmation_status"
        ],
        "the fields come in request order"
    );
    assert!(!r.text().contains("token"), "no token: {}", r.text());
}

#[tokio::test]
async fn a_customer_registered_over_graphql_logs_in_on_both_apis() {
    let shop = Shop::new().await;
    let e = email("both");
    shop.register(&e).await;
    let graphql_token = shop.token(&e).await;
    assert!(!graphql_token.is_empty());
    let rest_token = shop.rest_token(&e, PASSWORD).await;
    assert_eq!(shop.rest_me(&rest_token).await.json()["email"], json!(e));
}

#[tokio::test]
async fn a_customer_registered_over_rest_exists_for_graphql() {
    let shop = Shop::new().await;
    let e = email("restfirst");
    shop.rest_register(&e).await;
    shop.create_v2(json!({"email": e, "firstname": "A", "lastname": "B", "password": PASSWORD}))
        .await
        .field_error(
            200,
            &["createCustomerV2"],
            "graphql-input",
            "A customer with the same email address already exists in an associated website.",
        );
    let token = shop.token(&e).await;
    let data = shop.customer("email firstname", Some(&token)).await.data();
    assert_eq!(data, json!({"customer": {"email": e, "firstname": "Jane"}}));
}

#[tokio::test]
async fn a_duplicate_email_is_a_graphql_input_error_with_null_data() {
    let shop = Shop::new().await;
    let e = email("dup");
    shop.register(&e).await;
    let body = shop
        .create_v2(
            json!({"email": e, "firstname": "Jane", "lastname": "Doe", "password": PASSWORD}),
        )
        .await
        .field_error(
            200,
            &["createCustomerV2"],
            "graphql-input",
            "A customer with the same email address already exists in an associated website.",
        );
    assert_eq!(body["data"], json!({"createCustomerV2": null}));
    // The document's root field is at line 2, column 3.
    assert_eq!(
        body["errors"][0]["locations"],
        json!([{"line": 2, "column": 3}])
    );
}

#[tokio::test]
async fn an_invalid_email_is_a_graphql_input_error() {
    // Spec §2.1's message, word for word.
    let shop = Shop::new().await;
    let r = shop
        .create_v2(json!({"email": "not-an-email", "firstname": "Jane", "lastname": "Doe", "password": PASSWORD}))
        .await;
    let message = "\"Email\" is not a valid email address.";
    r.field_error(200, &["createCustomerV2"], "graphql-input", message);
}

#[tokio::test]
async fn an_empty_first_name_is_required_parameters_missing() {
    let shop = Shop::new().await;
    shop.create_v2(json!({"email": email("nofirst"), "firstname": "", "lastname": "Doe", "password": PASSWORD}))
        .await
        .field_error(
            200,
            &["createCustomerV2"],
            "graphql-input",
            "Required parameters are missing: First Name",
        );
}

#[tokio::test]
async fn a_missing_required_input_field_is_a_schema_validation_error() {
    let shop = Shop::new().await;
    // Through a variable …
    let text = shop
        .create_v2(json!({"firstname": "Jane", "lastname": "Doe", "password": PASSWORD}))
        .await
        .request_error_text();
    assert!(
        text.contains("email"),
        "the message names the field: {text}"
    );
    // … and as an inline literal.
    let r = shop
        .gql(
            "mutation { createCustomerV2(input: {firstname: \"Jane\", lastname: \"Doe\"}) { customer { email } } }",
            json!({}),
            None,
        )
        .await;
    let text = r.request_error_text();
    assert!(
        text.contains("email"),
        "the message names the field: {text}"
    );
}

#[tokio::test]
async fn an_unknown_input_field_is_a_schema_validation_error() {
    let shop = Shop::new().await;
    let r = shop
        .create_v2(
            json!({"email": email("xxx"), "firstname": "Jane", "lastname": "Doe",
                          "password": PASSWORD, "xxx": 1}),
        )
        .await;
    let text = r.request_error_text();
    assert!(text.contains("xxx"), "the message names the field: {text}");
    let r = shop
        .gql(
            "mutation { createCustomer(input: {email: \"a@example.com\", firstname: \"A\", lastname: \"B\", xxx: 1}) { customer { email } } }",
            json!({}),
            None,
        )
        .await;
    let text = r.request_error_text();
    assert!(text.contains("xxx"), "the message names the field: {text}");
}

#[tokio::test]
async fn the_password_policy_messages_are_magentos_with_the_values_filled_in() {
    let shop = Shop::new().await;
    let cases = [
        (
            "Pass1",
            "The password needs at least 8 characters. Create a new password and try again.",
        ),
        (
            "password",
            "Minimum of different classes of characters in password is 3. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.",
        ),
        (
            " Password1",
            "The password can't begin or end with a space. Verify the password and try again.",
        ),
    ];
    for (password, message) in cases {
        shop.create_v2(
            json!({"email": email("policy"), "firstname": "Jane", "lastname": "Doe",
                              "password": password}),
        )
        .await
        .field_error(200, &["createCustomerV2"], "graphql-input", message);
    }
    let long = format!("Aa1{}", "x".repeat(300));
    shop.create_v2(
        json!({"email": email("policy"), "firstname": "Jane", "lastname": "Doe",
                          "password": long}),
    )
    .await
    .field_error(
        200,
        &["createCustomerV2"],
        "graphql-input",
        "Please enter a password with at most 256 characters.",
    );
    let e = email("Same1");
    shop.create_v2(json!({"email": e, "firstname": "Jane", "lastname": "Doe", "password": e}))
        .await
        .field_error(
            200,
            &["createCustomerV2"],
            "graphql-input",
            "The password can't be the same as the email address. Create a new password and try again.",
        );
}

#[tokio::test]
async fn the_optional_fields_are_stored_and_read_back() {
    let shop = Shop::new().await;
    let e = email("optional");
    shop.create_v2(json!({
        "email": e, "firstname": "Jane", "lastname": "Doe", "password": PASSWORD,
        "middlename": "Q", "prefix": "Dr", "suffix": "Jr", "gender": 2,
        "date_of_birth": "1990-04-01", "taxvat": "DE123", "is_subscribed": false,
        "allow_remote_shopping_assistance": true
    }))
    .await
    .data();
    let token = shop.token(&e).await;
    let data = shop
        .customer(
            "middlename prefix suffix gender date_of_birth taxvat is_subscribed allow_remote_shopping_assistance",
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data["customer"],
        json!({"middlename": "Q", "prefix": "Dr", "suffix": "Jr", "gender": 2,
               "date_of_birth": "1990-04-01", "taxvat": "DE123", "is_subscribed": false,
               "allow_remote_shopping_assistance": true})
    );
}

#[tokio::test]
async fn without_a_password_the_account_is_created_but_cannot_log_in() {
    let shop = Shop::new().await;
    let e = email("nopassword");
    shop.create_v2(json!({"email": e, "firstname": "Jane", "lastname": "Doe"}))
        .await
        .data();
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
}

#[tokio::test]
async fn seed_customers_of_the_options_log_in_over_graphql() {
    let shop = Shop::start(json!({"seed_customers": [
        {"email": "ann@example.com", "password": "Password1", "first_name": "Ann", "last_name": "Lee"}
    ]}))
    .await;
    let data = shop.login("ann@example.com", PASSWORD).await.data();
    let token = data["generateCustomerToken"]["token"]
        .as_str()
        .expect("token");
    let data = shop
        .customer("firstname lastname email", Some(token))
        .await
        .data();
    assert_eq!(
        data,
        json!({"customer": {"firstname": "Ann", "lastname": "Lee", "email": "ann@example.com"}})
    );
}

#[tokio::test]
async fn concurrent_registrations_of_one_email_create_one_customer() {
    let shop = Shop::new().await;
    let e = email("race");
    let input = json!({"email": e, "firstname": "Jane", "lastname": "Doe", "password": PASSWORD});
    let answers = futures::future::join_all((0..16).map(|_| shop.create_v2(input.clone()))).await;
    let created = answers
        .iter()
        .filter(|r| {
            assert!(r.status < 500, "{}", r.text());
            r.json()["errors"].is_null()
        })
        .count();
    assert_eq!(created, 1, "exactly one registration wins");
    shop.token(&e).await;
}

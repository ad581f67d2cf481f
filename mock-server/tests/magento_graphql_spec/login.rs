//! Login, `generateCustomerToken` (spec §2.2, §3, §6): the token, the errors and their
//! categories (authentication, not authorization), the lockout shared with REST, and email
//! confirmation.

use crate::fixture::*;
use serde_json::json;

#[tokio::test]
async fn login_returns_only_the_token() {
    let shop = Shop::new().await;
    let e = email("login");
    shop.register(&e).await;
    let r = shop.login(&e, PASSWORD).await;
    let data = r.data();
    assert_eq!(keys(&data["generateCustomerToken"]), ["token"]);
    assert!(data["generateCustomerToken"]["token"].is_string());
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_are_the_same_authentication_error() {
    let shop = Shop::new().await;
    let e = email("wrong");
    shop.register(&e).await;
    let wrong = shop.login(&e, "Password2").await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
    let unknown = shop.login(&email("nobody"), PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
    assert_eq!(wrong, unknown, "no enumeration through login (spec §7)");
}

#[tokio::test]
async fn an_empty_email_or_password_is_a_graphql_input_error() {
    let shop = Shop::new().await;
    shop.login("", PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-input",
        "Specify the \"email\" value.",
    );
    shop.login(&email("empty"), "").await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-input",
        "Specify the \"password\" value.",
    );
}

#[tokio::test]
async fn six_failures_on_either_api_lock_the_token_service_for_both() {
    let shop = Shop::new().await;
    let e = email("locked");
    shop.register(&e).await;
    for attempt in 0..6 {
        if attempt % 2 == 0 {
            shop.login(&e, "WrongPass1").await.field_error(
                200,
                &["generateCustomerToken"],
                "graphql-authentication",
                SIGN_IN_FAILED,
            );
        } else {
            let r = shop
                .rest(
                    "POST",
                    "/V1/integration/customer/token",
                    None,
                    Some(json!({"username": e, "password": "WrongPass1"})),
                )
                .await;
            assert_eq!(r.status, 401, "{}", r.text());
        }
    }
    // Locked: even the right password gets the generic error, on both APIs.
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
    let r = shop
        .rest(
            "POST",
            "/V1/integration/customer/token",
            None,
            Some(json!({"username": e, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 401, "{}", r.text());
    // 30 minutes later it opens again.
    shop.advance(1801);
    shop.token(&e).await;
}

#[tokio::test]
async fn the_lockout_option_applies_to_graphql() {
    let shop = Shop::with(options::lockout(2, 60)).await;
    let e = email("lock2");
    shop.register(&e).await;
    for _ in 0..2 {
        shop.login(&e, "WrongPass1").await;
    }
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
    shop.advance(61);
    shop.token(&e).await;
}

#[tokio::test]
async fn an_unconfirmed_account_gets_the_specific_message_by_default() {
    let shop = Shop::with(options::confirmation_required()).await;
    let e = email("unconfirmed");
    shop.register(&e).await;
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        "This account isn't confirmed. Verify and try again.",
    );
}

#[tokio::test]
async fn an_unconfirmed_account_gets_the_generic_message_in_the_older_mode() {
    let shop = Shop::with(options::all(&[
        options::confirmation_required(),
        options::unconfirmed_message_generic(),
    ]))
    .await;
    let e = email("unconfirmedold");
    shop.register(&e).await;
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
}

#[tokio::test]
async fn confirm_email_with_the_outbox_key_activates_the_account() {
    let shop = Shop::with(options::confirmation_required()).await;
    let e = email("confirm");
    shop.register(&e).await;
    let key = shop.outbox_token("confirmation", &e);
    let confirm = "mutation Confirm($email: String!, $key: String!) {
  confirmEmail(input: {email: $email, confirmation_key: $key}) { customer { email confirmation_status } }
}";
    shop.gql(confirm, json!({"email": e, "key": "0".repeat(32)}), None)
        .await
        .field_error_message(
            200,
            &["confirmEmail"],
            "The confirmation token is invalid. Verify the token and try again.",
        );
    let data = shop
        .gql(confirm, json!({"email": e, "key": key}), None)
        .await
        .data();
    assert_eq!(
        data,
        json!({"confirmEmail": {"customer": {"email": e, "confirmation_status": "ACCOUNT_CONFIRMED"}}})
    );
    shop.token(&e).await;
    shop.gql(confirm, json!({"email": e, "key": key}), None)
        .await
        .field_error_message(200, &["confirmEmail"], "The account is already active.");
}

#[tokio::test]
async fn resend_confirmation_email_answers_per_the_spec() {
    let shop = Shop::new().await;
    let e = email("resend");
    shop.register(&e).await;
    let resend = "mutation Resend($email: String!) { resendConfirmationEmail(email: $email) }";
    let unknown = email("resendunknown");
    shop.gql(resend, json!({ "email": unknown }), None)
        .await
        .field_error_message(
            200,
            &["resendConfirmationEmail"],
            "There is no user registered with that email address.",
        );
    shop.gql(resend, json!({ "email": e }), None)
        .await
        .field_error_message(
            200,
            &["resendConfirmationEmail"],
            "Confirmation isn't needed.",
        );
}

#[tokio::test]
async fn resend_confirmation_email_mails_a_new_key_when_confirmation_is_on() {
    let shop = Shop::with(options::confirmation_required()).await;
    let e = email("resendon");
    shop.register(&e).await;
    let before = shop.mock.outbox().len();
    let data = shop
        .gql(
            "mutation Resend($email: String!) { resendConfirmationEmail(email: $email) }",
            json!({ "email": e }),
            None,
        )
        .await
        .data();
    assert_eq!(data, json!({"resendConfirmationEmail": true}));
    assert_eq!(shop.mock.outbox().len(), before + 1);
    shop.outbox_token("confirmation", &e);
}

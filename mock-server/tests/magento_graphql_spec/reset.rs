//! Password reset (spec §2.4, §2.5, §4): the request mails a token to the outbox, the
//! completion takes email + token + password; errors and the documented enumeration body.

use crate::fixture::*;
use serde_json::json;

async fn request(shop: &Shop, email: &str) -> Resp {
    shop.gql(docs::REQUEST_RESET, json!({ "email": email }), None)
        .await
}

async fn complete(shop: &Shop, email: &str, token: &str, password: &str) -> Resp {
    shop.gql(
        docs::RESET_PASSWORD,
        json!({"email": email, "token": token, "password": password}),
        None,
    )
    .await
}

#[tokio::test]
async fn a_reset_goes_through_the_outbox_and_the_new_password_logs_in_on_both_apis() {
    let shop = Shop::new().await;
    let e = email("reset");
    shop.register(&e).await;
    let before = shop.mock.outbox().len();
    assert_eq!(
        request(&shop, &e).await.data(),
        json!({"requestPasswordResetEmail": true})
    );
    let outbox = shop.mock.outbox();
    assert_eq!(outbox.len(), before + 1, "one message per request");
    let message = outbox.last().unwrap();
    assert_eq!(message.kind, "password_reset");
    assert_eq!(message.to, e);
    let token = message.token.clone();
    assert!(!token.is_empty());
    assert_eq!(
        complete(&shop, &e, &token, "BrandNew42").await.data(),
        json!({"resetPassword": true})
    );
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
    shop.login(&e, "BrandNew42").await.data();
    shop.rest_token(&e, "BrandNew42").await;
}

#[tokio::test]
async fn the_reset_token_is_single_use() {
    let shop = Shop::new().await;
    let e = email("once");
    shop.register(&e).await;
    request(&shop, &e).await.data();
    let token = shop.outbox_token("password_reset", &e);
    complete(&shop, &e, &token, "BrandNew42").await.data();
    complete(&shop, &e, &token, "Another42x").await.field_error(
        200,
        &["resetPassword"],
        "graphql-input",
        "Cannot set the customer's password",
    );
}

#[tokio::test]
async fn a_rest_reset_request_is_completed_over_graphql() {
    let shop = Shop::new().await;
    let e = email("crossreset");
    shop.rest_register(&e).await;
    let r = shop
        .rest(
            "PUT",
            "/V1/customers/password",
            None,
            Some(json!({"email": e, "template": "email_reset", "websiteId": 1})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let token = shop.outbox_token("password_reset", &e);
    complete(&shop, &e, &token, "BrandNew42").await.data();
    shop.login(&e, "BrandNew42").await.data();
}

#[tokio::test]
async fn a_later_request_replaces_the_token_and_an_expired_one_fails() {
    let shop = Shop::new().await;
    let e = email("replace");
    shop.register(&e).await;
    request(&shop, &e).await.data();
    let first = shop.outbox_token("password_reset", &e);
    request(&shop, &e).await.data();
    let second = shop.outbox_token("password_reset", &e);
    assert_ne!(first, second);
    complete(&shop, &e, &first, "BrandNew42").await.field_error(
        200,
        &["resetPassword"],
        "graphql-input",
        "Cannot set the customer's password",
    );
    shop.advance(2 * 3600 + 1);
    complete(&shop, &e, &second, "BrandNew42")
        .await
        .field_error(
            200,
            &["resetPassword"],
            "graphql-input",
            "Cannot set the customer's password",
        );
}

#[tokio::test]
async fn a_reset_to_a_weak_password_is_refused_and_keeps_the_old_one() {
    let shop = Shop::new().await;
    let e = email("weak");
    shop.register(&e).await;
    request(&shop, &e).await.data();
    let token = shop.outbox_token("password_reset", &e);
    let r = complete(&shop, &e, &token, "short").await;
    let body = r.json();
    assert_eq!(body["data"], json!({"resetPassword": null}), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["category"], "graphql-input");
    shop.login(&e, PASSWORD).await.data();
}

#[tokio::test]
async fn an_unknown_email_gets_the_documented_enumeration_body() {
    let shop = Shop::new().await;
    let before = shop.mock.outbox().len();
    let r = shop
        .gql(
            "mutation RequestReset($email: String!) {\n  requestPasswordResetEmail(email: $email)\n}",
            json!({"email": email("nobody")}),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"errors": [{"message": "Cannot reset the customer's password",
                           "extensions": {"category": "graphql-input"},
                           "locations": [{"line": 2, "column": 3}],
                           "path": ["requestPasswordResetEmail"]}],
               "data": {"requestPasswordResetEmail": null}})
    );
    assert_eq!(
        shop.mock.outbox().len(),
        before,
        "no message for an unknown email"
    );
}

#[tokio::test]
async fn request_input_errors() {
    let shop = Shop::new().await;
    request(&shop, "").await.field_error(
        200,
        &["requestPasswordResetEmail"],
        "graphql-input",
        "You must specify an email address.",
    );
    request(&shop, "not an email").await.field_error(
        200,
        &["requestPasswordResetEmail"],
        "graphql-input",
        "The email address has an invalid format.",
    );
}

#[tokio::test]
async fn completion_input_errors() {
    let shop = Shop::new().await;
    let e = email("complerr");
    shop.register(&e).await;
    let cases = [
        (
            "",
            "abc",
            "BrandNew42",
            "You must specify an email address.",
        ),
        (
            "bad email",
            "abc",
            "BrandNew42",
            "The email address has an invalid format.",
        ),
        (
            e.as_str(),
            "",
            "BrandNew42",
            "resetPasswordToken must be specified",
        ),
        (e.as_str(), "abc", "", "newPassword must be specified"),
        (
            e.as_str(),
            "0123456789abcdef0123456789abcdef",
            "BrandNew42",
            "Cannot set the customer's password",
        ),
    ];
    for (address, token, password, message) in cases {
        complete(&shop, address, token, password).await.field_error(
            200,
            &["resetPassword"],
            "graphql-input",
            message,
        );
    }
}

#[tokio::test]
async fn the_token_only_works_with_its_own_email() {
    let shop = Shop::new().await;
    let ann = email("annreset");
    let bob = email("bobreset");
    shop.register(&ann).await;
    shop.register(&bob).await;
    request(&shop, &ann).await.data();
    let token = shop.outbox_token("password_reset", &ann);
    complete(&shop, &bob, &token, "BrandNew42")
        .await
        .field_error(
            200,
            &["resetPassword"],
            "graphql-input",
            "Cannot set the customer's password",
        );
    shop.login(&bob, PASSWORD).await.data();
}

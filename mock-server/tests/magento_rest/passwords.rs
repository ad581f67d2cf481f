//! Password rules, changes and resets through the outbox (spec §2.7–§2.10, §5, §7, §8).

use crate::fixture::{Magento, PASSWORD, assert_body, required, sign_in_incorrect};
use serde_json::{Value, json};
use storefront_mock::{MagentoOptions, ResetThrottle};

const RESET: &str = "/rest/default/V1/customers/password";
const COMPLETE: &str = "/rest/default/V1/customers/resetPassword";

fn rule(message: &str, parameters: Option<Value>) -> Value {
    match parameters {
        Some(parameters) => json!({"message": message, "parameters": parameters}),
        None => json!({"message": message}),
    }
}

#[tokio::test]
async fn a_password_breaking_several_rules_gets_the_first_in_magentos_order() {
    let magento = Magento::new().await;
    let register = |password: &str| json!({"customer": {"email": "rules@example.com", "firstname": "R", "lastname": "S"}, "password": password});
    let short = "The password needs at least %1 characters. Create a new password and try again.";
    let classes = "Minimum of different classes of characters in password is %1. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.";
    for (password, expected) in [
        ("ab", rule(short, Some(json!([8])))),
        (" abc", rule(short, Some(json!([8])))),
        (
            " Password1",
            rule(
                "The password can't begin or end with a space. Verify the password and try again.",
                None,
            ),
        ),
        ("password", rule(classes, Some(json!([3])))),
        (
            &"A1a".repeat(90),
            rule(
                "Please enter a password with at most %1 characters.",
                Some(json!([256])),
            ),
        ),
        (
            "Rules@example.com",
            rule(
                "The password can't be the same as the email address. Create a new password and try again.",
                None,
            ),
        ),
    ] {
        let r = magento
            .call(
                "POST",
                "/rest/default/V1/customers",
                None,
                Some(register(password)),
            )
            .await;
        assert_body(&r, 400, expected);
    }
}

#[tokio::test]
async fn change_password_checks_the_current_one_then_the_new_one() {
    let magento = Magento::new().await;
    let token = magento.session("change@example.com").await;
    let path = "/rest/default/V1/customers/me/password";
    let r = magento
        .call(
            "PUT",
            path,
            Some(&token),
            Some(json!({"currentPassword": "Wrong-123", "newPassword": "Changed-99"})),
        )
        .await;
    assert_body(
        &r,
        401,
        json!({"message": "The password doesn't match this account. Verify the password and try again."}),
    );
    let r = magento
        .call(
            "PUT",
            path,
            Some(&token),
            Some(json!({"current_password": PASSWORD, "new_password": "short"})),
        )
        .await;
    assert_eq!(
        r.status,
        400,
        "snake_case parameters are read too: {}",
        r.text()
    );
    let r = magento
        .call("PUT", path, Some(&token), Some(json!({})))
        .await;
    assert_eq!(r.json()["errors"].as_array().map(Vec::len), Some(2));
    let r = magento
        .call(
            "PUT",
            path,
            Some(&token),
            Some(json!({"currentPassword": PASSWORD, "newPassword": "Changed-99"})),
        )
        .await;
    assert_eq!((r.status, r.text()), (200, "true".to_owned()));
    assert_body(
        &magento.login("change@example.com", PASSWORD).await,
        401,
        sign_in_incorrect(),
    );
    assert_eq!(
        magento
            .login("change@example.com", "Changed-99")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn resets_go_through_the_outbox_single_use_replaced_by_a_later_request_for_two_hours() {
    let magento = Magento::new().await;
    let customer = magento.register("reset@example.com").await;
    let request =
        || json!({"email": "reset@example.com", "template": "email_reset", "websiteId": 1});
    let r = magento.call("PUT", RESET, None, Some(request())).await;
    assert_eq!((r.status, r.text()), (200, "true".to_owned()));
    let outbox = magento.mock.outbox();
    assert_eq!(outbox.len(), 1);
    let first = outbox[0].token.clone();
    assert_eq!(
        (outbox[0].kind.as_str(), outbox[0].to.as_str()),
        ("password_reset", "reset@example.com")
    );
    assert_eq!(outbox[0].extra.get("customer_id"), Some(&customer["id"]));
    assert_eq!(first.len(), 32);
    let validate = format!(
        "/rest/default/V1/customers/{}/password/resetLinkToken/{first}",
        customer["id"]
    );
    assert_eq!(
        magento.call("GET", &validate, None, None).await.text(),
        "true"
    );

    magento.call("PUT", RESET, None, Some(request())).await;
    let second = magento.mock.outbox()[1].token.clone();
    let complete = |token: &str, email: &str, password: &str| json!({"email": email, "resetToken": token, "newPassword": password});
    let mismatch = json!({"message": "The password token is mismatched. Reset and try again."});
    let r = magento
        .call(
            "POST",
            COMPLETE,
            None,
            Some(complete(&first, "reset@example.com", "Reset-Pass-1")),
        )
        .await;
    assert_body(&r, 400, mismatch.clone());
    let r = magento
        .call(
            "POST",
            COMPLETE,
            None,
            Some(complete(&second, "", "reset@example.com")),
        )
        .await;
    assert_body(
        &r,
        400,
        rule(
            "The password can't be the same as the email address. Create a new password and try again.",
            None,
        ),
    );
    let r = magento
        .call(
            "POST",
            COMPLETE,
            None,
            Some(complete(&second, "", "Reset-Pass-1")),
        )
        .await;
    assert_eq!(
        (r.status, r.text()),
        (200, "true".to_owned()),
        "an empty email finds the customer by the token"
    );
    let r = magento
        .call(
            "POST",
            COMPLETE,
            None,
            Some(complete(&second, "", "Reset-Pass-2")),
        )
        .await;
    assert_body(&r, 400, mismatch.clone());
    assert_eq!(
        magento
            .login("reset@example.com", "Reset-Pass-1")
            .await
            .status,
        200
    );

    magento.call("PUT", RESET, None, Some(request())).await;
    let third = magento.mock.outbox()[2].token.clone();
    magento.advance(7200);
    let r = magento
        .call(
            "POST",
            COMPLETE,
            None,
            Some(complete(&third, "reset@example.com", "Reset-Pass-3")),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "The password token is expired. Reset and try again."}),
    );

    // An email change clears the token.
    magento.call("PUT", RESET, None, Some(request())).await;
    let fourth = magento.mock.outbox()[3].token.clone();
    let token = magento
        .token_with("reset@example.com", "Reset-Pass-1")
        .await;
    let r = magento
        .save_me(
            &token,
            json!({"email": "moved@example.com", "firstname": "J", "lastname": "D"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let r = magento
        .call(
            "POST",
            COMPLETE,
            None,
            Some(complete(&fourth, "", "Reset-Pass-4")),
        )
        .await;
    assert_body(&r, 400, mismatch);
}

#[tokio::test]
async fn unknown_emails_are_404_and_templates_are_required() {
    let magento = Magento::new().await;
    let r = magento
        .call(
            "PUT",
            RESET,
            None,
            Some(json!({"email": "xyz@xyz.com", "template": "email_reset", "websiteId": 0})),
        )
        .await;
    assert_body(
        &r,
        404,
        json!({"message": "No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
        "parameters": {"fieldName": "email", "fieldValue": "xyz@xyz.com", "field2Name": "websiteId", "field2Value": 0}}),
    );
    let r = magento
        .call(
            "PUT",
            RESET,
            None,
            Some(json!({"email": "xyz@xyz.com", "template": "email_reset"})),
        )
        .await;
    assert_eq!(
        r.json()["parameters"]["field2Value"],
        "1",
        "the store's website id, as text"
    );
    let r = magento
        .call("PUT", RESET, None, Some(json!({"email": "xyz@xyz.com"})))
        .await;
    assert_body(&r, 400, required("template"));
    magento.register("tpl@example.com").await;
    let r = magento
        .call(
            "PUT",
            RESET,
            None,
            Some(json!({"email": "tpl@example.com", "template": "nope"})),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["parameters"]["template2"], "email_reset");
    assert!(magento.mock.outbox().is_empty(), "nothing mailed");
    let r = magento.call("POST", COMPLETE, None, Some(json!({"email": "nobody@example.com", "resetToken": "x", "newPassword": "Reset-Pass-1"}))).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn the_reset_throttle_is_off_by_default_and_an_option() {
    let magento = Magento::new().await;
    magento.register("many@example.com").await;
    let body = json!({"email": "many@example.com", "template": "email_reset"});
    for _ in 0..8 {
        assert_eq!(
            magento
                .call("PUT", RESET, None, Some(body.clone()))
                .await
                .status,
            200
        );
    }
    let magento = Magento::with(MagentoOptions {
        reset_throttle: ResetThrottle {
            enabled: true,
            ..ResetThrottle::default()
        },
        ..Default::default()
    })
    .await;
    magento.register("many@example.com").await;
    assert_eq!(
        magento
            .call("PUT", RESET, None, Some(body.clone()))
            .await
            .status,
        200
    );
    let r = magento.call("PUT", RESET, None, Some(body.clone())).await;
    assert_body(
        &r,
        400,
        json!({"message": "We received too many requests for password resets. Please wait and try again later or contact %1.", "parameters": ["support@example.com"]}),
    );
    magento.advance(600);
    assert_eq!(
        magento.call("PUT", RESET, None, Some(body)).await.status,
        200
    );
}

impl Magento {
    /// Logs in with `password` and returns the token.
    pub async fn token_with(&self, email: &str, password: &str) -> String {
        let r = self.login(email, password).await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json().as_str().expect("string").to_owned()
    }
}

#[tokio::test]
async fn ten_wrong_current_passwords_lock_the_account_for_ten_minutes() {
    let magento = Magento::new().await;
    let token = magento.session("model@example.com").await;
    let path = "/rest/default/V1/customers/me/password";
    let wrong = json!({"currentPassword": "Wrong-123", "newPassword": "Changed-99"});
    for _ in 0..10 {
        assert_eq!(
            magento
                .call("PUT", path, Some(&token), Some(wrong.clone()))
                .await
                .status,
            401
        );
    }
    let right = json!({"currentPassword": PASSWORD, "newPassword": "Changed-99"});
    let r = magento
        .call("PUT", path, Some(&token), Some(right.clone()))
        .await;
    assert_body(&r, 401, json!({"message": "The account is locked."}));
    assert_body(
        &magento.login("model@example.com", PASSWORD).await,
        401,
        sign_in_incorrect(),
    );
    magento.advance(601);
    let r = magento.call("PUT", path, Some(&token), Some(right)).await;
    assert_eq!((r.status, r.text()), (200, "true".to_owned()));
    assert_eq!(
        magento
            .login("model@example.com", "Changed-99")
            .await
            .status,
        200
    );
}

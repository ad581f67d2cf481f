//! Registration rules, email confirmation, the token-service lockout and email availability.

use crate::fixture::{Magento, PASSWORD, assert_body, required, sign_in_incorrect};
use serde_json::json;
use storefront_mock::{EmailAvailability, MagentoOptions, UnconfirmedLoginMessage};

#[tokio::test]
async fn registration_issues_no_token_and_refuses_duplicates_and_missing_fields() {
    let magento = Magento::new().await;
    let customer = magento.register("reg@example.com").await;
    assert!(customer.get("confirmation").is_none());
    assert_eq!(customer["created_in"], "Default Store View");
    assert_eq!(
        (customer["store_id"].clone(), customer["website_id"].clone()),
        (json!(1), json!(1))
    );
    let r = magento.call("POST", "/rest/default/V1/customers", None, Some(json!({"customer": {"email": "REG@example.com", "firstname": "A", "lastname": "B"}, "password": PASSWORD}))).await;
    assert_body(
        &r,
        400,
        json!({"message": "A customer with the same email address already exists in an associated website."}),
    );
    let r = magento
        .call(
            "POST",
            "/rest/default/V1/customers",
            None,
            Some(json!({"password": PASSWORD})),
        )
        .await;
    assert_body(&r, 400, required("customer"));
    let r = magento
        .call(
            "POST",
            "/rest/default/V1/customers",
            None,
            Some(json!({"customer": {"email": "x@example.com"}, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.json()["errors"].as_array().map(Vec::len), Some(2));
    let r = magento
        .call(
            "POST",
            "/rest/default/V1/customers",
            None,
            Some(json!({"customer": {"email": "invalid", "firstname": "A", "lastname": "B"}})),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "Invalid value of \"%value\" provided for the %fieldName field.", "parameters": {"fieldName": "email", "value": "invalid"}}),
    );
    // Without a password: created, and a set-password link is mailed.
    let r = magento.call("POST", "/rest/default/V1/customers", None, Some(json!({"customer": {"email": "nopass@example.com", "firstname": "A", "lastname": "B"}}))).await;
    assert_eq!(r.status, 200);
    let outbox = magento.mock.outbox();
    assert_eq!(
        (outbox.len(), outbox[0].kind.as_str()),
        (1, "password_reset")
    );
    assert_body(
        &magento.login("nopass@example.com", PASSWORD).await,
        401,
        sign_in_incorrect(),
    );
}

#[tokio::test]
async fn confirmation_when_required_puts_the_key_in_the_answer_and_the_outbox() {
    let magento = Magento::with(MagentoOptions {
        confirmation_required: true,
        ..Default::default()
    })
    .await;
    let customer = magento.register("conf@example.com").await;
    let key = customer["confirmation"]
        .as_str()
        .expect("confirmation key")
        .to_owned();
    let outbox = magento.mock.outbox();
    assert_eq!(
        (outbox[0].kind.as_str(), outbox[0].token.as_str()),
        ("confirmation", key.as_str())
    );
    assert_body(
        &magento.login("conf@example.com", PASSWORD).await,
        401,
        json!({"message": "This account isn't confirmed. Verify and try again."}),
    );
    assert_body(
        &magento.login("conf@example.com", "Wrong-Pass-1").await,
        401,
        sign_in_incorrect(),
    );
    let admin = magento
        .call(
            "POST",
            "/rest/V1/integration/admin/token",
            None,
            Some(json!({"username": "admin", "password": "Admin123!"})),
        )
        .await
        .json();
    let admin = admin.as_str().expect("string");
    let activate = "/rest/default/V1/customers/conf%40example.com/activate";
    let r = magento
        .call("PUT", activate, None, Some(json!({"confirmationKey": key})))
        .await;
    assert_eq!(r.status, 401);
    let r = magento
        .call(
            "PUT",
            activate,
            Some(admin),
            Some(json!({"confirmationKey": "wrong"})),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "The confirmation token is invalid. Verify the token and try again."}),
    );
    let r = magento
        .call(
            "PUT",
            activate,
            Some(admin),
            Some(json!({"confirmationKey": key})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json().get("confirmation").is_none());
    assert_eq!(
        magento.login("conf@example.com", PASSWORD).await.status,
        200
    );
    let r = magento
        .call(
            "PUT",
            activate,
            Some(admin),
            Some(json!({"confirmationKey": key})),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "The account is already active."}),
    );

    let generic = Magento::with(MagentoOptions {
        confirmation_required: true,
        unconfirmed_login_message: UnconfirmedLoginMessage::Generic,
        ..Default::default()
    })
    .await;
    generic.register("old@example.com").await;
    assert_body(
        &generic.login("old@example.com", PASSWORD).await,
        401,
        sign_in_incorrect(),
    );
}

#[tokio::test]
async fn six_failures_lock_the_token_service_for_1800_seconds() {
    let magento = Magento::new().await;
    magento.register("lock@example.com").await;
    for _ in 0..6 {
        assert_body(
            &magento.login("lock@example.com", "Wrong-Pass-1").await,
            401,
            sign_in_incorrect(),
        );
    }
    assert_body(
        &magento.login("lock@example.com", PASSWORD).await,
        401,
        sign_in_incorrect(),
    );
    magento.advance(1799);
    assert_eq!(
        magento.login("lock@example.com", PASSWORD).await.status,
        401
    );
    magento.advance(1);
    assert_eq!(
        magento.login("lock@example.com", PASSWORD).await.status,
        200
    );
    // A success forgets the failures.
    for _ in 0..5 {
        magento.login("lock@example.com", "Wrong-Pass-1").await;
    }
    assert_eq!(
        magento.login("lock@example.com", PASSWORD).await.status,
        200
    );
    magento.login("lock@example.com", "Wrong-Pass-1").await;
    assert_eq!(
        magento.login("lock@example.com", PASSWORD).await.status,
        200
    );
}

#[tokio::test]
async fn email_availability_follows_the_configured_release() {
    let body = json!({"customerEmail": "here@example.com", "websiteId": 1});
    let path = "/rest/default/V1/customers/isEmailAvailable";
    let magento = Magento::new().await;
    magento.register("here@example.com").await;
    assert_eq!(
        magento
            .call("POST", path, None, Some(body.clone()))
            .await
            .text(),
        "true"
    );
    let legacy = Magento::with(MagentoOptions {
        email_availability: EmailAvailability::Legacy,
        ..Default::default()
    })
    .await;
    legacy.register("here@example.com").await;
    assert_eq!(
        legacy.call("POST", path, None, Some(body)).await.text(),
        "false"
    );
    assert_eq!(
        legacy
            .call(
                "POST",
                path,
                None,
                Some(json!({"customer_email": "free@example.com"}))
            )
            .await
            .text(),
        "true"
    );
    assert_body(
        &legacy.call("POST", path, None, Some(json!({}))).await,
        400,
        required("customerEmail"),
    );
}

#[tokio::test]
async fn xml_bodies_which_the_swagger_lists_are_read_like_json() {
    let magento = Magento::new().await;
    let xml = br#"<?xml version="1.0"?><request><customer><email>xml@example.com</email><firstname>X</firstname><lastname>M</lastname><addresses><item><firstname>X</firstname><lastname>M</lastname><street><item>Unter den Linden 1</item></street><city>Berlin</city><postcode>10117</postcode><countryId>DE</countryId><telephone>030</telephone><defaultBilling>true</defaultBilling></item></addresses></customer><password>Password1</password></request>"#;
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/customers",
            &[("Content-Type", "application/xml")],
            Some(xml.to_vec()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let customer = r.json();
    assert_eq!(
        customer["default_billing"],
        json!(customer["addresses"][0]["id"].to_string())
    );
    let login =
        br#"<request><username>xml@example.com</username><password>Password1</password></request>"#;
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "text/xml; charset=UTF-8")],
            Some(login.to_vec()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/xml")],
            Some(b"<request>".to_vec()),
        )
        .await;
    assert_body(&r, 400, json!({"message": "Decoding error."}));
}

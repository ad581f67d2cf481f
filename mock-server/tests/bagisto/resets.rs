//! Password-reset requests (spec §2.5, §2.6): the link goes to the outbox, unknown and
//! throttled emails read `Email address not found`, and nothing completes a reset.

use crate::common::email;
use crate::fixture::{Shop, assert_outcome};
use serde_json::json;
use std::time::Duration;
use storefront_mock::BagistoOptions;

#[tokio::test]
async fn a_reset_link_goes_to_the_outbox() {
    let shop = Shop::new().await;
    let address = email("Reset");
    shop.register(&address).await;
    let r = shop
        .call(
            "POST",
            "/forgot-passwords",
            None,
            Some(json!({"email": address.to_lowercase()})),
        )
        .await;
    assert_outcome(&r, true, "Reset link sent successfully to your email");
    let outbox = shop.mock.outbox();
    assert_eq!(outbox.len(), 1);
    let message = &outbox[0];
    assert_eq!(
        (message.kind.as_str(), message.to.as_str()),
        ("password_reset", address.as_str())
    );
    assert_eq!(message.token.len(), 64);
    assert!(message.token.bytes().all(|b| b.is_ascii_hexdigit()));
    let link = message
        .extra
        .get("link")
        .and_then(|link| link.as_str())
        .expect("a link");
    let host = shop.mock.uri().trim_start_matches("http://").to_owned();
    assert!(
        link.starts_with(&format!(
            "http://{host}/customer/reset-password/{}?email=",
            message.token
        )),
        "{link}"
    );
    let r = shop
        .raw(
            "GET",
            &format!("{}/__mock/outbox", shop.mock.uri()),
            &[],
            None,
        )
        .await
        .json();
    assert_eq!(r["messages"][0]["link"], json!(link));
    assert_eq!(r["messages"][0]["kind"], "password_reset");
}

#[tokio::test]
async fn unknown_and_missing_emails_fail_softly() {
    let shop = Shop::new().await;
    let r = shop
        .call(
            "POST",
            "/forgot-passwords",
            None,
            Some(json!({"email": email("nobody")})),
        )
        .await;
    assert_outcome(&r, false, "Email address not found");
    for body in [json!({}), json!({"email": ""}), json!({"email": null})] {
        let r = shop
            .call("POST", "/forgot-passwords", None, Some(body))
            .await;
        assert_outcome(&r, false, "Email is required");
    }
    assert!(shop.mock.outbox().is_empty());
}

#[tokio::test]
async fn the_broker_throttle_is_an_option_and_reads_as_not_found() {
    let shop = Shop::with(BagistoOptions {
        broker_throttle: 60,
        ..BagistoOptions::default()
    })
    .await;
    let address = email("throttled");
    shop.register(&address).await;
    let request = || {
        shop.call(
            "POST",
            "/forgot-passwords",
            None,
            Some(json!({"email": address})),
        )
    };
    assert_outcome(
        &request().await,
        true,
        "Reset link sent successfully to your email",
    );
    shop.mock.advance_clock(Duration::from_secs(59));
    assert_outcome(&request().await, false, "Email address not found");
    shop.mock.advance_clock(Duration::from_secs(1));
    assert_outcome(
        &request().await,
        true,
        "Reset link sent successfully to your email",
    );
    assert_eq!(shop.mock.outbox().len(), 2);

    let unthrottled = Shop::new().await;
    unthrottled.register(&address).await;
    for _ in 0..3 {
        let r = unthrottled
            .call(
                "POST",
                "/forgot-passwords",
                None,
                Some(json!({"email": address})),
            )
            .await;
        assert_eq!(r.json()["success"], true);
    }
}

#[tokio::test]
async fn no_route_completes_a_reset() {
    let shop = Shop::new().await;
    for (method, path) in [
        ("POST", "/reset-password"),
        ("POST", "/reset-passwords"),
        ("PUT", "/forgot-passwords/abc"),
        ("PATCH", "/forgot-passwords"),
    ] {
        let r = shop
            .call(
                method,
                path,
                None,
                Some(json!({"token": "x", "password": "y"})),
            )
            .await;
        assert_eq!(r.status, 404, "{method} {path}");
    }
}

//! HTTP-level conventions (spec §1.2, §1.3, issue 8 §4–5): malformed JSON → 400 with a
//! `message`; unknown routes → 404 with a `message`; never HTML; the CORS preflight allows
//! Magento's request headers.
use crate::support::*;

use serde_json::{Value, json};

#[tokio::test]
async fn malformed_json_is_a_400_with_a_message_on_every_body_route() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("malformed")).await;
    let bearer = format!("Bearer {token}");
    let routes = [
        ("POST", "/V1/customers", false),
        ("POST", "/V1/integration/customer/token", false),
        ("PUT", "/V1/customers/me", true),
        ("PUT", "/V1/customers/me/password", true),
        ("PUT", "/V1/customers/password", false),
        ("POST", "/V1/customers/resetPassword", false),
        ("POST", "/V1/customers/isEmailAvailable", false),
    ];
    for body in [&b"{\"customer\":"[..], b"{'a':1}", b"{\"a\":1,}", b"nope"] {
        for (method, path, auth) in routes {
            let mut headers = vec![("Content-Type", "application/json")];
            if auth {
                headers.push(("Authorization", &bearer));
            }
            let full = format!("/rest/default{path}");
            let r = shop.raw(method, &full, &headers, Some(body.to_vec())).await;
            assert_eq!(r.status, 400, "{method} {path} {body:?}: {}", r.text());
            r.assert_message(400);
        }
    }
}

#[tokio::test]
async fn unknown_routes_are_404_with_a_message() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("routes")).await;
    for (method, path) in [
        ("GET", "/rest/default/V1/nope"),
        ("POST", "/rest/default/V1/customers/me/addresses"),
        ("GET", "/rest/default/V1/customers/me/addresses"),
        ("GET", "/rest/default/V2/customers/me"),
        ("GET", "/rest/default/V1/integration/customer/nope"),
        ("POST", "/rest/default/V1/customers/me/nope"),
    ] {
        let r = shop.call_at(method, path, Some(&token), None).await;
        assert_eq!(r.status, 404, "{method} {path}: {}", r.text());
        r.assert_message(404);
    }
}

#[tokio::test]
async fn a_wrong_method_on_a_known_path_is_a_4xx_with_a_message() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("methods")).await;
    for (method, path) in [
        ("DELETE", "/V1/customers/me"),
        ("PATCH", "/V1/customers/me"),
        ("GET", "/V1/integration/customer/token"),
        ("GET", "/V1/customers/password"),
        ("GET", "/V1/integration/customer/revoke-customer-token"),
    ] {
        let r = shop.call(method, path, Some(&token), None).await;
        assert!(
            (400..500).contains(&r.status),
            "{method} {path}: {}",
            r.text()
        );
        r.assert_message(r.status);
    }
    shop.me(&token).await.ok();
}

#[tokio::test]
async fn successes_are_200_only() {
    let shop = Shop::new().await;
    let e = email("twohundred");
    let created = shop.register_raw(json!({
        "customer": {"email": e, "firstname": "Jane", "lastname": "Doe"}, "password": PASSWORD
    }));
    assert_eq!(created.await.status, 200, "a create is 200, not 201");
    let token = shop.token(&e).await;
    let r = shop.revoke(Some(&token)).await;
    assert_eq!(r.status, 200, "a revoke is 200 true, not 204");
    assert_eq!(r.json(), Value::Bool(true));
}

#[tokio::test]
async fn the_cors_preflight_allows_store_and_recaptcha_headers() {
    let shop = Shop::new().await;
    let r = shop
        .raw(
            "OPTIONS",
            "/rest/default/V1/integration/customer/token",
            &[
                ("Origin", "http://localhost:3000"),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type,store,x-recaptcha",
                ),
            ],
            None,
        )
        .await;
    assert!((200..300).contains(&r.status), "{} {}", r.status, r.text());
    let allowed: Vec<String> = r
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for header in ["store", "x-recaptcha", "authorization", "content-type"] {
        assert!(
            allowed.iter().any(|h| h == header),
            "{header} in {allowed:?}"
        );
    }
    assert!(r.header("access-control-allow-origin").is_some());
}

#[tokio::test]
async fn errors_carry_cors_headers_too() {
    let shop = Shop::new().await;
    let r = shop
        .raw(
            "GET",
            "/rest/default/V1/customers/me",
            &[("Origin", "http://localhost:3000")],
            None,
        )
        .await;
    assert_eq!(r.status, 401);
    assert!(r.header("access-control-allow-origin").is_some());
}

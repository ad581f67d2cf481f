//! The storefront-key middleware on every `/api/shop` route (spec §1.1, §1.2; issue 11 §1).
use crate::support::*;

use serde_json::{Value, json};

struct Fixture {
    bag: Bag,
    email: String,
    token: String,
    address: i64,
    customer: i64,
}

async fn fixture(bag: Bag) -> Fixture {
    let email = email("keyed");
    let (customer, token) = bag.session(&email).await;
    let address = bag.address_id(&token, full_address()).await;
    Fixture {
        bag,
        email,
        token,
        address,
        customer,
    }
}

/// Every declared operation: (method, path, body).
fn routes(f: &Fixture) -> Vec<(&'static str, String, Option<Value>)> {
    let a = f.address;
    vec![
        (
            "POST",
            "/api/shop/customers".into(),
            Some(minimal(&email("k"))),
        ),
        (
            "POST",
            "/api/shop/customer/login".into(),
            Some(json!({"email": f.email, "password": PASSWORD})),
        ),
        ("POST", "/api/shop/customer/logout".into(), Some(json!({}))),
        ("POST", "/api/shop/verify-tokens".into(), Some(json!({}))),
        (
            "POST",
            "/api/shop/forgot-passwords".into(),
            Some(json!({"email": f.email})),
        ),
        ("GET", "/api/shop/customer-profile".into(), None),
        (
            "PUT",
            format!("/api/shop/customer-profile-updates/{}", f.customer),
            Some(json!({"firstName": "Keyless"})),
        ),
        ("GET", "/api/shop/customer-addresses".into(), None),
        (
            "POST",
            "/api/shop/customer-addresses".into(),
            Some(full_address()),
        ),
        ("GET", format!("/api/shop/customer-addresses/{a}"), None),
        (
            "PUT",
            format!("/api/shop/customer-addresses/{a}"),
            Some(json!({"city": "Keyless"})),
        ),
        ("DELETE", format!("/api/shop/customer-addresses/{a}"), None),
    ]
}

async fn send_with_key(f: &Fixture, key: Option<&str>) -> Vec<(String, Resp)> {
    let bearer = format!("Bearer {}", f.token);
    let mut out = Vec::new();
    for (method, path, body) in routes(f) {
        let mut headers = vec![
            ("Authorization", bearer.as_str()),
            ("Accept", "application/json"),
        ];
        if let Some(k) = key {
            headers.push(("X-STOREFRONT-KEY", k));
        }
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        let r = f.bag.raw(method, &path, &headers, body).await;
        out.push((format!("{method} {path}"), r));
    }
    out
}

/// Nothing the refused requests carried happened.
async fn assert_untouched(f: &Fixture) {
    let bag = &f.bag;
    let p = bag.profile(Some(&f.token)).await;
    p.assert_status(200);
    assert_eq!(p.json()[0]["firstName"], "Ann", "profile untouched");
    let list = bag.list_addresses(&f.token).await;
    assert_eq!(list.len(), 1, "address neither created nor deleted");
    assert_eq!(list[0]["city"], "New York", "address not updated");
    assert!(bag.outbox(&f.email).await.is_empty(), "no reset link sent");
}

const INVALID: &str = "Invalid or inactive shop API key";

fn invalid_key() -> Value {
    json!({"message": INVALID, "error": "invalid_key"})
}

#[tokio::test]
async fn a_missing_key_is_401_missing_key_on_every_route() {
    let f = fixture(Bag::new().await).await;
    for (what, r) in send_with_key(&f, None).await {
        assert_eq!(r.status, 401, "{what}: {}", r.text());
        assert_eq!(
            r.json(),
            json!({
                "message": "X-STOREFRONT-KEY header is required", "error": "missing_key",
                "header_name": "X-STOREFRONT-KEY", "key_type": "shop"
            }),
            "{what}"
        );
        assert_key_order(&r, &["message", "error", "header_name", "key_type"]);
        assert_json_content_type(&r);
    }
    assert_untouched(&f).await;
}

#[tokio::test]
async fn a_wrong_key_is_403_invalid_key_on_every_route() {
    let f = fixture(Bag::new().await).await;
    let wrong = format!("{}x", f.bag.key);
    for key in [wrong.as_str(), "pk_storefront_unknown"] {
        for (what, r) in send_with_key(&f, Some(key)).await {
            assert_eq!(r.status, 403, "{what}: {}", r.text());
            assert_eq!(r.json(), invalid_key(), "{what}");
            assert_key_order(&r, &["message", "error"]);
            assert_json_content_type(&r);
        }
    }
    assert_untouched(&f).await;
}

#[tokio::test]
async fn an_inactive_key_is_403_invalid_key_on_every_route() {
    let bag = Bag::new().await;
    bag.config(json!({"inactive_publishable_keys": ["pk_storefront_retired"]}))
        .await;
    let f = fixture(bag).await;
    for (what, r) in send_with_key(&f, Some("pk_storefront_retired")).await {
        assert_eq!(r.status, 403, "{what}: {}", r.text());
        assert_eq!(r.json(), invalid_key(), "{what}");
    }
    // deactivating the active key
    let active = f.bag.key.clone();
    f.bag
        .config(json!({"inactive_publishable_keys": [active]}))
        .await;
    for (what, r) in send_with_key(&f, Some(&active)).await {
        assert_eq!(r.status, 403, "{what}: {}", r.text());
        assert_eq!(r.json(), invalid_key(), "{what}");
    }
    f.bag.config(json!({"inactive_publishable_keys": []})).await;
    assert_untouched(&f).await;
}

#[tokio::test]
async fn the_key_is_checked_before_anything_else() {
    let bag = Bag::new().await;
    let wrong = "pk_storefront_wrong";
    for key in [None, Some(wrong)] {
        let mut headers = vec![];
        if let Some(k) = key {
            headers.push(("X-STOREFRONT-KEY", k));
        }
        let status = if key.is_some() { 403 } else { 401 };
        for (method, path, body) in [
            ("POST", "/api/shop/customers", &b"{not json"[..]),
            ("POST", "/api/shop/customer/login", &b"[]"[..]),
            ("POST", "/api/shop/customer/login", &b"{}"[..]),
            ("GET", "/api/shop/customer-profile", &b""[..]),
            ("DELETE", "/api/shop/customer-addresses/abc", &b""[..]),
        ] {
            let r = bag.raw(method, path, &headers, Some(body.to_vec())).await;
            assert_eq!(r.status, status, "{method} {path}: {}", r.text());
            assert_eq!(
                r.json()["error"],
                if key.is_some() {
                    "invalid_key"
                } else {
                    "missing_key"
                }
            );
        }
    }
}

#[tokio::test]
async fn a_configured_publishable_key_is_the_one_expected() {
    let bag = Bag::new().await;
    bag.config(json!({"publishable_key": "pk_storefront_custom"}))
        .await;
    let old = bag.key.clone();
    let body = serde_json::to_vec(&minimal(&email("custom"))).unwrap();
    let r = bag
        .raw(
            "POST",
            "/api/shop/customers",
            &[("X-STOREFRONT-KEY", old.as_str())],
            Some(body.clone()),
        )
        .await;
    assert_eq!((r.status, r.json()), (403, invalid_key()));
    bag.raw(
        "POST",
        "/api/shop/customers",
        &[("X-STOREFRONT-KEY", "pk_storefront_custom")],
        Some(body),
    )
    .await
    .assert_status(201);
}

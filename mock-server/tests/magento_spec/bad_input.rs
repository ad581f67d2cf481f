//! Hostile input (issue 8 §5, DISCREPANCIES "never a 5xx"): wrong JSON types, huge strings,
//! invalid UTF-8, NUL bytes, empty and oversized bodies never yield a 5xx or HTML; every
//! error is a Magento error object with a `message`; the server keeps working.
use crate::support::*;

use serde_json::{Value, json};

/// Not a server error, JSON whenever there is a body, and errors carry a string `message`.
#[track_caller]
fn sane(r: &Resp, what: &str) {
    assert!(r.status < 500, "{what}: {} {}", r.status, r.text());
    if r.body.is_empty() {
        assert!(r.status < 400, "{what}: an error without a body");
        return;
    }
    assert_json(r);
    let body: Value = serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{what}: {} body is not JSON ({e}): {}", r.status, r.text()));
    if r.status >= 400 {
        assert!(body["message"].is_string(), "{what}: no message: {body}");
    }
}

fn weird_values() -> Vec<Value> {
    vec![
        json!(123),
        json!(-1.5e300),
        json!(true),
        json!(null),
        json!([]),
        json!(["a", 1]),
        json!({}),
        json!({"nested": {"x": [1, 2, {"y": null}]}}),
        json!(""),
        json!("   "),
        json!("x".repeat(90_000)),
        json!("a\u{0}b"),
        json!("\u{0}"),
        json!("😀🇩🇪\u{2028}\u{2029}<script>&amp;"),
        json!("Robert'); DROP TABLE customers;--"),
        json!("%00%FF/../..\\"),
        json!(u64::MAX),
        json!(i64::MIN),
    ]
}

/// Sets `value` at a `/`-separated path of object keys and array indexes.
fn set(target: &mut Value, path: &str, value: Value) {
    let mut current = target;
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        current = match part.parse::<usize>() {
            Ok(i) => &mut current[i],
            Err(_) => &mut current[*part],
        };
    }
    let last = parts[parts.len() - 1];
    match last.parse::<usize>() {
        Ok(i) => current[i] = value,
        Err(_) => current[last] = value,
    }
}

/// (method, path, needs the token, a valid body, fields to spoil)
fn operations(
    e: &str,
    token: &str,
    customer: &Value,
) -> Vec<(&'static str, String, bool, Value, Vec<&'static str>)> {
    let fresh = email("fresh");
    vec![
        (
            "POST",
            "/V1/customers".into(),
            false,
            json!({"customer": {"email": fresh, "firstname": "Jane", "lastname": "Doe",
                             "addresses": [seed_address()]}, "password": PASSWORD}),
            vec![
                "customer",
                "customer/email",
                "customer/firstname",
                "customer/lastname",
                "customer/website_id",
                "customer/dob",
                "customer/gender",
                "customer/addresses",
                "customer/addresses/0",
                "customer/addresses/0/street",
                "customer/addresses/0/region",
                "customer/addresses/0/countryId",
                "customer/addresses/0/defaultBilling",
                "customer/extension_attributes",
                "customer/custom_attributes",
                "password",
                "redirectUrl",
            ],
        ),
        (
            "POST",
            "/V1/integration/customer/token".into(),
            false,
            json!({"username": e, "password": "Wrong1pass"}),
            vec!["username", "password"],
        ),
        (
            "PUT",
            "/V1/customers/me".into(),
            true,
            json!({"customer": customer}),
            vec![
                "customer",
                "customer/id",
                "customer/email",
                "customer/firstname",
                "customer/addresses",
                "customer/addresses/0",
                "customer/addresses/0/id",
                "customer/addresses/0/street",
                "customer/addresses/0/region",
                "customer/default_billing",
                "passwordHash",
            ],
        ),
        (
            "PUT",
            "/V1/customers/me/password".into(),
            true,
            json!({"currentPassword": "Wrong1pass", "newPassword": "short"}),
            vec!["currentPassword", "newPassword"],
        ),
        (
            "PUT",
            "/V1/customers/password".into(),
            false,
            json!({"email": e, "template": "email_reset", "websiteId": 1}),
            vec!["email", "template", "websiteId"],
        ),
        (
            "POST",
            "/V1/customers/resetPassword".into(),
            false,
            json!({"email": e, "resetToken": token, "newPassword": "short"}),
            vec!["email", "resetToken", "newPassword"],
        ),
        (
            "POST",
            "/V1/customers/isEmailAvailable".into(),
            false,
            json!({"customerEmail": e, "websiteId": 1}),
            vec!["customerEmail", "websiteId"],
        ),
        (
            "PUT",
            "/V1/customers/me/activate".into(),
            true,
            json!({"confirmationKey": "abc"}),
            vec!["confirmationKey"],
        ),
        (
            "POST",
            "/V1/integration/customer/revoke-customer-token".into(),
            true,
            json!({}),
            vec!["anything"],
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_types_and_hostile_values_never_yield_a_5xx() {
    let shop = Shop::new().await;
    let e = email("victim");
    shop.register_with_address(&e).await;
    let token = shop.token(&e).await;
    let customer = shop.me(&token).await.ok();
    let bearer = format!("Bearer {token}");
    for (method, path, auth, valid, fields) in operations(&e, "not-a-reset-token", &customer) {
        for field in fields {
            for value in weird_values() {
                let mut body = valid.clone();
                set(&mut body, field, value.clone());
                let mut headers = vec![("Content-Type", "application/json")];
                if auth {
                    headers.push(("Authorization", bearer.as_str()));
                }
                let full = format!("/rest/default{path}");
                let bytes = serde_json::to_vec(&body).unwrap();
                let r = shop.raw(method, &full, &headers, Some(bytes)).await;
                let shown: String = value.to_string().chars().take(40).collect();
                sane(&r, &format!("{method} {path} {field}={shown}"));
            }
        }
    }
    let survivor = email("survivor");
    shop.register(&survivor).await;
    shop.token(&survivor).await;
}

#[tokio::test]
async fn whole_bodies_of_the_wrong_type_never_yield_a_5xx() {
    let shop = Shop::new().await;
    let (token, customer) = shop.customer(&email("whole")).await;
    for (method, path, auth, _, _) in operations("x@example.com", "t", &customer) {
        for value in weird_values() {
            let r = shop
                .call(
                    method,
                    &path,
                    auth.then_some(token.as_str()),
                    Some(value.clone()),
                )
                .await;
            let shown: String = value.to_string().chars().take(40).collect();
            sane(&r, &format!("{method} {path} body={shown}"));
        }
    }
}

#[tokio::test]
async fn invalid_utf8_and_nul_bytes_never_yield_a_5xx() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("bytes")).await;
    let bearer = format!("Bearer {token}");
    let bodies: Vec<Vec<u8>> = vec![
        b"{\"customer\":{\"email\":\"\xff\xfe@example.com\",\"firstname\":\"J\",\"lastname\":\"D\"},\"password\":\"Password1\"}".to_vec(),
        b"{\"username\":\"\xc3\x28@example.com\",\"password\":\"Password1\"}".to_vec(),
        b"{\"customer\":{\"email\":\"nul\x00@example.com\"}}".to_vec(),
        b"\x00\x00\x00".to_vec(),
        b"{\"customer\":{\"email\":\"a\\u0000b@example.com\",\"firstname\":\"J\\u0000\",\"lastname\":\"D\"},\"password\":\"Password1\"}".to_vec(),
        b"{\"email\":\"\\ud800@example.com\",\"template\":\"email_reset\"}".to_vec(),
        vec![0xef, 0xbb, 0xbf, b'{', b'}'],
    ];
    for body in bodies {
        for (method, path) in [
            ("POST", "/rest/default/V1/customers"),
            ("POST", "/rest/default/V1/integration/customer/token"),
            ("PUT", "/rest/default/V1/customers/me"),
            ("PUT", "/rest/default/V1/customers/password"),
        ] {
            let headers = [
                ("Content-Type", "application/json"),
                ("Authorization", bearer.as_str()),
            ];
            let r = shop.raw(method, path, &headers, Some(body.clone())).await;
            sane(
                &r,
                &format!("{method} {path} {:?}", String::from_utf8_lossy(&body)),
            );
        }
    }
    shop.me(&token).await.ok();
}

#[tokio::test]
async fn a_nul_byte_in_an_email_is_an_invalid_email() {
    let shop = Shop::new().await;
    let r = shop
        .register_raw(json!({
            "customer": {"email": "a\u{0}b@example.com", "firstname": "J", "lastname": "D"},
            "password": PASSWORD
        }))
        .await;
    r.assert_message(400);
}

#[tokio::test]
async fn empty_bodies_are_a_400_with_a_message() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("empty")).await;
    let bearer = format!("Bearer {token}");
    for (method, path) in [
        ("POST", "/V1/customers"),
        ("POST", "/V1/integration/customer/token"),
        ("PUT", "/V1/customers/me"),
        ("PUT", "/V1/customers/me/password"),
        ("PUT", "/V1/customers/password"),
        ("POST", "/V1/customers/resetPassword"),
        ("POST", "/V1/customers/isEmailAvailable"),
    ] {
        let full = format!("/rest/default{path}");
        for (body, content_type) in [
            (None, "application/json"),
            (Some(Vec::new()), "application/json"),
            (Some(b"{}".to_vec()), "application/json"),
            (Some(b"null".to_vec()), "application/json"),
        ] {
            let headers = [
                ("Content-Type", content_type),
                ("Authorization", bearer.as_str()),
            ];
            let r = shop.raw(method, &full, &headers, body.clone()).await;
            assert_eq!(r.status, 400, "{method} {path} {body:?}: {}", r.text());
            r.assert_message(400);
        }
    }
}

#[tokio::test]
async fn other_content_types_and_oversized_bodies_never_yield_a_5xx() {
    let shop = Shop::new().await;
    let xml = b"<?xml version=\"1.0\"?><request><username>a@example.com</username><password>Password1</password></request>".to_vec();
    let r = shop
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/xml")],
            Some(xml),
        )
        .await;
    assert!(r.status < 500, "{} {}", r.status, r.text());
    let form = b"username=a%40example.com&password=Password1".to_vec();
    let r = shop
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(form),
        )
        .await;
    sane(&r, "form body");
    let huge = json!({"customer": {"email": email("huge"), "firstname": "x".repeat(300_000),
                                   "lastname": "D"}, "password": PASSWORD});
    let r = shop.register_raw(huge).await;
    assert!((400..500).contains(&r.status), "{} {}", r.status, r.text());
    sane(&r, "oversized body");
}

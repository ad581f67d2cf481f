//! Hostile input never yields a 5xx (issue 11 §1: "Nothing from the network yields a 5xx"):
//! wrong JSON types, malformed bodies, huge strings, invalid UTF-8, NUL bytes, odd ids, odd
//! tokens, wrong base paths (spec §9.8).
use crate::support::*;

use serde_json::{Value, json};

/// No server error; an error under `/api/shop` (with a key) is a JSON body.
#[track_caller]
fn sane(r: &Resp, what: &str) {
    assert!(r.status < 500, "{what}: got {} {}", r.status, r.text());
    if r.status >= 400 {
        serde_json::from_slice::<Value>(&r.body).unwrap_or_else(|e| {
            panic!(
                "{what}: {} body is not JSON ({e}): {:?}",
                r.status,
                r.text()
            )
        });
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
        json!("x".repeat(100_000)),
        json!("a\u{0}b"),
        json!("\u{0}"),
        json!("😀🇩🇪\u{2028}\u{2029}<script>&amp;"),
        json!("Robert'); DROP TABLE customers;--"),
        json!("%00%FF/../..\\"),
        json!(u64::MAX),
        json!(i64::MIN),
    ]
}

struct Ctx {
    bag: Bag,
    id: i64,
    token: String,
    address: i64,
}

async fn ctx() -> Ctx {
    let bag = Bag::new().await;
    let (id, token) = bag.session("victim@example.com").await;
    let address = bag.address_id(&token, full_address()).await;
    Ctx {
        bag,
        id,
        token,
        address,
    }
}

/// (method, path under /api/shop, authenticated, fields, a valid body)
fn ops(c: &Ctx) -> Vec<(&'static str, String, bool, Vec<&'static str>, Value)> {
    let address_fields = vec![
        "firstName",
        "lastName",
        "companyName",
        "vatId",
        "email",
        "phone",
        "address1",
        "address2",
        "city",
        "state",
        "postcode",
        "country",
        "defaultAddress",
        "address",
    ];
    let a = c.address;
    vec![
        (
            "POST",
            "/customers".into(),
            false,
            vec![
                "firstName",
                "lastName",
                "email",
                "password",
                "confirmPassword",
                "phone",
                "gender",
                "dateOfBirth",
                "subscribedToNewsLetter",
                "deviceToken",
                "status",
                "isVerified",
                "isSuspended",
                "first_name",
            ],
            minimal("fresh@example.com"),
        ),
        (
            "POST",
            "/customer/login".into(),
            false,
            vec!["email", "password", "deviceToken"],
            json!({"email": "victim@example.com", "password": PASSWORD}),
        ),
        (
            "POST",
            "/forgot-passwords".into(),
            false,
            vec!["email"],
            json!({"email": "victim@example.com"}),
        ),
        (
            "POST",
            "/verify-tokens".into(),
            true,
            vec!["token"],
            json!({}),
        ),
        (
            "PUT",
            format!("/customer-profile-updates/{}", c.id),
            true,
            vec![
                "id",
                "firstName",
                "lastName",
                "email",
                "phone",
                "gender",
                "dateOfBirth",
                "subscribedToNewsLetter",
                "currentPassword",
                "password",
                "confirmPassword",
                "image",
                "deleteImage",
            ],
            json!({"firstName": "Vic"}),
        ),
        (
            "POST",
            "/customer-addresses".into(),
            true,
            address_fields.clone(),
            full_address(),
        ),
        (
            "PUT",
            format!("/customer-addresses/{a}"),
            true,
            address_fields,
            json!({"city": "Boston"}),
        ),
    ]
}

#[tokio::test]
async fn weird_values_in_every_field_never_5xx() {
    let c = ctx().await;
    for (method, path, auth, fields, valid) in ops(&c) {
        let token = auth.then_some(c.token.as_str());
        for field in fields {
            for value in weird_values() {
                let mut body = valid.clone();
                body[field] = value.clone();
                let r = c.bag.call(method, &path, token, Some(body)).await;
                let shown: String = value.to_string().chars().take(40).collect();
                sane(&r, &format!("{method} {path} {field}={shown}"));
            }
        }
    }
    // the victim's session and password survived (the profile update may have renamed them)
    c.bag.profile(Some(&c.token)).await.assert_status(200);
}

#[tokio::test]
async fn malformed_bodies_never_5xx() {
    let c = ctx().await;
    let mut bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"{not json".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"[{}]".to_vec(),
        b"\"string\"".to_vec(),
        b"42".to_vec(),
        b"{\"email\":\"victim@example.com\",\"email\":1}".to_vec(),
        b"{\"email\":\"\xff\xfe@example.com\",\"password\":\"Password123!\"}".to_vec(),
        b"{\"email\":\"a\x00b@example.com\",\"password\":\"Password123!\"}".to_vec(),
        b"\x00\x00\x00".to_vec(),
        b"\xef\xbb\xbf{\"email\":\"victim@example.com\"}".to_vec(),
        vec![b'['; 10_000],
    ];
    let mut deep = "{\"a\":".repeat(2000);
    deep.push_str(&"}".repeat(2000));
    bodies.push(deep.into_bytes());
    for (method, path, auth, _, _) in ops(&c) {
        let bearer = format!("Bearer {}", c.token);
        let mut headers = vec![("X-STOREFRONT-KEY", c.bag.key.as_str())];
        if auth {
            headers.push(("Authorization", bearer.as_str()));
        }
        let url = format!("{SHOP}{path}");
        for body in &bodies {
            let r = c.bag.raw(method, &url, &headers, Some(body.clone())).await;
            sane(
                &r,
                &format!(
                    "{method} {path} {:?}",
                    String::from_utf8_lossy(&body[..body.len().min(30)])
                ),
            );
        }
        for ct in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
        ] {
            let mut h = headers.clone();
            h.push(("Content-Type", ct));
            let r = c
                .bag
                .raw(method, &url, &h, Some(b"email=a&password=b".to_vec()))
                .await;
            sane(&r, &format!("{method} {path} as {ct}"));
        }
    }
    c.bag.profile(Some(&c.token)).await.assert_status(200);
}

#[tokio::test]
async fn an_oversized_body_is_refused_without_a_5xx() {
    let c = ctx().await;
    let mut body = minimal("big@example.com");
    body["firstName"] = json!("x".repeat(200_000));
    let r = c.bag.post("/customers", body).await;
    assert!((400..500).contains(&r.status), "{} {}", r.status, r.text());
    let login = c.bag.login("big@example.com", PASSWORD).await.json();
    assert_eq!(login["success"], false, "not registered: {login}");
}

#[tokio::test]
async fn odd_ids_never_5xx() {
    let c = ctx().await;
    let ids = [
        "abc",
        "-1",
        "0",
        "1.5",
        "1e3",
        "99999999999999999999999",
        "%00",
        "%FF",
        "%20",
        "1%3BDROP",
        "..%2F..",
        "%F0%9F%98%80",
        "0x10",
        "+1",
        " 1",
    ];
    let long = "9".repeat(5000);
    for id in ids.iter().copied().chain([long.as_str()]) {
        let id = id.replace(' ', "%20");
        for (method, path) in [
            ("GET", format!("/customer-addresses/{id}")),
            ("PUT", format!("/customer-addresses/{id}")),
            ("DELETE", format!("/customer-addresses/{id}")),
            ("PUT", format!("/customer-profile-updates/{id}")),
        ] {
            let body = (method == "PUT").then(|| json!({"city": "X", "firstName": "Y"}));
            let r = c.bag.call(method, &path, Some(&c.token), body).await;
            sane(&r, &format!("{method} {path}"));
        }
    }
    // (which odd ids name the address is not specified: PHP may read `1.5` as 1)
    c.bag.profile(Some(&c.token)).await.assert_status(200);
}

#[tokio::test]
async fn odd_tokens_and_keys_never_5xx() {
    let c = ctx().await;
    let long = "A".repeat(8000);
    let long_id = format!("{}|abc", "9".repeat(100));
    let tokens = [
        "",
        " ",
        "|",
        "1|",
        "|secret",
        "0|x",
        "-1|x",
        "1.5|x",
        "abc|def",
        "1|2|3",
        "99999999999999999999|x",
        long_id.as_str(),
        long.as_str(),
        "null",
        "Bearer",
    ];
    for t in tokens {
        for auth in [format!("Bearer {t}"), t.to_owned(), format!("Basic {t}")] {
            for (method, path) in [
                ("GET", "/api/shop/customer-profile"),
                ("GET", "/api/shop/customer-addresses"),
                ("POST", "/api/shop/customer/logout"),
                ("POST", "/api/shop/verify-tokens"),
            ] {
                let headers = [
                    ("X-STOREFRONT-KEY", c.bag.key.as_str()),
                    ("Authorization", auth.as_str()),
                ];
                let body = (method == "POST").then(|| b"{}".to_vec());
                let r = c.bag.raw(method, path, &headers, body).await;
                sane(
                    &r,
                    &format!("{method} {path} with {:?}", &auth[..auth.len().min(30)]),
                );
            }
        }
    }
    for key in ["", " ", "pk_test\t", &"k".repeat(8000), "pk_%C3%A9"] {
        let r = c
            .bag
            .raw(
                "GET",
                "/api/shop/customer-profile",
                &[("X-STOREFRONT-KEY", key)],
                None,
            )
            .await;
        assert!(r.status < 500, "key {key:?}: {}", r.status);
    }
    c.bag.profile(Some(&c.token)).await.assert_status(200);
}

#[tokio::test]
async fn wrong_base_paths_and_methods_never_5xx() {
    let c = ctx().await;
    let body =
        serde_json::to_vec(&json!({"email": "victim@example.com", "password": PASSWORD})).unwrap();
    let key = [("X-STOREFRONT-KEY", c.bag.key.as_str())];
    for path in [
        "/api/customers",
        "/api/customer/login",
        "/api/v1/customer/login",
        "/api/v1/customer/register",
        "/api/v3/store/customers",
        "/api/graphql",
        "/api",
        "/api/shop",
        "/api/shop/",
        "/api/shop/customers/",
        "/api/shop/nope",
        "/",
        "/api/shop/customer-addresses/1/extra",
        "/API/SHOP/CUSTOMERS",
    ] {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] {
            let b = (method != "GET" && method != "HEAD").then(|| body.clone());
            let r = c.bag.raw(method, path, &key, b.clone()).await;
            assert!(r.status < 500, "{method} {path}: {} {}", r.status, r.text());
            let r = c.bag.raw(method, path, &[], b).await;
            assert!(
                r.status < 500,
                "{method} {path} keyless: {} {}",
                r.status,
                r.text()
            );
        }
    }
    for (method, path) in [
        ("DELETE", "/api/shop/customers"),
        ("GET", "/api/shop/customer/login"),
        ("PUT", "/api/shop/customer/logout"),
        ("PATCH", "/api/shop/customer-profile"),
        ("DELETE", "/api/shop/customer-profile"),
        ("GET", "/api/shop/forgot-passwords"),
        ("PATCH", "/api/shop/customer-addresses"),
    ] {
        let r = c.bag.raw(method, path, &key, Some(body.clone())).await;
        assert!(
            (400..500).contains(&r.status),
            "{method} {path}: {} {}",
            r.status,
            r.text()
        );
    }
    assert_eq!(
        c.bag.login("victim@example.com", PASSWORD).await.json()["success"],
        true
    );
}

//! Hostile input never yields a 5xx, never panics the server, and every error is the
//! JSON envelope (issue 2 §3, §7).
mod common;
use common::*;

use serde_json::{Value, json};

/// Asserts the response is not a server error and that errors are envelopes.
#[track_caller]
fn sane(r: &Resp, what: &str) {
    assert!(r.status < 500, "{what}: got {} {}", r.status, r.text());
    if r.status >= 400 {
        let v: Value = serde_json::from_slice(&r.body).unwrap_or_else(|e| {
            panic!(
                "{what}: {} body is not JSON ({e}): {:?}",
                r.status,
                r.text()
            )
        });
        assert!(v["error"]["code"].is_string(), "{what}: no envelope: {v}");
        assert!(v["error"]["message"].is_string(), "{what}: no message: {v}");
    } else if r.status != 204 && !r.body.is_empty() {
        serde_json::from_slice::<Value>(&r.body)
            .unwrap_or_else(|e| panic!("{what}: 2xx body not JSON ({e})"));
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
    api: Api,
    jwt: String,
    addr: String,
    token: String,
}

async fn ctx() -> Ctx {
    let api = Api::new().await;
    let (jwt, _, _) = api.session("victim@example.com").await;
    let addr = api.create_address(&jwt, us_address()).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // the reset target is a different account, so that a weird-but-valid password can't lock
    // the victim out of the liveness check
    api.register("resettable@example.com").await;
    let token = pct(&api.reset_token("resettable@example.com").await);
    Ctx {
        api,
        jwt,
        addr,
        token,
    }
}

/// (method, path, needs jwt, fields, a valid body)
fn ops(c: &Ctx) -> Vec<(&'static str, String, bool, Vec<&'static str>, Value)> {
    let addr_fields = vec![
        "first_name",
        "last_name",
        "address1",
        "address2",
        "city",
        "postal_code",
        "phone",
        "company",
        "country_iso",
        "country_code",
        "state_abbr",
        "state_code",
        "state_name",
        "is_default_billing",
        "is_default_shipping",
    ];
    vec![
        (
            "POST",
            "/customers".into(),
            false,
            vec![
                "email",
                "password",
                "password_confirmation",
                "first_name",
                "last_name",
                "phone",
                "accepts_email_marketing",
                "metadata",
            ],
            json!({"email": "fresh@example.com", "password": PASSWORD}),
        ),
        (
            "POST",
            "/auth/login".into(),
            false,
            vec!["provider", "email", "password"],
            json!({"email": "victim@example.com", "password": PASSWORD}),
        ),
        (
            "POST",
            "/auth/refresh".into(),
            false,
            vec!["refresh_token"],
            json!({"refresh_token": "LQgQuH8rdUfM5EEX3L72Jmfv"}),
        ),
        (
            "POST",
            "/auth/logout".into(),
            false,
            vec!["refresh_token"],
            json!({}),
        ),
        (
            "POST",
            "/password_resets".into(),
            false,
            vec!["email", "redirect_url"],
            json!({"email": "victim@example.com"}),
        ),
        (
            "PATCH",
            format!("/password_resets/{}", c.token),
            false,
            vec!["password", "password_confirmation"],
            json!({"password": "short", "password_confirmation": "short"}),
        ),
        (
            "PATCH",
            "/customers/me".into(),
            true,
            vec![
                "first_name",
                "last_name",
                "phone",
                "accepts_email_marketing",
                "metadata",
                "email",
                "password",
                "password_confirmation",
                "current_password",
            ],
            json!({"first_name": "V"}),
        ),
        (
            "POST",
            "/customers/me/addresses".into(),
            true,
            addr_fields.clone(),
            us_address(),
        ),
        (
            "PATCH",
            format!("/customers/me/addresses/{}", c.addr),
            true,
            addr_fields,
            json!({"city": "Queens"}),
        ),
    ]
}

async fn fire(c: &Ctx, m: &str, p: &str, jwt: bool, body: Option<Vec<u8>>, ct: &str) -> Resp {
    let bearer = format!("Bearer {}", c.jwt);
    let mut h = vec![("X-Spree-Api-Key", KEY), ("Content-Type", ct)];
    if jwt {
        h.push(("Authorization", &bearer));
    }
    c.api.raw(m, p, &h, body).await
}

#[tokio::test]
async fn wrong_types_and_huge_strings_per_field() {
    let c = ctx().await;
    for (m, p, jwt, fields, valid) in ops(&c) {
        for f in &fields {
            for w in weird_values() {
                let mut b = valid.clone();
                b[*f] = w.clone();
                let r = fire(
                    &c,
                    m,
                    &p,
                    jwt,
                    Some(serde_json::to_vec(&b).unwrap()),
                    "application/json",
                )
                .await;
                let mut wd = w.to_string();
                wd.truncate(40);
                sane(&r, &format!("{m} {p} {f}={wd}"));
            }
        }
        // every field weird at once, and every field missing
        for w in weird_values() {
            let b: serde_json::Map<String, Value> =
                fields.iter().map(|f| (f.to_string(), w.clone())).collect();
            let r = fire(
                &c,
                m,
                &p,
                jwt,
                Some(serde_json::to_vec(&b).unwrap()),
                "application/json",
            )
            .await;
            sane(
                &r,
                &format!(
                    "{m} {p} all={}",
                    &w.to_string().chars().take(40).collect::<String>()
                ),
            );
        }
    }
    assert_alive(&c).await;
}

#[tokio::test]
async fn non_object_and_broken_bodies() {
    let c = ctx().await;
    let mut deep = "[".repeat(20_000);
    deep.push_str(&"]".repeat(20_000));
    let mut deep_obj = r#"{"a":"#.repeat(5_000);
    deep_obj.push('1');
    deep_obj.push_str(&"}".repeat(5_000));
    let bodies: Vec<Vec<u8>> = vec![
        b"[]".to_vec(),
        b"[1,2,3]".to_vec(),
        br#"[{"email":"victim@example.com","password":"password123"}]"#.to_vec(),
        br#""a string""#.to_vec(),
        b"42".to_vec(),
        b"-0.0e-999".to_vec(),
        b"1e999".to_vec(),
        b"null".to_vec(),
        b"true".to_vec(),
        b"".to_vec(),
        b"   \n\t ".to_vec(),
        b"\0".to_vec(),
        b"\0\0\0\0".to_vec(),
        b"{\"email\":\"a\0b\"}".to_vec(),
        b"{\"email\":\"victim@example.com\"}\0".to_vec(),
        b"\xff\xfe\xfd".to_vec(),
        b"{\"email\":\"\xff\xfe\",\"password\":\"\xc3\x28\"}".to_vec(),
        b"{\"first_name\":\"\xed\xa0\x80\"}".to_vec(), // UTF-8 encoded surrogate
        br#"{"email":"\ud800","password":"\udfff"}"#.to_vec(), // lone surrogate escapes
        b"\xef\xbb\xbf{\"email\":\"victim@example.com\"}".to_vec(), // BOM
        br#"{"email":"a@example.com","email":"b@example.com"}"#.to_vec(),
        br#"{"page":1e999,"limit":-99999999999999999999999}"#.to_vec(),
        deep.into_bytes(),
        deep_obj.into_bytes(),
        vec![b'{'; 50_000],
        "{\"x\":\""
            .bytes()
            .chain(std::iter::repeat_n(b'\\', 10_000))
            .collect(),
    ];
    let mut all_ops: Vec<(&str, String, bool)> = ops(&c)
        .into_iter()
        .map(|(m, p, j, _, _)| (m, p, j))
        .collect();
    all_ops.push((
        "DELETE",
        format!("/customers/me/addresses/{}", c.addr),
        true,
    ));
    all_ops.push(("GET", "/customers/me".into(), true));
    all_ops.push(("GET", "/customers/me/addresses".into(), true));
    for (m, p, jwt) in &all_ops {
        for b in &bodies {
            for ct in [
                "application/json",
                "application/json; charset=iso-8859-1",
                "text/plain",
                "application/x-www-form-urlencoded",
            ] {
                let r = fire(&c, m, p, *jwt, Some(b.clone()), ct).await;
                sane(
                    &r,
                    &format!(
                        "{m} {p} ct={ct} body={:?}",
                        String::from_utf8_lossy(&b[..b.len().min(30)])
                    ),
                );
            }
        }
    }
    assert_alive(&c).await;
}

#[tokio::test]
async fn hostile_paths_queries_and_headers() {
    let c = ctx().await;
    let long = "A".repeat(8_000);
    let paths = [
        "/customers/me/addresses/%FF%FE".to_string(),
        "/customers/me/addresses/%00".to_string(),
        "/customers/me/addresses/..%2F..%2Fcustomers".to_string(),
        "/customers/me/addresses/%E2%80%AE".to_string(),
        format!("/customers/me/addresses/{long}"),
        "/customers/me/addresses?page=abc&limit=xyz".to_string(),
        "/customers/me/addresses?page=0&limit=0".to_string(),
        "/customers/me/addresses?page=-5&limit=-1".to_string(),
        "/customers/me/addresses?page=99999999999999999999999&limit=99999999999999999999"
            .to_string(),
        "/customers/me/addresses?page=9999&limit=100".to_string(),
        "/customers/me/addresses?fields=%00,,,&sort=-nope&q[city_cont]=%FF".to_string(),
        "/customers/me?fields=".to_string(),
        "/customers/me/addresses/".to_string(),
        "//customers/me".to_string(),
    ];
    for p in &paths {
        for m in ["GET", "PATCH", "DELETE"] {
            let body = (m == "PATCH").then(|| b"{}".to_vec());
            let r = fire(&c, m, p, true, body, "application/json").await;
            sane(&r, &format!("{m} {p:.60}"));
        }
    }
    let reset_paths = [
        "/password_resets/%FF%FE%FD".to_string(),
        "/password_resets/%00".to_string(),
        "/password_resets/a%2Fb".to_string(),
        "/password_resets/--".to_string(),
        "/password_resets/%3D%3D--%3D%3D".to_string(),
        format!("/password_resets/{long}"),
        format!(
            "/password_resets/{}--{}",
            "A".repeat(3000),
            "B".repeat(3000)
        ),
    ];
    for p in &reset_paths {
        let r = fire(
            &c,
            "PATCH",
            p,
            false,
            Some(br#"{"password":"abcdefgh","password_confirmation":"abcdefgh"}"#.to_vec()),
            "application/json",
        )
        .await;
        sane(&r, &format!("PATCH {p:.60}"));
        assert_eq!(r.status, 422, "{p:.60}: {}", r.text());
    }
    // header abuse
    let auths = [
        "Bearer ".to_string(),
        "Bearer".to_string(),
        "Bearer ....".to_string(),
        "Bearer eyJ.eyJ.sig".to_string(),
        format!("Bearer {}", "e".repeat(7_000)),
        "Bearer e30.e30.".to_string(),
        "Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.AAAA".to_string(), // payload not JSON
        "Bearer eyJhbGciOiJIUzI1NiJ9.W10.AAAA".to_string(),         // payload []
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9.AAAA".to_string(), // user_id string
        "Basic dXNlcjpwYXNz".to_string(),
    ];
    for a in &auths {
        let r = c
            .api
            .raw(
                "GET",
                "/customers/me",
                &[("X-Spree-Api-Key", KEY), ("Authorization", a)],
                None,
            )
            .await;
        r.assert_error(401, "authentication_required", "Authentication required");
    }
    // non-ASCII header bytes
    for (name, val) in [
        ("x-spree-api-key", &b"pk_\xff\xfe"[..]),
        ("authorization", b"Bearer \xff\xfe.\x80.\x81"),
        ("idempotency-key", b"\xff\xfe\xfd"),
        ("x-spree-currency", b"\xe2\x82\xac\xff"),
        ("content-type", b"application/json; charset=\xff"),
    ] {
        let r = c
            .api
            .http
            .post(c.api.url("/auth/login"))
            .header("X-Spree-Api-Key", KEY)
            .header(name, reqwest::header::HeaderValue::from_bytes(val).unwrap())
            .body(r#"{"email":"victim@example.com","password":"password123"}"#)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let body = r.bytes().await.unwrap().to_vec();
        sane(
            &Resp {
                status,
                headers: Default::default(),
                body,
            },
            &format!("header {name}"),
        );
    }
    let r = c
        .api
        .raw(
            "POST",
            "/auth/login",
            &[
                ("X-Spree-Api-Key", KEY),
                ("X-Spree-Currency", "ZZZ"),
                ("X-Spree-Locale", "xx-YY"),
            ],
            Some(br#"{"email":"victim@example.com","password":"password123"}"#.to_vec()),
        )
        .await;
    r.assert_status(200);
    assert_alive(&c).await;
}

#[tokio::test]
async fn raw_tcp_garbage_does_not_kill_the_server() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let c = ctx().await;
    let host = c.api.mock.uri().trim_start_matches("http://").to_string();
    // HTTP/9.9 may get hyper's own 505; only liveness is checked for it
    let mut s = tokio::net::TcpStream::connect(&host).await.unwrap();
    let _ = s.write_all(b"GET / HTTP/9.9\r\n\r\n").await;
    drop(s);
    let payloads: Vec<Vec<u8>> = vec![
        b"\0\0\0\0\r\n\r\n".to_vec(),
        b"POST /api/v3/store/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{".to_vec(), // short body, then close
        b"POST /api/v3/store/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Spree-Api-Key: pk_test\r\n\r\nZZ\r\n".to_vec(),
        format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(70_000)).into_bytes(),
        b"POST /api/v3/store/auth/login HTTP/1.1\r\nHost: x\r\nX-Spree-Api-Key: pk_test\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n\0\0".to_vec(),
    ];
    for p in payloads {
        if let Ok(mut s) = tokio::net::TcpStream::connect(&host).await {
            let _ = s.write_all(&p).await;
            let _ = s.shutdown().await;
            let mut buf = Vec::new();
            let _ =
                tokio::time::timeout(std::time::Duration::from_secs(5), s.read_to_end(&mut buf))
                    .await;
            let head = String::from_utf8_lossy(&buf[..buf.len().min(15)]).to_string();
            assert!(!head.starts_with("HTTP/1.1 5"), "{head}");
        }
    }
    assert_alive(&c).await;
}

async fn assert_alive(c: &Ctx) {
    c.api
        .login("victim@example.com", PASSWORD)
        .await
        .assert_status(200);
    let bad: Vec<_> = c
        .api
        .mock
        .requests()
        .into_iter()
        .filter(|r| r.status >= 500)
        .collect();
    assert!(bad.is_empty(), "journal shows server errors: {bad:?}");
}

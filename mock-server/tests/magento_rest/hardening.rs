//! Hostile input never yields a 5xx or a panic, every error is a JSON `message`; CORS and the
//! shared control surface (faults, clock, journal, outbox, reset) work as for every backend.

use crate::common::{Resp, send};
use crate::fixture::{Magento, PASSWORD, assert_body, berlin};
use serde_json::{Value, json};
use storefront_mock::Fault;

#[track_caller]
fn sane(r: &Resp, what: &str) {
    assert!(r.status < 500, "{what}: {} {}", r.status, r.text());
    let body: Value = serde_json::from_slice(&r.body).unwrap_or_else(|e| {
        panic!(
            "{what}: {} body is not JSON ({e}): {:?}",
            r.status,
            r.text()
        )
    });
    if r.status >= 400 {
        assert!(body["message"].is_string(), "{what}: no message: {body}");
    }
}

fn weird() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5e300),
        json!(u64::MAX),
        json!(""),
        json!("   "),
        json!([]),
        json!([1, {"a": null}]),
        json!({}),
        json!({"x": [1]}),
        json!("x".repeat(20_000)),
        json!("\u{0}"),
        json!("😀/<script>&"),
        json!("%00%FF/../"),
    ]
}

#[tokio::test]
async fn every_field_of_every_route_takes_any_json_value() {
    let magento = Magento::new().await;
    let token = magento.session("victim@example.com").await;
    let customer = json!({"email": "victim@example.com", "firstname": "V", "lastname": "W", "addresses": [berlin()]});
    let routes: Vec<(&str, &str, Value)> = vec![
        (
            "POST",
            "/rest/default/V1/customers",
            json!({"customer": customer.clone(), "password": PASSWORD, "redirectUrl": ""}),
        ),
        (
            "PUT",
            "/rest/default/V1/customers/me",
            json!({"customer": customer.clone(), "passwordHash": "x"}),
        ),
        (
            "POST",
            "/rest/default/V1/integration/customer/token",
            json!({"username": "victim@example.com", "password": "bad"}),
        ),
        (
            "POST",
            "/rest/default/V1/integration/admin/token",
            json!({"username": "x", "password": "y"}),
        ),
        (
            "PUT",
            "/rest/default/V1/customers/me/password",
            json!({"currentPassword": "x", "newPassword": "y"}),
        ),
        (
            "PUT",
            "/rest/default/V1/customers/password",
            json!({"email": "victim@example.com", "template": "email_reset", "websiteId": 1}),
        ),
        (
            "POST",
            "/rest/default/V1/customers/resetPassword",
            json!({"email": "", "resetToken": "x", "newPassword": "y"}),
        ),
        (
            "POST",
            "/rest/default/V1/customers/isEmailAvailable",
            json!({"customerEmail": "a@b.c", "websiteId": 1}),
        ),
        (
            "PUT",
            "/rest/default/V1/customers/me/activate",
            json!({"confirmationKey": "x"}),
        ),
    ];
    for (method, path, valid) in &routes {
        let mut targets: Vec<Vec<String>> = valid
            .as_object()
            .map(|map| map.keys().map(|key| vec![key.clone()]).collect())
            .unwrap_or_default();
        if valid.get("customer").is_some() {
            for key in [
                "email",
                "firstname",
                "dob",
                "gender",
                "website_id",
                "store_id",
                "addresses",
                "extension_attributes",
            ] {
                targets.push(vec!["customer".into(), key.into()]);
            }
            for key in [
                "street",
                "region",
                "regionId",
                "countryId",
                "defaultBilling",
                "id",
            ] {
                targets.push(vec![
                    "customer".into(),
                    "addresses".into(),
                    "0".into(),
                    key.into(),
                ]);
            }
        }
        for target in &targets {
            for value in weird() {
                let mut body = valid.clone();
                let mut slot = &mut body;
                for step in target {
                    slot = match step.parse::<usize>() {
                        Ok(index) => &mut slot[index],
                        Err(_) => &mut slot[step.as_str()],
                    };
                }
                *slot = value.clone();
                let r = magento.call(method, path, Some(&token), Some(body)).await;
                sane(
                    &r,
                    &format!("{method} {path} {target:?}={:.30}", value.to_string()),
                );
            }
        }
    }
    assert_eq!(magento.me(&token).await.status, 200, "still alive");
}

#[tokio::test]
async fn broken_bodies_content_types_and_paths_get_json_messages() {
    let magento = Magento::new().await;
    let token = magento.session("paths@example.com").await;
    let bearer = format!("Bearer {token}");
    let bodies: Vec<&[u8]> = vec![
        b"{",
        b"[]",
        b"42",
        b"null",
        b"\"s\"",
        b"\xff\xfe",
        b"{\"a\":\"\\ud800\"}",
        b"\0",
        b"   ",
    ];
    for body in bodies {
        for content_type in [
            "application/json",
            "application/json; charset=iso-8859-1",
            "text/plain",
            "application/xml",
            "nonsense; x",
        ] {
            let r = magento
                .raw(
                    "PUT",
                    "/rest/default/V1/customers/me",
                    &[("Authorization", &bearer), ("Content-Type", content_type)],
                    Some(body.to_vec()),
                )
                .await;
            sane(&r, &format!("{content_type} {body:?}"));
            assert_eq!(r.status, 400, "{content_type} {body:?}: {}", r.text());
        }
    }
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/json")],
            Some(b"{".to_vec()),
        )
        .await;
    assert_body(&r, 400, json!({"message": "Decoding error."}));
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/json; charset=latin1")],
            Some(b"{}".to_vec()),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "UTF-8 is the only supported charset."}),
    );
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "text/plain")],
            Some(b"{}".to_vec()),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "Server cannot understand Content-Type HTTP header media type %1", "parameters": ["text/plain"]}),
    );
    for path in [
        "/rest",
        "/rest/",
        "/rest/V1",
        "/rest/default",
        "/rest/default/V1/",
        "/rest/default/V1/customers/me/x",
        "/rest/default/V1/customers/%FF/password/resetLinkToken/%00",
        "/rest/default/V1/customers/abc",
        "/rest/default/V1/customers/-1/password/resetLinkToken/t",
        "/",
        "/api/v3/store/customers/me",
    ] {
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            let r = magento
                .raw(method, path, &[("Authorization", &bearer)], None)
                .await;
            sane(&r, &format!("{method} {path}"));
        }
    }
    let r = magento
        .raw(
            "GET",
            "/rest/default/V1/customers/abc/password/resetLinkToken/t",
            &[],
            None,
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.", "parameters": {"value": "abc", "type": "int"}}),
    );
    let bad: Vec<_> = magento
        .mock
        .requests()
        .into_iter()
        .filter(|r| r.status >= 500)
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[tokio::test]
async fn cors_faults_clock_journal_outbox_and_reset_work_as_for_every_backend() {
    let magento = Magento::new().await;
    let preflight = magento
        .raw(
            "OPTIONS",
            "/rest/default/V1/customers/me",
            &[(
                "Access-Control-Request-Headers",
                "Store, X-ReCaptcha, Authorization",
            )],
            None,
        )
        .await;
    assert_eq!(preflight.status, 204);
    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap_or_default();
    assert!(
        allowed.contains("store")
            && allowed.contains("x-recaptcha")
            && allowed.contains("x-captcha"),
        "{allowed}"
    );

    magento.mock.add_fault(
        Fault::new("POST", "/rest/default/V1/integration/customer/token")
            .times(1)
            .respond(503, "{\"message\":\"down\"}"),
    );
    magento.register("ctl@example.com").await;
    assert_eq!(magento.login("ctl@example.com", PASSWORD).await.status, 503);
    assert_eq!(magento.login("ctl@example.com", PASSWORD).await.status, 200);
    let journal = magento.mock.requests();
    assert_eq!(
        journal.iter().map(|r| r.status).collect::<Vec<_>>(),
        [200, 503, 200]
    );

    let origin = magento.mock.uri();
    let r = send(
        &magento.http,
        "POST",
        &format!("{origin}/__mock/clock"),
        &[],
        Some(br#"{"advance_seconds":10}"#.to_vec()),
    )
    .await;
    assert_eq!(r.status, 200);
    magento
        .call(
            "PUT",
            "/rest/default/V1/customers/password",
            None,
            Some(json!({"email": "ctl@example.com", "template": "email_reset"})),
        )
        .await;
    let r = send(
        &magento.http,
        "GET",
        &format!("{origin}/__mock/outbox?to=ctl@example.com"),
        &[],
        None,
    )
    .await;
    let message = &r.json()["messages"][0];
    assert_eq!(
        (message["kind"].clone(), message["template"].clone()),
        (json!("password_reset"), json!("email_reset"))
    );
    assert!(message["token"].is_string() && message["customer_id"].is_number());
    let r = send(
        &magento.http,
        "POST",
        &format!("{origin}/__mock/config"),
        &[],
        Some(br#"{"magento":{"lockout":{"max_failures":1}}}"#.to_vec()),
    )
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(magento.mock.options().magento.lockout.max_failures, 1);
    magento.mock.reset();
    assert!(magento.mock.outbox().is_empty() && magento.mock.requests().is_empty());
    assert_eq!(
        magento.login("ctl@example.com", PASSWORD).await.status,
        401,
        "customers are gone"
    );
}

#[tokio::test]
async fn hostile_headers_and_raw_garbage_do_not_hurt() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let magento = Magento::new().await;
    let token = magento.session("headers@example.com").await;
    let long = format!("Bearer {}", "e".repeat(7_000));
    for auth in [
        "Bearer",
        "Bearer ",
        "Bearer a b",
        "Basic dXNlcjpwYXNz",
        long.as_str(),
        "Bearer e30.e30.",
        "Bearer eyJhbGciOiJIUzI1NiJ9.W10.AAAA",
    ] {
        let r = magento
            .raw(
                "GET",
                "/rest/default/V1/customers/me",
                &[("Authorization", auth)],
                None,
            )
            .await;
        assert_eq!(r.status, 401, "{auth:.40}");
        sane(&r, auth);
    }
    for (name, value) in [
        ("authorization", &b"Bearer \xff\xfe.\x80.\x81"[..]),
        ("content-type", b"application/json; charset=\xff"),
        ("store", b"\xe2\x82\xac\xff"),
    ] {
        let r = magento
            .http
            .post(format!(
                "{}/rest/default/V1/integration/customer/token",
                magento.mock.uri()
            ))
            .header(
                name,
                reqwest::header::HeaderValue::from_bytes(value).unwrap(),
            )
            .body(r#"{"username":"headers@example.com","password":"Password1"}"#)
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
            name,
        );
    }
    let host = magento.mock.uri().trim_start_matches("http://").to_string();
    for payload in [
        b"\0\0\0\0\r\n\r\n".to_vec(),
        b"POST /rest/V1/integration/customer/token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{".to_vec(),
        b"PUT /rest/V1/customers/me HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n".to_vec(),
        format!("GET /rest/{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(70_000)).into_bytes(),
    ] {
        if let Ok(mut stream) = tokio::net::TcpStream::connect(&host).await {
            let _ = stream.write_all(&payload).await;
            let _ = stream.shutdown().await;
            let mut buf = Vec::new();
            let _ = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read_to_end(&mut buf)).await;
            assert!(!String::from_utf8_lossy(&buf).starts_with("HTTP/1.1 5"));
        }
    }
    assert_eq!(magento.me(&token).await.status, 200, "still alive");
}

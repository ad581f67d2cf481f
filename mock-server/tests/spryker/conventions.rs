//! Spryker Glue conventions (spec §1): JSON:API documents and media types, PHP's escaping,
//! links on the request's host, Glue's own errors (also for the shared layer's), `005`, CORS,
//! the CLI's `--demo-data`, and hostile input that never yields a 5xx.
use crate::glue::*;

use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{MockOptions, SprykerOptions};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_storefront-mock");

#[tokio::test]
async fn responses_are_json_api_with_php_escaping_and_links_on_the_host() {
    let glue = Glue::new().await;
    let email = email("escape");
    let mut attributes = registration(&email);
    attributes["firstName"] = json!("Zoë <b>&'\"");
    let r = send(
        &glue.http,
        "POST",
        &glue.url("/customers"),
        &[("Host", "glue.mysprykershop.com")],
        Some(serde_json::to_vec(&document("customers", attributes)).expect("JSON")),
    )
    .await;
    r.assert_status(201);
    assert_eq!(r.header("content-type").as_deref(), Some(JSON_API));
    let text = r.text();
    assert!(text.is_ascii(), "non-ASCII is escaped: {text}");
    assert!(
        text.contains(r#""firstName":"Zo\u00eb \u003Cb\u003E\u0026\u0027\u0022""#),
        "{text}"
    );
    assert!(
        text.contains(r#""self":"http:\/\/glue.mysprykershop.com\/customers\/DE--"#),
        "{text}"
    );
    assert_eq!(r.attributes()["firstName"], "Zoë <b>&'\"");
}

#[tokio::test]
async fn glues_own_errors_carry_no_code() {
    let glue = Glue::new().await;
    let expect = |r: &Resp, status: u16, detail: &str, status_first: bool| {
        assert_eq!(r.status, status, "{}", r.text());
        let body = if status_first {
            format!(r#"{{"errors":[{{"status":{status},"detail":"{detail}"}}]}}"#)
        } else {
            format!(r#"{{"errors":[{{"detail":"{detail}","status":{status}}}]}}"#)
        };
        assert_eq!(r.text(), body);
        assert_eq!(r.header("content-type").as_deref(), Some(JSON_API));
    };
    for (method, path) in [
        ("GET", "/nope"),
        ("PUT", "/customers/DE--1"),
        ("GET", "/access-tokens"),
        ("GET", "/"),
    ] {
        expect(
            &glue.call(method, path, None, None).await,
            404,
            "Not Found",
            true,
        );
    }
    let url = glue.url("/access-tokens");
    let (http, url) = (&glue.http, url.as_str());
    let raw = |body: &'static str| async move {
        send(
            http,
            "POST",
            url,
            &[("Content-Type", "application/json")],
            Some(body.as_bytes().to_vec()),
        )
        .await
    };
    expect(&raw("{").await, 400, "Post data is invalid.", false);
    expect(&raw("").await, 400, "Post data is invalid.", false);
    expect(
        &raw(r#"{"data":{"type":"access-tokens"}}"#).await,
        400,
        "Post data is invalid.",
        false,
    );
    expect(
        &raw(r#"{"data":{"type":"customers","attributes":{}}}"#).await,
        400,
        "Invalid type.",
        false,
    );
    expect(
        &glue
            .call(
                "PATCH",
                "/customer-restore-password",
                None,
                Some(document("customer-restore-password", json!({}))),
            )
            .await,
        400,
        "Resource id is not specified.",
        false,
    );
    let big = vec![b'x'; 200_000];
    let r = send(&glue.http, "POST", &glue.url("/customers"), &[], Some(big)).await;
    expect(&r, 413, "Content Too Large", true);
}

#[tokio::test]
async fn an_authorization_header_is_checked_even_where_none_is_needed() {
    let glue = Glue::with(SprykerOptions {
        demo_data: true,
        ..SprykerOptions::default()
    })
    .await;
    let r = send(
        &glue.http,
        "POST",
        &glue.url("/access-tokens"),
        &[("Authorization", "Bearer garbage")],
        Some(SEED_003_BODY.as_bytes().to_vec()),
    )
    .await;
    r.assert_error(401, "001", "Invalid access token.");
    assert_eq!(
        r.header("www-authenticate").as_deref(),
        Some("Bearer realm=\"Access to shop API\"")
    );
}

#[tokio::test]
async fn the_anonymous_header_with_a_token_is_005() {
    let glue = Glue::new().await;
    let session = glue.session(&email("anonymous")).await;
    let bearer = format!("Bearer {}", session.access);
    let detail =
        "Headers request error. A user can't act as logged and not logged user at the same time.";
    let r = send(
        &glue.http,
        "GET",
        &glue.url(&format!("/customers/{}", session.reference)),
        &[
            ("Authorization", &bearer),
            ("X-Anonymous-Customer-Unique-Id", "guest-1"),
        ],
        None,
    )
    .await;
    r.assert_error(400, "005", detail);
    assert!(
        r.text()
            .starts_with(r#"{"errors":[{"status":400,"code":"005""#)
    );
    let r = send(
        &glue.http,
        "POST",
        &glue.url("/refresh-tokens"),
        &[
            ("Authorization", &bearer),
            ("X-Anonymous-Customer-Unique-Id", "guest-1"),
        ],
        Some(
            serde_json::to_vec(&document(
                "refresh-tokens",
                json!({"refreshToken": session.refresh}),
            ))
            .expect("JSON"),
        ),
    )
    .await;
    r.assert_error(400, "005", detail);
    let r = send(
        &glue.http,
        "POST",
        &glue.url("/customer-forgotten-password"),
        &[("X-Anonymous-Customer-Unique-Id", "guest-1")],
        Some(
            serde_json::to_vec(&document(
                "customer-forgotten-password",
                json!({"email": "a@b.io"}),
            ))
            .expect("JSON"),
        ),
    )
    .await;
    r.assert_status(204);
}

#[tokio::test]
async fn cors_allows_glues_headers() {
    let glue = Glue::new().await;
    let r = send(
        &glue.http,
        "OPTIONS",
        &glue.url("/access-tokens"),
        &[
            ("Origin", "https://shop.example"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization, content-type, x-anonymous-customer-unique-id",
            ),
        ],
        None,
    )
    .await;
    r.assert_status(204);
    let allowed = r.header("access-control-allow-headers").unwrap_or_default();
    for name in [
        "authorization",
        "content-type",
        "accept-language",
        "x-anonymous-customer-unique-id",
    ] {
        assert!(allowed.contains(name), "{allowed}");
    }
    let r = glue.call("GET", "/nope", None, None).await;
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert!(
        r.header("access-control-expose-headers")
            .unwrap_or_default()
            .contains("WWW-Authenticate")
    );
}

#[tokio::test]
async fn options_change_at_run_time_and_reset_reseeds_the_demo_customer() {
    let glue = Glue::with(SprykerOptions {
        demo_data: true,
        ..SprykerOptions::default()
    })
    .await;
    glue.control(
        "POST",
        "/__mock/config",
        Some(json!({"spryker": {"double_opt_in": true, "access_token_ttl": 60}})),
    )
    .await
    .assert_status(204);
    let email = email("runtime");
    glue.register(&email).await;
    glue.login_response(&email, PASSWORD).await.assert_error(
        403,
        "003",
        "Failed to authenticate user.",
    );
    let sonia = glue.login("sonia@spryker.com", "change123").await;
    assert_eq!(jwt_part(&sonia.access, 1)["exp"], glue.mock.now() + 60);
    glue.mock.reset();
    glue.mock.freeze_clock(true);
    let sonia = glue.login("sonia@spryker.com", "change123").await;
    assert_eq!(sonia.reference, "DE--21");
    glue.login_response(&email, PASSWORD).await.assert_error(
        401,
        "003",
        "Failed to authenticate user.",
    );
    let fresh = glue.register(&self::email("after-reset")).await;
    assert_ne!(fresh, "DE--22", "ids keep counting across resets");
}

/// Values that are not what any attribute expects.
fn weird_values() -> Vec<Value> {
    vec![
        json!(123),
        json!(-1.5e300),
        json!(true),
        json!(false),
        json!(null),
        json!([]),
        json!(["a", 1]),
        json!({}),
        json!({"nested": {"x": [1, {"y": null}]}}),
        json!(""),
        json!("   "),
        json!("x".repeat(20_000)),
        json!("a\u{0}b"),
        json!("😀🇩🇪\u{2028}<script>&amp;"),
        json!("Robert'); DROP TABLE customers;--"),
        json!("%00%FF/../..\\"),
        json!(u64::MAX),
        json!("0"),
    ]
}

#[tokio::test]
async fn hostile_input_never_yields_a_server_error() {
    let glue = Glue::new().await;
    let session = glue.session(&email("victim")).await;
    let address = glue.create_address(&session, berlin()).await.json()["data"]["id"]
        .as_str()
        .expect("uuid")
        .to_owned();
    let reference = session.reference.clone();
    let operations: Vec<(&str, String, &str, Vec<&str>)> = vec![
        (
            "POST",
            "/access-tokens".into(),
            "access-tokens",
            vec!["username", "password"],
        ),
        (
            "POST",
            "/refresh-tokens".into(),
            "refresh-tokens",
            vec!["refreshToken"],
        ),
        (
            "POST",
            "/customers".into(),
            "customers",
            vec![
                "email",
                "salutation",
                "gender",
                "firstName",
                "lastName",
                "password",
                "confirmPassword",
                "acceptedTerms",
                "dateOfBirth",
                "phone",
            ],
        ),
        (
            "PATCH",
            format!("/customers/{reference}"),
            "customers",
            vec![
                "email",
                "salutation",
                "gender",
                "firstName",
                "lastName",
                "dateOfBirth",
                "phone",
                "password",
                "confirmPassword",
            ],
        ),
        (
            "POST",
            format!("/customers/{reference}/addresses"),
            "addresses",
            vec![
                "salutation",
                "firstName",
                "lastName",
                "address1",
                "address2",
                "address3",
                "zipCode",
                "city",
                "iso2Code",
                "company",
                "phone",
                "isDefaultShipping",
                "isDefaultBilling",
                "comment",
            ],
        ),
        (
            "PATCH",
            format!("/customers/{reference}/addresses/{address}"),
            "addresses",
            vec![
                "salutation",
                "address1",
                "zipCode",
                "city",
                "iso2Code",
                "isDefaultShipping",
                "isDefaultBilling",
            ],
        ),
        (
            "POST",
            "/customer-forgotten-password".into(),
            "customer-forgotten-password",
            vec!["email"],
        ),
        (
            "PATCH",
            "/customer-restore-password/x".into(),
            "customer-restore-password",
            vec!["restorePasswordKey", "password", "confirmPassword"],
        ),
        (
            "PATCH",
            format!("/customer-password/{reference}"),
            "customer-password",
            vec!["password", "newPassword", "confirmPassword"],
        ),
        (
            "POST",
            "/customer-confirmation".into(),
            "customer-confirmation",
            vec!["registrationKey"],
        ),
    ];
    let mut checked = 0;
    for (method, path, kind, fields) in &operations {
        for field in fields {
            for value in weird_values() {
                let body = document(kind, json!({ *field: value }));
                let r = glue
                    .call(method, path, Some(&session.access), Some(body))
                    .await;
                assert!(
                    r.status < 500,
                    "{method} {path} {field}={value}: {} {}",
                    r.status,
                    r.text()
                );
                if r.status >= 400 {
                    let errors = r.json()["errors"].clone();
                    assert!(
                        errors.as_array().is_some_and(|e| !e.is_empty()),
                        "{method} {path}: {errors}"
                    );
                }
                checked += 1;
            }
        }
        for raw in [
            &b"\xff\xfe"[..],
            b"null",
            b"[1]",
            b"{\"data\":7}",
            b"{\"data\":{\"type\":7,\"attributes\":{}}}",
            b"{\"data\":{\"type\":\"x\",\"attributes\":\"s\"}}",
        ] {
            let r = send(
                &glue.http,
                method,
                &glue.url(path),
                &[("Authorization", &format!("Bearer {}", session.access))],
                Some(raw.to_vec()),
            )
            .await;
            assert!(
                matches!(r.status, 400 | 422),
                "{method} {path} {raw:?}: {} {}",
                r.status,
                r.text()
            );
        }
    }
    for path in [
        "/customers/%FF%FE",
        "/customers/..%2F..",
        "/refresh-tokens/%00",
        "/customers/DE--1/addresses/%E2%82",
    ] {
        for method in ["GET", "PATCH", "DELETE", "POST"] {
            let r = glue
                .call(method, path, Some(&session.access), Some(json!({})))
                .await;
            assert!(r.status < 500, "{method} {path}: {}", r.status);
        }
    }
    for header in [
        "Bearer",
        "Bearer a.b.c",
        "Basic abc",
        "Bearer eyJhbGciOiJub25lIn0.e30.",
        "😀",
    ] {
        let r = send(
            &glue.http,
            "GET",
            &glue.url("/customers"),
            &[("Authorization", header)],
            None,
        )
        .await;
        assert!(matches!(r.status, 401 | 403), "{header}: {}", r.status);
    }
    assert!(checked > 500);
    // The victim is intact.
    glue.get(&format!("/customers/{reference}"), &session.access)
        .await
        .assert_status(200);
    assert!(
        glue.mock
            .requests()
            .iter()
            .all(|request| request.status < 500)
    );
}

async fn run(args: &[&str]) -> std::process::Output {
    tokio::time::timeout(
        Duration::from_secs(20),
        Command::new(BIN).args(args).kill_on_drop(true).output(),
    )
    .await
    .expect("exits within 20 s")
    .expect("runs")
}

#[tokio::test]
async fn the_cli_seeds_the_demo_customer_and_refuses_demo_data_elsewhere() {
    use std::process::Stdio;
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--backend", "spryker", "--demo-data"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(20), stdout.read_line(&mut line))
        .await
        .expect("first line")
        .expect("read");
    let origin = line
        .trim_end()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_owned();
    let r = send(
        &client(),
        "POST",
        &format!("{origin}/access-tokens"),
        &[],
        Some(SEED_003_BODY.as_bytes().to_vec()),
    )
    .await;
    r.assert_status(201);
    let _ = child.start_kill();
    let out = run(&["--port", "0", "--demo-data"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .ends_with("storefront-mock: --demo-data: the spree backend has no demo data\n")
    );
    let dir = std::env::temp_dir().join(format!("sfm-spryker-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let config = dir.join("bad-key.json");
    std::fs::write(
        &config,
        br#"{"backend":"spryker","spryker":{"private_key_pem":"nope"}}"#,
    )
    .expect("write");
    let out = run(&["--port", "0", "--config", config.to_str().expect("utf-8")]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("spryker.private_key_pem"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn seed_customers_of_the_options_exist_in_spryker_too() {
    let options = MockOptions {
        seed_customers: vec![storefront_mock::SeedCustomer {
            email: "seeded@example.com".into(),
            password: "x".into(),
            first_name: Some("Seed".into()),
            ..Default::default()
        }],
        ..MockOptions::default()
    };
    let glue = Glue::with_options(options).await;
    let session = glue.login("seeded@example.com", "x").await;
    let r = glue
        .get(
            &format!("/customers/{}", session.reference),
            &session.access,
        )
        .await;
    assert_eq!(r.attributes()["firstName"], "Seed");
    assert!(r.attributes().get("lastName").is_none());
}

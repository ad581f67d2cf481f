//! The backend boundary: choosing the backend, nested backend options, and control endpoints
//! that answer in the mock's own neutral JSON whatever the backend.
mod common;
use common::*;

use std::io::ErrorKind;
use std::time::Duration;

use serde_json::json;
use storefront_mock::{MockBackend, MockOptions, MockServer, RateLimitMode};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_storefront-mock");

#[tokio::test]
async fn every_backend_starts_the_same_way_and_spree_is_the_default() {
    let mock = MockServer::start_with(MockOptions::for_backend(MockBackend::Spree))
        .await
        .expect("spree starts");
    assert_eq!(mock.backend(), MockBackend::Spree);
    assert_eq!(mock.api_base(), format!("{}/api/v3/store", mock.uri()));
    assert_eq!(MockServer::start().await.backend(), MockBackend::Spree);
    assert_eq!(MockOptions::default().backend, MockBackend::Spree);
    let magento = MockServer::start_with(MockOptions::for_backend(MockBackend::Magento))
        .await
        .expect("magento starts");
    assert_eq!(magento.backend(), MockBackend::Magento);
    assert_eq!(
        magento.api_base(),
        format!("{}/rest/default", magento.uri())
    );
    let bagisto = MockServer::start_with(MockOptions::for_backend(MockBackend::Bagisto))
        .await
        .expect("bagisto starts");
    assert_eq!(bagisto.backend(), MockBackend::Bagisto);
    assert_eq!(bagisto.api_base(), format!("{}/api/shop", bagisto.uri()));
    for backend in [MockBackend::Spryker] {
        let error = MockServer::start_with(MockOptions::for_backend(backend))
            .await
            .expect_err("not emulated yet");
        assert_eq!(error.kind(), ErrorKind::Unsupported, "{backend}");
        assert_eq!(
            error.to_string(),
            format!("the {backend} backend is not emulated yet")
        );
    }
}

#[tokio::test]
async fn update_options_keeps_the_backend() {
    let api = Api::new().await;
    let mut options = api.mock.options();
    options.backend = MockBackend::Bagisto;
    options.spree.jwt_expiration = 60;
    api.mock.update_options(options);
    assert_eq!(api.mock.backend(), MockBackend::Spree);
    assert_eq!(api.mock.options().spree.jwt_expiration, 60);
}

#[tokio::test]
async fn config_patches_nest_per_backend_and_keep_other_fields() {
    let api = Api::new().await;
    api.control(
        "POST",
        "/__mock/config",
        Some(json!({"spree": {"rate_limit_mode": "enforce", "limits": {"login": 2}}})),
    )
    .await
    .assert_status(204);
    api.control(
        "POST",
        "/__mock/config",
        Some(json!({"publishable_key": "pk_other", "spree": {"jwt_expiration": 60}})),
    )
    .await
    .assert_status(204);
    let options = api.mock.options();
    assert_eq!(options.publishable_key, "pk_other");
    assert_eq!(options.spree.jwt_expiration, 60);
    assert_eq!(options.spree.rate_limit_mode, RateLimitMode::Enforce);
    assert_eq!(options.spree.limits.login, 2);
    assert_eq!(options.spree.limits.register, 3);
    assert_eq!(options.spree.refresh_token_expiry, 2_592_000);
}

#[tokio::test]
async fn flat_spree_keys_unknown_keys_and_a_backend_change_are_refused() {
    let api = Api::new().await;
    let before = api.mock.options();
    let r = api
        .control(
            "POST",
            "/__mock/config",
            Some(json!({"rate_limit_mode": "enforce"})),
        )
        .await;
    r.assert_status(400);
    let v = r.json();
    assert_eq!(v["mock_error"]["code"], "invalid_request");
    let message = v["mock_error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(r#"{"spree":{"rate_limit_mode":…}}"#),
        "the error says where the key goes: {message}"
    );
    for patch in [
        json!({"bogus": 1}),
        json!({"spree": {"bogus": 1}}),
        json!({"backend": "magento"}),
        json!({"backend": "woocommerce"}),
        json!({"magento": {"bogus": 1}}),
    ] {
        let r = api
            .control("POST", "/__mock/config", Some(patch.clone()))
            .await;
        r.assert_status(400);
        assert_eq!(r.json()["mock_error"]["code"], "invalid_request", "{patch}");
    }
    assert!(api.mock.options() == before, "nothing changed");
}

#[tokio::test]
async fn control_errors_are_the_mocks_own_json() {
    let api = Api::new().await;
    let r = api.control("GET", "/__mock/nope", None).await;
    r.assert_status(404);
    assert_json_content_type(&r);
    assert_eq!(
        r.json(),
        json!({"mock_error": {"code": "not_found", "message": "No control endpoint GET /__mock/nope"}})
    );
    let r = api
        .control("POST", "/__mock/addresses/addr_nope/complete_order", None)
        .await;
    r.assert_status(404);
    assert_eq!(
        r.json(),
        json!({"mock_error": {"code": "not_found", "message": "Address not found"}})
    );
    let r = api
        .control(
            "POST",
            "/__mock/faults",
            Some(json!({"path": "/x", "status": 42})),
        )
        .await;
    r.assert_status(400);
    assert_eq!(
        r.json(),
        json!({"mock_error": {"code": "invalid_request", "message": "invalid status 42"}})
    );
    assert!(
        r.header("x-frame-options").is_none(),
        "no backend decoration"
    );
}

#[tokio::test]
async fn complete_order_answers_the_same_over_http_and_from_rust() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("boundary-order")).await;
    let address = api.create_address(&jwt, us_address()).await.json();
    let id = address["id"].as_str().expect("address id").to_owned();
    let r = api
        .control(
            "POST",
            &format!("/__mock/addresses/{id}/complete_order"),
            None,
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json(), json!({"id": id, "ordered": true}));
    assert!(api.mock.mark_address_ordered(&id));
    assert!(!api.mock.mark_address_ordered("addr/../x"));
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
async fn the_cli_refuses_backends_that_are_not_emulated_yet() {
    for backend in ["spryker"] {
        let out = run(&[
            "--port",
            "0",
            "--backend",
            backend,
            "--publishable-key",
            "pk_x",
        ])
        .await;
        assert_eq!(out.status.code(), Some(2), "{backend}");
        assert!(out.stdout.is_empty(), "{backend}: nothing on stdout");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr,
            format!("storefront-mock: the {backend} backend is not emulated yet\n"),
            "one clear line"
        );
    }
    let out = run(&["--port", "0", "--backend", "woocommerce"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown backend `woocommerce`"));
}

/// Spawns the binary and returns it with the origin of its first stdout line.
async fn spawn(args: &[&str]) -> (tokio::process::Child, String) {
    use std::process::Stdio;
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn storefront-mock");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(20), stdout.read_line(&mut line))
        .await
        .expect("first line within 20 s")
        .expect("read stdout");
    let origin = line
        .trim_end()
        .strip_prefix("listening on http://")
        .map(|address| format!("http://{address}"))
        .unwrap_or_else(|| panic!("first stdout line: {line:?}"));
    (child, origin)
}

#[tokio::test]
async fn the_cli_takes_the_backend_from_the_config_file() {
    let dir = std::env::temp_dir().join(format!("sfm-backend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let config = dir.join("config.json");
    std::fs::write(&config, br#"{"backend":"bagisto"}"#).expect("config written");
    let (mut child, origin) = spawn(&[
        "--port",
        "0",
        "--config",
        config.to_str().expect("utf-8 path"),
    ])
    .await;
    let r = send(
        &client(),
        "POST",
        &format!("{origin}/api/shop/customers"),
        &[],
        None,
    )
    .await;
    assert_eq!(r.status, 401, "Bagisto's storefront-key middleware answers");
    assert_eq!(r.json()["error"], "missing_key");
    let _ = child.start_kill();
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_cli_starts_spree_when_asked_by_name() {
    let (mut child, origin) = spawn(&[
        "--port",
        "0",
        "--backend",
        "spree",
        "--publishable-key",
        "pk_cli",
    ])
    .await;
    let r = send(
        &client(),
        "POST",
        &format!("{origin}/api/v3/store/customers"),
        &[
            ("X-Spree-Api-Key", "pk_cli"),
            ("Content-Type", "application/json"),
        ],
        Some(br#"{"email":"cli@example.com","password":"password123"}"#.to_vec()),
    )
    .await;
    r.assert_status(201);
    let _ = child.start_kill();
}

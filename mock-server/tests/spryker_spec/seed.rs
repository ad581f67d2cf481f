//! Seed 003 (Spryker's "Authenticating as a customer" page) verbatim against the demo data
//! (issue 10 §1: `--demo-data` / `demo_data`).
use crate::support::*;

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

/// The request body of seed 003, byte for byte.
const SEED_003_REQUEST: &str = "\n{\n  \"data\": {\n    \"type\": \"access-tokens\",\n    \"attributes\": {\n      \"username\": \"sonia@spryker.com\",\n      \"password\": \"change123\"\n    }\n  }\n}\n";

/// The response of seed 003, in the shape the page documents.
#[track_caller]
fn assert_seed_response(r: &Resp) -> Value {
    let data = r.resource(201, "access-tokens", "/access-tokens");
    assert_eq!(data["id"], Value::Null, "id is null");
    let a = &data["attributes"];
    let keys: Vec<&String> = a.as_object().unwrap().keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "accessToken",
            "expiresIn",
            "idCompanyUser",
            "refreshToken",
            "tokenType"
        ],
        "attributes: {a}"
    );
    assert_eq!(a["tokenType"], "Bearer");
    assert_eq!(a["expiresIn"], json!(28800), "an integer, not a string");
    assert!(a["expiresIn"].is_u64());
    let access = a["accessToken"].as_str().expect("accessToken");
    assert!(
        access.starts_with("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9."),
        "{access}"
    );
    let refresh = a["refreshToken"].as_str().expect("refreshToken");
    assert!(refresh.starts_with("def50200"), "{refresh}");
    assert!(
        refresh.len() >= 2048,
        "refresh token of {} bytes",
        refresh.len()
    );
    assert!(
        a["idCompanyUser"].is_null() || a["idCompanyUser"].is_string(),
        "{a}"
    );
    data
}

#[tokio::test]
async fn seed_003_request_verbatim_logs_in_the_demo_customer() {
    let glue = Glue::demo().await;
    let r = glue
        .raw(
            "POST",
            "/access-tokens",
            &[("Content-Type", JSONAPI)],
            Some(SEED_003_REQUEST.as_bytes().to_vec()),
        )
        .await;
    let data = assert_seed_response(&r);
    let access = data["attributes"]["accessToken"].as_str().unwrap();
    let reference = reference_of(access);
    assert!(reference.starts_with("DE--"), "{reference}");
    let me = glue.get_customer(access, &reference).await;
    let customer = me.resource(200, "customers", &format!("/customers/{reference}"));
    assert_eq!(customer["id"], json!(reference));
    assert_eq!(customer["attributes"]["email"], "sonia@spryker.com");
}

#[tokio::test]
async fn seed_003_request_verbatim_as_plain_json() {
    let glue = Glue::demo().await;
    let r = glue
        .raw(
            "POST",
            "/access-tokens",
            &[("Content-Type", "application/json")],
            Some(SEED_003_REQUEST.as_bytes().to_vec()),
        )
        .await;
    assert_seed_response(&r);
}

#[tokio::test]
async fn without_demo_data_the_demo_customer_does_not_exist() {
    let glue = Glue::new().await;
    let r = glue
        .raw(
            "POST",
            "/access-tokens",
            &[],
            Some(SEED_003_REQUEST.as_bytes().to_vec()),
        )
        .await;
    r.assert_error(401, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn demo_data_changes_no_other_option() {
    let glue = Glue::demo().await;
    // double opt-in stays off: a new customer logs in at once
    let e = email("demo");
    glue.register(&e).await;
    glue.login_ok(&e, PASSWORD).await;
    // the password policy stays the module's: the demo password is refused for new accounts
    let r = glue
        .register_with(with(
            customer(&email("weak")),
            json!({"password": "change123", "confirmPassword": "change123"}),
        ))
        .await;
    r.assert_violations(&[
        &format!("password => {}", too_short(12)),
        &format!("password => {PASSWORD_CLASSES}"),
        &format!("confirmPassword => {}", too_short(12)),
    ]);
    // and the access token lives 8 h
    let (access, _) = glue.login_ok("sonia@spryker.com", "change123").await;
    let claims = decode(&access).claims;
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        28800
    );
}

#[tokio::test]
async fn seed_003_request_verbatim_against_the_binary_with_demo_data_flag() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storefront-mock"))
        .args(["--backend", "spryker", "--demo-data", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn storefront-mock");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(20), stdout.read_line(&mut line))
        .await
        .expect("first line within 20 s")
        .expect("read stdout");
    let origin = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first stdout line: {line:?}"))
        .to_string();
    let r = send(
        &client(),
        "POST",
        &format!("{origin}/access-tokens"),
        &[],
        Some(SEED_003_REQUEST.as_bytes().to_vec()),
    )
    .await;
    assert_seed_response(&r);
    let _ = child.start_kill();
}

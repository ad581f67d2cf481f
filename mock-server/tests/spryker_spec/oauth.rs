//! The OAuth2-compliant alternative `POST /token` (form body; spec §2.2, §2.3;
//! DISCREPANCIES 4: 200 with a plain OAuth body).
use crate::support::*;

use serde_json::{Value, json};

const INVALID_GRANT: &str = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";

fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn token(glue: &Glue, pairs: &[(&str, &str)]) -> Resp {
    glue.raw(
        "POST",
        "/token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(form(pairs)),
    )
    .await
}

/// A 200 OAuth body: exactly the four members.
#[track_caller]
fn assert_oauth_pair(r: &Resp) -> (String, String) {
    r.assert_status(200);
    assert!(
        r.header("content-type")
            .unwrap_or_default()
            .contains("json"),
        "{:?}",
        r.header("content-type")
    );
    let body = r.json();
    let mut keys: Vec<&String> = body.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["access_token", "expires_in", "refresh_token", "token_type"],
        "{body}"
    );
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], json!(28800));
    let access = body["access_token"].as_str().unwrap().to_string();
    let refresh = body["refresh_token"].as_str().unwrap().to_string();
    assert_eq!(decode(&access).header, JWT_HEADER);
    assert!(refresh.starts_with("def50200") && refresh.len() >= 2048);
    (access, refresh)
}

#[track_caller]
fn assert_invalid_grant(r: &Resp) {
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"error": "invalid_grant", "error_description": INVALID_GRANT})
    );
}

#[tokio::test]
async fn password_grant_answers_200_with_a_plain_oauth_body() {
    let glue = Glue::new().await;
    let e = email("oauth");
    let reference = glue.register(&e).await;
    let r = token(
        &glue,
        &[
            ("grant_type", "password"),
            ("username", &e),
            ("password", PASSWORD),
        ],
    )
    .await;
    let (access, refresh) = assert_oauth_pair(&r);
    assert_eq!(reference_of(&access), reference);
    glue.get_customer(&access, &reference)
        .await
        .assert_status(200);
    // the refresh token is the same kind as the JSON:API one
    glue.refresh(&refresh).await.assert_status(201);
}

#[tokio::test]
async fn bad_credentials_and_unsupported_grants_are_invalid_grant() {
    let glue = Glue::new().await;
    let e = email("bad");
    glue.register(&e).await;
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![
            ("grant_type", "password"),
            ("username", &e),
            ("password", "Wrong!Passw0rd"),
        ],
        vec![
            ("grant_type", "password"),
            ("username", "nobody@example.com"),
            ("password", PASSWORD),
        ],
        vec![
            ("grant_type", "client_credentials"),
            ("username", &e),
            ("password", PASSWORD),
        ],
        vec![("grant_type", "authorization_code"), ("code", "abc")],
        vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", "def50200abc"),
        ],
    ];
    for pairs in cases {
        assert_invalid_grant(&token(&glue, &pairs).await);
    }
}

#[tokio::test]
async fn refresh_grant_rotates_like_the_json_api_resource() {
    let glue = Glue::new().await;
    let e = email("rgrant");
    glue.register(&e).await;
    let (_, first) = glue.login_ok(&e, PASSWORD).await;
    let r = token(
        &glue,
        &[("grant_type", "refresh_token"), ("refresh_token", &first)],
    )
    .await;
    let (_, second) = assert_oauth_pair(&r);
    assert_ne!(first, second);
    assert_invalid_grant(
        &token(
            &glue,
            &[("grant_type", "refresh_token"), ("refresh_token", &first)],
        )
        .await,
    );
    glue.refresh(&first)
        .await
        .assert_error(401, "004", REFRESH_FAILED);
    glue.refresh(&second).await.assert_status(201);
}

#[tokio::test]
async fn other_failures_are_oauth_error_bodies() {
    let glue = Glue::new().await;
    for body in [
        Vec::new(),
        b"grant_type=password".to_vec(),
        b"username=a&password=b".to_vec(),
        b"%%%&&&===".to_vec(),
        vec![0xff, 0xfe, b'=', 0x00],
    ] {
        let r = glue
            .raw(
                "POST",
                "/token",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                Some(body.clone()),
            )
            .await;
        assert!(
            (400..500).contains(&r.status),
            "{body:?}: {} {}",
            r.status,
            r.text()
        );
        let v: Value = r.json();
        assert!(v["error"].is_string(), "{v}");
        assert!(v["error_description"].is_string(), "{v}");
    }
}

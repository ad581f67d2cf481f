//! The RS256 access JWT: header, claims, signature, key, expiry on the mock clock, forgeries
//! (spec §3, §1.3, §2.7; issue 10 §1).
use crate::support::*;

use serde_json::{Value, json};
use storefront_mock::{MockBackend, MockOptions, MockServer};

#[tokio::test]
async fn access_token_header_is_exactly_typ_jwt_alg_rs256() {
    let glue = Glue::new().await;
    let s = glue.session("hdr").await;
    assert_eq!(decode(&s.access).header, JWT_HEADER);
}

#[tokio::test]
async fn access_token_claims_follow_the_spec_and_the_mock_clock() {
    let glue = Glue::new().await;
    glue.mock.set_clock(1_900_000_000);
    let s = glue.session("claims").await;
    let c = decode(&s.access).claims;
    assert_eq!(c["aud"], "frontend", "{c}");
    assert!(!c["jti"].as_str().expect("jti string").is_empty(), "{c}");
    assert_eq!(
        c["iat"],
        json!(1_900_000_000),
        "iat is the mock clock, an integer: {c}"
    );
    assert_eq!(c["nbf"], json!(1_900_000_000), "{c}");
    assert_eq!(c["exp"], json!(1_900_000_000 + 28800), "{c}");
    assert_eq!(c["scopes"], json!(["customer"]), "{c}");
    assert!(c["sub"].is_string(), "sub is a JSON-encoded string: {c}");
    let sub = sub(&s.access);
    assert_eq!(sub["customer_reference"], json!(s.reference), "{sub}");
    assert!(sub["id_customer"].is_u64(), "{sub}");
    for key in ["id_company_user", "id_agent", "permissions"] {
        assert!(sub.get(key).is_some(), "sub has {key}: {sub}");
    }
}

#[tokio::test]
async fn customer_references_are_de_numbers_and_distinct() {
    let glue = Glue::new().await;
    let a = glue.session("ref").await;
    let b = glue.session("ref").await;
    for s in [&a, &b] {
        let n = s.reference.strip_prefix("DE--").expect("DE-- prefix");
        assert!(
            !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()),
            "{}",
            s.reference
        );
    }
    assert_ne!(a.reference, b.reference);
    assert_ne!(sub(&a.access)["id_customer"], sub(&b.access)["id_customer"]);
}

#[tokio::test]
async fn access_tokens_verify_rs256_with_the_configured_key() {
    let glue = Glue::with(json!({ "private_key_pem": TEST_KEY_PEM })).await;
    let (n, e) = test_key_public();
    let s = glue.session("rsa").await;
    assert!(verifies_rs256(&s.access, &n, &e), "login token verifies");
    let r = glue.refresh(&s.refresh).await;
    r.assert_status(201);
    let refreshed = r.json()["data"]["attributes"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        verifies_rs256(&refreshed, &n, &e),
        "refreshed token verifies"
    );
    // the check is real: an altered signing input does not verify
    let mut parts: Vec<String> = refreshed.split('.').map(str::to_string).collect();
    parts[1] = b64url(br#"{"aud":"frontend"}"#);
    assert!(!verifies_rs256(&parts.join("."), &n, &e));
    glue.get_customer(&refreshed, &s.reference)
        .await
        .assert_status(200);
}

/// The default key is one embedded key pair: two restarts with the same seed, clock and
/// operations mint byte-identical tokens (RS256 signatures are deterministic, so equal
/// signatures over equal input mean the same key), and a configured key gives other ones.
#[tokio::test]
async fn the_default_key_is_fixed_across_restarts() {
    async fn demo_token(spryker: Value) -> String {
        let mock = MockServer::start_with(MockOptions {
            seed: Some(7),
            ..MockOptions::for_backend(MockBackend::Spryker)
        })
        .await
        .expect("start");
        let glue = Glue {
            mock,
            http: client(),
        };
        glue.configure(spryker).await;
        glue.control("POST", "/__mock/reset", None)
            .await
            .assert_status(204);
        glue.mock.freeze_clock(true);
        glue.mock.set_clock(1_800_000_000);
        glue.login_ok("sonia@spryker.com", "change123").await.0
    }
    let first = demo_token(json!({"demo_data": true})).await;
    let second = demo_token(json!({"demo_data": true})).await;
    let (a, b) = (decode(&first), decode(&second));
    assert_eq!(a.claims, b.claims, "seeded runs mint the same claims");
    assert_eq!(first, second, "the same claims are signed by the same key");
    let own = demo_token(json!({"demo_data": true, "private_key_pem": TEST_KEY_PEM})).await;
    let (n, e) = test_key_public();
    assert!(verifies_rs256(&own, &n, &e));
    assert!(
        !verifies_rs256(&first, &n, &e),
        "the default key is not the test key"
    );
}

#[tokio::test]
async fn access_token_expires_after_8_hours_of_mock_time() {
    let glue = Glue::new().await;
    let s = glue.session("exp").await;
    glue.advance(28800 - 1);
    glue.get_customer(&s.access, &s.reference)
        .await
        .assert_status(200);
    glue.advance(2);
    glue.get_customer(&s.access, &s.reference)
        .await
        .assert_error(401, "001", INVALID_ACCESS_TOKEN);
    // the refresh token outlives it
    glue.refresh(&s.refresh).await.assert_status(201);
}

#[tokio::test]
async fn access_token_ttl_option_sets_expires_in_and_exp() {
    let glue = Glue::with(json!({"access_token_ttl": 60})).await;
    let e = email("ttl");
    let reference = glue.register(&e).await;
    let r = glue.login(&e, PASSWORD).await;
    let data = r.resource(201, "access-tokens", "/access-tokens");
    assert_eq!(data["attributes"]["expiresIn"], json!(60));
    let access = data["attributes"]["accessToken"].as_str().unwrap();
    let c = decode(access).claims;
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 60);
    glue.advance(59);
    glue.get_customer(access, &reference)
        .await
        .assert_status(200);
    glue.advance(2);
    glue.get_customer(access, &reference)
        .await
        .assert_error(401, "001", INVALID_ACCESS_TOKEN);
}

#[tokio::test]
async fn forged_and_altered_tokens_are_invalid() {
    let glue = Glue::new().await;
    let a = glue.session("victim").await;
    let b = glue.session("other").await;
    let pa: Vec<&str> = a.access.split('.').collect();
    let pb: Vec<&str> = b.access.split('.').collect();
    let claims_a = decode(&a.access).claims.to_string();
    let mut flipped = a.access.clone();
    let last = flipped.pop().unwrap();
    flipped.push(if last == 'A' { 'B' } else { 'A' });
    let forged: Vec<(&str, String)> = vec![
        ("garbage", "garbage".to_string()),
        ("three dots", "a.b.c".to_string()),
        ("signature changed", flipped),
        ("payload swapped", format!("{}.{}.{}", pa[0], pb[1], pa[2])),
        ("signature dropped", format!("{}.{}.", pa[0], pa[1])),
        ("two parts", format!("{}.{}", pa[0], pa[1])),
        ("truncated", a.access[..a.access.len() - 10].to_string()),
        (
            "alg none",
            format!(
                "{}.{}.",
                b64url(br#"{"typ":"JWT","alg":"none"}"#),
                b64url(claims_a.as_bytes())
            ),
        ),
        (
            "HS256",
            sign_hs256(r#"{"typ":"JWT","alg":"HS256"}"#, &claims_a, b""),
        ),
        ("another RSA key", sign_with_test_key(JWT_HEADER, &claims_a)),
        ("refresh token as bearer", a.refresh.clone()),
    ];
    for (what, token) in forged {
        let r = glue.get_customer(&token, &a.reference).await;
        assert_eq!(r.status, 401, "{what}: {}", r.text());
        r.assert_error(401, "001", INVALID_ACCESS_TOKEN);
    }
    // the genuine tokens still work
    glue.get_customer(&a.access, &a.reference)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn validly_signed_but_expired_token_is_invalid() {
    let glue = Glue::with(json!({ "private_key_pem": TEST_KEY_PEM })).await;
    let s = glue.session("signed").await;
    let mut claims = decode(&s.access).claims;
    let now = glue.mock.now();
    claims["iat"] = json!(now - 28810);
    claims["nbf"] = json!(now - 28810);
    claims["exp"] = json!(now - 10);
    let expired = sign_with_test_key(JWT_HEADER, &claims.to_string());
    glue.get_customer(&expired, &s.reference)
        .await
        .assert_error(401, "001", INVALID_ACCESS_TOKEN);
}

#[tokio::test]
async fn protected_resources_without_a_token_are_002() {
    let glue = Glue::new().await;
    let s = glue.session("anon").await;
    let r = &s.reference;
    // (method, path, the route's resource type for a body): how the document is checked
    // against the route is not the point here, so each body names the route's own type
    let cases = [
        ("GET", format!("/customers/{r}"), ""),
        ("GET", "/customers".to_string(), ""),
        ("PATCH", format!("/customers/{r}"), "customers"),
        ("GET", format!("/customers/{r}/addresses"), ""),
        ("POST", format!("/customers/{r}/addresses"), "addresses"),
        (
            "PATCH",
            format!("/customer-password/{r}"),
            "customer-password",
        ),
        ("DELETE", format!("/refresh-tokens/{}", s.refresh), ""),
        ("DELETE", "/refresh-tokens/mine".to_string(), ""),
    ];
    for (method, path, kind) in cases {
        let body = (!kind.is_empty()).then(|| doc(kind, json!({})));
        let r = glue.call(method, &path, None, body).await;
        assert_eq!(r.status, 403, "{method} {path}: {}", r.text());
        r.assert_error(403, "002", MISSING_ACCESS_TOKEN);
    }
}

#[tokio::test]
async fn anonymous_header_together_with_a_bearer_token_is_005() {
    let glue = Glue::new().await;
    let s = glue.session("both").await;
    let bearer = format!("Bearer {}", s.access);
    for (method, path) in [
        ("GET", format!("/customers/{}", s.reference)),
        ("GET", format!("/customers/{}/addresses", s.reference)),
        ("DELETE", "/refresh-tokens/mine".to_string()),
    ] {
        let r = glue
            .raw(
                method,
                &path,
                &[
                    ("Authorization", &bearer),
                    ("X-Anonymous-Customer-Unique-Id", "guest-123"),
                ],
                None,
            )
            .await;
        r.assert_error(400, "005", BOTH_HEADERS);
    }
    // the anonymous header alone on a guest call is fine
    let r = glue
        .raw(
            "POST",
            "/access-tokens",
            &[("X-Anonymous-Customer-Unique-Id", "guest-123")],
            Some(
                doc(
                    "access-tokens",
                    json!({"username": s.email, "password": PASSWORD}),
                )
                .to_string()
                .into_bytes(),
            ),
        )
        .await;
    r.assert_status(201);
}

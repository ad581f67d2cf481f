//! Spryker Glue auth (spec §2.2–§2.4, §3, §6, seed 003): the RS256 token pair, rotation,
//! revocation, expiry on the mock clock, the OAuth form, double opt-in and the
//! SecurityBlocker.
use crate::glue::*;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{MockOptions, SprykerOptions, UnconfirmedLoginStatus};
use tokio::sync::Barrier;

fn demo() -> SprykerOptions {
    SprykerOptions {
        demo_data: true,
        ..SprykerOptions::default()
    }
}

#[tokio::test]
async fn seed_003_works_verbatim_with_demo_data() {
    let glue = Glue::with(demo()).await;
    let r = send(
        &glue.http,
        "POST",
        &glue.url("/access-tokens"),
        &[],
        Some(SEED_003_BODY.as_bytes().to_vec()),
    )
    .await;
    r.assert_status(201);
    assert_eq!(r.header("content-type").as_deref(), Some(JSON_API));
    let body = r.json();
    let data = &body["data"];
    assert_eq!(data["type"], "access-tokens");
    assert_eq!(data["id"], Value::Null);
    assert_eq!(
        data["links"]["self"],
        format!("{}/access-tokens", glue.mock.uri())
    );
    let keys: Vec<&String> = data["attributes"]
        .as_object()
        .expect("attributes")
        .keys()
        .collect();
    assert_eq!(
        keys,
        [
            "accessToken",
            "expiresIn",
            "idCompanyUser",
            "refreshToken",
            "tokenType"
        ],
        "seed 003's attributes"
    );
    assert_eq!(data["attributes"]["tokenType"], "Bearer");
    assert_eq!(data["attributes"]["expiresIn"], 28800, "an integer");
    assert_eq!(data["attributes"]["idCompanyUser"], Value::Null);
    let refresh = data["attributes"]["refreshToken"]
        .as_str()
        .expect("refresh");
    assert!(
        refresh.starts_with("def50200") && refresh.len() >= 2048,
        "{}",
        refresh.len()
    );
    let access = data["attributes"]["accessToken"].as_str().expect("access");
    assert_eq!(reference_of(access), "DE--21");
    // The same request without any content type, and as plain JSON.
    for headers in [vec![("Content-Type", "application/json")], vec![]] {
        let again = glue
            .http
            .post(glue.url("/access-tokens"))
            .body(SEED_003_BODY);
        let again = headers
            .iter()
            .fold(again, |request, (name, value)| {
                request.header(*name, *value)
            })
            .send()
            .await
            .expect("sent");
        assert_eq!(again.status().as_u16(), 201);
    }
}

#[tokio::test]
async fn without_demo_data_the_seed_customer_does_not_exist_and_double_opt_in_stays_off() {
    let glue = Glue::new().await;
    glue.login_response("sonia@spryker.com", "change123")
        .await
        .assert_error(401, "003", "Failed to authenticate user.");
    let demo = Glue::with(demo()).await;
    assert!(!demo.mock.options().spryker.double_opt_in);
    let email = email("doi-off");
    demo.register(&email).await;
    demo.login(&email, PASSWORD).await;
    assert!(demo.mock.outbox().is_empty(), "no confirmation mail");
}

#[tokio::test]
async fn access_tokens_are_rs256_jwts_with_a_json_string_sub() {
    let glue = Glue::with(demo()).await;
    let now = glue.mock.now();
    let session = glue.login("sonia@spryker.com", "change123").await;
    let parts: Vec<&str> = session.access.split('.').collect();
    assert_eq!(
        parts[0], "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9",
        "seed 003's header"
    );
    assert_eq!(
        jwt_part(&session.access, 0),
        json!({"typ": "JWT", "alg": "RS256"})
    );
    let claims = jwt_part(&session.access, 1);
    let names: Vec<&String> = claims.as_object().expect("claims").keys().collect();
    assert_eq!(names, ["aud", "exp", "iat", "jti", "nbf", "scopes", "sub"]);
    assert_eq!(claims["aud"], "frontend");
    assert_eq!(claims["scopes"], json!(["customer"]));
    assert_eq!(claims["iat"], now);
    assert_eq!(claims["nbf"], now);
    assert_eq!(claims["exp"], now + 28_800);
    assert_eq!(claims["jti"].as_str().map(str::len), Some(80));
    let sub: Value = serde_json::from_str(claims["sub"].as_str().expect("a string")).expect("JSON");
    assert_eq!(
        sub,
        json!({"id_company_user": null, "id_agent": null, "customer_reference": "DE--21",
               "id_customer": 21, "permissions": null})
    );
    // The signature verifies with the public half of the embedded mock key.
    let pem = include_str!("../../src/backends/spryker/mock-signing-key.pem");
    let der: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD
        .decode(der)
        .expect("base64");
    let pair = ring::rsa::KeyPair::from_pkcs8(&der).expect("key");
    let public: ring::rsa::PublicKeyComponents<Vec<u8>> = pair.public().into();
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[2])
        .expect("signature");
    ring::signature::RsaPublicKeyComponents {
        n: &public.n,
        e: &public.e,
    }
    .verify(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        format!("{}.{}", parts[0], parts[1]).as_bytes(),
        &signature,
    )
    .expect("RS256 signature of the embedded key");
}

#[tokio::test]
async fn a_configured_key_signs_and_a_bad_one_is_refused() {
    let glue = Glue::new().await;
    let session = glue.session(&email("key")).await;
    let r = glue
        .control(
            "POST",
            "/__mock/config",
            Some(json!({"spryker": {"private_key_pem": "not a key"}})),
        )
        .await;
    r.assert_status(400);
    assert!(
        r.json()["mock_error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("private_key_pem")
    );
    glue.get(
        &format!("/customers/{}", session.reference),
        &session.access,
    )
    .await
    .assert_status(200);
    let mut bad = MockOptions::default();
    bad.spryker.private_key_pem =
        Some("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----".into());
    bad.backend = storefront_mock::MockBackend::Spryker;
    let error = storefront_mock::MockServer::start_with(bad)
        .await
        .expect_err("a key that does not parse");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}

#[tokio::test]
async fn access_tokens_expire_on_the_mock_clock_and_are_not_valid_before_iat() {
    let glue = Glue::new().await;
    let session = glue.session(&email("expiry")).await;
    let path = format!("/customers/{}", session.reference);
    glue.mock.advance_clock(Duration::from_secs(28_799));
    glue.get(&path, &session.access).await.assert_status(200);
    glue.mock.advance_clock(Duration::from_secs(1));
    glue.get(&path, &session.access)
        .await
        .assert_error(401, "001", "Invalid access token.");
    let fresh = glue.refresh(&session.refresh).await;
    fresh.assert_status(201);
    let access = fresh.attributes()["accessToken"]
        .as_str()
        .expect("access")
        .to_owned();
    glue.get(&path, &access).await.assert_status(200);
    glue.mock.set_clock(glue.mock.now() - 10);
    glue.get(&path, &access)
        .await
        .assert_error(401, "001", "Invalid access token.");
}

#[tokio::test]
async fn refresh_answers_201_and_rotates() {
    let glue = Glue::new().await;
    let session = glue.session(&email("rotate")).await;
    let r = glue.refresh(&session.refresh).await;
    r.assert_status(201);
    let body = r.json();
    assert_eq!(body["data"]["type"], "refresh-tokens");
    assert_eq!(body["data"]["id"], Value::Null);
    assert_eq!(
        body["data"]["links"]["self"],
        format!("{}/refresh-tokens", glue.mock.uri())
    );
    let attributes = r.attributes();
    assert_eq!(attributes["expiresIn"], 28800);
    let next = attributes["refreshToken"].as_str().expect("refresh");
    assert_ne!(next, session.refresh);
    glue.refresh(&session.refresh)
        .await
        .assert_error(401, "004", "Failed to refresh token.");
    glue.refresh(next).await.assert_status(201);
    let r = glue
        .post(
            "/refresh-tokens",
            "refresh-tokens",
            json!({"refreshToken": ""}),
        )
        .await;
    assert_eq!(
        r.validation_details(),
        ["refreshToken => This value should not be blank."]
    );
}

#[tokio::test]
async fn without_rotation_the_refresh_token_stays_live() {
    let glue = Glue::with(SprykerOptions {
        rotation: false,
        ..SprykerOptions::default()
    })
    .await;
    let session = glue.session(&email("keep")).await;
    glue.refresh(&session.refresh).await.assert_status(201);
    glue.refresh(&session.refresh).await.assert_status(201);
}

#[tokio::test]
async fn refresh_tokens_expire_after_their_ttl() {
    let glue = Glue::with(SprykerOptions {
        refresh_token_ttl: 100,
        access_token_ttl: 60,
        ..SprykerOptions::default()
    })
    .await;
    let session = glue.session(&email("ttl")).await;
    assert_eq!(jwt_part(&session.access, 1)["exp"], glue.mock.now() + 60);
    glue.mock.advance_clock(Duration::from_secs(100));
    glue.refresh(&session.refresh)
        .await
        .assert_error(401, "004", "Failed to refresh token.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_refreshes_of_one_token_yield_exactly_one_201() {
    for round in 0..3 {
        let glue = Arc::new(Glue::new().await);
        let session = glue.session(&email("race")).await;
        let barrier = Arc::new(Barrier::new(20));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let (glue, token, barrier) =
                    (glue.clone(), session.refresh.clone(), barrier.clone());
                tokio::spawn(async move {
                    let http = client();
                    let body = document("refresh-tokens", json!({"refreshToken": token}));
                    barrier.wait().await;
                    send(
                        &http,
                        "POST",
                        &glue.url("/refresh-tokens"),
                        &[],
                        Some(serde_json::to_vec(&body).expect("JSON")),
                    )
                    .await
                })
            })
            .collect();
        let mut winners = Vec::new();
        for task in tasks {
            let r = task.await.expect("task");
            match r.status {
                201 => winners.push(r.attributes()),
                401 => r.assert_error(401, "004", "Failed to refresh token."),
                other => panic!("round {round}: {other} {}", r.text()),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: exactly one 201");
        glue.refresh(winners[0]["refreshToken"].as_str().expect("refresh"))
            .await
            .assert_status(201);
    }
}

#[tokio::test]
async fn revoke_answers_204_always_and_leaves_access_tokens_valid() {
    let glue = Glue::new().await;
    let email = email("revoke");
    let phone = glue.session(&email).await;
    let laptop = glue.login(&email, PASSWORD).await;
    let path = |token: &str| format!("/refresh-tokens/{token}");
    glue.call("DELETE", &path(&phone.refresh), Some(&phone.access), None)
        .await
        .assert_status(204);
    assert!(
        glue.call("DELETE", &path(&phone.refresh), Some(&phone.access), None)
            .await
            .body
            .is_empty()
    );
    glue.call(
        "DELETE",
        &path("def50200nothing"),
        Some(&phone.access),
        None,
    )
    .await
    .assert_status(204);
    glue.refresh(&phone.refresh)
        .await
        .assert_error(401, "004", "Failed to refresh token.");
    glue.refresh(&laptop.refresh).await.assert_status(201);
    glue.get(&format!("/customers/{}", phone.reference), &phone.access)
        .await
        .assert_status(200);
    // `mine` revokes every refresh token of the caller, and only the caller's.
    let other = glue.session(&self::email("bystander")).await;
    let again = glue.login(&email, PASSWORD).await;
    glue.call("DELETE", &path("mine"), Some(&again.access), None)
        .await
        .assert_status(204);
    glue.refresh(&again.refresh)
        .await
        .assert_error(401, "004", "Failed to refresh token.");
    glue.refresh(&other.refresh).await.assert_status(201);
}

#[tokio::test]
async fn revoke_needs_a_valid_access_token() {
    let glue = Glue::new().await;
    let session = glue.session(&email("revoke-auth")).await;
    let path = format!("/refresh-tokens/{}", session.refresh);
    glue.call("DELETE", &path, None, None)
        .await
        .assert_error(403, "002", "Missing access token.");
    glue.call("DELETE", &path, Some("garbage"), None)
        .await
        .assert_error(401, "001", "Invalid access token.");
    glue.mock.advance_clock(Duration::from_secs(28_800));
    glue.call("DELETE", &path, Some(&session.access), None)
        .await
        .assert_error(401, "001", "Invalid access token.");
    let r = glue
        .call("DELETE", "/refresh-tokens", Some(&session.access), None)
        .await;
    r.assert_status(400);
    assert_eq!(
        r.json(),
        json!({"errors": [{"detail": "Resource id is not specified.", "status": 400}]})
    );
}

#[tokio::test]
async fn a_foreign_refresh_token_is_left_alone() {
    let glue = Glue::new().await;
    let owner = glue.session(&email("owner")).await;
    let stranger = glue.session(&email("stranger")).await;
    glue.call(
        "DELETE",
        &format!("/refresh-tokens/{}", owner.refresh),
        Some(&stranger.access),
        None,
    )
    .await
    .assert_status(204);
    glue.refresh(&owner.refresh).await.assert_status(201);
}

#[tokio::test]
async fn login_failures_are_003_and_validation_is_901() {
    let glue = Glue::new().await;
    let email = email("login");
    glue.register(&email).await;
    glue.login_response(&email, "Wrong!password1")
        .await
        .assert_error(401, "003", "Failed to authenticate user.");
    glue.login_response("nobody@example.com", PASSWORD)
        .await
        .assert_error(401, "003", "Failed to authenticate user.");
    glue.login(&email.to_uppercase(), PASSWORD).await;
    let r = glue
        .post(
            "/access-tokens",
            "access-tokens",
            json!({"username": "not-an-email", "password": ""}),
        )
        .await;
    assert_eq!(
        r.validation_details(),
        [
            "username => This value is not a valid email address.",
            "password => This value should not be blank.",
        ]
    );
    let r = glue
        .post("/access-tokens", "access-tokens", json!({}))
        .await;
    assert_eq!(
        r.validation_details(),
        [
            "username => This field is missing.",
            "password => This field is missing."
        ]
    );
}

#[tokio::test]
async fn double_opt_in_refuses_login_until_the_mailed_key_confirms() {
    let glue = Glue::with(SprykerOptions {
        double_opt_in: true,
        ..SprykerOptions::default()
    })
    .await;
    let email = email("doi");
    glue.register(&email).await;
    glue.login_response(&email, PASSWORD).await.assert_error(
        403,
        "003",
        "Failed to authenticate user.",
    );
    glue.login_response(&email, "Wrong!password1")
        .await
        .assert_error(401, "003", "Failed to authenticate user.");
    let key = glue.outbox_token("confirmation", &email);
    assert_eq!(key.len(), 32);
    let confirm = |key: Value| {
        glue.post(
            "/customer-confirmation",
            "customer-confirmation",
            json!({"registrationKey": key}),
        )
    };
    confirm(json!("0"))
        .await
        .assert_error(422, "424", "Token is invalid.");
    confirm(json!("nope")).await.assert_error(
        422,
        "423",
        "This email confirmation code is invalid or has been already used.",
    );
    assert_eq!(
        confirm(json!("")).await.validation_details(),
        ["registrationKey => This value should not be blank."]
    );
    confirm(json!(key)).await.assert_status(204);
    confirm(json!(key)).await.assert_error(
        422,
        "423",
        "This email confirmation code is invalid or has been already used.",
    );
    glue.login(&email, PASSWORD).await;
}

#[tokio::test]
async fn the_unconfirmed_status_can_be_the_codes_401() {
    let glue = Glue::with(SprykerOptions {
        double_opt_in: true,
        unconfirmed_login_status: UnconfirmedLoginStatus::Unauthorized,
        ..SprykerOptions::default()
    })
    .await;
    let email = email("doi-401");
    glue.register(&email).await;
    glue.login_response(&email, PASSWORD).await.assert_error(
        401,
        "003",
        "Failed to authenticate user.",
    );
}

#[tokio::test]
async fn the_security_blocker_answers_4401_after_ten_failures() {
    let glue = Glue::with(SprykerOptions {
        security_blocker: true,
        ..SprykerOptions::default()
    })
    .await;
    let email = email("blocked");
    glue.register(&email).await;
    for _ in 0..10 {
        glue.login_response(&email, "Wrong!password1")
            .await
            .assert_error(401, "003", "Failed to authenticate user.");
    }
    glue.login_response(&email, PASSWORD).await.assert_error(
        429,
        "4401",
        "Too many log in attempts from your address. Please wait 5 minutes before trying again.",
    );
    glue.mock.advance_clock(Duration::from_secs(300));
    glue.login(&email, PASSWORD).await;
}

/// `POST /token` with a form body.
async fn token_form(glue: &Glue, form: &str) -> Resp {
    send(
        &glue.http,
        "POST",
        &glue.url("/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(form.as_bytes().to_vec()),
    )
    .await
}

#[tokio::test]
async fn the_oauth_form_answers_200_with_a_plain_body_and_invalid_grant_400() {
    let glue = Glue::with(demo()).await;
    let r = token_form(
        &glue,
        "grant_type=password&username=sonia%40spryker.com&password=change123",
    )
    .await;
    r.assert_status(200);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    let body = r.json();
    let keys: Vec<&String> = body.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        ["access_token", "expires_in", "refresh_token", "token_type"]
    );
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 28800);
    assert_eq!(
        reference_of(body["access_token"].as_str().expect("access")),
        "DE--21"
    );
    let refresh = body["refresh_token"].as_str().expect("refresh").to_owned();
    let r = token_form(
        &glue,
        &format!("grant_type=refresh_token&refresh_token={refresh}"),
    )
    .await;
    r.assert_status(200);
    let r = token_form(
        &glue,
        &format!("grant_type=refresh_token&refresh_token={refresh}"),
    )
    .await;
    r.assert_status(400);
    assert_eq!(r.json()["error"], "invalid_grant");
    let invalid_grant = json!({
        "error": "invalid_grant",
        "error_description": "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."
    });
    for form in [
        "grant_type=password&username=sonia%40spryker.com&password=wrong",
        "grant_type=client_credentials",
        "",
    ] {
        let r = token_form(&glue, form).await;
        r.assert_status(400);
        assert_eq!(r.json(), invalid_grant, "{form}");
    }
    let r = token_form(&glue, "grant_type=password&username=sonia%40spryker.com").await;
    r.assert_status(400);
    assert_eq!(r.json()["error"], "invalid_request");
}

//! The customer token (spec §4.1, §4.2, issue 8 §5): a bare JSON string; a JWT with
//! Magento's header and claims, 60 minutes on the mock clock; the opaque pre-2.4.4 mode;
//! forged or altered tokens refused with the exact 401 body.
use crate::support::bodies::not_authorized;
use crate::support::*;

use serde_json::{Value, json};

#[tokio::test]
async fn customer_token_is_a_jwt_with_magento_header_and_claims() {
    let shop = Shop::new().await;
    let (token, customer) = shop.customer(&email("jwt")).await;
    let (header, claims) = jwt(&token);
    assert_eq!(header, json!({"kid": "1", "alg": "HS256"}));
    assert_eq!(
        claims,
        json!({"uid": customer["id"], "utypid": 3, "iat": T0, "exp": T0 + 3600})
    );
    assert!(claims["uid"].is_i64(), "uid is an integer: {claims}");
}

#[tokio::test]
async fn customer_token_is_accepted_until_exp_on_the_mock_clock() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("ttl")).await;
    shop.advance(3599).await;
    shop.me(&token).await.ok();
    shop.advance(2).await;
    shop.me(&token).await.assert_error(401, not_authorized());
}

#[tokio::test]
async fn token_lifetime_follows_the_configured_minutes() {
    let shop = Shop::with(options::token_lifetime_minutes(5)).await;
    let (token, _) = shop.customer(&email("ttl5")).await;
    let (_, claims) = jwt(&token);
    assert_eq!(claims["exp"], json!(T0 + 300));
    shop.advance(299).await;
    shop.me(&token).await.ok();
    shop.advance(2).await;
    shop.me(&token).await.assert_error(401, not_authorized());
}

#[tokio::test]
async fn each_login_issues_another_token_and_both_stay_valid() {
    let shop = Shop::new().await;
    let e = email("two");
    shop.register(&e).await;
    let first = shop.token(&e).await;
    shop.advance(1).await;
    let second = shop.token(&e).await;
    assert_ne!(first, second);
    assert_eq!(jwt(&second).1["iat"], json!(T0 + 1));
    shop.me(&first).await.ok();
    shop.me(&second).await.ok();
}

#[tokio::test]
async fn opaque_mode_issues_32_lowercase_alphanumerics_that_work() {
    let shop = Shop::with(options::opaque_tokens()).await;
    let e = email("opaque");
    shop.register(&e).await;
    let token = shop.token(&e).await;
    assert_eq!(token.len(), 32, "{token}");
    assert!(
        token
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
        "[a-z0-9]: {token}"
    );
    assert_eq!(shop.me(&token).await.ok()["email"], json!(e));
    let another = shop.token(&e).await;
    assert_ne!(token, another, "every login gets its own opaque token");
    shop.me(&another).await.ok();
}

#[tokio::test]
async fn opaque_tokens_expire_after_an_hour() {
    let shop = Shop::with(options::opaque_tokens()).await;
    let (token, _) = shop.customer(&email("opaquettl")).await;
    shop.advance(3599).await;
    shop.me(&token).await.ok();
    shop.advance(2).await;
    shop.me(&token).await.assert_error(401, not_authorized());
}

#[tokio::test]
async fn opaque_tokens_are_revoked_like_jwts() {
    let shop = Shop::with(options::opaque_tokens()).await;
    let (token, _) = shop.customer(&email("opaquerevoke")).await;
    assert_eq!(shop.revoke(Some(&token)).await.ok(), json!(true));
    shop.me(&token).await.assert_error(401, not_authorized());
}

/// Variants of a genuine token that must all be refused.
fn forgeries(genuine: &str, victim_id: &Value) -> Vec<(&'static str, String)> {
    let (_, claims) = jwt(genuine);
    let parts: Vec<&str> = genuine.split('.').collect();
    let mut other_uid = claims.clone();
    other_uid["uid"] = victim_id.clone();
    let mut longer = claims.clone();
    longer["exp"] = json!(T0 + 10 * 365 * 86400);
    let mut admin = claims.clone();
    admin["utypid"] = json!(2);
    let mut signature = b64url(parts[2]);
    signature[0] ^= 1;
    let none_header = b64url_encode(br#"{"kid":"1","alg":"none"}"#);
    vec![
        ("uid of another customer", with_claims(genuine, &other_uid)),
        ("exp pushed out", with_claims(genuine, &longer)),
        ("user type changed", with_claims(genuine, &admin)),
        (
            "one signature bit flipped",
            format!("{}.{}.{}", parts[0], parts[1], b64url_encode(&signature)),
        ),
        (
            "alg none, no signature",
            format!("{none_header}.{}.", parts[1]),
        ),
        ("signature dropped", format!("{}.{}.", parts[0], parts[1])),
        ("two parts", format!("{}.{}", parts[0], parts[1])),
        ("garbage", "not-a-token".into()),
        (
            "opaque lookalike",
            "q0u66k8h42yaevtchv09uyy3y9gaj2ap".into(),
        ),
        ("trailing character", format!("{genuine}x")),
    ]
}

#[tokio::test]
async fn forged_and_altered_tokens_get_the_exact_401() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("forger")).await;
    let (_, victim) = shop.customer(&email("victim")).await;
    for (what, forged) in forgeries(&token, &victim["id"]) {
        let r = shop.me(&forged).await;
        assert_eq!(r.status, 401, "{what}: {}", r.text());
        r.assert_error(401, not_authorized());
    }
    shop.me(&token).await.ok();
}

#[tokio::test]
async fn missing_or_malformed_authorization_gets_the_exact_401() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("hdr")).await;
    let basic = format!("Basic {token}");
    let empty = "Bearer ".to_string();
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("Authorization", &token)],
        vec![("Authorization", &basic)],
        vec![("Authorization", &empty)],
    ];
    for headers in cases {
        let r = shop
            .raw("GET", "/rest/default/V1/customers/me", &headers, None)
            .await;
        assert_eq!(r.status, 401, "{headers:?}: {}", r.text());
        r.assert_error(401, not_authorized());
    }
}

#[tokio::test]
async fn an_admin_token_is_not_a_customer_session() {
    let shop = Shop::new().await;
    let admin = shop.admin_token().await;
    let r = shop.me(&admin).await;
    assert_ne!(r.status, 200, "{}", r.text());
    assert!(r.status < 500, "{}", r.text());
    r.assert_message(r.status);
}

#[tokio::test]
async fn an_expired_token_gets_the_exact_401_on_every_self_route() {
    let shop = Shop::new().await;
    let (token, customer) = shop.customer(&email("expired")).await;
    shop.advance(3601).await;
    let routes: Vec<(&str, &str, Option<Value>)> = vec![
        ("GET", "/V1/customers/me", None),
        (
            "PUT",
            "/V1/customers/me",
            Some(json!({"customer": customer})),
        ),
        (
            "PUT",
            "/V1/customers/me/password",
            Some(json!({"currentPassword": PASSWORD, "newPassword": "Another1pass"})),
        ),
        ("GET", "/V1/customers/me/billingAddress", None),
        ("GET", "/V1/customers/me/shippingAddress", None),
        (
            "POST",
            "/V1/integration/customer/revoke-customer-token",
            Some(json!({})),
        ),
    ];
    for (method, path, body) in routes {
        let r = shop.call(method, path, Some(&token), body).await;
        assert_eq!(r.status, 401, "{method} {path}: {}", r.text());
        r.assert_error(401, not_authorized());
    }
}

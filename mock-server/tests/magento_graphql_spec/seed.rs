//! Seed 001 verbatim (`shared/seeds/001_4a0cbe429500037b.txt`, issue 9 §3): Adobe's GraphQL
//! checkout tutorial, step 1. The deprecated `createCustomer` with an inline input object,
//! `generateCustomerToken`, the `Authorization: Bearer` header, and the sign-in check.

use crate::fixture::*;
use base64::Engine as _;
use serde_json::{Value, json};

/// The seed's `createCustomer` request document, byte for byte.
const SEED_CREATE: &str = r#"mutation {
  createCustomer(
    input: {
      firstname: "John"
      lastname: "Doe"
      email: "john.doe@example.com"
      password: "b1b2b3l@w+"
      is_subscribed: true
    }
  ) {
    customer {
      firstname
      lastname
      email
      is_subscribed
    }
  }
}"#;

/// The seed's documented `createCustomer` response.
const SEED_CREATE_RESPONSE: &str = r#"{
  "data": {
    "createCustomer": {
      "customer": {
        "firstname": "John",
        "lastname": "Doe",
        "email": "john.doe@example.com",
        "is_subscribed": true
      }
    }
  }
}"#;

/// The seed's `generateCustomerToken` request document, byte for byte.
const SEED_TOKEN: &str = r#"mutation {
  generateCustomerToken(email: "john.doe@example.com", password: "b1b2b3l@w+") {
    token
  }
}"#;

/// The seed's documented token response; its token is an example (an opaque pre-2.4.4 one).
const SEED_TOKEN_RESPONSE: &str = r#"{
  "data": {
    "generateCustomerToken": {
      "token": "zuo7zor5jfldft2nmu2gtylnm8ui7e8t"
    }
  }
}"#;
const SEED_EXAMPLE_TOKEN: &str = "zuo7zor5jfldft2nmu2gtylnm8ui7e8t";

/// Posts a seed document as the tutorial's GraphQL browser does (`{"query": …}` only).
async fn post_seed(shop: &Shop, document: &str, token: Option<&str>) -> Resp {
    shop.post_graphql(&json!({ "query": document }), token)
        .await
}

/// Runs the seed's two requests; returns the token response.
async fn seed_flow(shop: &Shop) -> Resp {
    let created = post_seed(shop, SEED_CREATE, None).await;
    created.data();
    post_seed(shop, SEED_TOKEN, None).await
}

/// The token of a seed token response, asserting the documented shape with the token
/// replaced: exactly `{"data":{"generateCustomerToken":{"token":T}}}`, key order included.
#[track_caller]
fn seed_token(r: &Resp) -> String {
    let data = r.data();
    let token = data["generateCustomerToken"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("a token string: {data}"))
        .to_owned();
    let expected = compact(SEED_TOKEN_RESPONSE).replace(SEED_EXAMPLE_TOKEN, &token);
    assert_eq!(compact(&r.text()), expected);
    token
}

#[tokio::test]
async fn seed_001_create_customer_returns_exactly_the_documented_response() {
    let shop = Shop::new().await;
    let r = post_seed(&shop, SEED_CREATE, None).await;
    r.data();
    let expected: Value = serde_json::from_str(SEED_CREATE_RESPONSE).unwrap();
    assert_eq!(r.json(), expected);
    // Byte for byte but for insignificant whitespace: key order is the request's.
    assert_eq!(compact(&r.text()), compact(SEED_CREATE_RESPONSE));
}

#[tokio::test]
async fn seed_001_generate_customer_token_returns_the_documented_shape_with_a_jwt() {
    let shop = Shop::new().await;
    let token = seed_token(&seed_flow(&shop).await);
    // 2.4.4+ is the default (DISCREPANCIES.md, Magento REST 7): an HS256 JWT, spec §3.
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWS: {token}");
    let decode = |part: &str| -> Value {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap_or_else(|e| panic!("base64url ({e}): {part}"));
        serde_json::from_slice(&bytes).expect("JSON")
    };
    assert_eq!(decode(parts[0]), json!({"kid": "1", "alg": "HS256"}));
    let claims = decode(parts[1]);
    assert_eq!(claims["utypid"], json!(3), "{claims}");
    assert!(claims["uid"].is_i64(), "{claims}");
    assert_eq!(claims["iat"], json!(T0), "{claims}");
    assert_eq!(claims["exp"], json!(T0 + 3600), "60 minutes: {claims}");
}

#[tokio::test]
async fn seed_001_with_opaque_tokens_returns_a_token_like_the_seeds() {
    let shop = Shop::with(options::opaque_tokens()).await;
    let token = seed_token(&seed_flow(&shop).await);
    assert_eq!(token.len(), SEED_EXAMPLE_TOKEN.len(), "{token}");
    assert!(
        token
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
        "[a-z0-9]: {token}"
    );
    let data = shop.customer("email", Some(&token)).await.data();
    assert_eq!(data["customer"]["email"], "john.doe@example.com");
}

#[tokio::test]
async fn seed_001_token_opens_the_customer_in_a_bearer_header() {
    let shop = Shop::new().await;
    let token = seed_token(&seed_flow(&shop).await);
    let data = shop
        .customer("firstname lastname email is_subscribed", Some(&token))
        .await
        .data();
    assert_eq!(
        data,
        json!({"customer": {"firstname": "John", "lastname": "Doe",
                            "email": "john.doe@example.com", "is_subscribed": true}})
    );
}

#[tokio::test]
async fn seed_001_verify_step_the_customer_signs_in_with_the_seed_password() {
    // "Sign in as a customer … using the email john.doe@example.com and password b1b2b3l@w+":
    // the same store answers REST too.
    let shop = Shop::new().await;
    post_seed(&shop, SEED_CREATE, None).await.data();
    let token = shop.rest_token("john.doe@example.com", "b1b2b3l@w+").await;
    let me = shop.rest_me(&token).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["email"], "john.doe@example.com");
}

#[tokio::test]
async fn seed_001_create_customer_twice_is_the_duplicate_error() {
    let shop = Shop::new().await;
    post_seed(&shop, SEED_CREATE, None).await.data();
    post_seed(&shop, SEED_CREATE, None).await.field_error(
        200,
        &["createCustomer"],
        "graphql-input",
        "A customer with the same email address already exists in an associated website.",
    );
}

//! Tokens: the 2.4.4+ JWT on the mock clock, revocation of every token of the customer, the
//! admin token, the `rest/all` refusal and the routes that need a token.

use crate::common::jwt_parts;
use crate::fixture::{Magento, PASSWORD, assert_body, not_authorized, sign_in_incorrect};
use serde_json::{Value, json};
use storefront_mock::MagentoOptions;

#[tokio::test]
async fn the_token_is_a_bare_string_jwt_of_60_minutes_on_the_mock_clock() {
    let magento = Magento::new().await;
    let customer = magento.register("jwt@example.com").await;
    let now = magento.mock.now();
    let token = magento.token("jwt@example.com").await;
    let (header, claims, signature) = jwt_parts(&token);
    assert_eq!(header, r#"{"kid":"1","alg":"HS256"}"#);
    assert_eq!(
        claims,
        format!(
            r#"{{"uid":{},"utypid":3,"iat":{now},"exp":{}}}"#,
            customer["id"],
            now + 3600
        )
    );
    assert_eq!(signature.len(), 32);
    magento.advance(3599);
    assert_eq!(magento.me(&token).await.status, 200);
    magento.advance(1);
    assert_body(&magento.me(&token).await, 401, not_authorized("self"));
}

#[tokio::test]
async fn revoke_kills_every_token_issued_up_to_its_second() {
    let magento = Magento::new().await;
    magento.register("rev@example.com").await;
    let phone = magento.token("rev@example.com").await;
    let laptop = magento.token("rev@example.com").await;
    let other = magento.session("other@example.com").await;
    magento.advance(2);
    let revoke = "/rest/default/V1/integration/customer/revoke-customer-token";
    let r = magento
        .call("POST", revoke, Some(&phone), Some(json!({})))
        .await;
    assert_eq!((r.status, r.text()), (200, "true".to_owned()));
    for token in [&phone, &laptop] {
        assert_body(&magento.me(token).await, 401, not_authorized("self"));
    }
    assert_eq!(
        magento.me(&other).await.status,
        200,
        "other customers keep theirs"
    );
    assert_body(
        &magento.call("POST", revoke, Some(&phone), None).await,
        401,
        not_authorized("self"),
    );
    // A token issued in the revoke's second dies with it: the one that logs out
    // is dead however new it is (spec §4.3); a login a second later works.
    let fresh = magento.token("rev@example.com").await;
    assert_eq!(
        magento.me(&fresh).await.status,
        401,
        "issued in the same second"
    );
    magento.advance(1);
    let later = magento.token("rev@example.com").await;
    assert_eq!(magento.me(&later).await.status, 200);
    assert_eq!(
        magento
            .call("POST", revoke, Some(&later), None)
            .await
            .status,
        200
    );
    assert_eq!(
        magento.me(&later).await.status,
        401,
        "the revoking token dies"
    );
}

#[tokio::test]
async fn without_the_revoke_route_there_is_no_such_route() {
    let magento = Magento::with(MagentoOptions {
        revoke_route: false,
        ..Default::default()
    })
    .await;
    let token = magento.session("old@example.com").await;
    let r = magento
        .call(
            "POST",
            "/rest/default/V1/integration/customer/revoke-customer-token",
            Some(&token),
            None,
        )
        .await;
    assert_body(
        &r,
        404,
        json!({"message": "Request does not match any route."}),
    );
}

#[tokio::test]
async fn admin_tokens_register_but_do_not_open_self_routes() {
    let magento = Magento::new().await;
    let r = magento
        .call(
            "POST",
            "/rest/V1/integration/admin/token",
            None,
            Some(json!({"username": "admin", "password": "Admin123!"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let admin = r.json().as_str().expect("string").to_owned();
    let (_, claims, _) = jwt_parts(&admin);
    let claims: Value = serde_json::from_str(&claims).expect("claims");
    assert_eq!(
        (claims["uid"].clone(), claims["utypid"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(
        claims["exp"].as_i64(),
        claims["iat"].as_i64().map(|iat| iat + 14_400)
    );
    assert_body(&magento.me(&admin).await, 401, not_authorized("self"));
    let wrong = magento
        .call(
            "POST",
            "/rest/V1/integration/admin/token",
            None,
            Some(json!({"username": "admin", "password": "nope"})),
        )
        .await;
    assert_body(&wrong, 401, sign_in_incorrect());
    // Group ids need the admin; an anonymous registration that sets one is refused.
    let customer = json!({"customer": {"email": "g@example.com", "firstname": "G", "lastname": "H", "group_id": 2}, "password": PASSWORD});
    let r = magento
        .call("POST", "/rest/V1/customers", None, Some(customer.clone()))
        .await;
    assert_body(&r, 401, not_authorized("Magento_Customer::manage"));
    let r = magento
        .call("POST", "/rest/V1/customers", Some(&admin), Some(customer))
        .await;
    assert_eq!((r.status, r.json()["group_id"].clone()), (200, json!(2)));
    let by_id = magento
        .call(
            "GET",
            &format!("/rest/V1/customers/{}", r.json()["id"]),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(by_id.json()["email"], "g@example.com");
    let token = magento.token("g@example.com").await;
    let r = magento
        .call("GET", "/rest/V1/customers/1", Some(&token), None)
        .await;
    assert_body(&r, 401, not_authorized("Magento_Customer::customer"));
}

#[tokio::test]
async fn rest_all_refuses_token_requests_and_rest_v1_is_the_default_store() {
    let magento = Magento::new().await;
    magento.register("scope@example.com").await;
    let body = json!({"username": "scope@example.com", "password": PASSWORD});
    let r = magento
        .call(
            "POST",
            "/rest/all/V1/integration/customer/token",
            None,
            Some(body.clone()),
        )
        .await;
    assert_body(&r, 401, sign_in_incorrect());
    let r = magento
        .call(
            "POST",
            "/rest/V1/integration/customer/token",
            None,
            Some(body.clone()),
        )
        .await;
    assert_eq!(r.status, 200);
    let r = magento
        .call(
            "POST",
            "/rest/nostore/V1/integration/customer/token",
            None,
            Some(body),
        )
        .await;
    assert_body(
        &r,
        404,
        json!({"message": "Request does not match any route."}),
    );
}

#[tokio::test]
async fn self_routes_refuse_missing_garbage_and_foreign_tokens() {
    let magento = Magento::new().await;
    let token = magento.session("acl@example.com").await;
    let forged = {
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        parts[1] = parts[1].replace('Q', "R");
        parts.join(".")
    };
    for auth in [
        None,
        Some("garbage".to_owned()),
        Some(forged),
        Some(format!("{token} extra")),
    ] {
        let r = match &auth {
            Some(value) if value.contains(' ') => {
                let header = format!("Bearer {value}");
                magento
                    .raw(
                        "GET",
                        "/rest/default/V1/customers/me",
                        &[("Authorization", &header)],
                        None,
                    )
                    .await
            }
            _ => magento.me(auth.as_deref().unwrap_or_default()).await,
        };
        assert_body(&r, 401, not_authorized("self"));
    }
    let lower = format!("bearer {token}");
    let r = magento
        .raw(
            "GET",
            "/rest/default/V1/customers/me",
            &[("Authorization", &lower)],
            None,
        )
        .await;
    assert_eq!(r.status, 200, "the scheme is case-insensitive");
}

#[tokio::test]
async fn a_lifetime_of_zero_falls_back_to_30_minutes() {
    let magento = Magento::with(MagentoOptions {
        customer_token_ttl: 0,
        ..Default::default()
    })
    .await;
    let token = magento.session("ttl@example.com").await;
    magento.advance(1799);
    assert_eq!(magento.me(&token).await.status, 200);
    magento.advance(1);
    assert_eq!(magento.me(&token).await.status, 401);
}

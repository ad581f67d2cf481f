//! Login, `POST /api/shop/customer/login`, and the Sanctum token model (spec §2.2, §4, §9).
use crate::support::*;

use serde_json::json;

const DAY: u64 = 86_400;

#[tokio::test]
async fn login_success_is_201_with_the_documented_body() {
    let bag = Bag::new().await;
    let e = email("in");
    let id = id_of(&bag.register(&e).await);
    let r = bag.login(&e, PASSWORD).await;
    r.assert_status(201);
    assert_json_content_type(&r);
    assert_key_order(&r, &LOGIN_KEYS);
    let v = r.json();
    assert_eq!(v["id"], json!(id), "id is the customer id, an integer");
    assert_eq!(v["_id"], json!(id));
    assert_api_token(&v["apiToken"]);
    sanctum_parts(v["token"].as_str().expect("token"));
    assert_eq!(v["success"], true);
    assert_eq!(v["message"], "You have logged in successfully");
}

#[tokio::test]
async fn bad_credentials_are_201_with_the_exact_failure_body() {
    let bag = Bag::new().await;
    let e = email("bad");
    bag.register(&e).await;
    let failure = login_failure("Invalid email or password");
    bag.login(&e, "Wrong123!pass")
        .await
        .assert_201(failure.clone());
    bag.login(&email("nobody"), PASSWORD)
        .await
        .assert_201(failure);
}

#[tokio::test]
async fn login_failure_keys_come_in_the_documented_order() {
    let bag = Bag::new().await;
    let r = bag.login(&email("nobody"), PASSWORD).await;
    assert_key_order(&r, &LOGIN_KEYS);
}

#[tokio::test]
async fn suspended_account_is_told_only_after_a_correct_password() {
    let bag = Bag::new().await;
    let e = email("susp");
    // status, isVerified and isSuspended are client-settable at registration (spec §2.1, §9.6)
    let mut body = minimal(&e);
    body["isSuspended"] = json!(1);
    assert_eq!(bag.register_with(body).await["isSuspended"], json!(1));
    bag.login(&e, PASSWORD)
        .await
        .assert_201(login_failure("Your account has been suspended"));
    bag.login(&e, "Wrong123!pass")
        .await
        .assert_201(login_failure("Invalid email or password"));
}

#[tokio::test]
async fn unverified_accounts_log_in() {
    let bag = Bag::new().await;
    let e = email("unv");
    assert_eq!(bag.register(&e).await["isVerified"], json!(0));
    assert_eq!(bag.login(&e, PASSWORD).await.json()["success"], true);
}

#[tokio::test]
async fn login_validation_failures_are_400_problems() {
    let bag = Bag::new().await;
    bag.post("/customer/login", json!({})).await.assert_problem(
        400,
        "The email field is required. The password field is required.",
    );
    bag.login("not-an-email", PASSWORD)
        .await
        .assert_problem(400, "The email field must be a valid email address.");
    bag.login(&email("short"), "abcde")
        .await
        .assert_problem(400, "The password field must be at least 6 characters.");
    bag.post("/customer/login", json!({"email": email("x")}))
        .await
        .assert_problem(400, "The password field is required.");
}

#[tokio::test]
async fn every_login_adds_a_token_and_earlier_tokens_stay_valid() {
    let bag = Bag::new().await;
    let e = email("many");
    let (_, t0) = bag.session(&e).await;
    let t1 = bag.login_token(&e, PASSWORD).await;
    let t2 = bag.login_token(&e, PASSWORD).await;
    let ids: Vec<u64> = [&t0, &t1, &t2].iter().map(|t| sanctum_parts(t).0).collect();
    assert!(
        ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
        "{ids:?}"
    );
    for t in [&t0, &t1, &t2] {
        bag.profile(Some(t)).await.assert_status(200);
    }
}

#[tokio::test]
async fn the_api_token_is_never_a_credential() {
    let bag = Bag::new().await;
    let e = email("legacy");
    let reg = bag.register(&e).await;
    let login = bag.login(&e, PASSWORD).await.json();
    let id = id_of(&reg);
    for api_token in [&reg["apiToken"], &login["apiToken"]] {
        let api_token = api_token.as_str().unwrap();
        let with_id = format!("{id}|{api_token}");
        for bearer in [api_token, with_id.as_str()] {
            let detail = bag.profile(Some(bearer)).await.assert_problem_any(401);
            assert!(
                detail == "Invalid or expired token" || detail == UNAUTHENTICATED,
                "{detail}"
            );
            bag.logout(Some(bearer))
                .await
                .assert_201(json!({"success": false, "message": UNAUTHENTICATED}));
        }
    }
}

#[tokio::test]
async fn a_token_is_verified_in_full() {
    let bag = Bag::new().await;
    let (id, token) = bag.session(&email("full")).await;
    let (tid, secret) = sanctum_parts(&token);
    let (_, other) = bag.session(&email("other")).await;
    let (_, other_secret) = sanctum_parts(&other);
    let forged = [
        tampered(&token),
        format!("{tid}|{}", &secret[..40]),
        format!("{tid}|{secret}x"),
        format!("{tid}|"),
        format!("{tid}|{other_secret}"),
        format!("{}|{secret}", tid + 1),
        format!("{tid}|{}", secret.to_lowercase()),
    ];
    for bad in forged.iter().filter(|bad| **bad != token) {
        bag.profile(Some(bad))
            .await
            .assert_problem(401, "Invalid or expired token");
        let r = bag
            .call("GET", "/customer-addresses", Some(bad), None)
            .await;
        r.assert_problem_any(401);
        let r = bag
            .update_profile(id, bad, json!({"firstName": "Mallory"}))
            .await;
        r.assert_problem_any(401);
        let logout = bag.logout(Some(bad)).await.json();
        assert_eq!(logout["success"], false, "{bad}: {logout}");
    }
    // the real token survived all of it
    let p = bag.profile(Some(&token)).await;
    p.assert_status(200);
    assert_eq!(p.json()[0]["firstName"], "Ann");
}

#[tokio::test]
async fn tokens_never_expire_by_default() {
    let bag = Bag::new().await;
    let e = email("forever");
    let (_, t0) = bag.session(&e).await;
    let t1 = bag.login_token(&e, PASSWORD).await;
    bag.advance(400 * DAY);
    for t in [&t0, &t1] {
        bag.profile(Some(t)).await.assert_status(200);
    }
    assert_eq!(bag.list_addresses(&t1).await.len(), 0);
}

#[tokio::test]
async fn tokens_expire_with_the_option() {
    let bag = Bag::configured(json!({"token_expiration": 3600})).await;
    let e = email("expiring");
    let (_, t0) = bag.session(&e).await;
    bag.advance(1800);
    let t1 = bag.login_token(&e, PASSWORD).await;
    bag.advance(1799);
    bag.profile(Some(&t0)).await.assert_status(200);
    bag.advance(2);
    bag.profile(Some(&t0))
        .await
        .assert_problem(401, "Invalid or expired token");
    bag.profile(Some(&t1)).await.assert_status(200);
    bag.advance(1800);
    bag.profile(Some(&t1))
        .await
        .assert_problem(401, "Invalid or expired token");
    let logout = bag.logout(Some(&t1)).await.json();
    assert_eq!(logout["success"], false, "{logout}");
    // a fresh login still works
    let t2 = bag.login_token(&e, PASSWORD).await;
    bag.profile(Some(&t2)).await.assert_status(200);
}

#[tokio::test]
async fn verify_tokens_answers_201_either_way() {
    let bag = Bag::new().await;
    let e = email("verify");
    let (id, token) = bag.session(&e).await;
    bag.call("POST", "/verify-tokens", Some(&token), Some(json!({})))
        .await
        .assert_201(json!({
            "id": id, "firstName": "Ann", "lastName": "Lee", "email": e,
            "isValid": true, "message": "Token is valid"
        }));
    let r = bag
        .call(
            "POST",
            "/verify-tokens",
            Some(&tampered(&token)),
            Some(json!({})),
        )
        .await;
    r.assert_status(201);
    let v = r.json();
    assert_eq!(v["isValid"], false, "{v}");
    assert_eq!(v["id"], json!(0), "{v}");
    assert!(v["message"].is_string(), "{v}");
}

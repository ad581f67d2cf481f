//! `POST /refresh-tokens`: a new pair, rotation, the rotation race, expiry on the mock clock
//! (spec §2.3, §3; issue 10 §4).
use crate::support::*;

use std::sync::Arc;

use serde_json::{Value, json};
use tokio::sync::Barrier;

#[tokio::test]
async fn refresh_answers_201_with_a_new_pair() {
    let glue = Glue::new().await;
    let s = glue.session("refresh").await;
    glue.advance(60);
    let r = glue.refresh(&s.refresh).await;
    let data = r.resource(201, "refresh-tokens", "/refresh-tokens");
    assert_eq!(data["id"], Value::Null);
    let a = &data["attributes"];
    assert_eq!(a["tokenType"], "Bearer");
    assert_eq!(a["expiresIn"], json!(28800));
    let access = a["accessToken"].as_str().expect("accessToken");
    let refresh = a["refreshToken"].as_str().expect("refreshToken");
    assert_ne!(access, s.access, "a new access token");
    assert_ne!(refresh, s.refresh, "a new refresh token");
    assert!(refresh.starts_with("def50200") && refresh.len() >= 2048);
    assert!(a.get("idCompanyUser").is_some(), "{a}");
    let c = decode(access).claims;
    assert_eq!(c["iat"], json!(glue.mock.now()));
    assert_eq!(reference_of(access), s.reference);
    glue.get_customer(access, &s.reference)
        .await
        .assert_status(200);
    // the new refresh token works in turn
    glue.refresh(refresh).await.assert_status(201);
}

#[tokio::test]
async fn refresh_tokens_are_opaque_hex_blobs_of_at_least_2_kb() {
    let glue = Glue::new().await;
    let a = glue.session("blob").await;
    let b = glue.session("blob").await;
    for t in [&a.refresh, &b.refresh] {
        assert!(t.starts_with("def50200"), "{t}");
        assert!(t.len() >= 2048, "{} bytes", t.len());
        assert!(t.bytes().all(|c| c.is_ascii_hexdigit()), "hex: {t}");
    }
    assert_ne!(a.refresh, b.refresh);
}

#[tokio::test]
async fn a_used_refresh_token_is_dead_rotation() {
    let glue = Glue::new().await;
    let s = glue.session("rotate").await;
    let r = glue.refresh(&s.refresh).await;
    r.assert_status(201);
    let newer = r.json()["data"]["attributes"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    glue.refresh(&s.refresh)
        .await
        .assert_error(401, "004", REFRESH_FAILED);
    // a replay of the old token does not spoil the new one
    glue.refresh(&newer).await.assert_status(201);
}

#[tokio::test]
async fn rotation_off_keeps_the_used_refresh_token_alive() {
    let glue = Glue::with(json!({"rotation": false})).await;
    let s = glue.session("norotate").await;
    glue.refresh(&s.refresh).await.assert_status(201);
    glue.refresh(&s.refresh).await.assert_status(201);
}

#[tokio::test]
async fn unknown_and_empty_refresh_tokens() {
    let glue = Glue::new().await;
    let s = glue.session("bad").await;
    let mut altered = s.refresh.clone();
    altered.replace_range(
        100..101,
        if &s.refresh[100..101] == "a" {
            "b"
        } else {
            "a"
        },
    );
    for token in [
        "def50200".to_string(),
        "nonsense".to_string(),
        format!("def50200{}", "0".repeat(3000)),
        altered,
        s.access.clone(),
    ] {
        glue.refresh(&token)
            .await
            .assert_error(401, "004", REFRESH_FAILED);
    }
    glue.refresh("")
        .await
        .assert_violations(&[&format!("refreshToken => {NOT_BLANK}")]);
    // the genuine token is untouched by the failures
    glue.refresh(&s.refresh).await.assert_status(201);
}

#[tokio::test]
async fn refresh_token_expires_after_a_month_of_mock_time() {
    let glue = Glue::new().await;
    let e = email("month");
    glue.register(&e).await;
    let (_, early) = glue.login_ok(&e, PASSWORD).await;
    let (_, late) = glue.login_ok(&e, PASSWORD).await;
    glue.advance(2_628_000 - 10);
    glue.refresh(&early).await.assert_status(201);
    glue.advance(20);
    glue.refresh(&late)
        .await
        .assert_error(401, "004", REFRESH_FAILED);
}

#[tokio::test]
async fn refresh_token_ttl_option() {
    let glue = Glue::with(json!({"refresh_token_ttl": 100})).await;
    let e = email("short");
    glue.register(&e).await;
    let (_, early) = glue.login_ok(&e, PASSWORD).await;
    let (_, late) = glue.login_ok(&e, PASSWORD).await;
    glue.advance(90);
    glue.refresh(&early).await.assert_status(201);
    glue.advance(20);
    glue.refresh(&late)
        .await
        .assert_error(401, "004", REFRESH_FAILED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_refreshes_of_one_token_yield_exactly_one_201() {
    let glue = Arc::new(Glue::new().await);
    for round in 0..5 {
        let s = glue.session("race").await;
        let barrier = Arc::new(Barrier::new(20));
        let mut tasks = vec![];
        for _ in 0..20 {
            let (glue, token, barrier) = (glue.clone(), s.refresh.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                // a fresh client per task: 20 separate connections
                let http = client();
                let body = doc("refresh-tokens", json!({ "refreshToken": token }));
                barrier.wait().await;
                send(
                    &http,
                    "POST",
                    &glue.url("/refresh-tokens"),
                    &[],
                    Some(body.to_string().into_bytes()),
                )
                .await
            }));
        }
        let mut winners = vec![];
        for task in tasks {
            let r = task.await.unwrap();
            match r.status {
                201 => winners.push(r.json()),
                401 => r.assert_error(401, "004", REFRESH_FAILED),
                s => panic!("round {round}: unexpected {s}: {}", r.text()),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: exactly one refresh wins");
        let token = winners[0]["data"]["attributes"]["refreshToken"]
            .as_str()
            .unwrap();
        glue.refresh(token).await.assert_status(201);
    }
}

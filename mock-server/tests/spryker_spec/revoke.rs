//! `DELETE /refresh-tokens/{token}` and `/refresh-tokens/mine` (spec §2.4, §3).
use crate::support::*;

async fn revoke(glue: &Glue, access: &str, id: &str) -> Resp {
    glue.call(
        "DELETE",
        &format!("/refresh-tokens/{id}"),
        Some(access),
        None,
    )
    .await
}

#[tokio::test]
async fn revoking_a_refresh_token_answers_204_and_kills_it() {
    let glue = Glue::new().await;
    let s = glue.session("revoke").await;
    revoke(&glue, &s.access, &s.refresh)
        .await
        .assert_no_content();
    glue.refresh(&s.refresh)
        .await
        .assert_error(401, "004", REFRESH_FAILED);
}

#[tokio::test]
async fn revoke_answers_204_whether_or_not_anything_was_revoked() {
    let glue = Glue::new().await;
    let s = glue.session("always").await;
    for id in [
        "unknown".to_string(),
        format!("def50200{}", "ab".repeat(1100)),
        "mine".to_string(),
    ] {
        revoke(&glue, &s.access, &id).await.assert_no_content();
    }
    // twice in a row, the second time with nothing left to revoke
    let (access, refresh) = glue.login_ok(&s.email, PASSWORD).await;
    revoke(&glue, &access, &refresh).await.assert_no_content();
    revoke(&glue, &access, &refresh).await.assert_no_content();
}

#[tokio::test]
async fn revoke_without_a_token_is_002_and_revokes_nothing() {
    let glue = Glue::new().await;
    let s = glue.session("notoken").await;
    for id in [s.refresh.as_str(), "mine"] {
        glue.call("DELETE", &format!("/refresh-tokens/{id}"), None, None)
            .await
            .assert_error(403, "002", MISSING_ACCESS_TOKEN);
    }
    glue.refresh(&s.refresh).await.assert_status(201);
}

#[tokio::test]
async fn revoke_with_an_invalid_or_expired_token_is_001_and_revokes_nothing() {
    let glue = Glue::new().await;
    let s = glue.session("badtoken").await;
    for id in [s.refresh.as_str(), "mine"] {
        revoke(&glue, "not-a-jwt", id)
            .await
            .assert_error(401, "001", INVALID_ACCESS_TOKEN);
    }
    glue.advance(28801);
    for id in [s.refresh.as_str(), "mine"] {
        revoke(&glue, &s.access, id)
            .await
            .assert_error(401, "001", INVALID_ACCESS_TOKEN);
    }
    // the spec's logout recipe for an expired access token: refresh, then revoke the new token
    let r = glue.refresh(&s.refresh).await;
    r.assert_status(201);
    let a = &r.json()["data"]["attributes"];
    let (access, refresh) = (
        a["accessToken"].as_str().unwrap().to_string(),
        a["refreshToken"].as_str().unwrap().to_string(),
    );
    revoke(&glue, &access, &refresh).await.assert_no_content();
    glue.refresh(&refresh)
        .await
        .assert_error(401, "004", REFRESH_FAILED);
}

#[tokio::test]
async fn access_token_stays_valid_until_exp_after_revocation() {
    let glue = Glue::new().await;
    let s = glue.session("stays").await;
    revoke(&glue, &s.access, &s.refresh)
        .await
        .assert_no_content();
    revoke(&glue, &s.access, "mine").await.assert_no_content();
    glue.get_customer(&s.access, &s.reference)
        .await
        .assert_status(200);
    glue.advance(28800 - 1);
    glue.get_customer(&s.access, &s.reference)
        .await
        .assert_status(200);
    glue.advance(2);
    glue.get_customer(&s.access, &s.reference)
        .await
        .assert_error(401, "001", INVALID_ACCESS_TOKEN);
}

#[tokio::test]
async fn mine_revokes_every_refresh_token_of_the_caller_only() {
    let glue = Glue::new().await;
    let s = glue.session("mine").await;
    let (_, second) = glue.login_ok(&s.email, PASSWORD).await;
    let r = glue.refresh(&second).await;
    r.assert_status(201);
    let third = r.json()["data"]["attributes"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    let other = glue.session("bystander").await;
    revoke(&glue, &s.access, "mine").await.assert_no_content();
    for token in [&s.refresh, &third] {
        glue.refresh(token)
            .await
            .assert_error(401, "004", REFRESH_FAILED);
    }
    glue.refresh(&other.refresh).await.assert_status(201);
    // a login afterwards gets a working pair again
    let (_, fresh) = glue.login_ok(&s.email, PASSWORD).await;
    glue.refresh(&fresh).await.assert_status(201);
}

#[tokio::test]
async fn revoking_one_token_leaves_the_callers_other_tokens_alive() {
    let glue = Glue::new().await;
    let s = glue.session("one").await;
    let (_, second) = glue.login_ok(&s.email, PASSWORD).await;
    revoke(&glue, &s.access, &s.refresh)
        .await
        .assert_no_content();
    glue.refresh(&second).await.assert_status(201);
}

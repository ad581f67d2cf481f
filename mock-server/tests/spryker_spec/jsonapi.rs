//! JSON:API conventions over every operation: the media type, resource objects with
//! `links.self`, collections with top-level `links`, 201/200/204 by method, plain JSON accepted on
//! requests (spec §1.1, §1.2, §9; DISCREPANCIES 1).
use crate::support::*;

use serde_json::{Value, json};

/// Sends `body` with `Content-Type: content_type` and a bearer token.
async fn send_as(
    glue: &Glue,
    content_type: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> Resp {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", content_type)];
    if let Some(b) = &bearer {
        headers.push(("Authorization", b));
    }
    glue.raw(method, path, &headers, Some(body.to_string().into_bytes()))
        .await
}

/// The whole account lifecycle with request bodies of `content_type`; every answer checked.
async fn lifecycle(content_type: &str) {
    let glue = Glue::new().await;
    let e = email("life");
    let r = send_as(
        &glue,
        content_type,
        "POST",
        "/customers",
        None,
        doc("customers", customer(&e)),
    )
    .await;
    let reference = r.json()["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let me = format!("/customers/{reference}");
    r.resource(201, "customers", &me);

    let login = doc(
        "access-tokens",
        json!({"username": e, "password": PASSWORD}),
    );
    let r = send_as(&glue, content_type, "POST", "/access-tokens", None, login).await;
    let a = r.resource(201, "access-tokens", "/access-tokens")["attributes"].clone();
    let refresh = doc("refresh-tokens", json!({"refreshToken": a["refreshToken"]}));
    let r = send_as(
        &glue,
        content_type,
        "POST",
        "/refresh-tokens",
        None,
        refresh,
    )
    .await;
    let a = r.resource(201, "refresh-tokens", "/refresh-tokens")["attributes"].clone();
    let access = a["accessToken"].as_str().unwrap().to_string();
    let t = Some(access.as_str());

    glue.call("GET", &me, t, None)
        .await
        .resource(200, "customers", &me);
    let patch = doc_id("customers", &reference, json!({"firstName": "Anna"}));
    send_as(&glue, content_type, "PATCH", &me, t, patch)
        .await
        .resource(200, "customers", &me);
    let items = glue
        .call("GET", "/customers", t, None)
        .await
        .collection("customers", "/customers");
    assert_eq!(items.len(), 1);

    let addresses = format!("{me}/addresses");
    let r = send_as(
        &glue,
        content_type,
        "POST",
        &addresses,
        t,
        doc("addresses", address()),
    )
    .await;
    let id = r.json()["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let one = format!("{addresses}/{id}");
    r.resource(201, "addresses", &one);
    glue.call("GET", &one, t, None)
        .await
        .resource(200, "addresses", &one);
    let patch = doc_id("addresses", &id, json!({"city": "Hamburg"}));
    send_as(&glue, content_type, "PATCH", &one, t, patch)
        .await
        .resource(200, "addresses", &one);
    assert_eq!(
        glue.call("GET", &addresses, t, None)
            .await
            .collection("addresses", &addresses)
            .len(),
        1
    );
    glue.call("DELETE", &one, t, None).await.assert_no_content();

    let change = doc_id(
        "customer-password",
        &reference,
        json!({"password": PASSWORD, "newPassword": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}),
    );
    send_as(
        &glue,
        content_type,
        "PATCH",
        &format!("/customer-password/{reference}"),
        t,
        change,
    )
    .await
    .assert_no_content();
    let forgot = doc("customer-forgotten-password", json!({ "email": e }));
    send_as(
        &glue,
        content_type,
        "POST",
        "/customer-forgotten-password",
        None,
        forgot,
    )
    .await
    .assert_no_content();
    let key = glue
        .outbox("password_reset", &e)
        .last()
        .unwrap()
        .token
        .clone();
    let restore = doc_id(
        "customer-restore-password",
        &key,
        json!({"restorePasswordKey": key, "password": PASSWORD, "confirmPassword": PASSWORD}),
    );
    send_as(
        &glue,
        content_type,
        "PATCH",
        &format!("/customer-restore-password/{key}"),
        None,
        restore,
    )
    .await
    .assert_no_content();
    glue.call("DELETE", "/refresh-tokens/mine", t, None)
        .await
        .assert_no_content();
}

#[tokio::test]
async fn every_operation_answers_json_api_with_vnd_api_json_requests() {
    lifecycle(JSONAPI).await;
}

#[tokio::test]
async fn plain_application_json_is_accepted_on_every_request() {
    lifecycle("application/json").await;
}

#[tokio::test]
async fn error_documents_are_json_api_with_string_codes() {
    let glue = Glue::new().await;
    let r = glue.get_customer("nope", "DE--1").await;
    r.assert_error(401, "001", INVALID_ACCESS_TOKEN);
    let raw = r.text();
    assert!(
        raw.contains(r#""code":"001""#),
        "code is a string with its zeros: {raw}"
    );
    assert!(
        raw.contains(r#""status":401"#),
        "status is an integer: {raw}"
    );
    let r = glue.login("nobody@example.com", PASSWORD).await;
    r.assert_error(401, "003", LOGIN_FAILED);
    let r = glue.call("GET", "/customers/DE--1", None, None).await;
    r.assert_error(403, "002", MISSING_ACCESS_TOKEN);
}

#[tokio::test]
async fn login_failures_are_003_and_validation_901() {
    let glue = Glue::new().await;
    let e = email("login");
    glue.register(&e).await;
    glue.login(&e, "Wrong!Passw0rd")
        .await
        .assert_error(401, "003", LOGIN_FAILED);
    glue.login(&email("ghost"), PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
    glue.login("", PASSWORD)
        .await
        .assert_violations(&[&format!("username => {NOT_BLANK}")]);
    glue.login(&e, "")
        .await
        .assert_violations(&[&format!("password => {NOT_BLANK}")]);
    glue.login("not-an-email", PASSWORD)
        .await
        .assert_violations(&[&format!("username => {NOT_EMAIL}")]);
    glue.login("", "").await.assert_violations(&[
        &format!("username => {NOT_BLANK}"),
        &format!("password => {NOT_BLANK}"),
    ]);
    glue.login_ok(&e, PASSWORD).await;
}

//! `POST /customers`: 201 without a token, and every catalogue error registration can produce
//! (spec §2.1, §1.4, §5, §7; `customers.validation.yaml`).
use crate::support::*;

use serde_json::{Value, json};

/// A syntactically valid email of exactly `len` characters (labels stay ≤ 63).
fn email_of_len(len: usize) -> String {
    let domain = format!("@{}.com", "x".repeat(60));
    format!("{}{domain}", "s".repeat(len - domain.len()))
}

#[tokio::test]
async fn registration_answers_201_with_the_customer_and_no_token() {
    let glue = Glue::new().await;
    let e = email("reg");
    let r = glue
        .register_with(with(
            customer(&e),
            json!({"dateOfBirth": "1990-01-15", "phone": "+49 30 123"}),
        ))
        .await;
    r.assert_status(201);
    let reference = r.json()["data"]["id"].as_str().expect("id").to_string();
    let data = r.resource(201, "customers", &format!("/customers/{reference}"));
    assert!(reference.starts_with("DE--"), "{reference}");
    let a = &data["attributes"];
    assert_eq!(a["salutation"], "Mrs");
    assert_eq!(a["firstName"], "Sonia");
    assert_eq!(a["lastName"], "Wagner");
    assert_eq!(a["gender"], "Female");
    assert_eq!(a["email"], json!(e));
    assert_eq!(a["dateOfBirth"], "1990-01-15");
    assert_eq!(a["phone"], "+49 30 123");
    assert!(
        a["createdAt"].is_string() && a["updatedAt"].is_string(),
        "{a}"
    );
    for secret in ["accessToken", "refreshToken", "password"] {
        assert!(a.get(secret).is_none(), "no {secret}: {a}");
    }
    assert!(
        a.get("confirmPassword").is_none_or(Value::is_null),
        "confirmPassword is null when present: {a}"
    );
    // no token was issued: the customer logs in afterwards
    let (access, _) = glue.login_ok(&e, PASSWORD).await;
    assert_eq!(reference_of(&access), reference);
}

#[tokio::test]
async fn duplicate_email_is_code_400_with_http_422_case_insensitively() {
    let glue = Glue::new().await;
    let e = email("dup");
    glue.register(&e).await;
    for again in [e.clone(), e.to_uppercase()] {
        glue.register_with(customer(&again))
            .await
            .assert_error(422, "400", DUPLICATE_CURRENT);
    }
}

#[tokio::test]
async fn duplicate_email_legacy_wording_option() {
    let glue = Glue::with(json!({"duplicate_email_message": "legacy"})).await;
    let e = email("legacy");
    glue.register(&e).await;
    glue.register_with(customer(&e))
        .await
        .assert_error(422, "400", DUPLICATE_LEGACY);
}

#[tokio::test]
async fn passwords_that_differ_are_406_with_http_422() {
    let glue = Glue::new().await;
    let e = email("differ");
    let r = glue
        .register_with(with(customer(&e), json!({"confirmPassword": NEW_PASSWORD})))
        .await;
    r.assert_error(422, "406", PASSWORDS_DIFFER);
    glue.login(&e, PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn email_longer_than_100_characters_is_417() {
    let glue = Glue::new().await;
    let at_limit = email_of_len(100);
    assert_eq!(at_limit.len(), 100);
    glue.register(&at_limit).await;
    glue.register_with(customer(&email_of_len(101)))
        .await
        .assert_error(
            422,
            "417",
            "Email is too long. It should have 100 characters or less.",
        );
}

#[tokio::test]
async fn invalid_email_is_refused_as_901_or_416() {
    let glue = Glue::new().await;
    for bad in ["not-an-email", "sonia@", "@acme.com", "so nia@acme.com"] {
        let r = glue.register_with(customer(bad)).await;
        r.assert_one_error_of(&[
            (422, "901", &format!("email => {NOT_EMAIL}")),
            (422, "416", "Invalid Email address format."),
        ]);
    }
}

#[tokio::test]
async fn terms_not_accepted_is_refused_as_413_or_901() {
    let glue = Glue::new().await;
    let r = glue
        .register_with(with(
            customer(&email("terms")),
            json!({"acceptedTerms": false}),
        ))
        .await;
    r.assert_one_error_of(&[
        (400, "413", "Terms and Conditions was not accepted."),
        (422, "901", &format!("acceptedTerms => {NOT_TRUE}")),
    ]);
    let e = email("noterms");
    let r = glue
        .register_with(with(customer(&e), json!({"acceptedTerms": null})))
        .await;
    r.assert_one_error_of(&[
        (400, "413", "Terms and Conditions was not accepted."),
        (422, "901", "acceptedTerms => This field is missing."),
        (422, "901", &format!("acceptedTerms => {NOT_BLANK}")),
        (422, "901", &format!("acceptedTerms => {NOT_TRUE}")),
    ]);
    glue.login(&e, PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn invalid_gender_is_refused_as_901_or_414() {
    let glue = Glue::new().await;
    let r = glue
        .register_with(with(customer(&email("gender")), json!({"gender": "Other"})))
        .await;
    let doc = r.json();
    let e = &doc["errors"][0];
    if e["code"] == "414" {
        assert_eq!(r.status, 400, "{doc}");
        assert_eq!(doc["errors"].as_array().unwrap().len(), 1, "{doc}");
        assert_eq!(e["status"], 400);
        assert!(
            e["detail"]
                .as_str()
                .unwrap()
                .starts_with("Gender is not valid."),
            "{doc}"
        );
        r.assert_jsonapi_type();
    } else {
        r.assert_violations(&[&format!("gender => {NOT_A_CHOICE}")]);
    }
}

#[tokio::test]
async fn each_violated_constraint_is_one_901() {
    let glue = Glue::new().await;
    let cases: Vec<(Value, Vec<String>)> = vec![
        (
            json!({"salutation": "Sir"}),
            vec![format!("salutation => {NOT_A_CHOICE}")],
        ),
        (
            json!({"firstName": ""}),
            vec![format!("firstName => {NOT_BLANK}")],
        ),
        (
            json!({"lastName": "x".repeat(101)}),
            vec![format!("lastName => {}", too_long(100))],
        ),
        (
            json!({"firstName": "", "lastName": "x".repeat(101)}),
            vec![
                format!("firstName => {NOT_BLANK}"),
                format!("lastName => {}", too_long(100)),
            ],
        ),
        (
            json!({"password": "Short1!", "confirmPassword": "Short1!"}),
            vec![
                format!("password => {}", too_short(12)),
                format!("confirmPassword => {}", too_short(12)),
            ],
        ),
        (
            json!({"password": "alllowercase1234", "confirmPassword": "alllowercase1234"}),
            vec![format!("password => {PASSWORD_CLASSES}")],
        ),
        (
            json!({"password": "Pässwort!12345", "confirmPassword": "Pässwort!12345"}),
            vec![format!("password => {PASSWORD_CLASSES}")],
        ),
        (
            json!({"password": format!("Aa1!{}", "x".repeat(125)),
                   "confirmPassword": format!("Aa1!{}", "x".repeat(125))}),
            vec![
                format!("password => {}", too_long(128)),
                format!("confirmPassword => {}", too_long(128)),
            ],
        ),
    ];
    for (patch, details) in cases {
        let r = glue
            .register_with(with(customer(&email("v")), patch.clone()))
            .await;
        let details: Vec<&str> = details.iter().map(String::as_str).collect();
        assert_eq!(r.status, 422, "{patch}: {}", r.text());
        r.assert_violations(&details);
    }
    // limits are inclusive
    let r = glue
        .register_with(with(
            customer(&email("limits")),
            json!({"firstName": "x".repeat(100), "lastName": "y".repeat(100),
                   "password": format!("Aa1!{}", "x".repeat(124)),
                   "confirmPassword": format!("Aa1!{}", "x".repeat(124))}),
        ))
        .await;
    r.assert_status(201);
}

#[tokio::test]
async fn every_required_attribute_is_refused_when_missing() {
    let glue = Glue::new().await;
    for field in [
        "email",
        "password",
        "confirmPassword",
        "salutation",
        "gender",
        "firstName",
        "lastName",
    ] {
        let body = with(customer(&email("missing")), json!({ field: null }));
        let r = glue.register_with(body).await;
        assert_eq!(r.status, 422, "without {field}: {}", r.text());
        r.assert_missing(field);
    }
}

#[tokio::test]
async fn registrations_get_distinct_references() {
    let glue = Glue::new().await;
    let a = glue.register(&email("distinct")).await;
    let b = glue.register(&email("distinct")).await;
    assert_ne!(a, b);
}

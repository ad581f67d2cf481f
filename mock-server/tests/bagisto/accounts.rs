//! Registration's rules (seed 004's by default, the code's as an option), problem JSON for
//! validation and type errors, and the 201 soft failures of login, logout and verify-tokens.

use crate::common::{assert_keys, email};
use crate::fixture::{PASSWORD, Shop, assert_outcome, assert_problem};
use serde_json::{Value, json};
use storefront_mock::{BagistoOptions, PasswordRules};

fn person(email: &str, password: &str) -> Value {
    json!({"firstName": "Ann", "lastName": "Lee", "email": email, "password": password})
}

#[tokio::test]
async fn missing_fields_are_laravels_messages_joined_by_spaces() {
    let shop = Shop::new().await;
    let r = shop.call("POST", "/customers", None, Some(json!({}))).await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "The first name field is required. The last name field is required. The email field is required. The password field is required.",
    );
    let r = shop
        .call(
            "POST",
            "/customers",
            None,
            Some(json!({"firstName": " ", "lastName": "Lee", "email": "nope", "password": "x"})),
        )
        .await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "The first name field is required. The email field must be a valid email address. The password field must be at least 8 characters. The password field must contain at least one uppercase and one lowercase letter. The password field must contain at least one number. The password field must contain at least one symbol.",
    );
}

#[tokio::test]
async fn seed_rules_by_default_and_the_codes_min_6_as_an_option() {
    let shop = Shop::new().await;
    for weak in [
        "Short1!",
        "alllower1!",
        "ALLUPPER1!",
        "NoDigits!!",
        "NoSymbol12",
    ] {
        let r = shop
            .call(
                "POST",
                "/customers",
                None,
                Some(person(&email("weak"), weak)),
            )
            .await;
        assert_eq!(r.status, 400, "{weak}: {}", r.text());
    }
    shop.register_with(person(&email("strong"), "Aa1!aaaa"))
        .await;

    let code = Shop::with(BagistoOptions {
        password_rules: PasswordRules::Code,
        ..BagistoOptions::default()
    })
    .await;
    code.register_with(person(&email("six"), "simple")).await;
    let r = code
        .call(
            "POST",
            "/customers",
            None,
            Some(person(&email("five"), "short")),
        )
        .await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "The password field must be at least 6 characters.",
    );
}

#[tokio::test]
async fn the_confirmation_is_compared_only_when_both_are_present() {
    let shop = Shop::new().await;
    let mut body = person(&email("confirm"), PASSWORD);
    body["confirmPassword"] = json!("Password123?");
    let r = shop.call("POST", "/customers", None, Some(body)).await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "Password and confirm password do not match",
    );
    let mut body = person(&email("confirm"), PASSWORD);
    body["password_confirmation"] = json!("Other-Pass-1");
    assert_eq!(
        shop.call("POST", "/customers", None, Some(body))
            .await
            .status,
        400,
        "snake_case too"
    );
    shop.register_with(person(&email("confirm"), PASSWORD))
        .await;
    let mut body = person(&email("confirm"), PASSWORD);
    body["confirmPassword"] = json!("");
    shop.register_with(body).await;
}

#[tokio::test]
async fn duplicates_phone_and_gender_rules() {
    let shop = Shop::new().await;
    let taken = email("taken");
    shop.register_with(person(&taken, PASSWORD)).await;
    let r = shop
        .call(
            "POST",
            "/customers",
            None,
            Some(person(&taken.to_uppercase(), PASSWORD)),
        )
        .await;
    assert_problem(&r, 400, "Bad Request", "The email has already been taken.");

    let mut body = person(&email("phone"), PASSWORD);
    body["phone"] = json!("+1 555 0100");
    let r = shop.call("POST", "/customers", None, Some(body)).await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "Mobile number can only contain digits. Special characters are not allowed",
    );
    let mut body = person(&email("phone"), PASSWORD);
    body["phone"] = json!("5550100");
    shop.register_with(body.clone()).await;
    body["email"] = json!(email("phone"));
    let r = shop.call("POST", "/customers", None, Some(body)).await;
    assert_problem(&r, 400, "Bad Request", "The phone has already been taken.");

    let mut body = person(&email("gender"), PASSWORD);
    body["gender"] = json!("fEmAlE");
    assert_eq!(shop.register_with(body).await["gender"], "Female");
    let mut body = person(&email("gender"), PASSWORD);
    body["gender"] = json!("robot");
    let r = shop.call("POST", "/customers", None, Some(body)).await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "Invalid gender value \"robot\". Allowed values are: Male, Female, Other",
    );
}

#[tokio::test]
async fn status_and_flags_are_client_settable_and_snake_case_is_accepted() {
    let shop = Shop::new().await;
    let address = email("snake");
    let v = shop
        .register_with(json!({
            "first_name": "ann", "last_name": "lee", "email": address, "password": PASSWORD,
            "confirm_password": PASSWORD, "date_of_birth": "1990-01-15",
            "subscribed_to_news_letter": true, "status": 0, "is_verified": 1, "isSuspended": 0,
            "deviceToken": "fcm-1"
        }))
        .await;
    assert_eq!(
        (
            v["firstName"].clone(),
            v["status"].clone(),
            v["isVerified"].clone(),
            v["subscribedToNewsLetter"].clone()
        ),
        (json!("ann"), json!(0), json!(1), json!(true))
    );
    assert_eq!(
        (v["name"].clone(), v["deviceToken"].clone()),
        (json!("Ann Lee"), json!("fcm-1"))
    );
    assert_eq!(v["dateOfBirth"], "1990-01-15");
    // An inactive status does not stop a login; a suspension does, after the password.
    assert_eq!(shop.login(&address, PASSWORD).await.json()["success"], true);
    let suspended = email("suspended");
    let mut body = person(&suspended, PASSWORD);
    body["isSuspended"] = json!(1);
    let v = shop.register_with(body).await;
    assert!(v["token"].is_string(), "registration still signs in");
    let r = shop.login(&suspended, PASSWORD).await;
    assert_eq!(
        r.text(),
        r#"{"id":0,"_id":0,"apiToken":"","token":"","success":false,"message":"Your account has been suspended"}"#
    );
    let r = shop.login(&suspended, "Wrong-Pass-1").await;
    assert_eq!(
        r.json()["message"],
        "Invalid email or password",
        "suspension only after the password"
    );
}

#[tokio::test]
async fn wrong_json_types_are_422() {
    let shop = Shop::new().await;
    let mut body = person(&email("types"), PASSWORD);
    body["status"] = json!("1");
    let r = shop.call("POST", "/customers", None, Some(body)).await;
    assert_problem(
        &r,
        422,
        "Unprocessable Entity",
        "The \"status\" field must be of type int, string given.",
    );
    let r = shop
        .call(
            "POST",
            "/customer/login",
            None,
            Some(json!({"email": ["a"], "password": PASSWORD})),
        )
        .await;
    assert_problem(
        &r,
        422,
        "Unprocessable Entity",
        "The \"email\" field must be of type string, array given.",
    );
    let r = shop
        .raw(
            "POST",
            "/customer/login",
            &[
                ("X-STOREFRONT-KEY", crate::fixture::KEY),
                ("Content-Type", "application/json"),
            ],
            Some(b"{\"email\":".to_vec()),
        )
        .await;
    assert_problem(&r, 400, "Bad Request", "Syntax error");
}

#[tokio::test]
async fn login_answers_201_whatever_happens() {
    let shop = Shop::new().await;
    let address = email("login");
    let registered = shop.register_with(person(&address, PASSWORD)).await;
    let r = shop.login(&address, PASSWORD).await;
    assert_eq!(r.status, 201);
    assert_keys(
        &r.text(),
        &[],
        &["id", "_id", "apiToken", "token", "success", "message"],
    );
    let v = r.json();
    assert_eq!(
        (v["id"].clone(), v["_id"].clone()),
        (registered["id"].clone(), registered["id"].clone())
    );
    assert_eq!(v["message"], "You have logged in successfully");
    let failure = r#"{"id":0,"_id":0,"apiToken":"","token":"","success":false,"message":"Invalid email or password"}"#;
    assert_eq!(shop.login(&address, "Wrong-Pass-1").await.text(), failure);
    assert_eq!(shop.login(&email("nobody"), PASSWORD).await.text(), failure);
    let r = shop
        .call("POST", "/customer/login", None, Some(json!({})))
        .await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "The email field is required. The password field is required.",
    );
    let r = shop.login("not-an-email", "12345").await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "The email field must be a valid email address. The password field must be at least 6 characters.",
    );
}

#[tokio::test]
async fn logout_and_verify_fail_softly() {
    let shop = Shop::new().await;
    let (token, id) = shop.session(&email("verify")).await;
    let r = shop
        .call("POST", "/verify-tokens", Some(&token), Some(json!({})))
        .await;
    assert_eq!(r.status, 201);
    assert_keys(
        &r.text(),
        &[],
        &["id", "firstName", "lastName", "email", "isValid", "message"],
    );
    assert_eq!(
        (r.json()["id"].clone(), r.json()["isValid"].clone()),
        (json!(id), json!(true))
    );
    let invalid = r#"{"id":0,"firstName":"","lastName":"","email":"","isValid":false,"message":"Unauthenticated. Please login to perform this action"}"#;
    for presented in [None, Some("1|nope"), Some("garbage")] {
        let r = shop.call("POST", "/verify-tokens", presented, None).await;
        assert_eq!((r.status, r.text()), (201, invalid.to_owned()));
        let r = shop
            .call("POST", "/customer/logout", presented, Some(json!({})))
            .await;
        assert_outcome(
            &r,
            false,
            "Unauthenticated. Please login to perform this action",
        );
    }
    let r = shop
        .call("POST", "/customer/logout", Some(&token), None)
        .await;
    assert_outcome(&r, true, "Logged out successfully");
    let r = shop
        .call("POST", "/customer/logout", Some(&token), Some(json!({})))
        .await;
    assert_outcome(
        &r,
        false,
        "Unauthenticated. Please login to perform this action",
    );

    let suspended = email("verify-suspended");
    let mut body = person(&suspended, PASSWORD);
    body["isSuspended"] = json!(1);
    let token = shop.register_with(body).await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = shop
        .call("POST", "/verify-tokens", Some(&token), None)
        .await;
    assert_eq!(r.json()["message"], "Customer account is suspended");
    assert_eq!(r.json()["isValid"], false);
}

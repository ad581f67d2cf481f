//! Profile read, `GET /api/shop/customer-profile` (spec §2.7), and update,
//! `PUT /api/shop/customer-profile-updates/{id}` (spec §2.8).
use crate::support::*;

use serde_json::{Value, json};

const PROFILE_KEYS: [&str; 16] = [
    "id",
    "firstName",
    "lastName",
    "email",
    "phone",
    "gender",
    "dateOfBirth",
    "status",
    "subscribedToNewsLetter",
    "isVerified",
    "isSuspended",
    "image",
    "password",
    "confirmPassword",
    "success",
    "message",
];

const UPDATE_KEYS: [&str; 15] = [
    "id",
    "_id",
    "firstName",
    "lastName",
    "email",
    "phone",
    "gender",
    "dateOfBirth",
    "status",
    "subscribedToNewsLetter",
    "isVerified",
    "isSuspended",
    "image",
    "success",
    "message",
];

const UPDATED: &str = "Customer profile updated successfully";

fn full_registration(e: &str) -> Value {
    json!({
        "firstName": "John", "lastName": "Doe", "email": e, "password": PASSWORD,
        "confirmPassword": PASSWORD, "phone": phone(), "gender": "Male",
        "dateOfBirth": "1990-01-15", "subscribedToNewsLetter": true
    })
}

#[tokio::test]
async fn profile_is_an_array_of_one_with_string_ids_and_flags() {
    let bag = Bag::new().await;
    let e = email("prof");
    let body = full_registration(&e);
    let reg = bag.register_with(body.clone()).await;
    let id = id_of(&reg);
    let r = bag.profile(reg["token"].as_str()).await;
    r.assert_json(
        200,
        json!([{
            "id": id.to_string(), "firstName": "John", "lastName": "Doe", "email": e,
            "phone": body["phone"], "gender": "Male", "dateOfBirth": "1990-01-15",
            "status": "1", "subscribedToNewsLetter": true, "isVerified": "0",
            "isSuspended": "0", "image": null, "password": null, "confirmPassword": null,
            "success": null, "message": null
        }]),
    );
    assert_key_order(&r, &PROFILE_KEYS);
}

#[tokio::test]
async fn profile_of_a_minimal_customer_serialises_nulls() {
    let bag = Bag::new().await;
    let e = email("bare");
    let (id, token) = bag.session(&e).await;
    bag.profile(Some(&token)).await.assert_json(
        200,
        json!([{
            "id": id.to_string(), "firstName": "Ann", "lastName": "Lee", "email": e,
            "phone": null, "gender": null, "dateOfBirth": null, "status": "1",
            "subscribedToNewsLetter": false, "isVerified": "0", "isSuspended": "0",
            "image": null, "password": null, "confirmPassword": null, "success": null,
            "message": null
        }]),
    );
}

#[tokio::test]
async fn profile_without_or_with_an_unknown_token_is_401() {
    let bag = Bag::new().await;
    bag.profile(None).await.assert_problem(
        401,
        "Authentication token is required. Please provide token in query input",
    );
    for unknown in [
        "1|abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN12345678",
        "424242|abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN12345678",
    ] {
        bag.profile(Some(unknown))
            .await
            .assert_problem(401, "Invalid or expired token");
    }
}

#[tokio::test]
async fn profile_without_token_status_option_mimics_older_installs() {
    let bag = Bag::configured(json!({"profile_without_token_status": 500})).await;
    bag.profile(None).await.assert_status(500);
    bag.profile(Some("7|abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN12345678"))
        .await
        .assert_problem(401, "Invalid or expired token");
}

#[tokio::test]
async fn update_answers_200_with_true_false_strings() {
    let bag = Bag::new().await;
    let e = email("upd");
    let mut body = full_registration(&e);
    body["isVerified"] = json!(1);
    let reg = bag.register_with(body.clone()).await;
    let id = id_of(&reg);
    let token = reg["token"].as_str().unwrap();
    let r = bag
        .update_profile(id, token, json!({"firstName": "Johnny"}))
        .await;
    r.assert_json(
        200,
        json!({
            "id": id.to_string(), "_id": id.to_string(), "firstName": "Johnny",
            "lastName": "Doe", "email": e, "phone": body["phone"], "gender": "Male",
            "dateOfBirth": "1990-01-15", "status": "1", "subscribedToNewsLetter": true,
            "isVerified": "true", "isSuspended": "false", "image": null,
            "success": true, "message": UPDATED
        }),
    );
    assert_key_order(&r, &UPDATE_KEYS);
    // the GET keeps its own encodings
    let p = bag.profile(Some(token)).await.json();
    assert_eq!(p[0]["firstName"], "Johnny");
    assert_eq!(p[0]["isVerified"], "1");
    assert_eq!(p[0]["isSuspended"], "0");
}

#[tokio::test]
async fn update_changes_the_fields_it_is_given() {
    let bag = Bag::new().await;
    let e = email("chg");
    let (id, token) = bag.session(&e).await;
    let p = phone();
    let new_email = email("chg-new");
    let v = bag
        .update_profile(
            id,
            &token,
            json!({
                "lastName": "Changed", "phone": p, "gender": "female",
                "dateOfBirth": "2000-02-29", "subscribedToNewsLetter": true, "email": new_email
            }),
        )
        .await;
    v.assert_status(200);
    let profile = bag.profile(Some(&token)).await.json()[0].clone();
    assert_eq!(profile["firstName"], "Ann");
    assert_eq!(profile["lastName"], "Changed");
    assert_eq!(profile["phone"], p.as_str());
    assert!(
        profile["gender"]
            .as_str()
            .is_some_and(|g| g.eq_ignore_ascii_case("female")),
        "{profile}"
    );
    assert_eq!(profile["dateOfBirth"], "2000-02-29");
    assert_eq!(profile["subscribedToNewsLetter"], true);
    assert_eq!(profile["email"], new_email.as_str());
    // an email change needs no current password, and the new email logs in
    assert_eq!(
        bag.login(&new_email, PASSWORD).await.json()["success"],
        true
    );
    bag.login(&e, PASSWORD)
        .await
        .assert_201(login_failure("Invalid email or password"));
}

#[tokio::test]
async fn empty_values_are_ignored() {
    let bag = Bag::new().await;
    let e = email("empty");
    let reg = bag.register_with(full_registration(&e)).await;
    let (id, token) = (id_of(&reg), reg["token"].as_str().unwrap());
    let before = bag.profile(Some(token)).await.json();
    let r = bag
        .update_profile(
            id,
            token,
            json!({"firstName": "", "lastName": "", "email": "", "phone": "", "gender": "", "dateOfBirth": ""}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json()["firstName"], "John");
    assert_eq!(bag.profile(Some(token)).await.json(), before);
}

#[tokio::test]
async fn password_change_needs_current_and_matching_confirmation() {
    let bag = Bag::new().await;
    let e = email("pw");
    let (id, token) = bag.session(&e).await;
    let new = "NewPass456!";
    bag.update_profile(id, &token, json!({"password": new, "confirmPassword": new}))
        .await
        .assert_problem(400, "Current password is required to change your password");
    bag.update_profile(
        id,
        &token,
        json!({"currentPassword": "Wrong123!pass", "password": new, "confirmPassword": new}),
    )
    .await
    .assert_problem(400, "The current password you entered is incorrect");
    bag.update_profile(
        id,
        &token,
        json!({"currentPassword": PASSWORD, "password": new, "confirmPassword": "NewPass457!"}),
    )
    .await
    .assert_problem(400, "Password and confirm password do not match");
    // none of that changed anything
    assert_eq!(bag.login(&e, PASSWORD).await.json()["success"], true);
    bag.update_profile(
        id,
        &token,
        json!({"currentPassword": PASSWORD, "password": new, "confirmPassword": new}),
    )
    .await
    .assert_status(200);
    bag.login(&e, PASSWORD)
        .await
        .assert_201(login_failure("Invalid email or password"));
    assert_eq!(bag.login(&e, new).await.json()["success"], true);
}

#[tokio::test]
async fn another_customers_id_is_401_and_changes_nothing() {
    let bag = Bag::new().await;
    let (_, mallory) = bag.session(&email("mallory")).await;
    let victim_email = email("victim");
    let (victim, victim_token) = bag.session(&victim_email).await;
    bag.update_profile(
        victim,
        &mallory,
        json!({"id": victim, "firstName": "Pwned"}),
    )
    .await
    .assert_problem(401, "Unauthorized: Cannot update another customer profile");
    // whatever the path id, the customer comes from the token: the victim never changes
    let _ = bag
        .update_profile(victim, &mallory, json!({"lastName": "Pwned"}))
        .await;
    let p = bag.profile(Some(&victim_token)).await.json();
    assert_eq!(p[0]["firstName"], "Ann");
    assert_eq!(p[0]["lastName"], "Lee");
    assert_eq!(p[0]["email"], victim_email.as_str());
}

#[tokio::test]
async fn update_without_or_with_a_bad_token_is_401() {
    let bag = Bag::new().await;
    let (id, token) = bag.session(&email("noauth")).await;
    let headers = [("X-STOREFRONT-KEY", bag.key.as_str())];
    let body = serde_json::to_vec(&json!({"firstName": "X"})).unwrap();
    bag.raw(
        "PUT",
        &format!("/api/shop/customer-profile-updates/{id}"),
        &headers,
        Some(body),
    )
    .await
    .assert_problem_any(401);
    bag.update_profile(id, &tampered(&token), json!({"firstName": "X"}))
        .await
        .assert_problem_any(401);
    assert_eq!(
        bag.profile(Some(&token)).await.json()[0]["firstName"],
        "Ann"
    );
}

#[tokio::test]
async fn update_validates_phone_gender_and_email() {
    let bag = Bag::new().await;
    let (_, _) = bag.session(&email("taken")).await;
    let taken = email("taken-target");
    bag.register(&taken).await;
    let (id, token) = bag.session(&email("val")).await;
    bag.update_profile(id, &token, json!({"phone": "555-0100"}))
        .await
        .assert_problem(
            400,
            "Mobile number can only contain digits. Special characters are not allowed",
        );
    let detail = bag
        .update_profile(id, &token, json!({"gender": "Robot"}))
        .await
        .assert_problem_any(400);
    assert!(
        detail.starts_with("Invalid gender value \"Robot\". Allowed values are: "),
        "{detail}"
    );
    let r = bag
        .update_profile(id, &token, json!({"email": taken}))
        .await;
    assert!(
        (400..500).contains(&r.status),
        "another customer's email is refused: {} {}",
        r.status,
        r.text()
    );
    assert_eq!(bag.login(&taken, PASSWORD).await.json()["success"], true);
    let p = bag.profile(Some(&token)).await.json();
    assert_ne!(p[0]["email"], taken.as_str());
    assert_eq!(p[0]["phone"], Value::Null);
    assert_eq!(p[0]["gender"], Value::Null);
}

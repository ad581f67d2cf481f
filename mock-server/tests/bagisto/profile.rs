//! The profile (spec §2.7, §2.8): an array of one with string ids and flags, and its update by
//! customer id with `"true"`/`"false"` flags, ignored empty values and the password change.

use crate::common::{assert_keys, email};
use crate::fixture::{PASSWORD, Shop, assert_problem};
use serde_json::json;
use storefront_mock::{BagistoOptions, ProfileWithoutTokenStatus};

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

const UPDATED_KEYS: [&str; 15] = [
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

#[tokio::test]
async fn the_profile_is_an_array_of_one_with_strings_and_nulls() {
    let shop = Shop::new().await;
    let address = email("profile");
    let (token, id) = shop.session(&address).await;
    let r = shop.profile(&token).await;
    assert_eq!(r.status, 200);
    assert_keys(&r.text(), &["0"], &PROFILE_KEYS);
    assert_eq!(
        r.json(),
        json!([{
            "id": id.to_string(), "firstName": "Jane", "lastName": "Doe", "email": address,
            "phone": null, "gender": null, "dateOfBirth": null, "status": "1",
            "subscribedToNewsLetter": false, "isVerified": "0", "isSuspended": "0",
            "image": null, "password": null, "confirmPassword": null, "success": null, "message": null
        }])
    );
}

#[tokio::test]
async fn a_profile_read_without_a_valid_token_is_401_or_the_older_500() {
    let shop = Shop::new().await;
    let required = "Authentication token is required. Please provide token in query input";
    assert_problem(
        &shop.call("GET", "/customer-profile", None, None).await,
        401,
        "Unauthorized",
        required,
    );
    let r = shop
        .raw(
            "GET",
            "/customer-profile",
            &[
                ("X-STOREFRONT-KEY", crate::fixture::KEY),
                ("Authorization", "Basic x"),
            ],
            None,
        )
        .await;
    assert_problem(&r, 401, "Unauthorized", required);
    assert_problem(
        &shop.profile("9|nope").await,
        401,
        "Unauthorized",
        "Invalid or expired token",
    );
    let older = Shop::with(BagistoOptions {
        profile_without_token_status: ProfileWithoutTokenStatus::ServerError,
        ..BagistoOptions::default()
    })
    .await;
    let r = older.call("GET", "/customer-profile", None, None).await;
    assert_problem(&r, 500, "Internal Server Error", required);
    assert_eq!(
        older.profile("9|nope").await.status,
        401,
        "only a missing token"
    );
}

#[tokio::test]
async fn an_update_answers_with_true_false_strings_and_ignores_empty_values() {
    let shop = Shop::new().await;
    let (token, id) = shop.session(&email("update")).await;
    let path = format!("/customer-profile-updates/{id}");
    let r = shop
        .call(
            "PUT",
            &path,
            Some(&token),
            Some(
                json!({"firstName": "Janet", "last_name": "", "phone": "5551234", "gender": "other",
                        "dateOfBirth": "1991-02-03", "subscribedToNewsLetter": true, "email": "0"}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_keys(&r.text(), &[], &UPDATED_KEYS);
    let v = r.json();
    assert_eq!(
        (
            v["id"].clone(),
            v["_id"].clone(),
            v["firstName"].clone(),
            v["lastName"].clone()
        ),
        (
            json!(id.to_string()),
            json!(id.to_string()),
            json!("Janet"),
            json!("Doe")
        )
    );
    assert_eq!(
        (
            v["isVerified"].clone(),
            v["isSuspended"].clone(),
            v["status"].clone()
        ),
        (json!("false"), json!("false"), json!("1"))
    );
    assert_eq!(
        (
            v["gender"].clone(),
            v["phone"].clone(),
            v["success"].clone()
        ),
        (json!("Other"), json!("5551234"), json!(true))
    );
    assert_eq!(v["message"], "Customer profile updated successfully");
    assert_eq!(v["subscribedToNewsLetter"], true);
    let profile = shop.profile(&token).await.json();
    assert_eq!(
        (
            profile[0]["dateOfBirth"].clone(),
            profile[0]["isVerified"].clone()
        ),
        (json!("1991-02-03"), json!("0"))
    );
}

#[tokio::test]
async fn only_ones_own_profile_can_be_updated() {
    let shop = Shop::new().await;
    let (token, id) = shop.session(&email("own")).await;
    let (_, other) = shop.session(&email("other")).await;
    let detail = "Unauthorized: Cannot update another customer profile";
    let r = shop
        .call(
            "PUT",
            &format!("/customer-profile-updates/{other}"),
            Some(&token),
            Some(json!({"firstName": "X"})),
        )
        .await;
    assert_problem(&r, 401, "Unauthorized", detail);
    let r = shop
        .call(
            "PUT",
            &format!("/customer-profile-updates/{id}"),
            Some(&token),
            Some(json!({"id": other})),
        )
        .await;
    assert_problem(&r, 401, "Unauthorized", detail);
    let r = shop
        .call(
            "PUT",
            "/customer-profile-updates/me",
            Some(&token),
            Some(json!({})),
        )
        .await;
    assert_problem(&r, 401, "Unauthorized", detail);
    let r = shop
        .call(
            "PUT",
            &format!("/customer-profile-updates/{id}"),
            None,
            Some(json!({})),
        )
        .await;
    assert_problem(
        &r,
        401,
        "Unauthorized",
        "Authentication token is required. Please provide the token in the Authorization header as \"Bearer <token>\"",
    );
    let r = shop
        .call(
            "PUT",
            &format!("/customer-profile-updates/{id}"),
            Some("1|x"),
            Some(json!({})),
        )
        .await;
    assert_problem(&r, 401, "Unauthorized", "Invalid or expired token");
    assert_eq!(
        shop.profile(&token).await.json()[0]["firstName"],
        "Jane",
        "nothing changed"
    );
}

#[tokio::test]
async fn the_password_changes_with_the_current_one_and_tokens_survive() {
    let shop = Shop::new().await;
    let address = email("password");
    let (token, id) = shop.session(&address).await;
    let path = format!("/customer-profile-updates/{id}");
    let new = "Changed-Pass-34?";
    for (body, detail) in [
        (
            json!({"password": new, "confirmPassword": new}),
            "Current password is required to change your password",
        ),
        (
            json!({"currentPassword": "Wrong-Pass-1", "password": new, "confirmPassword": new}),
            "The current password you entered is incorrect",
        ),
        (
            json!({"currentPassword": PASSWORD, "password": new, "confirmPassword": "Other-Pass-1"}),
            "Password and confirm password do not match",
        ),
        (
            json!({"phone": "+1 555"}),
            "Mobile number can only contain digits. Special characters are not allowed",
        ),
        (
            json!({"gender": "robot"}),
            "Invalid gender value \"robot\". Allowed values are: Male, Female, Other",
        ),
    ] {
        let r = shop.call("PUT", &path, Some(&token), Some(body)).await;
        assert_problem(&r, 400, "Bad Request", detail);
    }
    let r = shop
        .call("PUT", &path, Some(&token), Some(json!({"currentPassword": PASSWORD, "password": new, "confirmPassword": new, "firstName": "Pat"})))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        shop.login(&address, PASSWORD).await.json()["success"],
        false
    );
    assert_eq!(shop.login(&address, new).await.json()["success"], true);
    assert_eq!(
        shop.profile(&token).await.status,
        200,
        "a password change revokes nothing"
    );
}

#[tokio::test]
async fn the_email_changes_without_a_password_but_stays_unique() {
    let shop = Shop::new().await;
    let (token, id) = shop.session(&email("mail")).await;
    let taken = email("taken");
    shop.register(&taken).await;
    let path = format!("/customer-profile-updates/{id}");
    let r = shop
        .call(
            "PUT",
            &path,
            Some(&token),
            Some(json!({"email": taken.to_uppercase()})),
        )
        .await;
    assert_problem(&r, 400, "Bad Request", "The email has already been taken.");
    let moved = email("moved");
    let r = shop
        .call("PUT", &path, Some(&token), Some(json!({"email": moved})))
        .await;
    assert_eq!(r.json()["email"], json!(moved));
    assert_eq!(shop.login(&moved, PASSWORD).await.json()["success"], true);
}

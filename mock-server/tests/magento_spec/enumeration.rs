//! The enumeration table of spec §8, row by row, for an existing and an unknown email.
use crate::support::bodies::{duplicate, no_such_email, not_confirmed, sign_in_failed};
use crate::support::*;

use serde_json::json;

async fn is_email_available(shop: &Shop, e: &str) -> Resp {
    shop.post(
        "/V1/customers/isEmailAvailable",
        json!({"customerEmail": e, "websiteId": 1}),
    )
    .await
}

#[tokio::test]
async fn reset_request_is_200_true_for_existing_and_404_for_unknown() {
    let shop = Shop::new().await;
    let known = email("known");
    shop.register(&known).await;
    assert_eq!(shop.request_reset(&known).await.ok(), json!(true));
    let unknown = email("unknown");
    shop.request_reset(&unknown)
        .await
        .assert_error(404, no_such_email(&unknown, 1));
}

#[tokio::test]
async fn registration_is_400_duplicate_for_existing_and_200_for_unknown() {
    let shop = Shop::new().await;
    let known = email("known");
    shop.register(&known).await;
    shop.register_raw(json!({
        "customer": {"email": known, "firstname": "Jane", "lastname": "Doe"},
        "password": PASSWORD
    }))
    .await
    .assert_error(400, duplicate());
    shop.register(&email("fresh")).await;
}

#[tokio::test]
async fn is_email_available_is_true_for_every_email_by_default() {
    let shop = Shop::new().await;
    let known = email("known");
    shop.register(&known).await;
    assert_eq!(is_email_available(&shop, &known).await.ok(), json!(true));
    let unknown = email("unknown");
    assert_eq!(is_email_available(&shop, &unknown).await.ok(), json!(true));
    let without_website = json!({"customerEmail": known});
    let r = shop
        .post("/V1/customers/isEmailAvailable", without_website)
        .await;
    assert_eq!(r.ok(), json!(true));
}

#[tokio::test]
async fn is_email_available_before_2_4_7_answers_false_for_existing() {
    let shop = Shop::with(options::email_availability_legacy()).await;
    let known = email("known");
    shop.register(&known).await;
    assert_eq!(is_email_available(&shop, &known).await.ok(), json!(false));
    let unknown = email("unknown");
    assert_eq!(is_email_available(&shop, &unknown).await.ok(), json!(true));
}

#[tokio::test]
async fn login_is_the_same_generic_401_for_existing_and_unknown() {
    let shop = Shop::new().await;
    let known = email("known");
    shop.register(&known).await;
    let existing = shop.login(&known, "Wrong1pass").await;
    let unknown = shop.login(&email("unknown"), "Wrong1pass").await;
    existing.assert_error(401, sign_in_failed());
    unknown.assert_error(401, sign_in_failed());
    assert_eq!(existing.body, unknown.body, "byte-identical bodies");
}

#[tokio::test]
async fn only_the_unconfirmed_message_reveals_an_account() {
    let shop = Shop::with(options::confirmation_required()).await;
    let known = email("pending");
    shop.register(&known).await;
    shop.login(&known, PASSWORD)
        .await
        .assert_error(401, not_confirmed());
    shop.login(&email("unknown"), PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

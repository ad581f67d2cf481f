//! The same situation gets the same unified code on every backend.

use storefront_sdk::{Client, Error, PasswordResetRequest};

use crate::target::{Target, credentials, unique_email};

/// Registration with a taken email, wrong credentials, an unknown address.
pub async fn documented_errors_are_typed(target: Target) {
    let client = target.client();
    let email = unique_email("err");
    client
        .customers()
        .create(&target.new_customer(&email))
        .await
        .unwrap();

    let duplicate = target
        .client()
        .customers()
        .create(&target.new_customer(&email))
        .await
        .unwrap_err();
    assert!(matches!(duplicate, Error::Validation(_)), "{duplicate:?}");
    assert_eq!(duplicate.code(), "validation_error");
    assert!(
        duplicate
            .details()
            .iter()
            .any(|detail| detail.field.as_deref() == Some("email")),
        "a detail on email: {duplicate:?}"
    );
    assert!(duplicate.backend_code().is_some());

    let mut wrong = credentials(&email);
    wrong.password = "Not-The-Pass-99!".into();
    let refused = target.client().auth().login(&wrong).await.unwrap_err();
    assert!(
        matches!(refused, Error::InvalidCredentials(_)),
        "{refused:?}"
    );
    assert_eq!(refused.code(), "authentication_failed");
    let unknown = target
        .client()
        .auth()
        .login(&credentials(&unique_email("nobody")))
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), "authentication_failed", "{unknown:?}");

    let addresses = client.customer().addresses();
    let made = addresses.create(&crate::target::berlin()).await.unwrap();
    let missing_id = format!("{}9", made.id);
    let missing = addresses.get(&missing_id).await.unwrap_err();
    assert!(matches!(missing, Error::NotFound(_)), "{missing:?}");
    assert_eq!(missing.code(), "record_not_found");
    let missing_update = addresses
        .update(&missing_id, &crate::target::berlin())
        .await
        .unwrap_err();
    assert_eq!(
        missing_update.code(),
        "record_not_found",
        "{missing_update:?}"
    );
    assert_eq!(
        addresses.delete(&missing_id).await.unwrap_err().code(),
        "record_not_found"
    );
}

/// Another customer's address is as unknown as a missing one.
pub async fn foreign_addresses_are_not_found(target: Target) {
    let alice = target.client();
    alice
        .customers()
        .create(&target.new_customer(&unique_email("alice")))
        .await
        .unwrap();
    let hers = alice
        .customer()
        .addresses()
        .create(&crate::target::berlin())
        .await
        .unwrap();
    let bob = target.client();
    bob.customers()
        .create(&target.new_customer(&unique_email("bob")))
        .await
        .unwrap();
    for error in [
        bob.customer().addresses().get(&hers.id).await.unwrap_err(),
        bob.customer()
            .addresses()
            .delete(&hers.id)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(error.code(), "record_not_found", "{error:?}");
    }
    assert_eq!(
        alice.customer().addresses().get(&hers.id).await.unwrap().id,
        hers.id
    );
}

/// A rejected store key is a configuration error, never a sign-out.
pub async fn a_bad_store_key_is_a_configuration_error(target: Target) {
    if !target.profile.store_key {
        return;
    }
    let client: Client = target
        .client_builder()
        .publishable_key("pk_not_a_key")
        .build()
        .unwrap();
    let error = client
        .password_resets()
        .create(&PasswordResetRequest::new(unique_email("key")))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert_eq!(error.code(), "invalid_token");
}

//! Every operation, through the held session.

use storefront_sdk::{
    AddressInput, CallOptions, Credentials, CustomerUpdate, Error, ListOptions, NewPassword,
    Password, PasswordResetRequest,
};

use crate::harness::{Harness, PASSWORD, email};

fn berlin() -> AddressInput {
    {
        let mut value = AddressInput::default();
        value.first_name = Some("Jane".into());
        value.last_name = Some("Doe".into());
        value.address1 = Some("Unter den Linden 1".into());
        value.city = Some("Berlin".into());
        value.postal_code = Some("10117".into());
        value.country_iso = Some("DE".into());
        value
    }
}

#[tokio::test]
async fn register_signs_in_and_the_profile_round_trips() {
    let h = Harness::new().await;
    let auth = h.sign_up(&email("jane")).await;
    assert!(auth.user.id.starts_with("cus_"));
    assert!(auth.refresh_token.is_some());

    let me = h.client.customer().get().await.unwrap();
    assert_eq!(me.email, "jane@example.com");
    assert_eq!(me.full_name, "Jane Doe");

    let updated = h
        .client
        .customer()
        .update(&{
            let mut value = CustomerUpdate::default();
            value.first_name = Some("Janet".into());
            value.phone = Some("+49 30 123".into());
            value
        })
        .await
        .unwrap();
    assert_eq!(updated.first_name.as_deref(), Some("Janet"));
    assert_eq!(updated.phone.as_deref(), Some("+49 30 123"));
    // Only customer routes carry the bearer token; every call the API key.
    let me_calls = h.requests("GET", "/customers/me");
    assert_eq!(me_calls.len(), 1);
    assert_eq!(me_calls[0].status, 200);
}

#[tokio::test]
async fn login_replaces_the_session_and_logout_ends_it() {
    let h = Harness::new().await;
    h.sign_up(&email("sam")).await;
    h.client.auth().logout().await.unwrap();
    assert!(matches!(
        h.client.customer().get().await,
        Err(Error::Unauthenticated { .. })
    ));
    assert_eq!(h.requests("POST", "/auth/logout").len(), 1);

    let auth = h
        .client
        .auth()
        .login(&Credentials::new(email("sam"), PASSWORD))
        .await
        .unwrap();
    assert_eq!(auth.user.email, email("sam"));
    assert_eq!(h.client.customer().get().await.unwrap().id, auth.user.id);
}

#[tokio::test]
async fn explicit_refresh_rotates_and_explicit_tokens_leave_the_session_alone() {
    let h = Harness::new().await;
    let first = h.sign_up(&email("ria")).await;
    let rotated = h.client.auth().refresh().await.unwrap();
    assert_ne!(rotated.refresh_token, first.refresh_token);
    // The spent token is dead on the server.
    let spent = first.refresh_token.unwrap();
    let err = h.client.auth().refresh_with(&spent).await.unwrap_err();
    assert_eq!(err.code(), "invalid_refresh_token");

    // Another device's session, handled explicitly, does not touch ours.
    let other = h
        .second_client()
        .auth()
        .refresh_with(rotated.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    h.client
        .auth()
        .logout_with(&other.token, other.refresh_token.as_ref())
        .await
        .unwrap();
    let session = h.client.get_session().await.unwrap().unwrap();
    assert_eq!(session.token, rotated.token);

    // A per-call token override reads another user's profile statelessly.
    let me = h
        .client
        .with({
            let mut value = CallOptions::default();
            value.token = Some(other.token.clone());
            value
        })
        .customer()
        .get()
        .await
        .unwrap();
    assert_eq!(me.id, first.user.id);
}

#[tokio::test]
async fn address_book_crud_with_defaults_paging_and_replaced_ids() {
    let h = Harness::new().await;
    h.sign_up(&email("ada")).await;
    let addresses = h.client.customer().addresses();

    let home = addresses.create(&berlin()).await.unwrap();
    assert!(home.id.starts_with("addr_"));
    assert!(
        home.is_default_billing && home.is_default_shipping,
        "the first address is both defaults"
    );
    assert_eq!(home.country_iso.as_deref(), Some("DE"));

    let mut office = berlin();
    office.address1 = Some("Friedrichstr. 2".into());
    office.is_default_shipping = Some(true);
    let office = addresses.create(&office).await.unwrap();
    assert!(office.is_default_shipping && !office.is_default_billing);

    let page = addresses.list(&ListOptions::page(1, 1)).await.unwrap();
    assert_eq!(page.data.len(), 1);
    let meta = page.meta.expect("Spree paginates");
    assert_eq!((meta.count, meta.pages, meta.next), (2, 2, Some(2)));

    assert_eq!(
        addresses.get(&home.id).await.unwrap().address1,
        home.address1
    );

    let renamed = addresses
        .update(&home.id, &{
            let mut value = AddressInput::default();
            value.city = Some("Potsdam".into());
            value.postal_code = Some("14467".into());
            value
        })
        .await
        .unwrap();
    assert_eq!(renamed.id, home.id);
    assert_eq!(renamed.city.as_deref(), Some("Potsdam"));

    // An address used by a completed order is replaced on update.
    assert!(h.mock.mark_address_ordered(&home.id));
    let replaced = addresses
        .update(&home.id, &{
            let mut value = AddressInput::default();
            value.address2 = Some("Hinterhaus".into());
            value
        })
        .await
        .unwrap();
    assert_ne!(replaced.id, home.id);
    assert!(replaced.is_default_billing, "defaults move to the new id");

    addresses.delete(&office.id).await.unwrap();
    let err = addresses.get(&office.id).await.unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_eq!(err.code(), "record_not_found");
}

#[tokio::test]
async fn password_reset_through_the_outbox_signs_in() {
    let h = Harness::new().await;
    let first = h.sign_up(&email("rex")).await;
    h.client.auth().logout().await.unwrap();

    // Unknown emails get the same answer and no message.
    h.client
        .password_resets()
        .create(&PasswordResetRequest::new("nobody@example.com"))
        .await
        .unwrap();
    h.client
        .password_resets()
        .create(&PasswordResetRequest::new(email("rex")))
        .await
        .unwrap();
    let outbox = h.mock.outbox();
    assert_eq!(outbox.len(), 1);
    let token = Password::new(outbox[0].token.clone());

    let auth = h
        .client
        .password_resets()
        .update(&token, &NewPassword::new("N3w-password"))
        .await
        .unwrap()
        .expect("Spree signs in on a reset");
    assert_eq!(auth.user.id, first.user.id);
    assert!(
        h.client.customer().get().await.is_ok(),
        "the reset signed in"
    );

    // Used once, the token is dead; the old refresh token was revoked.
    let err = h
        .client
        .password_resets()
        .update(&token, &NewPassword::new("Another1!"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "password_reset_token_invalid");
    let err = h
        .client
        .auth()
        .refresh_with(first.refresh_token.as_ref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_refresh_token");
    h.client
        .auth()
        .login(&Credentials::new(email("rex"), "N3w-password"))
        .await
        .unwrap();
}

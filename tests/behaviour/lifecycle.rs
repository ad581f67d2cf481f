//! The account lifecycle, the same on every backend.

use storefront_sdk::{AddressInput, CustomerUpdate, Error, ListOptions, Registration};

use crate::target::{Target, berlin, credentials, unique_email};

/// Register (signed in) → logout → login → profile → address book → logout.
pub async fn account_lifecycle(target: Target) {
    let client = target.client();
    let email = unique_email("life");

    let registered = client
        .customers()
        .create(&target.new_customer(&email))
        .await
        .unwrap();
    let Registration::SignedIn(auth) = &registered else {
        panic!("registration must sign in: {registered:?}");
    };
    assert_eq!(auth.user.email, email);
    assert_eq!(auth.user.full_name, "Jane Doe");
    let session = client.get_session().await.unwrap().expect("signed in");
    assert_eq!(
        session.user.as_ref().map(|user| &user.id),
        Some(&auth.user.id)
    );
    match target.profile.ttl {
        Some(ttl) => {
            let expires_at = session.expires_at_ms.expect("the token expires");
            let expected =
                storefront_sdk::Clock::now_wall_ms(&target.clock) + ttl.as_millis() as i64;
            assert!(
                (expires_at - expected).abs() <= 2_000,
                "expires at {expires_at}, expected about {expected}"
            );
        }
        None => assert_eq!(session.expires_at_ms, None, "the token never expires"),
    }
    assert_eq!(session.refresh_token.is_some(), target.profile.refreshes);

    client.auth().logout().await.unwrap();
    assert!(client.get_session().await.unwrap().is_none());
    target.after_logout();
    let login = client.auth().login(&credentials(&email)).await.unwrap();
    assert_eq!(login.user.id, auth.user.id);
    assert_eq!(login.user.email, email);

    let mut rename = CustomerUpdate::default();
    rename.first_name = Some("Janet".into());
    let me = client.customer().update(&rename).await.unwrap();
    assert_eq!(me.full_name, "Janet Doe");
    assert_eq!(
        client.customer().get().await.unwrap().first_name.as_deref(),
        Some("Janet")
    );

    let addresses = client.customer().addresses();
    let created = addresses.create(&berlin()).await.unwrap();
    assert_eq!(created.city.as_deref(), Some("Berlin"));
    assert_eq!(created.address1.as_deref(), Some("Unter den Linden 1"));
    assert_eq!(created.address2.as_deref(), Some("Hinterhaus"));
    assert_eq!(created.postal_code.as_deref(), Some("10117"));
    assert_eq!(created.country_iso.as_deref(), Some("DE"));
    assert_eq!(created.phone.as_deref(), Some("+49 30 1234567"));
    let is_default = target.profile.first_address_is_default;
    assert_eq!(
        (created.is_default_billing, created.is_default_shipping),
        (is_default, is_default),
        "a first address is a default only where the backend makes it one"
    );
    let listed = addresses.list(&ListOptions::default()).await.unwrap();
    assert_eq!(listed.data.len(), 1);
    assert_eq!(listed.data[0].id, created.id);
    assert_eq!(listed.meta.is_some(), target.profile.paginates);
    assert_eq!(addresses.get(&created.id).await.unwrap(), listed.data[0]);

    let mut moved = AddressInput::default();
    moved.city = Some("Potsdam".into());
    moved.postal_code = Some("14467".into());
    moved.is_default_billing = Some(true);
    moved.is_default_shipping = Some(true);
    let updated = addresses.update(&created.id, &moved).await.unwrap();
    assert_eq!(updated.city.as_deref(), Some("Potsdam"));
    assert_eq!(
        updated.address1.as_deref(),
        Some("Unter den Linden 1"),
        "untouched fields stay"
    );
    assert!(updated.is_default_billing && updated.is_default_shipping);

    if !target.profile.deletes_default_addresses {
        let refused = addresses.delete(&updated.id).await.unwrap_err();
        assert!(matches!(refused, Error::Conflict(_)), "{refused:?}");
        let mut plain = AddressInput::default();
        plain.is_default_billing = Some(false);
        plain.is_default_shipping = Some(false);
        let plain = addresses.update(&updated.id, &plain).await.unwrap();
        assert!(!plain.is_default_billing && !plain.is_default_shipping);
    }
    addresses.delete(&updated.id).await.unwrap();
    let gone = addresses.get(&updated.id).await.unwrap_err();
    assert!(matches!(gone, Error::NotFound(_)), "{gone:?}");
    assert_eq!(gone.code(), "record_not_found");
    assert!(
        addresses
            .list(&ListOptions::default())
            .await
            .unwrap()
            .data
            .is_empty()
    );

    client.auth().logout().await.unwrap();
    let signed_out = client.customer().get().await.unwrap_err();
    assert!(
        matches!(signed_out, Error::Unauthenticated { .. }),
        "{signed_out:?}"
    );
}

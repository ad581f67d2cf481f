//! Password resets: requests reveal nothing; completion as each backend
//! allows.

use storefront_sdk::{Error, NewPassword, Password, PasswordResetRequest};

use crate::target::{NEW_PASSWORD, ResetCompletion, Target, credentials, unique_email};

pub async fn password_resets(target: Target) {
    let client = target.client();
    let email = unique_email("reset");
    client
        .customers()
        .create(&target.new_customer(&email))
        .await
        .unwrap();
    client.auth().logout().await.unwrap();
    target.after_logout();

    let known = client
        .password_resets()
        .create(&PasswordResetRequest::new(&email))
        .await
        .unwrap();
    let unknown = client
        .password_resets()
        .create(&PasswordResetRequest::new(unique_email("nobody")))
        .await
        .unwrap();
    assert_eq!(known, unknown, "known and unknown emails answer alike");

    let Some(mock) = target.mock_for("completing the reset with the mailed token") else {
        return;
    };
    let messages: Vec<_> = mock
        .outbox()
        .into_iter()
        .filter(|m| m.to == email)
        .collect();
    assert_eq!(
        messages.len(),
        1,
        "only the existing account gets a message"
    );
    assert_eq!(
        mock.outbox().len(),
        1,
        "nothing is sent for the unknown email"
    );
    let token = Password::new(messages[0].token.clone());
    let new_password = NewPassword::new(NEW_PASSWORD);
    let completed = client.password_resets().update(&token, &new_password).await;
    match target.profile.reset {
        ResetCompletion::SignsIn => {
            let auth = completed.unwrap().expect("the reset signs in");
            assert_eq!(auth.user.email, email);
            assert!(client.get_session().await.unwrap().is_some());
            client.auth().logout().await.unwrap();
        }
        ResetCompletion::NoSession => {
            assert!(completed.unwrap().is_none());
            assert!(client.get_session().await.unwrap().is_none());
        }
        ResetCompletion::NeedsEmail => {
            let missing = completed.unwrap_err();
            assert!(matches!(missing, Error::InvalidInput { .. }), "{missing:?}");
            let with_email = NewPassword::new(NEW_PASSWORD).email(&email);
            assert!(
                client
                    .password_resets()
                    .update(&token, &with_email)
                    .await
                    .unwrap()
                    .is_none()
            );
        }
        ResetCompletion::Unsupported => {
            let error = completed.unwrap_err();
            assert!(matches!(error, Error::Unsupported { .. }), "{error:?}");
            assert_eq!(error.code(), "unsupported");
            return;
        }
    }
    let mut changed = credentials(&email);
    changed.password = NEW_PASSWORD.into();
    client.auth().login(&changed).await.unwrap();
    let old = target
        .client()
        .auth()
        .login(&credentials(&email))
        .await
        .unwrap_err();
    assert_eq!(
        old.code(),
        "authentication_failed",
        "the old password is gone"
    );
}

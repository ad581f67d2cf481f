//! Every documented error maps to its typed kind, with the raw code kept.

use storefront_mock::Fault;
use storefront_sdk::{
    AddressInput, CallOptions, Client, Credentials, CustomerUpdate, Error, NewCustomer, RetryPolicy,
};

use crate::harness::{Harness, PASSWORD, email};

const ME: &str = "/api/v3/store/customers/me";

#[tokio::test]
async fn duplicate_registration_is_a_validation_error_with_details() {
    let h = Harness::new().await;
    h.sign_up(&email("dup")).await;
    let err = h
        .client
        .customers()
        .create(&NewCustomer::new(email("dup"), PASSWORD))
        .await
        .unwrap_err();
    let Error::Validation(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((api.status, api.code.as_str()), (422, "validation_error"));
    assert_eq!(api.message, "Email has already been taken");
    assert_eq!(err.details()[0].attribute, "email");
    assert_eq!(
        err.details()[0].messages,
        vec!["has already been taken".to_owned()]
    );
}

#[tokio::test]
async fn wrong_password_is_invalid_credentials_and_not_transient() {
    let h = Harness::new().await;
    h.sign_up(&email("pw")).await;
    let err = h
        .client
        .auth()
        .login(&Credentials::new(email("pw"), "wrong-password"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidCredentials(_)), "{err:?}");
    assert_eq!(err.code(), "authentication_failed");
    assert_eq!(err.status(), Some(401));
    assert!(!err.is_transient());
    assert!(!format!("{err:?} {err}").contains("wrong-password"));
    // The failed login did not end the session it did not replace.
    assert!(h.client.customer().get().await.is_ok());
}

#[tokio::test]
async fn a_bad_api_key_is_a_configuration_error_that_never_refreshes() {
    let h = Harness::new().await;
    h.sign_up(&email("key")).await;
    let bad = Client::builder(h.mock.uri())
        .publishable_key("pk_wrong")
        .build()
        .unwrap();
    let err = bad
        .customers()
        .create(&NewCustomer::new(email("other"), PASSWORD))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_eq!(err.code(), "invalid_token");
    assert_eq!(h.refreshes(), 0);
}

#[tokio::test]
async fn sensitive_profile_changes_need_the_current_password() {
    let h = Harness::new().await;
    h.sign_up(&email("cp")).await;
    let change = {
        let mut value = CustomerUpdate::default();
        value.email = Some(email("new"));
        value
    };
    let err = h.client.customer().update(&change).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(422), "current_password_invalid")
    );
    let with_password = {
        let mut value = change;
        value.current_password = Some(PASSWORD.into());
        value
    };
    let me = h.client.customer().update(&with_password).await.unwrap();
    assert_eq!(me.email, email("new"));
}

#[tokio::test]
async fn address_validation_details_map_to_request_fields() {
    let h = Harness::new().await;
    h.sign_up(&email("addr")).await;
    let err = h
        .client
        .customer()
        .addresses()
        .create(&{
            let mut value = AddressInput::default();
            value.country_iso = Some("US".into());
            value.state_abbr = Some("NY".into());
            value.postal_code = Some("ABCDE".into());
            value
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    let zip = err
        .details()
        .iter()
        .find(|d| d.attribute == "zipcode")
        .expect("zipcode");
    assert_eq!(zip.field.as_deref(), Some("postal_code"));
    let first = err
        .details()
        .iter()
        .find(|d| d.attribute == "firstname")
        .expect("firstname");
    assert_eq!(first.field.as_deref(), Some("first_name"));
}

#[tokio::test]
async fn a_reused_idempotency_key_with_another_body_is_rejected() {
    let h = Harness::new().await;
    h.sign_up(&email("idem")).await;
    let keyed = |name: &str| {
        let mut value = CustomerUpdate::default();
        value.first_name = Some(name.into());
        value
    };
    let options = {
        let mut value = CallOptions::default();
        value.idempotency_key = Some("profile-edit-1".into());
        value
    };
    h.client
        .with(options.clone())
        .customer()
        .update(&keyed("A"))
        .await
        .unwrap();
    let replay = h
        .client
        .with(options.clone())
        .customer()
        .update(&keyed("A"))
        .await
        .unwrap();
    assert_eq!(replay.first_name.as_deref(), Some("A"));
    assert!(
        h.requests("PATCH", "/customers/me")
            .last()
            .unwrap()
            .replayed
    );
    let err = h
        .client
        .with(options)
        .customer()
        .update(&keyed("B"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "idempotency_key_reused");
}

#[tokio::test]
async fn invalid_input_is_rejected_before_sending() {
    let h = Harness::new().await;
    let err = h
        .client
        .auth()
        .login(&Credentials::new("", PASSWORD))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert_eq!(h.transport.sent(), 0);
    let err = h.client.customer().addresses().get("").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let mut registration = NewCustomer::new(email("meta"), PASSWORD);
    registration.metadata = Some("{\"source\": ".into());
    let err = h
        .client
        .customers()
        .create(&registration)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(err.to_string().contains("metadata"), "{err}");
    assert_eq!(h.transport.sent(), 0);
}

#[tokio::test]
async fn metadata_is_sent_verbatim() {
    let h = Harness::new().await;
    let mut registration = NewCustomer::new(email("meta-ok"), PASSWORD);
    registration.metadata = Some(r#"{"source":"app","score":1.5,"tags":["a"]}"#.into());
    h.client.customers().create(&registration).await.unwrap();
    assert_eq!(
        h.transport.last_json_body()["metadata"],
        serde_json::json!({"source": "app", "score": 1.5, "tags": ["a"]})
    );
}

#[tokio::test]
async fn an_html_502_is_a_transient_server_error() {
    let h = Harness::with(|b| b.retry_policy(RetryPolicy::disabled())).await;
    h.sign_up(&email("html")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(1)
            .respond(502, "<html><body>Bad Gateway</body></html>")
            .header("content-type", "text/html"),
    );
    let err = h.client.customer().get().await.unwrap_err();
    let Error::Server {
        status,
        body_snippet,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 502);
    assert!(body_snippet.contains("Bad Gateway"));
    assert!(err.is_transient());
    // Transient failures keep the session.
    assert!(h.client.customer().get().await.is_ok());
}

#[tokio::test]
async fn an_undecodable_success_body_is_a_decode_error_with_redacted_snippet() {
    let h = Harness::with(|b| b.retry_policy(RetryPolicy::disabled())).await;
    let auth = h.sign_up(&email("dec")).await;
    h.mock.add_fault(Fault::new("GET", ME).times(1).respond(
        200,
        format!("{{\"id\":42,\"leak\":\"{}\"}}", auth.token.expose_secret()),
    ));
    let err = h.client.customer().get().await.unwrap_err();
    let Error::Decode {
        status,
        body_snippet,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 200);
    assert!(
        !format!("{err:?}").contains(auth.token.expose_secret()),
        "{body_snippet}"
    );
}

#[tokio::test]
async fn secrets_never_show_in_debug_output() {
    let h = Harness::new().await;
    let auth = h.sign_up(&email("dbg")).await;
    let printed = format!("{auth:?} {:?}", h.client.get_session().await.unwrap());
    assert!(!printed.contains(auth.token.expose_secret()));
    assert!(!printed.contains(auth.refresh_token.as_ref().unwrap().expose_secret()));
    assert!(!format!("{:?}", Credentials::new("a@b.c", PASSWORD)).contains(PASSWORD));
}

#[tokio::test]
async fn an_oversized_body_is_rejected_with_request_too_large() {
    let h = Harness::new().await;
    h.sign_up(&email("big")).await;
    let err = h
        .client
        .customer()
        .update(&{
            let mut value = CustomerUpdate::default();
            value.metadata = Some(serde_json::json!({ "notes": "x".repeat(110_000) }).to_string());
            value
        })
        .await
        .unwrap_err();
    assert_eq!((err.status(), err.code()), (Some(413), "request_too_large"));
    assert!(!err.is_transient());
}

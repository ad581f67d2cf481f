//! The contract suite: storefront-sdk against a backend. By default the
//! backend is the in-process storefront-mock; with `STOREFRONT_CONTRACT_URL`
//! and `STOREFRONT_CONTRACT_KEY` set, the same tests run against that store
//! (a real Spree 5.6), and only the steps that need the mock's hooks (clock,
//! outbox, faults) are skipped, each with a note on stderr.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use storefront_mock::MockServer;
use storefront_sdk::{
    AddressInput, Client, Credentials, CustomerUpdate, Error, ListOptions, NewCustomer,
    NewPassword, Password, PasswordResetRequest, SessionEvent,
};

const PASSWORD: &str = "Contract-Pass1";

/// The store under test.
struct Store {
    url: String,
    key: String,
    mock: Option<MockServer>,
}

impl Store {
    async fn new() -> Self {
        match (
            std::env::var("STOREFRONT_CONTRACT_URL"),
            std::env::var("STOREFRONT_CONTRACT_KEY"),
        ) {
            (Ok(url), Ok(key)) => Store {
                url,
                key,
                mock: None,
            },
            _ => {
                let mock = MockServer::start().await;
                Store {
                    url: mock.uri(),
                    key: mock.publishable_key(),
                    mock: Some(mock),
                }
            }
        }
    }

    fn client(&self) -> Client {
        Client::builder(&self.url)
            .publishable_key(&self.key)
            .build()
            .expect("client")
    }

    /// The mock, or `None` (with a note) when the step needs its hooks.
    fn mock_for(&self, step: &str) -> Option<&MockServer> {
        if self.mock.is_none() {
            eprintln!("skipped against a real store: {step} (needs the mock's hooks)");
        }
        self.mock.as_ref()
    }
}

/// An email no earlier run used (a real store keeps its customers).
fn unique_email(tag: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "contract-{tag}-{nanos}-{}@example.com",
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

fn address() -> AddressInput {
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
async fn account_lifecycle() {
    let store = Store::new().await;
    let client = store.client();
    let email = unique_email("life");

    let registered = client
        .customers()
        .create(&NewCustomer::new(&email, PASSWORD).name("Jane", "Doe"))
        .await
        .unwrap();
    assert_eq!(registered.user().email, email);
    assert_eq!(registered.user().full_name, "Jane Doe");

    client.auth().logout().await.unwrap();
    let login = client
        .auth()
        .login(&Credentials::new(&email, PASSWORD))
        .await
        .unwrap();
    assert_eq!(login.user.id, registered.user().id);

    let me = client
        .customer()
        .update(&{
            let mut value = CustomerUpdate::default();
            value.first_name = Some("Janet".into());
            value
        })
        .await
        .unwrap();
    assert_eq!(me.full_name, "Janet Doe");

    let addresses = client.customer().addresses();
    let created = addresses.create(&address()).await.unwrap();
    assert!(created.is_default_billing && created.is_default_shipping);
    let listed = addresses.list(&ListOptions::default()).await.unwrap();
    assert_eq!(listed.meta.map(|meta| meta.count), Some(1));
    assert_eq!(listed.data[0].id, created.id);
    let updated = addresses
        .update(&created.id, &{
            let mut value = AddressInput::default();
            value.city = Some("Potsdam".into());
            value.postal_code = Some("14467".into());
            value
        })
        .await
        .unwrap();
    assert_eq!(updated.city.as_deref(), Some("Potsdam"));
    addresses.delete(&updated.id).await.unwrap();
    assert!(matches!(
        addresses.get(&updated.id).await,
        Err(Error::NotFound(_))
    ));

    client.auth().logout().await.unwrap();
    assert!(matches!(
        client.customer().get().await,
        Err(Error::Unauthenticated { .. })
    ));
}

#[tokio::test]
async fn refresh_tokens_are_single_use() {
    let store = Store::new().await;
    let client = store.client();
    let first = client
        .customers()
        .create(&NewCustomer::new(unique_email("rot"), PASSWORD))
        .await
        .unwrap();
    let first = first.session().cloned().unwrap();
    let rotated = client.auth().refresh().await.unwrap();
    assert_ne!(rotated.refresh_token, first.refresh_token);
    let err = client
        .auth()
        .refresh_with(first.refresh_token.as_ref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_refresh_token");
    // The held session survives a replay of its spent token.
    client.customer().get().await.unwrap();
}

#[tokio::test]
async fn documented_errors_are_typed() {
    let store = Store::new().await;
    let client = store.client();
    let email = unique_email("err");
    client
        .customers()
        .create(&NewCustomer::new(&email, PASSWORD))
        .await
        .unwrap();

    let duplicate = client
        .customers()
        .create(&NewCustomer::new(&email, PASSWORD))
        .await
        .unwrap_err();
    assert!(matches!(duplicate, Error::Validation(_)), "{duplicate:?}");
    assert_eq!(duplicate.details()[0].attribute, "email");

    let wrong = client
        .auth()
        .login(&Credentials::new(&email, "not-the-password"))
        .await
        .unwrap_err();
    assert_eq!(
        (wrong.status(), wrong.code()),
        (Some(401), "authentication_failed")
    );

    let missing = client
        .customer()
        .addresses()
        .get("addr_doesnotexist")
        .await
        .unwrap_err();
    assert_eq!(
        (missing.status(), missing.code()),
        (Some(404), "record_not_found")
    );

    let bad_key = Client::builder(&store.url)
        .publishable_key("pk_not_a_key")
        .build()
        .unwrap()
        .password_resets()
        .create(&PasswordResetRequest::new(&email))
        .await
        .unwrap_err();
    assert!(matches!(bad_key, Error::Config { .. }), "{bad_key:?}");
}

#[tokio::test]
async fn password_reset_requests_reveal_nothing() {
    let store = Store::new().await;
    let client = store.client();
    let email = unique_email("reset");
    client
        .customers()
        .create(&NewCustomer::new(&email, PASSWORD))
        .await
        .unwrap();
    for who in [email.as_str(), "nobody-at-all@example.com"] {
        client
            .password_resets()
            .create(&PasswordResetRequest::new(who))
            .await
            .unwrap();
    }
    let Some(mock) = store.mock_for("completing the reset with the mailed token") else {
        return;
    };
    let messages = mock.outbox();
    assert_eq!(
        messages.len(),
        1,
        "only the existing account gets a message"
    );
    let reset = client
        .password_resets()
        .update(
            &Password::new(messages[0].token.clone()),
            &NewPassword::new("Reset-Pass2"),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reset.user.email, email);
    client
        .auth()
        .login(&Credentials::new(&email, "Reset-Pass2"))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_expired_session_is_refreshed_once_for_many_callers() {
    let store = Store::new().await;
    let Some(mock) = store.mock_for("expiring the access token with the clock") else {
        return;
    };
    let client = store.client();
    let mut events = client.subscribe().await;
    client
        .customers()
        .create(&NewCustomer::new(unique_email("exp"), PASSWORD))
        .await
        .unwrap();
    mock.advance_clock(Duration::from_secs(3601));
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.customer().get().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let refreshes = mock
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/auth/refresh"))
        .count();
    assert_eq!(refreshes, 1);
    let mut refreshed = false;
    while let Some(Ok(event)) = events.try_recv() {
        refreshed |= matches!(event, SessionEvent::TokenRefreshed(_));
        assert!(!matches!(event, SessionEvent::SignedOut { .. }));
    }
    assert!(refreshed);
}

//! The whole account lifecycle against the embedded mock, on any backend:
//!
//! ```sh
//! cargo run --example quickstart                  # Spree
//! cargo run --example quickstart -- magento-rest  # or magento-graphql, spryker, bagisto
//! ```
//!
//! Prints each step, never a token, and exits non-zero on the first failure.

use std::time::Duration;

use storefront_mock::{MockBackend, MockOptions, MockServer};
use storefront_sdk::{
    AddressInput, BackendKind, Client, Credentials, CustomerUpdate, Gender, NewCustomer,
    NewPassword, Password, PasswordResetRequest, Registration, Salutation,
};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const PASSWORD: &str = "Quickstart-Pass-1!";
const NEW_PASSWORD: &str = "Quickstart-Pass-2?";

#[tokio::main]
async fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "spree".into());
    let Some(backend) = BackendKind::from_name(&name) else {
        eprintln!("usage: quickstart [spree|magento-rest|magento-graphql|spryker|bagisto]");
        std::process::exit(2);
    };
    if let Err(error) = run(backend).await {
        eprintln!("quickstart failed: {error}");
        std::process::exit(1);
    }
}

/// The mock that emulates `backend`.
fn mock_backend(backend: BackendKind) -> MockBackend {
    match backend {
        BackendKind::MagentoRest | BackendKind::MagentoGraphql => MockBackend::Magento,
        BackendKind::Spryker => MockBackend::Spryker,
        BackendKind::Bagisto => MockBackend::Bagisto,
        _ => MockBackend::Spree,
    }
}

async fn run(backend: BackendKind) -> Result<()> {
    let mock = MockServer::start_with(MockOptions::for_backend(mock_backend(backend))).await?;
    println!("mock {} store running at {}", backend.name(), mock.uri());

    // One word picks the backend; the store key is Spree's publishable key
    // and Bagisto's storefront key (the Magento store code defaults to
    // `default`).
    let client = Client::builder(mock.uri())
        .backend(backend)
        .publishable_key(mock.publishable_key())
        .build()?;

    let email = "jane@example.com";
    let mut new_customer = NewCustomer::new(email, PASSWORD).name("Jane", "Doe");
    new_customer.gender = Some(Gender::Female);
    // Spryker requires a salutation and accepted terms; a backend with no
    // such field refuses them rather than dropping them silently.
    if backend == BackendKind::Spryker {
        new_customer.salutation = Some(Salutation::Ms);
        new_customer.accepted_terms = Some(true);
    }
    let registered = match client.customers().create(&new_customer).await? {
        Registration::SignedIn(auth) => auth,
        _ => return Err("the store wants the email confirmed first".into()),
    };
    println!(
        "1. registered and signed in as {} (id {})",
        registered.user.email, registered.user.id
    );

    client.auth().logout().await?;
    // Magento revokes every token issued up to the second of a logout: a
    // login in that same second would be dead at once. Let the mock's clock
    // move on.
    mock.advance_clock(Duration::from_secs(1));
    let login = client
        .auth()
        .login(&Credentials::new(email, PASSWORD))
        .await?;
    println!("2. logged out, then logged in as {}", login.user.full_name);

    let mut update = CustomerUpdate::default();
    update.first_name = Some("Janet".into());
    let me = client.customer().update(&update).await?;
    println!("3. profile updated: {} <{}>", me.full_name, me.email);

    let mut berlin = AddressInput::default();
    berlin.first_name = Some("Janet".into());
    berlin.last_name = Some("Doe".into());
    berlin.address1 = Some("Unter den Linden 1".into());
    berlin.city = Some("Berlin".into());
    berlin.postal_code = Some("10117".into());
    berlin.country_iso = Some("DE".into());
    berlin.phone = Some("+49 30 1234567".into());
    let address = client.customer().addresses().create(&berlin).await?;
    let mut default = AddressInput::default();
    default.is_default_billing = Some(true);
    default.is_default_shipping = Some(true);
    let address = client
        .customer()
        .addresses()
        .update(&address.id, &default)
        .await?;
    println!(
        "4. address {} in {} added and made the default (billing: {}, shipping: {})",
        address.id,
        address.city.as_deref().unwrap_or("-"),
        address.is_default_billing,
        address.is_default_shipping
    );

    client
        .password_resets()
        .create(&PasswordResetRequest::new(email))
        .await?;
    let message = mock
        .outbox()
        .into_iter()
        .find(|message| message.to == email)
        .ok_or("no password-reset message in the outbox")?;
    if client.capabilities().completes_password_resets {
        let token = Password::new(message.token);
        let new_password = NewPassword::new(NEW_PASSWORD).email(email);
        let signed_in = client
            .password_resets()
            .update(&token, &new_password)
            .await?;
        if signed_in.is_none() {
            client
                .auth()
                .login(&Credentials::new(email, NEW_PASSWORD))
                .await?;
        }
        println!("5. password reset with the token from the outbox; signed in with the new one");
    } else {
        println!("5. reset message sent (this backend completes resets on its web page only)");
    }

    let capabilities = client.capabilities();
    if capabilities.supports_refresh {
        let lifetime = client
            .get_session()
            .await?
            .and_then(|session| session.expires_at_ms)
            .map_or(0, |at| (at - mock.now() * 1000).max(0) as u64 / 1000);
        mock.advance_clock(Duration::from_secs(lifetime + 1));
        let me = client.customer().get().await?;
        let refreshes = mock
            .requests()
            .iter()
            .filter(|request| request.path.contains("refresh") && request.status < 300)
            .count();
        println!(
            "6. {lifetime} s later the token had expired; reading the profile of {} refreshed it transparently ({refreshes} refresh)",
            me.email
        );
    } else if capabilities.tokens_expire {
        println!("6. this backend has no refresh: the session ends when its token expires");
    } else {
        println!("6. this backend's tokens never expire: the session lasts until logout");
    }

    client.auth().logout().await?;
    if client.get_session().await?.is_some() {
        return Err("still signed in after logout".into());
    }
    println!("7. logged out (revoked on the server)");
    Ok(())
}

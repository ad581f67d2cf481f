//! The whole account lifecycle against the embedded mock:
//! `cargo run --example quickstart`. Prints each step, never a token, and
//! exits non-zero on the first failure.

use std::time::Duration;

use storefront_mock::MockServer;
use storefront_sdk::{
    AddressInput, Client, Credentials, CustomerUpdate, NewCustomer, NewPassword, Password,
    PasswordResetRequest,
};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("quickstart failed: {error}");
        std::process::exit(1);
    }
}

async fn run() -> Result<()> {
    let mock = MockServer::start().await;
    println!("mock Spree store running at {}", mock.uri());

    let client = Client::builder(mock.uri())
        .publishable_key(mock.publishable_key())
        .build()?;

    let email = "jane@example.com";
    let registered = client
        .customers()
        .create(&NewCustomer::new(email, "Password1!").name("Jane", "Doe"))
        .await?;
    println!(
        "1. registered {} as {}",
        registered.user().email,
        registered.user().id
    );

    client.auth().logout().await?;
    let login = client
        .auth()
        .login(&Credentials::new(email, "Password1!"))
        .await?;
    println!("2. logged in as {}", login.user.full_name);

    let me = client.customer().get().await?;
    println!("3. profile: {} <{}>", me.full_name, me.email);
    let me = client
        .customer()
        .update(&{
            let mut value = CustomerUpdate::default();
            value.phone = Some("+49 30 1234567".into());
            value
        })
        .await?;
    println!("4. phone updated to {}", me.phone.as_deref().unwrap_or("-"));

    let address = client
        .customer()
        .addresses()
        .create(&{
            let mut value = AddressInput::default();
            value.first_name = Some("Jane".into());
            value.last_name = Some("Doe".into());
            value.address1 = Some("Unter den Linden 1".into());
            value.city = Some("Berlin".into());
            value.postal_code = Some("10117".into());
            value.country_iso = Some("DE".into());
            value
        })
        .await?;
    println!(
        "5. address {} added (default billing: {}, default shipping: {})",
        address.id, address.is_default_billing, address.is_default_shipping
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
    let reset = client
        .password_resets()
        .update(
            &Password::new(message.token),
            &NewPassword::new("N3w-Password!"),
        )
        .await?
        .ok_or("Spree signs in on a reset")?;
    println!(
        "6. password reset through the outbox; signed in again as {}",
        reset.user.email
    );

    mock.advance_clock(Duration::from_secs(3601));
    let me = client.customer().get().await?;
    let refreshes = mock
        .requests()
        .iter()
        .filter(|request| request.path.ends_with("/auth/refresh") && request.status == 200)
        .count();
    println!(
        "7. an hour later the token had expired; reading the profile of {} refreshed it transparently ({refreshes} refresh)",
        me.email
    );
    if refreshes != 1 {
        return Err(format!("expected exactly one refresh, saw {refreshes}").into());
    }

    client.auth().logout().await?;
    if client.get_session().await?.is_some() {
        return Err("still signed in after logout".into());
    }
    println!("8. logged out");
    Ok(())
}

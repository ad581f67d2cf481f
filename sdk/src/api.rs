//! The operations, grouped as the JS SDKs group them: `customers`, `auth`,
//! `password_resets`, `customer` and `customer.addresses`.

use crate::client::{CallOptions, Client};
use crate::error::Error;
use crate::models::{
    Address, AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, ListOptions,
    NewCustomer, NewPassword, Page, PasswordResetRequest,
};
use crate::secret::{Password, RefreshToken};

/// The client with options that apply to every call made through it.
#[derive(Debug, Clone)]
pub struct Scoped<'a> {
    client: &'a Client,
    options: CallOptions,
}

impl Client {
    /// Calls with per-call options: a token override, a deadline, an
    /// idempotency key.
    pub fn with(&self, options: CallOptions) -> Scoped<'_> {
        Scoped {
            client: self,
            options,
        }
    }

    /// Registration.
    pub fn customers(&self) -> Customers<'_> {
        self.with(CallOptions::default()).customers()
    }

    /// Login, refresh and logout.
    pub fn auth(&self) -> AuthApi<'_> {
        self.with(CallOptions::default()).auth()
    }

    /// Password resets.
    pub fn password_resets(&self) -> PasswordResets<'_> {
        self.with(CallOptions::default()).password_resets()
    }

    /// The signed-in customer's profile and address book.
    pub fn customer(&self) -> CustomerApi<'_> {
        self.with(CallOptions::default()).customer()
    }
}

impl<'a> Scoped<'a> {
    /// Registration.
    pub fn customers(self) -> Customers<'a> {
        Customers { scope: self }
    }

    /// Login, refresh and logout.
    pub fn auth(self) -> AuthApi<'a> {
        AuthApi { scope: self }
    }

    /// Password resets.
    pub fn password_resets(self) -> PasswordResets<'a> {
        PasswordResets { scope: self }
    }

    /// The signed-in customer's profile and address book.
    pub fn customer(self) -> CustomerApi<'a> {
        CustomerApi { scope: self }
    }
}

/// Registration.
#[derive(Debug, Clone)]
pub struct Customers<'a> {
    scope: Scoped<'a>,
}

impl Customers<'_> {
    /// Registers a customer. On backends that log in on registration
    /// (Spree) the session is established and `SignedIn` is emitted.
    pub async fn create(&self, customer: &NewCustomer) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().register(customer)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        let issued = inner.backend().parse_session(&response)?;
        inner.establish(&issued, &response).await;
        Ok(issued.auth)
    }
}

/// Login, refresh and logout.
#[derive(Debug, Clone)]
pub struct AuthApi<'a> {
    scope: Scoped<'a>,
}

impl AuthApi<'_> {
    /// Logs in and holds the new session.
    pub async fn login(&self, credentials: &Credentials) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().login(credentials)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        let issued = inner.backend().parse_session(&response)?;
        inner.establish(&issued, &response).await;
        Ok(issued.auth)
    }

    /// Refreshes the held session now, joining a refresh already in flight.
    pub async fn refresh(&self) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        inner.ensure_loaded().await;
        if let Some(auth) = inner.shared_refresh()?.await? {
            return Ok(auth);
        }
        // The tokens came from another tab or process: report them.
        let session = self
            .scope
            .client
            .get_session()
            .await?
            .ok_or(Error::Unauthenticated {
                refreshed: true,
                api: None,
            })?;
        let user = match session.user {
            Some(user) => user,
            None => self.scope.client.customer().get().await?,
        };
        Ok(AuthResponse {
            token: session.token,
            refresh_token: session.refresh_token,
            user,
        })
    }

    /// Exchanges an explicit refresh token; the held session is left alone.
    pub async fn refresh_with(&self, refresh_token: &RefreshToken) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().refresh(refresh_token)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        Ok(inner.backend().parse_session(&response)?.auth)
    }

    /// Logs out: the session ends locally at once (`SignedOut`), then the
    /// refresh token is revoked best-effort. Never fails.
    pub async fn logout(&self) -> Result<(), Error> {
        self.scope.client.inner.logout().await;
        Ok(())
    }

    /// Revokes an explicit refresh token; the held session is left alone.
    pub async fn logout_with(&self, refresh_token: &RefreshToken) -> Result<(), Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().logout(Some(refresh_token))?;
        inner.execute(&request, &self.scope.options).await?;
        Ok(())
    }
}

/// Password resets.
#[derive(Debug, Clone)]
pub struct PasswordResets<'a> {
    scope: Scoped<'a>,
}

impl PasswordResets<'_> {
    /// Asks for a reset message. Answers the same whether or not the email
    /// exists; returns the server's confirmation text where it sends one.
    pub async fn create(&self, request: &PasswordResetRequest) -> Result<Option<String>, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().request_password_reset(request)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        inner.backend().parse_reset_requested(&response)
    }

    /// Completes a reset with the token from the message. On Spree this
    /// logs in (`SignedIn`) and revokes every other refresh token.
    pub async fn update(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        let request = inner
            .backend()
            .complete_password_reset(reset_token, password)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        let issued = inner.backend().parse_session(&response)?;
        inner.establish(&issued, &response).await;
        Ok(issued.auth)
    }
}

/// The signed-in customer's profile.
#[derive(Debug, Clone)]
pub struct CustomerApi<'a> {
    scope: Scoped<'a>,
}

impl<'a> CustomerApi<'a> {
    /// Reads the profile.
    pub async fn get(&self) -> Result<Customer, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().get_customer()?;
        let response = inner.execute(&request, &self.scope.options).await?;
        let customer = inner.backend().parse_customer(&response)?;
        if self.scope.options.token.is_none() {
            inner.remember_user(&customer);
        }
        Ok(customer)
    }

    /// Updates the profile; email and password changes need
    /// `current_password`.
    pub async fn update(&self, update: &CustomerUpdate) -> Result<Customer, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().update_customer(update)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        let customer = inner.backend().parse_customer(&response)?;
        if self.scope.options.token.is_none() {
            inner.remember_user(&customer);
        }
        Ok(customer)
    }

    /// The address book.
    pub fn addresses(&self) -> Addresses<'a> {
        Addresses {
            scope: self.scope.clone(),
        }
    }
}

/// The signed-in customer's address book.
#[derive(Debug, Clone)]
pub struct Addresses<'a> {
    scope: Scoped<'a>,
}

impl Addresses<'_> {
    /// One page of addresses, most recently updated first.
    pub async fn list(&self, options: &ListOptions) -> Result<Page<Address>, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().list_addresses(options)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        inner.backend().parse_address_page(&response)
    }

    /// One address.
    pub async fn get(&self, id: &str) -> Result<Address, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().get_address(id)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        inner.backend().parse_address(&response)
    }

    /// Adds an address; the first one becomes the default billing and
    /// shipping address.
    pub async fn create(&self, address: &AddressInput) -> Result<Address, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().create_address(address)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        inner.backend().parse_address(&response)
    }

    /// Changes an address. The returned id may differ from `id` (an address
    /// used by a completed order is replaced): replace cached ids.
    pub async fn update(&self, id: &str, address: &AddressInput) -> Result<Address, Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().update_address(id, address)?;
        let response = inner.execute(&request, &self.scope.options).await?;
        inner.backend().parse_address(&response)
    }

    /// Deletes an address.
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        let inner = &self.scope.client.inner;
        let request = inner.backend().delete_address(id)?;
        inner.execute(&request, &self.scope.options).await?;
        Ok(())
    }
}

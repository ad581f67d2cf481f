//! The operations, grouped as the JS SDKs group them: `customers`, `auth`,
//! `password_resets`, `customer` and `customer.addresses`.

use crate::backend::{EndedSession, Registered};
use crate::client::{CallOptions, Client};
use crate::error::Error;
use crate::models::{
    Address, AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, ListOptions,
    NewCustomer, NewPassword, Page, PasswordResetRequest, Registration,
};
use crate::secret::{AccessToken, Password, RefreshToken};

/// The client with options that apply to every call made through it.
#[derive(Debug, Clone)]
pub struct Scoped<'a> {
    client: &'a Client,
    options: CallOptions,
}

impl Client {
    /// Calls with per-call options: a token override, a deadline, an
    /// idempotency key, extra headers, a retry policy.
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
    /// Registers a customer and signs them in (`SignedIn`): with the tokens
    /// of the registration where the backend issues some (Spree, Bagisto),
    /// else by logging in with the same credentials. Where the store wants
    /// the email confirmed first, the customer is returned with no session
    /// ([`Registration::ConfirmationRequired`]).
    pub async fn create(&self, customer: &NewCustomer) -> Result<Registration, Error> {
        let inner = &self.scope.client.inner;
        let options = &self.scope.options;
        let registered = inner.call(options, false, |backend, _| backend.register(customer));
        let issued = match registered.await? {
            Registered::SignedIn(issued) => issued,
            Registered::ConfirmationRequired(user) => {
                return Ok(Registration::ConfirmationRequired { user });
            }
            Registered::Created(user) => {
                let credentials = customer.credentials();
                match inner
                    .call(options, false, |backend, _| backend.login(&credentials))
                    .await
                {
                    Ok(issued) => issued,
                    // The account exists, and its own credentials are refused
                    // until the email is confirmed.
                    Err(Error::InvalidCredentials(_)) => {
                        return Ok(Registration::ConfirmationRequired { user });
                    }
                    Err(error) => return Err(error),
                }
            }
        };
        Ok(Registration::SignedIn(inner.sign_in(issued).await?))
    }
}

/// Login, refresh and logout.
#[derive(Debug, Clone)]
pub struct AuthApi<'a> {
    scope: Scoped<'a>,
}

impl AuthApi<'_> {
    /// Logs in and holds the new session (`SignedIn`). Where the wire returns
    /// no customer, the profile is read once with the new token.
    pub async fn login(&self, credentials: &Credentials) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        let issued = inner
            .call(&self.scope.options, false, |backend, _| {
                backend.login(credentials)
            })
            .await?;
        inner.sign_in(issued).await
    }

    /// Refreshes the held session now, joining a refresh already in flight;
    /// `Unsupported` on backends without refresh.
    pub async fn refresh(&self) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        inner.check_live()?;
        inner.ensure_loaded().await;
        inner.shared_refresh()?.await?;
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
        Ok(AuthResponse::new(
            session.token,
            session.refresh_token,
            user,
        ))
    }

    /// Exchanges an explicit refresh token (server-side use); the held
    /// session is left alone. `Unsupported` on backends without refresh.
    pub async fn refresh_with(&self, refresh_token: &RefreshToken) -> Result<AuthResponse, Error> {
        let inner = &self.scope.client.inner;
        let issued = inner
            .call(&self.scope.options, false, |backend, _| {
                backend.refresh(refresh_token)
            })
            .await?;
        inner.without_session(issued).await
    }

    /// Revokes an explicit session on the server (server-side use); the
    /// held session is left alone. Spree revokes `refresh_token`; the other
    /// backends need the access `token`.
    pub async fn logout_with(
        &self,
        token: &AccessToken,
        refresh_token: Option<&RefreshToken>,
    ) -> Result<(), Error> {
        let inner = &self.scope.client.inner;
        let ended = EndedSession {
            access: token.clone(),
            refresh: refresh_token.cloned(),
            access_expired: false,
        };
        match inner.backend().revoke(&ended) {
            Some(plan) => {
                inner
                    .call(&self.scope.options, false, |_, _| Ok(plan))
                    .await
            }
            None => Ok(()),
        }
    }

    /// Logs out: the session ends locally at once (`SignedOut`), then it is
    /// revoked on the server best-effort (one refresh token on Spree and
    /// Spryker, every token of the customer on Magento, the presented token
    /// on Bagisto). Never fails.
    pub async fn logout(&self) -> Result<(), Error> {
        self.scope.client.inner.logout().await;
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
    /// exists (on every backend); returns the server's confirmation text
    /// where it sends one.
    pub async fn create(&self, request: &PasswordResetRequest) -> Result<Option<String>, Error> {
        let inner = &self.scope.client.inner;
        inner
            .call(&self.scope.options, false, |backend, _| {
                backend.request_password_reset(request)
            })
            .await
    }

    /// Completes a reset with the token from the message. Where the backend
    /// signs the customer in (Spree) the session is held (`SignedIn`) and
    /// returned; elsewhere `None` (log in with the new password).
    /// `Unsupported` where resets complete only on the store's web page
    /// (Bagisto).
    pub async fn update(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<Option<AuthResponse>, Error> {
        let inner = &self.scope.client.inner;
        let completed = inner.call(&self.scope.options, false, |backend, _| {
            backend.complete_password_reset(reset_token, password)
        });
        match completed.await? {
            Some(issued) => Ok(Some(inner.sign_in(issued).await?)),
            None => Ok(None),
        }
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
        let customer = inner
            .call(&self.scope.options, true, |backend, context| {
                backend.get_customer(context)
            })
            .await?;
        if self.scope.options.token.is_none() {
            inner.remember_user(&customer);
        }
        Ok(customer)
    }

    /// Updates the profile; email and password changes need
    /// `current_password` where the backend asks for it.
    pub async fn update(&self, update: &CustomerUpdate) -> Result<Customer, Error> {
        let inner = &self.scope.client.inner;
        let customer = inner
            .call(&self.scope.options, true, |backend, context| {
                backend.update_customer(context, update)
            })
            .await?;
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
    /// The addresses: one page where the backend paginates (Spree, most
    /// recently updated first), else all of them (`meta` is `None`).
    pub async fn list(&self, options: &ListOptions) -> Result<Page<Address>, Error> {
        let inner = &self.scope.client.inner;
        inner
            .call(&self.scope.options, true, |backend, context| {
                backend.list_addresses(context, options)
            })
            .await
    }

    /// One address; `NotFound` for an unknown or foreign id.
    pub async fn get(&self, id: &str) -> Result<Address, Error> {
        let inner = &self.scope.client.inner;
        inner
            .call(&self.scope.options, true, |backend, context| {
                backend.get_address(context, id)
            })
            .await
    }

    /// Adds an address. Whether a first address becomes a default is the
    /// backend's rule (Spree and Spryker: yes; Magento and Bagisto: no).
    pub async fn create(&self, address: &AddressInput) -> Result<Address, Error> {
        let inner = &self.scope.client.inner;
        inner
            .call(&self.scope.options, true, |backend, context| {
                backend.create_address(context, address)
            })
            .await
    }

    /// Changes an address. The returned id may differ from `id` (an address
    /// used by a completed order is replaced on Spree): replace cached ids.
    pub async fn update(&self, id: &str, address: &AddressInput) -> Result<Address, Error> {
        let inner = &self.scope.client.inner;
        inner
            .call(&self.scope.options, true, |backend, context| {
                backend.update_address(context, id, address)
            })
            .await
    }

    /// Deletes an address.
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        let inner = &self.scope.client.inner;
        inner
            .call(&self.scope.options, true, |backend, context| {
                backend.delete_address(context, id)
            })
            .await
    }
}

//! The token services: customer and admin tokens (`CustomerTokenService`,
//! `AdminTokenService`), who a token names, and revocation.

use super::errors::{Phrase, StoreError};
use super::model::{Failures, Principal};
use super::tokens::{TokenOwner, UserType};
use super::{MagentoStore, StoreView};
use crate::backends::magento::options::UnconfirmedLoginMessage;
use crate::emulator::RequestContext;
use crate::passwords::password_matches;
use subtle::ConstantTimeEq;

/// The admin user's id.
const ADMIN_ID: u64 = 1;
/// The lifetime Magento falls back to when the configured one is not positive (30 minutes).
const FALLBACK_TTL: i64 = 1800;

/// A configured token lifetime, or the fallback when it is zero or negative.
fn ttl(configured: i64) -> i64 {
    if configured > 0 {
        configured
    } else {
        FALLBACK_TTL
    }
}

/// `CredentialsValidator::validate`: both fields must be non-empty strings.
fn check_credentials(username: &str, password: &str) -> Result<(), StoreError> {
    let missing: Vec<Phrase> = [("username", username), ("password", password)]
        .into_iter()
        .filter(|(_, value)| value.is_empty())
        .map(|(name, _)| Phrase::required(name))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(missing))
    }
}

impl MagentoStore {
    /// `POST /V1/integration/customer/token`: a token for the customer of this email in the
    /// store view's website. Unknown emails, wrong passwords, locked names and the admin scope
    /// all get the generic sign-in error; an unconfirmed account gets the configured message.
    pub(crate) fn customer_token(
        &self,
        context: &RequestContext<'_>,
        scope: &'static StoreView,
        username: &str,
        password: &str,
    ) -> Result<String, StoreError> {
        check_credentials(username, password)?;
        let options = &context.options.magento;
        let (customer_id, hash) = {
            let state = self.lock();
            if state
                .logins
                .locked(UserType::Customer, username, context.now, &options.lockout)
            {
                return Err(StoreError::InvalidCredentials);
            }
            let id = state.find_by_email(scope.website_id, username);
            let hash = id
                .and_then(|id| state.customers.get(&id))
                .and_then(|customer| customer.password_hash.clone());
            (
                id,
                hash.unwrap_or_else(|| state.dummy_hash.as_str().to_owned()),
            )
        };
        // Verified outside the lock, so that hashing on one worker never stalls the others.
        let correct = password_matches(&hash, password) && customer_id.is_some();
        let mut state = self.lock();
        let now = context.now;
        let customer = customer_id.and_then(|id| state.customers.get_mut(&id));
        let accepted = match customer {
            // A locked customer fails even with the right password, and it does not count.
            Some(customer) if customer.failures.locked(now) => None,
            Some(customer)
                if correct && customer.password_hash.as_deref() == Some(hash.as_str()) =>
            {
                customer.failures = Failures::default();
                Some(&*customer)
            }
            Some(customer) => {
                customer.failures.fail(now, &options.customer_lockout);
                None
            }
            None => None,
        };
        let Some(customer) = accepted.cloned() else {
            state
                .logins
                .fail(UserType::Customer, username, now, &options.lockout);
            return Err(StoreError::InvalidCredentials);
        };
        if customer.confirmation.is_some() && options.confirmation_required {
            state
                .logins
                .fail(UserType::Customer, username, context.now, &options.lockout);
            return Err(StoreError::NotConfirmed {
                specific: options.unconfirmed_login_message == UnconfirmedLoginMessage::Specific,
            });
        }
        let owner = TokenOwner {
            user_type: UserType::Customer,
            user_id: customer.id,
        };
        state.logins.succeed(UserType::Customer, username);
        let state = &mut *state;
        Ok(state.tokens.issue(
            owner,
            context.now,
            ttl(options.customer_token_ttl),
            options.token_format,
            &mut state.rng,
        ))
    }

    /// `POST /V1/integration/admin/token`: a token for the configured admin user.
    pub(crate) fn admin_token(
        &self,
        context: &RequestContext<'_>,
        username: &str,
        password: &str,
    ) -> Result<String, StoreError> {
        check_credentials(username, password)?;
        let options = &context.options.magento;
        let mut state = self.lock();
        if state
            .logins
            .locked(UserType::Admin, username, context.now, &options.lockout)
        {
            return Err(StoreError::InvalidCredentials);
        }
        let same =
            |given: &str, expected: &str| bool::from(given.as_bytes().ct_eq(expected.as_bytes()));
        if !(username.eq_ignore_ascii_case(&options.admin_username)
            && same(password, &options.admin_password))
        {
            state
                .logins
                .fail(UserType::Admin, username, context.now, &options.lockout);
            return Err(StoreError::InvalidCredentials);
        }
        state.logins.succeed(UserType::Admin, username);
        let owner = TokenOwner {
            user_type: UserType::Admin,
            user_id: ADMIN_ID,
        };
        let state = &mut *state;
        Ok(state.tokens.issue(
            owner,
            context.now,
            ttl(options.admin_token_ttl),
            options.token_format,
            &mut state.rng,
        ))
    }

    /// Who a bearer token names at `now`: a customer that still exists, the admin, or (for a
    /// missing, invalid, expired or revoked token) a guest.
    pub(crate) fn principal(&self, token: Option<&str>, now: i64) -> Principal {
        let Some(token) = token else {
            return Principal::Guest;
        };
        let state = self.lock();
        match state.tokens.verify(token, now) {
            Some(TokenOwner {
                user_type: UserType::Customer,
                user_id,
            }) if state.customers.contains_key(&user_id) => Principal::Customer(user_id),
            Some(TokenOwner {
                user_type: UserType::Admin,
                user_id,
            }) => Principal::Admin(user_id),
            _ => Principal::Guest,
        }
    }

    /// `POST /V1/integration/customer/revoke-customer-token`: every token of the customer
    /// issued up to one second before now dies (spec §4.3).
    pub(crate) fn revoke_customer_tokens(&self, context: &RequestContext<'_>, customer_id: u64) {
        let owner = TokenOwner {
            user_type: UserType::Customer,
            user_id: customer_id,
        };
        self.lock().tokens.revoke(owner, context.now);
    }
}

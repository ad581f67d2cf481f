//! Password changes and resets (spec §2.7–§2.10, §5) and email availability (§2.2).

use super::errors::{ParamValue, Phrase, StoreError};
use super::model::Failures;
use super::{MagentoStore, StoreState, StoreView, policy, publish};
use crate::backends::magento::options::EmailAvailability;
use crate::emulator::RequestContext;
use crate::passwords::password_matches;
use subtle::ConstantTimeEq;

/// The reset email templates `PUT /V1/customers/password` accepts.
const TEMPLATES: [&str; 2] = ["email_reminder", "email_reset"];

/// The website an operation looks in, and how Magento's error shows it: a number when the
/// request named it, else the store's website id read as text.
fn website(requested: Option<i64>, scope: &'static StoreView) -> (Option<u32>, ParamValue) {
    match requested {
        Some(id) => (u32::try_from(id).ok(), ParamValue::Number(id)),
        None => (
            Some(scope.website_id),
            ParamValue::Text(scope.website_id.to_string()),
        ),
    }
}

impl StoreState {
    /// The customer of this email, or Magento's two-field `NoSuchEntityException`.
    fn require_email(
        &self,
        email: &str,
        requested_website: Option<i64>,
        scope: &'static StoreView,
    ) -> Result<u64, StoreError> {
        let (website_id, shown) = website(requested_website, scope);
        website_id
            .and_then(|website_id| self.find_by_email(website_id, email))
            .ok_or_else(|| StoreError::NoSuchEmail {
                email: email.to_owned(),
                website: shown,
            })
    }

    /// `validateResetPasswordToken`: the customer's token must match (constant-time) and be
    /// younger than the configured lifetime.
    fn check_reset_token(
        &self,
        customer_id: u64,
        token: &str,
        context: &RequestContext<'_>,
    ) -> Result<(), StoreError> {
        if token.is_empty() {
            return Err(StoreError::required("resetPasswordLinkToken"));
        }
        let stored = self
            .customers
            .get(&customer_id)
            .and_then(|customer| customer.rp_token.as_ref());
        let Some((expected, created_at)) = stored else {
            return Err(StoreError::ResetTokenMismatch);
        };
        if !bool::from(expected.as_bytes().ct_eq(token.as_bytes())) {
            return Err(StoreError::ResetTokenMismatch);
        }
        let age = context.now.saturating_sub(*created_at);
        if age < 0 || age >= context.options.magento.reset_token_ttl {
            return Err(StoreError::ResetTokenExpired);
        }
        Ok(())
    }
}

impl StoreState {
    /// `Authentication::authenticate` of a signed-in customer: the account must not be
    /// locked and `password` must be its password; a wrong one counts towards the customer
    /// model's lockout.
    fn authenticate(
        &mut self,
        context: &RequestContext<'_>,
        customer_id: u64,
        password: &str,
    ) -> Result<(), StoreError> {
        let customer =
            self.customers
                .get_mut(&customer_id)
                .ok_or_else(|| StoreError::NoSuchId {
                    field: "customerId",
                    value: customer_id.to_string(),
                })?;
        if customer.failures.locked(context.now) {
            return Err(StoreError::AccountLocked);
        }
        let matches = customer
            .password_hash
            .as_deref()
            .is_some_and(|hash| password_matches(hash, password));
        if !matches {
            customer
                .failures
                .fail(context.now, &context.options.magento.customer_lockout);
            return Err(StoreError::WrongCurrentPassword);
        }
        customer.failures = Failures::default();
        Ok(())
    }
}

impl MagentoStore {
    /// Checks the password of a signed-in customer (GraphQL's email changes ask for it):
    /// refused while the account is locked, and a wrong password counts towards the lockout.
    pub(crate) fn verify_password(
        &self,
        context: &RequestContext<'_>,
        customer_id: u64,
        password: &str,
    ) -> Result<(), StoreError> {
        self.lock().authenticate(context, customer_id, password)
    }

    /// `PUT /V1/customers/me/password`: checks the current password, then the new one
    /// (different from the email, then the policy), and clears the reset token.
    pub(crate) fn change_password(
        &self,
        context: &RequestContext<'_>,
        customer_id: u64,
        current: &str,
        new: &str,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.authenticate(context, customer_id, current)?;
        let email = state
            .customers
            .get(&customer_id)
            .map(|customer| customer.email.clone())
            .unwrap_or_default();
        policy::check_differs_from_email(new, &email)?;
        policy::check_strength(new, &context.options.magento.password_policy)?;
        let hash = state.hash_password(new, context.options);
        if let Some(customer) = state.customers.get_mut(&customer_id) {
            customer.password_hash = Some(hash);
            customer.rp_token = None;
            customer.updated_at = context.now;
        }
        Ok(())
    }

    /// `PUT /V1/customers/password`: stores a new reset token (replacing any earlier one) and
    /// mails it. An unknown email is a 404 (spec §8); with the throttle on, a request too soon
    /// after another of the same IP or email is refused first.
    pub(crate) fn request_password_reset(
        &self,
        context: &RequestContext<'_>,
        scope: &'static StoreView,
        email: &str,
        template: &str,
        requested_website: Option<i64>,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        let throttle = &context.options.magento.reset_throttle;
        if !state
            .resets
            .admit(context.client_ip, email, context.now, throttle)
        {
            return Err(StoreError::ResetThrottled);
        }
        let id = state.require_email(email, requested_website, scope)?;
        let token = state.unique_hash();
        let Some(customer) = state.customers.get_mut(&id) else {
            return Err(StoreError::NoSuchId {
                field: "customerId",
                value: id.to_string(),
            });
        };
        customer.rp_token = Some((token.clone(), context.now));
        if !TEMPLATES.contains(&template) {
            return Err(StoreError::Refused(Phrase::named(
                "Invalid value of \"%value\" provided for the %fieldName field. Possible values: %template1 or %template2.",
                vec![
                    ("value", ParamValue::Text(template.to_owned())),
                    ("fieldName", ParamValue::Text("template".into())),
                    ("template1", ParamValue::Text(TEMPLATES[0].into())),
                    ("template2", ParamValue::Text(TEMPLATES[1].into())),
                ],
            )));
        }
        publish(context, "password_reset", customer, &token, template);
        Ok(())
    }

    /// `POST /V1/customers/resetPassword`: finds the customer by email (or, for an empty
    /// email, by the token), checks the token, the new password (different from the email,
    /// then the policy), sets it and clears the token (single use).
    pub(crate) fn reset_password(
        &self,
        context: &RequestContext<'_>,
        scope: &'static StoreView,
        email: &str,
        token: &str,
        new: &str,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        let id = if email.is_empty() {
            state
                .customers
                .values()
                .find(|customer| {
                    !token.is_empty()
                        && customer.rp_token.as_ref().is_some_and(|(stored, _)| {
                            bool::from(stored.as_bytes().ct_eq(token.as_bytes()))
                        })
                })
                .map(|customer| customer.id)
                .ok_or(StoreError::ResetTokenMismatch)?
        } else {
            state.require_email(email, None, scope)?
        };
        state.check_reset_token(id, token, context)?;
        let account_email = state
            .customers
            .get(&id)
            .map(|customer| customer.email.clone())
            .unwrap_or_default();
        policy::check_differs_from_email(new, &account_email)?;
        policy::check_strength(new, &context.options.magento.password_policy)?;
        let hash = state.hash_password(new, context.options);
        if let Some(customer) = state.customers.get_mut(&id) {
            customer.password_hash = Some(hash);
            customer.rp_token = None;
            customer.failures = Failures::default();
            customer.updated_at = context.now;
        }
        Ok(())
    }

    /// `GET /V1/customers/:customerId/password/resetLinkToken/:token`.
    pub(crate) fn validate_reset_token(
        &self,
        context: &RequestContext<'_>,
        customer_id: i64,
        token: &str,
    ) -> Result<(), StoreError> {
        let Some(id) = u64::try_from(customer_id).ok().filter(|id| *id != 0) else {
            return Err(StoreError::Invalid(vec![Phrase::invalid_value(
                "customerId",
                customer_id.to_string(),
            )]));
        };
        let state = self.lock();
        if token.is_empty() {
            return Err(StoreError::required("resetPasswordLinkToken"));
        }
        if !state.customers.contains_key(&id) {
            return Err(StoreError::NoSuchId {
                field: "customerId",
                value: id.to_string(),
            });
        }
        state.check_reset_token(id, token, context)
    }

    /// `POST /V1/customers/isEmailAvailable`: always `true` in the 2.4.7 mode; whether no
    /// account of the website has the email in the legacy one.
    pub(crate) fn is_email_available(
        &self,
        context: &RequestContext<'_>,
        scope: &'static StoreView,
        email: &str,
        requested_website: Option<i64>,
    ) -> bool {
        match context.options.magento.email_availability {
            EmailAvailability::Since247 => true,
            EmailAvailability::Legacy => self
                .lock()
                .require_email(email, requested_website, scope)
                .is_err(),
        }
    }
}

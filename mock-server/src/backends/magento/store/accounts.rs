//! Registration (`AccountManagement::createAccount`) and email confirmation.

use super::errors::{ParamValue, Phrase, StoreError};
use super::model::{AddressInput, Customer, CustomerInput, Principal};
use super::profile::{apply_extra, check_dob, check_names};
use super::{MagentoStore, StoreView, addresses, directory, policy, publish};
use crate::emulator::RequestContext;

/// ACL resource of customer administration.
pub(crate) const MANAGE_RESOURCE: &str = "Magento_Customer::manage";

/// How an activation finds its account.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AccountRef<'a> {
    /// By id (the self route).
    Id(u64),
    /// By email in the store view's website (the admin route).
    Email(&'a str, &'static StoreView),
}

/// The store view a registration lands in: the one it names, else the request's (the admin
/// scope `all` falls back to the default store, as `setCurrentStore(null)` does).
fn registration_store(
    input: &CustomerInput,
    scope: &'static StoreView,
) -> Result<&'static StoreView, StoreError> {
    let default_store = &directory::DEFAULT_STORE;
    if let Some(website) = input.website_id.filter(|id| *id != 0)
        && website != i64::from(default_store.website_id)
    {
        return Err(StoreError::NotFound(Phrase::positional(
            "The website with id %1 that was requested wasn't found. Verify the website and try again.",
            vec![ParamValue::Number(website)],
        )));
    }
    if let Some(store) = input.store_id.filter(|id| *id != 0)
        && store != i64::from(default_store.id)
    {
        return Err(StoreError::NotFound(Phrase::plain(
            "The store that was requested wasn't found. Verify the store and try again.",
        )));
    }
    Ok(if scope.website_id == 0 {
        default_store
    } else {
        scope
    })
}

impl MagentoStore {
    /// `POST /V1/customers`: validates in Magento's order (email present, password policy,
    /// store, addresses, names and email format, uniqueness), stores the account and its
    /// addresses, and mails a confirmation key (confirmation required, password given) or a
    /// set-password link (no password). No token is issued.
    pub(crate) fn register(
        &self,
        context: &RequestContext<'_>,
        scope: &'static StoreView,
        caller: Principal,
        input: &CustomerInput,
        password: Option<&str>,
    ) -> Result<Customer, StoreError> {
        let options = context.options;
        if input.group_id.is_some() && !matches!(caller, Principal::Admin(_)) {
            return Err(StoreError::NotAuthorized(MANAGE_RESOURCE));
        }
        let email = input.email.as_deref().map(str::trim).unwrap_or_default();
        if email.is_empty() {
            return Err(StoreError::required("email"));
        }
        if let Some(password) = password {
            policy::check_strength(password, &options.magento.password_policy)?;
            policy::check_differs_from_email(password, email)?;
        }
        let store = registration_store(input, scope)?;
        let mut state = self.lock();
        let mut customer = state.new_customer(
            email.to_owned(),
            input.firstname.clone().unwrap_or_default(),
            input.lastname.clone().unwrap_or_default(),
            store,
            context.now,
        );
        let entries: Vec<AddressInput> = input
            .addresses
            .iter()
            .flatten()
            .map(|entry| AddressInput {
                id: None,
                ..entry.clone()
            })
            .collect();
        let mut next_address_id = state.next_address_id;
        addresses::replace(&mut customer, &entries, &mut next_address_id)?;
        check_names(&customer)?;
        check_dob(input.dob.as_deref())?;
        if state.find_by_email(store.website_id, email).is_some() {
            return Err(StoreError::DuplicateEmail);
        }
        state.next_address_id = next_address_id;
        apply_extra(&mut customer, input);
        if let Some(group) = input.group_id {
            customer.group_id = group;
        }
        match password {
            Some(password) => {
                customer.password_hash = Some(state.hash_password(password, options));
                if options.magento.confirmation_required {
                    let key = state.unique_hash();
                    customer.confirmation = Some(key.clone());
                    publish(context, "confirmation", &customer, &key, "confirmation");
                }
            }
            None => {
                let token = state.unique_hash();
                customer.rp_token = Some((token.clone(), context.now));
                publish(
                    context,
                    "password_reset",
                    &customer,
                    &token,
                    "registered_no_password",
                );
            }
        }
        state.insert(customer.clone());
        Ok(customer)
    }

    /// `PUT /V1/customers/me/activate` and `PUT /V1/customers/:email/activate`: confirms the
    /// account with the emailed key.
    pub(crate) fn activate(
        &self,
        context: &RequestContext<'_>,
        account: AccountRef<'_>,
        key: &str,
    ) -> Result<Customer, StoreError> {
        let mut state = self.lock();
        let id = match account {
            AccountRef::Id(id) => id,
            AccountRef::Email(email, scope) => state
                .find_by_email(scope.website_id, email)
                .ok_or_else(|| StoreError::NoSuchEmail {
                    email: email.to_owned(),
                    website: ParamValue::Text(scope.website_id.to_string()),
                })?,
        };
        let customer = state
            .customers
            .get_mut(&id)
            .ok_or_else(|| StoreError::NoSuchId {
                field: "customerId",
                value: id.to_string(),
            })?;
        match &customer.confirmation {
            None => Err(StoreError::AlreadyActive),
            Some(expected) if expected != key => Err(StoreError::ConfirmationInvalid),
            Some(_) => {
                customer.confirmation = None;
                customer.updated_at = context.now;
                Ok(customer.clone())
            }
        }
    }

    /// Mails the confirmation key of an account that still needs confirming again
    /// (`AccountManagement::resendConfirmation`).
    pub(crate) fn resend_confirmation(
        &self,
        context: &RequestContext<'_>,
        scope: &'static StoreView,
        email: &str,
    ) -> Result<(), StoreError> {
        let state = self.lock();
        let customer = state
            .find_by_email(scope.website_id, email)
            .and_then(|id| state.customers.get(&id))
            .ok_or_else(|| StoreError::NoSuchEmail {
                email: email.to_owned(),
                website: ParamValue::Text(scope.website_id.to_string()),
            })?;
        let key = customer
            .confirmation
            .as_deref()
            .ok_or(StoreError::AlreadyActive)?;
        publish(context, "confirmation", customer, key, "confirmation");
        Ok(())
    }
}

//! Reads and saves of a customer (`CustomerRepository::getById` / `save`): the replacement
//! semantics of spec §2.6 and the field rules they share with registration.

use super::errors::{Phrase, StoreError};
use super::model::{Customer, CustomerInput};
use super::{MagentoStore, StoreView, addresses, email_key, policy};
use crate::emulator::RequestContext;

/// Required names and the email format (Magento's customer validation).
pub(crate) fn check_names(customer: &Customer) -> Result<(), StoreError> {
    let mut errors: Vec<Phrase> = [
        ("firstname", customer.firstname.as_str()),
        ("lastname", customer.lastname.as_str()),
        ("email", customer.email.as_str()),
    ]
    .into_iter()
    .filter(|(_, value)| value.trim().is_empty())
    .map(|(name, _)| Phrase::required(name))
    .collect();
    if errors.is_empty() && !policy::email_valid(customer.email.trim()) {
        errors.push(Phrase::invalid_value("email", customer.email.clone()));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// A date of birth must be a `Y-m-d` date (a time part after it is accepted).
pub(crate) fn check_dob(dob: Option<&str>) -> Result<(), StoreError> {
    let Some(dob) = dob.filter(|dob| !dob.is_empty()) else {
        return Ok(());
    };
    let date = dob.get(..10).unwrap_or(dob);
    let mut parts = date.splitn(3, '-').map(|part| {
        (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i32>().ok())
            .flatten()
    });
    let valid = match (parts.next(), parts.next(), parts.next()) {
        (Some(Some(year)), Some(Some(month)), Some(Some(day))) => {
            let month = u8::try_from(month)
                .ok()
                .and_then(|m| time::Month::try_from(m).ok());
            let day = u8::try_from(day).ok();
            matches!((month, day), (Some(month), Some(day)) if time::Date::from_calendar_date(year, month, day).is_ok())
        }
        _ => false,
    };
    if valid {
        Ok(())
    } else {
        Err(StoreError::Invalid(vec![Phrase::invalid_value("dob", dob)]))
    }
}

/// Applies the optional attributes an input gives (an empty text clears one).
pub(crate) fn apply_extra(customer: &mut Customer, input: &CustomerInput) {
    let set = |field: &mut Option<String>, value: &Option<String>| {
        if let Some(value) = value {
            *field = Some(value.clone()).filter(|text| !text.is_empty());
        }
    };
    let extra = &mut customer.extra;
    set(&mut extra.middlename, &input.middlename);
    set(&mut extra.prefix, &input.prefix);
    set(&mut extra.suffix, &input.suffix);
    set(&mut extra.taxvat, &input.taxvat);
    if let Some(dob) = &input.dob {
        extra.dob = dob
            .get(..10)
            .map(str::to_owned)
            .filter(|dob| !dob.is_empty());
    }
    if let Some(gender) = input.gender {
        extra.gender = Some(gender);
    }
    if let Some(flag) = input.disable_auto_group_change {
        extra.disable_auto_group_change = flag;
    }
    if let Some(subscribed) = input.is_subscribed {
        customer.is_subscribed = subscribed;
    }
    if let Some(allowed) = input.allow_remote_shopping_assistance {
        customer.extra.allow_remote_shopping_assistance = allowed;
    }
    if let Some(attributes) = &input.custom_attributes {
        customer.custom_attributes = attributes.clone();
    }
}

impl MagentoStore {
    /// The customer with this email in the store view's website.
    pub(crate) fn customer_by_email(
        &self,
        scope: &'static StoreView,
        email: &str,
    ) -> Option<Customer> {
        let state = self.lock();
        state
            .find_by_email(scope.website_id, email)
            .and_then(|id| state.customers.get(&id))
            .cloned()
    }

    /// The customer with this id.
    pub(crate) fn customer(&self, id: u64) -> Result<Customer, StoreError> {
        self.lock()
            .customers
            .get(&id)
            .cloned()
            .ok_or_else(|| StoreError::NoSuchId {
                field: "customerId",
                value: id.to_string(),
            })
    }

    /// Saves the customer (`PUT /V1/customers/me`): the given names and email (`None` keeps
    /// them), optional attributes, and the address book when `addresses` is given (replaced
    /// as spec §2.6 says). An email change clears the reset token. Website, store and group
    /// stay as they are. Nothing changes when anything is refused.
    pub(crate) fn update_customer(
        &self,
        context: &RequestContext<'_>,
        id: u64,
        input: &CustomerInput,
    ) -> Result<Customer, StoreError> {
        let mut state = self.lock();
        let mut customer =
            state
                .customers
                .get(&id)
                .cloned()
                .ok_or_else(|| StoreError::NoSuchId {
                    field: "customerId",
                    value: id.to_string(),
                })?;
        let old_email = customer.email.clone();
        for (field, value) in [
            (&mut customer.email, &input.email),
            (&mut customer.firstname, &input.firstname),
            (&mut customer.lastname, &input.lastname),
        ] {
            if let Some(value) = value {
                *field = value.trim().to_owned();
            }
        }
        check_names(&customer)?;
        check_dob(input.dob.as_deref())?;
        let new_key = email_key(customer.website_id, &customer.email);
        if state
            .by_email
            .get(&new_key)
            .is_some_and(|owner| *owner != id)
        {
            return Err(StoreError::DuplicateEmail);
        }
        if let Some(entries) = &input.addresses {
            let mut next_address_id = state.next_address_id;
            addresses::replace(&mut customer, entries, &mut next_address_id)?;
            state.next_address_id = next_address_id;
        }
        apply_extra(&mut customer, input);
        if new_key != email_key(customer.website_id, &old_email) {
            customer.rp_token = None;
            state
                .by_email
                .remove(&email_key(customer.website_id, &old_email));
            state.by_email.insert(new_key, id);
        }
        customer.updated_at = context.now;
        state.customers.insert(id, customer.clone());
        Ok(customer)
    }
}

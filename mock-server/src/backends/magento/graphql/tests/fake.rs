//! A small in-memory store behind the engine's interface, with Magento's messages: enough of
//! the account lifecycle to drive every root field. The real store is the Magento emulation.

use crate::backends::magento::graphql::accounts::{
    AddressKey, Caller, CustomerAccounts, ErrorCategory, FieldError, Outcome,
};
use crate::backends::magento::graphql::inputs::{
    AttributeValueInput, ConfirmEmailInput, CustomerAddressInput, CustomerCreateInput,
    CustomerInput, CustomerUpdateInput,
};
use crate::backends::magento::graphql::model::{
    AttributeSelectedOption, AttributeValue, ConfirmationStatus, Customer, CustomerAddress,
    CustomerAddressRegion, CustomerGroup, CustomerOutput, CustomerToken, IsEmailAvailableOutput,
    RevokeCustomerTokenOutput,
};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

pub(crate) const NOT_AUTHORIZED: &str = "The current customer isn't authorized.";
const SIGN_IN_INCORRECT: &str = "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.";

/// One account.
struct Account {
    customer: Customer,
    password: String,
    reset_token: Option<String>,
}

#[derive(Default)]
struct State {
    accounts: Vec<Account>,
    /// Token → index in `accounts`.
    tokens: HashMap<String, usize>,
    issued: u32,
    next_address_id: i32,
}

/// The fake store.
#[derive(Default)]
pub(crate) struct FakeStore {
    state: Mutex<State>,
}

fn input_error(message: impl Into<String>) -> FieldError {
    FieldError::new(ErrorCategory::Input, message)
}

fn attributes(inputs: Option<Vec<Option<AttributeValueInput>>>) -> Vec<AttributeValue> {
    inputs
        .into_iter()
        .flatten()
        .flatten()
        .map(|input| match input.selected_options {
            Some(options) => AttributeValue::SelectedOptions {
                code: input.attribute_code,
                selected_options: options
                    .into_iter()
                    .flatten()
                    .map(|option| AttributeSelectedOption {
                        label: option.value.to_uppercase(),
                        value: option.value,
                    })
                    .collect(),
            },
            None => AttributeValue::Value {
                code: input.attribute_code,
                value: input.value.unwrap_or_default(),
            },
        })
        .collect()
}

/// The profile fields every customer input shares.
struct Profile {
    firstname: Option<String>,
    lastname: Option<String>,
    middlename: Option<String>,
    prefix: Option<String>,
    suffix: Option<String>,
    date_of_birth: Option<String>,
    gender: Option<i32>,
    taxvat: Option<String>,
    is_subscribed: Option<bool>,
    allow_remote_shopping_assistance: Option<bool>,
    custom_attributes: Option<Vec<Option<AttributeValueInput>>>,
}

impl Profile {
    fn apply(self, customer: &mut Customer) {
        let set = |target: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *target = value;
            }
        };
        if let Some(firstname) = self.firstname {
            customer.firstname = firstname;
        }
        if let Some(lastname) = self.lastname {
            customer.lastname = lastname;
        }
        set(&mut customer.middlename, self.middlename);
        set(&mut customer.prefix, self.prefix);
        set(&mut customer.suffix, self.suffix);
        set(&mut customer.date_of_birth, self.date_of_birth);
        set(&mut customer.taxvat, self.taxvat);
        customer.gender = self.gender.or(customer.gender);
        customer.is_subscribed = self.is_subscribed.unwrap_or(customer.is_subscribed);
        customer.allow_remote_shopping_assistance = self
            .allow_remote_shopping_assistance
            .unwrap_or(customer.allow_remote_shopping_assistance);
        if self.custom_attributes.is_some() {
            customer.custom_attributes = attributes(self.custom_attributes);
        }
    }
}

impl From<CustomerInput> for Profile {
    fn from(input: CustomerInput) -> Self {
        Self {
            firstname: input.firstname,
            lastname: input.lastname,
            middlename: input.middlename,
            prefix: input.prefix,
            suffix: input.suffix,
            date_of_birth: input.date_of_birth.or(input.dob),
            gender: input.gender,
            taxvat: input.taxvat,
            is_subscribed: input.is_subscribed,
            allow_remote_shopping_assistance: None,
            custom_attributes: None,
        }
    }
}

impl From<CustomerUpdateInput> for Profile {
    fn from(input: CustomerUpdateInput) -> Self {
        Self {
            firstname: input.firstname,
            lastname: input.lastname,
            middlename: input.middlename,
            prefix: input.prefix,
            suffix: input.suffix,
            date_of_birth: input.date_of_birth.or(input.dob),
            gender: input.gender,
            taxvat: input.taxvat,
            is_subscribed: input.is_subscribed,
            allow_remote_shopping_assistance: input.allow_remote_shopping_assistance,
            custom_attributes: input.custom_attributes,
        }
    }
}

impl FakeStore {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The account index of the caller's token.
    fn signed_in(state: &State, caller: &Caller<'_>) -> Outcome<usize> {
        caller
            .token
            .and_then(|token| state.tokens.get(token).copied())
            .ok_or_else(|| FieldError::new(ErrorCategory::Authorization, NOT_AUTHORIZED))
    }

    fn create(
        &self,
        email: String,
        password: Option<String>,
        profile: Profile,
    ) -> Outcome<CustomerOutput> {
        if !email.contains('@') {
            return Err(input_error(format!(
                "\"{email}\" is not a valid email address."
            )));
        }
        let mut state = self.lock();
        if state
            .accounts
            .iter()
            .any(|account| account.customer.email == email)
        {
            return Err(input_error(
                "A customer with the same email address already exists in an associated website.",
            ));
        }
        let mut customer = Customer {
            id: state.accounts.len() as i32 + 1,
            email,
            firstname: String::new(),
            lastname: String::new(),
            middlename: None,
            prefix: None,
            suffix: None,
            date_of_birth: None,
            gender: None,
            taxvat: None,
            is_subscribed: false,
            allow_remote_shopping_assistance: false,
            confirmation_status: ConfirmationStatus::AccountConfirmationNotRequired,
            created_at: "2026-01-01 00:00:00".to_owned(),
            group: CustomerGroup {
                id: 1,
                name: "General".to_owned(),
            },
            default_billing: None,
            default_shipping: None,
            addresses: Vec::new(),
            custom_attributes: Vec::new(),
        };
        profile.apply(&mut customer);
        if customer.firstname.is_empty() {
            return Err(input_error("Required parameters are missing: First Name"));
        }
        state.accounts.push(Account {
            customer: customer.clone(),
            password: password.unwrap_or_default(),
            reset_token: None,
        });
        Ok(CustomerOutput { customer })
    }

    fn with_address(
        &self,
        caller: &Caller<'_>,
        key: &AddressKey,
    ) -> Outcome<(MutexGuard<'_, State>, usize, usize)> {
        let state = self.lock();
        let owner = Self::signed_in(&state, caller)?;
        let (id, article) = match key {
            AddressKey::Id(id) => (*id, "a"),
            AddressKey::Uid { id, .. } => (*id, "an"),
        };
        if id == 0 {
            return Err(input_error("Address \"id\" value should be specified"));
        }
        let found = state
            .accounts
            .iter()
            .enumerate()
            .find_map(|(index, account)| {
                let position = account.customer.addresses.iter().position(|a| a.id == id)?;
                Some((index, position))
            });
        match found {
            None => Err(FieldError::new(
                ErrorCategory::NoSuchEntity,
                format!("Could not find {article} address with ID \"{id}\""),
            )),
            Some((index, _)) if index != owner => Err(FieldError::new(
                ErrorCategory::Authorization,
                format!("Current customer does not have permission to address with ID \"{id}\""),
            )),
            Some((index, position)) => Ok((state, index, position)),
        }
    }
}

/// Writes the fields of an address input present in `input` onto `address`.
fn apply_address(address: &mut CustomerAddress, input: CustomerAddressInput) -> Outcome<()> {
    let set = |target: &mut Option<String>, value: Option<String>| {
        if value.is_some() {
            *target = value;
        }
    };
    set(&mut address.firstname, input.firstname);
    set(&mut address.lastname, input.lastname);
    set(&mut address.middlename, input.middlename);
    set(&mut address.prefix, input.prefix);
    set(&mut address.suffix, input.suffix);
    set(&mut address.company, input.company);
    set(&mut address.city, input.city);
    set(&mut address.postcode, input.postcode);
    set(&mut address.telephone, input.telephone);
    set(&mut address.fax, input.fax);
    set(&mut address.vat_id, input.vat_id);
    set(
        &mut address.country_code,
        input.country_code.or(input.country_id),
    );
    if let Some(street) = input.street {
        if street.len() > 2 {
            return Err(input_error(
                "\"Street Address\" cannot contain more than 2 lines.",
            ));
        }
        address.street = street.into_iter().flatten().collect();
    }
    if let Some(region) = input.region {
        address.region = Some(CustomerAddressRegion {
            region: region.region,
            region_code: region.region_code,
            region_id: region.region_id,
        });
    }
    address.default_billing = input.default_billing.unwrap_or(address.default_billing);
    address.default_shipping = input.default_shipping.unwrap_or(address.default_shipping);
    let plain = input
        .custom_attributes
        .into_iter()
        .flatten()
        .flatten()
        .map(|attribute| AttributeValue::Value {
            code: attribute.attribute_code,
            value: attribute.value,
        });
    let mut custom = attributes(input.custom_attributesV2);
    custom.extend(plain);
    if !custom.is_empty() {
        address.custom_attributes = custom;
    }
    Ok(())
}

/// Keeps the customer's default ids in step with the address flags.
fn sync_defaults(customer: &mut Customer, changed: usize) {
    let address = &customer.addresses[changed];
    let (id, billing, shipping) = (
        address.id,
        address.default_billing,
        address.default_shipping,
    );
    for (index, other) in customer.addresses.iter_mut().enumerate() {
        if index != changed {
            other.default_billing &= !billing;
            other.default_shipping &= !shipping;
        }
    }
    if billing {
        customer.default_billing = Some(id);
    }
    if shipping {
        customer.default_shipping = Some(id);
    }
}

impl CustomerAccounts for FakeStore {
    fn customer(&self, caller: &Caller<'_>) -> Outcome<Customer> {
        let state = self.lock();
        let index = Self::signed_in(&state, caller)?;
        Ok(state.accounts[index].customer.clone())
    }

    fn is_email_available(
        &self,
        _caller: &Caller<'_>,
        email: &str,
    ) -> Outcome<IsEmailAvailableOutput> {
        let taken = self
            .lock()
            .accounts
            .iter()
            .any(|account| account.customer.email == email);
        Ok(IsEmailAvailableOutput {
            is_email_available: !taken,
        })
    }

    fn create_customer(
        &self,
        _caller: &Caller<'_>,
        mut input: CustomerInput,
    ) -> Outcome<CustomerOutput> {
        let email = input.email.take().unwrap_or_default();
        let password = input.password.take();
        self.create(email, password, input.into())
    }

    fn create_customer_v2(
        &self,
        _caller: &Caller<'_>,
        input: CustomerCreateInput,
    ) -> Outcome<CustomerOutput> {
        let profile = Profile {
            firstname: Some(input.firstname),
            lastname: Some(input.lastname),
            middlename: input.middlename,
            prefix: input.prefix,
            suffix: input.suffix,
            date_of_birth: input.date_of_birth.or(input.dob),
            gender: input.gender,
            taxvat: input.taxvat,
            is_subscribed: input.is_subscribed,
            allow_remote_shopping_assistance: input.allow_remote_shopping_assistance,
            custom_attributes: input.custom_attributes,
        };
        self.create(input.email, input.password, profile)
    }

    fn update_customer(
        &self,
        caller: &Caller<'_>,
        input: CustomerInput,
    ) -> Outcome<CustomerOutput> {
        let mut state = self.lock();
        let index = Self::signed_in(&state, caller)?;
        let account = &mut state.accounts[index];
        if let Some(email) = input.email.clone() {
            if input.password.as_deref() != Some(account.password.as_str()) {
                return Err(input_error(
                    "Provide the current \"password\" to change \"email\".",
                ));
            }
            account.customer.email = email;
        }
        Profile::from(input).apply(&mut account.customer);
        Ok(CustomerOutput {
            customer: account.customer.clone(),
        })
    }

    fn update_customer_v2(
        &self,
        caller: &Caller<'_>,
        input: CustomerUpdateInput,
    ) -> Outcome<CustomerOutput> {
        let mut state = self.lock();
        let index = Self::signed_in(&state, caller)?;
        let customer = &mut state.accounts[index].customer;
        Profile::from(input).apply(customer);
        Ok(CustomerOutput {
            customer: customer.clone(),
        })
    }

    fn update_customer_email(
        &self,
        caller: &Caller<'_>,
        email: &str,
        password: &str,
    ) -> Outcome<CustomerOutput> {
        let mut state = self.lock();
        let index = Self::signed_in(&state, caller)?;
        if state
            .accounts
            .iter()
            .any(|account| account.customer.email == email)
        {
            return Err(FieldError::new(
                ErrorCategory::AlreadyExists,
                "A customer with the same email address already exists in an associated website.",
            ));
        }
        let account = &mut state.accounts[index];
        if account.password != password {
            return Err(FieldError::new(
                ErrorCategory::Authentication,
                "Invalid login or password.",
            ));
        }
        account.customer.email = email.to_owned();
        Ok(CustomerOutput {
            customer: account.customer.clone(),
        })
    }

    fn change_customer_password(
        &self,
        caller: &Caller<'_>,
        current_password: &str,
        new_password: &str,
    ) -> Outcome<Customer> {
        let mut state = self.lock();
        let index = Self::signed_in(&state, caller)?;
        let account = &mut state.accounts[index];
        if account.password != current_password {
            return Err(FieldError::new(
                ErrorCategory::Authentication,
                "The password doesn't match this account. Verify the password and try again.",
            ));
        }
        account.password = new_password.to_owned();
        Ok(account.customer.clone())
    }

    fn generate_customer_token(
        &self,
        _caller: &Caller<'_>,
        email: &str,
        password: &str,
    ) -> Outcome<CustomerToken> {
        if email.is_empty() {
            return Err(input_error("Specify the \"email\" value."));
        }
        if password.is_empty() {
            return Err(input_error("Specify the \"password\" value."));
        }
        let mut state = self.lock();
        let index = state
            .accounts
            .iter()
            .position(|account| account.customer.email == email && account.password == password)
            .ok_or_else(|| FieldError::new(ErrorCategory::Authentication, SIGN_IN_INCORRECT))?;
        state.issued += 1;
        let token = format!("fake-token-{}", state.issued);
        state.tokens.insert(token.clone(), index);
        Ok(CustomerToken { token })
    }

    fn revoke_customer_token(&self, caller: &Caller<'_>) -> Outcome<RevokeCustomerTokenOutput> {
        let mut state = self.lock();
        let index = Self::signed_in(&state, caller)?;
        state.tokens.retain(|_, owner| *owner != index);
        Ok(RevokeCustomerTokenOutput { result: true })
    }

    fn request_password_reset_email(&self, _caller: &Caller<'_>, email: &str) -> Outcome<bool> {
        if email.is_empty() {
            return Err(input_error("You must specify an email address."));
        }
        let mut state = self.lock();
        let account = state
            .accounts
            .iter_mut()
            .find(|account| account.customer.email == email)
            .ok_or_else(|| input_error("Cannot reset the customer's password"))?;
        account.reset_token = Some(format!("reset-{}", account.customer.id));
        Ok(true)
    }

    fn reset_password(
        &self,
        _caller: &Caller<'_>,
        email: &str,
        reset_password_token: &str,
        new_password: &str,
    ) -> Outcome<bool> {
        let mut state = self.lock();
        let account = state
            .accounts
            .iter_mut()
            .find(|account| {
                account.customer.email == email
                    && account.reset_token.as_deref() == Some(reset_password_token)
            })
            .ok_or_else(|| input_error("Cannot set the customer's password"))?;
        account.password = new_password.to_owned();
        account.reset_token = None;
        Ok(true)
    }

    fn confirm_email(
        &self,
        _caller: &Caller<'_>,
        input: ConfirmEmailInput,
    ) -> Outcome<CustomerOutput> {
        let known = self
            .lock()
            .accounts
            .iter()
            .any(|account| account.customer.email == input.email);
        if !known {
            return Err(input_error("Email is invalid."));
        }
        if input.confirmation_key.is_empty() {
            return Err(input_error(
                "The confirmation token is invalid. Verify the token and try again.",
            ));
        }
        Err(input_error("The account is already active."))
    }

    fn resend_confirmation_email(&self, _caller: &Caller<'_>, _email: &str) -> Outcome<bool> {
        Err(input_error("Confirmation isn't needed."))
    }

    fn create_customer_address(
        &self,
        caller: &Caller<'_>,
        input: CustomerAddressInput,
    ) -> Outcome<CustomerAddress> {
        let mut state = self.lock();
        let index = Self::signed_in(&state, caller)?;
        if input.firstname.is_none() {
            return Err(input_error("Required parameters are missing: firstname"));
        }
        state.next_address_id += 1;
        let id = state.next_address_id;
        let customer = &mut state.accounts[index].customer;
        let mut address = CustomerAddress {
            id,
            customer_id: customer.id,
            firstname: None,
            lastname: None,
            middlename: None,
            prefix: None,
            suffix: None,
            company: None,
            street: Vec::new(),
            city: None,
            postcode: None,
            region: None,
            country_code: None,
            telephone: None,
            fax: None,
            vat_id: None,
            default_billing: false,
            default_shipping: false,
            custom_attributes: Vec::new(),
        };
        apply_address(&mut address, input)?;
        customer.addresses.push(address);
        let changed = customer.addresses.len() - 1;
        sync_defaults(customer, changed);
        Ok(customer.addresses[changed].clone())
    }

    fn update_customer_address(
        &self,
        caller: &Caller<'_>,
        address: AddressKey,
        input: Option<CustomerAddressInput>,
    ) -> Outcome<CustomerAddress> {
        let (mut state, index, position) = self.with_address(caller, &address)?;
        let input = input.ok_or_else(|| input_error("\"input\" value must be specified"))?;
        let customer = &mut state.accounts[index].customer;
        apply_address(&mut customer.addresses[position], input)?;
        sync_defaults(customer, position);
        Ok(customer.addresses[position].clone())
    }

    fn delete_customer_address(&self, caller: &Caller<'_>, address: AddressKey) -> Outcome<bool> {
        let (mut state, index, position) = self.with_address(caller, &address)?;
        let customer = &mut state.accounts[index].customer;
        let found = &customer.addresses[position];
        for (is_default, kind) in [
            (found.default_billing, "billing"),
            (found.default_shipping, "shipping"),
        ] {
            if is_default {
                return Err(input_error(format!(
                    "Customer Address {} is set as default {kind} address and cannot be deleted",
                    found.id
                )));
            }
        }
        customer.addresses.remove(position);
        Ok(true)
    }
}

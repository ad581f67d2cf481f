//! The Magento store behind the engine: [`CustomerAccounts`] on the same [`MagentoStore`] the
//! REST API serves, so customers, tokens, revocations, lockouts and the outbox are shared
//! (spec §3). Each method checks its arguments as Magento's resolver does, calls the store,
//! and words the store's refusals with the resolver's message and category.

use super::GraphqlVersion;
use super::accounts::{AddressKey, Caller, CustomerAccounts, ErrorCategory, FieldError, Outcome};
use super::inputs::{
    AttributeValueInput, ConfirmEmailInput, CustomerAddressInput, CustomerCreateInput,
    CustomerInput, CustomerUpdateInput,
};
use super::model::{
    AttributeSelectedOption, AttributeValue, ConfirmationStatus, Customer, CustomerAddress,
    CustomerAddressRegion, CustomerGroup, CustomerOutput, CustomerToken, IsEmailAvailableOutput,
    RevokeCustomerTokenOutput,
};
use crate::backends::magento::store::errors::Family;
use crate::backends::magento::store::model::{
    Address, AddressFields, AddressFieldsInput, AddressInput, AttributeData, CustomAttribute,
    RegionValue,
};
use crate::backends::magento::store::{
    self as records, AccountRef, MagentoStore, Principal, StoreError, StoreView, directory, policy,
};
use crate::emulator::RequestContext;

/// Magento's message for a customer-only field without a valid customer token.
pub(crate) const NOT_AUTHORIZED: &str = "The current customer isn't authorized.";
/// The reset email template of `requestPasswordResetEmail` (`AccountManagement::EMAIL_RESET`).
const RESET_TEMPLATE: &str = "email_reset";

/// One request's view of the store: the store and the request's options, clock and outbox.
pub(crate) struct StoreAccounts<'a> {
    store: &'a MagentoStore,
    context: &'a RequestContext<'a>,
}

impl<'a> StoreAccounts<'a> {
    /// The store as one request sees it.
    pub(crate) fn new(store: &'a MagentoStore, context: &'a RequestContext<'a>) -> Self {
        Self { store, context }
    }

    /// The store view of the `Store` header (the default one without it).
    fn scope(caller: &Caller<'_>) -> Outcome<&'static StoreView> {
        match caller.store {
            None => Ok(&directory::DEFAULT_STORE),
            Some(code) if code == directory::DEFAULT_STORE.code => Ok(&directory::DEFAULT_STORE),
            Some(_) => Err(input_error("Requested store is not found")),
        }
    }

    /// The signed-in customer's id, or `graphql-authorization`.
    fn customer_id(&self, caller: &Caller<'_>) -> Outcome<u64> {
        Self::scope(caller)?;
        match self.store.principal(caller.token, self.context.now) {
            Principal::Customer(id) => Ok(id),
            Principal::Guest | Principal::Admin(_) => Err(FieldError::new(
                ErrorCategory::Authorization,
                NOT_AUTHORIZED,
            )),
        }
    }

    /// The signed-in customer as the schema shows it.
    fn signed_in(&self, caller: &Caller<'_>) -> Outcome<Customer> {
        let id = self.customer_id(caller)?;
        self.store
            .customer(id)
            .map(|customer| self.show(&customer))
            .map_err(field_error)
    }

    /// A store record as the schema's `Customer`.
    fn show(&self, customer: &records::Customer) -> Customer {
        let confirmed = customer.confirmation.is_none();
        Customer {
            id: int(customer.id),
            email: customer.email.clone(),
            firstname: customer.firstname.clone(),
            lastname: customer.lastname.clone(),
            middlename: customer.extra.middlename.clone(),
            prefix: customer.extra.prefix.clone(),
            suffix: customer.extra.suffix.clone(),
            date_of_birth: customer.extra.dob.clone(),
            gender: customer.extra.gender.and_then(|g| i32::try_from(g).ok()),
            taxvat: customer.extra.taxvat.clone(),
            is_subscribed: customer.is_subscribed,
            allow_remote_shopping_assistance: customer.extra.allow_remote_shopping_assistance,
            // The schema has no "confirmation required" value: an account still waiting
            // reads as one that needs none.
            confirmation_status: if self.context.options.magento.confirmation_required && confirmed
            {
                ConfirmationStatus::AccountConfirmed
            } else {
                ConfirmationStatus::AccountConfirmationNotRequired
            },
            created_at: timestamp(customer.created_at),
            group: CustomerGroup {
                id: i32::try_from(customer.group_id).unwrap_or_default(),
                name: group_name(customer.group_id).to_owned(),
            },
            default_billing: customer.default_billing.map(int),
            default_shipping: customer.default_shipping.map(int),
            addresses: customer
                .addresses
                .iter()
                .map(|address| show_address(customer, address))
                .collect(),
            custom_attributes: attributes_out(&customer.custom_attributes),
        }
    }

    /// Registers a customer (both create mutations) and answers the new account.
    fn register(
        &self,
        caller: &Caller<'_>,
        input: &records::model::CustomerInput,
        password: Option<&str>,
    ) -> Outcome<CustomerOutput> {
        let scope = Self::scope(caller)?;
        check_customer_data(input, true)?;
        let customer = self
            .store
            .register(self.context, scope, Principal::Guest, input, password)
            .map_err(field_error)?;
        Ok(CustomerOutput {
            customer: self.show(&customer),
        })
    }

    /// Saves the signed-in customer with `input` and answers it.
    fn save(&self, id: u64, input: &records::model::CustomerInput) -> Outcome<CustomerOutput> {
        check_customer_data(input, false)?;
        let customer = self
            .store
            .update_customer(self.context, id, input)
            .map_err(|error| match error {
                StoreError::DuplicateEmail => FieldError::new(
                    ErrorCategory::AlreadyExists,
                    StoreError::DuplicateEmail.to_string(),
                ),
                other => field_error(other),
            })?;
        Ok(CustomerOutput {
            customer: self.show(&customer),
        })
    }

    /// The caller's id and the address `key` names, after Magento's ownership checks.
    fn own_address(&self, caller: &Caller<'_>, key: &AddressKey) -> Outcome<(u64, u64)> {
        let customer_id = self.customer_id(caller)?;
        let (id, article) = match key {
            AddressKey::Id(id) => (*id, "a"),
            AddressKey::Uid { id, .. } => (*id, "an"),
        };
        if id == 0 {
            return Err(input_error("Address \"id\" value should be specified"));
        }
        let not_found = || {
            FieldError::new(
                ErrorCategory::NoSuchEntity,
                format!("Could not find {article} address with ID \"{id}\""),
            )
        };
        let address_id = u64::try_from(id).map_err(|_| not_found())?;
        match self.store.address_owner(address_id) {
            None => Err(not_found()),
            Some(owner) if owner != customer_id => Err(FieldError::new(
                ErrorCategory::Authorization,
                format!("Current customer does not have permission to address with ID \"{id}\""),
            )),
            Some(_) => Ok((customer_id, address_id)),
        }
    }

    /// Saves one address of the signed-in customer and answers it.
    fn save_address(&self, customer_id: u64, input: &AddressInput) -> Outcome<CustomerAddress> {
        let saved = self
            .store
            .save_address(self.context, customer_id, input)
            .map_err(field_error)?;
        let customer = self.store.customer(customer_id).map_err(field_error)?;
        Ok(show_address(&customer, &saved))
    }
}

/// An id as the schema's `Int` (store ids stay far below 2³¹).
fn int(id: u64) -> i32 {
    i32::try_from(id).unwrap_or(i32::MAX)
}

/// `YYYY-MM-DD HH:MM:SS` (UTC), as Magento stores times.
fn timestamp(unix: i64) -> String {
    let at =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// The names of Magento's default customer groups.
fn group_name(id: i64) -> &'static str {
    match id {
        0 => "NOT LOGGED IN",
        2 => "Wholesale",
        3 => "Retailer",
        _ => "General",
    }
}

/// A stored address as the schema's `CustomerAddress`.
fn show_address(customer: &records::Customer, address: &Address) -> CustomerAddress {
    let fields = &address.fields;
    let region = match &fields.region {
        RegionValue::None => None,
        RegionValue::Directory(region) => Some(CustomerAddressRegion {
            region: Some(region.name.to_owned()),
            region_code: Some(region.code.to_owned()),
            region_id: i32::try_from(region.id).ok(),
        }),
        RegionValue::Text(name) => Some(CustomerAddressRegion {
            region: Some(name.clone()),
            region_code: None,
            region_id: Some(0),
        }),
    };
    CustomerAddress {
        id: int(address.id),
        customer_id: int(address.customer_id),
        firstname: fields.firstname.clone(),
        lastname: fields.lastname.clone(),
        middlename: fields.middlename.clone(),
        prefix: fields.prefix.clone(),
        suffix: fields.suffix.clone(),
        company: fields.company.clone(),
        street: fields.street.clone(),
        city: fields.city.clone(),
        postcode: fields.postcode.clone(),
        region,
        country_code: fields.country_id.clone(),
        telephone: fields.telephone.clone(),
        fax: fields.fax.clone(),
        vat_id: fields.vat_id.clone(),
        default_billing: customer.default_billing == Some(address.id),
        default_shipping: customer.default_shipping == Some(address.id),
        custom_attributes: attributes_out(&fields.custom_attributes),
    }
}

/// Stored custom attributes as the schema's values (an option's label is its value: the
/// store defines no option labels).
fn attributes_out(attributes: &[CustomAttribute]) -> Vec<AttributeValue> {
    attributes
        .iter()
        .map(|attribute| match &attribute.value {
            AttributeData::Text(value) => AttributeValue::Value {
                code: attribute.code.clone(),
                value: value.clone(),
            },
            AttributeData::Options(values) => AttributeValue::SelectedOptions {
                code: attribute.code.clone(),
                selected_options: values
                    .iter()
                    .map(|value| AttributeSelectedOption {
                        label: value.clone(),
                        value: value.clone(),
                    })
                    .collect(),
            },
        })
        .collect()
}

/// `AttributeValueInput`s as stored attributes (`null` items are skipped).
fn attributes_in(inputs: Option<Vec<Option<AttributeValueInput>>>) -> Option<Vec<CustomAttribute>> {
    inputs.map(|inputs| {
        inputs
            .into_iter()
            .flatten()
            .map(|input| CustomAttribute {
                code: input.attribute_code,
                value: match input.selected_options {
                    Some(options) => AttributeData::Options(
                        options.into_iter().flatten().map(|o| o.value).collect(),
                    ),
                    None => AttributeData::Text(input.value.unwrap_or_default()),
                },
            })
            .collect()
    })
}

/// A `graphql-input` error.
fn input_error(message: impl Into<String>) -> FieldError {
    FieldError::new(ErrorCategory::Input, message)
}

/// A store refusal as Magento's resolvers rethrow it: the rendered message, and the
/// category of its exception family.
fn field_error(error: StoreError) -> FieldError {
    let category = match (&error, error.family()) {
        (StoreError::NotAuthorized(_), _) => ErrorCategory::Authorization,
        (_, Family::NoSuchEntity) => ErrorCategory::NoSuchEntity,
        (_, Family::Authentication) => ErrorCategory::Authentication,
        (_, Family::Input) => ErrorCategory::Input,
    };
    FieldError::new(category, error.to_string())
}

/// `ValidateCustomerData`: the required attributes given empty (by their labels), then the
/// email's format, then the gender. A registration also needs every required attribute.
fn check_customer_data(input: &records::model::CustomerInput, registering: bool) -> Outcome<()> {
    let missing: Vec<&str> = [
        ("First Name", &input.firstname),
        ("Last Name", &input.lastname),
        ("Email", &input.email),
    ]
    .into_iter()
    .filter(|(_, value)| match value {
        Some(text) => text.trim().is_empty(),
        None => registering,
    })
    .map(|(label, _)| label)
    .collect();
    if !missing.is_empty() {
        return Err(input_error(format!(
            "Required parameters are missing: {}",
            missing.join(", ")
        )));
    }
    if let Some(email) = &input.email
        && !policy::email_valid(email.trim())
    {
        // Spec §2.1's words; Magento's ValidateCustomerData puts the submitted value in
        // place of `"Email"` (contracts/DISCREPANCIES.md: the prose spec wins).
        return Err(input_error("\"Email\" is not a valid email address."));
    }
    if let Some(gender) = input.gender
        && gender != 0
        && !(1..=3).contains(&gender)
    {
        return Err(input_error(format!(
            "\"{gender}\" is not a valid gender value."
        )));
    }
    Ok(())
}

/// The deprecated `CustomerInput` as the store's input (without the password).
fn from_customer_input(input: CustomerInput) -> records::model::CustomerInput {
    records::model::CustomerInput {
        email: input.email,
        firstname: input.firstname,
        lastname: input.lastname,
        dob: input.date_of_birth.or(input.dob),
        middlename: input.middlename,
        prefix: input.prefix,
        suffix: input.suffix,
        gender: input.gender.map(i64::from),
        taxvat: input.taxvat,
        is_subscribed: input.is_subscribed,
        ..records::model::CustomerInput::default()
    }
}

/// A `CustomerAddressInput` as the store's address input.
fn address_in(id: Option<u64>, input: CustomerAddressInput) -> AddressInput {
    let region = input.region.unwrap_or_default();
    let mut custom = attributes_in(input.custom_attributesV2).unwrap_or_default();
    custom.extend(
        input
            .custom_attributes
            .into_iter()
            .flatten()
            .flatten()
            .map(|attribute| CustomAttribute {
                code: attribute.attribute_code,
                value: AttributeData::Text(attribute.value),
            }),
    );
    AddressInput {
        id: id.and_then(|id| i64::try_from(id).ok()),
        fields: AddressFieldsInput {
            text: AddressFields {
                firstname: input.firstname,
                lastname: input.lastname,
                middlename: input.middlename,
                prefix: input.prefix,
                suffix: input.suffix,
                company: input.company,
                street: input.street.into_iter().flatten().flatten().collect(),
                city: input.city,
                postcode: input.postcode,
                country_id: input.country_code.or(input.country_id),
                region: RegionValue::None,
                telephone: input.telephone,
                fax: input.fax,
                vat_id: input.vat_id,
                custom_attributes: custom,
            },
            region_id: region.region_id.map(i64::from),
            region_code: region.region_code,
            region_name: region.region,
        },
        default_billing: input.default_billing,
        default_shipping: input.default_shipping,
    }
}

/// `CreateCustomerAddress::validateData`: the required address attributes, by code.
fn check_new_address(input: &CustomerAddressInput) -> Outcome<()> {
    let blank = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
    let street_blank = input
        .street
        .as_ref()
        .is_none_or(|lines| lines.iter().flatten().all(|line| line.trim().is_empty()));
    let country_blank = blank(&input.country_code) && blank(&input.country_id);
    let missing: Vec<&str> = [
        ("firstname", blank(&input.firstname)),
        ("lastname", blank(&input.lastname)),
        ("street", street_blank),
        ("city", blank(&input.city)),
        ("country_id", country_blank),
        ("telephone", blank(&input.telephone)),
    ]
    .into_iter()
    .filter(|(_, missing)| *missing)
    .map(|(code, _)| code)
    .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(input_error(format!(
            "Required parameters are missing: {}",
            missing.join(", ")
        )))
    }
}

impl CustomerAccounts for StoreAccounts<'_> {
    fn customer(&self, caller: &Caller<'_>) -> Outcome<Customer> {
        self.signed_in(caller)
    }

    fn is_email_available(
        &self,
        caller: &Caller<'_>,
        email: &str,
    ) -> Outcome<IsEmailAvailableOutput> {
        let scope = Self::scope(caller)?;
        if email.trim().is_empty() {
            return Err(input_error("Email must be specified"));
        }
        if !policy::email_valid(email.trim()) {
            return Err(input_error("Email is invalid"));
        }
        Ok(IsEmailAvailableOutput {
            is_email_available: self
                .store
                .is_email_available(self.context, scope, email, None),
        })
    }

    fn create_customer(
        &self,
        caller: &Caller<'_>,
        input: CustomerInput,
    ) -> Outcome<CustomerOutput> {
        let password = input.password.clone().filter(|p| !p.is_empty());
        let data = from_customer_input(input);
        self.register(caller, &data, password.as_deref())
    }

    fn create_customer_v2(
        &self,
        caller: &Caller<'_>,
        input: CustomerCreateInput,
    ) -> Outcome<CustomerOutput> {
        let password = input.password.clone().filter(|p| !p.is_empty());
        let data = records::model::CustomerInput {
            email: Some(input.email),
            firstname: Some(input.firstname),
            lastname: Some(input.lastname),
            dob: input.date_of_birth.or(input.dob),
            middlename: input.middlename,
            prefix: input.prefix,
            suffix: input.suffix,
            gender: input.gender.map(i64::from),
            taxvat: input.taxvat,
            is_subscribed: input.is_subscribed,
            allow_remote_shopping_assistance: input.allow_remote_shopping_assistance,
            custom_attributes: attributes_in(input.custom_attributes),
            ..records::model::CustomerInput::default()
        };
        self.register(caller, &data, password.as_deref())
    }

    fn update_customer(
        &self,
        caller: &Caller<'_>,
        input: CustomerInput,
    ) -> Outcome<CustomerOutput> {
        let id = self.customer_id(caller)?;
        let password = input.password.clone();
        let mut data = from_customer_input(input);
        let current = self.store.customer(id).map_err(field_error)?;
        match data.email.take() {
            Some(email) if !email.eq_ignore_ascii_case(&current.email) => {
                let password = password.filter(|p| !p.is_empty()).ok_or_else(|| {
                    input_error("Provide the current \"password\" to change \"email\".")
                })?;
                self.store
                    .verify_password(self.context, id, &password)
                    .map_err(field_error)?;
                data.email = Some(email);
            }
            _ => {}
        }
        self.save(id, &data)
    }

    fn update_customer_v2(
        &self,
        caller: &Caller<'_>,
        input: CustomerUpdateInput,
    ) -> Outcome<CustomerOutput> {
        let id = self.customer_id(caller)?;
        let data = records::model::CustomerInput {
            firstname: input.firstname,
            lastname: input.lastname,
            dob: input.date_of_birth.or(input.dob),
            middlename: input.middlename,
            prefix: input.prefix,
            suffix: input.suffix,
            gender: input.gender.map(i64::from),
            taxvat: input.taxvat,
            is_subscribed: input.is_subscribed,
            allow_remote_shopping_assistance: input.allow_remote_shopping_assistance,
            custom_attributes: attributes_in(input.custom_attributes),
            ..records::model::CustomerInput::default()
        };
        self.save(id, &data)
    }

    fn update_customer_email(
        &self,
        caller: &Caller<'_>,
        email: &str,
        password: &str,
    ) -> Outcome<CustomerOutput> {
        let id = self.customer_id(caller)?;
        self.store
            .verify_password(self.context, id, password)
            .map_err(field_error)?;
        let data = records::model::CustomerInput {
            email: Some(email.to_owned()),
            ..records::model::CustomerInput::default()
        };
        self.save(id, &data)
    }

    fn change_customer_password(
        &self,
        caller: &Caller<'_>,
        current_password: &str,
        new_password: &str,
    ) -> Outcome<Customer> {
        let id = self.customer_id(caller)?;
        if current_password.is_empty() {
            return Err(input_error("Specify the \"currentPassword\" value."));
        }
        if new_password.is_empty() {
            return Err(input_error("Specify the \"newPassword\" value."));
        }
        self.store
            .change_password(self.context, id, current_password, new_password)
            .map_err(field_error)?;
        self.signed_in(caller)
    }

    fn generate_customer_token(
        &self,
        caller: &Caller<'_>,
        email: &str,
        password: &str,
    ) -> Outcome<CustomerToken> {
        let scope = Self::scope(caller)?;
        if email.is_empty() {
            return Err(input_error("Specify the \"email\" value."));
        }
        if password.is_empty() {
            return Err(input_error("Specify the \"password\" value."));
        }
        let version = self.context.options.magento.graphql.version;
        let token = self
            .store
            .customer_token(self.context, scope, email, password)
            .map_err(|error| match error {
                StoreError::NotConfirmed { .. } if version == GraphqlVersion::V2_4_7 => {
                    field_error(StoreError::NotConfirmed { specific: false })
                }
                other => field_error(other),
            })?;
        Ok(CustomerToken { token })
    }

    fn revoke_customer_token(&self, caller: &Caller<'_>) -> Outcome<RevokeCustomerTokenOutput> {
        let id = self.customer_id(caller)?;
        self.store.revoke_customer_tokens(self.context, id);
        Ok(RevokeCustomerTokenOutput { result: true })
    }

    fn request_password_reset_email(&self, caller: &Caller<'_>, email: &str) -> Outcome<bool> {
        let scope = Self::scope(caller)?;
        if email.is_empty() {
            return Err(input_error("You must specify an email address."));
        }
        if !policy::email_valid(email) {
            return Err(input_error("The email address has an invalid format."));
        }
        let customer = self
            .store
            .customer_by_email(scope, email)
            .ok_or_else(|| input_error("Cannot reset the customer's password"))?;
        if customer.failures.locked(self.context.now) {
            return Err(input_error("The account is locked"));
        }
        self.store
            .request_password_reset(self.context, scope, email, RESET_TEMPLATE, None)
            .map_err(|error| input_error(error.to_string()))?;
        Ok(true)
    }

    fn reset_password(
        &self,
        caller: &Caller<'_>,
        email: &str,
        reset_password_token: &str,
        new_password: &str,
    ) -> Outcome<bool> {
        let scope = Self::scope(caller)?;
        if email.is_empty() {
            return Err(input_error("You must specify an email address."));
        }
        if !policy::email_valid(email) {
            return Err(input_error("The email address has an invalid format."));
        }
        if reset_password_token.is_empty() {
            return Err(input_error("resetPasswordToken must be specified"));
        }
        if new_password.is_empty() {
            return Err(input_error("newPassword must be specified"));
        }
        let cannot = || input_error("Cannot set the customer's password");
        let customer = self
            .store
            .customer_by_email(scope, email)
            .ok_or_else(cannot)?;
        if customer.failures.locked(self.context.now) {
            return Err(input_error("The account is locked"));
        }
        self.store
            .reset_password(
                self.context,
                scope,
                email,
                reset_password_token,
                new_password,
            )
            .map_err(|_| cannot())?;
        Ok(true)
    }

    fn confirm_email(
        &self,
        caller: &Caller<'_>,
        input: ConfirmEmailInput,
    ) -> Outcome<CustomerOutput> {
        let scope = Self::scope(caller)?;
        if !policy::email_valid(input.email.trim()) {
            return Err(input_error("Email is invalid."));
        }
        let customer = self
            .store
            .activate(
                self.context,
                AccountRef::Email(&input.email, scope),
                &input.confirmation_key,
            )
            .map_err(|error| input_error(error.to_string()))?;
        Ok(CustomerOutput {
            customer: self.show(&customer),
        })
    }

    fn resend_confirmation_email(&self, caller: &Caller<'_>, email: &str) -> Outcome<bool> {
        let scope = Self::scope(caller)?;
        if !policy::email_valid(email.trim()) {
            return Err(input_error("Email address is not valid"));
        }
        match self.store.resend_confirmation(self.context, scope, email) {
            Ok(()) => Ok(true),
            Err(StoreError::AlreadyActive) => Err(input_error("Confirmation isn't needed.")),
            Err(StoreError::NoSuchEmail { .. }) => Err(input_error(
                "There is no user registered with that email address.",
            )),
            Err(other) => Err(input_error(other.to_string())),
        }
    }

    fn create_customer_address(
        &self,
        caller: &Caller<'_>,
        input: CustomerAddressInput,
    ) -> Outcome<CustomerAddress> {
        let customer_id = self.customer_id(caller)?;
        check_new_address(&input)?;
        self.save_address(customer_id, &address_in(None, input))
    }

    fn update_customer_address(
        &self,
        caller: &Caller<'_>,
        address: AddressKey,
        input: Option<CustomerAddressInput>,
    ) -> Outcome<CustomerAddress> {
        let (customer_id, address_id) = self.own_address(caller, &address)?;
        let input = input.ok_or_else(|| input_error("\"input\" value must be specified"))?;
        self.save_address(customer_id, &address_in(Some(address_id), input))
    }

    fn delete_customer_address(&self, caller: &Caller<'_>, address: AddressKey) -> Outcome<bool> {
        let (customer_id, address_id) = self.own_address(caller, &address)?;
        self.store
            .delete_address(self.context, customer_id, address_id)
            .map_err(field_error)?;
        Ok(true)
    }
}

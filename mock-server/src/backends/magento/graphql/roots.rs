//! The root fields: reading their arguments into a typed [`RootCall`], and answering a call
//! from the store ([`RootCall::run`]).

use super::accounts::{AddressKey, Caller, CustomerAccounts, ErrorCategory, FieldError};
use super::options::GraphqlVersion;
use super::render;
use async_graphql::Value;
use async_graphql::dynamic::ObjectAccessor;
use base64::Engine as _;
use serde::de::DeserializeOwned;

/// A root field of the schema (`Query` or `Mutation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RootField {
    /// `customer`.
    Customer,
    /// `isEmailAvailable`.
    IsEmailAvailable,
    /// `createCustomer`.
    CreateCustomer,
    /// `createCustomerV2`.
    CreateCustomerV2,
    /// `updateCustomer`.
    UpdateCustomer,
    /// `updateCustomerV2`.
    UpdateCustomerV2,
    /// `updateCustomerEmail`.
    UpdateCustomerEmail,
    /// `changeCustomerPassword`.
    ChangeCustomerPassword,
    /// `generateCustomerToken`.
    GenerateCustomerToken,
    /// `revokeCustomerToken`.
    RevokeCustomerToken,
    /// `requestPasswordResetEmail`.
    RequestPasswordResetEmail,
    /// `resetPassword`.
    ResetPassword,
    /// `confirmEmail`.
    ConfirmEmail,
    /// `resendConfirmationEmail`.
    ResendConfirmationEmail,
    /// `createCustomerAddress`.
    CreateCustomerAddress,
    /// `updateCustomerAddress`.
    UpdateCustomerAddress,
    /// `updateCustomerAddressV2` (2.4.9).
    UpdateCustomerAddressV2,
    /// `deleteCustomerAddress`.
    DeleteCustomerAddress,
    /// `deleteCustomerAddressV2` (2.4.9).
    DeleteCustomerAddressV2,
}

/// Every root field with its name in the schema.
const ROOT_FIELDS: [(&str, RootField); 19] = [
    ("customer", RootField::Customer),
    ("isEmailAvailable", RootField::IsEmailAvailable),
    ("createCustomer", RootField::CreateCustomer),
    ("createCustomerV2", RootField::CreateCustomerV2),
    ("updateCustomer", RootField::UpdateCustomer),
    ("updateCustomerV2", RootField::UpdateCustomerV2),
    ("updateCustomerEmail", RootField::UpdateCustomerEmail),
    ("changeCustomerPassword", RootField::ChangeCustomerPassword),
    ("generateCustomerToken", RootField::GenerateCustomerToken),
    ("revokeCustomerToken", RootField::RevokeCustomerToken),
    (
        "requestPasswordResetEmail",
        RootField::RequestPasswordResetEmail,
    ),
    ("resetPassword", RootField::ResetPassword),
    ("confirmEmail", RootField::ConfirmEmail),
    (
        "resendConfirmationEmail",
        RootField::ResendConfirmationEmail,
    ),
    ("createCustomerAddress", RootField::CreateCustomerAddress),
    ("updateCustomerAddress", RootField::UpdateCustomerAddress),
    (
        "updateCustomerAddressV2",
        RootField::UpdateCustomerAddressV2,
    ),
    ("deleteCustomerAddress", RootField::DeleteCustomerAddress),
    (
        "deleteCustomerAddressV2",
        RootField::DeleteCustomerAddressV2,
    ),
];

/// A root field with its arguments, ready for the store.
#[derive(Debug)]
pub(crate) enum RootCall {
    /// `customer`.
    Customer,
    /// `isEmailAvailable(email)`.
    IsEmailAvailable(String),
    /// `createCustomer(input)`.
    CreateCustomer(super::inputs::CustomerInput),
    /// `createCustomerV2(input)`.
    CreateCustomerV2(super::inputs::CustomerCreateInput),
    /// `updateCustomer(input)`.
    UpdateCustomer(super::inputs::CustomerInput),
    /// `updateCustomerV2(input)`.
    UpdateCustomerV2(super::inputs::CustomerUpdateInput),
    /// `updateCustomerEmail(email, password)`.
    UpdateCustomerEmail(String, String),
    /// `changeCustomerPassword(currentPassword, newPassword)`.
    ChangeCustomerPassword(String, String),
    /// `generateCustomerToken(email, password)`.
    GenerateCustomerToken(String, String),
    /// `revokeCustomerToken`.
    RevokeCustomerToken,
    /// `requestPasswordResetEmail(email)`.
    RequestPasswordResetEmail(String),
    /// `resetPassword(email, resetPasswordToken, newPassword)`.
    ResetPassword(String, String, String),
    /// `confirmEmail(input)`.
    ConfirmEmail(super::inputs::ConfirmEmailInput),
    /// `resendConfirmationEmail(email)`.
    ResendConfirmationEmail(String),
    /// `createCustomerAddress(input)`.
    CreateCustomerAddress(super::inputs::CustomerAddressInput),
    /// `updateCustomerAddress(id, input)` / `updateCustomerAddressV2(uid, input)`.
    UpdateCustomerAddress(AddressKey, Option<super::inputs::CustomerAddressInput>),
    /// `deleteCustomerAddress(id)` / `deleteCustomerAddressV2(uid)`.
    DeleteCustomerAddress(AddressKey),
}

/// Why arguments could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Refused as Magento refuses it (an undecodable uid).
    Refused(FieldError),
    /// The executor passed something the schema does not allow: a bug.
    Bug(String),
}

impl RootField {
    /// The root field named `name`, if the engine knows it.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        ROOT_FIELDS
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, field)| *field)
    }

    /// The call this field makes with `args`.
    pub(crate) fn read(self, args: &ObjectAccessor<'_>) -> Result<RootCall, ReadError> {
        Ok(match self {
            Self::Customer => RootCall::Customer,
            Self::IsEmailAvailable => RootCall::IsEmailAvailable(string(args, "email")?),
            Self::CreateCustomer => RootCall::CreateCustomer(input(args, "input")?),
            Self::CreateCustomerV2 => RootCall::CreateCustomerV2(input(args, "input")?),
            Self::UpdateCustomer => RootCall::UpdateCustomer(input(args, "input")?),
            Self::UpdateCustomerV2 => RootCall::UpdateCustomerV2(input(args, "input")?),
            Self::UpdateCustomerEmail => {
                RootCall::UpdateCustomerEmail(string(args, "email")?, string(args, "password")?)
            }
            Self::ChangeCustomerPassword => RootCall::ChangeCustomerPassword(
                string(args, "currentPassword")?,
                string(args, "newPassword")?,
            ),
            Self::GenerateCustomerToken => {
                RootCall::GenerateCustomerToken(string(args, "email")?, string(args, "password")?)
            }
            Self::RevokeCustomerToken => RootCall::RevokeCustomerToken,
            Self::RequestPasswordResetEmail => {
                RootCall::RequestPasswordResetEmail(string(args, "email")?)
            }
            Self::ResetPassword => RootCall::ResetPassword(
                string(args, "email")?,
                string(args, "resetPasswordToken")?,
                string(args, "newPassword")?,
            ),
            Self::ConfirmEmail => RootCall::ConfirmEmail(input(args, "input")?),
            Self::ResendConfirmationEmail => {
                RootCall::ResendConfirmationEmail(string(args, "email")?)
            }
            Self::CreateCustomerAddress => RootCall::CreateCustomerAddress(input(args, "input")?),
            Self::UpdateCustomerAddress => {
                RootCall::UpdateCustomerAddress(id_key(args)?, optional_input(args, "input")?)
            }
            Self::UpdateCustomerAddressV2 => {
                RootCall::UpdateCustomerAddress(uid_key(args)?, optional_input(args, "input")?)
            }
            Self::DeleteCustomerAddress => RootCall::DeleteCustomerAddress(id_key(args)?),
            Self::DeleteCustomerAddressV2 => RootCall::DeleteCustomerAddress(uid_key(args)?),
        })
    }
}

impl RootCall {
    /// Asks the store and renders its answer for `version`.
    pub(crate) fn run(
        self,
        accounts: &dyn CustomerAccounts,
        caller: &Caller<'_>,
        version: GraphqlVersion,
    ) -> Result<Value, FieldError> {
        let customer_output = |output| render::customer_output(&output, version);
        Ok(match self {
            Self::Customer => render::customer(&accounts.customer(caller)?, version),
            Self::IsEmailAvailable(email) => {
                render::email_availability(&accounts.is_email_available(caller, &email)?)
            }
            Self::CreateCustomer(input) => {
                customer_output(accounts.create_customer(caller, input)?)
            }
            Self::CreateCustomerV2(input) => {
                customer_output(accounts.create_customer_v2(caller, input)?)
            }
            Self::UpdateCustomer(input) => {
                customer_output(accounts.update_customer(caller, input)?)
            }
            Self::UpdateCustomerV2(input) => {
                customer_output(accounts.update_customer_v2(caller, input)?)
            }
            Self::UpdateCustomerEmail(email, password) => {
                customer_output(accounts.update_customer_email(caller, &email, &password)?)
            }
            Self::ChangeCustomerPassword(current, new) => render::customer(
                &accounts.change_customer_password(caller, &current, &new)?,
                version,
            ),
            Self::GenerateCustomerToken(email, password) => render::customer_token(
                &accounts.generate_customer_token(caller, &email, &password)?,
            ),
            Self::RevokeCustomerToken => {
                render::revoke_output(&accounts.revoke_customer_token(caller)?)
            }
            Self::RequestPasswordResetEmail(email) => {
                Value::from(accounts.request_password_reset_email(caller, &email)?)
            }
            Self::ResetPassword(email, token, password) => {
                Value::from(accounts.reset_password(caller, &email, &token, &password)?)
            }
            Self::ConfirmEmail(input) => customer_output(accounts.confirm_email(caller, input)?),
            Self::ResendConfirmationEmail(email) => {
                Value::from(accounts.resend_confirmation_email(caller, &email)?)
            }
            Self::CreateCustomerAddress(input) => {
                render::customer_address(&accounts.create_customer_address(caller, input)?, version)
            }
            Self::UpdateCustomerAddress(key, input) => render::customer_address(
                &accounts.update_customer_address(caller, key, input)?,
                version,
            ),
            Self::DeleteCustomerAddress(key) => {
                Value::from(accounts.delete_customer_address(caller, key)?)
            }
        })
    }
}

/// A required `String!` argument.
fn string(args: &ObjectAccessor<'_>, name: &str) -> Result<String, ReadError> {
    args.try_get(name)
        .and_then(|value| value.string().map(str::to_owned))
        .map_err(|error| ReadError::Bug(format!("argument `{name}`: {}", error.message)))
}

/// A required input object argument.
fn input<T: DeserializeOwned>(args: &ObjectAccessor<'_>, name: &str) -> Result<T, ReadError> {
    optional_input(args, name)?
        .ok_or_else(|| ReadError::Bug(format!("argument `{name}`: required but null")))
}

/// A nullable input object argument.
fn optional_input<T: DeserializeOwned>(
    args: &ObjectAccessor<'_>,
    name: &str,
) -> Result<Option<T>, ReadError> {
    match args.get(name) {
        None => Ok(None),
        Some(value) if value.is_null() => Ok(None),
        Some(value) => value
            .deserialize()
            .map(Some)
            .map_err(|error| ReadError::Bug(format!("argument `{name}`: {}", error.message))),
    }
}

/// The `id: Int!` argument of the 2.4.8 address mutations.
fn id_key(args: &ObjectAccessor<'_>) -> Result<AddressKey, ReadError> {
    let id = args
        .try_get("id")
        .and_then(|value| value.i64())
        .map_err(|error| ReadError::Bug(format!("argument `id`: {}", error.message)))?;
    i32::try_from(id)
        .map(AddressKey::Id)
        .map_err(|_| ReadError::Bug(format!("argument `id`: {id} is not an Int")))
}

/// The `uid: ID!` argument of the 2.4.9 address mutations, decoded; an undecodable uid is
/// refused with Magento's message (`Uid::decode`).
fn uid_key(args: &ObjectAccessor<'_>) -> Result<AddressKey, ReadError> {
    let uid = string(args, "uid")?;
    let id = base64::engine::general_purpose::STANDARD
        .decode(uid.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.parse::<i32>().ok());
    match id {
        Some(id) => Ok(AddressKey::Uid { uid, id }),
        None => Err(ReadError::Refused(FieldError::new(
            ErrorCategory::Input,
            format!("Value of uid \"{uid}\" is incorrect."),
        ))),
    }
}

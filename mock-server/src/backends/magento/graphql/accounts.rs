//! The interface between the engine and the Magento store: one method per root field of the
//! schema. The store receives typed, already validated arguments and returns a typed value
//! (the engine serves only the selected fields of it) or a categorised error.

use super::inputs::{
    ConfirmEmailInput, CustomerAddressInput, CustomerCreateInput, CustomerInput,
    CustomerUpdateInput,
};
use super::model::{
    Customer, CustomerAddress, CustomerOutput, CustomerToken, IsEmailAvailableOutput,
    RevokeCustomerTokenOutput,
};

/// What the HTTP request says about its sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Caller<'a> {
    /// The token of `Authorization: Bearer <token>`, read as Magento does (two words separated
    /// by one space, the first `bearer` in any case); `None` without such a header.
    pub(crate) token: Option<&'a str>,
    /// The `Store` header (a store-view code), if sent.
    pub(crate) store: Option<&'a str>,
}

/// `extensions.category` of a resolver error (spec §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorCategory {
    /// `graphql-authorization`: token missing, expired or revoked, or a foreign resource
    /// (HTTP 401 by default).
    Authorization,
    /// `graphql-authentication`: wrong credentials.
    Authentication,
    /// `graphql-input`: invalid input.
    Input,
    /// `graphql-no-such-entity`: unknown entity.
    NoSuchEntity,
    /// `graphql-already-exists`: duplicate.
    AlreadyExists,
}

impl ErrorCategory {
    /// The value of `extensions.category`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Authorization => "graphql-authorization",
            Self::Authentication => "graphql-authentication",
            Self::Input => "graphql-input",
            Self::NoSuchEntity => "graphql-no-such-entity",
            Self::AlreadyExists => "graphql-already-exists",
        }
    }
}

/// A resolver failure: Magento's message and its category. The engine adds `locations` and
/// `path` and answers `null` for the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    /// `extensions.category`.
    pub(crate) category: ErrorCategory,
    /// Magento's message, e.g. `The current customer isn't authorized.`.
    pub(crate) message: String,
}

impl FieldError {
    /// An error of `category`.
    pub(crate) fn new(category: ErrorCategory, message: impl Into<String>) -> Self {
        Self {
            category,
            message: message.into(),
        }
    }
}

/// What a store method returns.
pub(crate) type Outcome<T> = Result<T, FieldError>;

/// Which address an update or delete names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AddressKey {
    /// `id: Int!` of `updateCustomerAddress` / `deleteCustomerAddress`.
    Id(i32),
    /// `uid: ID!` of the 2.4.9 `…V2` mutations, with the id it encodes (base64 of the decimal
    /// id, e.g. `ODU=` = 85; a uid that does not decode is refused before the store is asked).
    Uid {
        /// The uid as sent.
        uid: String,
        /// The address id it encodes.
        id: i32,
    },
}

/// The Magento store behind `/graphql`: one method per root field, all answered from
/// in-memory state without waiting. Every method receives the [`Caller`]; customer-only
/// fields answer `graphql-authorization` without a valid token.
pub(crate) trait CustomerAccounts {
    /// `Query.customer`.
    fn customer(&self, caller: &Caller<'_>) -> Outcome<Customer>;

    /// `Query.isEmailAvailable(email)`.
    fn is_email_available(
        &self,
        caller: &Caller<'_>,
        email: &str,
    ) -> Outcome<IsEmailAvailableOutput>;

    /// `Mutation.createCustomer(input: CustomerInput!)` (deprecated; seed 001).
    fn create_customer(&self, caller: &Caller<'_>, input: CustomerInput)
    -> Outcome<CustomerOutput>;

    /// `Mutation.createCustomerV2(input: CustomerCreateInput!)`.
    fn create_customer_v2(
        &self,
        caller: &Caller<'_>,
        input: CustomerCreateInput,
    ) -> Outcome<CustomerOutput>;

    /// `Mutation.updateCustomer(input: CustomerInput!)` (deprecated).
    fn update_customer(&self, caller: &Caller<'_>, input: CustomerInput)
    -> Outcome<CustomerOutput>;

    /// `Mutation.updateCustomerV2(input: CustomerUpdateInput!)`.
    fn update_customer_v2(
        &self,
        caller: &Caller<'_>,
        input: CustomerUpdateInput,
    ) -> Outcome<CustomerOutput>;

    /// `Mutation.updateCustomerEmail(email, password)`.
    fn update_customer_email(
        &self,
        caller: &Caller<'_>,
        email: &str,
        password: &str,
    ) -> Outcome<CustomerOutput>;

    /// `Mutation.changeCustomerPassword(currentPassword, newPassword)`.
    fn change_customer_password(
        &self,
        caller: &Caller<'_>,
        current_password: &str,
        new_password: &str,
    ) -> Outcome<Customer>;

    /// `Mutation.generateCustomerToken(email, password)`.
    fn generate_customer_token(
        &self,
        caller: &Caller<'_>,
        email: &str,
        password: &str,
    ) -> Outcome<CustomerToken>;

    /// `Mutation.revokeCustomerToken`: ends every session of the customer.
    fn revoke_customer_token(&self, caller: &Caller<'_>) -> Outcome<RevokeCustomerTokenOutput>;

    /// `Mutation.requestPasswordResetEmail(email)`: publishes the reset email to the outbox.
    fn request_password_reset_email(&self, caller: &Caller<'_>, email: &str) -> Outcome<bool>;

    /// `Mutation.resetPassword(email, resetPasswordToken, newPassword)`.
    fn reset_password(
        &self,
        caller: &Caller<'_>,
        email: &str,
        reset_password_token: &str,
        new_password: &str,
    ) -> Outcome<bool>;

    /// `Mutation.confirmEmail(input: ConfirmEmailInput!)`.
    fn confirm_email(
        &self,
        caller: &Caller<'_>,
        input: ConfirmEmailInput,
    ) -> Outcome<CustomerOutput>;

    /// `Mutation.resendConfirmationEmail(email)`.
    fn resend_confirmation_email(&self, caller: &Caller<'_>, email: &str) -> Outcome<bool>;

    /// `Mutation.createCustomerAddress(input: CustomerAddressInput!)`.
    fn create_customer_address(
        &self,
        caller: &Caller<'_>,
        input: CustomerAddressInput,
    ) -> Outcome<CustomerAddress>;

    /// `Mutation.updateCustomerAddress(id, input)` (2.4.8) and
    /// `updateCustomerAddressV2(uid, input)` (2.4.9).
    fn update_customer_address(
        &self,
        caller: &Caller<'_>,
        address: AddressKey,
        input: Option<CustomerAddressInput>,
    ) -> Outcome<CustomerAddress>;

    /// `Mutation.deleteCustomerAddress(id)` (2.4.8) and `deleteCustomerAddressV2(uid)`
    /// (2.4.9); a default address cannot be deleted.
    fn delete_customer_address(&self, caller: &Caller<'_>, address: AddressKey) -> Outcome<bool>;
}

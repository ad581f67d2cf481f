//! The values the store returns: the schema's output object types as Rust types.
//!
//! A non-null field of the official schema is a plain (non-`Option`) field here, so the store
//! cannot leave it empty (DISCREPANCIES.md, Magento GraphQL 1). Fields that Magento always
//! fills are plain too even where the schema is nullable (`Customer.email`). Deprecated fields
//! that repeat another one (`Customer.dob`, `group_id`, `CustomerAddress.country_id`,
//! `region_id`, `custom_attributes`) and the version-specific forms (`uid`, `Customer.id` as
//! `ID!` in 2.4.9, `CustomerGroupStorefront`) are derived by the engine (`render.rs`), never
//! stored twice.

/// `CustomerOutput`: what the create and update mutations return.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CustomerOutput {
    /// `customer: Customer!`.
    pub(crate) customer: Customer,
}

/// `CustomerToken`: the answer of `generateCustomerToken`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CustomerToken {
    /// The bearer token (a JWT since 2.4.4).
    pub(crate) token: String,
}

/// `RevokeCustomerTokenOutput`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RevokeCustomerTokenOutput {
    /// `result: Boolean!`.
    pub(crate) result: bool,
}

/// `IsEmailAvailableOutput`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IsEmailAvailableOutput {
    /// Whether the email can be used to create a customer.
    pub(crate) is_email_available: bool,
}

/// `Customer`: the account and its addresses.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Customer {
    /// Entity id: `id: Int` (deprecated) in 2.4.8, served as the `ID!` uid in 2.4.9.
    pub(crate) id: i32,
    /// Email address.
    pub(crate) email: String,
    /// Given name.
    pub(crate) firstname: String,
    /// Family name.
    pub(crate) lastname: String,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Honorific.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// `YYYY-MM-DD`; also served as the deprecated `dob`.
    pub(crate) date_of_birth: Option<String>,
    /// 1 = male, 2 = female, 3 = not specified.
    pub(crate) gender: Option<i32>,
    /// Tax/VAT number.
    pub(crate) taxvat: Option<String>,
    /// Newsletter subscription.
    pub(crate) is_subscribed: bool,
    /// `allow_remote_shopping_assistance: Boolean!`.
    pub(crate) allow_remote_shopping_assistance: bool,
    /// `confirmation_status: ConfirmationStatusEnum!`.
    pub(crate) confirmation_status: ConfirmationStatus,
    /// `YYYY-MM-DD HH:MM:SS` (UTC).
    pub(crate) created_at: String,
    /// The customer group (every Magento customer has one: 1 = General).
    pub(crate) group: CustomerGroup,
    /// Id of the default billing address (served as a string, as Magento does).
    pub(crate) default_billing: Option<i32>,
    /// Id of the default shipping address (served as a string).
    pub(crate) default_shipping: Option<i32>,
    /// Every address, in creation order (`addresses`, and `addressesV2` pages over it).
    pub(crate) addresses: Vec<CustomerAddress>,
    /// Custom attributes (`custom_attributes(attributeCodes)` filters them).
    pub(crate) custom_attributes: Vec<AttributeValue>,
}

/// `ConfirmationStatusEnum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConfirmationStatus {
    /// `ACCOUNT_CONFIRMED`.
    AccountConfirmed,
    /// `ACCOUNT_CONFIRMATION_NOT_REQUIRED`.
    AccountConfirmationNotRequired,
}

impl ConfirmationStatus {
    /// The enum value's name in the schema.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::AccountConfirmed => "ACCOUNT_CONFIRMED",
            Self::AccountConfirmationNotRequired => "ACCOUNT_CONFIRMATION_NOT_REQUIRED",
        }
    }
}

/// A customer group: `CustomerGroup { name }` in 2.4.8, `CustomerGroupStorefront { uid }` in
/// 2.4.9; `Customer.group_id` (deprecated) is its id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CustomerGroup {
    /// Group id.
    pub(crate) id: i32,
    /// Group name, e.g. `General`.
    pub(crate) name: String,
}

/// `CustomerAddress`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CustomerAddress {
    /// Address id (`id`; 2.4.9's `uid` is its base64 form).
    pub(crate) id: i32,
    /// The owner's id (the deprecated `customer_id`).
    pub(crate) customer_id: i32,
    /// Given name.
    pub(crate) firstname: Option<String>,
    /// Family name.
    pub(crate) lastname: Option<String>,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Honorific.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Company.
    pub(crate) company: Option<String>,
    /// Street lines.
    pub(crate) street: Vec<String>,
    /// City.
    pub(crate) city: Option<String>,
    /// Postal code.
    pub(crate) postcode: Option<String>,
    /// Region (`region_id` is also served at the top level).
    pub(crate) region: Option<CustomerAddressRegion>,
    /// ISO 3166-1 alpha-2 code, a value of `CountryCodeEnum` (also the deprecated
    /// `country_id`). A code the schema does not list is reported as a store bug.
    pub(crate) country_code: Option<String>,
    /// Telephone number.
    pub(crate) telephone: Option<String>,
    /// Fax number.
    pub(crate) fax: Option<String>,
    /// VAT number.
    pub(crate) vat_id: Option<String>,
    /// Whether this is the customer's default billing address.
    pub(crate) default_billing: bool,
    /// Whether this is the customer's default shipping address.
    pub(crate) default_shipping: bool,
    /// `custom_attributesV2`; the deprecated `custom_attributes` lists their plain values.
    pub(crate) custom_attributes: Vec<AttributeValue>,
}

/// `CustomerAddressRegion`.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct CustomerAddressRegion {
    /// Region name.
    pub(crate) region: Option<String>,
    /// Region code.
    pub(crate) region_code: Option<String>,
    /// Id of a predefined region.
    pub(crate) region_id: Option<i32>,
}

/// An implementation of `AttributeValueInterface`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AttributeValue {
    /// `AttributeValue { code, value }`.
    Value {
        /// Attribute code.
        code: String,
        /// Value.
        value: String,
    },
    /// `AttributeSelectedOptions { code, selected_options }`.
    SelectedOptions {
        /// Attribute code.
        code: String,
        /// The selected options (`AttributeSelectedOption { label, value }`).
        selected_options: Vec<AttributeSelectedOption>,
    },
}

/// `AttributeSelectedOption`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AttributeSelectedOption {
    /// Option label.
    pub(crate) label: String,
    /// Option value.
    pub(crate) value: String,
}

//! The schema's input object types as Rust types, read from arguments the executor has already
//! validated and coerced (an absent field and an explicit `null` both read as `None`). Field
//! names are the schema's, hence the few non-snake-case ones.

use serde::{Deserialize, Deserializer};

/// A list-typed input field, with GraphQL's input coercion of a single value to a list of one
/// (`street: "1 Main St"` is `["1 Main St"]`), which the executor validates but leaves to the
/// reader.
fn one_or_many<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        Many(Vec<T>),
        One(T),
    }
    Ok(
        Option::<OneOrMany<T>>::deserialize(deserializer)?.map(|value| match value {
            OneOrMany::Many(items) => items,
            OneOrMany::One(item) => vec![item],
        }),
    )
}

/// `CustomerInput` (the deprecated `createCustomer` / `updateCustomer`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerInput {
    /// Date of birth.
    pub(crate) date_of_birth: Option<String>,
    /// Deprecated date of birth.
    pub(crate) dob: Option<String>,
    /// Email (required when creating).
    pub(crate) email: Option<String>,
    /// Given name.
    pub(crate) firstname: Option<String>,
    /// 1 = male, 2 = female.
    pub(crate) gender: Option<i32>,
    /// Newsletter subscription.
    pub(crate) is_subscribed: Option<bool>,
    /// Family name.
    pub(crate) lastname: Option<String>,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Password.
    pub(crate) password: Option<String>,
    /// Honorific.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Tax/VAT number.
    pub(crate) taxvat: Option<String>,
}

/// `CustomerCreateInput` (`createCustomerV2`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerCreateInput {
    /// Remote shopping assistance.
    pub(crate) allow_remote_shopping_assistance: Option<bool>,
    /// Custom attributes.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) custom_attributes: Option<Vec<Option<AttributeValueInput>>>,
    /// Date of birth.
    pub(crate) date_of_birth: Option<String>,
    /// Deprecated date of birth.
    pub(crate) dob: Option<String>,
    /// Email.
    pub(crate) email: String,
    /// Given name.
    pub(crate) firstname: String,
    /// 1 = male, 2 = female.
    pub(crate) gender: Option<i32>,
    /// Newsletter subscription.
    pub(crate) is_subscribed: Option<bool>,
    /// Family name.
    pub(crate) lastname: String,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Password.
    pub(crate) password: Option<String>,
    /// Honorific.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Tax/VAT number.
    pub(crate) taxvat: Option<String>,
}

/// `CustomerUpdateInput` (`updateCustomerV2`): no email, no password.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerUpdateInput {
    /// Remote shopping assistance.
    pub(crate) allow_remote_shopping_assistance: Option<bool>,
    /// Custom attributes.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) custom_attributes: Option<Vec<Option<AttributeValueInput>>>,
    /// Date of birth.
    pub(crate) date_of_birth: Option<String>,
    /// Deprecated date of birth.
    pub(crate) dob: Option<String>,
    /// Given name.
    pub(crate) firstname: Option<String>,
    /// 1 = male, 2 = female.
    pub(crate) gender: Option<i32>,
    /// Newsletter subscription.
    pub(crate) is_subscribed: Option<bool>,
    /// Family name.
    pub(crate) lastname: Option<String>,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Honorific.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Tax/VAT number.
    pub(crate) taxvat: Option<String>,
}

/// `AttributeValueInput`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttributeValueInput {
    /// Attribute code.
    pub(crate) attribute_code: String,
    /// Selected options of a select or multiselect attribute.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) selected_options: Option<Vec<Option<AttributeInputSelectedOption>>>,
    /// Value.
    pub(crate) value: Option<String>,
}

/// `AttributeInputSelectedOption`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttributeInputSelectedOption {
    /// Option value.
    pub(crate) value: String,
}

/// `CustomerAddressInput` (every field optional in the schema; the store validates).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub(crate) struct CustomerAddressInput {
    /// City.
    pub(crate) city: Option<String>,
    /// Company.
    pub(crate) company: Option<String>,
    /// A `CountryCodeEnum` value.
    pub(crate) country_code: Option<String>,
    /// Deprecated `CountryCodeEnum` value.
    pub(crate) country_id: Option<String>,
    /// Deprecated custom attributes.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) custom_attributes: Option<Vec<Option<CustomerAddressAttributeInput>>>,
    /// Custom attributes.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) custom_attributesV2: Option<Vec<Option<AttributeValueInput>>>,
    /// Make it the default billing address.
    pub(crate) default_billing: Option<bool>,
    /// Make it the default shipping address.
    pub(crate) default_shipping: Option<bool>,
    /// Fax.
    pub(crate) fax: Option<String>,
    /// Given name.
    pub(crate) firstname: Option<String>,
    /// Family name.
    pub(crate) lastname: Option<String>,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Postal code.
    pub(crate) postcode: Option<String>,
    /// Honorific.
    pub(crate) prefix: Option<String>,
    /// Region.
    pub(crate) region: Option<CustomerAddressRegionInput>,
    /// Street lines (a `null` line stays `None`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) street: Option<Vec<Option<String>>>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Telephone.
    pub(crate) telephone: Option<String>,
    /// VAT number.
    pub(crate) vat_id: Option<String>,
}

/// `CustomerAddressRegionInput`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerAddressRegionInput {
    /// Region name.
    pub(crate) region: Option<String>,
    /// Region code.
    pub(crate) region_code: Option<String>,
    /// Id of a predefined region.
    pub(crate) region_id: Option<i32>,
}

/// `CustomerAddressAttributeInput`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerAddressAttributeInput {
    /// Attribute code.
    pub(crate) attribute_code: String,
    /// Value.
    pub(crate) value: String,
}

/// `ConfirmEmailInput`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfirmEmailInput {
    /// The key from the confirmation email.
    pub(crate) confirmation_key: String,
    /// Email to confirm.
    pub(crate) email: String,
}

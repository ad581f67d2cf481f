//! The store's records (customers and their addresses) and the inputs that create or change
//! them, free of any wire format.

use super::directory::Region;
use crate::backends::magento::options::CustomerLockout;

/// A customer account.
#[derive(Clone)]
pub(crate) struct Customer {
    /// Integer id (the token's `uid`).
    pub(crate) id: u64,
    /// Website (emails are unique per website).
    pub(crate) website_id: u32,
    /// Store view.
    pub(crate) store_id: u32,
    /// Customer group (1 = General).
    pub(crate) group_id: i64,
    /// Email as registered.
    pub(crate) email: String,
    /// Given name.
    pub(crate) firstname: String,
    /// Family name.
    pub(crate) lastname: String,
    /// Optional scalar attributes.
    pub(crate) extra: CustomerExtra,
    /// Newsletter subscription (`extension_attributes.is_subscribed`).
    pub(crate) is_subscribed: bool,
    /// Custom attributes, as given.
    pub(crate) custom_attributes: Vec<CustomAttribute>,
    /// Creation time, unix seconds.
    pub(crate) created_at: i64,
    /// Last change, unix seconds.
    pub(crate) updated_at: i64,
    /// Name of the store view it registered in.
    pub(crate) created_in: &'static str,
    /// Default billing address id.
    pub(crate) default_billing: Option<u64>,
    /// Default shipping address id.
    pub(crate) default_shipping: Option<u64>,
    /// The address book, in creation order.
    pub(crate) addresses: Vec<Address>,
    /// Password hash; `None` for an account created without a password.
    pub(crate) password_hash: Option<String>,
    /// Confirmation key while the account is unconfirmed.
    pub(crate) confirmation: Option<String>,
    /// Password-reset token and its creation time.
    pub(crate) rp_token: Option<(String, i64)>,
    /// The customer model's failed authentications.
    pub(crate) failures: Failures,
}

/// Failed authentications of one customer (`failures_num`, `first_failure`, `lock_expires`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Failures {
    /// Failures counted since the first one.
    pub(crate) count: u32,
    /// When the first of them happened.
    pub(crate) first_at: Option<i64>,
    /// Locked until then.
    pub(crate) lock_expires_at: Option<i64>,
}

impl Failures {
    /// Whether the account is locked at `now`.
    pub(crate) fn locked(&self, now: i64) -> bool {
        self.lock_expires_at.is_some_and(|until| until > now)
    }

    /// `Authentication::processAuthenticationFailure`: the first failure (or the first after
    /// an expired lock) starts counting again; reaching the maximum locks the account.
    pub(crate) fn fail(&mut self, now: i64, lockout: &CustomerLockout) {
        if lockout.max_failures == 0 {
            return;
        }
        let count = self.count.saturating_add(1);
        let lock_expired = self.lock_expires_at.is_some_and(|until| now > until);
        if count == 1 || self.first_at.is_none() || lock_expired {
            *self = Failures {
                count: 1,
                first_at: Some(now),
                lock_expires_at: None,
            };
        } else {
            self.count = count;
            if count >= lockout.max_failures {
                self.lock_expires_at = Some(now.saturating_add(lockout.lock_seconds));
            }
        }
    }
}

impl std::fmt::Debug for Customer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Customer")
            .field("id", &self.id)
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// Optional customer attributes, stored as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CustomerExtra {
    /// Date of birth, `Y-m-d`.
    pub(crate) dob: Option<String>,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Name prefix.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Gender (1 male, 2 female, 3 not specified).
    pub(crate) gender: Option<i64>,
    /// Tax/VAT number.
    pub(crate) taxvat: Option<String>,
    /// `disable_auto_group_change` flag.
    pub(crate) disable_auto_group_change: i64,
    /// Whether remote shopping assistance is allowed (`allow_remote_shopping_assistance`).
    pub(crate) allow_remote_shopping_assistance: bool,
}

/// A custom (EAV) attribute value. The store defines no attributes of its own: it keeps the
/// codes and values it is given, in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CustomAttribute {
    /// Attribute code.
    pub(crate) code: String,
    /// The value.
    pub(crate) value: AttributeData,
}

/// The value of a custom attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AttributeData {
    /// A text value.
    Text(String),
    /// The values of the selected options (select and multiselect attributes).
    Options(Vec<String>),
}

/// An address of a customer's address book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Address {
    /// Integer id.
    pub(crate) id: u64,
    /// Owner.
    pub(crate) customer_id: u64,
    /// The values.
    pub(crate) fields: AddressFields,
}

/// A stored region: one of the directory's, free text, or none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum RegionValue {
    /// No region.
    #[default]
    None,
    /// A region of the directory.
    Directory(&'static Region),
    /// A region name the directory does not list.
    Text(String),
}

/// The values of an address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AddressFields {
    /// Given name.
    pub(crate) firstname: Option<String>,
    /// Family name.
    pub(crate) lastname: Option<String>,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Name prefix.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Company.
    pub(crate) company: Option<String>,
    /// Street lines.
    pub(crate) street: Vec<String>,
    /// City.
    pub(crate) city: Option<String>,
    /// Postcode.
    pub(crate) postcode: Option<String>,
    /// Country (ISO-2).
    pub(crate) country_id: Option<String>,
    /// Region.
    pub(crate) region: RegionValue,
    /// Telephone.
    pub(crate) telephone: Option<String>,
    /// Fax.
    pub(crate) fax: Option<String>,
    /// VAT id.
    pub(crate) vat_id: Option<String>,
    /// Custom attributes (an input without any keeps the stored ones).
    pub(crate) custom_attributes: Vec<CustomAttribute>,
}

/// A customer as a registration or an update gives it. `None` leaves a stored value as it is
/// (a registration has nothing stored); an empty string clears an optional text.
#[derive(Debug, Clone, Default)]
pub(crate) struct CustomerInput {
    /// Email.
    pub(crate) email: Option<String>,
    /// Given name.
    pub(crate) firstname: Option<String>,
    /// Family name.
    pub(crate) lastname: Option<String>,
    /// Optional attributes (each `None` = unchanged).
    pub(crate) dob: Option<String>,
    /// Middle name.
    pub(crate) middlename: Option<String>,
    /// Name prefix.
    pub(crate) prefix: Option<String>,
    /// Name suffix.
    pub(crate) suffix: Option<String>,
    /// Gender.
    pub(crate) gender: Option<i64>,
    /// Tax/VAT number.
    pub(crate) taxvat: Option<String>,
    /// `disable_auto_group_change`.
    pub(crate) disable_auto_group_change: Option<i64>,
    /// Website (registration only).
    pub(crate) website_id: Option<i64>,
    /// Store view (registration only).
    pub(crate) store_id: Option<i64>,
    /// Group (registration with an admin token only).
    pub(crate) group_id: Option<i64>,
    /// Newsletter subscription.
    pub(crate) is_subscribed: Option<bool>,
    /// Remote shopping assistance.
    pub(crate) allow_remote_shopping_assistance: Option<bool>,
    /// Custom attributes: `None` keeps the stored ones, a list replaces them.
    pub(crate) custom_attributes: Option<Vec<CustomAttribute>>,
    /// The whole address book: `None` leaves it untouched; entries with an id update that
    /// address, entries without one are created, and missing ids are deleted.
    pub(crate) addresses: Option<Vec<AddressInput>>,
}

/// One address as a request gives it.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddressInput {
    /// Id of the address to update; `None` creates one.
    pub(crate) id: Option<i64>,
    /// The values.
    pub(crate) fields: AddressFieldsInput,
    /// Make it (`true`) or stop it being (`false`) the default billing address.
    pub(crate) default_billing: Option<bool>,
    /// Make it (`true`) or stop it being (`false`) the default shipping address.
    pub(crate) default_shipping: Option<bool>,
}

/// Address values as given (the region not yet resolved against the directory).
#[derive(Debug, Clone, Default)]
pub(crate) struct AddressFieldsInput {
    /// Text fields in the shape they are stored.
    pub(crate) text: AddressFields,
    /// `region_id` (top level or in `region`).
    pub(crate) region_id: Option<i64>,
    /// `region.region_code`.
    pub(crate) region_code: Option<String>,
    /// `region.region`.
    pub(crate) region_name: Option<String>,
}

/// Who calls a store operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Principal {
    /// No token (or one that is not valid): a guest.
    Guest,
    /// A customer token.
    Customer(u64),
    /// An admin token.
    Admin(u64),
}

//! JavaScript shapes of arguments and results, translated to and from the
//! SDK's types. Arguments are read field by field and results built field by
//! field (no derived (de)serialisers and no JSON text in between, which cost
//! size).
//!
//! Two result shapes ([`Shape`]): the Spree entry keeps the shapes of
//! `@spree/sdk` 1.2.1 (Spree's own fields flat in `Customer` and `Address`),
//! the other entries share the unified shapes, with their backend's own fields
//! flat beside the unified ones. Each field is written here once per shape;
//! the `.d.ts` of each entry repeats them, and the tests below and
//! `tests/node/` pin the copies together.

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use storefront_sdk::{
    Address, AddressInput, AuthResponse, BackendKind, Credentials, Customer, CustomerUpdate,
    ListOptions, NewCustomer, NewPassword, Page, Password, PasswordResetRequest, Registration,
    Session,
};
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{config_error, invalid_input};

#[cfg(not(any(feature = "spree", feature = "unified")))]
compile_error!("storefront-sdk-wasm needs at least one backend feature (spree, magento-rest, …)");

/// Which shapes results take: `@spree/sdk`'s (the Spree entry) or the
/// unified ones (every other entry). A build with one backend has one
/// variant, so the choice costs nothing there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `@spree/sdk` 1.2.1.
    #[cfg(feature = "spree")]
    Spree,
    /// The unified shapes, with the backend's own fields beside them.
    #[cfg(feature = "unified")]
    Unified,
}

impl Shape {
    /// The shapes of a client of `kind`.
    pub fn of(kind: BackendKind) -> Self {
        #[cfg(all(feature = "spree", feature = "unified"))]
        return if kind == BackendKind::Spree {
            Shape::Spree
        } else {
            Shape::Unified
        };
        #[cfg(all(feature = "spree", not(feature = "unified")))]
        return {
            let _ = kind;
            Shape::Spree
        };
        #[cfg(all(not(feature = "spree"), feature = "unified"))]
        return {
            let _ = kind;
            Shape::Unified
        };
    }
}

/// Sets `entries` on `object`, in order.
fn assign(object: &Object, entries: &[(&str, JsValue)]) {
    for (key, value) in entries {
        let _ = Reflect::set(object, &JsValue::from_str(key), value);
    }
}

/// A plain object with `entries` as its properties, in order.
pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    assign(&object, entries);
    object.into()
}

/// A string, or `null`.
fn text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// `{ message }`, the answer of `passwordResets.create`.
pub fn message(text: &str) -> JsValue {
    object(&[("message", JsValue::from_str(text))])
}

/// The fields of one JavaScript argument object (`undefined` reads as
/// empty). Reads never return early: the first problem is kept and
/// [`Fields::finish`] reports it, so a reader is a straight line of reads
/// (small code) and one check.
pub struct Fields<'a> {
    object: &'a JsValue,
    what: &'static str,
    error: RefCell<Option<JsValue>>,
}

/// What `createClient`'s configuration is named in error messages: its
/// problems are `config_error`s, those of a call's arguments `invalid_input`.
const CONFIG: &str = "config";

/// The error of a problem with the object named `what`.
fn problem(what: &str, message: &str) -> JsValue {
    if what == CONFIG {
        config_error(message)
    } else {
        invalid_input(message)
    }
}

impl<'a> Fields<'a> {
    /// Reads `object`, named `what` in error messages (`"config"`: the
    /// client's configuration).
    pub fn of(object: &'a JsValue, what: &'static str) -> Result<Self, JsValue> {
        if object.is_undefined() || object.is_null() || object.is_object() {
            Ok(Self {
                object,
                what,
                error: RefCell::new(None),
            })
        } else {
            Err(problem(what, &format!("{what} must be an object")))
        }
    }

    /// `value`, or the first problem found.
    pub fn finish<T>(&self, value: T) -> Result<T, JsValue> {
        match self.error.take() {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }

    fn fail(&self, key: &str, problem: &str) {
        let mut error = self.error.borrow_mut();
        if error.is_none() {
            *error = Some(self::problem(
                self.what,
                &format!("{}.{key} {problem}", self.what),
            ));
        }
    }

    /// The field `key` converted by `read`, unless absent; a `None` from
    /// `read` is a problem: the field must be `expected`.
    pub fn field<T>(
        &self,
        key: &str,
        expected: &str,
        read: impl FnOnce(JsValue) -> Option<T>,
    ) -> Option<T> {
        if !self.object.is_object() {
            return None;
        }
        let value = Reflect::get(self.object, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())?;
        let read = read(value);
        if read.is_none() {
            self.fail(key, expected);
        }
        read
    }

    /// An optional string field.
    pub fn string(&self, key: &str) -> Option<String> {
        self.field(key, "must be a string", |value| value.as_string())
    }

    /// A required string field.
    pub fn required(&self, key: &str) -> String {
        let value = self.string(key);
        if value.is_none() {
            self.fail(key, "is required");
        }
        value.unwrap_or_default()
    }

    /// An optional boolean field.
    pub fn boolean(&self, key: &str) -> Option<bool> {
        self.field(key, "must be a boolean", |value| value.as_bool())
    }

    /// An optional non-negative number field.
    pub fn number(&self, key: &str) -> Option<f64> {
        self.field(key, "must be a non-negative number", |value| {
            value
                .as_f64()
                .filter(|number| number.is_finite() && *number >= 0.0)
        })
    }

    /// An optional page number or size.
    fn count(&self, key: &str) -> Option<u32> {
        self.number(key)
            .map(|number| number.min(u32::MAX as f64) as u32)
    }

    /// An optional JSON value field (`metadata`), passed on as the text
    /// `JSON.stringify` makes of it.
    fn json(&self, key: &str) -> Option<String> {
        self.field(key, "must be JSON-serialisable", |value| {
            js_sys::JSON::stringify(&value).ok()?.as_string()
        })
    }

    /// An optional object of string values (`headers`), as name-value pairs.
    pub fn strings(&self, key: &str) -> Vec<(String, String)> {
        self.field(key, "must be an object of strings", |value| {
            let entries = Object::entries(&value.dyn_into::<Object>().ok()?);
            // A loop rather than iterator adapters: the package is smaller.
            let mut pairs = Vec::new();
            for index in 0..entries.length() {
                let entry: Array = entries.get(index).into();
                pairs.push((entry.get(0).as_string()?, entry.get(1).as_string()?));
            }
            Some(pairs)
        })
        .unwrap_or_default()
    }

    /// An optional `'male' | 'female' | 'other'`.
    #[cfg(feature = "unified")]
    fn gender(&self, key: &str) -> Option<storefront_sdk::Gender> {
        use storefront_sdk::Gender;
        self.field(
            key,
            "must be 'male', 'female' or 'other'",
            |value| match value.as_string()?.as_str() {
                "male" => Some(Gender::Male),
                "female" => Some(Gender::Female),
                "other" => Some(Gender::Other),
                _ => None,
            },
        )
    }

    /// An optional `'Mr' | 'Mrs' | 'Ms' | 'Dr'`.
    #[cfg(feature = "unified")]
    fn salutation(&self, key: &str) -> Option<storefront_sdk::Salutation> {
        self.field(key, "must be 'Mr', 'Mrs', 'Ms' or 'Dr'", |value| {
            storefront_sdk::Salutation::parse(&value.as_string()?)
        })
    }
}

/// `RegisterParams`.
pub fn new_customer(params: &JsValue) -> Result<NewCustomer, JsValue> {
    let fields = Fields::of(params, "params")?;
    let mut customer = NewCustomer::new(
        fields.required("email"),
        Password::new(fields.required("password")),
    );
    customer.password_confirmation = fields.string("password_confirmation").map(Password::new);
    customer.first_name = fields.string("first_name");
    customer.last_name = fields.string("last_name");
    customer.phone = fields.string("phone");
    customer.accepts_email_marketing = fields.boolean("accepts_email_marketing");
    customer.metadata = fields.json("metadata");
    #[cfg(feature = "unified")]
    {
        customer.date_of_birth = fields.string("date_of_birth");
        customer.gender = fields.gender("gender");
        customer.salutation = fields.salutation("salutation");
        customer.accepted_terms = fields.boolean("accepted_terms");
    }
    fields.finish(customer)
}

/// `LoginCredentials` of `backend`: email and password. A provider login
/// (`{ provider: 'auth0', token }`, which Spree's types admit) is
/// `unsupported`: it carries no email or password.
pub fn credentials(params: &JsValue, backend: BackendKind) -> Result<Credentials, JsValue> {
    let fields = Fields::of(params, "credentials")?;
    let provider = fields.string("provider");
    fields.finish(())?;
    if provider.is_some_and(|provider| provider != "email") {
        return Err(crate::errors::to_js(&storefront_sdk::Error::Unsupported {
            operation: "a login with a provider",
            backend: backend.name(),
        }));
    }
    let credentials = Credentials::new(fields.required("email"), fields.required("password"));
    fields.finish(credentials)
}

/// The optional `{ refresh_token }` of `auth.refresh` and `auth.logout`.
pub fn refresh_token(params: &JsValue) -> Result<Option<String>, JsValue> {
    let fields = Fields::of(params, "params")?;
    let token = fields.string("refresh_token");
    fields.finish(token)
}

/// `RequestPasswordResetParams`.
pub fn password_reset_request(params: &JsValue) -> Result<PasswordResetRequest, JsValue> {
    let fields = Fields::of(params, "params")?;
    let mut request = PasswordResetRequest::new(fields.required("email"));
    request.redirect_url = fields.string("redirect_url");
    fields.finish(request)
}

/// `ResetPasswordParams`: `{ password, password_confirmation, email? }`.
pub fn new_password(params: &JsValue) -> Result<NewPassword, JsValue> {
    let fields = Fields::of(params, "params")?;
    let mut password = NewPassword::new(Password::new(fields.required("password")));
    password.password_confirmation = Password::new(fields.required("password_confirmation"));
    password.email = fields.string("email");
    fields.finish(password)
}

/// The parameters of `customer.update`.
pub fn customer_update(params: &JsValue) -> Result<CustomerUpdate, JsValue> {
    let fields = Fields::of(params, "params")?;
    let mut update = CustomerUpdate::default();
    update.first_name = fields.string("first_name");
    update.last_name = fields.string("last_name");
    update.phone = fields.string("phone");
    update.accepts_email_marketing = fields.boolean("accepts_email_marketing");
    update.metadata = fields.json("metadata");
    update.email = fields.string("email");
    update.password = fields.string("password").map(Password::new);
    update.password_confirmation = fields.string("password_confirmation").map(Password::new);
    update.current_password = fields.string("current_password").map(Password::new);
    #[cfg(feature = "unified")]
    {
        update.date_of_birth = fields.string("date_of_birth");
        update.gender = fields.gender("gender");
        update.salutation = fields.salutation("salutation");
    }
    fields.finish(update)
}

/// `ListParams` (paging only).
pub fn list_options(params: &JsValue) -> Result<ListOptions, JsValue> {
    let fields = Fields::of(params, "params")?;
    let mut options = ListOptions::default();
    options.page = fields.count("page");
    options.limit = fields.count("limit");
    fields.finish(options)
}

/// `AddressParams`, whole or partial.
pub fn address(params: &JsValue) -> Result<AddressInput, JsValue> {
    let fields = Fields::of(params, "params")?;
    let mut address = AddressInput::default();
    address.first_name = fields.string("first_name");
    address.last_name = fields.string("last_name");
    address.address1 = fields.string("address1");
    address.address2 = fields.string("address2");
    address.postal_code = fields.string("postal_code");
    address.city = fields.string("city");
    address.phone = fields.string("phone");
    address.company = fields.string("company");
    address.country_iso = fields.string("country_iso");
    address.state_abbr = fields.string("state_abbr");
    address.state_name = fields.string("state_name");
    address.is_default_billing = fields.boolean("is_default_billing");
    address.is_default_shipping = fields.boolean("is_default_shipping");
    #[cfg(feature = "unified")]
    {
        address.salutation = fields.salutation("salutation");
    }
    fields.finish(address)
}

/// `Address`, in the client's shape.
pub fn address_to_js(address: &Address, shape: Shape) -> JsValue {
    match shape {
        #[cfg(feature = "spree")]
        Shape::Spree => spree_shape::address(address),
        #[cfg(feature = "unified")]
        Shape::Unified => unified_shape::address(address),
    }
}

/// `Customer`, in the client's shape.
pub fn customer_to_js(customer: &Customer, shape: Shape) -> JsValue {
    match shape {
        #[cfg(feature = "spree")]
        Shape::Spree => spree_shape::customer(customer),
        #[cfg(feature = "unified")]
        Shape::Unified => unified_shape::customer(customer),
    }
}

fn optional_address(address: Option<&Address>, shape: Shape) -> JsValue {
    address.map_or(JsValue::NULL, |address| address_to_js(address, shape))
}

fn addresses(addresses: &[Address], shape: Shape) -> JsValue {
    addresses
        .iter()
        .map(|address| address_to_js(address, shape))
        .collect::<Array>()
        .into()
}

/// The shapes of `@spree/sdk` 1.2.1, Spree's own fields (from
/// `backend_data`) flat beside the others.
#[cfg(feature = "spree")]
mod spree_shape {
    use storefront_sdk::spree::{SpreeAddress, SpreeCustomer};
    use storefront_sdk::{Address, AddressData, Customer, CustomerData};
    use wasm_bindgen::JsValue;

    use super::{Shape, addresses, object, optional_address, text};

    /// A string Spree always sends (its `@spree/sdk` type is `string`):
    /// `""` should a server leave it out, so that the type holds.
    fn string(value: Option<&str>) -> JsValue {
        JsValue::from_str(value.unwrap_or_default())
    }

    pub fn address(address: &Address) -> JsValue {
        let fallback = SpreeAddress::default();
        let spree = match &address.backend_data {
            AddressData::Spree(spree) => spree,
            _ => &fallback,
        };
        object(&[
            ("id", JsValue::from_str(&address.id)),
            ("first_name", text(address.first_name.as_deref())),
            ("last_name", text(address.last_name.as_deref())),
            ("full_name", JsValue::from_str(&address.full_name)),
            ("address1", text(address.address1.as_deref())),
            ("address2", text(address.address2.as_deref())),
            ("postal_code", text(address.postal_code.as_deref())),
            ("city", text(address.city.as_deref())),
            ("phone", text(address.phone.as_deref())),
            ("company", text(address.company.as_deref())),
            ("country_name", string(address.country_name.as_deref())),
            ("country_iso", string(address.country_iso.as_deref())),
            ("state_text", text(spree.state_text.as_deref())),
            ("state_abbr", text(address.state_abbr.as_deref())),
            ("state_name", text(address.state_name.as_deref())),
            ("quick_checkout", JsValue::from_bool(spree.quick_checkout)),
            (
                "is_default_billing",
                JsValue::from_bool(address.is_default_billing),
            ),
            (
                "is_default_shipping",
                JsValue::from_bool(address.is_default_shipping),
            ),
        ])
    }

    pub fn customer(customer: &Customer) -> JsValue {
        let fallback = SpreeCustomer::default();
        let spree = match &customer.backend_data {
            CustomerData::Spree(spree) => spree,
            _ => &fallback,
        };
        let groups: js_sys::Array = spree
            .customer_groups
            .iter()
            .map(|group| {
                object(&[
                    ("id", JsValue::from_str(&group.id)),
                    ("name", JsValue::from_str(&group.name)),
                ])
            })
            .collect();
        let subscriber = spree
            .newsletter_subscriber
            .as_ref()
            .map_or(JsValue::NULL, |subscriber| {
                object(&[
                    ("id", JsValue::from_str(&subscriber.id)),
                    ("email", JsValue::from_str(&subscriber.email)),
                    ("created_at", string(subscriber.created_at.as_deref())),
                    ("updated_at", string(subscriber.updated_at.as_deref())),
                    ("verified", JsValue::from_bool(subscriber.verified)),
                    ("verified_at", text(subscriber.verified_at.as_deref())),
                    ("customer_id", text(subscriber.customer_id.as_deref())),
                ])
            });
        object(&[
            ("id", JsValue::from_str(&customer.id)),
            ("email", JsValue::from_str(&customer.email)),
            ("first_name", text(customer.first_name.as_deref())),
            ("last_name", text(customer.last_name.as_deref())),
            ("phone", text(customer.phone.as_deref())),
            (
                "accepts_email_marketing",
                JsValue::from_bool(customer.accepts_email_marketing),
            ),
            ("full_name", JsValue::from_str(&customer.full_name)),
            (
                "available_store_credit_total",
                string(spree.available_store_credit_total.as_deref()),
            ),
            (
                "display_available_store_credit_total",
                string(spree.display_available_store_credit_total.as_deref()),
            ),
            ("addresses", addresses(&customer.addresses, Shape::Spree)),
            (
                "default_billing_address",
                optional_address(customer.default_billing_address.as_ref(), Shape::Spree),
            ),
            (
                "default_shipping_address",
                optional_address(customer.default_shipping_address.as_ref(), Shape::Spree),
            ),
            ("newsletter_subscriber", subscriber),
            ("customer_groups", groups.into()),
        ])
    }
}

/// The unified shapes: the SDK's fields under their own names, then the
/// backend's own fields (from `backend_data`) flat beside them.
#[cfg(feature = "unified")]
mod unified_shape {
    use js_sys::Object;
    use storefront_sdk::{Address, AddressData, Customer, CustomerData, Gender};
    use wasm_bindgen::JsValue;

    use super::{Shape, addresses, assign, optional_address, text};

    fn gender(gender: Option<Gender>) -> JsValue {
        text(gender.map(|gender| match gender {
            Gender::Male => "male",
            Gender::Female => "female",
            _ => "other",
        }))
    }

    fn salutation(salutation: Option<storefront_sdk::Salutation>) -> JsValue {
        text(salutation.map(|salutation| salutation.as_str()))
    }

    /// A whole number that may be absent.
    #[cfg(any(
        feature = "magento-rest",
        feature = "magento-graphql",
        feature = "bagisto"
    ))]
    fn integer(value: Option<i64>) -> JsValue {
        value.map_or(JsValue::NULL, |value| JsValue::from_f64(value as f64))
    }

    /// A flag that may be absent.
    #[cfg(feature = "bagisto")]
    fn flag(value: Option<bool>) -> JsValue {
        value.map_or(JsValue::NULL, JsValue::from_bool)
    }

    /// Street lines.
    #[cfg(any(feature = "magento-rest", feature = "magento-graphql"))]
    fn lines(lines: &[String]) -> JsValue {
        lines
            .iter()
            .map(|line| JsValue::from_str(line))
            .collect::<js_sys::Array>()
            .into()
    }

    pub fn address(address: &Address) -> JsValue {
        let object = Object::new();
        assign(
            &object,
            &[
                ("id", JsValue::from_str(&address.id)),
                ("first_name", text(address.first_name.as_deref())),
                ("last_name", text(address.last_name.as_deref())),
                ("full_name", JsValue::from_str(&address.full_name)),
                ("address1", text(address.address1.as_deref())),
                ("address2", text(address.address2.as_deref())),
                ("postal_code", text(address.postal_code.as_deref())),
                ("city", text(address.city.as_deref())),
                ("phone", text(address.phone.as_deref())),
                ("company", text(address.company.as_deref())),
                ("country_name", text(address.country_name.as_deref())),
                ("country_iso", text(address.country_iso.as_deref())),
                ("state_abbr", text(address.state_abbr.as_deref())),
                ("state_name", text(address.state_name.as_deref())),
                ("salutation", salutation(address.salutation)),
                (
                    "is_default_billing",
                    JsValue::from_bool(address.is_default_billing),
                ),
                (
                    "is_default_shipping",
                    JsValue::from_bool(address.is_default_shipping),
                ),
            ],
        );
        match &address.backend_data {
            #[cfg(feature = "magento-rest")]
            AddressData::MagentoRest(magento) => assign(
                &object,
                &[
                    ("street", lines(&magento.street)),
                    ("region_id", integer(magento.region_id)),
                    ("middlename", text(magento.middlename.as_deref())),
                    ("vat_id", text(magento.vat_id.as_deref())),
                    ("fax", text(magento.fax.as_deref())),
                ],
            ),
            #[cfg(feature = "magento-graphql")]
            AddressData::MagentoGraphql(magento) => assign(
                &object,
                &[
                    ("address_id", integer(magento.address_id)),
                    ("uid", text(magento.uid.as_deref())),
                    ("street", lines(&magento.street)),
                    ("region_id", integer(magento.region_id)),
                    ("vat_id", text(magento.vat_id.as_deref())),
                ],
            ),
            #[cfg(feature = "spryker")]
            AddressData::Spryker(spryker) => assign(
                &object,
                &[
                    // Spryker's `address1` and `address2` as stored (the
                    // unified `address1` joins them): other names, so that
                    // they do not shadow the unified ones.
                    ("street", text(spryker.address1.as_deref())),
                    ("house_number", text(spryker.address2.as_deref())),
                    ("address3", text(spryker.address3.as_deref())),
                    ("comment", text(spryker.comment.as_deref())),
                    ("created_at", text(spryker.created_at.as_deref())),
                    ("updated_at", text(spryker.updated_at.as_deref())),
                ],
            ),
            #[cfg(feature = "bagisto")]
            AddressData::Bagisto(bagisto) => assign(
                &object,
                &[
                    ("email", text(bagisto.email.as_deref())),
                    ("vat_id", text(bagisto.vat_id.as_deref())),
                    ("address_type", text(bagisto.address_type.as_deref())),
                    ("use_for_shipping", flag(bagisto.use_for_shipping)),
                    ("created_at", text(bagisto.created_at.as_deref())),
                    ("updated_at", text(bagisto.updated_at.as_deref())),
                ],
            ),
            _ => {}
        }
        object.into()
    }

    pub fn customer(customer: &Customer) -> JsValue {
        let object = Object::new();
        assign(
            &object,
            &[
                ("id", JsValue::from_str(&customer.id)),
                ("email", JsValue::from_str(&customer.email)),
                ("first_name", text(customer.first_name.as_deref())),
                ("last_name", text(customer.last_name.as_deref())),
                ("full_name", JsValue::from_str(&customer.full_name)),
                ("phone", text(customer.phone.as_deref())),
                (
                    "accepts_email_marketing",
                    JsValue::from_bool(customer.accepts_email_marketing),
                ),
                ("date_of_birth", text(customer.date_of_birth.as_deref())),
                ("gender", gender(customer.gender)),
                ("salutation", salutation(customer.salutation)),
                ("addresses", addresses(&customer.addresses, Shape::Unified)),
                (
                    "default_billing_address",
                    optional_address(customer.default_billing_address.as_ref(), Shape::Unified),
                ),
                (
                    "default_shipping_address",
                    optional_address(customer.default_shipping_address.as_ref(), Shape::Unified),
                ),
            ],
        );
        match &customer.backend_data {
            #[cfg(feature = "magento-rest")]
            CustomerData::MagentoRest(magento) => assign(
                &object,
                &[
                    ("group_id", integer(magento.group_id)),
                    ("website_id", integer(magento.website_id)),
                    ("store_id", integer(magento.store_id)),
                    ("created_in", text(magento.created_in.as_deref())),
                    ("created_at", text(magento.created_at.as_deref())),
                    ("updated_at", text(magento.updated_at.as_deref())),
                    ("middlename", text(magento.middlename.as_deref())),
                    ("suffix", text(magento.suffix.as_deref())),
                    ("taxvat", text(magento.taxvat.as_deref())),
                    (
                        "confirmation_pending",
                        JsValue::from_bool(magento.confirmation_pending),
                    ),
                ],
            ),
            #[cfg(feature = "magento-graphql")]
            CustomerData::MagentoGraphql(magento) => assign(
                &object,
                &[
                    ("middlename", text(magento.middlename.as_deref())),
                    ("suffix", text(magento.suffix.as_deref())),
                    ("created_at", text(magento.created_at.as_deref())),
                    (
                        "confirmation_status",
                        text(magento.confirmation_status.as_deref()),
                    ),
                ],
            ),
            #[cfg(feature = "spryker")]
            CustomerData::Spryker(spryker) => assign(
                &object,
                &[
                    ("created_at", text(spryker.created_at.as_deref())),
                    ("updated_at", text(spryker.updated_at.as_deref())),
                    ("anonymized_at", text(spryker.anonymized_at.as_deref())),
                ],
            ),
            #[cfg(feature = "bagisto")]
            CustomerData::Bagisto(bagisto) => assign(
                &object,
                &[
                    ("status", integer(bagisto.status)),
                    ("is_verified", flag(bagisto.is_verified)),
                    ("is_suspended", flag(bagisto.is_suspended)),
                    ("customer_group_id", integer(bagisto.customer_group_id)),
                    ("channel_id", integer(bagisto.channel_id)),
                    ("image", text(bagisto.image.as_deref())),
                ],
            ),
            _ => {}
        }
        object.into()
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// The pagination `meta` of a page of `size` items, with the positions
    /// of its first and last item (`from`, `to`) and its size (`in`), as
    /// Spree counts them (in JavaScript: smaller than building it here).
    #[wasm_bindgen(js_name = pageMeta)]
    fn page_meta(
        page: u32,
        limit: u32,
        count: u32,
        pages: u32,
        size: u32,
        previous: Option<u32>,
        next: Option<u32>,
    ) -> JsValue;
}

/// `{ data, meta }` of `customer.addresses.list`; `meta` only where the
/// backend paginates.
pub fn address_page_to_js(page: &Page<Address>, shape: Shape) -> JsValue {
    let result = Object::new();
    assign(&result, &[("data", addresses(&page.data, shape))]);
    if let Some(meta) = &page.meta {
        let meta = page_meta(
            meta.page,
            meta.limit,
            meta.count,
            meta.pages,
            page.data.len() as u32,
            meta.previous,
            meta.next,
        );
        assign(&result, &[("meta", meta)]);
    }
    result.into()
}

/// The `user` of `AuthTokens`: `{ id, email, first_name, last_name }`.
fn auth_user(user: &Customer) -> JsValue {
    object(&[
        ("id", JsValue::from_str(&user.id)),
        ("email", JsValue::from_str(&user.email)),
        ("first_name", text(user.first_name.as_deref())),
        ("last_name", text(user.last_name.as_deref())),
    ])
}

/// `AuthTokens`: `{ token, refresh_token?, user }`, `refresh_token` only
/// where the backend issued one.
pub fn auth_tokens_to_js(response: &AuthResponse) -> JsValue {
    let result = Object::new();
    assign(
        &result,
        &[("token", JsValue::from_str(response.token.expose_secret()))],
    );
    if let Some(refresh) = &response.refresh_token {
        assign(
            &result,
            &[("refresh_token", JsValue::from_str(refresh.expose_secret()))],
        );
    }
    assign(&result, &[("user", auth_user(&response.user))]);
    result.into()
}

/// What `customers.create` resolves: `AuthTokens` when signed in, else
/// `ConfirmationRequired`: `{ user, confirmation_required: true }` (no
/// token).
pub fn registration_to_js(registration: &Registration) -> JsValue {
    match registration.session() {
        Some(session) => auth_tokens_to_js(session),
        None => object(&[
            ("user", auth_user(registration.user())),
            ("confirmation_required", JsValue::TRUE),
        ]),
    }
}

/// `AuthSession`: `{ token, refresh_token, expires_at, user }`, `expires_at`
/// in Unix seconds (`null` for tokens that never expire).
pub fn session_to_js(session: &Session, shape: Shape) -> JsValue {
    session_parts_to_js(
        session.token.expose_secret(),
        session.refresh_token.as_ref().map(|t| t.expose_secret()),
        session.expires_at_ms,
        session.user.as_ref(),
        shape,
    )
}

fn session_parts_to_js(
    token: &str,
    refresh_token: Option<&str>,
    expires_at_ms: Option<i64>,
    user: Option<&Customer>,
    shape: Shape,
) -> JsValue {
    object(&[
        ("token", JsValue::from_str(token)),
        ("refresh_token", text(refresh_token)),
        (
            "expires_at",
            expires_at_ms.map_or(JsValue::NULL, |ms| {
                JsValue::from_f64(ms.div_euclid(1000) as f64)
            }),
        ),
        (
            "user",
            user.map_or(JsValue::NULL, |user| customer_to_js(user, shape)),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use storefront_sdk::{AccessToken, RefreshToken};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn parse(source: &str) -> JsValue {
        js_sys::JSON::parse(source).unwrap()
    }

    fn json(value: &JsValue) -> String {
        js_sys::JSON::stringify(value).unwrap().as_string().unwrap()
    }

    fn message(error: JsValue) -> String {
        Reflect::get(&error, &JsValue::from_str("message"))
            .unwrap()
            .as_string()
            .unwrap()
    }

    /// An address with some unified fields set and others deliberately empty.
    fn sample_address() -> Address {
        let mut address = Address::new("addr_1");
        address.first_name = Some("Ada".into());
        address.full_name = "Ada".into();
        address.address1 = Some("1 Main St".into());
        address.postal_code = Some("10001".into());
        address.city = Some("New York".into());
        address.country_name = Some("United States".into());
        address.country_iso = Some("US".into());
        address.state_abbr = Some("NY".into());
        address.is_default_billing = true;
        address
    }

    fn sample_customer(address: &Address) -> Customer {
        let mut customer = Customer::new("cus_1", "ada@example.com");
        customer.first_name = Some("Ada".into());
        customer.full_name = "Ada".into();
        customer.accepts_email_marketing = true;
        customer.addresses = vec![address.clone()];
        customer.default_billing_address = Some(address.clone());
        customer
    }

    /// Results in the shapes of the Spree entry's `.d.ts` (`npm/types/spree.d.ts`,
    /// whose field lists `tests/node/` compares with live results).
    #[cfg(feature = "spree")]
    #[wasm_bindgen_test]
    fn spree_results_have_the_shapes_of_spree_sdk() {
        use storefront_sdk::spree::{SpreeAddress, SpreeCustomer};
        use storefront_sdk::{AddressData, CustomerData};

        const ADDRESS_JSON: &str = r#"{"id":"addr_1","first_name":"Ada","last_name":null,"full_name":"Ada","address1":"1 Main St","address2":null,"postal_code":"10001","city":"New York","phone":null,"company":null,"country_name":"United States","country_iso":"US","state_text":"NY","state_abbr":"NY","state_name":null,"quick_checkout":false,"is_default_billing":true,"is_default_shipping":false}"#;
        let mut address = sample_address();
        let mut spree_address = SpreeAddress::default();
        spree_address.state_text = Some("NY".into());
        address.backend_data = AddressData::Spree(spree_address);
        assert_eq!(json(&address_to_js(&address, Shape::Spree)), ADDRESS_JSON);

        let mut customer = sample_customer(&address);
        // The nested Spree records have no constructor outside the SDK: read
        // from JSON through their serde derives.
        let spree_customer: SpreeCustomer = serde_json::from_str(
            r#"{"available_store_credit_total":"0.0","display_available_store_credit_total":"$0.00","newsletter_subscriber":{"id":"sub_1","email":"ada@example.com","verified":false,"created_at":"2026-07-25T19:41:19.980Z","updated_at":"2026-07-25T19:41:20.000Z","verified_at":null,"customer_id":"cus_1"},"customer_groups":[{"id":"grp_1","name":"VIP"}]}"#,
        )
        .unwrap();
        customer.backend_data = CustomerData::Spree(spree_customer);
        assert_eq!(
            json(&customer_to_js(&customer, Shape::Spree)),
            format!(
                r#"{{"id":"cus_1","email":"ada@example.com","first_name":"Ada","last_name":null,"phone":null,"accepts_email_marketing":true,"full_name":"Ada","available_store_credit_total":"0.0","display_available_store_credit_total":"$0.00","addresses":[{ADDRESS_JSON}],"default_billing_address":{ADDRESS_JSON},"default_shipping_address":null,"newsletter_subscriber":{{"id":"sub_1","email":"ada@example.com","created_at":"2026-07-25T19:41:19.980Z","updated_at":"2026-07-25T19:41:20.000Z","verified":false,"verified_at":null,"customer_id":"cus_1"}},"customer_groups":[{{"id":"grp_1","name":"VIP"}}]}}"#
            )
        );
        // Without Spree data (never so on the wire) the shape stays the same,
        // and the strings of `@spree/sdk`'s types stay strings.
        let bare = json(&customer_to_js(
            &Customer::new("cus_2", "b@example.com"),
            Shape::Spree,
        ));
        assert!(
            bare.contains(
                r#""available_store_credit_total":"","display_available_store_credit_total":"""#
            ),
            "{bare}"
        );
        assert!(
            bare.contains(r#""newsletter_subscriber":null,"customer_groups":[]"#),
            "{bare}"
        );
        let bare = json(&address_to_js(&Address::new("addr_2"), Shape::Spree));
        assert!(
            bare.contains(r#""country_name":"","country_iso":"","state_text":null"#),
            "{bare}"
        );

        let page = Page::new(
            vec![address.clone()],
            Some(storefront_sdk::PageMeta::new(1, 25, 1, 2)),
        );
        assert_eq!(
            json(&address_page_to_js(&page, Shape::Spree)),
            format!(
                r#"{{"data":[{ADDRESS_JSON}],"meta":{{"page":1,"limit":25,"count":1,"pages":2,"from":1,"to":1,"in":1,"previous":null,"next":2}}}}"#
            )
        );
        // `from`, `to` and `in` as Spree's pagination (pagy) has them: the
        // positions of the page's first and last items, and its size; 0 for
        // an empty page.
        let meta = |page: u32, limit: u32, items: usize| {
            let page = Page::new(
                vec![address.clone(); items],
                Some(storefront_sdk::PageMeta::new(page, limit, 2 * limit, 2)),
            );
            let meta = Reflect::get(
                &address_page_to_js(&page, Shape::Spree),
                &JsValue::from_str("meta"),
            )
            .unwrap();
            ["from", "to", "in"].map(|key| {
                Reflect::get(&meta, &JsValue::from_str(key))
                    .unwrap()
                    .as_f64()
                    .unwrap()
            })
        };
        assert_eq!(meta(2, 3, 3), [4.0, 6.0, 3.0]);
        assert_eq!(meta(2, 3, 2), [4.0, 5.0, 2.0]);
        assert_eq!(meta(1, 25, 0), [0.0, 0.0, 0.0]);
        assert_eq!(
            json(&session_parts_to_js(
                "jwt",
                Some("rt"),
                Some(1_700_000_000_999),
                None,
                Shape::Spree
            )),
            r#"{"token":"jwt","refresh_token":"rt","expires_at":1700000000,"user":null}"#
        );
    }

    /// Results in the unified shapes of the other entries' `.d.ts`
    /// (`npm/types/shared.d.ts`, plus `npm/types/magento-rest.d.ts` for
    /// Magento's own fields).
    #[cfg(feature = "unified")]
    #[wasm_bindgen_test]
    fn unified_results_have_the_unified_shapes() {
        const ADDRESS_JSON: &str = r#"{"id":"addr_1","first_name":"Ada","last_name":null,"full_name":"Ada","address1":"1 Main St","address2":null,"postal_code":"10001","city":"New York","phone":null,"company":null,"country_name":"United States","country_iso":"US","state_abbr":"NY","state_name":null,"salutation":null,"is_default_billing":true,"is_default_shipping":false}"#;
        let address = sample_address();
        assert_eq!(json(&address_to_js(&address, Shape::Unified)), ADDRESS_JSON);
        let mut customer = sample_customer(&address);
        customer.gender = Some(storefront_sdk::Gender::Female);
        customer.salutation = Some(storefront_sdk::Salutation::Dr);
        assert_eq!(
            json(&customer_to_js(&customer, Shape::Unified)),
            format!(
                r#"{{"id":"cus_1","email":"ada@example.com","first_name":"Ada","last_name":null,"full_name":"Ada","phone":null,"accepts_email_marketing":true,"date_of_birth":null,"gender":"female","salutation":"Dr","addresses":[{ADDRESS_JSON}],"default_billing_address":{ADDRESS_JSON},"default_shipping_address":null}}"#
            )
        );
        // Backends that return the whole list at once send no `meta`.
        assert_eq!(
            json(&address_page_to_js(
                &Page::new(Vec::new(), None),
                Shape::Unified
            )),
            r#"{"data":[]}"#
        );
        // Tokens that never expire (Bagisto).
        assert_eq!(
            json(&session_parts_to_js("t", None, None, None, Shape::Unified)),
            r#"{"token":"t","refresh_token":null,"expires_at":null,"user":null}"#
        );
    }

    #[cfg(feature = "magento-rest")]
    #[wasm_bindgen_test]
    fn magento_fields_sit_beside_the_unified_ones() {
        use storefront_sdk::magento_rest::{MagentoAddress, MagentoCustomer};
        use storefront_sdk::{AddressData, CustomerData};

        let mut address = sample_address();
        let mut magento_address = MagentoAddress::default();
        magento_address.street = vec!["1 Main St".into(), "Floor 2".into()];
        magento_address.region_id = Some(43);
        address.backend_data = AddressData::MagentoRest(magento_address);
        let address_json = json(&address_to_js(&address, Shape::Unified));
        assert!(
            address_json.ends_with(
                r#""is_default_shipping":false,"street":["1 Main St","Floor 2"],"region_id":43,"middlename":null,"vat_id":null,"fax":null}"#
            ),
            "{address_json}"
        );
        let mut customer = sample_customer(&address);
        let mut magento_customer = MagentoCustomer::default();
        magento_customer.group_id = Some(1);
        magento_customer.created_at = Some("2026-01-31 01:18:13".into());
        customer.backend_data = CustomerData::MagentoRest(magento_customer);
        let customer_json = json(&customer_to_js(&customer, Shape::Unified));
        assert!(
            customer_json.ends_with(
                r#""group_id":1,"website_id":null,"store_id":null,"created_in":null,"created_at":"2026-01-31 01:18:13","updated_at":null,"middlename":null,"suffix":null,"taxvat":null,"confirmation_pending":false}"#
            ),
            "{customer_json}"
        );
    }

    /// The fields `interface` declares in a `.d.ts` source (its own, not
    /// those of what it extends), in order.
    #[cfg(feature = "unified")]
    fn declared(source: &str, interface: &str) -> Vec<String> {
        let start = source
            .find(&format!("export interface {interface} "))
            .unwrap_or_else(|| panic!("no interface {interface}"));
        let body = &source[start..];
        let body = &body[body.find("{\n").unwrap() + 2..body.find("\n}").unwrap()];
        body.lines()
            .filter_map(|line| {
                let name = line.strip_prefix("  ")?;
                let end = name.find([':', '?'])?;
                let name = &name[..end];
                name.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
                    .then(|| name.to_owned())
            })
            .collect()
    }

    /// The keys of a result object, in order.
    #[cfg(feature = "unified")]
    fn result_keys(value: &JsValue) -> Vec<String> {
        js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>())
            .iter()
            .map(|key| key.as_string().unwrap())
            .collect()
    }

    /// Each unified entry's results have exactly the fields its `.d.ts`
    /// declares: the unified ones of `shared.d.ts`, then the backend's own
    /// of `<entry>.d.ts`, in that order (pins the two lists of each entry to
    /// the field lists written in this file; `tests/node/` pins them to live
    /// results too, where the mock emulates the backend).
    #[cfg(feature = "unified")]
    #[wasm_bindgen_test]
    fn unified_entries_return_the_fields_their_types_declare() {
        use storefront_sdk::{AddressData, CustomerData};

        const SHARED: &str = include_str!("../npm/types/shared.d.ts");
        let entries: Vec<(&str, AddressData, CustomerData)> = vec![
            #[cfg(feature = "magento-rest")]
            (
                include_str!("../npm/types/magento-rest.d.ts"),
                AddressData::MagentoRest(Default::default()),
                CustomerData::MagentoRest(Default::default()),
            ),
            #[cfg(feature = "magento-graphql")]
            (
                include_str!("../npm/types/magento-graphql.d.ts"),
                AddressData::MagentoGraphql(Default::default()),
                CustomerData::MagentoGraphql(Default::default()),
            ),
            #[cfg(feature = "spryker")]
            (
                include_str!("../npm/types/spryker.d.ts"),
                AddressData::Spryker(Default::default()),
                CustomerData::Spryker(Default::default()),
            ),
            #[cfg(feature = "bagisto")]
            (
                include_str!("../npm/types/bagisto.d.ts"),
                AddressData::Bagisto(Default::default()),
                CustomerData::Bagisto(Default::default()),
            ),
        ];
        for (types, address_data, customer_data) in entries {
            let mut address = sample_address();
            address.backend_data = address_data;
            let mut expected = declared(SHARED, "UnifiedAddress");
            expected.extend(declared(types, "Address"));
            assert_eq!(
                result_keys(&address_to_js(&address, Shape::Unified)),
                expected
            );
            let mut customer = sample_customer(&address);
            customer.backend_data = customer_data;
            let mut expected = declared(SHARED, "UnifiedCustomer<A = UnifiedAddress>");
            expected.extend(declared(types, "Customer"));
            assert_eq!(
                result_keys(&customer_to_js(&customer, Shape::Unified)),
                expected
            );
        }
    }

    #[wasm_bindgen_test]
    fn auth_results_have_a_refresh_token_only_where_one_was_issued() {
        let customer = sample_customer(&sample_address());
        let user =
            r#"{"id":"cus_1","email":"ada@example.com","first_name":"Ada","last_name":null}"#;
        let spree_like = AuthResponse::new(
            AccessToken::new("jwt"),
            Some(RefreshToken::new("rt")),
            customer.clone(),
        );
        assert_eq!(
            json(&auth_tokens_to_js(&spree_like)),
            format!(r#"{{"token":"jwt","refresh_token":"rt","user":{user}}}"#)
        );
        let magento_like = AuthResponse::new(AccessToken::new("jwt"), None, customer.clone());
        assert_eq!(
            json(&registration_to_js(&Registration::SignedIn(magento_like))),
            format!(r#"{{"token":"jwt","user":{user}}}"#)
        );
        assert_eq!(
            json(&registration_to_js(&Registration::ConfirmationRequired {
                user: customer
            })),
            format!(r#"{{"user":{user},"confirmation_required":true}}"#)
        );
    }

    #[wasm_bindgen_test]
    fn registration_reads_the_documented_field_names() {
        let customer = new_customer(&parse(
            r#"{"email":"a@b.c","password":"p","password_confirmation":"p","accepts_email_marketing":true,"metadata":{"x":1}}"#,
        ))
        .unwrap();
        assert_eq!(customer.email, "a@b.c");
        assert_eq!(customer.accepts_email_marketing, Some(true));
        assert_eq!(customer.metadata.as_deref(), Some(r#"{"x":1}"#));
    }

    #[cfg(feature = "unified")]
    #[wasm_bindgen_test]
    fn unified_inputs_read_gender_salutation_and_birth_date() {
        let customer = new_customer(&parse(
            r#"{"email":"a@b.c","password":"p","gender":"other","salutation":"Ms","date_of_birth":"1990-01-02"}"#,
        ))
        .unwrap();
        assert_eq!(customer.gender, Some(storefront_sdk::Gender::Other));
        assert_eq!(customer.salutation, Some(storefront_sdk::Salutation::Ms));
        assert_eq!(customer.date_of_birth.as_deref(), Some("1990-01-02"));
        let error = customer_update(&parse(r#"{"gender":"m"}"#)).unwrap_err();
        assert_eq!(
            message(error),
            "params.gender must be 'male', 'female' or 'other'"
        );
    }

    #[wasm_bindgen_test]
    fn a_reset_takes_an_optional_email() {
        let with = new_password(&parse(
            r#"{"password":"N","password_confirmation":"N","email":"a@b.c"}"#,
        ))
        .unwrap();
        assert_eq!(with.email.as_deref(), Some("a@b.c"));
        let without =
            new_password(&parse(r#"{"password":"N","password_confirmation":"N"}"#)).unwrap();
        assert_eq!(without.email, None);
    }

    #[wasm_bindgen_test]
    fn headers_are_an_object_of_strings() {
        let fields_of = |source: &str| parse(source);
        let options = fields_of(r#"{"headers":{"X-ReCaptcha":"abc","X-Other":"1"}}"#);
        let fields = Fields::of(&options, "options").unwrap();
        assert_eq!(
            fields.strings("headers"),
            vec![
                ("X-ReCaptcha".to_owned(), "abc".to_owned()),
                ("X-Other".to_owned(), "1".to_owned())
            ]
        );
        fields.finish(()).unwrap();
        let options = fields_of(r#"{"headers":{"X-ReCaptcha":1}}"#);
        let fields = Fields::of(&options, "options").unwrap();
        assert!(fields.strings("headers").is_empty());
        assert_eq!(
            message(fields.finish(()).unwrap_err()),
            "options.headers must be an object of strings"
        );
    }

    fn code(error: &JsValue) -> String {
        Reflect::get(error, &JsValue::from_str("code"))
            .unwrap()
            .as_string()
            .unwrap()
    }

    #[wasm_bindgen_test]
    fn missing_and_mistyped_arguments_are_invalid_input_without_values() {
        let error = credentials(&parse(r#"{"email":"a@b.c"}"#), SPREE).unwrap_err();
        assert_eq!(code(&error), "invalid_input");
        assert_eq!(message(error), "credentials.password is required");
        let error =
            credentials(&parse(r#"{"email":"a@b.c","password":123456}"#), SPREE).unwrap_err();
        assert_eq!(code(&error), "invalid_input");
        assert_eq!(message(error), "credentials.password must be a string");
        for error in [
            credentials(&JsValue::from_f64(42.0), SPREE).unwrap_err(),
            new_customer(&parse("{}")).unwrap_err(),
        ] {
            assert_eq!(code(&error), "invalid_input");
        }
    }

    const SPREE: BackendKind = BackendKind::Spree;

    #[wasm_bindgen_test]
    fn a_provider_login_is_unsupported_and_the_email_provider_logs_in() {
        let error =
            credentials(&parse(r#"{"provider":"auth0","token":"jwt"}"#), SPREE).unwrap_err();
        assert_eq!(code(&error), "unsupported");
        assert_eq!(
            message(error),
            "a login with a provider is not supported by the spree backend"
        );
        let login = r#"{"provider":"email","email":"a@b.c","password":"pw"}"#;
        assert_eq!(credentials(&parse(login), SPREE).unwrap().email, "a@b.c");
    }

    #[wasm_bindgen_test]
    fn problems_of_the_configuration_are_config_errors() {
        let error = Fields::of(&JsValue::from_str("x"), "config").err().unwrap();
        assert_eq!(code(&error), "config_error");
        let config = parse(r#"{"baseUrl":7}"#);
        let fields = Fields::of(&config, "config").unwrap();
        fields.string("baseUrl");
        let error = fields.finish(()).unwrap_err();
        assert_eq!(code(&error), "config_error");
        assert_eq!(message(error), "config.baseUrl must be a string");
    }

    #[wasm_bindgen_test]
    fn absent_optional_arguments_read_as_empty() {
        assert_eq!(refresh_token(&JsValue::UNDEFINED).unwrap(), None);
        let options = list_options(&JsValue::UNDEFINED).unwrap();
        assert_eq!((options.page, options.limit), (None, None));
        let partial = address(&parse(r#"{"city":"Paris","address2":null}"#)).unwrap();
        assert_eq!(partial.city.as_deref(), Some("Paris"));
        assert_eq!(partial.address2, None);
    }
}

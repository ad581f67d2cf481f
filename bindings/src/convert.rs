//! Shapes of `@spree/sdk` 1.2.1 on the JavaScript side, translated to and from
//! the SDK's types. Arguments are read field by field and results built field
//! by field (no derived (de)serialisers and no JSON text in between, which cost
//! size).

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use storefront_sdk::{
    Address, AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, ListOptions,
    NewCustomer, NewPassword, Page, Password, PasswordResetRequest, Session,
};
use wasm_bindgen::JsValue;

use crate::errors::config_error;

/// A plain object with `entries` as its properties, in order.
pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
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

impl<'a> Fields<'a> {
    /// Reads `object`, named `what` in error messages.
    pub fn of(object: &'a JsValue, what: &'static str) -> Result<Self, JsValue> {
        if object.is_undefined() || object.is_null() || object.is_object() {
            Ok(Self {
                object,
                what,
                error: RefCell::new(None),
            })
        } else {
            Err(config_error(&format!("{what} must be an object")))
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
            *error = Some(config_error(&format!("{}.{key} {problem}", self.what)));
        }
    }

    /// The field `key` converted by `read`, unless absent; a `None` from
    /// `read` is a problem: the field must be `expected`.
    fn field<T>(
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
}

/// `RegisterParams`.
pub fn new_customer(params: &JsValue) -> Result<NewCustomer, JsValue> {
    let fields = Fields::of(params, "params")?;
    let customer = NewCustomer {
        email: fields.required("email"),
        password: Password::new(fields.required("password")),
        password_confirmation: fields.string("password_confirmation").map(Password::new),
        first_name: fields.string("first_name"),
        last_name: fields.string("last_name"),
        phone: fields.string("phone"),
        accepts_email_marketing: fields.boolean("accepts_email_marketing"),
        metadata: fields.json("metadata"),
    };
    fields.finish(customer)
}

/// `LoginCredentials` (email and password; provider logins are not supported).
pub fn credentials(params: &JsValue) -> Result<Credentials, JsValue> {
    let fields = Fields::of(params, "credentials")?;
    let provider = fields.string("provider");
    fields.finish(())?;
    if provider.is_some_and(|provider| provider != "email") {
        // Provider logins (`{ provider, token }`) carry no email or password.
        return Err(config_error("only email and password logins are supported"));
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
    let request = PasswordResetRequest {
        email: fields.required("email"),
        redirect_url: fields.string("redirect_url"),
    };
    fields.finish(request)
}

/// `ResetPasswordParams`.
pub fn new_password(params: &JsValue) -> Result<NewPassword, JsValue> {
    let fields = Fields::of(params, "params")?;
    let password = NewPassword {
        password: Password::new(fields.required("password")),
        password_confirmation: Password::new(fields.required("password_confirmation")),
    };
    fields.finish(password)
}

/// The parameters of `customer.update`.
pub fn customer_update(params: &JsValue) -> Result<CustomerUpdate, JsValue> {
    let fields = Fields::of(params, "params")?;
    let update = CustomerUpdate {
        first_name: fields.string("first_name"),
        last_name: fields.string("last_name"),
        phone: fields.string("phone"),
        accepts_email_marketing: fields.boolean("accepts_email_marketing"),
        metadata: fields.json("metadata"),
        email: fields.string("email"),
        password: fields.string("password").map(Password::new),
        password_confirmation: fields.string("password_confirmation").map(Password::new),
        current_password: fields.string("current_password").map(Password::new),
    };
    fields.finish(update)
}

/// `ListParams` (paging only).
pub fn list_options(params: &JsValue) -> Result<ListOptions, JsValue> {
    let fields = Fields::of(params, "params")?;
    let options = ListOptions {
        page: fields.count("page"),
        limit: fields.count("limit"),
    };
    fields.finish(options)
}

/// `AddressParams`, whole or partial.
pub fn address(params: &JsValue) -> Result<AddressInput, JsValue> {
    let fields = Fields::of(params, "params")?;
    let address = AddressInput {
        first_name: fields.string("first_name"),
        last_name: fields.string("last_name"),
        address1: fields.string("address1"),
        address2: fields.string("address2"),
        postal_code: fields.string("postal_code"),
        city: fields.string("city"),
        phone: fields.string("phone"),
        company: fields.string("company"),
        country_iso: fields.string("country_iso"),
        state_abbr: fields.string("state_abbr"),
        state_name: fields.string("state_name"),
        is_default_billing: fields.boolean("is_default_billing"),
        is_default_shipping: fields.boolean("is_default_shipping"),
    };
    fields.finish(address)
}

/// `Address`.
pub fn address_to_js(address: &Address) -> JsValue {
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
        ("country_name", text(address.country_name.as_deref())),
        ("country_iso", text(address.country_iso.as_deref())),
        ("state_text", text(address.state_text.as_deref())),
        ("state_abbr", text(address.state_abbr.as_deref())),
        ("state_name", text(address.state_name.as_deref())),
        ("quick_checkout", JsValue::from_bool(address.quick_checkout)),
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

fn optional_address(address: Option<&Address>) -> JsValue {
    address.map_or(JsValue::NULL, address_to_js)
}

/// `Customer`.
pub fn customer_to_js(customer: &Customer) -> JsValue {
    let addresses: Array = customer.addresses.iter().map(address_to_js).collect();
    let groups: Array = customer
        .customer_groups
        .iter()
        .map(|group| {
            object(&[
                ("id", JsValue::from_str(&group.id)),
                ("name", JsValue::from_str(&group.name)),
            ])
        })
        .collect();
    let subscriber = customer
        .newsletter_subscriber
        .as_ref()
        .map_or(JsValue::NULL, |subscriber| {
            object(&[
                ("id", JsValue::from_str(&subscriber.id)),
                ("email", JsValue::from_str(&subscriber.email)),
                ("verified", JsValue::from_bool(subscriber.verified)),
                ("created_at", text(subscriber.created_at.as_deref())),
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
            text(customer.available_store_credit_total.as_deref()),
        ),
        (
            "display_available_store_credit_total",
            text(customer.display_available_store_credit_total.as_deref()),
        ),
        ("addresses", addresses.into()),
        (
            "default_billing_address",
            optional_address(customer.default_billing_address.as_ref()),
        ),
        (
            "default_shipping_address",
            optional_address(customer.default_shipping_address.as_ref()),
        ),
        ("newsletter_subscriber", subscriber),
        ("customer_groups", groups.into()),
    ])
}

/// `{ data, meta }` of `customer.addresses.list`.
pub fn address_page_to_js(page: &Page<Address>) -> JsValue {
    let data: Array = page.data.iter().map(address_to_js).collect();
    let count = |value: u32| JsValue::from_f64(f64::from(value));
    let meta = object(&[
        ("page", count(page.meta.page)),
        ("limit", count(page.meta.limit)),
        ("count", count(page.meta.count)),
        ("pages", count(page.meta.pages)),
        ("previous", page.meta.previous.map_or(JsValue::NULL, count)),
        ("next", page.meta.next.map_or(JsValue::NULL, count)),
    ]);
    object(&[("data", data.into()), ("meta", meta)])
}

/// `AuthTokens`: `{ token, refresh_token, user: { id, email, first_name, last_name } }`.
pub fn auth_tokens_to_js(response: &AuthResponse) -> JsValue {
    let user = &response.user;
    let user = object(&[
        ("id", JsValue::from_str(&user.id)),
        ("email", JsValue::from_str(&user.email)),
        ("first_name", text(user.first_name.as_deref())),
        ("last_name", text(user.last_name.as_deref())),
    ]);
    object(&[
        ("token", JsValue::from_str(response.token.expose_secret())),
        (
            "refresh_token",
            text(response.refresh_token.as_ref().map(|t| t.expose_secret())),
        ),
        ("user", user),
    ])
}

/// `AuthSession`: `{ token, refresh_token, expires_at, user }`, `expires_at`
/// in Unix seconds.
pub fn session_to_js(session: &Session) -> JsValue {
    object(&[
        ("token", JsValue::from_str(session.token.expose_secret())),
        (
            "refresh_token",
            text(session.refresh_token.as_ref().map(|t| t.expose_secret())),
        ),
        (
            "expires_at",
            JsValue::from_f64(session.expires_at_ms.div_euclid(1000) as f64),
        ),
        (
            "user",
            session.user.as_ref().map_or(JsValue::NULL, customer_to_js),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn parse(source: &str) -> JsValue {
        js_sys::JSON::parse(source).unwrap()
    }

    fn json(value: &JsValue) -> String {
        js_sys::JSON::stringify(value).unwrap().as_string().unwrap()
    }

    fn sample_address() -> Address {
        Address {
            id: "addr_1".into(),
            first_name: Some("Ada".into()),
            last_name: None,
            full_name: "Ada".into(),
            address1: Some("1 Main St".into()),
            address2: None,
            postal_code: Some("10001".into()),
            city: Some("New York".into()),
            phone: None,
            company: None,
            country_name: Some("United States".into()),
            country_iso: Some("US".into()),
            state_text: Some("NY".into()),
            state_abbr: Some("NY".into()),
            state_name: None,
            quick_checkout: false,
            is_default_billing: true,
            is_default_shipping: false,
        }
    }

    const ADDRESS_JSON: &str = r#"{"id":"addr_1","first_name":"Ada","last_name":null,"full_name":"Ada","address1":"1 Main St","address2":null,"postal_code":"10001","city":"New York","phone":null,"company":null,"country_name":"United States","country_iso":"US","state_text":"NY","state_abbr":"NY","state_name":null,"quick_checkout":false,"is_default_billing":true,"is_default_shipping":false}"#;

    fn sample_customer() -> Customer {
        Customer {
            id: "cus_1".into(),
            email: "ada@example.com".into(),
            first_name: Some("Ada".into()),
            last_name: None,
            phone: None,
            accepts_email_marketing: true,
            full_name: "Ada".into(),
            available_store_credit_total: Some("0.0".into()),
            display_available_store_credit_total: Some("$0.00".into()),
            addresses: vec![sample_address()],
            default_billing_address: Some(sample_address()),
            default_shipping_address: None,
            newsletter_subscriber: Some(storefront_sdk::NewsletterSubscriber {
                id: "sub_1".into(),
                email: "ada@example.com".into(),
                verified: false,
                created_at: None,
            }),
            customer_groups: vec![storefront_sdk::CustomerGroup {
                id: "grp_1".into(),
                name: "VIP".into(),
            }],
        }
    }

    #[wasm_bindgen_test]
    fn results_have_the_spree_shapes() {
        assert_eq!(json(&address_to_js(&sample_address())), ADDRESS_JSON);
        assert_eq!(
            json(&customer_to_js(&sample_customer())),
            format!(
                r#"{{"id":"cus_1","email":"ada@example.com","first_name":"Ada","last_name":null,"phone":null,"accepts_email_marketing":true,"full_name":"Ada","available_store_credit_total":"0.0","display_available_store_credit_total":"$0.00","addresses":[{ADDRESS_JSON}],"default_billing_address":{ADDRESS_JSON},"default_shipping_address":null,"newsletter_subscriber":{{"id":"sub_1","email":"ada@example.com","verified":false,"created_at":null}},"customer_groups":[{{"id":"grp_1","name":"VIP"}}]}}"#
            )
        );
        let page = Page {
            data: vec![sample_address()],
            meta: storefront_sdk::PageMeta {
                page: 1,
                limit: 25,
                count: 1,
                pages: 1,
                previous: None,
                next: Some(2),
            },
        };
        assert_eq!(
            json(&address_page_to_js(&page)),
            format!(
                r#"{{"data":[{ADDRESS_JSON}],"meta":{{"page":1,"limit":25,"count":1,"pages":1,"previous":null,"next":2}}}}"#
            )
        );
        let response = AuthResponse {
            token: storefront_sdk::AccessToken::new("jwt"),
            refresh_token: None,
            user: sample_customer(),
        };
        assert_eq!(
            json(&auth_tokens_to_js(&response)),
            r#"{"token":"jwt","refresh_token":null,"user":{"id":"cus_1","email":"ada@example.com","first_name":"Ada","last_name":null}}"#
        );
        let session = Session {
            token: storefront_sdk::AccessToken::new("jwt"),
            refresh_token: Some(storefront_sdk::RefreshToken::new("rt")),
            expires_at_ms: 1_700_000_000_999,
            user: None,
        };
        assert_eq!(
            json(&session_to_js(&session)),
            r#"{"token":"jwt","refresh_token":"rt","expires_at":1700000000,"user":null}"#
        );
    }

    fn message(error: JsValue) -> String {
        Reflect::get(&error, &JsValue::from_str("message"))
            .unwrap()
            .as_string()
            .unwrap()
    }

    #[wasm_bindgen_test]
    fn registration_reads_spree_field_names() {
        let customer = new_customer(&parse(
            r#"{"email":"a@b.c","password":"p","password_confirmation":"p","accepts_email_marketing":true,"metadata":{"x":1}}"#,
        ))
        .unwrap();
        assert_eq!(customer.email, "a@b.c");
        assert_eq!(customer.accepts_email_marketing, Some(true));
        assert_eq!(customer.metadata.as_deref(), Some(r#"{"x":1}"#));
    }

    #[wasm_bindgen_test]
    fn missing_and_mistyped_fields_are_config_errors_without_values() {
        assert_eq!(
            message(credentials(&parse(r#"{"email":"a@b.c"}"#)).unwrap_err()),
            "credentials.password is required"
        );
        let error = credentials(&parse(r#"{"email":"a@b.c","password":123456}"#)).unwrap_err();
        assert_eq!(message(error), "credentials.password must be a string");
        assert!(credentials(&JsValue::from_str("not an object")).is_err());
        assert!(credentials(&parse(r#"{"provider":"auth0","email":"a","password":"b"}"#)).is_err());
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

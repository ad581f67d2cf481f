//! Shapes of `@spree/sdk` 1.2.1 on the JavaScript side, translated to and from
//! the SDK's types. Arguments are read field by field (no derived
//! deserialisers, which cost size); results cross as JSON text (`miniserde`,
//! as in the SDK, then `JSON.parse`).

use js_sys::Reflect;
use miniserde::Serialize;
use storefront_sdk::{
    AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, ListOptions, NewCustomer,
    NewPassword, Password, PasswordResetRequest, Session,
};
use wasm_bindgen::JsValue;

use crate::errors::config_error;

/// Writes `value` as a JavaScript value (through `JSON.parse`).
pub fn to_js(value: &dyn Serialize) -> JsValue {
    js_sys::JSON::parse(&miniserde::json::to_string(value)).unwrap_or(JsValue::NULL)
}

/// `{ message }`, the answer of `passwordResets.create`.
pub fn message(text: &str) -> JsValue {
    let object = js_sys::Object::new();
    let _ = Reflect::set(
        &object,
        &JsValue::from_str("message"),
        &JsValue::from_str(text),
    );
    object.into()
}

/// The fields of one JavaScript argument object (`undefined` reads as empty).
pub struct Fields<'a> {
    object: &'a JsValue,
    what: &'static str,
}

impl<'a> Fields<'a> {
    /// Reads `object`, named `what` in error messages.
    pub fn of(object: &'a JsValue, what: &'static str) -> Result<Self, JsValue> {
        if object.is_undefined() || object.is_null() || object.is_object() {
            Ok(Self { object, what })
        } else {
            Err(config_error(&format!("{what} must be an object")))
        }
    }

    fn value(&self, key: &str) -> Option<JsValue> {
        if !self.object.is_object() {
            return None;
        }
        Reflect::get(self.object, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())
    }

    fn wrong_type(&self, key: &str, expected: &str) -> JsValue {
        config_error(&format!("{}.{key} must be {expected}", self.what))
    }

    /// An optional string field.
    pub fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        self.value(key)
            .map(|value| {
                value
                    .as_string()
                    .ok_or_else(|| self.wrong_type(key, "a string"))
            })
            .transpose()
    }

    /// Optional string fields, in the order of `keys` (one loop instead of
    /// one error path per field, which costs size).
    pub fn strings<const N: usize>(&self, keys: [&str; N]) -> Result<[Option<String>; N], JsValue> {
        let mut values = [const { None }; N];
        for (value, key) in values.iter_mut().zip(keys) {
            *value = self.string(key)?;
        }
        Ok(values)
    }

    /// A required string field.
    pub fn required(&self, key: &str) -> Result<String, JsValue> {
        self.string(key)?
            .ok_or_else(|| config_error(&format!("{}.{key} is required", self.what)))
    }

    /// An optional boolean field.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, JsValue> {
        self.value(key)
            .map(|value| {
                value
                    .as_bool()
                    .ok_or_else(|| self.wrong_type(key, "a boolean"))
            })
            .transpose()
    }

    /// An optional non-negative number field.
    pub fn number(&self, key: &str) -> Result<Option<f64>, JsValue> {
        self.value(key)
            .map(|value| {
                value
                    .as_f64()
                    .filter(|number| number.is_finite() && *number >= 0.0)
                    .ok_or_else(|| self.wrong_type(key, "a non-negative number"))
            })
            .transpose()
    }

    /// An optional page number or size.
    fn count(&self, key: &str) -> Result<Option<u32>, JsValue> {
        Ok(self
            .number(key)?
            .map(|number| number.min(u32::MAX as f64) as u32))
    }

    /// An optional JSON value field (`metadata`), passed on as the text
    /// `JSON.stringify` makes of it.
    fn json(&self, key: &str) -> Result<Option<String>, JsValue> {
        self.value(key)
            .map(|value| {
                js_sys::JSON::stringify(&value)
                    .ok()
                    .and_then(|text| text.as_string())
                    .ok_or_else(|| self.wrong_type(key, "JSON-serialisable"))
            })
            .transpose()
    }
}

/// `RegisterParams`.
pub fn new_customer(params: &JsValue) -> Result<NewCustomer, JsValue> {
    let fields = Fields::of(params, "params")?;
    let email = fields.required("email")?;
    let password = Password::new(fields.required("password")?);
    let [password_confirmation, first_name, last_name, phone] =
        fields.strings(["password_confirmation", "first_name", "last_name", "phone"])?;
    Ok(NewCustomer {
        email,
        password,
        password_confirmation: password_confirmation.map(Password::new),
        first_name,
        last_name,
        phone,
        accepts_email_marketing: fields.boolean("accepts_email_marketing")?,
        metadata: fields.json("metadata")?,
    })
}

/// `LoginCredentials` (email and password; provider logins are not supported).
pub fn credentials(params: &JsValue) -> Result<Credentials, JsValue> {
    let fields = Fields::of(params, "credentials")?;
    match fields.string("provider")?.as_deref() {
        None | Some("email") => Ok(Credentials::new(
            fields.required("email")?,
            fields.required("password")?,
        )),
        Some(_) => Err(config_error("only email and password logins are supported")),
    }
}

/// The optional `{ refresh_token }` of `auth.refresh` and `auth.logout`.
pub fn refresh_token(params: &JsValue) -> Result<Option<String>, JsValue> {
    Fields::of(params, "params")?.string("refresh_token")
}

/// `RequestPasswordResetParams`.
pub fn password_reset_request(params: &JsValue) -> Result<PasswordResetRequest, JsValue> {
    let fields = Fields::of(params, "params")?;
    Ok(PasswordResetRequest {
        email: fields.required("email")?,
        redirect_url: fields.string("redirect_url")?,
    })
}

/// `ResetPasswordParams`.
pub fn new_password(params: &JsValue) -> Result<NewPassword, JsValue> {
    let fields = Fields::of(params, "params")?;
    Ok(NewPassword {
        password: Password::new(fields.required("password")?),
        password_confirmation: Password::new(fields.required("password_confirmation")?),
    })
}

/// The parameters of `customer.update`.
pub fn customer_update(params: &JsValue) -> Result<CustomerUpdate, JsValue> {
    let fields = Fields::of(params, "params")?;
    let [
        first_name,
        last_name,
        phone,
        email,
        password,
        password_confirmation,
        current_password,
    ] = fields.strings([
        "first_name",
        "last_name",
        "phone",
        "email",
        "password",
        "password_confirmation",
        "current_password",
    ])?;
    Ok(CustomerUpdate {
        first_name,
        last_name,
        phone,
        accepts_email_marketing: fields.boolean("accepts_email_marketing")?,
        metadata: fields.json("metadata")?,
        email,
        password: password.map(Password::new),
        password_confirmation: password_confirmation.map(Password::new),
        current_password: current_password.map(Password::new),
    })
}

/// `ListParams` (paging only).
pub fn list_options(params: &JsValue) -> Result<ListOptions, JsValue> {
    let fields = Fields::of(params, "params")?;
    Ok(ListOptions {
        page: fields.count("page")?,
        limit: fields.count("limit")?,
    })
}

/// `AddressParams`, whole or partial.
pub fn address(params: &JsValue) -> Result<AddressInput, JsValue> {
    let fields = Fields::of(params, "params")?;
    let [
        first_name,
        last_name,
        address1,
        address2,
        postal_code,
        city,
        phone,
        company,
        country_iso,
        state_abbr,
        state_name,
    ] = fields.strings([
        "first_name",
        "last_name",
        "address1",
        "address2",
        "postal_code",
        "city",
        "phone",
        "company",
        "country_iso",
        "state_abbr",
        "state_name",
    ])?;
    Ok(AddressInput {
        first_name,
        last_name,
        address1,
        address2,
        postal_code,
        city,
        phone,
        company,
        country_iso,
        state_abbr,
        state_name,
        is_default_billing: fields.boolean("is_default_billing")?,
        is_default_shipping: fields.boolean("is_default_shipping")?,
    })
}

/// `AuthTokens.user`.
#[derive(Serialize)]
struct AuthUser<'a> {
    id: &'a str,
    email: &'a str,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
}

impl<'a> From<&'a Customer> for AuthUser<'a> {
    fn from(customer: &'a Customer) -> Self {
        AuthUser {
            id: &customer.id,
            email: &customer.email,
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
        }
    }
}

/// `AuthTokens`: `{ token, refresh_token, user }`.
#[derive(Serialize)]
pub struct AuthTokens<'a> {
    token: &'a str,
    refresh_token: Option<&'a str>,
    user: AuthUser<'a>,
}

impl<'a> From<&'a AuthResponse> for AuthTokens<'a> {
    fn from(response: &'a AuthResponse) -> Self {
        AuthTokens {
            token: response.token.expose_secret(),
            refresh_token: response.refresh_token.as_ref().map(|t| t.expose_secret()),
            user: AuthUser::from(&response.user),
        }
    }
}

/// `AuthSession`: `{ token, refresh_token, expires_at, user }`, `expires_at`
/// in Unix seconds.
#[derive(Serialize)]
pub struct AuthSession<'a> {
    token: &'a str,
    refresh_token: Option<&'a str>,
    expires_at: i64,
    user: Option<&'a Customer>,
}

impl<'a> From<&'a Session> for AuthSession<'a> {
    fn from(session: &'a Session) -> Self {
        AuthSession {
            token: session.token.expose_secret(),
            refresh_token: session.refresh_token.as_ref().map(|t| t.expose_secret()),
            expires_at: session.expires_at_ms.div_euclid(1000),
            user: session.user.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn object(source: &str) -> JsValue {
        js_sys::JSON::parse(source).unwrap()
    }

    fn message(error: JsValue) -> String {
        Reflect::get(&error, &JsValue::from_str("message"))
            .unwrap()
            .as_string()
            .unwrap()
    }

    #[wasm_bindgen_test]
    fn registration_reads_spree_field_names() {
        let customer = new_customer(&object(
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
            message(credentials(&object(r#"{"email":"a@b.c"}"#)).unwrap_err()),
            "credentials.password is required"
        );
        let error = credentials(&object(r#"{"email":"a@b.c","password":123456}"#)).unwrap_err();
        assert_eq!(message(error), "credentials.password must be a string");
        assert!(credentials(&JsValue::from_str("not an object")).is_err());
        assert!(
            credentials(&object(
                r#"{"provider":"auth0","email":"a","password":"b"}"#
            ))
            .is_err()
        );
    }

    #[wasm_bindgen_test]
    fn absent_optional_arguments_read_as_empty() {
        assert_eq!(refresh_token(&JsValue::UNDEFINED).unwrap(), None);
        let options = list_options(&JsValue::UNDEFINED).unwrap();
        assert_eq!((options.page, options.limit), (None, None));
        let partial = address(&object(r#"{"city":"Paris","address2":null}"#)).unwrap();
        assert_eq!(partial.city.as_deref(), Some("Paris"));
        assert_eq!(partial.address2, None);
    }
}

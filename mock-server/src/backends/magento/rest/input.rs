//! Request input as Magento's `ServiceInputProcessor` reads it: a JSON body (after the
//! Content-Type checks of `Webapi\Rest\Request`), method parameters by camelCase or snake_case
//! name, data objects whose keys may be either, and scalar type conversion.

use super::errors::{type_error, webapi_error};
use crate::backends::magento::store::StoreError;
use crate::backends::magento::store::errors::Phrase;
use crate::backends::magento::store::model::{
    AddressFields, AddressFieldsInput, AddressInput, CustomerInput,
};
use crate::http::{ApiRequest, ApiResponse};
use serde_json::{Map, Value};

/// `snake_case` of a camelCase key (`regionCode` → `region_code`); snake keys stay.
pub(crate) fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (index, character) in key.chars().enumerate() {
        if character.is_ascii_uppercase() {
            if index > 0 {
                out.push('_');
            }
            out.push(character.to_ascii_lowercase());
        } else {
            out.push(character);
        }
    }
    out
}

/// The parameters of a request body: the top-level object (anything else has no names).
#[derive(Debug, Default)]
pub(crate) struct Body(Map<String, Value>);

impl Body {
    /// Reads the body of a POST or PUT: an empty body has no parameters; a non-empty one needs
    /// a JSON or XML `Content-Type` in UTF-8 and must parse. Errors are Magento's 400 answers.
    pub(crate) fn parse(request: &ApiRequest<'_>) -> Result<Body, ApiResponse> {
        if request.body.is_empty() {
            return Ok(Body::default());
        }
        let Some(content_type) = request.header("content-type") else {
            return Err(webapi_error(400, "Content-Type header is empty."));
        };
        let (mime, charset) = match content_type.split_once(';') {
            Some((mime, rest)) => (mime.trim(), Some(rest.trim())),
            None => (content_type.trim(), None),
        };
        let valid = !mime.is_empty()
            && mime
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/-+.".contains(c))
            && charset.is_none_or(|charset| charset.to_ascii_lowercase().starts_with("charset="));
        if !valid {
            return Err(webapi_error(400, "Content-Type header is invalid."));
        }
        if charset.is_some_and(|charset| !charset[8..].trim().eq_ignore_ascii_case("utf-8")) {
            return Err(webapi_error(400, "UTF-8 is the only supported charset."));
        }
        let mime_lower = mime.to_ascii_lowercase();
        if matches!(mime_lower.as_str(), "application/xml" | "text/xml") {
            return match super::xml::parse(request.body) {
                Some(Value::Object(map)) => Ok(Body(map)),
                Some(_) => Ok(Body::default()),
                None => Err(webapi_error(400, "Decoding error.")),
            };
        }
        if mime_lower != "application/json" {
            return Err(super::errors::error_response(
                400,
                &Phrase::positional(
                    "Server cannot understand Content-Type HTTP header media type %1",
                    vec![crate::backends::magento::store::errors::ParamValue::Text(
                        mime.to_owned(),
                    )],
                ),
                &[],
            ));
        }
        match serde_json::from_slice::<Value>(request.body) {
            Ok(Value::Object(map)) => Ok(Body(map)),
            Ok(_) => Ok(Body::default()),
            Err(_) => Err(webapi_error(400, "Decoding error.")),
        }
    }

    /// A parameter by its camelCase name, else its snake_case one; JSON null is absent.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .get(name)
            .or_else(|| self.0.get(&snake(name)))
            .filter(|value| !value.is_null())
    }

    /// A required string parameter (missing ones are collected into `missing`).
    pub(crate) fn required_string(
        &self,
        name: &'static str,
        missing: &mut Vec<Phrase>,
    ) -> Result<String, StoreError> {
        match self.get(name) {
            Some(value) => string(value),
            None => {
                missing.push(Phrase::required(name));
                Ok(String::new())
            }
        }
    }
}

/// Fails with the aggregated required-parameter errors, if any.
pub(crate) fn check_missing(missing: Vec<Phrase>) -> Result<(), StoreError> {
    if missing.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(missing))
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A string value: numbers become their text, `true` "1" and `false` "" (PHP's casts).
pub(crate) fn string(value: &Value) -> Result<String, StoreError> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Bool(flag) => Ok(if *flag { "1".into() } else { String::new() }),
        Value::Null => Ok(String::new()),
        other => Err(type_error(shown(other), "string")),
    }
}

/// An integer value: numbers and numeric strings.
pub(crate) fn int(value: &Value) -> Result<i64, StoreError> {
    let parsed = match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            number
                .as_f64()
                .filter(|float| float.is_finite() && float.abs() < 9.0e18)
                .map(|float| float.trunc() as i64)
        }),
        Value::String(text) => text.trim().parse::<i64>().ok(),
        _ => None,
    };
    parsed.ok_or_else(|| type_error(shown(value), "int"))
}

/// A boolean value: booleans, 0/1 and their texts.
pub(crate) fn boolean(value: &Value) -> Result<bool, StoreError> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        Value::Number(number) if number.as_i64() == Some(0) => Ok(false),
        Value::Number(number) if number.as_i64() == Some(1) => Ok(true),
        Value::String(text) => match text.trim().to_ascii_lowercase().as_str() {
            "" | "0" | "false" => Ok(false),
            "1" | "true" => Ok(true),
            _ => Err(type_error(shown(value), "bool")),
        },
        other => Err(type_error(shown(other), "bool")),
    }
}

/// A data object's fields by snake_case key (later spellings of one key win); anything but
/// an object is a type error.
fn object<'v>(
    value: &'v Value,
    class: &'static str,
) -> Result<Vec<(String, &'v Value)>, StoreError> {
    match value {
        Value::Object(map) => Ok(map
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| (snake(key), value))
            .collect()),
        other => Err(type_error(shown(other), class)),
    }
}

/// `customer` (`CustomerInterface`) of a registration or a save; unknown keys are ignored.
pub(crate) fn customer(value: &Value) -> Result<CustomerInput, StoreError> {
    let mut input = CustomerInput::default();
    for (key, value) in object(value, "\\Magento\\Customer\\Api\\Data\\CustomerInterface")? {
        match key.as_str() {
            "email" => input.email = Some(string(value)?),
            "firstname" => input.firstname = Some(string(value)?),
            "lastname" => input.lastname = Some(string(value)?),
            "middlename" => input.middlename = Some(string(value)?),
            "prefix" => input.prefix = Some(string(value)?),
            "suffix" => input.suffix = Some(string(value)?),
            "dob" => input.dob = Some(string(value)?),
            "taxvat" => input.taxvat = Some(string(value)?),
            "gender" => input.gender = Some(int(value)?),
            "website_id" => input.website_id = Some(int(value)?),
            "store_id" => input.store_id = Some(int(value)?),
            "group_id" => input.group_id = Some(int(value)?),
            "disable_auto_group_change" => input.disable_auto_group_change = Some(int(value)?),
            "extension_attributes" => {
                for (key, value) in object(
                    value,
                    "\\Magento\\Customer\\Api\\Data\\CustomerExtensionInterface",
                )? {
                    if key == "is_subscribed" {
                        input.is_subscribed = Some(boolean(value)?);
                    }
                }
            }
            "addresses" => {
                let Value::Array(entries) = value else {
                    return Err(type_error(
                        shown(value),
                        "\\Magento\\Customer\\Api\\Data\\AddressInterface[]",
                    ));
                };
                input.addresses = Some(
                    entries
                        .iter()
                        .filter(|e| !e.is_null())
                        .map(address)
                        .collect::<Result<_, _>>()?,
                );
            }
            _ => {}
        }
    }
    Ok(input)
}

/// One `AddressInterface`; unknown keys are ignored.
fn address(value: &Value) -> Result<AddressInput, StoreError> {
    let mut input = AddressInput::default();
    let mut text = AddressFields::default();
    let mut fields = AddressFieldsInput::default();
    for (key, value) in object(value, "\\Magento\\Customer\\Api\\Data\\AddressInterface")? {
        let slot = match key.as_str() {
            "firstname" => &mut text.firstname,
            "lastname" => &mut text.lastname,
            "middlename" => &mut text.middlename,
            "prefix" => &mut text.prefix,
            "suffix" => &mut text.suffix,
            "company" => &mut text.company,
            "city" => &mut text.city,
            "postcode" => &mut text.postcode,
            "country_id" => &mut text.country_id,
            "telephone" => &mut text.telephone,
            "fax" => &mut text.fax,
            "vat_id" => &mut text.vat_id,
            "id" => {
                input.id = Some(int(value)?);
                continue;
            }
            "region_id" => {
                fields.region_id = Some(int(value)?);
                continue;
            }
            "default_billing" => {
                input.default_billing = Some(boolean(value)?);
                continue;
            }
            "default_shipping" => {
                input.default_shipping = Some(boolean(value)?);
                continue;
            }
            "street" => {
                text.street = match value {
                    Value::Array(lines) => lines
                        .iter()
                        .filter(|line| !line.is_null())
                        .map(string)
                        .collect::<Result<_, _>>()?,
                    other => vec![string(other)?],
                };
                continue;
            }
            "region" => {
                region(value, &mut fields)?;
                continue;
            }
            _ => continue,
        };
        *slot = Some(string(value)?);
    }
    fields.text = text;
    input.fields = fields;
    Ok(input)
}

/// `region` (`RegionInterface`): code, name and id; a plain string is read as the name.
fn region(value: &Value, fields: &mut AddressFieldsInput) -> Result<(), StoreError> {
    if let Value::String(name) = value {
        fields.region_name = Some(name.clone());
        return Ok(());
    }
    for (key, value) in object(value, "\\Magento\\Customer\\Api\\Data\\RegionInterface")? {
        match key.as_str() {
            "region_code" => fields.region_code = Some(string(value)?),
            "region" => fields.region_name = Some(string(value)?),
            "region_id" if fields.region_id.is_none() => fields.region_id = Some(int(value)?),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn camel_and_snake_keys_read_alike() {
        assert_eq!(snake("defaultShipping"), "default_shipping");
        assert_eq!(snake("regionId"), "region_id");
        assert_eq!(snake("country_id"), "country_id");
        let seed = json!({
            "email": "jdoe@example.com", "firstname": "Jane", "lastname": "Doe",
            "addresses": [{"defaultShipping": true, "defaultBilling": true, "firstname": "Jane",
                "region": {"regionCode": "NY", "region": "New York", "regionId": 43},
                "street": ["123 Oak Ave"], "countryId": "US", "telephone": "512-555-1111"}]
        });
        let input = customer(&seed).expect("valid");
        let address = &input.addresses.expect("addresses")[0];
        assert_eq!(address.default_shipping, Some(true));
        assert_eq!(address.fields.region_id, Some(43));
        assert_eq!(address.fields.region_code.as_deref(), Some("NY"));
        assert_eq!(address.fields.text.country_id.as_deref(), Some("US"));
    }

    #[test]
    fn scalars_convert_like_php_and_structures_are_type_errors() {
        assert_eq!(int(&json!("12")), Ok(12));
        assert_eq!(string(&json!(5)), Ok("5".into()));
        assert_eq!(boolean(&json!("1")), Ok(true));
        assert!(int(&json!("x")).is_err());
        assert!(string(&json!([1])).is_err());
        assert!(customer(&json!("text")).is_err());
        assert!(customer(&json!({"addresses": {"a": 1}})).is_err());
        assert!(customer(&json!({"unknown": 1, "email": null})).is_ok());
    }
}

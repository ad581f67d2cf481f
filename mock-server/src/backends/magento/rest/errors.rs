//! Magento's REST error bodies (`Webapi\Rest\Response::_renderMessages`):
//! `{"message", "errors"?: [{"message","parameters"}], "parameters"?}`, templates unsubstituted,
//! and the status of each exception family.

use super::json::php_json;
use crate::backends::magento::store::StoreError;
use crate::backends::magento::store::errors::{Family, ParamValue, Params, Phrase};
use crate::http::{ApiResponse, ResponseOrigin};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq};

/// Parameters as Magento renders them: a map for named placeholders, a list for `%1`.
struct ParamsJson<'a>(&'a Params);

impl Serialize for ParamsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn value(value: &ParamValue) -> serde_json::Value {
            match value {
                ParamValue::Text(text) => serde_json::Value::from(text.as_str()),
                ParamValue::Number(number) => serde_json::Value::from(*number),
            }
        }
        match self.0 {
            Params::None => serializer.serialize_seq(Some(0))?.end(),
            Params::Named(named) => {
                let mut map = serializer.serialize_map(Some(named.len()))?;
                for (name, param) in named {
                    map.serialize_entry(name, &value(param))?;
                }
                map.end()
            }
            Params::Positional(values) => {
                let mut seq = serializer.serialize_seq(Some(values.len()))?;
                for param in values {
                    seq.serialize_element(&value(param))?;
                }
                seq.end()
            }
        }
    }
}

#[derive(Serialize)]
struct ErrorItem<'a> {
    message: &'static str,
    parameters: ParamsJson<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    message: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ErrorItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters: Option<ParamsJson<'a>>,
}

/// A JSON error response: the phrase's template, its parameters when it has any, and the
/// individual errors of an aggregate (each with its parameters, an empty list when none).
pub(crate) fn error_response(status: u16, phrase: &Phrase, errors: &[Phrase]) -> ApiResponse {
    let body = ErrorBody {
        message: phrase.template,
        errors: errors
            .iter()
            .map(|error| ErrorItem {
                message: error.template,
                parameters: ParamsJson(&error.params),
            })
            .collect(),
        parameters: match &phrase.params {
            Params::None => None,
            params => Some(ParamsJson(params)),
        },
    };
    ApiResponse::json(status, php_json(&body), ResponseOrigin::Action)
}

/// The response for a store refusal: 404, 401 or 400 by family.
pub(crate) fn store_error_response(error: &StoreError) -> ApiResponse {
    let status = match error.family() {
        Family::NoSuchEntity => 404,
        Family::Authentication => 401,
        Family::Input => 400,
    };
    let (message, errors) = error.phrases();
    error_response(status, &message, &errors)
}

/// `Webapi\Exception` without parameters (router and deserializer errors).
pub(crate) fn webapi_error(status: u16, message: &'static str) -> ApiResponse {
    error_response(status, &Phrase::plain(message), &[])
}

/// 404 for a path or method no route matches.
pub(crate) fn no_route() -> ApiResponse {
    webapi_error(404, "Request does not match any route.")
}

/// `The "%value" value's type is invalid. The "%type" type was expected. …` (400).
pub(crate) fn type_error(value: String, expected: &'static str) -> StoreError {
    StoreError::Refused(Phrase::named(
        "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.",
        vec![
            ("value", ParamValue::Text(value)),
            ("type", ParamValue::Text(expected.to_owned())),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(response: &ApiResponse) -> String {
        String::from_utf8(response.body.clone()).expect("utf-8")
    }

    #[test]
    fn bodies_match_the_spec_examples() {
        let unauthorized = store_error_response(&StoreError::NotAuthorized("self"));
        assert_eq!(unauthorized.status, 401);
        assert_eq!(
            body(&unauthorized),
            r#"{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"self"}}"#
        );
        let empty_login = store_error_response(&StoreError::Invalid(vec![
            Phrase::required("username"),
            Phrase::required("password"),
        ]));
        assert_eq!(empty_login.status, 400);
        assert_eq!(
            body(&empty_login),
            r#"{"message":"One or more input exceptions have occurred.","errors":[{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"username"}},{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"password"}}]}"#
        );
        let short = store_error_response(&StoreError::Password(
            crate::backends::magento::store::errors::PasswordRule::TooShort(8),
        ));
        assert_eq!(
            body(&short),
            r#"{"message":"The password needs at least %1 characters. Create a new password and try again.","parameters":[8]}"#
        );
        let unknown = store_error_response(&StoreError::NoSuchEmail {
            email: "xyz@xyz.com".into(),
            website: ParamValue::Number(0),
        });
        assert_eq!(unknown.status, 404);
        assert_eq!(
            body(&unknown),
            r#"{"message":"No such entity with %fieldName = %fieldValue, %field2Name = %field2Value","parameters":{"fieldName":"email","fieldValue":"xyz@xyz.com","field2Name":"websiteId","field2Value":0}}"#
        );
        assert_eq!(
            body(&no_route()),
            r#"{"message":"Request does not match any route."}"#
        );
    }
}

//! What a Magento GraphQL response stands for: errors are classified by
//! `errors[].extensions.category` and message (§1.1), whatever the HTTP
//! status (200, 401, 403, 500); a status decides only where the body is not
//! a GraphQL response.

use super::wire::{self, GraphqlError};
use super::{CHANGE_EMAIL, CHANGE_PASSWORD, COMPLETE_RESET};
use crate::backend::ApiRequest;
use crate::backend::support::{self, decode_error};
use crate::error::{ApiError, Error, FieldError, body_snippet};
use crate::json::Json;
use crate::transport::HttpResponse;

/// The message of a masked exception.
const INTERNAL: &str = "Internal server error";

/// What an error is, before it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unauthenticated,
    InvalidCredentials,
    Validation,
    NotFound,
    Conflict,
    Api,
    Server,
}

/// `None` for a success; else the error the response stands for.
pub(super) fn classify(request: &ApiRequest, response: &HttpResponse) -> Option<Error> {
    let status = response.status;
    // A throttling proxy's answer, whatever its body.
    if status == 429 {
        return Some(Error::RateLimited {
            retry_after: None,
            api: None,
        });
    }
    let errors = Json::parse(&response.body).as_ref().and_then(wire::errors);
    let Some(errors) = errors else {
        return match status {
            200..=299 => None,
            500.. => Some(server(response, None)),
            _ => Some(decode_error(response, "not a GraphQL response")),
        };
    };
    let first = &errors[0];
    let category = first.category.as_deref();
    let (kind, code) = kind_of(request.operation, status, category, &first.message);
    let details = match kind {
        Kind::Validation => details(&errors),
        _ => Vec::new(),
    };
    let api = Box::new(
        ApiError::new(
            status,
            code,
            category.unwrap_or(&first.message),
            first.message.clone(),
        )
        .with_details(details)
        .with_request_id(response.header("x-request-id").map(str::to_owned)),
    );
    Some(match kind {
        Kind::Unauthenticated => Error::Unauthenticated {
            refreshed: false,
            api: Some(api),
        },
        Kind::InvalidCredentials => Error::InvalidCredentials(api),
        Kind::Validation => Error::Validation(api),
        Kind::NotFound => Error::NotFound(api),
        Kind::Conflict => Error::Conflict(api),
        Kind::Api => Error::Api(api),
        Kind::Server => server(response, Some(api)),
    })
}

fn server(response: &HttpResponse, api: Option<Box<ApiError>>) -> Error {
    Error::Server {
        status: response.status,
        retry_after: None,
        api,
        body_snippet: body_snippet(&response.body),
    }
}

/// The kind and unified code of the first error of a response to
/// `operation`.
fn kind_of(
    operation: &str,
    status: u16,
    category: Option<&str>,
    message: &str,
) -> (Kind, &'static str) {
    let current_password = operation == CHANGE_PASSWORD || operation == CHANGE_EMAIL;
    if message == INTERNAL || category == Some("internal") || (category.is_none() && status >= 500)
    {
        return (Kind::Server, "server_error");
    }
    // Whatever the category (`graphql-input` on a reset request,
    // `graphql-authentication` elsewhere).
    if message.trim_end_matches('.') == "The account is locked" {
        return (Kind::InvalidCredentials, "account_locked");
    }
    // `graphql-input`: "Customer Address 5 is set as default billing address
    // and cannot be deleted".
    if support::contains(message, "is set as default")
        && support::contains(message, "cannot be deleted")
    {
        return (Kind::Conflict, "conflict");
    }
    // `graphql-authorization`, but about a foreign address, not the token: it
    // must not end the session.
    if message.starts_with("Current customer does not have permission to address") {
        return (Kind::NotFound, "record_not_found");
    }
    match category {
        Some("graphql-authorization") => (Kind::Unauthenticated, "authentication_required"),
        Some("graphql-authentication") if support::contains(message, "isn't confirmed") => {
            (Kind::InvalidCredentials, "email_not_confirmed")
        }
        Some("graphql-authentication") if current_password => {
            (Kind::Api, "current_password_invalid")
        }
        Some("graphql-authentication") => (Kind::InvalidCredentials, "authentication_failed"),
        Some("graphql-input")
            if current_password
                && (support::contains(message, "password doesn't match")
                    || support::contains(message, "Invalid login or password")) =>
        {
            (Kind::Api, "current_password_invalid")
        }
        Some("graphql-input")
            if operation == COMPLETE_RESET
                && (message.starts_with("Cannot set the customer's password")
                    || support::contains(message, "password token")
                    || support::contains(message, "token mismatch")) =>
        {
            (Kind::Api, "password_reset_token_invalid")
        }
        Some("graphql-input" | "graphql-already-exists") => (Kind::Validation, "validation_error"),
        Some("graphql-no-such-entity") => (Kind::NotFound, "record_not_found"),
        None | Some("graphql") => (Kind::Api, "invalid_request"),
        Some(_) => (Kind::Api, "processing_error"),
    }
}

/// The field details of a validation failure: one per field an input error
/// names (an already-exists error is about the email).
fn details(errors: &[GraphqlError]) -> Vec<FieldError> {
    let mut details = Vec::new();
    for error in errors {
        let named = match error.category.as_deref() {
            Some("graphql-input") => named_fields(&error.message),
            Some("graphql-already-exists") => vec![EMAIL],
            _ => continue,
        };
        for (attribute, field) in named {
            details.push(FieldError::new(
                attribute,
                Some(field),
                vec![error.message.clone()],
            ));
        }
    }
    details
}

/// The email field: (GraphQL input name, SDK request field).
const EMAIL: (&str, &str) = ("email", "email");
const PASSWORD: (&str, &str) = ("password", "password");

/// The fields a message names: a quoted name (`Specify the "email" value.`,
/// `"Street Address" cannot contain more than 2 lines.`), a list of missing
/// ones (`Required parameters are missing: First Name`), a leading name
/// (`newPassword must be specified`; `resetPasswordToken` is no field of a
/// request), else a password rule or an email problem by its words.
fn named_fields(message: &str) -> Vec<(&'static str, &'static str)> {
    let quoted = message
        .split_once('"')
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(name, _)| known_field(name));
    if let Some(field) = quoted {
        return vec![field];
    }
    if let Some(list) = message.strip_prefix("Required parameters are missing:") {
        return list
            .split(',')
            .filter_map(|label| known_field(label.trim().trim_end_matches('.')))
            .collect();
    }
    if let Some((name, _)) = support::split_once(message, " must be specified") {
        return known_field(name).into_iter().collect();
    }
    let lower = message.to_ascii_lowercase();
    if support::contains(&lower, "password") {
        vec![PASSWORD]
    } else if support::contains(&lower, "email") {
        vec![EMAIL]
    } else {
        Vec::new()
    }
}

/// A field by its GraphQL input name or its label (case, spaces and
/// underscores aside): (GraphQL input name, SDK request field).
fn known_field(name: &str) -> Option<(&'static str, &'static str)> {
    let key: String = name
        .chars()
        .filter(|ch| !matches!(ch, ' ' | '_'))
        .map(|ch| ch.to_ascii_lowercase())
        .collect();
    Some(match key.as_str() {
        "email" | "emailaddress" => EMAIL,
        "password" | "newpassword" => PASSWORD,
        "currentpassword" => ("currentPassword", "current_password"),
        "firstname" => ("firstname", "first_name"),
        "lastname" => ("lastname", "last_name"),
        "street" | "streetaddress" => ("street", "address1"),
        "city" => ("city", "city"),
        "postcode" | "zip/postalcode" => ("postcode", "postal_code"),
        "countrycode" | "countryid" | "country" => ("country_code", "country_iso"),
        "telephone" | "phonenumber" => ("telephone", "phone"),
        "region" | "regionid" | "state/province" => ("region", "state_abbr"),
        "company" => ("company", "company"),
        "dateofbirth" | "dob" => ("date_of_birth", "date_of_birth"),
        "gender" => ("gender", "gender"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_their_fields() {
        for (message, expected) in [
            (r#""Email" is not a valid email address."#, vec![EMAIL]),
            (
                "Required parameters are missing: First Name",
                vec![("firstname", "first_name")],
            ),
            (
                "Required parameters are missing: firstname, Last Name",
                vec![("firstname", "first_name"), ("lastname", "last_name")],
            ),
            (
                r#"Specify the "currentPassword" value."#,
                vec![("currentPassword", "current_password")],
            ),
            (r#"Specify the "newPassword" value."#, vec![PASSWORD]),
            (r#""email" value should be specified"#, vec![EMAIL]),
            (
                r#""Street Address" cannot contain more than 2 lines."#,
                vec![("street", "address1")],
            ),
            ("newPassword must be specified", vec![PASSWORD]),
            ("You must specify an email address.", vec![EMAIL]),
            ("The email address has an invalid format.", vec![EMAIL]),
            (
                "The password can't be the same as the email address. Create a new password and try again.",
                vec![PASSWORD],
            ),
            (
                "Minimum of different classes of characters in password is 3. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.",
                vec![PASSWORD],
            ),
            (r#""input" value should be specified"#, vec![]),
            (r#"Address "id" value should be specified"#, vec![]),
        ] {
            assert_eq!(named_fields(message), expected, "{message}");
        }
    }
}

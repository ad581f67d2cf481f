//! `POST /token`: the OAuth 2 form alternative (spec §2.2, `OauthToken`): a form-encoded
//! `grant_type=password|refresh_token`, answered with a plain OAuth body, 200 or 400.

use super::php_json::php_json;
use super::routes::Call;
use super::sessions;
use crate::http::{ApiResponse, ResponseOrigin};
use serde::Serialize;

/// `error_description` of every `invalid_grant`: bad credentials, an unusable refresh token, an
/// unsupported grant type (spec §2.2; RFC 6749's wording).
const INVALID_GRANT: &str = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
/// league/oauth2-server's `invalid_request`.
const INVALID_REQUEST: &str = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.";

#[derive(Serialize)]
struct Tokens<'a> {
    access_token: &'a str,
    token_type: &'static str,
    expires_in: i64,
    refresh_token: &'a str,
}

#[derive(Serialize)]
struct OauthError {
    error: &'static str,
    error_description: &'static str,
}

/// Symfony's `JsonResponse`: `application/json`, the same escaping as Glue.
fn json(status: u16, body: Vec<u8>) -> ApiResponse {
    let mut response = ApiResponse::json(status, body, ResponseOrigin::Action);
    response.content_type = Some("application/json".to_owned());
    response
}

fn error(error: &'static str, error_description: &'static str) -> ApiResponse {
    json(
        400,
        php_json(&OauthError {
            error,
            error_description,
        }),
    )
}

/// The form fields (Symfony's request bag holds them only for a form-encoded body).
fn form(call: &Call<'_>) -> Vec<(String, String)> {
    let is_form = call.request.header("content-type").is_some_and(|value| {
        value.split(';').next().is_some_and(|mime| {
            mime.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    });
    if !is_form {
        return Vec::new();
    }
    url::form_urlencoded::parse(call.request.body)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// `POST /token`.
pub(crate) fn token(call: &Call<'_>) -> ApiResponse {
    let fields = form(call);
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    };
    let issued = match field("grant_type") {
        Some("password") => {
            let (Some(username), Some(password)) = (field("username"), field("password")) else {
                return error("invalid_request", INVALID_REQUEST);
            };
            match sessions::password_login(call, username, password, false) {
                Ok(issued) => issued,
                Err(_) => return error("invalid_grant", INVALID_GRANT),
            }
        }
        Some("refresh_token") => {
            let Some(refresh_token) = field("refresh_token") else {
                return error("invalid_request", INVALID_REQUEST);
            };
            match sessions::refresh(call, refresh_token) {
                Some(issued) => issued,
                None => return error("invalid_grant", INVALID_GRANT),
            }
        }
        _ => return error("invalid_grant", INVALID_GRANT),
    };
    json(
        200,
        php_json(&Tokens {
            access_token: &issued.access_token,
            token_type: "Bearer",
            expires_in: issued.expires_in,
            refresh_token: &issued.refresh_token,
        }),
    )
}

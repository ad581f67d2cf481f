//! Spree Store API v3 (release 5.6.1), per `spree-v3.md`.

mod wire;

use std::time::Duration;

use super::{ApiRequest, Auth, Backend, Capabilities, IssuedSession, LogoutScope};
use crate::error::{ApiError, Error, FieldError, body_snippet};
use crate::json::{Json, JsonObject};
use crate::models::{
    Address, AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, ListOptions,
    NewCustomer, NewPassword, Page, PasswordResetRequest,
};
use crate::secret::{AccessToken, Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

/// The Spree Store API v3 backend.
pub(crate) struct Spree {
    publishable_key: String,
}

impl Spree {
    pub(crate) fn new(publishable_key: String) -> Self {
        Self { publishable_key }
    }
}

/// `value` as one path segment: every byte but RFC 3986's unreserved
/// characters percent-encoded (upper-case hex, as RFC 3986 recommends).
fn segment(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    encoded
}

fn json(body: JsonObject) -> Vec<u8> {
    body.finish().into_bytes()
}

fn metadata_not_json() -> Error {
    Error::invalid_input(
        "metadata must be JSON text (numbers within the range of a double, no unpaired surrogate escapes)",
    )
}

fn require_non_empty(value: &str, what: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(format!("{what} must not be empty")));
    }
    Ok(())
}

fn request(
    operation: &'static str,
    method: Method,
    path: String,
    body: Option<Vec<u8>>,
    auth: Auth,
) -> ApiRequest {
    let idempotent = matches!(method, Method::Get | Method::Delete);
    ApiRequest {
        operation,
        method,
        path,
        body,
        auth,
        idempotent,
        mutating: method != Method::Get,
        wait_out_rate_limit: true,
    }
}

fn decode<T>(response: &HttpResponse, read: fn(&Json) -> Option<T>) -> Result<T, Error> {
    Json::parse(&response.body)
        .as_ref()
        .and_then(read)
        .ok_or_else(|| Error::Decode {
            status: response.status,
            content_type: response.header("content-type").map(str::to_owned),
            body_snippet: body_snippet(&response.body),
            message: "not the JSON shape the API documents".into(),
        })
}

/// Spree validation attributes are model names; map them to request fields.
fn request_field(attribute: &str) -> Option<&'static str> {
    Some(match attribute {
        "firstname" | "first_name" => "first_name",
        "lastname" | "last_name" => "last_name",
        "zipcode" | "postal_code" => "postal_code",
        "country" => "country_iso",
        "state" => "state_abbr",
        "address1" => "address1",
        "address2" => "address2",
        "city" => "city",
        "phone" => "phone",
        "company" => "company",
        "email" => "email",
        "password" => "password",
        "password_confirmation" => "password_confirmation",
        _ => return None,
    })
}

fn field_errors(details: Vec<(String, Vec<String>)>) -> Vec<FieldError> {
    details
        .into_iter()
        .map(|(attribute, messages)| FieldError {
            field: request_field(&attribute).map(str::to_owned),
            messages,
            attribute,
        })
        .collect()
}

impl Backend for Spree {
    fn name(&self) -> &'static str {
        "spree"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            supports_refresh: true,
            rotation: true,
            idempotent_refresh: true,
            logout_scope: LogoutScope::RefreshToken,
            default_ttl: Some(Duration::from_secs(3600)),
        }
    }

    fn api_prefix(&self) -> &'static str {
        "/api/v3/store"
    }

    fn common_headers(&self) -> Vec<(String, String)> {
        vec![
            ("X-Spree-Api-Key".into(), self.publishable_key.clone()),
            ("Accept".into(), "application/json".into()),
        ]
    }

    fn idempotency_header(&self) -> Option<&'static str> {
        Some("Idempotency-Key")
    }

    fn register(&self, input: &NewCustomer) -> Result<ApiRequest, Error> {
        require_non_empty(&input.email, "email")?;
        require_non_empty(input.password.expose_secret(), "password")?;
        let body = wire::register_body(input)
            .map(json)
            .ok_or_else(metadata_not_json)?;
        Ok(request(
            "customers.create",
            Method::Post,
            "/customers".into(),
            Some(body),
            Auth::Public,
        ))
    }

    fn login(&self, credentials: &Credentials) -> Result<ApiRequest, Error> {
        require_non_empty(&credentials.email, "email")?;
        require_non_empty(credentials.password.expose_secret(), "password")?;
        let body = json(wire::login_body(
            &credentials.email,
            credentials.password.expose_secret(),
        ));
        let mut login = request(
            "auth.login",
            Method::Post,
            "/auth/login".into(),
            Some(body),
            Auth::Public,
        );
        // 5 logins per minute with Retry-After: 60; the caller decides (TL-9.5).
        login.wait_out_rate_limit = false;
        Ok(login)
    }

    fn refresh(&self, refresh_token: &RefreshToken) -> Result<ApiRequest, Error> {
        require_non_empty(refresh_token.expose_secret(), "refresh token")?;
        let body = json(wire::refresh_body(refresh_token.expose_secret()));
        Ok(request(
            "auth.refresh",
            Method::Post,
            "/auth/refresh".into(),
            Some(body),
            Auth::Public,
        ))
    }

    fn logout(&self, refresh_token: Option<&RefreshToken>) -> Result<ApiRequest, Error> {
        let body = match refresh_token {
            Some(token) => json(wire::refresh_body(token.expose_secret())),
            None => json(JsonObject::new()),
        };
        let mut logout = request(
            "auth.logout",
            Method::Post,
            "/auth/logout".into(),
            Some(body),
            Auth::Public,
        );
        // Always 204: sending it twice is harmless.
        logout.idempotent = true;
        Ok(logout)
    }

    fn request_password_reset(&self, reset: &PasswordResetRequest) -> Result<ApiRequest, Error> {
        require_non_empty(&reset.email, "email")?;
        let body = json(wire::reset_request_body(
            &reset.email,
            reset.redirect_url.as_deref(),
        ));
        Ok(request(
            "password_resets.create",
            Method::Post,
            "/password_resets".into(),
            Some(body),
            Auth::Public,
        ))
    }

    fn complete_password_reset(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<ApiRequest, Error> {
        require_non_empty(reset_token.expose_secret(), "reset token")?;
        require_non_empty(password.password.expose_secret(), "password")?;
        let body = json(wire::reset_complete_body(password));
        let path = format!("/password_resets/{}", segment(reset_token.expose_secret()));
        Ok(request(
            "password_resets.update",
            Method::Patch,
            path,
            Some(body),
            Auth::Public,
        ))
    }

    fn get_customer(&self) -> Result<ApiRequest, Error> {
        Ok(request(
            "customer.get",
            Method::Get,
            "/customers/me".into(),
            None,
            Auth::Customer,
        ))
    }

    fn update_customer(&self, update: &CustomerUpdate) -> Result<ApiRequest, Error> {
        let body = wire::profile_body(update)
            .map(json)
            .ok_or_else(metadata_not_json)?;
        Ok(request(
            "customer.update",
            Method::Patch,
            "/customers/me".into(),
            Some(body),
            Auth::Customer,
        ))
    }

    fn list_addresses(&self, options: &ListOptions) -> Result<ApiRequest, Error> {
        let mut path = "/customers/me/addresses".to_owned();
        let parameters = [("page", options.page), ("limit", options.limit)];
        for (name, value) in parameters {
            if let Some(value) = value {
                path.push(if path.contains('?') { '&' } else { '?' });
                path.push_str(name);
                path.push('=');
                path.push_str(&value.to_string());
            }
        }
        Ok(request(
            "customer.addresses.list",
            Method::Get,
            path,
            None,
            Auth::Customer,
        ))
    }

    fn get_address(&self, id: &str) -> Result<ApiRequest, Error> {
        require_non_empty(id, "address id")?;
        let path = format!("/customers/me/addresses/{}", segment(id));
        Ok(request(
            "customer.addresses.get",
            Method::Get,
            path,
            None,
            Auth::Customer,
        ))
    }

    fn create_address(&self, input: &AddressInput) -> Result<ApiRequest, Error> {
        let body = json(wire::address_body(input));
        Ok(request(
            "customer.addresses.create",
            Method::Post,
            "/customers/me/addresses".into(),
            Some(body),
            Auth::Customer,
        ))
    }

    fn update_address(&self, id: &str, input: &AddressInput) -> Result<ApiRequest, Error> {
        require_non_empty(id, "address id")?;
        let body = json(wire::address_body(input));
        let path = format!("/customers/me/addresses/{}", segment(id));
        Ok(request(
            "customer.addresses.update",
            Method::Patch,
            path,
            Some(body),
            Auth::Customer,
        ))
    }

    fn delete_address(&self, id: &str) -> Result<ApiRequest, Error> {
        require_non_empty(id, "address id")?;
        let path = format!("/customers/me/addresses/{}", segment(id));
        Ok(request(
            "customer.addresses.delete",
            Method::Delete,
            path,
            None,
            Auth::Customer,
        ))
    }

    fn parse_session(&self, response: &HttpResponse) -> Result<IssuedSession, Error> {
        let body = decode(response, wire::auth)?;
        Ok(IssuedSession {
            auth: AuthResponse {
                token: AccessToken::new(body.token),
                refresh_token: Some(RefreshToken::new(body.refresh_token)),
                user: body.user,
            },
            // Spree returns no expires_in: the JWT's exp decides (spec §5.1).
            expires_in: None,
        })
    }

    fn parse_reset_requested(&self, response: &HttpResponse) -> Result<Option<String>, Error> {
        decode(response, wire::message).map(Some)
    }

    fn parse_customer(&self, response: &HttpResponse) -> Result<Customer, Error> {
        decode(response, wire::customer)
    }

    fn parse_address(&self, response: &HttpResponse) -> Result<Address, Error> {
        decode(response, wire::address)
    }

    fn parse_address_page(&self, response: &HttpResponse) -> Result<Page<Address>, Error> {
        decode(response, wire::address_page)
    }

    fn parse_error(&self, response: &HttpResponse) -> Error {
        let status = response.status;
        let envelope = Json::parse(&response.body).as_ref().and_then(wire::error);
        let Some(envelope) = envelope else {
            if status >= 500 {
                return Error::Server {
                    status,
                    api: None,
                    body_snippet: body_snippet(&response.body),
                };
            }
            if status == 429 {
                return Error::RateLimited {
                    retry_after: None,
                    api: None,
                };
            }
            return Error::Decode {
                status,
                content_type: response.header("content-type").map(str::to_owned),
                body_snippet: body_snippet(&response.body),
                message: "not the API's error envelope".into(),
            };
        };
        let api = Box::new(ApiError {
            status,
            code: envelope.code,
            message: envelope.message.unwrap_or_default(),
            details: field_errors(envelope.details),
            request_id: response.header("x-request-id").map(str::to_owned),
        });
        match (status, api.code.as_str()) {
            (500.., _) => Error::Server {
                status,
                body_snippet: body_snippet(&response.body),
                api: Some(api),
            },
            (429, _) => Error::RateLimited {
                retry_after: None,
                api: Some(api),
            },
            (401, "invalid_token") => Error::Config {
                message: "the publishable key was rejected".into(),
                api: Some(api),
            },
            (401, "authentication_required") => Error::Unauthenticated {
                refreshed: false,
                api: Some(api),
            },
            (401, "authentication_failed") => Error::InvalidCredentials(api),
            (401, "invalid_refresh_token") => Error::SessionExpired { api: Some(api) },
            (403, _) => Error::Forbidden(api),
            (404, _) => Error::NotFound(api),
            (409, _) => Error::Conflict(api),
            (422, "validation_error") => Error::Validation(api),
            _ => Error::Api(api),
        }
    }

    fn is_access_rejected(&self, error: &Error) -> bool {
        matches!(error, Error::Unauthenticated { .. }) && error.code() == "authentication_required"
    }

    fn is_refresh_rejected(&self, error: &Error) -> bool {
        error.code() == "invalid_refresh_token"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn reset_tokens_are_percent_encoded_in_the_path() {
        let spree = Spree::new("pk".into());
        let request = spree
            .complete_password_reset(&Password::new("ab=c/d+e--f"), &NewPassword::new("secret1"))
            .unwrap();
        assert_eq!(request.path, "/password_resets/ab%3Dc%2Fd%2Be--f");
        let request = spree.get_address("a b/é~_.-Z9").unwrap();
        assert_eq!(request.path, "/customers/me/addresses/a%20b%2F%C3%A9~_.-Z9");
    }

    #[test]
    fn html_502_is_a_transient_server_error() {
        let spree = Spree::new("pk".into());
        let error = spree.parse_error(&response(502, "<html>Bad Gateway</html>"));
        assert!(matches!(error, Error::Server { status: 502, .. }));
        assert!(error.is_transient());
    }

    #[test]
    fn validation_details_keep_raw_keys_and_map_request_fields() {
        let spree = Spree::new("pk".into());
        let error = spree.parse_error(&response(
            422,
            r#"{"error":{"code":"validation_error","message":"Zip Code is invalid","details":{"zipcode":["is invalid"]}}}"#,
        ));
        let details = error.details();
        assert_eq!(details[0].attribute, "zipcode");
        assert_eq!(details[0].field.as_deref(), Some("postal_code"));
        assert_eq!(details[0].messages, vec!["is invalid".to_owned()]);
    }

    #[test]
    fn odd_detail_shapes_are_tolerated() {
        let spree = Spree::new("pk".into());
        let error = spree.parse_error(&response(
            422,
            r#"{"error":{"code":"validation_error","message":"m","details":{"email":"is invalid","base":[["nested"],"kept",3],"meta":{"x":1},"n":null}}}"#,
        ));
        let details: Vec<_> = error
            .details()
            .iter()
            .map(|d| (d.attribute.as_str(), d.messages.clone()))
            .collect();
        assert_eq!(
            details,
            vec![
                ("email", vec!["is invalid".to_owned()]),
                ("base", vec!["nested".to_owned(), "kept".to_owned()])
            ]
        );
    }

    #[test]
    fn api_key_rejection_is_a_configuration_error() {
        let spree = Spree::new("pk".into());
        let error = spree.parse_error(&response(
            401,
            r#"{"error":{"code":"invalid_token","message":"Valid API key required"}}"#,
        ));
        assert!(matches!(error, Error::Config { .. }));
        assert!(!spree.is_access_rejected(&error));
    }

    #[test]
    fn newer_address_names_win_over_legacy_ones() {
        let spree = Spree::new("pk".into());
        let address = spree
            .parse_address(&response(
                200,
                r#"{"id":"addr_1","country_code":"DE","country_iso":"XX","state_code":null,"state_abbr":null,"full_name":""}"#,
            ))
            .unwrap();
        assert_eq!(address.country_iso.as_deref(), Some("DE"));
    }

    #[test]
    fn responses_of_the_wrong_shape_are_decode_errors() {
        let spree = Spree::new("pk".into());
        let customer = r#"{"id":"cus_1","email":"a@b.c","addresses":[{"id":"addr_1"}],"newsletter_subscriber":null,"unknown":{"x":[1.5e300]}}"#;
        let parsed = spree.parse_customer(&response(200, customer)).unwrap();
        assert_eq!(parsed.full_name, "a@b.c", "full_name defaults to the email");
        assert_eq!(parsed.addresses.len(), 1);
        for body in [
            r#"{"email":"a@b.c"}"#,
            r#"{"id":"cus_1","email":"a@b.c","first_name":5}"#,
            r#"{"id":"cus_1","email":"a@b.c","addresses":[{"id":7}]}"#,
            r#"{"id":"cus_1","email":"a@b.c","default_billing_address":"home"}"#,
            r#"{"id":"cus_1","email":"a@b.c","accepts_email_marketing":"yes"}"#,
            r#"[{"id":"cus_1","email":"a@b.c"}]"#,
            "",
        ] {
            let error = spree.parse_customer(&response(200, body)).unwrap_err();
            assert!(
                matches!(error, Error::Decode { status: 200, .. }),
                "{body}: {error:?}"
            );
        }
        let page = r#"{"data":[],"meta":{"page":1,"limit":25,"count":0,"pages":-1}}"#;
        assert!(spree.parse_address_page(&response(200, page)).is_err());
    }
}

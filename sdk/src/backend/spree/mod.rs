//! Spree Store API v3 (release 5.6.1), per `spree-v3.md`.

pub mod data;
mod wire;

use std::time::Duration;

use super::support::{api_error, decode, require_non_empty, segment, unrecognised_error};
use super::{
    ApiRequest, Backend, BackendKind, Capabilities, Context, EndedSession, IssuedSession,
    LogoutScope, Plan, Registered, Settings,
};
use crate::error::{ApiError, Error, FieldError};
use crate::json::Json;
use crate::models::{
    Address, AddressInput, Credentials, Customer, CustomerUpdate, ListOptions, NewCustomer,
    NewPassword, Page, PasswordResetRequest,
};
use crate::secret::{AccessToken, Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

/// The Spree Store API v3 backend.
pub(crate) struct Spree {
    headers: Vec<(String, String)>,
}

impl Spree {
    /// Spree with the publishable key of `settings` (required).
    pub(crate) fn new(settings: &Settings) -> Result<Self, Error> {
        let key = settings
            .publishable_key
            .clone()
            .filter(|key| !key.trim().is_empty())
            .ok_or_else(|| Error::Config {
                message: "a publishable key is required".into(),
                api: None,
            })?;
        Ok(Self {
            headers: vec![
                ("X-Spree-Api-Key".into(), key),
                ("Accept".into(), "application/json".into()),
            ],
        })
    }
}

fn metadata_not_json() -> Error {
    Error::invalid_input(
        "metadata must be JSON text (numbers within the range of a double, no unpaired surrogate escapes)",
    )
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
        .map(|(attribute, messages)| {
            let field = request_field(&attribute);
            FieldError::new(attribute, field, messages)
        })
        .collect()
}

/// Tokens and the customer of an `AuthResponse` body.
fn session(response: &HttpResponse) -> Result<IssuedSession, Error> {
    let body = decode(response, wire::auth)?;
    let mut issued = IssuedSession::new(
        AccessToken::new(body.token),
        Some(RefreshToken::new(body.refresh_token)),
        response,
    );
    // Spree returns no expires_in: the JWT's exp decides (spec §5.1).
    issued.subject = Some(body.user.id.clone());
    issued.user = Some(body.user);
    Ok(issued)
}

fn customer(response: &HttpResponse) -> Result<Customer, Error> {
    decode(response, wire::customer)
}

fn address(response: &HttpResponse) -> Result<Address, Error> {
    decode(response, wire::address)
}

fn nothing(_: &HttpResponse) -> Result<(), Error> {
    Ok(())
}

impl Spree {
    /// The error a non-2xx response stands for.
    fn error(&self, response: &HttpResponse) -> Error {
        let envelope = Json::parse(&response.body).as_ref().and_then(wire::error);
        let Some(envelope) = envelope else {
            return unrecognised_error(response, "not the API's error envelope");
        };
        // Spree's codes are the unified vocabulary.
        let api = ApiError::new(
            response.status,
            envelope.code.clone(),
            envelope.code,
            envelope.message.unwrap_or_default(),
        )
        .with_details(field_errors(envelope.details));
        api_error(response, api, |api| {
            match (response.status, api.code.as_str()) {
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
        })
    }
}

impl Backend for Spree {
    fn kind(&self) -> BackendKind {
        BackendKind::Spree
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            supports_refresh: true,
            rotation: true,
            idempotent_refresh: true,
            logout_scope: LogoutScope::RefreshToken,
            tokens_expire: true,
            default_ttl: Some(Duration::from_secs(3600)),
            completes_password_resets: true,
            reset_signs_in: true,
        }
    }

    fn api_prefix(&self) -> &str {
        "/api/v3/store"
    }

    fn common_headers(&self) -> &[(String, String)] {
        &self.headers
    }

    fn idempotency_header(&self) -> Option<&'static str> {
        Some("Idempotency-Key")
    }

    fn classify(&self, _request: &ApiRequest, response: &HttpResponse) -> Result<(), Error> {
        if (200..300).contains(&response.status) {
            return Ok(());
        }
        Err(self.error(response))
    }

    fn register(&self, input: &NewCustomer) -> Result<Plan<Registered>, Error> {
        require_non_empty(&input.email, "email")?;
        require_non_empty(input.password.expose_secret(), "password")?;
        let body = wire::register_body(input).ok_or_else(metadata_not_json)?;
        let request =
            ApiRequest::new("customers.create", Method::Post, "/customers").json(body.finish());
        Ok(Plan::single(request, session).map(Registered::SignedIn))
    }

    fn login(&self, credentials: &Credentials) -> Result<Plan<IssuedSession>, Error> {
        require_non_empty(&credentials.email, "email")?;
        require_non_empty(credentials.password.expose_secret(), "password")?;
        let body = wire::login_body(&credentials.email, credentials.password.expose_secret());
        // 5 logins per minute with Retry-After: 60; the caller decides (TL-9.5).
        let request = ApiRequest::new("auth.login", Method::Post, "/auth/login")
            .json(body.finish())
            .return_rate_limits();
        Ok(Plan::single(request, session))
    }

    fn refresh(&self, refresh_token: &RefreshToken) -> Result<Plan<IssuedSession>, Error> {
        require_non_empty(refresh_token.expose_secret(), "refresh token")?;
        let body = wire::refresh_body(refresh_token.expose_secret());
        let request =
            ApiRequest::new("auth.refresh", Method::Post, "/auth/refresh").json(body.finish());
        Ok(Plan::single(request, session))
    }

    fn revoke(&self, ended: &EndedSession) -> Option<Plan<()>> {
        // Revokes the refresh token, which needs no access token (spec §4.4);
        // always 204, so sending it twice is harmless.
        let body = wire::refresh_body(ended.refresh.as_ref()?.expose_secret());
        let request = ApiRequest::new("auth.logout", Method::Post, "/auth/logout")
            .json(body.finish())
            .idempotent();
        Some(Plan::single(request, nothing))
    }

    fn request_password_reset(
        &self,
        reset: &PasswordResetRequest,
    ) -> Result<Plan<Option<String>>, Error> {
        require_non_empty(&reset.email, "email")?;
        let body = wire::reset_request_body(&reset.email, reset.redirect_url.as_deref());
        let request = ApiRequest::new("password_resets.create", Method::Post, "/password_resets")
            .json(body.finish());
        Ok(Plan::single(request, |response| {
            decode(response, wire::message).map(Some)
        }))
    }

    fn complete_password_reset(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<Plan<Option<IssuedSession>>, Error> {
        require_non_empty(reset_token.expose_secret(), "reset token")?;
        require_non_empty(password.password.expose_secret(), "password")?;
        let body = wire::reset_complete_body(password);
        let path = format!("/password_resets/{}", segment(reset_token.expose_secret()));
        let request =
            ApiRequest::new("password_resets.update", Method::Patch, path).json(body.finish());
        Ok(Plan::single(request, |response| {
            session(response).map(Some)
        }))
    }

    fn get_customer(&self, _context: &Context) -> Result<Plan<Customer>, Error> {
        let request = ApiRequest::new("customer.get", Method::Get, "/customers/me").session();
        Ok(Plan::single(request, customer))
    }

    fn update_customer(
        &self,
        _context: &Context,
        update: &CustomerUpdate,
    ) -> Result<Plan<Customer>, Error> {
        let body = wire::profile_body(update).ok_or_else(metadata_not_json)?;
        let request = ApiRequest::new("customer.update", Method::Patch, "/customers/me")
            .json(body.finish())
            .session();
        Ok(Plan::single(request, customer))
    }

    fn list_addresses(
        &self,
        _context: &Context,
        options: &ListOptions,
    ) -> Result<Plan<Page<Address>>, Error> {
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
        let request = ApiRequest::new("customer.addresses.list", Method::Get, path).session();
        Ok(Plan::single(request, |response| {
            decode(response, wire::address_page)
        }))
    }

    fn get_address(&self, _context: &Context, id: &str) -> Result<Plan<Address>, Error> {
        require_non_empty(id, "address id")?;
        let path = format!("/customers/me/addresses/{}", segment(id));
        let request = ApiRequest::new("customer.addresses.get", Method::Get, path).session();
        Ok(Plan::single(request, address))
    }

    fn create_address(
        &self,
        _context: &Context,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        let body = wire::address_body(input);
        let request = ApiRequest::new(
            "customer.addresses.create",
            Method::Post,
            "/customers/me/addresses",
        )
        .json(body.finish())
        .session();
        Ok(Plan::single(request, address))
    }

    fn update_address(
        &self,
        _context: &Context,
        id: &str,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        require_non_empty(id, "address id")?;
        let body = wire::address_body(input);
        let path = format!("/customers/me/addresses/{}", segment(id));
        let request = ApiRequest::new("customer.addresses.update", Method::Patch, path)
            .json(body.finish())
            .session();
        Ok(Plan::single(request, address))
    }

    fn delete_address(&self, _context: &Context, id: &str) -> Result<Plan<()>, Error> {
        require_non_empty(id, "address id")?;
        let path = format!("/customers/me/addresses/{}", segment(id));
        let request = ApiRequest::new("customer.addresses.delete", Method::Delete, path).session();
        Ok(Plan::single(request, nothing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spree() -> Spree {
        Spree::new(&Settings {
            publishable_key: Some("pk".into()),
            ..Settings::default()
        })
        .unwrap()
    }

    /// The path of a plan's first request.
    fn first_path<T>(plan: Plan<T>) -> String {
        match plan.first {
            super::super::Step::Send(request, _) => request.path,
            super::super::Step::Done(_) => panic!("the plan sends nothing"),
        }
    }

    #[test]
    fn a_publishable_key_is_required() {
        assert!(matches!(
            Spree::new(&Settings::default()),
            Err(Error::Config { .. })
        ));
    }

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn reset_tokens_are_percent_encoded_in_the_path() {
        let spree = spree();
        let plan = spree
            .complete_password_reset(&Password::new("ab=c/d+e--f"), &NewPassword::new("secret1"))
            .unwrap();
        assert_eq!(first_path(plan), "/password_resets/ab%3Dc%2Fd%2Be--f");
        let plan = spree
            .get_address(&Context::default(), "a b/é~_.-Z9")
            .unwrap();
        assert_eq!(
            first_path(plan),
            "/customers/me/addresses/a%20b%2F%C3%A9~_.-Z9"
        );
    }

    #[test]
    fn html_502_is_a_transient_server_error() {
        let spree = spree();
        let error = spree.error(&response(502, "<html>Bad Gateway</html>"));
        assert!(matches!(error, Error::Server { status: 502, .. }));
        assert!(error.is_transient());
    }

    #[test]
    fn validation_details_keep_raw_keys_and_map_request_fields() {
        let spree = spree();
        let error = spree.error(&response(
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
        let spree = spree();
        let error = spree.error(&response(
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
        let spree = spree();
        let error = spree.error(&response(
            401,
            r#"{"error":{"code":"invalid_token","message":"Valid API key required"}}"#,
        ));
        assert!(matches!(error, Error::Config { .. }));
    }

    #[test]
    fn newer_address_names_win_over_legacy_ones() {
        let address = address(&response(
                200,
                r#"{"id":"addr_1","country_code":"DE","country_iso":"XX","state_code":null,"state_abbr":null,"full_name":""}"#,
            ))
            .unwrap();
        assert_eq!(address.country_iso.as_deref(), Some("DE"));
    }

    #[test]
    fn the_newsletter_subscription_is_read_whole() {
        let body = r#"{"id":"cus_1","email":"a@b.c","newsletter_subscriber":{"id":"sub_1","email":"a@b.c","created_at":"2026-07-25T19:41:19.980Z","updated_at":"2026-07-25T19:41:20.000Z","verified":true,"verified_at":"2026-07-25T19:41:20Z","customer_id":"cus_1"}}"#;
        let parsed = customer(&response(200, body)).unwrap();
        let crate::CustomerData::Spree(spree) = parsed.backend_data else {
            panic!("Spree data");
        };
        let subscriber = spree.newsletter_subscriber.unwrap();
        assert_eq!(
            subscriber.updated_at.as_deref(),
            Some("2026-07-25T19:41:20.000Z")
        );
        assert_eq!(
            subscriber.verified_at.as_deref(),
            Some("2026-07-25T19:41:20Z")
        );
        assert_eq!(subscriber.customer_id.as_deref(), Some("cus_1"));
    }

    #[test]
    fn responses_of_the_wrong_shape_are_decode_errors() {
        let body = r#"{"id":"cus_1","email":"a@b.c","addresses":[{"id":"addr_1"}],"newsletter_subscriber":null,"unknown":{"x":[1.5e300]}}"#;
        let parsed = customer(&response(200, body)).unwrap();
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
            let error = customer(&response(200, body)).unwrap_err();
            assert!(
                matches!(error, Error::Decode { status: 200, .. }),
                "{body}: {error:?}"
            );
        }
        let page = r#"{"data":[],"meta":{"page":1,"limit":25,"count":0,"pages":-1}}"#;
        assert!(decode(&response(200, page), wire::address_page).is_err());
    }
}

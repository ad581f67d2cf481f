//! Magento 2 / Adobe Commerce REST (`/rest/<store>/V1`), per
//! `magento-rest.md`: one bearer token and no refresh; registration issues no
//! token; the address book is a read-modify-write of the whole customer.

pub mod data;
mod wire;

use std::time::Duration;

use super::support::{api_error, decode, decode_error, require_non_empty, unrecognised_error};
use super::{
    ApiRequest, Backend, BackendKind, Capabilities, Context, EndedSession, IssuedSession,
    LogoutScope, Plan, Registered, Settings, Step, unsupported,
};
use crate::error::{ApiError, Error, FieldError};
use crate::json::{Json, JsonObject};
use crate::models::{
    Address, AddressInput, Credentials, Customer, CustomerUpdate, ListOptions, NewCustomer,
    NewPassword, Page, PasswordResetRequest,
};
use crate::secret::{AccessToken, Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

/// The message of a rejected, expired or revoked token on a `self` route.
const NOT_AUTHORIZED: &str = "The consumer isn't authorized to access %resources.";
/// The path of the signed-in customer.
const ME: &str = "/V1/customers/me";

/// The Magento REST backend.
pub(crate) struct MagentoRest {
    prefix: String,
    store_code: String,
    headers: Vec<(String, String)>,
}

impl MagentoRest {
    /// Magento REST for the store code of `settings` (`default` when unset).
    pub(crate) fn new(settings: &Settings) -> Result<Self, Error> {
        let store_code = settings
            .store_code
            .clone()
            .unwrap_or_else(|| "default".into());
        let valid = !store_code.is_empty()
            && store_code
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
        if !valid || store_code == "all" {
            return Err(Error::Config {
                message: format!(
                    "`{store_code}` is not a store code for customer calls (letters, digits and _; not `all`)"
                ),
                api: None,
            });
        }
        Ok(Self {
            prefix: format!("/rest/{store_code}"),
            store_code,
            headers: vec![("Accept".into(), "application/json".into())],
        })
    }

    /// The error a non-2xx response stands for (§1.4, §2).
    fn error(&self, request: &ApiRequest, response: &HttpResponse) -> Error {
        let status = response.status;
        let Some(body) = Json::parse(&response.body).as_ref().and_then(wire::error) else {
            return unrecognised_error(response, "not Magento's error body");
        };
        let template = body.template.as_str();
        let password_rule = has(template, "password") || has(template, "Classes of characters");
        let mut details: Vec<FieldError> = body
            .errors
            .iter()
            .map(|(message, field)| field_error(field.as_deref().unwrap_or("base"), message))
            .collect();
        if details.is_empty() {
            if let Some(field) = &body.field {
                details.push(field_error(field, &body.message));
            } else if template.starts_with("A customer with the same email address") {
                details.push(field_error("email", &body.message));
            } else if password_rule && status == 400 {
                details.push(field_error("password", &body.message));
            }
        }
        let code = match status {
            401 if template == NOT_AUTHORIZED => "authentication_required",
            401 if has(template, "isn't confirmed") => "email_not_confirmed",
            401 if request.operation == "customer.password" => "current_password_invalid",
            401 => "authentication_failed",
            403 => "access_denied",
            404 => "record_not_found",
            400 if has(template, "password token") || has(template, "token mismatch") => {
                "password_reset_token_invalid"
            }
            400 if !details.is_empty() => "validation_error",
            400 => "invalid_request",
            429 => "rate_limit_exceeded",
            _ => "api_error",
        };
        let api = ApiError::new(status, code, template, body.message.clone()).with_details(details);
        api_error(response, api, |api| match (status, code) {
            (_, "authentication_required") => Error::Unauthenticated {
                refreshed: false,
                api: Some(api),
            },
            (_, "authentication_failed" | "email_not_confirmed") => Error::InvalidCredentials(api),
            (_, "validation_error") => Error::Validation(api),
            (403, _) => Error::Forbidden(api),
            (404, _) => Error::NotFound(api),
            _ => Error::Api(api),
        })
    }
}

/// Whether `text` contains `part`: a plain byte search (`str::contains`
/// brings a substring searcher and its panic formatting into the wasm
/// package, 3 KB gz).
fn has(text: &str, part: &str) -> bool {
    text.as_bytes()
        .windows(part.len())
        .any(|window| window == part.as_bytes())
}

/// A validation detail on Magento's attribute `attribute`.
fn field_error(attribute: &str, message: &str) -> FieldError {
    FieldError::new(
        attribute,
        request_field(attribute),
        vec![message.to_owned()],
    )
}

/// Magento's attribute names as the SDK's request fields.
fn request_field(attribute: &str) -> Option<&'static str> {
    Some(match attribute {
        "firstname" => "first_name",
        "lastname" => "last_name",
        "email" | "username" => "email",
        "password" | "newPassword" => "password",
        "currentPassword" => "current_password",
        "street" => "address1",
        "city" => "city",
        "postcode" => "postal_code",
        "country_id" | "countryId" => "country_iso",
        "telephone" => "phone",
        "region" | "region_id" | "regionId" => "state_abbr",
        "company" => "company",
        "dob" => "date_of_birth",
        "gender" => "gender",
        _ => return None,
    })
}

/// An `InvalidInput` for a field the backend does not store.
fn not_stored(field: &str, hint: &str) -> Error {
    Error::invalid_input(format!("{field} is not a Magento customer field{hint}"))
}

fn check_confirmation(password: &Password, confirmation: Option<&Password>) -> Result<(), Error> {
    match confirmation {
        Some(confirmation) if confirmation != password => Err(Error::invalid_input(
            "password and password_confirmation differ",
        )),
        _ => Ok(()),
    }
}

fn json_body(response: &HttpResponse) -> Result<Json, Error> {
    Json::parse(&response.body).ok_or_else(|| decode_error(response, "not JSON"))
}

/// A `true` body; anything else is a failure to decode.
fn accepted(response: &HttpResponse) -> Result<(), Error> {
    match json_body(response)? {
        Json::Bool(true) => Ok(()),
        _ => Err(decode_error(response, "expected `true`")),
    }
}

fn customer(response: &HttpResponse) -> Result<Customer, Error> {
    decode(response, wire::customer)
}

/// Tokens of a login: the body is the token as a bare JSON string.
fn token(response: &HttpResponse) -> Result<IssuedSession, Error> {
    match json_body(response)? {
        Json::String(token) if !token.is_empty() => {
            Ok(IssuedSession::new(AccessToken::new(token), None, response))
        }
        _ => Err(decode_error(
            response,
            "expected the token as a JSON string",
        )),
    }
}

/// Reads the signed-in customer as a tree, then continues with `then`.
fn read_me<T: crate::platform::MaybeSend + 'static>(
    operation: &'static str,
    then: impl FnOnce(Json) -> Result<Step<T>, Error> + crate::platform::MaybeSend + 'static,
) -> Step<T> {
    let request = ApiRequest::new(operation, Method::Get, ME).session();
    Step::send(request, move |outcome| then(json_body(&outcome?)?))
}

/// `PUT /V1/customers/me` with the customer as edited.
fn write_me(operation: &'static str, customer: &Json) -> ApiRequest {
    let body = JsonObject::new().field("customer", customer).finish();
    ApiRequest::new(operation, Method::Put, ME)
        .json(body)
        .session()
}

/// The address `id` of a customer, or `NotFound`.
fn find_address(customer: Customer, id: &str) -> Result<Address, Error> {
    customer
        .addresses
        .into_iter()
        .find(|address| address.id == id)
        .ok_or_else(address_not_found)
}

/// The `NotFound` of an id that is not in the caller's address book (there
/// is no address route to ask: the book is read from the customer).
fn address_not_found() -> Error {
    Error::NotFound(Box::new(ApiError::new(
        404,
        "record_not_found",
        "record_not_found",
        "Address not found",
    )))
}

impl Backend for MagentoRest {
    fn kind(&self) -> BackendKind {
        BackendKind::MagentoRest
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            supports_refresh: false,
            rotation: false,
            idempotent_refresh: false,
            logout_scope: LogoutScope::AllTokens,
            tokens_expire: true,
            default_ttl: Some(Duration::from_secs(3600)),
            completes_password_resets: true,
            reset_signs_in: false,
        }
    }

    fn api_prefix(&self) -> &str {
        &self.prefix
    }

    fn storage_scope(&self) -> Option<&str> {
        Some(&self.store_code)
    }

    fn common_headers(&self) -> &[(String, String)] {
        &self.headers
    }

    fn classify(&self, request: &ApiRequest, response: &HttpResponse) -> Result<(), Error> {
        if (200..300).contains(&response.status) {
            return Ok(());
        }
        Err(self.error(request, response))
    }

    fn register(&self, input: &NewCustomer) -> Result<Plan<Registered>, Error> {
        require_non_empty(&input.email, "email")?;
        require_non_empty(input.password.expose_secret(), "password")?;
        check_confirmation(&input.password, input.password_confirmation.as_ref())?;
        if input.phone.is_some() {
            return Err(not_stored("phone", " (set it on an address)"));
        }
        if input.metadata.is_some() {
            return Err(not_stored("metadata", ""));
        }
        let profile = CustomerUpdate {
            date_of_birth: input.date_of_birth.clone(),
            gender: input.gender,
            salutation: input.salutation,
            accepts_email_marketing: input.accepts_email_marketing,
            ..CustomerUpdate::default()
        };
        let new_customer = wire::new_customer(
            &input.email,
            input.first_name.as_deref(),
            input.last_name.as_deref(),
            &profile,
        );
        let body = JsonObject::new()
            .field("customer", &new_customer)
            .field("password", &input.password.expose_secret())
            .finish();
        let request = ApiRequest::new("customers.create", Method::Post, "/V1/customers").json(body);
        Ok(Plan::single(request, |response| {
            let created = customer(response)?;
            let pending = Json::parse(&response.body)
                .as_ref()
                .and_then(|body| body.member("confirmation"))
                .is_some_and(|key| !matches!(key, Json::Null));
            Ok(match pending {
                true => Registered::ConfirmationRequired(created),
                false => Registered::Created(created),
            })
        }))
    }

    fn login(&self, credentials: &Credentials) -> Result<Plan<IssuedSession>, Error> {
        require_non_empty(&credentials.email, "email")?;
        require_non_empty(credentials.password.expose_secret(), "password")?;
        let body = JsonObject::new()
            .field("username", &credentials.email)
            .field("password", &credentials.password.expose_secret())
            .finish();
        let request = ApiRequest::new("auth.login", Method::Post, "/V1/integration/customer/token")
            .json(body)
            .return_rate_limits();
        Ok(Plan::single(request, token))
    }

    fn refresh(&self, _refresh_token: &RefreshToken) -> Result<Plan<IssuedSession>, Error> {
        Err(unsupported("auth.refresh", self.kind()))
    }

    fn revoke(&self, ended: &EndedSession) -> Option<Plan<()>> {
        // An expired token cannot revoke anything (and is dead already).
        if ended.access_expired {
            return None;
        }
        let request = ApiRequest::new(
            "auth.logout",
            Method::Post,
            "/V1/integration/customer/revoke-customer-token",
        )
        .json("{}".into())
        .bearer(&ended.access)
        .idempotent();
        Some(Plan::single(request, accepted))
    }

    fn request_password_reset(
        &self,
        reset: &PasswordResetRequest,
    ) -> Result<Plan<Option<String>>, Error> {
        require_non_empty(&reset.email, "email")?;
        let body = JsonObject::new()
            .field("email", &reset.email)
            .field("template", &"email_reset")
            .finish();
        let request = ApiRequest::new(
            "password_resets.create",
            Method::Put,
            "/V1/customers/password",
        )
        .json(body)
        .idempotent();
        // An unknown email is a 404 here (§8): it must look like success.
        Ok(Plan::new(Step::send(request, |outcome| match outcome {
            Ok(_) | Err(Error::NotFound(_)) => Ok(Step::Done(None)),
            Err(error) => Err(error),
        })))
    }

    fn complete_password_reset(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<Plan<Option<IssuedSession>>, Error> {
        require_non_empty(reset_token.expose_secret(), "reset token")?;
        require_non_empty(password.password.expose_secret(), "password")?;
        check_confirmation(&password.password, Some(&password.password_confirmation))?;
        let body = JsonObject::new()
            .field("email", &password.email.as_deref().unwrap_or_default())
            .field("resetToken", &reset_token.expose_secret())
            .field("newPassword", &password.password.expose_secret())
            .finish();
        let request = ApiRequest::new(
            "password_resets.update",
            Method::Post,
            "/V1/customers/resetPassword",
        )
        .json(body);
        Ok(Plan::single(request, |response| {
            accepted(response).map(|()| None)
        }))
    }

    fn get_customer(&self, _context: &Context) -> Result<Plan<Customer>, Error> {
        let request = ApiRequest::new("customer.get", Method::Get, ME).session();
        Ok(Plan::single(request, customer))
    }

    fn update_customer(
        &self,
        _context: &Context,
        update: &CustomerUpdate,
    ) -> Result<Plan<Customer>, Error> {
        if update.phone.is_some() {
            return Err(not_stored("phone", " (set it on an address)"));
        }
        if update.metadata.is_some() {
            return Err(not_stored("metadata", ""));
        }
        let password_change = match &update.password {
            Some(new) => {
                let current = update.current_password.clone().ok_or_else(|| {
                    Error::invalid_input("current_password is required to change the password")
                })?;
                check_confirmation(new, update.password_confirmation.as_ref())?;
                Some(
                    JsonObject::new()
                        .field("currentPassword", &current.expose_secret())
                        .field("newPassword", &new.expose_secret())
                        .finish(),
                )
            }
            None => None,
        };
        let profile_change = update.first_name.is_some()
            || update.last_name.is_some()
            || update.email.is_some()
            || update.date_of_birth.is_some()
            || update.gender.is_some()
            || update.salutation.is_some()
            || update.accepts_email_marketing.is_some();
        let update = update.clone();
        // The password first: a wrong current password changes nothing.
        let first = match password_change {
            Some(body) => {
                let request = ApiRequest::new(
                    "customer.password",
                    Method::Put,
                    "/V1/customers/me/password",
                )
                .json(body);
                Step::parse(request, accepted)
            }
            None => Step::Done(()),
        };
        let plan = first.and_then(move |()| {
            if !profile_change {
                let request = ApiRequest::new("customer.get", Method::Get, ME).session();
                return Ok(Step::parse(request, customer));
            }
            Ok(read_me("customer.update", move |mut me| {
                wire::apply_profile(&mut me, &update);
                // Without `addresses` the address book is left as it is.
                me.remove_member("addresses");
                Ok(Step::parse(write_me("customer.update", &me), customer))
            }))
        })?;
        Ok(Plan::new(plan).exclusive())
    }

    fn list_addresses(
        &self,
        _context: &Context,
        _options: &ListOptions,
    ) -> Result<Plan<Page<Address>>, Error> {
        let request = ApiRequest::new("customer.addresses.list", Method::Get, ME).session();
        Ok(Plan::single(request, |response| {
            Ok(Page::new(customer(response)?.addresses, None))
        }))
    }

    fn get_address(&self, _context: &Context, id: &str) -> Result<Plan<Address>, Error> {
        require_non_empty(id, "address id")?;
        let id = id.to_owned();
        let request = ApiRequest::new("customer.addresses.get", Method::Get, ME).session();
        Ok(Plan::new(Step::send(request, move |outcome| {
            Ok(Step::Done(find_address(customer(&outcome?)?, &id)?))
        })))
    }

    fn create_address(
        &self,
        _context: &Context,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        const OPERATION: &str = "customer.addresses.create";
        let input = input.clone();
        let step = read_me(OPERATION, move |mut me| {
            let mut entries = wire::address_entries(&me);
            let known: Vec<String> = entries.iter().filter_map(wire::entry_id).collect();
            let mut entry = Json::Object(Vec::new());
            wire::apply_address(&mut entry, &input);
            entries.push(entry);
            let added = entries.len() - 1;
            wire::settle_defaults(&mut me, &mut entries, added, &input);
            me.set_member("addresses", Json::Array(entries));
            Ok(Step::send(write_me(OPERATION, &me), move |outcome| {
                let saved = customer(&outcome?)?;
                // The new entry is the one whose id was not there before.
                saved
                    .addresses
                    .into_iter()
                    .find(|address| !known.contains(&address.id))
                    .map(Step::Done)
                    .ok_or_else(|| Error::Decode {
                        status: 200,
                        content_type: None,
                        body_snippet: String::new(),
                        message: "the saved customer has no new address".into(),
                    })
            }))
        });
        Ok(Plan::new(step).exclusive())
    }

    fn update_address(
        &self,
        _context: &Context,
        id: &str,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        const OPERATION: &str = "customer.addresses.update";
        require_non_empty(id, "address id")?;
        let (id, input) = (id.to_owned(), input.clone());
        let step = read_me(OPERATION, move |mut me| {
            let mut entries = wire::address_entries(&me);
            let index = entries
                .iter()
                .position(|entry| wire::entry_id(entry).as_deref() == Some(id.as_str()))
                .ok_or_else(address_not_found)?;
            wire::apply_address(&mut entries[index], &input);
            wire::settle_defaults(&mut me, &mut entries, index, &input);
            me.set_member("addresses", Json::Array(entries));
            Ok(Step::send(write_me(OPERATION, &me), move |outcome| {
                Ok(Step::Done(find_address(customer(&outcome?)?, &id)?))
            }))
        });
        Ok(Plan::new(step).exclusive())
    }

    fn delete_address(&self, _context: &Context, id: &str) -> Result<Plan<()>, Error> {
        const OPERATION: &str = "customer.addresses.delete";
        require_non_empty(id, "address id")?;
        let id = id.to_owned();
        let step = read_me(OPERATION, move |mut me| {
            let mut entries = wire::address_entries(&me);
            let before = entries.len();
            entries.retain(|entry| wire::entry_id(entry).as_deref() != Some(id.as_str()));
            if entries.len() == before {
                return Err(address_not_found());
            }
            for kind in ["default_billing", "default_shipping"] {
                if matches!(me.member(kind), Some(Json::String(found)) if *found == id) {
                    me.remove_member(kind);
                }
            }
            me.set_member("addresses", Json::Array(entries));
            Ok(Step::parse(write_me(OPERATION, &me), |response| {
                customer(response).map(drop)
            }))
        });
        Ok(Plan::new(step).exclusive())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn magento() -> MagentoRest {
        MagentoRest::new(&Settings::default()).unwrap()
    }

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn request(operation: &'static str) -> ApiRequest {
        ApiRequest::new(operation, Method::Post, "/")
    }

    #[test]
    fn store_codes_shape_the_prefix_and_all_is_refused() {
        assert_eq!(magento().api_prefix(), "/rest/default");
        let german = MagentoRest::new(&Settings {
            store_code: Some("de_store".into()),
            ..Settings::default()
        })
        .unwrap();
        assert_eq!(german.api_prefix(), "/rest/de_store");
        for bad in ["all", "", "a/b"] {
            let settings = Settings {
                store_code: Some(bad.into()),
                ..Settings::default()
            };
            assert!(
                matches!(MagentoRest::new(&settings), Err(Error::Config { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn errors_map_to_the_unified_codes_with_the_template_kept() {
        let magento = magento();
        let error = magento.error(
            &request("customer.get"),
            &response(401, r#"{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"self"}}"#),
        );
        assert!(matches!(error, Error::Unauthenticated { .. }));
        assert_eq!(error.code(), "authentication_required");
        assert_eq!(error.backend_code(), Some(NOT_AUTHORIZED));
        assert_eq!(
            error.api().unwrap().message,
            "The consumer isn't authorized to access self."
        );

        let login = magento.error(
            &request("auth.login"),
            &response(401, r#"{"message":"The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."}"#),
        );
        assert!(matches!(login, Error::InvalidCredentials(_)));
        assert_eq!(login.code(), "authentication_failed");

        let duplicate = magento.error(
            &request("customers.create"),
            &response(400, r#"{"message":"A customer with the same email address already exists in an associated website."}"#),
        );
        assert!(matches!(duplicate, Error::Validation(_)));
        assert_eq!(duplicate.details()[0].field.as_deref(), Some("email"));

        let aggregate = magento.error(
            &request("auth.login"),
            &response(400, r#"{"message":"One or more input exceptions have occurred.","errors":[{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"username"}}]}"#),
        );
        assert_eq!(aggregate.code(), "validation_error");
        assert_eq!(aggregate.details()[0].attribute, "username");
        assert_eq!(aggregate.details()[0].field.as_deref(), Some("email"));
        assert_eq!(
            aggregate.details()[0].messages[0],
            "\"username\" is required. Enter and try again."
        );

        let policy = magento.error(
            &request("customers.create"),
            &response(400, r#"{"message":"The password needs at least %1 characters. Create a new password and try again.","parameters":[8]}"#),
        );
        assert_eq!(policy.details()[0].field.as_deref(), Some("password"));
        assert!(
            policy
                .api()
                .unwrap()
                .message
                .contains("at least 8 characters")
        );

        let current = magento.error(
            &request("customer.password"),
            &response(401, r#"{"message":"The password doesn't match this account. Verify the password and try again."}"#),
        );
        assert_eq!(current.code(), "current_password_invalid");

        let html = magento.error(
            &request("customer.get"),
            &response(502, "<html>bad gateway</html>"),
        );
        assert!(matches!(html, Error::Server { status: 502, .. }) && html.is_transient());
    }

    #[test]
    fn the_login_token_is_a_bare_string() {
        let issued = token(&response(200, r#""q0u66k8h42yaevtchv09uyy3y9gaj2ap""#)).unwrap();
        assert_eq!(
            issued.access.expose_secret(),
            "q0u66k8h42yaevtchv09uyy3y9gaj2ap"
        );
        assert!(issued.refresh.is_none() && issued.user.is_none());
        assert!(token(&response(200, r#"{"token":"x"}"#)).is_err());
    }

    #[test]
    fn fields_magento_does_not_store_are_refused_before_sending() {
        let update = CustomerUpdate {
            phone: Some("+49".into()),
            ..CustomerUpdate::default()
        };
        assert!(matches!(
            magento().update_customer(&Context::default(), &update),
            Err(Error::InvalidInput { .. })
        ));
        let change = CustomerUpdate {
            password: Some("New-Pass1".into()),
            ..CustomerUpdate::default()
        };
        assert!(
            matches!(
                magento().update_customer(&Context::default(), &change),
                Err(Error::InvalidInput { .. })
            ),
            "a password change needs the current password"
        );
        assert!(matches!(
            magento().refresh(&RefreshToken::new("r")),
            Err(Error::Unsupported { .. })
        ));
    }
}

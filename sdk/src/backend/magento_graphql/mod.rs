//! Magento 2 / Adobe Commerce GraphQL (`POST /graphql`), per
//! `magento-graphql.md`: the documents of its §2 and nothing else, errors by
//! category at any status, and the token model of Magento REST (one bearer
//! token, no refresh, logout revokes every token of the customer).
//!
//! What the unified models carry that Magento cannot store (a customer's
//! phone, metadata) is refused before sending. Ignored because meaningless
//! here: `NewCustomer::accepted_terms`, `PasswordResetRequest::redirect_url`
//! (the store's email template decides the link) and `ListOptions` (the
//! address book comes whole). An address's salutation is sent (`prefix`) but
//! not read back: the §2.6 selection has no `prefix` on addresses.

pub mod data;
mod documents;
mod error;
mod wire;

use std::time::Duration;

use self::documents::{Document, Version};
use super::support::{decode_error, parse_whole, require_non_empty};
use super::{
    ApiRequest, Backend, BackendKind, Capabilities, Context, EndedSession, IssuedSession,
    LogoutScope, Plan, Registered, Settings, Step, unsupported,
};
use crate::error::{ApiError, Error};
use crate::json::{Json, JsonObject};
use crate::models::{
    Address, AddressInput, Credentials, Customer, CustomerUpdate, ListOptions, NewCustomer,
    NewPassword, Page, PasswordResetRequest,
};
use crate::platform::MaybeSend;
use crate::secret::{AccessToken, Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

/// The one endpoint, below the origin.
const PATH: &str = "/graphql";

// The SDK operation of each request (errors and tracing; the classification
// of current-password and reset-token failures depends on it).
const REGISTER: &str = "customers.create";
const LOGIN: &str = "auth.login";
const LOGOUT: &str = "auth.logout";
const REQUEST_RESET: &str = "password_resets.create";
const COMPLETE_RESET: &str = "password_resets.update";
const GET_CUSTOMER: &str = "customer.get";
const UPDATE_CUSTOMER: &str = "customer.update";
const CHANGE_EMAIL: &str = "customer.email";
const CHANGE_PASSWORD: &str = "customer.password";
const LIST_ADDRESSES: &str = "customer.addresses.list";
const GET_ADDRESS: &str = "customer.addresses.get";
const CREATE_ADDRESS: &str = "customer.addresses.create";
const UPDATE_ADDRESS: &str = "customer.addresses.update";
const DELETE_ADDRESS: &str = "customer.addresses.delete";

/// The answer to a reset request for an unknown email (§2.4), which must
/// look like success (§7).
const CANNOT_RESET: &str = "Cannot reset the customer's password";

/// The Magento GraphQL backend.
pub(crate) struct MagentoGraphql {
    version: Version,
    store_code: Option<String>,
    headers: Vec<(String, String)>,
}

impl MagentoGraphql {
    /// Magento GraphQL for the server version (2.4.8 unless set) and the
    /// optional store code of `settings`.
    pub(crate) fn new(settings: &Settings) -> Result<Self, Error> {
        let version = match settings.server_version.as_deref() {
            None | Some("2.4.8") => Version::V248,
            Some("2.4.9") => Version::V249,
            Some(other) => {
                return Err(Error::Config {
                    message: format!(
                        "\"{other}\" is not a Magento GraphQL server version the SDK knows (2.4.8, 2.4.9)"
                    ),
                    api: None,
                });
            }
        };
        let mut headers = vec![("Accept".into(), "application/json".into())];
        if let Some(code) = &settings.store_code {
            let valid = !code.is_empty()
                && code
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
            if !valid {
                return Err(Error::Config {
                    message: format!("\"{code}\" is not a store code (letters, digits and _)"),
                    api: None,
                });
            }
            headers.push(("Store".into(), code.clone()));
        }
        Ok(Self {
            version,
            store_code: settings.store_code.clone(),
            headers,
        })
    }
}

/// A request of `operation` sending `document` with `variables`.
fn graphql(operation: &'static str, document: Document, variables: JsonObject) -> ApiRequest {
    let body = JsonObject::new()
        .field("query", &document.text)
        .field("variables", &variables)
        .field("operationName", &document.name)
        .finish();
    ApiRequest::new(operation, Method::Post, PATH).json(body)
}

/// The non-null result `data.<field>` of a successful response, read with
/// `read`; a `Decode` error otherwise.
fn result<T>(
    response: &HttpResponse,
    field: &str,
    read: impl FnOnce(&Json) -> Option<T>,
) -> Result<T, Error> {
    Json::parse(&response.body)
        .as_ref()
        .and_then(|body| wire::data(body, field))
        .and_then(read)
        .ok_or_else(|| decode_error(response, "not the result of the document sent"))
}

/// A `true` result `data.<field>`.
fn accepted(response: &HttpResponse, field: &str) -> Result<(), Error> {
    result(response, field, |value| {
        matches!(value, Json::Bool(true)).then_some(())
    })
}

/// The customer's id: the `uid` claim of the token the call carries (the
/// `customer` query has no id), else the id learnt at sign-in, else empty
/// (a token that is not a JWT, as before 2.4.4).
fn customer_id(context: &Context) -> String {
    let claim = context
        .access_token
        .as_ref()
        .and_then(|token| crate::jwt::payload(token.expose_secret()))
        .and_then(|claims| match claims.member("uid")? {
            Json::Number(number) if number.fract() == 0.0 => Some((*number as i64).to_string()),
            Json::String(text) => Some(text.clone()),
            _ => None,
        });
    claim
        .or_else(|| context.subject.clone())
        .unwrap_or_default()
}

/// Reads the profile (§2.6) of customer `id`, then continues with `then`.
fn read_me<T: MaybeSend + 'static>(
    version: Version,
    operation: &'static str,
    id: String,
    then: impl FnOnce(Customer) -> Result<Step<T>, Error> + MaybeSend + 'static,
) -> Step<T> {
    let request = graphql(operation, version.me(), JsonObject::new())
        .session()
        .idempotent();
    Step::send(request, move |outcome| {
        then(result(&outcome?, "customer", |json| {
            wire::customer(json, id)
        })?)
    })
}

/// Sends the mutation `request`, whose result is `data.<field>`, then
/// continues with `next`.
fn write_then<T: MaybeSend + 'static>(
    request: ApiRequest,
    field: &'static str,
    next: impl FnOnce() -> Result<Step<T>, Error> + MaybeSend + 'static,
) -> Step<T> {
    Step::send(request, move |outcome| {
        result(&outcome?, field, |_| Some(()))?;
        next()
    })
}

/// An `InvalidInput` for a field Magento does not store on a customer.
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

/// The `NotFound` of an address that is not in the caller's address book.
fn address_not_found() -> Error {
    Error::NotFound(Box::new(ApiError::new(
        404,
        "record_not_found",
        "record_not_found",
        "Address not found",
    )))
}

/// The address `id` of a customer, or `NotFound`.
fn find_address(customer: Customer, id: &str) -> Result<Address, Error> {
    customer
        .addresses
        .into_iter()
        .find(|address| address.id == id)
        .ok_or_else(address_not_found)
}

/// The country code as `CountryCodeEnum` takes it (alpha-2, upper case).
fn country_code(input: &AddressInput) -> Result<Option<String>, Error> {
    input
        .country_iso
        .as_deref()
        .map(|code| {
            let code = code.trim();
            if code.len() == 2 && code.bytes().all(|byte| byte.is_ascii_alphabetic()) {
                Ok(code.to_ascii_uppercase())
            } else {
                Err(Error::invalid_input(
                    "country_iso must be an ISO 3166-1 alpha-2 code on Magento",
                ))
            }
        })
        .transpose()
}

/// How the address mutations name an address: the `Int` id (2.4.8) or the
/// `uid` (2.4.9).
#[derive(Debug)]
enum AddressKey {
    Id(i64),
    Uid(String),
}

impl AddressKey {
    /// The key of the unified id `id`; `NotFound` for an id the version
    /// cannot have (not a positive `Int` on 2.4.8).
    fn of(version: Version, id: &str) -> Result<Self, Error> {
        require_non_empty(id, "address id")?;
        match version {
            Version::V248 => parse_whole::<i32>(id)
                .filter(|id| *id > 0)
                .map(|id| AddressKey::Id(i64::from(id)))
                .ok_or_else(address_not_found),
            Version::V249 => Ok(AddressKey::Uid(id.to_owned())),
        }
    }

    /// Variables starting with the key.
    fn variables(&self) -> JsonObject {
        match self {
            AddressKey::Id(id) => JsonObject::new().field("id", id),
            AddressKey::Uid(uid) => JsonObject::new().field("uid", uid),
        }
    }
}

impl Backend for MagentoGraphql {
    fn kind(&self) -> BackendKind {
        BackendKind::MagentoGraphql
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
        ""
    }

    fn storage_scope(&self) -> Option<&str> {
        self.store_code.as_deref()
    }

    fn common_headers(&self) -> &[(String, String)] {
        &self.headers
    }

    fn classify(&self, request: &ApiRequest, response: &HttpResponse) -> Result<(), Error> {
        match error::classify(request, response) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    fn register(&self, input: &NewCustomer) -> Result<Plan<Registered>, Error> {
        let first_name = input.first_name.as_deref().unwrap_or_default();
        let last_name = input.last_name.as_deref().unwrap_or_default();
        require_non_empty(&input.email, "email")?;
        require_non_empty(input.password.expose_secret(), "password")?;
        require_non_empty(first_name, "first_name")?;
        require_non_empty(last_name, "last_name")?;
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
        let create = wire::create_input(
            &input.email,
            input.password.expose_secret(),
            first_name,
            last_name,
            &profile,
        );
        let variables = JsonObject::new().field("input", &create);
        let request = graphql(REGISTER, documents::CREATE_CUSTOMER, variables);
        Ok(Plan::single(request, |response| {
            let (customer, pending) = result(response, "createCustomerV2", wire::created)?;
            Ok(match pending {
                true => Registered::ConfirmationRequired(customer),
                false => Registered::Created(customer),
            })
        }))
    }

    fn login(&self, credentials: &Credentials) -> Result<Plan<IssuedSession>, Error> {
        require_non_empty(&credentials.email, "email")?;
        require_non_empty(credentials.password.expose_secret(), "password")?;
        let variables = JsonObject::new()
            .field("email", &credentials.email)
            .field("password", &credentials.password.expose_secret());
        let request = graphql(LOGIN, documents::LOGIN, variables).return_rate_limits();
        Ok(Plan::single(request, |response| {
            let token = result(response, "generateCustomerToken", |output| {
                match output.member("token")? {
                    Json::String(token) if !token.is_empty() => Some(token.clone()),
                    _ => None,
                }
            })?;
            // No expiry on the wire: the JWT's `exp` (or the default TTL).
            Ok(IssuedSession::new(AccessToken::new(token), None, response))
        }))
    }

    fn refresh(&self, _refresh_token: &RefreshToken) -> Result<Plan<IssuedSession>, Error> {
        Err(unsupported("auth.refresh", self.kind()))
    }

    fn revoke(&self, ended: &EndedSession) -> Option<Plan<()>> {
        // An expired token cannot revoke anything (and is dead already).
        if ended.access_expired {
            return None;
        }
        let request = graphql(LOGOUT, documents::LOGOUT, JsonObject::new())
            .bearer(&ended.access)
            .idempotent();
        Some(Plan::single(request, |response| {
            result(response, "revokeCustomerToken", |output| {
                matches!(output.member("result"), Some(Json::Bool(true))).then_some(())
            })
        }))
    }

    fn request_password_reset(
        &self,
        reset: &PasswordResetRequest,
    ) -> Result<Plan<Option<String>>, Error> {
        require_non_empty(&reset.email, "email")?;
        let variables = JsonObject::new().field("email", &reset.email);
        let request = graphql(REQUEST_RESET, documents::REQUEST_RESET, variables).idempotent();
        Ok(Plan::new(Step::send(request, |outcome| match outcome {
            // `false` (the mail was not sent) answers as `true` does: the
            // answer must not depend on the account.
            Ok(response) => {
                result(&response, "requestPasswordResetEmail", |sent| {
                    matches!(sent, Json::Bool(_)).then_some(())
                })?;
                Ok(Step::Done(None))
            }
            // An unknown email (§7): the same answer as a known one.
            Err(Error::NotFound(_)) => Ok(Step::Done(None)),
            Err(error)
                if error
                    .api()
                    .is_some_and(|api| api.message.starts_with(CANNOT_RESET)) =>
            {
                Ok(Step::Done(None))
            }
            Err(error) => Err(error),
        })))
    }

    fn complete_password_reset(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<Plan<Option<IssuedSession>>, Error> {
        let email = password.email.as_deref().unwrap_or_default();
        if email.trim().is_empty() {
            return Err(Error::invalid_input(
                "email is required to complete a password reset on Magento GraphQL (NewPassword::email)",
            ));
        }
        require_non_empty(reset_token.expose_secret(), "reset token")?;
        require_non_empty(password.password.expose_secret(), "password")?;
        check_confirmation(&password.password, Some(&password.password_confirmation))?;
        let variables = JsonObject::new()
            .field("email", &email)
            .field("token", &reset_token.expose_secret())
            .field("password", &password.password.expose_secret());
        let request = graphql(COMPLETE_RESET, documents::RESET_PASSWORD, variables);
        Ok(Plan::single(request, |response| {
            accepted(response, "resetPassword").map(|()| None)
        }))
    }

    fn get_customer(&self, context: &Context) -> Result<Plan<Customer>, Error> {
        let step = read_me(self.version, GET_CUSTOMER, customer_id(context), |me| {
            Ok(Step::Done(me))
        });
        Ok(Plan::new(step))
    }

    /// Up to four steps, in this order: the email change (which checks the
    /// current password before anything changes), the profile fields, the
    /// profile read that is the result, and the password change last (it may
    /// revoke the token the earlier steps need).
    fn update_customer(
        &self,
        context: &Context,
        update: &CustomerUpdate,
    ) -> Result<Plan<Customer>, Error> {
        if update.phone.is_some() {
            return Err(not_stored("phone", " (set it on an address)"));
        }
        if update.metadata.is_some() {
            return Err(not_stored("metadata", ""));
        }
        let current = update
            .current_password
            .as_ref()
            .map(Password::expose_secret);
        let email_change = match &update.email {
            Some(email) => {
                require_non_empty(email, "email")?;
                let current = current.ok_or_else(|| {
                    Error::invalid_input("current_password is required to change the email")
                })?;
                let variables = JsonObject::new()
                    .field("email", email)
                    .field("password", &current);
                Some(graphql(CHANGE_EMAIL, documents::UPDATE_EMAIL, variables).session())
            }
            None => None,
        };
        let password_change = match &update.password {
            Some(new) => {
                require_non_empty(new.expose_secret(), "password")?;
                let current = current.ok_or_else(|| {
                    Error::invalid_input("current_password is required to change the password")
                })?;
                check_confirmation(new, update.password_confirmation.as_ref())?;
                let variables = JsonObject::new()
                    .field("current", &current)
                    .field("new", &new.expose_secret());
                Some(graphql(CHANGE_PASSWORD, documents::CHANGE_PASSWORD, variables).session())
            }
            None => None,
        };
        let profile_change = wire::update_input(update).map(|input| {
            let variables = JsonObject::new().field("input", &input);
            graphql(UPDATE_CUSTOMER, documents::UPDATE_ME, variables).session()
        });
        let id = customer_id(context);
        let mut step = read_me(self.version, UPDATE_CUSTOMER, id, move |me| {
            Ok(match password_change {
                Some(request) => write_then(request, "changeCustomerPassword", move || {
                    Ok(Step::Done(me))
                }),
                None => Step::Done(me),
            })
        });
        if let Some(request) = profile_change {
            step = write_then(request, "updateCustomerV2", move || Ok(step));
        }
        if let Some(request) = email_change {
            step = write_then(request, "updateCustomerEmail", move || Ok(step));
        }
        Ok(Plan::new(step).exclusive())
    }

    fn list_addresses(
        &self,
        context: &Context,
        _options: &ListOptions,
    ) -> Result<Plan<Page<Address>>, Error> {
        let step = read_me(self.version, LIST_ADDRESSES, customer_id(context), |me| {
            Ok(Step::Done(Page::new(me.addresses, None)))
        });
        Ok(Plan::new(step))
    }

    fn get_address(&self, context: &Context, id: &str) -> Result<Plan<Address>, Error> {
        require_non_empty(id, "address id")?;
        let id = id.to_owned();
        let step = read_me(self.version, GET_ADDRESS, customer_id(context), move |me| {
            Ok(Step::Done(find_address(me, &id)?))
        });
        Ok(Plan::new(step))
    }

    fn create_address(
        &self,
        _context: &Context,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        let country = country_code(input)?;
        if input.address1.is_none() && input.address2.is_some() {
            return Err(Error::invalid_input("address2 needs address1"));
        }
        let street = input
            .address1
            .as_deref()
            .map(|first| wire::street_lines(first, input.address2.as_deref()));
        let create = wire::address_input(input, street, country);
        let variables = JsonObject::new().field("input", &create);
        let request = graphql(CREATE_ADDRESS, self.version.create_address(), variables).session();
        let company = input.company.clone();
        Ok(Plan::new(Step::send(request, move |outcome| {
            let mut address = result(&outcome?, "createCustomerAddress", |json| {
                wire::address(json, None, None)
            })?;
            // The document selects no `company`: it is what was sent.
            address.company = address.company.or(company);
            Ok(Step::Done(address))
        })))
    }

    /// The mutation, then the profile read for the whole address (the
    /// mutation's selection is partial). Changing one street line alone reads
    /// the address first for the other lines (the mutation replaces them all).
    fn update_address(
        &self,
        context: &Context,
        id: &str,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        let key = AddressKey::of(self.version, id)?;
        let country = country_code(input)?;
        let (version, customer) = (self.version, customer_id(context));
        let one_street_line = input.address1.is_some() != input.address2.is_some();
        let street = input
            .address1
            .as_deref()
            .map(|first| wire::street_lines(first, input.address2.as_deref()));
        let (first, rest) = (input.address1.clone(), input.address2.clone());
        let (id, wanted, reader) = (id.to_owned(), id.to_owned(), customer.clone());
        let input = input.clone();
        let write = move |street: Option<Vec<String>>| {
            let update = wire::address_input(&input, street, country);
            let variables = key.variables().field("input", &update);
            let request = graphql(UPDATE_ADDRESS, version.update_address(), variables).session();
            write_then(request, version.update_field(), move || {
                Ok(read_me(version, UPDATE_ADDRESS, customer, move |me| {
                    Ok(Step::Done(find_address(me, &wanted)?))
                }))
            })
        };
        if !one_street_line {
            return Ok(Plan::new(write(street)));
        }
        let read = read_me(version, UPDATE_ADDRESS, reader, move |me| {
            let current = find_address(me, &id)?;
            let first = first.or(current.address1).unwrap_or_default();
            let rest = rest.or(current.address2);
            Ok(write(Some(wire::street_lines(&first, rest.as_deref()))))
        });
        Ok(Plan::new(read).exclusive())
    }

    fn delete_address(&self, _context: &Context, id: &str) -> Result<Plan<()>, Error> {
        let key = AddressKey::of(self.version, id)?;
        let field = self.version.delete_field();
        let request = graphql(
            DELETE_ADDRESS,
            self.version.delete_address(),
            key.variables(),
        )
        .session();
        Ok(Plan::new(Step::send(request, move |outcome| {
            accepted(&outcome?, field)?;
            Ok(Step::Done(()))
        })))
    }
}

#[cfg(test)]
mod tests;

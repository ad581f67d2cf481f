//! Spryker Glue storefront API (JSON:API), per `spryker-glue.md`: an 8-hour
//! JWT and a rotating refresh token; registration issues no token; every
//! customer path names the customer reference, read from the token's `sub`
//! (or from `GET /customers` when the token cannot be read).

pub mod data;
mod errors;
mod street;
mod wire;

use std::time::Duration;

use super::support::{decode, require_non_empty, segment};
use super::{
    ApiRequest, Backend, BackendKind, Capabilities, Context, EndedSession, IssuedSession,
    LogoutScope, Plan, Registered, Step,
};
use crate::error::Error;
use crate::models::{
    Address, AddressInput, Credentials, Customer, CustomerUpdate, Gender, ListOptions, NewCustomer,
    NewPassword, Page, PasswordResetRequest,
};
use crate::platform::{MaybeSend, SendFnOnce};
use crate::secret::{AccessToken, Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

/// The media type of JSON:API documents, sent and accepted.
const JSON_API: &str = "application/vnd.api+json";

/// The Spryker Glue backend.
pub(crate) struct Spryker {
    headers: Vec<(String, String)>,
}

impl Spryker {
    /// Spryker Glue at the origin's root (stores and locales are chosen by
    /// host, out of the SDK's scope).
    pub(crate) fn new() -> Self {
        Self {
            headers: vec![("Accept".into(), JSON_API.into())],
        }
    }
}

/// An `InvalidInput` for a field Spryker does not store.
fn not_stored(field: &str) -> Error {
    Error::invalid_input(format!("{field} is not a Spryker field"))
}

/// Spryker's name of `gender`, or `InvalidInput` (it knows `Male` and
/// `Female` only).
fn gender_name(gender: Option<Gender>) -> Result<Option<&'static str>, Error> {
    gender
        .map(|gender| {
            wire::gender_name(gender).ok_or_else(|| {
                Error::invalid_input("Spryker knows the genders Male and Female only")
            })
        })
        .transpose()
}

/// Spryker keeps no newsletter consent on the customer (it always reads
/// `false`) and no free-form metadata.
fn check_unstored(consent: Option<bool>, metadata: Option<&String>) -> Result<(), Error> {
    if consent == Some(true) {
        return Err(not_stored("accepts_email_marketing"));
    }
    if metadata.is_some() {
        return Err(not_stored("metadata"));
    }
    Ok(())
}

/// A request carrying a JSON:API document.
fn with_document(request: ApiRequest, document: String) -> ApiRequest {
    request.with_body(JSON_API, document)
}

fn nothing(_: &HttpResponse) -> Result<(), Error> {
    Ok(())
}

fn customer(response: &HttpResponse) -> Result<Customer, Error> {
    decode(response, wire::customer)
}

fn address(response: &HttpResponse) -> Result<Address, Error> {
    decode(response, wire::address_document)
}

/// The tokens of a login or refresh, with `expiresIn` and the customer
/// reference of the access token.
fn session(response: &HttpResponse) -> Result<IssuedSession, Error> {
    let body = decode(response, wire::tokens)?;
    let mut issued = IssuedSession::new(
        AccessToken::new(body.access),
        Some(RefreshToken::new(body.refresh)),
        response,
    );
    issued.expires_in = body.expires_in.map(Duration::from_secs);
    issued.subject = wire::reference(issued.access.expose_secret());
    Ok(issued)
}

/// `POST /refresh-tokens` for `operation`.
fn refresh_request(operation: &'static str, refresh_token: &RefreshToken) -> ApiRequest {
    let document = wire::refresh_document(refresh_token.expose_secret());
    with_document(
        ApiRequest::new(operation, Method::Post, "/refresh-tokens"),
        document,
    )
}

/// `DELETE /refresh-tokens/{refreshToken}` with `access` (§2.4: always 204).
fn revoke_step(access: &AccessToken, refresh_token: &RefreshToken) -> Step<()> {
    let path = format!("/refresh-tokens/{}", segment(refresh_token.expose_secret()));
    let request = ApiRequest::new("auth.logout", Method::Delete, path).bearer(access);
    Step::parse(request, nothing)
}

/// Sends `request`, then goes on with `next` (the response has nothing the
/// SDK reads).
fn send_then<T: MaybeSend + 'static>(request: ApiRequest, next: Step<T>) -> Step<T> {
    Step::send(request, move |outcome| outcome.map(|_| next))
}

/// The customer reference the plan knows: the session's, else the one in
/// the access token's `sub`.
fn known_reference(context: &Context) -> Option<String> {
    context.subject.clone().or_else(|| {
        let token = context.access_token.as_ref()?;
        wire::reference(token.expose_secret())
    })
}

/// Plans `then` with the customer reference: the session's, else the one in
/// the access token's `sub`, else the one `GET /customers` names (§2.7).
fn with_reference<T: MaybeSend + 'static>(
    context: &Context,
    operation: &'static str,
    then: impl FnOnce(String) -> Result<Step<T>, Error> + MaybeSend + 'static,
) -> Result<Plan<T>, Error> {
    // Boxed, so that each operation's planning is compiled once and the
    // lookup once per result type.
    plan_with_reference(context, operation, Box::new(then))
}

/// [`with_reference`] with `then` boxed.
fn plan_with_reference<T: MaybeSend + 'static>(
    context: &Context,
    operation: &'static str,
    then: SendFnOnce<String, Result<Step<T>, Error>>,
) -> Result<Plan<T>, Error> {
    let first = match known_reference(context) {
        Some(reference) => then(reference)?,
        None => {
            let request = customer_request(operation, Method::Get, "/customers".into(), None);
            Step::send(request, move |outcome| {
                then(decode(&outcome?, wire::collection_reference)?)
            })
        }
    };
    Ok(Plan::new(first))
}

/// A request about the signed-in customer (with the session's token), with
/// its JSON:API document if any.
fn customer_request(
    operation: &'static str,
    method: Method,
    path: String,
    document: Option<String>,
) -> ApiRequest {
    let request = ApiRequest::new(operation, method, path).session();
    match document {
        Some(document) => with_document(request, document),
        None => request,
    }
}

/// `GET /customers/{reference}?include=addresses`.
fn read_customer(operation: &'static str, reference: &str) -> Step<Customer> {
    let path = format!("/customers/{}?include=addresses", segment(reference));
    Step::parse(
        customer_request(operation, Method::Get, path, None),
        customer,
    )
}

/// `/customers/{reference}/addresses`, and an address below it.
fn addresses_path(reference: &str, id: Option<&str>) -> String {
    let mut path = format!("/customers/{}/addresses", segment(reference));
    if let Some(id) = id {
        path.push('/');
        path.push_str(&segment(id));
    }
    path
}

/// The street and house number of an address input's `address1` (§2.11:
/// Spryker requires the number apart), and refuses fields it cannot store.
fn address_street(input: &AddressInput) -> Result<Option<(String, String)>, Error> {
    let has = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
    if has(&input.state_abbr) || has(&input.state_name) {
        return Err(Error::invalid_input(
            "a state is not a Spryker address field (its region is read-only)",
        ));
    }
    input
        .address1
        .as_deref()
        .map(|line| {
            street::split(line).ok_or_else(|| {
                Error::invalid_input(
                    "address1 must hold the house number (Spryker stores it apart), e.g. \"Kieler Str. 75\"",
                )
            })
        })
        .transpose()
}

impl Backend for Spryker {
    fn kind(&self) -> BackendKind {
        BackendKind::Spryker
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            supports_refresh: true,
            rotation: true,
            idempotent_refresh: false,
            logout_scope: LogoutScope::RefreshToken,
            tokens_expire: true,
            default_ttl: Some(Duration::from_secs(28_800)),
            completes_password_resets: true,
            reset_signs_in: false,
        }
    }

    fn api_prefix(&self) -> &str {
        ""
    }

    fn common_headers(&self) -> &[(String, String)] {
        &self.headers
    }

    fn classify(&self, request: &ApiRequest, response: &HttpResponse) -> Result<(), Error> {
        if (200..300).contains(&response.status) {
            return Ok(());
        }
        Err(errors::error(request, response))
    }

    fn body_retry_after(&self, response: &HttpResponse) -> Option<Duration> {
        errors::lockout_wait(response)
    }

    /// `acceptedTerms` goes out only when the caller set it (a store refuses
    /// the registration without it: `validation_error` on `accepted_terms`);
    /// the password is confirmed by itself when no confirmation was given.
    fn register(&self, input: &NewCustomer) -> Result<Plan<Registered>, Error> {
        require_non_empty(&input.email, "email")?;
        require_non_empty(input.password.expose_secret(), "password")?;
        check_unstored(input.accepts_email_marketing, input.metadata.as_ref())?;
        let document = wire::register_document(input, gender_name(input.gender)?);
        let request = ApiRequest::new("customers.create", Method::Post, "/customers");
        // 201 with the customer and no token: the client logs in.
        Ok(Plan::single(with_document(request, document), |response| {
            customer(response).map(Registered::Created)
        }))
    }

    fn login(&self, credentials: &Credentials) -> Result<Plan<IssuedSession>, Error> {
        require_non_empty(&credentials.email, "email")?;
        require_non_empty(credentials.password.expose_secret(), "password")?;
        let document =
            wire::login_document(&credentials.email, credentials.password.expose_secret());
        let request = ApiRequest::new("auth.login", Method::Post, "/access-tokens");
        Ok(Plan::single(
            with_document(request, document).return_rate_limits(),
            session,
        ))
    }

    fn refresh(&self, refresh_token: &RefreshToken) -> Result<Plan<IssuedSession>, Error> {
        require_non_empty(refresh_token.expose_secret(), "refresh token")?;
        Ok(Plan::single(
            refresh_request("auth.refresh", refresh_token),
            session,
        ))
    }

    fn revoke(&self, ended: &EndedSession) -> Option<Plan<()>> {
        let refresh_token = ended.refresh.as_ref()?;
        if !ended.access_expired {
            return Some(Plan::new(revoke_step(&ended.access, refresh_token)));
        }
        // An expired access token cannot revoke (§2.4): refresh first, then
        // revoke the new refresh token with the new access token.
        let request = refresh_request("auth.logout", refresh_token);
        Some(Plan::new(Step::send(request, |outcome| {
            let issued = session(&outcome?)?;
            Ok(match &issued.refresh {
                Some(refresh_token) => revoke_step(&issued.access, refresh_token),
                None => Step::Done(()),
            })
        })))
    }

    fn request_password_reset(
        &self,
        reset: &PasswordResetRequest,
    ) -> Result<Plan<Option<String>>, Error> {
        require_non_empty(&reset.email, "email")?;
        // 204 for known and unknown emails alike; the link is the store's
        // (`redirect_url` has no place on the wire).
        let document = wire::reset_request_document(&reset.email);
        let request = ApiRequest::new(
            "password_resets.create",
            Method::Post,
            "/customer-forgotten-password",
        );
        Ok(Plan::single(with_document(request, document), |_| Ok(None)))
    }

    fn complete_password_reset(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<Plan<Option<IssuedSession>>, Error> {
        require_non_empty(reset_token.expose_secret(), "reset token")?;
        require_non_empty(password.password.expose_secret(), "password")?;
        let key = reset_token.expose_secret();
        let document = wire::restore_document(
            key,
            password.password.expose_secret(),
            password.password_confirmation.expose_secret(),
        );
        let path = format!("/customer-restore-password/{}", segment(key));
        let request = ApiRequest::new("password_resets.update", Method::Patch, path);
        // 204 and no token: the customer logs in with the new password.
        Ok(Plan::single(with_document(request, document), |_| Ok(None)))
    }

    fn get_customer(&self, context: &Context) -> Result<Plan<Customer>, Error> {
        with_reference(context, "customer.get", |reference| {
            Ok(read_customer("customer.get", &reference))
        })
    }

    /// The password through `/customer-password` (the current one required),
    /// the profile through `/customers`, then the profile read with its
    /// addresses. `current_password` without a new password, and a
    /// confirmation without one, mean nothing here and are not sent.
    fn update_customer(
        &self,
        context: &Context,
        update: &CustomerUpdate,
    ) -> Result<Plan<Customer>, Error> {
        const OPERATION: &str = "customer.update";
        check_unstored(update.accepts_email_marketing, update.metadata.as_ref())?;
        let profile = wire::profile_attributes(update, gender_name(update.gender)?);
        let password = match &update.password {
            Some(new) => {
                let current = update.current_password.as_ref().ok_or_else(|| {
                    Error::invalid_input("current_password is required to change the password")
                })?;
                let confirmation = update.password_confirmation.as_ref().unwrap_or(new);
                Some(wire::password_attributes(
                    current.expose_secret(),
                    new.expose_secret(),
                    confirmation.expose_secret(),
                ))
            }
            None => None,
        };
        with_reference(context, OPERATION, move |reference| {
            let escaped = segment(&reference);
            // The profile is read last, with its address book.
            let mut step = read_customer(OPERATION, &reference);
            if let Some(attributes) = profile {
                let document = wire::document("customers", Some(&reference), attributes);
                let path = format!("/customers/{escaped}");
                let request = customer_request(OPERATION, Method::Patch, path, Some(document));
                step = send_then(request, step);
            }
            // The password first: a wrong current password changes nothing.
            if let Some(attributes) = password {
                let document = wire::document("customer-password", Some(&reference), attributes);
                let path = format!("/customer-password/{escaped}");
                let request =
                    customer_request(errors::PASSWORD_CHANGE, Method::Patch, path, Some(document));
                step = send_then(request, step);
            }
            Ok(step)
        })
    }

    fn list_addresses(
        &self,
        context: &Context,
        _options: &ListOptions,
    ) -> Result<Plan<Page<Address>>, Error> {
        const OPERATION: &str = "customer.addresses.list";
        // Not paginated: the whole book, whatever the options.
        with_reference(context, OPERATION, |reference| {
            let path = addresses_path(&reference, None);
            let request = customer_request(OPERATION, Method::Get, path, None);
            Ok(Step::send(request, |outcome| {
                let addresses = match outcome {
                    Ok(response) => decode(&response, wire::address_list)?,
                    // "Customer does not have addresses." (§1.4).
                    Err(error) if error.backend_code() == Some("403") => Vec::new(),
                    Err(error) => return Err(error),
                };
                Ok(Step::Done(Page::new(addresses, None)))
            }))
        })
    }

    fn get_address(&self, context: &Context, id: &str) -> Result<Plan<Address>, Error> {
        const OPERATION: &str = "customer.addresses.get";
        require_non_empty(id, "address id")?;
        let id = id.to_owned();
        with_reference(context, OPERATION, move |reference| {
            let path = addresses_path(&reference, Some(&id));
            let request = customer_request(OPERATION, Method::Get, path, None);
            Ok(Step::parse(request, address))
        })
    }

    /// `address1` goes out as street and house number; without a salutation
    /// (required by Spryker, not a unified field) the customer's own is read
    /// and used. Both default flags are sent (`false` when unset): Spryker
    /// itself makes a first address the default.
    fn create_address(
        &self,
        context: &Context,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        const OPERATION: &str = "customer.addresses.create";
        let attributes = wire::address_attributes(input, address_street(input)?, true);
        let given = input.salutation;
        with_reference(context, OPERATION, move |reference| {
            let path = addresses_path(&reference, None);
            let create = move |salutation: Option<&str>| {
                let attributes = attributes.optional("salutation", salutation);
                let document = wire::document("addresses", None, attributes);
                let request = customer_request(OPERATION, Method::Post, path, Some(document));
                Step::parse(request, address)
            };
            if let Some(salutation) = given {
                return Ok(create(Some(salutation.as_str())));
            }
            // Spryker requires a salutation on every address; without one
            // the customer's own is used.
            let path = format!("/customers/{}", segment(&reference));
            let request = customer_request(OPERATION, Method::Get, path, None);
            Ok(Step::send(request, move |outcome| {
                let salutation = decode(&outcome?, wire::salutation)?;
                Ok(create(salutation.as_deref()))
            }))
        })
    }

    fn update_address(
        &self,
        context: &Context,
        id: &str,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        const OPERATION: &str = "customer.addresses.update";
        require_non_empty(id, "address id")?;
        let salutation = input.salutation.map(|salutation| salutation.as_str());
        let attributes = wire::address_attributes(input, address_street(input)?, false)
            .optional("salutation", salutation);
        let id = id.to_owned();
        with_reference(context, OPERATION, move |reference| {
            let document = wire::document("addresses", Some(&id), attributes);
            let path = addresses_path(&reference, Some(&id));
            let request = customer_request(OPERATION, Method::Patch, path, Some(document));
            Ok(Step::parse(request, address))
        })
    }

    fn delete_address(&self, context: &Context, id: &str) -> Result<Plan<()>, Error> {
        const OPERATION: &str = "customer.addresses.delete";
        require_non_empty(id, "address id")?;
        let id = id.to_owned();
        with_reference(context, OPERATION, move |reference| {
            let path = addresses_path(&reference, Some(&id));
            let request = customer_request(OPERATION, Method::Delete, path, None);
            Ok(Step::parse(request, nothing))
        })
    }
}

#[cfg(test)]
mod tests;

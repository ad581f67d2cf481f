//! Bagisto shop API (`bagisto-api`, `/api/shop`), per `bagisto.md`: a
//! storefront key on every request; Sanctum tokens that never expire, are
//! never refreshed and are revoked one at a time; business failures at 201
//! with `success: false`; registration signs in; no reset completion.

pub mod data;
mod errors;
mod wire;

use std::time::Duration;

use super::support::{decode, require_non_empty, segment};
use super::{
    ApiRequest, Backend, BackendKind, Capabilities, Context, EndedSession, IssuedSession,
    LogoutScope, Plan, Registered, Settings, Step, unsupported,
};
use crate::error::Error;
use crate::models::{
    Address, AddressInput, Credentials, Customer, CustomerUpdate, ListOptions, NewCustomer,
    NewPassword, Page, PasswordResetRequest, Salutation,
};
use crate::secret::{AccessToken, Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

use errors::LOGIN;

/// The signed-in customer's profile (an array of one).
const PROFILE: &str = "/customer-profile";
/// The signed-in customer's address book.
const ADDRESSES: &str = "/customer-addresses";

/// The Bagisto backend.
pub(crate) struct Bagisto {
    headers: Vec<(String, String)>,
}

impl Bagisto {
    /// Bagisto with the storefront key of `settings` (required).
    pub(crate) fn new(settings: &Settings) -> Result<Self, Error> {
        let key = settings
            .publishable_key
            .clone()
            .filter(|key| !key.trim().is_empty())
            .ok_or_else(|| Error::Config {
                message: "a storefront key (X-STOREFRONT-KEY) is required".into(),
                api: None,
            })?;
        Ok(Self {
            headers: vec![
                ("X-STOREFRONT-KEY".into(), key),
                ("Accept".into(), "application/json".into()),
            ],
        })
    }
}

/// The `InvalidInput` of a field Bagisto does not store.
fn not_stored(field: &str) -> Error {
    Error::invalid_input(format!("{field} is not a Bagisto field"))
}

/// Bagisto stores neither salutations nor metadata on a customer.
fn check_profile_fields(
    salutation: Option<Salutation>,
    metadata: Option<&str>,
) -> Result<(), Error> {
    if salutation.is_some() {
        return Err(not_stored("salutation"));
    }
    if metadata.is_some() {
        return Err(not_stored("metadata"));
    }
    Ok(())
}

/// Tokens of a login or registration answer, named by the customer id.
fn session(response: &HttpResponse) -> Result<IssuedSession, Error> {
    let (token, id) = decode(response, wire::token)?;
    let mut issued = IssuedSession::new(AccessToken::new(token), None, response);
    issued.subject = Some(id);
    Ok(issued)
}

/// A registration answer: the customer with its Sanctum token.
fn registered(response: &HttpResponse) -> Result<Registered, Error> {
    let mut issued = session(response)?;
    issued.user = Some(decode(response, wire::customer)?);
    Ok(Registered::SignedIn(issued))
}

fn customer(response: &HttpResponse) -> Result<Customer, Error> {
    decode(response, wire::customer)
}

fn profile(response: &HttpResponse) -> Result<Customer, Error> {
    decode(response, wire::profile)
}

fn address(response: &HttpResponse) -> Result<Address, Error> {
    decode(response, wire::address)
}

fn nothing(_: &HttpResponse) -> Result<(), Error> {
    Ok(())
}

/// The profile update of customer `id`.
fn profile_update(id: &str, body: String, idempotent: bool) -> ApiRequest {
    let path = format!("/customer-profile-updates/{}", segment(id));
    let request = ApiRequest::new("customer.update", Method::Put, path)
        .json(body)
        .session();
    match idempotent {
        true => request.idempotent(),
        false => request,
    }
}

/// The path of address `id`.
fn address_path(id: &str) -> String {
    format!("{ADDRESSES}/{}", segment(id))
}

/// An address written in place (`addressId` in the body too, as the
/// operation asks); writing the same fields twice is harmless.
fn address_update(id: &str, input: &AddressInput) -> ApiRequest {
    ApiRequest::new("customer.addresses.update", Method::Put, address_path(id))
        .json(wire::address_body(input, Some(id)))
        .session()
        .idempotent()
}

impl Backend for Bagisto {
    fn kind(&self) -> BackendKind {
        BackendKind::Bagisto
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            supports_refresh: false,
            rotation: false,
            idempotent_refresh: false,
            logout_scope: LogoutScope::AccessToken,
            tokens_expire: false,
            default_ttl: None,
            completes_password_resets: false,
            reset_signs_in: false,
        }
    }

    fn api_prefix(&self) -> &str {
        "/api/shop"
    }

    fn common_headers(&self) -> &[(String, String)] {
        &self.headers
    }

    fn classify(&self, request: &ApiRequest, response: &HttpResponse) -> Result<(), Error> {
        errors::classify(request, response)
    }

    fn body_retry_after(&self, response: &HttpResponse) -> Option<Duration> {
        errors::body_retry_after(response)
    }

    fn register(&self, input: &NewCustomer) -> Result<Plan<Registered>, Error> {
        require_non_empty(&input.email, "email")?;
        require_non_empty(input.password.expose_secret(), "password")?;
        // `accepted_terms` means nothing here: Bagisto records no consent.
        check_profile_fields(input.salutation, input.metadata.as_deref())?;
        let request = ApiRequest::new("customers.create", Method::Post, "/customers")
            .json(wire::register_body(input));
        Ok(Plan::single(request, registered))
    }

    fn login(&self, credentials: &Credentials) -> Result<Plan<IssuedSession>, Error> {
        require_non_empty(&credentials.email, "email")?;
        require_non_empty(credentials.password.expose_secret(), "password")?;
        let body = wire::login_body(&credentials.email, credentials.password.expose_secret());
        let request = ApiRequest::new(LOGIN, Method::Post, "/customer/login")
            .json(body)
            .return_rate_limits();
        Ok(Plan::single(request, session))
    }

    fn refresh(&self, _refresh_token: &RefreshToken) -> Result<Plan<IssuedSession>, Error> {
        Err(unsupported("auth.refresh", self.kind()))
    }

    fn revoke(&self, ended: &EndedSession) -> Option<Plan<()>> {
        // Deletes the presented token only; deleting it twice is harmless.
        let request = ApiRequest::new("auth.logout", Method::Post, "/customer/logout")
            .json("{}".into())
            .bearer(&ended.access)
            .idempotent();
        Some(Plan::new(Step::send(request, |outcome| match outcome {
            Ok(_) => Ok(Step::Done(())),
            // `success: false` (the token is unknown or gone, or deleting
            // it failed) or a rejected token: nothing is left to revoke.
            Err(error)
                if error.status().is_some_and(|status| status < 300)
                    || matches!(error, Error::Unauthenticated { .. }) =>
            {
                Ok(Step::Done(()))
            }
            Err(error) => Err(error),
        })))
    }

    fn request_password_reset(
        &self,
        reset: &PasswordResetRequest,
    ) -> Result<Plan<Option<String>>, Error> {
        require_non_empty(&reset.email, "email")?;
        // `redirect_url` means nothing here: the link always leads to the
        // storefront's own reset page.
        let request = ApiRequest::new("password_resets.create", Method::Post, "/forgot-passwords")
            .json(wire::reset_body(&reset.email))
            .idempotent();
        // An unknown (or throttled) email answers `success: false` with
        // `Email address not found`: it must look like success (§8).
        Ok(Plan::new(Step::send(request, |outcome| match outcome {
            Ok(_) => Ok(Step::Done(None)),
            Err(Error::NotFound(api)) if api.status < 300 => Ok(Step::Done(None)),
            Err(error) => Err(error),
        })))
    }

    fn complete_password_reset(
        &self,
        _reset_token: &Password,
        _password: &NewPassword,
    ) -> Result<Plan<Option<IssuedSession>>, Error> {
        // The reset is completed on the storefront's web page (§2.6).
        Err(unsupported("password_resets.update", self.kind()))
    }

    fn get_customer(&self, _context: &Context) -> Result<Plan<Customer>, Error> {
        let request = ApiRequest::new("customer.get", Method::Get, PROFILE).session();
        Ok(Plan::single(request, profile))
    }

    fn update_customer(
        &self,
        context: &Context,
        update: &CustomerUpdate,
    ) -> Result<Plan<Customer>, Error> {
        check_profile_fields(update.salutation, update.metadata.as_deref())?;
        // Bagisto ignores empty values: a field cannot be cleared.
        let texts = [
            ("first_name", &update.first_name),
            ("last_name", &update.last_name),
            ("email", &update.email),
            ("phone", &update.phone),
            ("date_of_birth", &update.date_of_birth),
        ];
        for (name, value) in texts {
            if value
                .as_deref()
                .is_some_and(|value| value.trim().is_empty())
            {
                return Err(Error::invalid_input(format!(
                    "{name} cannot be cleared on Bagisto"
                )));
            }
        }
        let changes_password = update.password.is_some();
        if changes_password && update.current_password.is_none() {
            return Err(Error::invalid_input(
                "current_password is required to change the password",
            ));
        }
        let body = wire::profile_body(update);
        // A password change sent twice fails the second time (the current
        // password has changed): only other updates are replayed.
        let idempotent = !changes_password;
        if let Some(id) = &context.subject {
            return Ok(Plan::single(profile_update(id, body, idempotent), customer));
        }
        // A call's own token names no customer: read the profile for its id.
        let read = ApiRequest::new("customer.get", Method::Get, PROFILE).session();
        Ok(Plan::new(Step::send(read, move |outcome| {
            let me = profile(&outcome?)?;
            Ok(Step::parse(
                profile_update(&me.id, body, idempotent),
                customer,
            ))
        })))
    }

    fn list_addresses(
        &self,
        _context: &Context,
        _options: &ListOptions,
    ) -> Result<Plan<Page<Address>>, Error> {
        // One plain array: paging options mean nothing here.
        let request = ApiRequest::new("customer.addresses.list", Method::Get, ADDRESSES).session();
        Ok(Plan::single(request, |response| {
            Ok(Page::new(decode(response, wire::addresses)?, None))
        }))
    }

    fn get_address(&self, _context: &Context, id: &str) -> Result<Plan<Address>, Error> {
        require_non_empty(id, "address id")?;
        let request =
            ApiRequest::new("customer.addresses.get", Method::Get, address_path(id)).session();
        Ok(Plan::single(request, address))
    }

    fn create_address(
        &self,
        _context: &Context,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error> {
        if input.salutation.is_some() {
            return Err(not_stored("salutation"));
        }
        let request = ApiRequest::new("customer.addresses.create", Method::Post, ADDRESSES)
            .json(wire::address_body(input, None))
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
        if input.salutation.is_some() {
            return Err(not_stored("salutation"));
        }
        if input.address1.is_some() == input.address2.is_some() {
            return Ok(Plan::single(address_update(id, input), address));
        }
        // Both lines are one stored value: one line alone is written with
        // the other as stored, read first.
        let (id, mut input) = (id.to_owned(), input.clone());
        let read =
            ApiRequest::new("customer.addresses.update", Method::Get, address_path(&id)).session();
        let step = Step::send(read, move |outcome| {
            let stored = address(&outcome?)?;
            input.address1 = input.address1.or(stored.address1);
            input.address2 = input.address2.or(stored.address2);
            Ok(Step::parse(address_update(&id, &input), address))
        });
        Ok(Plan::new(step).exclusive())
    }

    fn delete_address(&self, _context: &Context, id: &str) -> Result<Plan<()>, Error> {
        require_non_empty(id, "address id")?;
        let request = ApiRequest::new(
            "customer.addresses.delete",
            Method::Delete,
            address_path(id),
        )
        .session();
        Ok(Plan::single(request, nothing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Auth;
    use crate::json::Json;
    use crate::models::Gender;
    use crate::platform::MaybeSend;

    /// Seed 004's request, with a real address where the seed's page
    /// mangled the email (DISCREPANCIES, Bagisto 5).
    pub(super) const SEED_004: &str = r#"{"firstName":"John","lastName":"Doe","email":"john@example.com","password":"Password123!","confirmPassword":"Password123!","phone":"1234567890","gender":"Male","dateOfBirth":"1990-01-15","subscribedToNewsLetter":true}"#;

    /// The registration answer of §2.1, with seed 004's fields.
    const REGISTERED: &str = r#"{"id":1529,"firstName":"John","lastName":"Doe","gender":"Male","dateOfBirth":"1990-01-15","email":"john@example.com","phone":"1234567890","status":1,"apiToken":"ApiTokenIsNotACredentialApiTokenIsNotACredentialApiTokenIsNotACredentialApiToken","customerGroupId":2,"channelId":1,"subscribedToNewsLetter":true,"isVerified":0,"isSuspended":0,"token":"3761|0aJpoW6dIBsKLWocWJFo0tp8gmakvQbIJe8LBZLz6847d9ab","rememberToken":null,"deviceToken":null,"name":"John Doe"}"#;

    const PROFILE_OF_1529: &str = r#"[{"id":"1529","firstName":"John","lastName":"Doe","email":"john@example.com","phone":"1234567890","gender":"Male","dateOfBirth":"1990-01-15","status":"1","subscribedToNewsLetter":false,"isVerified":"0","isSuspended":"0","image":null,"password":null,"confirmPassword":null,"success":null,"message":null}]"#;

    const UPDATED_1529: &str = r#"{"id":"1529","_id":"1529","firstName":"Janet","lastName":"Doe","email":"john@example.com","phone":"1234567890","status":"1","subscribedToNewsLetter":false,"isVerified":"false","isSuspended":"false","success":true,"message":"Customer profile updated successfully"}"#;

    const READ_ADDRESS: &str = r#"{"id":5563,"addressType":"customer","firstName":"Jane","lastName":"Doe","companyName":null,"address":"Unter den Linden 1\nHinterhaus","city":"Berlin","state":null,"country":"DE","postcode":"10117","email":null,"phone":"+49 30 1234567","vatId":null,"defaultAddress":false,"useForShipping":false,"createdAt":"2026-07-02T11:16:28+05:30","updatedAt":"2026-07-02T11:16:28+05:30","name":"Jane Doe"}"#;

    /// Seed 004's registration as the SDK's input.
    pub(super) fn seed_004_customer() -> NewCustomer {
        let mut input = NewCustomer::new("john@example.com", "Password123!").name("John", "Doe");
        input.password_confirmation = Some("Password123!".into());
        input.phone = Some("1234567890".into());
        input.gender = Some(Gender::Male);
        input.date_of_birth = Some("1990-01-15".into());
        input.accepts_email_marketing = Some(true);
        input
    }

    fn bagisto() -> Bagisto {
        Bagisto::new(&Settings {
            publishable_key: Some("pk_storefront_test".into()),
            ..Settings::default()
        })
        .unwrap()
    }

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A request as the plan asked for it.
    #[derive(Debug)]
    struct Sent {
        method: Method,
        path: String,
        body: Option<String>,
        auth: Auth,
        idempotent: bool,
    }

    impl Sent {
        /// The body's member names.
        fn members(&self) -> Vec<String> {
            match Json::parse(self.body.as_deref().unwrap_or("{}").as_bytes()) {
                Some(Json::Object(members)) => members.into_iter().map(|(name, _)| name).collect(),
                other => panic!("not an object: {other:?}"),
            }
        }
    }

    /// Drives a plan as the client does: each canned response classified by
    /// the backend, the outcome fed to the step's continuation.
    fn drive<T: MaybeSend + 'static>(
        plan: Plan<T>,
        responses: Vec<HttpResponse>,
    ) -> (Vec<Sent>, Result<T, Error>) {
        let backend = bagisto();
        let mut sent = Vec::new();
        let mut responses = responses.into_iter();
        let mut step = plan.first;
        loop {
            match step {
                Step::Done(value) => {
                    assert!(responses.next().is_none(), "every response was asked for");
                    return (sent, Ok(value));
                }
                Step::Send(request, next) => {
                    let response = responses.next().expect("a response per request");
                    let outcome = backend.classify(&request, &response).map(|()| response);
                    sent.push(Sent {
                        method: request.method,
                        path: request.path,
                        body: request.body.map(|body| String::from_utf8(body).unwrap()),
                        auth: request.auth,
                        idempotent: request.idempotent,
                    });
                    match next(outcome) {
                        Ok(following) => step = following,
                        Err(error) => return (sent, Err(error)),
                    }
                }
            }
        }
    }

    fn known() -> Context {
        Context {
            subject: Some("1529".into()),
            access_token: Some(AccessToken::new("3761|held")),
        }
    }

    #[test]
    fn a_storefront_key_is_required_and_sent_with_json_accepted() {
        for key in [None, Some(""), Some("  ")] {
            let settings = Settings {
                publishable_key: key.map(str::to_owned),
                ..Settings::default()
            };
            assert!(
                matches!(Bagisto::new(&settings), Err(Error::Config { .. })),
                "{key:?}"
            );
        }
        let bagisto = bagisto();
        assert_eq!(
            bagisto.common_headers(),
            [
                (
                    "X-STOREFRONT-KEY".to_owned(),
                    "pk_storefront_test".to_owned()
                ),
                ("Accept".to_owned(), "application/json".to_owned())
            ]
        );
        assert_eq!(bagisto.api_prefix(), "/api/shop");
        let capabilities = bagisto.capabilities();
        assert!(!capabilities.supports_refresh && !capabilities.tokens_expire);
        assert_eq!(capabilities.logout_scope, LogoutScope::AccessToken);
        assert_eq!(capabilities.default_ttl, None);
        assert!(!capabilities.completes_password_resets && !capabilities.reset_signs_in);
        assert!(matches!(
            bagisto.refresh(&RefreshToken::new("r")),
            Err(Error::Unsupported { .. })
        ));
        let completion = bagisto
            .complete_password_reset(&Password::new("t"), &NewPassword::new("New-Pass1"))
            .err()
            .unwrap();
        assert_eq!(completion.code(), "unsupported");
    }

    #[test]
    fn registration_sends_seed_004_and_signs_in_with_the_customer_it_returns() {
        let plan = bagisto().register(&seed_004_customer()).unwrap();
        let (sent, registered) = drive(plan, vec![response(201, REGISTERED)]);
        assert_eq!(sent[0].method, Method::Post);
        assert_eq!(sent[0].path, "/customers");
        assert_eq!(sent[0].auth, Auth::None);
        assert_eq!(sent[0].body.as_deref(), Some(SEED_004));
        let Registered::SignedIn(issued) = registered.unwrap() else {
            panic!("registration signs in");
        };
        assert_eq!(
            issued.access.expose_secret(),
            "3761|0aJpoW6dIBsKLWocWJFo0tp8gmakvQbIJe8LBZLz6847d9ab"
        );
        assert!(issued.refresh.is_none() && issued.expires_in.is_none());
        assert_eq!(issued.subject.as_deref(), Some("1529"));
        let user = issued.user.clone().unwrap();
        assert_eq!(
            (user.id.as_str(), user.full_name.as_str()),
            ("1529", "John Doe")
        );
        assert_eq!(user.gender, Some(Gender::Male));
        assert!(user.accepts_email_marketing);
        let crate::backend::CustomerData::Bagisto(data) = &user.backend_data else {
            panic!("{user:?}");
        };
        assert_eq!(data.customer_group_id, Some(2));
        assert_eq!(data.is_verified, Some(false));
        // The legacy token is no credential and is kept nowhere.
        let kept = format!("{issued:?} {}", serde_json::to_string(&user).unwrap());
        assert!(!kept.contains("ApiTokenIsNotACredential"), "{kept}");
        assert!(
            !kept.contains("0aJpoW6dIB"),
            "the session token stays redacted"
        );

        let duplicate = r#"{"type":"/errors/400","title":"Bad Request","status":400,"detail":"The email has already been taken."}"#;
        let plan = bagisto().register(&seed_004_customer()).unwrap();
        let error = drive(plan, vec![response(400, duplicate)]).1.unwrap_err();
        assert_eq!(error.code(), "validation_error");
        assert_eq!(error.details()[0].field.as_deref(), Some("email"));
        let tokenless = REGISTERED.replace(r#""token":"3761|"#, r#""token":"","x":"#);
        let plan = bagisto().register(&seed_004_customer()).unwrap();
        let error = drive(plan, vec![response(201, &tokenless)]).1.unwrap_err();
        assert!(
            matches!(error, Error::Decode { status: 201, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn status_and_verification_flags_are_never_sent() {
        let mut everything = seed_004_customer();
        everything.accepted_terms = Some(true);
        let mut update = CustomerUpdate {
            first_name: Some("J".into()),
            last_name: Some("D".into()),
            phone: Some("1".into()),
            accepts_email_marketing: Some(false),
            date_of_birth: Some("1990-01-01".into()),
            gender: Some(Gender::Female),
            email: Some("j@d.e".into()),
            password: Some("New-Pass1".into()),
            password_confirmation: Some("New-Pass1".into()),
            current_password: Some("Old-Pass1".into()),
            ..CustomerUpdate::default()
        };
        let register = drive(
            bagisto().register(&everything).unwrap(),
            vec![response(201, REGISTERED)],
        );
        let updated = drive(
            bagisto().update_customer(&known(), &update).unwrap(),
            vec![response(200, UPDATED_1529)],
        );
        update.password = None;
        let unknown = drive(
            bagisto()
                .update_customer(&Context::default(), &update)
                .unwrap(),
            vec![response(200, PROFILE_OF_1529), response(200, UPDATED_1529)],
        );
        let bodies = [&register.0[0], &updated.0[0], &unknown.0[1]];
        for sent in bodies {
            let members = sent.members();
            for flag in [
                "status",
                "isVerified",
                "isSuspended",
                "is_verified",
                "is_suspended",
            ] {
                assert!(!members.iter().any(|m| m == flag), "{flag} in {members:?}");
            }
        }
        assert_eq!(
            updated.0[0].members(),
            [
                "firstName",
                "lastName",
                "email",
                "phone",
                "gender",
                "dateOfBirth",
                "subscribedToNewsLetter",
                "currentPassword",
                "password",
                "confirmPassword"
            ]
        );
    }

    #[test]
    fn login_names_the_session_by_the_customer_id_and_fails_softly() {
        let plan = bagisto()
            .login(&Credentials::new("john@example.com", "Password123!"))
            .unwrap();
        let (sent, issued) = drive(
            plan,
            vec![response(
                201,
                r#"{"id":1191,"_id":1191,"apiToken":"x","token":"3627|DfkAK11F8qdqtaFVJPvBxlJyNbCSMNl8TFWhWm4G5c9660e4","success":true,"message":"You have logged in successfully"}"#,
            )],
        );
        assert_eq!(
            (sent[0].method, sent[0].path.as_str()),
            (Method::Post, "/customer/login")
        );
        assert_eq!(
            sent[0].body.as_deref(),
            Some(r#"{"email":"john@example.com","password":"Password123!"}"#)
        );
        let issued = issued.unwrap();
        assert_eq!(issued.subject.as_deref(), Some("1191"));
        assert!(issued.user.is_none(), "the client reads the profile");
        assert!(issued.access.expose_secret().starts_with("3627|"));

        let request = match bagisto()
            .login(&Credentials::new("a@b.c", "x"))
            .unwrap()
            .first
        {
            Step::Send(request, _) => request,
            Step::Done(_) => unreachable!(),
        };
        assert!(!request.wait_out_rate_limit && !request.idempotent);

        let plan = bagisto()
            .login(&Credentials::new("a@b.c", "wrong-pass"))
            .unwrap();
        let (_, refused) = drive(
            plan,
            vec![response(
                201,
                r#"{"id":0,"_id":0,"apiToken":"","token":"","success":false,"message":"Invalid email or password"}"#,
            )],
        );
        let refused = refused.unwrap_err();
        assert!(
            matches!(refused, Error::InvalidCredentials(_)),
            "{refused:?}"
        );
        assert_eq!(refused.code(), "authentication_failed");
    }

    #[test]
    fn the_profile_is_read_from_an_array_of_one() {
        let plan = bagisto().get_customer(&known()).unwrap();
        let (sent, me) = drive(plan, vec![response(200, PROFILE_OF_1529)]);
        assert_eq!(
            (sent[0].method, sent[0].path.as_str()),
            (Method::Get, "/customer-profile")
        );
        assert_eq!(sent[0].auth, Auth::Session);
        let me = me.unwrap();
        assert_eq!(
            (me.id.as_str(), me.email.as_str()),
            ("1529", "john@example.com")
        );
        let plan = bagisto().get_customer(&known()).unwrap();
        let html = drive(plan, vec![response(200, "<html>storefront</html>")]).1;
        assert!(
            matches!(html, Err(Error::Decode { status: 200, .. })),
            "{html:?}"
        );
    }

    #[test]
    fn an_update_names_the_customer_and_learns_the_id_when_the_token_is_the_calls() {
        let rename = CustomerUpdate {
            first_name: Some("Janet".into()),
            ..CustomerUpdate::default()
        };
        let plan = bagisto().update_customer(&known(), &rename).unwrap();
        let (sent, updated) = drive(plan, vec![response(200, UPDATED_1529)]);
        assert_eq!(sent.len(), 1);
        assert_eq!(
            (sent[0].method, sent[0].path.as_str()),
            (Method::Put, "/customer-profile-updates/1529")
        );
        assert_eq!(sent[0].body.as_deref(), Some(r#"{"firstName":"Janet"}"#));
        assert!(sent[0].idempotent);
        assert_eq!(updated.unwrap().full_name, "Janet Doe");

        // A per-call token: the profile first, for the id.
        let plan = bagisto()
            .update_customer(&Context::default(), &rename)
            .unwrap();
        let (sent, updated) = drive(
            plan,
            vec![response(200, PROFILE_OF_1529), response(200, UPDATED_1529)],
        );
        let steps: Vec<_> = sent
            .iter()
            .map(|s| (s.method, s.path.as_str(), &s.auth))
            .collect();
        assert_eq!(
            steps,
            [
                (Method::Get, "/customer-profile", &Auth::Session),
                (
                    Method::Put,
                    "/customer-profile-updates/1529",
                    &Auth::Session
                )
            ]
        );
        assert_eq!(updated.unwrap().first_name.as_deref(), Some("Janet"));

        // A rejected token ends the plan at the read.
        let plan = bagisto()
            .update_customer(&Context::default(), &rename)
            .unwrap();
        let (sent, refused) = drive(
            plan,
            vec![response(
                401,
                r#"{"type":"/errors/401","title":"Unauthorized","status":401,"detail":"Invalid or expired token"}"#,
            )],
        );
        assert_eq!(sent.len(), 1);
        assert!(
            matches!(refused, Err(Error::Unauthenticated { .. })),
            "{refused:?}"
        );
    }

    #[test]
    fn password_changes_and_fields_bagisto_cannot_take_are_checked_first() {
        let change = CustomerUpdate {
            password: Some("New-Pass1".into()),
            current_password: Some("Old-Pass1".into()),
            ..CustomerUpdate::default()
        };
        let plan = bagisto().update_customer(&known(), &change).unwrap();
        let (sent, _) = drive(plan, vec![response(200, UPDATED_1529)]);
        assert_eq!(
            sent[0].body.as_deref(),
            Some(
                r#"{"currentPassword":"Old-Pass1","password":"New-Pass1","confirmPassword":"New-Pass1"}"#
            )
        );
        assert!(!sent[0].idempotent, "a password change is not replayed");
        let plan = bagisto().update_customer(&known(), &change).unwrap();
        let wrong = r#"{"type":"/errors/400","title":"Bad Request","status":400,"detail":"The current password you entered is incorrect"}"#;
        let error = drive(plan, vec![response(400, wrong)]).1.unwrap_err();
        assert_eq!(error.code(), "current_password_invalid");

        let refused = [
            CustomerUpdate {
                password: Some("New-Pass1".into()),
                ..CustomerUpdate::default()
            },
            CustomerUpdate {
                salutation: Some(Salutation::Dr),
                ..CustomerUpdate::default()
            },
            CustomerUpdate {
                metadata: Some("{}".into()),
                ..CustomerUpdate::default()
            },
            CustomerUpdate {
                phone: Some(" ".into()),
                ..CustomerUpdate::default()
            },
        ];
        for update in refused {
            let error = bagisto().update_customer(&known(), &update).err().unwrap();
            assert!(matches!(error, Error::InvalidInput { .. }), "{update:?}");
        }
        let mut titled = seed_004_customer();
        titled.salutation = Some(Salutation::Mr);
        assert!(matches!(
            bagisto().register(&titled).err().unwrap(),
            Error::InvalidInput { .. }
        ));
        let address = AddressInput {
            salutation: Some(Salutation::Ms),
            ..AddressInput::default()
        };
        assert!(bagisto().create_address(&known(), &address).is_err());
        assert!(bagisto().update_address(&known(), "1", &address).is_err());
    }

    /// The suite's German address: the unified fields only.
    fn berlin() -> AddressInput {
        AddressInput {
            first_name: Some("Jane".into()),
            last_name: Some("Doe".into()),
            address1: Some("Unter den Linden 1".into()),
            address2: Some("Hinterhaus".into()),
            city: Some("Berlin".into()),
            postal_code: Some("10117".into()),
            country_iso: Some("DE".into()),
            phone: Some("+49 30 1234567".into()),
            ..AddressInput::default()
        }
    }

    #[test]
    fn the_address_book_reads_both_shapes_and_writes_the_unified_fields() {
        let plan = bagisto()
            .list_addresses(&known(), &ListOptions::page(2, 5))
            .unwrap();
        let (sent, page) = drive(plan, vec![response(200, &format!("[{READ_ADDRESS}]"))]);
        assert_eq!(sent[0].path, "/customer-addresses", "no paging parameters");
        let page = page.unwrap();
        assert_eq!(page.meta, None);
        assert_eq!(page.data[0].address2.as_deref(), Some("Hinterhaus"));

        let plan = bagisto().get_address(&known(), "5563").unwrap();
        let (sent, got) = drive(plan, vec![response(200, READ_ADDRESS)]);
        assert_eq!(sent[0].path, "/customer-addresses/5563");
        assert_eq!(got.unwrap(), page.data[0]);

        let plan = bagisto().create_address(&known(), &berlin()).unwrap();
        let created = r#"{"id":5563,"addressId":5563,"firstName":"Jane","lastName":"Doe","companyName":null,"vatId":null,"email":null,"phone":"+49 30 1234567","address1":"Unter den Linden 1","address2":"Hinterhaus","country":"DE","state":null,"city":"Berlin","postcode":"10117","defaultAddress":false}"#;
        let (sent, made) = drive(plan, vec![response(201, created)]);
        assert_eq!(
            (sent[0].method, sent[0].path.as_str()),
            (Method::Post, "/customer-addresses")
        );
        assert_eq!(
            sent[0].body.as_deref(),
            Some(
                r#"{"firstName":"Jane","lastName":"Doe","phone":"+49 30 1234567","address1":"Unter den Linden 1","address2":"Hinterhaus","city":"Berlin","postcode":"10117","country":"DE"}"#
            ),
            "no default unless asked, no invented email"
        );
        let made = made.unwrap();
        assert!(!made.is_default_billing && !made.is_default_shipping);
        assert_eq!(made.address1, page.data[0].address1);

        let plan = bagisto().delete_address(&known(), "5563").unwrap();
        let (sent, deleted) = drive(plan, vec![response(204, "")]);
        assert_eq!(
            (sent[0].method, sent[0].path.as_str()),
            (Method::Delete, "/customer-addresses/5563")
        );
        deleted.unwrap();

        let foreign = r#"{"type":"/errors/403","title":"Forbidden","status":403,"detail":"Address not found or does not belong to this customer"}"#;
        let plan = bagisto().delete_address(&known(), "1").unwrap();
        let missing = drive(plan, vec![response(403, foreign)]).1.unwrap_err();
        assert!(matches!(missing, Error::NotFound(_)), "{missing:?}");
        assert_eq!(missing.code(), "record_not_found");
    }

    #[test]
    fn address_updates_send_the_id_and_keep_the_other_line() {
        let moved = AddressInput {
            city: Some("Potsdam".into()),
            is_default_billing: Some(true),
            is_default_shipping: Some(true),
            ..AddressInput::default()
        };
        let plan = bagisto().update_address(&known(), "5563", &moved).unwrap();
        let updated = r#"{"id":5563,"addressId":5563,"address1":"Unter den Linden 1","address2":"Hinterhaus","city":"Potsdam","defaultAddress":true}"#;
        let (sent, result) = drive(plan, vec![response(200, updated)]);
        assert_eq!(
            (sent[0].method, sent[0].path.as_str()),
            (Method::Put, "/customer-addresses/5563")
        );
        assert_eq!(
            sent[0].body.as_deref(),
            Some(r#"{"addressId":5563,"city":"Potsdam","defaultAddress":true}"#)
        );
        let result = result.unwrap();
        assert!(result.is_default_billing && result.is_default_shipping);

        // One line alone: the stored other line goes with it.
        let street = AddressInput {
            address1: Some("Pariser Platz 2".into()),
            ..AddressInput::default()
        };
        let plan = bagisto().update_address(&known(), "5563", &street).unwrap();
        assert!(plan.exclusive);
        let (sent, _) = drive(
            plan,
            vec![response(200, READ_ADDRESS), response(200, updated)],
        );
        let steps: Vec<_> = sent.iter().map(|s| (s.method, s.path.as_str())).collect();
        assert_eq!(
            steps,
            [
                (Method::Get, "/customer-addresses/5563"),
                (Method::Put, "/customer-addresses/5563")
            ]
        );
        assert_eq!(
            sent[1].body.as_deref(),
            Some(r#"{"addressId":5563,"address1":"Pariser Platz 2","address2":"Hinterhaus"}"#)
        );
    }

    #[test]
    fn reset_requests_answer_alike_for_known_and_unknown_emails() {
        let request = PasswordResetRequest::new("john@example.com");
        let answer = |body: &str| {
            let plan = bagisto().request_password_reset(&request).unwrap();
            drive(plan, vec![response(201, body)])
        };
        let (sent, known) =
            answer(r#"{"success":true,"message":"Reset link sent successfully to your email"}"#);
        assert_eq!(
            (sent[0].method, sent[0].path.as_str()),
            (Method::Post, "/forgot-passwords")
        );
        assert_eq!(
            sent[0].body.as_deref(),
            Some(r#"{"email":"john@example.com"}"#)
        );
        assert_eq!(sent[0].auth, Auth::None);
        let (_, unknown) = answer(r#"{"success":false,"message":"Email address not found"}"#);
        assert_eq!(known.unwrap(), unknown.unwrap());

        let (_, required) = answer(r#"{"success":false,"message":"Email is required"}"#);
        let required = required.unwrap_err();
        assert!(matches!(required, Error::Validation(_)), "{required:?}");
        let (_, unsent) =
            answer(r#"{"success":false,"message":"An error occurred while sending reset link"}"#);
        let unsent = unsent.unwrap_err();
        assert!(matches!(unsent, Error::Server { .. }), "{unsent:?}");
        // A 404 of the route itself is no answer about the email.
        let plan = bagisto().request_password_reset(&request).unwrap();
        let route = drive(
            plan,
            vec![response(
                404,
                r#"{"title":"Not Found","detail":"No route"}"#,
            )],
        )
        .1;
        assert!(matches!(route, Err(Error::NotFound(_))), "{route:?}");
    }

    #[test]
    fn logout_revokes_the_presented_token_whatever_the_soft_answer() {
        let ended = EndedSession {
            access: AccessToken::new("3627|ended"),
            refresh: None,
            access_expired: false,
        };
        for body in [
            r#"{"success":true,"message":"Logged out successfully"}"#,
            r#"{"success":false,"message":"Token not found or already expired"}"#,
            r#"{"success":false,"message":"Unauthenticated. Please login to perform this action"}"#,
            r#"{"success":false,"message":"Error during logout"}"#,
        ] {
            let plan = bagisto().revoke(&ended).unwrap();
            let (sent, done) = drive(plan, vec![response(201, body)]);
            assert_eq!(
                (sent[0].method, sent[0].path.as_str()),
                (Method::Post, "/customer/logout")
            );
            assert_eq!(sent[0].auth, Auth::Bearer(AccessToken::new("3627|ended")));
            assert_eq!(sent[0].body.as_deref(), Some("{}"));
            assert!(sent[0].idempotent);
            done.unwrap();
        }
        let plan = bagisto().revoke(&ended).unwrap();
        let rejected = r#"{"type":"/errors/401","title":"Unauthorized","status":401,"detail":"Invalid or expired token"}"#;
        drive(plan, vec![response(401, rejected)]).1.unwrap();
        let plan = bagisto().revoke(&ended).unwrap();
        let key = r#"{"message":"Invalid or inactive shop API key","error":"invalid_key"}"#;
        let error = drive(plan, vec![response(403, key)]).1.unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }
}

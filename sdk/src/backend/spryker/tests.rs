//! The Spryker backend's plans and documents, driven with canned responses
//! taken from the spec and seed 003.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::*;
use crate::backend::{AddressData, Auth, CustomerData};
use crate::json::Json;
use crate::models::Salutation;

/// Seed 003: the login response of the Spryker docs (customer `DE--21`).
const SEED_003: &str = include_str!("fixtures/seed_003_access_tokens.json");

/// A customer document with its addresses included (§2.1, §2.7, §2.11).
const CUSTOMER: &str = r#"{"data":{"type":"customers","id":"DE--25","attributes":{"salutation":"Mrs","firstName":"Sonia","lastName":"Wagner","gender":"Female","dateOfBirth":null,"email":"sonia@acme.com","phone":"+49 30 1","createdAt":"2024-01-15 10:00:00","updatedAt":"2024-01-15 10:00:00","confirmPassword":null,"acceptedTerms":true,"addresses":[]},"links":{"self":"https://glue.mysprykershop.com/customers/DE--25"},"relationships":{"addresses":{"data":[{"type":"addresses","id":"3a6ee102-007f-5245-aaec-af5b6e05685b"}]}}},"included":[{"type":"addresses","id":"3a6ee102-007f-5245-aaec-af5b6e05685b","attributes":{"salutation":"Mr","firstName":"Spencor","lastName":"Hopkin","address1":"Julie-Wolfthorn-Straße","address2":"1","address3":null,"zipCode":"10115","city":"Berlin","country":"Germany","iso2Code":"DE","company":null,"phone":null,"isDefaultShipping":true,"isDefaultBilling":true},"links":{"self":"https://glue.mysprykershop.com/customers/DE--25/addresses/3a6ee102-007f-5245-aaec-af5b6e05685b"}},{"type":"wishlists","id":"w1","attributes":{"name":"My list"}}]}"#;

/// An address document as `POST`/`PATCH` answer it.
const ADDRESS: &str = r#"{"data":{"type":"addresses","id":"a-1","attributes":{"salutation":"Ms","firstName":"Jane","lastName":"Doe","address1":"Unter den Linden","address2":"1","address3":"Hinterhaus","zipCode":"10117","city":"Berlin","country":"Germany","iso2Code":"DE","company":null,"phone":"+49 30 2","isDefaultShipping":false,"isDefaultBilling":false,"comment":"ring twice","region":null},"links":{"self":"https://glue/customers/DE--25/addresses/a-1"}}}"#;

fn spryker() -> Spryker {
    Spryker::new()
}

fn response(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("content-type".into(), JSON_API.into())],
        body: body.as_bytes().to_vec(),
    }
}

fn ok(status: u16, body: &str) -> Result<HttpResponse, Error> {
    Ok(response(status, body))
}

/// A JWT whose `sub` names `reference` as Spryker writes it (a JSON string).
fn jwt(reference: &str) -> String {
    let subject = format!(
        r#"{{"id_company_user":null,"id_agent":null,"customer_reference":"{reference}","id_customer":25,"permissions":[]}}"#
    );
    let payload = crate::json::JsonObject::new()
        .field("aud", &"frontend")
        .field("exp", &1_700_000_000i64)
        .field("sub", &subject)
        .finish();
    format!(
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.{}.sig",
        URL_SAFE_NO_PAD.encode(payload)
    )
}

/// A token document with a new pair for `reference`.
fn tokens(reference: &str, refresh: &str) -> String {
    format!(
        r#"{{"data":{{"type":"refresh-tokens","id":null,"attributes":{{"tokenType":"Bearer","expiresIn":28800,"accessToken":"{}","refreshToken":"{refresh}","idCompanyUser":null}},"links":{{"self":"https://glue/refresh-tokens"}}}}}}"#,
        jwt(reference)
    )
}

/// Drives a plan with canned outcomes, returning the requests it sent.
fn drive<T: MaybeSend + 'static>(
    plan: Plan<T>,
    outcomes: Vec<Result<HttpResponse, Error>>,
) -> (Vec<ApiRequest>, Result<T, Error>) {
    let mut outcomes = outcomes.into_iter();
    let mut sent = Vec::new();
    let mut step = plan.first;
    loop {
        match step {
            Step::Done(value) => {
                assert!(outcomes.next().is_none(), "every outcome is used");
                return (sent, Ok(value));
            }
            Step::Send(request, next) => {
                sent.push(request.clone());
                match next(outcomes.next().expect("an outcome per request")) {
                    Ok(following) => step = following,
                    Err(error) => return (sent, Err(error)),
                }
            }
        }
    }
}

/// `METHOD path` of each request.
fn lines(sent: &[ApiRequest]) -> Vec<String> {
    sent.iter()
        .map(|request| format!("{} {}", request.method.as_str(), request.path))
        .collect()
}

/// The `data.attributes` of a request's document.
fn attributes(request: &ApiRequest) -> Json {
    assert_eq!(request.content_type, JSON_API);
    let document = Json::parse(request.body.as_deref().expect("a body")).unwrap();
    document
        .member("data")
        .and_then(|data| data.member("attributes"))
        .cloned()
        .expect("a JSON:API document")
}

fn text(json: &Json, name: &str) -> Option<String> {
    match json.member(name)? {
        Json::String(value) => Some(value.clone()),
        other => panic!("{name} is {other:?}"),
    }
}

fn signed_in(reference: &str) -> Context {
    Context {
        subject: Some(reference.into()),
        access_token: Some(AccessToken::new(jwt(reference))),
    }
}

#[test]
fn seed_003_login_response_decodes_with_its_customer_reference() {
    let issued = session(&response(201, SEED_003)).unwrap();
    assert!(
        issued
            .access
            .expose_secret()
            .starts_with("eyJ0eXAiOiJKV1Qi")
    );
    let refresh = issued.refresh.as_ref().unwrap().expose_secret();
    assert!(refresh.starts_with("def50200") && refresh.len() > 2000);
    assert_eq!(issued.expires_in, Some(Duration::from_secs(28_800)));
    assert_eq!(issued.subject.as_deref(), Some("DE--21"));
    assert!(issued.user.is_none(), "the client reads the profile");

    let credentials = Credentials::new("sonia@spryker.com", "change123");
    let plan = spryker().login(&credentials).unwrap();
    let (sent, result) = drive(plan, vec![ok(201, SEED_003)]);
    assert_eq!(lines(&sent), ["POST /access-tokens"]);
    assert!(
        !sent[0].wait_out_rate_limit,
        "a login 429 goes to the caller"
    );
    assert_eq!(sent[0].auth, Auth::None);
    let body = attributes(&sent[0]);
    assert_eq!(
        text(&body, "username").as_deref(),
        Some("sonia@spryker.com")
    );
    assert_eq!(text(&body, "password").as_deref(), Some("change123"));
    assert_eq!(result.unwrap().subject.as_deref(), Some("DE--21"));
}

#[test]
fn token_documents_take_expires_in_as_a_number_or_a_string() {
    let string = tokens("DE--3", "def502x").replace("28800", "\"3600\"");
    let issued = session(&response(201, &string)).unwrap();
    assert_eq!(issued.expires_in, Some(Duration::from_secs(3600)));
    assert_eq!(issued.subject.as_deref(), Some("DE--3"));
    let opaque = r#"{"data":{"type":"access-tokens","id":null,"attributes":{"accessToken":"opaque","refreshToken":"r"}}}"#;
    let issued = session(&response(201, opaque)).unwrap();
    assert_eq!((issued.expires_in, issued.subject), (None, None));
    for broken in [
        r#"{"data":{"attributes":{"accessToken":"a"}}}"#,
        r#"{"data":{"attributes":{"accessToken":"a","refreshToken":"r","expiresIn":"soon"}}}"#,
        r#"{"data":{"attributes":{"accessToken":"a","refreshToken":"r","expiresIn":true}}}"#,
        "<html></html>",
    ] {
        assert!(
            matches!(session(&response(201, broken)), Err(Error::Decode { .. })),
            "{broken}"
        );
    }
}

#[test]
fn refresh_sends_the_refresh_token_and_reads_the_new_pair() {
    let plan = spryker().refresh(&RefreshToken::new("def502old")).unwrap();
    let (sent, result) = drive(plan, vec![ok(201, &tokens("DE--25", "def502new"))]);
    assert_eq!(lines(&sent), ["POST /refresh-tokens"]);
    assert_eq!(sent[0].auth, Auth::None);
    assert_eq!(
        text(&attributes(&sent[0]), "refreshToken").as_deref(),
        Some("def502old")
    );
    let issued = result.unwrap();
    assert_eq!(issued.refresh.unwrap().expose_secret(), "def502new");
    assert_eq!(issued.subject.as_deref(), Some("DE--25"));
}

#[test]
fn logout_with_an_expired_access_token_refreshes_then_revokes_the_new_pair() {
    let ended = EndedSession {
        access: AccessToken::new("expired-access"),
        refresh: Some(RefreshToken::new("def502old")),
        access_expired: true,
    };
    let plan = spryker().revoke(&ended).unwrap();
    let fresh = tokens("DE--25", "def502new");
    let (sent, result) = drive(plan, vec![ok(201, &fresh), ok(204, "")]);
    result.unwrap();
    assert_eq!(
        lines(&sent),
        ["POST /refresh-tokens", "DELETE /refresh-tokens/def502new"]
    );
    assert_eq!(
        text(&attributes(&sent[0]), "refreshToken").as_deref(),
        Some("def502old")
    );
    let new_access = session(&response(201, &fresh)).unwrap().access;
    assert_eq!(sent[1].auth, Auth::Bearer(new_access));
    assert_ne!(sent[1].auth, Auth::Bearer(ended.access.clone()));

    // A failed refresh ends the plan: the session is already gone locally.
    let plan = spryker().revoke(&ended).unwrap();
    let rejected =
        r#"{"errors":[{"code":"004","status":401,"detail":"Failed to refresh token."}]}"#;
    let error = errors::error(&sent[0], &response(401, rejected));
    let (sent, result) = drive(plan, vec![Err(error)]);
    assert_eq!(sent.len(), 1);
    assert!(matches!(result, Err(Error::SessionExpired { .. })));
}

#[test]
fn logout_with_a_live_access_token_revokes_its_refresh_token_only() {
    let mut ended = EndedSession {
        access: AccessToken::new("access"),
        refresh: Some(RefreshToken::new("def502/+=")),
        access_expired: false,
    };
    let (sent, result) = drive(spryker().revoke(&ended).unwrap(), vec![ok(204, "")]);
    result.unwrap();
    assert_eq!(lines(&sent), ["DELETE /refresh-tokens/def502%2F%2B%3D"]);
    assert_eq!(sent[0].auth, Auth::Bearer(AccessToken::new("access")));
    assert!(sent[0].idempotent);
    ended.refresh = None;
    assert!(spryker().revoke(&ended).is_none(), "nothing to revoke");
}

fn registration() -> NewCustomer {
    let mut input = NewCustomer::new("sonia@acme.com", "Change!12345").name("Sonia", "Wagner");
    input.salutation = Some(Salutation::Mrs);
    input.gender = Some(Gender::Female);
    input
}

#[test]
fn registration_sends_accepted_terms_only_when_set() {
    let created = r#"{"data":{"type":"customers","id":"DE--25","attributes":{"salutation":"Mrs","firstName":"Sonia","lastName":"Wagner","gender":"Female","dateOfBirth":null,"email":"sonia@acme.com","createdAt":"x","updatedAt":"x"},"links":{"self":"https://glue/customers/DE--25"}}}"#;
    let (sent, result) = drive(
        spryker().register(&registration()).unwrap(),
        vec![ok(201, created)],
    );
    assert_eq!(lines(&sent), ["POST /customers"]);
    let body = attributes(&sent[0]);
    assert_eq!(body.member("acceptedTerms"), None, "never sent unless set");
    assert_eq!(
        text(&body, "confirmPassword").as_deref(),
        Some("Change!12345")
    );
    assert_eq!(text(&body, "gender").as_deref(), Some("Female"));
    assert_eq!(text(&body, "salutation").as_deref(), Some("Mrs"));
    assert_eq!(text(&body, "firstName").as_deref(), Some("Sonia"));
    assert_eq!(body.member("phone"), None);
    match result.unwrap() {
        Registered::Created(customer) => {
            assert_eq!(customer.id, "DE--25");
            assert_eq!(customer.gender, Some(Gender::Female));
        }
        other => panic!("{other:?}"),
    }

    for accepted in [true, false] {
        let mut input = registration();
        input.accepted_terms = Some(accepted);
        input.password_confirmation = Some("Other!12345x".into());
        input.phone = Some("+49 1".into());
        let (sent, _) = drive(spryker().register(&input).unwrap(), vec![ok(201, created)]);
        let body = attributes(&sent[0]);
        assert_eq!(body.member("acceptedTerms"), Some(&Json::Bool(accepted)));
        assert_eq!(
            text(&body, "confirmPassword").as_deref(),
            Some("Other!12345x")
        );
        assert_eq!(text(&body, "phone").as_deref(), Some("+49 1"));
    }
}

#[test]
fn a_registration_refused_for_its_terms_names_accepted_terms() {
    let request = ApiRequest::new("customers.create", Method::Post, "/customers");
    for body in [
        r#"{"errors":[{"code":"901","status":422,"detail":"acceptedTerms => This value should be true."}]}"#,
        r#"{"errors":[{"code":"901","status":422,"detail":"[acceptedTerms] => This field is missing."}]}"#,
        r#"{"errors":[{"code":"413","status":400,"detail":"Terms and Conditions was not accepted."}]}"#,
    ] {
        let status = if body.contains("413") { 400 } else { 422 };
        let error = errors::error(&request, &response(status, body));
        assert!(matches!(error, Error::Validation(_)), "{body}");
        assert_eq!(error.code(), "validation_error");
        assert_eq!(error.details()[0].attribute, "acceptedTerms");
        assert_eq!(error.details()[0].field.as_deref(), Some("accepted_terms"));
    }
}

#[test]
fn fields_spryker_cannot_store_are_refused_before_sending() {
    let mut other = registration();
    other.gender = Some(Gender::Other);
    let mut consent = registration();
    consent.accepts_email_marketing = Some(true);
    let mut metadata = registration();
    metadata.metadata = Some("{}".into());
    for input in [other, consent, metadata] {
        assert!(matches!(
            spryker().register(&input),
            Err(Error::InvalidInput { .. })
        ));
    }
    let mut no_consent = registration();
    no_consent.accepts_email_marketing = Some(false);
    assert!(
        spryker().register(&no_consent).is_ok(),
        "false is what Spryker reads"
    );

    let context = signed_in("DE--25");
    let change = CustomerUpdate {
        password: Some("New!Passw0rd12".into()),
        ..CustomerUpdate::default()
    };
    assert!(matches!(
        spryker().update_customer(&context, &change),
        Err(Error::InvalidInput { .. })
    ));
    let gender = CustomerUpdate {
        gender: Some(Gender::Other),
        ..CustomerUpdate::default()
    };
    assert!(spryker().update_customer(&context, &gender).is_err());

    let mut state = berlin();
    state.state_abbr = Some("BE".into());
    let mut no_number = berlin();
    no_number.address1 = Some("Unter den Linden".into());
    for input in [state, no_number] {
        assert!(matches!(
            spryker().create_address(&context, &input),
            Err(Error::InvalidInput { .. })
        ));
    }
}

#[test]
fn the_profile_is_read_with_its_addresses_included() {
    let (sent, result) = drive(
        spryker().get_customer(&signed_in("DE--25")).unwrap(),
        vec![ok(200, CUSTOMER)],
    );
    assert_eq!(lines(&sent), ["GET /customers/DE--25?include=addresses"]);
    assert_eq!(sent[0].auth, Auth::Session);
    let customer = result.unwrap();
    assert_eq!(customer.id, "DE--25");
    assert_eq!(customer.full_name, "Sonia Wagner");
    assert_eq!(customer.salutation, Some(Salutation::Mrs));
    assert_eq!(customer.phone.as_deref(), Some("+49 30 1"));
    assert!(!customer.accepts_email_marketing);
    assert_eq!(customer.addresses.len(), 1, "the wishlist is skipped");
    let address = &customer.addresses[0];
    assert_eq!(address.id, "3a6ee102-007f-5245-aaec-af5b6e05685b");
    assert_eq!(
        address.address1.as_deref(),
        Some("Julie-Wolfthorn-Straße 1")
    );
    assert_eq!(address.address2, None);
    assert_eq!(address.full_name, "Spencor Hopkin");
    assert_eq!(address.country_name.as_deref(), Some("Germany"));
    assert_eq!(address.salutation, Some(Salutation::Mr));
    assert_eq!(
        customer
            .default_billing_address
            .as_ref()
            .map(|a| a.id.as_str()),
        Some(address.id.as_str())
    );
    assert!(customer.default_shipping_address.is_some());
    match &customer.backend_data {
        CustomerData::Spryker(data) => {
            assert_eq!(data.created_at.as_deref(), Some("2024-01-15 10:00:00"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn without_a_subject_the_reference_comes_from_the_token_else_from_the_collection() {
    let token_only = Context {
        subject: None,
        access_token: Some(AccessToken::new(jwt("DE--7"))),
    };
    let (sent, _) = drive(
        spryker().get_customer(&token_only).unwrap(),
        vec![ok(200, CUSTOMER)],
    );
    assert_eq!(lines(&sent), ["GET /customers/DE--7?include=addresses"]);

    let opaque = Context {
        subject: None,
        access_token: Some(AccessToken::new("opaque")),
    };
    let collection = r#"{"data":[{"type":"customers","id":"DE--9","attributes":{"email":"a@b.c"},"links":{"self":"x"}}],"links":{"self":"x"}}"#;
    let (sent, result) = drive(
        spryker().get_customer(&opaque).unwrap(),
        vec![ok(200, collection), ok(200, CUSTOMER)],
    );
    assert_eq!(
        lines(&sent),
        ["GET /customers", "GET /customers/DE--9?include=addresses"]
    );
    assert!(sent.iter().all(|request| request.auth == Auth::Session));
    result.unwrap();

    let (sent, result) = drive(
        spryker().delete_address(&opaque, "a-1").unwrap(),
        vec![ok(200, r#"{"data":[]}"#)],
    );
    assert_eq!(lines(&sent), ["GET /customers"]);
    assert!(matches!(result, Err(Error::Decode { .. })));

    // Every operation that writes goes through the same lookup, and its
    // documents name the reference it found.
    let update = CustomerUpdate {
        first_name: Some("Janet".into()),
        current_password: Some(Password::new("Change!12345")),
        password: Some(Password::new("New!Passw0rd12")),
        ..CustomerUpdate::default()
    };
    let (sent, result) = drive(
        spryker().update_customer(&opaque, &update).unwrap(),
        vec![
            ok(200, collection),
            ok(204, ""),
            ok(200, CUSTOMER),
            ok(200, CUSTOMER),
        ],
    );
    assert_eq!(
        lines(&sent),
        [
            "GET /customers",
            "PATCH /customer-password/DE--9",
            "PATCH /customers/DE--9",
            "GET /customers/DE--9?include=addresses"
        ]
    );
    for (request, kind) in [(&sent[1], "customer-password"), (&sent[2], "customers")] {
        let document = Json::parse(request.body.as_deref().unwrap()).unwrap();
        let data = document.member("data").unwrap();
        assert_eq!(text(data, "id").as_deref(), Some("DE--9"), "{kind}");
        assert_eq!(text(data, "type").as_deref(), Some(kind));
    }
    assert_eq!(
        text(&attributes(&sent[1]), "password").as_deref(),
        Some("Change!12345")
    );
    result.unwrap();

    let (sent, result) = drive(
        spryker().create_address(&opaque, &berlin()).unwrap(),
        vec![ok(200, collection), ok(200, CUSTOMER), ok(201, ADDRESS)],
    );
    assert_eq!(
        lines(&sent),
        [
            "GET /customers",
            "GET /customers/DE--9",
            "POST /customers/DE--9/addresses"
        ]
    );
    assert_eq!(
        text(&attributes(&sent[2]), "salutation").as_deref(),
        Some("Mrs")
    );
    result.unwrap();

    let mut input = berlin();
    input.salutation = Some(Salutation::Ms);
    let (sent, result) = drive(
        spryker().update_address(&opaque, "a-1", &input).unwrap(),
        vec![ok(200, collection), ok(200, ADDRESS)],
    );
    assert_eq!(
        lines(&sent),
        ["GET /customers", "PATCH /customers/DE--9/addresses/a-1"]
    );
    let body = attributes(&sent[1]);
    assert_eq!(text(&body, "salutation").as_deref(), Some("Ms"));
    assert_eq!(text(&body, "address2").as_deref(), Some("1"));
    let document = Json::parse(sent[1].body.as_deref().unwrap()).unwrap();
    assert_eq!(
        text(document.member("data").unwrap(), "id").as_deref(),
        Some("a-1")
    );
    result.unwrap();
}

#[test]
fn an_update_changes_the_password_first_then_the_profile_then_reads_it() {
    let update = CustomerUpdate {
        first_name: Some("Janet".into()),
        email: Some("janet@acme.com".into()),
        gender: Some(Gender::Male),
        password: Some("New!Passw0rd12".into()),
        current_password: Some("Change!12345".into()),
        ..CustomerUpdate::default()
    };
    let plan = spryker()
        .update_customer(&signed_in("DE--25"), &update)
        .unwrap();
    let (sent, result) = drive(
        plan,
        vec![ok(204, ""), ok(200, CUSTOMER), ok(200, CUSTOMER)],
    );
    assert_eq!(
        lines(&sent),
        [
            "PATCH /customer-password/DE--25",
            "PATCH /customers/DE--25",
            "GET /customers/DE--25?include=addresses"
        ]
    );
    let password = attributes(&sent[0]);
    assert_eq!(text(&password, "password").as_deref(), Some("Change!12345"));
    assert_eq!(
        text(&password, "newPassword").as_deref(),
        Some("New!Passw0rd12")
    );
    assert_eq!(
        text(&password, "confirmPassword").as_deref(),
        Some("New!Passw0rd12")
    );
    assert_eq!(sent[0].operation, errors::PASSWORD_CHANGE);
    let profile = attributes(&sent[1]);
    assert_eq!(text(&profile, "firstName").as_deref(), Some("Janet"));
    assert_eq!(text(&profile, "email").as_deref(), Some("janet@acme.com"));
    assert_eq!(text(&profile, "gender").as_deref(), Some("Male"));
    assert_eq!(profile.member("password"), None);
    let document = Json::parse(sent[1].body.as_deref().unwrap()).unwrap();
    let data = document.member("data").unwrap();
    assert_eq!(text(data, "id").as_deref(), Some("DE--25"));
    assert_eq!(text(data, "type").as_deref(), Some("customers"));
    assert_eq!(result.unwrap().addresses.len(), 1);

    // A wrong current password stops the plan before the profile changes.
    let plan = spryker()
        .update_customer(&signed_in("DE--25"), &update)
        .unwrap();
    let wrong = r#"{"errors":[{"code":"408","status":400,"detail":"Invalid password"}]}"#;
    let error = errors::error(&sent[0], &response(400, wrong));
    assert_eq!(error.code(), "current_password_invalid");
    let (sent, result) = drive(plan, vec![Err(error)]);
    assert_eq!(sent.len(), 1);
    assert!(result.is_err());

    // Nothing to change: the profile is just read.
    let plan = spryker()
        .update_customer(&signed_in("DE--25"), &CustomerUpdate::default())
        .unwrap();
    let (sent, _) = drive(plan, vec![ok(200, CUSTOMER)]);
    assert_eq!(lines(&sent), ["GET /customers/DE--25?include=addresses"]);
}

#[test]
fn password_resets_put_the_key_in_the_path_the_id_and_the_attributes() {
    let plan = spryker()
        .request_password_reset(&PasswordResetRequest::new("sonia@acme.com"))
        .unwrap();
    let (sent, result) = drive(plan, vec![ok(204, "")]);
    assert_eq!(lines(&sent), ["POST /customer-forgotten-password"]);
    assert_eq!(
        text(&attributes(&sent[0]), "email").as_deref(),
        Some("sonia@acme.com")
    );
    assert_eq!(result.unwrap(), None);

    let plan = spryker()
        .complete_password_reset(&Password::new("k/1"), &NewPassword::new("New!Passw0rd12"))
        .unwrap();
    let (sent, result) = drive(plan, vec![ok(204, "")]);
    assert_eq!(lines(&sent), ["PATCH /customer-restore-password/k%2F1"]);
    assert_eq!(sent[0].auth, Auth::None);
    let body = attributes(&sent[0]);
    assert_eq!(text(&body, "restorePasswordKey").as_deref(), Some("k/1"));
    assert_eq!(
        text(&body, "confirmPassword").as_deref(),
        Some("New!Passw0rd12")
    );
    let document = Json::parse(sent[0].body.as_deref().unwrap()).unwrap();
    assert_eq!(
        text(document.member("data").unwrap(), "id").as_deref(),
        Some("k/1")
    );
    assert!(result.unwrap().is_none(), "no token: the customer logs in");
}

fn berlin() -> AddressInput {
    AddressInput {
        first_name: Some("Jane".into()),
        last_name: Some("Doe".into()),
        address1: Some("Unter den Linden 1".into()),
        city: Some("Berlin".into()),
        postal_code: Some("10117".into()),
        country_iso: Some("DE".into()),
        ..AddressInput::default()
    }
}

#[test]
fn a_new_address_splits_the_house_number_and_takes_the_customers_salutation() {
    let plan = spryker()
        .create_address(&signed_in("DE--25"), &berlin())
        .unwrap();
    let (sent, result) = drive(plan, vec![ok(200, CUSTOMER), ok(201, ADDRESS)]);
    assert_eq!(
        lines(&sent),
        ["GET /customers/DE--25", "POST /customers/DE--25/addresses"]
    );
    let body = attributes(&sent[1]);
    assert_eq!(text(&body, "salutation").as_deref(), Some("Mrs"));
    assert_eq!(text(&body, "address1").as_deref(), Some("Unter den Linden"));
    assert_eq!(text(&body, "address2").as_deref(), Some("1"));
    assert_eq!(body.member("address3"), None);
    assert_eq!(text(&body, "zipCode").as_deref(), Some("10117"));
    assert_eq!(text(&body, "iso2Code").as_deref(), Some("DE"));
    assert_eq!(body.member("isDefaultShipping"), Some(&Json::Bool(false)));
    assert_eq!(body.member("isDefaultBilling"), Some(&Json::Bool(false)));
    let address = result.unwrap();
    assert_eq!(address.id, "a-1");
    assert_eq!(address.address1.as_deref(), Some("Unter den Linden 1"));
    assert_eq!(address.address2.as_deref(), Some("Hinterhaus"));
    match &address.backend_data {
        AddressData::Spryker(data) => {
            assert_eq!(data.address2.as_deref(), Some("1"));
            assert_eq!(data.comment.as_deref(), Some("ring twice"));
        }
        other => panic!("{other:?}"),
    }

    let mut with_salutation = berlin();
    with_salutation.salutation = Some(Salutation::Dr);
    with_salutation.address2 = Some("Hinterhaus".into());
    with_salutation.is_default_billing = Some(true);
    let plan = spryker()
        .create_address(&signed_in("DE--25"), &with_salutation)
        .unwrap();
    let (sent, _) = drive(plan, vec![ok(201, ADDRESS)]);
    assert_eq!(lines(&sent), ["POST /customers/DE--25/addresses"]);
    let body = attributes(&sent[0]);
    assert_eq!(text(&body, "salutation").as_deref(), Some("Dr"));
    assert_eq!(text(&body, "address3").as_deref(), Some("Hinterhaus"));
    assert_eq!(body.member("isDefaultBilling"), Some(&Json::Bool(true)));
}

#[test]
fn address_updates_send_only_what_changes() {
    let input = AddressInput {
        city: Some("Potsdam".into()),
        address2: Some(String::new()),
        ..AddressInput::default()
    };
    let plan = spryker()
        .update_address(&signed_in("DE--25"), "a-1", &input)
        .unwrap();
    let (sent, result) = drive(plan, vec![ok(200, ADDRESS)]);
    assert_eq!(lines(&sent), ["PATCH /customers/DE--25/addresses/a-1"]);
    let body = attributes(&sent[0]);
    let names: Vec<&str> = match &body {
        Json::Object(members) => members.iter().map(|(name, _)| name.as_str()).collect(),
        _ => panic!(),
    };
    assert_eq!(
        names,
        ["address3", "city"],
        "a blank address2 clears address3"
    );
    result.unwrap();
}

#[test]
fn the_address_book_is_one_unpaginated_page() {
    let list = format!(r#"{{"data":[{}],"links":{{"self":"x"}}}}"#, {
        let document = Json::parse(ADDRESS.as_bytes()).unwrap();
        let mut text = String::new();
        crate::json::JsonValue::write(document.member("data").unwrap(), &mut text);
        text
    });
    let plan = spryker()
        .list_addresses(&signed_in("DE--25"), &ListOptions::page(2, 1))
        .unwrap();
    let (sent, result) = drive(plan, vec![ok(200, &list)]);
    assert_eq!(lines(&sent), ["GET /customers/DE--25/addresses"]);
    let page = result.unwrap();
    assert_eq!(page.data.len(), 1);
    assert!(page.meta.is_none());

    let none =
        r#"{"errors":[{"code":"403","status":404,"detail":"Customer does not have addresses."}]}"#;
    let error = errors::error(&sent[0], &response(404, none));
    let plan = spryker()
        .list_addresses(&signed_in("DE--25"), &ListOptions::default())
        .unwrap();
    let (_, result) = drive(plan, vec![Err(error)]);
    assert!(result.unwrap().data.is_empty());

    let (sent, result) = drive(
        spryker().get_address(&signed_in("DE--25"), "a b").unwrap(),
        vec![ok(200, ADDRESS)],
    );
    assert_eq!(lines(&sent), ["GET /customers/DE--25/addresses/a%20b"]);
    result.unwrap();
    let (sent, result) = drive(
        spryker()
            .delete_address(&signed_in("DE--25"), "a-1")
            .unwrap(),
        vec![ok(204, "")],
    );
    assert_eq!(lines(&sent), ["DELETE /customers/DE--25/addresses/a-1"]);
    result.unwrap();
}

#[test]
fn documents_of_the_wrong_shape_are_decode_errors() {
    for body in [
        r#"{"data":{"type":"customers","attributes":{"email":"a@b.c"}}}"#,
        r#"{"data":{"type":"customers","id":"DE--1"}}"#,
        r#"{"data":{"type":"customers","id":"DE--1","attributes":{"email":"a@b.c","firstName":5}}}"#,
        r#"{"data":{"type":"customers","id":"DE--1","attributes":{"email":"a@b.c"}},"included":[{"type":"addresses","id":"x","attributes":{"isDefaultBilling":"yes"}}]}"#,
        r#"{"data":[]}"#,
        r#"{"data":{"type":"customers","id":"DE--1","attributes":{"email":"a@b.c"}},"included":{"type":"addresses"}}"#,
        "",
    ] {
        assert!(
            matches!(customer(&response(200, body)), Err(Error::Decode { .. })),
            "{body}"
        );
    }
    let no_included = r#"{"data":{"type":"customers","id":"DE--1","attributes":{"email":"a@b.c"}},"included":null}"#;
    assert!(
        customer(&response(200, no_included))
            .unwrap()
            .addresses
            .is_empty()
    );
    for list in [
        r#"{"links":{"self":"x"}}"#,
        r#"{"data":null}"#,
        r#"{"data":{"type":"addresses","id":"a-1","attributes":{}}}"#,
        r#"{"data":[{"type":"addresses","id":"a-1","attributes":{"city":5}}]}"#,
    ] {
        let read = decode(&response(200, list), wire::address_list);
        assert!(matches!(read, Err(Error::Decode { .. })), "{list}");
    }
    let lenient = r#"{"data":{"type":"customers","id":"DE--1","attributes":{"email":"a@b.c","salutation":"n/a","gender":"Diverse","anonymizedAt":null,"unknown":{"x":1}}}}"#;
    let read = customer(&response(200, lenient)).unwrap();
    assert_eq!((read.salutation, read.gender), (None, None));
    assert_eq!(read.full_name, "a@b.c");
}

#[test]
fn requests_are_json_api_documents_at_the_origin_root() {
    let spryker = spryker();
    assert_eq!(spryker.api_prefix(), "");
    assert_eq!(
        spryker.common_headers(),
        [("Accept".to_owned(), JSON_API.to_owned())]
    );
    assert!(spryker.idempotency_header().is_none());
    let capabilities = spryker.capabilities();
    assert!(capabilities.supports_refresh && capabilities.rotation);
    assert!(!capabilities.idempotent_refresh && !capabilities.reset_signs_in);
    assert_eq!(capabilities.default_ttl, Some(Duration::from_secs(28_800)));
    assert!(
        spryker
            .classify(&ApiRequest::new("x", Method::Get, "/"), &response(204, ""))
            .is_ok()
    );
    let lockout = response(
        429,
        r#"{"errors":[{"code":"4401","status":429,"detail":"Too many log in attempts from your address. Please wait 2 minutes before trying again."}]}"#,
    );
    assert_eq!(
        spryker.body_retry_after(&lockout),
        Some(Duration::from_secs(120))
    );
}

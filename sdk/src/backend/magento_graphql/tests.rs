//! The backend against canned responses taken from `magento-graphql.md` and
//! seed 001: every documented error body, the results' shapes, and the
//! requests each plan sends, in order.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::*;
use crate::backend::Auth;
use crate::models::Gender;

fn backend(version: &str) -> MagentoGraphql {
    let settings = Settings {
        server_version: Some(version.into()),
        ..Settings::default()
    };
    MagentoGraphql::new(&settings).unwrap()
}

fn response(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.as_bytes().to_vec(),
    }
}

fn ok(body: Value) -> HttpResponse {
    response(200, &body.to_string())
}

/// An error body as §1.1 shows it: the failed root field `null` next to
/// the error, which echoes `locations`, `path` and the category.
fn failure(field: &str, message: &str, category: Option<&str>) -> String {
    let mut error = json!({
        "message": message,
        "locations": [{"line": 2, "column": 3}],
        "path": [field],
    });
    if let Some(category) = category {
        error["extensions"] = json!({ "category": category });
    }
    json!({"errors": [error], "data": {field: null}}).to_string()
}

/// Drives a plan as the client does: each request is answered with the next
/// of `responses`, which the backend classifies. Returns the requests sent
/// and the plan's result.
fn drive<T: MaybeSend + 'static>(
    backend: &MagentoGraphql,
    plan: Plan<T>,
    responses: Vec<HttpResponse>,
) -> (Vec<ApiRequest>, Result<T, Error>) {
    let mut sent = Vec::new();
    let mut responses = responses.into_iter();
    let mut step = plan.first;
    let result = loop {
        match step {
            Step::Done(value) => break Ok(value),
            Step::Send(request, next) => {
                let answer = responses.next().expect("a response per request");
                let outcome = backend.classify(&request, &answer).map(|()| answer);
                sent.push(request);
                match next(outcome) {
                    Ok(following) => step = following,
                    Err(error) => break Err(error),
                }
            }
        }
    };
    assert!(responses.next().is_none(), "every response was asked for");
    (sent, result)
}

/// The body of a request, after checking that it is a GraphQL POST of
/// `{"query","variables","operationName"}` in that order.
fn body(request: &ApiRequest) -> Value {
    assert_eq!(
        (request.method, request.path.as_str()),
        (Method::Post, "/graphql")
    );
    assert_eq!(request.content_type, "application/json");
    let text = std::str::from_utf8(request.body.as_deref().unwrap()).unwrap();
    let body: Value = serde_json::from_str(text).unwrap();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 3, "{text}");
    assert!(
        text.starts_with(r#"{"query":"#) && text.contains(r#","variables":{"#),
        "{text}"
    );
    assert!(text.ends_with(&format!(r#","operationName":{}}}"#, body["operationName"])));
    body
}

/// The operation names of the requests, in order.
fn operations(sent: &[ApiRequest]) -> Vec<String> {
    sent.iter()
        .map(|request| body(request)["operationName"].as_str().unwrap().to_owned())
        .collect()
}

/// A customer token as Magento 2.4.4+ issues it: an HS256 JWT with `uid`.
fn jwt(uid: i64) -> AccessToken {
    let claims = format!(r#"{{"uid":{uid},"utypid":3,"iat":1700000000,"exp":1700003600}}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims);
    AccessToken::new(format!("eyJraWQiOiIxIiwiYWxnIjoiSFMyNTYifQ.{payload}.sig"))
}

fn signed_in(uid: i64) -> Context {
    Context {
        subject: None,
        access_token: Some(jwt(uid)),
    }
}

/// A `customer` result with `addresses`, whose defaults are address 5.
fn me(addresses: Value) -> HttpResponse {
    ok(json!({"data": {"customer": {
        "firstname": "Jane", "lastname": "Doe", "middlename": null, "prefix": null,
        "suffix": null, "email": "jane@example.com", "date_of_birth": null, "gender": null,
        "is_subscribed": false, "created_at": "2024-05-01 10:00:00",
        "confirmation_status": "ACCOUNT_CONFIRMATION_NOT_REQUIRED",
        "default_billing": "5", "default_shipping": "5", "addresses": addresses,
    }}}))
}

/// Address 5 (`uid` "NQ==" where selected), in Germany.
fn berlin(uid: bool) -> Value {
    let mut address = json!({
        "id": 5, "firstname": "Jane", "lastname": "Doe", "company": "ACME",
        "street": ["Hauptstr. 1", "Hinterhaus"], "city": "Berlin", "postcode": "10115",
        "region": {"region": null, "region_code": null, "region_id": 0}, "region_id": 0,
        "country_code": "DE", "telephone": "+4930123", "vat_id": null,
        "default_billing": true, "default_shipping": true,
    });
    if uid {
        address["uid"] = json!("NQ==");
    }
    address
}

fn kind(error: &Error) -> &'static str {
    match error {
        Error::Unauthenticated { .. } => "Unauthenticated",
        Error::InvalidCredentials(_) => "InvalidCredentials",
        Error::Validation(_) => "Validation",
        Error::NotFound(_) => "NotFound",
        Error::Conflict(_) => "Conflict",
        Error::Api(_) => "Api",
        Error::Server { .. } => "Server",
        Error::Decode { .. } => "Decode",
        Error::RateLimited { .. } => "RateLimited",
        Error::InvalidInput { .. } => "InvalidInput",
        _ => "other",
    }
}

const UNAUTHORIZED: &str = "The current customer isn't authorized.";
const INPUT: Option<&str> = Some("graphql-input");
const AUTHENTICATION: Option<&str> = Some("graphql-authentication");
const AUTHORIZATION: Option<&str> = Some("graphql-authorization");
const NO_SUCH_ENTITY: Option<&str> = Some("graphql-no-such-entity");

/// An error body and what it must map to: operation, root field, status,
/// message, category; kind, unified code, details as (attribute, field).
type Case = (
    &'static str,
    &'static str,
    u16,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[test]
fn every_documented_error_body_maps_to_its_kind_code_and_details() {
    let email: &[(&str, &str)] = &[("email", "email")];
    let password: &[(&str, &str)] = &[("password", "password")];
    let none: &[(&str, &str)] = &[];
    #[rustfmt::skip]
    let cases: Vec<Case> = vec![
        // §2.1 register
        (REGISTER, "createCustomerV2", 200, "A customer with the same email address already exists in an associated website.", INPUT, "Validation", "validation_error", email),
        (REGISTER, "createCustomerV2", 200, "A customer with the same email address already exists in an associated website.", Some("graphql-already-exists"), "Validation", "validation_error", email),
        (REGISTER, "createCustomerV2", 200, r#""Email" is not a valid email address."#, INPUT, "Validation", "validation_error", email),
        (REGISTER, "createCustomerV2", 200, "Required parameters are missing: First Name", INPUT, "Validation", "validation_error", &[("firstname", "first_name")]),
        (REGISTER, "createCustomerV2", 200, "Field CustomerInput.email of required type String! was not provided", None, "Api", "invalid_request", none),
        (REGISTER, "createCustomerV2", 200, r#"Field "xxx" is not defined by type CustomerInput."#, Some("graphql"), "Api", "invalid_request", none),
        (REGISTER, "createCustomerV2", 200, "The password needs at least 8 characters. Create a new password and try again.", INPUT, "Validation", "validation_error", password),
        (REGISTER, "createCustomerV2", 200, "Minimum of different classes of characters in password is 3. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.", INPUT, "Validation", "validation_error", password),
        (REGISTER, "createCustomerV2", 200, "Please enter a password with at most 256 characters.", INPUT, "Validation", "validation_error", password),
        (REGISTER, "createCustomerV2", 200, "The password can't begin or end with a space. Verify the password and try again.", INPUT, "Validation", "validation_error", password),
        (REGISTER, "createCustomerV2", 200, "The password can't be the same as the email address. Create a new password and try again.", INPUT, "Validation", "validation_error", password),
        // §2.2 login
        (LOGIN, "generateCustomerToken", 200, r#"Specify the "email" value."#, INPUT, "Validation", "validation_error", email),
        (LOGIN, "generateCustomerToken", 200, r#"Specify the "password" value."#, INPUT, "Validation", "validation_error", password),
        (LOGIN, "generateCustomerToken", 200, r#""email" value should be specified"#, INPUT, "Validation", "validation_error", email),
        (LOGIN, "generateCustomerToken", 200, "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.", AUTHENTICATION, "InvalidCredentials", "authentication_failed", none),
        (LOGIN, "generateCustomerToken", 200, "This account isn't confirmed. Verify and try again.", AUTHENTICATION, "InvalidCredentials", "email_not_confirmed", none),
        // §2.3 logout, §2.6 profile: 401 as documented, or 200
        (LOGOUT, "revokeCustomerToken", 401, UNAUTHORIZED, AUTHORIZATION, "Unauthenticated", "authentication_required", none),
        (GET_CUSTOMER, "customer", 401, UNAUTHORIZED, AUTHORIZATION, "Unauthenticated", "authentication_required", none),
        (GET_CUSTOMER, "customer", 200, UNAUTHORIZED, AUTHORIZATION, "Unauthenticated", "authentication_required", none),
        // §2.4 reset request (the unknown-email answer is mapped by the plan)
        (REQUEST_RESET, "requestPasswordResetEmail", 200, "You must specify an email address.", INPUT, "Validation", "validation_error", email),
        (REQUEST_RESET, "requestPasswordResetEmail", 200, "The email address has an invalid format.", INPUT, "Validation", "validation_error", email),
        (REQUEST_RESET, "requestPasswordResetEmail", 200, "The account is locked", INPUT, "InvalidCredentials", "account_locked", none),
        // §2.5 reset completion
        (COMPLETE_RESET, "resetPassword", 200, "You must specify an email address.", INPUT, "Validation", "validation_error", email),
        (COMPLETE_RESET, "resetPassword", 200, "The email address has an invalid format.", INPUT, "Validation", "validation_error", email),
        (COMPLETE_RESET, "resetPassword", 200, "resetPasswordToken must be specified", INPUT, "Validation", "validation_error", none),
        (COMPLETE_RESET, "resetPassword", 200, "newPassword must be specified", INPUT, "Validation", "validation_error", password),
        (COMPLETE_RESET, "resetPassword", 200, "The account is locked", INPUT, "InvalidCredentials", "account_locked", none),
        (COMPLETE_RESET, "resetPassword", 200, "Cannot set the customer's password", INPUT, "Api", "password_reset_token_invalid", none),
        // §2.8 change password, §2.7 email change
        (CHANGE_PASSWORD, "changeCustomerPassword", 401, UNAUTHORIZED, AUTHORIZATION, "Unauthenticated", "authentication_required", none),
        (CHANGE_PASSWORD, "changeCustomerPassword", 200, r#"Specify the "currentPassword" value."#, INPUT, "Validation", "validation_error", &[("currentPassword", "current_password")]),
        (CHANGE_PASSWORD, "changeCustomerPassword", 200, r#"Specify the "newPassword" value."#, INPUT, "Validation", "validation_error", password),
        (CHANGE_PASSWORD, "changeCustomerPassword", 200, "The account is locked.", AUTHENTICATION, "InvalidCredentials", "account_locked", none),
        (CHANGE_PASSWORD, "changeCustomerPassword", 200, "Invalid login or password.", AUTHENTICATION, "Api", "current_password_invalid", none),
        (CHANGE_PASSWORD, "changeCustomerPassword", 200, "The password doesn't match this account. Verify the password and try again.", AUTHENTICATION, "Api", "current_password_invalid", none),
        (CHANGE_PASSWORD, "changeCustomerPassword", 200, "The password doesn't match this account. Verify the password and try again.", INPUT, "Api", "current_password_invalid", none),
        (CHANGE_EMAIL, "updateCustomerEmail", 200, "The password doesn't match this account. Verify the password and try again.", AUTHENTICATION, "Api", "current_password_invalid", none),
        // §2.9 addresses
        (CREATE_ADDRESS, "createCustomerAddress", 200, r#""input" value should be specified"#, INPUT, "Validation", "validation_error", none),
        (CREATE_ADDRESS, "createCustomerAddress", 200, "Required parameters are missing: firstname", INPUT, "Validation", "validation_error", &[("firstname", "first_name")]),
        (CREATE_ADDRESS, "createCustomerAddress", 200, r#""Street Address" cannot contain more than 2 lines."#, INPUT, "Validation", "validation_error", &[("street", "address1")]),
        (CREATE_ADDRESS, "createCustomerAddress", 401, UNAUTHORIZED, AUTHORIZATION, "Unauthenticated", "authentication_required", none),
        (UPDATE_ADDRESS, "updateCustomerAddress", 200, r#"Address "id" value should be specified"#, INPUT, "Validation", "validation_error", none),
        (UPDATE_ADDRESS, "updateCustomerAddress", 200, r#"Could not find a address with ID "XXX""#, NO_SUCH_ENTITY, "NotFound", "record_not_found", none),
        (UPDATE_ADDRESS, "updateCustomerAddress", 200, r#"Current customer does not have permission to address with ID "XXX""#, AUTHORIZATION, "NotFound", "record_not_found", none),
        (UPDATE_ADDRESS, "updateCustomerAddress", 200, r#""input" value must be specified"#, INPUT, "Validation", "validation_error", none),
        (DELETE_ADDRESS, "deleteCustomerAddress", 200, r#"Could not find a address with ID "XXX""#, NO_SUCH_ENTITY, "NotFound", "record_not_found", none),
        (DELETE_ADDRESS, "deleteCustomerAddress", 200, "Customer Address 5 is set as default billing address and cannot be deleted", INPUT, "Conflict", "conflict", none),
        (DELETE_ADDRESS, "deleteCustomerAddress", 200, "Customer Address 5 is set as default shipping address and cannot be deleted", INPUT, "Conflict", "conflict", none),
        (DELETE_ADDRESS, "deleteCustomerAddressV2", 200, r#"Could not find an address with ID "XXX""#, NO_SUCH_ENTITY, "NotFound", "record_not_found", none),
        // §1.1 masked exceptions
        (GET_CUSTOMER, "customer", 500, "Internal server error", None, "Server", "server_error", none),
        (GET_CUSTOMER, "customer", 200, "Internal server error", Some("internal"), "Server", "server_error", none),
    ];
    let magento = backend("2.4.8");
    for (operation, field, status, message, category, expected_kind, code, details) in cases {
        let request = ApiRequest::new(operation, Method::Post, PATH);
        let error = magento
            .classify(
                &request,
                &response(status, &failure(field, message, category)),
            )
            .expect_err(message);
        assert_eq!(
            (kind(&error), error.code()),
            (expected_kind, code),
            "{message}"
        );
        assert_eq!(
            error.backend_code(),
            Some(category.unwrap_or(message)),
            "{message}"
        );
        let api = error.api().unwrap();
        assert_eq!((api.status, api.message.as_str()), (status, message));
        let read: Vec<(&str, Option<&str>)> = error
            .details()
            .iter()
            .map(|detail| (detail.attribute.as_str(), detail.field.as_deref()))
            .collect();
        let expected: Vec<(&str, Option<&str>)> = details
            .iter()
            .map(|(attribute, field)| (*attribute, Some(*field)))
            .collect();
        assert_eq!(read, expected, "{message}");
        for detail in error.details() {
            assert_eq!(detail.messages, [message]);
        }
        assert_eq!(error.is_transient(), expected_kind == "Server", "{message}");
    }
}

#[test]
fn bodies_that_are_not_graphql_responses_are_classified_by_status() {
    let magento = backend("2.4.8");
    let request = ApiRequest::new(GET_CUSTOMER, Method::Post, PATH);
    let gateway = magento
        .classify(&request, &response(502, "<html>bad gateway</html>"))
        .unwrap_err();
    assert!(matches!(
        gateway,
        Error::Server {
            status: 502,
            api: None,
            ..
        }
    ));
    assert!(gateway.is_transient());
    let html = magento
        .classify(&request, &response(401, "<html>no</html>"))
        .unwrap_err();
    assert_eq!(kind(&html), "Decode");
    let throttled = magento.classify(&request, &response(429, "")).unwrap_err();
    assert_eq!(kind(&throttled), "RateLimited");
    assert!(
        magento
            .classify(&request, &response(200, r#"{"data":{"customer":null}}"#))
            .is_ok(),
        "success is a body without errors; the result is read next"
    );
    let (_, result) = drive(
        &magento,
        magento.get_customer(&signed_in(1)).unwrap(),
        vec![response(200, "<html>maintenance</html>")],
    );
    assert_eq!(kind(&result.unwrap_err()), "Decode");
    let (_, result) = drive(
        &magento,
        magento.get_customer(&signed_in(1)).unwrap(),
        vec![response(200, r#"{"data":{"customer":null}}"#)],
    );
    assert_eq!(
        kind(&result.unwrap_err()),
        "Decode",
        "a null result is no success"
    );
}

#[test]
fn the_request_id_and_the_first_error_are_kept() {
    let body = r#"{"errors":[{"message":"Specify the \"email\" value.","extensions":{"category":"graphql-input","code":502}},{"message":"Specify the \"password\" value.","extensions":{"category":"graphql-input"}}],"data":{"generateCustomerToken":null}}"#;
    let mut answer = response(200, body);
    answer.headers.push(("x-request-id".into(), "req-1".into()));
    let error = backend("2.4.8")
        .classify(&ApiRequest::new(LOGIN, Method::Post, PATH), &answer)
        .unwrap_err();
    let api = error.api().unwrap();
    assert_eq!(api.request_id.as_deref(), Some("req-1"));
    assert_eq!(api.message, r#"Specify the "email" value."#);
    let fields: Vec<_> = api.details.iter().map(|d| d.field.as_deref()).collect();
    assert_eq!(
        fields,
        [Some("email"), Some("password")],
        "a detail per input error"
    );
}

#[test]
fn settings_choose_the_version_and_the_store() {
    let plain = MagentoGraphql::new(&Settings::default()).unwrap();
    assert_eq!(plain.version, Version::V248);
    assert_eq!((plain.api_prefix(), plain.storage_scope()), ("", None));
    assert_eq!(
        plain.common_headers(),
        [("Accept".to_owned(), "application/json".to_owned())]
    );
    assert_eq!(backend("2.4.9").version, Version::V249);
    for bad in ["2.4.7", "2.4.10", ""] {
        let settings = Settings {
            server_version: Some(bad.into()),
            ..Settings::default()
        };
        assert_eq!(
            MagentoGraphql::new(&settings).err().map(|e| kind_name(&e)),
            Some("Config"),
            "{bad:?}"
        );
    }
    let german = MagentoGraphql::new(&Settings {
        store_code: Some("de_store".into()),
        ..Settings::default()
    })
    .unwrap();
    assert_eq!(german.storage_scope(), Some("de_store"));
    assert!(
        german
            .common_headers()
            .contains(&("Store".to_owned(), "de_store".to_owned()))
    );
    for bad in ["", "de\r\nX: y", "a/b"] {
        let settings = Settings {
            store_code: Some(bad.into()),
            ..Settings::default()
        };
        assert!(MagentoGraphql::new(&settings).is_err(), "{bad:?}");
    }
    let capabilities = plain.capabilities();
    assert!(!capabilities.supports_refresh && !capabilities.reset_signs_in);
    assert_eq!(capabilities.logout_scope, LogoutScope::AllTokens);
    assert!(capabilities.tokens_expire && capabilities.completes_password_resets);
    assert_eq!(capabilities.default_ttl, Some(Duration::from_secs(3600)));
    assert_eq!(plain.kind(), BackendKind::MagentoGraphql);
}

fn kind_name(error: &Error) -> &'static str {
    match error {
        Error::Config { .. } => "Config",
        other => kind(other),
    }
}

/// Seed 001 (Adobe's GraphQL checkout tutorial, step 1): its responses.
#[test]
fn seed_001_responses_decode() {
    let created = br#"{
  "data": {
    "createCustomer": {
      "customer": {
        "firstname": "John",
        "lastname": "Doe",
        "email": "john.doe@example.com",
        "is_subscribed": true
      }
    }
  }
}"#;
    // The seed uses the deprecated `createCustomer`, whose result has the
    // shape of `createCustomerV2`'s (`CustomerOutput`).
    let seed = Json::parse(created).unwrap();
    let (customer, pending) = wire::created(wire::data(&seed, "createCustomer").unwrap()).unwrap();
    assert!(
        !pending,
        "no confirmation_status: nothing says it is pending"
    );
    assert_eq!(customer.email, "john.doe@example.com");
    assert_eq!(customer.full_name, "John Doe");
    assert!(customer.accepts_email_marketing);

    let token = r#"{
  "data": {
    "generateCustomerToken": {
      "token": "zuo7zor5jfldft2nmu2gtylnm8ui7e8t"
    }
  }
}"#;
    let magento = backend("2.4.8");
    let login = magento
        .login(&Credentials::new("john.doe@example.com", "b1b2b3l@w+"))
        .unwrap();
    let (sent, issued) = drive(&magento, login, vec![response(200, token)]);
    let issued = issued.unwrap();
    assert_eq!(
        issued.access.expose_secret(),
        "zuo7zor5jfldft2nmu2gtylnm8ui7e8t"
    );
    assert!(issued.refresh.is_none() && issued.user.is_none() && issued.expires_in.is_none());
    let sent = body(&sent[0]);
    assert_eq!(
        sent["variables"],
        json!({"email": "john.doe@example.com", "password": "b1b2b3l@w+"})
    );
}

#[test]
fn registration_creates_without_a_token_or_awaits_confirmation() {
    let magento = backend("2.4.8");
    let mut input = NewCustomer::new("jane@example.com", "Secret-Pass1").name("Jane", "Doe");
    input.gender = Some(Gender::Female);
    input.date_of_birth = Some("1990-01-15".into());
    input.accepts_email_marketing = Some(true);
    input.accepted_terms = Some(true);
    let result = |status: &str| {
        ok(json!({"data": {"createCustomerV2": {"customer": {
            "firstname": "Jane", "lastname": "Doe", "email": "jane@example.com",
            "is_subscribed": true, "confirmation_status": status,
        }}}}))
    };
    let plan = magento.register(&input).unwrap();
    let (sent, registered) = drive(
        &magento,
        plan,
        vec![result("ACCOUNT_CONFIRMATION_NOT_REQUIRED")],
    );
    assert_eq!(sent[0].auth, Auth::None);
    let sent = body(&sent[0]);
    assert_eq!(sent["query"], documents::CREATE_CUSTOMER.text);
    assert_eq!(sent["operationName"], "CreateCustomer");
    assert_eq!(
        sent["variables"],
        json!({"input": {
            "email": "jane@example.com", "firstname": "Jane", "lastname": "Doe",
            "password": "Secret-Pass1", "date_of_birth": "1990-01-15", "gender": 2,
            "is_subscribed": true,
        }})
    );
    assert!(matches!(registered.unwrap(), Registered::Created(c) if c.email == "jane@example.com"));

    let plan = magento.register(&input).unwrap();
    let (_, registered) = drive(
        &magento,
        plan,
        vec![result("ACCOUNT_CONFIRMATION_REQUIRED")],
    );
    assert!(matches!(
        registered.unwrap(),
        Registered::ConfirmationRequired(_)
    ));

    let plan = magento.register(&input).unwrap();
    let duplicate = failure(
        "createCustomerV2",
        "A customer with the same email address already exists in an associated website.",
        INPUT,
    );
    let (_, registered) = drive(&magento, plan, vec![response(200, &duplicate)]);
    assert_eq!(
        registered.unwrap_err().details()[0].field.as_deref(),
        Some("email")
    );

    for refused in [
        NewCustomer::new("jane@example.com", "Secret-Pass1"),
        {
            let mut phone = input.clone();
            phone.phone = Some("+49".into());
            phone
        },
        {
            let mut metadata = input.clone();
            metadata.metadata = Some("{}".into());
            metadata
        },
        {
            let mut differing = input.clone();
            differing.password_confirmation = Some("other".into());
            differing
        },
    ] {
        assert_eq!(
            kind(&magento.register(&refused).err().unwrap()),
            "InvalidInput"
        );
    }
}

#[test]
fn logout_revokes_with_the_ended_token_unless_it_expired() {
    let magento = backend("2.4.8");
    let mut ended = EndedSession {
        access: jwt(7),
        refresh: None,
        access_expired: false,
    };
    let plan = magento.revoke(&ended).unwrap();
    let revoked = ok(json!({"data": {"revokeCustomerToken": {"result": true}}}));
    let (sent, result) = drive(&magento, plan, vec![revoked]);
    result.unwrap();
    assert_eq!(sent[0].auth, Auth::Bearer(jwt(7)));
    assert!(sent[0].idempotent);
    assert_eq!(
        body(&sent[0])["query"],
        "mutation Logout { revokeCustomerToken { result } }"
    );
    assert_eq!(body(&sent[0])["variables"], json!({}));
    ended.access_expired = true;
    assert!(magento.revoke(&ended).is_none());
    assert!(matches!(
        magento.refresh(&RefreshToken::new("r")),
        Err(Error::Unsupported { .. })
    ));
}

#[test]
fn a_reset_request_for_an_unknown_email_looks_like_success() {
    let magento = backend("2.4.8");
    let request = PasswordResetRequest::new("who@example.com");
    let unknown = failure(
        "requestPasswordResetEmail",
        "Cannot reset the customer's password",
        INPUT,
    );
    let known = ok(json!({"data": {"requestPasswordResetEmail": true}}));
    for answer in [known, response(200, &unknown)] {
        let plan = magento.request_password_reset(&request).unwrap();
        let (sent, result) = drive(&magento, plan, vec![answer]);
        assert_eq!(result.unwrap(), None);
        assert_eq!(
            body(&sent[0])["variables"],
            json!({"email": "who@example.com"})
        );
        assert_eq!(sent[0].auth, Auth::None);
    }
    let locked = failure("requestPasswordResetEmail", "The account is locked", INPUT);
    let plan = magento.request_password_reset(&request).unwrap();
    let (_, result) = drive(&magento, plan, vec![response(200, &locked)]);
    assert_eq!(
        result.unwrap_err().code(),
        "account_locked",
        "other errors are kept"
    );
}

#[test]
fn a_reset_completes_with_the_email_and_signs_nobody_in() {
    let magento = backend("2.4.8");
    let token = Password::new("rp-token");
    let without_email = NewPassword::new("New-Pass1");
    assert_eq!(
        kind(
            &magento
                .complete_password_reset(&token, &without_email)
                .err()
                .unwrap()
        ),
        "InvalidInput"
    );
    let new = NewPassword::new("New-Pass1").email("jane@example.com");
    let plan = magento.complete_password_reset(&token, &new).unwrap();
    let done = ok(json!({"data": {"resetPassword": true}}));
    let (sent, result) = drive(&magento, plan, vec![done]);
    assert!(result.unwrap().is_none());
    assert_eq!(
        body(&sent[0])["variables"],
        json!({"email": "jane@example.com", "token": "rp-token", "password": "New-Pass1"})
    );
    let plan = magento.complete_password_reset(&token, &new).unwrap();
    let expired = failure("resetPassword", "Cannot set the customer's password", INPUT);
    let (_, result) = drive(&magento, plan, vec![response(200, &expired)]);
    assert_eq!(result.unwrap_err().code(), "password_reset_token_invalid");
}

#[test]
fn the_profile_is_read_with_the_session_and_named_by_the_token() {
    let magento = backend("2.4.8");
    let plan = magento.get_customer(&signed_in(42)).unwrap();
    let (sent, customer) = drive(&magento, plan, vec![me(json!([berlin(false)]))]);
    let customer = customer.unwrap();
    assert_eq!(customer.id, "42", "the JWT's uid");
    assert_eq!(sent[0].auth, Auth::Session);
    assert!(sent[0].idempotent);
    assert_eq!(body(&sent[0])["query"], Version::V248.me().text);
    assert_eq!(body(&sent[0])["variables"], json!({}));
    assert_eq!(customer.addresses[0].id, "5");
    assert_eq!(customer.addresses[0].company.as_deref(), Some("ACME"));
    assert_eq!(customer.default_billing_address.unwrap().id, "5");

    let opaque = Context {
        subject: Some("9".into()),
        access_token: Some(AccessToken::new("q0u66k8h42yaevtchv09uyy3y9gaj2ap")),
    };
    let plan = magento.get_customer(&opaque).unwrap();
    let (_, customer) = drive(&magento, plan, vec![me(json!([]))]);
    assert_eq!(
        customer.unwrap().id,
        "9",
        "no claims: the id learnt at sign-in"
    );
}

#[test]
fn a_profile_update_sends_email_profile_read_and_password_in_that_order() {
    let magento = backend("2.4.8");
    let update = CustomerUpdate {
        first_name: Some("Janet".into()),
        salutation: Some(crate::models::Salutation::Dr),
        email: Some("janet@example.com".into()),
        password: Some("New-Pass1".into()),
        password_confirmation: Some("New-Pass1".into()),
        current_password: Some("Old-Pass1".into()),
        ..CustomerUpdate::default()
    };
    let plan = magento.update_customer(&signed_in(42), &update).unwrap();
    assert!(plan.exclusive);
    let answers = vec![
        ok(json!({"data": {"updateCustomerEmail": {"customer": {"email": "janet@example.com"}}}})),
        ok(
            json!({"data": {"updateCustomerV2": {"customer": {"firstname": "Janet", "lastname": "Doe", "email": "janet@example.com", "is_subscribed": false}}}}),
        ),
        me(json!([])),
        ok(json!({"data": {"changeCustomerPassword": {"email": "janet@example.com"}}})),
    ];
    let (sent, customer) = drive(&magento, plan, answers);
    assert_eq!(
        operations(&sent),
        ["UpdateEmail", "UpdateMe", "Me", "ChangePassword"]
    );
    assert!(sent.iter().all(|request| request.auth == Auth::Session));
    assert_eq!(
        body(&sent[0])["variables"],
        json!({"email": "janet@example.com", "password": "Old-Pass1"})
    );
    assert_eq!(
        body(&sent[1])["variables"],
        json!({"input": {"firstname": "Janet", "prefix": "Dr"}})
    );
    assert_eq!(
        body(&sent[3])["variables"],
        json!({"current": "Old-Pass1", "new": "New-Pass1"})
    );
    assert_eq!(
        [sent[0].operation, sent[3].operation],
        [CHANGE_EMAIL, CHANGE_PASSWORD]
    );
    assert_eq!(
        customer.unwrap().id,
        "42",
        "the profile read before the password change"
    );

    // A wrong current password stops the plan before anything changed.
    let plan = magento.update_customer(&signed_in(42), &update).unwrap();
    let wrong = failure(
        "updateCustomerEmail",
        "The password doesn't match this account. Verify the password and try again.",
        AUTHENTICATION,
    );
    let (sent, result) = drive(&magento, plan, vec![response(200, &wrong)]);
    assert_eq!(sent.len(), 1);
    assert_eq!(result.unwrap_err().code(), "current_password_invalid");

    // Names alone: the mutation, then the read.
    let names = CustomerUpdate {
        last_name: Some("Roe".into()),
        ..CustomerUpdate::default()
    };
    let plan = magento.update_customer(&signed_in(42), &names).unwrap();
    let answers = vec![
        ok(
            json!({"data": {"updateCustomerV2": {"customer": {"firstname": "Jane", "lastname": "Roe", "email": "jane@example.com", "is_subscribed": false}}}}),
        ),
        me(json!([])),
    ];
    let (sent, _) = drive(&magento, plan, answers);
    assert_eq!(operations(&sent), ["UpdateMe", "Me"]);
}

#[test]
fn profile_updates_magento_cannot_make_are_refused_before_sending() {
    let magento = backend("2.4.8");
    let context = signed_in(42);
    for update in [
        CustomerUpdate {
            phone: Some("+49".into()),
            ..CustomerUpdate::default()
        },
        CustomerUpdate {
            metadata: Some("{}".into()),
            ..CustomerUpdate::default()
        },
        CustomerUpdate {
            email: Some("new@example.com".into()),
            ..CustomerUpdate::default()
        },
        CustomerUpdate {
            password: Some("New-Pass1".into()),
            ..CustomerUpdate::default()
        },
        CustomerUpdate {
            password: Some("New-Pass1".into()),
            password_confirmation: Some("Other".into()),
            current_password: Some("Old".into()),
            ..CustomerUpdate::default()
        },
    ] {
        let refused = magento.update_customer(&context, &update).err().unwrap();
        assert_eq!(kind(&refused), "InvalidInput", "{update:?}");
    }
}

#[test]
fn addresses_are_listed_and_found_in_the_profile() {
    let magento = backend("2.4.8");
    let context = signed_in(42);
    let plan = magento
        .list_addresses(&context, &ListOptions::page(2, 1))
        .unwrap();
    let (sent, page) = drive(&magento, plan, vec![me(json!([berlin(false)]))]);
    let page = page.unwrap();
    assert_eq!((page.data.len(), page.meta), (1, None));
    assert_eq!(operations(&sent), ["Me"]);
    let plan = magento.get_address(&context, "5").unwrap();
    let (_, found) = drive(&magento, plan, vec![me(json!([berlin(false)]))]);
    assert_eq!(found.unwrap().address2.as_deref(), Some("Hinterhaus"));
    let plan = magento.get_address(&context, "6").unwrap();
    let (_, missing) = drive(&magento, plan, vec![me(json!([berlin(false)]))]);
    let missing = missing.unwrap_err();
    assert_eq!(
        (kind(&missing), missing.code()),
        ("NotFound", "record_not_found")
    );
}

#[test]
fn an_address_is_created_with_only_the_fields_given() {
    let magento = backend("2.4.8");
    let input = AddressInput {
        first_name: Some("Jane".into()),
        last_name: Some("Doe".into()),
        address1: Some("Hauptstr. 1".into()),
        city: Some("Berlin".into()),
        postal_code: Some("10115".into()),
        country_iso: Some("de".into()),
        phone: Some("+4930123".into()),
        company: Some("ACME".into()),
        ..AddressInput::default()
    };
    let plan = magento.create_address(&signed_in(42), &input).unwrap();
    let created = ok(json!({"data": {"createCustomerAddress": {
        "id": 4, "firstname": "Jane", "lastname": "Doe", "street": ["Hauptstr. 1"],
        "city": "Berlin", "postcode": "10115", "country_code": "DE", "telephone": "+4930123",
        "region": {"region": null, "region_code": null, "region_id": 0},
        "default_billing": false, "default_shipping": false,
    }}}));
    let (sent, address) = drive(&magento, plan, vec![created]);
    let address = address.unwrap();
    assert_eq!(sent[0].auth, Auth::Session);
    assert_eq!(body(&sent[0])["query"], Version::V248.create_address().text);
    assert_eq!(
        body(&sent[0])["variables"],
        json!({"input": {
            "firstname": "Jane", "lastname": "Doe", "company": "ACME", "street": ["Hauptstr. 1"],
            "city": "Berlin", "postcode": "10115", "country_code": "DE", "telephone": "+4930123",
        }}),
        "no default flags unless asked"
    );
    assert_eq!(address.id, "4");
    assert_eq!(address.company.as_deref(), Some("ACME"), "as sent");
    assert!(!address.is_default_billing && !address.is_default_shipping);

    // The example response of §2.9.
    let example = response(
        200,
        r#"{"data":{"createCustomerAddress":{"id":4,"region":{"region":"Arizona","region_code":"AZ"},"country_code":"US","street":["123 Main Street"],"telephone":"7777777777","postcode":"77777","city":"Phoenix","default_shipping":true,"default_billing":false}}}"#,
    );
    let plan = magento.create_address(&signed_in(42), &input).unwrap();
    let (_, address) = drive(&magento, plan, vec![example]);
    let address = address.unwrap();
    assert_eq!(
        (address.state_abbr.as_deref(), address.is_default_shipping),
        (Some("AZ"), true)
    );

    for refused in [
        AddressInput {
            country_iso: Some("DEU".into()),
            ..AddressInput::default()
        },
        AddressInput {
            address2: Some("Hof".into()),
            ..AddressInput::default()
        },
    ] {
        let error = magento
            .create_address(&signed_in(42), &refused)
            .err()
            .unwrap();
        assert_eq!(kind(&error), "InvalidInput");
    }
}

#[test]
fn an_address_update_sends_the_mutation_then_reads_the_address() {
    let magento = backend("2.4.8");
    let input = AddressInput {
        city: Some("Potsdam".into()),
        is_default_billing: Some(false),
        ..AddressInput::default()
    };
    let plan = magento.update_address(&signed_in(42), "5", &input).unwrap();
    let updated = ok(json!({"data": {"updateCustomerAddress": {
        "id": 5, "city": "Potsdam", "postcode": "10115", "default_billing": false, "default_shipping": true,
    }}}));
    let (sent, address) = drive(&magento, plan, vec![updated, me(json!([berlin(false)]))]);
    assert_eq!(operations(&sent), ["UpdateAddress", "Me"]);
    assert_eq!(
        body(&sent[0])["variables"],
        json!({"id": 5, "input": {"city": "Potsdam", "default_billing": false}})
    );
    assert_eq!(address.unwrap().id, "5");

    // One street line alone: the other lines are read first.
    let line_two = AddressInput {
        address2: Some("Vorderhaus".into()),
        ..AddressInput::default()
    };
    let plan = magento
        .update_address(&signed_in(42), "5", &line_two)
        .unwrap();
    assert!(plan.exclusive);
    let updated = ok(json!({"data": {"updateCustomerAddress": {"id": 5}}}));
    let answers = vec![
        me(json!([berlin(false)])),
        updated,
        me(json!([berlin(false)])),
    ];
    let (sent, _) = drive(&magento, plan, answers);
    assert_eq!(operations(&sent), ["Me", "UpdateAddress", "Me"]);
    assert_eq!(
        body(&sent[1])["variables"]["input"],
        json!({"street": ["Hauptstr. 1", "Vorderhaus"]})
    );

    // An id 2.4.8 cannot have is not found, before sending.
    for id in ["abc", "0", "-1", "NQ=="] {
        let error = magento
            .update_address(&signed_in(42), id, &input)
            .err()
            .unwrap();
        assert_eq!(error.code(), "record_not_found", "{id}");
    }
}

#[test]
fn on_2_4_9_addresses_are_named_by_their_uid() {
    let magento = backend("2.4.9");
    let plan = magento
        .list_addresses(&signed_in(42), &ListOptions::default())
        .unwrap();
    let (sent, page) = drive(&magento, plan, vec![me(json!([berlin(true)]))]);
    assert_eq!(body(&sent[0])["query"], Version::V249.me().text);
    let address = &page.unwrap().data[0];
    assert_eq!(address.id, "NQ==");
    assert!(
        address.is_default_billing,
        "the customer's default id is the integer id"
    );

    let input = AddressInput {
        city: Some("Potsdam".into()),
        ..AddressInput::default()
    };
    let plan = magento
        .update_address(&signed_in(42), "NQ==", &input)
        .unwrap();
    let updated =
        ok(json!({"data": {"updateCustomerAddressV2": {"uid": "NQ==", "city": "Potsdam"}}}));
    let (sent, address) = drive(&magento, plan, vec![updated, me(json!([berlin(true)]))]);
    assert_eq!(body(&sent[0])["query"], Version::V249.update_address().text);
    assert_eq!(
        body(&sent[0])["variables"],
        json!({"uid": "NQ==", "input": {"city": "Potsdam"}})
    );
    assert_eq!(address.unwrap().id, "NQ==");

    let plan = magento.delete_address(&signed_in(42), "NQ==").unwrap();
    let deleted = ok(json!({"data": {"deleteCustomerAddressV2": true}}));
    let (sent, result) = drive(&magento, plan, vec![deleted]);
    result.unwrap();
    assert_eq!(body(&sent[0])["variables"], json!({"uid": "NQ=="}));
}

#[test]
fn a_default_address_cannot_be_deleted() {
    let magento = backend("2.4.8");
    let plan = magento.delete_address(&signed_in(42), "5").unwrap();
    let refused = failure(
        "deleteCustomerAddress",
        "Customer Address 5 is set as default billing address and cannot be deleted",
        INPUT,
    );
    let (sent, result) = drive(&magento, plan, vec![response(200, &refused)]);
    assert_eq!(body(&sent[0])["query"], Version::V248.delete_address().text);
    assert_eq!(body(&sent[0])["variables"], json!({"id": 5}));
    let error = result.unwrap_err();
    assert_eq!((kind(&error), error.code()), ("Conflict", "conflict"));

    let plan = magento.delete_address(&signed_in(42), "6").unwrap();
    let deleted = ok(json!({"data": {"deleteCustomerAddress": true}}));
    let (_, result) = drive(&magento, plan, vec![deleted]);
    result.unwrap();
}

//! Spryker Glue customers, addresses and passwords (spec §2.1, §2.5–§2.11, §5): registration
//! rules and codes, the profile by reference, addresses with the default rules, the reset and
//! change of the password.
use crate::glue::*;

use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{DuplicateEmailMessage, SprykerOptions, SprykerPasswordPolicy};

const CURRENT_DUPLICATE: &str = "If this email address is already in use, you will receive a password reset link. Otherwise you must first validate your e-mail address to finish registration. Please check your e-mail.";

#[tokio::test]
async fn registration_answers_201_with_the_customer_and_no_token() {
    let glue = Glue::new().await;
    let email = email("register");
    let mut attributes = registration(&email);
    attributes["dateOfBirth"] = json!("1990-01-15");
    attributes["phone"] = json!("+49 30 1234");
    let r = glue.post("/customers", "customers", attributes).await;
    r.assert_status(201);
    assert_eq!(r.header("content-type").as_deref(), Some(JSON_API));
    let body = r.json();
    let reference = body["data"]["id"].as_str().expect("reference");
    assert!(reference.starts_with("DE--"), "{reference}");
    assert_eq!(body["data"]["type"], "customers");
    assert_eq!(
        body["data"]["links"]["self"],
        format!("{}/customers/{reference}", glue.mock.uri())
    );
    let attributes = &body["data"]["attributes"];
    assert_eq!(attributes["salutation"], "Mrs");
    assert_eq!(attributes["firstName"], "Sonia");
    assert_eq!(attributes["gender"], "Female");
    assert_eq!(attributes["dateOfBirth"], "1990-01-15");
    assert_eq!(attributes["email"], email);
    let created = attributes["createdAt"].as_str().expect("createdAt");
    assert_eq!(
        created.len(),
        "2020-10-07 07:02:32.000000".len(),
        "{created}"
    );
    assert!(attributes.get("accessToken").is_none());
    assert!(attributes.get("password").is_none());
    let second = glue.register(&self::email("register-2")).await;
    assert_ne!(second, reference);
}

#[tokio::test]
async fn registration_violations_are_901_per_constraint_in_yaml_order() {
    let glue = Glue::new().await;
    let r = glue
        .post(
            "/customers",
            "customers",
            json!({"email": "x", "gender": "male", "salutation": "Sir", "firstName": "",
                   "lastName": "L".repeat(101), "password": "short", "confirmPassword": "short",
                   "acceptedTerms": false}),
        )
        .await;
    assert_eq!(
        r.validation_details(),
        [
            "email => This value is not a valid email address.",
            "gender => The value you selected is not a valid choice.",
            "salutation => The value you selected is not a valid choice.",
            "firstName => This value should not be blank.",
            "lastName => This value is too long. It should have 100 characters or less.",
            "password => This value is too short. It should have 12 characters or more.",
            "password => Your password must include at least one uppercase letter, one lowercase letter, one number, and one special character from the following list: !@#$%^&*()_-+=[]{}|;:<>.,/?\\~. Non-Latin and other special characters are not allowed.",
            "confirmPassword => This value is too short. It should have 12 characters or more.",
            "acceptedTerms => This value should be true.",
        ]
    );
    // `=>` travels as PHP's `=\u003E`.
    assert!(r.text().contains(r#"email =\u003E This value"#));
}

#[tokio::test]
async fn terms_confirmation_and_duplicate_emails_have_their_codes() {
    let glue = Glue::new().await;
    let email = email("codes");
    let mut attributes = registration(&email);
    attributes["acceptedTerms"] = Value::Null;
    glue.post("/customers", "customers", attributes)
        .await
        .assert_error(400, "413", "Terms and Conditions was not accepted.");
    let mut attributes = registration(&email);
    attributes["confirmPassword"] = json!("Change!12346");
    glue.post("/customers", "customers", attributes)
        .await
        .assert_error(
            422,
            "406",
            "Value in field password should be identical to value in the confirmPassword field.",
        );
    glue.register(&email).await;
    glue.post(
        "/customers",
        "customers",
        registration(&email.to_uppercase()),
    )
    .await
    .assert_error(422, "400", CURRENT_DUPLICATE);
    let legacy = Glue::with(SprykerOptions {
        duplicate_email_message: DuplicateEmailMessage::Legacy,
        ..SprykerOptions::default()
    })
    .await;
    legacy.register(&email).await;
    legacy
        .post("/customers", "customers", registration(&email))
        .await
        .assert_error(422, "400", "Customer with this email already exists.");
}

#[tokio::test]
async fn the_zed_email_checks_follow_glues() {
    let glue = Glue::new().await;
    let long_local = format!("{}@example.com", "a".repeat(65));
    glue.post("/customers", "customers", registration(&long_local))
        .await
        .assert_error(422, "416", "Invalid Email address format.");
    let too_long = format!("{}@{}.com", "a".repeat(60), "b".repeat(40));
    glue.post("/customers", "customers", registration(&too_long))
        .await
        .assert_error(
            422,
            "417",
            "Email is too long. It should have 100 characters or less.",
        );
}

#[tokio::test]
async fn password_presets_change_the_rules() {
    let demo = Glue::with(SprykerOptions {
        password_policy: SprykerPasswordPolicy::Demo,
        ..SprykerOptions::default()
    })
    .await;
    let mut attributes = registration(&email("demo-policy"));
    attributes["password"] = json!("simple12");
    attributes["confirmPassword"] = json!("simple12");
    demo.register_with(attributes.clone()).await;
    attributes["email"] = json!(email("demo-policy-2"));
    attributes["password"] = json!("x".repeat(65));
    attributes["confirmPassword"] = json!("x".repeat(65));
    assert_eq!(
        demo.post("/customers", "customers", attributes)
            .await
            .validation_details(),
        [
            "password => This value is too long. It should have 64 characters or less.",
            "confirmPassword => This value is too long. It should have 64 characters or less.",
        ]
    );
    let core = Glue::with(SprykerOptions {
        password_policy: SprykerPasswordPolicy::Core,
        ..SprykerOptions::default()
    })
    .await;
    let mut attributes = registration(&email("core-policy"));
    attributes["password"] = json!("a");
    attributes["confirmPassword"] = json!("a");
    core.register_with(attributes.clone()).await;
    attributes["email"] = json!(email("core-policy-2"));
    attributes["password"] = json!("a".repeat(129));
    attributes["confirmPassword"] = json!("a".repeat(129));
    core.post("/customers", "customers", attributes)
        .await
        .assert_error(400, "419", "The password is too long.");
}

#[tokio::test]
async fn the_profile_is_read_by_reference_or_as_a_one_item_collection() {
    let glue = Glue::new().await;
    let session = glue.session(&email("profile")).await;
    let r = glue
        .get(
            &format!("/customers/{}", session.reference),
            &session.access,
        )
        .await;
    r.assert_status(200);
    let body = r.json();
    assert_eq!(body["data"]["id"], session.reference.as_str());
    assert!(
        body.get("links").is_none(),
        "a single resource has no top-level links"
    );
    assert!(body["data"].get("relationships").is_none());
    assert!(body.get("included").is_none());
    let r = glue.get("/customers", &session.access).await;
    r.assert_status(200);
    let body = r.json();
    assert_eq!(body["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(body["data"][0]["id"], session.reference.as_str());
    assert_eq!(
        body["links"]["self"],
        format!("{}/customers", glue.mock.uri())
    );
}

#[tokio::test]
async fn include_addresses_adds_relationships_and_included() {
    let glue = Glue::new().await;
    let session = glue.session(&email("include")).await;
    let path = format!("/customers/{}?include=addresses", session.reference);
    let r = glue.get(&path, &session.access).await;
    assert!(
        r.json()["data"].get("relationships").is_none(),
        "no addresses yet"
    );
    let first = glue.create_address(&session, berlin()).await.json()["data"]["id"].clone();
    let second = glue.create_address(&session, berlin()).await.json()["data"]["id"].clone();
    let body = glue.get(&path, &session.access).await.json();
    assert_eq!(
        body["data"]["relationships"],
        json!({"addresses": {"data": [
            {"type": "addresses", "id": first}, {"type": "addresses", "id": second}
        ]}})
    );
    let included = body["included"].as_array().expect("included");
    assert_eq!(included.len(), 2);
    assert_eq!(included[0]["type"], "addresses");
    assert_eq!(included[0]["attributes"]["isDefaultBilling"], true);
    assert_eq!(included[1]["attributes"]["isDefaultBilling"], false);
    let collection = glue
        .get("/customers?include=addresses", &session.access)
        .await
        .json();
    assert_eq!(collection["included"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        collection["links"]["self"],
        format!("{}/customers?include=addresses", glue.mock.uri())
    );
}

#[tokio::test]
async fn a_foreign_reference_is_411_403_or_404_with_the_api_platform() {
    let glue = Glue::new().await;
    let me = glue.session(&email("me")).await;
    let other = glue.register(&email("other")).await;
    for path in [
        format!("/customers/{other}"),
        format!("/customers/{other}/addresses"),
        "/customers/DE--99999".to_owned(),
    ] {
        glue.get(&path, &me.access)
            .await
            .assert_error(403, "411", "Unauthorized request.");
    }
    glue.call(
        "PATCH",
        &format!("/customers/{other}"),
        Some(&me.access),
        Some(document("customers", json!({"firstName": "X"}))),
    )
    .await
    .assert_error(403, "411", "Unauthorized request.");
    let api = Glue::with(SprykerOptions {
        api_platform: true,
        ..SprykerOptions::default()
    })
    .await;
    let me = api.session(&email("api-me")).await;
    let other = api.register(&email("api-other")).await;
    api.get(&format!("/customers/{other}"), &me.access)
        .await
        .assert_error(404, "411", "Unauthorized request.");
    api.get(&format!("/customers/{other}/addresses"), &me.access)
        .await
        .assert_error(403, "411", "Unauthorized request.");
}

#[tokio::test]
async fn profile_updates_change_what_was_sent() {
    let glue = Glue::new().await;
    let email = email("update");
    let session = glue.session(&email).await;
    let path = format!("/customers/{}", session.reference);
    let patch = |attributes: Value| {
        glue.call(
            "PATCH",
            &path,
            Some(&session.access),
            Some(document("customers", attributes)),
        )
    };
    let r = patch(json!({"firstName": "Anna", "dateOfBirth": "1991-02-03", "phone": "123"})).await;
    r.assert_status(200);
    let attributes = r.attributes();
    assert_eq!(attributes["firstName"], "Anna");
    assert_eq!(attributes["lastName"], "Wagner");
    assert_eq!(attributes["dateOfBirth"], "1991-02-03");
    assert_eq!(attributes["phone"], "123");
    let renamed = self::email("renamed");
    let r = patch(json!({"email": renamed})).await;
    r.assert_status(200);
    assert_eq!(r.attributes()["email"], renamed.as_str());
    let taken = self::email("taken-2");
    glue.register(&taken).await;
    patch(json!({"email": taken.to_uppercase()}))
        .await
        .assert_error(422, "400", CURRENT_DUPLICATE);
    patch(json!({"password": PASSWORD, "confirmPassword": NEW_PASSWORD}))
        .await
        .assert_error(
            422,
            "406",
            "Value in field password should be identical to value in the confirmPassword field.",
        );
    assert_eq!(
        patch(json!({"gender": "Other", "firstName": "", "dateOfBirth": "1991-13-01"}))
            .await
            .validation_details(),
        [
            "gender => The value you selected is not a valid choice.",
            "firstName => This value should not be blank.",
            "dateOfBirth => This value is not a valid date.",
        ]
    );
    glue.call(
        "PATCH",
        "/customers",
        Some(&session.access),
        Some(document("customers", json!({"firstName": "X"}))),
    )
    .await
    .assert_error(400, "405", "Customer reference is missing.");
    // The password is never changed here; the old email is gone.
    glue.login(&renamed, PASSWORD).await;
    glue.login_response(&email, PASSWORD).await.assert_error(
        401,
        "003",
        "Failed to authenticate user.",
    );
}

#[tokio::test]
async fn anonymizing_removes_the_customer() {
    let glue = Glue::new().await;
    let email = email("anonymize");
    let session = glue.session(&email).await;
    let path = format!("/customers/{}", session.reference);
    glue.call("DELETE", &path, Some(&session.access), None)
        .await
        .assert_status(204);
    glue.get(&path, &session.access)
        .await
        .assert_error(404, "402", "Customer not found.");
    glue.login_response(&email, PASSWORD).await.assert_error(
        401,
        "003",
        "Failed to authenticate user.",
    );
    glue.refresh(&session.refresh)
        .await
        .assert_error(401, "004", "Failed to refresh token.");
    glue.register(&email).await;
}

#[tokio::test]
async fn addresses_have_uuids_links_and_the_default_rules() {
    let glue = Glue::new().await;
    let session = glue.session(&email("addresses")).await;
    let base = format!("/customers/{}/addresses", session.reference);
    let r = glue.create_address(&session, berlin()).await;
    r.assert_status(201);
    let first = r.json()["data"].clone();
    let first_id = first["id"].as_str().expect("uuid").to_owned();
    assert_eq!(first_id.len(), 36);
    assert_eq!(
        first["links"]["self"],
        format!("{}{base}/{first_id}", glue.mock.uri())
    );
    let attributes = &first["attributes"];
    assert_eq!(attributes["country"], "Germany");
    assert_eq!(attributes["iso2Code"], "DE");
    assert_eq!(
        attributes["isDefaultBilling"], true,
        "the first becomes the default"
    );
    assert_eq!(attributes["isDefaultShipping"], true);
    assert!(attributes.get("address3").is_none(), "no null strings");
    let mut second = berlin();
    second["isDefaultShipping"] = json!(true);
    second["iso2Code"] = json!("at");
    let second = glue.create_address(&session, second).await.json()["data"].clone();
    let second_id = second["id"].as_str().expect("uuid").to_owned();
    assert_eq!(second["attributes"]["iso2Code"], "AT");
    assert_eq!(second["attributes"]["isDefaultShipping"], true, "moved");
    assert_eq!(second["attributes"]["isDefaultBilling"], false);
    let list = glue.get(&base, &session.access).await;
    list.assert_status(200);
    let list = list.json();
    assert_eq!(list["links"]["self"], format!("{}{base}", glue.mock.uri()));
    let flags: Vec<(Value, Value)> = list["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|a| {
            (
                a["attributes"]["isDefaultBilling"].clone(),
                a["attributes"]["isDefaultShipping"].clone(),
            )
        })
        .collect();
    assert_eq!(
        flags,
        [(json!(true), json!(false)), (json!(false), json!(true))]
    );
    // Deleting a default leaves none; the next address becomes it.
    glue.call(
        "DELETE",
        &format!("{base}/{second_id}"),
        Some(&session.access),
        None,
    )
    .await
    .assert_status(204);
    let shown = glue
        .get(&format!("{base}/{first_id}"), &session.access)
        .await;
    assert_eq!(shown.attributes()["isDefaultShipping"], false);
    let r = glue
        .call(
            "PATCH",
            &format!("{base}/{first_id}"),
            Some(&session.access),
            Some(document(
                "addresses",
                json!({"city": "Hamburg", "address3": "3. OG"}),
            )),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.attributes()["city"], "Hamburg");
    assert_eq!(r.attributes()["address3"], "3. OG");
    assert_eq!(
        r.attributes()["isDefaultShipping"],
        true,
        "no default: it becomes one"
    );
    glue.call(
        "DELETE",
        &format!("{base}/{first_id}"),
        Some(&session.access),
        None,
    )
    .await
    .assert_status(204);
    glue.get(&format!("{base}/{first_id}"), &session.access)
        .await
        .assert_error(404, "404", "Address was not found.");
    let third = glue.create_address(&session, berlin()).await.attributes();
    assert_eq!(third["isDefaultBilling"], true);
}

#[tokio::test]
async fn address_errors_have_their_codes() {
    let glue = Glue::new().await;
    let session = glue.session(&email("address-errors")).await;
    let stranger = glue.session(&email("address-stranger")).await;
    let base = format!("/customers/{}/addresses", session.reference);
    let mut attributes = berlin();
    attributes["city"] = json!("Ab");
    attributes["zipCode"] = json!("1".repeat(16));
    attributes
        .as_object_mut()
        .expect("object")
        .remove("address2");
    assert_eq!(
        glue.create_address(&session, attributes)
            .await
            .validation_details(),
        [
            "address2 => This field is missing.",
            "zipCode => This value is too long. It should have 15 characters or less.",
            "city => This value is too short. It should have 3 characters or more.",
        ]
    );
    let mut unknown = berlin();
    unknown["iso2Code"] = json!("XX");
    glue.create_address(&session, unknown).await.assert_error(
        400,
        "409",
        "Failed to save customer address.",
    );
    let uuid = glue.create_address(&session, berlin()).await.json()["data"]["id"]
        .as_str()
        .expect("uuid")
        .to_owned();
    glue.get(&format!("{base}/nope"), &session.access)
        .await
        .assert_error(404, "404", "Address was not found.");
    let stranger_base = format!("/customers/{}/addresses", stranger.reference);
    glue.get(&format!("{stranger_base}/{uuid}"), &stranger.access)
        .await
        .assert_error(404, "404", "Address was not found.");
    glue.call(
        "PATCH",
        &base,
        Some(&session.access),
        Some(document("addresses", json!({}))),
    )
    .await
    .assert_error(400, "412", "Address UUID is missing.");
    glue.call("DELETE", &base, Some(&session.access), None)
        .await
        .assert_error(400, "412", "Address UUID is missing.");
    glue.get(&base, "x.y.z")
        .await
        .assert_error(401, "001", "Invalid access token.");
    glue.call("GET", &base, None, None)
        .await
        .assert_error(403, "002", "Missing access token.");
}

#[tokio::test]
async fn forgotten_password_is_204_always_and_the_key_restores_via_any_path_id() {
    let glue = Glue::new().await;
    let email = email("forgotten");
    glue.register(&email).await;
    let request = |address: &str| {
        glue.post(
            "/customer-forgotten-password",
            "customer-forgotten-password",
            json!({"email": address}),
        )
    };
    request(&email).await.assert_status(204);
    request("nobody@example.com").await.assert_status(204);
    assert_eq!(
        glue.mock.outbox().len(),
        1,
        "only the known email gets a message"
    );
    assert_eq!(
        request("not-an-email").await.validation_details(),
        ["email => This value is not a valid email address."]
    );
    let key = glue.outbox_token("password_reset", &email);
    assert_eq!(key.len(), 32);
    let glue = &glue;
    let restore = |path_id: &str, key: &str, password: &str, confirm: &str| {
        let path = format!("/customer-restore-password/{path_id}");
        let body = json!({"data": {"type": "customer-restore-password", "id": path_id,
            "attributes": {"restorePasswordKey": key, "password": password,
                           "confirmPassword": confirm}}});
        async move { glue.call("PATCH", &path, None, Some(body)).await }
    };
    restore("x", &key, NEW_PASSWORD, PASSWORD)
        .await
        .assert_error(
            422,
            "406",
            "Value in field password should be identical to value in the confirmPassword field.",
        );
    restore("x", "wrong", NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_error(422, "415", "Restore password key is not valid.");
    assert_eq!(
        restore("x", &key, "weak", "weak")
            .await
            .validation_details(),
        [
            "password => This value is too short. It should have 12 characters or more.",
            "password => Your password must include at least one uppercase letter, one lowercase letter, one number, and one special character from the following list: !@#$%^&*()_-+=[]{}|;:<>.,/?\\~. Non-Latin and other special characters are not allowed.",
            "confirmPassword => This value is too short. It should have 12 characters or more.",
        ]
    );
    let r = restore("anything-at-all", &key, NEW_PASSWORD, NEW_PASSWORD).await;
    r.assert_status(204);
    assert!(r.body.is_empty());
    restore("x", &key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_error(422, "415", "Restore password key is not valid.");
    glue.login(&email, NEW_PASSWORD).await;
    glue.login_response(&email, PASSWORD).await.assert_error(
        401,
        "003",
        "Failed to authenticate user.",
    );
}

#[tokio::test]
async fn restore_keys_expire_only_with_a_ttl() {
    let glue = Glue::with(SprykerOptions {
        restore_key_ttl: Some(7200),
        ..SprykerOptions::default()
    })
    .await;
    let email = email("restore-ttl");
    glue.register(&email).await;
    glue.post(
        "/customer-forgotten-password",
        "customer-forgotten-password",
        json!({"email": email}),
    )
    .await
    .assert_status(204);
    let key = glue.outbox_token("password_reset", &email);
    glue.mock.advance_clock(Duration::from_secs(7200));
    glue.call(
        "PATCH",
        "/customer-restore-password/key",
        None,
        Some(document(
            "customer-restore-password",
            json!({"restorePasswordKey": key, "password": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}),
        )),
    )
    .await
    .assert_error(422, "415", "Restore password key is not valid.");
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one() {
    let glue = Glue::new().await;
    let email = email("change");
    let session = glue.session(&email).await;
    let (glue, access) = (&glue, session.access.as_str());
    let change = |reference: &str, current: &str, new: &str, confirm: &str| {
        let path = format!("/customer-password/{reference}");
        let body = document(
            "customer-password",
            json!({"password": current, "newPassword": new, "confirmPassword": confirm}),
        );
        async move { glue.call("PATCH", &path, Some(access), Some(body)).await }
    };
    change(
        &session.reference,
        "Wrong!password1",
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await
    .assert_error(400, "408", "Invalid password");
    change(&session.reference, PASSWORD, NEW_PASSWORD, PASSWORD)
        .await
        .assert_error(
            422,
            "406",
            "Value in field newPassword should be identical to value in the confirmPassword field.",
        );
    change("DE--99999", PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_error(403, "411", "Unauthorized request.");
    assert_eq!(
        change(&session.reference, "", "", "")
            .await
            .validation_details(),
        [
            "password => This value should not be blank.",
            "newPassword => This value should not be blank.",
            "newPassword => This value is too short. It should have 12 characters or more.",
            "confirmPassword => This value should not be blank.",
            "confirmPassword => This value is too short. It should have 12 characters or more.",
        ]
    );
    let r = change(&session.reference, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    r.assert_status(204);
    glue.login(&email, NEW_PASSWORD).await;
    // The session that changed it lives on.
    glue.get(
        &format!("/customers/{}", session.reference),
        &session.access,
    )
    .await
    .assert_status(200);
}

#[tokio::test]
async fn the_api_platform_accepts_n_a_and_confirms_by_reference() {
    let glue = Glue::with(SprykerOptions {
        api_platform: true,
        double_opt_in: true,
        ..SprykerOptions::default()
    })
    .await;
    let email = email("api-platform");
    let mut attributes = registration(&email);
    attributes["salutation"] = json!("n/a");
    let reference = glue.register_with(attributes).await;
    let key = glue.outbox_token("confirmation", &email);
    let (glue, key) = (&glue, key.as_str());
    let confirm = |reference: &str| {
        let path = format!("/customers/{reference}/confirm-registration");
        async move {
            glue.post(
                &path,
                "customers-confirm-registration",
                json!({"registrationKey": key}),
            )
            .await
        }
    };
    confirm("DE--99999").await.assert_error(
        422,
        "423",
        "This email confirmation code is invalid or has been already used.",
    );
    let r = confirm(&reference).await;
    r.assert_status(200);
    assert_eq!(r.json()["data"]["type"], "customers-confirm-registration");
    assert_eq!(r.attributes()["salutation"], "n/a");
    glue.login(&email, PASSWORD).await;
    let legacy = Glue::new().await;
    legacy
        .post(
            &format!("/customers/{reference}/confirm-registration"),
            "customers-confirm-registration",
            json!({"registrationKey": "x"}),
        )
        .await
        .assert_status(404);
    let mut attributes = registration(&self::email("legacy-na"));
    attributes["salutation"] = json!("n/a");
    assert_eq!(
        legacy
            .post("/customers", "customers", attributes)
            .await
            .validation_details(),
        ["salutation => The value you selected is not a valid choice."]
    );
}

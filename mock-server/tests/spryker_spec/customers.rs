//! Customers by reference: read, collection, update, foreign references, `?include=addresses`,
//! anonymisation (spec §2.7, §2.8, §2.10).
use crate::support::*;

use std::collections::BTreeSet;

use serde_json::{Value, json};

async fn patch_customer(glue: &Glue, s: &Session, reference: &str, attributes: Value) -> Resp {
    glue.call(
        "PATCH",
        &format!("/customers/{reference}"),
        Some(&s.access),
        Some(doc_id("customers", reference, attributes)),
    )
    .await
}

#[tokio::test]
async fn get_by_reference_returns_the_customer_resource() {
    let glue = Glue::new().await;
    let s = glue.session("get").await;
    let r = glue.get_customer(&s.access, &s.reference).await;
    let data = r.resource(200, "customers", &format!("/customers/{}", s.reference));
    assert_eq!(data["id"], json!(s.reference));
    let a = &data["attributes"];
    assert_eq!(a["email"], json!(s.email));
    assert_eq!(a["firstName"], "Sonia");
    assert_eq!(a["lastName"], "Wagner");
    assert_eq!(a["salutation"], "Mrs");
    assert_eq!(a["gender"], "Female");
    assert!(a.get("password").is_none(), "{a}");
}

#[tokio::test]
async fn get_customers_is_a_one_item_collection_of_the_caller() {
    let glue = Glue::new().await;
    let s = glue.session("coll").await;
    glue.session("someone-else").await;
    let r = glue.call("GET", "/customers", Some(&s.access), None).await;
    let items = r.collection("customers", "/customers");
    assert_eq!(items.len(), 1, "{}", r.text());
    assert_eq!(items[0]["id"], json!(s.reference));
    assert_eq!(items[0]["attributes"]["email"], json!(s.email));
    assert!(
        items[0]["links"]["self"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/customers/{}", s.reference))
    );
}

#[tokio::test]
async fn a_foreign_reference_is_411_with_403() {
    let glue = Glue::new().await;
    let a = glue.session("caller").await;
    let b = glue.session("owner").await;
    let r = &b.reference;
    let cases = [
        ("GET", format!("/customers/{r}"), None),
        (
            "PATCH",
            format!("/customers/{r}"),
            Some(doc_id("customers", r, json!({"firstName": "Eve"}))),
        ),
        ("GET", format!("/customers/{r}/addresses"), None),
        (
            "POST",
            format!("/customers/{r}/addresses"),
            Some(doc("addresses", address())),
        ),
        (
            "PATCH",
            format!("/customer-password/{r}"),
            Some(doc_id(
                "customer-password",
                r,
                json!({"password": PASSWORD, "newPassword": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}),
            )),
        ),
    ];
    for (method, path, body) in cases {
        let resp = glue.call(method, &path, Some(&a.access), body).await;
        assert_eq!(resp.status, 403, "{method} {path}: {}", resp.text());
        resp.assert_error(403, "411", UNAUTHORIZED);
    }
    // nothing changed for the owner
    let me = glue.get_customer(&b.access, &b.reference).await;
    assert_eq!(me.json()["data"]["attributes"]["firstName"], "Sonia");
    glue.login_ok(&b.email, PASSWORD).await;
}

#[tokio::test]
async fn a_foreign_reference_on_get_is_404_with_the_api_platform_option() {
    let glue = Glue::with(json!({"api_platform": true})).await;
    let a = glue.session("caller").await;
    let b = glue.session("owner").await;
    glue.get_customer(&a.access, &b.reference)
        .await
        .assert_error(404, "411", UNAUTHORIZED);
    glue.get_customer(&a.access, &a.reference)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn an_unknown_reference_is_refused() {
    let glue = Glue::new().await;
    let s = glue.session("unknown").await;
    for reference in ["DE--999999", "nobody"] {
        glue.get_customer(&s.access, reference)
            .await
            .assert_one_error_of(&[(403, "411", UNAUTHORIZED), (404, "402", CUSTOMER_NOT_FOUND)]);
        patch_customer(&glue, &s, reference, json!({"firstName": "X"}))
            .await
            .assert_one_error_of(&[(403, "411", UNAUTHORIZED), (404, "402", CUSTOMER_NOT_FOUND)]);
    }
}

#[tokio::test]
async fn include_addresses_adds_relationships_and_included() {
    let glue = Glue::new().await;
    let s = glue.session("incl").await;
    let mut uuids = BTreeSet::new();
    for city in ["Berlin", "Hamburg"] {
        let r = glue
            .create_address(&s, with(address(), json!({ "city": city })))
            .await;
        r.assert_status(201);
        uuids.insert(r.json()["data"]["id"].as_str().unwrap().to_string());
    }
    let path = format!("/customers/{}?include=addresses", s.reference);
    let r = glue.call("GET", &path, Some(&s.access), None).await;
    let data = r.resource(200, "customers", &format!("/customers/{}", s.reference));
    let rel: BTreeSet<String> = data["relationships"]["addresses"]["data"]
        .as_array()
        .unwrap_or_else(|| panic!("relationships.addresses.data: {data}"))
        .iter()
        .map(|x| {
            assert_eq!(x["type"], "addresses", "{x}");
            x["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(rel, uuids);
    let doc = r.json();
    let included = doc["included"].as_array().expect("included");
    let mut cities = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for item in included {
        let id = item["id"].as_str().unwrap();
        let self_path = format!("/customers/{}/addresses/{id}", s.reference);
        assert_resource(item, "addresses", &self_path);
        ids.insert(id.to_string());
        cities.insert(item["attributes"]["city"].as_str().unwrap().to_string());
    }
    assert_eq!(ids, uuids);
    assert_eq!(cities, BTreeSet::from(["Berlin".into(), "Hamburg".into()]));
}

#[tokio::test]
async fn patch_updates_the_writable_attributes() {
    let glue = Glue::new().await;
    let s = glue.session("patch").await;
    let changes = json!({
        "salutation": "Dr", "firstName": "Anna", "lastName": "Schmidt", "gender": "Male",
        "phone": "+49 40 555", "dateOfBirth": "1985-02-03"
    });
    let r = patch_customer(&glue, &s, &s.reference, changes.clone()).await;
    let data = r.resource(200, "customers", &format!("/customers/{}", s.reference));
    assert_eq!(data["id"], json!(s.reference));
    for (key, value) in changes.as_object().unwrap() {
        assert_eq!(&data["attributes"][key], value, "{key} in the answer");
    }
    assert_eq!(data["attributes"]["email"], json!(s.email), "untouched");
    let again = glue.get_customer(&s.access, &s.reference).await.json();
    for (key, value) in changes.as_object().unwrap() {
        assert_eq!(&again["data"]["attributes"][key], value, "{key} stored");
    }
}

#[tokio::test]
async fn patch_email_moves_the_login() {
    let glue = Glue::new().await;
    let s = glue.session("move").await;
    let new_email = email("moved");
    patch_customer(&glue, &s, &s.reference, json!({ "email": new_email }))
        .await
        .assert_status(200);
    glue.login_ok(&new_email, PASSWORD).await;
    glue.login(&s.email, PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn patch_to_a_taken_email_is_400_with_422() {
    let glue = Glue::new().await;
    let s = glue.session("taken").await;
    let other = glue.session("holder").await;
    for taken in [other.email.clone(), other.email.to_uppercase()] {
        patch_customer(&glue, &s, &s.reference, json!({ "email": taken }))
            .await
            .assert_error(422, "400", DUPLICATE_CURRENT);
    }
}

#[tokio::test]
async fn patch_validation_is_901() {
    let glue = Glue::new().await;
    let s = glue.session("pv").await;
    let cases = [
        (
            json!({"firstName": ""}),
            format!("firstName => {NOT_BLANK}"),
        ),
        (
            json!({"lastName": "x".repeat(101)}),
            format!("lastName => {}", too_long(100)),
        ),
        (
            json!({"salutation": "Sir"}),
            format!("salutation => {NOT_A_CHOICE}"),
        ),
    ];
    for (patch, detail) in cases {
        patch_customer(&glue, &s, &s.reference, patch)
            .await
            .assert_violations(&[&detail]);
    }
    let r = glue.get_customer(&s.access, &s.reference).await.json();
    assert_eq!(
        r["data"]["attributes"]["firstName"], "Sonia",
        "nothing saved"
    );
}

#[tokio::test]
async fn patch_never_changes_the_password() {
    let glue = Glue::new().await;
    let s = glue.session("nopw").await;
    let r = patch_customer(
        &glue,
        &s,
        &s.reference,
        json!({"password": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}),
    )
    .await;
    assert!(r.status < 500, "{}", r.text());
    glue.login_ok(&s.email, PASSWORD).await;
    glue.login(&s.email, NEW_PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn patch_without_a_reference_is_400() {
    let glue = Glue::new().await;
    let s = glue.session("noref").await;
    let r = glue
        .call(
            "PATCH",
            "/customers",
            Some(&s.access),
            Some(doc("customers", json!({"firstName": "X"}))),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text());
    r.assert_jsonapi_type();
    let e = &r.json()["errors"][0];
    assert_eq!(e["status"], 400);
    if e["code"] == "405" {
        assert_eq!(e["detail"], "Customer reference is missing.");
    }
}

#[tokio::test]
async fn anonymising_answers_204_and_ends_the_login() {
    let glue = Glue::new().await;
    let s = glue.session("gdpr").await;
    glue.call(
        "DELETE",
        &format!("/customers/{}", s.reference),
        Some(&s.access),
        None,
    )
    .await
    .assert_no_content();
    glue.login(&s.email, PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
}

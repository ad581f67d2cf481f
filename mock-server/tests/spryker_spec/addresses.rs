//! Addresses by UUID under `/customers/{ref}/addresses`, with the default rules of §2.11.
use crate::support::*;

use serde_json::{Value, json};

fn base(s: &Session) -> String {
    format!("/customers/{}/addresses", s.reference)
}

async fn create(glue: &Glue, s: &Session, patch: Value) -> Value {
    let r = glue.create_address(s, with(address(), patch)).await;
    let id = r.json()["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    r.resource(201, "addresses", &format!("{}/{id}", base(s)))
}

async fn list(glue: &Glue, s: &Session) -> Vec<Value> {
    let r = glue.call("GET", &base(s), Some(&s.access), None).await;
    r.collection("addresses", &base(s))
}

/// (shipping, billing) default flags by address id, from the list.
async fn defaults(glue: &Glue, s: &Session) -> Vec<(String, bool, bool)> {
    list(glue, s)
        .await
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["attributes"]["isDefaultShipping"].as_bool().unwrap(),
                a["attributes"]["isDefaultBilling"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn flags(all: &[(String, bool, bool)], id: &Value) -> (bool, bool) {
    let id = id.as_str().unwrap();
    let (_, s, b) = all.iter().find(|(x, _, _)| x == id).expect("listed");
    (*s, *b)
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|g| g.bytes().all(|c| c.is_ascii_hexdigit()))
}

#[tokio::test]
async fn create_answers_201_with_the_address_by_uuid() {
    let glue = Glue::new().await;
    let s = glue.session("addr").await;
    let data = create(&glue, &s, json!({})).await;
    let id = data["id"].as_str().unwrap().to_string();
    assert!(is_uuid(&id), "{id}");
    let a = &data["attributes"];
    for (key, value) in address().as_object().unwrap() {
        if !key.starts_with("isDefault") {
            assert_eq!(&a[key], value, "{key}");
        }
    }
    assert_eq!(a["country"], "Germany");
    let r = glue
        .call("GET", &format!("{}/{id}", base(&s)), Some(&s.access), None)
        .await;
    let got = r.resource(200, "addresses", &format!("{}/{id}", base(&s)));
    assert_eq!(got, data, "GET returns what POST answered");
}

#[tokio::test]
async fn the_first_address_becomes_both_defaults() {
    let glue = Glue::new().await;
    let s = glue.session("first").await;
    let first = create(&glue, &s, json!({})).await;
    assert_eq!(first["attributes"]["isDefaultShipping"], true);
    assert_eq!(first["attributes"]["isDefaultBilling"], true);
    let second = create(&glue, &s, json!({})).await;
    assert_eq!(second["attributes"]["isDefaultShipping"], false);
    assert_eq!(second["attributes"]["isDefaultBilling"], false);
    let all = defaults(&glue, &s).await;
    assert_eq!(flags(&all, &first["id"]), (true, true));
    assert_eq!(flags(&all, &second["id"]), (false, false));
}

#[tokio::test]
async fn is_default_true_moves_the_default() {
    let glue = Glue::new().await;
    let s = glue.session("move").await;
    let first = create(&glue, &s, json!({})).await;
    let second = create(&glue, &s, json!({"isDefaultShipping": true})).await;
    assert_eq!(second["attributes"]["isDefaultShipping"], true);
    let all = defaults(&glue, &s).await;
    assert_eq!(flags(&all, &first["id"]), (false, true));
    assert_eq!(flags(&all, &second["id"]), (true, false));
    let path = format!("{}/{}", base(&s), second["id"].as_str().unwrap());
    let body = doc_id(
        "addresses",
        second["id"].as_str().unwrap(),
        json!({"isDefaultBilling": true}),
    );
    let r = glue.call("PATCH", &path, Some(&s.access), Some(body)).await;
    let data = r.resource(200, "addresses", &path);
    assert_eq!(data["attributes"]["isDefaultBilling"], true);
    let all = defaults(&glue, &s).await;
    assert_eq!(flags(&all, &first["id"]), (false, false));
    assert_eq!(flags(&all, &second["id"]), (true, true));
}

#[tokio::test]
async fn deleting_a_default_address_leaves_no_default() {
    let glue = Glue::new().await;
    let s = glue.session("del").await;
    let first = create(&glue, &s, json!({})).await;
    let second = create(&glue, &s, json!({})).await;
    let path = format!("{}/{}", base(&s), first["id"].as_str().unwrap());
    glue.call("DELETE", &path, Some(&s.access), None)
        .await
        .assert_no_content();
    let all = defaults(&glue, &s).await;
    assert_eq!(all.len(), 1);
    assert_eq!(flags(&all, &second["id"]), (false, false), "not reassigned");
    // the next new address becomes the default again
    let third = create(&glue, &s, json!({})).await;
    assert_eq!(third["attributes"]["isDefaultShipping"], true);
    assert_eq!(third["attributes"]["isDefaultBilling"], true);
    // a hard delete: the address is gone
    glue.call("GET", &path, Some(&s.access), None)
        .await
        .assert_error(404, "404", ADDRESS_NOT_FOUND);
    glue.call("DELETE", &path, Some(&s.access), None)
        .await
        .assert_error(404, "404", ADDRESS_NOT_FOUND);
}

#[tokio::test]
async fn the_list_is_not_paginated() {
    let glue = Glue::new().await;
    let s = glue.session("many").await;
    assert!(list(&glue, &s).await.is_empty());
    for i in 0..30 {
        create(&glue, &s, json!({ "address2": i.to_string() })).await;
    }
    let r = glue.call("GET", &base(&s), Some(&s.access), None).await;
    assert_eq!(r.collection("addresses", &base(&s)).len(), 30);
    let links = &r.json()["links"];
    assert!(links.get("next").is_none_or(Value::is_null), "{links}");
}

#[tokio::test]
async fn patch_changes_only_the_given_attributes() {
    let glue = Glue::new().await;
    let s = glue.session("patch").await;
    let created = create(&glue, &s, json!({})).await;
    let id = created["id"].as_str().unwrap();
    let path = format!("{}/{id}", base(&s));
    let body = doc_id(
        "addresses",
        id,
        json!({"city": "Hamburg", "zipCode": "20095"}),
    );
    let r = glue.call("PATCH", &path, Some(&s.access), Some(body)).await;
    let data = r.resource(200, "addresses", &path);
    let mut expected = created["attributes"].clone();
    expected["city"] = json!("Hamburg");
    expected["zipCode"] = json!("20095");
    for key in [
        "city",
        "zipCode",
        "address1",
        "address2",
        "firstName",
        "iso2Code",
        "country",
    ] {
        assert_eq!(data["attributes"][key], expected[key], "{key}");
    }
}

#[tokio::test]
async fn address_validation_is_901_per_constraint() {
    let glue = Glue::new().await;
    let s = glue.session("val").await;
    let cases: Vec<(Value, Vec<String>)> = vec![
        (
            json!({"address1": ""}),
            vec![format!("address1 => {NOT_BLANK}")],
        ),
        (
            json!({"address2": ""}),
            vec![format!("address2 => {NOT_BLANK}")],
        ),
        (
            json!({"city": "Be"}),
            vec![format!("city => {}", too_short(3))],
        ),
        (
            json!({"city": "x".repeat(256)}),
            vec![format!("city => {}", too_long(255))],
        ),
        (
            json!({"zipCode": "1".repeat(16)}),
            vec![format!("zipCode => {}", too_long(15))],
        ),
        (
            json!({"address1": "x".repeat(256)}),
            vec![format!("address1 => {}", too_long(255))],
        ),
        (
            json!({"firstName": "x".repeat(101)}),
            vec![format!("firstName => {}", too_long(100))],
        ),
        (
            json!({"address2": "", "city": "Be"}),
            vec![
                format!("address2 => {NOT_BLANK}"),
                format!("city => {}", too_short(3)),
            ],
        ),
    ];
    for (patch, details) in cases {
        let r = glue
            .create_address(&s, with(address(), patch.clone()))
            .await;
        assert_eq!(r.status, 422, "{patch}: {}", r.text());
        r.assert_violations(&details.iter().map(String::as_str).collect::<Vec<_>>());
    }
    for field in ["address1", "address2", "city", "zipCode"] {
        let r = glue
            .create_address(&s, with(address(), json!({ field: null })))
            .await;
        assert_eq!(r.status, 422, "without {field}: {}", r.text());
        r.assert_missing(field);
    }
    // limits are inclusive, and nothing invalid was stored
    create(&glue, &s, json!({"city": "Ulm", "zipCode": "1".repeat(15)})).await;
    assert_eq!(list(&glue, &s).await.len(), 1);
    // the same rules on update
    let id = list(&glue, &s).await[0]["id"].as_str().unwrap().to_string();
    let path = format!("{}/{id}", base(&s));
    let body = doc_id("addresses", &id, json!({"city": "Be"}));
    glue.call("PATCH", &path, Some(&s.access), Some(body))
        .await
        .assert_violations(&[&format!("city => {}", too_short(3))]);
}

#[tokio::test]
async fn unknown_and_foreign_addresses_are_404() {
    let glue = Glue::new().await;
    let s = glue.session("mine").await;
    let other = glue.session("theirs").await;
    let theirs = create(&glue, &other, json!({})).await;
    create(&glue, &s, json!({})).await;
    for id in [
        "3a6ee102-007f-5245-aaec-af5b6e05685b".to_string(),
        "not-a-uuid".to_string(),
        theirs["id"].as_str().unwrap().to_string(),
    ] {
        let path = format!("{}/{id}", base(&s));
        glue.call("GET", &path, Some(&s.access), None)
            .await
            .assert_error(404, "404", ADDRESS_NOT_FOUND);
        let body = doc_id("addresses", &id, json!({"city": "Hamburg"}));
        glue.call("PATCH", &path, Some(&s.access), Some(body))
            .await
            .assert_error(404, "404", ADDRESS_NOT_FOUND);
        glue.call("DELETE", &path, Some(&s.access), None)
            .await
            .assert_error(404, "404", ADDRESS_NOT_FOUND);
    }
    // the other customer's address is untouched
    assert_eq!(list(&glue, &other).await.len(), 1);
    assert_eq!(list(&glue, &other).await[0]["attributes"]["city"], "Berlin");
}

#[tokio::test]
async fn write_without_an_address_uuid_is_400() {
    let glue = Glue::new().await;
    let s = glue.session("nouuid").await;
    create(&glue, &s, json!({})).await;
    for method in ["PATCH", "DELETE"] {
        let body = (method == "PATCH").then(|| doc("addresses", json!({"city": "Hamburg"})));
        let r = glue.call(method, &base(&s), Some(&s.access), body).await;
        assert_eq!(r.status, 400, "{method}: {}", r.text());
        r.assert_jsonapi_type();
        let e = &r.json()["errors"][0];
        assert_eq!(e["status"], 400);
        if e["code"] == "412" {
            assert_eq!(e["detail"], "Address UUID is missing.");
        }
    }
    assert_eq!(list(&glue, &s).await.len(), 1);
}

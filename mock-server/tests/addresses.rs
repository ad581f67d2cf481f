//! The address book (spec §2.9, §3.2, §4.9–4.13, §8).
mod common;
use common::*;

use serde_json::{Value, json};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn create_returns_201_dual_shape_and_first_address_is_both_defaults() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("addr")).await;
    let mut body = us_address();
    body["is_default_billing"] = json!(false);
    body["is_default_shipping"] = json!(false);
    let r = api.create_address(&jwt, body).await;
    r.assert_status(201);
    assert_json_content_type(&r);
    assert_keys(&r.text(), &[], &ADDRESS_KEYS_DUAL);
    let a = r.json();
    assert!(a["id"].as_str().unwrap().starts_with("addr_"));
    let expect = json!({
        "id": a["id"],
        "first_name": "John", "last_name": "Doe", "full_name": "John Doe",
        "address1": "169 Lovely Street", "address2": "Northwest", "postal_code": "10118",
        "city": "New York", "phone": "555-555-0199", "company": "Company",
        "country_name": "United States of America", "country_code": "US",
        "state_text": "NY", "state_code": "NY", "quick_checkout": false,
        "is_default_billing": true, "is_default_shipping": true,
        "state_abbr": "NY", "country_iso": "US", "state_name": "New York"
    });
    assert_eq!(a, expect);
    let me = api.get_me(&jwt).await;
    let me_raw = me.text();
    let me = me.json();
    assert_eq!(me["default_billing_address"], a);
    assert_eq!(me["default_shipping_address"], a);
    assert_eq!(me["addresses"], json!([a]));
    assert_keys(&me_raw, &["default_billing_address"], &ADDRESS_KEYS_DUAL);
}

#[tokio::test]
async fn create_accepts_6_0_names_and_upcases() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("de")).await;
    let mut b = de_address();
    b["country_code"] = json!("de");
    let a = api.create_address(&jwt, b).await;
    a.assert_status(201);
    let a = a.json();
    assert_eq!(a["country_code"], "DE");
    assert_eq!(a["country_iso"], "DE");
    assert_eq!(a["country_name"], "Germany");
    assert_eq!(a["state_abbr"], json!(null));
    assert_eq!(a["state_code"], json!(null));
    assert_eq!(a["state_text"], json!(null));
    assert_eq!(a["address2"], json!(null));
    assert_eq!(a["company"], json!(null));
}

#[tokio::test]
async fn legacy_name_wins_when_both_sent_and_alpha3_accepted() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("both")).await;
    let mut b = de_address();
    b["country_code"] = json!("DE");
    b["country_iso"] = json!("gb");
    b["postal_code"] = json!("SW1A 1AA");
    let a = api.create_address(&jwt, b).await.json();
    assert_eq!(a["country_iso"], "GB");
    assert_eq!(a["country_name"], "United Kingdom");
    let mut b = us_address();
    b["country_iso"] = json!("usa");
    b["state_abbr"] = json!("ny");
    let r = api.create_address(&jwt, b).await;
    r.assert_status(201);
    let a = r.json();
    assert_eq!(a["country_iso"], "US");
    assert_eq!(a["state_abbr"], "NY");
    // state_code alone works for US too
    let mut b = us_address();
    b.as_object_mut().unwrap().remove("state_abbr");
    b["state_code"] = json!("CA");
    b["postal_code"] = json!("90001-1234");
    let r = api.create_address(&jwt, b).await;
    r.assert_status(201);
    assert_eq!(r.json()["state_code"], "CA");
}

#[tokio::test]
async fn free_text_state_name_for_countries_without_states() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("bav")).await;
    let mut b = de_address();
    b["state_name"] = json!("Bavaria");
    let a = api.create_address(&jwt, b).await.json();
    assert_eq!(a["state_name"], "Bavaria");
    assert_eq!(a["state_text"], "Bavaria");
    assert_eq!(a["state_abbr"], json!(null));
}

#[tokio::test]
async fn create_validation_official_example() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("val")).await;
    api.create_address(&jwt, json!({})).await.assert_validation(
        "First Name can't be blank, Last Name can't be blank, Address can't be blank, City can't be blank, Country can't be blank, and Zip Code can't be blank",
        json!({"firstname":["can't be blank"],"lastname":["can't be blank"],"address1":["can't be blank"],"city":["can't be blank"],"country":["can't be blank"],"zipcode":["can't be blank"]}),
    );
}

#[tokio::test]
async fn create_validation_state_zip_country() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("val2")).await;
    let mut b = us_address();
    b.as_object_mut().unwrap().remove("state_abbr");
    api.create_address(&jwt, b)
        .await
        .assert_validation("State can't be blank", json!({"state": ["can't be blank"]}));
    let mut b = us_address();
    b["state_abbr"] = json!("ZZ");
    let r = api.create_address(&jwt, b).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "validation_error");
    assert!(
        r.json()["error"]["details"]["state"].is_array(),
        "{}",
        r.text()
    );
    let mut b = us_address();
    b["postal_code"] = json!("ABCDE");
    api.create_address(&jwt, b)
        .await
        .assert_validation("Zip Code is invalid", json!({"zipcode": ["is invalid"]}));
    let mut b = us_address();
    b["country_iso"] = json!("XX");
    b.as_object_mut().unwrap().remove("state_abbr");
    let r = api.create_address(&jwt, b).await;
    assert_eq!(r.status, 422);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Country can't be blank"),
        "{}",
        r.text()
    );
    assert_eq!(
        r.json()["error"]["details"]["country"],
        json!(["can't be blank"])
    );
    // nothing created
    let list = api
        .call("GET", "/customers/me/addresses", Some(&jwt), None)
        .await
        .json();
    assert_eq!(list["meta"]["count"], 0);
}

#[tokio::test]
async fn first_address_copies_names_and_phone_to_a_nameless_customer() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("copy")).await;
    api.create_address(&jwt, us_address())
        .await
        .assert_status(201);
    let me = api.get_me(&jwt).await.json();
    assert_eq!(me["first_name"], "John");
    assert_eq!(me["last_name"], "Doe");
    assert_eq!(me["full_name"], "John Doe");
    assert_eq!(me["phone"], "555-555-0199");
}

#[tokio::test]
async fn default_rules() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("defs")).await;
    let a1 = api.create_address(&jwt, us_address()).await.json();
    let a2 = api.create_address(&jwt, de_address()).await.json();
    assert_eq!(
        (
            a2["is_default_billing"].clone(),
            a2["is_default_shipping"].clone()
        ),
        (json!(false), json!(false))
    );
    let mut b = de_address();
    b["is_default_billing"] = json!(true);
    let a3 = api.create_address(&jwt, b).await.json();
    assert_eq!(a3["is_default_billing"], true);
    assert_eq!(a3["is_default_shipping"], false);
    let me = api.get_me(&jwt).await.json();
    assert_eq!(me["default_billing_address"]["id"], a3["id"]);
    assert_eq!(me["default_shipping_address"]["id"], a1["id"]);
    let got = api
        .call(
            "GET",
            &format!("/customers/me/addresses/{}", id(&a1)),
            Some(&jwt),
            None,
        )
        .await
        .json();
    assert_eq!(got["is_default_billing"], false, "a1 lost billing");
    assert_eq!(got["is_default_shipping"], true);
    // false never clears
    let r = api
        .call(
            "PATCH",
            &format!("/customers/me/addresses/{}", id(&a3)),
            Some(&jwt),
            Some(json!({"is_default_billing": false})),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json()["is_default_billing"], true);
    // update moves shipping to a2
    let r = api
        .call(
            "PATCH",
            &format!("/customers/me/addresses/{}", id(&a2)),
            Some(&jwt),
            Some(json!({"is_default_shipping": true})),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json()["is_default_shipping"], true);
    assert_eq!(r.json()["id"], a2["id"], "nothing changed: same id");
    let me = api.get_me(&jwt).await.json();
    assert_eq!(me["default_shipping_address"]["id"], a2["id"]);
}

#[tokio::test]
async fn list_pagination_meta() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("page")).await;
    let empty = api
        .call("GET", "/customers/me/addresses", Some(&jwt), None)
        .await;
    empty.assert_status(200);
    assert_keys(&empty.text(), &[], &["data", "meta"]);
    assert_keys(&empty.text(), &["meta"], &META_KEYS);
    assert_eq!(
        empty.json(),
        json!({"data":[],"meta":{"page":1,"limit":25,"count":0,"pages":1,"from":0,"to":0,"in":0,"previous":null,"next":null}})
    );
    let mut ids = vec![];
    for city in ["Alpha", "Beta", "Gamma"] {
        let mut b = de_address();
        b["city"] = json!(city);
        ids.push(id(&api.create_address(&jwt, b).await.json()));
    }
    let all = api
        .call("GET", "/customers/me/addresses", Some(&jwt), None)
        .await;
    all.assert_status(200);
    assert_keys(&all.text(), &["data", "0"], &ADDRESS_KEYS_DUAL);
    let v = all.json();
    assert_eq!(
        v["meta"],
        json!({"page":1,"limit":25,"count":3,"pages":1,"from":1,"to":3,"in":3,"previous":null,"next":null})
    );
    // most recently updated first
    let got: Vec<String> = v["data"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(got, vec![ids[2].clone(), ids[1].clone(), ids[0].clone()]);
    let p1 = api
        .call(
            "GET",
            "/customers/me/addresses?page=1&limit=2",
            Some(&jwt),
            None,
        )
        .await
        .json();
    assert_eq!(
        p1["meta"],
        json!({"page":1,"limit":2,"count":3,"pages":2,"from":1,"to":2,"in":2,"previous":null,"next":2})
    );
    assert_eq!(p1["data"].as_array().unwrap().len(), 2);
    let p2 = api
        .call(
            "GET",
            "/customers/me/addresses?page=2&limit=2",
            Some(&jwt),
            None,
        )
        .await
        .json();
    assert_eq!(
        p2["meta"],
        json!({"page":2,"limit":2,"count":3,"pages":2,"from":3,"to":3,"in":1,"previous":1,"next":null})
    );
    assert_eq!(p2["data"][0]["id"], json!(ids[0]));
    let capped = api
        .call("GET", "/customers/me/addresses?limit=500", Some(&jwt), None)
        .await
        .json();
    assert_eq!(capped["meta"]["limit"], 100);
    // updating the oldest moves it to the front
    api.call(
        "PATCH",
        &format!("/customers/me/addresses/{}", ids[0]),
        Some(&jwt),
        Some(json!({"city": "Delta"})),
    )
    .await
    .assert_status(200);
    let v = api
        .call("GET", "/customers/me/addresses", Some(&jwt), None)
        .await
        .json();
    assert_eq!(v["data"][0]["id"], json!(ids[0]));
    assert_eq!(v["data"][0]["city"], "Delta");
    // the profile lists the same order
    let me = api.get_me(&jwt).await.json();
    let pid: Vec<String> = me["addresses"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(pid, vec![ids[0].clone(), ids[2].clone(), ids[1].clone()]);
}

#[tokio::test]
async fn get_address_and_404s_do_not_disclose_ownership() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("own")).await;
    let (other, _, _) = api.session(&email("other")).await;
    let a = api.create_address(&jwt, us_address()).await.json();
    let r = api
        .call(
            "GET",
            &format!("/customers/me/addresses/{}", id(&a)),
            Some(&jwt),
            None,
        )
        .await;
    r.assert_status(200);
    assert_keys(&r.text(), &[], &ADDRESS_KEYS_DUAL);
    assert_eq!(r.json(), a);
    let foreign = api
        .call(
            "GET",
            &format!("/customers/me/addresses/{}", id(&a)),
            Some(&other),
            None,
        )
        .await;
    foreign.assert_error(404, "record_not_found", "Address not found");
    let unknown = api
        .call(
            "GET",
            "/customers/me/addresses/addr_doesnotexist",
            Some(&jwt),
            None,
        )
        .await;
    unknown.assert_error(404, "record_not_found", "Address not found");
    assert_eq!(foreign.body, unknown.body);
    for (m, b) in [
        ("PATCH", Some(json!({"city": "X"}))),
        ("PUT", Some(json!({"city": "X"}))),
        ("DELETE", None),
    ] {
        api.call(
            m,
            &format!("/customers/me/addresses/{}", id(&a)),
            Some(&other),
            b,
        )
        .await
        .assert_error(404, "record_not_found", "Address not found");
    }
    // untouched
    let again = api
        .call(
            "GET",
            &format!("/customers/me/addresses/{}", id(&a)),
            Some(&jwt),
            None,
        )
        .await
        .json();
    assert_eq!(again, a);
}

#[tokio::test]
async fn update_address_fields_and_put() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("upd")).await;
    let a = api.create_address(&jwt, us_address()).await.json();
    let path = format!("/customers/me/addresses/{}", id(&a));
    let r = api.call("PATCH", &path, Some(&jwt), Some(json!({"city": "Los Angeles", "state_abbr": "CA", "postal_code": "90001", "address2": ""}))).await;
    r.assert_status(200);
    assert_keys(&r.text(), &[], &ADDRESS_KEYS_DUAL);
    let u = r.json();
    assert_eq!(u["id"], a["id"], "editable address keeps its id");
    assert_eq!(u["city"], "Los Angeles");
    assert_eq!(u["state_abbr"], "CA");
    assert_eq!(u["state_name"], "California");
    assert_eq!(u["address2"], json!(null), "blank clears");
    assert_eq!(u["is_default_billing"], true);
    let r = api
        .call(
            "PUT",
            &path,
            Some(&jwt),
            Some(json!({"company": "Acme Inc"})),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json()["company"], "Acme Inc");
    api.call(
        "PATCH",
        &path,
        Some(&jwt),
        Some(json!({"postal_code": "nope"})),
    )
    .await
    .assert_validation("Zip Code is invalid", json!({"zipcode": ["is invalid"]}));
    api.call("PATCH", &path, Some(&jwt), Some(json!({"first_name": ""})))
        .await
        .assert_validation(
            "First Name can't be blank",
            json!({"firstname": ["can't be blank"]}),
        );
    api.call(
        "PATCH",
        "/customers/me/addresses/addr_missing0000",
        Some(&jwt),
        Some(json!({"city": "X"})),
    )
    .await
    .assert_error(404, "record_not_found", "Address not found");
}

#[tokio::test]
async fn ordered_address_gets_a_new_id_on_update_and_keeps_defaults() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("ord")).await;
    let a = api.create_address(&jwt, us_address()).await.json();
    let old = id(&a);
    assert!(api.mock.mark_address_ordered(&old));
    assert!(!api.mock.mark_address_ordered("addr_nonexistent"));
    // nothing changed (case-only counts as no change): same id
    let r = api
        .call(
            "PATCH",
            &format!("/customers/me/addresses/{old}"),
            Some(&jwt),
            Some(json!({"city": "new york"})),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json()["id"], json!(old));
    let r = api
        .call(
            "PATCH",
            &format!("/customers/me/addresses/{old}"),
            Some(&jwt),
            Some(json!({"city": "Brooklyn"})),
        )
        .await;
    r.assert_status(200);
    let n = r.json();
    let new = id(&n);
    assert_ne!(new, old, "not-editable address replaced");
    assert!(new.starts_with("addr_"));
    assert_eq!(n["city"], "Brooklyn");
    assert_eq!(n["is_default_billing"], true);
    assert_eq!(n["is_default_shipping"], true);
    let me = api.get_me(&jwt).await.json();
    assert_eq!(me["default_billing_address"]["id"], json!(new));
    assert_eq!(me["default_shipping_address"]["id"], json!(new));
    let list = api
        .call("GET", "/customers/me/addresses", Some(&jwt), None)
        .await
        .json();
    assert_eq!(list["meta"]["count"], 1, "old row soft-deleted: {list}");
    api.call(
        "GET",
        &format!("/customers/me/addresses/{old}"),
        Some(&jwt),
        None,
    )
    .await
    .assert_error(404, "record_not_found", "Address not found");
}

#[tokio::test]
async fn mark_ordered_over_http() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("ordh")).await;
    let a = api.create_address(&jwt, us_address()).await.json();
    let r = api
        .control(
            "POST",
            &format!("/__mock/addresses/{}/complete_order", id(&a)),
            None,
        )
        .await;
    assert!((200..300).contains(&r.status), "{}", r.status);
    let r = api
        .control(
            "POST",
            "/__mock/addresses/addr_nonexistent/complete_order",
            None,
        )
        .await;
    assert!(
        (400..500).contains(&r.status),
        "unknown address: {}",
        r.status
    );
    let n = api
        .call(
            "PATCH",
            &format!("/customers/me/addresses/{}", id(&a)),
            Some(&jwt),
            Some(json!({"address1": "1 New Rd"})),
        )
        .await
        .json();
    assert_ne!(n["id"], a["id"]);
}

#[tokio::test]
async fn delete_address_and_default_fallback() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("del")).await;
    let a1 = api.create_address(&jwt, us_address()).await.json(); // both defaults
    let mut b = de_address();
    b["city"] = json!("Second");
    let a2 = api.create_address(&jwt, b).await.json();
    let mut b = de_address();
    b["city"] = json!("Third");
    let a3 = api.create_address(&jwt, b).await.json();
    // touch a2 so that "most recently updated" and "most recently created" differ
    api.call(
        "PATCH",
        &format!("/customers/me/addresses/{}", id(&a2)),
        Some(&jwt),
        Some(json!({"company": "Touched"})),
    )
    .await
    .assert_status(200);
    let r = api
        .call(
            "DELETE",
            &format!("/customers/me/addresses/{}", id(&a1)),
            Some(&jwt),
            None,
        )
        .await;
    r.assert_status(204);
    assert!(r.body.is_empty());
    api.call(
        "GET",
        &format!("/customers/me/addresses/{}", id(&a1)),
        Some(&jwt),
        None,
    )
    .await
    .assert_error(404, "record_not_found", "Address not found");
    api.call(
        "DELETE",
        &format!("/customers/me/addresses/{}", id(&a1)),
        Some(&jwt),
        None,
    )
    .await
    .assert_error(404, "record_not_found", "Address not found");
    let me = api.get_me(&jwt).await.json();
    assert_eq!(
        me["default_billing_address"]["id"], a3["id"],
        "moves to the most recently created"
    );
    assert_eq!(me["default_shipping_address"]["id"], a3["id"]);
    api.call(
        "DELETE",
        &format!("/customers/me/addresses/{}", id(&a3)),
        Some(&jwt),
        None,
    )
    .await
    .assert_status(204);
    let me = api.get_me(&jwt).await.json();
    assert_eq!(me["default_billing_address"]["id"], a2["id"]);
    api.call(
        "DELETE",
        &format!("/customers/me/addresses/{}", id(&a2)),
        Some(&jwt),
        None,
    )
    .await
    .assert_status(204);
    let me = api.get_me(&jwt).await.json();
    assert_eq!(me["default_billing_address"], json!(null));
    assert_eq!(me["default_shipping_address"], json!(null));
    assert_eq!(me["addresses"], json!([]));
}

#[tokio::test]
async fn deleting_an_ordered_address_hides_it() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("delord")).await;
    let a = api.create_address(&jwt, us_address()).await.json();
    assert!(api.mock.mark_address_ordered(&id(&a)));
    api.call(
        "DELETE",
        &format!("/customers/me/addresses/{}", id(&a)),
        Some(&jwt),
        None,
    )
    .await
    .assert_status(204);
    let list = api
        .call("GET", "/customers/me/addresses", Some(&jwt), None)
        .await
        .json();
    assert_eq!(list["meta"]["count"], 0);
    api.call(
        "GET",
        &format!("/customers/me/addresses/{}", id(&a)),
        Some(&jwt),
        None,
    )
    .await
    .assert_error(404, "record_not_found", "Address not found");
}

#[tokio::test]
async fn address_routes_check_jwt_before_key() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("order")).await;
    let a = api.create_address(&jwt, us_address()).await.json();
    let one = format!("/customers/me/addresses/{}", id(&a));
    let routes: Vec<(&str, &str)> = vec![
        ("GET", "/customers/me/addresses"),
        ("POST", "/customers/me/addresses"),
        ("GET", &one),
        ("PATCH", &one),
        ("PUT", &one),
        ("DELETE", &one),
    ];
    let bearer = format!("Bearer {jwt}");
    for (m, p) in routes {
        let body = if m == "GET" || m == "DELETE" {
            None
        } else {
            Some(b"{}".to_vec())
        };
        api.raw(m, p, &[], body.clone()).await.assert_error(
            401,
            "authentication_required",
            "Authentication required",
        );
        api.raw(m, p, &[("X-Spree-Api-Key", KEY)], body.clone())
            .await
            .assert_error(401, "authentication_required", "Authentication required");
        api.raw(m, p, &[("Authorization", &bearer)], body.clone())
            .await
            .assert_error(401, "invalid_token", "Valid API key required");
        api.raw(
            m,
            p,
            &[("Authorization", &bearer), ("X-Spree-Api-Key", "pk_wrong")],
            body,
        )
        .await
        .assert_error(401, "invalid_token", "Valid API key required");
    }
}

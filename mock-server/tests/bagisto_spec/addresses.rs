//! Address book, `/api/shop/customer-addresses` (spec §2.9; DISCREPANCIES Bagisto 3): the processor
//! shape on writes, the model shape on reads, one default flag, 403 for unknown or foreign ids.
use crate::support::*;

use serde_json::{Value, json};

const NOT_YOURS: &str = "Address not found or does not belong to this customer";

#[tokio::test]
async fn create_is_201_in_the_processor_shape_echoing_the_lines() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("addr")).await;
    let r = bag.create_address(&token, full_address()).await;
    r.assert_status(201);
    assert_json_content_type(&r);
    assert_key_order(&r, &ADDRESS_WRITE_KEYS);
    let v = r.json();
    let id = id_of(&v);
    assert_eq!(
        v,
        json!({
            "id": id, "addressId": id, "firstName": "Api", "lastName": "Addr",
            "companyName": "Acme Inc.", "vatId": "GB123456789", "email": "api@example.com",
            "phone": "1234567890", "address1": "123 Main St", "address2": "Apt 4B",
            "country": "US", "state": "NY", "city": "New York", "postcode": "10001",
            "defaultAddress": false
        })
    );
}

#[tokio::test]
async fn get_and_list_use_the_model_shape_with_newline_joined_lines() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("read")).await;
    let t0 = 1_800_000_000;
    bag.set_clock(t0).await;
    let id = bag.address_id(&token, full_address()).await;
    let r = bag.get_address(&token, id).await;
    r.assert_status(200);
    assert_json_content_type(&r);
    assert_key_order(&r, &ADDRESS_READ_KEYS);
    let v = r.json();
    let stamps = (v["createdAt"].clone(), v["updatedAt"].clone());
    assert_eq!(
        v,
        json!({
            "id": id, "addressType": "customer", "firstName": "Api", "lastName": "Addr",
            "companyName": "Acme Inc.", "address": "123 Main St\nApt 4B", "city": "New York",
            "state": "NY", "country": "US", "postcode": "10001", "email": "api@example.com",
            "phone": "1234567890", "vatId": "GB123456789", "defaultAddress": false,
            "useForShipping": false, "createdAt": stamps.0, "updatedAt": stamps.1,
            "name": "Api Addr"
        })
    );
    for stamp in [&v["createdAt"], &v["updatedAt"]] {
        assert_eq!(
            rfc3339_unix(stamp.as_str().expect("timestamp string")),
            t0,
            "timestamps follow the mock clock"
        );
    }
    assert_eq!(bag.list_addresses(&token).await, vec![v]);
    let list = bag
        .call("GET", "/customer-addresses", Some(&token), None)
        .await;
    assert_key_order(&list, &ADDRESS_READ_KEYS);
}

#[tokio::test]
async fn a_single_line_is_stored_as_is_and_echoed_with_a_null_second_line() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("one")).await;
    let mut body = full_address();
    body.as_object_mut().unwrap().remove("address2");
    let v = bag.create_address(&token, body).await.json();
    assert_eq!(v["address1"], "123 Main St");
    assert_eq!(v["address2"], Value::Null);
    let read = bag.get_address(&token, id_of(&v)).await.json();
    assert_eq!(read["address"], "123 Main St");
}

#[tokio::test]
async fn unified_fields_alone_are_accepted() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("unified")).await;
    let r = bag.create_address(&token, unified_address()).await;
    r.assert_status(201);
    let v = r.json();
    for (k, want) in unified_address().as_object().unwrap() {
        assert_eq!(&v[k], want, "{k} echoed: {v}");
    }
    assert_eq!(v["defaultAddress"], false);
    let read = bag.get_address(&token, id_of(&v)).await.json();
    assert_eq!(read["address"], "Hauptstr. 1\nHinterhaus");
    assert_eq!(read["name"], "Erika Mustermann");
    assert_eq!(read["postcode"], "10115");
    assert_eq!(read["country"], "DE");
}

#[tokio::test]
async fn update_is_200_in_the_processor_shape_and_keeps_unsent_fields() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("upd")).await;
    let t0 = 1_800_000_000;
    bag.set_clock(t0).await;
    let id = bag.address_id(&token, full_address()).await;
    bag.advance(100);
    let path = format!("/customer-addresses/{id}");
    let r = bag
        .call(
            "PUT",
            &path,
            Some(&token),
            Some(json!({"city": "Boston", "phone": "5551112222"})),
        )
        .await;
    r.assert_status(200);
    assert_key_order(&r, &ADDRESS_WRITE_KEYS);
    let mut expected = full_address();
    expected["city"] = json!("Boston");
    expected["phone"] = json!("5551112222");
    expected["id"] = json!(id);
    expected["addressId"] = json!(id);
    assert_eq!(r.json(), expected, "the stored lines are echoed");
    let read = bag.get_address(&token, id).await.json();
    assert_eq!(read["city"], "Boston");
    assert_eq!(read["address"], "123 Main St\nApt 4B");
    assert_eq!(rfc3339_unix(read["createdAt"].as_str().unwrap()), t0);
    assert_eq!(rfc3339_unix(read["updatedAt"].as_str().unwrap()), t0 + 100);
    let lines = bag
        .call(
            "PUT",
            &path,
            Some(&token),
            Some(json!({"address1": "1 New Rd", "address2": "Floor 2"})),
        )
        .await
        .json();
    assert_eq!(
        (&lines["address1"], &lines["address2"]),
        (&json!("1 New Rd"), &json!("Floor 2"))
    );
    let read = bag.get_address(&token, id).await.json();
    assert_eq!(read["address"], "1 New Rd\nFloor 2");
}

#[tokio::test]
async fn a_first_address_is_not_the_default() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("first")).await;
    let id = bag.address_id(&token, unified_address()).await;
    assert_eq!(
        bag.get_address(&token, id).await.json()["defaultAddress"],
        false
    );
}

#[tokio::test]
async fn one_default_address_setting_it_clears_the_others() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("def")).await;
    let (_, other) = bag.session(&email("def-other")).await;
    let mut default = full_address();
    default["defaultAddress"] = json!(true);
    let theirs = bag.address_id(&other, default.clone()).await;
    let a = bag.address_id(&token, default.clone()).await;
    let b = bag.address_id(&token, full_address()).await;
    let c = bag.address_id(&token, default).await;
    let flags = |list: Vec<Value>| -> Vec<(i64, bool)> {
        list.iter()
            .map(|x| (id_of(x), x["defaultAddress"].as_bool().expect("bool")))
            .collect()
    };
    assert_eq!(
        flags(bag.list_addresses(&token).await),
        vec![(a, false), (b, false), (c, true)]
    );
    let r = bag
        .call(
            "PUT",
            &format!("/customer-addresses/{b}"),
            Some(&token),
            Some(json!({"defaultAddress": true})),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json()["defaultAddress"], true);
    assert_eq!(
        flags(bag.list_addresses(&token).await),
        vec![(a, false), (b, true), (c, false)]
    );
    // another customer's default is untouched
    assert_eq!(
        bag.get_address(&other, theirs).await.json()["defaultAddress"],
        true
    );
}

#[tokio::test]
async fn unknown_or_foreign_addresses_are_403() {
    let bag = Bag::new().await;
    let (_, owner) = bag.session(&email("owner")).await;
    let (_, thief) = bag.session(&email("thief")).await;
    let id = bag.address_id(&owner, full_address()).await;
    for (token, target) in [(&thief, id), (&owner, id + 1000), (&thief, 987_654)] {
        let path = format!("/customer-addresses/{target}");
        bag.call("GET", &path, Some(token), None)
            .await
            .assert_problem(403, NOT_YOURS);
        bag.call("PUT", &path, Some(token), Some(json!({"city": "Stolen"})))
            .await
            .assert_problem(403, NOT_YOURS);
        bag.call("DELETE", &path, Some(token), None)
            .await
            .assert_problem(403, NOT_YOURS);
    }
    let read = bag.get_address(&owner, id).await;
    read.assert_status(200);
    assert_eq!(read.json()["city"], "New York");
    assert!(bag.list_addresses(&thief).await.is_empty());
}

#[tokio::test]
async fn delete_is_204_and_the_address_is_gone() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("del")).await;
    let keep = bag.address_id(&token, unified_address()).await;
    let gone = bag.address_id(&token, full_address()).await;
    let path = format!("/customer-addresses/{gone}");
    let r = bag.call("DELETE", &path, Some(&token), None).await;
    r.assert_status(204);
    assert!(r.body.is_empty(), "204 has no body: {:?}", r.text());
    bag.get_address(&token, gone)
        .await
        .assert_problem(403, NOT_YOURS);
    bag.call("DELETE", &path, Some(&token), None)
        .await
        .assert_problem(403, NOT_YOURS);
    let ids: Vec<i64> = bag.list_addresses(&token).await.iter().map(id_of).collect();
    assert_eq!(ids, vec![keep]);
}

#[tokio::test]
async fn the_list_sorts_by_id_either_way() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("sort")).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(bag.address_id(&token, unified_address()).await);
    }
    let listed = |q: &'static str| {
        let bag = &bag;
        let token = token.clone();
        async move {
            let r = bag
                .call(
                    "GET",
                    &format!("/customer-addresses{q}"),
                    Some(&token),
                    None,
                )
                .await;
            r.assert_status(200);
            r.json()
                .as_array()
                .unwrap()
                .iter()
                .map(id_of)
                .collect::<Vec<i64>>()
        }
    };
    let mut desc = ids.clone();
    desc.reverse();
    assert_eq!(listed("").await, ids);
    assert_eq!(listed("?sort=id").await, ids);
    assert_eq!(listed("?order=desc").await, desc);
    assert_eq!(listed("?sort=id-desc").await, desc);
    assert_eq!(listed("?sort=id&order=asc").await, ids);
}

#[tokio::test]
async fn the_list_cap_is_an_option() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("cap")).await;
    for _ in 0..11 {
        bag.address_id(&token, unified_address()).await;
    }
    assert_eq!(
        bag.list_addresses(&token).await.len(),
        11,
        "no cap by default"
    );
    bag.config(json!({"bagisto": {"address_list_cap": 10}}))
        .await;
    assert_eq!(bag.list_addresses(&token).await.len(), 10);
}

#[tokio::test]
async fn auth_failures_have_the_documented_details() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("auth")).await;
    let id = bag.address_id(&token, full_address()).await;
    let key = [("X-STOREFRONT-KEY", bag.key.as_str())];
    let body = || Some(serde_json::to_vec(&full_address()).unwrap());
    let item = format!("/api/shop/customer-addresses/{id}");
    let read_detail = "Authentication token is required. Please provide the token in the \
                       Authorization header as \"Bearer <token>\"";
    for path in ["/api/shop/customer-addresses", item.as_str()] {
        bag.raw("GET", path, &key, None)
            .await
            .assert_problem(401, read_detail);
    }
    bag.raw("POST", "/api/shop/customer-addresses", &key, body())
        .await
        .assert_problem(401, "Authentication token is required");
    bag.raw("PUT", &item, &key, body())
        .await
        .assert_problem(401, "Authentication token is required");
    bag.raw("DELETE", &item, &key, None)
        .await
        .assert_problem(401, "Authentication token is required");
    let bad = tampered(&token);
    for (method, path) in [
        ("GET", "/customer-addresses".to_owned()),
        ("POST", "/customer-addresses".to_owned()),
        ("GET", format!("/customer-addresses/{id}")),
        ("PUT", format!("/customer-addresses/{id}")),
        ("DELETE", format!("/customer-addresses/{id}")),
    ] {
        let body = (method == "POST" || method == "PUT").then(full_address);
        bag.call(method, &path, Some(&bad), body)
            .await
            .assert_problem(401, "Invalid or expired token");
    }
    assert_eq!(bag.list_addresses(&token).await.len(), 1, "nothing changed");
}

#[tokio::test]
async fn wrong_json_types_are_422() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("types")).await;
    let mut body = full_address();
    body["address1"] = json!(["123 Main St"]);
    bag.create_address(&token, body).await.assert_problem(
        422,
        "The \"address1\" field must be of type string, array given.",
    );
    let mut body = full_address();
    body["defaultAddress"] = json!("yes");
    bag.create_address(&token, body)
        .await
        .assert_problem_any(422);
    assert!(bag.list_addresses(&token).await.is_empty());
}

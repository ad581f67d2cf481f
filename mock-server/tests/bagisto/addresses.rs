//! Addresses (spec §2.9): the processor shape on writes, the model shape on reads, one
//! exclusive default flag, 403 for unknown or foreign ids, and writes with any subset of the
//! fields accepted.

use crate::common::{assert_keys, email};
use crate::fixture::{Shop, assert_problem, declared_address, unified_address};
use serde_json::{Value, json};
use storefront_mock::BagistoOptions;

const WRITTEN_KEYS: [&str; 15] = [
    "id",
    "addressId",
    "firstName",
    "lastName",
    "companyName",
    "vatId",
    "email",
    "phone",
    "address1",
    "address2",
    "country",
    "state",
    "city",
    "postcode",
    "defaultAddress",
];

const STORED_KEYS: [&str; 18] = [
    "id",
    "addressType",
    "firstName",
    "lastName",
    "companyName",
    "address",
    "city",
    "state",
    "country",
    "postcode",
    "email",
    "phone",
    "vatId",
    "defaultAddress",
    "useForShipping",
    "createdAt",
    "updatedAt",
    "name",
];

const NOT_FOUND: &str = "Address not found or does not belong to this customer";

fn id_of(v: &Value) -> u64 {
    v["id"].as_u64().expect("integer id")
}

#[tokio::test]
async fn writes_answer_the_processor_shape_and_reads_the_model_shape() {
    let shop = Shop::new().await;
    shop.mock.set_clock(1_782_991_588);
    let (token, _) = shop.session(&email("shapes")).await;
    let mut body = declared_address();
    body["address2"] = json!("Apt 4B");
    let r = shop.create_address(&token, body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_keys(&r.text(), &[], &WRITTEN_KEYS);
    let written = r.json();
    let id = id_of(&written);
    assert_eq!(
        written,
        json!({"id": id, "addressId": id, "firstName": "Api", "lastName": "Addr", "companyName": "Acme Inc.",
               "vatId": "GB123456789", "email": "api@example.com", "phone": "1234567890",
               "address1": "123 Main St", "address2": "Apt 4B", "country": "US", "state": "NY",
               "city": "New York", "postcode": "10001", "defaultAddress": true})
    );
    let r = shop
        .call(
            "GET",
            &format!("/customer-addresses/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_keys(&r.text(), &[], &STORED_KEYS);
    assert_eq!(
        r.json(),
        json!({"id": id, "addressType": "customer", "firstName": "Api", "lastName": "Addr",
               "companyName": "Acme Inc.", "address": "123 Main St\nApt 4B", "city": "New York",
               "state": "NY", "country": "US", "postcode": "10001", "email": "api@example.com",
               "phone": "1234567890", "vatId": "GB123456789", "defaultAddress": true,
               "useForShipping": false, "createdAt": "2026-07-02T11:26:28+00:00",
               "updatedAt": "2026-07-02T11:26:28+00:00", "name": "Api Addr"})
    );
    let list = shop
        .call("GET", "/customer-addresses", Some(&token), None)
        .await;
    assert_eq!(list.status, 200);
    assert_keys(&list.text(), &["0"], &STORED_KEYS);
    assert_eq!(list.json().as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn unified_fields_only_are_accepted_and_so_is_nothing() {
    let shop = Shop::new().await;
    let (token, _) = shop.session(&email("unified")).await;
    let r = shop.create_address(&token, unified_address()).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(
        (v["address1"].clone(), v["address2"].clone()),
        (json!("Unter den Linden 1"), json!("Hinterhaus"))
    );
    assert_eq!(
        (
            v["state"].clone(),
            v["email"].clone(),
            v["companyName"].clone()
        ),
        (Value::Null, Value::Null, Value::Null)
    );
    assert_eq!(
        v["defaultAddress"], false,
        "a first address is not the default"
    );
    for body in [
        json!({}),
        json!({"address": "ignored single line"}),
        json!({"firstName": null}),
    ] {
        let r = shop.create_address(&token, body).await;
        assert_eq!(r.status, 201, "{}", r.text());
        let stored = shop
            .call(
                "GET",
                &format!("/customer-addresses/{}", id_of(&r.json())),
                Some(&token),
                None,
            )
            .await
            .json();
        assert_eq!(
            (stored["address"].clone(), stored["name"].clone()),
            (json!(""), json!(" "))
        );
    }
    let r = shop
        .create_address(&token, json!({"address1": ["x"]}))
        .await;
    assert_problem(
        &r,
        422,
        "Unprocessable Entity",
        "The \"address1\" field must be of type string, array given.",
    );
}

#[tokio::test]
async fn one_default_flag_cleared_on_the_others() {
    let shop = Shop::new().await;
    let (token, _) = shop.session(&email("defaults")).await;
    let (other_token, _) = shop.session(&email("defaults-other")).await;
    let foreign = id_of(
        &shop
            .create_address(&other_token, declared_address())
            .await
            .json(),
    );
    let first = id_of(&shop.create_address(&token, declared_address()).await.json());
    let second = id_of(&shop.create_address(&token, declared_address()).await.json());
    let defaults = |list: Value| -> Vec<(u64, bool)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|a| (id_of(a), a["defaultAddress"].as_bool().unwrap()))
            .collect()
    };
    let list = shop
        .call("GET", "/customer-addresses", Some(&token), None)
        .await
        .json();
    assert_eq!(defaults(list), [(first, false), (second, true)]);
    let r = shop
        .call(
            "PUT",
            &format!("/customer-addresses/{first}"),
            Some(&token),
            Some(json!({"addressId": first, "defaultAddress": true})),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["defaultAddress"].clone()),
        (200, json!(true))
    );
    let list = shop
        .call("GET", "/customer-addresses", Some(&token), None)
        .await
        .json();
    assert_eq!(defaults(list), [(first, true), (second, false)]);
    let theirs = shop
        .call("GET", "/customer-addresses", Some(&other_token), None)
        .await
        .json();
    assert_eq!(
        defaults(theirs),
        [(foreign, true)],
        "another customer's default is untouched"
    );
    let r = shop
        .call(
            "PUT",
            &format!("/customer-addresses/{first}"),
            Some(&token),
            Some(json!({"default_address": false})),
        )
        .await;
    assert_eq!(r.json()["defaultAddress"], false);
}

#[tokio::test]
async fn updates_replace_what_was_sent_and_both_lines_together() {
    let shop = Shop::new().await;
    let (token, _) = shop.session(&email("update")).await;
    let mut body = declared_address();
    body["address2"] = json!("Apt 4B");
    let id = id_of(&shop.create_address(&token, body).await.json());
    let path = format!("/customer-addresses/{id}");
    let r = shop
        .call(
            "PUT",
            &path,
            Some(&token),
            Some(json!({"city": "Boston", "phone": "5551112222"})),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_keys(&r.text(), &[], &WRITTEN_KEYS);
    let v = r.json();
    assert_eq!(
        (v["city"].clone(), v["phone"].clone(), v["address2"].clone()),
        (json!("Boston"), json!("5551112222"), json!("Apt 4B"))
    );
    let r = shop
        .call(
            "PUT",
            &path,
            Some(&token),
            Some(json!({"address1": "456 Oak Ave"})),
        )
        .await;
    assert_eq!(
        (r.json()["address1"].clone(), r.json()["address2"].clone()),
        (json!("456 Oak Ave"), Value::Null)
    );
    let r = shop
        .call(
            "PUT",
            &path,
            Some(&token),
            Some(json!({"address2": "Suite 100"})),
        )
        .await;
    assert_eq!(
        (r.json()["address1"].clone(), r.json()["address2"].clone()),
        (json!("Suite 100"), Value::Null)
    );
    let stored = shop.call("GET", &path, Some(&token), None).await.json();
    assert_eq!(stored["address"], "Suite 100");
}

#[tokio::test]
async fn unknown_and_foreign_addresses_are_403() {
    let shop = Shop::new().await;
    let (token, _) = shop.session(&email("mine")).await;
    let (other_token, _) = shop.session(&email("theirs")).await;
    let foreign = id_of(
        &shop
            .create_address(&other_token, declared_address())
            .await
            .json(),
    );
    for id in [foreign.to_string(), "999999".into(), "-3".into()] {
        let path = format!("/customer-addresses/{id}");
        for (method, body) in [
            ("GET", None),
            ("PUT", Some(json!({"city": "X"}))),
            ("DELETE", None),
        ] {
            let r = shop.call(method, &path, Some(&token), body).await;
            assert_problem(&r, 403, "Forbidden", NOT_FOUND);
        }
    }
    for id in ["0", "abc"] {
        let r = shop
            .call(
                "DELETE",
                &format!("/customer-addresses/{id}"),
                Some(&token),
                None,
            )
            .await;
        assert_problem(&r, 400, "Bad Request", "Address ID is required");
    }
    let theirs = shop
        .call(
            "GET",
            &format!("/customer-addresses/{foreign}"),
            Some(&other_token),
            None,
        )
        .await;
    assert_eq!(
        theirs.json()["city"],
        "New York",
        "the owner's address is untouched"
    );
}

#[tokio::test]
async fn delete_is_204_and_the_address_is_gone() {
    let shop = Shop::new().await;
    let (token, _) = shop.session(&email("delete")).await;
    let id = id_of(&shop.create_address(&token, unified_address()).await.json());
    let r = shop
        .call(
            "DELETE",
            &format!("/customer-addresses/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!((r.status, r.body.len()), (204, 0));
    let r = shop
        .call(
            "DELETE",
            &format!("/customer-addresses/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_problem(&r, 403, "Forbidden", NOT_FOUND);
    assert_eq!(
        shop.call("GET", "/customer-addresses", Some(&token), None)
            .await
            .json(),
        json!([])
    );
}

#[tokio::test]
async fn missing_and_invalid_tokens_are_worded_per_operation() {
    let shop = Shop::new().await;
    let read = "Authentication token is required. Please provide the token in the Authorization header as \"Bearer <token>\"";
    let write = "Authentication token is required";
    for (method, path, detail) in [
        ("GET", "/customer-addresses", read),
        ("GET", "/customer-addresses/1", read),
        ("POST", "/customer-addresses", write),
        ("PUT", "/customer-addresses/1", write),
        ("DELETE", "/customer-addresses/1", write),
    ] {
        let body = (method == "POST" || method == "PUT").then(|| json!({}));
        assert_problem(
            &shop.call(method, path, None, body.clone()).await,
            401,
            "Unauthorized",
            detail,
        );
        assert_problem(
            &shop.call(method, path, Some("1|bad"), body).await,
            401,
            "Unauthorized",
            "Invalid or expired token",
        );
    }
}

#[tokio::test]
async fn the_list_sorts_and_caps_as_configured() {
    let shop = Shop::with(BagistoOptions {
        address_list_cap: Some(2),
        ..BagistoOptions::default()
    })
    .await;
    let (token, _) = shop.session(&email("sorted")).await;
    let mut ids = vec![];
    for second in [30, 10, 20] {
        shop.mock.set_clock(1_800_000_000 + second);
        ids.push(id_of(
            &shop.create_address(&token, unified_address()).await.json(),
        ));
    }
    let listed = |query: &'static str| {
        let shop = &shop;
        let token = token.clone();
        async move {
            let list = shop
                .call(
                    "GET",
                    &format!("/customer-addresses{query}"),
                    Some(&token),
                    None,
                )
                .await
                .json();
            list.as_array()
                .unwrap()
                .iter()
                .map(id_of)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed("").await, [ids[0], ids[1]]);
    assert_eq!(listed("?order=desc").await, [ids[2], ids[1]]);
    assert_eq!(listed("?sort=created_at").await, [ids[1], ids[2]]);
    assert_eq!(
        listed("?sort=created_at-desc&order=asc").await,
        [ids[0], ids[2]]
    );
    assert_eq!(listed("?sort=bogus&order=sideways").await, [ids[0], ids[1]]);
    let uncapped = Shop::new().await;
    let (token, _) = uncapped.session(&email("uncapped")).await;
    for _ in 0..12 {
        uncapped.create_address(&token, json!({})).await;
    }
    let list = uncapped
        .call("GET", "/customer-addresses", Some(&token), None)
        .await
        .json();
    assert_eq!(list.as_array().map(Vec::len), Some(12), "no cap by default");
}

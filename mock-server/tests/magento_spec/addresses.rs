//! The address book through `PUT /V1/customers/me` (spec §2.6, §2.12): `addresses` is a full
//! replacement when present (with id → updated, without → created, left out → deleted),
//! untouched when absent or null; the default billing/shipping routes.
use crate::support::bodies::not_authorized;
use crate::support::*;

use serde_json::{Value, json};

/// A customer with two addresses: the seed's (default billing and shipping) and a German one.
async fn two_addresses(shop: &Shop) -> (String, Value) {
    let e = email("book");
    shop.register_raw(json!({
        "customer": {"email": e, "firstname": "Jane", "lastname": "Doe",
                     "addresses": [seed_address(), de_address("Berlin")]},
        "password": PASSWORD
    }))
    .await
    .ok();
    let token = shop.token(&e).await;
    let customer = shop.me(&token).await.ok();
    assert_eq!(customer["addresses"].as_array().unwrap().len(), 2);
    (token, customer)
}

fn ids(customer: &Value) -> Vec<Value> {
    customer["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].clone())
        .collect()
}

#[tokio::test]
async fn an_entry_with_an_id_is_updated_in_place() {
    let shop = Shop::new().await;
    let (token, mut customer) = two_addresses(&shop).await;
    let target = customer["addresses"][1]["id"].clone();
    customer["addresses"][1]["city"] = json!("Hamburg");
    customer["addresses"][1]["postcode"] = json!("20095");
    let saved = shop.put_me(&token, customer.clone()).await.ok();
    assert_eq!(ids(&saved), ids(&customer));
    let updated = address_by_id(&saved, &target);
    assert_eq!(updated["city"], "Hamburg");
    assert_eq!(updated["postcode"], "20095");
    assert_eq!(updated["customer_id"], customer["id"]);
}

#[tokio::test]
async fn an_entry_without_an_id_is_created() {
    let shop = Shop::new().await;
    let (token, mut customer) = two_addresses(&shop).await;
    let before = ids(&customer);
    customer["addresses"]
        .as_array_mut()
        .unwrap()
        .push(de_address("Munich"));
    let saved = shop.put_me(&token, customer).await.ok();
    let after = ids(&saved);
    assert_eq!(after.len(), 3, "{saved}");
    let new: Vec<&Value> = after.iter().filter(|id| !before.contains(id)).collect();
    assert_eq!(new.len(), 1, "exactly one new id: {saved}");
    assert!(new[0].is_i64(), "{saved}");
    assert_eq!(address_by_id(&saved, new[0])["city"], "Munich");
    for id in &before {
        address_by_id(&saved, id);
    }
}

#[tokio::test]
async fn an_existing_entry_left_out_is_deleted() {
    let shop = Shop::new().await;
    let (token, mut customer) = two_addresses(&shop).await;
    let kept = customer["addresses"][0]["id"].clone();
    customer["addresses"].as_array_mut().unwrap().truncate(1);
    let saved = shop.put_me(&token, customer).await.ok();
    assert_eq!(ids(&saved), vec![kept.clone()]);
    assert_eq!(ids(&shop.me(&token).await.ok()), vec![kept]);
}

#[tokio::test]
async fn an_empty_array_deletes_every_address() {
    let shop = Shop::new().await;
    let (token, mut customer) = two_addresses(&shop).await;
    customer["addresses"] = json!([]);
    customer.as_object_mut().unwrap().remove("default_billing");
    customer.as_object_mut().unwrap().remove("default_shipping");
    let saved = shop.put_me(&token, customer).await.ok();
    assert_eq!(saved["addresses"], json!([]));
}

#[tokio::test]
async fn update_create_and_delete_in_one_put() {
    let shop = Shop::new().await;
    let (token, customer) = two_addresses(&shop).await;
    let mut default = customer["addresses"][0].clone();
    default["telephone"] = json!("512-555-2222");
    let deleted = customer["addresses"][1]["id"].clone();
    let mut body = customer.clone();
    body["addresses"] = json!([default, de_address("Cologne")]);
    let saved = shop.put_me(&token, body).await.ok();
    let after = ids(&saved);
    assert_eq!(after.len(), 2, "{saved}");
    assert!(!after.contains(&deleted), "{saved}");
    let kept = address_by_id(&saved, &customer["addresses"][0]["id"]);
    assert_eq!(kept["telephone"], "512-555-2222");
    assert_eq!(
        kept["region"],
        json!({"region_code": "NY", "region": "New York", "region_id": 43})
    );
    let created = saved["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] != kept["id"])
        .unwrap();
    assert_eq!(created["city"], "Cologne");
}

#[tokio::test]
async fn addresses_absent_or_null_are_untouched() {
    let shop = Shop::new().await;
    let (token, customer) = two_addresses(&shop).await;
    let mut absent = customer.clone();
    absent.as_object_mut().unwrap().remove("addresses");
    absent["firstname"] = json!("Absent");
    let saved = shop.put_me(&token, absent).await.ok();
    assert_eq!(saved["firstname"], "Absent");
    assert_eq!(saved["addresses"], customer["addresses"]);
    let mut null = customer.clone();
    null["addresses"] = Value::Null;
    null["firstname"] = json!("Null");
    let saved = shop.put_me(&token, null).await.ok();
    assert_eq!(saved["firstname"], "Null");
    assert_eq!(saved["addresses"], customer["addresses"]);
    assert_eq!(
        shop.me(&token).await.ok()["addresses"],
        customer["addresses"]
    );
}

#[tokio::test]
async fn another_customers_address_id_does_not_move_or_change_it() {
    let shop = Shop::new().await;
    let (victim_token, victim) = two_addresses(&shop).await;
    let (token, mut mine) = two_addresses(&shop).await;
    let mut stolen = victim["addresses"][1].clone();
    stolen["city"] = json!("Stolen");
    mine["addresses"].as_array_mut().unwrap().push(stolen);
    let r = shop.put_me(&token, mine).await;
    assert!(r.status < 500, "{}", r.text());
    assert_eq!(shop.me(&victim_token).await.ok(), victim);
}

#[tokio::test]
async fn default_address_routes_return_the_default_entries() {
    let shop = Shop::new().await;
    let (token, customer) = two_addresses(&shop).await;
    let default_id = customer["addresses"][0]["id"].clone();
    assert_eq!(customer["default_billing"], json!(default_id.to_string()));
    assert_eq!(customer["default_shipping"], json!(default_id.to_string()));
    let expected = address_by_id(&customer, &default_id);
    for route in ["billingAddress", "shippingAddress"] {
        let path = format!("/V1/customers/me/{route}");
        let address = shop.call("GET", &path, Some(&token), None).await.ok();
        assert_eq!(address, expected, "{route}");
    }
}

#[tokio::test]
async fn default_address_routes_without_a_default_are_200_and_empty() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("nodefault")).await;
    for route in ["billingAddress", "shippingAddress"] {
        let path = format!("/V1/customers/me/{route}");
        let r = shop.call("GET", &path, Some(&token), None).await;
        assert_eq!(r.status, 200, "{route}: {}", r.text());
        let text = r.text();
        let empty =
            text.trim().is_empty() || [json!(null), json!({}), json!([])].contains(&r.json());
        assert!(empty, "{route}: empty or null, got {text}");
    }
}

#[tokio::test]
async fn default_address_routes_need_a_customer_token() {
    let shop = Shop::new().await;
    for route in ["billingAddress", "shippingAddress"] {
        let path = format!("/V1/customers/me/{route}");
        shop.call("GET", &path, None, None)
            .await
            .assert_error(401, not_authorized());
    }
}

#[tokio::test]
async fn admin_address_routes_refuse_a_customer_token() {
    let shop = Shop::new().await;
    let (token, customer) = two_addresses(&shop).await;
    let id = customer["addresses"][1]["id"].to_string();
    for (method, path) in [
        ("GET", format!("/V1/customers/addresses/{id}")),
        ("DELETE", format!("/V1/addresses/{id}")),
    ] {
        let r = shop.call(method, &path, Some(&token), None).await;
        assert!(
            (400..500).contains(&r.status),
            "{method} {path}: {}",
            r.text()
        );
        r.assert_message(r.status);
    }
    assert_eq!(shop.me(&token).await.ok(), customer);
}

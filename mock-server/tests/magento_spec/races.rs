//! Concurrency: one email registers once; concurrent whole-customer PUTs never mix two
//! requests' address lists (issue 8 §5, spec §2.12 hazards).
use crate::support::bodies::duplicate;
use crate::support::*;

use std::sync::Arc;

use serde_json::{Value, json};
use tokio::sync::Barrier;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_registrations_of_one_email_yield_exactly_one_200() {
    for round in 0..5 {
        let shop = Arc::new(Shop::new().await);
        let e = email("race");
        let barrier = Arc::new(Barrier::new(20));
        let mut tasks = vec![];
        for i in 0..20 {
            let (shop, e, barrier) = (shop.clone(), e.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                let http = client();
                let body = json!({"customer": {"email": e, "firstname": format!("F{i}"),
                                               "lastname": "Racer"}, "password": PASSWORD});
                barrier.wait().await;
                let url = format!("{}/rest/default/V1/customers", shop.origin());
                let bytes = serde_json::to_vec(&body).unwrap();
                send(&http, "POST", &url, &[], Some(bytes)).await
            }));
        }
        let mut created = vec![];
        for task in tasks {
            let r = task.await.unwrap();
            match r.status {
                200 => created.push(r.json()),
                400 => r.assert_error(400, duplicate()),
                s => panic!("round {round}: unexpected {s}: {}", r.text()),
            }
        }
        assert_eq!(
            created.len(),
            1,
            "round {round}: exactly one registration wins"
        );
        let token = shop.token(&e).await;
        assert_eq!(shop.me(&token).await.ok(), created[0]);
    }
}

/// Task `i`'s address list: two German addresses named after it.
fn addresses_of(i: usize) -> Value {
    json!([
        de_address(&format!("City{i}a")),
        de_address(&format!("City{i}b"))
    ])
}

/// The task whose addresses `customer` holds; fails when lists were mixed.
#[track_caller]
fn owner(customer: &Value) -> String {
    let cities: Vec<String> = customer["addresses"]
        .as_array()
        .expect("addresses")
        .iter()
        .map(|a| a["city"].as_str().expect("city").to_owned())
        .collect();
    assert_eq!(cities.len(), 2, "two addresses, not a mix: {cities:?}");
    let task = cities[0].trim_end_matches(['a', 'b']).to_owned();
    let mut sorted_cities = cities.clone();
    sorted_cities.sort();
    assert_eq!(
        sorted_cities,
        [format!("{task}a"), format!("{task}b")],
        "one request's list: {cities:?}"
    );
    task
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_address_puts_never_corrupt_the_customer() {
    let shop = Arc::new(Shop::new().await);
    let (token, customer) = shop.customer(&email("puts")).await;
    let barrier = Arc::new(Barrier::new(20));
    let mut tasks = vec![];
    for i in 0..20 {
        let (shop, token, barrier) = (shop.clone(), token.clone(), barrier.clone());
        let mut body = customer.clone();
        body["addresses"] = addresses_of(i);
        tasks.push(tokio::spawn(async move {
            let http = client();
            let url = format!("{}/rest/default/V1/customers/me", shop.origin());
            let bearer = format!("Bearer {token}");
            let bytes = serde_json::to_vec(&json!({ "customer": body })).unwrap();
            barrier.wait().await;
            send(
                &http,
                "PUT",
                &url,
                &[("Authorization", &bearer)],
                Some(bytes),
            )
            .await
        }));
    }
    let mut responses = vec![];
    for task in tasks {
        let saved = task.await.unwrap().ok();
        owner(&saved);
        let addresses = saved["addresses"].as_array().unwrap();
        assert_ne!(addresses[0]["id"], addresses[1]["id"], "{saved}");
        for address in addresses {
            assert_eq!(address["customer_id"], customer["id"]);
        }
        responses.push(saved["addresses"].clone());
    }
    let last = shop.me(&token).await.ok();
    owner(&last);
    assert!(
        responses.contains(&last["addresses"]),
        "the stored list is one request's answer: {last}"
    );
    assert_eq!(last["email"], customer["email"]);
    assert_eq!(last["id"], customer["id"]);
}

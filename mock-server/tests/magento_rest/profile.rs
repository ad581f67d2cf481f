//! `PUT /V1/customers/me`: the whole customer, `customer.id` forced, the address book replaced
//! (spec §2.6), and the default addresses.

use crate::fixture::{Magento, assert_body, berlin, required};
use serde_json::{Value, json};

fn ids(customer: &Value) -> Vec<i64> {
    customer["addresses"]
        .as_array()
        .map(|list| list.iter().filter_map(|a| a["id"].as_i64()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn addresses_are_replaced_entries_with_ids_updated_without_created_absent_deleted() {
    let magento = Magento::new().await;
    let token = magento.session("book@example.com").await;
    let mut me = magento.me(&token).await.json();
    me["addresses"] = json!([berlin(), berlin()]);
    let r = magento.save_me(&token, me).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = r.json();
    let [first, second] = ids(&saved)[..] else {
        panic!("two addresses: {saved}");
    };
    assert!(
        saved.get("default_billing").is_none(),
        "no automatic default: {saved}"
    );
    assert_eq!(
        saved["addresses"][0]["region"],
        json!({"region_code": "", "region": "", "region_id": 0})
    );
    assert!(saved["addresses"][0].get("default_billing").is_none());

    // Keep the second (moved, made default), drop the first, add a new one.
    let mut me = saved.clone();
    me["addresses"] = json!([
        {"id": second, "city": "Potsdam", "postcode": "14467", "default_billing": true, "defaultShipping": true},
        berlin(),
    ]);
    let saved = magento.save_me(&token, me).await.json();
    let now = ids(&saved);
    assert_eq!(now.len(), 2);
    assert_eq!(now[0], second);
    assert!(!now.contains(&first), "absent ids are deleted");
    assert_eq!(saved["addresses"][0]["city"], "Potsdam");
    assert_eq!(
        saved["addresses"][0]["street"],
        json!(["Unter den Linden 1", "Hinterhaus"]),
        "untouched fields stay"
    );
    assert_eq!(saved["default_billing"], json!(second.to_string()));
    assert_eq!(saved["default_shipping"], json!(second.to_string()));
    assert_eq!(saved["addresses"][0]["default_billing"], true);

    let billing = magento
        .call(
            "GET",
            "/rest/default/V1/customers/me/billingAddress",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(billing.json()["id"], json!(second));
    let shipping = magento
        .call(
            "GET",
            "/rest/default/V1/customers/me/shippingAddress",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(shipping.json()["city"], "Potsdam");

    // `addresses` absent or null: untouched.
    for without in [
        json!({"email": "book@example.com", "firstname": "Janet", "lastname": "Doe"}),
        json!({"email": "book@example.com", "firstname": "Janet", "lastname": "Doe", "addresses": null}),
    ] {
        let saved = magento.save_me(&token, without).await.json();
        assert_eq!(ids(&saved), now);
        assert_eq!(saved["firstname"], "Janet");
    }

    // Deleting the default clears it; an empty list deletes everything.
    let mut me = magento.me(&token).await.json();
    me["addresses"] = json!([]);
    let saved = magento.save_me(&token, me).await.json();
    assert!(ids(&saved).is_empty());
    assert!(saved.get("default_billing").is_none());
    let none = magento
        .call(
            "GET",
            "/rest/default/V1/customers/me/billingAddress",
            Some(&token),
            None,
        )
        .await;
    assert_eq!((none.status, none.text()), (200, "null".to_owned()));
}

#[tokio::test]
async fn the_token_decides_whose_customer_is_saved_and_foreign_address_ids_are_unknown() {
    let magento = Magento::new().await;
    let alice = magento.session("alice@example.com").await;
    let bob = magento.session("bob@example.com").await;
    let mut alice_me = magento.me(&alice).await.json();
    alice_me["addresses"] = json!([berlin()]);
    let alice_me = magento.save_me(&alice, alice_me).await.json();
    let hers = alice_me["addresses"][0]["id"].clone();

    let mut forged = magento.me(&bob).await.json();
    forged["id"] = alice_me["id"].clone();
    forged["firstname"] = json!("Robert");
    let saved = magento
        .call(
            "PUT",
            "/rest/default/V1/customers/me",
            Some(&bob),
            Some(json!({"customer": forged, "passwordHash": "ignored"})),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.json()["email"], "bob@example.com");
    assert_eq!(magento.me(&alice).await.json()["firstname"], "Jane");

    let mut steal = magento.me(&bob).await.json();
    steal["addresses"] = json!([{"id": hers, "city": "Mine"}]);
    let r = magento.save_me(&bob, steal).await;
    assert_body(
        &r,
        404,
        json!({"message": "No such entity with %fieldName = %fieldValue", "parameters": {"fieldName": "addressId", "fieldValue": hers.to_string()}}),
    );
    assert_eq!(
        magento.me(&alice).await.json()["addresses"][0]["city"],
        "Berlin"
    );
}

#[tokio::test]
async fn validation_refuses_blank_names_bad_emails_taken_emails_and_bad_addresses() {
    let magento = Magento::new().await;
    let token = magento.session("valid@example.com").await;
    magento.register("taken@example.com").await;
    let r = magento
        .save_me(
            &token,
            json!({"email": "valid@example.com", "lastname": "Doe"}),
        )
        .await;
    assert_body(&r, 400, required("firstname"));
    let r = magento
        .save_me(&token, json!({"email": "valid@example.com"}))
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "One or more input exceptions have occurred.", "errors": [
        {"message": "\"%fieldName\" is required. Enter and try again.", "parameters": {"fieldName": "firstname"}},
        {"message": "\"%fieldName\" is required. Enter and try again.", "parameters": {"fieldName": "lastname"}}]}),
    );
    let r = magento
        .save_me(
            &token,
            json!({"email": "invalid", "firstname": "J", "lastname": "D"}),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "Invalid value of \"%value\" provided for the %fieldName field.", "parameters": {"fieldName": "email", "value": "invalid"}}),
    );
    let r = magento
        .save_me(
            &token,
            json!({"email": "taken@example.com", "firstname": "J", "lastname": "D"}),
        )
        .await;
    assert_body(
        &r,
        400,
        json!({"message": "A customer with the same email address already exists in an associated website."}),
    );
    let mut us = berlin();
    us["countryId"] = json!("US");
    let r = magento.save_me(&token, json!({"email": "valid@example.com", "firstname": "J", "lastname": "D", "addresses": [us]})).await;
    assert_body(&r, 400, required("regionId"));
    let r = magento.save_me(&token, json!({"email": "valid@example.com", "firstname": "J", "lastname": "D", "addresses": [{"countryId": "XX"}]})).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["message"],
        "One or more input exceptions have occurred."
    );
    assert_eq!(r.json()["errors"].as_array().map(Vec::len), Some(7));
    assert_eq!(
        magento.me(&token).await.json()["email"],
        "valid@example.com",
        "nothing changed"
    );
    let r = magento.save_me(&token, json!({"email": "New@Example.com", "firstname": "J", "lastname": "D", "dob": "1990-01-15", "gender": 2, "extension_attributes": {"is_subscribed": true}})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = r.json();
    assert_eq!(
        (
            saved["email"].clone(),
            saved["dob"].clone(),
            saved["gender"].clone()
        ),
        (json!("New@Example.com"), json!("1990-01-15"), json!(2))
    );
    assert_eq!(
        saved["extension_attributes"],
        json!({"is_subscribed": true})
    );
    assert_eq!(
        magento
            .login("new@example.com", crate::fixture::PASSWORD)
            .await
            .status,
        200
    );
}

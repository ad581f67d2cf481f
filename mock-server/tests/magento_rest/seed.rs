//! Seed 000 (`shared/seeds/000_*.txt`, Adobe's "Create a customer and generate a customer
//! token" tutorial) verbatim: every request byte as the page shows it, and the response shape.

use crate::common::keys_of;
use crate::fixture::{Magento, PASSWORD};
use serde_json::{Value, json};

/// The registration payload, byte for byte as the seed shows it (tabs and all).
const REGISTER_PAYLOAD: &str = r#"{
	"customer": {
		"email": "jdoe@example.com",
		"firstname": "Jane",
		"lastname": "Doe",
		"addresses": [{
			"defaultShipping": true,
			"defaultBilling": true,
			"firstname": "Jane",
			"lastname": "Doe",
			"region": {
				"regionCode": "NY",
				"region": "New York",
        "regionId":43
			},
			"postcode": "10755",
			"street": ["123 Oak Ave"],
			"city": "Purchase",
			"telephone": "512-555-1111",
			"countryId": "US"
		}]
	},
  "password": "Password1"
}
"#;

/// The seed's response to it.
const REGISTER_RESPONSE: &str = r#"{
  "id": 2,
  "group_id": 1,
  "default_billing": "2",
  "default_shipping": "2",
  "created_at": "2017-01-31 01:18:13",
  "updated_at": "2017-01-31 01:18:13",
  "created_in": "Default Store View",
  "email": "jdoe@example.com",
  "firstname": "Jane",
  "lastname": "Doe",
  "store_id": 1,
  "website_id": 1,
  "addresses": [
    {
      "id": 2,
      "customer_id": 2,
      "region": {
        "region_code": "NY",
        "region": "New York",
        "region_id": 43
      },
      "region_id": 43,
      "country_id": "US",
      "street": [
        "123 Oak Ave"
      ],
      "telephone": "512-555-1111",
      "postcode": "10755",
      "city": "Purchase",
      "firstname": "Jane",
      "lastname": "Doe",
      "default_shipping": true,
      "default_billing": true
    }
  ],
  "disable_auto_group_change": 0
}
"#;

/// The token payload of the seed.
const TOKEN_PAYLOAD: &str = r#"{
"username": "jdoe@example.com",
"password": "Password1"
}
"#;

/// 2017-01-31 01:18:13 UTC, the seed's `created_at`.
const SEED_TIME: i64 = 1_485_825_493;

#[tokio::test]
async fn seed_000_works_verbatim_and_answers_its_shape() {
    let magento = Magento::new().await;
    magento.mock.set_clock(SEED_TIME);
    // One earlier customer with one address, so that the seed's customer gets the ids the
    // page shows (2 and 2).
    let mut first = crate::fixture::berlin();
    first["defaultBilling"] = json!(true);
    let r = magento
        .call(
            "POST",
            "/rest/default/V1/customers",
            None,
            Some(json!({"customer": {"email": "first@example.com", "firstname": "F", "lastname": "L", "addresses": [first]}, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());

    // "Creating an account on behalf of a customer requires admin permissions."
    let admin = magento
        .raw(
            "POST",
            "/rest/V1/integration/admin/token",
            &[("Content-Type", "application/json")],
            Some(br#"{"username":"admin","password":"Admin123!"}"#.to_vec()),
        )
        .await;
    assert_eq!(admin.status, 200, "{}", admin.text());
    let admin_token = admin.json().as_str().expect("bare string").to_owned();
    let bearer = format!("Bearer {admin_token}");
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/customers",
            &[
                ("Content-Type", "application/json"),
                ("Authorization", &bearer),
            ],
            Some(REGISTER_PAYLOAD.as_bytes().to_vec()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let expected: Value = serde_json::from_str(REGISTER_RESPONSE).expect("seed JSON");
    assert_eq!(r.json(), expected);
    assert_eq!(
        keys_of(&r.text(), &[]),
        keys_of(REGISTER_RESPONSE, &[]),
        "key order"
    );
    assert_eq!(
        keys_of(&r.text(), &["addresses", "0"]),
        keys_of(REGISTER_RESPONSE, &["addresses", "0"])
    );
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json; charset=utf-8")
    );

    // "You do not specify an admin authorization token."
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/json")],
            Some(TOKEN_PAYLOAD.as_bytes().to_vec()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.text().starts_with('"') && r.text().ends_with('"'),
        "a bare JSON string"
    );
    let token = r.json().as_str().expect("string").to_owned();
    let me = magento.me(&token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json(), expected, "the customer the token names");
}

#[tokio::test]
async fn the_seed_registration_also_works_anonymously_and_in_the_opaque_mode() {
    let magento = Magento::with(storefront_mock::MagentoOptions {
        token_format: storefront_mock::TokenFormat::Opaque,
        ..Default::default()
    })
    .await;
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/customers",
            &[("Content-Type", "application/json")],
            Some(REGISTER_PAYLOAD.as_bytes().to_vec()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = magento
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/json")],
            Some(TOKEN_PAYLOAD.as_bytes().to_vec()),
        )
        .await;
    let token = r.json().as_str().expect("string").to_owned();
    assert_eq!(
        token.len(),
        32,
        "like the seed's q0u66k8h42yaevtchv09uyy3y9gaj2ap"
    );
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    );
    assert_eq!(magento.me(&token).await.json()["email"], "jdoe@example.com");
}

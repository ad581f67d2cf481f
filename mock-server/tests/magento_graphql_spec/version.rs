//! The server-version option (spec §2.9, §9; issue 9 §2): 2.4.9 serves the 2.4.9 SDL, with
//! address `uid` (base64 of the id) and `updateCustomerAddressV2` / `deleteCustomerAddressV2`.

use crate::fixture::*;
use base64::Engine as _;
use serde_json::json;

const CREATE_WITH_UID: &str = "mutation CreateAddress($input: CustomerAddressInput!) {
  createCustomerAddress(input: $input) { id uid city default_billing default_shipping }
}";
const UPDATE_V2: &str = "mutation UpdateAddress($uid: ID!, $input: CustomerAddressInput) {
  updateCustomerAddressV2(uid: $uid, input: $input) { uid city postcode }
}";
const DELETE_V2: &str = "mutation DeleteAddress($uid: ID!) { deleteCustomerAddressV2(uid: $uid) }";

async fn shop_2_4_9() -> Shop {
    Shop::with(options::server_version("2.4.9")).await
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// Creates an address in 2.4.9 and returns (id, uid), asserting uid = base64(id).
async fn address(shop: &Shop, token: &str, input: serde_json::Value) -> (i64, String) {
    let data = shop
        .gql(CREATE_WITH_UID, json!({ "input": input }), Some(token))
        .await
        .data();
    let a = &data["createCustomerAddress"];
    let id = a["id"].as_i64().unwrap_or_else(|| panic!("an Int id: {a}"));
    let uid = a["uid"]
        .as_str()
        .unwrap_or_else(|| panic!("a uid: {a}"))
        .to_owned();
    assert_eq!(
        uid,
        b64(&id.to_string()),
        "uid is base64 of the id (\"ODU=\" = 85)"
    );
    (id, uid)
}

#[tokio::test]
async fn in_2_4_9_an_address_has_a_base64_uid() {
    let shop = shop_2_4_9().await;
    let token = shop.session(&email("uid")).await;
    let (id, uid) = address(&shop, &token, de_address("Berlin")).await;
    let data = shop
        .customer("addresses { id uid }", Some(&token))
        .await
        .data();
    assert_eq!(
        data["customer"]["addresses"],
        json!([{ "id": id, "uid": uid }])
    );
}

#[tokio::test]
async fn update_customer_address_v2_updates_by_uid() {
    let shop = shop_2_4_9().await;
    let token = shop.session(&email("updv2")).await;
    let (_, uid) = address(&shop, &token, de_address("Berlin")).await;
    let data = shop
        .gql(
            UPDATE_V2,
            json!({"uid": uid, "input": {"city": "Hamburg", "postcode": "20095"}}),
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data,
        json!({"updateCustomerAddressV2": {"uid": uid, "city": "Hamburg", "postcode": "20095"}})
    );
}

#[tokio::test]
async fn delete_customer_address_v2_deletes_by_uid_and_then_cannot_find_it() {
    let shop = shop_2_4_9().await;
    let token = shop.session(&email("delv2")).await;
    let (id, uid) = address(&shop, &token, de_address("Berlin")).await;
    let data = shop
        .gql(DELETE_V2, json!({ "uid": uid }), Some(&token))
        .await
        .data();
    assert_eq!(data, json!({"deleteCustomerAddressV2": true}));
    let r = shop
        .gql(DELETE_V2, json!({ "uid": uid }), Some(&token))
        .await;
    let body = r.json();
    assert!(r.status < 500, "{}", r.text());
    assert_eq!(
        body["data"],
        json!({"deleteCustomerAddressV2": null}),
        "{body}"
    );
    assert_eq!(
        body["errors"][0]["path"],
        json!(["deleteCustomerAddressV2"])
    );
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("Could not find an address with ID \""),
        "the V2 wording (§2.9): {body}"
    );
    assert!(
        message.contains(&id.to_string()) || message.contains(&uid),
        "the message names the address: {body}"
    );
}

#[tokio::test]
async fn delete_customer_address_v2_keeps_the_default_rule() {
    let shop = shop_2_4_9().await;
    let token = shop.session(&email("defv2")).await;
    let (id, uid) = address(
        &shop,
        &token,
        with(de_address("Berlin"), json!({"default_shipping": true})),
    )
    .await;
    let r = shop
        .gql(DELETE_V2, json!({ "uid": uid }), Some(&token))
        .await;
    r.field_error_message(
        200,
        &["deleteCustomerAddressV2"],
        &format!("Customer Address {id} is set as default shipping address and cannot be deleted"),
    );
}

#[tokio::test]
async fn in_2_4_9_the_deprecated_id_forms_still_work() {
    let shop = shop_2_4_9().await;
    let token = shop.session(&email("idv249")).await;
    let (id, _) = address(&shop, &token, de_address("Berlin")).await;
    shop.gql(
        docs::UPDATE_ADDRESS,
        json!({"id": id, "input": {"city": "Hamburg"}}),
        Some(&token),
    )
    .await
    .data();
    let data = shop
        .gql(docs::DELETE_ADDRESS, json!({ "id": id }), Some(&token))
        .await
        .data();
    assert_eq!(data, json!({"deleteCustomerAddress": true}));
}

#[tokio::test]
async fn in_2_4_9_another_customers_uid_is_not_yours() {
    let shop = shop_2_4_9().await;
    let owner = shop.session(&email("owner249")).await;
    let (_, uid) = address(&shop, &owner, de_address("Berlin")).await;
    let intruder = shop.session(&email("intruder249")).await;
    for r in [
        shop.gql(
            UPDATE_V2,
            json!({"uid": uid, "input": {"city": "X"}}),
            Some(&intruder),
        )
        .await,
        shop.gql(DELETE_V2, json!({ "uid": uid }), Some(&intruder))
            .await,
    ] {
        assert!(r.status < 500, "{}", r.text());
        let body = r.json();
        assert!(body["errors"].is_array(), "{body}");
    }
    let data = shop
        .customer("addresses { uid city }", Some(&owner))
        .await
        .data();
    assert_eq!(
        data["customer"]["addresses"],
        json!([{ "uid": uid, "city": "Berlin" }])
    );
}

#[tokio::test]
async fn a_uid_that_is_not_base64_of_an_id_is_an_error_not_a_crash() {
    let shop = shop_2_4_9().await;
    let token = shop.session(&email("baduid")).await;
    for uid in [
        "",
        "!!!",
        "bm90LWFuLWlk",
        "LTE=",
        "OTk5OTk5OTk5OTk5OTk5OTk5OTk5",
    ] {
        let r = shop
            .gql(DELETE_V2, json!({ "uid": uid }), Some(&token))
            .await;
        assert!(r.status < 500, "uid {uid:?}: {}", r.text());
        let body = r.json();
        assert!(body["errors"].is_array(), "uid {uid:?}: {body}");
        assert_ne!(body["errors"][0]["message"], "Internal server error");
    }
}

#[tokio::test]
async fn in_2_4_9_the_customer_id_is_a_non_null_id() {
    let shop = shop_2_4_9().await;
    let token = shop.session(&email("custid")).await;
    let data = shop.customer("id", Some(&token)).await.data();
    assert!(data["customer"]["id"].is_string(), "ID! in 2.4.9: {data}");
}

#[tokio::test]
async fn the_2_4_9_introspection_has_the_v2_mutations() {
    let shop = shop_2_4_9().await;
    let data = shop
        .gql(
            "{ __type(name: \"Mutation\") { fields { name args { name type { kind ofType { name } } } } } }",
            json!({}),
            None,
        )
        .await
        .data();
    let fields = data["__type"]["fields"].as_array().expect("fields");
    for name in ["updateCustomerAddressV2", "deleteCustomerAddressV2"] {
        let field = fields
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("{name} in 2.4.9: {data}"));
        assert_eq!(field["args"][0]["name"], "uid");
        assert_eq!(
            field["args"][0]["type"],
            json!({"kind": "NON_NULL", "ofType": {"name": "ID"}})
        );
    }
}

#[tokio::test]
async fn the_server_version_2_4_7_is_accepted_and_has_no_v2_mutations() {
    let shop = Shop::with(options::server_version("2.4.7")).await;
    let token = shop.session(&email("v247")).await;
    shop.gql(DELETE_V2, json!({"uid": "MQ=="}), Some(&token))
        .await
        .request_error();
    shop.address_id(&token, de_address("Berlin")).await;
}

#[tokio::test]
async fn in_2_4_7_an_unconfirmed_login_gets_the_generic_message() {
    // §9: the server version controls the unconfirmed-login message (§2.2, §6).
    let shop = Shop::with(options::all(&[
        options::server_version("2.4.7"),
        options::confirmation_required(),
    ]))
    .await;
    let e = email("unconfirmed247");
    shop.register(&e).await;
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
}

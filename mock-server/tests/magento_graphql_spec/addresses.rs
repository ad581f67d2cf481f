//! The address book in 2.4.8 (spec §2.9): create, update and delete by `Int` id, the
//! documented errors, and the rule that a default address cannot be deleted.

use crate::fixture::*;
use serde_json::json;

#[tokio::test]
async fn create_customer_address_returns_the_spec_example_shape() {
    let shop = Shop::new().await;
    let token = shop.session(&email("addr")).await;
    let r = shop
        .create_address(
            &token,
            with(us_address(), json!({"default_shipping": true})),
        )
        .await;
    let data = r.data();
    let a = &data["createCustomerAddress"];
    assert!(a["id"].is_i64(), "id is an Int: {a}");
    assert_eq!(
        ordered_keys(&r.text(), &["data", "createCustomerAddress"]),
        [
            "id",
            "firstname",
            "lastname",
            "street",
            "city",
            "postcode",
            "country_code",
            "telephone",
            "region",
            "default_billing",
            "default_shipping"
        ]
    );
    assert_eq!(
        a,
        &json!({
            "id": a["id"], "firstname": "Jane", "lastname": "Doe", "street": ["123 Main Street"],
            "city": "Phoenix", "postcode": "77777", "country_code": "US", "telephone": "7777777777",
            "region": {"region": "Arizona", "region_code": "AZ", "region_id": 4},
            "default_billing": false, "default_shipping": true
        })
    );
}

#[tokio::test]
async fn a_graphql_address_is_in_the_rest_customer_and_the_default_is_a_string_id() {
    let shop = Shop::new().await;
    let token = shop.session(&email("addrrest")).await;
    let id = shop
        .address_id(
            &token,
            with(de_address("Berlin"), json!({"default_billing": true})),
        )
        .await;
    let me = shop.rest_me(&token).await.json();
    assert_eq!(me["default_billing"], json!(id.to_string()), "{me}");
    assert_eq!(me["addresses"][0]["id"], json!(id), "{me}");
    assert_eq!(me["addresses"][0]["city"], "Berlin", "{me}");
    let data = shop
        .customer("default_billing default_shipping", Some(&token))
        .await
        .data();
    assert_eq!(
        data,
        json!({"customer": {"default_billing": id.to_string(), "default_shipping": null}})
    );
}

#[tokio::test]
async fn update_customer_address_changes_the_given_fields_only() {
    let shop = Shop::new().await;
    let token = shop.session(&email("addrupd")).await;
    let id = shop.address_id(&token, de_address("Berlin")).await;
    let data = shop
        .gql(
            docs::UPDATE_ADDRESS,
            json!({"id": id, "input": {"city": "Hamburg", "postcode": "20095"}}),
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data,
        json!({"updateCustomerAddress": {"id": id, "city": "Hamburg", "postcode": "20095",
                                          "default_billing": false, "default_shipping": false}})
    );
    let data = shop
        .customer("addresses { id firstname street city }", Some(&token))
        .await
        .data();
    assert_eq!(
        data["customer"]["addresses"],
        json!([{"id": id, "firstname": "Erika", "street": ["Hauptstr. 1"], "city": "Hamburg"}])
    );
}

#[tokio::test]
async fn update_customer_address_errors() {
    let shop = Shop::new().await;
    let token = shop.session(&email("addrupderr")).await;
    shop.gql(
        docs::UPDATE_ADDRESS,
        json!({"id": 0, "input": {"city": "X"}}),
        Some(&token),
    )
    .await
    .field_error(
        200,
        &["updateCustomerAddress"],
        "graphql-input",
        "Address \"id\" value should be specified",
    );
    shop.gql(
        docs::UPDATE_ADDRESS,
        json!({"id": 987654, "input": {"city": "X"}}),
        Some(&token),
    )
    .await
    .field_error(
        200,
        &["updateCustomerAddress"],
        "graphql-no-such-entity",
        "Could not find a address with ID \"987654\"",
    );
    let id = shop.address_id(&token, de_address("Berlin")).await;
    shop.gql(
        "mutation U($id: Int!) { updateCustomerAddress(id: $id) { id } }",
        json!({ "id": id }),
        Some(&token),
    )
    .await
    .field_error(
        200,
        &["updateCustomerAddress"],
        "graphql-input",
        "\"input\" value must be specified",
    );
}

#[tokio::test]
async fn another_customers_address_is_not_yours_to_change() {
    let shop = Shop::new().await;
    let owner = shop.session(&email("owner")).await;
    let id = shop.address_id(&owner, de_address("Berlin")).await;
    let intruder = shop.session(&email("intruder")).await;
    shop.gql(
        docs::UPDATE_ADDRESS,
        json!({"id": id, "input": {"city": "Hamburg"}}),
        Some(&intruder),
    )
    .await
    .field_error(
        401,
        &["updateCustomerAddress"],
        "graphql-authorization",
        &format!("Current customer does not have permission to address with ID \"{id}\""),
    );
    let data = shop
        .customer("addresses { city }", Some(&owner))
        .await
        .data();
    assert_eq!(data["customer"]["addresses"], json!([{"city": "Berlin"}]));
    let r = shop
        .gql(docs::DELETE_ADDRESS, json!({ "id": id }), Some(&intruder))
        .await;
    assert!(r.status < 500, "{}", r.text());
    assert_eq!(r.json()["data"], json!({"deleteCustomerAddress": null}));
    let data = shop
        .customer("addresses { city }", Some(&owner))
        .await
        .data();
    assert_eq!(data["customer"]["addresses"], json!([{"city": "Berlin"}]));
}

#[tokio::test]
async fn delete_customer_address_removes_a_non_default_address() {
    let shop = Shop::new().await;
    let token = shop.session(&email("addrdel")).await;
    let keep = shop.address_id(&token, de_address("Berlin")).await;
    let gone = shop.address_id(&token, de_address("Hamburg")).await;
    let data = shop
        .gql(docs::DELETE_ADDRESS, json!({ "id": gone }), Some(&token))
        .await
        .data();
    assert_eq!(data, json!({"deleteCustomerAddress": true}));
    let data = shop.customer("addresses { id }", Some(&token)).await.data();
    assert_eq!(data["customer"]["addresses"], json!([{ "id": keep }]));
    shop.gql(docs::DELETE_ADDRESS, json!({ "id": gone }), Some(&token))
        .await
        .field_error(
            200,
            &["deleteCustomerAddress"],
            "graphql-no-such-entity",
            &format!("Could not find a address with ID \"{gone}\""),
        );
}

#[tokio::test]
async fn a_default_billing_address_cannot_be_deleted() {
    let shop = Shop::new().await;
    let token = shop.session(&email("defbill")).await;
    let id = shop
        .address_id(
            &token,
            with(de_address("Berlin"), json!({"default_billing": true})),
        )
        .await;
    let r = shop
        .gql(docs::DELETE_ADDRESS, json!({ "id": id }), Some(&token))
        .await;
    let body = r.field_error_message(
        200,
        &["deleteCustomerAddress"],
        &format!("Customer Address {id} is set as default billing address and cannot be deleted"),
    );
    assert_eq!(body["data"], json!({"deleteCustomerAddress": null}));
    let data = shop.customer("addresses { id }", Some(&token)).await.data();
    assert_eq!(data["customer"]["addresses"], json!([{ "id": id }]));
}

#[tokio::test]
async fn a_default_shipping_address_cannot_be_deleted() {
    let shop = Shop::new().await;
    let token = shop.session(&email("defship")).await;
    let id = shop
        .address_id(
            &token,
            with(de_address("Berlin"), json!({"default_shipping": true})),
        )
        .await;
    shop.gql(docs::DELETE_ADDRESS, json!({ "id": id }), Some(&token))
        .await
        .field_error_message(
            200,
            &["deleteCustomerAddress"],
            &format!(
                "Customer Address {id} is set as default shipping address and cannot be deleted"
            ),
        );
}

#[tokio::test]
async fn moving_the_default_elsewhere_allows_the_delete() {
    let shop = Shop::new().await;
    let token = shop.session(&email("movedef")).await;
    let first = shop
        .address_id(
            &token,
            with(
                de_address("Berlin"),
                json!({"default_billing": true, "default_shipping": true}),
            ),
        )
        .await;
    let second = shop.address_id(&token, de_address("Hamburg")).await;
    shop.gql(
        docs::UPDATE_ADDRESS,
        json!({"id": second, "input": {"default_billing": true, "default_shipping": true}}),
        Some(&token),
    )
    .await
    .data();
    let data = shop
        .customer(
            "default_billing default_shipping addresses { id default_billing default_shipping }",
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data["customer"],
        json!({"default_billing": second.to_string(), "default_shipping": second.to_string(),
               "addresses": [
                   {"id": first, "default_billing": false, "default_shipping": false},
                   {"id": second, "default_billing": true, "default_shipping": true}]})
    );
    let data = shop
        .gql(docs::DELETE_ADDRESS, json!({ "id": first }), Some(&token))
        .await
        .data();
    assert_eq!(data, json!({"deleteCustomerAddress": true}));
}

#[tokio::test]
async fn create_customer_address_validation_errors() {
    let shop = Shop::new().await;
    let token = shop.session(&email("addrval")).await;
    let mut no_first = de_address("Berlin");
    no_first.as_object_mut().unwrap().remove("firstname");
    shop.create_address(&token, no_first).await.field_error(
        200,
        &["createCustomerAddress"],
        "graphql-input",
        "Required parameters are missing: firstname",
    );
    shop.create_address(
        &token,
        with(de_address("Berlin"), json!({"street": ["a", "b", "c"]})),
    )
    .await
    .field_error(
        200,
        &["createCustomerAddress"],
        "graphql-input",
        "\"Street Address\" cannot contain more than 2 lines.",
    );
    let data = shop.customer("addresses { id }", Some(&token)).await.data();
    assert_eq!(data["customer"]["addresses"], json!([]));
}

#[tokio::test]
async fn an_unknown_country_code_is_a_validation_error() {
    let shop = Shop::new().await;
    let token = shop.session(&email("country")).await;
    shop.create_address(
        &token,
        with(de_address("Berlin"), json!({"country_code": "XX"})),
    )
    .await
    .request_error();
}

#[tokio::test]
async fn address_mutations_without_a_token_are_the_authorization_error() {
    let shop = Shop::new().await;
    shop.gql(
        docs::CREATE_ADDRESS,
        json!({ "input": de_address("Berlin") }),
        None,
    )
    .await
    .field_error(
        401,
        &["createCustomerAddress"],
        "graphql-authorization",
        NOT_AUTHORIZED,
    );
    shop.gql(
        docs::UPDATE_ADDRESS,
        json!({"id": 1, "input": {"city": "X"}}),
        None,
    )
    .await
    .field_error(
        401,
        &["updateCustomerAddress"],
        "graphql-authorization",
        NOT_AUTHORIZED,
    );
    shop.gql(docs::DELETE_ADDRESS, json!({"id": 1}), None)
        .await
        .field_error(
            401,
            &["deleteCustomerAddress"],
            "graphql-authorization",
            NOT_AUTHORIZED,
        );
}

#[tokio::test]
async fn the_2_4_8_schema_has_no_uid_and_no_v2_address_mutations() {
    let shop = Shop::new().await;
    let token = shop.session(&email("nouid")).await;
    shop.customer("addresses { uid }", Some(&token))
        .await
        .request_error();
    shop.gql(
        "mutation { deleteCustomerAddressV2(uid: \"MQ==\") }",
        json!({}),
        Some(&token),
    )
    .await
    .request_error();
}

#[tokio::test]
async fn an_address_saved_over_rest_is_in_the_graphql_address_book() {
    let shop = Shop::new().await;
    let e = email("restaddr");
    let token = shop.session(&e).await;
    let r = shop
        .rest(
            "PUT",
            "/V1/customers/me",
            Some(&token),
            Some(
                json!({"customer": {"email": e, "firstname": "Jane", "lastname": "Doe",
                "addresses": [{"firstname": "Jane", "lastname": "Doe", "street": ["Hauptstr. 1"],
                               "city": "Berlin", "postcode": "10115", "country_id": "DE",
                               "telephone": "030-1234567", "default_shipping": true}]}}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["addresses"][0]["id"].clone();
    let data = shop
        .customer(
            "default_shipping addresses { id city country_code default_shipping }",
            Some(&token),
        )
        .await
        .data();
    assert_eq!(
        data["customer"],
        json!({"default_shipping": id.as_i64().expect("an id").to_string(),
               "addresses": [{"id": id, "city": "Berlin", "country_code": "DE", "default_shipping": true}]})
    );
}

//! Errors: Magento's shape, `null` for the failed root field, request errors without `data`,
//! the status that errors decide, and no 5xx for anything a client sends.

use super::Client;
use crate::backends::magento::graphql::store::NOT_AUTHORIZED;
use crate::backends::magento::graphql::{AuthorizationStatus, GraphqlOptions};
use serde_json::json;

#[test]
fn an_unauthorized_customer_query_has_magentos_shape_and_401() {
    let client = Client::new();
    let answer = client.query("{\n  customer { email }\n}");
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.body,
        format!(
            r#"{{"errors":[{{"message":"{NOT_AUTHORIZED}","locations":[{{"line":2,"column":3}}],"path":["customer"],"extensions":{{"category":"graphql-authorization"}}}}],"data":{{"customer":null}}}}"#
        )
    );
}

#[test]
fn authorization_errors_can_answer_200() {
    let client = Client::with(GraphqlOptions {
        authorization_status: AuthorizationStatus::Ok,
        ..GraphqlOptions::default()
    });
    let answer = client.query("mutation { revokeCustomerToken { result } }");
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json["errors"][0]["extensions"]["category"],
        "graphql-authorization"
    );
    assert_eq!(answer.json["data"], json!({"revokeCustomerToken": null}));
}

#[test]
fn a_failed_root_field_is_null_next_to_the_others() {
    let client = Client::new();
    let answer = client.query(
        r#"mutation {
  a: requestPasswordResetEmail(email: "nobody@example.com")
  b: generateCustomerToken(email: "nobody@example.com", password: "x") { token }
}"#,
    );
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        r#"{"errors":[{"message":"Cannot reset the customer's password","locations":[{"line":2,"column":3}],"path":["a"],"extensions":{"category":"graphql-input"}},{"message":"The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.","locations":[{"line":3,"column":3}],"path":["b"],"extensions":{"category":"graphql-authentication"}}],"data":{"a":null,"b":null}}"#
    );
}

#[test]
fn each_category_reaches_the_client() {
    let mut client = Client::new();
    client.sign_up("jane@example.com", "Passw0rd!");
    let duplicate = client.post(
        "mutation($input: CustomerCreateInput!) { createCustomerV2(input: $input) { customer { email } } }",
        json!({"input": {"email": "jane@example.com", "firstname": "J", "lastname": "D"}}),
    );
    assert_eq!(
        duplicate.json["errors"][0]["extensions"]["category"],
        "graphql-input"
    );
    client.query(
        r#"mutation { createCustomerV2(input: {email: "joe@example.com", firstname: "J", lastname: "D"}) { customer { email } } }"#,
    );
    let taken = client.query(
        r#"mutation { updateCustomerEmail(email: "joe@example.com", password: "Passw0rd!") { customer { email } } }"#,
    );
    assert_eq!(
        taken.json["errors"][0]["extensions"]["category"],
        "graphql-already-exists"
    );
    let missing = client.query("mutation { deleteCustomerAddress(id: 404) }");
    assert_eq!(
        missing.json["errors"][0],
        json!({"message": "Could not find a address with ID \"404\"", "locations": [{"line": 1, "column": 12}],
               "path": ["deleteCustomerAddress"], "extensions": {"category": "graphql-no-such-entity"}})
    );
    assert_eq!(missing.status, 200);
}

#[test]
fn validation_errors_come_back_without_data() {
    let client = Client::new();
    let cases = [
        "{ customer { nope } }",
        "mutation { createCustomerV2(input: {firstname: \"J\", lastname: \"D\"}) { customer { email } } }",
        "mutation { createCustomer(input: {xxx: 1}) { customer { email } } }",
        "{ customer { email ",
        "query($id: Int!) { customer { email } }",
        "subscription { customer { email } }",
        "{ isEmailAvailable(email: 5) { is_email_available } }",
        "{ customer { addressesV2(currentPage: 4504357293) { total_count } } }",
        "mutation { deleteCustomerAddress(id: -2147483649) }",
        "mutation { createCustomerAddress(input: {region: {region_id: 2147483648}}) { id } }",
        "{ customer { ... on Customer { addressesV2(pageSize: [2147483648]) { total_count } } } }",
        "{ customer { ...Page } } fragment Page on Customer { addressesV2(pageSize: 9999999999) { total_count } }",
    ];
    for query in cases {
        let answer = client.query(query);
        assert_eq!(answer.status, 200, "{query}: {}", answer.body);
        assert!(
            answer.json.get("data").is_none(),
            "{query}: {}",
            answer.body
        );
        let errors = answer.json["errors"].as_array().expect("errors");
        assert!(!errors.is_empty());
        for error in errors {
            assert_eq!(
                error["extensions"]["category"], "graphql",
                "{query}: {error}"
            );
            assert!(
                error["message"]
                    .as_str()
                    .is_some_and(|text| !text.is_empty())
            );
            assert!(error.get("path").is_none(), "{query}: {error}");
        }
    }
    let unknown = client.query(
        "mutation { createCustomer(input: {firstname: \"J\", xxx: 1}) { customer { email } } }",
    );
    assert_eq!(
        unknown.body,
        r#"{"errors":[{"message":"Field \"xxx\" is not defined by type CustomerInput.","locations":[{"line":1,"column":27}],"extensions":{"category":"graphql"}}]}"#
    );
    let syntax = client.query("{ customer { email ");
    assert!(
        syntax.json["errors"][0]["message"]
            .as_str()
            .is_some_and(|message| message.starts_with("Syntax Error: ")),
        "{}",
        syntax.body
    );
    let bad_variable = client.post(
        "query($e: String!) { isEmailAvailable(email: $e) { is_email_available } }",
        json!({"e": 5}),
    );
    assert!(
        bad_variable.json.get("data").is_none(),
        "{}",
        bad_variable.body
    );
    assert_eq!(
        bad_variable.json["errors"][0]["extensions"]["category"],
        "graphql"
    );
    let too_big = client.post(
        "mutation($input: CustomerAddressInput!) { createCustomerAddress(input: $input) { id } }",
        json!({"input": {"firstname": "J", "region": {"region_id": 2_147_483_648_i64}}}),
    );
    assert_eq!(
        too_big.body,
        r#"{"errors":[{"message":"Variable \"$input\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648","extensions":{"category":"graphql"}}]}"#
    );
    let largest = client.post(
        "mutation($id: Int!) { deleteCustomerAddress(id: $id) }",
        json!({"id": 2_147_483_647_i64}),
    );
    assert_eq!(
        largest.json["data"],
        json!({"deleteCustomerAddress": null}),
        "{}",
        largest.body
    );
    assert_eq!(largest.status, 401);
}

#[test]
fn malformed_requests_are_400_never_5xx() {
    let client = Client::new();
    let bodies: [&[u8]; 8] = [
        b"",
        b"{",
        b"[]",
        b"\"query\"",
        br#"{"query": 5}"#,
        br#"{"query": "{ __typename }", "variables": [1]}"#,
        br#"{"query": "{ __typename }", "operationName": 5}"#,
        b"\xff\xfe",
    ];
    for body in bodies {
        let answer = client.send("POST", None, body);
        assert_eq!(answer.status, 400, "{body:?}: {}", answer.body);
        assert_eq!(
            answer.json["errors"][0]["extensions"]["category"],
            "graphql"
        );
    }
    assert_eq!(client.send("GET", None, b"").status, 400);
    assert_eq!(
        client
            .send("GET", Some("query=%7B__typename%7D&variables=%7B"), b"")
            .status,
        400
    );
    let put = client.send("PUT", None, b"{}");
    assert_eq!(put.status, 405);
}

#[test]
fn hostile_documents_never_yield_a_server_error() {
    let client = Client::new();
    let documents = [
        String::new(),
        "\0".to_owned(),
        "query { customer { addresses { id } } } ".repeat(50),
        "{ __schema { types { fields { type { ofType { ofType { name } } } } } } }".to_owned(),
        "fragment A on Customer { ...B } fragment B on Customer { ...A } { customer { ...A } }"
            .to_owned(),
        "{ customer @skip(if: true) { email } }".to_owned(),
        "{ customer @include(if: false) { email } }".to_owned(),
        "query($v: [[[[Int]]]]) { __typename }".to_owned(),
        "{ __type(name: \"Customer\") { name } }".to_owned(),
        format!(
            "{{ isEmailAvailable(email: \"{}\") {{ is_email_available }} }}",
            "é".repeat(1000)
        ),
    ];
    for document in documents {
        let answer = client.query(&document);
        assert!(
            answer.status == 200 || answer.status == 401,
            "{document}: {}",
            answer.body
        );
        if let Some(errors) = answer.json["errors"].as_array() {
            for error in errors {
                assert_ne!(
                    error["extensions"]["category"], "storefront-mock-bug",
                    "{error}"
                );
            }
        }
    }
}

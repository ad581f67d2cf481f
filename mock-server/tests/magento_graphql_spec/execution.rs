//! A real GraphQL engine (issue 9 §2): selection sets, aliases, fragments, variables,
//! directives and `operationName`; only the requested fields, in request order; per-field
//! errors with `locations` and `path` and `null` for the failed root field only.

use crate::fixture::*;
use serde_json::json;

#[tokio::test]
async fn only_the_requested_fields_come_back_in_request_order() {
    let shop = Shop::new().await;
    let e = email("order");
    let token = shop.session(&e).await;
    let r = shop
        .customer("lastname email firstname", Some(&token))
        .await;
    let data = r.data();
    assert_eq!(
        data,
        json!({"customer": {"lastname": "Doe", "email": e, "firstname": "Jane"}})
    );
    assert_eq!(
        ordered_keys(&r.text(), &["data", "customer"]),
        ["lastname", "email", "firstname"]
    );
    let r = shop
        .customer("firstname email lastname", Some(&token))
        .await;
    assert_eq!(
        ordered_keys(&r.text(), &["data", "customer"]),
        ["firstname", "email", "lastname"]
    );
}

#[tokio::test]
async fn aliases_name_the_response_keys_and_may_repeat_a_field() {
    let shop = Shop::new().await;
    let e = email("alias");
    let token = shop.session(&e).await;
    let r = shop
        .gql(
            "{ me: customer { mail: email first: firstname } again: customer { lastname } }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        r.data(),
        json!({"me": {"mail": e, "first": "Jane"}, "again": {"lastname": "Doe"}})
    );
    assert_eq!(ordered_keys(&r.text(), &["data"]), ["me", "again"]);
    assert_eq!(ordered_keys(&r.text(), &["data", "me"]), ["mail", "first"]);
}

#[tokio::test]
async fn named_and_inline_fragments_are_expanded_in_place() {
    let shop = Shop::new().await;
    let e = email("fragment");
    let token = shop.session(&e).await;
    let r = shop
        .gql(
            "query { customer { email ...Names ... on Customer { is_subscribed } } }
             fragment Names on Customer { firstname lastname }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        r.data(),
        json!({"customer": {"email": e, "firstname": "Jane", "lastname": "Doe", "is_subscribed": false}})
    );
    assert_eq!(
        ordered_keys(&r.text(), &["data", "customer"]),
        ["email", "firstname", "lastname", "is_subscribed"]
    );
}

#[tokio::test]
async fn a_field_selected_twice_appears_once() {
    let shop = Shop::new().await;
    let token = shop.session(&email("merge")).await;
    let r = shop
        .gql(
            "{ customer { firstname ...F firstname } } fragment F on Customer { firstname lastname }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        r.data(),
        json!({"customer": {"firstname": "Jane", "lastname": "Doe"}})
    );
}

#[tokio::test]
async fn typename_is_answered() {
    let shop = Shop::new().await;
    let token = shop.session(&email("typename")).await;
    let r = shop
        .gql(
            "{ __typename customer { __typename } }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        r.data(),
        json!({"__typename": "Query", "customer": {"__typename": "Customer"}})
    );
}

#[tokio::test]
async fn variables_and_directives_drive_the_selection() {
    let shop = Shop::new().await;
    let e = email("directives");
    let token = shop.session(&e).await;
    let query = "query Q($withMail: Boolean = true, $skipNames: Boolean!) {
  customer { email @include(if: $withMail) firstname @skip(if: $skipNames) }
}";
    let r = shop
        .gql(
            query,
            json!({"withMail": true, "skipNames": false}),
            Some(&token),
        )
        .await;
    assert_eq!(
        r.data(),
        json!({"customer": {"email": e, "firstname": "Jane"}})
    );
    let r = shop
        .gql(
            query,
            json!({"withMail": false, "skipNames": true}),
            Some(&token),
        )
        .await;
    assert_eq!(r.data(), json!({"customer": {}}));
}

#[tokio::test]
async fn a_variable_used_only_in_a_root_field_directive_is_used() {
    // GraphQL spec §5.8.4 (All Variables Used): a directive argument is a use.
    let shop = Shop::new().await;
    let r = shop
        .gql(
            "query Q($a: Boolean!) { __typename @include(if: $a) }",
            json!({"a": true}),
            None,
        )
        .await;
    assert_eq!(r.data(), json!({"__typename": "Query"}));
    let r = shop
        .gql(
            "query Q($a: Boolean!) { __typename @include(if: $a) }",
            json!({"a": false}),
            None,
        )
        .await;
    assert_eq!(r.data(), json!({}));
}

#[tokio::test]
async fn a_variable_default_applies_when_the_variable_is_not_given() {
    // GraphQL spec §6.1.2 (CoerceVariableValues): an omitted variable takes its default.
    let shop = Shop::new().await;
    let query = "query Q($a: Boolean = true, $email: String = \"a@example.com\") {
  isEmailAvailable(email: $email) { is_email_available @include(if: $a) }
}";
    let r = shop.gql(query, json!({}), None).await;
    assert_eq!(
        r.data(),
        json!({"isEmailAvailable": {"is_email_available": true}})
    );
}

#[tokio::test]
async fn operation_name_selects_one_operation_of_several() {
    let shop = Shop::new().await;
    let e = email("opname");
    let token = shop.session(&e).await;
    let document = "query A { customer { email } } query B { customer { firstname } }";
    let r = shop
        .post_graphql(
            &json!({"query": document, "operationName": "B"}),
            Some(&token),
        )
        .await;
    assert_eq!(r.data(), json!({"customer": {"firstname": "Jane"}}));
    let r = shop
        .post_graphql(
            &json!({"query": document, "operationName": "A", "variables": null}),
            Some(&token),
        )
        .await;
    assert_eq!(r.data(), json!({"customer": {"email": e}}));
}

#[tokio::test]
async fn several_operations_without_or_with_an_unknown_operation_name_are_request_errors() {
    let shop = Shop::new().await;
    let token = shop.session(&email("opname2")).await;
    let document = "query A { customer { email } } query B { customer { firstname } }";
    shop.post_graphql(&json!({ "query": document }), Some(&token))
        .await
        .request_error();
    shop.post_graphql(
        &json!({"query": document, "operationName": "C"}),
        Some(&token),
    )
    .await
    .request_error();
}

#[tokio::test]
async fn a_mutation_with_two_root_fields_fails_only_the_failing_one() {
    let shop = Shop::new().await;
    let known = email("known");
    shop.register(&known).await;
    let document = "mutation Two($unknown: String!, $known: String!) {
  first: requestPasswordResetEmail(email: $unknown)
  second: requestPasswordResetEmail(email: $known)
}";
    let r = shop
        .gql(
            document,
            json!({"unknown": email("unknownreset"), "known": known}),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "errors": [{"message": "Cannot reset the customer's password",
                        "locations": [{"line": 2, "column": 3}], "path": ["first"],
                        "extensions": {"category": "graphql-input"}}],
            "data": {"first": null, "second": true}
        })
    );
    assert_eq!(ordered_keys(&r.text(), &["data"]), ["first", "second"]);
}

#[tokio::test]
async fn an_aliased_failing_field_reports_the_alias_in_path_and_data() {
    let shop = Shop::new().await;
    let r = shop
        .gql("{ me: customer { email } }", json!({}), None)
        .await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "errors": [{"message": NOT_AUTHORIZED, "locations": [{"line": 1, "column": 3}],
                        "path": ["me"], "extensions": {"category": "graphql-authorization"}}],
            "data": {"me": null}
        })
    );
}

#[tokio::test]
async fn a_guest_field_next_to_a_failing_customer_field_still_resolves() {
    let shop = Shop::new().await;
    let r = shop
        .gql(
            "query Mixed($email: String!) {
  customer { email }
  isEmailAvailable(email: $email) { is_email_available }
}",
            json!({"email": email("avail")}),
            None,
        )
        .await;
    assert!(r.status < 500, "{}", r.text());
    let body = r.json();
    assert_eq!(
        body["data"],
        json!({"customer": null, "isEmailAvailable": {"is_email_available": true}})
    );
    assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["customer"]));
    assert_eq!(
        body["errors"][0]["locations"],
        json!([{"line": 2, "column": 3}])
    );
}

#[tokio::test]
async fn is_email_available_is_true_for_every_email_since_2_4_7() {
    let shop = Shop::new().await;
    let e = email("taken");
    shop.register(&e).await;
    let query =
        "query Avail($email: String!) { isEmailAvailable(email: $email) { is_email_available } }";
    for address in [e, email("free")] {
        let r = shop.gql(query, json!({ "email": address }), None).await;
        assert_eq!(
            r.data(),
            json!({"isEmailAvailable": {"is_email_available": true}})
        );
    }
}

#[tokio::test]
async fn an_unknown_field_is_a_validation_error_with_a_location() {
    let shop = Shop::new().await;
    let token = shop.session(&email("unknownfield")).await;
    let r = shop
        .gql("{\n  customer {\n    nope\n  }\n}", json!({}), Some(&token))
        .await;
    let errors = r.request_error();
    let text = errors[0]["message"].as_str().unwrap();
    assert!(text.contains("nope"), "the message names the field: {text}");
    assert_eq!(errors[0]["locations"], json!([{"line": 3, "column": 5}]));
}

#[tokio::test]
async fn validation_precedes_authorization() {
    // An invalid document is refused as a whole, with or without a token: nothing runs.
    let shop = Shop::new().await;
    let r = shop.gql("{ customer { nope } }", json!({}), None).await;
    r.request_error();
    assert_ne!(r.status, 401, "{}", r.text());
}

#[tokio::test]
async fn a_syntax_error_is_a_graphql_error_with_a_location() {
    let shop = Shop::new().await;
    let r = shop.gql("{ customer { email }", json!({}), None).await;
    for error in r.request_error() {
        if error.get("locations").is_some() {
            assert_locations(&error);
        }
    }
}

#[tokio::test]
async fn a_variable_of_the_wrong_type_is_a_request_error() {
    let shop = Shop::new().await;
    let r = shop
        .gql(docs::LOGIN, json!({"email": 42, "password": ["x"]}), None)
        .await;
    r.request_error();
    let r = shop
        .gql(
            docs::LOGIN,
            json!({"email": null, "password": PASSWORD}),
            None,
        )
        .await;
    r.request_error();
    let r = shop.gql(docs::LOGIN, json!({}), None).await;
    r.request_error();
}

#[tokio::test]
async fn a_selection_on_a_leaf_or_none_on_an_object_is_a_validation_error() {
    let shop = Shop::new().await;
    shop.gql("{ customer { email { x } } }", json!({}), None)
        .await
        .request_error();
    shop.gql("{ customer }", json!({}), None)
        .await
        .request_error();
}

#[tokio::test]
async fn a_mutation_field_in_a_query_is_a_validation_error() {
    let shop = Shop::new().await;
    let e = email("querymut");
    shop.gql(
        "query { generateCustomerToken(email: \"a@example.com\", password: \"x\") { token } }",
        json!({}),
        None,
    )
    .await
    .request_error();
    let r = shop
        .gql(
            &format!("query {{ createCustomerV2(input: {{email: \"{e}\", firstname: \"A\", lastname: \"B\"}}) {{ customer {{ email }} }} }}"),
            json!({}),
            None,
        )
        .await;
    r.request_error();
    shop.register(&e).await;
}

#[tokio::test]
async fn subscriptions_do_not_exist() {
    let shop = Shop::new().await;
    shop.gql("subscription { customer { email } }", json!({}), None)
        .await
        .request_error();
}

//! Transport (spec §1, issue 9 §2): `POST /graphql` with a JSON body, `GET /graphql?query=`
//! for queries, the `Store` header, JSON answers, CORS for browsers, and the request journal.

use crate::fixture::*;
use serde_json::json;

#[tokio::test]
async fn get_with_a_query_parameter_runs_a_query() {
    let shop = Shop::new().await;
    let e = email("get");
    let token = shop.session(&e).await;
    let r = shop
        .get_graphql("{ customer { email firstname } }", "", Some(&token))
        .await;
    assert_eq!(
        r.data(),
        json!({"customer": {"email": e, "firstname": "Jane"}})
    );
}

#[tokio::test]
async fn get_takes_variables_and_operation_name_as_parameters() {
    let shop = Shop::new().await;
    let query = "query A { __typename } query Avail($email: String!) { isEmailAvailable(email: $email) { is_email_available } }";
    let variables = json!({"email": email("getvars")}).to_string();
    let extra = format!("&variables={}&operationName=Avail", pct(&variables));
    let r = shop.get_graphql(query, &extra, None).await;
    assert_eq!(
        r.data(),
        json!({"isEmailAvailable": {"is_email_available": true}})
    );
}

#[tokio::test]
async fn get_without_a_token_gets_the_authorization_error() {
    let shop = Shop::new().await;
    let r = shop
        .get_graphql("{\n  customer { email }\n}", "", None)
        .await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"errors": [{"message": NOT_AUTHORIZED, "locations": [{"line": 2, "column": 3}],
                           "path": ["customer"], "extensions": {"category": "graphql-authorization"}}],
               "data": {"customer": null}})
    );
}

#[tokio::test]
async fn a_mutation_over_get_changes_nothing() {
    let shop = Shop::new().await;
    let e = email("getmutation");
    let r = shop
        .get_graphql(
            &format!("mutation {{ createCustomerV2(input: {{email: \"{e}\", firstname: \"A\", lastname: \"B\", password: \"{PASSWORD}\"}}) {{ customer {{ email }} }} }}"),
            "",
            None,
        )
        .await;
    assert!(r.status < 500, "{}", r.text());
    assert_json(&r);
    assert!(r.json()["errors"].is_array(), "{}", r.text());
    // Nobody was registered: the address is still free.
    shop.register(&e).await;
}

#[tokio::test]
async fn get_without_a_query_is_a_request_error() {
    let shop = Shop::new().await;
    let r = shop.raw("GET", "/graphql", &[], None).await;
    r.request_error();
    let r = shop.raw("GET", "/graphql?query=", &[], None).await;
    r.request_error();
}

#[tokio::test]
async fn the_default_store_header_is_accepted() {
    let shop = Shop::new().await;
    let e = email("store");
    let token = shop.session(&e).await;
    let bearer = format!("Bearer {token}");
    let r = shop
        .raw(
            "POST",
            "/graphql",
            &[
                ("Content-Type", "application/json"),
                ("Store", "default"),
                ("Authorization", &bearer),
            ],
            Some(
                json!({"query": "{ customer { email } }"})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await;
    assert_eq!(r.data(), json!({"customer": {"email": e}}));
}

#[tokio::test]
async fn a_content_type_with_a_charset_is_accepted() {
    let shop = Shop::new().await;
    let r = shop
        .raw(
            "POST",
            "/graphql",
            &[("Content-Type", "application/json; charset=utf-8")],
            Some(json!({"query": "{ __typename }"}).to_string().into_bytes()),
        )
        .await;
    assert_eq!(r.data(), json!({"__typename": "Query"}));
}

#[tokio::test]
async fn the_variables_and_operation_name_may_be_absent_or_null() {
    let shop = Shop::new().await;
    for body in [
        json!({"query": "{ __typename }"}),
        json!({"query": "{ __typename }", "variables": null}),
        json!({"query": "{ __typename }", "variables": {}}),
        json!({"query": "{ __typename }", "operationName": null}),
    ] {
        let r = shop.post_graphql(&body, None).await;
        assert_eq!(r.data(), json!({"__typename": "Query"}), "{body}");
    }
}

#[tokio::test]
async fn a_browser_preflight_allows_the_graphql_headers() {
    let shop = Shop::new().await;
    let r = shop
        .raw(
            "OPTIONS",
            "/graphql",
            &[
                ("Origin", "http://localhost:3000"),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type,store",
                ),
            ],
            None,
        )
        .await;
    assert!(
        (200..300).contains(&r.status),
        "preflight: {} {}",
        r.status,
        r.text()
    );
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    for header in ["authorization", "content-type", "store"] {
        assert!(allowed.contains(header), "{header} allowed: {allowed}");
    }
    let r = shop
        .raw(
            "POST",
            "/graphql",
            &[
                ("Content-Type", "application/json"),
                ("Origin", "http://localhost:3000"),
            ],
            Some(json!({"query": "{ __typename }"}).to_string().into_bytes()),
        )
        .await;
    assert!(r.header("access-control-allow-origin").is_some());
}

#[tokio::test]
async fn graphql_requests_are_journaled() {
    let shop = Shop::new().await;
    shop.mock.clear_requests();
    shop.post_graphql(&json!({"query": "{ __typename }"}), None)
        .await
        .data();
    let requests = shop.mock.requests();
    assert!(
        requests
            .iter()
            .any(|r| r.method == "POST" && r.path == "/graphql" && r.status == 200),
        "{requests:?}"
    );
}

#[tokio::test]
async fn a_fault_on_graphql_is_injected() {
    let shop = Shop::new().await;
    let r = shop
        .raw(
            "POST",
            "/__mock/faults",
            &[],
            Some(
                json!({"method": "POST", "path": "/graphql", "times": 1, "status": 503, "body": "down"})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let r = shop
        .post_graphql(&json!({"query": "{ __typename }"}), None)
        .await;
    assert_eq!(r.status, 503);
    shop.post_graphql(&json!({"query": "{ __typename }"}), None)
        .await
        .data();
}

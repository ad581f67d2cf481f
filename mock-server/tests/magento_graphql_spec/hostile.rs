//! Hostile input never yields a 5xx, and a bad request is never masked as "Internal server
//! error" (issue 9 §3): broken bodies, wrong JSON types, deep nesting, fragment cycles, huge
//! documents, out-of-range numbers, odd strings and tokens. After all of it the server still
//! answers normally.

use crate::fixture::*;
use serde_json::{Value, json};

/// Asserts no 5xx and, for a JSON answer, no masked server error.
#[track_caller]
fn assert_handled(r: &Resp, what: &str) {
    assert!(r.status < 500, "{what}: a 5xx ({}) {}", r.status, r.text());
    if let Ok(body) = serde_json::from_slice::<Value>(&r.body) {
        if let Some(errors) = body["errors"].as_array() {
            for error in errors {
                assert_ne!(
                    error["message"], "Internal server error",
                    "{what}: masked as a server error: {body}"
                );
            }
        }
    }
}

/// Asserts that the answer is no GraphQL success (a JSON answer carries `errors`).
#[track_caller]
fn assert_not_success(r: &Resp, what: &str) {
    if let Ok(body) = serde_json::from_slice::<Value>(&r.body) {
        assert!(
            body["errors"].is_array(),
            "{what} is no valid request: {body}"
        );
    }
}

async fn post_bytes(shop: &Shop, content_type: &str, body: &[u8]) -> Resp {
    shop.raw(
        "POST",
        "/graphql",
        &[("Content-Type", content_type)],
        Some(body.to_vec()),
    )
    .await
}

/// The server still works after the hostile requests.
async fn still_serves(shop: &Shop) {
    let e = email("alive");
    shop.register(&e).await;
    let token = shop.token(&e).await;
    shop.customer("email", Some(&token)).await.data();
}

#[tokio::test]
async fn broken_bodies_are_request_errors() {
    let shop = Shop::new().await;
    let bodies: [&[u8]; 13] = [
        b"",
        b"{",
        b"not json",
        b"null",
        b"[]",
        b"42",
        b"\"query\"",
        b"{}",
        b"{\"query\": null}",
        b"{\"query\": 5}",
        b"{\"query\": {\"a\": 1}}",
        b"{\"query\": \"{ __typename }\", \"variables\": [1]}",
        b"\xff\xfe\x00garbage",
    ];
    for body in bodies {
        let r = post_bytes(&shop, "application/json", body).await;
        let what = String::from_utf8_lossy(body);
        assert_handled(&r, &what);
        assert_not_success(&r, &what);
    }
    let r = post_bytes(
        &shop,
        "application/json",
        br#"{"query": "{ __typename }", "operationName": 7}"#,
    )
    .await;
    assert_handled(&r, "operationName of the wrong type");
    still_serves(&shop).await;
}

#[tokio::test]
async fn a_batch_array_or_another_content_type_is_handled() {
    let shop = Shop::new().await;
    let batch = json!([{"query": "{ __typename }"}, {"query": "{ __typename }"}]).to_string();
    assert_handled(
        &post_bytes(&shop, "application/json", batch.as_bytes()).await,
        "batch",
    );
    for content_type in [
        "application/graphql",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let r = post_bytes(&shop, content_type, b"{ __typename }").await;
        assert_handled(&r, content_type);
    }
    let r = shop.raw("POST", "/graphql", &[], None).await;
    assert_handled(&r, "no body and no content type");
    still_serves(&shop).await;
}

#[tokio::test]
async fn other_methods_and_paths_are_handled() {
    let shop = Shop::new().await;
    for method in ["PUT", "DELETE", "PATCH", "HEAD"] {
        let r = shop
            .raw(
                method,
                "/graphql",
                &[("Content-Type", "application/json")],
                Some(b"{}".to_vec()),
            )
            .await;
        assert_handled(&r, method);
    }
    for path in [
        "/graphql/",
        "/graphql/x",
        "/graphql?query=%ZZ",
        "/graphql?query=%00",
        "/GRAPHQL",
    ] {
        let r = shop.raw("GET", path, &[], None).await;
        assert_handled(&r, path);
    }
    still_serves(&shop).await;
}

#[tokio::test]
async fn deep_nesting_is_refused_without_crashing() {
    let shop = Shop::new().await;
    for depth in [64, 1_000, 10_000] {
        let query = format!("{}{}", "{ customer ".repeat(depth), "}".repeat(depth));
        let r = shop.post_graphql(&json!({ "query": query }), None).await;
        assert_handled(&r, &format!("selection depth {depth}"));
        let list = format!(
            "{{ isEmailAvailable(email: {}\"a\"{}) {{ is_email_available }} }}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let r = shop.post_graphql(&json!({ "query": list }), None).await;
        assert_handled(&r, &format!("list depth {depth}"));
        let object = format!(
            "mutation {{ createCustomerV2(input: {}1{}) {{ customer {{ email }} }} }}",
            "{a: ".repeat(depth),
            "}".repeat(depth)
        );
        let r = shop.post_graphql(&json!({ "query": object }), None).await;
        assert_handled(&r, &format!("input object depth {depth}"));
    }
    // Built as text: a nested `Value` this deep would overflow the test's own stack.
    let nested = format!("{}\"x\"{}", "[".repeat(5_000), "]".repeat(5_000));
    let body = format!(
        "{{\"query\": {}, \"variables\": {{\"email\": {nested}, \"password\": \"x\"}}}}",
        serde_json::to_string(docs::LOGIN).unwrap()
    );
    let r = post_bytes(&shop, "application/json", body.as_bytes()).await;
    assert_handled(&r, "deeply nested variables");
    still_serves(&shop).await;
}

#[tokio::test]
async fn fragment_cycles_and_spreads_of_unknown_fragments_are_validation_errors() {
    let shop = Shop::new().await;
    let token = shop.session(&email("cycle")).await;
    for query in [
        "{ customer { ...A } } fragment A on Customer { ...B } fragment B on Customer { ...A }",
        "{ customer { ...A } } fragment A on Customer { email ...A }",
        "{ customer { ...Missing } }",
        "{ customer { ...A } } fragment A on CustomerAddress { city }",
        "{ customer { email } } fragment Unused on Customer { email }",
    ] {
        let r = shop.gql(query, json!({}), Some(&token)).await;
        assert_handled(&r, query);
        r.request_error();
    }
    still_serves(&shop).await;
}

#[tokio::test]
async fn wide_documents_are_handled() {
    let shop = Shop::new().await;
    let token = shop.session(&email("wide")).await;
    // Many aliases of one field.
    let aliases: String = (0..2_000).map(|i| format!("a{i}: email ")).collect();
    let r = shop
        .gql(
            &format!("{{ customer {{ {aliases} }} }}"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_handled(&r, "2000 aliases");
    // A fragment bomb: each level spreads the previous one twice (2^20 spreads in all).
    let mut document = String::from("{ customer { ...F20 } }\nfragment F0 on Customer { email }\n");
    for level in 1..=20 {
        document.push_str(&format!(
            "fragment F{level} on Customer {{ ...F{p} ...F{p} }}\n",
            p = level - 1
        ));
    }
    let r = shop.gql(&document, json!({}), Some(&token)).await;
    assert_handled(&r, "fragment bomb");
    // Many operations; a long string argument; many variables.
    let operations: String = (0..500)
        .map(|i| format!("query Q{i} {{ __typename }} "))
        .collect();
    let r = shop
        .post_graphql(&json!({"query": operations, "operationName": "Q499"}), None)
        .await;
    assert_handled(&r, "500 operations");
    let r = shop
        .gql(
            docs::LOGIN,
            json!({"email": "a".repeat(90_000), "password": "x"}),
            None,
        )
        .await;
    assert_handled(&r, "a 90 kB email");
    // Over the body-size limit.
    let r = shop
        .post_graphql(
            &json!({"query": format!("{{ __typename }} # {}", "x".repeat(200_000))}),
            None,
        )
        .await;
    assert_handled(&r, "a 200 kB body");
    still_serves(&shop).await;
}

#[tokio::test]
async fn out_of_range_and_odd_scalars_are_handled() {
    let shop = Shop::new().await;
    let token = shop.session(&email("scalars")).await;
    for id in [
        json!(0),
        json!(-1),
        json!(2_147_483_647),
        json!(2_147_483_648_i64),
        json!(9_223_372_036_854_775_807_i64),
        json!(1e300),
        json!(1.5),
        json!("12"),
        json!(true),
        json!(null),
    ] {
        let r = shop
            .gql(docs::DELETE_ADDRESS, json!({ "id": id }), Some(&token))
            .await;
        assert_handled(&r, &format!("id {id}"));
    }
    for literal in ["99999999999999999999999", "-0", "1e5", "0x10", "1.0"] {
        let r = shop
            .gql(
                &format!("mutation {{ deleteCustomerAddress(id: {literal}) }}"),
                json!({}),
                Some(&token),
            )
            .await;
        assert_handled(&r, literal);
    }
    for gender in [json!(-5), json!(3), json!(2_147_483_648_i64)] {
        let r = shop
            .gql(
                docs::UPDATE_ME,
                json!({"input": {"gender": gender}}),
                Some(&token),
            )
            .await;
        assert_handled(&r, &format!("gender {gender}"));
    }
    for page in [json!(0), json!(-1), json!(2_147_483_647)] {
        let r = shop
            .gql(
                "query P($p: Int) { customer { addressesV2(currentPage: $p, pageSize: $p) { total_count } } }",
                json!({ "p": page }),
                Some(&token),
            )
            .await;
        assert_handled(&r, &format!("page {page}"));
    }
    still_serves(&shop).await;
}

#[tokio::test]
async fn odd_strings_are_stored_or_refused_but_never_crash() {
    let shop = Shop::new().await;
    let token = shop.session(&email("strings")).await;
    for name in [
        "\u{0}",
        "Zoë 🛒",
        "<script>alert(1)</script>",
        "Robert'); DROP TABLE customer;--",
        "\u{202e}reversed",
        "\u{fffd}",
        "",
        &"x".repeat(10_000),
    ] {
        let r = shop
            .gql(
                docs::UPDATE_ME,
                json!({"input": {"firstname": name}}),
                Some(&token),
            )
            .await;
        assert_handled(&r, &format!("firstname {name:?}"));
        let r = shop.customer("firstname", Some(&token)).await;
        assert_handled(&r, "read back");
        r.data();
    }
    let e = email("unicodeaddr");
    let r = shop
        .create_v2(
            json!({"email": e, "firstname": "Zoë", "lastname": "Ünïcödé", "password": "Pässwörd1"}),
        )
        .await;
    assert_handled(&r, "unicode registration");
    for address in [
        "a@b",
        "@",
        "a@@example.com",
        "a@example..com",
        "\"quoted\"@example.com",
        "x@[127.0.0.1]",
    ] {
        let r = shop.login(address, "x").await;
        assert_handled(&r, address);
        let r = shop
            .create_v2(
                json!({"email": address, "firstname": "A", "lastname": "B", "password": PASSWORD}),
            )
            .await;
        assert_handled(&r, address);
    }
    still_serves(&shop).await;
}

#[tokio::test]
async fn odd_authorization_headers_are_handled() {
    let shop = Shop::new().await;
    for header in [
        "Bearer",
        "Bearer ",
        "bearer abc",
        "Basic dXNlcjpwYXNz",
        "Bearer a.b",
        "Bearer eyJhbGciOiJub25lIn0.eyJ1aWQiOjEsInV0eXBpZCI6M30.",
        "Bearer ..",
        &format!("Bearer {}", "x".repeat(8_000)),
    ] {
        let r = shop
            .raw(
                "POST",
                "/graphql",
                &[
                    ("Content-Type", "application/json"),
                    ("Authorization", header),
                ],
                Some(
                    json!({"query": "{ customer { email } }"})
                        .to_string()
                        .into_bytes(),
                ),
            )
            .await;
        assert_handled(&r, header);
        let body = r.json();
        assert_eq!(body["data"], json!({"customer": null}), "{header}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["category"],
            "graphql-authorization"
        );
    }
    still_serves(&shop).await;
}

#[tokio::test]
async fn an_alg_none_or_forged_jwt_is_not_a_session() {
    use base64::Engine as _;
    let shop = Shop::new().await;
    let e = email("forge");
    let token = shop.session(&e).await;
    let parts: Vec<&str> = token.split('.').collect();
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let claims: Value = serde_json::from_slice(&engine.decode(parts[1]).unwrap()).unwrap();
    let mut longer = claims.clone();
    longer["exp"] = json!(T0 + 10 * 365 * 86_400);
    let none_header = engine.encode(br#"{"alg":"none"}"#);
    for forged in [
        format!("{none_header}.{}.", parts[1]),
        format!(
            "{}.{}.{}",
            parts[0],
            engine.encode(longer.to_string()),
            parts[2]
        ),
        format!("{}.{}.", parts[0], parts[1]),
    ] {
        let r = shop
            .gql("{ customer { email } }", json!({}), Some(&forged))
            .await;
        assert_handled(&r, &forged);
        assert_eq!(r.json()["data"], json!({"customer": null}), "{forged}");
    }
}

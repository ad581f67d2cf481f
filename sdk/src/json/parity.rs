//! One corpus through both parsers: `serde_json` natively and the engine's
//! `JSON.parse` in wasm (`cargo test -p storefront-sdk --lib json::parity`,
//! natively and with `--target wasm32-unknown-unknown`). Each entry is an
//! input and the tree it must give, in a canonical form written here (members
//! sorted by name, numbers in Rust's own notation), or `None` where the input
//! must be refused.

use super::{Json, MAX_DEPTH};

/// The tree as canonical text: the same on every platform for the same tree.
fn canonical(json: &Json) -> String {
    match json {
        Json::Null => "null".into(),
        Json::Bool(flag) => flag.to_string(),
        Json::Number(number) => format!("{number:?}"),
        Json::String(text) => format!("{text:?}"),
        Json::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", items.join(","))
        }
        Json::Object(members) => {
            let mut members: Vec<String> = members
                .iter()
                .map(|(name, value)| format!("{name:?}:{}", canonical(value)))
                .collect();
            members.sort();
            format!("{{{}}}", members.join(","))
        }
    }
}

/// Inputs and the canonical tree each must give (`None`: refused).
fn corpus() -> Vec<(String, Option<String>)> {
    let deep = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    let nested = |depth: usize| {
        let mut canonical = "[]".to_owned();
        for _ in 1..depth {
            canonical = format!("[{canonical}]");
        }
        canonical
    };
    let fixed: Vec<(&str, Option<&str>)> = vec![
        // Documents as the backends send them.
        (
            r#"{"token":"eyJ","refresh_token":"r","user":{"id":"cus_1","addresses":[]}}"#,
            Some(r#"{"refresh_token":"r","token":"eyJ","user":{"addresses":[],"id":"cus_1"}}"#),
        ),
        (
            r#""q0u66k8h42yaevtchv09uyy3y9gaj2ap""#,
            Some(r#""q0u66k8h42yaevtchv09uyy3y9gaj2ap""#),
        ),
        ("true", Some("true")),
        (
            r#"[{"id":"1529","status":"1"}]"#,
            Some(r#"[{"id":"1529","status":"1"}]"#),
        ),
        (
            r#"{"errors":[{"code":"001","status":401,"detail":"Invalid access token."}]}"#,
            Some(r#"{"errors":[{"code":"001","detail":"Invalid access token.","status":401.0}]}"#),
        ),
        (
            r#"{"data":{"customer":null},"errors":[{"message":"m","extensions":{"category":"graphql-authorization"}}]}"#,
            Some(
                r#"{"data":{"customer":null},"errors":[{"extensions":{"category":"graphql-authorization"},"message":"m"}]}"#,
            ),
        ),
        // Numbers.
        ("0", Some("0.0")),
        ("-0", Some("-0.0")),
        ("1.5e3", Some("1500.0")),
        ("9007199254740993", Some("9007199254740992.0")),
        ("1e308", Some("1e308")),
        ("1e400", None),
        ("-1e400", None),
        ("01", None),
        ("1.", None),
        (".5", None),
        ("+1", None),
        ("NaN", None),
        ("Infinity", None),
        // Strings and escapes.
        (r#""\u00e9\n\t\"\\\/""#, Some(r#""é\n\t\"\\/""#)),
        (r#""\ud83e\udd80""#, Some(r#""🦀""#)),
        (r#""\ud800""#, None),
        (r#""\udc00""#, None),
        ("\"raw\ncontrol\"", None),
        ("'single'", None),
        // Objects: a repeated name is read as its last value.
        (r#"{"b":1,"a":2,"b":3}"#, Some(r#"{"a":2.0,"b":3.0}"#)),
        (r#"{"2":"x","1":"y"}"#, Some(r#"{"1":"y","2":"x"}"#)),
        (r#"{"a":1,}"#, None),
        (r#"{a:1}"#, None),
        ("[1,]", None),
        ("[1 2]", None),
        // Whitespace and trailing text.
        (" \n\t[ 1 , 2 ] \r\n", Some("[1.0,2.0]")),
        ("{} x", None),
        ("", None),
        ("   ", None),
        ("nul", None),
    ];
    let mut cases: Vec<(String, Option<String>)> = fixed
        .into_iter()
        .map(|(input, expected)| (input.to_owned(), expected.map(str::to_owned)))
        .collect();
    cases.push((deep(MAX_DEPTH), Some(nested(MAX_DEPTH))));
    cases.push((deep(MAX_DEPTH + 1), None));
    cases
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn both_parsers_read_the_corpus_alike() {
    for (input, expected) in corpus() {
        let parsed = Json::parse(input.as_bytes()).map(|json| canonical(&json));
        assert_eq!(parsed, expected, "input: {input:?}");
    }
    assert_eq!(Json::parse(b"\"\xff\""), None, "invalid UTF-8");
}

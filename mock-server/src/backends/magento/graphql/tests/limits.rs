//! Hostile documents stay bounded: depth and complexity limits, and nesting bombs on the stack
//! size of a wiremock worker thread.

use super::Client;
use crate::backends::magento::graphql::schema::{MAX_COMPLEXITY, MAX_DEPTH};

/// The default stack of a spawned thread (wiremock serves on one).
const WORKER_STACK: usize = 2 * 1024 * 1024;

fn of_types(depth: usize) -> String {
    format!(
        "{{ __type(name: \"Customer\") {{ fields {{ type {{ {} name {} }} }} }} }}",
        "ofType { ".repeat(depth),
        "}".repeat(depth)
    )
}

#[test]
fn queries_deeper_than_the_limit_are_refused() {
    let client = Client::new();
    let within = client.query(&of_types(MAX_DEPTH - 4));
    assert!(within.json.get("errors").is_none(), "{}", within.body);
    let beyond = client.query(&of_types(MAX_DEPTH));
    assert_eq!(beyond.status, 200);
    assert!(beyond.json.get("data").is_none(), "{}", beyond.body);
    assert_eq!(
        beyond.json["errors"][0]["extensions"]["category"],
        "graphql"
    );
}

#[test]
fn queries_more_complex_than_the_limit_are_refused() {
    let client = Client::new();
    let aliases: String = (0..MAX_COMPLEXITY)
        .map(|index| format!("a{index}: isEmailAvailable(email: \"x\") {{ is_email_available }} "))
        .collect();
    let answer = client.query(&format!("{{ {aliases} }}"));
    assert!(answer.json.get("data").is_none(), "{}", answer.body);
    assert_eq!(
        answer.json["errors"][0]["extensions"]["category"],
        "graphql"
    );
}

#[test]
fn nesting_bombs_are_refused_on_a_worker_sized_stack() {
    let bombs = [
        "{".repeat(100_000),
        format!("{{ customer {} }}", "{ email ".repeat(50_000)),
        format!(
            "{{ isEmailAvailable(email: {}\"x\"{}) {{ is_email_available }} }}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        format!(
            "query($v: {}Int{}) {{ __typename }}",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
        format!("{{ ...{} }}", "a".repeat(50_000)),
    ];
    let worker = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let client = Client::new();
            for bomb in bombs {
                let answer = client.query(&bomb);
                assert_eq!(
                    answer.status,
                    200,
                    "{}",
                    &answer.body[..answer.body.len().min(300)]
                );
                assert_eq!(
                    answer.json["errors"][0]["extensions"]["category"],
                    "graphql"
                );
            }
            let variables = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
            let body = format!(r#"{{"query":"{{ __typename }}","variables":{{"v":{variables}}}}}"#);
            assert_eq!(client.send("POST", None, body.as_bytes()).status, 400);
        })
        .expect("a thread");
    assert!(worker.join().is_ok(), "the worker thread survived");
}

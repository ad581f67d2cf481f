//! Plain HTTP for the mock's test suites, one copy for all of them: a client, one request
//! sent as given, and its answer read whole. What a suite asserts about answers stays in the
//! suite (its own `impl Resp` blocks).
//!
//! The module that includes this file (`#[path]`) sets the suite's request timeout and the
//! `Content-Type` of a body sent without one: `SUITE_TIMEOUT` and `SUITE_CONTENT_TYPE`.

use reqwest::{Method, header::HeaderMap};
use serde_json::Value;

/// One HTTP response, fully read.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; panics with the status and body when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {} body is not JSON ({e}): {:?}",
                self.status,
                self.text()
            )
        })
    }

    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    }
}

/// The suite's client: it follows no redirects and gives up on a request after
/// `SUITE_TIMEOUT`.
pub fn client() -> reqwest::Client {
    // Needed when reqwest is built with storefront-sdk's `rustls-no-provider` (workspace
    // builds); another test may have installed it already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(super::SUITE_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Sends `method url` with `headers` and `body`; a body without a `Content-Type` header gets
/// `SUITE_CONTENT_TYPE`.
pub async fn send(
    http: &reqwest::Client,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> Resp {
    let mut request = http.request(Method::from_bytes(method.as_bytes()).unwrap(), url);
    let has_content_type = headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    if let Some(body) = body {
        if !has_content_type {
            request = request.header("Content-Type", super::SUITE_CONTENT_TYPE);
        }
        request = request.body(body);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    Resp {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await.expect("body").to_vec(),
    }
}

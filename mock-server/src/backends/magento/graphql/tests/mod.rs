//! Tests of the GraphQL engine, through `GraphqlEngine::handle` with an in-memory fake store.

mod coverage;
mod errors;
mod execution;
mod fake;
mod introspection;
mod limits;
mod runtime;
mod seed;

use super::{GraphqlEngine, GraphqlOptions};
use crate::http::ApiRequest;
use fake::FakeStore;
use std::sync::OnceLock;
use wiremock::http::HeaderMap;

/// The engine, built once for all tests.
pub(crate) fn engine() -> &'static GraphqlEngine {
    static ENGINE: OnceLock<GraphqlEngine> = OnceLock::new();
    ENGINE.get_or_init(|| match GraphqlEngine::new() {
        Ok(engine) => engine,
        Err(error) => panic!("the vendored SDL does not build: {error}"),
    })
}

/// A response as a client sees it.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: String,
    pub(crate) json: serde_json::Value,
}

/// A client of the engine over one fake store.
pub(crate) struct Client {
    pub(crate) store: FakeStore,
    pub(crate) options: GraphqlOptions,
    pub(crate) token: Option<String>,
}

impl Client {
    pub(crate) fn new() -> Self {
        Self::with(GraphqlOptions::default())
    }

    pub(crate) fn with(options: GraphqlOptions) -> Self {
        Self {
            store: FakeStore::default(),
            options,
            token: None,
        }
    }

    /// Sends one request.
    pub(crate) fn send(&self, method: &str, query: Option<&str>, body: &[u8]) -> Answer {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", "application/json".parse().unwrap());
        if let Some(token) = &self.token {
            headers.insert("authorization", format!("Bearer {token}").parse().unwrap());
        }
        let request = ApiRequest {
            method,
            path: "/graphql",
            query,
            headers: &headers,
            body,
        };
        let response = engine().handle(&request, &self.store, &self.options);
        let body = String::from_utf8(response.body).expect("UTF-8 body");
        let json = serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
        assert!(response.status < 500, "{} {body}", response.status);
        Answer {
            status: response.status,
            body,
            json,
        }
    }

    /// `POST /graphql` with `query` and `variables`.
    pub(crate) fn post(&self, query: &str, variables: serde_json::Value) -> Answer {
        let body = serde_json::json!({"query": query, "variables": variables});
        self.send("POST", None, body.to_string().as_bytes())
    }

    /// `POST` of `query` alone.
    pub(crate) fn query(&self, query: &str) -> Answer {
        self.post(query, serde_json::Value::Null)
    }

    /// Registers `email` with `password` and signs in (the client then sends the token).
    pub(crate) fn sign_up(&mut self, email: &str, password: &str) {
        let created = self.post(
            "mutation($input: CustomerCreateInput!) { createCustomerV2(input: $input) { customer { email } } }",
            serde_json::json!({"input": {"email": email, "firstname": "Jane", "lastname": "Doe", "password": password}}),
        );
        assert_eq!(
            created.json["data"]["createCustomerV2"]["customer"]["email"],
            email
        );
        let login = self.post(
            "mutation($e: String!, $p: String!) { generateCustomerToken(email: $e, password: $p) { token } }",
            serde_json::json!({"e": email, "p": password}),
        );
        let token = login.json["data"]["generateCustomerToken"]["token"].as_str();
        self.token = Some(token.expect("a token").to_owned());
    }
}

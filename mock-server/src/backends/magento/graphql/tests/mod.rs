//! Tests of the GraphQL engine, through `GraphqlEngine::handle` over the Magento store (the
//! shared server's layers aside: `tests/magento_graphql*.rs` go through HTTP).

mod coverage;
mod errors;
mod execution;
mod introspection;
mod limits;
mod runtime;
mod seed;

use super::{GraphqlEngine, GraphqlOptions, StoreAccounts};
use crate::backends::MockBackend;
use crate::backends::magento::store::MagentoStore;
use crate::emulator::RequestContext;
use crate::http::ApiRequest;
use crate::options::MockOptions;
use crate::outbox::{Outbox, OutboxMessage};
use std::sync::{Mutex, OnceLock};
use wiremock::http::HeaderMap;

/// The mock-clock time of every request (2026-01-01T00:00:00Z).
const NOW: i64 = 1_767_225_600;

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

/// A client of the engine over one Magento store.
pub(crate) struct Client {
    pub(crate) store: MagentoStore,
    pub(crate) options: MockOptions,
    pub(crate) outbox: Mutex<Outbox>,
    pub(crate) token: Option<String>,
}

impl Client {
    pub(crate) fn new() -> Self {
        Self::with(GraphqlOptions::default())
    }

    pub(crate) fn with(graphql: GraphqlOptions) -> Self {
        let mut options = MockOptions::for_backend(MockBackend::Magento);
        options.password_hash_rounds = 4;
        options.magento.graphql = graphql;
        Self {
            store: MagentoStore::new(&options, NOW),
            options,
            outbox: Mutex::new(Outbox::default()),
            token: None,
        }
    }

    /// The emails the store has sent.
    pub(crate) fn outbox(&self) -> Vec<OutboxMessage> {
        self.outbox
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .messages(None)
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
        let context = RequestContext::new(&self.options, NOW, "127.0.0.1", &self.outbox);
        let accounts = StoreAccounts::new(&self.store, &context);
        let response = engine().handle(&request, &accounts, &self.options.magento.graphql);
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

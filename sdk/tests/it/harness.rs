//! Shared set-up: a mock, a manual clock, a client and a transport that can
//! hold a response back so that a test controls what is in flight.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use storefront_mock::{MockServer, RecordedRequest};
use storefront_sdk::{
    AuthResponse, BoxFuture, Client, ClientBuilder, HttpRequest, HttpResponse, ManualClock,
    MemoryStore, NewCustomer, ReqwestTransport, RetryPolicy, Transport, TransportError,
};
use tokio::sync::{Notify, Semaphore};

pub const PASSWORD: &str = "Password1!";
pub const TTL: Duration = Duration::from_secs(3600);

/// A response held back until the test releases it.
#[derive(Clone)]
pub struct Gate {
    path: String,
    /// Signalled each time a matching response arrives and is held.
    pub arrived: Arc<Notify>,
    release: Arc<Semaphore>,
}

impl Gate {
    /// Lets one held response through.
    pub fn release(&self) {
        self.release.add_permits(1);
    }
}

/// Wraps the real transport; counts requests, keeps the last body sent and
/// can hold responses.
pub struct GatedTransport {
    inner: ReqwestTransport,
    gate: Mutex<Option<Gate>>,
    sent: AtomicUsize,
    last_body: Mutex<Option<Vec<u8>>>,
}

impl GatedTransport {
    fn new() -> Self {
        Self {
            inner: ReqwestTransport::new().unwrap(),
            gate: Mutex::new(None),
            sent: AtomicUsize::new(0),
            last_body: Mutex::new(None),
        }
    }

    /// Holds every response to requests whose URL ends with `path`.
    pub fn hold(&self, path: &str) -> Gate {
        let gate = Gate {
            path: path.to_owned(),
            arrived: Arc::new(Notify::new()),
            release: Arc::new(Semaphore::new(0)),
        };
        *self.gate.lock().unwrap() = Some(gate.clone());
        gate
    }

    /// How many requests went out.
    pub fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }

    /// The body of the last request that had one, as JSON.
    pub fn last_json_body(&self) -> serde_json::Value {
        let body = self.last_body.lock().unwrap().clone().expect("a body sent");
        serde_json::from_slice(&body).expect("a JSON body")
    }
}

impl Transport for GatedTransport {
    fn send<'a>(
        &'a self,
        request: &'a HttpRequest,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        self.sent.fetch_add(1, Ordering::SeqCst);
        if let Some(body) = &request.body {
            *self.last_body.lock().unwrap() = Some(body.clone());
        }
        let gate = self
            .gate
            .lock()
            .unwrap()
            .clone()
            .filter(|gate| request.url.ends_with(&gate.path));
        Box::pin(async move {
            let response = self.inner.send(request).await;
            if let Some(gate) = gate {
                gate.arrived.notify_one();
                gate.release.acquire().await.unwrap().forget();
            }
            response
        })
    }
}

pub struct Harness {
    pub mock: MockServer,
    pub clock: ManualClock,
    pub transport: Arc<GatedTransport>,
    pub store: Arc<MemoryStore>,
    pub client: Client,
}

impl Harness {
    pub async fn new() -> Self {
        Self::with(|builder| builder).await
    }

    /// A harness whose client builder is adjusted by `configure`. Retries
    /// back off by zero so that they need no clock movement.
    pub async fn with(configure: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Self {
        let mock = MockServer::start().await;
        // Both clocks move only when a test says so, and together.
        mock.freeze_clock(true);
        let clock = ManualClock::new(mock.now() * 1000);
        let transport = Arc::new(GatedTransport::new());
        let store = Arc::new(MemoryStore::new());
        let builder = Self::builder_for(&mock, &clock, &transport, &store);
        let client = configure(builder).build().unwrap();
        Self {
            mock,
            clock,
            transport,
            store,
            client,
        }
    }

    fn builder_for(
        mock: &MockServer,
        clock: &ManualClock,
        transport: &Arc<GatedTransport>,
        store: &Arc<MemoryStore>,
    ) -> ClientBuilder {
        Client::builder(mock.uri())
            .publishable_key(mock.publishable_key())
            .clock(Arc::new(clock.clone()))
            .transport(transport.clone())
            .token_store(store.clone())
            .retry_policy({
                let mut value = RetryPolicy::default();
                value.base_delay = Duration::ZERO;
                value
            })
    }

    /// Another client of the same store: a second tab or process.
    pub fn second_client(&self) -> Client {
        Self::builder_for(&self.mock, &self.clock, &self.transport, &self.store)
            .build()
            .unwrap()
    }

    /// Registers a fresh customer through the client (which signs in).
    pub async fn sign_up(&self, email: &str) -> AuthResponse {
        self.client
            .customers()
            .create(&NewCustomer::new(email, PASSWORD).name("Jane", "Doe"))
            .await
            .unwrap()
            .session()
            .cloned()
            .expect("Spree signs in on registration")
    }

    /// Moves both clocks: the server's JWTs and the client's estimate.
    pub fn advance(&self, by: Duration) {
        self.mock.advance_clock(by);
        self.clock.advance(by);
    }

    /// The requests the mock saw for `method` and a path ending in `suffix`.
    pub fn requests(&self, method: &str, suffix: &str) -> Vec<RecordedRequest> {
        self.mock
            .requests()
            .into_iter()
            .filter(|r| r.method == method && r.path.ends_with(suffix))
            .collect()
    }

    pub fn refreshes(&self) -> usize {
        self.requests("POST", "/auth/refresh").len()
    }
}

/// Polls `condition` until it holds (bounded): for state that changes on
/// other tasks, never to measure time.
pub async fn until(mut condition: impl FnMut() -> bool) {
    for _ in 0..2000 {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("condition not reached");
}

/// An email for a test's customer (every harness has its own mock).
pub fn email(tag: &str) -> String {
    format!("{tag}@example.com")
}

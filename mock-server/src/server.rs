//! The wiremock-based server: shared state, the catch-all responder and its recycling.

use crate::backends;
use crate::clock::MockClock;
use crate::control::{self, ControlResult};
use crate::emulator::{Emulator, RequestContext, SharedError};
use crate::faults::{Fault, FaultEffect, FaultSet};
use crate::http::{
    ApiRequest, ApiResponse, JSON_CONTENT_TYPE, ResponseOrigin, cors_headers, preflight_headers,
};
use crate::journal::{Journal, RecordedRequest};
use crate::options::MockOptions;
use crate::outbox::{Outbox, OutboxMessage};
use crate::random;
use crate::rejection::Rejection;
use rand_chacha::ChaCha8Rng;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock, Weak};
use wiremock::http::{HeaderMap, HeaderName, HeaderValue};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

/// Requests served by one wiremock server before its catch-all mock is re-mounted. wiremock
/// keeps a clone of every request a mock matched; re-mounting frees them.
const RECYCLE_EVERY: u64 = 1_024;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// State shared by every worker server and the Rust API.
pub(crate) struct Shared {
    /// The mock clock.
    pub(crate) clock: MockClock,
    options: RwLock<Arc<MockOptions>>,
    journal: Mutex<Journal>,
    outbox: Mutex<Outbox>,
    faults: Mutex<FaultSet>,
    rng: Mutex<ChaCha8Rng>,
    emulator: Box<dyn Emulator>,
}

impl Shared {
    /// Fresh state for these options; an error for options the backend cannot use.
    pub(crate) fn new(options: MockOptions) -> std::io::Result<Self> {
        let clock = MockClock::default();
        let rng = random::seeded_rng(options.seed, 1);
        let emulator = backends::emulator_for(&options, clock.now())?;
        Ok(Self {
            clock,
            options: RwLock::new(Arc::new(options)),
            journal: Mutex::default(),
            outbox: Mutex::default(),
            faults: Mutex::default(),
            rng: Mutex::new(rng),
            emulator,
        })
    }

    /// The options in force.
    pub(crate) fn options(&self) -> Arc<MockOptions> {
        self.options
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Replaces the options (the backend and the worker count are fixed at start).
    pub(crate) fn set_options(&self, mut options: MockOptions) {
        let mut current = self
            .options
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        options.workers = current.workers;
        options.backend = current.backend;
        self.emulator.apply_options(&options);
        *current = Arc::new(options);
    }

    /// Applies a partial JSON object to the options; refuses unknown fields, a backend option
    /// outside its backend's object, a change of backend, and what the backend cannot apply.
    pub(crate) fn patch_options(&self, patch: &serde_json::Value) -> Result<(), String> {
        let current = self.options();
        let merged = current
            .merged_with(patch)
            .map_err(|error| error.to_string())?;
        if merged.backend != current.backend {
            return Err(format!(
                "the backend is fixed at start (this server emulates {})",
                current.backend
            ));
        }
        self.emulator.check_options(&merged)?;
        self.set_options(merged);
        Ok(())
    }

    /// The API base path of the emulated backend.
    pub(crate) fn api_base(&self) -> String {
        self.emulator.api_base(&self.options())
    }

    /// Clears data, outbox, journal, faults and the clock offset; options stay.
    pub(crate) fn reset(&self) {
        self.clock.reset();
        lock(&self.outbox).clear();
        lock(&self.journal).clear();
        lock(&self.faults).clear();
        self.emulator.reset(&self.options(), self.clock.now());
    }

    /// Outbox messages, oldest first.
    pub(crate) fn outbox_messages(&self, recipient: Option<&str>) -> Vec<OutboxMessage> {
        lock(&self.outbox).messages(recipient)
    }

    /// Journal entries, oldest first.
    pub(crate) fn recorded_requests(&self) -> Vec<RecordedRequest> {
        lock(&self.journal).snapshot()
    }

    /// Empties the journal.
    pub(crate) fn clear_requests(&self) {
        lock(&self.journal).clear();
    }

    /// Adds a fault after checking that its status and headers can be sent.
    pub(crate) fn add_fault(&self, fault: Fault) -> Result<(), String> {
        fault.validate()?;
        lock(&self.faults).add(fault);
        Ok(())
    }

    /// Removes every fault.
    pub(crate) fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    /// Offers a control route to the backend.
    pub(crate) fn backend_control(
        &self,
        request: &ApiRequest<'_>,
        route: &[&str],
    ) -> Option<ControlResult> {
        let options = self.options();
        let client_ip = self.client_ip(request, &options);
        let context = RequestContext::new(&options, self.clock.now(), &client_ip, &self.outbox);
        self.emulator.control(request, route, &context)
    }

    /// Runs a body-less control request from the Rust API (no journal, no faults).
    pub(crate) fn control_call(&self, method: &str, path: &str) -> ApiResponse {
        let headers = HeaderMap::new();
        let request = ApiRequest {
            method,
            path,
            query: None,
            headers: &headers,
            body: &[],
        };
        control::handle(self, &request)
    }

    fn client_ip(&self, request: &ApiRequest<'_>, options: &MockOptions) -> String {
        options
            .client_ip_header
            .as_deref()
            .and_then(|name| request.header(name))
            .and_then(|value| value.split(',').next())
            .map(|ip| ip.trim().to_owned())
            .filter(|ip| !ip.is_empty())
            .unwrap_or_else(|| "127.0.0.1".to_owned())
    }

    /// The backend's answer, after the shared body-size limit; unknown routes get the
    /// backend's 404.
    fn api_response(
        &self,
        request: &ApiRequest<'_>,
        options: &MockOptions,
        now: i64,
    ) -> ApiResponse {
        if self.emulator.body_limit_applies(request.path)
            && request
                .content_length()
                .is_some_and(|length| length > options.max_request_body_size)
        {
            return self.emulator.error_response(&SharedError::BodyTooLarge);
        }
        let client_ip = self.client_ip(request, options);
        let context = RequestContext::new(options, now, &client_ip, &self.outbox);
        self.emulator
            .handle(request, &context)
            .unwrap_or_else(|| self.emulator.error_response(&SharedError::UnknownRoute))
    }

    /// Answers any request that reached the server.
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let options = self.options();
        let api_request = ApiRequest {
            method: request.method.as_str(),
            path: request.url.path(),
            query: request.url.query(),
            headers: &request.headers,
            body: &request.body,
        };
        if let Some(rejection) = Rejection::carried_by(&api_request) {
            let response = self.emulator.error_response(&rejection.shared_error());
            self.record(&api_request, &response, self.clock.now());
            return self.render(response, &api_request, &options, &FaultEffect::default());
        }
        if api_request.method == "OPTIONS" {
            let mut response = ApiResponse::empty(204, ResponseOrigin::Mock);
            if control::cors_allowed(api_request.path, &options) {
                for (name, value) in preflight_headers(
                    api_request.header("access-control-request-headers"),
                    self.emulator.cors(),
                ) {
                    response = response.with_header(name, value);
                }
            }
            return self.render(response, &api_request, &options, &FaultEffect::default());
        }
        if control::is_control_path(api_request.path) {
            let response = control::handle(self, &api_request);
            return self.render(response, &api_request, &options, &FaultEffect::default());
        }
        let now = self.clock.now();
        let effect = {
            let mut rng = lock(&self.rng);
            lock(&self.faults).take_effect(api_request.method, api_request.path, &mut *rng)
        }
        .unwrap_or_default();
        let mut response = match &effect.canned {
            Some((status, body)) => {
                let mut canned = ApiResponse::empty(*status, ResponseOrigin::Filter);
                if !body.is_empty() {
                    canned.content_type = Some(JSON_CONTENT_TYPE.to_owned());
                    canned.body = body.clone().into_bytes();
                }
                canned
            }
            None => self.api_response(&api_request, &options, now),
        };
        for (name, value) in &effect.headers {
            response.headers.push((name.clone(), value.clone()));
        }
        self.record(&api_request, &response, now);
        self.render(response, &api_request, &options, &effect)
    }

    /// Adds an API request and its answer to the journal.
    fn record(&self, request: &ApiRequest<'_>, response: &ApiResponse, at: i64) {
        lock(&self.journal).record(RecordedRequest {
            method: request.method.to_owned(),
            path: request.path.to_owned(),
            status: response.status,
            idempotency_key: request.header("idempotency-key").map(str::to_owned),
            replayed: response.replayed,
            at,
        });
    }

    /// A request id: the client's if it is sane (as Rails does), else a new UUID.
    fn request_id(&self, request: &ApiRequest<'_>) -> String {
        if let Some(given) = request.header("x-request-id").filter(|id| {
            !id.is_empty()
                && id.len() <= 255
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        }) {
            return given.to_owned();
        }
        random::uuid_v4(&mut *lock(&self.rng))
    }

    /// Adds the neutral headers (and the backend's framework headers for the origin) and
    /// converts to a wiremock response.
    fn render(
        &self,
        response: ApiResponse,
        request: &ApiRequest<'_>,
        options: &MockOptions,
        effect: &FaultEffect,
    ) -> ResponseTemplate {
        let status = if (100..=999).contains(&response.status) {
            response.status
        } else {
            500
        };
        let mut template = ResponseTemplate::new(status);
        let put = |template: ResponseTemplate, name: &str, value: &str| match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => template.insert_header(name, value),
            _ => template,
        };
        template = put(template, "date", &self.clock.http_date());
        if response.origin != ResponseOrigin::Middleware {
            template = put(template, "x-request-id", &self.request_id(request));
        }
        if response.origin != ResponseOrigin::Mock {
            for (name, value) in self.emulator.framework_headers(response.origin) {
                template = put(template, name, value);
            }
        }
        if let Some(content_type) = &response.content_type {
            template = put(template, "content-type", content_type);
        }
        for (name, value) in &response.headers {
            template = put(template, name, value);
        }
        if control::cors_allowed(request.path, options) {
            for (name, value) in cors_headers(&options.cors_origin, self.emulator.cors()) {
                template = put(template, name, &value);
            }
        }
        if effect.drop_connection {
            // A Content-Length longer than the body makes hyper abort the connection mid-body.
            let claimed = (response.body.len() + 1).to_string();
            template = put(template, "content-length", &claimed);
        }
        if let Some(delay) = effect.delay {
            template = template.set_delay(delay);
        }
        template.set_body_bytes(response.body)
    }
}

/// Where a worker's responder finds its own server, to re-mount itself.
#[derive(Default)]
struct WorkerSlot {
    server: OnceLock<Weak<wiremock::MockServer>>,
    served: AtomicU64,
    /// The runtime of the server's own thread, recorded by the first request.
    runtime: OnceLock<tokio::runtime::Handle>,
}

/// The catch-all `Respond` of one worker server.
#[derive(Clone)]
struct Responder {
    shared: Arc<Shared>,
    slot: Arc<WorkerSlot>,
}

impl Respond for Responder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let template = self.shared.respond(request);
        if self.slot.runtime.get().is_none()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            let _ = self.slot.runtime.set(runtime);
        }
        let served = self.slot.served.fetch_add(1, Ordering::Relaxed) + 1;
        if served % RECYCLE_EVERY == 0 {
            self.recycle();
        }
        template
    }
}

impl Responder {
    /// Re-mounts the catch-all mock so that wiremock frees the requests the old one kept.
    ///
    /// The task runs on the worker's own single-threaded runtime, so no request is handled
    /// between `reset` and `register`: neither awaits anything but the (then free) state lock.
    fn recycle(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let slot = self.slot.clone();
        let responder = self.clone();
        runtime.spawn(async move {
            let Some(server) = slot.server.get().and_then(Weak::upgrade) else {
                return;
            };
            server.reset().await;
            server.register(catch_all(responder)).await;
        });
    }
}

/// Sends one `OPTIONS` request to a wiremock server and reads its answer.
async fn probe(address: SocketAddr) -> std::io::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    stream
        .write_all(b"OPTIONS / HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n")
        .await?;
    stream.read_to_end(&mut Vec::new()).await?;
    Ok(())
}

fn catch_all(responder: Responder) -> Mock {
    Mock::given(wiremock::matchers::any()).respond_with(responder)
}

/// Where the connection layer reaches one wiremock server.
pub(crate) struct Backend {
    /// Its loopback address.
    pub(crate) address: SocketAddr,
    /// The runtime of its thread, where the layer runs its side of the worker.
    pub(crate) runtime: tokio::runtime::Handle,
}

/// The running wiremock servers, each on its own loopback port behind the connection layer.
pub(crate) struct Workers {
    servers: Vec<Arc<wiremock::MockServer>>,
    backends: Vec<Backend>,
}

impl Workers {
    /// Starts `options.workers` servers, each on a free loopback port.
    pub(crate) async fn start(shared: Arc<Shared>) -> std::io::Result<Self> {
        let workers = shared.options().workers.clamp(1, 64);
        let mut servers = Vec::with_capacity(workers);
        let mut backends = Vec::with_capacity(workers);
        for _ in 0..workers {
            let listener = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0))?;
            let address = listener.local_addr()?;
            let server = Arc::new(
                wiremock::MockServer::builder()
                    .listener(listener)
                    .disable_request_recording()
                    .start()
                    .await,
            );
            let slot = Arc::new(WorkerSlot::default());
            let _ = slot.server.set(Arc::downgrade(&server));
            server
                .register(catch_all(Responder {
                    shared: shared.clone(),
                    slot: slot.clone(),
                }))
                .await;
            // wiremock gives no handle to the thread it runs each server on: one request
            // makes the responder record it (a preflight: answered without any state change).
            probe(address).await?;
            let runtime = slot.runtime.get().cloned().ok_or_else(|| {
                std::io::Error::other("the wiremock server did not answer its probe")
            })?;
            backends.push(Backend { address, runtime });
            servers.push(server);
        }
        Ok(Self { servers, backends })
    }

    /// Where each server is reached, one per worker.
    pub(crate) fn backends(&self) -> &[Backend] {
        &self.backends
    }

    /// How many servers run.
    pub(crate) fn len(&self) -> usize {
        self.servers.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::{MockOptions, MockServer};
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

    /// Sends `count` keep-alive requests on one connection; returns the bodies of any
    /// response that was not the mock's own JSON (e.g. wiremock's empty default 404).
    async fn foreign_responses(address: std::net::SocketAddr, count: usize) -> Vec<String> {
        let Ok(stream) = tokio::net::TcpStream::connect(address).await else {
            return vec!["connect failed".into()];
        };
        let (reader, mut writer) = stream.into_split();
        let mut reader = BufReader::new(reader);
        let mut foreign = Vec::new();
        for _ in 0..count {
            let request = "GET /api/v3/store/nope HTTP/1.1\r\nHost: test\r\n\r\n";
            if writer.write_all(request.as_bytes()).await.is_err() {
                foreign.push("write failed".into());
                break;
            }
            let mut content_length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                    foreign.push("connection closed".into());
                    return foreign;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    content_length = value.trim().parse().unwrap_or(0);
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0u8; content_length];
            if reader.read_exact(&mut body).await.is_err() {
                foreign.push("short body".into());
                break;
            }
            let body = String::from_utf8_lossy(&body).into_owned();
            if !body.contains("\"not_found\"") {
                foreign.push(body);
            }
        }
        foreign
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn recycling_the_catch_all_mock_never_exposes_wiremocks_default_404() {
        let mock = MockServer::start_with(MockOptions::default())
            .await
            .expect("starts");
        let clients: Vec<_> = (0..4)
            .map(|_| tokio::spawn(foreign_responses(mock.address(), 1_500)))
            .collect();
        for client in clients {
            let foreign = client.await.expect("client task");
            assert!(foreign.is_empty(), "unexpected responses: {foreign:?}");
        }
    }
}

//! Side-by-side throughput benchmark (never run in CI; see benches/README.md).
//!
//! In one run, on loopback, with `wrk` at 16 connections, for one backend (`--backend spree`,
//! the default, `--backend magento` or `--backend spryker`):
//! 1. storefront-mock (the standalone binary of this crate, built by `cargo bench` in release);
//! 2. a bare wiremock server answering one static JSON response (the ceiling of any
//!    wiremock-based server on this machine);
//! 3. Prism (`@stoplight/prism-cli` 5.16.0, `prism mock -v error`) on the backend's contract:
//!    Spree's OpenAPI subset, Adobe's Magento REST Swagger (Prism ignores its basePath), or
//!    Spryker's generated Glue OpenAPI.
//!
//! For each: the login and the authenticated profile read (Spree `POST /auth/login` and
//! `GET /customers/me`; Magento `POST /V1/integration/customer/token` and
//! `GET /V1/customers/me`; Spryker `POST /access-tokens` with seed 003's demo customer and
//! `GET /customers/DE--21`; on Magento also the GraphQL login, `generateCustomerToken`
//! on `POST /graphql`, against the REST login) in req/s with p50/p99 latency. Then the ratios ours/Prism and
//! ours/bare, and storefront-mock's RSS after >= 1M authenticated profile reads. For Spryker
//! also the µs of one RS256 signature (a login's dominant cost) with the mock's key. Every loop
//! is bounded and every child process is stopped at the end.
//!
//! 4. With `BEFORE=/path/to/an/older/storefront-mock`, that binary too, in the same run, for a
//!    before/after comparison (an older binary must emulate the backend measured).
//!
//! Then, for each storefront-mock binary, the hostile phase (`support/hostile.rs`): login req/s
//! alone and beside slow clients that send their head a byte at a time, the time to the answer
//! to a login head declaring 20 MB, and RSS around 3 x 20 MB and 10 x 10 MB chunked uploads.
//!
//! Flags (after `--`): `--backend spree|magento|spryker|bagisto`, `--duration SECS` (default 10),
//! `--warmup SECS` (default 2), `--rss-requests N` (default 1000000), `--skip-prism`,
//! `--skip-rss`, `--skip-hostile`, `--threads N` (wrk, default 2), `--connections N` (default
//! 16), `--slow-clients N` (default 200), `--slow-interval-ms MS` (default 10).
//! Env: `PRISM` (path to the prism executable; default conformance/node_modules/.bin/prism),
//! `SPEC` (default: the backend's contract in ../shared next to the workspace), `BEFORE` (an
//! older binary to compare with).
//!
//! `--backend bagisto` runs the Bagisto measurements (`support/bagisto.rs`; `SPEC` then
//! defaults to Bagisto's declared OpenAPI; no `BEFORE` or hostile phase).

#[path = "support/bagisto.rs"]
mod bagisto;
#[path = "support/hostile.rs"]
mod hostile;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const OURS: &str = env!("CARGO_BIN_EXE_storefront-mock");

/// What the benchmark drives on one backend.
struct Api {
    /// `--backend` of our binary.
    backend: &'static str,
    /// Further arguments of our binary.
    args: &'static [&'static str],
    /// Registration path and body on our server (answers the token for Spree); `None` where
    /// the bench customer is demo data.
    register: Option<(&'static str, &'static str)>,
    /// Login path (ours) and body.
    login: (&'static str, &'static str),
    /// Authenticated profile read (ours).
    me: &'static str,
    /// Prefix our paths lose on Prism (Magento's basePath, which Prism ignores).
    prism_strip: &'static str,
    /// Headers every request carries.
    headers: &'static [(&'static str, &'static str)],
    /// The contract Prism serves, relative to the workspace's parent.
    spec: &'static str,
}

const SPREE: Api = Api {
    backend: "spree",
    args: &[],
    register: Some((
        "/api/v3/store/customers",
        r#"{"email":"bench@example.com","password":"password123"}"#,
    )),
    login: (
        "/api/v3/store/auth/login",
        r#"{"email":"bench@example.com","password":"password123"}"#,
    ),
    me: "/api/v3/store/customers/me",
    prism_strip: "",
    headers: &[("X-Spree-Api-Key", "pk_test")],
    spec: "shared/spec/spree-store-accounts.openapi.yaml",
};

const MAGENTO: Api = Api {
    backend: "magento",
    args: &[],
    register: Some((
        "/rest/default/V1/customers",
        r#"{"customer":{"email":"bench@example.com","firstname":"Bench","lastname":"Mark"},"password":"Bench-Pass-1"}"#,
    )),
    login: (
        "/rest/default/V1/integration/customer/token",
        r#"{"username":"bench@example.com","password":"Bench-Pass-1"}"#,
    ),
    me: "/rest/default/V1/customers/me",
    prism_strip: "/rest/default",
    headers: &[],
    spec: "shared/contracts/magento-rest/magento-rest-customer-account-2.4.8.swagger.yaml",
};

/// Seed 003's demo customer (`--demo-data`); plain JSON, the media type the generated document
/// declares, so that Prism accepts the body too.
const SPRYKER: Api = Api {
    backend: "spryker",
    args: &["--demo-data"],
    register: None,
    login: (
        "/access-tokens",
        r#"{"data":{"type":"access-tokens","attributes":{"username":"sonia@spryker.com","password":"change123"}}}"#,
    ),
    me: "/customers/DE--21",
    prism_strip: "",
    headers: &[],
    spec: "shared/contracts/spryker-glue/spryker-glue-customer-account.openapi.yaml",
};

struct Args {
    api: &'static Api,
    duration: u64,
    warmup: u64,
    rss_requests: u64,
    skip_prism: bool,
    skip_rss: bool,
    skip_hostile: bool,
    threads: u32,
    connections: u32,
    slow_clients: usize,
    slow_interval_ms: u64,
    backend: String,
}

fn args() -> Args {
    let mut a = Args {
        api: &SPREE,
        duration: 10,
        warmup: 2,
        rss_requests: 1_000_000,
        skip_prism: false,
        skip_rss: false,
        skip_hostile: false,
        threads: 2,
        connections: 16,
        slow_clients: 200,
        slow_interval_ms: 10,
        backend: "spree".to_owned(),
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < v.len() {
        let next = |i: usize| v.get(i + 1).and_then(|s| s.parse::<u64>().ok());
        match v[i].as_str() {
            "--duration" => {
                a.duration = next(i).expect("--duration N");
                i += 1;
            }
            "--warmup" => {
                a.warmup = next(i).expect("--warmup N");
                i += 1;
            }
            "--rss-requests" => {
                a.rss_requests = next(i).expect("--rss-requests N");
                i += 1;
            }
            "--threads" => {
                a.threads = next(i).expect("--threads N") as u32;
                i += 1;
            }
            "--connections" => {
                a.connections = next(i).expect("--connections N") as u32;
                i += 1;
            }
            "--slow-clients" => {
                a.slow_clients = next(i).expect("--slow-clients N") as usize;
                i += 1;
            }
            "--slow-interval-ms" => {
                a.slow_interval_ms = next(i).expect("--slow-interval-ms MS");
                i += 1;
            }
            "--skip-hostile" => a.skip_hostile = true,
            "--backend" => {
                a.backend = v.get(i + 1).cloned().expect("--backend NAME");
                a.api = match a.backend.as_str() {
                    "magento" => &MAGENTO,
                    "spryker" => &SPRYKER,
                    "spree" | "bagisto" => &SPREE,
                    other => panic!("--backend spree|magento|spryker|bagisto, not {other:?}"),
                };
                i += 1;
            }
            "--skip-prism" => a.skip_prism = true,
            "--skip-rss" => a.skip_rss = true,
            _ => {} // cargo passes --bench
        }
        i += 1;
    }
    a
}

/// Kills the child on drop (by its own pid only).
struct Proc(Child, &'static str);
impl Drop for Proc {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
        eprintln!("{} needed SIGKILL", self.1);
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    requests: u64,
    non_2xx: u64,
    errors: u64,
}

fn parse_latency(s: &str) -> f64 {
    let s = s.trim();
    let (num, mul) = if let Some(x) = s.strip_suffix("us") {
        (x, 0.001)
    } else if let Some(x) = s.strip_suffix("ms") {
        (x, 1.0)
    } else if let Some(x) = s.strip_suffix('s') {
        (x, 1000.0)
    } else if let Some(x) = s.strip_suffix('m') {
        (x, 60_000.0)
    } else {
        (s, 1.0)
    };
    num.parse::<f64>().unwrap_or(f64::NAN) * mul
}

fn wrk(a: &Args, url: &str, script: &Path, secs: u64) -> Stats {
    let out = Command::new("wrk")
        .args([
            "-t",
            &a.threads.to_string(),
            "-c",
            &a.connections.to_string(),
            "-d",
            &format!("{secs}s"),
            "--timeout",
            "5s",
            "--latency",
            "-s",
            script.to_str().unwrap(),
            url,
        ])
        .output()
        .expect("wrk not found: apt-get install -y wrk");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut st = Stats::default();
    let mut in_dist = false;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with("Latency Distribution") {
            in_dist = true;
            continue;
        }
        if in_dist {
            if let Some(rest) = l.strip_prefix("50%") {
                st.p50_ms = parse_latency(rest);
            } else if let Some(rest) = l.strip_prefix("99%") {
                st.p99_ms = parse_latency(rest);
                in_dist = false;
            }
        }
        if let Some(rest) = l.strip_prefix("Requests/sec:") {
            st.rps = rest.trim().parse().unwrap_or(0.0);
        }
        if l.contains("requests in") {
            st.requests = l
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
        }
        if let Some(rest) = l.strip_prefix("Non-2xx or 3xx responses:") {
            st.non_2xx = rest.trim().parse().unwrap_or(0);
        }
        if let Some(rest) = l.strip_prefix("Socket errors:") {
            st.errors = rest
                .split(',')
                .filter_map(|p| {
                    p.split_whitespace()
                        .last()
                        .and_then(|n| n.parse::<u64>().ok())
                })
                .sum();
        }
    }
    if st.rps == 0.0 {
        eprintln!(
            "wrk output not understood:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    st
}

fn lua(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn header_lines(api: &Api) -> String {
    api.headers
        .iter()
        .map(|(name, value)| format!("wrk.headers[\"{name}\"] = \"{value}\"\n"))
        .collect()
}

fn login_lua(dir: &Path, api: &Api) -> PathBuf {
    let body = api.login.1;
    lua(
        dir,
        "login.lua",
        &format!(
            "wrk.method = \"POST\"\nwrk.body = '{body}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n{}",
            header_lines(api)
        ),
    )
}

fn me_lua(dir: &Path, api: &Api, jwt: &str) -> PathBuf {
    lua(
        dir,
        "me.lua",
        &format!(
            "wrk.method = \"GET\"\nwrk.headers[\"Authorization\"] = \"Bearer {jwt}\"\n{}",
            header_lines(api)
        ),
    )
}

/// `path` on a peer: Prism serves Magento's routes without the basePath.
fn peer_path(api: &Api, path: &'static str, prism: bool) -> &'static str {
    if prism {
        path.strip_prefix(api.prism_strip).unwrap_or(path)
    } else {
        path
    }
}

fn measure(
    a: &Args,
    name: &str,
    origin: &str,
    dir: &Path,
    jwt: &str,
    prism: bool,
) -> (Stats, Stats) {
    let api = a.api;
    let login_url = format!("{origin}{}", peer_path(api, api.login.0, prism));
    let me_url = format!("{origin}{}", peer_path(api, api.me, prism));
    let login = login_lua(dir, api);
    let me = me_lua(dir, api, jwt);
    if a.warmup > 0 {
        wrk(a, &login_url, &login, a.warmup);
    }
    let l = wrk(a, &login_url, &login, a.duration);
    if a.warmup > 0 {
        wrk(a, &me_url, &me, a.warmup);
    }
    let m = wrk(a, &me_url, &me, a.duration);
    for (what, s) in [("login", l), ("profile read", m)] {
        eprintln!(
            "{name:<16} {what:<18} {:>10.0} req/s  p50 {:>8.3} ms  p99 {:>8.3} ms  ({} requests, {} non-2xx, {} socket errors)",
            s.rps, s.p50_ms, s.p99_ms, s.requests, s.non_2xx, s.errors
        );
    }
    (l, m)
}

fn wait_port(port: u16, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn rss_kib(pid: u32) -> (u64, u64) {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// One HTTP/1.1 request over a fresh connection; returns (status, body).
fn http(
    origin: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    use std::io::{Read, Write};
    let hostport = origin.trim_start_matches("http://");
    let mut s = TcpStream::connect(hostport).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {hostport}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn json_str_field(body: &str, key: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v.get(key)?.as_str().map(str::to_string)
}

/// Registers the bench customer on our server (unless it is demo data) and returns a token:
/// Spree answers one at registration; Magento and Spryker issue none, so it logs in (Magento:
/// a bare JSON string; Spryker: the `access-tokens` document's `accessToken`).
fn bench_token(api: &Api, origin: &str) -> String {
    let mut headers: Vec<(&str, &str)> = api.headers.to_vec();
    headers.push(("Content-Type", "application/json"));
    if let Some((path, body)) = api.register {
        let (status, body) = http(origin, "POST", path, &headers, body);
        assert!(status == 200 || status == 201, "register: {status} {body}");
        if let Some(token) = json_str_field(&body, "token") {
            return token;
        }
    }
    let (status, body) = http(origin, "POST", api.login.0, &headers, api.login.1);
    assert!(status == 200 || status == 201, "login: {status} {body}");
    match serde_json::from_str::<serde_json::Value>(&body).expect("a JSON login answer") {
        serde_json::Value::String(token) => token,
        document => document
            .pointer("/data/attributes/accessToken")
            .and_then(serde_json::Value::as_str)
            .expect("data.attributes.accessToken")
            .to_owned(),
    }
}

/// µs per RS256 signature with the Spryker mock's embedded key (`aws-lc-rs`, as the mock signs):
/// (wall clock, CPU time of this process).
fn rs256_micros() -> (f64, f64) {
    use base64::Engine;
    let pem = include_str!("../src/backends/spryker/mock-signing-key.pem");
    let der: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(der)
        .expect("base64 PEM body");
    let pair = aws_lc_rs::rsa::KeyPair::from_pkcs8(&der).expect("the mock key");
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let mut signature = vec![0; pair.public_modulus_len()];
    let rounds: u32 = 1000;
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    for round in 0..rounds {
        let message = format!("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.{round}");
        pair.sign(
            &aws_lc_rs::signature::RSA_PKCS1_SHA256,
            &rng,
            message.as_bytes(),
            &mut signature,
        )
        .expect("signs");
    }
    (
        wall.elapsed().as_secs_f64() * 1e6 / f64::from(rounds),
        (cpu_seconds() - cpu) * 1e6 / f64::from(rounds),
    )
}

/// CPU seconds of this process so far (user + system, `/proc/self/stat`, 100 ticks a second).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let ticks = |index: usize| {
        fields
            .get(index)
            .and_then(|field| field.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}x", a / b)
    } else {
        "n/a".into()
    }
}

/// What the throughput phase measured for one storefront-mock binary.
struct BinaryRun {
    login: Stats,
    me: Stats,
    jwt: String,
    rss_start: (u64, u64),
    rss_after: (u64, u64),
}

/// Starts `binary` for the backend on a free port; returns the process and its origin.
fn start_binary(binary: &Path, api: &Api, name: &'static str) -> (Proc, String) {
    let mut child = Command::new(binary)
        .args(hostile::launch_args(api))
        .args(api.args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn storefront-mock");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let origin = first
        .trim()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_string();
    (Proc(child, name), origin)
}

/// Magento only: the GraphQL login (`generateCustomerToken`, spec §2.2) on the same process,
/// against its REST login measured just before (issue 9: at least half of it).
fn graphql_login(a: &Args, origin: &str, dir: &Path, rest: Stats) {
    let body = r#"{"query":"mutation Login($email: String!, $password: String!) { generateCustomerToken(email: $email, password: $password) { token } }","variables":{"email":"bench@example.com","password":"Bench-Pass-1"},"operationName":"Login"}"#;
    let script = lua(
        dir,
        "graphql-login.lua",
        &format!(
            "wrk.method = \"POST\"\nwrk.body = '{body}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
        ),
    );
    let url = format!("{origin}/graphql");
    if a.warmup > 0 {
        wrk(a, &url, &script, a.warmup);
    }
    let s = wrk(a, &url, &script, a.duration);
    eprintln!(
        "{:<16} {:<18} {:>10.0} req/s  p50 {:>8.3} ms  p99 {:>8.3} ms  ({} requests, {} non-2xx, {} socket errors)",
        "storefront-mock",
        "GraphQL login",
        s.rps,
        s.p50_ms,
        s.p99_ms,
        s.requests,
        s.non_2xx,
        s.errors
    );
    eprintln!(
        "GraphQL login / REST login: {} (issue 9 asks for at least 0.50x)",
        ratio(s.rps, rest.rps)
    );
}

/// Login and profile-read throughput of a fresh process of `binary`.
fn measure_binary(a: &Args, name: &'static str, binary: &Path, dir: &Path) -> BinaryRun {
    let (process, origin) = start_binary(binary, a.api, name);
    let pid = process.0.id();
    let jwt = bench_token(a.api, &origin);
    let rss_start = rss_kib(pid);
    let (login, me) = tokio::task::block_in_place(|| measure(a, name, &origin, dir, &jwt, false));
    if a.api.backend == "magento" && name == "storefront-mock" {
        tokio::task::block_in_place(|| graphql_login(a, &origin, dir, login));
    }
    let rss_after = rss_kib(pid);
    // every Spree login mints a refresh token that the mock must keep (spec §5.2: no cap), so
    // this process's memory reflects the login count; the RSS phase uses a fresh process
    drop(process);
    BinaryRun {
        login,
        me,
        jwt,
        rss_start,
        rss_after,
    }
}

/// RSS of a fresh process of `binary` after >= `a.rss_requests` authenticated profile reads.
fn rss_phase(a: &Args, binary: &Path, dir: &Path, me_rps: f64) -> String {
    let api = a.api;
    let (fresh, origin) = start_binary(binary, api, "storefront-mock (RSS)");
    let pid = fresh.0.id();
    let start = rss_kib(pid);
    let jwt = bench_token(api, &origin);
    let me = me_lua(dir, api, &jwt);
    let url = format!("{origin}{}", api.me);
    let mut total = 0u64;
    let mut samples = vec![];
    let t = Instant::now();
    let mut rounds = 0;
    let mut non2xx = 0;
    while total < a.rss_requests && rounds < 60 {
        let remaining = a.rss_requests - total;
        let est = (remaining as f64 / me_rps.max(1000.0)).ceil() as u64;
        let s = tokio::task::block_in_place(|| wrk(a, &url, &me, est.clamp(1, 10)));
        total += s.requests;
        non2xx += s.non_2xx;
        rounds += 1;
        samples.push(format!("{}k:{}", total / 1000, rss_kib(pid).0));
    }
    let after = rss_kib(pid);
    format!(
        "fresh process: {} authenticated profile reads ({}) in {} s ({} non-2xx); VmRSS {} KiB at start -> {} KiB after (VmHWM {} KiB); samples (requests:KiB) {}",
        total,
        api.me,
        t.elapsed().as_secs(),
        non2xx,
        start.0,
        after.0,
        after.1,
        samples.join(" ")
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let a = args();
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let api = a.api;
    let spec = std::env::var("SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("../..").join(api.spec));
    let dir = std::env::temp_dir().join(format!("sfm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    eprintln!(
        "{}: wrk -t{} -c{} -d{}s (warmup {}s) on loopback; {} cores",
        api.backend,
        a.threads,
        a.connections,
        a.duration,
        a.warmup,
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    if a.backend == "bagisto" {
        bagisto::run(&a, &manifest, &dir).await;
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }

    // ---- 1. storefront-mock, standalone release binary (and the older one, if given)
    let before = std::env::var("BEFORE").ok().map(PathBuf::from);
    let ours = measure_binary(&a, "storefront-mock", Path::new(OURS), &dir);
    let jwt = ours.jwt.clone();
    let (our_login, our_me) = (ours.login, ours.me);
    let (rss_start, rss_after_bench) = (ours.rss_start, ours.rss_after);
    let before_run = before
        .as_deref()
        .map(|binary| measure_binary(&a, "before", binary, &dir));

    // ---- 2. bare wiremock, one static JSON response
    let bare = wiremock::MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_raw(
            r#"{"token":"x","refresh_token":"y","user":{"id":"cus_1"}}"#,
            "application/json",
        ))
        .mount(&bare)
        .await;
    let bare_origin = bare.uri();
    let (bare_login, bare_me) = tokio::task::block_in_place(|| {
        measure(&a, "bare wiremock", &bare_origin, &dir, &jwt, false)
    });
    drop(bare);

    // ---- 3. Prism
    let mut prism_stats = None;
    if !a.skip_prism {
        let prism = std::env::var("PRISM")
            .map(PathBuf::from)
            .unwrap_or_else(|_| manifest.join("conformance/node_modules/.bin/prism"));
        if prism.exists() && spec.exists() {
            let port = free_port();
            let child = Command::new(&prism)
                .args([
                    "mock",
                    "-v",
                    "error",
                    "-p",
                    &port.to_string(),
                    spec.to_str().unwrap(),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn prism");
            let p = Proc(child, "prism");
            if wait_port(port, Duration::from_secs(60)) {
                let origin = format!("http://127.0.0.1:{port}");
                let mut headers: Vec<(&str, &str)> = api.headers.to_vec();
                headers.push(("Content-Type", "application/json"));
                let (status, _) = http(
                    &origin,
                    "POST",
                    peer_path(api, api.login.0, true),
                    &headers,
                    api.login.1,
                );
                eprintln!("prism login probe: {status}");
                prism_stats = Some(tokio::task::block_in_place(|| {
                    measure(&a, "prism", &origin, &dir, &jwt, true)
                }));
            } else {
                eprintln!("prism did not open port {port} within 60 s");
            }
            drop(p);
        } else {
            eprintln!(
                "prism or spec missing ({} / {}): run `npm install` in mock-server/conformance",
                prism.display(),
                spec.display()
            );
        }
    }

    // ---- RSS of a fresh process after >= N authenticated profile reads
    let rss_lines: Vec<(String, String)> = if a.skip_rss {
        vec![("storefront-mock".into(), "skipped".into())]
    } else {
        let mut lines = vec![(
            "storefront-mock".to_owned(),
            rss_phase(&a, Path::new(OURS), &dir, our_me.rps),
        )];
        if let (Some(binary), Some(run)) = (before.as_deref(), &before_run) {
            lines.push(("before".to_owned(), rss_phase(&a, binary, &dir, run.me.rps)));
        }
        lines
    };

    // ---- hostile clients, for each binary
    let mut hostile_reports = vec![];
    // The hostile phase registers its customer as Spree and Magento do; the Spryker and Bagisto
    // runs (demo data, storefront key) have their own steps.
    if !a.skip_hostile && matches!(api.backend, "spree" | "magento") {
        let settings = hostile::HostileArgs {
            slow_clients: a.slow_clients,
            slow_interval_ms: a.slow_interval_ms,
            duration: a.duration,
        };
        let login_lua = login_lua(&dir, api);
        let wrk_login = |origin: &str, secs: u64| {
            let url = format!("{origin}{}", api.login.0);
            if a.warmup > 0 {
                wrk(&a, &url, &login_lua, a.warmup);
            }
            let s = wrk(&a, &url, &login_lua, secs);
            eprintln!(
                "hostile phase: login {:.0} req/s ({} non-2xx, {} socket errors)",
                s.rps, s.non_2xx, s.errors
            );
            s.rps
        };
        let register = |origin: &str| {
            bench_token(api, origin);
        };
        let rss = |pid: u32| rss_kib(pid).0;
        let mut binaries = vec![("storefront-mock", PathBuf::from(OURS))];
        if let Some(binary) = &before {
            binaries.push(("before", binary.clone()));
        }
        for (name, binary) in binaries {
            let report = tokio::task::block_in_place(|| {
                hostile::measure(&binary, api, &settings, &wrk_login, &register, &rss)
            });
            hostile_reports.push((name, report));
        }
    }

    // ---- report
    println!();
    println!(
        "| server ({}) | login req/s | login p50 ms | login p99 ms | profile read req/s | read p50 ms | read p99 ms |",
        api.backend
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let row = |n: &str, (l, m): (Stats, Stats)| {
        println!(
            "| {n} | {:.0} | {:.3} | {:.3} | {:.0} | {:.3} | {:.3} |",
            l.rps, l.p50_ms, l.p99_ms, m.rps, m.p50_ms, m.p99_ms
        )
    };
    row("storefront-mock", (our_login, our_me));
    if let Some(run) = &before_run {
        row("before (BEFORE=…)", (run.login, run.me));
    }
    row("bare wiremock (static JSON)", (bare_login, bare_me));
    if let Some(p) = prism_stats {
        row("prism 5.16 -v error", p);
    }
    println!();
    if let Some((pl, pm)) = prism_stats {
        println!(
            "ours/Prism:   login {}  profile read {}",
            ratio(our_login.rps, pl.rps),
            ratio(our_me.rps, pm.rps)
        );
        if let Some(run) = &before_run {
            println!(
                "before/Prism: login {}  profile read {}",
                ratio(run.login.rps, pl.rps),
                ratio(run.me.rps, pm.rps)
            );
        }
    }
    println!(
        "ours/bare:    login {}  profile read {}",
        ratio(our_login.rps, bare_login.rps),
        ratio(our_me.rps, bare_me.rps)
    );
    println!(
        "RSS of the throughput process: {} KiB at start -> {} KiB after {} logins and {} GETs (VmHWM {} KiB)",
        rss_start.0, rss_after_bench.0, our_login.requests, our_me.requests, rss_after_bench.1
    );
    for (name, line) in &rss_lines {
        println!("RSS ({name}): {line}");
    }
    if !hostile_reports.is_empty() {
        println!();
        println!(
            "| server | login req/s alone | beside {} slow clients (1 byte / {} ms) | cost | server CPU of the slow clients alone | slow connections closed | answer to a 20 MB head | RSS before uploads | after 3x20 MB + 10x10 MB chunked |",
            a.slow_clients, a.slow_interval_ms
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (name, r) in &hostile_reports {
            let cost = if r.login_alone > 0.0 {
                format!(
                    "{:.0} %",
                    (1.0 - r.login_beside_slow / r.login_alone) * 100.0
                )
            } else {
                "n/a".into()
            };
            let answer = if r.declared_20mb_status == 0 {
                format!("none in {} ms", r.declared_20mb_ms)
            } else {
                format!("{} in {} ms", r.declared_20mb_status, r.declared_20mb_ms)
            };
            println!(
                "| {name} | {:.0} | {:.0} | {cost} | {:.1} % of a core | {} | {answer} | {} KiB | {} KiB |",
                r.login_alone,
                r.login_beside_slow,
                r.slow_cpu_percent,
                r.slow_closed,
                r.rss_before_uploads,
                r.rss_after_uploads
            );
        }
    }
    if a.api.backend == "spryker" {
        let (wall, cpu) = rs256_micros();
        println!(
            "RS256 (2048-bit mock key, aws-lc-rs): {wall:.0} µs per signature wall, {cpu:.0} µs CPU; at most {:.0} logins/s per core",
            1e6 / cpu.max(wall).max(1.0)
        );
    }
    if our_login.non_2xx > 0 || our_me.non_2xx > 0 {
        println!(
            "WARNING: storefront-mock answered non-2xx during the run (login {}, me {})",
            our_login.non_2xx, our_me.non_2xx
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

//! The Bagisto run of the benchmark (`-- --backend bagisto`): login throughput of
//! `storefront-mock --backend bagisto` beside a bare wiremock server and Prism serving the
//! operations bagisto-api declares (`shared/contracts/bagisto/…declared-openapi.json`), in the
//! same run; then the RSS of a fresh process after >= 1M authenticated profile reads.
//! Goals (issue 11 §5): login >= 10x Prism, memory flat.

use super::{
    Args, OURS, Proc, Stats, free_port, http, json_str_field, lua, ratio, rss_kib, wait_port, wrk,
};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The storefront key of the run.
const KEY: &str = "pk_storefront_bench";
const REGISTER_BODY: &str = r#"{"firstName":"Bench","lastName":"User","email":"bench@example.com","password":"Password123!"}"#;
const LOGIN_BODY: &str = r#"{"email":"bench@example.com","password":"Password123!"}"#;
const LOGIN_PATH: &str = "/api/shop/customer/login";
const PROFILE_PATH: &str = "/api/shop/customer-profile";

fn login_lua(dir: &Path) -> PathBuf {
    lua(
        dir,
        "bagisto-login.lua",
        &format!(
            "wrk.method = \"POST\"\nwrk.body = '{LOGIN_BODY}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"X-STOREFRONT-KEY\"] = \"{KEY}\"\n"
        ),
    )
}

fn profile_lua(dir: &Path, token: &str) -> PathBuf {
    lua(
        dir,
        "bagisto-profile.lua",
        &format!(
            "wrk.method = \"GET\"\nwrk.headers[\"X-STOREFRONT-KEY\"] = \"{KEY}\"\nwrk.headers[\"Authorization\"] = \"Bearer {token}\"\n"
        ),
    )
}

/// Starts `storefront-mock --backend bagisto`; returns the process and its origin.
fn start_ours(name: &'static str) -> (Proc, String) {
    let mut child = Command::new(OURS)
        .args([
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--backend",
            "bagisto",
            "--publishable-key",
            KEY,
        ])
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

/// Registers the bench customer; returns its Sanctum token.
fn register(origin: &str) -> String {
    let (status, body) = http(
        origin,
        "POST",
        "/api/shop/customers",
        &[
            ("X-STOREFRONT-KEY", KEY),
            ("Content-Type", "application/json"),
        ],
        REGISTER_BODY,
    );
    assert_eq!(status, 201, "register: {body}");
    json_str_field(&body, "token").expect("token")
}

/// Login and profile-read throughput against `origin`.
fn measure(a: &Args, name: &str, origin: &str, dir: &Path, token: &str) -> (Stats, Stats) {
    let login = login_lua(dir);
    let profile = profile_lua(dir, token);
    let mut results = Vec::new();
    for (what, path, script) in [
        ("login", LOGIN_PATH, &login),
        ("GET profile", PROFILE_PATH, &profile),
    ] {
        let url = format!("{origin}{path}");
        if a.warmup > 0 {
            wrk(a, &url, script, a.warmup);
        }
        let stats = wrk(a, &url, script, a.duration);
        eprintln!(
            "{name:<16} {what:<12} {:>10.0} req/s  p50 {:>8.3} ms  p99 {:>8.3} ms  ({} requests, {} non-2xx, {} socket errors)",
            stats.rps, stats.p50_ms, stats.p99_ms, stats.requests, stats.non_2xx, stats.errors
        );
        results.push(stats);
    }
    (results[0], results[1])
}

/// Prism on the declared document, if installed.
fn prism(a: &Args, manifest: &Path, dir: &Path, token: &str) -> Option<(Stats, Stats)> {
    let prism = std::env::var("PRISM")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("conformance/node_modules/.bin/prism"));
    let spec = std::env::var("SPEC").map(PathBuf::from).unwrap_or_else(|_| {
        manifest.join("../../shared/contracts/bagisto/bagisto-shop-customer-account.declared-openapi.json")
    });
    if !prism.exists() || !spec.exists() {
        eprintln!(
            "prism or spec missing ({} / {}): run `npm install` in mock-server/conformance, set SPEC",
            prism.display(),
            spec.display()
        );
        return None;
    }
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
    let _process = Proc(child, "prism");
    if !wait_port(port, Duration::from_secs(60)) {
        eprintln!("prism did not open port {port} within 60 s");
        return None;
    }
    let origin = format!("http://127.0.0.1:{port}");
    let (status, _) = http(
        &origin,
        "POST",
        LOGIN_PATH,
        &[
            ("X-STOREFRONT-KEY", KEY),
            ("Content-Type", "application/json"),
        ],
        LOGIN_BODY,
    );
    eprintln!("prism login probe: {status}");
    Some(measure(a, "prism", &origin, dir, token))
}

/// RSS of a fresh process while it serves >= `rss_requests` authenticated profile reads.
fn rss(a: &Args, dir: &Path, profile_rps: f64) -> String {
    let (process, origin) = start_ours("storefront-mock (RSS)");
    let pid = process.0.id();
    let start = rss_kib(pid);
    let token = register(&origin);
    let script = profile_lua(dir, &token);
    let url = format!("{origin}{PROFILE_PATH}");
    let (mut total, mut rounds, mut non_2xx) = (0u64, 0, 0);
    let mut samples = vec![];
    let started = Instant::now();
    while total < a.rss_requests && rounds < 60 {
        let remaining = a.rss_requests - total;
        let seconds = (remaining as f64 / profile_rps.max(1000.0)).ceil() as u64;
        let stats = wrk(a, &url, &script, seconds.clamp(1, 10));
        total += stats.requests;
        non_2xx += stats.non_2xx;
        rounds += 1;
        samples.push(format!("{}k:{}", total / 1000, rss_kib(pid).0));
    }
    let after = rss_kib(pid);
    format!(
        "fresh process: {total} authenticated GET /customer-profile in {} s ({non_2xx} non-2xx); VmRSS {} KiB at start -> {} KiB after (VmHWM {} KiB); samples (requests:KiB) {}",
        started.elapsed().as_secs(),
        start.0,
        after.0,
        after.1,
        samples.join(" ")
    )
}

/// The whole Bagisto run; prints its report.
pub async fn run(a: &Args, manifest: &Path, dir: &Path) {
    let (ours, origin) = start_ours("storefront-mock");
    let pid = ours.0.id();
    let token = register(&origin);
    let rss_start = rss_kib(pid);
    let (our_login, our_profile) = measure(a, "storefront-mock", &origin, dir, &token);
    let rss_after = rss_kib(pid);
    drop(ours);

    let bare = wiremock::MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(201).set_body_raw(
            r#"{"id":1,"_id":1,"apiToken":"x","token":"1|y","success":true,"message":"You have logged in successfully"}"#,
            "application/json",
        ))
        .mount(&bare)
        .await;
    let bare_origin = bare.uri();
    let (bare_login, bare_profile) =
        tokio::task::block_in_place(|| measure(a, "bare wiremock", &bare_origin, dir, &token));
    drop(bare);

    let prism_stats = if a.skip_prism {
        None
    } else {
        tokio::task::block_in_place(|| prism(a, manifest, dir, &token))
    };
    let rss_line = if a.skip_rss {
        "skipped".to_owned()
    } else {
        rss(a, dir, our_profile.rps)
    };

    println!();
    println!(
        "| server (Bagisto) | login req/s | login p50 ms | login p99 ms | GET profile req/s | profile p50 ms | profile p99 ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let row = |name: &str, (login, profile): (Stats, Stats)| {
        println!(
            "| {name} | {:.0} | {:.3} | {:.3} | {:.0} | {:.3} | {:.3} |",
            login.rps, login.p50_ms, login.p99_ms, profile.rps, profile.p50_ms, profile.p99_ms
        )
    };
    row(
        "storefront-mock --backend bagisto",
        (our_login, our_profile),
    );
    row("bare wiremock (static JSON)", (bare_login, bare_profile));
    if let Some(stats) = prism_stats {
        row("prism 5.16 -v error (declared OpenAPI)", stats);
    }
    println!();
    if let Some((login, profile)) = prism_stats {
        println!(
            "ours/Prism:  login {}  GET profile {}",
            ratio(our_login.rps, login.rps),
            ratio(our_profile.rps, profile.rps)
        );
    }
    println!(
        "ours/bare:   login {}  GET profile {}",
        ratio(our_login.rps, bare_login.rps),
        ratio(our_profile.rps, bare_profile.rps)
    );
    println!(
        "RSS of the throughput process: {} KiB at start -> {} KiB after {} logins (each adds a token) and {} GETs (VmHWM {} KiB)",
        rss_start.0, rss_after.0, our_login.requests, our_profile.requests, rss_after.1
    );
    println!("RSS: {rss_line}");
    if our_login.non_2xx > 0 || our_profile.non_2xx > 0 {
        println!(
            "WARNING: storefront-mock answered non-2xx during the run (login {}, profile {})",
            our_login.non_2xx, our_profile.non_2xx
        );
    }
}

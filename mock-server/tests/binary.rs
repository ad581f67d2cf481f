//! The standalone binary: flags, first stdout line, busy port, signals, CORS (issue 2 §4).
mod common;
use common::*;

use std::process::Stdio;
use std::time::Duration;

use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::{Child, ChildStdout, Command};

const BIN: &str = env!("CARGO_BIN_EXE_storefront-mock");

struct Server {
    child: Child,
    origin: String,
    first_line: String,
    stdout: BufReader<ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

async fn spawn(args: &[&str]) -> Server {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn storefront-mock");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(20), stdout.read_line(&mut line))
        .await
        .expect("first line within 20 s")
        .expect("read stdout");
    let first_line = line.trim_end_matches('\n').to_string();
    let origin = first_line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first stdout line: {first_line:?}"))
        .to_string();
    Server {
        child,
        origin,
        first_line,
        stdout,
    }
}

fn signal(child: &Child, sig: &str) {
    let pid = child.id().expect("running").to_string();
    let st = std::process::Command::new("kill")
        .args(["-s", sig, &pid])
        .status()
        .unwrap();
    assert!(st.success());
}

async fn api_call(
    origin: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Resp {
    send(
        &client(),
        method,
        &format!("{origin}{path}"),
        headers,
        body.map(|b| serde_json::to_vec(&b).unwrap()),
    )
    .await
}

#[tokio::test]
async fn first_line_is_exactly_the_bound_address() {
    let s = spawn(&["--port", "0"]).await;
    let rest = s
        .first_line
        .strip_prefix("listening on http://127.0.0.1:")
        .expect(&s.first_line);
    let port: u16 = rest
        .parse()
        .unwrap_or_else(|_| panic!("port in {:?}", s.first_line));
    assert_ne!(port, 0);
    // default key pk_test; the full API answers
    let r = api_call(
        &s.origin,
        "POST",
        "/api/v3/store/customers",
        &[("X-Spree-Api-Key", "pk_test")],
        Some(json!({"email": "bin@example.com", "password": PASSWORD})),
    )
    .await;
    r.assert_status(201);
    assert_keys(&r.text(), &[], &["token", "refresh_token", "user"]);
}

#[tokio::test]
async fn explicit_host_and_port() {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = probe.local_addr().unwrap().port();
    drop(probe);
    let p = port.to_string();
    let s = spawn(&["--host", "127.0.0.1", "--port", &p]).await;
    assert_eq!(
        s.first_line,
        format!("listening on http://127.0.0.1:{port}")
    );
}

#[tokio::test]
async fn publishable_key_flag() {
    let s = spawn(&["--port", "0", "--publishable-key", "pk_custom"]).await;
    let body = json!({"email": "k@example.com", "password": PASSWORD});
    api_call(
        &s.origin,
        "POST",
        "/api/v3/store/customers",
        &[("X-Spree-Api-Key", "pk_test")],
        Some(body.clone()),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
    api_call(
        &s.origin,
        "POST",
        "/api/v3/store/customers",
        &[("X-Spree-Api-Key", "pk_custom")],
        Some(body),
    )
    .await
    .assert_status(201);
}

#[tokio::test]
async fn busy_port_is_a_clear_error_and_non_zero_exit() {
    let holder = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port().to_string();
    let out = tokio::time::timeout(
        Duration::from_secs(20),
        Command::new(BIN)
            .args(["--port", &port])
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("exits promptly")
    .unwrap();
    assert!(!out.status.success(), "non-zero exit");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("listening on"),
        "no listening line: {stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_lowercase();
    assert!(
        stderr.contains(&port) || stderr.contains("in use") || stderr.contains("bind"),
        "clear error: {stderr}"
    );
    drop(holder);
}

async fn exits_cleanly_on(sig: &str) {
    let mut s = spawn(&["--port", "0"]).await;
    // serve a request first, so that shutdown is not trivially before any work
    api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/logout",
        &[("X-Spree-Api-Key", "pk_test")],
        None,
    )
    .await
    .assert_status(204);
    signal(&s.child, sig);
    let status = tokio::time::timeout(Duration::from_secs(10), s.child.wait())
        .await
        .unwrap_or_else(|_| panic!("exits within 10 s of {sig}"))
        .unwrap();
    assert!(status.success(), "clean exit on {sig}: {status:?}");
    // stdout carried exactly one line
    let mut rest = String::new();
    s.stdout.read_to_string(&mut rest).await.unwrap();
    assert_eq!(
        rest, "",
        "nothing after the first stdout line (logs go to stderr)"
    );
}

#[tokio::test]
async fn sigterm_shuts_down_cleanly() {
    exits_cleanly_on("TERM").await;
}

#[tokio::test]
async fn sigint_shuts_down_cleanly() {
    exits_cleanly_on("INT").await;
}

#[tokio::test]
async fn signal_right_after_the_listening_line_is_a_clean_exit() {
    // The line means "ready": a supervisor may stop the server at once. Signal handlers must
    // be in place before the line is printed, or the default action kills the process.
    for sig in ["TERM", "INT"] {
        for round in 0..5 {
            let mut s = spawn(&["--port", "0"]).await;
            signal(&s.child, sig);
            let status = tokio::time::timeout(Duration::from_secs(10), s.child.wait())
                .await
                .unwrap_or_else(|_| panic!("exits within 10 s of {sig}"))
                .unwrap();
            assert!(
                status.success(),
                "round {round}: clean exit on an early {sig}: {status:?}"
            );
        }
    }
}

#[tokio::test]
async fn seed_and_config_files() {
    let dir = std::env::temp_dir().join(format!("sfm-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = dir.join("seed.json");
    std::fs::write(
        &seed,
        serde_json::to_vec(&json!([{"email": "seeded@example.com", "password": "seedpass1", "first_name": "Seed"}])).unwrap(),
    )
    .unwrap();
    let config = dir.join("config.json");
    std::fs::write(
        &config,
        serde_json::to_vec(
            &json!({"spree": {"rate_limit_mode": "enforce", "limits": {"login": 2}}}),
        )
        .unwrap(),
    )
    .unwrap();
    let s = spawn(&[
        "--port",
        "0",
        "--seed",
        seed.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ])
    .await;
    let login = json!({"email": "seeded@example.com", "password": "seedpass1"});
    let h = [("X-Spree-Api-Key", "pk_test")];
    let r = api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/login",
        &h,
        Some(login.clone()),
    )
    .await;
    r.assert_status(200);
    assert_eq!(r.json()["user"]["first_name"], "Seed");
    api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/login",
        &h,
        Some(login.clone()),
    )
    .await
    .assert_status(200);
    let r = api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/login",
        &h,
        Some(login),
    )
    .await;
    assert_eq!(r.status, 429, "config file applied: {}", r.text());
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("2"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn bad_config_file_is_an_error() {
    let dir = std::env::temp_dir().join(format!("sfm-badcfg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.json");
    std::fs::write(&config, b"{not json").unwrap();
    let out = tokio::time::timeout(
        Duration::from_secs(20),
        Command::new(BIN)
            .args(["--port", "0", "--config", config.to_str().unwrap()])
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("exits")
    .unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("listening on"));
    let out = Command::new(BIN)
        .args(["--port", "0", "--seed", "/nonexistent/seed.json"])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

// ----------------------------------------------------------------------------- CORS

fn list(v: Option<String>) -> Vec<String> {
    v.unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Control endpoints answer preflights only when `--cors-control` opens them (issue 13).
#[tokio::test]
async fn cors_preflight_without_api_key() {
    let s = spawn(&["--port", "0", "--cors-control"]).await;
    for path in [
        "/api/v3/store/auth/login",
        "/api/v3/store/customers/me/addresses/addr_x",
        "/__mock/outbox",
    ] {
        let r = api_call(
            &s.origin,
            "OPTIONS",
            path,
            &[
                ("Origin", "https://shop.example"),
                ("Access-Control-Request-Method", "PATCH"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type,idempotency-key,x-spree-api-key,x-spree-currency",
                ),
            ],
            None,
        )
        .await;
        assert!((200..300).contains(&r.status), "{path}: {}", r.status);
        let origin = r.header("access-control-allow-origin").unwrap_or_default();
        assert!(
            origin == "*" || origin == "https://shop.example",
            "{origin}"
        );
        let allowed = list(r.header("access-control-allow-headers"));
        for h in [
            "authorization",
            "content-type",
            "idempotency-key",
            "x-spree-api-key",
        ] {
            assert!(
                allowed.contains(&h.to_string()) || allowed.contains(&"*".to_string()),
                "{h} in {allowed:?}"
            );
        }
        assert!(
            allowed.iter().any(|a| a.starts_with("x-spree-")) || allowed.contains(&"*".to_string()),
            "X-Spree-* allowed: {allowed:?}"
        );
        let methods = list(r.header("access-control-allow-methods"));
        for m in ["get", "post", "patch", "put", "delete"] {
            assert!(
                methods.contains(&m.to_string()) || methods.contains(&"*".to_string()),
                "{m} in {methods:?}"
            );
        }
    }
}

/// Control endpoints included, with `--cors-control` (without it they send none: issue 13).
#[tokio::test]
async fn cors_headers_on_every_response() {
    let s = spawn(&["--port", "0", "--cors-control"]).await;
    let o = [("Origin", "https://shop.example")];
    let check = |r: &Resp, what: &str| {
        assert!(
            r.header("access-control-allow-origin").is_some(),
            "ACAO on {what} ({})",
            r.status
        );
        let exposed = list(r.header("access-control-expose-headers"));
        for h in [
            "date",
            "retry-after",
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "idempotent-replayed",
            "x-request-id",
        ] {
            assert!(
                exposed.contains(&h.to_string()) || exposed.contains(&"*".to_string()),
                "{h} exposed on {what}: {exposed:?}"
            );
        }
    };
    let r = api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/login",
        &o,
        Some(json!({})),
    )
    .await;
    r.assert_error(401, "invalid_token", "Valid API key required");
    check(&r, "401 invalid_token");
    let r = api_call(&s.origin, "GET", "/api/v3/store/customers/me", &o, None).await;
    check(&r, "401 authentication_required");
    let r = api_call(&s.origin, "GET", "/api/v3/store/nope", &o, None).await;
    assert_eq!(r.status, 404);
    check(&r, "404");
    let r = api_call(
        &s.origin,
        "POST",
        "/api/v3/store/password_resets",
        &[o[0], ("X-Spree-Api-Key", "pk_test")],
        Some(json!({})),
    )
    .await;
    r.assert_status(202);
    check(&r, "202");
    let r = api_call(&s.origin, "GET", "/__mock/outbox", &o, None).await;
    check(&r, "control endpoint");
    let big = "x".repeat(110_000);
    let r = send(
        &client(),
        "POST",
        &format!("{}/api/v3/store/auth/login", s.origin),
        &o,
        Some(big.into_bytes()),
    )
    .await;
    assert_eq!(r.status, 413);
    check(&r, "413");
    // a fault response
    let r = api_call(
        &s.origin,
        "POST",
        "/__mock/faults",
        &[],
        Some(json!({"method": "POST", "path": "/api/v3/store/auth/logout", "times": 1, "status": 503, "body": "{}"})),
    )
    .await;
    assert!((200..300).contains(&r.status), "{}", r.text());
    let r = api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/logout",
        &[o[0], ("X-Spree-Api-Key", "pk_test")],
        None,
    )
    .await;
    assert_eq!(r.status, 503);
    check(&r, "fault");
}

#[tokio::test]
async fn control_endpoints_send_no_cors_without_the_flag() {
    let s = spawn(&["--port", "0"]).await;
    let r = api_call(
        &s.origin,
        "OPTIONS",
        "/__mock/outbox",
        &[
            ("Origin", "https://shop.example"),
            ("Access-Control-Request-Method", "GET"),
        ],
        None,
    )
    .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    assert_eq!(r.header("access-control-allow-methods"), None);
    let r = api_call(
        &s.origin,
        "GET",
        "/__mock/outbox",
        &[("Origin", "https://shop.example")],
        None,
    )
    .await;
    r.assert_status(200);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn cors_origin_flag_restricts() {
    let s = spawn(&["--port", "0", "--cors-origin", "https://shop.example"]).await;
    let r = api_call(
        &s.origin,
        "OPTIONS",
        "/api/v3/store/auth/login",
        &[
            ("Origin", "https://shop.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        None,
    )
    .await;
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("https://shop.example")
    );
    let r = api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/logout",
        &[
            ("Origin", "https://evil.example"),
            ("X-Spree-Api-Key", "pk_test"),
        ],
        None,
    )
    .await;
    let acao = r.header("access-control-allow-origin");
    assert!(
        acao.is_none() || acao.as_deref() == Some("https://shop.example"),
        "never * or the foreign origin: {acao:?}"
    );
}

#[tokio::test]
async fn control_endpoints_over_the_binary() {
    let s = spawn(&["--port", "0"]).await;
    let h = [("X-Spree-Api-Key", "pk_test")];
    api_call(
        &s.origin,
        "POST",
        "/api/v3/store/customers",
        &h,
        Some(json!({"email": "ctl@example.com", "password": PASSWORD})),
    )
    .await
    .assert_status(201);
    api_call(
        &s.origin,
        "POST",
        "/api/v3/store/password_resets",
        &h,
        Some(json!({"email": "ctl@example.com"})),
    )
    .await
    .assert_status(202);
    let out = api_call(
        &s.origin,
        "GET",
        "/__mock/outbox?to=ctl%40example.com",
        &[],
        None,
    )
    .await
    .json();
    let token = out["messages"][0]["token"].as_str().unwrap().to_string();
    api_call(
        &s.origin,
        "POST",
        "/__mock/clock",
        &[],
        Some(json!({"advance_seconds": 901})),
    )
    .await;
    api_call(
        &s.origin,
        "PATCH",
        &format!("/api/v3/store/password_resets/{}", pct(&token)),
        &h,
        Some(json!({"password": "newpass12", "password_confirmation": "newpass12"})),
    )
    .await
    .assert_error(
        422,
        "password_reset_token_invalid",
        "Password reset token is invalid or has expired.",
    );
    let reqs = api_call(&s.origin, "GET", "/__mock/requests", &[], None)
        .await
        .json();
    assert_eq!(reqs["requests"].as_array().unwrap().len(), 3);
    api_call(&s.origin, "POST", "/__mock/reset", &[], None).await;
    api_call(
        &s.origin,
        "POST",
        "/api/v3/store/auth/login",
        &h,
        Some(json!({"email": "ctl@example.com", "password": PASSWORD})),
    )
    .await
    .assert_error(401, "authentication_failed", "Invalid email or password");
}

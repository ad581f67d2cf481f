//! Hostile clients beside a `wrk` run (issue 13), for one binary at a time: slow headers and
//! oversized uploads. Included by `throughput.rs`.

use super::Api;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What the hostile phase measured for one binary.
#[derive(Debug, Default, Clone)]
pub struct HostileReport {
    /// Login req/s with nothing else running.
    pub login_alone: f64,
    /// Login req/s with the slow clients connected.
    pub login_beside_slow: f64,
    /// Server CPU, in % of one core, spent on the slow clients alone (no other load).
    pub slow_cpu_percent: f64,
    /// Slow connections that the server closed during the run.
    pub slow_closed: u64,
    /// Milliseconds until the answer (or close) to a head declaring 20 MB, with no body sent.
    pub declared_20mb_ms: u64,
    /// The status of that answer (0: none).
    pub declared_20mb_status: u16,
    /// VmRSS before and after the uploads, KiB.
    pub rss_before_uploads: u64,
    /// VmRSS after 3 x 20 MB (Content-Length) and 10 x 10 MB (chunked) uploads, KiB.
    pub rss_after_uploads: u64,
}

/// Settings of the hostile phase.
pub struct HostileArgs {
    /// How many slow clients.
    pub slow_clients: usize,
    /// Milliseconds between two header bytes of a slow client.
    pub slow_interval_ms: u64,
    /// wrk seconds per measurement.
    pub duration: u64,
}

/// The command line of a storefront-mock binary serving `api`'s backend on a free port.
pub fn launch_args(api: &Api) -> [&'static str; 6] {
    [
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--backend",
        api.backend,
    ]
}

/// Runs the hostile phase against a fresh process of `binary` serving `api`'s backend;
/// `wrk_login` measures login req/s at the given origin for the given seconds.
pub fn measure(
    binary: &Path,
    api: &'static Api,
    args: &HostileArgs,
    wrk_login: &dyn Fn(&str, u64) -> f64,
    register: &dyn Fn(&str),
    rss_kib: &dyn Fn(u32) -> u64,
) -> HostileReport {
    let mut child = Command::new(binary)
        .args(launch_args(api))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the binary");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("listening line");
    let origin = first
        .trim()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_owned();
    let address: SocketAddr = origin
        .trim_start_matches("http://")
        .parse()
        .expect("address");
    let pid = child.id();
    register(&origin);
    // a first run fills the refresh-token store, so that both measured runs start warm
    wrk_login(&origin, args.duration);
    let mut report = HostileReport {
        login_alone: wrk_login(&origin, args.duration),
        ..HostileReport::default()
    };

    let stop = Arc::new(AtomicBool::new(false));
    let closed = Arc::new(AtomicU64::new(0));
    let slow = {
        let (stop, closed) = (stop.clone(), closed.clone());
        let (count, interval) = (
            args.slow_clients,
            Duration::from_millis(args.slow_interval_ms),
        );
        std::thread::spawn(move || slow_clients(address, api, count, interval, &stop, &closed))
    };
    // every slow client connects and starts its head before anything is measured
    std::thread::sleep(Duration::from_secs(1));
    let (ticks, started) = (cpu_ticks(pid), Instant::now());
    std::thread::sleep(Duration::from_secs(3));
    report.slow_cpu_percent = (cpu_ticks(pid) - ticks) as f64
        / clock_ticks_per_second()
        / started.elapsed().as_secs_f64()
        * 100.0;
    report.login_beside_slow = wrk_login(&origin, args.duration);
    report.slow_closed = closed.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    let _ = slow.join();

    let started = Instant::now();
    report.declared_20mb_status = head_only(address, api, 20 << 20);
    report.declared_20mb_ms = started.elapsed().as_millis() as u64;
    report.rss_before_uploads = rss_kib(pid);
    for _ in 0..3 {
        upload(
            address,
            api,
            "Content-Length: 20971520\r\n",
            vec![b'x'; 20 << 20],
        );
    }
    let chunked: Vec<_> = (0..10)
        .map(|_| {
            std::thread::spawn(move || {
                upload(
                    address,
                    api,
                    "Transfer-Encoding: chunked\r\n",
                    chunked_body(10 << 20),
                )
            })
        })
        .collect();
    for upload in chunked {
        let _ = upload.join();
    }
    report.rss_after_uploads = rss_kib(pid);
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let _ = child.wait();
    report
}

/// User + system CPU ticks of a process so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // the fields after the command name (which may contain spaces) start at `state`
    let after_name = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let field = |index: usize| {
        fields
            .get(index)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime: fields 14 and 15 of the line, 11 and 12 (from 0) after the name
    field(11) + field(12)
}

fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// `count` clients that send a request head one byte per `interval`, reconnecting when closed.
fn slow_clients(
    address: SocketAddr,
    api: &Api,
    count: usize,
    interval: Duration,
    stop: &AtomicBool,
    closed: &AtomicU64,
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let clients = (0..count).map(|_| async {
            use tokio::io::AsyncWriteExt;
            while !stop.load(Ordering::Relaxed) {
                let Ok(mut stream) = tokio::net::TcpStream::connect(address).await else {
                    tokio::time::sleep(interval).await;
                    continue;
                };
                let head = format!("GET {} HTTP/1.1\r\nHost: bench\r\nX-Slow: ", api.me);
                if stream.write_all(head.as_bytes()).await.is_err() {
                    closed.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                while !stop.load(Ordering::Relaxed) {
                    tokio::time::sleep(interval).await;
                    if stream.write_all(b"a").await.is_err() {
                        closed.fetch_add(1, Ordering::Relaxed);
                        break;
                    }
                }
            }
        });
        futures::future::join_all(clients).await;
    });
}

/// Sends a login head that declares `length` bytes, and no body; returns the status of the
/// answer (0 when none came within 5 s).
fn head_only(address: SocketAddr, api: &Api, length: usize) -> u16 {
    let Ok(mut stream) = TcpStream::connect(address) else {
        return 0;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let head = login_head(api, &format!("Content-Length: {length}\r\n"));
    if stream.write_all(head.as_bytes()).is_err() {
        return 0;
    }
    let mut answer = [0u8; 64];
    let read = stream.read(&mut answer).unwrap_or(0);
    String::from_utf8_lossy(&answer[..read])
        .split_whitespace()
        .nth(1)
        .and_then(|status| status.parse().ok())
        .unwrap_or(0)
}

fn login_head(api: &Api, framing: &str) -> String {
    let fields: String = api
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    format!(
        "POST {} HTTP/1.1\r\nHost: bench\r\n{fields}Content-Type: application/json\r\n{framing}\r\n",
        api.login.0
    )
}

/// Sends a login head and `body`, as much as the server takes, reading its answer meanwhile.
fn upload(address: SocketAddr, api: &Api, framing: &str, body: Vec<u8>) {
    let Ok(mut stream) = TcpStream::connect(address) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let reader = stream.try_clone().map(|mut reader| {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        })
    });
    let _ = stream.write_all(login_head(api, framing).as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    if let Ok(reader) = reader {
        let _ = reader.join();
    }
}

fn chunked_body(total: usize) -> Vec<u8> {
    let mut body = Vec::with_capacity(total + total / 1000 + 16);
    let piece = vec![b'x'; 65_536];
    let mut left = total;
    while left > 0 {
        let n = left.min(piece.len());
        body.extend_from_slice(format!("{n:x}\r\n").as_bytes());
        body.extend_from_slice(&piece[..n]);
        body.extend_from_slice(b"\r\n");
        left -= n;
    }
    body.extend_from_slice(b"0\r\n\r\n");
    body
}

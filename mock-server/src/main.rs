//! `storefront-mock`: the standalone mock server.

use clap::Parser;
use std::io::{IsTerminal, Write};
use std::net::ToSocketAddrs;
use std::path::PathBuf;
use std::process::ExitCode;
use storefront_mock::{MockBackend, MockOptions, MockServer, SeedCustomer};

/// Stateful mock of e-commerce customer-account APIs (Spree Store API v3 first).
#[derive(Debug, Parser)]
#[command(name = "storefront-mock", version, about)]
struct Cli {
    /// Backend to emulate: spree, magento (REST under /rest and GraphQL at /graphql),
    /// spryker or bagisto (overrides the config file; default spree).
    #[arg(long)]
    backend: Option<MockBackend>,
    /// Port to listen on (0 = any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address or host name to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The storefront key, where the backend has one (Spree: `X-Spree-Api-Key`); overrides
    /// the config file.
    #[arg(long)]
    publishable_key: Option<String>,
    /// JSON file with a list of customers: `[{"email","password","first_name",…}]`.
    #[arg(long)]
    seed: Option<PathBuf>,
    /// JSON file with `MockOptions` (any subset of fields; backend options nested, e.g.
    /// `{"spree":{"jwt_expiration":60}}`).
    #[arg(long)]
    config: Option<PathBuf>,
    /// `Access-Control-Allow-Origin` value (overrides the config file; default `*`).
    #[arg(long)]
    cors_origin: Option<String>,
}

fn read_json(path: &PathBuf) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|error| format!("invalid JSON in {}: {error}", path.display()))
}

fn options_from(cli: &Cli) -> Result<MockOptions, String> {
    let mut options = match &cli.config {
        Some(path) => MockOptions::default()
            .merged_with(&read_json(path)?)
            .map_err(|error| format!("invalid options in {}: {error}", path.display()))?,
        None => MockOptions::default(),
    };
    if let Some(backend) = cli.backend {
        options.backend = backend;
    }
    if let Some(key) = &cli.publishable_key {
        options.publishable_key = key.clone();
    }
    if let Some(origin) = &cli.cors_origin {
        options.cors_origin = origin.clone();
    }
    if let Some(path) = &cli.seed {
        let customers: Vec<SeedCustomer> = serde_json::from_value(read_json(path)?)
            .map_err(|error| format!("invalid customers in {}: {error}", path.display()))?;
        options.seed_customers.extend(customers);
    }
    Ok(options)
}

/// Signal handlers, installed before the listening line so that an early signal is clean.
struct ShutdownSignals {
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
}

impl ShutdownSignals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Self {
                terminate: signal(SignalKind::terminate()).ok(),
                interrupt: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Self {}
        }
    }

    /// Waits for SIGTERM or SIGINT (Ctrl-C).
    async fn wait(mut self) {
        #[cfg(unix)]
        {
            async fn next(signal: Option<&mut tokio::signal::unix::Signal>) {
                match signal {
                    Some(signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! {
                () = next(self.terminate.as_mut()) => {}
                () = next(self.interrupt.as_mut()) => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    // wiremock panics inside a connection task when a client hangs up mid-body; the task
    // dies with the connection and the server goes on, so one log line is enough.
    std::panic::set_hook(Box::new(|info| {
        tracing::warn!("connection task aborted: {info}");
    }));
    let cli = Cli::parse();
    let options = match options_from(&cli) {
        Ok(options) => options,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("storefront-mock: {message}");
            return ExitCode::from(2);
        }
    };
    let signals = ShutdownSignals::install();
    let address = match (cli.host.as_str(), cli.port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
    {
        Some(address) => address,
        None => {
            eprintln!("storefront-mock: cannot resolve host {}", cli.host);
            return ExitCode::from(2);
        }
    };
    let server = match MockServer::bind(address, options).await {
        Ok(server) => server,
        Err(error) if error.kind() == std::io::ErrorKind::Unsupported => {
            eprintln!("storefront-mock: {error}");
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("storefront-mock: cannot listen on {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout();
    if writeln!(stdout, "listening on {}", server.uri())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    tracing::info!(
        address = %server.address(),
        workers = server.worker_count(),
        backend = %server.backend(),
        api_base = %server.api_base(),
        "storefront-mock started"
    );
    signals.wait().await;
    tracing::info!("shutting down");
    drop(server);
    ExitCode::SUCCESS
}

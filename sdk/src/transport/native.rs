use std::sync::Once;

use super::{HttpRequest, HttpResponse, Method, Transport, TransportError};
use crate::error::Phase;
use crate::platform::BoxFuture;

/// The native transport: reqwest over rustls (ring), HTTP/1.1 and HTTP/2.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with its own connection pool.
    pub fn new() -> Result<Self, crate::Error> {
        static INSTALL_PROVIDER: Once = Once::new();
        INSTALL_PROVIDER.call_once(|| {
            // Another part of the process may have installed one already.
            let _ = rustls::crypto::ring::default_provider().install_default();
        });
        let client = reqwest::Client::builder()
            .build()
            .map_err(|error| crate::Error::Config {
                message: format!("could not build the HTTP client: {error}"),
                api: None,
            })?;
        Ok(Self { client })
    }

    /// A transport that shares an existing reqwest client.
    pub fn with_client(client: reqwest::Client) -> Self {
        Self { client }
    }
}

fn method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

fn transport_error(error: reqwest::Error) -> TransportError {
    let phase = if error.is_connect() || error.is_builder() {
        Phase::BeforeSend
    } else {
        Phase::AfterSend
    };
    let timed_out = error.is_timeout();
    // The URL is left out; reqwest errors never name headers or bodies. The
    // causes say what happened ("tcp connect error: Connection refused").
    let error = error.without_url();
    let mut message = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = inner.source();
    }
    TransportError {
        phase,
        timed_out,
        message,
    }
}

impl Transport for ReqwestTransport {
    fn send<'a>(
        &'a self,
        request: &'a HttpRequest,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let mut builder = self
                .client
                .request(method(request.method), request.url.as_str());
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            if let Some(body) = &request.body {
                builder = builder.body(body.clone());
            }
            let response = builder.send().await.map_err(transport_error)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response.bytes().await.map_err(transport_error)?.to_vec();
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        })
    }
}

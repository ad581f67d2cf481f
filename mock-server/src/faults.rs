//! Injected faults: canned responses, added latency and dropped connections.

use rand::Rng;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// A fault injected into matching requests.
///
/// Built with [`Fault::new`] and the chained setters, or read from the JSON body of
/// `POST /__mock/faults`:
/// `{"method","path","times","rate","status","body","headers":{..},"delay_ms","drop_connection"}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// HTTP method to match (`*` or absent matches any).
    #[serde(default)]
    method: Option<String>,
    /// Exact request path to match (no query string).
    path: String,
    /// Fire for at most this many matching requests (unlimited when absent).
    #[serde(default)]
    times: Option<u32>,
    /// Fire with this probability per matching request (seeded; always when absent).
    #[serde(default)]
    rate: Option<f64>,
    /// Status of the canned response; when absent the request is processed normally.
    #[serde(default)]
    status: Option<u16>,
    /// Body of the canned response.
    #[serde(default)]
    body: Option<String>,
    /// Extra headers of the response (canned or normal).
    #[serde(default)]
    headers: BTreeMap<String, String>,
    /// Added latency in milliseconds.
    #[serde(default)]
    delay_ms: Option<u64>,
    /// Process the request, then break the connection instead of answering.
    #[serde(default)]
    drop_connection: bool,
}

impl Fault {
    /// A fault for requests with this method (`*` = any) and exact path; by itself it fires
    /// on every matching request and changes nothing until an effect is added.
    pub fn new(method: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            method: Some(method.into()),
            path: path.into(),
            times: None,
            rate: None,
            status: None,
            body: None,
            headers: BTreeMap::new(),
            delay_ms: None,
            drop_connection: false,
        }
    }

    /// Fires for the next `times` matching requests only.
    pub fn times(mut self, times: u32) -> Self {
        self.times = Some(times);
        self
    }

    /// Fires with probability `rate` (0.0–1.0), drawn from the seeded generator.
    pub fn rate(mut self, rate: f64) -> Self {
        self.rate = Some(rate);
        self
    }

    /// Answers with this status and body instead of processing the request.
    pub fn respond(mut self, status: u16, body: impl Into<String>) -> Self {
        self.status = Some(status);
        self.body = Some(body.into());
        self
    }

    /// Adds a response header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }

    /// Adds latency before the response is delivered.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay_ms = Some(u64::try_from(delay.as_millis()).unwrap_or(u64::MAX));
        self
    }

    /// Processes the request normally (state changes happen), then breaks the connection.
    pub fn drop_connection(mut self) -> Self {
        self.drop_connection = true;
        self
    }

    /// Checks that the status and headers can be sent and the rate is a probability.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if let Some(status) = self.status
            && !(100..=999).contains(&status)
        {
            return Err(format!("invalid status {status}"));
        }
        for (name, value) in &self.headers {
            if wiremock::http::HeaderName::from_bytes(name.as_bytes()).is_err()
                || wiremock::http::HeaderValue::from_str(value).is_err()
            {
                return Err(format!("invalid header {name}"));
            }
        }
        if self.rate.is_some_and(|rate| !(0.0..=1.0).contains(&rate)) {
            return Err("rate must be between 0 and 1".to_owned());
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_matches = match self.method.as_deref() {
            None | Some("*") => true,
            Some(expected) => expected.eq_ignore_ascii_case(method),
        };
        method_matches && self.path == path
    }
}

/// What a firing fault does to one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FaultEffect {
    /// A canned `(status, body)` that replaces processing.
    pub(crate) canned: Option<(u16, String)>,
    /// Extra response headers.
    pub(crate) headers: Vec<(String, String)>,
    /// Added latency.
    pub(crate) delay: Option<Duration>,
    /// Break the connection after processing.
    pub(crate) drop_connection: bool,
}

/// The active faults, first match wins.
#[derive(Debug, Default)]
pub(crate) struct FaultSet {
    faults: Vec<Fault>,
}

impl FaultSet {
    /// Adds a fault after the existing ones.
    pub(crate) fn add(&mut self, fault: Fault) {
        self.faults.push(fault);
    }

    /// Removes every fault.
    pub(crate) fn clear(&mut self) {
        self.faults.clear();
    }

    /// Finds the first fault that fires for this request, consuming one of its `times`.
    pub(crate) fn take_effect(
        &mut self,
        method: &str,
        path: &str,
        rng: &mut impl Rng,
    ) -> Option<FaultEffect> {
        let index = self.faults.iter().position(|fault| {
            fault.matches(method, path)
                && fault.times != Some(0)
                && fault
                    .rate
                    .is_none_or(|rate| rng.random::<f64>() < rate.clamp(0.0, 1.0))
        })?;
        let fault = &mut self.faults[index];
        let effect = FaultEffect {
            canned: fault
                .status
                .map(|status| (status, fault.body.clone().unwrap_or_default())),
            headers: fault
                .headers
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
            delay: fault.delay_ms.map(Duration::from_millis),
            drop_connection: fault.drop_connection,
        };
        if let Some(remaining) = fault.times.as_mut() {
            *remaining = remaining.saturating_sub(1);
            if *remaining == 0 {
                self.faults.remove(index);
            }
        }
        Some(effect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn times_limits_firing() {
        let mut set = FaultSet::default();
        set.add(Fault::new("POST", "/a").times(2).respond(503, "{}"));
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        assert!(set.take_effect("POST", "/a", &mut rng).is_some());
        assert!(set.take_effect("GET", "/a", &mut rng).is_none());
        assert!(set.take_effect("post", "/a", &mut rng).is_some());
        assert!(set.take_effect("POST", "/a", &mut rng).is_none());
        set.add(Fault::new("POST", "/a").times(0).respond(503, "{}"));
        assert!(set.take_effect("POST", "/a", &mut rng).is_none());
    }

    #[test]
    fn rate_is_reproducible_with_a_seed() {
        let draw = || {
            let mut set = FaultSet::default();
            set.add(Fault::new("*", "/a").rate(0.3).respond(500, ""));
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
            (0..100)
                .map(|_| set.take_effect("GET", "/a", &mut rng).is_some())
                .collect::<Vec<_>>()
        };
        let first = draw();
        assert_eq!(first, draw());
        let fired = first.iter().filter(|fired| **fired).count();
        assert!((10..50).contains(&fired));
    }

    #[test]
    fn json_form_parses() {
        let fault: Fault = serde_json::from_str(
            r#"{"method":"POST","path":"/x","times":1,"status":503,"body":"{}","headers":{"Retry-After":"1"},"delay_ms":5,"drop_connection":false}"#,
        )
        .expect("valid fault");
        assert_eq!(fault.status, Some(503));
    }
}

//! `VerifyStorefrontKey` (spec §1.2): every request under `/api/shop` (but the GET
//! documentation paths) needs the active storefront key in `X-STOREFRONT-KEY`, and counts
//! against its rate limit when one is set.

use super::BagistoEmulator;
use super::php;
use super::problem::{self, STOREFRONT_KEY_HEADER};
use super::rate_limit::Verdict;
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse};
use crate::options::MockOptions;
use subtle::ConstantTimeEq;

/// Headers to add to the response of an admitted request (`X-RateLimit-*` when a limit is on).
pub(crate) type LimitHeaders = Vec<(&'static str, String)>;

/// Whether `given` is the active key and not deactivated (constant-time compares).
fn key_valid(given: &str, options: &MockOptions) -> bool {
    let matches =
        |key: &str, candidate: &str| bool::from(key.as_bytes().ct_eq(candidate.as_bytes()));
    matches(given, &options.publishable_key)
        && !options
            .inactive_publishable_keys
            .iter()
            .any(|inactive| matches(given, inactive))
}

impl BagistoEmulator {
    /// Admits the request (with the headers its response gets) or answers it: 401
    /// `missing_key`, 403 `invalid_key`, 429 `rate_limit_exceeded`.
    pub(crate) fn admit(
        &self,
        request: &ApiRequest<'_>,
        context: &RequestContext<'_>,
    ) -> Result<LimitHeaders, ApiResponse> {
        let key = match request.headers.get(STOREFRONT_KEY_HEADER) {
            None => return Err(problem::missing_key()),
            Some(value) => match value.to_str() {
                Ok(key) if php::empty_str(key) => return Err(problem::missing_key()),
                Ok(key) if key_valid(key, context.options) => key,
                _ => return Err(problem::invalid_key()),
            },
        };
        let bagisto = &context.options.bagisto;
        let Some(limit) = bagisto.rate_limit.filter(|limit| *limit > 0) else {
            return Ok(Vec::new());
        };
        match self
            .limiter()
            .check(key, limit, bagisto.rate_limit_window, context.now)
        {
            Verdict::Proceed(headers) => Ok(headers),
            Verdict::Throttled(retry_after) => Err(problem::rate_limit_exceeded(retry_after)),
        }
    }
}

//! Bearer tokens as the operations read them: `Authorization: Bearer <id>|<secret>`, verified
//! in full against the token store. Each operation words a missing and an invalid token its
//! own way, so this only tells the two apart.

use super::BagistoState;
use super::tokens::Bearer;
use crate::emulator::RequestContext;
use crate::http::ApiRequest;

/// What the `Authorization` header proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential {
    /// No `Bearer` token at all.
    Missing,
    /// A token that is unknown, forged, revoked, expired, of a deleted customer, or not a
    /// Sanctum token at all (the 80-character `apiToken` included).
    Invalid,
    /// A live token.
    Valid(Bearer),
}

/// The token after `Bearer `; `None` when there is none.
fn bearer_token<'a>(request: &'a ApiRequest<'a>) -> Option<&'a str> {
    request
        .header("authorization")?
        .strip_prefix("Bearer ")
        .filter(|token| !token.is_empty())
}

impl BagistoState {
    /// The credential the request presents, checked against the store at the mock clock's
    /// `now` with the configured token expiration.
    pub(crate) fn credential(
        &self,
        request: &ApiRequest<'_>,
        context: &RequestContext<'_>,
    ) -> Credential {
        let Some(token) = bearer_token(request) else {
            return Credential::Missing;
        };
        match self
            .tokens
            .verify(token, context.now, context.options.bagisto.token_expiration)
        {
            Some(bearer) if self.customers.contains_key(&bearer.customer_id) => {
                Credential::Valid(bearer)
            }
            _ => Credential::Invalid,
        }
    }
}

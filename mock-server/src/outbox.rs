//! The outbox: messages the emulated store would have sent (password-reset emails), the same
//! shape for every backend.

use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

/// Most outbox messages kept; older ones are dropped first.
const OUTBOX_CAPACITY: usize = 10_000;

/// One published message, e.g. Spree's `customer.password_reset_requested` event.
///
/// Every backend fills `kind`, `to`, `token` and `created_at`; `redirect_url` is `null` where the
/// backend has none, and `extra` holds further backend-specific fields (flattened into the JSON
/// after `created_at`, absent when empty).
#[derive(Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OutboxMessage {
    /// Message kind; `"password_reset"` for reset requests.
    pub kind: String,
    /// Recipient email.
    pub to: String,
    /// The secret the message carries (e.g. the password-reset token).
    pub token: String,
    /// The accepted `redirect_url`, if any.
    pub redirect_url: Option<String>,
    /// Mock-clock time of publication, RFC 3339.
    pub created_at: String,
    /// Backend-specific fields (e.g. a customer id a reset link needs).
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl OutboxMessage {
    /// A message of `kind` to `to` carrying `token`, published at `created_at` (RFC 3339),
    /// without a redirect URL or extra fields.
    pub(crate) fn new(kind: &str, to: &str, token: String, created_at: String) -> Self {
        Self {
            kind: kind.to_owned(),
            to: to.to_owned(),
            token,
            redirect_url: None,
            created_at,
            extra: BTreeMap::new(),
        }
    }
}

impl std::fmt::Debug for OutboxMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMessage")
            .field("kind", &self.kind)
            .field("to", &self.to)
            .field("token", &"<redacted>")
            .field("redirect_url", &self.redirect_url)
            .field("created_at", &self.created_at)
            .field("extra", &self.extra)
            .finish()
    }
}

/// A bounded FIFO of outbox messages.
#[derive(Debug, Default)]
pub(crate) struct Outbox {
    messages: VecDeque<OutboxMessage>,
}

impl Outbox {
    /// Publishes a message.
    pub(crate) fn publish(&mut self, message: OutboxMessage) {
        if self.messages.len() >= OUTBOX_CAPACITY {
            self.messages.pop_front();
        }
        self.messages.push_back(message);
    }

    /// Messages, oldest first, optionally only those sent to `recipient`.
    pub(crate) fn messages(&self, recipient: Option<&str>) -> Vec<OutboxMessage> {
        self.messages
            .iter()
            .filter(|message| recipient.is_none_or(|to| message.to == to))
            .cloned()
            .collect()
    }

    /// Forgets every message.
    pub(crate) fn clear(&mut self) {
        self.messages.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_extra_fields_follow() {
        let mut message =
            OutboxMessage::new("password_reset", "a@example.com", "t=".into(), "x".into());
        let plain = serde_json::to_string(&message).expect("serialises");
        assert_eq!(
            plain,
            r#"{"kind":"password_reset","to":"a@example.com","token":"t=","redirect_url":null,"created_at":"x"}"#
        );
        message
            .extra
            .insert("customer_id".into(), serde_json::json!(7));
        let extended = serde_json::to_string(&message).expect("serialises");
        assert!(
            extended.ends_with(r#""created_at":"x","customer_id":7}"#),
            "{extended}"
        );
    }
}

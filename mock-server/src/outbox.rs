//! The outbox: messages the emulated store would have sent (password-reset emails).

use serde::Serialize;
use std::collections::VecDeque;

/// Most outbox messages kept; older ones are dropped first.
const OUTBOX_CAPACITY: usize = 10_000;

/// One published message, e.g. Spree's `customer.password_reset_requested` event.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct OutboxMessage {
    /// Message kind; `"password_reset"` for reset requests.
    pub kind: String,
    /// Recipient email.
    pub to: String,
    /// The password-reset token.
    pub token: String,
    /// The accepted `redirect_url`, if any.
    pub redirect_url: Option<String>,
    /// Mock-clock time of publication, RFC 3339.
    pub created_at: String,
}

impl std::fmt::Debug for OutboxMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMessage")
            .field("kind", &self.kind)
            .field("to", &self.to)
            .field("token", &"<redacted>")
            .field("redirect_url", &self.redirect_url)
            .field("created_at", &self.created_at)
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

//! Session events (token-lifecycle.md §8), delivered through a bounded,
//! non-blocking channel: a slow subscriber lags, it never blocks the SDK.

use tokio::sync::broadcast;

use crate::error::Error;
use crate::models::Customer;

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    /// The app logged out.
    UserLogout,
    /// The access token expired or was rejected and could not be renewed.
    SessionExpired,
    /// Another tab or process signed out.
    RevokedElsewhere,
    /// A password reset revoked the refresh token.
    PasswordReset,
}

/// What a subscriber learns about the current session (no secrets).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    /// When the access token expires (Unix ms, wall-clock estimate).
    pub expires_at_ms: i64,
    /// Whether the session can be refreshed.
    pub has_refresh_token: bool,
    /// The customer, when the SDK has seen the profile.
    pub user: Option<Customer>,
}

/// A change of the session.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SessionEvent {
    /// The first event of every subscription: the session as it is now.
    InitialSession(Option<SessionInfo>),
    /// Login, registration or a completed password reset.
    SignedIn(SessionInfo),
    /// New tokens from a refresh.
    TokenRefreshed(SessionInfo),
    /// The session ended.
    SignedOut {
        /// Why.
        reason: SignOutReason,
    },
    /// The access token of a backend without refresh expires soon.
    SessionExpiring {
        /// When (Unix ms).
        at_ms: i64,
    },
    /// A refresh failed; `transient` failures keep the session.
    RefreshFailed {
        /// Whether the failure said nothing about the refresh token.
        transient: bool,
        /// The failure.
        error: Error,
    },
    /// The profile changed.
    UserUpdated(Customer),
    /// The token store failed; the session lives on in memory.
    StorageUnavailable {
        /// What the store reported.
        message: String,
    },
    /// The stored session was unreadable and has been removed.
    StorageCorrupted,
}

/// Why [`Subscription::recv`] returned no event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RecvError {
    /// The subscriber fell behind and missed this many events.
    #[error("missed {0} events")]
    Lagged(u64),
    /// The client was disposed or dropped.
    #[error("the client was disposed")]
    Closed,
}

/// A stream of [`SessionEvent`]s, starting with `InitialSession`.
#[derive(Debug)]
pub struct Subscription {
    pub(crate) initial: Option<Option<SessionInfo>>,
    pub(crate) receiver: broadcast::Receiver<SessionEvent>,
}

impl Subscription {
    /// The next event.
    pub async fn recv(&mut self) -> Result<SessionEvent, RecvError> {
        if let Some(initial) = self.initial.take() {
            return Ok(SessionEvent::InitialSession(initial));
        }
        self.receiver.recv().await.map_err(|error| match error {
            broadcast::error::RecvError::Lagged(missed) => RecvError::Lagged(missed),
            broadcast::error::RecvError::Closed => RecvError::Closed,
        })
    }

    /// The next event if one is ready, without waiting.
    pub fn try_recv(&mut self) -> Option<Result<SessionEvent, RecvError>> {
        if let Some(initial) = self.initial.take() {
            return Some(Ok(SessionEvent::InitialSession(initial)));
        }
        match self.receiver.try_recv() {
            Ok(event) => Some(Ok(event)),
            Err(broadcast::error::TryRecvError::Empty) => None,
            Err(broadcast::error::TryRecvError::Lagged(missed)) => {
                Some(Err(RecvError::Lagged(missed)))
            }
            Err(broadcast::error::TryRecvError::Closed) => Some(Err(RecvError::Closed)),
        }
    }
}

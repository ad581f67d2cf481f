//! `onAuthStateChange`: SDK session events delivered to a JavaScript callback
//! as `(event, session, detail)`, event names upper-case (TL-8.1).

use futures_channel::oneshot;
use futures_util::future::{Either, select};
use js_sys::Function;
use storefront_sdk::{Client, RecvError, SessionEvent, SignOutReason};
use wasm_bindgen::prelude::*;

use crate::convert::{self, Shape, object};
use crate::errors;

/// Subscribes `callback`; the returned function unsubscribes it.
pub fn subscribe(client: &Client, shape: Shape, callback: Function) -> JsValue {
    let (unsubscribe, unsubscribed) = oneshot::channel::<()>();
    crate::spawn(Box::pin(deliver_until(
        client.clone(),
        shape,
        callback,
        unsubscribed,
    )));
    let mut unsubscribe = Some(unsubscribe);
    Closure::<dyn FnMut()>::new(move || {
        if let Some(unsubscribe) = unsubscribe.take() {
            let _ = unsubscribe.send(());
        }
    })
    .into_js_value()
}

async fn deliver_until(
    client: Client,
    shape: Shape,
    callback: Function,
    unsubscribed: oneshot::Receiver<()>,
) {
    let mut subscription = client.subscribe().await;
    // Only a call unsubscribes: the function being dropped (a caller that
    // ignores it, then the garbage collector) must not end the delivery.
    let mut unsubscribed = Box::pin(async move {
        if unsubscribed.await.is_err() {
            std::future::pending::<()>().await;
        }
    });
    loop {
        match select(Box::pin(subscription.recv()), &mut unsubscribed).await {
            Either::Left((Ok(event), _)) => deliver(&client, shape, &callback, event),
            Either::Left((Err(RecvError::Lagged(_)), _)) => continue,
            _ => return,
        }
    }
}

fn reason_name(reason: SignOutReason) -> &'static str {
    match reason {
        SignOutReason::UserLogout => "USER_LOGOUT",
        SignOutReason::SessionExpired => "SESSION_EXPIRED",
        SignOutReason::RevokedElsewhere => "REVOKED_ELSEWHERE",
        SignOutReason::PasswordReset => "PASSWORD_RESET",
    }
}

/// Calls `callback` with one event. The session passed along is the one the
/// client holds as the callback runs (`current_session`: no I/O, never a
/// refresh), and `null` after a sign-out.
fn deliver(client: &Client, shape: Shape, callback: &Function, event: SessionEvent) {
    let (name, detail) = match event {
        SessionEvent::InitialSession(_) => ("INITIAL_SESSION", JsValue::UNDEFINED),
        SessionEvent::SignedIn(_) => ("SIGNED_IN", JsValue::UNDEFINED),
        SessionEvent::TokenRefreshed(_) => ("TOKEN_REFRESHED", JsValue::UNDEFINED),
        SessionEvent::UserUpdated(_) => ("USER_UPDATED", JsValue::UNDEFINED),
        SessionEvent::SignedOut { reason } => (
            "SIGNED_OUT",
            object(&[("reason", JsValue::from_str(reason_name(reason)))]),
        ),
        SessionEvent::SessionExpiring { at_ms } => (
            "SESSION_EXPIRING",
            object(&[(
                "expires_at",
                JsValue::from_f64(at_ms.div_euclid(1000) as f64),
            )]),
        ),
        SessionEvent::RefreshFailed { transient, error } => (
            "REFRESH_FAILED",
            object(&[
                ("transient", JsValue::from_bool(transient)),
                ("error", errors::to_js(&error)),
            ]),
        ),
        SessionEvent::StorageUnavailable { message } => (
            "STORAGE_UNAVAILABLE",
            object(&[("message", JsValue::from_str(&message))]),
        ),
        SessionEvent::StorageCorrupted => ("STORAGE_CORRUPTED", JsValue::UNDEFINED),
        _ => return,
    };
    // After a sign-out the callback gets `null`, even if a new session has
    // been established since the event was emitted.
    let signed_out = name == "SIGNED_OUT";
    let session = match client.current_session() {
        Some(session) if !signed_out => convert::session_to_js(&session, shape),
        _ => JsValue::NULL,
    };
    if let Err(thrown) = callback.call3(&JsValue::NULL, &JsValue::from_str(name), &session, &detail)
    {
        web_sys::console::error_2(
            &JsValue::from_str("onAuthStateChange callback threw"),
            &thrown,
        );
    }
}

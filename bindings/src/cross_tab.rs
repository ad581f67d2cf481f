//! Cross-tab propagation for `localStorage` sessions (TL-7.1): a sign-in,
//! refresh or sign-out in one tab makes the others re-read storage, through
//! `storage` events and a `BroadcastChannel` named after the storage key.
//! Messages carry the event name only, never tokens.

use futures_channel::oneshot;
use futures_util::future::{Either, select};
use js_sys::{Object, Reflect};
use storefront_sdk::{Client, RecvError, SessionEvent, SignOutReason};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, EventTarget, MessageEvent, StorageEvent};

/// The listeners and channel of one client; dropping it removes them (on
/// `dispose()`, or when the client is garbage-collected).
pub struct CrossTab {
    window: EventTarget,
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    on_storage: Closure<dyn FnMut(StorageEvent)>,
    _stop_announcing: oneshot::Sender<()>,
}

impl CrossTab {
    /// Starts listening and announcing, when this is a window with
    /// `BroadcastChannel` (not in Node, SSR or workers).
    pub fn start(client: &Client) -> Option<Self> {
        let storage_key = client.storage_key();
        let global = js_sys::global();
        let is_window = Reflect::get(&global, &JsValue::from_str("document"))
            .is_ok_and(|document| document.is_object());
        if !is_window {
            return None;
        }
        let window: EventTarget = global.unchecked_into();
        let channel = BroadcastChannel::new(storage_key).ok()?;

        let reloading = client.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            reload(&reloading);
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let reloading = client.clone();
        let key = storage_key.to_owned();
        let on_storage = Closure::<dyn FnMut(StorageEvent)>::new(move |event: StorageEvent| {
            // A `null` key means the whole storage area was cleared.
            if event.key().is_none_or(|changed| changed == key) {
                reload(&reloading);
            }
        });
        let _ =
            window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());

        let (stop_announcing, stopped) = oneshot::channel();
        crate::spawn(Box::pin(announce(client.clone(), channel.clone(), stopped)));
        Some(Self {
            window,
            channel,
            _on_message: on_message,
            on_storage,
            _stop_announcing: stop_announcing,
        })
    }
}

impl Drop for CrossTab {
    /// Removes the listeners and closes the channel; dropping the stop sender
    /// ends the announcing task.
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
        let _ = self.window.remove_event_listener_with_callback(
            "storage",
            self.on_storage.as_ref().unchecked_ref(),
        );
    }
}

/// Re-reads the stored session (another tab changed it).
fn reload(client: &Client) {
    let client = client.clone();
    crate::spawn(Box::pin(async move { client.reload_session().await }));
}

/// Posts this tab's session changes on the channel until stopped.
async fn announce(client: Client, channel: BroadcastChannel, mut stopped: oneshot::Receiver<()>) {
    let mut subscription = client.subscribe().await;
    loop {
        let event = match select(Box::pin(subscription.recv()), &mut stopped).await {
            Either::Left((Ok(event), _)) => event,
            Either::Left((Err(RecvError::Lagged(_)), _)) => continue,
            _ => return,
        };
        let name = match event {
            SessionEvent::SignedIn(_) => "SIGNED_IN",
            SessionEvent::TokenRefreshed(_) => "TOKEN_REFRESHED",
            SessionEvent::SignedOut { reason } if reason != SignOutReason::RevokedElsewhere => {
                "SIGNED_OUT"
            }
            _ => continue,
        };
        let message = Object::new();
        let _ = Reflect::set(
            &message,
            &JsValue::from_str("event"),
            &JsValue::from_str(name),
        );
        let _ = channel.post_message(&message);
    }
}

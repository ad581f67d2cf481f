//! Cross-tab propagation for `localStorage` sessions (TL-7.1): a sign-in,
//! refresh or sign-out in one tab makes the others re-read storage, through
//! `storage` events and a `BroadcastChannel` named after the storage key
//! (`watchTabs` of `js/host.js`). Messages carry the event name only, never
//! tokens.

use futures_channel::oneshot;
use futures_util::future::{Either, select};
use js_sys::Function;
use storefront_sdk::{Client, RecvError, SessionEvent, SignOutReason};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// The listeners and channel of one client.
    #[derive(Clone)]
    type TabWatch;

    /// Starts listening; `undefined` outside a window.
    #[wasm_bindgen(js_name = watchTabs)]
    fn watch_tabs(key: &str, reload: &Function) -> Option<TabWatch>;

    /// Tells the other tabs of `event`.
    #[wasm_bindgen(method, structural)]
    fn post(this: &TabWatch, event: &str);

    /// Removes the listeners and closes the channel.
    #[wasm_bindgen(method, structural)]
    fn stop(this: &TabWatch);
}

/// The listeners and channel of one client; dropping it removes them (on
/// `dispose()`, or when the client is garbage-collected).
pub struct CrossTab {
    watch: TabWatch,
    _reload: Closure<dyn FnMut()>,
    _stop_announcing: oneshot::Sender<()>,
}

impl CrossTab {
    /// Starts listening and announcing, when this is a window with
    /// `BroadcastChannel` (not in Node, SSR or workers).
    pub fn start(client: &Client) -> Option<Self> {
        let reloading = client.clone();
        let reload = Closure::<dyn FnMut()>::new(move || {
            let client = reloading.clone();
            crate::spawn(Box::pin(async move { client.reload_session().await }));
        });
        let watch = watch_tabs(client.storage_key(), reload.as_ref().unchecked_ref())?;
        let (stop_announcing, stopped) = oneshot::channel();
        crate::spawn(Box::pin(announce(client.clone(), watch.clone(), stopped)));
        Some(Self {
            watch,
            _reload: reload,
            _stop_announcing: stop_announcing,
        })
    }
}

impl Drop for CrossTab {
    /// Removes the listeners and closes the channel; dropping the stop sender
    /// ends the announcing task.
    fn drop(&mut self) {
        self.watch.stop();
    }
}

/// Posts this tab's session changes to the other tabs until stopped.
async fn announce(client: Client, watch: TabWatch, mut stopped: oneshot::Receiver<()>) {
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
        watch.post(name);
    }
}

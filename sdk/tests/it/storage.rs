//! Token stores: persistence, restore, corrupt data, failing storage and
//! adoption of tokens another process rotated (TL-6, TL-7.3; scenario 9).

use std::sync::Arc;
use std::time::Duration;

use storefront_sdk::{
    BoxFuture, Client, FileStore, NoStore, SessionEvent, StorageError, TokenStore,
};

use crate::harness::{Harness, TTL, email};

fn storage_key(h: &Harness) -> String {
    format!("storefront-sdk:v1:spree:{}", h.mock.uri())
}

async fn drain(events: &mut storefront_sdk::Subscription) -> Vec<SessionEvent> {
    let mut seen = Vec::new();
    while let Some(Ok(event)) = events.try_recv() {
        seen.push(event);
    }
    seen
}

#[tokio::test]
async fn corrupt_or_foreign_records_read_as_no_session() {
    for garbage in [
        "{not json",
        r#"{"v":1,"backend":"magento","access":"x","refresh":null,"token_type":"Bearer","expires_at_ms":1,"received_at_ms":0,"user_id":null}"#,
        r#"{"v":99}"#,
    ] {
        let h = Harness::new().await;
        h.store.set(&storage_key(&h), garbage).await.unwrap();
        let mut events = h.client.subscribe().await;
        let seen = drain(&mut events).await;
        assert!(
            matches!(seen[0], SessionEvent::InitialSession(None)),
            "{seen:?}"
        );
        assert!(
            seen.iter()
                .any(|e| matches!(e, SessionEvent::StorageCorrupted)),
            "{garbage}"
        );
        assert_eq!(
            h.store.get(&storage_key(&h)).await.unwrap(),
            None,
            "the bad record is removed"
        );
        assert!(h.client.get_session().await.unwrap().is_none());
    }
}

#[tokio::test]
async fn a_second_client_restores_the_stored_session() {
    let h = Harness::new().await;
    let auth = h.sign_up(&email("restore")).await;
    let other = h.second_client();
    let me = other.customer().get().await.unwrap();
    assert_eq!(me.id, auth.user.id);
    assert_eq!(h.refreshes(), 0);
    // A restored session has only the wall-clock estimate; it still expires.
    h.advance(TTL + Duration::from_secs(1));
    other.customer().get().await.unwrap();
    assert_eq!(h.refreshes(), 1);
}

#[tokio::test]
async fn tokens_rotated_by_another_process_are_adopted_without_a_refresh() {
    let h = Harness::new().await;
    h.sign_up(&email("adopt")).await;
    let other = h.second_client();
    other.customer().get().await.unwrap();
    h.advance(TTL + Duration::from_secs(1));
    h.client.customer().get().await.unwrap();
    assert_eq!(h.refreshes(), 1);
    // `other` holds the spent refresh token, but storage has the new pair.
    other.customer().get().await.unwrap();
    assert_eq!(h.refreshes(), 1, "the stored tokens were adopted");
    assert_eq!(
        h.requests("POST", "/auth/refresh")
            .iter()
            .filter(|r| r.status != 200)
            .count(),
        0,
        "the spent token was never sent again"
    );
}

#[tokio::test]
async fn a_file_store_survives_a_restart_of_the_app() {
    let h = Harness::new().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.json");
    let build = || {
        Client::builder(h.mock.uri())
            .publishable_key(h.mock.publishable_key())
            .token_store(Arc::new(FileStore::new(&path)))
            .build()
            .unwrap()
    };
    let first = build();
    let auth = first
        .customers()
        .create(&storefront_sdk::NewCustomer::new(
            email("file"),
            crate::harness::PASSWORD,
        ))
        .await
        .unwrap();
    drop(first);
    let restarted = build();
    assert_eq!(restarted.customer().get().await.unwrap().id, auth.user().id);
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(raw.contains(r#"\"v\":1"#), "{raw}");
}

#[tokio::test]
async fn without_storage_nothing_outlives_the_client() {
    let h = Harness::with(|b| b.token_store(Arc::new(NoStore))).await;
    h.sign_up(&email("nostore")).await;
    assert!(h.client.customer().get().await.is_ok());
    let other = Client::builder(h.mock.uri())
        .publishable_key(h.mock.publishable_key())
        .token_store(Arc::new(NoStore))
        .build()
        .unwrap();
    assert!(other.get_session().await.unwrap().is_none());
}

/// A store whose every call fails, like blocked browser storage.
struct BrokenStore;

impl TokenStore for BrokenStore {
    fn get<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
        Box::pin(async { Err(StorageError::new("storage is disabled")) })
    }
    fn set<'a>(&'a self, _: &'a str, _: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async { Err(StorageError::new("quota exceeded")) })
    }
    fn remove<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async { Err(StorageError::new("storage is disabled")) })
    }
}

#[tokio::test]
async fn failing_storage_is_reported_and_the_session_lives_in_memory() {
    let h = Harness::with(|b| b.token_store(Arc::new(BrokenStore))).await;
    let mut events = h.client.subscribe().await;
    h.sign_up(&email("broken")).await;
    assert!(h.client.customer().get().await.is_ok());
    let seen = drain(&mut events).await;
    assert!(
        seen.iter()
            .any(|e| matches!(e, SessionEvent::StorageUnavailable { .. })),
        "{seen:?}"
    );
    assert!(seen.iter().any(|e| matches!(e, SessionEvent::SignedIn(_))));
}

/// An in-process stand-in for Web Locks: one async mutex per process.
struct ProcessLock(Arc<tokio::sync::Mutex<()>>);

impl storefront_sdk::RefreshLock for ProcessLock {
    fn acquire<'a>(
        &'a self,
        _name: &'a str,
    ) -> BoxFuture<'a, Option<Box<dyn storefront_sdk::LockGuard>>> {
        Box::pin(async move {
            let guard: Box<dyn storefront_sdk::LockGuard> =
                Box::new(self.0.clone().lock_owned().await);
            Some(guard)
        })
    }
}

#[tokio::test]
async fn two_tabs_sharing_a_lock_spend_the_refresh_token_once() {
    let lock = Arc::new(tokio::sync::Mutex::new(()));
    let h = Harness::with(|b| b.refresh_lock(Arc::new(ProcessLock(lock.clone())))).await;
    h.sign_up(&email("tabs")).await;
    let other = Client::builder(h.mock.uri())
        .publishable_key(h.mock.publishable_key())
        .clock(Arc::new(h.clock.clone()))
        .token_store(h.store.clone())
        .refresh_lock(Arc::new(ProcessLock(lock)))
        .build()
        .unwrap();
    assert_eq!(other.storage_key(), h.client.storage_key());
    other.customer().get().await.unwrap();
    h.advance(TTL + Duration::from_secs(1));
    let (here, there) = (h.client.customer(), other.customer());
    let (first, second) = tokio::join!(here.get(), there.get());
    first.unwrap();
    second.unwrap();
    assert_eq!(h.refreshes(), 1, "the second tab adopted the stored pair");
    let here = h.client.current_session().unwrap();
    let there = other.current_session().unwrap();
    assert_eq!(here.refresh_token, there.refresh_token);
}

/// A lock whose first acquisition is immediate and whose later ones wait for
/// the test to let them through, so that a test can act while a refresh waits.
struct HeldLock {
    acquisitions: std::sync::atomic::AtomicUsize,
    waiting: Arc<tokio::sync::Notify>,
    pass: Arc<tokio::sync::Semaphore>,
}

impl storefront_sdk::RefreshLock for HeldLock {
    fn acquire<'a>(
        &'a self,
        _name: &'a str,
    ) -> BoxFuture<'a, Option<Box<dyn storefront_sdk::LockGuard>>> {
        Box::pin(async move {
            if self
                .acquisitions
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                > 0
            {
                self.waiting.notify_one();
                self.pass.acquire().await.unwrap().forget();
            }
            let guard: Box<dyn storefront_sdk::LockGuard> = Box::new(());
            Some(guard)
        })
    }
}

#[tokio::test]
async fn a_refresh_that_waited_while_the_session_was_adopted_spends_nothing() {
    let lock = Arc::new(HeldLock {
        acquisitions: Default::default(),
        waiting: Arc::new(tokio::sync::Notify::new()),
        pass: Arc::new(tokio::sync::Semaphore::new(0)),
    });
    let h = Harness::new().await;
    h.sign_up(&email("waited")).await;
    let tab = |lock: Arc<HeldLock>| {
        Client::builder(h.mock.uri())
            .publishable_key(h.mock.publishable_key())
            .clock(Arc::new(h.clock.clone()))
            .token_store(h.store.clone())
            .refresh_lock(lock)
            .build()
            .unwrap()
    };
    let (first, second) = (tab(lock.clone()), tab(lock.clone()));
    first.customer().get().await.unwrap();
    second.customer().get().await.unwrap();
    h.advance(TTL + Duration::from_secs(1));
    // The first tab refreshes and stores the new pair.
    first.customer().get().await.unwrap();
    // The second tab's refresh waits for the lock ...
    let waiting = tokio::spawn({
        let second = second.clone();
        async move { second.customer().get().await }
    });
    lock.waiting.notified().await;
    // ... while a storage event makes it adopt the first tab's pair.
    second.reload_session().await;
    lock.pass.add_permits(1);
    waiting.await.unwrap().unwrap();
    assert_eq!(h.refreshes(), 1, "the spent token was not sent again");
    assert_eq!(
        first.current_session().unwrap().refresh_token,
        second.current_session().unwrap().refresh_token
    );
}

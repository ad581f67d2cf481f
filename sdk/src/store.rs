//! Where the session is kept between calls and runs (TL-6): the
//! [`TokenStore`] trait and the stores that ship with the SDK.

use std::sync::{Arc, Mutex};

use crate::platform::{BoxFuture, MaybeSend, MaybeSync};

/// A failure of the store itself (not of the data in it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct StorageError {
    /// What went wrong, without the stored value.
    pub message: String,
}

impl StorageError {
    /// A storage error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

/// Async key-value storage for the session record. Implement it to keep
/// sessions in a keychain, a database or browser storage.
pub trait TokenStore: MaybeSend + MaybeSync + 'static {
    /// Reads the value under `key`.
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>>;
    /// Writes `value` under `key`.
    fn set<'a>(&'a self, key: &'a str, value: &'a str) -> BoxFuture<'a, Result<(), StorageError>>;
    /// Deletes `key`.
    fn remove<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StorageError>>;
}

/// The default store: in memory, one per client, nothing persisted.
#[derive(Clone, Default)]
pub struct MemoryStore {
    /// Key-value pairs; a client keeps one or two keys, so a list is enough.
    values: Arc<Mutex<Vec<(String, String)>>>,
}

/// Lists the keys only: the values are session records, with tokens.
impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set()
            .entries(self.values().iter().map(|(key, _)| key))
            .finish()
    }
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn values(&self) -> std::sync::MutexGuard<'_, Vec<(String, String)>> {
        self.values
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl TokenStore for MemoryStore {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
        let value = self
            .values()
            .iter()
            .find(|(stored, _)| stored == key)
            .map(|(_, value)| value.clone());
        Box::pin(async move { Ok(value) })
    }

    fn set<'a>(&'a self, key: &'a str, value: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        let mut values = self.values();
        match values.iter_mut().find(|(stored, _)| stored == key) {
            Some((_, stored)) => *stored = value.to_owned(),
            None => values.push((key.to_owned(), value.to_owned())),
        }
        drop(values);
        Box::pin(async { Ok(()) })
    }

    fn remove<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        self.values().retain(|(stored, _)| stored != key);
        Box::pin(async { Ok(()) })
    }
}

/// Keeps nothing: for servers that pass tokens per call (TL-6.5). The session
/// still lives in the client's memory for the client's lifetime.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoStore;

impl TokenStore for NoStore {
    fn get<'a>(&'a self, _key: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
        Box::pin(async { Ok(None) })
    }

    fn set<'a>(
        &'a self,
        _key: &'a str,
        _value: &'a str,
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async { Ok(()) })
    }

    fn remove<'a>(&'a self, _key: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async { Ok(()) })
    }
}

/// Held while a refresh runs; dropping it releases the lock.
pub trait LockGuard: MaybeSend {}
impl<T: MaybeSend> LockGuard for T {}

/// A lock shared with other tabs or processes that spend the same refresh
/// token (TL-7.2), e.g. Web Locks in browsers. The client holds it around
/// the re-read of the store, the refresh request and the commit. Correctness
/// does not depend on it (TL-7.5): it only saves duplicate requests.
pub trait RefreshLock: MaybeSend + MaybeSync + 'static {
    /// Acquires the lock `name`; `None` when it cannot be had in time or at
    /// all, and the refresh goes ahead without it.
    fn acquire<'a>(&'a self, name: &'a str) -> BoxFuture<'a, Option<Box<dyn LockGuard>>>;
}

#[cfg(not(target_arch = "wasm32"))]
pub use file::FileStore;

#[cfg(not(target_arch = "wasm32"))]
mod file {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use tokio::io::AsyncWriteExt;
    use tokio::sync::Mutex;

    use super::{StorageError, TokenStore};
    use crate::json::{Json, JsonObject};
    use crate::platform::BoxFuture;

    /// A JSON file of key-value pairs for native apps: created with mode 0600,
    /// replaced atomically (write a temporary file, then rename). A file that
    /// does not parse reads as empty and is replaced on the next write.
    #[derive(Debug)]
    pub struct FileStore {
        path: PathBuf,
        write_lock: Mutex<()>,
    }

    impl FileStore {
        /// A store kept in the file at `path` (created on first write).
        pub fn new(path: impl Into<PathBuf>) -> Self {
            Self {
                path: path.into(),
                write_lock: Mutex::new(()),
            }
        }

        /// The file's path.
        pub fn path(&self) -> &Path {
            &self.path
        }

        async fn read_all(&self) -> Result<BTreeMap<String, String>, StorageError> {
            match tokio::fs::read(&self.path).await {
                Ok(bytes) => Ok(string_map(&bytes).unwrap_or_default()),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
                Err(error) => Err(StorageError::new(format!(
                    "reading {}: {error}",
                    self.path.display()
                ))),
            }
        }

        async fn write_all(&self, values: &BTreeMap<String, String>) -> Result<(), StorageError> {
            let failed = |error: std::io::Error| {
                StorageError::new(format!("writing {}: {error}", self.path.display()))
            };
            let bytes = values
                .iter()
                .fold(JsonObject::new(), |object, (key, value)| {
                    object.field(key, value)
                })
                .finish()
                .into_bytes();
            let mut temporary = self.path.clone().into_os_string();
            temporary.push(format!(".{}.tmp", crate::random::uuid_v4().simple()));
            let temporary = PathBuf::from(temporary);
            let mut options = tokio::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            options.mode(0o600);
            let mut file = options.open(&temporary).await.map_err(failed)?;
            let written = async {
                file.write_all(&bytes).await?;
                file.sync_all().await?;
                tokio::fs::rename(&temporary, &self.path).await
            }
            .await;
            if let Err(error) = written {
                let _ = tokio::fs::remove_file(&temporary).await;
                return Err(failed(error));
            }
            Ok(())
        }

        async fn update(
            &self,
            change: impl FnOnce(&mut BTreeMap<String, String>),
        ) -> Result<(), StorageError> {
            let _guard = self.write_lock.lock().await;
            let mut values = self.read_all().await?;
            change(&mut values);
            self.write_all(&values).await
        }
    }

    /// The file's object of strings; `None` for anything else.
    fn string_map(bytes: &[u8]) -> Option<BTreeMap<String, String>> {
        let json = Json::parse(bytes)?;
        json.as_object()?
            .members()
            .iter()
            .map(|(key, value)| match value {
                Json::String(value) => Some((key.clone(), value.clone())),
                _ => None,
            })
            .collect()
    }

    impl TokenStore for FileStore {
        fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
            Box::pin(async move { Ok(self.read_all().await?.remove(key)) })
        }

        fn set<'a>(
            &'a self,
            key: &'a str,
            value: &'a str,
        ) -> BoxFuture<'a, Result<(), StorageError>> {
            Box::pin(self.update(move |values| {
                values.insert(key.to_owned(), value.to_owned());
            }))
        }

        fn remove<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
            Box::pin(self.update(move |values| {
                values.remove(key);
            }))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[tokio::test]
        async fn values_survive_a_new_store_and_the_file_is_private() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("session.json");
            let store = FileStore::new(&path);
            store.set("k", "v").await.unwrap();
            assert_eq!(
                FileStore::new(&path).get("k").await.unwrap().as_deref(),
                Some("v")
            );
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600);
            }
            store.remove("k").await.unwrap();
            assert_eq!(store.get("k").await.unwrap(), None);
            let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
            assert_eq!(leftovers, 1, "no temporary files are left behind");
        }

        #[tokio::test]
        async fn a_corrupt_file_reads_as_empty_and_is_replaced() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("session.json");
            std::fs::write(&path, b"\x00not json").unwrap();
            let store = FileStore::new(&path);
            assert_eq!(store.get("k").await.unwrap(), None);
            store.set("k", "v").await.unwrap();
            assert_eq!(store.get("k").await.unwrap().as_deref(), Some("v"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_debug_lists_keys_but_never_values() {
        let store = MemoryStore::new();
        futures_util::FutureExt::now_or_never(store.set("session", "secret-token"))
            .unwrap()
            .unwrap();
        let printed = format!("{store:?}");
        assert!(printed.contains("session"), "{printed}");
        assert!(!printed.contains("secret-token"), "{printed}");
    }
}

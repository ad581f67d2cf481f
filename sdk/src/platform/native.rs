use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::BoxFuture;
use crate::transport::{ReqwestTransport, Transport};

/// Runs `future` to completion independently of its caller (on the current
/// tokio runtime).
pub(crate) fn spawn(future: BoxFuture<'static, ()>) {
    tokio::spawn(future);
}

pub(crate) fn default_transport() -> Result<Arc<dyn Transport>, crate::Error> {
    Ok(Arc::new(ReqwestTransport::new()?))
}

pub(super) fn monotonic_now() -> Duration {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed()
}

pub(super) fn wall_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub(super) fn sleep(duration: Duration) -> BoxFuture<'static, ()> {
    Box::pin(tokio::time::sleep(duration))
}

/// The JSON tree, built by `serde_json` from its parse events ([`Json::parse`]
/// has bounded the nesting already). A repeated member name keeps its first
/// position and its last value, as `JSON.parse` does.
mod json_tree {
    use std::collections::HashMap;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

    use crate::json::Json;

    struct TreeVisitor;

    impl<'de> Visitor<'de> for TreeVisitor {
        type Value = Json;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }

        fn visit_unit<E>(self) -> Result<Json, E> {
            Ok(Json::Null)
        }

        fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
            Ok(Json::Bool(value))
        }

        fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
            Ok(Json::Number(value as f64))
        }

        fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
            Ok(Json::Number(value as f64))
        }

        fn visit_f64<E>(self, value: f64) -> Result<Json, E> {
            Ok(Json::Number(value))
        }

        fn visit_str<E>(self, text: &str) -> Result<Json, E> {
            Ok(Json::String(text.to_owned()))
        }

        fn visit_string<E>(self, text: String) -> Result<Json, E> {
            Ok(Json::String(text))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Json>()? {
                items.push(item);
            }
            Ok(Json::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
            let mut members: Vec<(String, Json)> = Vec::new();
            let mut positions: HashMap<String, usize> = HashMap::new();
            while let Some((name, value)) = map.next_entry::<String, Json>()? {
                match positions.get(&name) {
                    Some(&position) => members[position].1 = value,
                    None => {
                        positions.insert(name.clone(), members.len());
                        members.push((name, value));
                    }
                }
            }
            Ok(Json::Object(members))
        }
    }

    impl<'de> Deserialize<'de> for Json {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
            deserializer.deserialize_any(TreeVisitor)
        }
    }
}

pub(super) fn parse_json(text: &str) -> Option<crate::json::Json> {
    use serde::Deserialize;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let json = crate::json::Json::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(json)
}

/// A non-integral or out-of-range number as JSON text (shortest round trip).
pub(super) fn format_number(number: f64) -> String {
    serde_json::to_string(&number).unwrap_or_else(|_| "null".into())
}

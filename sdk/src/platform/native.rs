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

/// The JSON tree, built from `miniserde`'s parse events (its parser is
/// iterative; [`Json::parse`] has bounded the nesting already).
mod json_tree {
    use miniserde::de::{Deserialize, Map, Seq, Visitor};
    use miniserde::make_place;

    use crate::json::Json;

    make_place!(Place);

    impl Deserialize for Json {
        fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
            Place::new(out)
        }
    }

    impl Visitor for Place<Json> {
        fn null(&mut self) -> miniserde::Result<()> {
            self.out = Some(Json::Null);
            Ok(())
        }

        fn boolean(&mut self, value: bool) -> miniserde::Result<()> {
            self.out = Some(Json::Bool(value));
            Ok(())
        }

        fn string(&mut self, text: &str) -> miniserde::Result<()> {
            self.out = Some(Json::String(text.to_owned()));
            Ok(())
        }

        fn negative(&mut self, number: i64) -> miniserde::Result<()> {
            self.out = Some(Json::Number(number as f64));
            Ok(())
        }

        fn nonnegative(&mut self, number: u64) -> miniserde::Result<()> {
            self.out = Some(Json::Number(number as f64));
            Ok(())
        }

        fn float(&mut self, number: f64) -> miniserde::Result<()> {
            self.out = Some(Json::Number(number));
            Ok(())
        }

        fn seq(&mut self) -> miniserde::Result<Box<dyn Seq + '_>> {
            Ok(Box::new(ArrayBuilder {
                out: &mut self.out,
                items: Vec::new(),
                item: None,
            }))
        }

        fn map(&mut self) -> miniserde::Result<Box<dyn Map + '_>> {
            Ok(Box::new(ObjectBuilder {
                out: &mut self.out,
                members: Vec::new(),
                name: None,
                value: None,
            }))
        }
    }

    struct ArrayBuilder<'a> {
        out: &'a mut Option<Json>,
        items: Vec<Json>,
        item: Option<Json>,
    }

    impl Seq for ArrayBuilder<'_> {
        fn element(&mut self) -> miniserde::Result<&mut dyn Visitor> {
            self.items.extend(self.item.take());
            Ok(Json::begin(&mut self.item))
        }

        fn finish(&mut self) -> miniserde::Result<()> {
            self.items.extend(self.item.take());
            *self.out = Some(Json::Array(std::mem::take(&mut self.items)));
            Ok(())
        }
    }

    struct ObjectBuilder<'a> {
        out: &'a mut Option<Json>,
        members: Vec<(String, Json)>,
        name: Option<String>,
        value: Option<Json>,
    }

    impl ObjectBuilder<'_> {
        fn take_previous(&mut self) {
            if let (Some(name), Some(value)) = (self.name.take(), self.value.take()) {
                self.members.push((name, value));
            }
        }
    }

    impl Map for ObjectBuilder<'_> {
        fn key(&mut self, name: &str) -> miniserde::Result<&mut dyn Visitor> {
            self.take_previous();
            self.name = Some(name.to_owned());
            Ok(Json::begin(&mut self.value))
        }

        fn finish(&mut self) -> miniserde::Result<()> {
            self.take_previous();
            *self.out = Some(Json::Object(std::mem::take(&mut self.members)));
            Ok(())
        }
    }
}

pub(super) fn parse_json(text: &str) -> Option<crate::json::Json> {
    miniserde::json::from_str(text).ok()
}

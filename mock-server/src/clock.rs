//! The mock clock: wall time plus an adjustable offset, in whole unix seconds;
//! it can be frozen, for tests that check an expiry to the second.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 9999-12-31T23:59:59Z, the last instant an HTTP date can express.
const LAST_HTTP_DATE: i64 = 253_402_300_799;

/// A clock that follows the wall clock but can be moved forward or set by tests.
#[derive(Debug, Default)]
pub(crate) struct MockClock {
    offset_seconds: AtomicI64,
    /// While frozen, `offset_seconds` holds the mock time itself.
    frozen: AtomicBool,
}

fn wall_clock_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl MockClock {
    /// Current mock time, unix seconds.
    pub(crate) fn now(&self) -> i64 {
        let offset = self.offset_seconds.load(Ordering::SeqCst);
        if self.frozen.load(Ordering::SeqCst) {
            offset
        } else {
            wall_clock_seconds().saturating_add(offset)
        }
    }

    /// Stops (`true`) or restarts (`false`) the clock at the current mock time;
    /// `advance` and `set` still move it.
    pub(crate) fn freeze(&self, frozen: bool) {
        let now = self.now();
        if self.frozen.swap(frozen, Ordering::SeqCst) != frozen {
            let offset = if frozen {
                now
            } else {
                now.saturating_sub(wall_clock_seconds())
            };
            self.offset_seconds.store(offset, Ordering::SeqCst);
        }
    }

    /// Moves the clock forward by `by` (whole seconds).
    pub(crate) fn advance(&self, by: Duration) {
        let seconds = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
        self.advance_seconds(seconds);
    }

    /// Moves the clock by a signed number of seconds.
    pub(crate) fn advance_seconds(&self, seconds: i64) {
        self.offset_seconds.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Sets the clock to `unix_seconds`; it keeps ticking from there.
    pub(crate) fn set(&self, unix_seconds: i64) {
        let offset = if self.frozen.load(Ordering::SeqCst) {
            unix_seconds
        } else {
            unix_seconds.saturating_sub(wall_clock_seconds())
        };
        self.offset_seconds.store(offset, Ordering::SeqCst);
    }

    /// Puts the clock back on wall time, ticking.
    pub(crate) fn reset(&self) {
        self.frozen.store(false, Ordering::SeqCst);
        self.offset_seconds.store(0, Ordering::SeqCst);
    }

    /// The mock time as an HTTP date (`Date` header), clamped to the years 1970–9999 that
    /// the format can express.
    pub(crate) fn http_date(&self) -> String {
        httpdate::fmt_http_date(system_time_from_unix(self.now().min(LAST_HTTP_DATE)))
    }
}

/// Converts unix seconds to a `SystemTime` (clamped at the epoch).
pub(crate) fn system_time_from_unix(unix_seconds: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(unix_seconds).unwrap_or(0))
}

/// Formats unix seconds (plus milliseconds) as RFC 3339 UTC, e.g. `2026-07-25T19:41:19Z`.
pub(crate) fn rfc3339(unix_seconds: i64, with_millis: bool) -> String {
    let moment = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let (year, month, day) = (moment.year(), u8::from(moment.month()), moment.day());
    let (hour, minute, second) = (moment.hour(), moment.minute(), moment.second());
    if with_millis {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.000Z")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_moves_only_when_told_and_ticks_again_from_there() {
        let clock = MockClock::default();
        clock.freeze(true);
        clock.set(1_800_000_000);
        assert_eq!(clock.now(), 1_800_000_000);
        clock.advance(Duration::from_secs(59));
        assert_eq!(clock.now(), 1_800_000_059);
        clock.freeze(true);
        assert_eq!(clock.now(), 1_800_000_059, "freezing twice changes nothing");
        clock.freeze(false);
        let now = clock.now();
        assert!((1_800_000_059..1_800_000_069).contains(&now), "{now}");
        clock.reset();
        assert!(clock.now() >= wall_clock_seconds() - 1);
    }

    #[test]
    fn set_and_advance_move_the_clock() {
        let clock = MockClock::default();
        clock.set(1_800_000_000);
        clock.advance(Duration::from_secs(3600));
        let now = clock.now();
        assert!((1_800_003_600..1_800_003_610).contains(&now));
        assert!(clock.http_date().ends_with(" GMT"));
    }

    #[test]
    fn far_future_clocks_still_format() {
        let clock = MockClock::default();
        clock.set(i64::MAX);
        assert_eq!(clock.http_date(), "Fri, 31 Dec 9999 23:59:59 GMT");
        clock.set(-5);
        assert_eq!(clock.http_date(), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn rfc3339_formats_utc() {
        assert_eq!(rfc3339(0, false), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_785_012_062, true), "2026-07-25T20:41:02.000Z");
    }
}

//! Retry policy: which failures retry, full-jitter backoff and `Retry-After`
//! (token-lifecycle.md §9).

use std::time::Duration;

/// How the SDK retries transient failures. Only what is safe to resend is
/// ever retried: reads, deletes and requests with an idempotency key, and
/// any request that never left (TL-9.2).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The statuses that are retried (default 408, 429, 500, 502, 503, 504
    /// and 520–530).
    pub retry_on_status: Vec<u16>,
    /// Whether a request that got no response is retried (default true;
    /// timeouts are retried either way).
    pub retry_on_network_error: bool,
    /// The backoff base: attempt `n` waits up to `base · 2^n`.
    pub base_delay: Duration,
    /// The cap on one backoff delay.
    pub max_delay: Duration,
    /// The longest single `Retry-After` the SDK waits out; a longer one ends
    /// the call with the error at once (`retry_after` set).
    pub max_retry_after: Duration,
    /// The most time one call spends waiting out `Retry-After` over all its
    /// retries (default 10 s); a wait beyond it ends the call at once.
    pub max_total_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            // Written out rather than chained from a range: the wasm package
            // is smaller.
            retry_on_status: vec![
                408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530,
            ],
            retry_on_network_error: true,
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(10),
            max_total_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn disabled() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Whether responses of `status` are retried.
    pub(crate) fn retries_status(&self, status: u16) -> bool {
        self.retry_on_status.contains(&status)
    }

    /// Full-jitter delay before retry number `attempt` (0-based):
    /// `uniform(0, min(max_delay, base · 2^attempt))`.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.min(30)))
            .min(self.max_delay);
        let millis = ceiling.as_millis() as u64;
        Duration::from_millis(crate::random::up_to(millis))
    }
}

/// Parses `Retry-After` as delta-seconds or an HTTP-date (IMF-fixdate,
/// RFC 850 or asctime). A date is measured against the response's `Date`
/// header when present, else against `local_now_ms`. Never negative.
pub(crate) fn parse_retry_after(
    value: &str,
    server_date: Option<&str>,
    local_now_ms: i64,
) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let target_ms = http_date_ms(value)?;
    let now_ms = server_date.and_then(http_date_ms).unwrap_or(local_now_ms);
    Some(Duration::from_millis(
        target_ms.saturating_sub(now_ms).max(0) as u64,
    ))
}

/// An HTTP date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850 or asctime) as Unix
/// milliseconds. Fields are checked as the `httpdate` crate checks them
/// (ranges, the days of the month, the weekday, years 1970–9999), except that
/// runs of whitespace count as one space; a small parser of its own instead of
/// that crate keeps the wasm package small.
pub(crate) fn http_date_ms(value: &str) -> Option<i64> {
    // At most six fields (an array rather than a `Vec`: the wasm package is
    // smaller).
    let mut fields = [""; 6];
    let mut count = 0;
    for field in value.split_ascii_whitespace() {
        *fields.get_mut(count)? = field;
        count += 1;
    }
    let (weekday, day, month, year, time) = match fields[..count] {
        // Sun, 06 Nov 1994 08:49:37 GMT
        [weekday, day, month, year, time, "GMT"] => {
            let weekday = weekday.strip_suffix(',')?;
            (weekday, number(day, 2)?, month, number(year, 4)?, time)
        }
        // Sunday, 06-Nov-94 08:49:37 GMT
        [weekday, date, time, "GMT"] => {
            let weekday = long_weekday(weekday.strip_suffix(',')?)?;
            let mut parts = date.split('-');
            let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() {
                return None;
            }
            let year = number(year, 2)?;
            let year = if year < 70 { year + 2000 } else { year + 1900 };
            (weekday, number(day, 2)?, month, year, time)
        }
        // Sun Nov  6 08:49:37 1994
        [weekday, month, day, time, year] => {
            let day = number(day, day.len().clamp(1, 2))?;
            (weekday, day, month, number(year, 4)?, time)
        }
        _ => return None,
    };
    let month = MONTHS.iter().position(|name| *name == month)? as i64 + 1;
    let mut clock = time.split(':');
    let (hour, minute, second) = (clock.next()?, clock.next()?, clock.next()?);
    let (hour, minute, second) = (number(hour, 2)?, number(minute, 2)?, number(second, 2)?);
    if clock.next().is_some() || hour > 23 || minute > 59 || second > 59 || year < 1970 {
        return None;
    }
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday.
    if WEEKDAYS[(days + 4).rem_euclid(7) as usize] != weekday {
        return None;
    }
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// The short form of an RFC 850 weekday (`Sunday` → `Sun`).
fn long_weekday(name: &str) -> Option<&str> {
    const LONG: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    let index = LONG.iter().position(|long| *long == name)?;
    Some(WEEKDAYS[index])
}

/// Exactly `digits` ASCII digits.
fn number(text: &str, digits: usize) -> Option<i64> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.bytes().fold(0, |n, b| n * 10 + i64::from(b - b'0')))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use std::time::{SystemTime, UNIX_EPOCH};

    use super::*;

    #[test]
    fn the_default_policy_retries_the_documented_statuses() {
        let policy = RetryPolicy::default();
        let retried: Vec<u16> = (100..600)
            .filter(|&status| policy.retries_status(status))
            .collect();
        let mut expected = vec![408, 429, 500, 502, 503, 504];
        expected.extend(520..=530);
        assert_eq!(retried, expected);
    }

    #[test]
    fn http_dates_read_as_the_httpdate_crate_reads_them() {
        // Every day from 1970 to 2110 at a time that moves through the day,
        // formatted by the crate as IMF-fixdate.
        for day in 0..51_500u64 {
            let seconds = day * 86_400 + (day * 7_919) % 86_400;
            let time = UNIX_EPOCH + Duration::from_secs(seconds);
            let text = httpdate::fmt_http_date(time);
            assert_eq!(http_date_ms(&text), Some(seconds as i64 * 1000), "{text}");
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let text = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(now));
        assert_eq!(http_date_ms(&text), Some(now as i64 * 1000));
    }

    #[test]
    fn http_dates_in_all_three_forms_agree_and_invalid_ones_are_rejected() {
        let expected = Some(784_111_777_000);
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "  Sun, 06 Nov 1994 08:49:37 GMT ",
        ] {
            assert_eq!(http_date_ms(text), expected, "{text}");
        }
        assert_eq!(
            http_date_ms("Thu, 29 Feb 2024 00:00:00 GMT"),
            Some(1_709_164_800_000)
        );
        for text in [
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sat, 29 Feb 2025 00:00:00 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37:00 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "Sun, 06 Nov +994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94-77 08:49:37 GMT",
            "Sunday, 6-Nov-94 08:49:37 GMT",
            "Sun, 06 Nov 1994 ０8:49:37 GMT",
            "",
            "soon",
        ] {
            assert_eq!(http_date_ms(text), None, "{text}");
            assert_eq!(
                httpdate::parse_http_date(text).ok(),
                None,
                "the crate accepts {text}"
            );
        }
    }

    const DATE: &str = "Sun, 22 Nov 2026 10:00:00 GMT";

    #[test]
    fn retry_after_accepts_seconds_and_all_three_date_forms() {
        assert_eq!(
            parse_retry_after("7", None, 0),
            Some(Duration::from_secs(7))
        );
        for later in [
            "Sun, 22 Nov 2026 10:00:05 GMT",
            "Sunday, 22-Nov-26 10:00:05 GMT",
            "Sun Nov 22 10:00:05 2026",
        ] {
            assert_eq!(
                parse_retry_after(later, Some(DATE), 0),
                Some(Duration::from_secs(5)),
                "{later}"
            );
        }
    }

    #[test]
    fn retry_after_in_the_past_is_zero_and_garbage_is_ignored() {
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 09:00:00 GMT", Some(DATE), 0),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", None, 0), None);
        assert_eq!(parse_retry_after("-3", None, 0), None);
    }

    #[test]
    fn retry_after_date_without_server_date_uses_the_local_clock() {
        let local = http_date_ms(DATE).unwrap();
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 10:00:02 GMT", None, local),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn backoff_stays_within_the_full_jitter_ceiling() {
        let policy = RetryPolicy::default();
        for attempt in 0..10 {
            let ceiling = (Duration::from_millis(300) * 2u32.pow(attempt)).min(policy.max_delay);
            assert!(policy.backoff(attempt) <= ceiling);
        }
    }
}

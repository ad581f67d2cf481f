//! Helpers every backend module uses: input checks, path segments and
//! decoding a response body into a typed value.

use crate::error::{ApiError, Error, body_snippet};
use crate::json::Json;
use crate::transport::HttpResponse;

/// `Err(InvalidInput)` when `value` is blank.
pub(crate) fn require_non_empty(value: &str, what: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(format!("{what} must not be empty")));
    }
    Ok(())
}

/// A whole number in decimal digits (an optional `+`, no `-`), as `T`
/// (`u64`'s parser for every integer type: one parser in the wasm package
/// instead of one per type).
pub(crate) fn parse_whole<T: TryFrom<u64>>(text: &str) -> Option<T> {
    T::try_from(text.parse::<u64>().ok()?).ok()
}

/// `value` as one path segment: every byte but RFC 3986's unreserved
/// characters percent-encoded (upper-case hex, as RFC 3986 recommends).
pub(crate) fn segment(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    encoded
}

/// The error of a response that is not the shape the API documents.
pub(crate) fn decode_error(response: &HttpResponse, message: &str) -> Error {
    Error::Decode {
        status: response.status,
        content_type: response.header("content-type").map(str::to_owned),
        body_snippet: body_snippet(&response.body),
        message: message.into(),
    }
}

/// The error of a response whose body is not the backend's error format (a
/// proxy's HTML page, an empty body): 5xx is a transient server error, 429 a
/// rate limit, anything else a body that could not be decoded.
pub(crate) fn unrecognised_error(response: &HttpResponse, expected: &str) -> Error {
    match response.status {
        500.. => Error::Server {
            status: response.status,
            retry_after: None,
            api: None,
            body_snippet: body_snippet(&response.body),
        },
        429 => Error::RateLimited {
            retry_after: None,
            api: None,
        },
        _ => decode_error(response, expected),
    }
}

/// The error of a response the backend described in `api`: 5xx is a server
/// error and 429 a rate limit whatever the body says; the rest is `kind`.
pub(crate) fn api_error(
    response: &HttpResponse,
    api: ApiError,
    kind: impl FnOnce(Box<ApiError>) -> Error,
) -> Error {
    let api = Box::new(api.with_request_id(response.header("x-request-id").map(str::to_owned)));
    match response.status {
        500.. => Error::Server {
            status: response.status,
            retry_after: None,
            api: Some(api),
            body_snippet: body_snippet(&response.body),
        },
        429 => Error::RateLimited {
            retry_after: None,
            api: Some(api),
        },
        _ => kind(api),
    }
}

/// The response body read with `read`; a `Decode` error when it is not JSON
/// or not the shape `read` expects.
pub(crate) fn decode<T>(response: &HttpResponse, read: fn(&Json) -> Option<T>) -> Result<T, Error> {
    Json::parse(&response.body)
        .as_ref()
        .and_then(read)
        .ok_or_else(|| decode_error(response, "not the JSON shape the API documents"))
}

/// Where `needle` (not empty) first occurs in `text`, in bytes. A plain
/// search: `str`'s own with a `&str` pattern (`contains`, `find`,
/// `split_once`) brings its two-way searcher and the slicing panic's
/// formatting into the wasm package (2 KB gz).
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes()
        .windows(needle.len().max(1))
        .position(|window| window == needle.as_bytes())
}

/// Whether `text` contains `needle` (not empty); see [`find`].
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// `text` before and after the first `needle` (not empty); see [`find`].
pub(crate) fn split_once<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(text, needle)?;
    Some((text.get(..at)?, text.get(at + needle.len()..)?))
}

/// `text` cut after each `needle` (not empty), as `str::split_inclusive`
/// cuts it; see [`find`].
pub(crate) fn split_inclusive<'a>(
    mut text: &'a str,
    needle: &'a str,
) -> impl Iterator<Item = &'a str> {
    std::iter::from_fn(move || {
        if text.is_empty() {
            return None;
        }
        let end = find(text, needle).map_or(text.len(), |at| at + needle.len());
        let piece = text.get(..end)?;
        text = text.get(end..)?;
        Some(piece)
    })
}

/// `parts` joined by `separator`, as `[S]::join` joins them, from a plain
/// loop: std's join is 1 KB of wasm for each type of part.
pub(crate) fn join<S: AsRef<str>>(parts: &[S], separator: &str) -> String {
    let mut joined = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            joined.push_str(separator);
        }
        joined.push_str(part.as_ref());
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_parse_as_each_type_parses_its_unsigned_values() {
        // A minus sign is refused, even in "-0".
        let unsigned = |text: &str| !text.starts_with('-');
        for text in [
            "0",
            "7",
            "+7",
            "-7",
            "-0",
            "007",
            "",
            " 7",
            "7 ",
            "1e3",
            "2147483647",
            "2147483648",
            "4294967296",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551616",
        ] {
            let non_negative_i32 = text.parse::<i32>().ok().filter(|_| unsigned(text));
            let non_negative_i64 = text.parse::<i64>().ok().filter(|_| unsigned(text));
            assert_eq!(parse_whole::<i32>(text), non_negative_i32, "{text:?}");
            assert_eq!(parse_whole::<i64>(text), non_negative_i64, "{text:?}");
            assert_eq!(
                parse_whole::<usize>(text),
                text.parse::<usize>().ok(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn segments_encode_everything_but_unreserved_characters() {
        assert_eq!(segment("ab=c/d+e--f"), "ab%3Dc%2Fd%2Be--f");
        assert_eq!(segment("a b/é~_.-Z9"), "a%20b%2F%C3%A9~_.-Z9");
    }

    #[test]
    fn the_plain_join_agrees_with_str() {
        for parts in [&[][..], &["a"], &["a", ""], &["", "b", "c"]] {
            assert_eq!(join(parts, "; "), parts.join("; "));
            let owned: Vec<String> = parts.iter().map(|part| part.to_string()).collect();
            assert_eq!(join(&owned, "\n"), owned.join("\n"));
        }
    }

    #[test]
    fn the_plain_search_agrees_with_str() {
        let texts = [
            "",
            ".",
            ". ",
            "The email field is required. The password field is required. ",
            "The email field is required.  Then. ",
            "wait 5 minutes",
            "é. ü. ß",
            "no match here",
        ];
        for text in texts {
            for needle in [". ", "wait ", " field ", "é", "x"] {
                assert_eq!(find(text, needle), text.find(needle), "{text} / {needle}");
                assert_eq!(contains(text, needle), text.contains(needle));
                assert_eq!(split_once(text, needle), text.split_once(needle));
                assert_eq!(
                    split_inclusive(text, needle).collect::<Vec<_>>(),
                    text.split_inclusive(needle).collect::<Vec<_>>(),
                    "{text} / {needle}"
                );
            }
        }
    }
}

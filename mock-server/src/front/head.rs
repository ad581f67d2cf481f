//! Request heads: parsed with `httparse` (hyper's own parser), judged by hyper 1.x's rules for
//! framing and keep-alive, and re-written for wiremock only when they must be.

use crate::rejection::{MARKER, Rejection};

/// Most header fields in a head, as hyper's default; more gets 431.
pub(crate) const MAX_HEADERS: usize = 100;

/// How a request body is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// No body.
    None,
    /// `Content-Length` bytes.
    Length(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked,
}

/// The request target's origin form (path and query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// The target is already in origin form.
    Verbatim,
    /// An absolute URI: its path and query.
    Rewritten(String),
}

/// What the layer needs to know about a complete request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    /// Length of the head in bytes, the empty line included.
    pub(crate) len: usize,
    /// A `HEAD` request (its answer has no body).
    pub(crate) is_head: bool,
    /// The body's framing (meaningless when `refusal` is set by the framing).
    pub(crate) framing: Framing,
    /// Whether the connection may serve another request after this one (hyper's rule: HTTP/1.1
    /// unless `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`; never after a
    /// request with both `Transfer-Encoding` and `Content-Length`).
    pub(crate) keep_alive: bool,
    /// `Expect: 100-continue`.
    pub(crate) expect_continue: bool,
    /// The request's target, unless it is refused.
    pub(crate) target: Target,
    /// Why the request is refused from its head alone, if it is.
    pub(crate) refusal: Option<Rejection>,
    /// Whether the head can be sent to wiremock byte for byte: origin-form target, no field
    /// the layer handles itself (`Transfer-Encoding`, `Expect`, the rejection marker).
    pub(crate) verbatim: bool,
}

/// Why no head could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadError {
    /// More bytes are needed.
    Partial,
    /// More than [`MAX_HEADERS`] fields (431).
    TooManyFields,
    /// Not an HTTP/1.x request head (400).
    Invalid,
}

/// Whether a complete head may be in `buffer`: an empty line ends it, and `httparse` accepts
/// a bare LF as well as CRLF. Only the bytes from `from` on are new.
pub(crate) fn may_be_complete(buffer: &[u8], from: usize) -> bool {
    let start = from.saturating_sub(3);
    buffer[start..]
        .windows(2)
        .any(|pair| pair == b"\n\n" || pair == b"\n\r")
}

/// Parses the head at the start of `buffer`.
pub(crate) fn parse(buffer: &[u8]) -> Result<Head, HeadError> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut fields);
    let len = match request.parse(buffer) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Err(HeadError::Partial),
        Err(httparse::Error::TooManyHeaders) => return Err(HeadError::TooManyFields),
        Err(_) => return Err(HeadError::Invalid),
    };
    let (Some(method), Some(path), Some(version)) = (request.method, request.path, request.version)
    else {
        return Err(HeadError::Invalid);
    };
    let http11 = version == 1;
    let mut head = Head {
        len,
        is_head: method == "HEAD",
        framing: Framing::None,
        keep_alive: http11,
        expect_continue: false,
        target: Target::Verbatim,
        refusal: None,
        verbatim: true,
    };
    let mut has_host = false;
    let mut content_length = None;
    let mut saw_content_length = false;
    let mut transfer_encoding = false;
    let mut chunked = false;
    let mut saw_close = false;
    for field in request.headers.iter() {
        let name = field.name;
        if name.eq_ignore_ascii_case("host") {
            has_host = true;
        } else if name.eq_ignore_ascii_case("content-length") {
            saw_content_length = true;
            if transfer_encoding {
                continue;
            }
            let Some(length) = content_length_value(field.value) else {
                head.refusal.get_or_insert(Rejection::MalformedBody);
                continue;
            };
            match content_length {
                Some(previous) if previous != length => {
                    head.refusal.get_or_insert(Rejection::MalformedBody);
                }
                _ => content_length = Some(length),
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            head.verbatim = false;
            if !http11 {
                head.refusal.get_or_insert(Rejection::MalformedBody);
            }
            transfer_encoding = true;
            content_length = None;
            chunked = last_token_is(field.value, b"chunked");
        } else if name.eq_ignore_ascii_case("connection") {
            if saw_close || has_token(field.value, b"close") {
                saw_close = true;
                head.keep_alive = false;
            } else if !head.keep_alive {
                head.keep_alive = has_token(field.value, b"keep-alive");
            }
        } else if name.eq_ignore_ascii_case("expect") {
            head.verbatim = false;
            head.expect_continue = field.value.eq_ignore_ascii_case(b"100-continue");
        } else if name.eq_ignore_ascii_case(MARKER) {
            head.verbatim = false;
        }
    }
    if transfer_encoding && !chunked {
        head.refusal.get_or_insert(Rejection::MalformedBody);
    }
    if transfer_encoding && saw_content_length {
        head.keep_alive = false;
    }
    if head.refusal.is_some() {
        // broken framing: where this request ends is unknown
        head.keep_alive = false;
    }
    head.framing = match (chunked, content_length) {
        (true, _) => Framing::Chunked,
        (false, Some(0) | None) => Framing::None,
        (false, Some(length)) => Framing::Length(length),
    };
    match target(path) {
        Some(target) => {
            if target != Target::Verbatim {
                head.verbatim = false;
            }
            head.target = target;
        }
        None => {
            head.refusal = Some(Rejection::BadTarget);
        }
    }
    if http11 && !has_host && head.refusal.is_none() {
        head.refusal = Some(Rejection::MissingHost);
    }
    Ok(head)
}

/// The origin form of a request target, or `None` for one that has no path (authority form,
/// `*`) or that `http::Uri` (hence wiremock's hyper) would not take.
fn target(path: &str) -> Option<Target> {
    if path.starts_with('/') {
        return valid_origin_form(path).then_some(Target::Verbatim);
    }
    let uri = path.parse::<http::Uri>().ok()?;
    uri.scheme()?;
    uri.authority()?;
    let origin = uri.path_and_query().map_or("/", |origin| origin.as_str());
    Some(Target::Rewritten(if origin.starts_with('/') {
        origin.to_owned()
    } else {
        format!("/{origin}")
    }))
}

fn valid_origin_form(path: &str) -> bool {
    http::uri::PathAndQuery::try_from(path).is_ok()
}

/// A `Content-Length` value as hyper's server reads it: decimal digits only (`httparse` has
/// already trimmed the surrounding whitespace), below `u64::MAX`.
fn content_length_value(value: &[u8]) -> Option<u64> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(value)
        .ok()?
        .parse::<u64>()
        .ok()
        .filter(|&length| length < u64::MAX)
}

fn tokens(value: &[u8]) -> impl Iterator<Item = &[u8]> {
    value.split(|&byte| byte == b',').map(<[u8]>::trim_ascii)
}

fn has_token(value: &[u8], token: &[u8]) -> bool {
    tokens(value).any(|part| part.eq_ignore_ascii_case(token))
}

fn last_token_is(value: &[u8], token: &[u8]) -> bool {
    tokens(value)
        .last()
        .is_some_and(|part| part.eq_ignore_ascii_case(token))
}

/// Writes the head at the start of `buffer` for wiremock into `out`: the request line with
/// `target`'s origin form, and every field but `Transfer-Encoding`, `Content-Length`, `Expect`
/// and the rejection marker (the caller adds the framing and the empty line).
pub(crate) fn rewrite(buffer: &[u8], head: &Head, out: &mut Vec<u8>) {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut fields);
    if !matches!(request.parse(buffer), Ok(httparse::Status::Complete(_))) {
        return;
    }
    let method = request.method.unwrap_or("GET");
    let version = if request.version == Some(0) {
        "1.0"
    } else {
        "1.1"
    };
    out.extend_from_slice(method.as_bytes());
    out.push(b' ');
    match (head.refusal, &head.target) {
        (Some(Rejection::BadTarget), _) => out.push(b'/'),
        (_, Target::Verbatim) => out.extend_from_slice(request.path.unwrap_or("/").as_bytes()),
        (_, Target::Rewritten(origin)) => out.extend_from_slice(origin.as_bytes()),
    }
    out.extend_from_slice(b" HTTP/");
    out.extend_from_slice(version.as_bytes());
    out.extend_from_slice(b"\r\n");
    for field in request.headers.iter() {
        let name = field.name;
        if name.eq_ignore_ascii_case("transfer-encoding")
            || name.eq_ignore_ascii_case("content-length")
            || name.eq_ignore_ascii_case("expect")
            || name.eq_ignore_ascii_case(MARKER)
        {
            continue;
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(field.value);
        out.extend_from_slice(b"\r\n");
    }
}

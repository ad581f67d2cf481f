//! Bagisto's error answers (spec §1.2, §1.3, §9.8): the storefront-key middleware's bodies, the
//! problem JSON of the package's exceptions (exactly `type`, `title`, `status`, `detail`), and
//! the storefront's HTML pages for requests no route serves.

use crate::http::{ApiResponse, ResponseOrigin};
use serde::Serialize;

/// Content type of Laravel's `response()->json(...)`, which renders every error body.
const LARAVEL_JSON: &str = "application/json";
/// Content type of the storefront's error pages.
const HTML: &str = "text/html; charset=UTF-8";

/// The header the storefront key travels in.
pub(crate) const STOREFRONT_KEY_HEADER: &str = "X-STOREFRONT-KEY";

/// A body rendered by Laravel's `response()->json`.
fn laravel_json<T: Serialize>(status: u16, body: &T, origin: ResponseOrigin) -> ApiResponse {
    let mut response =
        ApiResponse::json(status, serde_json::to_vec(body).unwrap_or_default(), origin);
    response.content_type = Some(LARAVEL_JSON.to_owned());
    response
}

#[derive(Serialize)]
struct MissingKey {
    message: String,
    error: &'static str,
    header_name: &'static str,
    key_type: &'static str,
}

#[derive(Serialize)]
struct InvalidKey {
    message: &'static str,
    error: &'static str,
}

#[derive(Serialize)]
struct RateLimited {
    message: &'static str,
    error: &'static str,
    retry_after: i64,
}

/// 401 `missing_key`: no storefront key.
pub(crate) fn missing_key() -> ApiResponse {
    let body = MissingKey {
        message: format!("{STOREFRONT_KEY_HEADER} header is required"),
        error: "missing_key",
        header_name: STOREFRONT_KEY_HEADER,
        key_type: "shop",
    };
    laravel_json(401, &body, ResponseOrigin::Filter)
}

/// 403 `invalid_key`: a key that is unknown or inactive.
pub(crate) fn invalid_key() -> ApiResponse {
    let body = InvalidKey {
        message: "Invalid or inactive shop API key",
        error: "invalid_key",
    };
    laravel_json(403, &body, ResponseOrigin::Filter)
}

/// 429 `rate_limit_exceeded`: the window resets in `retry_after` seconds, said in the body
/// only (no `Retry-After` header).
pub(crate) fn rate_limit_exceeded(retry_after: i64) -> ApiResponse {
    let body = RateLimited {
        message: "Rate limit exceeded",
        error: "rate_limit_exceeded",
        retry_after,
    };
    laravel_json(429, &body, ResponseOrigin::Filter)
}

/// An exception of the package rendered as problem JSON by its exception handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    status: u16,
    title: &'static str,
    detail: String,
}

#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: &'a str,
}

impl Problem {
    /// `InvalidInputException`: 400 `Bad Request`.
    pub(crate) fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(400, "Bad Request", detail)
    }

    /// `AuthenticationException`: 401 `Unauthorized`.
    pub(crate) fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(401, "Unauthorized", detail)
    }

    /// `AuthorizationException`: 403 `Forbidden`.
    pub(crate) fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(403, "Forbidden", detail)
    }

    /// A body API Platform cannot read: a media type it does not support (415).
    pub(crate) fn unsupported_media_type(detail: impl Into<String>) -> Self {
        Self::new(415, "Unsupported Media Type", detail)
    }

    /// A value of the wrong JSON type (422).
    pub(crate) fn unprocessable(detail: impl Into<String>) -> Self {
        Self::new(422, "Unprocessable Entity", detail)
    }

    /// The 500 older installs answer to a profile read without a token (an option).
    pub(crate) fn server_error(detail: impl Into<String>) -> Self {
        Self::new(500, "Internal Server Error", detail)
    }

    fn new(status: u16, title: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            title,
            detail: detail.into(),
        }
    }

    /// The HTTP response: `{"type":"/errors/<status>","title","status","detail"}`.
    pub(crate) fn response(&self) -> ApiResponse {
        let body = ProblemBody {
            kind: format!("/errors/{}", self.status),
            title: self.title,
            status: self.status,
            detail: &self.detail,
        };
        laravel_json(self.status, &body, ResponseOrigin::Action)
    }
}

/// The storefront's error page with `status`, `title` and a line of text.
fn html_page(status: u16, title: &str, text: &str, origin: ResponseOrigin) -> ApiResponse {
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n<h1>{status}</h1>\n<h2>{title}</h2>\n<p>{text}</p>\n</body>\n</html>\n"
    );
    let mut response = ApiResponse::empty(status, origin);
    response.body = body.into_bytes();
    response.content_type = Some(HTML.to_owned());
    response
}

/// 404: no route serves the method and path (a wrong base path such as `/api/customers`
/// included), answered with the storefront's HTML page as spec §9.8 describes.
pub(crate) fn not_found_page() -> ApiResponse {
    html_page(
        404,
        "Page not found",
        "The page you are looking for does not exist or has been moved.",
        ResponseOrigin::Filter,
    )
}

/// 413: a body over the size limit, refused by the outermost layer before Laravel runs.
pub(crate) fn too_large_page() -> ApiResponse {
    html_page(
        413,
        "Content Too Large",
        "The request body is too large.",
        ResponseOrigin::Middleware,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(response: &ApiResponse) -> &str {
        std::str::from_utf8(&response.body).unwrap_or_default()
    }

    #[test]
    fn middleware_bodies_are_the_specs() {
        let missing = missing_key();
        assert_eq!(missing.status, 401);
        assert_eq!(missing.content_type.as_deref(), Some("application/json"));
        assert_eq!(
            text(&missing),
            r#"{"message":"X-STOREFRONT-KEY header is required","error":"missing_key","header_name":"X-STOREFRONT-KEY","key_type":"shop"}"#
        );
        let invalid = invalid_key();
        assert_eq!(
            (invalid.status, text(&invalid)),
            (
                403,
                r#"{"message":"Invalid or inactive shop API key","error":"invalid_key"}"#
            )
        );
        let limited = rate_limit_exceeded(1742);
        assert_eq!(
            (limited.status, text(&limited)),
            (
                429,
                r#"{"message":"Rate limit exceeded","error":"rate_limit_exceeded","retry_after":1742}"#
            )
        );
        assert!(limited.headers.is_empty(), "no Retry-After header");
    }

    #[test]
    fn problems_have_exactly_four_keys() {
        let problem = Problem::bad_request("The email has already been taken.").response();
        assert_eq!(
            (problem.status, text(&problem)),
            (
                400,
                r#"{"type":"/errors/400","title":"Bad Request","status":400,"detail":"The email has already been taken."}"#
            )
        );
        assert_eq!(problem.origin, ResponseOrigin::Action);
        let unprocessable = Problem::unprocessable("x").response();
        assert_eq!(
            text(&unprocessable),
            r#"{"type":"/errors/422","title":"Unprocessable Entity","status":422,"detail":"x"}"#
        );
    }

    #[test]
    fn unknown_routes_get_an_html_page() {
        let page = not_found_page();
        assert_eq!(page.status, 404);
        assert_eq!(
            page.content_type.as_deref(),
            Some("text/html; charset=UTF-8")
        );
        assert!(text(&page).starts_with("<!DOCTYPE html>"));
        assert_eq!(too_large_page().status, 413);
    }
}

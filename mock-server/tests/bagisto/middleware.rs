//! The storefront-key middleware (spec §1.2): its three bodies, the rate limit off by default
//! and in both windows, CORS, and the storefront's 404 page for paths no route serves.

use crate::fixture::{KEY, PASSWORD, Shop};
use serde_json::json;
use storefront_mock::{BagistoOptions, MockBackend, MockOptions, RateLimitWindow};

const MISSING: &str = r#"{"message":"X-STOREFRONT-KEY header is required","error":"missing_key","header_name":"X-STOREFRONT-KEY","key_type":"shop"}"#;
const INVALID: &str = r#"{"message":"Invalid or inactive shop API key","error":"invalid_key"}"#;
/// 1_800_000_000 is the start of a clock hour.
const HOUR_START: i64 = 1_800_000_000;

#[tokio::test]
async fn every_shop_request_needs_the_key() {
    let shop = Shop::new().await;
    for (method, path) in [
        ("POST", "/customers"),
        ("POST", "/customer/login"),
        ("GET", "/customer-profile"),
        ("GET", "/customer-addresses"),
        ("DELETE", "/customer-addresses/1"),
        ("GET", "/no-such-route"),
    ] {
        for headers in [
            vec![],
            vec![("X-STOREFRONT-KEY", "")],
            vec![("X-STOREFRONT-KEY", "0")],
        ] {
            let r = shop.raw(method, path, &headers, None).await;
            assert_eq!(
                (r.status, r.text()),
                (401, MISSING.to_owned()),
                "{method} {path}"
            );
            assert_eq!(
                r.header("content-type").as_deref(),
                Some("application/json")
            );
        }
        let r = shop
            .raw(method, path, &[("x-storefront-key", "pk_wrong")], None)
            .await;
        assert_eq!(
            (r.status, r.text()),
            (403, INVALID.to_owned()),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn an_inactive_key_is_refused_even_when_active() {
    let shop = Shop::start(MockOptions {
        inactive_publishable_keys: vec![KEY.into()],
        ..MockOptions::for_backend(MockBackend::Bagisto)
    })
    .await;
    let r = shop.call("POST", "/customers", None, Some(json!({}))).await;
    assert_eq!((r.status, r.text()), (403, INVALID.to_owned()));
}

#[tokio::test]
async fn documentation_gets_skip_the_key_and_other_paths_get_the_storefront_404() {
    let shop = Shop::new().await;
    for path in ["", "/docs"] {
        let r = shop.raw("GET", path, &[], None).await;
        assert_eq!(r.status, 404, "{path}: no key needed, nothing served");
    }
    let origin = shop.mock.uri();
    for (method, url) in [
        ("POST", format!("{origin}/api/customers")),
        ("POST", format!("{origin}/api/v1/customer/login")),
        ("GET", format!("{origin}/")),
    ] {
        let r = shop
            .raw(
                method,
                &url,
                &[("X-STOREFRONT-KEY", KEY), ("Accept", "application/json")],
                None,
            )
            .await;
        assert_eq!(r.status, 404, "{url}");
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("text/html; charset=UTF-8")
        );
        assert!(r.text().starts_with("<!DOCTYPE html>"), "{}", r.text());
    }
    for (method, path) in [
        ("GET", "/customers"),
        ("PATCH", "/customer-addresses/1"),
        ("POST", "/reset-password"),
    ] {
        let r = shop.call(method, path, None, None).await;
        assert_eq!(r.status, 404, "{method} {path}");
        assert!(r.text().contains("Page not found"));
    }
}

#[tokio::test]
async fn the_rate_limit_is_off_by_default() {
    let shop = Shop::new().await;
    for _ in 0..5 {
        let r = shop.call("GET", "/customer-profile", None, None).await;
        assert_eq!(r.status, 401);
        assert!(r.header("x-ratelimit-limit").is_none());
    }
}

#[tokio::test]
async fn the_hourly_window_counts_every_admitted_request_and_answers_in_the_body() {
    let shop = Shop::with(BagistoOptions {
        rate_limit: Some(3),
        ..BagistoOptions::default()
    })
    .await;
    shop.mock.set_clock(HOUR_START + 1_000);
    let first = shop.register("limited@example.com").await;
    assert!(first["token"].is_string());
    let r = shop.login("limited@example.com", PASSWORD).await;
    assert_eq!(r.status, 201);
    assert_eq!(
        r.header("x-ratelimit-limit").as_deref(),
        Some("100"),
        "the config default, not the budget"
    );
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("1"));
    assert_eq!(
        r.header("x-ratelimit-reset").as_deref(),
        Some("2600"),
        "seconds, not an epoch"
    );
    let wrong = shop
        .raw(
            "GET",
            "/customer-profile",
            &[("X-STOREFRONT-KEY", "pk_wrong")],
            None,
        )
        .await;
    assert_eq!(wrong.status, 403, "refused keys do not count");
    let soft = shop.login("limited@example.com", "Wrong-Pass-1").await;
    assert_eq!(
        (soft.status, soft.header("x-ratelimit-remaining")),
        (201, Some("0".into()))
    );
    shop.mock.advance_clock(std::time::Duration::from_secs(858));
    let r = shop.login("limited@example.com", PASSWORD).await;
    assert_eq!(r.status, 429);
    assert_eq!(
        r.text(),
        r#"{"message":"Rate limit exceeded","error":"rate_limit_exceeded","retry_after":1742}"#
    );
    assert!(r.header("retry-after").is_none(), "no Retry-After header");
    assert!(r.header("x-ratelimit-limit").is_none());
    shop.mock
        .advance_clock(std::time::Duration::from_secs(1_742));
    let r = shop.login("limited@example.com", PASSWORD).await;
    assert_eq!(
        (r.status, r.header("x-ratelimit-reset")),
        (201, Some("3600".into()))
    );
}

#[tokio::test]
async fn the_minute_window_of_the_docs_is_an_option() {
    let shop = Shop::with(BagistoOptions {
        rate_limit: Some(2),
        rate_limit_window: RateLimitWindow::Minute,
        ..BagistoOptions::default()
    })
    .await;
    let first = shop.call("GET", "/customer-profile", None, None).await;
    assert_eq!(first.header("x-ratelimit-remaining").as_deref(), Some("2"));
    assert_eq!(first.header("x-ratelimit-reset").as_deref(), Some("60"));
    shop.mock.advance_clock(std::time::Duration::from_secs(20));
    let second = shop.call("GET", "/customer-profile", None, None).await;
    assert_eq!(second.header("x-ratelimit-reset").as_deref(), Some("40"));
    let third = shop.call("GET", "/customer-profile", None, None).await;
    assert_eq!(third.status, 429);
    assert_eq!(third.json()["retry_after"], 40);
    shop.mock.advance_clock(std::time::Duration::from_secs(40));
    assert_eq!(
        shop.call("GET", "/customer-profile", None, None)
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn cors_allows_the_storefront_headers_and_exposes_the_rate_limit() {
    let shop = Shop::new().await;
    let r = shop
        .raw(
            "OPTIONS",
            "/customer/login",
            &[
                ("Origin", "https://shop.example"),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "x-storefront-key, content-type, x-locale",
                ),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-headers").as_deref(),
        Some("authorization, content-type, x-storefront-key, x-locale, x-currency, x-channel")
    );
    let r = shop
        .call("POST", "/customer/login", None, Some(json!({})))
        .await;
    assert_eq!(
        r.header("access-control-expose-headers").as_deref(),
        Some("X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset")
    );
}

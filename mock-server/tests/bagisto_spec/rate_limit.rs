//! The storefront key's rate limit (spec §1.2; options `rate_limit`, `rate_limit_window`): off by
//! default; when on, a clock-hour window on the mock clock and a 429 that carries `retry_after` in
//! its body and no `Retry-After` header.
use crate::support::*;

use serde_json::json;

/// A whole hour (and minute) on the unix clock.
const HOUR_START: i64 = 1_800_000_000; // = 500_000 × 3600

/// A cheap keyed request: a failed login is a 201 soft failure.
async fn hit(bag: &Bag) -> Resp {
    bag.login("nobody@example.com", PASSWORD).await
}

#[track_caller]
fn assert_429(r: &Resp, retry_after: i64) {
    r.assert_json(
        429,
        json!({"message": "Rate limit exceeded", "error": "rate_limit_exceeded", "retry_after": retry_after}),
    );
    assert_key_order(r, &["message", "error", "retry_after"]);
    assert_eq!(r.header("retry-after"), None, "no Retry-After header");
}

#[tokio::test]
async fn no_rate_limit_by_default() {
    let bag = Bag::new().await;
    for i in 0..150 {
        let r = hit(&bag).await;
        assert_eq!(r.status, 201, "request {i}: {}", r.text());
    }
}

#[tokio::test]
async fn the_limit_answers_429_with_retry_after_in_the_body_until_the_hour_ends() {
    let bag = Bag::configured(json!({"rate_limit": 3})).await;
    bag.set_clock(HOUR_START + 600).await;
    for _ in 0..3 {
        hit(&bag).await.assert_status(201);
    }
    assert_429(&hit(&bag).await, 3000);
    // any route of the key counts, and every one is refused
    let r = bag.call("GET", "/customer-profile", None, None).await;
    assert_429(&r, 3000);
    bag.advance(2999);
    assert_429(&hit(&bag).await, 1);
    bag.advance(1);
    hit(&bag).await.assert_status(201);
}

#[tokio::test]
async fn the_window_is_the_clock_hour_not_an_hour_from_the_first_request() {
    let bag = Bag::configured(json!({"rate_limit": 2})).await;
    bag.set_clock(HOUR_START + 3590).await;
    hit(&bag).await.assert_status(201);
    hit(&bag).await.assert_status(201);
    assert_429(&hit(&bag).await, 10);
    bag.advance(10);
    hit(&bag).await.assert_status(201);
    hit(&bag).await.assert_status(201);
    assert_429(&hit(&bag).await, 3600);
}

#[tokio::test]
async fn the_per_minute_window_is_an_option() {
    // where a minute starts is not specified (the clock minute, or Laravel's decay from the
    // first hit): retry_after is at most a minute, and it is the truth
    let bag = Bag::configured(json!({"rate_limit": 2, "rate_limit_window": "minute"})).await;
    bag.set_clock(HOUR_START + 15).await;
    hit(&bag).await.assert_status(201);
    hit(&bag).await.assert_status(201);
    let r = hit(&bag).await;
    r.assert_status(429);
    let wait = r.json()["retry_after"]
        .as_i64()
        .expect("integer retry_after");
    assert!((1..=60).contains(&wait), "within a minute: {wait}");
    assert_429(&r, wait);
    bag.advance(wait as u64 - 1);
    assert_429(&hit(&bag).await, 1);
    bag.advance(1);
    hit(&bag).await.assert_status(201);
}

#[tokio::test]
async fn key_errors_come_before_the_limit() {
    let bag = Bag::configured(json!({"rate_limit": 1})).await;
    bag.set_clock(HOUR_START + 60).await;
    hit(&bag).await.assert_status(201);
    assert_429(&hit(&bag).await, 3540);
    let body = Some(br#"{"email":"nobody@example.com","password":"Password123!"}"#.to_vec());
    let missing = bag
        .raw("POST", "/api/shop/customer/login", &[], body.clone())
        .await;
    assert_eq!(missing.status, 401, "{}", missing.text());
    assert_eq!(missing.json()["error"], "missing_key");
    let wrong = bag
        .raw(
            "POST",
            "/api/shop/customer/login",
            &[("X-STOREFRONT-KEY", "pk_storefront_wrong")],
            body,
        )
        .await;
    assert_eq!(wrong.status, 403, "{}", wrong.text());
    assert_eq!(wrong.json()["error"], "invalid_key");
}

#[tokio::test]
async fn successful_responses_carry_informative_rate_limit_headers() {
    // code-read (spec §1.2): the Limit header reports the configured default of 100 whatever
    // the key's budget, and Reset is seconds until the window resets, not an epoch
    let bag = Bag::configured(json!({"rate_limit": 5})).await;
    bag.set_clock(HOUR_START + 600).await;
    let r = hit(&bag).await;
    r.assert_status(201);
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("100"));
    let remaining = r
        .header("x-ratelimit-remaining")
        .expect("X-RateLimit-Remaining");
    assert!(remaining.parse::<u32>().is_ok(), "{remaining}");
    assert_eq!(r.header("x-ratelimit-reset").as_deref(), Some("3000"));
}

#[tokio::test]
async fn a_zero_budget_means_unlimited() {
    // spec §1.2: the budget is the key's `rate_limit` column, where null/0 means unlimited
    let bag = Bag::configured(json!({"rate_limit": 0})).await;
    bag.set_clock(HOUR_START + 600).await;
    for i in 0..20 {
        let r = hit(&bag).await;
        assert_eq!(r.status, 201, "request {i}: {}", r.text());
    }
}

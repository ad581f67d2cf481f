//! Password reset request, `POST /api/shop/forgot-passwords` (spec §2.5, §2.6, §5, §8):
//! 201 either way, the link in the outbox, and no completion route.
use crate::support::*;

use serde_json::json;

const SENT: &str = "Reset link sent successfully to your email";
const NOT_FOUND: &str = "Email address not found";

async fn forgot(bag: &Bag, email: &str) -> Resp {
    bag.post("/forgot-passwords", json!({ "email": email }))
        .await
}

#[tokio::test]
async fn a_known_email_gets_201_success_and_an_outbox_message() {
    let bag = Bag::new().await;
    let e = email("reset");
    bag.register(&e).await;
    let r = forgot(&bag, &e).await;
    r.assert_201(json!({"success": true, "message": SENT}));
    assert_key_order(&r, &["success", "message"]);
    let messages = bag.outbox(&e).await;
    assert_eq!(messages.len(), 1, "{messages:?}");
    let m = &messages[0];
    assert_eq!(m["kind"], "password_reset");
    assert_eq!(m["to"], e.as_str());
    let token = m["token"].as_str().expect("token string");
    assert!(!token.is_empty());
    let link = m["link"]
        .as_str()
        .expect("link string (agreed outbox shape)");
    assert!(link.contains(token), "the link carries the token: {link}");
}

#[tokio::test]
async fn an_unknown_email_gets_201_not_found_and_no_message() {
    let bag = Bag::new().await;
    let e = email("ghost");
    forgot(&bag, &e)
        .await
        .assert_201(json!({"success": false, "message": NOT_FOUND}));
    assert!(bag.outbox(&e).await.is_empty());
    assert!(bag.mock.outbox().is_empty(), "no message at all");
}

#[tokio::test]
async fn a_missing_or_empty_email_is_email_is_required() {
    let bag = Bag::new().await;
    let soft = json!({"success": false, "message": "Email is required"});
    bag.post("/forgot-passwords", json!({}))
        .await
        .assert_201(soft.clone());
    forgot(&bag, "").await.assert_201(soft);
    assert!(bag.mock.outbox().is_empty());
}

#[tokio::test]
async fn no_broker_throttle_by_default() {
    let bag = Bag::new().await;
    let e = email("again");
    bag.register(&e).await;
    for _ in 0..3 {
        forgot(&bag, &e)
            .await
            .assert_201(json!({"success": true, "message": SENT}));
    }
    let tokens: Vec<_> = bag
        .outbox(&e)
        .await
        .iter()
        .map(|m| m["token"].clone())
        .collect();
    assert_eq!(tokens.len(), 3);
}

#[tokio::test]
async fn the_broker_throttle_option_looks_like_an_unknown_email() {
    let bag = Bag::configured(json!({"broker_throttle": 60})).await;
    let e = email("throttled");
    let other = email("unthrottled");
    bag.register(&e).await;
    bag.register(&other).await;
    let sent = json!({"success": true, "message": SENT});
    forgot(&bag, &e).await.assert_201(sent.clone());
    bag.advance(59);
    forgot(&bag, &e)
        .await
        .assert_201(json!({"success": false, "message": NOT_FOUND}));
    assert_eq!(bag.outbox(&e).await.len(), 1);
    // per email
    forgot(&bag, &other).await.assert_201(sent.clone());
    bag.advance(2);
    forgot(&bag, &e).await.assert_201(sent);
    assert_eq!(bag.outbox(&e).await.len(), 2);
}

#[tokio::test]
async fn there_is_no_reset_completion_route() {
    let bag = Bag::new().await;
    let e = email("nocomplete");
    bag.register(&e).await;
    forgot(&bag, &e).await.assert_status(201);
    let token = bag.outbox(&e).await[0]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({
        "email": e, "token": token, "password": "Changed123!", "confirmPassword": "Changed123!",
        "password_confirmation": "Changed123!"
    });
    let t = pct(&token);
    for (method, path) in [
        ("POST", "/reset-passwords".to_owned()),
        ("POST", "/reset-password".to_owned()),
        ("POST", "/customer/reset-password".to_owned()),
        ("PUT", format!("/forgot-passwords/{t}")),
        ("PATCH", format!("/forgot-passwords/{t}")),
        ("POST", format!("/forgot-passwords/{t}")),
        ("PUT", format!("/reset-passwords/{t}")),
    ] {
        let r = bag.call(method, &path, None, Some(body.clone())).await;
        assert!(
            (400..500).contains(&r.status),
            "{method} {path}: no such route, got {} {}",
            r.status,
            r.text()
        );
    }
    // the password never changed
    assert_eq!(bag.login(&e, PASSWORD).await.json()["success"], true);
    bag.login(&e, "Changed123!")
        .await
        .assert_201(login_failure("Invalid email or password"));
}

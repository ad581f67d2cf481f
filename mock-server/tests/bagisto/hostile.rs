//! Nothing from the network yields a 5xx: odd bodies, types, ids and headers on every
//! operation. And the binary serves Bagisto with `--backend bagisto`.

use crate::common::{client, email, send};
use crate::fixture::{KEY, Shop};
use serde_json::json;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const OPERATIONS: [(&str, &str); 12] = [
    ("POST", "/customers"),
    ("POST", "/customer/login"),
    ("POST", "/customer/logout"),
    ("POST", "/verify-tokens"),
    ("POST", "/forgot-passwords"),
    ("GET", "/customer-profile"),
    ("PUT", "/customer-profile-updates/{id}"),
    ("GET", "/customer-addresses"),
    ("POST", "/customer-addresses"),
    ("GET", "/customer-addresses/{address}"),
    ("PUT", "/customer-addresses/{address}"),
    ("DELETE", "/customer-addresses/{address}"),
];

fn odd_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let wrong_types = json!({
        "firstName": 1, "lastName": [], "email": {}, "password": true, "confirmPassword": 1.5,
        "phone": -1, "gender": null, "dateOfBirth": 19900115, "subscribedToNewsLetter": "yes",
        "status": "1", "isVerified": 1e300, "isSuspended": 18446744073709551615u64,
        "id": [1], "addressId": {}, "address1": 5, "defaultAddress": 1, "currentPassword": []
    });
    vec![
        ("application/json", b"{".to_vec()),
        ("application/json", b"null".to_vec()),
        ("application/json", b"\"text\"".to_vec()),
        ("application/json", b"[1,2,3]".to_vec()),
        (
            "application/json",
            b"123456789012345678901234567890".to_vec(),
        ),
        ("application/json", deep.into_bytes()),
        (
            "application/json",
            serde_json::to_vec(&wrong_types).unwrap(),
        ),
        (
            "application/json",
            "{\"email\":\"\u{1F600}@\u{00E9}.com\",\"password\":\"\u{0000}\u{FFFF}\"}"
                .as_bytes()
                .to_vec(),
        ),
        (
            "application/json",
            b"{\"email\":\"a@b.c\",\"password\":\"123456\",\"gender\":\"\",\"phone\":\"\"}"
                .to_vec(),
        ),
        ("text/plain", b"hello".to_vec()),
        (
            "application/x-www-form-urlencoded",
            b"email=a%40b.c".to_vec(),
        ),
        ("application/vnd.api+json", b"{}".to_vec()),
        ("application/json", Vec::new()),
        ("application/json", vec![0xff, 0xfe, 0x00]),
    ]
}

#[tokio::test]
async fn no_body_type_or_id_yields_a_server_error() {
    let shop = Shop::new().await;
    let (token, id) = shop.session(&email("hostile")).await;
    let address = shop.create_address(&token, json!({})).await.json()["id"]
        .as_u64()
        .unwrap();
    let bearer = format!("Bearer {token}");
    let ids = [
        id.to_string(),
        "0".into(),
        "-1".into(),
        "%FF%FE".into(),
        "9".repeat(400),
        "a%2Fb".into(),
        "%00".into(),
    ];
    for (method, template) in OPERATIONS {
        for path_id in &ids {
            let path = template.replace("{id}", path_id).replace(
                "{address}",
                &if path_id == &ids[0] {
                    address.to_string()
                } else {
                    path_id.clone()
                },
            );
            for (content_type, body) in odd_bodies() {
                let headers = [
                    ("X-STOREFRONT-KEY", KEY),
                    ("Authorization", bearer.as_str()),
                    ("Content-Type", content_type),
                ];
                let r = shop.raw(method, &path, &headers, Some(body)).await;
                assert!(
                    r.status < 500,
                    "{method} {path} {content_type}: {} {}",
                    r.status,
                    r.text()
                );
            }
            if !template.contains('{') {
                break;
            }
        }
    }
    let r = shop
        .raw(
            "GET",
            "/customer-profile",
            &[("X-STOREFRONT-KEY", KEY), ("Authorization", "Bearer |")],
            None,
        )
        .await;
    assert_eq!(r.status, 401);
    let r = shop
        .raw(
            "GET",
            "/customer-profile",
            &[
                ("X-STOREFRONT-KEY", KEY),
                ("Authorization", "Bearer 18446744073709551616|x"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn any_mock_clock_is_fine() {
    let shop = Shop::with(storefront_mock::BagistoOptions {
        rate_limit: Some(2),
        token_expiration: Some(60),
        broker_throttle: 60,
        ..storefront_mock::BagistoOptions::default()
    })
    .await;
    for now in [i64::MIN, -1, i64::MAX] {
        shop.mock.set_clock(now);
        let address = email("clock");
        let register = shop.call("POST", "/customers", None, Some(json!({"firstName": "A", "lastName": "B", "email": address, "password": crate::fixture::PASSWORD}))).await;
        assert!(register.status < 500, "{now}: {}", register.text());
        let token = register.json()["token"]
            .as_str()
            .unwrap_or("1|x")
            .to_owned();
        for (method, path) in [
            ("GET", "/customer-profile"),
            ("POST", "/customer-addresses"),
            ("GET", "/customer-addresses"),
            ("POST", "/forgot-passwords"),
        ] {
            let r = shop
                .call(method, path, Some(&token), Some(json!({"email": address})))
                .await;
            assert!(r.status < 500, "{now} {method} {path}: {}", r.status);
        }
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_before_laravel() {
    let shop = Shop::new().await;
    let big = vec![b' '; 200_000];
    let r = shop
        .raw(
            "POST",
            "/customers",
            &[
                ("X-STOREFRONT-KEY", KEY),
                ("Content-Type", "application/json"),
            ],
            Some(big),
        )
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/html; charset=UTF-8")
    );
}

#[tokio::test]
async fn the_binary_serves_bagisto_with_its_options() {
    let dir = std::env::temp_dir().join(format!("sfm-bagisto-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let config = dir.join("config.json");
    std::fs::write(
        &config,
        br#"{"bagisto":{"password_rules":"code","rate_limit":50}}"#,
    )
    .expect("config written");
    let mut child = Command::new(env!("CARGO_BIN_EXE_storefront-mock"))
        .args([
            "--port",
            "0",
            "--backend",
            "bagisto",
            "--publishable-key",
            "pk_storefront_cli",
            "--config",
        ])
        .arg(&config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn storefront-mock");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(20), stdout.read_line(&mut line))
        .await
        .expect("first line within 20 s")
        .expect("read stdout");
    let origin = line
        .trim_end()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_owned();
    let r = send(
        &client(),
        "POST",
        &format!("{origin}/api/shop/customers"),
        &[("X-STOREFRONT-KEY", "pk_storefront_cli"), ("Content-Type", "application/json")],
        Some(br#"{"firstName":"Cli","lastName":"User","email":"cli@example.com","password":"simple"}"#.to_vec()),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("49"));
    let r = send(
        &client(),
        "POST",
        &format!("{origin}/api/shop/customers"),
        &[],
        None,
    )
    .await;
    assert_eq!(r.status, 401);
    let _ = child.start_kill();
    let _ = std::fs::remove_dir_all(&dir);
}

//! `storefront-mock --backend magento`: the binary starts the Magento store.

use crate::common::{client, send};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

#[tokio::test]
async fn the_binary_serves_magento_when_asked_by_name() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storefront-mock"))
        .args([
            "--port",
            "0",
            "--backend",
            "magento",
            "--publishable-key",
            "pk_ignored",
        ])
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
        .unwrap_or_else(|| panic!("first stdout line: {line:?}"))
        .to_owned();
    let http = client();
    let r = send(
        &http,
        "POST",
        &format!("{origin}/rest/V1/customers"),
        &[("Content-Type", "application/json")],
        Some(br#"{"customer":{"email":"cli@example.com","firstname":"C","lastname":"L"},"password":"Password1"}"#.to_vec()),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["created_in"], "Default Store View");
    let _ = child.start_kill();
}

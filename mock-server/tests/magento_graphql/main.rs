//! Magento GraphQL through HTTP on the Magento mock (`--backend magento`): `/graphql` over the
//! same store as REST (customers, tokens and revocations shared both ways), the options
//! (server version, the status of `graphql-authorization`), password resets through the
//! outbox, seed 001 verbatim, GET, and the binary. The engine's own tests (execution, errors,
//! introspection, limits) run in the crate; the independent black-box suite lives elsewhere.

#[path = "../common/mod.rs"]
mod common;

use common::{Resp, client, send};
use serde_json::{Value, json};
use std::process::Stdio;
use std::time::Duration;
use storefront_mock::{
    AuthorizationStatus, GraphqlOptions, GraphqlVersion, MagentoOptions, MockBackend, MockOptions,
    MockServer,
};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const PASSWORD: &str = "Passw0rd!";
const NOT_AUTHORIZED: &str = "The current customer isn't authorized.";
const LOGIN: &str = "mutation Login($email: String!, $password: String!) { generateCustomerToken(email: $email, password: $password) { token } }";
const LOGOUT: &str = "mutation Logout { revokeCustomerToken { result } }";
const ME: &str = "query Me { customer { email firstname } }";

/// One Magento mock, its clock frozen.
struct Magento {
    mock: MockServer,
    http: reqwest::Client,
}

impl Magento {
    async fn new() -> Self {
        Self::with(MagentoOptions::default()).await
    }

    async fn with(magento: MagentoOptions) -> Self {
        let mock = MockServer::start_with(MockOptions {
            magento,
            ..MockOptions::for_backend(MockBackend::Magento)
        })
        .await
        .expect("magento starts");
        mock.freeze_clock(true);
        Self {
            mock,
            http: client(),
        }
    }

    /// `POST /graphql` with `query`, `variables` and an optional bearer token.
    async fn graphql(&self, query: &str, variables: Value, token: Option<&str>) -> Resp {
        let bearer = token.map(|token| format!("Bearer {token}"));
        let mut headers = vec![];
        if let Some(bearer) = &bearer {
            headers.push(("Authorization", bearer.as_str()));
        }
        let body = json!({"query": query, "variables": variables});
        send(
            &self.http,
            "POST",
            &format!("{}/graphql", self.mock.uri()),
            &headers,
            Some(body.to_string().into_bytes()),
        )
        .await
    }

    /// A REST call below the origin.
    async fn rest(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = token.map(|token| format!("Bearer {token}"));
        let mut headers = vec![];
        if let Some(bearer) = &bearer {
            headers.push(("Authorization", bearer.as_str()));
        }
        send(
            &self.http,
            method,
            &format!("{}{path}", self.mock.uri()),
            &headers,
            body.map(|body| body.to_string().into_bytes()),
        )
        .await
    }

    /// Registers `email` through GraphQL.
    async fn register(&self, email: &str) {
        let r = self
            .graphql(
                "mutation($input: CustomerCreateInput!) { createCustomerV2(input: $input) { customer { email } } }",
                json!({"input": {"email": email, "firstname": "Jane", "lastname": "Doe", "password": PASSWORD}}),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(
            r.json()["data"]["createCustomerV2"]["customer"]["email"],
            email
        );
    }

    /// A token from `generateCustomerToken`.
    async fn graphql_token(&self, email: &str) -> String {
        let r = self
            .graphql(LOGIN, json!({"email": email, "password": PASSWORD}), None)
            .await;
        r.json()["data"]["generateCustomerToken"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("a token: {}", r.text()))
            .to_owned()
    }

    /// A token from `POST /V1/integration/customer/token`.
    async fn rest_token(&self, email: &str) -> String {
        let r = self
            .rest(
                "POST",
                "/rest/V1/integration/customer/token",
                None,
                Some(json!({"username": email, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json().as_str().expect("a bare string").to_owned()
    }

    /// Asserts that `token` reads the profile through both APIs.
    async fn assert_signed_in(&self, token: &str, email: &str) {
        let rest = self
            .rest("GET", "/rest/V1/customers/me", Some(token), None)
            .await;
        assert_eq!(rest.status, 200, "{}", rest.text());
        assert_eq!(rest.json()["email"], email);
        let graphql = self.graphql(ME, Value::Null, Some(token)).await;
        assert_eq!(graphql.status, 200, "{}", graphql.text());
        assert_eq!(graphql.json()["data"]["customer"]["email"], email);
    }

    /// Asserts that `token` is refused by both APIs.
    async fn assert_signed_out(&self, token: &str) {
        let rest = self
            .rest("GET", "/rest/V1/customers/me", Some(token), None)
            .await;
        assert_eq!(rest.status, 401, "{}", rest.text());
        let graphql = self.graphql(ME, Value::Null, Some(token)).await;
        assert_eq!(graphql.status, 401, "{}", graphql.text());
        assert_eq!(graphql.json()["errors"][0]["message"], NOT_AUTHORIZED);
        assert_eq!(graphql.json()["data"], json!({"customer": null}));
    }
}

/// JSON text without the whitespace outside strings, keys in their order (for the
/// documented responses).
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[tokio::test]
async fn tokens_of_either_api_work_on_both() {
    let shop = Magento::new().await;
    shop.register("both@example.com").await;
    let from_graphql = shop.graphql_token("both@example.com").await;
    let from_rest = shop.rest_token("both@example.com").await;
    shop.assert_signed_in(&from_graphql, "both@example.com")
        .await;
    shop.assert_signed_in(&from_rest, "both@example.com").await;
}

#[tokio::test]
async fn customers_registered_through_rest_sign_in_through_graphql() {
    let shop = Magento::new().await;
    let r = shop
        .rest(
            "POST",
            "/rest/V1/customers",
            None,
            Some(json!({"customer": {"email": "rest@example.com", "firstname": "R", "lastname": "S"}, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let token = shop.graphql_token("rest@example.com").await;
    let me = shop
        .graphql(
            "{ customer { firstname lastname email } }",
            Value::Null,
            Some(&token),
        )
        .await;
    assert_eq!(
        me.text(),
        r#"{"data":{"customer":{"firstname":"R","lastname":"S","email":"rest@example.com"}}}"#
    );
}

#[tokio::test]
async fn a_graphql_logout_ends_every_session_on_both_apis() {
    let shop = Magento::new().await;
    shop.register("out@example.com").await;
    let rest = shop.rest_token("out@example.com").await;
    let graphql = shop.graphql_token("out@example.com").await;
    let r = shop.graphql(LOGOUT, Value::Null, Some(&graphql)).await;
    assert_eq!(
        r.text(),
        r#"{"data":{"revokeCustomerToken":{"result":true}}}"#
    );
    shop.assert_signed_out(&rest).await;
    shop.assert_signed_out(&graphql).await;
    // A token issued a second later works again.
    shop.mock.advance_clock(Duration::from_secs(1));
    let fresh = shop.graphql_token("out@example.com").await;
    shop.assert_signed_in(&fresh, "out@example.com").await;
}

#[tokio::test]
async fn a_rest_logout_ends_every_session_on_both_apis() {
    let shop = Magento::new().await;
    shop.register("restout@example.com").await;
    let rest = shop.rest_token("restout@example.com").await;
    let graphql = shop.graphql_token("restout@example.com").await;
    let r = shop
        .rest(
            "POST",
            "/rest/V1/integration/customer/revoke-customer-token",
            Some(&rest),
            None,
        )
        .await;
    assert_eq!(r.text(), "true");
    shop.assert_signed_out(&graphql).await;
    shop.assert_signed_out(&rest).await;
}

#[tokio::test]
async fn the_lockout_counts_failures_of_both_apis() {
    let shop = Magento::new().await;
    shop.register("lock@example.com").await;
    for _ in 0..3 {
        let r = shop
            .graphql(
                LOGIN,
                json!({"email": "lock@example.com", "password": "Wrong-1"}),
                None,
            )
            .await;
        assert_eq!(
            r.json()["errors"][0]["extensions"]["category"],
            "graphql-authentication"
        );
        let r = shop
            .rest(
                "POST",
                "/rest/V1/integration/customer/token",
                None,
                Some(json!({"username": "lock@example.com", "password": "Wrong-1"})),
            )
            .await;
        assert_eq!(r.status, 401);
    }
    // Six failures lock the name: the right password fails too, through either API.
    let r = shop
        .graphql(
            LOGIN,
            json!({"email": "lock@example.com", "password": PASSWORD}),
            None,
        )
        .await;
    assert_eq!(r.json()["data"], json!({"generateCustomerToken": null}));
}

#[tokio::test]
async fn seed_001_runs_verbatim_over_http() {
    let shop = Magento::new().await;
    let create = "mutation {\n  createCustomer(\n    input: {\n      firstname: \"John\"\n      lastname: \"Doe\"\n      email: \"john.doe@example.com\"\n      password: \"b1b2b3l@w+\"\n      is_subscribed: true\n    }\n  ) {\n    customer {\n      firstname\n      lastname\n      email\n      is_subscribed\n    }\n  }\n}";
    let r = shop.graphql(create, Value::Null, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.text(),
        compact(
            r#"{"data":{"createCustomer":{"customer":{"firstname":"John","lastname":"Doe","email":"john.doe@example.com","is_subscribed":true}}}}"#
        )
    );
    let login = "mutation {\n  generateCustomerToken(email: \"john.doe@example.com\", password: \"b1b2b3l@w+\") {\n    token\n  }\n}";
    let r = shop.graphql(login, Value::Null, None).await;
    assert_eq!(r.status, 200);
    let token = r.json()["data"]["generateCustomerToken"]["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    assert_eq!(
        r.text().replace(&token, "zuo7zor5jfldft2nmu2gtylnm8ui7e8t"),
        compact(
            r#"{"data":{"generateCustomerToken":{"token":"zuo7zor5jfldft2nmu2gtylnm8ui7e8t"}}}"#
        )
    );
    // "Sign in … using the email and password: you should be successfully logged in."
    shop.assert_signed_in(&token, "john.doe@example.com").await;
}

#[tokio::test]
async fn password_resets_go_through_the_outbox() {
    let shop = Magento::new().await;
    shop.register("reset@example.com").await;
    let r = shop
        .graphql(
            "mutation RequestReset($email: String!) { requestPasswordResetEmail(email: $email) }",
            json!({"email": "reset@example.com"}),
            None,
        )
        .await;
    assert_eq!(r.text(), r#"{"data":{"requestPasswordResetEmail":true}}"#);
    let mail = shop
        .mock
        .outbox()
        .into_iter()
        .rfind(|message| message.to == "reset@example.com")
        .expect("the reset email");
    assert_eq!(mail.kind, "password_reset");
    assert_eq!(mail.extra["template"], "email_reset");
    let reset = "mutation ResetPassword($email: String!, $token: String!, $password: String!) { resetPassword(email: $email, resetPasswordToken: $token, newPassword: $password) }";
    let r = shop
        .graphql(
            reset,
            json!({"email": "reset@example.com", "token": mail.token, "password": "N3w-Passw0rd"}),
            None,
        )
        .await;
    assert_eq!(r.text(), r#"{"data":{"resetPassword":true}}"#);
    // Single use; the new password signs in through REST too.
    let again = shop
        .graphql(
            reset,
            json!({"email": "reset@example.com", "token": mail.token, "password": "Other-Passw0rd"}),
            None,
        )
        .await;
    assert_eq!(
        again.json()["errors"][0]["message"],
        "Cannot set the customer's password"
    );
    let login = shop
        .rest(
            "POST",
            "/rest/V1/integration/customer/token",
            None,
            Some(json!({"username": "reset@example.com", "password": "N3w-Passw0rd"})),
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.text());
    // An unknown email is refused (the enumeration oracle the spec documents).
    let unknown = shop
        .graphql(
            "mutation { requestPasswordResetEmail(email: \"nobody@example.com\") }",
            Value::Null,
            None,
        )
        .await;
    assert_eq!(
        unknown.text(),
        r#"{"errors":[{"message":"Cannot reset the customer's password","locations":[{"line":1,"column":12}],"path":["requestPasswordResetEmail"],"extensions":{"category":"graphql-input"}}],"data":{"requestPasswordResetEmail":null}}"#
    );
}

#[tokio::test]
async fn authorization_errors_answer_401_by_default_and_200_as_an_option() {
    let shop = Magento::new().await;
    let r = shop
        .graphql("{\n  customer { email }\n}", Value::Null, None)
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.text(),
        format!(
            r#"{{"errors":[{{"message":"{NOT_AUTHORIZED}","locations":[{{"line":2,"column":3}}],"path":["customer"],"extensions":{{"category":"graphql-authorization"}}}}],"data":{{"customer":null}}}}"#
        )
    );
    let shop = Magento::with(MagentoOptions {
        graphql: GraphqlOptions {
            authorization_status: AuthorizationStatus::Ok,
            ..GraphqlOptions::default()
        },
        ..MagentoOptions::default()
    })
    .await;
    let r = shop.graphql(ME, Value::Null, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json()["errors"][0]["extensions"]["category"],
        "graphql-authorization"
    );
}

#[tokio::test]
async fn the_options_switch_at_run_time() {
    let shop = Magento::new().await;
    let probe = "{ __type(name: \"Mutation\") { fields { name } } }";
    let names = |r: &Resp| -> Vec<String> {
        r.json()["data"]["__type"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .filter_map(|field| field["name"].as_str().map(str::to_owned))
            .collect()
    };
    let before = shop.graphql(probe, Value::Null, None).await;
    assert!(!names(&before).contains(&"deleteCustomerAddressV2".to_owned()));
    let r = shop
        .rest(
            "POST",
            "/__mock/config",
            None,
            Some(
                json!({"magento": {"graphql": {"version": "2.4.9", "authorization_status": "ok"}}}),
            ),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let after = shop.graphql(probe, Value::Null, None).await;
    assert!(names(&after).contains(&"deleteCustomerAddressV2".to_owned()));
    assert_eq!(shop.graphql(ME, Value::Null, None).await.status, 200);
}

#[tokio::test]
async fn version_2_4_9_keys_addresses_by_uid() {
    let shop = Magento::with(MagentoOptions {
        graphql: GraphqlOptions {
            version: GraphqlVersion::V2_4_9,
            ..GraphqlOptions::default()
        },
        ..MagentoOptions::default()
    })
    .await;
    shop.register("uid@example.com").await;
    let token = shop.graphql_token("uid@example.com").await;
    let create = "mutation($input: CustomerAddressInput!) { createCustomerAddress(input: $input) { id uid default_billing } }";
    let input = json!({"input": {"firstname": "J", "lastname": "D", "street": ["1 Main St"], "city": "Phoenix", "postcode": "85001", "country_code": "US", "telephone": "5550100", "region": {"region_id": 4}, "default_billing": true}});
    let first = shop.graphql(create, input.clone(), Some(&token)).await;
    let first = first.json()["data"]["createCustomerAddress"].clone();
    let second = shop.graphql(create, input, Some(&token)).await;
    let second = second.json()["data"]["createCustomerAddress"].clone();
    assert_eq!(second["default_billing"], true, "the newest default wins");
    let uid = second["uid"].as_str().expect("a uid").to_owned();
    let id = second["id"].as_i64().expect("an id");
    assert_eq!(uid, base64(&id.to_string()));
    let refused = shop
        .graphql(
            "mutation($uid: ID!) { deleteCustomerAddressV2(uid: $uid) }",
            json!({"uid": uid}),
            Some(&token),
        )
        .await;
    assert_eq!(
        refused.json()["errors"][0]["message"],
        format!("Customer Address {id} is set as default billing address and cannot be deleted")
    );
    let deleted = shop
        .graphql(
            "mutation($uid: ID!) { deleteCustomerAddressV2(uid: $uid) }",
            json!({"uid": first["uid"]}),
            Some(&token),
        )
        .await;
    assert_eq!(
        deleted.text(),
        r#"{"data":{"deleteCustomerAddressV2":true}}"#
    );
    // The address book is the one REST reads.
    let me = shop
        .rest("GET", "/rest/V1/customers/me", Some(&token), None)
        .await;
    let ids: Vec<i64> = me.json()["addresses"]
        .as_array()
        .expect("addresses")
        .iter()
        .filter_map(|address| address["id"].as_i64())
        .collect();
    assert_eq!(ids, [id]);
}

/// Standard base64 of `text`.
fn base64(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn get_serves_queries() {
    let shop = Magento::new().await;
    let r = send(
        &shop.http,
        "GET",
        &format!(
            "{}/graphql?query=%7BisEmailAvailable(email%3A%22a%40example.com%22)%7Bis_email_available%7D%7D",
            shop.mock.uri()
        ),
        &[],
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.text(),
        r#"{"data":{"isEmailAvailable":{"is_email_available":true}}}"#
    );
}

#[tokio::test]
async fn the_binary_serves_graphql_on_the_magento_backend() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storefront-mock"))
        .args(["--port", "0", "--backend", "magento"])
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
    let r = send(
        &client(),
        "POST",
        &format!("{origin}/graphql"),
        &[],
        Some(br#"{"query":"{ __typename }"}"#.to_vec()),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), r#"{"data":{"__typename":"Query"}}"#);
    let _ = child.start_kill();
}

#[tokio::test]
async fn any_method_on_graphql_gets_a_graphql_error_never_a_5xx() {
    let shop = Magento::new().await;
    let url = format!("{}/graphql", shop.mock.uri());
    for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
        for body in [None, Some(b"{".to_vec()), Some(b"\xff".to_vec())] {
            let r = send(
                &shop.http,
                method,
                &url,
                &[("Authorization", "Bearer x")],
                body,
            )
            .await;
            assert!((400..500).contains(&r.status), "{method}: {}", r.status);
            let errors = r.json()["errors"].clone();
            assert!(
                errors[0]["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{method}: {}",
                r.text()
            );
            assert_eq!(errors[0]["extensions"]["category"], "graphql", "{method}");
        }
    }
}

#[tokio::test]
async fn email_confirmation_through_graphql_and_the_2_4_7_login_message() {
    for (version, message) in [
        (
            GraphqlVersion::V2_4_8,
            "This account isn't confirmed. Verify and try again.",
        ),
        (
            GraphqlVersion::V2_4_7,
            "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.",
        ),
    ] {
        let shop = Magento::with(MagentoOptions {
            confirmation_required: true,
            graphql: GraphqlOptions {
                version,
                ..GraphqlOptions::default()
            },
            ..MagentoOptions::default()
        })
        .await;
        shop.register("confirm@example.com").await;
        let login = shop
            .graphql(
                LOGIN,
                json!({"email": "confirm@example.com", "password": PASSWORD}),
                None,
            )
            .await;
        assert_eq!(login.json()["errors"][0]["message"], message, "{version:?}");
        assert_eq!(
            login.json()["errors"][0]["extensions"]["category"],
            "graphql-authentication"
        );
        let resend = shop
            .graphql(
                "mutation { resendConfirmationEmail(email: \"confirm@example.com\") }",
                Value::Null,
                None,
            )
            .await;
        assert_eq!(
            resend.text(),
            r#"{"data":{"resendConfirmationEmail":true}}"#
        );
        let mails: Vec<_> = shop
            .mock
            .outbox()
            .into_iter()
            .filter(|message| message.kind == "confirmation")
            .collect();
        assert_eq!(mails.len(), 2, "the registration's and the resent one");
        assert_eq!(mails[0].token, mails[1].token);
        let confirm = "mutation($input: ConfirmEmailInput!) { confirmEmail(input: $input) { customer { email confirmation_status } } }";
        let wrong = shop
            .graphql(
                confirm,
                json!({"input": {"email": "confirm@example.com", "confirmation_key": "nope"}}),
                None,
            )
            .await;
        assert_eq!(
            wrong.json()["errors"][0]["message"],
            "The confirmation token is invalid. Verify the token and try again."
        );
        let confirmed = shop
            .graphql(
                confirm,
                json!({"input": {"email": "confirm@example.com", "confirmation_key": mails[0].token}}),
                None,
            )
            .await;
        assert_eq!(
            confirmed.text(),
            r#"{"data":{"confirmEmail":{"customer":{"email":"confirm@example.com","confirmation_status":"ACCOUNT_CONFIRMED"}}}}"#
        );
        let again = shop
            .graphql(
                "mutation { resendConfirmationEmail(email: \"confirm@example.com\") }",
                Value::Null,
                None,
            )
            .await;
        assert_eq!(
            again.json()["errors"][0]["message"],
            "Confirmation isn't needed."
        );
        shop.graphql_token("confirm@example.com").await;
    }
}

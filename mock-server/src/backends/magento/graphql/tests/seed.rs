//! Seed 001 (Adobe's GraphQL checkout tutorial, "Step 1. Create a customer"), verbatim: its two
//! requests give its two documented responses byte for byte (whitespace of the pretty-printed
//! documentation aside), the token value aside.

use super::Client;

/// The seed's first request, as documented.
const CREATE_CUSTOMER: &str = r#"mutation {
  createCustomer(
    input: {
      firstname: "John"
      lastname: "Doe"
      email: "john.doe@example.com"
      password: "b1b2b3l@w+"
      is_subscribed: true
    }
  ) {
    customer {
      firstname
      lastname
      email
      is_subscribed
    }
  }
}
"#;

/// Its documented response.
const CREATE_CUSTOMER_RESPONSE: &str = r#"{
  "data": {
    "createCustomer": {
      "customer": {
        "firstname": "John",
        "lastname": "Doe",
        "email": "john.doe@example.com",
        "is_subscribed": true
      }
    }
  }
}
"#;

/// The seed's second request.
const GENERATE_TOKEN: &str = r#"mutation {
  generateCustomerToken(email: "john.doe@example.com", password: "b1b2b3l@w+") {
    token
  }
}
"#;

/// Its documented response.
const GENERATE_TOKEN_RESPONSE: &str = r#"{
  "data": {
    "generateCustomerToken": {
      "token": "zuo7zor5jfldft2nmu2gtylnm8ui7e8t"
    }
  }
}
"#;

/// The documented token.
const DOCUMENTED_TOKEN: &str = "zuo7zor5jfldft2nmu2gtylnm8ui7e8t";

/// JSON text without the whitespace between tokens (key order and everything else kept).
fn compact(json: &str) -> String {
    let mut out = String::new();
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

#[test]
fn seed_001_runs_verbatim() {
    let client = Client::new();
    let created = client.query(CREATE_CUSTOMER);
    assert_eq!(created.status, 200);
    assert_eq!(created.body, compact(CREATE_CUSTOMER_RESPONSE));

    let login = client.query(GENERATE_TOKEN);
    assert_eq!(login.status, 200);
    let token = login.json["data"]["generateCustomerToken"]["token"]
        .as_str()
        .expect("a token");
    assert_eq!(
        login.body.replace(token, DOCUMENTED_TOKEN),
        compact(GENERATE_TOKEN_RESPONSE)
    );
}

#[test]
fn create_customer_v2_answers_the_spec_document() {
    let client = Client::new();
    let created = client.post(
        "mutation CreateCustomer($input: CustomerCreateInput!) {\n  createCustomerV2(input: $input) {\n    customer { firstname lastname email is_subscribed confirmation_status }\n  }\n}",
        serde_json::json!({"input": {"email": "jane@example.com", "firstname": "Jane", "lastname": "Roe", "password": "Passw0rd!", "is_subscribed": false}}),
    );
    assert_eq!(
        created.body,
        r#"{"data":{"createCustomerV2":{"customer":{"firstname":"Jane","lastname":"Roe","email":"jane@example.com","is_subscribed":false,"confirmation_status":"ACCOUNT_CONFIRMATION_NOT_REQUIRED"}}}}"#
    );
}

#[test]
fn the_compactor_keeps_strings_whole() {
    assert_eq!(
        compact("{ \"a b\" : \"c \\\" d\" ,\n \"e\": [1, 2] }"),
        r#"{"a b":"c \" d","e":[1,2]}"#
    );
}

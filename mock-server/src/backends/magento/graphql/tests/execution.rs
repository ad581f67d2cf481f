//! Execution: selection sets, aliases, fragments, variables, `operationName`, GET, the account
//! lifecycle and the 2.4.9 uid forms.

use super::Client;
use crate::backends::magento::graphql::{GraphqlOptions, GraphqlVersion};
use serde_json::json;

const ADDRESS: &str =
    "mutation($input: CustomerAddressInput!) { createCustomerAddress(input: $input) { id } }";

fn address_input(city: &str, default: bool) -> serde_json::Value {
    json!({"input": {
        "firstname": "Jane", "lastname": "Doe", "street": ["1 Main St"], "city": city,
        "postcode": "85001", "country_code": "US", "telephone": "5550100",
        "region": {"region": "Arizona", "region_code": "AZ", "region_id": 4},
        "default_billing": default, "default_shipping": default
    }})
}

#[test]
fn only_the_selected_fields_come_back_in_request_order_with_aliases() {
    let mut client = Client::new();
    client.sign_up("jane@example.com", "Passw0rd!");
    let answer = client
        .query("{ customer { lastname mail: email firstname is_subscribed first: firstname } }");
    assert_eq!(
        answer.body,
        r#"{"data":{"customer":{"lastname":"Doe","mail":"jane@example.com","firstname":"Jane","is_subscribed":false,"first":"Jane"}}}"#
    );
}

#[test]
fn named_and_inline_fragments_and_typename() {
    let mut client = Client::new();
    client.sign_up("jane@example.com", "Passw0rd!");
    client.post(ADDRESS, address_input("Phoenix", true));
    let answer = client.query(
        r#"query Me { customer { __typename ...Names addresses { ... on CustomerAddress { city } ...Where } } }
           fragment Names on Customer { firstname email }
           fragment Where on CustomerAddress { region { region_code } country_code }"#,
    );
    assert_eq!(
        answer.body,
        r#"{"data":{"customer":{"__typename":"Customer","firstname":"Jane","email":"jane@example.com","addresses":[{"city":"Phoenix","region":{"region_code":"AZ"},"country_code":"US"}]}}}"#
    );
}

#[test]
fn variables_with_defaults_and_input_coercion() {
    let mut client = Client::new();
    client.sign_up("jane@example.com", "Passw0rd!");
    // A single string where `[String]` is expected is coerced to a one-item list; an Int
    // variable with a default is used when the request omits it.
    let created = client.post(
        r#"mutation($city: String = "Tempe") { createCustomerAddress(input: {firstname: "J", lastname: "D", street: "2 Side St", city: $city, country_code: US, region: {region_id: 4}, postcode: "85281", telephone: "5550100"}) { street city country_code } }"#,
        json!({}),
    );
    assert_eq!(
        created.body,
        r#"{"data":{"createCustomerAddress":{"street":["2 Side St"],"city":"Tempe","country_code":"US"}}}"#
    );
    let page = client.post(
        "query($size: Int = 1, $page: Int!) { customer { addressesV2(currentPage: $page, pageSize: $size) { total_count page_info { current_page page_size total_pages } items { city } } } }",
        json!({"page": 1}),
    );
    assert_eq!(
        page.body,
        r#"{"data":{"customer":{"addressesV2":{"total_count":1,"page_info":{"current_page":1,"page_size":1,"total_pages":1},"items":[{"city":"Tempe"}]}}}}"#
    );
}

#[test]
fn the_operation_name_picks_the_operation() {
    let client = Client::new();
    let document = "query A { isEmailAvailable(email: \"a@example.com\") { is_email_available } } query B { __typename }";
    let body = json!({"query": document, "operationName": "B"}).to_string();
    let answer = client.send("POST", None, body.as_bytes());
    assert_eq!(answer.body, r#"{"data":{"__typename":"Query"}}"#);
    let unnamed = client.send(
        "POST",
        None,
        json!({"query": document}).to_string().as_bytes(),
    );
    assert_eq!(unnamed.status, 200);
    assert!(unnamed.json.get("data").is_none(), "{}", unnamed.body);
    assert_eq!(
        unnamed.json["errors"][0]["extensions"]["category"],
        "graphql"
    );
}

#[test]
fn get_runs_queries_and_refuses_mutations() {
    let client = Client::new();
    let query = "query=query%20Q(%24e%3AString!)%7BisEmailAvailable(email%3A%24e)%7Bis_email_available%7D%7D&variables=%7B%22e%22%3A%22a%40example.com%22%7D&operationName=Q";
    let answer = client.send("GET", Some(query), b"");
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        r#"{"data":{"isEmailAvailable":{"is_email_available":true}}}"#
    );
    let mutation = "query=mutation%7BrevokeCustomerToken%7Bresult%7D%7D";
    let refused = client.send("GET", Some(mutation), b"");
    assert_eq!(refused.status, 405);
    assert_eq!(
        refused.body,
        r#"{"errors":[{"message":"Mutation requests allowed only for POST requests","extensions":{"category":"graphql-input"}}]}"#
    );
}

#[test]
fn the_account_lifecycle_runs_through_every_root_field() {
    let mut client = Client::new();
    client.sign_up("jane@example.com", "Passw0rd!");
    // Since 2.4.7 every email reads as available (spec §7), taken or not.
    let taken =
        client.query(r#"{ isEmailAvailable(email: "jane@example.com") { is_email_available } }"#);
    assert_eq!(
        taken.json["data"]["isEmailAvailable"]["is_email_available"],
        true
    );
    let updated = client.post(
        "mutation($input: CustomerUpdateInput!) { updateCustomerV2(input: $input) { customer { firstname lastname email is_subscribed } } }",
        json!({"input": {"firstname": "Janet", "is_subscribed": true}}),
    );
    assert_eq!(
        updated.body,
        r#"{"data":{"updateCustomerV2":{"customer":{"firstname":"Janet","lastname":"Doe","email":"jane@example.com","is_subscribed":true}}}}"#
    );
    let old = client.post(
        "mutation($input: CustomerInput!) { updateCustomer(input: $input) { customer { lastname } } }",
        json!({"input": {"lastname": "Roe"}}),
    );
    assert_eq!(
        old.json["data"]["updateCustomer"]["customer"]["lastname"],
        "Roe"
    );
    let email = client.query(
        r#"mutation { updateCustomerEmail(email: "janet@example.com", password: "Passw0rd!") { customer { email } } }"#,
    );
    assert_eq!(
        email.json["data"]["updateCustomerEmail"]["customer"]["email"],
        "janet@example.com"
    );
    let changed = client.query(
        r#"mutation { changeCustomerPassword(currentPassword: "Passw0rd!", newPassword: "N3w-passw0rd") { email } }"#,
    );
    assert_eq!(
        changed.body,
        r#"{"data":{"changeCustomerPassword":{"email":"janet@example.com"}}}"#
    );

    let first = client.post(ADDRESS, address_input("Phoenix", true));
    let first_id = first.json["data"]["createCustomerAddress"]["id"]
        .as_i64()
        .expect("an id");
    let second = client.post(ADDRESS, address_input("Tempe", false));
    let second_id = second.json["data"]["createCustomerAddress"]["id"]
        .as_i64()
        .expect("an id");
    let moved = client.post(
        "mutation($id: Int!, $input: CustomerAddressInput) { updateCustomerAddress(id: $id, input: $input) { id city default_billing default_shipping } }",
        json!({"id": second_id, "input": {"city": "Mesa", "default_billing": true, "default_shipping": true}}),
    );
    assert_eq!(
        moved.body,
        format!(
            r#"{{"data":{{"updateCustomerAddress":{{"id":{second_id},"city":"Mesa","default_billing":true,"default_shipping":true}}}}}}"#
        )
    );
    let me = client.query(
        "{ customer { default_billing default_shipping addresses { id default_billing } } }",
    );
    assert_eq!(
        me.json["data"]["customer"]["default_billing"],
        second_id.to_string()
    );
    assert_eq!(
        me.json["data"]["customer"]["addresses"][0]["default_billing"],
        false
    );
    let deleted = client.post(
        "mutation($id: Int!) { deleteCustomerAddress(id: $id) }",
        json!({"id": first_id}),
    );
    assert_eq!(deleted.body, r#"{"data":{"deleteCustomerAddress":true}}"#);

    let reset =
        client.query(r#"mutation { requestPasswordResetEmail(email: "janet@example.com") }"#);
    assert_eq!(reset.body, r#"{"data":{"requestPasswordResetEmail":true}}"#);
    let mail = client.outbox().pop().expect("the reset email");
    assert_eq!(
        (mail.kind.as_str(), mail.to.as_str()),
        ("password_reset", "janet@example.com")
    );
    let done = client.post(
        "mutation($t: String!) { resetPassword(email: \"janet@example.com\", resetPasswordToken: $t, newPassword: \"An0ther-pass\") }",
        json!({"t": mail.token}),
    );
    assert_eq!(done.body, r#"{"data":{"resetPassword":true}}"#);
    let confirmation =
        client.query(r#"mutation { resendConfirmationEmail(email: "janet@example.com") }"#);
    assert_eq!(
        confirmation.json["errors"][0]["message"],
        "Confirmation isn't needed."
    );
    let confirm = client.query(
        r#"mutation { confirmEmail(input: {email: "janet@example.com", confirmation_key: "k"}) { customer { email } } }"#,
    );
    assert_eq!(confirm.json["data"], json!({"confirmEmail": null}));

    let logout = client.query("mutation { revokeCustomerToken { result } }");
    assert_eq!(
        logout.body,
        r#"{"data":{"revokeCustomerToken":{"result":true}}}"#
    );
    let after = client.query("{ customer { email } }");
    assert_eq!(after.status, 401);
}

#[test]
fn version_2_4_9_serves_uids_and_the_v2_address_mutations() {
    let mut client = Client::with(GraphqlOptions {
        version: GraphqlVersion::V2_4_9,
        ..GraphqlOptions::default()
    });
    client.sign_up("jane@example.com", "Passw0rd!");
    client.post(ADDRESS, address_input("Phoenix", true));
    let second = client.post(
        "mutation($input: CustomerAddressInput!) { createCustomerAddress(input: $input) { uid } }",
        address_input("Tempe", false),
    );
    let uid = second.json["data"]["createCustomerAddress"]["uid"]
        .as_str()
        .expect("a uid")
        .to_owned();
    assert_eq!(uid, "Mg==", "base64 of the id 2");
    let me = client.query("{ customer { id group { uid } } }");
    assert_eq!(
        me.body,
        r#"{"data":{"customer":{"id":"MQ==","group":{"uid":"MQ=="}}}}"#
    );
    let updated = client.post(
        "mutation($uid: ID!) { updateCustomerAddressV2(uid: $uid, input: {city: \"Mesa\"}) { uid city } }",
        json!({"uid": uid}),
    );
    assert_eq!(
        updated.body,
        r#"{"data":{"updateCustomerAddressV2":{"uid":"Mg==","city":"Mesa"}}}"#
    );
    let deleted = client.post(
        "mutation($uid: ID!) { deleteCustomerAddressV2(uid: $uid) }",
        json!({"uid": uid}),
    );
    assert_eq!(deleted.body, r#"{"data":{"deleteCustomerAddressV2":true}}"#);
    let missing = client.post(
        "mutation($uid: ID!) { deleteCustomerAddressV2(uid: $uid) }",
        json!({"uid": "OTk="}),
    );
    assert_eq!(
        missing.json["errors"][0]["message"],
        "Could not find an address with ID \"99\""
    );
    assert_eq!(
        missing.json["errors"][0]["extensions"]["category"],
        "graphql-no-such-entity"
    );
    let garbage = client.post(
        "mutation($uid: ID!) { deleteCustomerAddressV2(uid: $uid) }",
        json!({"uid": "!!"}),
    );
    assert_eq!(
        garbage.body,
        r#"{"errors":[{"message":"Value of uid \"!!\" is incorrect.","locations":[{"line":1,"column":23}],"path":["deleteCustomerAddressV2"],"extensions":{"category":"graphql-input"}}],"data":{"deleteCustomerAddressV2":null}}"#
    );
}

#[test]
fn custom_attributes_are_served_through_their_interfaces_and_filtered() {
    let mut client = Client::new();
    client.sign_up("jane@example.com", "Passw0rd!");
    client.post(
        "mutation($input: CustomerUpdateInput!) { updateCustomerV2(input: $input) { customer { email } } }",
        json!({"input": {"custom_attributes": [
            {"attribute_code": "loyalty", "value": "gold"},
            {"attribute_code": "flags", "selected_options": [{"value": "gift"}]}
        ]}}),
    );
    let answer = client.query(
        r#"{ customer {
             all: custom_attributes { __typename code ... on AttributeValue { value } ... on AttributeSelectedOptions { selected_options { __typename label value } } }
             some: custom_attributes(attributeCodes: ["flags"]) { code }
             one: custom_attributes(attributeCodes: "loyalty") { code }
        } }"#,
    );
    assert_eq!(
        answer.body,
        r#"{"data":{"customer":{"all":[{"__typename":"AttributeValue","code":"loyalty","value":"gold"},{"__typename":"AttributeSelectedOptions","code":"flags","selected_options":[{"__typename":"AttributeSelectedOption","label":"gift","value":"gift"}]}],"some":[{"code":"flags"}],"one":[{"code":"loyalty"}]}}}"#
    );
}

//! GraphQL over HTTP: `POST /graphql` with a JSON body and `GET /graphql?query=…` read into a
//! GraphQL request; a response into Magento's body and the HTTP status its errors decide.

use super::accounts::Caller;
use super::errors::{REQUEST_CATEGORY, is_authorization, request_error};
use super::options::AuthorizationStatus;
use crate::http::{ApiRequest, ApiResponse, ResponseOrigin};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{Response, ServerError, Value, Variables};
use serde::Serialize;

/// Magento's refusal of a mutation sent with GET (`HttpVerbValidator`).
const MUTATION_OVER_GET: &str = "Mutation requests allowed only for POST requests";

/// The three members of a GraphQL request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    /// The document.
    pub(crate) query: String,
    /// Variable values.
    pub(crate) variables: Variables,
    /// The operation to run, for a document with several.
    pub(crate) operation_name: Option<String>,
}

/// Why a request cannot be run: the response to give instead.
pub(crate) type Refusal = ApiResponse;

/// The operation a request carries: from the JSON body of a POST, from the query string of a
/// GET (where a mutation is refused, as Magento and GraphQL over HTTP do). Other methods are
/// refused with 405.
pub(crate) fn read(request: &ApiRequest<'_>) -> Result<Operation, Refusal> {
    let operation = match request.method {
        "POST" => from_body(request.body)?,
        "GET" => {
            let operation = from_query(request)?;
            if is_mutation(&operation) {
                return Err(
                    refusal(405, MUTATION_OVER_GET, "graphql-input").with_header("allow", "POST")
                );
            }
            operation
        }
        _ => {
            return Err(refusal(405, "Method not allowed", REQUEST_CATEGORY)
                .with_header("allow", "GET, POST"));
        }
    };
    Ok(operation)
}

/// The sender as Magento reads it: the bearer token and the `Store` header.
pub(crate) fn caller<'a>(request: &'a ApiRequest<'_>) -> Caller<'a> {
    let token = request.header("authorization").and_then(|value| {
        match value.split(' ').collect::<Vec<_>>()[..] {
            [scheme, token] if scheme.eq_ignore_ascii_case("bearer") => Some(token),
            _ => None,
        }
    });
    Caller {
        token,
        store: request.header("store"),
    }
}

/// A JSON body `{"query", "variables", "operationName"}`.
fn from_body(body: &[u8]) -> Result<Operation, Refusal> {
    let json: serde_json::Value = serde_json::from_slice(body).map_err(|error| {
        refusal(
            400,
            &format!("Unable to parse the request body as JSON: {error}"),
            REQUEST_CATEGORY,
        )
    })?;
    let serde_json::Value::Object(mut members) = json else {
        return Err(refusal(
            400,
            "The request body must be a JSON object",
            REQUEST_CATEGORY,
        ));
    };
    let query = match members.remove("query") {
        Some(serde_json::Value::String(query)) => query,
        _ => return Err(missing_query()),
    };
    let variables = variables(members.remove("variables").unwrap_or_default())?;
    let operation_name = match members.remove("operationName") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(name)) => Some(name),
        Some(_) => {
            return Err(refusal(
                400,
                "\"operationName\" must be a string",
                REQUEST_CATEGORY,
            ));
        }
    };
    Ok(Operation {
        query,
        variables,
        operation_name,
    })
}

/// The query string `query`, `variables` (JSON text) and `operationName`.
fn from_query(request: &ApiRequest<'_>) -> Result<Operation, Refusal> {
    let query = request.query_param("query").ok_or_else(missing_query)?;
    let variables = match request.query_param("variables") {
        None => Variables::default(),
        Some(text) if text.trim().is_empty() => Variables::default(),
        Some(text) => variables(serde_json::from_str(&text).map_err(|error| {
            refusal(
                400,
                &format!("\"variables\" is not valid JSON: {error}"),
                REQUEST_CATEGORY,
            )
        })?)?,
    };
    Ok(Operation {
        query,
        variables,
        operation_name: request
            .query_param("operationName")
            .filter(|name| !name.is_empty()),
    })
}

/// Variables from JSON: an object, or `null` for none.
fn variables(json: serde_json::Value) -> Result<Variables, Refusal> {
    match json {
        serde_json::Value::Null => Ok(Variables::default()),
        json @ serde_json::Value::Object(_) => Ok(Variables::from_json(json)),
        _ => Err(refusal(
            400,
            "\"variables\" must be a JSON object",
            REQUEST_CATEGORY,
        )),
    }
}

fn missing_query() -> Refusal {
    refusal(
        400,
        "The request must contain a \"query\" string",
        REQUEST_CATEGORY,
    )
}

/// Whether the operation the request selects is a mutation (a document that does not parse
/// or names no such operation is left to the executor to report).
fn is_mutation(operation: &Operation) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&operation.query) else {
        return false;
    };
    let selected = match (&document.operations, &operation.operation_name) {
        (DocumentOperations::Single(single), _) => Some(single),
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name.as_str()),
        (DocumentOperations::Multiple(_), None) => None,
    };
    selected.is_some_and(|operation| operation.node.ty == OperationType::Mutation)
}

/// A response of `status` with one error.
fn refusal(status: u16, message: &str, category: &str) -> ApiResponse {
    let error = request_error(message, category);
    ApiResponse::json(status, body(&[error], None), ResponseOrigin::Filter)
}

/// Magento's body: `errors` (when there are any) before `data`.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a Value>,
}

/// The JSON text of a response body.
fn body(errors: &[ServerError], data: Option<&Value>) -> Vec<u8> {
    // Serialising values the executor built (string keys, finite numbers) cannot fail.
    serde_json::to_vec(&Body { errors, data }).unwrap_or_default()
}

/// The HTTP response of an executed request. `data` is left out when execution never
/// started (request errors carry no `path`); the status is 401 (or `authorization_status`)
/// when an error is `graphql-authorization`, 200 otherwise.
pub(crate) fn respond(
    response: &Response,
    authorization_status: AuthorizationStatus,
) -> ApiResponse {
    let executed = response.data != Value::Null
        || response.errors.is_empty()
        || response.errors.iter().any(|error| !error.path.is_empty());
    let status = if response.errors.iter().any(is_authorization) {
        authorization_status.code()
    } else {
        200
    };
    ApiResponse::json(
        status,
        body(&response.errors, executed.then_some(&response.data)),
        ResponseOrigin::Action,
    )
}

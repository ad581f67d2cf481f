//! The GraphQL engine of the Magento emulation (`/graphql`, spec `magento-graphql.md`).
//!
//! The schema is Adobe's published SDL subset, vendored in `schema/magento-graphql/` and built
//! into an executable schema at start (async-graphql's dynamic schema), so introspection serves
//! the file as it is. The store plugs in through [`CustomerAccounts`]: one method per root
//! field, receiving typed arguments and the [`accounts::Caller`], returning typed values ([`model`])
//! or a categorised [`accounts::FieldError`]. Everything below a root field is served from the
//! returned value, only the fields selected, in request order.
//!
//! Layout: `schema` builds the executable schema from the SDL (`int_range` adds the
//! 32-bit check of `Int` inputs); `roots` reads root arguments
//! and calls the store; `fields` serves the other fields; `render` turns store values into
//! value trees; `exchange` drives the executor in place; `transport` reads HTTP requests and
//! writes responses; `errors` gives errors Magento's shape and `wording` graphql-php's words;
//! `documents` keeps recent documents parsed.

pub(crate) mod accounts;
mod documents;
mod errors;
mod exchange;
mod fields;
pub(crate) mod inputs;
mod int_range;
pub(crate) mod model;
mod options;
mod render;
mod roots;
mod schema;
mod store;
mod transport;
mod wording;

#[cfg(test)]
mod tests;

pub use options::{AuthorizationStatus, GraphqlOptions, GraphqlVersion};

use accounts::CustomerAccounts;
pub(crate) use store::StoreAccounts;

use crate::http::{ApiRequest, ApiResponse};
use async_graphql::dynamic::Schema;
use exchange::Exchange;
use std::sync::Arc;

/// The vendored SDL of each version.
const SDL_2_4_8: &str =
    include_str!("../../../../schema/magento-graphql/customer-account-2.4.8.graphql");
const SDL_2_4_9: &str =
    include_str!("../../../../schema/magento-graphql/customer-account-2.4.9.graphql");

/// The SDL text of `version`.
pub(crate) fn sdl(version: GraphqlVersion) -> &'static str {
    match version {
        GraphqlVersion::V2_4_7 | GraphqlVersion::V2_4_8 => SDL_2_4_8,
        GraphqlVersion::V2_4_9 => SDL_2_4_9,
    }
}

/// The executable schemas of every version, built once, and the parsed documents of recent
/// requests.
pub(crate) struct GraphqlEngine {
    schema_2_4_8: Schema,
    schema_2_4_9: Schema,
    documents: documents::Documents,
}

impl std::fmt::Debug for GraphqlEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphqlEngine").finish_non_exhaustive()
    }
}

impl GraphqlEngine {
    /// Builds the schema of every version from its SDL.
    ///
    /// # Errors
    /// What the engine cannot serve in a vendored SDL (a bug of the crate, caught by its
    /// tests).
    pub(crate) fn new() -> Result<Self, String> {
        Ok(Self {
            schema_2_4_8: schema::build(sdl(GraphqlVersion::V2_4_8))?,
            schema_2_4_9: schema::build(sdl(GraphqlVersion::V2_4_9))?,
            documents: documents::Documents::default(),
        })
    }

    /// The schema of `version`.
    fn schema(&self, version: GraphqlVersion) -> &Schema {
        match version {
            GraphqlVersion::V2_4_7 | GraphqlVersion::V2_4_8 => &self.schema_2_4_8,
            GraphqlVersion::V2_4_9 => &self.schema_2_4_9,
        }
    }

    /// Answers one request to `/graphql` from `accounts`, synchronously.
    pub(crate) fn handle(
        &self,
        request: &ApiRequest<'_>,
        accounts: &dyn CustomerAccounts,
        options: &GraphqlOptions,
    ) -> ApiResponse {
        let operation = match transport::read(request) {
            Ok(operation) => operation,
            Err(refusal) => return refusal,
        };
        let caller = transport::caller(request);
        let exchange = Arc::new(Exchange::default());
        let parsed = self.documents.parsed(&operation.query);
        let mut variables = operation.variables;
        if let Some(document) = &parsed {
            documents::apply_defaults(
                document,
                operation.operation_name.as_deref(),
                &mut variables,
            );
        }
        let mut graphql_request = async_graphql::Request::new(operation.query)
            .variables(variables)
            .data(exchange.clone());
        if let Some(document) = parsed {
            graphql_request.set_parsed_query(document);
        }
        if let Some(name) = operation.operation_name {
            graphql_request = graphql_request.operation_name(name);
        }
        let execution = self.schema(options.version).execute(graphql_request);
        let answered = exchange.drive(execution, |call| {
            call.run(accounts, &caller, options.version)
        });
        let mut response = answered.unwrap_or_else(|exchange::Stalled| {
            async_graphql::Response::from_errors(vec![errors::request_error(
                "the GraphQL executor waited for something other than the store",
                errors::BUG_CATEGORY,
            )])
        });
        errors::categorise(&mut response.errors);
        transport::respond(&response, options.authorization_status)
    }
}

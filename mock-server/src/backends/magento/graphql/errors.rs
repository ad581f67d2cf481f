//! Errors in Magento's shape: `message`, `locations`, `path`, `extensions.category` (spec §1.1).

use super::accounts::{ErrorCategory, FieldError};
use super::wording::magento_wording;
use async_graphql::{Context, ErrorExtensionValues, ServerError};

/// `extensions.category` of request errors: syntax, validation and variable coercion (the
/// category graphql-php gives its own errors).
pub(crate) const REQUEST_CATEGORY: &str = "graphql";

/// `extensions.category` of an error that is a bug of the mock itself (a store value the
/// schema cannot carry, a stalled executor). Never masked: the message says what went wrong.
pub(crate) const BUG_CATEGORY: &str = "storefront-mock-bug";

/// Extensions holding only `category`.
fn category(name: &str) -> Option<ErrorExtensionValues> {
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("category", name);
    Some(extensions)
}

/// A resolver error of the field `ctx` resolves: its location and path, Magento's message and
/// category.
pub(crate) fn field_error(ctx: &Context<'_>, error: &FieldError) -> ServerError {
    categorised(ctx, error.message.clone(), error.category.name())
}

/// A bug of the mock at the field `ctx` resolves (see [`BUG_CATEGORY`]); also logged.
pub(crate) fn bug(ctx: &Context<'_>, message: String) -> ServerError {
    tracing::error!(%message, "storefront-mock GraphQL bug");
    categorised(ctx, message, BUG_CATEGORY)
}

/// An error at the field `ctx` resolves.
fn categorised(ctx: &Context<'_>, message: String, name: &str) -> ServerError {
    let mut error = ctx.set_error_path(ServerError::new(message, Some(ctx.item.pos)));
    error.extensions = category(name);
    error
}

/// An error outside any field: `message` with `category`.
pub(crate) fn request_error(message: impl Into<String>, name: &str) -> ServerError {
    let mut error = ServerError::new(message, None);
    error.extensions = category(name);
    error
}

/// Gives every error without a category one: [`REQUEST_CATEGORY`] for request errors (no
/// path, worded as graphql-php words them), [`BUG_CATEGORY`] for the executor's own field
/// errors (`internal: …`, a value the schema cannot carry).
pub(crate) fn categorise(errors: &mut [ServerError]) {
    for error in errors.iter_mut().filter(|error| error.extensions.is_none()) {
        let name = if error.path.is_empty() {
            if let Some(message) = magento_wording(&error.message) {
                error.message = message;
            }
            REQUEST_CATEGORY
        } else {
            tracing::error!(message = %error.message, "storefront-mock GraphQL bug");
            BUG_CATEGORY
        };
        error.extensions = category(name);
    }
}

/// Whether an error has the category `graphql-authorization`.
pub(crate) fn is_authorization(error: &ServerError) -> bool {
    error
        .extensions
        .as_ref()
        .and_then(|extensions| extensions.get("category"))
        .is_some_and(|name| {
            *name == async_graphql::Value::from(ErrorCategory::Authorization.name())
        })
}

//! `POST /access-tokens`, `POST /refresh-tokens` (201 with the token pair) and
//! `DELETE /refresh-tokens/{token|mine}` (204 whatever was revoked; spec §2.2–§2.4).

use super::document::Attributes;
use super::errors::{GlueError, Outcome};
use super::resources::{no_content, single};
use super::routes::Call;
use super::rules;
use super::sessions::{self, Issued, LoginFailure};
use super::validation::validate;
use super::wire::token_resource;

/// The id of `DELETE /refresh-tokens/{id}` that revokes every token of the caller.
const MINE: &str = "mine";

/// 201 with the `kind` resource of a new pair.
fn created(call: &Call<'_>, kind: &'static str, issued: &Issued) -> Outcome {
    let resource = token_resource(
        kind,
        &issued.access_token,
        &issued.refresh_token,
        issued.expires_in,
        &call.origin,
    );
    Ok(single::<_, ()>(201, resource, Vec::new()))
}

/// `POST /access-tokens`.
pub(crate) fn login(call: &Call<'_>, attributes: &Attributes) -> Outcome {
    validate(attributes, &rules::login())?;
    let username = attributes.text("username").unwrap_or_default();
    let password = attributes.text("password").unwrap_or_default();
    match sessions::password_login(call, &username, &password, true) {
        Ok(issued) => created(call, "access-tokens", &issued),
        Err(LoginFailure::Blocked(minutes)) => Err(GlueError::too_many_logins(minutes).into()),
        Err(LoginFailure::Unconfirmed) => {
            Err(GlueError::login_failed(call.options.unconfirmed_login_status.status()).into())
        }
        Err(LoginFailure::Invalid) => Err(GlueError::login_failed(401).into()),
    }
}

/// `POST /refresh-tokens`.
pub(crate) fn refresh(call: &Call<'_>, attributes: &Attributes) -> Outcome {
    validate(attributes, &rules::refresh())?;
    let token = attributes.text("refreshToken").unwrap_or_default();
    match sessions::refresh(call, &token) {
        Some(issued) => created(call, "refresh-tokens", &issued),
        None => Err(GlueError::refresh_failed().into()),
    }
}

/// `DELETE /refresh-tokens/{token}`: revokes that token if it is the caller's, or every token
/// of the caller for `mine`. Access tokens stay valid until `exp`.
pub(crate) fn revoke(call: &Call<'_>, token: &str) -> Outcome {
    let caller = call.caller()?;
    let mut state = call.emulator.lock();
    if let Some(id) = state.customer_id(&caller.reference) {
        if token == MINE {
            state.refresh_tokens.revoke_all(id);
        } else {
            state.refresh_tokens.revoke(token, id);
        }
    }
    Ok(no_content())
}

//! Logins and refreshes, shared by the JSON:API resources and the OAuth form: the password
//! check (outside the state lock), the SecurityBlocker, double opt-in, rotation, and the
//! RS256 signature (also outside the lock, so that workers sign in parallel).

use super::jwt::TokenUser;
use super::routes::Call;
use crate::passwords::password_matches;

/// Length of a `jti` in bytes (80 hex digits, as league's `generateUniqueIdentifier(40)`).
const JTI_BYTES: usize = 40;

/// Why a login failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoginFailure {
    /// The SecurityBlocker refuses the address for this many more minutes.
    Blocked(i64),
    /// Right password, but the registration is not confirmed (double opt-in).
    Unconfirmed,
    /// Unknown email or wrong password.
    Invalid,
}

/// A new token pair.
pub(crate) struct Issued {
    /// The RS256 access token.
    pub(crate) access_token: String,
    /// The opaque refresh token.
    pub(crate) refresh_token: String,
    /// The access token's lifetime in seconds.
    pub(crate) expires_in: i64,
}

/// What a locked step hands to the signature.
struct Grant {
    user: TokenUser,
    jti: String,
    refresh_token: String,
}

/// Signs the access token of a grant.
fn sign(call: &Call<'_>, grant: Grant) -> Issued {
    let ttl = call.options.access_token_ttl;
    let access_token = call.emulator.mint(&grant.user, &grant.jti, call.now(), ttl);
    Issued {
        access_token,
        refresh_token: grant.refresh_token,
        expires_in: ttl,
    }
}

/// Issues a refresh token and a `jti` for the customer `id` (state locked).
fn grant(state: &mut super::SprykerState, call: &Call<'_>, id: u64) -> Option<Grant> {
    let customer = state.customers.get(&id)?;
    let user = TokenUser {
        reference: customer.reference.clone(),
        id_customer: id,
    };
    let expires_at = call.now().saturating_add(call.options.refresh_token_ttl);
    let refresh_token = state.refresh_tokens.issue(id, expires_at, &mut state.rng);
    let jti = state.random_hex(JTI_BYTES);
    Some(Grant {
        user,
        jti,
        refresh_token,
    })
}

/// The password grant: `username` and `password` of a customer. `blocker` applies the
/// SecurityBlocker (the JSON:API resource has it, the OAuth form does not).
pub(crate) fn password_login(
    call: &Call<'_>,
    username: &str,
    password: &str,
    blocker: bool,
) -> Result<Issued, LoginFailure> {
    let blocker = blocker && call.options.security_blocker;
    let address = call.context.client_ip;
    let now = call.now();
    let (customer_id, hash) = {
        let state = call.emulator.lock();
        if blocker && let Some(minutes) = state.blocker.blocked_minutes(address, username, now) {
            return Err(LoginFailure::Blocked(minutes));
        }
        match state.customer_by_email(username) {
            Some(customer) => (Some(customer.id), customer.password_hash.clone()),
            None => (None, state.dummy_hash.as_str().to_owned()),
        }
    };
    let correct = password_matches(&hash, password);
    let mut state = call.emulator.lock();
    let confirmed = customer_id.and_then(|id| {
        let customer = state.customers.get(&id)?;
        // The password may have changed while the lock was released.
        let correct = if customer.password_hash == hash {
            correct
        } else {
            password_matches(&customer.password_hash, password)
        };
        correct.then_some((id, customer.registered || !call.options.double_opt_in))
    });
    let failure = match confirmed {
        Some((id, true)) => {
            let grant = grant(&mut state, call, id);
            drop(state);
            return grant
                .map(|grant| sign(call, grant))
                .ok_or(LoginFailure::Invalid);
        }
        Some((_, false)) => LoginFailure::Unconfirmed,
        None => LoginFailure::Invalid,
    };
    if blocker {
        state.blocker.record_failure(address, username, now);
    }
    Err(failure)
}

/// The refresh grant: a new pair for a live refresh token, which rotation spends.
pub(crate) fn refresh(call: &Call<'_>, refresh_token: &str) -> Option<Issued> {
    let grant = {
        let mut state = call.emulator.lock();
        let id = state
            .refresh_tokens
            .redeem(refresh_token, call.now(), call.options.rotation)?;
        grant(&mut state, call, id)?
    };
    Some(sign(call, grant))
}

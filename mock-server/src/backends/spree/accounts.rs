//! Registration, login, refresh, logout, password resets and the profile.

use super::errors::{SpreeError, ValidationErrors};
use super::json::rails_json;
use super::model::Customer;
use super::options::{LoginEmailMatch, MissingPasswordResetMode, SpreeOptions};
use super::params::{Params, is_blank, presence, squish};
use super::routes::ActionInput;
use super::tokens::{ResetClaims, refresh_token_digest};
use super::{RequestContext, SpreeEmulator, SpreeState};
use crate::clock::rfc3339;
use crate::http::{ApiResponse, ResponseOrigin};
use crate::outbox::OutboxMessage;
use crate::passwords::password_matches;

/// Body of every password-reset request answer.
const RESET_REQUESTED_MESSAGE: &str =
    "If an account exists for that email, password reset instructions have been sent.";

/// Devise's email format.
fn email_format_valid(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Devise `:validatable` password checks: presence (if required), confirmation, length.
fn validate_password(
    errors: &mut ValidationErrors,
    password: Option<&str>,
    confirmation: Option<&str>,
    required: bool,
    options: &SpreeOptions,
) {
    let password_text = password.unwrap_or_default();
    let blank = password_text.trim().is_empty();
    if required && blank {
        errors.add("password", "can't be blank");
    }
    if let Some(confirmation) = confirmation
        && confirmation != password_text
    {
        errors.add("password_confirmation", "doesn't match Password");
    }
    let length = password_text.chars().count();
    if !blank {
        if length < options.password_min_length {
            errors.add(
                "password",
                format!(
                    "is too short (minimum is {} characters)",
                    options.password_min_length
                ),
            );
        } else if length > options.password_max_length {
            errors.add(
                "password",
                format!(
                    "is too long (maximum is {} characters)",
                    options.password_max_length
                ),
            );
        }
    }
}

/// Devise email checks: presence, uniqueness, format.
fn validate_email(
    errors: &mut ValidationErrors,
    state: &SpreeState,
    email: Option<&str>,
    owner: Option<u64>,
) {
    match email {
        None => errors.add("email", "can't be blank"),
        Some(email) => {
            if state
                .customer_by_email
                .get(email)
                .is_some_and(|existing| Some(*existing) != owner)
            {
                errors.add("email", "has already been taken");
            }
            if !email_format_valid(email) {
                errors.add("email", "is invalid");
            }
        }
    }
}

/// Normalised email: squished and lower-cased, `None` when blank.
fn normalize_email(raw: Option<String>) -> Option<String> {
    presence(raw).map(|email| email.to_lowercase())
}

/// `POST /customers`.
pub(crate) fn register(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    let params = input.params;
    let options = context.options;
    let email = normalize_email(params.string("email"));
    let password = params.string("password");
    let confirmation = params.string("password_confirmation");
    let mut errors = ValidationErrors::default();
    validate_email(&mut errors, state, email.as_deref(), None);
    validate_password(
        &mut errors,
        password.as_deref(),
        confirmation.as_deref(),
        true,
        &options.spree,
    );
    let (Some(email), Some(password), true) = (email, password, errors.is_empty()) else {
        return Err(SpreeError::Validation(errors));
    };
    let password_hash = state.hash_password(&password, options);
    let customer_id = state.insert_customer(
        Customer {
            internal_id: 0,
            public_id: String::new(),
            email,
            password_hash,
            first_name: presence(params.string("first_name")),
            last_name: presence(params.string("last_name")),
            phone: presence(params.string("phone")),
            accepts_email_marketing: params.boolean("accepts_email_marketing").unwrap_or(false),
            metadata: params.object("metadata"),
            bill_address_id: None,
            ship_address_id: None,
            newsletter: None,
            failed_logins: 0,
            locked_until: None,
        },
        options,
        context.now,
    );
    Ok(state.auth_response(201, customer_id, context, input.currency))
}

/// The stored email a login looks up (spec §4.2: exact in 5.6.1, lower-cased in 6.0).
fn login_lookup(email: &str, options: &SpreeOptions) -> String {
    let lookup = squish(email);
    match options.login_email_match {
        LoginEmailMatch::CaseInsensitive => lookup.to_lowercase(),
        LoginEmailMatch::Exact => lookup,
    }
}

/// A login's password, verified against the stored hash before the state lock is taken,
/// so that hashing on one worker never stalls the others.
pub(crate) struct PasswordCheck {
    /// The hash it was checked against (the dummy hash for an unknown email).
    hash: String,
    /// Whether the password matched.
    correct: bool,
}

/// Verifies a login's password outside the state lock; `None` when the request has no
/// email or password (the action reports that).
pub(crate) fn check_login_password(
    backend: &SpreeEmulator,
    params: &Params,
    options: &SpreeOptions,
) -> Option<PasswordCheck> {
    let email = params.string("email").filter(|e| !e.trim().is_empty())?;
    let password = params.string("password").filter(|p| !p.trim().is_empty())?;
    let hash = {
        let state = backend.lock();
        let lookup = login_lookup(&email, options);
        state
            .customer_by_email
            .get(&lookup)
            .and_then(|id| state.customers.get(id))
            .map(|customer| customer.password_hash.clone())
            .unwrap_or_else(|| state.dummy_password_hash.as_str().to_owned())
    };
    let correct = password_matches(&hash, &password);
    Some(PasswordCheck { hash, correct })
}

/// `POST /auth/login`.
pub(crate) fn login(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    let params = input.params;
    let options = context.options;
    if let Some(provider) = params.string("provider").filter(|p| !p.trim().is_empty())
        && provider != "email"
    {
        return Err(SpreeError::InvalidProvider(provider));
    }
    let email = params.string("email");
    let password = params.string("password");
    if is_blank(email.as_deref()) {
        return Err(SpreeError::AuthenticationFailed("Email is required"));
    }
    if is_blank(password.as_deref()) {
        return Err(SpreeError::AuthenticationFailed("Password is required"));
    }
    let password = password.unwrap_or_default();
    let customer_id = state
        .customer_by_email
        .get(&login_lookup(
            email.as_deref().unwrap_or_default(),
            &options.spree,
        ))
        .copied();
    let Some(customer_id) = customer_id else {
        // Same work as a wrong password, so both failures look alike.
        if input.password_check.is_none() {
            state.dummy_password_hash.burn(&password);
        }
        return Err(SpreeError::AuthenticationFailed(
            "Invalid email or password",
        ));
    };
    let lockout = &options.spree.lockout;
    let Some((password_hash, locked_until)) = state
        .customers
        .get(&customer_id)
        .map(|customer| (customer.password_hash.clone(), customer.locked_until))
    else {
        return Err(SpreeError::AuthenticationFailed(
            "Invalid email or password",
        ));
    };
    if lockout.enabled && locked_until.is_some_and(|until| until > context.now) {
        return Err(SpreeError::AuthenticationFailed(
            "Account temporarily locked. Try again later.",
        ));
    }
    // Checked before the state was locked, unless the password changed since.
    let password_correct = match input.password_check {
        Some(check) if check.hash == password_hash => check.correct,
        _ => password_matches(&password_hash, &password),
    };
    let Some(customer) = state.customers.get_mut(&customer_id) else {
        return Err(SpreeError::AuthenticationFailed(
            "Invalid email or password",
        ));
    };
    if !password_correct {
        if lockout.enabled {
            customer.failed_logins = customer.failed_logins.saturating_add(1);
            if customer.failed_logins >= lockout.max_failed_login_attempts {
                customer.locked_until = Some(context.now.saturating_add(lockout.lockout_duration));
                customer.failed_logins = 0;
            }
        }
        return Err(SpreeError::AuthenticationFailed(
            "Invalid email or password",
        ));
    }
    customer.failed_logins = 0;
    customer.locked_until = None;
    Ok(state.auth_response(200, customer_id, context, input.currency))
}

/// `POST /auth/refresh`: single-use rotation.
pub(crate) fn refresh(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    let Some(token) = input
        .params
        .string("refresh_token")
        .filter(|t| !t.trim().is_empty())
    else {
        return Err(SpreeError::InvalidRefreshToken("refresh_token is required"));
    };
    let digest = refresh_token_digest(&token);
    let row = state.refresh_tokens.get(&digest).copied().filter(|row| {
        row.expires_at > context.now && state.customers.contains_key(&row.customer_id)
    });
    let Some(row) = row else {
        return Err(SpreeError::InvalidRefreshToken(
            "Invalid or expired refresh token",
        ));
    };
    state.refresh_tokens.remove(&digest);
    Ok(state.auth_response(200, row.customer_id, context, input.currency))
}

/// `POST /auth/logout`: always 204.
pub(crate) fn logout(state: &mut SpreeState, input: &ActionInput<'_>) -> ApiResponse {
    if let Some(token) = input.params.string("refresh_token") {
        state.refresh_tokens.remove(&refresh_token_digest(&token));
    }
    ApiResponse::empty(204, ResponseOrigin::Action)
}

/// Whether `url` matches one of the allowed origins (loopback hosts match any port).
fn redirect_allowed(url: &str, allowed_origins: &[String]) -> bool {
    let Ok(url) = url::Url::parse(url) else {
        return false;
    };
    let loopback = |host: &str| {
        matches!(
            host.trim_start_matches('[').trim_end_matches(']'),
            "localhost" | "127.0.0.1" | "::1" | "0.0.0.0"
        )
    };
    allowed_origins.iter().any(|origin| {
        let Ok(origin) = url::Url::parse(origin) else {
            return false;
        };
        let host = url.host_str().unwrap_or_default();
        origin.scheme() == url.scheme()
            && origin
                .host_str()
                .unwrap_or_default()
                .eq_ignore_ascii_case(host)
            && (origin.port_or_known_default() == url.port_or_known_default() || loopback(host))
    })
}

/// `POST /password_resets`: always the same 202.
pub(crate) fn request_password_reset(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> ApiResponse {
    let params = input.params;
    let options = context.options;
    let email = params.string("email").map(|email| squish(&email));
    let redirect_url = params
        .string("redirect_url")
        .filter(|url| redirect_allowed(url, &options.spree.allowed_origins));
    if let Some(customer) = email
        .as_deref()
        .and_then(|email| state.customer_by_email.get(email))
        .and_then(|id| state.customers.get(id))
    {
        let token = state.reset_signer.sign(&ResetClaims {
            customer_id: customer.internal_id,
            fingerprint: state
                .reset_signer
                .password_fingerprint(&customer.password_hash),
            expires_at: context
                .now
                .saturating_add(options.spree.password_reset_expiry),
        });
        let mut message = OutboxMessage::new(
            "password_reset",
            &customer.email,
            token,
            rfc3339(context.now, false),
        );
        message.redirect_url = redirect_url;
        context.publish(message);
    }
    let body = rails_json(&serde_json::json!({ "message": RESET_REQUESTED_MESSAGE }));
    ApiResponse::json(202, body, ResponseOrigin::Action)
}

/// `PATCH /password_resets/{token}`: set the password, revoke every refresh token, log in.
pub(crate) fn complete_password_reset(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
    token: &str,
) -> Result<ApiResponse, SpreeError> {
    let options = context.options;
    let customer_id = state
        .reset_signer
        .verify(token)
        .filter(|claims| claims.expires_at > context.now)
        .and_then(|claims| {
            state
                .customers
                .get(&claims.customer_id)
                .filter(|customer| {
                    state
                        .reset_signer
                        .password_fingerprint(&customer.password_hash)
                        == claims.fingerprint
                })
                .map(|customer| customer.internal_id)
        })
        .ok_or(SpreeError::PasswordResetTokenInvalid)?;
    let password = input.params.string("password");
    let confirmation = input.params.string("password_confirmation");
    match password {
        None if options.spree.missing_password_reset == MissingPasswordResetMode::Devise561 => {}
        _ => {
            let mut errors = ValidationErrors::default();
            validate_password(
                &mut errors,
                password.as_deref(),
                confirmation.as_deref(),
                true,
                &options.spree,
            );
            if !errors.is_empty() {
                return Err(SpreeError::Validation(errors));
            }
            let hash = state.hash_password(password.as_deref().unwrap_or_default(), options);
            if let Some(customer) = state.customers.get_mut(&customer_id) {
                customer.password_hash = hash;
            }
        }
    }
    state.revoke_refresh_tokens(customer_id);
    Ok(state.auth_response(200, customer_id, context, input.currency))
}

/// `GET /customers/me`.
pub(crate) fn show_profile(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    let customer_id = input
        .customer_id
        .ok_or(SpreeError::AuthenticationRequired)?;
    Ok(state.customer_response(200, customer_id, context, input.currency))
}

/// `PATCH /customers/me`.
pub(crate) fn update_profile(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    let params = input.params;
    let options = context.options;
    let customer_id = input
        .customer_id
        .ok_or(SpreeError::AuthenticationRequired)?;
    let Some((stored_email, password_hash)) = state
        .customers
        .get(&customer_id)
        .map(|customer| (customer.email.clone(), customer.password_hash.clone()))
    else {
        return Err(SpreeError::AuthenticationRequired);
    };
    let raw_email = params.string("email");
    let password = params.string("password").filter(|p| !p.is_empty());
    let email_changes = raw_email
        .as_deref()
        .is_some_and(|email| !email.trim().is_empty() && email != stored_email);
    if email_changes || password.is_some() {
        let current = params.string("current_password").unwrap_or_default();
        if current.is_empty() || !password_matches(&password_hash, &current) {
            return Err(SpreeError::CurrentPasswordInvalid);
        }
    }
    let mut errors = ValidationErrors::default();
    let new_email = if params.contains("email") {
        let email = normalize_email(raw_email);
        validate_email(&mut errors, state, email.as_deref(), Some(customer_id));
        Some(email)
    } else {
        None
    };
    if password.is_some() {
        validate_password(
            &mut errors,
            password.as_deref(),
            params.string("password_confirmation").as_deref(),
            true,
            &options.spree,
        );
    }
    if !errors.is_empty() {
        return Err(SpreeError::Validation(errors));
    }
    let new_hash = password.map(|password| state.hash_password(&password, options));
    let subscribe = params.boolean("accepts_email_marketing");
    let subscription = match subscribe {
        Some(true) => Some(state.new_subscription(context.now)),
        _ => None,
    };
    let Some(customer) = state.customers.get_mut(&customer_id) else {
        return Err(SpreeError::AuthenticationRequired);
    };
    let old_email = customer.email.clone();
    for (key, field) in [
        ("first_name", &mut customer.first_name),
        ("last_name", &mut customer.last_name),
        ("phone", &mut customer.phone),
    ] {
        if params.contains(key) {
            *field = presence(params.string(key));
        }
    }
    if let Some(metadata) = params.object("metadata") {
        customer.metadata = Some(metadata);
    }
    if let Some(hash) = new_hash {
        customer.password_hash = hash;
    }
    match subscribe {
        Some(true) => {
            customer.accepts_email_marketing = true;
            if customer.newsletter.is_none() {
                customer.newsletter = subscription;
            }
        }
        Some(false) => {
            customer.accepts_email_marketing = false;
            customer.newsletter = None;
        }
        None => {}
    }
    if let Some(Some(email)) = new_email
        && email != old_email
    {
        customer.email = email.clone();
        state.customer_by_email.remove(&old_email);
        state.customer_by_email.insert(email, customer_id);
    }
    Ok(state.customer_response(200, customer_id, context, input.currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devise_email_format() {
        assert!(email_format_valid("a@b"));
        assert!(email_format_valid("ann@example.com"));
        assert!(!email_format_valid("ann"));
        assert!(!email_format_valid("a@b@c"));
        assert!(!email_format_valid("@b"));
        assert!(!email_format_valid("a b@c"));
    }

    #[test]
    fn redirect_urls_need_an_allowed_origin() {
        let allowed = vec![
            "https://shop.example".to_owned(),
            "http://localhost:3000".to_owned(),
        ];
        assert!(redirect_allowed("https://shop.example/reset?x=1", &allowed));
        assert!(!redirect_allowed("https://evil.example/reset", &allowed));
        assert!(!redirect_allowed("http://shop.example/reset", &allowed));
        assert!(redirect_allowed("http://localhost:5173/reset", &allowed));
        assert!(!redirect_allowed("https://shop.example/", &[]));
        assert!(!redirect_allowed("not a url", &allowed));
    }
}

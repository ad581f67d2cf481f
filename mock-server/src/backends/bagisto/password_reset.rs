//! `POST /forgot-passwords` (spec §2.5, §5): the customers' password broker sends a link to
//! the storefront's web reset form, published to the outbox. Every answer is 201; an unknown
//! email and a throttled one both read `Email address not found`. No route completes a reset.

use super::input::{Body, Field, Kind};
use super::wire::{self, Outcome};
use super::{BagistoState, php};
use crate::clock::rfc3339;
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse};
use crate::outbox::OutboxMessage;
use crate::random;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

const EMAIL: Field = Field::new(&["email"], Kind::Text);

/// The fields the operation declares.
pub(crate) const FIELDS: &[Field] = &[EMAIL];

/// `graphql.forgot-password.email-required`.
const EMAIL_REQUIRED: &str = "Email is required";
/// `graphql.forgot-password.email-not-found`.
const EMAIL_NOT_FOUND: &str = "Email address not found";
/// `graphql.forgot-password.reset-link-sent`.
const LINK_SENT: &str = "Reset link sent successfully to your email";
/// Hex digits of a broker token (`hash_hmac('sha256', …)`).
const TOKEN_LENGTH: usize = 64;
/// Lower-case hex digits.
const HEX: &[u8] = b"0123456789abcdef";

/// The link of the storefront's reset form on the requested host.
fn reset_link(request: &ApiRequest<'_>, token: &str, email: &str) -> String {
    let host = request.header("host").unwrap_or("localhost");
    format!(
        "http://{host}/customer/reset-password/{token}?email={}",
        utf8_percent_encode(email, NON_ALPHANUMERIC)
    )
}

/// `POST /forgot-passwords`.
pub(crate) fn request(
    state: &mut BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
    body: &Body,
) -> ApiResponse {
    let email = body.text(&EMAIL).unwrap_or_default();
    if php::empty_str(email) {
        return wire::output(201, &Outcome::new(false, EMAIL_REQUIRED));
    }
    let throttle = i64::try_from(context.options.bagisto.broker_throttle).unwrap_or(i64::MAX);
    let customer = state
        .customer_by_email(email)
        .filter(|id| {
            state
                .reset_links
                .get(id)
                .is_none_or(|sent| sent.saturating_add(throttle) <= context.now)
        })
        .and_then(|id| state.customers.get(&id));
    let Some(customer) = customer else {
        return wire::output(201, &Outcome::new(false, EMAIL_NOT_FOUND));
    };
    let (id, to) = (customer.id, customer.email.clone());
    let token = random::string_from(HEX, TOKEN_LENGTH, &mut state.rng);
    state.reset_links.insert(id, context.now);
    let mut message = OutboxMessage::new(
        "password_reset",
        &to,
        token.clone(),
        rfc3339(context.now, false),
    );
    message.extra.insert(
        "link".to_owned(),
        serde_json::Value::String(reset_link(request, &token, &to)),
    );
    context.publish(message);
    wire::output(201, &Outcome::new(true, LINK_SENT))
}

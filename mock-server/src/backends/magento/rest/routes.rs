//! Route recognition: `/rest/<store>/V1/…` and `/rest/V1/…` (the default store), the routes of
//! the customer-account subset with their ACL resource, as `webapi.xml` declares them.

use crate::backends::magento::store::StoreView;
use crate::backends::magento::store::directory::{self, DEFAULT_STORE};

/// Prefix of every REST path.
pub(crate) const REST_PREFIX: &str = "/rest";

/// Who may call a route (`<resource ref=…>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Acl {
    /// `anonymous`.
    Anonymous,
    /// `self`: a customer token.
    Customer,
    /// An admin resource (`Magento_Customer::manage`, …): an admin token.
    Admin(&'static str),
}

/// The operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// `POST /V1/customers`.
    Register,
    /// `POST /V1/customers/isEmailAvailable`.
    EmailAvailable,
    /// `POST /V1/integration/customer/token`.
    CustomerToken,
    /// `POST /V1/integration/admin/token`.
    AdminToken,
    /// `POST /V1/integration/customer/revoke-customer-token`.
    Revoke,
    /// `GET /V1/customers/me`.
    Me,
    /// `PUT /V1/customers/me`.
    SaveMe,
    /// `PUT /V1/customers/me/password`.
    ChangePassword,
    /// `PUT /V1/customers/me/activate`.
    ActivateMe,
    /// `GET /V1/customers/me/billingAddress`.
    BillingAddress,
    /// `GET /V1/customers/me/shippingAddress`.
    ShippingAddress,
    /// `PUT /V1/customers/password`.
    RequestReset,
    /// `POST /V1/customers/resetPassword`.
    ResetPassword,
    /// `GET /V1/customers/:customerId/password/resetLinkToken/:token`.
    ValidateResetToken(String, String),
    /// `PUT /V1/customers/:email/activate` (admin).
    ActivateByEmail(String),
    /// `GET /V1/customers/:customerId` (admin).
    CustomerById(String),
}

impl Route {
    /// Who may call it.
    pub(crate) fn acl(&self) -> Acl {
        match self {
            Route::Revoke
            | Route::Me
            | Route::SaveMe
            | Route::ChangePassword
            | Route::ActivateMe
            | Route::BillingAddress
            | Route::ShippingAddress => Acl::Customer,
            Route::ActivateByEmail(_) => Acl::Admin("Magento_Customer::manage"),
            Route::CustomerById(_) => Acl::Admin("Magento_Customer::customer"),
            _ => Acl::Anonymous,
        }
    }
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

/// The store view and route of a path, if it is one: `None` for anything outside
/// `/rest/[<store>/]V1/` and for an unknown route, method or store code. Trailing slashes
/// are ignored, as Magento trims the path.
pub(crate) fn recognize(method: &str, path: &str) -> Option<(&'static StoreView, Route)> {
    let rest = path.strip_prefix(REST_PREFIX)?.strip_prefix('/')?;
    let rest = rest.trim_end_matches('/');
    let (store, rest) = match rest.split_once('/') {
        Some(("V1", _)) => (&DEFAULT_STORE, rest),
        Some((code, rest)) => (directory::store_by_code(code)?, rest),
        None => return None,
    };
    let segments: Vec<&str> = rest.strip_prefix("V1/")?.split('/').collect();
    let route = match (method, segments.as_slice()) {
        ("POST", ["customers"]) => Route::Register,
        ("POST", ["customers", "isEmailAvailable"]) => Route::EmailAvailable,
        ("POST", ["integration", "customer", "token"]) => Route::CustomerToken,
        ("POST", ["integration", "admin", "token"]) => Route::AdminToken,
        ("POST", ["integration", "customer", "revoke-customer-token"]) => Route::Revoke,
        ("GET", ["customers", "me"]) => Route::Me,
        ("PUT", ["customers", "me"]) => Route::SaveMe,
        ("PUT", ["customers", "me", "password"]) => Route::ChangePassword,
        ("PUT", ["customers", "me", "activate"]) => Route::ActivateMe,
        ("GET", ["customers", "me", "billingAddress"]) => Route::BillingAddress,
        ("GET", ["customers", "me", "shippingAddress"]) => Route::ShippingAddress,
        ("PUT", ["customers", "password"]) => Route::RequestReset,
        ("POST", ["customers", "resetPassword"]) => Route::ResetPassword,
        ("GET", ["customers", id, "password", "resetLinkToken", token])
            if !id.is_empty() && !token.is_empty() =>
        {
            Route::ValidateResetToken(decode(id), decode(token))
        }
        ("PUT", ["customers", email, "activate"]) if !email.is_empty() => {
            Route::ActivateByEmail(decode(email))
        }
        ("GET", ["customers", id]) if !id.is_empty() => Route::CustomerById(decode(id)),
        _ => return None,
    };
    Some((store, route))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_codes_and_routes() {
        let (store, route) = recognize("POST", "/rest/default/V1/customers").expect("route");
        assert_eq!((store.code, route), ("default", Route::Register));
        let (store, route) = recognize("GET", "/rest/V1/customers/me/").expect("route");
        assert_eq!((store.code, route), ("default", Route::Me));
        let (store, _) =
            recognize("POST", "/rest/all/V1/integration/customer/token").expect("route");
        assert_eq!(store.website_id, 0);
        assert_eq!(
            recognize(
                "GET",
                "/rest/default/V1/customers/7/password/resetLinkToken/a%2Bb"
            )
            .map(|r| r.1),
            Some(Route::ValidateResetToken("7".into(), "a+b".into()))
        );
        assert_eq!(
            recognize("PUT", "/rest/default/V1/customers/me/activate").map(|r| r.1),
            Some(Route::ActivateMe)
        );
        assert_eq!(recognize("DELETE", "/rest/default/V1/customers/me"), None);
        assert_eq!(recognize("GET", "/rest/nope/V1/customers/me"), None);
        assert_eq!(recognize("GET", "/rest/default/V2/customers/me"), None);
        assert_eq!(recognize("GET", "/api/v3/store/customers/me"), None);
        assert_eq!(Route::Me.acl(), Acl::Customer);
        assert_eq!(Route::Register.acl(), Acl::Anonymous);
    }
}

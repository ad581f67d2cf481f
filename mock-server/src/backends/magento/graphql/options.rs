//! The knobs of the GraphQL endpoint, meant to be embedded in the Magento options.

use serde::{Deserialize, Serialize};

/// The Magento release whose schema `/graphql` serves (spec §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub enum GraphqlVersion {
    /// 2.4.7: the 2.4.8 schema (the customer-account subset the spec covers is the same), and
    /// login of an unconfirmed account gets the generic sign-in error (spec §2.2, §6).
    #[serde(rename = "2.4.7")]
    V2_4_7,
    /// 2.4.8: `CustomerAddress.id` and the `id: Int!` address mutations.
    #[default]
    #[serde(rename = "2.4.8")]
    V2_4_8,
    /// 2.4.9: adds `CustomerAddress.uid` and `updateCustomerAddressV2` /
    /// `deleteCustomerAddressV2(uid: ID!)`; `Customer.id` becomes `ID!`.
    #[serde(rename = "2.4.9")]
    V2_4_9,
}

impl GraphqlVersion {
    /// Every version, oldest first.
    pub const ALL: [GraphqlVersion; 3] = [Self::V2_4_7, Self::V2_4_8, Self::V2_4_9];
}

/// The HTTP status of a response whose errors include `graphql-authorization` (spec §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AuthorizationStatus {
    /// 401, as Adobe documents.
    #[default]
    Unauthorized,
    /// 200, as some deployments answer.
    Ok,
}

impl AuthorizationStatus {
    /// The status code.
    pub fn code(self) -> u16 {
        match self {
            Self::Unauthorized => 401,
            Self::Ok => 200,
        }
    }
}

/// Options of the GraphQL endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct GraphqlOptions {
    /// The schema served.
    pub version: GraphqlVersion,
    /// The status of `graphql-authorization` failures.
    pub authorization_status: AuthorizationStatus,
}

//! The attributes of Spryker's resources, in the transfers' order (spec §2, the docs'
//! samples). A string attribute without a value is left out rather than `null`: the generated
//! OpenAPI types them as non-nullable strings (DISCREPANCIES: the mock satisfies both).

use super::model::{Address, Customer};
use super::resources::{Links, Relationships, Resource};
use serde::Serialize;

/// A Propel datetime as Glue writes it: `2020-10-07 07:02:32.000000` (UTC, mock clock).
pub(crate) fn timestamp(unix_seconds: i64) -> String {
    let moment = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.000000",
        moment.year(),
        u8::from(moment.month()),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second()
    )
}

/// `customers` attributes.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CustomerAttributes<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    salutation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_of_birth: Option<&'a str>,
    email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    created_at: String,
    updated_at: String,
}

/// The `customers` resource of `customer`, optionally with its address relationships.
pub(crate) fn customer_resource<'a>(
    customer: &'a Customer,
    origin: &str,
    relationships: Option<Relationships>,
) -> Resource<CustomerAttributes<'a>> {
    Resource {
        kind: "customers",
        id: Some(customer.reference.clone()),
        attributes: CustomerAttributes {
            salutation: customer.salutation.as_deref(),
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
            gender: customer.gender.as_deref(),
            date_of_birth: customer.date_of_birth.as_deref(),
            email: &customer.email,
            phone: customer.phone.as_deref(),
            created_at: timestamp(customer.created_at),
            updated_at: timestamp(customer.updated_at),
        },
        links: Links::to(origin, &format!("/customers/{}", customer.reference)),
        relationships,
    }
}

/// `addresses` attributes.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AddressAttributes<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    salutation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address1: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address2: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address3: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zip_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<&'a str>,
    country: &'static str,
    iso2_code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    is_default_shipping: bool,
    is_default_billing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
}

/// The `addresses` resource of `address` (of the customer `owner`); `comment` only in the API
/// Platform variant.
pub(crate) fn address_resource<'a>(
    address: &'a Address,
    owner: &Customer,
    origin: &str,
    api_platform: bool,
) -> Resource<AddressAttributes<'a>> {
    Resource {
        kind: "addresses",
        id: Some(address.uuid.clone()),
        attributes: AddressAttributes {
            salutation: address.salutation.as_deref(),
            first_name: address.first_name.as_deref(),
            last_name: address.last_name.as_deref(),
            address1: address.address1.as_deref(),
            address2: address.address2.as_deref(),
            address3: address.address3.as_deref(),
            zip_code: address.zip_code.as_deref(),
            city: address.city.as_deref(),
            country: address.country.1,
            iso2_code: address.country.0,
            company: address.company.as_deref(),
            phone: address.phone.as_deref(),
            is_default_shipping: owner.default_shipping == Some(address.id),
            is_default_billing: owner.default_billing == Some(address.id),
            comment: address.comment.as_deref().filter(|_| api_platform),
        },
        links: Links::to(
            origin,
            &format!("/customers/{}/addresses/{}", owner.reference, address.uuid),
        ),
        relationships: None,
    }
}

/// `access-tokens` and `refresh-tokens` attributes (seed 003's order; `expiresIn` an integer).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TokenAttributes<'a> {
    token_type: &'static str,
    expires_in: i64,
    access_token: &'a str,
    refresh_token: &'a str,
    id_company_user: Option<&'a str>,
}

/// The token resource of `kind` (`access-tokens` or `refresh-tokens`), without an id.
pub(crate) fn token_resource<'a>(
    kind: &'static str,
    access_token: &'a str,
    refresh_token: &'a str,
    expires_in: i64,
    origin: &str,
) -> Resource<TokenAttributes<'a>> {
    Resource {
        kind,
        id: None,
        attributes: TokenAttributes {
            token_type: "Bearer",
            expires_in,
            access_token,
            refresh_token,
            id_company_user: None,
        },
        links: Links::to(origin, &format!("/{kind}")),
        relationships: None,
    }
}

/// `customers-confirm-registration` attributes (API Platform).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConfirmedAttributes<'a> {
    email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salutation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_of_birth: Option<&'a str>,
    created_at: String,
    updated_at: String,
}

/// The `customers-confirm-registration` resource of a confirmed customer.
pub(crate) fn confirmed_resource<'a>(
    customer: &'a Customer,
    origin: &str,
) -> Resource<ConfirmedAttributes<'a>> {
    Resource {
        kind: "customers-confirm-registration",
        id: Some(customer.reference.clone()),
        attributes: ConfirmedAttributes {
            email: &customer.email,
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
            salutation: customer.salutation.as_deref(),
            gender: customer.gender.as_deref(),
            date_of_birth: customer.date_of_birth.as_deref(),
            created_at: timestamp(customer.created_at),
            updated_at: timestamp(customer.updated_at),
        },
        links: Links::to(
            origin,
            &format!("/customers/{}/confirm-registration", customer.reference),
        ),
        relationships: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_propel_datetimes() {
        assert_eq!(timestamp(1_601_953_352), "2020-10-06 03:02:32.000000");
        assert_eq!(timestamp(0), "1970-01-01 00:00:00.000000");
    }
}

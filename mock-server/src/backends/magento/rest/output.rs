//! Response shapes (spec §3): snake_case keys in the order of Magento's data interfaces,
//! null values left out, ids as integers, the customer's default address ids as strings, the
//! `region` object always complete, dates as `Y-m-d H:i:s` (UTC).

use crate::backends::magento::store::Customer;
use crate::backends::magento::store::model::{Address, RegionValue};
use serde::Serialize;

/// `Y-m-d H:i:s` of unix seconds, UTC.
pub(crate) fn magento_date(unix_seconds: i64) -> String {
    let moment = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        moment.year(),
        u8::from(moment.month()),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second()
    )
}

/// `RegionInterface`: every key present (empty strings and 0 without a region).
#[derive(Serialize)]
struct RegionJson<'a> {
    region_code: &'a str,
    region: &'a str,
    region_id: u32,
}

/// `AddressInterface`.
#[derive(Serialize)]
pub(crate) struct AddressJson<'a> {
    id: u64,
    customer_id: u64,
    region: RegionJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country_id: Option<&'a str>,
    street: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fax: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    postcode: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    firstname: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lastname: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    middlename: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vat_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_shipping: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_billing: Option<bool>,
}

/// The extension attributes the mock keeps.
#[derive(Serialize)]
struct ExtensionJson {
    is_subscribed: bool,
}

/// `CustomerInterface`.
#[derive(Serialize)]
pub(crate) struct CustomerJson<'a> {
    id: u64,
    group_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_billing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_shipping: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confirmation: Option<&'a str>,
    created_at: String,
    updated_at: String,
    created_in: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dob: Option<&'a str>,
    email: &'a str,
    firstname: &'a str,
    lastname: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    middlename: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<i64>,
    store_id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    taxvat: Option<&'a str>,
    website_id: u32,
    addresses: Vec<AddressJson<'a>>,
    disable_auto_group_change: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension_attributes: Option<ExtensionJson>,
}

/// An address as the customer's book shows it (default flags only where true).
pub(crate) fn address_json<'a>(address: &'a Address, customer: &Customer) -> AddressJson<'a> {
    let fields = &address.fields;
    let (region, region_id) = match &fields.region {
        RegionValue::Directory(region) => (
            RegionJson {
                region_code: region.code,
                region: region.name,
                region_id: region.id,
            },
            Some(region.id),
        ),
        RegionValue::Text(name) => (
            RegionJson {
                region_code: name,
                region: name,
                region_id: 0,
            },
            None,
        ),
        RegionValue::None => (
            RegionJson {
                region_code: "",
                region: "",
                region_id: 0,
            },
            None,
        ),
    };
    let flag = |default: Option<u64>| (default == Some(address.id)).then_some(true);
    AddressJson {
        id: address.id,
        customer_id: address.customer_id,
        region,
        region_id,
        country_id: fields.country_id.as_deref(),
        street: &fields.street,
        company: fields.company.as_deref(),
        telephone: fields.telephone.as_deref(),
        fax: fields.fax.as_deref(),
        postcode: fields.postcode.as_deref(),
        city: fields.city.as_deref(),
        firstname: fields.firstname.as_deref(),
        lastname: fields.lastname.as_deref(),
        middlename: fields.middlename.as_deref(),
        prefix: fields.prefix.as_deref(),
        suffix: fields.suffix.as_deref(),
        vat_id: fields.vat_id.as_deref(),
        default_shipping: flag(customer.default_shipping),
        default_billing: flag(customer.default_billing),
    }
}

/// The customer (`confirmation` while unconfirmed, `extension_attributes` when subscribed).
pub(crate) fn customer_json(customer: &Customer) -> CustomerJson<'_> {
    let extra = &customer.extra;
    CustomerJson {
        id: customer.id,
        group_id: customer.group_id,
        default_billing: customer.default_billing.map(|id| id.to_string()),
        default_shipping: customer.default_shipping.map(|id| id.to_string()),
        confirmation: customer.confirmation.as_deref(),
        created_at: magento_date(customer.created_at),
        updated_at: magento_date(customer.updated_at),
        created_in: customer.created_in,
        dob: extra.dob.as_deref(),
        email: &customer.email,
        firstname: &customer.firstname,
        lastname: &customer.lastname,
        middlename: extra.middlename.as_deref(),
        prefix: extra.prefix.as_deref(),
        suffix: extra.suffix.as_deref(),
        gender: extra.gender,
        store_id: customer.store_id,
        taxvat: extra.taxvat.as_deref(),
        website_id: customer.website_id,
        addresses: customer
            .addresses
            .iter()
            .map(|address| address_json(address, customer))
            .collect(),
        disable_auto_group_change: extra.disable_auto_group_change,
        extension_attributes: customer.is_subscribed.then_some(ExtensionJson {
            is_subscribed: true,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_magentos_format() {
        assert_eq!(magento_date(1_485_825_493), "2017-01-31 01:18:13");
        assert_eq!(magento_date(0), "1970-01-01 00:00:00");
    }
}

//! Address books: validation as Magento's address validators run it (general fields, then
//! country and region) and the replacement semantics of a customer save (spec §2.6).

use super::directory;
use super::errors::{ParamValue, Phrase, StoreError};
use super::model::{
    Address, AddressFields, AddressFieldsInput, AddressInput, Customer, RegionValue,
};

/// Most street lines an address may have (`customer/address/street_lines`).
const STREET_LINES: usize = 2;

fn blank(value: Option<&str>) -> bool {
    value.is_none_or(|text| text.trim().is_empty())
}

/// Applies the given values on top of `base` (absent values keep the stored ones, as
/// Magento's `updateData` does) and resolves the region against the directory.
fn merge(base: &AddressFields, input: &AddressFieldsInput) -> Result<AddressFields, Vec<Phrase>> {
    let given = &input.text;
    let pick = |new: &Option<String>, old: &Option<String>| match new {
        Some(text) if text.is_empty() => None,
        Some(text) => Some(text.clone()),
        None => old.clone(),
    };
    let mut merged = AddressFields {
        firstname: pick(&given.firstname, &base.firstname),
        lastname: pick(&given.lastname, &base.lastname),
        middlename: pick(&given.middlename, &base.middlename),
        prefix: pick(&given.prefix, &base.prefix),
        suffix: pick(&given.suffix, &base.suffix),
        company: pick(&given.company, &base.company),
        street: if given.street.is_empty() {
            base.street.clone()
        } else {
            given.street.clone()
        },
        city: pick(&given.city, &base.city),
        postcode: pick(&given.postcode, &base.postcode),
        country_id: pick(&given.country_id, &base.country_id),
        region: base.region.clone(),
        telephone: pick(&given.telephone, &base.telephone),
        fax: pick(&given.fax, &base.fax),
        vat_id: pick(&given.vat_id, &base.vat_id),
        custom_attributes: if given.custom_attributes.is_empty() {
            base.custom_attributes.clone()
        } else {
            given.custom_attributes.clone()
        },
    };
    let region_given =
        input.region_id.is_some() || input.region_code.is_some() || input.region_name.is_some();
    if region_given || given.country_id.is_some() {
        merged.region = resolve_region(merged.country_id.as_deref().unwrap_or_default(), input)
            .map_err(|phrase| vec![phrase])?;
    }
    Ok(merged)
}

/// The region an input names: by id, else by code (Magento's `loadByCode`), else free text.
fn resolve_region(country: &str, input: &AddressFieldsInput) -> Result<RegionValue, Phrase> {
    let text = |value: &Option<String>| value.clone().filter(|text| !text.trim().is_empty());
    if let Some(id) = input.region_id.filter(|id| *id != 0)
        && directory::has_regions(country)
    {
        return u32::try_from(id)
            .ok()
            .and_then(directory::region_by_id)
            .filter(|region| region.country == country)
            .map(RegionValue::Directory)
            .ok_or_else(|| Phrase::invalid_value("regionId", id.to_string()));
    }
    if let Some(region) =
        text(&input.region_code).and_then(|code| directory::region_by_code(country, code.trim()))
    {
        return Ok(RegionValue::Directory(region));
    }
    Ok(text(&input.region_name)
        .or_else(|| text(&input.region_code))
        .map_or(RegionValue::None, RegionValue::Text))
}

/// Magento's `General` then `Country` address validators, plus the street line limit.
fn validate(fields: &AddressFields) -> Vec<Phrase> {
    let mut errors = Vec::new();
    for (name, value) in [
        ("firstname", fields.firstname.as_deref()),
        ("lastname", fields.lastname.as_deref()),
        ("street", fields.street.first().map(String::as_str)),
        ("city", fields.city.as_deref()),
        ("telephone", fields.telephone.as_deref()),
    ] {
        if blank(value) {
            errors.push(Phrase::required(name));
        }
    }
    let country = fields.country_id.as_deref().unwrap_or_default();
    if !directory::postcode_optional(country) && blank(fields.postcode.as_deref()) {
        errors.push(Phrase::required("postcode"));
    }
    if fields.street.len() > STREET_LINES {
        errors.push(Phrase::positional(
            "\"%1\" cannot contain more than %2 lines.",
            vec![
                ParamValue::Text("Street Address".into()),
                ParamValue::Number(STREET_LINES as i64),
            ],
        ));
    }
    if country.trim().is_empty() {
        errors.push(Phrase::required("countryId"));
    } else if !directory::country_allowed(country) {
        errors.push(Phrase::invalid_value("countryId", country));
    } else if directory::region_required(country) {
        match (&fields.region, directory::has_regions(country)) {
            (RegionValue::Directory(_), _) | (RegionValue::Text(_), false) => {}
            (_, true) => errors.push(Phrase::required("regionId")),
            (_, false) => errors.push(Phrase::required("region")),
        }
    }
    errors
}

/// Replaces the customer's address book: entries with an id update that address (which must
/// be the customer's), entries without one are created with ids from `next_id`, the others
/// are deleted; then the entries' default flags apply in order, and defaults that pointed at a
/// deleted address are cleared. Nothing changes when any entry is refused.
pub(crate) fn replace(
    customer: &mut Customer,
    inputs: &[AddressInput],
    next_id: &mut u64,
) -> Result<(), StoreError> {
    let mut book = Vec::with_capacity(inputs.len());
    let mut flags = Vec::with_capacity(inputs.len());
    let mut planned_id = *next_id;
    for input in inputs {
        let (id, base) = match input.id.filter(|id| *id != 0) {
            Some(id) => {
                let existing = customer
                    .addresses
                    .iter()
                    .find(|address| i64::try_from(address.id).is_ok_and(|own| own == id))
                    .ok_or_else(|| StoreError::NoSuchId {
                        field: "addressId",
                        value: id.to_string(),
                    })?;
                (existing.id, existing.fields.clone())
            }
            None => {
                planned_id += 1;
                (planned_id - 1, AddressFields::default())
            }
        };
        let fields = merge(&base, &input.fields).map_err(StoreError::Invalid)?;
        let errors = validate(&fields);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        flags.push((id, input.default_billing, input.default_shipping));
        book.retain(|address: &Address| address.id != id);
        book.push(Address {
            id,
            customer_id: customer.id,
            fields,
        });
    }
    *next_id = planned_id;
    for (id, billing, shipping) in flags {
        apply_flag(&mut customer.default_billing, id, billing);
        apply_flag(&mut customer.default_shipping, id, shipping);
    }
    book.sort_by_key(|address| address.id);
    for default in [
        &mut customer.default_billing,
        &mut customer.default_shipping,
    ] {
        if default.is_some_and(|id| !book.iter().any(|address| address.id == id)) {
            *default = None;
        }
    }
    customer.addresses = book;
    Ok(())
}

/// `true` makes the address the default; an explicit `false` on the current default clears it.
fn apply_flag(default: &mut Option<u64>, address_id: u64, flag: Option<bool>) {
    match flag {
        Some(true) => *default = Some(address_id),
        Some(false) if *default == Some(address_id) => *default = None,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Validated values of a new address.
    fn new_fields(input: &AddressFieldsInput) -> Result<AddressFields, StoreError> {
        let fields = merge(&AddressFields::default(), input).map_err(StoreError::Invalid)?;
        let errors = validate(&fields);
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(StoreError::Invalid(errors))
        }
    }

    fn input(id: Option<i64>, city: &str) -> AddressInput {
        AddressInput {
            id,
            fields: AddressFieldsInput {
                text: AddressFields {
                    firstname: Some("Jane".into()),
                    lastname: Some("Doe".into()),
                    street: vec!["Unter den Linden 1".into()],
                    city: Some(city.into()),
                    postcode: Some("10117".into()),
                    country_id: Some("DE".into()),
                    telephone: Some("030 1234567".into()),
                    ..AddressFields::default()
                },
                ..AddressFieldsInput::default()
            },
            ..AddressInput::default()
        }
    }

    fn customer() -> Customer {
        Customer {
            id: 7,
            website_id: 1,
            store_id: 1,
            group_id: 1,
            email: "a@example.com".into(),
            firstname: "A".into(),
            lastname: "B".into(),
            extra: Default::default(),
            is_subscribed: false,
            custom_attributes: Vec::new(),
            created_at: 0,
            updated_at: 0,
            created_in: "Default Store View",
            default_billing: None,
            default_shipping: None,
            addresses: Vec::new(),
            password_hash: None,
            confirmation: None,
            rp_token: None,
            failures: Default::default(),
        }
    }

    #[test]
    fn ids_update_missing_ids_create_and_absent_ones_are_deleted() {
        let mut customer = customer();
        let mut next = 10;
        let mut first = input(None, "Berlin");
        first.default_billing = Some(true);
        replace(&mut customer, &[first, input(None, "Bonn")], &mut next).expect("valid");
        assert_eq!(
            customer.addresses.iter().map(|a| a.id).collect::<Vec<_>>(),
            [10, 11]
        );
        assert_eq!(
            (customer.default_billing, customer.default_shipping),
            (Some(10), None)
        );
        let mut moved = input(Some(11), "Potsdam");
        moved.fields.text.street = Vec::new();
        replace(&mut customer, &[moved, input(None, "Köln")], &mut next).expect("valid");
        let cities: Vec<_> = customer
            .addresses
            .iter()
            .map(|a| {
                (
                    a.id,
                    a.fields.city.clone().unwrap_or_default(),
                    a.fields.street.len(),
                )
            })
            .collect();
        assert_eq!(cities, [(11, "Potsdam".into(), 1), (12, "Köln".into(), 1)]);
        assert_eq!(
            customer.default_billing, None,
            "the deleted default is cleared"
        );
    }

    #[test]
    fn a_foreign_or_unknown_id_and_invalid_values_change_nothing() {
        let mut customer = customer();
        let mut next = 1;
        let error = replace(&mut customer, &[input(Some(99), "X")], &mut next).unwrap_err();
        assert_eq!(
            error,
            StoreError::NoSuchId {
                field: "addressId",
                value: "99".into()
            }
        );
        let mut bad = input(None, "");
        bad.fields.text.country_id = Some("US".into());
        let error = replace(&mut customer, &[input(None, "Ok"), bad], &mut next).unwrap_err();
        assert_eq!(
            error,
            StoreError::Invalid(vec![Phrase::required("city"), Phrase::required("regionId")])
        );
        assert!(customer.addresses.is_empty());
        assert_eq!(next, 1);
    }

    #[test]
    fn regions_resolve_by_id_then_code_then_text() {
        let mut us = input(None, "Purchase").fields;
        us.text.country_id = Some("US".into());
        us.region_code = Some("NY".into());
        let fields = new_fields(&us).expect("valid");
        assert!(matches!(fields.region, RegionValue::Directory(region) if region.id == 43));
        us.region_id = Some(82);
        assert_eq!(
            new_fields(&us).unwrap_err(),
            StoreError::Invalid(vec![Phrase::invalid_value("regionId", "82")])
        );
        let mut de = input(None, "München").fields;
        de.region_name = Some("Bavaria".into());
        assert_eq!(
            new_fields(&de).expect("valid").region,
            RegionValue::Text("Bavaria".into())
        );
    }
}

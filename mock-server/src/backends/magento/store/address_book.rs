//! One address at a time (GraphQL's address mutations), on top of the address-book
//! replacement of a customer save (`addresses::replace`), so that both APIs validate alike.

use super::addresses;
use super::errors::{ParamValue, Phrase, StoreError};
use super::model::{Address, AddressInput};
use super::{MagentoStore, StoreState};
use crate::emulator::RequestContext;

/// Why an address cannot be deleted while it is a default.
const DEFAULT_BILLING: &str =
    "Customer Address %1 is set as default billing address and cannot be deleted";
/// The same for the default shipping address.
const DEFAULT_SHIPPING: &str =
    "Customer Address %1 is set as default shipping address and cannot be deleted";

fn no_such_customer(id: u64) -> StoreError {
    StoreError::NoSuchId {
        field: "customerId",
        value: id.to_string(),
    }
}

impl StoreState {
    /// Replaces the customer's book with its current addresses plus `input` (an update of
    /// the address it names, or a new one) and returns the saved address.
    fn save_one(
        &mut self,
        context: &RequestContext<'_>,
        customer_id: u64,
        input: &AddressInput,
    ) -> Result<Address, StoreError> {
        let mut customer = self
            .customers
            .get(&customer_id)
            .cloned()
            .ok_or_else(|| no_such_customer(customer_id))?;
        let target = input.id.and_then(|id| u64::try_from(id).ok());
        let mut entries: Vec<AddressInput> = customer
            .addresses
            .iter()
            .map(|address| match target {
                Some(id) if id == address.id => input.clone(),
                _ => AddressInput {
                    id: i64::try_from(address.id).ok(),
                    ..AddressInput::default()
                },
            })
            .collect();
        if target.is_none() {
            entries.push(input.clone());
        }
        let first_new = self.next_address_id;
        let mut next_address_id = first_new;
        addresses::replace(&mut customer, &entries, &mut next_address_id)?;
        self.next_address_id = next_address_id;
        let saved_id = target.unwrap_or(first_new);
        let saved = customer
            .addresses
            .iter()
            .find(|address| address.id == saved_id)
            .cloned()
            .ok_or(StoreError::NoSuchId {
                field: "addressId",
                value: saved_id.to_string(),
            })?;
        customer.updated_at = context.now;
        self.customers.insert(customer_id, customer);
        Ok(saved)
    }
}

impl MagentoStore {
    /// The customer who owns the address, if it exists.
    pub(crate) fn address_owner(&self, address_id: u64) -> Option<u64> {
        self.lock()
            .customers
            .values()
            .find(|customer| customer.addresses.iter().any(|a| a.id == address_id))
            .map(|customer| customer.id)
    }

    /// Creates an address (`input.id` = `None`) or updates the customer's address it names,
    /// with the validation and default flags of a customer save; answers the saved address.
    pub(crate) fn save_address(
        &self,
        context: &RequestContext<'_>,
        customer_id: u64,
        input: &AddressInput,
    ) -> Result<Address, StoreError> {
        self.lock().save_one(context, customer_id, input)
    }

    /// Deletes one address of the customer; a default billing or shipping address is
    /// refused (Magento's `AddressRepository` rule as GraphQL applies it).
    pub(crate) fn delete_address(
        &self,
        context: &RequestContext<'_>,
        customer_id: u64,
        address_id: u64,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        let customer = state
            .customers
            .get_mut(&customer_id)
            .ok_or_else(|| no_such_customer(customer_id))?;
        if !customer.addresses.iter().any(|a| a.id == address_id) {
            return Err(StoreError::NoSuchId {
                field: "addressId",
                value: address_id.to_string(),
            });
        }
        let number = || {
            vec![ParamValue::Number(
                i64::try_from(address_id).unwrap_or(i64::MAX),
            )]
        };
        if customer.default_billing == Some(address_id) {
            return Err(StoreError::Refused(Phrase::positional(
                DEFAULT_BILLING,
                number(),
            )));
        }
        if customer.default_shipping == Some(address_id) {
            return Err(StoreError::Refused(Phrase::positional(
                DEFAULT_SHIPPING,
                number(),
            )));
        }
        customer.addresses.retain(|a| a.id != address_id);
        customer.updated_at = context.now;
        Ok(())
    }
}

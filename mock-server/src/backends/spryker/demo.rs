//! The customers that exist from the start: Spryker's demo-shop customer of the docs and
//! seed 003 (with `demo_data`) and the options' `seed_customers`. Seeded customers are not
//! validated: `change123` breaks the module password policy, as in the demo shop.

use super::SprykerState;
use super::model::Customer;
use crate::options::{MockOptions, SeedCustomer};

/// `id_customer` of the demo customer (`DE--21`, as in Spryker's docs and seed 003's token).
const DEMO_ID: u64 = 21;

/// The demo-shop customer.
fn demo_customer() -> SeedCustomer {
    SeedCustomer {
        email: "sonia@spryker.com".to_owned(),
        password: "change123".to_owned(),
        first_name: Some("Sonia".to_owned()),
        last_name: Some("Wagner".to_owned()),
        ..SeedCustomer::default()
    }
}

/// A confirmed customer from a seed entry.
fn customer(seed: &SeedCustomer, password_hash: String, now: i64) -> Customer {
    let present = |text: &Option<String>| text.clone().filter(|text| !text.trim().is_empty());
    Customer {
        id: 0,
        reference: String::new(),
        email: seed.email.trim().to_owned(),
        password_hash,
        salutation: None,
        first_name: present(&seed.first_name),
        last_name: present(&seed.last_name),
        gender: None,
        date_of_birth: None,
        phone: present(&seed.phone),
        created_at: now,
        updated_at: now,
        registered: true,
        registration_key: None,
        restore_key: None,
        default_billing: None,
        default_shipping: None,
        addresses: Vec::new(),
    }
}

/// Creates the demo customer (with `demo_data`) and every seed customer whose email is new.
pub(crate) fn seed(state: &mut SprykerState, options: &MockOptions, now: i64) {
    let rounds = options.password_hash_rounds;
    if options.spryker.demo_data {
        let demo = demo_customer();
        let hash = state.hash_password(&demo.password, rounds);
        let mut sonia = customer(&demo, hash, now);
        sonia.salutation = Some("Ms".to_owned());
        sonia.gender = Some("Female".to_owned());
        state.insert_customer(sonia, Some(DEMO_ID));
    }
    for seed in &options.seed_customers {
        if seed.email.trim().is_empty() || state.email_taken(seed.email.trim(), None) {
            continue;
        }
        let hash = state.hash_password(&seed.password, rounds);
        state.insert_customer(customer(seed, hash, now), None);
    }
}

//! One behavioural suite, run once per backend: storefront-sdk against the
//! in-process storefront-mock of that backend (or against a real store, see
//! the README). The scenarios are the same for every backend; where the
//! specs say the backends differ, the expectation comes from the backend's
//! [`target::Profile`].

mod errors;
mod lifecycle;
mod resets;
mod sessions;
mod target;

/// Runs every scenario against `$kind`, as tests of module `$module`.
macro_rules! suite {
    ($module:ident, $kind:expr) => {
        mod $module {
            use storefront_sdk::BackendKind;

            use crate::target::Target;

            async fn target() -> Option<Target> {
                Target::new($kind).await
            }

            macro_rules! scenario {
                ($name:ident, $path:path) => {
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn $name() {
                        if let Some(target) = target().await {
                            $path(target).await;
                        }
                    }
                };
            }

            scenario!(account_lifecycle, crate::lifecycle::account_lifecycle);
            scenario!(
                documented_errors_are_typed,
                crate::errors::documented_errors_are_typed
            );
            scenario!(
                foreign_addresses_are_not_found,
                crate::errors::foreign_addresses_are_not_found
            );
            scenario!(
                a_bad_store_key_is_a_configuration_error,
                crate::errors::a_bad_store_key_is_a_configuration_error
            );
            scenario!(password_resets, crate::resets::password_resets);
            scenario!(
                the_session_through_its_lifetime,
                crate::sessions::the_session_through_its_lifetime
            );
            scenario!(
                logout_revokes_on_the_server,
                crate::sessions::logout_revokes_on_the_server
            );
        }
    };
}

suite!(spree, BackendKind::Spree);
suite!(magento_rest, BackendKind::MagentoRest);
suite!(magento_graphql, BackendKind::MagentoGraphql);
suite!(bagisto, BackendKind::Bagisto);

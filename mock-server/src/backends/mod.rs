//! Emulated store backends. Each backend is one sibling module of the same shape: an
//! [`Emulator`] implementation plus its `<Name>Options` (a field of `MockOptions`).
//!
//! Adding a backend: create `backends/<name>/` (the emulator and `options.rs`), declare the
//! module below, add its options field to `MockOptions`, and add its arm to [`emulator_for`].

pub(crate) mod bagisto;
pub(crate) mod magento;
pub(crate) mod spree;

use crate::emulator::Emulator;
use crate::options::MockOptions;
use serde::{Deserialize, Serialize};

/// Which store the mock emulates (`--backend`, `MockOptions::backend`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MockBackend {
    /// Spree Store API v3 (5.6.1), under `/api/v3/store`.
    #[default]
    Spree,
    /// Magento 2: REST under `/rest/<store>/V1` and GraphQL at `/graphql`, over one store.
    Magento,
    /// Spryker Glue storefront API (JSON:API) at the host root (not yet emulated).
    Spryker,
    /// Bagisto `bagisto-api` (shop REST API) under `/api/shop`.
    Bagisto,
}

impl MockBackend {
    /// Every backend, in CLI order.
    pub const ALL: [MockBackend; 4] = [Self::Spree, Self::Magento, Self::Spryker, Self::Bagisto];

    /// The name used by `--backend` and the `backend` option.
    pub fn name(self) -> &'static str {
        match self {
            Self::Spree => "spree",
            Self::Magento => "magento",
            Self::Spryker => "spryker",
            Self::Bagisto => "bagisto",
        }
    }
}

impl std::fmt::Display for MockBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for MockBackend {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|backend| backend.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                format!("unknown backend `{name}` (expected spree, magento, spryker or bagisto)")
            })
    }
}

/// The emulator for `options.backend`, with its seed customers created at `now`; an
/// `Unsupported` error for a backend that is not emulated yet.
pub(crate) fn emulator_for(options: &MockOptions, now: i64) -> std::io::Result<Box<dyn Emulator>> {
    match options.backend {
        MockBackend::Spree => Ok(Box::new(spree::SpreeEmulator::new(options, now))),
        MockBackend::Magento => Ok(Box::new(magento::MagentoEmulator::new(options, now)?)),
        MockBackend::Bagisto => Ok(Box::new(bagisto::BagistoEmulator::new(options))),
        unsupported => Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            format!("the {unsupported} backend is not emulated yet"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for backend in MockBackend::ALL {
            assert_eq!(backend.name().parse::<MockBackend>(), Ok(backend));
            assert_eq!(backend.to_string(), backend.name());
        }
        assert_eq!("Spree".parse::<MockBackend>(), Ok(MockBackend::Spree));
        assert!("woo".parse::<MockBackend>().is_err());
    }

    #[test]
    fn every_backend_but_spryker_is_emulated() {
        for backend in MockBackend::ALL {
            let error = emulator_for(&MockOptions::for_backend(backend), 0)
                .err()
                .map(|error| (error.kind(), error.to_string()));
            let expected = (backend == MockBackend::Spryker).then(|| {
                (
                    std::io::ErrorKind::Unsupported,
                    format!("the {backend} backend is not emulated yet"),
                )
            });
            assert_eq!(error, expected, "{backend}");
        }
    }
}

//! storefront-sdk against the in-process storefront-mock. The SDK runs on a
//! `ManualClock`, the mock on its own controllable clock: no test sleeps.

mod harness;

mod adoption;
mod errors;
mod events;
mod operations;
mod refresh;
mod resilience;
mod storage;

//! Emulated store backends. Each backend is a sibling module of the same shape.

pub(crate) mod spree;

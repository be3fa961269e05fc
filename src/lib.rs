//! Parcel Standoff: a simulation of parcels, couriers, platforms and the data links between
//! them, built around the June 2017 SF Express – Cainiao dispute.
//!
//! `model` is pure Rust and runs natively (tests, the `standoff` CLI) and in the browser.
//! `view` and `charts` exist only in the wasm build.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod view;

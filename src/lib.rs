//! Parcel Standoff: a simulation of parcels, couriers, platforms and the data links between
//! them, built around the June 2017 SF Express – Cainiao dispute.
//!
//! `model` is pure Rust and runs natively (tests, the `standoff` CLI) and in the browser.
//! `i18n` (every interface string, English and Chinese) and `state` (the one serializable
//! value the interface renders from) are pure too. `view` and `charts` exist only in the wasm build.

#![allow(clippy::needless_range_loop)] // index loops read best over the model's fixed-size arrays

pub mod embed;
pub mod i18n;
pub mod model;
pub mod narration;
pub mod scenario_text;
pub mod state;
pub mod story;

#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod view;

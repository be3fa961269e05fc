//! Parcel Standoff: a simulation of parcels, couriers, platforms and the data links between
//! them, built around the June 2017 SF Express – Cainiao dispute.
//!
//! `model` is pure Rust and runs natively (tests, the `standoff` CLI) and in the browser. The
//! interface's logic is pure too and tested natively: `session` (every action and its effects),
//! `playback` (the player), `state` (links and set-up files), `address` (page options),
//! `views`, `keys`, `i18n`, `narration`, `story`, `embed` (the host protocol). Only `view`
//! (Yew components and browser glue) and `charts` (plotters) exist only in the wasm build.

#![allow(clippy::needless_range_loop)] // index loops read best over the model's fixed-size arrays

pub mod address;
pub mod catalogue_check;
pub mod chart_labels;
pub mod embed;
pub mod experiment;
pub mod i18n;
pub mod keys;
pub mod layout;
pub mod model;
pub mod narration;
pub mod numbers;
pub mod palette;
pub mod playback;
pub mod session;
pub mod sources;
pub mod state;
pub mod story;
pub mod uncertainty;
pub mod views;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod charts;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod view;

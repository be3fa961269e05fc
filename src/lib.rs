//! Parcel Standoff: a simulation of parcels, couriers, platforms and the data links between
//! them, built around the June 2017 SF Express – Cainiao dispute.
//!
//! Layers, each using only those above it:
//! - `model`: the simulation, pure Rust; runs natively (tests, the `standoff` CLI) and in the browser;
//! - `present`: presentation that needs no browser (words, numbers, colours, where things are drawn);
//! - `ui`: the interface's logic, pure and tested natively (the session and its parts, playback,
//!   links and files, experiments and estimates, the story, the host protocol);
//! - `draw`: charts on any `chart::Surface` (the page's canvas, a bitmap), still pictures natively;
//! - `view`: Yew components and browser glue, only in the wasm build;
//! - `cli`: the `standoff` command line beside `view` (natively only; uses model, present, ui).

#![allow(clippy::needless_range_loop)] // index loops read best over the model's fixed-size arrays

pub mod model;
pub mod present;
pub mod ui;

/// Charts (the page and the CLI) and still pictures (the CLI, on plotters' bitmap).
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod draw;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod view;

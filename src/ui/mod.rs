//! The interface's logic, pure Rust and tested natively: what a person (or an embedding page,
//! or the clock) can do and what follows. No browser crate here: `view` shows it.

pub mod address;
pub mod bundle;
pub mod cite;
pub mod embed;
pub mod embed_snippet;
pub mod experiment;
pub mod experiment_form;
pub mod json;
pub mod keys;
pub mod panel_wire;
pub mod playback;
pub mod session;
pub mod state;
pub mod story;
pub mod uncertainty;
pub mod views;

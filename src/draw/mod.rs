//! Pictures drawn with plotters on any of its backends: the line charts (`chart`, the page's
//! canvas and `standoff render`'s bitmap draw them with the same code) and, natively, the still
//! picture of a link's state (`picture`: the network and the chart an embed of it shows, as a PNG).
//! Uses the layers below it (model, present, ui) and plotters, never the browser.

pub mod chart;
pub mod network;
#[cfg(not(target_arch = "wasm32"))]
pub mod picture;
#[cfg(not(target_arch = "wasm32"))]
pub mod png;

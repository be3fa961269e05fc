//! Pictures: the line charts (`chart`, drawn on a `Surface`: the page's canvas and `standoff
//! render`'s bitmap draw them with the same code), the network (`network`, through a `Painter`)
//! and, natively, the still picture of a link's state (`picture`: the network and the chart an
//! embed of it shows, as a PNG, on plotters' bitmap). Uses the layers below it (model, present,
//! ui), never the browser.

pub mod chart;
pub mod network;
#[cfg(not(target_arch = "wasm32"))]
pub mod picture;
#[cfg(not(target_arch = "wasm32"))]
pub mod png;

//! The simulation core. Pure Rust: no browser, no clock, randomness only from the scenario's
//! seed, fixed iteration order (arrays indexed by id, no hash-map iteration). Time advances only
//! through `Sim::step`. Each mechanism of docs/model.md lives in its own file.

pub mod capacity;
pub mod choice;
pub mod clock;
pub mod config;
pub mod demand;
pub mod ids;
pub mod links;
pub mod lockers;
pub mod output;
pub mod panel;
pub mod params;
pub mod perishables;
pub mod report;
pub mod rng;
pub mod run;
pub mod scenario;
pub mod signals;
pub mod sim;
pub mod tracking;
pub mod transit;
pub mod why;

pub use ids::{Category, Courier, LinkId, Platform};
pub use output::Frame;
pub use run::{Run, RunSpec};
pub use scenario::Scenario;

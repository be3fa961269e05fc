//! The simulation core. Pure Rust: no browser, no clock, randomness only from the scenario's
//! seed, fixed iteration order (arrays indexed by id, no hash-map iteration). Time advances only
//! through `Sim::step`. Each mechanism of docs/model.md lives in its own file.

pub mod capacity;
pub mod choice;
pub mod clock;
pub mod config;
pub mod demand;
pub mod design;
pub mod ensemble;
pub mod ids;
pub mod links;
pub mod lockers;
pub mod output;
/// The researcher's panel and estimator: native only (the page has no use for them).
#[cfg(not(target_arch = "wasm32"))]
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

/// `s` cut to at most `max` characters, with an ellipsis and the original length when cut.
/// Messages may echo what a person typed or a file held; a message stays readable whatever
/// that was.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}… ({} characters in all)", &s[..cut], s.chars().count()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_messages_are_shortened_and_say_so() {
        assert_eq!(super::shorten("short", 10), "short");
        let long = "é".repeat(5000);
        let s = super::shorten(&long, 100);
        assert!(s.starts_with(&"é".repeat(100)) && s.ends_with("(5000 characters in all)"), "{s}");
        assert!(s.chars().count() < 140);
    }
}

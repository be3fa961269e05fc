//! The simulation core. Pure Rust: no browser, no clock, randomness only from the scenario's
//! seed, fixed iteration order (arrays indexed by id, no hash-map iteration). Time advances only
//! through `Sim::step`. Each mechanism of docs/model.md lives in its own file.

pub mod capacity;
pub mod choice;
pub mod clock;
pub mod config;
pub mod decimal;
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

/// The longest message shown, in characters: a note, a refusal, an error of the page or the CLI.
pub const MAX_MESSAGE: usize = 400;

/// A message kept under `MAX_MESSAGE` characters (cut with an ellipsis and its length).
pub fn bounded(msg: &str) -> String {
    shorten(msg, MAX_MESSAGE - 40)
}

/// A parser's message (serde's, say) with every quoted part — `x`, 'x' or "x", what the input
/// held — shortened to `max` characters, the whole kept under `MAX_MESSAGE`: "unknown field
/// `xxx… (9000 characters in all)`, expected one of …" keeps what it expected.
pub fn shorten_quoted(msg: &str, max: usize) -> String {
    let mut out = String::new();
    // the quote open and where its text starts; what is copied up to
    let (mut open, mut from) = (None, 0);
    for (i, b) in msg.bytes().enumerate() {
        if !matches!(b, b'`' | b'\'' | b'"') {
            continue;
        }
        match open {
            None => {
                out.push_str(&msg[from..=i]);
                (open, from) = (Some(b), i + 1);
            }
            Some(q) if q == b => {
                out.push_str(&shorten(&msg[from..i], max));
                (open, from) = (None, i);
            }
            Some(_) => {}
        }
    }
    out.push_str(&msg[from..]);
    bounded(&out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_echoes_are_shortened_and_what_was_expected_is_kept() {
        let key = "鍵".repeat(100_000);
        let m = super::shorten_quoted(&format!("unknown field `{key}`, expected one of `format`, `setup` at line 1 column 9"), 40);
        assert!(m.starts_with(&format!("unknown field `{}… (100000 characters in all)`", "鍵".repeat(40))), "{m}");
        assert!(m.ends_with("expected one of `format`, `setup` at line 1 column 9"), "{m}");
        // many quoted parts, an unclosed quote: the whole is still short
        let many = format!("{}'{}", "`ab` ".repeat(10_000), "x".repeat(10_000));
        assert!(super::shorten_quoted(&many, 40).chars().count() <= super::MAX_MESSAGE);
    }

    #[test]
    fn long_messages_are_shortened_and_say_so() {
        assert_eq!(super::shorten("short", 10), "short");
        let long = "é".repeat(5000);
        let s = super::shorten(&long, 100);
        assert!(s.starts_with(&"é".repeat(100)) && s.ends_with("(5000 characters in all)"), "{s}");
        assert!(s.chars().count() < 140);
    }
}

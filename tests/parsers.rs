//! Hostile input to every parser: host messages, set-up files, scenario files, worker answers.
//! None panics, every refusal is a short message, and what is accepted reads back the same.
//! (Bounded: a few hundred generated cases each, a few seconds in all.)
#![cfg(not(target_arch = "wasm32"))]

use parcel_standoff::model::scenario;
use parcel_standoff::ui::embed;
use parcel_standoff::ui::state::AppState;
use parcel_standoff::ui::uncertainty::{Answer, Reply, Request};
use proptest::prelude::*;

/// Text with the characters parsers care about over-represented.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("\"".to_string()),
        Just(":".to_string()),
        Just(",".to_string()),
        Just("[".to_string()),
        Just("\\u0000".to_string()),
        Just("\"protocol\":\"parcel-standoff\"".to_string()),
        Just("\"version\":1".to_string()),
        Just("\"command\":\"cut\"".to_string()),
        Just("\"link\":\"track.sf\"".to_string()),
        Just("\"at\":\"2017-06-01T09:00\"".to_string()),
        Just("\"id\":".to_string()),
        Just("1e308".to_string()),
        Just("-0".to_string()),
        Just("NaN".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("bands".to_string()),
        Just("#scenario=june-2017".to_string()),
        "[a-z0-9._=&#%-]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn host_messages_never_panic_and_refusals_are_short(text in hostile()) {
        match embed::parse(&text) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.chars().count() <= 400, "{} chars", e.chars().count()),
        }
        let _ = embed::request_id(&text);
    }

    #[test]
    fn setup_files_never_panic_and_what_is_read_writes_back_the_same(text in hostile()) {
        match AppState::from_file(&text) {
            Ok(st) => prop_assert_eq!(AppState::from_file(&st.to_file()), Ok(st)),
            Err(e) => prop_assert!(e.chars().count() <= 400, "{} chars", e.chars().count()),
        }
    }

    #[test]
    fn scenario_files_never_panic_and_refusals_are_short(text in hostile()) {
        if let Err(e) = scenario::from_json(&text) {
            prop_assert!(e.chars().count() <= 400, "{} chars", e.chars().count());
        }
    }

    #[test]
    fn the_workers_messages_never_panic(text in hostile()) {
        let _ = Request::from_text(&text);
        let _ = Reply::from_text(&text);
        let _ = Answer::from_text(&text);
    }
}

#[test]
fn a_huge_file_or_message_is_refused_at_once_with_a_short_message() {
    let big = "x".repeat(20_000_000);
    let e = AppState::from_file(&big).unwrap_err();
    assert!(e.len() < 300, "{e:.200}");
    assert!(matches!(embed::parse(&big), Ok(None)), "not ours: ignored");
    let e = scenario::from_json(&big).unwrap_err();
    assert!(e.len() < 300, "{e:.200}");
}

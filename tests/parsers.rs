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
        // now and then a huge key or value (quoted: a key or a string in JSON)
        huge().prop_map(|b| format!("\"{b}\"")),
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
            Ok(st) => {
                prop_assert_eq!(AppState::from_file(&st.to_file()), Ok(st.clone()));
                // the page is handed what a file holds as a link: it reads back the same
                prop_assert_eq!(AppState::read_link(&AppState::file_link(&text).unwrap()), (st, vec![]));
            }
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

/// A key or value as long as a person or a program might make one — ASCII, Chinese, emoji,
/// percent escapes, JSON escapes, quotes — from just over the 40 characters echoed to far over
/// the longest file or message read.
fn huge() -> impl Strategy<Value = String> {
    let unit = prop_oneof![Just("k"), Just("鍵"), Just("🚚"), Just("%E9%8D%B5"), Just("\\u9375"), Just("a`b'c")];
    (unit, prop_oneof![Just(41usize), Just(401), Just(5_000), Just(20_001), Just(120_000)]).prop_map(|(u, n)| u.repeat(n))
}

/// Places in a link, a set-up file and a host message where a key or a value is read; `{B}`
/// stands for the huge text.
const LINKS: [&str; 14] = [
    "scenario=june-2017&{B}=1",
    "scenario={B}",
    "scenario=june-2017&p.{B}=1",
    "scenario=june-2017&p.{B}=x",
    "scenario=june-2017&p.habit={B}",
    "scenario=june-2017&cut={B}",
    "scenario=june-2017&cut=track.sf@{B}",
    "scenario=june-2017&cut=track.{B}@2017-06-01T09:00",
    "scenario=june-2017&t={B}",
    "scenario=june-2017&view={B}&lang={B}&v={B}&seed={B}",
    "scenario=june-2017&sweep={B}",
    "scenario=june-2017&sweep=review_days:1:30:7&effect={B}",
    "scenario=june-2017&{B}=1&{B}2=1&{B}3=1&{B}4=1&{B}5=1&{B}6=1&{B}7=1&{B}8=1&{B}9=1",
    "{B}",
];
const FILES: [(&str, &str); 10] = [
    ("\"view\"", "\"{B}\": 1, \"view\""),
    ("\"format\"", "\"{B}\": 1, \"format\""),
    ("\"june-2017\"", "\"{B}\""),
    ("\"lang\": \"en\"", "\"lang\": \"{B}\""),
    ("\"view\": \"explorer\"", "\"view\": \"{B}\""),
    ("\"track.sf\"", "\"{B}\""),
    ("\"2017-06-01T09:00\"", "\"{B}\""),
    ("\"locker_share\"", "\"{B}\""),
    ("0.1", "\"{B}\""),
    ("\"t\": 0", "\"t\": \"{B}\""),
];
const MESSAGES: [&str; 8] = [
    r#"{"protocol":"parcel-standoff","version":1,"command":"get","{B}":1}"#,
    r#"{"protocol":"parcel-standoff","version":1,"command":"{B}"}"#,
    r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"{B}"}"#,
    r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"track.sf","at":"{B}"}"#,
    r#"{"protocol":"parcel-standoff","version":1,"command":"seek","t":"{B}"}"#,
    r#"{"protocol":"parcel-standoff","version":1,"command":"view","view":"{B}"}"#,
    r#"{"protocol":"parcel-standoff","version":1,"command":"lang","lang":"{B}"}"#,
    r#"{"protocol":"parcel-standoff","version":1,"command":"load","state":"scenario=june-2017&{B}=1&p.{B}=2&cut={B}"}"#,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever key or value a link, a set-up file or a host message holds, what the reader is
    /// told about it (in each language) is at most 400 characters.
    #[test]
    fn huge_keys_and_values_are_echoed_short(big in huge(), place in 0usize..32) {
        use parcel_standoff::present::i18n::Lang;
        let short = |what: &str, text: &str| {
            let n = text.chars().count();
            prop_assert!(n <= 400, "{}: {} characters: {:.300}", what, n, text);
            Ok(())
        };
        let link = LINKS[place % LINKS.len()].replace("{B}", &big);
        for note in AppState::read_link(&link).1 {
            short("link note", &note.text(Lang::En))?;
            short("link note", &note.text(Lang::Zh))?;
        }
        let mut st = AppState { scenario: "june-2017".into(), ..AppState::default() };
        st.params.insert("locker_share".into(), 0.1);
        st.events.push(parcel_standoff::ui::state::LinkEvent {
            link: parcel_standoff::model::ids::LinkId::parse("track.sf").unwrap(),
            at: parcel_standoff::model::clock::parse("2017-06-01T09:00").unwrap(),
            up: false,
        });
        let (from, to) = FILES[place % FILES.len()];
        let file = st.to_file();
        prop_assert!(file.contains(from), "{}", file);
        let file = file.replacen(from, &to.replace("{B}", &big), 1);
        short("file", &AppState::from_file(&file).unwrap_err())?;
        let message = MESSAGES[place % MESSAGES.len()].replace("{B}", &big);
        if let Err(e) = embed::parse(&message) {
            short("message", &e)?;
        }
    }
}

#[test]
fn a_set_up_file_with_a_20_mb_key_is_refused_in_a_line() {
    let file = AppState { scenario: "june-2017".into(), ..AppState::default() }.to_file();
    for key in ["k".repeat(20_000_000), "鍵".repeat(30_000)] {
        let e = AppState::from_file(&file.replacen("\"view\"", &format!("\"{key}\": 1, \"view\""), 1)).unwrap_err();
        assert!(e.chars().count() <= 400, "{} characters", e.chars().count());
        assert!(e.contains("set-up file"), "{e}");
    }
    // a key a little too long is named, and the message says how long it was
    let e = AppState::from_file(&file.replacen("\"view\"", &format!("\"{}\": 1, \"view\"", "鍵".repeat(500)), 1)).unwrap_err();
    assert!(e.contains(&format!("unknown field `{}", "鍵".repeat(40))) && e.contains("characters in all)"), "{e}");
    assert!(e.chars().count() <= 400, "{e}");
}

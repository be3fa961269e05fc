//! What the app writes, it reads back exactly: states reached by sequences of actions (clicks,
//! scenarios, parameters, language, view, time) encode to a link within the read limits that
//! reopens as the identical state and the identical run.
#![cfg(not(target_arch = "wasm32"))]

use parcel_standoff::model::ids::LinkId;
use parcel_standoff::model::output::digest;
use parcel_standoff::model::scenario;
use parcel_standoff::present::i18n::Lang;
use parcel_standoff::ui::address::PageOptions;
use parcel_standoff::ui::session::{Action, Session};
use parcel_standoff::ui::state::{AppState, MAX_LINK_LEN};
use parcel_standoff::ui::views::{ChartKind, View};
use proptest::prelude::*;

fn open(link: &str) -> Session {
    let (st, notes) = AppState::read_link(link);
    Session::new(st, notes, &PageOptions::parse("", link), false)
}

fn arb_action() -> impl Strategy<Value = Action> {
    let ids = scenario::builtin_ids();
    prop_oneof![
        4 => (0usize..LinkId::all().len()).prop_map(|i| Action::ToggleLink(LinkId::all()[i])),
        3 => (0i64..400).prop_map(Action::SeekHour),
        1 => Just(Action::Step),
        1 => (0..ids.len()).prop_map(move |i| Action::ChooseScenario(ids[i].to_string())),
        2 => (prop_oneof![Just("locker_share"), Just("review_days"), Just("habit")], prop_oneof![Just("0.1"), Just("5e-324"), Just("0.30000000000000004"), Just("2"), Just("-0"), Just("x")])
            .prop_map(|(k, v)| Action::SetParam(k.to_string(), v.to_string())),
        1 => prop_oneof![Just(Lang::En), Just(Lang::Zh)].prop_map(Action::SetLang),
        1 => prop_oneof![Just(View::Explorer), Just(View::Network), Just(View::Chart(ChartKind::Lost))].prop_map(Action::SetView),
        1 => Just(Action::Reset),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    #[test]
    fn every_state_the_app_reaches_reopens_from_its_link(actions in proptest::collection::vec(arb_action(), 0..12)) {
        let mut s = open("scenario=june-2017");
        for a in actions {
            s.reduce(a);
        }
        let st = s.snapshot();
        let link = st.to_link();
        prop_assert!(link.len() <= MAX_LINK_LEN, "{} characters", link.len());
        let (back, notes) = AppState::from_link(&link);
        prop_assert!(notes.is_empty(), "{:?} from {}", notes, link);
        prop_assert_eq!(&back, &st);
        let again = open(&link);
        prop_assert_eq!(again.snapshot(), st);
        prop_assert_eq!(again.run().now(), s.run().now());
        prop_assert_eq!(digest(again.run().frames()), digest(s.run().frames()));
    }
}

#[test]
fn a_cut_and_its_restore_in_the_same_hour_cancel_out() {
    let mut s = open("scenario=june-2017&t=2017-05-29T10:00");
    let before = digest(s.run().frames());
    let sf = LinkId::parse("track.sf").unwrap();
    for _ in 0..401 {
        s.reduce(Action::ToggleLink(sf));
    }
    assert_eq!(s.snapshot().events.len(), 1, "400 toggles in one hour leave one cut");
    s.reduce(Action::ToggleLink(sf));
    assert!(s.snapshot().events.is_empty());
    assert_eq!(s.snapshot().to_link(), open("scenario=june-2017&t=2017-05-29T10:00").snapshot().to_link());
    assert_eq!(digest(s.run().frames()), before);
}

#[test]
fn the_app_makes_no_more_cuts_than_a_link_can_carry() {
    let max = parcel_standoff::ui::state::MAX_LINK_EVENTS;
    let sf = LinkId::parse("track.sf").unwrap();
    let start = scenario::builtin("june-2017").unwrap().start;
    let evs: Vec<String> = (0..max as i64 - 1)
        .map(|h| {
            format!("{}=track.sf@{}", if h % 2 == 0 { "cut" } else { "restore" }, parcel_standoff::model::clock::format_short(start + h))
        })
        .collect();
    let (st0, notes) = AppState::from_link(&format!("scenario=june-2017&{}", evs.join("&")));
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(st0.events.len(), max - 1);
    let mut s = open(&st0.to_link());
    s.reduce(Action::SeekHour(300));
    s.reduce(Action::ToggleLink(sf));
    s.reduce(Action::SeekHour(301));
    s.reduce(Action::ToggleLink(sf));
    let st = s.snapshot();
    assert_eq!(st.events.len(), max, "the cut beyond the limit was refused");
    let (back, notes) = AppState::from_link(&st.to_link());
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back, st);
    // and a set-up file with more is refused with a message
    let mut big = st.clone();
    big.events.push(big.events[0]);
    let e = AppState::from_file(&big.to_file()).unwrap_err();
    assert!(e.contains("at most 200"), "{e}");
}

#[test]
fn the_longest_link_the_app_writes_is_read_whole() {
    let sc = scenario::builtin("june-2017").unwrap();
    let mut st = AppState {
        scenario: "june-2017".into(),
        seed: Some(u64::MAX),
        t: 100,
        view: View::Chart(ChartKind::ShareDiff),
        lang: Lang::Zh,
        ..AppState::default()
    };
    for p in parcel_standoff::model::params::specs() {
        st.params.insert(p.name.clone(), -1.0000000000000002e-300);
    }
    let longest = *LinkId::all().iter().max_by_key(|l| l.id().len()).unwrap();
    for h in 0..parcel_standoff::ui::state::MAX_LINK_EVENTS as i64 {
        st.events.push(parcel_standoff::ui::state::LinkEvent { link: longest, at: sc.start + h, up: h % 2 == 1 });
    }
    let n = st.to_link().len();
    println!("longest link the app can write: {n} characters (read limit {MAX_LINK_LEN})");
    assert!(n <= MAX_LINK_LEN, "{n}");
}

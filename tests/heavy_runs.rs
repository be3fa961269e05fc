//! A heavy set-up (many merchants) never freezes the page: the page's session builds it a few
//! steps at a time while a light stand-in shows, keeps the address, refuses a cut until it is
//! ready (saying why, changing nothing), and ends with exactly the run a test session builds at once.
#![cfg(not(target_arch = "wasm32"))]

use parcel_standoff::model::ids::LinkId;
use parcel_standoff::ui::address::PageOptions;
use parcel_standoff::ui::playback::{cost, HEAVY};
use parcel_standoff::ui::session::{Action, Effect, Session};
use parcel_standoff::ui::state::AppState;

const LINK: &str = "#scenario=june-2017&t=2017-06-10T00:00&p.merchants=60000";

fn sessions() -> (Session, Session) {
    let (st, notes) = AppState::read_link(LINK);
    let page = PageOptions::parse("", LINK);
    (Session::new(st.clone(), notes.clone(), &page, false), Session::for_page(st, notes, &page, false))
}

#[test]
fn a_heavy_link_is_built_across_frames_and_ends_as_the_same_run() {
    assert!(cost(60_000.0, 280) > HEAVY, "the link is heavy, and so is replaying it to now");
    let (whole, mut page) = sessions();
    assert!(whole.building().is_none(), "a test session builds at once");
    let p0 = page.building().expect("the page builds across frames");
    assert!(p0 < 0.05);
    // the address keeps the state asked for while the run is built
    assert_eq!(page.address(), whole.address());
    assert_eq!(page.player().hour(), whole.player().hour());
    // a cut while building is refused with a reason, and nothing changes
    let fx = page.reduce(Action::ToggleLink(LinkId::parse("track.sf").unwrap()));
    assert!(fx.iter().any(|e| matches!(e, Effect::Announce(s) if s.contains("still being computed"))));
    assert_eq!(page.snapshot().events, whole.snapshot().events);
    let mut calls = 0;
    let mut last = p0;
    while page.building().is_some() {
        page.work(20);
        calls += 1;
        if let Some(p) = page.building() {
            assert!(p >= last, "progress only grows");
            last = p;
        }
    }
    assert!(calls > 10, "built in {calls} slices of 20 steps");
    assert_eq!(page.player().run().digest(), whole.player().run().digest());
    assert_eq!(page.player().run().frames(), whole.player().run().frames());
    assert_eq!(page.readouts(), whole.readouts());
    assert_eq!(page.address(), whole.address());
}

#[test]
fn on_a_heavy_world_a_cut_is_at_once_and_a_jump_is_built_across_frames() {
    let (mut whole, mut page) = sessions();
    while page.building().is_some() {
        page.work(1000);
    }
    let cut = Action::ToggleLink(LinkId::parse("list.taobao.sf").unwrap());
    whole.reduce(cut.clone());
    page.reduce(cut);
    assert!(page.building().is_none(), "a cut now needs no replay: it is applied at once");
    assert_eq!(page.snapshot(), whole.snapshot(), "the cut is part of the set-up at once");
    while page.building().is_some() {
        page.work(25);
    }
    assert_eq!(page.player().run().frames(), whole.player().run().frames());
    // back in time, then forward: the same worlds
    for h in [30, 290] {
        whole.reduce(Action::SeekHour(h));
        page.reduce(Action::SeekHour(h));
        while page.building().is_some() {
            page.work(25);
        }
        assert_eq!(page.player().hour(), h);
        assert_eq!(page.player().run().frames(), whole.player().run().frames(), "at hour {h}");
    }
}

/// A host's reply (the event carrying its command's `id`) reports the state after the command:
/// for a `load` of a heavy state, the loaded run once it is built, not the run shown meanwhile.
#[test]
fn a_hosts_load_of_a_heavy_state_is_answered_with_the_loaded_state_once_built() {
    use parcel_standoff::ui::embed::{self, Id};
    let start = "#embed=1&scenario=baseline-2017&t=2017-05-30T00:00";
    let (st, notes) = AppState::read_link(start);
    let mut page = Session::for_page(st, notes, &PageOptions::parse("", start), false);
    assert!(page.building().is_none(), "the embed opens on a light run");
    let host = |text: &str| embed::parse(text).unwrap().unwrap();
    let replies = |fx: &[Effect]| -> Vec<Option<Id>> {
        fx.iter().filter_map(|e| if let Effect::PostState { id, .. } = e { Some(id.clone()) } else { None }).collect()
    };
    let heavy = "scenario=june-2017&t=2017-06-02T12:00&p.merchants=20000";
    let load = format!(r#"{{"protocol":"parcel-standoff","version":1,"command":"load","state":"{heavy}","id":"L1"}}"#);
    let fx = page.reduce(Action::host(host(&load), String::new()));
    assert!(page.building().is_some(), "20,000 merchants are built across frames");
    assert_eq!(replies(&fx), vec![], "no state is told while the loaded run is not there: {fx:?}");
    // a cut while it is built is refused with an error carrying its id, and changes nothing
    let before = page.snapshot();
    let cut = r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"track.sf","at":"2017-06-01T00:00","id":"C1"}"#;
    let fx = page.reduce(Action::host(host(cut), String::new()));
    let error =
        fx.iter().find_map(|e| if let Effect::PostError { id, message, .. } = e { Some((id.clone(), message.clone())) } else { None });
    let (id, message) = error.expect("an error event answers the refused cut");
    assert_eq!(id, Some(Id::Text("C1".into())));
    assert!(message.contains("still being computed") && message.len() <= 400, "{message}");
    assert_eq!(page.snapshot(), before, "the refused cut changed nothing (not even the time)");
    assert_eq!(replies(&fx), vec![]);
    // a `get` meanwhile is answered when the run is there too, after the load, in order
    let get = r#"{"protocol":"parcel-standoff","version":1,"command":"get","id":7}"#;
    assert_eq!(replies(&page.reduce(Action::host(host(get), String::new()))), vec![]);
    let mut told = Vec::new();
    while page.building().is_some() {
        told.extend(replies(&page.work(200)));
    }
    assert_eq!(told, vec![Some(Id::Text("L1".into())), Some(Id::Num(7.0))], "the replies, once, in order, and nothing untagged");
    // what they report (the page reads the session when it posts them): the loaded state
    let s = embed::summary(page.run(), &page.snapshot(), false);
    assert_eq!(s.t, "2017-06-02T12:00");
    assert_eq!(s.scenario, "june-2017");
    assert!(s.link.contains("p.merchants=2e4") || s.link.contains("p.merchants=20000"), "{}", s.link);
    assert!(s.cut.contains(&"track.sf".to_string()), "the scenario has cut SF's tracking by then: {:?}", s.cut);
    // once built, a restore is obeyed and answered with the state after it
    let restore = r#"{"protocol":"parcel-standoff","version":1,"command":"restore","link":"track.sf","id":"R2"}"#;
    let fx = page.reduce(Action::host(host(restore), String::new()));
    assert_eq!(replies(&fx), vec![Some(Id::Text("R2".into()))], "one reply, no untagged state beside it: {fx:?}");
    assert!(!embed::summary(page.run(), &page.snapshot(), false).cut.contains(&"track.sf".to_string()));
}

/// While a heavy run is built, a `seek` is checked against that run, not the one shown.
#[test]
fn while_a_heavy_run_is_built_a_seek_is_checked_against_it() {
    let (_, mut page) = sessions();
    assert!(page.building().is_some());
    let seek = |t: &str| {
        let text = format!(r#"{{"protocol":"parcel-standoff","version":1,"command":"seek","t":"{t}","id":1}}"#);
        Action::host(parcel_standoff::ui::embed::parse(&text).unwrap().unwrap(), String::new())
    };
    // the stand-in shown meanwhile is one day of 2017-05-29: June 5 is inside the run asked for
    let fx = page.reduce(seek("2017-06-05T00:00"));
    assert!(!fx.iter().any(|e| matches!(e, Effect::PostError { .. })), "{fx:?}");
    let fx = page.reduce(seek("2017-07-30T00:00"));
    assert!(fx.iter().any(|e| matches!(e, Effect::PostError { message, .. } if message.contains("outside the run"))), "{fx:?}");
    while page.building().is_some() {
        page.work(1000);
    }
    assert_eq!(parcel_standoff::model::clock::format_short(page.run().now()), "2017-06-05T00:00");
}

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

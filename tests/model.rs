//! The model as a teacher would check it: calibration against published figures, the June 2017
//! effects, and the invariants (determinism, conservation, shares, counterfactual identity).
#![cfg(not(target_arch = "wasm32"))]

use parcel_standoff::model::clock;
use parcel_standoff::model::ids::{Courier, LinkId, N_COURIERS};
use parcel_standoff::model::output::{self, Frame};
use parcel_standoff::model::report;
use parcel_standoff::model::run::{Run, RunSpec};
use parcel_standoff::model::scenario::builtin;

fn june() -> Run {
    Run::complete(RunSpec::new(builtin("june-2017").unwrap()))
}

fn hour(frames: &[Frame], at: &str) -> usize {
    let t = clock::parse(at).unwrap();
    frames.iter().position(|f| f.t == t).unwrap()
}

fn sum(frames: &[Frame], r: std::ops::Range<usize>, get: impl Fn(&Frame) -> f64) -> f64 {
    frames[r].iter().map(get).sum()
}

#[test]
fn calibration_the_baseline_meets_the_published_figures() {
    let r = Run::new(RunSpec::new(builtin("baseline-2017").unwrap()));
    let rows = report::calibration(&r);
    println!("{}", report::calibration_table(&rows));
    for row in &rows {
        assert!(row.ok(), "{}: model {:.2} vs target {:.2} ± {:.2}", row.quantity, row.model, row.target, row.tolerance);
    }
}

#[test]
fn june_2017_sf_taobao_volume_collapses_during_the_delisting_and_partly_recovers() {
    let r = june();
    let (f, b) = (r.frames(), &r.baseline[..]);
    // 2 June: the whole day SF is delisted from Taobao
    let d = hour(f, "2017-06-02T00:00");
    let during = sum(f, d..d + 24, |x| x.shipped[0][0]);
    let normal = sum(b, d..d + 24, |x| x.shipped[0][0]);
    assert!(during < 0.10 * normal, "SF on Taobao during the delisting: {during} vs {normal}");
    // after the restore (from 4 June), SF comes back, but not all the way for days
    for day in ["2017-06-04T00:00", "2017-06-06T00:00", "2017-06-09T00:00"] {
        let i = hour(f, day);
        let after = sum(f, i..i + 24, |x| x.shipped[0][0]);
        let base = sum(b, i..i + 24, |x| x.shipped[0][0]);
        assert!(after > 0.4 * base && after < 0.95 * base, "{day}: {after} vs {base}");
    }
    // the national SF share stays below the baseline to the end of the run
    let last = f.len() - 1;
    assert!(f[last].share[0] < b[last].share[0] - 0.001, "{} vs {}", f[last].share[0], b[last].share[0]);
}

#[test]
fn june_2017_about_two_million_locker_parcels_a_day_lose_tracking() {
    let r = june();
    let f = r.frames();
    let i = hour(f, "2017-06-01T00:00");
    let placed_per_day = sum(f, i..i + 24, |x| x.hivebox_taobao);
    assert!((1.7e6..2.3e6).contains(&placed_per_day), "{placed_per_day}");
    // hivebox-only: untracked parcels rise only because of the locker link
    let h = Run::complete(RunSpec::new(builtin("hivebox-only").unwrap()));
    let j = hour(h.frames(), "2017-06-02T12:00");
    assert!(h.frames()[j].untracked > 2.0e6, "{}", h.frames()[j].untracked);
    assert_eq!(h.baseline[j].untracked, 0.0);
}

#[test]
fn june_2017_inquiries_and_payment_delay_peak_inside_the_dispute_window() {
    let r = june();
    let (f, b) = (r.frames(), &r.baseline[..]);
    let (s, e) = (hour(f, "2017-06-01T00:00"), hour(f, "2017-06-03T23:00"));
    let peak = |get: &dyn Fn(&Frame) -> f64| {
        let (mut best, mut at) = (f64::MIN, 0);
        for (i, x) in f.iter().enumerate() {
            let v = get(x) - get(&b[i]);
            if v > best {
                best = v;
                at = i;
            }
        }
        (best, at)
    };
    let (inq, at) = peak(&|x| x.inquiries);
    assert!(inq > 0.3 * b[at].inquiries, "inquiries rise a lot: +{inq}");
    assert!((s..=e).contains(&at), "inquiries peak at {}", clock::format_short(f[at].t));
    let (pay, at) = peak(&|x| x.payment_delay_h);
    assert!(pay > 2.0, "payment delay +{pay} h");
    assert!((s..=e).contains(&at), "payment delay peaks at {}", clock::format_short(f[at].t));
}

#[test]
fn june_2017_rivals_slow_down_fresh_produce_spoils_and_sf_merchants_lose_sales() {
    let r = june();
    let (f, b) = (r.frames(), &r.baseline[..]);
    let (s, e) = (hour(f, "2017-06-02T00:00"), hour(f, "2017-06-07T00:00"));
    let rivals = |fr: &[Frame]| {
        let (mut t, mut n) = (0.0, 0.0);
        for x in &fr[s..e] {
            for c in 1..N_COURIERS {
                t += x.transit_mean_c[c] * x.delivered_c(c);
                n += x.delivered_c(c);
            }
        }
        t / n
    };
    let (rv, bv) = (rivals(f), rivals(b));
    assert!(rv > bv + 0.1, "rivals' mean door-to-door {rv:.2} h vs {bv:.2} h");
    // the rival that absorbs the most extra volume slows down the most
    let gain = |c: usize| sum(f, s..e, |x| x.shipped_courier(c)) - sum(b, s..e, |x| x.shipped_courier(c));
    let slow = |c: usize| sum(f, s..e, |x| x.transit_mean_c[c]) - sum(b, s..e, |x| x.transit_mean_c[c]);
    let most = (1..N_COURIERS - 1).max_by(|a, c| gain(*a).total_cmp(&gain(*c))).unwrap();
    let least = (1..N_COURIERS - 1).min_by(|a, c| gain(*a).total_cmp(&gain(*c))).unwrap();
    assert!(slow(most) > slow(least), "{} gains most and slows {:.1}, {} least and slows {:.1}", most, slow(most), least, slow(least));
    let spoiled = sum(f, 0..f.len(), |x| x.spoiled_fresh) - sum(b, 0..f.len(), |x| x.spoiled_fresh);
    assert!(spoiled > 10_000.0, "extra spoiled fresh parcels: {spoiled}");
    let sales = sum(f, 0..f.len(), |x| x.orders_sf_merchants);
    let base_sales = sum(b, 0..f.len(), |x| x.orders_sf_merchants);
    let lost = sum(f, 0..f.len(), |x| x.lost_sf_merchants);
    assert!(base_sales - sales > 50_000.0 && lost > 50_000.0, "SF merchants lose {} sales ({} lost orders)", base_sales - sales, lost);
}

#[test]
fn determinism_same_seed_same_bits_other_seed_other_world() {
    let a = june();
    let b = june();
    assert_eq!(output::digest(a.frames()), output::digest(b.frames()));
    assert_eq!(output::digest(&a.baseline), output::digest(&b.baseline));
    let mut spec = RunSpec::new(builtin("june-2017").unwrap());
    spec.scenario.seed = 7;
    let c = Run::complete(spec);
    assert_ne!(output::digest(a.frames()), output::digest(c.frames()));
}

#[test]
fn conservation_and_shares_hold_every_hour() {
    let mut r = Run::new(RunSpec::new(builtin("june-2017").unwrap()));
    while r.now() < r.end() {
        let t = r.now() + 1;
        r.advance_to(t);
        let s = &r.live;
        let audit = s.audit_in_system();
        let f = r.frames().last().unwrap();
        let rel = |a: f64, b: f64| (a - b).abs() / b.abs().max(1.0);
        assert!(rel(s.cum_shipped, s.cum_delivered + audit) < 1e-9, "shipped = delivered + in the system");
        assert!(rel(f.in_system, audit) < 1e-6, "the counter matches the containers");
        let total: f64 = f.share.iter().sum();
        assert!((total - 1.0).abs() < 1e-9 && f.share.iter().all(|x| (0.0..=1.0).contains(x)));
        assert!(f.spoiled_fresh <= f.delivered + 1e-6, "spoiled parcels are delivered ones");
    }
}

#[test]
fn cutting_and_restoring_at_the_same_instant_is_the_baseline() {
    let mut spec = RunSpec::new(builtin("baseline-2017").unwrap());
    let t = clock::parse("2017-06-01T09:00").unwrap();
    for l in [LinkId::Track(Courier::Sf), LinkId::LockerHivebox, LinkId::List(parcel_standoff::model::Platform::Taobao, Courier::Sf)] {
        spec.add_link_event(l, t, false).unwrap();
        spec.add_link_event(l, t, true).unwrap();
    }
    let r = Run::complete(spec);
    assert_eq!(r.frames(), &r.baseline[..]);
}

#[test]
fn no_cut_no_drift_over_sixty_days() {
    let mut spec = RunSpec::new(builtin("baseline-2017").unwrap());
    spec.scenario.days = 60;
    spec.set_param("merchants", 3000.0).unwrap();
    let r = Run::complete(spec);
    let f = r.frames();
    let week = |w: usize| sum(f, w * 168..(w + 1) * 168, |x| x.transit_mean_h) / 168.0;
    let share = |w: usize| f[(w + 1) * 168 - 1].share[0];
    for w in 1..8 {
        assert!((week(w) - week(0)).abs() < 0.5, "mean transit drifts: week {w} {:.2} vs {:.2}", week(w), week(0));
        assert!((share(w) - share(0)).abs() < 0.002, "SF share drifts: {:.4} vs {:.4}", share(w), share(0));
    }
    assert_eq!(sum(f, 0..f.len(), |x| x.switching), 0.0);
    // volume grows with the trend (28% a year ≈ 4% over 60 days), no more
    let first = sum(f, 0..168, |x| x.shipped_total());
    let last = sum(f, f.len() - 168..f.len(), |x| x.shipped_total());
    assert!((1.02..1.07).contains(&(last / first)), "{}", last / first);
}

#[test]
fn the_mediation_policy_restores_every_link() {
    let mut spec = RunSpec::new(builtin("no-mediation").unwrap());
    spec.set_param("mediation_after_h", 24.0).unwrap();
    let r = Run::complete(spec);
    assert!(r.live.links.all_clear());
    assert!(r.live.applied.iter().any(|a| a.event.is_none()), "the policy acted");
    let plain = Run::complete(RunSpec::new(builtin("no-mediation").unwrap()));
    assert!(!plain.live.links.all_clear(), "without the policy SF stays delisted");
}

#[test]
fn jd_pruning_moves_jd_merchants_to_the_couriers_that_remain() {
    let r = Run::complete(RunSpec::new(builtin("jd-pruning-2017").unwrap()));
    let (f, b) = (r.frames(), &r.baseline[..]);
    let i = hour(f, "2017-07-28T00:00");
    let best = sum(f, i..i + 24, |x| x.shipped[1][Courier::Best.idx()]);
    let zto = sum(f, i..i + 24, |x| x.shipped[1][Courier::Zto.idx()]);
    let zto_base = sum(b, i..i + 24, |x| x.shipped[1][Courier::Zto.idx()]);
    assert_eq!(best, 0.0);
    assert!(zto > 1.05 * zto_base, "{zto} vs {zto_base}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn small(seed: u64) -> RunSpec {
        let mut s = RunSpec::new(builtin("june-2017").unwrap());
        s.scenario.seed = seed;
        s.scenario.days = 6;
        s.set_param("merchants", 400.0).unwrap();
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

        #[test]
        fn outputs_are_finite_and_shares_sum_to_one_across_parameter_ranges(
            seed in 0u64..1000,
            locker in 0.0f64..=1.0,
            headroom in 0.5f64..=5.0,
            review in 1.0f64..=365.0,
            habit in 0.0f64..=0.95,
            shelf in 6.0f64..=480.0,
            spread in 0.0f64..=0.8,
            boost in 1.0f64..=500.0,
        ) {
            let mut s = small(seed);
            s.set_param("locker_share", locker).unwrap();
            s.set_param("headroom.zto", headroom).unwrap();
            s.set_param("review_days", review).unwrap();
            s.set_param("habit", habit).unwrap();
            s.set_param("fresh_shelf_life_h", shelf).unwrap();
            s.set_param("transit_spread", spread).unwrap();
            s.set_param("review_boost.delisted", boost).unwrap();
            let r = Run::complete(s);
            for f in r.frames().iter().chain(r.baseline.iter()) {
                for c in output::columns() {
                    let v = (c.get)(f);
                    prop_assert!(v.is_finite(), "{} = {}", c.name, v);
                    prop_assert!(v >= -1e-6, "{} = {}", c.name, v);
                }
                let total: f64 = f.share.iter().sum();
                prop_assert!((total - 1.0).abs() < 1e-9);
            }
        }

        #[test]
        fn parcels_are_conserved_whatever_is_cut(seed in 0u64..1000, cuts in proptest::collection::vec((0usize..56, 0i64..140), 0..4)) {
            let mut s = small(seed);
            for (l, h) in cuts {
                let t = s.scenario.start + h;
                s.add_link_event(LinkId::all()[l], t, false).unwrap();
            }
            let mut r = Run::new(s);
            while r.now() < r.end() {
                let t = r.now() + 6;
                r.advance_to(t);
                let audit = r.live.audit_in_system();
                let gap = (r.live.cum_shipped - r.live.cum_delivered - audit).abs();
                prop_assert!(gap <= 1e-9 * r.live.cum_shipped, "shipped − delivered − in system = {}", gap);
            }
        }

        #[test]
        fn runs_are_deterministic(seed in 0u64..1000) {
            let a = Run::complete(small(seed));
            let b = Run::complete(small(seed));
            prop_assert_eq!(a.frames(), b.frames());
        }

        #[test]
        fn a_cut_restored_at_once_changes_nothing(seed in 0u64..1000, h in 0i64..140, which in 0usize..56) {
            let mut s = small(seed);
            s.scenario.events.clear();
            let link = LinkId::all()[which];
            let t = s.scenario.start + h;
            s.add_link_event(link, t, false).unwrap();
            s.add_link_event(link, t, true).unwrap();
            let r = Run::complete(s);
            prop_assert_eq!(r.frames(), &r.baseline[..]);
        }

        #[test]
        fn out_of_range_parameters_are_rejected_with_their_name(x in prop_oneof![-1e9f64..-0.001, 1.001f64..1e9]) {
            let mut s = small(1);
            let e = s.set_param("locker_share", x).unwrap_err();
            prop_assert!(e.contains("locker_share") && e.contains("0 to 1"));
        }
    }
}

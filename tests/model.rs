//! The model as a teacher would check it: calibration against published figures, the June 2017
//! effects, and the invariants (determinism, conservation, shares, counterfactual identity).
#![cfg(not(target_arch = "wasm32"))]

use parcel_standoff::model::clock;
use parcel_standoff::model::ids::{Courier, LinkId, N_COURIERS};
use parcel_standoff::model::output::{self, Frame};
use parcel_standoff::model::report;
use parcel_standoff::model::run::{Run, RunSpec};
use parcel_standoff::model::scenario::{builtin, Action};

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
    // after the restore (from 4 June), SF comes back, but not all the way
    let ratio = |day: &str| {
        let i = hour(f, day);
        sum(f, i..i + 24, |x| x.shipped[0][0]) / sum(b, i..i + 24, |x| x.shipped[0][0])
    };
    let (d4, d9) = (ratio("2017-06-04T00:00"), ratio("2017-06-09T00:00"));
    // merchants who waited or routed around come back at once; those who set up another courier
    // during the 42 hours (and formed a habit with it) stay for a while
    assert!(d4 > 0.7 && d9 < 0.98, "4 Jun {d4:.2}, 9 Jun {d9:.2}");
    assert!(d9 > 0.6, "most of it comes back: {d9:.2}");
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
    // hivebox-only: untracked parcels rise only because of the locker link, and only for the
    // locker stage: what is untracked is at most what waits in lockers
    let h = Run::complete(RunSpec::new(builtin("hivebox-only").unwrap()));
    let j = hour(h.frames(), "2017-06-02T12:00");
    let x = &h.frames()[j];
    assert!(x.untracked > 1.5e6, "{}", x.untracked);
    assert!(x.untracked <= x.locker_waiting + 1.0, "only the locker stage: {} untracked, {} in lockers", x.untracked, x.locker_waiting);
    assert_eq!(h.baseline[j].untracked, 0.0);
    // the delay the affected buyers felt: Taobao parcels through Hive Box ordered just before the
    // cut reach far fewer buyers within 72 h (by order day, run against baseline)
    let on_time = |v: &[[[f64; 4]; 3]], d: usize| v[d][1][3] / v[d][1][0];
    let worst = (0..8).map(|d| on_time(&h.live.by_order_day, d) / on_time(&h.baseline_by_order_day, d)).fold(1.0, f64::min);
    assert!(worst < 0.6, "Hive Box Taobao parcels within 72 h, worst order day: {worst:.2} of the baseline");
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
    assert!(inq > 0.2 * b[at].inquiries, "inquiries rise a lot: +{inq}");
    assert!((s..=e).contains(&at), "inquiries peak at {}", clock::format_short(f[at].t));
    let (pay, at) = peak(&|x| x.payment_delay_h);
    assert!(pay > 2.0, "payment delay +{pay} h");
    assert!((s..=e).contains(&at), "payment delay peaks at {}", clock::format_short(f[at].t));
}

/// june-2017 without the locker cut: rivals can only slow down through congestion.
fn june_without_locker_cut() -> RunSpec {
    let mut spec = RunSpec::new(builtin("june-2017").unwrap());
    spec.scenario.events.retain(|e| e.action != Action::Cut(LinkId::LockerHivebox));
    spec
}

fn rivals_mean(fr: &[Frame], r: std::ops::Range<usize>) -> f64 {
    let (mut t, mut n) = (0.0, 0.0);
    for x in &fr[r] {
        for c in 1..N_COURIERS {
            t += x.transit_mean_c[c] * x.delivered_c(c);
            n += x.delivered_c(c);
        }
    }
    t / n
}

#[test]
fn june_2017_rivals_slow_down_through_congestion() {
    let r = Run::complete(june_without_locker_cut());
    let (f, b) = (r.frames(), &r.baseline[..]);
    let (s, e) = (hour(f, "2017-06-02T00:00"), hour(f, "2017-06-07T00:00"));
    let (rv, bv) = (rivals_mean(f, s..e), rivals_mean(b, s..e));
    // small: SF's Taobao parcels are about 1 % of the rivals' volume
    let effect = rv - bv;
    assert!(effect > 0.002, "rivals' mean door-to-door {rv:.4} h vs {bv:.4} h");
    // the rival that absorbs the most extra volume slows down the most
    let gain = |c: usize| sum(f, s..e, |x| x.shipped_courier(c)) - sum(b, s..e, |x| x.shipped_courier(c));
    // (congestion shows first in the queue: parcels waiting for sorting, relative to capacity)
    let queue = |fr: &[Frame], c: usize| sum(fr, s..e, |x| x.backlog[c]) / sum(fr, s..e, |x| x.shipped_courier(c));
    let slow = |c: usize| queue(f, c) - queue(b, c);
    let most = (1..N_COURIERS - 1)
        .max_by(|a, c| {
            (gain(*a) / sum(b, s..e, |x| x.shipped_courier(*a))).total_cmp(&(gain(*c) / sum(b, s..e, |x| x.shipped_courier(*c))))
        })
        .unwrap();
    let least = (1..N_COURIERS - 1)
        .min_by(|a, c| {
            (gain(*a) / sum(b, s..e, |x| x.shipped_courier(*a))).total_cmp(&(gain(*c) / sum(b, s..e, |x| x.shipped_courier(*c))))
        })
        .unwrap();
    assert!(slow(most) > slow(least), "{} gains most and queues {:.4}, {} least and queues {:.4}", most, slow(most), least, slow(least));
    // knock-out: with capacity to spare everywhere, nobody slows down
    let mut spec = june_without_locker_cut();
    for c in Courier::ALL {
        spec.set_param(&format!("headroom.{}", c.id()), 5.0).unwrap();
    }
    let r = Run::complete(spec);
    let (rv, bv) = (rivals_mean(r.frames(), s..e), rivals_mean(&r.baseline, s..e));
    assert!(rv - bv < 0.25 * effect, "no congestion, no slowdown: {rv:.4} vs {bv:.4}");
}

#[test]
fn june_2017_fresh_produce_spoils_and_sf_merchants_lose_sales() {
    let r = june();
    let (f, b) = (r.frames(), &r.baseline[..]);
    let spoiled = sum(f, 0..f.len(), |x| x.spoiled_fresh) - sum(b, 0..f.len(), |x| x.spoiled_fresh);
    assert!(spoiled > 10_000.0, "extra spoiled fresh parcels: {spoiled}");
    let sales = sum(f, 0..f.len(), |x| x.orders_sf_merchants);
    let base_sales = sum(b, 0..f.len(), |x| x.orders_sf_merchants);
    let lost = sum(f, 0..f.len(), |x| x.lost_sf_merchants);
    assert!(base_sales - sales > 50_000.0 && lost > 50_000.0, "SF merchants lose {} sales ({} lost orders)", base_sales - sales, lost);
    // the treated group (SF-reliant Taobao merchants) loses, the control group does not
    let d = |g: &dyn Fn(&Frame) -> f64| sum(f, 0..f.len(), g) - sum(b, 0..f.len(), g);
    let treated = d(&|x| x.orders_sf_reliant);
    let control = d(&|x| x.orders_control);
    assert!(treated < -20_000.0, "SF-reliant merchants' sales: {treated}");
    assert!(control > -1.0, "the control group is not hurt (it gains buyers who switch merchant): {control}");
    let base_treated = sum(b, 0..f.len(), |x| x.orders_sf_reliant);
    let base_control = sum(b, 0..f.len(), |x| x.orders_control);
    assert!((base_treated - base_control).abs() < 0.02 * base_treated, "the control is reweighted to the treated group's size");
}

#[test]
fn knockout_tracking_moves_merchants_only_through_inquiries_and_payment_delays() {
    // SF tracking cut alone for 42 h
    let spec = |service: f64, cash: f64| {
        let mut s = RunSpec::new(builtin("baseline-2017").unwrap());
        s.scenario.days = 8;
        s.add_link_event(LinkId::Track(Courier::Sf), clock::parse("2017-06-01T09:00").unwrap(), false).unwrap();
        s.add_link_event(LinkId::Track(Courier::Sf), clock::parse("2017-06-03T03:00").unwrap(), true).unwrap();
        s.set_param("beta_service", service).unwrap();
        s.set_param("beta_cash", cash).unwrap();
        s
    };
    // merchants that changed courier beyond the calm churn the baseline has too (the same agents and draws)
    let moved = |r: &Run| r.frames().last().unwrap().merchants_switched - r.baseline[r.frames().len() - 1].merchants_switched;
    let on = Run::complete(spec(0.3, 0.1));
    assert!(moved(&on) > 0.0, "a tracking-only cut moves merchants through its costs");
    let off = Run::complete(spec(0.0, 0.0));
    assert_eq!(moved(&off), 0.0, "with no sensitivity to inquiries or cash, nobody moves");
    assert!(off.frames().iter().zip(off.baseline.iter()).any(|(a, b)| a.inquiries > 1.1 * b.inquiries), "the inquiries still happen");
    // each arrow alone is enough
    assert!(moved(&Run::complete(spec(0.3, 0.0))) > 0.0, "inquiries alone move merchants");
    assert!(moved(&Run::complete(spec(0.0, 2.0))) > 0.0, "payment delays alone move merchants");
    // upstream knock-out: when untracked parcels raise no more inquiries, the service cost does not rise
    let mut s = spec(0.3, 0.0);
    s.set_param("inquiry_rate_untracked", 0.02).unwrap();
    let r = Run::complete(s);
    let extra: f64 = r.frames().iter().zip(r.baseline.iter()).map(|(a, b)| a.service_cost_yuan - b.service_cost_yuan).fold(0.0, f64::max);
    assert!(extra.abs() < 1e-6, "no inquiries, no service cost: {extra}");
    assert_eq!(moved(&r), 0.0);
    // and when an untracked delivery releases money as fast, the payment delay does not rise
    let mut s = spec(0.0, 2.0);
    s.set_param("payment_lag_untracked_h", 48.0).unwrap();
    let r = Run::complete(s);
    assert!(r.frames().iter().zip(r.baseline.iter()).all(|(a, b)| a.payment_delay_h <= b.payment_delay_h + 1e-9));
    assert_eq!(moved(&r), 0.0);
}

#[test]
fn knockout_waiting_buyers_make_the_rebound() {
    let r = june();
    let (f, b) = (r.frames(), &r.baseline[..]);
    let i = hour(f, "2017-06-03T12:00");
    let rebound = (i..i + 48).any(|j| f[j].orders_sf_reliant > b[j].orders_sf_reliant * 1.01);
    assert!(rebound, "after relisting, SF-reliant merchants sell more than in the baseline for a while");
    assert!(sum(f, i..i + 48, |x| x.orders_returned) > 0.0);
    let mut spec = RunSpec::new(builtin("june-2017").unwrap());
    spec.set_param("buyers.defer", 0.0).unwrap();
    let r = Run::complete(spec);
    let (f, b) = (r.frames(), &r.baseline[..]);
    assert!(
        f[i..].iter().zip(&b[i..]).all(|(x, y)| x.orders_sf_reliant <= y.orders_sf_reliant * (1.0 + 1e-9)),
        "no waiting buyers, no rebound"
    );
    assert_eq!(sum(f, 0..f.len(), |x| x.orders_returned), 0.0);
}

#[test]
fn knockout_buyers_who_take_another_courier_lose_no_orders() {
    let mut spec = RunSpec::new(builtin("june-2017").unwrap());
    for k in ["fresh", "electronics", "apparel", "general"] {
        spec.set_param(&format!("buyers.other_courier.{k}"), 1.0).unwrap();
    }
    let r = Run::complete(spec);
    assert_eq!(sum(r.frames(), 0..r.frames().len(), |x| x.lost_sf_reliant + x.lost_orders), 0.0);
}

#[test]
fn knockout_the_locker_link_delays_buyers_through_notification() {
    let h = Run::complete(RunSpec::new(builtin("hivebox-only").unwrap()));
    let (f, b) = (h.frames(), &h.baseline[..]);
    let (s, e) = (hour(f, "2017-06-01T12:00"), hour(f, "2017-06-04T00:00"));
    let mean = |fr: &[Frame], g: &dyn Fn(&Frame) -> f64| sum(fr, s..e, g) / (e - s) as f64;
    let know = |x: &Frame| x.notify_hivebox_taobao;
    let d2d = |x: &Frame| x.transit_hivebox_taobao;
    assert!(mean(f, &know) > mean(b, &know) + 5.0, "buyers learn later: {:.1} h vs {:.1} h", mean(f, &know), mean(b, &know));
    assert!(mean(f, &d2d) > mean(b, &d2d) + 5.0, "and pick up later");
    // knock-out: if unnotified buyers picked up as fast, the parcels would not arrive later
    let mut spec = RunSpec::new(builtin("hivebox-only").unwrap());
    spec.set_param("locker_pickup_unnotified_h", 8.0).unwrap();
    let h = Run::complete(spec);
    assert!((mean(h.frames(), &d2d) - mean(&h.baseline, &d2d)).abs() < 1e-9, "no slower pickups, no delay");
}

#[test]
fn switching_cost_is_symmetric_and_there_is_no_absorbing_state() {
    let mut spec = RunSpec::new(builtin("june-2017").unwrap());
    spec.scenario.days = 20;
    spec.set_param("habit", 0.0).unwrap();
    spec.set_param("switch_cost", 0.0).unwrap();
    let r = Run::complete(spec);
    let (f, b) = (r.frames(), &r.baseline[..]);
    let n = f.len();
    let last = sum(f, n - 24..n, |x| x.shipped[0][0]) / sum(b, n - 24..n, |x| x.shipped[0][0]);
    assert!((last - 1.0).abs() < 0.02, "with no habit and no switching cost SF recovers fully: {last:.3}");
    let away = f[n - 1].sf_reliant_away - b[n - 1].sf_reliant_away;
    assert!(away.abs() < 1.0, "every merchant pushed off SF went back (beyond the calm churn): {away:.2} pp");
}

#[test]
fn a_lasting_loss_decays_over_120_days() {
    let mut spec = RunSpec::new(builtin("no-mediation").unwrap());
    spec.scenario.days = 120;
    spec.set_param("mediation_after_h", 24.0 * 20.0).unwrap();
    let r = Run::complete(spec);
    let (f, b) = (r.frames(), &r.baseline[..]);
    let gap = |day: usize| {
        let i = day * 24;
        1.0 - sum(f, i..i + 24, |x| x.shipped[0][0]) / sum(b, i..i + 24, |x| x.shipped[0][0])
    };
    let (early, late) = (gap(30), gap(118));
    assert!(early > 0.03, "a 20-day delisting leaves a gap: {early:.3}");
    assert!(late < early - 0.02, "that decays through the calm churn: day 30 {early:.3}, day 119 {late:.3}");
}

#[test]
fn the_live_world_never_reads_the_baseline() {
    let with = june();
    let without = Run::complete_without_baseline(RunSpec::new(builtin("june-2017").unwrap()));
    assert!(without.baseline.is_empty());
    assert_eq!(with.frames(), without.frames());
}

#[test]
fn the_why_table_adds_up_and_names_what_carries_each_effect() {
    use parcel_standoff::model::why;
    // three groups on a short run, exact: parts add up to the effect (what the three cannot explain
    // is the effect with all three off); the delisting carries the orders SF-reliant merchants
    // lose, the locker link the rivals' slowdown
    let mut spec = RunSpec::new(builtin("june-2017").unwrap());
    spec.scenario.days = 7;
    spec.set_param("merchants", 3000.0).unwrap();
    let groups: Vec<why::Knockout> =
        why::knockouts().into_iter().filter(|k| ["delisting", "locker_link", "capacity"].contains(&k.id)).collect();
    let w = why::decompose_groups(&spec, &groups, 1, why::Method::Exact, &|specs| {
        assert_eq!(specs.len(), 8, "2^3 coalitions");
        specs.into_iter().map(|s| why::values(&Run::complete(s))).collect()
    });
    for x in &w {
        let sum: f64 = x.parts.iter().map(|p| p.amount).sum();
        assert!((sum + x.rest - x.effect).abs() <= 1e-6 * x.effect.abs().max(1.0), "{}: {sum} + {} vs {}", x.headline, x.rest, x.effect);
    }
    let part = |h: &str, id: &str| w.iter().find(|x| x.headline == h).unwrap().parts.iter().find(|p| p.id == id).unwrap().share;
    assert!(part("sf_reliant_lost_orders", "delisting") > 0.5);
    assert!(part("rivals_slowdown", "locker_link") > 0.5);
}

#[test]
fn every_documented_parameter_value_gives_a_bounded_run_or_a_clear_refusal() {
    use parcel_standoff::model::params::specs;
    for (i, sp) in specs().iter().enumerate() {
        for v in [sp.min, sp.max] {
            let mut s = RunSpec::new(builtin("june-2017").unwrap());
            s.scenario.days = 5;
            s.set_param("merchants", 1000.0).unwrap();
            if sp.name == "merchants" {
                continue;
            }
            s.set_param(&sp.name, v).unwrap();
            if let Err(e) = s.scenario.params.check_sums() {
                assert!(e.contains(sp.name.split('.').next().unwrap()), "{} = {v}: refusal must name it: {e}", sp.name);
                continue;
            }
            let r = Run::complete(s);
            for f in r.frames().iter().chain(r.baseline.iter()) {
                for c in output::columns() {
                    let x = (c.get)(f);
                    assert!(x.is_finite() && x >= -1e-6, "{} = {v}: {} = {x}", sp.name, c.name);
                }
                assert!(f.transit_p90_h < 1000.0, "{} = {v}: p90 {}", sp.name, f.transit_p90_h);
            }
            let _ = i;
        }
    }
}

#[test]
fn unstable_capacity_is_refused_with_the_range() {
    let mut s = RunSpec::new(builtin("june-2017").unwrap());
    let e = s.set_param("headroom.zto", 0.6).unwrap_err();
    assert!(e.contains("headroom.zto") && e.contains("1.1 to 5"), "{e}");
    // the lowest documented value gives a bounded run with no lost orders and no growing queue
    let mut s = RunSpec::new(builtin("baseline-2017").unwrap());
    for c in ["sf", "zto", "yto", "sto", "yunda", "best", "ems", "jdl", "other"] {
        s.set_param(&format!("headroom.{c}"), 1.1).unwrap();
    }
    s.set_param("surge_capacity", 0.0).unwrap();
    s.set_param("queue_limit_h", 24.0).unwrap();
    let r = Run::complete(s);
    assert_eq!(sum(r.frames(), 0..r.frames().len(), |x| x.lost_orders), 0.0, "the no-cut baseline loses no order");
}

#[test]
fn pairs_that_must_be_ordered_are_refused_naming_both() {
    for (a, b) in [
        ("locker_pickup_h", "locker_pickup_unnotified_h"),
        ("inquiry_rate_tracked", "inquiry_rate_untracked"),
        ("payment_lag_tracked_h", "payment_lag_untracked_h"),
    ] {
        let mut s = RunSpec::new(builtin("june-2017").unwrap());
        let hi = s.scenario.params.get(b);
        s.set_param(a, (hi * 1.5).min(if a.ends_with("_h") { 240.0 } else { 1.0 })).unwrap();
        s.set_param(b, s.scenario.params.get(a) * 0.5).unwrap();
        let e = s.scenario.params.check_sums().unwrap_err();
        assert!(e.contains(a) && e.contains(b) && e.len() <= 400, "{e}");
        s.set_param(b, s.scenario.params.get(a)).unwrap();
        assert!(s.scenario.params.check_sums().is_ok(), "equal is allowed");
    }
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
        assert!(f.untracked <= f.in_system + 1e-6);
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
        assert!((share(w) - share(0)).abs() < 0.005, "SF share drifts: {:.4} vs {:.4}", share(w), share(0));
    }
    // a calm churn of merchants between couriers (10–25 % a year), no more
    let churn = f.last().unwrap().merchants_switched * 365.0 / 60.0;
    assert!((5.0..30.0).contains(&churn), "{churn} % a year");
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
        s.set_param("merchants", 1000.0).unwrap();
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

        #[test]
        fn outputs_are_finite_and_shares_sum_to_one_across_parameter_ranges(
            seed in 0u64..1000,
            locker in 0.0f64..=1.0,
            headroom in 1.1f64..=5.0,
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

#[test]
fn knockout_sf_being_faster_than_its_rivals_is_why_the_delisting_spoils_fresh_produce() {
    use parcel_standoff::model::why;
    // the delisting's part of the extra spoilage: june-2017 against june-2017 without the delisting
    let delisting: Vec<why::Knockout> = why::knockouts().into_iter().filter(|k| k.id == "delisting").collect();
    let spoil = why::headlines().iter().position(|h| h.id == "extra_spoilage").unwrap();
    let part = |sf_speed: Option<f64>| {
        let mut spec = RunSpec::new(builtin("june-2017").unwrap());
        if let Some(v) = sf_speed {
            spec.set_param("speed.sf", v).unwrap();
        }
        let with = why::values(&Run::complete(spec.clone()))[spoil];
        let without = why::values(&Run::complete(why::spec_for(&spec, &delisting, 1)))[spoil];
        with - without
    };
    let normal = part(None);
    let zto = RunSpec::new(builtin("june-2017").unwrap()).scenario.params.get("speed.zto");
    let same = part(Some(zto));
    assert!(normal > 1.0, "the delisting spoils fresh produce: {normal:.1} k");
    assert!(
        same < 0.5 * normal,
        "if SF were no faster than ZTO, moving its buyers to rivals would spoil far less: {same:.1} k vs {normal:.1} k"
    );
}

//! "How sure is this?": ensembles over the uncertain parameters, the ranking of assumptions,
//! sweeps and A/B set-ups, as a teacher or researcher would rely on them.
#![cfg(not(target_arch = "wasm32"))]

use parcel_standoff::model::design::{self, Factor};
use parcel_standoff::model::ensemble::{self, EnsembleSpec};
use parcel_standoff::model::params;
use parcel_standoff::model::run::RunSpec;
use parcel_standoff::model::scenario::{self, builtin};

fn june() -> RunSpec {
    RunSpec::new(builtin("june-2017").unwrap())
}

fn ens(spec: RunSpec, points: usize, seeds: Vec<u64>, pinned: Vec<String>) -> EnsembleSpec {
    EnsembleSpec { spec, points, seeds, design_seed: 7, pinned, series: vec!["shipped.sf".into(), "lost_orders.sf_reliant".into()] }
}

#[test]
fn every_assumption_has_a_plausible_range_around_its_value_and_the_extremes_are_valid_set_ups() {
    let s = builtin("baseline-2017").unwrap();
    let mut lo = s.params.clone();
    let mut hi = s.params.clone();
    for (i, spec) in params::specs().iter().enumerate() {
        let (_, conf) = &s.sources[i];
        match s.plausible[i] {
            Some((a, b)) => {
                assert_eq!(conf, "approx", "{}: only assumptions get a plausible range", spec.name);
                let v = s.params.values[i];
                assert!(spec.min <= a && a <= v && v <= b && b <= spec.max, "{}: {a} ≤ {v} ≤ {b}", spec.name);
                lo.values[i] = a;
                hi.values[i] = b;
            }
            None => assert_ne!(conf, "approx", "{} is an assumption without a plausible range", spec.name),
        }
    }
    // the cross-parameter rules are monotone in each parameter: both corners of the box pass,
    // so every design point does
    lo.check_sums().unwrap();
    hi.check_sums().unwrap();
    // the ranges are documented for teachers
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/model.md")).unwrap();
    for (i, spec) in params::specs().iter().enumerate() {
        if let Some((a, b)) = s.plausible[i] {
            let row = format!("| `{}` | {} | {} – {} | ", spec.name, s.params.values[i], a, b);
            assert!(docs.contains(&row), "docs/model.md lacks {row}");
        }
    }
}

#[test]
fn a_plausible_range_that_excludes_its_value_or_leaves_the_valid_range_is_refused() {
    let j = include_str!("../scenarios/baseline-2017.json");
    let bad = j.replacen("\"plausible\": [\n    7,\n    90\n   ]", "\"plausible\": [\n    40,\n    90\n   ]", 1);
    assert_ne!(bad, j, "the test edits review_days' range");
    let e = scenario::from_json(&bad).unwrap_err();
    assert!(e.contains("review_days") && e.contains("plausible range"), "{e}");
    let bad = j.replacen("\"plausible\": [\n    7,\n    90\n   ]", "\"plausible\": [\n    0,\n    90\n   ]", 1);
    let e = scenario::from_json(&bad).unwrap_err();
    assert!(e.contains("review_days") && e.contains("1 to 365"), "{e}");
}

#[test]
fn the_latin_hypercube_fills_every_slice_once_and_depends_only_on_its_seed() {
    let a = design::latin_hypercube(16, 5, 3);
    assert_eq!(a, design::latin_hypercube(16, 5, 3));
    assert_ne!(a, design::latin_hypercube(16, 5, 4));
    for j in 0..5 {
        let mut slices: Vec<usize> = a.iter().map(|p| (p[j] * 16.0) as usize).collect();
        slices.sort();
        assert_eq!(slices, (0..16).collect::<Vec<_>>(), "dimension {j}");
    }
    let f = Factor { index: 0, name: "pickups_per_day".into(), lo: 1.0, hi: 3.0, integer: true };
    let vals: Vec<f64> = [0.0, 0.32, 0.34, 0.66, 0.67, 0.999].iter().map(|u| f.at(*u)).collect();
    assert_eq!(vals, vec![1.0, 1.0, 2.0, 2.0, 3.0, 3.0]);
}

#[test]
fn the_interval_of_each_effect_contains_the_central_run_for_the_default_set_up() {
    let (plan, outs, sum) = ensemble::run_ensemble(&ens(june(), 8, vec![2017, 2018], vec![])).unwrap();
    assert_eq!(outs.len(), 16);
    assert!(plan.factors.len() > 50, "the assumptions are varied: {}", plan.factors.len());
    assert!(plan.factors.iter().all(|f| f.name != "merchants" && f.name != "mediation_after_h"), "pinned by their range");
    for iv in &sum.intervals {
        assert!(iv.q[0] <= iv.q[1] && iv.q[1] <= iv.q[2], "{iv:?}");
        assert!(iv.q[0] <= iv.central && iv.central <= iv.q[2], "{} = {} outside {:?}", iv.id, iv.central, iv.q);
    }
    let loss = &sum.intervals[ensemble::effect_index("sf_lasting_loss").unwrap()];
    assert!(loss.q[2] - loss.q[0] > 0.05, "the assumptions move SF's lasting loss: {loss:?}");
    // the bands surround the run and the baseline, one triple per hour
    for b in &sum.bands {
        assert_eq!(b.run.len(), 13 * 24);
        assert_eq!(b.baseline.len(), 13 * 24);
        assert!(b.run.iter().chain(&b.baseline).all(|q| q[0] <= q[1] && q[1] <= q[2] && q[0].is_finite()));
    }
    let sf = &sum.bands[0];
    assert!(sf.run.iter().zip(&sf.baseline).any(|(r, b)| r[1] < b[1]), "SF ships less than its baseline somewhere");
}

#[test]
fn with_every_assumption_pinned_and_one_seed_the_band_has_no_width() {
    let mut spec = june();
    spec.scenario.days = 6;
    let all: Vec<String> = design::factors(&spec.scenario, &[]).unwrap().into_iter().map(|f| f.name).collect();
    let (plan, _, sum) = ensemble::run_ensemble(&ens(spec.clone(), 3, vec![2017], all)).unwrap();
    assert!(plan.factors.is_empty());
    for iv in &sum.intervals {
        assert_eq!(iv.q[0], iv.q[2], "{}", iv.id);
        assert_eq!(iv.q[1], iv.central, "{}", iv.id);
    }
    for b in &sum.bands {
        assert!(b.run.iter().chain(&b.baseline).all(|q| q[0] == q[2]), "{}", b.name);
    }
    // the same with two seeds: seed noise alone gives a band, small against the assumptions'
    let all: Vec<String> = plan.factors.iter().map(|f| f.name.clone()).collect();
    let (_, _, two) = ensemble::run_ensemble(&ens(spec, 3, vec![2017, 99], all)).unwrap();
    assert!(two.bands[0].run.iter().any(|q| q[0] < q[2]), "another seed changes the run");
}

#[test]
fn a_set_up_with_the_same_design_seed_gives_the_same_numbers_and_another_design_seed_other_points() {
    let mut spec = june();
    spec.scenario.days = 5;
    spec.set_param("merchants", 1500.0).unwrap();
    let e = ens(spec, 3, vec![1], vec![]);
    let a = ensemble::run_ensemble(&e).unwrap();
    let b = ensemble::run_ensemble(&e).unwrap();
    assert_eq!(a.1, b.1);
    assert_eq!(a.2, b.2);
    let mut e2 = e.clone();
    e2.design_seed = 8;
    assert_ne!(ensemble::plan(&e2).unwrap().points, a.0.points);
    // each run evaluated on its own (as another thread or the browser's worker would) is the same
    for (s, o) in a.0.runs.iter().zip(&a.1) {
        assert_eq!(&ensemble::evaluate(s, &a.0.series), o);
    }
}

/// SF's lasting loss is the SF business that has not come back by the last day: merchants who
/// left during the outage return only if the gain outweighs the cost of switching back, so the
/// switching cost decides how much stays lost. Lost orders pile up while SF-reliant merchants
/// still ship with a delisted courier: how long they take to review their courier (review_days)
/// sets how many orders are lost before they act.
#[test]
fn the_ranking_names_the_assumptions_a_modeller_would_name() {
    let spec = june();
    // the page's four seeds, common to both ends of every parameter
    let seeds = ensemble::seeds(spec.scenario.seed, 4);
    let (factors, runs) = ensemble::swing_plan(&spec, &[], &seeds).unwrap();
    assert_eq!(runs.len(), (2 * factors.len() + 1) * 4);
    let outs: Vec<ensemble::Outcome> = runs.iter().map(|s| ensemble::evaluate(s, &[])).collect();
    let (loss, noise) = ensemble::ranking(&factors, &outs, 4, ensemble::effect_index("sf_lasting_loss").unwrap());
    assert!(noise > 0.0, "four seeds have a spread");
    assert_eq!(loss[0].name, "talks_factor", "{:?}", &loss[..3]);
    assert!(loss[0].beyond && loss[0].d_p10 > 0.0, "beyond the noise on every seed: {:?}", loss[0]);
    assert!(loss[0].effect_at_hi > loss[0].effect_at_lo, "a regulator's call that reassures less leaves more merchants gone");
    assert!(loss[..3].iter().any(|s| s.name == "switch_cost"), "{:?}", &loss[..3]);
    // JD's volumes do not touch SF's Taobao parcels: within the seed noise, not ranked
    for s in loss.iter().filter(|s| s.name.starts_with("volume.jd.")) {
        assert!(!s.beyond, "{s:?} (noise {noise})");
    }
    let (lost, _) = ensemble::ranking(&factors, &outs, 4, ensemble::effect_index("sf_reliant_lost_orders").unwrap());
    assert_eq!(lost[0].name, "secondary_prob", "{:?}", &lost[..3]);
    assert!(lost[0].effect_at_lo > 1.5 * lost[0].effect_at_hi, "fewer merchants with a second courier to route through, more lost orders");
    // the ranked ones first, widest first; then those within the noise
    let ranked = lost.iter().take_while(|s| s.beyond).count();
    assert!(ranked >= 5 && lost[ranked..].iter().all(|s| !s.beyond), "{ranked}");
    assert!(lost[..ranked].windows(2).all(|w| w[0].width() >= w[1].width()));
}

/// The rule itself, on made-up outcomes: a parameter that moves the effect by the same amount on
/// every seed is ranked; one whose only "effect" is a reshuffle of the draws (zero on average,
/// either sign) is within the seed noise, however wide its mean swing by chance.
#[test]
fn a_parameter_with_no_real_effect_is_within_the_seed_noise() {
    let f = |name: &str| Factor { index: 0, name: name.into(), lo: 0.0, hi: 1.0, integer: false };
    let factors = [f("real"), f("reshuffle"), f("small")];
    let o = |x: f64| ensemble::Outcome { effects: vec![x], run: vec![], baseline: vec![] };
    let own = [1.0, 1.2, 0.9, 1.1];
    let mut outs = Vec::new();
    outs.extend(own.iter().map(|x| o(*x))); // real, low
    outs.extend(own.iter().map(|x| o(x + 0.5))); // real, high: +0.5 on every seed
    outs.extend(own.iter().map(|x| o(*x))); // reshuffle, low
    outs.extend([1.9, 2.1, 1.8, 0.6].map(o)); // reshuffle, high: +0.9 +0.9 +0.9 −0.5 (mean +0.55)
    outs.extend(own.iter().map(|x| o(*x))); // small, low
    outs.extend(own.iter().map(|x| o(x + 0.1))); // small, high: +0.1 on every seed, below the noise
    outs.extend(own.iter().map(|x| o(*x))); // the set-up itself
    let (swings, noise) = ensemble::ranking(&factors, &outs, 4, 0);
    assert!((noise - 0.3).abs() < 1e-12, "{noise}");
    assert_eq!((swings[0].name.as_str(), swings[0].beyond), ("real", true));
    assert!(swings[1].width() > swings[0].width(), "the reshuffle's mean swing is the widest…");
    assert_eq!((swings[1].name.as_str(), swings[1].beyond), ("reshuffle", false), "…but not ranked");
    assert_eq!((swings[2].name.as_str(), swings[2].beyond), ("small", false));
    // with fewer than three seeds nothing can be told from the noise
    let (one, _) = ensemble::ranking(&factors, &outs.iter().step_by(4).cloned().collect::<Vec<_>>(), 1, 0);
    assert_eq!(one.len(), 3);
    assert!(one.iter().all(|s| !s.beyond));
}

#[test]
fn experiments_refuse_bad_input_with_a_message() {
    let spec = june();
    let e = ensemble::plan(&ens(spec.clone(), 0, vec![1], vec![])).unwrap_err();
    assert!(e.contains("at least one design point"), "{e}");
    let e = ensemble::plan(&ens(spec.clone(), 4, vec![], vec![])).unwrap_err();
    assert!(e.contains("one seed"), "{e}");
    let e = ensemble::plan(&ens(spec.clone(), 5000, vec![1], vec![])).unwrap_err();
    assert!(e.contains("too large"), "{e}");
    let e = ensemble::plan(&ens(spec.clone(), 4, vec![1], vec!["nonsense".into()])).unwrap_err();
    assert!(e.contains("nonsense"), "{e}");
    let mut bad_series = ens(spec.clone(), 4, vec![1], vec![]);
    bad_series.series = vec!["colour".into()];
    assert!(ensemble::plan(&bad_series).unwrap_err().contains("unknown series 'colour'"));
    // sweeps: outside the documented range, reversed, too fine, not whole, invalid combination
    let e = design::axis("review_days", 0.0, 90.0, 5).unwrap_err();
    assert!(e.contains("review_days") && e.contains("1 to 365"), "{e}");
    assert!(design::axis("mediation_after_h", 42.0, 4800.0, 2).unwrap_err().contains("0 to 2000"));
    assert!(design::axis("review_days", 90.0, 7.0, 5).unwrap_err().contains("reversed"));
    assert!(design::axis("review_days", 7.0, 90.0, 1000).unwrap_err().contains("steps"));
    assert!(design::axis("pickups_per_day", 1.0, 4.0, 5).unwrap_err().contains("whole"));
    let e = design::sweep_specs(&spec, &[design::axis("buyers.rival", 0.5, 0.9, 3).unwrap()]).unwrap_err();
    assert!(e.contains("buyers.rival") && e.contains("at most 1"), "{e}");
    // A/B sides
    let e = design::with_settings(&spec, &[design::parse_setting("mediation_after_h=4800").unwrap()]).unwrap_err();
    assert!(e.contains("mediation_after_h") && e.contains("0 to 2000"), "{e}");
    assert!(design::parse_setting("mediation_after_h").unwrap_err().contains("NAME=VALUE"));
    assert!(design::parse_setting("mediation_after_h=soon").unwrap_err().contains("not a number"));
}

#[test]
fn a_sweep_gives_one_set_up_per_value_and_a_grid_every_combination() {
    let spec = june();
    let a = design::axis("mediation_after_h", 42.0, 480.0, 2).unwrap();
    assert_eq!(a.values, vec![42.0, 480.0]);
    let b = design::axis("switch_cost", 0.0, 1.0, 3).unwrap();
    let grid = design::sweep_specs(&spec, &[a.clone(), b]).unwrap();
    assert_eq!(grid.len(), 6);
    assert_eq!(grid[1].0, vec![42.0, 0.5]);
    assert_eq!(grid[1].1.scenario.params.get("switch_cost"), 0.5);
    assert_eq!(grid[5].1.scenario.params.get("mediation_after_h"), 480.0);
    // A/B on the scenario without the real restoration: a standing policy of mediation 42 h
    // after the first cut against one of 20 days (beyond the 10 days simulated)
    let mut nm = RunSpec::new(builtin("no-mediation").unwrap());
    nm.scenario.days = 10;
    let quick = design::with_settings(&nm, &[("mediation_after_h".into(), 42.0)]).unwrap();
    let late = design::with_settings(&nm, &[("mediation_after_h".into(), 480.0)]).unwrap();
    let (q, l) = (ensemble::evaluate(&quick, &[]), ensemble::evaluate(&late, &[]));
    for id in ["sf_lasting_loss", "extra_spoilage"] {
        let k = ensemble::effect_index(id).unwrap();
        assert!(l.effects[k] > 2.0 * q.effects[k], "{id}: mediation after 42 h costs less: {} vs {}", q.effects[k], l.effects[k]);
    }
}

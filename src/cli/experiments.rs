//! How sure is this? The experiment commands: `ensemble` (intervals over the uncertain
//! parameters and seeds, and the ranking of the assumptions), `sweep` and `compare` (A/B).

use super::{par_map, parse_opts, shown, write_out, Arg, Args, Cmd, Error};
use crate::model::{clock, design, ensemble, run::RunSpec};
use crate::present::i18n::{self, Key, Lang};
use crate::ui::experiment::{with_seeds, Results};
use std::io::Write;
use std::time::Instant;

/// Options of the experiment commands, taken out before the run options are parsed.
pub(super) struct Exp {
    pub(super) runs: usize,
    pub(super) seeds: usize,
    pub(super) design_seed: u64,
    pub(super) threads: usize,
    pub(super) series: Vec<String>,
    pub(super) effects: Vec<String>,
    pub(super) pinned: Vec<String>,
    pub(super) bands: bool,
    pub(super) rank: bool,
    pub(super) vary: Vec<String>,
    pub(super) a: Vec<String>,
    pub(super) b: Vec<String>,
    pub(super) rest: Vec<String>,
}

/// The experiment options (see `HELP`); the others are kept in `rest` for `parse_opts`.
pub(super) fn parse_exp(cmd: Cmd, args: &[String], default_runs: usize) -> Result<Exp, Error> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut e = Exp {
        runs: default_runs,
        // a sweep's or an A/B's set-ups are run with the page's seeds; an ensemble's points with 4
        seeds: if matches!(cmd, Cmd::Sweep | Cmd::Compare) { crate::ui::experiment::SEEDS } else { 4 },
        design_seed: 1,
        threads: cores,
        series: Vec::new(),
        effects: Vec::new(),
        pinned: Vec::new(),
        bands: false,
        rank: true,
        vary: Vec::new(),
        a: Vec::new(),
        b: Vec::new(),
        rest: Vec::new(),
    };
    let mut p = Args::new(cmd, args);
    while let Some(arg) = p.next()? {
        let Arg::Opt(a) = &arg else {
            p.keep(arg);
            continue;
        };
        match a.as_str() {
            "--runs" => e.runs = p.whole(a)? as usize,
            "--seeds" => e.seeds = p.whole(a)? as usize,
            "--design-seed" => e.design_seed = p.whole(a)?,
            "--threads" => {
                e.threads = p.whole(a)? as usize;
                if !(1..=256).contains(&e.threads) {
                    return Err(format!("--threads {} is out of range: allowed 1 to 256", e.threads).into());
                }
            }
            "--series" => e.series.extend(p.value(a)?.split(',').map(|s| s.trim().to_string())),
            "--effect" => e.effects.push(p.value(a)?),
            "--pin" => e.pinned.push(p.value(a)?),
            "--bands" => e.bands = true,
            "--no-rank" => e.rank = false,
            "--vary" => e.vary.push(p.value(a)?),
            "--a" => e.a.push(p.value(a)?),
            "--b" => e.b.push(p.value(a)?),
            "--set" => {
                // a parameter set by hand is held at that value in the ensemble
                let v = p.value(a)?;
                if let Some((k, _)) = v.split_once('=') {
                    e.pinned.push(k.trim().to_string());
                }
                p.rest.extend([a.to_string(), v]);
            }
            _ => p.keep(arg),
        }
    }
    e.rest = p.rest;
    for id in &e.effects {
        ensemble::effect_index(id)?;
    }
    if e.effects.is_empty() {
        e.effects = vec!["sf_lasting_loss".into(), "sf_reliant_lost_orders".into()];
    }
    Ok(e)
}

/// The ensemble of the experiment options: `--runs` / `--seeds` design points, each with every seed.
pub(super) fn ensemble_spec(spec: RunSpec, e: &Exp) -> Result<ensemble::EnsembleSpec, String> {
    if e.runs == 0 || e.seeds == 0 {
        return Err(format!("an ensemble needs at least one run and one seed (--runs {} --seeds {})", e.runs, e.seeds));
    }
    if e.runs % e.seeds != 0 {
        return Err(format!("--runs {} is not a multiple of --seeds {}: each design point is run with every seed", e.runs, e.seeds));
    }
    let seeds = ensemble::seeds(spec.scenario.seed, e.seeds);
    Ok(ensemble::EnsembleSpec {
        spec,
        points: e.runs / e.seeds,
        seeds,
        design_seed: e.design_seed,
        pinned: e.pinned.clone(),
        series: e.series.clone(),
    })
}

/// Plan and compute an ensemble on `threads` threads.
pub(super) fn compute(
    es: &ensemble::EnsembleSpec,
    threads: usize,
) -> Result<(ensemble::Plan, Vec<ensemble::Outcome>, ensemble::Summary), String> {
    let p = ensemble::plan(es)?;
    let mut all: Vec<&RunSpec> = p.runs.iter().collect();
    all.push(&p.central);
    let mut outs = par_map(all.len(), threads, |i| ensemble::evaluate(all[i], &p.series));
    let central = outs.pop().expect("the central run");
    let sum = ensemble::summarize(&p, &outs, &central);
    Ok((p, outs, sum))
}

fn effect_name(id: &str) -> String {
    if id == "sf_share_pp" {
        "SF's share of all parcels at the end".into()
    } else {
        i18n::named(Lang::En, &format!("why.headline.{id}")).to_string()
    }
}

fn intervals_table(sum: &ensemble::Summary) -> String {
    let mut s = format!(
        "  {:<44} {:>10} {:>22} {:>10} {:>11}\n",
        "effect (run − baseline)", "this run", "likely (10 % to 90 %)", "median", "seed noise"
    );
    for iv in &sum.intervals {
        s += &format!(
            "  {:<44} {:>10.3} {:>10.3} to {:>8.3} {:>10.3} {:>11.3}  {}\n",
            effect_name(iv.id),
            iv.central,
            iv.q[0],
            iv.q[2],
            iv.q[1],
            iv.seed_spread,
            iv.unit
        );
    }
    s
}

fn ranking_table(effect: &str, unit: &str, swings: &[ensemble::Swing], top: usize) -> String {
    let mut s = format!("Which assumption matters most for: {} ({})\n", effect_name(effect), unit);
    s += &format!(
        "  {:<4} {:<34} {:>19} {:>22} {:>9} {:>22}\n",
        "rank", "parameter (low to high end)", "range", "effect at low → high", "swing", "high − low, 10 %–90 %"
    );
    for (k, w) in swings.iter().filter(|w| w.beyond).take(top).enumerate() {
        s += &format!(
            "  {:<4} {:<34} {:>8} to {:>8} {:>10.3} → {:>9.3} {:>9.3} {:>10.3} to {:>8.3}\n",
            k + 1,
            w.name,
            w.lo,
            w.hi,
            w.effect_at_lo,
            w.effect_at_hi,
            w.width(),
            w.d_p10,
            w.d_p90
        );
    }
    let within: Vec<&str> = swings.iter().filter(|w| !w.beyond).map(|w| w.name.as_str()).collect();
    if !within.is_empty() {
        s += &format!("  within the seed noise, not ranked ({}): {}\n", within.len(), within.join(", "));
    }
    s
}

/// `standoff ensemble`: how sure is this? Intervals of each effect and the ranking of the assumptions.
pub(super) fn ensemble_cmd(args: &[String]) -> Result<(), Error> {
    let e = parse_exp(Cmd::Ensemble, args, 64)?;
    if !e.vary.is_empty() || !e.a.is_empty() || !e.b.is_empty() {
        return Err("--vary belongs to `standoff sweep`, --a/--b to `standoff compare`".into());
    }
    let o = parse_opts(Cmd::Ensemble, &e.rest)?;
    if o.summary || o.no_baseline {
        return Err("`standoff ensemble` always compares with the baseline and prints its summary".into());
    }
    let mut e = e;
    if e.bands && e.series.is_empty() {
        e.series = vec!["lost_orders.sf_reliant".into(), "shipped.sf".into(), "transit_mean_h".into()];
    }
    if e.pinned.iter().any(|p| p == "all") {
        // seed noise alone: every uncertain parameter held
        e.pinned = design::factors(&o.spec.scenario, &[])?.into_iter().map(|f| f.name).collect();
    }
    let start = o.spec.scenario.start;
    let es = ensemble_spec(o.spec.clone(), &e)?;
    let t = Instant::now();
    let (plan, outs, sum) = compute(&es, e.threads)?;
    let secs = t.elapsed().as_secs_f64();
    // tables go to standard error when the CSV goes to standard output
    let to_stdout = o.csv.as_deref() == Some("-");
    let mut report = String::new();
    let s = &o.spec.scenario;
    report += &format!(
        "{} — how sure is this? {} runs ({} design points × {} seeds, design seed {}) over {} uncertain parameters, {} threads, {:.2} s\n\n",
        s.id,
        plan.runs.len(),
        es.points,
        es.seeds.len(),
        es.design_seed,
        plan.factors.len(),
        e.threads,
        secs
    );
    report += &intervals_table(&sum);
    // the page's ensemble of the same set-up shows the same digest (its data-digest)
    report += &format!("  digest of every run's effects: {:016x}\n", ensemble::digest(&outs));
    if e.rank {
        let t = Instant::now();
        let (factors, runs) = ensemble::swing_plan(&o.spec, &e.pinned, &es.seeds)?;
        let outs = par_map(runs.len(), e.threads, |i| ensemble::evaluate(&runs[i], &[]));
        report += &format!(
            "\nRanking: each uncertain parameter at the low and at the high end of its plausible range, the others\nat their values; the effect is the mean over {} seeds, the same at both ends ({} runs, {:.2} s). A swing is\nranked when it is wider than the set-up's own seed noise and high − low has the same sign on nearly every\nseed (its 10 %–90 % excludes 0; at least 3 seeds); the others are within the seed noise.\n",
            es.seeds.len(),
            runs.len(),
            t.elapsed().as_secs_f64()
        );
        for id in &e.effects {
            let k = ensemble::effect_index(id)?;
            let (swings, noise) = ensemble::ranking(&factors, &outs, es.seeds.len(), k);
            report.push('\n');
            report += &ranking_table(id, ensemble::effects()[k].unit, &swings, 10);
            if es.seeds.len() > 1 {
                report += &format!("  seed noise of this set-up (max − min over the {} seeds): {:.3}\n", es.seeds.len(), noise);
            }
        }
    }
    if to_stdout {
        note!("{}", report);
    } else {
        print!("{}", report);
    }
    if let Some(path) = o.csv.as_deref() {
        let (text, rows) = if e.bands { bands_csv(&sum, start) } else { runs_csv(&plan, &outs) };
        write_out(Some(path), &text, rows)?;
    }
    Ok(())
}

/// One row per run: its design point, seed and effects.
fn runs_csv(plan: &ensemble::Plan, outs: &[ensemble::Outcome]) -> (String, usize) {
    let mut s = String::from("run,seed");
    for f in &plan.factors {
        s += &format!(",{}", f.name);
    }
    for e in ensemble::effects() {
        s += &format!(",{}", e.id);
    }
    s.push('\n');
    for (i, ((vals, seed), o)) in plan.points.iter().zip(outs).enumerate() {
        s += &format!("{},{}", i, seed);
        for v in vals.iter().chain(&o.effects) {
            s += &format!(",{}", v);
        }
        s.push('\n');
    }
    (s, outs.len())
}

/// One row per hour: the 10/50/90 % of each series, for the run, for its baseline and for the
/// difference run − baseline (`diff.`: the effect's interval, which the page's charts draw).
fn bands_csv(sum: &ensemble::Summary, start: clock::Hour) -> (String, usize) {
    let mut s = String::from("time");
    for b in &sum.bands {
        for side in ["", "baseline.", "diff."] {
            for q in ["q10", "q50", "q90"] {
                s += &format!(",{}{}.{}", side, b.name, q);
            }
        }
    }
    s.push('\n');
    let hours = sum.bands.iter().map(|b| b.run.len()).min().unwrap_or(0);
    for h in 0..hours {
        s += &clock::format_iso(start + h as clock::Hour);
        for b in &sum.bands {
            for q in b.run[h].iter().chain(&b.baseline[h]).chain(&b.diff[h]) {
                s += &format!(",{}", q);
            }
        }
        s.push('\n');
    }
    (s, hours)
}

/// `NAME=LO:HI:STEPS`
fn parse_axis(text: &str) -> Result<design::Axis, String> {
    let bad = || format!("--vary expects NAME=LO:HI:STEPS (e.g. review_days=7:90:8), not '{}'", shown(text));
    let (name, r) = text.split_once('=').ok_or_else(bad)?;
    let parts: Vec<&str> = r.split(':').collect();
    if parts.len() != 3 {
        return Err(bad());
    }
    let lo: f64 = parts[0].trim().parse().map_err(|_| bad())?;
    let hi: f64 = parts[1].trim().parse().map_err(|_| bad())?;
    let steps: usize = parts[2].trim().parse().map_err(|_| bad())?;
    design::axis(name.trim(), lo, hi, steps)
}

/// `standoff sweep`: each effect across one parameter or a grid of two.
pub(super) fn sweep_cmd(args: &[String]) -> Result<(), Error> {
    let e = parse_exp(Cmd::Sweep, args, 0)?;
    let o = parse_opts(Cmd::Sweep, &e.rest)?;
    if e.vary.is_empty() {
        return Err("sweep needs --vary NAME=LO:HI:STEPS (once, or twice for a grid)".into());
    }
    let axes = e.vary.iter().map(|v| parse_axis(v)).collect::<Result<Vec<_>, _>>()?;
    if e.seeds == 0 {
        return Err("--seeds must be at least 1".into());
    }
    let setups = design::sweep_specs(&o.spec, &axes)?;
    let specs: Vec<RunSpec> = setups.iter().map(|s| s.1.clone()).collect();
    let runs = with_seeds(&specs, &ensemble::seeds(o.spec.scenario.seed, e.seeds));
    let outs = par_map(runs.len(), e.threads, |i| ensemble::evaluate(&runs[i], &[]));
    let effects = ensemble::effects();
    let names: Vec<&str> = axes.iter().map(|a| a.name.as_str()).collect();
    let points: Vec<Vec<f64>> = setups.iter().map(|s| s.0.clone()).collect();
    let r = Results::gather(String::new(), points, &outs, e.seeds);
    let csv = Results::sweep_csv(&names, &r.points, &r.spreads);
    let mut report = format!(
        "{} — sweep of {} ({} set-ups × {} seeds from {}: the mean over the seeds, in brackets their 10 % to 90 %)\n",
        o.spec.scenario.id,
        e.vary.join(" × "),
        setups.len(),
        e.seeds,
        o.spec.scenario.seed
    );
    let ks: Vec<usize> = e.effects.iter().map(|id| ensemble::effect_index(id)).collect::<Result<_, _>>()?;
    report += &format!("  {:<28}", names.join(" / "));
    for &k in &ks {
        report += &format!(" {:>32}", format!("{} ({})", effects[k].id, effects[k].unit));
    }
    report.push('\n');
    for (i, vals) in r.points.iter().enumerate() {
        report += &format!("  {:<28}", vals.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" / "));
        for &k in &ks {
            let sp = r.spreads[i][k];
            report += &format!(" {:>32}", format!("{:.3} ({:.3} to {:.3})", sp.mean, sp.p10, sp.p90));
        }
        report.push('\n');
    }
    for &k in &ks {
        let differ: Vec<String> =
            r.differ_from_first(k).iter().map(|&i| r.points[i].iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" / ")).collect();
        report += &format!(
            "  {}: {}\n",
            effects[k].id,
            if differ.is_empty() {
                "no set-up differs from the first of its line beyond the seed noise".to_string()
            } else {
                format!("differs from the first of its line beyond the seed noise at {}", differ.join(", "))
            }
        );
    }
    if o.csv.as_deref() == Some("-") {
        note!("{}", report);
    } else {
        print!("{}", report);
    }
    write_out(o.csv.as_deref(), &csv, setups.len())
}

/// `standoff compare`: two set-ups side by side (A/B).
pub(super) fn compare_cmd(args: &[String]) -> Result<(), Error> {
    use std::fmt::Write as _;
    let mut e = parse_exp(Cmd::Compare, args, 0)?;
    let o = parse_opts(Cmd::Compare, &e.rest)?;
    if e.a.is_empty() && e.b.is_empty() {
        return Err("compare needs --a NAME=VALUE and/or --b NAME=VALUE (e.g. --a mediation_after_h=42 --b mediation_after_h=480)".into());
    }
    let mut sides = Vec::new();
    for (label, sets) in [("A", &e.a), ("B", &e.b)] {
        let parsed =
            sets.iter().map(|s| design::parse_setting(s)).collect::<Result<Vec<_>, _>>().map_err(|m| format!("side {}: {}", label, m))?;
        let spec = design::with_settings(&o.spec, &parsed).map_err(|m| format!("side {}: {}", label, m))?;
        sides.push((label, sets.join(" "), spec, parsed));
    }
    for (_, _, _, parsed) in &sides {
        e.pinned.extend(parsed.iter().map(|p| p.0.clone()));
    }
    let mut rep = String::new();
    if e.seeds == 0 {
        return Err("--seeds must be at least 1".into());
    }
    let _ = writeln!(
        rep,
        "{} — A/B comparison ({} seeds from {}, the same for A and B: the mean over the seeds, in brackets their 10 % to 90 %)",
        o.spec.scenario.id, e.seeds, o.spec.scenario.seed
    );
    for (label, text, _, _) in &sides {
        let _ = writeln!(rep, "  {}: {}", label, if text.is_empty() { "the set-up as it is" } else { text });
    }
    let specs: Vec<RunSpec> = sides.iter().map(|s| s.2.clone()).collect();
    let runs = with_seeds(&specs, &ensemble::seeds(o.spec.scenario.seed, e.seeds));
    let outs = par_map(runs.len(), e.threads, |i| ensemble::evaluate(&runs[i], &[]));
    let r = Results::gather(String::new(), vec![Vec::new(), Vec::new()], &outs, e.seeds);
    let sums = if e.runs > 0 {
        let mut v = Vec::new();
        for (_, _, spec, _) in &sides {
            v.push(compute(&ensemble_spec(spec.clone(), &e)?, e.threads)?.2);
        }
        Some(v)
    } else {
        None
    };
    let _ = writeln!(rep, "\n  {:<48} {:>28} {:>28} {:>28}  unit  verdict", "effect (run − baseline)", "A", "B", "B − A (paired)");
    let cell = |s: ensemble::Spread| format!("{:.3} ({:.3} to {:.3})", s.mean, s.p10, s.p90);
    for (k, ef) in ensemble::effects().iter().enumerate() {
        let d = r.diffs[1][k];
        let verdict = i18n::t(Lang::En, [Key::EXP_V_SMALLER, Key::EXP_V_SAME, Key::EXP_V_LARGER][(d.sign() + 1) as usize]);
        let _ = writeln!(
            rep,
            "  {:<48} {:>28} {:>28} {:>28}  {}  {}",
            effect_name(ef.id),
            cell(r.spreads[0][k]),
            cell(r.spreads[1][k]),
            cell(d),
            ef.unit,
            verdict
        );
    }
    if let Some(s) = &sums {
        let _ = writeln!(rep, "\n  Over the uncertain parameters ({} runs, the same design for A and B), likely (10 % to 90 %):", e.runs);
        for (k, ef) in ensemble::effects().iter().enumerate() {
            let _ = writeln!(
                rep,
                "  {:<48} {:>10.3} to {:>8.3} {:>10.3} to {:>8.3}  {}",
                effect_name(ef.id),
                s[0].intervals[k].q[0],
                s[0].intervals[k].q[2],
                s[1].intervals[k].q[0],
                s[1].intervals[k].q[2],
                ef.unit
            );
        }
    }
    if o.csv.as_deref() == Some("-") {
        note!("{}", rep);
    } else {
        print!("{}", rep);
    }
    if o.csv.is_some() {
        write_out(o.csv.as_deref(), &Results::compare_csv(&r.spreads, &r.diffs), ensemble::effects().len())?;
    }
    Ok(())
}

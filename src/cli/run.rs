//! The commands that run the model once (or a few times): `run`, `list`, `explain`, `params`,
//! `calibrate`, `digest` and `bench`.

use super::experiments::{compute, ensemble_spec, parse_exp, Exp};
use super::{describe, parse_opts, shown, title, Arg, Args, Cmd, Error};
use crate::model::{clock, ids::LinkId, output, params, report, run::Run, run::RunSpec, scenario};
use crate::present::i18n::{self, Lang};
use std::io::Write;
use std::time::Instant;

/// `--help` or `-h` among the arguments of a command that takes no options.
fn help_asked(cmd: Cmd, args: &[String]) -> Result<(), Error> {
    match args.iter().any(|a| a == "--help" || a == "-h") {
        true => Err(Error::Help(cmd)),
        false => Ok(()),
    }
}

/// `standoff run`: simulate; the CSV, the bundle (`--bundle PATH`) and/or the summary.
pub(super) fn run(args: &[String]) -> Result<(), Error> {
    // run's own option first; the rest are the run options
    let mut bundle = None;
    let mut p = Args::new(Cmd::Run, args);
    while let Some(arg) = p.next()? {
        match arg {
            Arg::Opt(o) if o == "--bundle" => bundle = Some(p.value(&o)?),
            other => p.keep(other),
        }
    }
    let o = parse_opts(Cmd::Run, &p.rest)?;
    if o.csv.is_none() && !o.summary && bundle.is_none() {
        return Err("nothing to do: add --csv PATH, --bundle PATH and/or --summary".into());
    }
    if bundle.is_some() && o.no_baseline {
        return Err("--bundle needs the baseline (its CSV has both worlds, its digest covers both): drop --no-baseline".into());
    }
    let r = if o.no_baseline { Run::complete_without_baseline(o.spec) } else { Run::complete(o.spec) };
    if let Some(path) = &bundle {
        let command = std::iter::once("standoff run".to_string())
            .chain(args.iter().map(|a| {
                if a.contains([' ', '\'', '"', '&', '#']) {
                    format!("'{}'", a.replace('\'', "'\\''"))
                } else {
                    a.clone()
                }
            }))
            .collect::<Vec<_>>()
            .join(" ");
        let bytes = super::bundle::bundle(&r, &title(&r.spec.scenario), &command)?;
        // the arguments were fine: a failed write is not a usage error (exit 1, not 2)
        std::fs::write(path, &bytes).map_err(|e| Error::Output(format!("cannot write {}: {}", path, e)))?;
        note!("wrote {} ({} bytes: run.csv with {} rows, metadata.json, README.txt)", path, bytes.len(), r.frames().len());
    }
    if let Some(path) = &o.csv {
        let text = output::csv(r.frames(), &r.baseline);
        if path == "-" {
            print!("{}", text);
        } else {
            std::fs::write(path, text).map_err(|e| Error::Output(format!("cannot write {}: {}", path, e)))?;
            note!("wrote {} rows to {}", r.frames().len(), path);
        }
    }
    if o.summary {
        let s = &r.spec.scenario;
        println!("{} — {} ({} days from {}, seed {})", s.id, title(s), s.days, clock::format_short(s.start), s.seed);
        for a in &r.live.applied {
            println!("  {}  {}", clock::format_short(a.at), describe(&r, a));
        }
        println!();
        print!("{}", report::summary(&r));
    }
    Ok(())
}

/// `standoff list`: the scenarios and the link ids (other arguments are ignored).
pub(super) fn list(args: &[String]) -> Result<(), Error> {
    help_asked(Cmd::List, args)?;
    println!("SCENARIOS");
    for id in scenario::builtin_ids() {
        let s = scenario::builtin(id).expect("built-in scenarios are valid");
        println!("  {:<18} {}", id, title(&s));
    }
    println!("\nLINKS");
    for l in LinkId::all() {
        println!("  {:<22} {}", l.id(), i18n::link_name(Lang::En, l));
    }
    Ok(())
}

/// `standoff explain PARAM`: a parameter's meaning, unit, range, default and source.
pub(super) fn explain(args: &[String]) -> Result<(), Error> {
    help_asked(Cmd::Explain, args)?;
    let name = args.first().map(String::as_str);
    let name = name.ok_or("explain needs a parameter name (e.g. standoff explain locker_share)")?;
    let base = scenario::builtin("baseline-2017")?;
    let i = params::index_of(name).ok_or_else(|| {
        let close: Vec<&str> = params::specs()
            .iter()
            .filter(|s| s.name.contains(name) || name.contains(s.name.as_str()))
            .map(|s| s.name.as_str())
            .take(8)
            .collect();
        if close.is_empty() {
            format!("unknown parameter '{}'", shown(name))
        } else {
            format!("unknown parameter '{}' (did you mean: {}?)", shown(name), close.join(", "))
        }
    })?;
    let s = &params::specs()[i];
    println!("{}", s.name);
    for lang in Lang::ALL {
        println!("  {}", i18n::param_meaning(lang, &s.name));
    }
    println!("  unit:     {}", s.unit);
    println!("  range:    {} to {}", s.min, s.max);
    println!("  default:  {}", base.params.values[i]);
    println!("  source:   {} [{}]", base.sources[i].0, base.sources[i].1);
    Ok(())
}

/// `standoff params`: every parameter as a Markdown table (other arguments are ignored).
pub(super) fn params_table(args: &[String]) -> Result<(), Error> {
    help_asked(Cmd::Params, args)?;
    let base = scenario::builtin("baseline-2017")?;
    println!("| parameter | meaning | unit | range | default | source [confidence] |");
    println!("|---|---|---|---|---|---|");
    for (i, s) in params::specs().iter().enumerate() {
        println!(
            "| `{}` | {} | {} | {} – {} | {} | {} [{}] |",
            s.name,
            i18n::param_meaning(Lang::En, &s.name),
            s.unit,
            s.min,
            s.max,
            base.params.values[i],
            base.sources[i].0,
            base.sources[i].1
        );
    }
    Ok(())
}

/// `standoff calibrate [run options]`: the baseline against published figures.
pub(super) fn calibrate(args: &[String]) -> Result<(), Error> {
    let mut a = vec!["--scenario".to_string(), "baseline-2017".to_string()];
    a.extend_from_slice(args);
    let o = parse_opts(Cmd::Calibrate, &a)?;
    let r = Run::new(o.spec);
    print!("{}", report::calibration_table(&report::calibration(&r)));
    Ok(())
}

/// `standoff digest [--scenario ID] [run options]`: a digest of the outputs (bit-identity checks).
pub(super) fn digest(args: &[String]) -> Result<(), Error> {
    let mut a = args.to_vec();
    if !a.iter().any(|x| ["--scenario", "--file"].iter().any(|o| x == o || x.starts_with(&format!("{}=", o)))) {
        a.extend(["--scenario".to_string(), "june-2017".to_string()]);
    }
    let o = parse_opts(Cmd::Digest, &a)?;
    let r = Run::complete(o.spec);
    println!("{:016x}", r.digest());
    Ok(())
}

/// The best of `reps` timings of `f`, in seconds.
fn time_it(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

/// `standoff bench [replay] [stress] [ensemble] [--reps N]`: the figures asked for (all by
/// default), each the best of N timings (default 7 for the replay, 2 for the others).
pub(super) fn bench(args: &[String]) -> Result<(), Error> {
    let mut parts: Vec<&str> = Vec::new();
    let mut reps: Option<usize> = None;
    let mut p = Args::new(Cmd::Bench, args);
    while let Some(arg) = p.next()? {
        match &arg {
            Arg::Word(w) if ["replay", "stress", "ensemble"].contains(&w.as_str()) => {
                parts.push(["replay", "stress", "ensemble"].into_iter().find(|x| x == w).unwrap_or("replay"))
            }
            Arg::Opt(o) if o == "--reps" => reps = Some(p.whole(o)?.max(1) as usize),
            _ => {
                let other = p.raw(arg);
                return Err(format!("bench takes replay, stress, ensemble and --reps N, not '{}'", shown(&other)).into());
            }
        }
    }
    if parts.is_empty() {
        parts = vec!["replay", "stress", "ensemble"];
    }
    let spec = RunSpec::new(scenario::builtin("june-2017")?);
    if parts.contains(&"replay") {
        let hours = spec.scenario.days as f64 * 24.0;
        let merchants = spec.scenario.params.get("merchants");
        let mut steps = 0.0;
        let n = reps.unwrap_or(7);
        let secs = time_it(n, || {
            let r = Run::complete(spec.clone());
            steps = r.frames().len() as f64;
        });
        println!("june-2017 replay ({} merchants, {} h, run + baseline): {:.2} ms (best of {})", merchants, hours, secs * 1e3, n);
        println!("merchant-steps per second (both worlds): {:.3e}", 2.0 * merchants * steps / secs);
    }
    if parts.contains(&"stress") {
        let mut big = RunSpec::new(scenario::builtin("baseline-2017")?);
        big.set_param("merchants", 100_000.0)?;
        big.scenario.days = 60;
        big.add_link_event(LinkId::parse("list.taobao.sf")?, big.scenario.start + 24 * 10, false)?;
        let n = reps.unwrap_or(2);
        let secs = time_it(n, || {
            Run::complete(big.clone());
        });
        println!("stress: 100000 merchants × 60 days (run + baseline): {:.0} ms (best of {})", secs * 1e3, n);
    }
    if parts.contains(&"ensemble") {
        // how sure is this? a 64-run ensemble (16 design points × 4 seeds, each run + baseline,
        // plus the central run), on one thread and on every core
        let e = Exp { runs: 64, seeds: 4, ..parse_exp(Cmd::Bench, &[], 64)? };
        let es = ensemble_spec(spec.clone(), &e)?;
        let cores = e.threads;
        let n = reps.unwrap_or(2);
        let mut digest = Vec::new();
        for threads in [1, cores] {
            let mut got = None;
            let secs = time_it(n, || got = Some(compute(&es, threads).map(|r| r.1)));
            let outs = got.expect("timed at least once")?;
            digest.push(outs);
            println!("june-2017 ensemble, 64 runs + central (run + baseline each), {} thread(s): {:.2} s (best of {})", threads, secs, n);
        }
        println!("the same numbers on 1 and {} threads: {}", cores, if digest[0] == digest[1] { "yes" } else { "NO" });
    }
    Ok(())
}

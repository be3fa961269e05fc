//! The commands that explain a run: `why` (Shapley values over the mechanism groups), `panel`
//! (the merchant-level daily panel) and `did` (difference-in-differences from the panel).

use super::{par_map, parse_opts, shown, Arg, Args, Cmd, Error, Opts};
use crate::model::{clock, panel, run::Run, run::RunSpec, why};
use crate::present::i18n::{self, Lang};
use std::io::Write;

/// `standoff why`: each effect split among the mechanism groups (Shapley values).
pub(super) fn why(args: &[String]) -> Result<(), Error> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let (mut seeds, mut threads, mut csv) = (1usize, cores, None::<String>);
    let mut p = Args::new(Cmd::Why, args);
    while let Some(arg) = p.next()? {
        match &arg {
            Arg::Opt(a) if a == "--seeds" => seeds = p.whole(a)? as usize,
            Arg::Opt(a) if a == "--threads" => threads = p.whole(a)? as usize,
            Arg::Opt(a) if a == "--csv" => csv = Some(p.value(a)?),
            _ => p.keep(arg),
        }
    }
    if !(1..=64).contains(&seeds) {
        return Err(format!("--seeds {} is out of range: allowed 1 to 64", seeds).into());
    }
    let o = parse_opts(Cmd::Why, &p.rest)?;
    let k = why::knockouts().len();
    let method = why::method_for(k, seeds);
    let eval = |specs: Vec<RunSpec>| par_map(specs.len(), threads, |j| why::values(&Run::complete(specs[j].clone())));
    let whys = why::decompose_with(&o.spec, seeds, method, &eval);
    if let Some(path) = csv {
        let text = why_csv(&whys);
        if path == "-" {
            print!("{}", text);
        } else {
            std::fs::write(&path, text).map_err(|e| Error::Output(format!("cannot write {}: {}", path, e)))?;
            note!("wrote {} rows to {}", whys.len() * k, path);
        }
        return Ok(());
    }
    let s = &o.spec.scenario;
    let how = match method {
        why::Method::Exact => format!("exactly, over all {} combinations of the {} mechanism groups", 1usize << k, k),
        why::Method::Sampled(n) => format!("from {} random orders of the {} mechanism groups", n, k),
    };
    println!("{} — why did this happen? Each effect (run − baseline) split among mechanism groups by", s.id);
    println!("Shapley values ({how}; {seeds} seed(s) from {}):", s.seed);
    println!("each group's average contribution over every order in which the groups could be switched on.");
    println!("The parts add up to the effect; a negative part works against it.\n");
    print!("{}", why_table(&whys));
    Ok(())
}

/// The decomposition as CSV: one row per effect and mechanism group.
fn why_csv(whys: &[why::Why]) -> String {
    let mut s = String::from("effect,mechanism,amount,total,share,amount_lo,amount_hi\n");
    for w in whys {
        for p in &w.parts {
            s += &format!("{},{},{},{},{},{},{}\n", w.headline, p.id, p.amount, w.effect, p.share, p.lo, p.hi);
        }
    }
    s
}

/// The panel's own options, the rest for `parse_opts`.
fn panel_opts(cmd: Cmd, args: &[String]) -> Result<(Opts, panel::Noise, Option<String>, Option<String>), Error> {
    let mut noise = panel::Noise::default();
    let (mut from, mut to) = (None, None);
    let mut p = Args::new(cmd, args);
    while let Some(arg) = p.next()? {
        let Arg::Opt(a) = &arg else {
            p.keep(arg);
            continue;
        };
        match a.as_str() {
            "--typical-orders" | "--dispersion" => {
                let v = p.value(a)?;
                let x: f64 = v.parse().map_err(|_| format!("{} must be a number, not '{}'", a, shown(&v)))?;
                let (lo, hi) = if a == "--dispersion" { (0.0, 1e6) } else { (1.0, 1e5) };
                if !(lo..=hi).contains(&x) {
                    return Err(format!("{} {} is out of range: allowed {} to {} (0 for Poisson counts)", a, shown(&v), lo, hi).into());
                }
                if a == "--dispersion" {
                    noise.dispersion = x;
                } else {
                    noise.typical_orders = x;
                }
            }
            "--from" => from = Some(p.value(a)?),
            "--to" => to = Some(p.value(a)?),
            _ => p.keep(arg),
        }
    }
    Ok((parse_opts(cmd, &p.rest)?, noise, from, to))
}

/// `standoff panel`: the merchant-level daily panel as CSV.
pub(super) fn panel(args: &[String]) -> Result<(), Error> {
    let (o, noise, from, to) = panel_opts(Cmd::Panel, args)?;
    if from.is_some() || to.is_some() {
        return Err("--from and --to belong to `standoff did`".into());
    }
    let text = panel::csv(o.spec, noise);
    match o.csv.as_deref() {
        None | Some("-") => print!("{}", text),
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| Error::Output(format!("cannot write {}: {}", path, e)))?;
            note!("wrote {} rows to {}", text.lines().count() - 1, path);
        }
    }
    Ok(())
}

/// `standoff did`: difference-in-differences of SF-reliant against control merchants.
pub(super) fn did(args: &[String]) -> Result<(), Error> {
    let (o, noise, from, to) = panel_opts(Cmd::Did, args)?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(
            "`standoff did` needs --from TIME and --to TIME (Beijing time), e.g. --from 2017-06-01T18:00 --to 2017-06-03T12:00".into()
        );
    };
    let start = o.spec.scenario.start;
    let day = |s: &str| -> Result<usize, String> {
        let t = clock::parse(s)?;
        if t < start || t >= o.spec.end() {
            return Err(format!("{} is outside the run ({} to {})", s, clock::format_short(start), clock::format_short(o.spec.end())));
        }
        Ok(((t - start) / 24) as usize)
    };
    let (d0, d1) = (day(&from)?, day(&to)?);
    let rows = panel::rows(o.spec.clone(), noise);
    let e = panel::did(&rows, d0, d1)?;
    let s = &o.spec.scenario;
    println!("{} (seed {}) — difference-in-differences of log(1 + orders) per merchant and day", s.id, s.seed);
    println!("treated: SF-primary Taobao merchants ({} agents); control: Taobao merchants with no SF ({} agents)", e.treated, e.control);
    println!(
        "days {} to {} ({} days) against the {} days before; merchant and day fixed effects,",
        d0 + 1,
        d1 + 1,
        e.days_during,
        e.days_before
    );
    println!("agents weighted by the merchants they stand for; standard error clustered by merchant\n");
    println!("estimate   {:+.4}  (≈ {:+.1} % orders)", e.estimate, 100.0 * (e.estimate.exp() - 1.0));
    println!("std. error  {:.4}", e.se);
    println!("95 % CI    {:+.4} to {:+.4}", e.estimate - 1.96 * e.se, e.estimate + 1.96 * e.se);
    println!("N          {} merchants × {} days", e.treated + e.control, e.days_before + e.days_during);
    Ok(())
}

/// The decomposition as a text table.
fn why_table(whys: &[why::Why]) -> String {
    let mut s = String::new();
    for w in whys {
        let spread = if w.effect_hi > w.effect_lo { format!(" (seeds: {:.3} to {:.3})", w.effect_lo, w.effect_hi) } else { String::new() };
        s += &format!("{}: {:.3} {}{}\n", i18n::named(Lang::En, &format!("why.headline.{}", w.headline)), w.effect, w.unit, spread);
        s += &format!("  {:<52} {:>10} {:>7} {:>22}\n", "mechanism group", "part", "share", "across seeds");
        let mut parts: Vec<_> = w.parts.iter().collect();
        parts.sort_by(|a, b| b.amount.abs().total_cmp(&a.amount.abs()).then(a.id.cmp(b.id)));
        for p in parts {
            let across = if p.hi > p.lo { format!("{:.3} to {:.3}", p.lo, p.hi) } else { String::new() };
            s += &format!(
                "  {:<52} {:>10.3} {:>6.0}% {:>22}\n",
                i18n::named(Lang::En, &format!("why.knockout.{}", p.id)),
                p.amount,
                100.0 * p.share,
                across
            );
        }
        if w.rest.abs() > 1e-9 {
            s += &format!("  {:<52} {:>10.3}\n", "(with every group off)", w.rest);
        }
        s.push('\n');
    }
    s
}

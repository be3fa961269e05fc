//! `standoff`: run the Parcel Standoff model headless.
//!
//!   standoff run --scenario june-2017 [--file my.json] [--seed N] [--days N]
//!                [--cut track.sf@2017-06-01T09:00] [--restore track.sf@2017-06-03T12:00]
//!                [--set param=value] [--csv out.csv] [--summary] [--no-baseline]
//!   standoff why --scenario june-2017 [run options] [--seeds N] [--threads N] [--csv out.csv]
//!   standoff panel --scenario june-2017 [run options] [--typical-orders N] [--dispersion K] [--csv out.csv]
//!   standoff did --scenario june-2017 --from 2017-06-01T18:00 --to 2017-06-03T12:00 [run options]
//!   standoff ensemble --scenario june-2017 [run options] [--runs 64] [--seeds 4] [--design-seed 1]
//!                [--threads N] [--pin NAME|all] [--effect ID] [--bands --series a,b] [--csv out.csv]
//!   standoff sweep --scenario june-2017 --vary review_days=7:90:8 [--vary NAME=LO:HI:STEPS] [--csv out.csv]
//!   standoff compare --scenario no-mediation --a mediation_after_h=42 --b mediation_after_h=480 [--runs N]
//!   standoff list
//!   standoff explain <param>
//!   standoff calibrate [--seed N]
//!   standoff digest [--scenario ID]
//!   standoff bench [replay] [stress] [ensemble] [--reps N]
//!
//! Times are Beijing time. Bad arguments print a message and exit with code 2.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;
    let mut args = Vec::new();
    for (i, a) in std::env::args_os().skip(1).enumerate() {
        match a.into_string() {
            Ok(a) => args.push(a),
            Err(a) => fail(2, &format!("argument {} is not valid UTF-8: {}", i + 1, a.to_string_lossy())),
        }
    }
    if let Err(msg) = cli::main(&args) {
        fail(2, &format!("{}\nTry `standoff help`.", msg));
    }
    // Output is buffered: a full disk shows up only now, and must not pass for success.
    if let Err(e) = std::io::stdout().flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            fail(1, &format!("cannot write the output: {}", e));
        }
    }
}

/// Print `msg` (shortened: it may echo what the person typed or a file held) to standard error,
/// even if standard error itself is closed, and exit with `code`.
#[cfg(not(target_arch = "wasm32"))]
fn fail(code: i32, msg: &str) -> ! {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "standoff: {}", parcel_standoff::model::shorten(msg, 600));
    std::process::exit(code)
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Write;

    /// Print to standard output; a closed pipe (`standoff list | head`) ends the program quietly,
    /// any other failure to write (a full disk) with a message and exit code 1.
    macro_rules! print {
        ($($arg:tt)*) => {{
            if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    std::process::exit(0);
                }
                crate::fail(1, &format!("cannot write the output: {}", e));
            }
        }};
    }
    macro_rules! println {
        () => { print!("\n") };
        ($($arg:tt)*) => { print!("{}\n", format_args!($($arg)*)) };
    }

    /// A progress note on standard error; a closed standard error is not a reason to fail.
    macro_rules! note {
        ($($arg:tt)*) => {{
            let _ = writeln!(std::io::stderr(), $($arg)*);
        }};
    }

    /// The largest scenario file read (the built-in ones are under 25 KB).
    const MAX_FILE_BYTES: u64 = 1 << 20;

    /// Read a scenario file, refusing one larger than `MAX_FILE_BYTES` without reading it all.
    fn read_limited(path: &str) -> Result<String, String> {
        use std::io::Read;
        let f = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {}", path, e))?;
        let mut bytes = Vec::new();
        f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read {}: {}", path, e))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(format!("{} is larger than {} KB; a scenario file is a few KB of JSON", path, MAX_FILE_BYTES / 1024));
        }
        String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text; a scenario file is JSON", path))
    }

    use parcel_standoff::model::{
        clock, design, ensemble,
        ids::LinkId,
        output, params, report,
        run::{Run, RunSpec},
        scenario,
    };
    use parcel_standoff::present::i18n::{self, Lang};
    use std::time::Instant;

    const HELP: &str = "standoff — the Parcel Standoff model, headless

USAGE
  standoff run --scenario ID [options]   simulate; write CSV and/or print a summary
  standoff list                          scenarios and link ids
  standoff explain PARAM                 meaning, unit, range, default and source of a parameter
  standoff params                        every parameter as a Markdown table
  standoff why --scenario ID [options] [--seeds N] [--threads N] [--csv PATH]
                                         each effect split among mechanism groups (Shapley
                                         values; exact over 2^k combinations, sampled beyond)
  standoff panel --scenario ID [options] [--typical-orders N] [--dispersion K]
                                         merchant-level daily panel (CSV; --csv PATH, default stdout)
  standoff did --scenario ID --from TIME --to TIME [options]
                                         difference-in-differences of SF-reliant vs control Taobao
                                         merchants from the panel, with a clustered standard error
  standoff calibrate                     the baseline against published figures
  standoff digest [--scenario ID]        a digest of the outputs (bit-identity checks)
  standoff ensemble --scenario ID [options] [--runs N] [--seeds K] [--design-seed N]
                                         how sure is this? intervals of each effect over the
                                         uncertain parameters and seeds, and which assumption
                                         matters most (CSV: one row per run, or --bands)
  standoff sweep --scenario ID --vary NAME=LO:HI:STEPS [--vary ...] [options]
                                         each effect across one parameter or a grid of two
  standoff compare --scenario ID --a NAME=VALUE --b NAME=VALUE [--runs N] [options]
                                         two set-ups side by side (A/B)
  standoff bench [replay] [stress] [ensemble] [--reps N]
                                         speed figures (all three by default; best of N)

RUN OPTIONS
  --scenario ID        a built-in scenario (see `standoff list`)
  --file PATH          a scenario file instead
  --seed N             random seed (default: the scenario's)
  --days N             days to simulate (default: the scenario's)
  --cut LINK@TIME      cut a link, e.g. --cut track.sf@2017-06-01T09:00 (Beijing time)
  --restore LINK@TIME  restore a link
  --set NAME=VALUE     change a parameter, e.g. --set locker_share=0.1
  --csv PATH           write one row per simulated hour (`-` for standard output)
  --summary            print the key effects against the baseline
  --no-baseline        do not compute the baseline (the run's own columns are identical;
                       the baseline.* columns are left empty)

EXPERIMENT OPTIONS (ensemble, sweep, compare)
  --runs N             runs of the ensemble (default 64 for ensemble, 0 = none for compare):
                       N / K Latin-hypercube points, each with K seeds
  --seeds K            seeds per design point: the scenario's seed and the next K − 1 (default 4)
  --design-seed N      seed of the design (default 1); same seeds → same numbers
  --threads N          threads to use (default: every core); the numbers do not depend on it
  --pin NAME           hold an uncertain parameter at its value (--set also holds it);
                       --pin all holds every one: the band is then seed noise alone
  --effect ID          rank the assumptions for this effect (repeatable; default
                       sf_lasting_loss and sf_reliant_lost_orders); --no-rank to skip
  --bands              CSV per hour: 10/50/90 % of the --series (comma-separated columns
                       of `standoff run --csv`), run and baseline
  --csv PATH           write the CSV (`-` for standard output; the tables then go to stderr)
";

    pub fn main(args: &[String]) -> Result<(), String> {
        match args.first().map(String::as_str) {
            None | Some("help") | Some("--help") | Some("-h") => {
                print!("{}", HELP);
                Ok(())
            }
            Some("run") => run(&args[1..]),
            Some("list") => {
                list();
                Ok(())
            }
            Some("explain") => explain(args.get(1).map(String::as_str)),
            Some("params") => params_table(),
            Some("calibrate") => calibrate(&args[1..]),
            Some("digest") => digest(&args[1..]),
            Some("bench") => bench(&args[1..]),
            Some("why") => why(&args[1..]),
            Some("panel") => panel(&args[1..]),
            Some("did") => did(&args[1..]),
            Some("ensemble") => ensemble_cmd(&args[1..]),
            Some("sweep") => sweep_cmd(&args[1..]),
            Some("compare") => compare_cmd(&args[1..]),
            Some(other) => Err(format!(
                "unknown command '{}' (commands: run, why, panel, ensemble, sweep, compare, list, explain, params, calibrate, digest, bench)",
                other
            )),
        }
    }

    struct Opts {
        spec: RunSpec,
        csv: Option<String>,
        summary: bool,
        no_baseline: bool,
    }

    fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
        *i += 1;
        args.get(*i).map(String::as_str).ok_or_else(|| format!("{} needs a value", flag))
    }

    fn parse_opts(args: &[String]) -> Result<Opts, String> {
        let mut scenario_id: Option<String> = None;
        let mut file: Option<String> = None;
        let mut seed = None;
        let mut days = None;
        let mut links: Vec<(String, bool)> = Vec::new();
        let mut sets: Vec<String> = Vec::new();
        let mut csv = None;
        let mut summary = false;
        let mut no_baseline = false;
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "--scenario" => scenario_id = Some(value(args, &mut i, a)?.to_string()),
                "--file" => file = Some(value(args, &mut i, a)?.to_string()),
                "--seed" => {
                    let v = value(args, &mut i, a)?;
                    seed = Some(v.parse::<u64>().map_err(|_| format!("--seed must be a whole number ≥ 0, not '{}'", v))?);
                }
                "--days" => {
                    let v = value(args, &mut i, a)?;
                    let d = v.parse::<u32>().map_err(|_| format!("--days must be a whole number, not '{}'", v))?;
                    if !(1..=120).contains(&d) {
                        return Err(format!("--days {} is out of range: allowed 1 to 120", d));
                    }
                    days = Some(d);
                }
                "--cut" => links.push((value(args, &mut i, a)?.to_string(), false)),
                "--restore" => links.push((value(args, &mut i, a)?.to_string(), true)),
                "--set" => sets.push(value(args, &mut i, a)?.to_string()),
                "--csv" => csv = Some(value(args, &mut i, a)?.to_string()),
                "--summary" => summary = true,
                "--no-baseline" => no_baseline = true,
                other => return Err(format!("unknown option '{}'", other)),
            }
            i += 1;
        }
        let sc = match (&scenario_id, &file) {
            (Some(_), Some(_)) => return Err("give either --scenario or --file, not both".into()),
            (None, None) => return Err(format!("--scenario is required (scenarios: {})", scenario::builtin_ids().join(", "))),
            (Some(id), None) => scenario::builtin(id)?,
            (None, Some(path)) => {
                let text = read_limited(path)?;
                scenario::from_json(&text).map_err(|e| format!("{}: {}", path, e))?
            }
        };
        let mut spec = RunSpec::new(sc);
        if let Some(s) = seed {
            spec.scenario.seed = s;
        }
        if let Some(d) = days {
            spec.scenario.days = d;
        }
        for s in &sets {
            let (k, v) = s.split_once('=').ok_or_else(|| format!("--set expects NAME=VALUE, not '{}'", s))?;
            let x: f64 = v.trim().parse().map_err(|_| format!("--set {}: '{}' is not a number", k, v))?;
            spec.set_param(k.trim(), x)?;
        }
        spec.scenario.params.check_sums()?;
        for (l, up) in links {
            let (id, at) = l.split_once('@').ok_or_else(|| format!("'{}' should look like track.sf@2017-06-01T09:00", l))?;
            spec.add_link_event(LinkId::parse(id)?, clock::parse(at)?, up)?;
        }
        Ok(Opts { spec, csv, summary, no_baseline })
    }

    fn run(args: &[String]) -> Result<(), String> {
        let o = parse_opts(args)?;
        if o.csv.is_none() && !o.summary {
            return Err("nothing to do: add --csv PATH and/or --summary".into());
        }
        let r = if o.no_baseline { Run::complete_without_baseline(o.spec) } else { Run::complete(o.spec) };
        if let Some(path) = &o.csv {
            let text = output::csv(r.frames(), &r.baseline);
            if path == "-" {
                print!("{}", text);
            } else {
                std::fs::write(path, text).map_err(|e| format!("cannot write {}: {}", path, e))?;
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

    fn why(args: &[String]) -> Result<(), String> {
        use parcel_standoff::model::why;
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let (mut seeds, mut threads, mut csv, mut rest) = (1usize, cores, None::<String>, Vec::new());
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "--seeds" => seeds = whole("--seeds", value(args, &mut i, "--seeds")?)? as usize,
                "--threads" => threads = whole("--threads", value(args, &mut i, "--threads")?)? as usize,
                "--csv" => csv = Some(value(args, &mut i, "--csv")?.to_string()),
                _ => rest.push(args[i].clone()),
            }
            i += 1;
        }
        if !(1..=64).contains(&seeds) {
            return Err(format!("--seeds {} is out of range: allowed 1 to 64", seeds));
        }
        let o = parse_opts(&rest)?;
        let k = why::knockouts().len();
        let method = why::method_for(k, seeds);
        let eval = |specs: Vec<RunSpec>| par_map(specs.len(), threads, |j| why::values(&Run::complete(specs[j].clone())));
        let whys = why::decompose_with(&o.spec, seeds, method, &eval);
        if let Some(path) = csv {
            let text = why_csv(&whys);
            if path == "-" {
                print!("{}", text);
            } else {
                std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {}", path, e))?;
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
    fn why_csv(whys: &[parcel_standoff::model::why::Why]) -> String {
        let mut s = String::from("effect,mechanism,amount,total,share,amount_lo,amount_hi\n");
        for w in whys {
            for p in &w.parts {
                s += &format!("{},{},{},{},{},{},{}\n", w.headline, p.id, p.amount, w.effect, p.share, p.lo, p.hi);
            }
        }
        s
    }

    /// The panel's own options, the rest for `parse_opts`.
    fn panel_opts(args: &[String]) -> Result<(Opts, parcel_standoff::model::panel::Noise, Option<String>, Option<String>), String> {
        let mut noise = parcel_standoff::model::panel::Noise::default();
        let (mut from, mut to, mut rest) = (None, None, Vec::new());
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "--typical-orders" | "--dispersion" => {
                    let v = value(args, &mut i, a)?;
                    let x: f64 = v.parse().map_err(|_| format!("{} must be a number, not '{}'", a, v))?;
                    let (lo, hi) = if a == "--dispersion" { (0.0, 1e6) } else { (1.0, 1e5) };
                    if !(lo..=hi).contains(&x) {
                        return Err(format!("{} {} is out of range: allowed {} to {} (0 for Poisson counts)", a, v, lo, hi));
                    }
                    if a == "--dispersion" {
                        noise.dispersion = x;
                    } else {
                        noise.typical_orders = x;
                    }
                }
                "--from" => from = Some(value(args, &mut i, a)?.to_string()),
                "--to" => to = Some(value(args, &mut i, a)?.to_string()),
                _ => rest.push(args[i].clone()),
            }
            i += 1;
        }
        Ok((parse_opts(&rest)?, noise, from, to))
    }

    fn panel(args: &[String]) -> Result<(), String> {
        let (o, noise, from, to) = panel_opts(args)?;
        if from.is_some() || to.is_some() {
            return Err("--from and --to belong to `standoff did`".into());
        }
        let text = parcel_standoff::model::panel::csv(o.spec, noise);
        match o.csv.as_deref() {
            None | Some("-") => print!("{}", text),
            Some(path) => {
                std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {}", path, e))?;
                note!("wrote {} rows to {}", text.lines().count() - 1, path);
            }
        }
        Ok(())
    }

    fn did(args: &[String]) -> Result<(), String> {
        use parcel_standoff::model::panel;
        let (o, noise, from, to) = panel_opts(args)?;
        let (Some(from), Some(to)) = (from, to) else {
            return Err(
                "`standoff did` needs --from TIME and --to TIME (Beijing time), e.g. --from 2017-06-01T18:00 --to 2017-06-03T12:00".into(),
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
        println!(
            "treated: SF-primary Taobao merchants ({} agents); control: Taobao merchants with no SF ({} agents)",
            e.treated, e.control
        );
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
    fn why_table(whys: &[parcel_standoff::model::why::Why]) -> String {
        let mut s = String::new();
        for w in whys {
            let spread =
                if w.effect_hi > w.effect_lo { format!(" (seeds: {:.3} to {:.3})", w.effect_lo, w.effect_hi) } else { String::new() };
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

    /// A scenario's title in English: the file's own, or the catalogue's for a built-in one.
    fn title(s: &scenario::Scenario) -> String {
        match &s.title {
            Some(t) => t.en.clone(),
            None => i18n::lookup(Lang::En, &format!("scenario.{}.title", s.id)).unwrap_or(&s.id).to_string(),
        }
    }

    fn describe(r: &Run, a: &parcel_standoff::model::sim::Applied) -> String {
        let cap = a.event.and_then(|i| r.events.get(i)).and_then(|e| match &e.caption {
            Some(c) => Some(c.en.clone()),
            None => i18n::event_caption(Lang::En, &r.spec.scenario, e).map(String::from),
        });
        match cap {
            Some(c) => c,
            None if a.event.is_none() => format!("{} (mediation policy)", i18n::event_text(Lang::En, &a.action)),
            None => i18n::event_text(Lang::En, &a.action),
        }
    }

    fn list() {
        println!("SCENARIOS");
        for id in scenario::builtin_ids() {
            let s = scenario::builtin(id).expect("built-in scenarios are valid");
            println!("  {:<18} {}", id, title(&s));
        }
        println!("\nLINKS");
        for l in LinkId::all() {
            println!("  {:<22} {}", l.id(), i18n::link_name(Lang::En, l));
        }
    }

    fn explain(name: Option<&str>) -> Result<(), String> {
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
                format!("unknown parameter '{}'", name)
            } else {
                format!("unknown parameter '{}' (did you mean: {}?)", name, close.join(", "))
            }
        })?;
        let s = &params::specs()[i];
        println!("{}\n  {}\n  {}", s.name, i18n::param_meaning(Lang::En, &s.name), i18n::param_meaning(Lang::Zh, &s.name));
        println!("  unit:     {}", s.unit);
        println!("  range:    {} to {}", s.min, s.max);
        println!("  default:  {}", base.params.values[i]);
        println!("  source:   {} [{}]", base.sources[i].0, base.sources[i].1);
        Ok(())
    }

    fn params_table() -> Result<(), String> {
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

    fn calibrate(args: &[String]) -> Result<(), String> {
        let mut a = vec!["--scenario".to_string(), "baseline-2017".to_string()];
        a.extend_from_slice(args);
        let o = parse_opts(&a)?;
        let r = Run::new(o.spec);
        print!("{}", report::calibration_table(&report::calibration(&r)));
        Ok(())
    }

    fn digest(args: &[String]) -> Result<(), String> {
        let mut a = args.to_vec();
        if !a.iter().any(|x| x == "--scenario" || x == "--file") {
            a.extend(["--scenario".to_string(), "june-2017".to_string()]);
        }
        let o = parse_opts(&a)?;
        let r = Run::complete(o.spec);
        println!("{:016x}", r.digest());
        Ok(())
    }

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
    fn bench(args: &[String]) -> Result<(), String> {
        let mut parts: Vec<&str> = Vec::new();
        let mut reps: Option<usize> = None;
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                p @ ("replay" | "stress" | "ensemble") => parts.push(p),
                "--reps" => reps = Some(whole("--reps", value(args, &mut i, "--reps")?)?.max(1) as usize),
                other => return Err(format!("bench takes replay, stress, ensemble and --reps N, not '{}'", other)),
            }
            i += 1;
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
            let e = Exp { runs: 64, seeds: 4, ..parse_exp(&[], 64)? };
            let es = ensemble_spec(spec.clone(), &e)?;
            let cores = e.threads;
            let n = reps.unwrap_or(2);
            let mut digest = Vec::new();
            for threads in [1, cores] {
                let mut got = None;
                let secs = time_it(n, || got = Some(compute(&es, threads).map(|r| r.1)));
                let outs = got.expect("timed at least once")?;
                digest.push(outs);
                println!(
                    "june-2017 ensemble, 64 runs + central (run + baseline each), {} thread(s): {:.2} s (best of {})",
                    threads, secs, n
                );
            }
            println!("the same numbers on 1 and {} threads: {}", cores, if digest[0] == digest[1] { "yes" } else { "NO" });
        }
        Ok(())
    }

    // ---- How sure is this? ensembles, rankings, sweeps, A/B ----

    /// Options of the experiment commands, taken out before the run options are parsed.
    struct Exp {
        runs: usize,
        seeds: usize,
        design_seed: u64,
        threads: usize,
        series: Vec<String>,
        effects: Vec<String>,
        pinned: Vec<String>,
        bands: bool,
        rank: bool,
        vary: Vec<String>,
        a: Vec<String>,
        b: Vec<String>,
        rest: Vec<String>,
    }

    fn whole(flag: &str, v: &str) -> Result<u64, String> {
        v.parse::<u64>().map_err(|_| format!("{} must be a whole number ≥ 0, not '{}'", flag, v))
    }

    fn parse_exp(args: &[String], default_runs: usize) -> Result<Exp, String> {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let mut e = Exp {
            runs: default_runs,
            seeds: 4,
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
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "--runs" => e.runs = whole(a, value(args, &mut i, a)?)? as usize,
                "--seeds" => e.seeds = whole(a, value(args, &mut i, a)?)? as usize,
                "--design-seed" => e.design_seed = whole(a, value(args, &mut i, a)?)?,
                "--threads" => {
                    e.threads = whole(a, value(args, &mut i, a)?)? as usize;
                    if !(1..=256).contains(&e.threads) {
                        return Err(format!("--threads {} is out of range: allowed 1 to 256", e.threads));
                    }
                }
                "--series" => e.series.extend(value(args, &mut i, a)?.split(',').map(|s| s.trim().to_string())),
                "--effect" => e.effects.push(value(args, &mut i, a)?.to_string()),
                "--pin" => e.pinned.push(value(args, &mut i, a)?.to_string()),
                "--bands" => e.bands = true,
                "--no-rank" => e.rank = false,
                "--vary" => e.vary.push(value(args, &mut i, a)?.to_string()),
                "--a" => e.a.push(value(args, &mut i, a)?.to_string()),
                "--b" => e.b.push(value(args, &mut i, a)?.to_string()),
                "--set" => {
                    // a parameter set by hand is held at that value in the ensemble
                    let v = value(args, &mut i, a)?;
                    if let Some((k, _)) = v.split_once('=') {
                        e.pinned.push(k.trim().to_string());
                    }
                    e.rest.extend([a.to_string(), v.to_string()]);
                }
                _ => e.rest.push(args[i].clone()),
            }
            i += 1;
        }
        for id in &e.effects {
            ensemble::effect_index(id)?;
        }
        if e.effects.is_empty() {
            e.effects = vec!["sf_lasting_loss".into(), "sf_reliant_lost_orders".into()];
        }
        Ok(e)
    }

    /// `f(0) … f(n-1)` on `threads` threads; results in index order whatever the thread count.
    fn par_map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Mutex;
        let next = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
        std::thread::scope(|s| {
            for _ in 0..threads.clamp(1, n.max(1)) {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let v = f(i);
                    *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(v);
                });
            }
        });
        slots.into_iter().map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()).expect("every index computed")).collect()
    }

    fn ensemble_spec(spec: RunSpec, e: &Exp) -> Result<ensemble::EnsembleSpec, String> {
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
    fn compute(es: &ensemble::EnsembleSpec, threads: usize) -> Result<(ensemble::Plan, Vec<ensemble::Outcome>, ensemble::Summary), String> {
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
            "  {:<4} {:<34} {:>19} {:>22} {:>9}\n",
            "rank", "parameter (low to high end)", "range", "effect at low → high", "swing"
        );
        for (k, w) in swings.iter().take(top).enumerate() {
            s += &format!(
                "  {:<4} {:<34} {:>8} to {:>8} {:>10.3} → {:>9.3} {:>9.3}\n",
                k + 1,
                w.name,
                w.lo,
                w.hi,
                w.effect_at_lo,
                w.effect_at_hi,
                w.width()
            );
        }
        s
    }

    fn write_out(path: Option<&str>, text: &str, rows: usize) -> Result<(), String> {
        match path {
            Some("-") => print!("{}", text),
            Some(p) => {
                // the arguments were fine: a failed write is not a usage error (exit 1, not 2)
                if let Err(e) = std::fs::write(p, text) {
                    crate::fail(1, &format!("cannot write {}: {}", p, e));
                }
                note!("wrote {} rows to {}", rows, p);
            }
            None => {}
        }
        Ok(())
    }

    fn ensemble_cmd(args: &[String]) -> Result<(), String> {
        let e = parse_exp(args, 64)?;
        if !e.vary.is_empty() || !e.a.is_empty() || !e.b.is_empty() {
            return Err("--vary belongs to `standoff sweep`, --a/--b to `standoff compare`".into());
        }
        let o = parse_opts(&e.rest)?;
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
                "\nRanking: each uncertain parameter at the low and at the high end of its plausible range, the others\nat their values; the effect is the mean over {} seeds ({} runs, {:.2} s).\n",
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

    /// One row per hour: the 10/50/90 % of each series, for the run and for its baseline.
    fn bands_csv(sum: &ensemble::Summary, start: clock::Hour) -> (String, usize) {
        let mut s = String::from("time");
        for b in &sum.bands {
            for side in ["", "baseline."] {
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
                for q in b.run[h].iter().chain(b.baseline[h].iter()) {
                    s += &format!(",{}", q);
                }
            }
            s.push('\n');
        }
        (s, hours)
    }

    /// `NAME=LO:HI:STEPS`
    fn parse_axis(text: &str) -> Result<design::Axis, String> {
        let bad = || format!("--vary expects NAME=LO:HI:STEPS (e.g. review_days=7:90:8), not '{}'", text);
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

    fn sweep_cmd(args: &[String]) -> Result<(), String> {
        let e = parse_exp(args, 0)?;
        let o = parse_opts(&e.rest)?;
        if e.vary.is_empty() {
            return Err("sweep needs --vary NAME=LO:HI:STEPS (once, or twice for a grid)".into());
        }
        let axes = e.vary.iter().map(|v| parse_axis(v)).collect::<Result<Vec<_>, _>>()?;
        let setups = design::sweep_specs(&o.spec, &axes)?;
        let outs = par_map(setups.len(), e.threads, |i| ensemble::evaluate(&setups[i].1, &[]));
        let effects = ensemble::effects();
        let names: Vec<&str> = axes.iter().map(|a| a.name.as_str()).collect();
        let points: Vec<Vec<f64>> = setups.iter().map(|s| s.0.clone()).collect();
        let csv = parcel_standoff::ui::experiment::Results::sweep_csv(&names, &points, &outs);
        let mut report =
            format!("{} — sweep of {} ({} set-ups, seed {})\n", o.spec.scenario.id, e.vary.join(" × "), setups.len(), o.spec.scenario.seed);
        let ks: Vec<usize> = e.effects.iter().map(|id| ensemble::effect_index(id)).collect::<Result<_, _>>()?;
        report += &format!("  {:<28}", axes.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(" / "));
        for &k in &ks {
            report += &format!(" {:>26}", format!("{} ({})", effects[k].id, effects[k].unit));
        }
        report.push('\n');
        for ((vals, _), out) in setups.iter().zip(&outs) {
            report += &format!("  {:<28}", vals.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" / "));
            for &k in &ks {
                report += &format!(" {:>26.3}", out.effects[k]);
            }
            report.push('\n');
        }
        if o.csv.as_deref() == Some("-") {
            note!("{}", report);
        } else {
            print!("{}", report);
        }
        write_out(o.csv.as_deref(), &csv, setups.len())
    }

    fn compare_cmd(args: &[String]) -> Result<(), String> {
        use std::fmt::Write as _;
        let mut e = parse_exp(args, 0)?;
        let o = parse_opts(&e.rest)?;
        if e.a.is_empty() && e.b.is_empty() {
            return Err(
                "compare needs --a NAME=VALUE and/or --b NAME=VALUE (e.g. --a mediation_after_h=42 --b mediation_after_h=480)".into()
            );
        }
        let mut sides = Vec::new();
        for (label, sets) in [("A", &e.a), ("B", &e.b)] {
            let parsed = sets
                .iter()
                .map(|s| design::parse_setting(s))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|m| format!("side {}: {}", label, m))?;
            let spec = design::with_settings(&o.spec, &parsed).map_err(|m| format!("side {}: {}", label, m))?;
            sides.push((label, sets.join(" "), spec, parsed));
        }
        for (_, _, _, parsed) in &sides {
            e.pinned.extend(parsed.iter().map(|p| p.0.clone()));
        }
        let mut rep = String::new();
        let _ = writeln!(rep, "{} — A/B comparison (seed {})", o.spec.scenario.id, o.spec.scenario.seed);
        for (label, text, _, _) in &sides {
            let _ = writeln!(rep, "  {}: {}", label, if text.is_empty() { "the set-up as it is" } else { text });
        }
        let outs = par_map(2, e.threads, |i| ensemble::evaluate(&sides[i].2, &[]));
        let sums = if e.runs > 0 {
            let mut v = Vec::new();
            for (_, _, spec, _) in &sides {
                v.push(compute(&ensemble_spec(spec.clone(), &e)?, e.threads)?.2);
            }
            Some(v)
        } else {
            None
        };
        let _ = writeln!(rep, "\n  {:<48} {:>30} {:>30}  unit", "effect (run − baseline)", "A", "B");
        for (k, ef) in ensemble::effects().iter().enumerate() {
            let cell = |side: usize| match &sums {
                Some(s) => format!("{:.3} ({:.3} to {:.3})", outs[side].effects[k], s[side].intervals[k].q[0], s[side].intervals[k].q[2]),
                None => format!("{:.3}", outs[side].effects[k]),
            };
            let _ = writeln!(rep, "  {:<48} {:>30} {:>30}  {}", effect_name(ef.id), cell(0), cell(1), ef.unit);
        }
        if sums.is_some() {
            let _ = writeln!(
                rep,
                "\n  (in brackets: likely range, 10 % to 90 % of {} runs over the uncertain parameters, the same design for A and B)",
                e.runs
            );
        }
        if o.csv.as_deref() == Some("-") {
            note!("{}", rep);
        } else {
            print!("{}", rep);
        }
        if o.csv.is_some() {
            write_out(o.csv.as_deref(), &parcel_standoff::ui::experiment::Results::compare_csv(&outs), ensemble::effects().len())?;
        }
        Ok(())
    }
}

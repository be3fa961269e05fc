//! `standoff`: run the Parcel Standoff model headless.
//!
//!   standoff run --scenario june-2017 [--file my.json] [--seed N] [--days N]
//!                [--cut track.sf@2017-06-01T09:00] [--restore track.sf@2017-06-03T12:00]
//!                [--set param=value] [--csv out.csv] [--summary] [--no-baseline]
//!   standoff why --scenario june-2017 [run options]
//!   standoff panel --scenario june-2017 [run options] [--csv out.csv]
//!   standoff list
//!   standoff explain <param>
//!   standoff calibrate [--seed N]
//!   standoff digest [--scenario ID]
//!   standoff bench
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

    use parcel_standoff::i18n::{self, Lang};
    use parcel_standoff::model::{
        clock,
        ids::LinkId,
        output, params, report,
        run::{Run, RunSpec},
        scenario,
    };
    use std::time::Instant;

    const HELP: &str = "standoff — the Parcel Standoff model, headless

USAGE
  standoff run --scenario ID [options]   simulate; write CSV and/or print a summary
  standoff list                          scenarios and link ids
  standoff explain PARAM                 meaning, unit, range, default and source of a parameter
  standoff params                        every parameter as a Markdown table
  standoff why --scenario ID [options]   each effect decomposed by mechanism (knock-outs)
  standoff panel --scenario ID [options] merchant-level daily panel (CSV; --csv PATH, default stdout)
  standoff calibrate                     the baseline against published figures
  standoff digest [--scenario ID]        a digest of the outputs (bit-identity checks)
  standoff bench                         speed figures

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
            Some(other) => {
                Err(format!("unknown command '{}' (commands: run, why, panel, list, explain, params, calibrate, digest, bench)", other))
            }
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
            println!("{} — {} ({} days from {}, seed {})", s.id, s.title.en, s.days, clock::format_short(s.start), s.seed);
            for a in &r.live.applied {
                println!("  {}  {}", clock::format_short(a.at), describe(&r, a));
            }
            println!();
            print!("{}", report::summary(&r));
        }
        Ok(())
    }

    fn why(args: &[String]) -> Result<(), String> {
        let o = parse_opts(args)?;
        let s = &o.spec.scenario;
        println!("{} — why did this happen? Each effect (run − baseline), and how much of it disappears", s.id);
        println!("when one mechanism is switched off (one extra run per mechanism; mechanisms interact,");
        println!("so the amounts need not add up to the effect; shares are of the positive amounts).\n");
        print!("{}", why_table(&parcel_standoff::model::why::decompose(&o.spec)));
        Ok(())
    }

    fn panel(args: &[String]) -> Result<(), String> {
        let o = parse_opts(args)?;
        let text = parcel_standoff::model::panel::csv(o.spec);
        match o.csv.as_deref() {
            None | Some("-") => print!("{}", text),
            Some(path) => {
                std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {}", path, e))?;
                note!("wrote {} rows to {}", text.lines().count() - 1, path);
            }
        }
        Ok(())
    }

    /// The decomposition as a text table.
    fn why_table(whys: &[parcel_standoff::model::why::Why]) -> String {
        let mut s = String::new();
        for w in whys {
            s += &format!("{}: {:.3} {}\n", i18n::named(Lang::En, &format!("why.headline.{}", w.headline)), w.effect, w.unit);
            s += &format!("  {:<40} {:>14} {:>8}\n", "without this mechanism, the effect loses", "amount", "share");
            let mut parts: Vec<_> = w.parts.iter().collect();
            parts.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            for (id, c, sh) in parts {
                if c.abs() < 1e-9 {
                    continue;
                }
                s += &format!("  {:<40} {:>14.3} {:>7.0}%\n", i18n::named(Lang::En, &format!("why.knockout.{id}")), c, 100.0 * sh);
            }
            s.push('\n');
        }
        s
    }

    fn describe(r: &Run, a: &parcel_standoff::model::sim::Applied) -> String {
        let cap = a.event.and_then(|i| r.events.get(i)).and_then(|e| e.caption.as_ref()).map(|c| c.en.clone());
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
            println!("  {:<18} {}", id, s.title.en);
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

    fn bench(_args: &[String]) -> Result<(), String> {
        let spec = RunSpec::new(scenario::builtin("june-2017")?);
        let hours = spec.scenario.days as f64 * 24.0;
        let merchants = spec.scenario.params.get("merchants");
        let mut steps = 0.0;
        let secs = time_it(7, || {
            let r = Run::complete(spec.clone());
            steps = r.frames().len() as f64;
        });
        println!("june-2017 replay ({} merchants, {} h, run + baseline): {:.2} ms (best of 7)", merchants, hours, secs * 1e3);
        println!("merchant-steps per second (both worlds): {:.3e}", 2.0 * merchants * steps / secs);
        let mut big = RunSpec::new(scenario::builtin("baseline-2017")?);
        big.set_param("merchants", 100_000.0)?;
        big.scenario.days = 60;
        big.add_link_event(LinkId::parse("list.taobao.sf")?, big.scenario.start + 24 * 10, false)?;
        let secs = time_it(2, || {
            Run::complete(big.clone());
        });
        println!("stress: 100000 merchants × 60 days (run + baseline): {:.0} ms", secs * 1e3);
        Ok(())
    }
}

//! The `standoff` command line: its commands, their options and their output, natively only
//! (`src/bin/standoff.rs` is `parse`, `dispatch` and the exit code). The commands use the model,
//! the presentation (English words from the catalogue) and the interface's logic (the CSV of
//! experiments the page also writes); nothing here is used by the page.
//!
//!   standoff run --scenario june-2017 [--file my.json] [--seed N] [--days N]
//!                [--cut track.sf@2017-06-01T09:00] [--restore track.sf@2017-06-03T12:00]
//!                [--set param=value] [--csv out.csv] [--bundle out.zip] [--summary] [--no-baseline]
//!   standoff why --scenario june-2017 [run options] [--seeds N] [--threads N] [--csv out.csv]
//!   standoff panel --scenario june-2017 [run options] [--typical-orders N] [--dispersion K] [--csv out.csv]
//!   standoff did --scenario june-2017 --from 2017-06-01T18:00 --to 2017-06-03T12:00 [run options]
//!   standoff ensemble --scenario june-2017 [run options] [--runs 64] [--seeds 4] [--design-seed 1]
//!                [--threads N] [--pin NAME|all] [--effect ID] [--bands --series a,b] [--csv out.csv]
//!   standoff sweep --scenario june-2017 --vary review_days=7:90:8 [--vary NAME=LO:HI:STEPS] [--seeds 8] [--csv out.csv]
//!   standoff compare --scenario no-mediation --a mediation_after_h=42 --b mediation_after_h=480 [--seeds 8] [--runs N]
//!   standoff list
//!   standoff explain <param>
//!   standoff calibrate [--seed N]
//!   standoff digest [--scenario ID]
//!   standoff cite LINK [--lang zh] [--bibtex] [--date YYYY-MM-DD]
//!   standoff verify LINK DIGEST
//!   standoff render LINK --png PATH [--width W] [--height H] [--font FILE]
//!   standoff render --builtin DIR [--font FILE]
//!   standoff bench [replay] [stress] [ensemble] [--reps N]
//!
//! Times are Beijing time. Bad arguments give a message and exit code 2; output that cannot be
//! written, exit code 1; `standoff CMD --help` prints the command's usage.
//!
//! Options are read with `lexopt`, one layer at a time: a command's own options first, the rest
//! (as typed) handed on to the run options (`parse_opts`), which refuse what nobody knew.

use crate::model::{
    clock,
    ids::LinkId,
    run::{Run, RunSpec},
    scenario, shorten,
};
use crate::present::i18n::{self, Lang};
use std::io::Write;

/// The longest message, in characters, before it is cut (and says how long it was).
const MESSAGE_CHARS: usize = 320;

/// Why a command did not finish: the exit code and what to tell.
#[derive(Debug, PartialEq)]
pub enum Error {
    /// Bad arguments (exit code 2); the message ends with a pointer to `standoff help`.
    Usage(String),
    /// An argument the command line could not even read, e.g. not UTF-8 (exit code 2).
    Unreadable(String),
    /// The arguments were fine but the output could not be written (exit code 1).
    Output(String),
    /// A check did not hold, e.g. `verify` of a digest the link's run does not give (exit code 1).
    Mismatch(String),
    /// Standard output was closed (`standoff list | head`): stop quietly (exit code 0).
    Closed,
    /// `--help` or `-h` given to a command: `dispatch` prints its usage.
    Help(Cmd),
}

impl Error {
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Unreadable(_) => 2,
            Error::Output(_) | Error::Mismatch(_) => 1,
            Error::Closed | Error::Help(_) => 0,
        }
    }

    /// What to print on standard error, if anything: shortened, as it may echo what the person
    /// typed or a file held (a message stays under 400 characters).
    pub fn message(&self) -> Option<String> {
        match self {
            Error::Usage(m) => Some(format!("{}\nTry `standoff help`.", shorten(m, MESSAGE_CHARS))),
            Error::Unreadable(m) | Error::Output(m) | Error::Mismatch(m) => Some(shorten(m, MESSAGE_CHARS)),
            Error::Closed | Error::Help(_) => None,
        }
    }
}

impl From<String> for Error {
    fn from(m: String) -> Error {
        Error::Usage(m)
    }
}

impl From<&str> for Error {
    fn from(m: &str) -> Error {
        Error::Usage(m.to_string())
    }
}

/// Write to standard output: a closed pipe ends the program quietly, any other failure to
/// write (a full disk) with a message and exit code 1.
fn out(args: std::fmt::Arguments) -> Result<(), Error> {
    write!(std::io::stdout().lock(), "{}", args).map_err(|e| match e.kind() {
        std::io::ErrorKind::BrokenPipe => Error::Closed,
        _ => Error::Output(format!("cannot write the output: {}", e)),
    })
}

/// `print!` and `println!` to standard output, returning from the command on failure (see `out`).
macro_rules! print {
    ($($arg:tt)*) => { $crate::cli::out(format_args!($($arg)*))? };
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

mod analysis;
mod bundle;
mod cite;
mod experiments;
pub mod render;
mod run;

/// The commands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cmd {
    Help,
    Run,
    List,
    Explain,
    Params,
    Calibrate,
    Digest,
    Bench,
    Why,
    Panel,
    Did,
    Ensemble,
    Sweep,
    Compare,
    Cite,
    Verify,
    Render,
}

impl Cmd {
    const ALL: [(&'static str, Cmd); 16] = [
        ("run", Cmd::Run),
        ("list", Cmd::List),
        ("explain", Cmd::Explain),
        ("params", Cmd::Params),
        ("calibrate", Cmd::Calibrate),
        ("digest", Cmd::Digest),
        ("bench", Cmd::Bench),
        ("why", Cmd::Why),
        ("panel", Cmd::Panel),
        ("did", Cmd::Did),
        ("ensemble", Cmd::Ensemble),
        ("sweep", Cmd::Sweep),
        ("compare", Cmd::Compare),
        ("cite", Cmd::Cite),
        ("verify", Cmd::Verify),
        ("render", Cmd::Render),
    ];

    pub fn name(self) -> &'static str {
        Cmd::ALL.iter().find(|c| c.1 == self).map_or("help", |c| c.0)
    }
}

/// A command and its arguments (checked to be text; the command reads its options itself).
#[derive(Debug, PartialEq)]
pub struct Command {
    pub cmd: Cmd,
    pub args: Vec<String>,
}

/// The command named by the first of `args` (the program's arguments, without its name).
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Command, Error> {
    let mut all = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        match a.into_string() {
            Ok(a) => all.push(a),
            Err(a) => return Err(Error::Unreadable(format!("argument {} is not valid UTF-8: {}", i + 1, a.to_string_lossy()))),
        }
    }
    let cmd = match all.first().map(String::as_str) {
        None | Some("help") | Some("--help") | Some("-h") => Cmd::Help,
        Some(name) => match Cmd::ALL.iter().find(|c| c.0 == name) {
            Some(c) => c.1,
            None => {
                return Err(Error::Usage(format!(
                    "unknown command '{}' (commands: run, why, panel, ensemble, sweep, compare, list, explain, params, calibrate, digest, cite, verify, render, bench)",
                    shown(name)
                )))
            }
        },
    };
    Ok(Command { cmd, args: all.into_iter().skip(1).collect() })
}

/// Run a command; its output goes to standard output, its progress notes to standard error.
pub fn dispatch(c: Command) -> Result<(), Error> {
    if !stdout_open() {
        return Err(Error::Output("cannot write the output: standard output is closed".into()));
    }
    let args = &c.args[..];
    let done = match c.cmd {
        Cmd::Help => out(format_args!("{}", HELP)),
        Cmd::Run => run::run(args),
        Cmd::List => run::list(args),
        Cmd::Explain => run::explain(args),
        Cmd::Params => run::params_table(args),
        Cmd::Calibrate => run::calibrate(args),
        Cmd::Digest => run::digest(args),
        Cmd::Bench => run::bench(args),
        Cmd::Why => analysis::why(args),
        Cmd::Panel => analysis::panel(args),
        Cmd::Did => analysis::did(args),
        Cmd::Ensemble => experiments::ensemble_cmd(args),
        Cmd::Sweep => experiments::sweep_cmd(args),
        Cmd::Compare => experiments::compare_cmd(args),
        Cmd::Cite => cite::cite(args),
        Cmd::Verify => cite::verify(args),
        Cmd::Render => render::render(args),
    };
    match done {
        Err(Error::Help(cmd)) => out(format_args!("{}", command_help(cmd)))?,
        other => other?,
    }
    // Output is buffered: a full disk shows up only now, and must not pass for success.
    match std::io::stdout().flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(format!("cannot write the output: {}", e))),
        _ => Ok(()),
    }
}

/// Whether standard output is open. Closed at the start (`standoff list >&-`), it is reopened by
/// Rust's runtime on /dev/null, for reading and writing, and every write "succeeds": told apart
/// from a shell's `>/dev/null` (write only) by its flags (Linux; elsewhere taken as open).
#[cfg(target_os = "linux")]
fn stdout_open() -> bool {
    let null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == std::path::Path::new("/dev/null"));
    let flags = std::fs::read_to_string("/proc/self/fdinfo/1")
        .ok()
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("flags:")).and_then(|f| u32::from_str_radix(f.trim(), 8).ok()));
    // O_ACCMODE = 3, O_RDWR = 2
    !(null && flags.is_some_and(|f| f & 3 == 2))
}

#[cfg(not(target_os = "linux"))]
fn stdout_open() -> bool {
    true
}

/// What a person typed, shortened for a message (a message stays well under 400 characters).
fn shown(s: &str) -> String {
    shorten(s, 80)
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
  standoff cite LINK [--lang CODE] [--bibtex] [--date YYYY-MM-DD]
                                         a citation of the state a link opens: title, model
                                         version, time, link, date (default today) and the
                                         run's digest, as text or a BibTeX entry
  standoff verify LINK DIGEST            recompute the link's run (to its t, or the whole run
                                         if it has none): exit 0 if it gives DIGEST, else 1
  standoff render LINK --png PATH [--width W] [--height H] [--font FILE]
                                         the picture an embed of the link's state shows (its
                                         view, time, language and theme: light unless the
                                         link says theme=dark) as a PNG (PATH - : stdout);
                                         default 720 × 560, 200 to 4000 pixels a side; a
                                         link without t: the end of its run
  standoff render --builtin DIR          every built-in scenario's picture in each language
                                         (DIR/ID.LANG.png), as the build ships them
  standoff ensemble --scenario ID [options] [--runs N] [--seeds K] [--design-seed N]
                                         how sure is this? intervals of each effect over the
                                         uncertain parameters and seeds, and which assumption
                                         matters most (CSV: one row per run, or --bands)
  standoff sweep --scenario ID --vary NAME=LO:HI:STEPS [--vary ...] [options]
                                         each effect across one parameter or a grid of two, each
                                         point over K seeds (mean, 10–90 %, which differ beyond
                                         the seed noise; CSV adds <effect>.p10 and <effect>.p90)
  standoff compare --scenario ID --a NAME=VALUE --b NAME=VALUE [--runs N] [options]
                                         two set-ups side by side (A/B) over the same K seeds,
                                         and whether B − A is beyond the seed noise
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
  --bundle PATH        (run) write one zip for readers: run.csv, metadata.json (model version,
                       the link that opens the run, parameters changed, cuts, digest, every
                       parameter's source) and a README.txt
  --no-baseline        do not compute the baseline (the run's own columns are identical;
                       the baseline.* columns are left empty)

EXPERIMENT OPTIONS (ensemble, sweep, compare)
  --runs N             runs of the ensemble (default 64 for ensemble, 0 = none for compare):
                       N / K Latin-hypercube points, each with K seeds
  --seeds K            seeds per design point (sweep, compare: per set-up): the scenario's seed
                       and the next K − 1 (default 4; 8 for sweep and compare, as the page)
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

/// The commands that take the run options (`--scenario`, `--seed`, `--set`, …).
const WITH_RUN_OPTIONS: [Cmd; 9] =
    [Cmd::Run, Cmd::Why, Cmd::Panel, Cmd::Did, Cmd::Ensemble, Cmd::Sweep, Cmd::Compare, Cmd::Calibrate, Cmd::Digest];

/// `standoff CMD --help`: the command's lines of `HELP` and the options it takes.
pub fn command_help(cmd: Cmd) -> String {
    let section = |title: &str| -> &str {
        let start = HELP.find(title).unwrap_or(HELP.len());
        let end = HELP[start + 1..].find("\n\n").map_or(HELP.len(), |e| start + 1 + e + 1);
        &HELP[start..end]
    };
    let mut s = String::from("USAGE\n");
    let mut mine = false;
    for line in section("USAGE\n").lines().skip(1) {
        if let Some(rest) = line.strip_prefix("  standoff ") {
            mine = rest.split_whitespace().next() == Some(cmd.name());
        }
        if mine {
            s += line;
            s.push('\n');
        }
    }
    if WITH_RUN_OPTIONS.contains(&cmd) {
        s.push('\n');
        s += section("RUN OPTIONS\n");
    }
    if matches!(cmd, Cmd::Ensemble | Cmd::Sweep | Cmd::Compare) {
        s.push('\n');
        s += section("EXPERIMENT OPTIONS");
    }
    s + "\nTimes are Beijing time. `standoff help` lists every command.\n"
}

/// One layer of a command's options, read with `lexopt`: the options this layer knows are taken
/// with their values, the others kept as typed (`keep`) for the next layer, which refuses what
/// nobody knew (`unknown`).
struct Args {
    p: lexopt::Parser,
    cmd: Cmd,
    /// What this layer did not know, for the next.
    rest: Vec<String>,
}

/// An option (with its dashes: `--seed`, `-h`) or a word that is no option.
enum Arg {
    Opt(String),
    Word(String),
}

impl Args {
    fn new(cmd: Cmd, args: &[String]) -> Args {
        let mut p = lexopt::Parser::from_args(args);
        // `-1=2` is one word, not `-1` with the value `2`
        p.set_short_equals(false);
        Args { p, cmd, rest: Vec::new() }
    }

    /// The next option or word; `--help` and `-h` end the command with its usage.
    fn next(&mut self) -> Result<Option<Arg>, Error> {
        // a lone `--` is no option of ours (lexopt would end the options there)
        if let Some(dashes) = self.p.try_raw_args().and_then(|mut raw| raw.next_if(|a| a == "--")) {
            return Ok(Some(Arg::Word(text(dashes))));
        }
        let arg = match self.p.next() {
            Ok(None) => return Ok(None),
            Ok(Some(lexopt::Arg::Long("help"))) | Ok(Some(lexopt::Arg::Short('h'))) => return Err(Error::Help(self.cmd)),
            Ok(Some(lexopt::Arg::Long(name))) => Arg::Opt(format!("--{}", name)),
            Ok(Some(lexopt::Arg::Short(c))) => Arg::Opt(format!("-{}", c)),
            Ok(Some(lexopt::Arg::Value(v))) => Arg::Word(text(v)),
            Err(lexopt::Error::UnexpectedValue { option, value }) => {
                return Err(Error::Usage(format!("{} takes no value, not '{}={}'", option, option, shown(&value.to_string_lossy()))))
            }
            Err(e) => return Err(Error::Usage(shown(&e.to_string()))),
        };
        Ok(Some(arg))
    }

    /// The value of the option `flag` just read (`--seed 3` or `--seed=3`).
    fn value(&mut self, flag: &str) -> Result<String, Error> {
        self.p.value().map(text).map_err(|_| Error::Usage(format!("{} needs a value", flag)))
    }

    /// The value of `flag` as a whole number ≥ 0.
    fn whole(&mut self, flag: &str) -> Result<u64, Error> {
        Ok(whole(flag, &self.value(flag)?)?)
    }

    /// Keep an argument this layer does not know, as it was typed, for the next layer.
    fn keep(&mut self, arg: Arg) {
        let raw = self.raw(arg);
        self.rest.push(raw);
    }

    /// The argument as it was typed: with its value if one was attached (`--seed=3`, `-x1`).
    fn raw(&mut self, arg: Arg) -> String {
        match arg {
            Arg::Word(w) => w,
            Arg::Opt(o) => match self.p.optional_value() {
                Some(v) if o.starts_with("--") => format!("{}={}", o, text(v)),
                Some(v) => format!("{}{}", o, text(v)),
                None => o,
            },
        }
    }

    /// The error for an argument no layer knew.
    fn unknown(&mut self, arg: Arg) -> Error {
        Error::Usage(format!("unknown option '{}'", shown(&self.raw(arg))))
    }
}

/// An argument as text (every argument was checked to be UTF-8 by `parse`).
fn text(s: std::ffi::OsString) -> String {
    s.into_string().unwrap_or_else(|s| s.to_string_lossy().into_owned())
}

/// The run options, read.
struct Opts {
    spec: RunSpec,
    csv: Option<String>,
    summary: bool,
    no_baseline: bool,
}
/// The run options (see `HELP`), after a command has taken its own.
fn parse_opts(cmd: Cmd, args: &[String]) -> Result<Opts, Error> {
    let mut scenario_id: Option<String> = None;
    let mut file: Option<String> = None;
    let mut seed = None;
    let mut days = None;
    let mut links: Vec<(String, bool)> = Vec::new();
    let mut sets: Vec<String> = Vec::new();
    let mut csv = None;
    let mut summary = false;
    let mut no_baseline = false;
    let mut p = Args::new(cmd, args);
    while let Some(arg) = p.next()? {
        let Arg::Opt(a) = &arg else { return Err(p.unknown(arg)) };
        match a.as_str() {
            "--scenario" => scenario_id = Some(p.value(a)?),
            "--file" => file = Some(p.value(a)?),
            "--seed" => {
                let v = p.value(a)?;
                seed = Some(v.parse::<u64>().map_err(|_| format!("--seed must be a whole number ≥ 0, not '{}'", shown(&v)))?);
            }
            "--days" => {
                let v = p.value(a)?;
                let d = v.parse::<u32>().map_err(|_| format!("--days must be a whole number, not '{}'", shown(&v)))?;
                if !(1..=120).contains(&d) {
                    return Err(format!("--days {} is out of range: allowed 1 to 120", d).into());
                }
                days = Some(d);
            }
            "--cut" => links.push((p.value(a)?, false)),
            "--restore" => links.push((p.value(a)?, true)),
            "--set" => sets.push(p.value(a)?),
            "--csv" => csv = Some(p.value(a)?),
            "--summary" => summary = true,
            "--no-baseline" => no_baseline = true,
            _ => return Err(p.unknown(arg)),
        }
    }
    let sc = match (&scenario_id, &file) {
        (Some(_), Some(_)) => return Err("give either --scenario or --file, not both".into()),
        (None, None) => return Err(format!("--scenario is required (scenarios: {})", scenario::builtin_ids().join(", ")).into()),
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
        let (k, v) = s.split_once('=').ok_or_else(|| format!("--set expects NAME=VALUE, not '{}'", shown(s)))?;
        let x: f64 = v.trim().parse().map_err(|_| format!("--set {}: '{}' is not a number", shown(k), shown(v)))?;
        spec.set_param(k.trim(), x)?;
    }
    spec.scenario.params.check_sums()?;
    for (l, up) in links {
        let (id, at) = l.split_once('@').ok_or_else(|| format!("'{}' should look like track.sf@2017-06-01T09:00", shown(&l)))?;
        spec.add_link_event(LinkId::parse(id)?, clock::parse(at)?, up)?;
    }
    Ok(Opts { spec, csv, summary, no_baseline })
}

/// A scenario's title in English: the file's own, or the catalogue's for a built-in one.
fn title(s: &scenario::Scenario) -> String {
    match &s.title {
        Some(t) => t.en.clone(),
        None => i18n::lookup(Lang::En, &format!("scenario.{}.title", s.id)).unwrap_or(&s.id).to_string(),
    }
}

/// What happened at a step of the run, in English.
fn describe(r: &Run, a: &crate::model::sim::Applied) -> String {
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

/// `v` as a whole number ≥ 0, or why not.
fn whole(flag: &str, v: &str) -> Result<u64, String> {
    v.parse::<u64>().map_err(|_| format!("{} must be a whole number ≥ 0, not '{}'", flag, shown(v)))
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

/// Write a CSV to `path` (`-`: standard output; none: nowhere).
fn write_out(path: Option<&str>, text: &str, rows: usize) -> Result<(), Error> {
    match path {
        Some("-") => print!("{}", text),
        Some(p) => {
            // the arguments were fine: a failed write is not a usage error (exit 1, not 2)
            std::fs::write(p, text).map_err(|e| Error::Output(format!("cannot write {}: {}", p, e)))?;
            note!("wrote {} rows to {}", rows, p);
        }
        None => {}
    }
    Ok(())
}

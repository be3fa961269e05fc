//! Experiments a reader sets up in the page: a sweep of one or two parameters across a range
//! (a line, or a line per value of the second), or two set-ups side by side (A/B). Pure: their
//! form in links, their checks (each refusal names the field at fault), the runs they need and
//! the CSV they export. The runs are the command line's — `standoff sweep` and `standoff
//! compare`: the same set-ups, each run with the same `SEEDS` seeds (common random numbers),
//! so the same numbers, bit for bit. A point is the mean over the seeds, its interval their
//! 10–90 %; two set-ups differ beyond the seed noise when the 10–90 % of their paired
//! differences excludes 0 (`ensemble::Spread::sign`).

use crate::model::design::{self, Axis};
use crate::model::ensemble::{self, Outcome, Spread};
use crate::model::params;
use crate::model::run::RunSpec;
use crate::ui::address::shortest;

/// Steps of a sweep's first parameter, and of its second (a line each).
pub const MAX_STEPS: usize = 25;
pub const MAX_STEPS_2: usize = 6;
/// Seeds each set-up is run with (the page's, and the default of `standoff sweep`/`compare
/// --seeds`): the set-up's own seed and the next ones (`ensemble::seeds`).
pub const SEEDS: usize = 8;
/// Runs one experiment in the page may need (set-ups × `SEEDS`; each is a run and its baseline).
pub const MAX_RUNS: usize = 200;
/// Parameters set on one side of an A/B comparison.
pub const MAX_SETTINGS: usize = 4;
/// The effect shown when none is chosen.
pub const DEFAULT_EFFECT: &str = "sf_lasting_loss";

/// One parameter of a sweep: `steps` evenly spaced values from `lo` to `hi`.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    pub name: String,
    pub lo: f64,
    pub hi: f64,
    pub steps: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// One or two parameters (the first along the x axis).
    Sweep(Vec<Range>),
    /// Parameters set differently on each side (a side may set none: the set-up as it is).
    Compare { a: Vec<(String, f64)>, b: Vec<(String, f64)> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Experiment {
    pub kind: Kind,
    /// The effect drawn (an id of `ensemble::effects()`); every effect is computed.
    pub effect: String,
}

/// The field a refusal belongs to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field {
    /// A sweep's parameter `k` (its name, range or steps).
    Range(usize),
    /// Side 0 (A) or 1 (B), setting `k`.
    Side(usize, usize),
    Effect,
}

impl Field {
    /// The id of the field's element in the page.
    pub fn id(self) -> String {
        match self {
            Field::Range(k) => format!("exp-range-{k}"),
            Field::Side(s, k) => format!("exp-{}-{k}", ["a", "b"][s.min(1)]),
            Field::Effect => "exp-effect".into(),
        }
    }
}

/// Why an experiment cannot run (words are the interface's: `problem.*` keys).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A field that does not read as a number.
    NotANumber,
    UnknownParam(String),
    /// A value or range outside the parameter's documented range.
    OutOfRange {
        min: f64,
        max: f64,
        unit: &'static str,
    },
    /// From must be below to.
    Reversed,
    Steps {
        max: usize,
    },
    /// A whole-number parameter whose steps are not whole.
    NotWhole,
    /// Set-ups × seeds over the most runs.
    TooMany {
        runs: usize,
        seeds: usize,
        max: usize,
    },
    SameParam,
    /// A side sets the same parameter twice.
    Twice,
    TooManySettings,
    /// Both sides are the same set-up.
    NoDifference,
    UnknownEffect,
    /// The model refuses the set-up (e.g. shares that no longer add up): its own words.
    Model(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub field: Field,
    pub problem: Problem,
}

impl Refusal {
    fn at(field: Field, problem: Problem) -> Refusal {
        Refusal { field, problem }
    }

    /// In English, for notes on links and for the command line's kind of message.
    pub fn english(&self) -> String {
        let what = match self.field {
            Field::Range(k) => format!("sweep parameter {}", k + 1),
            Field::Side(s, k) => format!("side {} setting {}", ["A", "B"][s.min(1)], k + 1),
            Field::Effect => "effect".into(),
        };
        let why = match &self.problem {
            Problem::NotANumber => "not a number".into(),
            Problem::UnknownParam(n) => format!("unknown parameter '{}'", crate::model::shorten(n, 40)),
            Problem::OutOfRange { min, max, unit } => {
                format!("outside its documented range {} to {} {}", shortest(*min), shortest(*max), unit)
            }
            Problem::Reversed => "'from' must be below 'to'".into(),
            Problem::Steps { max } => format!("steps must be 2 to {max}"),
            Problem::NotWhole => "it takes whole numbers, and these steps are not all whole".into(),
            Problem::TooMany { runs, seeds, max } => format!("{runs} runs ({seeds} seeds a set-up); at most {max}"),
            Problem::SameParam => "the two sweep parameters are the same".into(),
            Problem::Twice => "the same parameter is set twice".into(),
            Problem::TooManySettings => format!("at most {MAX_SETTINGS} parameters a side"),
            Problem::NoDifference => "A and B are the same set-up".into(),
            Problem::UnknownEffect => "unknown effect".into(),
            Problem::Model(m) => m.clone(),
        };
        format!("{what}: {why}")
    }
}

fn spec_of(name: &str) -> Option<&'static params::ParamSpec> {
    params::index_of(name).map(|i| &params::specs()[i])
}

impl Range {
    /// The values it takes (`design::axis`).
    pub fn axis(&self) -> Result<Axis, String> {
        design::axis(&self.name, self.lo, self.hi, self.steps)
    }
}

impl Experiment {
    /// Check everything a person typed, field by field; the set-ups to run, in order, with the
    /// swept values of each (none for A/B).
    pub fn setups(&self, spec: &RunSpec) -> Result<Vec<(Vec<f64>, RunSpec)>, Refusal> {
        ensemble::effect_index(&self.effect).map_err(|_| Refusal::at(Field::Effect, Problem::UnknownEffect))?;
        match &self.kind {
            Kind::Sweep(ranges) => {
                let mut axes = Vec::new();
                for (k, r) in ranges.iter().enumerate() {
                    let f = Field::Range(k);
                    let s = spec_of(&r.name).ok_or_else(|| Refusal::at(f, Problem::UnknownParam(r.name.clone())))?;
                    if !(r.lo.is_finite() && r.hi.is_finite()) || r.lo < s.min || r.hi > s.max || r.lo > s.max || r.hi < s.min {
                        return Err(Refusal::at(f, Problem::OutOfRange { min: s.min, max: s.max, unit: s.unit }));
                    }
                    if r.lo >= r.hi {
                        return Err(Refusal::at(f, Problem::Reversed));
                    }
                    let max = if k == 0 { MAX_STEPS } else { MAX_STEPS_2 };
                    if !(2..=max).contains(&r.steps) {
                        return Err(Refusal::at(f, Problem::Steps { max }));
                    }
                    if k == 1 && r.name == ranges[0].name {
                        return Err(Refusal::at(f, Problem::SameParam));
                    }
                    axes.push(r.axis().map_err(|_| Refusal::at(f, Problem::NotWhole))?);
                }
                if axes.is_empty() || axes.len() > 2 {
                    return Err(Refusal::at(Field::Range(axes.len().min(2)), Problem::Steps { max: MAX_STEPS }));
                }
                let runs = axes.iter().map(|a| a.values.len()).product::<usize>() * SEEDS;
                if runs > MAX_RUNS {
                    return Err(Refusal::at(Field::Range(axes.len() - 1), Problem::TooMany { runs, seeds: SEEDS, max: MAX_RUNS }));
                }
                design::sweep_specs(spec, &axes).map_err(|m| Refusal::at(Field::Range(0), Problem::Model(m)))
            }
            Kind::Compare { a, b } => {
                let mut out = Vec::new();
                for (side, sets) in [a, b].into_iter().enumerate() {
                    if sets.len() > MAX_SETTINGS {
                        return Err(Refusal::at(Field::Side(side, MAX_SETTINGS), Problem::TooManySettings));
                    }
                    for (k, (name, v)) in sets.iter().enumerate() {
                        let f = Field::Side(side, k);
                        let s = spec_of(name).ok_or_else(|| Refusal::at(f, Problem::UnknownParam(name.clone())))?;
                        if sets[..k].iter().any(|(n, _)| n == name) {
                            return Err(Refusal::at(f, Problem::Twice));
                        }
                        if params::check(name, *v).is_err() {
                            return Err(Refusal::at(f, Problem::OutOfRange { min: s.min, max: s.max, unit: s.unit }));
                        }
                    }
                    let set = design::with_settings(spec, sets).map_err(|m| Refusal::at(Field::Side(side, 0), Problem::Model(m)))?;
                    out.push((Vec::new(), set));
                }
                if out[0].1 == out[1].1 {
                    return Err(Refusal::at(Field::Side(1, 0), Problem::NoDifference));
                }
                Ok(out)
            }
        }
    }

    /// Its keys in a link: `sweep=NAME:LO:HI:STEPS` (once or twice) or `a=NAME:VALUE` /
    /// `b=NAME:VALUE` (any number), then `effect=ID`.
    pub fn link_pairs(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        match &self.kind {
            Kind::Sweep(ranges) => {
                for r in ranges {
                    v.push(("sweep", format!("{}:{}:{}:{}", r.name, shortest(r.lo), shortest(r.hi), r.steps)));
                }
            }
            Kind::Compare { a, b } => {
                for (key, sets) in [("a", a), ("b", b)] {
                    for (n, x) in sets {
                        v.push((key, format!("{}:{}", n, shortest(*x))));
                    }
                }
                if a.is_empty() && b.is_empty() {
                    v.push(("b", String::new()));
                }
            }
        }
        v.push(("effect", self.effect.clone()));
        v
    }

    /// One line (the same keys as in a link): the workers' requests and the page's memory of
    /// which experiment a result is for.
    pub fn to_text(&self) -> String {
        self.link_pairs().into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    }

    pub fn from_text(text: &str) -> Result<Experiment, String> {
        let mut b = Parts::default();
        for part in text.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or("an experiment is key=value pairs")?;
            if !b.take(k, v)? {
                return Err(format!("unknown experiment key '{}'", crate::model::shorten(k, 20)));
            }
        }
        b.build().ok_or_else(|| "no experiment".to_string())
    }

    /// The hourly series (a name of `uncertainty::series()`) that shows this effect over time
    /// in an A/B comparison; its chart and scale are those of `present::charts`.
    pub fn series(effect: &str) -> &'static str {
        match effect {
            "sf_reliant_lost_orders" => "lost_orders",
            "rivals_slowdown" => "transit_mean_h",
            "extra_spoilage" => "spoiled_fresh",
            _ => "share.sf",
        }
    }
}

/// The experiment keys of a link, read one by one (`AppState::from_link`).
#[derive(Default)]
pub struct Parts {
    sweep: Vec<Range>,
    a: Vec<(String, f64)>,
    b: Vec<(String, f64)>,
    compare: bool,
    effect: Option<String>,
}

fn num(s: &str) -> Result<f64, String> {
    crate::model::decimal::parse_f64(s.trim()).ok_or_else(|| format!("'{}' is not a number", crate::model::shorten(s, 20)))
}

impl Parts {
    /// Take a key of a link; false if it is not an experiment's. Errors name what is malformed.
    pub fn take(&mut self, k: &str, v: &str) -> Result<bool, String> {
        match k {
            "sweep" => {
                let f: Vec<&str> = v.split(':').collect();
                let [name, lo, hi, steps] = f.as_slice() else {
                    return Err(format!("sweep '{}' should look like review_days:1:30:7", crate::model::shorten(v, 40)));
                };
                if self.sweep.len() >= 2 {
                    return Err("a sweep has at most two parameters".into());
                }
                let steps = steps
                    .trim()
                    .parse()
                    .map_err(|_| format!("sweep steps '{}' is not a whole number", crate::model::shorten(steps, 20)))?;
                self.sweep.push(Range { name: name.to_string(), lo: num(lo)?, hi: num(hi)?, steps });
            }
            "a" | "b" => {
                self.compare = true;
                if v.is_empty() {
                    return Ok(true);
                }
                let (name, x) = v
                    .split_once(':')
                    .ok_or_else(|| format!("{k} '{}' should look like mediation_after_h:42", crate::model::shorten(v, 40)))?;
                let side = if k == "a" { &mut self.a } else { &mut self.b };
                if side.len() >= MAX_SETTINGS {
                    return Err(format!("at most {MAX_SETTINGS} parameters a side"));
                }
                side.push((name.to_string(), num(x)?));
            }
            "effect" => self.effect = Some(v.to_string()),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The experiment, if the link holds one (a sweep and an A/B together: the sweep).
    pub fn build(self) -> Option<Experiment> {
        let effect = self.effect.unwrap_or_else(|| DEFAULT_EFFECT.to_string());
        if !self.sweep.is_empty() {
            Some(Experiment { kind: Kind::Sweep(self.sweep), effect })
        } else if self.compare {
            Some(Experiment { kind: Kind::Compare { a: self.a, b: self.b }, effect })
        } else {
            None
        }
    }
}

/// The runs of an experiment: each set-up with each seed, in order (set-up 0 with every seed,
/// set-up 1 with every seed, …). The same seeds at every point and on both sides.
pub fn with_seeds(setups: &[RunSpec], seeds: &[u64]) -> Vec<RunSpec> {
    let mut runs = Vec::with_capacity(setups.len() * seeds.len());
    for s in setups {
        for &seed in seeds {
            let mut r = s.clone();
            r.scenario.seed = seed;
            runs.push(r);
        }
    }
    runs
}

/// What an experiment gave back: per set-up, the swept values, the mean outcome over the seeds
/// (its effects, and for A/B the hourly series of `uncertainty::series()`, run and baseline),
/// each effect's spread over the seeds and its paired difference from the first set-up of its
/// line. Computed where the runs are (the worker, the CLI); the page only reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// `Experiment::to_text` of the experiment they are for.
    pub experiment: String,
    pub points: Vec<Vec<f64>>,
    /// Per set-up: the mean over its seeds.
    pub outcomes: Vec<Outcome>,
    /// Per set-up, per effect: mean and 10–90 % over the seeds.
    pub spreads: Vec<Vec<Spread>>,
    /// Per set-up, per effect: the paired differences (seed by seed) from the first set-up of its
    /// line — the same value of a sweep's second parameter; for A/B, set-up 1 holds B − A. A first
    /// set-up's differences from itself are 0.
    pub diffs: Vec<Vec<Spread>>,
}

impl Results {
    /// From the outcomes of the runs of `with_seeds` (in that order), `k` seeds a set-up.
    pub fn gather(experiment: String, points: Vec<Vec<f64>>, runs: &[Outcome], k: usize) -> Results {
        let k = k.max(1);
        let blocks: Vec<&[Outcome]> = runs.chunks(k).collect();
        let column = |i: usize, e: usize| blocks[i].iter().map(|o| o.effects[e]).collect::<Vec<f64>>();
        let n_eff = runs.first().map_or(0, |o| o.effects.len());
        let mut r = Results { experiment, points, outcomes: Vec::new(), spreads: Vec::new(), diffs: Vec::new() };
        for (i, block) in blocks.iter().enumerate() {
            let avg = |pick: fn(&Outcome) -> &Vec<Vec<f64>>| -> Vec<Vec<f64>> {
                (0..pick(&block[0]).len())
                    .map(|s| {
                        let hours = block.iter().map(|o| pick(o)[s].len()).min().unwrap_or(0);
                        (0..hours).map(|h| ensemble::mean(&block.iter().map(|o| pick(o)[s][h]).collect::<Vec<_>>())).collect()
                    })
                    .collect()
            };
            let first = r.points.iter().position(|p| p.get(1) == r.points.get(i).and_then(|q| q.get(1))).unwrap_or(0);
            let spreads: Vec<Spread> = (0..n_eff).map(|e| Spread::of(&column(i, e))).collect();
            r.diffs.push((0..n_eff).map(|e| ensemble::paired(&column(first, e), &column(i, e))).collect());
            r.outcomes.push(Outcome {
                effects: spreads.iter().map(|s| s.mean).collect(),
                run: avg(|o| &o.run),
                baseline: avg(|o| &o.baseline),
            });
            r.spreads.push(spreads);
        }
        r
    }

    /// A sweep's set-ups whose effect `k` differs beyond the seed noise from the first set-up of
    /// their line.
    pub fn differ_from_first(&self, k: usize) -> Vec<usize> {
        (0..self.diffs.len()).filter(|&i| self.diffs[i][k].sign() != 0).collect()
    }

    /// A sweep as the command line writes it (`standoff sweep --csv`): a column per swept
    /// parameter, then one per effect (the mean over the seeds), then each effect's 10 % and
    /// 90 % over the seeds (`<effect>.p10`, `<effect>.p90`); a row per set-up.
    pub fn sweep_csv(names: &[&str], points: &[Vec<f64>], spreads: &[Vec<Spread>]) -> String {
        let effects = ensemble::effects();
        let mut csv = names.join(",");
        for ef in &effects {
            csv += &format!(",{}", ef.id);
        }
        for ef in &effects {
            csv += &format!(",{0}.p10,{0}.p90", ef.id);
        }
        csv.push('\n');
        for (vals, sp) in points.iter().zip(spreads) {
            let row: Vec<String> = vals
                .iter()
                .copied()
                .chain(sp.iter().map(|s| s.mean))
                .chain(sp.iter().flat_map(|s| [s.p10, s.p90]))
                .map(crate::model::decimal::shortest)
                .collect();
            csv += &row.join(",");
            csv.push('\n');
        }
        csv
    }

    /// An A/B comparison as CSV, as `standoff compare --csv`: a row per effect; A, B (means over
    /// the seeds) and B − A (the mean of the paired differences), each with its 10 % and 90 %
    /// over the seeds, and whether B − A is beyond the seed noise (`larger`, `smaller` or
    /// `within`).
    pub fn compare_csv(spreads: &[Vec<Spread>], diffs: &[Vec<Spread>]) -> String {
        let mut csv = String::from("effect,unit,a,b,b_minus_a,a.p10,a.p90,b.p10,b.p90,b_minus_a.p10,b_minus_a.p90,beyond_noise\n");
        if let ([a, b], [_, d]) = (spreads, diffs) {
            for (k, ef) in ensemble::effects().iter().enumerate() {
                let (a, b, d) = (a[k], b[k], d[k]);
                let verdict = ["smaller", "within", "larger"][(d.sign() + 1) as usize];
                let nums: Vec<String> =
                    [a.mean, b.mean, d.mean, a.p10, a.p90, b.p10, b.p90, d.p10, d.p90].map(crate::model::decimal::shortest).to_vec();
                csv += &format!("{},{},{},{}\n", ef.id, ef.unit, nums.join(","), verdict);
            }
        }
        csv
    }

    /// This result's CSV.
    pub fn csv(&self) -> String {
        match Experiment::from_text(&self.experiment).map(|e| e.kind) {
            Ok(Kind::Sweep(ranges)) => {
                let names: Vec<&str> = ranges.iter().map(|r| r.name.as_str()).collect();
                Results::sweep_csv(&names, &self.points, &self.spreads)
            }
            _ => Results::compare_csv(&self.spreads, &self.diffs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::builtin;

    fn spec() -> RunSpec {
        RunSpec::new(builtin("june-2017").unwrap())
    }

    fn sweep(ranges: &[(&str, f64, f64, usize)]) -> Experiment {
        Experiment {
            kind: Kind::Sweep(ranges.iter().map(|&(n, lo, hi, steps)| Range { name: n.into(), lo, hi, steps }).collect()),
            effect: DEFAULT_EFFECT.into(),
        }
    }

    #[test]
    fn experiments_travel_as_text_and_come_back_the_same() {
        let a = sweep(&[("review_days", 1.0, 30.0, 7), ("switch_cost", 0.0, 1.0, 3)]);
        assert_eq!(a.to_text(), "sweep=review_days:1:30:7&sweep=switch_cost:0:1:3&effect=sf_lasting_loss");
        assert_eq!(Experiment::from_text(&a.to_text()).unwrap(), a);
        let b = Experiment {
            kind: Kind::Compare { a: vec![("mediation_after_h".into(), 42.0)], b: vec![("mediation_after_h".into(), 480.0)] },
            effect: "extra_spoilage".into(),
        };
        assert_eq!(Experiment::from_text(&b.to_text()).unwrap(), b);
        // one side as the set-up is: still an A/B
        let c = Experiment { kind: Kind::Compare { a: vec![], b: vec![("switch_cost".into(), 0.5)] }, effect: "sf_share_pp".into() };
        assert_eq!(Experiment::from_text(&c.to_text()).unwrap(), c);
    }

    #[test]
    fn each_refusal_names_its_field() {
        let s = spec();
        let field = |e: Experiment| e.setups(&s).unwrap_err().field;
        let problem = |e: Experiment| e.setups(&s).unwrap_err().problem;
        assert!(matches!(problem(sweep(&[("review_days", 0.0, 30.0, 7)])), Problem::OutOfRange { .. }), "below the documented range");
        assert_eq!(field(sweep(&[("review_days", 1.0, 30.0, 7), ("switch_cost", 0.0, 99.0, 3)])), Field::Range(1));
        assert_eq!(problem(sweep(&[("review_days", 30.0, 1.0, 7)])), Problem::Reversed);
        assert_eq!(problem(sweep(&[("review_days", 1.0, 30.0, 1)])), Problem::Steps { max: MAX_STEPS });
        assert_eq!(problem(sweep(&[("review_days", 1.0, 30.0, 0)])), Problem::Steps { max: MAX_STEPS });
        assert_eq!(problem(sweep(&[("review_days", 1.0, 30.0, 7), ("review_days", 2.0, 9.0, 3)])), Problem::SameParam);
        assert_eq!(
            problem(sweep(&[("review_days", 1.0, 30.0, 25), ("switch_cost", 0.0, 1.0, 5)])),
            Problem::TooMany { runs: 125 * SEEDS, seeds: SEEDS, max: MAX_RUNS }
        );
        assert!(matches!(problem(sweep(&[("no_such", 1.0, 3.0, 3)])), Problem::UnknownParam(_)));
        let ab = |a: Vec<(&str, f64)>, b: Vec<(&str, f64)>| Experiment {
            kind: Kind::Compare {
                a: a.into_iter().map(|(n, v)| (n.to_string(), v)).collect(),
                b: b.into_iter().map(|(n, v)| (n.to_string(), v)).collect(),
            },
            effect: DEFAULT_EFFECT.into(),
        };
        assert_eq!(field(ab(vec![], vec![])), Field::Side(1, 0), "no difference");
        assert_eq!(field(ab(vec![("switch_cost", 0.5)], vec![("switch_cost", -1.0)])), Field::Side(1, 0));
        assert_eq!(field(ab(vec![("switch_cost", 0.5), ("habit", 0.5), ("switch_cost", 0.2)], vec![])), Field::Side(0, 2));
        let mut bad_effect = sweep(&[("review_days", 1.0, 30.0, 3)]);
        bad_effect.effect = "nope".into();
        assert_eq!(field(bad_effect), Field::Effect);
        // and every good one gives its runs
        assert_eq!(sweep(&[("review_days", 1.0, 31.0, 4), ("switch_cost", 0.0, 1.0, 3)]).setups(&s).unwrap().len(), 12);
        assert_eq!(ab(vec![("mediation_after_h", 42.0)], vec![("mediation_after_h", 480.0)]).setups(&s).unwrap().len(), 2);
    }
}

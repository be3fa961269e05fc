//! Experimental designs over the uncertain parameters: which parameters are uncertain (the ones
//! marked `approx` with a plausible range), a Latin hypercube over their plausible ranges, and
//! the set-ups of one- and two-parameter sweeps. Every random number comes from the model's own
//! seeded streams (`rng::Stream`), so a design is fixed by its design seed.

use super::decimal::Shortest;
use super::params;
use super::rng::Stream;
use super::run::RunSpec;
use super::scenario::Scenario;

/// An uncertain parameter and the range an ensemble draws it from.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    /// Index in `params::specs()`.
    pub index: usize,
    pub name: String,
    pub lo: f64,
    pub hi: f64,
    pub integer: bool,
}

impl Factor {
    /// The value at position `u` in [0, 1) of the range; whole-number parameters take each
    /// whole number of the range with equal probability.
    pub fn at(&self, u: f64) -> f64 {
        if self.integer {
            let n = self.hi - self.lo + 1.0;
            (self.lo + libm::floor(u * n)).min(self.hi)
        } else {
            self.lo + u * (self.hi - self.lo)
        }
    }
}

/// The parameters an ensemble varies: marked `approx`, with a plausible range wider than a
/// point, and not named in `pinned`. In the order of `params::specs()`.
pub fn factors(scenario: &Scenario, pinned: &[String]) -> Result<Vec<Factor>, String> {
    for p in pinned {
        if params::index_of(p).is_none() {
            return Err(format!("cannot pin '{}': unknown parameter (`standoff explain` lists them all)", super::shorten(p, 80)));
        }
    }
    let mut v = Vec::new();
    for (i, s) in params::specs().iter().enumerate() {
        if scenario.sources[i].1 != "approx" || pinned.contains(&s.name) {
            continue;
        }
        if let Some((lo, hi)) = scenario.plausible[i] {
            if hi > lo {
                v.push(Factor { index: i, name: s.name.clone(), lo, hi, integer: s.integer });
            }
        }
    }
    Ok(v)
}

/// A Latin hypercube of `n` points in [0, 1)^`k`: in each dimension every one of the `n` equal
/// slices holds exactly one point (at a random place within it). Dimension `j` uses its own
/// stream of `design_seed`, so adding a factor does not reshuffle the others.
pub fn latin_hypercube(n: usize, k: usize, design_seed: u64) -> Vec<Vec<f64>> {
    let mut pts = vec![vec![0.0; k]; n];
    for j in 0..k {
        let mut s = Stream::new(design_seed, 0x1A7E_0000 + j as u64);
        let mut perm: Vec<usize> = (0..n).collect();
        // Fisher–Yates
        for i in (1..n).rev() {
            let r = ((s.uniform() * (i + 1) as f64) as usize).min(i);
            perm.swap(i, r);
        }
        for (i, p) in pts.iter_mut().enumerate() {
            p[j] = (perm[i] as f64 + s.uniform()) / n as f64;
        }
    }
    pts
}

/// `spec` with each factor set to its value at the point `u`; the combination is checked.
pub fn apply(spec: &RunSpec, factors: &[Factor], u: &[f64]) -> Result<RunSpec, String> {
    let mut s = spec.clone();
    for (f, &x) in factors.iter().zip(u) {
        s.set_param(&f.name, f.at(x))?;
    }
    s.scenario.params.check_sums()?;
    Ok(s)
}

/// Apply `NAME=VALUE` settings (each range-checked, then the combination); the message says
/// which setting or rule failed.
pub fn with_settings(spec: &RunSpec, settings: &[(String, f64)]) -> Result<RunSpec, String> {
    let mut s = spec.clone();
    for (name, v) in settings {
        s.set_param(name, *v)?;
    }
    s.scenario.params.check_sums()?;
    Ok(s)
}

/// Parse `NAME=VALUE`.
pub fn parse_setting(text: &str) -> Result<(String, f64), String> {
    let (k, v) = text.split_once('=').ok_or_else(|| format!("expected NAME=VALUE, not '{}'", super::shorten(text, 80)))?;
    let x: f64 = super::decimal::parse_f64(v.trim()).ok_or_else(|| format!("{}: '{}' is not a number", k.trim(), super::shorten(v, 40)))?;
    Ok((k.trim().to_string(), x))
}

/// The largest number of runs one experiment may ask for.
pub const MAX_RUNS: usize = 4096;

/// One axis of a sweep: a parameter and the values it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub name: String,
    pub values: Vec<f64>,
}

/// `steps` evenly spaced values from `lo` to `hi` (both included) of parameter `name`, refused
/// if the range leaves the parameter's documented (valid) range. Whole-number parameters are
/// refused unless every value is whole.
pub fn axis(name: &str, lo: f64, hi: f64, steps: usize) -> Result<Axis, String> {
    let i = params::index_of(name).ok_or_else(|| format!("cannot sweep '{}': unknown parameter", super::shorten(name, 80)))?;
    let s = &params::specs()[i];
    if !(lo.is_finite() && hi.is_finite()) || lo < s.min || hi > s.max {
        return Err(format!(
            "sweep of '{}' from {} to {} leaves its documented range {} to {} {}",
            name,
            Shortest(lo),
            Shortest(hi),
            Shortest(s.min),
            Shortest(s.max),
            s.unit
        ));
    }
    if lo > hi {
        return Err(format!("sweep of '{}': the range {} to {} is reversed", name, Shortest(lo), Shortest(hi)));
    }
    if steps < 2 && lo != hi {
        return Err(format!("sweep of '{}' needs at least 2 steps", name));
    }
    if steps == 0 || steps > 101 {
        return Err(format!("sweep of '{}': {} steps; allowed 1 to 101", name, steps));
    }
    let values: Vec<f64> = (0..steps)
        .map(|k| {
            if steps == 1 {
                lo
            } else if k + 1 == steps {
                hi
            } else {
                lo + (hi - lo) * k as f64 / (steps - 1) as f64
            }
        })
        .collect();
    if s.integer && values.iter().any(|v| v.fract() != 0.0) {
        return Err(format!(
            "sweep of '{}': it takes whole numbers, and {} steps from {} to {} are not all whole",
            name,
            steps,
            Shortest(lo),
            Shortest(hi)
        ));
    }
    Ok(Axis { name: name.to_string(), values })
}

/// The set-ups of a sweep over one axis, or a grid over two (first axis slowest), each checked.
pub fn sweep_specs(spec: &RunSpec, axes: &[Axis]) -> Result<Vec<(Vec<f64>, RunSpec)>, String> {
    if axes.is_empty() || axes.len() > 2 {
        return Err("a sweep has one or two parameters".into());
    }
    if axes.len() == 2 && axes[0].name == axes[1].name {
        return Err(format!("the two sweep parameters are the same ('{}')", axes[0].name));
    }
    let n: usize = axes.iter().map(|a| a.values.len()).product();
    if n > MAX_RUNS {
        return Err(format!("the sweep has {} set-ups; at most {}", n, MAX_RUNS));
    }
    let mut out = Vec::with_capacity(n);
    let second: Vec<Option<f64>> = match axes.get(1) {
        Some(b) => b.values.iter().map(|v| Some(*v)).collect(),
        None => vec![None],
    };
    for &a in &axes[0].values {
        for b in &second {
            let mut set = vec![(axes[0].name.clone(), a)];
            if let Some(b) = b {
                set.push((axes[1].name.clone(), *b));
            }
            let s = with_settings(spec, &set).map_err(|e| format!("sweep point {}: {}", describe(&set), e))?;
            out.push((set.iter().map(|x| x.1).collect(), s));
        }
    }
    Ok(out)
}

fn describe(set: &[(String, f64)]) -> String {
    set.iter().map(|(k, v)| format!("{}={}", k, Shortest(*v))).collect::<Vec<_>>().join(", ")
}

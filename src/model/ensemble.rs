//! "How sure is this?": ensembles over the uncertain parameters and seeds, the ranking of the
//! assumptions that move an effect most, sweeps and A/B comparisons.
//!
//! Every experiment is a list of independent runs: `plan` lists them, `evaluate` computes one
//! (pure: the same numbers on any thread, natively or in the browser), `summarize` turns the
//! outcomes, in plan order, into bands, intervals and rankings. The caller decides how to
//! spread the runs over threads or time slices; the result depends only on the plan.

use super::design::{self, Factor};
use super::output;
use super::run::{Run, RunSpec};
use super::why;

/// A number read from a finished run and its baseline: the `why` headlines, plus the change
/// in SF's share of all parcels at the end of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    /// Its name in words is `why.headline.<id>` in the interface catalogue (for the `why`
    /// headlines); `sf_share_pp` is SF's share of all parcels in the last 24 h, run minus baseline.
    pub id: &'static str,
    pub unit: &'static str,
}

pub fn effects() -> Vec<Effect> {
    let mut v: Vec<Effect> = why::headlines().iter().map(|h| Effect { id: h.id, unit: h.unit }).collect();
    v.push(Effect { id: "sf_share_pp", unit: "pp" });
    v
}

pub fn effect_index(id: &str) -> Result<usize, String> {
    effects().iter().position(|e| e.id == id).ok_or_else(|| {
        format!("unknown effect '{}' (effects: {})", super::shorten(id, 60), effects().iter().map(|e| e.id).collect::<Vec<_>>().join(", "))
    })
}

fn effect_values(r: &Run) -> Vec<f64> {
    let mut v: Vec<f64> = why::headlines().iter().map(|h| h.of(r)).collect();
    let sf = match (r.frames().last(), r.baseline.get(r.frames().len().wrapping_sub(1))) {
        (Some(a), Some(b)) => 100.0 * (a.share[0] - b.share[0]),
        _ => 0.0,
    };
    v.push(sf);
    v
}

/// What one run gives back.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// In the order of `effects()`.
    pub effects: Vec<f64>,
    /// Per chosen series, one value per hour: the run, and its baseline.
    pub run: Vec<Vec<f64>>,
    pub baseline: Vec<Vec<f64>>,
}

/// Simulate one set-up (run and baseline) and read its effects and the chosen series
/// (names of `output::columns()`, checked by `plan`).
pub fn evaluate(spec: &RunSpec, series: &[String]) -> Outcome {
    outcome(&Run::complete(spec.clone()), series)
}

/// `evaluate` of a run already simulated to its end (built at once or a few steps at a time by
/// `run::Builder`: the same run, bit for bit).
pub fn outcome(r: &Run, series: &[String]) -> Outcome {
    let cols = output::columns();
    let pick = |frames: &[output::Frame]| -> Vec<Vec<f64>> {
        series
            .iter()
            .map(|name| match cols.iter().find(|c| &c.name == name) {
                Some(c) => frames.iter().map(|f| (c.get)(f)).collect(),
                None => Vec::new(),
            })
            .collect()
    };
    Outcome { effects: effect_values(r), run: pick(r.frames()), baseline: pick(&r.baseline) }
}

/// The seeds of an ensemble or a ranking: the set-up's own seed and the next `n` − 1 (wrapping
/// past `u64::MAX`). The CLI and the page's jobs both derive their seeds here, so that the same
/// set-up gives the same numbers in both.
pub fn seeds(seed: u64, n: usize) -> Vec<u64> {
    (0..n as u64).map(|k| seed.wrapping_add(k)).collect()
}

/// An ensemble: the set-up, how many design points, which seeds, which parameters to hold.
#[derive(Clone, Debug)]
pub struct EnsembleSpec {
    pub spec: RunSpec,
    /// Latin-hypercube points over the uncertain parameters; each is run with every seed.
    pub points: usize,
    pub seeds: Vec<u64>,
    pub design_seed: u64,
    /// Parameters held at their value in `spec` (e.g. the ones the reader set by hand).
    pub pinned: Vec<String>,
    /// Output columns to give bands for (names of `output::columns()`).
    pub series: Vec<String>,
}

/// The runs of an ensemble, in order: point 0 with each seed, point 1 with each seed, …
#[derive(Clone, Debug)]
pub struct Plan {
    pub factors: Vec<Factor>,
    /// Each run's factor values (in the order of `factors`) and seed.
    pub points: Vec<(Vec<f64>, u64)>,
    pub runs: Vec<RunSpec>,
    /// The set-up itself with its own seed: the line the band surrounds.
    pub central: RunSpec,
    pub series: Vec<String>,
    /// Seeds per design point (consecutive runs share a point).
    pub n_seeds: usize,
}

/// The largest ensemble.
pub const MAX_RUNS: usize = design::MAX_RUNS;

pub fn plan(e: &EnsembleSpec) -> Result<Plan, String> {
    if e.points == 0 || e.seeds.is_empty() {
        return Err(format!(
            "an ensemble needs at least one design point and one seed (asked for {} points × {} seeds)",
            e.points,
            e.seeds.len()
        ));
    }
    let n =
        e.points.checked_mul(e.seeds.len()).filter(|n| *n <= MAX_RUNS).ok_or_else(|| {
            format!("an ensemble of {} points × {} seeds is too large: at most {} runs", e.points, e.seeds.len(), MAX_RUNS)
        })?;
    let names: Vec<String> = output::columns().into_iter().map(|c| c.name).collect();
    for s in &e.series {
        if !names.contains(s) {
            return Err(format!("unknown series '{}' (the columns of `standoff run --csv`)", super::shorten(s, 60)));
        }
    }
    e.spec.scenario.params.check_sums()?;
    let factors = design::factors(&e.spec.scenario, &e.pinned)?;
    let lhs = design::latin_hypercube(e.points, factors.len(), e.design_seed);
    let mut runs = Vec::with_capacity(n);
    let mut points = Vec::with_capacity(n);
    for u in &lhs {
        let base = design::apply(&e.spec, &factors, u).map_err(|m| format!("a design point is not a valid set-up: {}", m))?;
        let values: Vec<f64> = factors.iter().zip(u).map(|(f, &x)| f.at(x)).collect();
        for &seed in &e.seeds {
            let mut s = base.clone();
            s.scenario.seed = seed;
            runs.push(s);
            points.push((values.clone(), seed));
        }
    }
    Ok(Plan { factors, points, runs, central: e.spec.clone(), series: e.series.clone(), n_seeds: e.seeds.len() })
}

/// The 10 %, 50 % and 90 % quantiles (linear interpolation between order statistics).
pub fn quantiles(xs: &[f64]) -> [f64; 3] {
    if xs.is_empty() {
        return [f64::NAN; 3];
    }
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| {
        let pos = p * (v.len() - 1) as f64;
        let i = libm::floor(pos) as usize;
        let f = pos - i as f64;
        if i + 1 < v.len() {
            v[i] + f * (v[i + 1] - v[i])
        } else {
            v[i]
        }
    };
    [q(0.1), q(0.5), q(0.9)]
}

/// An effect and how sure it is: the central run's value and the 10/50/90 % of the ensemble
/// ("likely q10 to q90").
#[derive(Clone, Debug, PartialEq)]
pub struct Interval {
    pub id: &'static str,
    pub unit: &'static str,
    pub central: f64,
    pub q: [f64; 3],
    /// The spread of the effect across seeds alone (mean over design points of max − min),
    /// to compare with the spread across assumptions.
    pub seed_spread: f64,
}

/// A series' band: per hour, the 10/50/90 % of the run, of its baseline, and of the difference
/// run − baseline within each member (the uncertainty of the effect, in which assumptions that
/// move both worlds alike cancel).
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub name: String,
    pub run: Vec<[f64; 3]>,
    pub baseline: Vec<[f64; 3]>,
    pub diff: Vec<[f64; 3]>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub intervals: Vec<Interval>,
    pub bands: Vec<Band>,
}

/// Bands and intervals from the outcomes of `plan.runs` (same order) and of `plan.central`.
pub fn summarize(plan: &Plan, outcomes: &[Outcome], central: &Outcome) -> Summary {
    let n_seeds = plan.n_seeds.max(1);
    let intervals = effects()
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let xs: Vec<f64> = outcomes.iter().map(|o| o.effects[k]).collect();
            let spreads: Vec<f64> = xs
                .chunks(n_seeds)
                .map(|c| c.iter().cloned().fold(f64::MIN, f64::max) - c.iter().cloned().fold(f64::MAX, f64::min))
                .collect();
            let seed_spread = if spreads.is_empty() { 0.0 } else { spreads.iter().sum::<f64>() / spreads.len() as f64 };
            Interval { id: e.id, unit: e.unit, central: central.effects[k], q: quantiles(&xs), seed_spread }
        })
        .collect();
    let band = |pick: fn(&Outcome) -> &Vec<Vec<f64>>, s: usize| -> Vec<[f64; 3]> {
        let hours = outcomes.iter().map(|o| pick(o)[s].len()).min().unwrap_or(0);
        (0..hours).map(|h| quantiles(&outcomes.iter().map(|o| pick(o)[s][h]).collect::<Vec<_>>())).collect()
    };
    let diff = |s: usize| -> Vec<[f64; 3]> {
        let hours = outcomes.iter().map(|o| o.run[s].len().min(o.baseline[s].len())).min().unwrap_or(0);
        (0..hours).map(|h| quantiles(&outcomes.iter().map(|o| o.run[s][h] - o.baseline[s][h]).collect::<Vec<_>>())).collect()
    };
    let bands = plan
        .series
        .iter()
        .enumerate()
        .map(|(s, name)| Band { name: name.clone(), run: band(|o| &o.run, s), baseline: band(|o| &o.baseline, s), diff: diff(s) })
        .collect();
    Summary { intervals, bands }
}

/// What an effect rests on, from an ensemble's runs (`xs` in plan order, NaN for a run that gives
/// none): the share of its variance the seeds alone make (the mean variance within a design
/// point), and the assumption whose values best explain the design points' means with the share
/// of the variance it explains (r² of a straight line through the points' means, times the
/// share of the variance between points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Basis {
    pub seed_share: f64,
    /// Index in `plan.factors`, and its share of the variance.
    pub top: Option<(usize, f64)>,
}

pub fn basis(plan: &Plan, xs: &[f64]) -> Basis {
    let n = plan.n_seeds.max(1);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len().max(1) as f64
    };
    let none = Basis { seed_share: 0.0, top: None };
    if xs.len() != plan.points.len() || xs.iter().any(|x| !x.is_finite()) || xs.len() < 2 * n {
        return none;
    }
    let total = var(xs);
    if total <= 0.0 {
        return none;
    }
    let within = mean(&xs.chunks(n).map(var).collect::<Vec<_>>());
    let means: Vec<f64> = xs.chunks(n).map(mean).collect();
    let between = var(&means);
    let top = (0..plan.factors.len())
        .map(|j| {
            let u: Vec<f64> = plan.points.chunks(n).map(|c| c[0].0[j]).collect();
            let (mu, mm) = (mean(&u), mean(&means));
            let cov = u.iter().zip(&means).map(|(a, b)| (a - mu) * (b - mm)).sum::<f64>() / u.len() as f64;
            let (vu, vm) = (var(&u), between);
            let r2 = if vu > 0.0 && vm > 0.0 { cov * cov / (vu * vm) } else { 0.0 };
            (j, r2 * between / total)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    Basis { seed_share: (within / total).min(1.0), top }
}

/// The mean of the values, summed in order (the same bits natively and in the browser). The
/// experiments' point is the mean over the common seeds, so that the point of B − A is the
/// mean of the paired differences.
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

/// Fewest seeds for a verdict "beyond the seed noise" (below it, none is given).
pub const MIN_SEEDS: usize = 3;

/// A number over common seeds: its mean (the point shown) and its 10 % and 90 % quantiles (the
/// interval shown), from `n` seeds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub p10: f64,
    pub p90: f64,
    pub n: usize,
}

impl Spread {
    pub fn of(xs: &[f64]) -> Spread {
        let q = quantiles(xs);
        Spread { mean: mean(xs), p10: q[0], p90: q[2], n: xs.len() }
    }

    /// For paired differences B − A over common seeds: 1 if B is larger beyond the seed noise,
    /// −1 if smaller, 0 if they cannot be told apart. Beyond the noise means the 10–90 % range
    /// of the differences excludes 0 (B − A has the same sign on nearly every seed), with at
    /// least `MIN_SEEDS` seeds.
    pub fn sign(&self) -> i32 {
        if self.n < MIN_SEEDS {
            0
        } else if self.p10 > 0.0 {
            1
        } else if self.p90 < 0.0 {
            -1
        } else {
            0
        }
    }
}

/// The paired differences `b[i] − a[i]` (both computed with the i-th common seed).
pub fn paired(a: &[f64], b: &[f64]) -> Spread {
    Spread::of(&b.iter().zip(a).map(|(b, a)| b - a).collect::<Vec<_>>())
}

/// One-at-a-time swings: the set-up with one uncertain parameter at the low end of its
/// plausible range, then at the high end, all others at their values, each with every seed
/// of `seeds` (common random numbers: the same seeds at both ends, so that the swing is measured
/// as paired differences high − low). Runs in order: factor 0 low with each seed, factor 0 high
/// with each seed, factor 1 low, …; then the set-up itself with each seed (for the seed-noise
/// reference).
pub fn swing_plan(spec: &RunSpec, pinned: &[String], seeds: &[u64]) -> Result<(Vec<Factor>, Vec<RunSpec>), String> {
    if seeds.is_empty() {
        return Err("a ranking needs at least one seed".into());
    }
    spec.scenario.params.check_sums()?;
    let factors = design::factors(&spec.scenario, pinned)?;
    let mut runs = Vec::with_capacity((2 * factors.len() + 1) * seeds.len());
    let mut push = |s: &RunSpec| {
        for &seed in seeds {
            let mut r = s.clone();
            r.scenario.seed = seed;
            runs.push(r);
        }
    };
    for f in &factors {
        for v in [f.lo, f.hi] {
            let s = design::with_settings(spec, &[(f.name.clone(), v)])
                .map_err(|m| format!("{} at the end of its plausible range is not a valid set-up: {}", f.name, m))?;
            push(&s);
        }
    }
    push(spec);
    Ok((factors, runs))
}

/// A bar of the ranking: the effect with the parameter at the low and at the high end
/// (means over the seeds), and the paired differences high − low over the common seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct Swing {
    pub name: String,
    pub lo: f64,
    pub hi: f64,
    pub effect_at_lo: f64,
    pub effect_at_hi: f64,
    /// 10 % and 90 % of the paired differences (high − low) over the seeds.
    pub d_p10: f64,
    pub d_p90: f64,
    /// Beyond the seed noise: see `ranking`.
    pub beyond: bool,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.effect_at_hi - self.effect_at_lo).abs()
    }
}

/// The ranking for effect `k` (index in `effects()`) from the outcomes of `swing_plan` with
/// `n_seeds` seeds, and the seed noise of the set-up itself (max − min of the effect over the
/// seeds; 0 with one seed). A swing is beyond the seed noise when its paired differences
/// high − low have the same sign on nearly every seed (their 10–90 % range excludes 0, with at
/// least `MIN_SEEDS` seeds) and its width exceeds the set-up's own seed noise; the others are
/// within the noise. Swings beyond the noise first, widest first (ties by name), then those
/// within it, widest first.
pub fn ranking(factors: &[Factor], outcomes: &[Outcome], n_seeds: usize, k: usize) -> (Vec<Swing>, f64) {
    let n = n_seeds.max(1);
    let block = |b: usize| outcomes[b * n..(b + 1) * n].iter().map(|o| o.effects[k]).collect::<Vec<f64>>();
    let own = block(2 * factors.len());
    let noise = own.iter().cloned().fold(f64::MIN, f64::max) - own.iter().cloned().fold(f64::MAX, f64::min);
    let mut v: Vec<Swing> = factors
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (at_lo, at_hi) = (block(2 * i), block(2 * i + 1));
            let d = paired(&at_lo, &at_hi);
            let mut s = Swing {
                name: f.name.clone(),
                lo: f.lo,
                hi: f.hi,
                effect_at_lo: mean(&at_lo),
                effect_at_hi: mean(&at_hi),
                d_p10: d.p10,
                d_p90: d.p90,
                beyond: false,
            };
            s.beyond = d.sign() != 0 && s.width() > noise;
            s
        })
        .collect();
    v.sort_by(|a, b| b.beyond.cmp(&a.beyond).then(b.width().total_cmp(&a.width())).then_with(|| a.name.cmp(&b.name)));
    (v, noise)
}

/// Run a whole ensemble in this thread (the browser's fallback; the CLI spreads `evaluate`
/// over threads and gets the same numbers).
pub fn run_ensemble(e: &EnsembleSpec) -> Result<(Plan, Vec<Outcome>, Summary), String> {
    let p = plan(e)?;
    let outs: Vec<Outcome> = p.runs.iter().map(|s| evaluate(s, &p.series)).collect();
    let central = evaluate(&p.central, &p.series);
    let sum = summarize(&p, &outs, &central);
    Ok((p, outs, sum))
}

/// One number for the effects of a list of runs (FNV-1a over their bits, in order): equal
/// digests mean the same numbers, so the browser's ensemble can be checked against the CLI's.
pub fn digest(outcomes: &[Outcome]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in outcomes.iter().flat_map(|o| o.effects.iter()) {
        for b in x.to_bits().to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_seeds_are_the_set_ups_own_and_the_next_ones_wrapping_at_the_top() {
        assert_eq!(super::seeds(7, 3), vec![7, 8, 9]);
        assert_eq!(super::seeds(u64::MAX, 2), vec![u64::MAX, 0]);
        assert!(super::seeds(7, 0).is_empty());
    }
}

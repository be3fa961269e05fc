//! The experiments' form as typed (pure, tested natively): what each field holds, a draft
//! started from the experiment set up, the reader's keystrokes taken field by field, the
//! experiment read back or the first field at fault, and each refusal in the reader's words.

use crate::model::params;
use crate::model::scenario::Scenario;
use crate::present::i18n::{fill, param_meaning, t, unit, Key, Lang};
use crate::ui::address::shortest;
use crate::ui::experiment::{Experiment, Field, Kind, Problem, Range, Refusal, DEFAULT_EFFECT, MAX_STEPS};

/// One row of the form, as typed.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Row {
    /// A parameter's name, or "" for none.
    pub name: String,
    /// Sweep: from, to, steps. A/B: A's and B's values ("" = as set up).
    pub x: String,
    pub y: String,
    pub steps: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub sweep: bool,
    pub rows: [Row; 2],
    pub ab: [Row; 2],
    pub effect: String,
    /// Words a parameter's name or meaning must hold to be listed (the search box).
    pub filter: String,
}

/// The plausible range of an assumption, else the documented range.
fn range_of(sc: &Scenario, name: &str) -> (f64, f64) {
    let Some(i) = params::index_of(name) else { return (0.0, 1.0) };
    let s = &params::specs()[i];
    sc.plausible.get(i).copied().flatten().filter(|(lo, hi)| hi > lo).unwrap_or((s.min, s.max))
}

fn sweep_row(sc: &Scenario, name: &str, steps: usize) -> Row {
    let (lo, hi) = range_of(sc, name);
    Row { name: name.into(), x: shortest(lo), y: shortest(hi), steps: steps.to_string() }
}

impl Draft {
    pub fn new(exp: Option<&Experiment>, sc: &Scenario, values: &[f64]) -> Draft {
        let value = |n: &str| params::index_of(n).and_then(|i| values.get(i)).map(|v| shortest(*v)).unwrap_or_default();
        let mut d = Draft {
            sweep: true,
            rows: [sweep_row(sc, "review_days", 7), Row::default()],
            ab: [Row { name: "mediation_after_h".into(), x: "42".into(), y: "480".into(), steps: String::new() }, Row::default()],
            effect: DEFAULT_EFFECT.into(),
            filter: String::new(),
        };
        let Some(e) = exp else { return d };
        d.effect = e.effect.clone();
        match &e.kind {
            Kind::Sweep(ranges) => {
                for (k, r) in ranges.iter().take(2).enumerate() {
                    d.rows[k] = Row { name: r.name.clone(), x: shortest(r.lo), y: shortest(r.hi), steps: r.steps.to_string() };
                }
            }
            Kind::Compare { a, b } => {
                d.sweep = false;
                d.ab = Default::default();
                let mut names: Vec<&String> = a.iter().chain(b).map(|(n, _)| n).collect();
                names.dedup();
                for (k, n) in names.into_iter().take(2).enumerate() {
                    let get = |side: &[(String, f64)]| side.iter().find(|(m, _)| m == n).map(|(_, v)| shortest(*v)).unwrap_or_default();
                    d.ab[k] = Row { name: n.clone(), x: get(a), y: get(b), steps: String::new() };
                }
                if d.ab[0].name.is_empty() {
                    d.ab[0] = Row { name: "mediation_after_h".into(), x: value("mediation_after_h"), ..Row::default() };
                }
            }
        }
        d
    }

    /// The experiment this form describes, or the first field that cannot be read.
    pub fn read(&self) -> Result<Experiment, Refusal> {
        let nan = |f| Refusal { field: f, problem: Problem::NotANumber };
        let number = |s: &str, f: Field| crate::model::decimal::parse_f64(s.trim()).ok_or_else(|| nan(f));
        let kind = if self.sweep {
            let mut ranges = Vec::new();
            for (k, r) in self.rows.iter().enumerate().filter(|(_, r)| !r.name.is_empty()) {
                let f = Field::Range(k);
                let steps =
                    r.steps.trim().parse::<usize>().map_err(|_| Refusal { field: f, problem: Problem::Steps { max: MAX_STEPS } })?;
                ranges.push(Range { name: r.name.clone(), lo: number(&r.x, f)?, hi: number(&r.y, f)?, steps });
            }
            Kind::Sweep(ranges)
        } else {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for r in self.ab.iter().filter(|r| !r.name.is_empty()) {
                if !r.x.trim().is_empty() {
                    a.push((r.name.clone(), number(&r.x, Field::Side(0, a.len()))?));
                }
                if !r.y.trim().is_empty() {
                    b.push((r.name.clone(), number(&r.y, Field::Side(1, b.len()))?));
                }
            }
            Kind::Compare { a, b }
        };
        Ok(Experiment { kind, effect: self.effect.clone() })
    }
}

/// A parameter in a few words: its meaning without what is in brackets or after a colon or
/// semicolon (`mediation_after_h` → "Regulator policy").
pub fn short_title(lang: Lang, name: &str) -> String {
    let meaning = param_meaning(lang, name);
    let (mut out, mut depth) = (String::new(), 0);
    for c in meaning.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            ':' | ';' | '：' | '；' if depth == 0 => break,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() {
        meaning
    } else {
        out
    }
}

/// Whether parameter `name` holds every word of `filter` (in its id or its meaning, any case of
/// the Latin letters: Chinese has none, and the Unicode case tables would cost the page's download).
pub fn matches(lang: Lang, name: &str, filter: &str) -> bool {
    let text = format!("{name} {}", param_meaning(lang, name)).to_ascii_lowercase();
    filter.to_ascii_lowercase().split(' ').all(|w| text.contains(w))
}

/// A refusal in the reader's language.
pub fn problem_text(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::NotANumber => t(lang, Key::EXP_P_NAN).into(),
        Problem::UnknownParam(_) => t(lang, Key::EXP_P_UNKNOWN).into(),
        Problem::OutOfRange { min, max, unit: u } => {
            fill(t(lang, Key::EXP_P_RANGE), &[("min", &shortest(*min)), ("max", &shortest(*max)), ("unit", unit(lang, u))])
        }
        Problem::Reversed => t(lang, Key::EXP_P_REVERSED).into(),
        Problem::Steps { max } => fill(t(lang, Key::EXP_P_STEPS), &[("max", &max.to_string())]),
        Problem::NotWhole => t(lang, Key::EXP_P_WHOLE).into(),
        Problem::TooMany { runs, seeds, max } => {
            fill(t(lang, Key::EXP_P_TOO_MANY), &[("runs", &runs.to_string()), ("seeds", &seeds.to_string()), ("max", &max.to_string())])
        }
        Problem::SameParam => t(lang, Key::EXP_P_SAME).into(),
        Problem::Twice => t(lang, Key::EXP_P_TWICE).into(),
        Problem::TooManySettings => t(lang, Key::EXP_P_TWICE).into(),
        Problem::NoDifference => t(lang, Key::EXP_P_NO_DIFFERENCE).into(),
        Problem::UnknownEffect => t(lang, Key::EXP_P_EFFECT).into(),
        Problem::Model(m) => fill(t(lang, Key::EXP_P_MODEL), &[("reason", m)]),
    }
}

impl Draft {
    /// Take what the reader typed or chose in the field `id`; true if the form must be drawn
    /// again (a new parameter brings its range; a new kind shows other rows).
    pub fn take(&mut self, id: &str, v: String, sc: &Scenario) -> bool {
        let k = |s: &str| s.parse::<usize>().ok().filter(|k| *k < 2);
        let parts: Vec<&str> = id.split('-').collect();
        match parts.as_slice() {
            ["exp", "mode", m] => self.sweep = *m == "sweep",
            ["exp", "effect"] => self.effect = v,
            ["exp", "search"] => self.filter = v,
            ["exp", "range", i, f] => {
                let Some(i) = k(i) else { return false };
                let r = &mut self.rows[i];
                match *f {
                    // a newly chosen parameter starts at its plausible (else documented) range
                    "name" => *r = if v.is_empty() { Row::default() } else { sweep_row(sc, &v, if i == 0 { 7 } else { 3 }) },
                    "from" => r.x = v,
                    "to" => r.y = v,
                    "steps" => r.steps = v,
                    _ => return false,
                }
                return *f == "name";
            }
            ["exp", "ab", i, "name"] => {
                let Some(i) = k(i) else { return false };
                self.ab[i].name = v;
            }
            ["exp", side @ ("a" | "b"), i] => {
                let Some(i) = k(i) else { return false };
                if *side == "a" {
                    self.ab[i].x = v;
                } else {
                    self.ab[i].y = v;
                }
                return false;
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario;

    fn sc() -> Scenario {
        scenario::builtin("june-2017").unwrap()
    }

    #[test]
    fn a_draft_shows_the_experiment_set_up_and_reads_back_to_it() {
        let sc = sc();
        let values = sc.params.values.clone();
        let sweep = Experiment {
            kind: Kind::Sweep(vec![Range { name: "review_days".into(), lo: 2.0, hi: 30.0, steps: 5 }]),
            effect: DEFAULT_EFFECT.into(),
        };
        let d = Draft::new(Some(&sweep), &sc, &values);
        assert!(d.sweep);
        assert_eq!((d.rows[0].x.as_str(), d.rows[0].y.as_str(), d.rows[0].steps.as_str()), ("2", "30", "5"));
        assert_eq!(d.read().unwrap(), sweep);
        let ab = Experiment {
            kind: Kind::Compare { a: vec![("mediation_after_h".into(), 42.0)], b: vec![("mediation_after_h".into(), 480.0)] },
            effect: "lost_orders".into(),
        };
        let d = Draft::new(Some(&ab), &sc, &values);
        assert!(!d.sweep);
        assert_eq!(d.read().unwrap(), ab);
    }

    #[test]
    fn keystrokes_are_taken_field_by_field_and_a_bad_field_is_named() {
        let sc = sc();
        let mut d = Draft::new(None, &sc, &sc.params.values);
        // a newly chosen parameter brings its range (the form is drawn again)
        assert!(d.take("exp-range-1-name", "habit".into(), &sc));
        assert_eq!(d.rows[1].name, "habit");
        assert!(!d.rows[1].x.is_empty() && !d.rows[1].y.is_empty());
        // typing a number does not redraw the form
        assert!(!d.take("exp-range-1-from", "abc".into(), &sc));
        assert_eq!(d.read().unwrap_err(), Refusal { field: Field::Range(1), problem: Problem::NotANumber });
        assert!(!d.take("exp-range-1-steps", "x".into(), &sc));
        d.rows[1].x = "0.1".into();
        assert_eq!(d.read().unwrap_err().field, Field::Range(1));
        // an id the form does not have changes nothing
        let before = d.clone();
        assert!(!d.take("exp-range-7-from", "1".into(), &sc));
        assert!(!d.take("nonsense", "1".into(), &sc));
        assert_eq!(d, before);
        // A/B: B's value that is not a number is refused at B's first setting
        assert!(d.take("exp-mode-ab", String::new(), &sc));
        d.take("exp-b-0", "soon".into(), &sc);
        assert_eq!(d.read().unwrap_err().field, Field::Side(1, 0));
    }

    #[test]
    fn a_parameter_has_a_short_title_and_is_found_by_its_words() {
        assert_eq!(short_title(Lang::En, "mediation_after_h"), "Regulator policy");
        assert_eq!(short_title(Lang::Zh, "mediation_after_h"), "监管政策");
        assert_eq!(short_title(Lang::En, "locker_share"), "Share of Hive Box owners' parcels delivered to Hive Box lockers");
        for s in params::specs() {
            for lang in [Lang::En, Lang::Zh] {
                let (short, long) = (short_title(lang, &s.name), param_meaning(lang, &s.name));
                assert!(!short.is_empty() && short.chars().count() <= long.chars().count(), "{}: {short}", s.name);
            }
        }
        // by words, in any order and case, in either language; the id too
        assert!(matches(Lang::En, "review_days", "COURIER days"));
        assert!(matches(Lang::Zh, "review_days", "评估"));
        assert!(matches(Lang::Zh, "review_days", "review"));
        assert!(!matches(Lang::En, "review_days", "locker"));
        let hits = params::specs().iter().filter(|s| matches(Lang::En, &s.name, "locker")).count();
        assert!((3..20).contains(&hits), "{hits}");
    }

    #[test]
    fn every_refusal_is_said_in_each_language() {
        for lang in [Lang::En, Lang::Zh] {
            let texts: Vec<String> = [
                Problem::NotANumber,
                Problem::OutOfRange { min: 1.0, max: 365.0, unit: "days" },
                Problem::Steps { max: MAX_STEPS },
                Problem::TooMany { runs: 400, seeds: 8, max: 200 },
            ]
            .iter()
            .map(|p| problem_text(lang, p))
            .collect();
            assert!(texts.iter().all(|x| !x.is_empty() && !x.contains('{')), "{texts:?}");
            assert!(texts[1].contains("365") && texts[3].contains("400") && texts[3].contains('8'), "{texts:?}");
        }
        assert_ne!(problem_text(Lang::En, &Problem::NotANumber), problem_text(Lang::Zh, &Problem::NotANumber));
    }
}

//! What the page's module tells the parts that live in a second module (the panels'), which the
//! page loads only when one is needed: the experiments panel (when it comes near the screen, or a
//! link carries an experiment), the Embed dialog (when opened) and the "How sure is this?" panel
//! (when the bands are first asked for). Their inputs cross as one text each (JSON, or for the
//! last `SureWire`); back come the experiment the reader set (its link text), the dialog's
//! closing and the panel's switches (`sure_said`).
//!
//! The panel rebuilds the set-up from its link and the results from their bit-exact text
//! (`uncertainty::results_text`), so both modules see the same numbers.

use crate::model::run::RunSpec;
use crate::model::scenario::{self, Scenario};
use crate::present::i18n::Lang;
use crate::ui::experiment::{Experiment, Results};
use crate::ui::json::{self, Object};
use crate::ui::session::{Action, Ask};
use crate::ui::state::AppState;
use crate::ui::uncertainty::{results_from_text, results_text, Shown};
use serde::Deserialize;

/// The panel's inputs as they cross from one module to the other.
#[derive(Deserialize, Clone, Debug, Default, PartialEq)]
pub struct ExperimentsWire {
    /// The language's code.
    pub lang: String,
    pub dark: bool,
    /// The set-up the experiment changes, as a link (`AppState::setup_link`).
    pub setup: String,
    /// `Experiment::to_text`, empty for none.
    pub exp: String,
    /// The results' text, empty for none.
    pub results: String,
    /// Runs done and to do.
    pub progress: Option<(usize, usize)>,
    pub error: Option<String>,
}

/// The panel's inputs, read back.
#[derive(Clone, Debug, PartialEq)]
pub struct ExperimentsInputs {
    pub lang: Lang,
    pub dark: bool,
    pub exp: Option<Experiment>,
    pub spec: RunSpec,
    /// The scenario as built in (its values are the parameters' defaults), as the session has it.
    pub defaults: Scenario,
    pub results: Option<Results>,
    pub progress: Option<(usize, usize)>,
    pub error: Option<String>,
}

impl ExperimentsWire {
    pub fn new(
        lang: Lang,
        dark: bool,
        setup: String,
        exp: Option<&Experiment>,
        results: Option<&Results>,
        progress: Option<(usize, usize)>,
        error: Option<String>,
    ) -> ExperimentsWire {
        ExperimentsWire {
            lang: lang.code().to_string(),
            dark,
            setup,
            exp: exp.map(Experiment::to_text).unwrap_or_default(),
            results: results.map(results_text).unwrap_or_default(),
            progress,
            error,
        }
    }

    pub fn to_json(&self) -> String {
        let o = Object::new().text("lang", &self.lang).boolean("dark", self.dark).text("setup", &self.setup).text("exp", &self.exp);
        let progress = self.progress.map_or("null".into(), |(a, b)| format!("[{a},{b}]"));
        let error = self.error.as_deref().map_or("null".into(), json::quote);
        o.text("results", &self.results).raw("progress", &progress).raw("error", &error).end()
    }

    /// The inputs a JSON text gives; Err with a short reason (≤ 400 characters) if it is not one.
    pub fn read(text: &str) -> Result<ExperimentsInputs, String> {
        Self::read_with(text, &mut None)
    }

    /// `read`, the set-up rebuilt only when its link differs from the one `kept` was built from
    /// (new inputs come with every run an experiment completes; the set-up stays).
    pub fn read_with(text: &str, kept: &mut Option<Rebuilt>) -> Result<ExperimentsInputs, String> {
        let w: ExperimentsWire = serde_json::from_str(text).map_err(|e| crate::model::shorten(&format!("the panel's inputs: {e}"), 300))?;
        let lang = Lang::parse(&w.lang).ok_or_else(|| format!("unknown language '{}'", crate::model::shorten(&w.lang, 20)))?;
        if kept.as_ref().is_none_or(|k| k.0 != w.setup) {
            let (state, _) = AppState::read_link(&w.setup);
            let (spec, _) = state.build_spec();
            let defaults = scenario::builtin(&spec.scenario.id).unwrap_or_else(|_| spec.scenario.clone());
            *kept = Some(Rebuilt(w.setup.clone(), spec, defaults));
        }
        let Rebuilt(_, spec, defaults) = kept.as_ref().expect("built above");
        let (spec, defaults) = (spec.clone(), defaults.clone());
        let exp = (!w.exp.is_empty()).then(|| Experiment::from_text(&w.exp)).transpose()?;
        let results = (!w.results.is_empty()).then(|| results_from_text(&w.results)).transpose()?;
        Ok(ExperimentsInputs { lang, dark: w.dark, exp, spec, defaults, results, progress: w.progress, error: w.error })
    }
}

/// A set-up rebuilt from its link: the link, the run's spec and the scenario as built in.
#[derive(Debug)]
pub struct Rebuilt(String, RunSpec, Scenario);

/// The Embed dialog's inputs as they cross: the language's code, the state as a link and the
/// snippet's title (`ui::embed_snippet::parts`).
#[derive(Deserialize, Clone, Debug, Default, PartialEq)]
pub struct DialogWire {
    pub lang: String,
    pub link: String,
    pub title: String,
}

impl DialogWire {
    pub fn to_json(&self) -> String {
        Object::new().text("lang", &self.lang).text("link", &self.link).text("title", &self.title).end()
    }

    /// The language, link and title a JSON text gives; Err with a short reason if it is not one.
    pub fn read(text: &str) -> Result<(Lang, String, String), String> {
        let w: DialogWire = serde_json::from_str(text).map_err(|e| crate::model::shorten(&format!("the dialog's inputs: {e}"), 300))?;
        let lang = Lang::parse(&w.lang).ok_or_else(|| format!("unknown language '{}'", crate::model::shorten(&w.lang, 20)))?;
        Ok((lang, w.link, w.title))
    }
}

/// The "How sure is this?" panel's inputs: the language's code on the first line, then what it
/// shows (`uncertainty::Shown::to_text`).
pub struct SureWire;

impl SureWire {
    pub fn write(lang: Lang, shown: &Shown) -> String {
        format!("{}\n{}", lang.code(), shown.to_text())
    }

    pub fn read(text: &str) -> Result<(Lang, Shown), String> {
        let (code, rest) = text.split_once('\n').unwrap_or((text, ""));
        let lang = Lang::parse(code).ok_or_else(|| format!("unknown language '{}'", crate::model::shorten(code, 20)))?;
        Ok((lang, Shown::from_text(rest)?))
    }
}

/// What the "How sure is this?" panel says back for what the reader did: a line of text
/// (`sure_heard` reads it in the page), none for an action it does not pass on.
pub fn sure_said(a: &Action) -> Option<String> {
    Some(match a {
        Action::Estimate(Ask::ToggleBands) => "bands".into(),
        Action::Estimate(Ask::ToggleLevels) => "levels".into(),
        Action::Estimate(Ask::Rank) => "rank".into(),
        Action::Estimate(Ask::Effect(id)) => format!("effect\t{id}"),
        Action::OpenParam(name) => format!("param\t{name}"),
        _ => return None,
    })
}

/// The action the panel's line stands for.
pub fn sure_heard(text: &str) -> Option<Action> {
    Some(match text.split_once('\t') {
        None if text == "bands" => Action::Estimate(Ask::ToggleBands),
        None if text == "levels" => Action::Estimate(Ask::ToggleLevels),
        None if text == "rank" => Action::Estimate(Ask::Rank),
        Some(("effect", id)) => Action::Estimate(Ask::Effect(id.to_string())),
        Some(("param", name)) => Action::OpenParam(name.to_string()),
        _ => return None,
    })
}

/// What the panel sends back: the experiment set (`Experiment::to_text`), or none (empty).
pub fn experiment_said(text: &str) -> Result<Option<Experiment>, String> {
    (!text.is_empty()).then(|| Experiment::from_text(text)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ensemble::{Outcome, Spread};

    fn setup() -> AppState {
        let (s, notes) = AppState::read_link("scenario=june-2017&seed=7&p.review_days=9&cut=track.sf@2017-06-01T09:00");
        assert!(notes.is_empty(), "{notes:?}");
        s
    }

    #[test]
    fn the_panel_reads_the_set_up_the_experiment_and_the_results_as_the_page_has_them() {
        let st = setup();
        let exp = Experiment::from_text("sweep=review_days:1:30:3&effect=sf_reliant_lost_orders").unwrap();
        let spread = |m: f64| Spread { mean: m, p10: m - 0.1, p90: m + 1.0 / 3.0, n: 8 };
        let results = Results {
            experiment: exp.to_text(),
            points: vec![vec![1.0], vec![15.5], vec![30.0]],
            outcomes: (0..3)
                .map(|i| Outcome { effects: vec![i as f64 / 7.0], run: vec![vec![0.1, 0.2]], baseline: vec![vec![0.3, 0.4]] })
                .collect(),
            spreads: (0..3).map(|i| vec![spread(i as f64 * 0.7)]).collect(),
            diffs: (0..3).map(|i| vec![spread(-(i as f64) / 3.0)]).collect(),
        };
        let wire = ExperimentsWire::new(Lang::Zh, true, st.setup_link(), Some(&exp), Some(&results), Some((3, 24)), Some("busy".into()));
        let got = ExperimentsWire::read(&wire.to_json()).unwrap();
        let (spec, _) = st.build_spec();
        assert_eq!(got.spec, spec, "the same set-up: scenario, seed, parameters and cuts");
        assert_eq!(got.spec.scenario.params.values[crate::model::params::index_of("review_days").unwrap()], 9.0);
        assert!(!got.spec.extra.is_empty(), "the reader's cut crosses over");
        assert_eq!(got.defaults, scenario::builtin("june-2017").unwrap(), "defaults are the scenario as built in");
        assert_eq!(got.exp, Some(exp));
        assert_eq!(got.results, Some(results), "results bit for bit");
        assert_eq!((got.lang, got.dark, got.progress, got.error.as_deref()), (Lang::Zh, true, Some((3, 24)), Some("busy")));
        // the panel keeps the set-up it rebuilt while only progress changes, and rebuilds it
        // when the set-up changes
        let mut kept = None;
        assert_eq!(ExperimentsWire::read_with(&wire.to_json(), &mut kept).unwrap(), got);
        let later = ExperimentsWire { progress: Some((4, 24)), ..wire.clone() };
        assert_eq!(ExperimentsWire::read_with(&later.to_json(), &mut kept).unwrap().progress, Some((4, 24)));
        let (other, _) = AppState::read_link("scenario=june-2017&seed=8");
        let moved = ExperimentsWire { setup: other.setup_link(), ..wire };
        assert_eq!(ExperimentsWire::read_with(&moved.to_json(), &mut kept).unwrap().spec, other.build_spec().0);
    }

    #[test]
    fn the_how_sure_panel_reads_what_the_page_shows_and_says_back_what_the_reader_asked() {
        use crate::model::ensemble::Swing;
        use crate::ui::uncertainty::{Ranking, Rests, Shown};
        let swing = |name: &str, lo: f64| Swing {
            name: name.into(),
            lo,
            hi: lo * 3.0,
            effect_at_lo: 1.0 / 3.0,
            effect_at_hi: -2.5e-7,
            d_p10: 0.1,
            d_p90: 0.2,
            beyond: lo > 1.0,
        };
        let full = Shown {
            on: true,
            levels: false,
            in_page: true,
            progress: Some((3, 65)),
            rank_progress: None,
            error: Some("refused:\tthe set-up\nchanged".into()),
            effect: "sf_lasting_loss".into(),
            bands: Some((
                vec![(0.1, [0.0, 0.1, 0.30000000000000004]), (-7.25, [-9.0, -7.0, f64::NAN])],
                vec![Rests::Result, Rests::Assumption(1)],
                vec!["review_days".into(), "volume.taobao.sf".into()],
                0xdead_beef_0123_4567,
            )),
            ranking: Some(Ranking {
                effect: "sf_lasting_loss".into(),
                swings: vec![swing("review_days", 0.5), swing("buyers.rival", 2.0)],
                noise: 0.01,
            }),
        };
        for (lang, shown) in [(Lang::Zh, full.clone()), (Lang::En, Shown::default())] {
            let (l, back) = SureWire::read(&SureWire::write(lang, &shown)).unwrap();
            assert_eq!(l, lang);
            // (NaN is not equal to itself: compared through the text)
            assert_eq!(back.to_text(), shown.to_text());
            let mut expect = shown.clone();
            expect.error = shown.error.as_ref().map(|e| e.replace(['\n', '\t'], " "));
            let mut back = back;
            if let (Some(b), Some(e)) = (&mut back.bands, &mut expect.bands) {
                assert!(b.0[1].1[2].is_nan());
                (b.0[1].1[2], e.0[1].1[2]) = (0.0, 0.0);
            }
            assert_eq!(back, expect, "every number bit for bit, every switch and name");
        }
        for bad in ["", "en", "xx\nshown\t000\t-\t-\te", "en\nshown\t000\t1/\t-\te", "en\nshown\t100\t-\t-\te\ne\t1,2,3,4"] {
            let e = SureWire::read(bad).unwrap_err();
            assert!(!e.is_empty() && e.chars().count() <= 400, "{bad:?}: {e}");
        }
        for a in [
            Action::Estimate(Ask::ToggleBands),
            Action::Estimate(Ask::ToggleLevels),
            Action::Estimate(Ask::Rank),
            Action::Estimate(Ask::Effect("sf_lasting_loss".into())),
            Action::OpenParam("volume.taobao.sf".into()),
        ] {
            assert_eq!(sure_heard(&sure_said(&a).unwrap()), Some(a));
        }
        assert_eq!(sure_said(&Action::Undo), None);
        assert_eq!(sure_heard("reset everything"), None);
    }

    #[test]
    fn the_dialog_reads_its_language_link_and_title() {
        let w = DialogWire { lang: "zh".into(), link: setup().to_link(), title: "Parcel Standoff — \"June\" & <2017>".into() };
        assert_eq!(DialogWire::read(&w.to_json()).unwrap(), (Lang::Zh, w.link.clone(), w.title.clone()));
        for bad in ["", "{}", r#"{"lang":"xx","link":"","title":""}"#] {
            let e = DialogWire::read(bad).unwrap_err();
            assert!(!e.is_empty() && e.chars().count() <= 400, "{e}");
        }
    }

    #[test]
    fn nothing_set_crosses_as_nothing_and_bad_text_is_refused_briefly() {
        let wire = ExperimentsWire::new(Lang::En, false, setup().setup_link(), None, None, None, None);
        let got = ExperimentsWire::read(&wire.to_json()).unwrap();
        assert_eq!((got.exp, got.results, got.progress, got.error), (None, None, None, None));
        assert_eq!(experiment_said("").unwrap(), None);
        let e = experiment_said("sweep=review_days:1:30:3&effect=sf_reliant_lost_orders").unwrap().unwrap();
        assert_eq!(e.to_text(), "sweep=review_days:1:30:3&effect=sf_reliant_lost_orders");
        let huge = format!("{{\"lang\":\"{}\"}}", "x".repeat(100_000));
        for bad in
            ["", "{", "[1]", &huge, r#"{"lang":"en","dark":false,"setup":"","exp":"nonsense","results":"","progress":null,"error":null}"#]
        {
            let err = ExperimentsWire::read(bad).unwrap_err();
            assert!(!err.is_empty() && err.chars().count() <= 400, "{err}");
        }
        assert!(experiment_said("zzz=1").unwrap_err().chars().count() <= 400);
    }
}

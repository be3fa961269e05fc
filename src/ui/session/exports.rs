//! What the export buttons download: the run's CSV (as far as it has played, or whole), and
//! pictures of the network and the charts with a caption that says what they show.

use super::action::Effect;
use crate::model::clock::{self, Hour};
use crate::model::ids::LinkId;
use crate::model::output;
use crate::present::i18n::{link_name, scenario_title, t, Key, Lang};
use crate::ui::playback::{cost, Player, HEAVY};
use crate::ui::views::ChartKind;

/// A time for a file name: `2017-05-30T06`.
fn file_time(h: Hour) -> String {
    clock::format_short(h)[..13].to_string()
}

/// The CSV of the hours played so far; the file's name says which hours it holds.
pub fn csv(player: &Player, scenario: &str) -> Effect {
    let run = player.run();
    let upto = if run.now() >= run.end() { "whole-run".to_string() } else { format!("to-{}", file_time(run.now())) };
    Effect::Download {
        filename: format!("parcel-standoff-{scenario}-{upto}.csv"),
        mime: "text/csv",
        text: output::csv(run.frames(), &run.baseline),
    }
}

/// The CSV of the whole run, however far it has played (refused, with a word, when computing
/// the rest would freeze the page).
pub fn csv_all(player: &Player, scenario: &str, lang: Lang) -> Effect {
    let run = player.run();
    let heavy = cost(run.spec.scenario.params.get("merchants"), run.end() - run.now()) > HEAVY;
    if run.now() < run.end() && heavy {
        return Effect::Announce(t(lang, Key::EXPORT_HEAVY).into());
    }
    let mut whole = run.clone_to_end();
    whole.advance_to(whole.end());
    Effect::Download {
        filename: format!("parcel-standoff-{scenario}-whole-run.csv"),
        mime: "text/csv",
        text: output::csv(whole.frames(), &whole.baseline),
    }
}

/// A picture of the network (`None`) or of a chart, captioned.
pub fn png(player: &Player, scenario: &str, lang: Lang, chart: Option<ChartKind>) -> Effect {
    let (selector, filename, title) = match chart {
        None => ("#network".to_string(), "parcel-standoff-network.png".to_string(), t(lang, Key::NETWORK)),
        Some(k) => (format!("#chart-{} canvas", k.id()), format!("parcel-standoff-{}.png", k.id()), t(lang, k.title())),
    };
    Effect::DownloadCanvas { selector, filename, caption: caption(player, scenario, lang, title), key: t(lang, Key::EXPORT_LEGEND).into() }
}

/// What a picture says about itself: its title, then the scenario, the time and the cuts.
fn caption(player: &Player, scenario: &str, lang: Lang, title: &str) -> Vec<String> {
    let run = player.run();
    let when = clock::format_short(run.now()).replace('T', " ");
    let cut: Vec<String> = LinkId::all().into_iter().filter(|l| !run.live.links.is_up(*l)).map(|l| link_name(lang, l)).collect();
    let mut lines = vec![
        format!("{} — {}", t(lang, Key::TITLE), title),
        format!("{} · {} {}", scenario_title(lang, scenario), t(lang, Key::CLOCK), when),
    ];
    if !cut.is_empty() {
        lines.push(format!("{}: {}", t(lang, Key::CUT), cut.join(", ")));
    }
    lines
}

//! The interface's words, in every language of `locales/` (English and Simplified Chinese).
//! `build.rs` turns the translation files into a typed catalogue: interface strings are typed
//! constants (`t(lang, Key::TITLE)`; a key that does not exist does not compile), the names of
//! the model's ids and parameters are looked up by keys derived from those ids
//! (`courier.sf.name`, `link.track`, `param.volume.*.*`). docs/translating.md tells a translator
//! how to add a language.

use crate::model::ids::{Courier, LinkId, Platform};
use crate::model::scenario::Action;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

impl Lang {
    /// The page's `lang` attribute.
    pub fn html_lang(self) -> &'static str {
        LANG_HTML[self as usize]
    }
    /// The language's name for itself (`language.name`: "English" in English): what the language
    /// switch shows.
    pub fn name(self) -> &'static str {
        LANG_NAMES[self as usize]
    }
    /// The fonts its texts are set in (`language.fonts`, a CSS `font-family` list): the page
    /// sets it on the document (`--fonts`), the canvases draw with it.
    pub fn fonts(self) -> &'static str {
        LANG_FONTS[self as usize]
    }
    /// The language with this exact code.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
    /// As `parse`, with a message naming the languages.
    pub fn parse_or_explain(code: &str) -> Result<Lang, String> {
        Lang::parse(code).ok_or_else(|| {
            let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            format!("unknown language '{}' ({})", code.chars().take(20).collect::<String>(), codes.join(" or "))
        })
    }
    /// The language for a browser's preference such as `zh-CN` or `en-GB` (English if none fits).
    pub fn from_browser(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::parse(&primary).unwrap_or_default()
    }
    /// The next language (the language button cycles through them).
    pub fn next(self) -> Lang {
        Lang::ALL[(self as usize + 1) % Lang::ALL.len()]
    }
}

thread_local! {
    /// The packed texts of the languages fetched at run time (`install`), once fetched.
    static FETCHED: std::cell::RefCell<Vec<Option<&'static str>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A language's packed texts: built in, or fetched (English until they are).
fn packed(lang: Lang) -> (Lang, &'static str) {
    if LAZY_HASH[lang as usize] == 0 {
        return (lang, TEXT[lang as usize]);
    }
    match FETCHED.with(|f| f.borrow().get(lang as usize).copied().flatten()) {
        Some(t) => (lang, t),
        None => (Lang::default(), TEXT[0]),
    }
}

/// Whether a language's texts are at hand (built in, or fetched and installed).
pub fn is_ready(lang: Lang) -> bool {
    packed(lang).0 == lang
}

/// Where a language's texts are fetched from (beside the page), if they are not built in: the
/// file's name, and a query that changes with its contents (a cached old copy is not used).
pub fn texts_file(lang: Lang) -> Option<String> {
    let h = LAZY_HASH[lang as usize];
    (h != 0).then(|| format!("lang-{}.txt?v={h:08x}", lang.code()))
}

/// Install a language's fetched texts. Refused (with the reason) if they are not the texts this
/// build was made with.
pub fn install(lang: Lang, texts: String) -> Result<(), String> {
    let want = LAZY_HASH[lang as usize];
    if want == 0 || is_ready(lang) {
        return Ok(());
    }
    if crate::present::catalogue_check::fnv1a(&texts) != want {
        return Err(format!("the {} texts do not belong to this version of the page", lang.code()));
    }
    let leaked: &'static str = Box::leak(texts.into_boxed_str());
    FETCHED.with(|f| {
        let mut f = f.borrow_mut();
        f.resize(Lang::ALL.len(), None);
        f[lang as usize] = Some(leaked);
    });
    Ok(())
}

/// Text `i` of a language's packed texts.
fn text(lang: Lang, i: usize) -> &'static str {
    let (lang, texts) = packed(lang);
    let o = &OFFSETS[lang as usize];
    texts.get(o[i] as usize..o[i + 1] as usize).unwrap_or("?")
}

/// An interface string.
pub fn t(lang: Lang, key: Key) -> &'static str {
    text(lang, key.0 as usize)
}

/// A string reached by name (`courier.sf.name`), if the catalogue has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    debug_assert!(key.contains('.'), "'{key}' is an interface string: use t(lang, Key::…)");
    let h = crate::present::catalogue_check::fnv1a(key);
    NAMED_HASHES.binary_search(&h).ok().map(|i| text(lang, N_UI + i))
}

/// The index of a note among the catalogue's texts (the hash of its English words is the key).
fn note_index(note: &str) -> Option<usize> {
    let h = crate::present::catalogue_check::fnv1a(note);
    NOTE_HASHES.iter().position(|x| *x == h).map(|i| N_UI + N_NAMED + i)
}

/// A string reached by name. A missing name is a programming error the tests catch (every id
/// and parameter of the model has its entry); it shows as "?", never a panic.
pub fn named(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or("?")
}

/// Fill a template's `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

pub fn courier_name(lang: Lang, c: Courier) -> &'static str {
    named(lang, &format!("courier.{}.name", c.id()))
}

/// The short label drawn on the canvas and charts.
pub fn courier_short(lang: Lang, c: Courier) -> &'static str {
    named(lang, &format!("courier.{}.short", c.id()))
}

pub fn platform_name(lang: Lang, p: Platform) -> &'static str {
    named(lang, &format!("platform.{}.name", p.id()))
}

/// A link in plain words, e.g. "SF Express → Cainiao tracking".
pub fn link_name(lang: Lang, l: LinkId) -> String {
    let (key, p, c) = match l {
        LinkId::Track(c) => ("link.track", None, Some(c)),
        LinkId::DisplayTaobao => ("link.display.taobao", None, None),
        LinkId::List(p, c) => ("link.list", Some(p), Some(c)),
        LinkId::LockerHivebox => ("link.locker.hivebox", None, None),
        LinkId::Direct(p, c) => ("link.direct", Some(p), Some(c)),
    };
    fill(
        named(lang, key),
        &[("courier", c.map(|c| courier_name(lang, c)).unwrap_or("")), ("platform", p.map(|p| platform_name(lang, p)).unwrap_or(""))],
    )
}

/// A scenario event in plain words (empty for a caption-only note).
pub fn event_text(lang: Lang, a: &Action) -> String {
    let (key, link, p, c) = match *a {
        Action::Cut(l) => ("event.cut", Some(l), None, None),
        Action::Restore(l) => ("event.restore", Some(l), None, None),
        Action::Advise(p, c) => ("event.advise", None, Some(p), Some(c)),
        Action::EndAdvice(p, c) => ("event.end_advice", None, Some(p), Some(c)),
        Action::RestoreAll => ("event.restore_all", None, None, None),
        Action::Talks => ("event.talks", None, None, None),
        Action::Note => return String::new(),
    };
    fill(
        named(lang, key),
        &[
            ("link", &link.map(|l| link_name(lang, l)).unwrap_or_default()),
            ("courier", c.map(|c| courier_name(lang, c)).unwrap_or("")),
            ("platform", p.map(|p| platform_name(lang, p)).unwrap_or("")),
        ],
    )
}

/// The catalogue key of a parameter's meaning, and the names its placeholders take: ids of
/// couriers, platforms, categories and distance bands in the name become `*`
/// (`volume.taobao.sf` → `param.volume.*.*` with {platform} and {courier}).
pub fn param_key(lang: Lang, name: &str) -> (String, Vec<(&'static str, &'static str)>) {
    let mut parts = name.split('.');
    let mut key = format!("param.{}", parts.next().unwrap_or(""));
    let rest: Vec<&str> = parts.collect();
    let mut values = Vec::new();
    for (i, seg) in rest.iter().enumerate() {
        let two = rest.len() == 2;
        let found = if two && i == 0 {
            Platform::parse(seg).map(|p| ("platform", platform_name(lang, p)))
        } else if let Some(c) = Courier::parse(seg) {
            Some(("courier", courier_name(lang, c)))
        } else if let Some(s) = lookup(lang, &format!("category.{seg}.name")) {
            Some(("category", s))
        } else {
            lookup(lang, &format!("band.{seg}.name")).map(|s| ("band", s))
        };
        match found {
            Some(v) => {
                key.push_str(".*");
                values.push(v);
            }
            None => {
                key.push('.');
                key.push_str(seg);
            }
        }
    }
    (key, values)
}

/// What a parameter means, in words.
pub fn param_meaning(lang: Lang, name: &str) -> String {
    let (key, values) = param_key(lang, name);
    fill(named(lang, &key), &values)
}

/// A scenario's title (`scenario.<id>.title`).
pub fn scenario_title(lang: Lang, id: &str) -> &'static str {
    named(lang, &format!("scenario.{id}.title"))
}

/// A scenario's description (`scenario.<id>.description`).
pub fn scenario_description(lang: Lang, id: &str) -> &'static str {
    named(lang, &format!("scenario.{id}.description"))
}

/// The caption of a scenario's event, if it has one (`scenario.<id>.event.<n>`, `n` counting
/// the scenario's events in time order from 1).
pub fn event_caption(
    lang: Lang,
    scenario: &crate::model::scenario::Scenario,
    event: &crate::model::scenario::Event,
) -> Option<&'static str> {
    if !event.captioned {
        return None;
    }
    let n = scenario.events.iter().position(|e| e == event)? + 1;
    lookup(lang, &format!("scenario.{}.event.{n}", scenario.id))
}

/// The note on where a parameter value comes from, translated (`note.<the English note>`, as
/// the scenario files write it); the file's own words if the catalogue lacks it.
pub fn source_note(lang: Lang, note: &str) -> &str {
    match note_index(note).map(|i| text(lang, i)) {
        Some(t) if !t.is_empty() => t,
        _ => note,
    }
}

/// Whether the catalogue has this note (the English words of a scenario file).
pub fn has_note(note: &str) -> bool {
    note_index(note).is_some()
}

/// A parameter's unit.
pub fn unit(lang: Lang, u: &str) -> &'static str {
    named(lang, &format!("unit.{u}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ids, params, scenario};

    #[test]
    fn every_id_and_parameter_of_the_model_has_its_words_in_every_language() {
        for lang in Lang::ALL {
            let mut missing = Vec::new();
            let mut need = |k: String| {
                if lookup(lang, &k).is_none() {
                    missing.push(k);
                }
            };
            for c in ids::Courier::ALL {
                need(format!("courier.{}.name", c.id()));
                need(format!("courier.{}.short", c.id()));
            }
            for p in ids::Platform::ALL {
                need(format!("platform.{}.name", p.id()));
            }
            for c in ids::Category::ALL {
                need(format!("category.{}.name", c.id()));
            }
            for b in params::BANDS {
                need(format!("band.{b}.name"));
            }
            for s in params::specs() {
                let (key, values) = param_key(lang, &s.name);
                need(key.clone());
                need(format!("unit.{}", s.unit));
                let meaning = param_meaning(lang, &s.name);
                assert!(!meaning.contains('{') && meaning != "?", "{}: {key} → {meaning} ({values:?})", s.name);
            }
            for k in crate::model::why::knockouts() {
                need(format!("why.knockout.{}", k.id));
            }
            for h in crate::model::why::headlines() {
                need(format!("why.headline.{}", h.id));
            }
            assert!(missing.is_empty(), "{}: no catalogue entry for {missing:?}", lang.code());
            for l in ids::LinkId::all() {
                let n = link_name(lang, l);
                assert!(!n.contains('{') && !n.contains('?') && n.len() > 3, "{l}: {n}");
            }
            for a in [
                scenario::Action::RestoreAll,
                scenario::Action::Cut(ids::LinkId::DisplayTaobao),
                scenario::Action::Advise(ids::Platform::Taobao, ids::Courier::Sf),
            ] {
                assert!(!event_text(lang, &a).contains('{'));
            }
        }
    }

    #[test]
    fn every_scenario_and_caption_has_its_words_and_they_match_the_files_today() {
        for id in scenario::builtin_ids() {
            let s = scenario::builtin(id).unwrap();
            for lang in Lang::ALL {
                assert_ne!(scenario_title(lang, id), "?", "{id}");
                assert_ne!(scenario_description(lang, id), "?", "{id}");
                for e in s.events.iter().filter(|e| e.captioned) {
                    assert!(event_caption(lang, &s, e).is_some(), "{id}: caption at {}", e.at);
                }
            }
            for (note, _) in &s.sources {
                assert!(has_note(note), "{id}: no translation of the note '{note}'");
                assert_eq!(source_note(Lang::En, note), note);
                assert_ne!(source_note(Lang::Zh, note), note, "{id}: '{note}' is not translated");
            }
        }
    }

    /// Every language of the generated list (with `--features pseudo-locale`, the pseudo-language
    /// too) names itself, has its fonts, and the switch visits each once, in the list's order.
    #[test]
    fn every_language_names_itself_has_its_fonts_and_the_switch_visits_each() {
        let mut names = Vec::new();
        let mut l = Lang::default();
        for (i, want) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(l, want, "step {i} of the switch");
            assert!(!matches!(l.name(), "?" | ""), "{}: no name", l.code());
            assert!(!names.contains(&l.name()), "{}: the name {} twice", l.code(), l.name());
            names.push(l.name());
            assert!(l.fonts().ends_with("serif"), "{}: fonts {}", l.code(), l.fonts());
            assert!(!matches!(l.html_lang(), "?" | ""));
            let label = fill(t(l, Key::LANGUAGE_LABEL), &[("language", l.next().name())]);
            assert!(label.contains(l.next().name()) && !label.contains('{'), "{label}");
            l = l.next();
        }
        assert_eq!(l, Lang::default(), "the switch comes back to the first language");
    }

    #[test]
    fn languages_are_read_by_code_and_the_browser_by_prefix() {
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-CN"), None, "links and files use the code");
        assert_eq!(Lang::from_browser("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser("fr-FR"), Lang::En);
        assert_eq!(Lang::Zh.html_lang(), "zh-CN");
        assert!(Lang::parse_or_explain("xx").unwrap_err().contains("en or zh"));
        assert_eq!(Lang::En.next(), Lang::Zh);
        assert_eq!((Lang::En.name(), Lang::Zh.name()), ("English", "\u{4e2d}\u{6587}"));
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(lookup(Lang::En, "courier.sf.name"), Some("SF Express"));
        assert_eq!(lookup(Lang::En, "courier.dhl.name"), None, "a name the catalogue lacks is not found");
    }
}

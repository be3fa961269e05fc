//! Reading and checking translation files (`locales/<code>.json`): used by `build.rs` (a file
//! that does not match English fails the build) and by the tests (a pseudo-locale).

use std::collections::{BTreeMap, BTreeSet};

/// A locale file: one flat JSON object of `"key": "text"`.
pub fn parse_locale(text: &str) -> Result<BTreeMap<String, String>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let obj = value.as_object().ok_or("not a JSON object of \"key\": \"text\"")?;
    let mut out = BTreeMap::new();
    for (k, v) in obj {
        let s = v.as_str().ok_or_else(|| format!("\"{k}\" is not a text"))?;
        out.insert(k.clone(), s.to_string());
    }
    Ok(out)
}

/// The `{name}` placeholders of a text.
pub fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        match rest[i..].find('}') {
            Some(j) => {
                out.insert(rest[i + 1..i + j].to_string());
                rest = &rest[i + j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Everything wrong with `other` (a translation) measured against `reference` (English):
/// missing keys, unknown keys, empty texts, placeholders that differ.
pub fn check_against(reference: &BTreeMap<String, String>, other: &BTreeMap<String, String>) -> Vec<String> {
    let mut errors = Vec::new();
    for (k, en) in reference {
        match other.get(k) {
            None => errors.push(format!("missing key \"{k}\"")),
            Some(t) if t.is_empty() => errors.push(format!("\"{k}\" is empty")),
            Some(t) if placeholders(t) != placeholders(en) => {
                errors.push(format!("\"{k}\" has placeholders {:?}, English has {:?}", placeholders(t), placeholders(en)))
            }
            Some(_) => {}
        }
    }
    for k in other.keys().filter(|k| !reference.contains_key(*k)) {
        errors.push(format!("unknown key \"{k}\" (not in en.json)"));
    }
    errors
}

/// What every language file says about itself: its `lang` attribute, its own name for itself
/// (the language switch shows it) and the CSS font stack its texts are set in.
pub const SELF: [&str; 3] = ["lang.html", "language.name", "language.fonts"];

/// Keys whose text is code the page applies, not words: a pseudo-language keeps them as they are.
const CODE: [&str; 2] = ["lang.html", "language.fonts"];

/// What is wrong with what a language file says about itself (`SELF`: missing or empty).
pub fn check_self(locale: &BTreeMap<String, String>) -> Vec<String> {
    SELF.iter()
        .filter(|k| locale.get(**k).is_none_or(|t| t.trim().is_empty()))
        .map(|k| format!("\"{k}\" is missing or empty (each language names itself and its fonts)"))
        .collect()
}

/// A pseudo-language made from English, exactly as a translator's file would be: every text in
/// ⟦brackets⟧; its `lang` attribute is `html_lang`, its font stack English's.
pub fn pseudo(en: &BTreeMap<String, String>, html_lang: &str) -> BTreeMap<String, String> {
    en.iter()
        .map(|(k, v)| {
            let text = if k == "lang.html" {
                html_lang.to_string()
            } else if CODE.contains(&k.as_str()) {
                v.clone()
            } else {
                format!("⟦{v}⟧")
            };
            (k.clone(), text)
        })
        .collect()
}

/// The 32-bit FNV-1a hash of a text (notes are found by the hash of their English words).
pub fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

/// Keys reached by name at run time (they contain a dot: `courier.sf.name`); the others are
/// interface strings reached as typed constants (`Key::TITLE`).
pub fn is_dynamic(key: &str) -> bool {
    key.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(name: &str) -> BTreeMap<String, String> {
        let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
        parse_locale(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn a_third_language_is_one_file_checked_like_the_others() {
        let en = locale("en");
        assert!(check_against(&en, &locale("zh")).is_empty());
        // a pseudo-language made from English passes the check the build applies
        let pseudo = pseudo(&en, "en-XA");
        assert!(check_against(&en, &pseudo).is_empty());
        assert!(check_self(&pseudo).is_empty());
        assert_eq!(pseudo["language.fonts"], en["language.fonts"], "a font stack is code, not words");
        // and each kind of mistake is named
        let mut bad = pseudo.clone();
        bad.remove("play");
        bad.insert("plya".into(), "x".into());
        bad.insert("link.track".into(), "{courir} → ?".into());
        bad.insert("title".into(), String::new());
        let errors = check_against(&en, &bad).join("\n");
        for what in ["missing key \"play\"", "unknown key \"plya\"", "\"link.track\" has placeholders", "\"title\" is empty"] {
            assert!(errors.contains(what), "{what} in:\n{errors}");
        }
        let mut nameless = pseudo.clone();
        nameless.remove("language.name");
        nameless.insert("language.fonts".into(), " ".into());
        let errors = check_self(&nameless).join("\n");
        assert!(errors.contains("\"language.name\" is missing") && errors.contains("\"language.fonts\" is missing"), "{errors}");
    }

    /// The languages of `locales/languages.txt`, English first.
    fn listed() -> Vec<String> {
        let listed = std::fs::read_to_string(format!("{}/locales/languages.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
        listed.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
    }

    #[test]
    fn every_listed_language_names_itself_and_its_fonts() {
        let codes = listed();
        assert_eq!(codes.first().map(String::as_str), Some("en"));
        let mut names = BTreeSet::new();
        for code in &codes {
            let l = locale(code);
            assert!(check_self(&l).is_empty(), "{code}: {:?}", check_self(&l));
            let fonts = &l["language.fonts"];
            assert!(fonts.ends_with("sans-serif") || fonts.ends_with("serif"), "{code}: a font stack ends with a generic family: {fonts}");
            assert!(names.insert(l["language.name"].clone()), "{code}: another language has the name {}", l["language.name"]);
        }
    }
}

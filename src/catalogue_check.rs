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

/// Keys reached by name at run time (they contain a dot: `courier.sf.name`); the others are
/// interface strings reached as typed constants (`Key::TITLE`).
pub fn is_dynamic(key: &str) -> bool {
    key.contains('.')
}

//! The architecture's rules, checked on the sources (see ARCHITECTURE.md): the model and the
//! interface's logic know nothing about the browser, and interface words live only in the
//! translation catalogue.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn src(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(rel)
}

/// The code of a file before its test module.
fn code(p: &Path) -> String {
    let text = std::fs::read_to_string(p).unwrap();
    text.split("#[cfg(test)]").next().unwrap().to_string()
}

const BROWSER: [&str; 6] = ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen", "plotters"];

fn uses_any(text: &str, names: &[&str]) -> Vec<String> {
    names.iter().filter(|n| text.contains(&format!("{n}::")) || text.contains(&format!("use {n}"))).map(|n| n.to_string()).collect()
}

#[test]
fn the_model_knows_nothing_of_the_browser_the_clock_or_hash_order() {
    let files = rust_files(&src("model"));
    assert!(files.len() > 10);
    for f in files {
        let text = code(&f);
        let found = uses_any(&text, &BROWSER);
        assert!(found.is_empty(), "{} uses {found:?}", f.display());
        for banned in ["std::time", "Instant::now", "SystemTime", "HashMap", "HashSet", "thread_rng"] {
            assert!(!text.contains(banned), "{} uses {banned}", f.display());
        }
    }
}

#[test]
fn the_interfaces_logic_is_pure_and_only_view_and_charts_touch_the_browser() {
    for name in [
        "session.rs",
        "playback.rs",
        "state.rs",
        "address.rs",
        "views.rs",
        "keys.rs",
        "i18n.rs",
        "narration.rs",
        "story.rs",
        "embed.rs",
        "layout.rs",
        "palette.rs",
    ] {
        let found = uses_any(&code(&src(name)), &BROWSER);
        assert!(found.is_empty(), "src/{name} uses {found:?}: browser code belongs in src/view");
    }
}

#[test]
fn interface_words_live_in_the_catalogue_not_in_the_code() {
    // Chinese text anywhere in the code — the model and the CLI included — means a string that
    // bypassed locales/*.json (the model keeps ids; the catalogue keeps their words)
    for f in rust_files(&src("")) {
        for (i, line) in code(&f).lines().enumerate() {
            assert!(!line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}:{}: {line}", f.display(), i + 1);
        }
    }
}

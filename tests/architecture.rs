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
fn pictures_are_drawn_with_plotters_alone_never_the_browser() {
    let files = rust_files(&src("draw"));
    assert!(files.len() >= 3);
    for f in files {
        let found = uses_any(&code(&f), &BROWSER[..5]);
        assert!(found.is_empty(), "{} uses {found:?}: browser code belongs in src/view", f.display());
    }
}

#[test]
fn the_interfaces_logic_and_presentation_are_pure_and_only_view_touches_the_browser() {
    for layer in ["ui", "present", "cli"] {
        let files = rust_files(&src(layer));
        assert!(files.len() > if layer == "cli" { 1 } else { 5 });
        for f in files {
            let found = uses_any(&code(&f), &BROWSER);
            assert!(found.is_empty(), "{} uses {found:?}: browser code belongs in src/view", f.display());
        }
    }
}

/// The layers, bottom up: a file may use its own layer and those below it, never one above.
/// `view` (the page) and `cli` (the `standoff` command line) are both on top, side by side;
/// `draw` (charts and pictures with plotters, no browser) serves both.
const LAYERS: [&str; 6] = ["model", "present", "ui", "draw", "view", "cli"];

/// Layers side by side at the top: neither may use the other.
const BESIDE: [&str; 2] = ["view", "cli"];

fn layer_of(path: &Path) -> Option<usize> {
    let rel = path.strip_prefix(src("")).ok()?;
    let top = rel.iter().next()?.to_str()?;
    LAYERS.iter().position(|l| *l == top)
}

/// The modules a file names: `crate::ui::session` → ("ui", "session").
fn imports(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + 7..];
        let mut parts = rest.split("::");
        let top: String = parts.next().unwrap_or("").chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let sub: String = parts.next().unwrap_or("").chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        out.push((top, sub));
    }
    out
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    for f in rust_files(&src("")) {
        let Some(mine) = layer_of(&f) else { continue };
        for (top, _) in imports(&code(&f)) {
            if let Some(theirs) = LAYERS.iter().position(|l| *l == top) {
                assert!(theirs <= mine, "{} ({}) uses crate::{top}: a layer may only use those below it", f.display(), LAYERS[mine]);
                let beside = theirs != mine && BESIDE.contains(&LAYERS[mine]) && BESIDE.contains(&LAYERS[theirs]);
                assert!(!beside, "{} ({}) uses crate::{top}: the page and the command line stand side by side", f.display(), LAYERS[mine]);
            }
        }
    }
}

#[test]
fn no_two_files_of_a_layer_import_each_other() {
    // module → the modules of its own layer it names; then look for a circle
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    for f in rust_files(&src("")) {
        let Some(mine) = layer_of(&f) else { continue };
        let name = f.file_stem().unwrap().to_str().unwrap().to_string();
        let dir = f.parent().unwrap().file_name().unwrap().to_str().unwrap().to_string();
        let me = if name == "mod" { dir } else { name };
        for (top, sub) in imports(&code(&f)) {
            if top == LAYERS[mine] && !sub.is_empty() && sub != me {
                edges.entry(me.clone()).or_default().insert(sub);
            }
        }
    }
    assert!(edges.len() > 10, "the import graph was not read: {edges:?}");
    // depth-first search for a back edge
    fn visit<'a>(
        n: &'a str,
        edges: &'a std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::BTreeSet<&'a str>,
    ) {
        if let Some(i) = path.iter().position(|p| *p == n) {
            panic!("an import circle: {}", path[i..].join(" → ") + " → " + n);
        }
        if !done.insert(n) {
            return;
        }
        path.push(n);
        for m in edges.get(n).into_iter().flatten() {
            visit(m, edges, path, done);
        }
        path.pop();
    }
    let mut done = Default::default();
    for n in edges.keys() {
        visit(n, &edges, &mut Vec::new(), &mut done);
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

/// The languages are listed once, in `locales/languages.txt` (build.rs generates `Lang` from
/// it): no code outside the generated catalogue names a language other than the reference
/// (`en`, which the build requires first) — neither its `Lang::` variant nor its code — and no
/// font family is written outside the catalogue (each language's `language.fonts`).
#[test]
fn languages_and_their_fonts_are_listed_only_in_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = std::fs::read_to_string(root.join("locales/languages.txt")).unwrap();
    let codes: Vec<&str> = listed.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    assert_eq!(codes.first(), Some(&"en"));
    let mut files = rust_files(&src(""));
    files.push(root.join("build.rs"));
    for f in &files {
        let text = code(f);
        for c in &codes[1..] {
            let variant: String = c[..1].to_ascii_uppercase() + &c[1..];
            for named in [format!("Lang::{variant}"), format!("\"{c}\""), format!("\"{c}-")] {
                assert!(!text.contains(&named), "{}: names the language {c} ({named}): read Lang::ALL instead", f.display());
            }
        }
    }
    files.extend([root.join("static/style.css"), root.join("index.html")]);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for family in ["Segoe", "PingFang", "Noto Sans", "YaHei", "Hiragino"] {
            assert!(!text.contains(family), "{}: the font {family} belongs to a language's catalogue (language.fonts)", f.display());
        }
    }
}

/// The code map of ARCHITECTURE.md: its rows (paths, with `{a,b}` groups expanded) and texts.
fn code_map() -> Vec<(Vec<String>, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let map = text.split("## Code map").nth(1).expect("ARCHITECTURE.md has a code map");
    let map = map.split("\n## ").next().unwrap();
    let mut rows = Vec::new();
    for line in map.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        let mut paths = Vec::new();
        for p in cells[0].trim_start_matches("| ").split(", ") {
            let p = p.trim_matches('`');
            match (p.find('{'), p.find('}')) {
                (Some(a), Some(b)) => {
                    for name in p[a + 1..b].split(',') {
                        paths.push(format!("{}{}{}", &p[..a], name, &p[b + 1..]));
                    }
                }
                _ => paths.push(p.to_string()),
            }
        }
        rows.push((paths, cells.get(1).unwrap_or(&"").to_string()));
    }
    rows
}

#[test]
fn the_code_map_names_files_that_exist_and_every_source_file_has_its_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rows = code_map();
    assert!(rows.len() > 10);
    for (paths, _) in &rows {
        for p in paths {
            assert!(root.join(p).exists(), "ARCHITECTURE.md names {p}, which does not exist");
        }
    }
    for f in rust_files(&src("")) {
        let rel = f.strip_prefix(root).unwrap().to_str().unwrap().to_string();
        if rel == "src/lib.rs" || rel == "src/main.rs" || rel.ends_with("/mod.rs") && !rel.starts_with("src/ui/session") {
            continue;
        }
        let (dir, name) = rel.rsplit_once('/').unwrap();
        let placed = rows.iter().any(|(paths, what)| {
            paths.iter().any(|p| *p == rel || (p.trim_end_matches('/') == dir && (what.contains(name) || dir == "src/model")))
        });
        assert!(placed, "{rel} has no place in the code map of ARCHITECTURE.md");
    }
}

/// A key written twice in a catalogue file would silently lose one of its texts (the JSON reader
/// keeps the last): it happened once, when a new "load_failed" shadowed the file loader's.
#[test]
fn no_catalogue_file_names_a_key_twice() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for line in text.lines() {
            let Some(rest) = line.trim_start().strip_prefix('"') else { continue };
            let Some((key, _)) = rest.split_once("\":") else { continue };
            assert!(seen.insert(key.to_string()), "{}: the key \"{key}\" is written twice", path.display());
        }
        assert!(seen.len() > 100, "{}: {} keys read", path.display(), seen.len());
    }
}

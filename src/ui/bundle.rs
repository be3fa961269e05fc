//! The run's data for readers in one zip file — the CSV of every hour (`run.csv`, as `standoff
//! run --csv` writes it), `metadata.json` (model version, the link that opens the run in the
//! app, the parameters changed, the reader's cuts, the digest, every parameter's source) and a
//! short `README.txt`. The same run always gives the same bytes (entries dated 1980-01-01, the
//! zip format's first day). Pure: `standoff run --bundle` writes it with DEFLATE (`flate2`,
//! natively); the page's "Download data" asks the workers' module, which stores the files as
//! they are (no compressor in the module).

use crate::model::params;
use crate::model::run::Run;
use crate::model::{clock, output, scenario};
use crate::present::i18n::{lookup, Lang};
use crate::ui::address::shortest;
use crate::ui::state::{AppState, LinkEvent, MODEL_VERSION};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The link that opens the run in the app at its end, or why there is none.
fn link(r: &Run) -> Result<String, String> {
    let s = &r.spec.scenario;
    let Ok(base) = scenario::builtin(&s.id) else {
        return Err(format!("'{}' is not a built-in scenario: the app opens built-in scenarios only", s.id));
    };
    if s.days != base.days || s.start != base.start {
        return Err(format!("the run lasts {} days, the scenario {}: a link cannot say so", s.days, base.days));
    }
    let params: BTreeMap<String, f64> = changed(r).into_iter().map(|(name, value, _)| (name, value)).collect();
    let events = r.spec.link_events().into_iter().map(|(link, at, up)| LinkEvent { link, at, up }).collect();
    let st = AppState {
        scenario: s.id.clone(),
        seed: (s.seed != base.seed).then_some(s.seed),
        params,
        events,
        t: r.end() - r.start(),
        ..AppState::default()
    };
    Ok(st.to_link())
}

/// The parameters whose values differ from the scenario as built in (or, for a scenario file,
/// from baseline-2017): name, value, default.
fn changed(r: &Run) -> Vec<(String, f64, f64)> {
    let base = scenario::builtin(&r.spec.scenario.id).or_else(|_| scenario::builtin("baseline-2017"));
    let Ok(base) = base else { return Vec::new() };
    let now = &r.spec.scenario.params.values;
    params::specs()
        .iter()
        .enumerate()
        .filter(|(i, _)| now[*i] != base.params.values[*i])
        .map(|(i, s)| (s.name.clone(), now[i], base.params.values[i]))
        .collect()
}

/// The metadata: what the run is, where its numbers come from and how to check it.
pub fn metadata(r: &Run, title: &str, command: &str) -> Value {
    let s = &r.spec.scenario;
    let (link, link_note) = match link(r) {
        Ok(l) => (Value::from(l), Value::Null),
        Err(why) => (Value::Null, Value::from(why)),
    };
    let sources: Vec<Value> = params::specs()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (source, confidence) = s.sources.get(i).cloned().unwrap_or_default();
            json!({ "parameter": p.name, "value": s.params.values[i], "unit": p.unit, "source": source, "confidence": confidence })
        })
        .collect();
    let changed: Vec<Value> =
        changed(r).into_iter().map(|(name, value, default)| json!({ "parameter": name, "value": value, "default": default })).collect();
    let events: Vec<Value> = r
        .spec
        .link_events()
        .into_iter()
        .map(|(l, at, up)| json!({ "link": l.id(), "at": clock::format_short(at), "action": if up { "restore" } else { "cut" } }))
        .collect();
    json!({
        "format": "parcel-standoff-bundle/1",
        "model_version": MODEL_VERSION,
        "command": command,
        "scenario": { "id": s.id, "title": title, "start": clock::format_short(s.start), "days": s.days, "seed": s.seed },
        "link": link,
        "link_note": link_note,
        "parameters_changed": changed,
        "cuts_and_restores": events,
        "digest": format!("{:016x}", r.digest()),
        "digest_of": "every column of every hour of the whole run and of its baseline (standoff verify LINK DIGEST recomputes it)",
        "rows": r.frames().len(),
        "times": "Beijing time (UTC+08:00)",
        "columns": "docs/model.md lists every column of run.csv; baseline.* columns are the same world with no cuts",
        "sources": sources,
    })
}

/// The README: what each file is, in a few lines.
fn readme(meta: &Value) -> String {
    let text = |k: &str| meta[k].as_str().unwrap_or("").to_string();
    let link = match meta["link"].as_str() {
        Some(l) => format!("Open it in the app: index.html#{l}\nCheck it: standoff verify 'index.html#{l}' {}\n", text("digest")),
        None => format!("No link opens this run in the app: {}.\n", meta["link_note"].as_str().unwrap_or("")),
    };
    format!(
        "Parcel Standoff — {title}\n\
         A simulated run of model version {v}, made with: {cmd}\n\n\
         run.csv        one row per simulated hour ({rows} rows); the time is Beijing time; each\n\
         \u{20}              column has a baseline.* twin: the same world with nothing cut.\n\
         \u{20}              Every column is described in docs/model.md of Parcel Standoff.\n\
         metadata.json  the scenario, the parameters changed, the cuts and restores, the digest\n\
         \u{20}              of the run, and the value, source and confidence of every parameter.\n\
         README.txt     this file.\n\n\
         Digest: {digest} (every number of the run and its baseline; the model is deterministic,\n\
         so the same set-up gives the same digest on any machine).\n\
         {link}",
        title = meta["scenario"]["title"].as_str().unwrap_or(""),
        v = text("model_version"),
        cmd = text("command"),
        rows = meta["rows"],
        digest = text("digest"),
        link = link,
    )
}

/// The bundle's bytes: a zip of `run.csv`, `metadata.json` and `README.txt`, each packed by
/// `pack` (`None`: stored as they are).
pub fn bundle(r: &Run, title: &str, command: &str, pack: Option<Pack>) -> Result<Vec<u8>, String> {
    let meta = metadata(r, title, command);
    let json = serde_json::to_string_pretty(&meta).map_err(|e| e.to_string())?;
    let csv = output::csv(r.frames(), &r.baseline);
    zip(&[("run.csv", csv.as_bytes()), ("metadata.json", json.as_bytes()), ("README.txt", readme(&meta).as_bytes())], pack)
}

/// A raw DEFLATE compressor (the command line's, from `flate2`).
pub type Pack = fn(&[u8]) -> Result<Vec<u8>, String>;

/// The CRC-32 of the zip format (IEEE, reflected), computed bit by bit: no table to ship.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for b in data {
        c ^= *b as u32;
        for _ in 0..8 {
            c = (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg());
        }
    }
    !c
}

/// A zip file of `files` (name, bytes), each compressed with DEFLATE by `pack`, or stored.
pub fn zip(files: &[(&str, &[u8])], pack: Option<Pack>) -> Result<Vec<u8>, String> {
    // 1980-01-01 00:00 in MS-DOS form: the same input gives the same bytes
    const TIME: u16 = 0;
    const DATE: u16 = (1 << 5) | 1;
    let too_big = || "the bundle would be larger than 4 GB, beyond what a plain zip holds".to_string();
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    for (name, data) in files {
        let packed = match pack {
            Some(f) => f(data)?,
            None => data.to_vec(),
        };
        let method: u16 = if pack.is_some() { 8 } else { 0 };
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let csize = u32::try_from(packed.len()).map_err(|_| too_big())?;
        let n = u16::try_from(name.len()).map_err(|_| "a file name is too long".to_string())?;
        // what the local header and the central directory both say of the entry: version
        // needed (2.0), flags (names in UTF-8), method (8: DEFLATE, 0: stored), time, date, CRC,
        // sizes, name
        let mut common = Vec::new();
        for v in [20u16, 0x0800, method, TIME, DATE] {
            common.extend(v.to_le_bytes());
        }
        for v in [crc32(data), csize, size] {
            common.extend(v.to_le_bytes());
        }
        common.extend(n.to_le_bytes());
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(&common);
        out.extend(0u16.to_le_bytes()); // no extra field
        out.extend(name.as_bytes());
        out.extend(&packed);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // made by: version 2.0
        central.extend(&common);
        for v in [0u16, 0, 0, 0] {
            central.extend(v.to_le_bytes()); // extra, comment, disk, internal attributes
        }
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let at = u32::try_from(out.len()).map_err(|_| too_big())?;
    let len = u32::try_from(central.len()).map_err(|_| too_big())?;
    let count = u16::try_from(files.len()).map_err(|_| too_big())?;
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend(v.to_le_bytes());
    }
    out.extend(len.to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // no comment
    Ok(out)
}

/// The command that writes the same bundle (`standoff run … --bundle FILE`): what the page's
/// bundle says it was made with, and what a reader runs to check it.
pub fn command(st: &AppState, file: &str) -> String {
    let mut c = format!("standoff run --scenario {}", st.scenario);
    if let Some(seed) = st.seed {
        c += &format!(" --seed {seed}");
    }
    for (name, v) in &st.params {
        c += &format!(" --set {name}={}", shortest(*v));
    }
    for e in &st.events {
        c += &format!(" --{} {}@{}", if e.up { "restore" } else { "cut" }, e.link.id(), clock::format_short(e.at));
    }
    format!("{c} --bundle {file}")
}

/// The page's "Download data" (the workers' module answers it): the bundle of the whole run of
/// the state `link` (a fragment) names, stored; or why there is none.
pub fn for_page(link: &str) -> Result<Vec<u8>, String> {
    let (st, _) = crate::ui::cite::read(link)?;
    let (spec, _) = st.build_spec();
    let r = Run::complete(spec);
    let title = lookup(Lang::En, &format!("scenario.{}.title", st.scenario)).unwrap_or(&st.scenario);
    bundle(&r, title, &command(&st, &format!("parcel-standoff-{}-data.zip", st.scenario)), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_the_zip_formats() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn a_stored_zip_holds_its_files_as_they_are_and_names_the_method() {
        let z = zip(&[("a.txt", b"hello"), ("b.txt", "你好".as_bytes())], None).unwrap();
        // local header: method 0 (stored), sizes equal
        assert_eq!(&z[0..4], &[0x50, 0x4b, 0x03, 0x04]);
        assert_eq!(u16::from_le_bytes([z[8], z[9]]), 0);
        assert_eq!(&z[30..35], b"a.txt");
        assert_eq!(&z[35..40], b"hello");
        assert_eq!(u32::from_le_bytes([z[14], z[15], z[16], z[17]]), crc32(b"hello"));
        assert_eq!(zip(&[("a.txt", b"hello"), ("b.txt", "你好".as_bytes())], None).unwrap(), z, "the same bytes every time");
    }
}

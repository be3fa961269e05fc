//! `standoff render LINK --png PATH [--width W --height H] [--font FILE]`: the still picture of
//! the state a link opens — what an embed of it shows, per its `view`, at its time, in its
//! language (`draw::picture`) — as a PNG file. The build makes one for each built-in scenario's
//! default view (`make pictures`); an embed shows it when WebAssembly cannot start.

use super::{shown, Args, Cmd, Error};
use crate::draw::picture::{self, Font, Frame, FONT_FILES};
use crate::present::i18n;
use crate::ui::address::PageOptions;
use crate::ui::cite;
use crate::ui::session::Session;
use crate::ui::views::View;
use std::io::Write;
use std::path::Path;

/// The default picture: an embed's usual frame.
pub const DEFAULT_SIZE: (u32, u32) = (720, 560);

/// The PNG of the state `link` opens, `width` × `height` pixels, with `font` (else the first
/// installed font that can write the link's language).
/// A link that names no time (`t`) is drawn at the end of its run, as `cite` reads it.
pub fn png(link: &str, width: u32, height: u32, font: Option<&Path>) -> Result<Vec<u8>, String> {
    let (mut st, timed) = cite::read(link)?;
    if !timed {
        let (spec, _) = st.build_spec();
        st.t = spec.end() - spec.scenario.start;
    }
    let lang = st.lang;
    // a still picture has no reader's system to follow: light unless the link says dark
    let dark = st.theme == crate::present::palette::Theme::Dark;
    let font = match font {
        Some(p) => Font::load(p)?.check(lang, p)?,
        None => Font::for_lang(lang, &FONT_FILES)?,
    };
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    let last_cut = st.events.last().map(|e| e.link);
    let s = Session::new(st, Vec::new(), &PageOptions::parse("", fragment), true);
    let frame = Frame {
        title: i18n::scenario_title(lang, &s.run().spec.scenario.id),
        view: s.view(),
        lang,
        focus: View::focus_chart(last_cut),
        dark,
    };
    Ok(picture::render(s.player(), &frame, width, height, &font)?.png())
}

fn side(o: &str, v: &str) -> Result<u32, Error> {
    let range = picture::MIN_SIDE..=picture::MAX_SIDE;
    match v.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(format!("{o} must be a whole number of pixels from {} to {}, not '{}'", range.start(), range.end(), shown(v)).into()),
    }
}

/// The picture of each built-in scenario's default view in each language, at the end of its run:
/// `DIR/ID.CODE.png` (what an embed shows when WebAssembly cannot start and its author gave no
/// picture). Returns the files written.
pub fn builtin(dir: &Path, font: Option<&Path>) -> Result<Vec<std::path::PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {}", dir.display(), e))?;
    let mut written = Vec::new();
    for id in crate::model::scenario::builtin_ids() {
        for lang in crate::present::i18n::Lang::ALL {
            let bytes = png(&format!("scenario={id}&lang={}", lang.code()), DEFAULT_SIZE.0, DEFAULT_SIZE.1, font)?;
            let path = dir.join(format!("{id}.{}.png", lang.code()));
            std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {}", path.display(), e))?;
            written.push(path);
        }
    }
    Ok(written)
}

pub(super) fn render(args: &[String]) -> Result<(), Error> {
    let (mut link, mut path, mut font, mut all) = (None, None, None, None);
    let (mut w, mut h) = DEFAULT_SIZE;
    let mut p = Args::new(Cmd::Render, args);
    while let Some(arg) = p.next()? {
        match arg {
            super::Arg::Word(word) if link.is_none() => link = Some(word),
            super::Arg::Opt(o) if o == "--png" => path = Some(p.value(&o)?),
            super::Arg::Opt(o) if o == "--width" => w = side(&o, &p.value(&o)?)?,
            super::Arg::Opt(o) if o == "--height" => h = side(&o, &p.value(&o)?)?,
            super::Arg::Opt(o) if o == "--font" => font = Some(p.value(&o)?),
            super::Arg::Opt(o) if o == "--builtin" => all = Some(p.value(&o)?),
            other => return Err(p.unknown(other)),
        }
    }
    if let Some(dir) = all {
        let started = std::time::Instant::now();
        let files = builtin(Path::new(&dir), font.as_deref().map(Path::new)).map_err(Error::Output)?;
        let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
        note!("wrote {} pictures into {} ({} bytes) in {:.1} s", files.len(), shown(&dir), bytes, started.elapsed().as_secs_f64());
        return Ok(());
    }
    let link = link.ok_or("render needs a LINK (an address the app wrote, e.g. from Copy link)")?;
    let path = path.ok_or("render needs --png PATH, the file to write")?;
    let bytes = png(&link, w, h, font.as_deref().map(Path::new)).map_err(|m| match m.contains("font") {
        // a missing font is the machine's, not the command's fault
        true => Error::Output(m),
        false => Error::Usage(m),
    })?;
    let written = if path == "-" { std::io::stdout().write_all(&bytes) } else { std::fs::write(&path, &bytes) };
    written.map_err(|e| Error::Output(format!("cannot write {}: {}", shown(&path), e)))?;
    note!("wrote {} ({} × {} pixels, {} bytes)", if path == "-" { "the PNG" } else { &path }, w, h, bytes.len());
    Ok(())
}

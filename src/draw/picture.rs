//! The still picture of a state (`standoff render`): what an embed of it shows — the network,
//! the chart, or both, per the link's `view` — at the link's time, in its language, with the
//! page's colours (`present::palette`, the light theme's unless the link says `theme=dark`) and
//! layout (`present::layout`). The chart is drawn by `draw::chart` and the network by
//! `draw::network`, the page's own drawing code, here on plotters' bitmap.
//!
//! Text needs a font file with a glyph for every character of the language: the first installed
//! file of `FONT_FILES` that has them (DejaVu Sans for Latin, WenQuanYi Micro Hei for Chinese), or
//! the file given.

use crate::draw::chart::{draw_on, fit_text, run_lines, ChartSpec, Surface};
use crate::draw::network::{Align, At, Options, Painter};
use crate::model::clock;
use crate::model::ids::{Courier, Platform};
use crate::present::charts::def_in;
use crate::present::i18n::{self, t, Key, Lang};
use crate::present::layout::{Layout, Rect};
use crate::present::palette::{self, Palette, Rgb};
use crate::ui::playback::Player;
use crate::ui::views::View;
use plotters::backend::BitMapBackend;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::{Path, PathBuf};

/// Font files tried in turn (Debian's packages fonts-dejavu-core and fonts-wqy-microhei).
pub const FONT_FILES: [&str; 4] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

/// The smallest and largest picture, in pixels a side.
pub const MIN_SIDE: u32 = 200;
pub const MAX_SIDE: u32 = 4000;

/// An RGB picture, three bytes a pixel, row by row.
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

impl Picture {
    pub fn png(&self) -> Vec<u8> {
        super::png::encode(self.width, self.height, &self.rgb)
    }
}

/// A font file read and registered with plotters under its path (once per file and process).
#[derive(Clone, Debug)]
pub struct Font {
    family: &'static str,
    data: &'static [u8],
}

impl Font {
    /// The font in `path` (a .ttf, .otf, or the first face of a .ttc).
    pub fn load(path: &Path) -> Result<Font, String> {
        static LOADED: std::sync::Mutex<Vec<(PathBuf, Font)>> = std::sync::Mutex::new(Vec::new());
        let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, f)) = loaded.iter().find(|(p, _)| p == path) {
            return Ok(f.clone());
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read the font {}: {}", path.display(), e))?;
        if ab_glyph::FontRef::try_from_slice(&bytes).is_err() {
            return Err(format!("{} is not a font file (TrueType, OpenType or a collection)", path.display()));
        }
        // kept for the whole process: plotters' font table holds fonts as static data
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let family: &'static str = Box::leak(path.display().to_string().into_boxed_str());
        plotters::style::register_font(family, FontStyle::Normal, data)
            .map_err(|_| format!("{} is not a font file (TrueType, OpenType or a collection)", path.display()))?;
        let f = Font { family, data };
        loaded.push((path.to_path_buf(), f.clone()));
        Ok(f)
    }

    /// The characters of `text` this font has no glyph for.
    pub fn missing(&self, text: &str) -> Vec<char> {
        use ab_glyph::Font as _;
        let Ok(f) = ab_glyph::FontRef::try_from_slice(self.data) else { return text.chars().collect() };
        let mut v: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && f.glyph_id(*c).0 == 0).collect();
        v.dedup();
        v
    }

    /// The first of `files` that exists and can write every word of `lang` the picture may show.
    pub fn for_lang(lang: Lang, files: &[&str]) -> Result<Font, String> {
        let sample = sample(lang);
        for f in files.iter().map(Path::new).filter(|p| p.exists()) {
            if let Ok(font) = Font::load(f) {
                if font.missing(&sample).is_empty() {
                    return Ok(font);
                }
            }
        }
        Err(format!(
            "no installed font can write {} ({}): install Debian's fonts-wqy-microhei (and fonts-dejavu-core), or give one with --font FILE",
            lang.name(),
            lang.code()
        ))
    }

    /// This font, refused with a message if it cannot write every word of `lang`.
    pub fn check(self, lang: Lang, path: &Path) -> Result<Font, String> {
        let missing = self.missing(&sample(lang));
        if missing.is_empty() {
            return Ok(self);
        }
        let some: String = missing.iter().take(8).collect();
        Err(format!("the font {} has no glyph for {} characters of {} ({})", path.display(), missing.len(), lang.name(), some))
    }
}

/// Words a picture in `lang` writes: the couriers, platforms and the network's labels, the
/// language's name and the chart's axis names.
fn sample(lang: Lang) -> String {
    let mut s = String::from(lang.name());
    for k in [Key::CAINIAO, Key::BUYERS, Key::HIVEBOX, Key::CLOCK, Key::BASELINE] {
        s.push_str(t(lang, k));
    }
    for c in Courier::ALL {
        s.push_str(i18n::courier_short(lang, c));
    }
    for p in Platform::ALL {
        s.push_str(i18n::platform_name(lang, p));
    }
    s
}

/// What a picture shows besides its state: the scenario's title is its first line.
pub struct Frame<'a> {
    pub title: &'a str,
    pub view: View,
    pub lang: Lang,
    /// The chart shown beside the network in the explorer's picture.
    pub focus: crate::ui::views::ChartKind,
    /// In the dark theme's colours (else the light one's).
    pub dark: bool,
}

/// Draw the picture of `player`'s state, `width` × `height` pixels.
pub fn render(player: &Player, frame: &Frame, width: u32, height: u32, font: &Font) -> Result<Picture, String> {
    if !(MIN_SIDE..=MAX_SIDE).contains(&width) || !(MIN_SIDE..=MAX_SIDE).contains(&height) {
        return Err(format!("a picture is {MIN_SIDE} to {MAX_SIDE} pixels a side, not {width} × {height}"));
    }
    let mut rgb = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        compose(&root, player, frame, font).ok_or("the picture could not be drawn")?;
        root.present().map_err(|e| format!("the picture could not be drawn: {e}"))?;
    }
    Ok(Picture { width, height, rgb })
}

fn compose<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Player, fr: &Frame, font: &Font) -> Option<()> {
    let pal = palette::of(fr.dark);
    root.fill(&rgb(pal.paper)).ok()?;
    let (w, h) = root.dim_in_pixel();
    // type grows with a large picture, as on a projector
    let z = (w as f64 / 1000.0).max(1.0);
    let lang = fr.lang;
    let f = e.current();
    let when = clock::format_short(f.t + 1).replace('T', " ");
    let charts = match fr.view {
        View::Explorer => vec![fr.focus],
        v => v.charts(),
    };
    let chart = charts.first().map(|k| def_in(*k, lang));
    let head_h = (30.0 * z) as u32;
    let body_h = h.saturating_sub(head_h);
    // the network beside a chart only when its labels can be read there (a small picture shows
    // the chart alone: at 400 × 300 the network's boxes would be 20 pixels wide under 11-pixel type)
    let with_net = fr.view.shows_network() && (chart.is_none() || network_fits(w as f64, body_h as f64 * NET_SHARE, z));
    let heading = match (&chart, with_net) {
        (Some(c), false) => format!("{} — {}", t(lang, c.title), when),
        _ => format!("{} — {}", fr.title, when),
    };
    let mut bitmap = Bitmap { area: root, family: font.family };
    let heading = fit_text(&mut bitmap, &heading, 16.0 * z, w as f64 - 20.0);
    bitmap.text(&heading, (10.0 * z, head_h as f64 / 2.0), 16.0 * z, palette::rgb(pal.ink), (0.0, 0.5), false);
    let (_, body) = root.split_vertically(head_h);
    let (net, rest) = match (with_net, &chart) {
        (true, Some(_)) => {
            let (a, b) = body.split_vertically((body_h as f64 * NET_SHARE) as u32);
            (Some(a), Some(b))
        }
        (true, None) => (Some(body), None),
        (false, _) => (None, Some(body)),
    };
    if let Some(area) = net {
        network(&area, pal, e, lang, font, z);
    }
    if let (Some(area), Some(def)) = (rest, chart) {
        let area = if with_net {
            // the chart's own title over it, as on the page
            let cap_h = (24.0 * z) as u32;
            let style = (font.family, 14.0 * z).into_font().color(&rgb(pal.ink)).pos(Pos::new(HPos::Left, VPos::Center));
            area.draw(&Text::new(t(lang, def.title).to_string(), ((10.0 * z) as i32, cap_h as i32 / 2), style)).ok()?;
            area.split_vertically(cap_h).1
        } else {
            area
        };
        let run = e.run();
        let (aw, _) = area.dim_in_pixel();
        let (lines, x_ticks) = run_lines(&def, run.frames(), &run.baseline, run.start(), lang, aw as f64 / z, 1.0);
        let spec = ChartSpec {
            y_label: t(lang, def.y),
            x_label: t(lang, Key::CLOCK),
            x_max: run.baseline.len() as f64,
            now: run.frames().len() as f64,
            hover: None,
            x_ticks,
            x_from: None,
            lines,
            bands: Vec::new(),
            scale: z,
            size: 1.0,
            marks: Vec::new(),
            font: font.family,
            dark: fr.dark,
        };
        draw_on(&mut Bitmap { area: &area, family: font.family }, &spec)?;
    }
    Some(())
}

/// A palette's `#rrggbb` as plotters' colour.
fn rgb(hex: &str) -> RGBColor {
    let (r, g, b) = palette::rgb(hex);
    RGBColor(r, g, b)
}

/// A chart's surface on plotters' drawing area (`draw::chart`), in the area's pixels.
struct Bitmap<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    family: &'static str,
}

fn pixel((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn colour((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// Filled at opacity `alpha`, or outlined `line` wide.
fn style(color: Rgb, alpha: f64, line: Option<f64>) -> ShapeStyle {
    let c = colour(color).mix(alpha);
    line.map_or(c.filled(), |w| c.stroke_width(width(w)))
}

/// A line width in whole pixels (at least one).
fn width(w: f64) -> u32 {
    w.round().max(1.0) as u32
}

impl<DB: DrawingBackend> Surface for Bitmap<'_, DB> {
    fn size(&self) -> (f64, f64) {
        let (w, h) = self.area.dim_in_pixel();
        (w as f64, h as f64)
    }
    fn rect(&mut self, r: [f64; 4], color: Rgb, alpha: f64, line: Option<f64>) {
        let _ = self.area.draw(&Rectangle::new([pixel((r[0], r[1])), pixel((r[2], r[3]))], style(color, alpha, line)));
    }
    fn path(&mut self, points: &[(f64, f64)], color: Rgb, w: f64, dash: Option<(f64, f64)>) {
        let points: Vec<(i32, i32)> = points.iter().map(|p| pixel(*p)).collect();
        let style = colour(color).stroke_width(width(w));
        let _ = match dash {
            None => self.area.draw(&PathElement::new(points, style)),
            Some((on, off)) => self.area.draw(&DashedPathElement::new(points, width(on), width(off), style)),
        };
    }
    fn polygon(&mut self, points: &[(f64, f64)], color: Rgb, alpha: f64) {
        let points: Vec<(i32, i32)> = points.iter().map(|p| pixel(*p)).collect();
        let _ = self.area.draw(&Polygon::new(points, colour(color).mix(alpha).filled()));
    }
    fn circle(&mut self, at: (f64, f64), radius: f64, color: Rgb, line: Option<f64>) {
        let _ = self.area.draw(&Circle::new(pixel(at), radius.round() as i32, style(color, 1.0, line)));
    }
    fn text(&mut self, s: &str, at: (f64, f64), px: f64, color: Rgb, anchor: (f64, f64), up: bool) {
        // an anchor's share: the start, the middle or the end
        let side = |a: f64| (a >= 0.25) as usize + (a > 0.75) as usize;
        let (h, v) = ([HPos::Left, HPos::Center, HPos::Right][side(anchor.0)], [VPos::Top, VPos::Center, VPos::Bottom][side(anchor.1)]);
        let font = (self.family, px).into_font();
        let font = if up { font.transform(FontTransform::Rotate270) } else { font };
        let _ = self.area.draw(&Text::new(s.to_string(), pixel(at), font.color(&colour(color)).pos(Pos::new(h, v))));
    }
    fn measure(&mut self, s: &str, px: f64) -> (f64, f64) {
        let style = TextStyle::from((self.family, px).into_font());
        self.area.estimate_text_size(s, &style).map_or((0.0, px * 1.2), |(w, h)| (w as f64, h as f64))
    }
}

/// Pixels of a network drawn in layout units: the layout's `(x, y)` at `k` pixels a unit from `o`.
struct Pen<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    o: (f64, f64),
    k: f64,
    family: &'static str,
    /// The smallest type, in layout units.
    min_text: f64,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    fn p(&self, a: At) -> (i32, i32) {
        ((self.o.0 + a.0 * self.k).round() as i32, (self.o.1 + a.1 * self.k).round() as i32)
    }
    fn w(&self, w: f64) -> u32 {
        (w * self.k).round().max(1.0) as u32
    }
    fn corners(&self, r: &Rect) -> [(i32, i32); 2] {
        [self.p((r.x, r.y)), self.p((r.x + r.w, r.y + r.h))]
    }
}

impl<DB: DrawingBackend> Painter for Pen<'_, DB> {
    fn faint_line(&mut self, a: At, b: At, color: &str, width: f64, alpha: f64) {
        let _ = self.area.draw(&PathElement::new(vec![self.p(a), self.p(b)], rgb(color).mix(alpha).stroke_width(self.w(width))));
    }
    fn dashed(&mut self, a: At, b: At, color: &str, width: f64, on: f64, off: f64) {
        let style = rgb(color).stroke_width(self.w(width));
        let _ = self.area.draw(&DashedPathElement::new(vec![self.p(a), self.p(b)], self.w(on), self.w(off), style));
    }
    fn fill(&mut self, r: &Rect, color: &str, alpha: f64) {
        let _ = self.area.draw(&Rectangle::new(self.corners(r), rgb(color).mix(alpha).filled()));
    }
    fn outline(&mut self, r: &Rect, color: &str, width: f64) {
        let _ = self.area.draw(&Rectangle::new(self.corners(r), rgb(color).stroke_width(self.w(width))));
    }
    fn disc(&mut self, c: At, radius: f64, color: &str) {
        let _ = self.area.draw(&Circle::new(self.p(c), (radius * self.k) as i32, rgb(color).filled()));
    }
    /// Never under the smallest type; a size smaller, step by step, until it fits `max_w`.
    fn text(&mut self, s: &str, at: At, size: f64, color: &str, align: Align, max_w: Option<f64>) {
        let mut size = size.max(self.min_text).ceil();
        let h = if align == Align::Left { HPos::Left } else { HPos::Center };
        let style = |size: f64| (self.family, size * self.k).into_font().color(&rgb(color)).pos(Pos::new(h, VPos::Center));
        if let Some(m) = max_w {
            while size > self.min_text && self.area.estimate_text_size(s, &style(size)).map_or(0.0, |d| d.0 as f64) > m * self.k {
                size -= 0.5;
            }
        }
        let _ = self.area.draw(&Text::new(s.to_string(), self.p(at), style(size)));
    }
    fn squares(&mut self, color: &str, filled: &[At], hollow: &[At]) {
        for &(x, y) in filled {
            self.fill(&Rect { x: x - 2.2, y: y - 2.2, w: 4.4, h: 4.4 }, color, 1.0);
        }
        for &(x, y) in hollow {
            self.outline(&Rect { x: x - 3.0, y: y - 3.0, w: 6.0, h: 6.0 }, color, 1.4);
        }
    }
}

/// The share of the picture's height the network takes above a chart.
const NET_SHARE: f64 = 0.58;

/// The narrowest network drawn beside a chart, in CSS pixels (`z` pixels each): about a phone's.
pub const MIN_NETWORK_CSS: f64 = 240.0;

/// The layout a network is drawn with in `aw` × `ah` pixels (the landscape picture when it is
/// drawn 480 pixels wide or more, as the page chooses), and its pixels per layout unit.
fn fitted(aw: f64, ah: f64) -> (Layout, f64) {
    let land = Layout::landscape();
    let lay = if aw.min(ah * land.w / land.h) >= 480.0 { land } else { Layout::portrait() };
    let k = (aw / lay.w).min(ah / lay.h);
    (lay, k)
}

/// Whether a network drawn in `aw` × `ah` pixels is at least `MIN_NETWORK_CSS` wide.
pub fn network_fits(aw: f64, ah: f64, z: f64) -> bool {
    let (lay, k) = fitted(aw, ah);
    lay.w * k / z >= MIN_NETWORK_CSS
}

/// The network at the player's hour, fitted to `area`, centred.
fn network<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, pal: &'static Palette, e: &Player, lang: Lang, font: &Font, z: f64) {
    let (aw, ah) = area.dim_in_pixel();
    let (aw, ah) = (aw as f64, ah as f64);
    let (lay, k) = fitted(aw, ah);
    let css_w = lay.w * k / z;
    let lay = lay.with_min_css_font(css_w, 11.0);
    let mut pen = Pen { area, o: ((aw - lay.w * k) / 2.0, (ah - lay.h * k) / 2.0), k, family: font.family, min_text: 11.0 * z / k };
    crate::draw::network::draw(&mut pen, &lay, e, lang, pal, &Options { focused: None, density: 1.0 });
}

/// `text` written in black at `size` pixels on a white strip: what a font makes of it (a test
/// tells a glyph from a missing-glyph box with it).
pub fn text_pixels(font: &Font, text: &str, size: f64) -> Vec<u8> {
    let (w, h) = ((size * 1.2 * text.chars().count() as f64) as u32 + 8, (size * 1.6) as u32);
    let mut rgb = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        let style = (font.family, size).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
        let _ = root.draw(&Text::new(text.to_string(), (4, h as i32 / 2), style));
        let _ = root.present();
    }
    rgb
}

//! Line charts drawn on any `Surface`: a canvas in the page (`view/plot.rs`), a bitmap natively
//! (`standoff render`, `draw/picture.rs`) — one drawing for both. They read
//! only the model's recorded series: the live run as solid lines and the baseline (no cuts) as a
//! dashed line, in the colours of the light or the dark theme (`present::palette`).

use crate::model::clock::{self, Hour};
use crate::model::output::Frame;
use crate::present::charts::ChartDef;
use crate::present::i18n::{t, Key, Lang};
use crate::present::numbers::format_axis;
use crate::present::palette;
use crate::present::palette::Rgb;

pub struct Line {
    pub label: String,
    pub color: Rgb,
    /// The baseline ghost: drawn dashed and thinner.
    pub ghost: bool,
    pub points: Vec<(f64, f64)>,
}

/// A shaded band: per x, the low and high ends (10 % and 90 % of an ensemble).
pub struct Band {
    pub color: Rgb,
    /// The baseline's band: lighter.
    pub ghost: bool,
    pub points: Vec<(f64, f64, f64)>,
}

pub struct ChartSpec<'a> {
    pub y_label: &'a str,
    pub x_label: &'a str,
    /// Hours from the start of the run.
    pub x_max: f64,
    /// x of the vertical "now" marker (none if not finite).
    pub now: f64,
    /// x of the pointer's time, if the pointer is over the chart.
    pub hover: Option<f64>,
    /// Labels for the x axis: (hours from start, text).
    pub x_ticks: Vec<(f64, String)>,
    /// An x axis of numbers (a sweep) from this value to `x_from + x_max`, the lines' x in the
    /// same numbers: round labels (`round_ticks`, as many as `x_ticks` holds) where they fall.
    pub x_from: Option<f64>,
    pub lines: Vec<Line>,
    /// Uncertainty bands, drawn under the lines.
    pub bands: Vec<Band>,
    /// Device pixels per CSS pixel of the canvas (type and lines scale with it).
    pub scale: f64,
    /// Type and line size: 1 on a screen, more in presenter mode (1.5 on a 1920-px projector: no
    /// text under 18 CSS px, thicker lines).
    pub size: f64,
    /// Points marked with their value (the story's answer at Reveal).
    pub marks: Vec<Mark>,
    /// The font family of every text (the page's canvas resolves a stack; a bitmap, a font
    /// registered under this name).
    pub font: &'a str,
    /// Drawn in the dark theme's colours (lines given in the light palette's are turned).
    pub dark: bool,
}

/// A marked point: a dot on a line at `x`, and its value written beside it.
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub color: Rgb,
    /// The no-cuts line's point: a hollow dot.
    pub ghost: bool,
    /// The value written under the dot (else above it).
    pub below: bool,
    pub text: String,
}

/// The plot area's right margin in CSS pixels.
pub const PLOT_RIGHT: f64 = 8.0;
/// The height under the plot for the time labels and the axis title (CSS pixels, before the
/// projector's scale): 38 leaves a gap between the two lines (34 made them touch).
const X_AREA: f64 = 38.0;

/// The plot area's left margin in CSS pixels (margin + y labels) at a type size (the y labels
/// widen with their type).
pub fn plot_left(size: f64) -> f64 {
    8.0 + 62.0 * size
}

/// The smallest type a chart draws, in CSS pixels, at a type size (its line labels).
pub fn min_text_px(size: f64) -> f64 {
    12.0 * size
}

/// What was drawn: the y range, and the end labels' boxes in CSS pixels.
pub struct Drawn {
    pub y: (f64, f64),
    pub labels: Vec<crate::present::chart_labels::Placed>,
}

/// What a chart is drawn on, in its own pixels (origin at its top left corner): the page's
/// canvas (`view::plot`) or, natively, a picture's bitmap (`draw::picture`).
pub trait Surface {
    /// Its width and height.
    fn size(&self) -> (f64, f64);
    /// A rectangle (left, top, right, bottom): filled at opacity `alpha`, or outlined `line` wide.
    fn rect(&mut self, r: [f64; 4], color: Rgb, alpha: f64, line: Option<f64>);
    /// A line through `points`; dashed (`on` drawn, `off` left, in turn) when asked.
    fn path(&mut self, points: &[(f64, f64)], color: Rgb, width: f64, dash: Option<(f64, f64)>);
    /// A filled polygon at opacity `alpha`.
    fn polygon(&mut self, points: &[(f64, f64)], color: Rgb, alpha: f64);
    /// A disc, or a circle outlined `line` wide.
    fn circle(&mut self, at: (f64, f64), radius: f64, color: Rgb, line: Option<f64>);
    /// A text in type `px` high, placed by `anchor` (the shares of its width and of its line's
    /// height that lie before `at`: (0, 0) its top left corner, (1, 0.5) the middle of its end);
    /// `up`: turned a quarter to the left (read from the bottom up), anchored as it reads.
    fn text(&mut self, s: &str, at: (f64, f64), px: f64, color: Rgb, anchor: (f64, f64), up: bool);
    /// A text's width, and the height of its type's line.
    fn measure(&mut self, s: &str, px: f64) -> (f64, f64);
}

/// Round numbers from `lo` to `hi`, at most `n` of them: the multiples of the smallest step of
/// 1, 2 or 5 times a power of ten that gives no more (the labels of a numeric axis).
pub fn round_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(span > 0.0 && span.is_finite()) || n == 0 {
        return Vec::new();
    }
    let raw = span / n as f64;
    // `unit`: the power of ten at or under `raw` (written as ten to the `e`)
    let mut e = 0i32;
    while 10f64.powi(e) > raw && e > -300 {
        e -= 1;
    }
    while 10f64.powi(e + 1) <= raw && e < 300 {
        e += 1;
    }
    // a tick's value, its multiple of the step written as an integer and a power of ten (no
    // 0.30000000000000004)
    let value = |i: f64, m: f64, e: i32| if e < 0 { i * m / 10f64.powi(-e) } else { i * m * 10f64.powi(e) };
    for (m, e) in [(1.0, e), (2.0, e), (5.0, e), (1.0, e + 1), (2.0, e + 1)] {
        let step = value(1.0, m, e);
        let (first, last) = ((lo / step).ceil(), (hi / step).floor());
        if last - first + 1.0 <= n as f64 {
            return (0..=(last - first).max(-1.0) as i64).map(|j| value(first + j as f64, m, e)).collect();
        }
    }
    Vec::new()
}

/// Draw a line chart on `s`. `None` if it could not be drawn.
pub fn draw_on(s: &mut impl Surface, spec: &ChartSpec) -> Option<Drawn> {
    let pal = palette::of(spec.dark);
    let colour = palette::rgb;
    let line_colour = |c: Rgb| pal.line(c);
    let paper = colour(pal.paper);
    let (w, h) = s.size();
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    s.rect([0.0, 0.0, w, h], paper, 1.0, None);
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for l in &spec.lines {
        for (_, y) in &l.points {
            if y.is_finite() {
                lo = lo.min(*y);
                hi = hi.max(*y);
            }
        }
    }
    for b in &spec.bands {
        for (_, a, z) in &b.points {
            if a.is_finite() && z.is_finite() {
                lo = lo.min(*a);
                hi = hi.max(*z);
            }
        }
    }
    if lo > hi {
        lo = 0.0;
        hi = 1.0;
    }
    if lo >= 0.0 && lo < 0.35 * hi {
        lo = 0.0;
    }
    if hi - lo < 1e-6 {
        // a flat series (e.g. no difference from the baseline yet): show a small band around it
        lo -= 0.5;
        hi += 0.5;
    }
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.01).max(1e-9);
    let (y0, y1) = (if lo == 0.0 { 0.0 } else { lo - pad }, hi + pad);
    let (y0, y1) = if y1 - y0 < 1e-6 { (y0 - 0.5, y1 + 0.5) } else { (y0, y1) };
    let k = spec.scale.max(1.0);
    let z = spec.size.max(1.0);
    // on a projector the axes are darker as well as larger
    let ink = match (z > 1.0, spec.dark) {
        (true, false) => (0, 0, 0),
        (true, true) => (255, 255, 255),
        _ => colour(pal.ink),
    };
    let type_px = 13.0 * z * k;
    let x0 = spec.x_from.unwrap_or(0.0);
    let x1 = x0 + if spec.x_from.is_some() { spec.x_max.max(1e-9) } else { spec.x_max.max(1.0) };
    // the plot area: a margin of 8 CSS pixels, the y labels on the left, the x labels and the
    // axis's title under it
    let (left, right, top, bottom) = (plot_left(z) * k, w - PLOT_RIGHT * k, 8.0 * k, h - (8.0 + X_AREA * z) * k);
    if right - left < 1.0 || bottom - top < 1.0 {
        return None;
    }
    let at = |x: f64, y: f64| (left + (x - x0) / (x1 - x0) * (right - left), bottom - (y - y0) / (y1 - y0) * (bottom - top));
    // as many y labels as fit the height (about 26 CSS pixels each): a short phone chart gets
    // fewer, never a pile of overlapping numbers
    let plot_h = h / k - 2.0 * 8.0 - X_AREA * z;
    let y_labels = ((plot_h / (26.0 * z)).floor() as usize).clamp(3, 10);
    let y_ticks = round_ticks(y0, y1, y_labels);
    // a sweep's axis in round numbers (as many as `x_ticks` holds); a run's at its days
    let x_ticks: Vec<(f64, String)> = match spec.x_from {
        Some(_) => round_ticks(x0, x1, spec.x_ticks.len().max(2)).into_iter().map(|x| (x, tidy(x))).collect(),
        None => spec.x_ticks.iter().filter(|t| t.0 >= x0 && t.0 <= x1).cloned().collect(),
    };
    // the labelled grid lines, the axes, their ticks and labels
    let (grid, axis, one) = (colour(pal.grid_bold), colour(pal.muted), k.round().max(1.0));
    let crisp = |v: f64| v.round() + 0.5 * (one % 2.0);
    for y in &y_ticks {
        let py = crisp(at(x0, *y).1);
        s.path(&[(left, py), (right, py)], grid, one, None);
        s.path(&[(left - 5.0 * k, py), (left, py)], axis, one, None);
        s.text(&format_axis(*y), (left - 8.0 * k, py), type_px, ink, (1.0, 0.5), false);
    }
    for (x, label) in &x_ticks {
        let px = crisp(at(*x, y0).0);
        s.path(&[(px, top), (px, bottom)], grid, one, None);
        s.path(&[(px, bottom), (px, bottom + 5.0 * k)], axis, one, None);
        // kept inside the chart at its ends
        let lw = s.measure(label, type_px).0;
        let cx = px.min(w - lw / 2.0).max(lw / 2.0);
        s.text(label, (cx, bottom + 8.0 * k), type_px, ink, (0.5, 0.0), false);
    }
    s.path(&[(crisp(left), top), (crisp(left), crisp(bottom)), (right, crisp(bottom))], axis, one, None);
    // the axes' titles: the y axis's along the plot's height, shortened with "…" when longer (a
    // short chart)
    let y_title = fit_text(s, spec.y_label, type_px, bottom - top);
    s.text(&y_title, (8.0 * k, (top + bottom) / 2.0), type_px, ink, (0.5, 0.0), true);
    s.text(spec.x_label, ((left + right) / 2.0, h - 8.0 * k), type_px, ink, (0.5, 1.0), false);
    for band in spec.bands.iter().filter(|b| b.points.len() > 1) {
        let mut outline: Vec<(f64, f64)> = band.points.iter().map(|p| at(p.0, p.2)).collect();
        outline.extend(band.points.iter().rev().map(|p| at(p.0, p.1)));
        s.polygon(&outline, line_colour(band.color), if band.ghost { 0.10 } else { 0.22 });
    }
    for l in &spec.lines {
        let c = line_colour(l.color);
        // a line is broken where it has no value
        for run in l.points.split(|p| !p.1.is_finite()).filter(|r| !r.is_empty()) {
            let points: Vec<(f64, f64)> = run.iter().map(|p| at(p.0, p.1)).collect();
            if l.ghost {
                // the line's own colour (3:1 on the paper, as every line), told apart by its
                // dashes and thinner stroke
                s.path(&points, c, 2.0 * z * k, Some((6.0 * k, 4.0 * k)));
            } else {
                s.path(&points, c, 3.0 * z * k, None);
                if spec.x_from.is_some() {
                    // a sweep: a dot where each run is (the line between is drawn, not computed)
                    for p in &points {
                        s.circle(*p, 4.0 * k, c, None);
                    }
                }
            }
        }
    }
    // "now" marker
    if spec.now.is_finite() {
        let x = crisp(at(spec.now, y0).0);
        s.path(&[(x, top), (x, bottom)], axis, one, None);
    }
    if let Some(hx) = spec.hover {
        let x = crisp(at(hx, y0).0);
        s.path(&[(x, top), (x, bottom)], colour(pal.ink), one, Some((3.0 * k, 3.0 * k)));
    }
    // every line named at its end, so colour is not needed to tell lines apart; labels that
    // would overlap are pushed apart (`chart_labels`), with a leader line when moved
    let label_px = min_text_px(z) * k;
    // the marked points: a dot on the line and its value in a box beside it, to the left of the
    // dot when it is in the right half (the end labels are there)
    let mut placed_marks: Vec<(f64, f64)> = Vec::new();
    for m in &spec.marks {
        let color = line_colour(m.color);
        let (dx, dy) = at(m.x, m.y.max(y0).min(y1));
        let radius = (6.0 * z * k).round();
        if m.ghost {
            s.circle((dx, dy), radius, paper, None);
            s.circle((dx, dy), radius, color, Some(2.5 * z * k));
        } else {
            s.circle((dx, dy), radius, color, None);
        }
        let (tw, th) = s.measure(&m.text, label_px);
        let right_half = dx > (left + right) / 2.0;
        let x = if right_half { dx - radius - 6.0 - tw } else { dx + radius + 6.0 };
        // inside the plot area: under the dot unless that leaves it, then above (and the reverse)
        let (under, over) = (dy + radius + 4.0, dy - radius - 4.0 - th);
        let mut y = match m.below {
            true if under + th <= bottom => under,
            true => over,
            false if over >= top => over,
            false => under,
        };
        // not over a value already written: moved past it, away from the plot's nearer edge
        for _ in 0..placed_marks.len() {
            let Some(&(_, py)) = placed_marks.iter().find(|(px, py)| (x - px).abs() < tw + 8.0 && (y - py).abs() < th + 6.0) else { break };
            y = if py + 2.0 * th + 8.0 <= bottom { py + th + 6.0 } else { py - th - 6.0 };
        }
        placed_marks.push((x, y));
        let bg = [x - 3.0, y - 2.0, x + tw + 3.0, y + th + 2.0];
        s.rect(bg, paper, 0.92, None);
        s.rect(bg, color, 1.0, Some(1.0));
        // the words in ink (AA contrast), their box in the line's colour
        s.text(&m.text, (x, y), label_px, ink, (0.0, 0.0), false);
    }
    // (a marked chart names its point instead)
    let named: Vec<&Line> =
        spec.lines.iter().filter(|l| spec.marks.is_empty() && !l.ghost && !l.label.is_empty() && !l.points.is_empty()).collect();
    let ends: Vec<(f64, f64)> = named.iter().filter_map(|l| l.points.last()).map(|&(x, y)| at(x, y.max(y0).min(y1))).collect();
    let widths: Vec<f64> = named.iter().map(|l| s.measure(&l.label, label_px).0).collect();
    let placed = crate::present::chart_labels::place(&ends, &widths, 15.0 * z * k, (left, right, top, bottom));
    for (l, p) in named.iter().zip(&placed) {
        let color = line_colour(l.color);
        if p.needs_leader() {
            let mid = p.y + p.h / 2.0;
            let to = if p.x > p.anchor.0 { (p.x - 2.0, mid) } else { (p.x + p.w + 2.0, mid) };
            s.path(&[p.anchor, to], color, one, None);
        }
        let bg = [p.x - 2.0, p.y, p.x + p.w + 2.0, p.y + p.h];
        s.rect(bg, paper, 0.85, None);
        s.rect(bg, color, 1.0, Some(one));
        // the name in ink (AA contrast for text), framed in the line's colour
        s.text(&l.label, (p.x, p.y + one), label_px, ink, (0.0, 0.0), false);
    }
    let css = |p: &crate::present::chart_labels::Placed| crate::present::chart_labels::Placed {
        x: p.x / k,
        y: p.y / k,
        w: p.w / k,
        h: p.h / k,
        anchor: (p.anchor.0 / k, p.anchor.1 / k),
    };
    Some(Drawn { y: (y0, y1), labels: placed.iter().map(css).collect() })
}

/// A run's chart: each line in this world and its no-cuts ghost (a chart of differences: each
/// line's difference from the no-cuts world, which is the zero line), and the x axis's day labels,
/// as many as fit `css_w` CSS pixels at type size `size`.
pub fn run_lines(
    chart: &ChartDef,
    frames: &[Frame],
    base: &[Frame],
    start: Hour,
    lang: Lang,
    css_w: f64,
    size: f64,
) -> (Vec<Line>, Vec<(f64, String)>) {
    let mut lines = Vec::new();
    if chart.diff {
        // the baseline is the zero line; each courier's line is its difference from it
        lines.push(Line {
            label: t(lang, Key::BASELINE).into(),
            color: palette::rgb(palette::MUTED),
            ghost: true,
            points: vec![(0.0, 0.0), (base.len() as f64, 0.0)],
        });
        let diff_lines: Vec<Line> = chart
            .series
            .iter()
            .map(|s| {
                let points = frames.iter().zip(base.iter()).map(|(f, b)| ((f.t - start) as f64, s.value(f) - s.value(b))).collect();
                Line { label: s.label.text(lang).to_string(), color: s.color, ghost: false, points }
            })
            .collect();
        // every courier named at its line's end (placed so that no two labels overlap)
        lines.extend(diff_lines);
    }
    for s in chart.series.iter().filter(|_| !chart.diff) {
        lines.push(Line {
            label: t(lang, Key::BASELINE).into(),
            color: s.color,
            ghost: true,
            points: base.iter().map(|f| ((f.t - start) as f64, s.value(f))).collect(),
        });
        lines.push(Line {
            label: s.label.text(lang).to_string(),
            color: s.color,
            ghost: false,
            points: frames.iter().map(|f| ((f.t - start) as f64, s.value(f))).collect(),
        });
    }
    let days = (base.len() / 24).max(1);
    // as many day ticks as fit: a "05-29" label needs about 56 px with its spacing
    let fit = ((css_w - plot_left(size) - PLOT_RIGHT) / (56.0 * size)).floor().max(2.0) as usize;
    let step = days.div_ceil(fit).max(1);
    let x_ticks = (0..=days)
        .step_by(step)
        .map(|d| {
            let s = clock::format_short(start + d as i64 * 24);
            ((d * 24) as f64, s[5..10].to_string())
        })
        .collect();
    (lines, x_ticks)
}

/// A round axis number as written by hand: "10", "0.5", "1.25" (no trailing zeros).
pub fn tidy(x: f64) -> String {
    let s = format_axis(x);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `text` shortened with "…" until it is no wider than `max_w` pixels in type `px` high.
pub fn fit_text(s: &mut impl Surface, text: &str, px: f64, max_w: f64) -> String {
    let mut out = text.to_string();
    let mut n = out.chars().count();
    while n > 1 && s.measure(&out, px).0 > max_w {
        n -= 1;
        out = text.chars().take(n).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_ticks_are_round_within_the_range_and_never_more_than_asked() {
        let cases = [(0.0, 1.0), (7.3, 7.9), (0.0, 4.6e6), (-3.2, 12.5), (98.2, 100.4), (0.0, 0.035), (1e-7, 3e-7), (-250.0, -0.1)];
        for (lo, hi) in cases {
            for n in 2..=10 {
                let ticks = round_ticks(lo, hi, n);
                assert!(!ticks.is_empty() && ticks.len() <= n, "{lo}..{hi} in {n}: {ticks:?}");
                assert!(ticks.iter().all(|t| *t >= lo && *t <= hi), "{lo}..{hi}: {ticks:?}");
                // evenly spaced by 1, 2 or 5 times a power of ten
                let step = if ticks.len() > 1 { ticks[1] - ticks[0] } else { continue };
                let mantissa = step / 10f64.powi(step.log10().floor() as i32);
                assert!([1.0, 2.0, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-6), "{lo}..{hi} in {n}: step {step}");
                // written as a person would: no 0.30000000000000004
                assert!(ticks.iter().all(|t| t.to_string().len() <= 12), "{lo}..{hi} in {n}: {ticks:?}");
            }
            // the finest such step: half as many labels again would not fit
            let ticks = round_ticks(lo, hi, 10);
            assert!(ticks.len() >= 4, "{lo}..{hi}: only {ticks:?} of 10");
        }
        assert!(round_ticks(1.0, 1.0, 5).is_empty() && round_ticks(0.0, f64::NAN, 5).is_empty() && round_ticks(0.0, 1.0, 0).is_empty());
    }

    /// Records what a chart draws; its type is 0.6 of its size wide a character.
    #[derive(Default)]
    struct Record {
        size: (f64, f64),
        texts: Vec<(String, [f64; 4])>,
        paths: usize,
    }

    impl Surface for Record {
        fn size(&self) -> (f64, f64) {
            self.size
        }
        fn rect(&mut self, _: [f64; 4], _: Rgb, _: f64, _: Option<f64>) {}
        fn path(&mut self, points: &[(f64, f64)], _: Rgb, _: f64, _: Option<(f64, f64)>) {
            assert!(points.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
            self.paths += 1;
        }
        fn polygon(&mut self, _: &[(f64, f64)], _: Rgb, _: f64) {}
        fn circle(&mut self, _: (f64, f64), _: f64, _: Rgb, _: Option<f64>) {}
        fn text(&mut self, s: &str, at: (f64, f64), px: f64, _: Rgb, anchor: (f64, f64), up: bool) {
            let (w, h) = self.measure(s, px);
            let (x, y) = (at.0 - w * anchor.0, at.1 - h * anchor.1);
            // a turned text's box: its height along x, its width along y, centred as anchored
            let b = if up {
                [at.0 - h * anchor.1, at.1 - w * (1.0 - anchor.0), at.0 + h * (1.0 - anchor.1), at.1 + w * anchor.0]
            } else {
                [x, y, x + w, y + h]
            };
            self.texts.push((s.to_string(), b));
        }
        fn measure(&mut self, s: &str, px: f64) -> (f64, f64) {
            (0.6 * px * s.chars().count() as f64, 1.2 * px)
        }
    }

    #[test]
    fn every_text_of_a_chart_is_inside_it_at_a_phone_a_laptop_and_a_projector() {
        let points: Vec<(f64, f64)> = (0..240).map(|h| (h as f64, 7.5 + (h as f64 / 30.0).sin())).collect();
        let mut gap = points.clone();
        gap[100].1 = f64::NAN;
        for (w, h, scale, size) in [(320.0, 200.0, 3.0, 1.0), (560.0, 260.0, 1.0, 1.0), (900.0, 420.0, 1.0, 1.5)] {
            let spec = ChartSpec {
                y_label: "share of parcels, last 24 h (%)",
                x_label: "Beijing time",
                x_max: 240.0,
                now: 120.0,
                hover: Some(60.0),
                x_ticks: (0..=10).step_by(3).map(|d| ((d * 24) as f64, format!("06-{:02}", d + 1))).collect(),
                x_from: None,
                lines: vec![
                    Line { label: "no cuts".into(), color: (0, 0, 0), ghost: true, points: points.clone() },
                    Line { label: "SF share".into(), color: (200, 80, 0), ghost: false, points: gap.clone() },
                ],
                bands: vec![Band {
                    color: (200, 80, 0),
                    ghost: false,
                    points: points.iter().map(|p| (p.0, p.1 - 0.2, p.1 + 0.2)).collect(),
                }],
                scale,
                size,
                marks: Vec::new(),
                font: "sans-serif",
                dark: false,
            };
            let mut r = Record { size: (w * scale, h * scale), ..Default::default() };
            let drawn = draw_on(&mut r, &spec).expect("drawn");
            assert!(drawn.y.0 <= 6.5 && drawn.y.1 >= 8.5, "{:?}", drawn.y);
            for (s, b) in &r.texts {
                assert!(b[0] >= -0.5 && b[1] >= -0.5 && b[2] <= w * scale + 0.5 && b[3] <= h * scale + 0.5, "{w}×{h}: \"{s}\" at {b:?}");
            }
            // the four day labels, at least three numbers on the y axis, both axes' titles, the line's name
            let texts: Vec<&str> = r.texts.iter().map(|t| t.0.as_str()).collect();
            assert!(["06-01", "06-04", "06-07", "06-10", "Beijing time", "SF share"].iter().all(|t| texts.contains(t)), "{texts:?}");
            assert!(texts.iter().filter(|t| t.parse::<f64>().is_ok()).count() >= 3, "{texts:?}");
            // the line broken where it has no value: two pieces
            assert!(r.paths >= 2, "{}", r.paths);
        }
    }
}

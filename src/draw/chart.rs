//! Line charts drawn with plotters on any of its backends: a canvas in the page (`view/plot.rs`),
//! a bitmap natively (`standoff render`, `draw/picture.rs`) — one drawing for both. They read
//! only the model's recorded series: the live run as solid lines and the baseline (no cuts) as a
//! dashed line, in the colours of the light or the dark theme (`present::palette`).

use crate::model::clock::{self, Hour};
use crate::model::output::Frame;
use crate::present::charts::ChartDef;
use crate::present::i18n::{t, Key, Lang};
use crate::present::numbers::format_axis;
use crate::present::palette;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub struct Line {
    pub label: String,
    pub color: (u8, u8, u8),
    /// The baseline ghost: drawn dashed and thinner.
    pub ghost: bool,
    pub points: Vec<(f64, f64)>,
}

/// A shaded band: per x, the low and high ends (10 % and 90 % of an ensemble).
pub struct Band {
    pub color: (u8, u8, u8),
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
    /// same numbers: plotters puts round labels (as many as `x_ticks` holds) where they fall.
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
    pub color: (u8, u8, u8),
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

/// Draw a line chart on `root`. `None` if it could not be drawn.
pub fn draw_on<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &ChartSpec) -> Option<Drawn> {
    let pal = palette::of(spec.dark);
    let colour = |c: &str| {
        let (r, g, b) = palette::rgb(c);
        RGBColor(r, g, b)
    };
    let line_colour = |c: (u8, u8, u8)| {
        let (r, g, b) = pal.line(c);
        RGBColor(r, g, b)
    };
    let paper = colour(pal.paper);
    root.fill(&paper).ok()?;
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
    let px = |x: f64| (x * k).round() as u32;
    // on a projector the axes are darker as well as larger
    let ink = match (z > 1.0, spec.dark) {
        (true, false) => BLACK,
        (true, true) => WHITE,
        _ => colour(pal.ink),
    };
    let font = (spec.font, 13.0 * z * k).into_font().color(&ink);
    let x0 = spec.x_from.unwrap_or(0.0);
    let x1 = x0 + if spec.x_from.is_some() { spec.x_max.max(1e-9) } else { spec.x_max.max(1.0) };
    // as many y labels as fit the height (about 26 CSS pixels each): a short phone chart gets
    // fewer, never a pile of overlapping numbers
    let plot_h = root.dim_in_pixel().1 as f64 / k - 2.0 * 8.0 - X_AREA * z;
    let y_labels = ((plot_h / (26.0 * z)).floor() as usize).clamp(3, 10);
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0))
        .x_label_area_size(px(X_AREA * z))
        .y_label_area_size(px(62.0 * z))
        .build_cartesian_2d(x0..x1, y0..y1)
        .ok()?;
    let ticks = spec.x_ticks.clone();
    chart
        .configure_mesh()
        // the labelled grid lines only: a minor grid (up to ten lines between two labels) added
        // nothing a reader uses and was most of a chart's drawing, every frame while time moves
        .max_light_lines(0)
        .bold_line_style(colour(pal.grid_bold))
        .axis_style(colour(pal.muted))
        .axis_desc_style(font.clone())
        .label_style(font.clone())
        // the axis's title along the plot's height, shortened with "…" when longer (a short chart)
        .y_desc(fit_text(root, spec.y_label, &font, (plot_h * k) as i32))
        .x_desc(spec.x_label)
        .x_labels(ticks.len().max(2))
        .y_labels(y_labels)
        .x_label_formatter(&|x| {
            if spec.x_from.is_some() {
                return tidy(*x);
            }
            ticks.iter().min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs())).map(|t| t.1.clone()).unwrap_or_default()
        })
        .y_label_formatter(&|y| format_axis(*y))
        .draw()
        .ok()?;
    for band in spec.bands.iter().filter(|b| b.points.len() > 1) {
        let mut outline: Vec<(f64, f64)> = band.points.iter().map(|p| (p.0, p.2)).collect();
        outline.extend(band.points.iter().rev().map(|p| (p.0, p.1)));
        let fill = line_colour(band.color).mix(if band.ghost { 0.10 } else { 0.22 }).filled();
        chart.draw_series(std::iter::once(Polygon::new(outline, fill))).ok()?;
    }
    for l in &spec.lines {
        let c = line_colour(l.color);
        if l.ghost {
            // the line's own colour (3:1 on the paper, as every line), told apart by its dashes
            // and thinner stroke
            let style = c.stroke_width(px(2.0 * z));
            chart.draw_series(DashedLineSeries::new(l.points.iter().copied(), px(6.0), px(4.0), style)).ok()?;
        } else {
            let style = c.stroke_width(px(3.0 * z));
            chart.draw_series(LineSeries::new(l.points.iter().copied(), style)).ok()?;
            if spec.x_from.is_some() {
                // a sweep: a dot where each run is (the line between is drawn, not computed)
                let dot = c.filled();
                chart.draw_series(l.points.iter().map(|&p| Circle::new(p, px(4.0), dot))).ok()?;
            }
        }
    }
    // "now" marker
    if spec.now.is_finite() {
        chart.draw_series(LineSeries::new([(spec.now, y0), (spec.now, y1)], colour(pal.muted).stroke_width(px(1.0)))).ok()?;
    }
    if let Some(h) = spec.hover {
        let style = colour(pal.ink).stroke_width(px(1.0));
        chart.draw_series(DashedLineSeries::new([(h, y0), (h, y1)], px(3.0), px(3.0), style)).ok()?;
    }
    // every line named at its end, so colour is not needed to tell lines apart; labels that
    // would overlap are pushed apart (`chart_labels`), with a leader line when moved
    let label_font = (spec.font, min_text_px(z) * k).into_font();
    // the marked points: a dot on the line and its value in a box beside it, to the left of the
    // dot when it is in the right half (the end labels are there)
    let mut placed_marks: Vec<(i32, i32)> = Vec::new();
    // what follows is drawn on `root`, whose origin is its own corner: the chart's pixels (the
    // backend's) are moved by it (a picture puts the chart under the network)
    let base = root.get_base_pixel();
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let (xr, yr) = (xr.start - base.0..xr.end - base.0, yr.start - base.1..yr.end - base.1);
    for m in &spec.marks {
        let color = line_colour(m.color);
        let at = (m.x, m.y.clamp(y0, y1));
        let radius = px(6.0 * z) as i32;
        if m.ghost {
            chart.draw_series(std::iter::once(Circle::new(at, radius, paper.filled()))).ok()?;
            chart.draw_series(std::iter::once(Circle::new(at, radius, color.stroke_width(px(2.5 * z))))).ok()?;
        } else {
            chart.draw_series(std::iter::once(Circle::new(at, radius, color.filled()))).ok()?;
        }
        let (dx, dy) = chart.backend_coord(&at);
        let (dx, dy) = (dx - base.0, dy - base.1);
        let style = TextStyle::from(label_font.clone());
        let (w, h) = root.estimate_text_size(&m.text, &style).unwrap_or((0, 0));
        let (w, h) = (w as i32, h as i32);
        let right_half = (dx as f64) > (xr.start as f64 + xr.end as f64) / 2.0;
        let x = if right_half { dx - radius - 6 - w } else { dx + radius + 6 };
        // inside the plot area: under the dot unless that leaves it, then above (and the reverse)
        let (top, bottom) = (yr.start, yr.end);
        let (under, over) = (dy + radius + 4, dy - radius - 4 - h);
        let mut y = match m.below {
            true if under + h <= bottom => under,
            true => over,
            false if over >= top => over,
            false => under,
        };
        // not over a value already written: moved past it, away from the plot's nearer edge
        for _ in 0..placed_marks.len() {
            let Some(&(_, py)) = placed_marks.iter().find(|(px, py)| (x - px).abs() < w + 8 && (y - py).abs() < h + 6) else { break };
            y = if py + 2 * h + 8 <= bottom { py + h + 6 } else { py - h - 6 };
        }
        placed_marks.push((x, y));
        let bg = [(x - 3, y - 2), (x + w + 3, y + h + 2)];
        root.draw(&Rectangle::new(bg, paper.mix(0.92).filled())).ok()?;
        root.draw(&Rectangle::new(bg, color.stroke_width(1))).ok()?;
        // the words in ink (AA contrast), their box in the line's colour
        let st = label_font.clone().color(&ink).pos(Pos::new(HPos::Left, VPos::Top));
        root.draw(&Text::new(m.text.clone(), (x, y), st)).ok()?;
    }
    // (a marked chart names its point instead)
    let named: Vec<&Line> =
        spec.lines.iter().filter(|l| spec.marks.is_empty() && !l.ghost && !l.label.is_empty() && !l.points.is_empty()).collect();
    let ends: Vec<(f64, f64)> = named
        .iter()
        .filter_map(|l| l.points.last())
        .map(|&(x, y)| {
            let (px, py) = chart.backend_coord(&(x, y.clamp(y0, y1)));
            ((px - base.0) as f64, (py - base.1) as f64)
        })
        .collect();
    let widths: Vec<f64> = named
        .iter()
        .map(|l| root.estimate_text_size(&l.label, &TextStyle::from(label_font.clone())).map(|s| s.0 as f64).unwrap_or(0.0))
        .collect();
    let area = (xr.start as f64, xr.end as f64, yr.start as f64, yr.end as f64);
    let placed = crate::present::chart_labels::place(&ends, &widths, 15.0 * z * k, area);
    for (l, p) in named.iter().zip(&placed) {
        let color = line_colour(l.color);
        if p.needs_leader() {
            let mid = (p.y + p.h / 2.0) as i32;
            let from = (p.anchor.0 as i32, p.anchor.1 as i32);
            let to = if p.x > p.anchor.0 { (p.x as i32 - 2, mid) } else { ((p.x + p.w) as i32 + 2, mid) };
            root.draw(&PathElement::new(vec![from, to], color.stroke_width(px(1.0)))).ok()?;
        }
        let bg = [(p.x as i32 - 2, p.y as i32), ((p.x + p.w) as i32 + 2, (p.y + p.h) as i32)];
        root.draw(&Rectangle::new(bg, paper.mix(0.85).filled())).ok()?;
        root.draw(&Rectangle::new(bg, color.stroke_width(px(1.0)))).ok()?;
        // the name in ink (AA contrast for text), framed in the line's colour
        let st = label_font.clone().color(&ink).pos(Pos::new(HPos::Left, VPos::Top));
        root.draw(&Text::new(l.label.clone(), (p.x as i32, p.y as i32 + px(1.0) as i32), st)).ok()?;
    }
    root.present().ok()?;
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

/// `s` shortened with "…" until it is no wider than `max_w` pixels.
pub fn fit_text<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &str, style: &TextStyle, max_w: i32) -> String {
    let mut s = s.to_string();
    let mut n = s.chars().count();
    while n > 1 && area.estimate_text_size(&s, style).map_or(0, |d| d.0 as i32) > max_w {
        n -= 1;
        s = s.chars().take(n).collect::<String>() + "…";
    }
    s
}

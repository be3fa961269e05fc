//! Charts on a canvas: the drawing is `draw::chart`'s (the same for the page and `standoff render`),
//! on the canvas's 2D context.

pub use crate::draw::chart::*;
use crate::present::palette::Rgb;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The type of the page's charts.
pub const FONT: &str = "system-ui, sans-serif";

/// Draw a line chart on a canvas. `None` if the canvas could not be drawn.
pub fn draw_lines(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> Option<Drawn> {
    let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    ctx.set_text_align("left");
    ctx.set_text_baseline("top");
    ctx.set_line_join("round");
    let mut on = OnCanvas { ctx, size: (canvas.width() as f64, canvas.height() as f64), family: spec.font, px: 0 };
    draw_on(&mut on, spec)
}

/// A chart's canvas, its text measured by the canvas (`measureText`).
struct OnCanvas<'a> {
    ctx: CanvasRenderingContext2d,
    size: (f64, f64),
    family: &'a str,
    /// The size of the type set last (whole pixels).
    px: u32,
}

/// `#rrggbb`.
fn hex((r, g, b): Rgb) -> String {
    format!("#{:06x}", (r as u32) << 16 | (g as u32) << 8 | b as u32)
}

impl OnCanvas<'_> {
    fn font(&mut self, px: f64) {
        let px = px.round().max(1.0) as u32;
        if px != self.px {
            self.ctx.set_font(&format!("{px}px {}", self.family));
            self.px = px;
        }
    }
    fn trace(&self, points: &[(f64, f64)]) {
        self.ctx.begin_path();
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                self.ctx.move_to(*x, *y);
            } else {
                self.ctx.line_to(*x, *y);
            }
        }
    }
}

impl Surface for OnCanvas<'_> {
    fn size(&self) -> (f64, f64) {
        self.size
    }
    fn rect(&mut self, r: [f64; 4], color: Rgb, alpha: f64, line: Option<f64>) {
        self.ctx.set_global_alpha(alpha);
        match line {
            None => {
                self.ctx.set_fill_style_str(&hex(color));
                self.ctx.fill_rect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
            }
            Some(w) => {
                self.ctx.set_stroke_style_str(&hex(color));
                self.ctx.set_line_width(w);
                self.ctx.stroke_rect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
            }
        }
        self.ctx.set_global_alpha(1.0);
    }
    fn path(&mut self, points: &[(f64, f64)], color: Rgb, width: f64, dash: Option<(f64, f64)>) {
        self.trace(points);
        self.ctx.set_stroke_style_str(&hex(color));
        self.ctx.set_line_width(width);
        if let Some((on, off)) = dash {
            let _ = self.ctx.set_line_dash(&js_sys::Array::of2(&JsValue::from(on), &JsValue::from(off)));
        }
        self.ctx.stroke();
        if dash.is_some() {
            let _ = self.ctx.set_line_dash(&js_sys::Array::new());
        }
    }
    fn polygon(&mut self, points: &[(f64, f64)], color: Rgb, alpha: f64) {
        self.trace(points);
        self.ctx.close_path();
        self.ctx.set_global_alpha(alpha);
        self.ctx.set_fill_style_str(&hex(color));
        self.ctx.fill();
        self.ctx.set_global_alpha(1.0);
    }
    fn circle(&mut self, at: (f64, f64), radius: f64, color: Rgb, line: Option<f64>) {
        self.ctx.begin_path();
        let _ = self.ctx.arc(at.0, at.1, radius, 0.0, std::f64::consts::TAU);
        match line {
            None => {
                self.ctx.set_fill_style_str(&hex(color));
                self.ctx.fill();
            }
            Some(w) => {
                self.ctx.set_stroke_style_str(&hex(color));
                self.ctx.set_line_width(w);
                self.ctx.stroke();
            }
        }
    }
    fn text(&mut self, s: &str, at: (f64, f64), px: f64, color: Rgb, anchor: (f64, f64), up: bool) {
        let (w, h) = if anchor == (0.0, 0.0) { (0.0, 0.0) } else { self.measure(s, px) };
        self.font(px);
        self.ctx.set_fill_style_str(&hex(color));
        let (dx, dy) = (-w * anchor.0, -h * anchor.1);
        if up {
            self.ctx.save();
            let _ = self.ctx.translate(at.0, at.1);
            let _ = self.ctx.rotate(-std::f64::consts::FRAC_PI_2);
            let _ = self.ctx.fill_text(s, dx, dy);
            self.ctx.restore();
        } else {
            let _ = self.ctx.fill_text(s, at.0 + dx, at.1 + dy);
        }
    }
    /// The text's width, and the height of its type's line.
    fn measure(&mut self, s: &str, px: f64) -> (f64, f64) {
        self.font(px);
        match self.ctx.measure_text(s) {
            Ok(m) => {
                let h = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
                (m.width(), if h > 0.0 { h } else { px * 1.2 })
            }
            Err(_) => (0.0, px * 1.2),
        }
    }
}

/// Size the canvas's pixels to its displayed size × device pixels (type stays sharp on
/// projectors; the page's style sets its shape: wide on a screen, taller on a phone). Returns
/// the displayed width (CSS pixels) and the device pixel ratio.
pub fn fit_canvas(c: &HtmlCanvasElement) -> (f64, f64) {
    let css_w = (c.client_width() as f64).max(280.0);
    let shown_h = c.client_height() as f64;
    let css_h = if shown_h > 0.0 { shown_h } else { css_w * 260.0 / 560.0 };
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if c.width() != w || c.height() != h {
        c.set_width(w);
        c.set_height(h);
    }
    (css_w, dpr)
}

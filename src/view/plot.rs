//! Charts on a canvas: the drawing is `draw::chart`'s (the same for the page and `standoff render`).

pub use crate::draw::chart::*;
use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The type of the page's charts.
pub const FONT: &str = "system-ui, sans-serif";

/// Draw a line chart on a canvas. `None` if the canvas could not be drawn.
pub fn draw_lines(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> Option<Drawn> {
    let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    let root = Measured(CanvasBackend::with_canvas_object(canvas.clone())?, ctx).into_drawing_area();
    draw_on(&root, spec)
}

/// The canvas backend, its text measured by the canvas (`measureText`). Plotters' web fonts
/// measure each label by adding a span to the page and reading its size: a layout of the whole
/// page per label, every frame while time moves (about a tenth of the page's time while playing).
struct Measured(CanvasBackend, CanvasRenderingContext2d);

type Failure = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl DrawingBackend for Measured {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Failure> {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Failure> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> Result<(), Failure> {
        self.0.draw_rect(ul, br, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), Failure> {
        self.0.draw_path(path, style)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), Failure> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), Failure> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Failure> {
        self.0.draw_text(text, style, pos)
    }
    /// The text's width, and the height of its type's line (what the span measured).
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Failure> {
        self.1.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let m = self.1.measure_text(text).map_err(|_| DrawingErrorKind::FontError(Box::new(NoMeasure)))?;
        let height = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
        let height = if height > 0.0 { height } else { style.size() * 1.2 };
        Ok((m.width().round() as u32, height.round() as u32))
    }
}

/// The canvas could not measure a text (its own error type: a text turned into an error would
/// bring the formatting of quoted strings into the page's module).
#[derive(Debug)]
struct NoMeasure;

impl std::fmt::Display for NoMeasure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the canvas cannot measure text")
    }
}

impl std::error::Error for NoMeasure {}

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

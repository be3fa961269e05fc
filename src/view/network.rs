//! The network canvas: parcels as solid routes with moving sprites, data links dashed; a click
//! or tap on a link cuts or restores it. The page's animation loop (`animation.rs`) redraws it
//! every frame; the component draws it once when it appears or its options change.

use super::SessionRef;
use crate::draw::network::{Align, At, Options, Painter};
use crate::model::ids::LinkId;
use crate::present::i18n::{t, Key, Lang};
use crate::present::layout::{Layout, Rect};
use crate::present::palette;
use crate::ui::playback::Player;
use crate::ui::session::Action;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub session: SessionRef,
    /// The canvas, shared with the app's animation loop (which redraws it every frame).
    pub canvas: NodeRef,
    pub lang: Lang,
    #[prop_or_default]
    pub focused: Option<LinkId>,
    /// Presenter mode: larger type on the canvas.
    #[prop_or_default]
    pub big: bool,
    /// Fit the network to its box's height as well as its width (a story slide).
    #[prop_or_default]
    pub fit: bool,
    /// The dark theme's colours.
    #[prop_or_default]
    pub dark: bool,
    pub on: Callback<Action>,
}

pub use crate::present::layout::PARCELS_PER_SPRITE;

#[function_component(NetworkView)]
pub fn network_view(props: &Props) -> Html {
    let canvas = props.canvas.clone();
    {
        // draw at once: the animation loop does not run while the page is hidden
        let canvas = canvas.clone();
        let session = props.session.clone();
        use_effect_with((props.lang, props.focused, props.big, props.dark), move |(lang, focused, big, dark)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                draw(&c, session.0.borrow().player(), *lang, *focused, 1.0, *big, *dark);
            }
        });
    }
    let onclick = {
        let canvas = canvas.clone();
        let on = props.on.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                if let Some(l) = hit_at(&c, e.client_x() as f64, e.client_y() as f64) {
                    on.emit(Action::ToggleLink(l));
                }
            }
        })
    };
    // the data link under the pointer: its name, its state and what a click does, beside it
    let tip = use_state(|| None::<(LinkId, f64, f64)>);
    // a mouse only: on a touch screen, content that appears under the finger cancels the tap
    let onpointermove = {
        let canvas = canvas.clone();
        let tip = tip.clone();
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() != "mouse" {
                return;
            }
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let over = hit_at(&c, e.client_x() as f64, e.client_y() as f64);
                let _ = c.style().set_property("cursor", if over.is_some() { "pointer" } else { "default" });
                let r = c.get_bounding_client_rect();
                let at = over.map(|l| (l, e.client_x() as f64 - r.left(), e.client_y() as f64 - r.top()));
                if at.map(|a| a.0) != tip.map(|t| t.0) {
                    tip.set(at);
                }
            }
        })
    };
    let onpointerleave = {
        let tip = tip.clone();
        Callback::from(move |_: PointerEvent| tip.set(None))
    };
    let lang = props.lang;
    let tip_html = tip.map(|(l, x, y)| {
        let up = props.session.0.borrow().player().run().live.links.is_up(l);
        let state = t(lang, if up { Key::CONNECTED } else { Key::CUT });
        let name =
            crate::present::i18n::fill(t(lang, Key::LINK_STATE), &[("link", &crate::present::i18n::link_name(lang, l)), ("state", state)]);
        let what = t(lang, if up { Key::TIP_CUT } else { Key::TIP_RESTORE });
        html! {
            <div class="net-tip" id="net-tip" role="tooltip" style={format!("left:{}px;top:{}px", crate::model::decimal::Fixed(x + 14.0, 0), crate::model::decimal::Fixed(y + 14.0, 0))}>
                <strong>{ name }</strong><br />{ what }
            </div>
        }
    });
    html! {
        <div class={classes!("net-wrap", props.fit.then_some("fit"))}>
            <canvas ref={canvas} id="network" class="network" role="img" aria-label={t(props.lang, Key::NETWORK_DESC)}
                {onclick} {onpointermove} {onpointerleave}></canvas>
            { for tip_html }
        </div>
    }
}

/// The key under the canvas.
pub fn legend(lang: Lang) -> Html {
    html! {
        <ul class="legend">
            <li><span class="sw solid"></span>{ t(lang, Key::LEGEND_PARCELS) }</li>
            <li><span class="sw dashed"></span>{ t(lang, Key::LEGEND_DATA) }</li>
            <li><span class="sw hollow"></span>{ t(lang, Key::LEGEND_UNTRACKED) }</li>
        </ul>
    }
}

fn hit_at(c: &HtmlCanvasElement, client_x: f64, client_y: f64) -> Option<LinkId> {
    let r = c.get_bounding_client_rect();
    if r.width() <= 0.0 {
        return None;
    }
    let lay = drawn_layout(c, r.width());
    let k = lay.w / r.width();
    // a finger is wider than a mouse pointer: at least ~14 CSS px either side
    lay.hit((client_x - r.left()) * k, (client_y - r.top()) * k, 14.0 * k.max(1.0))
}

fn ctx_of(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    c.get_context("2d").ok().flatten()?.dyn_into::<CanvasRenderingContext2d>().ok()
}

/// Draw the whole network for the player's current hour, with `density` times the usual
/// number of sprites, in the dark theme's colours or the light one's. Returns the sprites drawn.
pub fn draw(c: &HtmlCanvasElement, e: &Player, lang: Lang, focused: Option<LinkId>, density: f64, big: bool, dark: bool) -> usize {
    let pal = palette::of(dark);
    let (css_w, base) = fitted(c);
    if css_w <= 0.0 {
        return 0;
    }
    let min_css = if big { super::page::presenter_floor() } else { 11.0 };
    let lay = base.with_font_scale(if big { 1.3 } else { 1.0 }).with_min_css_font(css_w, min_css);
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let css_h = (css_w * lay.h / lay.w).round();
    let (pw, ph) = ((css_w * dpr) as u32, (css_h * dpr) as u32);
    if c.width() != pw || c.height() != ph {
        c.set_width(pw);
        c.set_height(ph);
        let _ = c.style().set_property("height", &format!("{}px", crate::model::decimal::Shortest(css_h)));
    }
    let Some(ctx) = ctx_of(c) else { return 0 };
    let k = pw as f64 / lay.w;
    let _ = ctx.set_transform(k, 0.0, 0.0, k, 0.0, 0.0);
    let mut painter = Canvas {
        ctx: &ctx,
        // on a projector nothing is smaller than 18 CSS px, on a screen 11; the lines thicker too
        min_text: min_css * lay.w / css_w,
        line_scale: if big { 1.5 } else { 1.0 },
        fonts: lang.fonts(),
        smallest: f64::MAX,
        dash: None,
    };
    let drawn = crate::draw::network::draw(&mut painter, &lay, e, lang, pal, &Options { focused, density });
    painter.set_dash(None);
    // the smallest type drawn, in CSS pixels (a test reads it: 18 or more on a projector)
    let smallest = crate::model::decimal::fixed(painter.smallest * css_w / lay.w, 1);
    if c.get_attribute("data-min-text-px").as_deref() != Some(smallest.as_str()) {
        let _ = c.set_attribute("data-min-text-px", &smallest);
    }
    drawn
}

/// A box's `max-height` (px, if any), and the (box width, window height) it was read at.
type MaxHeight = ((f64, f64), Option<f64>);

thread_local! {
    /// The network box's `max-height` (px, if any), for the box's width and the window's height.
    static MAX_HEIGHT: std::cell::Cell<Option<MaxHeight>> = const { std::cell::Cell::new(None) };
}

/// The network's surface on the page: a 2D canvas in layout units.
struct Canvas<'a> {
    ctx: &'a CanvasRenderingContext2d,
    /// The smallest type, in layout units (11 CSS px at the canvas's width, 18 on a projector).
    min_text: f64,
    /// Line widths' factor (presenter mode: thicker).
    line_scale: f64,
    /// The fonts of the language drawn.
    fonts: &'static str,
    /// The smallest type drawn, in layout units.
    smallest: f64,
    /// The dash pattern set (none: solid), set again only when another is asked for.
    dash: Option<(f64, f64)>,
}

impl Canvas<'_> {
    fn set_dash(&mut self, dash: Option<(f64, f64)>) {
        if self.dash != dash {
            let v = dash.map_or_else(js_sys::Array::new, |(on, off)| js_sys::Array::of2(&on.into(), &off.into()));
            let _ = self.ctx.set_line_dash(&v);
            self.dash = dash;
        }
    }
    fn stroke(&mut self, a: At, b: At, color: &str, width: f64, dash: Option<(f64, f64)>) {
        self.set_dash(dash);
        self.ctx.set_stroke_style_str(color);
        self.ctx.set_line_width(width * self.line_scale);
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
    }
}

impl Painter for Canvas<'_> {
    fn line(&mut self, a: At, b: At, color: &str, width: f64) {
        self.stroke(a, b, color, width, None);
    }
    fn faint_line(&mut self, a: At, b: At, color: &str, width: f64, alpha: f64) {
        self.ctx.set_global_alpha(alpha);
        self.stroke(a, b, color, width, None);
        self.ctx.set_global_alpha(1.0);
    }
    fn dashed(&mut self, a: At, b: At, color: &str, width: f64, on: f64, off: f64) {
        self.stroke(a, b, color, width, Some((on, off)));
    }
    fn fill(&mut self, r: &Rect, color: &str, alpha: f64) {
        let faint = alpha < 1.0;
        if faint {
            self.ctx.set_global_alpha(alpha);
        }
        self.ctx.set_fill_style_str(color);
        self.ctx.fill_rect(r.x, r.y, r.w, r.h);
        if faint {
            self.ctx.set_global_alpha(1.0);
        }
    }
    fn outline(&mut self, r: &Rect, color: &str, width: f64) {
        self.set_dash(None);
        self.ctx.set_stroke_style_str(color);
        self.ctx.set_line_width(width * self.line_scale);
        self.ctx.stroke_rect(r.x, r.y, r.w, r.h);
    }
    fn disc(&mut self, c: At, radius: f64, color: &str) {
        self.ctx.set_fill_style_str(color);
        self.ctx.begin_path();
        let _ = self.ctx.arc(c.0, c.1, radius, 0.0, std::f64::consts::TAU);
        self.ctx.fill();
    }
    /// Never under the smallest type (which is recorded); narrowed to fit `max_w` when wider.
    fn text(&mut self, s: &str, at: At, size: f64, color: &str, align: Align, max_w: Option<f64>) {
        let size = size.max(self.min_text);
        self.smallest = self.smallest.min(size.ceil());
        self.ctx.set_font(&format!("{}px {}", crate::model::decimal::Shortest(size.ceil()), self.fonts));
        self.ctx.set_fill_style_str(color);
        self.ctx.set_text_align(if align == Align::Left { "left" } else { "center" });
        self.ctx.set_text_baseline("middle");
        // (a maxWidth of Infinity draws nothing in Chromium)
        let _ = match max_w {
            Some(m) => self.ctx.fill_text_with_max_width(s, at.0, at.1, m),
            None => self.ctx.fill_text(s, at.0, at.1),
        };
    }
    /// One path per style, never a fill change per sprite: rectangles rasterise far faster than
    /// arcs on software canvases.
    fn squares(&mut self, color: &str, filled: &[At], hollow: &[At]) {
        self.ctx.set_fill_style_str(color);
        self.ctx.begin_path();
        for (x, y) in filled {
            self.ctx.rect(x - 2.2, y - 2.2, 4.4, 4.4);
        }
        self.ctx.fill();
        self.set_dash(None);
        self.ctx.set_stroke_style_str(color);
        self.ctx.set_line_width(1.4 * self.line_scale);
        self.ctx.begin_path();
        for (x, y) in hollow {
            self.ctx.rect(x - 3.0, y - 3.0, 6.0, 6.0);
        }
        self.ctx.stroke();
    }
}

/// The width to draw at, in CSS pixels, and the layout: the canvas's own width, or in a box that
/// fits it (`fit`), the largest picture that fits the box's width and height — the landscape
/// picture when the box is wide (the canvas is sized to it). The layout is written on the canvas
/// (`data-layout`), where a click reads it.
fn fitted(c: &HtmlCanvasElement) -> (f64, Layout) {
    let wrap = c.parent_element();
    // the box's height: its own in a slide (`fit`), else its `max-height` when the page's style
    // gives one (a phone: the network, a chart and the transport bar on one screen)
    let cap = wrap.as_ref().and_then(|wrap| {
        if wrap.class_list().contains("fit") {
            return Some(wrap.client_height() as f64);
        }
        // (read from the style only when the box's width or the window's height changed: the
        // network is drawn every frame)
        let w = web_sys::window()?;
        let key = (wrap.client_width() as f64, w.inner_height().ok()?.as_f64()?);
        if let Some((_, cap)) = MAX_HEIGHT.with(|m| m.get()).filter(|(k, _)| *k == key) {
            return cap;
        }
        let style = w.get_computed_style(wrap).ok()??;
        let cap = style.get_property_value("max-height").ok().and_then(|v| crate::model::decimal::parse_f64(v.strip_suffix("px")?));
        MAX_HEIGHT.with(|m| m.set(Some((key, cap))));
        cap
    });
    let (w, lay) = match (wrap, cap) {
        (Some(wrap), Some(h)) => {
            let w = wrap.client_width() as f64;
            let land = Layout::landscape();
            let lw = w.min(h * land.w / land.h).floor();
            // the landscape picture when it would be drawn 480 px wide or more (its labels fit)
            let (w, lay) = if lw >= 480.0 {
                (lw, land)
            } else {
                let p = Layout::portrait();
                (w.min(h * p.w / p.h).floor(), p)
            };
            let w = w.max(160.0);
            let _ = c.style().set_property("width", &format!("{}px", crate::model::decimal::Shortest(w)));
            (w, lay)
        }
        _ => {
            let _ = c.style().remove_property("width");
            let w = c.client_width() as f64;
            (w, Layout::for_width(w))
        }
    };
    let name = if lay.w > 500.0 { "landscape" } else { "portrait" };
    if c.get_attribute("data-layout").as_deref() != Some(name) {
        let _ = c.set_attribute("data-layout", name);
    }
    (w, lay)
}

/// The layout the canvas was last drawn with.
fn drawn_layout(c: &HtmlCanvasElement, css_w: f64) -> Layout {
    match c.get_attribute("data-layout").as_deref() {
        Some("landscape") => Layout::landscape(),
        Some("portrait") => Layout::portrait(),
        _ => Layout::for_width(css_w),
    }
}

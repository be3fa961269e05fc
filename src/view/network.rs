//! The network canvas: parcels as solid routes with moving sprites, data links dashed; a click
//! or tap on a link cuts or restores it. The page's animation loop (`animation.rs`) redraws it
//! every frame; the component draws it once when it appears or its options change.

use super::SessionRef;
use crate::model::ids::{Courier, LinkId, Platform, N_COURIERS as NC};
use crate::present::i18n::{t, Key, Lang};
use crate::present::layout::{lerp, Layout, LinkSeg, Rect};
use crate::present::palette::{self, Palette};
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
            <div class="net-tip" id="net-tip" role="tooltip" style={format!("left:{:.0}px;top:{:.0}px", x + 14.0, y + 14.0)}>
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
    // on a projector nothing is smaller than 18 CSS px, on a screen 11
    let min_css = if big { super::page::presenter_floor() } else { 11.0 };
    let lay = base.with_font_scale(if big { 1.3 } else { 1.0 }).with_min_css_font(css_w, min_css);
    MIN_TEXT.with(|m| m.set(min_css * lay.w / css_w));
    SMALLEST.with(|m| m.set(f64::MAX));
    // on a projector the lines are thicker too
    LINE_SCALE.with(|m| m.set(if big { 1.5 } else { 1.0 }));
    FONTS.with(|f| f.set(lang.fonts()));
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let css_h = (css_w * lay.h / lay.w).round();
    let (pw, ph) = ((css_w * dpr) as u32, (css_h * dpr) as u32);
    if c.width() != pw || c.height() != ph {
        c.set_width(pw);
        c.set_height(ph);
        let _ = c.style().set_property("height", &format!("{}px", css_h));
    }
    let Some(ctx) = ctx_of(c) else { return 0 };
    let k = pw as f64 / lay.w;
    let _ = ctx.set_transform(k, 0.0, 0.0, k, 0.0, 0.0);
    ctx.set_fill_style_str(pal.paper);
    ctx.fill_rect(0.0, 0.0, lay.w, lay.h);
    let links = &e.run().live.links;
    let f = e.current();
    let font = lay.font;

    // parcel routes: platform → courier (the listing link) and courier → buyers
    ctx.set_line_dash(&js_sys::Array::new()).ok();
    for r in crate::present::layout::routes(&lay, f, links, &e.run().baseline[0]) {
        ctx.set_stroke_style_str(if r.cut { pal.data_cut } else { pal.route });
        line_width(&ctx, r.width);
        if r.cut {
            ctx.set_line_dash(&dash(&[2.0, 4.0])).ok();
        }
        line(&ctx, r.a, r.b);
        ctx.set_line_dash(&js_sys::Array::new()).ok();
        if r.cut {
            sever(&ctx, pal, mid(r.a, r.b), 7.0);
        }
    }

    {
        let (x, y) = lay.hivebox.bottom();
        ctx.set_stroke_style_str(pal.route);
        line_width(&ctx, 2.0);
        line(&ctx, (x, y), (x, lay.buyers.y));
    }

    // sprites under the data layer and the nodes, so labels stay readable; a narrow canvas
    // gets proportionally fewer, so a phone shows the same density as a desktop
    let drawn = draw_sprites(&ctx, pal, &lay, e, density * (lay.w / 1000.0).min(1.0));

    // the Cainiao data bar
    ctx.set_global_alpha(0.88);
    ctx.set_fill_style_str(pal.cainiao);
    ctx.fill_rect(lay.cainiao.x, lay.cainiao.y, lay.cainiao.w, lay.cainiao.h);
    ctx.set_stroke_style_str(pal.data_up);
    line_width(&ctx, 1.0);
    ctx.set_global_alpha(1.0);
    ctx.stroke_rect(lay.cainiao.x, lay.cainiao.y, lay.cainiao.w, lay.cainiao.h);
    text(&ctx, t(lang, Key::CAINIAO), lay.cainiao.x + 8.0, lay.cainiao.cy(), font * 0.9, pal.data_up, "left");

    // data links: the layout's list, the one hit-testing reads
    for LinkSeg { link: l, a, b, .. } in lay.data_links() {
        let up = links.is_up(l);
        line_width(&ctx, 3.0);
        ctx.set_stroke_style_str(if up { pal.data_up } else { pal.data_cut });
        ctx.set_line_dash(&dash(&[7.0, 5.0])).ok();
        if up {
            line(&ctx, a, b);
        } else {
            // a visible gap in the middle and a sever mark
            let m = mid(a, b);
            let (d1, d2) = (lerp(a, b, 0.32), lerp(a, b, 0.68));
            line(&ctx, a, d1);
            line(&ctx, d2, b);
            ctx.set_line_dash(&js_sys::Array::new()).ok();
            sever(&ctx, pal, m, 8.0);
        }
        ctx.set_line_dash(&js_sys::Array::new()).ok();
        if focused == Some(l) {
            ctx.set_stroke_style_str(pal.ink);
            line_width(&ctx, 2.0);
            let (x0, x1) = (a.0.min(b.0) - 9.0, a.0.max(b.0) + 9.0);
            let (y0, y1) = (a.1.min(b.1) - 4.0, a.1.max(b.1) + 4.0);
            ctx.stroke_rect(x0, y0, x1 - x0, y1 - y0);
        }
    }
    if let Some(LinkId::List(p, cc)) = focused {
        let (a, b) = lay.list_seg(p.idx(), cc.idx());
        ctx.set_stroke_style_str(pal.ink);
        line_width(&ctx, 5.0);
        ctx.set_global_alpha(0.35);
        line(&ctx, a, b);
        ctx.set_global_alpha(1.0);
    }

    // nodes
    for p in Platform::ALL {
        let r = lay.platform(p);
        node(&ctx, r, pal.surface, pal.ink);
        let name = crate::present::i18n::platform_name(lang, p);
        text(&ctx, name, r.cx(), r.cy() - font * 0.35, font, pal.ink, "center");
        // parcels over the last 24 simulated hours (the baseline's hours before the run starts)
        let per_day = crate::present::network_text::platform_per_day(lang, e.run(), p);
        text(&ctx, &per_day, r.cx(), r.cy() + font * 0.65, font * 0.8, pal.muted, "center");
    }
    for cour in Courier::ALL {
        let i = cour.idx();
        let r = &lay.couriers[i];
        node(&ctx, r, pal.surface, pal.ink);
        ctx.set_fill_style_str(pal.courier[i]);
        ctx.fill_rect(r.x, r.y, 7.0, r.h);
        let narrow = r.w < 60.0;
        let tx = if narrow { r.x + 9.0 } else { r.x + 12.0 };
        text(
            &ctx,
            crate::present::i18n::courier_short(lang, cour),
            tx,
            r.cy() - lay.small * 0.55,
            if narrow { lay.small } else { font },
            pal.ink,
            "left",
        );
        text(
            &ctx,
            // a narrow box: whole percents, so the number fits at a readable size
            &format!("{:.*}%", if narrow { 0 } else { 1 }, 100.0 * f.share[i]),
            tx,
            r.cy() + lay.small * 0.75,
            lay.small * (if narrow { 0.85 } else { 1.0 }),
            pal.muted,
            "left",
        );
        // a queue bar when the courier is more congested than in the world without cuts
        let extra_h = e.run().extra_queue_hours(f, e.current_baseline(), cour);
        if extra_h > 0.1 {
            let h = (extra_h * 20.0).min(r.h);
            ctx.set_fill_style_str(pal.data_cut);
            ctx.fill_rect(r.x + r.w - 6.0, r.y + r.h - h, 4.0, h);
        }
    }
    node(&ctx, &lay.hivebox, pal.hivebox, pal.ink);
    let inside = lay.hivebox.w - 10.0;
    text_within(&ctx, t(lang, Key::HIVEBOX), lay.hivebox.x + 6.0, lay.hivebox.cy() - lay.small * 0.55, lay.small, pal.ink, inside);
    text(
        &ctx,
        &crate::present::network_text::locker_waiting(lang, f),
        lay.hivebox.x + 6.0,
        lay.hivebox.cy() + lay.small * 0.75,
        lay.small * 0.9,
        pal.muted,
        "left",
    );
    node(&ctx, &lay.buyers, pal.surface, pal.ink);
    text(&ctx, t(lang, Key::BUYERS), lay.buyers.cx(), lay.buyers.cy(), font, pal.ink, "center");
    // the smallest type drawn, in CSS pixels (a test reads it: 18 or more on a projector)
    let smallest = format!("{:.1}", SMALLEST.with(|m| m.get()) * css_w / lay.w);
    if c.get_attribute("data-min-text-px").as_deref() != Some(smallest.as_str()) {
        let _ = c.set_attribute("data-min-text-px", &smallest);
    }
    drawn
}

/// Sprites, `density` times the usual number: one path per courier and style, never a fill
/// change per sprite.
fn draw_sprites(ctx: &CanvasRenderingContext2d, pal: &Palette, lay: &Layout, e: &Player, density: f64) -> usize {
    let (f, links, phase) = (e.current(), &e.run().live.links, e.phase());
    let mut count = 0;
    for cc in 0..NC {
        let (filled, hollow) = crate::present::layout::sprites(lay, f, links, phase, density, cc);
        // filled squares (tracked) and hollow squares (untracked): rectangles rasterise far
        // faster than arcs on software canvases
        ctx.set_fill_style_str(pal.courier[cc]);
        ctx.begin_path();
        for (x, y) in &filled {
            ctx.rect(x - 2.2, y - 2.2, 4.4, 4.4);
        }
        ctx.fill();
        ctx.set_stroke_style_str(pal.courier[cc]);
        line_width(ctx, 1.4);
        ctx.begin_path();
        for (x, y) in &hollow {
            ctx.rect(x - 3.0, y - 3.0, 6.0, 6.0);
        }
        ctx.stroke();
        count += filled.len() + hollow.len();
    }
    count
}

fn mid(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    lerp(a, b, 0.5)
}

fn dash(v: &[f64]) -> js_sys::Array {
    v.iter().map(|x| wasm_bindgen::JsValue::from_f64(*x)).collect()
}

fn line(ctx: &CanvasRenderingContext2d, a: (f64, f64), b: (f64, f64)) {
    ctx.begin_path();
    ctx.move_to(a.0, a.1);
    ctx.line_to(b.0, b.1);
    ctx.stroke();
}

/// A sever mark: a disc of the paper with a red ✕.
fn sever(ctx: &CanvasRenderingContext2d, pal: &Palette, m: (f64, f64), r: f64) {
    ctx.set_fill_style_str(pal.paper);
    ctx.begin_path();
    let _ = ctx.arc(m.0, m.1, r + 3.0, 0.0, std::f64::consts::TAU);
    ctx.fill();
    ctx.set_stroke_style_str(pal.data_cut);
    line_width(ctx, 3.0);
    line(ctx, (m.0 - r, m.1 - r), (m.0 + r, m.1 + r));
    line(ctx, (m.0 - r, m.1 + r), (m.0 + r, m.1 - r));
}

fn node(ctx: &CanvasRenderingContext2d, r: &Rect, fill: &str, stroke: &str) {
    ctx.set_fill_style_str(fill);
    ctx.fill_rect(r.x, r.y, r.w, r.h);
    ctx.set_stroke_style_str(stroke);
    line_width(ctx, 1.2);
    ctx.stroke_rect(r.x, r.y, r.w, r.h);
}

/// A box's `max-height` (px, if any), and the (box width, window height) it was read at.
type MaxHeight = ((f64, f64), Option<f64>);

thread_local! {
    /// The smallest type of the frame being drawn, in layout units (11 CSS px at its width).
    static MIN_TEXT: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// The network box's `max-height` (px, if any), for the box's width and the window's height.
    static MAX_HEIGHT: std::cell::Cell<Option<MaxHeight>> = const { std::cell::Cell::new(None) };
    /// Line widths' factor for the frame being drawn (presenter mode: thicker).
    static LINE_SCALE: std::cell::Cell<f64> = const { std::cell::Cell::new(1.0) };
    /// The smallest type drawn in the frame being drawn, in layout units.
    static SMALLEST: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::MAX) };
    /// The fonts of the language of the frame being drawn.
    static FONTS: std::cell::Cell<&'static str> = const { std::cell::Cell::new("sans-serif") };
}

/// Left-aligned text no wider than `max_w` (narrowed to fit a box when its type is large).
fn text_within(ctx: &CanvasRenderingContext2d, s: &str, x: f64, y: f64, size: f64, color: &str, max_w: f64) {
    text_style(ctx, size, color, "left");
    let _ = ctx.fill_text_with_max_width(s, x, y, max_w);
}

fn text(ctx: &CanvasRenderingContext2d, s: &str, x: f64, y: f64, size: f64, color: &str, align: &str) {
    text_style(ctx, size, color, align);
    let _ = ctx.fill_text(s, x, y);
}

/// The type of the next text: never under the frame's smallest (which is recorded).
fn text_style(ctx: &CanvasRenderingContext2d, size: f64, color: &str, align: &str) {
    let size = size.max(MIN_TEXT.with(|m| m.get()));
    SMALLEST.with(|m| m.set(m.get().min(size.ceil())));
    ctx.set_font(&format!("{}px {}", size.ceil(), FONTS.with(|f| f.get())));
    ctx.set_fill_style_str(color);
    ctx.set_text_align(align);
    ctx.set_text_baseline("middle");
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
        let cap = style.get_property_value("max-height").ok().and_then(|v| v.strip_suffix("px")?.parse::<f64>().ok());
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
            let _ = c.style().set_property("width", &format!("{w}px"));
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

fn line_width(ctx: &CanvasRenderingContext2d, w: f64) {
    ctx.set_line_width(w * LINE_SCALE.with(|m| m.get()));
}

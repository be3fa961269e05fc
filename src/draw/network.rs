//! The network at the player's hour, in layout units (`present::layout`): routes, sprites, the
//! Cainiao bar, data links (cut ones with a gap and a sever mark), the platforms, couriers,
//! Hive Box lockers and buyers with their numbers. One code for the page's canvas
//! (`view::network`, every frame) and the still picture (`draw::picture`): each gives a
//! `Painter` that puts these few shapes on its own surface.

use crate::model::ids::{Courier, LinkId, Platform, N_COURIERS as NC};
use crate::present::i18n::{self, t, Key, Lang};
use crate::present::layout::{lerp, Layout, LinkSeg, Rect};
use crate::present::network_text;
use crate::present::palette::Palette;
use crate::ui::playback::Player;

/// A point in layout units.
pub type At = (f64, f64);

/// Where a text is anchored, across: its left end or its centre (always its middle, up and down).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// A surface the network is drawn on, in layout units; colours are the palette's `#rrggbb`.
pub trait Painter {
    fn line(&mut self, a: At, b: At, color: &str, width: f64) {
        self.faint_line(a, b, color, width, 1.0);
    }
    /// A line, `alpha` its opacity.
    fn faint_line(&mut self, a: At, b: At, color: &str, width: f64, alpha: f64);
    /// A dashed line: `on` drawn, `off` left, in turn.
    fn dashed(&mut self, a: At, b: At, color: &str, width: f64, on: f64, off: f64);
    /// A filled rectangle, `alpha` its opacity.
    fn fill(&mut self, r: &Rect, color: &str, alpha: f64);
    /// A rectangle's outline.
    fn outline(&mut self, r: &Rect, color: &str, width: f64);
    fn disc(&mut self, c: At, radius: f64, color: &str);
    /// A text at `at` (its middle, up and down), made to fit `max_w` when given.
    fn text(&mut self, s: &str, at: At, size: f64, color: &str, align: Align, max_w: Option<f64>);
    /// A courier's parcels: filled squares (tracked) and hollow ones (not).
    fn squares(&mut self, color: &str, filled: &[At], hollow: &[At]);
}

/// What is drawn besides the state: the link a reader has in focus (outlined), and the sprites'
/// density (1: the usual number).
pub struct Options {
    pub focused: Option<LinkId>,
    pub density: f64,
}

/// Draw the network of `e`'s current hour; the number of sprites drawn.
pub fn draw(p: &mut impl Painter, lay: &Layout, e: &Player, lang: Lang, pal: &Palette, o: &Options) -> usize {
    let links = &e.run().live.links;
    let f = e.current();
    let fs = lay.font;
    p.fill(&Rect { x: 0.0, y: 0.0, w: lay.w, h: lay.h }, pal.paper, 1.0);

    // parcel routes: platform → courier (the listing link) and courier → buyers
    for r in crate::present::layout::routes(lay, f, links, &e.run().baseline[0]) {
        if r.cut {
            p.dashed(r.a, r.b, pal.data_cut, r.width, 2.0, 4.0);
            sever(p, pal, lerp(r.a, r.b, 0.5), 7.0);
        } else {
            p.line(r.a, r.b, pal.route, r.width);
        }
    }
    let (x, y) = lay.hivebox.bottom();
    p.line((x, y), (x, lay.buyers.y), pal.route, 2.0);

    // sprites under the data layer and the nodes, so labels stay readable; a narrow canvas
    // gets proportionally fewer, so a phone shows the same density as a desktop
    let density = o.density * (lay.w / 1000.0).min(1.0);
    let mut drawn = 0;
    for cc in 0..NC {
        let (filled, hollow) = crate::present::layout::sprites(lay, f, links, e.phase(), density, cc);
        p.squares(pal.courier[cc], &filled, &hollow);
        drawn += filled.len() + hollow.len();
    }

    // the Cainiao data bar
    let c = &lay.cainiao;
    p.fill(c, pal.cainiao, 0.88);
    p.outline(c, pal.data_up, 1.0);
    p.text(t(lang, Key::CAINIAO), (c.x + 8.0, c.cy()), fs * 0.9, pal.data_up, Align::Left, None);

    // data links: the layout's list, the one hit-testing reads
    for LinkSeg { link: l, a, b, .. } in lay.data_links() {
        if links.is_up(l) {
            p.dashed(a, b, pal.data_up, 3.0, 7.0, 5.0);
        } else {
            // a visible gap in the middle and a sever mark
            p.dashed(a, lerp(a, b, 0.32), pal.data_cut, 3.0, 7.0, 5.0);
            p.dashed(lerp(a, b, 0.68), b, pal.data_cut, 3.0, 7.0, 5.0);
            sever(p, pal, lerp(a, b, 0.5), 8.0);
        }
        if o.focused == Some(l) {
            let (x0, x1) = (a.0.min(b.0) - 9.0, a.0.max(b.0) + 9.0);
            let (y0, y1) = (a.1.min(b.1) - 4.0, a.1.max(b.1) + 4.0);
            p.outline(&Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, pal.ink, 2.0);
        }
    }
    if let Some(LinkId::List(pl, cc)) = o.focused {
        // a focused listing: its route, shaded
        let (a, b) = lay.list_seg(pl.idx(), cc.idx());
        p.faint_line(a, b, pal.ink, 5.0, 0.35);
    }

    // nodes
    for pl in Platform::ALL {
        let r = lay.platform(pl);
        node(p, r, pal.surface, pal.ink);
        p.text(i18n::platform_name(lang, pl), (r.cx(), r.cy() - fs * 0.35), fs, pal.ink, Align::Center, Some(r.w - 6.0));
        // parcels over the last 24 simulated hours (the baseline's hours before the run starts)
        let per_day = network_text::platform_per_day(lang, e.run(), pl);
        p.text(&per_day, (r.cx(), r.cy() + fs * 0.65), fs * 0.8, pal.muted, Align::Center, Some(r.w - 6.0));
    }
    for cour in Courier::ALL {
        let i = cour.idx();
        let r = &lay.couriers[i];
        node(p, r, pal.surface, pal.ink);
        p.fill(&Rect { x: r.x, y: r.y, w: 7.0, h: r.h }, pal.courier[i], 1.0);
        let narrow = r.w < 60.0;
        let tx = if narrow { r.x + 9.0 } else { r.x + 12.0 };
        let inside = Some(r.x + r.w - tx - 2.0);
        let name_size = if narrow { lay.small } else { fs };
        p.text(i18n::courier_short(lang, cour), (tx, r.cy() - lay.small * 0.55), name_size, pal.ink, Align::Left, inside);
        // a narrow box: whole percents, so the number fits at a readable size
        let share = format!("{}%", crate::model::decimal::fixed(100.0 * f.share[i], if narrow { 0 } else { 1 }));
        let size = lay.small * if narrow { 0.85 } else { 1.0 };
        p.text(&share, (tx, r.cy() + lay.small * 0.75), size, pal.muted, Align::Left, inside);
        // a queue bar when the courier is more congested than in the world without cuts
        let extra_h = e.run().extra_queue_hours(f, e.current_baseline(), cour);
        if extra_h > 0.1 {
            let qh = (extra_h * 20.0).min(r.h);
            p.fill(&Rect { x: r.x + r.w - 6.0, y: r.y + r.h - qh, w: 4.0, h: qh }, pal.data_cut, 1.0);
        }
    }
    let hb = &lay.hivebox;
    node(p, hb, pal.hivebox, pal.ink);
    p.text(t(lang, Key::HIVEBOX), (hb.x + 6.0, hb.cy() - lay.small * 0.55), lay.small, pal.ink, Align::Left, Some(hb.w - 10.0));
    let waiting = network_text::locker_waiting(lang, f);
    p.text(&waiting, (hb.x + 6.0, hb.cy() + lay.small * 0.75), lay.small * 0.9, pal.muted, Align::Left, Some(hb.w - 10.0));
    node(p, &lay.buyers, pal.surface, pal.ink);
    p.text(t(lang, Key::BUYERS), (lay.buyers.cx(), lay.buyers.cy()), fs, pal.ink, Align::Center, None);
    drawn
}

/// A box: filled, outlined in ink.
fn node(p: &mut impl Painter, r: &Rect, fill: &str, stroke: &str) {
    p.fill(r, fill, 1.0);
    p.outline(r, stroke, 1.2);
}

/// A sever mark: a disc of the paper with a red cross.
fn sever(p: &mut impl Painter, pal: &Palette, m: At, r: f64) {
    p.disc(m, r + 3.0, pal.paper);
    p.line((m.0 - r, m.1 - r), (m.0 + r, m.1 + r), pal.data_cut, 3.0);
    p.line((m.0 - r, m.1 + r), (m.0 + r, m.1 - r), pal.data_cut, 3.0);
}

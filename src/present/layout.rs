//! Where things are drawn on the network canvas, in logical units (the canvas scales them).
//! Two layouts: landscape (wide screens) and portrait (phones).

use crate::model::ids::{LinkId, Platform, N_COURIERS};

/// Parcels per sprite: ~4.6 M parcels an hour at the evening peak become a few thousand sprites.
pub const PARCELS_PER_SPRITE: f64 = 2500.0;

#[derive(Clone, Copy, Debug)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    pub fn top(&self) -> (f64, f64) {
        (self.cx(), self.y)
    }
    pub fn bottom(&self) -> (f64, f64) {
        (self.cx(), self.y + self.h)
    }
}

pub struct Layout {
    pub w: f64,
    pub h: f64,
    pub platforms: [Rect; 3],
    /// One slot per courier of the model, in the order of `Courier::ALL`.
    pub couriers: [Rect; N_COURIERS],
    pub cainiao: Rect,
    pub hivebox: Rect,
    pub buyers: Rect,
    pub font: f64,
    /// Font size of courier labels and small print.
    pub small: f64,
}

/// How a link is drawn on the network canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawn {
    /// A dashed data line: a click or tap on it cuts or restores the link.
    Data,
    /// A parcel route (a listing): drawn, but toggled by its button under the network, never by
    /// a tap (a tap in the bundle of routes would delist a courier by accident).
    Route,
}

/// A link drawn on the canvas: its segment (what a click must hit, for a data line).
pub struct LinkSeg {
    pub link: LinkId,
    pub a: (f64, f64),
    pub b: (f64, f64),
    pub drawn: Drawn,
}

impl Layout {
    pub fn for_width(css_width: f64) -> Layout {
        if css_width < 640.0 {
            Layout::portrait()
        } else {
            Layout::landscape()
        }
    }

    pub fn landscape() -> Layout {
        let w = 1000.0;
        let pw = 170.0;
        let platforms = [
            Rect { x: 200.0 - pw / 2.0, y: 20.0, w: pw, h: 52.0 },
            Rect { x: 500.0 - pw / 2.0, y: 20.0, w: pw, h: 52.0 },
            Rect { x: 800.0 - pw / 2.0, y: 20.0, w: pw, h: 52.0 },
        ];
        // the couriers share the row left of the Hive Box (93 units each for nine)
        let couriers = slots(10.0, 847.0, 9.0, Rect { x: 0.0, y: 300.0, w: 0.0, h: 48.0 });
        Layout {
            w,
            h: 540.0,
            platforms,
            couriers,
            cainiao: Rect { x: 10.0, y: 190.0, w: 980.0, h: 30.0 },
            hivebox: Rect { x: 852.0, y: 300.0, w: 138.0, h: 48.0 },
            buyers: Rect { x: 10.0, y: 480.0, w: 980.0, h: 44.0 },
            font: 15.0,
            small: 12.0,
        }
    }

    /// Phones: the same picture, narrower couriers.
    pub fn portrait() -> Layout {
        let w = 420.0;
        let pw = 128.0;
        let platforms = [
            Rect { x: 8.0, y: 12.0, w: pw, h: 52.0 },
            Rect { x: 146.0, y: 12.0, w: pw, h: 52.0 },
            Rect { x: 284.0, y: 12.0, w: pw, h: 52.0 },
        ];
        // the couriers share the row (44 units each for nine)
        let couriers = slots(4.0, 400.0, 3.0, Rect { x: 0.0, y: 290.0, w: 0.0, h: 44.0 });
        Layout {
            w,
            h: 520.0,
            platforms,
            couriers,
            cainiao: Rect { x: 4.0, y: 150.0, w: 412.0, h: 28.0 },
            hivebox: Rect { x: 306.0, y: 462.0, w: 110.0, h: 44.0 },
            buyers: Rect { x: 4.0, y: 462.0, w: 296.0, h: 44.0 },
            font: 13.0,
            small: 10.0,
        }
    }

    /// Larger type (presenter mode).
    pub fn with_font_scale(mut self, k: f64) -> Layout {
        self.font *= k;
        self.small *= k;
        self
    }

    /// No type smaller than `min_css` CSS pixels when the layout is drawn `css_width` wide
    /// (a phone, a narrow embed): the layout is scaled to the width, its type is not.
    pub fn with_min_css_font(mut self, css_width: f64, min_css: f64) -> Layout {
        let floor = min_css * self.w / css_width.max(1.0);
        self.font = self.font.max(floor);
        self.small = self.small.max(floor);
        self
    }

    pub fn platform(&self, p: Platform) -> &Rect {
        &self.platforms[p.idx()]
    }

    /// Tracking post-back: from the courier's top up to the Cainiao bar.
    pub fn track_seg(&self, c: usize) -> ((f64, f64), (f64, f64)) {
        let r = &self.couriers[c];
        let x = r.x + r.w * 0.78;
        ((x, r.y), (x, self.cainiao.y + self.cainiao.h))
    }

    pub fn display_seg(&self) -> ((f64, f64), (f64, f64)) {
        let r = &self.platforms[0];
        let x = r.x + r.w * 0.2;
        ((x, self.cainiao.y), (x, r.y + r.h))
    }

    pub fn locker_seg(&self) -> ((f64, f64), (f64, f64)) {
        let x = self.hivebox.x + self.hivebox.w - 16.0;
        ((x, self.hivebox.y), (x, self.cainiao.y + self.cainiao.h))
    }

    /// Parcel route platform → courier (also the listing link).
    pub fn list_seg(&self, p: usize, c: usize) -> ((f64, f64), (f64, f64)) {
        let pr = &self.platforms[p];
        let cr = &self.couriers[c];
        let px = pr.x + pr.w * (0.35 + 0.15 * (c as f64 / LAST_COURIER));
        ((px, pr.y + pr.h), (cr.x + cr.w * (0.25 + 0.15 * p as f64), cr.y))
    }

    /// Parcel route courier → buyers.
    pub fn deliver_seg(&self, c: usize) -> ((f64, f64), (f64, f64)) {
        let (x, y) = self.couriers[c].bottom();
        let bx = self.buyers.x + self.buyers.w * (0.06 + 0.88 * c as f64 / LAST_COURIER);
        ((x, y), (bx, self.buyers.y))
    }

    /// Where a link is drawn, and how; `None` for a link that is not on the canvas (a courier's
    /// own tracking to JD or the other platforms, toggled in the links panel). Drawing and
    /// hit-testing read this one place, so a new kind of link is placed here or not at all.
    pub fn segment(&self, link: LinkId) -> Option<LinkSeg> {
        let ((a, b), drawn) = match link {
            LinkId::Track(c) => (self.track_seg(c.idx()), Drawn::Data),
            LinkId::DisplayTaobao => (self.display_seg(), Drawn::Data),
            LinkId::LockerHivebox => (self.locker_seg(), Drawn::Data),
            LinkId::List(p, c) => (self.list_seg(p.idx(), c.idx()), Drawn::Route),
            LinkId::Direct(..) => return None,
        };
        Some(LinkSeg { link, a, b, drawn })
    }

    /// The links drawn on the canvas, in the model's order (`LinkId::all`).
    pub fn link_segments(&self) -> Vec<LinkSeg> {
        LinkId::all().into_iter().filter_map(|l| self.segment(l)).collect()
    }

    /// The dashed data lines (drawn in this order; a click on one toggles it).
    pub fn data_links(&self) -> impl Iterator<Item = LinkSeg> {
        self.link_segments().into_iter().filter(|s| s.drawn == Drawn::Data)
    }

    /// The link nearest to a point (logical units), if within `tol`.
    /// Data links (drawn on top) win over listing routes at equal distance.
    /// The data link a click or tap at (x, y) means. Listings are not: their lines are the
    /// parcel routes themselves, so a tap in the bundle would delist a courier by accident (they
    /// are toggled by their buttons under the network).
    pub fn hit(&self, x: f64, y: f64, tol: f64) -> Option<LinkId> {
        let mut best: Option<(f64, LinkId)> = None;
        for s in self.data_links() {
            let d = dist_to_seg((x, y), s.a, s.b);
            if d <= tol && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, s.link));
            }
        }
        best.map(|b| b.1)
    }
}

/// The index of the last courier, as a fraction's denominator (routes fan out over the couriers).
const LAST_COURIER: f64 = (N_COURIERS - 1) as f64;

/// One slot per courier, side by side from `x0` to `x1`, `gap` apart, at `row`'s height.
fn slots(x0: f64, x1: f64, gap: f64, row: Rect) -> [Rect; N_COURIERS] {
    let pitch = (x1 - x0) / N_COURIERS as f64;
    std::array::from_fn(|i| Rect { x: x0 + i as f64 * pitch, w: pitch - gap, ..row })
}

pub fn dist_to_seg(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (qx, qy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}

/// A point on the canvas, in CSS pixels.
pub type Point = (f64, f64);

/// A parcel route on the network: its ends, its width (from the parcels on it now), and whether
/// its listing is cut (drawn dashed, with a cross at its middle).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Route {
    pub a: Point,
    pub b: Point,
    pub width: f64,
    pub cut: bool,
}

/// The line width of a route carrying `parcels` an hour.
fn flow_width(parcels: f64) -> f64 {
    0.6 + (parcels / 40_000.0).sqrt().min(5.0)
}

/// The parcel routes of frame `f`: platform → courier (each that carries parcels in the no-cuts
/// world, or is cut), then courier → buyers. The page's canvas and the CLI's picture draw these.
pub fn routes(
    lay: &Layout,
    f: &crate::model::output::Frame,
    links: &crate::model::links::Links,
    baseline: &crate::model::output::Frame,
) -> Vec<Route> {
    let mut out = Vec::new();
    for p in 0..crate::model::ids::N_PLATFORMS {
        for cc in 0..N_COURIERS {
            let listed = links.list[p][cc];
            if baseline.shipped[p][cc] <= 0.0 && listed {
                continue;
            }
            let (a, b) = lay.list_seg(p, cc);
            out.push(Route { a, b, width: if listed { flow_width(f.shipped[p][cc]) } else { 1.5 }, cut: !listed });
        }
    }
    for cc in 0..N_COURIERS {
        let (a, b) = lay.deliver_seg(cc);
        out.push(Route { a, b, width: flow_width(f.delivered_c(cc)), cut: false });
    }
    out
}

/// Where courier `cc`'s parcels are drawn at the player's `phase`, `density` times the usual
/// number (`PARCELS_PER_SPRITE` parcels a square): (tracked, untracked) centres, on the routes from
/// the platforms and on the way to the buyers. The page's canvas and the CLI's picture draw these.
pub fn sprites(
    lay: &Layout,
    f: &crate::model::output::Frame,
    links: &crate::model::links::Links,
    phase: f64,
    density: f64,
    cc: usize,
) -> (Vec<Point>, Vec<Point>) {
    let per_sprite = PARCELS_PER_SPRITE / density.max(1e-3);
    let (mut filled, mut hollow) = (Vec::new(), Vec::new());
    let (mut untracked, mut flow) = (0.0, 0.0);
    let along = |out: &mut Vec<(f64, f64)>, (a, b): ((f64, f64), (f64, f64)), n: usize, offset: f64, keep: &dyn Fn(usize) -> bool| {
        for i in 0..n {
            if keep(i) {
                out.push(jitter(lerp(a, b, frac(i as f64 / n as f64 + offset)), i));
            }
        }
    };
    for p in 0..crate::model::ids::N_PLATFORMS {
        let x = f.shipped[p][cc];
        flow += x;
        let tracked = links.tracked(cc, p, false);
        if !tracked {
            untracked += x;
        }
        let n = (x / per_sprite).round() as usize;
        along(if tracked { &mut filled } else { &mut hollow }, lay.list_seg(p, cc), n, phase + (p * 31 + cc) as f64 * 0.013, &|_| true);
    }
    // on the way to the buyers, a share of the squares as untracked as the flow that feeds them
    let n = (f.delivered_c(cc) / per_sprite).round() as usize;
    let share = if flow > 0.0 { untracked / flow } else { 0.0 };
    let offset = phase * 0.8 + cc as f64 * 0.07;
    let untracked_one = |i: usize| (i % 20) as f64 / 20.0 < share;
    along(&mut hollow, lay.deliver_seg(cc), n, offset, &untracked_one);
    along(&mut filled, lay.deliver_seg(cc), n, offset, &|i| !untracked_one(i));
    (filled, hollow)
}

fn jitter(p: (f64, f64), i: usize) -> (f64, f64) {
    let o = ((i * 37) % 7) as f64 - 3.0;
    (p.0 + o * 1.1, p.1 + (((i * 53) % 5) as f64 - 2.0) * 0.8)
}

fn frac(x: f64) -> f64 {
    x - x.floor()
}

/// The point a fraction `s` of the way from `a` to `b`.
pub fn lerp(a: (f64, f64), b: (f64, f64), s: f64) -> (f64, f64) {
    (a.0 + (b.0 - a.0) * s, a.1 + (b.1 - a.1) * s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_listing_is_a_thin_cut_route_and_every_courier_reaches_the_buyers() {
        use crate::model::run::{Run, RunSpec};
        let mut spec = RunSpec::new(crate::model::scenario::builtin("june-2017").unwrap());
        spec.set_param("merchants", 1500.0).unwrap();
        spec.scenario.days = 2;
        let mut r = Run::new(spec);
        r.seek(r.start() + 30);
        let lay = Layout::landscape();
        let f = r.frames().last().unwrap().clone();
        let mut links = r.live.links.clone();
        let all = routes(&lay, &f, &links, &r.baseline[0]);
        assert!(all.iter().all(|x| !x.cut && x.width >= 0.6 && x.width <= 5.6), "{all:?}");
        assert_eq!(
            all[all.len() - N_COURIERS..].iter().map(|x| (x.a, x.b)).collect::<Vec<_>>(),
            (0..N_COURIERS).map(|c| lay.deliver_seg(c)).collect::<Vec<_>>()
        );
        links.list[0][0] = false;
        let cut: Vec<Route> = routes(&lay, &f, &links, &r.baseline[0]).into_iter().filter(|x| x.cut).collect();
        assert_eq!(cut.len(), 1);
        assert_eq!((cut[0].a, cut[0].b, cut[0].width), (lay.list_seg(0, 0).0, lay.list_seg(0, 0).1, 1.5));
    }
    use crate::model::ids::Courier;

    #[test]
    fn canvas_type_is_never_under_11_css_pixels_from_320_to_1920() {
        for w in [320.0, 390.0, 500.0, 639.0, 640.0, 700.0, 800.0, 1024.0, 1280.0, 1920.0] {
            let lay = Layout::for_width(w).with_min_css_font(w, 11.0);
            let k = w / lay.w;
            assert!(lay.small * k >= 11.0 - 1e-9 && lay.font * k >= 11.0 - 1e-9, "{w}: {} / {} css px", lay.small * k, lay.font * k);
        }
    }

    #[test]
    fn a_click_on_a_dashed_tracking_line_finds_that_link_in_both_layouts() {
        let sf = LinkId::Track(Courier::Sf);
        assert_eq!(Layout::landscape().hit(79.5, 262.0, 14.0), Some(sf));
        assert_eq!(Layout::portrait().hit(36.0, 235.0, 14.0), Some(sf));
        assert_eq!(Layout::landscape().hit(500.0, 530.0, 14.0), None, "the buyers' bar is not a link");
        // a tap on a listing's line (a parcel route) delists nobody
        for lay in [Layout::landscape(), Layout::portrait()] {
            for s in lay.link_segments().into_iter().filter(|s| matches!(s.link, LinkId::List(..))) {
                let mid = ((s.a.0 + s.b.0) / 2.0, (s.a.1 + s.b.1) / 2.0);
                assert!(!matches!(lay.hit(mid.0, mid.1, 14.0), Some(LinkId::List(..))), "{}", s.link);
            }
        }
    }

    /// Every courier of the model has its slot, inside the canvas, left of the next and clear of
    /// the Hive Box; with nine, exactly where they were drawn before.
    #[test]
    fn every_courier_has_its_slot_side_by_side_inside_the_canvas() {
        for lay in [Layout::landscape(), Layout::portrait()] {
            assert_eq!(lay.couriers.len(), Courier::ALL.len());
            for c in Courier::ALL {
                let r = lay.couriers[c.idx()];
                assert!(r.x >= 0.0 && r.x + r.w <= lay.w && r.w > 20.0 && r.y + r.h <= lay.h, "{}: {r:?}", c.id());
                let (hb, r_end) = (lay.hivebox, r.x + r.w);
                assert!(r_end <= hb.x || r.y + r.h <= hb.y || hb.y + hb.h <= r.y, "{} overlaps the Hive Box", c.id());
                if let Some(next) = lay.couriers.get(c.idx() + 1) {
                    assert!(r_end < next.x, "{} overlaps the next courier", c.id());
                }
            }
        }
        let (l, p) = (Layout::landscape(), Layout::portrait());
        for i in 0..9 {
            assert_eq!((l.couriers[i].x, l.couriers[i].w), (10.0 + i as f64 * 93.0, 84.0));
            assert_eq!((p.couriers[i].x, p.couriers[i].w), (4.0 + i as f64 * 44.0, 41.0));
        }
    }

    /// Every link of the model is drawn (a data line a click at its middle finds, or a parcel
    /// route), except a courier's own tracking to JD and the other platforms (in the links panel).
    #[test]
    fn every_link_of_the_model_is_drawn_and_every_data_line_is_clickable() {
        for lay in [Layout::landscape(), Layout::portrait()] {
            for l in LinkId::all() {
                match lay.segment(l) {
                    None => assert!(matches!(l, LinkId::Direct(..)), "{l} is not on the canvas"),
                    Some(s) if s.drawn == Drawn::Data => {
                        let mid = ((s.a.0 + s.b.0) / 2.0, (s.a.1 + s.b.1) / 2.0);
                        assert_eq!(lay.hit(mid.0, mid.1, 14.0), Some(l), "a click on {l}");
                    }
                    Some(s) => assert!(matches!(s.link, LinkId::List(..)), "{l} is drawn as a parcel route"),
                }
            }
            let data: Vec<LinkId> = lay.data_links().map(|s| s.link).collect();
            assert_eq!(data.len(), Courier::ALL.len() + 2, "{data:?}");
        }
    }

    #[test]
    fn every_link_is_drawn_inside_the_canvas() {
        for lay in [Layout::landscape(), Layout::portrait()] {
            for s in lay.link_segments() {
                for (x, y) in [s.a, s.b] {
                    assert!((0.0..=lay.w).contains(&x) && (0.0..=lay.h).contains(&y), "{} at ({x}, {y})", s.link);
                }
            }
            assert_eq!(Layout::for_width(lay.w).w, lay.w);
        }
    }
}

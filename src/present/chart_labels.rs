//! Where a chart's end labels go: each line is named at its end, and labels that would overlap
//! are pushed apart vertically (keeping their order), with a leader line to their line when
//! moved. Pure arithmetic in pixels, tested natively; `charts` draws what it returns.

/// A placed label: its box (left, top, width, height, in pixels) and the point it names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// The end of the line it names.
    pub anchor: (f64, f64),
}

impl Placed {
    pub fn overlaps(&self, o: &Placed) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    /// Moved far enough from its line's end to need a leader line.
    pub fn needs_leader(&self) -> bool {
        let cy = self.y + self.h / 2.0;
        (cy - self.anchor.1).abs() > self.h
    }
}

/// Tops for boxes of height `h` that want to start at `wanted` (any order), at least `h` apart,
/// within `[top, bottom - h]` when they fit (order kept; if they cannot all fit, they overflow at
/// the bottom rather than overlap).
pub fn spread(wanted: &[f64], h: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]).then(a.cmp(&b)));
    let lo = top;
    let hi = (bottom - h).max(top);
    let mut y: Vec<f64> = order.iter().map(|&i| wanted[i].max(lo).min(hi)).collect();
    // push down so that each is at least h below the previous
    for k in 1..y.len() {
        y[k] = y[k].max(y[k - 1] + h);
    }
    // then, from the bottom, pull back up inside the area (never above the top)
    if let Some(last) = y.last_mut() {
        *last = last.min(hi).max(lo);
    }
    for k in (0..y.len().saturating_sub(1)).rev() {
        y[k] = y[k].min(y[k + 1] - h).max(lo);
    }
    // if pulling up hit the top, push down again (they overflow at the bottom instead)
    for k in 1..y.len() {
        y[k] = y[k].max(y[k - 1] + h);
    }
    let mut out = vec![0.0; wanted.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = y[k];
    }
    out
}

/// Place labels of widths `widths` (pixels, height `h`) at the ends `ends` of their lines, in a
/// plot area `[left, right] × [top, bottom]`: just right of the end when there is room (the
/// future of the run), else just left of it; above the end, pushed apart where they would overlap.
pub fn place(ends: &[(f64, f64)], widths: &[f64], h: f64, area: (f64, f64, f64, f64)) -> Vec<Placed> {
    let (left, right, top, bottom) = area;
    let gap = 0.4 * h;
    // one column for all: right of the furthest end if every label fits there, else left of it
    let end_x = ends.iter().map(|e| e.0).fold(left, f64::max);
    let widest = widths.iter().cloned().fold(0.0, f64::max);
    let right_side = end_x + gap + widest <= right;
    let wanted: Vec<f64> = ends.iter().map(|e| e.1 - h - 0.15 * h).collect();
    let tops = spread(&wanted, h, top, bottom);
    ends.iter()
        .zip(widths)
        .zip(tops)
        .map(|((&anchor, &w), y)| {
            let x = if right_side { end_x + gap } else { (end_x - gap - w).max(left) };
            Placed { x, y, w, h, anchor }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_overlaps(p: &[Placed]) -> bool {
        p.iter().enumerate().all(|(i, a)| p[i + 1..].iter().all(|b| !a.overlaps(b)))
    }

    #[test]
    fn labels_at_the_same_place_are_spread_apart_in_order() {
        let y = spread(&[100.0, 100.0, 101.0], 14.0, 0.0, 300.0);
        assert!(y[1] >= y[0] + 14.0 && y[2] >= y[1] + 14.0, "{y:?}");
        let p = place(&[(200.0, 120.0), (200.0, 121.0), (200.0, 119.0)], &[60.0, 80.0, 40.0], 14.0, (0.0, 500.0, 0.0, 300.0));
        assert!(no_overlaps(&p));
        // order kept: the highest end gets the highest label
        assert!(p[2].y < p[0].y && p[0].y < p[1].y);
        // room on the right (the rest of the run): labels go there
        assert!(p.iter().all(|l| l.x > 200.0));
    }

    #[test]
    fn labels_stay_inside_the_plot_and_go_left_at_the_end_of_the_run() {
        let area = (50.0, 400.0, 10.0, 200.0);
        let p = place(&[(400.0, 198.0), (400.0, 199.0), (400.0, 12.0)], &[70.0, 70.0, 70.0], 14.0, area);
        assert!(no_overlaps(&p));
        for l in &p {
            assert!(l.x >= 50.0 && l.x + l.w <= 400.0, "{l:?}");
            assert!(l.y >= 10.0 && l.y + l.h <= 200.0, "{l:?}");
        }
        assert!(p[0].needs_leader() || p[1].needs_leader(), "one of the two at the bottom moved away from its line");
    }

    #[test]
    fn nine_labels_in_a_small_chart_never_overlap() {
        // "who gains": nine lines ending within a few pixels of each other
        let ends: Vec<(f64, f64)> = (0..9).map(|i| (300.0, 100.0 + (i % 3) as f64)).collect();
        let p = place(&ends, &[30.0; 9], 13.0, (40.0, 520.0, 8.0, 220.0));
        assert!(no_overlaps(&p));
        assert!(p.iter().all(|l| l.y >= 8.0 && l.y + l.h <= 220.0));
    }
}

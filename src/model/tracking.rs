//! Tracking visibility, by stage: a parcel is untracked only while it is in a stage whose data
//! path is cut (its trunk journey, or its wait in a Hive Box locker). Untracked parcel-hours make
//! buyers ask the merchant who shipped (inquiries), and on Taobao a delivery nobody can see
//! delays the release of the merchant's money (Alipay releases payment on delivery evidence).

use super::capacity::{cell_locker, cell_platform, CELLS};
use super::config::Config;
use super::ids::{Platform, N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;

/// Untracked parcels by platform and courier: the whole stock of a courier whose trunk path is
/// cut, and the parcels waiting in lockers whose locker path is cut.
pub fn untracked_by(in_system: &[[f64; CELLS]; NC], in_locker: &[[f64; CELLS]; NC], links: &Links) -> [[f64; NC]; NP] {
    let mut u = [[0.0; NC]; NP];
    for c in 0..NC {
        for cl in 0..CELLS {
            let p = cell_platform(cl);
            if !links.trunk_visible(c, p) {
                u[p][c] += in_system[c][cl];
            } else if cell_locker(cl) && !links.locker_visible(c, p) {
                u[p][c] += in_locker[c][cl].max(0.0);
            }
        }
    }
    u
}

/// Parcels in the system (queued, in transit or in a locker) whose buyer cannot see the stage
/// they are in.
pub fn untracked(in_system: &[[f64; CELLS]; NC], in_locker: &[[f64; CELLS]; NC], links: &Links) -> f64 {
    untracked_by(in_system, in_locker, links).iter().flatten().sum()
}

/// Buyer inquiries per hour about `stock` parcels of which `untracked` cannot be seen.
pub fn inquiries(cfg: &Config, stock: f64, untracked: f64) -> f64 {
    ((stock - untracked).max(0.0) * cfg.inquiry_rate_tracked + untracked * cfg.inquiry_rate_untracked) / 24.0
}

/// Hours from delivery to payment release for a Taobao parcel delivered now in cell `cl` by
/// courier `c`: short when the delivery (door, or locker pickup) is visible.
pub fn payment_lag(cfg: &Config, c: usize, cl: usize, links: &Links) -> f64 {
    if links.tracked(c, Platform::Taobao.idx(), cell_locker(cl)) {
        cfg.payment_lag_tracked_h
    } else {
        cfg.payment_lag_untracked_h
    }
}

/// Mean hours from delivery to payment release for the Taobao parcels delivered now
/// (`None` if none were delivered).
pub fn payment_delay(cfg: &Config, delivered: &[[f64; CELLS]; NC], links: &Links) -> Option<f64> {
    let tb = Platform::Taobao.idx();
    let (mut n, mut sum) = (0.0, 0.0);
    for c in 0..NC {
        for cl in 0..CELLS {
            if cell_platform(cl) != tb {
                continue;
            }
            let x = delivered[c][cl];
            n += x;
            sum += x * payment_lag(cfg, c, cl, links);
        }
    }
    if n > 0.0 {
        Some(sum / n)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::capacity::cell;
    use crate::model::ids::{Courier, LinkId};

    #[test]
    fn cutting_tracking_raises_untracked_inquiries_and_payment_delay() {
        let cfg = Config::from_params(&crate::model::scenario::builtin("baseline-2017").unwrap().params);
        let mut sys = [[0.0; CELLS]; NC];
        sys[0][cell(0, false, false)] = 1000.0; // SF, Taobao
        sys[0][cell(1, false, false)] = 500.0; // SF, JD
        sys[1][cell(0, false, false)] = 2000.0; // ZTO, Taobao
        let none = [[0.0; CELLS]; NC];
        let up = Links::default();
        assert_eq!(untracked(&sys, &none, &up), 0.0);
        let mut cut = Links::default();
        cut.set(LinkId::Track(Courier::Sf), false);
        assert_eq!(untracked(&sys, &none, &cut), 1000.0, "only SF's Taobao parcels lose tracking");
        assert!(inquiries(&cfg, 3500.0, 1000.0) > 5.0 * inquiries(&cfg, 3500.0, 0.0));
        let before = payment_delay(&cfg, &sys, &up).unwrap();
        let after = payment_delay(&cfg, &sys, &cut).unwrap();
        assert!(after > before);
        assert_eq!(payment_delay(&cfg, &[[0.0; CELLS]; NC], &up), None);
    }

    #[test]
    fn a_hivebox_cut_hides_the_locker_stage_only() {
        let mut sys = [[0.0; CELLS]; NC];
        let mut locker = [[0.0; CELLS]; NC];
        // 1000 ZTO Taobao locker-bound parcels, 300 of them already waiting in the locker
        sys[1][cell(0, false, true)] = 1000.0;
        locker[1][cell(0, false, true)] = 300.0;
        let mut cut = Links::default();
        cut.set(LinkId::LockerHivebox, false);
        assert_eq!(untracked(&sys, &locker, &cut), 300.0, "the trunk journey stays visible");
        cut.set(LinkId::Track(Courier::Zto), false);
        assert_eq!(untracked(&sys, &locker, &cut), 1000.0, "a trunk cut hides every stage");
    }
}

//! Tracking visibility: parcels whose buyers cannot see them generate inquiries, and on Taobao
//! the merchant's money waits longer (Alipay releases payment on evidence of delivery).

use super::capacity::{cell_locker, cell_platform, CELLS};
use super::config::Config;
use super::ids::{Platform, N_COURIERS as NC};
use super::links::Links;

/// Parcels in the system (queued, in transit or in a locker) whose buyer cannot track them.
pub fn untracked(in_system: &[[f64; CELLS]; NC], links: &Links) -> f64 {
    let mut u = 0.0;
    for c in 0..NC {
        for cl in 0..CELLS {
            if !links.tracked(c, cell_platform(cl), cell_locker(cl)) {
                u += in_system[c][cl];
            }
        }
    }
    u
}

/// Buyer inquiries per hour.
pub fn inquiries(cfg: &Config, in_system_total: f64, untracked: f64) -> f64 {
    ((in_system_total - untracked) * cfg.inquiry_rate_tracked + untracked * cfg.inquiry_rate_untracked) / 24.0
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
            let lag = if links.tracked(c, tb, cell_locker(cl)) { cfg.payment_lag_tracked_h } else { cfg.payment_lag_untracked_h };
            n += x;
            sum += x * lag;
        }
    }
    if n > 0.0 { Some(sum / n) } else { None }
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
        let up = Links::default();
        assert_eq!(untracked(&sys, &up), 0.0);
        let mut cut = Links::default();
        cut.set(LinkId::Track(Courier::Sf), false);
        assert_eq!(untracked(&sys, &cut), 1000.0, "only SF's Taobao parcels lose tracking");
        assert!(inquiries(&cfg, 3500.0, 1000.0) > 5.0 * inquiries(&cfg, 3500.0, 0.0));
        let before = payment_delay(&cfg, &sys, &up).unwrap();
        let after = payment_delay(&cfg, &sys, &cut).unwrap();
        assert!(after > before);
        assert_eq!(payment_delay(&cfg, &[[0.0; CELLS]; NC], &up), None);
    }
}

//! Data links and tracking visibility.
//! A parcel is *tracked* for its buyer when an unbroken data path exists from its courier
//! (and its locker, if it goes to one) to its platform at that moment.

use super::ids::{Courier, LinkId, Platform, N_COURIERS as NC, N_PLATFORMS as NP};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    pub track: [bool; NC],
    pub display_taobao: bool,
    pub locker_hivebox: bool,
    pub list: [[bool; NC]; NP],
    /// Direct tracking to JD and Other (the Taobao row is unused: Taobao tracking goes through Cainiao).
    pub direct: [[bool; NC]; NP],
    /// Platform advice against a courier.
    pub advice: [[bool; NC]; NP],
    /// A regulator (or the parties) has called for a settlement: merchants expect outages to end sooner.
    pub talks: bool,
}

impl Default for Links {
    fn default() -> Self {
        Links {
            track: [true; NC],
            display_taobao: true,
            locker_hivebox: true,
            list: [[true; NC]; NP],
            direct: [[true; NC]; NP],
            advice: [[false; NC]; NP],
            talks: false,
        }
    }
}

impl Links {
    pub fn is_up(&self, l: LinkId) -> bool {
        match l {
            LinkId::Track(c) => self.track[c.idx()],
            LinkId::DisplayTaobao => self.display_taobao,
            LinkId::LockerHivebox => self.locker_hivebox,
            LinkId::List(p, c) => self.list[p.idx()][c.idx()],
            LinkId::Direct(p, c) => self.direct[p.idx()][c.idx()],
        }
    }

    pub fn set(&mut self, l: LinkId, up: bool) {
        match l {
            LinkId::Track(c) => self.track[c.idx()] = up,
            LinkId::DisplayTaobao => self.display_taobao = up,
            LinkId::LockerHivebox => self.locker_hivebox = up,
            LinkId::List(p, c) => self.list[p.idx()][c.idx()] = up,
            LinkId::Direct(p, c) => self.direct[p.idx()][c.idx()] = up,
        }
    }

    /// Every link up and no advice.
    pub fn all_clear(&self) -> bool {
        *self == Links { talks: self.talks, ..Links::default() }
    }

    /// Can the buyer on platform `p` see the trunk journey (pickup, sorting, transport, door
    /// delivery) of a parcel of courier `c`? On Taobao: courier → Cainiao → Taobao; elsewhere the
    /// courier's direct feed.
    pub fn trunk_visible(&self, c: usize, p: usize) -> bool {
        if p == Platform::Taobao.idx() {
            self.track[c] && self.display_taobao
        } else {
            self.direct[p][c]
        }
    }

    /// Can the buyer see the locker stage (arrival notice, pickup) of a Hive Box parcel? It needs
    /// the trunk path and, on Taobao, the locker link too (Hive Box notifies JD and Other buyers
    /// itself).
    pub fn locker_visible(&self, c: usize, p: usize) -> bool {
        self.trunk_visible(c, p) && (p != Platform::Taobao.idx() || self.locker_hivebox)
    }

    /// Is the stage a parcel is in visible to its buyer (`locker_stage`: it is waiting in a
    /// Hive Box locker, or being picked up from one)?
    pub fn tracked(&self, c: usize, p: usize, locker_stage: bool) -> bool {
        if locker_stage {
            self.locker_visible(c, p)
        } else {
            self.trunk_visible(c, p)
        }
    }

    /// Does a buyer get told that the parcel is waiting in a Hive Box locker?
    /// On Taobao, Hive Box needs the phone numbers Cainiao passes through the locker link.
    pub fn locker_notified(&self, p: usize) -> bool {
        p != Platform::Taobao.idx() || self.locker_hivebox
    }

    pub fn cut_links(&self) -> Vec<LinkId> {
        LinkId::all().into_iter().filter(|l| !self.is_up(*l)).collect()
    }
}

pub fn courier_of(c: usize) -> Courier {
    Courier::ALL[c]
}

#[cfg(test)]
mod tests {
    use super::*;
    const SF: usize = 0;
    const TB: usize = 0;
    const JD: usize = 1;

    #[test]
    fn tracking_needs_an_unbroken_path() {
        let mut l = Links::default();
        assert!(l.tracked(SF, TB, false) && l.tracked(SF, TB, true));
        l.set(LinkId::LockerHivebox, false);
        assert!(l.tracked(SF, TB, false), "door delivery does not need the locker link");
        assert!(!l.tracked(SF, TB, true), "the locker stage on Taobao loses tracking");
        assert!(l.trunk_visible(1, TB), "a ZTO parcel's trunk journey stays visible");
        assert!(l.tracked(SF, JD, true), "JD buyers are not affected by the Cainiao locker link");
        assert!(!l.locker_notified(TB) && l.locker_notified(JD));
        l.set(LinkId::Track(Courier::Sf), false);
        assert!(!l.tracked(SF, TB, false));
        assert!(l.tracked(SF, JD, false), "SF's direct feed to JD still works");
        assert!(l.tracked(1, TB, false), "ZTO still tracked");
        l.set(LinkId::DisplayTaobao, false);
        assert!(!l.tracked(1, TB, false), "nothing shows on Taobao without the display link");
        assert_eq!(l.cut_links().len(), 3);
    }
}

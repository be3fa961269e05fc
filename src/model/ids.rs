//! Stable ids for couriers, platforms, categories and data links.
//! These strings are used everywhere: the CLI, CSV columns, links in the app and the embed API.

use std::fmt;

/// Couriers, in the fixed order used by every array in the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Courier {
    Sf,
    Zto,
    Yto,
    Sto,
    Yunda,
    Best,
    Ems,
    Jdl,
    Other,
}

pub const N_COURIERS: usize = 9;
pub const N_PLATFORMS: usize = 3;
pub const N_CATEGORIES: usize = 4;

impl Courier {
    pub const ALL: [Courier; N_COURIERS] =
        [Courier::Sf, Courier::Zto, Courier::Yto, Courier::Sto, Courier::Yunda, Courier::Best, Courier::Ems, Courier::Jdl, Courier::Other];
    pub fn id(self) -> &'static str {
        ["sf", "zto", "yto", "sto", "yunda", "best", "ems", "jdl", "other"][self as usize]
    }
    /// Owners of Hive Box lockers in 2017 (SF, STO, ZTO, Yunda; GLP is not a courier).
    pub fn owns_hivebox(self) -> bool {
        matches!(self, Courier::Sf | Courier::Sto | Courier::Zto | Courier::Yunda)
    }
    pub fn parse(s: &str) -> Option<Courier> {
        Courier::ALL.iter().copied().find(|c| c.id() == s)
    }
    pub fn idx(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    Taobao,
    Jd,
    Other,
}

impl Platform {
    pub const ALL: [Platform; N_PLATFORMS] = [Platform::Taobao, Platform::Jd, Platform::Other];
    pub fn id(self) -> &'static str {
        ["taobao", "jd", "other"][self as usize]
    }
    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.iter().copied().find(|p| p.id() == s)
    }
    pub fn idx(self) -> usize {
        self as usize
    }
}

/// Product categories of merchants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Fresh,
    Electronics,
    Apparel,
    General,
}

impl Category {
    pub const ALL: [Category; N_CATEGORIES] = [Category::Fresh, Category::Electronics, Category::Apparel, Category::General];
    pub fn id(self) -> &'static str {
        ["fresh", "electronics", "apparel", "general"][self as usize]
    }
    pub fn idx(self) -> usize {
        self as usize
    }
}

/// A data link that can be cut and restored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkId {
    /// `track.<courier>`: courier → Cainiao tracking post-back.
    Track(Courier),
    /// `display.taobao`: Cainiao → Taobao/Tmall tracking display.
    DisplayTaobao,
    /// `list.<platform>.<courier>`: the courier is a shipping option on the platform.
    List(Platform, Courier),
    /// `locker.hivebox`: Hive Box ↔ Cainiao (phone numbers in, pickup events out).
    LockerHivebox,
    /// `direct.<platform>.<courier>`: courier → JD / Other tracking (not through Cainiao).
    Direct(Platform, Courier),
}

impl LinkId {
    /// Every link, in a fixed order.
    pub fn all() -> Vec<LinkId> {
        let mut v = Vec::new();
        for c in Courier::ALL {
            v.push(LinkId::Track(c));
        }
        v.push(LinkId::DisplayTaobao);
        v.push(LinkId::LockerHivebox);
        for p in Platform::ALL {
            for c in Courier::ALL {
                v.push(LinkId::List(p, c));
            }
        }
        for p in [Platform::Jd, Platform::Other] {
            for c in Courier::ALL {
                v.push(LinkId::Direct(p, c));
            }
        }
        v
    }

    /// Parse a link id such as `track.sf` or `list.taobao.sf`. The error names what is wrong.
    pub fn parse(s: &str) -> Result<LinkId, String> {
        let parts: Vec<&str> = s.split('.').collect();
        // what was given is echoed shortened: a message stays short whatever was typed
        let (s, short) = (&super::shorten(s, 40), |x: &str| super::shorten(x, 40));
        let courier = |x: &str| {
            Courier::parse(x).ok_or_else(|| format!("unknown courier '{}' in link '{}' (couriers: {})", short(x), s, courier_list()))
        };
        let platform = |x: &str| {
            Platform::parse(x).ok_or_else(|| format!("unknown platform '{}' in link '{}' (platforms: taobao, jd, other)", short(x), s))
        };
        match parts.as_slice() {
            ["track", c] => Ok(LinkId::Track(courier(c)?)),
            ["display", "taobao"] => Ok(LinkId::DisplayTaobao),
            ["locker", "hivebox"] => Ok(LinkId::LockerHivebox),
            ["list", p, c] => Ok(LinkId::List(platform(p)?, courier(c)?)),
            ["direct", p, c] => {
                let p = platform(p)?;
                if p == Platform::Taobao {
                    return Err(format!("'{}': Taobao tracking goes through Cainiao; use track.<courier> and display.taobao", s));
                }
                Ok(LinkId::Direct(p, courier(c)?))
            }
            _ => Err(format!(
                "unknown link '{}' (links look like track.sf, display.taobao, list.taobao.sf, locker.hivebox, direct.jd.sf)",
                s
            )),
        }
    }

    pub fn id(&self) -> String {
        match self {
            LinkId::Track(c) => format!("track.{}", c.id()),
            LinkId::DisplayTaobao => "display.taobao".into(),
            LinkId::List(p, c) => format!("list.{}.{}", p.id(), c.id()),
            LinkId::LockerHivebox => "locker.hivebox".into(),
            LinkId::Direct(p, c) => format!("direct.{}.{}", p.id(), c.id()),
        }
    }
}

impl fmt::Display for LinkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

pub fn courier_list() -> String {
    Courier::ALL.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_id_round_trips() {
        let all = LinkId::all();
        assert_eq!(all.len(), 9 + 2 + 27 + 18);
        for l in all {
            assert_eq!(LinkId::parse(&l.id()), Ok(l));
        }
    }

    #[test]
    fn bad_link_ids_are_explained() {
        let e = LinkId::parse("track.dhl").unwrap_err();
        assert!(e.contains("unknown courier 'dhl'"), "{e}");
        let e = LinkId::parse("list.amazon.sf").unwrap_err();
        assert!(e.contains("unknown platform 'amazon'"), "{e}");
        assert!(LinkId::parse("direct.taobao.sf").is_err());
        assert!(LinkId::parse("").is_err());
    }
}

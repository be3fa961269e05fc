//! Colours of the canvas and charts, for a light and a dark theme: the Okabe–Ito hues (safe for
//! the common colour-vision deficiencies), one per courier, always paired with a text label so
//! nothing relies on colour alone. Each theme is data (`LIGHT`, `DARK`); a test computes every
//! colour's contrast against its theme's background (text at least 4.5:1, lines and marks at
//! least 3:1, WCAG AA), and that the page's style sheet has the same backgrounds.
//!
//! A courier's colour is `COURIER[courier.idx()]`, in the order of `Courier::ALL`: a courier added
//! to the model needs its colour here, in both themes (a test fails until it has one).

use crate::model::ids::Courier;
use crate::present::i18n::Key;

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// How the page looks: light, dark, or as the reader's system prefers (`auto`, the default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Auto];

    /// Its name in links (`theme=dark`), the host's `theme` command and the page (`data-theme`).
    pub fn id(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    /// Its name in the reader's words (the toolbar and the Embed dialog).
    pub fn key(self) -> Key {
        match self {
            Theme::Light => Key::THEME_LIGHT,
            Theme::Dark => Key::THEME_DARK,
            Theme::Auto => Key::THEME_AUTO,
        }
    }

    /// The theme named `s`, or why there is none (the host's `theme` command).
    pub fn parse_or_explain(s: &str) -> Result<Theme, String> {
        Theme::parse(s).ok_or_else(|| format!("unknown theme '{}' (themes: light, dark, auto)", s.chars().take(40).collect::<String>()))
    }

    /// Whether it draws dark, the reader's system preferring dark or not.
    pub fn dark(self, reader_prefers_dark: bool) -> bool {
        match self {
            Theme::Light => false,
            Theme::Dark => true,
            Theme::Auto => reader_prefers_dark,
        }
    }
}

/// One theme's colours (`#rrggbb`).
pub struct Palette {
    /// The background of the page, the canvas and the charts.
    pub paper: &'static str,
    /// Boxes drawn on the paper (the network's nodes, the Cainiao bar, the Hive Box).
    pub surface: &'static str,
    pub cainiao: &'static str,
    pub hivebox: &'static str,
    /// Text (at least 4.5:1 on the paper and every surface).
    pub ink: &'static str,
    pub muted: &'static str,
    /// A data link that is up (also text: "Cainiao"), and one that is cut.
    pub data_up: &'static str,
    pub data_cut: &'static str,
    /// Parcel routes and the charts' grid: context under the sprites and lines, not read on
    /// their own (exempt from the contrast rule; the sprites and lines on them are not).
    pub route: &'static str,
    pub grid_bold: &'static str,
    /// One per courier (lines and marks: at least 3:1 on the paper and the surfaces).
    pub courier: [&'static str; 9],
}

pub const LIGHT: Palette = Palette {
    paper: "#ffffff",
    surface: "#fafafa",
    cainiao: "#eef5fb",
    hivebox: "#fff8e6",
    ink: "#1a1a1a",
    muted: "#5c5c5c",
    data_up: "#0072B2",
    data_cut: "#B00020",
    route: "#d0d0d0",
    grid_bold: "#dcdcdc",
    courier: [
        "#D55E00", // SF: vermillion
        "#0072B2", // ZTO: blue
        "#C86FA0", // YTO: reddish purple, darkened for 3:1 on white
        "#B07300", // STO: orange, darkened for 3:1 on white
        "#9E8A00", // Yunda: yellow, darkened for 3:1 on white
        "#3A8FCC", // Best: sky blue, darkened for 3:1 on white
        "#009E73", // EMS: bluish green
        "#000000", // JD Logistics: black
        "#7A7A7A", // Others: grey
    ],
};

/// The same hues with the lightness turned for a dark background (#121212, the usual dark page).
pub const DARK: Palette = Palette {
    paper: "#121212",
    surface: "#1e1e1e",
    cainiao: "#13283a",
    hivebox: "#2e2614",
    ink: "#e6e6e6",
    muted: "#b8b8b8",
    data_up: "#5AAEE8",
    data_cut: "#FF7A7A",
    route: "#3a3a3a",
    grid_bold: "#333333",
    courier: [
        "#E8711A", // SF: vermillion
        "#2F8FD0", // ZTO: blue
        "#D98CB8", // YTO: reddish purple
        "#E69F00", // STO: orange
        "#F0E442", // Yunda: yellow
        "#6CB8F0", // Best: sky blue
        "#1DB38A", // EMS: bluish green
        "#E6E6E6", // JD Logistics: white for black
        "#8A8A8A", // Others: grey
    ],
};

/// The palette of a theme as drawn (`dark` or not).
pub fn of(dark: bool) -> &'static Palette {
    if dark {
        &DARK
    } else {
        &LIGHT
    }
}

/// The colours lines are drawn in (the couriers', the data links', grey and ink), as RGB, in the
/// order of `Palette::line`'s roles: computed once, at compile time.
const fn roles(p: &Palette) -> [Rgb; 13] {
    let mut out = [(0, 0, 0); 13];
    let mut i = 0;
    while i < 9 {
        out[i] = rgb(p.courier[i]);
        i += 1;
    }
    out[9] = rgb(p.data_up);
    out[10] = rgb(p.data_cut);
    out[11] = rgb(p.muted);
    out[12] = rgb(p.ink);
    out
}
const LIGHT_ROLES: [Rgb; 13] = roles(&LIGHT);
const DARK_ROLES: [Rgb; 13] = roles(&DARK);

impl Palette {
    /// A colour of the light palette (a courier's, as `charts` names its lines) in this theme:
    /// the same role's colour here; a colour of no role is kept.
    pub fn line(&self, c: Rgb) -> Rgb {
        let here = if self.paper == DARK.paper { &DARK_ROLES } else { &LIGHT_ROLES };
        LIGHT_ROLES.iter().position(|l| *l == c).map_or(c, |i| here[i])
    }
}

/// `#rrggbb` as RGB (`#000000` for anything else).
pub const fn rgb(hex: &str) -> Rgb {
    let b = hex.as_bytes();
    if b.len() != 7 {
        return (0, 0, 0);
    }
    const fn digit(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => 0,
        }
    }
    (digit(b[1]) * 16 + digit(b[2]), digit(b[3]) * 16 + digit(b[4]), digit(b[5]) * 16 + digit(b[6]))
}

/// The light theme's courier colours (the API the picture renderer and the charts read).
pub const COURIER: &[&str] = &LIGHT.courier;

/// A courier's colour.
pub fn courier(c: Courier) -> &'static str {
    COURIER[c.idx()]
}

/// The colour of courier number `c` (in the order of `Courier::ALL`) as RGB.
pub fn courier_rgb(c: usize) -> Rgb {
    rgb(COURIER[c])
}

pub const INK: &str = LIGHT.ink;
pub const MUTED: &str = LIGHT.muted;
pub const DATA_UP: &str = LIGHT.data_up;
pub const DATA_CUT: &str = LIGHT.data_cut;
pub const PAPER: &str = LIGHT.paper;

/// WCAG's contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let lum = |(r, g, b): Rgb| {
        let f = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_courier_of_the_model_has_its_own_colour_and_they_parse() {
        assert!(COURIER.len() >= Courier::ALL.len(), "{} colours for {} couriers", COURIER.len(), Courier::ALL.len());
        assert_eq!(courier_rgb(Courier::Sf.idx()), (0xD5, 0x5E, 0x00));
        for p in [&LIGHT, &DARK] {
            for (i, a) in p.courier.iter().enumerate() {
                assert!(p.courier[i + 1..].iter().all(|b| b != a), "{a} twice");
                assert!(a.len() == 7 && u32::from_str_radix(&a[1..], 16).is_ok(), "{a}");
            }
        }
    }

    /// The couriers keep their Okabe–Ito hues (safe for the common colour-vision deficiencies):
    /// the light theme's colours are the palette's, four darkened for contrast on white.
    #[test]
    fn the_couriers_keep_their_colour_blind_safe_colours() {
        let ids: Vec<&str> = Courier::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids[..9], ["sf", "zto", "yto", "sto", "yunda", "best", "ems", "jdl", "other"]);
        let okabe_ito = ["#D55E00", "#0072B2", "#CC79A7", "#E69F00", "#F0E442", "#56B4E9", "#009E73", "#000000", "#7A7A7A"];
        let hue = |c: Rgb| {
            let (r, g, b) = (c.0 as f64, c.1 as f64, c.2 as f64);
            let (mx, mn) = (r.max(g).max(b), r.min(g).min(b));
            if mx - mn < 1.0 {
                return None;
            }
            let h = if mx == r {
                (g - b) / (mx - mn)
            } else if mx == g {
                2.0 + (b - r) / (mx - mn)
            } else {
                4.0 + (r - g) / (mx - mn)
            };
            Some((h * 60.0).rem_euclid(360.0))
        };
        for p in [&LIGHT, &DARK] {
            for (c, o) in p.courier.iter().zip(okabe_ito) {
                match (hue(rgb(c)), hue(rgb(o))) {
                    (Some(a), Some(b)) => assert!((a - b).abs() < 12.0, "{c} strays from the hue of {o}: {a:.0}° / {b:.0}°"),
                    (a, b) => assert_eq!(a.is_none(), b.is_none(), "{c} / {o}: grey for grey"),
                }
            }
        }
    }

    /// WCAG AA in both themes: text at least 4.5:1 on the paper and every surface it is written
    /// on; lines and marks (couriers, data links) at least 3:1 on the paper and the surfaces.
    #[test]
    fn every_colour_has_aa_contrast_against_its_themes_background() {
        for (name, p) in [("light", &LIGHT), ("dark", &DARK)] {
            let grounds = [p.paper, p.surface, p.cainiao, p.hivebox];
            for g in grounds {
                for text in [p.ink, p.muted, p.data_up, p.data_cut] {
                    let r = contrast(rgb(text), rgb(g));
                    assert!(r >= 4.5, "{name}: text {text} on {g} is {r:.2}:1");
                }
            }
            for g in [p.paper, p.surface] {
                for mark in p.courier.iter().chain([&p.data_up, &p.data_cut]) {
                    let r = contrast(rgb(mark), rgb(g));
                    assert!(r >= 3.0, "{name}: {mark} on {g} is {r:.2}:1");
                }
            }
        }
        // the measure itself: black on white is 21:1, a colour on itself 1:1
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert_eq!(contrast((18, 18, 18), (18, 18, 18)), 1.0);
        assert!(contrast(rgb("#E69F00"), rgb("#ffffff")) < 3.0, "the measure tells a failing colour");
    }

    #[test]
    fn a_lines_colour_turns_into_its_roles_colour_in_the_dark() {
        assert_eq!(DARK.line(courier_rgb(0)), rgb(DARK.courier[0]));
        assert_eq!(DARK.line(rgb(LIGHT.muted)), rgb(DARK.muted));
        assert_eq!(LIGHT.line(courier_rgb(5)), courier_rgb(5));
        assert_eq!(DARK.line((1, 2, 3)), (1, 2, 3));
    }

    #[test]
    fn a_theme_is_read_by_its_name_and_auto_follows_the_reader() {
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.id()), Some(t));
        }
        assert_eq!(Theme::parse("Dark"), None);
        assert_eq!(Theme::default(), Theme::Auto);
        assert!(Theme::Auto.dark(true) && !Theme::Auto.dark(false));
        assert!(Theme::Dark.dark(false) && !Theme::Light.dark(true));
    }

    /// The page's style sheet draws on the same backgrounds: its `--paper` in each theme is the
    /// palette's (one fact: the canvas and the page around it are one colour).
    #[test]
    fn the_style_sheet_uses_the_palettes_backgrounds() {
        let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).unwrap();
        let block = |sel: &str| css.split(sel).nth(1).and_then(|r| r.split('}').next()).unwrap_or_default().to_string();
        let var = |b: &str, v: &str| b.split(&format!("--{v}:")).nth(1).map(|r| r.split(';').next().unwrap_or("").trim().to_lowercase());
        let (light, dark) = (block(":root {"), block(":root[data-theme=dark] {"));
        assert_eq!(var(&light, "paper").as_deref(), Some(LIGHT.paper));
        assert_eq!(var(&dark, "paper").as_deref(), Some(DARK.paper));
        // the style sheet's text colours have AA contrast on its backgrounds too
        for (name, b) in [("light", &light), ("dark", &dark)] {
            for ground in ["paper", "panel", "card"] {
                let g = var(b, ground).unwrap_or_else(|| panic!("{name}: --{ground}"));
                for text in ["ink", "muted", "accent", "cut"] {
                    let c = var(b, text).unwrap_or_else(|| panic!("{name}: --{text}"));
                    let r = contrast(rgb(&c), rgb(&g));
                    assert!(r >= 4.5, "{name}: --{text} {c} on --{ground} {g} is {r:.2}:1");
                }
            }
        }
    }
}

//! Colours of the canvas and charts: the Okabe–Ito palette (safe for the common colour-vision deficiencies), one per
//! courier, always paired with a text label so nothing relies on colour alone.
//!
//! A courier's colour is `COURIER[courier.idx()]`, in the order of `Courier::ALL`: a courier added
//! to the model needs its colour here (a test fails until it has one).

use crate::model::ids::Courier;

pub const COURIER: &[&str] = &[
    "#D55E00", // SF: vermillion
    "#0072B2", // ZTO: blue
    "#CC79A7", // YTO: reddish purple
    "#E69F00", // STO: orange
    "#9E8A00", // Yunda: dark yellow (Okabe–Ito yellow darkened for contrast on white)
    "#56B4E9", // Best: sky blue
    "#009E73", // EMS: bluish green
    "#000000", // JD Logistics: black
    "#7A7A7A", // Others: grey
];

/// A courier's colour.
pub fn courier(c: Courier) -> &'static str {
    COURIER[c.idx()]
}

/// The colour of courier number `c` (in the order of `Courier::ALL`) as RGB.
pub fn courier_rgb(c: usize) -> (u8, u8, u8) {
    let h = COURIER[c].trim_start_matches('#');
    let v = u32::from_str_radix(h, 16).unwrap_or(0);
    ((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

pub const INK: &str = "#1a1a1a";
pub const MUTED: &str = "#5c5c5c";
pub const DATA_UP: &str = "#0072B2";
pub const DATA_CUT: &str = "#B00020";
pub const PAPER: &str = "#ffffff";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_courier_of_the_model_has_its_own_colour_and_they_parse() {
        assert!(COURIER.len() >= Courier::ALL.len(), "{} colours for {} couriers", COURIER.len(), Courier::ALL.len());
        assert_eq!(courier_rgb(Courier::Sf.idx()), (0xD5, 0x5E, 0x00));
        for (i, a) in Courier::ALL.iter().map(|c| courier(*c)).enumerate() {
            assert!(Courier::ALL[i + 1..].iter().all(|b| courier(*b) != a), "{a} twice");
            assert!(a.len() == 7 && u32::from_str_radix(&a[1..], 16).is_ok(), "{a}");
        }
    }

    /// The colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies;
    /// yellow darkened for contrast on white) and grey, each courier keeping its colour.
    #[test]
    fn the_couriers_keep_their_colour_blind_safe_colours() {
        let okabe_ito = ["#D55E00", "#0072B2", "#CC79A7", "#E69F00", "#9E8A00", "#56B4E9", "#009E73", "#000000", "#7A7A7A"];
        let ids: Vec<&str> = Courier::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids[..9], ["sf", "zto", "yto", "sto", "yunda", "best", "ems", "jdl", "other"]);
        assert_eq!(COURIER[..9], okabe_ito);
    }
}

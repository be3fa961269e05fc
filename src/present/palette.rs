//! Colours of the canvas and charts: the Okabe–Ito palette (safe for the common colour-vision deficiencies), one per
//! courier, always paired with a text label so nothing relies on colour alone.

pub const COURIER: [&str; 9] = [
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
    fn courier_colours_are_distinct_and_parse() {
        assert_eq!(courier_rgb(0), (0xD5, 0x5E, 0x00));
        for (i, a) in COURIER.iter().enumerate() {
            assert!(COURIER[i + 1..].iter().all(|b| b != a), "{a} twice");
        }
    }
}

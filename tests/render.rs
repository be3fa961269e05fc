//! `standoff render`: a link's still picture as a PNG — its size, that it shows the state (two
//! states, two pictures), Chinese in a font that has its glyphs, and short refusals of bad input.

#![cfg(not(target_arch = "wasm32"))]

use parcel_standoff::cli::render::png;
use parcel_standoff::draw::picture::{text_pixels, Font, FONT_FILES};
use parcel_standoff::draw::png::size;
use parcel_standoff::present::i18n::Lang;
use std::path::Path;
use std::process::Command;

fn standoff(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_standoff")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

const JUNE: &str = "index.html#scenario=june-2017&t=2017-06-02T12:00&view=network%2Bchart";

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("standoff-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The number of pixels that differ between two pictures of one size.
fn differing(a: &[u8], b: &[u8]) -> usize {
    a.chunks(3).zip(b.chunks(3)).filter(|(x, y)| x != y).count()
}

#[test]
fn the_command_writes_a_png_of_the_asked_size() {
    let path = tmp("june.png");
    let (code, err) = standoff(&["render", JUNE, "--png", path.to_str().unwrap(), "--width", "640", "--height", "480"]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(size(&bytes), Some((640, 480)));
    assert!(err.contains("640 × 480"), "{err}");
    // the default size: an embed's frame
    let (code, err) = standoff(&["render", JUNE, "--png", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(size(&std::fs::read(&path).unwrap()), Some((720, 560)));
}

#[test]
fn two_states_give_two_pictures_and_one_state_the_same_picture() {
    let early = png(&JUNE.replace("06-02T12", "05-31T12"), 720, 560, None).unwrap();
    let late = png(JUNE, 720, 560, None).unwrap();
    assert_ne!(early, late, "the picture does not follow the link's time");
    assert_eq!(late, png(JUNE, 720, 560, None).unwrap(), "one state, one picture");
    // an author's `picture=` belongs to the page, not the state
    assert_eq!(late, png(&format!("{JUNE}&picture=https%3A%2F%2Fnews.example%2Fjune.png"), 720, 560, None).unwrap());
    // a view without the network: a different picture again
    let chart = png(&JUNE.replace("network%2Bchart", "chart:untracked"), 720, 560, None).unwrap();
    assert_ne!(chart, late);
}

/// A picture has no reader's system to follow: the dark theme only when the link asks for it.
#[test]
fn the_picture_is_light_unless_the_link_says_dark() {
    let light = png(JUNE, 720, 560, None).unwrap();
    assert_eq!(light, png(&format!("{JUNE}&theme=light"), 720, 560, None).unwrap());
    assert_eq!(light, png(&format!("{JUNE}&theme=auto"), 720, 560, None).unwrap(), "auto draws light");
    assert_ne!(light, png(&format!("{JUNE}&theme=dark"), 720, 560, None).unwrap(), "theme=dark is not drawn");
}

#[test]
fn chinese_is_written_with_a_font_that_has_its_glyphs() {
    let zh = Font::for_lang(Lang::Zh, &FONT_FILES).expect("a font for Chinese (scripts/setup.sh installs fonts-wqy-microhei)");
    assert!(zh.missing("顺丰菜鸟淘宝").is_empty());
    // two different words give two different pictures; in a font without the glyphs both are
    // the same row of missing-glyph boxes
    let (a, b) = (text_pixels(&zh, "顺丰", 24.0), text_pixels(&zh, "菜鸟", 24.0));
    assert!(differing(&a, &b) > 40, "Chinese words drawn alike: missing glyphs?");
    let dejavu = Path::new(FONT_FILES[0]);
    if dejavu.exists() {
        let latin = Font::load(dejavu).unwrap();
        assert!(!latin.missing("顺丰").is_empty());
        let (a, b) = (text_pixels(&latin, "顺丰", 24.0), text_pixels(&latin, "菜鸟", 24.0));
        assert_eq!(differing(&a, &b), 0, "the control: a Latin font draws both as the same boxes");
        // and that font is refused for a Chinese picture, with a message that says what to do
        let e = Font::for_lang(Lang::Zh, &[FONT_FILES[0]]).err().unwrap();
        assert!(e.contains("fonts-wqy-microhei") && e.chars().count() <= 400, "{e}");
        let e = png(&format!("{JUNE}&lang=zh"), 720, 560, Some(dejavu)).err().unwrap();
        assert!(e.contains("no glyph"), "{e}");
    }
    // the Chinese picture differs from the English one (its words, not its lines)
    let en = png(JUNE, 720, 560, None).unwrap();
    let zh_png = png(&format!("{JUNE}&lang=zh"), 720, 560, None).unwrap();
    assert_ne!(en, zh_png);
}

#[test]
fn bad_input_gets_a_short_message_and_a_non_zero_exit() {
    let out = tmp("bad.png");
    let out = out.to_str().unwrap();
    for (args, code, says) in [
        (vec!["render", "not a link", "--png", out], 2, "names no state"),
        (vec!["render", "index.html#scenario=nowhere", "--png", out], 2, "does not open"),
        (vec!["render", JUNE], 2, "--png"),
        (vec!["render", JUNE, "--png", out, "--width", "0"], 2, "200 to 4000"),
        (vec!["render", JUNE, "--png", out, "--height", "99999999999"], 2, "200 to 4000"),
        (vec!["render", JUNE, "--png", out, "--width", "wide"], 2, "200 to 4000"),
        (vec!["render", JUNE, "--png", "/nonexistent-dir/x.png"], 1, "cannot write"),
        (vec!["render", JUNE, "--png", out, "--font", "/nonexistent.ttf"], 1, "cannot read the font"),
        (vec!["render", JUNE, "--png", out, "--font", "/etc/hostname"], 1, "not a font"),
    ] {
        let (c, err) = standoff(&args);
        assert_eq!(c, code, "{args:?}: {err}");
        assert!(err.contains(says) && err.chars().count() <= 400 && !err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A network drawn narrower than a phone's would be unreadable (11-pixel type in boxes 20 pixels
/// wide): a small picture of a view with the network and a chart shows the chart alone, as the
/// chart's view does; a large one shows both.
#[test]
fn a_picture_too_small_for_a_readable_network_shows_its_chart_alone() {
    use parcel_standoff::draw::picture::network_fits;
    assert!(network_fits(720.0, 307.0, 1.0) && !network_fits(400.0, 156.0, 1.0));
    let chart = JUNE.replace("network%2Bchart", "chart:share");
    assert_eq!(png(JUNE, 400, 300, None).unwrap(), png(&chart, 400, 300, None).unwrap());
    assert_ne!(png(JUNE, 720, 560, None).unwrap(), png(&chart, 720, 560, None).unwrap());
}

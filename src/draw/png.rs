//! A PNG file of an RGB picture (8 bits a channel; each row filtered with `Sub`, then DEFLATE):
//! the few lines `standoff render` needs, with no image library.

use flate2::{write::ZlibEncoder, Compression, Crc};
use std::io::Write;

/// The PNG file of `rgb` (`width` × `height` pixels, three bytes each, row by row).
pub fn encode(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let row = width as usize * 3;
    let mut raw = Vec::with_capacity((row + 1) * height as usize);
    for line in rgb.chunks(row).take(height as usize) {
        // filter 1 (Sub): each byte minus the same channel of the pixel to its left
        raw.push(1);
        raw.extend(line.iter().enumerate().map(|(i, &b)| if i < 3 { b } else { b.wrapping_sub(line[i - 3]) }));
    }
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    // writing into a Vec cannot fail
    let _ = z.write_all(&raw);
    let idat = z.finish().unwrap_or_default();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8 bits, truecolour, deflate, adaptive filters, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", &ihdr[..]), (b"IDAT", &idat[..]), (b"IEND", &[][..])] {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    }
    out
}

/// A PNG file's size in pixels, read from its header; `None` if it is not a PNG.
pub fn size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    Some((be(16), be(20)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::ZlibDecoder;
    use std::io::Read;

    #[test]
    fn a_png_holds_its_size_checked_chunks_and_its_pixels() {
        let (w, h) = (3u32, 2u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 40) as u8).collect();
        let png = encode(w, h, &rgb);
        assert_eq!(size(&png), Some((3, 2)));
        assert_eq!(size(b"GIF89a................."), None);
        // each chunk's CRC covers its type and data
        let len = u32::from_be_bytes(png[33..37].try_into().unwrap()) as usize;
        assert_eq!(&png[37..41], b"IDAT");
        let mut crc = Crc::new();
        crc.update(&png[37..41 + len]);
        assert_eq!(crc.sum().to_be_bytes(), png[41 + len..45 + len]);
        // undo the filter: the pixels come back
        let mut raw = Vec::new();
        ZlibDecoder::new(&png[41..41 + len]).read_to_end(&mut raw).unwrap();
        let mut back = Vec::new();
        for line in raw.chunks(1 + 9) {
            assert_eq!(line[0], 1);
            let start = back.len();
            for (i, &b) in line[1..].iter().enumerate() {
                back.push(if i < 3 { b } else { b.wrapping_add(back[start + i - 3]) });
            }
        }
        assert_eq!(back, rgb);
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
    }
}

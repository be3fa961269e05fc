//! `standoff run --bundle PATH`: the run's data for readers in one zip file (`ui::bundle`, which
//! the page's "Download data" also gives), its files compressed with DEFLATE (`flate2`, pure
//! Rust, natively only).

use crate::model::run::Run;
use std::io::Write;

/// DEFLATE at its best compression.
fn deflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}

/// The bundle's bytes: a zip of `run.csv`, `metadata.json` and `README.txt`.
pub fn bundle(r: &Run, title: &str, command: &str) -> Result<Vec<u8>, String> {
    crate::ui::bundle::bundle(r, title, command, Some(deflate))
}

/// A zip of `files`, compressed.
#[cfg(test)]
fn zip(files: &[(&str, &[u8])]) -> Result<Vec<u8>, String> {
    crate::ui::bundle::zip(files, Some(deflate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(b: &[u8], i: usize) -> usize {
        u16::from_le_bytes([b[i], b[i + 1]]) as usize
    }
    fn u32_at(b: &[u8], i: usize) -> usize {
        u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize
    }

    /// The files of a zip, read through its central directory, each checked against its CRC.
    fn unzip(b: &[u8]) -> Vec<(String, Vec<u8>)> {
        use std::io::Read;
        let end = b.len() - 22;
        assert_eq!(u32_at(b, end), 0x0605_4b50, "the end record");
        let (count, mut at) = (u16_at(b, end + 10), u32_at(b, end + 16));
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(b, at), 0x0201_4b50);
            let (crc, csize, size, n, off) =
                (u32_at(b, at + 16), u32_at(b, at + 20), u32_at(b, at + 24), u16_at(b, at + 28), u32_at(b, at + 42));
            let name = String::from_utf8(b[at + 46..at + 46 + n].to_vec()).unwrap();
            assert_eq!(u32_at(b, off), 0x0403_4b50);
            let data_at = off + 30 + u16_at(b, off + 26) + u16_at(b, off + 28);
            let mut data = Vec::new();
            match u16_at(b, off + 8) {
                8 => drop(flate2::read::DeflateDecoder::new(&b[data_at..data_at + csize]).read_to_end(&mut data).unwrap()),
                0 => data.extend(&b[data_at..data_at + csize]),
                m => panic!("{name}: method {m}"),
            }
            assert_eq!(data.len(), size, "{name}");
            let mut c = flate2::Crc::new();
            c.update(&data);
            assert_eq!(c.sum() as usize, crc, "{name}");
            files.push((name, data));
            at += 46 + n + u16_at(b, at + 30) + u16_at(b, at + 32);
        }
        files
    }

    #[test]
    fn a_zip_holds_its_files_compressed_and_reads_back_the_same() {
        let big = "time,share\n".to_string() + &"2017-06-01T00:00+08:00,0.0771\n".repeat(2000);
        let files = [("run.csv", big.as_bytes()), ("README.txt", "héllo 你好".as_bytes()), ("empty", &b""[..])];
        let z = zip(&files).unwrap();
        assert!(z.len() < big.len() / 10, "compressed: {} bytes for {}", z.len(), big.len());
        let back = unzip(&z);
        assert_eq!(back.len(), 3);
        for ((name, data), (n2, d2)) in files.iter().zip(&back) {
            assert_eq!((*name, *data), (n2.as_str(), d2.as_slice()));
        }
        assert_eq!(zip(&files).unwrap(), z, "the same files give the same bytes");
    }

    #[test]
    fn the_pages_bundle_holds_the_same_files_as_the_command_it_names() {
        let link = "scenario=june-2017&t=2017-06-02T12:00&p.locker_share=0.2&cut=direct.jd.sf@2017-06-01T09:00&restore=direct.jd.sf@2017-06-03T00:00";
        let page = crate::ui::bundle::for_page(link).unwrap();
        assert_eq!(u16_at(&page, 8), 0, "the page's module stores the files");
        let page = unzip(&page);
        // the command the page's metadata names, run by the command line
        let (st, _) = crate::ui::cite::read(link).unwrap();
        let dir = std::env::temp_dir().join(format!("standoff-bundle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("parcel-standoff-june-2017-data.zip");
        let command = crate::ui::bundle::command(&st, "parcel-standoff-june-2017-data.zip");
        let args: Vec<String> =
            command.split(' ').skip(2).map(|a| a.replace("parcel-standoff-june-2017-data.zip", path.to_str().unwrap())).collect();
        super::super::run::run(&args).unwrap();
        let cli = unzip(&std::fs::read(&path).unwrap());
        std::fs::remove_dir_all(&dir).ok();
        let names: Vec<&str> = page.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["run.csv", "metadata.json", "README.txt"]);
        assert_eq!(page[0], cli[0], "the same run.csv");
        assert!(page[0].1.len() > 10_000);
        let meta = |f: &(String, Vec<u8>)| -> serde_json::Value { serde_json::from_slice(&f.1).unwrap() };
        let (pm, cm) = (meta(&page[1]), meta(&cli[1]));
        assert_eq!(pm["digest"], cm["digest"]);
        assert_eq!(pm["link"], cm["link"]);
        assert_eq!(pm["parameters_changed"], cm["parameters_changed"]);
        assert_eq!(pm["cuts_and_restores"].as_array().unwrap().len(), 2);
        assert!(
            pm["command"]
                .as_str()
                .unwrap()
                .starts_with("standoff run --scenario june-2017 --set locker_share=0.2 --cut direct.jd.sf@2017-06-01T09:00 --restore"),
            "{pm}"
        );
    }
}

//! The page's address: percent-encoding, `key=value` pairs, and the page options read from it
//! (embed, autoplay, from, to, presenter, origins, language). Parsed once, at start, by one
//! parser; the state itself (scenario, cuts, time…) is read by `state::AppState::from_link`.

use crate::model::clock::{self, Hour};
use crate::present::i18n::Lang;

/// Percent-decoding, tolerant: a bad escape is kept as it is; `+` stays `+` (a fragment is
/// not form data: `view=network+chart`).
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(x) = hex {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encode everything but letters, digits and `-_.~@:+`.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-_.~@:+".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{:02X}", b));
            }
        }
    }
    out
}

/// The decoded `key=value` pairs of a query string or fragment (leading `?`/`#` ignored).
pub fn pairs(text: &str) -> Vec<(String, String)> {
    text.trim_start_matches(['#', '?'])
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(part), String::new()),
        })
        .collect()
}

/// Options of the page itself, not of the simulation: how it is shown and who may drive it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageOptions {
    /// `embed=1`: compact chrome and the host API.
    pub embed: bool,
    /// `autoplay=1` (embeds only, and not with reduced motion).
    pub autoplay: bool,
    /// `from=<time>`: where an embed starts when the link has no `t`.
    pub from: Option<Hour>,
    /// `to=<time>`: where playback stops.
    pub to: Option<Hour>,
    /// `presenter=1`: presenter mode on.
    pub presenter: bool,
    /// `origins=a,b`: host pages allowed to drive an embed (empty: any).
    pub origins: Vec<String>,
    /// `lang=` as given in the address (else the browser's language is used).
    pub lang: Option<Lang>,
    /// The address sets the time (`t=`).
    pub has_time: bool,
    /// `debug=panic`: a test hook proving that a panic shows the error panel.
    pub debug_panic: bool,
}

/// The part of the address the state is read from: its fragment, or else its query string.
pub fn state_text<'a>(search: &'a str, fragment: &'a str) -> &'a str {
    if fragment.len() > 1 {
        fragment
    } else {
        search
    }
}

/// Keys the page options use (the state's parser leaves them alone). `picture=` (the author's
/// picture of the state, named by the Embed dialog's snippet) is read only by the boot script
/// (pictures/fallback.js) when the app cannot run, before the module runs.
pub const PAGE_KEYS: [&str; 8] = ["embed", "autoplay", "from", "to", "debug", "presenter", "origins", "picture"];

impl PageOptions {
    /// Read the options from the address's query string and fragment (either may hold them).
    pub fn parse(search: &str, fragment: &str) -> PageOptions {
        let mut o = PageOptions::default();
        let fragment_pairs = pairs(fragment);
        let search_pairs = pairs(search);
        // `t=` counts where the state is read from
        o.has_time = pairs(state_text(search, fragment)).iter().any(|(k, _)| k == "t");
        for (k, v) in search_pairs.into_iter().chain(fragment_pairs) {
            match k.as_str() {
                "embed" => o.embed = v == "1",
                "autoplay" => o.autoplay = v == "1",
                "from" => o.from = clock::parse(&v).ok(),
                "to" => o.to = clock::parse(&v).ok(),
                "presenter" => o.presenter = v == "1",
                "debug" => o.debug_panic = v == "panic",
                "origins" => o.origins = v.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect(),
                "lang" => o.lang = Lang::parse(&v),
                _ => {}
            }
        }
        o
    }
}

impl PageOptions {
    /// The options that belong to the page and must survive the address being rewritten as the
    /// state changes (`embed`, `autoplay`, `from`, `to`, `origins`), as `key=value` pairs joined
    /// by `&` (empty when there are none). Presenter mode is written by the session, which can
    /// turn it on and off; `debug` is a one-off test hook and is not kept.
    pub fn persistent_pairs(&self) -> String {
        let mut p = Vec::new();
        if self.embed {
            p.push("embed=1".to_string());
        }
        if self.autoplay {
            p.push("autoplay=1".to_string());
        }
        if let Some(h) = self.from {
            p.push(format!("from={}", clock::format_short(h)));
        }
        if let Some(h) = self.to {
            p.push(format!("to={}", clock::format_short(h)));
        }
        if !self.origins.is_empty() {
            p.push(format!("origins={}", self.origins.iter().map(|o| encode(o)).collect::<Vec<_>>().join(",")));
        }
        p.join("&")
    }
}

/// A number in its shortest form that reads back to the same bits: `0.1`, `5e-324`, `1e300`.
/// `-0` is written (and read) as `0`.
pub fn shortest(x: f64) -> String {
    let x = x + 0.0;
    let plain = crate::model::decimal::shortest(x);
    let sci = crate::model::decimal::scientific(x);
    if sci.len() < plain.len() {
        sci
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_options_written_back_read_back_the_same() {
        let o = PageOptions::parse(
            "",
            "#embed=1&autoplay=1&from=2017-06-01T00:00&to=2017-06-02T00:00&origins=https%3A%2F%2Fnews.example,https://b.example",
        );
        let back = PageOptions::parse("", &o.persistent_pairs());
        assert!(back.embed && back.autoplay);
        assert_eq!((back.from, back.to), (o.from, o.to));
        assert_eq!(back.origins, o.origins, "the allow-list survives a rewrite of the address");
        assert_eq!(PageOptions::parse("", "#t=2017-06-01T00:00").persistent_pairs(), "");
    }

    #[test]
    fn options_are_read_from_query_and_fragment_with_percent_decoding() {
        let o = PageOptions::parse(
            "?presenter=1",
            "#embed=1&autoplay=1&origins=https%3A%2F%2Fnews.example%2C%20https://b.example&to=2017-06-02T00:00&lang=zh",
        );
        assert!(o.embed && o.autoplay && o.presenter);
        assert_eq!(o.origins, vec!["https://news.example".to_string(), "https://b.example".to_string()]);
        assert_eq!(o.to, clock::parse("2017-06-02T00:00").ok());
        assert_eq!(o.lang, Some(Lang::Zh));
        assert!(!o.has_time && !o.debug_panic);
        let o = PageOptions::parse("?debug=panic", "#t=2017-06-01T00:00&lang=fr");
        assert!(o.debug_panic && o.has_time && !o.embed);
        assert_eq!(o.lang, None, "an unknown language is not taken");
    }

    #[test]
    fn a_link_in_the_query_string_opens_at_its_time_not_at_from() {
        // the state is read from the query string when there is no fragment: its t= counts
        let o = PageOptions::parse("?scenario=june-2017&from=2017-06-01T00:00&t=2017-06-02T12:00", "");
        assert!(o.has_time, "t= in the query string is the time asked for");
        assert_eq!(o.from, clock::parse("2017-06-01T00:00").ok());
        // with a fragment the state comes from it, so a t= in the query string does not count
        let o = PageOptions::parse("?t=2017-06-02T12:00", "#scenario=june-2017&from=2017-06-01T00:00");
        assert!(!o.has_time);
    }

    #[test]
    fn decoding_keeps_plus_and_bad_escapes() {
        assert_eq!(decode("network+chart"), "network+chart");
        assert_eq!(decode("a%20b%ZZ%"), "a b%ZZ%");
        assert_eq!(decode(&encode("順豐 & <x>")), "順豐 & <x>");
    }
}

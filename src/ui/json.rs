//! JSON written by hand, for the few objects the page's module writes (a host's events, the
//! panels' inputs, set-up files): it carries no JSON library (its float formatting alone has
//! ~10 KB of tables). Whatever reads them (a host, the panels' module, `AppState::from_file`)
//! reads them with serde; the tests read each back that way.

use crate::ui::address::shortest;

/// A JSON object being written, its fields in order; `pretty` puts each on a line of its own,
/// indented by `depth` levels of two spaces.
pub struct Object {
    out: String,
    empty: bool,
    pretty: Option<usize>,
}

impl Object {
    pub fn new() -> Object {
        Object { out: String::from("{"), empty: true, pretty: None }
    }

    /// An object written over several lines, at `depth` (0 for a file's outermost object).
    pub fn pretty(depth: usize) -> Object {
        Object { out: String::from("{"), empty: true, pretty: Some(depth) }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        if let Some(depth) = self.pretty {
            self.out.push('\n');
            self.out.push_str(&"  ".repeat(depth + 1));
        }
        quote_into(&mut self.out, key);
        self.out.push(':');
        if self.pretty.is_some() {
            self.out.push(' ');
        }
    }

    pub fn text(mut self, key: &str, value: &str) -> Object {
        self.key(key);
        quote_into(&mut self.out, value);
        self
    }

    pub fn number(mut self, key: &str, x: f64) -> Object {
        self.key(key);
        self.out.push_str(&number(x));
        self
    }

    /// A whole number, every digit (a double would round one past 2^53).
    pub fn int(mut self, key: &str, n: i128) -> Object {
        self.key(key);
        self.out.push_str(&n.to_string());
        self
    }

    pub fn boolean(mut self, key: &str, b: bool) -> Object {
        self.key(key);
        self.out.push_str(if b { "true" } else { "false" });
        self
    }

    /// A value already written as JSON (an object, an array, `null`).
    pub fn raw(mut self, key: &str, json: &str) -> Object {
        self.key(key);
        self.out.push_str(json);
        self
    }

    pub fn end(mut self) -> String {
        if let (Some(depth), false) = (self.pretty, self.empty) {
            self.out.push('\n');
            self.out.push_str(&"  ".repeat(depth));
        }
        self.out.push('}');
        self.out
    }
}

impl Default for Object {
    fn default() -> Self {
        Object::new()
    }
}

/// A number as JSON: the shortest text that reads back to the same bits; JSON has no infinity
/// nor NaN, so those are `null`.
pub fn number(x: f64) -> String {
    if x.is_finite() {
        shortest(x)
    } else {
        "null".into()
    }
}

/// A text as a JSON string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    out
}

fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A list of texts as a JSON array.
pub fn texts(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", parts.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_the_same() {
        let odd = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} 中文 🚚 \u{2028}";
        let json = Object::new()
            .text("a", odd)
            .number("x", 0.1 + 0.2)
            .number("tiny", 5e-324)
            .number("big", 1.7976931348623157e308)
            .number("minus zero", -0.0)
            .number("inf", f64::INFINITY)
            .boolean("b", true)
            .int("seed", u64::MAX as i128)
            .raw("list", &texts(&["x".into(), odd.into()]))
            .end();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["a"], odd);
        assert_eq!(v["x"].as_f64().map(f64::to_bits), Some((0.1f64 + 0.2).to_bits()));
        assert_eq!(v["tiny"].as_f64(), Some(5e-324));
        assert_eq!(v["big"].as_f64(), Some(1.7976931348623157e308));
        assert_eq!(v["inf"], serde_json::Value::Null);
        assert_eq!(v["b"], true);
        assert_eq!(v["seed"].as_u64(), Some(u64::MAX));
        assert_eq!(v["list"][1], odd);
        // over several lines, as a person reads a file
        let inner = Object::pretty(1).number("n", 2.5).end();
        let file = Object::pretty(0).text("k", "v").raw("o", &inner).raw("e", &Object::pretty(1).end()).end();
        assert_eq!(file, "{\n  \"k\": \"v\",\n  \"o\": {\n    \"n\": 2.5\n  },\n  \"e\": {}\n}");
        assert!(serde_json::from_str::<serde_json::Value>(&file).is_ok());
    }
}

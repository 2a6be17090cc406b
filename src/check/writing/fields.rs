//! The text of a page's front matter that the writing checks read: every
//! field holding a string or a list of strings, except those that hold
//! addresses, file names or the names of other pages, with the line and
//! column where each value starts in the file.

use serde_yaml::Value;

use crate::content::Page;

/// One front-matter value to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldText {
    /// `summary`, or `topics` for an item of that list.
    pub field: String,
    /// The value, with markdown link addresses and code left out.
    pub text: String,
    /// Where the value starts in the file (1-based; column in bytes).
    pub line: usize,
    pub column: usize,
    /// The last line the value can be on.
    pub last_line: usize,
}

/// The prose values of `page`'s front matter; `source` is the start of
/// its file, up to the body at least.
pub fn field_texts(page: &Page, source: &str) -> Vec<FieldText> {
    let mut out = Vec::new();
    let body_start = page.body_line.saturating_sub(1);
    // The kind's schema says which fields are prose (text people read),
    // not names of pages, files, addresses or choices.
    let prose: Vec<&str> = page
        .kind
        .fields
        .iter()
        .chain(&page.kind.section_fields)
        .filter(|f| f.is_prose())
        .map(|f| f.name.as_str())
        .collect();
    for (key, value) in &page.fields {
        if !prose.contains(&key) {
            continue;
        }
        let Some(key_line) = crate::yaml::line_of(&page.key_lines, key) else {
            continue;
        };
        // The value runs until the next key (or the end of the front matter).
        let next_key = page
            .key_lines
            .iter()
            .map(|(_, l)| *l)
            .filter(|l| *l > key_line)
            .min()
            .unwrap_or(body_start)
            .saturating_sub(1)
            .max(key_line);
        match value {
            Value::String(s) if is_prose(s) => {
                let origin = page
                    .value_origins
                    .iter()
                    .find(|(k, _)| &**k == key)
                    .map(|(_, o)| *o);
                let (line, column) =
                    origin.map_or((key_line, 1), |o| (o.first_line, o.first_column));
                out.push(FieldText {
                    field: key.to_string(),
                    text: without_markup(s),
                    line,
                    column,
                    last_line: next_key,
                });
            }
            Value::Sequence(items) => {
                let places = crate::yaml::list_items(source, key_line);
                for (i, item) in items.iter().enumerate() {
                    let Some(s) = item.as_str().filter(|s| is_prose(s)) else {
                        continue;
                    };
                    // A list written `[a, b]` on the key's line has no item lines.
                    let (line, column) = places.get(i).map_or((key_line, 1), |(_, l, c)| (*l, *c));
                    out.push(FieldText {
                        field: key.to_string(),
                        text: without_markup(s),
                        line,
                        column,
                        last_line: if places.is_empty() { key_line } else { line },
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Not a date, a number, an address or a page's file name.
fn is_prose(s: &str) -> bool {
    let s = s.trim();
    let one_word = !s.contains(char::is_whitespace);
    let slug = one_word && s.contains(['-', '_', '/', '.']) && !s.chars().any(char::is_uppercase);
    !(s.is_empty() || slug || s.contains("://") || s.starts_with("mailto:"))
}

/// Markdown link addresses `](…)` and code spans left out.
fn without_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['`', ']']) {
        out.push_str(&rest[..i]);
        let r = &rest[i..];
        if let Some(code) = r.strip_prefix('`') {
            rest = code.find('`').map_or("", |e| &code[e + 1..]);
            out.push(' ');
        } else if let Some(dest) = r.strip_prefix("](") {
            rest = dest.find(')').map_or("", |e| &dest[e + 1..]);
            out.push(' ');
        } else {
            out.push(']');
            rest = &r[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_addresses_are_left_out() {
        assert_eq!(
            without_markup("See [the team](team/_index.md) and `code` here"),
            "See [the team  and   here"
        );
        assert!(!is_prose("drew-szmit"));
        assert!(!is_prose("https://example.org/"));
        assert!(!is_prose("2026-11-01"));
        assert!(is_prose("Peer-led groups"));
        assert!(is_prose("Nottingham"));
    }
}

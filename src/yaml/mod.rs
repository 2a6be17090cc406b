//! YAML helpers shared by `site.yaml` and front matter: finding the line of a
//! key, and turning serde_yaml's messages into plain-English diagnostics.

use std::path::Path;

use crate::diagnostics::Origin;
use crate::diagnostics::{Diagnostic, did_you_mean};

mod locate;
pub use locate::{Seg, locate};

/// The 1-based line of each top-level `key:` in a YAML mapping, offset by
/// `first_line - 1` so that front matter reports lines of the whole file.
pub fn top_level_key_lines(text: &str, first_line: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) || line.is_empty() {
            continue;
        }
        if let Some(key) = yaml_key(line) {
            out.push((key, first_line + i));
        }
    }
    out
}

/// The key of a `key: value` line, unquoted.
fn yaml_key(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let (key, rest) = if let Some(q) = bytes.first().filter(|b| **b == b'"' || **b == b'\'') {
        let close = line[1..].find(*q as char)? + 1;
        (&line[1..close], &line[close + 1..])
    } else {
        let colon = line.find(':')?;
        (&line[..colon], &line[colon..])
    };
    let rest = rest.trim_start();
    if !rest.starts_with(':') {
        return None;
    }
    let after = &rest[1..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some(key.trim().to_string())
}

/// Where each top-level key's value starts: on the key's line after
/// `key: `, or for `key: |`, `key: >` and values on the next lines, at the
/// first of those lines, with its indentation.
pub fn value_origins(text: &str, first_line: usize) -> Vec<(String, Origin)> {
    let lines: Vec<&str> = text.lines().collect();
    let indent_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) || line.is_empty() {
            continue;
        }
        let Some(key) = yaml_key(line) else { continue };
        let colon = if line.starts_with(['"', '\'']) {
            line[1..]
                .find(&line[..1])
                .map(|q| q + 1 + line[q + 2..].find(':').unwrap_or(0) + 1)
        } else {
            line.find(':')
        };
        let Some(colon) = colon else { continue };
        let rest = &line[colon + 1..];
        let value = rest.trim_start();
        let next = lines[i + 1..]
            .iter()
            .position(|l| !l.trim().is_empty())
            .map(|j| i + 1 + j);
        let origin = if value.is_empty() || value.starts_with(['|', '>']) {
            match next {
                Some(j) => {
                    let indent = indent_of(lines[j]);
                    Origin {
                        first_line: first_line + j,
                        first_column: indent + 1,
                        indent,
                    }
                }
                None => Origin::body(first_line + i),
            }
        } else {
            let quote = usize::from(value.starts_with(['"', '\'']));
            let column = colon + 1 + (rest.len() - value.len()) + quote + 1;
            let indent = next
                .filter(|&j| j == i + 1 && lines[j].starts_with(' '))
                .map_or(0, |j| indent_of(lines[j]));
            Origin {
                first_line: first_line + i,
                first_column: column,
                indent,
            }
        };
        out.push((key, origin));
    }
    out
}

/// Top-level lines written `key:value`, without the space YAML needs after
/// the colon (so the line is not read as the field at all): a mistake for
/// each, at its own line, with the line as it should be.
pub fn missing_spaces(text: &str, first_line: usize, file: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // Indented lines belong to the value above; unindented ones are keys.
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let is_name = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !is_name || value.is_empty() || value.starts_with([' ', '\t']) || value.starts_with("//")
        {
            continue;
        }
        let value = value.trim_end();
        out.push(
            Diagnostic::error(
                "yaml/syntax",
                file,
                format!("Put a space after the colon: `{key}: {}`", shorten(value)),
            )
            .at(first_line + i, 1)
            .field(key)
            .help(format!(
                "Without the space, the line is not read as the field `{key}`."
            )),
        );
    }
    out
}

/// The start of a value, for a message: its first two words, then `…`
/// (inside the quotes, if it has them).
fn shorten(value: &str) -> String {
    let words: Vec<&str> = value.split_whitespace().collect();
    if words.len() <= 2 {
        return value.to_string();
    }
    let quote = ['"', '\'']
        .into_iter()
        .find(|q| value.starts_with(*q) && value.ends_with(*q));
    let mut s = format!("{} {} …", words[0], words[1]);
    if let Some(q) = quote {
        s.push(q);
    }
    s
}

/// The items of the list under the key on line `key_line` (1-based):
/// value (unquoted), line and column of the value.
pub fn list_items(text: &str, key_line: usize) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(key_line) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some(value) = trimmed.strip_prefix('-') else {
            break;
        };
        let value = value.trim_start();
        let column = line.len() - value.len() + 1;
        let value = value.trim_end();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        out.push((unquoted.to_string(), i + 1, column));
    }
    out
}

/// Finds the line of `key` among `lines`, if present.
pub fn line_of<K: AsRef<str>>(lines: &[(K, usize)], key: &str) -> Option<usize> {
    lines
        .iter()
        .find(|(k, _)| k.as_ref() == key)
        .map(|(_, l)| *l)
}

/// A serde_yaml error as a diagnostic, with its line moved by `first_line - 1`
/// and its wording made plain.
pub fn error_to_diagnostic(
    err: &serde_yaml::Error,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; we show the location separately.
    let msg = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let (line, column) = match err.location() {
        Some(loc) => (Some(first_line + loc.line() - 1), Some(loc.column())),
        None => (None, None),
    };
    let (field, message, help) = plain_message(&msg, what);
    let mut d = Diagnostic::error(code_for(&msg), file, message);
    if let Some(line) = line {
        d = d.at(line, column.unwrap_or(1));
    }
    if let Some(f) = field {
        d = d.field(f);
    }
    d.help(help)
}

fn code_for(msg: &str) -> &'static str {
    if msg.contains("unknown field") {
        "yaml/unknown-field"
    } else if msg.contains("missing field") {
        "yaml/missing-field"
    } else if msg.contains("invalid type") || msg.contains("unknown variant") {
        "yaml/wrong-type"
    } else {
        "yaml/syntax"
    }
}

/// Splits "path.to.field: message" and rewrites the common serde messages.
fn plain_message(msg: &str, what: &str) -> (Option<String>, String, String) {
    let (path, body) = match msg.split_once(": ") {
        Some((p, b)) if !p.contains(' ') => (Some(p.to_string()), b.to_string()),
        _ => (None, msg.to_string()),
    };
    if let Some(rest) = body.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default().to_string();
        let expected = backticked(rest.split_once("expected").map_or("", |(_, e)| e));
        let suggestion = did_you_mean(&name, expected.iter().map(String::as_str));
        let help = match suggestion {
            Some(s) => format!("Did you mean `{s}`? Check the spelling of the setting."),
            None => format!(
                "Remove it, or use one of the settings {} knows: {}.",
                what,
                expected.join(", ")
            ),
        };
        let field = join_path(path.as_deref(), &name);
        return (
            Some(field.clone()),
            format!("`{field}` is not a setting {what} knows"),
            help,
        );
    }
    if let Some(rest) = body.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default().to_string();
        let field = join_path(path.as_deref(), &name);
        return (
            Some(field.clone()),
            format!("The required setting `{field}` is missing"),
            format!("Add a line `{name}: …` with a value."),
        );
    }
    if let Some(rest) = body.strip_prefix("unknown variant `") {
        let name = rest.split('`').next().unwrap_or_default().to_string();
        let expected = backticked(rest.split_once("expected").map_or("", |(_, e)| e));
        let help = match did_you_mean(&name, expected.iter().map(String::as_str)) {
            Some(s) => format!("Did you mean `{s}`?"),
            None => format!("Use one of: {}.", expected.join(", ")),
        };
        return (
            path,
            format!("`{name}` is not one of the allowed values"),
            help,
        );
    }
    // A whole number too big for 64 bits: serde_yaml only says "as i128".
    if body.starts_with("invalid type: integer")
        && (body.contains(" as i128") || body.contains(" as u128"))
    {
        let number = backticked(&body).into_iter().next().unwrap_or_default();
        let name = path.clone().unwrap_or_else(|| "this value".into());
        return (
            path,
            format!("`{name}` is `{number}`, a number too big to use"),
            format!(
                "Use a whole number between -9223372036854775808 and 9223372036854775807.{}",
                if name == "weight" {
                    " A weight only puts pages in order, so small numbers such as 1, 2, 3 or 10, 20, 30 are enough."
                } else {
                    ""
                }
            ),
        );
    }
    if let Some(rest) = body.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let expected = plain_type(expected);
        let name = path.clone().unwrap_or_else(|| "this value".into());
        return (
            path,
            format!(
                "`{name}` should be {expected}, but it is {}",
                plain_type(found)
            ),
            format!("Write `{name}` as {expected}."),
        );
    }
    (
        path,
        format!("The YAML could not be read: {}", plain_syntax(&body)),
        "Check the indentation and that every `key: value` line has a colon and a space; put text containing `: ` or starting with a special character in quotes.".to_string(),
    )
}

/// The YAML parser's wording for the commonest slips, in plain English.
fn plain_syntax(body: &str) -> String {
    let known = [
        (
            "found unexpected end of stream",
            "it ends in the middle of a value; a quote (\") or bracket may never be closed",
        ),
        (
            "mapping values are not allowed in this context",
            "a value contains `: `, which YAML reads as a new field; put the value in double quotes",
        ),
        (
            "did not find expected key",
            "a line is indented differently from the lines around it",
        ),
        (
            "found character that cannot start any token",
            "a line starts with a character YAML does not allow there, such as a tab, `@` or a backtick; use spaces to indent, and put the value in double quotes",
        ),
        (
            "found a tab character",
            "a tab is used to indent; use spaces instead",
        ),
        (
            "duplicate entry",
            "the same field is written twice; keep one",
        ),
        (
            "did not find expected node content",
            "a value is missing or starts with a special character; put it in double quotes",
        ),
        (
            "could not find expected ':'",
            "a line is missing the `:` between the field name and its value",
        ),
    ];
    for (pattern, plain) in known {
        if body.contains(pattern) {
            return plain.to_string();
        }
    }
    body.to_string()
}

fn join_path(path: Option<&str>, name: &str) -> String {
    match path {
        Some(p) if !p.is_empty() && p != "." => format!("{p}.{name}"),
        _ => name.to_string(),
    }
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, w)| w.to_string())
        .collect()
}

fn plain_type(t: &str) -> String {
    let t = t.trim();
    if t.starts_with("a sequence") || t.starts_with("sequence") {
        "a list (lines starting with `- `)".into()
    } else if t.starts_with("a string") || t.starts_with("string") {
        "text".into()
    } else if t.starts_with("a boolean") || t.starts_with("boolean") {
        "`true` or `false`".into()
    } else if t.starts_with("a map") || t.starts_with("map") || t.starts_with("struct") {
        "a group of `key: value` lines".into()
    } else if t.contains("integer") || t.starts_with("i64") || t.starts_with("u32") {
        "a whole number".into()
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_keys_and_skips_nested_ones() {
        let text =
            "title: A\nsections:\n  services: service\n# note\n\"quoted key\": 1\nurl: http://x\n";
        let lines = top_level_key_lines(text, 2);
        assert_eq!(
            lines,
            vec![
                ("title".into(), 2),
                ("sections".into(), 3),
                ("quoted key".into(), 6),
                ("url".into(), 7)
            ]
        );
    }

    #[test]
    fn values_start_after_the_key_or_on_the_next_indented_line() {
        let text = "title: A\nhow_to_apply: Apply [here](x)\nwho_it_is_for: |\n  People\n  who\nq: \"quoted\"\n";
        let o = value_origins(text, 2);
        assert_eq!(
            o[1],
            (
                "how_to_apply".into(),
                Origin {
                    first_line: 3,
                    first_column: 15,
                    indent: 0
                }
            )
        );
        assert_eq!(
            o[2],
            (
                "who_it_is_for".into(),
                Origin {
                    first_line: 5,
                    first_column: 3,
                    indent: 2
                }
            )
        );
        assert_eq!(o[3].1.first_column, 5);
        // "Apply [here](x)": the link starts at column 7 of the value.
        assert_eq!(o[1].1.map(1, 7), (3, 21));
        assert_eq!(o[2].1.map(2, 1), (6, 3));
    }

    #[test]
    fn a_key_without_a_space_after_its_colon_is_found_on_its_line() {
        let text = "title: Job\npay:\"Band 3 (example: £24,000 a year)\"\nhours:37.5 hours a week\nurl: https://x\nhow_to_apply: |\n  Write to:us\nhttps://example.org\nempty:\n";
        let found: Vec<_> = missing_spaces(text, 2, Path::new("a.md"))
            .into_iter()
            .map(|d| (d.line, d.field, d.message))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(3),
                    Some("pay".to_string()),
                    "Put a space after the colon: `pay: \"Band 3 …\"`".to_string()
                ),
                (
                    Some(4),
                    Some("hours".to_string()),
                    "Put a space after the colon: `hours: 37.5 hours …`".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_colon_inside_a_value_is_not_a_key() {
        assert_eq!(yaml_key("http://example.org"), None);
        assert_eq!(yaml_key("key:value"), None);
        assert_eq!(yaml_key("key:"), Some("key".into()));
    }
}

//! Front matter: splitting it from the markdown body and checking every field
//! against the kind's table, collecting all mistakes with their lines.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::kinds::{COMMON, Field, Kind, Ty};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml;

/// A markdown file cut into its parts.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The line of the file where the YAML starts (1-based).
    pub yaml_line: usize,
    pub body: &'a str,
    /// The line of the file where the body starts (1-based).
    pub body_line: usize,
}

/// Cuts `text` at its `---` lines.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(Diagnostic::error(
            "front-matter/missing",
            file,
            "This page has no front matter: the file must start with a line `---`",
        )
        .at(1, 1)
        .help("Start the file with `---`, then `title:` and `summary:` lines, then another `---` line, then the page text."));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    let mut line_no = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        pos = end + 1;
        line_no += 1;
    }
    Err(Diagnostic::error(
        "front-matter/unclosed",
        file,
        "The front matter that starts on line 1 is never closed",
    )
    .at(1, 1)
    .help("Add a line `---` after the last field, before the page text."))
}

/// Parses the YAML of `split` into a mapping.
pub fn parse(split: &Split<'_>, file: &Path) -> Result<Mapping, Vec<Diagnostic>> {
    // `pay:"Band 3"` is read as something else entirely, so is reported
    // wrongly (or on another line) by the parser: catch it first.
    let slips = yaml::missing_spaces(split.yaml, split.yaml_line, file);
    if !slips.is_empty() {
        return Err(slips);
    }
    parse_yaml(split, file).map_err(|d| vec![d])
}

fn parse_yaml(split: &Split<'_>, file: &Path) -> Result<Mapping, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Err(
            Diagnostic::error("front-matter/empty", file, "The front matter is empty")
                .at(1, 1)
                .help("Add at least `title:` and `summary:` lines between the two `---` lines."),
        );
    }
    match serde_yaml::from_str::<Value>(split.yaml) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(_) => Err(Diagnostic::error(
            "front-matter/not-fields",
            file,
            "The front matter is not a set of `field: value` lines",
        )
        .at(split.yaml_line, 1)
        .help(
            "Write each field on its own line as `name: value`, for example `title: Contact us`.",
        )),
        Err(e) => {
            let d = located(yaml::error_to_diagnostic(
                &e,
                file,
                split.yaml_line,
                "the front matter",
            ));
            // Syntax slips get the list of usual causes; others keep their own help.
            Err(if d.code == "yaml/syntax" {
                d.help("Check the indentation, that every field is written `name: value` with a space after the colon, and put text that contains `: ` or starts with a special character such as `*`, `&`, `[` or `'` in double quotes.")
            } else {
                d
            })
        }
    }
}

/// Some YAML errors (too many aliases, several documents) come without a
/// place: point at the start of the front matter.
fn located(d: Diagnostic) -> Diagnostic {
    if d.line.is_some() { d } else { d.at(1, 1) }
}

/// What the checks need to know about where a page lives.
pub struct Where<'a> {
    pub file: &'a Path,
    pub kind: Kind,
    pub is_section: bool,
    pub fields: &'static [Field],
    pub key_lines: &'a [(String, usize)],
    /// The first line of the front matter, for mistakes with no line of their own.
    pub start_line: usize,
}

/// Checks every field of `map`, returning all mistakes. Plain numbers in text
/// fields are turned into text, and empty optional fields are removed, so the
/// typed structs can be built from the result.
pub fn check(map: &mut Mapping, at: &Where<'_>, exists: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Looked up once per field: a page can have thousands of stray fields.
    let lines: std::collections::HashMap<&str, usize> = at
        .key_lines
        .iter()
        .rev()
        .map(|(k, l)| (k.as_str(), *l))
        .collect();
    let line = |key: &str| lines.get(key).copied();
    let all: Vec<&Field> = at.fields.iter().chain(COMMON).collect();
    let what = if at.is_section {
        "a section page (`_index.md`)".to_string()
    } else {
        format!("a `{}` page", at.kind.name())
    };

    let keys: Vec<Value> = map.keys().cloned().collect();
    for key in keys {
        let Some(name) = key.as_str().map(str::to_string) else {
            out.push(
                Diagnostic::error(
                    "front-matter/bad-field-name",
                    at.file,
                    "A field name must be text",
                )
                .at_line(Some(at.start_line))
                .help("Write field names as words, such as `title:`."),
            );
            map.remove(&key);
            continue;
        };
        let Some(field) = all.iter().find(|f| f.name == name) else {
            out.push(unknown_field(&name, at, &all, &what, line(&name)));
            map.remove(&key);
            continue;
        };
        let value = map.get(&key).cloned().unwrap_or(Value::Null);
        if is_blank(&value) {
            // An empty optional field means "not set"; an empty required one
            // is reported below. `""`, `" "` and `[]` are empty too.
            map.remove(&key);
            continue;
        }
        match check_value(field, &value, &name, exists) {
            Ok(Some(fixed)) => {
                map.insert(key, fixed);
            }
            Ok(None) => {}
            Err(message) => {
                out.push(
                    Diagnostic::error("front-matter/wrong-type", at.file, message)
                        .at_line(line(&name))
                        .field(name.as_str())
                        .help(format!(
                            "Write `{}` as {}: {}.",
                            name,
                            field.ty.describe(),
                            field.help
                        )),
                );
                map.remove(&key);
            }
        }
    }

    for field in at.fields.iter().filter(|f| f.required) {
        // A misspelt field already says "did you mean `closing_date`?"; one message is enough.
        let suggested = out.iter().any(|d| {
            d.code == "front-matter/unknown-field"
                && d.help.as_deref() == Some(format!("Did you mean `{}`?", field.name).as_str())
        });
        if !map.contains_key(field.name)
            && !suggested
            && !out.iter().any(|d| d.field.as_deref() == Some(field.name))
        {
            let empty = line(field.name);
            let (message, help) = if empty.is_some() {
                (
                    format!("The required field `{}` is empty", field.name),
                    format!(
                        "Write {} after `{}:` — {}.",
                        field.ty.describe(),
                        field.name,
                        field.help
                    ),
                )
            } else {
                (
                    format!("The required field `{}` is missing", field.name),
                    format!(
                        "Add a line `{}:` with {} — {}.",
                        field.name,
                        field.ty.describe(),
                        field.help
                    ),
                )
            };
            out.push(
                Diagnostic::error("front-matter/missing-field", at.file, message)
                    .at_line(empty.or(Some(at.start_line)))
                    .field(field.name)
                    .help(help),
            );
        }
    }

    // A photo needs a description for people who cannot see it.
    if map.contains_key("photo") && !map.contains_key("photo_alt") {
        let (message, at_line, help) = match line("photo_alt") {
            Some(l) => (
                "There is a `photo`, but its `photo_alt` is empty",
                Some(l),
                "Describe the photo after `photo_alt:` for people who cannot see it, e.g. `photo_alt: Tony smiling, wearing a blue jumper`.",
            ),
            None => (
                "There is a `photo` but no `photo_alt` describing it",
                line("photo"),
                "Add a line `photo_alt:` describing the photo for people who cannot see it, e.g. `photo_alt: Tony smiling, wearing a blue jumper`.",
            ),
        };
        out.push(
            Diagnostic::error("front-matter/photo-alt-missing", at.file, message)
                .at_line(at_line)
                .field("photo_alt")
                .help(help),
        );
    }
    out
}

fn unknown_field(
    name: &str,
    at: &Where<'_>,
    all: &[&Field],
    what: &str,
    line: Option<usize>,
) -> Diagnostic {
    let suggestion = did_you_mean(name, all.iter().map(|f| f.name));
    let other_kind = Kind::ALL
        .into_iter()
        .find(|k| k.fields().iter().any(|f| f.name == name));
    let help = match (suggestion, other_kind) {
        (Some(s), _) => format!("Did you mean `{s}`?"),
        (None, Some(k)) => format!(
            "`{name}` is a field of `{}` pages. Remove it, or set `kind: {}` if this page is one.",
            k.name(),
            k.name()
        ),
        (None, None) => format!(
            "Remove it. The fields {what} can have are: {}.",
            all.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
        ),
    };
    Diagnostic::error(
        "front-matter/unknown-field",
        at.file,
        format!("`{name}` is not a field of {what}"),
    )
    .at_line(line.or(Some(at.start_line)))
    .field(name)
    .help(help)
}

/// Checks one value. `Ok(Some(v))` replaces it with a cleaned-up value.
fn check_value(
    field: &Field,
    value: &Value,
    name: &str,
    exists: &dyn Fn(&str) -> bool,
) -> Result<Option<Value>, String> {
    let found = describe_value(value);
    match field.ty {
        Ty::Text | Ty::Markdown => match text_of(value) {
            Some(t) if !matches!(value, Value::String(_)) => Ok(Some(Value::String(t))),
            Some(_) => Ok(None),
            None => Err(format!("`{name}` should be text, but it is {found}")),
        },
        Ty::List => match value {
            Value::Sequence(items) => {
                let mut cleaned = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match text_of(item) {
                        Some(t) => cleaned.push(Value::String(t)),
                        None => {
                            return Err(format!(
                                "Item {} of `{name}` should be text, but it is {}",
                                i + 1,
                                describe_value(item)
                            ));
                        }
                    }
                }
                Ok(Some(Value::Sequence(cleaned)))
            }
            _ => Err(format!("`{name}` should be a list, but it is {found}")),
        },
        Ty::Date => match value {
            Value::String(s) => parse_date(s)
                .map(|_| None)
                .map_err(|e| format!("`{name}` should be a date written YYYY-MM-DD, but {e}")),
            _ => Err(format!(
                "`{name}` should be a date written YYYY-MM-DD, but it is {found}"
            )),
        },
        Ty::Int => match value {
            Value::Number(n) if n.is_i64() => Ok(None),
            _ => Err(format!(
                "`{name}` should be a whole number, but it is {found}"
            )),
        },
        Ty::Bool => match value {
            Value::Bool(_) => Ok(None),
            _ => Err(format!(
                "`{name}` should be `true` or `false`, but it is {found}"
            )),
        },
        Ty::KindName => match value.as_str().and_then(Kind::from_name) {
            Some(_) => Ok(None),
            None => Err(format!(
                "`{name}` should be one of page, service, team_member, course or vacancy, but it is {found}"
            )),
        },
        Ty::File => match value.as_str() {
            Some(f) if f.contains("..") || f.starts_with('/') || f.contains('\\') => Err(format!(
                "`{name}` should be the name of a file in the same folder as this page, but it is `{f}`"
            )),
            Some(f) if !exists(f) => Err(format!(
                "`{name}` names the file `{f}`, which is not in this page's folder"
            )),
            Some(_) => Ok(None),
            None => Err(format!("`{name}` should be a file name, but it is {found}")),
        },
        Ty::Url => match value.as_str() {
            Some(u)
                if ["https://", "http://", "/", "mailto:", "tel:"]
                    .iter()
                    .any(|p| u.starts_with(p)) =>
            {
                Ok(None)
            }
            Some(u) => Err(format!(
                "`{name}` should be a web address starting with https://, but it is `{u}`"
            )),
            None => Err(format!(
                "`{name}` should be a web address, but it is {found}"
            )),
        },
        Ty::CourseDates => check_course_dates(value, name).map(|_| None),
        Ty::Silenced => check_silenced(value, name).map(|_| None),
        Ty::Number => match value {
            Value::Number(n) if n.as_f64().is_some_and(|f| f.is_finite() && f >= 0.0) => Ok(None),
            _ => Err(format!(
                "`{name}` should be a number, such as 6 or 7.5, but it is {found}"
            )),
        },
        Ty::EmploymentType => match value.as_str() {
            Some(t) if super::kinds::EmploymentType::NAMES.contains(&t) => Ok(None),
            _ => {
                let hint = value
                    .as_str()
                    .and_then(|t| did_you_mean(t, super::kinds::EmploymentType::NAMES))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                // The values are listed once, in the help.
                Err(format!(
                    "`{name}` is {found}, which is not one of the values it can have{hint}"
                ))
            }
        },
    }
}

fn check_course_dates(value: &Value, name: &str) -> Result<(), String> {
    let Value::Sequence(items) = value else {
        return Err(format!(
            "`{name}` should be a list of dates, but it is {}",
            describe_value(value)
        ));
    };
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let Value::Mapping(m) = item else {
            return Err(format!(
                "Date {n} of `{name}` should have a `start:` line, but it is {}",
                describe_value(item)
            ));
        };
        for k in m.keys() {
            let k = k.as_str().unwrap_or("?");
            if !["start", "end", "note"].contains(&k) {
                let hint = did_you_mean(k, ["start", "end", "note"])
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "Date {n} of `{name}` has `{k}`, which is not `start`, `end` or `note`{hint}"
                ));
            }
        }
        let start = match m.get("start").and_then(Value::as_str).map(parse_date) {
            Some(Ok(d)) => d,
            Some(Err(e)) => return Err(format!("The `start` of date {n} in `{name}` {e}")),
            None => {
                return Err(format!(
                    "Date {n} of `{name}` needs a `start:` date written YYYY-MM-DD"
                ));
            }
        };
        if let Some(end) = m.get("end") {
            match end.as_str().map(parse_date) {
                Some(Ok(e)) if e < start => {
                    return Err(format!("Date {n} of `{name}` ends before it starts"));
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(format!("The `end` of date {n} in `{name}` {e}")),
                None => {
                    return Err(format!(
                        "The `end` of date {n} in `{name}` should be a date written YYYY-MM-DD"
                    ));
                }
            }
        }
        if let Some(note) = m.get("note")
            && text_of(note).is_none()
        {
            return Err(format!("The `note` of date {n} in `{name}` should be text"));
        }
    }
    Ok(())
}

fn check_silenced(value: &Value, name: &str) -> Result<(), String> {
    let Value::Sequence(items) = value else {
        return Err(format!(
            "`{name}` should be a list, but it is {}",
            describe_value(value)
        ));
    };
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let Value::Mapping(m) = item else {
            return Err(format!(
                "Item {n} of `{name}` should have `check:` and `reason:` lines"
            ));
        };
        for k in m.keys() {
            let k = k.as_str().unwrap_or("?");
            if !["check", "reason"].contains(&k) {
                return Err(format!(
                    "Item {n} of `{name}` has `{k}`, which is not `check` or `reason`"
                ));
            }
        }
        let check = m.get("check").and_then(Value::as_str).unwrap_or_default();
        if !crate::check::CHECKS.iter().any(|c| c.code == check) {
            let hint = did_you_mean(check, crate::check::CHECKS.iter().map(|c| c.code))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "Item {n} of `{name}` names `{check}`, which is not a check that can be silenced{hint}"
            ));
        }
        if m.get("reason")
            .and_then(Value::as_str)
            .is_none_or(|r| r.trim().is_empty())
        {
            return Err(format!(
                "Item {n} of `{name}` needs a `reason:` saying why `{check}` does not apply here"
            ));
        }
    }
    Ok(())
}

/// Parses `YYYY-MM-DD`, explaining what is wrong in words.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    let s = s.trim();
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(match other_order(s) {
            Some(hint) => format!("`{s}` {hint}"),
            None => format!("`{s}` is not written YYYY-MM-DD (for example 2026-12-01)"),
        });
    }
    s.parse::<jiff::civil::Date>()
        .map_err(|_| format!("`{s}` is not a real date in the calendar"))
}

/// Nothing written: no value, only spaces, or an empty list.
fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Sequence(items) => items.is_empty(),
        _ => false,
    }
}

/// For a date written with `/`, `.` or `-` in another order (`15/01/2027`,
/// `2027/01/15`): what to write instead. Day and month are only swapped
/// when there is no doubt which is which; otherwise both readings are given.
fn other_order(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i16>().ok())
            .flatten()
    };
    let (a, b, c) = (num(a)?, num(b)?, num(c)?);
    let real = |y: i16, m: i16, d: i16| -> Option<jiff::civil::Date> {
        let (m, d) = (i8::try_from(m).ok()?, i8::try_from(d).ok()?);
        jiff::civil::Date::new(y, m, d).ok().filter(|_| y >= 1000)
    };
    let write = |d: jiff::civil::Date| format!("`{d}` ({})", d.strftime("%-d %B %Y"));
    // Year first: 2027/01/15.
    if let Some(d) = real(a, b, c) {
        return Some(format!("has the wrong separators: write {}", write(d)));
    }
    // Year last: day/month (British) and month/day (American).
    let dm = real(c, b, a);
    let md = real(c, a, b);
    match (dm, md) {
        (Some(d), Some(m)) if d != m => Some(format!(
            "could be day/month/year or month/day/year: write {} or {}",
            write(d),
            write(m)
        )),
        (Some(d), _) => Some(format!("is day/month/year: write {}", write(d))),
        (None, Some(d)) => Some(format!("is month/day/year: write {}", write(d))),
        (None, None) => None,
    }
}

/// Text, or a plain number written where text was expected.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("`{b}` (yes/no)"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a group of fields".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::kinds::VACANCY;

    #[test]
    fn splits_front_matter_and_counts_body_lines() {
        let s = split("---\ntitle: A\n---\nBody\n", Path::new("a.md")).expect("split");
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn a_file_without_a_closing_line_is_reported_at_line_one() {
        let e = split("---\ntitle: A\nBody\n", Path::new("a.md")).expect_err("unclosed");
        assert_eq!(e.code, "front-matter/unclosed");
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn dates_must_be_real_and_well_formed() {
        assert!(parse_date("2026-12-01").is_ok());
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .contains("not a real date")
        );
        assert!(parse_date("1 Dec 2026").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn a_date_written_the_british_way_gets_the_iso_form_when_there_is_no_doubt() {
        assert_eq!(
            parse_date("15/01/2027").unwrap_err(),
            "`15/01/2027` is day/month/year: write `2027-01-15` (15 January 2027)"
        );
        assert!(
            parse_date("2027/01/15")
                .unwrap_err()
                .ends_with("write `2027-01-15` (15 January 2027)")
        );
        assert!(
            parse_date("15.1.2027")
                .unwrap_err()
                .contains("`2027-01-15`")
        );
        assert!(
            parse_date("07/07/2027")
                .unwrap_err()
                .ends_with("write `2027-07-07` (7 July 2027)")
        );
        assert_eq!(
            parse_date("05/01/2027").unwrap_err(),
            "`05/01/2027` could be day/month/year or month/day/year: write `2027-01-05` (5 January 2027) or `2027-05-01` (1 May 2027)"
        );
        // Not a real date either way: no suggestion.
        assert!(
            parse_date("31/31/2027")
                .unwrap_err()
                .contains("for example")
        );
        assert!(parse_date("15/01/27").unwrap_err().contains("for example"));
    }

    #[test]
    fn all_mistakes_in_one_page_are_reported_together() {
        let yaml = "title: Job\nclosing_dat: 2026-01-01\nlocation: [a]\nweight: heavy\n";
        let mut map: Mapping = serde_yaml::from_str(yaml).expect("yaml");
        let lines = yaml::top_level_key_lines(yaml, 2);
        let at = Where {
            file: Path::new("content/vacancies/job.md"),
            kind: Kind::Vacancy,
            is_section: false,
            fields: VACANCY,
            key_lines: &lines,
            start_line: 1,
        };
        let ds = check(&mut map, &at, &|_| true);
        let codes: Vec<_> = ds
            .iter()
            .map(|d| (d.code, d.field.clone().unwrap_or_default(), d.line))
            .collect();
        assert!(
            codes.contains(&("front-matter/unknown-field", "closing_dat".into(), Some(3))),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("front-matter/wrong-type", "location".into(), Some(4))),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("front-matter/wrong-type", "weight".into(), Some(5))),
            "{codes:?}"
        );
        assert!(
            !codes
                .iter()
                .any(|c| c.0 == "front-matter/missing-field" && c.1 == "closing_date"),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("front-matter/missing-field", "summary".into(), Some(1))),
            "{codes:?}"
        );
        let unknown = ds
            .iter()
            .find(|d| d.code == "front-matter/unknown-field")
            .expect("unknown");
        assert_eq!(
            unknown.help.as_deref(),
            Some("Did you mean `closing_date`?")
        );
    }
}

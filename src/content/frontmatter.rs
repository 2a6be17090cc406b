//! Front matter: splitting it from the markdown body and checking every field
//! against the kind's table, collecting all mistakes with their lines.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::values::{Context, check_value, is_blank};
pub use super::values::{parse_date, parse_datetime};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::schema::{FieldDef as Field, KindSchema, Kinds};
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
    pub kind: &'a KindSchema,
    pub kinds: &'a Kinds,
    pub is_section: bool,
    pub key_lines: &'a [(String, usize)],
    /// The first line of the front matter, for mistakes with no line of their own.
    pub start_line: usize,
    /// The front matter's text and its first line, to find nested values.
    pub yaml: &'a str,
    pub yaml_line: usize,
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
    let all: Vec<&Field> = at.kinds.fields_of(at.kind, at.is_section);
    let ctx = Context {
        exists,
        kinds: at.kinds,
    };
    let what = if at.is_section {
        "a section page (`_index.md`)".to_string()
    } else {
        let name = at.kind.name();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} `{name}` page")
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
        match check_value(field, &value, &ctx) {
            Ok(Some(fixed)) => {
                map.insert(key, fixed);
            }
            Ok(None) => {}
            Err(wrong) => {
                // A mistake inside a list or group points at its own line.
                let mut path = vec![yaml::Seg::key(&name)];
                path.extend(wrong.path.iter().cloned());
                let place = (!wrong.path.is_empty())
                    .then(|| yaml::locate(at.yaml, at.yaml_line, &path))
                    .flatten();
                let d = Diagnostic::error("front-matter/wrong-type", at.file, wrong.message)
                    .field(name.as_str())
                    .help(wrong.help);
                out.push(match place {
                    Some((l, c)) => d.at(l, c),
                    None => d.at_line(line(&name)),
                });
                map.remove(&key);
            }
        }
    }

    for field in all.iter().filter(|f| f.required) {
        // A misspelt field already says "did you mean `closing_date`?"; one message is enough.
        let suggested = out.iter().any(|d| {
            d.code == "front-matter/unknown-field"
                && d.help.as_deref() == Some(format!("Did you mean `{}`?", field.name).as_str())
        });
        let fname = field.name.as_str();
        if !map.contains_key(fname)
            && !suggested
            && !out.iter().any(|d| d.field.as_deref() == Some(fname))
        {
            let empty = line(fname);
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
                    .field(fname)
                    .help(help),
            );
        }
    }

    // A picture needs a description for people who cannot see it.
    for field in &all {
        let Some(alt) = field.alt.as_deref() else {
            continue;
        };
        let file = field.name.as_str();
        if !map.contains_key(file) || map.contains_key(alt) {
            continue;
        }
        let (message, at_line, help) = match line(alt) {
            Some(l) => (
                format!("There is a `{file}`, but its `{alt}` is empty"),
                Some(l),
                format!(
                    "Describe the {file} after `{alt}:` for people who cannot see it, e.g. `{alt}: Tony smiling, wearing a blue jumper`."
                ),
            ),
            None => (
                format!("There is a `{file}` but no `{alt}` describing it"),
                line(file),
                format!(
                    "Add a line `{alt}:` describing the {file} for people who cannot see it, e.g. `{alt}: Tony smiling, wearing a blue jumper`."
                ),
            ),
        };
        out.push(
            Diagnostic::error("front-matter/photo-alt-missing", at.file, message)
                .at_line(at_line)
                .field(alt)
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
    let suggestion = did_you_mean(name, all.iter().map(|f| f.name.as_str()));
    let other_kind = at
        .kinds
        .kinds
        .iter()
        .find(|k| k.fields.iter().any(|f| f.name == name));
    let help = match (suggestion, other_kind) {
        (Some(s), _) => format!("Did you mean `{s}`?"),
        (None, Some(k)) => format!(
            "`{name}` is a field of `{}` pages. Remove it, or set `kind: {}` if this page is one.",
            k.name(),
            k.name()
        ),
        (None, None) => format!(
            "Remove it. The fields {what} can have are: {}.",
            all.iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn all_mistakes_in_one_page_are_reported_together() {
        let yaml = "title: Job\nclosing_dat: 2026-01-01\nlocation: [a]\nweight: heavy\n";
        let mut map: Mapping = serde_yaml::from_str(yaml).expect("yaml");
        let lines = yaml::top_level_key_lines(yaml, 2);
        let kinds = Kinds::default();
        let at = Where {
            file: Path::new("content/vacancies/job.md"),
            kind: kinds.get("vacancy").expect("vacancy"),
            kinds: &kinds,
            is_section: false,
            key_lines: &lines,
            start_line: 1,
            yaml,
            yaml_line: 2,
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

//! Reading one kind's field declarations (`venue: { type: text, required:
//! true }`, lists, groups, choices, references), checking each setting's
//! value and reporting a located mistake for each one that cannot be used.

use serde_yaml::{Mapping, Value};

use super::parse::{Reader, key};
use super::{FieldDef, FieldType, label_for};
use crate::diagnostics::did_you_mean;
use crate::yaml::Seg;

const TYPES: &[&str] = &[
    "text",
    "markdown",
    "list",
    "object",
    "date",
    "datetime",
    "whole_number",
    "number",
    "yes_no",
    "url",
    "email",
    "file",
    "choice",
    "ref",
];

const FIELD_KEYS: &[&str] = &[
    "type",
    "required",
    "help",
    "label",
    "of",
    "fields",
    "values",
    "ref",
    "kind",
    "min",
    "not_before",
    "alt",
    "names",
];

/// What the type given to a list's `of:` may say: only the type's own parts.
const OF_KEYS: &[&str] = &["type", "of", "fields", "values", "ref", "kind"];

/// Names the templates give every page; a field of a kind cannot take one
/// (a part of a group can: it lives at `item.url`).
const RESERVED: &[&str] = &[
    "content",
    "url",
    "permalink",
    "is_section",
    "source",
    "refs",
    "referenced_by",
    "fields_shown",
    "json_ld",
    "is_closed",
    "is_past",
    "section",
    "kind_label",
];

pub(super) fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it is empty")
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Some("it may only hold lower-case letters a to z, digits and `_`")
    } else {
        None
    }
}

/// The fields under `fields:` (at `path`). `top` is true for a kind's own
/// fields, false for the parts of a group.
pub(super) fn fields(r: &mut Reader<'_>, spec: &Value, path: &[Seg], top: bool) -> Vec<FieldDef> {
    let Value::Mapping(m) = spec else {
        r.error(
            path,
            "`fields:` should be the fields' names, each with its type, not a list".into(),
            "Write each field on its own line under `fields:`, indented, as `name: type`, such as `venue: text` or `starts: { type: datetime, required: true }`.".into(),
        );
        return Vec::new();
    };
    let mut out: Vec<FieldDef> = Vec::new();
    for (k, spec) in m {
        let Some(name) = k.as_str() else { continue };
        let at = key(path, name);
        if let Some(problem) = name_problem(name) {
            r.error(
                &at,
                format!("`{name}` cannot be the name of a field: {problem}"),
                "Name fields with lower-case letters, digits and `_`, such as `booking_url`."
                    .into(),
            );
            r.broken.push(name.to_string());
            continue;
        }
        if top && RESERVED.contains(&name) {
            r.error(&at, format!("`{name}` cannot be the name of a field: templates already use `page.{name}` for something else"), "Give the field another name.".into());
            r.broken.push(name.to_string());
            continue;
        }
        if top && r.common.iter().any(|c| c == name) {
            r.error(&at, format!("`{name}` is already a field every page can have"), format!("Give the field another name: `{name}` means the same on every kind of page (see README, \"Fields every kind can have\")."));
            r.broken.push(name.to_string());
            continue;
        }
        match field(r, name, spec, &at) {
            Some(f) => out.push(f),
            None => r.broken.push(name.to_string()),
        }
    }
    // Settings that name a field beside them.
    let names: Vec<String> = out.iter().map(|f| f.name.clone()).collect();
    for f in &out {
        let at = key(path, &f.name);
        if let Some(other) = &f.not_before {
            let is_date = out
                .iter()
                .any(|o| &o.name == other && matches!(o.ty, FieldType::Date | FieldType::DateTime));
            if !is_date {
                r.error(
                    &key(&at, "not_before"),
                    format!(
                        "`not_before` names `{other}`, which is not a date beside `{}`",
                        f.name
                    ),
                    format!(
                        "Name a date field declared beside it: {}.",
                        names.join(", ")
                    ),
                );
            }
        }
        if let Some(alt) = &f.alt
            && !out
                .iter()
                .any(|o| &o.name == alt && o.ty == FieldType::Text)
        {
            r.error(&key(&at, "alt"), format!("`alt` names `{alt}`, which is not a text field beside `{}`", f.name), format!("Declare `{alt}: text` beside it, to describe the file for people who cannot see it."));
        }
    }
    out
}

/// A setting that must be `true` or `false`, text or a number.
fn flag(r: &mut Reader<'_>, m: &Mapping, k: &str, at: &[Seg]) -> bool {
    match m.get(k) {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            r.error(
                &key(at, k),
                format!(
                    "`{k}` should be `true` or `false`, but it is `{}`",
                    shown(other)
                ),
                format!("Write `{k}: true` or `{k}: false`."),
            );
            false
        }
    }
}

fn text(r: &mut Reader<'_>, m: &Mapping, k: &str, at: &[Seg]) -> Option<String> {
    match m.get(k)? {
        Value::String(s) => Some(s.clone()),
        other => {
            r.error(
                &key(at, k),
                format!("`{k}` should be text, but it is {}", quoted(other)),
                format!("Write `{k}:` followed by text, in quotes if it has a `:` in it."),
            );
            None
        }
    }
}

/// A value in a message: `yes`, or a list.
pub(super) fn quoted(v: &Value) -> String {
    match v {
        Value::Sequence(_) | Value::Mapping(_) => shown(v),
        _ => format!("`{}`", shown(v)),
    }
}

/// A value as written, for a message.
pub(super) fn shown(v: &Value) -> String {
    match v {
        Value::Sequence(_) => return "a list".into(),
        Value::Mapping(_) => return "a group of settings".into(),
        _ => {}
    }
    serde_yaml::to_string(v)
        .unwrap_or_default()
        .trim()
        .replace('\n', " ")
}

fn field(r: &mut Reader<'_>, name: &str, spec: &Value, at: &[Seg]) -> Option<FieldDef> {
    let empty = Mapping::new();
    let m = match spec {
        Value::String(_) => &empty,
        Value::Mapping(m) => m,
        _ => {
            r.error(at, format!("The field `{name}` should say its type, such as `{name}: text`"), format!("Write `{name}: text`, or `{name}: {{ type: text, required: true, help: \"…\" }}`."));
            return None;
        }
    };
    if !known_keys(r, m, FIELD_KEYS, at, "a field") {
        return None;
    }
    let before = r.diags.len();
    let ty = field_type(r, name, spec, at)?;
    let mut f = FieldDef::new(name, ty, &text(r, m, "help", at).unwrap_or_default());
    if let Some(l) = text(r, m, "label", at) {
        f.label = l;
    }
    f.required = flag(r, m, "required", at);
    f.names = flag(r, m, "names", at) || f.ty.referenced_kind().is_some();
    f.not_before = text(r, m, "not_before", at);
    f.alt = text(r, m, "alt", at);
    if let Some(v) = m.get("min") {
        match (v.as_f64(), &f.ty) {
            (Some(n), FieldType::WholeNumber | FieldType::Number) => f.min = Some(n),
            (Some(_), _) => r.error(
                &key(at, "min"),
                format!("`min` is for numbers, but `{name}` is {}", f.ty.name()),
                "Remove `min`, or make the field a `whole_number` or `number`.".into(),
            ),
            (None, _) => r.error(
                &key(at, "min"),
                format!("`min` should be a number, but it is `{}`", shown(v)),
                "Write the smallest value allowed, such as `min: 0`.".into(),
            ),
        }
    }
    if f.not_before.is_some() && !matches!(f.ty, FieldType::Date | FieldType::DateTime) {
        r.error(
            &key(at, "not_before"),
            format!("`not_before` is for dates, but `{name}` is {}", f.ty.name()),
            "Remove `not_before`, or make the field a `date`.".into(),
        );
    }
    if f.alt.is_some() && f.ty != FieldType::File {
        r.error(
            &key(at, "alt"),
            format!("`alt` is for files, but `{name}` is {}", f.ty.name()),
            "Remove `alt`, or make the field a `file`.".into(),
        );
    }
    if f.help.is_empty() {
        f.help = String::new();
    }
    if f.label.is_empty() {
        f.label = label_for(name);
    }
    (r.diags.len() == before).then_some(f)
}

/// Every key of `m` is one of `keys`; otherwise a mistake for each other.
fn known_keys(r: &mut Reader<'_>, m: &Mapping, keys: &[&str], at: &[Seg], what: &str) -> bool {
    let mut ok = true;
    for k in m.keys() {
        let k = k.as_str().unwrap_or("?");
        if !keys.contains(&k) {
            let help = match did_you_mean(k, keys.iter().copied()) {
                Some(s) => format!("Did you mean `{s}`?"),
                None => format!("Here it can have: {}.", keys.join(", ")),
            };
            r.error(
                &key(at, k),
                format!("`{k}` is not something {what} can have"),
                help,
            );
            ok = false;
        }
    }
    ok
}

/// The type a field spec declares: `text`, `{ type: list, of: … }`,
/// `{ ref: course }` (or `{ type: ref, kind: course }`).
fn field_type(r: &mut Reader<'_>, name: &str, spec: &Value, at: &[Seg]) -> Option<FieldType> {
    if let Some(kind) = spec.get("ref") {
        return match kind.as_str() {
            Some(k) => Some(FieldType::Ref(k.into())),
            None => {
                r.error(
                    &key(at, "ref"),
                    format!("`ref` should name a kind, but it is `{}`", shown(kind)),
                    "Write the kind of page it refers to, such as `ref: team_member`.".into(),
                );
                None
            }
        };
    }
    let (ty, ty_at) = match spec {
        Value::String(s) => (s.as_str(), at.to_vec()),
        _ => match spec.get("type").and_then(Value::as_str) {
            Some(t) => (t, key(at, "type")),
            None => {
                r.error(
                    at,
                    format!("The field `{name}` has no `type`"),
                    format!("Add `type:` with one of {}.", TYPES.join(", ")),
                );
                return None;
            }
        },
    };
    Some(match ty {
        "text" => FieldType::Text,
        "markdown" => FieldType::Markdown,
        "date" => FieldType::Date,
        "datetime" => FieldType::DateTime,
        "whole_number" => FieldType::WholeNumber,
        "number" => FieldType::Number,
        "yes_no" => FieldType::YesNo,
        "url" => FieldType::Url,
        "email" => FieldType::Email,
        "file" => FieldType::File,
        "kind" if r.built_in => FieldType::KindName,
        "check" if r.built_in => FieldType::CheckCode,
        "ref" => match spec.get("kind").and_then(Value::as_str) {
            Some(k) => FieldType::Ref(k.into()),
            None => {
                r.error(at, format!("The field `{name}` is a `ref`, so it must name the kind of page it refers to"), format!("Write `{name}: {{ ref: team_member }}` (or `type: ref` with `kind: team_member`)."));
                return None;
            }
        },
        "list" => {
            let of = match spec.get("of") {
                None => FieldType::Text,
                Some(of) => {
                    let of_at = key(at, "of");
                    if let Value::Mapping(om) = of
                        && !known_keys(r, om, OF_KEYS, &of_at, "the type of a list's items")
                    {
                        return None;
                    }
                    field_type(r, name, of, &of_at)?
                }
            };
            FieldType::List(Box::new(of))
        }
        "object" => match spec.get("fields") {
            Some(f) => {
                let before = r.diags.len();
                let broken = r.broken.len();
                let inner = fields(r, f, &key(at, "fields"), false);
                // Broken parts are reported; only the field is marked broken.
                r.broken.truncate(broken);
                if r.diags.len() != before {
                    return None;
                }
                FieldType::Object(inner)
            }
            None => {
                r.error(
                    at,
                    format!("The field `{name}` is an `object`, so it needs `fields:` of its own"),
                    "Indent `fields:` under it, with each part of the object under that.".into(),
                );
                return None;
            }
        },
        "choice" => {
            match spec.get("values") {
                Some(Value::Sequence(vs)) if !vs.is_empty() => {
                    FieldType::Choice(vs.iter().map(shown_plain).collect())
                }
                _ => {
                    r.error(at, format!("The field `{name}` is a `choice`, so it needs `values:`"), "List the values it can have, such as `values: [online, in_person, hybrid]`.".into());
                    return None;
                }
            }
        }
        other => {
            let help = match did_you_mean(other, TYPES.iter().copied()) {
                Some(s) => format!("Did you mean `{s}`?"),
                None => format!("Use one of {}.", TYPES.join(", ")),
            };
            r.error(
                &ty_at,
                format!("`{other}` is not a type of field Signpost knows"),
                help,
            );
            return None;
        }
    })
}

/// A choice's value as text: `2`, `true` and `online` alike.
fn shown_plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => shown(other),
    }
}

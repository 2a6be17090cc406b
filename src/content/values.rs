//! Front-matter values: checking one value against its field's type (lists
//! and groups included, to any depth), and explaining what is wrong in words.

use serde_yaml::Value;

use crate::diagnostics::did_you_mean;
use crate::schema::{FieldDef, FieldType, Kinds};
use crate::yaml::Seg;

pub use super::dates::{parse_date, parse_datetime};

/// What a value is checked against, beyond its type.
pub(super) struct Context<'a> {
    /// Whether a file of that name is beside the page.
    pub exists: &'a dyn Fn(&str) -> bool,
    pub kinds: &'a Kinds,
}

/// A value that cannot be used: what is wrong, where inside the field's
/// value (empty for the value itself), and what to write instead.
#[derive(Debug)]
pub(super) struct Wrong {
    pub message: String,
    pub path: Vec<Seg>,
    pub help: String,
}

/// Checks one field's value. `Ok(Some(v))` replaces it with a cleaned-up
/// value (numbers written where text was expected become text).
pub(super) fn check_value(
    field: &FieldDef,
    value: &Value,
    ctx: &Context<'_>,
) -> Result<Option<Value>, Wrong> {
    let place = Place {
        field: &field.name,
        path: Vec::new(),
    };
    check(field, &field.ty, value, &place, ctx)
}

/// Where a value is inside a field, for messages: `dates`, item 2 of it, its `end`.
#[derive(Clone)]
struct Place<'a> {
    field: &'a str,
    path: Vec<Seg>,
}

impl Place<'_> {
    fn with(&self, seg: Seg) -> Self {
        let mut p = self.clone();
        p.path.push(seg);
        p
    }

    /// `` `dates` ``, `` item 2 of `dates` ``, `` the `end` of item 2 of `dates` ``.
    fn describe(&self) -> String {
        let mut s = format!("`{}`", self.field);
        for seg in &self.path {
            s = match seg {
                Seg::Index(i) => format!("item {} of {s}", i + 1),
                Seg::Key(k) => format!("the `{k}` of {s}"),
            };
        }
        s
    }

    /// [`Self::describe`] at the start of a sentence.
    fn subject(&self) -> String {
        let d = self.describe();
        let mut c = d.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => d,
        }
    }
}

fn wrong(place: &Place<'_>, field: &FieldDef, message: String) -> Wrong {
    let what = place
        .path
        .iter()
        .rev()
        .find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .unwrap_or(place.field);
    Wrong {
        message,
        path: place.path.clone(),
        help: if field.help.is_empty() {
            format!("Write `{what}` as {}.", field.ty.describe())
        } else {
            format!("Write `{what}` as {}: {}.", field.ty.describe(), field.help)
        },
    }
}

fn check(
    field: &FieldDef,
    ty: &FieldType,
    value: &Value,
    place: &Place<'_>,
    ctx: &Context<'_>,
) -> Result<Option<Value>, Wrong> {
    let found = describe_value(value);
    let name = place.subject();
    // For an item of a list, messages describe the item's type, with the
    // list's help.
    let item_field = FieldDef {
        ty: ty.clone(),
        ..field.clone()
    };
    let bad = |message: String| Err(wrong(place, &item_field, message));
    match ty {
        FieldType::Text | FieldType::Markdown | FieldType::Ref(_) => match text_of(value) {
            Some(t) if !matches!(value, Value::String(_)) => Ok(Some(Value::String(t))),
            Some(_) => Ok(None),
            None => bad(format!("{name} should be text, but it is {found}")),
        },
        FieldType::List(of) => {
            let Value::Sequence(items) = value else {
                return bad(format!("{name} should be a list, but it is {found}"));
            };
            let mut cleaned = Vec::with_capacity(items.len());
            let mut changed = false;
            for (i, item) in items.iter().enumerate() {
                let at = place.with(Seg::Index(i));
                if let FieldType::Text = **of
                    && text_of(item).is_none()
                {
                    return Err(wrong(
                        &at,
                        field,
                        format!(
                            "{} should be text, but it is {}",
                            at.subject(),
                            describe_value(item)
                        ),
                    ));
                }
                match check(field, of, item, &at, ctx)? {
                    Some(v) => {
                        changed = true;
                        cleaned.push(v);
                    }
                    None => cleaned.push(item.clone()),
                }
            }
            Ok(changed.then_some(Value::Sequence(cleaned)))
        }
        FieldType::Object(fields) => check_object(fields, value, place, &item_field, ctx),
        FieldType::Date => match value {
            Value::String(s) => parse_date(s).map(|_| None).map_err(|e| {
                wrong(
                    place,
                    &item_field,
                    format!("{name} should be a date written YYYY-MM-DD, but {e}"),
                )
            }),
            _ => bad(format!(
                "{name} should be a date written YYYY-MM-DD, but it is {found}"
            )),
        },
        FieldType::DateTime => match value.as_str().map(parse_datetime) {
            Some(Ok(_)) => Ok(None),
            Some(Err(e)) => bad(format!(
                "{name} should be a date and time written YYYY-MM-DD HH:MM, but {e}"
            )),
            None => bad(format!(
                "{name} should be a date and time written YYYY-MM-DD HH:MM, but it is {found}"
            )),
        },
        FieldType::WholeNumber => match value {
            Value::Number(n) if n.is_i64() => {
                below_min(field, n.as_f64(), &name, place, &item_field)
            }
            _ => bad(format!(
                "{name} should be a whole number, but it is {found}"
            )),
        },
        FieldType::Number => match value {
            Value::Number(n) if n.as_f64().is_some_and(f64::is_finite) => {
                below_min(field, n.as_f64(), &name, place, &item_field)
            }
            _ => bad(format!(
                "{name} should be a number, such as 6 or 7.5, but it is {found}"
            )),
        },
        FieldType::YesNo => match value {
            Value::Bool(_) => Ok(None),
            _ => bad(format!(
                "{name} should be `true` or `false`, but it is {found}"
            )),
        },
        FieldType::KindName => match value.as_str() {
            Some(k) if ctx.kinds.get(k).is_some() => Ok(None),
            _ => bad(format!(
                "{name} should be one of {}, but it is {found}",
                or_list(&ctx.kinds.names().collect::<Vec<_>>())
            )),
        },
        FieldType::File => match value.as_str() {
            Some(f) if f.contains("..") || f.starts_with('/') || f.contains('\\') => bad(format!(
                "{name} should be the name of a file in the same folder as this page, but it is `{f}`"
            )),
            Some(f) if !(ctx.exists)(f) => bad(format!(
                "{name} names the file `{f}`, which is not in this page's folder"
            )),
            Some(_) => Ok(None),
            None => bad(format!("{name} should be a file name, but it is {found}")),
        },
        FieldType::Url => match value.as_str() {
            Some(u)
                if ["https://", "http://", "/", "mailto:", "tel:"]
                    .iter()
                    .any(|p| u.starts_with(p)) =>
            {
                Ok(None)
            }
            Some(u) => bad(format!(
                "{name} should be a web address starting with https://, but it is `{u}`"
            )),
            None => bad(format!("{name} should be a web address, but it is {found}")),
        },
        FieldType::Email => match value.as_str().map(str::trim) {
            Some(e) if is_email(e) => Ok(None),
            _ => bad(format!(
                "{name} should be an email address such as name@example.org, but it is {found}"
            )),
        },
        FieldType::Choice(values) => {
            match text_of(value).or_else(|| value.as_bool().map(|b| b.to_string())) {
                // `2` and `true` match the values `2` and `true` as written.
                Some(t) if values.contains(&t) => {
                    Ok((!value.is_string()).then(|| Value::String(t)))
                }
                _ => {
                    let hint = value
                        .as_str()
                        .and_then(|t| did_you_mean(t, values.iter().map(String::as_str)))
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    // The values are listed once, in the help.
                    bad(format!(
                        "{name} is {found}, which is not one of the values it can have{hint}"
                    ))
                }
            }
        }
        FieldType::CheckCode => {
            let code = value.as_str().unwrap_or_default();
            if crate::registry::find(code).is_some() {
                Ok(None)
            } else {
                let hint = did_you_mean(code, crate::registry::CHECKS.iter().map(|c| c.code))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                bad(format!(
                    "{name} names `{code}`, which is not a check that can be silenced{hint}"
                ))
            }
        }
    }
}

fn below_min(
    field: &FieldDef,
    n: Option<f64>,
    name: &str,
    place: &Place<'_>,
    item: &FieldDef,
) -> Result<Option<Value>, Wrong> {
    match (field.min, n) {
        (Some(min), Some(n)) if n < min => Err(wrong(
            place,
            item,
            format!("{name} should be at least {min}, but it is {n}"),
        )),
        _ => Ok(None),
    }
}

fn check_object(
    fields: &[FieldDef],
    value: &Value,
    place: &Place<'_>,
    whole: &FieldDef,
    ctx: &Context<'_>,
) -> Result<Option<Value>, Wrong> {
    let name = place.subject();
    let Value::Mapping(m) = value else {
        return Err(wrong(
            place,
            whole,
            format!(
                "{name} should be a group of fields, but it is {}",
                describe_value(value)
            ),
        ));
    };
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    for k in m.keys() {
        let k = k.as_str().unwrap_or("?");
        if !names.contains(&k) {
            let hint = did_you_mean(k, names.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
            return Err(Wrong {
                message: format!("{name} has `{k}`, which is not {}{hint}", or_list(&quoted)),
                path: place.with(Seg::key(k)).path,
                help: format!(
                    "Write {} as {}: {}.",
                    place.describe(),
                    whole.ty.describe(),
                    whole.help
                ),
            });
        }
    }
    let mut cleaned = m.clone();
    let mut changed = false;
    for f in fields {
        let at = place.with(Seg::key(&f.name));
        match m.get(f.name.as_str()) {
            Some(v) if !is_blank(v) => {
                if let Some(fixed) = check(f, &f.ty, v, &at, ctx)? {
                    cleaned.insert(f.name.as_str().into(), fixed);
                    changed = true;
                }
            }
            Some(_) if !f.required => {
                cleaned.remove(f.name.as_str());
                changed = true;
            }
            _ if f.required => {
                return Err(Wrong {
                    message: format!("{name} needs `{}:` {}", f.name, f.ty.describe()),
                    path: place.path.clone(),
                    help: format!("Add `{}:` with {}: {}.", f.name, f.ty.describe(), f.help),
                });
            }
            _ => {}
        }
        if let (Some(other), Some(v)) = (&f.not_before, m.get(f.name.as_str()))
            && let (Some(this), Some(first)) = (
                v.as_str().and_then(|s| parse_date(s).ok()),
                m.get(other.as_str())
                    .and_then(Value::as_str)
                    .and_then(|s| parse_date(s).ok()),
            )
            && this < first
        {
            return Err(wrong(
                &at,
                f,
                format!("{} is before its `{other}`", at.subject()),
            ));
        }
    }
    Ok(changed.then_some(Value::Mapping(cleaned)))
}

/// `a, b or c`.
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn is_email(e: &str) -> bool {
    let Some((user, host)) = e.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !e.contains(char::is_whitespace)
        && !host.contains('@')
}

/// Nothing written: no value, only spaces, or an empty list.
pub(super) fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Sequence(items) => items.is_empty(),
        _ => false,
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

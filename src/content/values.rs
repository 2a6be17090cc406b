//! Front-matter values: checking one value against its field's type, and
//! explaining what is wrong in words, such as a date written `15/01/2027`.

use serde_yaml::Value;

use super::kinds::{Field, Kind, Ty};
use crate::diagnostics::did_you_mean;

/// Checks one value. `Ok(Some(v))` replaces it with a cleaned-up value.
pub(super) fn check_value(
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
pub(super) fn is_blank(v: &Value) -> bool {
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
        let why = if s.split('-').count() == 3 {
            "needs two digits for the month and the day"
        } else {
            "needs `-` between the year, month and day"
        };
        return Some(format!("{why}: write {}", write(d)));
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
        assert_eq!(
            parse_date("2027-1-5").unwrap_err(),
            "`2027-1-5` needs two digits for the month and the day: write `2027-01-05` (5 January 2027)"
        );
        assert!(
            parse_date("2027/01/15")
                .unwrap_err()
                .starts_with("`2027/01/15` needs `-` between the year, month and day")
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
}

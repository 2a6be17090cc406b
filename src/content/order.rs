//! The order of pages in listings: past pages last, then the kind's
//! declared `order` field, then weight, then title.

use jiff::civil::Date;

use super::Page;

/// Past pages last (closed vacancies); then by the kind's `order` field
/// (a vacancy's closing date, soonest first); then weight (pages without
/// one after), then title.
pub(super) fn listing_order(a: &Page, b: &Page, today: Date) -> std::cmp::Ordering {
    let past = |p: &Page| p.is_closed(today);
    past(a)
        .cmp(&past(b))
        .then_with(|| ordered_by(a, b))
        .then_with(|| {
            let w = |p: &Page| (p.common.weight.is_none(), p.common.weight.unwrap_or(0));
            w(a).cmp(&w(b))
        })
        .then_with(|| a.title().to_lowercase().cmp(&b.title().to_lowercase()))
        .then_with(|| a.source.cmp(&b.source))
}

/// By the kind's `order` field (pages without it after). Pages of
/// different kinds in one section are not ordered by it.
fn ordered_by(a: &Page, b: &Page) -> std::cmp::Ordering {
    use std::cmp::Ordering::Equal;
    let (Some(o), Some(o2)) = (&a.kind.order, &b.kind.order) else {
        return Equal;
    };
    if o != o2 || a.is_section || b.is_section {
        return Equal;
    }
    let key = |p: &Page| sort_key(p.field(&o.field));
    match (key(a), key(b)) {
        (Some(x), Some(y)) if o.descending => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => Equal,
    }
}

/// A value that sorts as people expect: numbers by size, dates and text
/// as written (`YYYY-MM-DD` sorts by date).
enum SortKey {
    Number(f64),
    Text(String),
}

impl SortKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            (SortKey::Number(_), SortKey::Text(_)) => std::cmp::Ordering::Less,
            (SortKey::Text(_), SortKey::Number(_)) => std::cmp::Ordering::Greater,
        }
    }
}

fn sort_key(v: Option<&serde_yaml::Value>) -> Option<SortKey> {
    match v? {
        serde_yaml::Value::Number(n) => n.as_f64().map(SortKey::Number),
        serde_yaml::Value::String(s) => Some(SortKey::Text(s.to_lowercase())),
        serde_yaml::Value::Bool(b) => Some(SortKey::Number(f64::from(u8::from(*b)))),
        _ => None,
    }
}

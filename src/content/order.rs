//! The order of pages in listings: past pages last, then the kind's
//! declared `order` field, then weight, then title.

use jiff::civil::Date;

use super::Page;

/// Puts `pages` (indices into `all`) in listing order: past pages last
/// (closed vacancies); then by the kind's `order` field (a vacancy's
/// closing date, soonest first); then weight (pages without one after),
/// then title.
pub(super) fn sort_for_listing(pages: &mut [usize], all: &[Page], today: Date) {
    // What each comparison reads is worked out once a page, not once a
    // comparison (a section of thousands of pages made thousands of lower
    // case copies of each title).
    let mut keyed: Vec<Keyed<'_>> = pages.iter().map(|&i| Keyed::of(i, all, today)).collect();
    keyed.sort_by(listing_order);
    for (slot, k) in pages.iter_mut().zip(keyed) {
        *slot = k.index;
    }
}

/// Puts each of `new` in its place in `sorted` (in listing order). Only
/// when the order is a total one on them all (see [`ordered_alike`]):
/// then this is the order [`sort_for_listing`] gives.
pub(super) fn insert_for_listing(
    sorted: &mut Vec<usize>,
    new: &[usize],
    all: &[Page],
    today: Date,
) {
    for &n in new {
        let key = Keyed::of(n, all, today);
        let at =
            sorted.partition_point(|&k| listing_order(&Keyed::of(k, all, today), &key).is_lt());
        sorted.insert(at, n);
    }
}

/// Whether the listing order is a total order on `pages`: whether each two
/// are compared by the kind's `order` field, or no two are. (A page of
/// another kind, or a subsection, among pages ordered by a field is equal
/// to each of them by it, but they are not equal to each other; then the
/// order a sort gives depends on the order it was given the pages in.)
pub(super) fn ordered_alike(pages: &[usize], all: &[Page]) -> bool {
    let class = |&i: &usize| {
        let p = &all[i];
        p.kind.order.as_ref().filter(|_| !p.is_section)
    };
    let mut classes = pages.iter().map(class);
    match classes.next() {
        Some(first) => classes.all(|c| c == first),
        None => true,
    }
}

/// A page with what its place in a listing depends on.
struct Keyed<'a> {
    index: usize,
    page: &'a Page,
    past: bool,
    /// Its value of its kind's `order` field.
    order: Option<SortKey>,
    /// Its title in lower case.
    title: String,
}

impl<'a> Keyed<'a> {
    fn of(index: usize, all: &'a [Page], today: Date) -> Keyed<'a> {
        let p = &all[index];
        Keyed {
            index,
            page: p,
            past: p.is_closed(today),
            order: p
                .kind
                .order
                .as_ref()
                .and_then(|o| sort_key(p.field(&o.field))),
            title: p.title().to_lowercase(),
        }
    }
}

fn listing_order(a: &Keyed<'_>, b: &Keyed<'_>) -> std::cmp::Ordering {
    a.past
        .cmp(&b.past)
        .then_with(|| ordered_by(a, b))
        .then_with(|| {
            let w = |p: &Page| (p.common.weight.is_none(), p.common.weight.unwrap_or(0));
            w(a.page).cmp(&w(b.page))
        })
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.page.source.cmp(&b.page.source))
}

/// By the kind's `order` field (pages without it after). Pages of
/// different kinds in one section are not ordered by it.
fn ordered_by(a: &Keyed<'_>, b: &Keyed<'_>) -> std::cmp::Ordering {
    use std::cmp::Ordering::Equal;
    let (Some(o), Some(o2)) = (&a.page.kind.order, &b.page.kind.order) else {
        return Equal;
    };
    if o != o2 || a.page.is_section || b.page.is_section {
        return Equal;
    }
    match (&a.order, &b.order) {
        (Some(x), Some(y)) if o.descending => y.cmp(x),
        (Some(x), Some(y)) => x.cmp(y),
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

//! Which pages search knows about: the sitemap's (published, not a closed
//! vacancy) less those whose front matter says `search: false`; and the
//! A–Z of them, grouped by kind.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::content::{Page, Site};

/// A page search lists, with what it shows of it. Made once per build
/// and shared by the A–Z page and the index, as typesetting every title
/// and summary is not free.
pub struct Listed {
    /// The page's site path (`/services/`).
    pub path: String,
    /// As the page shows it (smart punctuation).
    pub title: String,
    pub summary: String,
    /// The kind filter's name for it: `Vacancies`, `Pages`.
    pub kind: String,
}

/// The pages for the index and the A–Z page, in site order.
pub fn listed(site: &Site) -> Vec<Listed> {
    let smart = site.config.markdown.smart_punctuation;
    let pages: Vec<&Page> = site
        .listed()
        .filter(|p| p.field("search").and_then(serde_yaml::Value::as_bool) != Some(false))
        .collect();
    // Typeset on every core: the build waits for it before the A–Z page.
    pages
        .par_iter()
        .map(|p| Listed {
            path: p.path.clone(),
            title: crate::render::typeset(smart, p.title()),
            summary: crate::render::typeset(smart, p.summary()),
            kind: kind_plural(p),
        })
        .collect()
}

/// The name a page's kind goes by in the filters and on the A–Z page: its
/// label made plural and capitalised (`team member` → `Team members`).
/// Section pages and plain pages are `Pages`.
pub fn kind_plural(page: &Page) -> String {
    let label = if page.is_section {
        "page"
    } else {
        page.kind.label.as_str()
    };
    let plural = plural(label.trim());
    let mut chars = plural.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Pages".to_string(),
    }
}

/// English plural of the last word: vacancy → vacancies, course → courses,
/// coach → coaches.
fn plural(label: &str) -> String {
    if label.is_empty() {
        return "pages".to_string();
    }
    let lower = label.to_lowercase();
    let consonant_y = lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
        && !lower.ends_with("uy");
    if consonant_y {
        format!("{}ies", label.get(..label.len() - 1).unwrap_or(label))
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        format!("{label}es")
    } else {
        format!("{label}s")
    }
}

/// One kind's pages on the A–Z page.
pub struct AzGroup<'a> {
    pub kind: String,
    /// Sorted by title, ignoring case and a leading "The".
    pub pages: Vec<&'a Listed>,
}

/// The listed pages grouped by kind: groups in alphabetical order, with
/// `Pages` (the site's general pages) last.
pub fn a_z(listed: &[Listed]) -> Vec<AzGroup<'_>> {
    let mut groups: BTreeMap<(bool, String), Vec<&Listed>> = BTreeMap::new();
    for l in listed {
        groups
            .entry((l.kind == "Pages", l.kind.clone()))
            .or_default()
            .push(l);
    }
    groups
        .into_iter()
        .map(|((_, kind), mut pages)| {
            pages.sort_by_cached_key(|l| sort_key(&l.title));
            AzGroup { kind, pages }
        })
        .collect()
}

fn sort_key(title: &str) -> String {
    let lower = title.trim().to_lowercase();
    lower
        .strip_prefix("the ")
        .map_or(lower.clone(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn kind_labels_are_made_plural_as_english_does() {
        assert_eq!(plural("vacancy"), "vacancies");
        assert_eq!(plural("team member"), "team members");
        assert_eq!(plural("course"), "courses");
        assert_eq!(plural("coach"), "coaches");
        assert_eq!(plural("survey"), "surveys");
        assert_eq!(plural(""), "pages");
    }
}

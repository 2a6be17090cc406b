//! Link checks over the rendered pages, so links in templates count too:
//! every internal `href` and `src` must lead to a page or file of the site,
//! and every `#part` to an `id` on that page. A finding that comes from a
//! page's markdown points at its line there; one from a setting in
//! `site.yaml` (`footer_links`) at that setting's line; one from the theme is
//! reported once for all the pages that share it.
//!
//! The check is in two steps: what is wrong with each page's links, then
//! the findings put together from every page's problems in page order
//! ([`assemble`]). The preview keeps the first per page ([`kept`]) and
//! works it out again only where it can differ.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::links::{PageIds, PageLinks};

pub mod kept;
mod report;

pub use report::assemble;

/// Checks every internal link of `pages` against the output files `keys`.
pub fn check(pages: &[&PageLinks], keys: &HashSet<&str>, base_path: &str) -> Vec<Diagnostic> {
    let built = Built {
        keys,
        ids: pages.iter().map(|p| (&*p.key, &p.ids)).collect(),
    };
    // What is wrong with each page's links, worked out on every core; then
    // put together in page order, as one pass over them would.
    let problems: Vec<Vec<(Arc<str>, Problem)>> = pages
        .par_iter()
        .map_init(HashMap::new, |rooted, page| {
            page.refs
                .iter()
                .filter_map(|r| {
                    // Addresses from the site root (the navigation, the
                    // header and footer on every page) mean the same on
                    // every page: work each out once a thread.
                    let problem = if r.starts_with('/') {
                        rooted
                            .entry(&**r)
                            .or_insert_with(|| problem_with(r, page, &built, &built, base_path))
                            .clone()
                    } else {
                        problem_with(r, page, &built, &built, base_path)
                    };
                    problem.map(|p| (r.clone(), p))
                })
                .collect()
        })
        .collect();
    assemble(
        pages
            .iter()
            .copied()
            .zip(problems.iter().map(Vec::as_slice)),
    )
}

/// What the link checks need to know about the built site.
pub trait Outputs {
    /// Whether this output path exists.
    fn has(&self, key: &str) -> bool;
    /// The ids of the page at this output path.
    fn ids(&self, key: &str) -> Option<&PageIds>;
}

struct Built<'a> {
    keys: &'a HashSet<&'a str>,
    ids: HashMap<&'a str, &'a PageIds>,
}

impl Outputs for Built<'_> {
    fn has(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    fn ids(&self, key: &str) -> Option<&PageIds> {
        self.ids.get(key).copied()
    }
}

/// What is wrong with one link.
#[derive(Debug, Clone)]
pub enum Problem {
    Missing,
    /// The part asked for, and an id of that page it may have meant.
    Fragment(String, Option<String>),
    OutsideBase,
}

impl Problem {
    pub(super) fn code(&self) -> &'static str {
        match self {
            Problem::Fragment(..) => "link/fragment",
            _ => "link/broken",
        }
    }
}

/// What is wrong with one address on `page`, if anything.
fn problem_with(
    r: &str,
    page: &PageLinks,
    keys: &dyn Outputs,
    ids: &dyn Outputs,
    base_path: &str,
) -> Option<Problem> {
    if r.is_empty() || crate::urls::is_external(r) {
        return None;
    }
    // A link to a `.md` file that was not turned into an address has been
    // reported already (missing page, or draft).
    if r.split(['#', '?'])
        .next()
        .is_some_and(|p| p.ends_with(".md"))
    {
        return None;
    }
    let (path, fragment) = match r.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (r, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        page.key.to_string()
    } else {
        let rel = if let Some(rooted) = path.strip_prefix('/') {
            let base = base_path.trim_start_matches('/');
            if path.starts_with("/__signpost/") {
                return None;
            }
            match rooted.strip_prefix(base) {
                Some(rest) => rest.to_string(),
                None => return Some(Problem::OutsideBase),
            }
        } else {
            crate::urls::join_path(page.key.rsplit_once('/').map_or("", |(d, _)| d), path)?
        };
        let rel = crate::urls::percent_decode(&rel).unwrap_or(rel);
        let candidates = if rel.is_empty() || rel.ends_with('/') {
            vec![format!("{rel}index.html")]
        } else {
            vec![rel.clone(), format!("{rel}/index.html")]
        };
        match candidates.into_iter().find(|k| keys.has(k)) {
            Some(k) => k,
            None => return Some(Problem::Missing),
        }
    };
    match fragment {
        Some(f) if !f.is_empty() && target.ends_with(".html") => {
            let set = ids.ids(target.as_str());
            let has = set.is_some_and(|set| set.contains(f));
            (!has).then(|| Problem::Fragment(f.to_string(), set.and_then(|s| numbered(s, f))))
        }
        _ => None,
    }
}

/// The page's `part-1`, `part-2` … for a missing `part`: the ids a heading
/// gets when its words are those of another heading or of a block of the
/// theme (`## How to apply` on a vacancy is `how-to-apply-1`).
fn numbered(ids: &PageIds, f: &str) -> Option<String> {
    // Numbers go up from 1, one for each heading with the same words, so
    // a page has no more of them than it has ids.
    (1..=ids.len())
        .map(|n| format!("{f}-{n}"))
        .find(|id| ids.contains(id))
}

#[cfg(test)]
mod tests;

//! What the site looked like before and after an edit to `content/`, by
//! page id, and which [`Read`]s of the pages' outputs differ between the
//! two: the pages that read those are the ones to render again; and what
//! else an edit changes that pages show or check (which pages a link finds,
//! the words the spelling check knows).

use std::collections::HashSet;

use super::Build;
use super::deps::{IdMap, IdSet, PageId, Read};
use crate::content::Site;

/// What the site looked like, by page id, before or after a change. Kept
/// in site order (index in `site.pages`), with a map from id to index:
/// filling maps keyed by id for every page, twice an edit, cost more than
/// the comparisons they were for.
pub(super) struct Snapshot {
    /// Index in `site.pages` → id, and back.
    pub(super) ids: Vec<PageId>,
    pub(super) index: IdMap<usize>,
    /// Each page's summary, by index.
    summaries: Vec<minijinja::Value>,
    /// Each section → what it lists, in order.
    pub(super) sections: IdMap<Vec<PageId>>,
    pub(super) nav: Vec<PageId>,
    /// Each page's parent, by index, whose chain up to the home page is
    /// its breadcrumbs (see [`same_ancestors`]).
    parents: Vec<Option<PageId>>,
    /// The `site` value every template is given (feeds, urgent help…).
    pub(super) site: minijinja::Value,
    pub(super) assets: usize,
    pub(super) asset_list: Vec<(std::path::PathBuf, String)>,
}

impl Snapshot {
    /// The site as it is, with `summaries` (each page's, in site order).
    pub(super) fn of(build: &mut Build, summaries: Vec<minijinja::Value>) -> Snapshot {
        let site = &build.site;
        let ids: Vec<PageId> = site
            .pages
            .iter()
            .map(|p| build.ids.id_of(&p.source))
            .collect();
        let sections = site
            .pages
            .iter()
            .zip(&ids)
            .filter(|(p, _)| p.is_section)
            .map(|(p, &id)| (id, p.children.iter().map(|&c| ids[c]).collect()))
            .collect();
        let nav = build.renderer.ctx.nav().iter().map(|&n| ids[n]).collect();
        let parents = site
            .pages
            .iter()
            .map(|p| p.parent.map(|i| ids[i]))
            .collect();
        Snapshot {
            parents,
            site: build.renderer.ctx.site_value().clone(),
            index: ids.iter().enumerate().map(|(i, &id)| (id, i)).collect(),
            summaries,
            ids,
            sections,
            nav,
            assets: site.assets.len(),
            asset_list: site
                .assets
                .iter()
                .map(|a| (a.from.clone(), a.to.clone()))
                .collect(),
        }
    }

    pub(super) fn has(&self, id: PageId) -> bool {
        self.index.contains_key(&id)
    }

    /// Page `id`'s summary, if it is a page of the site.
    fn summary(&self, id: PageId) -> Option<&minijinja::Value> {
        self.index.get(&id).and_then(|&i| self.summaries.get(i))
    }

    /// Page `id`'s parent: `None` when it is not a page of the site,
    /// `Some(None)` for the home page.
    fn parent(&self, id: PageId) -> Option<Option<PageId>> {
        self.index
            .get(&id)
            .and_then(|&i| self.parents.get(i))
            .copied()
    }

    /// The ids of this snapshot that `other` does not have.
    pub(super) fn not_in(&self, other: &Snapshot) -> IdSet {
        self.ids
            .iter()
            .filter(|&&id| !other.has(id))
            .copied()
            .collect()
    }

    pub(super) fn same_assets(&self, site: &Site) -> bool {
        self.asset_list
            .iter()
            .zip(&site.assets)
            .all(|((from, to), a)| *from == a.from && *to == a.to)
    }
}

/// Whether page `id` has the same ancestors (breadcrumbs) in `before` and
/// `after`: both have it with the same chain of parents, or neither has it.
pub(super) fn same_ancestors(before: &Snapshot, after: &Snapshot, id: PageId) -> bool {
    let (mut a, mut b) = (before.parent(id), after.parent(id));
    // Each step goes one level up the tree: no more steps than pages.
    for _ in 0..=before.parents.len() {
        match (a, b) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => match x {
                None => return true,
                Some(p) => (a, b) = (before.parent(p), after.parent(p)),
            },
            _ => return false,
        }
    }
    false
}

/// The reads whose answer differs between `before` and `after`.
/// Only the summaries in `remade` can differ (the others were taken over).
pub(super) fn changed_reads(
    before: &Snapshot,
    after: &Snapshot,
    edited: &IdSet,
    remade: &IdSet,
) -> HashSet<Read> {
    let mut changed = HashSet::new();
    let came_or_went = before.not_in(after).into_iter().chain(after.not_in(before));
    let differs: IdSet = remade
        .iter()
        .chain(edited)
        .filter(|&&id| edited.contains(&id) || before.summary(id) != after.summary(id))
        .copied()
        .chain(came_or_went)
        .collect();
    let page_changed = |id: &PageId| differs.contains(id);
    for id in &differs {
        changed.insert(Read::Page(*id));
    }
    // Pages named (by `get_page`) that were and are missing are not changed;
    // those that came or went are, above.
    for id in before.sections.keys().chain(after.sections.keys()) {
        let (old, new) = (before.sections.get(id), after.sections.get(id));
        if old != new || page_changed(id) || new.into_iter().flatten().any(page_changed) {
            changed.insert(Read::Section(*id));
        }
    }
    if before.nav != after.nav || after.nav.iter().any(page_changed) {
        changed.insert(Read::Nav);
    }
    changed
}

/// Each page's title and name (a team member's), in site order.
pub(super) fn titles(site: &Site) -> Vec<(String, Option<String>)> {
    site.pages
        .iter()
        .map(|p| {
            let name = p.fields.get("name").and_then(serde_yaml::Value::as_str);
            (p.title().to_string(), name.map(str::to_string))
        })
        .collect()
}

/// The words of `titles` (from [`titles`]) as the spelling check knows
/// them, as [`title_words`] gives them.
pub(super) fn words_of<'a>(
    titles: impl Iterator<Item = &'a (String, Option<String>)>,
) -> HashSet<String> {
    titles
        .flat_map(|(title, name)| std::iter::once(title.as_str()).chain(name.as_deref()))
        .flat_map(crate::check::writing::spelling::known_forms)
        .collect()
}

/// The words of the page titles and team members' names of the pages for
/// which `of` holds (by source path), which the spelling check knows (lower
/// case).
pub(super) fn title_words(site: &Site, of: impl Fn(&str) -> bool) -> HashSet<String> {
    site.pages
        .iter()
        .filter(|p| of(&p.source))
        .flat_map(|p| {
            let name = p.fields.get("name").and_then(serde_yaml::Value::as_str);
            std::iter::once(p.title()).chain(name)
        })
        .flat_map(crate::check::writing::spelling::known_forms)
        .collect()
}

/// The words the titles and names of the pages `changed` (source paths)
/// added to those the spelling check knows, or took away, given the words
/// they had before (`before`, from [`title_words`] of those pages): only
/// those pages' titles can add or drop a word (the others are taken over
/// as they were).
pub(super) fn words_that_changed(
    site: &Site,
    changed: &HashSet<String>,
    before: &HashSet<String>,
) -> HashSet<String> {
    let after = title_words(site, |s| changed.contains(s));
    // Words the dictionary has are right whether a title knows them or
    // not: only the others can change a finding.
    let mut words: HashSet<String> = before
        .symmetric_difference(&after)
        .filter(|w| !crate::check::writing::spelling::right_anyway(w))
        .cloned()
        .collect();
    if !words.is_empty() {
        // A word another page's title still has is known as before.
        let rest = title_words(site, |s| !changed.contains(s));
        words.retain(|w| !rest.contains(w));
    }
    words
}

/// The source paths of the pages whose text or front matter uses one of
/// `changed` (lower-case words): their spelling findings may differ.
pub(super) fn pages_using(site: &Site, changed: &HashSet<String>) -> HashSet<String> {
    if changed.is_empty() {
        return HashSet::new();
    }
    // The check's own words, and every part of them too: more than it
    // sees, never fewer.
    let uses = |text: &str| {
        crate::check::writing::spelling::known_forms(text).any(|w| changed.contains(&w))
            || words(text).any(|w| changed.contains(&w.to_lowercase()))
    };
    site.pages
        .iter()
        .filter(|p| uses(p.front_matter()) || uses(p.body()))
        .map(|p| p.source.to_string())
        .collect()
}

/// The words of `text` as the spelling check may see them: each run of
/// letters and digits, and each run joined by hyphens or apostrophes
/// (`Szmit-Kaur`, `O'Brien`) as a whole too. More than the check's own
/// words, never fewer, so no page that may differ is missed.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let joined = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}');
    text.split(move |c: char| !joined(c))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let parts = w
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty() && p.len() < w.len());
            std::iter::once(w).chain(parts)
        })
}

/// The source paths a link to a `.md` file finds differently after an
/// edit: `pages` (published pages that came or went), and those that were,
/// or now are, left out for their mistakes or as drafts (a link to one of
/// those finds another finding). Sorted, each once.
pub(super) fn moved_sources(
    pages: Vec<String>,
    failed_before: &[String],
    drafts_before: &[String],
    site: &Site,
) -> Vec<String> {
    let mut out = pages;
    for (before, after) in [
        (failed_before, &site.failed),
        (drafts_before, &site.drafts_left_out),
    ] {
        let (b, a): (HashSet<&String>, HashSet<&String>) =
            (before.iter().collect(), after.iter().collect());
        out.extend(b.symmetric_difference(&a).map(|s| s.to_string()));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Source paths as a link address may name them: each file's name, and
/// its page's address.
pub(super) struct Names(Vec<(String, String)>);

impl Names {
    pub(super) fn of(sources: &[String]) -> Names {
        Names(
            sources
                .iter()
                .map(|s| {
                    let file = s.rsplit('/').next().unwrap_or(s).to_string();
                    let path = crate::urls::path_for_source(s);
                    (file, path.trim_end_matches('/').to_string())
                })
                .collect(),
        )
    }

    /// Whether a link address (as written in the HTML, or a `.md` path left
    /// as it was because no page has it) names one of the sources.
    pub(super) fn named_by(&self, url: &str) -> bool {
        if self.0.is_empty() {
            return false;
        }
        // Without `#part` or `?query`, and with `%20` and the like decoded.
        let url = url.split(['#', '?']).next().unwrap_or(url);
        let decoded = url
            .contains('%')
            .then(|| crate::urls::percent_decode(url))
            .flatten();
        let url = decoded.as_deref().unwrap_or(url);
        self.0.iter().any(|(file, path)| {
            url.ends_with(file.as_str()) || url.trim_end_matches('/').ends_with(path.as_str())
        })
    }
}

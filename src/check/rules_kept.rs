//! The preview's content rules, kept between edits: each page's own
//! ([`PageRules`]) and what the site-wide rules found of it, worked out
//! again only for the pages an edit can change. Running the site-wide rules
//! over 10,000 pages and putting their findings together again took about
//! 12 ms of every structural edit.
//!
//! What the site-wide rules find of a page depends on the page itself, on
//! the other pages with its title or summary, on whether the names its
//! references give are pages' names, and (only for a reference that names
//! no page) on the names of every page of that kind, the pages with
//! mistakes and the pages held back. Each of those is followed here, so the
//! findings always equal those of [`super::rules::check`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::rules::{self, PageRules};
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;

/// The titles (0) and summaries (1) the duplicate rule compares.
const FIELDS: [&str; 2] = ["title", "summary"];

#[derive(Default)]
pub struct KeptRules {
    /// Whether every page of the site was worked out once.
    started: bool,
    /// Each page's rules by source path, so in site order (the site's
    /// pages are sorted by source path).
    pages: BTreeMap<String, PageRules>,
    /// Pages loaded again since, whose rules are to be worked out.
    pending: BTreeSet<String>,
    /// The pages with each title and summary (as compared), in site order.
    by_key: [HashMap<String, BTreeSet<String>>; 2],
    /// Titles and summaries a page took or left since.
    dirty_keys: [BTreeSet<String>; 2],
    /// How many pages references can name by each (kind, name).
    slugs: HashMap<(String, String), usize>,
    /// Names no page had any more when a page was forgotten (some may be
    /// back by the time the rules are worked out).
    gone: Vec<(String, String)>,
    /// Kinds a page of which came, went or changed since.
    dirty_kinds: HashSet<String>,
    /// The site-wide findings of each page that has some, by source path:
    /// same titles, same summaries, references that name no page.
    duplicates: [BTreeMap<String, Diagnostic>; 2],
    references: BTreeMap<String, Vec<Diagnostic>>,
    /// Pages with a reference that names no page (with a finding or not).
    unresolved: BTreeSet<String>,
    /// Pages with findings of their own (dates, placeholder texts).
    own: BTreeSet<String>,
    /// The pages with mistakes and those held back, as last seen: the
    /// findings of references that name no page read them.
    failed: Vec<String>,
    held_back: Vec<(String, String, String)>,
    /// Each page's `silence_checks:` (the checks' current codes) by its
    /// file, for the pages that have some; and their files by source path.
    silenced: HashMap<PathBuf, Vec<String>>,
    silenced_files: HashMap<String, PathBuf>,
    /// What was made of all of the above, until something changes.
    out: Option<Vec<Diagnostic>>,
}

impl KeptRules {
    /// Forgets what is kept of the page at `source` (loaded again, or gone):
    /// it is worked out again, with what it changes of other pages'.
    pub fn forget(&mut self, source: &str) {
        self.out = None;
        if !self.started {
            return;
        }
        self.pending.insert(source.to_string());
        let Some(old) = self.pages.remove(source) else {
            return;
        };
        for (f, key) in keys(&old).into_iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            if let Some(group) = self.by_key[f].get_mut(key) {
                group.remove(source);
                if group.is_empty() {
                    self.by_key[f].remove(key);
                }
            }
            self.dirty_keys[f].insert(key.to_string());
            self.duplicates[f].remove(source);
        }
        if let Some(slug) = old.slug {
            self.dirty_kinds.insert(slug.0.clone());
            if let Some(n) = self.slugs.get_mut(&slug) {
                *n -= 1;
                if *n == 0 {
                    self.slugs.remove(&slug);
                    self.gone.push(slug);
                }
            }
        }
        self.references.remove(source);
        self.unresolved.remove(source);
        self.own.remove(source);
        if let Some(file) = self.silenced_files.remove(source) {
            self.silenced.remove(&file);
        }
    }

    /// Whether the page of `file` silences the check of `code`, as of
    /// the last [`KeptRules::findings`].
    pub fn silenced(&self, file: &Path, code: &str) -> bool {
        self.silenced
            .get(file)
            .is_some_and(|codes| codes.iter().any(|c| c == code))
    }

    /// Every content rule's findings of `site`, in the order
    /// [`rules::check`] gives them.
    pub fn findings(&mut self, site: &Site) -> &[Diagnostic] {
        if self.out.is_none() || !self.same_left_out(site) {
            self.update(site);
            // Every page is kept once: a page not forgotten when it came or
            // went would show here (it never should).
            if self.pages.len() != site.pages.len() {
                *self = KeptRules::default();
                self.update(site);
            }
            debug_assert!(
                site.pages
                    .iter()
                    .all(|p| self.pages.contains_key(&*p.source))
            );
            self.out = Some(self.assemble());
        }
        self.out.as_deref().unwrap_or_default()
    }

    /// Whether the pages with mistakes and those held back are as last seen.
    fn same_left_out(&self, site: &Site) -> bool {
        self.failed == site.failed
            && self.held_back.len() == site.held_back.len()
            && self.held_back.iter().zip(&site.held_back).all(
                |((s, k, why), (source, (kind, because)))| {
                    s == source && k == kind.name() && why == because
                },
            )
    }

    /// Works out the pending pages' rules, and the site-wide findings that
    /// can have changed with them.
    fn update(&mut self, site: &Site) {
        if !self.started {
            self.started = true;
            self.pending = site.pages.iter().map(|p| p.source.to_string()).collect();
        }
        let left_out_changed = !self.same_left_out(site);
        if left_out_changed {
            self.failed = site.failed.clone();
            self.held_back = site
                .held_back
                .iter()
                .map(|(s, (k, why))| (s.clone(), k.name().to_string(), why.clone()))
                .collect();
        }
        let mut again: BTreeSet<String> = BTreeSet::new();
        for source in std::mem::take(&mut self.pending) {
            let Some(p) = page(site, &source) else {
                continue;
            };
            let new = rules::page_rules(site, p);
            if !p.common.silence_checks.is_empty() {
                let codes = p.common.silence_checks.iter();
                let codes = codes.map(|s| super::current_code(&s.check).to_string());
                self.silenced.insert(p.file.to_path_buf(), codes.collect());
                self.silenced_files
                    .insert(source.clone(), p.file.to_path_buf());
            }
            for (f, key) in keys(&new).into_iter().enumerate() {
                if !key.is_empty() {
                    let group = self.by_key[f].entry(key.to_string()).or_default();
                    group.insert(source.clone());
                    self.dirty_keys[f].insert(key.to_string());
                }
            }
            if let Some(slug) = &new.slug {
                self.dirty_kinds.insert(slug.0.clone());
                *self.slugs.entry(slug.clone()).or_default() += 1;
            }
            if !new.dates.is_empty() || !new.placeholders.is_empty() {
                self.own.insert(source.clone());
            }
            if !new.refs.is_empty() {
                again.insert(source.clone());
            }
            self.pages.insert(source, new);
        }
        self.update_duplicates(site);
        // References to a name that is no page's any more.
        let mut gone = std::mem::take(&mut self.gone);
        gone.retain(|slug| !self.slugs.contains_key(slug));
        if !gone.is_empty() {
            let named = |(_, kind, name): &(usize, String, String)| {
                gone.iter().any(|(k, n)| k == kind && n == name)
            };
            for (source, r) in &self.pages {
                if r.refs.iter().any(named) {
                    again.insert(source.clone());
                }
            }
        }
        // References that named no page: a page of that kind may now have
        // the name, or the suggestions (every name of the kind) changed.
        let dirty_kinds = std::mem::take(&mut self.dirty_kinds);
        for source in &self.unresolved {
            let refs = self.pages.get(source).map_or(&[][..], |r| &r.refs[..]);
            if left_out_changed || refs.iter().any(|(_, k, _)| dirty_kinds.contains(k)) {
                again.insert(source.clone());
            }
        }
        self.update_references(site, &again);
    }

    /// The same-title and same-summary findings of the pages that have, or
    /// had, a title or summary that changed hands.
    fn update_duplicates(&mut self, site: &Site) {
        for (f, field) in FIELDS.into_iter().enumerate() {
            for key in std::mem::take(&mut self.dirty_keys[f]) {
                let Some(group) = self.by_key[f].get(&key) else {
                    continue;
                };
                let mut sources = group.iter();
                let Some(first) = sources.next() else {
                    continue;
                };
                self.duplicates[f].remove(first);
                let Some(first_page) = page(site, first) else {
                    continue;
                };
                for source in sources {
                    if let Some(p) = page(site, source) {
                        let d = rules::duplicate(p, field, first_page);
                        self.duplicates[f].insert(source.clone(), d);
                    }
                }
            }
        }
    }

    /// Looks up again the references of the pages at `sources`.
    fn update_references(&mut self, site: &Site, sources: &BTreeSet<String>) {
        // The names of each kind, for suggestions, made only when needed.
        let mut names: HashMap<&str, Vec<&str>> = HashMap::new();
        for source in sources {
            self.references.remove(source);
            self.unresolved.remove(source);
            let (Some(p), Some(r)) = (page(site, source), self.pages.get(source)) else {
                continue;
            };
            let mut found = Vec::new();
            for (n, kind, name) in &r.refs {
                if self.slugs.contains_key(&(kind.clone(), name.clone())) {
                    continue;
                }
                self.unresolved.insert(source.clone());
                let names = names
                    .entry(kind.as_str())
                    .or_insert_with(|| rules::names_of(site, kind));
                found.extend(rules::reference(site, p, *n, kind, name, names));
            }
            if !found.is_empty() {
                self.references.insert(source.clone(), found);
            }
        }
    }

    /// The findings in the order of [`rules::check`]: each page's dates,
    /// the same titles, the same summaries, references, then each page's
    /// placeholder texts, each in site order.
    fn assemble(&self) -> Vec<Diagnostic> {
        let own = || self.own.iter().filter_map(|s| self.pages.get(s));
        let mut out: Vec<Diagnostic> = own().flat_map(|r| r.dates.iter().cloned()).collect();
        for found in &self.duplicates {
            out.extend(found.values().cloned());
        }
        out.extend(self.references.values().flatten().cloned());
        out.extend(own().flat_map(|r| r.placeholders.iter().cloned()));
        out
    }
}

/// The title and summary of `r`, as the duplicate rule compares them.
fn keys(r: &PageRules) -> [&str; 2] {
    [&r.title, &r.summary]
}

fn page<'a>(site: &'a Site, source: &str) -> Option<&'a Page> {
    site.by_source.get(source).and_then(|&i| site.pages.get(i))
}

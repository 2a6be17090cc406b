//! References between pages, for the templates: the pages a page's `ref`
//! fields name (a service's `team_members`, a vacancy's `course`), and, the
//! other way round, the pages that name it (the services a team member
//! works in). Pages are named by their file name without `.md`; a name with
//! no published page of the right kind is left out here (the checks report
//! it). Which fields are references is read from the kind's schema.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::content::{Page, Site};

/// A page's file name without `.md`: how other pages refer to it.
pub fn stem(p: &Page) -> &str {
    let name = p.source.rsplit('/').next().unwrap_or_default();
    name.strip_suffix(".md").unwrap_or(name)
}

/// The published page of `kind` with each of `names`, in the order given.
fn find_all(site: &Site, kind: &str, names: &[&str]) -> Vec<usize> {
    let mut found = Vec::new();
    for name in names {
        let page = site
            .pages
            .iter()
            .position(|p| p.kind.name() == kind && !p.is_section && stem(p) == *name);
        if let Some(i) = page.filter(|i| !found.contains(i)) {
            found.push(i);
        }
    }
    found
}

/// Which pages may be named how, looked up by a hash of (kind, name), so
/// resolving every page's references is not a search of every page for
/// each name (that made a 100,000-page site take half an hour). Built once
/// for a site; lookups check the pages they get, so a hash that two names
/// share costs a comparison, never a wrong answer.
#[derive(Default)]
pub struct References {
    /// (kind, file name) → the published pages of that kind so named.
    named: FxHashMap<u64, Vec<usize>>,
    /// (kind, name) a reference field holds → the pages holding it.
    naming: FxHashMap<u64, Vec<usize>>,
}

// FxHash: the preview makes this index again after a structural edit, and
// SipHash was most of its cost (the lookups check the pages they find, so a
// weaker hash costs at most a comparison).
fn key(kind: &str, name: &str) -> u64 {
    let mut h = FxHasher::default();
    (kind, name).hash(&mut h);
    h.finish()
}

impl References {
    pub fn of(site: &Site) -> References {
        let mut refs = References::default();
        for (i, p) in site.pages.iter().enumerate() {
            if p.is_section {
                continue;
            }
            refs.named
                .entry(key(p.kind.name(), stem(p)))
                .or_default()
                .push(i);
            for f in &p.kind.fields {
                let Some(kind) = f.ty.referenced_kind() else {
                    continue;
                };
                for name in p.strings(&f.name) {
                    let naming = refs.naming.entry(key(kind, name)).or_default();
                    if naming.last() != Some(&i) {
                        naming.push(i);
                    }
                }
            }
        }
        refs
    }

    /// The published page of `kind` with each of `names`, in the order
    /// given, each once.
    fn find_all(&self, site: &Site, kind: &str, names: &[&str]) -> Vec<usize> {
        let mut found = Vec::new();
        for name in names {
            let page = self.named.get(&key(kind, name)).and_then(|pages| {
                pages.iter().copied().find(|&i| {
                    site.pages
                        .get(i)
                        .is_some_and(|p| p.kind.name() == kind && !p.is_section && stem(p) == *name)
                })
            });
            if let Some(i) = page.filter(|i| !found.contains(i)) {
                found.push(i);
            }
        }
        found
    }

    /// Every reference field of page `i`, with the pages it names.
    pub fn refs<'s>(&self, site: &'s Site, i: usize) -> Vec<Resolved<'s>> {
        resolve(site, i, |kind, names| self.find_all(site, kind, names))
    }

    /// The pages whose reference fields hold page `i`'s name for its kind,
    /// whether or not they are of a kind that may name it (more pages
    /// than name it, never fewer).
    pub fn naming(&self, site: &Site, i: usize) -> Vec<usize> {
        let Some(p) = site.pages.get(i).filter(|p| !p.is_section) else {
            return Vec::new();
        };
        self.naming
            .get(&key(p.kind.name(), stem(p)))
            .cloned()
            .unwrap_or_default()
    }

    /// The pages whose reference fields name page `i`, by their kind, in
    /// site order.
    pub fn referenced_by<'s>(&self, site: &'s Site, i: usize) -> Vec<(&'s str, Vec<usize>)> {
        let Some(p) = site.pages.get(i).filter(|p| !p.is_section) else {
            return Vec::new();
        };
        let candidates = self
            .naming
            .get(&key(p.kind.name(), stem(p)))
            .map(Vec::as_slice)
            .unwrap_or_default();
        group_by_kind(site, p, candidates.iter().copied())
    }
}

/// The pages among `candidates` (in site order) whose reference fields
/// name `p`, grouped by their kind.
fn group_by_kind<'s>(
    site: &'s Site,
    p: &Page,
    candidates: impl Iterator<Item = usize>,
) -> Vec<(&'s str, Vec<usize>)> {
    let name = stem(p);
    let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
    for j in candidates {
        let Some(other) = site.pages.get(j).filter(|o| !o.is_section) else {
            continue;
        };
        let names_it = other.kind.fields.iter().any(|f| {
            f.ty.referenced_kind() == Some(p.kind.name()) && other.strings(&f.name).contains(&name)
        });
        if !names_it {
            continue;
        }
        match out.iter_mut().find(|(k, _)| *k == other.kind.name()) {
            Some((_, pages)) => pages.push(j),
            None => out.push((other.kind.name(), vec![j])),
        }
    }
    out
}

/// One reference field of a page, resolved.
pub struct Resolved<'a> {
    pub field: &'a str,
    /// The field holds a list (so templates get a list even of one page).
    pub is_list: bool,
    pub pages: Vec<usize>,
}

/// Every reference field of page `i`, with the pages it names (for one
/// page; [`References::refs`] for every page of a site).
pub fn refs(site: &Site, i: usize) -> Vec<Resolved<'_>> {
    resolve(site, i, |kind, names| find_all(site, kind, names))
}

fn resolve<'s>(
    site: &'s Site,
    i: usize,
    find: impl Fn(&str, &[&str]) -> Vec<usize>,
) -> Vec<Resolved<'s>> {
    let Some(p) = site.pages.get(i).filter(|p| !p.is_section) else {
        return Vec::new();
    };
    p.kind
        .fields
        .iter()
        .filter_map(|f| {
            let kind = f.ty.referenced_kind()?;
            Some(Resolved {
                field: &f.name,
                is_list: matches!(f.ty, crate::schema::FieldType::List(_)),
                pages: find(kind, &p.strings(&f.name)),
            })
        })
        .collect()
}

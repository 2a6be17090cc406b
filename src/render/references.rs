//! References between pages, for the templates: the pages a page's `ref`
//! fields name (a service's `team_members`, a vacancy's `course`), and, the
//! other way round, the pages that name it (the services a team member
//! works in). Pages are named by their file name without `.md`; a name with
//! no published page of the right kind is left out here (the checks report
//! it). Which fields are references is read from the kind's schema.

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

/// One reference field of a page, resolved.
pub struct Resolved<'a> {
    pub field: &'a str,
    /// The field holds a list (so templates get a list even of one page).
    pub is_list: bool,
    pub pages: Vec<usize>,
}

/// Every reference field of page `i`, with the pages it names.
pub fn refs(site: &Site, i: usize) -> Vec<Resolved<'_>> {
    let p = &site.pages[i];
    if p.is_section {
        return Vec::new();
    }
    p.kind
        .fields
        .iter()
        .filter_map(|f| {
            let kind = f.ty.referenced_kind()?;
            Some(Resolved {
                field: &f.name,
                is_list: matches!(f.ty, crate::schema::FieldType::List(_)),
                pages: find_all(site, kind, &p.strings(&f.name)),
            })
        })
        .collect()
}

/// The pages whose reference fields name page `i`, by their kind, in site
/// order.
pub fn referenced_by(site: &Site, i: usize) -> Vec<(&str, Vec<usize>)> {
    let p = &site.pages[i];
    if p.is_section {
        return Vec::new();
    }
    // Most kinds are named by no reference field: no need to look.
    let named = site.config.kinds.kinds.iter().any(|k| {
        k.fields
            .iter()
            .any(|f| f.ty.referenced_kind() == Some(p.kind.name()))
    });
    if !named {
        return Vec::new();
    }
    let name = stem(p);
    let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
    for (j, other) in site.pages.iter().enumerate() {
        if other.is_section {
            continue;
        }
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

/// Every page that may show page `i` through references, or that `i` may
/// have shown before an edit: all pages of the kinds on the other side (a
/// service's edit can add or drop any team member). They must be rendered
/// again when `i` changes.
pub fn related(site: &Site, i: usize) -> Vec<usize> {
    let p = &site.pages[i];
    if p.is_section {
        return Vec::new();
    }
    let kinds = site.config.kinds.related(&p.kind);
    if kinds.is_empty() {
        return Vec::new();
    }
    (0..site.pages.len())
        .filter(|&j| !site.pages[j].is_section && kinds.contains(&site.pages[j].kind.name()))
        .collect()
}

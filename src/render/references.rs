//! References between pages, for the templates: the team members a service
//! names in `team_members`, the course a vacancy names in `course`, and, the
//! other way round, the services a team member works in. Pages are named by
//! their file name without `.md`; a name with no published page of the right
//! kind is left out here (the checks report it).

use crate::content::{Kind, Meta, Page, Site};

/// A page's file name without `.md`: how other pages refer to it.
fn stem(p: &Page) -> &str {
    let name = p.source.rsplit('/').next().unwrap_or_default();
    name.strip_suffix(".md").unwrap_or(name)
}

/// The published page of `kind` with each of `names`, in the order given.
fn find_all(site: &Site, kind: Kind, names: &[String]) -> Vec<usize> {
    let mut found = Vec::new();
    for name in names {
        let page = site
            .pages
            .iter()
            .position(|p| p.kind == kind && !p.is_section && stem(p) == name);
        if let Some(i) = page.filter(|i| !found.contains(i)) {
            found.push(i);
        }
    }
    found
}

/// The team members of service `i`.
pub fn team(site: &Site, i: usize) -> Vec<usize> {
    match &site.pages[i].meta {
        Meta::Service(s) => find_all(site, Kind::TeamMember, &s.team_members),
        _ => Vec::new(),
    }
}

/// The course vacancy `i` names.
pub fn course(site: &Site, i: usize) -> Option<usize> {
    match &site.pages[i].meta {
        Meta::Vacancy(v) => v
            .course
            .as_ref()
            .and_then(|c| find_all(site, Kind::Course, std::slice::from_ref(c)).pop()),
        _ => None,
    }
}

/// The services that name team member `i`, in site order.
pub fn services(site: &Site, i: usize) -> Vec<usize> {
    let p = &site.pages[i];
    if p.kind != Kind::TeamMember || p.is_section {
        return Vec::new();
    }
    let name = stem(p);
    (0..site.pages.len())
        .filter(|&s| match &site.pages[s].meta {
            Meta::Service(svc) => svc.team_members.iter().any(|m| m == name),
            _ => false,
        })
        .collect()
}

/// Every page that may show page `i` through these references, or that `i`
/// may have shown before an edit: all pages of the kind on the other side
/// (a service's edit can add or drop any team member). They must be
/// rendered again when `i` changes.
pub fn related(site: &Site, i: usize) -> Vec<usize> {
    let p = &site.pages[i];
    let other = match p.kind {
        _ if p.is_section => return Vec::new(),
        Kind::Service => Kind::TeamMember,
        Kind::TeamMember => Kind::Service,
        Kind::Course => Kind::Vacancy,
        Kind::Vacancy => Kind::Course,
        Kind::Page => return Vec::new(),
    };
    (0..site.pages.len())
        .filter(|&j| site.pages[j].kind == other && !site.pages[j].is_section)
        .collect()
}

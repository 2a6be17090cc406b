//! What the preview keeps of the link check between edits: each page's
//! problems with the output paths its links looked up (as fingerprints),
//! and what each site-root address came to, so that after an edit only
//! what looked up an output that came, went or changed its ids is worked
//! out again.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Outputs, Problem, problem_with};
use crate::render::links::{PageIds, PageLinks};

/// One page's problems, and the output paths they were worked out from
/// (those whose existence or ids its links looked up), as fingerprints.
#[derive(Debug, Default)]
pub struct PageProblems {
    problems: Vec<(Arc<str>, Problem)>,
    /// Sorted; two paths may share a fingerprint, which only makes the
    /// page checked again when it need not be.
    read: Box<[u32]>,
}

impl PageProblems {
    /// Its links' problems, for [`super::assemble`].
    pub fn problems(&self) -> &[(Arc<str>, Problem)] {
        &self.problems
    }

    /// Whether its links looked up any of the outputs `changed` (sorted
    /// fingerprints, see [`fingerprint`]): if none, the same links find
    /// the same problems after the change.
    pub fn read_any(&self, changed: &[u32]) -> bool {
        overlap(&self.read, changed)
    }
}

/// Whether two sorted lists share an item.
fn overlap(a: &[u32], b: &[u32]) -> bool {
    let (few, many) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    few.iter().any(|f| many.binary_search(f).is_ok())
}

/// An output path's fingerprint, as [`PageProblems`] keeps what it read.
pub fn fingerprint(key: &str) -> u32 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    h.finish() as u32
}

/// A link's problem, and what it looked up.
type Found = (Option<Problem>, Box<[u32]>);

/// What each site-root address came to (it means the same on every page:
/// the navigation, the header and footer, the listings), kept between
/// checks.
#[derive(Default)]
pub struct Rooted(HashMap<Arc<str>, Found>);

impl Rooted {
    /// Forgets the addresses that looked up any of the outputs `changed`.
    pub fn forget_reading(&mut self, changed: &[u32]) {
        self.0.retain(|_, (_, read)| !overlap(read, changed));
    }

    /// Forgets every address (the base path changed).
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// What is wrong with each of `pages`' links, with the outputs each page's
/// links looked up in `site`; `rooted` are the site-root addresses worked
/// out before against the same outputs, and gets those of `pages`.
pub fn page_problems<'a, O: Outputs + Sync>(
    pages: &[&'a PageLinks],
    site: &O,
    base_path: &str,
    rooted: &mut Rooted,
) -> Vec<PageProblems> {
    // The few pages an edit wrote again are checked at once, not handed
    // to the other cores (which may be asleep).
    let many = pages.len() >= 64;
    let unknown = |page: &&'a PageLinks| {
        let page: &'a PageLinks = page;
        page.refs
            .iter()
            .filter(|r| r.starts_with('/') && !rooted.0.contains_key(&***r))
            .map(move |r| (r, page))
            .collect::<Vec<_>>()
    };
    let unknown: Vec<(&'a Arc<str>, &'a PageLinks)> = match many {
        true => pages.par_iter().flat_map_iter(unknown).collect(),
        false => pages.iter().flat_map(unknown).collect(),
    };
    let mut seen = HashSet::new();
    let unknown: Vec<_> = unknown
        .into_iter()
        .filter(|(r, _)| seen.insert(&***r))
        .collect();
    let work_out = |&(r, page): &(&Arc<str>, &PageLinks)| {
        (Arc::clone(r), looking_up(r, page, site, base_path))
    };
    let found: Vec<(Arc<str>, Found)> = match unknown.len() >= 256 {
        true => unknown.par_iter().map(work_out).collect(),
        false => unknown.iter().map(work_out).collect(),
    };
    rooted.0.extend(found);
    let rooted = &*rooted;
    let one = |page: &&PageLinks| problems_of(page, site, base_path, rooted);
    match many {
        true => pages.par_iter().map(one).collect(),
        false => pages.iter().map(one).collect(),
    }
}

/// What is wrong with `page`'s links, and what they looked up.
fn problems_of<O: Outputs>(
    page: &PageLinks,
    site: &O,
    base_path: &str,
    rooted: &Rooted,
) -> PageProblems {
    let mut problems = Vec::new();
    let mut read = Vec::new();
    for r in page.refs.iter() {
        let fresh;
        let (problem, looked_up) = match rooted.0.get(&**r) {
            Some(found) => found,
            None => {
                fresh = looking_up(r, page, site, base_path);
                &fresh
            }
        };
        read.extend_from_slice(looked_up);
        if let Some(p) = problem {
            problems.push((r.clone(), p.clone()));
        }
    }
    read.sort_unstable();
    read.dedup();
    PageProblems {
        problems,
        read: read.into_boxed_slice(),
    }
}

/// [`problem_with`], with the fingerprints of what it looked up.
fn looking_up<O: Outputs>(r: &str, page: &PageLinks, site: &O, base_path: &str) -> Found {
    let recording = Recording {
        site,
        read: RefCell::new(Vec::new()),
    };
    let problem = problem_with(r, page, &recording, &recording, base_path);
    (problem, recording.read.into_inner().into_boxed_slice())
}

/// `site`, noting each output path looked up: all a link's problem
/// depends on besides the link and its page.
struct Recording<'a, O> {
    site: &'a O,
    read: RefCell<Vec<u32>>,
}

impl<O: Outputs> Outputs for Recording<'_, O> {
    fn has(&self, key: &str) -> bool {
        self.read.borrow_mut().push(fingerprint(key));
        self.site.has(key)
    }

    fn ids(&self, key: &str) -> Option<&PageIds> {
        self.read.borrow_mut().push(fingerprint(key));
        self.site.ids(key)
    }
}

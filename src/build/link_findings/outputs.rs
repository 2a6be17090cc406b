//! The site's outputs as the link check sees them (every output path, and
//! the ids of the page there), kept between edits and brought up to date
//! from the pages written again or gone, so that after an edit the check
//! neither looks over every page for what changed nor makes a map of them.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::check::links::{Outputs, kept::fingerprint};
use crate::render::links::PageIds;

/// The outputs as last checked.
#[derive(Default)]
pub(super) struct Known {
    map: HashMap<Arc<str>, Output>,
    /// How many paths more than one page was written to (a clash): while
    /// there are any, which page's ids a path has depends on the pages'
    /// order, so the map is made anew from every page.
    shared: usize,
    /// The outputs that are not pages: static files, site files, the
    /// search pages, and pages left out for their mistakes.
    others: BTreeSet<String>,
}

/// One output path.
#[derive(Default)]
struct Output {
    /// How many pages were written to it (the special pages included).
    pages: u32,
    /// Whether it is also one of the other outputs.
    other: bool,
    /// The ids of the (last) page written to it.
    ids: Option<PageIds>,
}

impl Outputs for Known {
    fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    fn ids(&self, key: &str) -> Option<&PageIds> {
        self.map.get(key)?.ids.as_ref()
    }
}

/// A page written: its output path and ids.
pub(super) type Writer<'a> = (&'a Arc<str>, &'a PageIds);

impl Known {
    /// Brings the outputs up to date: the pages written to `gone` are
    /// there no more, the pages `new` are (each path once per page gone
    /// or written), and `others` are the outputs that are not pages now;
    /// `all` is every page written now, in order. Gives the output paths
    /// that came, went or whose ids changed, as sorted fingerprints.
    pub fn update<'a>(
        &mut self,
        gone: &[Arc<str>],
        new: &[Writer<'a>],
        all: impl Iterator<Item = Writer<'a>>,
        others: &BTreeSet<&str>,
    ) -> Vec<u32> {
        let mut pages: HashMap<&str, i64> = HashMap::new();
        for key in gone {
            *pages.entry(key).or_insert_with(|| self.pages_at(key)) -= 1;
        }
        for (key, _) in new {
            *pages.entry(key).or_insert_with(|| self.pages_at(key)) += 1;
        }
        // Which of several pages gives a path its ids depends on their
        // order: made anew then (only while outputs clash).
        if self.shared > 0 || pages.values().any(|&n| !(0..=1).contains(&n)) {
            return self.remake(all, others);
        }
        let came: Vec<&str> = others
            .iter()
            .copied()
            .filter(|k| !self.others.contains(*k))
            .collect();
        let went: Vec<String> = self
            .others
            .iter()
            .filter(|k| !others.contains(k.as_str()))
            .cloned()
            .collect();
        // What each path touched was before: (there, its ids).
        let mut before: HashMap<Arc<str>, Option<Option<PageIds>>> = HashMap::new();
        let touched = gone
            .iter()
            .cloned()
            .chain(new.iter().map(|(k, _)| Arc::clone(k)))
            .chain(came.iter().map(|k| Arc::from(*k)))
            .chain(went.iter().map(|k| Arc::from(k.as_str())));
        for key in touched {
            if let Entry::Vacant(e) = before.entry(key) {
                let was = self.map.get(e.key()).map(|o| o.ids.clone());
                e.insert(was);
            }
        }
        for key in gone {
            if let Some(o) = self.map.get_mut(key) {
                o.pages -= 1;
                o.ids = None;
            }
        }
        for &(key, ids) in new {
            let o = self.map.entry(Arc::clone(key)).or_default();
            o.pages += 1;
            o.ids = Some(ids.clone());
        }
        for key in &came {
            self.map.entry(Arc::from(*key)).or_default().other = true;
        }
        for key in &went {
            if let Some(o) = self.map.get_mut(key.as_str()) {
                o.other = false;
            }
        }
        if !came.is_empty() || !went.is_empty() {
            self.others = others.iter().map(|k| k.to_string()).collect();
        }
        let mut changed = Vec::new();
        for (key, was) in before {
            if self.map.get(&key).is_some_and(|o| o.pages == 0 && !o.other) {
                self.map.remove(&key);
            }
            let now = self.map.get(&key).map(|o| o.ids.as_ref());
            if now != was.as_ref().map(Option::as_ref) {
                changed.push(fingerprint(&key));
            }
        }
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    /// How many pages were written to `key`.
    fn pages_at(&self, key: &str) -> i64 {
        self.map.get(key).map_or(0, |o| i64::from(o.pages))
    }

    /// The outputs made anew from every page (`all`, in order: the last
    /// page written to a path gives its ids, as `check::links::check`
    /// has it) and `others`, and what changed, as [`Known::update`].
    fn remake<'a>(
        &mut self,
        all: impl Iterator<Item = Writer<'a>>,
        others: &BTreeSet<&str>,
    ) -> Vec<u32> {
        let old = std::mem::take(&mut self.map);
        for (key, ids) in all {
            let o = self.map.entry(Arc::clone(key)).or_default();
            o.pages += 1;
            o.ids = Some(ids.clone());
        }
        for key in others {
            self.map.entry(Arc::from(*key)).or_default().other = true;
        }
        self.others = others.iter().map(|k| k.to_string()).collect();
        self.shared = self.map.values().filter(|o| o.pages > 1).count();
        let mut changed: Vec<u32> = self
            .map
            .iter()
            .filter(|(key, o)| old.get(*key).is_none_or(|was| was.ids != o.ids))
            .map(|(key, _)| fingerprint(key))
            .chain(
                old.keys()
                    .filter(|key| !self.map.contains_key(*key))
                    .map(|key| fingerprint(key)),
            )
            .collect();
        changed.sort_unstable();
        changed.dedup();
        changed
    }
}

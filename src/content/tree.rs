//! The tree of pages: each page's parent (the nearest section above it)
//! and each section's children in listing order. After a reload, a kept
//! section keeps its order and only its new children are put in place:
//! sorting every section again took half of a reload on 10,000 pages.

use std::collections::HashMap;

use super::{Page, Site, order};

/// A section's listing before a reload.
pub(super) struct OldOrder {
    /// The section's index before the reload.
    pub section: usize,
    /// Its children in listing order, by their indices before the reload.
    pub children: Vec<usize>,
    /// Whether the listing order was a total order on those children (see
    /// [`order::ordered_alike`]), so that a part of it is still in order.
    pub total: bool,
}

/// What a reload keeps of the old tree.
pub(super) struct Reuse {
    /// Each old index's new one (`usize::MAX` for a page not kept).
    pub old_to_new: Vec<usize>,
    /// Whether each page (by its new index) was read again or is new.
    pub added: Vec<bool>,
    pub orders: Vec<OldOrder>,
}

/// The kept pages (in source order) and the added ones (sorted) in one
/// list in source order, and where each kept page went.
pub(super) fn merge(kept: Vec<Page>, added: Vec<Page>) -> (Vec<Page>, Vec<usize>) {
    let mut pages = Vec::with_capacity(kept.len() + added.len());
    let mut kept_at = Vec::with_capacity(kept.len());
    let mut added = added.into_iter().peekable();
    for p in kept {
        while let Some(a) = added.next_if(|a| a.source < p.source) {
            pages.push(a);
        }
        kept_at.push(pages.len());
        pages.push(p);
    }
    pages.extend(added);
    (pages, kept_at)
}

impl Site {
    /// Sets each page's parent and puts each section's children in
    /// listing order, reusing the orders of `reuse`.
    pub(super) fn link_tree(&mut self, reuse: Option<Reuse>) {
        let sections: HashMap<&str, usize> = self
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_section)
            .map(|(i, p)| (p.source_dir(), i))
            .collect();
        let parent_in = |mut dir: &str| loop {
            if let Some(&s) = sections.get(dir) {
                break s;
            }
            if dir.is_empty() {
                break self.home;
            }
            dir = super::parent_dir(dir);
        };
        // Pages in source order come folder by folder: a folder's parent is
        // looked up once.
        let mut last: Option<(&str, usize)> = None;
        let mut parents = Vec::with_capacity(self.pages.len());
        for p in &self.pages {
            let parent = match p.is_section {
                true => parent_in(super::parent_dir(p.source_dir())),
                false => match last {
                    Some((dir, s)) if dir == p.source_dir() => s,
                    _ => {
                        let s = parent_in(p.source_dir());
                        last = Some((p.source_dir(), s));
                        s
                    }
                },
            };
            parents.push(parent);
        }
        for (i, parent) in parents.into_iter().enumerate() {
            if i == self.home {
                continue;
            }
            self.pages[i].parent = Some(parent);
            self.pages[parent].children.push(i);
        }
        let mut old_of = vec![None; self.pages.len()];
        if let Some(reuse) = &reuse {
            for (k, o) in reuse.orders.iter().enumerate() {
                if let Some(slot) = reuse
                    .old_to_new
                    .get(o.section)
                    .and_then(|&s| old_of.get_mut(s))
                {
                    *slot = Some(k);
                }
            }
        }
        for (s, old) in old_of.into_iter().enumerate() {
            if self.pages[s].children.is_empty() {
                continue;
            }
            let kept = reuse
                .as_ref()
                .zip(old)
                .and_then(|(r, k)| self.kept_order(s, &r.orders[k], r));
            match kept {
                Some(children) => self.pages[s].children = children,
                None => self.sort_children(s),
            }
        }
    }

    /// Section `s`'s children in listing order from its order before the
    /// reload, when that order still holds for the pages kept and only a
    /// few were added.
    fn kept_order(&self, s: usize, old: &OldOrder, reuse: &Reuse) -> Option<Vec<usize>> {
        let now = &self.pages[s].children;
        if !old.total || !order::ordered_alike(now, &self.pages) {
            return None;
        }
        let mut list = Vec::with_capacity(now.len());
        for &c in &old.children {
            let Some(&c) = reuse.old_to_new.get(c).filter(|&&c| c != usize::MAX) else {
                continue;
            };
            if self.pages[c].parent != Some(s) {
                return None;
            }
            list.push(c);
        }
        let added: Vec<usize> = now.iter().copied().filter(|&c| reuse.added[c]).collect();
        // Many new children are sorted with the others.
        if list.len() + added.len() != now.len() || added.len() > 32 {
            return None;
        }
        order::insert_for_listing(&mut list, &added, &self.pages, self.today);
        Some(list)
    }
}

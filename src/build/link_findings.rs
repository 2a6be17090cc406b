//! The preview's link findings, kept by page between edits.
//!
//! What is wrong with a page's links depends only on its links (its
//! output path and addresses), the site's base path, and what the check
//! looks up in the site: whether an output path exists, and the ids of the
//! page there (`check::links::Outputs`; each page's look-ups are kept as
//! fingerprints). So after an edit only two kinds of page can find
//! something else: pages written again (new links), and pages that looked
//! up an output path that came, went, or whose page's ids changed. Only
//! those are checked again; the findings are then put together from every
//! page's problems in site order, as a check of the whole site does (the
//! theme's findings count the pages they are on, `site.yaml`'s are
//! reported once).

mod outputs;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::Build;
use super::deps::PageId;
use crate::check::links::{self, kept::PageProblems, kept::Rooted};
use crate::diagnostics::Diagnostic;
use crate::render::links::PageLinks;
use outputs::{Known, Writer};

/// What the preview keeps of the link check between edits.
#[derive(Default)]
pub(super) struct LinkFindings {
    /// The base path the problems were found with.
    base_path: String,
    /// The site's outputs as last checked.
    outputs: Known,
    /// What each site-root address came to against them.
    rooted: Rooted,
    /// Each written page's problems, with the output path of the links
    /// they were found in: held, so that links made again (which get a
    /// path of their own) can never be mistaken for them.
    pages: HashMap<PageId, (Arc<str>, PageProblems)>,
    /// The output paths of pages forgotten since (written again, or not).
    forgotten: Vec<Arc<str>>,
    /// The 404 and feedback pages' output paths as last checked.
    special: Vec<Arc<str>>,
}

impl LinkFindings {
    /// Forgets page `id`'s problems: it is being written again.
    pub fn forget(&mut self, id: PageId) {
        if let Some((key, _)) = self.pages.remove(&id) {
            self.forgotten.push(key);
        }
    }
}

impl Build {
    /// The link findings of the whole site, checking again only the pages
    /// whose problems can have changed since the last call.
    pub(super) fn kept_link_findings(&self) -> Vec<Diagnostic> {
        let written: Vec<(PageId, &PageLinks)> = self.with_site_order(|order| {
            order
                .iter()
                .filter_map(|&id| {
                    let id = id?;
                    Some((id, self.pages.get(&id)?.links.as_ref()?))
                })
                .collect()
        });
        let failed: Vec<String> = self.site.failed_outputs().collect();
        let others: BTreeSet<&str> = self
            .static_keys
            .iter()
            .chain(&self.site_file_keys)
            .chain(&self.search_keys)
            .chain(&failed)
            .map(String::as_str)
            .collect();
        let base_path = self.site.config.base_path();

        let mut kept = super::lock(&self.link_findings);
        let kept = &mut *kept;
        // Pages whose links are not those last checked, and the output
        // paths of the pages checked then that are not there now.
        let mut again = Vec::new();
        let mut gone = std::mem::take(&mut kept.forgotten);
        let mut present = 0;
        for (i, (id, l)) in written.iter().enumerate() {
            match kept.pages.get(id) {
                Some((key, _)) => {
                    present += 1;
                    if !Arc::ptr_eq(key, &l.key) {
                        gone.push(key.clone());
                        again.push(i);
                    }
                }
                None => again.push(i),
            }
        }
        if kept.pages.len() > present {
            let live: HashSet<PageId> = written.iter().map(|&(id, _)| id).collect();
            kept.pages.retain(|id, (key, _)| {
                let keep = live.contains(id);
                if !keep {
                    gone.push(key.clone());
                }
                keep
            });
        }
        gone.append(&mut kept.special);
        let new: Vec<Writer> = again
            .iter()
            .map(|&i| written[i].1)
            .chain(&self.special)
            .map(|l| (&l.key, &l.ids))
            .collect();
        let all = written
            .iter()
            .map(|&(_, l)| l)
            .chain(&self.special)
            .map(|l| (&l.key, &l.ids));
        let changed = kept.outputs.update(&gone, &new, all, &others);
        kept.special = self.special.iter().map(|l| l.key.clone()).collect();
        if kept.base_path != base_path {
            kept.base_path.clone_from(&base_path);
            kept.rooted.clear();
            again = (0..written.len()).collect();
        } else if !changed.is_empty() {
            kept.rooted.forget_reading(&changed);
            again.extend(
                written
                    .iter()
                    .enumerate()
                    .filter(|(_, (id, l))| {
                        kept.pages.get(id).is_some_and(|(key, p)| {
                            Arc::ptr_eq(key, &l.key) && p.read_any(&changed)
                        })
                    })
                    .map(|(i, _)| i),
            );
        }
        let links: Vec<&PageLinks> = again.iter().map(|&i| written[i].1).collect();
        let found = links::kept::page_problems(&links, &kept.outputs, &base_path, &mut kept.rooted);
        for (&i, p) in again.iter().zip(found) {
            let (id, l) = written[i];
            kept.pages.insert(id, (l.key.clone(), p));
        }
        // The 404 and feedback pages are made again with the navigation:
        // a few pages, checked every time.
        let special: Vec<&PageLinks> = self.special.iter().collect();
        let special_found =
            links::kept::page_problems(&special, &kept.outputs, &base_path, &mut kept.rooted);
        let none: &[(Arc<str>, links::Problem)] = &[];
        let pages = written
            .iter()
            .map(|(id, l)| (*l, kept.pages.get(id).map_or(none, |(_, p)| p.problems())))
            .chain(
                special
                    .iter()
                    .copied()
                    .zip(special_found.iter().map(PageProblems::problems)),
            );
        links::assemble(pages)
    }
}

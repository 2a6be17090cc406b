//! Loading `content/` again after an edit in the preview, reading only the
//! changed files. When only markdown files changed (and the last walk of
//! `content/` had nothing to report), the list of files is worked out from
//! the old one and the changed paths instead of walking the folder again,
//! which took a third of a reload on 10,000 pages.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::tree::OldOrder;
use super::{CONTENT_DIR, FieldNames, LoadOptions, Page, Site, is_ignored_name, load, walk};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Files read for a load, in the order the walk lists them, each with its
/// page or its mistakes.
pub(super) type Loaded = Vec<(String, Result<Page, Vec<Diagnostic>>)>;

/// Published pages taken over from an earlier load.
#[derive(Default)]
pub(super) struct Kept {
    /// In source order, out of the tree.
    pub pages: Vec<Page>,
    /// Source path → index before the reload, for the pages kept and no
    /// others (or empty).
    pub by_source: HashMap<std::sync::Arc<str>, usize>,
    /// The index of each kept page before the reload, and how many pages
    /// there were.
    pub old_index: Vec<usize>,
    pub old_len: usize,
    /// The listings of the sections kept, when they can be reused.
    pub orders: Option<Vec<OldOrder>>,
}

impl Site {
    /// Loads `content/` again after the files in `changed` (source paths
    /// under `content/`) were edited, added or removed, reading only those:
    /// every other page is taken over from `self` as it was loaded. Gives the
    /// same site and findings as [`Site::load`] would. `only_markdown` says
    /// that nothing else under `content/` changed (no folder, no other
    /// file). `false` when there is no site to make (no `content` folder):
    /// then `self` is left empty.
    pub fn reload(
        &mut self,
        changed: &HashSet<String>,
        only_markdown: bool,
        opts: &LoadOptions,
        diags: &mut Diagnostics,
    ) -> bool {
        let root = self.root.clone();
        let content = root.join(CONTENT_DIR);
        let config = self.config.clone();
        let keep_text = self.keep_text;
        if !content.is_dir() {
            self.pages.clear();
            return false;
        }
        let mut changed_sorted: Vec<&str> = changed.iter().map(String::as_str).collect();
        changed_sorted.sort_unstable();
        let listed = match only_markdown && self.walk_clean {
            true => files_after(self, &changed_sorted, &content),
            false => None,
        };
        let (to_load, kept, assets, walk_clean) = match listed {
            Some(to_load) => {
                let kept = self.take_kept(&changed_sorted);
                (to_load, kept, std::mem::take(&mut self.assets), true)
            }
            None => {
                let mut found = Diagnostics::default();
                let (md_files, assets) = walk::walk(&content, &mut found);
                let clean = found.is_empty();
                diags.extend(found.into_vec());
                let (kept, to_load) = self.take_walked(md_files, changed);
                (to_load, kept, assets, clean)
            }
        };
        load::check_sections_exist(&config, &content, diags);
        let names = FieldNames::of(&config.kinds);
        let loaded: Loaded = to_load
            .into_par_iter()
            .map(|source| {
                let page = load::load_page_named(&root, &source, &config, keep_text, &names);
                (source, page)
            })
            .collect();
        match Site::assemble(&root, config, opts, kept, loaded, assets, diags) {
            Some(site) => {
                *self = Site {
                    keep_text,
                    walk_clean,
                    ..site
                };
                true
            }
            None => false,
        }
    }

    /// The published pages not in `changed`, in source order, out of the
    /// tree. A stand-in home page is made again, not kept.
    fn take_kept(&mut self, changed: &[&str]) -> Kept {
        let mut by_source = std::mem::take(&mut self.by_source);
        for source in changed {
            by_source.remove(*source);
        }
        if self.stand_in_home {
            by_source.remove("_index.md");
        }
        let stand_in_home = self.stand_in_home;
        let is_kept = |p: &Page| {
            let stand_in = stand_in_home && &*p.source == "_index.md";
            changed.binary_search(&&*p.source).is_err() && !stand_in
        };
        let all = &self.pages;
        let totals: Vec<(usize, bool)> = (all.iter().enumerate())
            .filter(|(_, p)| p.is_section && is_kept(p))
            .map(|(i, p)| (i, super::order::ordered_alike(&p.children, all)))
            .collect();
        let orders = totals
            .into_iter()
            .map(|(section, total)| OldOrder {
                section,
                children: std::mem::take(&mut self.pages[section].children),
                total,
            })
            .collect();
        let mut pages = std::mem::take(&mut self.pages);
        let old_len = pages.len();
        let mut old_index = Vec::with_capacity(old_len);
        let mut i = 0;
        pages.retain_mut(|p| {
            p.parent = None;
            p.children.clear();
            let keep = is_kept(p);
            if keep {
                old_index.push(i);
            }
            i += 1;
            keep
        });
        Kept {
            pages,
            by_source,
            old_index,
            old_len,
            orders: Some(orders),
        }
    }

    /// The pages of `md_files` (as walked) that are kept, in source order,
    /// and the files to read.
    fn take_walked(
        &mut self,
        md_files: Vec<String>,
        changed: &HashSet<String>,
    ) -> (Kept, Vec<String>) {
        // Each kept page is taken from its place, found by its source path
        // in the old index: putting every page in a map of its own (a copy
        // of each path, each page moved) took about 5% of an edit's time
        // on 10,000 pages.
        let index = std::mem::take(&mut self.by_source);
        let mut old: Vec<Option<Page>> = std::mem::take(&mut self.pages)
            .into_iter()
            .map(Some)
            .collect();
        let stand_in_home = self.stand_in_home;
        let mut kept = Vec::with_capacity(old.len());
        let mut to_load = Vec::new();
        for source in md_files {
            let page = match changed.contains(&source) || (stand_in_home && source == "_index.md") {
                true => None,
                false => index
                    .get(source.as_str())
                    .and_then(|&i| old.get_mut(i))
                    .and_then(Option::take)
                    .filter(|p| *p.source == *source),
            };
            match page {
                Some(mut p) => {
                    p.parent = None;
                    p.children.clear();
                    kept.push(p);
                }
                None => to_load.push(source),
            }
        }
        kept.sort_by(|a, b| a.source.cmp(&b.source));
        let kept = Kept {
            pages: kept,
            ..Kept::default()
        };
        (kept, to_load)
    }
}

/// The markdown files to read again after only the files in `changed`
/// (sorted) changed, in the order the walk would list them: those of
/// `changed` that the walk would find now, and the drafts and pages with
/// mistakes, which are not kept. `None` when the walk is needed to be sure:
/// a changed path in a folder that came or went or that had no markdown
/// file, a shortcut (link), anything but an ordinary file, a name the walk
/// would report.
pub(super) fn files_after(site: &Site, changed: &[&str], content: &Path) -> Option<Vec<String>> {
    let mut files = Vec::new();
    for &source in changed {
        let unusual = |part: &str| part.is_empty() || part == "." || part == "..";
        if !source.ends_with(".md")
            || source.contains(['\\', '\u{FFFD}'])
            || source.split('/').any(unusual)
        {
            return None;
        }
        if source.split('/').any(is_ignored_name) {
            // The walk never goes there.
            continue;
        }
        let (dir, name) = source.rsplit_once('/').unwrap_or(("", source));
        match std::fs::symlink_metadata(content.join(source)) {
            Ok(m) if m.file_type().is_file() => {}
            // Gone: but a folder that went may have taken files with it that
            // were not reported.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match content.join(dir).is_dir() {
                    true => continue,
                    false => return None,
                }
            }
            _ => return None,
        }
        // The walk lists files under the names the folder holds: on a disk
        // that ignores case, `Page.md` can be opened as `page.md`.
        let listed = std::fs::read_dir(content.join(dir))
            .ok()?
            .any(|e| e.is_ok_and(|e| e.file_name() == name));
        if !listed || !(dir.is_empty() || site.has_source_under(dir)) {
            return None;
        }
        files.push(source.to_string());
    }
    let again = |s: &&String| changed.binary_search(&s.as_str()).is_err();
    files.extend(site.drafts_left_out.iter().filter(again).cloned());
    files.extend(site.failed.iter().filter(again).cloned());
    files.sort_by(|a, b| walk_order(a, b));
    Some(files)
}

/// The order the walk lists files in: folder by folder, each sorted by name.
pub(super) fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

impl Site {
    /// Whether the last walk found a markdown file under the folder `dir`
    /// (so that the walk goes into it).
    fn has_source_under(&self, dir: &str) -> bool {
        let prefix = format!("{dir}/");
        let i = self.pages.partition_point(|p| &*p.source < prefix.as_str());
        let published = self
            .pages
            .get(i)
            .is_some_and(|p| p.source.starts_with(&prefix));
        published
            || (self.drafts_left_out.iter())
                .chain(&self.failed)
                .any(|s| s.starts_with(&prefix))
    }
}

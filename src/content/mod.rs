//! Content: loading `content/` into the [`Site`] model — pages, sections,
//! assets, their web addresses and the tree that listings, navigation and
//! breadcrumbs are built from.

mod dates;
pub mod feeds;
pub mod frontmatter;
pub mod kinds;
mod load;
mod order;
mod page;
pub mod placeholder;
mod reload;
#[cfg(test)]
mod reload_tests;
mod tree;
mod values;
mod walk;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

pub use kinds::{Field, Kind, Ty};
pub use load::{load_page, load_page_keeping};
pub use page::{FieldNames, Fields, InFile, KeptText, Page, PageText, Text};
pub use walk::{
    is_ignored_name, link_outside_warning, links_outside, plain_io_error, site_root_of,
    walk_site_dir,
};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::urls::path_for_source;

pub const CONTENT_DIR: &str = "content";

/// A file that is copied as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub from: PathBuf,
    /// Output path relative to the output folder, `/` separated.
    pub to: String,
}

/// What the build was asked for.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub drafts: bool,
    pub today: Date,
    /// Give stylesheets and scripts names that change with their contents.
    pub fingerprint: bool,
    /// Minify HTML and CSS (if `site.yaml` allows).
    pub minify: bool,
    /// Run the writing checks (see `BuildOptions::writing`).
    pub writing: bool,
}

/// The whole site, built once and passed to every later stage.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub pages: Vec<Page>,
    /// Index of the home page in `pages`.
    pub home: usize,
    pub assets: Vec<Asset>,
    /// Source path under `content/` → index in `pages`.
    pub by_source: HashMap<std::sync::Arc<str>, usize>,
    /// Source paths of drafts left out of this build.
    pub drafts_left_out: Vec<String>,
    /// The kind of each page left out of this build, and why (see
    /// [`Page::held_back_because`]), by source path.
    pub held_back: BTreeMap<String, (Kind, String)>,
    /// Source paths of pages left out because they have mistakes; links to
    /// them are not reported as broken. Sorted, so that a link can be
    /// looked up in it.
    pub failed: Vec<String>,
    /// There is no `content/_index.md`: the home page is a stand-in, made
    /// only so that the other pages can be checked.
    pub stand_in_home: bool,
    pub today: Date,
    /// Whether stylesheets and scripts get fingerprinted names.
    pub fingerprint: bool,
    /// Whether templates and stylesheets are minified.
    pub minify: bool,
    /// Whether the writing checks run.
    pub writing: bool,
    /// Whether pages hold their text (the preview); otherwise each page's
    /// text is read again when it is rendered (see [`Page::markdown`]).
    pub keep_text: bool,
    /// The last walk of `content/` had nothing to report, so that a reload
    /// after markdown edits can do without walking it again.
    walk_clean: bool,
}

impl Site {
    /// Loads `content/` under `root`, adding every mistake to `diags`.
    /// Returns `None` when the content has errors.
    pub fn load(
        root: &Path,
        config: Config,
        opts: &LoadOptions,
        diags: &mut Diagnostics,
    ) -> Option<Site> {
        Site::load_keeping(root, config, opts, true, diags)
    }

    /// [`Site::load`]; without `keep_text`, pages do not hold their text
    /// but read it again when rendered (a one-off build).
    pub fn load_keeping(
        root: &Path,
        config: Config,
        opts: &LoadOptions,
        keep_text: bool,
        diags: &mut Diagnostics,
    ) -> Option<Site> {
        let content = root.join(CONTENT_DIR);
        if !content.is_dir() {
            diags.push(
                Diagnostic::error("content/missing", CONTENT_DIR, "There is no `content` folder")
                    .help("Create a folder called `content` beside `site.yaml`, with an `_index.md` file for the home page."),
            );
            return None;
        }
        let mut found = Diagnostics::default();
        let (md_files, assets) = walk::walk(&content, &mut found);
        let walk_clean = found.is_empty();
        diags.extend(found.into_vec());
        load::check_sections_exist(&config, &content, diags);
        let names = FieldNames::of(&config.kinds);
        let loaded: reload::Loaded = md_files
            .into_par_iter()
            .map(|source| {
                let page = load::load_page_named(root, &source, &config, keep_text, &names);
                (source, page)
            })
            .collect();
        let kept = reload::Kept::default();
        let site = Site::assemble(root, config, opts, kept, loaded, assets, diags);
        site.map(|site| Site {
            keep_text,
            walk_clean,
            ..site
        })
    }

    /// Makes the site from its loaded pages: leaves out drafts and pages
    /// with mistakes, adds a stand-in home page when there is none, and
    /// links the tree. `kept` are published pages taken over from an
    /// earlier load, in source order.
    fn assemble(
        root: &Path,
        config: Config,
        opts: &LoadOptions,
        kept: reload::Kept,
        loaded: reload::Loaded,
        assets: Vec<Asset>,
        diags: &mut Diagnostics,
    ) -> Option<Site> {
        let mut added = Vec::new();
        let mut drafts_left_out = Vec::new();
        let mut failed = Vec::new();
        let mut held_back = BTreeMap::new();
        for (source, r) in loaded {
            let why = |p: &Page| {
                (!opts.drafts)
                    .then(|| p.held_back_because(opts.today, config.closed_vacancies))
                    .flatten()
            };
            match r {
                Ok(p) if let Some(why) = why(&p) => {
                    let source = p.source.to_string();
                    held_back.insert(source.clone(), (p.kind.clone(), why));
                    drafts_left_out.push(source)
                }
                Ok(p) => added.push(p),
                Err(ds) => {
                    diags.extend(ds);
                    failed.push(source);
                }
            }
        }
        failed.sort_unstable();
        // Pages with mistakes are left out, but the rest of the site is still
        // built and checked, so one run reports every mistake.
        added.sort_by(|a, b| a.source.cmp(&b.source));
        let is_home = |p: &Page| (*p.source).cmp("_index.md");
        let stand_in_home = kept.pages.binary_search_by(is_home).is_err()
            && added.binary_search_by(is_home).is_err();
        if stand_in_home {
            diags.push(
                Diagnostic::error("content/no-home", format!("{CONTENT_DIR}/_index.md"), "There is no home page")
                    .help("Create `content/_index.md` with a `title:` and a `summary:`; it becomes the site's home page."),
            );
            // A stand-in, so that the rest of the site is still checked
            // (and counted); the error stops it being published.
            added.push(load::stand_in_home_page(&config)?);
            added.sort_by(|a, b| a.source.cmp(&b.source));
        }
        let (pages, kept_at) = tree::merge(kept.pages, added);
        let home = pages.binary_search_by(is_home).ok()?;
        load::check_unique_paths(&pages, diags);

        // The kept pages' entries get their new places: copying every
        // source path into a new map took a tenth of a reload.
        let mut old_to_new = vec![usize::MAX; kept.old_len];
        for (&old, &new) in kept.old_index.iter().zip(&kept_at) {
            old_to_new[old] = new;
        }
        let mut by_source = kept.by_source;
        for at in by_source.values_mut() {
            *at = old_to_new.get(*at).copied().unwrap_or(usize::MAX);
        }
        // Without the old indices (a walk), every page is entered afresh.
        let mut added = vec![true; pages.len()];
        if kept.orders.is_some() {
            for &at in &kept_at {
                added[at] = false;
            }
        }
        by_source.reserve(pages.len() - by_source.len());
        for (i, p) in pages.iter().enumerate().filter(|(i, _)| added[*i]) {
            by_source.insert(p.source.clone(), i);
        }
        let reuse = kept.orders.map(|orders| tree::Reuse {
            old_to_new,
            added,
            orders,
        });
        let minify = opts.minify && config.minify;
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            pages,
            home,
            assets,
            by_source,
            drafts_left_out,
            held_back,
            failed,
            stand_in_home,
            today: opts.today,
            fingerprint: opts.fingerprint,
            minify,
            writing: opts.writing,
            keep_text: true,
            walk_clean: false,
        };
        site.link_tree(reuse);
        Some(site)
    }

    /// Puts section `s`'s children in listing order.
    pub fn sort_children(&mut self, s: usize) {
        let today = self.today;
        let mut children = std::mem::take(&mut self.pages[s].children);
        order::sort_for_listing(&mut children, &self.pages, today);
        self.pages[s].children = children;
    }

    /// The pages listed on section `s` that are not sections.
    pub fn child_pages(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.pages[s]
            .children
            .iter()
            .copied()
            .filter(|&c| !self.pages[c].is_section)
    }

    pub fn subsections(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.pages[s]
            .children
            .iter()
            .copied()
            .filter(|&c| self.pages[c].is_section)
    }

    /// Ancestors from the home page down to the page's parent.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.pages[i].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.pages[p].parent;
        }
        out.reverse();
        out
    }

    /// Output paths of pages left out for their mistakes: links to them are
    /// not reported again as broken.
    pub fn failed_outputs(&self) -> impl Iterator<Item = String> + '_ {
        self.failed
            .iter()
            .map(|s| crate::urls::output_path(&path_for_source(s)))
    }

    /// The page a source path under `content/` refers to.
    pub fn page_by_source(&self, source: &str) -> Option<&Page> {
        self.by_source.get(source).map(|&i| &self.pages[i])
    }
}

fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_become_pretty_urls() {
        assert_eq!(path_for_source("_index.md"), "/");
        assert_eq!(path_for_source("contact.md"), "/contact/");
        assert_eq!(path_for_source("services/_index.md"), "/services/");
        assert_eq!(
            path_for_source("services/Early Intervention.md"),
            "/services/early-intervention/"
        );
    }

    #[test]
    fn the_pages_of_one_load_share_their_field_names() {
        // The example site, in the repository's top folder.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let config = Config::load(root, &mut diags).expect("the example's site.yaml");
        let opts = LoadOptions {
            drafts: true,
            today: jiff::civil::date(2026, 12, 1),
            fingerprint: false,
            minify: false,
            writing: false,
        };
        let site = Site::load(root, config, &opts, &mut diags).expect("the example site");
        let names: Vec<&std::sync::Arc<str>> = site
            .pages
            .iter()
            .flat_map(|p| {
                let lines = p.key_lines.iter().map(|(k, _)| k);
                let origins = p.value_origins.iter().map(|(k, _)| k);
                lines.chain(origins)
            })
            .filter(|k| &***k == "summary")
            .collect();
        assert!(names.len() > 2, "the example's pages have summaries");
        assert!(names.iter().all(|k| std::sync::Arc::ptr_eq(k, names[0])));
        // A name no kind declares is still kept, just not shared.
        assert_eq!(&*FieldNames::default().get("colour"), "colour");
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [".page.md.swp", "page.md~", ".#page.md", "4913", ".DS_Store"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("page.md"));
    }
}

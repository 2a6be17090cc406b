//! The link data the renderer collects from each page it makes: the
//! addresses a page's HTML links to, the `id`s it has, where in its markdown
//! each link was written, and the links the theme writes from `site.yaml`.
//! The check stage checks them once the whole site is known; they are kept
//! small because one is held for every page.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::markdown::LinkAt;

pub use super::html_scan::scan;

/// What one rendered page links to and which `id`s it has: kept for every
/// page until the whole site is checked, so kept small (addresses shared
/// between pages stored once, ids by fingerprint).
#[derive(Debug, Clone)]
pub struct PageLinks {
    /// Output path, e.g. `services/index.html` (shared with the build's
    /// record of the page).
    pub key: Arc<str>,
    /// The file it was made from, for messages (shared with the page).
    pub file: Arc<Path>,
    pub ids: PageIds,
    /// Every `href` and `src` in the HTML, entities decoded, each once, in
    /// the order they first appear.
    pub refs: Box<[Arc<str>]>,
    /// Links written in the page's markdown, with their positions.
    pub md_links: Box<[MdLink]>,
    /// Links the theme writes from settings in `site.yaml` (shared by all pages).
    pub settings_links: Arc<[SettingsLink]>,
}

impl Default for PageLinks {
    fn default() -> Self {
        PageLinks {
            key: Arc::from(""),
            file: Arc::from(Path::new("")),
            ids: PageIds::default(),
            refs: Box::default(),
            md_links: Box::default(),
            settings_links: Arc::from(Vec::new()),
        }
    }
}

/// A link written in a page's markdown: its address as in the HTML, and
/// where it is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdLink {
    pub url: Arc<str>,
    pub line: usize,
    pub column: usize,
}

/// The `id`s of one page, as fingerprints: a page is checked for an id by
/// its fingerprint (two ids with the same 64-bit fingerprint are too
/// unlikely to matter), and holding them costs 8 bytes each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageIds(Box<[u64]>);

impl PageIds {
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> PageIds {
        let mut v: Vec<u64> = ids.into_iter().map(id_hash).collect();
        v.sort_unstable();
        v.dedup();
        PageIds(v.into_boxed_slice())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.0.binary_search(&id_hash(id)).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // Fixed keys, so that the same id has the same fingerprint on every page.
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// The addresses of a build's pages, each held once however many pages
/// link to it (every page links to the navigation's sections).
#[derive(Debug, Default)]
pub struct Interner(std::sync::Mutex<HashSet<Arc<str>>>);

impl Interner {
    pub fn get(&self, s: &str) -> Arc<str> {
        let mut set = match self.0.lock() {
            Ok(set) => set,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(a) = set.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        set.insert(a.clone());
        a
    }
}

/// A link written in `site.yaml` that the theme puts on pages.
#[derive(Debug, Clone)]
pub struct SettingsLink {
    /// The address as it is in the HTML (with the base path).
    pub url: String,
    /// As written in `site.yaml`.
    pub written: String,
    /// The setting, such as `footer_links`.
    pub field: &'static str,
    pub line: Option<usize>,
    /// Why the page it leads to is not in this build ("is a draft …"), if
    /// it is a page left out.
    pub left_out: Option<String>,
}

impl PageLinks {
    pub fn from_html(
        key: Arc<str>,
        file: Arc<Path>,
        html: &str,
        md_links: Vec<LinkAt>,
    ) -> PageLinks {
        PageLinks::from_html_sharing(key, file, html, md_links, &Interner::default())
    }

    /// [`PageLinks::from_html`], holding each address through `interner`.
    pub fn from_html_sharing(
        key: Arc<str>,
        file: Arc<Path>,
        html: &str,
        md_links: Vec<LinkAt>,
        interner: &Interner,
    ) -> PageLinks {
        let (ids, refs) = scan(html);
        // The checks look at each address once: later copies add nothing.
        let mut seen = HashSet::new();
        let refs: Box<[Arc<str>]> = refs
            .iter()
            .filter(|r| seen.insert(r.as_str()))
            .map(|r| interner.get(r))
            .collect();
        let md_links = md_links
            .into_iter()
            .map(|l| MdLink {
                url: interner.get(&l.url),
                line: l.line,
                column: l.column,
            })
            .collect();
        PageLinks {
            key,
            file,
            ids: PageIds::new(ids.iter().map(String::as_str)),
            refs,
            md_links,
            settings_links: Arc::from(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_of_a_page_is_kept_once_and_shared_between_pages() {
        let interner = Interner::default();
        let html =
            r#"<a href="/">Home</a><a href="/a/">A</a><a href="/">Home</a><h2 id="x">X</h2>"#;
        let one = PageLinks::from_html_sharing(
            "a".into(),
            Path::new("a.md").into(),
            html,
            Vec::new(),
            &interner,
        );
        let two = PageLinks::from_html_sharing(
            "b".into(),
            Path::new("b.md").into(),
            html,
            Vec::new(),
            &interner,
        );
        assert_eq!(
            one.refs.iter().map(|r| &**r).collect::<Vec<_>>(),
            ["/", "/a/"]
        );
        assert!(Arc::ptr_eq(&one.refs[0], &two.refs[0]));
        assert!(one.ids.contains("x") && !one.ids.contains("y"));
    }
}

//! Stable page identity and what pages read of each other.
//!
//! A page is known by its source path under `content/`, interned once to a
//! [`PageId`] that stays the same while pages around it are added, deleted
//! or renamed (their places in [`crate::Site::pages`] move). Each rendered
//! page records [`Read`]s, so that after an edit the core renders again the
//! pages whose output showed what changed, and only those.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

/// A page's identity for the life of a [`super::Build`]: its source path,
/// interned. Ids are never reused, so one kept from an earlier build still
/// names the same file (which may be gone).
pub type PageId = u32;

/// Maps and sets keyed by page id (FxHash: an edit in the preview looks
/// up thousands of ids, where SipHash cost more than the work).
pub type IdMap<V> = FxHashMap<PageId, V>;
pub type IdSet = FxHashSet<PageId>;

/// Source path → id, and back.
#[derive(Debug, Default)]
pub struct Ids {
    /// Never shrinks, so an id is its number of entries when it was made.
    by_source: FxHashMap<Arc<str>, PageId>,
    /// Each id's source path (shared with the map's key), so that an edit
    /// can name a page that is gone: kept only for a build that is edited
    /// (a one-off build of 100,000 pages would hold 2 MB more).
    sources: Option<Vec<Arc<str>>>,
}

impl Ids {
    /// Ids that can give back each id's source path (see [`Ids::source`]).
    pub fn keeping_sources() -> Ids {
        Ids {
            by_source: FxHashMap::default(),
            sources: Some(Vec::new()),
        }
    }

    /// The id of `source`, made the first time it is asked for.
    pub fn id(&mut self, source: &str) -> PageId {
        self.id_with(source, || source.into())
    }

    /// [`Ids::id`] of a page's own source path, which the id shares rather
    /// than copies.
    pub fn id_of(&mut self, source: &Arc<str>) -> PageId {
        self.id_with(source, || source.clone())
    }

    fn id_with(&mut self, source: &str, shared: impl FnOnce() -> Arc<str>) -> PageId {
        if let Some(&id) = self.by_source.get(source) {
            return id;
        }
        let id = PageId::try_from(self.by_source.len()).unwrap_or(PageId::MAX);
        let source = shared();
        if let Some(sources) = &mut self.sources {
            sources.push(source.clone());
        }
        self.by_source.insert(source, id);
        id
    }

    pub fn get(&self, source: &str) -> Option<PageId> {
        self.by_source.get(source).copied()
    }

    /// The source path `id` was made for (`None` unless made with
    /// [`Ids::keeping_sources`]).
    pub fn source(&self, id: PageId) -> Option<&str> {
        self.sources.as_ref()?.get(id as usize).map(|s| &**s)
    }
}

/// Something of another page that a page's output shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Read {
    /// The main navigation: every page shows it.
    Nav,
    /// A page's summary (title, summary, listed fields, address): through
    /// breadcrumbs, references, `get_page`, or itself.
    Page(PageId),
    /// A section's listing: its summary and those of every page and
    /// subsection listed on it, in order.
    Section(PageId),
}

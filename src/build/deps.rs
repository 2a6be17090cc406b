//! Stable page identity and what pages read of each other.
//!
//! A page is known by its source path under `content/`, interned once to a
//! [`PageId`] that stays the same while pages around it are added, deleted
//! or renamed (their places in [`crate::Site::pages`] move). Each rendered
//! page records [`Read`]s, so that after an edit the core renders again the
//! pages whose output showed what changed, and only those.

use std::collections::HashMap;

/// A page's identity for the life of a [`super::Build`]: its source path,
/// interned. Ids are never reused, so one kept from an earlier build still
/// names the same file (which may be gone).
pub type PageId = u32;

/// Source path → id.
#[derive(Debug, Default)]
pub struct Ids {
    /// Never shrinks, so an id is its number of entries when it was made.
    by_source: HashMap<String, PageId>,
}

impl Ids {
    /// The id of `source`, made the first time it is asked for.
    pub fn id(&mut self, source: &str) -> PageId {
        if let Some(&id) = self.by_source.get(source) {
            return id;
        }
        let id = PageId::try_from(self.by_source.len()).unwrap_or(PageId::MAX);
        self.by_source.insert(source.to_string(), id);
        id
    }

    pub fn get(&self, source: &str) -> Option<PageId> {
        self.by_source.get(source).copied()
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

//! The build's outputs as the link checks see them (every file written,
//! and the ids of each page), read from what the build keeps rather than
//! copied: the preview checks a page's markdown links after a text edit.

use super::Build;

/// The build's outputs, as the link checks see them, without copying them.
pub(super) struct Outputs<'a> {
    pub build: &'a Build,
}

impl crate::check::links::Outputs for Outputs<'_> {
    fn has(&self, key: &str) -> bool {
        let b = self.build;
        b.static_keys.contains(key)
            || b.site_file_keys.contains(key)
            || b.search_keys.contains(key)
            || b.special.iter().any(|l| &*l.key == key)
            || b.pages
                .values()
                .any(|p| p.links.is_some() && &*p.output == key)
            || b.site.failed_outputs().any(|k| k == key)
    }

    fn ids(&self, key: &str) -> Option<&crate::render::links::PageIds> {
        let b = self.build;
        b.pages
            .values()
            .filter(|p| &*p.output == key)
            .find_map(|p| p.links.as_ref().map(|l| &l.ids))
            .or_else(|| b.special.iter().find(|l| &*l.key == key).map(|l| &l.ids))
    }
}

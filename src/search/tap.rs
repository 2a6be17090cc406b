//! Indexing pages as the build writes them: [`Tap`] is a sink in front of
//! the output folder that, for each page search lists, cuts the page's text
//! into keys on the thread that rendered it, while the other pages are
//! still being rendered. The index is then made from what it kept, without
//! reading every page back from disk and parsing it again once the build is
//! over.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use super::analyse::{KeyTable, Text, analyse_text};
use super::extract;
use crate::content::Site;
use crate::sink::Sink;

/// Passes files on to `inner`, analysing the pages the index will want.
pub struct Tap<'a> {
    inner: &'a dyn Sink,
    /// Output paths (`services/index.html`) of the pages to analyse.
    wanted: HashSet<String>,
    keys: KeyTable,
    /// Each page seen, by output path: its text, or `None` when it has no
    /// marked content (it is left out of the index).
    texts: Mutex<HashMap<String, Option<Text>>>,
}

impl<'a> Tap<'a> {
    /// For building `site` into `inner`; with search turned off it only
    /// passes files on.
    pub fn new(site: &Site, inner: &'a dyn Sink) -> Tap<'a> {
        let wanted = if super::enabled(site) {
            super::listing::listed_pages(site)
                .map(|p| crate::render::output_path(&p.path))
                .collect()
        } else {
            HashSet::new()
        };
        Tap {
            inner,
            wanted,
            keys: KeyTable::default(),
            texts: Mutex::new(HashMap::new()),
        }
    }

    /// What was kept: the key table and each page's text, leaving the tap
    /// empty.
    pub(super) fn take(&self) -> (KeyTable, HashMap<String, Option<Text>>) {
        let texts = std::mem::take(&mut *self.texts.lock().unwrap_or_else(PoisonError::into_inner));
        (self.keys.take(), texts)
    }

    fn keep(&self, rel: &str, text: Option<Option<Text>>) {
        let mut texts = self.texts.lock().unwrap_or_else(PoisonError::into_inner);
        match text {
            Some(t) => texts.insert(rel.to_string(), t),
            None => texts.remove(rel),
        };
    }
}

/// A page's text from its HTML, as the index reads it: `None` when the page
/// has no marked content.
pub(super) fn page_text(html: &str, keys: &KeyTable) -> Option<Text> {
    let text = extract::text(extract::body_region(html)?);
    Some(analyse_text(&text, keys))
}

impl Sink for Tap<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.inner.write(rel, bytes)?;
        if self.wanted.contains(rel) {
            // A page that is not UTF-8 would not be read back either; it
            // is left for the index to find on disk (and leave out).
            let text = std::str::from_utf8(bytes)
                .ok()
                .map(|html| page_text(html, &self.keys));
            self.keep(rel, text);
        }
        Ok(())
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        self.inner.copy(from, rel)?;
        // Not a page rendered here: the index reads it back from disk.
        if self.wanted.contains(rel) {
            self.keep(rel, None);
        }
        Ok(())
    }

    fn remove(&self, rel: &str) {
        self.inner.remove(rel);
        if self.wanted.contains(rel) {
            self.keep(rel, None);
        }
    }
}

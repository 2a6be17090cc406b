//! Site search: the index of every listed page, which Signpost writes
//! itself as static files that the theme's script (`js/search.js`) reads in
//! the visitor's browser, and the two pages that go with it (the search
//! page and the A–Z of pages that the header's search form falls back to
//! without JavaScript). No server and no third-party code.
//!
//! The index, in `search-index/` of the output:
//! - `entry.json`, the only file whose name never changes (the script
//!   fetches it with `cache: "no-cache"`): the number of pages, the kinds
//!   (each a range of page ids, as pages are numbered kind by kind, so the
//!   kind filter needs no other file), the first key of each words file
//!   with its name, and the names of the records files.
//! - `w-<hash>.json`, the words files: keys (see [`words`]) in order, cut
//!   into files of about 24 KB, each key with its group (the keys with the
//!   same stem); each group with its postings, page id gaps each followed by
//!   that page's BM25 score for the group (×100; title words count four
//!   times, summary words twice). A search fetches the file a typed word
//!   falls in, and for the last word (matched as a prefix, as you type) the
//!   next few files while their keys still start with it.
//! - `p-<hash>.json`, the records: for every 4 pages, each one's address,
//!   title, summary and the first 1,500 characters of its text (for the
//!   excerpt). A search fetches those of the results it shows.
//!
//! Every file but `entry.json` is named by a hash of its contents, so a
//! host's cache never mixes files of an old and a new index.
//!
//! This is an output stage: it reads built pages, never the other way round.
//! [`index`] takes the pages' HTML from anywhere, so `signpost build` (from
//! the staged output folder) and the preview (from its in-memory files, see
//! `serve::search`) share it.

mod analyse;
pub mod extract;
mod index;
mod listing;
mod pages;
#[cfg(test)]
mod query;
pub mod words;

use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use crate::content::Site;
use crate::sink::Sink;

pub use listing::{AzGroup, Listed, a_z, kind_plural, listed};
pub use pages::{A_Z_PATH, SEARCH_PATH, render_pages, special_pages, write_pages};

/// Whether the site has search: `search:` is not turned off in site.yaml
/// and the theme has a search page (`search.html`). A theme without one
/// (an older or a minimal theme) has no search, and nothing is indexed.
pub fn enabled(site: &Site) -> bool {
    site.config.search.enabled
        && site
            .root
            .join("themes")
            .join(&site.config.theme)
            .join("templates")
            .join("search.html")
            .is_file()
}

/// Where the index goes in the output.
pub const BUNDLE_DIR: &str = "search-index";
/// The index's entry file, under [`BUNDLE_DIR`].
pub const ENTRY_FILE: &str = "entry.json";

/// Pages analysed at once: enough to keep every core busy, few enough that
/// their text is not all held in memory.
const BATCH: usize = 256;

/// Writes the index of `site`'s `listed` pages (see [`listed`]) into
/// `sink` (under [`BUNDLE_DIR`]), each
/// page's HTML read by output path (`services/index.html`) through `html`
/// into the buffer it is given (false when there is none); a page whose
/// HTML is missing or has no marked content is left out.
/// Returns how many files were written.
pub fn index(
    site: &Site,
    listed: &[Listed],
    html: impl Fn(&str, &mut String) -> bool + Sync,
    sink: &dyn Sink,
) -> Result<usize> {
    let mut pages: Vec<&Listed> = listed.iter().collect();
    // Numbered kind by kind (in the A–Z's order), so each kind is a range.
    pages.sort_by(|a, b| (a.kind == "Pages", &a.kind).cmp(&(b.kind == "Pages", &b.kind)));
    let keys = index::KeyTable::default();
    let mut builder = index::Builder::new(sink, BUNDLE_DIR, &site.config.language, &keys);
    let analyse = |batch: &[&Listed]| -> Vec<Option<index::Analysed>> {
        batch
            .par_iter()
            // One buffer for the HTML per thread, used page after page.
            .map_init(String::new, |page, l| {
                page.clear();
                if !html(&crate::urls::output_path(&l.path), page) {
                    return None;
                }
                let text = extract::text(extract::body_region(page)?);
                Some(index::analyse(
                    l.path.clone(),
                    l.title.clone(),
                    l.summary.clone(),
                    l.kind.clone(),
                    &text,
                    &keys,
                ))
            })
            .collect()
    };
    let mut batches = pages.chunks(BATCH);
    let mut analysed = batches.next().map(analyse);
    while let Some(done) = analysed.take() {
        // Pages are added one by one, in id order: on its own that would
        // leave the other cores idle, so the next batch is cut into keys
        // meanwhile.
        let (next, added) = rayon::join(
            || batches.next().map(analyse),
            || -> Result<()> {
                for page in done.into_iter().flatten() {
                    builder.add(page)?;
                }
                builder.write_records()
            },
        );
        added?;
        analysed = next;
    }
    builder.finish()
}

/// `signpost build`'s step: indexes the pages written into `dir` (the
/// staged output folder) and writes the index beside them: of `listed`,
/// the build's listing if it made one (see [`listed`]). Nothing happens
/// when `search:` is turned off.
pub fn write_index(site: &Site, listed: Option<&[Listed]>, dir: &Path) -> Result<usize> {
    if !enabled(site) {
        return Ok(0);
    }
    let made;
    let listed = match listed {
        Some(l) => l,
        None => {
            made = self::listed(site);
            &made
        }
    };
    let sink = crate::sink::DirSink::new(dir);
    index(
        site,
        listed,
        |rel, buf| {
            use std::io::Read as _;
            std::fs::File::open(dir.join(rel))
                .and_then(|mut f| f.read_to_string(buf))
                .is_ok()
        },
        &sink,
    )
}

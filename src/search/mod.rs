//! Site search: the index of every listed page, written with Pagefind's
//! library so the browser can search the built site from static files, and
//! the two pages that go with it (the search page and the A–Z of pages that
//! the header's search form falls back to without JavaScript).
//!
//! This is an output stage: it reads built pages, never the other way round.
//! [`index`] takes pages from anywhere ([`SearchPage`]), so `signpost
//! build` (from the staged output folder) and the preview (from its
//! in-memory files, see `serve::search`) share it.

pub mod extract;
mod listing;
mod pages;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};

use crate::content::Site;

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

/// Where the index and Pagefind's browser code go in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// One page for the index.
#[derive(Debug, Clone)]
pub struct SearchPage {
    /// The page's address inside the site, without the base path:
    /// `/services/early-intervention/`.
    pub url: String,
    pub title: String,
    pub summary: String,
    /// What the kind filter shows: `Vacancies`, `Team members`.
    pub kind: String,
    /// The page's own content as HTML (see [`extract::body_region`]), not
    /// the theme's header, navigation or footer.
    pub body_html: String,
}

/// Builds the index: (path under [`BUNDLE_DIR`], bytes) for every file,
/// Pagefind's script and WebAssembly included. `language` is the site's
/// (`en-GB`); Pagefind stems words by its first part.
pub fn index(
    pages: impl Iterator<Item = SearchPage>,
    language: &str,
) -> Result<Vec<(String, Vec<u8>)>> {
    let lang = language
        .split(['-', '_'])
        .next()
        .filter(|l| !l.is_empty())
        .unwrap_or("en")
        .to_ascii_lowercase();
    let config = pagefind::options::PagefindServiceConfig::builder()
        .force_language(lang.clone())
        .build();
    let mut index = pagefind::api::PagefindIndex::new(Some(config))
        .map_err(|e| anyhow::anyhow!("could not start the search index: {e}"))?;
    // Pagefind's API is async but does its work in blocking tasks: one
    // thread of our own drives it.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("could not start the search indexer")?;
    runtime.block_on(async {
        for p in pages {
            // The page's heading and lede (its summary) are in its content.
            let content = extract::text(&p.body_html);
            let meta = BTreeMap::from([
                ("title".to_string(), p.title),
                ("summary".to_string(), p.summary),
                ("kind".to_string(), p.kind.clone()),
            ]);
            let filters = BTreeMap::from([("kind".to_string(), vec![p.kind])]);
            index
                .add_custom_record(
                    p.url,
                    content,
                    lang.clone(),
                    Some(meta),
                    Some(filters),
                    None,
                )
                .await
                .map_err(|e| anyhow::anyhow!("could not add a page to the search index: {e}"))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| anyhow::anyhow!("could not build the search index: {e}"))?;
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                // Pagefind's own ready-made interface is not used: the
                // theme has an accessible one (themes/default/static/js).
                let keep = !name.starts_with("pagefind-ui")
                    && !name.starts_with("pagefind-component-ui")
                    && !name.starts_with("pagefind-modular-ui")
                    && !name.starts_with("pagefind-highlight");
                keep.then_some((name, f.contents))
            })
            .collect())
    })
}

/// The pages of `site` for the index, their HTML read by output path
/// (`services/index.html`) through `html`. A page whose HTML is missing or
/// has no marked content is left out.
pub fn pages_from<'a>(
    site: &'a Site,
    html: impl Fn(&str) -> Option<String> + 'a,
) -> impl Iterator<Item = SearchPage> + 'a {
    listed(site).into_iter().filter_map(move |l| {
        let page = html(&crate::render::output_path(&l.page.path))?;
        let body = extract::body_region(&page)?.to_string();
        Some(SearchPage {
            url: l.page.path.clone(),
            title: l.title,
            summary: l.summary,
            kind: l.kind,
            body_html: body,
        })
    })
}

/// `signpost build`'s step: indexes the pages written into `dir` (the
/// staged output folder) and writes the index beside them. Nothing happens
/// when `search:` is turned off.
pub fn write_index(site: &Site, dir: &Path) -> Result<usize> {
    if !enabled(site) {
        return Ok(0);
    }
    let files = index(
        pages_from(site, |rel| std::fs::read_to_string(dir.join(rel)).ok()),
        &site.config.language,
    )?;
    let sink = crate::output::DirSink::new(dir);
    for (name, bytes) in &files {
        crate::output::Sink::write(&sink, &format!("{BUNDLE_DIR}/{name}"), bytes)
            .with_context(|| format!("could not write the search index file {name}"))?;
    }
    Ok(files.len())
}

//! The preview's build: the build core ([`crate::build::Build`]) kept
//! between edits, writing into memory. An edit is applied to the kept build
//! (see [`crate::build::Build::apply`] for what is rendered again); when it
//! cannot be, the caller starts a new session.

use std::path::Path;
use std::sync::Arc;

use super::panel::PageLinks;
use super::state::Files;
use crate::BuildOptions;
use crate::build::{Applied, Build, Change};
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostics;
use crate::output::MemorySink;

pub struct Session {
    build: Build,
    store: MemorySink,
    /// The page links last made, brought up to date for the pages loaded
    /// again since (making them for 10,000 pages after every structural
    /// edit took 5-10 ms).
    links: Option<Arc<PageLinks>>,
}

impl Session {
    /// A full build in memory; the findings alone when it has errors.
    pub fn full(opts: &BuildOptions) -> Result<Session, Diagnostics> {
        let store = MemorySink::default();
        let build = crate::start(opts, &store, true)?;
        let diags = build.diagnostics();
        if diags.has_errors() || build.failure().is_some() {
            return Err(diags);
        }
        Ok(Session {
            build,
            store,
            links: None,
        })
    }

    /// The output, path → bytes.
    pub fn files(&self) -> Files {
        self.store.snapshot()
    }

    /// Brings `files`, the output this session last published (or any
    /// other the first time), up to date (see [`MemorySink::publish`]).
    pub fn publish(&self, files: &mut Arc<Files>) {
        self.store.publish(files);
    }

    /// Each page's source file → its address and title, so the preview
    /// can link each finding to its page. Changed in place when no one
    /// else holds the last one given (see `state::rebuild`).
    pub fn page_links(&mut self) -> Arc<PageLinks> {
        let reloaded = self.build.take_reloaded();
        let site = self.build.site();
        let entry = |p: &crate::content::Page| {
            (
                p.file.to_path_buf(),
                (p.path.clone(), p.title().to_string()),
            )
        };
        let Some(links) = &mut self.links else {
            let links = Arc::new(site.pages.iter().map(entry).collect());
            return Arc::clone(self.links.insert(links));
        };
        if !reloaded.is_empty() {
            let map = Arc::make_mut(links);
            // A page's file and address are made from its source path
            // alone (`content::load`), its title from its own file.
            for source in &reloaded {
                map.remove(&Path::new(CONTENT_DIR).join(source));
                if let Some(p) = site
                    .by_source
                    .get(source.as_str())
                    .and_then(|&i| site.pages.get(i))
                {
                    let (file, link) = entry(p);
                    map.insert(file, link);
                }
            }
        }
        Arc::clone(links)
    }

    /// Files outside `content/`, `themes/` and `static/` that the build
    /// reads, so the preview watches them too: the spelling check's word
    /// list.
    pub fn extra_files(&self) -> Vec<String> {
        let (list, _) = self.build.site().config.writing.word_list_path();
        vec![list.replace('\\', "/")]
    }

    /// Every current mistake and warning, as a full build would report them.
    pub fn diagnostics(&self) -> Diagnostics {
        self.build.diagnostics()
    }

    /// Whether the site has search (on in `site.yaml`, and a theme with a
    /// search page), so that the preview indexes it.
    pub fn search_enabled(&self) -> bool {
        crate::search::enabled(self.build.site())
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics().has_errors()
    }

    /// Applies a change: how many pages were rendered again, or `None` when
    /// it needs a full build instead (the caller then makes a new session).
    pub fn apply(&mut self, change: &Change) -> Option<usize> {
        match self.build.apply(change, &self.store) {
            Applied::Rendered(n) if self.build.failure().is_none() => Some(n),
            _ => None,
        }
    }
}

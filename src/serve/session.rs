//! The preview's build: the build core ([`crate::build::Build`]) kept
//! between edits, writing into memory. An edit is applied to the kept build
//! (see [`crate::build::Build::apply`] for what is rendered again); when it
//! cannot be, the caller starts a new session.

use super::state::Files;
use crate::BuildOptions;
use crate::build::{Applied, Build, Change};
use crate::diagnostics::Diagnostics;
use crate::output::MemorySink;

pub struct Session {
    build: Build,
    store: MemorySink,
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
        Ok(Session { build, store })
    }

    /// The output, path → bytes.
    pub fn files(&self) -> Files {
        self.store.snapshot()
    }

    /// Each page's source file → its address and title, so the preview
    /// can link each finding to its page.
    pub fn page_links(&self) -> super::panel::PageLinks {
        self.build
            .site()
            .pages
            .iter()
            .map(|p| (p.file.clone(), (p.path.clone(), p.title().to_string())))
            .collect()
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

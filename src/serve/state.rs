//! The preview's current site, kept in memory: the last good build's files,
//! the mistakes of the latest build (shown in the browser), and a version
//! number that goes up with every rebuild.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::panel::PageLinks;
use super::session::Session;
use super::watch::Change;
use crate::BuildOptions;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::MemorySink;

/// One build's output, path (`services/index.html`) → bytes.
pub type Files = crate::output::Files;

#[derive(Default)]
pub struct Snapshot {
    pub files: Arc<Files>,
    /// Errors and warnings of the latest build.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each page's findings link to.
    pub pages: Arc<PageLinks>,
    pub version: u64,
}

impl Snapshot {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Shared between the request threads and the rebuild thread.
pub type Shared = Arc<RwLock<Snapshot>>;

/// What one rebuild did.
pub struct Outcome {
    pub ok: bool,
    pub pages: usize,
    pub errors: usize,
    pub warnings: usize,
    pub elapsed: Duration,
}

/// Builds the site in memory. Nothing is written to disk.
pub fn build_in_memory(opts: &BuildOptions) -> (Option<Files>, Diagnostics) {
    let sink = MemorySink::default();
    let mut diags = Diagnostics::default();
    match crate::render_into(opts, &sink, &mut diags) {
        Ok(_) if !diags.has_errors() => (Some(sink.snapshot()), diags),
        Ok(_) => (None, diags),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "serve/build",
                    "site.yaml",
                    format!("The site could not be built: {e:#}"),
                )
                .help("Check that the theme's and the site's files can be read."),
            );
            (None, diags)
        }
    }
}

/// Rebuilds after `change` (incrementally when the session allows it, in
/// full otherwise) and updates `shared`. A failed build keeps the last good
/// files, so the preview keeps working while its error panel explains.
pub fn rebuild(
    opts: &BuildOptions,
    session: &mut Option<Session>,
    change: Option<&Change>,
    shared: &Shared,
) -> Outcome {
    let start = Instant::now();
    let applied = match (session.as_mut(), change) {
        (Some(s), Some(c)) => s.apply(c).is_some(),
        _ => false,
    };
    let diags = match session.as_ref().filter(|_| applied) {
        Some(s) => s.diagnostics(),
        None => match Session::full(opts) {
            Ok(s) => {
                let diags = s.diagnostics();
                *session = Some(s);
                diags
            }
            Err(diags) => {
                *session = None;
                diags
            }
        },
    };
    let ok = session.is_some() && !diags.has_errors();
    let errors = diags.error_count();
    let warnings = diags.warning_count();
    let mut pages = 0;
    if let Ok(mut snap) = shared.write() {
        if let Some(s) = session.as_ref().filter(|_| ok) {
            // The files are put in place only while no one reads them.
            s.publish(&mut snap.files);
            pages = snap.files.keys().filter(|k| k.ends_with(".html")).count();
        }
        // Taken over, not copied: a large site has thousands.
        snap.diagnostics = diags.into_sorted();
        if let Some(s) = session.as_mut() {
            // Let go of the last ones first, so the session changes them in
            // place rather than copying them; no one reads them meanwhile.
            snap.pages = Arc::default();
            snap.pages = s.page_links();
        }
        snap.version += 1;
    }
    Outcome {
        ok,
        pages,
        errors,
        warnings,
        elapsed: start.elapsed(),
    }
}

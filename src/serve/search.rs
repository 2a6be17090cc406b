//! The preview's site search: after each rebuild, a thread of its own reads
//! the site again, renders the search and A–Z pages and indexes the pages
//! of the newest build's files, then swaps them in. A rebuild never waits
//! for it, so a save still reloads the page at once; search catches up a
//! moment later. Rebuilds that come while it works are folded into one.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, RwLock};

use super::state::Files;
use crate::BuildOptions;
use crate::diagnostics::Diagnostics;

/// The search files the preview serves: the search and A–Z pages
/// (`search/index.html`) and the index (`search-index/…`).
#[derive(Clone, Default)]
pub struct Live {
    files: Arc<RwLock<Arc<Files>>>,
    jobs: Option<Sender<Job>>,
}

/// A build to index: the preview's options and that build's files.
pub struct Job {
    pub opts: BuildOptions,
    pub files: Arc<Files>,
}

impl Live {
    /// Starts the indexing thread. Without it (if the thread cannot be
    /// made) the preview works, with no search.
    pub fn start() -> Live {
        let (send, receive) = channel();
        let files: Arc<RwLock<Arc<Files>>> = Arc::default();
        let out = Arc::clone(&files);
        let spawned = std::thread::Builder::new()
            .name("signpost-search".into())
            .spawn(move || run(&receive, &out));
        Live {
            files,
            jobs: spawned.ok().map(|_| send),
        }
    }

    /// Asks for the search files of a new build (`files` is its output).
    pub fn update(&self, opts: &BuildOptions, files: Arc<Files>) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job {
                opts: opts.clone(),
                files,
            });
        }
    }

    /// Forgets the search files, for a build with search turned off. A
    /// job still queued may put them back: it reads the site again and
    /// finds search off, so it makes none.
    pub fn clear(&self) {
        if let Ok(mut slot) = self.files.write() {
            *slot = Arc::default();
        }
    }

    /// A search file by output path, if there is one.
    pub fn get(&self, key: &str) -> Option<Arc<[u8]>> {
        self.files.read().ok()?.get(key).cloned()
    }
}

fn run(jobs: &Receiver<Job>, out: &RwLock<Arc<Files>>) {
    while let Ok(mut job) = jobs.recv() {
        // Only the newest build matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let files = build(&job);
        if let Ok(mut slot) = out.write() {
            *slot = Arc::new(files);
        }
    }
}

/// The search pages and index for one build; empty when search is off or
/// the site cannot be read (the preview's own build has reported why).
pub fn build(job: &Job) -> Files {
    let mut opts = job.opts.clone();
    // The writing checks' findings are the rebuild's to report.
    opts.writing = false;
    let mut diags = Diagnostics::default();
    let Some(site) = crate::load(&opts, &mut diags) else {
        return Files::new();
    };
    if !crate::search::enabled(&site) {
        return Files::new();
    }
    let mut out = Files::new();
    let listed = crate::search::listed(&site);
    if let Some(theme) = crate::render::Theme::load(&site, &mut diags) {
        for (path, html) in crate::search::render_pages(&site, &theme, &listed)
            .into_iter()
            .flatten()
        {
            out.insert(path, Arc::from(html.into_bytes()));
        }
    }
    let index = crate::sink::MemorySink::default();
    let read = |rel: &str, buf: &mut String| {
        job.files
            .get(rel)
            .map(|b| buf.push_str(&String::from_utf8_lossy(b)))
            .is_some()
    };
    // A page that cannot be indexed leaves the preview without search
    // until the next save; the build reports why.
    if crate::search::index(&site, &listed, read, &index).is_ok() {
        out.extend(index.snapshot());
    }
    out
}

//! Rendering pages for the core: each page's markdown body, then its
//! template around it, written to the sink, with what the output read of
//! other pages recorded for the next edit.

use std::sync::Arc;

use rayon::prelude::*;

use super::Build;
use super::deps::{PageId, Read};
use crate::diagnostics::Diagnostic;
use crate::markdown::LinkAt;
use crate::output::Sink;
use crate::render::links::PageLinks;
use crate::render::{Reads, write_error};
use crate::urls::output_path;

/// Pages rendered in parallel before what is kept of them is stored.
const BATCH: usize = 2048;

/// What the core keeps of one page between builds.
#[derive(Debug, Default)]
pub(super) struct PageOut {
    /// Its output file, `services/index.html`.
    pub output: Arc<str>,
    /// Its mistakes, `None` when it has none (most pages): held for
    /// every page, so one pointer rather than three lists.
    diags: Option<Box<PageDiags>>,
    /// The links and ids of its HTML; `None` when it was not written.
    pub links: Option<PageLinks>,
    /// What only later edits need: `None` in a one-off build, which does
    /// none, so that a build of many pages does not hold it for each.
    kept: Option<Box<ForEdits>>,
}

/// A page's mistakes, by where they were found.
#[derive(Debug, Default)]
struct PageDiags {
    /// In its markdown front-matter fields.
    field: Vec<Diagnostic>,
    /// Rendering its markdown (body and writing checks).
    body: Vec<Diagnostic>,
    /// In its template, or in writing it.
    html: Vec<Diagnostic>,
}

/// What the preview keeps of a page to do an edit again.
#[derive(Debug, Default)]
struct ForEdits {
    /// Its rendered markdown body.
    body: Option<Arc<str>>,
    /// The links written in its body, with their places in the file.
    body_links: Vec<LinkAt>,
    /// The `.md` files its body links to, found or not.
    body_reads: Vec<PageId>,
    /// What of other pages its output shows.
    reads: Vec<Read>,
    /// The pages its reference fields named: they list it back.
    referenced: Vec<PageId>,
}

impl PageOut {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diags
            .iter()
            .flat_map(|d| d.field.iter().chain(&d.body).chain(&d.html))
    }

    /// Changes its mistakes with `change`, holding none when it leaves none
    /// (and making no room for a page that had none and gets none).
    fn diags_mut(&mut self, change: impl FnOnce(&mut PageDiags)) {
        let mut diags = self.diags.take().map(|d| *d).unwrap_or_default();
        change(&mut diags);
        let none = diags.field.is_empty() && diags.body.is_empty() && diags.html.is_empty();
        self.diags = (!none).then(|| Box::new(diags));
    }

    /// Its rendered markdown body, when the build keeps bodies.
    pub fn body(&self) -> Option<&Arc<str>> {
        self.kept.as_ref().and_then(|k| k.body.as_ref())
    }

    /// The links written in its body (kept by the preview only).
    pub fn body_links(&self) -> &[LinkAt] {
        self.kept.as_ref().map_or(&[], |k| &k.body_links)
    }

    /// The `.md` files its body links to, found or not (the preview only).
    pub fn body_reads(&self) -> &[PageId] {
        self.kept.as_ref().map_or(&[], |k| &k.body_reads)
    }

    /// What of other pages its output shows (the preview only).
    pub fn reads(&self) -> &[Read] {
        self.kept.as_ref().map_or(&[], |k| &k.reads)
    }

    /// The pages its reference fields named (the preview only).
    pub fn referenced(&self) -> &[PageId] {
        self.kept.as_ref().map_or(&[], |k| &k.referenced)
    }

    fn kept_mut(&mut self) -> &mut ForEdits {
        self.kept.get_or_insert_default()
    }
}

/// What the core keeps of a body rendered again: only what later edits
/// need, so that a large build holds little per page.
struct Body {
    /// Its links, when the build keeps bodies (they are in the page's
    /// links for the checks either way).
    links: Vec<LinkAt>,
    pages_named: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

/// One page rendered: its body (if rendered again) and its HTML.
struct Done {
    index: usize,
    /// What is kept of the body when it was rendered again, or `None` when
    /// the kept body was used.
    body: Option<Body>,
    /// The body's HTML, when the build keeps bodies (otherwise dropped at
    /// once, so that a build of many pages does not hold them all).
    body_html: Option<Arc<str>>,
    /// The page's links once written (or why it could not be), and its
    /// reads; or its template's mistake.
    html: Result<(std::io::Result<PageLinks>, Reads), Diagnostic>,
}

impl Build {
    /// Renders the markdown of `bodies` again (the others keep their kept
    /// bodies), then the templates of `pages`, and writes them.
    pub(super) fn render_bodies_and_pages(
        &mut self,
        bodies: &[usize],
        pages: &[usize],
        sink: &dyn Sink,
    ) {
        let site = &self.site;
        let redo: std::collections::HashSet<usize> = bodies.iter().copied().collect();
        let kept_links: std::collections::HashMap<usize, Vec<LinkAt>> = pages
            .iter()
            .filter(|i| !redo.contains(i))
            .filter_map(|&i| {
                let id = self.ids.get(&site.pages[i].source)?;
                Some((i, self.pages.get(&id)?.body_links().to_vec()))
            })
            .collect();
        let work: Vec<(usize, Option<Arc<str>>)> = pages
            .iter()
            .map(|&i| {
                let kept = (!redo.contains(&i))
                    .then(|| self.ids.get(&site.pages[i].source))
                    .flatten()
                    .and_then(|id| self.pages.get(&id).and_then(|p| p.body().cloned()));
                (i, kept)
            })
            .collect();
        // In batches, so that what is kept of each page is put in its place
        // before the next batch is rendered, not held twice for the site.
        for batch in work.chunks(BATCH) {
            let done = self.render_batch(batch, &kept_links, sink);
            for d in done {
                self.finish_page(d, sink);
            }
        }
    }

    /// Renders and writes one batch of pages (with their kept bodies) in
    /// parallel.
    fn render_batch(
        &self,
        batch: &[(usize, Option<Arc<str>>)],
        kept_links: &std::collections::HashMap<usize, Vec<LinkAt>>,
        sink: &dyn Sink,
    ) -> Vec<Done> {
        let (site, renderer, theme) = (&self.site, &self.renderer, &self.theme);
        let addresses = &self.addresses;
        let keep = self.keep_bodies;
        batch
            .par_iter()
            .map(|(i, kept)| {
                let (i, kept) = (*i, kept.clone());
                let (body, body_html, links) = match kept {
                    Some(b) => (None, b, kept_links.get(&i).cloned().unwrap_or_default()),
                    None => {
                        let r = renderer.body(site, i);
                        let html: Arc<str> = Arc::from(r.html);
                        let body = Body {
                            links: if keep { r.links.clone() } else { Vec::new() },
                            pages_named: r.pages_named,
                            diagnostics: r.diagnostics,
                        };
                        (Some(body), html, r.links)
                    }
                };
                let output = output_path(&site.pages[i].path);
                // Written here, in parallel, so that no more than a page per
                // thread is held in memory.
                let html = renderer
                    .page_html(site, theme, i, &body_html)
                    .map(|(html, reads)| {
                        let written = sink
                            .write(&output, html.as_bytes())
                            .map(|()| renderer.page_links(site, i, &html, links, addresses));
                        (written, reads)
                    });
                Done {
                    index: i,
                    body,
                    body_html: keep.then_some(body_html),
                    html,
                }
            })
            .collect()
    }

    fn finish_page(&mut self, done: Done, sink: &dyn Sink) {
        let i = done.index;
        let page = &self.site.pages[i];
        let id = self.ids.id_of(&page.source);
        let output = output_path(&page.path);
        let mut out = self.pages.remove(&id).unwrap_or_default();
        super::lock(&self.link_findings).forget(id);
        if *out.output != *output && !out.output.is_empty() {
            sink.remove(&out.output);
        }
        // What the output read of other pages is only for doing an edit
        // again; a one-off build (which keeps no bodies) does none, so does
        // not hold it for every page.
        let edits = self.keep_bodies;
        if let Some(body) = done.body {
            if edits {
                let reads = body.pages_named.iter().map(|s| self.ids.id(s)).collect();
                let kept = out.kept_mut();
                kept.body_links = body.links;
                kept.body_reads = reads;
            }
            out.diags_mut(|d| d.body = body.diagnostics);
        }
        let field = self.renderer.ctx.field_diags[i].clone();
        out.diags_mut(|d| {
            d.field = field;
            d.html.clear();
        });
        match done.html {
            Ok((written, reads)) => {
                if edits {
                    let read = self.reads_of(&reads);
                    let referenced = reads
                        .referenced
                        .iter()
                        .map(|&j| self.ids.id_of(&self.site.pages[j].source))
                        .collect();
                    let kept = out.kept_mut();
                    kept.reads = read;
                    kept.referenced = referenced;
                }
                match written {
                    Ok(links) => {
                        // One copy of the output path for both (the links
                        // were made for this same path).
                        out.output = links.key.clone();
                        out.links = Some(links);
                    }
                    Err(e) => {
                        let d = write_error(&self.site.pages[i].path, &e);
                        self.failure
                            .get_or_insert_with(|| format!("{}: {}", d.file.display(), d.message));
                        out.diags_mut(|ds| ds.html.push(d));
                        out.links = None;
                        out.output = output.into();
                    }
                }
            }
            Err(d) => {
                out.diags_mut(|ds| ds.html.push(d));
                out.links = None;
                out.output = output.into();
                sink.remove(&out.output);
            }
        }
        if edits {
            out.kept_mut().body = done.body_html;
        }
        self.pages.insert(id, out);
    }

    /// A page's reads, by stable id.
    fn reads_of(&mut self, reads: &Reads) -> Vec<Read> {
        let site = &self.site;
        let mut out = vec![Read::Nav];
        for &j in &reads.pages {
            out.push(Read::Page(self.ids.id_of(&site.pages[j].source)));
        }
        let seen = reads
            .section_seen
            .load(std::sync::atomic::Ordering::Relaxed);
        if let Some(s) = reads.section.filter(|_| seen) {
            out.push(Read::Section(self.ids.id_of(&site.pages[s].source)));
        }
        if let Ok(got) = reads.got.lock() {
            for source in got.iter() {
                out.push(Read::Page(self.ids.id(source)));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

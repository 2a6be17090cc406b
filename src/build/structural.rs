//! A structural edit to `content/`: front matter changed, a page added,
//! deleted or renamed, a file moved between sections, a section folder
//! added or removed. Only the changed files are loaded again
//! ([`crate::Site::reload`]); every other page's summary is taken over,
//! and the pages whose recorded [`Read`]s show something that changed are
//! rendered again (their markdown only where it can differ).

use std::collections::{BTreeSet, HashSet};

use super::Build;
use super::deps::{IdSet, PageId, Read};
use super::snapshot::{
    Names, Snapshot, changed_reads, moved_sources, pages_using, same_ancestors, titles, words_of,
    words_that_changed,
};
use crate::content::Site;
use crate::diagnostics::Diagnostics;
use crate::output::Sink;

impl Build {
    /// Loads the changed files again (`sources`, markdown files under
    /// `content/`; `only_markdown` when nothing else there changed), and
    /// renders again what shows them.
    pub(super) fn content_edits(
        &mut self,
        sources: &BTreeSet<String>,
        only_markdown: bool,
        sink: &dyn Sink,
    ) -> Option<usize> {
        self.shape += 1;
        // Moved out of the old context, not copied: it renders nothing more.
        let mut old = self.renderer.take_summaries();
        let before = Snapshot::of(self, old.iter().map(|s| s.0.clone()).collect());
        let changed: HashSet<String> = sources.iter().cloned().collect();
        let load = crate::content::LoadOptions {
            drafts: self.opts.drafts,
            today: self.site.today,
            fingerprint: self.site.fingerprint,
            minify: self.site.minify,
            writing: self.site.writing,
        };
        let mut diags = Diagnostics::default();
        let claims_before = other_claims(&self.site, sources);
        let failed_before = self.site.failed.clone();
        let drafts_before = self.site.drafts_left_out.clone();
        // Titles and names, known words to the spelling check, of every
        // page as it was: pages the reload finds come or gone besides those
        // reported (a folder moved in or out) count too.
        let titles_before = titles(&self.site);
        if !self.site.reload(&changed, only_markdown, &load, &mut diags) {
            return None;
        }
        let ids: Vec<PageId> = self
            .site
            .pages
            .iter()
            .map(|p| self.ids.id_of(&p.source))
            .collect();
        let now: IdSet = ids.iter().copied().collect();
        let added: IdSet = ids.iter().filter(|&&id| !before.has(id)).copied().collect();
        let removed: IdSet = before
            .ids
            .iter()
            .filter(|&&id| !now.contains(&id))
            .copied()
            .collect();
        let pages_moved: Vec<String> = added
            .iter()
            .chain(&removed)
            .filter_map(|&id| self.ids.source(id))
            .map(str::to_string)
            .collect();
        // Pages that use a title word that came or went (with a page
        // changed, come or gone) are checked again.
        let touched: HashSet<String> = changed.iter().chain(&pages_moved).cloned().collect();
        let words_before = words_of(
            before
                .ids
                .iter()
                .zip(&titles_before)
                .filter(|(id, _)| self.ids.source(**id).is_some_and(|s| touched.contains(s)))
                .map(|(_, t)| t),
        );
        let new_words = words_that_changed(&self.site, &touched, &words_before);
        let spelled = pages_using(&self.site, &new_words);
        // Sources a link to a `.md` file finds differently now.
        let moved = moved_sources(pages_moved, &failed_before, &drafts_before, &self.site);
        // What is kept of the pages loaded again (their sitemap and feed
        // entries, their content rules), of a stand-in home page (made
        // again with every reload), and of those that came or went with a
        // folder.
        let again = sources.iter().chain(&moved).map(String::as_str);
        self.forget_pages(again.chain(["_index.md"]));
        // Summaries are made again for the changed pages, and for those
        // whose markdown fields link to a page that came or went, or
        // became a draft or a page with mistakes (each finds another
        // finding).
        let names = Names::of(&moved);
        let reuse: Vec<_> = self
            .site
            .pages
            .iter()
            .zip(&ids)
            .map(|(p, id)| {
                if changed.contains(&*p.source) || spelled.contains(&*p.source) {
                    return None;
                }
                let kept = old.get_mut(*before.index.get(id)?)?;
                if kept.2.iter().any(|l| names.named_by(&l.url)) {
                    return None;
                }
                Some(std::mem::take(kept))
            })
            .collect();
        drop(old);
        let remade: IdSet = ids
            .iter()
            .zip(&reuse)
            .filter(|(_, r)| r.is_none())
            .map(|(&id, _)| id)
            .collect();
        self.load_diags = self
            .config_diags
            .iter()
            .cloned()
            .chain(diags.iter().cloned())
            .collect();
        // The checks of markdown know the site's titles and names as words
        // (the spelling check): made again only when one of those changed
        // (or a file beside the pages did, which may be the word list).
        let passes = match only_markdown && new_words.is_empty() {
            true => self.renderer.shared_passes(),
            false => {
                let mut d = Diagnostics::default();
                let passes = crate::check::passes(&self.site, &mut d);
                self.pass_diags = d.iter().cloned().collect();
                passes
            }
        };
        let mut context = Diagnostics::default();
        self.renderer =
            crate::render::Renderer::reusing(&self.site, &self.theme, &mut context, reuse, passes);
        self.context_diags = context.iter().cloned().collect();
        let summaries = (0..ids.len())
            .map(|i| self.renderer.ctx.summary(i).clone())
            .collect();
        let after = Snapshot::of(self, summaries);

        let sources_ids: IdSet = sources.iter().map(|s| self.ids.id(s)).collect();
        let mut came_or_went: IdSet = added.union(&removed).copied().collect();
        // Bodies that link to a page that came or went, or that became a
        // draft or a page with mistakes, are rendered again.
        for source in &moved {
            came_or_went.insert(self.ids.id(source));
        }
        // Pages that list, through references, a page that changed what it
        // names, or one that came or went (a name may now find it): those
        // it named when last rendered (read before the pages gone are
        // forgotten), and those it names now or that name it (pages that
        // showed it read its summary, `Read::Page`, but a page that names
        // it may only now find it).
        let mut named: IdSet = IdSet::default();
        for id in sources_ids.iter().chain(&came_or_went) {
            if let Some(out) = self.pages.get(id) {
                named.extend(out.referenced());
            }
            if let Some(&i) = after.index.get(id) {
                let shown = self.renderer.shown_through_references(&self.site, i);
                named.extend(shown.iter().filter_map(|&j| after.ids.get(j).copied()));
            }
        }
        // Pages gone: their outputs and what is kept of them.
        for id in &removed {
            if let Some(out) = self.pages.remove(id) {
                sink.remove(&out.output);
            }
        }
        let changed_reads = changed_reads(&before, &after, &sources_ids, &remade);

        // Everything shows the `site` value (feeds in the head, urgent help).
        let everything = before.site != after.site;
        let mut bodies = Vec::new();
        let mut html = Vec::new();
        for (i, page) in self.site.pages.iter().enumerate() {
            let id = ids[i];
            let out = self.pages.get(&id);
            let body_again = match out {
                Some(out) => {
                    sources_ids.contains(&id)
                        || spelled.contains(&*page.source)
                        || changed_reads.contains(&Read::Page(id))
                        || out.body().is_none()
                        || out.body_reads().iter().any(|r| came_or_went.contains(r))
                }
                None => true,
            };
            // A page whose breadcrumbs changed (a section folder came or
            // went above it).
            let moved = !same_ancestors(&before, &after, id);
            let page_again = body_again
                || everything
                || moved
                || out.is_none_or(|o| o.reads().iter().any(|r| changed_reads.contains(r)));
            if body_again {
                bodies.push(i);
            }
            if page_again {
                html.push(i);
            }
        }
        let mut again: HashSet<usize> = html.iter().copied().collect();
        for id in named {
            if let Some(&i) = after.index.get(&id)
                && again.insert(i)
            {
                html.push(i);
            }
        }
        html.sort_unstable();

        if self.site.assets.len() != before.assets || !before.same_assets(&self.site) {
            if !self.statics_again(sink) {
                return None;
            }
        } else if !(self.address_diags.is_empty()
            && added.is_empty()
            && claims_before == other_claims(&self.site, sources))
        {
            // With no clash before, and no address claimed that was not
            // (a page's own follows from its source path; pages gone only
            // give theirs up), there is none now: working them out takes a
            // few milliseconds.
            let blocked = self.blocked.clone();
            self.find_clashes(&self.static_copies.clone());
            if self.blocked != blocked {
                return None;
            }
        }
        let guard = self.guard(sink);
        self.render_bodies_and_pages(&bodies, &html, &guard);
        // The links from `site.yaml` (footer links) are checked from the
        // pages' links, and what they find (a draft, a page) can change
        // with the content: give every page the new ones.
        let settings = self.renderer.ctx.settings_links.clone();
        for links in self.pages.values_mut().filter_map(|p| p.links.as_mut()) {
            links.settings_links = settings.clone();
        }
        let home = ids.get(self.site.home);
        if everything
            || changed_reads.contains(&Read::Nav)
            || home.is_some_and(|&h| changed_reads.contains(&Read::Page(h)))
        {
            self.render_special(&guard);
        }
        self.write_site_files(&guard);
        self.search_pages(&guard);
        Some(html.len())
    }
}

/// What claims output addresses besides each page's own address (which
/// follows from its source path, see [`crate::urls::path_for_source`]):
/// the aliases of the pages at `sources`, and the site's feeds.
fn other_claims(site: &Site, sources: &BTreeSet<String>) -> (Vec<Vec<String>>, Vec<String>) {
    let aliases = sources
        .iter()
        .map(|s| match site.by_source.get(s.as_str()) {
            Some(&i) => site.pages[i].common.aliases.clone(),
            None => Vec::new(),
        })
        .collect();
    let feeds = site.feeds().into_iter().map(|f| f.path).collect();
    (aliases, feeds)
}

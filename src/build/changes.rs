//! Building again after an edit: [`Build::apply`] works out from the changed
//! files what has to be done, and does only that.
//!
//! - A page whose front matter is unchanged (only its text was edited) is
//!   rendered again alone, and only its own links are checked again.
//! - Any other edit to `content/` (front matter, a page added, deleted or
//!   renamed, a file moved between sections, a section folder added or
//!   removed) loads only the changed files again ([`Site::reload`]), then
//!   renders again the pages whose recorded [`Read`]s show something that
//!   changed, and renders markdown again only where it can differ.
//! - A template edit renders every page again from its kept body.
//! - A static file copies the static files again.
//! - `site.yaml`, or anything unknown, needs a new build ([`Applied::Full`]).
//!
//! The result always equals a full build; `tests/incremental.rs` checks it.

use std::collections::{BTreeSet, HashSet};

use super::Build;
use super::deps::{PageId, Read};
use super::snapshot::{
    Snapshot, changed_reads, known_sources, names_any, pages_using, same_ancestors, title_words,
    words_that_changed,
};
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostics;
use crate::output::{Sink, addresses::Guard};
use crate::render::Theme;

/// What changed in one burst of edits.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Change {
    /// Changed paths, relative to the site's folder, `/`-separated.
    pub paths: Vec<String>,
}

impl Change {
    /// Only stylesheets changed: the browser can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.paths.is_empty() && self.paths.iter().all(|p| p.ends_with(".css"))
    }
}

/// What [`Build::apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The build is up to date; this many pages were rendered again.
    Rendered(usize),
    /// The change needs a new build ([`Build::new`]); this one is left as
    /// it was.
    Full,
}

/// The kinds of work a change needs.
#[derive(Debug, Default)]
struct Plan {
    /// Markdown files under `content/` (source paths), edited, added or gone.
    pages: BTreeSet<String>,
    /// Something else under `content/` (a copied file, a folder).
    content_files: bool,
    /// Templates changed, by name (`partials/footer.html`).
    templates: BTreeSet<String>,
    statics: bool,
}

impl Build {
    /// Builds again after `change`, writing into `sink` (the same store the
    /// build was made into).
    pub fn apply(&mut self, change: &Change, sink: &dyn Sink) -> Applied {
        // A one-off build does not record what pages read (see PageOut).
        let Some(plan) = self.plan(change).filter(|_| self.keep_bodies) else {
            return Applied::Full;
        };
        let mut rendered = 0;
        if !plan.pages.is_empty() || plan.content_files {
            // A file beside the pages (a photo, a PDF) may have new bytes
            // under the same name: copy them again.
            if plan.content_files && !self.statics_again(sink) {
                return Applied::Full;
            }
            let text_only = !plan.content_files && plan.pages.iter().all(|s| self.is_text_edit(s));
            let n = match text_only {
                true => self.text_edits(&plan.pages, sink),
                false => self.content_edits(&plan.pages, !plan.content_files, sink),
            };
            match n {
                Some(n) => rendered += n,
                None => return Applied::Full,
            }
        }
        if !plan.templates.is_empty() {
            match self.template_edit(&plan.templates, sink) {
                Some(n) => rendered += n,
                None => return Applied::Full,
            }
        } else if plan.statics && !self.statics_again(sink) {
            return Applied::Full;
        }
        Applied::Rendered(rendered)
    }

    fn plan(&self, change: &Change) -> Option<Plan> {
        let theme = format!("themes/{}/", self.site.config.theme);
        let mut plan = Plan::default();
        for p in &change.paths {
            if let Some(rest) = p.strip_prefix(&theme) {
                if let Some(name) = rest.strip_prefix("templates/") {
                    plan.templates.insert(name.to_string());
                } else if rest.starts_with("static/") {
                    plan.statics = true;
                } else {
                    return None;
                }
            } else if p.starts_with("static/") {
                plan.statics = true;
            } else if p.starts_with("themes/") {
                // Another theme's files do not affect this site.
            } else if let Some(source) = p.strip_prefix(&format!("{CONTENT_DIR}/")) {
                if source.ends_with(".md") {
                    plan.pages.insert(source.to_string());
                } else {
                    plan.content_files = true;
                }
            } else {
                return None;
            }
        }
        Some(plan)
    }

    /// Whether `source` is a published page whose file still exists with
    /// the same front matter, so only its text can have changed.
    fn is_text_edit(&self, source: &str) -> bool {
        let Some(&i) = self.site.by_source.get(source) else {
            return false;
        };
        if self.site.stand_in_home && source == "_index.md" {
            return false;
        }
        let Ok(new) = crate::content::load_page(&self.site.root, source, &self.site.config) else {
            return false;
        };
        let old = &self.site.pages[i];
        new.fields == old.fields
            && new.title() == old.title()
            && new.summary() == old.summary()
            && new.key_lines == old.key_lines
            && new.value_origins == old.value_origins
            && !new.held_back(self.site.today, self.site.config.closed_vacancies)
    }

    /// Pages whose front matter is as it was: each is rendered again alone.
    fn text_edits(&mut self, sources: &BTreeSet<String>, sink: &dyn Sink) -> Option<usize> {
        let mut indices = Vec::new();
        for source in sources {
            let &i = self.site.by_source.get(source)?;
            let mut new = crate::content::load_page_keeping(
                &self.site.root,
                source,
                &self.site.config,
                self.site.keep_text,
            )
            .ok()?;
            // The same front matter: all but the text (and where the
            // placeholder text is, found as it was loaded) is as it was.
            let old = &mut self.site.pages[i];
            new.parent = old.parent;
            new.children = std::mem::take(&mut old.children);
            *old = new;
            indices.push(i);
        }
        let ids_before: Vec<_> = indices.iter().map(|&i| self.page_ids(i)).collect();
        let guard = self.guard(sink);
        self.render_bodies_and_pages(&indices, &indices, &guard);
        let ids_after: Vec<_> = indices.iter().map(|&i| self.page_ids(i)).collect();
        if ids_before != ids_after {
            // Other pages' links into these pages may now find, or miss, a part.
            self.forget_findings();
        } else {
            for &i in &indices {
                self.recheck_links_of(i);
            }
        }
        // The placeholder rule reads pages' text too.
        self.recheck_page_rules(sources.iter().map(String::as_str));
        Some(indices.len())
    }

    /// The ids in page `i`'s HTML, which other pages' links may point at.
    fn page_ids(&self, i: usize) -> Option<crate::render::links::PageIds> {
        let id = self.ids.get(&self.site.pages[i].source)?;
        self.pages.get(&id)?.links.as_ref().map(|l| l.ids.clone())
    }

    /// Checks the links written in page `i` again, keeping every other
    /// finding.
    fn recheck_links_of(&self, i: usize) {
        let Ok(mut cached) = self.findings.lock() else {
            return;
        };
        let Some(found) = cached.as_mut() else {
            return;
        };
        let page = &self.site.pages[i];
        let Some(links) = self
            .ids
            .get(&page.source)
            .and_then(|id| self.pages.get(&id))
            .and_then(|p| p.links.as_ref())
        else {
            *cached = None;
            return;
        };
        found.retain(|d| {
            !(*d.file == *page.file && d.line.is_some() && d.code.starts_with("link/"))
        });
        found.extend(crate::check::links::check_markdown(
            links,
            &super::outputs::Outputs { build: self },
            &self.site.config.base_path(),
        ));
    }

    /// Any other change to `content/`: load the changed files again, and
    /// render again what shows them.
    fn content_edits(
        &mut self,
        sources: &BTreeSet<String>,
        only_markdown: bool,
        sink: &dyn Sink,
    ) -> Option<usize> {
        self.shape += 1;
        let before = Snapshot::of(self, true);
        let changed: HashSet<String> = sources.iter().cloned().collect();
        let load = crate::content::LoadOptions {
            drafts: self.opts.drafts,
            today: self.site.today,
            fingerprint: self.site.fingerprint,
            minify: self.site.minify,
            writing: self.site.writing,
        };
        let mut diags = Diagnostics::default();
        let mut reuse = self.renderer.ctx.summaries(&self.site);
        let before_sources = known_sources(&self.site);
        let words_before = title_words(&self.site, |s| changed.contains(s));
        if !self.site.reload(&changed, only_markdown, &load, &mut diags) {
            return None;
        }
        // Titles and names are known words to the spelling check: pages
        // that use a word that came or went are checked again.
        let new_words = words_that_changed(&self.site, &changed, &words_before);
        let spelled = pages_using(&self.site, &new_words);
        // Summaries are made again for the changed pages, and for those
        // whose markdown fields link to a page that came or went, or
        // became a draft or a page with mistakes (each finds another
        // finding).
        let after_sources = known_sources(&self.site);
        let mut moved: Vec<&String> = before_sources
            .symmetric_difference(&after_sources)
            .map(|(_, source)| source)
            .collect();
        moved.sort_unstable();
        moved.dedup();
        // What is kept of the pages loaded again (their sitemap and feed
        // entries, their content rules), of a stand-in home page (made
        // again with every reload), and of those that came or went with a
        // folder.
        let again: Vec<String> = sources
            .iter()
            .chain(moved.iter().copied())
            .cloned()
            .collect();
        self.forget_pages(again.iter().map(String::as_str).chain(["_index.md"]));
        reuse.retain(|source, (_, _, links)| {
            !changed.contains(source)
                && !spelled.contains(source)
                && !links.iter().any(|l| names_any(&l.url, &moved))
        });
        let reused: HashSet<String> = reuse.keys().cloned().collect();
        self.load_diags = self
            .config_diags
            .iter()
            .cloned()
            .chain(diags.iter().cloned())
            .collect();
        let mut context = Diagnostics::default();
        self.renderer = {
            let passes = crate::check::passes(&self.site, &mut context);
            crate::render::Renderer::reusing(
                &self.site,
                &self.theme,
                &mut context,
                &mut reuse,
                passes,
            )
        };
        self.context_diags = context.iter().cloned().collect();
        let after = Snapshot::of(self, false);

        // Pages gone: their outputs and what is kept of them.
        for id in before
            .pages
            .keys()
            .filter(|id| !after.pages.contains_key(id))
        {
            if let Some(out) = self.pages.remove(id) {
                sink.remove(&out.output);
            }
        }
        let sources_ids: HashSet<PageId> = sources.iter().map(|s| self.ids.id(s)).collect();
        let added: HashSet<PageId> = after
            .pages
            .keys()
            .filter(|id| !before.pages.contains_key(id))
            .copied()
            .collect();
        let removed: HashSet<PageId> = before
            .pages
            .keys()
            .filter(|id| !after.pages.contains_key(id))
            .copied()
            .collect();
        let remade: HashSet<PageId> = self
            .site
            .pages
            .iter()
            .filter(|p| !reused.contains(&p.source))
            .filter_map(|p| self.ids.get(&p.source))
            .collect();
        let changed_reads = changed_reads(&before, &after, &sources_ids, &remade);
        let mut came_or_went: HashSet<PageId> = added.union(&removed).copied().collect();
        // Bodies that link to a page that came or went, or that became a
        // draft or a page with mistakes, are rendered again.
        for source in &moved {
            came_or_went.insert(self.ids.id(source));
        }

        // Everything shows the `site` value (feeds in the head, urgent help).
        let everything = before.site != after.site;
        let mut bodies = Vec::new();
        let mut html = Vec::new();
        for (i, page) in self.site.pages.iter().enumerate() {
            let id = self.ids.get(&page.source);
            let out = id.and_then(|id| self.pages.get(&id));
            let body_again = match (id, out) {
                (Some(id), Some(out)) => {
                    sources_ids.contains(&id)
                        || spelled.contains(&page.source)
                        || changed_reads.contains(&Read::Page(id))
                        || out.body().is_none()
                        || out.body_reads().iter().any(|r| came_or_went.contains(r))
                }
                _ => true,
            };
            // A page whose breadcrumbs changed (a section folder came or
            // went above it).
            let moved = id.is_none_or(|id| !same_ancestors(&before, &after, id));
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
        // Pages that list, through references, a page that changed what it
        // names, or one that came or went (a name may now find it).
        let mut named: HashSet<PageId> = HashSet::new();
        for id in sources_ids.iter().chain(&came_or_went) {
            if let Some(r) = before.referenced.get(id) {
                named.extend(r);
            }
            // The pages it names, and those that name it: pages that
            // showed it read its summary (`Read::Page`), but a page that
            // names it may only now find it.
            if let Some(&i) = after.index.get(id) {
                let shown = self.renderer.shown_through_references(&self.site, i);
                named.extend(shown.iter().filter_map(|&j| after.ids.get(j).copied()));
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
        } else {
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
        let home = self.ids.get(&self.site.pages[self.site.home].source);
        if everything
            || changed_reads.contains(&Read::Nav)
            || home.is_some_and(|h| changed_reads.contains(&Read::Page(h)))
        {
            self.render_special(&guard);
        }
        self.write_site_files(&guard);
        self.search_pages(&guard);
        self.forget_findings();
        Some(html.len())
    }

    /// Templates changed: the pages that use them (directly, or through the
    /// templates they extend, include or import) again from their kept
    /// bodies.
    fn template_edit(&mut self, changed: &BTreeSet<String>, sink: &dyn Sink) -> Option<usize> {
        let mut diags = Diagnostics::default();
        let theme = Theme::load(&self.site, &mut diags)?;
        // Headings keep clear of the theme's ids: new ids need the markdown
        // rendered again, and the renderer made anew. A template added or
        // removed may change which template a page uses.
        if theme.ids != self.theme.ids || theme.names() != self.theme.names() {
            return None;
        }
        let changed: HashSet<String> = changed.iter().cloned().collect();
        let used = |t: &str| theme.ids.reaches(t, &changed);
        let mut pages: Vec<usize> = (0..self.site.pages.len())
            .filter(|&i| used(&theme.template_for(&self.site.pages[i])))
            .collect();
        let specials = ["404.html", "feedback_thanks.html", "feedback_problem.html"];
        let special = specials.iter().any(|t| used(t));
        // A template no page reaches by name may be included by a name made
        // in the template (`{% include x %}`): render everything to be sure.
        if pages.is_empty() && !special {
            pages = (0..self.site.pages.len()).collect();
        }
        self.theme = theme;
        // Static files live in the theme folder too.
        if !self.statics_again(sink) {
            return None;
        }
        let guard = self.guard(sink);
        self.render_bodies_and_pages(&[], &pages, &guard);
        self.render_special(&guard);
        Some(pages.len())
    }

    /// Copies the static files again. `false` when what clashes changed,
    /// which needs a new build.
    fn statics_again(&mut self, sink: &dyn Sink) -> bool {
        let guard = Guard::new(sink);
        self.copy_static(&guard);
        let blocked = self.blocked.clone();
        self.find_clashes(&guard.copies());
        self.forget_findings();
        self.blocked == blocked
    }

    /// `sink`, dropping writes to the addresses that clash.
    fn guard<'a>(&self, sink: &'a dyn Sink) -> Guard<'a> {
        let guard = Guard::new(sink);
        guard.block(self.blocked.clone());
        guard
    }
}

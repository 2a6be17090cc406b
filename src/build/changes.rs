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
            let &i = self.site.by_source.get(source.as_str())?;
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
        // Other pages' links into these pages may now find, or miss, a
        // part: the kept link findings learn of new ids from the pages
        // written (see `link_findings`).
        let guard = self.guard(sink);
        self.render_bodies_and_pages(&indices, &indices, &guard);
        // The placeholder rule reads pages' text too.
        self.forget_pages(sources.iter().map(String::as_str));
        Some(indices.len())
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
    pub(super) fn statics_again(&mut self, sink: &dyn Sink) -> bool {
        let guard = Guard::new(sink);
        self.copy_static(&guard);
        let blocked = self.blocked.clone();
        self.find_clashes(&guard.copies());
        self.forget_findings();
        self.blocked == blocked
    }

    /// `sink`, dropping writes to the addresses that clash.
    pub(super) fn guard<'a>(&self, sink: &'a dyn Sink) -> Guard<'a> {
        let guard = Guard::new(sink);
        guard.block(self.blocked.clone());
        guard
    }
}

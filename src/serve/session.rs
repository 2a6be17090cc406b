//! Incremental rebuilds for the preview. A [`Session`] keeps the loaded site,
//! the theme, the renderer and every page's rendered body, so that:
//! - editing a markdown file re-renders that page, plus the pages whose
//!   listings, navigation or breadcrumbs show it when its title, summary or
//!   other listed fields changed;
//! - editing a template re-renders every page without parsing markdown again;
//! - editing a static file copies the static files again;
//! - anything else (`site.yaml`, new, deleted or renamed files) rebuilds all.
//!
//! The result always equals a full build; `tests/incremental.rs` checks it.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::state::Files;
use super::watch::Change;
use crate::check::{self, links::PageLinks};
use crate::content::{CONTENT_DIR, Site, load_page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::LinkAt;
use crate::output::MemorySink;
use crate::render::{Renderer, Theme, output_path};
use crate::{BuildOptions, copy_assets, load};

pub struct Session {
    opts: BuildOptions,
    site: Site,
    theme: Theme,
    renderer: Renderer,
    /// Per page: its rendered markdown body, and the links written in it.
    bodies: Vec<Arc<str>>,
    body_links: Vec<Vec<LinkAt>>,
    /// Per page: the links and ids of its last rendered HTML.
    links: Vec<Option<PageLinks>>,
    /// The same for the 404 and thank-you pages.
    special_links: Vec<PageLinks>,
    /// Per page: mistakes found while rendering it.
    page_diags: Vec<Vec<Diagnostic>>,
    /// Per source file: mistakes that stopped it loading, since the last full build.
    load_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// Mistakes and warnings of the site as a whole.
    site_diags: Vec<Diagnostic>,
    /// Output files from static folders and content assets.
    static_keys: BTreeSet<String>,
    /// Warnings about static files left out.
    static_diags: Vec<Diagnostic>,
    /// Mistakes in the site-wide files (aliases).
    extra_diags: Vec<Diagnostic>,
    /// Output path of each page → its index, for link checks.
    key_index: HashMap<String, usize>,
    /// Output paths of pages left out for their mistakes.
    failed_keys: HashSet<String>,
    /// Link and content-rule findings of the whole site, kept between
    /// edits that cannot change them; `None` when they must be worked out.
    findings: RefCell<Option<Vec<Diagnostic>>>,
    files: Files,
}

/// What a change needs.
#[derive(Debug, PartialEq, Eq)]
enum Plan {
    Full,
    Templates,
    Static,
    Pages(Vec<String>),
}

impl Session {
    /// A full build in memory.
    pub fn full(opts: &BuildOptions) -> Result<Session, Diagnostics> {
        let mut diags = Diagnostics::default();
        let Some(site) = load(opts, &mut diags) else {
            return Err(diags);
        };
        let Some(theme) = Theme::load(&site, &mut diags) else {
            return Err(diags);
        };
        let renderer = Renderer::new(&site, &theme, &mut diags);
        let site_diags: Vec<Diagnostic> = diags.iter().cloned().collect();
        let mut session = Session {
            opts: opts.clone(),
            bodies: Vec::new(),
            body_links: Vec::new(),
            links: Vec::new(),
            special_links: Vec::new(),
            page_diags: Vec::new(),
            load_diags: BTreeMap::new(),
            site_diags,
            static_keys: BTreeSet::new(),
            static_diags: Vec::new(),
            extra_diags: Vec::new(),
            findings: RefCell::new(None),
            key_index: HashMap::new(),
            failed_keys: HashSet::new(),
            files: Files::new(),
            site,
            theme,
            renderer,
        };
        session.key_index = (0..session.site.pages.len())
            .map(|i| (output_path(&session.site.pages[i].path), i))
            .collect();
        session.failed_keys = session.site.failed_outputs().collect();
        if let Err(e) = session.copy_static() {
            diags.push(e);
            return Err(diags);
        }
        let n = session.site.pages.len();
        let bodies: Vec<_> = (0..n)
            .into_par_iter()
            .map(|i| session.renderer.body(&session.site, i))
            .collect();
        session.links = vec![None; n];
        for r in bodies {
            session.bodies.push(Arc::from(r.html));
            session.body_links.push(r.links);
            session.page_diags.push(r.diagnostics);
        }
        let all: Vec<usize> = (0..session.site.pages.len()).collect();
        session.render_pages(&all, true);
        let diags = session.diagnostics();
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(session)
    }

    /// The output, path → bytes.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Each page's source file → its address and title, so the preview
    /// can link each finding to its page.
    pub fn page_links(&self) -> super::panel::PageLinks {
        self.site
            .pages
            .iter()
            .map(|p| (p.file.clone(), (p.path.clone(), p.title().to_string())))
            .collect()
    }

    /// Every current mistake and warning, as a full build would report them.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut d = Diagnostics::default();
        d.extend(self.site_diags.iter().cloned());
        d.extend(self.static_diags.iter().cloned());
        d.extend(self.extra_diags.iter().cloned());
        d.extend(self.load_diags.values().flatten().cloned());
        d.extend(self.page_diags.iter().flatten().cloned());
        let mut cached = self.findings.borrow_mut();
        let found = cached.get_or_insert_with(|| {
            let mut f = check::links::check(
                &self.all_links(),
                &self.keys(),
                &self.site.config.base_path(),
            );
            f.extend(check::rules::check(&self.site));
            f
        });
        d.extend(found.iter().cloned());
        check::apply_settings(d, &self.site.config.checks, Some(&self.site))
    }

    /// Every output path, with the pages left out for their mistakes.
    fn keys(&self) -> HashSet<String> {
        self.files
            .keys()
            .cloned()
            .chain(self.site.failed_outputs())
            .collect()
    }

    fn all_links(&self) -> Vec<PageLinks> {
        self.links
            .iter()
            .flatten()
            .chain(&self.special_links)
            .cloned()
            .collect()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics().has_errors()
    }

    /// Applies a change. Returns `false` when it needs a full build instead
    /// (the caller then makes a new session).
    pub fn apply(&mut self, change: &Change) -> bool {
        match self.plan(change) {
            Plan::Full => false,
            Plan::Templates => {
                let mut diags = Diagnostics::default();
                let Some(theme) = Theme::load(&self.site, &mut diags) else {
                    return false;
                };
                // Headings keep clear of the theme's ids: new ids need the
                // markdown rendered again.
                if theme.ids != self.theme.ids {
                    return false;
                }
                self.theme = theme;
                let all: Vec<usize> = (0..self.site.pages.len()).collect();
                self.render_pages(&all, true);
                // Static files live in the theme folder too.
                self.copy_static().is_ok()
            }
            Plan::Static => self.copy_static().is_ok(),
            Plan::Pages(sources) => sources.iter().all(|s| self.reload_page(s)),
        }
    }

    fn plan(&self, change: &Change) -> Plan {
        let templates = format!("themes/{}/templates/", self.site.config.theme);
        let theme_static = format!("themes/{}/static/", self.site.config.theme);
        let mut plan = Vec::new();
        for p in &change.paths {
            let step = if p.starts_with(&templates) {
                Plan::Templates
            } else if p.starts_with(&theme_static) || p.starts_with("static/") {
                Plan::Static
            } else if p.starts_with("themes/") {
                // Another theme's files do not affect this site.
                continue;
            } else if let Some(source) = p.strip_prefix("content/")
                && source.ends_with(".md")
                && self.site.by_source.contains_key(source)
                && self.opts.root.join(p).is_file()
            {
                Plan::Pages(vec![source.to_string()])
            } else {
                return Plan::Full;
            };
            plan.push(step);
        }
        if plan.contains(&Plan::Templates) {
            return Plan::Templates;
        }
        let pages: Vec<String> = plan
            .iter()
            .filter_map(|p| match p {
                Plan::Pages(s) => Some(s.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        match (pages.is_empty(), plan.contains(&Plan::Static)) {
            (true, true) => Plan::Static,
            (true, false) => Plan::Pages(Vec::new()),
            // Mixed page and static changes: do both via a full build.
            (false, true) => Plan::Full,
            (false, false) => Plan::Pages(pages),
        }
    }

    /// Re-reads one markdown file and re-renders what shows it.
    fn reload_page(&mut self, source: &str) -> bool {
        let Some(&i) = self.site.by_source.get(source) else {
            return false;
        };
        let new = match load_page(&self.opts.root, source, &self.site.config) {
            Ok(p) => {
                self.load_diags.remove(source);
                p
            }
            Err(ds) => {
                // Keep the last good version; the error panel explains.
                self.load_diags.insert(source.to_string(), ds);
                return true;
            }
        };
        let old = &self.site.pages[i];
        if new.kind != old.kind
            || new.is_section != old.is_section
            || new.held_back(self.site.today, self.site.config.closed_vacancies)
            || new.common.aliases != old.common.aliases
        {
            return false;
        }
        let (parent, children) = (old.parent, old.children.clone());
        self.site.pages[i] = crate::content::Page {
            parent,
            children,
            ..new
        };
        if let Some(p) = parent {
            self.site.sort_children(p);
        }
        let (summary_changed, field_diags) = self.renderer.update_page(&self.site, i);
        let body = self.renderer.body(&self.site, i);
        self.bodies[i] = Arc::from(body.html);
        self.body_links[i] = body.links;
        self.page_diags[i] = body.diagnostics;
        self.page_diags[i].extend(field_diags);
        if summary_changed {
            let affected = self.affected_by(i);
            self.render_pages(&affected, true);
            return true;
        }
        // Only the page's text changed: re-render it alone, and re-check only
        // the links written in it (unless the parts others link to changed).
        let old_ids = self.links[i].as_ref().map(|l| l.ids.clone());
        self.render_pages(&[i], false);
        let new_ids = self.links[i].as_ref().map(|l| l.ids.clone());
        let mut cached = self.findings.borrow_mut();
        match (cached.as_mut(), &self.links[i]) {
            (Some(found), Some(page)) if old_ids == new_ids => {
                let file = &self.site.pages[i].file;
                found.retain(|d| {
                    !(d.file == *file && d.line.is_some() && d.code.starts_with("link/"))
                });
                let outputs = SessionOutputs { session: self };
                found.extend(check::links::check_markdown(
                    page,
                    &outputs,
                    &self.site.config.base_path(),
                ));
            }
            _ => *cached = None,
        }
        true
    }

    /// Pages whose listings, navigation or breadcrumbs show page `i`.
    fn affected_by(&self, i: usize) -> Vec<usize> {
        if self.renderer.ctx.in_nav(i) {
            return (0..self.site.pages.len()).collect();
        }
        let mut set = BTreeSet::from([i]);
        set.extend(self.renderer.related(&self.site, i));
        if let Some(p) = self.site.pages[i].parent {
            set.insert(p);
            set.extend(self.site.pages[p].children.iter().copied());
        }
        if self.site.pages[i].is_section {
            // Its children list it as their section; all below it show it in breadcrumbs.
            let mut stack = self.site.pages[i].children.clone();
            while let Some(c) = stack.pop() {
                set.insert(c);
                stack.extend(self.site.pages[c].children.iter().copied());
            }
        }
        set.into_iter().collect()
    }

    /// Renders `pages` from their cached bodies into the file map; with
    /// `everything`, also the 404 and thank-you pages and the site-wide files
    /// (sitemap, feeds, redirects).
    fn render_pages(&mut self, pages: &[usize], everything: bool) {
        let site = &self.site;
        let results: Vec<(usize, Rendered)> = pages
            .par_iter()
            .map(|&i| {
                let html = self
                    .renderer
                    .page_html(site, &self.theme, i, &self.bodies[i]);
                let r = html.map(|h| {
                    let links = self
                        .renderer
                        .page_links(site, i, &h, self.body_links[i].clone());
                    (h, links)
                });
                (i, r)
            })
            .collect();
        for (i, r) in results {
            // A template error belongs to the page being rendered.
            self.page_diags[i].retain(|d| !is_template_error(d));
            match r {
                Ok((html, links)) => {
                    self.links[i] = Some(links);
                    self.files.insert(
                        output_path(&site.pages[i].path),
                        Arc::from(html.into_bytes()),
                    );
                }
                Err(d) => {
                    self.links[i] = None;
                    self.page_diags[i].push(d);
                }
            }
        }
        if everything {
            self.refresh_site_files();
            self.site_diags.retain(|d| !is_template_error(d));
            self.special_links.clear();
            for s in self.renderer.special_pages(&self.site, &self.theme) {
                match s {
                    Ok((path, html)) => {
                        self.special_links.push(PageLinks::from_html(
                            path.clone(),
                            path.clone().into(),
                            &html,
                            Vec::new(),
                        ));
                        self.files.insert(path, Arc::from(html.into_bytes()));
                    }
                    Err(d) => self.site_diags.push(d),
                }
            }
        }
    }

    /// The sitemap, feeds and redirects show titles, summaries and dates.
    fn refresh_site_files(&mut self) {
        let (extra, extra_diags) = crate::output::site_files(&self.site);
        for (path, text) in extra {
            self.files.insert(path, Arc::from(text.into_bytes()));
        }
        self.extra_diags = extra_diags;
        self.findings.replace(None);
    }

    /// Copies the static folders and content assets again, dropping files
    /// that are gone.
    fn copy_static(&mut self) -> Result<(), Diagnostic> {
        let sink = MemorySink::default();
        let (_, left_out) = copy_assets(&self.site, &self.theme, &sink).map_err(|e| {
            Diagnostic::error(
                "serve/static",
                CONTENT_DIR,
                format!("The site's files could not be copied: {e:#}"),
            )
            .help("Check that the files in `static/` and the theme can be read.")
        })?;
        self.static_diags = left_out;
        for k in std::mem::take(&mut self.static_keys) {
            self.files.remove(&k);
        }
        for (k, v) in sink.into_files() {
            self.static_keys.insert(k.clone());
            self.files.insert(k, Arc::from(v));
        }
        Ok(())
    }
}

/// One page rendered again: its HTML and links, or the template's mistake.
type Rendered = Result<(String, PageLinks), Diagnostic>;

fn is_template_error(d: &Diagnostic) -> bool {
    d.code == "theme/template" || d.code == "theme/missing-template"
}

/// The session's output, as the link checks see it, without copying it.
struct SessionOutputs<'a> {
    session: &'a Session,
}

impl check::links::Outputs for SessionOutputs<'_> {
    fn has(&self, key: &str) -> bool {
        self.session.files.contains_key(key) || self.session.failed_keys.contains(key)
    }

    fn ids(&self, key: &str) -> Option<&HashSet<String>> {
        match self.session.key_index.get(key) {
            Some(&i) => self.session.links[i].as_ref().map(|l| &l.ids),
            None => self
                .session
                .special_links
                .iter()
                .find(|l| l.key == key)
                .map(|l| &l.ids),
        }
    }
}

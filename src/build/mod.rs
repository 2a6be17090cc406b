//! The build core: one [`Build`] of a site, which `signpost build`,
//! `signpost check` and the preview all drive, so that the same code decides
//! which pages, special pages, feeds, sitemap and site files exist, and the
//! same code checks them.
//!
//! A build renders every page into a [`Sink`] (a folder, nothing, or the
//! preview's memory) and keeps what it needs to do an edit again without
//! starting over: per page (by source path, see [`deps::Ids`]) its links,
//! its findings, and what of other pages its output showed ([`deps::Read`]).
//! [`Build::apply`] (in `changes`) uses that to render again exactly the
//! pages an edit can change.

mod changes;
mod deps;
mod link_findings;
mod order;
mod pages;
mod snapshot;
mod structural;

use std::collections::{BTreeSet, HashSet};
use std::sync::Mutex;

use crate::check;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{self, Sink, addresses::Guard};
use crate::render::links::{Interner, PageLinks};
use crate::render::{Renderer, Theme};
use crate::{BuildOptions, copy_assets_collecting};

pub use changes::{Applied, Change};
use deps::{Ids, PageId};
use pages::PageOut;

/// One built site, ready to be built again after an edit.
pub struct Build {
    opts: BuildOptions,
    site: Site,
    theme: Theme,
    renderer: Renderer,
    /// Keep each page's rendered body, so that a template edit does not
    /// render markdown again (the preview). A one-off build drops them.
    keep_bodies: bool,
    ids: Ids,
    /// Boxed: the map has room for more pages than it holds.
    pages: deps::IdMap<Box<PageOut>>,
    /// Every address the pages link to, each held once.
    addresses: Interner,
    /// The 404 and feedback pages' links and ids, and their mistakes.
    special: Vec<PageLinks>,
    special_diags: Vec<Diagnostic>,
    /// Findings of loading `site.yaml`, and of `site.yaml` and `content/`.
    config_diags: Vec<Diagnostic>,
    load_diags: Vec<Diagnostic>,
    /// Findings of making the checks of markdown (`site.yaml`'s writing
    /// settings), kept with them between edits.
    pass_diags: Vec<Diagnostic>,
    /// Findings of the theme and the shared template context.
    context_diags: Vec<Diagnostic>,
    static_keys: BTreeSet<String>,
    /// Each copied file: (output path, source file), for the clash checks.
    static_copies: Vec<(String, std::path::PathBuf)>,
    static_diags: Vec<Diagnostic>,
    site_file_keys: BTreeSet<String>,
    site_file_diags: Vec<Diagnostic>,
    /// The pages' sitemap and feed entries, kept for the next edit.
    entries: output::discovery::Entries,
    /// The search and A–Z pages: written by a one-off build; the preview
    /// serves them from its own background indexer (`serve::search`), but
    /// links to them are links to pages of the site either way.
    search_keys: BTreeSet<String>,
    search_diags: Vec<Diagnostic>,
    /// What the A–Z page listed, kept for the index (see `search_listing`).
    search_listing: Option<Vec<crate::search::Listed>>,
    /// Outputs that clash (`content/duplicate-url`), and the paths that
    /// are therefore not written.
    address_diags: Vec<Diagnostic>,
    blocked: BTreeSet<String>,
    /// A one-off build's link and content-rule findings, worked out once.
    findings: Mutex<Option<Vec<Diagnostic>>>,
    /// The preview's link findings, kept by page (see `link_findings`).
    link_findings: Mutex<link_findings::LinkFindings>,
    /// The preview's content rules, kept between edits (see
    /// `check::rules_kept`).
    rules: Mutex<check::rules_kept::KeptRules>,
    /// The pages loaded again, come or gone since `take_reloaded` was last
    /// asked (by source path): no other page's title or address changed.
    reloaded: Vec<String>,
    /// The first file that could not be copied or written: the computer's
    /// problem, not the content's, so it stops `signpost build`.
    failure: Option<String>,
    assets: usize,
    /// Goes up whenever the pages' files, addresses or titles may have
    /// changed (not after an edit of a page's text alone), so that what
    /// is made from them can be kept until then.
    shape: u64,
    /// Each page's id in site order (see `order`).
    order: Mutex<order::Order>,
}

impl Build {
    /// Builds `site` into `sink`. `config_diags` are the findings of reading
    /// `site.yaml`, `load_diags` those of loading the content (which include
    /// them). The findings alone when the theme cannot be loaded.
    pub fn new(
        opts: &BuildOptions,
        site: Site,
        config_diags: Vec<Diagnostic>,
        load_diags: Diagnostics,
        sink: &dyn Sink,
        keep_bodies: bool,
    ) -> Result<Build, Diagnostics> {
        let mut diags = load_diags;
        let Some(theme) = Theme::load(&site, &mut diags) else {
            return Err(diags);
        };
        let load_diags: Vec<Diagnostic> = diags.iter().cloned().collect();
        let mut pass_diags = Diagnostics::default();
        let passes = crate::check::passes(&site, &mut pass_diags);
        let mut context = Diagnostics::default();
        let renderer = Renderer::new(&site, &theme, &mut context, passes);
        let mut build = Build {
            opts: opts.clone(),
            site,
            theme,
            renderer,
            keep_bodies,
            ids: match keep_bodies {
                true => Ids::keeping_sources(),
                false => Ids::default(),
            },
            pages: Default::default(),
            addresses: Default::default(),
            special: Vec::new(),
            special_diags: Vec::new(),
            config_diags,
            load_diags,
            pass_diags: pass_diags.iter().cloned().collect(),
            context_diags: context.iter().cloned().collect(),
            static_keys: BTreeSet::new(),
            static_copies: Vec::new(),
            static_diags: Vec::new(),
            site_file_keys: BTreeSet::new(),
            site_file_diags: Vec::new(),
            entries: match keep_bodies {
                true => output::discovery::Entries::kept(),
                false => output::discovery::Entries::default(),
            },
            search_keys: BTreeSet::new(),
            search_diags: Vec::new(),
            search_listing: None,
            address_diags: Vec::new(),
            blocked: BTreeSet::new(),
            findings: Mutex::new(None),
            link_findings: Mutex::default(),
            rules: Mutex::new(Default::default()),
            reloaded: Vec::new(),
            failure: None,
            assets: 0,
            shape: 0,
            order: Mutex::new(Default::default()),
        };
        // Outputs that clash are reported and not written (see
        // output::addresses): static files first, as the claims need them.
        let guard = Guard::new(sink);
        build.copy_static(&guard);
        build.find_clashes(&guard.copies());
        guard.block(build.blocked.clone());
        let all: Vec<usize> = (0..build.site.pages.len()).collect();
        build.render_bodies_and_pages(&all, &all, &guard);
        build.render_special(&guard);
        build.search_pages(&guard);
        if !keep_bodies {
            // A one-off build renders nothing more: the sitemap, feeds and
            // the checks after it are made without the shared context.
            build.renderer.release();
        }
        build.write_site_files(&guard);
        Ok(build)
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Pages written (the 404 and feedback pages included, a stand-in home
    /// page not), and static files copied.
    pub fn counts(&self) -> (usize, usize) {
        let pages = self.pages.values().filter(|p| p.links.is_some()).count()
            - usize::from(self.site.stand_in_home && self.home_written());
        (pages + self.special.len(), self.assets)
    }

    fn home_written(&self) -> bool {
        let home = &self.site.pages[self.site.home].source;
        self.ids
            .get(home)
            .and_then(|id| self.pages.get(&id))
            .is_some_and(|p| p.links.is_some())
    }

    /// A number that changes whenever the pages' files, addresses or
    /// titles may have (see `shape`).
    pub fn shape(&self) -> u64 {
        self.shape
    }

    /// The first file that could not be copied or written, if any.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Every mistake and warning of the site, with `site.yaml`'s check
    /// settings applied.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut d = Diagnostics::default();
        d.extend(self.load_diags.iter().cloned());
        d.extend(self.pass_diags.iter().cloned());
        d.extend(self.context_diags.iter().cloned());
        d.extend(self.static_diags.iter().cloned());
        d.extend(self.address_diags.iter().cloned());
        d.extend(self.site_file_diags.iter().cloned());
        d.extend(self.special_diags.iter().cloned());
        d.extend(self.search_diags.iter().cloned());
        // In site order, as a full build finds them.
        self.with_site_order(|ids| {
            for out in ids
                .iter()
                .filter_map(|id| id.and_then(|id| self.pages.get(&id)))
            {
                d.extend(out.diagnostics().cloned());
            }
        });
        if !self.keep_bodies {
            let mut cached = lock(&self.findings);
            let found = cached.get_or_insert_with(|| {
                let failed: Vec<String> = self.site.failed_outputs().collect();
                let mut f = check::links::check(
                    &self.all_links(),
                    &self.keys(&failed),
                    &self.site.config.base_path(),
                );
                f.extend(check::rules::check(&self.site));
                f
            });
            d.extend(found.iter().cloned());
            drop(cached);
            return check::apply_settings(d, &self.site.config.checks, Some(&self.site));
        }
        d.extend(self.kept_link_findings());
        let mut rules = lock(&self.rules);
        d.extend(rules.findings(&self.site).iter().cloned());
        let levels = &self.site.config.checks;
        check::apply_levels(d, levels, |file, code| rules.silenced(file, code))
    }

    /// Forgets what is kept of the pages at `sources`, loaded again: their
    /// sitemap and feed entries and their content rules' findings.
    fn forget_pages<'a>(&mut self, sources: impl Iterator<Item = &'a str>) {
        let rules = self.rules.get_mut().unwrap_or_else(|e| e.into_inner());
        let order = self.order.get_mut().unwrap_or_else(|e| e.into_inner());
        for source in sources {
            self.entries.forget(source);
            rules.forget(source);
            order.forget(source);
            self.reloaded.push(source.to_string());
        }
    }

    /// The source paths of the pages loaded again, come or gone since this
    /// was last asked (some more than once): the only pages whose title or
    /// address can have changed.
    pub fn take_reloaded(&mut self) -> Vec<String> {
        std::mem::take(&mut self.reloaded)
    }

    /// Every output path, with the pages left out for their mistakes (links
    /// to those are not reported again as broken).
    fn keys<'a>(&'a self, failed: &'a [String]) -> HashSet<&'a str> {
        self.static_keys
            .iter()
            .chain(&self.site_file_keys)
            .chain(&self.search_keys)
            .map(String::as_str)
            .chain(self.special.iter().map(|l| &*l.key))
            .chain(
                self.pages
                    .values()
                    .filter(|p| p.links.is_some())
                    .map(|p| &*p.output),
            )
            .chain(failed.iter().map(String::as_str))
            .collect()
    }

    /// Every written page's links, in site order, then the special pages'.
    fn all_links(&self) -> Vec<&PageLinks> {
        self.site
            .pages
            .iter()
            .filter_map(|p| self.ids.get(&p.source).and_then(|id| self.pages.get(&id)))
            .filter_map(|p| p.links.as_ref())
            .chain(&self.special)
            .collect()
    }

    /// `f` of each page's id in site order (see `order`).
    fn with_site_order<R>(&self, f: impl FnOnce(&[Option<PageId>]) -> R) -> R {
        let mut order = lock(&self.order);
        f(order.ids(self.shape, &self.site, &self.ids))
    }

    /// Copies the static folders and content assets into `sink`, forgetting
    /// those of the last copy that are gone.
    fn copy_static(&mut self, sink: &dyn Sink) {
        let recorder = output::RecordingSink::new(sink);
        let (assets, left_out, failure) =
            copy_assets_collecting(&self.site, &self.theme, &recorder);
        let keys: BTreeSet<String> = recorder.into_keys().into_iter().collect();
        for gone in self.static_keys.difference(&keys) {
            sink.remove(gone);
        }
        self.static_keys = keys;
        self.static_diags = left_out;
        self.assets = assets;
        if let Some(e) = failure {
            self.failure.get_or_insert_with(|| format!("{e:#}"));
        }
    }

    /// Works out which outputs clash (two things on one address).
    fn find_clashes(&mut self, copies: &[(String, std::path::PathBuf)]) {
        let (mut claims, _) = output::addresses::generated(&self.site);
        claims.extend(output::addresses::copied(&self.site, copies));
        let (clashes, blocked) = output::addresses::clashes(&claims);
        self.address_diags = clashes;
        self.blocked = blocked;
        self.static_copies = copies.to_vec();
    }

    /// The 404 and feedback pages.
    fn render_special(&mut self, sink: &dyn Sink) {
        self.special.clear();
        self.special_diags.clear();
        for s in self.renderer.special_pages(&self.site, &self.theme) {
            match s {
                Ok((path, html)) => match sink.write(&path, html.as_bytes()) {
                    Ok(()) => self.special.push(PageLinks::from_html_sharing(
                        path.as_str().into(),
                        std::path::Path::new(&path).into(),
                        &html,
                        Vec::new(),
                        &self.addresses,
                    )),
                    Err(e) => {
                        let d = crate::render::write_error(&path, &e);
                        self.failure
                            .get_or_insert_with(|| format!("{path}: {}", d.message));
                        self.special_diags.push(d);
                    }
                },
                Err(d) => self.special_diags.push(d),
            }
        }
        self.forget_findings();
    }

    /// The sitemap, feeds and redirect pages, which show titles, summaries
    /// and dates of the whole site.
    fn write_site_files(&mut self, sink: &dyn Sink) {
        let (files, diags) = output::site_files(&self.site, &self.blocked, &mut self.entries);
        let keys: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
        for gone in self.site_file_keys.difference(&keys) {
            sink.remove(gone);
        }
        for (path, text) in &files {
            if let Err(e) = sink.write(path, text.as_bytes()) {
                self.failure
                    .get_or_insert_with(|| format!("could not write {path}: {e}"));
            }
        }
        self.site_file_keys = keys;
        // Clashes are reported once, by find_clashes.
        self.site_file_diags = diags
            .into_iter()
            .filter(|d| d.code != output::addresses::CODE)
            .collect();
        self.forget_findings();
    }

    /// The search and A–Z pages (see `search_keys`).
    fn search_pages(&mut self, sink: &dyn Sink) {
        self.search_keys = crate::search::special_pages(&self.site)
            .into_iter()
            .filter(|(template, _, _)| self.theme.has(template))
            .map(|(_, path, _)| crate::urls::special_output_path(path))
            .collect();
        self.search_listing = None;
        // Off, nothing is listed: a site without search does not pay for it.
        if self.keep_bodies || !crate::search::enabled(&self.site) {
            return;
        }
        let listed = crate::search::listed(&self.site);
        let mut diags = Diagnostics::default();
        if let Err(e) = crate::search::write_pages(
            &self.site,
            &self.theme,
            &self.renderer.ctx,
            &listed,
            sink,
            &mut diags,
        ) {
            self.failure.get_or_insert_with(|| format!("{e:#}"));
        }
        self.search_diags = diags.iter().cloned().collect();
        self.search_listing = Some(listed);
    }

    /// The pages search lists, as the A–Z page was made from them (none
    /// when it was not made), for the index to share.
    pub fn search_listing(&self) -> Option<&[crate::search::Listed]> {
        self.search_listing.as_deref()
    }

    /// Forgets a one-off build's findings (made once, on the first
    /// `diagnostics`). The preview keeps its own by page (`link_findings`,
    /// `rules`), brought up to date from the pages written and forgotten.
    fn forget_findings(&self) {
        *lock(&self.findings) = None;
    }
}
/// `m`'s value, also after a thread panicked holding it (what it guards
/// is whole either way: each is replaced at once).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

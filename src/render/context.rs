//! The template context. Everything that is the same for many pages (the
//! `site` value, each page's listing summary, each section) is built once and
//! shared; minijinja values are reference-counted, so a page's context only
//! adds its own `page`, `nav` and `breadcrumbs`.

use std::collections::{BTreeMap, HashMap};

use minijinja::Value;
use rayon::prelude::*;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{LinkAt, Markdown, PageAddresses};

/// Where the feedback thank-you page is written.
pub const THANKS_PATH: &str = "/feedback/thanks/";
/// Where people without JavaScript are sent when they send an empty form.
pub const PROBLEM_PATH: &str = "/feedback/problem/";

/// A page's summary value, the mistakes in its markdown fields and the
/// links written in them.
pub type Summary = (Value, Vec<Diagnostic>, Vec<LinkAt>);

/// What of other pages one page's variables show, so that the build knows
/// which pages to render again after an edit. Every page shows the
/// navigation.
#[derive(Debug, Default)]
pub struct Reads {
    /// Pages whose summary it shows (itself, breadcrumbs, references both
    /// ways), by index.
    pub pages: Vec<usize>,
    /// The section whose listing it was given as `section` (all the pages
    /// listed on it), by index; shown only if `section_seen` is set.
    pub section: Option<usize>,
    pub section_seen: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The pages its reference fields name, by index.
    pub referenced: Vec<usize>,
    /// The source paths given to `get_page`, found or not, while rendering.
    pub got: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

pub struct SiteContext {
    pub base_path: String,
    /// The base address every summary's `url` and `permalink` is made from.
    bases: super::summary::Bases,
    site_value: Value,
    /// Per page: the fields shown in listings and on the page itself.
    summaries: Vec<Value>,
    /// Per page: links written in its markdown fields.
    pub field_links: Vec<Vec<LinkAt>>,
    /// Per page: mistakes in its markdown fields.
    pub field_diags: Vec<Vec<Diagnostic>>,
    /// Per section page: its `section` value.
    sections: HashMap<usize, Value>,
    /// Source path under `content/` → the page's summary, for `get_page`.
    by_source: std::sync::Arc<rustc_hash::FxHashMap<std::sync::Arc<str>, Value>>,
    /// Indices of the pages in the main navigation, in order.
    nav: Vec<usize>,
    /// Which pages name which, for `refs` and `referenced_by`.
    references: super::references::References,
    /// Links from `site.yaml` on every page, for the link checks.
    pub settings_links: std::sync::Arc<[super::links::SettingsLink]>,
    today: Value,
}

impl SiteContext {
    /// The context of `site`, taking over the summaries in `reuse` (one
    /// for each page, in site order, `None` for those to be made; missing
    /// at the end when none are kept) instead of making them again.
    pub fn new(
        site: &Site,
        markdown: &Markdown,
        pages: &dyn PageAddresses,
        diags: &mut Diagnostics,
        mut reuse: Vec<Option<Summary>>,
    ) -> Self {
        let base_path = site.config.base_path();
        let bases = super::summary::Bases::of(site);
        reuse.resize_with(site.pages.len(), || None);
        let results: Vec<Summary> = site
            .pages
            .par_iter()
            .zip(reuse)
            .map(|(p, reused)| {
                reused.unwrap_or_else(|| super::summary::summary(site, p, markdown, pages, &bases))
            })
            .collect();
        let mut summaries = Vec::with_capacity(results.len());
        let mut field_links = Vec::with_capacity(results.len());
        let mut field_diags = Vec::with_capacity(results.len());
        for (s, ds, links) in results {
            summaries.push(s);
            field_diags.push(ds);
            field_links.push(links);
        }
        let site_value = super::site_var::site_value(site, markdown, pages, &base_path, diags);
        let nav = super::settings::resolve_nav(site, diags);
        let settings_links = super::settings::footer_links(site, &base_path);
        let mut ctx = SiteContext {
            bases,
            settings_links,
            base_path,
            site_value,
            summaries,
            field_links,
            field_diags,
            sections: HashMap::new(),
            by_source: Default::default(),
            nav,
            references: super::references::References::of(site),
            today: Value::from(site.today.to_string()),
        };
        let sections: HashMap<usize, Value> = (0..site.pages.len())
            .filter(|&i| site.pages[i].is_section)
            .map(|i| (i, ctx.section_value(site, i)))
            .collect();
        ctx.sections = sections;
        ctx.by_source = ctx.index_by_source(site);
        ctx
    }

    fn index_by_source(
        &self,
        site: &Site,
    ) -> std::sync::Arc<rustc_hash::FxHashMap<std::sync::Arc<str>, Value>> {
        std::sync::Arc::new(
            site.pages
                .iter()
                .zip(&self.summaries)
                .map(|(p, s)| (p.source.clone(), s.clone()))
                .collect(),
        )
    }

    /// Recomputes page `i`'s summary after its file changed. Returns whether
    /// it changed (then listings, navigation and breadcrumbs that show it
    /// must be rendered again).
    pub fn update_page(
        &mut self,
        site: &Site,
        i: usize,
        markdown: &Markdown,
        pages: &dyn PageAddresses,
    ) -> bool {
        let (value, diags, links) =
            super::summary::summary(site, &site.pages[i], markdown, pages, &self.bases);
        let changed = value != self.summaries[i];
        self.summaries[i] = value;
        if changed {
            self.by_source = self.index_by_source(site);
        }
        self.field_links[i] = links;
        self.field_diags[i] = diags;
        // The parent's listing may also change order, so rebuild it either way.
        let mut touched: Vec<usize> = site.pages[i].parent.into_iter().collect();
        if site.pages[i].is_section {
            touched.push(i);
        }
        for s in touched {
            let v = self.section_value(site, s);
            self.sections.insert(s, v);
        }
        changed
    }

    /// The heading ids in page `i`'s markdown fields, for its body's
    /// headings to keep clear of.
    pub fn field_ids(&self, i: usize) -> Vec<String> {
        let summary = &self.summaries[i];
        let Ok(keys) = summary.try_iter() else {
            return Vec::new();
        };
        // Only rendered markdown fields are safe strings; the values made
        // when asked (`fields_shown`, the addresses) never are, and are not
        // made here for nothing.
        keys.filter(|k| !matches!(k.as_str(), Some("fields_shown" | "url" | "permalink")))
            .filter_map(|k| summary.get_item(&k).ok())
            .filter(|v| v.is_safe())
            .flat_map(|v| super::links::scan(v.as_str().unwrap_or_default()).0)
            .collect()
    }

    /// See [`super::Renderer::shown_through_references`].
    pub fn shown_through_references(&self, site: &Site, i: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .references
            .refs(site, i)
            .into_iter()
            .flat_map(|r| r.pages)
            .collect();
        out.extend(self.references.naming(site, i));
        out
    }

    /// Whether page `i` is in the main navigation.
    pub fn in_nav(&self, i: usize) -> bool {
        self.nav.contains(&i)
    }

    fn section_value(&self, site: &Site, s: usize) -> Value {
        let page = &site.pages[s];
        let (open, closed): (Vec<usize>, Vec<usize>) = site
            .child_pages(s)
            .partition(|&c| !site.pages[c].is_closed(site.today));
        let eligibility = self.summaries[s]
            .get_attr("eligibility_criteria")
            .ok()
            .filter(|v| !v.is_undefined())
            .unwrap_or_else(|| Value::from(Vec::<Value>::new()));
        let extra = minijinja::context! {
            kind => page.kind.name(),
            pages => open.iter().map(|&c| self.summaries[c].clone()).collect::<Vec<_>>(),
            closed_pages => closed.iter().rev().map(|&c| self.summaries[c].clone()).collect::<Vec<_>>(),
            subsections => site.subsections(s).map(|c| self.summaries[c].clone()).collect::<Vec<_>>(),
            eligibility_criteria => eligibility,
        };
        minijinja::value::merge_maps([extra, self.summaries[s].clone()])
    }

    /// The variables for page `i`, with its rendered body, and what of
    /// other pages they show (see [`Reads`]).
    pub fn page_vars(
        &self,
        site: &Site,
        i: usize,
        content: Value,
        json_ld: Value,
    ) -> (Value, Reads) {
        let mut reads = Reads::default();
        let summaries = |pages: Vec<usize>| -> Vec<Value> {
            pages.iter().map(|&j| self.summaries[j].clone()).collect()
        };
        let resolved = self.references.refs(site, i);
        for r in &resolved {
            reads.pages.extend(&r.pages);
            reads.referenced.extend(&r.pages);
        }
        let refs: BTreeMap<&str, Value> = resolved
            .into_iter()
            .map(|r| {
                let value = if r.is_list {
                    Value::from(summaries(r.pages))
                } else {
                    r.pages
                        .first()
                        .map_or(Value::from(()), |&j| self.summaries[j].clone())
                };
                (r.field, value)
            })
            .collect();
        let referenced_by: BTreeMap<&str, Vec<Value>> = self
            .references
            .referenced_by(site, i)
            .into_iter()
            .map(|(kind, pages)| {
                reads.pages.extend(&pages);
                (kind, summaries(pages))
            })
            .collect();
        let page = minijinja::value::merge_maps([
            minijinja::context! {
                content => content,
                json_ld => json_ld,
                refs => refs,
                referenced_by => referenced_by,
            },
            self.summaries[i].clone(),
        ]);
        let by_source = self.by_source.clone();
        let got = reads.got.clone();
        let get_page = Value::from_function(move |path: &str| {
            let path = path.trim_start_matches('/');
            let path = path.strip_prefix("content/").unwrap_or(path);
            if let Ok(mut got) = got.lock() {
                got.push(path.to_string());
            }
            by_source.get(path).cloned().ok_or_else(|| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("get_page: there is no published page `content/{path}` (give the file's path under content/, such as \"services/early-intervention.md\")"),
                )
            })
        });
        let shown = match site.pages[i].is_section {
            true => Some(i),
            false => site.pages[i].parent,
        };
        let section = shown
            .and_then(|s| self.sections.get(&s))
            .map(|v| super::watched::Watched::value(v.clone(), reads.section_seen.clone()));
        reads.section = shown;
        let ancestors = site.ancestors(i);
        reads.pages.extend(&ancestors);
        reads.pages.push(i);
        let breadcrumbs: Vec<Value> = ancestors.iter().map(|&a| self.crumb(a)).collect();
        let vars = minijinja::context! {
            site => self.site_value.clone(),
            page => page,
            section => section.unwrap_or(Value::UNDEFINED),
            nav => self.nav_value(site, Some(i), &ancestors),
            breadcrumbs => breadcrumbs,
            today => self.today.clone(),
            get_page => get_page,
        };
        (vars, reads)
    }

    /// Takes every page's summary, its mistakes and links, in site order,
    /// for a context made again after an edit to take over (moved, not
    /// copied). The context renders nothing after this.
    pub fn take_summaries(&mut self) -> Vec<Summary> {
        let summaries = std::mem::take(&mut self.summaries);
        let diags = std::mem::take(&mut self.field_diags);
        let links = std::mem::take(&mut self.field_links);
        summaries
            .into_iter()
            .zip(diags)
            .zip(links)
            .map(|((s, d), l)| (s, d, l))
            .collect()
    }

    /// The `site` value every page's template is given.
    pub fn site_value(&self) -> &Value {
        &self.site_value
    }

    /// Empties the per-page parts (see [`super::Renderer::release`]).
    pub(super) fn release(&mut self) {
        self.summaries = Vec::new();
        self.field_links = Vec::new();
        self.field_diags = Vec::new();
        self.sections = HashMap::new();
        self.by_source = Default::default();
        self.references = Default::default();
    }

    /// The pages in the main navigation, in order.
    pub fn nav(&self) -> &[usize] {
        &self.nav
    }

    /// Page `i`'s summary, as listings and `get_page` show it.
    pub fn summary(&self, i: usize) -> &Value {
        &self.summaries[i]
    }

    fn crumb(&self, i: usize) -> Value {
        let s = &self.summaries[i];
        minijinja::context! {
            title => s.get_attr("title").unwrap_or_default(),
            url => s.get_attr("url").unwrap_or_default(),
        }
    }

    fn nav_value(&self, site: &Site, current: Option<usize>, ancestors: &[usize]) -> Value {
        let home = site.home;
        let items: Vec<Value> = self
            .nav
            .iter()
            .map(|&n| {
                let is_current = current == Some(n) || (n != home && ancestors.contains(&n));
                let s = &self.summaries[n];
                minijinja::context! {
                    title => s.get_attr("title").unwrap_or_default(),
                    // The page's short label for menus, when it has one.
                    nav_title => s.get_attr("nav_title").unwrap_or_default(),
                    url => s.get_attr("url").unwrap_or_default(),
                    current => is_current,
                }
            })
            .collect();
        Value::from(items)
    }

    /// Pages the generator writes that have no markdown file: template,
    /// site path and title.
    pub fn special_pages(&self, site: &Site) -> Vec<(&'static str, &'static str, &'static str)> {
        special_pages(site)
    }

    pub fn special_vars(&self, site: &Site, path: &str, title: &str) -> Value {
        let url = format!("{}{}", self.base_path, path.trim_start_matches('/'));
        let file = if path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        let page = minijinja::context! {
            title => title,
            summary => "",
            kind => "special",
            url => url.clone(),
            permalink => site.config.absolute_url(path),
            content => Value::from_safe_string(String::new()),
            is_section => false,
            source => file,
        };
        minijinja::context! {
            site => self.site_value.clone(),
            page => page,
            section => Value::UNDEFINED,
            nav => self.nav_value(site, None, &[]),
            breadcrumbs => vec![self.crumb(site.home)],
            today => self.today.clone(),
        }
    }
}

/// Pages the generator writes that have no markdown file: template, site
/// path and title.
pub fn special_pages(site: &Site) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut v = vec![("404.html", "/404.html", "Page not found")];
    if feedback_enabled(site) {
        v.push((
            "feedback_thanks.html",
            THANKS_PATH,
            "Thank you for your feedback",
        ));
        v.push((
            "feedback_problem.html",
            PROBLEM_PATH,
            "Your feedback was not sent",
        ));
    }
    v
}

pub fn feedback_enabled(site: &Site) -> bool {
    site.config.feedback.endpoint.is_some() || site.config.feedback.provider.is_some()
}

//! Rendering: the theme's minijinja templates, filled in with the context
//! documented in the README (`site`, `page`, `section`, `nav`,
//! `breadcrumbs`, `today`), for every page of the [`Site`].
//!
//! A [`Renderer`] is made once per build; the build core
//! ([`crate::build`]) keeps it and renders single pages again after an edit.

mod context;
mod html_scan;
pub mod links;
pub mod minify;
pub mod references;
mod settings;
mod site_var;
pub mod structured;
mod summary;
mod templates;
mod theme_ids;
mod watched;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use minijinja::Value;

use crate::content::Site;
use crate::diagnostics::Origin;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, LinkContext, LintContext, Markdown, Passes};
use crate::urls::{output_path, special_output_path};

pub use context::{PROBLEM_PATH, Reads, SiteContext, Summary, THANKS_PATH};
pub use summary::typeset;
pub use templates::Theme;

/// Where `.md` links lead: the site's pages, and the pages left out for
/// their mistakes, which still count as link targets so that one mistake is
/// not reported again as broken links elsewhere.
pub struct SiteAddresses<'a>(pub &'a Site);

impl markdown::PageAddresses for SiteAddresses<'_> {
    fn address(&self, source: &str) -> Option<std::borrow::Cow<'_, str>> {
        let site = self.0;
        if let Some(&i) = site.by_source.get(source) {
            return site.pages.get(i).map(|p| p.path.as_str().into());
        }
        site.failed
            .binary_search_by(|s| s.as_str().cmp(source))
            .is_ok()
            .then(|| crate::urls::path_for_source(source).into())
    }
}

/// Everything needed to render any page of one site.
pub struct Renderer {
    markdown: Markdown,
    pub ctx: SiteContext,
}

impl Renderer {
    /// Prepares the shared context: listing summaries, sections, navigation.
    /// `passes` are the checks run on every body and markdown field (the
    /// build core gets them from the check stage).
    pub fn new(site: &Site, theme: &Theme, diags: &mut Diagnostics, passes: Passes) -> Renderer {
        Renderer::reusing(site, theme, diags, Vec::new(), passes)
    }

    /// [`Renderer::new`], taking over the summaries in `reuse` (one for
    /// each page in site order; `None` for those that changed).
    pub fn reusing(
        site: &Site,
        theme: &Theme,
        diags: &mut Diagnostics,
        reuse: Vec<Option<context::Summary>>,
        passes: Passes,
    ) -> Renderer {
        let mut markdown = Markdown::new(
            site.config.markdown.allow_html,
            site.config.markdown.smart_punctuation,
        );
        markdown.reserve(reserved_ids(site, theme));
        markdown.run_passes(passes);
        let ctx = SiteContext::new(site, &markdown, &SiteAddresses(site), diags, reuse);
        Renderer { markdown, ctx }
    }

    /// The page's markdown body as HTML, with its mistakes (broken links)
    /// and the writing checks' findings in its body and front matter.
    pub fn body(&self, site: &Site, i: usize) -> markdown::Rendered {
        let page = &site.pages[i];
        let text = match page.markdown(&site.root) {
            Ok(t) => t,
            Err(d) => {
                return markdown::Rendered {
                    diagnostics: vec![d],
                    ..Default::default()
                };
            }
        };
        let links = LinkContext {
            source_dir: page.source_dir(),
            file: &page.file,
            origin: Origin::body(page.body_line),
            pages: &SiteAddresses(site),
            drafts: &site.drafts_left_out,
            base_path: &self.ctx.base_path,
        };
        let lint = LintContext {
            file: &page.file,
            origin: Origin::body(page.body_line),
            decorative: &page.common.decorative_images,
            is_body: true,
        };
        let avoid = self.ctx.field_ids(i);
        let mut out = self
            .markdown
            .render_with(text.body(), &links, Some(&lint), &avoid);
        for pass in self.markdown.passes() {
            out.diagnostics
                .extend(pass.front_matter(page, text.front_matter()));
        }
        out
    }

    /// Fills the page's template around an already rendered body.
    pub fn page_html(
        &self,
        site: &Site,
        theme: &Theme,
        i: usize,
        body_html: &str,
    ) -> Result<(String, Reads), Diagnostic> {
        let page = &site.pages[i];
        let json_ld = Value::from_safe_string(structured::for_page(site, i, body_html));
        let content = Value::from_safe_string(body_html.to_string());
        let (vars, reads) = self.ctx.page_vars(site, i, content, json_ld);
        let html = theme.render(&theme.template_for(page), vars, &page.file)?;
        Ok((html, reads))
    }

    /// Lets go of the shared context (every page's listing summary, the
    /// sections, the lookup tables by source path) once a one-off build has
    /// rendered everything: the link check and the content rules that come
    /// after do not need it, and holding it then made their working data
    /// the build's peak of memory. Nothing may be rendered with it after
    /// this (the summaries it would look up are gone), so only the build
    /// core calls it, for a build that does no edits.
    pub(crate) fn release(&mut self) {
        self.ctx.release();
        // The theme's ids by page, one entry a page.
        self.markdown.reserve(markdown::Reserved::default());
    }

    /// The links and ids of page `i`'s HTML, with the places in its markdown
    /// (body and fields) that links came from.
    pub fn page_links(
        &self,
        site: &Site,
        i: usize,
        html: &str,
        mut md_links: Vec<crate::markdown::LinkAt>,
        interner: &links::Interner,
    ) -> links::PageLinks {
        let page = &site.pages[i];
        md_links.extend(self.ctx.field_links[i].iter().cloned());
        let mut links = links::PageLinks::from_html_sharing(
            output_path(&page.path).into(),
            page.file.clone(),
            html,
            md_links,
            interner,
        );
        links.settings_links = self.ctx.settings_links.clone();
        links
    }

    /// The pages page `i` shows through its reference fields (`team_members`,
    /// `course`), and those whose reference fields name it (which show it,
    /// or may now find it): after `i` changes, came or went, these are the
    /// pages whose references can show something else.
    pub fn shown_through_references(&self, site: &Site, i: usize) -> Vec<usize> {
        self.ctx.shown_through_references(site, i)
    }

    /// The checks run on each body and markdown field, to be given to the
    /// next renderer of the same site when nothing they know changed.
    pub fn shared_passes(&self) -> Passes {
        self.markdown.shared_passes()
    }

    /// See [`SiteContext::take_summaries`].
    pub fn take_summaries(&mut self) -> Vec<context::Summary> {
        self.ctx.take_summaries()
    }

    /// Recomputes page `i`'s listing summary after an edit; see
    /// [`SiteContext::update_page`].
    pub fn update_page(&mut self, site: &Site, i: usize) -> bool {
        self.ctx
            .update_page(site, i, &self.markdown, &SiteAddresses(site))
    }

    /// The pages with no markdown file (404, feedback thanks): output path
    /// and HTML, or the mistake that stopped one.
    pub fn special_pages(
        &self,
        site: &Site,
        theme: &Theme,
    ) -> Vec<Result<(String, String), Diagnostic>> {
        self.ctx
            .special_pages(site)
            .into_iter()
            .map(|(template, path, title)| {
                if !theme.has(template) {
                    // Only the 404 and thank-you pages are essential; an older
                    // theme without the empty-form page still works.
                    let d = if template == "feedback_problem.html" {
                        Diagnostic::warning(
                            "theme/optional-template-missing",
                            theme.dir().join("templates").join(template),
                            format!(
                                "The theme has no `{template}` template, so `{path}` is not made"
                            ),
                        )
                    } else {
                        Diagnostic::error(
                            "theme/missing-template",
                            theme.dir().join("templates").join(template),
                            format!("The theme has no `{template}` template, needed for `{path}`"),
                        )
                    };
                    return Err(d.help(format!(
                        "Add `{template}` to the theme's `templates` folder."
                    )));
                }
                let vars = self.ctx.special_vars(site, path, title);
                theme
                    .render(template, vars, Path::new(template))
                    .map(|html| (special_output_path(path), html))
            })
            .collect()
    }
}

/// The ids each page's template writes, by page file, for headings to keep
/// clear of; markdown from `site.yaml` keeps clear of those on every page.
fn reserved_ids(site: &Site, theme: &Theme) -> markdown::Reserved {
    let mut by_template: HashMap<String, std::sync::Arc<HashSet<String>>> = HashMap::new();
    let by_file = site.pages.iter().map(|p| {
        let template = theme.template_for(p);
        let ids = by_template
            .entry(template.clone())
            .or_insert_with(|| std::sync::Arc::new(theme.ids.for_template(&template)))
            .clone();
        (&p.file, ids)
    });
    markdown::Reserved::new(by_file, theme.ids.for_template("base.html"))
}

/// The pages Signpost writes that have no markdown file (the 404 and
/// feedback pages): site path and title.
pub fn special_pages(site: &Site) -> Vec<(&'static str, &'static str)> {
    context::special_pages(site)
        .into_iter()
        .map(|(_, path, title)| (path, title))
        .collect()
}

/// The code of a page that could not be written.
pub const WRITE_ERROR: &str = "output/write";

pub fn write_error(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        WRITE_ERROR,
        path,
        format!("The page could not be written: {e}"),
    )
    .help("Check there is free disk space and that the output folder can be written to.")
}

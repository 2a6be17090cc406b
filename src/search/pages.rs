//! The search page (`/search/`, results shown by the theme's script) and
//! the A–Z page (`/a-z/`, every listed page grouped by kind: where the
//! header's search form leads when JavaScript is off, so no visitor meets a
//! dead end). Both are rendered with the theme like the 404 page.

use std::path::Path;

use minijinja::Value;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{SiteContext, Theme};

use super::Listed;

pub const SEARCH_PATH: &str = "/search/";
pub const A_Z_PATH: &str = "/a-z/";

/// The search pages when search is on: (template, site path, title).
pub fn special_pages(site: &Site) -> Vec<(&'static str, &'static str, &'static str)> {
    if !super::enabled(site) {
        return Vec::new();
    }
    vec![
        ("search.html", SEARCH_PATH, "Search"),
        ("a_z.html", A_Z_PATH, "A to Z of pages"),
    ]
}

/// Renders the search and A–Z pages: (output path, HTML), or the theme's
/// mistake. Nothing when search is off.
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    listed: &[Listed],
) -> Vec<Result<(String, String), Diagnostic>> {
    let pages = special_pages(site);
    if pages.is_empty() {
        return Vec::new();
    }
    // The header, navigation and footer need the site's context. Its own
    // findings were reported by the page render already.
    let markdown = crate::markdown::Markdown::new(
        site.config.markdown.allow_html,
        site.config.markdown.smart_punctuation,
    );
    let ctx = SiteContext::new(
        site,
        &markdown,
        &crate::render::SiteAddresses(site),
        &mut Diagnostics::default(),
        Vec::new(),
    );
    render_pages_with(site, theme, &ctx, listed)
}

/// [`render_pages`] with the build's own template context.
pub fn render_pages_with(
    site: &Site,
    theme: &Theme,
    ctx: &SiteContext,
    listed: &[Listed],
) -> Vec<Result<(String, String), Diagnostic>> {
    let pages = special_pages(site);
    if pages.is_empty() {
        return Vec::new();
    }
    let base = site.config.base_path();
    let groups = a_z_value(listed, &base);
    pages
        .into_iter()
        .map(|(template, path, title)| {
            if !theme.has(template) {
                return Err(Diagnostic::error(
                    "theme/missing-template",
                    theme.dir().join("templates").join(template),
                    format!("The theme has no `{template}` template, needed for the search page `{path}`"),
                )
                .help(format!(
                    "Add `{template}` to the theme's `templates` folder (the default theme has one), or turn search off with `search: false` in site.yaml."
                )));
            }
            let vars = ctx.special_vars(site, path, title);
            let vars = minijinja::context! { a_z => groups.clone(), ..vars };
            theme
                .render(template, vars, Path::new(template))
                .map(|html| (crate::urls::special_output_path(path), html))
        })
        .collect()
}

/// Renders the search pages into `sink` (the A–Z page lists `listed`, see
/// [`super::listed`]); the theme's mistakes go to `diags`, and the first
/// file that could not be written is the error.
pub fn write_pages(
    site: &Site,
    theme: &Theme,
    ctx: &SiteContext,
    listed: &[Listed],
    sink: &dyn crate::sink::Sink,
    diags: &mut Diagnostics,
) -> anyhow::Result<()> {
    let mut failure = None;
    for page in render_pages_with(site, theme, ctx, listed) {
        match page {
            Ok((path, html)) => {
                if let Err(e) = sink.write(&path, html.as_bytes()) {
                    failure.get_or_insert_with(|| anyhow::anyhow!("could not write {path}: {e}"));
                }
            }
            Err(d) => diags.push(d),
        }
    }
    failure.map_or(Ok(()), Err)
}

/// `a_z` in the templates: [{ kind, pages: [{ title, url, summary }] }].
fn a_z_value(listed: &[Listed], base: &str) -> Value {
    let groups: Vec<Value> = super::a_z(listed)
        .into_iter()
        .map(|g| {
            let pages: Vec<Value> = g
                .pages
                .iter()
                .map(|l| {
                    minijinja::context! {
                        title => l.title.as_str(),
                        summary => l.summary.as_str(),
                        url => format!("{base}{}", l.path.trim_start_matches('/')),
                    }
                })
                .collect();
            minijinja::context! { kind => g.kind, pages => pages }
        })
        .collect();
    Value::from(groups)
}

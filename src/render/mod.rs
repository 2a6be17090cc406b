//! Rendering: the theme's minijinja templates, filled in with the context
//! documented in the README (`site`, `page`, `section`, `nav`,
//! `breadcrumbs`, `today`), for every page of the [`Site`].

mod context;
mod templates;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use minijinja::Value;
use rayon::prelude::*;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{LinkContext, Markdown};
use crate::output::Sink;

pub use context::{SiteContext, THANKS_PATH};
pub use templates::Theme;

/// Counts of what a render wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Rendered {
    pub pages: usize,
}

/// Renders every page of `site` with `theme` into `sink`, adding mistakes to
/// `diags`. Pages are rendered in parallel and written as they are done.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> Rendered {
    let markdown = Markdown::new(site.config.markdown.allow_html);
    let pages_by_source: HashMap<String, String> = site
        .pages
        .iter()
        .map(|p| (p.source.clone(), p.path.clone()))
        .collect();
    let ctx = SiteContext::new(site, &markdown, &pages_by_source, diags);
    let found = Mutex::new(Vec::<Diagnostic>::new());

    let written: usize = (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let page = &site.pages[i];
            let links = LinkContext {
                source_dir: page.source_dir(),
                file: &page.file,
                first_line: page.body_line,
                pages: &pages_by_source,
                drafts: &site.drafts_left_out,
                base_path: &ctx.base_path,
            };
            let body = markdown.render(&page.body, &links);
            let mut local = body.diagnostics;
            let template = theme.template_for(page);
            let vars = ctx.page_vars(i, Value::from_safe_string(body.html));
            let written = match theme.render(&template, vars, &page.file) {
                Ok(html) => match sink.write(&output_path(&page.path), html.as_bytes()) {
                    Ok(()) => 1,
                    Err(e) => {
                        local.push(write_error(&page.path, &e));
                        0
                    }
                },
                Err(d) => {
                    local.push(d);
                    0
                }
            };
            if !local.is_empty() {
                found.lock().map(|mut f| f.extend(local)).ok();
            }
            written
        })
        .sum();
    diags.extend(found.into_inner().unwrap_or_default());

    let mut extra = 0;
    for (template, path, title) in ctx.special_pages() {
        if !theme.has(template) {
            diags.push(
                Diagnostic::error(
                    "theme/missing-template",
                    theme.dir().join(template),
                    format!("The theme has no `{template}` template, needed for `{path}`"),
                )
                .help(format!(
                    "Add `{template}` to the theme's `templates` folder."
                )),
            );
            continue;
        }
        let vars = ctx.special_vars(path, title);
        match theme.render(template, vars, Path::new(template)) {
            Ok(html) => match sink.write(&special_output_path(path), html.as_bytes()) {
                Ok(()) => extra += 1,
                Err(e) => diags.push(write_error(path, &e)),
            },
            Err(d) => diags.push(d),
        }
    }
    Rendered {
        pages: written + extra,
    }
}

/// `/services/x/` → `services/x/index.html`.
pub fn output_path(site_path: &str) -> String {
    format!("{}index.html", site_path.trim_start_matches('/'))
}

/// `/404.html` → `404.html`; `/feedback/thanks/` → `feedback/thanks/index.html`.
fn special_output_path(path: &str) -> String {
    if path.ends_with('/') {
        output_path(path)
    } else {
        path.trim_start_matches('/').to_string()
    }
}

fn write_error(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "output/write",
        path,
        format!("The page could not be written: {e}"),
    )
    .help("Check there is free disk space and that the output folder can be written to.")
}

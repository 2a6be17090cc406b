//! The template context's `site` variable: the settings of `site.yaml` as
//! templates see them (title, organisation, footer links, urgent help, the
//! feedback form's addresses and the feeds), made once per build.

use minijinja::Value;

use super::context::{PROBLEM_PATH, THANKS_PATH, feedback_enabled};
use crate::config::FeedbackProvider;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics, Origin};
use crate::markdown::{LinkContext, Markdown, PageAddresses};

pub(super) fn site_value(
    site: &Site,
    markdown: &Markdown,
    pages: &dyn PageAddresses,
    base_path: &str,
    diags: &mut Diagnostics,
) -> Value {
    let c = &site.config;
    let links = LinkContext {
        source_dir: "",
        file: std::path::Path::new(crate::config::CONFIG_FILE),
        origin: Origin::body(1),
        pages,
        drafts: &site.drafts_left_out,
        base_path,
    };
    let urgent_help = c.urgent_help.as_deref().map(|t| {
        let r = markdown.render(t, &links, None);
        diags.extend(r.diagnostics);
        Value::from_safe_string(r.html)
    });
    let footer_links: Vec<Value> = c
        .footer_links
        .iter()
        .map(|l| {
            minijinja::context! {
                title => l.title.as_str(),
                url => super::templates::url_with_base(base_path, &l.url),
            }
        })
        .collect();
    let thanks_url = format!("{base_path}{}", THANKS_PATH.trim_start_matches('/'));
    let enabled = feedback_enabled(site);
    if !enabled {
        diags.push(
            Diagnostic::warning(
                "config/feedback-missing",
                crate::config::CONFIG_FILE,
                "No `feedback` endpoint is set, so the rate-this-page form is left out of every page",
            )
            .help("Add `feedback:` with `endpoint: https://…` (the address of your form service) or `provider: netlify` to `site.yaml`."),
        );
    }
    let action = match (c.feedback.provider, c.feedback.endpoint.as_deref()) {
        (Some(FeedbackProvider::Netlify), _) => thanks_url.clone(),
        (None, Some(e)) => super::templates::url_with_base(base_path, e),
        (None, None) => String::new(),
    };
    minijinja::context! {
        title => c.title.as_str(),
        organisation => c.organisation.as_str(),
        description => c.description.as_str(),
        base_url => c.base_url(),
        base_path => base_path,
        language => c.language.as_str(),
        contact => Value::from(minijinja::value::Serde(&c.contact)),
        footer_links => footer_links,
        urgent_help => urgent_help,
        feedback => minijinja::context! {
            enabled => enabled,
            action => action,
            provider => c.feedback.provider.map(|_| "netlify"),
            thanks_url => thanks_url,
            problem_url => format!("{base_path}{}", PROBLEM_PATH.trim_start_matches('/')),
        },
        generator => concat!("Signpost ", env!("CARGO_PKG_VERSION")),
        feeds => site
            .feeds()
            .into_iter()
            .map(|f| minijinja::context! { title => f.title, url => format!("{base_path}{}", f.path) })
            .collect::<Vec<_>>(),
    }
}

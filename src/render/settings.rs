//! Links set in `site.yaml`, checked where they are written: `nav` entries
//! (content files or section folders) and `footer_links` addresses. A
//! mistake in one is reported at its line of `site.yaml`, never blamed on
//! the theme that shows it.

use std::sync::Arc;

use super::links::SettingsLink;
use crate::config::CONFIG_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::urls::path_for_source;

/// The `footer_links` as the theme writes them, each with its line in
/// `site.yaml` and, for a page left out of this build, why; the link checks
/// report a broken one there.
pub fn footer_links(site: &Site, base_path: &str) -> Arc<[SettingsLink]> {
    let text = &site.config.source;
    let mut from = 0;
    let mut out = Vec::new();
    for l in &site.config.footer_links {
        let line = url_line(text, &l.url, from);
        from = line.unwrap_or(from);
        let path = l
            .url
            .split(['#', '?'])
            .next()
            .unwrap_or_default()
            .trim_start_matches(base_path)
            .trim_matches('/');
        let left_out = site
            .held_back
            .iter()
            .find(|(source, _)| path_for_source(source).trim_matches('/') == path)
            .map(|(_, (_, why))| why.clone());
        out.push(SettingsLink {
            url: super::templates::url_with_base(base_path, &l.url),
            written: l.url.clone(),
            field: "footer_links",
            line,
            left_out,
        });
    }
    Arc::from(out)
}

/// The 1-based line, after line `from`, of the `url:` of a footer link
/// with this address.
fn url_line(text: &str, url: &str, from: usize) -> Option<usize> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty() {
            inside = line.starts_with("footer_links:");
            continue;
        }
        if !inside || i < from {
            continue;
        }
        let t = line.trim_start().trim_start_matches('-').trim_start();
        if let Some(v) = t.strip_prefix("url:") {
            let v = v
                .split(" #")
                .next()
                .unwrap_or(v)
                .trim()
                .trim_matches(['"', '\'']);
            if v == url {
                return Some(i + 1);
            }
        }
    }
    None
}

/// What a `nav:` entry can be, with examples from this site (never a
/// folder the site does not have).
fn nav_examples(site: &Site) -> String {
    let top = |section: bool| {
        site.pages
            .iter()
            .filter(|p| &*p.source != "_index.md" && p.is_section == section)
            .map(|p| p.source.trim_end_matches("/_index.md"))
            .find(|s| !s.contains('/'))
    };
    let file = top(false).map_or(String::new(), |f| format!(" (such as `{f}`)"));
    let folder = top(true).map_or(String::new(), |f| format!(" (such as `{f}`)"));
    format!("Use a file under `content/`{file} or a section folder{folder}.")
}

/// `nav:` entries in `site.yaml` → page indices; unknown entries are errors.
pub fn resolve_nav(site: &Site, diags: &mut Diagnostics) -> Vec<usize> {
    let mut out = Vec::new();
    let text = &site.config.source;
    for entry in &site.config.nav {
        let e = entry.trim().trim_matches('/');
        let candidates = if e.is_empty() || e == "_index.md" {
            vec!["_index.md".to_string()]
        } else if e.ends_with(".md") {
            vec![e.to_string()]
        } else {
            vec![format!("{e}/_index.md"), format!("{e}.md")]
        };
        if candidates.iter().any(|c| site.failed.contains(c)) {
            // That page has mistakes of its own, already reported.
            continue;
        }
        let line = text
            .lines()
            .position(|l| l.trim_start().trim_start_matches('-').trim() == entry.as_str())
            .map(|i| i + 1);
        if let Some(why) = candidates
            .iter()
            .find_map(|c| site.held_back.get(c).map(|(_, why)| why))
        {
            diags.push(
                Diagnostic::error(
                    "link/to-draft",
                    CONFIG_FILE,
                    format!("The navigation lists `{entry}`, a page that {why}"),
                )
                .at_line(line)
                .field("nav")
                .help("Pages left out are not in the built site: publish that page, or remove it from `nav` until it is."),
            );
            continue;
        }
        match candidates
            .iter()
            .find_map(|c| site.by_source.get(c.as_str()))
        {
            Some(&i) => out.push(i),
            None => {
                let known: Vec<String> = site
                    .pages
                    .iter()
                    .map(|p| {
                        p.source
                            .strip_suffix("/_index.md")
                            .unwrap_or(&p.source)
                            .to_string()
                    })
                    .collect();
                let folder = site.root.join(crate::content::CONTENT_DIR).join(e);
                let (message, help) = if !e.ends_with(".md") && folder.is_dir() {
                    (
                        format!(
                            "The navigation lists `{entry}`, but the folder `{e}` has no `_index.md`: add one (see README, \"The site folder\")"
                        ),
                        format!(
                            "Create `content/{e}/_index.md` with a `title:` and a `summary:`: it is the section's own page, which lists the pages in the folder. `signpost new` writes one when it adds the first page to a section."
                        ),
                    )
                } else {
                    let help =
                        match crate::diagnostics::did_you_mean(e, known.iter().map(String::as_str))
                        {
                            Some(s) => format!("Did you mean `{s}`?"),
                            None => nav_examples(site),
                        };
                    (
                        format!("The navigation lists `{entry}`, but there is no such page"),
                        help,
                    )
                };
                diags.push(
                    Diagnostic::error("config/nav-missing", CONFIG_FILE, message)
                        .at_line(line)
                        .field("nav")
                        .help(help),
                );
            }
        }
    }
    out
}

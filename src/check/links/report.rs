//! The link findings put together from each page's problems, in page
//! order: a finding from a page's markdown is that page's, one from a
//! setting in `site.yaml` is reported once, at the setting, and one from the
//! theme once for all the pages it is on.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Problem;
use crate::diagnostics::Diagnostic;
use crate::render::links::{MdLink, PageLinks, SettingsLink};

/// The findings of `pages` (each with its problems, see
/// [`super::page_problems`]), in the order a check of them all makes them.
pub fn assemble<'a, I>(pages: I) -> Vec<Diagnostic>
where
    I: Iterator<Item = (&'a PageLinks, &'a [(Arc<str>, Problem)])> + Clone,
{
    let mut out = Vec::new();
    // Theme findings: (problem, address) → pages it is on.
    let mut theme: BTreeMap<(String, String), Vec<&PageLinks>> = BTreeMap::new();
    // Every page shares one list (pages made without it, such as 404.html,
    // show the same footer).
    let settings_links = pages
        .clone()
        .map(|(p, _)| p)
        .find(|p| !p.settings_links.is_empty())
        .map_or_else(|| Arc::from(Vec::new()), |p| p.settings_links.clone());
    // Findings about links set in site.yaml: reported once, at the setting.
    let mut settings: BTreeMap<(Option<usize>, String), (&SettingsLink, &Problem)> =
        BTreeMap::new();
    for (page, found) in pages {
        for (r, problem) in found {
            let r: &str = r;
            if let Some(s) = settings_links.iter().find(|s| s.url == *r) {
                settings
                    .entry((s.line, s.url.clone()))
                    .or_insert((s, problem));
                continue;
            }
            match markdown_origin(page, r) {
                Some(at) => out.push(markdown_finding(problem, r, page, at)),
                None => theme
                    .entry((problem.code().to_string(), r.to_string()))
                    .or_default()
                    .push(page),
            }
        }
    }
    out.extend(settings.into_values().map(|(s, p)| settings_finding(s, p)));
    for ((code, r), on) in theme {
        let first = on[0];
        let more = match on.len() {
            1 => String::new(),
            n => format!(" (and {} other pages)", n - 1),
        };
        let (code, what) = if code == "link/fragment" {
            ("link/fragment", "a part of a page that does not exist")
        } else {
            (
                "link/broken",
                "an address that is not a page or file of the site",
            )
        };
        out.push(
            Diagnostic::error(
                code,
                &first.file,
                format!("The theme links to `{r}`, {what}, on this page{more}"),
            )
            .help("The link is in a template, not in the page's text: ask whoever looks after the theme, quoting this message."),
        );
    }
    out
}

/// Where in the markdown an address of the HTML was written, if it was.
/// comrak percent-encodes addresses (but keeps `%` escapes already there), so
/// compare them decoded.
fn markdown_origin<'a>(page: &'a PageLinks, r: &str) -> Option<&'a MdLink> {
    // comrak also writes NUL as U+FFFD.
    let decode = |s: &str| {
        crate::urls::percent_decode(s)
            .unwrap_or_else(|| s.to_string())
            .replace('\0', "\u{fffd}")
    };
    page.md_links.iter().find(|l| &*l.url == r).or_else(|| {
        let want = decode(r);
        page.md_links.iter().find(|l| decode(&l.url) == want)
    })
}

fn markdown_finding(problem: &Problem, r: &str, page: &PageLinks, at: &MdLink) -> Diagnostic {
    let d = match problem {
        Problem::Missing => Diagnostic::error(
            "link/broken",
            &page.file,
            format!("This links to `{r}`, which is not a page or file of the site"),
        )
        .help("Link to the page's `.md` file (e.g. `../services/crisis.md`), or put the file in `static/` or beside this page."),
        Problem::Fragment(f, near) => Diagnostic::error(
            "link/fragment",
            &page.file,
            format!("This links to `{r}`, but that page has no part with the id `{f}`"),
        )
        .help(fragment_help(near.as_deref())),
        Problem::OutsideBase => Diagnostic::error(
            "link/broken",
            &page.file,
            format!("This links to `{r}`, which is outside the site's address"),
        )
        .help("Link to the page's `.md` file instead, so the address is right wherever the site is published."),
    };
    d.at(at.line, at.column)
}

fn settings_finding(s: &SettingsLink, problem: &Problem) -> Diagnostic {
    let file = crate::config::CONFIG_FILE;
    let w = &s.written;
    let d = match (problem, &s.left_out) {
        (Problem::Missing, Some(why)) => Diagnostic::error(
            "link/to-draft",
            file,
            format!("`{}` links to `{w}`, a page that {why}", s.field),
        )
        .help(format!("Pages left out are not in the built site: publish that page, or remove this link from `{}` until it is.", s.field)),
        (Problem::Missing, None) => Diagnostic::error(
            "link/broken",
            file,
            format!("`{}` links to `{w}`, which is not a page or file of the site", s.field),
        )
        .help("Write the address of a page from the site's root, such as `/contact/`, or a full address starting with https://."),
        (Problem::Fragment(f, near), _) => Diagnostic::error(
            "link/fragment",
            file,
            format!("`{}` links to `{w}`, but that page has no part with the id `{f}`", s.field),
        )
        .help(fragment_help(near.as_deref())),
        (Problem::OutsideBase, _) => Diagnostic::error(
            "link/broken",
            file,
            format!("`{}` links to `{w}`, which is outside the site's address", s.field),
        )
        .help("Write the address from the site's root, such as `/contact/`: Signpost adds the rest of `base_url`."),
    };
    d.at_line(s.line).field(s.field)
}

fn fragment_help(near: Option<&str>) -> String {
    match near {
        Some(id) => format!(
            "That page has a part with the id `{id}`: a heading gets a number added to its id when a heading before it, or a part of the theme such as the feedback form, has the same words. Link to `#{id}` if that is the heading you mean."
        ),
        None => "Use the id of a heading on that page: `## Learning outcomes` has the id `learning-outcomes`.".to_string(),
    }
}

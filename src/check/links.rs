//! Link checks over the rendered pages, so links in templates count too:
//! every internal `href` and `src` must lead to a page or file of the site,
//! and every `#part` to an `id` on that page. A finding that comes from a
//! page's markdown points at its line there; one from a setting in
//! `site.yaml` (`footer_links`) at that setting's line; one from the theme is
//! reported once for all the pages that share it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::links::{MdLink, PageIds, PageLinks, SettingsLink};

/// Checks every internal link of `pages` against the output files `keys`.
pub fn check(pages: &[&PageLinks], keys: &HashSet<&str>, base_path: &str) -> Vec<Diagnostic> {
    let built = Built {
        keys,
        ids: pages.iter().map(|p| (&*p.key, &p.ids)).collect(),
    };
    let mut out = Vec::new();
    // Theme findings: (problem, address) → pages it is on.
    let mut theme: BTreeMap<(String, String), Vec<&PageLinks>> = BTreeMap::new();
    let pages = pages.iter().copied();
    // Every page shares one list (pages made without it, such as 404.html,
    // show the same footer).
    let settings_links = pages
        .clone()
        .find(|p| !p.settings_links.is_empty())
        .map_or_else(|| Arc::from(Vec::new()), |p| p.settings_links.clone());
    // Findings about links set in site.yaml: reported once, at the setting.
    let mut settings: BTreeMap<(Option<usize>, String), (&SettingsLink, Problem)> = BTreeMap::new();
    // What is wrong with each page's links, worked out on every core (a
    // structural edit in the preview checks every page of the site again);
    // then put together in page order, as one pass over them would.
    let problems: Vec<Vec<(&str, Problem)>> = pages
        .clone()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map_init(HashMap::new, |rooted, page| {
            page.refs
                .iter()
                .filter_map(|r| {
                    let r: &str = r;
                    // Addresses from the site root (the navigation, the
                    // header and footer on every page) mean the same on
                    // every page: work each out once a thread.
                    let problem = if r.starts_with('/') {
                        rooted
                            .entry(r)
                            .or_insert_with(|| problem_with(r, page, &built, &built, base_path))
                            .clone()
                    } else {
                        problem_with(r, page, &built, &built, base_path)
                    };
                    problem.map(|p| (r, p))
                })
                .collect()
        })
        .collect();
    for (page, found) in pages.zip(problems) {
        for (r, problem) in found {
            if let Some(s) = settings_links.iter().find(|s| s.url == *r) {
                settings
                    .entry((s.line, s.url.clone()))
                    .or_insert((s, problem));
                continue;
            }
            match markdown_origin(page, r) {
                Some(at) => out.push(markdown_finding(&problem, r, page, at)),
                None => theme
                    .entry((problem.code().to_string(), r.to_string()))
                    .or_default()
                    .push(page),
            }
        }
    }
    out.extend(settings.into_values().map(|(s, p)| settings_finding(s, &p)));
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

/// What the link checks need to know about the built site.
pub trait Outputs {
    /// Whether this output path exists.
    fn has(&self, key: &str) -> bool;
    /// The ids of the page at this output path.
    fn ids(&self, key: &str) -> Option<&PageIds>;
}

struct Built<'a> {
    keys: &'a HashSet<&'a str>,
    ids: HashMap<&'a str, &'a PageIds>,
}

impl Outputs for Built<'_> {
    fn has(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    fn ids(&self, key: &str) -> Option<&PageIds> {
        self.ids.get(key).copied()
    }
}

/// The findings for the links written in one page's markdown only (theme
/// links are left out): after an edit that changed only that page's text.
pub fn check_markdown(page: &PageLinks, site: &dyn Outputs, base_path: &str) -> Vec<Diagnostic> {
    let keys = site;
    let ids = site;
    let mut out = Vec::new();
    for r in page.refs.iter() {
        if let Some(at) = markdown_origin(page, r)
            && let Some(problem) = problem_with(r, page, keys, ids, base_path)
        {
            out.push(markdown_finding(&problem, r, page, at));
        }
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

#[derive(Clone)]
enum Problem {
    Missing,
    /// The part asked for, and an id of that page it may have meant.
    Fragment(String, Option<String>),
    OutsideBase,
}

impl Problem {
    fn code(&self) -> &'static str {
        match self {
            Problem::Fragment(..) => "link/fragment",
            _ => "link/broken",
        }
    }
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

/// What is wrong with one address on `page`, if anything.
fn problem_with(
    r: &str,
    page: &PageLinks,
    keys: &dyn Outputs,
    ids: &dyn Outputs,
    base_path: &str,
) -> Option<Problem> {
    if r.is_empty() || crate::urls::is_external(r) {
        return None;
    }
    // A link to a `.md` file that was not turned into an address has been
    // reported already (missing page, or draft).
    if r.split(['#', '?'])
        .next()
        .is_some_and(|p| p.ends_with(".md"))
    {
        return None;
    }
    let (path, fragment) = match r.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (r, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        page.key.to_string()
    } else {
        let rel = if let Some(rooted) = path.strip_prefix('/') {
            let base = base_path.trim_start_matches('/');
            if path.starts_with("/__signpost/") {
                return None;
            }
            match rooted.strip_prefix(base) {
                Some(rest) => rest.to_string(),
                None => return Some(Problem::OutsideBase),
            }
        } else {
            crate::urls::join_path(page.key.rsplit_once('/').map_or("", |(d, _)| d), path)?
        };
        let rel = crate::urls::percent_decode(&rel).unwrap_or(rel);
        let candidates = if rel.is_empty() || rel.ends_with('/') {
            vec![format!("{rel}index.html")]
        } else {
            vec![rel.clone(), format!("{rel}/index.html")]
        };
        match candidates.into_iter().find(|k| keys.has(k)) {
            Some(k) => k,
            None => return Some(Problem::Missing),
        }
    };
    match fragment {
        Some(f) if !f.is_empty() && target.ends_with(".html") => {
            let set = ids.ids(target.as_str());
            let has = set.is_some_and(|set| set.contains(f));
            (!has).then(|| Problem::Fragment(f.to_string(), set.and_then(|s| numbered(s, f))))
        }
        _ => None,
    }
}

/// The page's `part-1`, `part-2` … for a missing `part`: the ids a heading
/// gets when its words are those of another heading or of a block of the
/// theme (`## How to apply` on a vacancy is `how-to-apply-1`).
fn numbered(ids: &PageIds, f: &str) -> Option<String> {
    // Numbers go up from 1, one for each heading with the same words, so
    // a page has no more of them than it has ids.
    (1..=ids.len())
        .map(|n| format!("{f}-{n}"))
        .find(|id| ids.contains(id))
}

fn fragment_help(near: Option<&str>) -> String {
    match near {
        Some(id) => format!(
            "That page has a part with the id `{id}`: a heading gets a number added to its id when a heading before it, or a part of the theme such as the feedback form, has the same words. Link to `#{id}` if that is the heading you mean."
        ),
        None => "Use the id of a heading on that page: `## Learning outcomes` has the id `learning-outcomes`.".to_string(),
    }
}

#[cfg(test)]
mod tests;

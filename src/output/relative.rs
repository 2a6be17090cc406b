//! Relative URLs, so that the built folder works opened straight from disk
//! (or from any folder of a host): every link to a page or file the build
//! wrote becomes a path relative to the page it is on, and links to folders
//! name their `index.html`, which a browser reading files does not add.
//!
//! It is a last pass over the finished folder, so it knows every file that
//! exists and leaves any other address as it was: the form's endpoint, a
//! page of the main website that shares the address, a typing mistake.
//! Pages are parsed with lol_html, which reads HTML as browsers do.
//! Canonical links stay absolute (search engines need them so), actions of
//! forms that post stay as they are (they need a server anyway), while a
//! form that gets a page (the search box) leads to it relatively; `404.html`
//! keeps links from the site's root, as hosts show it at any address.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

use lol_html::html_content::Element;
use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;
use walkdir::WalkDir;

/// Attributes that hold one URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "data"];

/// The site's address, for telling its own links from others.
#[derive(Debug, Clone)]
pub struct SiteUrls {
    /// `https://example.org/peer-support/`
    pub base_url: String,
    /// `/peer-support/`
    pub base_path: String,
}

impl SiteUrls {
    pub fn new(base_url: &str, base_path: &str) -> SiteUrls {
        let slash = |s: &str| {
            if s.ends_with('/') {
                s.to_string()
            } else {
                format!("{s}/")
            }
        };
        SiteUrls {
            base_url: slash(base_url),
            base_path: slash(base_path),
        }
    }

    /// `url` as seen from the page written at `page` (`services/x/index.html`),
    /// or `None` when it is not a link to a file in `files`.
    pub fn relative(&self, url: &str, page: &str, files: &HashSet<String>) -> Option<String> {
        let inside = if url.starts_with('/') && !url.starts_with("//") {
            inside_of(url, &self.base_path)?
        } else {
            inside_of(url, &self.base_url)?
        };
        let split = inside.find(['?', '#']).unwrap_or(inside.len());
        let (path, suffix) = inside.split_at(split);
        let exists = |p: &str| {
            files.contains(p) || crate::urls::percent_decode(p).is_some_and(|d| files.contains(&d))
        };
        let target = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else if exists(path) {
            path.to_string()
        } else {
            format!("{path}/index.html")
        };
        if !exists(&target) {
            return None;
        }
        let depth = page.matches('/').count();
        // `a:b.png` would read as an address with the scheme `a:`.
        let dot = if depth == 0 && target.split('/').next().is_some_and(|s| s.contains(':')) {
            "./"
        } else {
            ""
        };
        Some(format!("{dot}{}{target}{suffix}", "../".repeat(depth)))
    }
}

/// What follows `base` (which ends in `/`) in `url`: `base` itself may be
/// written without its last `/`, as in `/peer-support?x=1`.
fn inside_of<'u>(url: &'u str, base: &str) -> Option<&'u str> {
    if let Some(rest) = url.strip_prefix(base) {
        return Some(rest);
    }
    let bare = base.strip_suffix('/')?;
    let rest = url.strip_prefix(bare)?;
    (rest.is_empty() || rest.starts_with(['?', '#'])).then_some(rest)
}

/// Makes the links of every page in `dir` relative. Returns how many pages
/// were rewritten.
pub fn rewrite_folder(dir: &Path, urls: &SiteUrls) -> io::Result<usize> {
    let mut files = HashSet::new();
    for entry in WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file()
            && let Ok(rel) = entry.path().strip_prefix(dir)
        {
            files.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    let pages: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with(".html") && f.as_str() != "404.html")
        .collect();
    pages.par_iter().try_for_each(|page| {
        let path = dir.join(page.as_str());
        let html = rewrite(&fs::read(&path)?, page, urls, &files)
            .map_err(|e| io::Error::other(format!("could not rewrite {page}: {e}")))?;
        fs::write(&path, html)
    })?;
    Ok(pages.len())
}

/// The page at `page` with its links to `files` made relative.
pub fn rewrite(
    html: &[u8],
    page: &str,
    urls: &SiteUrls,
    files: &HashSet<String>,
) -> Result<Vec<u8>, String> {
    let out = RefCell::new(Vec::with_capacity(html.len()));
    // A page with `<base href>` resolves its links from there, not from
    // where it is; it is left as it was.
    let has_base = std::cell::Cell::new(false);
    let relative = |url: &str| urls.relative(url.trim(), page, files);
    let change = |el: &mut Element, attr: &str| {
        if let Some(value) = el.get_attribute(attr)
            && let Some(new) = relative(&value)
        {
            // The attribute names are fixed and valid.
            let _ = el.set_attribute(attr, &new);
        }
    };
    let settings = Settings::new()
        .append_element_content_handler(element!("base[href]", |_| {
            has_base.set(true);
            Ok(())
        }))
        .append_element_content_handler(element!("*", |el| {
            let canonical = el.tag_name() == "link"
                && el
                    .get_attribute("rel")
                    .is_some_and(|r| r.split_ascii_whitespace().any(|w| w == "canonical"));
            if canonical {
                return Ok(());
            }
            for attr in URL_ATTRIBUTES {
                change(el, attr);
            }
            let gets = el.tag_name() == "form"
                && el
                    .get_attribute("method")
                    .is_some_and(|m| m.eq_ignore_ascii_case("get"));
            if gets {
                change(el, "action");
                change(el, "data-search-url");
            }
            if let Some(srcset) = el.get_attribute("srcset")
                && let Some(new) = rewrite_srcset(&srcset, &relative)
            {
                let _ = el.set_attribute("srcset", &new);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("meta[http-equiv]", |el| {
            let refresh = el
                .get_attribute("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
            if let (true, Some(content)) = (refresh, el.get_attribute("content"))
                && let Some(new) = rewrite_refresh(&content, &relative)
            {
                let _ = el.set_attribute("content", &new);
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| {
        out.borrow_mut().extend_from_slice(chunk)
    });
    rewriter.write(html).map_err(|e| e.to_string())?;
    rewriter.end().map_err(|e| e.to_string())?;
    if has_base.get() {
        return Ok(html.to_vec());
    }
    Ok(out.into_inner())
}

/// `0; url=/x/` (or `URL='/x/'`) with its address changed, if it changes.
fn rewrite_refresh(content: &str, relative: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let at = content.to_ascii_lowercase().find("url=")? + 4;
    let value = content[at..].trim();
    let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"');
    let url = match quote {
        Some(q) => value[1..].trim_end_matches(q),
        None => value,
    };
    let new = relative(url)?;
    Some(format!("{}{new}", &content[..at]))
}

/// `a.png 1x, b.png 2x` with each URL changed, read as the HTML standard
/// says (a URL runs to whitespace, so it may hold commas); `None` if no URL
/// changed.
fn rewrite_srcset(srcset: &str, relative: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(srcset.len());
    let mut changed = false;
    let mut rest = srcset;
    loop {
        let start = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',')
                .len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.is_empty() {
            break;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let mut url = &rest[..url_end];
        // A URL ending in commas ends the candidate there.
        let trailing = url.len() - url.trim_end_matches(',').len();
        url = &url[..url.len() - trailing];
        match relative(url) {
            Some(new) => {
                out.push_str(&new);
                changed = true;
            }
            None => out.push_str(url),
        }
        rest = &rest[url.len()..];
        if trailing == 0 {
            // Descriptors, up to the comma that ends the candidate.
            let end = rest.find(',').map_or(rest.len(), |c| c + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> SiteUrls {
        SiteUrls::new("https://example.org/peer-support", "/peer-support/")
    }

    fn files() -> HashSet<String> {
        [
            "index.html",
            "team/index.html",
            "services/x/index.html",
            "css/site.css",
            "i.png",
            "j.png",
            "café.png",
            "a:b.png",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn rel(url: &str, page: &str) -> Option<String> {
        urls().relative(url, page, &files())
    }

    #[test]
    fn links_to_built_files_become_relative_to_the_page() {
        let page = "services/x/index.html";
        for (url, want) in [
            ("/peer-support/team/", "../../team/index.html"),
            ("/peer-support/team", "../../team/index.html"),
            ("/peer-support/", "../../index.html"),
            ("/peer-support", "../../index.html"),
            ("/peer-support?x=1", "../../index.html?x=1"),
            ("/peer-support#top", "../../index.html#top"),
            ("https://example.org/peer-support", "../../index.html"),
            (
                "https://example.org/peer-support/team/#jo",
                "../../team/index.html#jo",
            ),
            ("/peer-support/caf%C3%A9.png", "../../caf%C3%A9.png"),
        ] {
            assert_eq!(rel(url, page).as_deref(), Some(want), "{url}");
        }
        assert_eq!(
            rel(
                "https://example.org/peer-support/css/site.css?v=1",
                "index.html"
            )
            .as_deref(),
            Some("css/site.css?v=1")
        );
        // Not `a:b.png`, which would be an address with the scheme `a:`.
        assert_eq!(
            rel("/peer-support/a:b.png", "index.html").as_deref(),
            Some("./a:b.png")
        );
    }

    #[test]
    fn other_links_are_left_alone() {
        for url in [
            "#top",
            "mailto:a@example.org",
            "https://www.nhs.uk/",
            "//cdn.example.org/x.js",
            "/elsewhere/",
            "/peer-supported/",
            "../sibling/",
            "https://example.org/peer-support/feedback",
            "/peer-support/jobs/",
        ] {
            assert_eq!(rel(url, "team/index.html"), None, "{url}");
        }
    }

    #[test]
    fn pages_are_rewritten_but_canonical_links_and_forms_are_not() {
        let html = br#"<link rel="canonical" href="https://example.org/peer-support/team/"><meta http-equiv="refresh" content="0; URL='https://example.org/peer-support/team/'"><a href="/peer-support/team/">t</a><form action="/peer-support/team/"></form><img src="/peer-support/i.png" srcset="/peer-support/i.png 1x, /peer-support/j.png 2x" alt="i"><img srcset="https://cdn.example.org/w_400,h_300/a.jpg 1x,data:image/gif;base64,R0lG 2x" alt="">"#;
        let out = rewrite(html, "team/index.html", &urls(), &files()).unwrap_or_default();
        let out = String::from_utf8_lossy(&out);
        for want in [
            r#"href="https://example.org/peer-support/team/""#,
            r#"content="0; URL=../team/index.html""#,
            r#"<a href="../team/index.html">"#,
            r#"action="/peer-support/team/""#,
            r#"srcset="../i.png 1x, ../j.png 2x""#,
            r#"srcset="https://cdn.example.org/w_400,h_300/a.jpg 1x,data:image/gif;base64,R0lG 2x""#,
        ] {
            assert!(out.contains(want), "{want} not in {out}");
        }
    }

    #[test]
    fn a_form_that_gets_a_page_leads_to_it_relatively() {
        let html = br#"<form role="search" action="/peer-support/team/" method="GET" data-search-url="/peer-support/team/"></form>"#;
        let out = rewrite(html, "team/index.html", &urls(), &files()).unwrap_or_default();
        let out = String::from_utf8_lossy(&out);
        assert!(
            out.contains(r#"action="../team/index.html""#)
                && out.contains(r#"data-search-url="../team/index.html""#),
            "{out}"
        );
    }

    #[test]
    fn a_page_with_a_base_address_is_left_as_it_was() {
        let html = br#"<base href="/peer-support/"><a href="/peer-support/team/">t</a>"#;
        let out = rewrite(html, "team/index.html", &urls(), &files()).unwrap_or_default();
        assert_eq!(out, html.to_vec());
    }

    #[test]
    fn srcset_candidates_are_read_as_browsers_read_them() {
        let change = |u: &str| u.strip_prefix('/').map(|r| format!("./{r}"));
        assert_eq!(
            rewrite_srcset("/a.png 1x,/b,c.png 2x, /d.png,/e.png", &change).as_deref(),
            Some("./a.png 1x,./b,c.png 2x, ./d.png,/e.png")
        );
        assert_eq!(rewrite_srcset("x.png 1x", &change), None);
    }
}

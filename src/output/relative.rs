//! Relative URLs, so that the built folder works opened straight from disk
//! (or from any folder of a host): every link to a page or file of the site
//! becomes a path relative to the page it is on, and links to folders name
//! their `index.html`, which a browser reading files does not add by itself.
//!
//! Runs over each finished page with lol_html, an HTML rewriter that parses
//! as browsers do, so attributes are found wherever a template or markdown
//! put them. Canonical links stay absolute: search engines need them so.

use std::cell::RefCell;

use lol_html::html_content::Element;
use lol_html::{HtmlRewriter, Settings, element};

/// Attributes that hold one URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "poster", "data", "formaction"];

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
        let mut base_url = base_url.to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        SiteUrls {
            base_url,
            base_path: base_path.to_string(),
        }
    }

    /// `url` as seen from the page written at `page` (`services/x/index.html`),
    /// or `None` when it is not a link into the site that needs changing.
    pub fn relative(&self, url: &str, page: &str) -> Option<String> {
        let inside = if let Some(rest) = url.strip_prefix(&self.base_url) {
            rest
        } else if url.starts_with('/') && !url.starts_with("//") {
            match url.strip_prefix(&self.base_path) {
                Some(rest) => rest,
                // `/peer-support` for the home page at `/peer-support/`.
                None if self.base_path.strip_suffix('/') == Some(url) => "",
                None => return None,
            }
        } else {
            return None;
        };
        let split = inside.find(['?', '#']).unwrap_or(inside.len());
        let (path, suffix) = inside.split_at(split);
        let mut target = path.to_string();
        if target.is_empty() || target.ends_with('/') {
            target.push_str("index.html");
        }
        let depth = page.matches('/').count();
        Some(format!("{}{target}{suffix}", "../".repeat(depth)))
    }
}

/// The page at `page` with its links to the site made relative.
pub fn rewrite(html: &[u8], page: &str, urls: &SiteUrls) -> Result<Vec<u8>, String> {
    let out = RefCell::new(Vec::with_capacity(html.len()));
    let change = |el: &mut Element, attr: &str| {
        if let Some(value) = el.get_attribute(attr)
            && let Some(new) = urls.relative(&value, page)
        {
            // Attribute names and values here are always valid.
            let _ = el.set_attribute(attr, &new);
        }
    };
    let settings = Settings::new()
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
            if let Some(srcset) = el.get_attribute("srcset") {
                let _ = el.set_attribute("srcset", &rewrite_srcset(&srcset, page, urls));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("meta[http-equiv]", |el| {
            let refresh = el
                .get_attribute("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
            if let (true, Some(content)) = (refresh, el.get_attribute("content"))
                && let Some(at) = content.to_ascii_lowercase().find("url=")
                && let Some(new) = urls.relative(content[at + 4..].trim(), page)
            {
                let _ = el.set_attribute("content", &format!("{}{new}", &content[..at + 4]));
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| {
        out.borrow_mut().extend_from_slice(chunk)
    });
    rewriter.write(html).map_err(|e| e.to_string())?;
    rewriter.end().map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// `a.png 1x, b.png 2x` with each URL made relative.
fn rewrite_srcset(srcset: &str, page: &str, urls: &SiteUrls) -> String {
    srcset
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = candidate
                .split_once(char::is_whitespace)
                .unwrap_or((candidate, ""));
            let url = urls.relative(url, page).unwrap_or_else(|| url.to_string());
            if descriptor.is_empty() {
                url
            } else {
                format!("{url} {}", descriptor.trim())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> SiteUrls {
        SiteUrls::new("https://example.org/peer-support/", "/peer-support/")
    }

    #[test]
    fn links_into_the_site_become_relative_to_the_page() {
        let u = urls();
        let page = "services/x/index.html";
        assert_eq!(
            u.relative("/peer-support/team/", page).as_deref(),
            Some("../../team/index.html")
        );
        assert_eq!(
            u.relative("/peer-support/", page).as_deref(),
            Some("../../index.html")
        );
        assert_eq!(
            u.relative("/peer-support", page).as_deref(),
            Some("../../index.html")
        );
        assert_eq!(
            u.relative(
                "https://example.org/peer-support/css/site.css?v=1",
                "index.html"
            )
            .as_deref(),
            Some("css/site.css?v=1")
        );
        assert_eq!(
            u.relative("/peer-support/team/#jo", "team/index.html")
                .as_deref(),
            Some("../team/index.html#jo")
        );
    }

    #[test]
    fn other_links_are_left_alone() {
        let u = urls();
        for url in [
            "#top",
            "mailto:a@example.org",
            "https://www.nhs.uk/",
            "//cdn.example.org/x.js",
            "/elsewhere/",
            "/peer-supported/",
            "../sibling/",
        ] {
            assert_eq!(u.relative(url, "a/index.html"), None, "{url}");
        }
    }

    #[test]
    fn pages_are_rewritten_but_canonical_links_are_not() {
        let html = br#"<link rel="canonical" href="https://example.org/peer-support/a/"><meta http-equiv="refresh" content="0; url=https://example.org/peer-support/b/"><a href="/peer-support/b/">b</a><img src="/peer-support/i.png" srcset="/peer-support/i.png 1x, /peer-support/j.png 2x" alt="i">"#;
        let out = rewrite(html, "a/index.html", &urls()).unwrap_or_default();
        let out = String::from_utf8_lossy(&out);
        assert!(
            out.contains(r#"href="https://example.org/peer-support/a/""#),
            "{out}"
        );
        assert!(out.contains(r#"content="0; url=../b/index.html""#), "{out}");
        assert!(out.contains(r#"<a href="../b/index.html">"#), "{out}");
        assert!(
            out.contains(r#"srcset="../i.png 1x, ../j.png 2x""#),
            "{out}"
        );
    }
}

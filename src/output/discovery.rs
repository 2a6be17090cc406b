//! What search engines and feed readers read: `sitemap.xml`, `robots.txt`,
//! Atom feeds of open vacancies and of site updates, and the redirect pages
//! that keep old addresses (`aliases:`) working.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use jiff::civil::Date;

use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;

/// Escapes text for XML and HTML attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Titles and summaries as the pages show them (smart punctuation).
fn typeset(site: &Site, text: &str) -> String {
    crate::render::typeset(site.config.markdown.smart_punctuation, text)
}

fn permalink(site: &Site, page: &Page) -> String {
    site.config.absolute_url(&page.path)
}

/// Pages that search engines, feeds and site search should know about
/// (see [`Site::listed`]).
pub fn listed(site: &Site) -> impl Iterator<Item = &Page> {
    site.listed()
}

/// The date a page last changed, as far as its front matter says.
fn updated(page: &Page) -> Option<Date> {
    let posted = page
        .kind
        .published_on
        .as_deref()
        .filter(|_| !page.is_section)
        .and_then(|f| page.date(f));
    [page.common.last_reviewed, page.common.publish_date, posted]
        .into_iter()
        .flatten()
        .max()
}

/// `sitemap.xml`: every published page, with `lastmod` where known.
pub fn sitemap(site: &Site, entries: &mut Entries) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut pages: Vec<&Page> = listed(site).collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    for p in pages {
        entries.add(&mut s, &p.source, None, || {
            let mut s = String::from("  <url>\n    <loc>");
            s.push_str(&xml_escape(&permalink(site, p)));
            s.push_str("</loc>\n");
            if let Some(d) = updated(p) {
                s.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
            }
            s.push_str("  </url>\n");
            s
        });
    }
    s.push_str("</urlset>\n");
    s
}

/// Each page's entries in the sitemap and the feeds, kept between edits
/// by the preview. An entry shows its own page only (and `site.yaml` and
/// the build's date, which stay the same for a build), so after an edit
/// only the changed pages' entries are made again. A one-off build keeps
/// none.
#[derive(Debug, Default)]
pub struct Entries {
    keep: bool,
    /// Source path → (feed entry's date, or `None` in the sitemap; text).
    made: FxHashMap<String, Vec<(Option<Date>, String)>>,
}

impl Entries {
    /// Entries that are kept between builds.
    pub fn kept() -> Entries {
        Entries {
            keep: true,
            made: FxHashMap::default(),
        }
    }

    /// Forgets what was made of the page at `source`, which has changed.
    pub fn forget(&mut self, source: &str) {
        self.made.remove(source);
    }

    /// Appends the entry of `source` (made by `make` unless kept) to `out`.
    fn add(
        &mut self,
        out: &mut String,
        source: &str,
        date: Option<Date>,
        make: impl FnOnce() -> String,
    ) {
        if !self.keep {
            out.push_str(&make());
            return;
        }
        let kept = self
            .made
            .get(source)
            .and_then(|e| e.iter().find(|(d, _)| *d == date));
        match kept {
            Some((_, text)) => out.push_str(text),
            None => {
                let text = make();
                out.push_str(&text);
                self.made
                    .entry(source.to_string())
                    .or_default()
                    .push((date, text));
            }
        }
    }
}

/// `robots.txt`: everything may be crawled; here is the sitemap.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: {}feedback/\n\nSitemap: {}sitemap.xml\n",
        crate::urls::encode_url(&site.config.base_path()),
        site.config.absolute_url("")
    )
}

/// A feed entry.
struct Entry<'a> {
    page: &'a Page,
    updated: Date,
}

fn atom(
    site: &Site,
    title: &str,
    self_path: &str,
    alternate: &str,
    entries: &[Entry<'_>],
    made: &mut Entries,
) -> String {
    let self_url = site.config.absolute_url(self_path);
    let feed_updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(site.today);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
    );
    s.push_str(&xml_escape(&site.config.language));
    s.push_str("\">\n");
    s.push_str(&format!("  <title>{}</title>\n", xml_escape(title)));
    s.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&self_url)
    ));
    s.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&site.config.absolute_url(alternate))
    ));
    s.push_str(&format!("  <id>{}</id>\n", xml_escape(&self_url)));
    s.push_str(&format!("  <updated>{feed_updated}T00:00:00Z</updated>\n"));
    s.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&site.config.organisation)
    ));
    s.push_str(&format!(
        "  <generator>Signpost {}</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for e in entries {
        made.add(&mut s, &e.page.source, Some(e.updated), || entry(site, e));
    }
    s.push_str("</feed>\n");
    s
}

/// One page's entry in a feed.
fn entry(site: &Site, e: &Entry<'_>) -> String {
    let mut s = String::new();
    let url = permalink(site, e.page);
    s.push_str("  <entry>\n");
    s.push_str(&format!(
        "    <title>{}</title>\n",
        xml_escape(&typeset(site, e.page.title()))
    ));
    s.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&url)
    ));
    s.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
    s.push_str(&format!("    <updated>{}T00:00:00Z</updated>\n", e.updated));
    let mut summary = typeset(site, e.page.summary());
    if let Some(end) = e.page.end_date() {
        // "Closing date" for a vacancy, from the field's label.
        let label = e
            .page
            .kind
            .ends_on
            .iter()
            .find(|f| e.page.field(f).is_some())
            .and_then(|f| e.page.kind.field(f))
            .map_or_else(|| "Ends".to_string(), |f| f.label.clone());
        summary.push_str(&format!(" {label}: {}.", end.strftime("%-d %B %Y")));
    }
    s.push_str(&format!(
        "    <summary>{}</summary>\n",
        xml_escape(&summary)
    ));
    s.push_str("  </entry>\n");
    s
}

/// The feeds to write ([`Site::feeds`]): (output path, title, XML).
pub fn feeds(site: &Site, made: &mut Entries) -> Vec<(String, String, String)> {
    site.feeds()
        .into_iter()
        .map(|feed| {
            let xml = match feed.section {
                // Site updates: pages with a review or publish date, newest
                // first.
                None => {
                    let mut updates: Vec<Entry<'_>> = listed(site)
                        .filter_map(|p| {
                            updated(p).map(|d| Entry {
                                page: p,
                                updated: d,
                            })
                        })
                        .collect();
                    updates.sort_by(|a, b| {
                        b.updated
                            .cmp(&a.updated)
                            .then_with(|| a.page.path.cmp(&b.page.path))
                    });
                    updates.truncate(50);
                    atom(site, &feed.title, &feed.path, "", &updates, made)
                }
                // A feed section (vacancies): its current pages, in listing
                // order (soonest closing first).
                Some(i) => {
                    let entries: Vec<Entry<'_>> = site
                        .child_pages(i)
                        .map(|c| &site.pages[c])
                        .filter(|p| !p.is_closed(site.today))
                        .map(|p| Entry {
                            page: p,
                            updated: updated(p).unwrap_or(site.today),
                        })
                        .collect();
                    let alternate = site.pages[i].path.trim_start_matches('/');
                    atom(site, &feed.title, &feed.path, alternate, &entries, made)
                }
            };
            (feed.path, feed.title, xml)
        })
        .collect()
}

/// Redirect pages for `aliases:`: (output path, HTML), and the mistakes in
/// aliases that cannot be an address. `blocked` are the output paths that
/// clash (see [`super::addresses::clashes`], which the build works out once
/// for every output): redirects at those are not made.
pub fn redirects(
    site: &Site,
    blocked: &BTreeSet<String>,
) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    // Only the aliases: the claims of every page were looked at already,
    // and making them again here doubled the memory of a large site's
    // build at its peak.
    let (claims, diags) = super::addresses::aliases(site);
    let mut out = BTreeMap::new();
    for c in &claims {
        if let super::addresses::Owner::Alias { page, .. } = c.owner
            && !blocked.contains(&c.path)
        {
            out.entry(c.path.clone())
                .or_insert_with(|| redirect_page(site, page));
        }
    }
    (out.into_iter().collect(), diags)
}

fn redirect_page(site: &Site, p: &Page) -> String {
    let to = xml_escape(&permalink(site, p));
    let title = xml_escape(p.title());
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<main>\n<h1>This page has moved</h1>\n<p><a href=\"{to}\">Go to {title}</a>.</p>\n</main>\n</body>\n</html>\n",
        xml_escape(&site.config.language)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            xml_escape("A & B <c> \"d\" 'e'\u{1}"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
    }
}

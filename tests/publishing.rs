//! What search engines, feed readers and old links see of a built site:
//! `sitemap.xml`, `robots.txt`, the Atom feeds, the JSON-LD structured data,
//! the `<head>` tags (canonical, Open Graph, feed links), sub-path base URLs,
//! closing dates, publish dates, drafts and alias redirect pages.
//!
//! Every build here uses the real default theme from `themes/`, so that the
//! head tags are the ones people will publish. The sites are either a copy of
//! the example site in this repository or the small fixture in
//! `tests/fixtures/publishing/site`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, fixtures, render_diagnostics, repo_root};
use serde_json::Value;
use signpost::{BuildOptions, BuildReport};
use tempfile::TempDir;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// The date the example-site builds treat as today: the community vacancy is
/// open and the inpatient one has closed.
const EXAMPLE_TODAY: &str = "2026-11-24";

// ---------------------------------------------------------------------------
// Sites and builds
// ---------------------------------------------------------------------------

/// A temporary site folder with the repository's real themes.
struct Site {
    _dir: TempDir,
    root: PathBuf,
}

impl Site {
    /// A copy of the example site in this repository.
    fn example() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).expect("create site folder");
        let repo = repo_root();
        fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
        copy_dir(&repo.join("content"), &root.join("content"));
        copy_dir(&repo.join("themes"), &root.join("themes"));
        if repo.join("static").is_dir() {
            copy_dir(&repo.join("static"), &root.join("static"));
        }
        Site { _dir: dir, root }
    }

    /// A copy of `tests/fixtures/publishing/site` with the real themes.
    fn fixture() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&fixtures().join("publishing").join("site"), &root);
        copy_dir(&repo_root().join("themes"), &root.join("themes"));
        Site { _dir: dir, root }
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create parent");
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// Adds a line to `site.yaml`.
    fn add_setting(&self, line: &str) {
        let mut yaml = fs::read_to_string(self.root.join("site.yaml")).expect("read site.yaml");
        yaml.push_str(&format!("\n{line}\n"));
        self.write("site.yaml", &yaml);
    }

    /// The settings, as YAML.
    fn settings(&self) -> serde_yaml::Value {
        let text = fs::read_to_string(self.root.join("site.yaml")).expect("read site.yaml");
        serde_yaml::from_str(&text).expect("site.yaml is YAML")
    }

    /// Builds into its own folder (`out-<name>`), treating `today` as today.
    fn try_build(
        &self,
        name: &str,
        today: &str,
        change: impl FnOnce(&mut BuildOptions),
    ) -> (BuildReport, Built) {
        let out = self.root.join(format!("out-{name}"));
        let mut opts = BuildOptions {
            output: Some(out.clone()),
            today: Some(today.parse().expect("today is a date")),
            ..BuildOptions::new(&self.root)
        };
        change(&mut opts);
        let report =
            signpost::build(&opts).unwrap_or_else(|e| panic!("the build failed outright: {e:#}"));
        let base_url = opts.base_url.clone().unwrap_or_else(|| {
            self.settings()["base_url"]
                .as_str()
                .expect("base_url in site.yaml")
                .to_string()
        });
        let built = Built {
            dir: out,
            base_url,
            today: today.to_string(),
        };
        (report, built)
    }

    /// Builds and fails the test on any error.
    fn build_with(&self, name: &str, today: &str, change: impl FnOnce(&mut BuildOptions)) -> Built {
        let (report, built) = self.try_build(name, today, change);
        assert!(
            !report.diagnostics.has_errors() && report.written,
            "expected a build without errors, got:\n{}",
            render_diagnostics(&self.root, &report.diagnostics)
        );
        built
    }

    fn build(&self, name: &str, today: &str) -> Built {
        self.build_with(name, today, |_| {})
    }

    /// Every markdown file under `content/`, by path relative to it.
    fn content_files(&self) -> Vec<String> {
        let content = self.root.join("content");
        let mut out = Vec::new();
        for entry in walk(&content) {
            if entry.extension().is_some_and(|e| e == "md") {
                out.push(rel_path(&content, &entry));
            }
        }
        out
    }

    /// The kind of a content file: `kind:` in its front matter, else its
    /// section's kind from `site.yaml`, else `page`; sections are `section`.
    fn kind_of(&self, rel: &str) -> String {
        if rel.ends_with("_index.md") {
            return "section".to_string();
        }
        let fm = self.front_matter(rel);
        if let Some(kind) = fm["kind"].as_str() {
            return kind.to_string();
        }
        let section = rel.split_once('/').map_or("", |(s, _)| s);
        self.settings()["sections"][section]
            .as_str()
            .unwrap_or("page")
            .to_string()
    }

    /// A content file's front matter.
    fn front_matter(&self, rel: &str) -> serde_yaml::Value {
        let text = fs::read_to_string(self.root.join("content").join(rel))
            .unwrap_or_else(|e| panic!("read content/{rel}: {e}"));
        let rest = text
            .strip_prefix("---")
            .unwrap_or_else(|| panic!("content/{rel} has no front matter"));
        let end = rest.find("\n---").expect("closing ---");
        serde_yaml::from_str(&rest[..end]).expect("front matter is YAML")
    }
}

/// Where a content file is written: `a/b.md` → `a/b/index.html`,
/// `a/_index.md` → `a/index.html`.
fn output_of(content_rel: &str) -> String {
    let stem = content_rel.strip_suffix(".md").expect("a .md file");
    if stem == "_index" {
        "index.html".to_string()
    } else if let Some(dir) = stem.strip_suffix("/_index") {
        format!("{dir}/index.html")
    } else {
        format!("{stem}/index.html")
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn rel_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .expect("under base")
        .to_string_lossy()
        .replace('\\', "/")
}

/// A built site.
struct Built {
    dir: PathBuf,
    base_url: String,
    today: String,
}

impl Built {
    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.join(rel)).unwrap_or_else(|e| panic!("read built {rel}: {e}"))
    }

    fn exists(&self, rel: &str) -> bool {
        self.dir.join(rel).is_file()
    }

    /// Every built HTML file, by relative path.
    /// Every HTML file but the browser editor's page (`admin/`), which is a
    /// program of its own, not a page of the site.
    fn html_files(&self) -> BTreeMap<String, String> {
        walk(&self.dir)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .filter(|p| !rel_path(&self.dir, p).starts_with("admin/"))
            .map(|p| {
                (
                    rel_path(&self.dir, &p),
                    fs::read_to_string(&p).expect("read"),
                )
            })
            .collect()
    }

    /// The pages made from content files: every `index.html` except the
    /// thank-you and empty-form pages, the search and A to Z pages and
    /// alias redirect pages.
    fn content_pages(&self) -> BTreeMap<String, String> {
        self.html_files()
            .into_iter()
            .filter(|(rel, html)| {
                rel.ends_with("index.html")
                    && rel != "feedback/thanks/index.html"
                    && rel != "feedback/problem/index.html"
                    && rel != "search/index.html"
                    && rel != "a-z/index.html"
                    && !is_redirect(html)
            })
            .collect()
    }

    /// Content pages that search engines should know about: all of them but
    /// closed vacancies.
    fn published_pages(&self) -> BTreeSet<String> {
        self.content_pages()
            .into_iter()
            .filter(|(_, html)| !html.contains("This vacancy has closed"))
            .map(|(rel, _)| rel)
            .collect()
    }

    /// The full address of a built file.
    fn permalink(&self, rel: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            rel.strip_suffix("index.html").unwrap_or(rel)
        )
    }

    /// The built file an address of this site leads to, if it is one.
    fn file_for_url(&self, url: &str) -> Option<String> {
        let path = url.strip_prefix(&self.base_url)?;
        let path = path.split(['#', '?']).next().unwrap_or_default();
        Some(if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        })
    }

    fn sitemap_locs(&self) -> Vec<String> {
        sitemap_locs(&self.read("sitemap.xml"))
    }

    /// A feed, checked to be valid Atom with `rel="self"` at its own address.
    fn feed(&self, rel: &str) -> Feed {
        parse_atom(&self.read(rel), &self.permalink(rel))
    }
}

fn is_redirect(html: &str) -> bool {
    tags(html, "meta").iter().any(|m| {
        m.get("http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
    })
}

// ---------------------------------------------------------------------------
// XML: sitemap and Atom
// ---------------------------------------------------------------------------

fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

fn text_of(node: roxmltree::Node<'_, '_>, ns: &str, name: &str, what: &str) -> String {
    let el = child(node, ns, name).unwrap_or_else(|| panic!("{what} has no <{name}>"));
    let text = el.text().unwrap_or_default().trim().to_string();
    assert!(!text.is_empty(), "{what} has an empty <{name}>");
    text
}

fn sitemap_locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml)
        .unwrap_or_else(|e| panic!("sitemap.xml is not XML: {e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some(SITEMAP),
        "the sitemap namespace"
    );
    let mut locs = Vec::new();
    for url in children(root, SITEMAP, "url") {
        let loc = text_of(url, SITEMAP, "loc", "a sitemap <url>");
        if let Some(lastmod) = child(url, SITEMAP, "lastmod") {
            let text = lastmod.text().unwrap_or_default();
            text.parse::<jiff::civil::Date>()
                .unwrap_or_else(|e| panic!("lastmod {text:?} of {loc} is not a date: {e}"));
        }
        locs.push(loc);
    }
    let unique: BTreeSet<_> = locs.iter().collect();
    assert_eq!(
        unique.len(),
        locs.len(),
        "a page is listed twice in the sitemap: {locs:#?}"
    );
    locs
}

#[derive(Debug)]
struct Feed {
    title: String,
    entries: Vec<FeedEntry>,
}

#[derive(Debug)]
struct FeedEntry {
    title: String,
    link: String,
    updated: jiff::Timestamp,
    summary: String,
}

fn atom_time(node: roxmltree::Node<'_, '_>, what: &str) -> jiff::Timestamp {
    let text = text_of(node, ATOM, "updated", what);
    text.parse().unwrap_or_else(|e| {
        panic!("<updated> of {what} is not an RFC 3339 date-time: {text:?}: {e}")
    })
}

/// Parses an Atom feed and checks what RFC 4287 requires: the feed has a
/// title, id, updated, an author and a `rel="self"` link to `self_url`; each
/// entry has a title, a unique id, updated and a link.
fn parse_atom(xml: &str, self_url: &str) -> Feed {
    let doc = roxmltree::Document::parse(xml)
        .unwrap_or_else(|e| panic!("{self_url} is not XML: {e}\n{xml}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed", "{self_url}");
    assert_eq!(
        feed.tag_name().namespace(),
        Some(ATOM),
        "{self_url} is in the Atom namespace"
    );
    let what = format!("the feed {self_url}");
    let title = text_of(feed, ATOM, "title", &what);
    text_of(feed, ATOM, "id", &what);
    let feed_updated = atom_time(feed, &what);
    let self_links: Vec<_> = children(feed, ATOM, "link")
        .filter(|l| l.attribute("rel") == Some("self"))
        .collect();
    assert_eq!(self_links.len(), 1, "{what} has one rel=self link");
    assert_eq!(
        self_links[0].attribute("href"),
        Some(self_url),
        "{what}: rel=self"
    );
    let author = child(feed, ATOM, "author");
    let entries_nodes: Vec<_> = children(feed, ATOM, "entry").collect();
    let mut entries = Vec::new();
    let mut ids = BTreeSet::new();
    for e in entries_nodes {
        let title = text_of(e, ATOM, "title", &format!("an entry of {what}"));
        let what = format!("the entry {title:?} of {self_url}");
        let id = text_of(e, ATOM, "id", &what);
        assert!(ids.insert(id.clone()), "{what}: the id {id} is used twice");
        let updated = atom_time(e, &what);
        assert!(
            updated <= feed_updated,
            "{what} is newer than the feed's <updated>"
        );
        let link = children(e, ATOM, "link")
            .find(|l| l.attribute("rel").is_none_or(|r| r == "alternate"))
            .and_then(|l| l.attribute("href"))
            .unwrap_or_else(|| panic!("{what} has no link"))
            .to_string();
        assert!(
            author.is_some() || child(e, ATOM, "author").is_some(),
            "{what} has no author, and neither has the feed"
        );
        let summary = child(e, ATOM, "summary")
            .and_then(|s| s.text())
            .unwrap_or_default()
            .to_string();
        entries.push(FeedEntry {
            title,
            link,
            updated,
            summary,
        });
    }
    if let Some(author) = author {
        text_of(author, ATOM, "name", &format!("the author of {what}"));
    }
    Feed { title, entries }
}

impl Feed {
    fn links(&self) -> BTreeSet<String> {
        self.entries.iter().map(|e| e.link.clone()).collect()
    }
}

// ---------------------------------------------------------------------------
// HTML: tags, attributes and scripts
// ---------------------------------------------------------------------------

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses the attributes of an opening tag (the text after its name, up to
/// `>`), with entities decoded. Returns them and where the tag ends.
fn parse_attributes(s: &str) -> (BTreeMap<String, String>, usize) {
    let bytes = s.as_bytes();
    let mut attrs = BTreeMap::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (attrs, i.min(bytes.len()));
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>')
        {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                let quote = bytes[i];
                let vstart = i + 1;
                let vend = vstart + s[vstart..].find(quote as char).expect("closing quote");
                value = decode_entities(&s[vstart..vend]);
                i = vend + 1;
            } else {
                let vstart = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&s[vstart..i]);
            }
        }
        attrs.insert(name, value);
    }
}

/// The HTML with the text inside `<script>` elements removed (the tags stay).
fn without_script_bodies(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        let open_end = i + rest[i..].find('>').expect("end of <script>") + 1;
        out.push_str(&rest[..open_end]);
        rest = &rest[open_end..];
        let close = rest.find("</script>").expect("</script>");
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// The attributes of every `<name …>` tag in `html` (outside scripts).
fn tags(html: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let html = without_script_bodies(html);
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            continue;
        }
        let (attrs, end) = parse_attributes(rest);
        out.push(attrs);
        rest = &rest[end..];
    }
    out
}

/// The `<head>` of a page.
fn head(html: &str) -> &str {
    let end = html.find("</head>").expect("</head>");
    &html[..end]
}

fn meta<'a>(metas: &'a [BTreeMap<String, String>], key: &str, name: &str) -> Vec<&'a str> {
    metas
        .iter()
        .filter(|m| m.get(key).map(String::as_str) == Some(name))
        .map(|m| m.get("content").map_or("", String::as_str))
        .collect()
}

/// The one `<meta {key}="{name}">` of a head, by its content.
fn one_meta<'a>(
    metas: &'a [BTreeMap<String, String>],
    key: &str,
    name: &str,
    page: &str,
) -> &'a str {
    let found = meta(metas, key, name);
    assert_eq!(
        found.len(),
        1,
        "{page}: expected one <meta {key}=\"{name}\">, found {found:?}"
    );
    found[0]
}

/// Each `<link rel="{rel}">` of a head.
fn head_links(html: &str, rel: &str) -> Vec<BTreeMap<String, String>> {
    tags(head(html), "link")
        .into_iter()
        .filter(|l| {
            l.get("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
        })
        .collect()
}

/// Each JSON-LD item of a page, parsed.
fn json_ld(html: &str, page: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        rest = &rest[i + "<script".len()..];
        let (attrs, end) = parse_attributes(rest);
        rest = &rest[end + 1..];
        let close = rest.find("</script>").expect("</script>");
        if attrs.get("type").map(String::as_str) == Some("application/ld+json") {
            let body = &rest[..close];
            let value: Value = serde_json::from_str(body)
                .unwrap_or_else(|e| panic!("{page}: JSON-LD that does not parse: {e}\n{body}"));
            assert_eq!(
                value["@context"], "https://schema.org",
                "{page}: @context of {value}"
            );
            out.push(value);
        }
        rest = &rest[close..];
    }
    out
}

fn of_type<'a>(items: &'a [Value], ty: &str) -> Vec<&'a Value> {
    items.iter().filter(|v| v["@type"] == ty).collect()
}

fn str_list(v: &serde_yaml::Value) -> Vec<String> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .map(|i| i.as_str().expect("text").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn yaml_str(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .expect("YAML")
            .trim()
            .to_string(),
    }
}

/// The part of a vacancies page listing open vacancies.
fn open_vacancies_block(html: &str) -> &str {
    let start = html
        .find("id=\"open-vacancies\"")
        .expect("an open vacancies block");
    let rest = &html[start..];
    let end = rest[1..]
        .find("class=\"section-block\"")
        .map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

/// Everything a reader or crawler could find `url` in: is it in the
/// sitemap, either feed, and does its page exist?
fn is_listed(built: &Built, url: &str) -> (bool, bool, bool) {
    (
        built.sitemap_locs().iter().any(|l| l == url),
        built.feed("feed.xml").links().contains(url),
        built.feed("vacancies/feed.xml").links().contains(url),
    )
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// Adds to the example site a draft, a page held back by `publish_date`, a
/// draft vacancy and a page with an old address.
fn example_with_extras() -> Site {
    let site = Site::example();
    site.write(
        "content/draft-example.md",
        "---\ntitle: Draft example\nsummary: A draft page.\ndraft: true\nlast_reviewed: 2026-11-20\n---\nDraft.\n",
    );
    site.write(
        "content/coming-later.md",
        "---\ntitle: Coming later\nsummary: A page published next year.\npublish_date: 2027-06-01\n---\nLater.\n",
    );
    site.write(
        "content/vacancies/draft-job.md",
        "---\ntitle: Draft job\nsummary: A job not yet advertised.\nclosing_date: 2027-06-01\nlocation: City\npay: Band 4\nhours: 37.5 hours a week\neligibility_criteria:\n  - Be able to drive\nhow_to_apply: Not yet.\ndraft: true\n---\nNot yet.\n",
    );
    site.write(
        "content/moved.md",
        "---\ntitle: A page that moved\nsummary: This page used to live somewhere else.\naliases:\n  - /old-moved/\nlast_reviewed: 2026-11-10\n---\nMoved.\n",
    );
    site
}

#[test]
fn sitemap_and_feeds_parse_as_xml_and_list_exactly_the_published_pages() {
    let site = example_with_extras();
    let built = site.build("main", EXAMPLE_TODAY);

    // The alias page exists but is a redirect, not a page to list.
    assert!(is_redirect(&built.read("old-moved/index.html")));

    let expected: BTreeSet<String> = built
        .published_pages()
        .iter()
        .map(|rel| built.permalink(rel))
        .collect();
    for must in [
        "https://example.org/",
        "https://example.org/moved/",
        "https://example.org/vacancies/",
        "https://example.org/vacancies/peer-support-worker-community/",
        "https://example.org/training/peer-support-course/",
    ] {
        assert!(
            expected.contains(must),
            "{must} was not built: {expected:#?}"
        );
    }
    let locs: BTreeSet<String> = built.sitemap_locs().into_iter().collect();
    assert_eq!(locs, expected, "sitemap <loc>s are not the published pages");

    // Left out: drafts, pages still to be published, the closed vacancy,
    // redirects and the pages that are not content.
    let closed = "https://example.org/vacancies/peer-support-worker-inpatient/";
    assert!(built.exists("vacancies/peer-support-worker-inpatient/index.html"));
    for absent in [
        "https://example.org/draft-example/",
        "https://example.org/coming-later/",
        "https://example.org/vacancies/draft-job/",
        "https://example.org/old-moved/",
        "https://example.org/feedback/thanks/",
        "https://example.org/feedback/problem/",
        "https://example.org/404.html",
        closed,
    ] {
        assert!(!locs.contains(absent), "{absent} is in the sitemap");
    }
    assert!(!built.exists("draft-example/index.html"));
    assert!(!built.exists("coming-later/index.html"));
    assert!(!built.exists("vacancies/draft-job/index.html"));

    // The updates feed lists published pages only, newest first.
    let updates = built.feed("feed.xml");
    assert!(!updates.entries.is_empty(), "the updates feed is empty");
    for e in &updates.entries {
        assert!(
            locs.contains(&e.link),
            "feed.xml lists {} ({}), which is not published",
            e.link,
            e.title
        );
    }
    assert!(
        updates
            .entries
            .windows(2)
            .all(|w| w[0].updated >= w[1].updated),
        "feed.xml is not newest first"
    );
    assert!(updates.links().contains("https://example.org/moved/"));

    // The vacancies feed lists exactly the open vacancies.
    let vacancies = built.feed("vacancies/feed.xml");
    let open: BTreeSet<String> = built
        .published_pages()
        .iter()
        .filter(|rel| rel.starts_with("vacancies/") && *rel != "vacancies/index.html")
        .map(|rel| built.permalink(rel))
        .collect();
    assert_eq!(
        open,
        BTreeSet::from([
            "https://example.org/vacancies/peer-support-worker-community/".to_string()
        ])
    );
    assert_eq!(vacancies.links(), open, "vacancies/feed.xml entries");
    let entry = &vacancies.entries[0];
    assert_eq!(
        entry.title,
        "Peer support worker, community mental health team (example)"
    );
    assert!(
        entry.summary.contains("31 March 2027"),
        "the closing date is in the summary: {entry:?}"
    );
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let site = Site::example();
    let built = site.build("main", EXAMPLE_TODAY);
    let robots = built.read("robots.txt");
    let lines: Vec<&str> = robots.lines().map(str::trim).collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    let sitemaps: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("Sitemap:"))
        .map(str::trim)
        .collect();
    assert_eq!(sitemaps, ["https://example.org/sitemap.xml"], "{robots}");
    assert!(built.exists("sitemap.xml"));
    // Nothing that should be found is disallowed.
    for l in &lines {
        if let Some(path) = l.strip_prefix("Disallow:").map(str::trim) {
            assert!(
                path != "/" && !path.is_empty(),
                "robots.txt shuts crawlers out: {robots}"
            );
            for loc in built.sitemap_locs() {
                let loc_path = loc.strip_prefix("https://example.org").unwrap();
                assert!(
                    !loc_path.starts_with(path),
                    "{loc} is in the sitemap but disallowed"
                );
            }
        }
    }
}

/// Checks a page's `BreadcrumbList`: positions 1..n, each item a page of the
/// site, from the home page down to this page.
fn check_breadcrumbs(built: &Built, rel: &str, items: &[Value]) {
    let lists = of_type(items, "BreadcrumbList");
    assert_eq!(lists.len(), 1, "{rel}: one BreadcrumbList");
    let elements = lists[0]["itemListElement"]
        .as_array()
        .unwrap_or_else(|| panic!("{rel}: itemListElement is a list"));
    assert!(!elements.is_empty(), "{rel}: empty BreadcrumbList");
    for (n, el) in elements.iter().enumerate() {
        assert_eq!(el["@type"], "ListItem", "{rel}: {el}");
        assert_eq!(
            el["position"].as_u64(),
            Some(n as u64 + 1),
            "{rel}: position of {el}"
        );
        assert!(
            el["name"].as_str().is_some_and(|s| !s.is_empty()),
            "{rel}: name of {el}"
        );
        let url = el["item"]
            .as_str()
            .unwrap_or_else(|| panic!("{rel}: item of {el}"));
        let file = built
            .file_for_url(url)
            .unwrap_or_else(|| panic!("{rel}: breadcrumb {url} is not on the site"));
        assert!(
            built.exists(&file),
            "{rel}: breadcrumb {url} is not a built page"
        );
    }
    assert_eq!(
        elements[0]["item"], built.base_url,
        "{rel}: first breadcrumb is home"
    );
    assert_eq!(
        elements.last().unwrap()["item"],
        built.permalink(rel),
        "{rel}: last breadcrumb is the page"
    );
}

#[test]
fn json_ld_parses_and_has_the_required_and_recommended_properties() {
    let site = Site::example();
    let built = site.build("main", EXAMPLE_TODAY);
    let settings = site.settings();
    let org_name = settings["organisation"].as_str().unwrap();
    let org_id = format!("{}#organisation", built.base_url);
    let pages = built.content_pages();
    let sources: BTreeMap<String, String> = site
        .content_files()
        .into_iter()
        .map(|c| (output_of(&c), c))
        .collect();
    assert_eq!(
        pages.keys().collect::<BTreeSet<_>>(),
        sources.keys().collect::<BTreeSet<_>>(),
        "every content file (and nothing else) is a page"
    );

    let kinds: Vec<String> = site
        .content_files()
        .iter()
        .map(|c| site.kind_of(c))
        .collect();
    for kind in ["vacancy", "course", "team_member"] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "the example site has no {kind} to check"
        );
    }
    let mut organisations = Vec::new();
    let (mut jobs, mut courses, mut people) = (0, 0, 0);
    for (rel, html) in &pages {
        let items = json_ld(html, rel);
        assert!(
            json_ld(head(html), rel).len() == items.len(),
            "{rel}: JSON-LD outside <head>"
        );
        check_breadcrumbs(&built, rel, &items);
        for org in of_type(&items, "MedicalOrganization") {
            organisations.push((rel.clone(), org.clone()));
        }
        let source = &sources[rel];
        let fm = site.front_matter(source);
        let kind = site.kind_of(source);

        // JobPosting: every vacancy, never the listing.
        let job = of_type(&items, "JobPosting");
        if kind == "vacancy" {
            jobs += 1;
            assert_eq!(job.len(), 1, "{rel}: one JobPosting");
            check_job_posting(rel, job[0], &fm, &org_id);
        } else {
            assert!(
                job.is_empty(),
                "{rel}: a JobPosting on a page that is not a vacancy"
            );
        }

        let course = of_type(&items, "Course");
        if kind == "course" {
            courses += 1;
            assert_eq!(course.len(), 1, "{rel}: one Course");
            let c = course[0];
            assert_eq!(c["name"], yaml_str(&fm["title"]), "{rel}: name");
            assert!(
                c["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{rel}: description"
            );
            assert_eq!(c["provider"]["@id"], org_id, "{rel}: provider");
            assert_eq!(c["provider"]["name"], org_name, "{rel}: provider name");
            let teaches: Vec<String> = serde_json::from_value(c["teaches"].clone())
                .unwrap_or_else(|e| panic!("{rel}: teaches is a list of text: {e}"));
            assert_eq!(
                teaches,
                str_list(&fm["learning_outcomes"]),
                "{rel}: teaches"
            );
            let instances = c["hasCourseInstance"]
                .as_array()
                .unwrap_or_else(|| panic!("{rel}: hasCourseInstance is a list"));
            assert!(!instances.is_empty(), "{rel}: no course instance");
            let format = yaml_str(&fm["format"]).to_lowercase();
            for i in instances {
                assert_eq!(i["@type"], "CourseInstance", "{rel}");
                assert_eq!(i["courseMode"], format, "{rel}: courseMode");
            }
            if source == "training/peer-support-course.md" {
                for i in instances {
                    assert_eq!(i["courseMode"], "online", "{rel}");
                    assert_eq!(i["courseWorkload"], "PT6H", "{rel}");
                }
                assert_eq!(instances[0]["startDate"], "2027-03-09", "{rel}");
                assert_eq!(instances[0]["endDate"], "2027-03-10", "{rel}");
            }
            assert_eq!(
                c.get("isAccessibleForFree").and_then(Value::as_bool),
                fm.get("is_free").and_then(serde_yaml::Value::as_bool),
                "{rel}: isAccessibleForFree is `is_free`"
            );
        } else {
            assert!(
                course.is_empty(),
                "{rel}: a Course on a page that is not a course"
            );
        }

        let person = of_type(&items, "Person");
        if kind == "team_member" {
            people += 1;
            assert_eq!(person.len(), 1, "{rel}: one Person");
            let p = person[0];
            assert_eq!(p["name"], yaml_str(&fm["name"]), "{rel}: name");
            assert_eq!(p["jobTitle"], yaml_str(&fm["role"]), "{rel}: jobTitle");
            assert_eq!(p["worksFor"]["@id"], org_id, "{rel}: worksFor");
            assert_eq!(p["url"], built.permalink(rel), "{rel}: url");
        } else {
            assert!(
                person.is_empty(),
                "{rel}: a Person on a page that is not a team member"
            );
        }
    }
    assert_eq!(
        (jobs, courses, people),
        (
            kinds.iter().filter(|k| *k == "vacancy").count(),
            kinds.iter().filter(|k| *k == "course").count(),
            kinds.iter().filter(|k| *k == "team_member").count(),
        ),
        "vacancies, courses and team members checked"
    );

    // One organisation, on the home page, that the others refer to.
    assert_eq!(
        organisations.len(),
        1,
        "one MedicalOrganization on the site: {organisations:#?}"
    );
    let (rel, org) = &organisations[0];
    assert_eq!(
        rel, "index.html",
        "the MedicalOrganization is on the home page"
    );
    assert_eq!(org["@id"], org_id);
    assert_eq!(org["name"], org_name);
    assert_eq!(org["url"], built.base_url);

    // The thank-you and not-found pages carry no structured data to index.
    for rel in [
        "404.html",
        "feedback/thanks/index.html",
        "feedback/problem/index.html",
    ] {
        assert!(
            json_ld(&built.read(rel), rel).is_empty(),
            "{rel} has JSON-LD"
        );
    }

    // A course marked free says so; 1.5 hours is PT1H30M.
    let fixture = Site::fixture();
    let built = fixture.build("main", "2026-11-24");
    let rel = "training/free-course/index.html";
    let items = json_ld(&built.read(rel), rel);
    let course = of_type(&items, "Course");
    assert_eq!(course.len(), 1, "{rel}");
    assert_eq!(course[0]["isAccessibleForFree"], Value::Bool(true), "{rel}");
    assert_eq!(
        course[0]["hasCourseInstance"][0]["courseWorkload"], "PT1H30M",
        "{rel}"
    );
    assert_eq!(
        course[0]["hasCourseInstance"][0]["startDate"], "2027-01-20",
        "{rel}"
    );
}

fn check_job_posting(rel: &str, job: &Value, fm: &serde_yaml::Value, org_id: &str) {
    assert_eq!(job["title"], yaml_str(&fm["title"]), "{rel}: title");
    let description = job["description"]
        .as_str()
        .unwrap_or_else(|| panic!("{rel}: description"));
    assert!(
        description.contains("<p>") && description.contains("</p>"),
        "{rel}: description is HTML: {description}"
    );
    assert!(
        description.contains(&yaml_str(&fm["summary"])),
        "{rel}: description has the summary"
    );
    let posted = job["datePosted"]
        .as_str()
        .unwrap_or_else(|| panic!("{rel}: datePosted"));
    posted
        .parse::<jiff::civil::Date>()
        .unwrap_or_else(|e| panic!("{rel}: datePosted {posted:?}: {e}"));
    if !fm["posted"].is_null() {
        assert_eq!(
            posted,
            yaml_str(&fm["posted"]),
            "{rel}: datePosted is `posted`"
        );
    }
    let valid = job["validThrough"]
        .as_str()
        .unwrap_or_else(|| panic!("{rel}: validThrough"));
    assert!(
        valid.starts_with(&yaml_str(&fm["closing_date"])),
        "{rel}: validThrough {valid} is the closing date {:?}",
        fm["closing_date"]
    );
    assert!(
        valid.parse::<jiff::Timestamp>().is_ok(),
        "{rel}: validThrough {valid:?} is an ISO 8601 time with its UK offset"
    );
    let org = &job["hiringOrganization"];
    assert_eq!(
        org["@id"], org_id,
        "{rel}: hiringOrganization refers to the organisation"
    );
    assert!(
        org["name"].as_str().is_some_and(|n| !n.is_empty()),
        "{rel}: hiringOrganization name"
    );
    let place = &job["jobLocation"];
    assert_eq!(place["@type"], "Place", "{rel}: jobLocation");
    assert_eq!(
        place["address"]["@type"], "PostalAddress",
        "{rel}: jobLocation address"
    );
    assert_eq!(
        place["address"]["addressCountry"], "GB",
        "{rel}: addressCountry"
    );
    let employment = yaml_str(&fm["employment_type"]);
    let expected_type = match employment.as_str() {
        "full_time" => "FULL_TIME",
        "part_time" => "PART_TIME",
        other => panic!("{rel}: the example uses full_time or part_time, not {other}"),
    };
    assert_eq!(
        job["employmentType"], expected_type,
        "{rel}: employmentType"
    );
    let salary = &job["baseSalary"];
    assert_eq!(salary["@type"], "MonetaryAmount", "{rel}: baseSalary");
    assert_eq!(salary["currency"], "GBP", "{rel}: currency");
    let value = &salary["value"];
    assert_eq!(
        value["@type"], "QuantitativeValue",
        "{rel}: baseSalary value"
    );
    assert_eq!(value["unitText"], "YEAR", "{rel}: unitText");
    assert_eq!(
        value["minValue"].as_f64(),
        fm["salary_min"].as_f64(),
        "{rel}: minValue"
    );
    assert_eq!(
        value["maxValue"].as_f64(),
        fm["salary_max"].as_f64(),
        "{rel}: maxValue"
    );
    let criteria = str_list(&fm["eligibility_criteria"]);
    assert!(!criteria.is_empty(), "{rel}");
    for key in ["qualifications", "experienceRequirements"] {
        let text = job[key].to_string();
        for c in &criteria {
            assert!(
                text.contains(c.as_str()),
                "{rel}: {key} does not have {c:?}: {text}"
            );
        }
    }
}

#[test]
fn open_graph_and_canonical_and_feed_links_are_in_every_head() {
    let site = Site::example();
    let built = site.build("main", EXAMPLE_TODAY);
    let settings = site.settings();
    let site_title = settings["title"].as_str().unwrap();
    let sources: BTreeMap<String, String> = site
        .content_files()
        .into_iter()
        .map(|c| (output_of(&c), c))
        .collect();
    let feed_titles: BTreeMap<String, String> = ["feed.xml", "vacancies/feed.xml"]
        .into_iter()
        .map(|f| (built.permalink(f), built.feed(f).title))
        .collect();

    let files = built.html_files();
    let mut checked = 0;
    for (rel, html) in &files {
        if is_redirect(html) {
            continue;
        }
        checked += 1;
        let head = head(html);
        let metas = tags(head, "meta");

        // Feed links on every page, each to a feed that exists, with its title.
        let feeds: BTreeMap<String, String> = head_links(html, "alternate")
            .into_iter()
            .filter(|l| l.get("type").map(String::as_str) == Some("application/atom+xml"))
            .map(|l| {
                let href = l.get("href").cloned().unwrap_or_default();
                let url = resolve(&built.permalink(rel), &href);
                (url, l.get("title").cloned().unwrap_or_default())
            })
            .collect();
        assert_eq!(feeds, feed_titles, "{rel}: feed links (address → title)");

        // Open Graph and Twitter on every page.
        assert_eq!(
            one_meta(&metas, "property", "og:site_name", rel),
            site_title,
            "{rel}"
        );
        assert!(
            !one_meta(&metas, "property", "og:type", rel).is_empty(),
            "{rel}: og:type"
        );
        let og_title = one_meta(&metas, "property", "og:title", rel);
        assert!(!og_title.is_empty(), "{rel}: og:title");
        assert_eq!(
            one_meta(&metas, "name", "twitter:title", rel),
            og_title,
            "{rel}"
        );
        assert_eq!(
            one_meta(&metas, "property", "og:locale", rel),
            "en_GB",
            "{rel}"
        );
        assert!(
            ["summary", "summary_large_image"].contains(&one_meta(
                &metas,
                "name",
                "twitter:card",
                rel
            )),
            "{rel}: twitter:card"
        );
        let canonical: Vec<String> = head_links(html, "canonical")
            .into_iter()
            .map(|l| l.get("href").cloned().unwrap_or_default())
            .collect();
        if rel == "404.html" {
            // Served at any missing address: it must not claim to be a page.
            assert!(
                canonical.is_empty(),
                "404.html has a canonical link: {canonical:?}"
            );
            continue;
        }
        let permalink = built.permalink(rel);
        assert_eq!(
            canonical,
            std::slice::from_ref(&permalink),
            "{rel}: canonical"
        );
        assert_eq!(
            one_meta(&metas, "property", "og:url", rel),
            permalink,
            "{rel}: og:url"
        );
        assert!(
            meta(&metas, "name", "robots")
                .iter()
                .all(|r| !r.contains("noindex")),
            "{rel}: a page to index is marked noindex"
        );

        if let Some(source) = sources.get(rel) {
            let fm = site.front_matter(source);
            // As the page shows them: with smart punctuation.
            let smart = |s: String| signpost::markdown::smart_punctuation(&s);
            let title = smart(yaml_str(if fm["title"].is_null() {
                &fm["name"]
            } else {
                &fm["title"]
            }));
            assert_eq!(og_title, title, "{rel}: og:title");
            let summary = smart(if fm["summary"].is_null() {
                yaml_str(&fm["bio"])
            } else {
                yaml_str(&fm["summary"])
            });
            if !fm["summary"].is_null() {
                assert_eq!(
                    one_meta(&metas, "property", "og:description", rel),
                    summary,
                    "{rel}"
                );
                assert_eq!(
                    one_meta(&metas, "name", "twitter:description", rel),
                    summary,
                    "{rel}"
                );
                assert_eq!(
                    one_meta(&metas, "name", "description", rel),
                    summary,
                    "{rel}"
                );
            }
        } else {
            assert!(
                [
                    "feedback/thanks/index.html",
                    "feedback/problem/index.html",
                    "search/index.html",
                    "a-z/index.html"
                ]
                .contains(&rel.as_str()),
                "{rel} is a page not made from content"
            );
        }
    }
    assert_eq!(
        checked,
        sources.len() + 5,
        "every page, the thank-you, empty-form, search and A to Z pages, and 404.html"
    );
}

/// Resolves `href` found on the page at `page_url` into a full address.
fn resolve(page_url: &str, href: &str) -> String {
    let (origin, path) = {
        let after_scheme = page_url.find("://").expect("a full address") + 3;
        let slash = after_scheme
            + page_url[after_scheme..]
                .find('/')
                .unwrap_or(page_url.len() - after_scheme);
        (
            &page_url[..slash],
            if slash < page_url.len() {
                &page_url[slash..]
            } else {
                "/"
            },
        )
    };
    if href.contains("://") {
        return href.to_string();
    }
    let (href_path, suffix) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let joined = if href_path.starts_with('/') {
        href_path.to_string()
    } else if href_path.is_empty() {
        path.to_string()
    } else {
        format!("{}{}", &path[..path.rfind('/').unwrap() + 1], href_path)
    };
    // Normalise `.` and `..`.
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = joined.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
        if i == segments.len() - 1 && (*seg == "." || *seg == "..") {
            parts.push("");
        }
    }
    format!("{origin}{}{suffix}", parts.join("/"))
}

#[test]
fn a_sub_path_base_url_keeps_every_link_inside_the_sub_path() {
    const BASE: &str = "https://example.org/peer-support/";
    // Once as the example site is (the form posts to its configured
    // endpoint) and once with Netlify forms (the form posts to the site).
    for provider in ["endpoint", "netlify"] {
        let site = Site::example();
        if provider == "netlify" {
            let yaml = fs::read_to_string(site.root.join("site.yaml")).unwrap();
            let yaml = yaml.replace(
                "  endpoint: https://example.org/feedback",
                "  provider: netlify",
            );
            assert!(
                yaml.contains("provider: netlify"),
                "the example site.yaml changed"
            );
            site.write("site.yaml", &yaml);
        }
        let endpoint = site.settings()["feedback"]["endpoint"]
            .as_str()
            .map(str::to_string);
        // Addresses written in full in the content (such as the Trust's
        // recruitment website) are the author's, not the site's own links.
        let written = written_addresses(&site);
        let built = site.build_with(provider, EXAMPLE_TODAY, |o| o.base_url = Some(BASE.into()));
        assert_eq!(built.base_url, BASE);
        let files = built.html_files();
        assert!(files.contains_key("index.html"));
        let mut problems = Vec::new();
        for (rel, html) in &files {
            let page_url = built.permalink(rel);
            for (tag, attr) in [
                ("a", "href"),
                ("link", "href"),
                ("script", "src"),
                ("img", "src"),
                ("source", "src"),
                ("form", "action"),
            ] {
                for t in tags(html, tag) {
                    let Some(value) = t.get(attr) else { continue };
                    if attr == "action" && endpoint.as_deref() == Some(value.as_str()) {
                        continue; // the configured endpoint, not a page of the site
                    }
                    if written.contains(value.as_str()) {
                        continue;
                    }
                    if value.starts_with('#')
                        || value.starts_with("mailto:")
                        || value.starts_with("tel:")
                        || (value.contains("://") && !value.starts_with("https://example.org/"))
                    {
                        continue;
                    }
                    let url = resolve(&page_url, value);
                    let Some(file) = built.file_for_url(&url) else {
                        problems.push(format!(
                            "{rel}: <{tag} {attr}=\"{value}\"> leads outside {BASE}"
                        ));
                        continue;
                    };
                    if attr != "action" && !built.exists(&file) {
                        problems.push(format!(
                            "{rel}: <{tag} {attr}=\"{value}\"> leads to a missing file {file}"
                        ));
                    }
                }
            }
            // Links inside the structured data (descriptions hold HTML).
            for item in json_ld(html, rel) {
                let text = item.to_string();
                for (i, _) in text.match_indices("https://example.org/") {
                    if !text[i..].starts_with(BASE)
                        && !written.iter().any(|w| text[i..].starts_with(w.as_str()))
                    {
                        problems.push(format!(
                            "{rel}: JSON-LD has an address outside {BASE}: {}",
                            &text[i..(i + 60).min(text.len())]
                        ));
                    }
                }
                for (i, _) in text.match_indices("href=\\\"/") {
                    let start = i + "href=\\\"".len();
                    if !text[start..].starts_with("/peer-support/") {
                        problems.push(format!(
                            "{rel}: JSON-LD links outside the sub-path: {}",
                            &text[i..(i + 60).min(text.len())]
                        ));
                    }
                }
            }
            if is_redirect(html) {
                continue;
            }
            // The form says which page it was sent from.
            for input in tags(html, "input") {
                if input.get("name").map(String::as_str) == Some("page_url") {
                    let value = input.get("value").cloned().unwrap_or_default();
                    if value != page_url {
                        problems.push(format!("{rel}: page_url is {value:?}, not {page_url}"));
                    }
                }
            }
            if rel != "404.html" {
                let metas = tags(head(html), "meta");
                let og = meta(&metas, "property", "og:url");
                if og != [page_url.as_str()] {
                    problems.push(format!("{rel}: og:url {og:?}, not {page_url}"));
                }
                let canonical: Vec<String> = head_links(html, "canonical")
                    .into_iter()
                    .filter_map(|l| l.get("href").cloned())
                    .collect();
                if canonical != [page_url.clone()] {
                    problems.push(format!("{rel}: canonical {canonical:?}, not {page_url}"));
                }
            }
        }
        if provider == "netlify" {
            // The feedback form (the search form gets a page).
            let forms: Vec<_> = tags(&built.read("index.html"), "form")
                .into_iter()
                .filter(|f| f.get("method").map(String::as_str) == Some("post"))
                .collect();
            // Netlify reads its settings from `data-` attributes, which are
            // valid HTML (its bare `netlify-honeypot` is not).
            for form in &forms {
                assert_eq!(form.get("data-netlify").map(String::as_str), Some("true"));
                assert!(form.contains_key("data-netlify-honeypot"), "{form:?}");
                let invalid: Vec<&String> =
                    form.keys().filter(|k| k.starts_with("netlify")).collect();
                assert!(invalid.is_empty(), "not valid HTML: {invalid:?}");
            }
            let actions: BTreeSet<String> = forms
                .into_iter()
                .filter_map(|f| f.get("action").cloned())
                .collect();
            assert_eq!(
                actions,
                BTreeSet::from(["/peer-support/feedback/thanks/".to_string()])
            );
        }

        // The sitemap, robots.txt and the feeds.
        let locs = built.sitemap_locs();
        assert!(locs.contains(&BASE.to_string()), "{locs:#?}");
        for loc in &locs {
            match built.file_for_url(loc) {
                Some(file) if built.exists(&file) => {}
                _ => problems.push(format!("sitemap.xml: {loc} is not a page under {BASE}")),
            }
        }
        let robots = built.read("robots.txt");
        assert!(
            robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
            "{robots}"
        );
        for feed in ["feed.xml", "vacancies/feed.xml"] {
            // parse_atom checks rel=self is BASE + feed.
            let parsed = built.feed(feed);
            let xml = built.read(feed);
            let doc = roxmltree::Document::parse(&xml).unwrap();
            for node in doc.descendants().filter(|n| n.is_element()) {
                let values = node
                    .attributes()
                    .filter(|a| a.name() == "href")
                    .map(|a| a.value().to_string())
                    .chain(
                        (node.tag_name().name() == "id")
                            .then(|| node.text().unwrap_or_default().to_string()),
                    );
                for v in values {
                    if !v.starts_with(BASE) {
                        problems.push(format!("{feed}: {v} is outside {BASE}"));
                    }
                }
            }
            for e in &parsed.entries {
                match built.file_for_url(&e.link) {
                    Some(file) if built.exists(&file) => {}
                    _ => problems.push(format!("{feed}: entry link {} is not a page", e.link)),
                }
            }
        }
        assert!(
            problems.is_empty(),
            "with provider {provider}:\n{}",
            problems.join("\n")
        );
    }
}

/// Every `http(s)://` address written in the site's markdown files.
fn written_addresses(site: &Site) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for rel in site.content_files() {
        let text = fs::read_to_string(site.root.join("content").join(&rel)).expect("read content");
        for scheme in ["https://", "http://"] {
            for (i, _) in text.match_indices(scheme) {
                let end = text[i..]
                    .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '"' | '>' | '<'))
                    .map_or(text.len(), |e| i + e);
                out.insert(text[i..end].to_string());
            }
        }
    }
    out
}

/// Writes the fixture's vacancy section with `closed_vacancies` set.
fn fixture_with_closed_vacancies(setting: Option<&str>) -> Site {
    let site = Site::fixture();
    if let Some(s) = setting {
        site.add_setting(&format!("closed_vacancies: {s}"));
    }
    site
}

#[test]
fn a_closed_vacancy_is_absent_from_listings_feeds_and_sitemap_after_its_closing_date_and_present_before()
 {
    let url = "https://example.org/vacancies/night-support-worker/";
    let page = "vacancies/night-support-worker/index.html";
    let link = "href=\"/vacancies/night-support-worker/\"";
    for setting in [None, Some("show"), Some("hide")] {
        let site = fixture_with_closed_vacancies(setting);
        let label = setting.unwrap_or("default");

        // Open: the day before, and on the closing date itself.
        for today in ["2026-11-30", "2026-12-01"] {
            let built = site.build(&format!("{label}-{today}"), today);
            assert!(built.exists(page), "{label} {today}: the page");
            let listing = built.read("vacancies/index.html");
            assert!(
                open_vacancies_block(&listing).contains(link),
                "{label} {today}: listed as open:\n{}",
                open_vacancies_block(&listing)
            );
            assert!(
                !listing.contains("id=\"closed-vacancies\""),
                "{label} {today}"
            );
            assert_eq!(
                is_listed(&built, url),
                (true, true, true),
                "{label} {today}: (sitemap, feed.xml, vacancies/feed.xml)"
            );
            let html = built.read(page);
            assert!(!html.contains("This vacancy has closed"), "{label} {today}");
            assert!(
                html.contains("How to apply") || html.contains("how-to-apply"),
                "{label} {today}: how to apply is shown"
            );
        }

        // Closed: the day after.
        let today = "2026-12-02";
        let built = site.build(&format!("{label}-{today}"), today);
        assert_eq!(built.today, today);
        let listing = built.read("vacancies/index.html");
        let open = open_vacancies_block(&listing);
        assert!(
            !open.contains(link),
            "{label}: still listed as open:\n{open}"
        );
        assert!(
            open.contains("There are no open vacancies"),
            "{label}: {open}"
        );
        assert_eq!(
            is_listed(&built, url),
            (false, false, false),
            "{label}: (sitemap, feed.xml, vacancies/feed.xml)"
        );
        assert!(
            built.feed("vacancies/feed.xml").entries.is_empty(),
            "{label}"
        );
        if setting == Some("hide") {
            assert!(
                !built.exists(page),
                "hide: the page of a closed vacancy is left out"
            );
            assert!(
                !listing.contains(link),
                "hide: the closed vacancy is not listed at all"
            );
            for (rel, html) in built.html_files() {
                assert!(
                    !html.contains("night-support-worker"),
                    "hide: {rel} still mentions it"
                );
            }
        } else {
            let html = built.read(page);
            assert!(
                html.contains("This vacancy has closed"),
                "{label}: the page says it has closed"
            );
            let closed_block = &listing[listing
                .find("id=\"closed-vacancies\"")
                .unwrap_or_else(|| panic!("{label}: a closed vacancies list"))..];
            assert!(closed_block.contains(link), "{label}: listed as closed");
        }
    }
}

#[test]
fn a_future_publish_date_holds_a_page_back_until_that_date() {
    let site = Site::fixture();
    let url = "https://example.org/coming-soon/";
    let page = "coming-soon/index.html";

    let before = site.build("before", "2026-12-09");
    assert!(!before.exists(page), "built before its publish date");
    assert!(!before.sitemap_locs().contains(&url.to_string()));
    assert!(!before.feed("feed.xml").links().contains(url));
    for (rel, html) in before.html_files() {
        assert!(
            !html.contains("coming-soon"),
            "{rel} links to a page not yet published"
        );
    }

    for today in ["2026-12-10", "2026-12-11"] {
        let after = site.build(today, today);
        assert!(
            after.exists(page),
            "{today}: not built on or after its publish date"
        );
        assert!(
            after.sitemap_locs().contains(&url.to_string()),
            "{today}: sitemap"
        );
        let feed = after.feed("feed.xml");
        let entry = feed
            .entries
            .iter()
            .find(|e| e.link == url)
            .unwrap_or_else(|| panic!("{today}: not in feed.xml"));
        assert_eq!(
            entry.updated.to_string(),
            "2026-12-10T00:00:00Z",
            "{today}: updated is the publish date"
        );
        assert_eq!(
            feed.entries[0].link, url,
            "{today}: the newest entry comes first"
        );
    }

    // A preview with drafts shows it early.
    let preview = site.build_with("drafts", "2026-12-09", |o| o.drafts = true);
    assert!(
        preview.exists(page),
        "--drafts includes pages still to be published"
    );
}

#[test]
fn aliases_write_redirect_pages_to_the_new_address() {
    let site = Site::fixture();
    let built = site.build("main", "2026-11-24");
    let to = "https://example.org/about/";
    for rel in ["who-we-are/index.html", "old/about-us.html"] {
        let html = built.read(rel);
        let metas = tags(&html, "meta");
        let refresh = meta(&metas, "http-equiv", "refresh");
        assert_eq!(refresh.len(), 1, "{rel}: one meta refresh");
        let (delay, target) = refresh[0].split_once(';').expect("delay; url=…");
        assert_eq!(delay.trim(), "0", "{rel}: sends people on at once");
        let target = target.trim();
        let target = target
            .strip_prefix("url=")
            .or_else(|| target.strip_prefix("URL="))
            .unwrap_or_else(|| panic!("{rel}: refresh has url=: {target}"));
        assert_eq!(
            target.trim_matches(['\'', '"']),
            to,
            "{rel}: refresh target"
        );
        let canonical: Vec<_> = head_links(&html, "canonical")
            .into_iter()
            .filter_map(|l| l.get("href").cloned())
            .collect();
        assert_eq!(canonical, [to], "{rel}: canonical");
        assert!(
            meta(&metas, "name", "robots")
                .iter()
                .any(|r| r.contains("noindex")),
            "{rel}: noindex"
        );
        assert!(
            tags(&html, "a")
                .iter()
                .any(|a| a.get("href").map(String::as_str) == Some(to)),
            "{rel}: a link for people whose browser does not follow the refresh"
        );
        assert!(html.contains("About us"), "{rel}: names the page");
        assert!(
            !built
                .sitemap_locs()
                .iter()
                .any(|l| l.contains("who-we-are") || l.contains("about-us.html"))
        );
    }

    // An old address that is the address of another page is a mistake that
    // names both files.
    let clash = Site::fixture();
    clash.write(
        "content/team-news.md",
        "---\ntitle: Team news\nsummary: News from the team.\naliases:\n  - /about/\n---\nNews.\n",
    );
    let (report, _) = clash.try_build("clash", "2026-11-24", |_| {});
    assert!(
        !report.written,
        "a build with a clashing alias was published"
    );
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    let rendered = render_diagnostics(&clash.root, &report.diagnostics);
    assert_eq!(errors.len(), 1, "{rendered}");
    let e = errors[0];
    let file = e.file.to_string_lossy().replace('\\', "/");
    assert!(
        file.ends_with("content/team-news.md"),
        "the error is in the file with the alias: {rendered}"
    );
    assert!(
        e.message.contains("/about/"),
        "names the address: {rendered}"
    );
    assert!(
        e.message.contains("content/about.md"),
        "names the other file: {rendered}"
    );
    assert_eq!(e.field.as_deref(), Some("aliases"), "{rendered}");
    assert!(e.line.is_some(), "points at the line: {rendered}");
}

#[test]
fn drafts_are_left_out_of_sitemap_and_feeds() {
    let site = Site::fixture();
    let built = site.build("main", "2026-11-24");
    let drafts = [
        ("https://example.org/draft-plans/", "draft-plans/index.html"),
        (
            "https://example.org/vacancies/draft-vacancy/",
            "vacancies/draft-vacancy/index.html",
        ),
    ];
    let locs = built.sitemap_locs();
    let updates = built.feed("feed.xml");
    let vacancies = built.feed("vacancies/feed.xml");
    for (url, page) in drafts {
        assert!(!built.exists(page), "{page} was built");
        assert!(!locs.contains(&url.to_string()), "{url} is in the sitemap");
        assert!(!updates.links().contains(url), "{url} is in feed.xml");
        assert!(
            !vacancies.links().contains(url),
            "{url} is in vacancies/feed.xml"
        );
    }
    for (rel, html) in built.html_files() {
        assert!(
            !html.contains("Draft plans") && !html.contains("Draft vacancy"),
            "{rel} mentions a draft"
        );
    }
    // The published pages are there (so the checks above are not vacuous).
    assert!(locs.contains(&"https://example.org/about/".to_string()));
    assert!(updates.links().contains("https://example.org/about/"));
    assert_eq!(
        vacancies.links(),
        BTreeSet::from(["https://example.org/vacancies/night-support-worker/".to_string()])
    );
}

#[test]

fn job_posting_qualifications_include_the_criteria_every_applicant_must_meet() {
    let site = Site::fixture();
    let built = site.build("main", "2026-11-24");
    let rel = "vacancies/night-support-worker/index.html";
    let html = built.read(rel);
    let items = json_ld(&html, rel);
    let job = of_type(&items, "JobPosting");
    assert_eq!(job.len(), 1, "{rel}");
    let shared = str_list(&site.front_matter("vacancies/_index.md")["eligibility_criteria"]);
    let own =
        str_list(&site.front_matter("vacancies/night-support-worker.md")["eligibility_criteria"]);
    assert!(!shared.is_empty() && !own.is_empty());
    for c in shared.iter().chain(&own) {
        // The page shows it to people…
        assert!(html.contains(c.as_str()), "{rel}: the page shows {c:?}");
        // …so the job posting should tell search engines too.
        for key in ["qualifications", "experienceRequirements", "description"] {
            let text = job[0][key].to_string();
            assert!(
                text.contains(c.as_str()),
                "{rel}: {key} does not have {c:?}: {text}"
            );
        }
    }
}

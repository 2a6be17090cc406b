//! The finishing touches of a published build. Stylesheets and scripts get
//! names that change with their contents, so hosts can cache them for ever;
//! pages link to those names. HTML and CSS are minified unless turned off.
//! With relative URLs the built folder works opened straight from disk. The
//! preview keeps plain names and unminified pages.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, links, repo_root, strip_tags};
use signpost::BuildOptions;

fn build(fingerprint: bool) -> (tempfile::TempDir, PathBuf) {
    build_example(|o| o.fingerprint = fingerprint)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn stylesheets_and_scripts_get_fingerprinted_names_that_pages_link_to() {
    let (_keep, out) = build(true);
    // The theme's stylesheet and the components' one.
    let css = names(&out.join("css"));
    assert_eq!(css.len(), 2, "{css:?}");
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    for (name, stem) in css.iter().zip(["components.", "site."]) {
        assert!(
            name.starts_with(stem)
                && name.ends_with(".css")
                && name.len() == stem.len() + "12345678.css".len(),
            "{name}"
        );
        assert!(home.contains(&format!("href=\"/css/{name}\"")), "{home}");
    }
    let js = names(&out.join("js"));
    assert!(home.contains(&format!("src=\"/js/{}\"", js[0])), "{home}");
    // The same contents give the same name.
    let (_again, out2) = build(true);
    assert_eq!(names(&out2.join("css")), css);
}

#[test]
fn without_fingerprinting_the_names_stay_plain() {
    let (_keep, out) = build(false);
    assert_eq!(names(&out.join("css")), ["components.css", "site.css"]);
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains("href=\"/css/site.css\""));
    assert!(home.contains("href=\"/css/components.css\""));
}

/// Builds the repository's example site with `change` applied to the options.
fn build_example(change: impl FnOnce(&mut BuildOptions)) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("tempdir");
    let output = out.path().join("public");
    let mut opts = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output = Some(output.clone());
    opts.today = Some("2026-11-24".parse().expect("date"));
    opts.fingerprint = true;
    change(&mut opts);
    let report = signpost::build(&opts).expect("build");
    assert!(report.written, "{:?}", report.diagnostics.sorted());
    (out, output)
}

/// Every HTML file under `dir`, by `/`-separated path relative to it.
fn html_files(dir: &Path) -> Vec<String> {
    common::read_tree(dir)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// `html` without comments and with each run of whitespace made one space.
fn as_rendered(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    let mut collapsed = String::with_capacity(out.len());
    let mut space = false;
    for c in out.chars() {
        if c.is_ascii_whitespace() {
            if !space {
                collapsed.push(' ');
            }
            space = true;
        } else {
            collapsed.push(c);
            space = false;
        }
    }
    collapsed
}

/// Total size in bytes of the files under `dir` whose names end in `ext`.
fn size_of(dir: &Path, ext: &str) -> usize {
    common::read_tree(dir)
        .into_iter()
        .filter(|(k, _)| k.ends_with(ext))
        .map(|(_, v)| v.len())
        .sum()
}

#[test]
fn a_minified_build_says_the_same_in_fewer_bytes() {
    let (_a, plain) = build_example(|o| o.minify = false);
    let (_b, small) = build_example(|o| o.minify = true);
    let pages = html_files(&plain);
    assert_eq!(pages, html_files(&small));
    // The browser editor's page is Signpost's own, not made from templates.
    let pages: Vec<_> = pages
        .into_iter()
        .filter(|p| !p.starts_with("admin/"))
        .collect();
    let (plain_css, small_css) = (names(&plain.join("css")), names(&small.join("css")));
    for page in &pages {
        let (p, s) = (read(&plain, page), read(&small, page));
        // The stylesheets' fingerprints differ: their contents do.
        let p = plain_css
            .iter()
            .zip(&small_css)
            .fold(p, |p, (a, b)| p.replace(a.as_str(), b));
        // What a browser makes of it: every run of whitespace is one space,
        // and comments are not shown.
        assert_eq!(as_rendered(&p), as_rendered(&s), "{page} changed");
        assert_eq!(strip_tags(&p), strip_tags(&s), "the text of {page} changed");
        // Indentation before text or `{{ … }}` stays (it may be inside a
        // `pre`), but that is a small part of it.
        let indented = |html: &str| html.matches("\n  ").count();
        assert!(
            indented(&s) * 5 < indented(&p),
            "{page}: {} indented lines left of {}",
            indented(&s),
            indented(&p)
        );
    }
    let (html_plain, html_small) = (size_of(&plain, ".html"), size_of(&small, ".html"));
    let (css_plain, css_small) = (size_of(&plain, ".css"), size_of(&small, ".css"));
    assert!(html_small < html_plain, "{html_small} >= {html_plain}");
    assert!(css_small * 10 < css_plain * 9, "{css_small} vs {css_plain}");
    // The minified stylesheet has a name of its own, so a cached plain copy
    // is never served in its place.
    assert_ne!(names(&plain.join("css")), names(&small.join("css")));
    let home = read(&small, "index.html");
    assert!(home.contains(&format!("/css/{}\"", names(&small.join("css"))[0])));
}

#[test]
fn minify_false_in_site_yaml_keeps_the_templates_spacing() {
    let site = tempfile::tempdir().expect("tempdir");
    let root = site.path().join("site");
    let repo = repo_root();
    fs::create_dir_all(&root).expect("site folder");
    for dir in ["content", "themes"] {
        copy_dir(&repo.join(dir), &root.join(dir));
    }
    let yaml = read(&repo, "site.yaml");
    fs::write(root.join("site.yaml"), format!("{yaml}\nminify: false\n")).expect("site.yaml");
    let mut opts = BuildOptions::new(&root);
    opts.today = Some("2026-11-24".parse().expect("date"));
    opts.minify = true;
    let report = signpost::build(&opts).expect("build");
    assert!(report.written, "{:?}", report.diagnostics.sorted());
    assert!(read(&root.join("public"), "index.html").contains("\n  <meta"));
}

#[test]
fn a_template_mistake_is_reported_on_its_own_line_when_minifying() {
    let site = tempfile::tempdir().expect("tempdir");
    let root = site.path().join("site");
    let repo = repo_root();
    for dir in ["content", "themes"] {
        copy_dir(&repo.join(dir), &root.join(dir));
    }
    fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
    let template = root.join("themes/default/templates/404.html");
    let broken = "<!-- a comment\n     over two lines -->\n<main>\n    <p>\n        {{ oops( }}\n";
    fs::write(&template, broken).expect("write template");
    let mut opts = BuildOptions::new(&root);
    opts.minify = true;
    let report = signpost::build(&opts).expect("build");
    let found: Vec<_> = report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.file.ends_with("404.html"))
        .map(|d| d.line)
        .collect();
    assert_eq!(found, [Some(5)]);
}

#[test]
fn with_relative_urls_every_link_works_from_the_folder_on_disk() {
    for (base_url, base_path) in [
        ("https://example.org/peer-support/", "/peer-support/"),
        // The example's own address, which its form endpoint shares.
        ("https://example.org/", "/"),
    ] {
        let (_keep, out) = build_example(|o| {
            o.relative_urls = true;
            o.base_url = Some(base_url.into());
        });
        let mut checked = 0;
        for page in html_files(&out) {
            let html = read(&out, &page);
            let dir = Path::new(&page).parent().unwrap_or(Path::new(""));
            for link in links(&html) {
                let external = ["http:", "https:", "mailto:", "tel:", "#"]
                    .iter()
                    .any(|p| link.starts_with(p));
                if external {
                    continue;
                }
                if page == "404.html" {
                    // Hosts serve it at any depth, so it keeps rooted links.
                    assert!(link.starts_with(base_path), "{page}: {link}");
                    continue;
                }
                assert!(!link.starts_with('/'), "{page} links from the root: {link}");
                let path = link.split(['#', '?']).next().unwrap_or_default();
                let target = out.join(dir).join(path);
                assert!(
                    target.is_file(),
                    "{page} links to {link}, which is not a file in the built folder"
                );
                checked += 1;
            }
        }
        assert!(checked > 200, "only {checked} links were checked");
        // Canonical links stay absolute, for search engines; the form still
        // posts to its endpoint, which is not a file the build wrote.
        let services = read(&out, "services/index.html");
        assert!(services.contains(r#"action="https://example.org/feedback""#));
        let canonical = format!(r#"rel="canonical" href="{base_url}services/""#);
        assert!(services.contains(&canonical), "{canonical}");
    }
}

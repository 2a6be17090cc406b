//! Site search: the index `signpost build` writes holds the pages the
//! sitemap lists, less those marked `search: false`, with only each page's
//! own content; the A–Z page lists the same pages; `search: false` in
//! site.yaml (or a theme with no search page) writes no index at all.

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use common::TestSite;

/// One page's record in the index, as Pagefind stores it (a gzipped
/// fragment file, after the `pagefind_dcd` signature).
#[derive(Debug)]
struct Record {
    url: String,
    content: String,
    kind: Vec<String>,
}

/// Every record in the built index of `site`.
fn records(site: &TestSite) -> BTreeMap<String, Record> {
    let dir = site.output().join("pagefind").join("fragment");
    let mut out = BTreeMap::new();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the index has no fragment folder {}: {e}", dir.display()));
    for entry in entries {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read fragment");
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut text)
            .expect("a gzipped fragment");
        let json = text
            .strip_prefix(b"pagefind_dcd")
            .expect("Pagefind's signature");
        let v: serde_json::Value = serde_json::from_slice(json).expect("fragment JSON");
        let record = Record {
            url: v["url"].as_str().expect("url").to_string(),
            content: v["content"].as_str().expect("content").to_string(),
            kind: v["filters"]["kind"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|k| k.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
        };
        out.insert(record.url.clone(), record);
    }
    out
}

#[test]
fn the_index_leaves_out_drafts_future_pages_closed_vacancies_and_pages_marked_search_false() {
    let site = TestSite::with_default_theme("search");
    site.build_ok();
    let records = records(&site);
    let urls: Vec<&str> = records.keys().map(String::as_str).collect();
    assert_eq!(
        urls,
        ["/", "/vacancies/", "/vacancies/open/", "/wayfinding/"],
        "the pages in the index"
    );
    let all: String = records.values().map(|r| r.content.as_str()).collect();
    for word in ["quietword", "draftword", "futureword", "closedword"] {
        assert!(!all.contains(word), "`{word}` is in the index: {all}");
    }
    assert!(
        records["/wayfinding/"]
            .content
            .contains("wayfinding around the hospital")
    );
    assert_eq!(records["/vacancies/open/"].kind, ["Vacancies"]);
    assert_eq!(records["/wayfinding/"].kind, ["Pages"]);
    // A vacancy's fields, shown by its template, are searchable too.
    assert!(records["/vacancies/open/"].content.contains("Townville"));
}

#[test]
fn the_index_holds_each_pages_own_content_not_the_header_navigation_or_feedback_form() {
    let site = TestSite::with_default_theme("search");
    site.write(
        "site.yaml",
        &format!(
            "{}feedback:\n  endpoint: https://forms.example.org/f\nurgent_help: Call the crisis line now.\nfooter_links:\n  - title: Accessibility statement\n    url: /wayfinding/\n",
            std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml")
        ),
    );
    site.build_ok();
    let page = site.read_output("wayfinding/index.html");
    assert!(
        page.contains("Call the crisis line now."),
        "the page shows urgent help"
    );
    for r in records(&site).values() {
        for theirs in [
            "Skip to main content",
            "Test Trust",
            "Accessibility statement",
            "Call the crisis line",
            "Was this page useful",
            "Page last reviewed",
        ] {
            assert!(
                !r.content.contains(theirs),
                "{} has `{theirs}`: {}",
                r.url,
                r.content
            );
        }
    }
}

#[test]
fn the_a_to_z_page_lists_the_same_pages_grouped_by_kind() {
    let site = TestSite::with_default_theme("search");
    site.build_ok();
    let html = site.read_output("a-z/index.html");
    let text = common::strip_tags(&html);
    for title in ["Wayfinding", "The open job", "Jobs", "Vacancies", "Pages"] {
        assert!(text.contains(title), "the A to Z has no `{title}`: {text}");
    }
    for title in ["Left out", "Draft page", "Future page", "The closed job"] {
        assert!(!text.contains(title), "the A to Z lists `{title}`");
    }
    // Without JavaScript the header's form leads here.
    let home = site.read_output("index.html");
    assert!(
        home.contains("role=\"search\" aria-label=\"Site search\" action=\"/a-z/\" method=\"get\""),
        "the header's search form: {home}"
    );
    assert!(site.output_exists("search/index.html"));
    assert!(site.output_exists("pagefind/pagefind.js"));
}

#[test]
fn search_false_in_site_yaml_writes_no_index_no_search_pages_and_no_search_form() {
    let site = TestSite::with_default_theme("search");
    site.write(
        "site.yaml",
        &format!(
            "{}search: false\n",
            std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml")
        ),
    );
    site.build_ok();
    assert!(!site.output_exists("pagefind"), "an index was written");
    assert!(!site.output_exists("search/index.html"));
    assert!(!site.output_exists("a-z/index.html"));
    let home = site.read_output("index.html");
    assert!(!home.contains("role=\"search\""), "a search form: {home}");
    assert!(!home.contains("data-pagefind-body"));
}

#[test]
fn a_theme_without_a_search_page_has_no_search() {
    let site = TestSite::new("search");
    site.build_ok();
    assert!(!site.output_exists("pagefind"), "an index was written");
    assert!(!site.output_exists("a-z/index.html"));
}

#[test]
fn an_unknown_search_setting_is_located_in_site_yaml() {
    let site = TestSite::with_default_theme("search");
    site.write(
        "site.yaml",
        &format!(
            "{}search:\n  enable: false\n",
            std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml")
        ),
    );
    let report = site.build();
    let shown = site.render(&report.diagnostics);
    assert!(report.diagnostics.has_errors(), "no error: {shown}");
    assert!(shown.contains("site.yaml:10"), "not located: {shown}");
    assert!(shown.contains("enable"), "{shown}");
}

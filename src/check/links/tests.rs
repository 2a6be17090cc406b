//! Tests of `check/links.rs`.

use super::*;
use crate::render::links::MdLink;

fn page(key: &str, ids: &[&str], refs: &[&str]) -> PageLinks {
    PageLinks {
        key: key.into(),
        file: std::path::Path::new("content/x.md").into(),
        ids: PageIds::new(ids.iter().copied()),
        refs: refs.iter().map(|s| Arc::from(*s)).collect(),
        md_links: Box::new([]),
        settings_links: Arc::from(Vec::new()),
    }
}

#[test]
fn internal_links_must_resolve_and_fragments_must_exist() {
    let keys: HashSet<String> = ["index.html", "a/index.html", "css/site.css"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let pages = [
        page(
            "index.html",
            &["top"],
            &[
                "/base/a/",
                "/base/a",
                "/base/css/site.css",
                "#top",
                "https://x.org/",
                "mailto:a@b.c",
            ],
        ),
        page(
            "a/index.html",
            &["part"],
            &[
                "/base/missing/",
                "/base/#nope",
                "/other/",
                "../css/site.css",
                "#part",
            ],
        ),
    ];
    let keys: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let found = check(&pages.iter().collect::<Vec<_>>(), &keys, "/base/");
    let mut codes: Vec<_> = found.iter().map(|d| d.code).collect();
    codes.sort();
    assert_eq!(
        codes,
        vec!["link/broken", "link/broken", "link/fragment"],
        "{found:#?}"
    );
}

#[test]
fn a_missing_part_suggests_the_numbered_id_its_heading_was_given() {
    let keys: HashSet<&str> = ["index.html", "a/index.html"].into_iter().collect();
    let mut from = page("index.html", &[], &["/a/#how-to-apply"]);
    // Written in the page's markdown, so the finding is the page's.
    from.md_links = Box::new([MdLink {
        url: "/a/#how-to-apply".into(),
        line: 3,
        column: 1,
    }]);
    let pages = [
        from,
        page("a/index.html", &["how-to-apply-1", "maincontent"], &[]),
    ];
    let found = check(&pages.iter().collect::<Vec<_>>(), &keys, "/");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "link/fragment");
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("`how-to-apply-1`")),
        "{found:#?}"
    );
}

#[test]
fn a_broken_link_in_markdown_points_at_its_line() {
    let keys: HashSet<String> = ["index.html"].iter().map(|s| s.to_string()).collect();
    let mut p = page("index.html", &[], &["/nowhere.pdf"]);
    p.md_links = Box::new([MdLink {
        url: "/nowhere.pdf".into(),
        line: 7,
        column: 3,
    }]);
    let keys: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let found = check(&[&p], &keys, "/");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].column), (Some(7), Some(3)));
}

#[test]
fn an_address_whose_scheme_would_start_with_a_digit_is_a_page_of_the_site() {
    // A scheme starts with a letter, so `12:30` is a relative address (as a
    // browser reads it): it must be a file of the site.
    let keys: HashSet<&str> = ["index.html", "2024:plan.pdf"].into_iter().collect();
    let p = page("index.html", &[], &["12:30", "2024:plan.pdf"]);
    let found = check(&[&p], &keys, "/");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "link/broken");
    assert!(found[0].message.contains("`12:30`"), "{found:#?}");
}

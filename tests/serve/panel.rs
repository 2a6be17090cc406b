//! What the preview shows in the page about the site's mistakes.

use super::*;

impl Server {
    /// Rebuilds now, as the watcher would after a save.
    fn rebuild_now(&self) {
        self.preview.rebuild(&self.build, None);
    }
}

#[test]
fn the_error_panel_shows_backticked_names_as_code() {
    let site = TestSite::new();
    let server = site.serve();
    site.edit(
        "content/guides/first-steps.md",
        "summary: How to take",
        "sumary: How to take",
    );
    server.rebuild_now();
    let html = server.get("/guides/first-steps/").text();
    assert!(has_error_panel(&html), "{html}");
    assert!(
        html.contains("<code>sumary</code> is not a field of a <code>page</code> page"),
        "{html}"
    );
    assert!(
        html.contains("What to do: Did you mean <code>summary</code>?"),
        "{html}"
    );
    let panel_start = html.find("id=\"signpost-errors\"").expect("panel");
    let panel_end = panel_start + html[panel_start..].find("</div>").expect("panel end");
    assert!(
        !html[panel_start..panel_end].contains('`'),
        "backticks left in the panel: {}",
        &html[panel_start..panel_end]
    );
}

#[test]
fn warnings_show_as_a_collapsed_list_linking_to_their_pages_and_not_as_the_red_panel() {
    let site = TestSite::new();
    let server = site.serve();
    let clean = server.get("/").text();
    assert!(
        !clean.contains("signpost-warnings"),
        "a site without warnings: {clean}"
    );

    site.edit(
        "content/guides/first-steps.md",
        "Original first steps text.",
        "Original first steps text. See [the old site](http://old.example.org/).",
    );
    server.rebuild_now();
    for target in ["/", "/guides/first-steps/", "/no-such-page/"] {
        let html = server.get(target).text();
        assert!(
            !has_error_panel(&html),
            "{target}: warnings are not mistakes: {html}"
        );
        let at = html
            .find("<aside id=\"signpost-warnings\"")
            .unwrap_or_else(|| panic!("{target}: no warnings list: {html}"));
        let body = html.find("<body").expect("body");
        assert!(body < at, "{target}");
        let list = &html[at..at + html[at..].find("</aside>").expect("end of list")];
        assert!(list.contains("<details"), "{list}");
        assert!(!list.contains("<details open"), "collapsed: {list}");
        assert!(
            list.contains("The site has 1 warning (they do not stop it being published)"),
            "{list}"
        );
        assert!(list.contains("<a href=\"/guides/first-steps/\""), "{list}");
        assert!(list.contains(">First steps</a>"), "{list}");
        assert!(
            list.contains("(content/guides/first-steps.md, line"),
            "{list}"
        );
        assert!(list.contains("http://old.example.org/"), "{list}");
    }
    // The page itself is still served under it.
    let page = server.get("/guides/first-steps/").text();
    assert!(
        page.contains("See <a href=\"http://old.example.org/\">the old site</a>"),
        "{page}"
    );
}

#[test]
fn a_misspelling_typed_in_the_preview_is_listed_as_a_warning_at_its_line() {
    let site = TestSite::new();
    let server = site.serve();
    site.edit(
        "content/guides/first-steps.md",
        "Original first steps text.",
        "Original first steps text. We will recieve you.",
    );
    server.rebuild_now();
    let html = server.get("/guides/first-steps/").text();
    assert!(!has_error_panel(&html), "a warning, not a mistake: {html}");
    let at = html
        .find("<aside id=\"signpost-warnings\"")
        .unwrap_or_else(|| panic!("no warnings list: {html}"));
    let list = &html[at..at + html[at..].find("</aside>").expect("end of list")];
    assert!(list.contains("recieve"), "{list}");
    assert!(
        list.contains("(content/guides/first-steps.md, line"),
        "{list}"
    );
}

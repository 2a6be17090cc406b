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

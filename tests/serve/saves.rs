//! How editors save: the temporary files of `sed -i` and of editors that
//! write a copy and rename it are not changes, and a stylesheet saved any
//! of these ways is swapped in place.

use super::*;

const CSS: &str = "themes/default/static/css/site.css";

/// Waits for the next change the watcher reports.
fn next_change(rx: &std::sync::mpsc::Receiver<Vec<String>>, what: &str) -> Vec<String> {
    rx.recv_timeout(EVENT_WAIT)
        .unwrap_or_else(|_| panic!("no change reported after {what}"))
}

fn assert_css_swapped(
    server: &Server,
    sse: &mut Sse,
    rx: &std::sync::mpsc::Receiver<Vec<String>>,
    colour: &str,
    how: &str,
) {
    let (event, _) = sse.expect_event(how);
    assert_eq!(
        event, "css",
        "{how} reloaded the page instead of swapping the stylesheet"
    );
    assert_eq!(next_change(rx, how), vec![CSS.to_string()], "{how}");
    let css = server.get("/css/site.css").text();
    assert!(css.contains(colour), "{how}: {css}");
    sse.drain();
    while rx.try_recv().is_ok() {}
}

#[test]
fn a_stylesheet_saved_through_a_temporary_file_is_swapped_in_place() {
    let site = TestSite::new();
    let server = site.serve();
    let mut sse = server.events();
    let rx = server.watch_reporting(&mut sse);

    // As `sed -i` does: a new file beside it, renamed over it.
    let text = site.read(CSS).replace("color: #212b32;", "color: #005eb8;");
    let temp = site.path("themes/default/static/css/sedQ1w2E3");
    std::fs::write(&temp, &text).expect("write temporary file");
    std::fs::rename(&temp, site.path(CSS)).expect("rename over the stylesheet");
    assert_css_swapped(&server, &mut sse, &rx, "#005eb8", "a sed-style save");

    // As some editors do: the old file moved aside, the new one renamed
    // into place, the old one deleted.
    let text = site.read(CSS).replace("color: #005eb8;", "color: #d5281b;");
    let dir = site.path("themes/default/static/css");
    std::fs::write(dir.join("site.css___jb_tmp___"), &text).expect("write copy");
    std::fs::rename(site.path(CSS), dir.join("site.css___jb_old___")).expect("move aside");
    std::fs::rename(dir.join("site.css___jb_tmp___"), site.path(CSS)).expect("rename into place");
    std::fs::remove_file(dir.join("site.css___jb_old___")).expect("delete old");
    assert_css_swapped(&server, &mut sse, &rx, "#d5281b", "a copy-and-rename save");

    // The real `sed -i`, where there is one.
    match std::process::Command::new("sed")
        .args(["-i", "s/#d5281b/#007f3b/"])
        .arg(site.path(CSS))
        .status()
    {
        Ok(s) if s.success() => {
            assert_css_swapped(&server, &mut sse, &rx, "#007f3b", "sed -i");
        }
        _ => eprintln!("sed is not available here; the real sed -i case is skipped"),
    }

    // A file deleted for good is still a change.
    let page = site.path("content/guides/next-steps.md");
    std::fs::remove_file(&page).expect("delete a page");
    sse.expect_reload("deleting a page");
    assert_eq!(
        next_change(&rx, "deleting a page"),
        vec!["content/guides/next-steps.md".to_string()]
    );
}

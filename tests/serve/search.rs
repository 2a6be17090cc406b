//! The preview's site search: the search page, the A to Z page and the
//! index are served, made again in the background after each rebuild.

use super::*;

/// The fixture site with the real default theme, which has search.
fn site_with_search() -> TestSite {
    let site = TestSite::new();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    std::fs::remove_dir_all(site.path("themes/default")).expect("remove the test theme");
    copy_dir(&theme, &site.path("themes/default"));
    site
}

/// Polls `target` until its body contains `want` (the index is made in the
/// background), for at most 30 seconds.
fn wait_for(server: &Server, target: &str, want: &str) -> Response {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = server.get(target);
        if r.status == 200 && r.text().contains(want) {
            return r;
        }
        assert!(
            Instant::now() < deadline,
            "{target} never had `{want}`: {} {}",
            r.status,
            r.text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_preview_serves_a_live_search_index_and_a_to_z_that_follow_edits() {
    let site = site_with_search();
    let server = site.serve();
    wait_for(&server, "/a-z/", "Visit us");
    let search = wait_for(&server, "/search/", "search-app");
    assert!(
        search.text().contains("/__signpost/"),
        "the search page gets the live-reload script like any page"
    );
    let entry = wait_for(&server, "/search-index/entry.json", "\"records\"");
    assert!(
        entry
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{:?}",
        entry.header("Content-Type")
    );
    // The words files it names are served too.
    let v: serde_json::Value = serde_json::from_str(&entry.text()).expect("entry JSON");
    let first = v["words"][0][1].as_str().expect("a words file");
    assert_eq!(server.get(&format!("/search-index/{first}")).status, 200);

    site.edit(
        "content/visit.md",
        "title: Visit us",
        "title: Finding the building",
    );
    server.preview.rebuild(&server.build, None);
    wait_for(&server, "/a-z/", "Finding the building");
    assert!(!server.get("/a-z/").text().contains("Visit us"));
    // The index follows: its entry names new records.
    let entry = wait_for(&server, "/search-index/entry.json", "\"records\"");
    let v: serde_json::Value = serde_json::from_str(&entry.text()).expect("entry JSON");
    let found = v["records"]
        .as_array()
        .expect("records")
        .iter()
        .any(|name| {
            let r = server.get(&format!("/search-index/{}", name.as_str().unwrap_or("")));
            r.text().contains("Finding the building")
        });
    assert!(found, "no record has the new title");
}

#[test]
fn turning_search_off_takes_the_search_pages_out_of_the_preview() {
    let site = site_with_search();
    let server = site.serve();
    wait_for(&server, "/a-z/", "Visit us");
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}search: false\n"));
    server.preview.rebuild(&server.build, None);
    let deadline = Instant::now() + Duration::from_secs(30);
    while server.get("/search-index/entry.json").status != 404 {
        assert!(Instant::now() < deadline, "the index is still served");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.get("/a-z/").status, 404);
    assert!(!server.get("/").text().contains("role=\"search\""));
}

//! Site search: the index `signpost build` writes holds the pages the
//! sitemap lists, less those marked `search: false`, with only each page's
//! own content; the A–Z page lists the same pages; `search: false` in
//! site.yaml (or a theme with no search page) writes no index at all.

mod common;

use std::collections::BTreeMap;

use common::TestSite;

/// The built index of a site, read back as the browser reads it.
struct Index {
    /// Address, title, summary, start of text; by page id.
    records: Vec<(String, String, String, String)>,
    /// (kind, first id, end id).
    kinds: Vec<(String, u32, u32)>,
    /// Every key in the words files, with the page ids its group lists.
    keys: BTreeMap<String, Vec<u32>>,
    /// Names of the files besides the entry.
    files: Vec<String>,
}

impl Index {
    fn read(site: &TestSite) -> Index {
        let dir = site.output().join("search-index");
        let json = |name: &str| -> serde_json::Value {
            let bytes = std::fs::read(dir.join(name))
                .unwrap_or_else(|e| panic!("the index has no {name}: {e}"));
            serde_json::from_slice(&bytes).expect("JSON")
        };
        let entry = json("entry.json");
        let mut records = Vec::new();
        let mut files = Vec::new();
        for name in entry["records"].as_array().expect("records") {
            let name = name.as_str().expect("name");
            files.push(name.to_string());
            for r in json(name).as_array().expect("a list of records") {
                let s = |i: usize| r[i].as_str().expect("text").to_string();
                records.push((s(0), s(1), s(2), s(3)));
            }
        }
        let mut keys = BTreeMap::new();
        for pair in entry["words"].as_array().expect("words") {
            let name = pair[1].as_str().expect("name");
            files.push(name.to_string());
            let chunk = json(name);
            for form in chunk["f"].as_array().expect("forms") {
                let postings = chunk["g"][form[1].as_u64().expect("group") as usize]
                    .as_array()
                    .expect("postings");
                let mut page = 0;
                let ids: Vec<u32> = postings
                    .chunks(2)
                    .map(|p| {
                        page += p[0].as_u64().expect("gap") as u32;
                        page
                    })
                    .collect();
                keys.insert(form[0].as_str().expect("key").to_string(), ids);
            }
        }
        let kinds = entry["kinds"]
            .as_array()
            .expect("kinds")
            .iter()
            .map(|k| {
                (
                    k[0].as_str().expect("kind").to_string(),
                    k[1].as_u64().expect("from") as u32,
                    k[2].as_u64().expect("to") as u32,
                )
            })
            .collect();
        Index {
            records,
            kinds,
            keys,
            files,
        }
    }

    fn urls(&self) -> Vec<&str> {
        let mut urls: Vec<&str> = self.records.iter().map(|r| r.0.as_str()).collect();
        urls.sort_unstable();
        urls
    }

    fn id(&self, url: &str) -> u32 {
        self.records
            .iter()
            .position(|r| r.0 == url)
            .unwrap_or_else(|| panic!("{url} is not in the index")) as u32
    }

    /// The addresses of the pages `key` finds.
    fn found(&self, key: &str) -> Vec<&str> {
        let mut urls: Vec<&str> = self
            .keys
            .get(key)
            .into_iter()
            .flatten()
            .map(|&id| self.records[id as usize].0.as_str())
            .collect();
        urls.sort_unstable();
        urls
    }

    fn kind(&self, url: &str) -> &str {
        let id = self.id(url);
        self.kinds
            .iter()
            .find(|k| id >= k.1 && id < k.2)
            .map_or("", |k| k.0.as_str())
    }
}

#[test]
fn the_index_leaves_out_drafts_future_pages_closed_vacancies_and_pages_marked_search_false() {
    let site = TestSite::with_default_theme("search");
    site.build_ok();
    let index = Index::read(&site);
    assert_eq!(
        index.urls(),
        ["/", "/vacancies/", "/vacancies/open/", "/wayfinding/"],
        "the pages in the index"
    );
    for word in ["quietword", "draftword", "futureword", "closedword"] {
        assert!(!index.keys.contains_key(word), "`{word}` is in the index");
        for r in &index.records {
            assert!(!r.3.contains(word), "`{word}` is in the record of {}", r.0);
        }
    }
    // (The home page lists the page by its title.)
    assert!(index.found("wayfinding").contains(&"/wayfinding/"));
    assert_eq!(index.found("hospital"), ["/wayfinding/"]);
    assert_eq!(index.kind("/vacancies/open/"), "Vacancies");
    assert_eq!(index.kind("/wayfinding/"), "Pages");
    // A vacancy's fields, shown by its template, are searchable too.
    assert!(index.found("townville").contains(&"/vacancies/open/"));
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
    let index = Index::read(&site);
    for theirs in [
        "skip",
        "trust",
        "accessibility",
        "crisis",
        "useful",
        "reviewed",
    ] {
        assert!(
            !index.keys.contains_key(theirs),
            "`{theirs}` is in the index, on {:?}",
            index.found(theirs)
        );
    }
    for r in &index.records {
        assert!(!r.3.contains("Was this page useful"), "{}: {}", r.0, r.3);
    }
}

#[test]
fn index_files_are_named_by_their_contents_so_a_cache_never_mixes_two_indexes() {
    let site = TestSite::with_default_theme("search");
    site.build_ok();
    let before = Index::read(&site).files;
    assert!(
        before.iter().all(|f| f.len() > 20 && f.ends_with(".json")),
        "{before:?}"
    );
    site.build_ok();
    assert_eq!(
        Index::read(&site).files,
        before,
        "the same site, the same names"
    );
    let text = std::fs::read_to_string(site.path("content/wayfinding.md")).expect("page");
    site.write(
        "content/wayfinding.md",
        &text.replace("wayfinding", "signposting"),
    );
    site.build_ok();
    let after = Index::read(&site);
    assert!(after.found("signposting").contains(&"/wayfinding/"));
    assert_ne!(after.files, before, "a changed index has new file names");
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
    assert!(site.output_exists("search-index/entry.json"));
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
    assert!(!site.output_exists("search-index"), "an index was written");
    assert!(!site.output_exists("search/index.html"));
    assert!(!site.output_exists("a-z/index.html"));
    let home = site.read_output("index.html");
    assert!(!home.contains("role=\"search\""), "a search form: {home}");
    assert!(!home.contains("data-search-body"));
}

#[test]
fn a_theme_without_a_search_page_has_no_search() {
    let site = TestSite::new("search");
    site.build_ok();
    assert!(!site.output_exists("search-index"), "an index was written");
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

/// The words list both the Rust indexer and the browser's script are
/// checked against (tests/browser/search.test.mjs reads the same file), so
/// a word typed in the browser is the key the index has.
#[test]
fn words_are_cut_into_the_keys_the_browser_also_makes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/search-words.json"
    );
    let cases: Vec<(String, Vec<String>)> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the words list"))
            .expect("a list of [text, keys]");
    assert!(cases.len() >= 10);
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = signpost::search::words::keys(text);
            (&got != want).then(|| format!("{text:?}: {got:?}, the list says {want:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

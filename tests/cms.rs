//! The browser editor: `admin/config.yml` and `admin/index.html` made from
//! the kinds and sections, for the example site and a site with a kind of
//! its own; the preview's local backend (saving, media, refusals) is in
//! `tests/serve/cms.rs`.

mod common;

use common::TestSite;

/// The example site, copied with its theme.
fn example() -> TestSite {
    let site = TestSite::with_default_theme("cms");
    for dir in ["content", "themes"] {
        let _ = std::fs::remove_dir_all(site.path(dir));
        common::copy_dir(&common::repo_root().join(dir), &site.path(dir));
    }
    std::fs::copy(
        common::repo_root().join("site.yaml"),
        site.path("site.yaml"),
    )
    .expect("site.yaml");
    site
}

#[test]
fn the_example_site_gets_an_editor_with_a_collection_per_section() {
    let site = example();
    site.build_ok();
    let config = site.read_output("admin/config.yml");
    insta::assert_snapshot!("example_config", config);
    let value: serde_yaml::Value = serde_yaml::from_str(&config).expect("yaml");
    let names: Vec<&str> = value["collections"]
        .as_sequence()
        .expect("collections")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["services", "team", "training", "vacancies", "pages"]
    );
    let index = site.read_output("admin/index.html");
    assert!(
        index.contains("<script src=\"https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js\" integrity=\"sha384-"),
        "{index}"
    );
    assert!(index.contains("<link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">"));
    assert!(index.contains("\"name\":\"care-card\""), "{index}");
    // Not for the preview: no local backend on the published site.
    assert!(!config.contains("local_backend"), "{config}");
}

#[test]
fn a_kind_of_the_site_s_own_gets_a_widget_for_every_field() {
    let site = TestSite::with_default_theme("cms");
    site.build_ok();
    let config = site.read_output("admin/config.yml");
    insta::assert_snapshot!("fixture_config", config);
    let value: serde_yaml::Value = serde_yaml::from_str(&config).expect("yaml");
    assert_eq!(value["backend"]["name"], "gitlab");
    assert_eq!(value["backend"]["branch"], "live");
    assert_eq!(value["backend"]["auth_type"], "pkce");
    assert_eq!(value["public_folder"], "/uploads");
    let events = &value["collections"][0];
    let field = |name: &str| {
        events["fields"]
            .as_sequence()
            .expect("fields")
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone()
    };
    assert_eq!(field("starts")["widget"], "datetime");
    assert_eq!(field("starts")["format"], "YYYY-MM-DD HH:mm");
    assert_eq!(field("speakers")["widget"], "relation");
    assert_eq!(field("speakers")["collection"], "team");
    assert_eq!(field("speakers")["multiple"], true);
    assert_eq!(field("host")["multiple"], false);
    assert_eq!(field("format")["widget"], "select");
    assert_eq!(field("agenda")["fields"][1]["name"], "item");
    assert_eq!(field("agenda")["min"], 1);
    assert_eq!(field("poster")["widget"], "image");
    assert_eq!(field("places")["value_type"], "int");
    assert_eq!(field("step_free")["widget"], "boolean");
    assert_eq!(field("venue")["required"], true);
    assert_eq!(field("details")["widget"], "markdown");
    assert_eq!(field("venue")["hint"], "Where it happens.");
}

#[test]
fn without_cms_settings_no_editor_is_written() {
    let site = TestSite::with_default_theme("cms");
    let text = common::read_text(&site.path("site.yaml"));
    let before = text.split("\ncms:").next().expect("settings");
    site.write("site.yaml", &format!("{before}\n"));
    site.build_ok();
    assert!(!site.output_exists("admin/index.html"));
    site.write("site.yaml", &format!("{before}\ncms:\n  enabled: false\n"));
    site.build_ok();
    assert!(!site.output_exists("admin/config.yml"));
}

#[test]
fn a_page_at_the_editor_s_address_is_a_duplicate_url_error() {
    let site = TestSite::with_default_theme("cms");
    site.write(
        "content/admin.md",
        "---\ntitle: Admin\nsummary: A page where the editor goes.\n---\nHi.\n",
    );
    let report = site.build();
    let out = site.render(&report.diagnostics);
    assert!(out.contains("content/duplicate-url"), "{out}");
    assert!(
        out.contains("browser editor file `/admin/index.html`"),
        "{out}"
    );
}

#[test]
fn sveltia_cms_reads_the_same_configuration_from_its_own_script() {
    let site = TestSite::with_default_theme("cms");
    let text = common::read_text(&site.path("site.yaml"));
    site.write(
        "site.yaml",
        &text.replace("cms:\n", "cms:\n  app: sveltia\n"),
    );
    site.build_ok();
    let index = site.read_output("admin/index.html");
    assert!(
        index.contains(
            "<script src=\"https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js\"></script>"
        ),
        "{index}"
    );
    assert!(
        site.read_output("admin/config.yml")
            .contains("name: gitlab")
    );
}

//! What a one-off build holds of each page: its text is not kept from
//! loading to rendering but read again from the file, and a file saved
//! again in between is reported rather than rendered against the front
//! matter it had when it was loaded.

mod common;

use common::TestSite;
use signpost::content::{load_page, load_page_keeping};
use signpost::diagnostics::Diagnostics;

fn config(site: &TestSite) -> signpost::Config {
    let mut diags = Diagnostics::default();
    signpost::Config::load(&site.root, &mut diags).expect("site.yaml loads")
}

#[test]
fn a_page_loaded_for_a_one_off_build_holds_no_text_but_reads_the_same_text_again() {
    let site = TestSite::new("site");
    let config = config(&site);
    let kept = load_page(&site.root, "contact.md", &config).expect("page loads");
    let page = load_page_keeping(&site.root, "contact.md", &config, false).expect("page loads");
    assert!(matches!(page.text, signpost::content::Text::InFile(_)));
    assert!(page.body().is_empty() && page.front_matter().is_empty());
    assert!(!kept.body().is_empty());
    let text = page.markdown(&site.root).expect("text is read again");
    assert_eq!(text.body(), kept.body());
    assert_eq!(text.front_matter(), kept.front_matter());
}

#[test]
fn a_page_saved_again_after_it_was_loaded_is_reported_instead_of_rendered() {
    let site = TestSite::new("site");
    let config = config(&site);
    let page = load_page_keeping(&site.root, "contact.md", &config, false).expect("page loads");
    let text = std::fs::read_to_string(site.path("content/contact.md")).expect("read");
    site.write("content/contact.md", &format!("{text}\nA line added.\n"));
    let Err(d) = page.markdown(&site.root) else {
        panic!("a changed file must not be rendered with its old fields");
    };
    assert_eq!(d.code, "content/unreadable");
    assert_eq!(
        d.message,
        "This file was changed while the site was being built, so its page may be out of date"
    );
    assert_eq!(d.file, std::path::Path::new("content/contact.md"));
}

#[test]
fn a_page_holds_its_title_and_summary_once_in_its_fields() {
    let site = TestSite::new("site");
    let config = config(&site);
    let held_once = |shown: &str, field: Option<&serde_yaml::Value>| {
        let field = field.and_then(serde_yaml::Value::as_str).expect("field");
        assert_eq!(shown, field);
        // The same text, not a copy of it.
        assert_eq!(shown.as_ptr(), field.as_ptr());
    };
    let page = load_page_keeping(&site.root, "contact.md", &config, false).expect("page loads");
    assert_eq!(page.title(), "Contact us");
    held_once(page.title(), page.fields.get("title"));
    held_once(page.summary(), page.fields.get("summary"));
    // A team member's title is their name.
    let ann =
        load_page_keeping(&site.root, "team/ann-example.md", &config, false).expect("page loads");
    assert_eq!(ann.title(), "Ann Example");
    held_once(ann.title(), ann.fields.get("name"));
}

#[test]
fn a_one_off_build_is_not_built_again_in_part_as_it_keeps_no_record_of_what_pages_read() {
    let site = TestSite::new("site");
    let build = signpost::start(&site.options(), &signpost::output::NullSink, false);
    let Ok(mut build) = build else {
        panic!("the fixture site builds");
    };
    let text = std::fs::read_to_string(site.path("content/contact.md")).expect("read");
    site.write(
        "content/contact.md",
        &text.replace("title: Contact us", "title: Talk to us"),
    );
    let change = signpost::build::Change {
        paths: vec!["content/contact.md".into()],
    };
    assert_eq!(
        build.apply(&change, &signpost::output::NullSink),
        signpost::build::Applied::Full
    );
}

//! Tests of [`Site::reload`]: after each edit the site must be the one a
//! fresh load makes, whether the list of files was worked out from the
//! changed paths or walked again.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use super::reload::files_after;
use super::{LoadOptions, Site};
use crate::config::Config;
use crate::diagnostics::Diagnostics;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        match entry.file_type().expect("type").is_dir() {
            true => copy_dir(&entry.path(), &target),
            false => drop(fs::copy(entry.path(), &target).expect("copy")),
        }
    }
}

fn opts() -> LoadOptions {
    LoadOptions {
        drafts: false,
        today: jiff::civil::date(2026, 11, 24),
        fingerprint: false,
        minify: false,
        writing: false,
    }
}

/// A copy of the example site (its `site.yaml` and `content/`), loaded.
fn example() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    let site = load(dir.path()).0;
    (dir, site)
}

fn load(root: &Path) -> (Site, Vec<String>) {
    let mut diags = Diagnostics::default();
    let config = Config::load(root, &mut diags).expect("site.yaml");
    let mut diags = Diagnostics::default();
    let site = Site::load(root, config, &opts(), &mut diags).expect("the site");
    (site, shown(diags))
}

fn shown(diags: Diagnostics) -> Vec<String> {
    diags.into_vec().iter().map(|d| format!("{d:?}")).collect()
}

/// Everything a later stage reads of the site, in its order.
fn described(site: &Site) -> String {
    let mut by_source: Vec<_> = site.by_source.iter().collect();
    by_source.sort();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{} {}",
        site.pages,
        site.assets,
        by_source,
        site.drafts_left_out,
        site.held_back,
        site.failed,
        site.home,
        site.stand_in_home,
    )
}

/// Reloads after `changed` and checks the site equals a fresh load.
/// Returns whether the walk was done without.
fn reload_and_compare(root: &Path, site: &mut Site, changed: &[&str], only_md: bool) -> bool {
    let changed: HashSet<String> = changed.iter().map(|s| s.to_string()).collect();
    let mut sorted: Vec<&str> = changed.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let content = root.join(super::CONTENT_DIR);
    let shortcut = only_md && site.walk_clean && files_after(site, &sorted, &content).is_some();
    let mut diags = Diagnostics::default();
    assert!(site.reload(&changed, only_md, &opts(), &mut diags));
    let (fresh, fresh_diags) = load(root);
    assert_eq!(described(site), described(&fresh), "after {changed:?}");
    assert_eq!(shown(diags), fresh_diags, "after {changed:?}");
    assert_eq!(site.walk_clean, fresh.walk_clean);
    shortcut
}

fn write(root: &Path, source: &str, title: &str) {
    let path = root.join("content").join(source);
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    let text = format!("---\ntitle: {title}\nsummary: A page called {title}.\n---\nSome text.\n");
    fs::write(path, text).expect("write");
}

#[test]
fn a_page_edited_added_or_deleted_in_a_known_folder_is_reloaded_without_a_walk() {
    let (dir, mut site) = example();
    let root = dir.path();
    write(root, "about-peer-support.md", "A new title");
    assert!(reload_and_compare(
        root,
        &mut site,
        &["about-peer-support.md"],
        true
    ));
    write(root, "services/a-new-service.md", "A new service");
    assert!(reload_and_compare(
        root,
        &mut site,
        &["services/a-new-service.md"],
        true
    ));
    // A draft and a page with a mistake are read again each time.
    fs::write(
        root.join("content/team/draft.md"),
        "---\ntitle: T\ndraft: true\n---\n",
    )
    .expect("w");
    fs::write(root.join("content/services/bad.md"), "---\ntitle: [\n---\n").expect("w");
    let both = ["team/draft.md", "services/bad.md"];
    assert!(reload_and_compare(root, &mut site, &both, true));
    let (from, to) = ("services/a-new-service.md", "services/renamed.md");
    fs::rename(
        root.join("content").join(from),
        root.join("content").join(to),
    )
    .expect("mv");
    assert!(reload_and_compare(root, &mut site, &[from, to], true));
    fs::remove_file(root.join("content").join(to)).expect("rm");
    assert!(reload_and_compare(root, &mut site, &[to], true));
    fs::remove_file(root.join("content/_index.md")).expect("rm");
    assert!(reload_and_compare(root, &mut site, &["_index.md"], true));
    assert!(site.stand_in_home);
    write(root, "_index.md", "Home again");
    assert!(reload_and_compare(root, &mut site, &["_index.md"], true));
}

#[test]
fn a_page_added_in_a_new_folder_walks_the_folder_again() {
    let (dir, mut site) = example();
    let root = dir.path();
    // The watcher may report a file of a new folder and not the others.
    write(root, "guides/_index.md", "Guides");
    write(root, "guides/first.md", "First guide");
    assert!(!reload_and_compare(
        root,
        &mut site,
        &["guides/first.md"],
        true
    ));
    assert!(site.page_by_source("guides/_index.md").is_some());
}

#[test]
fn a_folder_deleted_with_its_pages_walks_the_folder_again() {
    let (dir, mut site) = example();
    let root = dir.path();
    write(root, "guides/_index.md", "Guides");
    write(root, "guides/first.md", "First guide");
    reload_and_compare(
        root,
        &mut site,
        &["guides/_index.md", "guides/first.md"],
        false,
    );
    fs::remove_dir_all(root.join("content/guides")).expect("rm");
    // Told of one file of the folder only.
    assert!(!reload_and_compare(
        root,
        &mut site,
        &["guides/first.md"],
        true
    ));
    assert!(site.page_by_source("guides/_index.md").is_none());
}

#[test]
fn a_hidden_file_or_one_in_a_hidden_folder_stays_out() {
    let (dir, mut site) = example();
    let root = dir.path();
    write(root, "services/.notes.md", "Notes");
    assert!(reload_and_compare(
        root,
        &mut site,
        &["services/.notes.md"],
        true
    ));
    write(root, "services/.old/page.md", "Old");
    assert!(reload_and_compare(
        root,
        &mut site,
        &["services/.old/page.md"],
        true
    ));
    // An editor's lock file.
    write(root, ".#contact.md", "Lock");
    assert!(reload_and_compare(root, &mut site, &[".#contact.md"], true));
    assert!(site.page_by_source("services/.notes.md").is_none());
}

#[test]
fn a_page_renamed_to_text_and_back_is_walked_again() {
    let (dir, mut site) = example();
    let root = dir.path();
    let content = root.join("content");
    fs::rename(content.join("contact.md"), content.join("contact.txt")).expect("mv");
    // The caller saw a file that is not markdown change.
    reload_and_compare(root, &mut site, &["contact.md"], false);
    assert!(site.assets.iter().any(|a| a.to == "contact.txt"));
    fs::rename(content.join("contact.txt"), content.join("contact.md")).expect("mv");
    reload_and_compare(root, &mut site, &["contact.md"], false);
    assert!(site.page_by_source("contact.md").is_some());
}

#[test]
fn files_are_read_in_the_order_the_walk_lists_them() {
    use super::reload::walk_order;
    let mut files = vec!["a-b.md", "a/b.md", "a.md", "_index.md", "a/_index.md"];
    files.sort_by(|a, b| walk_order(a, b));
    assert_eq!(
        files,
        ["_index.md", "a/_index.md", "a/b.md", "a-b.md", "a.md"]
    );
    // Two pages with mistakes whose order differs from the sorted one.
    let (dir, mut site) = example();
    let root = dir.path();
    fs::write(root.join("content/services-x.md"), "---\ntitle: [\n---\n").expect("w");
    fs::write(root.join("content/services/z.md"), "---\ntitle: [\n---\n").expect("w");
    reload_and_compare(root, &mut site, &["services-x.md", "services/z.md"], true);
    write(root, "about-peer-support.md", "Another title");
    assert!(reload_and_compare(
        root,
        &mut site,
        &["about-peer-support.md"],
        true
    ));
}

#[cfg(unix)]
#[test]
fn a_site_whose_walk_found_something_to_report_is_walked_again() {
    let (dir, mut site) = example();
    let root = dir.path();
    // A backslash in a name is reported by the walk.
    write(root, "services/odd\\name.md", "Odd");
    reload_and_compare(root, &mut site, &["services/odd\\name.md"], false);
    assert!(!site.walk_clean);
    write(root, "about-peer-support.md", "A new title");
    assert!(!reload_and_compare(
        root,
        &mut site,
        &["about-peer-support.md"],
        true
    ));
}

#[test]
fn a_section_keeps_its_listing_with_new_and_changed_pages_put_in_place() {
    let (dir, mut site) = example();
    let root = dir.path();
    let services = root.join("content/services");
    let model = fs::read_to_string(services.join("crisis-and-home-treatment.md")).expect("r");
    let titled = |title: &str| model.replacen("title: Crisis and home treatment", title, 1);
    fs::write(services.join("zz-first.md"), titled("title: Aardvark team")).expect("w");
    assert!(reload_and_compare(
        root,
        &mut site,
        &["services/zz-first.md"],
        true
    ));
    fs::write(
        services.join("aa-middle.md"),
        titled("title: Inpatient teams"),
    )
    .expect("w");
    let moved = "services/community-mental-health-teams.md";
    let text = fs::read_to_string(root.join("content").join(moved)).expect("r");
    let text = text.replacen("\ntitle: ", "\ntitle: Zz ", 1);
    fs::write(root.join("content").join(moved), text).expect("w");
    assert!(reload_and_compare(
        root,
        &mut site,
        &["services/aa-middle.md", moved],
        true
    ));
    let first = site.page_by_source("services/zz-first.md").expect("listed");
    let section = &site.pages[first.parent.expect("a parent")];
    let listed = |s: &str| {
        section
            .children
            .iter()
            .position(|&c| &*site.pages[c].source == s)
    };
    assert_eq!(listed("services/zz-first.md"), Some(0));
    assert_eq!(listed(moved), Some(section.children.len() - 1));
}

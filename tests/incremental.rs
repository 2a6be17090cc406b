//! The preview's incremental rebuilds must always equal a full build, byte
//! for byte. Each test copies the example site, applies edits one at a time
//! to a live session, and compares its files with a fresh in-memory build.

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use signpost::BuildOptions;
use signpost::serve::Change;
use signpost::serve::session::Session;
use signpost::serve::state::{Files, build_in_memory};

/// A temp copy of the example site.
fn example_site() -> (tempfile::TempDir, BuildOptions) {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    common::copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    let mut opts = BuildOptions::new(dir.path());
    opts.today = Some("2026-11-24".parse().expect("date"));
    opts.base_url = Some("http://127.0.0.1:1111/".into());
    opts.feedback_endpoint = Some("/__signpost/feedback".into());
    (dir, opts)
}

/// The change the watcher reports for `paths` (from the site's root).
fn changed(paths: &[&str]) -> Change {
    Change {
        paths: paths.iter().map(|p| p.to_string()).collect(),
    }
}

/// A full build of the site in memory, as the preview starts one.
fn full(opts: &BuildOptions) -> Session {
    Session::full(opts).unwrap_or_else(|d| panic!("full build failed: {:?}", d.sorted()))
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) -> Change {
    let path: PathBuf = root.join(rel);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, f(text)).expect("write");
    Change {
        paths: vec![rel.to_string()],
    }
}

/// Applies `change` to the session (or rebuilds it when it asks for a full
/// build), then checks it equals a fresh build.
fn apply_and_compare(session: &mut Session, opts: &BuildOptions, change: &Change) -> bool {
    let incremental = session.apply(change).is_some();
    if !incremental {
        *session = full(opts);
    }
    let (fresh, diags) = common::preview::fresh_build(opts);
    let fresh: Files = fresh.unwrap_or_else(|| panic!("fresh build failed: {:?}", diags.sorted()));
    assert_same(&session.files(), &fresh, &change.paths);
    // The findings (warnings included) must match too.
    assert_eq!(
        session.diagnostics().sorted(),
        diags.sorted(),
        "after changing {:?}: different findings",
        change.paths
    );
    incremental
}

fn assert_same(got: &Files, want: &Files, what: &[String]) {
    let got_keys: Vec<&String> = got.keys().collect();
    let want_keys: Vec<&String> = want.keys().collect();
    assert_eq!(
        got_keys, want_keys,
        "after changing {what:?}: different files"
    );
    for (k, v) in want {
        assert!(
            got[k] == *v,
            "after changing {what:?}: {k} differs from a full build"
        );
    }
}

#[test]
fn editing_page_bodies_and_fields_stays_equal_to_a_full_build() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);

    // Body only: just that page.
    let c = edit(root, "content/contact.md", |t| {
        t + "\nA new closing line.\n"
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert!(
        String::from_utf8_lossy(&session.files()["contact/index.html"])
            .contains("A new closing line.")
    );

    // A broken link in the text, then its fix: only the page's own links are re-checked.
    let c = edit(root, "content/about-peer-support.md", |t| {
        t + "\nSee [the old page](/no-such-page/).\n"
    });
    assert!(session.apply(&c).is_some());
    let found = session.diagnostics().sorted();
    assert!(
        found
            .iter()
            .any(|d| d.code == "link/broken" && d.line.is_some()),
        "{found:?}"
    );
    let c = edit(root, "content/about-peer-support.md", |t| {
        t.replace("\nSee [the old page](/no-such-page/).\n", "")
    });
    assert!(apply_and_compare(&mut session, &opts, &c));

    // A title shown in a listing.
    let c = edit(root, "content/services/crisis-and-home-treatment.md", |t| {
        t.replacen("title: ", "title: Renamed ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));

    // A weight that reorders a listing.
    let c = edit(root, "content/team/saffron-bradshaw.md", |t| {
        t.replace("weight: 3", "weight: 0")
    });
    assert!(apply_and_compare(&mut session, &opts, &c));

    // A section in the navigation: every page shows it.
    let c = edit(root, "content/services/_index.md", |t| {
        t.replacen("title: ", "title: All ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));

    // A vacancy closing date moving into the past closes it.
    let c = edit(
        root,
        "content/vacancies/peer-support-worker-community.md",
        |t| t.replace("closing_date: 2027-03-31", "closing_date: 2026-11-20"),
    );
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn templates_and_stylesheets_stay_equal_to_a_full_build() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let c = edit(root, "themes/default/templates/page.html", |t| {
        t + "\n{# edited #}\n"
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    let c = edit(root, "themes/default/static/css/site.css", |t| {
        t + "\n.edited { color: #212b32; }\n"
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert!(String::from_utf8_lossy(&session.files()["css/site.css"]).contains(".edited"));
}

#[test]
fn a_template_that_writes_a_new_id_rebuilds_so_that_headings_keep_clear_of_it() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let c = edit(root, "themes/default/templates/page.html", |t| {
        t.replace(
            "{% endblock %}",
            "<p id=\"email-us\">From the theme</p>\n{% endblock %}",
        )
    });
    // New theme ids change the pages' heading ids: a full build.
    assert!(!apply_and_compare(&mut session, &opts, &c));
    let contact = String::from_utf8_lossy(&session.files()["contact/index.html"]).into_owned();
    assert!(contact.contains(r#"<h2 id="email-us-1">"#), "{contact}");
}

#[test]
fn a_mistake_is_reported_and_its_fix_is_applied_without_a_full_build() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let c = edit(root, "content/contact.md", |t| {
        t.replacen("title: ", "titel: ", 1)
    });
    assert!(session.apply(&c).is_some());
    assert!(session.has_errors());
    let diags = session.diagnostics().sorted();
    assert!(
        diags.iter().any(|d| d.field.as_deref() == Some("titel")),
        "{diags:?}"
    );
    // (The preview keeps serving the last good files meanwhile: see
    // tests/serve.rs.)
    let c = edit(root, "content/contact.md", |t| {
        t.replacen("titel: ", "title: ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert!(!session.has_errors());
}

#[test]
fn new_deleted_and_renamed_pages_are_applied_without_a_full_build() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let new = "content/new-page.md";
    fs::write(
        root.join(new),
        "---\ntitle: New service\nsummary: A new service for the tests.\n---\nHello\n",
    )
    .expect("write");
    let c = changed(&[new]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    let renamed = "content/renamed-page.md";
    fs::rename(root.join(new), root.join(renamed)).expect("rename");
    let c = changed(&[new, renamed]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    fs::remove_file(root.join(renamed)).expect("rm");
    let c = changed(&[renamed]);
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn a_page_moved_to_another_section_and_a_new_section_folder_are_applied_without_a_full_build() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // A new section folder with its `_index.md` and a page in it.
    fs::create_dir_all(root.join("content/clinics")).expect("mkdir");
    fs::write(
        root.join("content/clinics/_index.md"),
        "---\ntitle: Clinics\nsummary: Where our clinics are.\n---\n",
    )
    .expect("write");
    fs::write(
        root.join("content/clinics/north.md"),
        "---\ntitle: North clinic\nsummary: The clinic in the north.\n---\nOpen on Mondays.\n",
    )
    .expect("write");
    let c = changed(&[
        "content/clinics",
        "content/clinics/_index.md",
        "content/clinics/north.md",
    ]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    // A page moved from the top of the site into the new section.
    fs::write(
        root.join("content/moving.md"),
        "---\ntitle: Moving page\nsummary: A page that moves.\n---\nHello\n",
    )
    .expect("write");
    let c = changed(&["content/moving.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    fs::rename(
        root.join("content/moving.md"),
        root.join("content/clinics/moving.md"),
    )
    .expect("move");
    let c = changed(&["content/moving.md", "content/clinics/moving.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    // And the folder's index removed again: its pages move up to the home page.
    fs::remove_file(root.join("content/clinics/_index.md")).expect("rm");
    let c = changed(&["content/clinics/_index.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    // And back: its pages' breadcrumbs gain the section again, though the
    // home page they showed before has not changed.
    fs::write(
        root.join("content/clinics/_index.md"),
        "---\ntitle: Clinics\nsummary: Where our clinics are.\n---\n",
    )
    .expect("write");
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn a_page_made_a_draft_and_published_again_is_applied_without_a_full_build() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let page = first_md(root, "content/services");
    let c = edit(root, &page, |t| {
        t.replacen("---\n", "---\ndraft: true\n", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    let c = edit(root, &page, |t| t.replacen("draft: true\n", "", 1));
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn a_text_edit_renders_one_page_and_a_new_page_only_what_lists_it() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let pages = session
        .files()
        .keys()
        .filter(|k| k.ends_with("index.html"))
        .count();
    let page = first_md(root, "content/services");
    let c = edit(root, &page, |t| format!("{t}\nOne more paragraph.\n"));
    assert_eq!(session.apply(&c), Some(1));
    let new = "content/another.md";
    fs::write(
        root.join(new),
        "---\ntitle: Another page\nsummary: One more page.\n---\nHello\n",
    )
    .expect("write");
    let c = changed(&[new]);
    let n = session.apply(&c).expect("applied without a full build");
    assert!(n > 1 && n < pages, "{n} of {pages} pages rendered again");
}

#[test]
fn site_yaml_needs_a_full_build() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let c = edit(root, "site.yaml", |t| {
        t.replace("title: Peer support", "title: Peer support service")
    });
    assert!(!apply_and_compare(&mut session, &opts, &c));
}

/// Applies `change` and checks the findings equal a fresh build's, also
/// when the site has mistakes (and so no files to compare).
fn apply_and_compare_findings(session: &mut Session, opts: &BuildOptions, change: &Change) {
    assert!(
        session.apply(change).is_some(),
        "{change:?} needed a full build"
    );
    let (_, diags) = build_in_memory(opts);
    assert_eq!(
        session.diagnostics().sorted(),
        diags.sorted(),
        "after {change:?}"
    );
}

#[test]
fn links_to_a_page_that_comes_or_goes_are_checked_again_in_bodies_and_fields() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let service = first_md(root, "content/services");
    // A markdown field and the body both link to a page that is not there yet.
    let c = edit(root, &service, |t| {
        let t = t.replacen("\ncontact: ", "\ncontact: See [later](../later.md). ", 1);
        format!("{t}\nRead [the later page](../later.md).\n")
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        session
            .diagnostics()
            .iter()
            .filter(|d| d.code == "link/missing-page")
            .count()
            >= 2,
        "{:?}",
        session.diagnostics().sorted()
    );
    fs::write(
        root.join("content/later.md"),
        "---\ntitle: Later\nsummary: A page added later.\n---\nHello\n",
    )
    .expect("write");
    let c = changed(&["content/later.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    fs::remove_file(root.join("content/later.md")).expect("rm");
    apply_and_compare_findings(&mut session, &opts, &c);
}

#[test]
fn a_feed_section_renamed_updates_every_pages_head_and_a_new_photo_is_served() {
    let (dir, opts) = example_site();
    let root = dir.path();
    // Vacancies out of the menu, so that only the feed's title shows it.
    edit(root, "site.yaml", |t| t.replacen("  - vacancies\n", "", 1));
    let mut session = full(&opts);
    let c = edit(root, "content/vacancies/_index.md", |t| {
        t.replacen("title: ", "title: Renamed ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    // A file beside the pages, then saved again with new bytes, same name.
    let rel = "content/team/leaflet.pdf".to_string();
    for bytes in [&b"%PDF-1.4 first"[..], &b"%PDF-1.4 second, longer"[..]] {
        fs::write(root.join(&rel), bytes).expect("write");
        let c = Change {
            paths: vec![rel.clone()],
        };
        assert!(apply_and_compare(&mut session, &opts, &c));
    }
}

#[test]
fn a_link_to_the_search_page_stays_good_after_a_text_edit() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let page = "content/contact.md";
    edit(root, page, |t| {
        format!("{t}\n[Search the site](/search/)\n")
    });
    let mut session = full(&opts);
    let c = edit(root, page, |t| format!("{t}\nOne more line.\n"));
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn a_placeholder_text_replaced_in_a_page_body_clears_its_finding() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let page = "content/contact.md";
    let text = fs::read_to_string(root.join(page)).expect("read");
    // The line `signpost new` writes, left in a published page's text (its
    // headings, and so what other pages can link to, unchanged).
    let with_placeholder = format!("{text}\n{}\n", signpost::content::placeholder::BODY);
    fs::write(root.join(page), &with_placeholder).expect("write");
    let c = changed(&[page]);
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        session
            .diagnostics()
            .iter()
            .any(|d| d.code == "content/placeholder")
    );
    fs::write(root.join(page), &text).expect("write");
    assert!(apply_and_compare(&mut session, &opts, &c));
}

/// The first page (not `_index.md`) in a folder of the site, by name.
fn first_md(root: &Path, dir: &str) -> String {
    let mut names: Vec<String> = fs::read_dir(root.join(dir))
        .expect("folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .collect();
    names.sort();
    format!("{dir}/{}", names.first().expect("a page"))
}

#[test]
fn a_template_edit_renders_only_the_pages_that_use_it() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let pages = session
        .files()
        .keys()
        // Pages made from markdown (not the 404, feedback or editor pages).
        .filter(|k| k.ends_with("index.html"))
        .filter(|k| !k.starts_with("admin/") && !k.starts_with("feedback/"))
        .count();
    let c = edit(root, "themes/default/templates/vacancy.html", |t| {
        t.replacen(
            "{% block content %}",
            "{% block content %}<p>Edited vacancy template</p>",
            1,
        )
    });
    let vacancies = fs::read_dir(root.join("content/vacancies"))
        .expect("vacancies")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "_index.md")
        .count();
    // Rendered again: the vacancies (and the special pages, not counted).
    let n = session.apply(&c).expect("applied without a full build");
    assert_eq!(n, vacancies, "{n} pages rendered again");
    let (fresh, diags) = common::preview::fresh_build(&opts);
    let fresh = fresh.unwrap_or_else(|| panic!("{:?}", diags.sorted()));
    assert_same(&session.files(), &fresh, &c.paths);
    assert!(
        fresh
            .iter()
            .any(|(_, v)| String::from_utf8_lossy(v).contains("Edited vacancy template"))
    );
    // A partial every page includes renders every page.
    let partial = fs::read_dir(root.join("themes/default/templates/partials"))
        .expect("partials")
        .filter_map(|e| e.ok())
        .map(|e| {
            format!(
                "themes/default/templates/partials/{}",
                e.file_name().to_string_lossy()
            )
        })
        .find(|p| {
            fs::read_to_string(root.join("themes/default/templates/base.html"))
                .unwrap_or_default()
                .contains(p.trim_start_matches("themes/default/templates/"))
        })
        .expect("a partial that base.html includes");
    let c = edit(root, &partial, |t| t + "\n{# edited #}\n");
    let n = session.apply(&c).expect("applied without a full build");
    assert_eq!(n, pages, "{n} of {pages}");
}

/// An edit to one file's text.
type Step = Box<dyn Fn(String) -> String>;

#[test]
fn editing_a_services_team_or_a_vacancys_course_updates_the_pages_on_both_sides() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let service = "content/services/early-intervention-in-psychosis.md";
    let vacancy = "content/vacancies/peer-support-worker-community.md";
    let steps: Vec<(&str, Step)> = vec![
        // Adds a team member: their page now lists the service.
        (
            service,
            Box::new(|t| t.replacen("\n---\n", "\nteam_members:\n  - tony-mitchell\n---\n", 1)),
        ),
        // A renamed member shows on the service's page.
        (
            "content/team/tony-mitchell.md",
            Box::new(|t| t.replace("name: Tony Mitchell", "name: Tony Mitchel-Smith")),
        ),
        // Drops them again: their page no longer lists it.
        (
            service,
            Box::new(|t| t.replace("team_members:\n  - tony-mitchell\n", "")),
        ),
        // A vacancy's course leaves, and the course's title changes.
        (
            vacancy,
            Box::new(|t| t.replace("course: peer-support-course\n", "")),
        ),
        (
            vacancy,
            Box::new(|t| {
                t.replace(
                    "how_to_apply:",
                    "course: peer-support-course\nhow_to_apply:",
                )
            }),
        ),
        (
            "content/training/peer-support-course.md",
            Box::new(|t| {
                t.replace(
                    "title: Online peer support course",
                    "title: Peer support course (online)",
                )
            }),
        ),
    ];
    for (rel, f) in steps {
        let change = edit(root, rel, f);
        apply_and_compare(&mut session, &opts, &change);
    }
}

#[test]
fn a_new_team_member_shows_on_the_service_that_already_named_them() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // The service names someone with no page yet (a mistake, so the
    // service's page did not read theirs); their name is in dictionary
    // words, so the spelling check does not render it again either...
    let service = "content/services/early-intervention-in-psychosis.md";
    let change = edit(root, service, |t| {
        t.replacen("\n---\n", "\nteam_members:\n  - robin-baker\n---\n", 1)
    });
    assert!(session.apply(&change).is_some());
    // ...then their page is added: the service's page must now list them.
    let member = "content/team/robin-baker.md";
    fs::write(
        root.join(member),
        "---\nname: Robin Baker\nrole: Peer Support Worker\nbio: Works with the early intervention team.\nlast_reviewed: 2026-11-01\nnext_review_due: 2027-11-01\n---\nRobin works in the team.\n",
    )
    .expect("write");
    let change = changed(&[member]);
    assert!(apply_and_compare(&mut session, &opts, &change));
    let page = &session.files()["services/early-intervention-in-psychosis/index.html"];
    assert!(String::from_utf8_lossy(page).contains("Robin Baker"));
}

#[test]
fn a_link_to_a_page_with_a_mistake_is_broken_once_that_page_is_deleted() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // The home page and a markdown field of a course link to contact.md.
    let c = edit(root, "content/training/peer-support-course.md", |t| {
        t.replacen(
            "how_to_book: |\n",
            "how_to_book: |\n  See [contact](../contact.md).\n",
            1,
        )
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    // A mistake leaves it out of the site, but links to it are not broken.
    let c = edit(root, "content/contact.md", |t| {
        t.replacen("title: ", "titel: ", 1)
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    fs::remove_file(root.join("content/contact.md")).expect("rm");
    apply_and_compare_findings(&mut session, &opts, &c);
    let missing = session
        .diagnostics()
        .iter()
        .filter(|d| d.code == "link/missing-page")
        .count();
    assert!(missing >= 2, "{:?}", session.diagnostics().sorted());
}

#[test]
fn a_link_to_a_draft_is_missing_once_the_draft_is_deleted() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let c = edit(root, "content/about-peer-support.md", |t| {
        format!("{t}\nMeet [Drew](team/drew-szmit.md).\n")
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    let c = edit(root, "content/team/drew-szmit.md", |t| {
        t.replacen("---\n", "---\ndraft: true\n", 1)
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        session
            .diagnostics()
            .iter()
            .any(|d| d.code == "link/to-draft"),
        "{:?}",
        session.diagnostics().sorted()
    );
    fs::remove_file(root.join("content/team/drew-szmit.md")).expect("rm");
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        session
            .diagnostics()
            .iter()
            .any(|d| d.code == "link/missing-page"),
        "{:?}",
        session.diagnostics().sorted()
    );
}

#[test]
fn a_footer_link_to_a_draft_that_is_deleted_is_reported_as_broken() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // `footer_links` in site.yaml names /accessibility/, which no page
    // links to and the menu does not show.
    let page = "content/accessibility.md";
    let c = edit(root, page, |t| t.replacen("---\n", "---\ndraft: true\n", 1));
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        session
            .diagnostics()
            .iter()
            .any(|d| d.code == "link/to-draft" && d.field.as_deref() == Some("footer_links")),
        "{:?}",
        session.diagnostics().sorted()
    );
    // Deleted while a draft: the page no listing showed is now missing.
    let text = fs::read_to_string(root.join(page)).expect("read");
    fs::remove_file(root.join(page)).expect("rm");
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        session
            .diagnostics()
            .iter()
            .any(|d| d.code == "link/broken" && d.field.as_deref() == Some("footer_links")),
        "{:?}",
        session.diagnostics().sorted()
    );
    fs::write(root.join(page), text.replacen("draft: true\n", "", 1)).expect("write");
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn a_page_title_that_names_a_word_clears_its_spelling_finding_on_other_pages() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // A word the dictionary does not know, in one page's text and another
    // page's field.
    let c = edit(root, "content/contact.md", |t| {
        format!("{t}\nVisit Zorbly on Mondays.\n")
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    let c = edit(root, "content/team/drew-szmit.md", |t| {
        t.replacen("role: ", "role: Zorbly ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    let spelling = |s: &Session| {
        s.diagnostics()
            .iter()
            .filter(|d| d.code == "writing/spelling" && d.message.contains("Zorbly"))
            .count()
    };
    assert_eq!(
        spelling(&session),
        2,
        "{:?}",
        session.diagnostics().sorted()
    );
    // Page titles are known words: a page called Zorbly makes it one.
    let c = edit(root, "content/accessibility.md", |t| {
        t.replacen("title: ", "title: Zorbly ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert_eq!(spelling(&session), 0);
    // And back.
    let c = edit(root, "content/accessibility.md", |t| {
        t.replacen("title: Zorbly ", "title: ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert_eq!(spelling(&session), 2);
}

#[test]
fn a_name_joined_by_a_hyphen_or_with_an_accented_capital_in_a_title_rechecks_the_pages_using_it() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // Words the dictionary does not know: one that a hyphenated name in a
    // title will make known on its own, and one with an accented capital.
    let c = edit(root, "content/contact.md", |t| {
        format!("{t}\nAsk Zorbly or Łuzbeck on Mondays.\n")
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    let count = |s: &Session, word: &str| {
        s.diagnostics()
            .iter()
            .filter(|d| d.code == "writing/spelling" && d.message.contains(word))
            .count()
    };
    assert_eq!(
        count(&session, "Zorbly"),
        1,
        "{:?}",
        session.diagnostics().sorted()
    );
    assert_eq!(count(&session, "Łuzbeck"), 1);
    // The title's words are `Zorbly` alone once the hyphenated name is cut
    // back, and `Łuzbeck` as written.
    let c = edit(root, "content/accessibility.md", |t| {
        t.replacen("title: ", "title: Zorbly-Kaur Łuzbeck ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert_eq!(count(&session, "Łuzbeck"), 0);
    let c = edit(root, "content/accessibility.md", |t| {
        t.replacen("title: Zorbly-Kaur ", "title: Zorbly ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert_eq!(count(&session, "Zorbly"), 0);
}

#[test]
fn a_new_page_titled_in_dictionary_words_does_not_render_the_pages_using_them_again() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let pages = session
        .files()
        .keys()
        .filter(|k| k.ends_with("index.html"))
        .count();
    // Nearly every page uses `this` and `with`, words no title had: the
    // dictionary has them, so a title knowing them changes no page's
    // spelling findings.
    let new = "content/a-group-for-carers.md";
    fs::write(
        root.join(new),
        "---\ntitle: This is with carers\nsummary: Meet other carers.\n---\nHello\n",
    )
    .expect("write");
    let c = changed(&[new]);
    let n = session.apply(&c).expect("applied without a full build");
    assert!(n < pages / 2, "{n} of {pages} pages rendered again");
    // Still equal to a full build, and so after the page is gone again.
    let (fresh, diags) = common::preview::fresh_build(&opts);
    assert_same(&session.files(), &fresh.expect("fresh build"), &c.paths);
    assert_eq!(session.diagnostics().sorted(), diags.sorted());
    fs::remove_file(root.join(new)).expect("remove");
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn a_new_page_with_a_finding_is_reported_and_listed_after_a_text_edit_of_another() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // A text edit first: what the preview keeps between text edits (the
    // pages in site order, the page links) is made.
    let c = edit(root, "content/contact.md", |t| format!("{t}\nMore text.\n"));
    apply_and_compare_findings(&mut session, &opts, &c);
    let before = session.page_links();
    let new = "content/new-page.md";
    fs::write(
        root.join(new),
        "---\ntitle: New service\nsummary: A new service for the tests.\n---\n[click here](contact.md)\n",
    )
    .expect("write");
    let c = changed(&[new]);
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        session
            .diagnostics()
            .iter()
            .any(|d| d.file == Path::new("content/new-page.md")),
        "the new page's finding is reported"
    );
    let after = session.page_links();
    assert!(!before.contains_key(Path::new("content/new-page.md")));
    assert!(after.contains_key(Path::new("content/new-page.md")));
    fs::remove_file(root.join(new)).expect("rm");
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(
        !session
            .page_links()
            .contains_key(Path::new("content/new-page.md"))
    );
}

#[test]
fn a_section_folder_given_an_index_above_another_updates_the_breadcrumbs_two_levels_down() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    fs::create_dir_all(root.join("content/outer/inner")).expect("mkdir");
    let page =
        |title: &str| format!("---\ntitle: {title}\nsummary: A page for the tests.\n---\nHello\n");
    fs::write(root.join("content/outer/inner/_index.md"), page("Inner")).expect("write");
    fs::write(root.join("content/outer/inner/deep.md"), page("Deep")).expect("write");
    let c = changed(&[
        "content/outer/inner/_index.md",
        "content/outer/inner/deep.md",
    ]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    // `deep`'s parent stays `inner`; `inner`'s becomes `outer`, which
    // `deep`'s breadcrumbs now show.
    fs::write(root.join("content/outer/_index.md"), page("Outer")).expect("write");
    let c = changed(&["content/outer/_index.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn an_address_taken_by_an_alias_or_a_page_come_back_is_reported_as_a_clash() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let clashes = |session: &Session| {
        let d = session.diagnostics();
        d.iter()
            .filter(|d| d.code == "content/duplicate-url")
            .count()
    };
    // With no clash, a title edit keeps what was worked out of addresses.
    let c = edit(root, "content/contact.md", |t| {
        t.replacen("title: Contact us", "title: Contact the team", 1)
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    // An alias at the team section's address clashes: the clash is found
    // (the preview builds again in full).
    let c = edit(root, "content/contact.md", |t| {
        t.replacen("---\n", "---\naliases:\n  - /team/\n", 1)
    });
    let found = session.apply(&c).is_none() || clashes(&session) > 0;
    assert!(found, "the alias's clash was missed");
    let (_, diags) = build_in_memory(&opts);
    assert!(diags.iter().any(|d| d.code == "content/duplicate-url"));
    edit(root, "content/contact.md", |t| {
        t.replacen("aliases:\n  - /team/\n", "", 1)
    });
    let mut session = full(&opts);
    // A page deleted gives up its address, and another page takes it as
    // an alias: no clash.
    fs::remove_file(root.join("content/contact.md")).expect("rm");
    let gone = changed(&["content/contact.md"]);
    apply_and_compare_findings(&mut session, &opts, &gone);
    let c = edit(root, "content/about-peer-support.md", |t| {
        t.replacen("---\n", "---\naliases:\n  - /contact/\n", 1)
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    assert_eq!(clashes(&session), 0);
    // The page comes back at the address the alias now has: a clash.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(
        repo.join("content/contact.md"),
        root.join("content/contact.md"),
    )
    .expect("copy");
    let found = session.apply(&gone).is_none() || clashes(&session) > 0;
    assert!(found, "the clash of the page come back was missed");
}

/// The link findings of `file` with `code`.
fn link_findings(session: &mut Session, file: &str, code: &str) -> usize {
    session
        .diagnostics()
        .iter()
        .filter(|d| d.code == code && d.file == Path::new(file))
        .count()
}

/// The contact page links, by address (not to a `.md` file, so that
/// nothing renders it again), to `address`.
fn contact_linking_to(root: &Path, address: &str) -> &'static str {
    let page = "content/contact.md";
    edit(root, page, |t| format!("{t}\n[Read on]({address})\n"));
    page
}

#[test]
fn a_link_by_address_breaks_when_its_page_is_deleted_and_works_when_it_is_added_again() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let service = first_md(root, "content/services");
    let slug = service
        .trim_start_matches("content/")
        .trim_end_matches(".md");
    let page = contact_linking_to(root, &format!("/{slug}/"));
    let mut session = full(&opts);
    assert_eq!(link_findings(&mut session, page, "link/broken"), 0);
    let text = fs::read_to_string(root.join(&service)).expect("read");
    fs::remove_file(root.join(&service)).expect("rm");
    let c = Change {
        paths: vec![service.clone()],
    };
    apply_and_compare_findings(&mut session, &opts, &c);
    assert_eq!(link_findings(&mut session, page, "link/broken"), 1);
    fs::write(root.join(&service), text).expect("write");
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert_eq!(link_findings(&mut session, page, "link/broken"), 0);
}

#[test]
fn a_link_to_a_part_of_another_page_breaks_when_its_heading_is_renamed() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let service = "content/services/community-mental-health-teams.md";
    let page = contact_linking_to(
        root,
        "/services/community-mental-health-teams/#about-this-example",
    );
    let mut session = full(&opts);
    assert_eq!(link_findings(&mut session, page, "link/fragment"), 0);
    // Its text alone, then its title with the heading back.
    let c = edit(root, service, |t| {
        t.replacen("## About this example", "## About this sample", 1)
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    assert_eq!(link_findings(&mut session, page, "link/fragment"), 1);
    let c = edit(root, service, |t| {
        t.replacen("## About this sample", "## About this example", 1)
            .replacen("title: ", "title: Our ", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert_eq!(link_findings(&mut session, page, "link/fragment"), 0);
    // And broken again by a change of its front matter.
    let c = edit(root, service, |t| {
        t.replacen("## About this example", "## About this sample", 1)
            .replacen("title: Our ", "title: ", 1)
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    assert_eq!(link_findings(&mut session, page, "link/fragment"), 1);
}

/// The findings of `code` in the session: (file, message, help).
fn findings_of(session: &Session, code: &str) -> Vec<(String, String, String)> {
    session
        .diagnostics()
        .sorted()
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let file = d.file.to_string_lossy().replace('\\', "/");
            (file, d.message, d.help.unwrap_or_default())
        })
        .collect()
}

/// Writes `rel` (a page) and applies the change, comparing with a full
/// build.
fn write_and_compare(session: &mut Session, opts: &BuildOptions, rel: &str, text: &str) {
    fs::write(opts.root.join(rel), text).expect("write");
    let c = changed(&[rel]);
    assert!(apply_and_compare(session, opts, &c), "{rel}: full build");
}

/// [`write_and_compare`], comparing the findings alone (the site has
/// mistakes, so a full build writes nothing).
fn write_and_compare_findings(session: &mut Session, opts: &BuildOptions, rel: &str, text: &str) {
    fs::write(opts.root.join(rel), text).expect("write");
    let c = changed(&[rel]);
    apply_and_compare_findings(session, opts, &c);
}

#[test]
fn a_title_or_summary_taken_by_another_page_is_a_duplicate_until_it_is_changed_or_gone() {
    let (_dir, opts) = example_site();
    let mut session = full(&opts);
    let page = |title: &str, summary: &str| {
        format!("---\ntitle: {title}\nsummary: {summary}\n---\nHello\n")
    };
    let about = "content/about-peer-support.md";
    let taken = page(
        "About peer support",
        "What peer support is, where it started and why it matters for recovery.",
    );
    // A second page with the same title and summary: its findings name the first.
    write_and_compare(&mut session, &opts, "content/new-page.md", &taken);
    let titles = findings_of(&session, "content/duplicate-title");
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert_eq!(titles[0].0, "content/new-page.md");
    assert!(titles[0].1.contains(about), "{titles:?}");
    assert_eq!(findings_of(&session, "content/duplicate-summary").len(), 1);
    // A third before both in site order: the other two now name it.
    write_and_compare(&mut session, &opts, "content/a-first.md", &taken);
    let titles = findings_of(&session, "content/duplicate-title");
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.iter().all(|t| t.1.contains("content/a-first.md")));
    // Its title changed, but not its summary.
    let other = page(
        "Another title",
        "What peer support is, where it started and why it matters for recovery.",
    );
    write_and_compare(&mut session, &opts, "content/a-first.md", &other);
    let titles = findings_of(&session, "content/duplicate-title");
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(titles[0].1.contains(about), "{titles:?}");
    assert_eq!(findings_of(&session, "content/duplicate-summary").len(), 2);
    // Renamed, the second page keeps its title's finding.
    fs::rename(
        opts.root.join("content/new-page.md"),
        opts.root.join("content/renamed-page.md"),
    )
    .expect("rename");
    let c = changed(&["content/new-page.md", "content/renamed-page.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    let titles = findings_of(&session, "content/duplicate-title");
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert_eq!(titles[0].0, "content/renamed-page.md");
    // Retitled, it has none; the first with that summary deleted, the
    // other has none either.
    write_and_compare(
        &mut session,
        &opts,
        "content/renamed-page.md",
        &page("Yet another title", "Its own summary."),
    );
    assert!(findings_of(&session, "content/duplicate-title").is_empty());
    assert_eq!(findings_of(&session, "content/duplicate-summary").len(), 1);
    let summaries = findings_of(&session, "content/duplicate-summary");
    assert_eq!(summaries[0].0, about, "{summaries:?}");
    fs::remove_file(opts.root.join("content/a-first.md")).expect("rm");
    let c = changed(&["content/a-first.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert!(findings_of(&session, "content/duplicate-summary").is_empty());
}

#[test]
fn a_reference_to_a_team_member_follows_their_page_as_it_comes_goes_or_is_left_out() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let unknown = |session: &Session| findings_of(session, "content/unknown-reference");
    let service = "content/services/early-intervention-in-psychosis.md";
    let c = edit(root, service, |t| {
        t.replacen("\n---\n", "\nteam_members:\n  - robin-baker\n---\n", 1)
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    let found = unknown(&session);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(!found[0].2.contains("Did you mean"), "{found:?}");
    let member = |name: &str, extra: &str| {
        format!(
            "---\nname: {name}\nrole: Peer Support Worker\nbio: Works in the team.\n{extra}last_reviewed: 2026-11-01\nnext_review_due: 2027-11-01\n---\nHello.\n"
        )
    };
    // Another team member with a name like it: the finding suggests it.
    write_and_compare_findings(
        &mut session,
        &opts,
        "content/team/robin-bakers.md",
        &member("Robin Bakers", ""),
    );
    let found = unknown(&session);
    assert!(
        found[0].2.contains("Did you mean `robin-bakers`"),
        "{found:?}"
    );
    // Their page added as a draft, then published: the reference finds it.
    let robin = "content/team/robin-baker.md";
    write_and_compare_findings(
        &mut session,
        &opts,
        robin,
        &member("Robin Baker", "draft: true\n"),
    );
    let found = unknown(&session);
    assert!(found[0].1.contains("draft"), "{found:?}");
    write_and_compare_findings(&mut session, &opts, robin, &member("Robin Baker", ""));
    assert!(unknown(&session).is_empty());
    // Renamed, the name is no page's: the reference names no page again.
    fs::rename(root.join(robin), root.join("content/team/robin-b.md")).expect("rename");
    let c = changed(&[robin, "content/team/robin-b.md"]);
    apply_and_compare_findings(&mut session, &opts, &c);
    assert_eq!(unknown(&session).len(), 1);
    // A page of that name with a mistake is reported, not the reference.
    let broken = member("Robin Baker", "").replacen("name:", "nam:", 1);
    fs::write(root.join(robin), broken).expect("write");
    let c = changed(&[robin]);
    apply_and_compare_findings(&mut session, &opts, &c);
    assert!(unknown(&session).is_empty());
}

#[test]
fn the_page_links_follow_each_page_retitled_added_renamed_or_deleted() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let same_as_fresh = |session: &mut Session| {
        let links = session.page_links();
        assert_eq!(*links, *full(&opts).page_links());
    };
    same_as_fresh(&mut session);
    let c = edit(root, "content/contact.md", |t| {
        t.replacen("title: Contact us", "title: Get in touch", 1)
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    same_as_fresh(&mut session);
    let page = "---\ntitle: New service\nsummary: A new service for the tests.\n---\nHello\n";
    write_and_compare(&mut session, &opts, "content/new-page.md", page);
    // Held by someone else (as the preview's snapshot may be), the links
    // given before stay as they were.
    let before = session.page_links();
    fs::rename(
        root.join("content/new-page.md"),
        root.join("content/renamed.md"),
    )
    .expect("rename");
    let c = changed(&["content/new-page.md", "content/renamed.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    same_as_fresh(&mut session);
    assert!(before.contains_key(Path::new("content/new-page.md")));
    fs::remove_file(root.join("content/renamed.md")).expect("rm");
    let c = changed(&["content/renamed.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    same_as_fresh(&mut session);
}

#[test]
fn findings_stay_in_the_order_of_a_fresh_preview_as_pages_come_and_go() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    fs::create_dir_all(root.join("content/more")).expect("mkdir");
    let same_order = |session: &Session| {
        let got: Vec<_> = session.diagnostics().into_vec();
        assert_eq!(got, full(&opts).diagnostics().into_vec());
    };
    // Pages with findings of their own, before, among and after the others.
    let page = |title: &str| {
        format!(
            "---\ntitle: {title}\nsummary: A page for the tests, {title}.\n---\n[click here](https://example.org/)\n"
        )
    };
    for (i, rel) in ["content/aa.md", "content/more/m.md", "content/zz.md"]
        .into_iter()
        .enumerate()
    {
        write_and_compare(&mut session, &opts, rel, &page(&format!("Page {i}")));
        same_order(&session);
    }
    fs::rename(root.join("content/aa.md"), root.join("content/team-b.md")).expect("rename");
    let c = changed(&["content/aa.md", "content/team-b.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    same_order(&session);
    fs::remove_file(root.join("content/more/m.md")).expect("rm");
    let c = changed(&["content/more/m.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    same_order(&session);
}

#[test]
fn a_check_silenced_on_a_page_stays_silenced_as_the_page_is_edited_renamed_and_unsilenced() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let link_text = |session: &Session| findings_of(session, "a11y/link-text").len();
    let page = |silence: &str, title: &str| {
        format!(
            "---\ntitle: {title}\nsummary: A page for the tests.\n{silence}---\n[click here](https://example.org/)\n"
        )
    };
    let silence =
        "silence_checks:\n  - check: a11y/link-text\n    reason: An example of what not to do.\n";
    write_and_compare(&mut session, &opts, "content/new-page.md", &page("", "New"));
    let before = link_text(&session);
    assert!(before > 0);
    write_and_compare(
        &mut session,
        &opts,
        "content/new-page.md",
        &page(silence, "New"),
    );
    assert_eq!(link_text(&session), before - 1);
    // Another page edited: the silence is kept.
    write_and_compare(&mut session, &opts, "content/other.md", &page("", "Other"));
    assert_eq!(link_text(&session), before);
    fs::rename(
        root.join("content/new-page.md"),
        root.join("content/renamed.md"),
    )
    .expect("rename");
    let c = changed(&["content/new-page.md", "content/renamed.md"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
    assert_eq!(link_text(&session), before);
    write_and_compare(
        &mut session,
        &opts,
        "content/renamed.md",
        &page("", "Renamed"),
    );
    assert_eq!(link_text(&session), before + 1);
}

/// Findings as lists in the order given (not sorted).
fn in_order(d: &signpost::diagnostics::Diagnostics) -> Vec<String> {
    d.iter()
        .map(|d| {
            format!(
                "{} {} {:?} {}",
                d.code,
                d.file.to_string_lossy(),
                d.line,
                d.message
            )
        })
        .collect()
}

fn compare_in_order(session: &Session, opts: &BuildOptions, what: &str) {
    let (_, diags) = build_in_memory(opts);
    assert_eq!(
        in_order(&session.diagnostics()),
        in_order(&diags),
        "order after {what}"
    );
}

#[test]
fn a_section_folder_moved_in_with_a_new_title_word_rechecks_the_pages_using_it() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    let c = edit(root, "content/contact.md", |t| {
        format!("{t}\nVisit Zorbly on Mondays.\n")
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    compare_in_order(&session, &opts, "text edit");
    // A folder moved into content/: the watcher reports the folder alone.
    fs::create_dir_all(root.join("content/clinics")).expect("mkdir");
    fs::write(
        root.join("content/clinics/_index.md"),
        "---\ntitle: Zorbly clinics\nsummary: Where our clinics are.\n---\n",
    )
    .expect("write");
    let c = changed(&["content/clinics"]);
    let ok = apply_and_compare(&mut session, &opts, &c);
    compare_in_order(&session, &opts, "folder in");
    assert!(ok);
}

#[test]
fn a_section_folder_moved_out_with_a_title_word_rechecks_the_pages_using_it() {
    let (dir, opts) = example_site();
    let root = dir.path();
    fs::create_dir_all(root.join("content/clinics")).expect("mkdir");
    fs::write(
        root.join("content/clinics/_index.md"),
        "---\ntitle: Zorbly clinics\nsummary: Where our clinics are.\n---\n",
    )
    .expect("write");
    let mut session = full(&opts);
    let c = edit(root, "content/contact.md", |t| {
        format!("{t}\nVisit Zorbly on Mondays.\n")
    });
    assert!(apply_and_compare(&mut session, &opts, &c));
    fs::remove_dir_all(root.join("content/clinics")).expect("rm");
    let c = changed(&["content/clinics"]);
    assert!(apply_and_compare(&mut session, &opts, &c));
}

#[test]
fn findings_keep_a_full_builds_order_through_structural_edits() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    compare_in_order(&session, &opts, "start");
    // Duplicate titles, a broken link, a new page, a deleted page.
    let steps: Vec<(&str, Option<&str>)> = vec![
        (
            "content/zz.md",
            Some(
                "---\ntitle: Contact us\nsummary: Same as another.\n---\nSee [x](/nowhere/) and [y](contact.md#nope).\n",
            ),
        ),
        (
            "content/aa.md",
            Some("---\ntitle: Contact us\nsummary: Same as another.\n---\nSee [x](/nowhere2/).\n"),
        ),
        (
            "content/team/zed.md",
            Some("---\ntitle: Zed\nsummary: Same as another.\n---\nHi [x](/nowhere3/).\n"),
        ),
        ("content/aa.md", None),
        (
            "content/mm.md",
            Some("---\ntitle: Contact us\nsummary: Another.\n---\nHi [a](aa.md).\n"),
        ),
    ];
    for (rel, text) in steps {
        match text {
            Some(t) => fs::write(root.join(rel), t).expect("write"),
            None => fs::remove_file(root.join(rel)).expect("rm"),
        }
        let c = changed(&[rel]);
        assert!(session.apply(&c).is_some(), "{rel}");
        compare_in_order(&session, &opts, rel);
    }
}

#[test]
fn a_page_found_by_the_walk_but_not_reported_is_known_to_the_spelling_check() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let mut session = full(&opts);
    // contact links to a page not there yet and uses a word no title has.
    let c = edit(root, "content/contact.md", |t| {
        format!("{t}\nVisit Zorbly on Mondays, see [north](clinics/north.md).\n")
    });
    apply_and_compare_findings(&mut session, &opts, &c);
    // A new folder with two pages; the watcher reports one file only (the
    // folder is new, so the reload walks and finds the other too).
    fs::create_dir_all(root.join("content/clinics")).expect("mkdir");
    fs::write(
        root.join("content/clinics/_index.md"),
        "---\ntitle: Clinics\nsummary: Where our clinics are.\n---\n",
    )
    .expect("write");
    fs::write(
        root.join("content/clinics/north.md"),
        "---\ntitle: Zorbly north\nsummary: The clinic in the north.\n---\nOpen on Mondays.\n",
    )
    .expect("write");
    let c = changed(&["content/clinics/_index.md"]);
    assert!(session.apply(&c).is_some());
    let (_, diags) = build_in_memory(&opts);
    assert_eq!(session.diagnostics().sorted(), diags.sorted());
}

#[test]
fn a_photo_deleted_beside_a_page_that_names_it_is_reported() {
    let (dir, opts) = example_site();
    let root = dir.path();
    let photo = "content/team/tony.jpg".to_string();
    fs::write(root.join(&photo), b"\xff\xd8\xff photo").expect("write");
    edit(root, "content/team/tony-mitchell.md", |t| {
        t.replacen(
            "---\n",
            "---\nphoto: tony.jpg\nphoto_alt: Tony smiling\n",
            1,
        )
    });
    let mut session = full(&opts);
    fs::remove_file(root.join(&photo)).expect("remove");
    let gone = Change {
        paths: vec![photo.clone()],
    };
    let (_, fresh) = build_in_memory(&opts);
    // Either the preview builds in full (and so finds it), or what it
    // keeps must find it too.
    if session.apply(&gone).is_some() {
        assert_eq!(session.diagnostics().sorted(), fresh.sorted());
    }
    let missing = fresh.iter().any(|d| {
        d.code == "front-matter/wrong-type"
            && d.field.as_deref() == Some("photo")
            && d.file.ends_with("tony-mitchell.md")
    });
    assert!(missing, "{:?}", fresh.sorted());
}

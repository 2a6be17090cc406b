//! Mistakes in a site: each fixture under `tests/fixtures/invalid/` has one
//! kind of mistake. The command must exit with 1, and the message must name
//! the file, the line and the field, say what is wrong and what to do.
//! The snapshots hold exactly what the command prints.

mod common;

use std::path::Path;

use common::{CliOutput, TestSite};
use signpost::Diagnostic;

/// A copy of `tests/fixtures/invalid/<case>`.
fn invalid(case: &str) -> TestSite {
    TestSite::new(&format!("invalid/{case}"))
}

/// Builds with the library and returns the sorted diagnostics, checking
/// that nothing was written.
fn diagnostics(site: &TestSite) -> Vec<Diagnostic> {
    let report = site.build();
    assert!(!report.written, "a site with mistakes must not be written");
    assert!(!site.output_exists(""), "no output folder is made");
    report.diagnostics.sorted()
}

/// Runs `signpost build` in the site's folder; it must exit with 1.
fn cli_fails(site: &TestSite) -> CliOutput {
    let out = site.cli(&["build", "--today", common::TODAY]);
    assert_eq!(out.code, 1, "exit code; stderr:\n{}", out.stderr);
    assert_eq!(out.stdout, "", "nothing on stdout when the build fails");
    assert!(!site.output_exists(""), "no output folder is made");
    assert!(
        !out.stderr.contains(site.root.to_string_lossy().as_ref()),
        "the temp folder's path is printed:\n{}",
        out.stderr
    );
    out
}

/// The single diagnostic of a case.
fn only(ds: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(ds.len(), 1, "expected one diagnostic, got {ds:#?}");
    &ds[0]
}

fn assert_at(d: &Diagnostic, file: &str, line: Option<usize>, field: Option<&str>) {
    assert_eq!(d.file, Path::new(file), "file of {d:#?}");
    assert_eq!(d.line, line, "line of {d:#?}");
    assert_eq!(d.field.as_deref(), field, "field of {d:#?}");
    assert!(d.is_error(), "{d:#?}");
}

#[test]
fn a_missing_required_field_is_named_with_its_file() {
    let site = invalid("missing_required_field");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/contact.md", Some(1), Some("summary"));
    assert_eq!(d.code, "front-matter/missing-field");
    assert_eq!(d.message, "The required field `summary` is missing");
    insta::assert_snapshot!("missing_required_field", cli_fails(&site).stderr);
}

#[test]
fn a_date_that_is_not_a_date_is_reported_on_its_line() {
    let site = invalid("wrong_type");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(
        d,
        "content/vacancies/peer-worker.md",
        Some(4),
        Some("closing_date"),
    );
    assert_eq!(d.code, "front-matter/wrong-type");
    assert!(d.message.contains("`next Friday`"), "{}", d.message);
    assert!(d.message.contains("YYYY-MM-DD"), "{}", d.message);
    let out = cli_fails(&site);
    assert!(
        out.stderr.contains("closing_date: next Friday"),
        "the line is shown: {}",
        out.stderr
    );
}

#[test]
fn a_date_that_is_not_a_date_gets_a_plain_message() {
    let site = invalid("wrong_type");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_eq!(
        d.message.matches("`next Friday`").count(),
        1,
        "the value is quoted once: {}",
        d.message
    );
    insta::assert_snapshot!("wrong_type", cli_fails(&site).stderr);
}

#[test]
fn an_unknown_field_suggests_the_field_that_was_meant() {
    let site = invalid("unknown_field");
    let ds = diagnostics(&site);
    let unknown = ds
        .iter()
        .find(|d| d.code == "front-matter/unknown-field")
        .unwrap_or_else(|| panic!("no unknown-field diagnostic in {ds:#?}"));
    assert_at(
        unknown,
        "content/vacancies/peer-worker.md",
        Some(4),
        Some("closing_dat"),
    );
    assert_eq!(
        unknown.help.as_deref(),
        Some("Did you mean `closing_date`?")
    );
    insta::assert_snapshot!("unknown_field", cli_fails(&site).stderr);
}

#[test]
fn bad_yaml_is_reported_on_the_line_of_the_file() {
    let site = invalid("bad_yaml");
    let ds = diagnostics(&site);
    let d = only(&ds);
    // Line 1 is the first `---`; the mistake is the indented line 4.
    assert_eq!(d.file, Path::new("content/contact.md"));
    assert_eq!(d.code, "yaml/syntax");
    assert_eq!(d.line, Some(4), "{d:#?}");
    insta::assert_snapshot!("bad_yaml", cli_fails(&site).stderr);
}

#[test]
fn two_pages_with_the_same_web_address_are_a_mistake() {
    let site = invalid("duplicate_url");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/about/_index.md", Some(1), None);
    assert_eq!(d.code, "content/duplicate-url");
    assert!(d.message.contains("`content/about.md`"), "{}", d.message);
    assert!(d.message.contains("`/about/`"), "{}", d.message);
    insta::assert_snapshot!("duplicate_url", cli_fails(&site).stderr);
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_is_named() {
    let site = invalid("unreadable_file");
    // A link to nowhere: there is a `page.md`, but it cannot be opened.
    std::os::unix::fs::symlink("missing.md", site.path("content/page.md")).expect("symlink");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/page.md", None, None);
    assert_eq!(d.code, "content/unreadable");
    assert!(d.message.contains("could not be read"), "{}", d.message);
    insta::assert_snapshot!("unreadable_file", cli_fails(&site).stderr);
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_is_described_without_the_site_folder_path() {
    let site = invalid("unreadable_file");
    std::os::unix::fs::symlink("missing.md", site.path("content/page.md")).expect("symlink");
    let ds = diagnostics(&site);
    let d = only(&ds);
    let root = site.root.to_string_lossy();
    assert!(!d.message.contains(root.as_ref()), "{}", d.message);
    assert!(
        !d.message.contains("IO error for operation"),
        "{}",
        d.message
    );
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let site = invalid("unreadable_file");
    site.write("content/page.md", "---\ntitle: T\nsummary: S.\n---\n");
    let path = site.path("content/page.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading. The dangling
        // link and pipe tests make files that root cannot read either.
        common::skip(
            "a_file_without_read_permission_is_named",
            "running as root, so a file without read permission can still be read",
        );
        return;
    }
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/page.md", None, None);
    assert_eq!(d.code, "content/unreadable");
    cli_fails(&site);
}

/// Root can read any file, but not a pipe: a `.md` that is a pipe (or
/// socket, or device) is a mistake named with its file, never skipped and
/// never read (reading it would wait for ever).
#[cfg(unix)]
#[test]
fn a_pipe_where_a_page_should_be_is_named_even_as_root() {
    let site = invalid("unreadable_file");
    let path = site.path("content/page.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        common::skip(
            "a_pipe_where_a_page_should_be_is_named_even_as_root",
            "`mkfifo` could not make a pipe here",
        );
        return;
    }
    // Bounded: if anything reads the pipe, open its other end after a
    // while so the read ends (with nothing) and the test fails, not hangs.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (flag, pipe) = (done.clone(), path.clone());
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(20));
        if !flag.load(std::sync::atomic::Ordering::SeqCst) {
            let _ = std::fs::OpenOptions::new().write(true).open(&pipe);
        }
    });
    let started = std::time::Instant::now();
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/page.md", None, None);
    assert_eq!(d.code, "content/unreadable");
    assert!(d.message.contains("not an ordinary file"), "{}", d.message);
    cli_fails(&site);
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "the pipe was read"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_its_line() {
    let site = invalid("unreadable_file");
    std::fs::write(
        site.path("content/page.md"),
        b"---\ntitle: Caf\xe9\nsummary: S.\n---\n",
    )
    .expect("write");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/page.md", Some(2), None);
    assert_eq!(d.code, "content/not-utf8");
    insta::assert_snapshot!("not_utf8", cli_fails(&site).stderr);
}

#[test]
fn an_unknown_setting_suggests_the_setting_that_was_meant() {
    let site = invalid("unknown_setting");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "site.yaml", Some(4), Some("langauge"));
    assert_eq!(d.code, "config/unknown-setting");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("Did you mean `language`?")),
        "{d:#?}"
    );
    insta::assert_snapshot!("unknown_setting", cli_fails(&site).stderr);
}

#[test]
fn a_link_to_a_missing_page_is_reported_at_its_line_and_column() {
    let site = invalid("missing_link");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/contact.md", Some(8), None);
    assert_eq!(d.column, Some(13), "{d:#?}");
    assert_eq!(d.code, "link/missing-page");
    assert!(d.message.contains("`servces/_index.md`"), "{}", d.message);
    insta::assert_snapshot!("missing_link", cli_fails(&site).stderr);
}

#[test]
fn a_photo_without_a_description_is_a_mistake() {
    let site = invalid("photo_without_alt");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/team/ann-example.md", Some(4), Some("photo_alt"));
    assert_eq!(d.code, "front-matter/photo-alt-missing");
    insta::assert_snapshot!("photo_without_alt", cli_fails(&site).stderr);
}

#[test]
fn a_site_without_a_home_page_is_a_mistake() {
    let site = invalid("missing_home");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/_index.md", None, None);
    assert_eq!(d.code, "content/no-home");
    insta::assert_snapshot!("missing_home", cli_fails(&site).stderr);
}

#[test]
fn every_mistake_in_a_run_is_reported_not_only_the_first() {
    let site = invalid("three_mistakes");
    let ds = diagnostics(&site);
    let found: Vec<_> = ds
        .iter()
        .map(|d| {
            (
                d.file.to_string_lossy().into_owned(),
                d.line,
                d.field.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/contact.md".to_string(),
                Some(1),
                "summary".to_string()
            ),
            (
                "content/contact.md".to_string(),
                Some(3),
                "weight".to_string()
            ),
            ("content/news.md".to_string(), Some(4), "draft".to_string()),
        ]
    );
    let out = cli_fails(&site);
    assert!(
        out.stderr.contains("Not built: 3 mistakes found."),
        "{}",
        out.stderr
    );
    insta::assert_snapshot!("three_mistakes", out.stderr);
}

#[test]
fn mistakes_found_by_different_checks_are_reported_together() {
    let site = invalid("mistakes_in_two_stages");
    let ds = diagnostics(&site);
    let codes: Vec<_> = ds.iter().map(|d| (d.file.clone(), d.code)).collect();
    assert_eq!(
        codes,
        [
            (
                Path::new("content/contact.md").to_path_buf(),
                "front-matter/missing-field"
            ),
            (
                Path::new("content/news.md").to_path_buf(),
                "link/missing-page"
            ),
        ]
    );
}

#[test]
fn diagnostics_render_the_same_through_the_library_and_the_command() {
    let site = invalid("three_mistakes");
    let report = site.build();
    let rendered = site.render(&report.diagnostics);
    let out = cli_fails(&site);
    assert!(
        out.stderr.starts_with(&rendered),
        "library:\n{rendered}\ncommand:\n{}",
        out.stderr
    );
}

#[test]
fn a_usage_mistake_exits_with_two() {
    let site = TestSite::new("site");
    for args in [
        &["build", "--bogus"][..],
        &["build", "--today", "not-a-date"],
        &["build", "--today", "2026-02-30"],
        &["frobnicate"],
        &[],
    ] {
        let out = site.cli(args);
        assert_eq!(out.code, 2, "signpost {args:?}: {out:?}");
        assert!(!site.output_exists(""), "signpost {args:?} built something");
    }
    let out = site.cli(&["build", "--today", "not-a-date"]);
    assert!(
        out.stderr
            .contains("`not-a-date` is not a date written YYYY-MM-DD"),
        "{}",
        out.stderr
    );
    let out = site.cli(&["build", "--bogus"]);
    assert!(out.stderr.contains("--bogus"), "{}", out.stderr);
}

#[test]
fn a_folder_without_site_yaml_is_a_content_mistake() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = common::run_cli(dir.path(), &["build"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("site.yaml"), "{}", out.stderr);
}

/// The `duplicate_outputs` fixture: aliases of Signpost's own pages and
/// files, of a page and of another alias; a static file where `robots.txt`
/// goes; a file beside the content where a page goes; an alias and a page
/// address starting with a dot.
fn duplicate_outputs() -> TestSite {
    invalid("duplicate_outputs")
}

#[test]
fn any_two_outputs_at_one_address_are_a_located_duplicate_url_error() {
    let site = duplicate_outputs();
    let ds = diagnostics(&site);
    let found: Vec<_> = ds
        .iter()
        .map(|d| {
            (
                d.code,
                d.file.to_string_lossy().replace('\\', "/"),
                d.line,
                d.column,
            )
        })
        .collect();
    let at = |code, file: &str, line, column| (code, file.to_string(), line, column);
    let dup = "content/duplicate-url";
    assert_eq!(
        found,
        [
            at(
                "content/hidden-address",
                "content/+.well-known.md",
                None,
                None
            ),
            at(dup, "content/about.md", Some(5), Some(5)),
            at(dup, "content/about.md", Some(6), Some(5)),
            at(dup, "content/about.md", Some(7), Some(5)),
            at(dup, "content/about.md", Some(8), Some(5)),
            at(dup, "content/about.md", Some(9), Some(5)),
            at("content/alias", "content/about.md", Some(10), Some(5)),
            at(dup, "content/contact.md", Some(5), Some(5)),
            at(dup, "content/news/index.html", None, None),
            at(dup, "content/visit.md", Some(5), Some(5)),
            at(dup, "static/robots.txt/index.html", None, None),
        ],
        "{ds:#?}"
    );
    for d in &ds {
        assert!(d.is_error(), "{d:#?}");
    }
    let sitemap = &ds[4];
    assert!(
        sitemap.message.contains("`/sitemap.xml`") && sitemap.message.contains("sitemap"),
        "{sitemap:#?}"
    );
}

#[test]
fn build_reports_duplicate_addresses_instead_of_a_file_system_error() {
    let site = duplicate_outputs();
    let out = cli_fails(&site);
    assert!(!out.stderr.contains("os error"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Not built: 11 mistakes found."),
        "{}",
        out.stderr
    );
    insta::assert_snapshot!("duplicate_outputs", out.stderr);
}

#[test]
fn check_reports_the_same_duplicate_addresses_as_build() {
    let site = duplicate_outputs();
    let build = cli_fails(&site);
    let check = site.cli(&["check", "--today", common::TODAY]);
    assert_eq!(check.code, 1, "{check:#?}");
    let findings = |s: &str| s[..s.rfind("\n\n").unwrap_or(0)].to_string();
    assert_eq!(findings(&check.stderr), findings(&build.stderr));
}

#[test]
fn an_alias_that_clashes_is_not_written_over_the_page_it_clashes_with() {
    // In memory, where nothing stops a second write: no redirect replaces
    // what Signpost or a page made (neither side of a clash is written).
    let site = duplicate_outputs();
    let sink = signpost::output::MemorySink::default();
    let mut diags = signpost::Diagnostics::default();
    signpost::render_into(&site.options(), &sink, &mut diags).expect("renders");
    let files = sink.into_files();
    let redirects: Vec<_> = files
        .iter()
        .filter(|(_, v)| String::from_utf8_lossy(v).contains("This page has moved"))
        .map(|(k, _)| k.as_str())
        .collect();
    // Every alias of the fixture clashes with something.
    assert!(redirects.is_empty(), "{redirects:?}");
    assert!(files.contains_key("about/index.html"));
    assert!(!files.contains_key("sitemap.xml/index.html"));
    assert!(!files.contains_key(".git/index.html"));
}

#[test]
fn a_missing_space_after_a_colon_is_one_message_at_the_real_line() {
    let site = invalid("no_space_after_colon");
    let ds = diagnostics(&site);
    let found: Vec<_> = ds
        .iter()
        .map(|d| (d.code, d.line, d.field.as_deref(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "yaml/syntax",
                Some(6),
                Some("pay"),
                "Put a space after the colon: `pay: \"Band 3 …\"`"
            ),
            (
                "yaml/syntax",
                Some(7),
                Some("hours"),
                "Put a space after the colon: `hours: 37.5 hours …`"
            ),
        ],
        "{ds:#?}"
    );
    insta::assert_snapshot!("no_space_after_colon", cli_fails(&site).stderr);
}

#[test]
fn an_empty_or_blank_required_field_is_missing_and_a_blank_photo_alt_is_photo_alt_missing() {
    let site = invalid("blank_fields");
    let ds = diagnostics(&site);
    let found: Vec<_> = ds
        .iter()
        .map(|d| {
            (
                d.code,
                d.file.to_string_lossy().replace('\\', "/"),
                d.line,
                d.field.as_deref(),
                d.message.as_str(),
            )
        })
        .collect();
    let ann = "content/team/ann-example.md".to_string();
    let bob = "content/team/bob-example.md".to_string();
    assert_eq!(
        found,
        [
            (
                "front-matter/photo-alt-missing",
                ann,
                Some(5),
                Some("photo_alt"),
                "There is a `photo`, but its `photo_alt` is empty"
            ),
            (
                "front-matter/missing-field",
                bob.clone(),
                Some(2),
                Some("name"),
                "The required field `name` is empty"
            ),
            (
                "front-matter/missing-field",
                bob,
                Some(3),
                Some("role"),
                "The required field `role` is empty"
            ),
        ],
        "{ds:#?}"
    );
    insta::assert_snapshot!("blank_fields", cli_fails(&site).stderr);
}

#[test]
fn a_date_written_the_british_way_is_offered_in_the_iso_form() {
    let site = invalid("british_date");
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(
        d,
        "content/vacancies/peer-worker.md",
        Some(4),
        Some("closing_date"),
    );
    assert_eq!(d.code, "front-matter/wrong-type");
    assert!(
        d.message
            .ends_with("but `15/01/2027` is day/month/year: write `2027-01-15` (15 January 2027)"),
        "{}",
        d.message
    );
    insta::assert_snapshot!("british_date", cli_fails(&site).stderr);
}

#[test]
fn a_folder_without_index_md_is_named_with_what_to_add_and_new_adds_it() {
    let site = invalid("folder_without_index");
    let ds = site.build().diagnostics.sorted();
    let found: Vec<_> = ds
        .iter()
        .map(|d| (d.code, d.severity, d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "config/section-no-index",
                signpost::Severity::Warning,
                Some(7),
                "The folder `clinics` has no `_index.md`: add one (see README, \"The site folder\")"
            ),
            (
                "config/nav-missing",
                signpost::Severity::Error,
                Some(9),
                "The navigation lists `clinics`, but the folder `clinics` has no `_index.md`: add one (see README, \"The site folder\")"
            ),
        ],
        "{ds:#?}"
    );
    insta::assert_snapshot!("folder_without_index", cli_fails(&site).stderr);

    // `new` writes the section's page (a draft) beside the new page.
    let out = site.cli(&["new", "service", "Sleep clinic"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("content/clinics/_index.md"), "{out:#?}");
    let index = common::read_text(&site.path("content/clinics/_index.md"));
    assert!(index.contains("title: \"Clinics\""), "{index}");
    assert!(index.contains("\ndraft: true\n"), "{index}");
    // Published, the section is found and only its placeholders are left.
    site.write(
        "content/clinics/_index.md",
        &index.replace("\ndraft: true\n", "\n"),
    );
    let ds = site.build().diagnostics.sorted();
    let codes: Vec<_> = ds.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["content/placeholder", "content/placeholder"],
        "{ds:#?}"
    );
}

#[test]
fn a_missing_nav_entry_is_explained_with_examples_from_this_site() {
    let site = invalid("folder_without_index");
    site.write(
        "content/clinics/_index.md",
        "---\ntitle: Clinics\nsummary: Our clinics.\n---\nThe clinics.\n",
    );
    site.write(
        "content/visit.md",
        "---\ntitle: Visit\nsummary: Visiting.\n---\nVisiting.\n",
    );
    let yaml =
        common::read_text(&site.path("site.yaml")).replace("  - clinics", "  - support-groups");
    site.write("site.yaml", &yaml);
    let ds = site.build().diagnostics.sorted();
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!(ds[0].code, "config/nav-missing");
    assert_eq!(
        ds[0].help.as_deref(),
        Some(
            "Use a file under `content/` (such as `visit.md`) or a section folder (such as `clinics`)."
        )
    );
}

#[test]
fn links_in_site_yaml_to_missing_draft_or_future_pages_are_reported_at_their_line() {
    let site = invalid("settings_links");
    let ds = site.build().diagnostics.sorted();
    let found: Vec<_> = ds
        .iter()
        .map(|d| {
            (
                d.code,
                d.file.to_string_lossy().into_owned(),
                d.line,
                d.field.as_deref(),
            )
        })
        .collect();
    let at = |code, line, field| (code, "site.yaml".to_string(), Some(line), Some(field));
    assert_eq!(
        found,
        vec![
            at("link/to-draft", 8, "nav"),
            at("link/to-draft", 13, "footer_links"),
            at("link/to-draft", 15, "footer_links"),
            at("link/broken", 17, "footer_links"),
        ],
        "{ds:#?}"
    );
    assert!(ds[1].message.contains("is a draft"), "{}", ds[1].message);
    assert!(
        ds[2]
            .message
            .contains("is not published yet (its `publish_date` is 1 February 2027)"),
        "{}",
        ds[2].message
    );
    let out = cli_fails(&site);
    assert!(!out.stderr.contains("theme"), "{}", out.stderr);
    insta::assert_snapshot!("settings_links", out.stderr);
}

#[test]
fn employment_type_lists_its_values_once_and_a_huge_weight_says_it_is_too_big() {
    let site = invalid("small_slips");
    let ds = diagnostics(&site);
    assert_eq!(ds.len(), 2, "{ds:#?}");
    let weight = &ds[0];
    assert_at(weight, "content/contact.md", Some(4), Some("weight"));
    assert_eq!(
        weight.message,
        "`weight` is `99999999999999999999`, a number too big to use"
    );
    let employment = &ds[1];
    assert_at(
        employment,
        "content/vacancies/peer-worker.md",
        Some(5),
        Some("employment_type"),
    );
    let both = format!(
        "{} {}",
        employment.message,
        employment.help.as_deref().unwrap_or_default()
    );
    assert_eq!(both.matches("part_time").count(), 1, "{both}");
    assert!(
        employment.message.contains("did you mean `full_time`?"),
        "{both}"
    );
    insta::assert_snapshot!("small_slips", cli_fails(&site).stderr);
}

#[cfg(unix)]
#[test]
fn a_file_name_with_a_backslash_is_named_as_it_is_not_as_missing() {
    let site = invalid("small_slips");
    site.remove("content/contact.md");
    site.write(
        "content/vacancies/peer-worker.md",
        &common::read_text(&site.path("content/vacancies/peer-worker.md"))
            .replace("employment_type: fulltime\n", ""),
    );
    site.write(
        "content/odd\\name.md",
        "---\ntitle: Odd\nsummary: An odd name.\n---\nText.\n",
    );
    let ds = diagnostics(&site);
    let d = only(&ds);
    assert_at(d, "content/odd\\name.md", None, None);
    assert_eq!(d.code, "content/file-name");
    assert_eq!(
        d.message,
        "The name `odd\\name.md` has a backslash (`\\`) in it, which a web address cannot hold"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("Rename it without the backslash, for example `odd-name.md`.")
    );
}

#[test]
fn check_without_a_home_page_still_checks_and_counts_the_other_pages() {
    let site = invalid("missing_home");
    let without = site.cli(&["check", "--today", common::TODAY]);
    assert_eq!(without.code, 1, "{without:#?}");
    site.write(
        "content/_index.md",
        "---\ntitle: Home\nsummary: The home page.\n---\nWelcome.\n",
    );
    let with = site.cli(&["check", "--today", common::TODAY]);
    assert_eq!(with.code, 0, "{with:#?}");
    let pages = |out: &CliOutput| -> usize {
        out.stdout
            .strip_prefix("Checked ")
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {out:#?}"))
    };
    assert_eq!(pages(&without), pages(&with) - 1, "{without:#?}");
    assert!(pages(&without) > 0);
    assert!(without.stdout.contains("1 mistake"), "{without:#?}");
}

#[test]
fn the_caret_under_a_link_covers_the_whole_link() {
    let site = invalid("missing_link");
    let out = cli_fails(&site);
    let link = "[the services section](servces/_index.md)";
    let source = out
        .stderr
        .lines()
        .find(|l| l.contains(link))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    let carets = out
        .stderr
        .lines()
        .skip_while(|l| *l != source)
        .nth(1)
        .unwrap_or_default();
    let at = source.find(link).expect("link");
    assert_eq!(
        carets.find('^'),
        Some(at),
        "the marks start at the link:\n{}",
        out.stderr
    );
    assert_eq!(
        carets.trim_start_matches([' ', '|']).trim_end().len(),
        link.len(),
        "one mark under each character of the link:\n{}",
        out.stderr
    );
}

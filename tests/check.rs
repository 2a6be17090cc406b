//! `signpost check`: every check in `signpost::registry::CHECKS` has a small
//! site under `tests/fixtures/check/<code with dashes>/` with exactly the
//! mistake it catches. Each case asserts the finding's code, severity, file,
//! line and column in the markdown file, and snapshots every finding (one
//! snapshot per code, named after it).
//!
//! Then: the example site checks clean, `checks:` in `site.yaml` changes how
//! a check is reported, `silence_checks:` silences one finding (with a
//! reason), and the command line's exit codes and JSON output.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::TestSite;
use signpost::registry::CHECKS;
use signpost::{BuildOptions, Diagnostic, Severity};

/// The folder under `tests/fixtures/check/` for a check code.
fn folder(code: &str) -> String {
    code.replace('/', "-")
}

/// A temporary copy of `tests/fixtures/check/<folder>/`.
fn site(folder: &str) -> TestSite {
    TestSite::new(&format!("check/{folder}"))
}

/// Runs the checks on a site (with the fixed today) and returns the sorted
/// findings.
fn check(site: &TestSite) -> Vec<Diagnostic> {
    signpost::check_site(&site.options())
        .unwrap_or_else(|e| panic!("the check failed outright: {e:#}"))
        .diagnostics
        .sorted()
}

/// Appends text to a file of the site.
fn append(site: &TestSite, rel: &str, text: &str) {
    let mut s = common::read_text(&site.path(rel));
    s.push_str(text);
    site.write(rel, &s);
}

/// Adds front-matter lines just before the closing `---` of a page.
fn add_front_matter(site: &TestSite, rel: &str, lines: &str) {
    let s = common::read_text(&site.path(rel));
    let close = s[3..].find("\n---").expect("closing ---") + 3 + 1;
    let s = format!("{}{lines}{}", &s[..close], &s[close..]);
    site.write(rel, &s);
}

/// Every finding in plain text, one block each: what the snapshots hold.
fn plain(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| {
            let at = match (d.line, d.column) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                (Some(l), None) => format!(":{l}"),
                _ => String::new(),
            };
            format!(
                "{} [{}] {}{at}\n  field: {}\n  message: {}\n  help: {}\n",
                d.severity,
                d.code,
                d.file.to_string_lossy().replace('\\', "/"),
                d.field.as_deref().unwrap_or("-"),
                d.message,
                d.help.as_deref().unwrap_or("-"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn describe(ds: &[Diagnostic]) -> String {
    if ds.is_empty() {
        "(no findings)".into()
    } else {
        plain(ds)
    }
}

/// Code, file, line, column and severity of a finding.
type Finding<'a> = (&'a str, String, Option<usize>, Option<usize>, Severity);

/// Checks the fixture of `code`: its findings must be exactly `expected`
/// (file, line, column), all with that code and its default severity; then
/// snapshots them.
fn check_case(code: &str, expected: &[(&str, usize, usize)]) {
    let info =
        signpost::registry::find(code).unwrap_or_else(|| panic!("`{code}` is not in CHECKS"));
    let site = site(&folder(code));
    let ds = check(&site);
    let found: Vec<Finding> = ds
        .iter()
        .map(|d| {
            (
                d.code,
                d.file.to_string_lossy().replace('\\', "/"),
                d.line,
                d.column,
                d.severity,
            )
        })
        .collect();
    let want: Vec<Finding> = expected
        .iter()
        // Line 0 stands for a finding about a whole file.
        .map(|(file, line, column)| {
            (
                code,
                file.to_string(),
                Some(*line).filter(|&l| l > 0),
                Some(*column).filter(|&c| c > 0),
                info.default,
            )
        })
        .collect();
    assert_eq!(
        found,
        want,
        "findings of the `{code}` fixture:\n{}",
        describe(&ds)
    );
    for d in &ds {
        assert!(!d.message.is_empty(), "no message: {d:#?}");
        assert!(
            d.help.as_deref().is_some_and(|h| !h.is_empty()),
            "no help: {d:#?}"
        );
    }
    insta::assert_snapshot!(folder(code), plain(&ds));
}

/// One test per check: `name: "code" => [(file, line, column), …]`. Also
/// makes `COVERED`, the codes that have a case.
macro_rules! cases {
    ($($(#[$attr:meta])* $name:ident: $code:literal => [$(($file:literal, $line:literal, $col:literal)),* $(,)?]),* $(,)?) => {
        const COVERED: &[&str] = &[$($code),*];
        $(
            $(#[$attr])*
            #[test]
            fn $name() {
                check_case($code, &[$(($file, $line, $col)),*]);
            }
        )*
    };
}

cases! {
    link_missing_page: "link/missing-page" => [("content/contact.md", 8, 13)],
    link_to_draft: "link/to-draft" => [("content/contact.md", 7, 6)],
    link_broken: "link/broken" => [("content/contact.md", 7, 5)],
    link_fragment: "link/fragment" => [("content/_index.md", 7, 7)],
    link_mailto: "link/mailto" => [("content/contact.md", 7, 1)],
    link_tel: "link/tel" => [("content/contact.md", 7, 9)],
    link_insecure: "link/insecure" => [("content/contact.md", 7, 19)],
    a11y_image_alt: "a11y/image-alt" => [("content/contact.md", 9, 1)],
    a11y_image_alt_filename: "a11y/image-alt-filename" => [("content/contact.md", 7, 33)],
    a11y_image_alt_redundant: "a11y/image-alt-redundant" => [("content/contact.md", 7, 1)],
    a11y_image_alt_long: "a11y/image-alt-long" => [("content/contact.md", 7, 1)],
    a11y_heading_h1: "a11y/heading-h1" => [("content/contact.md", 5, 1)],
    a11y_heading_skip: "a11y/heading-skip" => [("content/contact.md", 9, 1)],
    a11y_heading_empty: "a11y/heading-empty" => [("content/contact.md", 9, 1)],
    a11y_link_empty: "a11y/link-empty" => [("content/contact.md", 7, 27)],
    a11y_link_text: "a11y/link-text" => [("content/contact.md", 7, 18)],
    a11y_link_text_url: "a11y/link-text-url" => [("content/contact.md", 7, 24)],
    a11y_link_text_duplicate: "a11y/link-text-duplicate" => [("content/contact.md", 8, 22)],
    a11y_link_file_type: "a11y/link-file-type" => [("content/contact.md", 7, 6)],
    a11y_table_header: "a11y/table-header" => [("content/contact.md", 7, 1)],
    // The run of capitals starts at column 30 of the line.
    a11y_all_caps: "a11y/all-caps" => [("content/contact.md", 7, 30)],
    markdown_footnote_missing: "markdown/footnote-missing" => [("content/contact.md", 7, 67)],
    markdown_raw_html: "markdown/raw-html" => [("content/contact.md", 7, 15)],
    component_unknown: "component/unknown" => [("content/contact.md", 7, 1)],
    // At the misspelt kind, after the name.
    component_argument: "component/argument" => [("content/contact.md", 7, 14)],
    component_missing_part: "component/missing-part" => [("content/contact.md", 7, 1)],
    component_misplaced: "component/misplaced" => [("content/contact.md", 8, 1)],
    component_fence: "component/fence" => [("content/contact.md", 9, 1)],
    // At the first Urdu letter, counted in characters.
    language_right_to_left: "language/right-to-left" => [("content/contact.md", 7, 31)],
    content_ended: "content/ended" => [("content/vacancies/peer-worker.md", 7, 1)],
    content_review_overdue: "content/review-overdue" => [("content/contact.md", 5, 1)],
    content_duplicate_title: "content/duplicate-title" => [("content/visit.md", 2, 1)],
    content_duplicate_summary: "content/duplicate-summary" => [("content/visit.md", 3, 1)],
    // The name itself, on the line of its list item.
    content_unknown_reference: "content/unknown-reference" => [("content/services/early-intervention.md", 10, 5)],
    // The draft beside it, made of placeholders, is not reported.
    // Its score is 12.5 (worked out by hand in the fixture's test below),
    // over the fixture's limit of 12; the finding is at the hardest sentence.
    writing_reading_age: "writing/reading-age" => [("content/about.md", 7, 1)],
    // In the summary, then in the body; "prior to" is allowed by the site,
    // "service user" is the site's own term, code is not read.
    writing_plain_english: "writing/plain-english" => [
        ("content/contact.md", 3, 17),
        ("content/contact.md", 7, 16),
        ("content/contact.md", 8, 1),
        ("content/contact.md", 8, 31),
    ],
    // A front-matter list item, then the body; names, titles, the word
    // list and `known_words` are known, addresses and NHS are not checked.
    writing_spelling: "writing/spelling" => [
        ("content/services/early-intervention.md", 7, 5),
        ("content/services/early-intervention.md", 15, 57),
        ("content/services/early-intervention.md", 15, 70),
    ],
    // No `feedback:` in site.yaml (a whole-file finding).
    config_feedback_missing: "config/feedback-missing" => [("site.yaml", 0, 0)],
    // `sections:` names a folder with pages but no `_index.md`.
    config_section_no_index: "config/section-no-index" => [("site.yaml", 7, 1)],
    // "utilize" is not a term of the list ("utilise" is).
    config_allow_word_unknown: "config/allow-word-unknown" => [("site.yaml", 8, 1)],
    // The site's own older theme has no `feedback_problem.html`.
    theme_optional_template_missing: "theme/optional-template-missing" => [("themes/older/templates/feedback_problem.html", 0, 0)],
    // A shortcut to /etc/passwd: left out, never published.
    #[cfg(unix)]
    content_link_outside: "content/link-outside" => [("content/outside.txt", 0, 0)],
    content_placeholder: "content/placeholder" => [
        ("content/vacancies/peer-support-worker.md", 6, 1),
        ("content/vacancies/peer-support-worker.md", 10, 1),
        ("content/vacancies/peer-support-worker.md", 13, 1),
    ],
}

/// Until the column is right (see `a11y_all_caps`), at least the line.
#[test]
fn a11y_all_caps_is_found_on_its_line() {
    let ds = check(&site("a11y-all-caps"));
    let at: Vec<_> = ds.iter().map(|d| (d.code, d.severity, d.line)).collect();
    assert_eq!(
        at,
        vec![("a11y/all-caps", Severity::Warning, Some(7))],
        "{}",
        describe(&ds)
    );
    assert!(ds[0].message.contains("\"PLEASE DO NOT VISIT WITHOUT\""));
}

#[test]
fn every_check_has_a_fixture_and_a_case() {
    let dir = common::fixtures().join("check");
    let mut missing = Vec::new();
    for c in CHECKS {
        let f = dir.join(folder(c.code));
        if !f.join("site.yaml").is_file() || !f.join("content").is_dir() {
            missing.push(format!(
                "{} (tests/fixtures/check/{})",
                c.code,
                folder(c.code)
            ));
        }
        if !COVERED.contains(&c.code) {
            missing.push(format!("{} (a case in tests/check.rs)", c.code));
        }
    }
    assert!(
        missing.is_empty(),
        "every check needs a fixture site with exactly its mistake, and a case in `cases!`:\n{}",
        missing.join("\n")
    );
    // And no fixture or case for a check that is gone.
    let codes: BTreeSet<String> = CHECKS.iter().map(|c| folder(c.code)).collect();
    for entry in fs::read_dir(&dir).expect("fixtures/check") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.starts_with('_') {
            continue; // fixtures for the other tests of this file
        }
        assert!(
            codes.contains(&name),
            "`{name}` is not the folder of a check"
        );
    }
    for code in COVERED {
        assert!(
            signpost::registry::find(code).is_some(),
            "`{code}` is not a check"
        );
    }
}

#[test]
fn the_example_site_checks_clean() {
    let opts = BuildOptions {
        today: Some(common::today()),
        ..BuildOptions::new(common::repo_root())
    };
    let report = signpost::check_site(&opts).expect("check");
    let ds = report.diagnostics.sorted();
    assert!(
        ds.is_empty(),
        "the example site has {} errors and {} warnings:\n{}",
        report.diagnostics.error_count(),
        report.diagnostics.warning_count(),
        plain(&ds)
    );
    assert!(report.pages > 0);
}

#[test]
fn a_site_with_no_feedback_endpoint_can_turn_that_warning_off_so_deny_warnings_passes() {
    let s = site("link-insecure");
    let yaml = common::read_text(&s.path("site.yaml"))
        .replace("feedback:\n  endpoint: https://example.test/feedback\n", "")
        + "checks:\n  link/insecure: off\n";
    s.write("site.yaml", &yaml);
    let ds = check(&s);
    assert_eq!(
        ds.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["config/feedback-missing"],
        "{}",
        describe(&ds)
    );
    s.write(
        "site.yaml",
        &format!("{yaml}  config/feedback-missing: off\n"),
    );
    assert!(check(&s).is_empty());
    let out = s.cli(&["check", "--deny-warnings", "--today", common::TODAY]);
    assert_eq!(out.code, 0, "{out:#?}");
}

#[test]
fn checks_can_be_turned_off_or_made_errors_in_site_yaml() {
    // A warning made an error.
    let s = site("link-insecure");
    append(&s, "site.yaml", "checks:\n  link/insecure: error\n");
    let ds = check(&s);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(ds[0].code, "link/insecure");
    assert_eq!(ds[0].severity, Severity::Error);
    assert_eq!((ds[0].line, ds[0].column), (Some(7), Some(19)));
    let out = s.cli(&["check", "--today", common::TODAY]);
    assert_eq!(out.code, 1, "{out:#?}");

    // Turned off.
    let s = site("link-insecure");
    append(&s, "site.yaml", "checks:\n  link/insecure: off\n");
    let ds = check(&s);
    assert!(ds.is_empty(), "{}", describe(&ds));

    // An error made a warning.
    let s = site("a11y-image-alt");
    append(&s, "site.yaml", "checks:\n  a11y/image-alt: warn\n");
    let ds = check(&s);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(
        (ds[0].code, ds[0].severity),
        ("a11y/image-alt", Severity::Warning)
    );
    let out = s.cli(&["check", "--today", common::TODAY]);
    assert_eq!(out.code, 0, "{out:#?}");

    // Only the check named changes.
    let s = site("link-insecure");
    append(&s, "site.yaml", "checks:\n  a11y/all-caps: off\n");
    let ds = check(&s);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(
        (ds[0].code, ds[0].severity),
        ("link/insecure", Severity::Warning)
    );

    // A code that is not a check is a mistake in site.yaml.
    let s = site("link-insecure");
    append(&s, "site.yaml", "checks:\n  link/insecur: off\n");
    let ds = check(&s);
    let bad: Vec<_> = ds
        .iter()
        .filter(|d| d.file == Path::new("site.yaml"))
        .collect();
    assert_eq!(bad.len(), 1, "{}", describe(&ds));
    assert!(bad[0].is_error());
    assert_eq!(bad[0].line, Some(7));
    assert_eq!(bad[0].field.as_deref(), Some("checks.link/insecur"));
    assert!(
        bad[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("link/insecure")),
        "{:#?}",
        bad[0]
    );
}

#[test]
fn one_finding_can_be_silenced_with_a_reason() {
    let s = site("a11y-link-text");
    // A second page with the same mistake, which stays reported.
    s.write(
        "content/help.md",
        "---\ntitle: Get help\nsummary: Where to get help now.\n---\n## Urgent help\n\nFor urgent help, [click here](https://111.nhs.uk/).\n",
    );
    let before = check(&s);
    assert_eq!(before.len(), 2, "{}", describe(&before));
    add_front_matter(
        &s,
        "content/contact.md",
        "silence_checks:\n  - check: a11y/link-text\n    reason: The page is quoted in our style guide as what not to do.\n",
    );
    let ds = check(&s);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(ds[0].code, "a11y/link-text");
    assert_eq!(ds[0].file, Path::new("content/help.md"));

    // A rule over the front matter can be silenced the same way.
    let s = site("content-ended");
    add_front_matter(
        &s,
        "content/vacancies/peer-worker.md",
        "silence_checks:\n  - check: content/ended\n    reason: Kept to show how a closed vacancy looks.\n",
    );
    let ds = check(&s);
    assert!(ds.is_empty(), "{}", describe(&ds));

    // Silencing one check leaves the others on that page.
    let s = site("a11y-link-text");
    add_front_matter(
        &s,
        "content/contact.md",
        "silence_checks:\n  - check: a11y/all-caps\n    reason: Not the check we mean.\n",
    );
    let ds = check(&s);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(ds[0].code, "a11y/link-text");
}

#[test]
fn silencing_without_a_reason_is_a_mistake() {
    for item in [
        "  - check: a11y/link-text\n",
        "  - check: a11y/link-text\n    reason: \"  \"\n",
    ] {
        let s = site("a11y-link-text");
        add_front_matter(
            &s,
            "content/contact.md",
            &format!("silence_checks:\n{item}"),
        );
        let ds = check(&s);
        let mistakes: Vec<_> = ds.iter().filter(|d| d.is_error()).collect();
        assert_eq!(mistakes.len(), 1, "{}", describe(&ds));
        let d = mistakes[0];
        assert_eq!(d.file, Path::new("content/contact.md"));
        // At the list item, not the key above it.
        assert_eq!(d.line, Some(5), "{d:#?}");
        assert_eq!(d.field.as_deref(), Some("silence_checks"), "{d:#?}");
        assert!(d.message.contains("reason"), "{d:#?}");
        let out = s.cli(&["check", "--today", common::TODAY]);
        assert_eq!(out.code, 1, "{out:#?}");
    }

    // A code that is not a check is a mistake too, with a suggestion.
    let s = site("a11y-link-text");
    add_front_matter(
        &s,
        "content/contact.md",
        "silence_checks:\n  - check: a11y/link-txt\n    reason: A typo.\n",
    );
    let ds = check(&s);
    let mistakes: Vec<_> = ds.iter().filter(|d| d.is_error()).collect();
    assert_eq!(mistakes.len(), 1, "{}", describe(&ds));
    assert!(
        mistakes[0].message.contains("a11y/link-text"),
        "{:#?}",
        mistakes[0]
    );
}

#[test]
fn a_broken_link_in_the_theme_is_reported_once_without_a_line() {
    let s = site("link-insecure");
    s.write(
        "content/contact.md",
        "---\ntitle: Contact us\nsummary: How to reach the team.\n---\n## Ways to reach us\n\nCall the team.\n",
    );
    let base = common::read_text(&s.path("themes/default/templates/base.html"));
    s.write(
        "themes/default/templates/base.html",
        &base.replace(
            "</main>",
            "<a href=\"{{ url(\"/accessibility/\") }}\">Accessibility</a>\n<a href=\"#main-content\">Skip</a>\n</main>",
        ),
    );
    let ds = check(&s);
    let broken: Vec<_> = ds.iter().filter(|d| d.code == "link/broken").collect();
    let fragment: Vec<_> = ds.iter().filter(|d| d.code == "link/fragment").collect();
    assert_eq!(broken.len(), 1, "{}", describe(&ds));
    assert_eq!(fragment.len(), 1, "{}", describe(&ds));
    assert_eq!(ds.len(), 2, "{}", describe(&ds));
    for d in [broken[0], fragment[0]] {
        assert_eq!(d.line, None, "{d:#?}");
        assert!(d.is_error());
        assert!(d.message.starts_with("The theme links to"), "{d:#?}");
        assert!(d.message.contains("other pages"), "{d:#?}");
    }
    assert!(broken[0].message.contains("`/accessibility/`"));
    assert!(fragment[0].message.contains("`#main-content`"));
}

/// The positions of the findings in `_markdown-fields`: lints run on
/// markdown fields (here a vacancy's `how_to_apply`) as well as page text.
fn field_findings() -> Vec<(&'static str, String, Option<usize>, Option<usize>)> {
    let s = site("_markdown-fields");
    let ds = check(&s);
    assert_eq!(ds.len(), 2, "{}", describe(&ds));
    ds.iter()
        .map(|d| {
            (
                d.code,
                d.file.to_string_lossy().replace('\\', "/"),
                d.line,
                d.column,
            )
        })
        .collect()
}

#[test]
fn lints_run_on_markdown_fields_and_point_at_the_page_file() {
    let found = field_findings();
    let codes: Vec<_> = found.iter().map(|f| (f.0, f.1.as_str())).collect();
    assert_eq!(
        codes,
        vec![
            ("a11y/link-text", "content/vacancies/peer-worker.md"),
            ("a11y/image-alt", "content/vacancies/team-leader.md"),
        ]
    );
    // `how_to_apply: Apply [here](…)` is on line 10.
    assert_eq!(found[0].2, Some(10), "{found:?}");
}

#[test]
fn lints_in_markdown_fields_point_at_the_line_and_column_in_the_file() {
    let found = field_findings();
    let at: Vec<_> = found.iter().map(|f| (f.2, f.3)).collect();
    assert_eq!(
        at,
        vec![
            // `how_to_apply: Apply [here](…)`: the link is at line 10, column 21.
            (Some(10), Some(21)),
            // `how_to_apply: |` on line 10, then `  ![](form.png)` on line 13, column 3.
            (Some(13), Some(3)),
        ],
        "{found:?}"
    );
}

// The command line.

#[test]
fn the_command_exits_1_when_there_are_mistakes() {
    let s = site("a11y-image-alt");
    let out = s.cli(&["check", "--today", common::TODAY]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.stderr.contains("a11y/image-alt"), "{}", out.stderr);
    assert!(
        out.stderr.contains("content/contact.md:9:1"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("1 mistake and 0 warnings"),
        "{}",
        out.stdout
    );
    assert!(!s.output_exists(""), "check writes nothing");
}

#[test]
fn the_command_exits_0_with_only_warnings() {
    let s = site("link-insecure");
    let out = s.cli(&["check", "--today", common::TODAY]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stderr.contains("link/insecure"), "{}", out.stderr);
    assert!(
        out.stdout.contains("0 mistakes and 1 warning"),
        "{}",
        out.stdout
    );
    assert!(!s.output_exists(""), "check writes nothing");
}

#[test]
fn the_command_exits_1_on_warnings_with_deny_warnings() {
    let s = site("link-insecure");
    let out = s.cli(&["check", "--today", common::TODAY, "--deny-warnings"]);
    assert_eq!(out.code, 1, "{out:#?}");
    let clean = site("_markdown-fields");
    clean.remove("content/vacancies/peer-worker.md");
    clean.remove("content/vacancies/team-leader.md");
    let out = clean.cli(&["check", "--today", common::TODAY, "--deny-warnings"]);
    assert_eq!(out.code, 0, "{out:#?}");
}

#[test]
fn the_date_for_closing_and_review_dates_can_be_given() {
    let s = site("content-ended");
    let before = s.cli(&["check", "--today", "2026-10-31", "--deny-warnings"]);
    assert_eq!(before.code, 0, "{before:#?}");
    let after = s.cli(&["check", "--today", "2026-11-02", "--deny-warnings"]);
    assert_eq!(after.code, 1, "{after:#?}");
    assert!(after.stderr.contains("content/ended"), "{after:#?}");
    let bad = s.cli(&["check", "--today", "tomorrow"]);
    assert_eq!(bad.code, 2, "{bad:#?}");
}

#[test]
fn the_command_prints_one_json_object_per_finding() {
    let s = site("a11y-image-alt");
    append(
        &s,
        "content/contact.md",
        "\n[Email us](mailto:nobody) or see [our old site](http://old.example.org/).\n",
    );
    let out = s.cli(&["check", "--today", common::TODAY, "--format", "json"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.stderr, "", "JSON mode prints nothing else");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(out.stdout.ends_with('\n'));
    let mut codes = Vec::new();
    for line in &lines {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let o = v
            .as_object()
            .unwrap_or_else(|| panic!("not an object: {line}"));
        for key in [
            "severity", "code", "file", "line", "column", "message", "help",
        ] {
            assert!(o.contains_key(key), "no `{key}` in {line}");
        }
        assert_eq!(o["file"], "content/contact.md", "{line}");
        assert!(o["line"].is_u64() && o["column"].is_u64(), "{line}");
        assert!(
            ["error", "warning"].contains(&o["severity"].as_str().unwrap_or_default()),
            "{line}"
        );
        codes.push((
            o["code"].as_str().unwrap_or_default().to_string(),
            o["line"].as_u64().unwrap_or_default(),
        ));
    }
    // Sorted by file, line, column.
    assert_eq!(
        codes,
        vec![
            ("a11y/image-alt".to_string(), 9),
            ("link/mailto".to_string(), 11),
            ("link/insecure".to_string(), 11),
        ]
    );
    // The library's JSON is the same.
    let ds = check(&s);
    assert_eq!(signpost::check::to_json_lines(&ds), out.stdout);
}

#[test]
fn the_command_checks_another_folder_with_root() {
    let s = site("link-insecure");
    let parent = s.root.parent().expect("parent");
    let out = common::run_cli(
        parent,
        &["check", "--root", "site", "--today", common::TODAY],
    );
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stderr.contains("link/insecure"), "{}", out.stderr);
}

#[test]
fn a_broken_link_with_a_space_or_an_accent_is_reported_at_its_markdown_line() {
    let s = site("link-broken");
    s.write(
        "content/contact.md",
        "---\ntitle: Contact us\nsummary: How to reach the team.\n---\n## Ways to reach us\n\nSee [the café menu (PDF)](café-menu.pdf) and\n[the opening hours (PDF)](<opening hours.pdf>).\n",
    );
    let ds = check(&s);
    let at: Vec<_> = ds.iter().map(|d| (d.code, d.line, d.column)).collect();
    assert_eq!(
        at,
        vec![
            ("link/broken", Some(7), Some(5)),
            ("link/broken", Some(8), Some(1)),
        ],
        "{}",
        describe(&ds)
    );
}

#[test]
fn thirty_findings_of_one_check_on_one_page_print_as_twenty_and_a_count() {
    let s = site("_many-findings");
    // Every finding is still found, and listed as JSON.
    let ds = check(&s);
    let link_text = ds.iter().filter(|d| d.code == "a11y/link-text").count();
    assert_eq!(link_text, 30, "{}", describe(&ds));
    let json = s.cli(&["check", "--today", common::TODAY, "--format", "json"]);
    assert_eq!(json.stdout.lines().count(), 31, "{}", json.stdout);

    // People see the first twenty, then one line for the rest, then the
    // page's other findings are not lost.
    let out = s.cli(&["check", "--today", common::TODAY]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(
        out.stderr.matches("warning[a11y/link-text]").count(),
        21,
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("…and 10 more like this in this file, from line 47 on"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("warning[link/insecure]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("0 mistakes and 31 warnings"),
        "the count is of every finding: {}",
        out.stdout
    );
    let more = &out.stderr[out.stderr.find("…and 10 more").expect("more")..];
    insta::assert_snapshot!(
        "many_findings_tail",
        &more[..more.find("\n\n").unwrap_or(more.len())]
    );
}

#[test]
fn a_service_naming_a_draft_or_unpublished_team_member_says_so() {
    let s = site("_draft-reference");
    let ds = check(&s);
    let found: Vec<_> = ds
        .iter()
        .map(|d| (d.code, d.line, d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/unknown-reference",
                Some(10),
                "`team_members` names `tony-mitchell`, but that team member page is a draft (`draft: true`), so it is not on the site",
                Some(
                    "Publish `content/team/tony-mitchell.md` first, or take `tony-mitchell` out of `team_members` until it is."
                )
            ),
            (
                "content/unknown-reference",
                Some(11),
                "`team_members` names `sam-jones`, but that team member page is not published yet (its `publish_date` is 1 March 2027), so it is not on the site",
                Some(
                    "Publish `content/team/sam-jones.md` first, or take `sam-jones` out of `team_members` until it is."
                )
            ),
        ],
        "{}",
        describe(&ds)
    );
    // With the drafts and the page to come included, there is nothing to say.
    let report = signpost::check_site(&BuildOptions {
        drafts: true,
        ..s.options()
    })
    .expect("check");
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    insta::assert_snapshot!("draft_reference", plain(&ds));
}

/// The fixture's score, by hand: 8 words of three or more syllables in 3
/// sentences, so 1.0430 × √(8 × 30 ÷ 3) + 3.1291 = 12.46, shown as 12.5;
/// the code block and the table are not counted. JSON carries it as a number.
#[test]
fn the_reading_score_is_worked_out_on_the_prose_and_carried_in_json() {
    let ds = check(&site("writing-reading-age"));
    let json = signpost::check::to_json_lines(&ds);
    assert!(json.contains("\"score\":12.5"), "{json}");
    assert!(
        ds[0].message.contains("is 12.5, over the limit of 12"),
        "{}",
        describe(&ds)
    );
    // At the default limit (14) the page passes.
    let site = site("writing-reading-age");
    let yaml = common::read_text(&site.path("site.yaml")).replace("  reading_score: 12\n", "");
    site.write("site.yaml", &yaml);
    assert_eq!(describe(&check(&site)), "(no findings)");
}

/// A page can silence a writing check with a reason, like any check.
#[test]
fn a_page_can_silence_a_spelling_finding_with_a_reason() {
    let site = site("writing-spelling");
    add_front_matter(
        &site,
        "content/services/early-intervention.md",
        "silence_checks:\n  - check: writing/spelling\n    reason: Spelt as the referral form spells it\n",
    );
    assert_eq!(describe(&check(&site)), "(no findings)");
}

/// Every `.md` file and `site.yaml` of `site` saved again with Windows line
/// endings (CRLF), as Notepad and many Windows editors write them.
fn to_crlf(site: &TestSite) {
    for entry in walkdir::WalkDir::new(&site.root).into_iter().flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && (name.ends_with(".md") || name == "site.yaml") {
            let text = common::read_text(path).replace("\r\n", "\n");
            fs::write(path, text.replace('\n', "\r\n")).expect("write CRLF");
        }
    }
}

/// Each check's fixture gives the same findings, at the same lines and
/// columns of the markdown and of site.yaml, when its files have Windows
/// line endings: the front matter's `---` lines, its fields' lines and the
/// writing checks' words are found the same way.
#[test]
fn files_with_windows_line_endings_give_the_same_findings_at_the_same_places() {
    let mut compared = 0;
    for entry in fs::read_dir(common::fixtures().join("check")).expect("fixtures") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let unix = site(&name);
        let windows = site(&name);
        to_crlf(&windows);
        let (lf, crlf) = (describe(&check(&unix)), describe(&check(&windows)));
        assert_eq!(crlf, lf, "{name}: with CRLF line endings");
        compared += usize::from(lf != "(no findings)");
    }
    // Nearly every fixture is there to have findings.
    assert!(compared > 30, "only {compared} fixtures had findings");
}

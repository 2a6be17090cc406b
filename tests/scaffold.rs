//! `signpost init` starts a site that builds clean, and `signpost new`
//! writes pages of every kind that build clean, without overwriting.

mod common;

use std::process::Command;

use signpost::BuildOptions;

fn signpost(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run signpost")
}

#[test]
fn init_writes_the_example_site_and_new_pages_of_every_kind_build_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("site");
    let out = signpost(dir.path(), &["init", "site"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.join("site.yaml").is_file());
    assert!(site.join("themes/default/templates/base.html").is_file());

    for kind in ["page", "service", "team_member", "course", "vacancy"] {
        let out = signpost(&site, &["new", kind, &format!("A new {kind} page")]);
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        site.join("content/vacancies/a-new-vacancy-page.md")
            .is_file()
    );
    assert!(
        site.join("content/team/a-new-team_member-page.md")
            .is_file()
    );

    let mut opts = BuildOptions::new(&site);
    opts.today = Some("2026-11-24".parse().expect("date"));
    let report = signpost::check_site(&opts).expect("check");
    let found = report.diagnostics.sorted();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn new_refuses_to_overwrite_a_page_and_init_refuses_a_folder_in_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(signpost(dir.path(), &["init", "."]).status.success());
    let before = std::fs::read_to_string(dir.path().join("content/contact.md")).expect("contact");
    let out = signpost(dir.path(), &["new", "page", "Contact"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/contact.md")).expect("contact"),
        before
    );

    let out = signpost(dir.path(), &["init", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

#[test]
fn new_explains_an_unknown_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = signpost(dir.path(), &["new", "blogpost", "Hello"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a kind of page"));
}

#[test]
fn a_section_key_leading_out_of_content_is_a_located_error_and_new_writes_nothing() {
    let site = common::TestSite::new("scaffold/section_outside_content");
    let out = site.cli(&["new", "service", "Crisis line"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        !site.path("../outside").exists(),
        "new wrote outside content/"
    );
    assert!(!site.path("content/crisis-line.md").exists());
    insta::assert_snapshot!("section_outside_content", out.stderr);

    let out = site.cli(&["check", "--today", common::TODAY]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr.contains("site.yaml:7:"),
        "located at the key's line:\n{}",
        out.stderr
    );
}

#[test]
fn new_never_writes_a_hidden_file_and_names_files_in_plain_ascii() {
    let site = common::TestSite::new("scaffold/plain");
    let out = site.cli(&["new", "page", ".NET guide"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(site.path("content/net-guide.md").is_file(), "{out:#?}");
    assert!(out.stdout.contains("content/net-guide.md"), "{out:#?}");
    assert!(!site.path("content/.net-guide.md").exists());

    let out = site.cli(&["new", "team_member", "Dr Siân Ó Súilleabháin"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let file = site.path("content/team/dr-sian-o-suilleabhain.md");
    let text = common::read_text(&file);
    assert!(text.contains("name: \"Dr Siân Ó Súilleabháin\""), "{text}");
}

#[test]
fn a_new_page_is_a_draft_and_its_placeholders_are_errors_once_it_is_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(signpost(dir.path(), &["init", "."]).status.success());
    let out = signpost(dir.path(), &["new", "vacancy", "Bank peer worker"]);
    assert!(out.status.success(), "{out:?}");
    let file = dir.path().join("content/vacancies/bank-peer-worker.md");
    let text = std::fs::read_to_string(&file).expect("new page");
    assert!(text.contains("\ndraft: true\n"), "{text}");

    // As a draft it is not published, so nothing is wrong.
    let mut opts = BuildOptions::new(dir.path());
    opts.today = Some("2026-11-24".parse().expect("date"));
    let report = signpost::check_site(&opts).expect("check");
    assert!(
        report.diagnostics.is_empty(),
        "{:#?}",
        report.diagnostics.sorted()
    );

    // Published as it is, every text to replace is an error on its line.
    std::fs::write(&file, text.replace("\ndraft: true\n", "\n")).expect("write");
    let report = signpost::check_site(&opts).expect("check");
    let found: Vec<_> = report
        .diagnostics
        .sorted()
        .into_iter()
        .map(|d| (d.code, d.field, d.line.is_some()))
        .collect();
    let want: Vec<_> = [
        Some("summary"),
        Some("location"),
        Some("pay"),
        Some("hours"),
        Some("eligibility_criteria"),
        Some("eligibility_criteria"),
        Some("how_to_apply"),
        None,
    ]
    .into_iter()
    .map(|f| ("content/placeholder", f.map(String::from), true))
    .collect();
    assert_eq!(found, want);
}

#[test]
fn init_writes_a_site_ready_to_publish_with_its_own_name_and_address() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("my-site");
    let out = signpost(
        dir.path(),
        &[
            "init",
            "my-site",
            "--title",
            "Talking together",
            "--organisation",
            "Example Healthcare NHS Trust",
            "--base-url",
            "https://talk.example.nhs.uk/",
            "--signpost-repository",
            "https://git.example.nhs.uk/tools/signpost",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    assert!(yaml.contains("\ntitle: Talking together\n"), "{yaml}");
    assert!(
        yaml.contains("\norganisation: Example Healthcare NHS Trust\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("\nbase_url: https://talk.example.nhs.uk/\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("# The name of the website."),
        "the notes are kept"
    );

    let ignore = std::fs::read_to_string(site.join(".gitignore")).expect(".gitignore");
    for line in ["/public/", "/.signpost/", "/.public.signpost-*"] {
        assert!(ignore.lines().any(|l| l == line), "{line} in:\n{ignore}");
    }
    let workflow =
        std::fs::read_to_string(site.join(".github/workflows/publish.yml")).expect("workflow");
    assert!(
        workflow.contains("SIGNPOST_REPOSITORY: \"https://git.example.nhs.uk/tools/signpost\"")
    );
    assert!(workflow.contains(&format!(
        "SIGNPOST_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(workflow.contains("cron:"), "a daily rebuild");
    for blank in ["{{repository}}", "{{version}}"] {
        assert!(
            !workflow.contains(blank),
            "{blank} is filled in:\n{workflow}"
        );
    }
    let netlify = std::fs::read_to_string(site.join("netlify.toml")).expect("netlify.toml");
    assert!(netlify.contains("publish = \"public\"") && !netlify.contains("{{repository}}"));
    assert!(site.join("EDITING.md").is_file());
    assert!(site.join("static").is_dir());

    // It builds, with no reminder about the address, and its check can
    // speak GitHub's annotations.
    let build = signpost(&site, &["build"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(!String::from_utf8_lossy(&build.stderr).contains("placeholder"));
    assert!(site.join("public/index.html").is_file());
    let check = signpost(&site, &["check", "--format", "github"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{stdout}"
    );
}

#[test]
fn every_build_reminds_while_base_url_is_still_the_example_address() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = signpost(dir.path(), &["init", "site"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Set `base_url` in site.yaml"), "{stdout}");
    let site = dir.path().join("site");
    for _ in 0..2 {
        let build = signpost(&site, &["build"]);
        assert!(
            build.status.success(),
            "{}",
            String::from_utf8_lossy(&build.stderr)
        );
        assert!(
            String::from_utf8_lossy(&build.stderr)
                .contains("`base_url` in site.yaml is still https://example.org/, a placeholder"),
            "{}",
            String::from_utf8_lossy(&build.stderr)
        );
    }
    // Publishing with the real address given on the command line is fine.
    let build = signpost(&site, &["build", "--base-url", "https://peer.nhs.uk/"]);
    assert!(!String::from_utf8_lossy(&build.stderr).contains("placeholder"));
}

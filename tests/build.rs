//! Building whole sites: what ends up in the output folder, and how the
//! output folder is looked after.

mod common;

use std::fs;

use common::{TestSite, links, list_items, read_tree, text_of_class};

#[test]
fn each_kind_renders_its_fields() {
    let site = TestSite::new("site");
    site.build_ok();

    let contact = site.read_output("contact/index.html");
    assert_eq!(text_of_class(&contact, "kind"), "page");
    assert_eq!(
        text_of_class(&contact, "summary"),
        "How to reach the test team."
    );
    assert_eq!(text_of_class(&contact, "last-reviewed"), "1 November 2026");
    assert_eq!(
        text_of_class(&contact, "next-review-due"),
        "1 November 2027"
    );

    let service = site.read_output("services/alpha/index.html");
    assert!(service.contains("<h1>Alpha service</h1>"), "{service}");
    assert_eq!(text_of_class(&service, "kind"), "service");
    assert!(
        service.contains(r#"<li class="locality">City</li>"#),
        "{service}"
    );
    assert!(
        service.contains(r#"<li class="locality">County north</li>"#),
        "{service}"
    );
    assert!(
        service.contains("<strong>18</strong>"),
        "markdown fields are rendered: {service}"
    );
    assert_eq!(
        text_of_class(&service, "how-to-be-referred"),
        "Ask your GP, or read how to contact us."
    );
    assert!(
        service.contains(r#"<a href="mailto:alpha@example.test">alpha@example.test</a>"#),
        "{service}"
    );
    assert!(
        service.contains(r#"<p class="section"><a href="/services/">Our services</a></p>"#),
        "a page knows its section: {service}"
    );

    let member = site.read_output("team/ann-example/index.html");
    assert!(
        member.contains("<h1>Ann Example</h1>"),
        "the name is the title: {member}"
    );
    assert_eq!(text_of_class(&member, "role"), "Peer Support Lead");
    assert_eq!(text_of_class(&member, "bio"), "Leads the test team.");
    assert!(
        member.contains(r#"<img class="photo" src="/team/ann.jpg" alt="Ann smiling in a garden">"#),
        "{member}"
    );
    let no_photo = site.read_output("team/bob-example/index.html");
    assert!(!no_photo.contains("<img"), "{no_photo}");

    let course = site.read_output("training/first-aid/index.html");
    assert_eq!(text_of_class(&course, "format"), "Online");
    assert_eq!(
        text_of_class(&course, "duration"),
        "Six hours over two days"
    );
    assert!(course.contains("<strong>help</strong>"), "{course}");
    assert_eq!(
        list_items(&course, "learning-outcomes"),
        ["Spot the signs of distress", "Listen without judging"]
    );
    assert_eq!(
        list_items(&course, "topics"),
        ["Active listening", "Looking after yourself"]
    );
    assert!(
        course.contains(r#"<a href="mailto:team@example.test">the team</a>"#),
        "{course}"
    );
    assert_eq!(
        list_items(&course, "dates"),
        [
            "3 February 2027 to 4 February 2027: Places available",
            "1 March 2027"
        ]
    );
    assert!(
        course.contains(r#"<h2 id="learning-outcomes">Learning outcomes</h2>"#),
        "headings get ids: {course}"
    );

    let vacancy = site.read_output("vacancies/soon/index.html");
    assert_eq!(text_of_class(&vacancy, "closing-date"), "1 December 2026");
    assert_eq!(text_of_class(&vacancy, "status"), "Open");
    assert_eq!(text_of_class(&vacancy, "location"), "City");
    assert_eq!(text_of_class(&vacancy, "pay"), "Band 3");
    assert_eq!(text_of_class(&vacancy, "hours"), "37.5 hours a week");
    assert_eq!(
        list_items(&vacancy, "criteria"),
        ["Criterion for the Soon job"]
    );
    assert_eq!(
        list_items(&vacancy, "shared-criteria"),
        [
            "Have lived experience of mental distress",
            "Be able to take part in the training"
        ],
        "a vacancy shows its section's shared criteria"
    );
    assert!(
        vacancy.contains(r#"<a href="https://example.test/jobs">online</a>"#),
        "{vacancy}"
    );
    assert!(
        vacancy.contains(r#"<p class="apply"><a href="https://example.test/jobs">Apply</a></p>"#),
        "{vacancy}"
    );

    let home = site.read_output("index.html");
    assert_eq!(
        text_of_class(&home, "summary"),
        "The home page of the test site."
    );
    assert_eq!(
        list_items(&home, "subsections"),
        ["Our services", "Our team", "Training", "Vacancies"]
    );
    assert_eq!(list_items(&home, "pages"), ["Contact us"]);

    let not_found = site.read_output("404.html");
    assert!(not_found.contains("<h1>Page not found</h1>"), "{not_found}");
    let thanks = site.read_output("feedback/thanks/index.html");
    assert!(
        thanks.contains(r#"<p class="thanks">Thank you.</p>"#),
        "{thanks}"
    );
}

#[test]
fn every_page_gets_the_site_navigation_breadcrumbs_and_today() {
    let site = TestSite::new("site");
    site.build_ok();
    let page = site.read_output("services/alpha/index.html");
    assert_eq!(
        list_items(&page, "nav"),
        ["Home", "Our services", "Vacancies", "Contact us"]
    );
    assert!(
        page.contains(r#"<li class="current"><a href="/services/">Our services</a></li>"#),
        "the section of the page is the current nav item: {page}"
    );
    assert!(
        page.contains(r#"<li><a href="/">Home</a></li>"#),
        "home is not current on other pages: {page}"
    );
    assert_eq!(list_items(&page, "breadcrumbs"), ["Home", "Our services"]);
    assert_eq!(text_of_class(&page, "today"), "2026-11-24");
    assert_eq!(text_of_class(&page, "url"), "/services/alpha/");
    assert_eq!(
        text_of_class(&page, "permalink"),
        "https://example.test/services/alpha/"
    );
    assert!(page.contains(r#"<html lang="en-GB">"#), "{page}");
    assert!(
        page.contains(r#"action="https://example.test/feedback""#),
        "the feedback form posts to the endpoint: {page}"
    );
    assert_eq!(list_items(&page, "footer"), ["Contact us"]);
}

#[test]
fn listings_sort_by_weight_then_title() {
    let site = TestSite::new("site");
    site.build_ok();
    let services = site.read_output("services/index.html");
    assert_eq!(
        list_items(&services, "pages"),
        [
            "Beta service",
            "Alpha service",
            "Zulu service",
            "Charlie service",
            "Delta service"
        ]
    );
    let team = site.read_output("team/index.html");
    assert_eq!(list_items(&team, "pages"), ["Ann Example", "Bob Example"]);
}

#[test]
fn vacancies_list_open_ones_soonest_closing_first_and_never_show_closed_ones_as_open() {
    let site = TestSite::new("site");
    site.build_ok();
    let vacancies = site.read_output("vacancies/index.html");
    // Weight does not change the order of vacancies: `Later job` has weight 1.
    assert_eq!(
        list_items(&vacancies, "open"),
        [
            "Last day job closes 24 November 2026",
            "Soon job closes 1 December 2026",
            "Later job closes 15 January 2027",
        ]
    );
    let closed = list_items(&vacancies, "closed");
    assert_eq!(closed.len(), 2, "{closed:?}");
    assert!(
        closed.contains(&"Closed yesterday job closed 23 November 2026".to_string()),
        "{closed:?}"
    );
    assert!(
        closed.contains(&"Long closed job closed 1 October 2026".to_string()),
        "{closed:?}"
    );
    assert_eq!(
        list_items(&vacancies, "shared-criteria"),
        [
            "Have lived experience of mental distress",
            "Be able to take part in the training"
        ]
    );

    // A vacancy is open on its closing date and closed the day after.
    let last_day = site.read_output("vacancies/last-day/index.html");
    assert_eq!(text_of_class(&last_day, "status"), "Open");
    for closed in ["closed-yesterday", "long-closed"] {
        let page = site.read_output(&format!("vacancies/{closed}/index.html"));
        assert_eq!(text_of_class(&page, "status"), "Closed", "{closed}");
    }
}

#[test]
fn the_build_date_decides_which_vacancies_are_open() {
    let site = TestSite::new("site");
    let report = site.build_with(|o| o.today = Some("2026-12-02".parse().expect("date")));
    common::assert_no_errors(&site.root, &report);
    let vacancies = site.read_output("vacancies/index.html");
    assert_eq!(
        list_items(&vacancies, "open"),
        ["Later job closes 15 January 2027"]
    );
    assert_eq!(list_items(&vacancies, "closed").len(), 4);
    let soon = site.read_output("vacancies/soon/index.html");
    assert_eq!(text_of_class(&soon, "status"), "Closed");
}

#[test]
fn relative_md_links_resolve_to_page_urls() {
    let site = TestSite::new("site");
    site.build_ok();
    let contact = site.read_output("contact/index.html");
    for (href, text) in [
        ("/services/alpha/#referrals", "alpha referrals"),
        ("/training/first-aid/", "first aid course"),
        ("/", "back home"),
        ("/leaflet.pdf", "our leaflet"),
        ("/team/ann-example/", "Ann"),
    ] {
        let a = format!(r#"<a href="{href}">{text}</a>"#);
        assert!(contact.contains(&a), "expected {a} in:\n{contact}");
    }
    let home = site.read_output("index.html");
    assert!(
        home.contains(r#"<a href="/services/">our services</a>"#),
        "a link to a section's _index.md goes to the section: {home}"
    );
    let alpha = site.read_output("services/alpha/index.html");
    assert!(
        alpha.contains(r#"<a href="/contact/">how to contact us</a>"#),
        "links in markdown fields resolve from the page's folder: {alpha}"
    );
    assert!(
        alpha.contains(r#"<img src="/services/map.png" alt="A map of the area" />"#),
        "images resolve from the page's folder: {alpha}"
    );
    assert!(
        !contact.contains(".md\""),
        "no link to a markdown file is left: {contact}"
    );
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_link() {
    let site = TestSite::new("site");
    let report =
        site.build_with(|o| o.base_url = Some("https://example.test/peer-support/".into()));
    common::assert_no_errors(&site.root, &report);
    let files = read_tree(&site.output());
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            if link.starts_with('/') {
                assert!(
                    link.starts_with("/peer-support/"),
                    "{path}: the link {link} does not start with the base path"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} site links were found");
    let contact = site.read_output("contact/index.html");
    assert!(
        contact.contains(r#"<a href="/peer-support/services/alpha/#referrals">"#),
        "{contact}"
    );
    assert_eq!(
        text_of_class(&contact, "permalink"),
        "https://example.test/peer-support/contact/"
    );
    // The files themselves are still at the top of the output folder.
    assert!(site.output_exists("contact/index.html"));
    assert!(site.output_exists("css/site.css"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new("site");
    let report = site.build_ok();
    assert!(!site.output_exists("draft-news/index.html"));
    let home = site.read_output("index.html");
    assert!(!home.contains("Draft news"), "{home}");

    let with_drafts = site.build_with(|o| o.drafts = true);
    common::assert_no_errors(&site.root, &with_drafts);
    assert_eq!(with_drafts.pages, report.pages + 1);
    let draft = site.read_output("draft-news/index.html");
    assert!(draft.contains("<h1>Draft news</h1>"), "{draft}");
    let home = site.read_output("index.html");
    assert_eq!(list_items(&home, "pages"), ["Contact us", "Draft news"]);
}

#[test]
fn a_link_to_a_draft_is_a_mistake_unless_drafts_are_built() {
    let site = TestSite::new("site");
    site.write(
        "content/contact.md",
        "---\ntitle: Contact us\nsummary: S.\n---\nRead [the news](draft-news.md).\n",
    );
    let report = site.build();
    // The fixture's closed vacancies are warnings; only the link is a mistake.
    let ds: Vec<_> = report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(ds.len(), 1, "{}", site.render(&report.diagnostics));
    assert_eq!(ds[0].code, "link/to-draft");
    assert_eq!(ds[0].file, std::path::Path::new("content/contact.md"));
    assert_eq!((ds[0].line, ds[0].column), (Some(5), Some(6)));
    assert!(!report.written);

    let with_drafts = site.build_with(|o| o.drafts = true);
    common::assert_no_errors(&site.root, &with_drafts);
    let contact = site.read_output("contact/index.html");
    assert!(
        contact.contains(r#"<a href="/draft-news/">the news</a>"#),
        "{contact}"
    );
}

#[test]
fn the_report_counts_pages_and_assets() {
    let site = TestSite::new("site");
    let report = site.build_ok();
    // 20 markdown files, one of them a draft, plus 404, the thank-you page and
    // the empty-form page.
    assert_eq!(report.pages, 19 + 3);
    // leaflet.pdf, map.png, ann.jpg; the theme's two CSS files; the site's one.
    assert_eq!(report.assets, 3 + 2 + 1);
    let html = read_tree(&site.output())
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    assert_eq!(html, report.pages);
}

#[test]
fn same_input_gives_byte_identical_output() {
    let site = TestSite::new("site");
    let other = tempfile::tempdir().expect("temp dir");
    let first = site.output();
    let second = other.path().join("elsewhere");
    site.build_ok();
    let report = site.build_with(|o| o.output = Some(second.clone()));
    common::assert_no_errors(&site.root, &report);
    let a = read_tree(&first);
    let b = read_tree(&second);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files are written"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between the two builds");
    }
    // And a third build over the first output changes nothing either.
    site.build_ok();
    assert_eq!(read_tree(&first), a);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::new("site");
    site.build_ok();
    let before = read_tree(&site.output());
    let top_level = |site: &TestSite| {
        let mut names: Vec<String> = fs::read_dir(&site.root)
            .expect("read site folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let names_before = top_level(&site);

    // A mistake found while rendering, after the staging folder was made.
    site.write(
        "content/contact.md",
        "---\ntitle: Contact us\nsummary: S.\n---\nSee [nothing](nowhere.md).\n",
    );
    let report = site.build();
    assert!(report.diagnostics.has_errors());
    assert!(!report.written);
    assert_eq!(read_tree(&site.output()), before);
    assert_eq!(
        top_level(&site),
        names_before,
        "no staging folder is left behind"
    );

    // A mistake found while reading the content.
    site.write("content/contact.md", "---\ntitle: Contact us\n---\nText.\n");
    let report = site.build();
    assert!(report.diagnostics.has_errors());
    assert!(!report.written);
    assert_eq!(read_tree(&site.output()), before);
    assert_eq!(
        top_level(&site),
        names_before,
        "no staging folder is left behind"
    );

    // The command says so too, and exits with 1.
    let out = site.cli(&["build", "--today", common::TODAY]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains("Not built: 1 mistake found."),
        "{}",
        out.stderr
    );
    assert_eq!(read_tree(&site.output()), before);
    assert_eq!(top_level(&site), names_before);
}

#[test]
fn a_successful_build_leaves_no_staging_folder_behind() {
    let site = TestSite::new("site");
    site.build_ok();
    site.build_ok();
    let leftovers: Vec<String> = fs::read_dir(&site.root)
        .expect("read site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.ends_with(".old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn dotfiles_in_the_output_folder_are_kept() {
    let site = TestSite::new("site");
    site.write("public/.gitkeep", "");
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.build_ok();
    assert!(site.output_exists(".gitkeep"));
    assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert!(site.output_exists("index.html"));
    // They survive the next build too.
    site.build_ok();
    assert!(site.output_exists(".gitkeep"));
    assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
}

#[test]
fn pages_an_earlier_build_wrote_are_removed_when_their_source_goes() {
    let site = TestSite::new("site");
    site.write(
        "content/old-page.md",
        "---\ntitle: Old page\nsummary: Old.\n---\nText.\n",
    );
    site.build_ok();
    assert!(site.output_exists("old-page/index.html"));
    site.remove("content/old-page.md");
    site.build_ok();
    assert!(!site.output_exists("old-page/index.html"));
    assert!(!site.output_exists("old-page"));
}

#[test]
fn non_markdown_files_are_copied_as_assets() {
    let site = TestSite::new("site");
    site.build_ok();
    for (output, source) in [
        ("leaflet.pdf", "content/leaflet.pdf"),
        ("services/map.png", "content/services/map.png"),
        ("team/ann.jpg", "content/team/ann.jpg"),
    ] {
        assert_eq!(
            fs::read(site.output().join(output)).expect(output),
            fs::read(site.path(source)).expect(source),
            "{output} is a byte-for-byte copy"
        );
    }
}

#[test]
fn editor_leftovers_are_neither_pages_nor_assets() {
    let site = TestSite::new("site");
    site.write("content/contact.md~", "backup");
    site.write("content/.contact.md.swp", "swap");
    site.write("content/services/.DS_Store", "mac");
    site.write("content/services/Thumbs.db", "windows");
    site.build_ok();
    let files = read_tree(&site.output());
    for name in [
        "contact.md~",
        ".contact.md.swp",
        "services/.DS_Store",
        "services/Thumbs.db",
    ] {
        assert!(!files.contains_key(name), "{name} was copied");
    }
}

#[test]
fn site_static_files_win_over_theme_files() {
    let site = TestSite::new("site");
    site.build_ok();
    assert_eq!(site.read_output("css/site.css"), "/* site css */\n");
    assert_eq!(
        site.read_output("css/theme-only.css"),
        "/* only in the theme */\n",
        "the theme's other files are still copied"
    );
}

#[test]
fn the_command_builds_a_site_and_exits_with_zero() {
    let site = TestSite::new("site");
    let out = site.cli(&["build", "--today", common::TODAY]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout
            .starts_with("Built 22 pages and copied 6 files into "),
        "{}",
        out.stdout
    );
    assert!(site.output_exists("index.html"));

    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("out");
    let root = site.root.to_string_lossy().into_owned();
    let out = common::run_cli(
        elsewhere.path(),
        &[
            "build",
            "--root",
            &root,
            "--output",
            &target.to_string_lossy(),
            "--base-url",
            "https://example.test/sub/",
            "--drafts",
            "--today",
            common::TODAY,
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let draft = common::read_text(&target.join("draft-news/index.html"));
    assert!(draft.contains(r#"<a href="/sub/">Home</a>"#), "{draft}");
}

#[test]
fn the_example_site_builds_without_errors() {
    let root = common::repo_root();
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("public");
    let report = common::build(&signpost::BuildOptions {
        output: Some(output.clone()),
        today: Some(common::today()),
        ..signpost::BuildOptions::new(&root)
    });
    common::assert_no_errors(&root, &report);
    assert!(report.pages > 10, "{} pages", report.pages);

    let read = |rel: &str| common::read_text(&output.join(rel));
    let team = read("team/index.html");
    for fact in [
        "Tony Mitchell",
        "Interim Peer Support Development Lead",
        "Drew Szmit",
        "Saffron Bradshaw",
    ] {
        assert!(team.contains(fact), "the team page should mention {fact}");
    }
    let tony = read("team/tony-mitchell/index.html");
    assert!(tony.contains("Interim Peer Support Development Lead"));
    let about = read("about-peer-support/index.html");
    assert!(about.contains("Watson, 2019"), "{about}");
    let course = read("training/peer-support-course/index.html");
    assert!(course.contains("Six hours over two days"), "{course}");
    assert!(course.contains("six hours in total"), "{course}");
    assert!(course.contains("Define peer support and the role of a peer worker"));
    let vacancies = read("vacancies/index.html");
    assert!(vacancies.contains("Peer support worker, community mental health team (example)"));
    assert!(
        vacancies.contains("Have your own lived experience of mental distress and of recovery")
    );
    assert!(output.join("404.html").is_file());
    assert!(output.join("css/site.css").is_file());
    // Every relative .md link was turned into a web address.
    for (path, bytes) in read_tree(&output) {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            for link in links(&html) {
                assert!(
                    !link.ends_with(".md") && !link.contains(".md#"),
                    "{path} links to {link}"
                );
            }
        }
    }
}

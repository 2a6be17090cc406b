//! The default theme's markup for what editors write in markdown: tables in
//! labelled scroll containers, footnotes with a heading and named links, and
//! heading ids that keep clear of the theme's own ids (and of each other),
//! which the link checks know about. Built from `tests/fixtures/theme/` with
//! the repository's real theme.

mod common;

use std::collections::BTreeMap;

use common::{TestSite, copy_dir, repo_root};

fn theme_site() -> TestSite {
    let site = TestSite::new("theme");
    copy_dir(&repo_root().join("themes"), &site.path("themes"));
    site
}

/// The text from the first `start` to the end of the first `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in:\n{html}"));
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"));
    &html[from..from + to + end.len()]
}

/// Every `id="…"` value in the HTML, with how many times it is used.
fn ids(html: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for part in html.split(" id=\"").skip(1) {
        if let Some(end) = part.find('"') {
            *out.entry(part[..end].to_string()).or_insert(0) += 1;
        }
    }
    out
}

#[test]
fn markdown_tables_are_in_labelled_focusable_scroll_containers_named_after_their_heading() {
    let site = theme_site();
    site.build_ok();
    let html = site.read_output("groups-and-opening-times/index.html");
    let tables = between(
        &html,
        "<h2 id=\"opening-times\">",
        "</table>\n</div>\n<h2 id=\"feedback-1\">",
    );
    insta::assert_snapshot!("markdown_tables", tables);
}

#[test]
fn footnotes_have_a_heading_references_named_footnote_n_and_links_back_in_words() {
    let site = theme_site();
    site.build_ok();
    let html = site.read_output("groups-and-opening-times/index.html");
    let first = between(&html, "<p>Our groups", "</p>");
    let notes = between(&html, "<section class=\"footnotes\">", "</section>");
    insta::assert_snapshot!("footnotes", format!("{first}\n…\n{notes}"));
}

#[test]
fn headings_named_like_blocks_of_the_theme_get_a_number_and_no_page_repeats_an_id() {
    let site = theme_site();
    site.build_ok();
    let job = site.read_output("vacancies/peer-support-worker/index.html");
    let headings: Vec<&str> = job
        .split("<h2 id=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .collect();
    assert_eq!(
        headings,
        vec![
            "about-the-job",
            "eligibility-criteria-1",
            "how-to-apply-1",
            "feedback-1"
        ],
        "{job}"
    );
    // The theme's own blocks keep their ids.
    assert!(job.contains(r#"<div class="section-block" id="how-to-apply">"#));
    assert!(job.contains(r#"<div class="feedback" id="feedback" data-search-ignore>"#));
    for page in [
        "index.html",
        "groups-and-opening-times/index.html",
        "vacancies/index.html",
        "vacancies/peer-support-worker/index.html",
        "team/index.html",
    ] {
        let twice: Vec<String> = ids(&site.read_output(page))
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(id, _)| id)
            .collect();
        assert!(twice.is_empty(), "{page} repeats the ids {twice:?}");
    }
    // The section page: its body's `## Eligibility criteria` and the theme's list.
    let section = site.read_output("vacancies/index.html");
    assert!(section.contains(r#"<h2 id="eligibility-criteria-1">"#));
    assert!(section.contains(r#"id="eligibility-criteria">"#));
}

#[test]
fn a_heading_keeps_clear_of_the_ids_of_the_page_s_markdown_fields() {
    let site = theme_site();
    let rel = "content/vacancies/peer-support-worker.md";
    let text = common::read_text(&site.path(rel)).replace(
        "how_to_apply: Apply on [the recruitment website](https://example.test/jobs).",
        "how_to_apply: |\n  ## Documents\n\n  Bring your passport.",
    ) + "\n## Documents\n\nWe pay for travel.\n";
    site.write(rel, &text);
    site.build_ok();
    let job = site.read_output("vacancies/peer-support-worker/index.html");
    assert!(
        job.contains(r#"<h2 id="documents">Documents</h2>"#),
        "{job}"
    );
    assert!(
        job.contains(r#"<h2 id="documents-1">Documents</h2>"#),
        "{job}"
    );
}

#[test]
fn links_to_the_theme_s_ids_and_to_numbered_headings_pass_the_link_check() {
    let site = theme_site();
    site.write(
        "content/links.md",
        "---\ntitle: Links\nsummary: Links to parts of other pages.\n---\n[The form](vacancies/peer-support-worker.md#how-to-apply), [the heading](vacancies/peer-support-worker.md#how-to-apply-1) and [the feedback form](#feedback).\n",
    );
    let report = signpost::check_site(&site.options()).expect("check runs");
    let fragments: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "link/fragment")
        .map(|d| d.message.clone())
        .collect();
    assert!(fragments.is_empty(), "{fragments:#?}");
}

#[test]
fn a_link_to_a_part_that_moved_to_a_numbered_id_is_told_the_id_to_use() {
    let site = theme_site();
    // Without the feedback form the page has no `feedback` id, but its body's
    // `## Feedback` is still `feedback-1`: the id stays the same whether or
    // not the form is turned on.
    let yaml = common::read_text(&site.path("site.yaml"))
        .replace("feedback:\n  endpoint: https://example.test/feedback\n", "");
    site.write("site.yaml", &yaml);
    site.write(
        "content/links.md",
        "---\ntitle: Links\nsummary: Links to parts of other pages.\n---\nTell us [what you think](vacancies/peer-support-worker.md#feedback).\n",
    );
    let report = signpost::check_site(&site.options()).expect("check runs");
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "link/fragment")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found[0];
    assert_eq!(d.file.to_string_lossy(), "content/links.md");
    assert_eq!((d.line, d.column), (Some(5), Some(9)));
    insta::assert_snapshot!(
        "link_fragment_numbered",
        format!(
            "{}\nhelp: {}",
            d.message,
            d.help.as_deref().unwrap_or_default()
        )
    );
}

#[test]
fn a_footnote_ending_in_a_list_or_of_two_paragraphs_links_back_once_and_a_table_with_no_heading_is_named_by_its_columns()
 {
    let site = theme_site();
    site.write(
        "content/notes.md",
        "---\ntitle: Notes\nsummary: Footnotes of every shape.\n---\nA list note[^list], a long note[^long] and a table:\n\n| Day | Time |\n|-----|------|\n| Monday | 10am |\n\n[^list]: The note has a list:\n\n    - one\n    - two\n\n[^long]: First paragraph.\n\n    Second paragraph.\n",
    );
    site.build_ok();
    let html = site.read_output("notes/index.html");
    let content = between(&html, "<div class=\"content\">", "</section>");
    insta::assert_snapshot!("footnote_shapes", content);
}

//! Tests of `markdown/mod.rs`.

use super::*;

fn render(md: &str) -> Rendered {
    let pages: HashMap<String, String> = [
        (
            "training/course.md".to_string(),
            "/training/course/".to_string(),
        ),
        ("contact.md".to_string(), "/contact/".to_string()),
    ]
    .into();
    let ctx = LinkContext {
        source_dir: "services",
        file: Path::new("content/services/a.md"),
        origin: Origin::body(5),
        pages: &pages,
        drafts: &[],
        base_path: "/peer-support/",
    };
    Markdown::new(false, true).render(md, &ctx, None)
}

#[test]
fn headings_get_unique_stable_ids() {
    let r = render("## Learning outcomes\n\n## Learning outcomes\n\n### The *impact* of `code`\n");
    assert!(
        r.html
            .contains(r#"<h2 id="learning-outcomes">Learning outcomes</h2>"#),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"<h2 id="learning-outcomes-1">"#),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"<h3 id="the-impact-of-code">"#),
        "{}",
        r.html
    );
}

#[test]
fn relative_md_links_become_page_urls_under_the_base_path() {
    let r = render("See [the course](../training/course.md#topics) and [us](/contact/).\n");
    assert!(
        r.html
            .contains(r#"href="/peer-support/training/course/#topics""#),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"href="/peer-support/contact/""#),
        "{}",
        r.html
    );
    assert!(r.diagnostics.is_empty());
}

#[test]
fn a_link_to_a_missing_md_file_is_an_error_on_its_line() {
    let r = render("Intro\n\nSee [x](nope.md).\n");
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].line, Some(7));
    assert_eq!(r.diagnostics[0].code, "link/missing-page");
}

#[test]
fn raw_html_is_escaped_and_smart_punctuation_is_on() {
    let r = render("<script>alert(1)</script>\n\n\"Quotes\" -- and 'apostrophes'\n");
    assert!(!r.html.contains("<script>"), "{}", r.html);
    assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    assert!(r.html.contains('\u{201c}'), "{}", r.html);
}

#[test]
fn plain_text_gets_the_same_smart_punctuation_as_markdown() {
    for text in [
        "Tony's \"drop-in\" -- every week",
        "'Hope' and recovery --- together...",
        "Rock 'n' roll, ----- and (\"quoted\")",
    ] {
        let html = render(text).html;
        let inner = html
            .trim()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>")
            .replace("&quot;", "\"");
        assert_eq!(smart_punctuation(text), inner, "{text}");
    }
}

#[test]
fn tables_footnotes_and_strikethrough_render() {
    let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n[^1]: Note.\n");
    assert!(r.html.contains("<table>"), "{}", r.html);
    assert!(r.html.contains("<del>old</del>"), "{}", r.html);
    assert!(r.html.contains("footnote"), "{}", r.html);
}

#[test]
fn relative_asset_links_resolve_from_the_page_folder() {
    let r = render("![A map](map.png)\n");
    assert!(
        r.html.contains(r#"src="/peer-support/services/map.png""#),
        "{}",
        r.html
    );
}

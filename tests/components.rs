//! Components typed in markdown (`:::care-card urgent` … `:::`): the HTML
//! of every component, snapshotted, with the parts assistive technology
//! needs asserted; and the findings for mistakes in them, each located at
//! its line and column in the markdown file.

use std::collections::HashMap;
use std::path::Path;

use signpost::Diagnostic;
use signpost::check::content::ContentRules;
use signpost::check::markup::MarkupRules;
use signpost::diagnostics::Origin;
use signpost::markdown::components::registry::COMPONENTS;
use signpost::markdown::{LinkContext, LintContext, Markdown, Pass, Passes, Rendered};

/// Renders markdown under a `## Section` heading (so `###` headings are in
/// order), as the body of `content/page.md` starting on line 5: the
/// markdown's first line is line 7.
fn render(md: &str) -> Rendered {
    render_body(&format!("## Section\n\n{md}"))
}

fn render_body(md: &str) -> Rendered {
    let pages: HashMap<String, String> = [("groups.md".to_string(), "/groups/".to_string())].into();
    let file = Path::new("content/page.md");
    let links = LinkContext {
        source_dir: "",
        file,
        origin: Origin::body(5),
        pages: &pages,
        drafts: &[],
        base_path: "/",
    };
    let lint = LintContext {
        file,
        origin: Origin::body(5),
        decorative: &[],
        is_body: true,
    };
    // The content and markup rules, as a build runs them.
    let mut markdown = Markdown::new(false, true);
    let passes: Vec<Box<dyn Pass>> = vec![
        Box::new(ContentRules),
        Box::new(MarkupRules { allow_html: false }),
    ];
    markdown.run_passes(Passes::from(passes));
    markdown.render(md, &links, Some(&lint))
}

/// Findings as `line:column [code] message / help`.
fn plain(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| {
            format!(
                "{}:{} {} [{}] {}\n  help: {}\n",
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
                d.severity,
                d.code,
                d.message,
                d.help.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// Markdown for every component, as the README shows it.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "inset",
        ":::inset\nYou can come to a group without a referral.\n:::\n",
    ),
    (
        "warning",
        ":::warning\n### The group is closed on 25 December\nThe next group is on 1 January.\n:::\n",
    ),
    (
        "care-card",
        ":::care-card non-urgent\n### Speak to your GP if:\n- you feel low for more than 2 weeks\n:::\n\n\
         :::care-card urgent\n### Call NHS 111 if:\n- you need help now but it is not an emergency\n:::\n\n\
         :::care-card emergency\n### Call 999 or go to A&E if:\n- you or someone else is in danger\n:::\n",
    ),
    (
        "do",
        ":::do\n- bring a friend if you like\n- ask questions\n:::\n",
    ),
    ("dont", ":::dont\n- do not worry about being late\n:::\n"),
    (
        "details",
        ":::details Where is the group held?\nIn the community room at Riverside House.\n:::\n",
    ),
    (
        "details-group",
        "::::details-group\n:::details Is it free?\nYes.\n:::\n:::details Can I bring someone?\nYes, a friend or family member.\n:::\n::::\n",
    ),
    (
        "action-link",
        ":::action-link\n[Find a group near you](groups.md)\n:::\n",
    ),
    (
        "summary-list",
        ":::summary-list\n- Phone: 0300 123 4567\n- **Opening times**: Monday to Friday, 9:30am to 5pm\n:::\n",
    ),
    (
        "card",
        ":::card\n### [Groups](groups.md)\nMeet people who have been there too.\n:::\n",
    ),
    (
        "card-group",
        "::::card-group\n:::card\n### One to one\nTalk with a peer worker.\n:::\n:::card\n### Groups\nMeet others.\n:::\n::::\n",
    ),
    (
        "contents",
        ":::contents\n:::\n\n## What happens\n\nText.\n\n## Who it is for\n\nText.\n",
    ),
    (
        "quote",
        ":::quote Sam, who came to the group\nIt helped to talk to someone who \"got it\".\n:::\n",
    ),
    (
        "lang",
        ":::lang cy\nCroeso i'r grŵp.\n:::\n\n:::lang ar\nمرحبا بكم في المجموعة\n:::\n",
    ),
];

#[test]
fn every_component_has_an_example_here() {
    for c in COMPONENTS {
        assert!(
            EXAMPLES.iter().any(|(n, _)| *n == c.name),
            "add `{}` to EXAMPLES",
            c.name
        );
    }
}

#[test]
fn every_component_renders_its_nhs_markup_with_no_findings() {
    for (name, md) in EXAMPLES {
        // The contents list goes above the page's first heading.
        let r = if *name == "contents" {
            render_body(md)
        } else {
            render(md)
        };
        assert_eq!(plain(&r.diagnostics), "", "findings for `{name}`");
        assert!(
            !r.html.contains(":::"),
            "`{name}` left its fence:\n{}",
            r.html
        );
        insta::assert_snapshot!(format!("component_{name}"), r.html);
    }
}

#[test]
fn care_cards_start_with_words_only_screen_readers_hear() {
    let html = render(EXAMPLES[2].1).html;
    for prefix in [
        "Non-urgent advice: ",
        "Urgent advice: ",
        "Immediate action required: ",
    ] {
        assert!(
            html.contains(&format!(r#"<span class="visually-hidden">{prefix}</span>"#)),
            "{prefix}\n{html}"
        );
    }
}

#[test]
fn details_are_native_details_and_summary_so_they_work_without_javascript() {
    let html = render(EXAMPLES[5].1).html;
    assert!(
        html.contains("<details class=\"details\"><summary"),
        "{html}"
    );
    assert!(
        html.contains("Where is the group held?</span></summary>"),
        "{html}"
    );
}

#[test]
fn a_right_to_left_passage_has_its_language_and_direction() {
    let html = render(EXAMPLES[13].1).html;
    assert!(html.contains(r#"lang="cy" dir="ltr""#), "{html}");
    assert!(html.contains(r#"lang="ar" dir="rtl""#), "{html}");
}

#[test]
fn a_contents_list_links_to_the_pages_level_two_headings() {
    let html = render_body(EXAMPLES[11].1).html;
    assert!(
        html.contains(r##"href="#what-happens">What happens</a>"##),
        "{html}"
    );
    assert!(html.contains(r##"href="#who-it-is-for">"##), "{html}");
}

/// Mistakes, each with the findings it gives.
const MISTAKES: &[(&str, &str)] = &[
    (
        "unknown_name",
        "Intro\n\n:::care-crad urgent\n### Call 111 if:\n- you need help\n:::\n",
    ),
    ("unknown_name_far_from_any", ":::banana\nText\n:::\n"),
    (
        "care_card_without_heading",
        ":::care-card urgent\n- you need help\n:::\n",
    ),
    (
        "care_card_without_a_kind",
        ":::care-card\n### Call 111 if:\n- you need help\n:::\n",
    ),
    (
        "care_card_kind_misspelt",
        ":::care-card urgnet\n### Call 111 if:\n- you need help\n:::\n",
    ),
    ("do_list_with_no_items", ":::do\nBring a friend.\n:::\n"),
    ("details_without_summary", ":::details\nText.\n:::\n"),
    ("empty_inset", ":::inset\n:::\n"),
    (
        "inset_with_words_after_its_name",
        ":::inset Important\nText.\n:::\n",
    ),
    (
        "action_link_with_two_links",
        ":::action-link\n[One](groups.md) and [two](groups.md)\n:::\n",
    ),
    (
        "summary_row_without_key",
        ":::summary-list\n- Phone: 0300 123 4567\n- Monday to Friday\n:::\n",
    ),
    (
        "card_in_a_details_group",
        "::::details-group\n:::card\n### A\n:::\n::::\n",
    ),
    (
        "care_card_inside_details",
        "::::details Help\n:::care-card urgent\n### Call 111 if:\n- you need help\n:::\n::::\n",
    ),
    (
        "text_in_a_card_group",
        "::::card-group\nSome text.\n\n:::card\n### A\n:::\n::::\n",
    ),
    (
        "contents_with_text_and_no_headings",
        ":::contents\nText\n:::\n",
    ),
    ("quote_without_attribution", ":::quote\nIt helped.\n:::\n"),
    ("language_named_in_words", ":::lang welsh\nCroeso.\n:::\n"),
    (
        "nested_with_the_same_colons",
        ":::card-group\n:::card\n### A\n:::\n:::card\n### B\n:::\n:::\n",
    ),
    ("never_closed", "Intro\n\n:::inset\nText.\n"),
    (
        "arabic_outside_a_passage",
        "Welcome. مرحبا\n\n:::lang cy\nשלום\n:::\n",
    ),
];

#[test]
fn every_mistake_is_found_at_its_line_and_column_with_help() {
    for (name, md) in MISTAKES {
        let r = render(md);
        assert!(!r.diagnostics.is_empty(), "no finding for `{name}`");
        for d in &r.diagnostics {
            assert!(d.line.is_some() && d.column.is_some(), "{name}: {d:?}");
            assert!(
                d.help.as_deref().is_some_and(|h| !h.is_empty()),
                "{name}: {d:?}"
            );
        }
        insta::assert_snapshot!(format!("mistake_{name}"), plain(&r.diagnostics));
    }
}

#[test]
fn an_unknown_name_suggests_the_closest_component() {
    let r = render(MISTAKES[0].1);
    let d = &r.diagnostics[0];
    assert_eq!(
        (d.code, d.line, d.column),
        ("component/unknown", Some(9), Some(1))
    );
    assert_eq!(d.help.as_deref(), Some("Did you mean `:::care-card`?"));
}

#[test]
fn components_never_panic_on_odd_fences() {
    for md in [
        ":::\n",
        "::::\n:::\n",
        ":::details\n",
        ":::summary-list\n-\n:::\n",
        ":::summary-list\n- :\n:::\n",
        ":::contents\n:::contents\n:::\n:::\n",
        "> :::inset\n> a\n",
        "- :::card\n  ### [a](b.md)\n",
        ":::lang \u{202e}\n:::\n",
        "::::card-group\n::::\n",
        ":::action-link\n:::\n",
        ":::care-card urgent\n#\n:::\n",
    ] {
        let _ = render(md);
    }
}

#[test]
fn components_in_quotes_and_list_items_close_where_they_are_closed() {
    for md in [
        "> :::inset\n> Text.\n> :::\n",
        ">> :::inset\n>> Text.\n>> :::\n",
        "- Item\n\n  :::inset\n  Text.\n  :::\n",
    ] {
        let r = render(md);
        assert_eq!(plain(&r.diagnostics), "", "{md}");
        assert!(r.html.contains(r#"<div class="inset">"#), "{}", r.html);
    }
}

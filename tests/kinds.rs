//! Kinds of page a site declares itself, under `kinds:` in `site.yaml`:
//! `tests/fixtures/kinds/` declares an event, a news story and a leaflet
//! with every type of field, and gives the built-in vacancy an extra field.
//! It builds, checks and previews with the real default theme (pages of its
//! own kinds use `generic.html`); every kind of mistake — in the
//! declarations, in each type of value, in references, inside lists — is
//! located and snapshotted; `new` and `kinds` read the same declarations.

mod common;

use common::TestSite;
use signpost::Diagnostics;

fn site() -> TestSite {
    TestSite::with_default_theme("kinds")
}

/// Every finding of a check of the site, rendered as the terminal shows it.
fn findings(s: &TestSite) -> String {
    let report = signpost::check_site(&s.options()).expect("the check ran");
    common::render_diagnostics(&s.root, &report.diagnostics)
}

/// The part of a page between two markers, for a snapshot of it alone.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {html}"));
    let j = html[i..]
        .find(end)
        .map_or(html.len(), |j| i + j + end.len());
    &html[i..j]
}

/// Every `YYYY-MM-DD` in `text` written as those letters.
fn without_dates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let is_date = b.len() - i >= 10
            && b[i..i + 10].iter().enumerate().all(|(n, c)| {
                if n == 4 || n == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if is_date {
            out.push_str("YYYY-MM-DD");
            i += 10;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

#[test]
fn a_site_with_kinds_of_its_own_builds_with_every_field_shown_and_labelled() {
    let s = site();
    let report = s.build();
    common::assert_no_errors(&s.root, &report);
    let event = s.read_output("events/open-day/index.html");
    insta::assert_snapshot!(
        "generic_event_fields",
        between(&event, "<dl class=\"summary-list\">", "</dl>")
    );
    let leaflet = s.read_output("leaflets/what-is-peer-support/index.html");
    // Its summary comes from `description`, as the kind says.
    assert!(
        leaflet.contains("A leaflet that explains peer support."),
        "{leaflet}"
    );
    insta::assert_snapshot!(
        "generic_leaflet_fields",
        between(&leaflet, "<dl class=\"summary-list\">", "</dl>")
    );
    let news = s.read_output("news/award/index.html");
    assert!(news.contains("href=\"/news/award.png\""), "{news}");
}

#[test]
fn listings_follow_the_declared_order_and_past_pages_leave_them() {
    let s = site();
    s.build_ok();
    let events = s.read_output("events/index.html");
    let links = common::links(&events);
    let at = |href: &str| links.iter().position(|l| l == href);
    // Soonest first; the autumn talk has passed.
    assert!(
        at("/events/spring-walk/") < at("/events/open-day/"),
        "{links:?}"
    );
    assert_eq!(at("/events/autumn-talk/"), None, "{links:?}");
    // News: `order: -published`, the latest first.
    let news = common::links(&s.read_output("news/index.html"));
    let pos = |href: &str| news.iter().position(|l| l == href);
    assert!(pos("/news/award/") < pos("/news/new-course/"), "{news:?}");
    // `feed: true`: the current events only.
    let feed = s.read_output("events/feed.xml");
    assert!(feed.contains("/events/open-day/") && feed.contains("/events/spring-walk/"));
    assert!(!feed.contains("autumn-talk"), "{feed}");
    assert!(!s.read_output("sitemap.xml").contains("autumn-talk"));
    // The past event's own page stays, saying so.
    let past = s.read_output("events/autumn-talk/index.html");
    assert!(past.contains("This has passed."), "{past}");
}

#[test]
fn the_preview_builds_the_same_pages_in_memory() {
    let s = site();
    let (files, diags) = signpost::serve::state::build_in_memory(&s.options());
    assert!(
        !diags.has_errors(),
        "{}",
        common::render_diagnostics(&s.root, &diags)
    );
    let files = files.expect("built");
    s.build_ok();
    for page in [
        "events/open-day/index.html",
        "leaflets/what-is-peer-support/index.html",
    ] {
        let on_disk = s.read_output(page);
        let in_memory = files
            .get(page)
            .unwrap_or_else(|| panic!("the preview has no {page}"));
        assert_eq!(String::from_utf8_lossy(in_memory), on_disk, "{page}");
    }
}

#[test]
fn a_template_can_show_referenced_pages_and_read_any_page_with_get_page() {
    let s = site();
    s.write(
        "themes/default/templates/news.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"next\">Next: {{ get_page(\"events/open-day.md\").title }} at {{ get_page(\"events/open-day.md\").venue }}</p>{% endblock %}",
    );
    s.write(
        "themes/default/templates/event.html",
        "{% extends \"base.html\" %}{% block content %}<ul id=\"speakers\">{% for p in page.refs.speakers %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a>, {{ p.role }}</li>{% endfor %}</ul>{% endblock %}",
    );
    s.write(
        "themes/default/templates/team_member.html",
        "{% extends \"base.html\" %}{% block content %}<ul id=\"events\">{% for p in page.referenced_by.event %}<li>{{ p.title }}</li>{% endfor %}</ul>{% endblock %}",
    );
    s.build_ok();
    let news = s.read_output("news/award/index.html");
    assert!(
        news.contains("Next: Open day at Duncan Macmillan House"),
        "{news}"
    );
    let event = s.read_output("events/open-day/index.html");
    assert!(
        event
            .contains("<li><a href=\"/team/ann-example/\">Ann Example</a>, Peer Support Lead</li>"),
        "{event}"
    );
    let ann = s.read_output("team/ann-example/index.html");
    assert!(ann.contains("<li>Open day</li>"), "{ann}");
}

#[test]
fn get_page_naming_a_page_that_is_not_there_is_a_located_template_mistake() {
    let s = site();
    s.write(
        "themes/default/templates/news.html",
        "{% extends \"base.html\" %}{% block content %}{{ get_page(\"events/nothing.md\").title }}{% endblock %}",
    );
    let report = s.build();
    let out = s.render(&report.diagnostics);
    assert!(!report.written, "{out}");
    assert!(
        out.contains("there is no published page `content/events/nothing.md`"),
        "{out}"
    );
}

#[test]
fn mistakes_in_kind_declarations_are_located_in_site_yaml() {
    let s = site();
    let text = common::read_text(&s.path("site.yaml"));
    let text = text
        .replace(
            "type: datetime, required: true",
            "type: date_time, required: true",
        )
        .replace("of: { ref: team_member }", "of: { ref: team_membr }")
        .replace("    order: -published\n", "    order: -publish\n")
        .replace(
            "    ends_on: [ends, starts]\n",
            "    ends_on: venue\n    colour: blue\n",
        )
        .replace(
            "type: choice, values: [English, Polish, Urdu]",
            "type: choice",
        )
        .replace("band: { type: text,", "band: { type: text, required: true,")
        .replace("  leaflets: leaflet\n", "  leaflets: leaflets\n");
    s.write("site.yaml", &text);
    insta::assert_snapshot!("kind_declaration_mistakes", findings(&s));
}

#[test]
fn a_wrong_value_of_every_type_is_reported_on_its_own_line() {
    let s = site();
    s.write(
        "content/events/bad.md",
        "---\ntitle: Bad event\nsummary: Every value wrong.\nstarts: next Tuesday\nends: 2027-03-04\nvenue:\n  - Hall\nbooking_url: example.org/book\ncontact_email: events at example.test\nspeakers: ann-example\nformat: zoom\nplaces: 0\nprice: free\nstep_free: \"yes\"\nagenda:\n  - time: \"10:00\"\n    item: Welcome\n  - time: \"11:00\"\n    itme: Talks\ndetails: [a, b]\nweight: heavy\n---\nText.\n",
    );
    s.write(
        "content/news/bad.md",
        "---\ntitle: Bad story\nsummary: Wrong values.\npublished: 15/01/2027\nimage: missing.png\ntags: {a: 1}\n---\nText.\n",
    );
    insta::assert_snapshot!("every_type_wrong", findings(&s));
}

#[test]
fn a_mistake_inside_a_list_of_groups_points_at_the_nested_line() {
    let s = site();
    s.write(
        "content/events/nested.md",
        "---\ntitle: Nested\nsummary: A nested mistake.\nstarts: 2027-05-01 10:00\nvenue: Hall\nagenda:\n  - time: \"10:00\"\n    item: Welcome\n  - time: \"11:00\"\n---\nText.\n",
    );
    let report = signpost::check_site(&s.options()).expect("check");
    let d = report
        .diagnostics
        .sorted()
        .into_iter()
        .find(|d| d.file.ends_with("nested.md"))
        .expect("a finding in nested.md");
    assert_eq!(d.code, "front-matter/wrong-type");
    assert_eq!(d.line, Some(9), "{d:#?}");
    assert_eq!(d.message, "Item 2 of `agenda` needs `item:` text");
}

#[test]
fn references_to_missing_and_draft_pages_are_reported_at_their_items() {
    let s = site();
    s.write(
        "content/team/bob-example.md",
        "---\nname: Bob Example\nrole: Peer Support Worker\ndraft: true\n---\nBob.\n",
    );
    let text = common::read_text(&s.path("content/events/open-day.md"))
        .replace("  - ann-example\n", "  - ann-exampel\n  - bob-example\n");
    s.write("content/events/open-day.md", &text);
    insta::assert_snapshot!("kind_reference_mistakes", findings(&s));
}

#[test]
fn new_writes_every_field_of_a_site_kind_with_its_help_as_a_draft() {
    let s = site();
    let out = s.cli(&["new", "event", "Summer fair"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let text = common::read_text(&s.path("content/events/summer-fair.md"));
    // `new` uses the real date: the snapshot holds the shape, not the days.
    insta::assert_snapshot!("new_event", without_dates(&text));
    // A draft: checks clean, and left out of the site.
    let report = signpost::check_site(&s.options()).expect("check");
    assert!(
        !report.diagnostics.has_errors(),
        "{}",
        s.render(&report.diagnostics)
    );
    // Published as written, every placeholder is a mistake, the parts of
    // the agenda's groups included.
    let published = text
        .replace("draft: true\n", "")
        .replace("# agenda:\n#   - time:", "agenda:\n  - time:")
        .replace("#     item:", "    item:");
    s.write("content/events/summer-fair.md", &published);
    let report = signpost::check_site(&s.options()).expect("check");
    let placeholders: Vec<_> = report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.code == "content/placeholder")
        .map(|d| (d.field.clone().unwrap_or_default(), d.line))
        .collect();
    assert_eq!(
        placeholders,
        [
            ("summary".to_string(), Some(5)),
            ("venue".to_string(), Some(11)),
            ("agenda".to_string(), Some(29)),
            ("agenda".to_string(), Some(30)),
            (String::new(), Some(61)),
        ],
        "{}",
        s.render(&report.diagnostics)
    );
    let out = s.cli(&["new", "evnt", "Summer fair"]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(
        out.stderr.contains("did you mean `event`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn kinds_lists_each_kind_in_words_and_as_json_schema() {
    let s = site();
    let out = s.cli(&["kinds", "event"]);
    assert_eq!(out.code, 0, "{out:#?}");
    insta::assert_snapshot!("kinds_event", out.stdout);
    let out = s.cli(&["kinds", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let event = &v["event"];
    assert_eq!(
        event["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let required: Vec<&str> = event["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    assert_eq!(required, ["title", "summary", "starts", "venue"]);
    assert_eq!(event["properties"]["format"]["enum"][2], "hybrid");
    assert_eq!(
        event["properties"]["agenda"]["items"]["required"],
        serde_json::json!(["time", "item"])
    );
    // The built-in vacancy, with the site's extra field.
    assert_eq!(
        v["vacancy"]["properties"]["band"]["type"],
        serde_json::json!(["string", "number"])
    );
    assert!(v["section_vacancy"]["properties"]["eligibility_criteria"].is_object());
}

#[test]
fn a_site_without_kinds_of_its_own_has_the_five_built_in_ones() {
    let mut d = Diagnostics::default();
    let config = signpost::Config::parse(
        "title: T\norganisation: O\nbase_url: https://example.test/\n",
        &mut d,
    )
    .expect("config");
    let names: Vec<&str> = config.kinds.names().collect();
    assert_eq!(
        names,
        ["page", "service", "team_member", "course", "vacancy"]
    );
}

#[test]
fn every_setting_of_a_kind_declaration_is_checked_on_its_line() {
    let s = site();
    s.write(
        "site.yaml",
        "title: T\norganisation: O\nbase_url: https://example.test/\nkinds:\n  clash:\n    fields:\n      weight: text\n      draft: text\n  settings:\n    feed: yes\n    order: [when]\n    label: 5\n    fields:\n      when: { type: date, required: yes }\n      name: { type: text, min: 3 }\n      doc: { type: file, alt: nowhere }\n      slots:\n        type: list\n        of: { type: object, required: true, fields: { at: text } }\n  listed:\n    fields: [question, answer]\n  refs:\n    fields:\n      who: { type: ref, of: team_member }\n      agenda:\n        type: list\n        of:\n          type: object\n          fields:\n            speaker: { ref: team_membr }\n            url: url\n  '404':\n    fields:\n      x: text\n  templated:\n    template: base\n    fields:\n      x: text\n",
    );
    insta::assert_snapshot!("kind_settings_mistakes", findings(&s));
}

#[test]
fn choices_of_numbers_and_references_inside_groups_are_checked_like_any_other() {
    let s = site();
    let text = common::read_text(&s.path("site.yaml")).replace(
        "            item: { type: text, required: true, help: \"what happens\" }\n",
        "            item: { type: text, required: true, help: \"what happens\" }\n            host: { ref: team_member }\n      level: { type: choice, values: [1, 2, 3] }\n",
    );
    s.write("site.yaml", &text);
    let page = common::read_text(&s.path("content/events/open-day.md"))
        .replace(
            "    item: Welcome\n",
            "    item: Welcome\n    host: nobody-at-all\n",
        )
        .replace("format: in_person\n", "format: in_person\nlevel: 2\n");
    s.write("content/events/open-day.md", &page);
    let report = signpost::check_site(&s.options()).expect("check");
    let errors: Vec<_> = report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{}", s.render(&report.diagnostics));
    let d = &errors[0];
    assert_eq!(d.code, "content/unknown-reference");
    assert_eq!((d.line, d.column), (Some(19), Some(11)), "{d:#?}");
    assert!(d.message.contains("`nobody-at-all`"), "{d:#?}");
}

#[test]
fn a_renamed_check_code_still_silences_and_configures() {
    let s = site();
    let page = common::read_text(&s.path("content/events/autumn-talk.md")).replace(
        "format: online\n",
        "format: online\nsilence_checks:\n  - check: content/vacancy-closed\n    reason: Kept to show a past event.\n",
    );
    s.write("content/events/autumn-talk.md", &page);
    let report = signpost::check_site(&s.options()).expect("check");
    assert!(
        report.diagnostics.sorted().is_empty(),
        "{}",
        s.render(&report.diagnostics)
    );
}

#[test]
fn nav_title_labels_the_menu_and_leaves_the_page_title_alone() {
    let s = site();
    let index = common::read_text(&s.path("content/events/_index.md")).replace(
        "title: Events\n",
        "title: Events, talks and open days\nnav_title: Events\n",
    );
    s.write("content/events/_index.md", &index);
    s.build_ok();
    let home = s.read_output("index.html");
    assert!(
        home.contains("href=\"/events/\">Events</a>"),
        "the menu should say Events: {home}"
    );
    let events = s.read_output("events/index.html");
    assert!(
        events.contains("<h1>Events, talks and open days</h1>"),
        "{events}"
    );
}

#[test]
fn the_writing_checks_run_in_check_and_not_in_build() {
    let s = site();
    let page = common::read_text(&s.path("content/events/open-day.md"))
        .replace("Everyone is welcome.", "Everyone is wellcome.");
    s.write("content/events/open-day.md", &page);
    let out = s.cli(&["check", "--today", common::TODAY]);
    assert!(out.stderr.contains("writing/spelling"), "{out:#?}");
    let out = s.cli(&["build", "--today", common::TODAY]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(!out.stderr.contains("writing/"), "{out:#?}");
}

/// What `referenced_by` means, found the slow way: every page of the site
/// whose reference fields name page `i`, grouped by kind in site order.
fn referenced_by_searching(site: &signpost::content::Site, i: usize) -> Vec<(String, Vec<usize>)> {
    let p = &site.pages[i];
    let name = signpost::render::references::stem(p);
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    if p.is_section {
        return out;
    }
    for (j, other) in site.pages.iter().enumerate().filter(|(_, o)| !o.is_section) {
        let names_it = other.kind.fields.iter().any(|f| {
            f.ty.referenced_kind() == Some(p.kind.name()) && other.strings(&f.name).contains(&name)
        });
        if names_it {
            match out.iter_mut().find(|(k, _)| k == other.kind.name()) {
                Some((_, pages)) => pages.push(j),
                None => out.push((other.kind.name().to_string(), vec![j])),
            }
        }
    }
    out
}

#[test]
fn the_reference_index_finds_the_same_pages_as_searching_every_page() {
    use signpost::render::references::{References, refs};
    let s = TestSite::new("published/references");
    // The awkward cases: two team sections holding a page of the same name,
    // a service naming one person twice and someone with no page, and a
    // vacancy naming a course that is a section's name.
    let yaml = std::fs::read_to_string(s.path("site.yaml")).expect("site.yaml");
    s.write(
        "site.yaml",
        &yaml.replace(
            "  team: team_member\n",
            "  team: team_member\n  alumni: team_member\n",
        ),
    );
    s.write(
        "content/alumni/_index.md",
        "---\ntitle: Alumni\nsummary: People who were in the team.\n---\n",
    );
    s.write(
        "content/alumni/tony-mitchell.md",
        "---\nname: Tony Mitchell\nrole: Former worker\nbio: Tony again.\n---\nText.\n",
    );
    s.write(
        "content/services/twice.md",
        "---\ntitle: Twice\nsummary: Names Tony twice.\nlocalities:\n  - City\nwho_it_is_for: Adults.\n\
         how_to_be_referred: Ask.\ncontact: Call.\nteam_members:\n  - tony-mitchell\n  - nobody-here\n  - tony-mitchell\n  - drew-szmit\n---\nText.\n",
    );
    let mut diags = Diagnostics::default();
    let site = signpost::load(&s.options(), &mut diags).expect("the site loads");
    let index = References::of(&site);
    let mut named = 0;
    for i in 0..site.pages.len() {
        let by_index: Vec<_> = index
            .refs(&site, i)
            .into_iter()
            .map(|r| (r.field, r.is_list, r.pages))
            .collect();
        let searched: Vec<_> = refs(&site, i)
            .into_iter()
            .map(|r| (r.field, r.is_list, r.pages))
            .collect();
        assert_eq!(by_index, searched, "refs of {}", site.pages[i].source);
        let by_index: Vec<(String, Vec<usize>)> = index
            .referenced_by(&site, i)
            .into_iter()
            .map(|(k, pages)| (k.to_string(), pages))
            .collect();
        let searched = referenced_by_searching(&site, i);
        assert_eq!(
            by_index, searched,
            "referenced_by of {}",
            site.pages[i].source
        );
        named += searched.len();
    }
    assert!(named >= 4, "the fixture names pages ({named} found)");
}

/// `fields_shown` of a page, as its own page and as a listed page
/// (`get_page`) give it: a template that prints both.
const FIELDS_SHOWN: &str = r#"<!doctype html><html lang="en"><head><title>{{ page.title }}</title></head><body><main>
<p id="own">{% for f in page.fields_shown %}{{ f.name }}|{{ f.label }}|{{ f.type }}|{{ f.value }};{% endfor %}</p>
<p id="listed">{% for f in get_page(page.source).fields_shown %}{{ f.name }}|{{ f.label }}|{{ f.type }}|{{ f.value }};{% endfor %}</p>
<p id="url">{{ page.image_url }}</p>
</main></body></html>
"#;

fn fields_shown_of(html: &str) -> (String, String, String) {
    let part = |id: &str| common::strip_tags(between(html, &format!("<p id=\"{id}\">"), "</p>"));
    (part("own"), part("listed"), part("url"))
}

#[test]
fn fields_shown_is_the_same_on_a_page_and_where_it_is_listed() {
    let s = site();
    s.write("themes/default/templates/generic.html", FIELDS_SHOWN);
    s.build_ok();
    let (own, listed, _) = fields_shown_of(&s.read_output("news/award/index.html"));
    assert_eq!(own, listed);
    assert_eq!(
        own,
        "published|Published|date|2026-11-20;image|Image|file|award.png;\
         image_alt|Image alt|text|The team holding the award;"
    );
    // Only the fields the page has, in the kind's order.
    let (own, listed, _) = fields_shown_of(&s.read_output("news/new-course/index.html"));
    assert_eq!(own, listed);
    assert_eq!(
        own,
        "published|Published|date|2026-11-01;tags|Tags|list|[&#x27;training&#x27;];"
    );
}

#[test]
fn a_field_whose_name_a_file_field_s_address_takes_still_shows_its_own_value() {
    // `image_url` is declared before `image`, whose address the templates
    // get as `page.image_url`: `fields_shown` keeps the field's own value.
    let s = site();
    s.write("themes/default/templates/generic.html", FIELDS_SHOWN);
    let yaml = std::fs::read_to_string(s.path("site.yaml")).expect("site.yaml");
    s.write(
        "site.yaml",
        &yaml.replace(
            "      image: { type: file,",
            "      image_url: { type: text, help: \"Where else it is\" }\n      image: { type: file,",
        ),
    );
    let page = std::fs::read_to_string(s.path("content/news/award.md")).expect("award.md");
    s.write(
        "content/news/award.md",
        &page.replace("image: award.png", "image_url: elsewhere\nimage: award.png"),
    );
    s.build_ok();
    let (own, listed, url) = fields_shown_of(&s.read_output("news/award/index.html"));
    assert_eq!(own, listed);
    assert!(own.contains("image_url|Image url|text|elsewhere;"), "{own}");
    assert_eq!(url, "/news/award.png");
}

//! Tests of `schema/parse.rs`.

use super::*;

#[test]
fn the_built_in_declarations_have_no_mistakes() {
    let mut diags = Vec::new();
    let k = read_builtin(&mut diags);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(k.kinds.len(), 5);
    assert!(k.common.iter().any(|f| f.name == "silence_checks"));
}

fn site(kinds: &str) -> (Kinds, Vec<Diagnostic>) {
    let text = format!("title: T\nkinds:\n{kinds}");
    let value: Value = serde_yaml::from_str(&text).expect("yaml");
    let mut d = Diagnostics::default();
    let k = from_site_yaml(value.get("kinds"), Path::new("site.yaml"), &text, &mut d);
    (k, d.sorted())
}

#[test]
fn a_site_kind_gets_a_title_and_a_summary_and_its_own_fields() {
    let (k, d) = site(
        "  event:\n    order: starts\n    ends_on: [ends, starts]\n    fields:\n      starts: { type: datetime, required: true }\n      ends: datetime\n      speakers: { type: list, of: { ref: team_member } }\n",
    );
    assert!(d.is_empty(), "{d:#?}");
    let e = k.get("event").expect("event");
    let names: Vec<&str> = e.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["title", "summary", "starts", "ends", "speakers"]);
    assert_eq!(e.ends_on, ["ends", "starts"]);
    assert!(e.from_site);
}

#[test]
fn an_unknown_field_type_is_reported_on_its_line_with_a_suggestion() {
    let (_, d) = site("  event:\n    fields:\n      venue:\n        type: txt\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].line, Some(6));
    assert_eq!(d[0].help.as_deref(), Some("Did you mean `text`?"));
    assert_eq!(d[0].field.as_deref(), Some("kinds.event.fields.venue.type"));
}

#[test]
fn a_reference_to_a_kind_that_does_not_exist_is_reported() {
    let (k, d) =
        site("  event:\n    fields:\n      speakers: { type: list, of: { ref: team_membr } }\n");
    assert!(k.get("event").is_none());
    assert_eq!(d[0].line, Some(5));
    assert_eq!(d[0].help.as_deref(), Some("Did you mean `team_member`?"));
}

#[test]
fn a_built_in_kind_can_be_given_extra_optional_fields_only() {
    let (k, d) = site("  vacancy:\n    fields:\n      band: text\n");
    assert!(d.is_empty(), "{d:#?}");
    assert!(k.get("vacancy").expect("v").field("band").is_some());
    let (_, d) = site(
        "  vacancy:\n    fields:\n      pay: text\n      band: { type: text, required: true }\n",
    );
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].line, Some(5));
    assert_eq!(d[1].line, Some(6));
}

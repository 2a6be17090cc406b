//! One front-matter field as a CMS form widget: a date picker for dates, a
//! list for lists (of text, or of groups of fields), a relation for
//! references to other pages, a select for choices, a markdown editor, an
//! image with its description beside it, a tick box, a number. What a
//! widget saves is what Signpost reads: dates as `YYYY-MM-DD`, references
//! as the page's file name without `.md`.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use crate::schema::{FieldDef, FieldType, KindSchema};

/// What the widgets need to know about the rest of the site.
pub struct Site<'a> {
    /// Kind name → the collection (section folder) holding its pages.
    pub collection_of: BTreeMap<&'a str, &'a str>,
    /// Kind name → its schema, for the field naming a page's title.
    pub kinds: BTreeMap<&'a str, &'a KindSchema>,
    /// Names of every kind, for the `kind` field.
    pub kind_names: Vec<&'a str>,
}

/// A mapping from pairs, in order.
pub fn map(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::String(k.into()), v);
    }
    Value::Mapping(m)
}

pub fn s(text: &str) -> Value {
    Value::String(text.into())
}

fn strings(items: &[&str]) -> Value {
    Value::Sequence(items.iter().map(|i| s(i)).collect())
}

/// The widget for one field of a page.
pub fn field(f: &FieldDef, site: &Site<'_>) -> Value {
    let mut pairs = vec![("label", s(&f.label)), ("name", s(&f.name))];
    pairs.extend(widget(&f.ty, f, site));
    // Decap treats a field with no `required` as required.
    pairs.push(("required", Value::Bool(f.required)));
    if f.required && matches!(f.ty, FieldType::List(_)) {
        pairs.push(("min", Value::Number(1.into())));
    }
    if !f.help.is_empty() {
        pairs.push(("hint", s(&hint(&f.help))));
    }
    map(pairs)
}

/// The help with its first letter in capitals, as a sentence under the field.
fn hint(help: &str) -> String {
    let mut c = help.chars();
    match c.next() {
        Some(first) => {
            let mut out: String = first.to_uppercase().chain(c).collect();
            if !out.ends_with(['.', '?', '!']) {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}

/// The settings that make a widget of type `ty` (without label and name).
fn widget<'a>(ty: &FieldType, f: &FieldDef, site: &Site<'_>) -> Vec<(&'a str, Value)> {
    match ty {
        FieldType::Text | FieldType::CheckCode => vec![("widget", s("string"))],
        FieldType::Markdown => vec![
            ("widget", s("markdown")),
            (
                "buttons",
                strings(&["bold", "italic", "link", "bulleted-list", "numbered-list"]),
            ),
            ("editor_components", Value::Sequence(Vec::new())),
            ("modes", strings(&["rich_text", "raw"])),
        ],
        FieldType::Date => vec![
            ("widget", s("datetime")),
            ("format", s("YYYY-MM-DD")),
            ("date_format", s("YYYY-MM-DD")),
            ("time_format", Value::Bool(false)),
            // A date is the same date wherever the editor is.
            ("picker_utc", Value::Bool(true)),
        ],
        FieldType::DateTime => vec![
            ("widget", s("datetime")),
            ("format", s("YYYY-MM-DD HH:mm")),
            ("date_format", s("YYYY-MM-DD")),
            ("time_format", s("HH:mm")),
            ("picker_utc", Value::Bool(true)),
        ],
        FieldType::WholeNumber | FieldType::Number => {
            let mut out = vec![
                ("widget", s("number")),
                (
                    "value_type",
                    s(if *ty == FieldType::WholeNumber {
                        "int"
                    } else {
                        "float"
                    }),
                ),
            ];
            if let Some(min) = f.min {
                out.push(("min", number(min)));
            }
            out
        }
        FieldType::YesNo => vec![("widget", s("boolean"))],
        FieldType::Url => vec![("widget", s("string"))],
        FieldType::Email => vec![
            ("widget", s("string")),
            (
                "pattern",
                strings(&[
                    r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                    "Write an email address, such as name@example.org",
                ]),
            ),
        ],
        // A file with a description is a picture; saved beside the page.
        FieldType::File => vec![
            ("widget", s(if f.alt.is_some() { "image" } else { "file" })),
            ("choose_url", Value::Bool(false)),
        ],
        FieldType::Choice(values) => vec![
            ("widget", s("select")),
            (
                "options",
                Value::Sequence(values.iter().map(|v| s(v)).collect()),
            ),
        ],
        FieldType::KindName => vec![
            ("widget", s("select")),
            ("options", strings(&site.kind_names)),
        ],
        FieldType::Ref(kind) => relation(kind, false, site),
        FieldType::List(of) => match &**of {
            FieldType::Ref(kind) => relation(kind, true, site),
            FieldType::Object(fields) => vec![
                ("widget", s("list")),
                ("collapsed", Value::Bool(false)),
                (
                    "fields",
                    Value::Sequence(fields.iter().map(|p| field(p, site)).collect()),
                ),
            ],
            other => {
                let item = FieldDef::new("item", other.clone(), "");
                let mut inner = vec![("label", s(&f.label)), ("name", s("item"))];
                inner.extend(widget(other, &item, site));
                vec![
                    ("widget", s("list")),
                    ("collapsed", Value::Bool(false)),
                    ("field", map(inner)),
                ]
            }
        },
        FieldType::Object(fields) => vec![
            ("widget", s("object")),
            ("collapsed", Value::Bool(false)),
            (
                "fields",
                Value::Sequence(fields.iter().map(|p| field(p, site)).collect()),
            ),
        ],
    }
}

fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        Value::Number((n as i64).into())
    } else {
        Value::Number(n.into())
    }
}

/// A choice of the pages of `kind`, saved as their file names; plain text
/// when no section holds that kind (there is nothing to choose from).
fn relation<'a>(kind: &str, multiple: bool, site: &Site<'_>) -> Vec<(&'a str, Value)> {
    let (Some(collection), Some(schema)) = (site.collection_of.get(kind), site.kinds.get(kind))
    else {
        return if multiple {
            vec![
                ("widget", s("list")),
                (
                    "field",
                    map(vec![("name", s("item")), ("widget", s("string"))]),
                ),
            ]
        } else {
            vec![("widget", s("string"))]
        };
    };
    vec![
        ("widget", s("relation")),
        ("collection", s(collection)),
        ("value_field", s("{{slug}}")),
        ("search_fields", strings(&[&schema.title])),
        ("display_fields", strings(&[&schema.title])),
        ("multiple", Value::Bool(multiple)),
        ("options_length", Value::Number(100.into())),
    ]
}

/// The page's text below its fields.
pub fn body() -> Value {
    map(vec![
        ("label", s("Page text")),
        ("name", s("body")),
        ("widget", s("markdown")),
        ("required", Value::Bool(false)),
        (
            "hint",
            s(
                "The text of the page. Headings start at level 2: the title is the page's level 1 heading.",
            ),
        ),
    ])
}

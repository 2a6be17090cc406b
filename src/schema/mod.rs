//! The content model: what kinds of page a site has and which front-matter
//! fields each takes. The five built-in kinds are declared in
//! `builtin.yaml`, in the same form a site uses under `kinds:` in
//! `site.yaml`, and both are read by [`parse`] into one [`Kinds`] registry.
//! Validation, templates, `signpost new`, `signpost kinds` and the JSON
//! Schema all read the registry; nothing else knows a kind by name.

mod fields;
pub mod json;
mod parse;

use std::sync::Arc;

pub use parse::{BUILTIN, from_site_yaml};

/// The type of a front-matter field, as a content editor would think of it.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// One line of plain text.
    Text,
    /// Text that may use markdown (links, bold); rendered to HTML.
    Markdown,
    /// A list, each item of the given type.
    List(Box<FieldType>),
    /// A group of fields of its own (a course date's start, end and note).
    Object(Vec<FieldDef>),
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD HH:MM`.
    DateTime,
    WholeNumber,
    /// A number, whole or with a decimal point.
    Number,
    YesNo,
    /// A web address (`https://…`, `/path`, `mailto:`).
    Url,
    Email,
    /// A file beside the markdown file.
    File,
    /// One of the values given.
    Choice(Vec<String>),
    /// The file name (without `.md`) of a page of the named kind.
    Ref(String),
    /// The name of a kind.
    KindName,
    /// The code of a check (for `silence_checks`).
    CheckCode,
}

impl FieldType {
    /// The name used in `site.yaml` (`type: date`).
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Markdown => "markdown",
            FieldType::List(_) => "list",
            FieldType::Object(_) => "object",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
            FieldType::WholeNumber => "whole_number",
            FieldType::Number => "number",
            FieldType::YesNo => "yes_no",
            FieldType::Url => "url",
            FieldType::Email => "email",
            FieldType::File => "file",
            FieldType::Choice(_) => "choice",
            FieldType::Ref(_) => "ref",
            FieldType::KindName => "kind",
            FieldType::CheckCode => "check",
        }
    }

    /// What to write, in words that follow "Write `x` as …".
    pub fn describe(&self) -> String {
        match self {
            FieldType::Text => "text".into(),
            FieldType::Markdown => "text (markdown allowed)".into(),
            FieldType::List(of) => match &**of {
                FieldType::Text => "a list (lines starting with `- `)".into(),
                FieldType::Object(fields) => format!(
                    "a list, each item with {}",
                    fields
                        .iter()
                        .map(|f| format!("`{}:`", f.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                FieldType::Ref(kind) => format!(
                    "a list (lines starting with `- `) of file names, without `.md`, of `{kind}` pages"
                ),
                other => format!("a list (lines starting with `- `) of {}", other.describe()),
            },
            FieldType::Object(fields) => format!(
                "a group of fields: {}",
                fields
                    .iter()
                    .map(|f| format!("`{}:`", f.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            FieldType::Date => "a date written YYYY-MM-DD".into(),
            FieldType::DateTime => "a date and time written YYYY-MM-DD HH:MM".into(),
            FieldType::WholeNumber => "a whole number".into(),
            FieldType::Number => "a number, such as 6 or 7.5".into(),
            FieldType::YesNo => "`true` or `false`".into(),
            FieldType::Url => "a web address".into(),
            FieldType::Email => "an email address".into(),
            FieldType::File => "a file name".into(),
            FieldType::Choice(values) => format!("one of {}", values.join(", ")),
            FieldType::Ref(kind) => format!("the file name, without `.md`, of a `{kind}` page"),
            FieldType::KindName => "the name of a kind of page, such as page or service".into(),
            FieldType::CheckCode => "the code of a check, such as a11y/link-text".into(),
        }
    }

    /// The kind this type refers to, directly or as a list of references.
    pub fn referenced_kind(&self) -> Option<&str> {
        match self {
            FieldType::Ref(k) => Some(k),
            FieldType::List(of) => of.referenced_kind(),
            _ => None,
        }
    }

    /// Every kind referred to anywhere inside this type, groups included.
    pub fn all_referenced_kinds(&self) -> Vec<&str> {
        match self {
            FieldType::Ref(k) => vec![k.as_str()],
            FieldType::List(of) => of.all_referenced_kinds(),
            FieldType::Object(fields) => fields
                .iter()
                .flat_map(|f| f.ty.all_referenced_kinds())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Each reference in a checked value of this type: (kind, page name).
    pub fn references_in<'a>(&'a self, value: &'a serde_yaml::Value) -> Vec<(&'a str, &'a str)> {
        use serde_yaml::Value;
        match (self, value) {
            (FieldType::Ref(k), Value::String(name)) => vec![(k.as_str(), name.as_str())],
            (FieldType::List(of), Value::Sequence(items)) => {
                items.iter().flat_map(|v| of.references_in(v)).collect()
            }
            (FieldType::Object(fields), Value::Mapping(m)) => fields
                .iter()
                .filter_map(|f| Some((f, m.get(f.name.as_str())?)))
                .flat_map(|(f, v)| f.ty.references_in(v))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// One front-matter field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    pub name: String,
    pub ty: FieldType,
    pub required: bool,
    /// What to write, in plain English.
    pub help: String,
    /// The label a generic template shows: the name in words by default.
    pub label: String,
    /// Names of pages, files or addresses, not prose to typeset or check.
    pub names: bool,
    /// Numbers: the smallest allowed.
    pub min: Option<f64>,
    /// Dates inside an object: a sibling date this one may not come before.
    pub not_before: Option<String>,
    /// Files: the field that describes the file for people who cannot see it.
    pub alt: Option<String>,
}

impl FieldDef {
    pub fn new(name: &str, ty: FieldType, help: &str) -> FieldDef {
        FieldDef {
            name: name.into(),
            ty,
            required: false,
            help: help.into(),
            label: label_for(name),
            names: false,
            min: None,
            not_before: None,
            alt: None,
        }
    }

    /// Whether the value is text a person reads (typeset, spell-checked).
    pub fn is_prose(&self) -> bool {
        !self.names
            && match &self.ty {
                FieldType::Text | FieldType::Markdown => true,
                FieldType::List(of) => matches!(**of, FieldType::Text | FieldType::Object(_)),
                FieldType::Object(_) => true,
                _ => false,
            }
    }
}

/// `booking_url` → `Booking url`.
pub fn label_for(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut c = words.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Structured data (schema.org) a kind's pages carry for search engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructuredData {
    JobPosting,
    Course,
    Person,
}

impl StructuredData {
    pub const NAMES: [&'static str; 3] = ["job_posting", "course", "person"];

    pub fn from_name(s: &str) -> Option<StructuredData> {
        match s {
            "job_posting" => Some(StructuredData::JobPosting),
            "course" => Some(StructuredData::Course),
            "person" => Some(StructuredData::Person),
            _ => None,
        }
    }

    /// The fields (and their types' names) the structured data is made from.
    pub fn needs(self) -> &'static [(&'static str, &'static str)] {
        match self {
            StructuredData::JobPosting => &[("location", "text")],
            StructuredData::Course => &[],
            StructuredData::Person => &[("role", "text")],
        }
    }
}

/// The order of a kind's pages in listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub field: String,
    /// Latest first (news), instead of soonest first (vacancies, events).
    pub descending: bool,
}

/// One kind of page.
#[derive(Debug, Clone, PartialEq)]
pub struct KindSchema {
    pub name: String,
    /// The kind in words, for messages: `team member`.
    pub label: String,
    /// The field that holds the page's title (`name` for team members).
    pub title: String,
    /// Fields tried in turn for the page's summary.
    pub summary: Vec<String>,
    /// The kind's own fields, in the order they are written.
    pub fields: Vec<FieldDef>,
    /// Extra fields of the section page (`_index.md`) that lists this kind.
    pub section_fields: Vec<FieldDef>,
    pub order: Option<Order>,
    /// Date fields tried in turn: once the first one set has passed, the
    /// page counts as past (a closed vacancy, an event that is over).
    pub ends_on: Vec<String>,
    /// The word for a page that has passed (`closed`), and for the rest (`open`).
    pub past_word: String,
    pub current_word: String,
    /// The date field that says when a page was first published (feeds).
    pub published_on: Option<String>,
    /// Sections of this kind get an Atom feed of their current pages.
    pub feed: bool,
    pub structured_data: Option<StructuredData>,
    /// The theme template for its pages, without `.html`.
    pub template: String,
    /// Declared in `site.yaml` (not built in).
    pub from_site: bool,
}

impl KindSchema {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether pages of this kind can pass an end date.
    pub fn can_end(&self) -> bool {
        !self.ends_on.is_empty()
    }
}

/// Every kind a site has, with the fields every kind shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Kinds {
    pub common: Vec<FieldDef>,
    /// In the order declared: built-in ones first.
    pub kinds: Vec<Arc<KindSchema>>,
    /// Kinds the site declared with mistakes (reported), so left out: other
    /// settings naming them are not reported again.
    pub with_mistakes: Vec<String>,
}

impl Default for Kinds {
    /// The built-in kinds alone.
    fn default() -> Self {
        parse::builtin()
    }
}

impl Kinds {
    pub fn get(&self, name: &str) -> Option<&Arc<KindSchema>> {
        self.kinds.iter().find(|k| k.name == name)
    }

    /// The plain page kind, which every site has.
    pub fn page(&self) -> Arc<KindSchema> {
        self.get("page")
            .cloned()
            .unwrap_or_else(|| Arc::new(parse::plain_page()))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.kinds.iter().map(|k| k.name.as_str())
    }

    /// The fields a page of `kind` may have, common ones last. A section
    /// page has a title, a summary and the kind's `section_fields`.
    pub fn fields_of<'a>(&'a self, kind: &'a KindSchema, is_section: bool) -> Vec<&'a FieldDef> {
        let own: Vec<&FieldDef> = if is_section {
            let page = self.get("page");
            page.iter()
                .flat_map(|p| p.fields.iter())
                .chain(kind.section_fields.iter())
                .collect()
        } else {
            kind.fields.iter().collect()
        };
        own.into_iter().chain(self.common.iter()).collect()
    }

    /// Kinds whose pages refer to `kind`'s pages, or that `kind` refers to:
    /// their pages show one another.
    pub fn related<'a>(&'a self, kind: &'a KindSchema) -> Vec<&'a str> {
        let mut out: Vec<&str> = kind
            .fields
            .iter()
            .flat_map(|f| f.ty.all_referenced_kinds())
            .collect();
        for other in &self.kinds {
            if other
                .fields
                .iter()
                .any(|f| f.ty.all_referenced_kinds().contains(&kind.name.as_str()))
            {
                out.push(&other.name);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_kinds_are_the_five_of_the_first_version() {
        let k = Kinds::default();
        let names: Vec<&str> = k.names().collect();
        assert_eq!(
            names,
            ["page", "service", "team_member", "course", "vacancy"]
        );
        let vacancy = k.get("vacancy").expect("vacancy");
        assert_eq!(vacancy.ends_on, ["closing_date"]);
        assert_eq!(vacancy.section_fields[0].name, "eligibility_criteria");
        assert_eq!(k.get("team_member").expect("team").title, "name");
    }

    #[test]
    fn services_and_team_members_are_related_through_references() {
        let k = Kinds::default();
        let team = k.get("team_member").expect("team");
        assert_eq!(k.related(team), ["service"]);
        let vacancy = k.get("vacancy").expect("vacancy");
        assert_eq!(k.related(vacancy), ["course"]);
    }
}

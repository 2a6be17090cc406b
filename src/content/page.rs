//! One page of the site: its source, its kind, its checked fields and its
//! place in the tree, with the accessors later stages read fields through.

use std::path::PathBuf;

use jiff::civil::Date;

use super::kinds::{self, Kind};

/// One markdown file, checked and typed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path under `content/`, with `/` separators: `services/early-intervention.md`.
    pub source: String,
    /// Path from the site root, for messages: `content/services/early-intervention.md`.
    pub file: PathBuf,
    /// For a section, the kind of the pages it holds.
    pub kind: Kind,
    pub is_section: bool,
    /// Site path without the `base_url` path: `/services/early-intervention/`.
    pub path: String,
    /// The page's title (a team member's name: whichever field its kind
    /// says), and its summary.
    pub title: String,
    pub summary: String,
    pub common: kinds::Common,
    /// The checked front matter, for the template context.
    pub fields: serde_yaml::Mapping,
    /// The line of each front-matter field, for messages.
    pub key_lines: Vec<(String, usize)>,
    /// Where each field's value starts, for positions inside markdown fields.
    pub value_origins: Vec<(String, crate::diagnostics::Origin)>,
    pub body: String,
    /// The file's lines before the body (its front matter between its
    /// `---` lines), as it was read: the writing checks find words of the
    /// fields in it without reading the file again.
    pub front_matter: String,
    /// The line of the file where the body starts.
    pub body_line: usize,
    /// Index of the section page this page is listed in (`None` for home).
    pub parent: Option<usize>,
    /// For sections: the pages and subsections listed on it.
    pub children: Vec<usize>,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// A field's value, if the page has it.
    pub fn field(&self, name: &str) -> Option<&serde_yaml::Value> {
        self.fields.get(name)
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.field(name).and_then(serde_yaml::Value::as_str)
    }

    /// A list of text (or one text) field's items.
    pub fn strings(&self, name: &str) -> Vec<&str> {
        self.field(name).map(kinds::strings_of).unwrap_or_default()
    }

    /// A date (or the day of a datetime) field.
    pub fn date(&self, name: &str) -> Option<Date> {
        self.field(name).and_then(kinds::date_of)
    }

    pub fn number(&self, name: &str) -> Option<f64> {
        self.field(name).and_then(serde_yaml::Value::as_f64)
    }

    /// The date after which the page counts as past (a vacancy's closing
    /// date): the first of its kind's `ends_on` fields that is set. Not for
    /// sections.
    pub fn end_date(&self) -> Option<Date> {
        if self.is_section {
            return None;
        }
        self.kind.ends_on.iter().find_map(|f| self.date(f))
    }

    /// Past the day after its end date: a closed vacancy, an event that is over.
    pub fn is_closed(&self, today: Date) -> bool {
        self.end_date().is_some_and(|d| d < today)
    }

    /// The kind's name, or `section` for a section page.
    pub fn kind_name(&self) -> &str {
        if self.is_section {
            "section"
        } else {
            self.kind.name()
        }
    }

    /// Left out of this build: a draft, a page whose `publish_date` is still
    /// to come, or a closed vacancy on a site that hides them.
    pub fn held_back(&self, today: Date, closed: crate::config::ClosedVacancies) -> bool {
        self.held_back_because(today, closed).is_some()
    }

    /// Why the page is left out of this build, in words that follow "it …".
    pub fn held_back_because(
        &self,
        today: Date,
        closed: crate::config::ClosedVacancies,
    ) -> Option<String> {
        if self.common.draft {
            return Some("is a draft (`draft: true`)".into());
        }
        if let Some(d) = self.common.publish_date.filter(|d| *d > today) {
            return Some(format!(
                "is not published yet (its `publish_date` is {})",
                d.strftime("%-d %B %Y")
            ));
        }
        (closed == crate::config::ClosedVacancies::Hide && self.is_closed(today)).then(|| {
            format!(
                "is {}, and `closed_vacancies: hide` leaves those out",
                crate::diagnostics::with_article(&format!(
                    "{} {}",
                    self.kind.past_word, self.kind.label
                ))
            )
        })
    }

    /// The folder under `content/` holding the source file.
    pub fn source_dir(&self) -> &str {
        self.source.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

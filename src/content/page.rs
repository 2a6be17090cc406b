//! One page of the site: its source, its kind, its checked fields and its
//! place in the tree, with the accessors later stages read fields through.

use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::kinds::{self, Kind};
use crate::diagnostics::Diagnostic;

/// A file whose text is read again when it is rendered: its length and a
/// fingerprint of its bytes, so that a file saved again during the build
/// is noticed rather than rendered against its old front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InFile {
    len: usize,
    hash: u64,
}

impl InFile {
    pub(super) fn of(text: &str) -> InFile {
        InFile {
            len: text.len(),
            hash: fingerprint(text),
        }
    }
}

fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // Fixed keys: the same text gives the same number in every run.
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A page's checked front-matter fields in the order they were written:
/// a boxed slice, searched by name, as a page has few fields and every page
/// of the site is held (a hash map of YAML values took three times the room).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(Box<[(Arc<str>, serde_yaml::Value)]>);

impl Fields {
    /// The text-named fields of `map`, in its order (a checked map has no
    /// others), their names shared through `names`.
    pub fn from_mapping(map: serde_yaml::Mapping, names: &FieldNames) -> Fields {
        Fields(
            map.into_iter()
                .filter_map(|(k, v)| match k {
                    serde_yaml::Value::String(k) => Some((names.get(&k), v)),
                    _ => None,
                })
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> Option<&serde_yaml::Value> {
        self.0.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
    }

    /// Each field's name and value, in the order they were written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_yaml::Value)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }
}

/// The field names the site's kinds declare, each held once: every page's
/// fields, their lines and where their values start are named through it,
/// so that a site of many pages does not hold "title" three times a page.
#[derive(Debug, Default)]
pub struct FieldNames(Box<[Arc<str>]>);

impl FieldNames {
    pub fn of(kinds: &kinds::Kinds) -> FieldNames {
        let mut names: Vec<&str> = kinds
            .common
            .iter()
            .chain(
                kinds
                    .kinds
                    .iter()
                    .flat_map(|k| k.fields.iter().chain(&k.section_fields)),
            )
            .map(|f| f.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        FieldNames(names.into_iter().map(Arc::from).collect())
    }

    /// `name`, shared if a kind declares it (a field no kind has is a
    /// mistake, but is still named in messages).
    pub fn get(&self, name: &str) -> Arc<str> {
        match self.0.binary_search_by(|n| (**n).cmp(name)) {
            Ok(i) => self.0[i].clone(),
            Err(_) => Arc::from(name),
        }
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a str, &'a serde_yaml::Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Arc<str>, serde_yaml::Value)>,
        fn(&'a (Arc<str>, serde_yaml::Value)) -> (&'a str, &'a serde_yaml::Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (&**k, v))
    }
}

/// A page's markdown below its front matter, and the front matter's lines
/// as written, for rendering.
pub enum PageText<'a> {
    Kept {
        body: &'a str,
        front_matter: &'a str,
    },
    /// Read again from the file: `text[..body_at]` is the front matter.
    Read { text: String, body_at: usize },
}

impl PageText<'_> {
    pub fn body(&self) -> &str {
        match self {
            PageText::Kept { body, .. } => body,
            PageText::Read { text, body_at } => text.get(*body_at..).unwrap_or_default(),
        }
    }

    pub fn front_matter(&self) -> &str {
        match self {
            PageText::Kept { front_matter, .. } => front_matter,
            PageText::Read { text, body_at } => text.get(..*body_at).unwrap_or_default(),
        }
    }
}

/// What a page holds of its file's text.
#[derive(Debug, Clone)]
pub enum Text {
    /// The text itself (the preview, which renders pages again after
    /// edits).
    Kept(Box<KeptText>),
    /// The file as it was loaded, to read it again when the page is
    /// rendered: a one-off build, so that a large site does not hold every
    /// page's text at once.
    InFile(InFile),
}

#[derive(Debug, Clone, Default)]
pub struct KeptText {
    /// The markdown below the front matter.
    pub body: String,
    /// The file's lines before the body (its front matter between its
    /// `---` lines), as it was read: the writing checks find words of the
    /// fields in it.
    pub front_matter: String,
}

/// One markdown file, checked and typed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path under `content/`, with `/` separators: `services/early-intervention.md`.
    /// Shared with the site's lookup by source and the build's page ids.
    pub source: Arc<str>,
    /// Path from the site root, for messages: `content/services/early-intervention.md`.
    pub file: Arc<Path>,
    /// For a section, the kind of the pages it holds.
    pub kind: Kind,
    pub is_section: bool,
    /// Site path without the `base_url` path: `/services/early-intervention/`.
    pub path: String,
    pub common: kinds::Common,
    /// The checked front matter, for the template context (its title and
    /// summary among them).
    pub fields: Fields,
    /// The line of each front-matter field, for messages. Boxed slices
    /// rather than vectors: held for every page of the site.
    pub key_lines: Box<[(Arc<str>, usize)]>,
    /// Where each field's value starts, for positions inside markdown fields.
    pub value_origins: Box<[(Arc<str>, crate::diagnostics::Origin)]>,
    /// Its text, kept or to be read again (see [`Page::markdown`]).
    pub text: Text,
    /// Which line of the body (0-based) is the placeholder text of
    /// `signpost new`, found when the page was loaded.
    pub(super) placeholder_at: Option<u32>,
    /// The line of the file where the body starts.
    pub body_line: usize,
    /// Index of the section page this page is listed in (`None` for home).
    pub parent: Option<usize>,
    /// For sections: the pages and subsections listed on it.
    pub children: Vec<usize>,
}

impl Page {
    /// The page's title: a team member's name, or whichever field its kind
    /// says (a section's is always `title`).
    pub fn title(&self) -> &str {
        let field = if self.is_section {
            "title"
        } else {
            &self.kind.title
        };
        self.text(field).unwrap_or_default()
    }

    /// The first of the summary fields its kind names that is set (a
    /// section's is always `summary`).
    pub fn summary(&self) -> &str {
        if self.is_section {
            return self.text("summary").unwrap_or_default();
        }
        self.kind
            .summary
            .iter()
            .find_map(|f| self.text(f))
            .unwrap_or_default()
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

    /// The page's text for rendering: the kept text, or the file read again
    /// (when it is no longer as it was loaded, a finding for the file).
    pub fn markdown(&self, root: &Path) -> Result<PageText<'_>, Diagnostic> {
        let loaded = match &self.text {
            Text::Kept(kept) => {
                return Ok(PageText::Kept {
                    body: &kept.body,
                    front_matter: &kept.front_matter,
                });
            }
            Text::InFile(loaded) => *loaded,
        };
        let changed = || {
            Diagnostic::error(
                "content/unreadable",
                &self.file,
                "This file was changed while the site was being built, so its page may be out of date",
            )
            .help("Build the site again once the file is saved.")
        };
        let text = std::fs::read(root.join(&self.file))
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .filter(|t| InFile::of(t) == loaded)
            .ok_or_else(changed)?;
        let body_len = super::frontmatter::split(&text, &self.file)
            .map_err(|_| changed())?
            .body
            .len();
        Ok(PageText::Read {
            body_at: text.len() - body_len,
            text,
        })
    }

    /// Which line of the body (0-based) is still the placeholder text of
    /// `signpost new`, if one is.
    pub fn placeholder_line(&self) -> Option<usize> {
        // Found once, as the page was loaded: the content rules ask again
        // after every edit in the preview.
        self.placeholder_at.map(|l| l as usize)
    }

    /// The markdown below the front matter, when the text is kept (empty
    /// otherwise).
    pub fn body(&self) -> &str {
        match &self.text {
            Text::Kept(kept) => &kept.body,
            Text::InFile(_) => "",
        }
    }

    /// The front matter's lines as written, when the text is kept (empty
    /// otherwise).
    pub fn front_matter(&self) -> &str {
        match &self.text {
            Text::Kept(kept) => &kept.front_matter,
            Text::InFile(_) => "",
        }
    }

    /// The folder under `content/` holding the source file.
    pub fn source_dir(&self) -> &str {
        self.source.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

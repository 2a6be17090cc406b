//! Diagnostics: every mistake a content editor can make, as a typed value with
//! a location, a plain-English message and a "what to do" help line.
//!
//! A run collects all of them (like ripgrep collecting errors) and the CLI
//! decides the exit code at the end.

use std::fmt;
use std::path::{Path, PathBuf};

mod collect;
mod source;
mod words;

pub use collect::Diagnostics;
use source::line_span;
#[cfg(test)]
use source::markdown_link_len;
pub use source::{Origin, Source};
pub use words::{did_you_mean, with_article};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about the site's files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable code, such as `front-matter/missing-field`.
    pub code: &'static str,
    /// The file, relative to the site root (e.g. `content/contact.md`).
    pub file: PathBuf,
    /// 1-based line, when the finding has one.
    pub line: Option<usize>,
    /// 1-based column, when the finding has one.
    pub column: Option<usize>,
    /// The front-matter field or setting involved, if any.
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// A measure the finding is about (a page's reading score), for
    /// programs that read `check --format json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
}

/// A score to one decimal place, kept as tenths so findings compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score(u32);

impl Score {
    pub fn tenths(n: u32) -> Score {
        Score(n)
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl serde::Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        file: impl AsRef<std::path::Path>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.as_ref().to_path_buf(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            score: None,
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl AsRef<std::path::Path>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self
    }

    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self.column = line.map(|_| 1);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key that gives a stable order: by file, then position.
    fn sort_key(&self) -> (&Path, usize, usize, &'static str, &str) {
        (
            &self.file,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.code,
            &self.message,
        )
    }

    /// Renders the finding like a compiler message: a header, the file and
    /// line, the source line with a caret under the column, then the help.
    /// `source` is the whole text of the file, when it could be read.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        self.render_in(source.map(Source::new).as_ref(), color)
    }

    /// [`Diagnostic::render`] with the file's lines already found, for
    /// printing many findings of one file.
    pub fn render_in(&self, source: Option<&Source<'_>>, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = shown_path(&self.file);
        let title = match &self.field {
            Some(field) if !self.message.contains(&format!("`{field}`")) => {
                format!("{} (field `{field}`)", self.message)
            }
            _ => self.message.clone(),
        };
        let mut group = Group::with_title(level.primary_title(&title).id(self.code));
        let snippet_span = match (source, self.line) {
            (Some(src), Some(line)) => src
                .line(line)
                .and_then(|t| line_span(t, self.column.unwrap_or(1))),
            _ => None,
        };
        let location = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
            (Some(l), None) => format!("{path}:{l}"),
            _ => path.clone(),
        };
        if let (Some((line_text, span)), Some(line)) = (&snippet_span, self.line) {
            group = group.element(
                Snippet::source(line_text.as_str())
                    .line_start(line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            );
        } else {
            group = group.element(Level::NOTE.message(format!("in {location}")));
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: &[Group<'_>] = &[group];
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(report)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", shown_path(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {} [{}]: {}", self.severity, self.code, self.message)?;
        if let Some(field) = &self.field {
            write!(f, " (field `{field}`)")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A path as messages show it: with `/` between folders on every system.
/// (Elsewhere than Windows, `\\` is part of a name, not a separator.)
fn shown_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_field_name() {
        let fields = ["closing_date", "location", "pay"];
        assert_eq!(did_you_mean("closing_dat", fields), Some("closing_date"));
        assert_eq!(did_you_mean("Location", fields), Some("location"));
        assert_eq!(did_you_mean("banana", fields), None);
    }

    #[test]
    fn renders_the_source_line_with_a_caret_and_help() {
        let d = Diagnostic::error(
            "front-matter/unknown-field",
            "content/a.md",
            "Unknown field",
        )
        .at(3, 1)
        .field("closing_dat")
        .help("Did you mean `closing_date`?");
        let out = d.render(Some("---\ntitle: A\nclosing_dat: 2026-01-01\n---\n"), false);
        assert!(out.contains("content/a.md:3"), "{out}");
        assert!(out.contains("closing_dat: 2026-01-01"), "{out}");
        assert!(out.contains('^'), "{out}");
        assert!(out.contains("help: Did you mean `closing_date`?"), "{out}");
    }

    #[test]
    fn a_very_long_line_is_shown_as_a_window_around_the_column() {
        let line = format!("{}[bad](x){}", "a ".repeat(400), " b".repeat(400));
        let d = Diagnostic::error("x", "a.md", "m").at(1, 801);
        let out = d.render(Some(&line), false);
        assert!(out.contains("[bad](x)"), "{out}");
        assert!(out.len() < 1200, "{}", out.len());
        // A line without spaces: the marked part would run to its end.
        let line = "![a".repeat(3000);
        let out = Diagnostic::error("x", "a.md", "m")
            .at(1, 4000)
            .render(Some(&line), false);
        assert!(out.len() < 1200, "{}", out.len());
    }

    #[test]
    fn a_source_finds_lines_as_str_lines_does() {
        for text in ["", "one", "one\n", "a\r\nb\r\n\nc", "\n\nx\n"] {
            let src = Source::new(text);
            let want: Vec<&str> = text.lines().collect();
            let got: Vec<&str> = (1..=want.len() + 1).map_while(|n| src.line(n)).collect();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(src.line(0), None);
        }
    }

    #[test]
    fn people_see_a_capped_number_of_one_finding_per_file_then_a_count() {
        let mut diags = Diagnostics::default();
        for line in 1..=5 {
            diags.push(Diagnostic::warning("a11y/link-text", "content/a.md", "m").at(line, 1));
        }
        diags.push(Diagnostic::error("link/broken", "content/a.md", "b").at(9, 1));
        diags.push(Diagnostic::warning("a11y/link-text", "content/b.md", "m").at(1, 1));
        let shown = diags.for_people(2);
        let at: Vec<_> = shown
            .iter()
            .map(|d| (d.file.to_string_lossy().into_owned(), d.code, d.line))
            .collect();
        assert_eq!(
            at,
            [
                ("content/a.md".into(), "a11y/link-text", Some(1)),
                ("content/a.md".into(), "a11y/link-text", Some(2)),
                ("content/a.md".into(), "link/broken", Some(9)),
                ("content/a.md".into(), "a11y/link-text", None),
                ("content/b.md".into(), "a11y/link-text", Some(1)),
            ]
        );
        assert_eq!(
            shown[3].message,
            "…and 3 more like this in this file, from line 3 on"
        );
        assert_eq!(shown[3].severity, Severity::Warning);
    }

    #[test]
    fn a_link_is_marked_whole() {
        let cases = [
            (
                "[Where to find us](visit.md) then",
                "[Where to find us](visit.md)",
            ),
            (
                "![A photo (2020)](a (1).jpg) x",
                "![A photo (2020)](a (1).jpg)",
            ),
            ("[a [nested] link][ref] x", "[a [nested] link][ref]"),
            ("[^9] more", "[^9]"),
            ("[not \\] closed](x) y", "[not \\] closed](x)"),
        ];
        for (text, want) in cases {
            assert_eq!(
                markdown_link_len(text).map(|n| &text[..n]),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(markdown_link_len("[never closed"), None);
        assert_eq!(markdown_link_len("plain"), None);
        let d = Diagnostic::error("link/missing-page", "a.md", "m").at(1, 5);
        let out = d.render(Some("See [Where to find us](visit.md)."), false);
        assert!(out.contains("    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^"), "{out}");
    }

    #[test]
    fn a_line_past_the_end_of_the_file_renders_without_a_snippet() {
        let d = Diagnostic::error("x", "a.md", "m").at(99, 4);
        let out = d.render(Some("one line"), false);
        assert!(out.contains("a.md:99:4"), "{out}");
    }
}

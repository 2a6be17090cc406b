//! `site.yaml`: the site's settings, read once at the start of a build.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::schema::Kinds;
use crate::yaml;

pub mod cms;
pub mod search;
pub mod writing;

pub const CONFIG_FILE: &str = "site.yaml";

/// The settings a site can have. Unknown keys are mistakes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub organisation: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub description: String,
    /// Folder under `content/` → the name of the kind of page it holds.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// The site's own kinds (and extra fields for built-in ones), as written;
    /// read into [`Config::kinds`].
    #[serde(default, rename = "kinds")]
    pub kinds_declared: Option<serde_yaml::Value>,
    /// Every kind the site has: the built-in ones and its own.
    #[serde(skip)]
    pub kinds: std::sync::Arc<Kinds>,
    /// Content files or section folders, in the order of the main navigation.
    #[serde(default)]
    pub nav: Vec<String>,
    #[serde(default)]
    pub footer_links: Vec<FooterLink>,
    #[serde(default)]
    pub contact: Contact,
    /// Markdown: a line of crisis signposting shown beside the feedback form.
    #[serde(default)]
    pub urgent_help: Option<String>,
    #[serde(default)]
    pub feedback: Feedback,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// What happens to a vacancy after its closing date.
    #[serde(default)]
    pub closed_vacancies: ClosedVacancies,
    /// Check code → `off`, `warn` or `error`.
    #[serde(default)]
    pub checks: BTreeMap<String, crate::registry::Level>,
    /// Minify HTML and CSS in `signpost build` (never in the preview).
    #[serde(default = "default_true")]
    pub minify: bool,
    /// Make links relative to each page, so the built folder works opened
    /// from disk.
    #[serde(default)]
    pub relative_urls: bool,
    /// Reading score, plain-English swaps and spelling (see [`writing`]).
    #[serde(default)]
    pub writing: writing::Writing,
    /// The browser editor (`admin/`), when `cms:` is there (see [`cms`]).
    #[serde(default)]
    pub cms: Option<cms::Cms>,
    /// The search index, search page and A–Z page (see [`search`]).
    #[serde(default)]
    pub search: search::Search,
    /// The text of `site.yaml` as it was read, so later stages find a
    /// setting's line in the same text that was parsed (the file is read
    /// once per build; it may have been saved again since).
    #[serde(skip)]
    pub source: String,
}

/// The top-level settings, for "did you mean" on a misspelt one.
pub const KEYS: &[&str] = &[
    "title",
    "organisation",
    "base_url",
    "language",
    "theme",
    "description",
    "sections",
    "kinds",
    "nav",
    "footer_links",
    "contact",
    "urgent_help",
    "feedback",
    "markdown",
    "checks",
    "closed_vacancies",
    "minify",
    "relative_urls",
    "writing",
    "cms",
    "search",
];

/// What happens to a vacancy after its closing date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClosedVacancies {
    /// Its page stays, saying the vacancy has closed; it leaves listings and feeds.
    #[default]
    Show,
    /// Its page is left out of the site too.
    Hide,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// Any URL that accepts a form post.
    pub endpoint: Option<String>,
    pub provider: Option<FeedbackProvider>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackProvider {
    Netlify,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML in markdown through instead of escaping it.
    #[serde(default)]
    pub allow_html: bool,
    /// Curly quotes, dashes and ellipses, in page text and front-matter
    /// text alike.
    #[serde(default = "default_true")]
    pub smart_punctuation: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            allow_html: false,
            smart_punctuation: true,
        }
    }
}

fn default_true() -> bool {
    true
}

fn default_language() -> String {
    "en-GB".into()
}

fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// Reads `site.yaml` from `root`, adding every mistake to `diags`.
    /// Returns `None` when the settings cannot be used at all.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
        let file = Path::new(CONFIG_FILE);
        let text = match std::fs::read_to_string(root.join(CONFIG_FILE)) {
            Ok(t) => t,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "config/unreadable",
                        file,
                        format!("The settings file could not be read: {e}"),
                    )
                    .help("Check that `site.yaml` exists in the site's top folder (or pass `--root` with the folder that has it)."),
                );
                return None;
            }
        };
        Self::parse(&text, diags)
    }

    /// Parses settings from text; see [`Config::load`].
    pub fn parse(text: &str, diags: &mut Diagnostics) -> Option<Config> {
        let file = Path::new(CONFIG_FILE);
        let value: serde_yaml::Value = match serde_yaml::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                diags.push(yaml::error_to_diagnostic(&e, file, 1, "site.yaml"));
                return None;
            }
        };
        let lines = yaml::top_level_key_lines(text, 1);
        let mut ok = true;
        if let serde_yaml::Value::Mapping(map) = &value {
            for key in map.keys() {
                let name = key.as_str().unwrap_or_default();
                if !KEYS.contains(&name) {
                    ok = false;
                    let help = match did_you_mean(name, KEYS.iter().copied()) {
                        Some(s) => {
                            format!("Did you mean `{s}`? Check the spelling of the setting.")
                        }
                        None => format!("Remove it, or use one of: {}.", KEYS.join(", ")),
                    };
                    diags.push(
                        Diagnostic::error(
                            "config/unknown-setting",
                            file,
                            format!("`{name}` is not a setting Signpost knows"),
                        )
                        .at_line(yaml::line_of(&lines, name))
                        .field(name)
                        .help(help),
                    );
                }
            }
        } else {
            diags.push(
                Diagnostic::error(
                    "config/not-a-mapping",
                    file,
                    "The settings file is empty or is not a list of `setting: value` lines",
                )
                .help("Start `site.yaml` with lines such as `title: Peer support`."),
            );
            return None;
        }
        if !ok {
            return None;
        }
        // Parse the text again (not the value) so errors carry a line and a path.
        let mut config: Config = match serde_yaml::from_str(text) {
            Ok(c) => c,
            Err(e) => {
                let mut d = yaml::error_to_diagnostic(&e, file, 1, "site.yaml");
                if d.line.is_none() {
                    let top = d
                        .field
                        .as_deref()
                        .and_then(|f| f.split('.').next())
                        .unwrap_or("")
                        .to_string();
                    d = d.at_line(yaml::line_of(&lines, &top));
                }
                diags.push(d);
                return None;
            }
        };
        config.source = text.to_string();
        let before = diags.error_count();
        config.kinds = std::sync::Arc::new(crate::schema::from_site_yaml(
            config.kinds_declared.as_ref(),
            file,
            text,
            diags,
        ));
        config.writing.locate(text);
        config.writing.validate(diags);
        if let Some(cms) = &mut config.cms {
            cms.locate(text);
            cms.validate(diags);
        }
        config.validate(text, &lines, diags);
        (diags.error_count() == before).then_some(config)
    }

    fn validate(&self, text: &str, lines: &[(String, usize)], diags: &mut Diagnostics) {
        let file = Path::new(CONFIG_FILE);
        for (name, kind) in &self.sections {
            // A kind declared with mistakes has had them reported.
            if self.kinds.get(kind).is_none() && !self.kinds.with_mistakes.contains(kind) {
                let candidates = self
                    .kinds
                    .names()
                    .chain(self.kinds.with_mistakes.iter().map(String::as_str));
                let help = match did_you_mean(kind, candidates) {
                    Some(s) => format!("Did you mean `{s}`?"),
                    None => format!(
                        "Use one of the kinds: {}, or declare `{kind}` under `kinds:` (see README, \"Your own kinds\").",
                        self.kinds.names().collect::<Vec<_>>().join(", ")
                    ),
                };
                diags.push(
                    Diagnostic::error(
                        "config/unknown-kind",
                        file,
                        format!("`sections` says `content/{name}` holds `{kind}` pages, but there is no kind called `{kind}`"),
                    )
                    .at_line(nested_key_line(text, "sections", name).or(yaml::line_of(lines, "sections")))
                    .field(format!("sections.{name}"))
                    .help(help),
                );
            }
            if let Some(why) = folder_name_problem(name) {
                diags.push(
                    Diagnostic::error(
                        "config/section-name",
                        file,
                        format!("`{name}` under `sections` is not a folder name inside `content/`: {why}"),
                    )
                    .at_line(nested_key_line(text, "sections", name).or(yaml::line_of(lines, "sections")))
                    .field(format!("sections.{name}"))
                    .help("Write just the name of a folder in `content/`, such as `services: service` for `content/services/`."),
                );
            }
        }
        for code in self.checks.keys() {
            if crate::registry::find(code).is_none() {
                let help = match did_you_mean(code, crate::registry::CHECKS.iter().map(|c| c.code))
                {
                    Some(s) => format!("Did you mean `{s}`?"),
                    None => "Use a code from the list of checks in the README.".to_string(),
                };
                diags.push(
                    Diagnostic::error(
                        "config/unknown-check",
                        file,
                        format!("`{code}` under `checks` is not a check Signpost has"),
                    )
                    .at_line(yaml::line_of(lines, "checks"))
                    .field(format!("checks.{code}"))
                    .help(help),
                );
            }
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            diags.push(
                Diagnostic::error(
                    "config/base-url",
                    file,
                    format!("`base_url` must be a full web address, but it is `{}`", self.base_url),
                )
                .at_line(yaml::line_of(lines, "base_url"))
                .field("base_url")
                .help("Write the address the site will live at, starting with https://, e.g. `https://example.org/`."),
            );
        }
        if let Some(p) = self.feedback.endpoint.as_deref()
            && !(p.starts_with("http://") || p.starts_with("https://") || p.starts_with('/'))
        {
            diags.push(
                Diagnostic::error(
                    "config/feedback-endpoint",
                    file,
                    format!("`feedback.endpoint` must be a web address, but it is `{p}`"),
                )
                .at_line(yaml::line_of(lines, "feedback"))
                .field("feedback.endpoint")
                .help("Use the full address your form service gave you, starting with https://."),
            );
        }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        crate::urls::base_url(&self.base_url)
    }

    /// The full address of a site path (see [`crate::urls::absolute_url`]).
    pub fn absolute_url(&self, path: &str) -> String {
        crate::urls::absolute_url(&self.base_url, path)
    }

    /// The path part of `base_url`: `/` or `/peer-support/`.
    pub fn base_path(&self) -> String {
        crate::urls::base_path(&self.base_url)
    }
}

/// Why `name` cannot be a folder directly inside `content/`, if it cannot:
/// `sections:` keys must never lead `signpost new` (or the build) elsewhere.
pub fn folder_name_problem(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("it is empty")
    } else if name == "." || name == ".." || name.contains("..") {
        Some("`..` would lead out of `content/`")
    } else if name.contains(['/', '\\']) {
        Some("it holds a `/` or `\\`, so it is a path, not one folder's name")
    } else if name.contains(':') {
        Some("it holds a `:`, as a drive or web address does")
    } else if name.starts_with('.') {
        Some("names starting with a dot are hidden folders, which Signpost skips")
    } else if name.chars().any(char::is_control) {
        Some("it holds a control character")
    } else {
        None
    }
}

/// The 1-based line of `key:` indented under the top-level `parent:` line.
fn nested_key_line(text: &str, parent: &str, key: &str) -> Option<usize> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with([' ', '\t']) && !line.trim().is_empty() && !line.starts_with('#') {
            inside = line
                .strip_prefix(parent)
                .is_some_and(|r| r.trim_start().starts_with(':'));
            continue;
        }
        if inside {
            let t = line.trim_start();
            let unquoted = t
                .strip_prefix(['"', '\''])
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix(['"', '\'']))
                .or_else(|| t.strip_prefix(key));
            if unquoted.is_some_and(|r| r.trim_start().starts_with(':')) {
                return Some(i + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;

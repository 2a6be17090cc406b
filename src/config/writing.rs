//! The `writing:` settings of `site.yaml`: the reading score limit, the
//! site's own plain-English word swaps, built-in swaps it is happy with,
//! and the words the spelling check should know (names, places, services).
//! The checks themselves are in `check::writing`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The NHS service manual asks for health content to be reworked when its
/// SMOG score is over 14.
pub const DEFAULT_READING_SCORE: f64 = 14.0;

/// The word list read when `word_list` is not set, if the site has one.
pub const DEFAULT_WORD_LIST: &str = "words.txt";

/// `writing:` in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Writing {
    /// The highest SMOG score a page may have before `writing/reading-age`
    /// reports it.
    #[serde(default = "default_score")]
    pub reading_score: f64,
    /// The site's own wordy terms → what to write instead.
    #[serde(default)]
    pub plain_words: BTreeMap<String, String>,
    /// Built-in swaps the site is happy to use.
    #[serde(default)]
    pub allow_words: Vec<String>,
    /// Words the spelling check accepts: names, places, services.
    #[serde(default)]
    pub known_words: Vec<String>,
    /// A file of more known words, one a line, from the site's top folder.
    #[serde(default)]
    pub word_list: Option<String>,
    /// Lines in `site.yaml` of these settings, for messages from the checks.
    #[serde(skip)]
    pub lines: Lines,
}

/// Where the `writing:` settings are in `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub writing: Option<usize>,
    /// Nested key → its line.
    pub keys: BTreeMap<String, usize>,
    /// Line of each item of `allow_words`, in order.
    pub allow_words: Vec<usize>,
}

impl Lines {
    /// The line of the nested `key`, or of `writing:` itself.
    pub fn of(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied().or(self.writing)
    }
}

fn default_score() -> f64 {
    DEFAULT_READING_SCORE
}

impl Default for Writing {
    fn default() -> Self {
        Writing {
            reading_score: DEFAULT_READING_SCORE,
            plain_words: BTreeMap::new(),
            allow_words: Vec::new(),
            known_words: Vec::new(),
            word_list: None,
            lines: Lines::default(),
        }
    }
}

impl Writing {
    /// Notes where each setting is in `text` (the whole of `site.yaml`).
    pub fn locate(&mut self, text: &str) {
        let mut lines = Lines::default();
        let mut in_allow = false;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if !line.starts_with([' ', '\t']) {
                if lines.writing.is_some() && !line.starts_with('-') {
                    break;
                }
                if line.starts_with("writing:") {
                    lines.writing = Some(n);
                }
                continue;
            }
            if lines.writing.is_none() {
                continue;
            }
            if let Some(item) = trimmed.strip_prefix('-') {
                if in_allow && !item.trim().is_empty() {
                    lines.allow_words.push(n);
                }
                continue;
            }
            let indent = line.len() - trimmed.len();
            if let Some((key, _)) = trimmed.split_once(':')
                && indent <= 2
            {
                let key = key.trim().trim_matches(['"', '\'']).to_string();
                in_allow = key == "allow_words";
                lines.keys.entry(key).or_insert(n);
            }
        }
        self.lines = lines;
    }

    /// Mistakes in the values (the keys are checked when reading).
    pub fn validate(&self, diags: &mut Diagnostics) {
        let file = Path::new(crate::config::CONFIG_FILE);
        let score = self.reading_score;
        if !(score.is_finite() && score > 0.0 && score <= 30.0) {
            diags.push(
                Diagnostic::error(
                    "config/writing",
                    file,
                    format!("`writing.reading_score` must be a number from 1 to 30, but it is {score}"),
                )
                .at_line(self.lines.of("reading_score"))
                .field("writing.reading_score")
                .help(format!(
                    "Leave it out to use {DEFAULT_READING_SCORE}, the score the NHS service manual asks health content to stay within."
                )),
            );
        }
        for (term, instead) in &self.plain_words {
            if term.trim().is_empty() || instead.trim().is_empty() {
                diags.push(
                    Diagnostic::error(
                        "config/writing",
                        file,
                        format!("Under `writing.plain_words`, `{term}` needs both a term and what to write instead"),
                    )
                    .at_line(self.lines.of("plain_words"))
                    .field("writing.plain_words")
                    .help("Write each line as `wordy term: plainer words`, such as `utilise: use`."),
                );
            }
        }
        for word in &self.known_words {
            if word.split_whitespace().count() != 1 {
                diags.push(
                    Diagnostic::error(
                        "config/writing",
                        file,
                        format!("`{word}` under `writing.known_words` is not one word"),
                    )
                    .at_line(self.lines.of("known_words"))
                    .field("writing.known_words")
                    .help("List each word on its own line: a name like `Mary Seacole` is two lines, `Mary` and `Seacole`."),
                );
            }
        }
        if let Some(list) = self.word_list.as_deref()
            && let Some(why) = word_list_problem(list)
        {
            diags.push(
                Diagnostic::error(
                    "config/writing",
                    file,
                    format!("`writing.word_list` must be a file in the site's folder, but `{list}` {why}"),
                )
                .at_line(self.lines.of("word_list"))
                .field("writing.word_list")
                .help(format!("Write the file's name, such as `{DEFAULT_WORD_LIST}`, or a path inside the site like `docs/words.txt`.")),
            );
        }
    }
}

impl Writing {
    /// The word list's path in the site's folder, and whether `site.yaml`
    /// names it (a named list must exist; `words.txt` may be missing).
    pub fn word_list_path(&self) -> (&str, bool) {
        match self.word_list.as_deref() {
            Some(p) => (p, true),
            None => (DEFAULT_WORD_LIST, false),
        }
    }
}

/// Why a `word_list` path would lead outside the site, if it would.
fn word_list_problem(path: &str) -> Option<&'static str> {
    if path.trim().is_empty() {
        Some("is empty")
    } else if path.starts_with(['/', '\\']) || path.contains(':') {
        Some("is a path from the top of the computer")
    } else if path.split(['/', '\\']).any(|p| p == "..") {
        Some("leads out of the site's folder with `..`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const MINIMAL: &str = "title: T\norganisation: O\nbase_url: https://example.org/\n";

    fn parse(extra: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let mut d = Diagnostics::default();
        let c = Config::parse(&format!("{MINIMAL}{extra}"), &mut d);
        (c, d.sorted())
    }

    #[test]
    fn writing_settings_default_to_the_nhs_reading_score() {
        let (c, _) = parse("");
        let w = c.expect("parses").writing;
        assert_eq!(w.reading_score, 14.0);
        assert!(w.plain_words.is_empty() && w.word_list.is_none());
    }

    #[test]
    fn writing_settings_are_read_with_their_lines() {
        let (c, d) = parse(
            "writing:\n  reading_score: 12\n  plain_words:\n    service user: person who uses our services\n  allow_words:\n    - in order to\n    - commence\n  known_words: [Szmit]\n",
        );
        let w = c.unwrap_or_else(|| panic!("{d:#?}")).writing;
        assert_eq!(w.reading_score, 12.0);
        assert_eq!(
            w.plain_words["service user"],
            "person who uses our services"
        );
        assert_eq!(w.lines.writing, Some(4));
        assert_eq!(w.lines.of("known_words"), Some(11));
        assert_eq!(w.lines.allow_words, vec![9, 10]);
    }

    #[test]
    fn a_misspelt_writing_setting_is_located_and_named() {
        let (c, d) = parse("writing:\n  reading_scor: 12\n");
        assert!(c.is_none());
        assert_eq!(d[0].field.as_deref(), Some("writing.reading_scor"));
        assert_eq!(d[0].line, Some(5));
        assert!(
            d[0].help
                .as_deref()
                .unwrap_or("")
                .contains("`reading_score`"),
            "{d:#?}"
        );
    }

    #[test]
    fn bad_writing_values_are_located_errors() {
        for (extra, field, line) in [
            ("writing:\n  reading_score: 0\n", "writing.reading_score", 5),
            (
                "writing:\n  known_words:\n    - Mary Seacole\n",
                "writing.known_words",
                5,
            ),
            (
                "writing:\n  word_list: ../words.txt\n",
                "writing.word_list",
                5,
            ),
            (
                "writing:\n  plain_words:\n    utilise: \"\"\n",
                "writing.plain_words",
                5,
            ),
        ] {
            let (c, d) = parse(extra);
            assert!(c.is_none(), "{extra}");
            assert_eq!(d.len(), 1, "{extra}: {d:#?}");
            assert_eq!(d[0].code, "config/writing");
            assert_eq!(d[0].field.as_deref(), Some(field));
            assert_eq!(d[0].line, Some(line), "{extra}");
        }
        let (c, d) = parse("writing:\n  reading_score: lots\n");
        assert!(c.is_none());
        assert_eq!(d[0].line, Some(5), "{d:#?}");
    }
}

//! The writing checks an NHS content designer runs by hand: the reading
//! score of each page (SMOG, [`smog`]), wordy terms with plainer
//! alternatives ([`words`]) and British spelling ([`spelling`]). They read
//! the page's own prose — paragraphs, lists, headings, tables and the text
//! fields of its front matter — never code, web or email addresses, or the
//! theme's text, and each finding points at the word in the markdown file.

mod blocks;
mod facts;
pub mod fields;
pub mod smog;
pub mod spelling;
#[cfg(test)]
mod tests;
pub mod text;
pub mod words;

use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};

use super::Level;
use crate::content::{Page, Site};
use crate::diagnostics::Origin;
use crate::diagnostics::{Diagnostic, Diagnostics, Score};
use blocks::{Block, add_sentences, in_table};
use facts::Facts;
use smog::Sentence;
use spelling::Speller;
use words::Swaps;

pub const READING_AGE: &str = "writing/reading-age";
pub const PLAIN_ENGLISH: &str = "writing/plain-english";
pub const SPELLING: &str = "writing/spelling";

/// The writing checks for one site, with its settings and words.
#[derive(Debug)]
pub struct Writer {
    /// The highest reading score, when the check is on.
    reading: Option<f64>,
    swaps: Option<Swaps>,
    speller: Option<Speller>,
    /// This writer's number, naming its table of word facts ([`facts`]).
    id: u64,
    /// Whether word facts are kept (always, but for a test that checks
    /// the findings are the same without).
    cached: bool,
}

/// Whether `code` is on (not `off` under `checks:`).
fn on(site: &Site, code: &str) -> bool {
    site.config.checks.get(code) != Some(&Level::Off)
}

/// Starts reading the dictionary while the site loads, unless spelling is off.
pub fn warm_up(config: &crate::config::Config) {
    if config.checks.get(SPELLING) != Some(&Level::Off) {
        spelling::warm_up();
    }
}

impl Writer {
    /// The checks the site has on, or `None` when all three are off.
    pub fn new(site: &Site, diags: &mut Diagnostics) -> Option<Writer> {
        if !site.writing {
            return None;
        }
        let settings = &site.config.writing;
        let file = Path::new(crate::config::CONFIG_FILE);
        let reading = on(site, READING_AGE).then_some(settings.reading_score);
        let swaps = on(site, PLAIN_ENGLISH).then(|| {
            let (swaps, unknown) = Swaps::new(&settings.plain_words, &settings.allow_words);
            for term in unknown {
                let i = settings
                    .allow_words
                    .iter()
                    .position(|a| a.trim().eq_ignore_ascii_case(&term));
                let line = i
                    .and_then(|i| settings.lines.allow_words.get(i).copied())
                    .or(settings.lines.of("allow_words"));
                diags.push(
                    Diagnostic::warning(
                        "config/allow-word-unknown",
                        file,
                        format!("`{term}` under `writing.allow_words` is not in the list of wordy terms, so allowing it changes nothing"),
                    )
                    .at_line(line)
                    .field("writing.allow_words")
                    .help("Check the spelling against the README's list, or remove the line."),
                );
            }
            swaps
        });
        let speller = on(site, SPELLING)
            .then(|| Speller::new(known_words(site, diags).iter().map(String::as_str)));
        (reading.is_some() || swaps.is_some() || speller.is_some()).then_some(Writer {
            reading,
            swaps,
            speller,
            id: facts::new_writer(),
            cached: true,
        })
    }

    /// The findings in one page's markdown (`text`, parsed as `root`).
    pub fn check_markdown<'a>(
        &self,
        root: &'a AstNode<'a>,
        text: &str,
        file: &Path,
        origin: Origin,
    ) -> Vec<Diagnostic> {
        let lines: Vec<&str> = text.lines().collect();
        let mut out = Vec::new();
        // One buffer for every block's words, so words are not each a new
        // string; and one for their facts.
        let mut block = Block::default();
        let mut facts = Vec::new();
        // The reading score needs only how many sentences and long words
        // there are: the sentences themselves (where each starts, its
        // opening words) are worked out only for a page over the limit.
        let (mut sentences, mut long) = (0, 0);
        for (node, prose) in blocks_of(root) {
            block.fill(node, &lines, origin);
            self.facts_into(&block, &mut facts);
            self.check_words(&block, &facts, file, None, &mut out);
            if prose && self.reading.is_some() {
                sentences += block.sentence_count();
                long += facts.iter().filter(|f| f.long).count();
            }
        }
        if let Some(limit) = self.reading
            && smog::score_of(long, sentences).is_some_and(|s| over(s, limit))
        {
            let mut all = Vec::new();
            for (node, prose) in blocks_of(root) {
                if prose {
                    block.fill(node, &lines, origin);
                    add_sentences(&block, &mut all);
                }
            }
            out.extend(reading_finding(&all, limit, file));
        }
        out
    }

    /// The findings in `page`'s front-matter text; `source` is the start of
    /// its file, up to the body at least (`Page::front_matter`).
    pub fn check_fields(&self, page: &Page, source: &str) -> Vec<Diagnostic> {
        if self.swaps.is_none() && self.speller.is_none() {
            return Vec::new();
        }
        let lines: Vec<&str> = source.lines().collect();
        let mut out = Vec::new();
        let mut block = Block::default();
        let mut facts = Vec::new();
        for f in fields::field_texts(page, source) {
            block.fill_text(&f.text, &lines, (f.line, f.column, f.last_line));
            self.facts_into(&block, &mut facts);
            self.check_words(&block, &facts, &page.file, Some(&f.field), &mut out);
        }
        out
    }

    /// The facts of each word of `block`, into `out` (cleared first).
    fn facts_into(&self, block: &Block, out: &mut Vec<Facts>) {
        out.clear();
        let work_out = |w: &blocks::Placed| {
            let text = block.text(w);
            Facts {
                misspelt: self
                    .speller
                    .as_ref()
                    .is_some_and(|s| Speller::checks(text) && !s.is_right(text)),
                long: smog::is_polysyllable(text),
                swap: self
                    .swaps
                    .as_ref()
                    .is_some_and(|s| s.could_start(block.lower(w))),
            }
        };
        if self.cached {
            facts::fill(self.id, &block.words, |w| block.text(w), work_out, out);
        } else {
            out.extend(block.words.iter().map(work_out));
        }
    }

    fn check_words(
        &self,
        block: &Block,
        facts: &[Facts],
        file: &Path,
        field: Option<&str>,
        out: &mut Vec<Diagnostic>,
    ) {
        let with_field = |d: Diagnostic| match field {
            Some(f) => d.field(f),
            None => d,
        };
        if let Some(speller) = &self.speller {
            for (w, _) in block.words.iter().zip(facts).filter(|(_, f)| f.misspelt) {
                let (line, column) = block.place(w);
                out.push(with_field(spelling_finding(
                    speller,
                    block.text(w),
                    line,
                    column,
                    file,
                )));
            }
        }
        // Most blocks have no word that a term starts with.
        if let Some(swaps) = &self.swaps
            && facts.iter().any(|f| f.swap)
        {
            // Terms never run across code or a line of HTML.
            for run in block.runs() {
                let lower: Vec<&str> = run.iter().map(|w| block.lower(w)).collect();
                for f in swaps.find(&lower) {
                    let Some(first) = run.get(f.at) else { continue };
                    let written: Vec<&str> = run[f.at..f.at + f.len]
                        .iter()
                        .map(|w| block.text(w))
                        .collect();
                    let written = written.join(" ");
                    out.push(with_field(
                        Diagnostic::warning(
                            PLAIN_ENGLISH,
                            file,
                            format!("\"{written}\" has a plainer alternative: \"{}\"", f.instead),
                        )
                        .at(block.place(first).0, block.place(first).1)
                        .help(format!(
                            "Plain words are quicker to read for everyone. If \"{}\" is the right word here, add it under `writing.allow_words` in site.yaml, or silence `{PLAIN_ENGLISH}` on this page with a reason.",
                            f.term
                        )),
                    ));
                }
            }
        }
    }
}

/// The blocks of prose under `root` the checks read, each with whether it
/// counts for the reading score (paragraphs outside tables).
fn blocks_of<'a>(root: &'a AstNode<'a>) -> impl Iterator<Item = (&'a AstNode<'a>, bool)> {
    root.descendants()
        .filter_map(|node| match node.data().value {
            NodeValue::Paragraph => Some((node, !in_table(node))),
            NodeValue::Heading(_) | NodeValue::TableCell => Some((node, false)),
            _ => None,
        })
}

/// The score as shown (to one decimal place), and whether that is over `limit`.
fn shown(score: f64) -> f64 {
    (score * 10.0).round() / 10.0
}

fn over(score: f64, limit: f64) -> bool {
    shown(score) > limit
}

fn reading_finding(sentences: &[Sentence], limit: f64, file: &Path) -> Option<Diagnostic> {
    let score = smog::score(sentences)?;
    // Compared as shown, to one decimal place.
    let shown = shown(score);
    if !over(score, limit) {
        return None;
    }
    let hardest = smog::hardest(sentences, 3);
    let first = hardest.first()?;
    let list: Vec<String> = hardest
        .iter()
        .map(|s| {
            format!(
                "line {}, \"{}\" ({} long {})",
                s.line,
                s.opening,
                s.polysyllables,
                if s.polysyllables == 1 {
                    "word"
                } else {
                    "words"
                }
            )
        })
        .collect();
    let mut d = Diagnostic::warning(
        READING_AGE,
        file,
        format!("This page's reading score (SMOG) is {shown:.1}, over the limit of {limit}: it will be hard to read for many people"),
    )
    .at(first.line, first.column)
    .help(format!(
        "The hardest sentences: {}. Use shorter sentences and everyday words of one or two syllables; SMOG counts the words of three or more. (The limit is `writing.reading_score` in site.yaml.)",
        list.join("; ")
    ));
    d.score = Some(Score::tenths((shown * 10.0) as u32));
    Some(d)
}

fn spelling_finding(
    speller: &Speller,
    word: &str,
    line: usize,
    column: usize,
    file: &Path,
) -> Diagnostic {
    let suggestions = speller.suggest(word);
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("\"{s}\"")).collect();
    let did_you_mean = match quoted.as_slice() {
        [] => String::new(),
        [one] => format!("Did you mean {one}? "),
        [rest @ .., last] => format!("Did you mean {} or {last}? ", rest.join(", ")),
    };
    Diagnostic::warning(
        SPELLING,
        file,
        format!("\"{word}\" is not in the British English dictionary"),
    )
    .at(line, column)
    .help(format!(
        "{did_you_mean}If it is spelt right (a name, a place, a service), add it to `words.txt` in the site's folder (one word a line) or under `writing.known_words` in site.yaml."
    ))
}

/// The site's own words: `known_words`, its word list, its titles and the
/// names of its team members.
fn known_words(site: &Site, diags: &mut Diagnostics) -> Vec<String> {
    let settings = &site.config.writing;
    let mut words: Vec<String> = settings.known_words.clone();
    words.push(site.config.title.clone());
    words.push(site.config.organisation.clone());
    for p in &site.pages {
        words.push(p.title().to_string());
        if let Some(name) = p.fields.get("name").and_then(serde_yaml::Value::as_str) {
            words.push(name.to_string());
        }
    }
    let (path, explicit) = settings.word_list_path();
    match std::fs::read_to_string(site.root.join(path)) {
        Ok(text) => words.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        ),
        Err(e) if explicit || e.kind() != std::io::ErrorKind::NotFound => diags.push(
            Diagnostic::error(
                "config/writing",
                crate::config::CONFIG_FILE,
                format!("The word list `{path}` could not be read: {e}"),
            )
            .at_line(settings.lines.of("word_list"))
            .field("writing.word_list")
            .help("Check the file's name and that it is in the site's folder, or remove the `word_list` line."),
        ),
        Err(_) => {}
    }
    words
}

/// The writing checks as a pass of the markdown stage: the reading score,
/// plain English and spelling in each page's body, and plain English and
/// spelling in its front matter's text.
impl crate::markdown::Pass for Writer {
    fn markdown<'a>(
        &self,
        root: &'a AstNode<'a>,
        text: &str,
        ctx: &crate::markdown::LintContext<'_>,
    ) -> Vec<Diagnostic> {
        if ctx.is_body {
            self.check_markdown(root, text, ctx.file, ctx.origin)
        } else {
            Vec::new()
        }
    }

    fn front_matter(&self, page: &Page, source: &str) -> Vec<Diagnostic> {
        self.check_fields(page, source)
    }
}

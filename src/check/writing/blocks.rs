//! A block of prose (a paragraph, heading, table cell or front-matter
//! value) as words placed in the file, and its sentences for the reading
//! score. The words of a page share one buffer, reused block after block:
//! this runs on every word of every page.

use comrak::nodes::{AstNode, NodeValue};

use super::smog::{self, Sentence};
use super::text;
use crate::diagnostics::Origin;

/// A word and where it is in the file.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    /// Byte ranges in [`Block::buf`] of the word as written and in lower case.
    text: (u32, u32),
    lower: (u32, u32),
    /// Where to look for it: the 1-based line and byte column where its
    /// text starts, the last line the text can be on, and how many bytes
    /// after the start the word is expected. Found only for findings.
    from: (usize, usize, usize, usize),
    pub ends_sentence: bool,
    /// Code or HTML came just before it.
    pub gap: bool,
}

/// The words of one block.
#[derive(Debug, Default)]
pub struct Block<'l> {
    buf: String,
    pub words: Vec<Placed>,
    /// The lines the words are in, and how they map to the file's.
    lines: &'l [&'l str],
    origin: Option<Origin>,
    /// The words of one piece of text, before they are placed.
    spans: Vec<text::Span>,
}

impl<'l> Block<'l> {
    pub fn text(&self, w: &Placed) -> &str {
        self.buf
            .get(w.text.0 as usize..w.text.1 as usize)
            .unwrap_or_default()
    }

    pub fn lower(&self, w: &Placed) -> &str {
        self.buf
            .get(w.lower.0 as usize..w.lower.1 as usize)
            .unwrap_or_default()
    }

    /// The 1-based line and column of `w` in the file.
    pub fn place(&self, w: &Placed) -> (usize, usize) {
        let (line, column, last, hint) = w.from;
        let mut locator = text::Locator::new(self.lines, line, column, last);
        let (l, c) = locator
            .find_near(self.text(w), hint)
            .unwrap_or_else(|| (line, char_column(self.lines, line, column)));
        match self.origin {
            Some(o) => o.map(l, c),
            None => (l, c),
        }
    }

    fn push(
        &mut self,
        word: &str,
        from: (usize, usize, usize, usize),
        ends_sentence: bool,
        gap: bool,
    ) {
        let at = |b: &String| u32::try_from(b.len()).unwrap_or(u32::MAX);
        let start = at(&self.buf);
        self.buf.push_str(word);
        let text = (start, at(&self.buf));
        let lower = if word.is_ascii() {
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                let s = at(&self.buf);
                self.buf.push_str(word);
                if let Some(l) = self.buf.get_mut(s as usize..) {
                    l.make_ascii_lowercase();
                }
                (s, at(&self.buf))
            } else {
                text
            }
        } else if word.chars().any(char::is_uppercase) {
            let s = at(&self.buf);
            self.buf.extend(word.chars().flat_map(char::to_lowercase));
            (s, at(&self.buf))
        } else {
            text
        };
        self.words.push(Placed {
            text,
            lower,
            from,
            ends_sentence,
            gap,
        });
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.words.clear();
    }

    /// The words of a paragraph, heading or table cell of markdown whose
    /// lines are `lines`, placed in the file by `origin`.
    pub fn fill<'a>(&mut self, block: &'a AstNode<'a>, lines: &'l [&'l str], origin: Origin) {
        self.clear();
        self.lines = lines;
        self.origin = Some(origin);
        let mut gap = false;
        for node in block.descendants().skip(1) {
            let data = node.data();
            match &data.value {
                NodeValue::Text(t) => {
                    let pos = data.sourcepos;
                    let mut spans = std::mem::take(&mut self.spans);
                    spans.clear();
                    text::spans_into(t, &mut spans);
                    for w in &spans {
                        let from = (pos.start.line, pos.start.column, pos.end.line, w.start);
                        let word = t.get(w.start..w.end).unwrap_or_default();
                        self.push(word, from, w.ends_sentence, std::mem::take(&mut gap));
                    }
                    self.spans = spans;
                }
                NodeValue::Code(_) | NodeValue::HtmlInline(_) => gap = true,
                _ => {}
            }
        }
    }

    /// The words of a front-matter value starting at (line, byte column)
    /// of the file's `lines` and ending by line `last`.
    pub fn fill_text(
        &mut self,
        value: &str,
        lines: &'l [&'l str],
        (line, column, last): (usize, usize, usize),
    ) {
        self.clear();
        self.lines = lines;
        self.origin = None;
        for w in text::words(value) {
            self.push(
                w.text,
                (line, column, last, w.start),
                w.ends_sentence,
                false,
            );
        }
    }

    /// The words split where code or HTML came between them.
    pub fn runs(&self) -> Vec<&[Placed]> {
        let words = &self.words;
        let mut out = Vec::new();
        let mut start = 0;
        for end in 1..=words.len() {
            if words.get(end).is_none_or(|w| w.gap) {
                out.push(&words[start..end]);
                start = end;
            }
        }
        out
    }
}

pub fn in_table<'a>(node: &'a AstNode<'a>) -> bool {
    node.ancestors()
        .any(|a| matches!(a.data().value, NodeValue::Table(_)))
}

/// The character column of byte column `column` on 1-based `line`.
pub fn char_column(lines: &[&str], line: usize, column: usize) -> usize {
    lines
        .get(line.saturating_sub(1))
        .and_then(|l| l.get(..column.saturating_sub(1)))
        .map_or(column, |l| l.chars().count() + 1)
}

impl Block<'_> {
    /// How many sentences [`add_sentences`] would find in the block.
    pub fn sentence_count(&self) -> usize {
        let ended = self.words.iter().filter(|w| w.ends_sentence).count();
        let open_end = self.words.last().is_some_and(|w| !w.ends_sentence);
        ended + usize::from(open_end)
    }
}

/// Splits a paragraph's words into sentences; the paragraph's end ends one.
pub fn add_sentences(block: &Block, sentences: &mut Vec<Sentence>) {
    let words = &block.words;
    let mut current: Option<Sentence> = None;
    for (i, w) in words.iter().enumerate() {
        let s = current.get_or_insert_with(|| {
            let (line, column) = block.place(w);
            Sentence {
                line,
                column,
                opening: String::new(),
                words: 0,
                polysyllables: 0,
            }
        });
        let text = block.text(w);
        s.words += 1;
        if smog::is_polysyllable(text) {
            s.polysyllables += 1;
        }
        if s.words <= 8 {
            if !s.opening.is_empty() {
                s.opening.push(' ');
            }
            s.opening.push_str(text);
        } else if s.words == 9 {
            s.opening.push_str(" …");
        }
        if w.ends_sentence || i + 1 == words.len() {
            sentences.extend(current.take());
        }
    }
}

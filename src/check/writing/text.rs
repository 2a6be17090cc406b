//! Words in a piece of prose, and where each one is in the file: the
//! tokeniser the three writing checks share. Web and email addresses are
//! not words; a sentence ends at `.`, `!` or `?` after its last word
//! (but not in "e.g." or "Dr.").

/// One word of a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Byte offset in the text it came from.
    pub start: usize,
    /// Followed by `.`, `!` or `?`: the last word of a sentence.
    pub ends_sentence: bool,
}

/// Short forms whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g.", "eg.", "i.e.", "ie.", "etc.", "dr.", "mr.", "mrs.", "ms.", "st.", "no.", "vs.",
    "approx.",
];

/// A word as the byte range `start..end` of the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// Followed by `.`, `!` or `?`: the last word of a sentence.
    pub ends_sentence: bool,
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut spans = Vec::new();
    spans_into(text, &mut spans);
    spans
        .into_iter()
        .map(|s| Word {
            text: &text[s.start..s.end],
            start: s.start,
            ends_sentence: s.ends_sentence,
        })
        .collect()
}

/// The words of `text` as [`Span`]s, added to `out` (so that one list can
/// serve a whole page: this runs on every word of every page).
pub fn spans_into(text: &str, out: &mut Vec<Span>) {
    if text.is_ascii() {
        // Most text is ASCII: cut at its spaces byte by byte.
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if is_ascii_space(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !is_ascii_space(b[i]) {
                i += 1;
            }
            chunk_words(&text[start..i], start, true, out);
        }
    } else {
        any_spans_into(text, out);
    }
}

/// [`spans_into`] for any text, ASCII or not.
fn any_spans_into(text: &str, out: &mut Vec<Span>) {
    for (start, chunk) in chunks(text) {
        chunk_words(chunk, start, chunk.is_ascii(), out);
    }
}

/// The ASCII characters `char::is_whitespace` is true for.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The words of one whitespace-separated `chunk` of text, which starts at
/// byte `chunk_start`; `ascii` if it is all ASCII.
fn chunk_words(chunk: &str, chunk_start: usize, ascii: bool, out: &mut Vec<Span>) {
    // Most chunks have none of the bytes an address needs (bytes that are
    // never part of another character in UTF-8).
    let bytes = chunk.as_bytes();
    if bytes.iter().any(|b| matches!(b, b':' | b'@' | b'.')) {
        // The first `:` or `@` starts an email or web address.
        let address = bytes
            .iter()
            .position(|b| matches!(b, b':' | b'@'))
            .is_some_and(|i| bytes[i..].starts_with(b"@") || bytes[i..].starts_with(b"://"));
        // photo.png, example.org: file names and web addresses.
        let dotted = bytes
            .windows(3)
            .any(|w| w[1] == b'.' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphabetic())
            && !abbreviation(chunk);
        if address || dotted || chunk.starts_with("www.") {
            return;
        }
    }
    let first = out.len();
    if ascii {
        ascii_runs(chunk, chunk_start, out);
    } else {
        unicode_runs(chunk, chunk_start, out);
    }
    if out.len() > first
        && let Some(w) = out.last_mut()
    {
        let tail = &chunk[w.end - chunk_start..];
        w.ends_sentence = tail.contains(['.', '!', '?']) && !abbreviation(chunk);
    }
}

/// `chunk` starts with a short form such as "e.g." (after any opening
/// bracket or quote).
fn abbreviation(chunk: &str) -> bool {
    let bare = chunk.trim_start_matches(['(', '"', '“', '‘', '\'']);
    ABBREVIATIONS.iter().any(|a| {
        bare.get(..a.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(a))
    })
}

/// The words of an ASCII chunk, byte by byte.
fn ascii_runs(chunk: &str, chunk_start: usize, out: &mut Vec<Span>) {
    let b = chunk.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len()
            && (b[i].is_ascii_alphanumeric()
                || (matches!(b[i], b'\'' | b'-')
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)))
        {
            i += 1;
        }
        out.push(Span {
            start: chunk_start + s,
            end: chunk_start + i,
            ends_sentence: false,
        });
    }
}

/// The words of a chunk with letters outside ASCII.
fn unicode_runs(chunk: &str, chunk_start: usize, out: &mut Vec<Span>) {
    let mut iter = chunk.char_indices().peekable();
    let mut run: Option<usize> = None;
    let mut last_end = 0;
    let mut push = |s: usize, e: usize| {
        out.push(Span {
            start: chunk_start + s,
            end: chunk_start + e,
            ends_sentence: false,
        })
    };
    while let Some((i, c)) = iter.next() {
        let next_is_word = iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let joins = matches!(c, '\'' | '’' | '-') && run.is_some() && next_is_word;
        if c.is_alphanumeric() || joins {
            run.get_or_insert(i);
            last_end = i + c.len_utf8();
        } else if let Some(s) = run.take() {
            push(s, last_end);
        }
    }
    if let Some(s) = run.take() {
        push(s, last_end);
    }
}

/// A fast hash for short words (the standard one is built to resist
/// attacks, which a cache of a site's own words does not need).
#[derive(Debug, Default, Clone, Copy)]
pub struct Quick;

impl std::hash::BuildHasher for Quick {
    type Hasher = QuickHasher;
    fn build_hasher(&self) -> QuickHasher {
        QuickHasher(0xcbf2_9ce4_8422_2325)
    }
}

pub struct QuickHasher(u64);

impl std::hash::Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        // FNV-1a, eight bytes at a time.
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0 ^ u64::from_le_bytes(b)).wrapping_mul(0x0000_0100_0000_01b3);
            self.0 ^= self.0 >> 29;
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Whitespace-separated pieces of `text` with their byte offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|c| !c.is_empty())
        .map(move |c| (c.as_ptr() as usize - text.as_ptr() as usize, c))
}

/// Finds words in the source lines they came from, moving forward only, so
/// the same word twice on a line is found at each place in turn.
pub struct Locator<'a> {
    lines: &'a [&'a str],
    /// 0-based line and byte offset to search from, and the characters
    /// before that byte (columns count characters).
    line: usize,
    byte: usize,
    chars: usize,
    /// The last 0-based line the text can be on.
    last: usize,
}

impl<'a> Locator<'a> {
    /// Searching from 1-based `line` and byte column `column` up to line
    /// `last` (1-based, included).
    pub fn new(lines: &'a [&'a str], line: usize, column: usize, last: usize) -> Locator<'a> {
        let line = line.saturating_sub(1);
        let mut byte = column.saturating_sub(1);
        let text = lines.get(line).copied().unwrap_or_default();
        byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte += 1;
        }
        Locator {
            lines,
            line,
            byte,
            chars: text[..byte].chars().count(),
            last: last.saturating_sub(1),
        }
    }

    /// The 1-based line and character column of `word`'s next appearance
    /// as a whole word, or `None` (the cursor stays) if it is not found.
    /// `hint` is how far after the search's start it is expected to be,
    /// in bytes, which is where it nearly always is.
    pub fn find_near(&mut self, word: &str, hint: usize) -> Option<(usize, usize)> {
        let key = word.split(['\'', '’']).next().unwrap_or(word);
        let text = self.lines.get(self.line)?;
        let at = self.byte + hint;
        if text.get(at..).is_some_and(|r| r.starts_with(key))
            && self.is_whole(text, at, at + key.len(), key.len() < word.len())
        {
            return Some(self.advance(self.line, at, at + key.len()));
        }
        self.find(word)
    }

    /// [`Locator::find_near`] without a hint.
    pub fn find(&mut self, word: &str) -> Option<(usize, usize)> {
        // Smart punctuation turns ' into ’: look for the part before it.
        let key = word.split(['\'', '’']).next().unwrap_or(word);
        if key.is_empty() {
            return None;
        }
        let mut line = self.line;
        let mut at = self.byte;
        while line <= self.last {
            let text = self.lines.get(line)?;
            while let Some(off) = text.get(at..).and_then(|r| r.find(key)) {
                let start = at + off;
                let end = start + key.len();
                if self.is_whole(text, start, end, key.len() < word.len()) {
                    return Some(self.advance(line, start, end));
                }
                at = end;
            }
            line += 1;
            at = 0;
        }
        None
    }

    fn is_whole(&self, text: &str, start: usize, end: usize, open_end: bool) -> bool {
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        boundary(text[..start].chars().next_back())
            && (open_end || boundary(text.get(end..).and_then(|r| r.chars().next())))
    }

    /// Moves the cursor past a word found at `start..end` of `line`, and
    /// returns the word's 1-based line and column.
    fn advance(&mut self, line: usize, start: usize, end: usize) -> (usize, usize) {
        let text = self.lines.get(line).copied().unwrap_or_default();
        if line != self.line {
            self.line = line;
            self.byte = 0;
            self.chars = 0;
        }
        let from = self.byte.min(start);
        let column = self.chars + text[from..start].chars().count();
        self.byte = end;
        self.chars = column + text[start..end].chars().count();
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, bool)> {
        words(s).iter().map(|w| (w.text, w.ends_sentence)).collect()
    }

    #[test]
    fn words_skip_addresses_and_find_sentence_ends() {
        assert_eq!(
            texts(
                "Email peer.support@example.org or see https://x.org/a-b or photo.png. Don’t wait!"
            ),
            [
                ("Email", false),
                ("or", false),
                ("see", false),
                ("or", false),
                ("Don’t", false),
                ("wait", true)
            ]
        );
        assert_eq!(
            texts("Talk to Dr. Patel, e.g. about well-being (daily)."),
            [
                ("Talk", false),
                ("to", false),
                ("Dr", false),
                ("Patel", false),
                ("e", false),
                ("g", false),
                ("about", false),
                ("well-being", false),
                ("daily", true)
            ]
        );
    }

    #[test]
    fn ascii_text_is_cut_into_the_same_words_as_any_text() {
        // Every string of up to four of these pieces, cut the fast way and
        // the general way.
        let pieces = [
            "a", "Word", " ", "\t", "\n", "\x0b", ".", "!", "?", ":", "://", "@", "-", "'", "(",
            "\"", "e.g.", "www.", "x.png", "3rd",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        for t in &texts {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            spans_into(t, &mut fast);
            any_spans_into(t, &mut general);
            assert_eq!(fast, general, "{t:?}");
        }
    }

    #[test]
    fn the_locator_finds_whole_words_in_turn() {
        let lines = ["Training in the", "in-house team's rota, in time"];
        let mut l = Locator::new(&lines, 1, 1, 2);
        assert_eq!(l.find("in"), Some((1, 10)));
        assert_eq!(l.find("in-house"), Some((2, 1)));
        assert_eq!(l.find("team’s"), Some((2, 10)));
        assert_eq!(l.find("in"), Some((2, 23)));
        assert_eq!(l.find("nowhere"), None);
        assert_eq!(l.find("time"), Some((2, 26)));
    }
}

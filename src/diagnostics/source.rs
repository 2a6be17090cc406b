//! Where a finding is in its file: a file's lines found once ([`Source`]),
//! the span of a line to underline, and where a piece of markdown starts in
//! its file ([`Origin`]) so positions inside it become the file's.

/// Where a piece of markdown sits in its file, to turn comrak's positions
/// (relative to the markdown) into the file's line and column. A page body
/// starts at column 1; a markdown field starts after `field: `, or on the
/// next lines, indented, for `field: |`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The file's line for the markdown's first line.
    pub first_line: usize,
    /// The file's column for the first line's first character.
    pub first_column: usize,
    /// Columns to add on the following lines (YAML strips the indentation).
    pub indent: usize,
}

impl Origin {
    /// Markdown that starts at the beginning of line `line`.
    pub fn body(line: usize) -> Origin {
        Origin {
            first_line: line,
            first_column: 1,
            indent: 0,
        }
    }

    /// The file's (line, column) for a position in the markdown.
    pub fn map(&self, line: usize, column: usize) -> (usize, usize) {
        let l = self.first_line + line.saturating_sub(1);
        let c = if line <= 1 {
            self.first_column + column.saturating_sub(1)
        } else {
            self.indent + column
        };
        (l, c.max(1))
    }
}

/// A file's text with the start of each line found once, so that printing
/// thousands of findings in one file does not scan it for each.
pub struct Source<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        Source { text, starts }
    }

    /// Line `n` (1-based), without its line ending, as `str::lines` has it.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(self.text.len(), |&e| e - 1);
        let line = self.text.get(start..end)?;
        let line = line.strip_suffix('\n').unwrap_or(line);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The text of the line and the byte span to underline: from the column to
/// the end of the word, or the whole line when the column is 1.
pub(super) fn line_span(text: &str, column: usize) -> Option<(String, std::ops::Range<usize>)> {
    // Show a window of a very long line: the whole of it helps no one, and
    // drawing it for every finding on it is slow.
    const WINDOW: usize = 160;
    if text.trim().is_empty() {
        return None;
    }
    // Columns count characters; in ASCII text they are bytes, found at once.
    let start = if text.is_ascii() {
        Some(column.saturating_sub(1))
            .filter(|c| *c < text.len())
            .unwrap_or(0)
    } else {
        text.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(0, |(i, _)| i)
    };
    let start = if column <= 1 {
        text.len() - text.trim_start().len()
    } else {
        start
    };
    let rest = &text[start..];
    let len = if column <= 1 {
        rest.trim_end().len()
    } else if let Some(n) = markdown_link_len(rest) {
        // A link is marked whole, not only its first word.
        n
    } else {
        // To the next space, but no further than a window's width: a line
        // may have no spaces at all.
        rest.char_indices()
            .take(WINDOW + 1)
            .find(|(_, c)| c.is_whitespace())
            .or_else(|| rest.char_indices().nth(WINDOW))
            .map_or(rest.len(), |(i, _)| i)
    };
    let end = (start + len.max(1)).min(text.len()).max(start);
    if text.len() > WINDOW * 2 {
        let mut from = start.saturating_sub(WINDOW / 2);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        // The marked part can run to the end of a line without spaces.
        let mut to = (start + 1 + WINDOW).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let end = end.min(to);
        return Some((text[from..to].to_string(), start - from..end - from));
    }
    Some((text.to_string(), start..end))
}

/// The length in bytes of the markdown link or image at the start of
/// `text` (`[text](url)`, `![alt](src)`, `[text][ref]`, `[^note]`), if it
/// starts with one that closes on this line.
pub(super) fn markdown_link_len(text: &str) -> Option<usize> {
    let open = if text.starts_with("![") {
        1
    } else if text.starts_with('[') {
        0
    } else {
        return None;
    };
    let bytes = text.as_bytes();
    // The byte after the bracket that closes the one at `from`.
    let close = |from: usize, open: u8, close: u8| -> Option<usize> {
        let mut depth = 0usize;
        let mut i = from;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b if b == open => depth += 1,
                b if b == close => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    };
    let end = close(open, b'[', b']')?;
    let end = match bytes.get(end) {
        Some(b'(') => close(end, b'(', b')').unwrap_or(end),
        Some(b'[') => close(end, b'[', b']').unwrap_or(end),
        _ => end,
    };
    Some(end.min(text.len()))
}

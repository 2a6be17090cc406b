//! The text a page's search record holds: the words inside the element the
//! theme marks `data-search-body`, leaving out elements marked
//! `data-search-ignore` (the feedback form, review dates), scripts and
//! styles. The names themes used when the index was Pagefind's
//! (`data-pagefind-body`, `data-pagefind-ignore`) still work. The navigation, header, footer and urgent-help line are outside
//! the marked element, so no result is found by them alone.
//!
//! A small scanner rather than an HTML parser: Signpost's templates and
//! markdown escape `<` and `>` in text and attribute values, so tags can be
//! found by their brackets; on odd raw HTML the worst outcome is a few extra
//! or missing words in the index, never a panic.

use memchr::{memchr, memchr_iter, memmem, memrchr};

/// The marked content of `html`, or `None` when no element is marked.
pub fn body_region(html: &str) -> Option<&str> {
    let bytes = html.as_bytes();
    // Only in the body: the page's title and description in its head may
    // name the attribute as text.
    let from = memmem::find(bytes, b"<body").unwrap_or(0);
    let body = bytes.get(from..)?;
    // The first `data-search-body`, else the first `data-pagefind-body`.
    let at = memmem::find(body, b"data-search-body")
        .or_else(|| memmem::find(body, b"data-pagefind-body"))?;
    let attr = from + at;
    let open = memrchr(b'<', bytes.get(..attr)?)?;
    let name = tag_name(html.get(open + 1..)?)?;
    let start = attr + memchr(b'>', bytes.get(attr..)?)? + 1;
    let end = start + closing(html.get(start..)?, name)?;
    html.get(start..end)
}

/// The words of an HTML fragment: tags removed (each counts as a space, so
/// list items and cells do not run together), entities decoded, ignored
/// elements dropped, runs of white space made one space. One pass, as
/// every page of a large site goes through it.
pub fn text(fragment: &str) -> String {
    let mut out = Collapsed {
        out: String::with_capacity(fragment.len() / 2),
        space: false,
    };
    let bytes = fragment.as_bytes();
    let mut at = 0;
    while let Some(lt) = bytes.get(at..).and_then(|b| memchr(b'<', b)) {
        let lt = at + lt;
        push_text(&mut out, fragment.get(at..lt).unwrap_or(""));
        let Some(gt) = bytes.get(lt..).and_then(|b| memchr(b'>', b)) else {
            at = bytes.len();
            break;
        };
        let tag = fragment.get(lt..=lt + gt).unwrap_or("");
        at = lt + gt + 1;
        out.space = true;
        if tag.starts_with("<!--") {
            at = bytes
                .get(lt..)
                .and_then(|b| memmem::find(b, b"-->"))
                .map_or(bytes.len(), |e| lt + e + 3);
            continue;
        }
        let Some(name) = tag_name(tag.get(1..).unwrap_or("")) else {
            continue;
        };
        // Most tags are short (`<p>`, `</li>`): only a long one can carry
        // the attribute, so only those are searched for it.
        let skip = matches!(name, "script" | "style" | "template")
            || (tag.len() > 20 && has_ignore(tag.as_bytes()));
        if skip && !tag.ends_with("/>") && !is_void(name) {
            at = fragment
                .get(at..)
                .and_then(|rest| closing(rest, name))
                .map(|end| at + end)
                .and_then(|end| Some(end + memchr(b'>', bytes.get(end..)?)? + 1))
                .unwrap_or(bytes.len());
        }
    }
    push_text(&mut out, fragment.get(at..).unwrap_or(""));
    out.out
}

/// Whether a tag carries `data-search-ignore` (or Pagefind's name for it).
/// Tags are short, and most have no `-ignore` at all.
fn has_ignore(tag: &[u8]) -> bool {
    memchr_iter(b'-', tag).any(|dash| {
        tag.get(dash..dash + 7) == Some(b"-ignore") && {
            let before = tag.get(..dash).unwrap_or(b"");
            before.ends_with(b"data-search") || before.ends_with(b"data-pagefind")
        }
    })
}

/// Text being collected with its white space collapsed as it comes: no
/// space at the start, one for each run, none at the end.
struct Collapsed {
    out: String,
    /// A run of white space (or a tag) since the last character.
    space: bool,
}

impl Collapsed {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
        } else {
            self.flush(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Appends a run with no white space at either end and none doubled.
    fn flush(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(run);
    }
}

/// The name of the tag whose text (after `<`) is `s`, lowercase ASCII
/// letters and digits; `None` for closing tags and declarations.
fn tag_name(s: &str) -> Option<&str> {
    let len = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    (len > 0).then(|| s.get(..len)).flatten()
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Where, in `s` (just after an opening `<name …>`), the matching `</name>`
/// starts, counting nested elements of the same name. One pass over the
/// tags' `<`s.
fn closing(s: &str, name: &str) -> Option<usize> {
    let (bytes, name) = (s.as_bytes(), name.as_bytes());
    let mut depth = 1usize;
    for lt in memchr_iter(b'<', bytes) {
        let (close, from) = match bytes.get(lt + 1) {
            Some(b'/') => (true, lt + 2),
            _ => (false, lt + 1),
        };
        if bytes.get(from..from + name.len()) != Some(name) {
            continue;
        }
        if close {
            depth -= 1;
            if depth == 0 {
                return Some(lt);
            }
        // `<div` must not match `<divider`; `</div` is enough to close.
        } else if matches!(
            bytes.get(from + name.len()),
            Some(b' ' | b'>' | b'\n' | b'\t' | b'/')
        ) {
            depth += 1;
        }
    }
    None
}

/// What a byte of text is to [`push_text`]: part of a word, white space,
/// the start of a character reference, or part of a character beyond
/// ASCII.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const AMP: u8 = 2;
const HIGH: u8 = 3;

const TEXT: [u8; 256] = {
    let mut table = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        // White space as `char::is_whitespace` has it in ASCII.
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => SPACE,
            b'&' => AMP,
            _ => PLAIN,
        };
        b += 1;
    }
    table
};

/// Appends text (between two tags) with its character references decoded
/// and its white space collapsed. Byte by byte, but most bytes only
/// lengthen the run to be copied: a single space between two words is
/// kept in it, so most text is copied a line at a time.
fn push_text(out: &mut Collapsed, s: &str) {
    let bytes = s.as_bytes();
    let class = |i: usize| bytes.get(i).map(|&b| TEXT[usize::from(b)]);
    let (mut from, mut i) = (0, 0);
    while let Some(c) = class(i) {
        match c {
            PLAIN => i += 1,
            SPACE if i > from && bytes.get(i) == Some(&b' ') && class(i + 1) == Some(PLAIN) => {
                i += 2;
            }
            SPACE => {
                out.flush(s.get(from..i).unwrap_or(""));
                out.space = true;
                i += 1;
                from = i;
            }
            AMP => {
                let after = s.get(i..).unwrap_or("");
                // References are short: look no further than 10 bytes for
                // the `;`. One that is not known stays as it is.
                let decoded = after
                    .as_bytes()
                    .iter()
                    .take(11)
                    .position(|&b| b == b';')
                    .and_then(|semi| Some((decode(after.get(1..semi)?)?, semi)));
                match decoded {
                    Some((c, semi)) => {
                        out.flush(s.get(from..i).unwrap_or(""));
                        out.push(c);
                        i += semi + 1;
                        from = i;
                    }
                    None => i += 1,
                }
            }
            // Beyond ASCII: white space (a no-break space) ends the run.
            _ => match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if c.is_whitespace() => {
                    out.flush(s.get(from..i).unwrap_or(""));
                    out.space = true;
                    i += c.len_utf8();
                    from = i;
                }
                c => i += c.map_or(1, char::len_utf8),
            },
        }
    }
    out.flush(s.get(from..).unwrap_or(""));
}

fn decode(entity: &str) -> Option<char> {
    if let Some(num) = entity.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match entity {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "hellip" => '\u{2026}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_names_the_attribute_does_not_hide_the_marked_content() {
        let html = "<html><head><title>Using data-search-body</title>\
            <meta name=\"description\" content=\"data-search-body\"></head>\
            <body><main data-search-body><p>Hello</p></main></body></html>";
        assert_eq!(body_region(html), Some("<p>Hello</p>"));
    }

    const PAGE: &str = "<html><body><nav>Menu words</nav><main id=\"m\">\
        <div class=\"x\" data-search-body><h1>Peer &amp; support</h1><ul><li>one</li><li>two</li></ul>\
        <div><p>nested &#x27;div&#39;</p></div>\
        <section data-search-ignore><div>Was this page useful?</div></section>\
        <script>var hidden = 1;</script><p>last</p></div>\
        <aside>Urgent help</aside></main></body></html>";

    #[test]
    fn only_the_marked_content_is_text_for_the_index() {
        let body = body_region(PAGE).expect("marked");
        assert_eq!(
            text(body),
            "Peer & support one two nested 'div' last",
            "from {body}"
        );
    }

    #[test]
    fn the_names_themes_used_with_pagefind_still_mark_the_content() {
        let old = "<nav>Menu</nav><main data-pagefind-body><p>Kept</p>\
            <div data-pagefind-ignore>Left out</div></main>";
        assert_eq!(body_region(old).map(text).as_deref(), Some("Kept"));
    }

    #[test]
    fn a_void_element_before_a_nested_tag_of_the_same_name_does_not_end_the_ignored_part_early() {
        // `<br>` must not hide the nested `<b>`: the ignored `<b>` ends at its own close.
        assert_eq!(text("<b data-search-ignore>a<br><b>c</b>d</b>e"), "e");
    }

    #[test]
    fn white_space_and_references_collapse_to_single_spaces() {
        assert_eq!(
            text("  a  b\u{a0}c &amp;d &x; e&#32;f\n<br>\tg h&nbsp; "),
            "a b c &d &x; e f g h"
        );
        assert_eq!(text("x<!-- <p>y</p> -->z"), "x z");
    }

    #[test]
    fn a_page_without_the_mark_has_no_body() {
        assert_eq!(body_region("<main><p>Hello</p></main>"), None);
    }

    #[test]
    fn broken_html_gives_some_text_and_no_panic() {
        for s in [
            "<div data-pagefind-body>",
            "<div data-pagefind-body><p>open",
            "a < b & c",
            "<",
            "&#xffffffff; &;",
            "<div data-pagefind-ignore><div>",
        ] {
            let _ = body_region(s);
            let _ = text(s);
        }
        assert_eq!(text("a < b &amp c"), "a");
        assert_eq!(text("x &#xffffffff; y"), "x &#xffffffff; y");
    }
}

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

/// The marked content of `html`, or `None` when no element is marked.
pub fn body_region(html: &str) -> Option<&str> {
    // Only in the body: the page's title and description in its head may
    // name the attribute as text.
    let from = html.find("<body").unwrap_or(0);
    let body = html.get(from..)?;
    // One pass for both names (the first `data-search-body`, else the
    // first `data-pagefind-body`).
    let mut pagefind = None;
    let mut search = None;
    for (at, _) in body.match_indices("data-") {
        let name = body.get(at + 5..).unwrap_or("");
        if name.starts_with("search-body") {
            search = Some(at);
            break;
        }
        if pagefind.is_none() && name.starts_with("pagefind-body") {
            pagefind = Some(at);
        }
    }
    let attr = from + search.or(pagefind)?;
    let open = html.get(..attr)?.rfind('<')?;
    let name = tag_name(html.get(open + 1..)?)?;
    let start = attr + html.get(attr..)?.find('>')? + 1;
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
    let mut rest = fragment;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, rest.get(..lt).unwrap_or(""));
        let after = rest.get(lt..).unwrap_or("");
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after.get(..=gt).unwrap_or("");
        rest = after.get(gt + 1..).unwrap_or("");
        out.space = true;
        if tag.starts_with("<!--") {
            rest = after
                .find("-->")
                .and_then(|e| after.get(e + 3..))
                .unwrap_or("");
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
            rest = closing(rest, name)
                .and_then(|end| rest.get(end..))
                .map_or("", |r| {
                    r.find('>').and_then(|g| r.get(g + 1..)).unwrap_or("")
                });
        }
    }
    push_text(&mut out, rest);
    out.out
}

/// Whether a tag carries `data-search-ignore` (or Pagefind's name for it).
/// A plain loop: tags are short, and most have no `-ignore` at all.
fn has_ignore(tag: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = tag
        .get(at..)
        .and_then(|t| t.iter().position(|&b| b == b'-'))
    {
        let dash = at + i;
        if tag.get(dash..dash + 7) == Some(b"-ignore") {
            let before = tag.get(..dash).unwrap_or(b"");
            if before.ends_with(b"data-search") || before.ends_with(b"data-pagefind") {
                return true;
            }
        }
        at = dash + 1;
    }
    false
}

/// Text being collected with its white space collapsed as it comes: no
/// space at the start, one for each run, none at the end.
struct Collapsed {
    out: String,
    /// A run of white space (or a tag) since the last character.
    space: bool,
}

impl Collapsed {
    fn push_str(&mut self, s: &str) {
        // Most text is plain words with single spaces: taken whole (one
        // pass to check: printable ASCII, no space at either end, none
        // doubled).
        let bytes = s.as_bytes();
        let mut previous = b' ';
        let plain = bytes.iter().all(|&b| {
            let ok = (0x21..0x80).contains(&b) || (b == b' ' && previous != b' ');
            previous = b;
            ok
        }) && previous != b' ';
        if plain {
            self.flush(s);
            return;
        }
        let (mut from, mut i) = (0, 0);
        while let Some(&b) = bytes.get(i) {
            // White space as `char::is_whitespace` has it: ASCII by byte,
            // the rest (no-break and other Unicode spaces) by character.
            let len = if b < 0x80 {
                usize::from(matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '))
            } else {
                match s.get(i..).and_then(|r| r.chars().next()) {
                    Some(c) if c.is_whitespace() => c.len_utf8(),
                    _ => 0,
                }
            };
            if len > 0 {
                self.flush(s.get(from..i).unwrap_or(""));
                self.space = true;
                from = i + len;
                i = from;
            } else {
                i += 1;
            }
        }
        self.flush(s.get(from..).unwrap_or(""));
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
        } else {
            self.flush(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Appends a run with no white space in it.
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
    let bytes = s.as_bytes();
    let mut depth = 1usize;
    let mut at = 0;
    while let Some(lt) = s.get(at..).and_then(|r| r.find('<')) {
        let tag = at + lt + 1;
        let (close, from) = match bytes.get(tag) {
            Some(b'/') => (true, tag + 1),
            _ => (false, tag),
        };
        let named = bytes
            .get(from..from + name.len())
            .is_some_and(|n| n == name.as_bytes());
        // `<div` must not match `<divider`; `</div` is enough to close.
        let ends = matches!(
            bytes.get(from + name.len()),
            Some(b' ' | b'>' | b'\n' | b'\t' | b'/')
        );
        if named && close {
            depth -= 1;
            if depth == 0 {
                return Some(at + lt);
            }
        } else if named && ends {
            depth += 1;
        }
        at = tag;
    }
    None
}

/// Appends text with its character references decoded.
fn push_text(out: &mut Collapsed, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp..).unwrap_or("");
        // References are short: look no further than 10 bytes for the `;`.
        let decoded = after
            .as_bytes()
            .iter()
            .take(11)
            .position(|&b| b == b';')
            .and_then(|semi| Some((decode(after.get(1..semi)?)?, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = after.get(semi + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
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

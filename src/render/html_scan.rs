//! Finding the `id`s and the `href`/`src` addresses in built HTML, for the
//! link checks: a small scanner that minds quotes, comments, scripts and
//! styles, and runs on every page of every build.

/// The `id`s and the `href`/`src` values of an HTML document.
pub fn scan(html: &str) -> (Vec<String>, Vec<String>) {
    let mut ids = Vec::new();
    let mut refs = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        let name_end = html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |e| i + e);
        // Compared without regard to case, never lower-cased: a page has
        // thousands of tags and this runs on every page.
        let name = &html[i..name_end];
        if name.is_empty() || name.starts_with('!') || name.starts_with('?') {
            continue;
        }
        // Attributes until the closing `>`, minding quotes.
        let mut j = name_end;
        while j < bytes.len() && bytes[j] != b'>' {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            let a_start = j;
            while j < bytes.len()
                && !bytes[j].is_ascii_whitespace()
                && !matches!(bytes[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let attr = &html[a_start..j];
            let mut value = None;
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let q = bytes[j];
                    let v_start = j + 1;
                    let v_end = html[v_start..]
                        .find(q as char)
                        .map_or(html.len(), |e| v_start + e);
                    value = Some(&html[v_start..v_end]);
                    j = (v_end + 1).min(html.len());
                } else {
                    let v_start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = Some(&html[v_start..j]);
                }
            }
            if let Some(v) = value {
                if attr.eq_ignore_ascii_case("id") {
                    ids.push(decode_entities(v));
                } else if attr.eq_ignore_ascii_case("href") || attr.eq_ignore_ascii_case("src") {
                    refs.push(decode_entities(v));
                }
            }
            if attr.is_empty() && value.is_none() && j < bytes.len() && bytes[j] != b'>' {
                j += 1;
            }
        }
        i = j.min(html.len());
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
            i = find_closing_tag(html, i, name).unwrap_or(html.len());
        }
    }
    (ids, refs)
}

/// Where `</name` next starts at or after `from`, in any case.
fn find_closing_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(off) = html[at..].find("</") {
        let start = at + off;
        let end = start + 2 + name.len();
        if bytes
            .get(start + 2..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    v.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2f;", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanning_finds_ids_and_addresses_but_not_inside_scripts_or_comments() {
        let html = r#"<h2 id="a">A</h2><!-- <a href="/no/"> --><a class=x href="/p/?a=1&amp;b=2#c">x</a><IMG SRC='i.png' alt=""><script>var s = '<a href="/js/"></b>';</SCRIPT><div ID=b></div>"#;
        let (ids, refs) = scan(html);
        assert_eq!(ids, vec!["a", "b"]);
        assert_eq!(refs, vec!["/p/?a=1&b=2#c", "i.png"]);
    }
}

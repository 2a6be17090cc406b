//! Minification for `signpost build`: smaller HTML and CSS, same pages.
//!
//! HTML is minified once, in the theme's templates as they are loaded, not in
//! every page: all the indentation and comments of a built page come from
//! the templates (comrak's HTML has none), so this costs nothing per page.
//! It knows about minijinja: `{{ … }}`, `{% … %}` and `{# … #}` are kept as
//! written. Line breaks are kept too, so a template mistake is still reported
//! on the right line. Stylesheets are minified with the `minifier` crate.

/// Elements whose text is shown or run exactly as written.
const VERBATIM: &[&str] = &["pre", "textarea", "script", "style"];

/// Removes HTML comments, indentation and runs of spaces from a template's
/// text, outside tags, `VERBATIM` elements and template syntax.
pub fn template(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    // Copies `source[i..end]` and moves on.
    let copy_to = |out: &mut String, i: &mut usize, end: usize| {
        out.push_str(&source[*i..end]);
        *i = end;
    };
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("{%") && raw_block(rest) {
            let end = find_after(source, i, "{% endraw %}")
                .or_else(|| find_after(source, i, "{%- endraw -%}"))
                .unwrap_or(bytes.len());
            copy_to(&mut out, &mut i, end);
        } else if let Some(close) = jinja_close(rest) {
            let end = find_after(source, i + 2, close).unwrap_or(bytes.len());
            copy_to(&mut out, &mut i, end);
        } else if rest.starts_with("<!--") {
            // Comments go, but their line breaks stay for the line numbers.
            let end = find_after(source, i, "-->").unwrap_or(bytes.len());
            out.extend(source[i..end].chars().filter(|c| *c == '\n'));
            i = end;
        } else if bytes[i] == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let end = tag_end(source, i);
            let name = tag_name(&source[i + 1..end]);
            copy_to(&mut out, &mut i, end);
            if let Some(v) = VERBATIM.iter().find(|v| name.eq_ignore_ascii_case(v)) {
                let close = find_close_tag(source, i, v).unwrap_or(bytes.len());
                copy_to(&mut out, &mut i, close);
            }
        } else if bytes[i].is_ascii_whitespace() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let newlines = source[start..i].matches('\n').count();
            if newlines == 0 {
                out.push(' ');
            } else {
                out.extend(std::iter::repeat_n('\n', newlines));
            }
        } else {
            let end = i + rest.chars().next().map_or(1, char::len_utf8);
            copy_to(&mut out, &mut i, end);
        }
    }
    out
}

/// The stylesheet, minified; `None` if it could not be understood, when it
/// is better copied as it is.
pub fn css(source: &str) -> Option<String> {
    minifier::css::minify(source).ok().map(|m| m.to_string())
}

/// The bytes of a static file as they will be written: stylesheets minified
/// when `minify` is on, everything else as it is.
pub fn static_file(rel: &str, bytes: Vec<u8>, minify: bool) -> Vec<u8> {
    if !minify || !rel.ends_with(".css") {
        return bytes;
    }
    std::str::from_utf8(&bytes)
        .ok()
        .and_then(css)
        .map_or(bytes, String::into_bytes)
}

/// The closing delimiter when `rest` opens template syntax.
fn jinja_close(rest: &str) -> Option<&'static str> {
    match rest.get(..2)? {
        "{{" => Some("}}"),
        "{%" => Some("%}"),
        "{#" => Some("#}"),
        _ => None,
    }
}

/// Whether `rest` starts with `{% raw %}` (with or without `-`).
fn raw_block(rest: &str) -> bool {
    let inner = rest
        .get(2..)
        .unwrap_or("")
        .trim_start_matches('-')
        .trim_start();
    inner.starts_with("raw")
        && inner[3..]
            .trim_start()
            .trim_start_matches('-')
            .starts_with("%}")
}

/// The index just after the first `needle` at or after `from`.
fn find_after(source: &str, from: usize, needle: &str) -> Option<usize> {
    source[from..].find(needle).map(|p| from + p + needle.len())
}

/// The index just after the `>` that ends the tag starting at `start`,
/// skipping quoted attribute values and template syntax.
fn tag_end(source: &str, start: usize) -> usize {
    let bytes = source.as_bytes();
    let mut i = start + 1;
    let mut quote = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {
                if let Some(close) = jinja_close(&source[i..]) {
                    i = find_after(source, i + 2, close).unwrap_or(bytes.len());
                    continue;
                }
            }
        }
        i += 1;
    }
    bytes.len()
}

/// `pre class="x"` → `pre`.
fn tag_name(tag: &str) -> &str {
    let end = tag
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(tag.len());
    &tag[..end]
}

/// Where `</name` starts, at or after `from`, ignoring case.
fn find_close_tag(source: &str, from: usize, name: &str) -> Option<usize> {
    let lower = source[from..].to_ascii_lowercase();
    lower.find(&format!("</{name}")).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_and_comments_go_but_line_breaks_stay() {
        let src = "<ul>\n    <li>One</li>\n    <!-- note\n -->\n    <li>Two  words</li>\n</ul>\n";
        let min = template(src);
        assert_eq!(min, "<ul>\n<li>One</li>\n\n\n<li>Two words</li>\n</ul>\n");
        assert_eq!(src.lines().count(), min.lines().count());
    }

    #[test]
    fn template_syntax_is_kept_as_written() {
        let src = "<p>{{ \"a   b\" }}  {% if x  >  1 %}x{% endif %} {#  c  #}</p>";
        assert_eq!(
            template(src),
            "<p>{{ \"a   b\" }} {% if x  >  1 %}x{% endif %} {#  c  #}</p>"
        );
    }

    #[test]
    fn raw_blocks_are_kept_as_written() {
        let src = "{% raw %}  a   {{ b }}  {% endraw %}  c";
        assert_eq!(template(src), "{% raw %}  a   {{ b }}  {% endraw %} c");
    }

    #[test]
    fn preformatted_text_scripts_and_styles_are_kept_as_written() {
        let src = "<PRE class=\"x\">  a\n    b</PRE>  <textarea>\n  x  </textarea>\n  <script>\n  if (a  <  b) {}\n</script>";
        assert_eq!(
            template(src),
            "<PRE class=\"x\">  a\n    b</PRE> <textarea>\n  x  </textarea>\n<script>\n  if (a  <  b) {}\n</script>"
        );
    }

    #[test]
    fn attribute_values_are_kept_as_written() {
        let src = "<a  title=\"a  >  b\"  href=\"{{ url('/') }}\">x</a>";
        assert_eq!(template(src), src);
    }

    #[test]
    fn unfinished_syntax_does_not_panic() {
        for src in [
            "<", "<a", "{{", "{% raw", "<!--", "<pre>", "é  <é", "{%raw%}",
        ] {
            template(src);
        }
    }

    #[test]
    fn stylesheets_lose_comments_and_spaces() {
        let min = css("/* c */\nbody {\n  color: #212b32;\n  padding: calc(1rem + 4px);\n}\n")
            .unwrap_or_default();
        assert!(min.contains("body{color:#212b32;"), "{min}");
        assert!(min.contains("calc(1rem + 4px)"), "{min}");
        assert!(!min.contains("/*"), "{min}");
    }

    #[test]
    fn only_stylesheets_are_changed_and_only_when_asked() {
        let css = b"a {  color: red; }".to_vec();
        assert_eq!(static_file("x.css", css.clone(), false), css);
        assert_ne!(static_file("x.css", css.clone(), true), css);
        assert_eq!(static_file("x.js", css.clone(), true), css);
    }
}

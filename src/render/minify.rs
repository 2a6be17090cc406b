//! Minification for `signpost build`: smaller HTML and CSS, same pages.
//!
//! HTML is minified once, in the theme's templates as they are loaded, not in
//! every page: all the indentation and comments of a built page come from
//! the templates (comrak's HTML has none), so this costs nothing per page.
//!
//! It is careful rather than thorough. It takes out indentation and spaces
//! before tags and template blocks, and comments; it leaves alone text,
//! tags, template syntax (`{{ … }}`, `{% … %}`, `{# … #}`, `{% raw %}`),
//! comments holding template code, and whatever is inside `pre`,
//! `textarea`, `script` and `style`. Line breaks are kept, so a template
//! mistake is still reported on the right line, and so is any whitespace
//! that the template settings (`trim_blocks`) would otherwise turn into
//! none. Stylesheets are minified with the `minifier` crate.

/// Elements whose text is shown or run exactly as written.
const VERBATIM: &[&str] = &["pre", "textarea", "script", "style"];

/// Removes HTML comments and the indentation before tags and template
/// blocks from a template's source; see the module's documentation.
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
            // Browsers also end a comment at `--!>`.
            let end = [find_after(source, i, "-->"), find_after(source, i, "--!>")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(bytes.len());
            let comment = &source[i..end];
            if ["{{", "{%", "{#"].iter().any(|t| comment.contains(t)) {
                // Template code in a comment still runs.
                copy_to(&mut out, &mut i, end);
            } else {
                // An empty comment keeps the line breaks (for line numbers)
                // without adding whitespace where there was none; and stays
                // where taking it out would let template whitespace control
                // (`-}}`, `{%-`, `trim_blocks`) reach the whitespace beside it.
                let newlines = comment.matches('\n').count();
                let before = out.trim_end_matches(|c: char| c.is_ascii_whitespace());
                let after = source[end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
                let touches_template = before.is_empty()
                    || after.is_empty()
                    || ["}}", "%}", "#}"].iter().any(|t| before.ends_with(t))
                    || ["{%", "{#", "{{-"].iter().any(|t| after.starts_with(t));
                if newlines > 0 || touches_template {
                    out.push_str("<!--");
                    out.extend(std::iter::repeat_n('\n', newlines));
                    out.push_str("-->");
                }
                i = end;
            }
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
            let run = &source[start..i];
            let next = &source[i..];
            // Only before a tag or a template block: whitespace before text
            // may be the contents of a `pre` in another template, and at the
            // end of a partial it may be the space after it. A lone `\r` is
            // a line break to minijinja; such rare files are left alone.
            let before_markup =
                next.starts_with('<') || next.starts_with("{%") || next.starts_with("{#");
            let lone_cr = run.replace("\r\n", "").contains('\r');
            if !before_markup || lone_cr {
                out.push_str(run);
                continue;
            }
            let newlines = run.matches('\n').count();
            let after_block = out.ends_with("%}") || out.ends_with("#}");
            if newlines == 0 {
                out.push(' ');
            } else if after_block && !run.starts_with('\n') && !run.starts_with("\r\n") {
                // `trim_blocks` only drops a line break right after a block
                // tag, so the space before it must stay before it.
                out.push(' ');
                out.extend(std::iter::repeat_n('\n', newlines));
            } else {
                out.extend(std::iter::repeat_n('\n', newlines));
                // `trim_blocks` drops the one line break after a block tag;
                // the indentation that followed it was still a space.
                let only_break = run == "\n" || run == "\r\n";
                if after_block && newlines == 1 && !only_break {
                    out.push(' ');
                }
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
        // Template syntax, even inside quotes, may hold `>` or quotes.
        if b == b'{'
            && let Some(close) = jinja_close(&source[i..])
        {
            i = find_after(source, i + 2, close).unwrap_or(bytes.len());
            continue;
        }
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
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
        let src = "<ul>\n    <li>One</li>\n    <!-- note\n -->\n    <li>Two  words</li> <!-- x -->\n</ul>\n";
        let min = template(src);
        assert_eq!(
            min,
            "<ul>\n<li>One</li>\n<!--\n-->\n<li>Two  words</li> \n</ul>\n"
        );
        assert_eq!(src.lines().count(), min.lines().count());
    }

    #[test]
    fn a_comment_between_inline_blocks_adds_no_space() {
        let min = template("<span>a</span><!--\n--><span>b</span>");
        assert_eq!(min, "<span>a</span><!--\n--><span>b</span>");
    }

    #[test]
    fn comments_holding_template_code_are_kept() {
        let src = "<!-- {% set label = \"Menu\" %} --><button>{{ label }}</button>";
        assert_eq!(template(src), src);
    }

    #[test]
    fn whitespace_before_text_is_kept_for_pre_blocks_filled_elsewhere() {
        let src = "{% block code %}fn main() {\n    println!();\n}{% endblock %}";
        assert_eq!(template(src), src);
    }

    #[test]
    fn the_space_after_a_trimmed_block_tag_survives() {
        // `trim_blocks` eats the line break after `%}`; the indentation
        // after it was the space between "1 Dec" and "Reviewed".
        let min =
            template("<p>\n  {% if d %}Published {{ d }}{% endif %}\n  <span>Reviewed</span>");
        assert_eq!(
            min,
            "<p>\n{% if d %}Published {{ d }}{% endif %}\n <span>Reviewed</span>"
        );
        // With nothing after the line break, there was no space to keep.
        assert_eq!(template("{% endif %}\n<span>"), "{% endif %}\n<span>");
    }

    #[test]
    fn template_syntax_is_kept_as_written() {
        let src = "<p>{{ \"a   b\" }}  {% if x  >  1 %}x{% endif %}   {#  c  #}</p>";
        assert_eq!(
            template(src),
            "<p>{{ \"a   b\" }} {% if x  >  1 %}x{% endif %} {#  c  #}</p>"
        );
    }

    #[test]
    fn raw_blocks_are_kept_as_written() {
        let src = "{% raw %}  a   {{ b }}  {% endraw %}  <c>";
        assert_eq!(template(src), "{% raw %}  a   {{ b }}  {% endraw %} <c>");
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
        let src = "<nav aria-label=\"{{ crumbs | join(\"  >  \") }}\">  <a>x</a></nav>";
        assert_eq!(
            template(src),
            "<nav aria-label=\"{{ crumbs | join(\"  >  \") }}\"> <a>x</a></nav>"
        );
    }

    #[test]
    fn unfinished_syntax_and_any_text_do_not_panic() {
        for src in [
            "<",
            "<a",
            "{{",
            "{% raw",
            "<!--",
            "<pre>",
            "é  <é",
            "{%raw%}",
            "<a title=Café>x</a>",
            "3 <b é",
            "<a {{",
            "<a \"é",
            "<p>\u{1F600}  <b>",
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

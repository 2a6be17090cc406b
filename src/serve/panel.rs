//! What the preview adds to the top of each page about the site's
//! findings: a red panel for mistakes (they stop publishing), and a
//! collapsed list of warnings (they do not), each linked to its page.

use std::collections::HashMap;
use std::path::PathBuf;

use super::http::escape;
use crate::diagnostics::Diagnostic;

/// Warnings listed in the page; the rest are counted.
pub const MAX_LISTED: usize = 100;

/// An accessible panel listing every mistake, shown at the top of each page.
pub fn error_panel(diags: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let mut s = String::from(
        "<div id=\"signpost-errors\" role=\"alert\" aria-labelledby=\"signpost-errors-title\" style=\"position:relative;z-index:2147483647;margin:0;padding:24px;background:#ffffff;color:#212b32;border:6px solid #d5281b;font:19px/1.5 Arial,Helvetica,sans-serif\">",
    );
    let n = errors.len();
    s.push_str(&format!(
        "<h2 id=\"signpost-errors-title\" style=\"margin:0 0 12px;font-size:27px;color:#212b32\">The site has {n} {} to fix</h2><p style=\"margin:0 0 12px\">You are seeing the last version that worked. Save the file once it is fixed and this page will update by itself.</p><ol style=\"margin:0;padding-left:24px\">",
        if n == 1 { "mistake" } else { "mistakes" }
    ));
    for d in errors {
        let mut place = escape(&d.file.to_string_lossy().replace('\\', "/"));
        if let Some(line) = d.line {
            place.push_str(&format!(", line {line}"));
        }
        if let Some(field) = &d.field {
            place.push_str(&format!(", field <code>{}</code>", escape(field)));
        }
        s.push_str(&format!(
            "<li style=\"margin-bottom:12px\"><strong>{place}</strong><br>{}",
            with_code(&d.message)
        ));
        if let Some(help) = &d.help {
            s.push_str(&format!(
                "<br><span style=\"color:#4c6272\">What to do: {}</span>",
                with_code(help)
            ));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></div>");
    s
}

/// Escapes a message for HTML, showing its `backtick` spans as code the
/// way markdown does: a run of backticks opens a span that the next run of
/// the same length closes; a run with no partner is shown as it is.
pub fn with_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push_str(&escape(&rest[..open]));
        let after_open = &rest[open..];
        let ticks = after_open.len() - after_open.trim_start_matches('`').len();
        let inner_start = &after_open[ticks..];
        match closing_run(inner_start, ticks) {
            Some(close) => {
                let code = &inner_start[..close];
                // Markdown drops one space each side when both are there.
                let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                    Some(inner) if !inner.trim().is_empty() => inner,
                    _ => code,
                };
                out.push_str("<code>");
                out.push_str(&escape(code));
                out.push_str("</code>");
                rest = &inner_start[close + ticks..];
            }
            None => {
                out.push_str(&after_open[..ticks]);
                rest = inner_start;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

/// Where a run of exactly `ticks` backticks starts in `s`.
fn closing_run(s: &str, ticks: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == ticks {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Each page's source file → its address in the preview and its title.
pub type PageLinks = HashMap<PathBuf, (String, String)>;

/// A collapsed list of every warning, at the top of the page but not in
/// the way: one line until it is opened. Each entry links to its page.
pub fn warnings_list(diags: &[Diagnostic], pages: &PageLinks) -> String {
    let warnings: Vec<&Diagnostic> = diags.iter().filter(|d| !d.is_error()).collect();
    let n = warnings.len();
    if n == 0 {
        return String::new();
    }
    let mut s = format!(
        "<aside id=\"signpost-warnings\" aria-label=\"Warnings from the Signpost preview\" style=\"margin:0;padding:0;background:#ffffff;color:#212b32;font:16px/1.5 Arial,Helvetica,sans-serif;border-bottom:4px solid #ffeb3b\"><details style=\"margin:0\"><summary style=\"cursor:pointer;padding:8px 16px;background:#fff9c4;color:#212b32;font-weight:bold\">The site has {} (they do not stop it being published)</summary><div style=\"max-height:60vh;overflow:auto;padding:8px 16px 16px\"><ol style=\"margin:0;padding-left:24px\">",
        if n == 1 {
            "1 warning".to_string()
        } else {
            format!("{n} warnings")
        }
    );
    for d in warnings.iter().take(MAX_LISTED) {
        let file = d.file.to_string_lossy().replace('\\', "/");
        let mut place = escape(&file);
        if let Some(line) = d.line {
            place.push_str(&format!(", line {line}"));
        }
        let page = match pages.get(&d.file) {
            Some((url, title)) => format!(
                "<a href=\"{}\" style=\"color:#005eb8\">{}</a> ",
                escape(url),
                escape(title)
            ),
            None => String::new(),
        };
        s.push_str(&format!(
            "<li style=\"margin-bottom:8px\">{page}<span style=\"color:#4c6272\">({place})</span><br>{}",
            with_code(&d.message)
        ));
        if let Some(help) = &d.help {
            s.push_str(&format!("<br>What to do: {}", with_code(help)));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol>");
    if n > MAX_LISTED {
        s.push_str(&format!(
            "<p style=\"margin:8px 0 0\">And {} more: run <code>signpost check</code> to see them all.</p>",
            n - MAX_LISTED
        ));
    }
    s.push_str("</div></details></aside>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_in_messages_become_code_and_everything_else_is_escaped() {
        assert_eq!(
            with_code("`sumary` is not a field of a `page` page"),
            "<code>sumary</code> is not a field of a <code>page</code> page"
        );
        assert_eq!(
            with_code("write `<b>` as ``a`b`` or `` `x` ``"),
            "write <code>&lt;b&gt;</code> as <code>a`b</code> or <code>`x`</code>"
        );
        assert_eq!(
            with_code("a lone ` tick & <i>"),
            "a lone ` tick &amp; &lt;i&gt;"
        );
        assert_eq!(with_code("``"), "``");
        assert_eq!(with_code("` `"), "<code> </code>");
        assert_eq!(with_code("é`ü`"), "é<code>ü</code>");
    }

    #[test]
    fn warnings_are_listed_collapsed_with_links_and_errors_are_not() {
        let diags = vec![
            Diagnostic::warning(
                "link/click-here",
                "content/a.md",
                "Say where `click here` goes",
            )
            .at(4, 2)
            .help("Use the page's name"),
            Diagnostic::warning("x", "site.yaml", "Site-wide <thing>"),
            Diagnostic::error("y", "content/a.md", "An error"),
        ];
        let mut pages = PageLinks::new();
        pages.insert(
            PathBuf::from("content/a.md"),
            ("/a/".into(), "Page \"A\"".into()),
        );
        let html = warnings_list(&diags, &pages);
        assert!(
            html.starts_with("<aside id=\"signpost-warnings\""),
            "{html}"
        );
        assert!(
            html.contains("<details") && !html.contains("<details open"),
            "{html}"
        );
        assert!(html.contains("The site has 2 warnings"), "{html}");
        assert!(
            html.contains("<a href=\"/a/\" style=\"color:#005eb8\">Page &quot;A&quot;</a> <span"),
            "{html}"
        );
        assert!(html.contains("(content/a.md, line 4)"), "{html}");
        assert!(
            html.contains("Say where <code>click here</code> goes"),
            "{html}"
        );
        assert!(
            html.contains("(site.yaml)</span><br>Site-wide &lt;thing&gt;"),
            "{html}"
        );
        assert!(!html.contains("An error"), "{html}");
        assert_eq!(warnings_list(&diags[2..], &pages), "");
        let many: Vec<Diagnostic> = (0..150)
            .map(|i| Diagnostic::warning("x", "content/a.md", format!("w{i}")))
            .collect();
        let html = warnings_list(&many, &pages);
        assert_eq!(html.matches("<li").count(), MAX_LISTED);
        assert!(
            html.contains("And 50 more: run <code>signpost check</code>"),
            "{html}"
        );
    }
}

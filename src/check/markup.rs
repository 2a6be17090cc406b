//! Markup that will not show as the editor meant: a footnote reference
//! (`[^9]`) with no `[^9]:` line, which shows as the literal text, and raw
//! HTML on a site that does not allow it, which shows as text with its
//! angle brackets.

use comrak::nodes::{AstNode, NodeValue};

use crate::diagnostics::Diagnostic;
use crate::markdown::{LintContext, Pass};

/// Runs both checks over one piece of markdown.
/// The markup rules (footnotes, raw HTML) as a pass of the markdown stage;
/// raw HTML is allowed when `markdown.allow_html` is set.
pub struct MarkupRules {
    pub allow_html: bool,
}

impl Pass for MarkupRules {
    fn markdown<'a>(
        &self,
        root: &'a AstNode<'a>,
        _text: &str,
        ctx: &LintContext<'_>,
    ) -> Vec<Diagnostic> {
        lint(root, ctx, self.allow_html)
    }
}

pub fn lint<'a>(root: &'a AstNode<'a>, ctx: &LintContext<'_>, allow_html: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    footnotes(root, ctx, &mut out);
    if !allow_html {
        raw_html(root, ctx, &mut out);
    }
    out
}

/// `[^label]` left as text: comrak keeps a reference with no definition
/// as the characters the editor typed, often over several text nodes.
fn footnotes<'a>(root: &'a AstNode<'a>, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for node in root.descendants() {
        // Each run of text starts at the first text node after a non-text one.
        let is_text = |n: &AstNode<'_>| matches!(n.data().value, NodeValue::Text(_));
        if !is_text(node) || node.previous_sibling().is_some_and(is_text) {
            continue;
        }
        let pos = node.data().sourcepos.start;
        let mut run = String::new();
        let mut n = Some(node);
        while let Some(t) = n.filter(|t| is_text(t)) {
            if let NodeValue::Text(s) = &t.data().value {
                run.push_str(s);
            }
            n = t.next_sibling();
        }
        let mut from = 0;
        while let Some(i) = run.get(from..).and_then(|r| r.find("[^")) {
            let start = from + i;
            let rest = &run[start + 2..];
            let Some(end) = rest.find(']') else { break };
            let label = &rest[..end];
            from = start + 2 + end;
            // `[^9]: text` is a definition comrak did not take (not at the
            // start of a line); a label has no spaces.
            if label.is_empty()
                || label.contains(char::is_whitespace)
                || rest[end + 1..].starts_with(':')
            {
                continue;
            }
            let column = pos.column + run[..start].chars().count();
            let (line, column) = ctx.origin.map(pos.line, column);
            out.push(
                Diagnostic::warning(
                    "markdown/footnote-missing",
                    ctx.file,
                    format!("The footnote `[^{label}]` has no `[^{label}]:` line, so it is shown as the text \"[^{label}]\""),
                )
                .at(line, column)
                .help(format!(
                    "Add a line `[^{label}]: The note.` below the paragraph (with a blank line before it), or remove the reference."
                )),
            );
        }
    }
}

/// HTML typed into the page: shown as text, so say what to write instead.
fn raw_html<'a>(root: &'a AstNode<'a>, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for node in root.descendants() {
        let data = node.data();
        let html = match &data.value {
            NodeValue::HtmlInline(s) => s.as_str(),
            NodeValue::HtmlBlock(b) => b.literal.as_str(),
            _ => continue,
        };
        let tag = html.trim_start();
        // One finding per element: its closing tag adds nothing.
        if tag.starts_with("</") {
            continue;
        }
        let first_line = tag.lines().next().unwrap_or_default().trim_end();
        let shown: String = first_line.chars().take(60).collect();
        let shown = if shown.len() < first_line.len() {
            format!("{shown}…")
        } else {
            shown
        };
        let pos = data.sourcepos.start;
        let (line, column) = ctx.origin.map(pos.line, pos.column);
        out.push(
            Diagnostic::warning(
                "markdown/raw-html",
                ctx.file,
                format!("This HTML is shown as text, with its angle brackets, because the site does not allow HTML in pages: `{shown}`"),
            )
            .at(line, column)
            .help(instead(tag)),
        );
    }
}

/// How to write what a tag does in markdown.
fn instead(tag: &str) -> String {
    if tag.starts_with("<!--") {
        return "A comment is shown on the page: remove it.".into();
    }
    let name: String = tag
        .trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let markdown = match name.as_str() {
        "b" | "strong" => "For bold, write `**bold words**`.",
        "i" | "em" => "For italics, write `*words*`.",
        "a" => "For a link, write `[what the link is about](address)`.",
        "img" => "For an image, write `![what it shows](photo.jpg)`.",
        "br" => {
            "For a new line, end the line with a backslash `\\`; for a new paragraph, leave a blank line."
        }
        "p" | "div" => "Leave a blank line between paragraphs; no tags are needed.",
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            "For a heading, start the line with `##` (or `###` for a heading below it)."
        }
        "ul" | "ol" | "li" => "For a list, start each item's line with `- ` (or `1. `).",
        "table" | "tr" | "td" | "th" | "thead" | "tbody" => {
            "For a table, write the rows with `|` between the columns and a `| --- |` line under the headings."
        }
        "code" | "pre" => "For code, put it between backticks: `` `code` ``.",
        "blockquote" => "For a quotation, start each line with `> `.",
        "hr" => {
            "For a dividing line, write `---` on a line of its own, with blank lines around it."
        }
        "span" | "abbr" | "sup" | "sub" | "u" | "font" | "mark" => {
            "Markdown has no way to write this: write the text without the tag."
        }
        _ => "Write the text without the tag, using markdown for bold, links, lists and headings.",
    };
    format!(
        "{markdown} (If whoever looks after the site wants HTML in pages, `markdown: {{ allow_html: true }}` in `site.yaml` turns it on.)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use comrak::{Arena, Options, parse_document};
    use std::path::Path;

    fn findings(md: &str, allow_html: bool) -> Vec<(usize, usize, &'static str)> {
        let arena = Arena::new();
        let mut options = Options::default();
        options.extension.footnotes = true;
        options.parse.smart = true;
        let root = parse_document(&arena, md, &options);
        let ctx = LintContext {
            file: Path::new("content/a.md"),
            origin: crate::diagnostics::Origin::body(5),
            decorative: &[],
            is_body: true,
        };
        lint(root, &ctx, allow_html)
            .into_iter()
            .map(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0), d.code))
            .collect()
    }

    #[test]
    fn a_footnote_reference_without_a_definition_is_found_where_it_is() {
        assert_eq!(
            findings("One.[^1] Two.[^9]\n\n[^1]: A note.\n", false),
            [(5, 14, "markdown/footnote-missing")]
        );
        assert_eq!(findings("Text `[^9]` in code.\n", false), []);
        assert_eq!(findings("A [^not a label] here.\n", false), []);
    }

    #[test]
    fn raw_html_is_found_once_per_element_unless_allowed() {
        let md = "Some <b>bold</b> text.\n\n<div class=\"x\">\nblock\n</div>\n";
        assert_eq!(
            findings(md, false),
            [(5, 6, "markdown/raw-html"), (7, 1, "markdown/raw-html")]
        );
        assert_eq!(findings(md, true), []);
        assert!(instead("<br>").contains("backslash"));
        assert!(instead("<STRONG>").contains("**bold words**"));
    }
}

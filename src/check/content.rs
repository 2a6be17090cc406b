//! Accessibility lints on a page's markdown, run on comrak's syntax tree so
//! every finding points at a line and column of the markdown file: images
//! without useful alt text, skipped heading levels, link text that makes no
//! sense out of context, tables without headers, long runs of capitals,
//! links to documents that do not say what they are.

use std::collections::BTreeMap;

use comrak::nodes::{AstNode, NodeValue};

use crate::diagnostics::Diagnostic;
use crate::markdown::{LintContext, Pass, collect_text};

/// Link text that means nothing out of context (compared lower-case,
/// without punctuation).
const AMBIGUOUS: &[&str] = &[
    "click here",
    "here",
    "click",
    "read more",
    "more",
    "link",
    "this link",
    "this page",
    "find out more",
    "learn more",
    "more info",
    "more information",
    "continue",
    "go",
];

/// Document types whose links should say what they are.
const DOCUMENTS: &[(&str, &[&str])] = &[
    ("pdf", &["pdf"]),
    ("doc", &["word", "doc"]),
    ("docx", &["word", "docx"]),
    ("odt", &["odt", "opendocument"]),
    ("rtf", &["rtf"]),
    ("xls", &["excel", "xls", "spreadsheet"]),
    ("xlsx", &["excel", "xlsx", "spreadsheet"]),
    ("ods", &["ods", "spreadsheet"]),
    ("csv", &["csv", "spreadsheet"]),
    ("ppt", &["powerpoint", "ppt", "slides"]),
    ("pptx", &["powerpoint", "pptx", "slides"]),
    ("zip", &["zip"]),
];

pub const ALT_MAX: usize = 125;
/// This many capitalised words in a row are hard to read.
pub const CAPS_WORDS: usize = 4;

/// Runs every lint over the tree.
/// The content rules (headings, links, images, tables, capitals) as a pass
/// of the markdown stage.
pub struct ContentRules;

impl Pass for ContentRules {
    fn markdown<'a>(
        &self,
        root: &'a AstNode<'a>,
        _text: &str,
        ctx: &LintContext<'_>,
    ) -> Vec<Diagnostic> {
        lint(root, ctx)
    }
}

pub fn lint<'a>(root: &'a AstNode<'a>, ctx: &LintContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut last_level = 1u8;
    // Link text → (destination, line) of its first use, for the duplicate check.
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for node in root.descendants() {
        let pos = node.data().sourcepos;
        let (line, column) = ctx.origin.map(pos.start.line, pos.start.column);
        let at = |d: Diagnostic| d.at(line, column);
        // Borrowed, not cloned: this runs on every node of every page.
        let data = node.data();
        match &data.value {
            NodeValue::Heading(h) => {
                let text = collect_text(node);
                if h.level == 1 {
                    out.push(at(Diagnostic::error(
                        "a11y/heading-h1",
                        ctx.file,
                        format!("`# {}` makes a second main heading: the page title is already the main heading", text.trim()),
                    )
                    .help("Start headings in the page text at `##`.")));
                } else if h.level > last_level + 1 {
                    out.push(at(Diagnostic::error(
                        "a11y/heading-skip",
                        ctx.file,
                        format!(
                            "This heading jumps from level {last_level} to level {}, skipping a level",
                            h.level
                        ),
                    )
                    .help(format!(
                        "Use {} for this heading, so people using screen readers can follow the page's structure.",
                        "#".repeat(usize::from(last_level) + 1)
                    ))));
                }
                if text.trim().is_empty() {
                    out.push(at(Diagnostic::error(
                        "a11y/heading-empty",
                        ctx.file,
                        "This heading has no text",
                    )
                    .help(
                        "Write the heading's text after the `#` signs, or remove the line.",
                    )));
                }
                last_level = h.level;
            }
            NodeValue::Image(link) => {
                lint_image(&link.url, &collect_text(node), ctx, &mut out, line, column)
            }
            NodeValue::Link(link) => {
                let text = collect_text(node);
                let has_image = node
                    .descendants()
                    .any(|n| matches!(n.data().value, NodeValue::Image(_)));
                lint_link(&link.url, &text, has_image, ctx, &mut out, line, column);
                let key = normalise(&text);
                if !key.is_empty() && !has_image {
                    let dest = link.url.split('#').next().unwrap_or_default().to_string();
                    match texts.get(&key) {
                        Some(first) if *first != dest => out.push(at(Diagnostic::warning(
                            "a11y/link-text-duplicate",
                            ctx.file,
                            format!("The link text \"{}\" is used for two different places on this page", text.trim()),
                        )
                        .help("Make each link's text say where it goes, so the two can be told apart."))),
                        Some(_) => {}
                        None => {
                            texts.insert(key, dest);
                        }
                    }
                }
            }
            NodeValue::Table(_) => {
                let header_empty = node
                    .first_child()
                    .filter(|r| matches!(r.data().value, NodeValue::TableRow(true)))
                    .is_none_or(|r| r.children().all(|c| collect_text(c).trim().is_empty()));
                if header_empty {
                    out.push(at(Diagnostic::error("a11y/table-header", ctx.file, "This table has no header row")
                        .help("Write a heading for each column in the table's first row, above the `| --- |` line.")));
                }
            }
            NodeValue::Text(t) => {
                if let Some((offset, run)) = caps_run(t) {
                    // A text node is on one line: point at the capitals themselves.
                    out.push(Diagnostic::warning(
                        "a11y/all-caps",
                        ctx.file,
                        format!("\"{run}\" is written in capital letters, which is hard to read and may be read out letter by letter"),
                    )
                    .at(line, column + offset)
                    .help("Write it in sentence case; use **bold** if it needs to stand out."));
                }
            }
            _ => {}
        }
    }
    out
}

fn lint_image(
    url: &str,
    alt: &str,
    ctx: &LintContext<'_>,
    out: &mut Vec<Diagnostic>,
    line: usize,
    column: usize,
) {
    let alt = alt.trim();
    let file = url.rsplit('/').next().unwrap_or(url);
    if alt.is_empty() {
        if !ctx.decorative.iter().any(|d| d == file || d == url) {
            out.push(
                Diagnostic::error("a11y/image-alt", ctx.file, format!("The image `{file}` has no alt text"))
                    .at(line, column)
                    .help(format!(
                        "Describe the image between the square brackets: `![What the image shows]({url})`. If it is only decoration, list `{file}` under `decorative_images:` in the front matter."
                    )),
            );
        }
        return;
    }
    let lower = alt.to_lowercase();
    let stem = file
        .rsplit_once('.')
        .map_or(file, |(s, _)| s)
        .to_lowercase();
    let looks_like_file = lower == file.to_lowercase()
        || lower == stem
        || [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"]
            .iter()
            .any(|e| lower.ends_with(e));
    if looks_like_file {
        out.push(
            Diagnostic::warning(
                "a11y/image-alt-filename",
                ctx.file,
                format!("The alt text \"{alt}\" is a file name, not a description"),
            )
            .at(line, column)
            .help("Describe what the image shows, in a few words, for people who cannot see it."),
        );
    }
    for prefix in [
        "image of",
        "picture of",
        "photo of",
        "photograph of",
        "graphic of",
        "an image of",
        "a picture of",
        "a photo of",
    ] {
        if lower.starts_with(prefix) {
            out.push(
                Diagnostic::warning(
                    "a11y/image-alt-redundant",
                    ctx.file,
                    format!("The alt text starts \"{}\"", &alt[..prefix.len()]),
                )
                .at(line, column)
                .help("Screen readers already say it is an image: start with what it shows."),
            );
            break;
        }
    }
    if alt.chars().count() > ALT_MAX {
        out.push(
            Diagnostic::warning(
                "a11y/image-alt-long",
                ctx.file,
                format!("The alt text is {} characters long; keep it under {ALT_MAX}", alt.chars().count()),
            )
            .at(line, column)
            .help("Keep the alt text short; put a longer description in the page text next to the image."),
        );
    }
}

fn lint_link(
    url: &str,
    text: &str,
    has_image: bool,
    ctx: &LintContext<'_>,
    out: &mut Vec<Diagnostic>,
    line: usize,
    column: usize,
) {
    let at = |d: Diagnostic| d.at(line, column);
    let trimmed = text.trim();
    if trimmed.is_empty() && !has_image {
        out.push(at(Diagnostic::error("a11y/link-empty", ctx.file, format!("This link to `{url}` has no text"))
            .help("Write what the link is about between the square brackets: `[Contact the team](contact.md)`.")));
        return;
    }
    let key = normalise(trimmed);
    if AMBIGUOUS.contains(&key.as_str()) {
        out.push(at(Diagnostic::warning(
            "a11y/link-text",
            ctx.file,
            format!("The link text \"{trimmed}\" does not say where the link goes"),
        )
        .help("Use words that make sense on their own, such as \"read about our training course\": screen reader users often list links out of context.")));
    } else if ["http://", "https://", "www."]
        .iter()
        .any(|p| trimmed.starts_with(p))
    {
        out.push(at(Diagnostic::warning("a11y/link-text-url", ctx.file, "The link text is a web address")
            .help("Write what the link is about, e.g. `[NHS 111 online](https://111.nhs.uk/)`: addresses are long to listen to.")));
    }
    let path = url
        .split(['#', '?'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let extension = path.rsplit_once('.').map(|(_, e)| e);
    if let Some((ext, words)) = DOCUMENTS.iter().find(|(ext, _)| extension == Some(*ext)) {
        let lower = trimmed.to_lowercase();
        if !words.iter().any(|w| lower.contains(w)) {
            out.push(at(Diagnostic::warning(
                "a11y/link-file-type",
                ctx.file,
                format!("This link opens a {} file, but its text does not say so", ext.to_uppercase()),
            )
            .help(format!("Add the file type (and size if you know it) to the link text, e.g. `[Annual report (PDF, 2 MB)]({url})`."))));
        }
    }
    if let Some(addr) = url.strip_prefix("mailto:") {
        let addr = addr.split('?').next().unwrap_or_default();
        if !valid_email(addr) {
            out.push(at(Diagnostic::error(
                "link/mailto",
                ctx.file,
                format!("`{addr}` is not a valid email address"),
            )
            .help("Write the link as `mailto:name@example.org`.")));
        }
    } else if let Some(number) = url.strip_prefix("tel:") {
        let number = number.replace("%20", " ");
        let digits = number.chars().filter(char::is_ascii_digit).count();
        if digits < 3
            || !number
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            out.push(at(Diagnostic::error(
                "link/tel",
                ctx.file,
                format!("`{number}` is not a phone number"),
            )
            .help(
                "Write the link as `tel:` followed by the number, e.g. `tel:+441150000000`.",
            )));
        }
    } else if url.starts_with("http://") {
        out.push(at(Diagnostic::warning(
            "link/insecure",
            ctx.file,
            format!("The link to `{url}` is not secure (http://)"),
        )
        .help("Use https:// if the site supports it.")));
    }
}

fn valid_email(addr: &str) -> bool {
    let Some((local, domain)) = addr.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.starts_with('.')
        && domain.contains('.')
        && !domain.ends_with('.')
        && !addr.contains(char::is_whitespace)
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// Lower-case, inner spaces collapsed, surrounding punctuation removed.
fn normalise(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The first run of [`CAPS_WORDS`] or more words in capitals, if any.
/// The first run of [`CAPS_WORDS`] or more words in capitals, if any, with
/// its distance in characters from the start of `text`.
fn caps_run(text: &str) -> Option<(usize, String)> {
    // Most text has a capital or two per sentence: a byte count rules it out
    // quickly (this runs on all the text of every page).
    if text.is_ascii() && text.bytes().filter(u8::is_ascii_uppercase).count() < 2 * CAPS_WORDS {
        return None;
    }
    let mut run: Vec<&str> = Vec::new();
    let mut start = 0;
    let words = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w));
    for (at, word) in words {
        let mut letters = 0;
        let mut upper = true;
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            if !c.is_uppercase() {
                upper = false;
                break;
            }
        }
        if upper && letters >= 2 {
            if run.is_empty() {
                start = at;
            }
            run.push(word);
        } else if run.len() >= CAPS_WORDS {
            break;
        } else {
            run.clear();
        }
    }
    (run.len() >= CAPS_WORDS).then(|| (text[..start].chars().count(), run.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Origin;
    use comrak::{Arena, Options, parse_document};
    use std::path::Path;

    fn run(md: &str) -> Vec<(&'static str, usize)> {
        let arena = Arena::new();
        let mut options = Options::default();
        options.extension.table = true;
        options.extension.autolink = true;
        let root = parse_document(&arena, md, &options);
        let decorative = vec!["divider.png".to_string()];
        let ctx = LintContext {
            file: Path::new("content/a.md"),
            origin: Origin::body(1),
            decorative: &decorative,
            is_body: true,
        };
        lint(root, &ctx)
            .into_iter()
            .map(|d| (d.code, d.line.unwrap_or(0)))
            .collect()
    }

    #[test]
    fn images_need_useful_alt_text() {
        assert_eq!(run("![](photo.jpg)\n"), vec![("a11y/image-alt", 1)]);
        assert!(run("![](divider.png)\n").is_empty());
        assert_eq!(
            run("![photo.jpg](photo.jpg)\n"),
            vec![("a11y/image-alt-filename", 1)]
        );
        assert_eq!(
            run("![Image of a bird](b.jpg)\n"),
            vec![("a11y/image-alt-redundant", 1)]
        );
        assert_eq!(
            run(&format!("![{}](b.jpg)\n", "a".repeat(126))),
            vec![("a11y/image-alt-long", 1)]
        );
        assert!(run("![A robin on a fence](b.jpg)\n").is_empty());
    }

    #[test]
    fn headings_must_not_skip_levels_or_repeat_the_title() {
        assert_eq!(run("# Title\n"), vec![("a11y/heading-h1", 1)]);
        assert_eq!(run("## A\n\n#### B\n"), vec![("a11y/heading-skip", 3)]);
        assert!(run("## A\n\n### B\n\n## C\n").is_empty());
        assert_eq!(run("### Starts too deep\n"), vec![("a11y/heading-skip", 1)]);
    }

    #[test]
    fn link_text_must_make_sense_on_its_own() {
        assert_eq!(run("[Click here](a.md)\n"), vec![("a11y/link-text", 1)]);
        assert_eq!(
            run("Go to https://example.org now\n"),
            vec![("a11y/link-text-url", 1)]
        );
        assert_eq!(run("[](a.md)\n"), vec![("a11y/link-empty", 1)]);
        assert_eq!(
            run("[Our report](r.pdf)\n"),
            vec![("a11y/link-file-type", 1)]
        );
        assert!(run("[Our report (PDF, 1 MB)](r.pdf)\n").is_empty());
        assert_eq!(
            run("[Contact](a.md) and [Contact](b.md)\n"),
            vec![("a11y/link-text-duplicate", 1)]
        );
        assert!(run("[Contact](a.md) and [Contact](a.md#x)\n").is_empty());
    }

    #[test]
    fn email_phone_and_insecure_links_are_checked() {
        assert_eq!(run("[Email us](mailto:nobody)\n"), vec![("link/mailto", 1)]);
        assert!(run("[Email us](mailto:team@example.org)\n").is_empty());
        assert_eq!(run("[Call us](tel:abc)\n"), vec![("link/tel", 1)]);
        assert!(run("[Call 111](tel:111)\n").is_empty());
        assert_eq!(
            run("[Old site](http://example.org)\n"),
            vec![("link/insecure", 1)]
        );
    }

    #[test]
    fn tables_need_headers_and_capitals_are_flagged() {
        assert_eq!(
            run("| | |\n|---|---|\n| a | b |\n"),
            vec![("a11y/table-header", 1)]
        );
        assert!(run("| Day | Time |\n|---|---|\n| Mon | 9 |\n").is_empty());
        assert_eq!(
            run("PLEASE READ THIS CAREFULLY today\n"),
            vec![("a11y/all-caps", 1)]
        );
        assert!(run("The NHS and the GP or A&E\n").is_empty());
    }
}

//! Checks: the rules that catch what content editors get wrong before anyone
//! publishes — broken links, inaccessible content, out-of-date pages. The
//! [`CHECKS`] table is the one list of them: their codes, default severity,
//! and plain-English explanation (the README's table is made from it).
//!
//! Each check can be set to `off`, `warn` or `error` under `checks:` in
//! `site.yaml`, and one finding can be silenced on a page with
//! `silence_checks:` and a reason.

pub mod content;
mod html_scan;
pub mod links;
pub mod markup;
pub mod rules;
pub mod writing;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// How a check is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warn,
    Error,
}

/// One check.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub code: &'static str,
    pub default: Severity,
    /// What it catches.
    pub catches: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

const fn check(
    code: &'static str,
    default: Severity,
    catches: &'static str,
    fix: &'static str,
) -> Check {
    Check {
        code,
        default,
        catches,
        fix,
    }
}

use Severity::{Error as E, Warning as W};

/// Every check that can be configured or silenced.
pub const CHECKS: &[Check] = &[
    check(
        "link/missing-page",
        E,
        "a link to a `.md` file that does not exist",
        "check the file name and folder; links are relative to the page's folder",
    ),
    check(
        "link/to-draft",
        E,
        "a link from a published page, or from `nav` or `footer_links` in `site.yaml`, to a draft or a page whose `publish_date` is still to come",
        "publish the draft, or remove the link",
    ),
    check(
        "link/broken",
        E,
        "a link or image (in a page, the theme or `footer_links`) whose address is not a page or file of the site",
        "link to a page's `.md` file, or put the file in `static/` or beside the page",
    ),
    check(
        "link/fragment",
        E,
        "a link to `#part` of a page that has no such part",
        "use the `id` of a heading on that page: `## Learning outcomes` has `#learning-outcomes`",
    ),
    check(
        "link/mailto",
        E,
        "a `mailto:` link that is not an email address",
        "write `mailto:name@example.org`",
    ),
    check(
        "link/tel",
        E,
        "a `tel:` link that is not a phone number",
        "write `tel:` and the number",
    ),
    check(
        "link/insecure",
        W,
        "a link to another site with `http://`",
        "use `https://` if the site supports it",
    ),
    check(
        "a11y/image-alt",
        E,
        "an image without alt text (unless listed in `decorative_images`)",
        "describe the image: `![What it shows](photo.jpg)`",
    ),
    check(
        "a11y/image-alt-filename",
        W,
        "alt text that is a file name",
        "describe what the image shows",
    ),
    check(
        "a11y/image-alt-redundant",
        W,
        "alt text starting \"image of\" or \"picture of\"",
        "start with what the image shows",
    ),
    check(
        "a11y/image-alt-long",
        W,
        "alt text over 125 characters",
        "shorten it; describe the detail in the page text",
    ),
    check(
        "a11y/heading-h1",
        E,
        "a `#` heading in the page text (the title is already the main heading)",
        "start headings at `##`",
    ),
    check(
        "a11y/heading-skip",
        E,
        "a heading that skips a level, such as `##` then `####`",
        "use the next level down",
    ),
    check(
        "a11y/heading-empty",
        E,
        "a heading with no text",
        "write the heading or remove the line",
    ),
    check(
        "a11y/link-empty",
        E,
        "a link with no text",
        "write what the link is about between the brackets",
    ),
    check(
        "a11y/link-text",
        W,
        "link text such as \"click here\", \"here\", \"read more\", \"more\" or \"link\"",
        "use words that say where the link goes",
    ),
    check(
        "a11y/link-text-url",
        W,
        "a web address used as link text",
        "write what the link is about",
    ),
    check(
        "a11y/link-text-duplicate",
        W,
        "the same link text going to different places on one page",
        "make each link text say where it goes",
    ),
    check(
        "a11y/link-file-type",
        W,
        "a link to a PDF or other document whose text does not say so",
        "add the type: \"Annual report (PDF, 2 MB)\"",
    ),
    check(
        "a11y/table-header",
        E,
        "a table with no header row",
        "write a heading for each column in the first row",
    ),
    check(
        "a11y/all-caps",
        W,
        "four or more words in a row in capital letters",
        "use sentence case, and bold if it must stand out",
    ),
    check(
        "markdown/footnote-missing",
        W,
        "a footnote reference such as `[^9]` with no `[^9]:` line: it is shown as the text \"[^9]\"",
        "add a line `[^9]: The note.` below the paragraph, or remove the reference",
    ),
    check(
        "markdown/raw-html",
        W,
        "HTML typed into a page while `allow_html` is off (the default): it is shown as text, with its angle brackets",
        "write it in markdown, as the message says (`**bold**`, `[text](address)`, `##` headings), or remove it",
    ),
    check(
        "component/unknown",
        E,
        "a `:::name` box whose name is not a [component](#components), such as `:::care-crad` (the message suggests the closest)",
        "use a name from [Components](#components)",
    ),
    check(
        "component/argument",
        E,
        "the words after a component's name missing or wrong: a care card's kind, a details box's summary, a quote's attribution, a passage's language code",
        "write what the message asks for on the `:::` line, such as `:::care-card urgent` or `:::lang cy`",
    ),
    check(
        "component/missing-part",
        E,
        "a component without a part it needs: a care card or card without a heading, a do or don't list with no items, a summary list row without `Key:`",
        "add the part the message names",
    ),
    check(
        "component/misplaced",
        E,
        "a component inside another where it makes no sense, such as a care card inside a details box, or text in a card group",
        "move it into the page itself, or into a component the message names",
    ),
    check(
        "component/fence",
        E,
        "a `:::` box that is never closed, or closed by the line meant for the box around it, or a `:::` line that closes nothing",
        "end each box with a line of only colons; give a box that holds others more colons (`::::card-group` … `::::`)",
    ),
    check(
        "language/right-to-left",
        W,
        "text in a right-to-left script (such as Arabic, Urdu or Hebrew) outside a `:::lang` passage of its language",
        "put it in a passage with its language's code: `:::lang ar` … `:::`",
    ),
    check(
        "content/ended",
        W,
        "a page past its end date: a vacancy whose closing date has passed (it is shown as closed), or a page of [your own kind](#your-own-kinds) past its `ends_on` date",
        "remove the page, or mark it `draft: true`",
    ),
    check(
        "content/review-overdue",
        W,
        "a page whose `next_review_due` date has passed",
        "check the page, then update `last_reviewed` and `next_review_due`",
    ),
    check(
        "content/duplicate-title",
        W,
        "two pages with the same title",
        "give each page its own title",
    ),
    check(
        "content/duplicate-summary",
        W,
        "two pages with the same summary",
        "give each page its own summary",
    ),
    check(
        "content/unknown-reference",
        E,
        "a service's `team_members` or a vacancy's `course` naming a page that does not exist, or that is a draft or not yet published (the message says which)",
        "use the file name of the page, without `.md`; publish the page first",
    ),
    check(
        "content/placeholder",
        E,
        "a published page (not `draft: true`) still holding a text `signpost new` wrote for you to replace, such as \"Write pay here.\"",
        "write the real text, or keep `draft: true` until the page is ready",
    ),
    check(
        "content/link-outside",
        W,
        "a shortcut (symbolic link) in `content/`, `static/` or the theme to a file or folder outside the site: it is left out, so that no file elsewhere on the computer is published by mistake",
        "copy the file into the site's folder instead of linking to it",
    ),
    check(
        "config/feedback-missing",
        W,
        "no `feedback` endpoint in `site.yaml`, so the rate-this-page form is left out of every page",
        "add `feedback:` with `endpoint: https://…` (your form service) or `provider: netlify`; a site that collects feedback another way can set this check to `off`",
    ),
    check(
        "writing/reading-age",
        W,
        "a page whose reading score (SMOG, as the NHS service manual uses) is over `writing.reading_score` (14 unless set); the message gives the score and the page's three hardest sentences, by line",
        "use shorter sentences and everyday words of one or two syllables",
    ),
    check(
        "writing/plain-english",
        W,
        "a wordy or formal term that has a plainer alternative, such as \"utilise\" (\"use\") or \"in order to\" (\"to\"), in the page or its front matter",
        "write the plainer words, or list the term under `writing.allow_words`",
    ),
    check(
        "writing/spelling",
        W,
        "a word not in the British English dictionary, the site's word list, or its names and titles, with up to three suggestions",
        "correct it, or add it to `words.txt` (or `writing.known_words`) if it is a name, place or service",
    ),
];

/// Codes that were renamed, with their new names: sites that still use an
/// old one in `checks:` or `silence_checks:` keep working.
pub const RENAMED: &[(&str, &str)] = &[("content/vacancy-closed", "content/ended")];

/// The current name of a check's code (itself, unless it was renamed).
pub fn current_code(code: &str) -> &str {
    RENAMED
        .iter()
        .find(|(old, _)| *old == code)
        .map_or(code, |(_, new)| new)
}

/// The check with this code (or its old name), if there is one.
pub fn find(code: &str) -> Option<&'static Check> {
    let code = current_code(code);
    CHECKS.iter().find(|c| c.code == code)
}

/// Applies `checks:` from `site.yaml` and each page's `silence_checks:` to
/// the findings of a run.
pub fn apply_settings(
    diags: Diagnostics,
    levels: &BTreeMap<String, Level>,
    site: Option<&Site>,
) -> Diagnostics {
    let mut silenced: BTreeMap<&std::path::Path, Vec<&str>> = BTreeMap::new();
    if let Some(site) = site {
        for p in &site.pages {
            for s in &p.common.silence_checks {
                silenced
                    .entry(p.file.as_path())
                    .or_default()
                    .push(current_code(s.check.as_str()));
            }
        }
    }
    let levels: BTreeMap<&str, Level> = levels
        .iter()
        .map(|(code, level)| (current_code(code), *level))
        .collect();
    let mut out = Diagnostics::default();
    for mut d in diags.iter().cloned() {
        if find(d.code).is_some() {
            match levels.get(d.code) {
                Some(Level::Off) => continue,
                Some(Level::Warn) => d.severity = Severity::Warning,
                Some(Level::Error) => d.severity = Severity::Error,
                None => {}
            }
            if silenced
                .get(d.file.as_path())
                .is_some_and(|codes| codes.contains(&d.code))
            {
                continue;
            }
        }
        out.push(d);
    }
    out
}

/// The findings as JSON lines, one object per finding.
pub fn to_json_lines(diags: &[Diagnostic]) -> String {
    let mut s = String::new();
    for d in diags {
        if let Ok(line) = serde_json::to_string(d) {
            s.push_str(&line);
            s.push('\n');
        }
    }
    s
}

/// Findings as GitHub workflow commands (`::error file=…,line=…::…`), so
/// that a publishing workflow shows each one on the change that made it.
pub fn to_github_annotations(diags: &[Diagnostic]) -> String {
    // GitHub's escapes: `%`, CR and LF everywhere, and `:` and `,` in the
    // properties too.
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut s = String::new();
    for d in diags {
        let level = if d.is_error() { "error" } else { "warning" };
        let mut props = vec![format!(
            "file={}",
            property(&d.file.to_string_lossy().replace('\\', "/"))
        )];
        if let Some(line) = d.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = d.column {
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", property(d.code)));
        let mut text = d.message.clone();
        if let Some(help) = &d.help {
            text.push('\n');
            text.push_str(help);
        }
        s.push_str(&format!("::{level} {}::{}\n", props.join(","), data(&text)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_name_the_file_and_line_and_escape_the_text() {
        let d = Diagnostic::error(
            "link/missing-page",
            "content/a, b.md",
            "Line one: 100%\nline two",
        )
        .at_line(Some(4))
        .help("Fix it.");
        assert_eq!(
            to_github_annotations(&[d]),
            "::error file=content/a%2C b.md,line=4,col=1,title=link/missing-page::Line one: 100%25%0Aline two%0AFix it.\n"
        );
    }

    #[test]
    fn every_check_code_is_unique_and_namespaced() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CHECKS {
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(c.code.contains('/'), "{}", c.code);
        }
    }

    #[test]
    fn settings_turn_checks_off_or_change_their_severity() {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::warning("link/insecure", "content/a.md", "m"));
        diags.push(Diagnostic::warning("a11y/all-caps", "content/a.md", "m"));
        diags.push(Diagnostic::error(
            "front-matter/missing-field",
            "content/a.md",
            "m",
        ));
        let levels = BTreeMap::from([
            ("link/insecure".to_string(), Level::Off),
            ("a11y/all-caps".to_string(), Level::Error),
            ("front-matter/missing-field".to_string(), Level::Off),
        ]);
        let out = apply_settings(diags, &levels, None).sorted();
        let codes: Vec<_> = out.iter().map(|d| (d.code, d.severity)).collect();
        // Schema mistakes are not checks: they cannot be turned off.
        assert_eq!(
            codes,
            vec![
                ("a11y/all-caps", Severity::Error),
                ("front-matter/missing-field", Severity::Error)
            ]
        );
    }
}

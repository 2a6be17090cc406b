//! Checks: the rules that catch what content editors get wrong before anyone
//! publishes — broken links, inaccessible content, out-of-date pages. The
//! [`CHECKS`] table is the one list of them: their codes, default severity,
//! and plain-English explanation (the README's table is made from it).
//!
//! Each check can be set to `off`, `warn` or `error` under `checks:` in
//! `site.yaml`, and one finding can be silenced on a page with
//! `silence_checks:` and a reason.

pub mod content;
pub mod links;
pub mod markup;
pub mod rules;
pub mod rules_kept;
pub mod writing;

use std::collections::BTreeMap;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
pub use crate::registry::{CHECKS, Check, Level, RENAMED, current_code, find};

/// The checks the markdown stage runs on each body and markdown field of
/// `site`: the content rules, the markup rules, and the writing checks that
/// are on (their word lists are read now; mistakes in them go to `diags`).
pub fn passes(site: &Site, diags: &mut Diagnostics) -> crate::markdown::Passes {
    let mut passes: Vec<Box<dyn crate::markdown::Pass>> = Vec::new();
    if let Some(writer) = writing::Writer::new(site, diags) {
        passes.push(Box::new(writer));
    }
    passes.push(Box::new(content::ContentRules));
    passes.push(Box::new(markup::MarkupRules {
        allow_html: site.config.markdown.allow_html,
    }));
    passes.into()
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
                    .entry(&*p.file)
                    .or_default()
                    .push(current_code(s.check.as_str()));
            }
        }
    }
    apply_levels(diags, levels, |file, code| {
        silenced
            .get(file)
            .is_some_and(|codes| codes.contains(&code))
    })
}

/// [`apply_settings`], with whether a page silences a check given by
/// `silenced(file, code)` (the preview keeps them, see `rules_kept`,
/// rather than reading every page after every save).
pub fn apply_levels(
    diags: Diagnostics,
    levels: &BTreeMap<String, Level>,
    silenced: impl Fn(&std::path::Path, &str) -> bool,
) -> Diagnostics {
    let levels: BTreeMap<&str, Level> = levels
        .iter()
        .map(|(code, level)| (current_code(code), *level))
        .collect();
    let mut out = Diagnostics::default();
    // Findings of one code come together (a page's spelling, say): its
    // check is looked up in the table once for them.
    let mut last: Option<(&'static str, Option<&'static Check>)> = None;
    // Taken over, not copied: the preview does this after every save.
    for mut d in diags.into_vec() {
        let check = match last {
            Some((code, check)) if code == d.code => check,
            _ => last.insert((d.code, find(d.code))).1,
        };
        if let Some(check) = check {
            // The registry is the one source of a check's severity.
            d.severity = match levels.get(d.code) {
                Some(Level::Off) => continue,
                Some(Level::Warn) => Severity::Warning,
                Some(Level::Error) => Severity::Error,
                None => check.default,
            };
            if silenced(d.file.as_path(), d.code) {
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

//! The shortcuts the writing checks take for speed give the same findings
//! as the plain way: the table of word facts (against working each word
//! out every time), a page checked a second time with the table full, and
//! the reading score worked out from counts before any sentence is placed.

use std::path::{Path, PathBuf};

use super::Writer;
use crate::content::{LoadOptions, Site};
use crate::diagnostics::Origin;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{LintContext, Markdown};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn load(root: &Path, diags: &mut Diagnostics) -> Option<Site> {
    let config = crate::config::Config::load(root, diags)?;
    let opts = LoadOptions {
        drafts: true,
        today: jiff::civil::date(2026, 12, 1),
        fingerprint: false,
        minify: false,
        writing: true,
    };
    Site::load(root, config, &opts, diags)
}

/// Every writing finding of every page of `site`, body then fields, as
/// `writer` sees it.
fn findings(site: &Site, writer: &Writer) -> Vec<Diagnostic> {
    let markdown = Markdown::new(
        site.config.markdown.allow_html,
        site.config.markdown.smart_punctuation,
    );
    let mut out = Vec::new();
    for page in &site.pages {
        let origin = Origin::body(page.body_line);
        let lint = LintContext {
            file: &page.file,
            origin,
            decorative: &[],
            is_body: true,
        };
        let body = markdown.run_pass(writer, page.body(), &lint);
        let fields = writer.check_fields(page, page.front_matter());
        out.extend(
            body.into_iter()
                .chain(fields)
                .filter(|d| d.code.starts_with("writing/")),
        );
    }
    out
}

/// The writing findings of the site at `root` without the table, then
/// with it (twice: empty, then full).
type Three = (Vec<Diagnostic>, Vec<Diagnostic>, Vec<Diagnostic>);

fn with_and_without_the_table(root: &Path) -> Three {
    let mut diags = Diagnostics::default();
    let Some(site) = load(root, &mut diags) else {
        panic!("{} did not load: {diags:?}", root.display());
    };
    let (Some(mut plain), Some(cached)) = (
        Writer::new(&site, &mut diags),
        Writer::new(&site, &mut diags),
    ) else {
        panic!("the writing checks are off in {}", root.display());
    };
    plain.cached = false;
    let without = findings(&site, &plain);
    let cold = findings(&site, &cached);
    let warm = findings(&site, &cached);
    (without, cold, warm)
}

#[test]
fn the_table_of_word_facts_changes_no_finding() {
    for root in [
        "tests/fixtures/check/writing-spelling",
        "tests/fixtures/check/writing-plain-english",
        "tests/fixtures/check/writing-reading-age",
        // The example site: real prose, much of it repeated.
        ".",
    ] {
        let (without, cold, warm) = with_and_without_the_table(&fixture(root));
        assert_eq!(cold, without, "{root}: first check with the table");
        assert_eq!(warm, without, "{root}: second check, table full");
        // The fixtures are there to have findings.
        assert!(root == "." || !without.is_empty(), "{root} has no findings");
    }
}

#[test]
fn a_site_with_other_words_gets_its_own_answers() {
    // The same thread checks two sites that differ only in a known word:
    // the second must not get the first's answer.
    let root = fixture("tests/fixtures/check/writing-spelling");
    let (before, _, _) = with_and_without_the_table(&root);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = dir.path();
    copy_dir(&root, copy);
    let words = std::fs::read_to_string(copy.join("words.txt")).unwrap_or_default();
    let named = |d: &Diagnostic, word: &str| d.message.starts_with(&format!("\"{word}\" "));
    let misspelt = before
        .iter()
        .filter(|d| d.code == super::SPELLING)
        .find_map(|d| d.message.split('"').nth(1).map(str::to_string))
        .unwrap_or_default();
    assert!(!misspelt.is_empty(), "{before:?}");
    std::fs::write(copy.join("words.txt"), format!("{words}\n{misspelt}\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (without, cold, warm) = with_and_without_the_table(copy);
    assert_eq!((&cold, &warm), (&without, &without));
    let left: Vec<&Diagnostic> = before.iter().filter(|d| !named(d, &misspelt)).collect();
    assert!(left.len() < before.len());
    assert_eq!(without.iter().collect::<Vec<_>>(), left);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap_or_else(|e| panic!("{e}"));
        } else {
            std::fs::copy(entry.path(), &dest).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

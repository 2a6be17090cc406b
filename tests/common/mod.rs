//! Helpers shared by the integration tests: temporary copies of the fixture
//! sites (each with the small test theme from `tests/fixtures/_theme`),
//! builds with a fixed "today", reading the output and running the CLI.

// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

pub mod preview;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use signpost::{BuildOptions, BuildReport, Diagnostics};
use tempfile::TempDir;

/// Says that a test did not run, and why, where CI's log shows it: straight
/// to standard error, which the test harness does not capture (it captures
/// only `eprintln!`).
pub fn skip(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// The date every test build treats as today.
pub const TODAY: &str = "2026-11-24";

pub fn today() -> jiff::civil::Date {
    TODAY.parse().expect("TODAY is a date")
}

/// The repository's own folder (the example site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests").join("fixtures")
}

/// Copies every file and folder under `from` into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        // Shortcuts stay shortcuts (a fixture tests that one to outside the
        // site is left out).
        #[cfg(unix)]
        if kind.is_symlink() {
            let link = fs::read_link(entry.path()).expect("read link");
            std::os::unix::fs::symlink(link, &target).expect("make link");
            continue;
        }
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
/// Dot-files are included.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
            .map(|e| e.expect("directory entry"))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .expect("under base")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A temporary copy of a fixture site, with the test theme as
/// `themes/default/`. The folder is removed when this is dropped.
pub struct TestSite {
    _dir: TempDir,
    pub root: PathBuf,
}

impl TestSite {
    /// Copies `tests/fixtures/<case>/` (e.g. `site` or `invalid/bad_yaml`).
    pub fn new(case: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&fixtures().join(case), &root);
        let theme = fixtures().join("_theme");
        copy_dir(
            &theme.join("templates"),
            &root.join("themes/default/templates"),
        );
        copy_dir(&theme.join("static"), &root.join("themes/default/static"));
        TestSite { _dir: dir, root }
    }

    /// Copies `tests/fixtures/<case>/` with the real default theme, for
    /// what only it has (such as `generic.html`).
    pub fn with_default_theme(case: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&fixtures().join(case), &root);
        copy_dir(
            &repo_root().join("themes/default"),
            &root.join("themes/default"),
        );
        TestSite { _dir: dir, root }
    }

    /// A path inside the site folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes (or replaces) a file in the site folder.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create parent");
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
    }

    /// Options for building this site into `public/` with the fixed date.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            today: Some(today()),
            ..BuildOptions::new(&self.root)
        }
    }

    pub fn build(&self) -> BuildReport {
        build(&self.options())
    }

    /// Builds with changed options.
    pub fn build_with(&self, change: impl FnOnce(&mut BuildOptions)) -> BuildReport {
        let mut opts = self.options();
        change(&mut opts);
        build(&opts)
    }

    /// Builds and fails the test when there are errors.
    pub fn build_ok(&self) -> BuildReport {
        let report = self.build();
        assert_no_errors(&self.root, &report);
        report
    }

    pub fn output(&self) -> PathBuf {
        self.path("public")
    }

    /// A built file, as text.
    pub fn read_output(&self, rel: &str) -> String {
        read_text(&self.output().join(rel))
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.output().join(rel).exists()
    }

    /// Runs `signpost <args>` in the site folder (so paths print relative)
    /// with colours off.
    pub fn cli(&self, args: &[&str]) -> CliOutput {
        run_cli(&self.root, args)
    }

    /// The diagnostics of a build, rendered as the CLI prints them (no colour).
    pub fn render(&self, diags: &Diagnostics) -> String {
        render_diagnostics(&self.root, diags)
    }
}

pub fn build(opts: &BuildOptions) -> BuildReport {
    signpost::build(opts).unwrap_or_else(|e| panic!("the build failed outright: {e:#}"))
}

pub fn read_text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Fails with every diagnostic printed when the report has errors.
pub fn assert_no_errors(root: &Path, report: &BuildReport) {
    assert!(
        !report.diagnostics.has_errors(),
        "expected no errors, got:\n{}",
        render_diagnostics(root, &report.diagnostics)
    );
    assert!(report.written, "the output folder was not written");
}

/// Each sorted diagnostic rendered in plain text, with its source line.
pub fn render_diagnostics(root: &Path, diags: &Diagnostics) -> String {
    diags
        .sorted()
        .iter()
        .map(|d| {
            let path = root.join(&d.file);
            let source = path
                .metadata()
                .is_ok_and(|m| m.is_file())
                .then(|| fs::read_to_string(&path).ok())
                .flatten();
            d.render(source.as_deref(), false)
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What a run of the command printed.
#[derive(Debug)]
pub struct CliOutput {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the `signpost` binary in `dir` with colours off.
pub fn run_cli(dir: &Path, args: &[&str]) -> CliOutput {
    let out = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run signpost");
    CliOutput {
        code: out
            .status
            .code()
            .expect("exit code (not killed by a signal)"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The text of each `<li>` of the first `<ul class="{class}">`, tags removed
/// and whitespace collapsed.
pub fn list_items(html: &str, class: &str) -> Vec<String> {
    let open = format!("<ul class=\"{class}\">");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no {open} in:\n{html}"))
        + open.len();
    let end = start + html[start..].find("</ul>").expect("closing </ul>");
    html[start..end]
        .split("<li")
        .skip(1)
        .map(|li| {
            let inner = &li[li.find('>').expect("end of <li>") + 1..];
            let inner = inner.split("</li>").next().unwrap_or_default();
            strip_tags(inner)
        })
        .collect()
}

/// The text of the first element with `class="{class}"`, tags removed.
pub fn text_of_class(html: &str, class: &str) -> String {
    let attr = format!("class=\"{class}\"");
    let at = html
        .find(&attr)
        .unwrap_or_else(|| panic!("no {attr} in:\n{html}"));
    let start = at + html[at..].find('>').expect("end of tag") + 1;
    let tag_start = html[..at].rfind('<').expect("start of tag") + 1;
    let tag: String = html[tag_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let end = start
        + html[start..]
            .find(&format!("</{tag}>"))
            .expect("closing tag");
    strip_tags(&html[start..end])
}

/// Removes tags and collapses whitespace.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every `href="…"` and `src="…"` value in `html`.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "action=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("closing quote");
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

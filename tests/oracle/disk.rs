//! The oracle's site on disk: a temporary copy of `tests/fixtures/oracle`
//! with the real default theme, what pages and folders it has now, and
//! small edits to a page's front matter by line (as a person would make
//! them in an editor).

use std::fs;
use std::path::{Path, PathBuf};

use crate::common;

pub const CONTENT: &str = "content";

pub struct Disk {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Disk {
    pub fn new() -> Disk {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        common::copy_dir(&common::fixtures().join("oracle"), &root);
        common::copy_dir(
            &common::repo_root().join("themes/default"),
            &root.join("themes/default"),
        );
        Disk { _dir: dir, root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create parent");
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    pub fn remove(&self, rel: &str) {
        let path = self.path(rel);
        if path.is_dir() {
            fs::remove_dir_all(&path).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
        } else {
            fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
        }
    }

    pub fn rename(&self, from: &str, to: &str) {
        if let Some(parent) = self.path(to).parent() {
            fs::create_dir_all(parent).expect("create parent");
        }
        fs::rename(self.path(from), self.path(to))
            .unwrap_or_else(|e| panic!("rename {from} to {to}: {e}"));
    }

    /// Every markdown file under `content/`, by source path
    /// (`services/alpha.md`), sorted.
    pub fn pages(&self) -> Vec<String> {
        self.under_content(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
    }

    /// Every folder under `content/` (not `content/` itself), sorted.
    pub fn folders(&self) -> Vec<String> {
        self.under_content(Path::is_dir)
    }

    /// Every file under `content/` (markdown or not), sorted.
    pub fn files_in(&self, folder: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .under_content(Path::is_file)
            .into_iter()
            .filter(|f| f.starts_with(&format!("{folder}/")))
            .collect();
        out.sort();
        out
    }

    fn under_content(&self, keep: impl Fn(&Path) -> bool) -> Vec<String> {
        fn walk(base: &Path, dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<String>) {
            let Ok(entries) = fs::read_dir(dir) else {
                return;
            };
            for e in entries.filter_map(Result::ok) {
                let p = e.path();
                if keep(&p) {
                    let rel = p.strip_prefix(base).expect("under content");
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
                if p.is_dir() {
                    walk(base, &p, keep, out);
                }
            }
        }
        let base = self.path(CONTENT);
        let mut out = Vec::new();
        walk(&base, &base, &keep, &mut out);
        out.sort();
        out
    }
}

/// The kind the fixture's `site.yaml` gives pages under `source`'s top
/// folder.
pub fn kind_of_folder(source: &str) -> &'static str {
    match source.split('/').next().unwrap_or_default() {
        "services" => "service",
        "team" => "team_member",
        "training" => "course",
        "vacancies" => "vacancy",
        _ => "page",
    }
}

/// The folder a source path is in (`""` at the top).
pub fn folder_of(source: &str) -> &str {
    source.rsplit_once('/').map_or("", |(d, _)| d)
}

/// A link from a page at `from` to the markdown file `to` (both source
/// paths): links are relative to the page's folder.
pub fn relative_link(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

/// The value of front-matter field `key` on its own line, if set.
pub fn field(text: &str, key: &str) -> Option<String> {
    let (front, _) = split(text)?;
    front.iter().find_map(|l| {
        l.strip_prefix(key)
            .and_then(|r| r.strip_prefix(':'))
            .map(|v| v.trim().to_string())
    })
}

/// `text` with front-matter field `key` set to `value` (which may start
/// with a newline and hold indented lines, for a list), or removed when
/// `None`. A new field goes last.
pub fn set_field(text: &str, key: &str, value: Option<&str>) -> String {
    let Some((front, body)) = split(text) else {
        return text.to_string();
    };
    let mut out: Vec<String> = Vec::new();
    let mut done = false;
    let mut skipping = false;
    for line in front {
        if skipping && (line.starts_with(' ') || line.starts_with('-')) {
            continue;
        }
        skipping = false;
        if line.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            skipping = true;
            if let Some(v) = value.filter(|_| !done) {
                out.push(format!("{key}:{}", spaced(v)));
            }
            done = true;
            continue;
        }
        out.push(line.to_string());
    }
    if !done && let Some(v) = value {
        out.push(format!("{key}:{}", spaced(v)));
    }
    format!("---\n{}\n---\n{body}", out.join("\n"))
}

fn spaced(v: &str) -> String {
    if v.starts_with('\n') {
        v.to_string()
    } else {
        format!(" {v}")
    }
}

/// The front matter's lines (without the `---` fences) and the body.
pub fn split(text: &str) -> Option<(Vec<&str>, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let front = rest[..end].lines().collect();
    Some((front, &rest[end + 5..]))
}

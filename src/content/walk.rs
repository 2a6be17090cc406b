//! Walking `content/` (and `static/`): which files are pages, which are
//! copied as they are, and which are left out (editor leftovers, shortcuts
//! that lead outside the site, files that cannot be read).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Asset, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Files an editor or the operating system leaves behind, never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name == "Thumbs.db"
}

/// Markdown sources (under `content/`, sorted) and the other files to copy.
pub(super) fn walk(content: &Path, diags: &mut Diagnostics) -> (Vec<String>, Vec<Asset>) {
    let mut md = Vec::new();
    let mut assets = Vec::new();
    let root = site_root_of(content);
    let mut outside = Vec::new();
    for entry in walk_site_dir(content, &root, &mut outside) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel_display(content, p))
                    .unwrap_or_else(|| CONTENT_DIR.into());
                let reason = e.io_error().map_or_else(
                    || "it is a folder link that leads back into itself".to_string(),
                    plain_io_error,
                );
                diags.push(
                    Diagnostic::error(
                        "content/unreadable",
                        path,
                        format!("This could not be read: {reason}"),
                    )
                    .help("Check the file's permissions, or remove it if it should not be there."),
                );
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // A pipe, socket or device: reading it could wait for ever, and
            // it is never a page an editor wrote, so say so rather than skip it.
            diags.push(
                Diagnostic::error(
                    "content/unreadable",
                    rel_display(content, entry.path()),
                    "This could not be read: it is not an ordinary file (it is a pipe, socket or device)",
                )
                .help("Remove it from the `content` folder, or replace it with the file it should be."),
            );
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // Where `\` is not a folder separator it can be in a name, but a web
        // address cannot hold it (browsers read it as `/`).
        if let Some(name) = parts.iter().find(|p| p.contains('\\')) {
            diags.push(
                Diagnostic::error(
                    "content/file-name",
                    Path::new(CONTENT_DIR).join(rel),
                    format!("The name `{name}` has a backslash (`\\`) in it, which a web address cannot hold"),
                )
                .help(format!(
                    "Rename it without the backslash, for example `{}`.",
                    name.replace('\\', "-")
                )),
            );
            continue;
        }
        let rel = parts.join("/");
        if rel.ends_with(".md") {
            md.push(rel);
        } else {
            assets.push(Asset {
                from: entry.path().to_path_buf(),
                to: rel,
            });
        }
    }
    for p in outside {
        diags.push(link_outside_warning(rel_display(content, &p)));
    }
    (md, assets)
}

/// Walks `dir` in name order, following shortcuts, but skipping editor
/// leftovers and shortcuts that lead outside `root` (those are added to
/// `outside`).
pub fn walk_site_dir<'a>(
    dir: &Path,
    root: &'a Path,
    outside: &'a mut Vec<PathBuf>,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> + 'a {
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            if links_outside(e, root) {
                outside.push(e.path().to_path_buf());
                return false;
            }
            true
        })
}

/// The site's folder, given its `content` (or `static`) folder, resolved.
pub fn site_root_of(dir: &Path) -> PathBuf {
    let parent = dir.parent().unwrap_or(dir);
    parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf())
}

/// Whether a walked entry is a shortcut (symbolic link) to something outside
/// the site's folder. Those are never copied or served: a link could
/// otherwise publish any file on the computer.
pub fn links_outside(entry: &walkdir::DirEntry, root: &Path) -> bool {
    entry.path_is_symlink()
        && entry
            .path()
            .canonicalize()
            .is_ok_and(|target| !target.starts_with(root))
}

pub fn link_outside_warning(file: PathBuf) -> Diagnostic {
    Diagnostic::warning(
        "content/link-outside",
        file,
        "This is a shortcut (link) to a file or folder outside the site, so it was left out",
    )
    .help("Copy the file into the site's folder instead of linking to it.")
}

pub(super) fn rel_display(content: &Path, p: &Path) -> PathBuf {
    Path::new(CONTENT_DIR).join(p.strip_prefix(content).unwrap_or(p))
}

/// Why a file could not be read, in words and without any path.
pub fn plain_io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "it does not exist (it may be a shortcut or link to a file that has been moved or deleted)".into(),
        PermissionDenied => "you do not have permission to read it".into(),
        IsADirectory => "it is a folder, not a file".into(),
        InvalidData => "it is not saved as text".into(),
        _ => format!("the computer reported \"{}\"", e.kind()),
    }
}

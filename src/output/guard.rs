//! Which folders a build may replace, and the lock that keeps two builds
//! from writing the same output at once.
//!
//! A build replaces a folder only when it is missing, empty (or holds only
//! dot-files, which are kept), marked as Signpost's by [`manifest::MARKER`],
//! or an unmarked output of an older Signpost. Never the site's own folder,
//! a folder holding it, or a folder the site reads.

use std::fmt;
use std::fs::{self, File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};

use super::manifest::{self, Owned};

/// A build that Signpost will not do, because of where it would write:
/// the command needs changing, not the content.
#[derive(Debug)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

fn refuse<T>(msg: String) -> Result<T> {
    Err(Refused(msg).into())
}

/// The site's folders that a build reads, and so may never write into.
pub const SITE_FOLDERS: [&str; 6] = ["content", "themes", "static", ".signpost", ".git", "src"];

/// The real folder to write: where a shortcut (symbolic link) leads, made
/// absolute, so the link itself is never replaced.
pub fn resolve(out: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(out) {
            Ok(target) => Ok(target),
            Err(_) => refuse(format!(
                "the output folder {} is a shortcut to a folder that does not exist; \
                 create that folder, or remove the shortcut",
                out.display()
            )),
        },
        Ok(_) => fs::canonicalize(out).with_context(|| format!("could not find {}", out.display())),
        Err(_) => absolute(out),
    }
}

/// A path that may not exist yet, made absolute from its nearest existing
/// folder.
fn absolute(path: &Path) -> Result<PathBuf> {
    let path = std::path::absolute(path)
        .with_context(|| format!("could not find the folder {}", path.display()))?;
    let mut rest = Vec::new();
    let mut base = path.as_path();
    while fs::symlink_metadata(base).is_err() {
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    // `..` after a folder that does not exist yet cannot be worked out.
    if out.components().any(|c| c == Component::ParentDir) {
        return refuse(format!(
            "the output folder {} goes up (`..`) from a folder that does not exist; \
             give a plain folder name",
            path.display()
        ));
    }
    Ok(out)
}

/// Refuses an output that is, holds, or is inside the site's own folders,
/// or any of `reads` (such as the theme's folder, which may be a shortcut
/// to somewhere else).
pub fn check_location(root: &Path, out: &Path, reads: &[PathBuf]) -> Result<()> {
    let canon = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let given = root;
    let root = canon(root);
    if out == root || root.starts_with(out) {
        return refuse(format!(
            "the output folder {} holds the site itself, so building into it would \
             replace the site's own files; build into a folder of its own, such as `public`",
            out.display()
        ));
    }
    let named = SITE_FOLDERS
        .iter()
        .map(|name| (root.join(name), format!("`{name}`")));
    let extra = reads.iter().map(|p| {
        let shown = p
            .strip_prefix(given)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/");
        (p.clone(), format!("`{shown}`"))
    });
    for (folder, name) in named.chain(extra) {
        let folder = canon(&folder);
        if out.starts_with(&folder) || folder.starts_with(out) {
            let how = if out == folder {
                "is"
            } else if out.starts_with(&folder) {
                "is inside"
            } else {
                "holds"
            };
            return refuse(format!(
                "the output folder {} {how} the site's {name} folder, which Signpost \
                 reads; build into a folder of its own, such as `public`",
                out.display()
            ));
        }
    }
    Ok(())
}

/// What an existing output folder is.
#[derive(Debug, Clone)]
pub enum Previous {
    /// Built by Signpost: its marker lists Signpost's files.
    Marked(Owned),
    /// Empty, or holding only dot-files: nothing in it is Signpost's.
    Unmarked,
    /// Built by a Signpost from before markers: the files the new build
    /// also makes are taken as Signpost's, and the rest are kept.
    Older,
}

/// What is in the output folder now; `None` when there is none.
pub fn existing(out: &Path) -> Result<Option<Previous>> {
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    if !meta.is_dir() {
        return refuse(format!(
            "the output {} is a file, not a folder; Signpost will not replace it. \
             Build into a folder (`--output` a new folder name), or move the file first",
            out.display()
        ));
    }
    if let Some(owned) = manifest::read(out) {
        return Ok(Some(Previous::Marked(owned)));
    }
    let mut names = Vec::new();
    for entry in fs::read_dir(out).with_context(|| format!("could not read {}", out.display()))? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    let visible: Vec<&String> = names.iter().filter(|n| !n.starts_with('.')).collect();
    if visible.is_empty() {
        return Ok(Some(Previous::Unmarked));
    }
    if is_older_output(out) {
        return Ok(Some(Previous::Older));
    }
    let examples: Vec<String> = visible.iter().take(3).map(|n| format!("`{n}`")).collect();
    refuse(format!(
        "the output folder {} already holds files that Signpost did not write ({}), so \
         Signpost will not replace it. Build into an empty folder (`--output` a new folder \
         name), or move those files somewhere else and remove the folder first",
        out.display(),
        examples.join(", ")
    ))
}

/// An output written before builds left a marker: it has the pages that
/// every Signpost build makes.
fn is_older_output(out: &Path) -> bool {
    ["404.html", "sitemap.xml", "feedback/thanks/index.html"]
        .iter()
        .all(|f| out.join(f).is_file())
}

/// Held while a build writes its output; the next build of the same output
/// waits for it. The operating system lets go if the build is killed.
pub struct OutputLock {
    file: File,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Unlocking, rather than only closing, also lets go of the copy a
        // process started meanwhile inherits until it runs its program.
        let _ = self.file.unlock();
    }
}

/// The lock file beside `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    sibling(out, "signpost-lock")
}

/// `.NAME.suffix` beside `out`.
pub fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Takes the lock on `out`, waiting (and saying so through `waiting`) while
/// another build holds it.
pub fn lock(out: &Path, waiting: &dyn Fn(&str)) -> Result<OutputLock> {
    let path = lock_path(out);
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("could not create the lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            waiting(&format!(
                "Waiting for another build of {} to finish{}…",
                out.display(),
                if holder.is_empty() {
                    String::new()
                } else {
                    format!(" ({holder})")
                }
            ));
            file.lock()
                .with_context(|| format!("could not lock {}", path.display()))?;
        }
        Err(TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("could not lock {}", path.display()));
        }
    }
    let started = jiff::ZonedDateTime::now()
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string();
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = writeln!(file, "process {}, started {started}", std::process::id());
    Ok(OutputLock { file })
}

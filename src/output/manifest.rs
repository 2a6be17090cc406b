//! The mark a build leaves in its output: `.signpost-output`, a list of
//! every file the build wrote. The next build reads it to tell Signpost's
//! files from anyone else's, so it can replace its own and keep the rest
//! (a `.git` folder used for publishing, a file someone copied in by hand).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The marker at the top of every folder Signpost builds.
pub const MARKER: &str = ".signpost-output";
/// The marker in a staging folder while its build is still writing.
pub const BUILDING: &str = ".signpost-building";

const HEADER: &str = "# signpost-output v1\n\
# This folder was written by Signpost, and each build replaces it.\n\
# The files listed below are Signpost's; anything else here is kept.\n";

/// Which entries of an existing folder are Signpost's own.
#[derive(Debug, Clone)]
pub enum Owned {
    /// Exactly the files a marker lists (and the folders that hold them).
    Listed {
        files: HashSet<String>,
        dirs: HashSet<String>,
    },
    /// An output of a Signpost from before markers: everything except the
    /// dot-files at the top.
    AllButTopDotFiles,
    /// Nothing: an empty folder, or one holding only dot-files.
    Nothing,
}

impl Owned {
    pub fn listed(files: impl IntoIterator<Item = String>) -> Owned {
        let files: HashSet<String> = files.into_iter().collect();
        let mut dirs = HashSet::new();
        for f in &files {
            let mut rest = f.as_str();
            while let Some((parent, _)) = rest.rsplit_once('/') {
                if !dirs.insert(parent.to_string()) {
                    break;
                }
                rest = parent;
            }
        }
        Owned::Listed { files, dirs }
    }

    fn owns_file(&self, rel: &str) -> bool {
        match self {
            Owned::Listed { files, .. } => files.contains(rel),
            Owned::AllButTopDotFiles => !is_top_dot(rel),
            Owned::Nothing => false,
        }
    }

    fn owns_dir(&self, rel: &str) -> bool {
        match self {
            Owned::Listed { dirs, .. } => dirs.contains(rel),
            Owned::AllButTopDotFiles => !is_top_dot(rel),
            Owned::Nothing => false,
        }
    }
}

fn is_top_dot(rel: &str) -> bool {
    rel.split('/').next().is_some_and(|s| s.starts_with('.'))
}

/// Reads a folder's marker; `None` when there is none or it is not ours.
pub fn read(dir: &Path) -> Option<Owned> {
    let text = fs::read_to_string(dir.join(MARKER)).ok()?;
    if !text.starts_with("# signpost-output v1\n") {
        return None;
    }
    let files = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(super::percent_decode);
    Some(Owned::listed(files))
}

/// Lists every file under `dir` and writes the marker there.
pub fn write(dir: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    list_files(dir, "", &mut files)?;
    files.retain(|f| f != MARKER && f != BUILDING);
    files.sort();
    let mut text = String::with_capacity(HEADER.len() + files.len() * 40);
    text.push_str(HEADER);
    for f in &files {
        // `%` and line breaks are escaped so that every name fits on a line.
        text.push_str(
            &f.replace('%', "%25")
                .replace('\n', "%0A")
                .replace('\r', "%0D"),
        );
        text.push('\n');
    }
    fs::write(dir.join(MARKER), text)
}

fn list_files(base: &Path, rel: &str, out: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(base.join(rel))? {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let child = join(rel, &name);
        if entry.file_type()?.is_dir() {
            list_files(base, &child, out)?;
        } else {
            out.push(child);
        }
    }
    Ok(())
}

fn join(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_string()
    } else {
        format!("{rel}/{name}")
    }
}

/// The entries under `dir` that are not Signpost's, outermost first: a
/// foreign folder is listed once, not file by file. Symbolic links are
/// never followed.
pub fn foreign(dir: &Path, owned: &Owned) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    visit(dir, "", owned, &mut out)?;
    out.sort();
    Ok(out)
}

fn visit(base: &Path, rel: &str, owned: &Owned, out: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(base.join(rel))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let child = join(rel, &name);
        if rel.is_empty() && (name == MARKER || name == BUILDING) {
            continue;
        }
        // A name that is not UTF-8 was never written by Signpost.
        let readable = entry.file_name().to_str().is_some();
        if entry.file_type()?.is_dir() {
            if readable && owned.owns_dir(&child) {
                visit(base, &child, owned, out)?;
            } else {
                out.push(child);
            }
        } else if !(readable && owned.owns_file(&child)) {
            out.push(child);
        }
    }
    Ok(())
}

/// What keeping one foreign entry takes.
pub enum Keep {
    /// Move it across.
    Move,
    /// The other side already has the very same file: nothing to move.
    Same,
    /// The other side has something different under that name.
    Clash,
}

/// How `rel` in `from` can be kept in `to`. A folder that both sides have is
/// kept by keeping what is inside it, one entry at a time.
pub fn plan(from: &Path, to: &Path, rel: &str, moves: &mut Vec<String>) -> io::Result<Vec<String>> {
    let mut clashes = Vec::new();
    plan_into(from, to, rel, moves, &mut clashes)?;
    Ok(clashes)
}

fn plan_into(
    from: &Path,
    to: &Path,
    rel: &str,
    moves: &mut Vec<String>,
    clashes: &mut Vec<String>,
) -> io::Result<()> {
    match keep(&from.join(rel), &to.join(rel))? {
        Keep::Move => moves.push(rel.to_string()),
        Keep::Same => {}
        Keep::Clash => {
            let src = from.join(rel);
            let dst = to.join(rel);
            let both_dirs =
                fs::symlink_metadata(&src)?.is_dir() && fs::symlink_metadata(&dst)?.is_dir();
            if !both_dirs {
                clashes.push(rel.to_string());
                return Ok(());
            }
            for entry in fs::read_dir(&src)? {
                let name = entry?.file_name().to_string_lossy().into_owned();
                plan_into(from, to, &join(rel, &name), moves, clashes)?;
            }
        }
    }
    Ok(())
}

fn keep(src: &Path, dst: &Path) -> io::Result<Keep> {
    let Ok(dst_meta) = fs::symlink_metadata(dst) else {
        return Ok(Keep::Move);
    };
    let src_meta = fs::symlink_metadata(src)?;
    if src_meta.is_file()
        && dst_meta.is_file()
        && src_meta.len() == dst_meta.len()
        && fs::read(src)? == fs::read(dst)?
    {
        return Ok(Keep::Same);
    }
    Ok(Keep::Clash)
}

/// Moves each of `moves` from `from` to `to`, creating folders as needed.
/// On a failure, moves back what it had moved, and returns the error.
pub fn move_all(from: &Path, to: &Path, moves: &[String]) -> io::Result<()> {
    let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
    for rel in moves {
        let (src, dst) = (from.join(rel), to.join(rel));
        let result = dst
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| super::failpoint("keep"))
            .and_then(|()| fs::rename(&src, &dst));
        if let Err(e) = result {
            for (s, d) in done.iter().rev() {
                let _ = fs::rename(d, s);
            }
            return Err(io::Error::new(
                e.kind(),
                format!("could not move {} to {}: {e}", src.display(), dst.display()),
            ));
        }
        done.push((src, dst));
    }
    Ok(())
}

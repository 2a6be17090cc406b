//! The mark a build leaves in its output: `.signpost-output`, a list of
//! every file the build wrote. The next build reads it to tell Signpost's
//! files from anyone else's, so it can replace its own and keep the rest
//! (a `.git` folder used for publishing, a file someone copied in by hand).
//!
//! Paths here are relative [`PathBuf`]s, so that names which are not UTF-8
//! (never Signpost's) are still moved correctly.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The markers at the top of every folder Signpost builds, and in a
/// staging folder while its build is still writing.
pub use crate::sink::{BUILDING, MARKER};

const FIRST_LINE: &str = "# signpost-output v1\n";
const HEADER: &str = "# This folder was written by Signpost, and each build replaces it.\n\
# The files listed below are Signpost's; anything else here is kept.\n";

/// Which files of a folder are Signpost's own: those its marker lists (and
/// the folders holding them). Empty for a folder with no marker.
#[derive(Debug, Clone, Default)]
pub struct Owned {
    files: HashSet<String>,
    dirs: HashSet<String>,
    /// Whether the list came from the folder's own marker (so the marker
    /// file itself is Signpost's too).
    marked: bool,
}

impl Owned {
    pub fn listed(files: impl IntoIterator<Item = String>, marked: bool) -> Owned {
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
        Owned {
            files,
            dirs,
            marked,
        }
    }

    /// Nothing is Signpost's.
    pub fn nothing() -> Owned {
        Owned::default()
    }

    fn owns_file(&self, rel: &Path) -> bool {
        rel.to_str()
            .is_some_and(|r| self.files.contains(&slashed(r)))
    }

    fn owns_dir(&self, rel: &Path) -> bool {
        rel.to_str()
            .is_some_and(|r| self.dirs.contains(&slashed(r)))
    }
}

fn slashed(rel: &str) -> String {
    rel.replace('\\', "/")
}

/// Reads a folder's marker; `None` when there is none or it is not ours.
pub fn read(dir: &Path) -> Option<Owned> {
    let text = fs::read_to_string(dir.join(MARKER)).ok()?;
    let body = text.strip_prefix(FIRST_LINE)?;
    let files = body
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(crate::urls::percent_decode);
    Some(Owned::listed(files, true))
}

/// Every file under `dir` (markers left out), as `/`-separated paths.
/// Files whose names are not UTF-8 are left out: Signpost never makes them.
pub fn list(dir: &Path) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    list_files(dir, "", &mut files)?;
    files.retain(|f| f != MARKER && f != BUILDING);
    files.sort();
    Ok(files)
}

/// Writes the marker listing `files` into `dir`, by way of a temporary file
/// so that a marker is never half-written.
pub fn write(dir: &Path, files: &[String]) -> io::Result<()> {
    let mut text = String::with_capacity(FIRST_LINE.len() + HEADER.len() + files.len() * 40);
    text.push_str(FIRST_LINE);
    text.push_str(HEADER);
    for f in files {
        // `%`, line breaks and a leading `#` are escaped so that every name
        // reads back as itself.
        let escaped = f
            .replace('%', "%25")
            .replace('\n', "%0A")
            .replace('\r', "%0D");
        match escaped.strip_prefix('#') {
            Some(rest) => {
                text.push_str("%23");
                text.push_str(rest);
            }
            None => text.push_str(&escaped),
        }
        text.push('\n');
    }
    let tmp = dir.join(format!("{MARKER}.tmp"));
    let mut file = fs::File::create(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    fs::rename(&tmp, dir.join(MARKER))
}

fn list_files(base: &Path, rel: &str, out: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(base.join(rel))? {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let child = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if entry.file_type()?.is_dir() {
            list_files(base, &child, out)?;
        } else {
            out.push(child);
        }
    }
    Ok(())
}

/// The entries under `dir` that are not Signpost's, outermost first: a
/// foreign folder is listed once, not file by file. Symbolic links are
/// never followed. The marker is skipped only when `owned` came from it.
pub fn foreign(dir: &Path, owned: &Owned) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    visit(dir, Path::new(""), owned, &mut out)?;
    out.sort();
    Ok(out)
}

fn visit(base: &Path, rel: &Path, owned: &Owned, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(base.join(rel))? {
        let entry = entry?;
        let child = rel.join(entry.file_name());
        if owned.marked && child == Path::new(MARKER) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            if owned.owns_dir(&child) {
                visit(base, &child, owned, out)?;
            } else {
                out.push(child);
            }
        } else if !owned.owns_file(&child) {
            out.push(child);
        }
    }
    Ok(())
}

/// How the foreign entries of one folder can be kept in another.
#[derive(Debug, Default)]
pub struct Plan {
    /// To move across.
    pub moves: Vec<PathBuf>,
    /// Files the other side has byte for byte: moved across too (replacing
    /// the copy), so they stay the editor's and not Signpost's.
    pub same: Vec<PathBuf>,
    /// Entries the other side has with different contents.
    pub clashes: Vec<PathBuf>,
}

impl Plan {
    /// Everything to move, in order.
    pub fn all_moves(&self) -> Vec<PathBuf> {
        self.moves.iter().chain(&self.same).cloned().collect()
    }
}

/// Plans keeping each of `foreign` (entries of `from`) in `to`. A folder
/// that both sides have is kept by keeping what is inside it.
pub fn plan(from: &Path, to: &Path, foreign: &[PathBuf]) -> io::Result<Plan> {
    let mut plan = Plan::default();
    for rel in foreign {
        plan_one(from, to, rel, &mut plan)?;
    }
    Ok(plan)
}

fn plan_one(from: &Path, to: &Path, rel: &Path, plan: &mut Plan) -> io::Result<()> {
    let (src, dst) = (from.join(rel), to.join(rel));
    let Ok(dst_meta) = fs::symlink_metadata(&dst) else {
        plan.moves.push(rel.to_path_buf());
        return Ok(());
    };
    let src_meta = fs::symlink_metadata(&src)?;
    if src_meta.is_dir() && dst_meta.is_dir() {
        for entry in fs::read_dir(&src)? {
            plan_one(from, to, &rel.join(entry?.file_name()), plan)?;
        }
    } else if src_meta.is_file()
        && dst_meta.is_file()
        && src_meta.len() == dst_meta.len()
        && fs::read(&src)? == fs::read(&dst)?
    {
        plan.same.push(rel.to_path_buf());
    } else {
        plan.clashes.push(rel.to_path_buf());
    }
    Ok(())
}

/// Moves each of `moves` from `from` to `to`, creating folders as needed
/// (and replacing a file of the same name). On a failure, moves back what
/// it had moved and returns the error.
pub fn move_all(from: &Path, to: &Path, moves: &[PathBuf]) -> io::Result<()> {
    let mut done: Vec<&PathBuf> = Vec::new();
    for (i, rel) in moves.iter().enumerate() {
        let (src, dst) = (from.join(rel), to.join(rel));
        let result = dst
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| super::failpoint(&format!("keep-{}", i + 1)))
            .and_then(|()| fs::rename(&src, &dst));
        if let Err(e) = result {
            let _ = move_back(from, to, &done);
            return Err(io::Error::new(
                e.kind(),
                format!("could not move {} to {}: {e}", src.display(), dst.display()),
            ));
        }
        done.push(rel);
    }
    Ok(())
}

/// Undoes [`move_all`]: moves `moves` from `to` back into `from`.
pub fn move_back<P: AsRef<Path>>(from: &Path, to: &Path, moves: &[P]) -> io::Result<()> {
    let mut first_error = None;
    for rel in moves.iter().rev() {
        let (src, dst) = (from.join(rel), to.join(rel));
        let result = src
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::rename(&dst, &src));
        if let Err(e) = result {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

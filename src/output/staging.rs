//! Building into a fresh folder beside the output and swapping it in only
//! when the whole build worked, so that the output path holds a complete
//! site, old or new, and nothing that is not Signpost's is ever lost.
//!
//! The steps, and what the next build does if one is cut short:
//! 1. take the lock on the output ([`guard::lock`]); recover leftovers;
//! 2. make `.public.signpost-new-ID/` holding [`manifest::BUILDING`], and
//!    write the site into it (cut short: the next build removes it);
//! 3. write its [`manifest::MARKER`], remove `BUILDING`, then move across
//!    the old output's files that are not Signpost's (`.git`, files added by
//!    hand). Cut short: the next build moves them back; failed: they are
//!    moved back at once;
//! 4. swap the two folders in one step (`renameat2` with `RENAME_EXCHANGE`,
//!    or `RENAME_SWAP` on macOS). Where the file system cannot, two renames,
//!    with a moment in between when the output is missing; the next build
//!    puts the site back if it was cut short there;
//! 5. remove the old site, now beside the output (cut short or refused:
//!    the next build tries again).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::failpoint;
use super::guard::{self, OutputLock, Previous, Refused};
use super::manifest::{self, Owned};

/// A staging folder beside the output folder, and the lock on the output.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    id: String,
    /// The output as it was (`None`: there was none).
    previous: Option<Previous>,
    /// Things the person running the build should know, such as leftovers
    /// that were recovered or left alone.
    pub notes: Vec<String>,
    _lock: OutputLock,
}

impl Staging {
    /// Checks that `output` may be replaced (it is not the site, nor inside
    /// a folder the site reads, nor `reads`), locks it, recovers what an
    /// interrupted build left, and creates an empty staging folder.
    pub fn begin(
        root: &Path,
        output: &Path,
        reads: &[PathBuf],
        waiting: &dyn Fn(&str),
    ) -> Result<Staging> {
        let out = guard::resolve(output)?;
        guard::check_location(root, &out, reads)?;
        // Refuse before making anything; then look again under the lock.
        guard::existing(&out)?;
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent)
            .with_context(|| format!("could not create the folder {}", parent.display()))?;
        let lock = guard::lock(&out, waiting)?;
        let mut notes = Vec::new();
        recover(&out, &mut notes)?;
        let previous = guard::existing(&out)?;
        let id = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        let staging = guard::sibling(&out, &format!("signpost-new-{id}"));
        fs::create_dir(&staging).with_context(|| {
            format!("could not create the staging folder {}", staging.display())
        })?;
        if let Err(e) = fs::write(staging.join(manifest::BUILDING), "") {
            let _ = fs::remove_dir_all(&staging);
            return Err(e).with_context(|| format!("could not write in {}", staging.display()));
        }
        Ok(Staging {
            output: out,
            staging,
            id,
            previous,
            notes,
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Swaps the staging folder in as the output, keeping every file of the
    /// old output that Signpost did not write. Returns the notes.
    pub fn commit(self) -> Result<Vec<String>> {
        let mut notes = self.notes.clone();
        let result = self.swap_in(&mut notes);
        if result.is_err() && self.staging.exists() {
            // Remove it unless it still holds something that is not
            // Signpost's (then the next build moves that back).
            let ours = match manifest::read(&self.staging) {
                None => true,
                Some(owned) => manifest::foreign(&self.staging, &owned).is_ok_and(|f| f.is_empty()),
            };
            if ours {
                let _ = fs::remove_dir_all(&self.staging);
            }
        }
        result.map(|()| notes)
    }

    fn swap_in(&self, notes: &mut Vec<String>) -> Result<()> {
        let (out, staging) = (&self.output, &self.staging);
        let files = manifest::list(staging)
            .with_context(|| format!("could not read {}", staging.display()))?;
        let Some(previous) = &self.previous else {
            mark(staging, &files)?;
            return fs::rename(staging, out)
                .with_context(|| format!("could not move the new site into {}", out.display()));
        };
        let owned = match previous {
            Previous::Marked(owned) => owned.clone(),
            Previous::Unmarked => Owned::nothing(),
            Previous::Older => Owned::listed(files.iter().cloned(), false),
        };
        let foreign = manifest::foreign(out, &owned)
            .with_context(|| format!("could not read {}", out.display()))?;
        let reserved: Vec<String> = foreign
            .iter()
            .filter(|p| *p == Path::new(manifest::MARKER) || *p == Path::new(manifest::BUILDING))
            .map(|p| format!("`{}`", slashed(p)))
            .collect();
        if !reserved.is_empty() {
            let (what, it) = if reserved.len() == 1 {
                ("a name", "it")
            } else {
                ("names", "them")
            };
            return Err(Refused(format!(
                "{} holds {}: {what} Signpost keeps for its own use. Rename {it}, or move \
                 {it} out of {}, and build again",
                out.display(),
                reserved.join(" and "),
                out.display()
            ))
            .into());
        }
        let plan = manifest::plan(out, staging, &foreign)
            .with_context(|| format!("could not read {}", out.display()))?;
        if !plan.clashes.is_empty() {
            return Err(clash(out, &plan.clashes).into());
        }
        // A kept file that the build also made stays the editor's.
        let same: HashSet<String> = plan.same.iter().map(|p| slashed(p)).collect();
        let listed: Vec<String> = files.into_iter().filter(|f| !same.contains(f)).collect();
        mark(staging, &listed)?;
        let moves = plan.all_moves();
        manifest::move_all(out, staging, &moves)
            .with_context(|| format!("could not keep the files in {}", out.display()))?;
        if matches!(previous, Previous::Older) && !plan.moves.is_empty() {
            notes.push(older_note(out, &plan.moves));
        }
        // From here on, a failure must put the kept files back.
        let undo = |e: anyhow::Error| -> anyhow::Error {
            match manifest::move_back(out, staging, &moves) {
                Ok(()) => e,
                Err(back) => e.context(format!(
                    "some files of {} are still in {} ({back}); the next build moves them back",
                    out.display(),
                    staging.display()
                )),
            }
        };
        failpoint("swap").map_err(|e| undo(e.into()))?;
        match exchange(staging, out) {
            Ok(true) => {
                // The old site now sits at the staging name.
                finish_old(staging, out, notes);
                return Ok(());
            }
            Ok(false) => {}
            Err(e) => return Err(undo(e)),
        }
        let old = guard::sibling(out, &format!("signpost-old-{}", self.id));
        if let Err(e) = failpoint("first-rename").and_then(|()| fs::rename(out, &old)) {
            return Err(undo(swap_error(e, out)));
        }
        if let Err(e) = failpoint("between-renames").and_then(|()| fs::rename(staging, out)) {
            let _ = fs::rename(&old, out);
            return Err(undo(swap_error(e, out)));
        }
        finish_old(&old, out, notes);
        Ok(())
    }

    /// Throws the staging folder away; the output is untouched.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Writes the marker, then says the staging folder is finished.
fn mark(staging: &Path, files: &[String]) -> Result<()> {
    manifest::write(staging, files)
        .with_context(|| format!("could not write the list of files in {}", staging.display()))?;
    fs::remove_file(staging.join(manifest::BUILDING))
        .with_context(|| format!("could not write in {}", staging.display()))
}

/// Up to `n` of `paths`, each in backticks, and how many more there are.
fn some_of(paths: &[PathBuf], n: usize) -> (String, usize) {
    let names: Vec<String> = paths
        .iter()
        .take(n)
        .map(|p| format!("`{}`", slashed(p)))
        .collect();
    (names.join(", "), paths.len().saturating_sub(n))
}

fn clash(out: &Path, clashes: &[PathBuf]) -> Refused {
    let (names, _) = some_of(clashes, 3);
    Refused(format!(
        "{} holds {names} that Signpost did not write, and the new build makes a different \
         file of the same name. Move {} out of {} and build again",
        out.display(),
        if clashes.len() == 1 { "it" } else { "them" },
        out.display()
    ))
}

fn older_note(out: &Path, kept: &[PathBuf]) -> String {
    let (names, more) = some_of(kept, 5);
    format!(
        "{} was built by an older Signpost, which did not list its files, so the files \
         this build does not make were kept: {names}{}. Delete any you do not need (old pages \
         among them stay published until you do); from now on Signpost knows its own files.",
        out.display(),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

/// A plain message for a swap the file system refused.
fn swap_error(e: io::Error, out: &Path) -> anyhow::Error {
    if matches!(
        e.kind(),
        io::ErrorKind::CrossesDevices | io::ErrorKind::ResourceBusy
    ) {
        return Refused(format!(
            "{} is a mount point (a separate drive, or a folder shared into a container), \
             so Signpost cannot swap the new site in. Build into a folder inside it, such as \
             `--output {}/site`, or into an ordinary folder and copy that",
            out.display(),
            out.display()
        ))
        .into();
    }
    anyhow::Error::new(e).context(format!(
        "could not swap the new site into {}",
        out.display()
    ))
}

/// Removes the old site once the new one is in place, keeping anything of
/// anyone else's. What is Signpost's is what its marker lists, or for an
/// old site without one, what the new site's marker lists. A failure here is
/// not the build's: the site is published, and the next build tries again.
fn finish_old(old: &Path, out: &Path, notes: &mut Vec<String>) {
    let owned = manifest::read(old)
        .or_else(|| manifest::read(out))
        .unwrap_or_default();
    let result = manifest::foreign(old, &owned)
        .and_then(|foreign| manifest::plan(old, out, &foreign))
        .and_then(|plan| {
            manifest::move_all(old, out, &plan.moves)?;
            Ok(plan.clashes)
        });
    match result {
        Ok(clashes) if clashes.is_empty() => {}
        Ok(clashes) => {
            let (names, _) = some_of(&clashes, clashes.len());
            notes.push(format!(
                "The old copy of the site is left in {} because it holds {names} that the new \
                 site has too, with other contents; look through it and remove it yourself.",
                old.display(),
            ));
            return;
        }
        Err(e) => {
            notes.push(format!(
                "The old copy of the site is left in {}: {e}. The next build tries again.",
                old.display()
            ));
            return;
        }
    }
    if let Err(e) = failpoint("remove-old").and_then(|()| fs::remove_dir_all(old)) {
        notes.push(format!(
            "Could not remove the old copy of the site in {}: {e}. The next build tries again; \
             you can also remove it yourself.",
            old.display()
        ));
    }
}

/// Swaps two folders in one step. `Ok(false)` where the file system cannot.
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    if failpoint("exchange").is_err() {
        // Tests take the two-rename path this way.
        return Ok(false);
    }
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(true),
            Err(e)
                if [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP].contains(&e) => {}
            Err(e) => return Err(swap_error(io::Error::from(e), b)),
        }
    }
    let _ = (a, b);
    Ok(false)
}

/// Deals with what interrupted builds left beside `out`: a half-written
/// site is removed; a finished one is put back if `out` is missing;
/// otherwise files that are not Signpost's are moved into `out` and the
/// rest removed. Anything Signpost does not recognise is left alone and
/// named in a note.
fn recover(out: &Path, notes: &mut Vec<String>) -> Result<()> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Ok(());
    };
    let name = name.to_string_lossy();
    let ours = [
        format!(".{name}.signpost-new-"),
        format!(".{name}.signpost-old-"),
    ];
    let older = format!(".{name}.signpost-");
    let lock = guard::lock_path(out);
    let mut leftovers: Vec<(PathBuf, bool)> = fs::read_dir(parent)
        .with_context(|| format!("could not read {}", parent.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let mine = ours.iter().any(|p| n.starts_with(p.as_str()));
            (mine || n.starts_with(&older)).then(|| (e.path(), mine))
        })
        .filter(|(p, _)| *p != lock && p.is_dir())
        .collect();
    leftovers.sort();
    for (left, mine) in leftovers {
        if left.join(manifest::BUILDING).exists() {
            // A build that never finished writing: all of it is Signpost's,
            // and nothing was moved into it yet.
            fs::remove_dir_all(&left)
                .with_context(|| format!("could not remove {}", left.display()))?;
        } else if !mine && manifest::read(&left).is_none() {
            notes.push(format!(
                "{} looks like it was left by an interrupted build of an older Signpost, and \
                 may hold files of yours (such as a `.git` folder). Signpost left it alone: \
                 move anything you need from it into {}, then remove it.",
                left.display(),
                out.display()
            ));
        } else if fs::symlink_metadata(out).is_err() {
            // Cut short between two renames: this is a whole site.
            fs::rename(&left, out).with_context(|| {
                format!(
                    "could not put the site in {} back into {}",
                    left.display(),
                    out.display()
                )
            })?;
            notes.push(format!(
                "An earlier build was interrupted; its site in {} was put back into {}.",
                left.display(),
                out.display()
            ));
        } else {
            let before = notes.len();
            finish_old(&left, out, notes);
            if notes.len() == before {
                notes.push(format!(
                    "An earlier build was interrupted; Signpost tidied up {} and kept every \
                     file that was not its own.",
                    left.display()
                ));
            }
        }
    }
    Ok(())
}

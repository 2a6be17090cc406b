//! Building into a fresh folder beside the output and swapping it in only
//! when the whole build worked, so that at every instant the output path
//! holds a complete site, old or new.
//!
//! The steps, and what the next build does if one is cut short:
//! 1. take the lock on the output ([`guard::lock`]); recover leftovers;
//! 2. make `.public.signpost-new-ID/` holding [`manifest::BUILDING`], and
//!    write the site into it (cut short: the next build removes it);
//! 3. write its [`manifest::MARKER`], then move across the old output's
//!    files that are not Signpost's (`.git`, files added by hand). Cut
//!    short: the next build moves them back;
//! 4. swap the two folders in one step (`renameat2` with `RENAME_EXCHANGE`
//!    where the system has it; two renames elsewhere, with the old one put
//!    back by the next build if the second never happened);
//! 5. remove the old site, now at the staging name (cut short or refused:
//!    the next build tries again).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::failpoint;
use super::guard::{self, OutputLock, Refused};
use super::manifest::{self, Owned};

/// A staging folder beside the output folder, and the lock on the output.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// What of the output as it was is Signpost's (`None`: there was none).
    previous: Option<Owned>,
    /// Things the person running the build should know, such as leftovers
    /// that were recovered or left alone.
    pub notes: Vec<String>,
    _lock: OutputLock,
}

impl Staging {
    /// Checks that `output` may be replaced, locks it, recovers what an
    /// interrupted build left, and creates an empty staging folder.
    pub fn begin(root: &Path, output: &Path, waiting: &dyn Fn(&str)) -> Result<Staging> {
        let out = guard::resolve(output)?;
        guard::check_location(root, &out)?;
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
        let marked = fs::write(staging.join(manifest::BUILDING), "");
        if let Err(e) = marked {
            let _ = fs::remove_dir_all(&staging);
            return Err(e).with_context(|| format!("could not write in {}", staging.display()));
        }
        Ok(Staging {
            output: out,
            staging,
            previous,
            notes,
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// The folder the site goes into (where a shortcut leads, if it is one).
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Swaps the staging folder in as the output, keeping every file of the
    /// old output that Signpost did not write. Returns the notes.
    pub fn commit(self) -> Result<Vec<String>> {
        let mut notes = self.notes.clone();
        let result = self.swap_in(&mut notes);
        if result.is_err() && self.staging.exists() {
            // Remove it unless it holds something that is not Signpost's,
            // which the next build will move back.
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
        manifest::write(staging).with_context(|| {
            format!("could not write the list of files in {}", staging.display())
        })?;
        fs::remove_file(staging.join(manifest::BUILDING))
            .with_context(|| format!("could not write in {}", staging.display()))?;
        let Some(previous) = &self.previous else {
            return fs::rename(staging, out)
                .with_context(|| format!("could not move the new site into {}", out.display()));
        };
        keep_foreign(out, staging, previous, true)?;
        failpoint("swap")?;
        if exchange(staging, out)? {
            // The old site now sits at the staging name.
            finish_old(staging, out, notes);
            return Ok(());
        }
        let old = guard::sibling(out, &format!("signpost-old-{}", std::process::id()));
        fs::rename(out, &old)
            .with_context(|| format!("could not move the old {} aside", out.display()))?;
        if let Err(e) = failpoint("between-renames").and_then(|()| fs::rename(staging, out)) {
            let _ = fs::rename(&old, out);
            return Err(e)
                .with_context(|| format!("could not move the new site into {}", out.display()));
        }
        finish_old(&old, out, notes);
        Ok(())
    }

    /// Throws the staging folder away; the output is untouched.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

/// Moves the entries of `from` that are not Signpost's into `to`. With
/// `strict`, an entry that `to` already has differently stops everything
/// before anything moves; otherwise it is left where it is and named in the
/// returned list.
fn keep_foreign(from: &Path, to: &Path, owned: &Owned, strict: bool) -> Result<Vec<String>> {
    let foreign = manifest::foreign(from, owned)
        .with_context(|| format!("could not read {}", from.display()))?;
    let mut moves = Vec::new();
    let mut clashes = Vec::new();
    for rel in &foreign {
        clashes.extend(
            manifest::plan(from, to, rel, &mut moves)
                .with_context(|| format!("could not read {}", from.join(rel).display()))?,
        );
    }
    if strict && !clashes.is_empty() {
        let names: Vec<String> = clashes.iter().take(3).map(|c| format!("`{c}`")).collect();
        return Err(Refused(format!(
            "{} holds {} that Signpost did not write, and the new build makes a different \
             file of the same name. Move {} out of {} and build again",
            from.display(),
            names.join(", "),
            if clashes.len() == 1 { "it" } else { "them" },
            from.display()
        ))
        .into());
    }
    manifest::move_all(from, to, &moves)?;
    Ok(clashes)
}

/// Removes the old site once the new one is in place, keeping anything
/// that appeared in it during the build. A failure here is not the build's:
/// the site is published; the next build tries again.
fn finish_old(old: &Path, out: &Path, notes: &mut Vec<String>) {
    let _ = failpoint("remove-old");
    let owned = manifest::read(old).unwrap_or(Owned::AllButTopDotFiles);
    match keep_foreign(old, out, &owned, false) {
        Ok(left) if left.is_empty() => {}
        Ok(left) => {
            notes.push(format!(
                "The old copy of the site is left in {} because it holds {} that the new \
                 site also has; look through it and remove it yourself.",
                old.display(),
                left.join(", ")
            ));
            return;
        }
        Err(e) => {
            notes.push(format!(
                "The old copy of the site is left in {}: {e:#}. The next build tries again.",
                old.display()
            ));
            return;
        }
    }
    if let Err(e) = fs::remove_dir_all(old) {
        notes.push(format!(
            "Could not remove the old copy of the site in {}: {e}. The next build tries again; \
             you can also remove it yourself.",
            old.display()
        ));
    }
}

/// Swaps two folders in one step. `Ok(false)` where the system cannot.
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    if super::failpoint("exchange").is_err() {
        // Tests take the two-rename path this way.
        return Ok(false);
    }
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(true),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => {
                return Err(io::Error::from(e))
                    .with_context(|| format!("could not swap the new site into {}", b.display()));
            }
        }
    }
    let _ = (a, b);
    Ok(false)
}

/// Deals with what interrupted builds left beside `out`: a finished site
/// is put back if `out` is missing; files that are not Signpost's are moved
/// back into `out`; Signpost's own leftovers are removed; anything else is
/// left alone and named in a note.
fn recover(out: &Path, notes: &mut Vec<String>) -> Result<()> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Ok(());
    };
    let prefix = format!(".{}.signpost-", name.to_string_lossy());
    let lock = guard::lock_path(out);
    let mut leftovers: Vec<PathBuf> = fs::read_dir(parent)
        .with_context(|| format!("could not read {}", parent.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .filter(|p| *p != lock && p.is_dir())
        .collect();
    leftovers.sort();
    for left in leftovers {
        if manifest::read(&left).is_some() {
            if fs::symlink_metadata(out).is_err() {
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
                continue;
            }
            let before = notes.len();
            finish_old(&left, out, notes);
            if notes.len() == before {
                notes.push(format!(
                    "An earlier build was interrupted; Signpost tidied up {} and kept every \
                     file that was not its own.",
                    left.display()
                ));
            }
        } else if left.join(manifest::BUILDING).is_file() {
            // A build that never finished writing: all of it is Signpost's.
            fs::remove_dir_all(&left)
                .with_context(|| format!("could not remove {}", left.display()))?;
        } else {
            notes.push(format!(
                "{} looks like it was left by an interrupted build of an older Signpost, and \
                 may hold files of yours (such as a `.git` folder). Signpost left it alone: \
                 move anything you need from it into {}, then remove it.",
                left.display(),
                out.display()
            ));
        }
    }
    Ok(())
}

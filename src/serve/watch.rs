//! Watching the site's files with notify: which changes matter, and
//! coalescing a burst of saves (editors write, rename and touch several
//! files per save) into one rebuild.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::event::{ModifyKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::content::is_ignored_name;

/// The folders under the site root whose changes cause a rebuild.
pub const WATCHED_DIRS: [&str; 3] = ["content", "themes", "static"];

pub use crate::build::Change;

/// Whether a changed path (relative to the root) should trigger a rebuild.
pub fn is_relevant(rel: &str) -> bool {
    if rel == CONFIG_FILE {
        return true;
    }
    let mut parts = rel.split('/');
    let top = parts.next().unwrap_or_default();
    if !WATCHED_DIRS.contains(&top) {
        return false;
    }
    !rel.split('/').any(is_ignored_name)
}

/// Files elsewhere in the site's folder that the build reads (the word
/// list), `/`-separated from the root; the preview updates it after each
/// build, as `site.yaml` may have named another file.
pub type Extra = Arc<RwLock<Vec<String>>>;

/// Watches `root` (and the `extra` files); returns the watcher (keep it
/// alive) and a receiver of coalesced changes.
pub fn watch(root: &Path, extra: Extra) -> notify::Result<(RecommendedWatcher, Receiver<Change>)> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (raw_tx, raw_rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx)?;
    // The root itself without recursion (site.yaml, and watched folders
    // being created again); each watched folder with recursion. Watching the
    // whole root would also watch `target/` and `public/`.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let p = root.join(dir);
        if p.is_dir() {
            watcher.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    if let Ok(files) = extra.read() {
        watch_extra(&mut watcher, &root, &files);
    }
    let (tx, rx) = channel();
    let thread_root = root.clone();
    std::thread::Builder::new()
        .name("signpost-watch".into())
        .spawn(move || coalesce(&thread_root, raw_rx, tx, extra))
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok((watcher, rx))
}

/// Watches the folders holding `files` that are not watched already: the
/// root and the watched folders are; a word list in `docs/` needs `docs/`.
pub fn watch_extra(watcher: &mut RecommendedWatcher, root: &Path, files: &[String]) {
    for file in files {
        let Some((dir, _)) = file.rsplit_once('/') else {
            continue; // in the root, which is watched
        };
        let top = dir.split('/').next().unwrap_or_default();
        if WATCHED_DIRS.contains(&top) {
            continue;
        }
        let p = root.join(dir);
        if p.is_dir() {
            let _ = watcher.watch(&p, RecursiveMode::NonRecursive);
        }
    }
}

/// Re-adds the recursive watch on a watched folder that was deleted and
/// created again (the old watch died with the folder).
pub fn rewatch(watcher: &mut RecommendedWatcher, root: &Path, change: &Change) {
    for dir in WATCHED_DIRS {
        if change.paths.iter().any(|p| p == dir) {
            let p = root.join(dir);
            if p.is_dir() {
                let _ = watcher.unwatch(&p);
                let _ = watcher.watch(&p, RecursiveMode::Recursive);
            }
        }
    }
}

/// Waits for a relevant event, then collects more until 8 ms pass quietly
/// (at most 200 ms), and sends them as one [`Change`]. An editor's save
/// (write, rename, touch) arrives within a millisecond or two; a longer
/// wait would only delay every reload.
fn coalesce(
    root: &Path,
    raw: Receiver<notify::Result<notify::Event>>,
    tx: Sender<Change>,
    extra: Extra,
) {
    const QUIET: Duration = Duration::from_millis(8);
    const MAX: Duration = Duration::from_millis(200);
    loop {
        let mut change = Change::default();
        let mut created = HashSet::new();
        // Block for the first relevant event.
        loop {
            match raw.recv() {
                Ok(Ok(ev)) => {
                    add_event(root, &ev, &extra, &mut change, &mut created);
                    if !change.paths.is_empty() {
                        break;
                    }
                }
                Ok(Err(_)) => continue,
                Err(_) => return,
            }
        }
        let started = Instant::now();
        loop {
            let left = MAX.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match raw.recv_timeout(QUIET.min(left)) {
                Ok(Ok(ev)) => add_event(root, &ev, &extra, &mut change, &mut created),
                Ok(Err(_)) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        change.paths.sort();
        change.paths.dedup();
        drop_vanished(root, &mut change, &created);
        if change.paths.is_empty() {
            continue;
        }
        if tx.send(change).is_err() {
            return;
        }
    }
}

/// Adds an event's relevant paths to `change`, and to `created` those it
/// brought into being (made, or renamed to).
fn add_event(
    root: &Path,
    ev: &notify::Event,
    extra: &Extra,
    change: &mut Change,
    created: &mut HashSet<String>,
) {
    if matches!(ev.kind, EventKind::Access(_)) {
        return;
    }
    let made = |i: usize| match ev.kind {
        EventKind::Create(_) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => i == 1,
        _ => false,
    };
    for (i, p) in ev.paths.iter().enumerate() {
        if let Some(rel) = relative(root, p)
            && (is_relevant(&rel) || extra.read().is_ok_and(|files| files.contains(&rel)))
        {
            if made(i) {
                created.insert(rel.clone());
            }
            change.paths.push(rel);
        }
    }
}

/// Leaves out files made and gone again within one burst: an editor's
/// temporary files, whatever their names (`sed -i` writes `sedXXXXXX`
/// and renames it over the file). A file that was there before and is now
/// gone was deleted, which is a real change.
fn drop_vanished(root: &Path, change: &mut Change, created: &HashSet<String>) {
    change
        .paths
        .retain(|p| !created.contains(p) || root.join(p).symlink_metadata().is_ok());
}

fn relative(root: &Path, p: &Path) -> Option<String> {
    let rel: PathBuf = p.strip_prefix(root).ok()?.to_path_buf();
    let s = rel.to_string_lossy().replace('\\', "/");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_trigger_a_rebuild() {
        assert!(is_relevant("site.yaml"));
        assert!(is_relevant("content/services/a.md"));
        assert!(is_relevant("themes/default/static/css/site.css"));
        assert!(is_relevant("content"));
        assert!(!is_relevant("public/index.html"));
        assert!(!is_relevant("target/debug/x"));
        assert!(!is_relevant("content/.a.md.swp"));
        assert!(!is_relevant("content/a.md~"));
        assert!(!is_relevant("content/4913"));
        assert!(!is_relevant("content/.#a.md"));
        assert!(!is_relevant("content/.DS_Store"));
    }

    #[test]
    fn a_change_to_stylesheets_alone_is_css_only() {
        let css = Change {
            paths: vec!["themes/default/static/css/site.css".into()],
        };
        assert!(css.css_only());
        let mixed = Change {
            paths: vec![
                "themes/default/static/css/site.css".into(),
                "content/a.md".into(),
            ],
        };
        assert!(!mixed.css_only());
    }
}

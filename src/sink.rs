//! Where built files go: the [`Sink`] every stage that makes files writes
//! into, and its simple kinds (a folder, nothing, memory). A leaf module,
//! so the output stages (search, output, the browser editor's files) and
//! the build above them can all write without importing each other.
//! Sinks that add behaviour (recording paths, minifying, the addresses
//! guard) stay with the stage they belong to, in `output`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The marker at the top of every folder Signpost builds (see
/// `output::manifest`). Defined here because [`DirSink`] never writes it.
pub const MARKER: &str = ".signpost-output";
/// The marker in a staging folder while its build is still writing.
pub const BUILDING: &str = ".signpost-building";

/// Receives built files. Paths are relative, `/`-separated.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Copies a file as it is.
    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        self.write(rel, &fs::read(from)?)
    }

    /// Forgets a file written earlier (a page that was deleted since). Only
    /// the preview's store, which is updated between builds, has anything
    /// to do: a build to disk starts from an empty folder.
    fn remove(&self, _rel: &str) {}
}

/// Writes into a folder on disk.
pub struct DirSink {
    dir: PathBuf,
}

impl DirSink {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DirSink { dir: dir.into() }
    }

    fn target(&self, rel: &str) -> io::Result<PathBuf> {
        if rel.split('/').any(|s| s == "..")
            || rel.starts_with('/')
            || rel == MARKER
            || rel == BUILDING
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {rel}"),
            ));
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }
}

impl Sink for DirSink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.target(rel)?, bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        fs::copy(from, self.target(rel)?).map(|_| ())
    }
}

/// Throws files away: for `signpost check`, which builds only to check.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _rel: &str, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, from: &Path, _rel: &str) -> io::Result<()> {
        // Still fail on a file that cannot be read, as a real build would.
        fs::File::open(from).map(|_| ())
    }
}

/// A built site in memory, path → bytes.
pub type Files = BTreeMap<String, std::sync::Arc<[u8]>>;

/// Keeps the built site in memory (for tests and the preview server).
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Files>,
    /// The paths written or removed since [`MemorySink::publish`] last ran;
    /// `None` before it first runs (nothing is recorded then) and after
    /// `retain`, when the next publish copies every file.
    changed: Mutex<Option<BTreeSet<String>>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, v.to_vec()))
            .collect()
    }

    /// The files as they are now; cheap, as the bytes are shared.
    pub fn snapshot(&self) -> Files {
        self.files.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// Forgets every file `keep` says no to.
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        if let Ok(mut f) = self.files.lock() {
            f.retain(|k, _| keep(k));
        }
        self.unknown();
    }

    /// Brings `into`, the files this sink last published, up to date:
    /// only the paths changed since then are put in when no one else
    /// holds `into`, as copying the whole map (10,000 pages) after every
    /// save took a few milliseconds; a copy of every file otherwise, and
    /// the first time.
    pub fn publish(&self, into: &mut std::sync::Arc<Files>) {
        let Ok(files) = self.files.lock() else {
            return;
        };
        let Ok(mut changed) = self.changed.lock() else {
            *into = std::sync::Arc::new(files.clone());
            return;
        };
        match (changed.take(), std::sync::Arc::get_mut(into)) {
            (Some(paths), Some(old)) => {
                for path in paths {
                    match files.get(&path) {
                        Some(bytes) => old.insert(path, std::sync::Arc::clone(bytes)),
                        None => old.remove(&path),
                    };
                }
            }
            _ => *into = std::sync::Arc::new(files.clone()),
        }
        *changed = Some(BTreeSet::new());
    }

    /// Records that `rel` changed, if changes are being recorded.
    fn changed(&self, rel: &str) {
        match self.changed.lock() {
            Ok(mut c) => {
                if let Some(c) = c.as_mut() {
                    c.insert(rel.to_string());
                }
            }
            Err(_) => self.unknown(),
        }
    }

    /// The next publish copies every file.
    fn unknown(&self) {
        let mut c = match self.changed.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        *c = None;
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.files
            .lock()
            .map_err(|_| io::Error::other("output lock poisoned"))?
            .insert(rel.to_string(), std::sync::Arc::from(bytes));
        self.changed(rel);
        Ok(())
    }

    fn remove(&self, rel: &str) {
        if let Ok(mut f) = self.files.lock() {
            f.remove(rel);
        }
        self.changed(rel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn publishing_puts_in_only_what_changed_and_copies_everything_when_shared() {
        let sink = MemorySink::default();
        sink.write("a.html", b"a").expect("write");
        sink.write("b.html", b"b").expect("write");
        // The first time, whatever `into` held is replaced by every file.
        let mut into = Arc::new(Files::from([(
            "old.html".to_string(),
            Arc::from(&b"x"[..]),
        )]));
        sink.publish(&mut into);
        assert_eq!(*into, sink.snapshot());
        // Then only the changes: a file written, one removed.
        sink.write("c.html", b"c").expect("write");
        sink.remove("a.html");
        sink.write("b.html", b"B").expect("write");
        let before = Arc::as_ptr(&into);
        sink.publish(&mut into);
        assert_eq!(Arc::as_ptr(&into), before, "patched in place");
        assert_eq!(*into, sink.snapshot());
        // Someone still reading the last files: they keep them as they were.
        let reader = Arc::clone(&into);
        sink.remove("b.html");
        sink.publish(&mut into);
        assert_eq!(*into, sink.snapshot());
        assert!(reader.contains_key("b.html"));
        // After `retain`, everything is copied again.
        sink.write("d.html", b"d").expect("write");
        sink.retain(|k| k != "c.html");
        drop(reader);
        sink.publish(&mut into);
        assert_eq!(*into, sink.snapshot());
    }
}

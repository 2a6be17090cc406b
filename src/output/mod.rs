//! Output: where built files go. A [`Sink`] (from `crate::sink`, re-exported
//! here) takes each file as it is made;
//! [`Staging`] builds into a folder beside the output and swaps it in only
//! when the whole build worked, so a failed build never touches `public/`;
//! [`guard`] says which folders may be replaced and locks them, and
//! [`manifest`] marks what Signpost wrote.
//! [`discovery`] makes the sitemap, feeds and redirect pages; [`minify`] and
//! [`relative`] are the finishing touches `signpost build` can apply.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub mod addresses;
pub mod discovery;
pub mod guard;
pub mod manifest;
pub mod relative;
pub mod staging;

pub use crate::sink::{DirSink, Files, MemorySink, NullSink, Sink};
pub use guard::Refused;
pub use staging::Staging;

use crate::content::Site;
use crate::diagnostics::Diagnostic;

/// Passes files on to another sink and remembers their paths, for the link
/// checks.
pub struct RecordingSink<'a> {
    inner: &'a dyn Sink,
    keys: Mutex<std::collections::HashSet<String>>,
}

impl<'a> RecordingSink<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        RecordingSink {
            inner,
            keys: Mutex::default(),
        }
    }

    pub fn into_keys(self) -> std::collections::HashSet<String> {
        self.keys.into_inner().unwrap_or_default()
    }

    fn record(&self, rel: &str) {
        if let Ok(mut k) = self.keys.lock() {
            k.insert(rel.to_string());
        }
    }
}

impl Sink for RecordingSink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.inner.write(rel, bytes)?;
        self.record(rel);
        Ok(())
    }

    fn remove(&self, rel: &str) {
        self.inner.remove(rel);
        if let Ok(mut k) = self.keys.lock() {
            k.remove(rel);
        }
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        self.inner.copy(from, rel)?;
        self.record(rel);
        Ok(())
    }
}

/// Minifies stylesheets on their way to another sink, for `signpost build`.
/// (Templates are minified when they are loaded, and relative links are
/// made in a last pass over the finished folder.)
pub struct MinifyingSink<'a> {
    inner: &'a dyn Sink,
    minify: bool,
}

impl<'a> MinifyingSink<'a> {
    pub fn new(inner: &'a dyn Sink, minify: bool) -> Self {
        MinifyingSink { inner, minify }
    }
}

impl Sink for MinifyingSink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.inner.write(rel, bytes)
    }

    fn remove(&self, rel: &str) {
        self.inner.remove(rel);
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        if self.minify && rel.ends_with(".css") {
            self.inner.write(
                rel,
                &crate::render::minify::static_file(rel, fs::read(from)?, true),
            )
        } else {
            self.inner.copy(from, rel)
        }
    }
}

/// Copies every file under `from` into the sink, skipping editor leftovers
/// and shortcuts that lead outside the site (those are added to
/// `left_out`). Returns how many were copied.
pub fn copy_tree(
    from: &Path,
    root: &Path,
    sink: &dyn Sink,
    renames: &BTreeMap<String, String>,
    left_out: &mut Vec<PathBuf>,
) -> io::Result<usize> {
    if !from.is_dir() {
        return Ok(0);
    }
    let mut n = 0;
    for entry in crate::content::walk_site_dir(from, root, left_out) {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        let to = renames.get(&rel).unwrap_or(&rel);
        sink.copy(entry.path(), to)?;
        n += 1;
    }
    Ok(n)
}

/// The files made from the whole site rather than one page: sitemap,
/// robots.txt, feeds, alias redirects and the browser editor, as (output
/// path, text). `blocked`: the output paths that clash, which are not made.
/// The pages' sitemap and feed entries are taken from `entries` where it
/// has them.
pub fn site_files(
    site: &Site,
    blocked: &BTreeSet<String>,
    entries: &mut discovery::Entries,
) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let mut files = vec![
        ("sitemap.xml".to_string(), discovery::sitemap(site, entries)),
        ("robots.txt".to_string(), discovery::robots(site)),
    ];
    files.extend(
        discovery::feeds(site, entries)
            .into_iter()
            .map(|(path, _, xml)| (path, xml)),
    );
    let (redirects, diags) = discovery::redirects(site, blocked);
    files.extend(redirects);
    files.extend(crate::cms::files(site));
    (files, diags)
}

/// A hook for the tests of interrupted builds: with `SIGNPOST_FAILPOINT`
/// naming a step (several with commas) the process stops dead there, as if
/// killed; with `NAME:error`, the step fails as a full disk would.
#[doc(hidden)]
pub fn failpoint(name: &str) -> io::Result<()> {
    let Some(value) = std::env::var_os("SIGNPOST_FAILPOINT") else {
        return Ok(());
    };
    for point in value.to_string_lossy().split(',') {
        if point == name {
            std::process::abort();
        }
        if point.strip_suffix(":error") == Some(name) {
            return Err(io::Error::other(format!("stopped at `{name}` for a test")));
        }
    }
    Ok(())
}

//! Heading ids that never repeat on a page: not each other, not the ids the
//! theme writes itself (`feedback`, `how-to-apply` …), not the ids of the
//! page's other markdown and not the footnotes' ids. A heading whose id is
//! taken gets `-1`, `-2` … added, as comrak does for repeated headings.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use comrak::Anchorizer;

/// The theme's ids on each page, found before any markdown is rendered.
#[derive(Debug, Default, Clone)]
pub struct Reserved {
    /// Fingerprint of a page's file → the ids its template writes. By
    /// fingerprint rather than by a copy of the path, as one is held for
    /// every page of the site (two paths with the same 64-bit fingerprint
    /// are too unlikely to matter; the worst would be a heading numbered
    /// when it need not be).
    by_file: HashMap<u64, Arc<HashSet<String>>>,
    /// For markdown not from a page (`urgent_help` in `site.yaml`): the ids
    /// on every page.
    everywhere: Arc<HashSet<String>>,
}

impl Reserved {
    pub fn new<P: AsRef<Path>>(
        by_file: impl IntoIterator<Item = (P, Arc<HashSet<String>>)>,
        everywhere: HashSet<String>,
    ) -> Reserved {
        Reserved {
            by_file: by_file
                .into_iter()
                .map(|(file, ids)| (fingerprint(file.as_ref()), ids))
                .collect(),
            everywhere: Arc::new(everywhere),
        }
    }

    /// The ids taken before the markdown of `file` is read, with `also`.
    pub fn taken(&self, file: &Path, also: &[String]) -> Taken {
        let theme = self
            .by_file
            .get(&fingerprint(file))
            .unwrap_or(&self.everywhere);
        let mut used: HashSet<String> = theme.iter().cloned().collect();
        used.extend(also.iter().cloned());
        Taken {
            used,
            next: HashMap::new(),
        }
    }
}

fn fingerprint(file: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    // Fixed keys: the same path gives the same number every time.
    let mut h = std::hash::DefaultHasher::new();
    file.hash(&mut h);
    h.finish()
}

/// The ids used so far on one page.
#[derive(Debug, Default)]
pub struct Taken {
    used: HashSet<String>,
    /// Base → the number to try next, so a page with thousands of headings
    /// of the same words takes time in step with their number.
    next: HashMap<String, usize>,
}

impl Taken {
    /// Marks an id (a footnote's) as used without changing it.
    pub fn reserve(&mut self, id: String) {
        self.used.insert(id);
    }

    /// The id for a heading with this text: its slug (`section` when the
    /// text has no letters or digits), made unique.
    pub fn heading(&mut self, text: &str) -> String {
        let slug = Anchorizer::new().anchorize(text);
        self.unique(if slug.is_empty() { "section" } else { &slug })
    }

    /// `base`, or `base-1`, `base-2` … whichever is free first; then taken.
    pub fn unique(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).copied().unwrap_or(0);
        let id = loop {
            let candidate = if n == 0 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            };
            if !self.used.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        self.next.insert(base.to_string(), n + 1);
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_heading_with_the_same_id_as_the_theme_gets_a_number() {
        let theme: HashSet<String> = ["feedback".to_string(), "how-to-apply".to_string()].into();
        let reserved = Reserved::new(
            [(PathBuf::from("content/a.md"), Arc::new(theme))],
            HashSet::new(),
        );
        let mut taken = reserved.taken(Path::new("content/a.md"), &[]);
        assert_eq!(taken.heading("Feedback"), "feedback-1");
        assert_eq!(taken.heading("Feedback"), "feedback-2");
        assert_eq!(taken.heading("How to apply"), "how-to-apply-1");
        assert_eq!(taken.heading("Eligibility"), "eligibility");
        assert_eq!(taken.heading("!!!"), "section");
        // Another page's theme ids do not apply.
        let mut other = reserved.taken(Path::new("content/b.md"), &["intro".into()]);
        assert_eq!(other.heading("Feedback"), "feedback");
        assert_eq!(other.heading("Intro"), "intro-1");
    }
}

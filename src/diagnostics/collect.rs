//! All findings of one run, collected (never stopping at the first), sorted
//! for people, with long runs of one finding in one file capped.

use std::collections::BTreeMap;

use super::Diagnostic;

/// All findings of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The findings in a stable order (by file, line, column), duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        self.clone().into_sorted()
    }

    /// [`Diagnostics::sorted`], without copying them.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut v = self.items;
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v.dedup();
        v
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The findings, without copying them.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// The findings in order, as people read them: at most `cap` of one
    /// code in one file, then, after the file's other findings, one saying
    /// how many more there are (a page pasted from elsewhere can have
    /// thousands of one mistake, and nobody reads past the first few).
    pub fn for_people(&self, cap: usize) -> Vec<Diagnostic> {
        let sorted = self.sorted();
        let mut out = Vec::new();
        // Per code in the current file: how many, the first left out.
        let mut counts: BTreeMap<&'static str, (usize, Option<&Diagnostic>)> = BTreeMap::new();
        let flush = |counts: &mut BTreeMap<&'static str, (usize, Option<&Diagnostic>)>,
                     out: &mut Vec<Diagnostic>| {
            for (_, (n, first)) in std::mem::take(counts) {
                if let Some(first) = first {
                    out.push(more_like(first, n - cap, cap));
                }
            }
        };
        for (i, d) in sorted.iter().enumerate() {
            if i > 0 && sorted[i - 1].file != d.file {
                flush(&mut counts, &mut out);
            }
            let entry = counts.entry(d.code).or_insert((0, None));
            entry.0 += 1;
            if entry.0 <= cap {
                out.push(d.clone());
            } else if entry.1.is_none() {
                entry.1 = Some(d);
            }
        }
        flush(&mut counts, &mut out);
        out
    }
}

/// The finding that stands for `n` more like `first` (the first left out).
fn more_like(first: &Diagnostic, n: usize, cap: usize) -> Diagnostic {
    let from = first
        .line
        .map_or(String::new(), |l| format!(", from line {l} on"));
    Diagnostic {
        line: None,
        column: None,
        field: None,
        message: format!("…and {n} more like this in this file{from}"),
        help: Some(format!(
            "Only the first {cap} are shown. Fix those and check again, or run `signpost check --format json` to list every one."
        )),
        ..first.clone()
    }
}

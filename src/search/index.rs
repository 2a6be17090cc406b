//! Writing the index files (see the design in `super`): pages are added in
//! id order, their text cut into keys in parallel by the caller; postings
//! are kept compact (page id and weighted count per group) and the pages'
//! own records are written out in chunks as they fill, so memory grows
//! with the number of distinct words and postings, not with the text.

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};

use super::words::{self, Grouper};
use crate::output::Sink;

/// Pages per record file: the browser fetches the files of the results it
/// shows, so small files mean little to fetch.
pub const PAGES_PER_FILE: usize = 4;
/// A words file is closed once it holds about this many bytes.
const WORDS_FILE_BYTES: usize = 24 * 1024;
/// Characters of page text kept for the excerpts.
pub const EXCERPT_CHARS: usize = 1500;
/// How much more a word counts in the title, and in the summary.
const TITLE_WEIGHT: u32 = 4;
const SUMMARY_WEIGHT: u32 = 2;
/// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// One page, its text already cut into keys (see [`analyse`]).
pub struct Analysed {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub kind: String,
    /// The start of the page's text, for excerpts.
    pub excerpt: String,
    /// Each key once, with its weighted count.
    pub counts: Vec<(String, u32)>,
    /// Words in the page's text.
    pub length: u32,
}

/// Cuts one page into keys: its text, with title and summary words
/// counting more. Pure, so pages can be analysed in parallel.
pub fn analyse(url: String, title: String, summary: String, kind: String, text: &str) -> Analysed {
    let mut counts: HashMap<String, u32, Fnv> = HashMap::default();
    let mut length = 0u32;
    let mut add = |s: &str, weight: u32, length: &mut u32| {
        words::words(s, |w| {
            *length += 1;
            match counts.get_mut(w) {
                Some(c) => *c = c.saturating_add(weight),
                None => {
                    counts.insert(w.to_string(), weight);
                }
            }
        });
    };
    add(text, 1, &mut length);
    let mut ignored = 0;
    add(&title, TITLE_WEIGHT, &mut ignored);
    add(&summary, SUMMARY_WEIGHT, &mut ignored);
    Analysed {
        excerpt: excerpt_text(text),
        url,
        title,
        summary,
        kind,
        counts: counts.into_iter().collect(),
        length: length.max(1),
    }
}

/// The first [`EXCERPT_CHARS`] characters of `text`, cut at a space.
fn excerpt_text(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = text.get(..end).unwrap_or(text);
            head.rfind(' ')
                .and_then(|space| head.get(..space))
                .unwrap_or(head)
                .to_string()
        }
    }
}

/// The index being written.
pub struct Builder<'a> {
    sink: &'a dyn Sink,
    dir: &'a str,
    grouper: Grouper,
    /// Key → group id.
    keys: HashMap<String, u32, Fnv>,
    /// Group id → its stem.
    groups: Vec<String>,
    /// Stem → group id.
    by_stem: HashMap<String, u32, Fnv>,
    /// Group id → (page id, weighted count), page ids ascending.
    postings: Vec<Vec<(u32, u32)>>,
    lengths: Vec<u32>,
    /// (kind, first page id, end page id).
    kinds: Vec<(String, u32, u32)>,
    waiting: Vec<(String, String, String, String)>,
    page_files: Vec<String>,
    written: usize,
}

impl<'a> Builder<'a> {
    /// Writes into `sink` under `dir` (`search-index`).
    pub fn new(sink: &'a dyn Sink, dir: &'a str, language: &str) -> Builder<'a> {
        Builder {
            sink,
            dir,
            grouper: Grouper::new(language),
            keys: HashMap::default(),
            groups: Vec::new(),
            by_stem: HashMap::default(),
            postings: Vec::new(),
            lengths: Vec::new(),
            kinds: Vec::new(),
            waiting: Vec::new(),
            page_files: Vec::new(),
            written: 0,
        }
    }

    /// Adds the next page (pages must come grouped by kind).
    pub fn add(&mut self, page: Analysed) -> Result<()> {
        let id = u32::try_from(self.lengths.len()).context("too many pages to index")?;
        self.lengths.push(page.length);
        match self.kinds.last_mut() {
            Some((kind, _, end)) if *kind == page.kind => *end = id + 1,
            _ => self.kinds.push((page.kind.clone(), id, id + 1)),
        }
        let mut groups: Vec<(u32, u32)> = page
            .counts
            .into_iter()
            .map(|(key, count)| (self.group_of(key), count))
            .collect();
        groups.sort_unstable();
        groups.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 = first.1.saturating_add(later.1);
            }
            same
        });
        for (g, count) in groups {
            if let Some(list) = self.postings.get_mut(g as usize) {
                list.push((id, count));
            }
        }
        self.waiting
            .push((page.url, page.title, page.summary, page.excerpt));
        if self.waiting.len() == PAGES_PER_FILE {
            self.flush_pages()?;
        }
        Ok(())
    }

    fn group_of(&mut self, key: String) -> u32 {
        if let Some(&g) = self.keys.get(&key) {
            return g;
        }
        let stem = self.grouper.group(&key);
        let g = match self.by_stem.get(&stem) {
            Some(&g) => g,
            None => {
                let g = self.groups.len() as u32;
                self.by_stem.insert(stem.clone(), g);
                self.groups.push(stem);
                self.postings.push(Vec::new());
                g
            }
        };
        self.keys.insert(key, g);
        g
    }

    fn flush_pages(&mut self) -> Result<()> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        let json = serde_json::to_vec(&self.waiting).context("could not write the search index")?;
        self.waiting.clear();
        let name = self.put("p", &json)?;
        self.page_files.push(name);
        Ok(())
    }

    /// Writes a file named by its contents; returns its name.
    fn put(&mut self, prefix: &str, bytes: &[u8]) -> Result<String> {
        let name = format!("{prefix}-{:016x}.json", fnv1a(bytes));
        let path = format!("{}/{name}", self.dir);
        self.sink
            .write(&path, bytes)
            .with_context(|| format!("could not write the search index file {path}"))?;
        self.written += 1;
        Ok(name)
    }

    /// Writes the words files and the entry file; returns how many files
    /// the index has.
    pub fn finish(mut self) -> Result<usize> {
        self.flush_pages()?;
        let pages = self.lengths.len();
        let average = self.lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / pages.max(1) as f64;
        // Each group's postings as the browser reads them: page ids as
        // gaps, each followed by its BM25 score (×100, at least 1).
        let encoded: Vec<String> = self
            .postings
            .iter()
            .map(|list| encode(list, &self.lengths, pages, average))
            .collect();
        let mut keys: Vec<(String, u32)> = std::mem::take(&mut self.keys).into_iter().collect();
        let mut extra: HashMap<String, u32> = HashMap::new();
        for (key, g) in &keys {
            let stem = self.groups.get(*g as usize).map_or("", String::as_str);
            for form in self.grouper.forms(key, stem) {
                extra.entry(form).or_insert(*g);
            }
        }
        let known: std::collections::HashSet<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        let extra: Vec<(String, u32)> = extra
            .into_iter()
            .filter(|(f, _)| !known.contains(f.as_str()))
            .collect();
        keys.extend(extra);
        // The browser compares strings by UTF-16 units: sort the same way.
        keys.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

        let mut files: Vec<(String, String)> = Vec::new();
        let mut chunk = Chunk::default();
        for (key, g) in keys {
            let size = key.len()
                + 8
                + if chunk.local.contains_key(&g) {
                    0
                } else {
                    encoded.get(g as usize).map_or(0, String::len)
                };
            if !chunk.forms.is_empty() && chunk.bytes + size > WORDS_FILE_BYTES {
                let first = chunk.forms.first().map(|f| f.0.clone()).unwrap_or_default();
                let name = self.put("w", chunk.json(&encoded).as_bytes())?;
                files.push((first, name));
                chunk = Chunk::default();
            }
            chunk.add(key, g, &encoded);
        }
        if !chunk.forms.is_empty() {
            let first = chunk.forms.first().map(|f| f.0.clone()).unwrap_or_default();
            let name = self.put("w", chunk.json(&encoded).as_bytes())?;
            files.push((first, name));
        }
        let entry = serde_json::json!({
            "version": 1,
            "pages": pages,
            "pages_per_file": PAGES_PER_FILE,
            "kinds": self.kinds,
            "words": files,
            "records": self.page_files,
        });
        let path = format!("{}/{}", self.dir, super::ENTRY_FILE);
        self.sink
            .write(&path, entry.to_string().as_bytes())
            .with_context(|| format!("could not write the search index file {path}"))?;
        Ok(self.written + 1)
    }
}

/// One words file being filled: forms in order, each with the group it
/// belongs to (numbered within the file).
#[derive(Default)]
struct Chunk {
    forms: Vec<(String, usize)>,
    local: HashMap<u32, usize>,
    order: Vec<u32>,
    bytes: usize,
}

impl Chunk {
    fn add(&mut self, key: String, g: u32, encoded: &[String]) {
        let next = self.order.len();
        let local = *self.local.entry(g).or_insert_with(|| {
            self.bytes += encoded.get(g as usize).map_or(0, String::len);
            next
        });
        if local == next {
            self.order.push(g);
        }
        self.bytes += key.len() + 8;
        self.forms.push((key, local));
    }

    /// `{"f":[["referral",0],…],"g":[[gap,score,…],…]}`.
    fn json(&self, encoded: &[String]) -> String {
        let mut out = String::with_capacity(self.bytes + 16);
        out.push_str("{\"f\":[");
        for (i, (form, local)) in self.forms.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Keys are letters and digits: nothing to escape in JSON.
            let _ = write!(out, "[\"{form}\",{local}]");
        }
        out.push_str("],\"g\":[");
        for (i, g) in self.order.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(encoded.get(*g as usize).map_or("[]", String::as_str));
        }
        out.push_str("]}");
        out
    }
}

/// A group's postings with their BM25 scores: `[gap,score,gap,score…]`.
fn encode(list: &[(u32, u32)], lengths: &[u32], pages: usize, average: f64) -> String {
    let n = pages as f64;
    let df = list.len() as f64;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let mut out = String::with_capacity(list.len() * 7 + 2);
    out.push('[');
    let mut previous = 0u32;
    for (i, &(page, count)) in list.iter().enumerate() {
        let length = f64::from(lengths.get(page as usize).copied().unwrap_or(1));
        let tf = f64::from(count);
        let score = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average.max(1.0)));
        let score = ((score * 100.0).round() as u64).max(1);
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{},{score}", page - previous);
        previous = page;
    }
    out.push(']');
    out
}

/// FNV-1a for the word tables: the keys are short, and SipHash's
/// protection against chosen keys is not needed for a site's own words.
#[derive(Default, Clone, Copy)]
pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

/// FNV-1a, 64 bits: enough to give each file a name of its own.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

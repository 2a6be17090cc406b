//! Writing the index files (see the design in `super`): pages are added in
//! id order, their text cut into keys in parallel by the caller; postings
//! are kept compact (page id and weighted count per group) and the pages'
//! own records are written out in chunks as they fill, so memory grows
//! with the number of distinct words and postings, not with the text.

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use rayon::prelude::*;

pub use super::analyse::{Analysed, Fast, KeyTable, analyse};
use super::words::Grouper;
use crate::sink::Sink;

/// Pages per record file: the browser fetches the files of the results it
/// shows, so small files mean little to fetch.
pub const PAGES_PER_FILE: usize = 4;
/// A words file is closed once it holds about this many bytes.
const WORDS_FILE_BYTES: usize = 24 * 1024;
/// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The index being written.
pub struct Builder<'a> {
    sink: &'a dyn Sink,
    dir: &'a str,
    grouper: Grouper,
    /// The keys met, numbered by [`analyse`]: shared with the threads
    /// that cut the next pages into keys while these are added.
    keys: &'a KeyTable,
    /// Key number → group id (`NONE` until the key is grouped).
    key_groups: Vec<u32>,
    /// Group id → its stem.
    groups: Vec<String>,
    /// Stem → group id.
    by_stem: HashMap<String, u32, Fast>,
    /// Group id → (page id, weighted count), page ids ascending.
    postings: Vec<Vec<(u32, u32)>>,
    lengths: Vec<u32>,
    /// (kind, first page id, end page id).
    kinds: Vec<(String, u32, u32)>,
    waiting: Vec<Record>,
    /// Record files filled and not yet written (see [`Builder::write_records`]).
    full: Vec<Vec<Record>>,
    page_files: Vec<String>,
    written: usize,
}

impl<'a> Builder<'a> {
    /// Writes into `sink` under `dir` (`search-index`); the pages' keys
    /// are numbered in `keys`.
    pub fn new(
        sink: &'a dyn Sink,
        dir: &'a str,
        language: &str,
        keys: &'a KeyTable,
    ) -> Builder<'a> {
        Builder {
            sink,
            dir,
            grouper: Grouper::new(language),
            keys,
            key_groups: Vec::new(),
            groups: Vec::new(),
            by_stem: HashMap::default(),
            postings: Vec::new(),
            lengths: Vec::new(),
            kinds: Vec::new(),
            waiting: Vec::new(),
            full: Vec::new(),
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
        // Keys of one group (and a key in both the text and the title)
        // add up to one count: pages come in id order, so a group's last
        // posting is this page's if it has one yet.
        for (key, count) in page.counts {
            let g = self.group_of(key);
            if let Some(list) = self.postings.get_mut(g as usize) {
                match list.last_mut() {
                    Some(last) if last.0 == id => last.1 = last.1.saturating_add(count),
                    _ => list.push((id, count)),
                }
            }
        }
        self.waiting
            .push((page.url, page.title, page.summary, page.excerpt));
        if self.waiting.len() == PAGES_PER_FILE {
            self.full.push(std::mem::take(&mut self.waiting));
        }
        Ok(())
    }

    /// Writes the record files filled so far, in parallel (the caller does
    /// this after each batch of pages, so few records wait in memory).
    pub fn write_records(&mut self) -> Result<()> {
        let (sink, dir) = (self.sink, self.dir);
        let names: Vec<String> = std::mem::take(&mut self.full)
            .par_iter()
            .map(|records| {
                let json =
                    serde_json::to_vec(records).context("could not write the search index")?;
                put(sink, dir, "p", &json)
            })
            .collect::<Result<_>>()?;
        self.written += names.len();
        self.page_files.extend(names);
        Ok(())
    }

    fn group_of(&mut self, key: u32) -> u32 {
        match self.key_groups.get(key as usize) {
            Some(&g) if g != NONE => return g,
            Some(_) => {}
            None => self.key_groups.resize(key as usize + 1, NONE),
        }
        let name = self.keys.name(key).unwrap_or_default();
        let stem = self.grouper.group(&name);
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
        if let Some(slot) = self.key_groups.get_mut(key as usize) {
            *slot = g;
        }
        g
    }

    /// Writes the words files and the entry file; returns how many files
    /// the index has.
    pub fn finish(mut self) -> Result<usize> {
        if !self.waiting.is_empty() {
            self.full.push(std::mem::take(&mut self.waiting));
        }
        self.write_records()?;
        let pages = self.lengths.len();
        let average = self.lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / pages.max(1) as f64;
        // Each group's postings as the browser reads them: page ids as
        // gaps, each followed by its BM25 score (×100, at least 1).
        let encoded: Vec<String> = std::mem::take(&mut self.postings)
            .into_par_iter()
            .map(|list| encode(&list, &self.lengths, pages, average))
            .collect();
        let key_groups = std::mem::take(&mut self.key_groups);
        let mut keys: Vec<(String, u32)> = self
            .keys
            .take_names()
            .into_iter()
            .zip(key_groups)
            .filter(|(_, g)| *g != NONE)
            .map(|(name, g)| (name.into(), g))
            .collect();
        // A form's group is the one its stem names, so which key lists it
        // first makes no difference.
        let (grouper, groups) = (&self.grouper, &self.groups);
        let forms: Vec<(String, u32)> = keys
            .par_iter()
            .flat_map_iter(|(key, g)| {
                let stem = groups.get(*g as usize).map_or("", String::as_str);
                grouper.forms(key, stem).into_iter().map(move |f| (f, *g))
            })
            .collect();
        let mut extra: HashMap<String, u32, Fast> = HashMap::default();
        for (form, g) in forms {
            extra.entry(form).or_insert(g);
        }
        let known: std::collections::HashSet<&str, Fast> =
            keys.iter().map(|(k, _)| k.as_str()).collect();
        let extra: Vec<(String, u32)> = extra
            .into_iter()
            .filter(|(f, _)| !known.contains(f.as_str()))
            .collect();
        keys.extend(extra);
        // The browser compares strings by UTF-16 units: sort the same way.
        keys.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

        // Cut into files in order, then each file made and written in
        // parallel.
        let mut chunks: Vec<Chunk> = Vec::new();
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
                chunks.push(std::mem::take(&mut chunk));
            }
            chunk.add(key, g, &encoded);
        }
        if !chunk.forms.is_empty() {
            chunks.push(chunk);
        }
        let (sink, dir) = (self.sink, self.dir);
        let files: Vec<(String, String)> = chunks
            .par_iter()
            .map(|chunk| {
                let first = chunk.forms.first().map(|f| f.0.clone()).unwrap_or_default();
                Ok((first, put(sink, dir, "w", chunk.json(&encoded).as_bytes())?))
            })
            .collect::<Result<_>>()?;
        self.written += files.len();
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

/// A key not yet given a group.
const NONE: u32 = u32::MAX;

/// A page's record: address, title, summary and the start of its text.
type Record = (String, String, String, String);

/// Writes a file named by its contents; returns its name.
fn put(sink: &dyn Sink, dir: &str, prefix: &str, bytes: &[u8]) -> Result<String> {
    let name = format!("{prefix}-{:016x}.json", fnv1a(bytes));
    let path = format!("{dir}/{name}");
    sink.write(&path, bytes)
        .with_context(|| format!("could not write the search index file {path}"))?;
    Ok(name)
}

/// One words file being filled: forms in order, each with the group it
/// belongs to (numbered within the file).
#[derive(Default)]
struct Chunk {
    forms: Vec<(String, usize)>,
    local: HashMap<u32, usize, Fast>,
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
        push_number(&mut out, u64::from(page - previous));
        out.push(',');
        push_number(&mut out, score);
        previous = page;
    }
    out.push(']');
    out
}

/// Appends `n` in decimal: the postings are millions of numbers, and this
/// is several times quicker than `write!`.
fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// FNV-1a, 64 bits: enough to give each file a name of its own.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::push_number;

    #[test]
    fn numbers_are_written_in_decimal_as_write_would() {
        for n in [0, 7, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}

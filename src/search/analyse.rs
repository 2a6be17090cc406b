//! Cutting one page into counted keys for the index (see `super::index`):
//! done for many pages at once, on every core, so each page's words are
//! counted without copying them where they can be (most are pieces of the
//! page's lowercased text) and each key is stored once for the whole site
//! in a shared, numbered [`KeyTable`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use super::words;

/// Characters of page text kept for the excerpts.
pub const EXCERPT_CHARS: usize = 1500;
/// How much more a word counts in the title, and in the summary.
const TITLE_WEIGHT: u32 = 4;
const SUMMARY_WEIGHT: u32 = 2;

/// One page, its text already cut into keys (see [`analyse`]).
pub struct Analysed {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub kind: String,
    /// The start of the page's text, for excerpts.
    pub excerpt: String,
    /// Each key once (by its number in the [`KeyTable`]), with its
    /// weighted count.
    pub counts: Vec<(u32, u32)>,
    /// Words in the page's text.
    pub length: u32,
}

/// Cuts one page into keys: its text, with title and summary words
/// counting more; keys are numbered in `table`. Pages can be analysed in
/// parallel.
pub fn analyse(
    url: String,
    title: String,
    summary: String,
    kind: String,
    text: &str,
    table: &KeyTable,
) -> Analysed {
    // Lowercased first, so most words are pieces of it and are counted
    // without being copied (the keys are the same: see `words`).
    let lower = text.to_ascii_lowercase();
    let mut length = 0u32;
    let numbered = {
        let mut counts: HashMap<Word<'_>, u32, Fast> =
            HashMap::with_capacity_and_hasher(text.len() / 16, Fast::default());
        count(&mut counts, &lower, 1, &mut length);
        let mut ignored = 0;
        count(&mut counts, &title, TITLE_WEIGHT, &mut ignored);
        count(&mut counts, &summary, SUMMARY_WEIGHT, &mut ignored);
        table.number(counts)
    };
    Analysed {
        excerpt: excerpt_text(text),
        url,
        title,
        summary,
        kind,
        counts: numbered,
        length: length.max(1),
    }
}

/// Adds the keys of `s` to `counts`, each `weight` times.
fn count<'a>(counts: &mut HashMap<Word<'a>, u32, Fast>, s: &'a str, weight: u32, length: &mut u32) {
    words::words_in(s, |w, piece| {
        *length += 1;
        // A piece of `s` is looked up once, whether new or not; a copied
        // word is only copied again when it is new.
        let c = match piece {
            Some(p) => counts.entry(Word(Cow::Borrowed(p))).or_insert(0),
            None => match counts.get_mut(w) {
                Some(c) => c,
                None => counts.entry(Word(Cow::Owned(w.to_string()))).or_insert(0),
            },
        };
        *c = c.saturating_add(weight);
    });
}

/// A word counted on a page: a piece of its text, or a copy. Compared
/// inline, a few bytes at a time: a page's every word is compared with the
/// key it finds, most words are short, and a call to `memcmp` for each cost
/// more than the comparison. Hashed as the `str` it holds.
struct Word<'a>(Cow<'a, str>);

impl PartialEq for Word<'_> {
    fn eq(&self, other: &Self) -> bool {
        same(self.0.as_bytes(), other.0.as_bytes())
    }
}

impl Eq for Word<'_> {}

impl std::hash::Hash for Word<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (*self.0).hash(state);
    }
}

impl std::borrow::Borrow<str> for Word<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// Whether two byte strings are the same: up to 16 bytes as two
/// overlapping loads from each end, longer ones as slices.
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u64_at = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_le_bytes)
    };
    let u32_at = |s: &[u8], at: usize| {
        s.get(at..at + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
            .map(u32::from_le_bytes)
    };
    match n {
        8..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        _ => a == b,
    }
}

/// Every key met so far, numbered: shared by the threads that analyse
/// pages, so each key is stored once however many pages have it.
#[derive(Default)]
pub struct KeyTable {
    inner: RwLock<KeyNames>,
}

#[derive(Default)]
struct KeyNames {
    ids: HashMap<Box<str>, u32, Fast>,
    names: Vec<Box<str>>,
}

impl KeyTable {
    /// A page's keys as numbers, with their counts; new keys are added.
    fn number(&self, counts: HashMap<Word<'_>, u32, Fast>) -> Vec<(u32, u32)> {
        let mut out = Vec::with_capacity(counts.len());
        let mut missing = Vec::new();
        {
            // Most keys are known after the first pages: a shared lock.
            let table = self.inner.read().unwrap_or_else(PoisonError::into_inner);
            for (key, count) in counts {
                match table.ids.get(&*key.0) {
                    Some(&id) => out.push((id, count)),
                    None => missing.push((key, count)),
                }
            }
        }
        if !missing.is_empty() {
            let mut table = self.inner.write().unwrap_or_else(PoisonError::into_inner);
            for (key, count) in missing {
                let id = match table.ids.get(&*key.0) {
                    Some(&id) => id,
                    None => {
                        let id = table.names.len() as u32;
                        let name: Box<str> = key.0.into();
                        table.ids.insert(name.clone(), id);
                        table.names.push(name);
                        id
                    }
                };
                out.push((id, count));
            }
        }
        out
    }

    /// The key numbered `id`.
    pub fn name(&self, id: u32) -> Option<Box<str>> {
        let table = self.inner.read().unwrap_or_else(PoisonError::into_inner);
        table.names.get(id as usize).cloned()
    }

    /// Every key, by number, taken out of the table (the index is
    /// finished with it: no page is numbered after).
    pub fn take_names(&self) -> Vec<Box<str>> {
        let mut table = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        table.ids = HashMap::default();
        std::mem::take(&mut table.names)
    }
}

/// The first [`EXCERPT_CHARS`] characters of `text`, cut at a space.
fn excerpt_text(text: &str) -> String {
    // Short text is kept whole; in ASCII (most text) the character at
    // EXCERPT_CHARS is the byte there, found without counting.
    let end = match text.as_bytes().get(..=EXCERPT_CHARS) {
        None => None,
        Some(head) if head.is_ascii() => Some((EXCERPT_CHARS, ' ')),
        Some(_) => text.char_indices().nth(EXCERPT_CHARS),
    };
    match end {
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

/// The word tables' hash: eight bytes at a time, multiply and rotate (as
/// rustc's own tables do). The keys are short, and SipHash's protection
/// against chosen keys is not needed for a site's own words.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        // The last 1 to 7 bytes read as overlapping pieces from both ends
        // (with the length, the same bytes every time), not copied.
        let rest = chunks.remainder();
        let n = rest.len();
        let byte = |i: usize| u64::from(rest.get(i).copied().unwrap_or(0));
        let u32_at = |i: usize| {
            rest.get(i..i + 4)
                .and_then(|w| <[u8; 4]>::try_from(w).ok())
                .map_or(0, |w| u64::from(u32::from_le_bytes(w)))
        };
        let last = match n {
            0 => return,
            4.. => u32_at(0) | u32_at(n - 4) << 32,
            _ => byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16,
        };
        self.add(last ^ ((n as u64) << 59));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

pub type Fast = std::hash::BuildHasherDefault<WordHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_same_exactly_when_their_bytes_are() {
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abc",
            "abd",
            "care",
            "cart",
            "caring",
            "carers",
            "referral",
            "referrer",
            "appointments",
            "appointmenta",
            "a-very-long-word-indeed",
            "a-very-long-word-indeeD",
        ];
        for a in words {
            for b in words {
                assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
        }
    }

    #[test]
    fn the_excerpt_is_cut_at_a_space_before_its_last_character() {
        let ascii = "word ".repeat(400);
        assert_eq!(excerpt_text(&ascii), ascii.get(..1499).unwrap_or(""));
        let welsh = "ŵyn ".repeat(400);
        let cut = excerpt_text(&welsh);
        assert_eq!(cut.chars().count(), 1499);
        assert_eq!(excerpt_text("short text"), "short text");
    }
}

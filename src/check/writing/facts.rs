//! What the writing checks need to know about a word as written: whether
//! it is misspelt, whether it is long (three syllables or more, for the
//! reading score), and whether a wordy term could start with it. Most
//! words of a site repeat (a 10,000-page site has a few thousand different
//! words), so each thread keeps these answers for the checks of one run:
//! one look-up in a small table instead of the dictionary, the syllable
//! count and the list of terms for every word of every page.
//!
//! The answers depend on the site's settings (its own words and terms),
//! so the table belongs to one [`super::Writer`], named by its number: a
//! thread that checks for another writer starts a new table.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::text::Quick;

/// What the checks need to know about one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    /// Checked for spelling, and not in the dictionary or the site's words.
    pub misspelt: bool,
    /// Three syllables or more.
    pub long: bool,
    /// A wordy term could start with it (in any of its forms).
    pub swap: bool,
}

/// A bound, so that a site of random letters cannot grow a table for ever.
const MOST: usize = 100_000;

static NEXT_WRITER: AtomicU64 = AtomicU64::new(1);

/// Word (as written) → its facts.
type Words = HashMap<Box<str>, Facts, Quick>;

thread_local! {
    /// The writer the table is for, and its words.
    static TABLE: RefCell<(u64, Words)> = RefCell::new((0, HashMap::default()));
}

/// A number for a new writer, never given before in this process.
pub fn new_writer() -> u64 {
    NEXT_WRITER.fetch_add(1, Ordering::Relaxed)
}

/// The facts of each of `items` (whose words `word` gives) into `out`,
/// in order, for writer `writer`: from this thread's table, or worked out
/// by `work_out` and kept. The table is looked up once for all of them.
pub fn fill<'a, T>(
    writer: u64,
    items: &'a [T],
    word: impl Fn(&'a T) -> &'a str,
    mut work_out: impl FnMut(&T) -> Facts,
    out: &mut Vec<Facts>,
) {
    TABLE.with(|t| {
        // Working a word out never comes back here, so the table is free;
        // if it were not, the words are worked out without it.
        let Ok(mut t) = t.try_borrow_mut() else {
            out.extend(items.iter().map(&mut work_out));
            return;
        };
        if t.0 != writer {
            t.0 = writer;
            t.1.clear();
        }
        for item in items {
            let w = word(item);
            let facts = match t.1.get(w) {
                Some(f) => *f,
                None => {
                    let f = work_out(item);
                    if t.1.len() >= MOST {
                        t.1.clear();
                    }
                    t.1.insert(w.into(), f);
                    f
                }
            };
            out.push(facts);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_worked_out_once_per_writer_and_thread() {
        let (a, b) = (new_writer(), new_writer());
        let long = Facts {
            long: true,
            ..Facts::default()
        };
        let mut calls = 0;
        let mut out = Vec::new();
        for _ in 0..3 {
            fill(
                a,
                &["recovery", "recovery"],
                |w| w,
                |_| {
                    calls += 1;
                    long
                },
                &mut out,
            );
        }
        assert_eq!((calls, out), (1, vec![long; 6]));
        // Another writer's answer is never used: its site has other words.
        let mut out = Vec::new();
        fill(
            b,
            &["recovery"],
            |w| w,
            |_| {
                calls += 1;
                Facts::default()
            },
            &mut out,
        );
        assert_eq!((calls, out), (2, vec![Facts::default()]));
    }
}

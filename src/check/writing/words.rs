//! Plain-English word swaps: wordy or formal terms and what to write
//! instead. The list is our own, after the advice NHS and GOV.UK content
//! designers follow; a site adds its own terms (`writing.plain_words`) and
//! silences any it is happy with (`writing.allow_words`).

use std::collections::HashMap;

/// Term → what to write instead. Single words also match their `-s`,
/// `-d`, `-ed` and `-ing` forms.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("a number of", "some, or the number"),
    ("additional", "more, or extra"),
    ("approximately", "about"),
    ("ascertain", "find out"),
    ("assist", "help"),
    ("assistance", "help"),
    ("at this point in time", "now"),
    ("commence", "start"),
    ("demonstrate", "show"),
    ("due to the fact that", "because"),
    ("endeavour", "try"),
    ("enquire", "ask"),
    ("ensure", "make sure"),
    ("facilitate", "help, or run"),
    ("for the purpose of", "to, or for"),
    ("in accordance with", "under, or as … says"),
    ("in conjunction with", "with"),
    ("in order to", "to"),
    ("in relation to", "about"),
    ("in respect of", "about, or for"),
    ("in the event of", "if"),
    ("individuals", "people"),
    ("initiate", "start"),
    ("locate", "find"),
    ("modify", "change"),
    ("notify", "tell"),
    ("numerous", "many"),
    ("obtain", "get"),
    ("prior to", "before"),
    ("purchase", "buy"),
    ("regarding", "about"),
    ("remuneration", "pay"),
    ("require", "need"),
    ("sufficient", "enough"),
    ("terminate", "end, or stop"),
    ("the majority of", "most"),
    ("utilise", "use"),
    ("whilst", "while"),
    ("with regard to", "about"),
];

/// The terms a site checks for, by their first word.
#[derive(Debug)]
pub struct Swaps {
    /// First word (lower case) → the terms starting with it.
    by_first: HashMap<String, Vec<Term>, super::text::Quick>,
    /// Whether any term starts with these two bytes: most words are ruled
    /// out by one look in this table.
    starts: Vec<bool>,
}

/// The index of a word's first two bytes in [`Swaps::starts`].
fn two(word: &str) -> usize {
    let b = word.as_bytes();
    usize::from(b.first().copied().unwrap_or(0)) << 8 | usize::from(b.get(1).copied().unwrap_or(0))
}

#[derive(Debug)]
struct Term {
    words: Vec<String>,
    term: String,
    instead: String,
}

/// A term found in a run of words.
#[derive(Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// Index of its first word.
    pub at: usize,
    /// How many words it spans.
    pub len: usize,
    pub term: &'a str,
    pub instead: &'a str,
}

impl Swaps {
    /// The built-in list with the site's own terms added (they win) and
    /// the allowed ones left out. Returns the allowed terms that are in
    /// neither list too, so the site can be told.
    pub fn new(
        site: &std::collections::BTreeMap<String, String>,
        allowed: &[String],
    ) -> (Swaps, Vec<String>) {
        let mut all: Vec<(String, String)> = BUILT_IN
            .iter()
            .filter(|(t, _)| !site.keys().any(|s| s.eq_ignore_ascii_case(t)))
            .map(|(t, i)| (t.to_string(), i.to_string()))
            .collect();
        all.extend(site.iter().map(|(t, i)| (t.to_lowercase(), i.clone())));
        let mut unknown = Vec::new();
        for a in allowed {
            let a = a.trim().to_lowercase();
            let before = all.len();
            all.retain(|(t, _)| *t != a);
            if all.len() == before {
                unknown.push(a);
            }
        }
        let mut swaps = Swaps {
            by_first: HashMap::default(),
            starts: vec![false; 1 << 16],
        };
        for (term, instead) in all {
            let words: Vec<String> = term.split_whitespace().map(str::to_string).collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            if let Some(s) = swaps.starts.get_mut(two(&first)) {
                *s = true;
            }
            swaps.by_first.entry(first).or_default().push(Term {
                words,
                term,
                instead,
            });
        }
        // Longer terms first, so "in order to" wins over a site's "in order".
        for v in swaps.by_first.values_mut() {
            v.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        (swaps, unknown)
    }

    /// The terms in `words` (already lower case), without overlaps.
    pub fn find<'a, S: AsRef<str>>(&'a self, words: &[S]) -> Vec<Found<'a>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let hit = self.candidates(words[i].as_ref()).and_then(|terms| {
                terms.iter().find(|t| {
                    let n = t.words.len();
                    n <= words.len() - i
                        && match t.words.as_slice() {
                            [one] => is_form_of(words[i].as_ref(), one),
                            many => many.iter().zip(&words[i..]).all(|(a, b)| a == b.as_ref()),
                        }
                })
            });
            match hit {
                Some(t) => {
                    out.push(Found {
                        at: i,
                        len: t.words.len(),
                        term: &t.term,
                        instead: &t.instead,
                    });
                    i += t.words.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether a term could start at `word` (lower case): only then can
    /// [`Swaps::find`] find one there.
    pub fn could_start(&self, word: &str) -> bool {
        self.candidates(word).is_some()
    }

    /// The terms that could start at `word`: its own, or its stem's.
    fn candidates(&self, word: &str) -> Option<&Vec<Term>> {
        if !self.starts.get(two(word)).copied().unwrap_or(false) {
            return None;
        }
        if let Some(v) = self.by_first.get(word) {
            return Some(v);
        }
        for suffix in ["ing", "ed", "es", "s", "d"] {
            if let Some(stem) = word.strip_suffix(suffix) {
                if let Some(v) = self.by_first.get(stem) {
                    return Some(v);
                }
                // utilising → utilise: only worth a new string if it could match.
                if suffix.starts_with(['i', 'e'])
                    && let Some(v) = self.by_first.get(&format!("{stem}e"))
                {
                    return Some(v);
                }
            }
        }
        None
    }
}

/// `word` is `term` or one of its forms: utilises, utilised, utilising.
fn is_form_of(word: &str, term: &str) -> bool {
    if word == term {
        return true;
    }
    let stem = term.strip_suffix('e').unwrap_or(term);
    ["s", "es", "d", "ed", "ing"]
        .iter()
        .any(|s| word.strip_suffix(s).is_some_and(|w| w == term || w == stem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn lower(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn terms_and_their_forms_are_found_once_each() {
        let (swaps, unknown) = Swaps::new(&BTreeMap::new(), &[]);
        assert!(unknown.is_empty());
        let words = lower("We utilised it in order to commence utilising");
        let found: Vec<(usize, usize, &str)> = swaps
            .find(&words)
            .iter()
            .map(|f| (f.at, f.len, f.instead))
            .collect();
        assert_eq!(
            found,
            [(1, 1, "use"), (3, 3, "to"), (6, 1, "start"), (7, 1, "use")]
        );
        assert!(swaps.find(&lower("in order and to use")).is_empty());
    }

    #[test]
    fn a_site_adds_terms_and_allows_others() {
        let site = BTreeMap::from([
            (
                "Service user".to_string(),
                "person who uses our services".to_string(),
            ),
            ("commence".to_string(), "begin".to_string()),
        ]);
        let allowed = vec!["In order to".to_string(), "frobnicate".to_string()];
        let (swaps, unknown) = Swaps::new(&site, &allowed);
        assert_eq!(unknown, ["frobnicate"]);
        let found = swaps.find(&lower("a service user in order to commence"));
        let got: Vec<(usize, &str)> = found.iter().map(|f| (f.at, f.instead)).collect();
        assert_eq!(got, [(1, "person who uses our services"), (6, "begin")]);
    }
}

//! Words for the search index: how text is cut into keys, and how keys are
//! grouped so that a word finds its other forms.
//!
//! A key is a word lowercased, decomposed (NFKD) with its accents and other
//! marks dropped, and apostrophes taken out: `Café` → `cafe`, `Ŵyn` → `wyn`,
//! `don’t` → `dont`. Words are runs of letters and digits (Unicode's
//! Alphabetic and Number); anything else, hyphens included, separates them,
//! so `self-referral` is `self` and `referral`. The theme's script does
//! exactly the same in the browser (`words` in `js/search.js`, with
//! `\p{Alphabetic}`, `\p{N}` and `\p{M}`), and a test checks both give the
//! same keys for a list of tricky words.
//!
//! Grouping is done here only: keys with the same stem (the Snowball
//! stemmer of the site's language) are one group, and for English the
//! index also lists the usual inflections of every word that stem the same
//! (`referral` → `referrals`), so the browser looks a typed word up and
//! never stems.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longer runs (long numbers, run-together addresses) are not words anyone
/// types; the browser skips them too.
pub const MAX_WORD_CHARS: usize = 40;

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// The keys of `text`, in order, each passed to `each`.
pub fn words(text: &str, mut each: impl FnMut(&str)) {
    words_in(text, |word, _| each(word));
}

/// [`words`], with each key that is a piece of `text` as it is (a word in
/// lowercase ASCII, as most are) also given as that piece, so the index
/// can count it without copying it.
pub fn words_in<'a>(text: &'a str, mut each: impl FnMut(&str, Option<&'a str>)) {
    // White space separates words whatever else is done, so each run
    // between spaces is cut on its own: plain ASCII (most text) byte by
    // byte, anything else the long way. Both give the same keys. One pass
    // finds the runs and, in ASCII, the words; a run's words are given out
    // when it ends, as only then is it known to be plain ASCII (a word
    // beyond ASCII can change how the run's other words are lowercased).
    let mut word = String::new();
    // Words of the current run before its last: (start, end, whether it
    // has capitals or apostrophes).
    let mut pending: Vec<(usize, usize, bool)> = Vec::new();
    let bytes = text.as_bytes();
    let (mut run, mut start, mut i) = (0, 0, 0);
    let (mut copy, mut ascii) = (false, true);
    loop {
        // Most bytes are lowercase letters: passed over in a tight loop.
        i += bytes.get(i..).map_or(0, |rest| {
            rest.iter()
                .take_while(|&&b| CLASS[usize::from(b)] == LOWER)
                .count()
        });
        let space = match bytes.get(i).map(|&b| CLASS.get(usize::from(b))) {
            None => 0,
            Some(Some(&LOWER)) => {
                i += 1;
                continue;
            }
            Some(Some(&COPY)) => {
                copy = true;
                i += 1;
                continue;
            }
            Some(Some(&BREAK)) => {
                pending.push((start, i, copy));
                i += 1;
                start = i;
                copy = false;
                continue;
            }
            Some(Some(&SPACE)) => 1,
            // Beyond ASCII: white space (a no-break space) ends the run,
            // anything else makes it one to cut the long way.
            Some(_) => match text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                c => {
                    ascii = false;
                    i += c.map_or(1, char::len_utf8);
                    continue;
                }
            },
        };
        if ascii {
            for (s, e, c) in pending.drain(..) {
                ascii_word(text.get(s..e).unwrap_or(""), c, &mut word, &mut each);
            }
            ascii_word(text.get(start..i).unwrap_or(""), copy, &mut word, &mut each);
        } else {
            pending.clear();
            words_unicode(text.get(run..i).unwrap_or(""), &mut each);
        }
        if i >= bytes.len() {
            break;
        }
        i += space;
        (run, start, copy, ascii) = (i, i, false, true);
    }
}

/// What an ASCII byte is to [`words_in`]: part of a word as it is, part of
/// a word to be copied (a capital, an apostrophe), the end of a word, or
/// white space (the end of a run).
const LOWER: u8 = 0;
const COPY: u8 = 1;
const BREAK: u8 = 2;
const SPACE: u8 = 3;
/// A byte beyond ASCII.
const HIGH: u8 = 4;

const CLASS: [u8; 256] = {
    let mut table = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOWER
        } else if c.is_ascii_uppercase() || c == b'\'' {
            COPY
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            SPACE
        } else {
            BREAK
        };
        b += 1;
    }
    table
};

/// One word of a plain ASCII run: letters, digits and apostrophes. A word
/// already in lowercase (most are) is passed on as it is in the text; only
/// one with capitals or an apostrophe is copied into `word` first.
fn ascii_word<'a>(
    s: &'a str,
    copy: bool,
    word: &mut String,
    each: &mut impl FnMut(&str, Option<&'a str>),
) {
    if !copy {
        if keep(s) {
            each(s, Some(s));
        }
        return;
    }
    word.clear();
    word.extend(
        s.bytes()
            .filter(|&b| b != b'\'')
            .map(|b| char::from(b.to_ascii_lowercase())),
    );
    emit(word, each);
}

fn emit<'a>(word: &str, each: &mut impl FnMut(&str, Option<&'a str>)) {
    if keep(word) {
        each(word, None);
    }
}

fn keep(word: &str) -> bool {
    !word.is_empty() && (word.len() <= MAX_WORD_CHARS || word.chars().count() <= MAX_WORD_CHARS)
}

/// [`words`] for text with letters beyond ASCII: lowercased, decomposed,
/// marks and apostrophes dropped, then cut.
fn words_unicode<'a>(text: &str, each: &mut impl FnMut(&str, Option<&'a str>)) {
    let folded: String = text
        .to_lowercase()
        .nfkd()
        .filter(|&c| !is_combining_mark(c) && !is_apostrophe(c))
        .collect();
    // Decomposing can give capitals (ℌ → H): fold again.
    let folded = if folded.chars().any(char::is_uppercase) {
        Cow::Owned(folded.to_lowercase())
    } else {
        Cow::Borrowed(folded.as_str())
    };
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        emit(word, each);
    }
}

/// The keys of `text` as a list (for tests and short texts).
pub fn keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    words(text, |w| out.push(w.to_string()));
    out
}

/// Groups keys by stem, in the site's language.
pub struct Grouper {
    stemmer: Option<Stemmer>,
    english: bool,
}

impl Grouper {
    /// For a site whose `language` is `en-GB`, `fr`, `cy`…; a language
    /// with no stemmer (Welsh) groups only identical keys.
    pub fn new(language: &str) -> Grouper {
        let lang = language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let algorithm = match lang.as_str() {
            "en" => Some(Algorithm::English),
            "ar" => Some(Algorithm::Arabic),
            "da" => Some(Algorithm::Danish),
            "nl" => Some(Algorithm::Dutch),
            "fi" => Some(Algorithm::Finnish),
            "fr" => Some(Algorithm::French),
            "de" => Some(Algorithm::German),
            // Not Greek: the Snowball Greek stemmer of rust-stemmers 1.2
            // panics on some words (it slices past a word's end), and one
            // word must never stop a build. Greek words match as written.
            "hu" => Some(Algorithm::Hungarian),
            "it" => Some(Algorithm::Italian),
            "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
            "pt" => Some(Algorithm::Portuguese),
            "ro" => Some(Algorithm::Romanian),
            "ru" => Some(Algorithm::Russian),
            "es" => Some(Algorithm::Spanish),
            "sv" => Some(Algorithm::Swedish),
            "ta" => Some(Algorithm::Tamil),
            "tr" => Some(Algorithm::Turkish),
            _ => None,
        };
        Grouper {
            stemmer: algorithm.map(Stemmer::create),
            english: lang == "en",
        }
    }

    /// The group a key belongs to.
    pub fn group(&self, key: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(key).into_owned(),
            None => key.to_string(),
        }
    }

    /// Other forms of `key` (whose group is `group`) that belong to the
    /// same group: the plurals and the -ed and -ing forms of English words.
    /// Each is checked with the stemmer, so a form is listed only if
    /// stemming it gives the same group.
    pub fn forms(&self, key: &str, group: &str) -> Vec<String> {
        if !self.english || !key.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        // The word and its stem, and the stem as the word would be
        // before an ending that drops an `e` (reframing → reframe) or
        // turns `y` into `i` (happiness → happy).
        let mut bases = vec![key.to_string()];
        if ["ing", "ed", "es", "s"]
            .iter()
            .any(|end| key.ends_with(end))
        {
            bases.push(group.to_string());
            bases.push(format!("{group}e"));
        }
        if let Some(stem) = group.strip_suffix('i') {
            bases.push(format!("{stem}y"));
        }
        let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
        let mut out: Vec<String> = Vec::new();
        for base in &bases {
            let chars: Vec<char> = base.chars().collect();
            let mut candidates = vec![base.clone()];
            match chars.as_slice() {
                // hope → hopes, hoped, hoping
                [.., 'e'] => {
                    let stem = base.get(..base.len() - 1).unwrap_or(base);
                    candidates.extend([
                        format!("{base}s"),
                        format!("{base}d"),
                        format!("{stem}ing"),
                    ]);
                }
                // stop → stopped, stopping (one vowel before one consonant)
                [.., c0, v, c] if !vowel(*c0) && vowel(*v) && !vowel(*c) && !"wxy".contains(*c) => {
                    candidates.extend(["s", "ed", "ing"].map(|end| format!("{base}{end}")));
                    candidates.extend(["ed", "ing"].map(|end| format!("{base}{c}{end}")));
                }
                _ => candidates.extend(["s", "es", "ed", "ing"].map(|end| format!("{base}{end}"))),
            }
            for c in candidates {
                if c != key
                    && c.len() > 1
                    && !out.contains(&c)
                    && self.stemmer.as_ref().is_some_and(|s| s.stem(&c) == group)
                {
                    out.push(c);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_and_apostrophes_and_split_at_hyphens() {
        assert_eq!(keys("Café CAFÉ"), ["cafe", "cafe"]);
        assert_eq!(keys("Don’t don't"), ["dont", "dont"]);
        assert_eq!(keys("self-referral"), ["self", "referral"]);
        assert_eq!(keys("Ŵyn Llŷr"), ["wyn", "llyr"]);
        assert_eq!(keys("10am, 2026—ﬁne"), ["10am", "2026", "fine"]);
        assert_eq!(keys("  …  "), Vec::<String>::new());
        // The same words, ASCII or not, give the same keys.
        assert_eq!(
            keys("O'Brien's self-referral"),
            keys("O’Brien’s self‐referral")
        );
        assert_eq!(keys("it's 10AM"), ["its", "10am"]);
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(keys(&format!("x {long} y")), ["x", "y"]);
    }

    #[test]
    fn inflections_of_a_word_are_one_group() {
        let g = Grouper::new("en-GB");
        assert_eq!(g.group("referrals"), g.group("referral"));
        assert_eq!(g.group("reframing"), g.group("reframe"));
        assert_ne!(g.group("referral"), g.group("reframe"));
        let forms = g.forms("referral", &g.group("referral"));
        assert!(forms.contains(&"referrals".to_string()), "{forms:?}");
        let forms = g.forms("reframing", &g.group("reframing"));
        for f in ["reframe", "reframed", "reframes"] {
            assert!(forms.contains(&f.to_string()), "{f} in {forms:?}");
        }
        // Every form listed really stems to the group.
        for f in &forms {
            assert_eq!(g.group(f), g.group("reframing"), "{f}");
        }
    }

    #[test]
    fn a_language_without_a_stemmer_groups_only_the_same_word() {
        let g = Grouper::new("cy");
        assert_eq!(g.group("cymraeg"), "cymraeg");
        assert!(g.forms("cymraeg", "cymraeg").is_empty());
    }

    #[test]
    fn greek_words_that_break_the_snowball_greek_stemmer_are_kept_as_written() {
        let g = Grouper::new("el");
        for w in ["ισαισα", "ισα", "αντιθετ"] {
            assert_eq!(g.group(w), w);
        }
    }
}

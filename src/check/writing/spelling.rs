//! Spelling in British English with `spellbook`, a Rust spell checker that
//! reads Hunspell dictionaries. The dictionary is SCOWL's en_GB-ise (size
//! 60), shipped in `dictionaries/en_GB/` under its own permissive licence
//! (see the `LICENSE` file there); it is parsed once per process.
//!
//! A word is right if the dictionary has it, or the site knows it (its
//! word list, `known_words`, its titles, its team members' names). Words
//! in capitals (NHS, GPs), with digits, or with a capital inside (McKenzie)
//! are not checked.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use spellbook::Dictionary;

const AFF: &str = include_str!("../../../dictionaries/en_GB/en_GB.aff");
const DIC: &str = include_str!("../../../dictionaries/en_GB/en_GB.dic");

/// Words NHS and peer-support pages use that the dictionary lacks.
const EXTRA: &[&str] = &[
    "wellbeing",
    "signposting",
    "signposted",
    "neurodivergent",
    "neurodiverse",
    "neurodiversity",
    "co-production",
    "co-produced",
    "helpline",
    "helplines",
    "webpage",
    "reframe",
    "reframed",
    "reframing",
];

static DICTIONARY: OnceLock<Option<Dictionary>> = OnceLock::new();
static SUGGESTIONS: OnceLock<Mutex<HashMap<String, Vec<String>>>> = OnceLock::new();

thread_local! {
    /// Word → whether the dictionary has it: most words of a site repeat.
    static SEEN: RefCell<HashMap<String, bool, super::text::Quick>> = RefCell::new(HashMap::default());
}

/// The shipped dictionary, parsed on first use (`None` if it would not
/// parse, which a test rules out).
pub fn dictionary() -> Option<&'static Dictionary> {
    DICTIONARY
        .get_or_init(|| Dictionary::new(AFF, DIC).ok())
        .as_ref()
}

/// Starts parsing the dictionary on another thread, so the site loads
/// meanwhile.
pub fn warm_up() {
    if DICTIONARY.get().is_none() {
        rayon::spawn(|| {
            dictionary();
        });
    }
}

/// The spelling check for one site.
#[derive(Debug, Default)]
pub struct Speller {
    /// The site's own words, lower case.
    known: HashSet<String>,
}

/// The words of `text` as the spelling check compares them (lower case,
/// curly apostrophes made straight): what a title or name adds to the
/// words it knows.
pub fn known_forms(text: &str) -> impl Iterator<Item = String> + '_ {
    super::text::words(text).into_iter().map(|w| normal(w.text))
}

/// Whether `word` (one of [`known_forms`]) is right however the site's own
/// words change: the dictionary or the list above has it (and so every case
/// of it the check looks at), or it has a digit (never checked). A title
/// adding or dropping such a word changes no page's findings.
pub fn right_anyway(word: &str) -> bool {
    word.chars().any(char::is_numeric) || EXTRA.contains(&word) || in_dictionary(word)
}

impl Speller {
    /// A checker that knows `words` (any case) as well as the dictionary.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Speller {
        let mut known: HashSet<String> = EXTRA.iter().map(|w| w.to_string()).collect();
        for w in words {
            for part in super::text::words(w) {
                known.insert(normal(part.text));
            }
        }
        Speller { known }
    }

    /// Whether `word` should be checked at all.
    pub fn checks(word: &str) -> bool {
        let mut letters = 0;
        let mut lower = 0;
        let mut inner_upper = false;
        let mut at_start = true;
        for c in word.chars() {
            if c.is_numeric() {
                // A number like 3rd.
                return false;
            }
            if c.is_alphabetic() {
                letters += 1;
                if c.is_lowercase() {
                    lower += 1;
                } else if !at_start {
                    inner_upper = true;
                }
                at_start = false;
            } else {
                // Each part of well-being or O'Neill starts again.
                at_start = true;
            }
        }
        // NHS and GPs are abbreviations; McKenzie and iPad are names.
        let abbreviation = lower == 0 || (lower == 1 && word.ends_with('s') && letters > 2);
        letters > 1 && !abbreviation && !inner_upper
    }

    /// Whether `word` is spelt right.
    pub fn is_right(&self, word: &str) -> bool {
        // Most words are in the dictionary, which is looked up (and its
        // answers kept) without making a new string.
        if in_dictionary(word) {
            return true;
        }
        let lower = normal(word);
        if self.known.contains(&lower) {
            return true;
        }
        for possessive in ["'s", "s'"] {
            if let Some(stem) = lower.strip_suffix(possessive)
                && (self.known.contains(stem) || in_dictionary(stem))
            {
                return true;
            }
        }
        // The dictionary is written without accents: café is cafe.
        if !word.is_ascii() {
            use unicode_normalization::UnicodeNormalization;
            let bare: String = word
                .nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .collect();
            if bare != word && in_dictionary(&bare) {
                return true;
            }
        }
        // well-being, peer-led: right if each part is.
        word.contains('-')
            && word
                .split('-')
                .all(|p| !p.is_empty() && (self.known.contains(&normal(p)) || in_dictionary(p)))
    }

    /// Up to three words the dictionary suggests for `word`.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let cache = SUGGESTIONS.get_or_init(Default::default);
        if let Some(s) = cache.lock().ok().and_then(|c| c.get(word).cloned()) {
            return s;
        }
        let mut out = Vec::new();
        if let Some(d) = dictionary() {
            d.suggest(word, &mut out);
        }
        // Spaced or hyphenated splits of a name are no help.
        out.retain(|s| !s.contains(' '));
        out.truncate(3);
        if let Ok(mut c) = cache.lock() {
            c.insert(word.to_string(), out.clone());
        }
        out
    }
}

/// Lower case, with a curly apostrophe made straight.
fn normal(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

fn in_dictionary(word: &str) -> bool {
    if let Some(hit) = SEEN.with(|s| s.borrow().get(word).copied()) {
        return hit;
    }
    let Some(d) = dictionary() else {
        // No dictionary: nothing can be called a mistake.
        return true;
    };
    let hit = d.check(&word.replace('’', "'"));
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        // A bound, so that a site of random letters cannot grow it for ever.
        if s.len() > 200_000 {
            s.clear();
        }
        s.insert(word.to_string(), hit);
    });
    hit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_parses_and_is_british() {
        assert!(dictionary().is_some());
        let s = Speller::new(["Drew Szmit", "Nottinghamshire"]);
        for w in [
            "colour",
            "café",
            "organise",
            "Organisation",
            "don’t",
            "Drew’s",
            "Szmit",
            "Nottinghamshire",
            "peer-led",
            "wellbeing",
        ] {
            assert!(s.is_right(w), "{w}");
        }
        for w in ["color", "recieve", "Szmitt"] {
            assert!(!s.is_right(w), "{w}");
        }
        assert_eq!(
            s.suggest("recieve").first().map(String::as_str),
            Some("receive")
        );
    }

    #[test]
    fn words_the_dictionary_has_are_right_in_any_case_the_check_looks_at() {
        let s = Speller::new(std::iter::empty());
        for w in ["new", "services", "wellbeing", "t0"] {
            assert!(right_anyway(w), "{w}");
        }
        for w in ["New", "Services", "Wellbeing"] {
            assert!(s.is_right(w), "{w}");
        }
        for w in ["szmit", "london"] {
            assert!(!right_anyway(w), "{w}");
        }
    }

    #[test]
    fn abbreviations_numbers_and_inner_capitals_are_not_checked() {
        for w in ["NHS", "GPs", "A&E", "3rd", "McKenzie", "iPad", "a"] {
            assert!(!Speller::checks(w), "{w}");
        }
        for w in ["recieve", "Recieve", "well-being"] {
            assert!(Speller::checks(w), "{w}");
        }
    }
}

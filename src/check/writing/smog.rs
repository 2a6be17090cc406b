//! Reading score: SMOG ("Simple Measure of Gobbledygook"), the formula the
//! NHS service manual uses for health content. It counts the words of
//! three or more syllables (polysyllables) in the page's sentences:
//!
//! score = 1.0430 × √(polysyllables × 30 ÷ sentences) + 3.1291
//!
//! Syllables are counted from the spelling, as SMOG calculators do: each
//! group of vowels (a, e, i, o, u, and y after the first letter) is one,
//! less a silent `e` at the end ("make"), `-es` after most consonants
//! ("lives") and `-ed` except after `t` or `d` ("helped", but "needed");
//! words of up to three letters have one.

/// A sentence of the page, for the score and for naming the hardest ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Where it starts in the file.
    pub line: usize,
    pub column: usize,
    /// Its first words, to quote it.
    pub opening: String,
    pub words: usize,
    pub polysyllables: usize,
}

/// The SMOG score of these sentences, or `None` when there are none.
pub fn score(sentences: &[Sentence]) -> Option<f64> {
    score_of(
        sentences.iter().map(|s| s.polysyllables).sum(),
        sentences.len(),
    )
}

/// The SMOG score of `sentences` sentences holding `polysyllables` long
/// words, or `None` when there are no sentences.
pub fn score_of(polysyllables: usize, sentences: usize) -> Option<f64> {
    if sentences == 0 {
        return None;
    }
    let n = sentences as f64;
    Some(1.0430 * (polysyllables as f64 * 30.0 / n).sqrt() + 3.1291)
}

/// The `n` sentences with the most long words (then the most words), in
/// that order; sentences with no long words are never the hardest.
pub fn hardest(sentences: &[Sentence], n: usize) -> Vec<&Sentence> {
    let mut v: Vec<&Sentence> = sentences.iter().filter(|s| s.polysyllables > 0).collect();
    v.sort_by(|a, b| {
        (b.polysyllables, b.words)
            .cmp(&(a.polysyllables, a.words))
            .then((a.line, a.column).cmp(&(b.line, b.column)))
    });
    v.truncate(n);
    v
}

/// Three syllables or more. By the rules above that needs five letters.
pub fn is_polysyllable(word: &str) -> bool {
    word.len() >= 5 && syllables(word) >= 3
}

/// The number of syllables in `word`, by the rules above.
pub fn syllables(word: &str) -> usize {
    // Words of up to three letters, the most common, need no counting.
    if word.len() <= 3 {
        return 1;
    }
    // Lower-case letters into a buffer on the stack: this runs on every
    // word of every page.
    let mut buf = ['\0'; 32];
    let mut n = 0;
    let mut keep = |c: char| {
        if let Some(slot) = buf.get_mut(n) {
            *slot = c;
            n += 1;
        }
    };
    if word.is_ascii() {
        for b in word.bytes().filter(u8::is_ascii_alphabetic) {
            keep(char::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in word
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
        {
            keep(c);
        }
    }
    let w = &buf[..n];
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| {
        matches!(
            c,
            'a' | 'e'
                | 'i'
                | 'o'
                | 'u'
                | 'y'
                | 'à'
                | 'â'
                | 'ä'
                | 'é'
                | 'è'
                | 'ê'
                | 'ë'
                | 'î'
                | 'ï'
                | 'ô'
                | 'ö'
                | 'û'
                | 'ü'
                | 'œ'
                | 'æ'
        )
    };
    let last = |k: usize| w.get(w.len().wrapping_sub(k)).copied();
    let mut end = w.len();
    let (z, y) = (last(1), last(2));
    let before = last(3);
    let silent_ed = (y, z) == (Some('e'), Some('d')) && !matches!(before, Some('t' | 'd'));
    let silent_es = (y, z) == (Some('e'), Some('s'))
        && before.is_some_and(|c| !vowel(c) && !matches!(c, 's' | 'x' | 'z' | 'c' | 'g' | 'h'));
    if silent_ed || silent_es {
        end -= 2;
    } else if z == Some('e')
        && y != Some('e')
        && !(y == Some('l') && before.is_some_and(|c| !vowel(c)))
    {
        end -= 1;
    }
    let mut count = 0;
    let mut in_group = false;
    for (i, &c) in w[..end].iter().enumerate() {
        let v = vowel(c) && !(c == 'y' && i == 0);
        if v && !in_group {
            count += 1;
        }
        in_group = v;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_counted_from_the_spelling() {
        for (word, n) in [
            ("the", 1),
            ("make", 1),
            ("lives", 1),
            ("helped", 1),
            ("needed", 2),
            ("people", 2),
            ("young", 1),
            ("services", 3),
            ("community", 4),
            ("recovery", 4),
            ("appointment", 3),
            ("changes", 2),
            ("table", 2),
            ("free", 1),
            ("Don’t", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    fn sentence(line: usize, words: usize, polysyllables: usize) -> Sentence {
        Sentence {
            line,
            column: 1,
            opening: String::new(),
            words,
            polysyllables,
        }
    }

    #[test]
    fn the_score_follows_the_smog_formula() {
        // 30 sentences with 30 long words: 1.043 × √30 + 3.1291 = 8.84.
        let s: Vec<Sentence> = (0..30).map(|i| sentence(i, 10, 1)).collect();
        let got = score(&s).unwrap_or_default();
        assert!((got - 8.8418).abs() < 0.001, "{got}");
        // No long words at all: the formula's floor.
        let got = score(&[sentence(1, 5, 0)]).unwrap_or_default();
        assert!((got - 3.1291).abs() < 0.001, "{got}");
        assert_eq!(score(&[]), None);
    }

    #[test]
    fn the_hardest_sentences_have_the_most_long_words() {
        let s = [
            sentence(1, 5, 1),
            sentence(2, 9, 3),
            sentence(3, 4, 0),
            sentence(4, 12, 3),
            sentence(5, 3, 2),
        ];
        let lines: Vec<usize> = hardest(&s, 3).iter().map(|s| s.line).collect();
        assert_eq!(lines, [4, 2, 5]);
    }
}

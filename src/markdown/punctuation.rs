//! Smart punctuation for plain text (titles, summaries and other
//! front-matter fields), the same as comrak gives the markdown, so a page
//! never mixes straight and curly quotes.

/// Smart punctuation for plain text (front-matter fields), as comrak does
/// it for markdown: “curly” quotes, ’ for apostrophes, – for `--`, — for
/// `---` and … for `...`. One setting turns both on or off.
pub fn smart_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        // An opening quote follows the start, a space or an opening bracket
        // or dash, and comes before something that is not a space.
        let opens = prev.is_none_or(|p| {
            p.is_whitespace() || "([{\u{2013}\u{2014}\"'\u{201c}\u{2018}".contains(p)
        }) && next.is_some_and(|n| !n.is_whitespace());
        match c {
            '"' => out.push(if opens { '\u{201c}' } else { '\u{201d}' }),
            '\'' => out.push(if opens { '\u{2018}' } else { '\u{2019}' }),
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                out.push('\u{2026}');
                i += 3;
                continue;
            }
            '-' => {
                let n = chars[i..].iter().take_while(|&&c| c == '-').count();
                out.push_str(&dashes(n));
                i += n;
                continue;
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// A run of `n` hyphens as CommonMark's smart punctuation writes it.
fn dashes(n: usize) -> String {
    let (em, en) = match n {
        1 => return "-".into(),
        n if n % 3 == 0 => (n / 3, 0),
        n if n % 2 == 0 => (0, n / 2),
        n if n % 3 == 2 => (n / 3, 1),
        n => ((n - 4) / 3, 2),
    };
    "\u{2014}".repeat(em) + &"\u{2013}".repeat(en)
}

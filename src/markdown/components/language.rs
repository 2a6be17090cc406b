//! Languages for `:::lang` passages: whether a code is written like a
//! language tag (`cy`, `pt-BR`, `pa-Arab`), the codes of languages editors
//! name in words, which languages are written right to left, and finding
//! right-to-left text (which needs a passage with its language, so screen
//! readers pronounce it and browsers lay it out the right way round).

use std::collections::HashSet;

use comrak::nodes::{AstNode, NodeValue};

use super::{Context, registry};
use crate::diagnostics::Diagnostic;

/// Languages people in the UK often need, by name, with their codes, so
/// `:::lang welsh` can be told to write `:::lang cy`.
const NAMES: &[(&str, &str)] = &[
    ("welsh", "cy"),
    ("cymraeg", "cy"),
    ("english", "en"),
    ("polish", "pl"),
    ("urdu", "ur"),
    ("arabic", "ar"),
    ("punjabi", "pa"),
    ("bengali", "bn"),
    ("bangla", "bn"),
    ("gujarati", "gu"),
    ("somali", "so"),
    ("romanian", "ro"),
    ("portuguese", "pt"),
    ("spanish", "es"),
    ("french", "fr"),
    ("german", "de"),
    ("italian", "it"),
    ("chinese", "zh"),
    ("mandarin", "zh"),
    ("cantonese", "yue"),
    ("farsi", "fa"),
    ("persian", "fa"),
    ("dari", "prs"),
    ("pashto", "ps"),
    ("kurdish", "ku"),
    ("sorani", "ckb"),
    ("turkish", "tr"),
    ("lithuanian", "lt"),
    ("latvian", "lv"),
    ("bulgarian", "bg"),
    ("russian", "ru"),
    ("ukrainian", "uk"),
    ("tamil", "ta"),
    ("tigrinya", "ti"),
    ("amharic", "am"),
    ("hebrew", "he"),
    ("yiddish", "yi"),
    ("gaelic", "gd"),
    ("irish", "ga"),
    ("hindi", "hi"),
    ("nepali", "ne"),
    ("sylheti", "syl"),
    ("vietnamese", "vi"),
];

/// Languages written right to left (their primary subtag).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ku", "pnb", "prs", "ps", "sd", "syr",
    "ug", "ur", "yi",
];

/// Script subtags written right to left.
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa",
];

/// Is `code` written like a language tag: a 2 or 3 letter language, then
/// optional parts of 1 to 8 letters or digits, joined by hyphens?
pub fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The code for a language named in words (`welsh` → `cy`).
pub fn code_for_name(name: &str) -> Option<&'static str> {
    let name = name.to_lowercase();
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Is the language of this tag written right to left? A script subtag
/// decides (`ku-Latn` is left to right); otherwise the language does.
pub fn is_rtl(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or_default();
    if let Some(script) = parts.find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return RTL_SCRIPTS.contains(&script);
    }
    RTL_LANGUAGES.contains(&language)
}

/// Is this character from a right-to-left script (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and others, and their presentation forms)?
pub fn is_rtl_char(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// The name of the script of a right-to-left character, for messages.
pub fn script_name(c: char) -> &'static str {
    match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "Hebrew",
        0x0700..=0x074F => "Syriac",
        0x0780..=0x07BF => "Thaana",
        0x07C0..=0x07FF => "N'Ko",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arabic"
        }
        _ => "right-to-left",
    }
}

/// Text in a right-to-left script outside a `:::lang` passage of a
/// right-to-left language: screen readers read it in the page's language,
/// and without `dir="rtl"` punctuation lands at the wrong end.
pub fn right_to_left<'a>(root: &'a AstNode<'a>, ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut lines_done = HashSet::new();
    for node in root.descendants() {
        let data = node.data();
        let text = match &data.value {
            NodeValue::Text(t) => t.as_ref(),
            NodeValue::Code(c) => c.literal.as_str(),
            _ => continue,
        };
        let Some(c) = text.chars().find(|c| is_rtl_char(*c)) else {
            continue;
        };
        let passage = node.ancestors().find_map(|a| match &a.data().value {
            NodeValue::BlockDirective(d) => {
                let mut words = d.info.split_whitespace();
                let is_lang = words
                    .next()
                    .and_then(registry::find)
                    .is_some_and(|c| c.name == "lang");
                is_lang.then(|| words.next().unwrap_or_default().to_string())
            }
            _ => None,
        });
        if passage.as_deref().is_some_and(is_rtl) {
            continue;
        }
        let pos = data.sourcepos.start;
        if !lines_done.insert(pos.line) {
            continue;
        }
        // The column of the character as typed, counted in characters.
        let line = ctx
            .source
            .lines()
            .nth(pos.line.saturating_sub(1))
            .unwrap_or_default();
        let from = line
            .char_indices()
            .position(|(i, _)| i + 1 >= pos.column)
            .unwrap_or(0);
        let column = line
            .chars()
            .enumerate()
            .skip(from)
            .find(|(_, ch)| is_rtl_char(*ch))
            .map_or(from, |(i, _)| i)
            + 1;
        let (line, column) = ctx.origin.map(pos.line, column);
        let script = script_name(c);
        let message = match passage {
            Some(code) if !code.is_empty() => format!(
                "This text in the {script} script is in a `:::lang {code}` passage, which is not a right-to-left language"
            ),
            _ => format!("This text in the {script} script is not in a language passage"),
        };
        out.push(
            Diagnostic::warning("language/right-to-left", ctx.file, message)
                .at(line, column)
                .help(format!(
                    "Put it between a line `:::lang` and its language's code ({}) and a line `:::`, so screen readers pronounce it and it reads right to left.",
                    if script == "Hebrew" { "`:::lang he` for Hebrew, `:::lang yi` for Yiddish" } else { "such as `:::lang ar` for Arabic, `:::lang ur` for Urdu or `:::lang fa` for Farsi" }
                )),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_told_from_words_and_rtl_languages_known() {
        for ok in ["cy", "pt-BR", "pa-Arab", "yue", "zh-Hant-HK"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["welsh", "c", "cy_GB", "", "pt-", "ar-toolongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        assert!(is_rtl("ar") && is_rtl("ur-PK") && is_rtl("pa-Arab"));
        assert!(!is_rtl("cy") && !is_rtl("ku-Latn") && !is_rtl("pa"));
        assert_eq!(code_for_name("Welsh"), Some("cy"));
        assert!(is_rtl_char('ا') && is_rtl_char('ש') && !is_rtl_char('a'));
    }
}

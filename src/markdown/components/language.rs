//! Languages for `:::lang` passages: whether a code is written like a
//! language tag (`cy`, `pt-BR`, `pa-Arab`), the codes of languages editors
//! name in words, which languages are written right to left, and finding
//! right-to-left text (which needs a passage with its language, so screen
//! readers pronounce it and browsers lay it out the right way round).

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

//! The browser's search (`js/search.js`) done again in Rust, over the files
//! of an index in memory, so the unit tests can check lookup and ranking
//! without a browser. It follows the script step by step: which words files
//! a word needs, exact and prefix matches, pages that have every word,
//! scores added up, best first.

use std::collections::HashMap;

use serde_json::Value;

use super::words;

/// A prefix match counts half as much as the word itself.
const PREFIX_WEIGHT: f64 = 0.5;
/// The last word is matched as a prefix once it has this many letters…
const PREFIX_FROM: usize = 2;
/// …through at most this many words files.
const PREFIX_FILES: usize = 4;

/// The words files to fetch for `word`: the one it falls in and, when it is
/// a prefix, those after it whose first key still starts with it.
pub fn files_for<'a>(firsts: &[(&'a str, &'a str)], word: &str, prefix: bool) -> Vec<&'a str> {
    let utf16 = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
    let w = utf16(word);
    let at = firsts
        .iter()
        .rposition(|(first, _)| utf16(first) <= w)
        .unwrap_or(0);
    let mut out: Vec<&str> = firsts.get(at).map(|f| f.1).into_iter().collect();
    if prefix {
        out.extend(
            firsts
                .iter()
                .skip(at + 1)
                .take_while(|(first, _)| first.starts_with(word))
                .take(PREFIX_FILES - 1)
                .map(|f| f.1),
        );
    }
    out
}

/// Page ids found for `query` (in `kind` only, if given) with their
/// scores, best first.
pub fn search(
    files: &HashMap<String, Vec<u8>>,
    query: &str,
    kind: Option<&str>,
) -> Vec<(u32, f64)> {
    let read = |name: &str| -> Value {
        files
            .get(&format!("search-index/{name}"))
            .and_then(|b| serde_json::from_slice(b).ok())
            .unwrap_or(Value::Null)
    };
    let entry = read("entry.json");
    let firsts: Vec<(&str, &str)> = entry["words"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p[0].as_str()?, p[1].as_str()?)))
        .collect();
    let range = kind.and_then(|k| {
        entry["kinds"].as_array()?.iter().find_map(|r| {
            (r[0].as_str()? == k).then_some((r[1].as_u64()? as u32, r[2].as_u64()? as u32))
        })
    });
    let typed = words::keys(query);
    let mut total: Option<HashMap<u32, f64>> = None;
    for (i, word) in typed.iter().enumerate() {
        let prefix = i + 1 == typed.len() && word.chars().count() >= PREFIX_FROM;
        let mut found: HashMap<u32, f64> = HashMap::new();
        for file in files_for(&firsts, word, prefix) {
            let chunk = read(file);
            for form in chunk["f"].as_array().into_iter().flatten() {
                let (Some(f), Some(g)) = (form[0].as_str(), form[1].as_u64()) else {
                    continue;
                };
                let weight = if f == word {
                    1.0
                } else if prefix && f.starts_with(word.as_str()) {
                    PREFIX_WEIGHT
                } else {
                    continue;
                };
                let postings = chunk["g"][g as usize]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let mut page = 0u32;
                for pair in postings.chunks(2) {
                    page += pair[0].as_u64().unwrap_or(0) as u32;
                    let score = weight * pair[1].as_f64().unwrap_or(0.0);
                    let best = found.entry(page).or_insert(0.0);
                    *best = best.max(score);
                }
            }
        }
        total = Some(match total {
            None => found,
            Some(before) => before
                .into_iter()
                .filter_map(|(p, s)| found.get(&p).map(|t| (p, s + t)))
                .collect(),
        });
    }
    let mut out: Vec<(u32, f64)> = total
        .unwrap_or_default()
        .into_iter()
        .filter(|(p, _)| range.is_none_or(|(from, to)| *p >= from && *p < to))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The address of page `id`, from its records file.
pub fn url(files: &HashMap<String, Vec<u8>>, id: u32) -> Option<String> {
    let read = |name: &str| -> Option<Value> {
        serde_json::from_slice(files.get(&format!("search-index/{name}"))?).ok()
    };
    let entry = read("entry.json")?;
    let per = entry["pages_per_file"].as_u64()? as u32;
    let file = entry["records"][(id / per) as usize].as_str()?.to_string();
    let records = read(&file)?;
    records[(id % per) as usize][0].as_str().map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_looked_up_in_the_file_it_falls_in_and_a_prefix_in_the_next_ones_too() {
        let firsts = [
            ("a", "w1"),
            ("ref", "w2"),
            ("refer", "w3"),
            ("referral", "w4"),
            ("s", "w5"),
        ];
        assert_eq!(files_for(&firsts, "apple", false), ["w1"]);
        assert_eq!(
            files_for(&firsts, "0", false),
            ["w1"],
            "before the first key"
        );
        assert_eq!(files_for(&firsts, "refer", false), ["w3"]);
        assert_eq!(files_for(&firsts, "refer", true), ["w3", "w4"]);
        assert_eq!(files_for(&firsts, "re", true), ["w1", "w2", "w3", "w4"]);
        assert_eq!(files_for(&firsts, "zebra", true), ["w5"]);
        assert!(files_for(&[], "x", true).is_empty());
    }

    /// An index of `pages` (kind, title, summary, text), in memory; page
    /// ids are their places in the list (give them grouped by kind).
    fn built(pages: &[(&str, &str, &str, &str)]) -> HashMap<String, Vec<u8>> {
        let sink = crate::sink::MemorySink::default();
        let keys = crate::search::index::KeyTable::default();
        let mut b = crate::search::index::Builder::new(&sink, "search-index", "en-GB", &keys);
        for (i, (kind, title, summary, text)) in pages.iter().enumerate() {
            let page = crate::search::index::analyse(
                format!("/p{i}/"),
                (*title).into(),
                (*summary).into(),
                (*kind).into(),
                text,
                &keys,
            );
            b.add(page).expect("add");
        }
        b.finish().expect("finish");
        sink.into_files().into_iter().collect()
    }

    fn urls(files: &HashMap<String, Vec<u8>>, query: &str, kind: Option<&str>) -> Vec<String> {
        search(files, query, kind)
            .into_iter()
            .filter_map(|(id, _)| url(files, id))
            .collect()
    }

    const SITE: &[(&str, &str, &str, &str)] = &[
        (
            "Courses",
            "Reframing thoughts",
            "A course.",
            "Reframing thoughts. Learn reframing.",
        ),
        (
            "Pages",
            "Making a referral",
            "How to refer.",
            "Making a referral. Ask your GP.",
        ),
        (
            "Pages",
            "Contact",
            "Phone us.",
            "Contact. For referrals phone the team or write to us about a referral.",
        ),
        (
            "Vacancies",
            "Peer worker",
            "A job.",
            "Peer worker. Support people who reframe their lives; café on site.",
        ),
    ];

    #[test]
    fn inflections_prefixes_and_accents_find_the_pages() {
        let files = built(SITE);
        assert_eq!(urls(&files, "referrals", None), ["/p1/", "/p2/"]);
        assert_eq!(urls(&files, "REFERRAL", None), ["/p1/", "/p2/"]);
        assert_eq!(urls(&files, "reframe", None), ["/p0/", "/p3/"]);
        assert_eq!(urls(&files, "reframing", None), ["/p0/", "/p3/"]);
        assert_eq!(urls(&files, "refer", None), ["/p1/", "/p2/"], "as you type");
        assert_eq!(urls(&files, "Cafe", None), ["/p3/"]);
        assert!(urls(&files, "zzzqqq", None).is_empty());
    }

    #[test]
    fn every_word_must_be_found_and_the_kind_filter_keeps_one_kind() {
        let files = built(SITE);
        assert_eq!(urls(&files, "referral phone", None), ["/p2/"]);
        assert_eq!(urls(&files, "reframe", Some("Vacancies")), ["/p3/"]);
        assert!(urls(&files, "referral", Some("Courses")).is_empty());
    }

    #[test]
    fn a_word_in_the_title_ranks_above_the_same_word_in_the_text() {
        let files = built(SITE);
        // The referral page has it in its title; the contact page says it
        // twice in a longer text.
        assert_eq!(
            urls(&files, "referral", None).first().map(String::as_str),
            Some("/p1/")
        );
        let files = built(&[
            (
                "Pages",
                "Opening times",
                "",
                "Opening times. We are open on weekdays; the café is closed.",
            ),
            ("Pages", "Café", "Our café.", "Café. Open daily."),
        ]);
        assert_eq!(urls(&files, "cafe", None), ["/p1/", "/p0/"]);
    }

    #[test]
    fn a_large_index_is_cut_into_many_words_files_each_found_by_its_first_key() {
        let text: String = (0..6000).map(|i| format!("word{i} ")).collect();
        let files = built(&[
            ("Pages", "Many words", "", &text),
            ("Pages", "Other", "", "word5999 and word42"),
        ]);
        let words_files = files
            .keys()
            .filter(|k| k.starts_with("search-index/w-"))
            .count();
        assert!(words_files > 3, "{words_files} words files");
        assert_eq!(urls(&files, "word5999", None), ["/p1/", "/p0/"]);
        assert_eq!(urls(&files, "word42", None), ["/p1/", "/p0/"]);
        assert_eq!(urls(&files, "word4217", None), ["/p0/"]);
    }
}

//! The texts `signpost new` writes for an editor to replace. They live here,
//! in one place, so that the scaffold writes them and the
//! `content/placeholder` check finds them in a page that is published.

/// The page text of a new page.
pub const BODY: &str = "Write the page here, in markdown. Start headings at `##`.";

/// The two items of a new list field.
pub const LIST: [&str; 2] = [
    "Write the first item here",
    "Add more lines starting with - for more items",
];

/// The reason given in a new page's (commented-out) `silence_checks:`.
pub const SILENCE_REASON: &str = "Say why the check does not apply here";

const SUMMARY_START: &str = "Write one or two sentences about ";

/// What a new page says in a text field.
pub fn text(field: &str) -> String {
    format!("Write {} here.", field.replace('_', " "))
}

/// What a new page says in its `summary`.
pub fn summary(title: &str) -> String {
    format!("{SUMMARY_START}{title}.")
}

/// Whether `value` (a field's text or one item of a list) is a placeholder
/// of `field` as `signpost new` writes it.
pub fn is_placeholder(field: &str, value: &str) -> bool {
    let v = value.trim();
    // Asked of every string of every page after each edit: most are not,
    // and every placeholder but two starts with "Write ".
    if !v.starts_with("Write ") {
        return v == LIST[1] || v == SILENCE_REASON;
    }
    LIST.contains(&v)
        || v == SILENCE_REASON
        || v == text(field)
        || (field == "summary" && v.starts_with(SUMMARY_START) && v.ends_with('.'))
}

/// The 0-based index of the first line of page text that is the placeholder.
pub fn body_line(body: &str) -> Option<usize> {
    // One search of the whole text first: most pages do not have it.
    if !body.contains(BODY) {
        return None;
    }
    body.lines().position(|l| l.trim() == BODY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_new_writes_is_recognised_and_real_text_is_not() {
        assert!(is_placeholder("pay", &text("pay")));
        assert!(is_placeholder("how_to_apply", "Write how to apply here."));
        assert!(is_placeholder("summary", &summary("Peer support worker")));
        assert!(is_placeholder("topics", LIST[1]));
        assert!(!is_placeholder("pay", "Band 3"));
        assert!(!is_placeholder("pay", "Write hours here."));
        assert_eq!(body_line(&format!("Intro.\n\n{BODY}\n")), Some(2));
        assert_eq!(body_line("Write the page here."), None);
    }
}

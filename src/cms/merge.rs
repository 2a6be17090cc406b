//! Keeping what a person wrote when the CMS saves a page. The CMS writes
//! the front matter afresh: fields in its form's order, its own quoting,
//! and no comments. Saving through the preview, the new file is merged
//! with the file as it was: each field stays where it was, a field whose
//! value did not change keeps its exact text (quotes, comments inside a
//! list), comment lines above a field stay with it, and only new fields go
//! at the end, in the form's order. The body is the CMS's.

use serde_yaml::Value;

/// One top-level field of the front matter and the lines that belong to it.
#[derive(Debug)]
struct Block<'a> {
    key: String,
    /// Comment and blank lines just above the key.
    lead: Vec<&'a str>,
    /// The key's line and the lines of its value.
    lines: Vec<&'a str>,
}

impl Block<'_> {
    fn value(&self) -> Option<Value> {
        let text = self.lines.join("\n");
        let parsed: Value = serde_yaml::from_str(&text).ok()?;
        parsed.get(self.key.as_str()).cloned()
    }
}

/// The front matter (without its `---` lines) and what follows it.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

/// The top-level key a line starts, if it starts one.
fn key_of(line: &str) -> Option<String> {
    if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']).to_string())
}

/// The fields in order, and the comment lines after the last one.
fn blocks(front: &str) -> (Vec<Block<'_>>, Vec<&str>) {
    let mut out: Vec<Block<'_>> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for line in front.lines() {
        if let Some(key) = key_of(line) {
            out.push(Block {
                key,
                lead: std::mem::take(&mut pending),
                lines: vec![line],
            });
        } else if line.trim().is_empty() || line.starts_with('#') {
            pending.push(line);
        } else if let Some(last) = out.last_mut() {
            // Lines of a value, with any blank or comment lines among them.
            last.lines.append(&mut pending);
            last.lines.push(line);
        } else {
            pending.push(line);
        }
    }
    (out, pending)
}

/// `new` (as the CMS saved it), with the field order, unchanged values'
/// text and comments of `old` (the file before). Anything that cannot be
/// read is left as the CMS wrote it.
pub fn merge(old: &str, new: &str) -> String {
    let (Some((old_front, _)), Some((new_front, new_rest))) = (split(old), split(new)) else {
        return new.to_string();
    };
    let (old_blocks, old_tail) = blocks(old_front);
    let (new_blocks, _) = blocks(new_front);
    // A file whose fields could not be told apart is not merged.
    let readable = |bs: &[Block<'_>]| bs.iter().all(|b| b.value().is_some());
    if !readable(&new_blocks) {
        return new.to_string();
    }
    let mut lines: Vec<&str> = Vec::new();
    for b in &old_blocks {
        let Some(n) = new_blocks.iter().find(|n| n.key == b.key) else {
            continue;
        };
        lines.extend(&b.lead);
        if b.value().is_some() && b.value() == n.value() {
            lines.extend(&b.lines);
        } else {
            lines.extend(&n.lines);
        }
    }
    for n in new_blocks
        .iter()
        .filter(|n| !old_blocks.iter().any(|b| b.key == n.key))
    {
        lines.extend(&n.lead);
        lines.extend(&n.lines);
    }
    lines.extend(old_tail.iter().filter(|l| !l.trim().is_empty()));
    let mut out = String::from("---\n");
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(new_rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "---\ntitle: Peer support worker\n# Check this with HR each spring.\nclosing_date: 2027-03-31\npay: \"Band 3\"\neligibility_criteria:\n  # the first one matters most\n  - Be able to travel\n  - Be kind\ncourse: peer-support-course\n---\nBody text.\n";

    #[test]
    fn a_saved_page_keeps_its_field_order_comments_and_quotes() {
        // As the CMS writes it: the form's order, its own quoting, no comments.
        let new = "---\ntitle: Peer support worker\npay: Band 3\ncourse: peer-support-course\nclosing_date: 2027-04-30\neligibility_criteria:\n  - Be able to travel\n  - Be kind\n  - Live nearby\nhours: 37.5 hours a week\n---\nNew body.\n";
        let out = merge(OLD, new);
        assert_eq!(
            out,
            "---\ntitle: Peer support worker\n# Check this with HR each spring.\nclosing_date: 2027-04-30\npay: \"Band 3\"\neligibility_criteria:\n  - Be able to travel\n  - Be kind\n  - Live nearby\ncourse: peer-support-course\nhours: 37.5 hours a week\n---\nNew body.\n"
        );
    }

    #[test]
    fn an_unchanged_list_keeps_the_comment_inside_it_and_a_removed_field_goes() {
        let new = "---\ntitle: Peer support worker\nclosing_date: 2027-03-31\npay: Band 3\neligibility_criteria:\n  - Be able to travel\n  - Be kind\n---\nBody text.\n";
        let out = merge(OLD, new);
        assert!(out.contains("  # the first one matters most\n"), "{out}");
        assert!(!out.contains("course:"), "{out}");
    }

    #[test]
    fn a_file_without_front_matter_is_saved_as_the_cms_wrote_it() {
        assert_eq!(merge("no fields", "---\na: 1\n---\nx"), "---\na: 1\n---\nx");
        assert_eq!(merge(OLD, "just text"), "just text");
    }
}

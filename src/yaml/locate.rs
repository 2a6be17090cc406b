//! Finding the line of a value deep inside block YAML (`kinds.event.fields`,
//! item 2 of `dates`, its `end`), so mistakes in nested values point at
//! their own line. serde_yaml gives values without places; this reads the
//! text's indentation as YAML does. Flow values (`{a: 1}`, `[a, b]`) are not
//! looked into: the line of their key is returned instead.

/// One step of a path into a YAML value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    /// 0-based.
    Index(usize),
}

impl Seg {
    pub fn key(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }
}

#[derive(Debug)]
struct Entry<'a> {
    line: usize,
    col: usize,
    /// `None` for the `-` of a list item.
    text: Option<&'a str>,
}

/// Splits lines into entries: `  - a: 1` is a dash at column 2 and `a: 1`
/// at column 4, on the same line.
fn entries(text: &str, first_line: usize) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut col = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[col..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        while let Some(after) = rest
            .strip_prefix('-')
            .filter(|a| a.is_empty() || a.starts_with([' ', '\t']))
        {
            out.push(Entry {
                line: first_line + i,
                col,
                text: None,
            });
            let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
            col += 1 + gap;
            rest = &after[gap..];
        }
        if !rest.is_empty() && !rest.starts_with('#') {
            out.push(Entry {
                line: first_line + i,
                col,
                text: Some(rest),
            });
        }
    }
    out
}

/// The 1-based line and column of the value at `path`, or of the deepest
/// part of it that could be found. `None` when not even the first step is
/// in the text.
pub fn locate(text: &str, first_line: usize, path: &[Seg]) -> Option<(usize, usize)> {
    let entries = entries(text, first_line);
    let mut range = 0..entries.len();
    let mut found = None;
    for seg in path {
        let Some(level) = entries.get(range.start).map(|e| e.col) else {
            break;
        };
        let mut at_level = range
            .clone()
            .take_while(|&j| entries[j].col >= level)
            .filter(|&j| entries[j].col == level);
        let hit = match seg {
            Seg::Key(k) => at_level.find(|&j| {
                entries[j].text.and_then(super::yaml_key).as_deref() == Some(k.as_str())
            }),
            Seg::Index(n) => at_level.filter(|&j| entries[j].text.is_none()).nth(*n),
        };
        let Some(j) = hit else { break };
        found = Some((entries[j].line, entries[j].col + 1));
        // A key's list may start in the key's own column (`agenda:` then
        // `- time:` below it, not indented): those dashes are its value.
        let key_of_list = matches!(seg, Seg::Key(_))
            && entries
                .get(j + 1)
                .is_some_and(|e| e.col == level && e.text.is_none());
        let end = (j + 1..entries.len())
            .find(|&e| {
                let en = &entries[e];
                en.col < level || (en.col == level && !(key_of_list && en.text.is_none()))
            })
            .unwrap_or(entries.len());
        range = j + 1..end;
        // A list item's own first key is on the dash's line: point there.
        if let (Seg::Index(_), Some(first)) = (seg, entries.get(j + 1))
            && range.contains(&(j + 1))
        {
            found = Some((first.line, first.col + 1));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: A\ndates:\n  - start: 2027-01-01\n    end: 2026-01-01\n  - start: x\n    note: |\n      a: b\nkinds:\n  event:\n    fields:\n      starts: { type: datetime }\n      venue:\n        type: txt\n";

    #[test]
    fn nested_keys_and_list_items_are_found_on_their_own_lines() {
        let p = |s: &[Seg]| locate(TEXT, 1, s);
        assert_eq!(p(&[Seg::key("title")]), Some((1, 1)));
        assert_eq!(
            p(&[Seg::key("dates"), Seg::Index(0), Seg::key("end")]),
            Some((4, 5))
        );
        assert_eq!(p(&[Seg::key("dates"), Seg::Index(1)]), Some((5, 5)));
        assert_eq!(
            p(&[Seg::key("dates"), Seg::Index(1), Seg::key("note")]),
            Some((6, 5))
        );
        assert_eq!(
            p(&[
                Seg::key("kinds"),
                Seg::key("event"),
                Seg::key("fields"),
                Seg::key("venue"),
                Seg::key("type")
            ]),
            Some((13, 9))
        );
    }

    #[test]
    fn a_path_into_a_flow_value_stops_at_its_key() {
        let p = locate(
            TEXT,
            1,
            &[
                Seg::key("kinds"),
                Seg::key("event"),
                Seg::key("fields"),
                Seg::key("starts"),
                Seg::key("type"),
            ],
        );
        assert_eq!(p, Some((11, 7)));
        assert_eq!(locate(TEXT, 1, &[Seg::key("nothing")]), None);
    }

    #[test]
    fn a_list_written_in_its_keys_own_column_is_found() {
        let text = "title: A\nagenda:\n- time: 1\n  item: a\n- time: 2\n  itme: b\nnext: x\n";
        let p = |s: &[Seg]| locate(text, 1, s);
        assert_eq!(
            p(&[Seg::key("agenda"), Seg::Index(1), Seg::key("itme")]),
            Some((6, 3))
        );
        assert_eq!(p(&[Seg::key("next")]), Some((7, 1)));
        // A tab after the dash.
        assert_eq!(
            locate("a:\n  -\tx: 1\n", 1, &[Seg::key("a"), Seg::Index(0)]),
            Some((2, 5))
        );
    }

    #[test]
    fn lines_are_counted_from_the_first_line_given() {
        assert_eq!(
            locate("a:\n  - x\n  - y\n", 2, &[Seg::key("a"), Seg::Index(1)]),
            Some((4, 5))
        );
    }
}

//! The `id`s the theme's templates write themselves (`id="feedback"`,
//! `id="how-to-apply"` …), found by reading the template files, so that the
//! ids given to headings in markdown can keep clear of them.
//!
//! A template's ids include those of the templates it extends, includes or
//! imports. Ids built from template expressions (`id="{{ x }}"`) cannot be
//! known before rendering and are left out.

use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The ids of each template of a theme, with those it pulls in.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ThemeIds {
    /// Template name → its own literal ids.
    own: BTreeMap<String, BTreeSet<String>>,
    /// Template name → the templates it extends, includes or imports.
    uses: BTreeMap<String, Vec<String>>,
}

impl ThemeIds {
    /// Records one template's source.
    pub fn add(&mut self, name: &str, source: &str) {
        self.own.insert(name.to_string(), literal_ids(source));
        self.uses.insert(name.to_string(), used_templates(source));
    }

    /// Whether `template` is one of `changed`, or uses one of them directly
    /// or through the templates it uses.
    pub fn reaches(&self, template: &str, changed: &HashSet<String>) -> bool {
        let mut seen = HashSet::new();
        let mut todo = vec![template];
        while let Some(t) = todo.pop() {
            if changed.contains(t) {
                return true;
            }
            if !seen.insert(t) {
                continue;
            }
            if let Some(used) = self.uses.get(t) {
                todo.extend(used.iter().map(String::as_str));
            }
        }
        false
    }

    /// Every id `template` writes, directly or through the templates it uses.
    pub fn for_template(&self, template: &str) -> HashSet<String> {
        let mut out = HashSet::new();
        let mut seen = HashSet::new();
        let mut todo = vec![template.to_string()];
        while let Some(t) = todo.pop() {
            if !seen.insert(t.clone()) {
                continue;
            }
            if let Some(ids) = self.own.get(&t) {
                out.extend(ids.iter().cloned());
            }
            if let Some(used) = self.uses.get(&t) {
                todo.extend(used.iter().cloned());
            }
        }
        out
    }
}

/// The values of `id="…"` (or `id='…'`) attributes that have no template
/// expression in them.
fn literal_ids(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = source.as_bytes();
    let mut at = 0;
    while let Some(off) = source[at..].find("id=") {
        let start = at + off;
        at = start + 3;
        // ` id=` only: not `data-id=` or `aria-describedby=`.
        let before = start.checked_sub(1).and_then(|i| bytes.get(i));
        if !before.is_some_and(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let Some(&quote) = bytes.get(at).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let Some(len) = source[at + 1..].find(quote as char) else {
            break;
        };
        let value = &source[at + 1..at + 1 + len];
        if !value.is_empty() && !value.contains("{{") && !value.contains("{%") {
            out.insert(value.to_string());
        }
        at += 1 + len;
    }
    out
}

/// The quoted template names after `extends`, `include`, `import` and
/// `from` in `{% … %}` tags.
fn used_templates(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find("{%") {
        rest = &rest[open + 2..];
        let Some(close) = rest.find("%}") else {
            break;
        };
        let tag = rest[..close].trim_start_matches(['-', '+']).trim_start();
        rest = &rest[close..];
        let word = tag.split_whitespace().next().unwrap_or_default();
        if !matches!(word, "extends" | "include" | "import" | "from") {
            continue;
        }
        let args = &tag[word.len()..];
        for quote in ['"', '\''] {
            let mut parts = args.split(quote);
            // Every second piece is inside quotes.
            parts.next();
            while let Some(name) = parts.next() {
                out.push(name.to_string());
                parts.next();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_has_its_own_ids_and_those_of_the_templates_it_uses() {
        let mut t = ThemeIds::default();
        t.add(
            "base.html",
            r#"<main id="maincontent">{% include "partials/feedback.html" %}</main>"#,
        );
        t.add(
            "partials/feedback.html",
            r#"<div class="feedback" id="feedback" data-id="no"><p id="{{ x }}"></p></div>"#,
        );
        t.add(
            "vacancy.html",
            "{% extends 'base.html' %}<div id='how-to-apply'></div>",
        );
        let ids = t.for_template("vacancy.html");
        let mut ids: Vec<_> = ids.into_iter().collect();
        ids.sort();
        assert_eq!(ids, vec!["feedback", "how-to-apply", "maincontent"]);
    }

    #[test]
    fn a_template_reaches_those_it_extends_includes_or_imports() {
        let mut t = ThemeIds::default();
        t.add("base.html", r#"{% include "partials/footer.html" %}"#);
        t.add(
            "page.html",
            r#"{% extends "base.html" %}{% import "macros.html" as m %}"#,
        );
        t.add("vacancy.html", r#"{% extends "base.html" %}"#);
        let changed = |n: &str| HashSet::from([n.to_string()]);
        assert!(t.reaches("page.html", &changed("partials/footer.html")));
        assert!(t.reaches("page.html", &changed("macros.html")));
        assert!(!t.reaches("vacancy.html", &changed("macros.html")));
        assert!(t.reaches("vacancy.html", &changed("vacancy.html")));
    }

    #[test]
    fn templates_that_include_each_other_do_not_loop() {
        let mut t = ThemeIds::default();
        t.add("a.html", r#"{% include "b.html" %}<p id="a"></p>"#);
        t.add("b.html", r#"{% include "a.html" %}<p id="b"></p>"#);
        assert_eq!(t.for_template("a.html").len(), 2);
        assert!(t.for_template("missing.html").is_empty());
    }
}

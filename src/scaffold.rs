//! Scaffolding: `signpost new <kind> "Title"` writes a page with every
//! required field filled in with something to replace, and each field
//! explained; `signpost init DIR` starts a new site from the example.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jiff::civil::Date;

use crate::config::Config;
use crate::content::kinds::{COMMON, EmploymentType, Field, Kind, Ty};
use crate::content::{CONTENT_DIR, slugify};

include!(concat!(env!("OUT_DIR"), "/example_site.rs"));

/// Where a new page of `kind` goes: the section folder `site.yaml` gives
/// that kind, or `content/` itself for plain pages.
pub fn section_for(config: &Config, kind: Kind) -> Option<String> {
    config
        .sections
        .iter()
        .find(|(_, k)| **k == kind)
        .map(|(folder, _)| folder.clone())
}

/// The text of a new page: front matter with every field of the kind, the
/// required ones filled with a value to replace, the others commented out.
pub fn new_page(kind: Kind, title: &str, today: Date) -> String {
    let mut s = String::from("---\n");
    for f in kind.fields() {
        field(&mut s, f, title, today, f.required);
    }
    s.push_str("# Optional fields every page can have (remove the # to use one):\n");
    for f in COMMON.iter().filter(|f| f.name != "kind") {
        field(&mut s, f, title, today, false);
    }
    s.push_str("---\n");
    s.push_str("Write the page here, in markdown. Start headings at `##`.\n");
    s
}

fn field(s: &mut String, f: &Field, title: &str, today: Date, set: bool) {
    s.push_str(&format!(
        "# {}{}\n",
        capitalise(f.help),
        if f.required { " (required)" } else { "" }
    ));
    let prefix = if set { "" } else { "# " };
    let value = sample(f, title, today);
    if value.contains('\n') {
        s.push_str(&format!("{prefix}{}:\n", f.name));
        for line in value.lines() {
            s.push_str(&format!("{prefix}{line}\n"));
        }
    } else {
        s.push_str(&format!("{prefix}{}: {value}\n", f.name));
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A value of the right type that passes every check, for the editor to replace.
fn sample(f: &Field, title: &str, today: Date) -> String {
    let quoted = |t: &str| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""));
    match (f.name, f.ty) {
        ("title" | "name", _) => quoted(title),
        ("closing_date", _) => today
            .checked_add(jiff::Span::new().days(28))
            .unwrap_or(today)
            .to_string(),
        ("next_review_due", _) => today
            .checked_add(jiff::Span::new().years(1))
            .unwrap_or(today)
            .to_string(),
        (_, Ty::Date) => today.to_string(),
        (_, Ty::List) => {
            "  - Write the first item here\n  - Add more lines starting with - for more items"
                .into()
        }
        (_, Ty::Int) => "1".into(),
        (_, Ty::Number) => "1".into(),
        (_, Ty::Bool) => "false".into(),
        (_, Ty::Url) => "https://example.org/".into(),
        (_, Ty::File) => "photo.jpg".into(),
        (_, Ty::EmploymentType) => EmploymentType::NAMES[0].into(),
        (_, Ty::KindName) => "page".into(),
        (_, Ty::CourseDates) => {
            "  - start: 2027-01-01\n    end: 2027-01-02\n    note: Places available".into()
        }
        (_, Ty::Silenced) => {
            "  - check: a11y/link-text\n    reason: Say why the check does not apply here".into()
        }
        ("summary", _) => quoted(&format!("Write one or two sentences about {title}.")),
        (name, Ty::Text | Ty::Markdown) => {
            quoted(&format!("Write {} here.", name.replace('_', " ")))
        }
    }
}

/// Writes a new page for `kind` under `root`, refusing to overwrite one.
/// Returns the file written, relative to `root`.
pub fn write_new_page(
    root: &Path,
    config: &Config,
    kind: Kind,
    title: &str,
    today: Date,
) -> Result<PathBuf> {
    let slug = slugify(title);
    if slug.is_empty() {
        bail!("the title {title:?} has no letters or numbers to make a file name from");
    }
    let mut rel = PathBuf::from(CONTENT_DIR);
    if kind != Kind::Page {
        match section_for(config, kind) {
            Some(section) => rel.push(section),
            None => bail!(
                "no section in site.yaml holds `{}` pages; add one under `sections:` (for example `vacancies: vacancy`)",
                kind.name()
            ),
        }
    }
    rel.push(format!("{slug}.md"));
    let path = root.join(&rel);
    if path.exists() {
        bail!(
            "{} already exists; choose another title, or edit that file",
            rel.display()
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create {}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("could not create {}", rel.display()))?;
    std::io::Write::write_all(&mut file, new_page(kind, title, today).as_bytes())
        .with_context(|| format!("could not write {}", rel.display()))?;
    Ok(rel)
}

/// Writes the example site into `dir`, which must be empty or not exist.
/// Returns how many files were written.
pub fn init(dir: &Path) -> Result<usize> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; choose a new folder so nothing is overwritten",
                dir.display()
            );
        }
    }
    for (rel, bytes) in EXAMPLE_SITE {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    Ok(EXAMPLE_SITE.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_page_has_every_required_field_and_explains_each() {
        let today: Date = "2026-11-24".parse().expect("date");
        let text = new_page(Kind::Vacancy, "Peer support worker", today);
        for f in Kind::Vacancy.fields().iter().filter(|f| f.required) {
            assert!(
                text.contains(&format!("\n{}:", f.name)),
                "{} missing:\n{text}",
                f.name
            );
        }
        assert!(text.contains("closing_date: 2026-12-22"), "{text}");
        assert!(
            text.contains("# The last day to apply (required)"),
            "{text}"
        );
        assert!(text.contains("# apply_url: https://example.org/"), "{text}");
    }

    #[test]
    fn the_example_site_is_embedded() {
        assert!(EXAMPLE_SITE.iter().any(|(p, _)| *p == "site.yaml"));
        assert!(EXAMPLE_SITE.iter().any(|(p, _)| *p == "content/_index.md"));
        assert!(
            EXAMPLE_SITE
                .iter()
                .any(|(p, _)| p.starts_with("themes/default/templates/"))
        );
    }
}

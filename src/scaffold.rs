//! Scaffolding: `signpost new <kind> "Title"` writes a page with every
//! required field filled in with something to replace, and each field
//! explained (`signpost init` is in [`crate::starter`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jiff::civil::Date;

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::content::kinds::{Field, Kind, Kinds, Ty};
use crate::content::placeholder;

/// Where a new page of `kind` goes: the section folder `site.yaml` gives
/// that kind, or `content/` itself for plain pages.
pub fn section_for(config: &Config, kind: &Kind) -> Option<String> {
    config
        .sections
        .iter()
        .find(|(_, k)| **k == kind.name)
        .map(|(folder, _)| folder.clone())
}

/// The text of a new page: front matter with every field of the kind, the
/// required ones filled with a value to replace, the others commented out.
pub fn new_page(kinds: &Kinds, kind: &Kind, title: &str, today: Date) -> String {
    let mut s = String::from("---\n");
    for f in &kind.fields {
        field(&mut s, f, kind, title, today, f.required);
    }
    s.push_str(DRAFT);
    s.push_str("# Optional fields every page can have (remove the # to use one):\n");
    for f in kinds
        .common
        .iter()
        .filter(|f| !matches!(f.name.as_str(), "kind" | "draft"))
    {
        field(&mut s, f, kind, title, today, false);
    }
    s.push_str("---\n");
    s.push_str(placeholder::BODY);
    s.push('\n');
    s
}

/// The `_index.md` of a section folder that has none: the section's own
/// page, a draft like every page `new` writes.
pub fn new_section_page(kinds: &Kinds, folder: &str, kind: &Kind, today: Date) -> String {
    let title = capitalise(&folder.replace(['-', '_'], " "));
    let mut s = String::from("---\n");
    let own = kinds.fields_of(kind, true);
    let n = own.len() - kinds.common.len();
    for f in own.into_iter().take(n) {
        field(&mut s, f, kind, &title, today, f.required);
    }
    s.push_str(DRAFT);
    s.push_str("---\n");
    s.push_str(placeholder::BODY);
    s.push('\n');
    s
}

/// A new page is a draft: not published, so its placeholders cannot go live.
const DRAFT: &str = "# A draft is left out of the site; `signpost serve --drafts` shows it.\n\
# Remove this line when every value above is replaced and the page is ready.\n\
draft: true\n";

fn field(s: &mut String, f: &Field, kind: &Kind, title: &str, today: Date, set: bool) {
    let help = if f.help.is_empty() { &f.label } else { &f.help };
    s.push_str(&format!(
        "# {}{}\n",
        capitalise(help),
        if f.required { " (required)" } else { "" }
    ));
    let prefix = if set { "" } else { "# " };
    let value = sample(f, kind, title, today);
    // Lists and groups go on the lines below their name.
    if value.contains('\n') || value.starts_with("  ") {
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
fn sample(f: &Field, kind: &Kind, title: &str, today: Date) -> String {
    let quoted = |t: &str| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""));
    let name = f.name.as_str();
    if name == kind.title || name == "title" {
        return quoted(title);
    }
    if name == "summary" {
        return quoted(&placeholder::summary(title));
    }
    if kind.ends_on.iter().any(|e| e == name) {
        // Four weeks ahead: a new vacancy is open while it is written.
        let day = today
            .checked_add(jiff::Span::new().days(28))
            .unwrap_or(today);
        return match f.ty {
            Ty::DateTime => format!("{day} 10:00"),
            _ => day.to_string(),
        };
    }
    if name == "next_review_due" {
        return today
            .checked_add(jiff::Span::new().years(1))
            .unwrap_or(today)
            .to_string();
    }
    if name == "silence_checks" {
        return format!(
            "  - check: a11y/link-text\n    reason: {}",
            placeholder::SILENCE_REASON
        );
    }
    let mut out = String::new();
    block(&mut out, f, &f.ty, today, 1);
    out.trim_end().to_string()
}

/// A sample value of `ty` as YAML: a scalar on one line, or (for lists and
/// groups) indented lines at `depth`, to any depth.
fn block(out: &mut String, f: &Field, ty: &Ty, today: Date, depth: usize) {
    let pad = "  ".repeat(depth);
    match ty {
        Ty::List(of) => match &**of {
            Ty::Text | Ty::Markdown => {
                for item in placeholder::LIST {
                    out.push_str(&format!("{pad}- {item}\n"));
                }
            }
            Ty::Object(fields) => {
                let mut item = String::new();
                group(&mut item, fields, today, depth + 1);
                // The first part goes on the dash's line.
                out.push_str(&format!("{pad}- {}\n", item.trim_start()));
            }
            Ty::List(_) => {
                let mut inner = String::new();
                block(&mut inner, f, of, today, depth + 1);
                out.push_str(&format!("{pad}- {}\n", inner.trim_start()));
            }
            other => out.push_str(&format!("{pad}- {}\n", scalar(f, other, today))),
        },
        Ty::Object(fields) => group(out, fields, today, depth),
        other => out.push_str(&scalar(f, other, today)),
    }
}

/// The parts of a group, each on its own line at `depth`.
fn group(out: &mut String, fields: &[Field], today: Date, depth: usize) {
    let pad = "  ".repeat(depth);
    for sub in fields {
        match &sub.ty {
            Ty::List(_) | Ty::Object(_) => {
                out.push_str(&format!("{pad}{}:\n", sub.name));
                block(out, sub, &sub.ty, today, depth + 1);
            }
            ty => out.push_str(&format!("{pad}{}: {}\n", sub.name, scalar(sub, ty, today))),
        }
    }
}

/// A one-line sample value of `ty`.
fn scalar(f: &Field, ty: &Ty, today: Date) -> String {
    let quoted = |t: &str| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""));
    let least = f.min.map_or(1.0, |m| m.max(1.0));
    match ty {
        Ty::Date => today.to_string(),
        Ty::DateTime => format!("{today} 10:00"),
        Ty::WholeNumber => format!("{}", least.ceil() as i64),
        Ty::Number => format!("{least}"),
        Ty::YesNo => "false".into(),
        Ty::Url => "https://example.org/".into(),
        Ty::Email => "name@example.org".into(),
        // The editor puts the file beside the page and writes its name.
        // A picture (it has a description field) or a document.
        Ty::File if f.alt.is_some() => format!("{}.jpg", f.name.replace('_', "-")),
        Ty::File => format!("{}.pdf", f.name.replace('_', "-")),
        Ty::Choice(values) => values
            .first()
            .map(|v| {
                let plain = v
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'));
                if plain { v.clone() } else { quoted(v) }
            })
            .unwrap_or_default(),
        Ty::KindName => "page".into(),
        Ty::CheckCode => "a11y/link-text".into(),
        Ty::Ref(_) => "file-name-of-the-page".into(),
        Ty::Text | Ty::Markdown | Ty::List(_) | Ty::Object(_) => {
            quoted(&placeholder::text(&f.name))
        }
    }
}

/// The file name (without `.md`) `new` gives a page: plain ASCII letters
/// and digits with hyphens, so it is easy to type in `team_members`, safe on
/// shared drives and needs no escaping in an address. Accents are dropped
/// (`Siân` → `sian`); it never starts with a dot (a hidden file the build
/// would skip) or a hyphen.
pub fn file_slug(title: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(title.len());
    let push_gap = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in title.nfkd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '_' && !out.is_empty() {
            out.push('_');
        } else if let Some(s) = ascii_letters(c) {
            out.push_str(s);
        } else if unicode_normalization::char::is_combining_mark(c) || c == '\'' || c == '’' {
            // Accents (split off by NFKD) and apostrophes (`O'Neill`) vanish.
        } else {
            push_gap(&mut out);
        }
    }
    out.trim_matches(['-', '_']).to_string()
}

/// Letters that have no accent to remove but a usual ASCII spelling.
fn ascii_letters(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// What `signpost new` wrote, relative to the site's folder.
#[derive(Debug)]
pub struct Written {
    pub page: PathBuf,
    /// The section's `_index.md`, when its folder had none.
    pub section: Option<PathBuf>,
}

/// Writes a new page for `kind` under `root`, refusing to overwrite one,
/// and the section's `_index.md` if its folder has none.
pub fn write_new_page(
    root: &Path,
    config: &Config,
    kind: Kind,
    title: &str,
    today: Date,
) -> Result<Written> {
    let slug = file_slug(title);
    if slug.is_empty() {
        bail!(
            "the title {title:?} has no letters A to Z or numbers to make a file name from; give a title with some, then rename the file and change its title if you need to"
        );
    }
    let mut rel = PathBuf::from(CONTENT_DIR);
    if kind.name() != "page" {
        match section_for(config, &kind) {
            // Config refuses such names already; checked again because
            // this is the one place that writes into the site.
            Some(section) if crate::config::folder_name_problem(&section).is_some() => bail!(
                "`{section}` under `sections:` in site.yaml is not a folder name inside `content/`"
            ),
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
        // A section folder may be a link; never follow it out of content/.
        let content = root.join(CONTENT_DIR).canonicalize();
        let real = dir.canonicalize();
        if let (Ok(content), Ok(real)) = (content, real)
            && !real.starts_with(&content)
        {
            bail!(
                "{} leads outside the `content` folder, so nothing was written",
                dir.strip_prefix(root).unwrap_or(dir).display()
            );
        }
    }
    write_new_file(&path, &rel, &new_page(&config.kinds, &kind, title, today))?;
    let mut section = None;
    if let Some(folder) = section_for(config, &kind).filter(|_| kind.name() != "page") {
        let index = PathBuf::from(CONTENT_DIR).join(&folder).join("_index.md");
        if !root.join(&index).exists() {
            write_new_file(
                &root.join(&index),
                &index,
                &new_section_page(&config.kinds, &folder, &kind, today),
            )?;
            section = Some(index);
        }
    }
    Ok(Written { page: rel, section })
}

/// Creates a file that must not exist yet (never overwriting one).
fn write_new_file(path: &Path, rel: &Path, text: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("could not create {}", rel.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("could not write {}", rel.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_page_has_every_required_field_and_explains_each() {
        let today: Date = "2026-11-24".parse().expect("date");
        let kinds = Kinds::default();
        let vacancy = kinds.get("vacancy").expect("vacancy");
        let text = new_page(&kinds, vacancy, "Peer support worker", today);
        for f in vacancy.fields.iter().filter(|f| f.required) {
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
    fn file_names_from_titles_are_plain_ascii_and_never_hidden() {
        assert_eq!(file_slug(".NET guide"), "net-guide");
        assert_eq!(
            file_slug("Dr Siân Ó Súilleabháin"),
            "dr-sian-o-suilleabhain"
        );
        assert_eq!(file_slug("Gwasanaeth ŵyr"), "gwasanaeth-wyr");
        assert_eq!(file_slug("Jo O'Neill"), "jo-oneill");
        assert_eq!(file_slug("Straße & Søren"), "strasse-soren");
        assert_eq!(file_slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(
            file_slug("A new team_member page"),
            "a-new-team_member-page"
        );
        assert_eq!(file_slug("..."), "");
    }
}

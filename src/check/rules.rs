//! Content rules over the whole site: dates that have passed, titles and
//! summaries used twice, references between pages, and the placeholder
//! texts of `signpost new` left in a published page.

use std::collections::BTreeMap;

use crate::content::{Kind, Meta, Site};
use crate::diagnostics::Diagnostic;
use crate::yaml::line_of;

/// Runs every content rule.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    dates(site, &mut out);
    duplicates(site, &mut out);
    references(site, &mut out);
    placeholders(site, &mut out);
    out
}

/// Every text `signpost new` wrote that is still there in a page that is
/// not a draft: it would be published as it is.
fn placeholders(site: &Site, out: &mut Vec<Diagnostic>) {
    use crate::content::placeholder;
    for p in site.pages.iter().filter(|p| !p.common.draft) {
        // Read again only for a page that has one, to find a list item's line.
        let mut text: Option<String> = None;
        for (key, value) in &p.fields {
            let Some(field) = key.as_str() else { continue };
            let mut strings = Vec::new();
            strings_in(value, &mut strings);
            for v in strings {
                if !placeholder::is_placeholder(field, v) {
                    continue;
                }
                let key_line = line_of(&p.key_lines, field);
                let text = text.get_or_insert_with(|| {
                    std::fs::read_to_string(site.root.join(&p.file)).unwrap_or_default()
                });
                let line = key_line.map(|k| {
                    text.lines()
                        .enumerate()
                        .skip(k - 1)
                        .find(|(_, l)| l.contains(v.trim()))
                        .map_or(k, |(i, _)| i + 1)
                });
                out.push(
                    Diagnostic::error(
                        "content/placeholder",
                        &p.file,
                        format!("`{field}` still says \"{}\", the text `signpost new` wrote for you to replace", v.trim()),
                    )
                    .at_line(line)
                    .field(field)
                    .help("Write the real text here, or put `draft: true` back until the page is ready: this page is published."),
                );
            }
        }
        if let Some(i) = placeholder::body_line(&p.body) {
            out.push(
                Diagnostic::error(
                    "content/placeholder",
                    &p.file,
                    format!("The page text still says \"{}\", the text `signpost new` wrote for you to replace", placeholder::BODY),
                )
                .at(p.body_line + i, 1)
                .help("Write the page's text below the `---` line, or put `draft: true` back until the page is ready: this page is published."),
            );
        }
    }
}

/// Every string in a front-matter value, lists and mappings included.
fn strings_in<'a>(value: &'a serde_yaml::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_yaml::Value::String(s) => out.push(s),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| strings_in(v, out)),
        serde_yaml::Value::Mapping(m) => m.values().for_each(|v| strings_in(v, out)),
        serde_yaml::Value::Tagged(t) => strings_in(&t.value, out),
        _ => {}
    }
}

fn dates(site: &Site, out: &mut Vec<Diagnostic>) {
    for p in &site.pages {
        if let Some(closing) = p.closing_date()
            && closing < site.today
        {
            out.push(
                Diagnostic::warning(
                    "content/vacancy-closed",
                    &p.file,
                    format!(
                        "This vacancy closed on {}; it is shown as closed and left out of the open vacancies",
                        long_date(closing)
                    ),
                )
                .at_line(line_of(&p.key_lines, "closing_date"))
                .field("closing_date")
                .help("Remove the page when you no longer want it on the site, or mark it `draft: true`."),
            );
        }
        if let Some(due) = p.common.next_review_due
            && due < site.today
        {
            out.push(
                Diagnostic::warning(
                    "content/review-overdue",
                    &p.file,
                    format!("This page was due for review on {}", long_date(due)),
                )
                .at_line(line_of(&p.key_lines, "next_review_due"))
                .field("next_review_due")
                .help("Check the page is still right, then set `last_reviewed` to today and `next_review_due` to the next date."),
            );
        }
    }
}

/// `2026-11-01` → `1 November 2026`.
fn long_date(d: jiff::civil::Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

fn duplicates(site: &Site, out: &mut Vec<Diagnostic>) {
    for (field, code) in [
        ("title", "content/duplicate-title"),
        ("summary", "content/duplicate-summary"),
    ] {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, p) in site.pages.iter().enumerate() {
            let value = if field == "title" {
                p.title()
            } else {
                p.meta.summary()
            };
            let key = value.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            match seen.get(&key) {
                Some(&first) => {
                    let other = site.pages[first].file.to_string_lossy().replace('\\', "/");
                    let name = if matches!(p.meta, Meta::TeamMember(_)) && field == "title" {
                        "name"
                    } else {
                        field
                    };
                    out.push(
                        Diagnostic::warning(code, &p.file, format!("This page has the same {field} as `{other}`"))
                            .at_line(line_of(&p.key_lines, name))
                            .field(name)
                            .help(format!(
                                "Give each page its own {field}: search results and screen readers list pages by {field}."
                            )),
                    );
                }
                None => {
                    seen.insert(key, i);
                }
            }
        }
    }
}

/// The file name without `.md` of every page of a kind.
fn slugs(site: &Site, kind: Kind) -> Vec<String> {
    site.pages
        .iter()
        .filter(|p| p.kind == kind && !p.is_section)
        .map(|p| {
            p.source
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect()
}

fn references(site: &Site, out: &mut Vec<Diagnostic>) {
    let team = slugs(site, Kind::TeamMember);
    let courses = slugs(site, Kind::Course);
    let mut unknown = |p: &crate::content::Page,
                       field: &str,
                       name: &str,
                       kind: Kind,
                       what: &str| {
        let known = if kind == Kind::Course {
            &courses
        } else {
            &team
        };
        let file_name = format!("/{name}.md");
        if known.iter().any(|k| k == name) || site.failed.iter().any(|f| f.ends_with(&file_name)) {
            return;
        }
        // Point at the list item itself, when it is on a line of its own.
        let key_line = line_of(&p.key_lines, field);
        let item = key_line.and_then(|l| {
            let text = std::fs::read_to_string(site.root.join(&p.file)).ok()?;
            crate::yaml::list_items(&text, l)
                .into_iter()
                .find(|(v, _, _)| v == name)
                .map(|(_, l, c)| (l, c))
        });
        let place = |d: Diagnostic| match item {
            Some((l, c)) => d.at(l, c),
            None => d.at_line(key_line),
        };
        // A page that exists but is left out of this build.
        let held = site
            .held_back
            .iter()
            .find(|(source, (k, _))| *k == kind && source.ends_with(&file_name));
        if let Some((source, (_, why))) = held {
            out.push(
                    place(Diagnostic::error(
                        "content/unknown-reference",
                        &p.file,
                        format!("`{field}` names `{name}`, but that {what} page {why}, so it is not on the site"),
                    ))
                    .field(field)
                    .help(format!(
                        "Publish `content/{source}` first, or take `{name}` out of `{field}` until it is."
                    )),
                );
            return;
        }
        let help = match crate::diagnostics::did_you_mean(name, known.iter().map(String::as_str)) {
            Some(s) => format!("Did you mean `{s}`?"),
            None if known.is_empty() => format!("There are no {what} pages yet."),
            None => format!(
                "Use the file name of a {what} page without `.md`: {}.",
                known.join(", ")
            ),
        };
        out.push(
            place(Diagnostic::error(
                "content/unknown-reference",
                &p.file,
                format!(
                    "`{field}` names `{name}`, but there is no {what} page with that file name"
                ),
            ))
            .field(field)
            .help(help),
        );
    };
    for p in &site.pages {
        match &p.meta {
            Meta::Service(s) => {
                for m in &s.team_members {
                    unknown(p, "team_members", m, Kind::TeamMember, "team member");
                }
            }
            Meta::Vacancy(v) => {
                if let Some(c) = &v.course {
                    unknown(p, "course", c, Kind::Course, "course");
                }
            }
            _ => {}
        }
    }
}

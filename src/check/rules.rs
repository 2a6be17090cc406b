//! Content rules over the whole site: dates that have passed, titles and
//! summaries used twice, references between pages, and the placeholder
//! texts of `signpost new` left in a published page.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;
use crate::yaml::line_of;

/// Runs every content rule.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let pages: Vec<PageRules> = site.pages.iter().map(|p| page_rules(site, p)).collect();
    let pages: Vec<&PageRules> = pages.iter().collect();
    let site_wide = site_rules(site, &pages);
    assemble(&pages, site_wide)
}

/// What the rules need of one page alone: the findings of those that read
/// it alone (a date that has passed, a placeholder text left in it), and
/// what the site-wide ones compare (its title and summary as compared, the
/// names its references give). The preview keeps these for each page, and
/// works them out again only for the pages an edit loads again.
#[derive(Debug, Default, PartialEq)]
pub struct PageRules {
    pub(super) dates: Vec<Diagnostic>,
    pub(super) placeholders: Vec<Diagnostic>,
    /// Its title and summary, trimmed and in lower case.
    pub(super) title: String,
    pub(super) summary: String,
    /// Each reference: (the field's place in its kind's fields, the kind
    /// it names, the name).
    pub(super) refs: Vec<(usize, String, String)>,
    /// The name references give it (its kind and file name without
    /// `.md`), if they can name it: not a section, and of a kind of
    /// `site.yaml`.
    pub(super) slug: Option<(String, String)>,
}

/// The rules that read page `p` alone.
pub fn page_rules(site: &Site, p: &Page) -> PageRules {
    let mut rules = PageRules {
        title: p.title().trim().to_lowercase(),
        summary: p.summary().trim().to_lowercase(),
        ..PageRules::default()
    };
    dates(site, p, &mut rules.dates);
    placeholders(site, p, &mut rules.placeholders);
    let kind = p.kind.name();
    if !p.is_section && site.config.kinds.kinds.iter().any(|k| k.name() == kind) {
        let stem = crate::render::references::stem(p);
        rules.slug = Some((kind.to_string(), stem.to_string()));
    }
    if !p.is_section {
        for (n, f) in p.kind.fields.iter().enumerate() {
            let Some(value) = p.field(&f.name) else {
                continue;
            };
            // References anywhere in the value, inside groups too.
            for (kind, name) in f.ty.references_in(value) {
                rules.refs.push((n, kind.to_string(), name.to_string()));
            }
        }
    }
    rules
}

/// The rules over the whole site: titles and summaries used twice, and
/// references (which read the names of every page of a kind). `pages` are
/// [`page_rules`] of each page, in site order.
pub fn site_rules(site: &Site, pages: &[&PageRules]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    duplicates(site, pages, &mut out);
    references(site, pages, &mut out);
    out
}

/// Every content rule's findings, from each page's (in site order) and the
/// site-wide ones, in the order [`check`] gives them.
pub fn assemble(pages: &[&PageRules], site_wide: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = pages.iter().flat_map(|r| r.dates.iter().cloned()).collect();
    out.extend(site_wide);
    out.extend(pages.iter().flat_map(|r| r.placeholders.iter().cloned()));
    out
}

/// Every text `signpost new` wrote that is still there in page `p`, if it
/// is not a draft: it would be published as it is.
fn placeholders(site: &Site, p: &Page, out: &mut Vec<Diagnostic>) {
    use crate::content::placeholder;
    if !p.common.draft {
        // Read again only for a page that has one, to find a list item's line.
        let mut text: Option<String> = None;
        for (field, value) in &p.fields {
            let mut strings = Vec::new();
            strings_in(field, value, &mut strings);
            for (part, v) in strings {
                // A part of a group (a course date's `note`) has its own placeholder.
                if !placeholder::is_placeholder(field, v) && !placeholder::is_placeholder(part, v) {
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
        if let Some(i) = p.placeholder_line() {
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

/// Every string in a front-matter value, lists and mappings included, with
/// the name of the field (or part of a group) it is in.
fn strings_in<'a>(name: &'a str, value: &'a serde_yaml::Value, out: &mut Vec<(&'a str, &'a str)>) {
    match value {
        serde_yaml::Value::String(s) => out.push((name, s)),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| strings_in(name, v, out)),
        serde_yaml::Value::Mapping(m) => m
            .iter()
            .for_each(|(k, v)| strings_in(k.as_str().unwrap_or(name), v, out)),
        serde_yaml::Value::Tagged(t) => strings_in(name, &t.value, out),
        _ => {}
    }
}

fn dates(site: &Site, p: &Page, out: &mut Vec<Diagnostic>) {
    if let Some(end) = p.end_date()
        && end < site.today
    {
        let k = &p.kind;
        let field = k
            .ends_on
            .iter()
            .find(|f| p.field(f).is_some())
            .map_or("", String::as_str);
        out.push(
            Diagnostic::warning(
                "content/ended",
                &p.file,
                format!(
                    "This {} {} on {}; it is shown as {} and left out of the {} {}",
                    k.label,
                    k.past_word,
                    long_date(end),
                    k.past_word,
                    k.current_word,
                    plural(&k.label),
                ),
            )
            .at_line(line_of(&p.key_lines, field))
            .field(field)
            .help(
                "Remove the page when you no longer want it on the site, or mark it `draft: true`.",
            ),
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

/// `vacancy` → `vacancies`, `event` → `events`.
pub fn plural(label: &str) -> String {
    if let Some(stem) = label.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if label.ends_with(['s', 'x']) || label.ends_with("ch") || label.ends_with("sh") {
        return format!("{label}es");
    }
    format!("{label}s")
}

/// `2026-11-01` → `1 November 2026`.
fn long_date(d: jiff::civil::Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

fn duplicates(site: &Site, pages: &[&PageRules], out: &mut Vec<Diagnostic>) {
    for field in ["title", "summary"] {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(pages.len());
        for (i, (p, rules)) in site.pages.iter().zip(pages).enumerate() {
            let key = if field == "title" {
                rules.title.as_str()
            } else {
                rules.summary.as_str()
            };
            if key.is_empty() {
                continue;
            }
            match seen.get(key) {
                Some(&first) => out.push(duplicate(p, field, &site.pages[first])),
                None => {
                    seen.insert(key, i);
                }
            }
        }
    }
}

/// The finding of page `p`, whose `field` (`title` or `summary`) is that
/// of `first`, a page before it.
pub(super) fn duplicate(p: &Page, field: &str, first: &Page) -> Diagnostic {
    let code = match field {
        "title" => "content/duplicate-title",
        _ => "content/duplicate-summary",
    };
    let other = first.file.to_string_lossy().replace('\\', "/");
    // The field the editor wrote it in (`name` for a team member).
    let name = match field {
        "title" if !p.is_section => p.kind.title.as_str(),
        "summary" if !p.is_section => p
            .kind
            .summary
            .iter()
            .find(|f| p.field(f).is_some())
            .map_or(field, String::as_str),
        _ => field,
    };
    Diagnostic::warning(
        code,
        &p.file,
        format!("This page has the same {field} as `{other}`"),
    )
    .at_line(line_of(&p.key_lines, name))
    .field(name)
    .help(format!(
        "Give each page its own {field}: search results and screen readers list pages by {field}."
    ))
}

/// The file name without `.md` of every page of a kind.
fn slugs<'a>(site: &'a Site, kind: &str) -> Vec<&'a str> {
    site.pages
        .iter()
        .filter(|p| p.kind.name() == kind && !p.is_section)
        .map(crate::render::references::stem)
        .collect()
}

/// The names references can give the pages of `kind`, in site order
/// (none when `site.yaml` has no such kind).
pub(super) fn names_of<'a>(site: &'a Site, kind: &str) -> Vec<&'a str> {
    match site.config.kinds.kinds.iter().any(|k| k.name() == kind) {
        true => slugs(site, kind),
        false => Vec::new(),
    }
}

/// Every reference (`ref` field) must name a published page of its kind.
fn references(site: &Site, pages: &[&PageRules], out: &mut Vec<Diagnostic>) {
    let mut known: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for k in &site.config.kinds.kinds {
        known.insert(k.name(), slugs(site, k.name()));
    }
    // Looked up for every reference; the lists are for suggestions.
    let known_set: HashSet<(&str, &str)> = known
        .iter()
        .flat_map(|(kind, names)| names.iter().map(move |n| (*kind, *n)))
        .collect();
    for (p, rules) in site.pages.iter().zip(pages) {
        for (n, kind, name) in &rules.refs {
            if known_set.contains(&(kind.as_str(), name.as_str())) {
                continue;
            }
            let names = known.get(kind.as_str()).map(Vec::as_slice);
            out.extend(reference(
                site,
                p,
                *n,
                kind,
                name,
                names.unwrap_or_default(),
            ));
        }
    }
}

/// The finding of page `p`'s reference, in its kind's field `n`, to
/// `name`, a page of `kind` that no page of the site is (`names` are those
/// of the pages of that kind, in site order); none when a page of that
/// name has mistakes (they are reported).
pub(super) fn reference(
    site: &Site,
    p: &Page,
    n: usize,
    kind: &str,
    name: &str,
    names: &[&str],
) -> Option<Diagnostic> {
    let f = p.kind.fields.get(n)?;
    let label = site
        .config
        .kinds
        .get(kind)
        .map_or(kind, |k| k.label.as_str());
    unknown_reference(site, p, &f.name, name, kind, label, names)
}

fn unknown_reference(
    site: &Site,
    p: &crate::content::Page,
    field: &str,
    name: &str,
    kind: &str,
    what: &str,
    known: &[&str],
) -> Option<Diagnostic> {
    // "team member page", but "page", not "page page".
    let pages = if what == "page" {
        what.to_string()
    } else {
        format!("{what} page")
    };
    let file_name = format!("/{name}.md");
    if known.contains(&name) || site.failed.iter().any(|f| f.ends_with(&file_name)) {
        return None;
    }
    // Point at the list item itself, when it is on a line of its own.
    let key_line = line_of(&p.key_lines, field);
    let item = key_line.and_then(|l| {
        let text = std::fs::read_to_string(site.root.join(&p.file)).ok()?;
        let listed = crate::yaml::list_items(&text, l)
            .into_iter()
            .find(|(v, _, _)| v == name)
            .map(|(_, l, c)| (l, c));
        // Inside a group (`host: ann-example` in an agenda item): the first
        // line below the field's that holds the name.
        listed.or_else(|| {
            text.lines()
                .enumerate()
                .skip(l)
                .take_while(|(_, line)| line.starts_with([' ', '\t', '-']))
                .find_map(|(i, line)| {
                    let col = line.find(&format!(": {name}"))? + 3;
                    Some((i + 1, col))
                })
        })
    });
    let place = |d: Diagnostic| match item {
        Some((l, c)) => d.at(l, c),
        None => d.at_line(key_line),
    };
    // A page that exists but is left out of this build.
    let held = site
        .held_back
        .iter()
        .find(|(source, (k, _))| k.name() == kind && source.ends_with(&file_name));
    if let Some((source, (_, why))) = held {
        return Some(
            place(Diagnostic::error(
                "content/unknown-reference",
                &p.file,
                format!(
                    "`{field}` names `{name}`, but that {what} page {why}, so it is not on the site"
                ),
            ))
            .field(field)
            .help(format!(
                "Publish `content/{source}` first, or take `{name}` out of `{field}` until it is."
            )),
        );
    }
    let help = match crate::diagnostics::did_you_mean(name, known.iter().copied()) {
        Some(s) => format!("Did you mean `{s}`?"),
        None if known.is_empty() => format!("There are no {} yet.", plural(&pages)),
        None => format!(
            "Use the file name of {} without `.md`: {}.",
            crate::diagnostics::with_article(&pages),
            known.join(", ")
        ),
    };
    Some(
        place(Diagnostic::error(
            "content/unknown-reference",
            &p.file,
            format!("`{field}` names `{name}`, but there is no {pages} with that file name"),
        ))
        .field(field)
        .help(help),
    )
}

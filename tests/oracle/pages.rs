//! Random edits to pages: their text, their front matter (titles,
//! summaries, weights, references, dates, drafts, a mistake and its fix),
//! and pages added, deleted, renamed and moved between folders.

use crate::disk::{self, Disk};
use crate::rng::Rng;
use crate::steps::Step;

/// Names new and renamed pages get: some are linked to before they exist,
/// some are names of pages in other sections (references name pages by
/// file name).
const NAMES: [&str; 6] = [
    "later",
    "new-one",
    "new-two",
    "sam-jones",
    "intro-course",
    "alpha",
];

/// Pages the bodies link to that may or may not be there.
const MAYBE: [&str; 5] = [
    "later.md",
    "services/later.md",
    "team/new-one.md",
    "clinics/_index.md",
    "events/new-one.md",
];

const FRAGMENTS: [&str; 6] = ["", "", "", "#our-work", "#part-1", "#who-we-help"];

/// A page's text edited: a paragraph, heading or link added, or the last
/// line taken away.
pub fn edit_body(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let page = rng.pick(&disk.pages())?.clone();
    let rel = format!("{}/{page}", disk::CONTENT);
    let text = disk.read(&rel);
    let (what, text) = match rng.below(8) {
        0 => (
            "a paragraph".to_string(),
            format!("{text}\nMore words for step {n}.\n"),
        ),
        1 => {
            let h = format!("## Part {}", rng.below(3));
            (format!("the heading `{h}`"), format!("{text}\n{h}\n"))
        }
        2 | 3 => {
            let link = link_target(rng, disk, &page);
            (
                format!("a link to {link}"),
                format!("{text}\nRead [page {n}]({link}).\n"),
            )
        }
        4 => {
            let line = *rng.pick(&[
                "Please utilise this page.",
                "We recieve letters.",
                "Visit Zorbly on Mondays.",
                "[Click here](https://example.org/) to read more.",
            ])?;
            (format!("`{line}`"), format!("{text}\n{line}\n"))
        }
        5 => {
            let url = *rng.pick(&["/services/alpha/", "/later/", "/team/", "/search/"])?;
            (
                format!("a link to the address {url}"),
                format!("{text}\nSee [the page at {url}]({url}).\n"),
            )
        }
        _ => {
            let (front, body) = disk::split(&text)?;
            let mut lines: Vec<&str> = body.lines().collect();
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            let gone = lines.pop()?.to_string();
            let body = lines.join("\n");
            (
                format!("its last line (`{gone}`) taken away"),
                format!("---\n{}\n---\n{body}\n", front.join("\n")),
            )
        }
    };
    disk.write(&rel, &text);
    Some(Step::one(format!("edit the text of {rel}: {what}"), rel))
}

/// Where a new link in `from` goes: a page that is there, or one that may
/// come later, sometimes to a part of it.
fn link_target(rng: &mut Rng, disk: &Disk, from: &str) -> String {
    let pages = disk.pages();
    let to = match rng.chance(75) {
        true => rng.pick(&pages).cloned().unwrap_or_default(),
        false => rng.pick(&MAYBE).map(|s| s.to_string()).unwrap_or_default(),
    };
    let fragment = rng.pick(&FRAGMENTS).copied().unwrap_or_default();
    format!("{}{fragment}", disk::relative_link(from, &to))
}

/// A field of a page's front matter changed.
pub fn edit_field(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let page = rng.pick(&disk.pages())?.clone();
    let rel = format!("{}/{page}", disk::CONTENT);
    let text = disk.read(&rel);
    let kind = disk::field(&text, "kind").unwrap_or_else(|| disk::kind_of_folder(&page).into());
    let has_name = disk::field(&text, "name").is_some();
    let (key, value): (&str, Option<String>) = match rng.below(10) {
        0 | 1 => {
            let title = rng
                .pick(&[
                    "Alpha team",
                    "About us",
                    "Shared title",
                    "Sam Jones",
                    "Zorbly clinic",
                ])?
                .to_string();
            let title = if rng.chance(50) {
                format!("Page {}", rng.below(5))
            } else {
                title
            };
            (if has_name { "name" } else { "title" }, Some(title))
        }
        2 => {
            let summary = match rng.chance(30) {
                true => "Shared words about a page.".to_string(),
                false => format!("Words about page {n}."),
            };
            (if has_name { "bio" } else { "summary" }, Some(summary))
        }
        3 => ("weight", rng.chance(80).then(|| rng.below(4).to_string())),
        4 => (
            "nav_title",
            rng.chance(60).then(|| format!("Menu {}", rng.below(3))),
        ),
        5 => match kind.as_str() {
            "service" => {
                let mut members = Vec::new();
                for m in ["sam-jones", "kim-lee", "new-one", "alpha"] {
                    if rng.chance(40) {
                        members.push(format!("\n  - {m}"));
                    }
                }
                (
                    "team_members",
                    (!members.is_empty()).then(|| members.concat()),
                )
            }
            "vacancy" => (
                "course",
                rng.pick(&["intro-course", "new-one", "later"])
                    .filter(|_| rng.chance(80))
                    .map(|s| s.to_string()),
            ),
            "team_member" => ("role", Some(format!("Worker {}", rng.below(3)))),
            _ => ("title", Some(format!("Page {}", rng.below(5)))),
        },
        6 => {
            let link = link_target(rng, disk, &page);
            let value = format!("See [the page]({link}).");
            match kind.as_str() {
                "service" => ("how_to_be_referred", Some(value)),
                "vacancy" => ("how_to_apply", Some(value)),
                "course" => ("how_to_book", Some(value)),
                _ => ("summary", Some(format!("About page {n}."))),
            }
        }
        7 => match kind.as_str() {
            "vacancy" => (
                "closing_date",
                rng.pick(&["2026-11-20", "2027-03-31", "2026-11-24"])
                    .map(|s| s.to_string()),
            ),
            _ => (
                "next_review_due",
                rng.pick(&["2026-11-01", "2027-11-01"])
                    .filter(|_| rng.chance(70))
                    .map(|s| s.to_string()),
            ),
        },
        8 => match rng.below(2) {
            0 => (
                "kind",
                (disk::field(&text, "kind").is_none() && !has_name).then(|| "page".to_string()),
            ),
            _ => (
                "silence_checks",
                rng.chance(60).then(|| {
                    "\n  - check: writing/spelling\n    reason: Names of places.".to_string()
                }),
            ),
        },
        _ => (
            "aliases",
            rng.chance(70).then(|| {
                format!(
                    "\n  - {}",
                    rng.pick(&["/old-page/", "/older/", "/about/"])
                        .copied()
                        .unwrap_or_default()
                )
            }),
        ),
    };
    let what = match &value {
        Some(v) => format!("`{key}` set to {:?}", v.trim()),
        None => format!("`{key}` removed"),
    };
    disk.write(&rel, &disk::set_field(&text, key, value.as_deref()));
    Some(Step::one(
        format!("edit the front matter of {rel}: {what}"),
        rel,
    ))
}

/// A page made a draft or published again, held back until a date to come
/// or not, or given a mistake in its front matter or its fix.
pub fn toggle(rng: &mut Rng, disk: &Disk) -> Option<Step> {
    let page = rng.pick(&disk.pages())?.clone();
    let rel = format!("{}/{page}", disk::CONTENT);
    let text = disk.read(&rel);
    let (what, text) = match rng.below(5) {
        0 | 1 => match disk::field(&text, "draft") {
            Some(_) => ("published again", disk::set_field(&text, "draft", None)),
            None => (
                "made a draft",
                disk::set_field(&text, "draft", Some("true")),
            ),
        },
        2 => match disk::field(&text, "publish_date") {
            Some(_) => (
                "no longer held back",
                disk::set_field(&text, "publish_date", None),
            ),
            None => (
                "held back until 2027",
                disk::set_field(&text, "publish_date", Some("2027-01-01")),
            ),
        },
        _ => {
            let key = if disk::field(&text, "name").is_some() {
                "name"
            } else {
                "title"
            };
            let typo = format!("{key}x");
            match disk::field(&text, &typo) {
                Some(_) => (
                    "its misspelt field put right",
                    text.replacen(&format!("\n{typo}:"), &format!("\n{key}:"), 1),
                ),
                None => (
                    "a field misspelt",
                    text.replacen(&format!("\n{key}:"), &format!("\n{typo}:"), 1),
                ),
            }
        }
    };
    disk.write(&rel, &text);
    Some(Step::one(format!("{rel} {what}"), rel))
}

/// A new page of the kind its folder holds (sometimes saying its kind).
pub fn add(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let mut folders = vec![String::new()];
    folders.extend(disk.folders());
    let folder = rng.pick(&folders)?.clone();
    let name = free_name(rng, disk, &folder)?;
    let source = match folder.is_empty() {
        true => format!("{name}.md"),
        false => format!("{folder}/{name}.md"),
    };
    let kind = disk::kind_of_folder(&source);
    let rel = format!("{}/{source}", disk::CONTENT);
    disk.write(&rel, &new_page(kind, n, rng.chance(30)));
    Some(Step::one(format!("add the {kind} page {rel}"), rel))
}

/// The text of a new page of `kind`.
pub fn new_page(kind: &str, n: usize, say_kind: bool) -> String {
    let fields = match kind {
        "service" => {
            "title: Service {n}\nsummary: A service made at step {n}.\nlocalities:\n  - City\nwho_it_is_for: Adults.\nhow_to_be_referred: Ask your doctor.\ncontact: Email [the team](mailto:team@example.org).\n"
        }
        "team_member" => "name: Person {n}\nrole: Worker\n",
        "course" => {
            "title: Course {n}\nsummary: A course made at step {n}.\nformat: Online\nduration: One hour\naudience: Everyone.\nlearning_outcomes:\n  - Listen\ntopics:\n  - Listening\nhow_to_book: Email [the team](mailto:team@example.org).\n"
        }
        "vacancy" => {
            "title: Job {n}\nsummary: A job made at step {n}.\nclosing_date: 2027-02-01\nlocation: City\npay: Band 3\nhours: 20 hours a week\neligibility_criteria:\n  - Be kind\nhow_to_apply: Email [the team](mailto:team@example.org).\n"
        }
        _ => "title: Page {n}\nsummary: A page made at step {n}.\n",
    };
    let kind_line = if say_kind {
        format!("kind: {kind}\n")
    } else {
        String::new()
    };
    format!(
        "---\n{kind_line}{}---\n## Part {}\n\nText of a page made at step {n}.\n",
        fields.replace("{n}", &n.to_string()),
        n % 3
    )
}

/// A file name from [`NAMES`] not yet taken in `folder`.
fn free_name(rng: &mut Rng, disk: &Disk, folder: &str) -> Option<String> {
    let start = rng.below(NAMES.len());
    (0..NAMES.len())
        .map(|i| NAMES[(start + i) % NAMES.len()])
        .find(|name| {
            let source = match folder.is_empty() {
                true => format!("{name}.md"),
                false => format!("{folder}/{name}.md"),
            };
            !disk.exists(&format!("{}/{source}", disk::CONTENT))
        })
        .map(str::to_string)
}

/// A page deleted (the home page rarely).
pub fn delete(rng: &mut Rng, disk: &Disk) -> Option<Step> {
    let pages: Vec<String> = disk
        .pages()
        .into_iter()
        .filter(|p| p != "_index.md" || rng.chance(10))
        .collect();
    let page = rng.pick(&pages)?;
    let rel = format!("{}/{page}", disk::CONTENT);
    disk.remove(&rel);
    Some(Step::one(format!("delete {rel}"), rel))
}

/// A page renamed in its folder, or moved to another folder with its name.
pub fn rename_or_move(rng: &mut Rng, disk: &Disk, moving: bool) -> Option<Step> {
    let pages: Vec<String> = disk
        .pages()
        .into_iter()
        .filter(|p| !p.ends_with("_index.md"))
        .collect();
    let page = rng.pick(&pages)?.clone();
    let (folder, file) = match page.rsplit_once('/') {
        Some((d, f)) => (d.to_string(), f.to_string()),
        None => (String::new(), page.clone()),
    };
    let to = if moving {
        let mut folders = vec![String::new()];
        folders.extend(disk.folders());
        folders.retain(|f| *f != folder);
        let target = rng.pick(&folders)?.clone();
        let to = match target.is_empty() {
            true => file,
            false => format!("{target}/{file}"),
        };
        if disk.exists(&format!("{}/{to}", disk::CONTENT)) {
            return None;
        }
        to
    } else {
        let name = free_name(rng, disk, &folder)?;
        match folder.is_empty() {
            true => format!("{name}.md"),
            false => format!("{folder}/{name}.md"),
        }
    };
    let (from, to) = (
        format!("{}/{page}", disk::CONTENT),
        format!("{}/{to}", disk::CONTENT),
    );
    disk.rename(&from, &to);
    let verb = if moving { "move" } else { "rename" };
    Some(Step {
        what: format!("{verb} {from} to {to}"),
        paths: vec![from, to],
    })
}

//! Random edits to the site around its pages: section folders added,
//! removed and renamed, `_index.md` files taken away and put back,
//! templates and a stylesheet edited, `site.yaml` changed, and a file
//! beside the pages added or removed.

use crate::disk::{self, Disk};
use crate::pages::new_page;
use crate::rng::Rng;
use crate::steps::Step;

const FOLDERS: [&str; 5] = ["clinics", "events", "services/east", "team/leads", "about"];
const TEMPLATES: &str = "themes/default/templates";

/// A section folder with its `_index.md` (and sometimes a page). The
/// watcher may see only the folder: files made in it before its watch was
/// added are not reported.
pub fn add_section(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let folder = rng.pick(&FOLDERS)?.to_string();
    let folder = match disk.exists(&format!("{}/{folder}", disk::CONTENT)) {
        true => format!("{folder}-{n}"),
        false => folder,
    };
    let dir = format!("{}/{folder}", disk::CONTENT);
    let index = format!("{dir}/_index.md");
    let title = folder.rsplit('/').next().unwrap_or_default();
    disk.write(
        &index,
        &format!("---\ntitle: The {title} section\nsummary: Pages about {title}.\n---\nThe pages about {title}.\n"),
    );
    let mut paths = vec![dir.clone()];
    if !rng.chance(30) {
        paths.push(index.clone());
    }
    if rng.chance(50) {
        let source = format!("{folder}/new-one.md");
        let page = format!("{}/{source}", disk::CONTENT);
        disk.write(&page, &new_page(disk::kind_of_folder(&source), n, false));
        if rng.chance(70) {
            paths.push(page);
        }
    }
    Some(Step {
        what: format!("add the section folder {dir}, told of {paths:?}"),
        paths,
    })
}

/// A folder removed with what is in it: the watcher reports each file and
/// the folder, or (moved to the bin) the folder alone.
pub fn remove_folder(rng: &mut Rng, disk: &Disk) -> Option<Step> {
    let folder = rng.pick(&disk.folders())?.clone();
    let dir = format!("{}/{folder}", disk::CONTENT);
    let mut paths = vec![dir.clone()];
    if rng.chance(60) {
        paths.extend(
            disk.files_in(&folder)
                .into_iter()
                .map(|f| format!("{}/{f}", disk::CONTENT)),
        );
    }
    disk.remove(&dir);
    Some(Step {
        what: format!("remove the folder {dir}, told of {paths:?}"),
        paths,
    })
}

/// A folder renamed or moved into another: the watcher reports the two
/// folder names only.
pub fn rename_folder(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let folders = disk.folders();
    let folder = rng.pick(&folders)?.clone();
    let name = folder.rsplit('/').next().unwrap_or_default();
    let to = match rng.chance(50) {
        true => format!("{}/{}-{n}", disk::folder_of(&folder), name)
            .trim_start_matches('/')
            .to_string(),
        false => {
            let others: Vec<&String> = folders
                .iter()
                .filter(|f| **f != folder && !f.starts_with(&format!("{folder}/")))
                .collect();
            format!("{}/{name}", rng.pick(&others)?)
        }
    };
    let (from, to) = (
        format!("{}/{folder}", disk::CONTENT),
        format!("{}/{to}", disk::CONTENT),
    );
    if disk.exists(&to) {
        return None;
    }
    disk.rename(&from, &to);
    Some(Step {
        what: format!("rename the folder {from} to {to}"),
        paths: vec![from, to],
    })
}

/// A folder's `_index.md` taken away, or put back (the home page too).
pub fn toggle_index(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let mut folders = vec![String::new()];
    folders.extend(disk.folders());
    let folder = rng.pick(&folders)?.clone();
    let rel = match folder.is_empty() {
        true => format!("{}/_index.md", disk::CONTENT),
        false => format!("{}/{folder}/_index.md", disk::CONTENT),
    };
    if folder.is_empty() && disk.exists(&rel) && !rng.chance(20) {
        return None;
    }
    let what = if disk.exists(&rel) {
        disk.remove(&rel);
        format!("delete {rel}")
    } else {
        let source = rel.trim_start_matches("content/");
        let mut text = new_page("page", n, false);
        if disk::kind_of_folder(source) == "vacancy" {
            text = disk::set_field(&text, "eligibility_criteria", Some("\n  - Be kind"));
        }
        disk.write(&rel, &text);
        format!("add {rel}")
    };
    Some(Step::one(what, rel))
}

/// A template edited: text added to a page template, a kind's template or
/// a partial every page includes; a template made to read the section's
/// listing or another page (`get_page`); or one put back as it was.
pub fn edit_template(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let (name, what, edit): (&str, String, Box<dyn Fn(String) -> String>) = match rng.below(8) {
        0 => ("page.html", "text added".into(), after("{% block content %}", format!("<p>Page template {n}</p>"))),
        1 => ("partials/footer.html", "text added".into(), after("<footer class=\"footer\">", format!("<p>Footer {n}</p>"))),
        2 => ("service.html", "text added".into(), after("{% block content %}", format!("<p>Service template {n}</p>"))),
        3 => (
            "page.html",
            "made to show the section's listing".into(),
            after(
                "{% block content %}",
                "{% if section is defined and section %}<p>In {{ section.title }}: {% for p in section.pages %}{{ p.title }}, {% endfor %}</p>{% endif %}".into(),
            ),
        ),
        4 => (
            "team_member.html",
            "made to show a page by `get_page`".into(),
            after("{% block content %}", "<p>See {{ get_page(\"about.md\").title }}</p>".into()),
        ),
        5 if rng.chance(20) => (
            "page.html",
            "given an id of its own".into(),
            after("{% block content %}", format!("<p id=\"part-{}\">Theme</p>", n % 3)),
        ),
        _ => {
            let name = *rng.pick(&["page.html", "partials/footer.html", "service.html", "team_member.html"])?;
            let original = std::fs::read_to_string(
                crate::common::repo_root().join("themes/default/templates").join(name),
            )
            .expect("the theme's template");
            (name, "put back as it was".into(), Box::new(move |_| original.clone()))
        }
    };
    let rel = format!("{TEMPLATES}/{name}");
    let text = disk.read(&rel);
    disk.write(&rel, &edit(text));
    Some(Step::one(format!("template {rel} {what}"), rel))
}

fn after(marker: &'static str, add: String) -> Box<dyn Fn(String) -> String> {
    Box::new(move |t: String| t.replacen(marker, &format!("{marker}{add}"), 1))
}

/// `site.yaml` edited: the title, the menu, a check's level.
pub fn edit_settings(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let rel = "site.yaml";
    let text = disk.read(rel);
    let (what, text) = match rng.below(3) {
        0 => (
            "a new title".to_string(),
            text.replacen("\ntitle: ", &format!("\ntitle: {n} "), 1),
        ),
        1 => match text.contains("  - training\n") {
            true => (
                "training out of the menu".into(),
                text.replacen("  - training\n", "", 1),
            ),
            false => (
                "training in the menu".into(),
                text.replacen("  - contact.md\n", "  - training\n  - contact.md\n", 1),
            ),
        },
        _ => match text.find("\nchecks:\n") {
            Some(at) => (
                "its check levels taken away".into(),
                text[..=at].to_string(),
            ),
            None => (
                "check levels set".into(),
                format!(
                    "{text}\nchecks:\n  content/duplicate-title: error\n  writing/spelling: off\n"
                ),
            ),
        },
    };
    disk.write(rel, &text);
    Some(Step::one(format!("site.yaml: {what}"), rel.to_string()))
}

/// The theme's stylesheet edited.
pub fn edit_css(disk: &Disk, n: usize) -> Option<Step> {
    let rel = "themes/default/static/css/site.css";
    let text = disk.read(rel);
    disk.write(rel, &format!("{text}\n.step-{n} {{ color: #212b32; }}\n"));
    Some(Step::one(format!("edit {rel}"), rel.to_string()))
}

/// A file beside the pages (a leaflet) added, saved again or removed.
pub fn toggle_file(rng: &mut Rng, disk: &Disk, n: usize) -> Option<Step> {
    let mut folders = vec![String::new()];
    folders.extend(disk.folders());
    let folder = rng.pick(&folders)?;
    let rel = match folder.is_empty() {
        true => format!("{}/leaflet.pdf", disk::CONTENT),
        false => format!("{}/{folder}/leaflet.pdf", disk::CONTENT),
    };
    let what = if disk.exists(&rel) && rng.chance(50) {
        disk.remove(&rel);
        format!("delete {rel}")
    } else {
        disk.write(&rel, &format!("%PDF-1.4 leaflet {n}"));
        format!("save {rel}")
    };
    Some(Step::one(what, rel))
}

//! One random step of a sequence: an edit made to the site's files, and
//! the paths the preview's watcher would report for it (see
//! `serve::watch`: each file saved, made or deleted; both names of a
//! rename; a folder alone when it was moved or its files were made before
//! its watch was added).

use signpost::serve::Change;

use crate::disk::Disk;
use crate::rng::Rng;
use crate::{pages, structure};

/// An edit made, as the watcher reports it.
pub struct Step {
    /// What was done, for the failure message.
    pub what: String,
    /// Changed paths, relative to the site folder.
    pub paths: Vec<String>,
}

impl Step {
    pub fn one(what: String, path: String) -> Step {
        Step {
            what,
            paths: vec![path],
        }
    }

    /// The change as the watcher sends it: sorted, each path once.
    pub fn change(&self) -> Change {
        let mut paths = self.paths.clone();
        paths.sort();
        paths.dedup();
        Change { paths }
    }
}

/// How often each kind of step is chosen, out of their sum.
const WEIGHTS: [usize; 14] = [
    16, // a page's text
    18, // a page's front matter
    7,  // draft, publish date, a mistake and its fix
    8,  // a page added
    6,  // a page deleted
    5,  // a page renamed
    5,  // a page moved to another folder
    4,  // a section folder added
    2,  // a folder removed
    2,  // a folder renamed or moved
    3,  // an `_index.md` removed or added
    6,  // a template
    3,  // site.yaml
    3,  // a stylesheet, or a file beside the pages
];

/// Makes one random edit to the site on `disk` (step `n` of its sequence).
/// `errors` are the files the site's mistakes are in now: as an editor
/// would, a step often puts one of them right.
pub fn random(rng: &mut Rng, disk: &Disk, n: usize, errors: &[String]) -> Step {
    if rng.chance(50)
        && let Some(file) = rng.pick(errors)
        && let Some(step) = repair(disk, file)
    {
        return step;
    }
    // An edit that cannot be made now (no page to rename) gives way to
    // another; a new page can always be added.
    for _ in 0..20 {
        let step = match rng.weighted(&WEIGHTS) {
            0 => pages::edit_body(rng, disk, n),
            1 => pages::edit_field(rng, disk, n),
            2 => pages::toggle(rng, disk),
            3 => pages::add(rng, disk, n),
            4 => pages::delete(rng, disk),
            5 => pages::rename_or_move(rng, disk, false),
            6 => pages::rename_or_move(rng, disk, true),
            7 => structure::add_section(rng, disk, n),
            8 => structure::remove_folder(rng, disk),
            9 => structure::rename_folder(rng, disk, n),
            10 => structure::toggle_index(rng, disk, n),
            11 => structure::edit_template(rng, disk, n),
            12 => structure::edit_settings(rng, disk, n),
            _ => match rng.chance(40) {
                true => structure::edit_css(disk, n),
                false => structure::toggle_file(rng, disk, n),
            },
        };
        if let Some(step) = step {
            return step;
        }
    }
    pages::add(rng, disk, n).expect("a page can always be added")
}

/// Puts right the mistake in `file`: a page or template back as the
/// fixture has it (a page it does not have deleted); for `site.yaml`, the
/// pages its menu and footer name put back, or it put back itself.
fn repair(disk: &Disk, file: &str) -> Option<Step> {
    let fixture = crate::common::fixtures().join("oracle");
    let theme = crate::common::repo_root();
    if file.starts_with("themes/") {
        let original = std::fs::read_to_string(theme.join(file)).ok()?;
        disk.write(file, &original);
        return Some(Step::one(format!("put {file} back as it was"), file.into()));
    }
    if file.starts_with("content/") && file.ends_with(".md") {
        let original = std::fs::read_to_string(fixture.join(file));
        // A page the fixture does not have (moved, renamed, new) goes.
        if original.is_err() {
            if !disk.exists(file) {
                return None;
            }
            disk.remove(file);
            return Some(Step::one(
                format!("delete {file}, which has a mistake"),
                file.into(),
            ));
        }
        // Often the mistake is a link or reference to a page that is gone.
        if let Some(gone) = fixture_pages()
            .into_iter()
            .map(|p| format!("{}/{p}", crate::disk::CONTENT))
            .find(|p| !disk.exists(p))
        {
            return put_back(disk, &gone);
        }
        return put_back(disk, file);
    }
    if file == "site.yaml" {
        for page in [
            "_index.md",
            "about.md",
            "contact.md",
            "services/_index.md",
            "team/_index.md",
        ] {
            let rel = format!("{}/{page}", crate::disk::CONTENT);
            if !disk.exists(&rel) {
                return put_back(disk, &rel);
            }
        }
        let original = std::fs::read_to_string(fixture.join(file)).ok()?;
        disk.write(file, &original);
        return Some(Step::one(
            "put site.yaml back as it was".into(),
            file.into(),
        ));
    }
    None
}

/// The fixture's page `file` (`content/…`) written back as it was.
fn put_back(disk: &Disk, file: &str) -> Option<Step> {
    let original =
        std::fs::read_to_string(crate::common::fixtures().join("oracle").join(file)).ok()?;
    let mut paths = created_folders(disk, file);
    disk.write(file, &original);
    paths.push(file.into());
    Some(Step {
        what: format!("put {file} back as it was"),
        paths,
    })
}

/// The fixture's pages, by source path.
fn fixture_pages() -> Vec<String> {
    let fixture = crate::common::fixtures()
        .join("oracle")
        .join(crate::disk::CONTENT);
    let mut out = Vec::new();
    let mut dirs = vec![fixture.clone()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if let Ok(rel) = p.strip_prefix(&fixture) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// The folders that writing `file` makes, outermost first.
fn created_folders(disk: &Disk, file: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut dir = crate::disk::folder_of(file);
    while !dir.is_empty() && !disk.exists(dir) {
        out.push(dir.to_string());
        dir = crate::disk::folder_of(dir);
    }
    out.reverse();
    out
}

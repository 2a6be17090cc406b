//! Content: loading `content/` into the [`Site`] model — pages, sections,
//! assets, their web addresses and the tree that listings, navigation and
//! breadcrumbs are built from.

pub mod frontmatter;
pub mod kinds;
pub mod placeholder;
mod values;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use walkdir::WalkDir;

pub use kinds::{Field, Kind, Ty};

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::yaml;

pub const CONTENT_DIR: &str = "content";

/// One markdown file, checked and typed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path under `content/`, with `/` separators: `services/early-intervention.md`.
    pub source: String,
    /// Path from the site root, for messages: `content/services/early-intervention.md`.
    pub file: PathBuf,
    /// For a section, the kind of the pages it holds.
    pub kind: Kind,
    pub is_section: bool,
    /// Site path without the `base_url` path: `/services/early-intervention/`.
    pub path: String,
    /// The page's title (a team member's name: whichever field its kind
    /// says), and its summary.
    pub title: String,
    pub summary: String,
    pub common: kinds::Common,
    /// The checked front matter, for the template context.
    pub fields: serde_yaml::Mapping,
    /// The line of each front-matter field, for messages.
    pub key_lines: Vec<(String, usize)>,
    /// Where each field's value starts, for positions inside markdown fields.
    pub value_origins: Vec<(String, crate::markdown::Origin)>,
    pub body: String,
    /// The line of the file where the body starts.
    pub body_line: usize,
    /// Index of the section page this page is listed in (`None` for home).
    pub parent: Option<usize>,
    /// For sections: the pages and subsections listed on it.
    pub children: Vec<usize>,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// A field's value, if the page has it.
    pub fn field(&self, name: &str) -> Option<&serde_yaml::Value> {
        self.fields.get(name)
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.field(name).and_then(serde_yaml::Value::as_str)
    }

    /// A list of text (or one text) field's items.
    pub fn strings(&self, name: &str) -> Vec<&str> {
        self.field(name).map(kinds::strings_of).unwrap_or_default()
    }

    /// A date (or the day of a datetime) field.
    pub fn date(&self, name: &str) -> Option<Date> {
        self.field(name).and_then(kinds::date_of)
    }

    pub fn number(&self, name: &str) -> Option<f64> {
        self.field(name).and_then(serde_yaml::Value::as_f64)
    }

    /// The date after which the page counts as past (a vacancy's closing
    /// date): the first of its kind's `ends_on` fields that is set. Not for
    /// sections.
    pub fn end_date(&self) -> Option<Date> {
        if self.is_section {
            return None;
        }
        self.kind.ends_on.iter().find_map(|f| self.date(f))
    }

    /// Past the day after its end date: a closed vacancy, an event that is over.
    pub fn is_closed(&self, today: Date) -> bool {
        self.end_date().is_some_and(|d| d < today)
    }

    /// The kind's name, or `section` for a section page.
    pub fn kind_name(&self) -> &str {
        if self.is_section {
            "section"
        } else {
            self.kind.name()
        }
    }

    /// Left out of this build: a draft, a page whose `publish_date` is still
    /// to come, or a closed vacancy on a site that hides them.
    pub fn held_back(&self, today: Date, closed: crate::config::ClosedVacancies) -> bool {
        self.held_back_because(today, closed).is_some()
    }

    /// Why the page is left out of this build, in words that follow "it …".
    pub fn held_back_because(
        &self,
        today: Date,
        closed: crate::config::ClosedVacancies,
    ) -> Option<String> {
        if self.common.draft {
            return Some("is a draft (`draft: true`)".into());
        }
        if let Some(d) = self.common.publish_date.filter(|d| *d > today) {
            return Some(format!(
                "is not published yet (its `publish_date` is {})",
                d.strftime("%-d %B %Y")
            ));
        }
        (closed == crate::config::ClosedVacancies::Hide && self.is_closed(today)).then(|| {
            format!(
                "is {}, and `closed_vacancies: hide` leaves those out",
                crate::diagnostics::with_article(&format!(
                    "{} {}",
                    self.kind.past_word, self.kind.label
                ))
            )
        })
    }

    /// The folder under `content/` holding the source file.
    pub fn source_dir(&self) -> &str {
        self.source.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

/// A file that is copied as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub from: PathBuf,
    /// Output path relative to the output folder, `/` separated.
    pub to: String,
}

/// What the build was asked for.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub drafts: bool,
    pub today: Date,
    /// Give stylesheets and scripts names that change with their contents.
    pub fingerprint: bool,
    /// Minify HTML and CSS (if `site.yaml` allows).
    pub minify: bool,
}

/// The whole site, built once and passed to every later stage.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub pages: Vec<Page>,
    /// Index of the home page in `pages`.
    pub home: usize,
    pub assets: Vec<Asset>,
    /// Source path under `content/` → index in `pages`.
    pub by_source: HashMap<String, usize>,
    /// Source paths of drafts left out of this build.
    pub drafts_left_out: Vec<String>,
    /// The kind of each page left out of this build, and why (see
    /// [`Page::held_back_because`]), by source path.
    pub held_back: BTreeMap<String, (Kind, String)>,
    /// Source paths of pages left out because they have mistakes; links to
    /// them are not reported as broken.
    pub failed: Vec<String>,
    /// There is no `content/_index.md`: the home page is a stand-in, made
    /// only so that the other pages can be checked.
    pub stand_in_home: bool,
    pub today: Date,
    /// Whether stylesheets and scripts get fingerprinted names.
    pub fingerprint: bool,
    /// Whether templates and stylesheets are minified.
    pub minify: bool,
}

impl Site {
    /// Loads `content/` under `root`, adding every mistake to `diags`.
    /// Returns `None` when the content has errors.
    pub fn load(
        root: &Path,
        config: Config,
        opts: &LoadOptions,
        diags: &mut Diagnostics,
    ) -> Option<Site> {
        let content = root.join(CONTENT_DIR);
        if !content.is_dir() {
            diags.push(
                Diagnostic::error("content/missing", CONTENT_DIR, "There is no `content` folder")
                    .help("Create a folder called `content` beside `site.yaml`, with an `_index.md` file for the home page."),
            );
            return None;
        }
        let (md_files, assets) = walk(&content, diags);
        check_sections_exist(&config, &content, root, diags);

        let loaded: Vec<Result<Page, Vec<Diagnostic>>> = md_files
            .par_iter()
            .map(|source| load_page(root, source, &config))
            .collect();
        let mut pages = Vec::with_capacity(loaded.len());
        let mut drafts_left_out = Vec::new();
        let mut failed = Vec::new();
        let mut held_back = BTreeMap::new();
        for (r, source) in loaded.into_iter().zip(&md_files) {
            let why = |p: &Page| {
                (!opts.drafts)
                    .then(|| p.held_back_because(opts.today, config.closed_vacancies))
                    .flatten()
            };
            match r {
                Ok(p) if let Some(why) = why(&p) => {
                    held_back.insert(p.source.clone(), (p.kind.clone(), why));
                    drafts_left_out.push(p.source)
                }
                Ok(p) => pages.push(p),
                Err(ds) => {
                    diags.extend(ds);
                    failed.push(source.clone());
                }
            }
        }
        // Pages with mistakes are left out, but the rest of the site is still
        // built and checked, so one run reports every mistake.
        pages.sort_by(|a, b| a.source.cmp(&b.source));

        let stand_in_home = !pages.iter().any(|p| p.source == "_index.md");
        if stand_in_home {
            diags.push(
                Diagnostic::error("content/no-home", format!("{CONTENT_DIR}/_index.md"), "There is no home page")
                    .help("Create `content/_index.md` with a `title:` and a `summary:`; it becomes the site's home page."),
            );
            // A stand-in, so that the rest of the site is still checked
            // (and counted); the error stops it being published.
            pages.push(stand_in_home_page(&config)?);
            pages.sort_by(|a, b| a.source.cmp(&b.source));
        }
        let home = pages.iter().position(|p| p.source == "_index.md")?;
        check_unique_paths(&pages, diags);

        let by_source = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.clone(), i))
            .collect();
        let minify = opts.minify && config.minify;
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            pages,
            home,
            assets,
            by_source,
            drafts_left_out,
            held_back,
            failed,
            stand_in_home,
            today: opts.today,
            fingerprint: opts.fingerprint,
            minify,
        };
        site.link_tree();
        Some(site)
    }

    /// Sets each page's parent (the nearest section above it) and sorts
    /// each section's children for listings.
    fn link_tree(&mut self) {
        let sections: HashMap<String, usize> = self
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_section)
            .map(|(i, p)| (p.source_dir().to_string(), i))
            .collect();
        for i in 0..self.pages.len() {
            if i == self.home {
                continue;
            }
            let p = &self.pages[i];
            let mut dir = if p.is_section {
                parent_dir(p.source_dir()).to_string()
            } else {
                p.source_dir().to_string()
            };
            let parent = loop {
                if let Some(&s) = sections.get(&dir) {
                    break s;
                }
                if dir.is_empty() {
                    break self.home;
                }
                dir = parent_dir(&dir).to_string();
            };
            self.pages[i].parent = Some(parent);
            self.pages[parent].children.push(i);
        }
        for s in 0..self.pages.len() {
            self.sort_children(s);
        }
    }

    /// Puts section `s`'s children in listing order.
    pub fn sort_children(&mut self, s: usize) {
        let today = self.today;
        let mut children = std::mem::take(&mut self.pages[s].children);
        children.sort_by(|&a, &b| listing_order(&self.pages[a], &self.pages[b], today));
        self.pages[s].children = children;
    }

    /// The pages listed on section `s` that are not sections.
    pub fn child_pages(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.pages[s]
            .children
            .iter()
            .copied()
            .filter(|&c| !self.pages[c].is_section)
    }

    pub fn subsections(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.pages[s]
            .children
            .iter()
            .copied()
            .filter(|&c| self.pages[c].is_section)
    }

    /// Ancestors from the home page down to the page's parent.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.pages[i].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.pages[p].parent;
        }
        out.reverse();
        out
    }

    /// Output paths of pages left out for their mistakes: links to them are
    /// not reported again as broken.
    pub fn failed_outputs(&self) -> impl Iterator<Item = String> + '_ {
        self.failed
            .iter()
            .map(|s| crate::render::output_path(&path_for_source(s)))
    }

    /// The page a source path under `content/` refers to.
    pub fn page_by_source(&self, source: &str) -> Option<&Page> {
        self.by_source.get(source).map(|&i| &self.pages[i])
    }
}

/// Past pages last (closed vacancies); then by the kind's `order` field
/// (a vacancy's closing date, soonest first); then weight (pages without
/// one after), then title.
fn listing_order(a: &Page, b: &Page, today: Date) -> std::cmp::Ordering {
    let past = |p: &Page| p.is_closed(today);
    past(a)
        .cmp(&past(b))
        .then_with(|| ordered_by(a, b))
        .then_with(|| {
            let w = |p: &Page| (p.common.weight.is_none(), p.common.weight.unwrap_or(0));
            w(a).cmp(&w(b))
        })
        .then_with(|| a.title().to_lowercase().cmp(&b.title().to_lowercase()))
        .then_with(|| a.source.cmp(&b.source))
}

/// By the kind's `order` field (pages without it after). Pages of
/// different kinds in one section are not ordered by it.
fn ordered_by(a: &Page, b: &Page) -> std::cmp::Ordering {
    use std::cmp::Ordering::Equal;
    let (Some(o), Some(o2)) = (&a.kind.order, &b.kind.order) else {
        return Equal;
    };
    if o != o2 || a.is_section || b.is_section {
        return Equal;
    }
    let key = |p: &Page| sort_key(p.field(&o.field));
    match (key(a), key(b)) {
        (Some(x), Some(y)) if o.descending => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => Equal,
    }
}

/// A value that sorts as people expect: numbers by size, dates and text
/// as written (`YYYY-MM-DD` sorts by date).
enum SortKey {
    Number(f64),
    Text(String),
}

impl SortKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            (SortKey::Number(_), SortKey::Text(_)) => std::cmp::Ordering::Less,
            (SortKey::Text(_), SortKey::Number(_)) => std::cmp::Ordering::Greater,
        }
    }
}

fn sort_key(v: Option<&serde_yaml::Value>) -> Option<SortKey> {
    match v? {
        serde_yaml::Value::Number(n) => n.as_f64().map(SortKey::Number),
        serde_yaml::Value::String(s) => Some(SortKey::Text(s.to_lowercase())),
        serde_yaml::Value::Bool(b) => Some(SortKey::Number(f64::from(u8::from(*b)))),
        _ => None,
    }
}

fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Files an editor or the operating system leaves behind, never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name == "Thumbs.db"
}

/// Markdown sources (under `content/`, sorted) and the other files to copy.
fn walk(content: &Path, diags: &mut Diagnostics) -> (Vec<String>, Vec<Asset>) {
    let mut md = Vec::new();
    let mut assets = Vec::new();
    let root = site_root_of(content);
    let mut outside = Vec::new();
    for entry in walk_site_dir(content, &root, &mut outside) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel_display(content, p))
                    .unwrap_or_else(|| CONTENT_DIR.into());
                let reason = e.io_error().map_or_else(
                    || "it is a folder link that leads back into itself".to_string(),
                    plain_io_error,
                );
                diags.push(
                    Diagnostic::error(
                        "content/unreadable",
                        path,
                        format!("This could not be read: {reason}"),
                    )
                    .help("Check the file's permissions, or remove it if it should not be there."),
                );
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // A pipe, socket or device: reading it could wait for ever, and
            // it is never a page an editor wrote, so say so rather than skip it.
            diags.push(
                Diagnostic::error(
                    "content/unreadable",
                    rel_display(content, entry.path()),
                    "This could not be read: it is not an ordinary file (it is a pipe, socket or device)",
                )
                .help("Remove it from the `content` folder, or replace it with the file it should be."),
            );
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // Where `\` is not a folder separator it can be in a name, but a web
        // address cannot hold it (browsers read it as `/`).
        if let Some(name) = parts.iter().find(|p| p.contains('\\')) {
            diags.push(
                Diagnostic::error(
                    "content/file-name",
                    Path::new(CONTENT_DIR).join(rel),
                    format!("The name `{name}` has a backslash (`\\`) in it, which a web address cannot hold"),
                )
                .help(format!(
                    "Rename it without the backslash, for example `{}`.",
                    name.replace('\\', "-")
                )),
            );
            continue;
        }
        let rel = parts.join("/");
        if rel.ends_with(".md") {
            md.push(rel);
        } else {
            assets.push(Asset {
                from: entry.path().to_path_buf(),
                to: rel,
            });
        }
    }
    for p in outside {
        diags.push(link_outside_warning(rel_display(content, &p)));
    }
    (md, assets)
}

/// Walks `dir` in name order, following shortcuts, but skipping editor
/// leftovers and shortcuts that lead outside `root` (those are added to
/// `outside`).
pub fn walk_site_dir<'a>(
    dir: &Path,
    root: &'a Path,
    outside: &'a mut Vec<PathBuf>,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> + 'a {
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            if links_outside(e, root) {
                outside.push(e.path().to_path_buf());
                return false;
            }
            true
        })
}

/// The site's folder, given its `content` (or `static`) folder, resolved.
pub fn site_root_of(dir: &Path) -> PathBuf {
    let parent = dir.parent().unwrap_or(dir);
    parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf())
}

/// Whether a walked entry is a shortcut (symbolic link) to something outside
/// the site's folder. Those are never copied or served: a link could
/// otherwise publish any file on the computer.
pub fn links_outside(entry: &walkdir::DirEntry, root: &Path) -> bool {
    entry.path_is_symlink()
        && entry
            .path()
            .canonicalize()
            .is_ok_and(|target| !target.starts_with(root))
}

pub fn link_outside_warning(file: PathBuf) -> Diagnostic {
    Diagnostic::warning(
        "content/link-outside",
        file,
        "This is a shortcut (link) to a file or folder outside the site, so it was left out",
    )
    .help("Copy the file into the site's folder instead of linking to it.")
}

fn rel_display(content: &Path, p: &Path) -> PathBuf {
    Path::new(CONTENT_DIR).join(p.strip_prefix(content).unwrap_or(p))
}

/// Why a file could not be read, in words and without any path.
pub fn plain_io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "it does not exist (it may be a shortcut or link to a file that has been moved or deleted)".into(),
        PermissionDenied => "you do not have permission to read it".into(),
        IsADirectory => "it is a folder, not a file".into(),
        InvalidData => "it is not saved as text".into(),
        _ => format!("the computer reported \"{}\"", e.kind()),
    }
}

/// The kind a file gets from the section folder it is in.
fn section_kind(config: &Config, source: &str) -> Kind {
    let top = source.split('/').next().unwrap_or_default();
    source
        .contains('/')
        .then(|| config.sections.get(top))
        .flatten()
        .and_then(|k| config.kinds.get(k))
        .cloned()
        .unwrap_or_else(|| config.kinds.page())
}

/// `dir` + a relative path, resolving `.` and `..` (a trailing `/` is
/// kept); `None` when it climbs above the top.
pub fn join_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut s = parts.join("/");
    if rel.ends_with('/') && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

/// The web path of a source file: `a/b.md` → `/a/b/`, `a/_index.md` → `/a/`.
pub fn path_for_source(source: &str) -> String {
    let stem = source.strip_suffix(".md").unwrap_or(source);
    let stem = stem
        .strip_suffix("_index")
        .unwrap_or(stem)
        .trim_end_matches('/');
    if stem.is_empty() {
        return "/".into();
    }
    let slug: Vec<String> = stem.split('/').map(slugify).collect();
    format!("/{}/", slug.join("/"))
}

/// Lower-case, spaces to hyphens, and only letters, digits, `-`, `_` and `.`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '+') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Reads and checks one markdown file. Its place in the tree (`parent`,
/// `children`) is left empty.
pub fn load_page(root: &Path, source: &str, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    let file = Path::new(CONTENT_DIR).join(source);
    let path = path_for_source(source);
    if path.split('/').any(|s| s.starts_with('.')) {
        return Err(vec![
            Diagnostic::error(
                "content/hidden-address",
                &file,
                format!("This page's web address, `{path}`, has a part that starts with a dot"),
            )
            .help("Web hosts hide or refuse such addresses, and the output folder keeps its own files there (such as `.git`): rename the file or folder so that no part of its name starts with a dot once spaces and signs are taken out."),
        ]);
    }
    let bytes = std::fs::read(root.join(&file)).map_err(|e| {
        vec![
            Diagnostic::error(
                "content/unreadable",
                &file,
                format!("This file could not be read: {}", plain_io_error(&e)),
            )
            .help("Check that the file exists and that you have permission to read it."),
        ]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        vec![
            Diagnostic::error(
                "content/not-utf8",
                &file,
                "This file is not saved as UTF-8 text",
            )
            .at_line(Some(line))
            .help(
                "Save the file as UTF-8 in your editor (often under \"Save as\" → \"Encoding\").",
            ),
        ]
    })?;
    let split = frontmatter::split(&text, &file).map_err(|d| vec![d])?;
    let mut map = frontmatter::parse(&split, &file)?;
    let mut key_lines = yaml::top_level_key_lines(split.yaml, split.yaml_line);
    // Keys not on lines of their own (`{title: A, summary: B}`) point at the
    // start of the front matter.
    let on_lines: std::collections::HashSet<String> =
        key_lines.iter().map(|(k, _)| k.clone()).collect();
    for key in map.keys().filter_map(|k| k.as_str()) {
        if !on_lines.contains(key) {
            key_lines.push((key.to_string(), split.yaml_line));
        }
    }

    let is_section = source == "_index.md" || source.ends_with("/_index.md");
    let default_kind = section_kind(config, source);
    let kind = map
        .get("kind")
        .and_then(|v| v.as_str())
        .and_then(|k| config.kinds.get(k))
        .cloned()
        .unwrap_or_else(|| default_kind.clone());
    // A section's fields come from the kind its folder holds.
    let kind = if is_section { default_kind } else { kind };
    let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
    let exists = |name: &str| root.join(CONTENT_DIR).join(dir).join(name).is_file();
    let at = frontmatter::Where {
        file: &file,
        kind: &kind,
        kinds: &config.kinds,
        is_section,
        key_lines: &key_lines,
        start_line: 1,
        yaml: split.yaml,
        yaml_line: split.yaml_line,
    };
    let errors = frontmatter::check(&mut map, &at, &exists);
    if !errors.is_empty() {
        return Err(errors);
    }
    let to_diag = |e: serde_yaml::Error| {
        vec![
            Diagnostic::error(
                "front-matter/invalid",
                &file,
                format!("The front matter could not be used: {e}"),
            )
            .at(1, 1)
            .help("Check each field against the list for this kind of page in the README."),
        ]
    };
    let common = kinds::Common::from_mapping(&map).map_err(to_diag)?;
    let (title, summary) = title_and_summary(&kind, is_section, &map);
    Ok(Page {
        source: source.to_string(),
        file,
        kind,
        is_section,
        path,
        title,
        summary,
        common,
        fields: map,
        value_origins: yaml::value_origins(split.yaml, split.yaml_line),
        key_lines,
        body: split.body.to_string(),
        body_line: split.body_line,
        parent: None,
        children: Vec::new(),
    })
}

/// The title and summary from the fields the kind names (a section's are
/// always `title` and `summary`).
fn title_and_summary(kind: &Kind, is_section: bool, map: &serde_yaml::Mapping) -> (String, String) {
    let text = |f: &str| {
        map.get(f)
            .and_then(serde_yaml::Value::as_str)
            .map(String::from)
    };
    if is_section {
        return (
            text("title").unwrap_or_default(),
            text("summary").unwrap_or_default(),
        );
    }
    (
        text(&kind.title).unwrap_or_default(),
        kind.summary
            .iter()
            .find_map(|f| text(f))
            .unwrap_or_default(),
    )
}

/// An empty home page titled after the site, for a site without one.
fn stand_in_home_page(config: &Config) -> Option<Page> {
    let mut fields = serde_yaml::Mapping::new();
    fields.insert("title".into(), config.title.clone().into());
    fields.insert("summary".into(), String::new().into());
    Some(Page {
        source: "_index.md".into(),
        file: Path::new(CONTENT_DIR).join("_index.md"),
        kind: config.kinds.page(),
        is_section: true,
        path: "/".into(),
        title: config.title.clone(),
        summary: String::new(),
        common: kinds::Common::default(),
        fields,
        key_lines: Vec::new(),
        value_origins: Vec::new(),
        body: String::new(),
        body_line: 1,
        parent: None,
        children: Vec::new(),
    })
}

/// Every folder named under `sections:` must exist, with its `_index.md`.
fn check_sections_exist(config: &Config, content: &Path, root: &Path, diags: &mut Diagnostics) {
    let folders: Vec<String> = std::fs::read_dir(content)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    for name in config.sections.keys() {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("{name}:")))
            .map(|i| i + 1);
        if folders.contains(name) && !content.join(name).join("_index.md").is_file() {
            // Its pages are still published, listed under the home page.
            diags.push(
                Diagnostic::warning(
                    "config/section-no-index",
                    CONFIG_FILE,
                    format!("The folder `{name}` has no `_index.md`: add one (see README, \"The site folder\")"),
                )
                .at_line(line)
                .field(format!("sections.{name}"))
                .help(format!("Create `content/{name}/_index.md` with a `title:` and a `summary:`: it is the section's own page, which lists the pages in the folder. `signpost new` writes one when it adds the first page to a section.")),
            );
        }
        if !folders.contains(name) {
            let help = match did_you_mean(name, folders.iter().map(String::as_str)) {
                Some(s) => {
                    format!("Did you mean `{s}`? The name must match a folder in `content/`.")
                }
                None => format!(
                    "Create the folder `content/{name}` with an `_index.md`, or remove this line."
                ),
            };
            diags.push(
                Diagnostic::error(
                    "config/section-missing",
                    CONFIG_FILE,
                    format!("`sections` names the folder `{name}`, but there is no `content/{name}` folder"),
                )
                .at_line(line)
                .field(format!("sections.{name}"))
                .help(help),
            );
        }
    }
}

/// Two files must not end up at the same web address.
fn check_unique_paths(pages: &[Page], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Page> = BTreeMap::new();
    for p in pages {
        if let Some(first) = seen.get(p.path.as_str()) {
            diags.push(
                Diagnostic::error(
                    "content/duplicate-url",
                    &p.file,
                    format!(
                        "This page and `{}` would both be published at `{}`",
                        first.file.to_string_lossy().replace('\\', "/"),
                        p.path
                    ),
                )
                .at(1, 1)
                .help("Rename or move one of the two files so that each page has its own web address."),
            );
        } else {
            seen.insert(&p.path, p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_become_pretty_urls() {
        assert_eq!(path_for_source("_index.md"), "/");
        assert_eq!(path_for_source("contact.md"), "/contact/");
        assert_eq!(path_for_source("services/_index.md"), "/services/");
        assert_eq!(
            path_for_source("services/Early Intervention.md"),
            "/services/early-intervention/"
        );
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [".page.md.swp", "page.md~", ".#page.md", "4913", ".DS_Store"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("page.md"));
    }
}

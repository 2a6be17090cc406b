//! Reading and checking one markdown file into a [`Page`], and the checks
//! on the whole set of files: every section folder exists, no two pages
//! share an address.

use std::path::Path;
use std::sync::Arc;

use super::page::{FieldNames, Fields, InFile, KeptText, Text};
use super::walk::plain_io_error;
use super::{CONTENT_DIR, Kind, Page, frontmatter, kinds};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::urls::path_for_source;
use crate::yaml;

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

/// Reads and checks one markdown file, keeping its text. Its place in the
/// tree (`parent`, `children`) is left empty.
pub fn load_page(root: &Path, source: &str, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    load_page_keeping(root, source, config, true)
}

/// [`load_page`]; without `keep_text`, the page's body and front matter
/// text are read again when it is rendered instead of being held.
pub fn load_page_keeping(
    root: &Path,
    source: &str,
    config: &Config,
    keep_text: bool,
) -> Result<Page, Vec<Diagnostic>> {
    load_page_named(
        root,
        source,
        config,
        keep_text,
        &FieldNames::of(&config.kinds),
    )
}

/// [`load_page_keeping`], naming the page's fields through `names` (one
/// table for all the pages of a load, so that they share their names).
pub fn load_page_named(
    root: &Path,
    source: &str,
    config: &Config,
    keep_text: bool,
    names: &FieldNames,
) -> Result<Page, Vec<Diagnostic>> {
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
    // Kept for the whole build: no room to spare.
    let key_lines = named(key_lines, names);
    let value_origins = named(yaml::value_origins(split.yaml, split.yaml_line), names);
    let text = match keep_text {
        true => Text::Kept(Box::new(KeptText {
            body: split.body.to_string(),
            front_matter: front_matter(&text, split.body).to_string(),
        })),
        false => Text::InFile(InFile::of(&text)),
    };
    Ok(Page {
        source: source.into(),
        file: file.into(),
        kind,
        is_section,
        path,
        common,
        fields: Fields::from_mapping(map, names),
        value_origins,
        key_lines,
        // A body of more than 4 billion lines has no placeholder to find.
        placeholder_at: crate::content::placeholder::body_line(split.body)
            .and_then(|l| u32::try_from(l).ok()),
        text,
        body_line: split.body_line,
        parent: None,
        children: Vec::new(),
    })
}

/// The part of `text` before `body` (which ends it).
fn front_matter<'a>(text: &'a str, body: &str) -> &'a str {
    text.get(..text.len().saturating_sub(body.len()))
        .unwrap_or_default()
}

/// A table of names for the whole build, with no room to spare and the
/// names shared.
fn named<T>(table: Vec<(String, T)>, names: &FieldNames) -> Box<[(Arc<str>, T)]> {
    table.into_iter().map(|(k, v)| (names.get(&k), v)).collect()
}

/// An empty home page titled after the site, for a site without one.
pub(super) fn stand_in_home_page(config: &Config) -> Option<Page> {
    let mut fields = serde_yaml::Mapping::new();
    fields.insert("title".into(), config.title.clone().into());
    fields.insert("summary".into(), String::new().into());
    let fields = Fields::from_mapping(fields, &FieldNames::default());
    Some(Page {
        source: "_index.md".into(),
        file: Path::new(CONTENT_DIR).join("_index.md").into(),
        kind: config.kinds.page(),
        is_section: true,
        path: "/".into(),
        common: kinds::Common::default(),
        fields,
        key_lines: Box::default(),
        value_origins: Box::default(),
        text: Text::Kept(Box::default()),
        placeholder_at: None,
        body_line: 1,
        parent: None,
        children: Vec::new(),
    })
}

/// Every folder named under `sections:` must exist, with its `_index.md`.
pub(super) fn check_sections_exist(config: &Config, content: &Path, diags: &mut Diagnostics) {
    let folders: Vec<String> = std::fs::read_dir(content)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let text = &config.source;
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
pub(super) fn check_unique_paths(pages: &[Page], diags: &mut Diagnostics) {
    // Sorted rather than put in a map: a tree of 10,000 addresses took a
    // sixth of a reload in the preview.
    let mut by_path: Vec<(&str, usize)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.path.as_str(), i))
        .collect();
    by_path.sort_unstable();
    // Each page after the first at its address, with that first one.
    let mut again: Vec<(usize, usize)> = Vec::new();
    for same in by_path.chunk_by(|a, b| a.0 == b.0) {
        again.extend(same.iter().skip(1).map(|&(_, i)| (i, same[0].1)));
    }
    again.sort_unstable();
    for (i, first) in again {
        let (p, first) = (&pages[i], &pages[first]);
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
    }
}

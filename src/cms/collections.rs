//! `admin/config.yml`: where the CMS saves (the backend named in
//! `site.yaml`, or the preview itself), and one collection per section of
//! the site (`content/vacancies/` holds vacancies: a form with a
//! vacancy's fields) with one more, of single files, for the pages outside
//! the sections and the section pages (`_index.md`) themselves.

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::API_PATH;
use super::widgets::{self, map, s};
use crate::config::cms::Cms;
use crate::content::{CONTENT_DIR, Site};
use crate::schema::{FieldDef, KindSchema, Kinds};

/// The whole configuration file, with a note at the top for whoever opens it.
pub fn config_yml(site: &Site, cms: &Cms, preview: bool) -> String {
    let value = config(site, cms, preview);
    let yaml = serde_yaml::to_string(&value).unwrap_or_default();
    format!(
        "# Made by Signpost from site.yaml and the kinds of page it knows: do not edit.\n# Change `cms:` in site.yaml, or the kinds' fields, and build again.\n{yaml}"
    )
}

/// The configuration as a value, for the tests.
pub fn config(site: &Site, cms: &Cms, preview: bool) -> Value {
    let config = &site.config;
    let mut backend = vec![("name", s(cms.backend.name()))];
    if let Some(repo) = &cms.repo {
        backend.push(("repo", s(repo)));
    }
    backend.push(("branch", s(&cms.branch)));
    for (key, value) in &cms.backend_settings {
        backend.push((key.as_str(), s(value)));
    }
    let mut pairs = vec![("backend", map(backend))];
    if preview {
        // The CMS finds the preview as its "proxy server" and saves through
        // it, with no account and no other program.
        let url = format!("{}{}", config.base_url(), API_PATH.trim_start_matches('/'));
        let host = url
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|h| h.rsplit_once(':').map(|(n, _)| n))
            .unwrap_or("localhost")
            .to_string();
        pairs.push((
            "local_backend",
            map(vec![
                ("url", s(&url)),
                ("allowed_hosts", Value::Sequence(vec![s(&host)])),
            ]),
        ));
    }
    let media = cms.media_folder();
    let public = format!(
        "{}{}",
        config.base_path(),
        media
            .strip_prefix("static")
            .unwrap_or(media)
            .trim_matches('/')
    );
    pairs.extend([
        ("media_folder", s(media)),
        ("public_folder", s(public.trim_end_matches('/'))),
        ("site_url", s(&config.base_url())),
        ("display_url", s(&config.base_url())),
        ("locale", s("en")),
        (
            "slug",
            map(vec![
                ("encoding", s("ascii")),
                ("clean_accents", Value::Bool(true)),
                ("sanitize_replacement", s("-")),
            ]),
        ),
        ("collections", Value::Sequence(collections(site))),
    ]);
    map(pairs)
}

fn collections(site: &Site) -> Vec<Value> {
    let kinds: &Kinds = &site.config.kinds;
    let sections = &site.config.sections;
    let mut collection_of = BTreeMap::new();
    for (folder, kind) in sections {
        collection_of
            .entry(kind.as_str())
            .or_insert(folder.as_str());
    }
    let ctx = widgets::Site {
        collection_of,
        kinds: kinds
            .kinds
            .iter()
            .map(|k| (k.name.as_str(), &**k))
            .collect(),
        kind_names: kinds.names().collect(),
    };
    let mut out = Vec::new();
    for (folder, kind) in sections {
        let Some(schema) = kinds.get(kind) else {
            continue;
        };
        out.push(folder_collection(site, folder, schema, &ctx));
    }
    let files = single_files(site, &ctx);
    if !files.is_empty() {
        let name = if sections.contains_key("pages") {
            "other_pages"
        } else {
            "pages"
        };
        out.push(map(vec![
            ("name", s(name)),
            ("label", s("Pages")),
            ("label_singular", s("page")),
            (
                "description",
                s("The home page, the pages outside the sections, and each section's own page."),
            ),
            ("files", Value::Sequence(files)),
        ]));
    }
    out
}

/// The fields of a form: the kind's own, the page text, then the fields
/// every page can have (so a saved file keeps that order).
fn form(kinds: &Kinds, kind: &KindSchema, is_section: bool, ctx: &widgets::Site<'_>) -> Value {
    let all = kinds.fields_of(kind, is_section);
    let (own, common): (Vec<&FieldDef>, Vec<&FieldDef>) = all
        .into_iter()
        .partition(|f| !kinds.common.iter().any(|c| c.name == f.name));
    let mut fields: Vec<Value> = own.iter().map(|f| widgets::field(f, ctx)).collect();
    fields.push(widgets::body());
    // The section a page is in says its kind already.
    fields.extend(
        common
            .iter()
            .filter(|f| f.name != "kind")
            .map(|f| widgets::field(f, ctx)),
    );
    Value::Sequence(fields)
}

fn folder_collection(
    site: &Site,
    folder: &str,
    kind: &KindSchema,
    ctx: &widgets::Site<'_>,
) -> Value {
    // The folder's name, as in the files: a section's title can be long.
    let label = crate::schema::label_for(folder);
    let mut pairs = vec![
        ("name", s(folder)),
        ("label", s(&label)),
        ("label_singular", s(&kind.label)),
        ("folder", s(&format!("{CONTENT_DIR}/{folder}"))),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Value::Bool(true)),
        ("slug", s("{{slug}}")),
        ("identifier_field", s(&kind.title)),
        ("summary", s(&format!("{{{{{}}}}}", kind.title))),
        // Pictures go beside the page, where Signpost looks for them.
        ("media_folder", s("")),
        ("public_folder", s("")),
        (
            "preview_path",
            s(&format!(
                "{}{folder}/{{{{slug}}}}/",
                site.config.base_path().trim_start_matches('/')
            )),
        ),
    ];
    if let Some(order) = &kind.order {
        pairs.push((
            "sortable_fields",
            Value::Sequence(vec![s(&order.field), s(&kind.title)]),
        ));
    }
    pairs.push(("fields", form(&site.config.kinds, kind, false, ctx)));
    map(pairs)
}

/// The pages not in a section's folder collection: the home page, pages
/// outside the sections, and the section pages, each as a file of its own.
fn single_files(site: &Site, ctx: &widgets::Site<'_>) -> Vec<Value> {
    let kinds = &site.config.kinds;
    let in_section = |source: &str| {
        source.split_once('/').is_some_and(|(folder, rest)| {
            site.config.sections.contains_key(folder) && rest != "_index.md"
        })
    };
    let mut pages: Vec<_> = site
        .pages
        .iter()
        .filter(|p| !in_section(&p.source))
        .collect();
    // The home page first, then the rest by file.
    pages.sort_by_key(|p| (&*p.source != "_index.md", p.source.clone()));
    pages
        .into_iter()
        .filter_map(|p| {
            let kind = kinds.get(p.kind.name())?;
            let name = p
                .source
                .trim_end_matches(".md")
                .replace(['/', '.', ' '], "_");
            let label = if &*p.source == "_index.md" {
                format!("{} (home page)", p.title())
            } else if p.is_section {
                format!("{} (section page)", p.title())
            } else {
                p.title().to_string()
            };
            Some(map(vec![
                ("name", s(if name == "_index" { "home" } else { &name })),
                ("label", s(&label)),
                ("file", s(&format!("{CONTENT_DIR}/{}", p.source))),
                ("media_folder", s("")),
                ("public_folder", s("")),
                ("fields", form(kinds, kind, p.is_section, ctx)),
            ]))
        })
        .collect()
}

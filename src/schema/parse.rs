//! Reading kind declarations — the built-in ones in `builtin.yaml` and a
//! site's under `kinds:` in `site.yaml` — into [`Kinds`], with a located,
//! plain-English mistake for each thing that cannot be used.

use std::path::Path;
use std::sync::Arc;

use serde_yaml::Value;

use super::fields::{fields, name_problem};
use super::{FieldDef, FieldType, KindSchema, Kinds, Order, StructuredData};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::yaml::{Seg, locate};

mod kind;
use kind::{check_refs, kind};

/// The built-in declarations, shipped in the binary.
pub const BUILTIN: &str = include_str!("builtin.yaml");

const KIND_KEYS: &[&str] = &[
    "label",
    "title",
    "summary",
    "fields",
    "section_fields",
    "order",
    "ends_on",
    "past",
    "published_on",
    "feed",
    "structured_data",
    "template",
];

/// Where the declarations being read are, for messages.
pub(super) struct Reader<'a> {
    file: &'a Path,
    text: &'a str,
    /// The path to the declarations within the file.
    prefix: Vec<Seg>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) built_in: bool,
    /// Fields with mistakes in the kind being read: settings that name them
    /// are not reported again.
    pub(super) broken: Vec<String>,
    /// The names of the fields every kind has.
    pub(super) common: Vec<String>,
}

impl Reader<'_> {
    pub(super) fn error(&mut self, path: &[Seg], message: String, help: String) {
        let full: Vec<Seg> = self.prefix.iter().chain(path).cloned().collect();
        let at = locate(self.text, 1, &full);
        let field = full
            .iter()
            .map(|s| match s {
                Seg::Key(k) => k.clone(),
                Seg::Index(i) => (i + 1).to_string(),
            })
            .collect::<Vec<_>>()
            .join(".");
        let mut d = Diagnostic::error("config/kind", self.file, message)
            .field(field)
            .help(help);
        if let Some((l, c)) = at {
            d = d.at(l, c);
        }
        self.diags.push(d);
    }
}

pub(super) fn key(path: &[Seg], k: &str) -> Vec<Seg> {
    path.iter().cloned().chain([Seg::key(k)]).collect()
}

/// The built-in kinds alone. The declarations are tested, so a mistake in
/// them cannot ship; were one there, the kind would be left out.
pub fn builtin() -> Kinds {
    let mut diags = Vec::new();
    read_builtin(&mut diags)
}

fn read_builtin(diags: &mut Vec<Diagnostic>) -> Kinds {
    let value: Value = serde_yaml::from_str(BUILTIN).unwrap_or(Value::Null);
    let mut r = Reader {
        file: Path::new("builtin.yaml"),
        text: BUILTIN,
        prefix: Vec::new(),
        diags: Vec::new(),
        built_in: true,
        broken: Vec::new(),
        common: Vec::new(),
    };
    let common = match value.get("common").and_then(|c| c.get("fields")) {
        Some(f) => fields(&mut r, f, &[Seg::key("common"), Seg::key("fields")], true),
        None => Vec::new(),
    };
    r.common = common.iter().map(|f| f.name.clone()).collect();
    let mut kinds = Kinds {
        common,
        kinds: Vec::new(),
        with_mistakes: Vec::new(),
    };
    if let Some(Value::Mapping(m)) = value.get("kinds") {
        let names: Vec<String> = m
            .keys()
            .filter_map(|k| k.as_str().map(String::from))
            .collect();
        for (name, spec) in m.iter().filter_map(|(k, v)| Some((k.as_str()?, v))) {
            let path = [Seg::key("kinds"), Seg::key(name)];
            if let Some(k) = kind(&mut r, name, spec, &path, &names) {
                kinds.kinds.push(Arc::new(k));
            }
        }
    }
    diags.append(&mut r.diags);
    kinds
}

/// A page with a title and a summary, for a registry without one.
pub fn plain_page() -> KindSchema {
    let mut title = FieldDef::new("title", FieldType::Text, "the page's heading");
    title.required = true;
    let mut summary = FieldDef::new(
        "summary",
        FieldType::Text,
        "one or two sentences about the page",
    );
    summary.required = true;
    blank_kind("page", vec![title, summary])
}

fn blank_kind(name: &str, fields: Vec<FieldDef>) -> KindSchema {
    KindSchema {
        name: name.into(),
        label: name.replace('_', " "),
        title: "title".into(),
        summary: vec!["summary".into()],
        fields,
        section_fields: Vec::new(),
        order: None,
        ends_on: Vec::new(),
        past_word: "ended".into(),
        current_word: "upcoming".into(),
        published_on: None,
        feed: false,
        structured_data: None,
        template: name.into(),
        from_site: false,
    }
}

/// The built-in kinds with a site's `kinds:` from `site.yaml` (`text` is
/// the whole file, for lines). Mistakes are added to `diags`; a kind with
/// one is left out.
pub fn from_site_yaml(
    value: Option<&Value>,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Kinds {
    let mut builtin_diags = Vec::new();
    let mut kinds = read_builtin(&mut builtin_diags);
    let Some(value) = value else { return kinds };
    let mut r = Reader {
        file,
        text,
        prefix: vec![Seg::key("kinds")],
        diags: Vec::new(),
        built_in: false,
        broken: Vec::new(),
        common: kinds.common.iter().map(|f| f.name.clone()).collect(),
    };
    let Value::Mapping(m) = value else {
        r.error(
            &[],
            "`kinds` should be the names of kinds, each with its `fields:` under it".into(),
            "Write each kind's name on its own line under `kinds:`, indented, with `fields:` under it (see README, \"Your own kinds\").".into(),
        );
        diags.extend(r.diags);
        return kinds;
    };
    let mut names: Vec<String> = kinds.names().map(String::from).collect();
    names.extend(m.keys().filter_map(|k| k.as_str().map(String::from)));
    for (k, spec) in m {
        let Some(name) = k.as_str() else {
            r.error(
                &[],
                "A kind's name must be a word".into(),
                "Name kinds with lower-case words joined by `_`, such as `event`.".into(),
            );
            continue;
        };
        let path = [Seg::key(name)];
        if let Some(problem) = kind_name_problem(name) {
            r.error(&path, format!("`{name}` cannot be the name of a kind: {problem}"), "Give the kind another name, of lower-case letters, digits and `_`, such as `event` or `news_item`.".into());
            continue;
        }
        if let Some(pos) = kinds.kinds.iter().position(|b| b.name == name) {
            if let Some(extended) = extend(&mut r, &kinds.kinds[pos], spec, &path, &names) {
                kinds.kinds[pos] = Arc::new(extended);
            }
            continue;
        }
        match kind(&mut r, name, spec, &path, &names) {
            Some(mut kind) => {
                kind.from_site = true;
                kinds.kinds.push(Arc::new(kind));
            }
            None => kinds.with_mistakes.push(name.to_string()),
        }
    }
    diags.extend(r.diags);
    kinds
}

/// The theme's own templates: a kind (or its `template:`) cannot take
/// one's name, or its pages would be laid out as that page.
const THEME_TEMPLATES: &[&str] = &[
    "404",
    "base",
    "index",
    "section",
    "generic",
    "special",
    "search",
    "feedback_thanks",
    "feedback_problem",
    "macros",
];

/// Kinds name templates (`<kind>.html`, `section_<kind>.html`), so a few
/// names are taken.
fn kind_name_problem(name: &str) -> Option<&'static str> {
    name_problem(name).or_else(|| template_problem(name))
}

fn template_problem(name: &str) -> Option<&'static str> {
    (THEME_TEMPLATES.contains(&name) || name.starts_with("section_"))
        .then_some("the theme already has a template of that name for its own pages")
}

/// A built-in kind with a site's extra optional fields.
fn extend(
    r: &mut Reader<'_>,
    base: &KindSchema,
    spec: &Value,
    path: &[Seg],
    names: &[String],
) -> Option<KindSchema> {
    let name = &base.name;
    let Value::Mapping(m) = spec else {
        r.error(
            path,
            format!("`{name}` should have `fields:` under it"),
            "Indent `fields:` under the kind's name, with each extra field under that.".into(),
        );
        return None;
    };
    for k in m
        .keys()
        .filter_map(Value::as_str)
        .filter(|k| *k != "fields")
    {
        r.error(
            &key(path, k),
            format!(
                "`{name}` is built in: a site can give it extra fields, but not change its `{k}`"
            ),
            "Keep only `fields:` here, with the extra fields you need.".into(),
        );
    }
    let mut out = base.clone();
    let Some(fm) = m.get("fields") else {
        return Some(out);
    };
    let before = r.diags.len();
    let extra = fields(r, fm, &key(path, "fields"), true);
    for f in extra {
        let at = [path, &[Seg::key("fields"), Seg::key(&f.name)]].concat();
        if base.field(&f.name).is_some() {
            r.error(
                &at,
                format!("`{name}` already has a field `{}`", f.name),
                "Give the extra field another name: a built-in field cannot be changed.".into(),
            );
        } else if f.required {
            r.error(&key(&at, "required"), format!("An extra field of the built-in kind `{name}` cannot be required"), "Remove `required: true`: pages written before the field existed must still be valid.".into());
        } else {
            check_refs(r, &f, &at, names);
            out.fields.push(f);
        }
    }
    (r.diags.len() == before).then_some(out)
}

#[cfg(test)]
mod tests;

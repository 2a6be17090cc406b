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

fn kind(
    r: &mut Reader<'_>,
    name: &str,
    spec: &Value,
    path: &[Seg],
    names: &[String],
) -> Option<KindSchema> {
    let Value::Mapping(m) = spec else {
        r.error(path, format!("The kind `{name}` should have `fields:` under it"), "Indent `fields:` under the kind's name, with each field under that, such as `venue: { type: text, required: true }`.".into());
        return None;
    };
    let before = r.diags.len();
    r.broken.clear();
    for k in m.keys() {
        let k = k.as_str().unwrap_or("?");
        if !KIND_KEYS.contains(&k) {
            let help = match did_you_mean(k, KIND_KEYS.iter().copied()) {
                Some(s) => format!("Did you mean `{s}`?"),
                None => format!("A kind can have: {}.", KIND_KEYS.join(", ")),
            };
            r.error(
                &key(path, k),
                format!("`{k}` is not something a kind can have"),
                help,
            );
        }
    }
    let mut out = blank_kind(name, Vec::new());
    out.fields = match m.get("fields") {
        Some(fm) => fields(r, fm, &key(path, "fields"), true),
        None => {
            r.error(path, format!("The kind `{name}` has no `fields:`"), "Add `fields:` under the kind, with each field indented under it, such as `venue: { type: text, required: true }`.".into());
            Vec::new()
        }
    };
    if let Some(fm) = m.get("section_fields") {
        out.section_fields = fields(r, fm, &key(path, "section_fields"), true);
    }
    // Settings of the kind that must be text (or a list of text).
    for k in [
        "label",
        "template",
        "title",
        "order",
        "published_on",
        "structured_data",
    ] {
        if let Some(v) = m.get(k).filter(|v| !v.is_string()) {
            r.error(
                &key(path, k),
                format!(
                    "`{k}` should be text, but it is {}",
                    super::fields::quoted(v)
                ),
                format!("Write `{k}:` followed by a word, such as the name of a field."),
            );
        }
    }
    for k in ["summary", "ends_on"] {
        let ok = match m.get(k) {
            None | Some(Value::String(_)) => true,
            Some(Value::Sequence(items)) => items.iter().all(Value::is_string),
            Some(_) => false,
        };
        if !ok {
            r.error(
                &key(path, k),
                format!("`{k}` should name a field, or list fields to try in turn"),
                format!("Write `{k}: name_of_a_field` or `{k}: [first, second]`."),
            );
        }
    }
    if let Some(v) = m.get("feed").filter(|v| !v.is_bool()) {
        r.error(
            &key(path, "feed"),
            format!(
                "`feed` should be `true` or `false`, but it is {}",
                super::fields::quoted(v)
            ),
            "Write `feed: true` for an Atom feed of the section's current pages.".into(),
        );
    }
    if let Some(p) = m.get("past") {
        let ok = p.as_mapping().is_some_and(|pm| {
            pm.iter()
                .all(|(k, v)| matches!(k.as_str(), Some("word" | "others")) && v.is_string())
        });
        if !ok {
            r.error(
                &key(path, "past"),
                "`past` should have `word:` and `others:`, each a word".into(),
                "Write, for example, `past: { word: closed, others: open }`.".into(),
            );
        }
    }
    if let Some(t) = m.get("template").and_then(Value::as_str)
        && let Some(problem) = template_problem(t)
    {
        r.error(
            &key(path, "template"),
            format!("`{t}` cannot be the template of a kind: {problem}"),
            "Name a template of the kind's own, such as its name.".into(),
        );
    }
    let text = |k: &str| m.get(k).and_then(Value::as_str).map(String::from);
    if let Some(l) = text("label") {
        out.label = l;
    }
    if let Some(t) = text("template") {
        out.template = t;
    }
    out.title = text("title").unwrap_or_else(|| "title".into());
    out.summary = match m.get("summary") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => vec!["summary".into()],
    };
    // Every kind has a title and a summary unless it names other fields.
    if !r.built_in {
        let mut implicit = Vec::new();
        if out.title == "title" && out.field("title").is_none() {
            let mut f = FieldDef::new("title", FieldType::Text, "the page's heading");
            f.required = true;
            implicit.push(f);
        }
        if out.summary == ["summary"] && out.field("summary").is_none() {
            let mut f = FieldDef::new(
                "summary",
                FieldType::Text,
                "one or two sentences about the page",
            );
            f.required = true;
            implicit.push(f);
        }
        implicit.append(&mut out.fields);
        out.fields = implicit;
    }
    let title = out.title.clone();
    match out.field(&title) {
        Some(f) if f.ty == FieldType::Text && f.required => {}
        _ if r.broken.contains(&title) => {}
        _ => r.error(&key(path, "title"), format!("The kind `{name}` takes its title from `{title}`, which is not one of its required text fields"), format!("Declare `{title}: {{ type: text, required: true }}` under `fields:`, or name another field.")),
    }
    for s in out.summary.clone() {
        if !out.field(&s).is_some_and(|f| f.ty == FieldType::Text) && !r.broken.contains(&s) {
            r.error(&key(path, "summary"), format!("The kind `{name}` takes its summary from `{s}`, which is not one of its text fields"), "Name text fields of the kind, such as `summary: description`.".into());
        }
    }
    for f in out.fields.clone() {
        let at = [path, &[Seg::key("fields"), Seg::key(&f.name)]].concat();
        check_refs(r, &f, &at, names);
    }
    let date_field = |out: &KindSchema, f: &str| {
        out.field(f)
            .is_some_and(|d| matches!(d.ty, FieldType::Date | FieldType::DateTime))
    };
    if let Some(o) = text("order") {
        let (descending, field) = match o.strip_prefix('-') {
            Some(f) => (true, f.trim().to_string()),
            None => (false, o.trim().to_string()),
        };
        if out.field(&field).is_none() && !r.broken.contains(&field) {
            r.error(&key(path, "order"), format!("`order` names `{field}`, which is not a field of `{name}`"), "Name one of the kind's fields, such as `order: starts` (earliest first) or `order: -published` (latest first).".into());
        }
        out.order = Some(Order { field, descending });
    }
    out.ends_on = match m.get("ends_on") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    for f in out.ends_on.clone() {
        if !date_field(&out, &f) {
            r.error(
                &key(path, "ends_on"),
                format!("`ends_on` names `{f}`, which is not a date field of `{name}`"),
                "Name date or datetime fields of the kind, such as `ends_on: [ends, starts]`."
                    .into(),
            );
        }
    }
    if let Some(p) = m.get("past") {
        if let Some(w) = p.get("word").and_then(Value::as_str) {
            out.past_word = w.into();
        }
        if let Some(w) = p.get("others").and_then(Value::as_str) {
            out.current_word = w.into();
        }
    }
    if let Some(f) = text("published_on") {
        if !date_field(&out, &f) {
            r.error(
                &key(path, "published_on"),
                format!("`published_on` names `{f}`, which is not a date field of `{name}`"),
                "Name the date field that says when a page was published.".into(),
            );
        }
        out.published_on = Some(f);
    }
    if let Some(f) = m.get("feed") {
        out.feed = f.as_bool().unwrap_or(false);
    }
    if let Some(s) = text("structured_data") {
        match StructuredData::from_name(&s) {
            Some(sd) => {
                for (f, ty) in sd.needs() {
                    if out.field(f).is_none_or(|d| d.ty.name() != *ty) {
                        r.error(&key(path, "structured_data"), format!("`structured_data: {s}` needs a {ty} field `{f}`, which `{name}` does not have"), format!("Add `{f}: {{ type: {ty}, required: true }}` under `fields:`."));
                    }
                }
                out.structured_data = Some(sd);
            }
            None => r.error(
                &key(path, "structured_data"),
                format!("`{s}` is not a kind of structured data Signpost writes"),
                format!("Use one of {}.", StructuredData::NAMES.join(", ")),
            ),
        }
    }
    (r.diags.len() == before).then_some(out)
}

/// A reference must name a kind that exists.
fn check_refs(r: &mut Reader<'_>, f: &FieldDef, at: &[Seg], names: &[String]) {
    for k in f.ty.all_referenced_kinds() {
        if names.iter().any(|n| n == k) {
            continue;
        }
        let help = match did_you_mean(k, names.iter().map(String::as_str)) {
            Some(s) => format!("Did you mean `{s}`?"),
            None => format!("Name one of the kinds: {}.", names.join(", ")),
        };
        r.error(
            at,
            format!(
                "`{}` refers to pages of the kind `{k}`, but there is no such kind",
                f.name
            ),
            help,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_declarations_have_no_mistakes() {
        let mut diags = Vec::new();
        let k = read_builtin(&mut diags);
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(k.kinds.len(), 5);
        assert!(k.common.iter().any(|f| f.name == "silence_checks"));
    }

    fn site(kinds: &str) -> (Kinds, Vec<Diagnostic>) {
        let text = format!("title: T\nkinds:\n{kinds}");
        let value: Value = serde_yaml::from_str(&text).expect("yaml");
        let mut d = Diagnostics::default();
        let k = from_site_yaml(value.get("kinds"), Path::new("site.yaml"), &text, &mut d);
        (k, d.sorted())
    }

    #[test]
    fn a_site_kind_gets_a_title_and_a_summary_and_its_own_fields() {
        let (k, d) = site(
            "  event:\n    order: starts\n    ends_on: [ends, starts]\n    fields:\n      starts: { type: datetime, required: true }\n      ends: datetime\n      speakers: { type: list, of: { ref: team_member } }\n",
        );
        assert!(d.is_empty(), "{d:#?}");
        let e = k.get("event").expect("event");
        let names: Vec<&str> = e.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["title", "summary", "starts", "ends", "speakers"]);
        assert_eq!(e.ends_on, ["ends", "starts"]);
        assert!(e.from_site);
    }

    #[test]
    fn an_unknown_field_type_is_reported_on_its_line_with_a_suggestion() {
        let (_, d) = site("  event:\n    fields:\n      venue:\n        type: txt\n");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].line, Some(6));
        assert_eq!(d[0].help.as_deref(), Some("Did you mean `text`?"));
        assert_eq!(d[0].field.as_deref(), Some("kinds.event.fields.venue.type"));
    }

    #[test]
    fn a_reference_to_a_kind_that_does_not_exist_is_reported() {
        let (k, d) = site(
            "  event:\n    fields:\n      speakers: { type: list, of: { ref: team_membr } }\n",
        );
        assert!(k.get("event").is_none());
        assert_eq!(d[0].line, Some(5));
        assert_eq!(d[0].help.as_deref(), Some("Did you mean `team_member`?"));
    }

    #[test]
    fn a_built_in_kind_can_be_given_extra_optional_fields_only() {
        let (k, d) = site("  vacancy:\n    fields:\n      band: text\n");
        assert!(d.is_empty(), "{d:#?}");
        assert!(k.get("vacancy").expect("v").field("band").is_some());
        let (_, d) = site(
            "  vacancy:\n    fields:\n      pay: text\n      band: { type: text, required: true }\n",
        );
        assert_eq!(d.len(), 2, "{d:#?}");
        assert_eq!(d[0].line, Some(5));
        assert_eq!(d[1].line, Some(6));
    }
}

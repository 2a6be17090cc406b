//! Reading one kind's declaration: its keys, its fields and their types,
//! its order and end date, each mistake located in the YAML.

use super::*;

pub(super) fn kind(
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
                    crate::schema::fields::quoted(v)
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
                crate::schema::fields::quoted(v)
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
pub(super) fn check_refs(r: &mut Reader<'_>, f: &FieldDef, at: &[Seg], names: &[String]) {
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

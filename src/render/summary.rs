//! A page's listing summary: every front-matter field as templates see it
//! (markdown fields rendered, files given their address, text typeset),
//! plus its addresses and, for a kind with no template, its fields in order.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectExt};
use serde_yaml::Value as Yaml;

use crate::content::{Kind, Page, Site, Ty};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Origin;
use crate::markdown::{LinkAt, LinkContext, LintContext, Markdown, PageAddresses};
use crate::schema::FieldDef;

/// The listing summary of one page: every front-matter field (markdown ones
/// rendered), plus its addresses.
pub(super) fn summary(
    site: &Site,
    p: &Page,
    markdown: &Markdown,
    pages: &dyn PageAddresses,
    bases: &Bases,
) -> (Value, Vec<Diagnostic>, Vec<LinkAt>) {
    let base_path = bases.base_path.as_str();
    let mut field_links_found = Vec::new();
    let links = LinkContext {
        source_dir: p.source_dir(),
        file: &p.file,
        origin: Origin::body(1),
        pages,
        drafts: &site.drafts_left_out,
        base_path,
    };
    let links = &links;
    let mut diags = Vec::new();
    let mut m = BTreeMap::new();
    let rel = p.path.trim_start_matches('/');
    let smart = site.config.markdown.smart_punctuation;
    m.insert("title".into(), Value::from(typeset(smart, p.title())));
    m.insert("summary".into(), Value::from(typeset(smart, p.summary())));
    m.insert("kind".into(), Value::from(p.kind_name()));
    // Made when a template asks (see `Listed::address`).
    m.insert("url".into(), Value::UNDEFINED);
    m.insert("permalink".into(), Value::UNDEFINED);
    m.insert("is_section".into(), Value::from(p.is_section));
    m.insert("source".into(), Value::from(p.source.clone()));
    m.insert("weight".into(), Value::from(p.common.weight));
    m.insert("draft".into(), Value::from(p.common.draft));
    // The kind's own fields that the page shows: which of `p.kind.fields`.
    let mut shown = Vec::new();
    for f in site.config.kinds.fields_of(&p.kind, p.is_section) {
        let Some(v) = p.fields.get(f.name.as_str()) else {
            continue;
        };
        let value = match &f.ty {
            Ty::Markdown => {
                let field_ctx = field_links(links, p, &f.name);
                let lint = LintContext {
                    file: &p.file,
                    origin: field_ctx.origin,
                    decorative: &p.common.decorative_images,
                    is_body: false,
                };
                let r = markdown.render(v.as_str().unwrap_or_default(), &field_ctx, Some(&lint));
                diags.extend(r.diagnostics);
                field_links_found.extend(r.links);
                Value::from_safe_string(r.html)
            }
            Ty::File => {
                let file = v.as_str().unwrap_or_default();
                let dir = p.source_dir();
                let url = if dir.is_empty() {
                    format!("{base_path}{file}")
                } else {
                    format!("{base_path}{dir}/{file}")
                };
                m.insert(format!("{}_url", f.name), Value::from(url));
                Value::from(file)
            }
            Ty::WholeNumber => Value::from(v.as_i64()),
            Ty::YesNo => Value::from(v.as_bool()),
            // Text people read gets the punctuation the page text gets;
            // names of other pages and files stay as written.
            _ if smart && f.is_prose() => yaml_to_value(&smarten(v)),
            _ => yaml_to_value(v),
        };
        // The kind's own fields, in order, for a template that shows them
        // all (a kind with no template of its own). A kind's field cannot
        // share a name with a field every page has, so these are the
        // kind's `fields`.
        if !p.is_section
            && f.name != p.kind.title
            && !p.kind.summary.contains(&f.name)
            && let Some(i) = p.kind.fields.iter().position(|k| k.name == f.name)
        {
            shown.push((i, value.clone()));
        }
        m.insert(f.name.clone(), value);
    }
    let shown = FieldsShown::of(&p.kind, shown, &m);
    m.insert("fields_shown".into(), shown.made());
    if p.kind.can_end() && !p.is_section {
        let past = p.is_closed(site.today);
        m.insert("is_closed".into(), Value::from(past));
        m.insert("is_past".into(), Value::from(past));
    }
    let address = Address {
        rel: rel.into(),
        bases: bases.clone(),
    };
    (Listed::value(m, address, shown), diags, field_links_found)
}

/// A listing summary's `fields_shown`: the kind's own fields the page has,
/// in order, each with its name, label, type and value. Made when a
/// template asks for it (the default theme's `generic.html`, once a page):
/// made for every page, its maps took about 2 KB a page of a site of
/// vacancies and courses, a fifth of a 100,000-page build's memory.
#[derive(Debug)]
enum FieldsShown {
    /// Made already: there are none, or the lazy form could not give the
    /// same list (a kind of more than 64 fields, or a field's value that a
    /// later entry of the summary took the name of).
    Made(Value),
    /// Which of the kind's `fields` (by bit), their values the summary's
    /// own under their names.
    Later { kind: Kind, fields: u64 },
}

impl FieldsShown {
    fn of(kind: &Kind, shown: Vec<(usize, Value)>, summary: &BTreeMap<String, Value>) -> Self {
        if shown.is_empty() {
            return FieldsShown::Made(EMPTY_LIST.clone());
        }
        let same_later = shown.iter().all(|(i, value)| {
            bit(*i).is_some()
                && kind
                    .fields
                    .get(*i)
                    .is_some_and(|f| summary.get(f.name.as_str()) == Some(value))
        });
        match same_later {
            true => FieldsShown::Later {
                kind: kind.clone(),
                fields: shown
                    .iter()
                    .fold(0, |bits, (i, _)| bits | bit(*i).unwrap_or(0)),
            },
            false => FieldsShown::Made(Value::from(
                shown
                    .into_iter()
                    .filter_map(|(i, value)| Some(shown_field(kind.fields.get(i)?, value)))
                    .collect::<Vec<_>>(),
            )),
        }
    }

    /// Its value in the summary: undefined until a template asks, when
    /// it is made later.
    fn made(&self) -> Value {
        match self {
            FieldsShown::Made(v) => v.clone(),
            FieldsShown::Later { .. } => Value::UNDEFINED,
        }
    }
}

/// The bit of the kind's field at `i` in [`FieldsShown::Later`].
fn bit(i: usize) -> Option<u64> {
    u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i))
}

/// One entry of `fields_shown`.
fn shown_field(f: &FieldDef, value: Value) -> Value {
    let parts = parts(&f.ty, &value);
    minijinja::context! {
        name => f.name.as_str(),
        label => f.label.as_str(),
        type => f.ty.name(),
        value => value,
        parts => parts,
    }
}

/// What a page's `url` and `permalink` are made from: the site's base
/// address, shared by every summary of a build.
#[derive(Debug, Clone)]
pub struct Bases(Arc<BaseAddress>);

#[derive(Debug)]
pub struct BaseAddress {
    /// `base_url` as in `site.yaml`.
    base_url: String,
    /// Its path: `/` or `/peer-support/`.
    base_path: String,
}

impl Bases {
    pub fn of(site: &Site) -> Bases {
        Bases(Arc::new(BaseAddress {
            base_url: site.config.base_url.clone(),
            base_path: site.config.base_path(),
        }))
    }
}

impl std::ops::Deref for Bases {
    type Target = BaseAddress;
    fn deref(&self) -> &BaseAddress {
        &self.0
    }
}

/// A page's site path without its leading `/`, for its addresses: one
/// string a page instead of the two addresses made from it, which every
/// page of the site would hold.
#[derive(Debug)]
struct Address {
    rel: Box<str>,
    bases: Bases,
}

impl Address {
    fn get(&self, key: &str) -> Option<Value> {
        match key {
            "url" => Some(Value::from(format!("{}{}", self.bases.base_path, self.rel))),
            "permalink" => Some(Value::from(crate::urls::absolute_url(
                &self.bases.base_url,
                &self.rel,
            ))),
            _ => None,
        }
    }
}

/// One empty list for every page that shows no fields of its own.
static EMPTY_LIST: LazyLock<Value> = LazyLock::new(|| Value::from(Vec::<Value>::new()));

/// A listing summary as templates see it: a map of names to values, in
/// the names' order. Held for every page of the site, so kept small: the
/// names are shared by the pages that have the same fields (most pages of
/// a kind), and the values are in a slice rather than a tree per page.
#[derive(Debug)]
struct Listed {
    /// Sorted.
    keys: Arc<[Value]>,
    /// `url` and `permalink` are undefined here, made from `address`;
    /// `fields_shown` too when it is made later, from `shown`.
    values: Box<[Value]>,
    address: Address,
    /// Which fields `fields_shown` holds, when it is made later.
    shown: Option<(Kind, u64)>,
}

impl Listed {
    fn value(map: BTreeMap<String, Value>, address: Address, shown: FieldsShown) -> Value {
        let (keys, values): (Vec<Value>, Vec<Value>) =
            map.into_iter().map(|(k, v)| (Value::from(k), v)).unzip();
        Value::from_object(Listed {
            keys: shared_keys(keys),
            values: values.into_boxed_slice(),
            address,
            shown: match shown {
                FieldsShown::Later { kind, fields } => Some((kind, fields)),
                FieldsShown::Made(_) => None,
            },
        })
    }

    /// `fields_shown`, made now.
    fn fields_shown(self: &Arc<Self>, kind: &Kind, fields: u64) -> Value {
        Value::from(
            kind.fields
                .iter()
                .enumerate()
                .filter(|&(i, _)| bit(i).is_some_and(|b| fields & b != 0))
                .map(|(_, f)| {
                    let value = self.get_value_by_str(&f.name).unwrap_or_default();
                    shown_field(f, value)
                })
                .collect::<Vec<_>>(),
        )
    }
}

impl Object for Listed {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let i = self
            .keys
            .binary_search_by(|k| k.as_str().unwrap_or_default().cmp(key))
            .ok()?;
        if let ("fields_shown", Some((kind, fields))) = (key, &self.shown) {
            return Some(self.fields_shown(kind, *fields));
        }
        self.address
            .get(key)
            .or_else(|| self.values.get(i).cloned())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        self.mapped_enumerator(|this| Box::new(this.keys.iter().cloned()))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.keys.len())
    }
}

/// The one copy of a set of names, for the summaries that have them. At
/// most `SETS` sets are kept (a site has a few per kind), so that a
/// preview left running while fields are renamed does not grow.
fn shared_keys(keys: Vec<Value>) -> Arc<[Value]> {
    const SETS: usize = 1024;
    static KNOWN: Mutex<Vec<Arc<[Value]>>> = Mutex::new(Vec::new());
    let mut known = match KNOWN.lock() {
        Ok(k) => k,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(k) = known.iter().find(|k| ***k == *keys) {
        return k.clone();
    }
    let k: Arc<[Value]> = keys.into();
    if known.len() < SETS {
        known.push(k.clone());
    }
    k
}

/// For a group of fields, or a list of them: each part's label and value,
/// in the order the kind declares them (the value itself is a map, which
/// has no order).
fn parts(ty: &Ty, value: &Value) -> Value {
    let labelled = |fields: &[crate::schema::FieldDef], v: &Value| -> Vec<Value> {
        fields
            .iter()
            .filter_map(|f| {
                let part = v.get_attr(&f.name).ok().filter(|p| !p.is_undefined())?;
                Some(minijinja::context! { label => f.label.as_str(), value => part })
            })
            .collect()
    };
    match ty {
        Ty::Object(fields) => Value::from(labelled(fields, value)),
        Ty::List(of) => match &**of {
            Ty::Object(fields) => Value::from(
                value
                    .try_iter()
                    .map(|items| {
                        items
                            .map(|item| Value::from(labelled(fields, &item)))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
            ),
            _ => Value::UNDEFINED,
        },
        _ => Value::UNDEFINED,
    }
}

/// Mistakes in a markdown field point at their place in the field's value.
pub(super) fn field_links<'a>(links: &LinkContext<'a>, p: &Page, field: &str) -> LinkContext<'a> {
    let origin = p
        .value_origins
        .iter()
        .find(|(k, _)| &**k == field)
        .map(|(_, o)| *o)
        .unwrap_or_else(|| Origin::body(crate::yaml::line_of(&p.key_lines, field).unwrap_or(1)));
    LinkContext { origin, ..*links }
}

/// Plain text with smart punctuation when the site has it on.
pub fn typeset(smart: bool, text: &str) -> String {
    if smart {
        crate::markdown::smart_punctuation(text)
    } else {
        text.to_string()
    }
}

/// Every string in a front-matter value with smart punctuation.
fn smarten(v: &Yaml) -> Yaml {
    match v {
        Yaml::String(s) => Yaml::String(crate::markdown::smart_punctuation(s)),
        Yaml::Sequence(items) => Yaml::Sequence(items.iter().map(smarten).collect()),
        Yaml::Mapping(map) => {
            Yaml::Mapping(map.iter().map(|(k, v)| (k.clone(), smarten(v))).collect())
        }
        Yaml::Tagged(t) => smarten(&t.value),
        other => other.clone(),
    }
}

fn yaml_to_value(v: &Yaml) -> Value {
    match v {
        Yaml::Null => Value::from(()),
        Yaml::Bool(b) => Value::from(*b),
        Yaml::Number(n) => n
            .as_i64()
            .map(Value::from)
            .unwrap_or_else(|| Value::from(n.to_string())),
        Yaml::String(s) => Value::from(s.as_str()),
        Yaml::Sequence(items) => Value::from(items.iter().map(yaml_to_value).collect::<Vec<_>>()),
        Yaml::Mapping(map) => Value::from(
            map.iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), yaml_to_value(v))))
                .collect::<BTreeMap<String, Value>>(),
        ),
        Yaml::Tagged(t) => yaml_to_value(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::bit;

    #[test]
    fn a_kind_s_first_64_fields_have_a_bit_and_the_rest_are_made_at_once() {
        assert_eq!(bit(0), Some(1));
        assert_eq!(bit(63), Some(1 << 63));
        assert_eq!(bit(64), None);
        assert_eq!(bit(usize::MAX), None);
    }
}

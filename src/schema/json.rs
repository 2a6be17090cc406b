//! Each kind's front matter as a JSON Schema (draft 2020-12), for editors
//! such as VS Code (completion and checking as you type) and for the
//! browser editor, which builds its forms from the same registry.

use serde_json::{Map, Value, json};

use super::{FieldDef, FieldType, KindSchema, Kinds};

/// A schema per kind, by name; sections are under `section_<kind>`.
pub fn all(kinds: &Kinds) -> Value {
    let mut out = Map::new();
    for k in &kinds.kinds {
        out.insert(k.name.clone(), for_kind(kinds, k, false));
        out.insert(format!("section_{}", k.name), for_kind(kinds, k, true));
    }
    Value::Object(out)
}

pub fn for_kind(kinds: &Kinds, kind: &KindSchema, is_section: bool) -> Value {
    let fields = kinds.fields_of(kind, is_section);
    let mut props = Map::new();
    for f in &fields {
        props.insert(f.name.clone(), field(kinds, f));
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    let title = if is_section {
        format!("The section page (_index.md) of {} pages", kind.label)
    } else {
        format!("A {} page", kind.label)
    };
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

fn field(kinds: &Kinds, f: &FieldDef) -> Value {
    let mut v = ty(kinds, &f.ty);
    if let Value::Object(m) = &mut v {
        m.insert("title".into(), json!(f.label));
        m.insert("description".into(), json!(f.help));
        if let Some(min) = f.min {
            m.insert("minimum".into(), json!(min));
        }
    }
    v
}

fn ty(kinds: &Kinds, t: &FieldType) -> Value {
    match t {
        FieldType::Text => json!({ "type": ["string", "number"] }),
        FieldType::Markdown => json!({ "type": "string", "contentMediaType": "text/markdown" }),
        FieldType::List(of) => json!({ "type": "array", "items": ty(kinds, of) }),
        FieldType::Object(fields) => {
            let mut props = Map::new();
            for f in fields {
                props.insert(f.name.clone(), field(kinds, f));
            }
            let required: Vec<&str> = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name.as_str())
                .collect();
            json!({ "type": "object", "properties": props, "required": required, "additionalProperties": false })
        }
        FieldType::Date => json!({ "type": "string", "format": "date" }),
        FieldType::DateTime => {
            json!({ "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?$" })
        }
        FieldType::WholeNumber => json!({ "type": "integer" }),
        FieldType::Number => json!({ "type": "number" }),
        FieldType::YesNo => json!({ "type": "boolean" }),
        FieldType::Url => json!({ "type": "string", "format": "uri-reference" }),
        FieldType::Email => json!({ "type": "string", "format": "email" }),
        FieldType::File => json!({ "type": "string" }),
        FieldType::Choice(values) => json!({ "enum": values }),
        FieldType::Ref(kind) => json!({ "type": "string", "x-signpost-ref": kind }),
        FieldType::KindName => json!({ "enum": kinds.names().collect::<Vec<_>>() }),
        FieldType::CheckCode => json!({ "type": "string" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vacancy_schema_lists_its_required_fields_and_its_choices() {
        let kinds = Kinds::default();
        let v = for_kind(&kinds, kinds.get("vacancy").expect("v"), false);
        let required = v["required"].as_array().expect("required");
        assert!(required.contains(&json!("closing_date")));
        assert_eq!(v["properties"]["closing_date"]["format"], "date");
        assert_eq!(v["properties"]["employment_type"]["enum"][1], "part_time");
        assert_eq!(v["properties"]["course"]["x-signpost-ref"], "course");
        assert_eq!(v["additionalProperties"], false);
    }
}

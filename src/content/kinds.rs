//! What the rest of the generator reads from a page's checked front matter:
//! the fields every kind shares, typed ([`Common`]), and accessors for the
//! kind's own fields by name. Which fields a kind has is data, in
//! [`crate::schema`]; nothing here knows a kind by name.

use jiff::civil::Date;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

pub use crate::schema::{FieldDef as Field, FieldType as Ty, KindSchema, Kinds};

/// A kind, shared by every page of it.
pub type Kind = std::sync::Arc<KindSchema>;

/// Fields of every kind, common ones included.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Common {
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub nav_title: Option<String>,
    pub last_reviewed: Option<Date>,
    pub next_review_due: Option<Date>,
    pub publish_date: Option<Date>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub decorative_images: Vec<String>,
    #[serde(default)]
    pub silence_checks: Vec<Silenced>,
}

impl Common {
    /// Reads the common fields from a checked mapping (other fields ignored).
    pub fn from_mapping(map: &Mapping) -> Result<Common, serde_yaml::Error> {
        let mut own = Mapping::new();
        for key in [
            "weight",
            "draft",
            "nav_title",
            "last_reviewed",
            "next_review_due",
            "publish_date",
            "aliases",
            "decorative_images",
            "silence_checks",
        ] {
            if let Some(v) = map.get(key) {
                own.insert(key.into(), v.clone());
            }
        }
        serde_yaml::from_value(Value::Mapping(own))
    }
}

/// One check silenced on a page, with the editor's reason.
#[derive(Debug, Clone, Deserialize)]
pub struct Silenced {
    pub check: String,
    pub reason: String,
}

/// A field's value read as a date: a `date`, or the day of a `datetime`.
pub fn date_of(v: &Value) -> Option<Date> {
    let s = v.as_str()?.trim();
    s.get(..10)?.parse().ok()
}

/// Text, or each item of a list of text.
pub fn strings_of(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Sequence(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_datetime_is_read_as_its_day() {
        assert_eq!(
            date_of(&Value::String("2027-03-04 10:00".into())),
            Some(jiff::civil::date(2027, 3, 4))
        );
        assert_eq!(date_of(&Value::String("soon".into())), None);
    }

    #[test]
    fn common_fields_are_read_whatever_else_the_page_has() {
        let map: Mapping =
            serde_yaml::from_str("title: A\nweight: 2\nvenue: Hall\ndraft: true\n").expect("yaml");
        let c = Common::from_mapping(&map).expect("common");
        assert_eq!(c.weight, Some(2));
        assert!(c.draft);
    }
}

//! The `search:` setting of `site.yaml`: whether `signpost build` writes a
//! search index, with a search page and an A–Z page, and puts a search form
//! in every page's header. On unless the site says `search: false` (or
//! `search:` with `enabled: false`). The index itself is `crate::search`'s.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// `search:` in `site.yaml`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Search {
    /// Write the index, the search and A–Z pages, and the header's form.
    pub enabled: bool,
}

impl Default for Search {
    fn default() -> Self {
        Search { enabled: true }
    }
}

/// The long form, `search: { enabled: false }`; unknown keys are mistakes,
/// located in `site.yaml` as every other setting's are.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Long {
    #[serde(default = "yes")]
    enabled: bool,
}

fn yes() -> bool {
    true
}

impl<'de> Deserialize<'de> for Search {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Search;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "`true`, `false`, or `enabled: true` or `enabled: false` on the next line",
                )
            }

            fn visit_bool<E: de::Error>(self, enabled: bool) -> Result<Search, E> {
                Ok(Search { enabled })
            }

            fn visit_unit<E: de::Error>(self) -> Result<Search, E> {
                Ok(Search::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Search, A::Error> {
                let long = Long::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Search {
                    enabled: long.enabled,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_is_turned_off_by_false_or_by_enabled_false() {
        let short: Search = serde_yaml::from_str("false").expect("short form");
        let long: Search = serde_yaml::from_str("enabled: false").expect("long form");
        let on: Search = serde_yaml::from_str("true").expect("on");
        assert!(!short.enabled && !long.enabled && on.enabled);
        assert!(Search::default().enabled);
    }

    #[test]
    fn an_unknown_search_setting_is_a_mistake_that_says_what_is_allowed() {
        let e = serde_yaml::from_str::<Search>("enable: false").expect_err("unknown key");
        assert!(e.to_string().contains("enabled"), "{e}");
        let e = serde_yaml::from_str::<Search>("\"yes please\"").expect_err("text");
        assert!(e.to_string().contains("`true`, `false`"), "{e}");
    }
}

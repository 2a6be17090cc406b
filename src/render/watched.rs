//! A template value that notes when a template looks at it, so the build
//! records what a page really showed: every page is given its section's
//! listing, but most templates never read it, and those pages need not be
//! rendered again when the listing changes.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

/// A map value that sets `seen` the first time it is used in any way.
#[derive(Debug)]
pub struct Watched {
    inner: Value,
    seen: Arc<AtomicBool>,
}

impl Watched {
    /// `inner` (a map), watched by `seen`.
    pub fn value(inner: Value, seen: Arc<AtomicBool>) -> Value {
        Value::from_object(Watched { inner, seen })
    }

    fn look(&self) -> &Value {
        self.seen.store(true, Ordering::Relaxed);
        &self.inner
    }
}

impl Object for Watched {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.look().get_item(key).ok().filter(|v| !v.is_undefined())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match self.look().try_iter() {
            Ok(keys) => Enumerator::Values(keys.collect()),
            Err(_) => Enumerator::Empty,
        }
    }

    fn is_true(self: &Arc<Self>) -> bool {
        self.look().is_true()
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result
    where
        Self: Sized + 'static,
    {
        fmt::Display::fmt(self.look(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watched_value_is_seen_only_when_a_template_uses_it() {
        let mut env = minijinja::Environment::new();
        env.add_template("uses", "{% for p in section.pages %}{{ p }}{% endfor %}")
            .expect("template");
        env.add_template("ignores", "{{ page }}").expect("template");
        env.add_template(
            "tests",
            "{% if section is defined and section %}yes{% endif %}",
        )
        .expect("template");
        for (name, want, out) in [
            ("uses", true, "ab"),
            ("ignores", false, "x"),
            ("tests", true, "yes"),
        ] {
            let seen = Arc::new(AtomicBool::new(false));
            let section = Watched::value(
                minijinja::context! { pages => vec!["a", "b"] },
                seen.clone(),
            );
            let got = env
                .get_template(name)
                .and_then(|t| t.render(minijinja::context! { section => section, page => "x" }))
                .expect("renders");
            assert_eq!(got, out);
            assert_eq!(seen.load(Ordering::Relaxed), want, "{name}");
        }
    }
}

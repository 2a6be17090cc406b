//! The registry of checks and mistakes: every code a finding can carry, with
//! its default severity and its plain-English explanation. It is a leaf that
//! every stage may use (config checks `checks:` against it, the check stage
//! sets each finding's severity from it, README's table is made from it);
//! it imports nothing of Signpost's but [`Severity`].
//!
//! Two lists: [`CHECKS`], which `site.yaml` can set to off, warn or error,
//! and [`MISTAKES`], which cannot be turned off because the page cannot be
//! built as written (front matter that cannot be read, a missing template).

use serde::{Deserialize, Serialize};

use crate::diagnostics::Severity;

/// How a check is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warn,
    Error,
}

/// One check.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub code: &'static str,
    pub default: Severity,
    /// What it catches.
    pub catches: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

const fn check(
    code: &'static str,
    default: Severity,
    catches: &'static str,
    fix: &'static str,
) -> Check {
    Check {
        code,
        default,
        catches,
        fix,
    }
}

mod checks;
mod mistakes;

pub use checks::CHECKS;
pub use mistakes::MISTAKES;

/// Codes that were renamed, with their new names: sites that still use an
/// old one in `checks:` or `silence_checks:` keep working.
pub const RENAMED: &[(&str, &str)] = &[("content/vacancy-closed", "content/ended")];

/// The current name of a check's code (itself, unless it was renamed).
pub fn current_code(code: &str) -> &str {
    RENAMED
        .iter()
        .find(|(old, _)| *old == code)
        .map_or(code, |(_, new)| new)
}

/// The check with this code (or its old name), if there is one.
pub fn find(code: &str) -> Option<&'static Check> {
    let code = current_code(code);
    CHECKS.iter().find(|c| c.code == code)
}

/// A mistake that stops a page (or the site) being built as written: it is
/// always an error and cannot be turned off. README's table of codes
/// describes the ones editors meet most.
#[derive(Debug, Clone, Copy)]
pub struct Mistake {
    pub code: &'static str,
    /// What it means.
    pub means: &'static str,
}

const fn mistake(code: &'static str, means: &'static str) -> Mistake {
    Mistake { code, means }
}

/// Whether `code` is a check or a mistake of the registry.
pub fn is_known(code: &str) -> bool {
    find(code).is_some() || MISTAKES.iter().any(|m| m.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_and_namespaced() {
        let mut seen = std::collections::BTreeSet::new();
        let codes = CHECKS.iter().map(|c| c.code);
        for code in codes.chain(MISTAKES.iter().map(|m| m.code)) {
            assert!(seen.insert(code), "{code} twice");
            assert!(code.contains('/'), "{code}");
        }
    }

    #[test]
    fn a_renamed_code_finds_its_new_check() {
        assert_eq!(
            find("content/vacancy-closed").map(|c| c.code),
            Some("content/ended")
        );
        assert!(is_known("yaml/syntax"));
        assert!(!is_known("yaml/nothing"));
    }
}

//! The registry of checks and mistakes (`signpost::registry`) is the one
//! list of finding codes: these tests read Signpost's own source and make
//! sure no finding is made with a code that is not in it, and that every
//! warning is a check `site.yaml` can set to off, warn or error.

use std::path::Path;

use signpost::registry::{CHECKS, MISTAKES, find, is_known};

/// Every `Diagnostic::error("code", …)` / `Diagnostic::warning("code", …)`
/// in `src/`, and every `const NAME: &str = "area/name";` (codes kept in a
/// constant), as (file, constructor, code).
fn codes_in_source() -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read source");
        let file = entry.path().strip_prefix(&src).unwrap_or(entry.path());
        let file = file.to_string_lossy().replace('\\', "/");
        // Test modules make findings with made-up codes.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (kind, open) in [
            ("error", "Diagnostic::error("),
            ("warning", "Diagnostic::warning("),
            ("const", ": &str = "),
        ] {
            for (i, _) in text.match_indices(open) {
                let rest = text[i + open.len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue; // a code held in a variable or constant
                };
                let code = &rest[..rest.find('"').unwrap_or(0)];
                let looks_like_code = code.starts_with(|c: char| c.is_ascii_lowercase())
                    && code.contains('/')
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-/".contains(c));
                if kind == "const" && !looks_like_code {
                    continue; // some other string constant
                }
                out.push((file.clone(), kind, code.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_code_the_source_reports_is_in_the_registry() {
    let found = codes_in_source();
    assert!(
        found.len() > 50,
        "the scan found only {} codes",
        found.len()
    );
    let unknown: Vec<_> = found
        .iter()
        .filter(|(_, _, code)| !is_known(code))
        .map(|(file, _, code)| format!("`{code}` in src/{file}"))
        .collect();
    assert!(
        unknown.is_empty(),
        "codes that are not in src/registry.rs (add each to CHECKS or MISTAKES):\n{}",
        unknown.join("\n")
    );
}

#[test]
fn every_warning_is_a_check_that_site_yaml_can_set() {
    let bad: Vec<_> = codes_in_source()
        .into_iter()
        .filter(|(_, kind, code)| *kind == "warning" && find(code).is_none())
        .map(|(file, _, code)| format!("`{code}` in src/{file}"))
        .collect();
    assert!(
        bad.is_empty(),
        "warnings that are not checks, so `checks:` cannot turn them off:\n{}",
        bad.join("\n")
    );
}

#[test]
fn a_check_is_made_with_its_registered_severity() {
    let bad: Vec<_> = codes_in_source()
        .into_iter()
        .filter_map(|(file, kind, code)| {
            let check = find(&code)?;
            let made = match kind {
                "error" => signpost::Severity::Error,
                "warning" => signpost::Severity::Warning,
                _ => return None,
            };
            (made != check.default).then(|| format!("`{code}` made as {kind} in src/{file}"))
        })
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn mistakes_are_errors_and_never_checks() {
    for m in MISTAKES {
        assert!(
            find(m.code).is_none(),
            "`{}` is both a check and a mistake",
            m.code
        );
    }
    assert!(!CHECKS.is_empty());
}

//! The pipeline's stages import only the stages below them, so there are
//! no import cycles: config → content → markdown → render → output, with
//! the check stage able to see them all and the build core and the preview
//! above. This test reads `src/` and fails naming each import that goes
//! the wrong way.

use std::collections::BTreeMap;
use std::path::Path;

/// Each top-level module of `src/` and its level: a module may use only
/// modules of a lower level (and itself).
const LEVELS: &[(&str, u32)] = &[
    // Leaves: no stage of Signpost's below them.
    ("diagnostics", 0),
    ("html", 0),
    ("sink", 0),
    ("registry", 1),
    ("starter", 0),
    ("urls", 0),
    ("yaml", 1),
    ("schema", 2),
    ("config", 3),
    ("content", 4),
    ("markdown", 5),
    ("render", 6),
    // Output stages that make files from the rendered site.
    ("search", 7),
    ("cms", 7),
    ("output", 8),
    ("check", 9),
    ("build", 10),
    ("scaffold", 11),
    ("serve", 11),
];

/// Imports that still go the wrong way, each to be turned round: the test
/// fails if one of these is fixed and left here, or if a new one appears.
const NOT_YET: &[&str] = &[];

fn level(module: &str) -> Option<u32> {
    LEVELS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// (module, file, used module) for every `crate::name` in code (comments
/// are left out: they may name any module).
fn imports() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).expect("under src");
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let first = rel_s.split('/').next().unwrap_or_default();
        let module = first.strip_suffix(".rs").unwrap_or(first).to_string();
        if matches!(module.as_str(), "lib" | "main" | "cmd") {
            continue; // the crate's root and the command line use everything
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            for (i, _) in code.match_indices("crate::") {
                let name: String = code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    out.push((module.clone(), rel_s.clone(), name));
                }
            }
        }
    }
    out
}

#[test]
fn every_module_of_src_has_a_level() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).expect("src") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let module = name.strip_suffix(".rs").unwrap_or(&name);
        if matches!(module, "lib" | "main" | "cmd") {
            continue;
        }
        assert!(
            level(module).is_some(),
            "src/{name} has no level in tests/layering.rs: add it where it belongs"
        );
    }
}

#[test]
fn the_stages_import_only_the_stages_below_them() {
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (module, file, used) in imports() {
        let (Some(from), Some(to)) = (level(&module), level(&used)) else {
            continue; // a root item such as `crate::load`: see the next test
        };
        if to >= from {
            wrong
                .entry(format!("{module} (level {from}) uses {used} (level {to})"))
                .or_default()
                .push(file);
        }
    }
    for known in NOT_YET {
        assert!(
            wrong.remove(*known).is_some(),
            "`{known}` is fixed: take it out of NOT_YET"
        );
    }
    let report: Vec<String> = wrong
        .iter()
        .map(|(what, files)| {
            let mut files = files.clone();
            files.dedup();
            format!("{what}: {}", files.join(", "))
        })
        .collect();
    assert!(
        report.is_empty(),
        "imports that go up or sideways, making cycles possible:\n{}",
        report.join("\n")
    );
}

#[test]
fn only_the_preview_uses_the_crate_roots_own_functions() {
    // `lib.rs` drives the stages; a stage that calls back into it would
    // make a cycle through the root.
    let bad: Vec<String> = imports()
        .into_iter()
        .filter(|(module, _, used)| level(used).is_none() && module != "serve")
        .map(|(_, file, used)| format!("src/{file} uses crate::{used}"))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn no_module_is_over_500_lines() {
    // Past about 500 lines a module is doing more than one thing: split it
    // by what its parts are for.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let lines = std::fs::read_to_string(entry.path())
            .expect("read")
            .lines()
            .count();
        if lines > 500 {
            long.push(format!("{} has {lines} lines", entry.path().display()));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

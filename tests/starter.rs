//! The starter site that `signpost init` writes is a reviewed copy of the
//! example site (`site.yaml` and `content/`), kept in `starter/` so that
//! editing the example never recompiles Signpost. This test says when the
//! copy has fallen behind, and refreshes it when asked:
//!
//!     SIGNPOST_REFRESH_STARTER=1 cargo test --test starter

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The files `build.rs` embeds from a folder: no dot-files or editor
/// leftovers.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::read_tree(dir)
        .into_iter()
        .filter(|(rel, _)| {
            rel.split('/')
                .all(|s| !s.starts_with('.') && !s.ends_with('~') && !s.ends_with(".swp"))
        })
        .collect()
}

#[test]
fn the_starter_site_is_the_example_site() {
    let repo = common::repo_root();
    let starter = repo.join("starter");
    let mut example = files(&repo.join("content"));
    example = example
        .into_iter()
        .map(|(rel, bytes)| (format!("content/{rel}"), bytes))
        .collect();
    example.insert(
        "site.yaml".into(),
        fs::read(repo.join("site.yaml")).expect("site.yaml"),
    );
    let copy = files(&starter);
    if copy == example {
        return;
    }
    if std::env::var_os("SIGNPOST_REFRESH_STARTER").is_some() {
        fs::remove_dir_all(&starter).expect("remove the old starter");
        for (rel, bytes) in &example {
            let path = starter.join(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
            fs::write(&path, bytes).expect("write");
        }
        eprintln!("refreshed starter/ from site.yaml and content/");
        return;
    }
    let mut differ: Vec<&String> = example
        .keys()
        .chain(copy.keys())
        .filter(|k| example.get(*k) != copy.get(*k))
        .collect();
    differ.sort();
    differ.dedup();
    panic!(
        "starter/ (what `signpost init` writes) differs from the example site in: {}.\n\
         Check the example's changes suit a new site, then run\n\
         \n    SIGNPOST_REFRESH_STARTER=1 cargo test --test starter\n",
        differ
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
}

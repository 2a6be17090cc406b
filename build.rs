//! Embeds the starter site (`starter/site.yaml`, `starter/content/`, and the
//! themes) in the binary, so `signpost init` can start a new site anywhere.
//! The starter is a reviewed copy of the example site, not `content/`
//! itself, so that editing the example's pages never recompiles Signpost
//! (`tests/starter.rs` says when the copy needs refreshing).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            continue;
        }
        let path = e.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    // (where it is read from, the path `init` writes it to)
    let mut files = Vec::new();
    for (dir, to) in [("starter", ""), ("themes", "themes/")] {
        let mut found = Vec::new();
        walk(&root.join(dir), &mut found);
        println!("cargo:rerun-if-changed={dir}");
        for f in found {
            let rel = f
                .strip_prefix(root.join(dir))
                .expect("inside the folder")
                .to_string_lossy()
                .replace('\\', "/");
            files.push((f, format!("{to}{rel}")));
        }
    }
    let mut code = String::from(
        "/// The example site: (path, contents).\npub static EXAMPLE_SITE: &[(&str, &[u8])] = &[\n",
    );
    for (f, rel) in files.iter().filter(|(f, _)| f.is_file()) {
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            f.to_string_lossy()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("example_site.rs");
    std::fs::write(out, code).expect("write example_site.rs");
}

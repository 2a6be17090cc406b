//! Embeds the example site (site.yaml, content/, themes/) in the binary, so
//! `signpost init` can start a new site anywhere.

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
    let mut files = vec![root.join("site.yaml")];
    for dir in ["content", "themes"] {
        walk(&root.join(dir), &mut files);
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-changed=site.yaml");
    let mut code = String::from(
        "/// The example site: (path, contents).\npub static EXAMPLE_SITE: &[(&str, &[u8])] = &[\n",
    );
    for f in files.iter().filter(|f| f.is_file()) {
        let rel = f
            .strip_prefix(&root)
            .expect("inside the crate")
            .to_string_lossy()
            .replace('\\', "/");
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

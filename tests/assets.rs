//! Stylesheets and scripts get names that change with their contents in a
//! published build, so hosts can cache them for ever; pages link to those
//! names. The preview keeps plain names.

use std::path::Path;

use signpost::BuildOptions;

fn build(fingerprint: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().expect("tempdir");
    let output = out.path().join("public");
    let mut opts = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output = Some(output.clone());
    opts.today = Some("2026-11-24".parse().expect("date"));
    opts.fingerprint = fingerprint;
    let report = signpost::build(&opts).expect("build");
    assert!(report.written, "{:?}", report.diagnostics.sorted());
    (out, output)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn stylesheets_and_scripts_get_fingerprinted_names_that_pages_link_to() {
    let (_keep, out) = build(true);
    let css = names(&out.join("css"));
    assert_eq!(css.len(), 1, "{css:?}");
    let name = &css[0];
    assert!(
        name.starts_with("site.")
            && name.ends_with(".css")
            && name.len() == "site.12345678.css".len(),
        "{name}"
    );
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains(&format!("href=\"/css/{name}\"")), "{home}");
    let js = names(&out.join("js"));
    assert!(home.contains(&format!("src=\"/js/{}\"", js[0])), "{home}");
    // The same contents give the same name.
    let (_again, out2) = build(true);
    assert_eq!(names(&out2.join("css")), css);
}

#[test]
fn without_fingerprinting_the_names_stay_plain() {
    let (_keep, out) = build(false);
    assert_eq!(names(&out.join("css")), ["site.css"]);
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains("href=\"/css/site.css\""));
}

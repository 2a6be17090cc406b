//! The preview's incremental rebuilds against a fresh full build: the
//! options the preview builds with, a fresh build of the same folder as the
//! preview would serve it, and a short account of where two differ.

use std::fmt::Write as _;
use std::path::Path;

use signpost::serve::state::{Files, build_in_memory};
use signpost::{BuildOptions, Diagnostic, Diagnostics};

/// The options `signpost serve` builds `root` with (its own address, the
/// form posting to the preview), on the tests' fixed date.
pub fn preview_options(root: &Path) -> BuildOptions {
    let mut opts = BuildOptions::new(root);
    opts.today = Some(super::today());
    opts.base_url = Some("http://127.0.0.1:1111/".into());
    opts.feedback_endpoint = Some("/__signpost/feedback".into());
    opts
}

/// A fresh full build in memory: its files (`None` when it has errors)
/// without the search and A to Z pages, which the preview serves from its
/// own background indexer (serve::search), not from the session; and its
/// findings.
pub fn fresh_build(opts: &BuildOptions) -> (Option<Files>, Diagnostics) {
    let (files, diags) = build_in_memory(opts);
    let files = files.map(|mut f| {
        for path in [signpost::search::SEARCH_PATH, signpost::search::A_Z_PATH] {
            f.remove(&signpost::urls::output_path(path));
        }
        f
    });
    (files, diags)
}

/// Where `got` first differs from `want`: a file only one has, or the
/// first differing file with a few lines around its first difference.
pub fn files_difference(got: &Files, want: &Files) -> Option<String> {
    if let Some(k) = want.keys().find(|k| !got.contains_key(*k)) {
        return Some(format!("{k} is missing (a full build writes it)"));
    }
    if let Some(k) = got.keys().find(|k| !want.contains_key(*k)) {
        return Some(format!("{k} is there, but a full build does not write it"));
    }
    let (k, w) = want.iter().find(|(k, v)| got.get(*k) != Some(*v))?;
    let g = String::from_utf8_lossy(&got[k]).into_owned();
    let w = String::from_utf8_lossy(w).into_owned();
    let (gl, wl): (Vec<&str>, Vec<&str>) = (g.lines().collect(), w.lines().collect());
    let first = (0..gl.len().max(wl.len()))
        .find(|&i| gl.get(i) != wl.get(i))
        .unwrap_or(0);
    let from = first.saturating_sub(2);
    let mut out = format!("{k} differs from a full build at line {}:\n", first + 1);
    for (label, lines) in [("preview", &gl), ("full build", &wl)] {
        let _ = writeln!(out, "  {label}:");
        for (n, line) in lines.iter().enumerate().skip(from).take(5) {
            let _ = writeln!(out, "    {:>4} {}", n + 1, shorten(line));
        }
    }
    Some(out)
}

/// The findings only one side has, or `None` when they are the same.
pub fn findings_difference(got: &Diagnostics, want: &Diagnostics) -> Option<String> {
    let (got, want) = (got.sorted(), want.sorted());
    if got == want {
        return None;
    }
    let mut out = String::from("different findings:\n");
    for (label, these, those) in [
        ("only in the preview", &got, &want),
        ("only in the full build", &want, &got),
    ] {
        for d in these.iter().filter(|d| !those.contains(d)) {
            let _ = writeln!(out, "  {label}: {}", finding(d));
        }
    }
    Some(out)
}

/// One finding on a line: code, place, message.
pub fn finding(d: &Diagnostic) -> String {
    let mut place = d.file.display().to_string();
    if let Some(line) = d.line {
        let _ = write!(place, ":{line}");
        if let Some(col) = d.column {
            let _ = write!(place, ":{col}");
        }
    }
    if let Some(field) = &d.field {
        let _ = write!(place, " [{field}]");
    }
    format!("{:?} {} {place}: {}", d.severity, d.code, d.message)
}

fn shorten(line: &str) -> String {
    const MAX: usize = 160;
    match line.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

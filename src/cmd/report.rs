//! Printing diagnostics for people, shared by the subcommands.

use std::io::{IsTerminal, Write};
use std::path::Path;

use signpost::Diagnostics;
use signpost::diagnostics::Source;

/// How many findings of one check are printed for one file before
/// "…and N more".
pub const PER_FILE: usize = 20;

/// Prints every diagnostic with its source line, errors and warnings alike,
/// reading each file once.
pub fn print_diagnostics(root: &Path, diags: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::BufWriter::new(std::io::stderr().lock());
    // Findings come sorted by file: read each file, and find its lines, once.
    for group in diags.for_people(PER_FILE).chunk_by(|a, b| a.file == b.file) {
        let Some(first) = group.first() else { continue };
        // Only an ordinary file: reading a pipe named in a finding would wait for ever.
        let path = root.join(&first.file);
        let text = path
            .metadata()
            .is_ok_and(|m| m.is_file())
            .then(|| std::fs::read_to_string(&path).ok())
            .flatten();
        let source = text.as_deref().map(Source::new);
        for d in group {
            let _ = writeln!(out, "{}\n", d.render_in(source.as_ref(), color));
        }
    }
}

pub fn warnings_suffix(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (1 warning)".into(),
        n => format!(" ({n} warnings)"),
    }
}

/// Parses `--today`.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse()
        .map_err(|_| format!("`{s}` is not a date written YYYY-MM-DD, such as 2026-12-01"))
}

//! Printing diagnostics for people, shared by the subcommands.

use std::io::IsTerminal;
use std::path::Path;

use signpost::Diagnostics;

/// Prints every diagnostic with its source line, errors and warnings alike.
pub fn print_diagnostics(root: &Path, diags: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diags.sorted() {
        // Only an ordinary file: reading a pipe named in a finding would wait for ever.
        let path = root.join(&d.file);
        let source = path
            .metadata()
            .is_ok_and(|m| m.is_file())
            .then(|| std::fs::read_to_string(&path).ok())
            .flatten();
        eprintln!("{}\n", d.render(source.as_deref(), color));
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

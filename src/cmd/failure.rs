//! What the commands print, and which exit code they give, when a build or
//! check stops on a problem with files or folders rather than the content.

use std::path::Path;
use std::process::ExitCode;

use signpost::BuildError;

use super::report;

/// The exit code for a problem with files or folders on this computer (a
/// full disk, a file that cannot be read), as against 1 for mistakes in
/// the content and 2 for a command typed wrong.
pub const FILES: u8 = 3;

/// Prints the findings collected before the stop, then the problem and what
/// to do. Returns the exit code: 2 when the output folder was refused, 3
/// otherwise.
pub fn report(root: &Path, output: Option<&Path>, e: &BuildError) -> ExitCode {
    report::print_diagnostics(root, &e.diagnostics);
    if e.is_refusal() {
        eprintln!("error: {e}.");
        return ExitCode::from(2);
    }
    eprintln!("error: Signpost could not finish: {e}.");
    match output {
        Some(out) => eprintln!(
            "This is a problem with files or folders on this computer, not with the content: \
             check that the disk has free space and that the files named above can be read \
             and written, then run it again. {} was not changed.",
            out.display()
        ),
        None => eprintln!(
            "This is a problem with files or folders on this computer, not with the content: \
             check that the files named above can be read, then run it again."
        ),
    }
    ExitCode::from(FILES)
}

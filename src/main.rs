//! The `signpost` command: parses the arguments, calls the library, prints
//! what it found and sets the exit code (0 worked, 1 content mistakes,
//! 2 the command was typed wrong or refused, 3 `build` or `check` stopped
//! on a problem with files or folders on this computer).

mod cmd;

use std::process::ExitCode;

// A build makes and frees millions of small strings on every core; glibc's
// allocator spent about a fifth of the build's time on them (callgrind).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

/// Signpost builds an accessible website from a folder of markdown files.
///
/// Run it in the folder that has `site.yaml`. It reads the pages in
/// `content/`, lays them out with the theme in `themes/`, and writes the
/// finished website to `public/`, ready to copy to any web host.
#[derive(Parser)]
#[command(
    name = "signpost",
    version,
    about,
    long_about,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website into `public/`.
    Build(cmd::build::BuildArgs),
    /// Check the website for broken links, inaccessible content and other
    /// mistakes, without writing anything.
    Check(cmd::check::CheckArgs),
    /// Start a new page with every field it needs, e.g. `signpost new vacancy "Peer support worker"`.
    New(cmd::new::NewArgs),
    /// List the kinds of page the site has and their fields (`--format
    /// json` for a JSON Schema of each).
    Kinds(cmd::kinds::KindsArgs),
    /// Start a new site in an empty folder, from the example site.
    Init(cmd::new::InitArgs),
    /// Preview the website on this computer; it updates as you save.
    Serve(cmd::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Kinds(args) => args.run(),
        Command::Init(args) => args.run(),
        Command::Serve(args) => args.run(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

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
        Command::Build(args) => {
            no_huge_pages();
            args.run()
        }
        Command::Check(args) => {
            no_huge_pages();
            args.run()
        }
        Command::New(args) => args.run(),
        Command::Kinds(args) => args.run(),
        Command::Init(args) => args.run(),
        Command::Serve(args) => {
            keep_freed_memory();
            args.run()
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// mimalloc asks the kernel for transparent huge pages on its arenas, and
/// each one is 2 MiB resident however little of it is used: on a
/// 100,000-page build about 6 to 10 MiB of the peak was pages held only
/// partly, and the time was no better. One-off builds only: the kernel
/// reads the flag as memory is first touched, so it holds for what the
/// build allocates from here; the preview (which starts a browser, which
/// would inherit it) keeps the default.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    {
        // Refused only by kernels older than 3.15, which keep the default.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

/// The preview builds again after every save, a writer's pause apart. By
/// default mimalloc gives memory back to the system 10 ms after it is
/// freed, so each rebuild faulted its working memory in again: about 20 ms
/// of a structural edit on a 10,000-page site. The preview keeps it for a
/// few seconds instead; one-off builds keep the default.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h (v2), which libmimalloc-sys
    // does not name. Set only while it holds that option's default, 10 ms,
    // so that another numbering of the options changes nothing.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: reading and setting an option has no preconditions.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == 10 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 3_000);
        }
    }
}

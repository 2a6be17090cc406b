//! `signpost serve`.

use std::collections::HashSet;
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use signpost::serve::{Preview, ServeOptions};
use signpost::{Diagnostic, Diagnostics};

use super::report;

#[derive(Args)]
pub struct ServeArgs {
    /// The site's folder (the one with `site.yaml`). Default: this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The port to use; if it is taken, the next free one is used.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// The network address to listen on. Only this computer can see the
    /// preview unless you change it.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the preview in your web browser.
    #[arg(long)]
    open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Preview as if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = report::parse_date)]
    today: Option<jiff::civil::Date>,
}

impl ServeArgs {
    pub fn run(self) -> Result<ExitCode> {
        let opts = ServeOptions {
            root: self.root.clone(),
            bind: self.bind,
            port: self.port,
            drafts: self.drafts,
            today: self.today,
            limits: signpost::serve::Limits::default(),
        };
        if !self.bind.is_loopback() {
            eprintln!(
                "warning: the preview is listening on {}, so other computers on your network can see it (and your drafts).",
                self.bind
            );
        }
        let preview = Preview::start(&opts, &mut |msg| eprintln!("{msg}"))?;
        let build = preview.build_options(&opts);
        let first = preview.rebuild(&build, None);
        let mut shown = Shown::default();
        print_outcome(&self.root, &preview, &first, &mut shown);
        let _server = preview
            .spawn_server()
            .context("could not start answering requests")?;
        println!("Preview running at {}", preview.url);
        println!(
            "Feedback sent from the preview is listed at {}__signpost/feedback/",
            preview.url
        );
        println!("Press Ctrl+C to stop.");
        let _ = std::io::stdout().flush();
        if self.open {
            open_browser(&preview.url);
        }
        preview.watch_forever(&build, &mut |change, outcome| {
            let what = match change.paths.as_slice() {
                [one] => one.clone(),
                many => format!("{} files", many.len()),
            };
            println!("Changed: {what}");
            print_outcome(&self.root, &preview, outcome, &mut shown);
        })?;
        Ok(ExitCode::SUCCESS)
    }
}

/// The findings already printed in the terminal, so that each save prints
/// only the ones it brought: a large site can have thousands of warnings,
/// and printing them all after every save buried the new ones (and read
/// every file they are in again).
#[derive(Default)]
struct Shown(HashSet<String>);

impl Shown {
    fn key(d: &Diagnostic) -> String {
        format!(
            "{}\0{:?}\0{:?}\0{:?}\0{}\0{}",
            d.file.display(),
            d.line,
            d.column,
            d.field,
            d.code,
            d.message
        )
    }

    /// The findings of `all` not printed before; `all` becomes what has
    /// been printed, so a finding that was fixed and comes back is new
    /// again.
    fn new_in(&mut self, all: &[Diagnostic]) -> Diagnostics {
        // Each key made once (twice before: thousands of them after each
        // save on a large site).
        let mut keys = HashSet::with_capacity(all.len());
        let mut fresh = Diagnostics::default();
        for d in all {
            let key = Shown::key(d);
            if !self.0.contains(&key) {
                fresh.push(d.clone());
            }
            keys.insert(key);
        }
        self.0 = keys;
        fresh
    }
}

fn print_outcome(
    root: &std::path::Path,
    preview: &Preview,
    outcome: &signpost::serve::state::Outcome,
    shown: &mut Shown,
) {
    let mut fresh = 0;
    if let Ok(snap) = preview.shared().read() {
        let diags = shown.new_in(&snap.diagnostics);
        fresh = diags.iter().count();
        report::print_diagnostics(root, &diags);
    }
    let total = outcome.warnings + outcome.errors;
    if outcome.ok {
        let as_before = match total.saturating_sub(fresh) {
            0 => String::new(),
            1 if fresh == 0 => "; not new: it is listed at the top of each page".into(),
            _ if fresh == 0 => "; none new: they are listed at the top of each page".into(),
            n => format!(
                "; {fresh} new, shown above, and {n} as before, listed at the top of each page"
            ),
        };
        println!(
            "Rebuilt {} pages in {} ms{}{as_before}",
            outcome.pages,
            outcome.elapsed.as_millis(),
            report::warnings_suffix(outcome.warnings)
        );
    } else {
        println!(
            "{} {} to fix; the preview shows the last version that worked, with the mistakes listed at the top.",
            outcome.errors,
            if outcome.errors == 1 {
                "mistake"
            } else {
                "mistakes"
            }
        );
    }
}

/// Best effort: a person can always open the printed address themselves.
fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; open {url} yourself.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(file: &str, line: usize) -> Diagnostic {
        Diagnostic::warning("a11y/link-text", file, "The link text is \"click here\"").at(line, 1)
    }

    #[test]
    fn each_save_prints_only_the_findings_it_brought_and_a_fixed_one_that_comes_back() {
        let mut shown = Shown::default();
        let a = warning("content/a.md", 3);
        let b = warning("content/b.md", 7);
        assert_eq!(shown.new_in(&[a.clone(), b.clone()]).iter().count(), 2);
        // Nothing changed: nothing printed again.
        assert_eq!(shown.new_in(&[a.clone(), b.clone()]).iter().count(), 0);
        // One moved to another line: that one is new.
        let moved = warning("content/b.md", 8);
        let fresh = shown.new_in(&[a.clone(), moved.clone()]);
        assert_eq!(fresh.iter().map(|d| d.line).collect::<Vec<_>>(), [Some(8)]);
        // Fixed, then back: printed again.
        assert_eq!(shown.new_in(std::slice::from_ref(&a)).iter().count(), 0);
        assert_eq!(shown.new_in(&[a, moved]).iter().count(), 1);
    }
}

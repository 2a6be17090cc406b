//! `signpost serve`.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use signpost::serve::{Preview, ServeOptions};

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
        print_outcome(&self.root, &preview, &first);
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
            print_outcome(&self.root, &preview, outcome);
        })?;
        Ok(ExitCode::SUCCESS)
    }
}

fn print_outcome(
    root: &std::path::Path,
    preview: &Preview,
    outcome: &signpost::serve::state::Outcome,
) {
    if let Ok(snap) = preview.shared().read() {
        let mut diags = signpost::Diagnostics::default();
        diags.extend(snap.diagnostics.iter().cloned());
        report::print_diagnostics(root, &diags);
    }
    if outcome.ok {
        println!(
            "Rebuilt {} pages in {} ms{}",
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

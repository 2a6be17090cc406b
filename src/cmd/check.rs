//! `signpost check`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use signpost::BuildOptions;

use super::report;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Messages for people, with the line of the file.
    Human,
    /// One JSON object per finding, for other programs.
    Json,
    /// GitHub workflow annotations, so findings show on the pull request.
    Github,
}

#[derive(Args)]
pub struct CheckArgs {
    /// The site's folder (the one with `site.yaml`). Default: this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    drafts: bool,
    /// Check as if today were this date (YYYY-MM-DD); closing and review dates depend on it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = report::parse_date)]
    today: Option<jiff::civil::Date>,
    /// How to print what is found.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on mistakes.
    #[arg(long)]
    deny_warnings: bool,
}

impl CheckArgs {
    pub fn run(self) -> Result<ExitCode> {
        let mut opts = BuildOptions::new(&self.root);
        opts.drafts = self.drafts;
        opts.today = self.today;
        let report = match signpost::check_site(&opts) {
            Ok(r) => r,
            Err(e) => return Ok(super::failure::report(&self.root, None, &e)),
        };
        let d = &report.diagnostics;
        match self.format {
            Format::Json => print!("{}", signpost::check::to_json_lines(&d.sorted())),
            Format::Github => print!("{}", signpost::check::to_github_annotations(&d.sorted())),
            Format::Human => {
                report::print_diagnostics(&self.root, d);
                let (e, w) = (d.error_count(), d.warning_count());
                let plural = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                println!(
                    "Checked {}: {} and {}.",
                    plural(report.pages, "page", "pages"),
                    plural(e, "mistake", "mistakes"),
                    plural(w, "warning", "warnings"),
                );
            }
        }
        let fail = d.has_errors() || (self.deny_warnings && d.warning_count() > 0);
        Ok(if fail {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}

//! `signpost build`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use signpost::BuildOptions;

use super::report;

#[derive(Args)]
pub struct BuildArgs {
    /// The site's folder (the one with `site.yaml`). Default: this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the website. Default: `public` in the site's folder.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site will live at, instead of `base_url` in `site.yaml`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Keep the plain names of stylesheets and scripts (`site.css`) instead of
    /// names that change with their contents (`site.3f9a1c2b.css`).
    #[arg(long)]
    no_fingerprint: bool,
    /// Leave HTML and CSS as the templates and stylesheets have them, instead
    /// of taking out spaces and comments.
    #[arg(long)]
    no_minify: bool,
    /// Make every link relative to its page, so the built folder works
    /// opened from disk (as `relative_urls: true` in `site.yaml` does).
    #[arg(long)]
    relative_urls: bool,
    /// Build as if today were this date (YYYY-MM-DD); closing dates depend on it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = report::parse_date)]
    today: Option<jiff::civil::Date>,
}

impl BuildArgs {
    pub fn run(self) -> Result<ExitCode> {
        let opts = BuildOptions {
            root: self.root.clone(),
            output: self.output,
            base_url: self.base_url,
            drafts: self.drafts,
            today: self.today,
            feedback_endpoint: None,
            fingerprint: !self.no_fingerprint,
            minify: !self.no_minify,
            relative_urls: self.relative_urls,
            // `signpost check` and the preview run them; in a build they
            // would double a large site's build time.
            writing: false,
        };
        let out = opts.output_dir();
        let report = match signpost::build_waiting(&opts, &|m| eprintln!("{m}")) {
            Ok(r) => r,
            Err(e) => return Ok(super::failure::report(&self.root, Some(&out), &e)),
        };
        report::print_diagnostics(&self.root, &report.diagnostics);
        for note in &report.notes {
            eprintln!("note: {note}\n");
        }
        let d = &report.diagnostics;
        if report.written {
            println!(
                "Built {} pages and copied {} files into {} in {} ms{}",
                report.pages,
                report.assets,
                out.display(),
                report.elapsed.as_millis(),
                report::warnings_suffix(d.warning_count()),
            );
            Ok(ExitCode::SUCCESS)
        } else {
            eprintln!(
                "Not built: {} {} found. {} was not changed.",
                d.error_count(),
                if d.error_count() == 1 {
                    "mistake"
                } else {
                    "mistakes"
                },
                out.display()
            );
            Ok(ExitCode::from(1))
        }
    }
}

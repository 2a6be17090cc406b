//! `signpost new` and `signpost init`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use signpost::content::Kind;

#[derive(Args)]
pub struct NewArgs {
    /// The kind of page: page, service, team_member, course or vacancy.
    #[arg(value_name = "KIND", value_parser = parse_kind)]
    kind: Kind,
    /// The page's title (for a team member, their name), in quotes.
    #[arg(value_name = "TITLE")]
    title: String,
    /// The site's folder (the one with `site.yaml`). Default: this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::from_name(&s.replace('-', "_")).ok_or_else(|| {
        format!("`{s}` is not a kind of page; use page, service, team_member, course or vacancy")
    })
}

impl NewArgs {
    pub fn run(self) -> Result<ExitCode> {
        let mut diags = signpost::Diagnostics::default();
        let Some(config) = signpost::Config::load(&self.root, &mut diags) else {
            super::report::print_diagnostics(&self.root, &diags);
            bail!("fix site.yaml first, then try again");
        };
        let written = signpost::scaffold::write_new_page(
            &self.root,
            &config,
            self.kind,
            &self.title,
            signpost::today(),
        )?;
        println!(
            "Wrote {}, as a draft. Open it, replace each value (the notes beside each field say what to write), then remove the line `draft: true` to publish it.",
            written.page.display()
        );
        if let Some(index) = written.section {
            println!(
                "The folder had no `_index.md`, the section's own page that lists its pages, so Signpost wrote {} too, also as a draft: give it a title and summary and publish it with the first page.",
                index.display()
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create the new site in (it must be empty or new).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

impl InitArgs {
    pub fn run(self) -> Result<ExitCode> {
        let n = signpost::scaffold::init(&self.dir)?;
        println!(
            "Wrote the example site ({n} files) into {}. Next: cd {} and run `signpost serve`.",
            self.dir.display(),
            self.dir.display()
        );
        Ok(ExitCode::SUCCESS)
    }
}

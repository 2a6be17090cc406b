//! `signpost new` and `signpost init`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

#[derive(Args)]
pub struct NewArgs {
    /// The kind of page: page, service, team_member, course, vacancy, or
    /// one the site declares under `kinds:` (`signpost kinds` lists them).
    #[arg(value_name = "KIND")]
    kind: String,
    /// The page's title (for a team member, their name), in quotes.
    #[arg(value_name = "TITLE")]
    title: String,
    /// The site's folder (the one with `site.yaml`). Default: this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

impl NewArgs {
    pub fn run(self) -> Result<ExitCode> {
        let mut diags = signpost::Diagnostics::default();
        let config = signpost::Config::load(&self.root, &mut diags);
        // An unknown kind is a mistake in the command (exit 2, as for any
        // other), whether or not site.yaml can be read.
        let kinds = config.as_ref().map(|c| c.kinds.clone()).unwrap_or_default();
        let name = self.kind.replace('-', "_");
        let Some(kind) = kinds.get(&name).cloned() else {
            let names: Vec<&str> = kinds.names().collect();
            let hint = signpost::diagnostics::did_you_mean(&name, names.iter().copied())
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            eprintln!(
                "error: `{}` is not a kind of page; {hint}use one of {} (`signpost kinds` shows their fields)",
                self.kind,
                names.join(", ")
            );
            return Ok(ExitCode::from(2));
        };
        let Some(config) = config else {
            super::report::print_diagnostics(&self.root, &diags);
            bail!("fix site.yaml first, then try again");
        };
        let written = signpost::scaffold::write_new_page(
            &self.root,
            &config,
            kind,
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
    /// The website's name, shown in the header and the browser tab.
    #[arg(long)]
    title: Option<String>,
    /// The organisation that runs it, e.g. "Example Healthcare NHS Trust".
    #[arg(long)]
    organisation: Option<String>,
    /// The address the site will live at, e.g. https://peer.example.nhs.uk/.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The Git repository the publishing workflow installs Signpost from.
    #[arg(long, value_name = "URL")]
    signpost_repository: Option<String>,
}

impl InitArgs {
    pub fn run(self) -> Result<ExitCode> {
        // Asked for when typed at a terminal; otherwise the example's stay.
        let ask = std::io::stdin().is_terminal();
        let settings = signpost::starter::Settings {
            title: self
                .title
                .or_else(|| ask.then(|| prompt("The website's name")).flatten()),
            organisation: self.organisation.or_else(|| {
                ask.then(|| prompt("The organisation that runs it"))
                    .flatten()
            }),
            base_url: self.base_url.or_else(|| {
                ask.then(|| prompt("Its web address, such as https://peer.example.nhs.uk/"))
                    .flatten()
            }),
            repository: self.signpost_repository,
        };
        let n = signpost::starter::init(&self.dir, &settings)?;
        println!(
            "Wrote a new site ({n} files) into {}. Next: cd {} and run `signpost serve`.",
            self.dir.display(),
            self.dir.display()
        );
        println!(
            "It is ready to publish with GitHub Pages (.github/workflows/publish.yml) or Netlify (netlify.toml); EDITING.md tells its editors how to work on it."
        );
        if settings.base_url.is_none() {
            println!(
                "Set `base_url` in site.yaml to the address the site will live at; until then every build reminds you."
            );
        }
        if settings.repository() == signpost::starter::UNKNOWN_REPOSITORY {
            println!(
                "Before publishing, put the address of Signpost's repository in SIGNPOST_REPOSITORY in .github/workflows/publish.yml and in netlify.toml (or run init with --signpost-repository)."
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// Asks one question; an empty answer keeps the example's value.
fn prompt(question: &str) -> Option<String> {
    print!("{question} (Enter keeps the example's): ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).ok()?;
    let answer = answer.trim();
    (!answer.is_empty()).then(|| answer.to_string())
}

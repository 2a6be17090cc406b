//! `signpost kinds`: the site's kinds of page and their fields, read from
//! the same registry the build checks pages against, so what it prints is
//! always what the build expects. `--format json` prints a JSON Schema of
//! each kind's front matter, for editors that complete and check as you type.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use signpost::schema::{FieldDef, Kinds};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
pub struct KindsArgs {
    /// Only this kind.
    #[arg(value_name = "KIND")]
    kind: Option<String>,
    /// `text` to read, or `json` for a JSON Schema of each kind.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The site's folder (the one with `site.yaml`). Default: this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

impl KindsArgs {
    pub fn run(self) -> Result<ExitCode> {
        let mut diags = signpost::Diagnostics::default();
        let Some(config) = signpost::Config::load(&self.root, &mut diags) else {
            super::report::print_diagnostics(&self.root, &diags);
            bail!("fix site.yaml first, then try again");
        };
        let kinds = &config.kinds;
        let chosen: Vec<_> = match &self.kind {
            Some(k) => match kinds.get(&k.replace('-', "_")) {
                Some(kind) => vec![kind.clone()],
                None => {
                    eprintln!(
                        "error: `{k}` is not a kind of page; use one of {}",
                        kinds.names().collect::<Vec<_>>().join(", ")
                    );
                    return Ok(ExitCode::from(2));
                }
            },
            None => kinds.kinds.clone(),
        };
        match self.format {
            Format::Json => {
                let mut all = serde_json::Map::new();
                for k in &chosen {
                    all.insert(
                        k.name.clone(),
                        signpost::schema::json::for_kind(kinds, k, false),
                    );
                    all.insert(
                        format!("section_{}", k.name),
                        signpost::schema::json::for_kind(kinds, k, true),
                    );
                }
                println!("{}", serde_json::to_string_pretty(&all)?);
            }
            Format::Text => print!("{}", describe(kinds, &chosen, &config.sections)),
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// Every chosen kind, its folders and its fields, in words.
fn describe(
    kinds: &Kinds,
    chosen: &[std::sync::Arc<signpost::schema::KindSchema>],
    sections: &std::collections::BTreeMap<String, String>,
) -> String {
    let mut s = String::new();
    for k in chosen {
        let folders: Vec<String> = sections
            .iter()
            .filter(|(_, kind)| **kind == k.name)
            .map(|(f, _)| format!("content/{f}/"))
            .collect();
        let whence = if k.from_site {
            "declared in site.yaml"
        } else {
            "built in"
        };
        s.push_str(&format!("{} ({whence})", k.name));
        if !folders.is_empty() {
            s.push_str(&format!(": pages in {}", folders.join(", ")));
        }
        s.push('\n');
        if let Some(o) = &k.order {
            let dir = if o.descending {
                "latest first"
            } else {
                "earliest first"
            };
            s.push_str(&format!("  listed by {} ({dir})\n", o.field));
        }
        if k.can_end() {
            s.push_str(&format!(
                "  {} once {} has passed\n",
                k.past_word,
                k.ends_on.join(" (or ") + &")".repeat(k.ends_on.len().saturating_sub(1))
            ));
        }
        for f in &k.fields {
            field(&mut s, f, "  ");
        }
        if !k.section_fields.is_empty() {
            s.push_str("  its section page (_index.md) may also have:\n");
            for f in &k.section_fields {
                field(&mut s, f, "    ");
            }
        }
        s.push('\n');
    }
    s.push_str("Every kind may also have:\n");
    for f in &kinds.common {
        field(&mut s, f, "  ");
    }
    s
}

fn field(s: &mut String, f: &FieldDef, indent: &str) {
    s.push_str(&format!(
        "{indent}{}: {}{} — {}\n",
        f.name,
        f.ty.describe(),
        if f.required { ", required" } else { "" },
        f.help
    ));
    if let signpost::schema::FieldType::List(of) = &f.ty
        && let signpost::schema::FieldType::Object(inner) = &**of
    {
        for sub in inner {
            field(s, sub, &format!("{indent}    "));
        }
    }
    if let signpost::schema::FieldType::Object(inner) = &f.ty {
        for sub in inner {
            field(s, sub, &format!("{indent}    "));
        }
    }
}

//! `signpost init`: a new site made from the starter copy of the example
//! site (`starter/` and the themes, embedded by `build.rs`), with what it
//! needs to be published (the files in `init-files/`: `.gitignore`, a
//! GitHub workflow, `netlify.toml`, `EDITING.md`) and its own title,
//! organisation and address in `site.yaml`.

use std::path::Path;

use anyhow::{Context, Result, bail};

include!(concat!(env!("OUT_DIR"), "/example_site.rs"));

/// Where the new site's publishing workflow installs Signpost from, when
/// this build of Signpost does not know its own repository.
pub const UNKNOWN_REPOSITORY: &str = "https://github.com/YOUR-ORGANISATION/signpost";

/// The files `init` adds to the starter: (path in the new site, text).
const PUBLISHING: &[(&str, &str)] = &[
    (".gitignore", include_str!("../init-files/gitignore")),
    (
        ".github/workflows/publish.yml",
        include_str!("../init-files/publish.yml"),
    ),
    ("netlify.toml", include_str!("../init-files/netlify.toml")),
    ("EDITING.md", include_str!("../init-files/EDITING.md")),
    // `static/` holds files published as they are; git keeps no empty folder.
    ("static/.gitkeep", ""),
];

/// What the new site is called and where it will live; `None` keeps the
/// example's.
#[derive(Debug, Default, Clone)]
pub struct Settings {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub base_url: Option<String>,
    /// The repository the workflow installs Signpost from.
    pub repository: Option<String>,
}

impl Settings {
    pub fn repository(&self) -> String {
        self.repository
            .clone()
            .filter(|r| !r.trim().is_empty())
            .or_else(|| {
                option_env!("CARGO_PKG_REPOSITORY")
                    .filter(|r| !r.is_empty())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| UNKNOWN_REPOSITORY.to_string())
    }
}

/// Writes a new site into `dir`, which must be empty or not exist.
/// Returns how many files were written.
pub fn init(dir: &Path, settings: &Settings) -> Result<usize> {
    if let Some(url) = &settings.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        bail!("the address `{url}` must be a full web address, starting with https://");
    }
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; choose a new folder so nothing is overwritten",
                dir.display()
            );
        }
    }
    let repository = settings.repository();
    let version = env!("CARGO_PKG_VERSION");
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    for (rel, bytes) in EXAMPLE_SITE {
        let bytes = if *rel == "site.yaml" {
            site_yaml(&String::from_utf8_lossy(bytes), settings).into_bytes()
        } else {
            bytes.to_vec()
        };
        files.push((rel, bytes));
    }
    for (rel, text) in PUBLISHING {
        let text = text
            .replace("{{repository}}", &repository)
            .replace("{{version}}", version);
        files.push((rel, text.into_bytes()));
    }
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    Ok(files.len())
}

/// The starter's `site.yaml` with the given settings in place of the
/// example's, keeping every note.
fn site_yaml(text: &str, settings: &Settings) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let replaced = [
            ("title", &settings.title),
            ("organisation", &settings.organisation),
            ("base_url", &settings.base_url),
        ]
        .into_iter()
        .find_map(|(key, value)| {
            let value = value.as_ref()?;
            line.strip_prefix(key)?.strip_prefix(':')?;
            Some(format!("{key}: {}\n", quote(value)))
        });
        out.push_str(replaced.as_deref().unwrap_or(line));
    }
    out
}

/// A YAML scalar for `value`, quoted only when it needs to be.
fn quote(value: &str) -> String {
    serde_yaml::to_string(value)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{value:?}"))
}

/// Whether `base_url` is still a placeholder address (example.org, .com or
/// .net, or a site under one).
pub fn is_example_address(base_url: &str) -> bool {
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    ["example.org", "example.com", "example.net"]
        .iter()
        .any(|e| host == *e || host.ends_with(&format!(".{e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_site_is_embedded() {
        assert!(EXAMPLE_SITE.iter().any(|(p, _)| *p == "site.yaml"));
        assert!(EXAMPLE_SITE.iter().any(|(p, _)| *p == "content/_index.md"));
        assert!(
            EXAMPLE_SITE
                .iter()
                .any(|(p, _)| p.starts_with("themes/default/templates/"))
        );
    }

    #[test]
    fn settings_replace_the_examples_and_keep_the_notes() {
        let text = "# The name\ntitle: Peer support\ntitle_extra: x\n# Where\nbase_url: https://example.org/\n";
        let s = Settings {
            title: Some("Talking: together".into()),
            base_url: Some("https://talk.example.nhs.uk/".into()),
            ..Settings::default()
        };
        assert_eq!(
            site_yaml(text, &s),
            "# The name\ntitle: 'Talking: together'\ntitle_extra: x\n# Where\nbase_url: https://talk.example.nhs.uk/\n"
        );
    }

    #[test]
    fn placeholder_addresses_are_recognised() {
        assert!(is_example_address("https://example.org/"));
        assert!(is_example_address("https://www.EXAMPLE.com/peer"));
        assert!(!is_example_address("https://peer.nhs.uk/"));
        assert!(!is_example_address("https://notexample.org/"));
    }
}

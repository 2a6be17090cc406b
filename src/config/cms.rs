//! The `cms:` settings of `site.yaml`: whether `signpost build` writes the
//! browser editor (`admin/`), which editor, where it saves (the backend and
//! repository) and where uploaded pictures go. What is written is made in
//! `crate::cms`; the preview's own saving is in `serve::cms`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The code of every mistake in these settings.
pub const CODE: &str = "config/cms";

/// The backend settings of the CMS that `backend_settings` may give (the
/// others Signpost writes itself).
pub const BACKEND_SETTINGS: &[&str] = &[
    "app_id",
    "api_root",
    "base_url",
    "auth_endpoint",
    "auth_type",
    "tenant_id",
    "site_domain",
    "cms_label_prefix",
];

/// Which editor the admin page loads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum App {
    /// Decap CMS: the default, because the preview can be its local backend.
    #[default]
    Decap,
    /// Sveltia CMS: reads the same configuration.
    Sveltia,
}

/// Where the editor saves on the published site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    #[default]
    Github,
    Gitlab,
    /// Azure DevOps.
    Azure,
    Gitea,
}

impl Backend {
    /// The name the CMS's configuration uses.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Github => "github",
            Backend::Gitlab => "gitlab",
            Backend::Azure => "azure",
            Backend::Gitea => "gitea",
        }
    }

    /// How many `/`-separated parts the repository's name has, and an example.
    fn repo_form(self) -> (usize, &'static str) {
        match self {
            Backend::Azure => (3, "organisation/project/repository"),
            _ => (2, "owner/repository"),
        }
    }
}

/// `cms:` in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cms {
    /// Written when `cms:` is there, unless `enabled: false`.
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub app: App,
    #[serde(default)]
    pub backend: Backend,
    /// `owner/name` of the repository the published editor saves to.
    #[serde(default)]
    pub repo: Option<String>,
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Where pictures uploaded outside a page's own folder go.
    #[serde(default = "default_media")]
    pub media_folder: String,
    /// More settings of the backend, as the CMS's documentation names them
    /// (`app_id`, `api_root`…): how editors sign in on a self-hosted GitLab
    /// or Gitea, or with Azure DevOps.
    #[serde(default)]
    pub backend_settings: BTreeMap<String, String>,
    /// A copy of the editor's script on this computer, for the preview
    /// (path from the site's folder); otherwise `node_modules` is tried.
    #[serde(default)]
    pub script: Option<String>,
    /// Lines in `site.yaml` of these settings, for messages.
    #[serde(skip)]
    pub lines: BTreeMap<String, usize>,
}

fn yes() -> bool {
    true
}

fn default_branch() -> String {
    "main".into()
}

fn default_media() -> String {
    "static/images".into()
}

impl Cms {
    /// Notes the line of `cms:` and of each setting under it.
    pub fn locate(&mut self, text: &str) {
        let mut inside = false;
        let mut parent = String::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if !line.starts_with([' ', '\t']) {
                inside = line.starts_with("cms:");
                if inside {
                    self.lines.insert(String::new(), i + 1);
                }
                continue;
            }
            let Some((key, _)) = trimmed.split_once(':').filter(|_| inside) else {
                continue;
            };
            let key = key.trim().to_string();
            // Top-level settings, and the ones under `backend_settings:`.
            if line.len() - trimmed.len() <= 2 {
                parent = key.clone();
                self.lines.entry(key).or_insert(i + 1);
            } else {
                self.lines.entry(format!("{parent}.{key}")).or_insert(i + 1);
            }
        }
    }

    fn line(&self, key: &str) -> Option<usize> {
        let parent = key.split('.').next().unwrap_or(key);
        self.lines
            .get(key)
            .or_else(|| self.lines.get(parent))
            .or_else(|| self.lines.get(""))
            .copied()
    }

    fn mistake(&self, key: &str, message: String, help: String) -> Diagnostic {
        Diagnostic::error(CODE, Path::new(crate::config::CONFIG_FILE), message)
            .at_line(self.line(key))
            .field(format!("cms.{key}"))
            .help(help)
    }

    /// Mistakes in the values (unknown keys and wrong types are reported
    /// when reading).
    pub fn validate(&self, diags: &mut Diagnostics) {
        if let Some(repo) = &self.repo {
            let (parts, example) = self.backend.repo_form();
            let split: Vec<&str> = repo.split('/').collect();
            let bad_part = split.iter().any(|p| {
                p.is_empty()
                    || *p == "."
                    || *p == ".."
                    || p.chars()
                        .any(|c| c.is_whitespace() || c == ':' || c == '\\')
            });
            if split.len() != parts || bad_part {
                diags.push(self.mistake(
                    "repo",
                    format!("`cms.repo` should be the repository's name as `{example}`, but it is `{repo}`"),
                    format!("Write the part of the repository's web address after the site's name, such as `{}`.", if parts == 3 { "nhs-trust/website/peer-support" } else { "nhs-trust/peer-support" }),
                ));
            }
        }
        if self.branch.trim().is_empty() || self.branch.contains(char::is_whitespace) {
            diags.push(self.mistake(
                "branch",
                format!(
                    "`cms.branch` should be the name of a branch, but it is `{}`",
                    self.branch
                ),
                "Write the branch the site is published from, such as `main`.".into(),
            ));
        }
        if let Some(why) = folder_problem(&self.media_folder) {
            diags.push(self.mistake(
                "media_folder",
                format!("`cms.media_folder` must be a folder inside `static/` or `content/`, but `{}` {why}", self.media_folder),
                "Write a folder such as `static/images`: pictures there are published at `/images/`.".into(),
            ));
        }
        for key in self.backend_settings.keys() {
            if !BACKEND_SETTINGS.contains(&key.as_str()) {
                let help =
                    match crate::diagnostics::did_you_mean(key, BACKEND_SETTINGS.iter().copied()) {
                        Some(s) => format!("Did you mean `{s}`?"),
                        None => format!(
                            "Use the names in the CMS's documentation for your backend: {}.",
                            BACKEND_SETTINGS.join(", ")
                        ),
                    };
                diags.push(self.mistake(
                    &format!("backend_settings.{key}"),
                    format!("`{key}` under `cms.backend_settings` is not a setting of the CMS's backend Signpost can pass on"),
                    help,
                ));
            }
        }
        if let Some(script) = &self.script
            && script.trim().is_empty()
        {
            diags.push(self.mistake(
                "script",
                "`cms.script` is empty".into(),
                "Write the path of the editor's script file from the site's folder, such as `node_modules/decap-cms/dist/decap-cms.js`, or leave the line out.".into(),
            ));
        }
    }

    /// The media folder with no slashes at either end.
    pub fn media_folder(&self) -> &str {
        self.media_folder.trim_matches('/')
    }
}

/// Why `path` cannot be the media folder, if it cannot.
fn folder_problem(path: &str) -> Option<&'static str> {
    let clean = path.trim_matches('/');
    if path.starts_with('/') || path.contains(':') || path.contains('\\') {
        return Some("is not a path from the site's folder");
    }
    let parts: Vec<&str> = clean.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == ".." || *p == "." || p.starts_with('.'))
    {
        return Some("has an empty part, `..` or a hidden folder in it");
    }
    match parts.first() {
        Some(&"static") | Some(&"content") => None,
        _ => Some("is outside them"),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::diagnostics::{Diagnostic, Diagnostics};

    const MINIMAL: &str = "title: T\norganisation: O\nbase_url: https://example.org/\n";

    fn parse(extra: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let mut d = Diagnostics::default();
        let c = Config::parse(&format!("{MINIMAL}{extra}"), &mut d);
        (c, d.sorted())
    }

    #[test]
    fn without_cms_settings_there_is_no_editor() {
        let (c, _) = parse("");
        assert!(c.expect("parses").cms.is_none());
    }

    #[test]
    fn cms_settings_default_to_decap_on_github_main() {
        let (c, d) = parse("cms:\n  repo: nhs-trust/peer-support\n");
        let cms = c.unwrap_or_else(|| panic!("{d:#?}")).cms.expect("cms");
        assert!(cms.enabled);
        assert_eq!(cms.app, super::App::Decap);
        assert_eq!(cms.backend.name(), "github");
        assert_eq!(cms.branch, "main");
        assert_eq!(cms.media_folder(), "static/images");
    }

    #[test]
    fn a_misspelt_cms_setting_is_located_and_named() {
        let (c, d) = parse("cms:\n  backnd: gitlab\n");
        assert!(c.is_none());
        assert_eq!(d[0].field.as_deref(), Some("cms.backnd"));
        assert_eq!(d[0].line, Some(5));
        assert!(
            d[0].help.as_deref().unwrap_or("").contains("`backend`"),
            "{d:#?}"
        );
    }

    #[test]
    fn an_unknown_backend_is_a_located_error() {
        let (c, d) = parse("cms:\n  backend: bitbucket\n");
        assert!(c.is_none());
        assert_eq!(d[0].line, Some(5), "{d:#?}");
        assert_eq!(d[0].field.as_deref(), Some("cms.backend"), "{d:#?}");
    }

    #[test]
    fn bad_cms_values_are_located_errors() {
        for (extra, field, line) in [
            ("cms:\n  repo: peer-support\n", "cms.repo", 5),
            (
                "cms:\n  backend: azure\n  repo: trust/site\n",
                "cms.repo",
                6,
            ),
            ("cms:\n  media_folder: ../pictures\n", "cms.media_folder", 5),
            ("cms:\n  media_folder: images\n", "cms.media_folder", 5),
            ("cms:\n  branch: \"my branch\"\n", "cms.branch", 5),
            ("cms:\n  script: \"\"\n", "cms.script", 5),
            (
                "cms:\n  backend_settings:\n    app_idd: x\n",
                "cms.backend_settings.app_idd",
                6,
            ),
        ] {
            let (c, d) = parse(extra);
            assert!(c.is_none(), "{extra}");
            assert_eq!(d.len(), 1, "{extra}: {d:#?}");
            assert_eq!(d[0].code, super::CODE);
            assert_eq!(d[0].field.as_deref(), Some(field), "{extra}");
            assert_eq!(d[0].line, Some(line), "{extra}");
        }
    }
}

//! The browser editor: from the kind registry and the site's sections,
//! `signpost build` writes `admin/config.yml` (the CMS's forms: one folder
//! collection per section, one file collection for the other pages) and
//! `admin/index.html` (the page that loads the CMS, with Signpost's
//! components as editor components). [`collections`] makes the forms,
//! [`widgets`] turns each field into a form widget, [`page`] writes the
//! HTML and [`merge`] keeps a saved file's field order and comments.
//! Saving in the preview is `serve::cms`.
//!
//! The module is declared from `output` (which writes its files), so the
//! crate's root is left alone.

pub mod collections;
pub mod merge;
pub mod page;
pub mod widgets;

use std::path::{Path, PathBuf};

use crate::config::cms::{App, Cms};
use crate::content::Site;

/// The editor's folder in the output.
pub const ADMIN_DIR: &str = "admin";
/// Where the preview answers the CMS's local backend requests.
pub const API_PATH: &str = "/__signpost/cms/api/v1";
/// Where the preview serves the folder of the CMS's script (the script
/// loads more of itself from beside it) from this computer.
pub const SCRIPT_DIR: &str = "/__signpost/cms/app/";

/// The version of each CMS the admin page loads: pinned, so an update of
/// the CMS cannot change the editor without a new Signpost.
pub const DECAP_VERSION: &str = "3.16.3";
pub const SVELTIA_VERSION: &str = "0.221.1";

/// The script the published admin page loads, as the CMS's documentation
/// recommends (its package on the unpkg CDN), with its checksum when known.
pub fn cdn_script(app: App) -> (String, Option<&'static str>) {
    match app {
        App::Decap => (
            format!("https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"),
            Some(DECAP_INTEGRITY),
        ),
        App::Sveltia => (
            format!("https://unpkg.com/@sveltia/cms@{SVELTIA_VERSION}/dist/sveltia-cms.js"),
            None,
        ),
    }
}

/// Subresource integrity of `decap-cms@3.16.3/dist/decap-cms.js`, so a
/// changed file on the CDN is refused by the browser.
const DECAP_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// Where a copy of the script is looked for on this computer, from the
/// site's folder, when `cms.script` is not set.
pub fn node_modules_script(app: App) -> &'static str {
    match app {
        App::Decap => "node_modules/decap-cms/dist/decap-cms.js",
        App::Sveltia => "node_modules/@sveltia/cms/dist/sveltia-cms.js",
    }
}

/// The copy of the CMS's script on this computer the preview can serve, if
/// there is one: `cms.script`, or the package in `node_modules`.
pub fn local_script(root: &Path, cms: &Cms) -> Option<PathBuf> {
    let path = match &cms.script {
        Some(s) => root.join(s),
        None => root.join(node_modules_script(cms.app)),
    };
    path.is_file().then_some(path)
}

/// Whether the site is being built for the preview on this computer (its
/// address is a loopback one): then the admin page uses the preview as its
/// backend and a local copy of the script.
pub fn for_preview(base_url: &str) -> bool {
    let Some(rest) = base_url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or_default();
    let name = match host.rsplit_once(':') {
        Some((n, p)) if p.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => host,
    };
    matches!(name, "localhost" | "127.0.0.1" | "[::1]")
}

/// The output paths of the editor's files (for the clash checks).
pub fn paths(site: &Site) -> Vec<String> {
    match site.config.cms.as_ref().filter(|c| c.enabled) {
        Some(_) => vec![
            format!("{ADMIN_DIR}/config.yml"),
            format!("{ADMIN_DIR}/index.html"),
        ],
        None => Vec::new(),
    }
}

/// The editor's files, as (output path, text): none unless `cms:` is set
/// and enabled.
pub fn files(site: &Site) -> Vec<(String, String)> {
    let Some(cms) = site.config.cms.as_ref().filter(|c| c.enabled) else {
        return Vec::new();
    };
    let preview = for_preview(&site.config.base_url);
    let local = local_script(&site.root, cms).filter(|_| preview);
    let script = match local.as_ref().and_then(|p| p.file_name()) {
        Some(name) => (format!("{SCRIPT_DIR}{}", name.to_string_lossy()), None),
        None => cdn_script(cms.app),
    };
    vec![
        (
            format!("{ADMIN_DIR}/config.yml"),
            collections::config_yml(site, cms, preview),
        ),
        (
            format!("{ADMIN_DIR}/index.html"),
            page::index_html(&site.config, &script.0, script.1),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_loopback_address_is_the_preview() {
        for yes in [
            "http://127.0.0.1:1111/",
            "http://localhost:8000/",
            "http://[::1]:1111/",
        ] {
            assert!(for_preview(yes), "{yes}");
        }
        for no in [
            "https://127.0.0.1/",
            "https://example.org/",
            "http://example.org/",
            "http://127.0.0.1.example.org/",
        ] {
            assert!(!for_preview(no), "{no}");
        }
    }
}

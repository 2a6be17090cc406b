//! The theme: its templates, compiled once per build, and how a page picks
//! its template.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{Environment, Error, ErrorKind, Value};
use walkdir::WalkDir;

use super::minify;
use crate::content::{Page, Site, is_ignored_name};
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::theme_ids::ThemeIds;

pub const THEMES_DIR: &str = "themes";

/// A loaded theme.
pub struct Theme {
    env: Environment<'static>,
    /// Static file → its fingerprinted name (`css/site.css` → `css/site.3f9a1c2b.css`).
    pub fingerprints: BTreeMap<String, String>,
    /// `themes/<name>` relative to the site root, for messages.
    dir: PathBuf,
    names: Vec<String>,
    /// The ids the templates write, which headings in markdown keep clear of.
    pub ids: ThemeIds,
}

impl Theme {
    /// Loads every template of the site's theme, reporting syntax errors.
    pub fn load(site: &Site, diags: &mut Diagnostics) -> Option<Theme> {
        let dir = Path::new(THEMES_DIR).join(&site.config.theme);
        let templates = site.root.join(&dir).join("templates");
        if !templates.is_dir() {
            diags.push(
                Diagnostic::error(
                    "theme/missing",
                    "site.yaml",
                    format!("The theme `{}` has no `templates` folder", site.config.theme),
                )
                .field("theme")
                .help(format!(
                    "Check the `theme:` setting; it must name a folder in `themes/` that has a `templates` folder (looked for `{}`).",
                    dir.join("templates").to_string_lossy().replace('\\', "/")
                )),
            );
            return None;
        }
        let mut env = Environment::new();
        // Block tags on their own lines leave no blank lines behind.
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.set_formatter(html_formatter);
        let base_path = site.config.base_path();
        let fingerprints = if site.fingerprint {
            fingerprints(site, &dir)
        } else {
            BTreeMap::new()
        };
        let names_for_url = fingerprints.clone();
        env.add_function("url", move |path: &str| {
            let rel = path.trim_start_matches('/');
            match names_for_url.get(rel) {
                Some(named) => url_with_base(&base_path, named),
                None => url_with_base(&base_path, path),
            }
        });
        env.add_filter("date", date_filter);
        env.add_global(
            "search",
            search_value(site, templates.join("search.html").is_file()),
        );
        let mut names = Vec::new();
        let mut ids = ThemeIds::default();
        let before = diags.error_count();
        let walker = WalkDir::new(&templates)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let Ok(rel) = entry.path().strip_prefix(&templates) else {
                continue;
            };
            let name = rel.to_string_lossy().replace('\\', "/");
            let file = dir.join("templates").join(rel);
            let source = match std::fs::read_to_string(entry.path()) {
                Ok(s) => {
                    ids.add(&name, &s);
                    if site.minify && name.ends_with(".html") {
                        minify::template(&s)
                    } else {
                        s
                    }
                }
                Err(e) => {
                    diags.push(
                        Diagnostic::error(
                            "theme/unreadable",
                            &file,
                            format!("This template could not be read: {e}"),
                        )
                        .help("Check the file's permissions and that it is saved as UTF-8."),
                    );
                    continue;
                }
            };
            if let Err(e) = env.add_template_owned(name.clone(), source) {
                diags.push(template_error(&e, &dir, None));
                continue;
            }
            names.push(name);
        }
        (diags.error_count() == before).then_some(Theme {
            env,
            fingerprints,
            dir,
            names,
            ids,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The names of every template, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// `index.html` for home, `section_<kind>.html` (or `section.html`) for
    /// sections, the kind's template (`<kind>.html`) for pages, or, for a
    /// kind the theme has no template for, `generic.html`, which shows
    /// every field.
    pub fn template_for(&self, page: &Page) -> String {
        if &*page.source == "_index.md" {
            return "index.html".into();
        }
        if page.is_section {
            let specific = format!("section_{}.html", page.kind.name());
            return if self.has(&specific) {
                specific
            } else {
                "section.html".into()
            };
        }
        let own = format!("{}.html", page.kind.template);
        if !self.has(&own) && self.has(GENERIC) {
            return GENERIC.into();
        }
        own
    }

    /// Renders `template`; a failure names the template, its line and the page.
    pub fn render(
        &self,
        template: &str,
        vars: Value,
        page_file: &Path,
    ) -> Result<String, Diagnostic> {
        let tmpl = self.env.get_template(template).map_err(|e| {
            if e.kind() == ErrorKind::TemplateNotFound {
                Diagnostic::error(
                    "theme/missing-template",
                    self.dir.join("templates").join(template),
                    format!(
                        "The theme has no `{template}` template, needed for `{}`",
                        page_file.to_string_lossy().replace('\\', "/")
                    ),
                )
                .help(format!(
                    "Add `{template}` to the theme's templates folder, or give the page another `kind:`."
                ))
            } else {
                template_error(&e, &self.dir, Some(page_file))
            }
        })?;
        tmpl.render(vars)
            .map_err(|e| template_error(&e, &self.dir, Some(page_file)))
    }
}

/// The template for pages of a kind the theme has no template of its own for.
pub const GENERIC: &str = "generic.html";

/// Fingerprinted names for the stylesheets and scripts of the theme's and the
/// site's `static/` folders (the site's win, as when copying).
fn fingerprints(site: &Site, theme_dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for dir in [
        site.root.join(theme_dir).join("static"),
        site.root.join("static"),
    ] {
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            let Some(ext) = path
                .extension()
                .and_then(|e| e.to_str())
                .filter(|e| matches!(*e, "css" | "js"))
            else {
                continue;
            };
            let (Ok(rel), Ok(bytes)) = (path.strip_prefix(&dir), std::fs::read(path)) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            // Named after the bytes that are written, so a minified and a
            // plain build never share a name.
            let bytes = minify::static_file(&rel, bytes, site.minify);
            let stem = &rel[..rel.len() - ext.len() - 1];
            out.insert(
                rel.clone(),
                format!("{stem}.{:08x}.{ext}", fnv1a(&bytes) as u32),
            );
        }
    }
    out
}

/// FNV-1a: a small, stable hash; enough to tell versions of a file apart.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A minijinja error as a diagnostic on the template file.
fn template_error(e: &Error, dir: &Path, page: Option<&Path>) -> Diagnostic {
    // The innermost error names the template and line where it happened.
    let mut inner: &Error = e;
    while let Some(src) = std::error::Error::source(inner).and_then(|s| s.downcast_ref::<Error>()) {
        inner = src;
    }
    let name = inner.name().or(e.name()).unwrap_or("?");
    let line = inner.line().or(e.line());
    let detail = inner
        .detail()
        .or(e.detail())
        .map(str::to_string)
        .unwrap_or_else(|| inner.kind().to_string());
    let message = match page {
        Some(p) => format!(
            "The template `{name}` failed while building `{}`: {detail}",
            p.to_string_lossy().replace('\\', "/")
        ),
        None => format!("The template `{name}` has a mistake: {detail}"),
    };
    Diagnostic::error("theme/template", dir.join("templates").join(name), message)
        .at_line(line)
        .help("This is a mistake in the theme, not in the page; ask whoever looks after the theme, quoting this message.")
}

/// Escapes text for HTML like minijinja does, except that `/` is left alone:
/// it needs no escaping, and `&#x2f;` in every link makes the HTML hard to read.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), Error> {
    let plain_html = matches!(state.auto_escape(), minijinja::AutoEscape::Html) && !value.is_safe();
    if !plain_html || value.is_undefined() || value.is_none() {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        out.write_str(&text[last..i]).map_err(Error::from)?;
        out.write_str(rep).map_err(Error::from)?;
        last = i + 1;
    }
    out.write_str(&text[last..]).map_err(Error::from)
}

/// `url("/css/site.css")` → `/peer-support/css/site.css`.
pub fn url_with_base(base_path: &str, path: &str) -> String {
    if crate::urls::is_external(path) || path.starts_with('#') {
        return path.to_string();
    }
    format!("{}{}", base_path, path.trim_start_matches('/'))
}

/// `2026-12-01` → `1 December 2026` (GOV.UK style); a date and time
/// `2027-03-04 14:30` → `4 March 2027 at 2:30pm`.
fn date_filter(value: &str) -> Result<String, Error> {
    if value.len() > 10
        && let Ok(dt) = crate::content::frontmatter::parse_datetime(value)
    {
        let time = match (dt.hour(), dt.minute()) {
            (12, 0) => "midday".to_string(),
            (0, 0) => "midnight".to_string(),
            (h, m) => {
                let (h12, half) = (
                    if h % 12 == 0 { 12 } else { h % 12 },
                    if h < 12 { "am" } else { "pm" },
                );
                if m == 0 {
                    format!("{h12}{half}")
                } else {
                    format!("{h12}:{m:02}{half}")
                }
            }
        };
        return Ok(format!("{} at {time}", dt.date().strftime("%-d %B %Y")));
    }
    let d: jiff::civil::Date = value.parse().map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("`{value}` is not a date written YYYY-MM-DD"),
        )
    })?;
    Ok(d.strftime("%-d %B %Y").to_string())
}

/// `search` in the templates: whether site search is on, and where its
/// pages and index are (see `crate::search`). The paths are fixed, so the
/// value is made here, once per theme, for every page's header.
fn search_value(site: &Site, theme_has_it: bool) -> Value {
    let base = site.config.base_path();
    minijinja::context! {
        enabled => site.config.search.enabled && theme_has_it,
        url => url_with_base(&base, "/search/"),
        a_z_url => url_with_base(&base, "/a-z/"),
        bundle_url => url_with_base(&base, "/search-index/"),
        base_path => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_leaves_slashes_alone() {
        let mut env = Environment::new();
        env.set_formatter(html_formatter);
        env.add_template("t.html", "<a href=\"{{ u }}\">{{ t }}</a>{{ none_value }}")
            .expect("template");
        let out = env
            .get_template("t.html")
            .and_then(|t| {
                t.render(minijinja::context! { u => "/a/b/?x=1&y=2", t => "<Tom's \"page\">" })
            })
            .expect("render");
        assert_eq!(
            out,
            "<a href=\"/a/b/?x=1&amp;y=2\">&lt;Tom&#x27;s &quot;page&quot;&gt;</a>"
        );
    }

    #[test]
    fn dates_are_written_out_in_full() {
        assert_eq!(date_filter("2026-12-01").expect("date"), "1 December 2026");
        assert_eq!(
            date_filter("2027-03-04 14:30").expect("datetime"),
            "4 March 2027 at 2:30pm"
        );
        assert_eq!(
            date_filter("2027-03-04T12:00").expect("datetime"),
            "4 March 2027 at midday"
        );
        assert!(date_filter("soon").is_err());
    }

    #[test]
    fn urls_get_the_base_path_once() {
        assert_eq!(
            url_with_base("/peer-support/", "/css/site.css"),
            "/peer-support/css/site.css"
        );
        assert_eq!(url_with_base("/", "/"), "/");
        assert_eq!(url_with_base("/", "https://x.org/"), "https://x.org/");
    }
}

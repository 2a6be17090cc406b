//! Signpost: an accessible static site generator.
//!
//! The build is a pipeline of stages, each a module:
//! [`config`] (`site.yaml`) → [`content`] (markdown files into the [`Site`]
//! model) → [`markdown`] → [`render`] (templates) → [`output`] (files).
//! Every stage adds what it finds to one [`Diagnostics`] list; the caller
//! decides what to do with it.

// Diagnostics are the error type of content checks; they are made rarely and
// boxing them would only add noise.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cms;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod html;
pub mod markdown;
pub mod output;
pub mod registry;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod sink;
pub mod starter;
pub mod urls;
mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use jiff::civil::Date;

pub use config::Config;
pub use content::Site;
pub use diagnostics::{Diagnostic, Diagnostics, Severity};

use output::{Sink, Staging};

pub use output::Refused;
use render::Theme;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `site.yaml`.
    pub root: PathBuf,
    /// Where to write; `public/` under the root when `None`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The date the build treats as today; the real date when `None`.
    pub today: Option<Date>,
    /// Sends the feedback form here instead of the configured endpoint
    /// (the preview server collects submissions itself).
    pub feedback_endpoint: Option<String>,
    /// Name stylesheets and scripts after their contents (`site.3f9a1c2b.css`),
    /// so hosts can cache them for ever. `signpost build` turns it on.
    pub fingerprint: bool,
    /// Minify HTML and CSS, unless `site.yaml` says `minify: false`.
    /// `signpost build` turns it on; the preview never minifies.
    pub minify: bool,
    /// Make links relative to each page, as `relative_urls: true` in
    /// `site.yaml` does.
    pub relative_urls: bool,
    /// Run the writing checks (reading score, plain English, spelling).
    /// On for `check` and the preview; `signpost build` turns them off,
    /// as they would double a large site's build time.
    pub writing: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            today: None,
            feedback_endpoint: None,
            writing: true,
            fingerprint: false,
            minify: false,
            relative_urls: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    /// Pages written (including the 404 and thank-you pages).
    pub pages: usize,
    /// Files copied as they are.
    pub assets: usize,
    pub elapsed: Duration,
    /// Whether the output folder was replaced.
    pub written: bool,
    /// Things to tell the person running the build that are not about the
    /// content, such as what was left by an interrupted build.
    pub notes: Vec<String>,
}

/// Today's date on this machine.
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Reads the settings and the content into a [`Site`].
pub fn load(opts: &BuildOptions, diags: &mut Diagnostics) -> Option<Site> {
    load_parts(opts, true, diags).map(|(site, _)| site)
}

/// [`load`], also giving the findings of `site.yaml` alone (the build core
/// keeps them apart, as it reloads content without reading settings again).
/// Without `keep_text`, pages read their text again when rendered.
fn load_parts(
    opts: &BuildOptions,
    keep_text: bool,
    diags: &mut Diagnostics,
) -> Option<(Site, Vec<Diagnostic>)> {
    let mut config = Config::load(&opts.root, diags)?;
    let config_diags: Vec<Diagnostic> = diags.iter().cloned().collect();
    check::writing::warm_up(&config);
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    if let Some(endpoint) = &opts.feedback_endpoint {
        config.feedback.endpoint = Some(endpoint.clone());
        config.feedback.provider = None;
    }
    let load = content::LoadOptions {
        drafts: opts.drafts,
        today: opts.today.unwrap_or_else(today),
        fingerprint: opts.fingerprint,
        minify: opts.minify,
        writing: opts.writing,
    };
    Site::load_keeping(&opts.root, config, &load, keep_text, diags).map(|site| (site, config_diags))
}

/// Loads the site and builds it into `sink` with the build core: what
/// `build`, `check` and the preview all start with. The findings alone when
/// the site cannot be built at all (mistakes in `site.yaml`, no `content`
/// folder, a theme that does not load). With `keep_bodies`, the build keeps
/// each page's rendered markdown for later edits (the preview).
pub fn start(
    opts: &BuildOptions,
    sink: &dyn Sink,
    keep_bodies: bool,
) -> Result<build::Build, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some((site, config_diags)) = load_parts(opts, keep_bodies, &mut diags) else {
        return Err(diags);
    };
    build::Build::new(opts, site, config_diags, diags, sink, keep_bodies)
}

/// Copies the theme's static files, then the site's own (which win), then
/// the non-markdown files beside the content. Returns how many, a warning
/// for each shortcut to outside the site that was left out, and the first
/// file that could not be copied (the rest are still copied, so that one
/// unreadable file does not hide every other finding).
pub(crate) fn copy_assets_collecting(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
) -> (usize, Vec<Diagnostic>, Option<anyhow::Error>) {
    let root = site
        .root
        .canonicalize()
        .unwrap_or_else(|_| site.root.clone());
    let mut left_out = Vec::new();
    let mut assets = 0;
    let mut failure = None;
    // The site's own static files come second so that they win.
    for dir in [
        site.root.join(theme.dir()).join("static"),
        site.root.join("static"),
    ] {
        match output::copy_tree(&dir, &root, sink, &theme.fingerprints, &mut left_out) {
            Ok(n) => assets += n,
            Err(e) => {
                failure.get_or_insert_with(|| {
                    anyhow::anyhow!("could not copy the files in {}: {e}", dir.display())
                });
            }
        }
    }
    for a in &site.assets {
        match sink.copy(&a.from, &a.to) {
            Ok(()) => assets += 1,
            Err(e) => {
                failure.get_or_insert_with(|| {
                    anyhow::anyhow!("could not copy {}: {e}", a.from.display())
                });
            }
        }
    }
    let warnings = left_out
        .into_iter()
        .map(|p| {
            content::link_outside_warning(
                p.strip_prefix(&site.root)
                    .map(Path::to_path_buf)
                    .unwrap_or(p),
            )
        })
        .collect();
    (assets, warnings, failure)
}

/// Builds the site into `sink` with the build core, returning (pages,
/// assets) and adding every finding to `diags`; an error when a file could
/// not be copied or written. For callers that only want the files.
pub fn render_into(
    opts: &BuildOptions,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> Result<(usize, usize)> {
    match start(opts, sink, false) {
        Ok(b) => {
            diags.extend(b.diagnostics().iter().cloned());
            match b.failure() {
                Some(f) => Err(anyhow::anyhow!("{f}")),
                None => Ok(b.counts()),
            }
        }
        Err(d) => {
            diags.extend(d.iter().cloned());
            Ok((0, 0))
        }
    }
}

/// A build or check that stopped on a problem with files or folders (a
/// full disk, a file that cannot be read, an output folder Signpost will not
/// replace) rather than with the content. Carries the findings made so far.
#[derive(Debug)]
pub struct BuildError {
    pub diagnostics: Diagnostics,
    pub error: anyhow::Error,
}

impl BuildError {
    /// The build was refused because of where it would write: the command
    /// needs changing, nothing failed.
    pub fn is_refusal(&self) -> bool {
        self.error.downcast_ref::<output::Refused>().is_some()
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

impl std::error::Error for BuildError {}

/// Builds the site into its output folder. The folder is replaced only when
/// there were no errors; otherwise it is left exactly as it was. See
/// [`output::staging`] for how the swap keeps every file that is not
/// Signpost's.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_waiting(opts, &|_| {})
}

/// [`build`], calling `waiting` with a message if another build of the same
/// output folder has to finish first.
pub fn build_waiting(
    opts: &BuildOptions,
    waiting: &dyn Fn(&str),
) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    let finish = |diags, pages, assets, written, notes| BuildReport {
        diagnostics: diags,
        pages,
        assets,
        elapsed: start.elapsed(),
        written,
        notes,
    };
    let Some((site, config_diags)) = load_parts(opts, false, &mut diags) else {
        return Ok(finish(diags, 0, 0, false, Vec::new()));
    };
    let mut site_notes = Vec::new();
    if starter::is_example_address(&site.config.base_url) {
        site_notes.push(format!(
            "`base_url` in site.yaml is still {}, a placeholder: the sitemap, feeds and \
             links shared from the site will point there. Set it to the address the site \
             will live at.",
            site.config.base_url
        ));
    }
    // The theme's folder may be a shortcut to somewhere outside the site.
    let reads = [site.root.join("themes").join(&site.config.theme)];
    let staging = match Staging::begin(&opts.root, &opts.output_dir(), &reads, waiting) {
        Ok(s) => s,
        Err(error) => {
            if error.downcast_ref::<output::Refused>().is_none() {
                // Nothing can be written, but the editor still gets every
                // finding, as `check` would show them.
                diags = match build::Build::new(
                    opts,
                    site,
                    config_diags,
                    diags,
                    &output::NullSink,
                    false,
                ) {
                    Ok(b) => b.diagnostics(),
                    Err(d) => d,
                };
            }
            return Err(BuildError {
                diagnostics: diags,
                error,
            });
        }
    };
    let dir = output::DirSink::new(staging.dir());
    let sink = output::MinifyingSink::new(&dir, site.minify);
    let relative = (opts.relative_urls || site.config.relative_urls)
        .then(|| output::relative::SiteUrls::new(&site.config.base_url, &site.config.base_path()));
    let result = match build::Build::new(opts, site, config_diags, diags, &sink, false) {
        Ok(b) => {
            // Site search reads the finished pages. The index (on every
            // core) is made while the site's findings are worked out (the
            // link checks and site-wide rules, on one), not after: it is
            // thrown away with the rest of the output if they hold a
            // mistake.
            let (found, index) = rayon::join(
                || b.diagnostics(),
                || match b.failure() {
                    None => search::write_index(b.site(), b.search_listing(), staging.dir()),
                    Some(_) => Ok(0),
                },
            );
            diags = found;
            match b.failure() {
                Some(f) => Err(anyhow::anyhow!("{f}")),
                None if !diags.has_errors() => index.map(|_| b.counts()),
                None => Ok(b.counts()),
            }
        }
        Err(d) => {
            diags = d;
            Ok((0, 0))
        }
    }
    .and_then(|counts| {
        if let Some(urls) = relative.filter(|_| !diags.has_errors()) {
            output::relative::rewrite_folder(staging.dir(), &urls)
                .map_err(|e| anyhow::anyhow!("could not make the links relative: {e}"))?;
        }
        Ok(counts)
    });
    match result {
        Ok((pages, assets)) if !diags.has_errors() => match staging.commit() {
            Ok(notes) => {
                site_notes.extend(notes);
                Ok(finish(diags, pages, assets, true, site_notes))
            }
            Err(error) => Err(BuildError {
                diagnostics: diags,
                error,
            }),
        },
        Ok(_) => {
            let notes = staging.notes.clone();
            staging.abort();
            Ok(finish(diags, 0, 0, false, notes))
        }
        Err(error) => {
            staging.abort();
            Err(BuildError {
                diagnostics: diags,
                error,
            })
        }
    }
}

/// Builds the site without writing anything, for its findings: what
/// `signpost check` does.
pub fn check_site(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    let (pages, assets) = match render_into(opts, &output::NullSink, &mut diags) {
        Ok(counts) => counts,
        Err(error) => {
            return Err(BuildError {
                diagnostics: diags,
                error,
            });
        }
    };
    Ok(BuildReport {
        diagnostics: diags,
        pages,
        assets,
        elapsed: start.elapsed(),
        written: false,
        notes: Vec::new(),
    })
}

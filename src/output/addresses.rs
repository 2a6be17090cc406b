//! One address, one file: every output the build makes (pages, the pages
//! Signpost writes itself, the sitemap, `robots.txt`, feeds, alias
//! redirects, static files and files beside the content) claims a path in
//! the output folder. Two claims on one path, or a file where another
//! output needs a folder (`sitemap.xml` and `sitemap.xml/index.html`), are a
//! `content/duplicate-url` error on the claim an editor can change, and
//! neither is written, so nothing is silently replaced and the build never
//! stops on a bare "File exists".

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::Sink;
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;
use crate::urls::output_path;

/// The code of every clash.
pub const CODE: &str = "content/duplicate-url";

/// Who makes an output.
#[derive(Debug, Clone)]
pub enum Owner<'a> {
    /// A file Signpost writes itself, described in words ("the sitemap").
    Signpost(String),
    Page(&'a Page),
    /// An old address under a page's `aliases:`, with its line and column.
    Alias {
        page: &'a Page,
        alias: &'a str,
        at: (usize, usize),
    },
    /// A file copied from the theme's `static/` folder.
    ThemeFile(PathBuf),
    /// A file copied from the site's `static/` folder.
    StaticFile(PathBuf),
    /// A file copied from beside the pages in `content/`.
    ContentFile(PathBuf),
}

impl Owner<'_> {
    /// Who keeps a clashing address: Signpost's own files first, then pages,
    /// then files, and old addresses last (they are the easiest to change).
    fn rank(&self) -> u8 {
        match self {
            Owner::Signpost(_) => 0,
            Owner::Page(_) => 1,
            Owner::ThemeFile(_) => 2,
            Owner::StaticFile(_) => 3,
            Owner::ContentFile(_) => 4,
            Owner::Alias { .. } => 5,
        }
    }

    /// The file to blame, and the line of the field, if any.
    fn file(&self) -> (PathBuf, Option<usize>) {
        match self {
            Owner::Signpost(_) => (PathBuf::new(), None),
            Owner::Page(p) => (p.file.to_path_buf(), Some(1)),
            Owner::Alias { page, at, .. } => (page.file.to_path_buf(), Some(at.0)),
            Owner::ThemeFile(f) | Owner::StaticFile(f) | Owner::ContentFile(f) => (f.clone(), None),
        }
    }

    /// The owner in words, as the other half of a message.
    fn describe(&self) -> String {
        match self {
            Owner::Signpost(what) => format!("Signpost's own {what}"),
            Owner::Page(p) => format!("the page `{}`", slashed(&p.file)),
            Owner::Alias { page, .. } => {
                format!("an old address (`aliases:`) of `{}`", slashed(&page.file))
            }
            Owner::ThemeFile(f) => format!("the theme's file `{}`", slashed(f)),
            Owner::StaticFile(f) | Owner::ContentFile(f) => format!("the file `{}`", slashed(f)),
        }
    }
}

/// One output path and who makes it.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// Relative, `/`-separated path in the output folder.
    pub path: String,
    pub owner: Owner<'a>,
}

fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The web address of an output path: `about/index.html` → `/about/`.
fn address(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Why an old address cannot be used, if it cannot: the cleaned path
/// otherwise (no leading or trailing `/`, base path taken off).
pub fn clean_alias(alias: &str, base_path: &str) -> Result<String, &'static str> {
    let clean = alias.trim().trim_start_matches(base_path).trim_matches('/');
    if clean.is_empty()
        || clean.contains(['\\', '?', '#', ':'])
        || clean
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Err("Write the old address as a path from the site's root, such as `/old-page/`.");
    }
    if clean.split('/').any(|s| s.starts_with('.')) {
        return Err(
            "A part of the address starts with a dot. Web hosts hide or refuse such addresses, and the output folder keeps its own files there (such as `.git`): write the old address without the dot.",
        );
    }
    Ok(clean.to_string())
}

/// The redirect page claims of `aliases:` (one per page and address), and
/// a mistake for each alias that cannot be an address.
pub fn aliases(site: &Site) -> (Vec<Claim<'_>>, Vec<Diagnostic>) {
    let base = site.config.base_path();
    let mut claims = Vec::new();
    let mut seen = BTreeSet::new();
    let mut diags = Vec::new();
    for p in site.pages.iter().filter(|p| !p.common.aliases.is_empty()) {
        let key_line = crate::yaml::line_of(&p.key_lines, "aliases");
        // The line of each item, to point at the alias itself.
        let text = std::fs::read_to_string(site.root.join(&p.file)).unwrap_or_default();
        let items = key_line
            .map(|l| crate::yaml::list_items(&text, l))
            .unwrap_or_default();
        for alias in &p.common.aliases {
            let at = items
                .iter()
                .find(|(v, _, _)| v == alias)
                .map(|(_, l, c)| (*l, *c));
            let clean = match clean_alias(alias, &base) {
                Ok(c) => c,
                Err(help) => {
                    let (line, column) = at.or(key_line.map(|l| (l, 1))).unwrap_or((1, 1));
                    diags.push(
                        Diagnostic::error(
                            "content/alias",
                            &p.file,
                            format!("`{alias}` cannot be used as an old address"),
                        )
                        .at(line, column)
                        .field("aliases")
                        .help(help),
                    );
                    continue;
                }
            };
            let path = if clean.ends_with(".html") {
                clean
            } else {
                format!("{clean}/index.html")
            };
            // The same old address twice on one page is harmless.
            if seen.insert((&*p.source, path.clone())) {
                claims.push(Claim {
                    path,
                    owner: Owner::Alias {
                        page: p,
                        alias,
                        at: at.or(key_line.map(|l| (l, 1))).unwrap_or((1, 1)),
                    },
                });
            }
        }
    }
    (claims, diags)
}

/// Every output made from the site itself (not copied): pages, Signpost's
/// own pages and files, feeds and alias redirects; and the mistakes in
/// aliases.
pub fn generated(site: &Site) -> (Vec<Claim<'_>>, Vec<Diagnostic>) {
    let mut claims: Vec<Claim<'_>> = site
        .pages
        .iter()
        .map(|p| Claim {
            path: output_path(&p.path),
            owner: Owner::Page(p),
        })
        .collect();
    let search = crate::search::special_pages(site);
    let search = search.iter().map(|(_, path, title)| (*path, *title));
    for (path, title) in crate::render::special_pages(site).into_iter().chain(search) {
        claims.push(Claim {
            path: crate::urls::special_output_path(path),
            owner: Owner::Signpost(format!("\u{201c}{title}\u{201d} page")),
        });
    }
    for (path, what) in [("sitemap.xml", "sitemap"), ("robots.txt", "`robots.txt`")] {
        claims.push(Claim {
            path: path.into(),
            owner: Owner::Signpost(what.into()),
        });
    }
    for path in site.feeds().into_iter().map(|f| f.path) {
        claims.push(Claim {
            owner: Owner::Signpost(format!("feed `/{path}`")),
            path,
        });
    }
    for path in crate::cms::paths(site) {
        claims.push(Claim {
            owner: Owner::Signpost(format!("browser editor file `/{path}`")),
            path,
        });
    }
    let (aliases, diags) = aliases(site);
    claims.extend(aliases);
    (claims, diags)
}

/// The claims of copied files, from what a [`Guard`] saw.
pub fn copied<'a>(site: &Site, copies: &[(String, PathBuf)]) -> Vec<Claim<'a>> {
    let root = &site.root;
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    copies
        .iter()
        .map(|(path, from)| {
            let file = rel(from);
            let owner = if file.starts_with(crate::content::CONTENT_DIR) {
                Owner::ContentFile(file)
            } else if file.starts_with("static") {
                Owner::StaticFile(file)
            } else {
                Owner::ThemeFile(file)
            };
            Claim {
                path: path.clone(),
                owner,
            }
        })
        .collect()
}

/// Finds every address claimed twice: a mistake on each claim that gives
/// way, and the output paths that must not be written.
pub fn clashes(claims: &[Claim<'_>]) -> (Vec<Diagnostic>, BTreeSet<String>) {
    let mut by_path: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_path.entry(c.path.as_str()).or_default().push(i);
    }
    // A file at `a` and an output inside `a/` clash too: group them under
    // the shortest claimed path above.
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (&path, idx) in &by_path {
        let top = path
            .match_indices('/')
            .map(|(i, _)| &path[..i])
            .find(|prefix| by_path.contains_key(prefix))
            .unwrap_or(path);
        groups.entry(top).or_default().extend(idx);
    }
    let mut diags = Vec::new();
    let mut blocked = BTreeSet::new();
    for (top, mut idx) in groups {
        if idx.len() < 2 {
            continue;
        }
        idx.sort_by_key(|&i| {
            let (file, line) = claims[i].owner.file();
            (claims[i].owner.rank(), file, line, i)
        });
        let keeper = &claims[idx[0]];
        let mut any = false;
        for &i in &idx[1..] {
            let c = &claims[i];
            match (&keeper.owner, &c.owner) {
                // The site's own static files replace the theme's on purpose.
                (Owner::ThemeFile(_), Owner::StaticFile(_)) if keeper.path == c.path => continue,
                // Two pages at one address are reported as the pages load.
                (Owner::Page(_), Owner::Page(_)) => {
                    any = true;
                    continue;
                }
                _ => {}
            }
            any = true;
            diags.push(mistake(c, keeper, &address(top)));
        }
        if any {
            blocked.extend(idx.iter().map(|&i| claims[i].path.clone()));
        }
    }
    (diags, blocked)
}

fn mistake(c: &Claim<'_>, keeper: &Claim<'_>, address: &str) -> Diagnostic {
    let other = keeper.owner.describe();
    let (file, _) = c.owner.file();
    let own = matches!(keeper.owner, Owner::Signpost(_));
    match &c.owner {
        Owner::Alias { alias, at, .. } => {
            let help = match &keeper.owner {
                Owner::Signpost(_) => {
                    format!("Signpost needs `{address}` for its own file: remove this old address.")
                }
                Owner::Page(_) => "Remove the old address, or move the other page.".into(),
                Owner::Alias { .. } => {
                    "An old address can lead to one page only: remove it from one of them.".into()
                }
                _ => "Remove the old address, or rename or move the file.".into(),
            };
            Diagnostic::error(
                CODE,
                file,
                format!("The old address `{alias}` is already the address of {other}"),
            )
            .at(at.0, at.1)
            .field("aliases")
            .help(help)
        }
        Owner::Page(_) => Diagnostic::error(
            CODE,
            file,
            format!("This page and {other} would both be published at `{address}`"),
        )
        .at(1, 1)
        .help(if own {
            format!("Signpost needs `{address}` for its own file: rename or move this page.")
        } else {
            "Rename or move one of the two so that each has its own web address.".into()
        }),
        _ => Diagnostic::error(
            CODE,
            file,
            format!("This file and {other} would both be published at `{address}`"),
        )
        .help(if own {
            format!("Signpost needs `{address}` for its own file: rename or move this file.")
        } else {
            "Rename or move one of the two so that each has its own web address.".into()
        }),
    }
}

/// Passes files on to another sink, remembering where each copied file
/// came from; once [`Guard::block`] is called, writes to the blocked paths
/// are dropped (they clash, so the build fails and must not stop halfway).
pub struct Guard<'a> {
    inner: &'a dyn Sink,
    copies: Mutex<Vec<(String, PathBuf)>>,
    blocked: OnceLock<BTreeSet<String>>,
}

impl<'a> Guard<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Guard {
            inner,
            copies: Mutex::default(),
            blocked: OnceLock::new(),
        }
    }

    /// The files copied so far: (output path, source file).
    pub fn copies(&self) -> Vec<(String, PathBuf)> {
        self.copies.lock().map(|c| c.clone()).unwrap_or_default()
    }

    pub fn block(&self, paths: BTreeSet<String>) {
        let _ = self.blocked.set(paths);
    }

    fn is_blocked(&self, rel: &str) -> bool {
        self.blocked.get().is_some_and(|b| b.contains(rel))
    }
}

impl Sink for Guard<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if self.is_blocked(rel) {
            return Ok(());
        }
        self.inner.write(rel, bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        if self.is_blocked(rel) {
            return Ok(());
        }
        self.inner.copy(from, rel)?;
        if let Ok(mut c) = self.copies.lock() {
            c.push((rel.to_string(), from.to_path_buf()));
        }
        Ok(())
    }

    fn remove(&self, rel: &str) {
        self.inner.remove(rel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_with_a_dot_part_are_refused() {
        for bad in [
            "/.git/",
            "/a/.well-known/",
            "/.htaccess",
            "/../x/",
            "//",
            "",
        ] {
            assert!(clean_alias(bad, "/").is_err(), "{bad}");
        }
        assert_eq!(clean_alias("/old/page/", "/").as_deref(), Ok("old/page"));
        assert_eq!(clean_alias("/a.b/", "/").as_deref(), Ok("a.b"));
    }

    #[test]
    fn a_file_where_another_output_needs_a_folder_is_a_clash() {
        let claims = [
            Claim {
                path: "sitemap.xml".into(),
                owner: Owner::Signpost("sitemap".into()),
            },
            Claim {
                path: "sitemap.xml/index.html".into(),
                owner: Owner::StaticFile("static/sitemap.xml/index.html".into()),
            },
            Claim {
                path: "css/site.css".into(),
                owner: Owner::ThemeFile("themes/default/static/css/site.css".into()),
            },
            Claim {
                path: "css/site.css".into(),
                owner: Owner::StaticFile("static/css/site.css".into()),
            },
        ];
        let (diags, blocked) = clashes(&claims);
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].file, Path::new("static/sitemap.xml/index.html"));
        assert!(diags[0].message.contains("`/sitemap.xml`"), "{diags:#?}");
        assert_eq!(
            blocked,
            BTreeSet::from(["sitemap.xml".into(), "sitemap.xml/index.html".into()])
        );
    }
}

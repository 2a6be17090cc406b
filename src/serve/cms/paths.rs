//! Which paths the editor may read and write: relative, `/`-separated
//! paths inside `content/` or `static/` of the site, with no `..`, no
//! hidden files or folders, nothing a Windows or web path could read
//! differently (`\`, `:`, NUL), and no shortcut (symlink) on the way.

use std::path::{Path, PathBuf};

use super::refuse;
use crate::serve::http::Reply;

/// The folders the editor may use.
pub const ALLOWED: [&str; 2] = ["content", "static"];

/// The file on disk for `rel`, after every check; or the refusal.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf, Reply> {
    let outside = || {
        refuse(
            403,
            &format!(
                "The editor can only use files inside content/ and static/ of the site, and `{}` is not one.",
                rel.chars().take(200).collect::<String>()
            ),
        )
    };
    if rel.is_empty()
        || rel.len() > 1024
        || rel.starts_with('/')
        || rel.contains(['\\', '\0', ':'])
        || rel.chars().any(char::is_control)
    {
        return Err(outside());
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == ".." || p.starts_with('.'))
    {
        return Err(outside());
    }
    if !parts.first().is_some_and(|p| ALLOWED.contains(p)) {
        return Err(outside());
    }
    // No shortcut anywhere on the way, the site's own folders included: one
    // could lead anywhere on the computer.
    let mut at = root.to_path_buf();
    for part in &parts {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(refuse(
                    403,
                    &format!(
                        "`{rel}` goes through a shortcut (symbolic link), which the editor does not follow."
                    ),
                ));
            }
            Ok(_) => {}
            // Not there yet: a new file (or folder) is made.
            Err(_) => break,
        }
    }
    Ok(root.join(rel))
}

/// A folder to list: like [`resolve`], and it may be `content` or `static`
/// itself.
pub fn folder(root: &Path, rel: &str) -> Result<PathBuf, Reply> {
    resolve(root, rel.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_content_and_static_are_refused() {
        let root = Path::new("/nowhere/site");
        for bad in [
            "",
            "/etc/passwd",
            "../site.yaml",
            "content/../site.yaml",
            "content/./a.md",
            "content//a.md",
            "content/.git/config",
            "content/a/.hidden.md",
            "static\\x.png",
            "content/a:b.md",
            "c:/windows/x",
            "site.yaml",
            "themes/default/templates/base.html",
            ".signpost/feedback.jsonl",
            "content/a\0.md",
            "contents/a.md",
        ] {
            assert!(resolve(root, bad).is_err(), "{bad:?}");
        }
        for ok in [
            "content/team/ann.md",
            "static/images/a photo.jpg",
            "content",
        ] {
            assert!(resolve(root, ok).is_ok(), "{ok}");
        }
    }
}

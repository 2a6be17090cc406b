//! Web paths of source files: `a/b.md` → `/a/b/`, slugs, and joining a
//! relative link to the folder it is written in.

/// `dir` + a relative path, resolving `.` and `..` (a trailing `/` is
/// kept); `None` when it climbs above the top.
pub fn join_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut s = parts.join("/");
    if rel.ends_with('/') && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

/// The web path of a source file: `a/b.md` → `/a/b/`, `a/_index.md` → `/a/`.
pub fn path_for_source(source: &str) -> String {
    let stem = source.strip_suffix(".md").unwrap_or(source);
    let stem = stem
        .strip_suffix("_index")
        .unwrap_or(stem)
        .trim_end_matches('/');
    if stem.is_empty() {
        return "/".into();
    }
    let slug: Vec<String> = stem.split('/').map(slugify).collect();
    format!("/{}/", slug.join("/"))
}

/// Lower-case, spaces to hyphens, and only letters, digits, `-`, `_` and `.`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '+') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

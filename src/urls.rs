//! The site's addresses, in one place: a source file's web path
//! (`a/b.md` → `/a/b/`), the file a web path is written to, full addresses
//! from `base_url`, percent-encoding and decoding, and the one rule for
//! "is this address outside the site". A leaf: it uses nothing of
//! Signpost's, so every stage may use it.

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

/// `/services/x/` → `services/x/index.html`.
pub fn output_path(site_path: &str) -> String {
    format!("{}index.html", site_path.trim_start_matches('/'))
}

/// `/404.html` → `404.html`; `/feedback/thanks/` → `feedback/thanks/index.html`.
pub fn special_output_path(path: &str) -> String {
    if path.ends_with('/') {
        output_path(path)
    } else {
        path.trim_start_matches('/').to_string()
    }
}

/// Decodes `%XX` escapes in a URL path (for the preview server, the link
/// checks and relative URLs); `None` for malformed escapes or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes what may not appear as it is in a URL (letters outside
/// ASCII, spaces, quotes, `<>`…); `%` and URL punctuation are left alone, so
/// an address already encoded stays as it is.
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `base_url` with exactly one trailing slash.
pub fn base_url(base: &str) -> String {
    format!("{}/", base.trim_end_matches('/'))
}

/// The full address of a site path (`/our-team/siân/`) under `base`,
/// percent-encoded so that sitemaps, feeds and structured data hold only
/// ASCII, as their readers require, whatever the files are called.
pub fn absolute_url(base: &str, path: &str) -> String {
    encode_url(&format!(
        "{}{}",
        base_url(base),
        path.trim_start_matches('/')
    ))
}

/// The path part of `base`: `/` or `/peer-support/`.
pub fn base_path(base: &str) -> String {
    let url = base_url(base);
    let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".into(),
    }
}

/// Whether `url` leads outside the site: it has a scheme (`https:`,
/// `mailto:`, `tel:`, `data:`; RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`, then `:`) or is protocol-relative (`//host/`).
/// Everything else (`/about/`, `team.md`, `#part`) is the site's own.
pub fn is_external(url: &str) -> bool {
    url.starts_with("//") || scheme(url).is_some()
}

/// The scheme of `url` (`https`, `mailto`), if it has one.
pub fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_with_a_scheme_or_two_slashes_are_external() {
        for url in [
            "https://nhs.uk",
            "mailto:a@b.c",
            "tel:+44",
            "//cdn.test/x",
            "data:image/png;base64,x",
            "web+x:1",
        ] {
            assert!(is_external(url), "{url}");
        }
        for url in [
            "/about/", "team.md", "#part", "a/b.md#c", "12:30", ":x", "../up.md", "?q=1",
        ] {
            assert!(!is_external(url), "{url}");
        }
    }

    #[test]
    fn full_addresses_join_base_and_path_once_and_are_ascii() {
        assert_eq!(absolute_url("https://x.test", "/a/"), "https://x.test/a/");
        assert_eq!(
            absolute_url("https://x.test/sub/", "a/"),
            "https://x.test/sub/a/"
        );
        assert_eq!(
            absolute_url("https://x.test/", "/siân/"),
            "https://x.test/si%C3%A2n/"
        );
        assert_eq!(base_path("https://x.test"), "/");
        assert_eq!(base_path("https://x.test/peer-support"), "/peer-support/");
    }

    #[test]
    fn a_web_path_is_written_to_its_index_file() {
        assert_eq!(output_path("/services/x/"), "services/x/index.html");
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(special_output_path("/404.html"), "404.html");
        assert_eq!(
            special_output_path("/feedback/thanks/"),
            "feedback/thanks/index.html"
        );
        assert_eq!(percent_decode("si%C3%A2n").as_deref(), Some("siân"));
        assert_eq!(percent_decode("%zz"), None);
    }
}

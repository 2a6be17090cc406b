//! Answering one preview request from the in-memory site: safe path
//! handling, content types, folder redirects, the 404 page, the live-reload
//! script and the error panel.

use std::sync::Arc;

use std::sync::mpsc::Receiver;

use super::guard::Guard;
use super::panel::{error_panel, warnings_list};
use super::reload::{self, Broadcaster, Event};
use super::state::{Shared, Snapshot};
pub use super::wire::Request;
use super::{cms, feedback, feedback_list};
use crate::urls::percent_decode;

/// A response built in memory.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Headers beyond the type, length and caching ones every reply has.
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    pub fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body.as_bytes())
    }

    pub fn json(status: u16, body: &'static str) -> Reply {
        Reply::new(status, "application/json", body.as_bytes())
    }

    pub fn redirect(status: u16, to: String) -> Reply {
        Reply::text(status, "Moved").with("Location", to)
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// Everything a request handler needs.
#[derive(Clone)]
pub struct Ctx {
    /// The site's folder, where the browser editor saves.
    pub root: std::path::PathBuf,
    pub guard: Guard,
    pub shared: Shared,
    pub reload: Broadcaster,
    pub feedback: feedback::Store,
    /// The search pages and index, made in the background (see `search`).
    pub search: super::search::Live,
}

/// What to do with a request.
pub enum Action {
    Reply(Reply),
    /// Turn the connection into an event stream, from this site version.
    Events(Receiver<(Event, u64)>, u64),
}

/// Whether a request that waits before sending its body (`Expect:
/// 100-continue`) would be taken: only a feedback post from the preview's
/// own pages, at one of its own addresses, is.
pub fn wants_body(req: &Request, ctx: &Ctx) -> bool {
    let path = req.target.split(['?', '#']).next().unwrap_or("/");
    if cms::is_api(req) {
        return req.method == "POST" && cms::allowed(req, &ctx.guard);
    }
    req.method == "POST"
        && path == feedback::POST_PATH
        && req.header("Host").is_none_or(|h| ctx.guard.host_ok(h))
        && ctx
            .guard
            .same_origin_request(req.header("Origin"), req.header("Sec-Fetch-Site"))
}

/// Handles one request.
pub fn handle(req: &Request, ctx: &Ctx) -> Action {
    let path = req.target.split(['?', '#']).next().unwrap_or("/");
    if let Some(host) = req.header("Host")
        && !ctx.guard.host_ok(host)
    {
        // Another name pointed at this computer: answering would let that
        // site's pages read the preview.
        return Action::Reply(Reply::text(
            403,
            "This preview only answers at the address signpost serve printed (such as http://127.0.0.1:1111/).",
        ));
    }
    let method = req.method.as_str();
    if cms::is_api(req) {
        return Action::Reply(cms::handle(req, &ctx.root, &ctx.guard));
    }
    if path == feedback::POST_PATH {
        return Action::Reply(if method == "POST" {
            feedback::handle(req, &ctx.feedback, &ctx.guard)
        } else {
            Reply::text(405, "Send the form with POST.").with("Allow", "POST")
        });
    }
    if method != "GET" && method != "HEAD" {
        return Action::Reply(
            Reply::text(405, "Only GET and HEAD are allowed here.").with("Allow", "GET, HEAD"),
        );
    }
    if path == reload::EVENTS_PATH && method == "HEAD" {
        return Action::Reply(
            Reply::text(405, "The live-reload stream is only sent for GET.").with("Allow", "GET"),
        );
    }
    if path == reload::EVENTS_PATH && method == "GET" {
        // A page on another site could open streams in a loop and fill
        // the preview's connections.
        if !ctx
            .guard
            .same_origin_request(req.header("Origin"), req.header("Sec-Fetch-Site"))
        {
            return Action::Reply(Reply::text(
                403,
                "Live reload only works for the preview's own pages, not for another website.",
            ));
        }
        let version = ctx.shared.read().map_or(0, |s| s.version);
        return Action::Events(ctx.reload.subscribe(), version);
    }
    if path == feedback::LIST_PATH {
        let query = req.target.split_once('?').map_or("", |(_, q)| q);
        return Action::Reply(feedback_list::page(&ctx.feedback, &ctx.guard, query));
    }
    let query = req.target.split('#').next().and_then(|t| t.split_once('?'));
    Action::Reply(get(path, query.map_or("", |(_, q)| q), ctx))
}

/// Serves a GET for `raw_path` (still percent-encoded); `query` is kept
/// on a redirect.
pub fn get(raw_path: &str, query: &str, ctx: &Ctx) -> Reply {
    if let Some(reply) = cms::script(raw_path, &ctx.root) {
        return reply;
    }
    if raw_path == reload::SCRIPT_PATH {
        return Reply::new(
            200,
            "text/javascript; charset=utf-8",
            reload::SCRIPT.as_bytes(),
        );
    }
    let Some(key) = safe_key(raw_path) else {
        return Reply::text(400, "Bad request: that address is not allowed.");
    };
    let Ok(snap) = ctx.shared.read() else {
        return Reply::text(500, "The preview is not available.");
    };
    let index = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.clone()
    };
    if let Some(bytes) = ctx.search.get(&index) {
        return page(&snap, &index, &bytes, 200);
    }
    lookup(&snap, raw_path, query, &key)
}

fn lookup(snap: &Snapshot, raw_path: &str, query: &str, key: &str) -> Reply {
    let files = Arc::clone(&snap.files);
    let index = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    if let Some(bytes) = files.get(&index) {
        return page(snap, &index, bytes, 200);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        return Reply::redirect(301, format!("{raw_path}/{query}"));
    }
    if files.is_empty() && snap.has_errors() {
        // The very first build failed: every page explains why.
        let body = b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signpost preview</title></head><body><main></main></body></html>";
        return page(snap, "index.html", body, 200);
    }
    match files.get("404.html") {
        Some(bytes) => page(snap, "404.html", bytes, 404),
        None => Reply::text(404, "Page not found."),
    }
}

fn page(snap: &Snapshot, name: &str, bytes: &[u8], status: u16) -> Reply {
    let content_type = content_type(name);
    if !content_type.starts_with("text/html") || cms::is_editor_page(name) {
        return Reply::new(status, content_type, bytes.to_vec());
    }
    let html = String::from_utf8_lossy(bytes);
    Reply::new(status, content_type, inject(&html, snap).into_bytes())
}

/// Adds the live-reload script, and the error panel while there are errors.
pub fn inject(html: &str, snap: &Snapshot) -> String {
    let script = format!(
        "<script src=\"{}\" data-version=\"{}\"></script>",
        reload::SCRIPT_PATH,
        snap.version
    );
    let mut out = String::with_capacity(html.len() + 4096);
    let panel = if snap.has_errors() {
        error_panel(&snap.diagnostics)
    } else {
        String::new()
    };
    let warnings = warnings_list(&snap.diagnostics, &snap.pages);
    match find_body_open(html) {
        Some(at) => {
            // The warnings' links go after the page's skip links, which
            // must stay the first links on the page.
            let after = at + skip_links_len(&html[at..]);
            out.push_str(&html[..at]);
            out.push_str(&panel);
            out.push_str(&html[at..after]);
            out.push_str(&warnings);
            out.push_str(&html[after..]);
        }
        None => {
            out.push_str(&panel);
            out.push_str(&warnings);
            out.push_str(html);
        }
    }
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    out
}

/// How many bytes of `html` (just after `<body>`) are skip links: links
/// to a part of the same page (`<a href="#main">`), with the space around.
fn skip_links_len(html: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &html[at..];
        let trimmed = rest.trim_start();
        let Some(tag_end) = trimmed.find('>') else {
            return at;
        };
        let tag = &trimmed[..tag_end];
        let is_skip = (tag.starts_with("<a ") || tag.starts_with("<a\n"))
            && (tag.contains("href=\"#") || tag.contains("href='#") || tag.contains("href=#"));
        let Some(close) = trimmed.find("</a>").filter(|_| is_skip) else {
            return at;
        };
        at += rest.len() - trimmed.len() + close + "</a>".len();
    }
}

/// The byte just after `<body …>`.
fn find_body_open(html: &str) -> Option<usize> {
    let start = html.find("<body")?;
    html[start..].find('>').map(|i| start + i + 1)
}

/// Escapes text for HTML, in element content and quoted attributes alike.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The in-memory key for a request path, or `None` when the path is unsafe:
/// the path is decoded once, and anything that could climb out of the site
/// (`..`, encoded slashes or dots, backslashes, NUL, drive letters) is refused.
pub fn safe_key(raw_path: &str) -> Option<String> {
    if !raw_path.starts_with('/') || raw_path.starts_with("//") {
        return None;
    }
    let decoded = percent_decode(raw_path)?;
    // An encoded `%` left after one decoding is doubled encoding: refuse it.
    if decoded.contains('%') && raw_path.to_ascii_lowercase().contains("%25") {
        return None;
    }
    if decoded.contains(['\0', '\\']) || decoded.contains("//") {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    for seg in rel.split('/') {
        if seg == ".." || seg == "." || seg.contains(':') {
            return None;
        }
    }
    // A raw slash that was encoded would have changed the segments.
    let raw_lower = raw_path.to_ascii_lowercase();
    if raw_lower.contains("%2f") || raw_lower.contains("%5c") || raw_lower.contains("%00") {
        return None;
    }
    Some(rel.to_string())
}

/// The content type for a file name.
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/a%2fb",
            "/a%5cb",
            "/a\\b",
            "/a%00b",
            "//etc/passwd",
            "/%252e%252e/x",
            "/c:/windows",
            "etc/passwd",
            "/%zz",
        ] {
            assert_eq!(safe_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn ordinary_paths_are_kept() {
        assert_eq!(safe_key("/").as_deref(), Some(""));
        assert_eq!(safe_key("/services/").as_deref(), Some("services/"));
        assert_eq!(
            safe_key("/team/a%20photo.jpg").as_deref(),
            Some("team/a photo.jpg")
        );
    }

    #[test]
    fn the_script_goes_before_the_end_of_body_and_the_panel_after_its_start() {
        let snap = Snapshot {
            diagnostics: vec![
                Diagnostic::error("x", "content/a.md", "Broken <thing>")
                    .at(3, 1)
                    .field("title")
                    .help("Fix it"),
            ],
            ..Snapshot::default()
        };
        let out = inject(
            "<html><body class=\"x\"><main>Hi</main></body></html>",
            &snap,
        );
        let panel = out.find("role=\"alert\"").expect("panel");
        let main = out.find("<main>").expect("main");
        let script = out.find(reload::SCRIPT_PATH).expect("script");
        assert!(panel < main && main < script, "{out}");
        assert!(
            out.contains("content/a.md, line 3, field <code>title</code>"),
            "{out}"
        );
        assert!(out.contains("Broken &lt;thing&gt;"), "{out}");
    }

    #[test]
    fn warnings_go_after_the_skip_links() {
        let html = "<body>\n  <a class=\"skip-link\" href=\"#main\">Skip</a>\n<header><a href=\"/\">Home</a></header>";
        let at = skip_links_len(&html[6..]);
        assert_eq!(
            &html[6..6 + at],
            "\n  <a class=\"skip-link\" href=\"#main\">Skip</a>"
        );
        assert_eq!(skip_links_len("<header><a href=\"#x\">x</a>"), 0);
        assert_eq!(skip_links_len("<a href=\"/\">Home</a>"), 0);
        assert_eq!(
            skip_links_len("<a href=\"#a\">A</a><a href=\"#b\">B</a>rest"),
            36
        );
        assert_eq!(skip_links_len("<a href=\"#a\">unclosed"), 0);
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/site.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("photo.JPG"), "image/jpeg");
        assert_eq!(content_type("unknown"), "application/octet-stream");
    }
}

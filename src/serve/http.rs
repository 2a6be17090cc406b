//! Answering one preview request from the in-memory site: safe path
//! handling, content types, folder redirects, the 404 page, the live-reload
//! script and the error panel.

use std::sync::Arc;

use std::sync::mpsc::Receiver;

use super::guard::Guard;
use super::reload::{self, Broadcaster, Event};
use super::state::{Shared, Snapshot};
use super::wire::Request;
use super::{feedback, feedback_list};
use crate::diagnostics::Diagnostic;
use crate::output::percent_decode;

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
    pub guard: Guard,
    pub shared: Shared,
    pub reload: Broadcaster,
    pub feedback: feedback::Store,
}

/// What to do with a request.
pub enum Action {
    Reply(Reply),
    /// Turn the connection into an event stream, from this site version.
    Events(Receiver<(Event, u64)>, u64),
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
    if path == reload::EVENTS_PATH && method == "GET" {
        let version = ctx.shared.read().map_or(0, |s| s.version);
        return Action::Events(ctx.reload.subscribe(), version);
    }
    if path == feedback::LIST_PATH {
        let query = req.target.split_once('?').map_or("", |(_, q)| q);
        return Action::Reply(feedback_list::page(&ctx.feedback, &ctx.guard, query));
    }
    Action::Reply(get(path, ctx))
}

/// Serves a GET for `raw_path` (still percent-encoded).
pub fn get(raw_path: &str, ctx: &Ctx) -> Reply {
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
    lookup(&snap, raw_path, &key)
}

fn lookup(snap: &Snapshot, raw_path: &str, key: &str) -> Reply {
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
        return Reply::redirect(301, format!("{raw_path}/"));
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
    if !content_type.starts_with("text/html") {
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
    match find_body_open(html) {
        Some(at) => {
            out.push_str(&html[..at]);
            out.push_str(&panel);
            out.push_str(&html[at..]);
        }
        None => {
            out.push_str(&panel);
            out.push_str(html);
        }
    }
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    out
}

/// The byte just after `<body …>`.
fn find_body_open(html: &str) -> Option<usize> {
    let start = html.find("<body")?;
    html[start..].find('>').map(|i| start + i + 1)
}

/// An accessible panel listing every mistake, shown at the top of each page.
pub fn error_panel(diags: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let mut s = String::from(
        "<div id=\"signpost-errors\" role=\"alert\" aria-labelledby=\"signpost-errors-title\" style=\"position:relative;z-index:2147483647;margin:0;padding:24px;background:#ffffff;color:#212b32;border:6px solid #d5281b;font:19px/1.5 Arial,Helvetica,sans-serif\">",
    );
    let n = errors.len();
    s.push_str(&format!(
        "<h2 id=\"signpost-errors-title\" style=\"margin:0 0 12px;font-size:27px;color:#212b32\">The site has {n} {} to fix</h2><p style=\"margin:0 0 12px\">You are seeing the last version that worked. Save the file once it is fixed and this page will update by itself.</p><ol style=\"margin:0;padding-left:24px\">",
        if n == 1 { "mistake" } else { "mistakes" }
    ));
    for d in errors {
        let mut place = escape(&d.file.to_string_lossy().replace('\\', "/"));
        if let Some(line) = d.line {
            place.push_str(&format!(", line {line}"));
        }
        if let Some(field) = &d.field {
            place.push_str(&format!(", field <code>{}</code>", escape(field)));
        }
        s.push_str(&format!(
            "<li style=\"margin-bottom:12px\"><strong>{place}</strong><br>{}",
            with_code(&d.message)
        ));
        if let Some(help) = &d.help {
            s.push_str(&format!(
                "<br><span style=\"color:#4c6272\">What to do: {}</span>",
                with_code(help)
            ));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></div>");
    s
}

/// Escapes a message for HTML, showing its `backtick` spans as code the
/// way markdown does: a run of backticks opens a span that the next run of
/// the same length closes; a run with no partner is shown as it is.
pub fn with_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push_str(&escape(&rest[..open]));
        let after_open = &rest[open..];
        let ticks = after_open.len() - after_open.trim_start_matches('`').len();
        let inner_start = &after_open[ticks..];
        match closing_run(inner_start, ticks) {
            Some(close) => {
                let code = &inner_start[..close];
                // Markdown drops one space each side when both are there.
                let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                    Some(inner) if !inner.trim().is_empty() => inner,
                    _ => code,
                };
                out.push_str("<code>");
                out.push_str(&escape(code));
                out.push_str("</code>");
                rest = &inner_start[close + ticks..];
            }
            None => {
                out.push_str(&after_open[..ticks]);
                rest = inner_start;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

/// Where a run of exactly `ticks` backticks starts in `s`.
fn closing_run(s: &str, ticks: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == ticks {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
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
    fn backticks_in_messages_become_code_and_everything_else_is_escaped() {
        assert_eq!(
            with_code("`sumary` is not a field of a `page` page"),
            "<code>sumary</code> is not a field of a <code>page</code> page"
        );
        assert_eq!(
            with_code("write `<b>` as ``a`b`` or `` `x` ``"),
            "write <code>&lt;b&gt;</code> as <code>a`b</code> or <code>`x`</code>"
        );
        assert_eq!(
            with_code("a lone ` tick & <i>"),
            "a lone ` tick &amp; &lt;i&gt;"
        );
        assert_eq!(with_code("``"), "``");
        assert_eq!(with_code("` `"), "<code> </code>");
        assert_eq!(with_code("é`ü`"), "é<code>ü</code>");
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/site.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("photo.JPG"), "image/jpeg");
        assert_eq!(content_type("unknown"), "application/octet-stream");
    }
}

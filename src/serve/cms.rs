//! The browser editor's saving in the preview: Decap CMS's local backend
//! protocol (the one its `decap-server` proxy speaks: a JSON `{action,
//! params}` POSTed to one address), answered by the preview itself so an
//! editor needs no account and no other program. It reads and writes only
//! inside `content/` and `static/` of the site ([`paths`] checks every path
//! as the preview's own file serving would), answers only the preview's own
//! pages, and caps what it is sent. A saved file is written whole or not at
//! all; the watcher then rebuilds and reloads as for any other save.

mod actions;
mod base64;
mod paths;

use std::path::Path;

use serde_json::{Value, json};

use super::guard::Guard;
use super::http::Reply;
use super::wire::Request;
use crate::cms::{API_PATH, SCRIPT_DIR};

pub use paths::resolve;

/// The largest request body the editor's address takes: a picture of
/// [`MAX_MEDIA`] bytes, base64-encoded (a third larger), in JSON.
pub const MAX_BODY: usize = 14 * 1024 * 1024;
/// The largest page the editor may save.
pub const MAX_ENTRY: usize = 1024 * 1024;
/// The largest picture or file the editor may upload.
pub const MAX_MEDIA: usize = 10 * 1024 * 1024;

fn path_of(target: &str) -> &str {
    target.split(['?', '#']).next().unwrap_or("/")
}

/// Whether a request is for the editor's backend.
pub fn is_api(req: &Request) -> bool {
    path_of(&req.target) == API_PATH
}

/// The largest body `req` may have: more for the editor's saves.
pub fn max_body(req: &Request, normal: usize) -> usize {
    if req.method == "POST" && is_api(req) {
        MAX_BODY
    } else {
        normal
    }
}

/// Whether a request may change files: from the preview's own pages, at
/// one of its addresses, as JSON (which a form on another site cannot send
/// without the browser asking first, and the preview never agrees).
pub fn allowed(req: &Request, guard: &Guard) -> bool {
    req.header("Host").is_none_or(|h| guard.host_ok(h))
        && guard.same_origin_request(req.header("Origin"), req.header("Sec-Fetch-Site"))
        && req.header("Content-Type").is_some_and(|t| {
            t.trim()
                .to_ascii_lowercase()
                .starts_with("application/json")
        })
}

/// A JSON answer.
fn reply(status: u16, value: &Value) -> Reply {
    Reply::new(status, "application/json", value.to_string().into_bytes())
        .with("Cache-Control", "no-store")
}

/// A refusal, in words for the editor (the CMS shows `error`).
pub(crate) fn refuse(status: u16, message: &str) -> Reply {
    reply(status, &json!({ "error": message }))
}

/// Answers a request to [`API_PATH`].
pub fn handle(req: &Request, root: &Path, guard: &Guard) -> Reply {
    if req.method != "POST" {
        return Reply::text(405, "The editor sends its requests with POST.").with("Allow", "POST");
    }
    if !allowed(req, guard) {
        return refuse(
            403,
            "The editor can only save from the preview's own pages, not from another website.",
        );
    }
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return refuse(400, "The editor's request could not be read.");
    };
    let action = body["action"].as_str().unwrap_or_default();
    let params = &body["params"];
    match actions::run(action, params, root) {
        Ok(value) => reply(200, &value),
        Err(e) => e,
    }
}

/// Serves a file of the CMS's own copy on this computer (the script, and
/// the parts it loads from beside itself), if `path` is under
/// [`SCRIPT_DIR`].
pub fn script(path: &str, root: &Path) -> Option<Reply> {
    let name = path.strip_prefix(SCRIPT_DIR)?;
    let ok_name = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if !ok_name {
        return Some(Reply::text(404, "Not found."));
    }
    let mut diags = crate::Diagnostics::default();
    let file = crate::Config::load(root, &mut diags)
        .and_then(|c| c.cms)
        .and_then(|cms| crate::cms::local_script(root, &cms))
        .and_then(|s| s.parent().map(|dir| dir.join(name)));
    let Some(bytes) = file.and_then(|f| std::fs::read(f).ok()) else {
        return Some(Reply::text(404, "Not found."));
    };
    let kind = match name.rsplit_once('.').map(|(_, e)| e) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("map") | Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    Some(Reply::new(200, kind, bytes))
}

/// Whether a built page is the editor's own, which gets no live-reload
/// script or panel: the CMS is a program of its own, and a reload would
/// throw away what the editor is typing.
pub fn is_editor_page(name: &str) -> bool {
    name == format!("{}/index.html", crate::cms::ADMIN_DIR)
}
